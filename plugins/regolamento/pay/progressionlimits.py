"""The places and the resources of each graduatoria of the progressioni economiche ([progressioni]): ``posti``,
``posti_graduatorie`` or a ``quota``; ``risorse``, ``risorse_graduatorie``, or the fund of ``fondo`` as the year
constitutes it (the destination of the fondo risorse decentrate to the progressioni, explained down to its clause),
the ceiling of the amounts per graduatoria. A graduatoria with candidates that a table does not name is an error at
its key, and nobody of it is selected."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ciclope.core import Ente, Person, Pool, Problem, Trace, fmt, money
from ciclope.plugins.regolamento.compile.env import Facts
from ciclope.plugins.regolamento.format import funds, grades, wording
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Progressions, Regulation
from ciclope.plugins.regolamento.pay.parts import FUND_SHEET
from ciclope.plugins.regolamento.read.lines import line_of
from ciclope.plugins.regolamento.read.load import regulation_where


def places(
    reg: Regulation, pr: Progressions, group: str, base: int, candidates: list[Person], trace: Trace, path: str
) -> int | None:
    """The places of a graduatoria: ``posti``, its number in ``posti_graduatorie`` (none, and an error at the key,
    for one with candidates that the table does not name), or ``quota`` of its base rounded down; None when only
    resources limit the selection."""
    if pr.places is not None:
        return pr.places
    if pr.places_by_ranking:
        by_grade = {grades.code(name, grades.declared(reg)): n for name, n in pr.places_by_ranking.items()}
        if group in by_grade:
            return int(by_grade[group])
        if candidates:
            trace.problem(_unnamed(reg, pr, group, candidates, path, "posti_graduatorie"))
        return 0
    if pr.share is not None:
        return math.floor(Fraction(pr.share) * base)
    return None


def places_said(pr: Progressions, base: int, limit: int | None) -> str:
    """The places of a graduatoria as a table says them: «⌊50% × 4⌋ = 2» for a quota of its base, the number
    written in the regulation, or «—» when only the resources limit the selection."""
    if limit is None:
        return "—"
    if pr.places is None and not pr.places_by_ranking and pr.share is not None:
        return f"⌊{fmt.pct_typed(pr.share)} × {base}⌋ = {limit}"
    return str(limit)


def places_words(pr: Progressions, base: int, limit: int, whose: str = "") -> str:
    """The places of a graduatoria in words, for one who checks their own outcome: «4 posti: il 50% degli 8
    candidati, per difetto»; «4 posti, come il regolamento li scrive»; none written for it, as the absence of places
    it is, with ``whose`` graduatoria it is (:func:`whose`): «per l'Area degli Istruttori il regolamento non prevede
    posti quest'anno (0 posti)»."""
    said = "1 posto" if limit == 1 else f"{limit} posti"
    share = pr.share if pr.places is None and not pr.places_by_ranking else None
    if limit == 0 and share is None:
        return f"{whose + ' ' if whose else ''}il regolamento non prevede posti quest'anno (0 posti)"
    if share is not None:
        the = "degli" if str(base).startswith("8") or base == 11 else "dei"  # «degli 8», «degli 11», «dei 12»
        counted = (
            ("dell'unico candidato" if base == 1 else f"{the} {base} candidati")
            if pr.share_of == "candidati"
            else f"del personale in servizio dei ruoli ({base})"
        )
        return f"{said}: {wording.said_share(share)} {counted}, per difetto"
    return f"{said}, come il regolamento li scrive"


def whose(reg: Regulation, group: str, year: int) -> str:
    """A graduatoria after «per», as its candidates read it: «per l'Area degli Istruttori», «per la categoria C»,
    «per il grado «B3»»; "" for the ente's one."""
    if not group:
        return ""
    if reg.grades is not None:
        return f"per {wording.the(grades.word(reg))} {fmt.quoted(group)}"
    area = grades.area_of(reg, group, year)
    return f"per l'{area}" if area else f"per la categoria {group}"


def limits_formula(pr: Progressions, counted: str, said: str, limit: int | None, resources: Decimal | None) -> str:
    """How a graduatoria's places and resources come: «posti = ⌊quota × personale in servizio dei ruoli nella
    graduatoria⌋ = ⌊50% × 4⌋ = 2; risorse: quelle che il regolamento assegna alla graduatoria»."""
    parts = []
    if limit is not None and pr.places is None and not pr.places_by_ranking:
        parts.append(f"posti = ⌊quota × {counted}⌋ = {said}")
    elif limit is not None:
        parts.append(f"posti = {limit}, come il regolamento li scrive per la graduatoria")
    if resources is not None:
        parts.append("risorse: quelle che il regolamento assegna alla graduatoria")
    parts.append(
        "selezionati in ordine di graduatoria finché stanno "
        + (
            "nei posti e nelle risorse"
            if limit is not None and resources is not None
            else "nei posti"
            if limit is not None
            else "nelle risorse"
        )
    )
    return "; ".join(parts)


def resources(
    reg: Regulation,
    pr: Progressions,
    group: str,
    candidates: list[Person],
    fund: Decimal | None,
    trace: Trace,
    path: str,
) -> Decimal | None:
    """The resources of a graduatoria: ``risorse`` (or the amount of the ``fondo``) for the ente's one, its amount
    in ``risorse_graduatorie`` for a category's (named by its letter or its Area, as [[punteggio.categorie]] names
    them). A graduatoria without candidates needs none; one with candidates that the table does not name is an error
    at the key, and nobody of it is selected."""
    if pr.cost is None:
        return None
    if not group:
        written = pr.resources if pr.resources is not None else fund
        return written if written is not None else Decimal(0)
    by_grade = {grades.code(name, grades.declared(reg)): amount for name, amount in pr.resources_by_ranking.items()}
    found = by_grade.get(group)
    if found is None:
        if candidates:
            trace.problem(_unnamed(reg, pr, group, candidates, path, "risorse_graduatorie"))
        return Decimal(0)
    return money.r2(found)


