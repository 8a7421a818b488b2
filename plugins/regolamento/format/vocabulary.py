"""The closed lists of a declared regulation read from people.csv (the disciplinary sanction): a word matches a
declared word as an HR office writes it (case, accents, spaces, hyphens ignored: «Rimprovero scritto» is
``rimprovero_scritto``) or through a synonym, declared (``sinonimi``) or of the contracts (the old contract's
«censura» is today's rimprovero scritto). A word that matches nothing is an error naming the file, the row and
the words allowed, never read as no sanction."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

# The contracts' other names of a sanction (CCNL 6.7.1995 art. 24: «rimprovero scritto (censura)»), matched only
# where the regulation's scale has the word they stand for.
CONTRACT_SYNONYMS = {
    "censura": "rimprovero_scritto",
    "richiamo_verbale": "rimprovero_verbale",
    "richiamo_scritto": "rimprovero_scritto",
}


def normal(word: str) -> str:
    """``word`` without case, accents and separators: «Rimprovero  scritto» and «rimprovero-scritto» are one."""
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]+", "_", plain.casefold()).strip("_")


def match(word: str, declared: Iterable[str], synonyms: Mapping[str, str] = {}) -> str | None:  # noqa: B006
    """The declared word ``word`` stands for, or None when it stands for none."""
    words = {normal(w): w for w in declared}
    key = normal(word)
    if key in words:
        return words[key]
    for table in (synonyms, CONTRACT_SYNONYMS):
        mapped = {normal(k): normal(v) for k, v in table.items()}
        if key in mapped and mapped[key] in words:
            return words[mapped[key]]
    return None


def allowed(declared: Iterable[str], synonyms: Mapping[str, str] = {}) -> str:  # noqa: B006
    """The words a person may write, as a message lists them: «a, b, c (o: x = b)»."""
    words = list(declared)
    extra = {k: v for k, v in {**CONTRACT_SYNONYMS, **synonyms}.items() if match(v, words) is not None}
    tail = f" (o i sinonimi: {', '.join(f'{k} = {v}' for k, v in extra.items())})" if extra else ""
    return ", ".join(words) + tail
