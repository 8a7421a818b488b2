"""Parts of one fund whose ``quota_fondo`` are formulas reading an achievement, as the Automobile Club's CCI writes
them (30% × the attested performance, 10% × a project's objective, 60%): the scheda and ``ciclope explain --pool`` say
how each part's quota came from its formula, how its amount came to the cent, and what each part does not take of
its nominal share and why. Every figure by hand, with the arithmetic beside it."""

from __future__ import annotations

import html
import re

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo"
tipo_ente = "altro"

[[premi]]
nome = "quantità"
metodo = "proporzionale"
valutazione = false
fondo = "compensi"
quota_fondo = '=30% * SE(OBIETTIVO("OB1") >= 60%; OBIETTIVO("OB1"); 0)'
fonte = "artt. 1-3"

[[premi]]
nome = "progetto"
metodo = "proporzionale"
valutazione = false
fondo = "compensi"
quota_fondo = '=10% * OBIETTIVO("OB1")'
fonte = "art. 4"

[[premi]]
nome = "qualità"
metodo = "proporzionale"
valutazione = false
fondo = "compensi"
quota_fondo = "60%"
fonte = "art. 7"
"""
STAFF = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in ("P1", "P2", "P3")]


def ente(tmp_path, ciclope_ente):
    files = one_unit_comune("Automobile Club", STAFF, [], '[funds]\ncompensi = "14059.00"\n')
    # the one indicator at 8,5 of 10: the objective OB1 is achieved at 85%
    files["indicators.csv"] = files["indicators.csv"].replace("higher,,,10,10,", "higher,,,10,8.5,")
    return run_declared(ciclope_ente, tmp_path, REGULATION, files)


def page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def test_a_part_fund_says_its_quota_formula_and_how_it_came_to_the_cent(ciclope_ente, tmp_path):
    result = ente(tmp_path, ciclope_ente)
    # quotas: 30% × 85% = 25,5%; 10% × 85% = 8,5%; 60%; no part takes 100 − 25,5 − 8,5 − 60 = 6%
    # exact: 14.059 × 25,5% = 3.585,045; × 8,5% = 1.195,015; × 60% = 8.435,40; × 6% = 843,54
    # down to the cent 3.585,04 + 1.195,01 + 8.435,40 + 843,54 = 14.058,99: one cent left, the remainders of
    # «quantità» and «progetto» equal (half a cent): it goes to the part written first, «quantità» (3.585,05)
    # three of equal weight: quantità 3.585,05 / 3 = 1.195,0166…, 1.195,01 each and 0,02 left, to P1 and P2 by code;
    # progetto 1.195,01 / 3 = 398,3366…, 398,33 each and 0,02 left, to P1 and P2; qualità 8.435,40 / 3 = 2.811,80
    # P1 = P2 = 1.195,02 + 398,34 + 2.811,80 = 4.405,16; P3 = 1.195,01 + 398,33 + 2.811,80 = 4.405,14
    assert amounts(result) == {"P1": "4405.16", "P2": "4405.16", "P3": "4405.14"}
    pool = explain(result, "pool", "compensi")
    assert pool is not None
    assert (
        "importo esatto € 1.195,0150: € 1.195,01 al centesimo per difetto: a parità di resto il centesimo va alla "
        "parte scritta prima" in pool
    )
    assert (
        "importo esatto € 3.585,0450: € 3.585,04 al centesimo per difetto, più un centesimo: i centesimi che "
        "l'arrotondamento lascia vanno ai resti più alti" in pool
    )
    scheda = page(result, "P3")
    # the quota's formula, in words, with the value it read: 25,50% is 30% × the objective's 85%
    assert "€ 14.059,00 × 25,50% = € 3.585,05" in scheda
    assert "quota del fondo 25,50% = 30% × (se il raggiungimento dell'obiettivo" in scheda
    assert "€ 14.059,00 × 8,50% = € 1.195,01" in scheda
    assert "quota del fondo 8,50% = 10% × il raggiungimento dell'obiettivo" in scheda
    assert "= 85,00%" in scheda
    assert "importo esatto € 1.195,0150: € 1.195,01 al centesimo per difetto" in scheda


def test_the_residual_says_what_each_part_s_quota_formula_left_of_its_nominal_share(ciclope_ente, tmp_path):
    """The 6% of the fund no part takes is the cut of two formulas: each part's nominal share (the fixed percentage
    its formula multiplies, 30% and 10%) less what it took, with its formula, in explain --pool and in the Relazione."""
    from ciclope.plugins.regolamento.say.annex import annex

    result = ente(tmp_path, ciclope_ente)
    pool = explain(result, "pool", "compensi")
    assert pool is not None
    # quantità: 14.059,00 × 30% = 4.217,70, it took 3.585,05: 4.217,70 − 3.585,05 = 632,65
    # progetto: 14.059,00 × 10% = 1.405,90, it took 1.195,01: 1.405,90 − 1.195,01 = 210,89
    # 632,65 + 210,89 = 843,54, the whole residual: nothing is left that no part would take
    assert "• non erogato dalla parte «quantità», quota del fondo 25,50% invece di 30% = € 632,65" in pool
    assert "• non erogato dalla parte «progetto», quota del fondo 8,50% invece di 10% = € 210,89" in pool
    assert "quota del fondo che nessuna parte prende" not in pool
    [section] = [s for s in annex(result) if s.title == "Parti dei fondi"]
    column = section.columns.index("Non assegnato alla parte")
    said = {row[1]: str(row[column]) for row in section.rows}
    assert said == {
        "quantità": "€ 632,65 (25,50% invece di 30%)",
        "progetto": "€ 210,89 (8,50% invece di 10%)",
        "qualità": "—",
    }


def test_a_long_value_wraps_in_its_cell_its_amounts_joined_to_the_euro(ciclope_ente, tmp_path):
    """An Autorità di bacino's scheda cut «€ 60.000,00 × 36,80% = € 22.080,00 (quota del fondo 36,80% = 40% × …» at
    the page's edge, with a scrollbar: the whole cell was kept on one line. A long value wraps; an amount alone stays
    on one line, and no amount is parted from its €."""
    result = ente(tmp_path, ciclope_ente)
    raw = render(build(result, "P3"))
    cells = re.findall(r"<td( class='v')?>([^<]*)</td>", raw)
    # the fund of «quantità»: 14.059,00 × 25,50% = 3.585,05 (the test above), then the quota's formula in words
    [(nowrap, said)] = [(v, text) for v, text in cells if "quota del fondo 25,50%" in html.unescape(text)]
    assert nowrap == "" and len(said) > 80
    assert html.unescape(said).startswith("€\u00a014.059,00 × 25,50% = €\u00a03.585,05 (")
    # an amount alone, «qualità» 8.435,40 / 3 = 2.811,80: on one line, as it is
    assert (" class='v'", "€ 2.811,80") in cells
