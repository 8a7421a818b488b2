"""The ente's independent evaluation body as its documents name it.

D.Lgs. 150/2009 art. 14 gives each administration an OIV; an ente locale may keep a Nucleo di valutazione
instead (TUEL art. 147, D.Lgs. 150/2009 art. 16), and its acts, schede and Relazione then say «il Nucleo di
valutazione», never «l'OIV». ``ente.toml`` names it once (``organismo_valutazione = "Nucleo di valutazione"``);
every text of ciclope that names the body is written with «OIV» and said through :meth:`EvaluationBody.said`,
which puts the ente's name and its article («dall'OIV» → «dal Nucleo di valutazione»). Text an office wrote
(a motivation, a regulation's act title) is never rewritten: only ciclope's own words pass through it.
"""

from __future__ import annotations

import re

import attrs

# The articles a name may be written with, and the preposition each takes: «l'» → «dell'», «dall'», «all'».
_ARTICLES = ("l'", "il ", "lo ", "la ")
_JOINED = {
    "l'": {"di": "dell'", "da": "dall'", "a": "all'", "in": "nell'", "su": "sull'"},
    "il ": {"di": "del ", "da": "dal ", "a": "al ", "in": "nel ", "su": "sul "},
    "lo ": {"di": "dello ", "da": "dallo ", "a": "allo ", "in": "nello ", "su": "sullo "},
    "la ": {"di": "della ", "da": "dalla ", "a": "alla ", "in": "nella ", "su": "sulla "},
}
_PREPOSITIONS = {"dell'": "di", "dall'": "da", "all'": "a", "nell'": "in", "sull'": "su"}
# «OIV» in ciclope's own words, with the article or articulated preposition before it, if any
_NAMED = re.compile(r"\b((?i:dell'|dall'|all'|nell'|sull'|l'))?OIV\b")


@attrs.frozen
class EvaluationBody:
    """The body's name (``OIV``, ``Nucleo di valutazione``) and the article it takes (``l'``, ``il ``…)."""

    name: str = "OIV"
    article: str = "l'"
    # the words ente.toml wrote, which next year's template writes again as they were; "" for the default
    written_as: str = attrs.field(default="", eq=False)

    @classmethod
    def written(cls, text: str) -> EvaluationBody:
        """The body as ``ente.toml`` writes it, with its article or without: «il Nucleo di valutazione»,
        «Nucleo di valutazione» (masculine: «l'» before a vowel, «lo» before s and a consonant, z, gn, ps, x,
        else «il»), «la Commissione di valutazione» (a feminine name is written with its article)."""
        words = " ".join(text.split())
        for article in _ARTICLES:
            if words.lower().startswith(article) and len(words) > len(article):
                return cls(words[len(article) :].lstrip(), article, text)
        return cls(words, _masculine(words), text)

    def said(self, text: str) -> str:
        """``text``, ciclope's own words naming «OIV», with this body's name: «Relazione validata dall'OIV» →
        «Relazione validata dal Nucleo di valutazione»; «L'OIV» at a sentence's start keeps its capital."""
        if self == DEFAULT_BODY:
            return text
        return _NAMED.sub(self._replace, text)

    def _replace(self, found: re.Match[str]) -> str:
        before = found[1]
        if before is None:
            return self.name
        if before.lower() == "l'":
            said = self.article + self.name
        else:
            said = _JOINED[self.article][_PREPOSITIONS[before.lower()]] + self.name
        return said[:1].upper() + said[1:] if before[:1].isupper() else said


def _masculine(name: str) -> str:
    low = name.lower()
    if low[:1] in "aeiouàèéìòù":
        return "l'"
    if low[:1] in "zx" or low[:2] in ("gn", "ps") or (low[:1] == "s" and low[1:2] not in "aeiou"):
        return "lo "
    return "il "


DEFAULT_BODY = EvaluationBody()
