"""Scale (issue 8): the optimizations keep the outputs, and a run of many enti stays robust and readable.

Timings are benchmarked (bench/run.py, docs/performance.md), never tested here. What is tested:

- schede.xlsx written by the fast row and package writer holds the parts of the workbook openpyxl
  builds and saves with one ``WriteOnlyCell`` per cell (the writer before issue 8, kept here as the
  oracle), byte for byte, with the same zip entries; only the deflated bytes differ (level 1 instead of
  openpyxl's 6, issue 18); on real Results and on random sheets;
- parsing a column's repeated texts once does not hide a bad cell;
- ``--jobs`` gives the same outputs and outcomes as one process, and hands out the largest enti first;
- an ente that crashes fails alone; outcomes carry a bounded number of problems; with 1,000 enti
  the summary and the failure details stay short, failures first.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import xlsx_oracle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from ciclope.core.commands import cli, running
from ciclope.core.commands.synth import synth
from ciclope.core.engine.registry import available_plugins
from ciclope.core.inputs.config import load_config
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import fmt, safe, sheets, xlsx, xlsxpack
from ciclope.core.reports.model import Flag
from ciclope.core.run import runner
from ciclope.core.run.runner import KEPT_PROBLEMS, EnteOutcome, run_plan, summary_table
from ciclope.core.testing import write_ente

from helpers import files

PLUGINS = sorted(available_plugins())


# -- the oracle: schede.xlsx as openpyxl writes it cell by cell ------------------------------------


def openpyxl_cell(ws, value, kind):
    """``core.reports.xlsx._cell`` before issue 8."""
    if isinstance(value, xlsx.Typed):
        value, kind = value.value, value.kind
    if isinstance(value, Flag):  # a table the Relazione shows too: the sheet has the flag's words
        value = value.text
    c = WriteOnlyCell(ws)
    if value is None or value == "":
        return c
    if isinstance(value, bool):
        safe.text_cell(c, "SI" if value else "NO")
        return c
    if isinstance(value, fmt.Money):  # issue 14: money and percentages of plugin sections as numbers
        kind = "money"
    elif isinstance(value, fmt.Share):  # a part's share that is no whole hundredth of a percent: to four places
        kind = "ach" if fmt.hundredths(value) else "share4"
    elif isinstance(value, fmt.Percent):
        kind = "ach"
    if isinstance(value, (Decimal, int, float)):
        c.value = value
        c.number_format = xlsx.FORMATS.get(kind, "General") if kind != "text" else "General"
        return c
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        c.value = value
        c.number_format = xlsx.FORMATS["date"]
        return c
    if isinstance(value, (tuple, list)):
        value = fmt.param_value(value)
    safe.text_cell(c, str(value))
    return c


def deterministic_zip(data: bytes) -> bytes:
    """openpyxl's archive with fixed entry dates and document dates (the writer before issue 18)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            dst.writestr(entry, content, compresslevel=6)
    return out.getvalue()


class OpenpyxlSheets(xlsx.Sheets):
    """The writer before issue 8: every cell an openpyxl ``WriteOnlyCell`` appended row by row to a
    write-only worksheet, and the package saved by openpyxl (then made deterministic)."""

    def __init__(self):
        super().__init__()
        self.wb = Workbook(write_only=True)

    def bytes(self):
        props = self.wb.properties
        props.creator = props.lastModifiedBy = "ciclope"
        props.created = props.modified = dt.datetime(2000, 1, 1)
        buf = io.BytesIO()
        self.wb.save(buf)
        return deterministic_zip(buf.getvalue())

    def add(self, title, columns, rows, note=""):
        ws = self.wb.create_sheet(self.sheet_name(title))
        for i, (_, _, width) in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A3" if note else "A2"
        ws.sheet_properties.pageSetUpPr.fitToPage = True  # the page setup of schede.xlsx: A4 landscape, one page wide
        ws.page_setup.paperSize, ws.page_setup.orientation = "9", "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = "1", "0"
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
        ws.print_title_rows = f"1:{2 if note else 1}"
        if note:
            c = WriteOnlyCell(ws)
            safe.text_cell(c, note)
            c.font = xlsx_oracle.NOTE_FONT
            ws.append([c])
        header = []
        for head, _, _ in columns:
            c = WriteOnlyCell(ws)
            safe.text_cell(c, head)
            c.font, c.fill, c.alignment = xlsx_oracle.HEADER_FONT, xlsx_oracle.HEADER_FILL, xlsx_oracle.HEADER_ALIGN
            header.append(c)
        ws.append(header)
        first = 2 if note else 1
        data_rows = sum(1 for row in rows if not isinstance(row, xlsx.Total))  # totals outside the filter
        if data_rows:
            ws.auto_filter.ref = f"A{first}:{get_column_letter(len(columns))}{first + data_rows}"
        for row in rows:
            total = isinstance(row, xlsx.Total)
            cells = []
            for (_, kind, _), value in zip(columns, row):
                c = openpyxl_cell(ws, value, kind)
                if total:
                    c.font = xlsx_oracle.TOTAL_FONT
                cells.append(c)
            ws.append(cells)


