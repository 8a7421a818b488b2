"""A fund split among two parts, the second in two steps (ASL n. 10 Palmi, accordo stralcio: 40% «mantenimento» to
everyone in service, 60% «risultato» first to each unit by its weighted staff, then within the unit by score): what
the employee, the OIV and the published art. 20 table read of it. Every amount by hand."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from ciclope.core import fmt
from ciclope.core.reports import art20
from ciclope.core.reports.transparency import ONE_TIER_LABEL
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render
from ciclope.plugins.regolamento.say.annex import annex

from helpers import CARD_HEADER, STAFF_HEADER, amounts, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Accordo sul fondo della produttività collettiva"
tipo_ente = "altro"

[[fondi]]
nome = "produttivita_collettiva"
importo = "=14000 €"
fonte = "art. 1"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 55
parti = ["risultato"]
fonte = "art. 4"

[[premi]]
nome = "mantenimento"
metodo = "proporzionale"
valutazione = false
quota_fondo = "40%"
fondo = "produttivita_collettiva"
peso = "=1"
ruoli = ["dipendente"]
fonte = "art. 2"

[[premi]]
nome = "risultato"
metodo = "proporzionale"
quota_fondo = "60%"
fondo = "produttivita_collettiva"
graduatorie = "area"
riparto_graduatorie = "=fte"
peso = "=punteggio"
ruoli = ["dipendente"]
fonte = "art. 3"
"""

STAFF = (("A1", "U1"), ("A2", "U1"), ("A3", "U1"), ("A4", "U1"), ("B1", "U2"), ("B2", "U2"), ("B3", "U2"))
SCORES = (("A1", 90), ("A2", 60), ("A3", 90), ("B1", 80), ("B2", 70), ("B3", 50))  # A4 has no card


def azienda() -> dict[str, str]:
    """Two units: «Ufficio uno» (A1 90, A2 60, A3 90, A4 without a card) and «Ufficio due» (B1 80, B2 70, B3 50,
    below the minimum of 55 of the part «risultato»); the Segretario evaluates everyone and is paid by no part."""
    staff = [f"{p},Persona {p},dipendente,C,{u},1,0,false,SEG" for p, u in STAFF]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in SCORES]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Azienda,ente,,SEG\nU1,Ufficio uno,area,com,SEG\n"
        "U2,Ufficio due,area,com,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *staff]) + "\n",
        "evaluations.csv": "\n".join([CARD_HEADER, *cards]) + "\n",
        "ente.toml": 'name = "Azienda"\n',
    }


# The fund 14.000: «mantenimento» 40% = 5.600 to the 7 in service, weight 1 each: 800 each (A4 and B3 too).
# «risultato» 60% = 8.400 to the units by fte of everyone in service: Ufficio uno 4 (A4 too), Ufficio due 3 (B3 too),
# of 7: 8.400 × 4/7 = 4.800, × 3/7 = 3.600. Ufficio uno by score, A4 without a card out, Σ 90 + 60 + 90 = 240:
# A1 4.800 × 90/240 = 1.800, A2 × 60/240 = 1.200, A3 1.800. Ufficio due, B3 excluded, Σ 80 + 70 = 150:
# B1 3.600 × 80/150 = 1.920, B2 × 70/150 = 1.680.
PAID = {"A1": "2600.00", "A2": "2000.00", "A3": "2600.00", "A4": "800.00", "B1": "2720.00", "B2": "2480.00",
        "B3": "800.00"}  # fmt: skip


