"""An ente's schede.xlsx written by a forked copy when ``--jobs`` has a process to spare (issue 18).

What is tested: :mod:`ciclope.core.run.forked` gives back the copy's exception as if this process had
raised it (an OSError stays an OSError), says when the copy was killed, and never leaves a zombie;
``ciclope run --jobs 2`` on one ente forks once and writes the same bytes and the same store record as
one process; a copy that fails fails its ente alone, with nothing published. Timings are in
docs/performance.md (bench/bigente.py), not here.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from ciclope.core.commands import cli
from ciclope.core.commands.synth import synth
from ciclope.core.inputs.config import load_config
from ciclope.core.reports import xlsx
from ciclope.core.run import forked, runner
from ciclope.core.store import open_store, schema
from ciclope.core.store.engine import engine_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the forked copy: Linux only")


def gone(pid: int) -> bool:
    """True once the child has been reaped (no zombie left behind)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_copy_does_the_work_and_is_reaped(tmp_path):
    target = tmp_path / "done.txt"
    child = forked.start(lambda: target.write_text("fatto", encoding="utf-8"))
    assert child is not None and child.pid != os.getpid()
    child.wait()
    assert target.read_text(encoding="utf-8") == "fatto" and gone(child.pid)


def test_the_copy_s_exception_is_raised_here_with_its_traceback_as_a_note():
    def work():
        raise ValueError("foglio rotto")

    child = forked.start(work)
    with pytest.raises(ValueError, match="foglio rotto") as info:
        child.wait()
    assert any("nel processo che scriveva in parallelo" in n and "work" in n for n in info.value.__notes__)
    assert gone(child.pid)


def test_an_os_error_in_the_copy_stays_an_os_error(tmp_path):
    def work():
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "schede.xlsx"))

    child = forked.start(work)
    with pytest.raises(PermissionError) as info:
        child.wait()
    assert info.value.errno == errno.EACCES and info.value.filename == str(tmp_path / "schede.xlsx")


def test_an_exception_that_cannot_be_pickled_comes_back_as_text():
    class Local(Exception):  # defined in a function: pickle cannot find it by name
        pass

    def work():
        raise Local("non serializzabile")

    child = forked.start(work)
    with pytest.raises(forked.ForkedWorkError, match="Local: non serializzabile"):
        child.wait()


class TwoArguments(Exception):
    def __init__(self, what, where):  # pickled with args=(what,): cannot be rebuilt on the other side
        super().__init__(what)
        self.where = where


def test_an_exception_that_cannot_be_rebuilt_comes_back_as_text():
    def work():
        raise TwoArguments("riga 12 illeggibile", "schede.xlsx")

    child = forked.start(work)
    with pytest.raises(forked.ForkedWorkError, match="TwoArguments: riga 12 illeggibile") as info:
        child.wait()
    assert "nel processo che scriveva in parallelo" in str(info.value)  # with the copy's traceback


def test_a_killed_copy_is_reported_and_a_stopped_one_reaped():
    child = forked.start(lambda: os.kill(os.getpid(), signal.SIGKILL))  # cannot be caught (the OOM killer's)
    with pytest.raises(forked.ForkedWorkError, match=f"segnale {signal.SIGKILL}"):
        child.wait()
    sleeper = forked.start(lambda: time.sleep(60))
    t = time.perf_counter()
    sleeper.stop()
    assert gone(sleeper.pid) and time.perf_counter() - t < 30  # killed, not waited for
    sleeper.stop()  # a second stop does nothing


# -- ciclope run --jobs 2 on one ente -----------------------------------------------------------------


@pytest.fixture(scope="module")
def one_ente(tmp_path_factory) -> Path:
    return synth(tmp_path_factory.mktemp("one") / "s", enti=1, people=60, seed=5)


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def stored(db: Path) -> list[tuple]:
    store = open_store(f"sqlite:///{db}")
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.results.c.sha256, schema.results.c.document, schema.results.c.trace))
        people = conn.execute(select(schema.people).order_by(schema.people.c.person))
        return [tuple(r) for r in rows] + [tuple(r)[1:] for r in people]  # people without their result id


