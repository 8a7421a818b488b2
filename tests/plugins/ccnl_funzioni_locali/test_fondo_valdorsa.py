"""The 2023 fund of a Comune as a blind office constituted it (Comune di Valdorsa, a reconstructed case under the CCNL
Funzioni Locali 16.11.2022: the files beside this test). Every figure was right; each test is one thing the office
read wrong in the documents.

The fund, by hand: stable 38,000.00 + 83.20 × 13 = 1,081.60 + 84.50 × 12 = 1,014.00 + RIA 1,236.48 (left 30/06/2022;
the one who left on 15/03/2023 enters from 2024) + 3,420.00 = 44,752.08; stable cut 2,150.00 → 42,602.08; variable
4,920.00 + 791.09 + 6,300.00 + 640.00 = 12,651.09; the year's cut for the limit 860.00; fund 42,602.08 + 12,651.09 −
860.00 = 54,393.17.
"""

from __future__ import annotations

import html
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import fund_case, run_cycle

CASE = Path(__file__).parent / "valdorsa"


def run(tmp_path: Path, fondo: str | None = None):
    return fund_case(CASE, tmp_path, "comune-valdorsa", fondo)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    return run(tmp_path_factory.mktemp("anno"))


def rows(result, key: str) -> dict[str, Decimal]:
    [check] = [c for c in result.fund.checks if c.key == key]
    return dict(check.rows)


def test_the_stable_resources_left_by_the_fixed_payments_are_net_of_the_stable_cuts_only(year):
    residual = rows(year, "residuo")
    # the year's cut for the limit (860.00) is no cut of the stable part (docs/fondo.md §3): it is not carried, so
    # the stable resources are 44,752.08 − 2,150.00 = 42,602.08, not 42,602.08 − 860.00 = 41,742.08
    assert residual["Risorse stabili al netto delle decurtazioni stabili"] == Decimal("42602.08")
    # fixed payments 9,850.00 + 4,210.56 = 14,060.56; left 42,602.08 − 14,060.56 = 28,541.52
    assert residual["Trattamenti fissi a carico delle risorse stabili"] == Decimal("-14060.56")
    assert residual["Risorse stabili non impegnate dai trattamenti fissi"] == Decimal("28541.52")
    # the residual 54,393.17 − 49,760.56 = 4,632.61 ≤ 28,541.52 returns whole
    assert residual["Torna nel fondo del 2024 come risorsa variabile"] == Decimal("4632.61")


def test_the_limit_exceeded_is_said_at_the_first_resource_the_ente_decided_not_at_a_stable_cut(tmp_path):
    fondo = (CASE / "comune-valdorsa" / "fondo.csv").read_text(encoding="utf-8")
    over = "".join(line for line in fondo.splitlines(keepends=True) if not line.startswith("decurtazione_limite,"))
    assert over != fondo
    result = run(tmp_path, over)
    [problem] = [p for p in result.violations if p.rule == "ccnl.fondo.limite"]
    # in the limit: 38,000.00 − 2,150.00 + 4,920.00 = 40,770.00 and the EQ 14,500.00: 55,270.00 > 54,410.00 by 860.00
    assert "fanno € 55.270,00, che supera di € 860,00 il limite dell'anno (€ 54.410,00" in problem.message
    # the stable cut (row 8) is an act of the ente too, but raising it is no way to keep the year's limit (it is
    # carried for good): the error is at the first resource in the limit the ente decides, variabile_1_2 (row 10)
    assert (problem.file, problem.row, problem.column) == ("fondo.csv", 10, "importo")


def ria(result):
    [line] = [x for x in result.fund.constitution if x.key == "item:ria_cessati"]
    return line


