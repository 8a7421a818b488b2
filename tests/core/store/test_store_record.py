"""What the store keeps of an ente, built faster (issue 18): each shortcut gives what the plain way gives.

The trace's numbers read from a Decimal's text, an indicator's JSON text written by hand, the scorecard
names remembered across the cards of an ente, and the figures' rows processed a column at a time are
each compared with the straightforward computation they replace (by hand and with hypothesis)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import tempfile
import types
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.model import EvaluationItem
from ciclope.core.output.results import num
from ciclope.core.store import open_store, record, schema, write
from ciclope.core.trace import CardInputs, Figure, Input

# Decimals as a trace holds them: money, scores and achievements, integers, exponents, signed zeros
DECIMALS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**17), max_value=10**17),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-2, max_value=2),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.integers(-(10**17), 10**17).map(Decimal),
    st.builds(lambda d, e: Decimal(d).scaleb(e), st.integers(-(10**6), 10**6), st.integers(-12, 12)),
    st.sampled_from([Decimal("-0"), Decimal("-0.00"), Decimal("0E+3"), Decimal("1E+2"), Decimal("5.000")]),
)


def strict(value) -> str:
    """A value as JSON with its type showing (5 and 5.0 differ), NaN included."""
    return json.dumps(value, allow_nan=True)


@pytest.mark.parametrize(
    "text, number",
    [
        ("133200.00", 133200),  # integral: an int, as results.num writes it
        ("0.6400", 0.64),
        ("-0.00", 0),
        ("-0.5", -0.5),
        ("1E+2", 100),  # an exponent: read through the Decimal
        ("999999999999999", 999999999999999),  # the largest int
        ("1000000000000000", 1e15),  # from 10**15 on, a float
        ("-999999999999999.000", -999999999999999),
        ("1.5E-7", 1.5e-7),
    ],
)
def test_a_number_read_from_a_decimals_text_by_hand(text, number):
    got = record._number_of(text)
    assert strict(got) == strict(number) == strict(record._plain(Decimal(text)))


def test_not_a_number_and_infinities_are_floats_as_before():
    assert math.isnan(record._number_of("NaN")) and record._number_of("-Infinity") == -math.inf


@settings(max_examples=800)
@given(DECIMALS)
def test_a_number_read_from_a_decimals_text_is_the_decimals_own(value):
    assert strict(record._number_of(str(value))) == strict(record._plain(value))


VALUES = st.one_of(
    st.none(),
    DECIMALS,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(),
    st.dates(),
    st.lists(st.one_of(DECIMALS, st.text(max_size=5)), max_size=3),
)


@settings(max_examples=800)
@given(VALUES)
def test_an_indicators_text_is_what_json_dumps_writes(value):
    """The target and actual columns: the text of results.json's number, date, flag or string."""
    want = None if value is None else json.dumps(num(value), ensure_ascii=False)
    assert record._text(value) == want


def test_an_indicators_text_by_hand():
    assert record._text(Decimal("12.50")) == "12.5"
    assert record._text(Decimal("30")) == "30"
    assert record._text(dt.date(2021, 6, 30)) == '"2021-06-30"'
    assert record._text(True) == "true"
    assert record._text("sì \"no\"") == '"sì \\"no\\""'
    assert record._text(Decimal("0.00005")) == "5e-05"  # an ExpFloat: Python's text
    assert record._text(float("nan")) == "NaN"


# Numbers of a scorecard: equal maxima written differently (10, 10.0) and equal ones that are distinct
# objects, so the names' memo meets both on the cards of one ente
MAXIMA = [Decimal("10"), Decimal("10.0"), Decimal("10"), Decimal("40"), 15]
WEIGHTS = [None, Decimal("0"), Decimal("0.5"), Decimal("0.50"), Decimal("0.5")]
ITEMS = st.builds(
    EvaluationItem,
    person=st.just("P"),
    evaluator=st.none(),
    section=st.sampled_from(["risultati", "competenze"]),
    item=st.sampled_from(["Obiettivi", "Collaborazione"]),
    max_points=st.sampled_from(MAXIMA),
    points=DECIMALS,
    weight=st.sampled_from(WEIGHTS),
    row=st.integers(1, 10**6),
)
CARDS = st.lists(
    st.builds(
        lambda card, section, blank: CardInputs(card, section=section, no_weight=blank),
        st.lists(ITEMS, max_size=6),
        st.booleans(),
        st.sampled_from(["-", "="]),
    ),
    max_size=8,
)


@settings(max_examples=300)
@given(CARDS)
def test_card_rows_are_the_cards_inputs(cards):
    for card in cards:
        assert card.rows() == [[i.name, i.value, i.ref, i.cell] for i in card]


