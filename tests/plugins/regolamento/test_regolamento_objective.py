"""``OBIETTIVO("codice")``: the achievement of one objective of the ente's obiettivi.csv, as the cycle computed it,
in the formulas of a declared regulation — «Nel caso non sia raggiunto l'obiettivo limite, non viene erogato alcun
premio», «il premio è proporzionato al raggiungimento dell'obiettivo strategico di ente». Every amount by hand,
with the arithmetic beside it; the funds and the objectives' figures are examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format.expr import BOOL, EURO, LEVEL, NUMBER, PERCENT, POINTS
from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.read.formulas import FormulaError, Scope, read
from ciclope.plugins.regolamento.read.load import load

from helpers import amounts, one_unit_comune, regulation_problems, run_declared

GATE = """\
formato = 2
[atto]
titolo = "Regolamento per la produttività del Comune di Obiettivi"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
ammesso = '=OBIETTIVO("OB1") >= 100%'
fonte = "art. 5"
"""

OBJECTIVES = """\
id,kind,title,parent,area,weight,owner
OB1,strategic,Obiettivo limite dell'ente,,,,com
OB2,operational,Servizi al cittadino,,,,com
OB3,operational,Indagine di soddisfazione,,,,com
"""
INDICATORS_HEADER = (
    "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source"
)


def comune(people: list[tuple[str, str, int]], ob1_actual: str, fund: str) -> dict[str, str]:
    """A Comune of one unit with three objectives, each of one indicator: OB1 ``ob1_actual`` of a target of 10
    (higher is better: actual / target), OB2 10 of 10 (100%), OB3 neutralised (no achievement). ``people``: (id,
    category, points of a card of one item on 100); the fund of the individual performance is ``fund``."""
    rows = [f"{pid},Persona {pid},dipendente,{category},com,1,0,false,SEG" for pid, category, _ in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, _, points in people]
    files = one_unit_comune(
        "Comune di Obiettivi", rows, cards, f'[funds]\nperformance_individuale = "{fund}"\nproduttivita = "{fund}"\n'
    )
    files["objectives.csv"] = OBJECTIVES
    files["indicators.csv"] = "\n".join([
        INDICATORS_HEADER,
        f"IN1,OB1,Pratiche evase,higher,,,10,{ob1_actual},,,,,",
        "IN2,OB2,Sportelli aperti,higher,,,10,10,,,,,",
        "IN3,OB3,Indagine,higher,,,10,,,,true,indagine annullata,",
    ]) + "\n"  # fmt: skip
    return files


PEOPLE = [("A", "C", 80), ("B", "C", 60)]


def test_the_limit_objective_reached_opens_the_premium(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, GATE, comune(PEOPLE, "10", "1400.00"))
    # OB1: 10 of 10 = 100%, at least 100%: both admitted; the fund by score, Σ 80 + 60 = 140:
    # A 1400 × 80 / 140 = 800.00, B 1400 × 60 / 140 = 600.00
    assert amounts(result) == {"A": "800.00", "B": "600.00"}
    admitted = result.figures["ammesso:produttività:A"]
    assert admitted.value is True
    [read_] = admitted.inputs
    assert (read_.name, read_.value, read_.ref) == (
        "il raggiungimento dell'obiettivo «Obiettivo limite dell'ente» (OB1)",
        1,
        "objective:OB1",
    )


def test_the_limit_objective_missed_closes_the_premium_for_everyone(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, GATE, comune(PEOPLE, "8", "1400.00"))
    # OB1: 8 of 10 = 80%, less than 100%: nobody admitted, nothing paid («non viene erogato alcun premio»)
    assert [a for a in amounts(result).values() if a != "0.00"] == []
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1400.00")  # the fund stays whole
    assert result.rewards.statuses == {"A": "non_ammesso", "B": "non_ammesso"}
    for pid in ("A", "B"):
        [read_] = result.figures[f"ammesso:produttività:{pid}"].inputs
        assert (read_.value, read_.ref) == (Decimal("0.8"), "objective:OB1")  # one value for everyone
    assert [p.message for p in result.violations if p.rule == "regolamento.formula"] == []
    # not an error, but said: the part had the whole fund and paid nobody
    assert [p.message for p in result.violations if p.rule == "regolamento.nessuno"] == [
        "la parte «produttività» non paga nessuno: la condizione ammesso (il raggiungimento dell'obiettivo «OB1» è "
        "almeno 100%) non vale per nessuno; i suoi € 1.400,00 restano residuo del fondo"
    ]


def test_explain_goes_from_the_value_read_down_to_the_indicator(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, GATE, comune(PEOPLE, "8", "1400.00"))
    text = explain(result, "person", "A")
    assert text is not None
    # the value the condition read, 8 / 10 = 80%, as the objective's own figure shows it
    objective = text.split("  • il raggiungimento dell'obiettivo «Obiettivo limite dell'ente» (OB1) = 80,00%\n", 1)[1]
    assert objective.lstrip().startswith("■ Obiettivo OB1 — Obiettivo limite dell'ente = 80,00%\n")  # its figure
    # and below it the indicator, with the cell of its actual: row 2 of indicators.csv (the header, then IN1)
    assert "Indicatore IN1 — Pratiche evase = 80,00%" in objective
    assert "consuntivo = 8   ← indicators.csv, riga 2, colonna consuntivo" in objective
    # why A is not paid says the value read as the figure shows it, a percentage
    assert (
        "  perché: Partecipazione di Persona A alla parte «produttività»: no — il raggiungimento dell'obiettivo «OB1» "
        "è meno di 100% (il raggiungimento dell'obiettivo «Obiettivo limite dell'ente» (OB1) = 80,00%)\n"
    ) in text


WEIGHT = """\
formato = 2
[atto]
titolo = "Regolamento per la produttività del Comune di Obiettivi"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
peso = '=SE(categoria = "D"; OBIETTIVO("OB1"); OBIETTIVO("OB2"))'
fonte = "art. 6"
"""


def test_a_weight_proportional_to_an_objective(ciclope_ente, tmp_path):
    """«il premio è proporzionato al raggiungimento dell'obiettivo»: here the Area D by the strategic objective OB1,
    the Area C by the operational OB2 (an example: one objective for everyone would be the same weight for all)."""
    people = [("A", "D", 70), ("B", "C", 70), ("C", "C", 70)]  # the cards are not read (valutazione = false)
    result = run_declared(ciclope_ente, tmp_path, WEIGHT, comune(people, "8", "2800.00"))
    # weights A 80% = 0.8 (OB1: 8 of 10), B and C 100% = 1 (OB2: 10 of 10); Σ 0.8 + 1 + 1 = 2.8:
    # A 2800 × 0.8 / 2.8 = 800.00, B and C 2800 × 1 / 2.8 = 1000.00
    assert amounts(result) == {"A": "800.00", "B": "1000.00", "C": "1000.00"}
    text = explain(result, "person", "A")
    assert text is not None
    assert "  • il raggiungimento dell'obiettivo «Obiettivo limite dell'ente» (OB1) = 80,00%\n" in text


def test_an_amount_proportional_to_an_objective(ciclope_ente, tmp_path):
    """«il premio di 1.000 € è proporzionato al raggiungimento dell'obiettivo strategico di ente»."""
    text = WEIGHT.replace('metodo = "proporzionale"', 'metodo = "formula"').replace(
        """peso = '=SE(categoria = "D"; OBIETTIVO("OB1"); OBIETTIVO("OB2"))'""",
        """importo = '=1000 € * OBIETTIVO("OB1")'""",
    )
    result = run_declared(ciclope_ente, tmp_path, text, comune(PEOPLE, "8", "2800.00"))
    # OB1 8 of 10 = 80%: 1000 × 0.8 = 800.00 each, at full time; 2800 − 1600 = 1200.00 left in the fund
    assert amounts(result) == {"A": "800.00", "B": "800.00"}
    assert result.rewards.pools["produttivita"].residual == Decimal("1200.00")


