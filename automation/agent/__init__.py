"""The agent loop: observe, decide, ask or confirm, ground, act, verify."""