def parts(data: bytes) -> list[tuple]:
    """Everything a workbook archive holds but its deflated bytes: each entry in order with its name,
    metadata (dates, attributes, versions, flags, method) and uncompressed content, CRC checked."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every entry inflates to what its CRC says
        entries = [
            (
                i.filename,
                i.date_time,
                i.compress_type,
                i.external_attr,
                i.internal_attr,
                i.create_system,
                i.create_version,
                i.extract_version,
                i.flag_bits,
                i.extra,
                i.comment,
                i.file_size,
                i.CRC,
                z.read(i),
            )
            for i in z.infolist()
        ]
        return [*entries, z.comment]


def same_workbook(fast: bytes, oracle: bytes) -> bool:
    """The fast writer's archive holds the oracle's parts (openpyxl deflates at level 6, the writer at
    xlsxpack.LEVEL: the compressed bytes alone differ)."""
    assert xlsxpack.LEVEL != 6 or fast == oracle
    return parts(fast) == parts(oracle)


def both(build) -> tuple[bytes, bytes]:
    """(fast writer bytes, oracle bytes) of the same workbook recipe ``build(book)``."""
    fast, oracle = xlsx.Sheets(), OpenpyxlSheets()
    build(fast)
    build(oracle)
    return fast.bytes(), oracle.bytes()


@pytest.mark.parametrize("plugin", PLUGINS)
def test_schede_xlsx_holds_the_parts_of_the_openpyxl_cell_writer(tmp_path, plugin, monkeypatch):
    config = synth(tmp_path / "s", enti=1, people=60, seed=5, plugins=[plugin])
    plan = load_config(config)
    result = runner.compute(plan.enti[0], plan.year)
    fast = xlsx.build(result).bytes()
    monkeypatch.setattr(xlsxpack, "CHUNK", 100)  # each sheet compressed in many pieces: still the same bytes
    assert xlsx.build(result).bytes() == fast
    monkeypatch.setattr(xlsx, "Sheets", OpenpyxlSheets)
    oracle = xlsx.build(result).bytes()
    assert same_workbook(fast, oracle)
    (tmp_path / "x.xlsx").write_bytes(fast)
    assert load_workbook(tmp_path / "x.xlsx")["Valutazioni individuali"].max_row == 1 + 60  # header + people


ILLEGAL = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32)]))
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=ILLEGAL), max_size=12)
VALUES = st.one_of(
    st.none(),
    st.just(""),
    TEXT,
    st.sampled_from(["=SUM(A1)", "+39 030", "-x", "@cmd", "\tTab", " spazi ", "a & b <c>", "-12.5", "è €", "#N/A"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**6), max_value=10**6),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.dates(dt.date(1950, 1, 1), dt.date(2090, 1, 1)),
    st.datetimes(dt.datetime(1950, 1, 1), dt.datetime(2090, 1, 1)),
    st.booleans(),
    st.tuples(st.integers(0, 9), TEXT),
    st.lists(st.integers(0, 99), max_size=3),
)
KINDS = st.sampled_from([*xlsx.FORMATS, "other"])
CELL = st.one_of(VALUES, st.builds(xlsx.Typed, VALUES, KINDS))


@pytest.mark.slow  # 60 random workbooks written twice
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    sheets=st.lists(
        st.tuples(
            st.sampled_from(["Sintesi", "Dati: 1/2", "History", "x" * 40, "Sintesi", "A & B 'c' <d>", '"q"']),
            st.lists(st.tuples(TEXT, KINDS, st.integers(5, 60)), min_size=1, max_size=5),
            st.lists(st.tuples(st.booleans(), st.lists(CELL, max_size=6)), max_size=6),
            st.one_of(st.just(""), TEXT),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_fast_writer_equals_openpyxl_on_random_sheets(sheets):
    def build(book):
        for title, columns, rows, note in sheets:
            body = [xlsx.Total(cells) if total else tuple(cells) for total, cells in rows]
            book.add(title, columns, body, note=note)

    fast, oracle = both(build)
    assert same_workbook(fast, oracle)


NUMBERS = [
    Decimal("0.1"),
    Decimal("9.2"),  # "%.16g" of the float: 9.199999999999999, as openpyxl writes it
    Decimal("1.10"),
    Decimal("1.1"),
    Decimal("16000.00"),
    Decimal("-0.00001"),
    Decimal("123456789.123456789"),
    Decimal("1E+400"),  # beyond the float range: no value, as openpyxl writes it
    Decimal("-1E+400"),
    Decimal("NaN"),
    Decimal("Infinity"),
    fmt.Money("10768.58"),
    fmt.Percent("0.4505"),
    fmt.Share("0.4"),
    fmt.Share("0.08333333"),
    7,
    2.5,
    True,
]


def test_repeated_numbers_are_written_as_openpyxl_writes_them():
    """Issue 18: a number cell's XML is kept by the Decimal's text and reused; every occurrence, in
    every column kind, normal and total rows, is what openpyxl writes for it."""

    def build(book):
        rows = [tuple(NUMBERS[(i + k) % len(NUMBERS)] for k in range(4)) for i in range(3 * len(NUMBERS))]
        rows.append(xlsx.Total(NUMBERS[:4]))
        rows.append(xlsx.Total(NUMBERS[-4:]))
        kinds = (("A", "num", 8), ("B", "money", 8), ("C", "ach", 8), ("D", "text", 8))
        book.add("Numeri", kinds, rows)
        book.add("Ancora", kinds[::-1], rows[::-1])

    fast, oracle = both(build)
    assert same_workbook(fast, oracle)
    sheet = zipfile.ZipFile(io.BytesIO(fast)).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>9.199999999999999</v>" in sheet and "<v>1.1</v>" in sheet and "<v>1e-05</v>" not in sheet
    assert "<v>-1e-05</v>" in sheet and "inf" not in sheet


@pytest.mark.slow  # 40 random workbooks written twice
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    numbers=st.lists(
        st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()), min_size=1, max_size=8
    ),
    kinds=st.lists(KINDS, min_size=3, max_size=3),
)
def test_number_cells_equal_openpyxl_on_random_decimals(numbers, kinds):
    """The cached number cells (fast path) against openpyxl, with any exponent, repeated in rows."""

    def build(book):
        rows = [tuple(numbers[(i + k) % len(numbers)] for k in range(3)) for i in range(2 * len(numbers))]
        book.add("Numeri", [(f"C{k}", kind, 8) for k, kind in enumerate(kinds)], rows)

    fast, oracle = both(build)
    assert same_workbook(fast, oracle)


def zipfile_archive(archive: bytes, chunk: int) -> bytes:
    """The same parts written by :mod:`zipfile` as ``xlsxpack`` wrote them before it had its own
    container writer: ``ZipFile.open(entry, "w")``, fixed dates, ``chunk`` bytes at a time (at
    xlsxpack.LEVEL)."""
    src = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            entry._compresslevel = xlsxpack.LEVEL  # type: ignore[attr-defined]
            with dst.open(entry, "w") as dest:
                for k in range(0, len(content), chunk):
                    dest.write(content[k : k + chunk])
    return out.getvalue()


@settings(max_examples=40)
@given(
    sheets=st.lists(st.lists(TEXT, max_size=30), min_size=1, max_size=4),
    chunk=st.integers(1, 5000),
    styles=st.binary(max_size=300),
)
def test_the_container_is_what_zipfile_writes(sheets, chunk, styles):
    """Issue 18: xlsxpack writes the zip container itself (to deflate the recurring parts once per
    process); the archive is byte for byte what zipfile writes for the same parts, however each part
    was cut into chunks."""
    import unittest.mock

    with unittest.mock.patch.object(xlsxpack, "CHUNK", chunk):
        for _ in range(2):  # the second archive takes the recurring parts from the process's cache
            package = xlsxpack.Package()
            for k, texts in enumerate(sheets):
                rows = [
                    f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{t}</t></is></c></row>'
                    for i, t in enumerate(texts, 1)
                ]
                package.sheet(f"S{k}", [10], 2, rows, None)
            archive = package.close(styles)
            assert archive == zipfile_archive(archive, chunk)


def test_text_a_worksheet_cannot_hold_is_cleaned_not_fatal(tmp_path):
    """openpyxl raises on control characters (a name pasted from another program): the whole
    ente used to crash at the report. Now the character is replaced by U+FFFD and a text longer
    than Excel's 32,767 characters is cut, as openpyxl itself cuts it."""
    book = xlsx.Sheets()
    book.add(
        "Persone",
        (("Nome", "text", 20), ("Note", "text", 20)),
        [("Dipen\x01dente\x1f", "x" * 40000)],
        note="Nota\x0bcon tab verticale",
    )
    path = tmp_path / "s.xlsx"
    path.write_bytes(book.bytes())
    ws = load_workbook(path)["Persone"]
    assert ws["A1"].value == "Nota\ufffdcon tab verticale"
    assert ws["A3"].value == "Dipen\ufffddente\ufffd"
    assert ws["B3"].value == "x" * 32767