def test_a_neutralised_objective_has_no_value_as_an_unmeasured_unit(ciclope_ente, tmp_path):
    """OB3's only indicator is neutralised: the objective has no achievement. As ``unita`` of a unit not measured, a
    comparison with it is false (nobody admitted) and the value read says why."""
    text = GATE.replace('OBIETTIVO("OB1")', 'OBIETTIVO("OB3")')
    result = run_declared(ciclope_ente, tmp_path, text, comune(PEOPLE, "10", "1400.00"))
    assert [a for a in amounts(result).values() if a != "0.00"] == []
    [read_] = result.figures["ammesso:produttività:A"].inputs
    assert (
        read_.name
        == "il raggiungimento dell'obiettivo «Indagine di soddisfazione» (OB3) (nessun indicatore attivo e misurato (non valutato))"
    )
    assert (read_.value, read_.ref) == (None, "")
    # a weight that reads it has no value: an error naming the person, the weight counts nothing
    weighed = run_declared(ciclope_ente, tmp_path, WEIGHT.replace('"OB2"', '"OB3"'), comune(PEOPLE, "10", "1400.00"))
    messages = [p.message for p in weighed.violations if p.rule == "regolamento.formula"]
    assert any(m.startswith("parte «produttività»: peso senza valore per Persona B (") for m in messages), messages


