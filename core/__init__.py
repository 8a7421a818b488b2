"""ciclope core: the performance cycle (D.Lgs. 150/2009) and the plugin author's surface.

A plugin imports only the names of ``__all__`` below (a test checks the built-in ones):

- ``hookimpl``, the marker of a hook implementation (the hooks: docs/hooks.md);
- the ente and its rows (``Ente``, ``Person``, ``Unit``, ``Objective``, ``Indicator``,
  ``EvaluationItem``, ``Appeal``, and ``Row``, a row of a plugin's own table; ``SynthData`` for a synthetic one), what hooks return (``Score``,
  ``Award``, ``Rewards``…) and the ente's whole ``Result``, which report sections read;
- ``CycleHooks``, what a hook implementation that receives ``hooks`` may ask of the other hooks, and
  ``hookspecs``, the specs it asks them by (``hooks.first(hookspecs.ciclope_premium_rankings, ente=…, params=…)``);
- ``Trace``, where every figure is recorded with its inputs (``Input``, ``CardInputs``) and source;
- ``Citation``, a legal source as data (act, article, comma, letter, confidence: ``Citation.of(act, locator,
  confidence)``); wherever a source is asked a plain string is accepted too, read into one once
  (docs/plugin-guide.md);
- ``Params`` (the plugin's dated parameters) and ``Problem`` (an error or warning for people);
  ``COMPARTO_PER_ENTE``, the ``COMPARTO`` of a plugin whose enti each name their comparto;
- ``Pool`` and ``distribute``, and five namespaces of helpers, each with its own ``__all__``:
  ``money`` (exact splits and roundings, ``money.split_note`` saying how a share came to the cent, and
  ``money.Fund``, ``money.FundLine``, ``money.FundCheck``: the fondo
  risorse decentrate a comparto layer constitutes with ``ciclope_fund``), ``scoring`` (cards, weighted scores, rankings),
  ``bands`` (merit bands and score levels), ``cells`` (parsers of input cells) and ``fmt`` (Italian
  numbers, money and dates);
- the ``provisions`` namespace (``Provision``, ``in_force``…): the dated national provisions a comparto layer
  keeps in its ``provisions.toml`` (docs/plugin-guide.md).

Everything else in ``ciclope.core`` is the core's own and may change.
"""

import pluggy

hookimpl = pluggy.HookimplMarker("ciclope")

from ciclope.core import bands, cells, fmt, money, provisions, scoring  # noqa: E402
from ciclope.core.citation import Citation  # noqa: E402
from ciclope.core.engine import hookspecs  # noqa: E402
from ciclope.core.hooktypes import CycleHooks  # noqa: E402
from ciclope.core.model import Appeal, Ente, EvaluationItem, Indicator, Objective, Person, Row, SynthData, Unit  # noqa: E402
from ciclope.core.money import Pool  # noqa: E402
from ciclope.core.outcomes import (  # noqa: E402
    Attestation,
    Award,
    Deadline,
    InputSchema,
    OrgPerformance,
    OwnMaggiorazione,
    PositionPay,
    Positions,
    ReportSection,
    Rewards,
    Score,
)
from ciclope.core.params import Params  # noqa: E402
from ciclope.core.plugininfo import COMPARTO_PER_ENTE  # noqa: E402
from ciclope.core.problems import Problem  # noqa: E402
from ciclope.core.result import Result  # noqa: E402
from ciclope.core.sharing import distribute  # noqa: E402
from ciclope.core.trace import CardInputs, Input, Trace  # noqa: E402

__all__ = [
    "hookimpl",
    # the ente and its rows
    "Appeal",
    "Ente",
    "EvaluationItem",
    "Indicator",
    "Objective",
    "Person",
    "Row",
    "Unit",
    "SynthData",
    # what the hooks return
    "Attestation",
    "Award",
    "Deadline",
    "InputSchema",
    "OrgPerformance",
    "OwnMaggiorazione",
    "PositionPay",
    "Positions",
    "ReportSection",
    "Rewards",
    "Score",
    "Result",
    # what a hook may ask of the other hooks
    "CycleHooks",
    "hookspecs",
    # explanations, parameters, problems
    "CardInputs",
    "Citation",
    "Input",
    "Params",
    "Problem",
    "COMPARTO_PER_ENTE",
    "Trace",
    # money and the helper namespaces
    "Pool",
    "distribute",
    "bands",
    "cells",
    "fmt",
    "money",
    "provisions",
    "scoring",
]
