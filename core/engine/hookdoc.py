"""Generate ``docs/hooks.md``, the hook reference, from the hookspecs' docstrings.

``python -m ciclope.core.engine.hookdoc > docs/hooks.md``; a test keeps the file in step with the code.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pluggy

from ciclope.core.engine import hookspecs


def specs() -> list[Callable[..., object]]:
    """Every hookspec, in the order of hookspecs.py (the order of the cycle)."""
    found = [f for n, f in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("ciclope_")]
    return sorted(found, key=lambda f: f.__code__.co_firstlineno)


def render() -> str:
    out = [
        "# Hook reference",
        "",
        "Generated from `core/engine/hookspecs.py` by `python -m ciclope.core.engine.hookdoc` (do not edit by hand).",
        "",
        "| hook | phase | kind |",
        "|---|---|---|",
    ]
    for fn in specs():
        n = fn.__name__
        first = "firstresult" if firstresult(n) else "all answers joined"
        out.append(f"| [`{n}`](#{n}) | {fn.__dict__['phase']} | {first} |")
    out.append("")
    for fn in specs():
        n = fn.__name__
        doc = arguments_as_list(inspect.getdoc(fn) or "")
        out += [f"## {n}", "", "```python", f"def {n}{typed_signature(fn)}", "```", "", doc, ""]
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


PARAM = re.compile(r"^:param (\w+): ", re.M)  # an argument described on its own line, as pytest's hookspecs do


def arguments(doc: str) -> list[str]:
    """The arguments a hookspec's docstring describes, in its order (``:param name: …``, one line each)."""
    return PARAM.findall(doc)


def arguments_as_list(doc: str) -> str:
    """``doc`` with each ``:param name: text`` line as a Markdown list item, ``- `name`: text``."""
    return PARAM.sub(lambda m: f"- `{m.group(1)}`: ", doc)


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
