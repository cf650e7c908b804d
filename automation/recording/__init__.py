"""Watching the user: raw input events, journaled as they happen, for turning into a skill."""
