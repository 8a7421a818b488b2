"""The regulation of an ente: its file (the ``regolamento`` parameter) read once per content.

Many enti share one file (as the Comunità Montane share one regulation): it is read and checked once per
path and content, and every ente's ``Params`` gets the same immutable :class:`format.spec.Regulation`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import Params, Problem, Trace, cells
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.format.wording import CONTRACT
from ciclope.plugins.regolamento.read import amend
from ciclope.plugins.regolamento.read.lines import REGULATION, key_lines, line_of, said
from ciclope.plugins.regolamento.read.reader import SOURCE, read, shown

PARAM = "regolamento"
_CACHE: dict[tuple[str, str, str], tuple[Regulation | None, tuple[Problem, ...]]] = {}
_IN_CONTRACT: dict[
    tuple[int, tuple[tuple[str, tuple[str, str]], ...]], Regulation
] = {}  # a cached regulation in the words of a contract's year


STARTER = Path(__file__).parent.parent / "nuovo.toml"  # the starting regulation, at the plugin's root


def load(path_text: str, changes: Mapping[str, Any] | None = None) -> tuple[Regulation | None, tuple[Problem, ...]]:
    """The regulation in ``path_text`` with the numbers ``changes`` amended (:mod:`read.amend`: dotted key →
    value), or None and its problems (Italian, with file, key and line).

    Without a file (no ``regolamento = …`` in cycle.toml, or a synthetic ente) the plugin's commented starting
    regulation applies, and :func:`.rules.validate` says so in a warning of every such ente."""
    try:
        path, text = source(path_text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, (
            Problem(
                rule="regolamento.file",
                source=SOURCE,
                file=path_text or str(STARTER),
                message=f"il file del regolamento non si legge: {exc}",
            ),
        )
    changes = dict(changes or {})
    key = (str(path), text, repr(sorted(changes.items())))
    if key not in _CACHE:
        _CACHE[key] = _parse(path, text, changes)
    return _CACHE[key]


def _parse(path: Path, text: str, changes: Mapping[str, Any]) -> tuple[Regulation | None, tuple[Problem, ...]]:
    try:
        data = cells.parse_toml(text)  # as every TOML a user gives: depth, size, numbers, control characters
    except ValueError as exc:
        return None, (Problem(rule="regolamento.toml", source=SOURCE, file=str(path), message=str(exc)),)
    try:
        data = amend.apply(data, changes)
    except amend.AmendError as exc:
        return None, (Problem(rule="regolamento.modifica", source=SOURCE, file=str(path), message=str(exc)),)
    regulation, problems = read(path, text, data)
    if regulation is not None and changes:  # every citation says the figures are not the act's own
        shown = ", ".join(f"{k} = {amend.said(v)}" for k, v in changes.items())  # as written: «20%», «0,75»
        act = regulation.act  # the name the figures cite, the sigla where there is one, says it
        if act.short:
            act = attrs.evolve(act, short=f"{act.short} (modificato: {shown})")
        else:
            act = attrs.evolve(act, title=f"{act.title} (modificato: {shown})")
        regulation = attrs.evolve(regulation, act=act)
    return regulation, tuple(problems)


def source(path_text: str) -> tuple[Path, str]:
    """The regulation's file and text: ``path_text``, or the starting file with its placeholders filled."""
    path = Path(path_text) if path_text else STARTER
    text = cells.read_toml_text(path)
    if path == STARTER:  # the starting file as it applies unnamed
        text = text.replace("{name}", "esempio di ciclope").replace("{file}", STARTER.name)
    return path, text


def regulation_where(path_text: str) -> tuple[str, dict[str, int]]:
    """The regulation's file as people name it, and the lines of its keys: where a problem found while the ente is
    computed (a key's value that does not fit the ente's data) is to be fixed."""
    try:
        path, text = source(path_text)
    except (OSError, UnicodeDecodeError, ValueError):
        return path_text, {}
    return shown(path), key_lines(text)


