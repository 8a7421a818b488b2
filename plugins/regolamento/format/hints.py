"""The known name nearest to a mistyped one, for «forse …?» hints in the messages."""

from __future__ import annotations

import difflib


def nearest(word: str, known: list[str]) -> str:
    """`` (forse 'X'?)`` for the known name closest to ``word``, or ``""``."""
    found = difflib.get_close_matches(word.casefold(), [k.casefold() for k in known], n=1, cutoff=0.6)
    if not found:
        return ""
    return f" (forse {next(k for k in known if k.casefold() == found[0])!r}?)"
