"""Outputs on demand (issue 18): `run --outputs` writes the machine contract first, `ciclope report`
renders the documents later, byte-identical to those of a full run."""

import shutil

import pytest

from ciclope.core.commands.cli import main

DOCS = ("relazione.html", "schede.xlsx", "trasparenza.csv")


@pytest.mark.parametrize(
    "name, ente", [("brescia", "bs-esempio"), ("bergamo", "bg-esempio"), ("comunita_montane", "cm-esempio")]
)
def test_documents_rendered_later_are_identical(example, tmp_path, name, ente, capsys):
    folder = example(name)
    cfg = folder / "cycle.toml"
    later, full = tmp_path / "later", tmp_path / "full"
    main(["run", str(cfg), "--out", str(later), "--outputs", "results"])
    assert sorted(p.name for p in (later / ente).iterdir()) == ["SHA256SUMS", "results.json"]
    # the Relazione's trend and benchmark section comes from the run's results store (ciclope.db beside
    # cycle.toml): `report --store` takes it from there as `run` does
    assert main(["report", str(later / ente), "--store", str(folder / "ciclope.db")]) == 0
    main(["run", str(cfg), "--out", str(full)])
    for doc in DOCS:
        assert (later / ente / doc).read_bytes() == (full / ente / doc).read_bytes(), doc
    assert (later / ente / "results.json").read_bytes() == (full / ente / "results.json").read_bytes()
    # the checksums now cover the documents too: verify finds nothing edited
    assert (later / ente / "SHA256SUMS").read_bytes() == (full / ente / "SHA256SUMS").read_bytes()
    assert main(["verify", str(later / ente)]) == 0


def test_a_subset_of_documents(example, tmp_path):
    cfg = example("brescia") / "cycle.toml"
    main(["run", str(cfg), "--out", str(tmp_path / "o"), "--outputs", "results,trasparenza"])
    assert sorted(p.name for p in (tmp_path / "o" / "bs-esempio").iterdir()) == [
        "SHA256SUMS",
        "results.json",
        "trasparenza.csv",
    ]


def test_unknown_output_is_a_command_line_error(example, tmp_path, capsys):
    cfg = example("brescia") / "cycle.toml"
    assert main(["run", str(cfg), "--out", str(tmp_path / "o"), "--outputs", "results,pdf-magico"]) == 2
    assert "pdf-magico" in capsys.readouterr().err


def test_report_refuses_when_the_inputs_changed(example, tmp_path, capsys):
    folder = example("brescia")
    out = tmp_path / "o"
    main(["run", str(folder / "cycle.toml"), "--out", str(out), "--outputs", "results"])
    people = next(folder.glob("*/people.csv"))
    people.write_text(people.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["report", str(out / "bs-esempio")]) == 1
    assert "modificato" in capsys.readouterr().out
    assert not (out / "bs-esempio" / "relazione.html").exists()
    shutil.rmtree(out)


def test_a_run_without_schede_does_not_import_the_workbook_writer(example, tmp_path):
    """``--outputs`` without ``schede`` leaves the workbook writer unimported, and no run imports openpyxl
    (~0.15 s of start-up per process, issue 18; tests/core/reports/test_xlsx_styles.py): a provider producing the machine
    contract first does not pay for the workbook it writes later."""
    import subprocess
    import sys

    cfg = example("bergamo") / "cycle.toml"
    code = (
        "import sys; from ciclope.core.commands.cli import main; "
        f"main(['run', {str(cfg)!r}, '--out', {str(tmp_path / 'o')!r}, '--no-store', '--outputs', sys.argv[1]]); "
        "print(sorted(m for m in ('openpyxl', 'ciclope.core.reports.xlsx') if m in sys.modules))"
    )
    found = {
        outputs: subprocess.run(
            [sys.executable, "-c", code, outputs], capture_output=True, text=True, check=True
        ).stdout.splitlines()[-1]
        for outputs in ("results,relazione,trasparenza", "results,schede")
    }
    assert found == {
        "results,relazione,trasparenza": "[]",
        "results,schede": "['ciclope.core.reports.xlsx']",
    }


