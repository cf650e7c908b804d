"""A small registry of backends, checked against their protocol when they register.

Checking at registration (not first use) means a backend missing a method fails
at import, in the unit tests, instead of half-way through a user's task.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

_registry: dict[tuple[str, str], Callable[..., Any]] = {}


def protocol_methods(protocol: type) -> set[str]:
    return {name for name, member in vars(protocol).items() if not name.startswith("_") and inspect.isfunction(member)}


def register(protocol: type, name: str) -> Callable[[type], type]:
    """Class decorator: register ``cls`` as backend ``name`` for ``protocol``."""

    def decorate(cls: type) -> type:
        missing = sorted(m for m in protocol_methods(protocol) if not callable(getattr(cls, m, None)))
        if missing:
            raise TypeError(f"{cls.__qualname__} cannot be a {protocol.__name__}: lacks {missing}")
        _registry[(protocol.__name__, name)] = cls
        return cls

    return decorate


def create(protocol: type, name: str, *args: Any, **kwargs: Any) -> Any:
    try:
        factory = _registry[(protocol.__name__, name)]
    except KeyError:
        known = sorted(n for p, n in _registry if p == protocol.__name__)
        raise LookupError(f"no {protocol.__name__} backend {name!r}; known: {known}") from None
    return factory(*args, **kwargs)


def names(protocol: type) -> list[str]:
    return sorted(n for p, n in _registry if p == protocol.__name__)
