"""Skills: what a demonstration becomes, how it is stored, and how it is replayed."""
