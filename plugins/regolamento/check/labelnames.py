"""An [etichette] key that names no code the ente has: written like a code it means to name, but not as that code is
written («eccelente» for the level «eccellente», «Escluso_sanzione» for the status), or near none. No document would
ever read such a label, and the level would stay under its code without a word: a warning naming the key, its line
and the code it most likely means, where one is near.

The codes are the regulation's (levels, statuses, the funds its blocks name, result pay's included), the ente's (the
funds of ente.toml, the statuses of people.csv), the plugin's and the roles'. A comparto's layer names its own funds
with words of its own (the maggiorazione's pool carries its article), which no label changes: a key for one is said
too."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from ciclope.core import Ente, Problem, fmt
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.funds import code_of
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.format.wording import PLURAL, ROLE_GROUP, own_labels
from ciclope.plugins.regolamento.pay.eligibility import status_of
from ciclope.plugins.regolamento.read.lines import line_of, said
from ciclope.plugins.regolamento.say.codes import LABELS, STATUS_LABELS
from ciclope.plugins.regolamento.score import ladders
from ciclope.plugins.regolamento.score.cohort import STATUS_COLUMN

# the fields of the regulation's blocks that hold a code a label may name: a level's, a band's, a status's, a fund's
_NAMING = frozenset({"name", "status", "fund"})


def misspelt(reg: Regulation, ente: Ente, where: tuple[str, Mapping[str, int]]) -> list[Problem]:
    """Every [etichette] key that is no code of the regulation, the ente or the plugin: the code it is near, if any."""
    known = codes(reg, ente) | set(ROLE_GROUP) | {role + PLURAL for role in ROLE_GROUP}
    out = half_roles(reg, where)
    for key in own_labels(reg.labels):
        if key in known or code_of(key) in known:
            continue
        hint = nearest(key, sorted(known))
        fix = (
            "Scrivi la chiave come il codice che vuoi chiamare (maiuscole e minuscole contano)"
            if hint
            else "Scrivi la chiave come un livello, uno stato, un fondo o un ruolo che l'ente ha, o togli l'etichetta"
        )
        message = (
            f"l'etichetta {fmt.quoted(key)} non nomina nessun livello, stato o fondo del regolamento o di ente.toml"
            f"{hint}: così nessun documento la legge. {fix}"
        )
        out.append(_at_label(reg, where, key, message))
    return out


def half_roles(reg: Regulation, where: tuple[str, Mapping[str, int]]) -> list[Problem]:
    """A role named by [etichette] without its group (``po`` without ``po_plurale``), or the group without the name:
    the documents need both (a person's role, and the groups «i responsabili di struttura», «dirigenti e …»)."""
    out = []
    for role in ROLE_GROUP:
        given = [k for k in (role, role + PLURAL) if k in reg.labels]
        if len(given) != 1:
            continue
        key, other = given[0], role + PLURAL if given[0] == role else role
        what = (
            "di una persona del ruolo, non quello del gruppo"
            if key == role
            else "del gruppo, non quello di una persona"
        )
        example = ", con l'articolo all'inizio («i responsabili di struttura»)" if key == role else ""
        message = (
            f"l'etichetta {fmt.quoted(key)} dà il nome {what}: scrivi anche {fmt.quoted(other)}{example}; senza, i "
            "documenti non usano nessuna delle due"
        )
        out.append(_at_label(reg, where, key, message))
    return out


def _at_label(reg: Regulation, where: tuple[str, Mapping[str, int]], key: str, message: str) -> Problem:
    """A warning of the rule «regolamento.etichette» at the line of the [etichette] key ``key``."""
    file, lines = where
    path = f"etichette.{key}"
    return Problem(
        rule="regolamento.etichette", severity="warning", source=cite(reg, ""), file=file,
        row=line_of(dict(lines), path), column=said(path), message=message,
    )  # fmt: skip


def codes(reg: Regulation, ente: Ente) -> set[str]:
    """The codes a label may name: the levels of every scale, the bands, statuses and funds the regulation's blocks
    name, its exclusions' statuses, the plugin's own codes, the funds of ente.toml and the
    statuses written in people.csv."""
    known = {name for names in ladders.names_by_role(reg).values() for name in names}
    known |= set(_named(reg))
    known |= {status_of(ex) for ex in reg.exclusions}
    known |= set(STATUS_LABELS) | set(LABELS) | set(ente.funds)
    known |= {str(p.extra[STATUS_COLUMN]) for p in ente.people.values() if p.extra.get(STATUS_COLUMN)}
    return known


def _named(block: Any) -> Iterator[str]:
    """The codes the blocks under ``block`` name (:data:`_NAMING`), its labels apart; never inside a formula."""
    if isinstance(block, Formula):
        return
    if attrs.has(type(block)):
        for field in attrs.fields(type(block)):
            value = getattr(block, field.name)
            if field.name in _NAMING and isinstance(value, str):
                yield value
            elif field.name != "labels":
                yield from _named(value)
    elif isinstance(block, (tuple, list)):
        for item in block:
            yield from _named(item)
