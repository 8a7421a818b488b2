"""File names every office computer can hold, made from ids people wrote (a person, an evaluator, an ente).

Windows refuses a file whose name, before its first dot, is a device (``CON``, ``PRN``, ``AUX``, ``NUL``,
``COM0``–``COM9``, ``LPT0``–``LPT9``, in any case: ``nul.html`` and ``Com1.pdf`` cannot be opened, copied or
deleted there); Windows and macOS fold letter case (``P1.html`` and ``p1.html`` are one file); and a long
name breaks paths on every system. :func:`stem` keeps a plain id as it is and gives any other a cleaned
prefix and a short hash of the id, so two ids never share a name; :func:`stems` also separates ids whose
names differ only in case. Every command that names a file after an id uses these two.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))})
MAX_PLAIN = 80  # characters of an id kept as its own file name
_PLAIN = re.compile(r"[A-Za-z0-9_-]+")
_OTHER = re.compile(r"[^A-Za-z0-9_-]")


def reserved(name: str) -> bool:
    """Whether Windows takes ``name`` (with any extension, any case, trailing spaces) for a device."""
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def stem(text: str) -> str:
    """A file name without extension for ``text``: ``text`` itself when it is letters, digits, ``_`` and ``-``,
    at most :data:`MAX_PLAIN` long and no device name; else its first 40 such characters (others as ``_``)
    and ``-`` with 8 hex digits of its hash (``NUL`` → ``NUL-…``, ``P:3`` → ``P_3-…``)."""
    if len(text) <= MAX_PLAIN and _PLAIN.fullmatch(text) and not reserved(text):
        return text
    return f"{_OTHER.sub('_', text)[:40]}-{digest(text)}"


def stems(texts: Iterable[str]) -> dict[str, str]:
    """Each text's :func:`stem`, unique even where letter case is not: ``P1`` and ``p1`` both take their hash."""
    found = {text: stem(text) for text in texts}
    folded: dict[str, int] = {}
    for name in found.values():
        folded[name.lower()] = folded.get(name.lower(), 0) + 1
    return {text: f"{name}-{digest(text)}" if folded[name.lower()] > 1 else name for text, name in found.items()}
