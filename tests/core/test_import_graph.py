"""The modules of the core and of the built-in plugins import each other without a circle: every import that
runs (at the top of a module or inside a function; not the ``if TYPE_CHECKING:`` ones, which only the type
checker reads) is an edge of the graph, and a depth-first walk finds no cycle. An import inside a function no
longer hides one; nor, in the plugins, does one under ``if TYPE_CHECKING:`` (a second walk counts those too)."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

CORE = ROOT / "core"
PLUGINS = ROOT / "plugins"


def module_name(path: Path, root: Path = CORE) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["ciclope", root.name, *parts])


def runtime_imports(tree: ast.AST, typing_too: bool = False) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement of ``tree`` that runs: not under ``if TYPE_CHECKING:`` (unless ``typing_too``)."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if (
            not typing_too
            and isinstance(node, ast.If)
            and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING"
        ):
            todo.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def graph(root: Path = CORE, typing_too: bool = False) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        deps: set[str] = set()
        for node in runtime_imports(ast.parse(path.read_text(encoding="utf-8")), typing_too):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in files}
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base) if node.level else node.module or ""
            for alias in node.names:
                whole = f"{target}.{alias.name}"
                deps.add(whole if whole in files else target)
        edges[name] = {d for d in deps if d in files and d != name}
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """A cycle of ``edges`` (the modules along it), or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def walk(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := walk(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state and (found := walk(start)):
            return found
    return []


def test_the_walk_finds_a_cycle_when_there_is_one():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) == []


def test_the_core_imports_without_a_circle():
    edges = graph()
    assert len(edges) > 50 and edges["ciclope.core.commands.cli"]  # the graph is the core's, with its edges
    assert cycle(edges) == []


def test_the_plugins_import_without_a_circle():
    edges = graph(PLUGINS)
    assert edges["ciclope.plugins.comunita_montane"] and edges["ciclope.plugins.ccnl_funzioni_locali.art69"]
    assert cycle(edges) == []


def test_the_plugins_import_without_a_circle_even_for_the_type_checker():
    """A circle closed under ``if TYPE_CHECKING:`` only is still two modules that need each other's names:
    the shared piece belongs in a module of its own."""
    assert cycle(graph(PLUGINS, typing_too=True)) == []


def plugins_forbidden() -> set[str]:
    """The modules the «Plugins use only the surface» contract of pyproject.toml forbids."""
    import tomllib

    config = tomllib.loads((CORE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = (
        c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == "Plugins use only the surface"
    )
    return set(contract["forbidden_modules"])


def test_a_plugin_may_import_only_what_the_surface_is_made_of():
    # Every module or package right under ciclope.core is either forbidden to plugins, or part of the surface:
    # reached from ciclope.core's own imports. A new module is forbidden to plugins until the surface uses it.
    edges = graph()
    children = {".".join(name.split(".")[:3]) for name in edges if name != "ciclope.core"}
    reached, todo = set(), ["ciclope.core"]
    while todo:
        for nxt in edges[todo.pop()] - reached:
            reached.add(nxt)
            todo.append(nxt)
    allowed = children - plugins_forbidden()
    assert {"ciclope.core.money", "ciclope.core.scoring", "ciclope.core.ranking"} <= allowed
    assert "ciclope.core.output" not in allowed and "ciclope.core.labels" not in allowed
    assert allowed <= reached, sorted(allowed - reached)