def test_card_rows_by_hand():
    ten, ten_0 = Decimal("10"), Decimal("10.0")
    card = [
        EvaluationItem("P", None, "A", "Qualità", ten, Decimal("7.50"), None, 3),
        EvaluationItem("P", None, "A", "Qualità", ten_0, Decimal("7"), Decimal("0.5"), 4),
    ]
    rows = CardInputs(card).rows() + CardInputs(card, section=False, no_weight="=").rows()
    assert rows == [
        ["A / Qualità (massimo 10 punti)", Decimal("7.50"), "", "evaluations.csv:3:points"],
        ["A / Qualità (massimo 10,0 punti, peso 0,5)", Decimal("7"), "", "evaluations.csv:4:points"],
        ["Qualità (massimo 10 punti, pesi uguali)", Decimal("7.50"), "", "evaluations.csv:3:points"],
        ["Qualità (massimo 10,0 punti, peso 0,5)", Decimal("7"), "", "evaluations.csv:4:points"],
    ]


def expected_number(value):
    """The trace's number of a value, written out plainly (the rule of results.num)."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return float(value)
        return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


TRACE_VALUES = st.one_of(st.none(), DECIMALS, st.integers(-(10**6), 10**6), st.booleans(), st.text(), st.dates())
INPUTS = st.builds(Input, st.text(max_size=8), TRACE_VALUES, st.sampled_from(["", "score:P1"]), st.text(max_size=8))
FIGURES = st.dictionaries(
    st.text(min_size=1, max_size=10),
    st.tuples(
        TRACE_VALUES,
        st.text(max_size=10),
        st.one_of(st.lists(INPUTS, max_size=4).map(tuple), st.lists(ITEMS, max_size=4).map(CardInputs)),
    ),
    max_size=12,
)


@pytest.mark.parametrize("encoder", ["orjson", "json"])
@settings(max_examples=150)
@given(figures=FIGURES, size=st.sampled_from([1, 2, 1000]))
def test_the_trace_is_every_figure_with_its_numbers(encoder, figures, size):
    """The trace as the format says (docs/store.md), in batches of any size, with either encoder."""
    trace = {
        key: Figure(key, value, formula, "fonte", inputs, f"etichetta {key}", "")
        for key, (value, formula, inputs) in figures.items()
    }
    batches = record._batches
    with pytest.MonkeyPatch.context() as mp:
        if encoder == "json":
            mp.setattr(record, "orjson", None)
        mp.setattr(record, "_batches", lambda figs, _size: batches(figs, size))
        blob = record.encode_trace(types.SimpleNamespace(figures=trace))
    want = {
        key: [
            expected_number(f.value),
            f.formula,
            f.source,
            f.label,
            f.note,
            [[i.name, expected_number(i.value), i.ref, i.cell] for i in f.inputs],
        ]
        for key, f in trace.items()
    }
    assert strict(json.loads(zlib.decompress(blob))) == strict(want)


def a_record():
    """The record of the small ente of the core's tests (every table but violations has rows)."""
    from ciclope.core.output import results
    from ciclope.core.testing import compute_ente, write_ente

    from helpers import coreonly, files

    with tempfile.TemporaryDirectory() as tmp:
        result = compute_ente(write_ente(Path(tmp) / "e", files()), coreonly, 2021)
        return record.record_of(result, results.dumps(result))


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_rows_processed_by_column_are_those_processed_by_row(dialect):
    """Each figure table's parameters, made a column at a time, are each row with its columns in the
    statement's order and every bind processor applied (what Connection.execute does per row)."""
    dialect = sa.create_engine("sqlite://" if dialect == "sqlite" else "postgresql+psycopg://u@h/d").dialect
    rec = a_record()
    for table, field, columns in write.TABLE_ROWS:
        bulk = write._bulk_statement(dialect, table, columns)
        rows = getattr(rec, field)
        assert rows or field in ("violations",)
        procs = {c: table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in ("result", *columns)}
        by_row = [
            tuple(
                value if procs[name] is None else procs[name](value)
                for name in bulk.order
                for value in [dict(zip(("result", *columns), (7, *row)))[name]]
            )
            for row in rows
        ]
        assert list(bulk.parameters(7, rows)) == by_row


