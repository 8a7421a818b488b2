"""Amounts owed (``dovuto = true``): «a tutto il personale compete un premio di euro 450,00» — a part whose formula
gives each person an amount the contract owes, paid whole, not a share of a fund. Its fund is the sum of what it
pays, written nowhere. Every amount by hand, with the arithmetic beside it (a 2024 cycle)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

OWED = """\
formato = 2
[atto]
titolo = "Contratto aziendale, premio di presenza"
tipo_ente = "altro"

[[premi]]
nome = "premio di presenza"
metodo = "formula"
fondo = "premio_presenza"
valutazione = false
dovuto = true
importo = '=SE(categoria = "D"; 300 €; 200 €)'
fonte = "art. 5"
"""


def staff(funds: str = "") -> dict[str, str]:
    files = one_unit_comune("Casa di cura San Luca", [], [], funds)
    files["people.csv"] = "\n".join([
        STAFF_HEADER,
        "SEG,Direttrice,segretario,DIR,com,1,0,false,",
        "P1,Anna,dipendente,C,com,1,0,false,SEG",
        "P2,Bruno,dipendente,D,com,1,0,false,SEG",
        "P3,Carla,dipendente,C,com,0.5,0,false,SEG",
    ]) + "\n"  # fmt: skip
    return files


def test_each_amount_is_paid_whole_and_the_fund_is_their_sum(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, OWED, staff())  # no [fondi] at all: nothing is missing
    # C 200, D 300, C at half time 200 × 0,5 = 100; the segretario is no «dipendente» of the part
    assert amounts(result) == {"P1": "200.00", "P2": "300.00", "P3": "100.00"}
    pool = result.rewards.pools["premio_presenza"]
    # the fund is what the part paid: 200 + 300 + 100 = 600, all of it distributed, nothing left
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("600.00"), Decimal("600.00"), Decimal("0.00"))
    assert pool.label == "Premio presenza (importi dovuti)"
    assert [p.message for p in result.violations if p.rule.startswith("regolamento.fondo")] == []


@pytest.mark.parametrize("label", ["Incentivo di presenza (importi dovuti)", "Incentivo di presenza"])
def test_a_label_that_says_owed_amounts_says_it_once(ciclope_ente, tmp_path, label):
    labelled = OWED + f'\n[etichette]\npremio_presenza = "{label}"\n'
    result = run_declared(ciclope_ente, tmp_path, labelled, staff())
    assert result.rewards.pools["premio_presenza"].label == "Incentivo di presenza (importi dovuti)"


def test_the_fund_is_explained_by_the_people_it_paid(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, OWED, staff())
    figure = result.figures["pool:premio_presenza"]
    assert figure.formula == (
        "somma degli importi dovuti della parte «premio di presenza»: ciascuno per intero, nessun fondo da dividere"
    )
    assert [(i.name, i.value, i.ref) for i in figure.inputs] == [
        ("importo di Anna", Decimal("200.00"), "award:P1"),
        ("importo di Bruno", Decimal("300.00"), "award:P2"),
        ("importo di Carla", Decimal("100.00"), "award:P3"),
    ]
    # a person's amount reads no fund: it is the formula's, × the paid share (Carla: 200 × 0,5 = 100)
    assert [i.name for i in result.figures["award:P3"].inputs] == [
        "tempo lavorato",
        "la categoria (o l'Area) del contratto",
        "importo dalla formula",  # its sentence is the figure's formula's
    ]
    person = explain(result, "person", "P3")
    assert person is not None and "Premio: € 100,00 — Premio presenza (importi dovuti)\n" in person
    fund = explain(result, "pool", "premio_presenza")
    assert fund is not None
    assert fund.startswith(
        "Premio presenza (importi dovuti)\nStanziato € 600,00 · distribuito € 600,00 · residuo € 0,00\n"
    )
    assert "  • importo di Carla = € 100,00\n    ■ Premio di Carla — premio di presenza = € 100,00" in fund


def test_a_fund_of_ente_toml_by_its_name_is_said_unused(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, OWED, staff('[funds]\npremio_presenza = "250.00"\n'))
    # owed, so paid whole even beyond the 250 written: 200 + 300 + 100 = 600
    assert amounts(result) == {"P1": "200.00", "P2": "300.00", "P3": "100.00"}
    assert result.rewards.pools["premio_presenza"].amount == Decimal("600.00")
    assert [p.message for p in result.violations if p.rule == "regolamento.dovuto"] == [
        "[fondi] premio_presenza non è usato: la parte «premio di presenza» paga importi dovuti (dovuto = true), "
        "ciascuno per intero, e il suo fondo è la somma di ciò che paga; togli la riga da [fondi]"
    ]


SECOND = """
[[premi]]
nome = "premio di reperibilità"
metodo = "formula"
fondo = "premio_presenza"
valutazione = false
dovuto = true
tempo_parziale = "intero"
importo = '=SE(categoria = "D"; 50 €; 0 €)'
fonte = "art. 6"
"""


def test_two_owed_parts_of_one_fund_add_up(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, OWED + SECOND, staff())
    # Bruno (D): 300 + 50 = 350, one award from the fund; Anna and Carla as before
    assert amounts(result) == {"P1": "200.00", "P2": "350.00", "P3": "100.00"}
    pool = result.rewards.pools["premio_presenza"]
    assert (pool.amount, pool.residual) == (Decimal("650.00"), Decimal("0.00"))  # 600 + 50
    figure = result.figures["pool:premio_presenza"]
    assert figure.formula.startswith("somma degli importi dovuti delle parti «premio di presenza», «premio di rep")
    assert [i.name for i in figure.inputs][-1] == "importo di Bruno («premio di reperibilità»)"


def test_leggi_says_no_fund_is_divided(tmp_path):
    text = regulation_text(tmp_path, OWED)
    assert (
        "Non divide un fondo: l'importo di ciascuno è dovuto e pagato per intero; il Fondo premio presenza è la "
        "somma di ciò che la parte paga."
    ) in text
    assert "Inoltre" not in text  # every key said in its sentence


PRODUCTIVITY = """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "premio_presenza"
valutazione = false
fonte = "art. 7"
"""
SHARED = OWED + PRODUCTIVITY


@pytest.mark.parametrize(
    "text, problem",
    [
        (OWED.replace('metodo = "formula"', 'metodo = "proporzionale"').replace("importo = '=SE(categoria = \"D\"; "
         "300 €; 200 €)'\n", ""), "riga 11, chiave premi[1].dovuto: vale per il metodo «formula» (un importo per "
         "persona), non per «proporzionale», che divide un fondo"),
        (OWED.replace("dovuto = true", "dovuto = true\nquota_fondo = 0.5"), "riga 12, chiave premi[1].quota_fondo: "
         "non vale per una parte dovuta: il suo fondo è la somma di ciò che paga, senza quote e senza residuo"),
        (OWED.replace("200 €)", "fondo / 3)"), "riga 12, chiave premi[1].importo: "
         "una parte dovuta non legge fondo: il suo fondo è la somma di ciò che paga, noto solo dopo"),
        (SHARED, "riga 18, chiave premi[2].fondo: il fondo «premio_presenza» è di una parte dovuta (dovuto = true), "
         "che paga importi per intero: questa parte, che lo divide, usi un altro fondo"),
    ],
)  # fmt: skip
def test_what_an_owed_part_cannot_say_is_refused_when_read(tmp_path, text, problem):
    assert regulation_problems(tmp_path, text) == [problem]


def test_parts_without_a_fund_are_told_they_share_the_default_one(tmp_path):
    # neither part writes fondo: both take «performance_individuale», so the part that divides a fund is told that
    # it wrote none, and that the owed part wrote none either (OWED without its line 9 is 12 lines; PRODUCTIVITY
    # without its fondo: blank line 13, its [[premi]] on line 14)
    unwritten = (OWED + PRODUCTIVITY).replace('fondo = "premio_presenza"\n', "")
    assert regulation_problems(tmp_path, unwritten) == [
        "riga 14, chiave premi[2]: la parte non scrive fondo: prende quello predefinito, «performance_individuale», "
        "che è il fondo di una parte dovuta (dovuto = true), «premio di presenza», che paga importi per intero: "
        "questa parte, che lo divide, usi un altro fondo; neppure «premio di presenza» scrive fondo: le parti senza "
        "fondo condividono quello predefinito, e una parte dovuta ne ha uno suo, senza riga in ente.toml"
    ]
    # only the owed part leaves it out: the other wrote the default fund (line 18, as in SHARED), the owed part is
    # told to write its own
    owed_only = OWED.replace('fondo = "premio_presenza"\n', "") + PRODUCTIVITY.replace(
        "premio_presenza", "performance_individuale"
    )
    assert regulation_problems(tmp_path, owed_only) == [
        "riga 17, chiave premi[2].fondo: il fondo «performance_individuale» è di una parte dovuta (dovuto = true), "
        "che paga importi per intero: questa parte, che lo divide, usi un altro fondo; la parte «premio di presenza» "
        "non scrive fondo: prende quello predefinito, «performance_individuale»: scrivile un fondo suo, senza riga "
        "in ente.toml"
    ]


def test_no_residual_goes_to_an_owed_part(tmp_path):
    first = """\