def text_of(page: str) -> str:
    """A page's words, its tags made spaces, its spaces one."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_amounts_of_the_two_steps(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    assert amounts(result) == PAID


@pytest.mark.parametrize("split", ["quota_tempo", "fte"])
def test_the_graduatorie_split_by_the_time_worked_by_its_word(ciclope_ente, tmp_path, split):
    """riparto_graduatorie = "quota_tempo" (or «fte», its word of before) is the formula «=quota_tempo»: the same
    4/7 and 3/7 of 8.400 (everyone full time), so the same amounts."""
    text = REGULATION.replace('riparto_graduatorie = "=fte"', f'riparto_graduatorie = "{split}"')
    assert text != REGULATION
    result = run_declared(ciclope_ente, tmp_path, text, azienda())
    assert [p.message for p in result.violations if p.severity == "error"] == []
    assert amounts(result) == PAID


def test_the_scheda_shows_each_part_s_weight_sum_and_fund(ciclope_ente, tmp_path):
    """docs/regolamento.md: the scheda personale shows the weight (with the share paid) and the Σ pesi of a part
    divided by weight, and what it divides: A1 redoes 5.600 × 1 / 7 = 800 and 4.800 × 90 / 240 = 1.800."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    page = text_of(render(build(result, "A1")))
    mantenimento = page[
        page.index("Premio della parte «mantenimento»:") : page.index("Premio della parte «risultato»:")
    ]
    assert "€ 800,00" in mantenimento
    assert "fondo della parte «mantenimento» € 14.000,00 × 40% = € 5.600,00" in mantenimento
    assert "peso 1 " in mantenimento and "somma dei pesi 7 " in mantenimento
    assert "tempo lavorato 100%" in mantenimento  # the share paid
    risultato = page[page.index("Premio della parte «risultato»:") :]
    assert "€ 1.800,00" in risultato
    # the graduatoria of 4 full-time people of 7: 8.400 × 4 / 7 = 4.800, redone on the scheda
    assert "fondo della graduatoria (Ufficio uno) € 8.400,00 × 4 / 7 = € 4.800,00" in risultato
    assert "peso 90 " in risultato and "somma dei pesi 240 " in risultato


def test_the_scheda_withholds_and_says_why_a_graduatoria_of_two(ciclope_ente, tmp_path):
    """Ufficio due pays two people (B3 is excluded): with its fund 3.600 and Σ pesi 150, B1 (1.920, weight 80) would
    read B2's 3.600 − 1.920 = 1.680 and weight 150 − 80 = 70 (rules/core.md §6): neither is on B1's scheda, which
    says why; B1's own weight is."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    page = text_of(render(build(result, "B1")))
    risultato = page[page.index("Premio della parte «risultato»:") :]
    assert "€ 1.920,00" in risultato and "peso 80 " in risultato
    assert "€ 3.600,00" not in page and "somma dei pesi 150" not in page
    assert (
        "Non sono mostrati il fondo della graduatoria (Ufficio due) e la somma dei pesi: riguardano meno di 3 persone pagate, "
        "e per differenza darebbero l'importo o il peso di un collega"
    ) in risultato


def test_a_formula_s_sum_over_a_graduatoria_of_two_is_withheld_too(ciclope_ente, tmp_path):
    """The same split written as a formula, the sum over the graduatoria in it: Ufficio due's 80 + 70 = 150 with her
    own 80 would give B1 her colleague's 70 points; the scheda withholds it as it withholds Σ pesi. Ufficio uno's sum
    over three people (90 + 60 + 90 = 240; A4 has no card) stays on A1's scheda."""
    said = 'metodo = "formula"\nimporto = "=fondo * punteggio / SOMMA.GRUPPO(SE(punteggio >= 55; punteggio; 0))"'
    text = REGULATION.replace('metodo = "proporzionale"\nquota_fondo = "60%"', f'{said}\nquota_fondo = "60%"')
    text = text.replace('riparto_graduatorie = "=fte"\npeso = "=punteggio"', 'riparto_graduatorie = "=fte"')
    assert text.count("SOMMA.GRUPPO") == 1 and 'peso = "=punteggio"' not in text
    result = run_declared(ciclope_ente, tmp_path, text, azienda())
    # «risultato»: B1 3.600 × 80 / 150 = 1.920,00; A1 4.800 × 90 / 240 = 1.800,00, as the proportional split; with
    # «mantenimento», 5.600 / 7 = 800,00 each: B1 2.720,00, A1 2.600,00
    assert amounts(result)["B1"] == "2720.00" and amounts(result)["A1"] == "2600.00"
    page = text_of(render(build(result, "B1")))
    risultato = page[page.index("Premio della parte «risultato»:") :]
    assert "€ 1.920,00" in risultato and " 150 " not in risultato and "150," not in risultato
    assert "la somma, nella graduatoria, del punteggio delle persone per cui il punteggio è almeno 55" in risultato
    assert "Non sono mostrati la somma, nella graduatoria, del punteggio" in risultato  # its own article, once
    assert "riguardano meno di 3 persone pagate" in risultato
    assert " 240 " in text_of(render(build(result, "A1")))