# -- loading: repeated texts are parsed once, bad ones are all reported ---------------------------


def test_every_bad_cell_is_reported_even_when_the_same_text_repeats(tmp_path):
    data = dict(files())
    lines = data["people.csv"].strip().splitlines()
    head, body = lines[0], lines[1:]
    col = [c.strip() for c in head.split(",")].index("fte")
    cells = [[c.strip() for c in ln.split(",")] for ln in body]
    for i in (0, 2):
        cells[i][col] = "mezzo"  # the same bad text twice
    data["people.csv"] = "\n".join([head] + [",".join(c) for c in cells])
    folder = write_ente(tmp_path / "e", data)
    from ciclope.core.inputs.loading import load_ente

    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    bad = [(p.row, p.column) for p in exc.value.problems if p.rule == "core.input.value"]
    assert bad == [(2, "fte"), (4, "fte")]


def test_repeated_texts_give_equal_values(tmp_path):
    from ciclope.core.inputs.loading import load_ente

    folder = write_ente(tmp_path / "e", files())
    ente = load_ente(folder, "e", 2021)
    points = [it.points for it in ente.evaluations]
    assert all(isinstance(p, Decimal) for p in points)
    reread = [
        Decimal(line.split(",")[5])
        for line in (folder / "evaluations.csv").read_text().splitlines()[1:]
        if line.strip()
    ]
    assert points == reread


