"""Deskhand's face: the command line now, the Qt overlay later, and the composition root."""

__version__ = "0.1.0"
