"""The regulation's own ban on undifferentiated premiums ([differenziazione], format 2), as D.Lgs. 150/2009 art. 18
c. 2 and many regulations after it say: «è vietata la distribuzione in maniera indifferenziata».

For each part of the premium it checks (``parti``, or every part paid by an individual evaluation that is not a
decided prize), among the people the part pays above zero:

- with at least ``minimo`` of them, all at one level, or all paid one amount, is an error (or a warning, as
  ``gravita`` says). «One amount» is read as the national layer reads it: amounts within the cent the largest
  remainder adds are one amount (rules/ccnl_funzioni_locali.md §3, «judged before cent rounding»);
- one level holding more than ``quota_massima`` of them is a warning, however many they are.

A person's level is the band the part paid them by, else the level of their evaluation. The problems' rules are
``regolamento.differentiation.*``: an error of the regulation stands alone, without the national warning."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ciclope.core import Problem, Score, fmt
from ciclope.plugins.regolamento.check.controls import SEVERITY
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Differentiation, Premium, Regulation, name_of
from ciclope.plugins.regolamento.read.lines import REGULATION

CENT = Decimal("0.01")


def checked(reg: Regulation) -> list[Premium]:
    """The parts of the premium the block checks, in the order they are paid."""
    block = reg.differentiation
    if block is None:
        return []
    if block.parts:
        return [pr for pr in reg.parts if pr.name in block.parts]
    return [pr for pr in reg.premiums if pr.weighs_evaluations]


def problems(
    reg: Regulation,
    paid: Mapping[str, Mapping[str, Decimal]],
    bands: Mapping[str, Mapping[str, str]],
    scores: Mapping[str, Score],
) -> list[Problem]:
    """The problems of every checked part; ``paid`` and ``bands``: part → person → premium, band."""
    block = reg.differentiation
    if block is None:
        return []
    out: list[Problem] = []
    for pr in checked(reg):
        name = name_of(pr)
        amounts = {pid: amount for pid, amount in paid.get(name, {}).items() if amount > 0}
        if not amounts:
            continue
        levels = {pid: bands.get(name, {}).get(pid) or _level(scores.get(pid)) for pid in amounts}
        out += _judged(reg, block, _said_part(reg, name), amounts, levels)
    return out


def _level(score: Score | None) -> str:
    return (score.level or "") if score is not None else ""


def _judged(
    reg: Regulation, block: Differentiation, part: str, amounts: Mapping[str, Decimal], levels: Mapping[str, str]
) -> list[Problem]:
    n = len(amounts)
    count: dict[str, int] = {}
    for level in levels.values():
        count[level] = count.get(level, 0) + 1
    top, most = max(count.items(), key=lambda kv: kv[1])  # the first of the most crowded levels, as paid
    out = []
    # a premium with no levels at all (paid by points, in proportion to the score) is judged by its amounts alone:
    # «nobody has a level» is no evidence that the evaluation does not distinguish them
    leveled = count.keys() != {""}
    if leveled and n >= block.minimum and len(count) == 1:
        what = f"{fmt.all_of(n)} premiati sono nel livello «{top}»"
        out.append(_problem(reg, block, "levels", block.severity, f"{part}: {what}: la valutazione non li distingue"))
    if n >= block.minimum and max(amounts.values()) - min(amounts.values()) <= CENT:
        low, high = min(amounts.values()), max(amounts.values())
        said = fmt.euro(low) if low == high else f"{fmt.euro(low)} o {fmt.euro(high)}, un centesimo del resto maggiore"
        what = f"{fmt.all_of(n)} premiati ricevono lo stesso importo ({said})"
        out.append(_problem(reg, block, "amounts", block.severity, f"{part}: {what}"))
    if leveled and block.top_share is not None and Decimal(most) / Decimal(n) > block.top_share:
        share, limit = (
            fmt.pct(Decimal(most) / Decimal(n)),
            fmt.the_pct(block.top_share, fmt.share_places(block.top_share)),
        )
        where = f"il livello «{top}»" if top else "un solo livello"
        what = f"{where} raccoglie {most} premiati su {n} ({share}), oltre {limit}: differenziazione insufficiente"
        out.append(_problem(reg, block, "share", "avviso", f"{part}: {what}"))
    return out


def _said_part(reg: Regulation, name: str) -> str:
    return "premio individuale" if not reg.parts else f"parte «{name}» del premio"


def _problem(reg: Regulation, block: Differentiation, what: str, severity: str, message: str) -> Problem:
    banned = "" if what == "share" else " (è vietata la distribuzione indifferenziata dei premi)"
    return Problem(
        rule=f"regolamento.differentiation.{what}",
        severity=SEVERITY[severity],
        source=cite(reg, block.source),
        file=REGULATION,
        column="differenziazione",
        message=message + banned,
    )
