"""[risultato_po] ``metodo = "formula"`` (format 2): the result pay of each positively evaluated person of the roles
paid is the formula ``importo`` — «mesi di servizio / 12 × punteggio / 100 × coefficiente della fascia × importo
base» — with the same people, statuses and fund ceiling as the other methods. Every amount by hand (a 2024 cycle,
leap year)."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import render

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento della retribuzione di risultato dei dirigenti"
tipo_ente = "comune"
"""
MONTHS_FORMULA = "=MESI(16 giorni) / 12 * punteggio / 100 * SE(punteggio >= 90; 1; 0,8) * 10000 €"
FORMULA = (
    HEAD
    + f"""
[risultato_po]
metodo = "formula"
ruoli = ["dirigente"]
fonte = "art. 14"
importo = '{MONTHS_FORMULA}'
"""
)
APPEAL = "person,stage,date,outcome,new_points_item,new_points\nD4,contraddittorio,2025-03-10,respinto,,\n"


def staff(people: list[tuple[str, int, str]], funds: str = "", appeals: str = "", position: bool = False):
    """(id, score, hired on) of dirigenti evaluated by the Segretario; ``funds``: the lines of [funds]; ``position``:
    a retribuzione_posizione of 40000.00 for each, but D1."""
    files = one_unit_comune(
        "Comune di Risultato",
        [],
        [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, score, _ in people],
        f"[funds]\n{funds}\n",
    )
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",assunzione,position_pay",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,",
        *(
            f"{pid},Dirigente {pid},dirigente,DIR,com,1,0,false,SEG,{hired},"
            + ("40000.00" if position and pid != "D1" else "")
            for pid, _, hired in people
        ),
    ]) + "\n"  # fmt: skip
    if appeals:
        files["appeals.csv"] = appeals
    return files


# D1 all the year; D2 from 10 April (21 days of April, then May–December); D3 from 17 July (15 days of July: not a
# month from 16 days, then August–December)
THREE = [("D1", 95, ""), ("D2", 80, "2024-04-10"), ("D3", 70, "2024-07-17")]


def test_three_dirigenti_paid_by_months_score_and_coefficient(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FORMULA, staff(THREE))
    # D1 12 months: 12 / 12 × 95 / 100 × 1 (95 ≥ 90) × 10000 = 9500.00
    # D2 1 + 8 = 9 months: 9 / 12 × 80 / 100 × 0,8 × 10000 = 0,75 × 0,8 × 0,8 × 10000 = 4800.00
    # D3 0 + 5 = 5 months: 5 / 12 × 70 / 100 × 0,8 × 10000 = 28000 / 12 = 2333.333… → 2333.33
    assert amounts(result) == {"D1": "9500.00", "D2": "4800.00", "D3": "2333.33"}
    # no fund of that name: the pool is what is due, 9500.00 + 4800.00 + 2333.33 = 16633.33, nothing residual
    pool = result.rewards.pools["risultato_po"]
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("16633.33"),) * 2 + (Decimal("0.00"),)
    assert not [v for v in result.violations if v.severity == "error"]
    assert not result.rewards.statuses


def test_a_formula_that_divides_by_zero_for_one_dirigente_says_where(ciclope_ente, tmp_path):
    # D1 scored 95: 10.000 / (95 − 95) cannot be computed, and is nothing; D2 and D3 (80, 70) give less than zero:
    # nothing, without an error. The error is at importo: HEAD's 4 lines, an empty one, then [risultato_po] on line 6
    # and importo on line 10
    text = FORMULA.replace(MONTHS_FORMULA, "=10000 € / (punteggio - 95)")
    result = run_declared(ciclope_ente, tmp_path, text, staff(THREE))
    assert amounts(result) == {"D1": "0.00", "D2": "0.00", "D3": "0.00"}
    assert [(v.where, v.message) for v in result.violations if v.rule == "regolamento.formula"] == [
        (
            "smvp.toml:10:risultato_po.importo",
            "retribuzione di risultato: la formula «=10000 € / (punteggio - 95)» divide per zero (il punteggio = "
            "95,00) per Dirigente D1: considerata nulla",
        )
    ]


