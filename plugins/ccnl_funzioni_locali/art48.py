"""Art. 48 CCNL Funzioni Locali 23.2.2026 (rules §2 point 7): what the contract of 23.2.2026 changes in the
maggiorazione of the individual premium, for the cycles from 2026.

- The minimum ``share`` is 30% of the mean premium; 25% where the ente has at most 10 employees; 20% where part of
  the variable resources is tied to measurable objectives of the whole ente (c. 4, ``obiettivi_ente = true``). Where
  both apply, the lower one (each is a minimum the contract allows that ente: a reading).
- Not applicable with at most 5 employees (c. 5): no maggiorazione, no warning that it is not configured.
- Employees (a reading, rules §2 point 7): the people of the ente under this contract in service during the year,
  counted by heads (not fte): roles ``dipendente`` and ``po`` (the EQ are staff of the comparto), dirigenti and the
  Segretario excluded; a person hired after the year or gone before it (the ``assunzione`` and ``cessazione``
  columns, where the ente has them) is not in service in it.
- The ente-wide objectives option is checked against the ente's fund where the fund is constituted in ciclope
  (``fondo`` sheet): without an amount of the art. 79 c. 2 lett. c resources (the fund's ``obiettivi_ente`` row)
  the ente does not use art. 48 c. 4, so the 20% does not apply (rules §2 point 7: the minimum that applies); a share
  below the minimum that then applies is an error (no money moves), a share that reaches it a warning (the
  declaration changes nothing, but the Relazione would cite a clause the ente does not use). Without a fund in
  ciclope nothing can be checked: the declaration is taken as written.
Each figure is a dated provision of ``provisions.toml``: before 2026 none of them is in force and the 30% of art.
69/81 stays the only minimum.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ciclope.core import Ente, Params, Problem, fmt, hookimpl

from .config import SECTION, Maggiorazione, maggiorazione
from .fondo.sheet import SHEET, entries
from .national import in_force

ROLES = ("dipendente", "po")
OBJECTIVES = "obiettivi_ente"  # the fund's voce of the art. 79 c. 2 lett. c resources (art. 48 c. 4)


@attrs.frozen
class Minimum:
    """The minimum share of the mean premium for one ente in one year, and why."""

    share: Decimal
    reason: str  # Italian, e.g. «l'ente ha 8 dipendenti, non più di 10» (the article is the source's)
    source: str


def employees(ente: Ente) -> int:
    """The ente's employees under the contract in service during the year, by heads."""
    first, last = dt.date(ente.year, 1, 1), dt.date(ente.year, 12, 31)
    count = 0
    for p in ente.people.values():
        hired, left = p.extra.get("assunzione"), p.extra.get("cessazione")
        if p.role not in ROLES:
            continue
        if (isinstance(hired, dt.date) and hired > last) or (isinstance(left, dt.date) and left < first):
            continue
        count += 1
    return count


def not_applicable(ente: Ente) -> str:
    """Why the maggiorazione does not apply to the ente in its year («non si applica: …»), or "" when it does."""
    row = in_force("maggiorazione_non_applicabile", ente.year)
    if row is None or row.value is None or employees(ente) > row.value:
        return ""
    return f"non si applica: ente con non più di {fmt.decimal_it(row.value)} dipendenti ({row.source})"


def minimum(year: int, staff: int, objectives: bool) -> Minimum | None:
    """The minimum share for an ente of ``staff`` employees (``objectives``: it uses the ente-wide objectives option);
    None before any provision of the maggiorazione."""
    law = in_force("maggiorazione_art69", year)
    if law is None or law.min is None:
        return None
    small, goals = in_force("maggiorazione_enti_piccoli", year), in_force("maggiorazione_obiettivi_ente", year)
    limit = small.value if small is not None and small.min is not None else None
    why = f"l'ente ha {staff} dipendenti, più di {fmt.decimal_it(limit)}" if limit is not None else "il minimo"
    found = Minimum(law.min, why, law.source)
    if small is not None and small.min is not None and limit is not None and staff <= limit:
        why = f"l'ente ha {staff} dipendenti, non più di {fmt.decimal_it(limit)}"
        found = min(found, Minimum(small.min, why, small.source), key=lambda m: m.share)
    if objectives and goals is not None and goals.min is not None:
        why = "parte delle risorse variabili è legata a obiettivi dell'intero ente"
        found = min(found, Minimum(goals.min, why, goals.source), key=lambda m: m.share)
    return found


