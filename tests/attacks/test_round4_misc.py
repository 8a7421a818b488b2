"""Smaller reproductions of the fourth round: a 3 GB ``relazione/*.md`` (sparse) is never read whole."""

from __future__ import annotations

from pathlib import Path

from harness import cli, cli_process, snapshot
from test_toml_attacks import _office


def test_a_three_gigabyte_relazione_part_is_never_read_whole(tmp_path: Path):
    cycle = _office(tmp_path)
    part = tmp_path / "dati" / "relazione" / "contesto.md"
    part.parent.mkdir(exist_ok=True)
    with open(part, "wb") as fh:
        fh.truncate(3 * 2**30)  # sparse: 3 GiB of NUL bytes on no disk
    before = snapshot(*(p for p in (tmp_path / "dati").iterdir() if p.name != "relazione")), part.stat().st_mtime_ns
    run = cli_process("validate", cycle)
    assert "supera 1 MB" in run.stdout + run.stderr
    after = snapshot(*(p for p in (tmp_path / "dati").iterdir() if p.name != "relazione")), part.stat().st_mtime_ns
    assert after == before  # the part itself by its time: hashing it would read 3 GiB


def test_schede_of_two_people_never_share_a_file(tmp_path: Path):
    from ciclope.core.schede.command import file_stems
    from ciclope.core.testing import write_ente

    from comune_from_docs import REGULATION, files

    assert len(set(file_stems(["P:3", "P_3", "P 3", "p_3"]).values())) == 4
    f = {k: v.replace("S01", "S:01").replace("S02", "S_01") for k, v in files().items()}
    write_ente(tmp_path / "dati", f)
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[cycle]\nyear = 2024\noutput = "out"\n[[ente]]\nid = "prova"\nplugin = "regolamento"\ndata = "dati"\n'
        'regolamento = "smvp.toml"\n',
        encoding="utf-8",
    )
    run = cli("run", cycle, "--no-store")
    assert run.returncode == 0, run.stderr
    run = cli("schede-personali", tmp_path / "out" / "prova", "--solo-html")
    assert run.returncode == 0, run.stderr
    pages = sorted((tmp_path / "schede-personali" / "prova").glob("*.html"))
    names = {p.read_text(encoding="utf-8").count("Persona S:01") > 0 for p in pages}
    assert len(pages) == len(files()["people.csv"].strip().splitlines()) - 1  # one page per person
    assert names == {True, False}


def _get(port: int, path: str, host: str) -> tuple[int, str]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host)
    conn.endheaders()
    answer = conn.getresponse()
    body = answer.read().decode("utf-8", errors="replace")
    conn.close()
    return answer.status, body


def test_serve_answers_only_its_own_names_follows_no_link_and_prints_no_traceback(tmp_path: Path, capsys):
    import os
    import threading

    from ciclope.core.site.serve import server

    site = tmp_path / "sito"
    site.mkdir()
    (site / "index.html").write_text("<p>indice</p>", encoding="utf-8")
    (tmp_path / "segreto.txt").write_text("password", encoding="utf-8")
    os.symlink(tmp_path / "segreto.txt", site / "segreto.html")
    os.symlink(tmp_path, site / "fuori")
    httpd = server(site, 0)
    port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        assert _get(port, "/index.html", f"127.0.0.1:{port}")[0] == 200
        assert _get(port, "/index.html", f"localhost:{port}")[0] == 200
        for host in (f"attacker.example:{port}", "attacker.example", "127.0.0.1.attacker.example", ""):
            status, body = _get(port, "/index.html", host)
            assert status == 403 and "Accesso non consentito" in body and "indice" not in body, host
        for path in ("/segreto.html", "/fuori/segreto.txt", "/%00", "/index.html%00", "/%2e%2e/segreto.txt"):
            status, body = _get(port, path, f"127.0.0.1:{port}")
            assert status == 404 and "Pagina non trovata" in body and "password" not in body, path
    finally:
        httpd.shutdown()
        httpd.server_close()
    err = capsys.readouterr().err
    assert "Traceback" not in err, err


def _recorded(tmp_path: Path) -> tuple[Path, Path]:
    cycle = _office(tmp_path)
    (tmp_path / "cycle.toml").write_text(
        cycle.read_text(encoding="utf-8").replace("[cycle]\n", '[cycle]\noutput = "out"\n'), encoding="utf-8"
    )
    run = cli("run", cycle, "--no-store", "--outputs", "results")
    assert run.returncode == 0, run.stderr
    return cycle, tmp_path / "out" / "prova"


