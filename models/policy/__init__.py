"""The policy: a situation in, one decision out, with a small local model choosing among options built in code."""

from models.policy.policy import NOT_ABOUT_SCREEN, ModelPolicy

__all__ = ["NOT_ABOUT_SCREEN", "ModelPolicy"]
