"""The figures an explanation prints on the way to an amount can be redone by hand: a definition's value that is not
whole cents is printed with the digits it has («€ 7,8125 al giorno»), cut at four decimals with «…» where it does
not end («€ 7,3333… al giorno»), so the printed lines multiply back to the amount; the amounts stay in cents. Every
amount by hand, with the arithmetic beside it."""

from __future__ import annotations

import html
import re

import openpyxl

from ciclope.core.reports import html as relazione
from ciclope.core.reports import write_reports
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, run_declared

RULES = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Esempio"
tipo_ente = "comune"

[[colonne]]
nome = "turni"
tipo = "numero"
significato = "i turni non lavorati"
fonte = "art. 3"

[[definizioni]]
nome = "quota_annua"
descrizione = "la quota annua della categoria"
formula = '=SE(categoria = "D"; 2062,50 €; 1936 €)'
fonte = "art. 3 c. 1"

[[definizioni]]
nome = "quota_mensile"
descrizione = "la quota mensile"
formula = "=quota_annua / 12"
fonte = "art. 3 c. 2"

[[definizioni]]
nome = "quota_giornaliera"
descrizione = "la quota giornaliera"
formula = "=quota_mensile / 22 giorni"
fonte = "art. 3 c. 3"

[[premi]]
nome = "premio"
metodo = "formula"
fondo = "premio"
valutazione = false
importo = "=MAX(0 €; quota_annua - quota_giornaliera * turni * 1 giorni)"
tempo_parziale = "intero"
fonte = "art. 3 c. 4"
"""


def _comune() -> dict[str, str]:
    """A (category D) and B (category C), each with 10 shifts not worked; a fund large enough for both."""
    files = one_unit_comune("Comune di Esempio", [], [], '[funds]\npremio = "10000.00"\n')
    files["people.csv"] = (
        "\n".join(
            [
                f"{STAFF_HEADER},turni",
                "SEG,Segretario,segretario,DIR,com,1,0,false,,0",
                "A,Persona A,dipendente,D,com,1,0,false,SEG,10",
                "B,Persona B,dipendente,C,com,1,0,false,SEG,10",
            ]
        )
        + "\n"
    )
    return files


def _lines(text: str) -> list[str]:
    return [line.strip(" •") for line in text.splitlines()]


def test_a_definition_that_is_not_whole_cents_is_printed_with_its_digits(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, RULES, _comune())
    # A: 2.062,50 / 12 = 171,875 a month; 171,875 / 22 = 7,8125 a day; 2.062,50 − 7,8125 × 10 = 1.984,375 → 1.984,38
    # B: 1.936 / 12 = 161,3333… a month; / 22 = 7,3333… a day; 1.936 − 73,3333… = 1.862,6666… → 1.862,67
    assert {k: amounts(result)[k] for k in "AB"} == {"A": "1984.38", "B": "1862.67"}
    a, b = _lines(explain(result, "person", "A")), _lines(explain(result, "person", "B"))
    assert "la quota annua della categoria («quota_annua», art. 3 c. 1) = € 2.062,50" in a
    assert "la quota mensile («quota_mensile», art. 3 c. 2) = € 171,875" in a
    assert "la quota giornaliera («quota_giornaliera», art. 3 c. 3) = € 7,8125 al giorno" in a
    assert "la quota mensile («quota_mensile», art. 3 c. 2) = € 161,3333…" in b
    assert "la quota giornaliera («quota_giornaliera», art. 3 c. 3) = € 7,3333… al giorno" in b
    assert "importo dalla formula = € 1.862,67" in b  # the amount stays in cents


def test_the_scheda_prints_the_same_digits(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, RULES, _comune())
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "A")))))
    # the same figures as explain: 171,875 a month and 7,8125 a day (2.062,50 / 12 / 22)
    assert "€ 171,875 " in page, page
    assert "€ 7,8125 al giorno" in page, page
    assert "€ 7,81 " not in page and "€ 171,88" not in page


TWELFTHS = """\
formato = 2
[atto]
titolo = "Accordo"
tipo_ente = "altro"

[[premi]]
nome = "gennaio"
metodo = "proporzionale"
valutazione = false
fondo = "premio"
quota_fondo = "=1/12"
tempo_parziale = "intero"
fonte = "art. 1"

