"""Every writing command other than `run` writes only into a folder it made and marked, or into a new
file it is given: a user's folder, an input, a file it did not write and a link are refused with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import cli, snapshot

from helpers import two_enti


@pytest.fixture
def stored(tmp_path) -> tuple[Path, Path]:
    """cycle.toml with two enti, run once into its store: (cycle.toml, store)."""
    cfg = two_enti(tmp_path)
    store = tmp_path / "ciclope.db"
    cli("run", cfg, "--ente", "buono", "--store", store)
    return cfg, store


def test_site_refuses_a_users_web_folder(tmp_path, stored):
    web = tmp_path / "www"
    web.mkdir()
    (web / "index.html").write_text("<h1>il mio sito</h1>\n")
    (web / "benchmark.html").write_text("<h1>mio</h1>\n")
    before = snapshot(tmp_path)
    run = cli("site", "--store", stored[1], "--out", web)
    assert run.returncode == 2 and "non è una cartella di output di ciclope" in run.stderr
    assert snapshot(tmp_path) == before


def test_public_site_never_goes_into_an_internal_site(tmp_path, stored):
    internal, public = tmp_path / "interno", tmp_path / "pubblico"
    assert cli("site", "--store", stored[1], "--out", internal).returncode == 0
    assert (internal / "enti" / "buono" / "persone.html").is_file()
    before = snapshot(internal)
    run = cli("site", "--store", stored[1], "--out", internal, "--public")
    assert run.returncode == 2 and "contiene un sito interno" in run.stderr
    assert snapshot(internal) == before
    assert cli("site", "--store", stored[1], "--out", public, "--public").returncode == 0
    names = {p.name for p in public.rglob("*")}
    assert "index.html" in names
    assert not names & {"persone.html", "cifre.html", "results.json", "schede.xlsx", "relazione.html"}
    # and the reverse: an internal site never goes into a public one
    assert cli("site", "--store", stored[1], "--out", public).returncode == 2


def test_site_rebuilds_its_own_folder_without_following_links(tmp_path, stored):
    web = tmp_path / "www"
    assert cli("site", "--store", stored[1], "--out", web).returncode == 0
    victim = tmp_path / "vittima.html"
    victim.write_text("mio\n")
    (web / "index.html").unlink()
    (web / "index.html").symlink_to(victim)
    (web / "benchmark.html").unlink()
    (web / "benchmark.html").symlink_to(tmp_path / "non-esiste.html")  # dangling
    assert cli("site", "--store", stored[1], "--out", web).returncode == 0
    assert victim.read_text() == "mio\n" and not (tmp_path / "non-esiste.html").exists()
    assert not (web / "index.html").is_symlink() and "<html" in (web / "index.html").read_text()


def test_compare_refuses_the_parent_of_the_data_folders(tmp_path):
    cfg = two_enti(tmp_path)
    (tmp_path / "buono" / "compare.html").write_text("mio confronto\n")
    scen = tmp_path / "scenari" / "base.toml"
    scen.parent.mkdir()
    scen.write_text('[funds]\nperformance_individuale = "2000.00"\n')
    before = snapshot(tmp_path)
    for out in (tmp_path, tmp_path / "buono", tmp_path / "scenari"):
        run = cli("compare", cfg, "--ente", "buono", "--scenario", f"base={scen}", "--out", out)
        assert run.returncode == 2, out
        assert "non è una cartella di output di ciclope" in run.stderr or "coincide con l'input" in run.stderr
    assert snapshot(tmp_path) == before
    run = cli("compare", cfg, "--ente", "buono", "--scenario", f"base={scen}", "--out", tmp_path / "cmp")
    assert run.returncode == 0, run.stderr
    assert snapshot(tmp_path) == {**before, **{k: v for k, v in snapshot(tmp_path).items() if "/cmp" in k}}


@pytest.mark.parametrize("target", ["cycle.toml", "buono/ente.toml", "buono/people.csv", "buono/nuovo.ics"])
def test_calendar_never_writes_an_input_nor_into_a_data_folder(tmp_path, target):
    cfg = two_enti(tmp_path)
    before = snapshot(tmp_path)
    run = cli("calendar", cfg, "--ente", "buono", "--ics", tmp_path / target)
    assert run.returncode == 2 and "coincide con l'input" in run.stderr
    assert snapshot(tmp_path) == before


def test_calendar_rewrites_its_own_file_only(tmp_path):
    cfg = two_enti(tmp_path)
    ics = tmp_path / "scadenze.ics"
    assert cli("calendar", cfg, "--ente", "buono", "--ics", ics).returncode == 0
    assert cli("calendar", cfg, "--ente", "buono", "--ics", ics).returncode == 0  # its own: rewritten
    assert ics.read_text().startswith("BEGIN:VCALENDAR")
    mine = tmp_path / "mio.ics"
    mine.write_text("BEGIN:VCALENDAR\r\nPRODID:-//altro//IT\r\nEND:VCALENDAR\r\n")
    link = tmp_path / "link.ics"
    link.symlink_to(ics)
    before = snapshot(tmp_path)
    assert cli("calendar", cfg, "--ente", "buono", "--ics", mine).returncode == 2
    assert cli("calendar", cfg, "--ente", "buono", "--ics", link).returncode == 2
    assert snapshot(tmp_path) == before


def test_demo_refuses_an_office_folder(tmp_path):
    office = tmp_path / "ufficio"
    office.mkdir()
    (office / "ciclope.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    (office / "cycle.toml").write_text("# il mio ciclo\n")
    before = snapshot(tmp_path)
    run = cli("demo", "--dir", office)
    assert run.returncode == 2 and "non è una cartella di output di ciclope" in run.stderr
    assert snapshot(tmp_path) == before


def test_synth_refuses_a_folder_with_enti(tmp_path):
    two_enti(tmp_path)
    (tmp_path / "cycle.toml").unlink()
    before = snapshot(tmp_path)
    run = cli("synth", tmp_path, "--enti", "1", "--people", "10")
    assert run.returncode == 2
    assert snapshot(tmp_path) == before


def test_template_never_writes_through_a_link(tmp_path):
    away = tmp_path / "altrove"
    away.mkdir()
    (tmp_path / "FILE.xlsx").symlink_to(away / "preso.xlsx")
    run = cli("template", "comunita_montane", tmp_path / "FILE.xlsx")
    assert run.returncode == 2 and not (away / "preso.xlsx").exists()
    work = tmp_path / "lavoro"
    work.mkdir()
    (work / "ente.toml").symlink_to(away / "ente.toml")
    assert cli("template", "comunita_montane", work / "dati.xlsx").returncode == 0
    assert (work / "dati.xlsx").is_file() and not (away / "ente.toml").exists()
    assert (work / "ente.toml").is_symlink()


def test_report_refuses_a_folder_with_the_users_files(tmp_path, stored):
    folder = tmp_path / "out" / "buono"
    (folder / "appunti.txt").write_text("miei\n")
    before = snapshot(tmp_path)
    run = cli("report", folder, "--outputs", "relazione")
    assert run.returncode == 2 and "appunti.txt" in run.stderr
    assert snapshot(tmp_path) == before


def test_new_plugin_never_writes_into_an_existing_folder(tmp_path):
    (tmp_path / "ciclope-prova").mkdir()
    (tmp_path / "ciclope-prova" / "mio.py").write_text("x = 1\n")
    before = snapshot(tmp_path)
    assert cli("new-plugin", "prova", cwd=tmp_path).returncode == 2
    (tmp_path / "ciclope-altro").symlink_to(tmp_path / "fuori")
    assert cli("new-plugin", "altro", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "fuori").exists()
    assert snapshot(tmp_path) == {**before, str(tmp_path / "ciclope-altro"): f"link:{tmp_path / 'fuori'}"}


def test_serve_checks_its_port_and_lists_no_folder(tmp_path, stored):
    import threading
    import urllib.error
    import urllib.request

    from ciclope.core.site.serve import server

    web = tmp_path / "www"
    for port in ("99999", "-1"):
        run = cli("site", "--store", stored[1], "--out", web, "--serve", "--port", port)
        assert run.returncode == 2 and f"porta {port} non valida" in run.stderr
    assert not web.exists()  # refused before building
    assert cli("site", "--store", stored[1], "--out", web).returncode == 0
    httpd = server(web, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        for path in ("/enti/buono/", "/static/", "/non-esiste.html"):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(base + path, timeout=10)
            assert err.value.code == 404
            body = err.value.read().decode("utf-8")
            assert "Pagina non trovata" in body and "Directory listing" not in body and "persone.html" not in body
        with urllib.request.urlopen(base + "/index.html", timeout=10) as page:
            assert page.status == 200
    finally:
        httpd.shutdown()
        httpd.server_close()
