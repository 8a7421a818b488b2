"""The results store under attack: a password never shown, a damaged file an Italian error."""

from __future__ import annotations

import pytest
from harness import cli

from helpers import two_enti


@pytest.fixture
def postgres_url(backend):
    if not backend.startswith("postgresql"):
        pytest.skip("the password parameter is PostgreSQL's")
    return backend


def test_a_password_in_the_url_is_never_shown(tmp_path, postgres_url):
    cfg = two_enti(tmp_path)
    url = f"{postgres_url}?password=Segreto-4411"
    shown = f"{postgres_url}?password=***"
    run = cli("run", cfg, "--ente", "buono", "--store", url)
    assert run.returncode == 0, run.stderr
    assert "Segreto-4411" not in run.stdout + run.stderr and shown in run.stdout
    history = cli("history", cfg, "--ente", "buono", "--store", url)
    assert "Segreto-4411" not in history.stdout + history.stderr and shown in history.stdout
    site = tmp_path / "sito"
    assert cli("site", cfg, "--store", url, "--out", site).returncode == 0
    pages = [p for p in site.rglob("*") if p.is_file()]
    assert len([p for p in pages if p.suffix == ".html"]) >= 5
    assert not [p for p in pages if b"Segreto-4411" in p.read_bytes()]
    assert any(shown.encode() in p.read_bytes() for p in pages)
    outputs = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert not [p for p in outputs if b"Segreto-4411" in p.read_bytes()]


def test_a_password_in_the_user_part_and_in_errors_is_masked(tmp_path):
    from ciclope.core.store.engine import redacted, scrubbed

    assert redacted("postgresql://ana:pw%40x@db/ciclope") == "postgresql://ana:***@db/ciclope"
    assert redacted("postgresql://db/c?sslmode=require&password=abc&user=x") == (
        "postgresql://db/c?sslmode=require&password=***&user=x"
    )
    url = "postgresql://ana:pw%40x@db/c?PASSWORD=zz"
    assert scrubbed("auth failed for pw@x and pw%40x and zz", url) == "auth failed for *** and *** and ***"
    cfg = two_enti(tmp_path)
    run = cli("run", cfg, "--ente", "buono", "--store", "postgresql://u:Segreto-9@127.0.0.1:1/nessuno")
    assert run.returncode == 1 and "NON aggiornato" in run.stderr
    assert "Segreto-9" not in run.stdout + run.stderr and "u:***@127.0.0.1:1" in run.stderr


@pytest.mark.parametrize("damage", ["random", "truncated", "not-ciclope"])
def test_a_damaged_store_is_an_italian_error(tmp_path, damage):
    cfg = two_enti(tmp_path)
    store = tmp_path / "ciclope.db"
    assert cli("run", cfg, "--ente", "buono", "--store", store).returncode == 0
    data = store.read_bytes()
    if damage == "random":
        store.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    elif damage == "truncated":
        store.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    else:
        import sqlite3

        store.unlink()
        con = sqlite3.connect(store)
        con.execute("create table runs (x text)")
        con.commit()
        con.close()
    for args in (
        ("history", cfg, "--ente", "buono"),
        ("benchmark", cfg),
        ("site", cfg, "--out", tmp_path / "sito"),
        ("diff", cfg, "--ente", "buono", "--year", "2020", "--year", "2021"),
    ):
        run = cli(*args)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert "archivio" in run.stderr and "ciclope.db" in run.stderr, (args, run.stderr)


def test_two_first_runs_at_once_share_a_new_store(tmp_path, backend):
    """Both create the schema if they find none: one waits for the other and finds it made."""
    import subprocess

    from harness import CLI, TIMEOUT, _limit

    cfg = two_enti(tmp_path)
    procs = [
        subprocess.Popen(
            [
                CLI,
                "run",
                str(cfg),
                "--ente",
                "buono",
                "--ente",
                "buono",
                "--store",
                backend,
                "--out",
                str(tmp_path / f"out{i}"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_limit,
        )
        for i in range(4)
    ]
    for p in procs:
        out, err = p.communicate(timeout=TIMEOUT)
        assert "Traceback" not in err and p.returncode == 0, err
        assert "(esecuzione n. " in out and "1 ente registrato" in out
    history = cli("history", cfg, "--ente", "buono", "--store", backend)
    assert history.returncode == 0 and "2021" in history.stdout


def test_the_portal_says_that_the_latest_run_failed(tmp_path):
    cfg = two_enti(tmp_path)
    assert cli("run", cfg, "--ente", "buono").returncode == 0
    people = tmp_path / "buono" / "people.csv"
    people.write_text(people.read_text().replace("E2,Ezio,dipendente,B,u1,1", "E2,Ezio,dipendente,B,u1,due"))
    assert cli("run", cfg, "--ente", "buono").returncode == 1
    internal, public = tmp_path / "sito", tmp_path / "pubblico"
    assert cli("site", cfg, "--out", internal).returncode == 0
    assert cli("site", cfg, "--out", public, "--public").returncode == 0
    for site in (internal, public):
        index = (site / "index.html").read_text(encoding="utf-8")
        assert "FALLITO (cifre dell&#39;esecuzione n. 1)" in index or "FALLITO (cifre dell'esecuzione n. 1)" in index
        page = (site / "enti" / "buono.html").read_text(encoding="utf-8")
        assert "esecuzione n. 2 di questo ente è FALLITA" in page
    assert "people.csv" in (internal / "enti" / "buono.html").read_text(encoding="utf-8")
    assert "people.csv" not in (public / "enti" / "buono.html").read_text(encoding="utf-8")
    # run again with good data: ok again, no failure shown
    people.write_text(people.read_text().replace("E2,Ezio,dipendente,B,u1,due", "E2,Ezio,dipendente,B,u1,1"))
    assert cli("run", cfg, "--ente", "buono").returncode == 0
    assert cli("site", cfg, "--out", internal).returncode == 0
    assert "FALLITO" not in (internal / "index.html").read_text(encoding="utf-8")