def test_below_the_positive_threshold_with_its_contraddittorio_nothing(ciclope_ente, tmp_path):
    four = [*THREE, ("D4", 50, "")]
    result = run_declared(ciclope_ente, tmp_path, FORMULA, staff(four, appeals=APPEAL))
    # D4: 50 < 60 (soglia_positiva by default), its contraddittorio recorded: nothing, never 12 / 12 × 0,5 × 0,8 ×
    # 10000 = 4000.00; the others as above
    assert amounts(result) == {"D1": "9500.00", "D2": "4800.00", "D3": "2333.33", "D4": "0.00"}
    assert result.rewards.statuses == {"D4": "valutazione_negativa"}
    assert not [v for v in result.violations if v.rule == "regolamento.contraddittorio"]
    figure = result.figures["award:D4:risultato_po"]
    assert figure.formula == "nessuna retribuzione: valutazione negativa, sotto la soglia della valutazione positiva"
    # the explanation says the threshold and the row of appeals.csv that recorded the contraddittorio: row 2, after
    # the header, its column esito (outcome) «respinto»
    text = explain(result, "person", "D4")
    assert (
        "  • soglia della valutazione positiva = 60 punti\n"
        "  • contraddittorio del 10/03/2025 = respinto   ← appeals.csv, riga 2, colonna esito\n"
    ) in text


def test_below_the_positive_threshold_without_its_contraddittorio_an_error(ciclope_ente, tmp_path):
    four = [*THREE, ("D4", 50, "")]
    result = run_declared(ciclope_ente, tmp_path, FORMULA, staff(four))
    (error,) = [v for v in result.violations if v.rule == "regolamento.contraddittorio"]
    assert (
        error.severity == "error"
        and "Dirigente D4: valutazione negativa (50,00 < 60) senza il contraddittorio" in error.message
    )
    assert amounts(result)["D4"] == "0.00"
    # contraddittorio = false: no error, the same nothing
    quiet = run_declared(ciclope_ente, tmp_path, FORMULA + "contraddittorio = false\n", staff(four))
    assert not [v for v in quiet.violations if v.rule == "regolamento.contraddittorio"]
    assert amounts(quiet)["D4"] == "0.00"


ROUND = [("D1", 95, ""), ("D2", 80, "2024-04-10"), ("D3", 70, "2024-07-16")]


def test_a_fund_too_small_is_split_in_proportion_with_a_warning(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FORMULA, staff(ROUND, 'risultato_po = "8550.00"'))
    # due: D1 9500.00, D2 4800.00 (as above), D3 from 16 July (16 days of July, then August–December) 6 months:
    # 6 / 12 × 0,7 × 0,8 × 10000 = 2800.00; Σ 17100.00 > 8550.00, exactly half of it: 4750.00, 2400.00, 1400.00
    assert amounts(result) == {"D1": "4750.00", "D2": "2400.00", "D3": "1400.00"}
    (warning,) = [v for v in result.violations if v.rule == "regolamento.fondo_insufficiente"]
    assert warning.severity == "warning" and "17.100,00" in warning.message
    pool = result.rewards.pools["risultato_po"]
    assert (pool.distributed, pool.residual) == (Decimal("8550.00"), Decimal("0.00"))


def test_a_fund_large_enough_is_a_ceiling_and_the_rest_residual(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FORMULA, staff(ROUND, 'risultato_po = "20000.00"'))
    # Σ due 17100.00 ≤ 20000.00: each paid in full, 2900.00 residual
    assert amounts(result) == {"D1": "9500.00", "D2": "4800.00", "D3": "2800.00"}
    pool = result.rewards.pools["risultato_po"]
    assert (pool.distributed, pool.residual) == (Decimal("17100.00"), Decimal("2900.00"))
    assert not [v for v in result.violations if v.rule == "regolamento.fondo_insufficiente"]


DIVIDED = FORMULA.replace(MONTHS_FORMULA, "=fondo * punteggio / SOMMA.ENTE(punteggio)")


def test_a_formula_dividing_the_fund_rounds_within_it_without_a_shortfall(ciclope_ente, tmp_path):
    three = [("D1", 80, ""), ("D2", 80, ""), ("D3", 80, "")]
    result = run_declared(ciclope_ente, tmp_path, DIVIDED, staff(three, 'risultato_po = "200.00"'))
    # 200.00 × 80 / 240 = 66.666… each, half-up 66.67: 3 × 66.67 = 200.01 passes the fund by a cent, though the exact
    # amounts total 200.00: by largest remainder 3 × 66.66 = 199.98 and the 2 cents to the equal remainders by id,
    # D1 and D2: 66.67 + 66.67 + 66.66 = 200.00, no shortfall
    assert amounts(result) == {"D1": "66.67", "D2": "66.67", "D3": "66.66"}
    assert not [v for v in result.violations if v.rule == "regolamento.fondo_insufficiente"]
    assert "resti più alti" in result.figures["award:D3:risultato_po"].note
    # fondo is the result pay's fund, with the figure of the fund
    inputs = {i.name: i for i in result.figures["award:D1:risultato_po"].inputs}
    fund = inputs["il fondo della retribuzione di risultato"]
    assert (fund.value, fund.ref) == (Decimal("200.00"), "pool:risultato_po")


