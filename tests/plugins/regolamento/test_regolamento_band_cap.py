"""A band formula capping the top level at 30% of the evaluated (a CCDI of an Unione di comuni, art. 6 c. 2: «nella
fascia A non più del 30% del personale valutato, per difetto; gli eccedenti, in ordine di punteggio, nella fascia
B»): who is moved down by the cap is told why, with the limit the formula computed and the regulation's note."""

from __future__ import annotations

import html
import re

from ciclope.core import fmt
from ciclope.core.run.explain import show
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo dell'Unione di Prova"
sigla = "CCDI"
tipo_ente = "unione"

[livelli]
fonte = "art. 6 c. 1"
scala = [{ nome = "fascia A", da = 90 }, { nome = "fascia B", da = 75 }, { nome = "fascia C", da = 60 }]
formula = '=SE(E(LIVELLO(punteggio) = "fascia A"; RANGO.ENTE(punteggio) > ARROTONDA.PER.DIF(CONTA.ENTE() * 3 / 10; 0)); "fascia B"; LIVELLO(punteggio))'
nota = "art. 6 c. 2: nella fascia A non più del 30% del personale valutato, per difetto"

[[premi]]
nome = "performance individuale"
metodo = "livelli"
quota_fondo = 1
coefficienti = { "fascia A" = 1, "fascia B" = 0.8, "fascia C" = 0.6 }
fonte = "art. 7"
"""
# ten people: D01 97,20 … D10 58,50, listed out of order as an office writes them
POINTS = {
    "D01": "97.2",
    "D02": "94.4",
    "D03": "93",
    "D04": "93.5",
    "D05": "86.5",
    "D10": "58.5",
    "D06": "80",
    "D07": "85.6",
    "D08": "76.5",
    "D09": "73",
}


def unione(ciclope_ente, tmp_path):
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in POINTS]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in POINTS.items()]
    data = one_unit_comune("Unione di Prova", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    return run_declared(ciclope_ente, tmp_path, REGULATION, data)


def test_the_one_moved_down_by_the_cap_is_told_the_limit_and_the_rule(ciclope_ente, tmp_path):
    result = unione(ciclope_ente, tmp_path)
    # 10 scored, ⌊10 × 3 / 10⌋ = 3 places in «fascia A»: D01 97,20 (1st), D02 94,40 (2nd), D04 93,50 (3rd); D03
    # 93,00 is 4th: its points reach «fascia A» (≥ 90) but 4 > 3 puts it in «fascia B»
    assert [p for p in POINTS if result.scores[p].level == "fascia A"] == ["D01", "D02", "D04"]
    assert result.scores["D03"].level == "fascia B"
    level = result.figures["level:D03"]
    assert level.note == (
        "il punteggio (93,00 punti) raggiunge «fascia A», ma la formula del livello dà «fascia B»; "
        "art. 6 c. 2: nella fascia A non più del 30% del personale valutato, per difetto"
    )
    read = {i.name: i.value for i in level.inputs}
    # the limit the formula computed, not only the place (4) and the head count (10): ⌊10 × 3 / 10⌋ = 3
    assert read["il numero delle persone nell'ente × 3 diviso 10 arrotondato per difetto all'unità"] == 3
    assert read["la posizione nell'ente per il punteggio (1 la più alta)"] == 4
    # D01's points and the formula agree: nothing to say
    assert result.figures["level:D01"].note == ""


def test_the_scheda_says_why_the_level_is_not_the_one_the_points_reach(ciclope_ente, tmp_path):
    result = unione(ciclope_ente, tmp_path)
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "D03")))))
    assert (
        "Livello «fascia B» attribuito secondo il regolamento: il punteggio (93,00 punti) raggiunge «fascia A», ma "
        "la formula del livello dà «fascia B»; art. 6 c. 2: nella fascia A non più del 30% del personale valutato, "
        "per difetto (CCDI, art. 6 c. 1). Esito: valutato." in page
    )


def test_the_premi_sheet_says_why_one_below_every_level_is_paid_nothing(ciclope_ente, tmp_path):
    from ciclope.core.reports.sheets import awards

    result = unione(ciclope_ente, tmp_path)
    table = awards(result, lambda pid: "valutato")
    rows = {row[0]: row for row in table.rows if row[0] in POINTS}
    # D10 58,50 < 60, the threshold of «fascia C»: no level, coefficient 0, € 0,00; the Motivo is that reason, not
    # the formula of the part's fund («fondo × quota del fondo»), cited by the premium's article (art. 7)
    assert rows["D10"][-3:] == (
        0,
        "valutato",
        "il punteggio non raggiunge nessun livello, e il coefficiente è 0, CCDI, art. 7",
    )


def test_the_people_ranked_are_listed_by_place_with_their_scores(ciclope_ente, tmp_path):
    result = unione(ciclope_ente, tmp_path)
    level = result.figures["level:D03"]
    ranked = result.figures[next(i.ref for i in level.inputs if i.name.startswith("la posizione nell'ente"))]
    # the highest first (97,20 > 94,40 > 93,50 > 93,00 > 86,50 > 85,60 > 80,00 > 76,50 > 73,00 > 58,50), each
    # score with two decimals as in the person's own explanation; before: the file's order, «97,2», «93»
    assert [(i.name, show(i.value, "")) for i in ranked.inputs] == [
        ("Persona D01 (D01)", "97,20"),
        ("Persona D02 (D02)", "94,40"),
        ("Persona D04 (D04)", "93,50"),
        ("Persona D03 (D03)", "93,00"),
        ("Persona D05 (D05)", "86,50"),
        ("Persona D07 (D07)", "85,60"),
        ("Persona D06 (D06)", "80,00"),
        ("Persona D08 (D08)", "76,50"),
        ("Persona D09 (D09)", "73,00"),
        ("Persona D10 (D10)", "58,50"),
    ]
    assert all(isinstance(i.value, fmt.Points) for i in ranked.inputs)


def test_a_fund_named_with_its_article_is_not_put_in_parentheses_twice(ciclope_ente, tmp_path):
    import attrs

    result = unione(ciclope_ente, tmp_path)
    scheda = build(result, "D01")
    # the fund of the national maggiorazione is named with its article: «Maggiorazione del premio individuale (art. 81
    # CCNL Funzioni Locali 16.11.2022)»; before: «premio (Maggiorazione … (art. 81 … 16.11.2022))»
    art81 = "Maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022)"
    scheda = attrs.evolve(scheda, payments=(attrs.evolve(scheda.payments[0], pool=art81),))
    page = html.unescape(render(scheda))
    assert f"— premio: {art81}</p>" in page and "))" not in page
    assert "— premio (Premi per la performance individuale)</p>" in html.unescape(render(build(result, "D01")))
