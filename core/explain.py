"""``ciclope explain``: the chain of figures behind a person, indicator, objective, position or pool.

Reads the explanation records of :mod:`core.trace`: each figure with its value, formula (in words),
legal source and inputs; inputs that are figures are followed down to the input cells.
"""
from __future__ import annotations

import json
from typing import Any

from .result import Result
from .results import num
from .trace import Figure

START_KEYS = {
    "person": ("award:{}", "score:{}", "person:{}"),
    "indicator": ("indicator:{}", "monitoring:{}"),
    "objective": ("objective:{}",),
    "position": ("position:{}:result", "position:{}:annual", "position:{}:score"),
    "pool": ("pool:{}",),
    "unit": ("unit:{}",),
    "area": ("area:{}",),
}


def roots(result: Result, kind: str, ident: str) -> list[Figure]:
    keys = [k.format(ident) for k in START_KEYS[kind]]
    found = [result.figures[k] for k in keys if k in result.figures]
    if kind == "person":   # every other figure about the person (e.g. unit part, band)
        found += [f for k, f in result.figures.items() if k.startswith(f"award:{ident}:") or k.startswith(f"score:{ident}:")]
    return found


def tree(result: Result, figure: Figure, seen: set[str] | None = None, depth: int = 0) -> dict[str, Any]:
    seen = set() if seen is None else seen
    seen.add(figure.key)
    node: dict[str, Any] = {"key": figure.key, "label": figure.label, "value": _show(figure.value),
                            "formula": figure.formula, "source": figure.source}
    if figure.note:
        node["note"] = figure.note
    inputs = []
    for i in figure.inputs:
        item: dict[str, Any] = {"name": i.name, "value": _show(i.value)}
        if i.cell:
            item["cell"] = i.cell
        if i.ref:
            item["ref"] = i.ref
            sub = result.figures.get(i.ref)
            if sub is not None and i.ref not in seen and depth < 12:
                item["figure"] = tree(result, sub, seen, depth + 1)
        inputs.append(item)
    node["inputs"] = inputs
    return node


def _show(value: Any) -> Any:
    return num(value)


def render_text(nodes: list[dict[str, Any]]) -> str:
    lines: list[str] = []

    def walk(node: dict[str, Any], indent: str) -> None:
        title = node["label"] or node["key"]
        lines.append(f"{indent}{title} = {node['value']}")
        lines.append(f"{indent}  formula: {node['formula']}")
        lines.append(f"{indent}  fonte:   {node['source']}")
        if node.get("note"):
            lines.append(f"{indent}  nota:    {node['note']}")
        for inp in node["inputs"]:
            where = f"  [{inp['cell']}]" if inp.get("cell") else ""
            lines.append(f"{indent}  - {inp['name']}: {inp['value']}{where}")
            if "figure" in inp:
                walk(inp["figure"], indent + "      ")

    for n in nodes:
        walk(n, "")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def explain(result: Result, kind: str, ident: str, as_json: bool = False) -> str | None:
    found = roots(result, kind, ident)
    if not found:
        return None
    nodes = [tree(result, f) for f in found]
    if as_json:
        return json.dumps(nodes, ensure_ascii=False, indent=2) + "\n"
    return render_text(nodes)
