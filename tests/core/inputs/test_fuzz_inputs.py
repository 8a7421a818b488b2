"""Fuzzing the inputs: any corruption of any cell gives a clean, located error — never a traceback."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ciclope.core.problems import CiclopeError
from ciclope.core.testing import compute_ente, results_doc, write_ente

from helpers import coreonly, files

BASE = {k: v for k, v in files().items()}
CSV_FILES = sorted(k for k in BASE if k.endswith(".csv"))
pytestmark = pytest.mark.slow  # hundreds of corrupted enti

NASTY = [
    "",
    "abc",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "99999999999999999999999999999",
    "-5",
    "0",
    "1,5,5",
    "30.2.2021",
    "2021-02-30",
    "31/04/2021",
    "-",
    "SI",
    "\x00",
    "\x1b[31mrosso",
    "x" * 20000,
    "=1+1",
    "ZZZ",
    "  ",
    "1.0.0",
    "%",
    "50%%",
    "\u202etesto",
    "a,b",
    '"',
    "\n",
]


def table(text):
    rows = list(csv.reader(io.StringIO("\n".join(ln.strip() for ln in text.strip().splitlines()))))
    return rows[0], rows[1:]


def render(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def ente_with(tmp_path_factory, name, header, rows):
    """The base ente with one file replaced by ``header`` + ``rows``."""
    folder = tmp_path_factory.mktemp("f")
    write_ente(folder, {k: v for k, v in BASE.items() if k != name})
    (folder / name).write_text(render(header, rows), encoding="utf-8")
    return folder


def check(folder, plugin=coreonly):
    """The only acceptable outcomes: a result, or CiclopeError whose every problem is located."""
    try:
        res = compute_ente(folder, plugin, 2021)
    except CiclopeError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.rule and p.message and p.file, p
        return None
    results_doc(res)  # serializable
    return res


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupt_any_cell(tmp_path_factory, data):
    name = data.draw(st.sampled_from(CSV_FILES))
    header, rows = table(BASE[name])
    r = data.draw(st.integers(0, len(rows) - 1))
    c = data.draw(st.integers(0, len(header) - 1))
    value = data.draw(st.sampled_from(NASTY) | st.text(max_size=30))
    rows[r][c] = value
    check(ente_with(tmp_path_factory, name, header, rows))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_duplicate_rows_and_dangling_references(tmp_path_factory, data):
    name = data.draw(st.sampled_from(CSV_FILES))
    header, rows = table(BASE[name])
    r = data.draw(st.integers(0, len(rows) - 1))
    rows.append(list(rows[r]))  # duplicate id
    c = data.draw(st.integers(0, len(header) - 1))
    rows[0][c] = "FANTASMA"  # dangling reference in any column
    check(ente_with(tmp_path_factory, name, header, rows))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupt_headers_and_ente_toml(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("f")
    write_ente(folder, BASE)
    name = data.draw(st.sampled_from(CSV_FILES + ["ente.toml"]))
    text = (folder / name).read_text()
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(
        st.sampled_from(["", "\x00", "[funds]\nx = 'abc'\n", "name = 1\n", ",,,", "id", "\ufeff", "é" * 3])
    )
    (folder / name).write_text(text[:cut] + junk + text[cut:], encoding="utf-8")
    check(folder)


def test_unit_cycle_is_reported_not_looped(tmp_path):
    fs = dict(BASE)
    fs["units.csv"] = fs["units.csv"].replace("s2,Servizio 2,servizio,a1,", "s2,Servizio 2,servizio,u1,")
    folder = write_ente(tmp_path / "e", fs)
    try:
        compute_ente(folder, coreonly, 2021)
        raise AssertionError("a cycle in the unit tree must not load")
    except CiclopeError as exc:
        assert any(p.rule == "core.ref.cycle" and p.file == "units.csv" for p in exc.problems)


def test_huge_file_is_refused(tmp_path, monkeypatch):
    import ciclope.core.inputs.tables

    monkeypatch.setattr(ciclope.core.inputs.tables, "MAX_ROWS", 3)
    folder = write_ente(tmp_path / "e", BASE)
    try:
        compute_ente(folder, coreonly, 2021)
        raise AssertionError("too many rows must be refused")
    except CiclopeError as exc:
        assert any(p.rule == "core.input.size" for p in exc.problems)
