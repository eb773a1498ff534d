"""Small wordings shared by every command: a value as the user reads it, what a URL looks like."""

from __future__ import annotations

__all__ = ["TEMPLATE_URLS", "is_url", "shown"]

TEMPLATE_URLS = ("https://", "http://", "ssh://", "git://", "file://", "git@", "gh:", "gl:")
"""How a template given as a git URL starts (copier's own prefixes ``gh:`` and ``gl:`` too)."""


def is_url(source: str) -> bool:
    """Whether a template source is a URL (anything with ``://``, or copier's short forms)."""
    return "://" in source or source.startswith(TEMPLATE_URLS)


def shown(value: object) -> str:
    """A value as the user reads it: ``yes``/``no`` for a boolean, else its text."""
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)
