"""A part with money that pays nobody is said, with why and where its money goes: never a silent residual. The
amounts are examples; the warnings are the office's to read, not errors (a regulation may pay nothing in a year)."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, run_declared

TWO_PARTS = """\
formato = 2
[atto]
titolo = "Regolamento per la produttività del Comune di Prova"
tipo_ente = "comune"

[[premi]]
nome = "posizioni"
metodo = "proporzionale"
ruoli = ["po"]
quota_fondo = 0.4
residuo_a = "produttività"
fonte = "art. 5"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
quota_fondo = 0.6
fonte = "art. 6"
"""


def comune(points: tuple[int, ...] = (80, 60)) -> dict[str, str]:
    """Two full-time employees (no PO) with a card each of ``points`` on 100; the fund 1,000.00 €."""
    rows = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, len(points) + 1)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{p}," for i, p in enumerate(points, 1)]
    return one_unit_comune("Comune di Prova", rows, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def warnings(result) -> list[str]:
    return [p.message for p in result.violations if p.rule == "regolamento.nessuno"]


def test_a_part_for_roles_the_ente_does_not_have_is_said(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TWO_PARTS, comune())
    # «posizioni» has 1,000 × 40% = 400.00 € and no PO: all of it goes on to «produttività», which has
    # 600 + 400 = 1,000.00, by score (Σ 80 + 60 = 140): 1,000 × 80 / 140 = 571.43, 1,000 × 60 / 140 = 428.57
    assert amounts(result) == {"P1": "571.43", "P2": "428.57"}
    assert warnings(result) == [
        "la parte «posizioni» non paga nessuno: nessuna persona dei suoi ruoli è in servizio e valutata; i suoi "
        "€ 400,00 vanno alla parte «produttività»"
    ]
    [warning] = [p for p in result.violations if p.rule == "regolamento.nessuno"]
    assert warning.severity == "warning"


def test_the_warning_names_the_regulation_s_file_and_the_part_s_line(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TWO_PARTS, comune())
    [warning] = [p for p in result.violations if p.rule == "regolamento.nessuno"]
    # «posizioni» is the first [[premi]], written at line 6 of smvp.toml (formato, [atto] and its two keys, a blank
    # line): the office finds it there, never at a file «regolamento» that does not exist
    assert warning.said == "smvp.toml, riga 6, [[premi]] n. 1"
    assert warning.render().startswith("smvp.toml, riga 6, [[premi]] n. 1: avviso: la parte «posizioni»")


def test_a_premium_of_one_table_is_placed_at_its_header(ciclope_ente, tmp_path):
    text = TWO_PARTS.split("[[premi]]")[0] + '[premio]\nmetodo = "proporzionale"\nruoli = ["po"]\nfonte = "art. 5"\n'
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    [warning] = [p for p in result.violations if p.rule == "regolamento.nessuno"]
    # [premio] is at line 6 (after formato, [atto], its two keys and a blank line), said as its header
    assert warning.said == "smvp.toml, riga 6, [premio]"


def test_a_part_whose_threshold_nobody_reaches_is_said_with_the_amount_left(ciclope_ente, tmp_path):
    text = TWO_PARTS.replace('metodo = "proporzionale"\nquota_fondo = 0.6', 'metodo = "soglie"\nquota_fondo = 0.6\n'
                             'massimo = "300.00"\npiena = 90\nminima = 70')  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, text, comune((65, 60)))
    # 65 and 60 points, below the minimum of 70: «produttività» pays nobody its 600 + 400 = 1,000.00 €
    assert [a for a in amounts(result).values() if a != "0.00"] == []
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1000.00")
    assert warnings(result)[1] == (
        "la parte «produttività» non paga nessuno: nessuno raggiunge un importo (le soglie, i livelli o le fasce del "
        "regolamento); i suoi € 1.000,00 restano residuo del fondo"
    )


def test_a_part_whose_weights_are_all_zero_says_the_weight(ciclope_ente, tmp_path):
    # «in proporzione ai giorni di assenza oltre 365»: nobody has such days, so each weight is 0 and nobody is paid;
    # the reason is the weight, not a threshold or a level, which this part does not have
    text = TWO_PARTS.replace('quota_fondo = 0.6\n', 'quota_fondo = 0.6\npeso = "=MAX(0; assenze - 365)"\n')
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    # «produttività» had 600 + the 400 of «posizioni» = 1,000.00 €, all left
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1000.00")
    assert warnings(result)[1] == (
        "la parte «produttività» non paga nessuno: il peso di ciascuno è zero (il maggiore tra 0 e i giorni di "
        "assenza meno 365); i suoi € 1.000,00 restano residuo del fondo"
    )


def test_a_formula_part_that_pays_nobody_says_the_formula(ciclope_ente, tmp_path):
    # a part whose amount is a formula has no threshold, level or band: «nessuno raggiunge un importo (le soglie …)»
    # would send the office looking for what the part does not have. Here the formula gives 0 to everyone
    text = TWO_PARTS.replace('metodo = "proporzionale"\nquota_fondo = 0.6\n',
                             'metodo = "formula"\nquota_fondo = 0.6\nimporto = "=SE(punteggio > 90; 100 €; 0 €)"\n')  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    # 80 and 60 points, neither above 90: nothing paid of the 600 + 400 = 1.000,00 €
    assert warnings(result)[1] == (
        "la parte «produttività» non paga nessuno: la formula importo dà 0, o non si calcola, per ciascuno (le "
        "spiegazioni e gli errori dicono perché); i suoi € 1.000,00 restano residuo del fondo"
    )


def test_a_part_that_pays_someone_is_not_said(ciclope_ente, tmp_path):
    text = TWO_PARTS.replace('ruoli = ["po"]\n', "")
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    # both parts pay the two employees: 400 × 80 / 140 = 228.57 and 600 × 80 / 140 = 342.86 … no warning
    assert warnings(result) == []
    assert sum(Decimal(a) for a in amounts(result).values()) == Decimal("1000.00")


EMPLOYEES_ONLY = """\
formato = 2
[atto]
titolo = "Regolamento per la produttività del Comune di Prova"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
ruoli = ["dipendente"]
fonte = "art. 6"
"""


def with_a_po() -> dict[str, str]:
    """An employee (80 points) and a PO (90 points), both full time; the fund 1,000.00 €."""
    rows = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG", "P2,Persona 2,po,D,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,80,", "P2,SEG,scheda,Valutazione complessiva,100,90,"]
    return one_unit_comune("Comune di Prova", rows, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def test_a_person_of_a_role_no_part_pays_is_told_why_nothing(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, EMPLOYEES_ONLY, with_a_po())
    # only P1 is of a role the part pays: all of the 1,000.00 € to P1; the PO and the Segretario have no award
    assert amounts(result) == {"P1": "1000.00"}
    text = explain(result, "person", "P2")
    assert "Premio: nessun importo assegnato.\n" in text
    assert (
        "  perché: Partecipazione di Persona 2 al premio: no — nessuna parte del premio paga il suo ruolo "
        "(«produttività» paga i dipendenti) (ruolo = Posizione organizzativa)\n"
        "  regola: Regolamento per la produttività del Comune di Prova, art. 6\n"
    ) in text
    # the reason goes down to the cell it read: row 4 of people.csv (header, SEG, P1, P2)
    assert "• ruolo = Posizione organizzativa   ← people.csv, riga 4, colonna ruolo" in text
    figure = result.figures["ammesso:SEG"]  # the Segretario too, whom the regulation does not evaluate
    assert figure.value is False
    assert "ammesso:P1" not in result.figures  # paid by the part: nothing to explain


def test_a_role_some_part_pays_has_no_such_reason(ciclope_ente, tmp_path):
    text = EMPLOYEES_ONLY.replace('ruoli = ["dipendente"]', 'ruoli = ["dipendente", "po"]')
    result = run_declared(ciclope_ente, tmp_path, text, with_a_po())
    # both paid by score: 1,000 × 80 / 170 = 470.588… → 470.59, 1,000 × 90 / 170 = 529.411… → 529.41
    assert amounts(result) == {"P1": "470.59", "P2": "529.41"}
    assert [k for k in result.figures if k.startswith("ammesso:")] == ["ammesso:SEG"]


LEVELS = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Prova"
tipo_ente = "comune"

[livelli]
fonte = "art. 7"
scala = [{ nome = "alto", da = 80 }, { nome = "medio", da = 60 }, { nome = "basso", da = 0 }]

[premio]
metodo = "livelli"
fonte = "art. 9"
coefficienti = { alto = 1, medio = 0.5, basso = 0 }
"""