def test_a_formula_reading_a_missing_fund_pays_nothing_and_says_why(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, DIVIDED, staff(ROUND))
    assert amounts(result) == {"D1": "0.00", "D2": "0.00", "D3": "0.00"}
    (warning,) = [v for v in result.violations if v.rule == "regolamento.fondo"]
    assert "manca [fondi]" in warning.message and "la formula importo legge fondo" in warning.message


def test_the_position_pay_missing_only_when_the_formula_reads_it(ciclope_ente, tmp_path):
    reading = FORMULA.replace(MONTHS_FORMULA, "=retribuzione_posizione * punteggio / 100 * 25%")
    result = run_declared(ciclope_ente, tmp_path, reading, staff(ROUND, position=True))
    # D1 has no retribuzione_posizione: senza_posizione, and an error names it; D2 40000 × 80 / 100 × 25% = 8000.00,
    # D3 40000 × 70 / 100 × 25% = 7000.00
    assert amounts(result) == {"D1": "0.00", "D2": "8000.00", "D3": "7000.00"}
    assert result.rewards.statuses == {"D1": "senza_posizione"}
    assert [v.rule for v in result.violations if v.rule == "regolamento.posizione"] == ["regolamento.posizione"]
    # a formula that does not read it pays D1 all the same (the months formula: 9500.00 as above)
    plain = run_declared(ciclope_ente, tmp_path, FORMULA, staff(ROUND, position=True))
    assert amounts(plain)["D1"] == "9500.00" and not plain.rewards.statuses


def test_the_award_explained_down_to_what_the_formula_read(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, FORMULA, staff(THREE))
    figure = result.figures["award:D2:risultato_po"]
    assert figure.value == Decimal("4800.00")
    assert figure.formula.startswith(f"retribuzione di risultato = «{MONTHS_FORMULA}» (")
    assert "arrotondata al centesimo" in figure.formula
    found = {i.name: i for i in figure.inputs}
    assert found["mesi di servizio nell'anno (un mese conta da 16 giorni di servizio)"].value == Decimal(9)
    hired = found["data di assunzione"]
    assert hired.cell == "people.csv:4:assunzione"  # the header, SEG, D1, then D2 on line 4
    assert found["il punteggio"].ref == "score:D2" and found["il punteggio"].value == Decimal("80.00")
    (paid,) = [i for i in figure.inputs if i.name == "retribuzione di risultato dalla formula"]
    assert paid.value == Decimal("4800.00")
    text = explain(result, "person", "D2")
    assert "  • mesi di servizio nell'anno (un mese conta da 16 giorni di servizio) = 9\n" in text
    assert "data di assunzione = 10/04/2024   ← people.csv" in text


def problems(tmp_path, body: str) -> list[str]:
    return regulation_problems(tmp_path, HEAD + '\n[risultato_po]\nruoli = ["dirigente"]\nfonte = "art. 14"\n' + body)


def test_importo_is_required_with_the_formula_method(tmp_path):
    found = problems(tmp_path, 'metodo = "formula"\n')
    assert any("risultato_po" in m and "il metodo «formula» richiede la chiave importo" in m for m in found)


def test_importo_with_another_method_is_an_error(tmp_path):
    body = f"metodo = \"percentuale\"\nimporto = '{MONTHS_FORMULA}'\npercentuali = [{{ da = 60, quota = 0.2 }}]\n"
    found = problems(tmp_path, body)
    assert any(
        "risultato_po.importo" in m and "vale per il metodo «formula», non per «percentuale»" in m for m in found
    )


def test_percentuali_with_the_formula_method_is_an_error(tmp_path):
    body = f"metodo = \"formula\"\nimporto = '{MONTHS_FORMULA}'\npercentuali = [{{ da = 60, quota = 0.2 }}]\n"
    found = problems(tmp_path, body)
    assert any("risultato_po.percentuali" in m and "non per «formula»" in m for m in found)


