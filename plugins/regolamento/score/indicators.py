"""An indicator's achievement as the regulation says it ([[indicatori]], format 2): the core's (rules/core.md §1,
rounded to 4 decimals as the core rounds it), counted 0 below the threshold of its type, and at most the block's
``massimo``. Recorded under the core's key with the achievement computed, the threshold and the article, so that
``explain`` shows why an indicator counts nothing; the core adds the target and the value measured with their cells."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ciclope.core import Indicator, Input, Trace, fmt, money, scoring
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import INDICATOR_TYPES, IndicatorRule, Regulation

ZERO = Decimal(0)


def rule_of(reg: Regulation, kind: str) -> IndicatorRule | None:
    """The block of [[indicatori]] whose types include ``kind`` (a code of indicators.csv), if any."""
    for rule in reg.indicators:
        if any(INDICATOR_TYPES[t] == kind for t in rule.types):
            return rule
    return None


def achievement(
    reg: Regulation, indicator: Indicator, measured: Any, target: Any, trace: Trace, key: str
) -> Decimal | None:
    """The achievement of one measurement under the regulation's threshold, recorded as ``key``; None (the core's
    rule) for a type no block names."""
    rule = rule_of(reg, indicator.type)
    if rule is None:
        return None
    computed = money.r4(scoring.indicator_achievement(indicator.type, measured, target))
    value = ZERO if computed < rule.threshold else computed
    inputs = [Input("raggiungimento calcolato", fmt.Percent(computed)), Input("soglia", fmt.Percent(rule.threshold))]
    said = f"{scoring.FORMULAS[indicator.type]}; sotto la soglia {_the(rule.threshold, 'di')} vale 0%"
    if rule.maximum is not None and rule.maximum < 1:
        inputs.append(Input("massimo", fmt.Percent(rule.maximum)))
        said += f", al più {_the(rule.maximum)}"
        value = min(value, rule.maximum)
    trace.record(key, value, said, cite(reg, rule.source), inputs)
    return value


def _the(share: Decimal, prep: str = "") -> str:
    """«dell'80%», «il 90%»: a share of the file with its article."""
    return fmt.the_pct(share, fmt.share_places(share), prep)
