"""The store survives: a killed run is noticed by the next one, the outputs' digests are anchored in the
store, and a Relazioni refresh is never half done."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from harness import CLI, TIMEOUT, _limit, cli

from ciclope.core.output import outroot

from helpers import two_enti


def _two_good(tmp_path: Path) -> Path:
    cfg = two_enti(tmp_path)
    cfg.write_text(cfg.read_text().replace('id = "rotto"', 'id = "altro"').replace('data = "rotto"', 'data = "buono"'))
    return cfg


def test_editing_outputs_and_rewriting_sha256sums_is_noticed(tmp_path):
    cfg = _two_good(tmp_path)
    assert cli("run", cfg).returncode == 0
    folder = tmp_path / "out" / "buono"
    assert "identico" in cli("verify", folder).stdout
    with open(folder / "trasparenza.csv", "a", encoding="utf-8") as fh:
        fh.write("riga aggiunta\n")
    html = folder / "relazione-pubblica.html"
    html.write_text(html.read_text(encoding="utf-8").replace("</body>", "<p>ritocco</p></body>"), encoding="utf-8")
    outroot.write_sums(folder)  # SHA256SUMS made consistent with the edits
    run = cli("verify", tmp_path / "out")
    assert run.returncode == 1
    assert "buono: DIVERSO" in run.stdout and "altro: identico" in run.stdout
    assert "output modificato rispetto all'archivio: relazione-pubblica.html" in run.stdout
    assert "output modificato rispetto all'archivio: trasparenza.csv" in run.stdout
    # summary.json's pointer to the store removed too: verify finds the store as run does (issue 37 #25), from
    # the cycle.toml that lists the ente's data (ciclope.db beside it), and says which one it used
    (tmp_path / "out" / "summary.json").write_text('{"enti": []}\n')
    plain = cli("verify", folder)
    store = f"sqlite:///{tmp_path / 'ciclope.db'}"
    assert plain.returncode == 1 and "output modificato rispetto all'archivio: trasparenza.csv" in plain.stdout
    assert f"archivio delle impronte: {store} (quello di {cfg})" in plain.stdout
    given = cli("verify", folder, "--store", store)
    assert "trasparenza.csv" in given.stdout and "(indicato con --store)" in given.stdout


def test_verify_names_the_store_it_used_and_a_no_store_run_is_checked_by_its_sums(tmp_path):
    """A plain verify says which store it compared with (summary.json's); after ``run --no-store`` the store
    cycle.toml would use has no digests of the folder: a line says so and SHA256SUMS decides (identical)."""
    cfg = _two_good(tmp_path)
    assert cli("run", cfg).returncode == 0
    folder = tmp_path / "out" / "buono"
    plain = cli("verify", folder)
    assert plain.returncode == 0
    assert f"archivio delle impronte: sqlite:///{tmp_path / 'ciclope.db'} (registrato in " in plain.stdout
    assert cli("run", cfg, "--no-store", "--out", tmp_path / "fuori").returncode == 0
    alone = cli("verify", tmp_path / "fuori" / "buono")
    assert alone.returncode == 0 and alone.stdout.startswith("identico")
    assert "nessuna impronta di questa cartella nell'archivio" in alone.stdout


def test_report_moves_the_anchor_with_the_documents(tmp_path):
    cfg = _two_good(tmp_path)
    assert cli("run", cfg, "--outputs", "results,relazione").returncode == 0
    folder = tmp_path / "out" / "buono"
    rep = cli("report", folder, "--outputs", "trasparenza")
    assert rep.returncode == 0 and "impronte degli output aggiornate" in rep.stdout
    assert "identico" in cli("verify", folder).stdout


def test_a_run_stopped_while_recording_publishes_nothing_and_is_named_next_time(tmp_path, monkeypatch, capsys):
    """A run that records publishes its folders once every ente is in the store: stopped while recording,
    it leaves no folder (nor a staging one), and the next run names the ente it recorded but did not
    publish, with the option that runs it again."""
    from ciclope.core.commands.cli import main
    from ciclope.core.store.runlog import RunLog

    cfg = _two_good(tmp_path)
    real = RunLog.add

    def dies_at_altro(self, outcome, out):
        if outcome.id == "altro":
            raise KeyboardInterrupt  # buono recorded, altro not: what a kill while recording leaves
        return real(self, outcome, out)

    monkeypatch.setattr(RunLog, "add", dies_at_altro)
    assert main(["run", str(cfg)]) == 130
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [".ciclope-lock", ".ciclope-out", ".ciclope-running"]
    monkeypatch.setattr(RunLog, "add", real)
    capsys.readouterr()
    assert main(["run", str(cfg), "--ente", "altro"]) == 0
    err = capsys.readouterr().err
    assert "si è interrotta prima della fine" in err
    assert "enti registrati nell'archivio ma con la cartella NON pubblicata: buono. Rilanciale con --ente buono" in err
    assert "NON registrate" not in err  # nothing was published unrecorded
    assert not (out / ".ciclope-running").exists()
    con = sqlite3.connect(tmp_path / "ciclope.db")
    assert [r[0] for r in con.execute("select status from runs order by id")] == ["interrupted", "complete"]
    con.close()


def _recorded(url: str) -> set[str]:
    """The sha256 of every results.json the store holds (none when the run died before creating it)."""
    import sqlalchemy as sa

    from ciclope.core.store.engine import driver_url

    engine = sa.create_engine(driver_url(url))
    try:
        if not sa.inspect(engine).has_table("results"):
            return set()
        with engine.connect() as conn:
            return {r[0] for r in conn.execute(sa.text("select sha256 from results"))}
    finally:
        engine.dispose()


def _published_since(out: Path, since: float) -> int:
    try:
        return sum(1 for p in out.iterdir() if not p.name.startswith(".") and p.is_dir() and p.stat().st_mtime >= since)
    except FileNotFoundError:
        return 0


# ``ciclope run`` in a child that SIGKILLs itself right after publishing its k-th ente folder: the kill lands
# mid-publication on any machine, however fast or loaded (a kill timed from outside may come after the last one)
_KILLED_AFTER = """
import os, signal, sys
from ciclope.core.output import owned
from ciclope.core.commands.cli import main
real, k, seen = owned.publish, int(sys.argv.pop(1)), []
def publish(tmp, final):
    real(tmp, final)
    seen.append(final)
    if len(seen) == k:
        os.kill(os.getpid(), signal.SIGKILL)
owned.publish = publish
sys.exit(main())
"""


def _check_after_kill(cfg: Path, out: Path, backend: str, k: int) -> list[str]:
    """What a kill -9 leaves: no folder published unrecorded, each folder verifying against its own sums,
    and the next run naming the enti recorded but not published; those enti, sorted."""
    known = _recorded(backend)
    published = {
        p.name: hashlib.sha256((p / "results.json").read_bytes()).hexdigest()
        for p in out.iterdir()
        if not p.name.startswith(".") and (p / "results.json").is_file()  # a temporary folder is not published
    }
    assert all(digest in known for digest in published.values()), k  # never published unrecorded
    if not (out / ".ciclope-running").exists():  # the kill came after the run's last step: not a kill
        assert len(published) == 10, (k, sorted(published))  # … for the marker goes only once all are out
        return []
    # every run computes the same results.json: an ente is unpublished while its folder is not there yet
    unpublished = sorted(f"synth-{i:05d}" for i in range(10) if f"synth-{i:05d}" not in published)
    for p in out.iterdir():
        if not p.name.startswith(".") and p.is_dir():
            assert outroot.check_sums(p) == [], (k, p.name)
    nxt = cli("run", cfg, "--ente", "synth-00000", "--store", backend)
    assert "si è interrotta prima della fine" in nxt.stderr, (k, nxt.stderr)
    for name in unpublished:
        assert name in nxt.stderr, (k, name, nxt.stderr)
    if not unpublished:
        assert "ogni cartella che ha pubblicato è registrata" in nxt.stderr
    return unpublished


def _synth_ten(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "dati"
    assert cli("synth", data, "--enti", "10", "--people", "40", "--plugin", "comunita_montane").returncode == 0
    return data / "cycle.toml", data / "out"


@pytest.mark.slow
def test_kill_9_mid_publication_is_named_by_the_next_run(tmp_path, backend):
    """Killed right after its k-th folder is published (k = 1, 4, 9 of 10): the run publishes once every ente
    is recorded, so exactly k folders are out, all recorded, and the next run names the other 10 - k."""
    cfg, out = _synth_ten(tmp_path)
    for k in (1, 4, 9):
        proc = subprocess.run(
            [sys.executable, "-c", _KILLED_AFTER, str(k), "run", str(cfg), "--store", backend],
            capture_output=True,
            preexec_fn=_limit,
            timeout=TIMEOUT,
        )
        assert proc.returncode == -signal.SIGKILL, (k, proc.returncode, proc.stderr[-2000:])
        # one ente at a time, in the order of the enti: the first k are out (an earlier round's too)
        assert _check_after_kill(cfg, out, backend, k) == [f"synth-{i:05d}" for i in range(k, 10)]


@pytest.mark.slow
def test_kill_9_at_any_moment_never_goes_unnoticed(tmp_path, backend):
    """Killed from outside right after its k-th ente folder appears, wherever the run then is (recording,
    publishing, done): never a folder published unrecorded, and every one verifies against its SHA256SUMS."""
    cfg, out = _synth_ten(tmp_path)
    for k in range(1, 9):
        since = time.time() - 0.01
        proc = subprocess.Popen(
            [CLI, "run", str(cfg), "--store", backend],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_limit,
        )
        while proc.poll() is None and _published_since(out, since) < k:
            time.sleep(0.0005)
        if proc.poll() is not None:  # on a loaded machine the run may end before this loop sees a folder
            continue  # not a kill: the other rounds are
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        _check_after_kill(cfg, out, backend, k)


def test_an_unreachable_store_for_the_anchor_is_said(tmp_path):
    cfg = _two_good(tmp_path)
    assert cli("run", cfg).returncode == 0
    folder = tmp_path / "out" / "buono"
    run = cli("verify", folder, "--store", "postgresql://u:Segreto-7@127.0.0.1:1/nessuno")
    assert run.returncode == 1 and "impronte nell'archivio non verificabili" in run.stdout
    assert "Segreto-7" not in run.stdout + run.stderr
    rep = cli("report", folder, "--outputs", "trasparenza", "--store", "postgresql://u:Segreto-7@127.0.0.1:1/x")
    assert "Segreto-7" not in rep.stdout + rep.stderr


def test_the_public_site_refuses_a_folder_the_store_did_not_record(tmp_path):
    """Issue 37 #14: a folder published but not recorded (here a later ``run --no-store`` with a changed fund into
    the same folder; a killed run leaves the same) is not the result the portal's figures come from. ``site
    --public`` refuses it, naming the ente and the rerun that records it, and writes nothing; the internal site is
    built with a warning; after the rerun the public site is built."""
    cfg = _two_good(tmp_path)
    assert cli("run", cfg).returncode == 0
    toml = tmp_path / "buono" / "ente.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("\"1000.00\"", "\"1200.00\""), encoding="utf-8")
    assert cli("run", cfg, "--no-store", "--ente", "buono").returncode == 0
    public = cli("site", cfg, "--out", tmp_path / "pubblico", "--public")
    assert public.returncode == 2, public.stdout + public.stderr
    assert "le cartelle di output di buono" in public.stderr and "--ente buono" in public.stderr
    assert not (tmp_path / "pubblico" / "index.html").exists()
    internal = cli("site", cfg, "--out", tmp_path / "interno")
    assert internal.returncode == 0 and "attenzione: le cartelle di output di buono" in internal.stderr
    assert cli("run", cfg, "--ente", "buono").returncode == 0
    again = cli("site", cfg, "--out", tmp_path / "pubblico", "--public")
    assert again.returncode == 0, again.stderr
