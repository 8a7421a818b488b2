"""ciclope core: the performance cycle (D.Lgs. 150/2009) and the plugin author's surface.

A plugin imports only from here (a test checks the built-in ones): ``hookimpl``, the model and
outcome types, ``Problem``, the cell parsers, money and scoring primitives, the formatting helpers
and parameter loading. Everything else in ``ciclope.core`` is the core's own and may change.
"""

import pluggy

hookimpl = pluggy.HookimplMarker("ciclope")

from .columns import in_order  # noqa: E402
from .conciliation import has_contraddittorio, po_needs_contraddittorio  # noqa: E402
from .defaults import card_part, dirigente_score, weighted_score  # noqa: E402
from .model import Appeal, Assignment, Ente, EvaluationItem, Indicator, Objective, Person, Row, StrategicArea, Unit  # noqa: E402
from .money import (  # noqa: E402
    PERFORMANCE,
    POSITION,
    InsufficientFund,
    Pool,
    bounded_lambda,
    bounded_split,
    capped_split,
    floor2,
    instalments,
    r2,
    r4,
    split,
)
from .outcomes import (  # noqa: E402
    Attestation,
    Award,
    Deadline,
    IndicatorOutcome,
    InputSchema,
    OrgPerformance,
    PositionPay,
    Positions,
    ReportSection,
    Rewards,
    Score,
    new_award,
    new_score,
)
from .params import Params, ParamSpec, load_param_specs  # noqa: E402
from .problems import CiclopeError, Problem, ProblemFactory  # noqa: E402
from .ranking import by_score, cut_without_ties, top_share  # noqa: E402
from .reports.fmt import Money, Percent, date_it, decimal_it, euro, pct  # noqa: E402
from .scoring import SOURCE_CARD, card_formula, card_score, card_score_and_formula, mixed_weights, weighted_mean  # noqa: E402
from .sharing import distribute  # noqa: E402
from .trace import CardInputs, Figure, Input, Trace, figure, new_figure, new_input  # noqa: E402
from .values import (  # noqa: E402
    choice,
    parse_bool,
    parse_date,
    parse_id,
    parse_money,
    parse_nonnegative,
    parse_nonnegative_int,
    parse_number,
    parse_positive_fraction,
    parse_share,
    parse_text,
    to_decimal,
)

__all__ = [
    "hookimpl",
    # the model (input) and the outcomes (what hooks return)
    "Appeal",
    "Assignment",
    "Ente",
    "EvaluationItem",
    "Indicator",
    "Objective",
    "Person",
    "Row",
    "StrategicArea",
    "Unit",
    "Attestation",
    "Award",
    "Deadline",
    "IndicatorOutcome",
    "InputSchema",
    "OrgPerformance",
    "PositionPay",
    "Positions",
    "ReportSection",
    "Rewards",
    "Score",
    # fast constructors of the instances made per person (issue 18)
    "new_award",
    "new_score",
    # cell parsers (InputSchema columns)
    "choice",
    "parse_bool",
    "parse_date",
    "parse_id",
    "parse_money",
    "parse_nonnegative",
    "parse_nonnegative_int",
    "parse_number",
    "parse_positive_fraction",
    "parse_share",
    "parse_text",
    "to_decimal",
    # money
    "Pool",
    "PERFORMANCE",
    "POSITION",
    "InsufficientFund",
    "bounded_lambda",
    "bounded_split",
    "capped_split",
    "distribute",
    "floor2",
    "instalments",
    "r2",
    "r4",
    "split",
    # scoring
    "SOURCE_CARD",
    "card_formula",
    "card_part",
    "card_score",
    "card_score_and_formula",
    "mixed_weights",
    "dirigente_score",
    "weighted_mean",
    "weighted_score",
    "has_contraddittorio",
    "po_needs_contraddittorio",
    # rankings: a share of the best without splitting ties
    "by_score",
    "cut_without_ties",
    "top_share",
    # per-person facts as a list in people.csv order, made in C (issue 18)
    "in_order",
    # formatting for people (Italian)
    "date_it",
    "decimal_it",
    "euro",
    "Money",
    "Percent",
    "pct",
    # parameters, problems, trace
    "Params",
    "ParamSpec",
    "load_param_specs",
    "CiclopeError",
    "Problem",
    "ProblemFactory",
    "CardInputs",
    "Figure",
    "figure",
    "new_figure",
    "Input",
    "new_input",
    "Trace",
]
