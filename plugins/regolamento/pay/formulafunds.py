"""The funds a regulation constitutes with a formula ([[fondi]], format 2): «un tetto complessivo pari all'85% del
premio massimo per il numero medio dei dipendenti in forza».

Each is computed once for the ente in phase b (risorse), before the year's results, from the staff's data: its
formula reads people only inside functions over them (``.ENTE``: every person of the ente, whatever their role),
so its value is the same whoever it is computed for. The amount is a ceiling on what the parts pay, so it is
rounded down to the cent, never above what the regulation allows; a formula that cannot be computed or gives less
than zero is an error and the fund is not constituted (the parts that name it then say it is missing). A fund of
ente.toml by the same name is said unused and replaced: the regulation's rule decides the amount.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from ciclope.core import Ente, Pool, Problem, Trace, fmt
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv, Recorder
from ciclope.plugins.regolamento.compile.evaluate import RunError, run
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Fund, Regulation
from ciclope.plugins.regolamento.format.wording import sentence
from ciclope.plugins.regolamento.pay import owed

RULE = "regolamento.fondo"
CENT = Decimal("0.01")
ZERO = Decimal(0)


def constituted(reg: Regulation, ente: Ente, pools: dict[str, Pool], trace: Trace) -> dict[str, Pool]:
    """``pools`` (phase b's, from ente.toml) with each fund of [[fondi]] computed, recorded as ``pool:<name>``."""
    out = dict(pools)
    facts = Facts(reg, ente)
    for block in reg.funds:
        if block.name in out:
            trace.problem(_typed(reg, block))
            del out[block.name]
        cohort = Cohort(recorder=Recorder(trace, f"fondo:{block.name}", cite(reg, block.source)))
        cohort.members = [PersonEnv(facts, p, cohort) for p in ente.people.values()]
        pool = _pool(reg, block, cohort, trace)
        if pool is not None:
            out[block.name] = pool
    return out


def _pool(reg: Regulation, block: Fund, cohort: Cohort, trace: Trace) -> Pool | None:
    source = cite(reg, block.source)
    # else the key in words as a fund of ente.toml reads: with the accents a key leaves out («produttivita» is
    # «produttività»), never «Fondo fondo …»
    words = reg.labels.get(block.name) or fmt.fund(funds.said(block.name))
    label = words[:1].upper() + words[1:]
    env = cohort.outside()
    try:
        value = run(block.amount, env) if env is not None else ZERO
    except RunError as exc:
        trace.problem(_failed(reg, block, str(exc)))
        return None
    if not isinstance(value, Decimal) or value < 0:
        shown = fmt.euro(value) if isinstance(value, Decimal) else "nessun importo"
        below = f"; se il testo vuole un fondo nullo quando il calcolo va sotto zero, scrivi «=MAX(0 €; {str(block.amount).lstrip('=')})»"
        hint = below if isinstance(value, Decimal) else ""
        trace.problem(_failed(reg, block, f"la formula «{block.amount}» dà {shown}", hint))
        return None
    amount = value.quantize(CENT, rounding=ROUND_DOWN)
    inputs = list(env.read.values()) if env is not None else []
    formula = f"{block.amount} — {sentence(block.amount)}, per difetto al centesimo"
    trace.record(f"pool:{block.name}", amount, formula, source, inputs, label, block.note)
    return Pool(name=block.name, amount=amount, source=source, label=label)


def _typed(reg: Regulation, block: Fund) -> Problem:
    why = "il regolamento costituisce il fondo con una formula ([[fondi]])"
    return owed.unused(RULE, cite(reg, block.source), block.name, why)


def _failed(reg: Regulation, block: Fund, why: str, hint: str = "") -> Problem:
    return Problem(
        rule=RULE,
        source=cite(reg, block.source),
        **written(block.amount),
        message=f"{why}: il fondo {fmt.quoted(funds.said(block.name))} non è costituito e le parti che lo nominano "
        f"non pagano; correggi la formula o i dati che legge{hint}",
    )
