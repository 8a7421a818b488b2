"""A rule as a person who signs their scheda reads it: in words only.

A figure's formula may quote the formula the office wrote in its regulation, as a spreadsheet writes it, with a
leading «=» (``=monte_salari * 10%``), and then say it in words. ``explain`` and the internal Relazione keep both,
for the office that wrote it; a scheda is signed by the person it is about, who reads the words: column names and
function names are never on it. Three ways a formula is quoted before or after its words:

- ``«=F» (W)``: the formula in guillemets, its words in the parenthesis after it (kept in brackets when W is a
  choice, «se …, allora …, altrimenti …», followed by more factors: ``(W) × quota pagata``);
- ``=F — W``: a text that begins with the formula, its words after the dash;
- ``W (formula: =F)``: the words, the formula in a parenthesis after them.

A name the office gave a piece of formula is said the same way: ``explain`` writes it in guillemets in the
parenthesis after its words, before the article (``W («nome», art. 4 c. 1)``), so the office finds it in its
formulas; the scheda says ``W (art. 4 c. 1)``.

A sum is said in words, its arithmetic kept: the figures' «Σ pesi» (the office's shorthand, which ``explain`` keeps)
is «somma dei pesi» on the scheda, with the article its noun takes; the weight a formula of the regulation gives,
«peso dalla formula», is the «peso secondo la formula del regolamento».

A yes-no column is said by its name, its meaning in the parenthesis after it, and what it holds:
``la colonna nome (S) dice sì`` (``il dato nome (S) dell'ente dice no`` for a datum of the ente); the scheda says the
meaning and the answer, ``S: sì``, the meaning in guillemets inside a longer sentence (``… e «S»: no e …``).
"""

from __future__ import annotations

import re

from ciclope.core.reports.fmt import closing as _closing
from ciclope.core.reports.fmt import yes_no_said

QUOTED = "«="
DASH = " — "
AFTER = " (formula: ="
# a name of the office's formulas in guillemets, first in the parenthesis after its words: «(«nome», art. 4)», «(«nome»)»
_NAMED = re.compile(r" ?\(«[a-z][a-z0-9_]*»(?:\)|, )")


def words_only(text: str) -> str:
    """``text`` without the formulas the office wrote where their words are beside them (module docstring); a
    formula without its words stays, so that nothing of the rule is lost."""
    if text.startswith("=") and DASH in text:
        text = text.partition(DASH)[2]
    return _plain(yes_no_said(_names_dropped(_after_dropped(_quoted_dropped(text)))))


# the article after «somma» of the nouns the figures sum («Σ pesi» → «somma dei pesi»); another noun takes «di»
_OF = {
    "pesi": "dei ",
    "punti": "dei ",
    "punteggi": "dei ",
    "premi": "dei ",
    "giorni": "dei ",
    "retribuzioni": "delle ",
    "ore": "delle ",
    "tempo": "del ",
    "peso": "del ",
    "importo": "dell'",
    "importi": "degli ",
}
_SUM = re.compile(r"Σ ?(\(|[^\W\d_]+)")
# what a formula of the regulation gave, before the factors of the split (plugins' «peso dalla formula»)
_FROM_FORMULA = re.compile(r"\b(peso|importo|retribuzione di risultato) dalla formula\b(?! d)")


# a «Σ» the figure already follows with its preposition («Σ dei pesi dei valutati positivamente»)
_JOINED = frozenset({"di", "del", "dei", "degli", "della", "delle", "dello"})


def _plain(text: str) -> str:
    """``text`` with the office's shorthands in words (module docstring): «Σ pesi» as «somma dei pesi», «Σ(…)» as
    «somma di (…)», «peso dalla formula» as «peso secondo la formula del regolamento»."""
    text = _SUM.sub(lambda m: f"somma {_of(m[1])}{m[1]}", text)
    return _FROM_FORMULA.sub(lambda m: f"{m[1]} secondo la formula del regolamento", text)


def _of(word: str) -> str:
    """What «somma» takes before ``word``: its article («dei » before «pesi»), «di » before a bracket or a noun not
    listed, nothing before a preposition the figure wrote («dei»)."""
    if word in _JOINED or word.startswith("dell"):
        return ""
    return "di " if word == "(" else _OF.get(word, "di ")


def _names_dropped(text: str) -> str:
    """Each ``W («nome», S)`` as ``W (S)``, ``W («nome»)`` as ``W`` (module docstring)."""
    return _NAMED.sub(lambda m: "" if m.group(0).endswith(")") else f"{m.group(0)[: m.group(0).index('(')]}(", text)


def _quoted_dropped(text: str) -> str:
    """Each ``«=F» (W)`` as ``W``."""
    out, at = [], 0
    while (begin := text.find(QUOTED, at)) >= 0:
        end = text.find("»", begin)
        words = end + 2 if end >= 0 and text.startswith(" (", end + 1) else -1
        close = _closing(text, words) if words >= 0 else -1
        if close < 0:  # no words beside it: the formula stays
            out.append(text[at : begin + len(QUOTED)])
            at = begin + len(QUOTED)
            continue
        said = text[words + 1 : close]
        out.append(text[at:begin] + (f"({said})" if _grouped(said, text[close + 1 :]) else said))
        at = close + 1
    return "".join(out) + text[at:]


# what may follow a formula's words in the same sentence: more factors of the same figure
_OPERATORS = ("×", "/", "+", "−", "÷")


def _grouped(said: str, rest: str) -> bool:
    """Whether a formula's words stay in brackets once the formula is dropped: a choice said as «se …, allora …,
    altrimenti …» followed by more factors («× quota pagata»), which multiply the whole choice, not its last branch."""
    return said.startswith("se ") and ", " in said and rest.lstrip().startswith(_OPERATORS)


def _after_dropped(text: str) -> str:
    """Each ``W (formula: =F)`` as ``W``."""
    while (begin := text.find(AFTER)) >= 0:
        close = _closing(text, begin + 1)
        if close < 0:
            break
        text = text[:begin] + text[close + 1 :]
    return text
