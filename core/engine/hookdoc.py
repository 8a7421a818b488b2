"""Generate ``docs/hooks.md``, the hook reference, from the hookspecs' docstrings.

``python -m ciclope.core.engine.hookdoc > docs/hooks.md``; a test keeps the file in step with the code.
"""

from __future__ import annotations

import inspect

import pluggy

from ciclope.core.engine import hookspecs

PHASE_OF = {
    "ciclope_params": "set-up",
    "ciclope_check_params": "set-up",
    "ciclope_check_amendments": "set-up",
    "ciclope_comparto": "set-up",
    "ciclope_labels": "set-up",
    "ciclope_acts": "set-up",
    "ciclope_input_schema": "set-up",
    "ciclope_synth": "`ciclope synth` only",
    "ciclope_validate": "a. pianificazione",
    "ciclope_resources": "b. risorse",
    "ciclope_indicator_achievement": "c. monitoraggio and d. valutazione",
    "ciclope_objective_achievement": "d. valutazione",
    "ciclope_organizational_performance": "d. valutazione",
    "ciclope_attestation": "d. valutazione",
    "ciclope_individual_score": "d. valutazione",
    "ciclope_fund_pools": "e. premialità",
    "ciclope_rewards": "e. premialità",
    "ciclope_individual_premium": "e. premialità (asked by a comparto layer)",
    "ciclope_premium_rankings": "e. premialità (asked by a comparto layer)",
    "ciclope_position_pay": "e. premialità",
    "ciclope_calendar": "f. rendicontazione",
    "ciclope_report_sections": "f. rendicontazione",
    "ciclope_regulation_text": "`ciclope regolamento leggi` only",
    "ciclope_evaluator": "`ciclope raccolta` only",
    "ciclope_card_items": "`ciclope raccolta` only",
}


def render() -> str:
    names = [n for n in PHASE_OF]
    missing = sorted(
        n
        for n, f in inspect.getmembers(hookspecs, inspect.isfunction)
        if n.startswith("ciclope_") and n not in PHASE_OF
    )
    names += missing
    out = [
        "# Hook reference",
        "",
        "Generated from `core/engine/hookspecs.py` by `python -m ciclope.core.engine.hookdoc` (do not edit by hand).",
        "",
        "| hook | phase | kind |",
        "|---|---|---|",
    ]
    for n in names:
        fn = getattr(hookspecs, n)
        first = "firstresult" if firstresult(n) else "all answers joined"
        out.append(f"| [`{n}`](#{n}) | {PHASE_OF.get(n, '?')} | {first} |")
    out.append("")
    for n in names:
        fn = getattr(hookspecs, n)
        out += [f"## {n}", "", "```python", f"def {n}{typed_signature(fn)}", "```", "", inspect.getdoc(fn) or "", ""]
    out += [
        "## Types",
        "",
        "```python",
        "Measure = Decimal | datetime.date | bool | None   # an indicator's value",
        "Part = tuple[str, Decimal, Decimal | None]        # (key, achievement, weight or None)",
        "```",
        "",
    ]
    return "\n".join(out)


def firstresult(name: str) -> bool:
    """Whether the hook ``name`` stops at the first answer, as pluggy reads its spec (not the source text)."""
    pm = pluggy.PluginManager(hookspecs.hookspec.project_name)
    pm.add_hookspecs(hookspecs)
    spec = getattr(pm.hook, name).spec
    return bool(spec is not None and spec.opts.get("firstresult"))


def typed_signature(fn) -> str:
    """``(year: int) -> dict[str, ParamSpec] | None``: the annotations as written in hookspecs.py."""
    sig = inspect.signature(fn)  # annotations are strings (``from __future__ import annotations``)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"({params}) -> {sig.return_annotation}"


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