def fund_objectives(ente: Ente) -> Decimal | None:
    """The art. 79 c. 2 lett. c resources of the ente's fund (its ``obiettivi_ente`` rows); None when the ente gives
    no fund (nothing to check)."""
    rows = entries(ente)
    if not rows:
        return None
    return sum((e.amount for e in rows if e.voce == OBJECTIVES and e.amount is not None), Decimal(0))


def objectives(ente: Ente, rule: Maggiorazione | None) -> bool:
    """Whether the ente uses art. 48 c. 4: declared by the CCDI and, where its fund is constituted in ciclope, with
    resources of art. 79 c. 2 lett. c in it."""
    if rule is None or not rule.objectives:
        return False
    found = fund_objectives(ente)
    return found is None or found > 0


def _article(source: str) -> str:
    return source.partition(";")[0].partition(" (")[0]


def without_resources(ente: Ente, rule: Maggiorazione, floor: Minimum | None) -> Problem:
    """``obiettivi_ente = true`` while the ente's fund has no resources of art. 79 c. 2 lett. c: an error where the
    share needs the 20% (below the minimum that then applies: no money moves), a warning where it does not."""
    goals = in_force("maggiorazione_obiettivi_ente", ente.year)
    source = goals.source if goals is not None else ""
    row = next((r.row for r in ente.table(SHEET) if str(r.get("voce", "")).strip().lower() == OBJECTIVES), None)
    at = f"riga {row}, " if row is not None else ""
    message = (
        f"obiettivi_ente = true: la quota minima del 20% ({_article(source)}) vale dove parte delle risorse variabili "
        "dell'art. 79 c. 2 lett. c è legata a obiettivi misurabili dell'intero ente, ma il fondo risorse decentrate "
        f"{ente.year} non ne ha (foglio fondo, {at}voce obiettivi_ente: nessun importo)"
    )
    below = floor is not None and rule.share < floor.share
    if floor is not None and below:
        message += (
            f"; il minimo è quindi il {fmt.decimal_it(floor.share * 100, 0)}% ({floor.reason}: "
            f"{_article(floor.source)}) e quota_premio = {fmt.decimal_it((rule.share * 100).normalize())}% è sotto: "
            "nessuna maggiorazione è calcolata finché il fondo non ha quelle risorse o il contratto integrativo non "
            "porta la quota al minimo"
        )
    else:
        message += "; la quota del contratto integrativo raggiunge già il minimo: togli obiettivi_ente o scrivi quelle risorse nel fondo"
    severity = "error" if below else "warning"
    return Problem.at(
        ente, "ccnl.maggiorazione.obiettivi_ente", message, source, SHEET, row, "importo", severity=severity
    )


@hookimpl
def ciclope_validate(ente: Ente, params: Params) -> list[Problem]:
    """The CCDI's share against the minimum for the ente's size, and the card sections its tie criteria name."""
    rule = maggiorazione(params)
    if rule is None or not_applicable(ente):
        return []
    out = []
    floor = minimum(ente.year, employees(ente), objectives(ente, rule))
    if rule.objectives and not objectives(ente, rule):
        out.append(without_resources(ente, rule, floor))
    elif floor is not None and rule.share < floor.share:
        out.append(
            Problem(
                rule="ccnl.maggiorazione.share",
                source=floor.source,
                file="cycle.toml",
                column="nazionale.maggiorazione.quota_premio",
                message=f"quota_premio = {fmt.decimal_it((rule.share * 100).normalize())}%: la maggiorazione del premio individuale non può essere inferiore al "
                f"{fmt.decimal_it(floor.share * 100, 0)}% del premio medio per questo ente ({floor.reason}: "
                f"{_article(floor.source)}); nessuna "
                "maggiorazione è calcolata finché il contratto integrativo non la porta al minimo",
            )
        )
    sections = {s.section.strip().casefold() for items in ente.cards_view().values() for s in items}
    for i, criterion in enumerate(rule.ties or (), start=1):  # parita[1], the first
        name = criterion[len(SECTION) :].strip()
        if criterion.startswith(SECTION) and sections and name.casefold() not in sections:
            out.append(
                Problem(
                    rule="ccnl.maggiorazione.parita",
                    source=_source(ente.year),
                    file="cycle.toml",
                    column=f"nazionale.maggiorazione.parita[{i}]",
                    message=f"la sezione «{name}» non è una sezione delle schede di valutazione dell'ente "
                    f"(sezioni: {', '.join(sorted({s.section for v in ente.cards_view().values() for s in v}))}): il "
                    "criterio non può sciogliere una parità",
                )
            )
    return out


def _source(year: int) -> str:
    row = in_force("maggiorazione_parita", year) or in_force("maggiorazione_art69", year)
    return row.source if row is not None else ""
