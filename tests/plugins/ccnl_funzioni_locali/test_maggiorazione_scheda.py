"""The maggiorazione of the premio individuale (art. 81 CCNL 16.11.2022) on a person's scheda: said without a
colleague's name or score, with the article Italian gives a count, and never as money «non pagato» to someone paid;
a part's fund cut by its set-aside says the whole fund and what was set aside before the part's share."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from test_national import PARI_CYCLE, pari_of

from ciclope.core import fmt
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import Line, build
from ciclope.core.schede.render import render

MAGGIORAZIONE = "Maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022)"


def comune(tmp_path: Path, points: list[int]):
    """The Comune of test_national's tie at the cut: these points, a budget of 10.000,00 €, the maggiorazione for 10%."""
    return pari_of(tmp_path, points)


def test_a_tie_at_the_cut_is_said_on_the_scheda_without_the_colleague(tmp_path):
    # ten people, A1 and A2 both 95 for the one place (floor(10% × 10) = 1): both out. Each is paid the premio
    # individuale (budget 1.000 × 95 / 100 = 950,00): the scheda says the maggiorazione does not apply, with the tie
    # but never the other one's name or code
    result = comune(tmp_path, [95, 95, 90, 88, 86, 84, 82, 80, 78, 76])
    scheda = build(result, "A2")
    assert len(scheda.refused) == 1
    line = scheda.refused[0]
    assert line.startswith(
        f"{MAGGIORAZIONE}: non spetta — pari merito al limite della quota con un'altra persona di pari punteggio, "
        "per 1 posto; escluse tutte (punteggio = 95,00 punti; graduatoria = unica dell'ente)."
    )
    assert "Persona 1" not in render(scheda) and "(A1)" not in render(scheda)
    assert "<h3>Non pagato</h3>" not in render(scheda)  # paid 950,00: nothing of theirs is unpaid
    # explain, the office's tool, names both
    text = explain(result, "person", "A2")
    assert text is not None and "Persona 1 (A1) e Persona 2 (A2)" in text


def test_a_count_has_the_article_italian_gives_it(tmp_path):
    assert [fmt.the_count(n) for n in (2, 3, 8, 11, 18, 80, 800, 10, 110)] == [
        "i 2", "i 3", "gli 8", "gli 11", "i 18", "gli 80", "gli 800", "i 10", "i 110",
    ]  # fmt: skip
    # eleven people all paid, A2 second of them: floor(10% × 11) = 1 place, A1's
    result = comune(tmp_path, [95, 94, 90, 88, 86, 84, 82, 80, 78, 76, 74])
    (line,) = build(result, "A2").refused
    assert "non spetta — è al 2° posto per punteggio tra gli 11 che ricevono il premio individuale" in line
    assert "(A2)" not in line and "Persona 2" not in line  # their own scheda: never their name and code again


TWO_PARTS = """\
formato = 2
[atto]
titolo = "CCDI del Comune di Pari"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "base"
metodo = "proporzionale"
quota_fondo = "80%"
fonte = "art. 5"

[[premi]]
nome = "eccellenza"
metodo = "proporzionale"
quota_fondo = "20%"
ammesso = "=punteggio >= 85"
fonte = "art. 6"
"""
ART81 = (
    "art. 81 CCNL Funzioni Locali 16.11.2022; già art. 69 CCNL 21.5.2018; orientamento applicativo ARAN CFL126 "
    "(fonte secondaria)"
)


def two_parts(tmp_path: Path):
    """Ten employees A1…A10 (95, 90, 88 … 74 points) of the Comune of :func:`pari_of`, whose fund of 10.000,00 € is
    split in two parts, «base» (80%) and «eccellenza» (20%, from 85 points), with the maggiorazione for 10%."""
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute
    from ciclope.core.testing import write_ente

    from helpers import one_unit_comune

    points = [95, 90, 88, 86, 84, 82, 80, 78, 76, 74]
    staff = [f"A{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 11)]
    cards = [f"A{i},SEG,scheda,Valutazione complessiva,100,{p}," for i, p in enumerate(points, start=1)]
    tail = '[funds]\nperformance_individuale = "10000.00"\n'
    write_ente(tmp_path / "pari", one_unit_comune("Comune di Pari", staff, cards, tail))
    (tmp_path / "smvp.toml").write_text(TWO_PARTS, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(PARI_CYCLE, encoding="utf-8")
    plan = load_config(tmp_path / "cycle.toml")
    return compute(plan.enti[0], plan.year)


def test_a_part_s_fund_says_what_the_maggiorazione_took_from_the_whole_fund(tmp_path):
    result = two_parts(tmp_path)
    # the parts pay the whole fund to the ten: mean 10.000 / 10 = 1.000,00, M = 30% × 1.000 = 300,00 to the 1 place
    # (floor(10% × 10)), A1; set aside 300,00 from the fund: 9.700,00, then «base» 9.700 × 80% = 7.760,00 and
    # «eccellenza» 9.700 × 20% = 1.940,00. A7 (80 points) is paid «base» alone: 7.760 × 80 / 833 (95 + 90 + 88 + 86
    # + 84 + 82 + 80 + 78 + 76 + 74) = 745,258… → 745,26
    assert result.rewards.awards["A7"].amount == Decimal("745.26")
    whole = Line("fondo: € 10.000,00 − € 300,00 accantonati per la maggiorazione", "€ 9.700,00", ART81)
    base = Line("fondo della parte «base»", "€ 9.700,00 × 80% = € 7.760,00")
    (payment,) = build(result, "A7").payments
    assert payment.steps[:2] == (whole, base)  # the fund, what was set aside and why, then the part's share
    # A3 (88) is paid both parts: each part's table says the same of its own share
    (both,) = build(result, "A3").payments
    excellence = Line("fondo della parte «eccellenza»", "€ 9.700,00 × 20% = € 1.940,00")
    assert [part.steps[:2] for part in both.parts] == [(whole, base), (whole, excellence)]
