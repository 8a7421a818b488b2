"""``schede.xlsx`` is written without openpyxl (issue 18: ~0.15 s of every run's start-up); openpyxl is the oracle.

Each piece ciclope now does itself — the style numbering and ``xl/styles.xml`` (:mod:`.xlsxstyles`), the theme
and document properties (``xlsxparts/``), a number's and a date's cell value, column letters, the characters a
cell cannot hold — is compared here with what openpyxl 3.1 does for the same input. tests/core/run/test_scale.py
compares whole workbooks with openpyxl's writer; tests/core/output/test_outputs_fixed.py holds the bytes of real runs.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from decimal import Decimal

import pytest
import xlsx_oracle
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.packaging.core import DocumentProperties
from openpyxl.packaging.extended import ExtendedProperties
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH, to_excel
from openpyxl.writer.theme import theme_xml
from openpyxl.xml.functions import tostring

from ciclope.core.reports import xlsx, xlsxpack
from ciclope.core.reports.xlsxstyles import FORMATS, Styles

# number formats: ciclope's own, built-in ones, and custom ones with characters an attribute escapes
NUMBER_FORMATS = st.sampled_from([*FORMATS.values(), "0%", "#,##0", "mm-dd-yy", 'a"<b>&\t', "0.000"])
RECIPES = st.one_of(
    st.tuples(st.just("text"), st.none(), st.sampled_from(["", "header", "total", "note"]), st.booleans()),
    st.tuples(st.just("number"), NUMBER_FORMATS, st.sampled_from(["", "header", "total", "note"]), st.just(False)),
    st.tuples(
        st.sampled_from(["date", "empty"]), st.none(), st.sampled_from(["", "header", "total", "note"]), st.just(False)
    ),
)


def both(recipes) -> tuple[list[str], bytes, list[str], bytes]:
    """The ``s`` attributes and the style sheet of a workbook meeting ``recipes`` in order (each once, as
    :class:`.xlsx.Sheets` asks for a recipe the first time it meets it): ciclope's, then openpyxl's."""
    ours, wb = Styles(), Workbook(write_only=True)
    firsts = list(dict.fromkeys(recipes))
    mine = [ours.attr(r) for r in firsts]
    theirs = [xlsx_oracle.register(wb, r) for r in firsts]
    return mine, ours.stylesheet(), theirs, xlsx_oracle.stylesheet(wb)


def test_a_workbook_of_ciclope_styles_gets_openpyxl_numbers_and_style_sheet():
    # by hand: the first recipe met is a quoted text (xf 1: quotePrefix), then the header (font 1, fill 2,
    # alignment), money (custom format 164), a date (openpyxl first registers yyyy-mm-dd = 165, then
    # DD/MM/YYYY = 166), a total (font 2); a plain text has the default style: no attribute
    recipes = [
        ("text", None, "", True),
        ("text", None, "header", False),
        ("number", FORMATS["money"], "", False),
        ("date", None, "", False),
        ("empty", None, "total", False),
        ("text", None, "", False),
    ]
    mine, sheet, theirs, oracle = both(recipes)
    assert mine == [' s="1"', ' s="2"', ' s="3"', ' s="4"', ' s="5"', ""]
    assert mine == theirs and sheet == oracle
    assert b'<numFmt numFmtId="166" formatCode="DD/MM/YYYY" />' in sheet
    assert b'<xf numFmtId="0" fontId="2" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0" />' in sheet


def test_a_workbook_with_no_style_has_openpyxl_empty_style_sheet():
    mine, sheet, theirs, oracle = both([("text", None, "", False), ("number", "General", "", False)])
    assert mine == theirs == ["", ""]
    assert sheet == oracle
    assert b'<numFmts count="0" />' in sheet


@settings(max_examples=300)
@given(st.lists(RECIPES, max_size=25))
def test_any_order_of_recipes_is_numbered_and_written_as_openpyxl_does(recipes):
    mine, sheet, theirs, oracle = both(recipes)
    assert mine == theirs
    assert sheet == oracle


def test_the_theme_and_document_properties_are_openpyxl_bytes():
    """``xlsxparts/`` was written once from openpyxl; made again here, with the fixed dates of SPEC §6."""
    props = DocumentProperties(
        creator="ciclope", lastModifiedBy="ciclope", created=xlsxpack.FIXED_TIME, modified=xlsxpack.FIXED_TIME
    )
    core = tostring(props.to_tree())
    stamp = xlsxpack.FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    core = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", core)
    assert xlsxpack.fixed_parts() == (tostring(ExtendedProperties().to_tree()), core, theme_xml.encode("utf-8"))


@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()),
        st.integers(min_value=-(10**300), max_value=10**300),
        st.floats(allow_nan=True, allow_infinity=True),
    )
)
def test_a_number_cell_value_is_openpyxl_safe_string(value):
    assert xlsx.number_text(value) == safe_string(value)


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_a_date_serial_is_openpyxl_to_excel(day):
    assert xlsx.date_serial(day) == safe_string(to_excel(day, WINDOWS_EPOCH))


def test_date_serials_by_hand():
    # 30/12/1899 is day 0, 1/1/1900 day 1, 28/2/1900 day 59; Excel's phantom 29/2/1900 is 60, so 1/3/1900 is 61.
    # 30/6/2025: 30/12/1899 → 30/12/2024 is 125 × 365 + 31 leap days (1904 … 2024) = 45,656 days, then
    # 1 + 31 + 28 + 31 + 30 + 31 + 30 = 182 days to 30/6/2025: 45,838 (past day 60, no correction)
    assert [xlsx.date_serial(d) for d in (dt.date(1899, 12, 30), dt.date(1900, 1, 1), dt.date(1900, 2, 28))] == [
        "0",
        "1",
        "59",
    ]
    assert xlsx.date_serial(dt.date(1900, 3, 1)) == "61"
    assert xlsx.date_serial(dt.date(2025, 6, 30)) == "45838"


def test_column_letters_are_openpyxl_ones():
    assert [xlsx.column_letter(i) for i in (1, 26, 27, 52, 702, 703, 18278)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "ZZ",
        "AAA",
        "ZZZ",
    ]
    assert all(xlsx.column_letter(i) == get_column_letter(i) for i in range(1, 18279))


def test_the_characters_a_cell_cannot_hold_are_openpyxl_ones():
    assert xlsx.ILLEGAL_CHARACTERS_RE.pattern == ILLEGAL_CHARACTERS_RE.pattern
    every = "".join(map(chr, range(0x80)))
    assert xlsx.ILLEGAL_CHARACTERS_RE.findall(every) == ILLEGAL_CHARACTERS_RE.findall(every)


def test_a_full_run_writes_schede_without_importing_openpyxl(example, tmp_path):
    """Every output, schede.xlsx included, in a fresh process: openpyxl is never imported (it is read only
    for an office's workbook of input data, ``ciclope template`` and the tests)."""
    cfg = example("comunita_montane") / "cycle.toml"
    out = tmp_path / "o"
    code = (
        "import sys; from ciclope.core.commands.cli import main; "
        f"main(['run', {str(cfg)!r}, '--out', {str(out)!r}, '--no-store']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.splitlines()[-1] == "[]"
    assert list(out.glob("*/schede.xlsx"))


@pytest.mark.parametrize("value", [Decimal("1E+400"), Decimal("-1E+400")])
def test_a_number_beyond_floats_is_an_empty_value_as_in_openpyxl(value):
    assert xlsx.number_text(value) == safe_string(value) == ""
