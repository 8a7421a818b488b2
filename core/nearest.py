"""The known name nearest to a mistyped one, for «forse …?» hints (issue 42: ids are typed by people)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import attrs

from ciclope.core.fmt import quoted


def _parts(text: str) -> str:
    """A name's words in order of their letters: «assenza_giorni» and «giorni assenza» are the same name."""
    return " ".join(sorted(text.casefold().replace("_", " ").replace("-", " ").split()))


@attrs.frozen
class Names:
    """Known names indexed once, for many look-ups (a wrong id standing on many rows of a file): by their letters in
    any case, and by their words in any order."""

    by_fold: dict[str, str]  # casefolded → the name as written (the first of those alike)
    by_parts: dict[str, str]  # the words in order of their letters → the name

    @classmethod
    def of(cls, known: Iterable[str]) -> Names:
        by_fold: dict[str, str] = {}
        for name in known:
            by_fold.setdefault(name.casefold(), name)
        by_parts: dict[str, str] = {}
        for folded, name in by_fold.items():
            by_parts.setdefault(_parts(folded), name)
        return cls(by_fold, by_parts)

    def nearest(self, word: str, spelled: bool = True) -> str | None:
        """``word`` as one of the names: the same letters in another case first, then the same words in another
        order, else (with ``spelled``) the closest spelling of its words (difflib, case ignored) when no other name is
        about as close; None when nothing is close, or when the closest are a tie to guess between."""
        if word.casefold() in self.by_fold:
            return self.by_fold[word.casefold()]
        mine = _parts(word)
        if mine in self.by_parts:
            return self.by_parts[mine]
        if not spelled:
            return None
        scores = {
            name: max(
                difflib.SequenceMatcher(None, word.casefold(), folded).ratio(),
                difflib.SequenceMatcher(None, mine, parts).ratio(),
            )
            for parts, name in self.by_parts.items()
            for folded in (name.casefold(),)
        }
        ranked = sorted(scores.values(), reverse=True)
        if not ranked or ranked[0] < CLOSE or (len(ranked) > 1 and ranked[0] - ranked[1] < LEAD):
            return None  # nothing close, or two names about as close («livello 4» to «livello 1», «livello 2»…)
        return next(name for name, score in scores.items() if score == ranked[0])


def nearest(word: str, known: Iterable[str]) -> str | None:
    """``word`` as one of ``known`` (:meth:`Names.nearest`): the same letters in another case first, then the same
    words in another order (``assenza_giorni`` → ``giorni_assenza``), else the closest spelling."""
    return Names.of(known).nearest(word)


CLOSE = 0.6  # difflib's ratio from which a spelling is close
LEAD = 0.1  # how much nearer than the next one the suggested name must be


def hint(word: str, known: Iterable[str]) -> str:
    """`` (forse «X»?)`` or ""."""
    return said(nearest(word, known))


def said(near: str | None) -> str:
    """`` (forse «X»?)`` for a name found near, or ""."""
    return f" (forse {quoted(near)}?)" if near is not None else ""
