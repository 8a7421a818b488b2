"""Fuzzing each plugin's demo ente, its own files included (positions.csv, projects.csv, innovation.csv…):
any corruption gives a result or a located CiclopeError — never a traceback."""

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ciclope.core.engine.registry import load_plugin
from ciclope.core.inputs.config import load_config
from ciclope.core.output.results import dumps
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import compute_ente

NASTY = [
    "",
    "abc",
    "NaN",
    "inf",
    "1e309",
    "99999999999999999999999",
    "-5",
    "0",
    "30.2.2021",
    "-",
    "SI",
    "NO",
    "\x00",
    "=HYPERLINK(\"http://x\")",
    "x" * 5000,
    "ZZZ",
    "alta",
    "bassa",
    "150%",
    "-0.01",
    "0.0001",
    "1,5",
]
BUILTIN = ("brescia", "bergamo", "comunita_montane")
pytestmark = pytest.mark.slow  # hundreds of corrupted demo enti


def copy_demo(tmp_path_factory, plugin: str) -> tuple[Path, int]:
    """A copy of the plugin's demo ente and its cycle year."""
    demo = load_plugin(plugin)[1].demo
    plan = load_config(demo / "cycle.toml")  # its Italian names read as ciclope reads them
    folder = tmp_path_factory.mktemp(plugin)
    shutil.copytree(plan.enti[0].data, folder, dirs_exist_ok=True)
    return folder, plan.year


@pytest.mark.parametrize("plugin", BUILTIN)
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupt_any_cell_of_a_demo(tmp_path_factory, plugin, data):
    folder, year = copy_demo(tmp_path_factory, plugin)
    name = data.draw(st.sampled_from(sorted(p.name for p in folder.glob("*.csv"))))
    rows = list(csv.reader(io.StringIO((folder / name).read_text(encoding="utf-8"))))
    if len(rows) < 2:
        return
    r = data.draw(st.integers(1, len(rows) - 1))
    c = data.draw(st.integers(0, len(rows[0]) - 1))
    while len(rows[r]) <= c:
        rows[r].append("")
    rows[r][c] = data.draw(st.sampled_from(NASTY) | st.text(max_size=12))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (folder / name).write_text(buf.getvalue(), encoding="utf-8")
    try:
        res = compute_ente(folder, plugin, year)
    except CiclopeError as exc:
        assert all(p.rule and p.message and p.file for p in exc.problems)
        return
    dumps(res)


APPROVAL_VALUES = ['"forse"', "2021-13-01", "true", "0", "1.5", '"30.2.2022"', "2030-01-01", "1900-01-01", "[1, 2]"]


@pytest.mark.parametrize("plugin", BUILTIN)
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_odd_funds_and_approvals(tmp_path_factory, plugin, data):
    folder, year = copy_demo(tmp_path_factory, plugin)
    text = (folder / "ente.toml").read_text(encoding="utf-8")
    section_of: dict[str, str] = {}  # each key of [fondi] and [atti] → its table, as the demo writes them
    table = ""
    for ln in text.splitlines():
        if ln.startswith("["):
            table = ln.split("]")[0] + "]"
        elif "=" in ln and table in ("[fondi]", "[atti]"):
            section_of[ln.split("=")[0].strip()] = table
    extra = {"attestazione_oiv": "[atti]", "bonus_deciso": "[atti]", "risparmi_validati_oiv": "[atti]"}
    section_of = {**extra, **section_of}
    key = data.draw(st.sampled_from(sorted(section_of)))
    value = data.draw(st.sampled_from(APPROVAL_VALUES + ['"0.00"', '"-1"', '"1e9"', '"99999999.99"']))
    lines = [ln for ln in text.splitlines() if ln.split("=")[0].strip() != key]
    section = section_of[key]
    idx = next((i for i, ln in enumerate(lines) if ln.startswith(section)), len(lines))
    if idx == len(lines):
        lines.append(section)
    lines.insert(idx + 1, f"{key} = {value}")
    (folder / "ente.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        res = compute_ente(folder, plugin, year)
    except CiclopeError as exc:
        assert all(p.rule and p.message and p.file for p in exc.problems)
        return
    dumps(res)