def test_a_report_interrupted_by_an_older_ciclope_is_recognised_and_finished(tmp_path: Path):
    cycle, folder = _recorded(tmp_path)
    # killed between the documents and SHA256SUMS: a document half written, not in the digests
    (folder / "relazione.html").write_bytes(b"<!doctype html><html><body><p>meta")
    run = cli("report", folder, "--outputs", "trasparenza")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "scritto relazione.html" in run.stdout and "scritto trasparenza.csv" in run.stdout
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8")
    assert "  relazione.html" in sums and "  trasparenza.csv" in sums
    assert (folder / "relazione.html").read_bytes().rstrip().endswith(b"</html>")
    assert cli("verify", folder).returncode == 0
    # and `run` replaces such a folder as its own
    (folder / "schede.xlsx").write_bytes(b"PK\x03\x04 meta")
    assert cli("run", cycle, "--no-store", "--outputs", "results").returncode == 0


def test_a_report_that_fails_midway_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch):
    from ciclope.core.reports import html
    from ciclope.core.run import verify

    _cycle, folder = _recorded(tmp_path)
    before = snapshot(folder)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(html, "write_relazione", broken, raising=False)
    monkeypatch.setattr(verify, "write_sums", broken)
    try:
        verify.report(folder, ("trasparenza.csv", "relazione.html"))
    except OSError:
        pass
    assert snapshot(folder) == before
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".ciclope-tmp.")]


def test_a_store_of_a_newer_ciclope_is_named_as_such_and_left_alone(tmp_path: Path):
    import sqlite3

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from ciclope.core.store import engine

    config = Config()
    config.set_main_option("script_location", str(engine.MIGRATIONS))
    assert {r.revision for r in ScriptDirectory.from_config(config).walk_revisions()} == engine.KNOWN
    cycle = _office(tmp_path)
    db = tmp_path / "ciclope.db"
    assert cli("run", cycle, "--store", f"sqlite:///{db}", "--out", tmp_path / "out").returncode == 0
    con = sqlite3.connect(db)
    con.execute("update alembic_version set version_num = 'f00d1e5'")
    con.commit()
    con.close()
    before = snapshot(db)
    for args in (("history", cycle, "--ente", "prova"), ("run", cycle, "--out", tmp_path / "out2")):
        run = cli(*args, "--store", f"sqlite:///{db}")
        text = run.stdout + run.stderr
        assert run.returncode in (1, 2) and "versione più recente di ciclope" in text, (args, text)
        assert "Can't locate" not in text and "più tardi" not in text
    assert snapshot(db) == before


def test_an_in_memory_store_is_refused(tmp_path: Path):
    cycle = _office(tmp_path)
    for url in ("sqlite://", "sqlite:///:memory:"):
        run = cli("run", cycle, "--store", url, "--out", tmp_path / "out")
        assert run.returncode == 2 and "in memoria" in run.stderr, run.stderr
        assert not (tmp_path / "out").exists()  # refused before anything is written


def test_numbers_of_the_command_line_are_bounded(tmp_path: Path):
    for args in (
        ("synth", tmp_path / "s", "--year", "0"),
        ("synth", tmp_path / "s", "--people", "100000000000000000000"),
        ("diff", tmp_path / "c.toml", "--ente", "a", "--run", "99999999999999999999", "--run", "1"),
        ("benchmark", tmp_path / "c.toml", "--year", "99999999999999999999"),
    ):
        run = cli_process(*args)
        assert run.returncode == 2 and "non valido" in run.stderr, (args, run.stderr)
    assert not (tmp_path / "s").exists()


def test_verify_catches_a_document_edited_with_its_digest_and_no_store(tmp_path: Path):
    import hashlib

    cycle = _office(tmp_path)
    run = cli("run", cycle, "--no-store", "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    folder = tmp_path / "out" / "prova"
    assert cli("verify", folder).returncode == 0
    for name, old, new in (("trasparenza.csv", b"0", b"9"), ("relazione.html", b"</h1>", b" (rivista)</h1>")):
        path = folder / name
        data = path.read_bytes()
        assert old in data
        path.write_bytes(data.replace(old, new, 1))
        sums = folder / "SHA256SUMS"
        lines = [
            f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}" if line.endswith(f"  {name}") else line
            for line in sums.read_text(encoding="utf-8").splitlines()
        ]
        sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run = cli("verify", folder)
        assert run.returncode == 1 and f"{name}: diverso dal documento ricalcolato" in run.stdout + run.stderr
        path.write_bytes(data)