def test_a_weight_made_of_a_withheld_mean_of_two_is_withheld_with_it(ciclope_ente, tmp_path):
    """«punteggio / media della graduatoria» in an office of two: the weight 80 / 75 = 1,066667 beside her 80 points
    gives B1 the mean (80 / 1,066667 = 75) and so B2's 70; the mean, the weight it makes and the weight paid are
    withheld together."""
    text = REGULATION.replace('peso = "=punteggio"', 'peso = "=punteggio / MEDIA.GRUPPO(punteggio)"')
    assert text != REGULATION
    data = azienda()
    for name in ("people.csv", "evaluations.csv"):  # Ufficio due of two: B1 and B2
        data[name] = "".join(line for line in data[name].splitlines(keepends=True) if not line.startswith("B3,"))
    result = run_declared(ciclope_ente, tmp_path, text, data)
    page = text_of(render(build(result, "B1")))
    risultato = page[page.index("Premio della parte «risultato»:") :]
    # Ufficio due's fund 8.400 × 2 / 6 = 2.800,00; weights 80 / 75 and 70 / 75, Σ 2: B1 2.800 × 1,0666… / 2 =
    # 1.493,33
    assert "€ 1.493,33" in risultato
    assert "1,066667" not in risultato and "75,00" not in risultato
    assert "la media del punteggio nella graduatoria" in risultato  # named in the note, never with its figure
    assert "riguardano meno di 3 persone pagate" in risultato


def test_the_scheda_says_who_holds_what_it_withholds_and_who_may_see_it(ciclope_ente, tmp_path):
    """B1 cannot redo her premium without the fund of Ufficio due and its Σ pesi, which the scheda withholds (rules/core.md
    §6): it says, in the words an employee reads, that the personnel office keeps them and shows them to whoever is
    entitled, and how she asks: access to the documents, L. 241/1990 art. 22 and following."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    [withheld] = [p.withheld for pay in build(result, "B1").payments for p in (pay, *pay.parts) if p.withheld]
    assert withheld == (
        "Non sono mostrati il fondo della graduatoria (Ufficio due) e la somma dei pesi: riguardano meno di 3 persone pagate, "
        "e per differenza darebbero l'importo o il peso di un collega. Le cifre non mostrate sono conservate "
        "dall'ufficio del personale, che le mostra a chi ha diritto di vederle: chi vuole verificare il proprio premio "
        "può chiedere di prenderne visione (accesso agli atti, legge 7 agosto 1990, n. 241, art. 22 e seguenti)."
    )


def test_the_graduatorie_table_says_whom_each_budget_counted_and_whom_it_paid(ciclope_ente, tmp_path):
    """Ufficio uno's budget was weighed on 4 (A4, without a card, too) and paid 3; Ufficio due's on 3 (B3, excluded,
    too), its premiums of 2."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    [section] = [s for s in annex(result) if s.title == "Graduatorie dei premi"]
    assert section.columns[2:5] == ("Contate nel riparto", "Ammesse al premio", "Con un premio")
    assert [(r[1], r[2], r[3], r[4], str(r[5]), str(r[6])) for r in section.rows] == [
        ("Ufficio uno", 4, 3, 3, "4800.00", "4800.00"),
        ("Ufficio due", 3, 2, 2, "3600.00", "3600.00"),
    ]
    said = explain(result, "pool", "produttivita_collettiva")
    assert "• persone contate nel riparto = 4\n" in said and "• persone contate nel riparto = 3\n" in said


