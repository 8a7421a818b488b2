"""How a declared regulation's sources are cited, and where in its file a problem of a formula is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ciclope.core import Citation
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.spec import Regulation

# an act a source names (outside its notes in parentheses and its quotations «…»): a contract (the comparto Sanità's
# integrative one is the «CCIA», aziendale; a framework one the «CCNQ»), a law, a decree, a
# regulation, another ente's system of evaluation or plan named with whose or which it is («SMVP Casale Monferrato,
# art. 37», «PIAO 2026-2028»; a bare «SMVP, scheda» is the office's own, as it calls its regulation), an act of the
# ente (a determina, a delibera), or the date or number of one («del 05.03.2024», «n. 7/2024»); a bare place («art.
# 5», «sez. I», «allegato A») names none
_ACT = re.compile(
    r"\b(?:CCNL|CCNI|CCNQ|CCDI|CCDA|CCIA|CCI|CCRL|D\.\s?Lgs\.|D\.\s?L\.|DL|DPR|D\.P\.R\.|DM|D\.M\.|DPCM|L\.|TUEL)(?=[\s,]|$)"
    r"|\b(?:SMVP|PIAO)\s+(?!(?:art|artt|c|sez|cap|par|punto|allegato)\b)[\w\d]"
    r"|\b(?:Regolamento|Contratto|Accordo|Statuto|Codice|Circolare|Legge)\b"
    r"|\b(?:[Dd]etermin(?:a|e|azione|azioni)|[Dd]elib(?:era|ere|erazione|\.)|[Dd]ecreto)(?=[\s,.]|$)"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b|\bn\. ?\d+/\d{4}\b"
)
_ASIDE = re.compile(r"\([^()]*\)|«[^«»]*»")  # a note in parentheses, a quotation: never the act the source names
# a regulation that is a contract by its title or sigla («CCDI 2024», «Contratto collettivo decentrato integrativo …»):
# the ente's system of evaluation it names («SMVP art. 5») is an act of its own, adopted apart, not the contract
_CONTRACT = re.compile(r"\b(?:CCNL|CCNI|CCDI|CCDA|CCIA|CCI|CCRL|CI|[Cc]ontratto|[Aa]ccordo)\b")
_SYSTEM = re.compile(r"(?:SMVP|PIAO)(?!\w)")


def names_act(reg: Regulation, source: str) -> bool:
    """True for a ``fonte`` that names its act itself («art. 78 CCNL Funzioni Centrali 12.2.2018», «D.Lgs.
    150/2009 art. 9», «determina n. 12/2019», or the regulation by its own title or sigla): cited as written."""
    # the office's own act in its own case or not («accordo stralcio, punto 1» under the sigla «Accordo stralcio»)
    text = _ASIDE.sub("", source).strip()
    return (
        _names_own(reg, source) or _ACT.search(text) is not None or (_SYSTEM.match(text) is not None and _contract(reg))
    )


def _contract(reg: Regulation) -> bool:
    """Whether the regulation's act is a contract by its sigla or title (:data:`_CONTRACT`)."""
    return any(_CONTRACT.search(name) for name in (reg.act.short, reg.act.title) if name)


def cite(reg: Regulation, source: str) -> Citation:
    """A source as published documents cite it: the act's title (or its sigla), then the article («…, art. 12 c.
    3»); the regulation's act is the act cited, its ``fonte`` where in it. A ``fonte`` that names another act
    («art. 78 CCNL Funzioni Centrali 12.2.2018») is that act's place, cited as written: never «CI, art. 78 …», which
    reads as article 78 of the regulation. Several places («art. 6; art. 78 CCNL …») are cited each so: one that
    names no act is the regulation's, and takes its name unless it follows a place of the regulation already."""
    pieces = _places(source)
    if len(pieces) == 1:
        if names_act(reg, source):
            return Citation(source)
        return Citation.of(reg.act.cited, source, separator=", ")
    said: list[str] = []
    own = False  # whether the place before is the regulation's, named: a bare place after it continues it
    for piece in pieces:
        if names_act(reg, piece):
            said.append(piece)
            own = _names_own(reg, piece)
        else:
            said.append(piece if own else f"{reg.act.cited}, {piece}")
            own = True
    return Citation("; ".join(said))


def joined(reg: Regulation, cited: Iterable[str]) -> Citation:
    """Several sources as one, as :func:`cite` says them (a premium summed from its parts, an exclusion before a
    part's article): each place once, in order, and places of the regulation in a row name it once («CCIA 2024, art.
    2 c. 2 lett. a; art. 2 c. 2 lett. b»), as one ``fonte`` of several places reads. A place of another act between
    them names the regulation again after it; a source that names no act (the core's own rules) is kept as written."""
    places: dict[str, bool] = {}  # each place named whole → whether it is the regulation's
    for source in cited:
        own = False
        for place in _places(str(source)):
            # a bare place after the regulation's continues it, as cite writes it: named whole to be compared
            whole = f"{reg.act.cited}, {place}" if own and not names_act(reg, place) else place
            own = _names_own(reg, whole)
            places.setdefault(whole, own)
    said: list[str] = []
    before = False  # whether the place before is the regulation's
    for place, own in places.items():
        bare = place.removeprefix(f"{reg.act.cited}, ")
        said.append(bare if own and before and bare != place and not names_act(reg, bare) else place)
        before = own
    return Citation("; ".join(said))


def _places(source: str) -> list[str]:
    """The places a source joins with «;», outside its notes in parentheses and its quotations."""
    pieces: list[str] = []
    start = depth = 0
    for at, char in enumerate(source):
        depth += 1 if char in "(«" else -1 if char in ")»" and depth else 0
        if char == ";" and not depth:
            pieces.append(source[start:at].strip())
            start = at + 1
    pieces.append(source[start:].strip())
    return [piece for piece in pieces if piece]


def _names_own(reg: Regulation, source: str) -> bool:
    """True for a place that starts with the regulation's own title or sigla («CI, art. 5»)."""
    text = _ASIDE.sub("", source).strip()
    own = (name for name in (reg.act.short, reg.act.title) if name)
    return any(re.match(rf"{re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in own)


def written(formula: Formula | None) -> dict[str, Any]:
    """Where a value the formula could not give is to be fixed, as a Problem's file, row and column: the file of the
    regulation, the line and the key that write the formula («smvp.toml:12:premi[2].importo»); the regulation alone
    for a formula that is not the file's own."""
    at = formula.written if formula is not None else None
    if at is None:
        return {"file": "regolamento"}
    return {"file": at.file, "row": at.line, "column": at.key}
