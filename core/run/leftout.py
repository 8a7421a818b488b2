"""What ``ciclope explain`` says of the indicators an objective leaves out (neutralized, not active in the year,
of monitoring only, without a measure): no figure records them, yet a reader of an objective asks why one of its
indicators is missing and where its weight went, and a reader of such an indicator why it has no figure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ciclope.core.fmt import decimal_it
from ciclope.core.reports import fmt
from ciclope.core.reports.stats import upper_first
from ciclope.core.result import Result
from ciclope.core.scoring import SOURCE_AGGREGATION

REPROPORTIONED = "i pesi degli altri indicatori{} sono riproporzionati"


def _rule(result: Result, objective: str) -> str:
    """The rule that aggregates ``objective``: its figure's source, the core's aggregation without one."""
    figure = result.figures.get(f"objective:{objective}")
    return str(figure.source) if figure is not None and figure.source else str(SOURCE_AGGREGATION)


def _why(result: Result, ident: str) -> str:
    org = result.org
    return org.not_scored.get(f"indicator:{ident}", "") if org is not None else ""


def _unscored(result: Result, objective: str) -> str:
    """Why ``objective`` is not scored (nothing measured is left to take the weight); "" for one that is."""
    org = result.org
    return org.not_scored.get(f"objective:{objective}", "") if org is not None else ""


def indicator_left_out(result: Result, ident: str, where: Callable[[str], str]) -> dict[str, Any]:
    """An indicator its objective leaves out: why (the motivo of a neutralized one, with its cell in the office's
    words, ``where``), its objective and the rule; {} for one that is scored."""
    ind = result.ente.indicators.get(ident)
    why = _why(result, ident)
    if ind is None or not why:
        return {}
    cell = f"indicators.csv:{ind.row}:reason" if ind.neutralized and ind.row else ""
    return {
        "left_out": {
            "why": why,
            "where": where(cell) if cell else "",
            "objective": ind.objective,
            "unscored": _unscored(result, ind.objective),
            "rule": _rule(result, ind.objective),
        }
    }


def objective_left_out(result: Result, ident: str) -> dict[str, Any]:
    """The indicators of objective ``ident`` left out of its achievement, each with why, and the rule; {} for none."""
    out = [
        {
            "id": i.id,
            "name": i.name,
            "weight": "" if i.weight is None else decimal_it(i.weight),
            "why": _why(result, i.id),
        }
        for i in result.ente.indicators.values()
        if i.objective == ident and _why(result, i.id)
    ]
    if not out:
        return {}
    return {"left_out": {"indicators": out, "unscored": _unscored(result, ident), "rule": _rule(result, ident)}}


def left_out_lines(subj: Mapping[str, Any], documents: Mapping[str, str] | None) -> list[str]:
    """The lines of :func:`indicator_left_out` or :func:`objective_left_out`, after the subject's header; none
    without them."""
    found = subj.get("left_out")
    if not found:
        return []
    if "indicators" in found:
        said = "; ".join(
            f"indicatore {i['id']} — {i['name']}" + (f" (peso {i['weight']})" if i["weight"] else "") + f", {i['why']}"
            for i in found["indicators"]
        )
        verb = "Non entrano" if len(found["indicators"]) > 1 else "Non entra"
        then = f"obiettivo: {found['unscored']}" if found.get("unscored") else REPROPORTIONED.format("")
        lines = [f"{verb} nel calcolo: {said}; {then}."]
    else:
        lines = [
            upper_first(found["why"]) + (f"   ← {found['where']}" if found["where"] else ""),
            f"Non entra nel raggiungimento dell'obiettivo {found['objective']}: "
            + (found["unscored"] or REPROPORTIONED.format(" dell'obiettivo"))
            + ".",
        ]
    return [*lines, f"  regola: {fmt.cite(found['rule'], documents)}"]