def fund_pool(reg: Regulation, pr: Progressions, ente: Ente, facts: Facts, trace: Trace) -> Pool | None:
    """The fund of ``fondo`` as the year constitutes it (ente.toml's [fondi], a destination of the fondo risorse
    decentrate, or [[fondi]]); None without ``fondo``, or when the year has no such fund: a warning says where to
    write it, and nobody is selected (the resources are none)."""
    if pr.fund is None:
        return None
    pool = facts.funds.get(pr.fund)
    if pool is None:
        sheet = bool(ente.table(FUND_SHEET))
        trace.problem(
            Problem(
                rule="regolamento.fondo",
                severity="error" if funds.mistyped(pr.fund, ente.funds) else "warning",
                source=cite(reg, pr.source),
                file="ente.toml",
                column=f"funds.{pr.fund}",
                message=f"{funds.missing(pr.fund, ente.funds)}: le progressioni economiche non hanno risorse e nessuno "
                "è selezionato; scrivine l'importo in ente.toml, nel blocco [fondi]"
                + (
                    f", o nel foglio fondo la destinazione alle progressioni con fondo_premi = {funds.said(pr.fund)}"
                    if sheet
                    else ""
                ),
            )
        )
    return pool


def fund_words(pool: Pool) -> str:
    """The fund as the explanation reads it: its label in lower case at the start («fondo per le progressioni»), or
    «fondo progressioni» from its name."""
    words = pool.label or f"fondo {fmt.accented(funds.said(pool.name).replace('_', ' '))}"
    return words[:1].lower() + words[1:]


def fund_after(prep: str, pool: Pool) -> str:
    """The fund after the preposition ``prep``, joined to the article its words take: «dal fondo progressioni»,
    «dalle risorse per i differenziali stipendiali», «delle risorse …»; never «dal risorse»."""
    return wording.joined(prep, wording.the(fund_words(pool)))


def over_fund(
    reg: Regulation, pr: Progressions, pool: Pool, keyed: Mapping[str, list[Any]], trace: Trace, path: str
) -> bool:
    """With a graduatoria per category, whether the amounts of ``risorse_graduatorie`` for the graduatorie that have
    candidates add up to more than the fund: an error at the key, and nobody is selected (the fund would be spent
    beyond what it holds)."""
    if pr.rankings != "categoria":
        return False
    by_grade = {grades.code(name, grades.declared(reg)): amount for name, amount in pr.resources_by_ranking.items()}
    wanted = {g: money.r2(by_grade[g]) for g, pairs in keyed.items() if pairs and g in by_grade}
    total = sum(wanted.values(), Decimal(0))
    if total <= pool.amount:
        return False
    each = ", ".join(f"{g} {fmt.euro(a)}" for g, a in wanted.items())
    message = (
        f"progressioni economiche: le risorse delle graduatorie ({each}) sommano a {fmt.euro(total)}, più "
        f"{fund_after('di', pool)} ({fmt.euro(pool.amount)}): nessuno è selezionato; riduci le risorse_graduatorie "
        "perché la somma stia nel fondo"
    )
    trace.problem(_at_key(reg, pr, path, "risorse_graduatorie", message))
    return True


def _unnamed(reg: Regulation, pr: Progressions, group: str, candidates: list[Person], path: str, table: str) -> Problem:
    """A graduatoria with candidates that ``risorse_graduatorie`` (or ``posti_graduatorie``) does not name: at the
    key, with the line to add."""
    places = table == "posti_graduatorie"
    named = ", ".join(fmt.quoted(g) for g in (pr.places_by_ranking if places else pr.resources_by_ranking))
    who = ", ".join(p.id for p in candidates[:5]) + (f" e altri {len(candidates) - 5}" if len(candidates) > 5 else "")
    what, value, none = (
        ("i posti", "il numero dei posti", "posti") if places else ("le risorse", "l'importo in euro", "risorse")
    )
    key = _key_for(group, pr.places_by_ranking if places else pr.resources_by_ranking)
    message = (
        f"progressioni economiche: {table} non ha {what} della graduatoria {grades.said(group, grades.declared(reg))} "
        f"(ha: {named}), dove {'è candidato' if len(candidates) == 1 else 'sono candidati'} {who}: nessuno vi è "
        f"selezionato; aggiungi {key} = {value} alla tabella ({key} = 0 se la graduatoria non ha {none})"
    )
    return _at_key(reg, pr, path, table, message)


def _key_for(group: str, table: Mapping[str, Any]) -> str:
    """The key to add to a table of the graduatorie for ``group``, as the office writes the others: the Area's name
    (quoted for TOML when it has a space, «"Operatori esperti"») where the table names Areas, else the letter."""
    area = dict(zip(grades.CATEGORIES, grades.AREAS)).get(group)
    by_letter = all(str(k).strip().upper() in grades.CATEGORIES for k in table)
    if area is None or (table and by_letter):
        return group
    return f'"{area}"' if " " in area else area


def _at_key(reg: Regulation, pr: Progressions, path: str, key: str, message: str) -> Problem:
    """An error of the value of ``[progressioni] key``, at its line of the regulation's file ``path``."""
    file, lines = regulation_where(path) if path else ("regolamento", {})
    where = f"progressioni.{key}"
    return Problem(
        rule="regolamento.valore",
        source=cite(reg, pr.source),
        file=file,
        row=line_of(lines, where),
        column=where,
        message=message,
    )