BANDS = LEVELS.replace('metodo = "livelli"', 'metodo = "fasce"').replace(
    "coefficienti = { alto = 1, medio = 0.5, basso = 0 }",
    'fasce = [{ nome = "prima", personale = 0.34, coefficiente = 1 }, '
    '{ nome = "quarta", personale = 0.66, coefficiente = 0 }]',
)


def three(points: tuple[int, int, int] = (80, 50, 0)) -> dict[str, str]:
    rows = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in (1, 2, 3)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{p}," for i, p in enumerate(points, 1)]
    return one_unit_comune("Comune di Prova", rows, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def reason(result, pid: str) -> str:
    """The «perché» line of the person's explanation."""
    [line] = [x for x in explain(result, "person", pid).splitlines() if x.startswith("  perché: ")]
    return line


def test_a_zero_from_a_level_says_the_coefficient_not_the_score(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, LEVELS, three())
    # levels: P1 alto (80), P2 basso (50), P3 basso (0); weights 1, 0, 0: P1 has all 1,000.00
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00", "P3": "0.00"}
    # the reason alone, the formula and the share paid being in the figure under it (docs/regolamento.md), in words
    # and with the level named as the regulation names it (an IPAB read «il coefficiente del livello = 0»)
    assert reason(result, "P2") == "  perché: Premio di Persona 2: nessun importo: il livello «basso» ha coefficiente 0"
    # P3's score of 0 is not what the level's coefficient multiplies: the coefficient is still the reason
    assert reason(result, "P3").endswith(": nessun importo: il livello «basso» ha coefficiente 0")
    assert "= 0" not in explain(result, "person", "P2").split("perché:", 1)[1].splitlines()[0]
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "P2")))).split())
    assert "Nessun importo: il livello «basso» ha coefficiente 0" in page, page
    assert "nessun importo" not in result.figures["award:P1"].note


