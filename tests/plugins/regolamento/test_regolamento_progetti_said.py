"""Progetti obiettivo as a blind office read them (Comune di Castel Pieve, 2024, the files beside this test, in
castelpieve/): three projects paid by ``quota_fondo = SE(OBIETTIVO("Pn") >= 60%; OBIETTIVO("Pn"); 0%)``, weights
``punteggio × partecipazione × MESI(16 giorni; inizio; "31/12")``. Every figure by hand:

P1 reached 100%: fund 3.000,00 × 100% = 3.000,00; weights D03 78 × 30% × 12 = 280,8, D06 90 × 100% × 12 = 1.080,
D07 1.080, D08 80 × 100% × 7 (10/06 → June has 21 days in the project, a month from 16) = 560; Σ = 3.000,8.
P2 reached 85%: fund 4.000,00 × 85% = 3.400,00, 600,00 not distributed.
P3 reached 50%, below 60%: its quota is 0%, fund 2.000,00 × 0% = 0,00; D03 weight 78 × 50% × 12 = 468, D06
90 × 50% × 12 = 540, D11 82 × 20% × 10 = 164, Σ = 1.172; nobody paid, 2.000,00 not distributed.
D10 (fixed-term from 01/08, 5 months) is excluded by art. 1 c. 2.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from helpers import ciclope, run_cycle

CASE = Path(__file__).parent / "castelpieve"


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("castelpieve") / "caso"
    shutil.copytree(CASE, folder)
    return folder / "cycle.toml"


@pytest.fixture(scope="module")
def out(case) -> Path:
    return run_cycle(case) / "castel-pieve"


@pytest.fixture(scope="module")
def scheda(out, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("schede")
    done = ciclope("schede-personali", out, "--persona", "D03", "--out", folder, "--solo-html")
    assert done.returncode == 0, done.stderr
    page = (folder / "D03.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def explained(case: Path, *args: str) -> str:
    done = ciclope("explain", case, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def block(text: str, title: str) -> str:
    """The scheda's text of the payment of ``title`` up to the next one."""
    start = text.index(f"premio ({title})")
    end = text.find("— premio (", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_the_scheda_says_why_a_project_of_zero_pays_nothing(scheda):
    p3 = block(scheda, "Fondo progetto P3")
    # the quota's own reason, from its formula: 50,00% < 60% → SE gives 0%
    assert "la quota del fondo è 0%" in p3
    assert "è meno di 60%" in p3 and "50,00%" in p3
    # nothing withheld that is zero: the part's fund 2.000,00 × 0% = 0,00 is shown
    assert "€ 2.000,00 × 0% = € 0,00" in p3
    assert "fondo della parte «progetto P3 – Recupero evasione TARI»»" not in p3  # never in «Non sono mostrati»


def test_the_scheda_shows_a_part_fund_before_and_after_its_quota(scheda):
    # 4.000,00 × 85% = 3.400,00 (P2 reached 85%); P1 3.000,00 × 100% = 3.000,00
    assert "€ 4.000,00 × 85% = € 3.400,00" in block(scheda, "Fondo progetto P2")
    assert "€ 3.000,00 × 100% = € 3.000,00" in block(scheda, "Fondo progetto P1")


def test_the_premi_sheet_says_why_p3_is_zero(out):
    rows = _premi_rows(out / "schede.xlsx")
    p3 = [r for r in rows if r["Codice"] == "D03" and "P3" in str(r["Fondo"])]
    assert len(p3) == 1
    assert p3[0]["Motivo"].startswith(
        "la quota del fondo è 0%, perché il raggiungimento dell'obiettivo «P3» è meno di 60%"
    )


def _premi_rows(workbook: Path) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    ws = load_workbook(workbook, read_only=True)["Premi"]
    rows = list(ws.iter_rows(values_only=True))
    head = [str(c) for c in rows[0]]
    return [dict(zip(head, (str(c) if c is not None else "" for c in r))) for r in rows[1:] if r[0]]


def test_the_pool_says_the_unpaid_fund_as_the_cut_of_the_quota(case):
    said = explained(case, "--pool", "progetto_p3")
    assert "quota del fondo che nessuna parte prende" not in said
    # 2.000,00 − 0,00 = 2.000,00, all of it the quota's cut
    assert "non distribuito: la quota del fondo della parte «progetto P3 – Recupero evasione TARI» è 0%" in said
    # P2: 4.000,00 × (1 − 85%) = 600,00
    p2 = explained(case, "--pool", "progetto_p2")
    assert (
        "non distribuito: la quota del fondo della parte «progetto P2 – Digitalizzazione pratiche edilizie» è 85%" in p2
    )
    assert "€ 600,00" in p2


def test_weights_have_six_decimals_beside_their_sum(case):
    said = explained(case, "--person", "D08")
    # P1: 80 × 100% × 7 = 560; Σ 280,8 + 1.080 + 1.080 + 560 = 3.000,8
    assert "peso = 560\n" in said and "Σ pesi = 3.000,8\n" in said
    assert "peso = 560,0\n" not in said


def test_months_between_two_dates_are_said_with_both_dates(case):
    said = explained(case, "--person", "D08")
    # MESI(16 giorni; inizio_p1; "31/12"): 10/06/2024 → 31/12/2024, June 21 days ≥ 16 → 7 months
    assert "mesi dal 10/06/2024 al 31/12/2024 (un mese conta da 16 giorni di servizio) = 7" in said
    assert "mesi di servizio dal" not in said


def test_a_place_before_a_vowel_sound_is_elided(case, scheda):
    # D03, 78 points: above are D01 92, D06 90, D07 90, D05 88, D02 85, D11 82, D08 80 → 8th
    assert "è all'8° posto" in scheda
    assert "è all'8° posto" in explained(case, "--person", "D03")
    assert "al 8°" not in scheda


def test_a_yes_no_column_is_said_by_its_meaning(case, out):
    said = explained(case, "--person", "D10")
    # the exclusion's words say the datum by its meaning and its value, once: never again in what it read after them
    reason = next(line for line in said.splitlines() if line.startswith("  perché: escluso dal premio:"))
    assert "la colonna tempo_determinato (il rapporto di lavoro a tempo determinato) dice sì e " in reason
    assert "il rapporto di lavoro a tempo determinato: sì" not in reason
    assert "il rapporto di lavoro a tempo determinato sì" not in said
    assert reason.endswith("mesi di servizio nell'anno (un mese conta da 16 giorni di servizio) 5)")  # not said above
    rows = [r for r in _premi_rows(out / "schede.xlsx") if r["Codice"] == "D10"]
    assert rows and all("tempo_determinato" not in r["Motivo"] for r in rows)
    assert any("«il rapporto di lavoro a tempo determinato»: sì" in r["Motivo"] for r in rows)


def test_a_percentage_not_above_zero_is_zero(case):
    said = explained(case, "--pool", "progetto_p3")
    # 9 people with part_p3 = 0% (all but D03, D06, D11): a percentage is never below 0
    assert "lascia fuori 9 persone: la percentuale di partecipazione al progetto P3 è 0%" in said
    assert "è al più 0%" not in said