def test_an_ente_keeps_the_identity_of_its_first_run(backend):
    """The enti table keeps an ente's name and plugin as at its first run: the same id under another name, or
    under another plugin for a year already stored, is refused and changes nothing; another plugin in a new
    year (the regulation changed) is recorded in that year's result; case and spaces do not make another name."""
    import attrs

    rec = a_record()
    store = open_store(backend)
    with store.engine.begin() as conn:  # an empty store (the PostgreSQL one is shared)
        for table in reversed(schema.metadata.sorted_tables):
            conn.execute(table.delete())
    run = write.start_run(store.engine, config="c", year=2021, until="rendicontazione", version="0")
    write.add_ente(store.engine, run, rec.ente, "ok", "", "out", rec)
    write.add_ente(store.engine, run, rec.ente + "-2", "ok", "", "out", attrs.evolve(rec, ente=rec.ente + "-2"))
    run2 = write.start_run(store.engine, config="c", year=2021, until="rendicontazione", version="0")
    with pytest.raises(write.IdentityRefused, match="Nuovo nome"):
        write.add_ente(
            store.engine, run2, rec.ente, "ok", "", "out", attrs.evolve(rec, name="Nuovo nome", sha256="0" * 64)
        )
    with pytest.raises(write.IdentityRefused, match="plugin"):  # 2021 is stored under rec.plugin
        write.add_ente(
            store.engine, run2, rec.ente, "ok", "", "out", attrs.evolve(rec, plugin="altro", sha256="1" * 64)
        )
    same = attrs.evolve(rec, name="  " + rec.name.upper().replace(" ", "  "), year=2022, sha256="2" * 64)
    write.add_ente(store.engine, run2, rec.ente, "ok", "", "out", same)
    changed = attrs.evolve(rec, plugin="altro", year=2023, sha256="3" * 64)
    run3 = write.start_run(store.engine, config="c", year=2023, until="rendicontazione", version="0")
    write.add_ente(store.engine, run3, rec.ente, "ok", "", "out", changed)
    with store.engine.connect() as conn:
        enti = sorted(map(tuple, conn.execute(sa.select(schema.enti))))
        plugins = conn.execute(
            sa.select(schema.results.c.year, schema.results.c.plugin)
            .where(schema.results.c.ente == rec.ente)
            .order_by(schema.results.c.year)
        ).all()
    store.close()
    assert enti == [(rec.ente, rec.name, rec.plugin), (rec.ente + "-2", rec.name, rec.plugin)]
    assert [tuple(p) for p in plugins] == [(2021, rec.plugin), (2022, rec.plugin), (2023, "altro")]


def test_a_row_the_database_refuses_is_sqlalchemys_error_on_every_path(backend, monkeypatch):
    """A value too long for its column (a plugin's status name of 40 characters, people.status is 32) on
    PostgreSQL: the figures written by COPY fail with the error an INSERT through Connection.execute gives,
    and nothing of the ente is kept."""
    import attrs

    if backend.startswith("sqlite"):
        pytest.skip("SQLite does not enforce the length of a column")
    rec = a_record()
    person = rec.people[0]
    long = attrs.evolve(rec, people=(person[:7] + ("s" * 40,) + person[8:], *rec.people[1:]))
    errors = []
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(write, "_bulk_statement", lambda *args: None)
        store = open_store(backend)
        with store.engine.begin() as conn:
            for table in reversed(schema.metadata.sorted_tables):
                conn.execute(table.delete())
        run = write.start_run(store.engine, config="c", year=2021, until="rendicontazione", version="0")
        with pytest.raises(sa.exc.DBAPIError) as caught:
            write.add_ente(store.engine, run, long.ente, "ok", "", "out", long)
        errors.append((type(caught.value), type(caught.value.orig)))
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(schema.results)).scalar_one() == 0
        store.close()
    assert errors[0] == errors[1] and errors[0][0] is sa.exc.DataError


def test_a_record_from_the_files_bytes_is_the_record_from_its_text():
    """The runner hands the store the bytes it wrote (results.dumps_bytes): the same document text and the
    sha256 of those bytes, whichever form the record was made from."""
    from ciclope.core.output import results
    from ciclope.core.testing import compute_ente, write_ente

    from helpers import coreonly, files

    with tempfile.TemporaryDirectory() as tmp:
        result = compute_ente(write_ente(Path(tmp) / "e", files()), coreonly, 2021)
        text, data = results.dumps(result), results.dumps_bytes(result)
        from_text, from_bytes = record.record_of(result, text), record.record_of(result, data)
    assert from_bytes == from_text
    assert from_bytes.document == text and from_bytes.sha256 == hashlib.sha256(data).hexdigest()


PLAN_INDICATORS = """
id,objective,name,type,weight,baseline,target_2020,target_2021,target_2022,target_2023,actual,target_mid,actual_mid,neutralized,reason,source
I1,S1,Iniziative,higher,,,8,10,12,14,8,,,,,
I4,S2,Sportello attivo,boolean,,,SI,SI,SI,SI,SI,,,,,
I7,S3,Progetto: PagoPA,project,,,-,100%,-,-,75%,,,,,
"""


@pytest.mark.parametrize("declared, expected", [(None, {}), ("2021-2023", {"S1": (2021, 2023), "S2": (2021, 2023)})])
def test_a_plan_span_is_declared_never_inferred_from_columns(tmp_path, declared, expected):
    """ente.toml [piano] anni = "2021-2023": the objectives with a target in two of those years are multi-year
    over exactly 2021–2023 (the target_2020 column is a baseline, not a plan year); S3, active in 2021 only,
    is not multi-year; without the declaration nothing is."""
    from ciclope.core.output import results
    from ciclope.core.testing import compute_ente, write_ente

    from helpers import ENTE, coreonly, files

    ente = ENTE + (f'[piano]\nanni = "{declared}"\n' if declared else "")
    over = {"ente.toml": ente, "indicators.csv": PLAN_INDICATORS, "assignments.csv": "cruscotto,owner,ref,weight\n"}
    result = compute_ente(write_ente(tmp_path / "e", files(**over)), coreonly, 2021)
    rec = record.record_of(result, results.dumps(result))
    spans = {row[0]: (row[6], row[7]) for row in rec.objectives if row[6] is not None}
    assert spans == expected