formato = 2
[atto]
titolo = "Contratto aziendale"
tipo_ente = "altro"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
valutazione = false
residuo_a = "premio di presenza"
fonte = "art. 4"
"""
    problems = regulation_problems(tmp_path, first + OWED[OWED.index("[[premi]]") :])
    assert (
        "riga 11, chiave premi[1].residuo_a: la parte «premio di presenza» è dovuta (dovuto = true): paga i suoi "
        "importi per intero e non riceve residui"
    ) in problems


def test_the_fund_is_named_by_its_label_when_the_regulation_gives_one(ciclope_ente, tmp_path):
    text = OWED + '\n[etichette]\npremio_presenza = "premio di presenza del contratto aziendale"\n'
    result = run_declared(ciclope_ente, tmp_path, text, staff())
    assert (
        result.rewards.pools["premio_presenza"].label == "Premio di presenza del contratto aziendale (importi dovuti)"
    )


RESPONSIBLE = """\
formato = 2
[atto]
titolo = "Contratto decentrato del Comune di Valle"
tipo_ente = "comune"

[[colonne]]
nome = "procedimento"
tipo = "testo"
significato = "la posizione di responsabile del procedimento"
valori = ["nessuna", "segreteria", "tributi"]
fonte = "punto 4"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
fonte = "punto 5"

