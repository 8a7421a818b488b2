"""The period of an appointment (001… art. 1.2, 2.4, 3.2): the days of the year a holder is paid for, the
pay due for them, the instalments, and the days of an interim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ciclope.core import Ente, Input, Problem, Row, Trace, money

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
        person = ente.people.get(holder)
        start = person.extra.get("term_start") if person is not None else None
        end = person.extra.get("term_end") if person is not None else None
        days = overlap_days(ente.year, start, end)
        if days == 0:
            unpaid(
                ente,
                r,
                "po.term_outside",
                f"l'incarico di {holder} ({start or '…'} – {end or '…'}) non copre "
                f"l'anno {ente.year}: la posizione {r['id']} è trattata come vacante (valorizzata, non pagata)",
                "art. 1.2, 2.4",
                "holder",
                trace,
            )
            continue
        out[r["id"]] = days
    return out


def unpaid(ente: Ente, r: Row, rule: str, message: str, article: str, column: str, trace: Trace) -> None:
    trace.problem(Problem.at(ente, f"brescia.{rule}", message, f"{PO} {article}", "positions", r.row, column))
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