def test_a_code_obiettivi_csv_does_not_have_is_an_error_naming_it(ciclope_ente, tmp_path):
    text = GATE.replace('OBIETTIVO("OB1")', 'OBIETTIVO("OB9")')
    result = run_declared(ciclope_ente, tmp_path, text, comune(PEOPLE, "10", "1400.00"))
    # never a silent 0: an error for each person the formula runs for, naming the code and the formula, and nobody
    # admitted (the condition counts as nothing)
    messages = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert messages == [
        f"parte «produttività»: la formula «=OBIETTIVO(\"OB9\") >= 100%» legge l'obiettivo «OB9», che non è in "
        f"objectives.csv per Persona {pid}: considerato nulla"
        for pid in ("A", "B")
    ]
    assert [a for a in amounts(result).values() if a != "0.00"] == []


@pytest.mark.parametrize("written", ["OBIETTIVO(OB1)", "OBIETTIVO(unita)", 'OBIETTIVO("")', "OBIETTIVO(1)"])
def test_the_code_is_a_text_written_in_the_formula(tmp_path, written):
    problems = regulation_problems(tmp_path, GATE.replace('OBIETTIVO("OB1")', written))
    # line 9 of the file: the «ammesso» of the first part
    assert problems == [
        f"riga 9, chiave premi[1].ammesso: formula «={written} >= 100%»: OBIETTIVO vuole il codice dell'obiettivo "
        'tra virgolette, come in obiettivi.csv, es. OBIETTIVO("OB1")'
    ]


# a formula of each type a place asks, reading an objective
OF_TYPE = {
    LEVEL: '=SE(OBIETTIVO("OB1") >= 100%; "A"; "B")',
    POINTS: '=SE(OBIETTIVO("OB1") >= 100%; 60; 70)',
    BOOL: '=OBIETTIVO("OB1") >= 100%',
    NUMBER: '=OBIETTIVO("OB1")',
    EURO: '=OBIETTIVO("OB1") * 1000 €',
    PERCENT: '=OBIETTIVO("OB1") * 50%',
}


@pytest.mark.parametrize("place", sorted(p for p in PLACES if PLACES[p].results))  # not before the results
def test_an_objective_is_read_in_every_place(place):
    """One value for everyone, as ``ente``: a threshold reads it outside any function over people, and a part
    without evaluation reads it too."""
    written = OF_TYPE[PLACES[place].result]
    assert read(written, Scope(PLACES[place], levels=("A", "B"))).text == written[1:]


def test_leggi_says_which_objective(tmp_path):
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "smvp.toml"
    path.write_text(GATE, encoding="utf-8")
    regulation, found = load(str(path))
    assert found == () and regulation is not None
    assert "il raggiungimento dell'obiettivo «OB1» è almeno 100% (formula: =OBIETTIVO(\"OB1\") >= 100%)" in render(
        regulation
    )


# an unknown function near none of the format's: said with the functions there are
TRAGUARDO = (
    "funzione sconosciuta «TRAGUARDO» (funzioni ammesse: SE, PIÙ.SE, E, O, NON, VERO, FALSO, MIN, MAX, MEDIA, SOMMA, ASS, CONCATENA, "
    "ARROTONDA, ARROTONDA.PER.DIF, ARROTONDA.PER.ECC, LIVELLO, SOTTO, SOPRA, SEZIONE, PREMIO, FASCIA, DI, MESI, "
    "OBIETTIVO, ANNI, MESI.DA, VALUTAZIONE.MEDIA, VALUTAZIONE.ULTIME, IN.SERVIZIO, SOMMA.UNITA, FONDO, OBIETTIVI.RAGGIUNTI, SOMMA.INCARICHI e, sulle persone, MEDIA.ENTE, MAX.ENTE, MIN.ENTE, "
    "SOMMA.ENTE, CONTA.ENTE, CONTA.DIVERSI.ENTE, RANGO.ENTE, ciascuna anche .GRUPPO)"
)


