"""The readers of a person evaluated by two evaluators for parts of the year (valutatori.csv): the scheda personale
shows each evaluator's card with its period and score, the mean with its numbers, and both evaluators to sign; the
workbook's «Valutazioni individuali» names both with their periods, and each evaluator's statistics on the
«Valutatori» sheet count the card they wrote."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from ciclope.core.reports import sheets, stats
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import TRANSFER_CARDS, TRANSFER_PERIODS, TRANSFER_STAFF, one_unit_comune

STAFF = [*TRANSFER_STAFF, "P2,Luca Bruni,dipendente,C,com,1,0,false,D1"]
CARDS = [*TRANSFER_CARDS, "P2,D1,Scheda,Risultati,60,60,", "P2,D1,Scheda,Comportamenti,40,40,"]


def result_of(ciclope_ente):
    data = one_unit_comune("Comune di Prova", STAFF, CARDS, '[funds]\nperformance_individuale = "1000.00"\n')
    data["valutatori.csv"] = TRANSFER_PERIODS
    return ciclope_ente("regolamento", data, year=2024)


def text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_scheda_shows_each_card_the_mean_and_both_evaluators(ciclope_ente):
    result = result_of(ciclope_ente)
    said = text(render(build(result, "P1")))
    # D1: 100 × (48 + 32) / 100 = 80,00 (182 days); D2: 100 × (54 + 36) / 100 = 90,00 (184 days);
    # (80 × 182 + 90 × 184) / 366 = 31.120 / 366 = 85,02732… → 85,03, its four decimals said beside it
    assert (
        "Scheda di Anna Russo, dal 01/01/2024 al 30/06/2024 (182 giorni) Sezione Voce Punti massimi Peso Punti Note "
        "Scheda Risultati 60 — 48 Scheda Comportamenti 40 — 32 Punteggio della scheda: 80,00 su 100. "
        "Scheda di Ciro Esposito, dal 01/07/2024 al 31/12/2024 (184 giorni)"
    ) in said
    assert (
        "Punteggio della scheda: 90,00 su 100. Punteggio delle schede: 85,03 su 100, media delle valutazioni in "
        "proporzione ai giorni di ciascun periodo: (80,00 × 182 + 90,00 × 184) / 366 (esatto 85,0273…, arrotondato a "
        "due decimali)."
    ) in said
    assert (
        "Il valutatore dal 01/01/2024 al 30/06/2024 Anna Russo Il valutatore dal 01/07/2024 al 31/12/2024 Ciro "
        "Esposito La persona valutata, per presa visione Paola Neri"
    ) in said
    # a card of one evaluator is as it was: one table, one signature
    other = text(render(build(result, "P2")))
    assert "Punteggio della scheda: 100,00 su 100." in other and "Il valutatore Anna Russo La persona" in other


def test_the_workbook_names_both_evaluators_and_each_counts_their_card(ciclope_ente):
    result = result_of(ciclope_ente)
    table = sheets.scores(result, result.status_of)
    row = next(r for r in table.rows if r[0] == "P1")
    assert row[5] == "Anna Russo (D1) dal 01/01/2024 al 30/06/2024; Ciro Esposito (D2) dal 01/07/2024 al 31/12/2024"
    assert row[6] == Decimal("85.03")
    found = {e.id: (e.count, e.mean) for e in stats.evaluators(result)[0]}
    # D1 judged P1 80,00 and P2 100 × 100 / 100 = 100,00: mean 90,00; D2 judged P1 only, 90,00 (never the mean 85,03)
    assert found["D1"] == (2, Decimal("90.00"))
    assert found["D2"] == (1, Decimal("90.00"))


def test_explain_names_both_evaluators_with_their_periods(tmp_path):
    from ciclope.core.testing import write_ente

    from helpers import ciclope

    data = one_unit_comune("Comune di Prova", STAFF, CARDS, '[funds]\nperformance_individuale = "1000.00"\n')
    data["valutatori.csv"] = TRANSFER_PERIODS
    write_ente(tmp_path / "com", data)
    (tmp_path / "cycle.toml").write_text(
        '[cycle]\nyear = 2024\noutput = "out"\n\n[[ente]]\nid = "com"\nplugin = "regolamento"\ndata = "com"\n'
    )
    done = ciclope("explain", tmp_path / "cycle.toml", "--person", "P1")
    assert done.returncode == 0, done.stderr
    assert (
        "unità Comune (com) · valutatori Anna Russo (D1) dal 01/01/2024 al 30/06/2024; Ciro Esposito (D2) dal "
        "01/07/2024 al 31/12/2024 · tempo lavorato 100%"
    ) in done.stdout
    # each card under the mean: its evaluator, period, days and score, then its items
    assert (
        "• scheda di Anna Russo (D1), dal 01/01/2024 al 30/06/2024 (182 giorni) = 80,00 punti" in done.stdout
        and "• scheda di Ciro Esposito (D2), dal 01/07/2024 al 31/12/2024 (184 giorni) = 90,00 punti" in done.stdout
    )
    assert (
        "formula: media delle valutazioni in proporzione ai giorni di ciascun periodo: Σ(punteggio della scheda × "
        "giorni) / Σ giorni" in done.stdout
    )
