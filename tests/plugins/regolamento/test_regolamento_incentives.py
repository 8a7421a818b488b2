"""A comune's CCDI as a blind tester wrote it (Comune di Roccaverde, 2025, a reconstructed case: the files beside
this test, in roccaverde/): an art. 208 CdS incentive of the Polizia locale paid per hour (``performance =
"nessuna"``: a compenso that is not a premio correlato alla performance), a progetto obiettivo of the anagrafe
(``performance = "organizzativa"``), the performance premium by bands, and the art. 81 CCNL 16.11.2022 maggiorazione
from [ente.nazionale]. Every figure by hand (the tester's own computation).

Art. 10, the incentive: € 20 an hour from 20 hours, fund € 2.000,00, reduced in proportion: due P02 60 h = 1.200,00,
P03 24 h = 480,00, P05 52 h = 1.040,00 (P04, 8 h, is not admitted); Σ 2.720,00 > 2.000,00, so × 2.000 / 2.720:
P02 882,35, P03 352,94, P05 764,71 (Σ 2.000,00).
Art. 11, the project: 2.400 × 85% = 2.040,00 by participation 40 : 35 : 25 — P06 816,00, P07 714,00, P08 510,00.
Art. 12, the premium: fund 12.000,00 split by coefficient × time worked × days of service; 9 people paid (P04 out by
absences, P10 by score). Art. 81: the mean of the individual premium alone, 12.000,00 / 9 = 1.333,33; M = 30% × that
= 400,00 to 10% of the 11 evaluated dipendenti = 1 person, P02 (98 points); the fund is split again on 11.600,00:
P02 1.714,02, P03 685,61, P05 1.714,02, P06 1.714,01, P07 1.142,63, P08 1.033,10, P09 857,01, P11 1.714,01,
P12 1.025,59. Art. 14: P01 (EQ, 92 points) 25% of 9.000,00 = 2.250,00.
"""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ciclope.core.reports import stats
from ciclope.core.schede.content import build
from ciclope.plugins.regolamento.check import fullyear

from helpers import ciclope, computed_case, regulation_problems, regulation_text, run_cycle

CASE = Path(__file__).parent / "roccaverde"


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("roccaverde") / "caso"
    shutil.copytree(CASE, folder)
    return folder / "cycle.toml"


@pytest.fixture(scope="module")
def result(case):
    return computed_case(case)


@pytest.fixture(scope="module")
def out(case) -> Path:
    return run_cycle(case) / "roccaverde"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))


def test_the_maggiorazione_reads_the_individual_premium_alone(result):
    # 12.000,00 / 9 = 1.333,33 (not 16.040,00 / 9 = 1.782,22 with the incentive and the project); M = 30% = 400,00
    assert result.figures["art69:media"].value == Decimal("1333.33")
    assert [i.value for i in result.figures["art69:media"].inputs] == [Decimal("12000.00"), 9]
    assert result.figures["art69:maggiorazione"].value == Decimal("400.00")


def test_each_person_is_paid_as_by_hand(result):
    # P02 882,35 + 1.714,02 + 400,00 = 2.996,37; P03 352,94 + 685,61 = 1.038,55; P05 764,71 + 1.714,02 = 2.478,73;
    # P06 816,00 + 1.714,01 = 2.530,01; P07 714,00 + 1.142,63 = 1.856,63; P08 510,00 + 1.033,10 = 1.543,10
    paid = {pid: str(amount) for pid, amount in result.ledger.per_person(None).items()}
    assert paid == {
        "P01": "2250.00",
        "P02": "2996.37",
        "P03": "1038.55",
        "P04": "0.00",
        "P05": "2478.73",
        "P06": "2530.01",
        "P07": "1856.63",
        "P08": "1543.10",
        "P09": "857.01",
        "P10": "0.00",
        "P11": "1714.01",
        "P12": "1025.59",
    }
    # the money is conserved: 11.600 + 400 + 2.040 (360 left of 2.400) + 2.250 + 2.000 = 18.290,00 of 18.650,00
    assert (result.ledger.distributed, result.ledger.allocated) == (Decimal("18290.00"), Decimal("18650.00"))


def test_the_incentive_is_no_performance_premium(result):
    assert list(result.ledger.incentive_pools) == ["potenziamento_pl"]
    assert "potenziamento_pl" not in result.ledger.performance_pools
    # no band statistics for a payment that reads no evaluation
    assert "potenziamento_pl" not in {b.pool for b in stats.bands(result)}