def test_a_score_below_every_level_says_so(ciclope_ente, tmp_path):
    text = LEVELS.replace(', { nome = "basso", da = 0 }', "").replace(", basso = 0", "")
    result = run_declared(ciclope_ente, tmp_path, text, three())
    # levels from 60: P1 alto (80); P2 (50) and P3 (0) reach none: coefficient 0, P1 has all 1,000.00
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00", "P3": "0.00"}
    assert reason(result, "P2").endswith(
        ": nessun importo: il punteggio non raggiunge nessun livello, e il coefficiente è 0"
    )
    text = explain(result, "person", "P2")
    assert "  • livello = nessuno: il punteggio è sotto la soglia del livello più basso   (spiegato sopra:" in text


def test_a_zero_from_a_band_says_its_coefficient(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BANDS, three())
    # 3 people: the first band ⌊3 × 34%⌋ = 1 place (P1, 80 points), the rest in «quarta» with coefficient 0
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00", "P3": "0.00"}
    assert reason(result, "P2").endswith(": nessun importo: la fascia «quarta» ha coefficiente 0")


def test_a_zero_from_a_score_says_the_score(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, EMPLOYEES_ONLY, three((80, 20, 0)))
    # by score: 1,000 × 80 / 100 = 800.00, 1,000 × 20 / 100 = 200.00, and 0 for the score of 0
    assert amounts(result) == {"P1": "800.00", "P2": "200.00", "P3": "0.00"}
    assert reason(result, "P3").endswith(": nessun importo: il punteggio = 0")


ABSENCES = (
    EMPLOYEES_ONLY
    + """
[[riduzioni]]
misura = "assenze"
fonte = "art. 7"
scaglioni = [{ da = 0, a = 90, riduzione = 0 }, { da = 91, riduzione = 1 }]
"""
)


