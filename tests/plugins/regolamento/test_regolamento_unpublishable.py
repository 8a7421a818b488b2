"""A calculation with errors writes no document for publication: its figures are the office's to correct first (a
grade the regulation lacks pays its person by a parameter of 0, and her colleagues her share), and a published
table would carry them to the public. The internal documents are written, with the errors; the schede personali,
to be handed and signed, say they are a draft until the errors are corrected."""

from __future__ import annotations

from pathlib import Path

from test_regolamento_explained import ATENEO, ateneo

from helpers import ciclope

CYCLE = """\
[ciclo]
anno = 2024

[[ente]]
id = "ateneo"
plugin = "regolamento"
regolamento = "regolamento.toml"
dati = "ateneo"
"""

PUBLIC = {"relazione-pubblica.html", "trasparenza.csv", "premi-art20.csv"}


def _cycle(root: Path, grade: str) -> Path:
    (root / "regolamento.toml").write_text(ATENEO, encoding="utf-8")
    (root / "cycle.toml").write_text(CYCLE, encoding="utf-8")
    (root / "ateneo").mkdir()
    files = ateneo()
    # P2's grade: «C», one of [gradi] (B, C, D), or «E», which the regulation lacks (an error of the calculation)
    files["people.csv"] = files["people.csv"].replace("P2,Bruno,dipendente,C,com,0.5,0,false,SEG,C", "P2,Bruno,"
                                                      f"dipendente,C,com,0.5,0,false,SEG,{grade}")  # fmt: skip
    for name, text in files.items():
        (root / "ateneo" / name).write_text(text, encoding="utf-8")
    return root / "cycle.toml"


def test_a_calculation_with_errors_writes_its_internal_documents_only(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir(), bad.mkdir()
    done = ciclope("run", _cycle(good, "C"), "--out", good / "out", "--no-store")
    assert done.returncode == 0, done.stderr
    assert PUBLIC <= {p.name for p in (good / "out" / "ateneo").iterdir()}
    done = ciclope("run", _cycle(bad, "E"), "--out", bad / "out", "--no-store")
    assert done.returncode == 1
    written = {p.name for p in (bad / "out" / "ateneo").iterdir()}
    assert written == {"results.json", "relazione.html", "schede.xlsx", "SHA256SUMS"}
    assert (
        "ateneo: calcolo con errori: i documenti da pubblicare (la Relazione da pubblicare, trasparenza.csv e "
        f"premi-art20.csv) non sono stati scritti; correggi gli errori (ciclope validate {bad / 'cycle.toml'}) e "
        "ripeti" in done.stderr
    )
    internal = (bad / "out" / "ateneo" / "relazione.html").read_text(encoding="utf-8")
    assert (
        "Il calcolo ha errori (sezione «Violazioni»): i documenti da pubblicare (Amministrazione trasparente) si "
        "scrivono quando sono corretti." in internal
    )
    assert "relazione-pubblica.html" not in internal
    # asked later, they are refused for the same reason; the run's own documents stay as they are
    done = ciclope("report", bad / "out" / "ateneo", "--outputs", "trasparenza,art20")
    assert (
        "trasparenza.csv non prodotto: il calcolo dell'ente ha errori: i documenti da pubblicare si scrivono quando "
        "sono corretti" in done.stdout + done.stderr
    )
    assert {p.name for p in (bad / "out" / "ateneo").iterdir()} == written
    assert ciclope("verify", bad / "out" / "ateneo").returncode == 0


def test_the_schede_personali_of_a_calculation_with_errors_say_they_are_a_draft(tmp_path):
    """An evaluation is handed before the OIV validates the Relazione (an act still to record is an error of the
    premiums' access): the schede are written, each saying above all that it is a draft, never to be signed unseen;
    a calculation without errors has no such notice."""
    done = ciclope("run", _cycle(tmp_path, "E"), "--out", tmp_path / "out", "--no-store")
    assert done.returncode == 1
    done = ciclope("schede-personali", tmp_path / "out" / "ateneo", "--solo-html", "--out", tmp_path / "schede")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "schede" / "P1.html").read_text(encoding="utf-8")
    assert (
        '<p class="draft">Bozza: il calcolo dell&#x27;ente ha errori ancora da correggere (Relazione interna, sezione '
        "«Violazioni»), e le cifre di questa scheda possono cambiare. Si consegna e si firma la scheda di un calcolo "
        "senza errori.</p>" in page
    )
    (tmp_path / "good").mkdir()
    done = ciclope("run", _cycle(tmp_path / "good", "C"), "--out", tmp_path / "good" / "out", "--no-store")
    assert done.returncode == 0, done.stderr
    done = ciclope("schede-personali", tmp_path / "good" / "out" / "ateneo", "--solo-html", "--out", tmp_path / "s2")
    assert done.returncode == 0, done.stderr
    assert 'class="draft"' not in (tmp_path / "s2" / "P1.html").read_text(encoding="utf-8")
