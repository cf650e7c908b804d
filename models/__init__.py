"""Deskhand's mind: local language-model backends, prompts, grammars, policy, speech-to-text.

May import automation's plain types (automation.types, automation.errors), nothing else of it.
"""
