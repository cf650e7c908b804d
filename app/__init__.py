"""Deskhand's application: the entry point (main), two faces (cli: the commands and the terminal
conversation; ui: the Qt panel) and the services both use (services: composition, the agent,
skills, recording, models, settings, voice)."""

__version__ = "0.1.0"
