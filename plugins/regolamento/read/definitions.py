"""The named formulas of a regulation ([[definizioni]], format 2): a piece written once, read by name in any formula.

«L'importo della tabella per ambito e livello» is written once, ``nome = "importo_tabella"``, and read as
``importo_tabella`` by the amount and by the advance. The definitions are read before every other formula of the file:
each name checked (a name of the formulas' own kind, free: not a name the formulas know, a declared column, a function,
another definition), each formula parsed, and the definitions resolved in the order they read each other, so a
definition may read one written after it; one that reads itself, through others too, is refused with the circle
named. Each is checked on its own where everything may be read (its units, names and functions), then, where it is
read, again as the formula that reads it would be (:meth:`read.formulas.Checker.defined`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.plugins.regolamento.format.expr import (
    UNKNOWN,
    Binary,
    Call,
    Defined,
    Formula,
    Name,
    Negative,
    Node,
    Written,
    nodes,
)
from ciclope.plugins.regolamento.format.quantities import DEFINITION, FUNCTIONS, Quantity, quantity
from ciclope.plugins.regolamento.read import columns as declared_columns
from ciclope.plugins.regolamento.read.formulas import (
    Checker,
    FormulaError,
    Scope,
    declared,
    depth,
    is_formula,
    marked,
    parse,
    resolved,
    uses,
    written,
)
from ciclope.plugins.regolamento.read.lines import line_of, said

Error = Callable[..., None]
KEY = "definizioni"
PLACE = "definizione"  # the place of their ``formula`` key in format.spec: read here, not by the reader of a key
RULE = "regolamento.definizione"
# the most nodes a formula may hold once every definition it reads is put in its place: a chain of definitions each
# reading the one before twice doubles at each step, and is refused before it is checked or run
MAX_NODES = 5000
# the deepest it may nest once they are in place: each formula nests at most formulas.MAX_DEPTH levels, and a chain of
# definitions each inside the next would nest past what is checked and run without recursing too deep
MAX_NESTING = 200


@attrs.frozen
class Draft:
    """A definition as the file writes it: its position in [[definizioni]], name, words, source and formula's text and
    tree."""

    index: int
    name: str
    words: str
    source: str
    raw: str
    text: str
    tree: Node

    @property
    def path(self) -> str:
        return f"{KEY}[{self.index}]"


@attrs.frozen
class Definitions:
    """The file's definitions, resolved: by name (what a formula's scope puts in place of each name) and by the path
    of their ``formula`` key (what the reader gives as the key's value)."""

    by_name: Mapping[str, Defined] = attrs.field(factory=dict)
    formulas: Mapping[str, Formula] = attrs.field(factory=dict)


@attrs.frozen
class Where:
    """What the definitions are read with: the file (for the messages), the lines of its keys, and what a formula
    may name in it (the levels of its scales, its parts in order, its declared columns) and the scale of its score
    ([punteggio] su, for the hints on a share of it)."""

    file: str
    lines: Mapping[str, int]
    levels: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    columns: Mapping[str, Quantity] = attrs.field(factory=dict)
    scale: Decimal | None = None


def read(data: Mapping[str, Any], where: Where, error: Error) -> Definitions:
    """The definitions of ``data`` that read, each problem of the others recorded with ``error(path, message,
    rule)``. A definition whose keys have the wrong type is left to the reader of the format, which says so."""
    raw = data.get(KEY)
    found: dict[str, Draft] = {}
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        one = _written(i, item, where, found, error)
        if one is not None:
            found[one.name] = one
    order = _ordered(found, error)
    by_name: dict[str, Defined] = {}
    formulas: dict[str, Formula] = {}
    for name in order:
        one = found[name]
        defined = _checked(one, where, by_name, error)
        by_name[name] = defined
        if not defined.type.unknown:
            at = Written(
                Path(where.file).name, line_of(dict(where.lines), f"{one.path}.formula"), said(f"{one.path}.formula")
            )
            formulas[f"{one.path}.formula"] = Formula(one.text, defined.body, defined.type, uses(defined.body), at)
    for name, one in found.items():  # in a circle, or reading one that is: read nowhere without a word more
        by_name.setdefault(name, Defined(name, 0, one.tree, UNKNOWN, one.words, one.source))
    unread = _unread(raw, where, found)  # written, but its formula does not read: known, of a type not known
    return Definitions({**{n: by_name[n] for n in found}, **unread}, formulas)


def _unread(raw: object, where: Where, found: Mapping[str, Draft]) -> dict[str, Defined]:
    """The definitions with a name free and sound whose formula does not read (said at its key): each is still a
    name the formulas know, of a type not known, so a formula reading it is neither told «nome sconosciuto» nor
    checked against a guess."""
    out: dict[str, Defined] = {}
    for item in raw if isinstance(raw, list) else []:
        name = item.get("nome") if isinstance(item, dict) else None
        if not isinstance(name, str) or name in found or name in out or name_problem(name, where.columns, {}):
            continue
        out[name] = Defined(name, 0, Name(name, 0), UNKNOWN)
    return out


def _written(i: int, item: object, where: Where, found: Mapping[str, Draft], error: Error) -> Draft | None:
    """The ``i``-th definition as written, its name checked and its formula parsed; None when either fails (said)."""
    if not isinstance(item, dict):
        return None
    name, raw = item.get("nome"), item.get("formula")
    words, source = item.get("descrizione", ""), item.get("fonte", "")
    if not isinstance(name, str) or not isinstance(raw, str) or not is_formula(raw):
        return None  # the reader of the format says what is wrong with the key
    if not isinstance(words, str) or not isinstance(source, str):
        return None
    path = f"{KEY}[{i}]"
    problem = name_problem(name, where.columns, found)
    if problem is not None:
        error(f"{path}.nome", problem, RULE)
        return None
    try:
        text = written(raw)
        tree = declared(parse(text, where.scale), where.columns)
    except FormulaError as exc:
        error(f"{path}.formula", f"definizione «{name}», formula «{raw.strip()}»: {exc}", "regolamento.formula")
        return None
    return Draft(i, name, words.strip(), source.strip(), raw.strip(), text, tree)


def name_problem(name: str, columns: Mapping[str, Quantity], found: Mapping[str, Draft]) -> str | None:
    """What is wrong with the name of a definition, naming what it clashes with; None when it is free."""
    if not declared_columns.NAME.fullmatch(name):
        return (
            f"nome {fmt.quoted(name)} non ammesso: lettere minuscole senza accenti, cifre e _, cominciando con una "
            "lettera (es. importo_tabella)"
        )
    q = quantity(name)
    if q is not None:
        return f"«{name}» è già un nome delle formule ({q.words}): scegli un altro nome per la definizione"
    if name in columns:
        return (
            f"«{name}» è già una colonna dichiarata in [[colonne]] ({columns[name].words}): scegli un altro nome per "
            "la definizione"
        )
    if name.upper() in FUNCTIONS:
        return f"«{name}» è il nome di una funzione delle formule ({name.upper()}): scegli un altro nome"
    if name in found:
        return (
            f"definizione «{name}» scritta due volte (la prima è {said(found[name].path)}): tieni un nome per ciascuna"
        )
    return None


def _reads(one: Draft, found: Mapping[str, Draft]) -> list[str]:
    """The definitions ``one`` reads by name, in the order it writes them."""
    names = (n.name for n in nodes(one.tree) if isinstance(n, Name) and n.name in found)
    return list(dict.fromkeys(names))


def _ordered(found: Mapping[str, Draft], error: Error) -> list[str]:
    """The definitions in an order where each comes after those it reads; those in a circle, or reading one that is,
    left out (the circle said once, at the first of it the file writes)."""
    order: list[str] = []
    state: dict[str, str] = {}  # name → "open" while its readings are walked, "done" after, "broken" in a circle

    def visit(name: str, path: list[str]) -> bool:
        if state.get(name) == "done":
            return True
        if state.get(name) == "broken":
            return False
        if state.get(name) == "open":
            circle = [*path[path.index(name) :], name]
            first = min(circle[:-1], key=lambda n: found[n].index)
            error(
                f"{found[first].path}.formula",
                f"definizione «{first}»: le definizioni si leggono in cerchio ({' → '.join(circle)}): una definizione "
                "non può leggere sé stessa, nemmeno attraverso altre",
                RULE,
            )
            for n in circle:
                state[n] = "broken"
            return False
        state[name] = "open"
        whole = all([visit(n, [*path, name]) for n in _reads(found[name], found)])
        if state.get(name) == "broken" or not whole:
            state[name] = "broken"
            return False
        state[name] = "done"
        order.append(name)
        return True

    for name in found:
        visit(name, [])
    return order


def _checked(one: Draft, where: Where, before: Mapping[str, Defined], error: Error) -> Defined:
    """``one`` with the definitions it reads in place, checked where everything may be read; typed unknown when it
    does not read (its problems said at its key)."""
    broken = Defined(one.name, 0, one.tree, UNKNOWN, one.words, one.source)
    tree = resolved(one.tree, before)
    size, nesting = _size(tree), depth(tree)
    if size > MAX_NODES or nesting > MAX_NESTING:
        much = (
            f"ha {size} elementi, al più {MAX_NODES}"
            if size > MAX_NODES
            else f"ha {nesting} livelli, al più {MAX_NESTING}"
        )
        error(
            f"{one.path}.formula",
            f"definizione «{one.name}»: con le definizioni che legge la formula {much}: leggi meno definizioni una "
            "dentro l'altra, o meno volte le stesse",
            RULE,
        )
        return broken
    scope = Scope(
        DEFINITION, levels=where.levels, parts=where.parts, columns=where.columns, definitions=before, scale=where.scale
    )
    problems: list[str] = []
    checker = Checker(scope, problems)
    found = checker.type(tree)
    if problems:
        message = "; ".join(dict.fromkeys(problems))
        error(f"{one.path}.formula", f"definizione «{one.name}», formula «{one.raw}»: {message}", "regolamento.formula")
        return broken
    if checker.euro or checker.percent or checker.percents:
        tree = marked(tree, checker.marks())
    line = line_of(dict(where.lines), f"{one.path}.formula")
    key = f"{f'riga {line}, ' if line is not None else ''}chiave {said(f'{one.path}.formula')}"
    return Defined(one.name, 0, tree, found, one.words, one.source, key)


def _size(node: Node) -> int:
    """How many nodes ``node`` holds, each definition counted as often as it is read (each once computed)."""
    memo: dict[int, int] = {}

    def count(n: Node) -> int:
        key = id(n)
        if key not in memo:
            memo[key] = 1 + sum(count(c) for c in _children(n))
        return memo[key]

    return count(node)


def _children(node: Node) -> Sequence[Node]:
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Negative):
        return (node.operand,)
    if isinstance(node, Defined):
        return (node.body,)
    return ()