def test_the_ria_of_someone_who_left_in_the_fund_s_year_is_said_left_out_where_the_ria_is_listed(year):
    line = ria(year)
    # row 5 (left 30/06/2022) is counted whole: 1,236.48; row 6 (left 15/03/2023) enters from the 2024 fund
    assert line.amount == Decimal("1236.48")
    assert (
        "non conta la RIA di 1 persona cessata nel 2023, che entra stabilmente dal fondo del 2024 "
        "(per i mesi del 2023: ratei di RIA, tra le risorse variabili)" in line.note
    )
    # one person's amount is never shown: 890,00 appears nowhere
    assert "890" not in line.note


def test_the_ria_note_of_a_2023_fund_cites_no_spreadsheet_of_the_2026_fund(year):
    note = ria(year).note
    assert "2026" not in note
    assert note.startswith("fuori dal limite per la lettura adottata (fonte secondaria)")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The documents of ``ciclope run --no-store``, as the office ran it."""
    folder = tmp_path_factory.mktemp("pubblicati") / "valdorsa"
    shutil.copytree(CASE, folder)
    return run_cycle(folder / "cycle.toml") / "comune-valdorsa"


def test_without_the_previous_year_the_documents_say_what_is_missing_in_the_reader_s_words(published):
    revisore = html.unescape((published / "relazione-tecnico-finanziaria.html").read_text(encoding="utf-8"))
    public = html.unescape((published / "relazione-pubblica.html").read_text(encoding="utf-8"))
    # Modulo III: the revisore reads why the fund of 2022 is missing (the archive was not read for the document) and
    # what makes the comparison, never the command that ran the program
    assert (
        "<p class=\"note\">Confronto con l'anno precedente non disponibile: questo documento è stato prodotto senza "
        "leggere l'archivio dei risultati, che conserva il fondo calcolato di ogni anno. Prodotto con l'archivio, il "
        "Modulo III confronta il fondo con quello dell'anno precedente, se anche quello è stato calcolato con questo "
        "strumento.</p>" in revisore
    )
    assert "Nessuno storico disponibile: i risultati degli anni precedenti non sono disponibili" in public
    assert "archivio dei risultati" not in public
    for text in (revisore, public):
        assert "--no-store" not in text and "esecuzione" not in text


def test_a_merged_outcome_says_that_the_excluded_for_a_personal_reason_are_counted_at_their_evaluation(published):
    public = html.unescape((published / "relazione-pubblica.html").read_text(encoding="utf-8"))
    # 10 staff: 8 paid «valutato», D07 (75 points, 200 days of absence: excluded from pay) counted at the outcome of
    # the evaluation, «valutato» (rules/core.md §6: an absence is never a class), D08 (58 < 60) «escluso per
    # punteggio sotto il minimo»; 8 + 1 + 1 = 10, of whom 2 not paid: the whole group, no outcome listed
    assert "<td>tutti gli esiti, uniti per la riservatezza</td><td class=\"num\">10</td>" in public
    assert (
        "Chi è escluso dal premio per una ragione personale (assenze, sanzioni) è contato all'esito della sua "
        "valutazione e tra le persone non pagate, senza dirne la ragione." in public
    )


def test_a_fund_whose_only_ria_enters_next_year_still_lists_the_ria_saying_so(tmp_path):
    fondo = (CASE / "comune-valdorsa" / "fondo.csv").read_text(encoding="utf-8")
    later = "".join(line for line in fondo.splitlines(keepends=True) if "30/06/2022" not in line)
    assert later != fondo
    result = run(tmp_path, later)
    line = ria(result)
    # nothing counted (the only leave is of 15/03/2023): the line is 0,00, and says why
    assert line.amount == Decimal("0")
    assert "non conta la RIA di 1 persona cessata nel 2023, che entra stabilmente dal fondo del 2024" in line.note
    # the stable resources lose the 1,236.48 of the row taken out: 44,752.08 − 1,236.48 = 43,515.60
    stable = sum((x.amount for x in result.fund.constitution if x.section == "stabile"), Decimal(0))
    assert stable == Decimal("43515.60")