def test_the_formula_method_is_of_format_2(tmp_path):
    text = HEAD.replace("formato = 2", "formato = 1") + '[risultato_po]\nmetodo = "formula"\nfonte = "art. 14"\n'
    found = regulation_problems(tmp_path, text)
    assert any("risultato_po.metodo" in m and "il metodo «formula» è del formato 2" in m for m in found), found
    found = regulation_problems(tmp_path, FORMULA.replace("formato = 2", "formato = 1"))
    assert any("risultato_po.importo" in m and "scrivi formato = 2" in m for m in found), found


def test_the_formula_checked_for_its_place(tmp_path):
    found = problems(tmp_path, "metodo = \"formula\"\nimporto = '=PREMIO(\"produttività\") + giorni'\n")
    assert any("risultato_po.importo" in m and "«giorni» non si usa" in m for m in found), found
    # a formula that gives points, not euro
    found = problems(tmp_path, "metodo = \"formula\"\nimporto = '=punteggio * 2'\n")
    assert any("la retribuzione di risultato è euro" in m for m in found), found


def test_leggi_says_the_method(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(FORMULA, encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is not None, found
    text = render(regulation)
    assert (
        "La retribuzione di risultato dei dirigenti con una valutazione positiva è pari ai mesi di servizio" in text
    ), text
    assert f"(formula: {MONTHS_FORMULA})" in text


def test_the_result_pay_split_from_a_fund_ente_toml_lacks(ciclope_ente, tmp_path):
    # metodo = "fondo" and no [fondi] risultato_po in ente.toml: a warning asks for it, and each dirigente's result
    # pay is nothing, said so, with no reference to a fund figure that was never recorded (D1, without position pay,
    # says that first)
    reg = HEAD + '\n[risultato_po]\nmetodo = "fondo"\nruoli = ["dirigente"]\nfonte = "art. 14"\n'
    result = run_declared(ciclope_ente, tmp_path, reg, staff([("D1", 95, ""), ("D2", 80, "")], position=True))
    assert [(v.severity, v.message) for v in result.violations if v.rule == "regolamento.fondo"] == [
        ("warning", "manca [fondi] risultato_po: nessuna retribuzione di risultato calcolata")
    ]
    # the fund typed another way in ente.toml is read by nothing: an error, not a warning (the 5.000,00 € written
    # would be paid to nobody without a word of it among the errors), naming it
    typo = staff([("D1", 95, ""), ("D2", 80, "")], funds='risultato_p_o = "5000.00"', position=True)
    (tmp_path / "typo").mkdir()
    misspelt = run_declared(ciclope_ente, tmp_path / "typo", reg, typo)
    assert [(v.severity, v.message) for v in misspelt.violations if v.rule == "regolamento.fondo"] == [
        (
            "error",
            "manca [fondi] risultato_po ([fondi] di ente.toml ha «risultato_p_o»: è questo, scritto in un altro "
            "modo?): nessuna retribuzione di risultato calcolata",
        )
    ]
    award = result.figures["award:D2:risultato_po"]
    assert (award.value, award.formula) == (Decimal(0), "nessuna retribuzione: manca il fondo «risultato_po»")
    assert [i.ref for i in award.inputs if i.name == "fondo"] == [""]
    assert result.figures["award:D1:risultato_po"].formula == "nessuna retribuzione: senza_posizione"


def test_a_mistyped_threshold_is_one_error_not_also_a_step_below_the_default(tmp_path):
    """«soglia_positva = 50» for «soglia_positiva»: the key is unknown, and its 50 is what the steps are judged
    against — the default 60 would add «un gradino parte da 50, sotto la soglia positiva 60», a second message for
    the one mistake."""
    body = 'metodo = "percentuale"\nsoglia_positva = 50\npercentuali = [{ da = 90, quota = 0.2 }, { da = 50, quota = 0.1 }]\n'
    [message] = problems(tmp_path, body)
    assert "risultato_po.soglia_positva: chiave sconosciuta (forse «soglia_positiva»?)" in message
    # a mistyped required key is not also «manca la fonte»
    text = HEAD + '\n[risultato_po]\nruoli = ["dirigente"]\nfnte = "art. 14"\nmetodo = "percentuale"\n'
    [message] = regulation_problems(tmp_path, text + "percentuali = [{ da = 60, quota = 0.2 }]\n")
    assert "risultato_po.fnte: chiave sconosciuta (forse «fonte»?)" in message


def test_a_product_written_in_a_share_says_its_result(tmp_path):
    """The text's «il 25% del 35%» written «"35% * 25%"» where a number goes: the message gives the product done,
    0,35 × 0,25 = 0,0875, the 8,75% — and 2 × 5 = 10 said as 10, not in an exponent's notation."""
    body = 'metodo = "percentuale"\npercentuali = [{ da = 90, quota = "35% * 25%" }, { da = 60, quota = 0.1 }]\n'
    [message] = problems(tmp_path, body)
    assert message.endswith(
        'quota: atteso un numero, trovato il testo «35% * 25%»: qui va il risultato del calcolo, non il calcolo '
        "(quota = 0.0875, cioè 8,75%)"
    ), message
    [message] = problems(tmp_path, body.replace('"35% * 25%"', '"2 × 0,05"'))
    assert message.endswith("(quota = 0.1)"), message  # 2 × 0,05 = 0,1: no percentage was written
    [message] = problems(tmp_path, body.replace('"35% * 25%"', '"2 * 5"'))
    assert message.endswith("(quota = 10)"), message


def test_a_result_pay_without_a_fund_is_explained_as_the_sum_of_what_is_due(ciclope_ente, tmp_path):
    """[risultato_po] «percentuale» and no [fondi] risultato_po: what is allocated is what is due, and `explain --pool`
    shows it, person by person, instead of «Nessuna cifra calcolata da spiegare»."""
    reg = HEAD + '\n[risultato_po]\nmetodo = "percentuale"\nruoli = ["dirigente"]\nfonte = "art. 14"\n'
    reg += "percentuali = [{ da = 90, quota = 0.25 }, { da = 60, quota = 0.15 }]\n"
    people = [("D1", 95, ""), ("D2", 95, ""), ("D3", 80, "")]
    result = run_declared(ciclope_ente, tmp_path, reg, staff(people, position=True))
    pool = result.figures["pool:risultato_po"]
    # D1 has no position pay (no result pay, not listed); D2 95 → 25% × 40.000,00 = 10.000,00; D3 80 → 15% ×
    # 40.000,00 = 6.000,00; the pool is their sum, 16.000,00
    assert {i.name: i.value for i in pool.inputs} == {
        "retribuzione di risultato di Dirigente D2": Decimal("10000.00"),
        "retribuzione di risultato di Dirigente D3": Decimal("6000.00"),
    }
    assert pool.value == Decimal("16000.00")
    assert pool.formula == "somma delle retribuzioni di risultato dovute: nessun fondo in [fondi] la limita"
    text = explain(result, "pool", "risultato_po")
    assert "Nessuna cifra calcolata da spiegare" not in text and "■ Retribuzione di risultato di Dirigente D2" in text


def test_a_result_pay_that_lost_its_cent_says_its_exact_amount_and_why(ciclope_ente, tmp_path):
    three = [("D1", 80, ""), ("D2", 81, ""), ("D3", 94, "")]
    result = run_declared(ciclope_ente, tmp_path, DIVIDED, staff(three, 'risultato_po = "1000.00"'))
    # Σ 80 + 81 + 94 = 255: 1000 × 80 / 255 = 313.72549…, × 81 / 255 = 317.64705…, × 94 / 255 = 368.62745…;
    # half-up 313.73 + 317.65 + 368.63 = 1000.01 passes the fund; down 999.98, the 2 cents to the largest remainders,
    # D3 (0.745 of a cent) and D2 (0.705), not D1 (0.549)
    assert amounts(result) == {"D1": "313.72", "D2": "317.65", "D3": "368.63"}
    lost = result.figures["award:D1:risultato_po"].note
    assert "importo esatto € 313,7254…: € 313,72 al centesimo per difetto" in lost
    assert "arrotondato da solo sarebbe € 313,73: il centesimo in meno è il suo" in lost
    # the row of the formula's 313.73 says it is rounded on its own, never read as the 313.72 paid
    given = {i.name: i.value for i in result.figures["award:D1:risultato_po"].inputs}
    assert given["retribuzione di risultato dalla formula, arrotondata da sola"] == Decimal("313.73")
    assert "retribuzione di risultato dalla formula" not in given
    gained = result.figures["award:D2:risultato_po"].note
    assert "importo esatto € 317,6470…: € 317,64 al centesimo per difetto, più un centesimo" in gained
