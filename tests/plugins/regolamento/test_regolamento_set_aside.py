"""A part set aside before the part that sends it its residual (``accantonata``, formato 2): the contract's
maggiorazione taken from the fund first (art. 69 CCNL 21.5.2018). Sannazzaro's file, in the catalogue's tests, is
the real text; here what the file may not say, and a set-aside larger than its source. Every amount by hand."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from helpers import amounts, one_unit_comune, regulation_problems, run_declared

TEXT = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Prova"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
quota_fondo = 0.1
residuo_a = "maggiorazione"
fonte = "art. 5"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
quota_fondo = 0
importo = "=600 €"
ammesso = "=punteggio >= 90"
accantonata = true
fonte = "art. 6"
"""


@pytest.mark.parametrize(
    "text, problem",
    [
        (TEXT.replace('residuo_a = "maggiorazione"\n', ""), "riga 18, chiave premi[2].accantonata: una parte "
         "accantonata riceve il residuo (residuo_a) di una sola parte precedente dello stesso fondo: il fondo di "
         "quella parte si riduce dell'accantonamento"),
        (TEXT.replace('fonte = "art. 5"', 'fonte = "art. 5"\nfondo = "produttivita"'), "riga 20, chiave "
         "premi[2].accantonata: una parte accantonata riceve il residuo (residuo_a) di una sola parte precedente dello "
         "stesso fondo: il fondo di quella parte si riduce dell'accantonamento; la parte non scrive fondo: prende "
         "quello predefinito, «performance_individuale», mentre la parte «produttività», che le manda il residuo, "
         "paga dal fondo «produttivita»: scrivi qui fondo = \"produttivita\""),
        # the fund written after the last line: accantonata stays on line 19
        (TEXT.replace('fonte = "art. 6"', 'fonte = "art. 6"\nfondo = "produttivita"'), "riga 19, chiave "
         "premi[2].accantonata: una parte accantonata riceve il residuo (residuo_a) di una sola parte precedente dello "
         "stesso fondo: il fondo di quella parte si riduce dell'accantonamento; la parte «produttività», che le manda "
         "il residuo, non scrive fondo: prende quello predefinito, «performance_individuale», mentre questa paga dal "
         "fondo «produttivita»"),
        # with the way out: the mean read on the premiums of the part it is set aside from, by its name
        (TEXT.replace('"=600 €"', '"=fondo / 10"'), "riga 17, chiave premi[2].importo: una parte accantonata non "
         "legge fondo: il suo fondo è l'accantonamento, che i suoi importi decidono; la media pro capite si legge sui "
         "premi della parte «produttività» divisa sul fondo intero, es. =30% * SOMMA.ENTE(PREMIO(\"produttività\")) / "
         "CONTA.ENTE(PREMIO(\"produttività\") > 0 €)"),
    ],
)  # fmt: skip
def test_what_a_part_set_aside_cannot_say_is_refused_when_read(tmp_path, text, problem):
    assert regulation_problems(tmp_path, text) == [problem]


def test_the_mean_the_refusal_suggests_is_read(tmp_path):
    # the way out the refusal of «fondo» writes reads without a problem in the part set aside
    mean = '=30% * SOMMA.ENTE(PREMIO("produttività")) / CONTA.ENTE(PREMIO("produttività") > 0 €)'
    assert regulation_problems(tmp_path, TEXT.replace('"=600 €"', f"'{mean}'")) == []


def test_set_aside_is_said_only_of_a_formula(tmp_path):
    text = TEXT.replace('metodo = "formula"', 'metodo = "proporzionale"').replace('importo = "=600 €"\n', "")
    assert "chiave premi[2].accantonata: vale per il metodo «formula» (un importo per persona), non per " in "\n".join(
        regulation_problems(tmp_path, text)
    )


def test_a_set_aside_larger_than_its_source_is_not_taken(ciclope_ente, tmp_path):
    # the fund 10.000,00: «produttività» 10% = 1.000,00 among A and B (90 and 60 points: 600,00 and 400,00). The
    # maggiorazione, 600,00 to A (90 ≥ 90), is due 600,00: more than the 0 the split leaves, and not more than the
    # 1.000,00 of «produttività», so it is set aside; then 400,00 is divided: 90 / 150 → 240,00 and 160,00, and A
    # receives 240,00 + 600,00. With 1.200,00 due (both at 90), more than the 1.000,00 of «produttività»: not set
    # aside, a warning; the maggiorazione receives only what the split leaves, nothing.
    staff = ["A,Persona A,dipendente,C,com,1,0,false,SEG", "B,Persona B,dipendente,C,com,1,0,false,SEG"]
    funds = '[funds]\nperformance_individuale = "10000.00"\n'

    def cards(a: str, b: str) -> list[str]:
        return [f"A,SEG,scheda,Valutazione,100,{a},", f"B,SEG,scheda,Valutazione,100,{b},"]

    result = run_declared(
        ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", staff, cards("90", "60"), funds)
    )
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "840.00", "B": "160.00"}
    assert result.figures["pool:performance_individuale:maggiorazione:accantonamento"].value == Decimal("600.00")
    assert not [p for p in result.violations if p.rule == "regolamento.accantonamento"]
    both = run_declared(
        ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", staff, cards("90", "90"), funds)
    )
    # 1.000,00 split 90 / 180 each: 500,00 and 500,00, nothing left for the maggiorazione
    assert {k: v for k, v in amounts(both).items() if k != "SEG"} == {"A": "500.00", "B": "500.00"}
    (warning,) = [p for p in both.violations if p.rule == "regolamento.accantonamento"]
    assert warning.severity == "warning"
    assert warning.message == (
        "la parte «maggiorazione» chiede € 1.200,00, più del fondo della parte «produttività» (€ 1.000,00) da cui è "
        "accantonata: non è accantonata, e riceve solo ciò che quella non paga"
    )
    assert "pool:performance_individuale:maggiorazione:accantonamento" not in both.figures
    # the set-aside that is too large is placed where the office writes the part: the second [[premi]], line 13
    assert warning.said.endswith("riga 13, [[premi]] n. 2")


