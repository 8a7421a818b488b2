"""Smaller reproductions of the fourth round: a 3 GB ``relazione/*.md`` (sparse) is never read whole."""

from __future__ import annotations

from pathlib import Path

from harness import cli, snapshot
from test_toml_attacks import _office


def test_a_three_gigabyte_relazione_part_is_never_read_whole(tmp_path: Path):
    cycle = _office(tmp_path)
    part = tmp_path / "dati" / "relazione" / "contesto.md"
    part.parent.mkdir(exist_ok=True)
    with open(part, "wb") as fh:
        fh.truncate(3 * 2**30)  # sparse: 3 GiB of NUL bytes on no disk
    before = snapshot(*(p for p in (tmp_path / "dati").iterdir() if p.name != "relazione")), part.stat().st_mtime_ns
    run = cli("validate", cycle)
    assert "supera 1 MB" in run.stdout + run.stderr
    after = snapshot(*(p for p in (tmp_path / "dati").iterdir() if p.name != "relazione")), part.stat().st_mtime_ns
    assert after == before  # the part itself by its time: hashing it would read 3 GiB
