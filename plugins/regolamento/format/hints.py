"""The known name nearest to a mistyped one, for «forse …?» hints in the messages: the core's, so a level, a part
or a column is suggested as a column of people.csv is (the same letters in another case, the same words in
another order, else a spelling clearly nearer than any other)."""

from __future__ import annotations

from ciclope.core import cells


def nearest(word: str, known: list[str]) -> str:
    """`` (forse «X»?)`` for the known name nearest to ``word``, or ``""``."""
    return cells.hint(word, known)
