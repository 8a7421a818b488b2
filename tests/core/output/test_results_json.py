"""results.json shape details (SPEC §6)."""

from decimal import Decimal as D

from ciclope.core.outcomes import Award
from ciclope.core.output.results import money, num, people_awards


def test_rewards_people_are_keyed_by_person_with_further_awards_nested():
    awards = {
        "P1": Award("P1", D("600"), "performance_individuale", "alta"),
        "P1:bonus_eccellenze": Award("P1", D("250.5"), "bonus_eccellenze"),
        "P2": Award("P2", D("0"), "performance_individuale", "bassa"),
    }
    assert people_awards(awards) == {
        "P1": {
            "amount": "600.00",
            "band": "alta",
            "pool": "performance_individuale",
            "also": [{"amount": "250.50", "band": None, "pool": "bonus_eccellenze"}],
        },
        "P2": {"amount": "0.00", "band": "bassa", "pool": "performance_individuale"},
    }


def test_numbers_money_and_dates():
    import datetime as dt

    assert num(D("10")) == 10 and isinstance(num(D("10")), int)
    assert num(D("0.9091")) == 0.9091
    assert num(dt.date(2021, 6, 30)) == "2021-06-30"
    assert money(D("1234.565")) == "1234.57"  # half-up


# -- results.json written by orjson is the text Python's json writes (issue 18) --------------------

import json  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ciclope.core.commands.synth import synth  # noqa: E402
from ciclope.core.engine.registry import available_plugins  # noqa: E402
from ciclope.core.inputs.config import load_config  # noqa: E402
from ciclope.core.output import results  # noqa: E402
from ciclope.core.run import runner  # noqa: E402


def python_json(doc) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("plugin", sorted(available_plugins()))
def test_results_json_is_pythons_json_text_on_synthetic_enti(tmp_path, plugin):
    plan = load_config(synth(tmp_path, enti=1, people=80, seed=11, plugins=[plugin]))
    result = runner.compute(plan.enti[0], plan.year)
    doc = results.to_dict(result)
    fast = results._dumps_orjson(doc)
    assert fast is not None  # the fast path is the one taken on real results
    assert fast == python_json(doc) == results.dumps(result)
    # the file the runner writes: those bytes in UTF-8, with no other encoding step (issue 18)
    assert results.dumps_bytes(result) == python_json(doc).encode("utf-8")
    out = runner.write_outputs(result, tmp_path / "out", outputs=())
    assert (out / "results.json").read_bytes() == python_json(doc).encode("utf-8")


@pytest.mark.parametrize("name", ["bergamo", "brescia", "comunita_montane"])
def test_results_json_is_pythons_json_text_on_the_public_examples(example, name):
    plan = load_config(example(name) / "cycle.toml")
    for cfg in plan.enti:
        doc = results.to_dict(runner.compute(cfg, plan.year))
        assert results._dumps_orjson(doc) == python_json(doc)


KEYS = st.one_of(st.text(max_size=6), st.integers(-5, 5))
FLOATS = st.one_of(
    st.floats(),  # NaN and infinities included
    st.sampled_from([1e16, 1e-5, 4.33e-05, 0.0001, 9.999e-05, 123456789012345680.0, -0.0, 5e-324, -1e300]),
)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    FLOATS,
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.text(),  # every character, controls and U+2028 included
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=500)
@given(value=VALUES, floats=st.lists(FLOATS, max_size=4))
def test_the_fast_encoder_never_differs_from_pythons_json(value, floats):
    """Whatever the values, as results.py puts them in the document (num, ach, real), the text is Python's."""
    doc = {
        "values": results.num(value),
        "achievements": [results.ach(D(repr(f))) for f in floats if f == f and abs(f) != float("inf")],
        "scores": [results.real(f) for f in floats],
    }
    fast = results._dumps_orjson(doc)
    assert (fast if fast is not None else results.dumps_json(doc)) == python_json(doc)


def test_a_tiny_achievement_is_written_as_python_writes_it():
    doc = {"a": results.ach(D("0.00005")), "b": results.real(1e16), "c": results.real(float("nan"))}
    assert results._dumps_orjson(doc) == '{\n  "a": 5e-05,\n  "b": 1e+16,\n  "c": NaN\n}\n' == python_json(doc)


def test_without_orjson_the_text_is_the_same(tmp_path, monkeypatch):
    """A platform without orjson's wheels: Python's json writes results.json and the store's trace."""
    import zlib

    from ciclope.core.store import record

    plan = load_config(synth(tmp_path, enti=1, people=40, seed=12, plugins=["brescia"]))
    result = runner.compute(plan.enti[0], plan.year)
    fast, trace = results.dumps(result), record.encode_trace(result)
    monkeypatch.setattr(results, "orjson", None)
    monkeypatch.setattr(record, "orjson", None)
    assert results.dumps(result) == fast == python_json(results.to_dict(result))
    assert results.dumps_bytes(result) == fast.encode("utf-8")
    slow_trace = record.encode_trace(result)
    assert json.loads(zlib.decompress(slow_trace)) == json.loads(zlib.decompress(trace))
    assert record.decode_trace(slow_trace) == record.decode_trace(trace)


# -- the conversions remembered by the number's text (issue 18) ----------------------------------


def plain_num(value):
    """results.num before issue 18, for a number."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, D):
        return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else results.real(float(value))
    if isinstance(value, float):
        return results.real(value)
    return value


def same(a, b) -> bool:
    """Equal, of the same type, and NaN equal to NaN (what json writes is then the same)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


NUMBERS = st.one_of(
    st.decimals(places=4, min_value=-(10**6), max_value=10**6),
    st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()),
    st.integers(-(10**18), 10**18).map(D),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.sampled_from(["1.5", "NaN", ""]),
)


@settings(max_examples=300)
@given(values=st.lists(NUMBERS, min_size=1, max_size=6))
def test_numbers_remembered_by_their_text_are_the_plain_conversions(values):
    for _ in range(2):  # the second round reads the caches
        for v in values:
            assert same(num(v), plain_num(v))
            if isinstance(v, (D, float, int)) and not isinstance(v, bool):
                assert same(results.ach(v), results.real(float(v)))
            if isinstance(v, D) and v.is_finite() and abs(v) < 10**20:
                assert money(v) == f"{results.r2(v):.2f}"
    assert num("1.5") == "1.5" and num(D("1.5")) == 1.5  # a text is never taken for the number it reads as
