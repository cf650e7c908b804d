"""Data for fine-tuning a local model on what the user taught: chat examples, personal data scrubbed."""