# -- the runner with many enti ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> Path:
    return synth(tmp_path_factory.mktemp("cycle") / "s", enti=6, people=40, seed=9)


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.slow  # starts a process pool
def test_jobs_give_the_same_outputs_and_outcomes_as_one_process(cycle, tmp_path):
    plan = load_config(cycle)
    seen = []
    one = run_plan(plan, out=tmp_path / "one")
    two = run_plan(plan, out=tmp_path / "two", jobs=2, progress=lambda n, total, o: seen.append((n, total, o.id)))
    assert (
        [(o.id, o.status) for o in two]
        == [(o.id, o.status) for o in one]
        == [(f"synth-{i:05d}", "ok") for i in range(6)]
    )
    assert sorted(n for n, _, _ in seen) == list(range(1, 7)) and {t for _, t, _ in seen} == {6}
    assert sorted(i for _, _, i in seen) == [o.id for o in one]  # each ente reported once
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_largest_first_orders_the_enti_by_the_bytes_of_their_input_files(tmp_path):
    def folder(name: str, *sizes: int) -> Path:
        d = tmp_path / name
        d.mkdir()
        for i, size in enumerate(sizes):
            (d / f"f{i}.csv").write_bytes(b"x" * size)
        return d

    a = folder("a", 300)
    (a / "old").mkdir()  # a subfolder is not the ente's input: not counted
    (a / "old" / "big.csv").write_bytes(b"x" * 5000)
    b = folder("b", 700, 500)  # 700 + 500 = 1,200 bytes
    c = folder("c")  # empty: 0
    d = tmp_path / "missing"  # cannot be read: 0
    e = folder("e", 1200)  # 1,200 bytes, as b: after b, the plan's order
    f = tmp_path / "dati.xlsx"  # an ente given as one workbook: its own size
    f.write_bytes(b"x" * 900)
    # by size: b 1200, e 1200, f 900, a 300, c 0, d 0
    assert runner.largest_first([a, b, c, d, e, f]) == [1, 4, 5, 0, 2, 3]
    assert runner.largest_first([]) == []


