"""The regulation of an ente: its file (the ``regolamento`` parameter) read once per content.

Many enti share one file (as the Comunità Montane share one regulation): it is read and checked once per
path and content, and every ente's ``Params`` gets the same immutable :class:`.spec.Regulation`.
"""

from __future__ import annotations

import tomllib  # Python ≥ 3.11 (pyproject)
from pathlib import Path

from ciclope.core import Params, Problem

from .reader import SOURCE, read
from .spec import Regulation

PARAM = "regolamento"
_CACHE: dict[tuple[str, str], tuple[Regulation | None, tuple[Problem, ...]]] = {}


STARTER = Path(__file__).with_name("nuovo.toml")


def load(path_text: str) -> tuple[Regulation | None, tuple[Problem, ...]]:
    """The regulation in ``path_text``, or None and its problems (Italian, with file, key and line).

    Without a file (no ``regolamento = …`` in cycle.toml, or a synthetic ente) the plugin's commented starting
    regulation applies, and :func:`.rules.validate` says so in a warning of every such ente."""
    path = Path(path_text) if path_text else STARTER
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, (
            Problem(
                rule="regolamento.file",
                source=SOURCE,
                file=str(path),
                message=f"il file del regolamento non si legge: {exc}",
            ),
        )
    if path == STARTER:  # the starting file as it applies unnamed: its placeholders filled
        text = text.replace("{name}", "esempio di ciclope").replace("{file}", STARTER.name)
    key = (str(path), text)
    if key not in _CACHE:
        _CACHE[key] = _parse(path, text)
    return _CACHE[key]


def _parse(path: Path, text: str) -> tuple[Regulation | None, tuple[Problem, ...]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, (
            Problem(rule="regolamento.toml", source=SOURCE, file=str(path), message=f"TOML non valido: {exc}"),
        )
    regulation, problems = read(path, text, data)
    return regulation, tuple(problems)


def regulation_of(params: Params) -> Regulation:
    """The ente's regulation (checked when the configuration was read: ``ciclope_check_params``)."""
    regulation, problems = load(params[PARAM])
    if regulation is None:  # the run plan is never built with a broken regulation
        raise ValueError("; ".join(p.message for p in problems))
    return regulation
