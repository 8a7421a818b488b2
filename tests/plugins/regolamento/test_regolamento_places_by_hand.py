"""A formula's amount redone by hand from the scheda: a figure computed on the way (a definition's value, a sum of
the ente) is printed with the places that give the amount back to the cent, never cut at the fourth decimal with
«…» (Funzioni Centrali, «12.000 × presenza / Σ presenza»: 12.000 × 0,4863… / 9,4243… is 619,21, not the 619,25
paid). Every amount by hand, with the arithmetic beside it."""

from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import amounts, one_unit_comune, run_declared

RULES = """\
formato = 2
[atto]
titolo = "Accordo integrativo"
tipo_ente = "altro"

[[definizioni]]
nome = "presenza"
formula = "=(giorni_servizio - assenze) / giorni_anno"
fonte = "art. 2"

[[premi]]
nome = "individuale"
metodo = "formula"
fondo = "premio"
valutazione = false
tempo_parziale = "intero"
importo = "=fondo * presenza / SOMMA.ENTE(presenza)"
fonte = "art. 4"
"""


def _result(ciclope_ente, tmp_path):
    staff = ["P1,Anna,dipendente,C,com,1,10,false,SEG", "P2,Bruno,dipendente,C,com,1,20,false,SEG"]
    staff.append("P3,Carla,dipendente,C,com,1,0,false,SEG")
    files = one_unit_comune("Ufficio", staff, [], '[funds]\npremio = "10000.00"\n')
    return run_declared(ciclope_ente, tmp_path, RULES, files)


def _page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def test_the_scheda_gives_the_places_that_redo_the_cent(ciclope_ente, tmp_path):
    result = _result(ciclope_ente, tmp_path)
    # 2024 has 366 days; the part pays the employees (not the Segretario): presenza P1 356/366 = 0,972677595…,
    # P2 346/366 = 0,945355191…, P3 366/366 = 1; Σ = (356 + 346 + 366) / 366 = 1068/366 = 2,918032786…
    # P1: 10.000 × 356 / 1068 = 3.333,333… → 3.333,33; P2: 10.000 × 346 / 1068 = 3.239,700… → 3.239,70;
    # P3: 10.000 × 366 / 1068 = 3.426,966… → 3.426,97; 3.333,33 + 3.239,70 + 3.426,97 = 10.000,00
    assert {k: amounts(result)[k] for k in ("P1", "P2", "P3")} == {"P1": "3333.33", "P2": "3239.70", "P3": "3426.97"}
    page = _page(result, "P1")
    # cut at the fourth decimal: 10.000 × 0,9726 / 2,9180 = 3.333,10, not the 3.333,33 paid; each is given to the
    # places at which its rounding moves the amount by a hundredth of a cent at most (3.333,33 × 0,5·10⁻ᵖ / x):
    # presenza 0,9726776 (8 places, the last a 0: 3.333,33 × 0,5·10⁻⁷ / 0,97 = 0,00017 > 0,0001), Σ 2,9180328 (7 places:
    # 3.333,33 × 0,5·10⁻⁷ / 2,92 = 0,000057)
    assert "0,9726776 " in page, page
    assert "2,9180328" in page, page
    assert "…" not in page.split("Importi", 1)[1], page
    redone = Decimal(10000) * Decimal("0.9726776") / Decimal("2.9180328")  # 3.333,3333… → 3.333,33
    assert redone.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("3333.33")


def test_explain_gives_the_same_places(ciclope_ente, tmp_path):
    result = _result(ciclope_ente, tmp_path)
    text = explain(result, "person", "P2")
    # P2: presenza 346/366 = 0,945355191… → 0,94535519 (8 places); 10.000 × 0,94535519 / 2,9180328 = 3.239,7003…
    assert "= 0,94535519" in text, text
    assert "la somma di presenza tra i dipendenti dell'ente = 2,9180328" in text, text


def test_a_sum_of_the_ente_reads_the_same_for_everyone(ciclope_ente, tmp_path):
    staff = ["P1,Anna,dipendente,C,com,1,10,false,SEG", "P2,Bruno,dipendente,C,com,1,20,false,SEG"]
    staff += ["P3,Carla,dipendente,C,com,1,0,false,SEG", "P4,Dario,dipendente,C,com,1,300,false,SEG"]
    files = one_unit_comune("Ufficio", staff, [], '[funds]\npremio = "10000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, RULES, files)
    # Σ presenza = (356 + 346 + 366 + 66) / 366 = 1134 / 366 = 3,09836065…; P1: 10.000 × 356 / 1134 = 3.139,33,
    # P4: 10.000 × 66 / 1134 = 582,01. The places P1 needs: 3.139,33 × 0,5·10⁻⁷ / 3,098 = 0,00005 ≤ 0,0001 (7);
    # P4 alone would need 6 (582,01 × 0,5·10⁻⁶ / 3,098 = 0,000094 ≤ 0,0001): 3,098361 beside 3,0983607 is two
    # values for one sum, so everyone reads the 7 places: 3,0983607
    assert {k: amounts(result)[k] for k in ("P1", "P4")} == {"P1": "3139.33", "P4": "582.01"}
    for pid in ("P1", "P2", "P3", "P4"):
        page = _page(result, pid)
        assert "3,0983607" in page, (pid, page)
        assert "3,098361 " not in page, (pid, page)
        assert "la somma di presenza tra i dipendenti dell'ente = 3,0983607" in explain(result, "person", pid)
    redone = Decimal(10000) * Decimal(66) / Decimal(366) / Decimal("3.0983607")  # 582,0105… → 582,01
    assert redone.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("582.01")