def test_a_zero_from_a_reduction_says_the_reduction_alone(ciclope_ente, tmp_path):
    files = three((80, 75, 0))
    files["people.csv"] = files["people.csv"].replace(
        "P2,Persona 2,dipendente,C,com,1,0,", "P2,Persona 2,dipendente,C,com,1,100,"
    )
    result = run_declared(ciclope_ente, tmp_path, ABSENCES, files)
    # P2's 100 days of absence are past 90: −100%, nothing; P1 has 1,000 × 80 / 80 = 1,000.00 (P3's score is 0)
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00", "P3": "0.00"}
    # the note keeps the share paid; the «perché» is the reason alone (docs/regolamento.md)
    assert "quota pagata = " in result.figures["award:P2"].note
    assert reason(result, "P2") == (
        # the reduction's article (art. 7), not only the premium's (art. 6) beside «regola», after the act's title
        "  perché: Premio di Persona 2 — produttività: nessun importo: la riduzione per giorni di assenza è del 100% "
        "(Regolamento per la produttività del Comune di Prova, art. 7)"
    )


def test_the_parts_that_pay_the_same_roles_are_said_together(ciclope_ente, tmp_path):
    text = EMPLOYEES_ONLY.replace('fonte = "art. 6"', 'quota_fondo = 0.5\nfonte = "art. 6"') + (
        '\n[[premi]]\nnome = "obiettivi"\nmetodo = "proporzionale"\nruoli = ["dipendente"]\nquota_fondo = 0.5\n'
        'fonte = "art. 7"\n'
    )
    result = run_declared(ciclope_ente, tmp_path, text, with_a_po())
    # P1 alone in both parts: 500.00 + 500.00; the PO is told both parts pay only the dipendenti, both articles cited
    assert amounts(result) == {"P1": "1000.00"}
    figure = result.figures["ammesso:P2"]
    assert (
        figure.note == "nessuna parte del premio paga il suo ruolo («produttività» e «obiettivi» pagano i dipendenti)"
    )
    assert figure.source.endswith("art. 6, art. 7")


def test_a_zero_a_formula_gave_is_put_on_the_condition_that_chose_it(ciclope_ente, tmp_path):
    text = EMPLOYEES_ONLY.replace(
        'metodo = "proporzionale"', "metodo = \"formula\"\nimporto = '=SE(assenze = 0; 0; 100)'"
    )
    files = three((80, 50, 0))
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # no absences for anyone: the formula gives 0 to all three, not because absences are 0 as a factor (nothing
    # multiplies by them) but because the condition «assenze = 0» chose the «allora», 0
    assert amounts(result) == {"P1": "0.00", "P2": "0.00", "P3": "0.00"}
    note = result.figures["award:P1"].note
    assert note == "nessun importo: i giorni di assenza sono uguali a 0; quota pagata = tempo lavorato"


def by_formula(ciclope_ente, folder, importo: str):
    """The three employees (80, 50 and 0 points) paid by a part whose amount is the formula ``importo``, run in
    ``folder`` (made where it is not there)."""
    text = EMPLOYEES_ONLY.replace('metodo = "proporzionale"', f'metodo = "formula"\nimporto = {importo}')
    folder.mkdir(exist_ok=True)
    return run_declared(ciclope_ente, folder, text, three((80, 50, 0)))


def test_the_otherwise_of_piu_se_says_the_cases_that_did_not_hold(ciclope_ente, tmp_path):
    # «PIÙ.SE(…; VERO; 0)»: who reaches the catch-all is paid nothing because no case before it held, never «vero»
    importo = "'=PIÙ.SE(punteggio >= 70; 100 €; punteggio >= 40; 50 €; VERO; 0 €)'"
    result = by_formula(ciclope_ente, tmp_path, importo)
    # 80 ≥ 70: 100,00; 50 ≥ 40: 50,00; 0: neither, 0 — said by the lowest threshold missed (under 40 is under 70)
    assert amounts(result) == {"P1": "100.00", "P2": "50.00", "P3": "0.00"}
    assert result.figures["award:P3"].note.startswith("nessun importo: il punteggio è meno di 40;")