@pytest.mark.slow  # two full runs
def test_one_ente_with_two_jobs_forks_once_and_writes_the_same_bytes(one_ente, tmp_path, monkeypatch):
    forks = []
    real = forked.start
    monkeypatch.setattr(forked, "start", lambda work: forks.append(1) or real(work))
    for jobs in (1, 2):
        args = ["run", str(one_ente), "--out", str(tmp_path / f"o{jobs}"), "--jobs", str(jobs)]
        assert cli.main([*args, "--store", f"sqlite:///{tmp_path / f's{jobs}.db'}"]) == cli.EXIT_OK
        assert len(forks) == jobs - 1  # one process: no copy; two: one copy, for the one ente
    one, two = files(tmp_path / "o1"), files(tmp_path / "o2")
    assert "synth-00000/schede.xlsx" in two and len(two["synth-00000/schede.xlsx"]) > 5000
    for jobs, tree in ((1, one), (2, two)):  # summary.json names each run's own store, else the same bytes
        doc = json.loads(tree["summary.json"])
        assert doc.pop("store") == f"sqlite:///{tmp_path / f's{jobs}.db'}"
        tree["summary.json"] = json.dumps(doc).encode()
    assert one == two  # summary.json included: no timestamps in it
    assert stored(tmp_path / "s1.db") == stored(tmp_path / "s2.db")


@pytest.mark.slow  # two full runs
def test_a_forked_run_records_the_same_result_on_each_backend(one_ente, tmp_path, backend):
    for jobs in (1, 2):
        args = ["run", str(one_ente), "--out", str(tmp_path / f"o{jobs}"), "--jobs", str(jobs), "--store", backend]
        assert cli.main(args) == cli.EXIT_OK
    engine = engine_for(backend)
    try:
        with engine.connect() as conn:
            stored = conn.execute(select(schema.results.c.id, schema.results.c.document)).all()
            linked = conn.execute(select(schema.run_enti.c.result)).scalars().all()
    finally:
        engine.dispose()
    # the same results.json from both runs: stored once (by its sha256), both runs linked to it
    text = (tmp_path / "o2" / "synth-00000" / "results.json").read_text(encoding="utf-8")
    assert len(stored) == 1 and stored[0].document == text
    assert linked == [stored[0].id, stored[0].id]


def test_many_enti_fork_only_with_a_process_to_spare_for_each(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(runner, "run_one", lambda t: seen.append(t.spare) or runner.EnteOutcome(t.cfg.id, "p", "ok"))
    plan = load_config(synth(tmp_path / "c", enti=2, people=20, seed=1))
    monkeypatch.setattr(runner, "ProcessPoolExecutor", None)  # jobs=1: never a pool
    runner.run_plan(plan, out=tmp_path / "o", jobs=1)
    assert seen == [False, False]
    only = load_config(synth(tmp_path / "d", enti=1, people=20, seed=1))
    seen.clear()
    runner.run_plan(only, out=tmp_path / "o2", jobs=2)  # one ente, two processes: it gets the spare one
    assert seen == [True]


@pytest.mark.slow  # a full run
def test_a_failing_copy_fails_its_ente_with_nothing_published(one_ente, tmp_path, monkeypatch):
    def broken(result, path):
        raise RuntimeError("xlsx rotto")

    monkeypatch.setattr(xlsx, "write", broken)  # the copy inherits it: it fails there
    outcomes = runner.run_plan(load_config(one_ente), out=tmp_path / "out", jobs=2)
    assert [o.status for o in outcomes] == ["failed"]
    assert "RuntimeError: xlsx rotto" in outcomes[0].reason
    # the copy's traceback goes, with the parent's, to the ente's error file the message names
    detail = (tmp_path / "out" / "synth-00000.errore.txt").read_text(encoding="utf-8")
    assert "nel processo che scriveva in parallelo" in detail and "xlsx rotto" in detail
    assert [p.name for p in (tmp_path / "out").iterdir() if p.is_dir() and "synth" in p.name] == []  # no folder


@pytest.mark.slow  # a full run
def test_a_full_disk_in_the_copy_reads_as_in_one_process(one_ente, tmp_path, monkeypatch):
    def full(result, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(xlsx, "write", full)
    outcomes = runner.run_plan(load_config(one_ente), out=tmp_path / "out", jobs=2)
    assert [o.status for o in outcomes] == ["failed"]
    assert outcomes[0].problems[0].rule == "output.write"
    assert outcomes[0].reason == f"impossibile scrivere gli output in {tmp_path / 'out'}: spazio esaurito sul disco"


def test_one_ente_with_two_jobs_in_a_fresh_process_writes_every_output(one_ente, tmp_path):
    """The command as a user runs it, in a new process: the forked copy's module is first imported while the
    ente's run refuses ``os._exit``, and the copy must still end itself, never go on as the parent (once it
    printed the summary twice and failed the ente)."""
    import subprocess

    out = tmp_path / "out"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ciclope.core.commands.cli",
            "run",
            str(one_ente),
            "--out",
            str(out),
            "--no-store",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("Totale: 1 ente ") == 1 and "1 ok" in run.stdout
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    assert (folder / "schede.xlsx").stat().st_size > 0