@pytest.mark.slow
def test_the_pdf_later_changes_no_document_already_written(example, tmp_path, capsys):
    """`report --outputs pdf` after a full run with the store: the PDF is printed from the Relazione already
    in the folder (with its «Andamento negli anni» from the store), and every file there stays byte for
    byte what it was; SHA256SUMS keeps each recorded line and gains the PDF's."""
    from ciclope.core.reports.public import chromium

    if chromium() is None:
        pytest.skip("Chromium non installato (pacchetto Debian 'chromium')")
    folder = example("brescia")
    out = tmp_path / "out"
    assert main(["run", str(folder / "cycle.toml"), "--out", str(out)]) == 0
    ente = out / "bs-esempio"
    before = {p.name: p.read_bytes() for p in ente.iterdir() if p.is_file()}
    assert main(["report", str(ente), "--outputs", "pubblica,pdf"]) == 0
    assert "relazione-pubblica.html già presente" in capsys.readouterr().out
    for name, data in before.items():
        if name != "SHA256SUMS":
            assert (ente / name).read_bytes() == data, name
    sums = (ente / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert set(before["SHA256SUMS"].decode("utf-8").splitlines()) <= set(sums)
    assert any(line.endswith("  relazione-pubblica.pdf") for line in sums)
    assert main(["verify", str(ente)]) == 0


@pytest.mark.slow
def test_the_fund_s_pdf_later_is_printed_from_its_page_already_written(tmp_path, capsys):
    """`report --outputs pdf` after a run of a Comune with its fund: relazione-tecnico-finanziaria.pdf is printed
    from the page already there, which stays byte for byte (it was written again without the store, «l'archivio
    non è in uso», and verify then found it edited)."""
    from ciclope.core.engine.registry import load_plugin
    from ciclope.core.reports.public import chromium

    if chromium() is None:
        pytest.skip("Chromium non installato (pacchetto Debian 'chromium')")
    demo = load_plugin("regolamento")[1].demo
    assert demo is not None
    shutil.copytree(demo, tmp_path / "demo")
    cycle = tmp_path / "demo" / "cycle.toml"
    assert main(["run", str(cycle), "--ente", "comune-fondo", "--out", str(tmp_path / "out")]) == 0
    ente = tmp_path / "out" / "comune-fondo"
    page = (ente / "relazione-tecnico-finanziaria.html").read_bytes()
    assert main(["report", str(ente), "--outputs", "pdf"]) == 0
    assert (ente / "relazione-tecnico-finanziaria.pdf").is_file()
    assert (ente / "relazione-tecnico-finanziaria.html").read_bytes() == page
    capsys.readouterr()
    assert main(["verify", str(ente)]) == 0, capsys.readouterr().out


def test_an_edit_is_not_blessed_by_a_later_report(example, tmp_path, capsys):
    """A document edited by hand after the run stays reported by verify after `report` adds another one."""
    folder = example("brescia")
    out = tmp_path / "out"
    main(["run", str(folder / "cycle.toml"), "--out", str(out), "--no-store", "--outputs", "results,trasparenza"])
    ente = out / "bs-esempio"
    with open(ente / "trasparenza.csv", "a", encoding="utf-8") as fh:
        fh.write("Fondi per la performance;;aggiunto a mano;;;1,00;;\r\n")
    assert main(["report", str(ente), "--outputs", "trasparenza,art20"]) == 0
    assert (ente / "premi-art20.csv").is_file()
    capsys.readouterr()
    assert main(["verify", str(ente)]) != 0
    assert "trasparenza.csv" in capsys.readouterr().out


def test_a_fund_document_of_an_ente_without_a_fund_is_said_not_made(example, tmp_path, capsys):
    """Brescia constitutes no fondo risorse decentrate: asked for it, `report` says it is not made and why, never
    «scritto» for a file that is not there."""
    folder = example("brescia")
    out = tmp_path / "out"
    main(["run", str(folder / "cycle.toml"), "--out", str(out), "--no-store", "--outputs", "results"])
    capsys.readouterr()
    assert main(["report", str(out / "bs-esempio"), "--outputs", "fondo"]) == 0
    said = capsys.readouterr().out
    assert not (out / "bs-esempio" / "relazione-tecnico-finanziaria.html").exists()
    assert "scritto relazione-tecnico-finanziaria" not in said
    assert (
        "relazione-tecnico-finanziaria.html non prodotto: l'ente non costituisce il fondo risorse decentrate nel "
        "foglio fondo" in said
    )
