"""The period of an appointment (001… art. 1.2, 2.4, 3.2): the days of the year a holder is paid for, the
pay due for them, the instalments, and the days of an interim."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from ciclope.core import Ente, Input, Problem, Row, Trace, fmt, money

from .common import MONTHS, PO, ZERO, overlap_days, year_days


def cannot_be_paid(ente: Ente, holder: str | None) -> str:
    """Why a holder cannot be paid at all (001… art. 1.2 "esclusivamente a dipendenti … categoria D", art. 2.7
    part time "incompatibile"), or "" — the appointment cannot be conferred, so nothing is paid (rules §1)."""
    person = ente.people.get(holder) if holder is not None else None
    if person is None:
        return ""
    if person.category != "D":
        return f"{holder} è di categoria {person.category or 'non indicata'}, non D (art. 1.2)"
    if person.fte != 1:
        return f"{holder} lavora a tempo parziale (fte {person.fte}, art. 2.7)"
    return ""


def appointments(ente: Ente, rows: Sequence[Row], score: Mapping[str, Decimal], trace: Trace) -> dict[str, int]:
    """The positions whose holder is paid, with the days of the year their term covers (001… art. 1.2, 2.4, 2.7,
    3.2, 3.4): not a vacancy, a holder who can be appointed, a term that meets the year, and one position per
    person — of two, the higher score (then the lower id) is paid and the other is reported unpaid."""
    held: dict[str, list[Row]] = {}
    for r in rows:
        if r["holder"] is not None:
            held.setdefault(r["holder"], []).append(r)
    out: dict[str, int] = {}
    for holder, mine in held.items():
        mine.sort(key=lambda r: (-score[r["id"]], r["id"]))
        for extra in mine[1:]:
            unpaid(
                ente,
                extra,
                "po.one_position",
                f"{holder} è titolare anche della posizione {mine[0]['id']} "
                f"(punteggio più alto): una persona ha una sola posizione, un'altra solo come interim "
                f"(interim_of); la posizione {extra['id']} non è pagata",
                "art. 3.4",
                "holder",
                trace,
            )
        r = mine[0]
        blocked = cannot_be_paid(ente, holder)
        if blocked:
            trace.record(
                f"position:{r['id']}:paid",
                False,
                "incarico non conferibile: né retribuzione di posizione né di "
                "risultato né maggiorazione per interim (residuo), come una posizione vacante",
                f"{PO} art. 1.2, 2.7",
                label=f"Posizione {r['id']} pagata al titolare {holder}",
                note=blocked,
            )
            continue
        if days := term_days(ente, r, holder, trace):
            out[r["id"]] = days
    return out


def term_days(ente: Ente, r: Row, holder: str, trace: Trace) -> int:
    """The days of the year the holder's term covers (001… art. 1.2, 2.4); a term that covers none leaves the
    position unpaid, as a vacancy. A date of people.csv that puts the term outside the year is the error of that
    cell (:func:`terms_outside_year`), not a second one at the position's holder."""
    person = ente.people.get(holder)
    start = person.extra.get("term_start") if person is not None else None
    end = person.extra.get("term_end") if person is not None else None
    days = overlap_days(ente.year, start, end)
    if days == 0 and outside_year(ente.year, start, end) is not None:
        unpaid_recorded(r, "l'incarico non copre l'anno: la posizione è trattata come vacante", "art. 1.2, 2.4", trace)
    elif days == 0:
        said = " – ".join(fmt.date_it(d) if d is not None else "…" for d in (start, end))
        message = (
            f"l'incarico di {holder} ({said}) non copre l'anno {ente.year}: la posizione {r['id']} è trattata come "
            "vacante (valorizzata, non pagata)"
        )
        unpaid(ente, r, "po.term_outside", message, "art. 1.2, 2.4", "holder", trace)
    return days


def unpaid(ente: Ente, r: Row, rule: str, message: str, article: str, column: str, trace: Trace) -> None:
    trace.problem(Problem.at(ente, f"brescia.{rule}", message, f"{PO} {article}", "positions", r.row, column))
    unpaid_recorded(r, message, article, trace)


def unpaid_recorded(r: Row, message: str, article: str, trace: Trace) -> None:
    """The position recorded as not paid, with why (``message``): its error is reported where it is made."""
    trace.record(
        f"position:{r['id']}:paid",
        False,
        "posizione non pagata: la sua retribuzione di posizione e di risultato resta nel residuo",
        f"{PO} {article}",
        label=f"Posizione {r['id']} pagata al titolare {r['holder']}",
        note=message,
    )


