"""Art. 17.2: who among the staff enters the merit bands, and why the others do not."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Input, Person, Score, fmt

from .checks import MIN_SCORE
from .common import (
    ADEGUATA,
    BANDED,
    ESCLUSO_PEG,
    NON_ADEGUATA,
    NON_VALUTABILE,
    NOT_EVALUATED,
    PEG_MIN,
    Context,
    Part,
    src,
)

STATUS_FORMULA = (
    "nell'ordine: assenze oltre il limite → non valutabile; insufficiente rendimento → non adeguata, qualunque "
    "sia il punteggio; punteggio < 70 → adeguata; obiettivi PEG della struttura < 70% → escluso; altrimenti in fascia"
)
STATUS_TEXT = {
    NON_VALUTABILE: "non valutabile: assenze nell'anno oltre il limite (art. 17.2 lett. b)",
    ADEGUATA: "prestazione adeguata: punteggio sotto il 70% del massimo (art. 17.2 lett. a)",
    NON_ADEGUATA: "prestazione non adeguata: insufficiente rendimento, qualunque sia il punteggio (art. 17.2 lett. c)",
    ESCLUSO_PEG: "escluso dal premio: obiettivi PEG della struttura raggiunti per meno del 70% (art. 17.2)",
    BANDED: "collocato in una fascia di merito (art. 17)",
    NOT_EVALUATED: "non valutato: nessuna scheda di valutazione",
}


def staff_status(
    person: Person, score: Score | None, unit_value: Decimal | None, limit: Decimal, unit_name: str = ""
) -> tuple[str, str]:
    """(status, why) of a staff member, the first rule that applies (rules §2, art. 17.2); ``unit_value`` is the
    achievement of their unit (``unit_name``), None when it was not measured."""
    unit_name = unit_name or person.unit
    if person.absence_days > limit:
        return NON_VALUTABILE, f"assenze {person.absence_days!s} giorni, oltre il limite di {limit!s}"
    if person.insufficient:  # never paid, never a candidate for a progressione, whatever the score (rules §2)
        return NON_ADEGUATA, "dichiarato di insufficiente rendimento"
    if score is None or score.score is None:
        return NOT_EVALUATED, "nessuna scheda di valutazione"
    if score.score < MIN_SCORE:
        return ADEGUATA, f"punteggio {fmt.decimal_it(score.score)} < 70"
    if unit_value is None:
        return ESCLUSO_PEG, f"obiettivi dell'unità {unit_name} non misurati"
    if unit_value < PEG_MIN:
        return ESCLUSO_PEG, f"obiettivi dell'unità {unit_name} raggiunti al {fmt.pct(unit_value)} < 70%"
    return BANDED, f"punteggio {fmt.decimal_it(score.score)} ≥ 70, obiettivi dell'unità al {fmt.pct(unit_value)} ≥ 70%"


def statuses(ctx: Context) -> tuple[dict[str, str], dict[str, Input], Part]:
    """Every staff member's status (art. 17.2), recorded as ``score:<id>:status`` with its inputs; also the
    input «punteggio» of each, which their award reuses, and the count by status."""
    ente = ctx.ente
    limit = Decimal(ctx.params["absence_limit_days"])
    limit_input = Input("limite di assenza (limite_giorni_assenza)", limit)
    unit_inputs: dict[str, Input] = {}
    found: dict[str, str] = {}
    score_inputs: dict[str, Input] = {}
    counts: dict[str, int] = {}
    for p in ente.staff():
        score = ctx.scores.get(p.id)
        unit_value = ctx.unit_value(p.unit)
        unit = ente.units.get(p.unit)
        status, why = staff_status(p, score, unit_value, limit, unit.name if unit else p.unit)
        found[p.id] = status
        counts[status] = counts.get(status, 0) + 1
        unit_input = unit_inputs.get(p.unit)
        if unit_input is None:
            unit_input = unit_inputs[p.unit] = Input(  # a unit not measured has no figure to refer to
                f"raggiungimento dell'unità {ente.units[p.unit].name if p.unit in ente.units else p.unit}",
                unit_value,
                ref="" if unit_value is None else f"unit:{p.unit}",
            )
        # a person without a card has no score, and no ``score:`` figure to refer to
        value = None if score is None else score.score
        score_inputs[p.id] = Input("punteggio", value, ref="" if value is None else f"score:{p.id}")
        ctx.trace.record(
            f"score:{p.id}:status",
            status,
            STATUS_FORMULA,
            src("17.2"),
            (
                Input("giorni di assenza", p.absence_days, cell=ente.cell("people", p.row, "absence_days")),
                limit_input,
                score_inputs[p.id],
                Input("insufficiente rendimento", p.insufficient, cell=ente.cell("people", p.row, "insufficient")),
                unit_input,
            ),
            f"Esito di {p.name}: {STATUS_TEXT[status]}",
            why,
        )
    return found, score_inputs, Part(extra={"statuses": {k: counts[k] for k in sorted(counts)}})