def test_who_has_no_card_reads_what_the_part_of_results_gave_him_and_why(ciclope_ente, tmp_path):
    """A4 is weighed in Ufficio uno's budget (fte 1 of 4) but the part «risultato» pays by evaluation: it gave him
    nothing, and his share of the budget went to A1, A2 and A3."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    said = explain(result, "person", "A4")
    # paid 800 by another part: the part «non spetta», a line of its own after the premiums, never «Non pagato»
    assert "Non pagato:" not in said
    unpaid = said[said.index("Premio: ") :]
    assert (
        "\nPartecipazione di Persona A4 alla parte «risultato»: non spetta — non valutato: la parte paga secondo la valutazione "
        "individuale; contato nel riparto tra le graduatorie, la sua quota del fondo della graduatoria (Ufficio uno) "
        "va a chi vi riceve un premio"
    ) in unpaid


def test_article_20_counts_whom_a_fund_paid_without_an_evaluation(ciclope_ente, tmp_path):
    """6 evaluated and A4 paid 800 without an evaluation: the mean a person can reach is over the 7 the fund reached,
    14.000 / 7 = 2.000,00 (not 14.000 / 6 = 2.333,33), and a row says the seventh. The tiers of the evaluated, by the
    highest pay 2.720 (B1): 90% = 2.448 → B1, B2 2.480, A1 and A3 2.600: 4; 60% = 1.632 → A2 2.000: 1; B3 800: 1;
    tiers of 1–2 people are merged (rules/core.md §6)."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    rows = [tuple(line.split(";")) for line in art20.render(result).splitlines()[1:]]
    assert rows[:5] == [
        ("tutto il personale", "premi stanziati (€)", "14000,00"),
        ("tutto il personale", "premi distribuiti (€)", "14000,00"),
        ("tutto il personale", "persone valutate", "6"),
        ("tutto il personale", "persone pagate senza valutazione individuale", "1"),
        ("tutto il personale", "premio medio conseguibile (€)", "2000,00"),
    ]
    staff = {row[1]: row[2] for row in rows if row[0] == "personale"}
    assert staff["persone valutate"] == "6" and staff["persone pagate senza valutazione individuale"] == "1"
    assert staff["premio medio conseguibile (€)"] == "2000,00"
    # the tiers of 1 (A2) and 1 (B3) merge: 1 + 1 = 2 is still under 3, so with the 4 above: 6 from 0% to 100%, one
    # row saying the tiers it merges, no range of pay; nobody is paid € 0
    assert [(what, n) for what, n in staff.items() if "del più alto" in what] == [(ONE_TIER_LABEL, "6")]
    assert staff["persone senza premio"] == "0"