def test_the_relazione_says_a_part_set_aside_from_which_part_not_a_share_of_zero(ciclope_ente, tmp_path):
    from ciclope.plugins.regolamento.say.annex import fund_parts

    staff = ["A,Persona A,dipendente,C,com,1,0,false,SEG", "B,Persona B,dipendente,C,com,1,0,false,SEG"]
    cards = ["A,SEG,scheda,Valutazione,100,90,", "B,SEG,scheda,Valutazione,100,60,"]
    funds = '[funds]\nperformance_individuale = "10000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", staff, cards, funds))
    (section,) = fund_parts(result)
    rows = {row[1]: row for row in section.rows}
    # «produttività» 10% of 10.000,00 = 1.000,00, of which 600,00 set aside for A's maggiorazione first: the
    # maggiorazione's «quota» is the part it comes from, never «0,00%» beside its 600,00
    assert rows["maggiorazione"][2] == "accantonata dalla parte «produttività»"
    assert section.columns[2:5] == ("Quota del fondo", "Accantonato per altre parti", "Importo della parte")
    assert rows["maggiorazione"][3] == "—" and str(rows["maggiorazione"][4]) == "600.00"
    # the part it is set aside from shows the subtraction a reader redoes: 10% × 10.000,00 = 1.000,00 − 600,00 = 400,00
    assert str(rows["produttività"][2]) == "0.1"
    assert (str(rows["produttività"][3]), str(rows["produttività"][4])) == ("600.00", "400.00")


def test_the_reduced_fund_shows_the_subtraction_a_person_can_redo(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    # three people with the maggiorazione and four paid, so that the scheda may show the fund (a group under 3 paid is
    # withheld: the next test)
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in "ABCD"]
    cards = [f"{p},SEG,scheda,Valutazione,100,{points}," for p, points in zip("ABCD", (90, 90, 90, 60))]
    funds = '[funds]\nperformance_individuale = "30000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", staff, cards, funds))
    # «produttività» 10% of 30.000,00 = 3.000,00, all paid on the whole fund; A, B and C's maggiorazione (90 ≥ 90)
    # 3 × 600,00 = 1.800,00 set aside from it: 3.000,00 − 1.800,00 = 1.200,00 divided again
    said = "fondo della parte «produttività»: € 3.000,00 − € 1.800,00 accantonati per la parte «maggiorazione»"
    assert f"• {said} = € 1.200,00\n" in explain(result, "person", "D")
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "D")))))
    assert f"{said} € 1.200,00" in page
    assert "ridotto dell'accantonamento € 1.200,00" not in page


def test_a_fund_less_a_set_aside_of_fewer_than_3_paid_is_withheld_on_the_scheda(ciclope_ente, tmp_path):
    """A Ragioneria's scheda withheld the maggiorazione's fund of 2 people and showed it in the subtraction beside
    («€ 18.000,00 − € 1.012,50 accantonati per la parte «maggiorazione»»): with her own 337,50 the colleague's 675,00
    followed. The reduced fund is withheld as the small part is, and named without its figures."""
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in "ABC"]
    cards = [f"{p},SEG,scheda,Valutazione,100,{points}," for p, points in zip("ABC", (90, 60, 60))]
    funds = '[funds]\nperformance_individuale = "10000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", staff, cards, funds))
    # only A has the maggiorazione (90 ≥ 90): 1.000,00 − 600,00 = 400,00; explain, the office's, still says it
    said = "fondo della parte «produttività»: € 1.000,00 − € 600,00 accantonati per la parte «maggiorazione»"
    assert f"• {said} = € 400,00\n" in explain(result, "person", "B")
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "B")))))
    assert "€ 600,00" not in page and "€ 400,00" not in page
    # the small group is the maggiorazione's (A alone), «produttività» pays three: the value of a point instead,
    # 400 / (90 + 60 + 60) = 1,904761…, the same on every scheda of the part, to the places each one's amount needs:
    # B and C (60): 1,905 × 60 = 114,30, over the 114,28 of the exact 114,2857…; 1,9048 × 60 = 114,288 → 114,28;
    # A (90): 1,9048 × 90 = 171,432 → 171,43, over the 171,42 of the exact 171,4285…; 1,90476 × 90 = 171,4284 → 171,42
    assert (
        "Non sono mostrati il fondo della parte «produttività» e la somma dei pesi: per differenza darebbero l'importo della "
        "parte «maggiorazione», pagata a meno di 3 persone." in page
    )
    assert "valore di un punto di peso (fondo ÷ somma dei pesi) 1,90476 " in page
    other = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "C")))))
    assert "valore di un punto di peso (fondo ÷ somma dei pesi) 1,90476 " in other


