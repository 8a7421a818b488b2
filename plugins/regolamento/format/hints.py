"""The known name nearest to a mistyped one, for «forse …?» hints in the messages: the core's, so a level, a part
or a column is suggested as a column of people.csv is (the same letters in another case, the same words in
another order, else a spelling clearly nearer than any other)."""

from __future__ import annotations

from ciclope.core import cells


def nearest(word: str, known: list[str]) -> str:
    """`` (forse «X»?)`` for the known name nearest to ``word``, or ``""``."""
    return cells.hint(word, known)


def meant(written: list[str], known: list[str]) -> dict[str, str]:
    """The known name each mistyped one of ``written`` stands for (its nearest, when not written as well), the first
    typo of a name only: the reader reads the value there, so one mistake is one message, not also «manca» or a rule
    broken by the default the value should have replaced."""
    out: dict[str, str] = {}
    for word in written:
        if word in known:
            continue
        near = cells.nearest(word, known)
        if near is not None and near not in written and near not in out:
            out[near] = word
    return out