def test_a_fund_of_the_regulation_is_named_with_its_accents(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    assert result.ledger.pools["produttivita_collettiva"].label == "Fondo produttività collettiva"
    assert "Fondo produttivita" not in explain(result, "person", "A1")


def test_the_time_worked_reads_as_a_percentage_in_its_words_and_value(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    said = explain(result, "person", "A1")
    assert "• il tempo lavorato (la quota del tempo pieno) = 100%" in said
    assert "(1 a tempo pieno)" not in said


def test_an_exclusion_from_some_parts_says_the_score_in_one_bracket(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    said = explain(result, "person", "B3")
    assert (
        "perché: escluso dal premio: punteggio sotto il minimo di 55 (per le parti: risultato; punteggio 50,00)\n"
    ) in said


def test_the_relazione_shows_each_part_s_share_of_the_fund(ciclope_ente, tmp_path):
    """The OIV sees the 40/60 split: 14.000 × 40% = 5.600 and × 60% = 8.400, each paid in full."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    [section] = [s for s in annex(result) if s.title == "Parti dei fondi"]
    assert [(r[0], r[1], str(r[2]), str(r[3]), str(r[4]), str(r[5])) for r in section.rows] == [
        ("Fondo produttività collettiva", "mantenimento", "0.4", "5600.00", "5600.00", "0.00"),
        ("Fondo produttività collettiva", "risultato", "0.6", "8400.00", "8400.00", "0.00"),
    ]
    # the shares are percentages, a number in % format in the workbook (never a text «40%»): a part's share
    assert all(type(r[2]) is fmt.Share for r in section.rows)
    assert sum((Decimal(str(r[3])) for r in section.rows), Decimal(0)) == Decimal("14000.00")


def test_one_left_without_pay_by_a_reduction_reads_no_sum_of_the_two_paid(ciclope_ente, tmp_path):
    """B3 is not excluded here but loses the whole premium to a reduction (200 days of absence, 100%): Ufficio due
    still pays two, B1 and B2. B3's weight is 0, so the «Σ pesi» on B3's scheda would be B1's 80 + B2's 70 = 150, the
    two colleagues' weights, and the graduatoria's fund 8.400 × 3/7 = 3.600 is what they share: neither is shown
    (rules/core.md §6), as on B1's scheda. B3's level «bassa» (50 points) is paid to B3 (800 of «mantenimento») and
    A2 (60) alone: a band of two, whose own figures are withheld too."""
    text = REGULATION.replace('minimo = 55\nparti = ["risultato"]', "minimo = 40") + (
        '\n[[riduzioni]]\nmisura = "assenze"\nparti = ["risultato"]\nfonte = "art. 5"\n'
        "scaglioni = [{ da = 0, a = 120, riduzione = 0 }, { da = 121, riduzione = 1 }]\n"
        '\n[livelli]\nfonte = "art. 6"\nscala = [{ nome = "alta", da = 75 }, { nome = "media", da = 65 }, { nome = "bassa", da = 0 }]\n'
    )
    data = azienda()
    data["people.csv"] = data["people.csv"].replace(
        "B3,Persona B3,dipendente,C,U2,1,0,", "B3,Persona B3,dipendente,C,U2,1,200,"
    )
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # Ufficio due 3.600 on B1 80 and B2 70 (B3's weight 0 after the 100% reduction): 1.920 and 1.680, as before
    assert {k: v for k, v in amounts(result).items() if k.startswith("B")} == {
        "B1": "2720.00",
        "B2": "2480.00",
        "B3": "800.00",
    }
    page = text_of(render(build(result, "B3")))
    risultato = page[page.index("Premio della parte «risultato»:") :]
    assert "somma dei pesi 150" not in risultato and "€ 3.600,00" not in risultato
    assert "e la somma dei pesi: riguardano meno di 3 persone pagate" in risultato


def test_explain_says_every_weight_of_the_graduatorie_split_without_trailing_zeros(ciclope_ente, tmp_path):
    """docs/regolamento.md: every weight, beside its sum too, has the decimals it has up to six, never trailing zeros
    («peso = 560», not «560,000000»).
    riparto_graduatorie = "=fte", everyone full time: each one's weight is 1, Ufficio uno 4 (A1..A4), all 7."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, azienda())
    said = explain(result, "person", "A1")
    assert said is not None
    assert "peso del riparto della graduatoria = 4\n" in said
    assert "peso del riparto in tutto = 7\n" in said
    assert "peso di Persona A1 = 1\n" in said
    assert "Persona A1 nel riparto tra le graduatorie della parte «risultato» = 1\n" in said
    assert ",000000" not in said


def test_a_maximum_of_the_graduatoria_s_fund_says_that_fund(ciclope_ente, tmp_path):
    """«massimo per persona 1,5 × il fondo diviso il numero delle persone»: with graduatorie ``fondo`` is the
    graduatoria's (Ufficio due € 3.600,00), and the maximum's sentence said «il fondo della parte» (€ 8.400,00),
    which a reader redid as 1,5 × 8.400 / 3 = € 4.200,00. CONTA.GRUPPO() counts Ufficio due's three people with a
    card, B3 (under the minimum) too: 1,5 × 3.600,00 / 3 = € 1.800,00. B1's share 3.600 × 80 / 150 = 1.920,00 is over
    it: B1 has 1.800,00, and the 120,00 above go to B2 (3.600 × 70 / 150 = 1.680,00 + 120,00 = 1.800,00)."""
    capped = REGULATION.replace(
        'peso = "=punteggio"\n', 'peso = "=punteggio"\nmassimo_persona = \'=1,5 * fondo / CONTA.GRUPPO()\'\n'
        'residuo = "ridistribuisci"\n'
    )  # fmt: skip
    assert capped != REGULATION
    result = run_declared(ciclope_ente, tmp_path, capped, azienda())
    said = explain(result, "person", "B1")
    assert said is not None
    assert (
        "• massimo per persona (1,5 × il fondo della graduatoria diviso il numero delle persone nella graduatoria) = "
        "€ 1.800,00" in said
    )
    assert "il fondo della parte diviso" not in said
    # with the «mantenimento» of 40% × 14.000,00 / 7 = 800,00 each: 800,00 + 1.800,00
    paid = amounts(result)
    assert (paid["B1"], paid["B2"]) == ("2600.00", "2600.00")