@pytest.mark.parametrize(
    "written, problems",
    [
        ('=TRAGUARDO("OB1") >= 100%', [TRAGUARDO]),
        ('=TRAGUARDO("OB1") * 2 + unita >= 70', [TRAGUARDO]),
        ('=SE(unita >= 70%; TRAGUARDO("OB1"); 1) > 5%', [TRAGUARDO]),
        # a problem of another expression, beside it, is still said
        (
            '=E(TRAGUARDO("OB1") >= 100%; punteggio >= 50%)',
            [TRAGUARDO, "il confronto «>=»: non si combinano punti e una percentuale"],
        ),
    ],
)
def test_an_unknown_function_is_said_once_without_knock_on_problems(written, problems):
    """An unknown function's value has no unit: what it meets is not checked for units (before, «=OBIETTIVO("OB1")
    >= 100%» added «il confronto «>=»: un numero scritto accanto a una percentuale…» to the unknown function)."""
    with pytest.raises(FormulaError) as refused:
        read(written, Scope(PLACES["ammesso"]))
    assert str(refused.value) == "; ".join(problems)


def test_the_requisiti_of_a_position_read_an_objective(ciclope_ente, tmp_path):
    """The holders' requisiti read the organizational performance too (before, ``ente`` and ``unita`` were nothing
    there): «la retribuzione di posizione spetta se l'obiettivo OB2 è raggiunto almeno al 90%»."""
    from test_regolamento_positions import HEAD as P_HEAD
    from test_regolamento_positions import POSITIONS, POSITIONS_CSV, ente

    def run(requisiti: str):
        text = (P_HEAD + POSITIONS).replace(
            'massimo = "16000.00"', f"massimo = \"16000.00\"\nrequisiti = '{requisiti}'"
        )
        data = ente([("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")], 'posizioni_po = "40000.00"',
                    **{"positions.csv": POSITIONS_CSV})  # fmt: skip
        result = run_declared(ciclope_ente, tmp_path, text, data)
        paid = {k: str(a.amount) for k, a in result.rewards.awards.items() if a.pool == "posizioni_po"}
        return paid, [p.message for p in result.violations if p.rule == "regolamento.requisiti"]

    # OB2: 9 of 10 = 90%, at least 90%: both holders paid. The fund 40000, 15% of it to the result: 34000 to the
    # positions, valued P1 92, P2 76, P3 28 (vacant); 34000 × 28 / 196 = 4857.14 is below the minimum 5000: P3 5000,
    # and 34000 − 5000 = 29000 by 92 and 76: P1 29000 × 92 / 168 = 15880.95 (15880.952…), P2 29000 × 76 / 168 =
    # 13119.05 (13119.047…), both under the maximum 16000
    paid, problems = run('=OBIETTIVO("OB2") >= 90%')
    assert (paid, problems) == ({"P1:posizioni_po": "15880.95", "P2:posizioni_po": "13119.05"}, [])
    # OB1: 8 of 10 = 80%, less than 90%: neither is paid, each said
    paid, problems = run('=OBIETTIVO("OB1") >= 90%')
    assert paid == {}
    assert problems == [
        f"Persona {who}, titolare della posizione {pid}, non ha i requisiti dell'incarico (il raggiungimento "
        "dell'obiettivo «OB1» è almeno 90%): la retribuzione di posizione non è pagata"
        for pid, who in (("P1", "PO1"), ("P2", "PO2"))
    ]
    # a code objectives.csv does not have: said as such, never «non ha i requisiti»
    paid, problems = run('=OBIETTIVO("OB9") >= 90%')
    assert paid == {}
    assert problems == [
        f"Persona {who}, titolare della posizione {pid}: i requisiti dell'incarico non si calcolano (la formula "
        "«=OBIETTIVO(\"OB9\") >= 90%» legge l'obiettivo «OB9», che non è in objectives.csv): la retribuzione di "
        "posizione non è pagata"
        for pid, who in (("P1", "PO1"), ("P2", "PO2"))
    ]
