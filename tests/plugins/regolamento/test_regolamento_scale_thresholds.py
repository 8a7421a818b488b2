"""A regulation on a scale of its own (``[punteggio] su = 500``) whose level «oltre la media» starts from a formula,
the year's mean + 1 (the PRAP of Valdarno, an office's blind test of the DAP's agreement): the score compared with a
threshold is read on the regulation's scale, as the threshold is; the computed thresholds and the mean read with two
decimals, as every score; a formula that in the year's data falls below the next level is said. By hand."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import openpyxl

from ciclope.core.reports import html as relazione
from ciclope.core.reports import public, write_reports
from ciclope.core.run.explain import explain

from helpers import one_unit_comune, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Accordo sulla retribuzione di risultato"
tipo_ente = "comune"

[punteggio]
fonte = "art. 3"
su = 500

[livelli]
fonte = "art. 4"
scala = [
  { nome = "eccellente", da = 426 },
  { nome = "oltre la media", da = "=MEDIA.ENTE(punteggio) + 1" },
  { nome = "distinto", da = 351 },
  { nome = "adeguato", da = 0 },
]

[premio]
metodo = "livelli"
fonte = "art. 5"
massimo = "1000.00"
coefficienti = { "eccellente" = 1, "oltre la media" = 0.8, "distinto" = 0.6, "adeguato" = 0 }
"""


def files(points: dict[str, int]) -> dict[str, str]:
    """One card of 500 points each: a person's points of 500 are the card's."""
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in points]
    cards = [f"{pid},SEG,Scheda,Risultati,500,{p}," for pid, p in points.items()]
    return one_unit_comune("Comune di Valdarno", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')


# (470 + 430 + 353 + 339) / 4 = 1.592 / 4 = 398: «oltre la media» from 399, «distinto» from 351 to 398
IN_ORDER = {"S1": 470, "S2": 430, "S3": 353, "S4": 339}


def block(told: str, head: str) -> list[str]:
    """The lines of ``told`` under the figure ``head`` at its own depth (its inputs, not theirs)."""
    lines = told.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip().startswith(head))
    depth = len(lines[start]) - len(lines[start].lstrip()) + 2
    out = []
    for line in lines[start + 1 :]:
        indent = len(line) - len(line.lstrip())
        if indent < depth:
            break
        if indent == depth and line.lstrip().startswith("•"):
            out.append(line.strip())
    return out


def test_the_level_reads_the_points_on_the_regulation_s_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(IN_ORDER))
    # S2: 430 points of 500 (86,00 on 100) ≥ 426 → «eccellente»: 430,00 beside «426», never 86,00
    assert result.scores["S2"].level == "eccellente"
    told = explain(result, "person", "S2")
    assert block(told, "■ Livello di Persona S2") == [
        "• punteggio su 500 = 430,00   (spiegato sopra: Punteggio di Persona S2)",
        "• soglia di «eccellente» = 426,00",
        "• soglia di «oltre la media» = 399,00",
        "• soglia di «distinto» = 351,00",
        "• soglia di «adeguato» = 0,00",
    ]


def test_the_computed_threshold_and_the_mean_have_two_decimals(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(IN_ORDER))
    told = explain(result, "person", "S2")
    # the mean 1.592 / 4 = 398 and the threshold 398 + 1 = 399, as 430,00 is written: «398,00», «399,00»
    assert "■ Soglia del livello «oltre la media» = 399,00" in told
    assert "nota:    soglia dell'anno: 399,00 punti su 500" in told
    assert "• la media del punteggio nell'ente = 398,00" in told
    assert "■ La media del punteggio nell'ente = 398,00" in told
    threshold = result.figures["livelli:soglia:oltre la media"]
    assert threshold.value == Decimal(399)  # results.json keeps the number


def test_a_computed_threshold_below_the_next_level_is_said(ciclope_ente, tmp_path):
    # (470 + 430 + 353 + 100) / 4 = 1.353 / 4 = 338,25: «oltre la media» from 339,25, below «distinto» from 351:
    # S3's 353 reaches «oltre la media» first, nobody can be «distinto»
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files({**IN_ORDER, "S4": 100}))
    assert result.scores["S3"].level == "oltre la media"
    found = [p for p in result.violations if p.rule == "regolamento.soglie"]
    assert [(p.severity, p.message) for p in found] == [
        (
            "warning",
            "con i dati dell'anno la soglia di «oltre la media» (339,25 punti su 500, dalla formula "
            "=MEDIA.ENTE(punteggio) + 1) è sotto quella di «distinto» (351,00 punti su 500), il livello che la segue: "
            "le soglie non sono in ordine decrescente e nessuno può avere «distinto»",
        )
    ]
    assert str(found[0].source) == "Accordo sulla retribuzione di risultato, art. 4"


def test_thresholds_in_order_say_nothing(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(IN_ORDER))
    assert [p.message for p in result.violations if p.rule == "regolamento.soglie"] == []


def page_text(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_the_regulation_s_text_says_the_score_on_its_scale(tmp_path):
    # «su = 500»: the card's score is from 0 to 500 points, the thresholds 426 and 351 with it; not «da 0 a 100»
    text = regulation_text(tmp_path, REGULATION)
    assert "Il punteggio è quello della scheda di valutazione, da 0 a 500." in text
    assert "da 0 a 100" not in text


def test_the_relazione_shows_the_dirigenti_s_points_and_says_the_scale(ciclope_ente, tmp_path):
    data = files(IN_ORDER)
    data["people.csv"] = data["people.csv"].replace("S1,Persona S1,dipendente,C,", "S1,Persona S1,dirigente,DIR,")
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    page = page_text(relazione.render(result))
    # Scheda d: S1, a dirigente, 470 points of 500 (94,00 on 100) beside «eccellente», from 426
    assert "Punteggio individuale (su 500) Livello Esito" in page
    assert "— 470,00 eccellente" in page and "94,00 eccellente" not in page
    reading = (
        "Punteggi individuali in punti su 500, la scala del regolamento, con 2 decimali: così sono scritti le soglie "
        "dei livelli e il punteggio che le raggiunge; la scheda di valutazione li calcola anche su 100 (punti su 500 "
        "× 100 / 500)"
    )
    # the internal page says where it shows the score on 100: the histogram, the evaluators' means
    assert f"{reading}, e su 100 sono i «Punteggi per classe» e le medie dei valutatori;" in page
    assert "Punteggi individuali da 0 a 100" not in page
    assert "Punteggi per classe (su 100)" in page
    public_page = page_text(public.render(result))
    assert f"{reading}; importi" in public_page and "Punteggi individuali da 0 a 100" not in public_page


def test_levels_are_not_called_bands(ciclope_ente, tmp_path):
    # the regulation declares levels ([livelli]), no bands: the premiums by level, never «Fascia»
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(IN_ORDER))
    (tmp_path / "out").mkdir()
    write_reports(result, tmp_path / "out")
    book = openpyxl.load_workbook(tmp_path / "out" / "schede.xlsx", read_only=True)
    assert "Premi per fascia" not in book.sheetnames and "Premi per livello" in book.sheetnames
    by_level = list(book["Premi per livello"].iter_rows(values_only=True))
    assert by_level[0][:2] == ("Fondo", "Livello")
    premi = list(book["Premi"].iter_rows(values_only=True))
    assert "Livello" in premi[0] and "Fascia" not in premi[0]
    page = page_text(relazione.render(result))
    assert "Premi per fondo e livello" in page and "Premi per fondo e fascia" not in page
    assert "Fondo Livello Persone Non pagate" in page
