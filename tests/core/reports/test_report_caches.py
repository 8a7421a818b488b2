"""The reports' caches and shared parts give the texts the plain code gives (issue 18).

The figures' texts are remembered by the number's own text (fmt) and the statistics are made once per
Result. Each is compared here with the code it replaced, written out as the oracle.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.commands.synth import synth
from ciclope.core.engine.registry import available_plugins
from ciclope.core.fmt import _decimal_it
from ciclope.core.inputs.config import load_config
from ciclope.core.reports import fmt, stats
from ciclope.core.run import runner

PLUGINS = sorted(available_plugins())


# -- fmt: the texts of numbers ------------------------------------------------------------------


def plain_pct(value, places=2):
    return fmt.NONE if value is None else _decimal_it(Decimal(str(value)) * 100, places, True) + "%"


def plain_signed_pct(value, places=2):
    if value is None:
        return fmt.NONE
    d = Decimal(str(value))
    return ("+" if d > 0 else "") + plain_pct(d, places)


def plain_value(v):
    """fmt.value before issue 18 (the checks in this order, no memo)."""
    if v is None or v == "":
        return fmt.NONE
    if isinstance(v, bool):
        return "sì" if v else "no"  # as the docs and leggi write them
    if isinstance(v, dt.date):
        return fmt.date_it(v)
    if isinstance(v, fmt.Money):
        return "€ " + _decimal_it(v, 2, True)
    if isinstance(v, fmt.Percent):
        return plain_pct(v)
    if isinstance(v, (Decimal, int, float)):
        return _decimal_it(v, None, True)
    return str(v)


DECIMALS = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9, places=6)
NUMBERS = st.one_of(
    DECIMALS,
    st.decimals(allow_nan=False, allow_infinity=False),  # any exponent
    DECIMALS.map(lambda d: d.quantize(Decimal("0.01"))),  # trailing zeros: 1.10, 16000.00
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    DECIMALS.map(fmt.Money),
    DECIMALS.map(fmt.Percent),
)


def outcome(f, *args):
    """The text, or the error (a number too long for the context's precision raises either way)."""
    try:
        return f(*args)
    except ArithmeticError as exc:
        return type(exc)


@settings(max_examples=300)
@given(values=st.lists(NUMBERS, min_size=1, max_size=6), places=st.integers(0, 4))
def test_number_texts_are_the_plain_functions(values, places):
    for _ in range(2):  # the second round reads the caches
        for v in values:
            assert outcome(fmt.decimal_it, v) == outcome(_decimal_it, v, None, True)
            assert outcome(fmt.decimal_it, v, places) == outcome(_decimal_it, v, places, True)
            assert outcome(fmt.decimal_it, v, places, False) == outcome(_decimal_it, v, places, False)
            assert outcome(fmt.pct, v, places) == outcome(plain_pct, v, places)
            assert outcome(fmt.signed_pct, v, places) == outcome(plain_signed_pct, v, places)
            assert outcome(fmt.value, v) == outcome(plain_value, v)


def test_equal_numbers_written_differently_keep_their_texts():
    """The caches are keyed by the number's text and type: 1.0 (float), 1.0 and 1.00 (Decimal) and 1 stay apart
    where their texts differ (worked by hand)."""
    for _ in range(2):
        assert [fmt.value(x) for x in (1.0, Decimal("1.0"), Decimal("1.00"), 1, Decimal("1E+1"))] == [
            "1",
            "1,0",
            "1,00",
            "1",
            "10",
        ]
        assert [fmt.pct(x) for x in (Decimal("0.5"), 0.5, "0.50", Decimal("5E-1"))] == ["50,00%"] * 4
        assert [fmt.signed_pct(x) for x in (Decimal("-0.25"), Decimal("0"), 0.05)] == ["−25,00%", "0,00%", "+5,00%"]
        assert fmt.value(fmt.Money("10768.58")) == "€ 10.768,58"
        assert fmt.value(fmt.Percent("0.4505")) == "45,05%"
        assert fmt.value("") == fmt.value(None) == fmt.NONE
        assert fmt.value(True) == "sì"


# -- a synthetic ente per plugin ------------------------------------------------------------------


@pytest.fixture(scope="module", params=PLUGINS)
def computed(request, tmp_path_factory):
    plan = load_config(synth(tmp_path_factory.mktemp("s"), enti=1, people=90, seed=11, plugins=[request.param]))
    return plan


def fresh(plan):
    return runner.compute(plan.enti[0], plan.year)


# -- statistics -----------------------------------------------------------------------------------


def plain_histogram(scores):
    bins = [0] * (100 // stats.BIN)
    for s in scores:
        if s is None:
            continue
        i = min(int(Decimal(s) // stats.BIN), len(bins) - 1)
        bins[max(i, 0)] += 1
    return bins


@given(st.lists(st.one_of(st.none(), st.decimals(min_value=-150, max_value=250, places=3)), max_size=40))
def test_the_histogram_classes_are_decimal_floor_division(scores):
    """int(score) // 10 instead of Decimal(score) // 10 (which truncates): the same class for every score,
    negative ones in the first."""
    import types

    result = types.SimpleNamespace(scores={str(i): types.SimpleNamespace(score=s) for i, s in enumerate(scores)})
    assert [n for _, n in stats._histogram(result)] == plain_histogram(scores)


def plain_level_order(scores):
    """stats._level_order before 24/11 (a step per person)."""
    lows = {}
    for s in scores:
        if s.level and s.score is not None:
            lows[s.level] = min(lows.get(s.level, s.score), s.score)
    return sorted(lows, key=lambda lv: (lows[lv], lv))


def scored(pairs):
    import types

    return types.SimpleNamespace(
        scores={str(i): types.SimpleNamespace(level=lv, score=s) for i, (lv, s) in enumerate(pairs)}
    )


def test_the_level_order_by_hand():
    """Levels by their lowest score: alto min(90, 85.50) = 85.50, medio 60, basso 40 → basso, medio, alto; a level
    with no score and a score with no level count nowhere; pari and uguale tie at 70 and go by name."""
    pairs = [("alto", Decimal(90)), ("medio", Decimal(60)), ("alto", Decimal("85.50")), ("basso", Decimal(40))]
    pairs += [("vuoto", None), (None, Decimal(10)), ("", Decimal(5)), ("uguale", Decimal(70)), ("pari", Decimal(70))]
    assert stats._level_order(scored(pairs)) == ["basso", "medio", "pari", "uguale", "alto"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", None, "A", "B", "C"]),
            st.one_of(st.none(), st.decimals(min_value=-10, max_value=110, places=2)),
        ),
        max_size=40,
    )
)
def test_the_level_order_is_the_plain_one(pairs):
    """The distinct (level, score) pairs give the order a step per person gave (Decimal("7") and Decimal("7.00")
    are one pair: equal lowest scores sort alike)."""
    result = scored(pairs)
    assert stats._level_order(result) == plain_level_order(result.scores.values())


def test_people_scores_are_each_persons_class_and_score_in_people_order(computed):
    """stats.people_scores: for each person of people.csv, in order, class_of and the score's value (None for who
    has none); the Relazione's distribution counts those classes as class_of person by person did."""
    result = fresh(computed)
    ids = list(result.ente.people)
    columns = stats.people_scores(result)
    assert columns.classes == [stats.class_of(result, pid) for pid in ids]
    expected = [s.score if (s := result.scores.get(pid)) is not None else None for pid in ids]
    assert columns.values == expected
    counts: dict[str, int] = {}
    for pid in ids:
        counts[stats.class_of(result, pid)] = counts.get(stats.class_of(result, pid), 0) + 1
    assert dict(stats.distribution(result)) == counts and sum(counts.values()) == len(ids)
    assert stats.people_scores(result) is columns  # made once per Result


def plain_evaluated(result):
    """Who evaluated whom, as stats.evaluators found it before issue 18."""
    ente = result.ente
    evaluated: dict[str, dict[str, None]] = {}
    for item in ente.evaluations:
        person = ente.people.get(item.person)
        who = item.evaluator or (person.evaluator if person else None)
        if not who:
            continue
        evaluated.setdefault(who, {})[item.person] = None
    return evaluated


def test_the_evaluators_are_found_as_before(computed):
    result = fresh(computed)
    evals, _ = stats.evaluators(result)
    evaluated = plain_evaluated(result)
    assert [ev.id for ev in evals] == sorted(evaluated)
    for ev in evals:
        values = [v for p in evaluated[ev.id] if (v := stats.evaluation_value(result, p)) is not None]
        assert ev.count == len(values) and ev.distinct == len(set(values))
        if values:
            mean = sum(values, Decimal(0)) / len(values)
            assert ev.mean == mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# -- what is kept for the whole run ---------------------------------------------------------------

# the documents of every ente of a synthetic cycle (one ente per plugin), as sha256 per ente and document
RENDER_CYCLE = """
import hashlib, json, sys
from pathlib import Path
from ciclope.core.inputs.config import load_config
from ciclope.core.reports import html, public, transparency, xlsx
from ciclope.core.run import runner

plan = load_config(Path(sys.argv[1]))
order = plan.enti[::-1] if sys.argv[2] == "reversed" else plan.enti
digests = {}
for cfg in order:
    result = runner.compute(cfg, plan.year)
    documents = (html.render(result), public.render(result), transparency.render(result))
    digests[cfg.id] = [hashlib.sha256(d.encode()).hexdigest() for d in documents]
    digests[cfg.id].append(hashlib.sha256(xlsx.build(result).bytes()).hexdigest())
print(json.dumps(digests))
"""


def test_each_ente_s_documents_do_not_depend_on_the_enti_rendered_before_it(tmp_path):
    """What a process keeps from one ente to the next (the compiled templates, the workbook's parts deflated once,
    the texts of numbers) shows nothing of one ente in another's documents: the enti of a cycle rendered in
    turn in one fresh process, and in the opposite order in another, give each ente the same bytes, though
    each ente comes after different enti (the first of one order after all the others in the other)."""
    import json
    import subprocess
    import sys

    config = synth(tmp_path / "cycle", enti=len(PLUGINS), people=40, seed=3)

    def digests(order: str) -> dict:
        script = [sys.executable, "-c", RENDER_CYCLE, str(config), order]
        return json.loads(subprocess.run(script, capture_output=True, text=True, check=True).stdout)

    forward, backward = digests("forward"), digests("reversed")
    assert len(forward) == len(PLUGINS)
    assert forward == backward