def test_nested_thresholds_missed_say_the_lowest(ciclope_ente, tmp_path):
    # the same rule as SE within SE: under 40 is under 70 too, so the reason is the threshold missed last, once
    importo = "'=SE(punteggio >= 70; 100 €; SE(punteggio >= 40; 50 €; 0 €))'"
    result = by_formula(ciclope_ente, tmp_path, importo)
    # 80 ≥ 70: 100,00; 50 ≥ 40: 50,00; 0: below both, 0
    assert amounts(result) == {"P1": "100.00", "P2": "50.00", "P3": "0.00"}
    assert result.figures["award:P3"].note.startswith("nessun importo: il punteggio è meno di 40;")
    # a threshold of another measure is a reason of its own: both said
    importo = "'=SE(punteggio >= 70; 100 €; SE(punteggio / 10 >= 4; 50 €; 0 €))'"
    result = by_formula(ciclope_ente, tmp_path / "due", importo)
    assert result.figures["award:P3"].note.startswith("nessun importo: il punteggio è meno di 70, il punteggio")


def test_a_formula_that_rounds_to_the_cent_is_not_said_rounded_again(ciclope_ente, tmp_path):
    importo = "'=ARROTONDA.PER.DIF(punteggio * 5,005 €; 2)'"
    result = by_formula(ciclope_ente, tmp_path, importo)
    # 80 × 5,005 = 400,40; 50 × 5,005 = 250,25, within the fund of 1.000,00 (650,65), each to the cent already
    assert amounts(result) == {"P1": "400.40", "P2": "250.25", "P3": "0.00"}
    formula = result.figures["award:P1"].formula
    assert formula.endswith("arrotondato per difetto a 2 decimali)"), formula  # its own rounding, said once
    # a formula that does not round says the cent
    importo = "'=punteggio * 5,005 €'"
    result = by_formula(ciclope_ente, tmp_path / "due", importo)
    assert result.figures["award:P1"].formula.endswith("), arrotondato al centesimo")


RESULT_PAY = (
    EMPLOYEES_ONLY
    + """
[risultato_po]
metodo = "formula"
importo = '=fondo * punteggio / SOMMA.ENTE(punteggio)'
fonte = "art. 10"
"""
)


def with_a_dirigente() -> dict[str, str]:
    """An employee (80 points) and a dirigente (90 points), both full time; 1,000.00 € for the premium and 3,000.00 €
    for the result pay."""
    rows = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG", "D1,Dirigente 1,dirigente,DIR,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,80,", "D1,SEG,scheda,Valutazione complessiva,100,90,"]
    funds = '[funds]\nperformance_individuale = "1000.00"\nrisultato_po = "3000.00"\n'
    return one_unit_comune("Comune di Prova", rows, cards, funds)


def test_a_result_pay_for_roles_the_ente_does_not_have_is_said(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, RESULT_PAY, with_a_dirigente())
    # [risultato_po] without ruoli pays the PO / EQ, and the ente has none: nobody, and its 3,000.00 € stay; the part
    # pays P1 all of its 1,000.00 €
    assert amounts(result) == {"P1": "1000.00"}
    assert result.rewards.pools["risultato_po"].residual == Decimal("3000.00")
    [warning] = [p for p in result.violations if p.rule == "regolamento.nessuno"]
    # the key to write, ruoli, is not in the file: the place is its table's, [risultato_po] at line 12 (the ten
    # lines of EMPLOYEES_ONLY, then a blank one)
    assert (warning.severity, warning.said) == ("warning", "smvp.toml, riga 12, [risultato_po] ruoli")
    # the roles present that nothing pays, as the regulation's roles are ordered (the Segretario is of the ente too)
    assert warning.message == (
        "[risultato_po] non paga nessuno: nessuna persona dei suoi ruoli (le PO / EQ) è in servizio; i suoi "
        "€ 3.000,00 restano residuo del fondo. Nell'ente ci sono i dirigenti e il segretario, che né [risultato_po] "
        'né le parti del premio pagano: se la retribuzione di risultato è loro, scrivi in [risultato_po] ruoli = '
        '["dirigente", "segretario"]'
    )
    # the dirigente's explanation names the result pay's roles beside the part's, in words (it is on their own scheda)
    assert (
        "  perché: Partecipazione di Dirigente 1 al premio: no — né le parti del premio né la retribuzione di risultato "
        "pagano il suo ruolo («produttività» paga i dipendenti; la retribuzione di risultato paga le PO / EQ) (ruolo = "
        "Dirigente)\n"
    ) in explain(result, "person", "D1")


