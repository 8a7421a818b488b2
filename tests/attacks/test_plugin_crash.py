"""A plugin that kills its process by a signal (a segfault in native code) or never ends fails its ente
only: each ente runs in a process of its own under ``--timeout``; the other enti run, summary.json is
written and the store's run is closed."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from harness import TIMEOUT, _limit

from ciclope.core.testing import write_ente

from helpers import ENTE, files

SCRIPT = """
import ctypes, os, sys, time
from ciclope.core.run import runner
from ciclope.core.commands.cli import main

cycle = runner.run_cycle

def crashing_cycle(ente, *args):
    if ente.id == "b":
        ctypes.string_at(0)  # a read at address 0: SIGSEGV, as a broken native extension would
    if ente.id == "c":
        while True:
            time.sleep(0.05)
    return cycle(ente, *args)

runner.run_cycle = crashing_cycle
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_segfault_or_a_hang_fails_only_its_ente(tmp_path, jobs):
    for name in ("a", "b", "c"):
        write_ente(tmp_path / name, files(**{"ente.toml": ENTE}))
    cfg = tmp_path / "cycle.toml"
    cfg.write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n'
        + "".join(f'[[ente]]\nid = "{n}"\nplugin = "comunita_montane"\ndata = "{n}"\n' for n in "abc")
    )
    run = subprocess.run(
        [sys.executable, "-X", "faulthandler=0", "-c", SCRIPT, "run", str(cfg), "--jobs", jobs, "--timeout", "8"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit,
    )
    assert run.returncode == 1, run.stderr
    text = run.stdout + run.stderr
    assert "Traceback" not in text and "Totale: 3 enti" in run.stdout
    assert "SIGSEGV" in text and "superato il tempo massimo di 8 secondi" in text
    enti = json.loads((tmp_path / "out" / "summary.json").read_text())["enti"]
    assert {e["id"]: e["status"] for e in enti} == {"a": "ok", "b": "failed", "c": "failed"}
    con = sqlite3.connect(tmp_path / "ciclope.db")
    statuses = [row[0] for row in con.execute("select status from runs order by id")]
    con.close()
    assert statuses == ["complete"]


def test_the_timeout_is_checked(tmp_path):
    from harness import cli

    for bad in ("-1", "nan", "inf", "1e30"):
        run = cli("run", tmp_path / "cycle.toml", "--timeout", bad)
        assert run.returncode == 2 and "--timeout" in run.stderr, bad


def test_enti_are_handed_out_in_the_order_given_and_a_killed_one_fails_alone():
    import os
    import signal

    from ciclope.core.run.isolated import run_isolated

    def run(i: int) -> int:
        if i == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return i * 10

    found = list(run_isolated(3, run, lambda i, reason, problem: ("failed", reason), 1, 30, [2, 1, 0]))
    assert [i for i, _ in found] == [2, 1, 0]  # one process at a time: in the order given
    assert found[0][1] == 20 and found[2][1] == 0
    assert found[1][1][0] == "failed" and "SIGKILL" in found[1][1][1]
