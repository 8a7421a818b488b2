"""The ente's evaluation body by its own name: an ente locale with a Nucleo di valutazione reads «il Nucleo di
valutazione» wherever ciclope's words named «l'OIV» (D.Lgs. 150/2009 art. 14; TUEL art. 147), with the article and
the prepositions Italian joins to it; an ente that names none reads the OIV, as before."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from ciclope.core.engine.registry import load_plugin
from ciclope.core.evaluationbody import EvaluationBody

from helpers import ciclope

NUCLEO = EvaluationBody.written("Nucleo di valutazione")


@pytest.mark.parametrize(
    ("written", "name", "article"),
    [
        # no article: masculine, «il» before a consonant, «l'» before a vowel, «lo» before s + consonant
        ("Nucleo di valutazione", "Nucleo di valutazione", "il "),
        ("Organismo di valutazione", "Organismo di valutazione", "l'"),
        ("Staff di valutazione", "Staff di valutazione", "lo "),
        # an article written is kept (a feminine name needs it), spaces made single
        ("la  Commissione di valutazione", "Commissione di valutazione", "la "),
        ("il Nucleo di valutazione", "Nucleo di valutazione", "il "),
        ("l'Organismo comunale", "Organismo comunale", "l'"),
    ],
)
def test_a_body_is_read_with_the_article_italian_gives_it(written, name, article):
    assert EvaluationBody.written(written) == EvaluationBody(name, article)


@pytest.mark.parametrize(
    ("text", "nucleo", "commissione"),
    [
        ("Relazione validata dall'OIV", "Relazione validata dal Nucleo di valutazione",
         "Relazione validata dalla Commissione di valutazione"),
        ("Attestazione dell'OIV", "Attestazione del Nucleo di valutazione",
         "Attestazione della Commissione di valutazione"),
        ("Documento interno per l'OIV", "Documento interno per il Nucleo di valutazione",
         "Documento interno per la Commissione di valutazione"),
        ("L'OIV non ha validato", "Il Nucleo di valutazione non ha validato",
         "La Commissione di valutazione non ha validato"),
        ("inviata all'OIV", "inviata al Nucleo di valutazione", "inviata alla Commissione di valutazione"),
        # a key an office writes is not a word of the text: never renamed
        ("[atti] attestazione_oiv", "[atti] attestazione_oiv", "[atti] attestazione_oiv"),
    ],
)  # fmt: skip
def test_ciclopes_words_name_the_body_with_its_prepositions(text, nucleo, commissione):
    assert NUCLEO.said(text) == nucleo
    assert EvaluationBody.written("la Commissione di valutazione").said(text) == commissione


def test_the_oiv_is_the_default_and_leaves_every_text_as_it_was():
    assert EvaluationBody.written("OIV") == EvaluationBody()
    assert EvaluationBody().said("Relazione validata dall'OIV") == "Relazione validata dall'OIV"


def _nucleo_demo(tmp_path: Path) -> Path:
    """The declared regulation's demo (four Comuni), each ente.toml naming its Nucleo di valutazione."""
    folder = load_plugin("regolamento")[1].demo
    assert folder is not None
    shutil.copytree(folder, tmp_path / "demo")
    for ente in (tmp_path / "demo").glob("*/ente.toml"):
        text = ente.read_text(encoding="utf-8")
        name, rest = text.split("\n", 1)
        ente.write_text(f'{name}\norganismo_valutazione = "Nucleo di valutazione"\n{rest}', encoding="utf-8")
    return tmp_path / "demo" / "cycle.toml"


def _texts(out: Path) -> dict[str, str]:
    """Every document's text an office, an employee or the OIV reads: pages, CSV files, workbooks' cells."""
    texts = {
        str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in (".html", ".csv")
    }
    for book in out.rglob("*.xlsx"):
        cells = (
            c
            for ws in openpyxl.load_workbook(book, read_only=True)
            for row in ws.iter_rows(values_only=True)
            for c in row
        )
        texts[str(book.relative_to(out))] = "\n".join(c for c in cells if isinstance(c, str))
    return texts


def test_an_ente_with_a_nucleo_never_reads_oiv_in_its_documents(tmp_path):
    cycle = _nucleo_demo(tmp_path)
    done = ciclope("run", cycle, "--out", tmp_path / "out", "--no-store")
    assert done.returncode == 0, done.stderr
    persona = ciclope(
        "schede-personali", tmp_path / "out" / "comune-fondo", "--solo-html", "--out", tmp_path / "out" / "schede"
    )
    assert persona.returncode == 0, persona.stderr
    texts = _texts(tmp_path / "out")
    said = {name: re.findall(r".{40}\bOIV\b.{20}", text) for name, text in texts.items()}
    assert {name: found for name, found in said.items() if found} == {}
    relazione = texts["comune-fondo/relazione.html"]
    assert "Validazione della Relazione da parte del Nucleo di valutazione:</b> 20/06/2025" in relazione
    assert "Documento interno per il Nucleo di valutazione e il Segretario" in relazione
    assert "Performance attestata dal Nucleo di valutazione" in texts["comune-fondo/schede.xlsx"]
    schede = [text for name, text in texts.items() if name.startswith("schede/")]
    assert len(schede) > 3
    assert all("Relazione validata dal Nucleo di valutazione il" in text for text in schede)


def test_a_body_written_as_no_name_is_an_error_with_an_example(tmp_path):
    cycle = _nucleo_demo(tmp_path)
    ente = cycle.parent / "comune-parti" / "ente.toml"
    ente.write_text(ente.read_text(encoding="utf-8").replace('"Nucleo di valutazione"', '""'), encoding="utf-8")
    done = ciclope("validate", cycle)
    assert done.returncode != 0
    assert (
        'organismo_valutazione: scrivi come i documenti dell\'ente lo chiamano, tra virgolette, es. '
        'organismo_valutazione = "Nucleo di valutazione"' in done.stdout + done.stderr
    )
