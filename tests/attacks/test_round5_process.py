"""A plugin's processes and errors (fifth round): under ``--timeout`` what a plugin forks dies with its ente
(the run's pipe closes when ciclope ends, the output lock is free for the next run), and a plugin's internal
error prints one Italian line that says where its traceback was written, never the traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from harness import TIMEOUT, _limit, cli

from ciclope.core.testing import write_ente

from helpers import ENTE, files

# The cycle of ente "c" forks a grandchild that sleeps for a minute with the run's stdout and stderr open, and
# writes the grandchild's pid to GRANDCHILD (the parent writes it, before it goes on: an ente that ends at once
# may see its grandchild killed before that one could write anything); with HANG the cycle then never ends (the
# --timeout kills it), else it goes on.
SCRIPT = """
import os, sys, time
from ciclope.core.run import runner
from ciclope.core.commands.cli import main

cycle = runner.run_cycle

def forking_cycle(ente, *args):
    if ente.id == "c":
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        with open(os.environ["GRANDCHILD"], "w") as fh:
            fh.write(str(pid))
        while os.environ.get("HANG"):
            time.sleep(0.05)
    return cycle(ente, *args)

runner.run_cycle = forking_cycle
sys.exit(main(sys.argv[1:]))
"""


def _office(tmp_path: Path) -> Path:
    for name in ("a", "c"):
        write_ente(tmp_path / name, files(**{"ente.toml": ENTE}))
    cfg = tmp_path / "cycle.toml"
    cfg.write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n'
        + "".join(f'[[ente]]\nid = "{n}"\nplugin = "comunita_montane"\ndata = "{n}"\n' for n in "ac")
    )
    return cfg


def _gone(pid: int) -> bool:
    """Whether the process ``pid`` has ended (a zombie waiting for an init that does not reap has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


@pytest.mark.parametrize("hang", [True, False], ids=["hangs", "ends"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_forked_grandchild_dies_with_its_ente_and_the_lock_is_free(tmp_path, jobs, hang):
    cfg = _office(tmp_path)
    env = {**os.environ, "GRANDCHILD": str(tmp_path / "grandchild.pid"), "HANG": "1" if hang else ""}
    command = [sys.executable, "-c", SCRIPT, "run", str(cfg), "--no-store", "--jobs", jobs, "--timeout", "4"]
    started = time.monotonic()
    # capture_output waits for the end of the pipes: a grandchild holding them keeps this call waiting
    run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_limit, env=env)
    elapsed = time.monotonic() - started
    assert "Traceback" not in run.stdout + run.stderr
    assert elapsed < 40, elapsed  # the grandchild sleeps 60 s: the pipes closed when ciclope ended
    grandchild = int((tmp_path / "grandchild.pid").read_text())
    assert _gone(grandchild)
    statuses = {e["id"]: e["status"] for e in json.loads((tmp_path / "out" / "summary.json").read_text())["enti"]}
    assert statuses == {"a": "ok", "c": "failed" if hang else "ok"}
    again = cli("run", cfg, "--no-store", "--ente", "a")
    assert again.returncode == 0 and "sta scrivendo" not in again.stderr, again.stderr


def test_the_lock_is_not_inherited_by_a_process_forked_during_the_run(tmp_path):
    """Without --timeout the ente runs in ciclope's own process: a grandchild forked there outlives the run,
    but holds no lock (a POSIX lock belongs to the process that took it)."""
    cfg = _office(tmp_path)
    env = {**os.environ, "GRANDCHILD": str(tmp_path / "grandchild.pid"), "HANG": ""}
    command = [sys.executable, "-c", SCRIPT, "run", str(cfg), "--no-store", "--jobs", "1"]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env) as child:
        assert child.wait(timeout=TIMEOUT) == 0
    grandchild = int((tmp_path / "grandchild.pid").read_text())
    try:
        assert not _gone(grandchild)  # still sleeping: the run is over, its lock is not
        again = cli("run", cfg, "--no-store", "--ente", "a")
        assert again.returncode == 0 and "sta scrivendo" not in again.stderr, again.stderr
    finally:
        os.kill(grandchild, 9)


CRASH = """
import sys
from ciclope.core.run import runner
from ciclope.core.commands.cli import main

cycle = runner.run_cycle

def broken_cycle(ente, *args):
    if ente.id == "c":
        {}.items()[0]  # a plugin's bug: TypeError
    return cycle(ente, *args)

runner.run_cycle = broken_cycle
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("timeout", [[], ["--timeout", "60"]], ids=["in-process", "isolated"])
def test_an_internal_error_is_one_line_and_its_traceback_a_file(tmp_path, timeout):
    cfg = _office(tmp_path)
    command = [sys.executable, "-c", CRASH, "run", str(cfg), "--no-store", *timeout]
    run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_limit)
    assert run.returncode == 1
    text = run.stdout + run.stderr
    assert "Traceback" not in text and 'File "' not in text and "broken_cycle" not in text, text
    saved = tmp_path / "out" / "c.errore.txt"
    line = next(ln for ln in run.stderr.splitlines() if "errore interno TypeError" in ln)
    assert str(saved) in line and "chi mantiene il plugin" in line
    detail = saved.read_text(encoding="utf-8")
    assert "Traceback" in detail and "broken_cycle" in detail and "TypeError" in detail
    # run again and fine: the earlier run's error file goes with the error
    ok = cli("run", cfg, "--no-store")
    assert ok.returncode == 0 and not saved.exists(), ok.stderr