def test_the_warning_of_a_second_result_pay_points_at_its_own_roles(ciclope_ente, tmp_path):
    # two entries: the dirigenti's (line 12) pays D1; the PO / EQ's (line 18, «ruoli» at line 19) has nobody
    text = RESULT_PAY.replace("[risultato_po]\n", '[[risultato_po]]\nruoli = ["dirigente"]\n') + (
        '\n[[risultato_po]]\nruoli = ["po"]\nmetodo = "formula"\nfondo = "risultato_eq"\n'
        "importo = '=fondo * punteggio / SOMMA.ENTE(punteggio)'\nfonte = \"art. 11\"\n"
    )
    files = with_a_dirigente()
    files["ente.toml"] += 'risultato_eq = "500.00"\n'
    result = run_declared(ciclope_ente, tmp_path, text, files)
    [warning] = [p for p in result.violations if p.rule == "regolamento.nessuno"]
    assert warning.said == "smvp.toml, riga 19, [[risultato_po]] n. 2, ruoli"  # not the first entry's line 12
    assert warning.message.startswith('[[risultato_po]] con ruoli = ["po"] non paga nessuno')


def test_a_result_pay_of_the_roles_present_is_not_said(ciclope_ente, tmp_path):
    text = RESULT_PAY.replace("[risultato_po]\n", '[risultato_po]\nruoli = ["dirigente"]\n')
    result = run_declared(ciclope_ente, tmp_path, text, with_a_dirigente())
    # D1 alone: 3,000 × 90 / 90 = 3,000.00
    assert amounts(result) == {"P1": "1000.00", "D1": "3000.00"}
    assert [p for p in result.violations if p.rule == "regolamento.nessuno"] == []


MINIMUM = """\
formato = 2
[atto]
titolo = "Criteri per il trattamento accessorio dell'Istituto"
tipo_ente = "azienda_sanitaria"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 3"

[[premi]]
nome = "incentivo comparto"
metodo = "proporzionale"
fonte = "art. 4"
nota = "la valutazione annuale ha effetto sugli incentivi del comparto"
"""


def test_a_score_below_the_minimum_is_the_reason_not_the_part_s_note(ciclope_ente, tmp_path):
    """Who is excluded by the minimum score reads why — the minimum and their score — once; the part's «nota» is the
    part's, never said as the reason."""
    result = run_declared(ciclope_ente, tmp_path, MINIMUM, comune((80, 59)))
    # P2 (59 < 60) is excluded: P1 alone has the 1,000.00 (1,000 × 80 / 80)
    assert amounts(result)["P1"] == "1000.00"
    assert reason(result, "P2") == (
        "  perché: escluso dal premio: punteggio sotto il minimo di 60 (punteggio 59,00)"  # one sentence, no «Esito di»
    )
    text = explain(result, "person", "P2")
    assert "nota:    la valutazione annuale ha effetto sugli incentivi del comparto\n" in text  # in the tree, as a note


def test_the_ente_s_own_fund_of_one_result_pay_is_named_by_its_roles(ciclope_ente, tmp_path):
    # one [risultato_po] for the PO / EQ, from a fund whose key is the office's, risultato_eq: the documents name it
    # by whom it pays (the regulation declares no contract: both names), never by its key («Fondo risultato EQ»)
    text = EMPLOYEES_ONLY + (
        '\n[risultato_po]\nfondo = "risultato_eq"\nruoli = ["po"]\nmetodo = "formula"\n'
        "importo = '=fondo * punteggio / SOMMA.ENTE(punteggio)'\nfonte = \"art. 10\"\n"
    )
    rows = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG", "Q1,Posizione 1,po,D,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,80,", "Q1,SEG,scheda,Valutazione complessiva,100,90,"]
    funds = '[funds]\nperformance_individuale = "1000.00"\nrisultato_eq = "2000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, text, one_unit_comune("Comune di Prova", rows, cards, funds))
    # Q1 alone: 2,000.00 × 90 / 90
    assert amounts(result)["Q1"] == "2000.00"
    assert result.rewards.pools["risultato_eq"].label == "Retribuzione di risultato delle PO / EQ"