[[premi]]
nome = "resto"
metodo = "proporzionale"
valutazione = false
fondo = "premio"
quota_fondo = "=11/12"
tempo_parziale = "intero"
fonte = "art. 2"
"""


def _twelfths(ciclope_ente, tmp_path):
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in ("P1", "P2", "P3", "P4")]
    files = one_unit_comune("Azienda", staff, [], '[funds]\npremio = "12000.00"\n')
    return run_declared(ciclope_ente, tmp_path, TWELFTHS, files)


def test_a_quota_that_is_no_whole_hundredth_of_a_percent_multiplies_back(ciclope_ente, tmp_path):
    result = _twelfths(ciclope_ente, tmp_path)
    # 1/12 = 8,3333…%: 12.000 × 1/12 = 1.000,00, four alike 250,00 each; 11/12: 11.000,00, 2.750,00 each
    assert amounts(result) == {p: "3000.00" for p in ("P1", "P2", "P3", "P4")}
    text = _lines(explain(result, "person", "P1"))
    assert "quota del fondo = 8,3333…%" in text
    assert "nota:    quota del fondo 8,3333…% = 1 diviso 12" in text
    assert not any("8,33%" in line for line in text)
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "P1")))))
    # 12.000 × 8,3333…% = 999,996 → the 1.000,00 the split gives (8,33% would give 999,60)
    assert "€ 12.000,00 × 8,3333…% = € 1.000,00" in page
    assert "€ 12.000,00 × 91,6666…% = € 11.000,00" in page
    assert "8,33%" not in page


def test_the_relazione_and_the_workbook_say_the_quota_so(ciclope_ente, tmp_path):
    result = _twelfths(ciclope_ente, tmp_path)
    (tmp_path / "out").mkdir()
    write_reports(result, tmp_path / "out")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", relazione.render(result))))
    # «Parti dei fondi»: 8,3333…% + 91,6666…% (never 8,33% + 91,67%, which sum to 100% but do not multiply back)
    assert "gennaio 8,3333…% € 1.000,00" in text and "resto 91,6666…% € 11.000,00" in text
    book = openpyxl.load_workbook(tmp_path / "out" / "schede.xlsx")
    rows = list(book["Parti dei fondi"].iter_rows())
    header = [c.value for c in rows[0]]
    if "Quota del fondo" not in header:  # a note above the header
        rows = rows[1:]
        header = [c.value for c in rows[0]]
    quota = rows[1][header.index("Quota del fondo")]
    assert quota.number_format == "0.0000%"  # 8,3333% in the cell, the number itself 1/12
    assert abs(quota.value - 1 / 12) < 1e-8


JULY = """\
formato = 2
[atto]
titolo = "Accordo"
tipo_ente = "altro"

[[premi]]
nome = "luglio"
metodo = "formula"
valutazione = false
fondo = "premio"
importo = '=100 € * MESI(16 giorni; "01/07"; "31/07")'
tempo_parziale = "intero"
fonte = "art. 1"
"""


def test_a_zero_of_a_plural_piece_is_said_as_its_value(ciclope_ente, tmp_path):
    files = one_unit_comune("Azienda", [], [], '[funds]\npremio = "1000.00"\n')
    files["people.csv"] = (
        "\n".join(
            [
                STAFF_HEADER + ",assunzione,cessazione",
                "SEG,Segretario,segretario,DIR,com,1,0,false,,,",
                "P1,Anna,dipendente,C,com,1,0,false,SEG,,",
                "P2,Bruno,dipendente,C,com,1,0,false,SEG,,2024-06-30",
            ]
        )
        + "\n"
    )
    result = run_declared(ciclope_ente, tmp_path, JULY, files)
    # P1: 100 × 1 month of July = 100,00; P2 ceased 30/06: 0 months of July, 100 × 0 = 0
    assert {k: amounts(result)[k] for k in ("P1", "P2")} == {"P1": "100.00", "P2": "0.00"}
    note = result.figures["award:P2"].note
    assert note == "nessun importo: i mesi dal 01/07 al 31/07 (un mese conta da 16 giorni di servizio) = 0", note


def test_a_quota_with_a_decimal_comma_hints_at_the_percentage(tmp_path):
    """«quota_fondo = "8,33"» means 8,33%: the hint is «"8,33%"» or 0.0833 (8,33 / 100), never 8.33, which is 833%."""
    [message] = regulation_problems(tmp_path, TWELFTHS.replace('quota_fondo = "=1/12"', 'quota_fondo = "8,33"', 1))
    assert message.endswith(
        'atteso un numero, trovato il testo «8,33»: una quota si scrive come percentuale, quota_fondo = "8,33%", '
        "o come parte di 1 (quota_fondo = 0.0833)"
    ), message
    assert "(8.33)" not in message