def test_jobs_hand_out_the_largest_enti_first_and_keep_the_plan_order(cycle, tmp_path, monkeypatch):
    """The order of submission, seen through a pool that runs each ente as it is submitted (the real pool
    is exercised by the test above: same outputs and outcomes as one process)."""
    from concurrent.futures import Future

    submitted: list[str] = []

    class InOrder:
        def __init__(self, max_workers, initializer=None, initargs=()):
            assert max_workers == 2 and initializer is runner._start_worker
            (self.work,) = initargs
            monkeypatch.setattr(runner, "_WORK", self.work)  # as _start_worker keeps them, without its prctl

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, fn, index):  # a worker is told the index of its task only
            submitted.append(self.work[index].cfg.id)
            done: Future = Future()
            done.set_result(fn(index))
            return done

    monkeypatch.setattr(runner, "ProcessPoolExecutor", InOrder)
    shutil.copytree(cycle.parent, tmp_path / "c")
    plan = load_config(tmp_path / "c" / "cycle.toml")
    people = plan.enti[-1].data / "persone.csv"  # the last ente of the plan made the largest
    people.write_text(people.read_text(encoding="utf-8") + "\n" * 100_000, encoding="utf-8")  # blank lines
    sizes = {cfg.id: sum(f.stat().st_size for f in cfg.data.iterdir() if f.is_file()) for cfg in plan.enti}
    outcomes = run_plan(plan, out=tmp_path / "out", jobs=2, timeout=0)  # the pool: no process per ente
    assert submitted[0] == "synth-00005"
    assert submitted == sorted(sizes, key=lambda i: (-sizes[i], i))  # ties: plan order (synth ids are in it)
    assert [o.id for o in outcomes] == [cfg.id for cfg in plan.enti] and {o.status for o in outcomes} == {"ok"}


@pytest.mark.slow  # starts a process pool
def test_an_ente_that_crashes_fails_alone(cycle, tmp_path, monkeypatch):
    real = runner.compute

    def compute(cfg, year, until="rendicontazione"):
        if cfg.id == "synth-00002":
            raise ZeroDivisionError("divisione per zero in un plugin")
        return real(cfg, year, until)

    monkeypatch.setattr(runner, "compute", compute)
    plan = load_config(cycle)
    outcomes = run_plan(plan, out=tmp_path / "out")
    assert [o.status for o in outcomes] == ["ok", "ok", "failed", "ok", "ok", "ok"]
    failed = outcomes[2]
    assert failed.problems[0].rule == "core.internal" and "ZeroDivisionError" in failed.reason
    assert "divisione per zero" in failed.problems[0].message and "Traceback" not in failed.problems[0].message
    detail = (tmp_path / "out" / "synth-00002.errore.txt").read_text(encoding="utf-8")  # the traceback, for whom
    assert "Traceback" in detail and "divisione per zero" in detail  # maintains the plugin
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    # nothing half-written (the root's marker and lock are ciclope's own)
    assert names == sorted(
        [f"synth-{i:05d}" for i in (0, 1, 3, 4, 5)]
        + ["synth-00002.errore.txt", "summary.json", ".ciclope-out", ".ciclope-lock"]
    )