def pay_due(ente: Ente, pid: str, annual: Decimal, days: int | None, trace: Trace) -> Decimal:
    """annual × days covered / days of the year, half-up (0.00 for a position nobody is paid for)."""
    n = year_days(ente.year)
    value = ZERO if days is None else money.r2(annual * days / n)
    trace.record(
        f"position:{pid}:due",
        value,
        "retribuzione annua × giorni dell'incarico nell'anno / giorni dell'anno (arrotondata al centesimo); "
        "0 per una posizione vacante o non pagata",
        f"{PO} art. 1.2, 2.4, 3.2",
        label=f"Retribuzione di posizione dovuta per l'anno — {pid}",
        inputs=[
            Input("annua", annual, ref=f"position:{pid}:annual"),
            Input("giorni dell'incarico nell'anno", days),
            Input("giorni dell'anno", n),
        ],
    )
    return value


def instalment_figures(due: dict[str, Decimal], paid: Mapping[str, int], trace: Trace) -> None:
    """13 mensilità of the pay due (rules/core.md §4): 12 × due / 13 rounded down + a 13th with the rest, so the
    13 payments never exceed what is due (≤ €16,000 "annui lordi per tredici mensilità"). ``due`` holds the annual
    amount of a position nobody is paid for (valued, not paid)."""
    for pid, value in due.items():
        regular, last = money.instalments(value, MONTHS)
        ref = f"position:{pid}:due" if pid in paid else f"position:{pid}:annual"
        due_input = Input("dovuta" if pid in paid else "annua (posizione non pagata)", value, ref=ref)
        trace.record(
            f"position:{pid}:monthly",
            regular,
            "retribuzione dovuta / 13 mensilità, arrotondata per difetto al centesimo (12 rate uguali)",
            f"{PO} art. 3.2; rules/core.md §4",
            label=f"Rata mensile — {pid}",
            inputs=[due_input],
        )
        trace.record(
            f"position:{pid}:monthly_last",
            last,
            "retribuzione dovuta − 12 × rata mensile (la 13ª "
            "rata prende il resto, così le 13 rate sommano esattamente alla dovuta)",
            f"{PO} art. 3.2; rules/core.md §4",
            label=f"Tredicesima rata — {pid}",
            inputs=[due_input, Input("rata mensile", regular, ref=f"position:{pid}:monthly")],
        )


def interim_days(ente: Ente, r: Row, trace: Trace) -> int:
    """Days of the interim in the year (001… art. 3.4 "per la durata dello stesso"): interim_from – interim_to,
    absent = the whole year."""
    return overlap_days(ente.year, r["interim_from"], r["interim_to"])


def outside_year(year: int, start: dt.date | None, end: dt.date | None) -> str | None:
    """The column of the date that puts an incarico wholly outside ``year`` (``term_start`` after 31 December,
    ``term_end`` before 1 January), or None. A term that ends before it starts is po.term's (eligibility)."""
    if start is not None and end is not None and end < start:
        return None
    if start is not None and start > dt.date(year, 12, 31):
        return "term_start"
    if end is not None and end < dt.date(year, 1, 1):
        return "term_end"
    return None


# each date of the incarico: how a message says it, and where it falls from the year
TERM_DATES = {"term_start": ("inizio dell'incarico", "dopo l'"), "term_end": ("fine dell'incarico", "prima dell'")}


def terms_outside_year(ente: Ente) -> list[Problem]:
    """Each person whose incarico lies wholly outside the cycle's year, at the date that puts it there (001… art.
    1.2, 2.4: a holder is paid for the days of the year the term covers; with none, the position is vacant). A typo
    of the year («2022» for «2021») is the likely cause: said at the cell, with what to write, never left to the
    national layer's range of the position pay, which has no day to bound and says nothing."""
    out = []
    for person in ente.people.values():
        start, end = person.extra.get("term_start"), person.extra.get("term_end")
        column = outside_year(ente.year, start, end)
        if column is None:
            continue
        words, side = TERM_DATES[column]
        day = start if column == "term_start" else end
        held = [r["id"] for r in ente.table("positions") if r["holder"] == person.id]
        year = ente.year
        message = (
            f"{person.said}: {words} {fmt.date_it(day)}, {side}anno del ciclo ({year}): nessun giorno di incarico "
            f"nel {year}{_vacant(held)}; se è un errore di battitura correggi la data, se nel {year} non aveva "
            f"l'incarico scrivi il ruolo che aveva nel {year}"
            + (f", togli le date dell'incarico e toglilo da titolare in {ente.file_of('positions')}" if held else
               " e togli le date dell'incarico")
        )  # fmt: skip
        out.append(
            Problem.at(ente, "brescia.po.term_outside", message, f"{PO} art. 1.2, 2.4", "people", person.row, column)
        )
    return out


def _vacant(held: list[str]) -> str:
    """«, e la posizione P2 di cui è titolare è trattata come vacante (…)»; "" for one who holds none."""
    if not held:
        return ""
    if len(held) == 1:
        return f", e la posizione {held[0]} di cui è titolare è trattata come vacante (valorizzata, non pagata)"
    return f", e le posizioni {fmt.listed(held)} di cui è titolare sono trattate come vacanti (valorizzate, non pagate)"
