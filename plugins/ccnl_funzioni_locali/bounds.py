"""National bounds on local parameters (rules §1): a plugin parameter declaring ``national = "<id>"`` in its
``params.toml`` is bounded by that provision in force in the cycle year, not by the numbers of params.toml.

An override beyond the national bound is then a configuration error naming the contract (the core's
check of ``[ente.params]`` reads ``bound_source``). A provision row without a bound (e.g. no per-person range
from 2018) leaves the local bounds in place.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import attrs

from ciclope.core import hookimpl

from .national import in_force


@hookimpl(wrapper=True)
def ciclope_params(year: int) -> Generator[None, dict[str, Any] | None, dict[str, Any] | None]:
    specs = yield
    if not specs:
        return specs
    return {name: bounded(spec, year) for name, spec in specs.items()}


def bounded(spec: Any, year: int) -> Any:
    """``spec`` with the bounds of its national provision in force in ``year`` (unchanged without one)."""
    if not spec.national:
        return spec
    row = in_force(spec.national, year)
    if row is None or (row.min is None and row.max is None):
        return spec
    return attrs.evolve(
        spec,
        min=row.min if row.min is not None else spec.min,
        max=row.max if row.max is not None else spec.max,
        bound_source=row.source,
    )