def test_art20_counts_the_premiums_alone(out):
    ente = {r["Voce"]: r["Valore"] for r in rows(out / "premi-art20.csv") if r["Gruppo"] == "tutto il personale"}
    # stanziati 12.000 (11.600 + 400 set aside) + 2.400 + 2.250 = 16.650,00; distribuiti 11.600 + 400 + 2.040 +
    # 2.250 = 16.290,00: the € 2.000,00 of the incentive in neither; the mean 16.650 / 12 evaluated = 1.387,50
    assert ente["premi stanziati (€)"] == "16650,00"
    assert ente["premi distribuiti (€)"] == "16290,00"
    assert ente["premio medio conseguibile (€)"] == "1387,50"
    staff = {r["Voce"]: r["Valore"] for r in rows(out / "premi-art20.csv") if r["Gruppo"] == "personale"}
    # performance pay alone: the highest P06 816,00 + 1.714,01 = 2.530,01; 90% = 2.277,01, 60% = 1.518,01:
    # 90–100% P06; 60–90% P02 2.114,02, P05 1.714,02, P07 1.856,63, P08 1.543,10, P11 1.714,01;
    # below P03 685,61, P09 857,01, P12 1.025,59; nothing to P04 and P10 (with the incentive P02 3.111,14 was the
    # highest: 1/2/8). P06 alone in the top tier is a tier of 1 (rules/core.md §6: a band of 1–2 people is merged into
    # the next one down, the row saying what it merges): 60–100% = 1 + 5 = 6; below 60% the 3 paid; P04 and P10, paid
    # € 0, are no share of the highest: «senza premio» 2; 6 + 3 + 2 = the 11 evaluated
    tiers = {voce: n for voce, n in staff.items() if voce.startswith("persone ") and voce != "persone valutate"}
    assert tiers == {
        "persone con premio dal 60% al 100% del più alto": "6",
        "persone con premio sotto il 60% del più alto": "3",
        "persone senza premio": "2",
    }
    assert staff["persone valutate"] == "11"


def test_transparency_reports_the_incentive_apart(out):
    table = rows(out / "trasparenza.csv")
    apart = [(r["Voce"], r["Numero di persone"], r["Importo totale (€)"]) for r in table if "Compensi" in r["Sezione"]]
    assert apart[:2] == [("Fondo potenziamento PL: stanziato", "", "2000,00"), ("Fondo potenziamento PL: distribuito",
                                                                                 "3", "2000,00")]  # fmt: skip
    performance = [r["Voce"] for r in table if r["Sezione"] == "Fondi per la performance"]
    assert not any("potenziamento" in v for v in performance)
    # the levels' rows read the performance pay alone: the 7 staff below the first band (merged as published), P03
    # 685,61 + P04 0 + P07 1.856,63 + P08 1.543,10 + P09 857,01 + P10 0 + P12 1.025,59 = 5.967,94 (P03's 352,94 and
    # P04's 0 of the incentive not among them)
    levels = [r for r in table if r["Sezione"] == "Livello di valutazione" and r["Gruppo"] == "personale"]
    assert levels[-1]["Importo totale (€)"] == "5967,94"


def test_the_full_year_warning_names_only_whom_the_part_admits(result):
    said = [p for p in result.violations if p.rule == fullyear.RULE]
    # the incentive (the first part, «premi[1]») admits only the agents of the Polizia locale with 20 hours: neither
    # Davide Gallo (P08, hired 1/4) nor Franco Lombardi (P12, gone 30/9) takes part, so no warning; the project (the
    # second, «premi[2]») admits P08 (25% participation), not P12 (0%): him alone
    assert [p.column for p in said] == ["premi[2]"]
    assert "Davide Gallo (P08)" in said[0].message and "Lombardi" not in said[0].message


def test_a_reduced_amount_says_its_coefficient(result):
    # due 60 h × € 20 = 1.200,00; the fund 2.000,00 over 2.720,00 due: 1.200 × 2.000 / 2.720 = 882,3529… → 882,35
    figure = result.figures["award:P02"]  # the person's first award, the incentive
    assert figure.value == Decimal("882.35")
    assert "€ 1.200,00 × € 2.000,00 / € 2.720,00 = € 882,35" in figure.note
    assert figure.label.startswith("Compenso di Marco Bellini")
    # P05: 1.040 × 2.000 / 2.720 = 764,7058… → 764,70 down, plus the leftover cent (the highest remainder) = 764,71
    assert "€ 1.040,00 × € 2.000,00 / € 2.720,00 = € 764,71" in result.figures["award:P05"].note


