"""`run` writes only into an output root it created and marked, and never follows a link planted there."""

from __future__ import annotations

import json
from pathlib import Path

from harness import cli, snapshot

from ciclope.core.testing import write_ente

from helpers import files, two_enti


def test_a_folder_holding_a_summary_json_is_not_adopted(tmp_path):
    cfg = two_enti(tmp_path)
    mine = tmp_path / "mie-cose"
    (mine / "buono").mkdir(parents=True)
    (mine / "summary.json").write_text('{"miei": "dati"}\n')
    (mine / "buono" / "results.json").write_text("{}\n")
    (mine / "buono" / "note-personali.txt").write_text("da non perdere\n")
    before = snapshot(tmp_path)
    run = cli("run", cfg, "--out", mine, "--ente", "buono", "--no-store")
    assert run.returncode == 2
    assert "non è una cartella di output di ciclope" in run.stderr
    assert snapshot(tmp_path) == before


def test_an_ente_folder_with_the_users_files_is_not_replaced(tmp_path):
    cfg = two_enti(tmp_path)
    assert cli("run", cfg, "--ente", "buono", "--no-store").returncode == 0
    note = tmp_path / "out" / "buono" / "note-personali.txt"
    note.write_text("da non perdere\n")
    run = cli("run", cfg, "--ente", "buono", "--no-store")
    assert run.returncode == 1
    assert note.read_text() == "da non perdere\n"
    assert "contiene file che ciclope non ha scritto (note-personali.txt)" in run.stdout + run.stderr
    entry = json.loads((tmp_path / "out" / "summary.json").read_text())["enti"][0]
    assert entry["id"] == "buono" and entry["status"] == "failed"


def test_an_ente_named_git_leaves_dot_git_alone(tmp_path):
    write_ente(tmp_path / "dati" / "git", files())
    cfg = tmp_path / "cycle.toml"
    cfg.write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "git"\nplugin = "comunita_montane"\ndata = "dati/git"\n'
    )
    assert cli("run", cfg, "--no-store").returncode == 0
    out = tmp_path / "out"
    for name in (".git", ".git.bak", ".git.old"):
        (out / name).mkdir()
        (out / name / "HEAD").write_text("ref: refs/heads/main\n")
    before = snapshot(out / ".git", out / ".git.bak", out / ".git.old")
    assert cli("run", cfg, "--no-store").returncode == 0
    assert snapshot(out / ".git", out / ".git.bak", out / ".git.old") == before
    assert (out / "git" / "results.json").is_file()


def test_links_planted_in_the_root_are_never_followed(tmp_path):
    cfg = two_enti(tmp_path)
    assert cli("run", cfg, "--ente", "buono", "--no-store").returncode == 0
    out = tmp_path / "out"
    victim = tmp_path / "vittima.txt"
    victim.write_text("del utente\n")
    (out / ".summary.json.tmp").symlink_to(victim)
    (out / "summary.json").unlink()
    (out / "summary.json").symlink_to(victim)
    (out / ".ciclope-lock").unlink()
    (out / ".ciclope-lock").symlink_to(victim)
    before = snapshot(victim)
    run = cli("run", cfg, "--ente", "buono", "--no-store")
    assert run.returncode == 2 and "non posso aprire" in run.stderr  # the lock is a link: refused
    (out / ".ciclope-lock").unlink()
    assert cli("run", cfg, "--ente", "buono", "--no-store").returncode == 0
    assert snapshot(victim) == before
    assert not (out / "summary.json").is_symlink()  # the link was replaced, its target untouched
    assert json.loads((out / "summary.json").read_text())["enti"][0]["id"] == "buono"


def test_a_marker_that_is_a_link_or_foreign_text_is_no_marker(tmp_path):
    cfg = two_enti(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    real = tmp_path / "marcatore"
    real.write_text("cartella di output di ciclope: i file qui dentro sono riscritti a ogni esecuzione\n")
    (out / ".ciclope-out").symlink_to(real)
    before = snapshot(tmp_path)
    assert cli("run", cfg, "--ente", "buono", "--no-store").returncode == 2
    (out / ".ciclope-out").unlink()
    (out / ".ciclope-out").write_text("il mio file\n")
    assert cli("run", cfg, "--ente", "buono", "--no-store").returncode == 2
    (out / ".ciclope-out").unlink()
    assert snapshot(tmp_path) == {k: v for k, v in before.items() if not k.endswith(".ciclope-out")}


def test_the_july_output_then_the_year_end_run(tmp_path):
    cfg = two_enti(tmp_path)
    july = cli("run", cfg, "--ente", "buono", "--until", "monitoraggio", "--no-store")
    assert july.returncode == 0 and f"Risultati in {tmp_path / 'out' / 'monitoraggio'}" in july.stdout
    year_end = cli("run", cfg, "--ente", "buono", "--no-store")
    assert year_end.returncode == 0, year_end.stderr
    doc = json.loads((tmp_path / "out" / "buono" / "results.json").read_text())
    assert doc.get("until", "rendicontazione") == "rendicontazione"
    assert (
        json.loads((tmp_path / "out" / "monitoraggio" / "buono" / "results.json").read_text())["until"]
        == "monitoraggio"
    )


def test_the_same_ente_twice_runs_once(tmp_path):
    cfg = two_enti(tmp_path)
    run = cli("run", cfg, "--ente", "buono", "--ente", "buono", "--store", tmp_path / "s.db")
    assert run.returncode == 0, run.stderr
    assert "1 ente registrato" in run.stdout
    assert [e["id"] for e in json.loads((tmp_path / "out" / "summary.json").read_text())["enti"]] == ["buono"]


def test_outputs_leave_the_inputs_alone(tmp_path: Path):
    cfg = two_enti(tmp_path)
    before = snapshot(tmp_path / "buono", tmp_path / "rotto", cfg)
    cli("run", cfg, "--no-store")
    assert snapshot(tmp_path / "buono", tmp_path / "rotto", cfg) == before