def test_a_part_with_no_share_that_takes_another_s_residual_says_so_not_zero(ciclope_ente, tmp_path):
    """«interim first, then the rest»: a part of 100% sends what it does not pay to a part of quota_fondo = 0, whose
    money is that residual alone; its «quota» says so, never «0,00%» beside the amount it received."""
    from ciclope.plugins.regolamento.say.annex import fund_parts

    text = TEXT.replace("quota_fondo = 0.1", "quota_fondo = 1").replace("accantonata = true\n", "")
    staff = ["A,Persona A,dipendente,C,com,1,0,false,SEG", "B,Persona B,dipendente,C,com,1,0,false,SEG"]
    cards = ["A,SEG,scheda,Valutazione,100,90,", "B,SEG,scheda,Valutazione,100,60,"]
    funds = '[funds]\nperformance_individuale = "10000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, text, one_unit_comune("Comune di Prova", staff, cards, funds))
    (section,) = fund_parts(result)
    rows = {row[1]: row for row in section.rows}
    assert str(rows["produttività"][2]) == "1"
    assert rows["maggiorazione"][2] == "solo il non pagato della parte «produttività»"


def test_a_part_less_a_set_aside_says_the_set_aside_and_the_value_of_a_point(ciclope_ente, tmp_path):
    """A Consiglio regionale's schede withheld the fund of «performance individuale» (paid to 6) and its Σ pesi «for
    fewer than 3 people paid»: the small group is the maggiorazione set aside from it (paid to one). The note says so,
    names the elements as Italian does, and gives the value of a point of weight, so the premium is redone."""
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in "ABCD"]
    cards = [f"{p},SEG,scheda,Valutazione,100,{points}," for p, points in zip("ABCD", (90, 60, 60, 60))]
    funds = '[funds]\nperformance_individuale = "10000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", staff, cards, funds))
    # «produttività» 10% of 10.000,00 = 1.000,00; only A's maggiorazione (90 ≥ 90) of 600,00 is set aside: 400,00
    # divided among 90 + 60 + 60 + 60 = 270 points, B's 400 × 60 / 270 = 88,888… → 88,88 and a remainder's cent
    assert amounts(result)["B"] == "88.89"
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "B")))))
    assert "€ 400,00" not in page and "270" not in page
    assert (
        "Non sono mostrati il fondo della parte «produttività» e la somma dei pesi: per differenza darebbero l'importo della "
        "parte «maggiorazione», pagata a meno di 3 persone." in page
    )
    assert "meno di 3 persone pagate" not in page
    # the value of a point, 400 / 270 = 1,481481…: with 4 decimals 1,4815 × 60 = 88,89, over the 88,88 the exact
    # 88,888… gives before its cent; with 5, 1,48148 × 60 = 88,8888 → 88,88
    assert "valore di un punto di peso (fondo ÷ somma dei pesi) 1,48148 " in page
    assert "il premio è peso × valore di un punto di peso" in page
    # the office's explanation is unchanged: the fund and Σ pesi, no value of a point
    said = explain(result, "person", "B")
    assert "• Σ pesi = 270" in said and "valore di un punto" not in said
    # A, paid the maggiorazione, reads the fund, whose set-aside is her own: nothing withheld, no value of a point
    own = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "A")))))
    assert "€ 1.000,00 − € 600,00 accantonati per la parte «maggiorazione» € 400,00" in own
    assert "valore di un punto" not in own


def test_the_value_of_a_point_is_withheld_where_the_part_pays_fewer_than_3(ciclope_ente, tmp_path):
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in "AB"]
    cards = ["A,SEG,scheda,Valutazione,100,90,", "B,SEG,scheda,Valutazione,100,60,"]
    funds = '[funds]\nperformance_individuale = "10000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", staff, cards, funds))
    # «produttività» pays A and B: 400,00 after A's 600,00, 90 / 150 → 240,00 and 160,00 (the test above); B's part
    # is of two people paid, so its value of a point 400 / 150 with B's 160,00 would give A's 240,00
    assert amounts(result)["B"] == "160.00"
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "B")))))
    assert "valore di un punto" not in page and "2,6666" not in page and "2,67" not in page
    assert "riguardano meno di 3 persone pagate" in page