def test_outcomes_keep_a_bounded_number_of_problems_and_the_cli_stays_short(cycle, tmp_path, monkeypatch, capsys):
    many = [
        Problem(rule="core.input.value", message=f"valore {i} non valido", file="people.csv", row=i + 2, column="fte")
        for i in range(250)
    ]

    def compute(cfg, year, until="rendicontazione"):
        raise CiclopeError(many)

    monkeypatch.setattr(runner, "compute", compute)
    text = cycle.read_text()
    extra = "".join(
        f'\n[[ente]]\nid = "copia-{i:02d}"\nplugin = "{PLUGINS[0]}"\ndata = "enti/synth-00000"\n' for i in range(19)
    )
    config = cycle.parent / "cycle25.toml"
    config.write_text(text + extra)  # 6 + 19 = 25 enti, all failing
    outcomes = run_plan(load_config(config), out=tmp_path / "o")
    assert len(outcomes) == 25 and {o.status for o in outcomes} == {"failed"}
    assert all(len(o.problems) == KEPT_PROBLEMS and o.problems_total == 250 for o in outcomes)
    assert cli.main(["run", str(config), "--out", str(tmp_path / "o2")]) == running.EXIT_ENTE
    printed = capsys.readouterr()
    err = printed.err
    assert (
        err.count("dati non caricabili: la cartella dei suoi risultati non è stata scritta") == running.FAILED_DETAILS
    )
    assert running.FAILED_DETAILS == 20
    # no ente computed: never «Risultati in …» after «non scritta» (the run says it wrote nothing)
    assert (
        "Risultati in" not in printed.out
        and f"Nessun ente calcolato: nessun risultato scritto in {tmp_path / 'o2'}" in (printed.out)
    )
    assert "… e altri 5 enti non caricabili" in err
    assert err.count("… e altri 220 problemi") == 20 and err.count("\n250 problemi") == 20  # 30 shown of 250


def test_summary_of_1000_enti_is_short_with_failures_first():
    rng = random.Random(1)
    status = ["failed"] * 3 + ["errors"] * 5 + ["ok"] * 992
    rng.shuffle(status)
    outcomes = [
        EnteOutcome(
            f"e{i:04d}",
            "brescia",
            s,
            reason="motivo" if s != "ok" else "",
            figures={"ente": 0.9} if s != "failed" else {},
        )
        for i, s in enumerate(status)
    ]
    lines = summary_table(outcomes).splitlines()
    assert len(lines) == 1 + 50 + 2  # header, 50 rows, "… e altri", total
    assert [ln.split()[2] for ln in lines[1:9]] == ["FALLITO"] * 3 + ["violazioni"] * 5
    assert lines[-2] == "… e altri 950 enti (vedi summary.json)"
    assert lines[-1] == "Totale: 1000 enti — 992 ok, 5 con violazioni, 3 falliti"
    # one more than the table shows: in the singular
    lines = summary_table(outcomes[:51]).splitlines()
    assert lines[-2] == "… e un altro ente (vedi summary.json)"