def test_the_workbook_says_which_rows_no_evaluation_decides(out):
    wb = load_workbook(out / "schede.xlsx", read_only=True)
    rows = list(wb["Premi"].iter_rows(values_only=True))
    head = rows[0]
    esito = {(r[0], r[head.index("Fondo")]): r[head.index("Esito")] for r in rows[1:] if r[0] != "TOTALE"}
    assert esito["P02", "Fondo potenziamento PL"] == "senza valutazione individuale"
    assert esito["P06", "Fondo progetto anagrafe"] == "senza valutazione individuale"
    assert esito["P02", "Premi per la performance individuale"] == "valutato"
    assert esito["P04", "Premi per la performance individuale"] == "escluso per assenze"


def test_the_regulation_calls_the_incentive_a_compenso(tmp_path):
    text = regulation_text(tmp_path, (CASE / "regolamento.toml").read_text(encoding="utf-8"))
    assert "5. Le parti del premio e dei compensi non collegati alla performance" in text
    assert "Il premio e i compensi non collegati alla performance si pagano in 3 parti" in text
    assert "La parte paga un compenso che non è un premio correlato alla performance" in text
    assert "A tempo parziale il compenso non è ridotto per il tempo lavorato" in text
    assert "parti del premio individuale" not in text
    assert "Le va tutto il Fondo potenziamento PL" in text  # PL, the Polizia locale, in capitals as EQ or PO
    # a part with a condition pays only whom it admits, not «il personale in servizio (i dipendenti), valutato o no»
    assert "è pagata solo a chi, nel personale in servizio (i dipendenti), vi partecipa" in text
    assert "è divisa tra chi, nel personale in servizio (i dipendenti), vi partecipa" in text


def test_an_incentive_has_a_fund_of_its_own(tmp_path):
    text = (CASE / "regolamento.toml").read_text(encoding="utf-8")
    shared = text.replace('fondo = "potenziamento_pl"', 'fondo = "performance_individuale"\nquota_fondo = 0.1', 1)
    shared = shared.replace('fondo = "performance_individuale"\ncoefficienti', 'fondo = "performance_individuale"\n'
                            'quota_fondo = 0.9\ncoefficienti', 1)  # fmt: skip
    found = regulation_problems(tmp_path, shared)
    assert any("un compenso che non lo è («nessuna») ha un fondo suo" in m for m in found), found


def test_explain_says_a_compenso_beside_the_premiums(case):
    done = ciclope("explain", case, "--person", "P02")
    assert done.returncode == 0, done.stderr
    # premiums 1.714,02 + 400,00 = 2.114,02; with the incentive 882,35: 2.996,37
    assert "Compenso: € 882,35 — Fondo potenziamento PL" in done.stdout
    assert "Totale dei premi: € 2.114,02" in done.stdout
    assert "Totale dei premi e del compenso: € 2.996,37" in done.stdout


def test_the_relazione_keeps_the_incentive_among_the_funds_said_so(out):
    text = (out / "relazione.html").read_text(encoding="utf-8")
    # in the money of the ente (Totale (tutti i fondi) € 18.650,00 / € 18.290,00), said a compenso
    assert "Fondo potenziamento PL (compenso non collegato alla performance)" in text
    assert "€ 18.650,00" in text and "€ 18.290,00" in text


def test_the_scheda_says_a_compenso_where_the_part_is_no_premium(result):
    # P02: the art. 208 incentive 60 h × € 20 = 1.200,00, × 2.000 / 2.720 = 882,35, a compenso (performance =
    # "nessuna"); the premium of art. 12 (1.714,02) and the maggiorazione of art. 81 (400,00) stay premiums
    said = {p.amount: p.what for p in build(result, "P02").payments}
    assert said == {"€ 882,35": "compenso", "€ 1.714,02": "premio", "€ 400,00": "premio"}


def test_a_part_whose_fund_is_zero_says_why_it_is_not_paid(tmp_path):
    folder = tmp_path / "caso"
    shutil.copytree(CASE, folder)
    toml = folder / "ente" / "ente.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"2.000,00"', '"0,00"'), encoding="utf-8")
    # P02: 60 h × € 20 = € 1.200,00 due, × € 0,00 / € 2.720,00 = € 0,00: the ente's fondo gives the part nothing
    done = ciclope("explain", folder / "cycle.toml", "--person", "P02")
    assert done.returncode == 0, done.stderr
    why = (
        "Compenso di Marco Bellini — progetto potenziamento polizia locale: nessun importo: la risorsa che paga la "
        "parte non c'è nel fondo dell'ente (Fondo potenziamento PL: € 0,00)"
    )
    assert f"Non pagato:\n  perché: {why}\n" in done.stdout
    assert "il fondo = 0" not in done.stdout
    paid = {p.amount: p.note for p in build(computed_case(folder / "cycle.toml"), "P02").payments}
    assert paid["€ 0,00"].startswith(why.split(": ", 1)[1])
