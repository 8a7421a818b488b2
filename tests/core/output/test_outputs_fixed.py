"""Outputs held fixed while the code is made faster (issue 18).

Synthetic enti of every plugin — small ones, grown ones (a servizio every 8 people, an area every ten
servizi: dozens of units, the shape where per-person scans once grew with the square of the size) and
another year — are run through ``ciclope run`` and every output file is compared, digest by digest,
with ``tests/golden/outputs.json``. The file is written again only when outputs change on purpose,
and the commit says why: last for the disclosure-controlled publication (Italian-dialect CSVs, the
public Relazione's aggregates, print setup) and the legal-fidelity fixes of the plugins. A change
meant to keep outputs — a speed-up, a refactoring — that moves a cent, a space in the Relazione or a
cell in ``schede.xlsx`` fails here.

``schede.xlsx`` is compared part by part, uncompressed (the deflate level is not the contract: it
changed from 6 to 1 in issue 18 and LibreOffice opens both, tests/core/schede/test_schede_office.py); every other
file byte by byte, after the run's own folder is replaced by ``<TMP>`` (``results.json`` records where
the data came from). ``SHA256SUMS`` is left out: it holds the compressed workbook's digest; the files
it lists are all compared here.

When an issue changes outputs **on purpose**, write the file again and say so in the commit::

    PYTHONPATH=tests .venv/bin/python tests/core/output/test_outputs_fixed.py --write
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.commands.synth import synth

from helpers import TESTS

GOLDEN = TESTS / "golden" / "outputs.json"

# (name, synth arguments): synth spreads the enti over the three plugins, so each cycle has all of them
CYCLES = {
    "piccoli": {"enti": 6, "people": 45, "seed": 21},
    "cresciuti": {"enti": 3, "people": 260, "seed": 22, "per_servizio": 8},
    "altro-anno": {"enti": 3, "people": 30, "seed": 23, "year": 2024},
}


def digests(out: Path, tmp: Path) -> dict[str, str]:
    """Every output file's digest (xlsx: one per part, uncompressed), keyed by its path in ``out``."""
    found: dict[str, str] = {}
    for f in sorted(out.rglob("*")):
        if not f.is_file() or f.name in ("SHA256SUMS", ".ciclope-out", ".ciclope-lock"):
            continue
        key = f.relative_to(out).as_posix()
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(f) as z:
                for part in sorted(z.namelist()):
                    found[f"{key}!{part}"] = hashlib.sha256(z.read(part)).hexdigest()
        else:
            data = f.read_bytes().replace(str(tmp).encode(), b"<TMP>")
            found[key] = hashlib.sha256(data).hexdigest()
    return found


# Two years of the same enti recorded into one store by two workers: the second year's Relazioni carry the
# archive section built from the store (the trend over both years), put between the head and the tail the run
# wrote while it computed (reports/html.py, write_open and close_open).
STORED = {"enti": 3, "people": 30, "seed": 24}
YEARS = (2024, 2025)


def run_cycle(name: str, tmp: Path) -> dict[str, str]:
    if name == "due-anni-archivio":
        return run_stored_years(tmp)
    config = synth(tmp / "s", **CYCLES[name])
    out = tmp / "out"
    code = main(["run", str(config), "--out", str(out), "--no-store"])
    assert code == 0
    return digests(out, tmp)


def run_stored_years(tmp: Path) -> dict[str, str]:
    store = f"sqlite:///{tmp / 'archivio.db'}"
    found: dict[str, str] = {}
    for year in YEARS:
        config = synth(tmp / f"s{year}", **STORED, year=year)
        out = tmp / f"out{year}"
        assert main(["run", str(config), "--out", str(out), "--store", store, "--jobs", "2"]) == 0
        found.update({f"{year}/{key}": digest for key, digest in digests(out, tmp).items()})
    return found


@pytest.mark.parametrize("name", [*sorted(CYCLES), "due-anni-archivio"])
def test_outputs_are_those_of_the_code_before_the_speedups(tmp_path, name):
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    found = run_cycle(name, tmp_path)
    assert sorted(found) == sorted(expected)  # the same files and workbook parts
    changed = [key for key in expected if found[key] != expected[key]]
    assert changed == []


def test_the_comparison_sees_a_changed_cell(tmp_path):
    """The digests are of the content: a single changed byte in a workbook part is seen."""
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))["altro-anno"]
    config = synth(tmp_path / "s", **CYCLES["altro-anno"])
    out = tmp_path / "out"
    assert main(["run", str(config), "--out", str(out), "--no-store"]) == 0
    book = next(out.rglob("schede.xlsx"))
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<v>", b"<v>1", 1)
    with zipfile.ZipFile(book, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    found = digests(out, tmp_path)
    assert [key for key in expected if found[key] != expected[key]] == [f"{book.relative_to(out).as_posix()}!{sheet}"]


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    written = {}
    for cycle in [*sorted(CYCLES), "due-anni-archivio"]:
        with tempfile.TemporaryDirectory() as d:
            written[cycle] = run_cycle(cycle, Path(d))
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(written, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{GOLDEN}: {sum(len(v) for v in written.values())} digests")
