"""Deskhand's mind: local language-model backends, prompts, grammars, policy, speech-to-text.

Of automation it imports only plain data and ports: automation.types, skill_card,
decisions (what a policy is told and returns), protocols (the Policy port), errors,
registry, secrets (the one rule for what is secret), audio, numbers (spoken and
written numbers, read one way everywhere), and a skill's steps
(automation.skills.model) for the training set. The contract "The mind sees only
automation's plain data and ports" in pyproject.toml forbids the rest.
"""
