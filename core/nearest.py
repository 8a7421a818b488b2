"""The known name nearest to a mistyped one, for «forse …?» hints (issue 42: ids are typed by people)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, known: Iterable[str]) -> str | None:
    """``word`` as one of ``known``: the same letters in another case first, else the closest spelling
    (difflib, case ignored); None when nothing is close."""
    by_fold: dict[str, str] = {}
    for name in known:
        by_fold.setdefault(name.casefold(), name)
    if word.casefold() in by_fold:
        return by_fold[word.casefold()]
    found = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=0.6)
    return by_fold[found[0]] if found else None


def hint(word: str, known: Iterable[str]) -> str:
    """`` (forse 'X'?)`` or ""."""
    near = nearest(word, known)
    return f" (forse {near!r}?)" if near is not None else ""
