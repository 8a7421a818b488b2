"""The pages of an ARPA as a blind office put it in from the user docs (ARPA Valtaro, 2025: the files beside this
test): the comparto's premialità in two parts from a fund keyed without its accent, the dirigenti's result pay by
retribuzione di posizione × punteggio, an interim, and P08 who left on 31/08. Each test is one thing the office read
wrong on a page.

By hand: P08 (C, full time, 40 days of absence, left 31/08/2025) has 243 days of service (31 + 28 + 31 + 30 + 31 +
30 + 31 + 31); the absences past 30 are 40 − 30 = 10 days, so (1 − 10 / 243) = 233 / 243 = 0,958847…
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from helpers import ciclope, run_cycle

CASE = Path(__file__).parent / "arpa_valtaro"


def text_of(page: Path) -> str:
    inline = re.sub(r"</?(b|span|strong|em)[^>]*>", "", page.read_text(encoding="utf-8"))
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("arpa") / "arpa"
    shutil.copytree(CASE, folder)
    results = run_cycle(folder / "cycle.toml")
    done = ciclope("schede-personali", results / "arpa-valtaro", "--solo-html", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


def scheda(out: Path, pid: str) -> str:
    [page] = out.glob(f"**/schede-personali/arpa-valtaro/{pid}.html")
    return text_of(page)


def test_a_group_of_merged_outcomes_names_no_outcome_on_the_page_and_in_the_csv(out):
    # no levels: the 4 dirigenti (D4 under the minimum) and the 10 of the personale (P10 under the minimum, P09
    # excluded by a condition of the regolamento, counted unnamed) are each one row, the whole group
    page = text_of(out / "out" / "arpa-valtaro" / "relazione-pubblica.html")
    csv = (out / "out" / "arpa-valtaro" / "trasparenza.csv").read_text(encoding="utf-8-sig")
    assert "esiti «" not in page and "esiti «" not in csv
    assert "dirigenti tutti gli esiti, uniti per la riservatezza 4" in page
    assert "personale tutti gli esiti, uniti per la riservatezza 10" in page
    assert ";personale;tutti gli esiti, uniti per la riservatezza;10;" in csv


def test_a_sum_of_position_pay_times_points_is_a_number_not_euro(out):
    # 30.000,00 × 92 = 2.760.000; 24.000,00 × 88 = 2.112.000; 13.610,96 × 80 = 1.088.876,80; D4 (55) under 60:
    # 2.760.000 + 2.112.000 + 1.088.876,80 = 5.960.876,80, a weight in euro × punti, never € 5.960.876,80
    text = scheda(out, "D1")
    assert "almeno 60 5.960.876,80 importo secondo la formula del regolamento" in text
    assert "€ 5.960.876,80" not in text
    explained = ciclope("explain", "cycle.toml", "--person", "D1", cwd=out).stdout
    assert "almeno 60 = 5.960.876,80" in explained and "€ 5.960.876,80" not in explained
    assert "Marta Ferrandi (D1) = 2.760.000,00" in explained and "€ 2.760.000,00" not in explained


def test_each_input_of_a_part_is_one_row_of_the_scheda(out):
    text = scheda(out, "P08")
    # two parts, each with its table: the leaving date and the 243 days once in each
    assert text.count("data di cessazione 31/08/2025") == 2
    assert len(re.findall(r"giorni di servizio nell'anno 243", text)) == 2


def test_the_weights_of_both_parts_read_alike_and_days_say_their_unit(out):
    text = scheda(out, "P08")
    # organizzativa: 100% × 233/243 = 0,9588477… → 0,958848; individuale (86 points: 0,8) × 233/243 = 0,7670781…
    assert "peso secondo la formula del regolamento 0,958848" in text
    assert "peso secondo la formula del regolamento 0,767078" in text
    assert "95,88%" not in text
    assert "il maggiore tra i giorni di assenza meno 30 giorni e 0 giorni 10 giorni" in text


def test_an_organ_is_named_without_its_code(out):
    page = text_of(out / "out" / "arpa-valtaro" / "relazione.html")
    assert "Organismo indipendente di valutazione 1 92,00" in page
    assert "(oiv)" not in page
    explained = ciclope("explain", "cycle.toml", "--person", "D1", cwd=out).stdout
    assert "valutatore Organismo indipendente di valutazione ·" in explained and "(oiv)" not in explained


def test_a_fund_keyed_without_its_accent_is_named_with_it(out):
    texts = [
        text_of(out / "out" / "arpa-valtaro" / "relazione-pubblica.html"),
        text_of(out / "out" / "arpa-valtaro" / "relazione.html"),
        (out / "out" / "arpa-valtaro" / "trasparenza.csv").read_text(encoding="utf-8-sig"),
        scheda(out, "P01"),
    ]
    for text in texts:
        assert "premialita" not in text.lower()
        assert "Fondo premialità comparto" in text
