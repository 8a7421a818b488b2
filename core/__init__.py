"""ciclope core: the performance cycle (D.Lgs. 150/2009) and the plugin author's surface.

A plugin imports from here: ``hookimpl``, the model and outcome types, ``Problem``, money and
scoring primitives, parameter loading.
"""
import pluggy

hookimpl = pluggy.HookimplMarker("ciclope")

from .model import (Appeal, Assignment, Ente, EvaluationItem, Indicator, Objective, Person, Row,  # noqa: E402
                    StrategicArea, Unit)
from .money import Pool, bounded_split, r2, r4, split  # noqa: E402
from .outcomes import (Attestation, Award, Deadline, IndicatorOutcome, InputSchema, OrgPerformance,  # noqa: E402
                       PositionPay, Positions, ReportSection, Rewards, Score)
from .params import Params, ParamSpec, load_param_specs  # noqa: E402
from .problems import CiclopeError, Problem  # noqa: E402
from .trace import Input, Trace  # noqa: E402

__all__ = ["hookimpl", "Appeal", "Assignment", "Ente", "EvaluationItem", "Indicator", "Objective", "Person", "Row",
           "StrategicArea", "Unit", "Pool", "bounded_split", "r2", "r4", "split", "Attestation", "Award", "Deadline",
           "IndicatorOutcome", "InputSchema", "OrgPerformance", "PositionPay", "Positions", "ReportSection", "Rewards",
           "Score", "Params", "ParamSpec", "load_param_specs", "CiclopeError", "Problem", "Input", "Trace"]