def test_enti_without_overrides_share_their_plugin_parameters(cycle, tmp_path):
    """The plan of 1,000 enti used to parse params.toml 1,000 times and hold 1,000 copies (13 KB each)."""
    plan = load_config(cycle)
    by_plugin: dict[str, set[int]] = {}
    for e in plan.enti:
        by_plugin.setdefault(e.plugin, set()).add(id(e.params))
    assert all(len(ids) == 1 for ids in by_plugin.values()) and len(by_plugin) == len(PLUGINS)
    # an override (here: the default value, written out) gives that ente its own parameters
    name, spec = next((n, s) for n, s in plan.enti[0].params.specs.items() if s.kind == "number")
    text = cycle.read_text().replace(
        'dati = "enti/synth-00000"', f'dati = "enti/synth-00000"\n[ente.params]\n{name} = {spec.value}', 1
    )
    config = cycle.parent / "cycle-override.toml"
    config.write_text(text)
    plan2 = load_config(config)
    first, others = plan2.enti[0], [e for e in plan2.enti[1:] if e.plugin == plan2.enti[0].plugin]
    assert first.params is not others[0].params and name in first.params.overridden
    assert first.params[name] == others[0].params[name] == spec.value and name not in others[0].params.overridden


@pytest.mark.parametrize("plugin", PLUGINS)
def test_documents_written_piece_by_piece_are_the_rendered_documents(tmp_path, plugin):
    """Issue 18: the Relazioni and schede.xlsx are written as streams (bounded memory); the files are
    exactly what the renderers return."""
    from ciclope.core.reports import html as html_report
    from ciclope.core.reports import public, transparency, write_reports

    config = synth(tmp_path / "s", enti=1, people=60, seed=9, plugins=[plugin])
    plan = load_config(config)
    result = runner.compute(plan.enti[0], plan.year)
    folder = tmp_path / "out"
    folder.mkdir()
    write_reports(result, folder)
    assert (folder / "relazione.html").read_bytes() == html_report.render(result).encode("utf-8")
    assert (folder / "relazione-pubblica.html").read_bytes() == public.render(result).encode("utf-8")
    assert (folder / "schede.xlsx").read_bytes() == xlsx.build(result).bytes()
    assert (folder / "trasparenza.csv").read_bytes() == transparency.render(result).encode("utf-8")


def test_group_of_is_the_models_lead_roles():
    """transparency.group_of looks the role up in a set (it runs for every person of every table): the
    set is the model's ``is_dirigente or is_po`` for every role the loader accepts."""
    from ciclope.core import model as m
    from ciclope.core.reports.transparency import group_of

    for role in m.ROLES:
        person = m.Person(id="p", name="p", role=role, category=None, unit="u")
        assert group_of(person) == ("dirigenti e PO" if person.is_dirigente or person.is_po else "personale")


def test_statistics_shown_twice_are_made_once_per_result(tmp_path):
    """Issue 18: the Relazione and schede.xlsx both show the evaluators' differentiation, the bands and
    the histogram; each is made once per Result, and every caller gets its own list."""
    from ciclope.core.reports import stats

    plan = load_config(synth(tmp_path / "s", enti=1, people=60, seed=5, plugins=["comunita_montane"]))
    result = runner.compute(plan.enti[0], plan.year)
    evals, label = stats.evaluators(result)
    assert (tuple(evals), label) == stats._evaluators(result) and evals
    assert stats.bands(result) == list(stats._bands(result)) and stats.bands(result)
    assert stats.histogram(result) == stats._histogram(result)
    evals.clear()
    stats.bands(result).clear()
    stats.histogram(result).clear()
    assert stats.evaluators(result)[0] and stats.bands(result) and sum(n for _, n in stats.histogram(result)) > 0


@pytest.mark.parametrize("plugin", PLUGINS)
def test_the_workbooks_status_labels_are_the_results(tmp_path, plugin):
    """Issue 18: schede.xlsx looks each status code's label up once; every person's label is what
    ``fmt.status(result.status_of(pid), labels)`` says."""
    plan = load_config(synth(tmp_path / "s", enti=1, people=80, seed=6, plugins=[plugin]))
    result = runner.compute(plan.enti[0], plan.year)
    status = sheets.statuses(result)
    for pid in [*result.ente.people, "nessuno"]:
        assert status(pid) == fmt.status(result.status_of(pid), result.plugin.status_labels)


def test_absolute_references_are_openpyxls():
    from openpyxl.utils.cell import absolute_coordinate

    for ref in ["A1", "A1:H7", "AB12:XFD1048576", "Z9"]:
        assert xlsxpack.absolute(ref) == absolute_coordinate(ref)
