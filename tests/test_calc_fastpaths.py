"""The calculation's fast paths (issue 18, branch perf-calc4) against their plain versions: each test can fail."""

from __future__ import annotations

import attrs
import pytest

from ciclope.core.outcomes import Award, Score, new_award, new_score
from ciclope.core.trace import Input, draft_class, new_input


def test_draft_class_refuses_a_class_of_another_layout():
    @attrs.frozen(weakref_slot=False)
    class Base:
        a: int

    @attrs.frozen(weakref_slot=False)
    class Derived(Base):  # its twin would lack the base's slot: another layout
        b: int

    @attrs.define(slots=False)  # a __dict__
    class WithDict:
        a: int

    assert draft_class(Base)  # the same class alone is fine
    for cls in (Derived, WithDict):
        with pytest.raises(TypeError):
            draft_class(cls)


def test_drafted_instances_are_the_class_and_stay_frozen():
    made = [new_input("a", 1, ref="r"), new_score("p", None, breakdown={}), new_award("p", 1, "pool")]
    plain = [Input("a", 1, ref="r"), Score("p", None), Award("p", 1, "pool")]
    for fast, slow in zip(made, plain):
        assert type(fast) is type(slow) and fast == slow and hash(fast) == hash(slow)
        assert not hasattr(fast, "__dict__")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            fast.__class__ = type(fast)  # no way back to the draft
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(fast, attrs.fields(type(fast))[0].name, "changed")