[[premi]]
nome = "responsabili del procedimento"
metodo = "formula"
fondo = "responsabili"
dovuto = true
valutazione = false
ammesso = '=procedimento <> "nessuna"'
importo = '=PIÙ.SE(procedimento = "segreteria"; 2000 €; VERO; 1032 €)'
fonte = "punto 4"
"""


def responsible() -> dict[str, str]:
    rows = ["P1,Anna,dipendente,C,com,1,0,false,SEG,segreteria", "P2,Bruno,dipendente,C,com,1,0,false,SEG,nessuna"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,60,", "P2,SEG,scheda,Valutazione complessiva,100,40,"]
    files = one_unit_comune("Comune di Valle", rows, cards, '[funds]\nproduttivita = "1000.00"\n')
    header, segretario, *staff_rows = files["people.csv"].splitlines()
    files["people.csv"] = "\n".join([header + ",procedimento", segretario + ",nessuna", *staff_rows]) + "\n"
    return files


def test_an_owed_part_s_formula_and_its_refusal_are_each_said_once_in_their_place(ciclope_ente, tmp_path):
    """The amount's sentence is in its figure's formula, not again in the value it gave; who the part leaves out reads
    why after the premiums (not under «esito: valutato», which it does not explain), without the value twice."""
    result = run_declared(ciclope_ente, tmp_path, RESPONSIBLE, responsible())
    # produttività by score, Σ 60 + 40 = 100: P1 1000 × 60 / 100 = 600.00, P2 400.00; the part owed: P1 segreteria
    # 2000.00, P2 («nessuna») not admitted
    assert amounts(result) == {"P1": "600.00", "P2": "400.00", "P1:responsabili": "2000.00"}
    sentence = (
        "(se la posizione di responsabile del procedimento è uguale a «segreteria», allora € 2.000,00, altrimenti"
    )
    assert explain(result, "person", "P1").count(sentence) == 1
    assert explain(result, "pool", "responsabili").count(sentence) == 1
    text = explain(result, "person", "P2")
    why = (
        "\nPartecipazione di Bruno alla parte «responsabili del procedimento»: non spetta — la posizione di "
        "responsabile del procedimento è uguale a «nessuna»\n"
        "  regola: Contratto decentrato del Comune di Valle, punto 4\n"
    )
    assert why in text
    lines = text.splitlines()
    assert lines[2] == "esito: valutato · punteggio 40,00"
    assert lines[3] == "Premio: € 400,00 — Fondo produttività"  # the key produttivita, its accent given back
    assert text.index("Premio: € 400,00") < text.index(why)


def test_the_fund_keeps_the_part_s_name_as_the_office_wrote_it(ciclope_ente, tmp_path):
    # «FESI», an acronym: the fund «fesi» of the part of that name is «FESI (importi dovuti)», never «Fesi»
    text = OWED.replace('nome = "premio di presenza"', 'nome = "FESI"').replace('"premio_presenza"', '"fesi"')
    result = run_declared(ciclope_ente, tmp_path, text, staff())
    assert result.rewards.pools["fesi"].label == "FESI (importi dovuti)"


GATED = OWED.replace(
    "[[premi]]\n",
    '[[colonne]]\nnome = "obiettivi_ente"\ntipo = "sì/no"\nelenco = "ente"\n'
    'significato = "gli obiettivi dell\'ente raggiunti"\nfonte = "art. 4"\n\n[[premi]]\n',
    1,
).replace("dovuto = true\n", 'dovuto = true\nammesso = "=obiettivi_ente"\n')


def test_an_owed_part_that_a_datum_of_the_ente_closes_is_said_with_its_reason(ciclope_ente, tmp_path):
    """«nobody gets it unless the Ente's objectives are reached» (Unioncamere): with the objectives not reached the
    part pays nobody; the warning says so (an owed part leaves no money, yet nobody was paid), and each person's
    explanation says the condition that did not hold, never that the part «is not theirs»."""
    assert GATED.count("ammesso") == 1 and "[[colonne]]" in GATED
    result = run_declared(ciclope_ente, tmp_path, GATED, staff("[dati]\nobiettivi_ente = false\n"))
    assert amounts(result) == {}  # no amount is owed to anyone: no award at all
    warned = [p.message for p in result.violations if p.rule == "regolamento.nessuno"]
    assert warned == [
        "la parte «premio di presenza» non paga nessuno: la condizione ammesso (il dato obiettivi_ente (gli obiettivi "
        "dell'ente raggiunti) dell'ente dice sì) non vale per nessuno"
    ]
    said = explain(result, "person", "P1")
    assert "non partecipa" not in said
    assert (
        "alla parte «premio di presenza»: no — il dato obiettivi_ente (gli obiettivi dell'ente raggiunti) dell'ente "
        in said
    )
