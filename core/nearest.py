"""The known name nearest to a mistyped one, for «forse …?» hints (issue 42: ids are typed by people)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ciclope.core.fmt import quoted


def _parts(text: str) -> str:
    """A name's words in order of their letters: «assenza_giorni» and «giorni assenza» are the same name."""
    return " ".join(sorted(text.casefold().replace("_", " ").replace("-", " ").split()))


def nearest(word: str, known: Iterable[str]) -> str | None:
    """``word`` as one of ``known``: the same letters in another case first, then the same words in another order
    (``assenza_giorni`` → ``giorni_assenza``), else the closest spelling of its words (difflib, case ignored) when
    no other name is about as close; None when nothing is close, or when the closest are a tie to guess between."""
    by_fold: dict[str, str] = {}
    for name in known:
        by_fold.setdefault(name.casefold(), name)
    if word.casefold() in by_fold:
        return by_fold[word.casefold()]
    by_parts: dict[str, str] = {}
    for folded, name in by_fold.items():
        by_parts.setdefault(_parts(folded), name)
    mine = _parts(word)
    if mine in by_parts:
        return by_parts[mine]
    scores = {
        name: max(
            difflib.SequenceMatcher(None, word.casefold(), folded).ratio(),
            difflib.SequenceMatcher(None, mine, parts).ratio(),
        )
        for parts, name in by_parts.items()
        for folded in (name.casefold(),)
    }
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or ranked[0] < CLOSE or (len(ranked) > 1 and ranked[0] - ranked[1] < LEAD):
        return None  # nothing close, or two names about as close («livello 4» to «livello 1», «livello 2»…): no guess
    return next(name for name, score in scores.items() if score == ranked[0])


CLOSE = 0.6  # difflib's ratio from which a spelling is close
LEAD = 0.1  # how much nearer than the next one the suggested name must be


def hint(word: str, known: Iterable[str]) -> str:
    """`` (forse «X»?)`` or ""."""
    near = nearest(word, known)
    return f" (forse {quoted(near)}?)" if near is not None else ""
