"""The fast constructors (issue 18) give the same instance as the class's own constructor, every field set.

Each field is given a value of its own (an object nobody else holds), so a fast constructor that forgot a
field, set two fields from one argument or swapped two would differ; a field added to a class without
adding it to its fast constructor fails the signature check.
"""

from __future__ import annotations

import inspect
from decimal import Decimal

import attrs
import pytest

from ciclope.core.outcomes import (
    Award,
    IndicatorOutcome,
    MonitoringOutcome,
    Score,
    new_award,
    new_indicator_outcome,
    new_monitoring_outcome,
    new_score,
)
from ciclope.core.trace import Figure, Input, Trace, new_input

FAST = [
    (Input, new_input),
    (Score, new_score),
    (Award, new_award),
    (IndicatorOutcome, new_indicator_outcome),
    (MonitoringOutcome, new_monitoring_outcome),
]


def distinct_values(cls) -> dict[str, object]:
    """A distinct object per field, of a plausible type for the field."""
    values: dict[str, object] = {}
    for n, f in enumerate(attrs.fields(cls)):
        kind = str(f.type)
        if "Mapping" in kind:
            values[f.name] = {f"k{n}": Decimal(n)}
        elif "Decimal" in kind:
            values[f.name] = Decimal(f"{n}.{n}1")
        else:
            values[f.name] = f"{f.name}-{n}"
    return values


@pytest.mark.parametrize(("cls", "fast"), FAST, ids=[c.__name__ for c, _ in FAST])
def test_fast_constructor_names_every_field(cls, fast):
    params = list(inspect.signature(fast).parameters)
    assert params == [f.name for f in attrs.fields(cls)]
    # the classes stay plain attrs: nothing the fast constructor skips would run in the class's own
    for f in attrs.fields(cls):
        assert f.validator is None and f.converter is None, f.name


@pytest.mark.parametrize(("cls", "fast"), FAST, ids=[c.__name__ for c, _ in FAST])
def test_fast_constructor_equals_the_class_call(cls, fast):
    values = distinct_values(cls)
    made, reference = fast(**values), cls(**values)
    assert type(made) is cls
    assert made == reference
    assert repr(made) == repr(reference)
    assert hash(made) == hash(reference)
    for name, value in values.items():
        assert getattr(made, name) is value, name
    # still frozen
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(made, attrs.fields(cls)[0].name, "changed")


@pytest.mark.parametrize(("cls", "fast"), FAST, ids=[c.__name__ for c, _ in FAST])
def test_fast_constructor_defaults_are_the_class_defaults(cls, fast):
    for p in inspect.signature(fast).parameters.values():
        if p.default is not inspect.Parameter.empty:
            field = attrs.fields_dict(cls)[p.name]
            assert field.default == p.default, p.name


def test_fast_constructors_by_position_and_defaults():
    assert new_input("peso", Decimal("0.5")) == Input("peso", Decimal("0.5"))
    assert new_input("x", 1, "score:A", "f.csv:2:c") == Input("x", 1, "score:A", "f.csv:2:c")
    assert new_input("x", 1, cell="f.csv:2:c") == Input("x", 1, cell="f.csv:2:c")
    assert new_award("A", Decimal("1.00"), "pool") == Award("A", Decimal("1.00"), "pool")
    assert new_award("A", Decimal("1.00"), "pool", ref="PO1") == Award("A", Decimal("1.00"), "pool", ref="PO1")
    assert new_score("A", None, breakdown={}) == Score("A", None)
    assert new_score("A", Decimal("80.00"), "alto", breakdown={"scheda": 1}) == Score(
        "A", Decimal("80.00"), "alto", breakdown={"scheda": 1}
    )
    assert new_indicator_outcome(None, 1, None, "missing") == IndicatorOutcome(None, 1, None, "missing")
    assert new_monitoring_outcome(Decimal(1), Decimal(0), 2, 2) == MonitoringOutcome(Decimal(1), Decimal(0), 2, 2)


def test_trace_record_makes_the_figure_the_named_tuple_makes():
    trace = Trace()
    given = [Input("target", 3)]
    assert trace.record("k", Decimal(1), "f", "s", given, label="L", note="N") == Decimal(1)
    figure = trace.figures["k"]
    assert type(figure) is Figure
    assert figure == Figure("k", Decimal(1), "f", "s", tuple(given), "L", "N")
    assert figure.inputs == tuple(given) and type(figure.inputs) is tuple
    assert (figure.label, figure.note) == ("L", "N")
    trace.record("j", 2, "f", "s")
    assert trace.figures["j"] == Figure("j", 2, "f", "s")
