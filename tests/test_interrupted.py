"""A run killed at any moment leaves, for each ente, the previous complete folder or none."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ciclope.core.testing import write_ente

from helpers import files

N = 40


def make_cycle(tmp_path: Path) -> Path:
    lines = ["[cycle]", "year = 2021", 'output = "out"']
    for i in range(N):
        write_ente(tmp_path / f"e{i:02d}", files())
        lines += ["[[ente]]", f'id = "e{i:02d}"', 'plugin = "comunita_montane"', f'data = "e{i:02d}"']
    path = tmp_path / "cycle.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def complete(folder: Path, reference: set[str]) -> bool:
    names = {p.name for p in folder.iterdir()}
    if names != reference:
        return False
    json.loads((folder / "results.json").read_text())
    return True


@pytest.mark.slow
def test_kill_mid_run_leaves_only_complete_folders(tmp_path):
    cfg = make_cycle(tmp_path)
    ciclope = [str(Path(sys.executable).parent / "ciclope"), "run", str(cfg)]
    first = subprocess.run(ciclope, capture_output=True, text=True)
    assert first.returncode in (0, 1), first.stderr
    out = tmp_path / "out"
    reference = {p.name for p in (out / "e00").iterdir()}
    before = {p.name: (p / "results.json").read_bytes() for p in out.iterdir() if p.is_dir()}
    rng = random.Random(7)
    killed = 0
    for _ in range(4):
        proc = subprocess.Popen(ciclope, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.2))
        os.kill(proc.pid, signal.SIGKILL)
        killed += proc.wait() == -signal.SIGKILL
        for i in range(N):
            folder = out / f"e{i:02d}"
            if folder.exists():
                assert complete(folder, reference), folder
                assert (folder / "results.json").read_bytes() == before[folder.name]
    assert killed >= 1, "no run was interrupted: the test proved nothing"
    # the next run cleans what the killed ones left and writes everything again
    again = subprocess.run(ciclope, capture_output=True, text=True)
    assert again.returncode == first.returncode
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"e{i:02d}" for i in range(N)] + ["summary.json", ".ciclope-out", ".ciclope-lock"]
    )


def _alive_with(text: str) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                status = (proc / "status").read_text()
            except OSError:
                continue
            if text in cmd and "State:\tZ" not in status:
                pids.append(int(proc.name))
    return pids


@pytest.mark.slow
def test_workers_die_with_their_parent(tmp_path):
    """Issue 19 item 15: `--jobs 2` and SIGTERM to the parent left the workers writing for 30 minutes."""
    cfg = make_cycle(tmp_path)
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "ciclope"), "run", str(cfg), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 20
    while time.time() < deadline and len(_alive_with(str(cfg))) < 3:  # the parent and its two workers
        time.sleep(0.1)
    assert len(_alive_with(str(cfg))) >= 3, "the workers never started: the test proved nothing"
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)
    deadline = time.time() + 10
    while time.time() < deadline and _alive_with(str(cfg)):
        time.sleep(0.2)
    assert _alive_with(str(cfg)) == []
