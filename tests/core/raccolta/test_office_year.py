"""The office's year end to end (issue 42): template → raccolta crea → four workbooks filled as evaluators
would (one late, one tampered) → raccolta unisci twice (and a third time: nothing changes) → validate → run
→ schede-personali, checked for content and for the absence of other people's data."""

import shutil
import subprocess
from collections.abc import Collection
from pathlib import Path

import openpyxl
import pytest
from office_year import collect, fill_workbook, person_name, prepare

from ciclope.core.commands.cli import main

pytestmark = pytest.mark.slow  # Chromium prints 40 PDFs

POINTS = {40: 36, 30: 27, 20: 18, 15: 12, 10: 9}  # by maximum: 90% of each, 80% of 15


def fill(src: Path, dest: Path, skip: Collection[int] = (), actual: object = 48) -> None:
    """The evaluator's part: the points of every card row (but the rows in ``skip``), the actuals."""
    fill_workbook(src, dest, POINTS.__getitem__, skip, actual)


def merge(cycle: Path, raccolta: Path, capsys) -> tuple[int, str, str]:
    code = main(["raccolta", "unisci", str(cycle), "--ente", "cm-prova", str(raccolta)])
    out = capsys.readouterr()
    return code, out.out, out.err


def card_rows(xlsx: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    ws = wb[next(t for t in wb.sheetnames if t.lower() in ("evaluations", "valutazioni"))]
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if r and r[0]]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_the_office_year(tmp_path, capsys):
    cycle = prepare(tmp_path)
    ente = tmp_path / "ente"
    capsys.readouterr()

    raccolta = tmp_path / "raccolta"
    sent = collect(cycle, raccolta)
    assert sorted(p.name for p in sent.iterdir()) == sorted(
        f"{e}.xlsx" for e in ("PRESIDENTE", "SEG", "PO1", "PO2", "PO3")
    )
    po1 = openpyxl.load_workbook(sent / "PO1.xlsx")
    people = {r[0] for r in po1["Schede"].iter_rows(min_row=2, values_only=True)}
    assert people == {f"D1{n:02d}" for n in range(1, 13)}  # PO1's 12 employees, nobody else
    assert [r[0] for r in po1["Indicatori"].iter_rows(min_row=2, values_only=True)] == ["K11", "K12"]
    president = openpyxl.load_workbook(sent / "PRESIDENTE.xlsx")
    assert {r[0] for r in president["Schede"].iter_rows(min_row=2, values_only=True)} == {"SEG"}

    back = raccolta / "ricevute"
    fill(sent / "SEG.xlsx", back / "SEG.xlsx", actual=90)
    fill(sent / "PO1.xlsx", back / "PO1.xlsx")
    fill(sent / "PO3.xlsx", back / "PO3-compilata.xlsx")
    tampered = openpyxl.load_workbook(back / "PO3-compilata.xlsx")
    tampered["Schede"]["F2"] = 80  # a maximum raised outside the fillable cells
    tampered.save(back / "PO3-compilata.xlsx")

    code, out, err = merge(cycle, raccolta, capsys)
    assert code == 1  # the tampered workbook is an error
    assert "PO3-compilata.xlsx, foglio Schede, riga 2, colonna Punti massimi" in err and "era «40», ora «80»" in err
    lines = {line.split()[0]: line for line in out.splitlines() if line[:1].isupper() and len(line.split()) > 3}
    assert "MANCANTE" in lines["PRESIDENTE"] and "MANCANTE" in lines["PO2"]
    assert "RESPINTA: modificata fuori dalle celle da compilare" in lines["PO3"]
    assert "restituita" in lines["SEG"] and "restituita" in lines["PO1"]
    assert "Copia dei dati dell'ente prima della modifica:" in out
    backups = list((raccolta / "backup").iterdir())
    assert len(backups) == 1 and (backups[0] / "ente.xlsx").is_file()
    # 3 PO cards of 4 items from SEG + 12 employee cards of 4 items from PO1 = 60 rows
    assert len(card_rows(ente / "ente.xlsx")) == 60

    fill(sent / "PO2.xlsx", back / "PO2.xlsx", skip={2})  # late, and D201's first item left empty
    code, out, err = merge(cycle, raccolta, capsys)
    assert f"scheda incompleta, non unita: {person_name('D201')} (D201): voce " in out
    # 60 + 11 complete cards of PO2 × 4 items = 104 rows
    assert len(card_rows(ente / "ente.xlsx")) == 104
    before = (ente / "ente.xlsx").read_bytes()
    code, out, err = merge(cycle, raccolta, capsys)
    assert "Nessuna modifica ai dati dell'ente." in out and (ente / "ente.xlsx").read_bytes() == before
    assert len(list((raccolta / "backup").iterdir())) == 2  # one per merge that changed the data

    assert main(["validate", str(cycle)]) in (0, 1)
    validated = capsys.readouterr().out
    assert "dati non caricabili" not in validated
    out_dir = tmp_path / "out"
    main(["run", str(cycle), "--out", str(out_dir), "--no-store"])
    capsys.readouterr()
    import json

    results = json.loads((out_dir / "cm-prova" / "results.json").read_text(encoding="utf-8"))
    assert results["organizational"]["indicators"]["K11"]["actual"] == 48  # from PO1's workbook
    assert results["individual"]["D201"]["status"] == "not_evaluated"  # its card came back incomplete
    assert results["individual"]["D301"]["status"] == "not_evaluated"  # PO3's workbook was refused

    # D105: card 36 + 27 + 18 + 9 = 90 of 100 (weights empty = maxima) → 90.00
    assert results["individual"]["D105"]["score"] == 90.0
    # PO1: card 36 + 27 + 12 + 12 = 87; area 1 = mean(K11 48/50 = 0.96, K12 SI = 1) = 0.98;
    # 60 × 87/100 + 40 × 0.98 = 52.2 + 39.2 = 91.4
    assert results["individual"]["PO1"]["score"] == 91.4
    assert main(["schede-personali", str(out_dir / "cm-prova")]) == 0
    schede = tmp_path / "schede-personali" / "cm-prova"
    assert len(list(schede.glob("*.pdf"))) == 40 and len(list(schede.glob("*.html"))) == 40
    text = subprocess.run(
        ["pdftotext", "-layout", str(schede / "D105.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert person_name("D105") in text and "per presa visione" in text
    assert "Raggiungimento di obiettivi di gruppo o individuali" in text and "Area 1" in text
    assert "Punteggio della scheda: 90,00 su 100" in text and person_name("PO1") in text  # the evaluator signs
    others = [pid for pid in results["individual"] if pid not in ("D105", "PO1")]  # PO1 signs as evaluator
    assert not [pid for pid in others if person_name(pid) in text]