@contextmanager
def placing(trace: Trace, path_text: str) -> Iterator[None]:
    """Within it, the problems the trace gains are :func:`placed` in the regulation's file ``path_text``, once (the
    file is read again only when one of them names it)."""
    start = len(trace.problems)
    try:
        yield
    finally:
        gained = trace.problems[start:]
        if any(p.file == REGULATION for p in gained):
            trace.problems[start:] = placed(gained, regulation_where(path_text))


def placed(problems: Sequence[Problem], where: tuple[str, dict[str, int]]) -> list[Problem]:
    """``problems`` with the regulation's file as people name it and the line of each key (``where``:
    :func:`regulation_where`); a whole table said as its header is (``[premio]``, ``[[premi]] n. 2``)."""
    file, lines = where
    out = []
    for p in problems:
        if p.file != REGULATION:
            out.append(p)
            continue
        path = p.column
        column = said(path) if "." in path or path.endswith("]") or not path else f"[{path}]"
        out.append(attrs.evolve(p, file=file, row=line_of(lines, path) if path else None, column=column))
    return out


def parsed(path_text: str) -> dict[str, Any] | None:
    """The regulation's file as TOML data (None when it does not read)."""
    try:
        data: dict[str, Any] = cells.parse_toml(source(path_text)[1])
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data


def changes_of(params: Params) -> Mapping[str, Any]:
    """The amendments of the regulation among the ente's parameters (dotted key → value)."""
    return params.amendments.get(PARAM, {})


Loaded = tuple[Regulation | None, tuple[Problem, ...]]
_READERS: dict[str, Callable[[str], Loaded]] = {}


def _reader(changes: Mapping[str, Any], roles: Mapping[str, tuple[str, str]] | None = None) -> Callable[[str], Loaded]:
    """:func:`load` with these amendments, naming ``roles`` as the contract of the year does (:func:`in_contract`),
    one function per set of them: ``Params.parsed`` keeps its answer per ente under the function, so the file is read
    once per ente, not once per person."""
    named = dict(roles or {})
    key = repr((sorted(changes.items()), sorted(named.items())))
    if key not in _READERS:
        fixed = dict(changes)
        _READERS[key] = lambda path_text: in_contract(load(path_text, fixed), named)
    return _READERS[key]


def in_contract(loaded: Loaded, roles: Mapping[str, tuple[str, str]]) -> Loaded:
    """The regulation with the groups of the roles its contract renames in the cycle year (``Params.contract_roles``:
    «le EQ» in Funzioni Locali from 2024) among its labels (:data:`CONTRACT`): its documents say the words of the
    year where [etichette] names the role not, never the «PO / EQ» of a regulation read alone."""
    regulation, problems = loaded
    if regulation is None or not roles:
        return loaded
    # one regulation per file and words, kept as :func:`load` keeps the file's: what is cached by a regulation's
    # identity (score.ladders) never meets another one born where a collected one was
    key = (id(regulation), tuple(sorted(roles.items())))
    if key not in _IN_CONTRACT:
        labels = {**regulation.labels, **{CONTRACT + role: many for role, (_, many) in roles.items()}}
        _IN_CONTRACT[key] = attrs.evolve(regulation, labels=labels)
    return _IN_CONTRACT[key], problems


def declared(params: Params) -> Regulation | None:
    """The ente's regulation with its amendments, in the words of its contract of the year, or None when it does not
    read (its problems are said by ``ciclope_check_params`` and ``ciclope_check_amendments``)."""
    return params.parsed(PARAM, _reader(changes_of(params), params.contract_roles))[0]


def regulation_of(params: Params) -> Regulation:
    """The ente's regulation (checked when the configuration was read: ``ciclope_check_params``)."""
    regulation, problems = params.parsed(PARAM, _reader(changes_of(params), params.contract_roles))
    if regulation is None:  # the run plan is never built with a broken regulation
        raise ValueError("; ".join(p.message for p in problems))
    return regulation
