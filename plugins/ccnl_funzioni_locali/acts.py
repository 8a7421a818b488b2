"""Planning acts and deadlines by law in every plugin's calendar (rules §4), as a wrapper of ``ciclope_calendar``.

- From cycle 2022 the Piano della performance is the PIAO's «sottosezione Performance» (DL 80/2021 art. 6):
  the plugin's act proved by ``piano_adopted`` is named so; without one, the layer adds it. Due by 31 January, or
  30 days after the budget's approval when that came after 31 December (DM 132/2022 art. 8 c. 2); the first PIAO
  (2022) by 30 June 2022, or 120 days after the budget, whichever is later (art. 8 c. 3). The law's date wins: a
  regulation's earlier date stays, a later one is replaced by the law's (an act done after it is late).
- From cycle 2024 individual objectives are assigned by the end of February (nota DFP 24.1.2024).
- The Relazione is approved by 30 June and validated by the OIV before any premium is paid (D.Lgs. 150/2009
  art. 10 and 14): where the plugin has the act, the law is added to its source and a later date of the
  regulation becomes the law's (an act done after 30 June is late); else the layer adds the act.
The approvals are the keys SPEC §5 names for every ente (``piano_adopted``, ``relazione_approved``,
``relazione_validated_oiv``) and ``obiettivi_assegnati``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator

import attrs

from ciclope.core import Deadline, Ente, fmt, hookimpl

from .national import in_force

PIAO_ACT = "Adozione del PIAO — sottosezione Performance"
PIANO_ACT = "Adozione del Piano della performance"


@hookimpl(wrapper=True)
def ciclope_calendar(ente: Ente, year: int) -> Generator[None, list[list[Deadline] | None], list[list[Deadline]]]:
    answers = yield
    deadlines = [d for answer in answers or () if answer for d in answer]
    budget = ente.approvals.get("budget_approved") if ente is not None else None
    said = ente.body.said if ente is not None else _as_written
    return [national_acts(deadlines, year, budget if isinstance(budget, dt.date) else None, said)]


def _as_written(text: str) -> str:
    return text


def national_acts(
    deadlines: list[Deadline], year: int, budget: dt.date | None = None, said: Callable[[str], str] = _as_written
) -> list[Deadline]:
    """The plugin's deadlines with the acts the law requires in the cycle ``year`` (``budget``: the date the
    budget was approved, ``[approvals] budget_approved``, which may move the PIAO's deadline; ``said``: the act's
    words with the ente's evaluation body, ``Ente.body.said``)."""
    out = plan_act(deadlines, year, budget)
    objectives = in_force("obiettivi_individuali", year)
    if objectives is not None:
        feb_end = dt.date(year, 3, 1) - dt.timedelta(days=1)
        act = "Assegnazione degli obiettivi individuali al personale (entro fine febbraio)"
        out.append(Deadline("pianificazione", act, feb_end, objectives.source, "obiettivi_assegnati"))
    relazione = in_force("relazione", year)
    if relazione is not None:
        june = dt.date(year + 1, 6, 30)
        # a regulation's own act for the Relazione validated by the OIV by 30 June covers its approval (the OIV
        # validates an approved Relazione): the law is cited there, never a second act on the same day
        # (a regulation's later validation is brought to 30 June by ``by_law``, so any of its own covers it)
        covered = not any(d.approval == "relazione_approved" for d in out) and any(
            d.approval == "relazione_validated_oiv" for d in out
        )
        if not covered:
            out = by_law(
                out, "relazione_approved", "Approvazione della Relazione sulla performance", june, relazione.source
            )
        out = by_law(
            out,
            "relazione_validated_oiv",
            said("Validazione della Relazione sulla performance da parte dell'OIV"),
            june,
            relazione.source,
            "entro il 30 giugno e prima dell'erogazione dei premi",
        )
    return out


def piao_due(year: int, budget: dt.date | None) -> tuple[dt.date, str] | None:
    """The PIAO's deadline by law in the cycle ``year`` and its source, or None before the PIAO."""
    piao = in_force("piao", year)
    if piao is None:
        return None
    first = in_force("piao_prima_applicazione", year)
    if first is not None and first.value is not None:  # the first PIAO: 30 June, or 120 days after the budget
        due = dt.date(year, 6, 30)
        if budget is not None:
            due = max(due, budget + dt.timedelta(days=int(first.value)))
        return due, f"{piao.source}; {first.source}"
    due = dt.date(year, 1, 31)
    if budget is not None and budget > dt.date(year - 1, 12, 31) and piao.value is not None:  # budget postponed
        due = max(due, budget + dt.timedelta(days=int(piao.value)))
    return due, piao.source


def plan_act(deadlines: list[Deadline], year: int, budget: dt.date | None = None) -> list[Deadline]:
    """The plan's act named as the law in force names it: PIAO from 2022, Piano della performance before; from
    2022 due by the law's date unless the regulation's is earlier."""
    law = piao_due(year, budget)
    source = law[1] if law is not None else "D.Lgs. 150/2009 art. 10 c. 1 lett. a"
    name = PIAO_ACT if law is not None else PIANO_ACT
    out = []
    found = False
    for d in deadlines:
        if d.approval == "piano_adopted":
            found = True
            if law is not None:
                # a regulation that still names the Piano della performance is said by the law's name, its own
                # beside it; one that names the PIAO already is said as it is written
                act = d.act if names_piao(d.act) else f"{PIAO_ACT} (già «{d.act}»)"
                d = attrs.evolve(d, act=act, source=f"{d.source}; {source}", due=min(d.due, law[0]))
        out.append(d)
    if not found:
        due = law[0] if law is not None else dt.date(year, 1, 31)
        out.insert(0, Deadline("pianificazione", name, due, source, "piano_adopted"))
    return out


def names_piao(act: str) -> bool:
    """Whether an act's words name the PIAO (by its acronym or in full)."""
    return "PIAO" in act or "piano integrato di attività e organizzazione" in act.lower()


def by_law(
    deadlines: list[Deadline], approval: str, act: str, due: dt.date, source: str, when: str = "entro il 30 giugno"
) -> list[Deadline]:
    """The law's deadline for ``approval``: the plugin's own acts for it cite the law and are due by its date (an
    earlier date of the regulation stays, a later one never replaces the law's: rules §4), else a new act, ``when``
    said in its one parenthesis."""
    if any(d.approval == approval for d in deadlines):
        return [cited(d, due, source) if d.approval == approval else d for d in deadlines]
    return [*deadlines, Deadline("rendicontazione", f"{act} ({when})", due, source, approval)]


def cited(d: Deadline, due: dt.date, source: str) -> Deadline:
    """The plugin's act ``d`` citing the law, due by the law's date ``due`` when the regulation gave a later one."""
    if d.due <= due:
        return attrs.evolve(d, source=f"{d.source}; {source}")
    act = f"{d.act} (per legge entro il {fmt.date_it(due)})"
    return attrs.evolve(d, act=act, source=f"{d.source}; {source}", due=due)
