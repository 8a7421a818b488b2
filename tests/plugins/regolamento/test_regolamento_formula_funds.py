"""The funds a regulation constitutes with a formula (``[[fondi]]``, formato 2): «un tetto complessivo pari all'85%
del premio massimo per il numero medio dei dipendenti in forza». The amount is computed once for the ente in phase b,
from the staff's data read inside functions over people, rounded down to the cent; the parts divide it as they divide
a fund of ente.toml. Every case by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import amounts, next_year, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento dei premi"
tipo_ente = "comune"
"""
FUND = """
[[fondi]]
nome = "premio_obiettivi"
importo = '=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'
fonte = "art. 3"

[[premi]]
nome = "obiettivi"
metodo = "proporzionale"
fondo = "premio_obiettivi"
fonte = "art. 6"
"""
PEOPLE_HEADER = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,assunzione,cessazione"


def files(rows: list[str], scores: list[int], ente_toml: str = "") -> dict[str, str]:
    """Staff P1, P2, … (``rows``: role, hire date, termination date) evaluated by the Segretario."""
    data = one_unit_comune("Comune di Esempio", [], [], ente_toml)
    people = [
        f"P{i},Persona {i},{role},C,com,1,0,false,SEG,{hired},{left}"
        for i, (role, hired, left) in enumerate((r.split(",") for r in rows), 1)
    ]
    data["people.csv"] = "\n".join([PEOPLE_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,,,", *people]) + "\n"
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{s}," for i, s in enumerate(scores, 1)]
    data["evaluations.csv"] += "\n".join(cards) + "\n"
    return data


def test_the_average_staff_in_service_makes_the_fund_the_part_divides(ciclope_ente, tmp_path):
    # 2024 has 366 days. P1 and P2 in service all year, P3 from 2024-07-01 (184 days: July–December), P4 a PO (not
    # counted by the formula). Average dipendenti in service: 1 + 1 + 184/366 = 2.502732…; the fund
    # 85% × 3.600 × 2.502732… = 7.658,36065… → rounded down 7.658,36.
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,", "dipendente,2024-07-01,", "po,2020-01-01,"]
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, files(rows, [80, 60, 60, 90]))
    pool = result.rewards.pools["premio_obiettivi"]
    assert pool.amount == Decimal("7658.36")
    # the part pays the dipendenti (a part's roles by default) by score × time worked: 80 + 60 + 60 = 200.
    # 7.658,36 × 80 / 200 = 3.063,344 → 3.063,34; × 60 / 200 = 2.297,508 twice → 2.297,50 each, the 2 cents left
    # (7.658,36 − 3.063,34 − 2 × 2.297,50) to the two largest remainders (,008 and ,008 over ,004) → 2.297,51 each
    assert {pid: a for pid, a in amounts(result).items() if a != "0.00"} == {
        "P1": "3063.34",
        "P2": "2297.51",
        "P3": "2297.51",
    }
    figure = result.figures["pool:premio_obiettivi"]
    assert figure.value == Decimal("7658.36")
    assert "per difetto al centesimo" in figure.formula
    assert str(figure.source) == "Regolamento dei premi, art. 3"
    assert not [v for v in result.violations if v.rule == "regolamento.fondo"]


def test_the_sum_s_figure_lists_whom_its_condition_admits_and_the_others_in_one_line(ciclope_ente, tmp_path):
    # the sum counts only the dipendenti (ruolo = "dipendente"): P1 and P2 all year, 366 / 366 = 1 each; P3 from
    # 2024-07-01, 184 / 366. The Segretario and the PO (P4) are left out by the condition: one line says the two of
    # them, at 0, never each one at 0 beside the cell of their role
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,", "dipendente,2024-07-01,", "po,2020-01-01,"]
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, files(rows, [80, 60, 60, 90]))
    (figure,) = [f for key, f in result.figures.items() if key.startswith("aggregato:fondo:")]
    assert [(i.name, i.value) for i in figure.inputs] == [
        ("Persona 1 (P1)", Decimal(1)),
        ("Persona 2 (P2)", Decimal(1)),
        ("Persona 3 (P3)", Decimal(184) / Decimal(366)),
        ("le altre 2 persone, per cui il ruolo non è uguale a «dipendente»", Decimal(0)),
    ]


def test_a_count_of_the_staff(ciclope_ente, tmp_path):
    # 1.000 € per dipendente: three dipendenti and a PO → 3.000,00; the part divides it by score 80 / 60 / 60 / 0
    # among the dipendenti only (ruoli): 3.000 × 80 / 200 = 1.200,00, 3.000 × 60 / 200 = 900,00 twice
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        """'=1000 € * CONTA.ENTE(ruolo = "dipendente")'""",
    ).replace('metodo = "proporzionale"', 'metodo = "proporzionale"\nruoli = ["dipendente"]')
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,", "dipendente,2020-01-01,", "po,2020-01-01,"]
    result = run_declared(ciclope_ente, tmp_path, reg, files(rows, [80, 60, 60, 90]))
    assert result.rewards.pools["premio_obiettivi"].amount == Decimal("3000.00")
    assert {pid: a for pid, a in amounts(result).items() if a != "0.00"} == {
        "P1": "1200.00",
        "P2": "900.00",
        "P3": "900.00",
    }


def test_a_fund_of_ente_toml_by_the_same_name_is_said_unused(ciclope_ente, tmp_path):
    # ente.toml says 50.000,00; the regulation's formula decides: 1.000 € × 2 dipendenti = 2.000,00
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        """'=1000 € * CONTA.ENTE(ruolo = "dipendente")'""",
    )
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,"]
    result = run_declared(
        ciclope_ente, tmp_path, reg, files(rows, [50, 50], '[funds]\npremio_obiettivi = "50000.00"\n')
    )
    assert result.rewards.pools["premio_obiettivi"].amount == Decimal("2000.00")
    assert amounts(result) == {"P1": "1000.00", "P2": "1000.00"}  # 2.000 × 50 / 100 each
    assert [(v.severity, v.file, v.message) for v in result.violations if v.rule == "regolamento.fondo"] == [
        (
            "warning",
            "ente.toml",
            "[fondi] premio_obiettivi non è usato: il regolamento costituisce il fondo con una formula ([[fondi]]); "
            "togli la riga da [fondi]",
        )
    ]


def test_a_formula_that_divides_by_zero_constitutes_no_fund(ciclope_ente, tmp_path):
    # nobody is a «po»: 1.000 € × 2 / 0 cannot be computed; the error names the formula and says the parts do not
    # pay, and nothing else asks the office to write the fund in ente.toml (the regulation constitutes it)
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        """'=1000 € * CONTA.ENTE(ruolo = "dipendente") / CONTA.ENTE(ruolo = "po")'""",
    )
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,"]
    result = run_declared(ciclope_ente, tmp_path, reg, files(rows, [50, 50]))
    assert "premio_obiettivi" not in result.rewards.pools
    errors = [(v.where, v.message) for v in result.violations if v.rule == "regolamento.fondo" and v.is_error]
    assert errors == [
        (
            "smvp.toml:8:fondi[1].importo",  # HEAD's 4 lines, an empty one, [[fondi]], nome, then importo
            'la formula «=1000 € * CONTA.ENTE(ruolo = "dipendente") / CONTA.ENTE(ruolo = "po")» divide per zero: il '
            "fondo «premio_obiettivi» non è costituito e le parti che lo nominano non pagano; correggi la formula o i "
            "dati che legge",
        )
    ]
    assert [v.message for v in result.violations if v.rule == "regolamento.fondo" and v.severity != "error"] == []
    assert not any(a != "0.00" for a in amounts(result).values())


def test_a_formula_below_zero_constitutes_no_fund_and_the_hint_says_max(ciclope_ente, tmp_path):
    # two dipendenti: 1.000 € × (2 − 3) = −1.000,00 €, a fund below zero; the hint offers the formula within MAX
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        """'=1000 € * (CONTA.ENTE(ruolo = "dipendente") - 3)'""",
    )
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,"]
    result = run_declared(ciclope_ente, tmp_path, reg, files(rows, [50, 50]))
    assert "premio_obiettivi" not in result.rewards.pools
    assert [(v.severity, v.message) for v in result.violations if v.rule == "regolamento.fondo"] == [
        (
            "error",
            'la formula «=1000 € * (CONTA.ENTE(ruolo = "dipendente") - 3)» dà € −1.000,00: il fondo «premio_obiettivi» '
            "non è costituito e le parti che lo nominano non pagano; correggi la formula o i dati che legge; se il "
            "testo vuole un fondo nullo quando il calcolo va sotto zero, scrivi "
            '«=MAX(0 €; 1000 € * (CONTA.ENTE(ruolo = "dipendente") - 3))»',
        )
    ]


def test_the_reader_refuses_a_person_s_data_outside_a_function_over_people(tmp_path):
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        """'=3600 € * giorni_servizio / giorni_anno'""",
    )
    problems = regulation_problems(tmp_path, reg)
    assert len(problems) == 1
    assert (
        "l'importo del fondo vale per tutti: «giorni_servizio» di una persona si legge dentro una funzione"
        in (problems[0])
    )


@pytest.mark.parametrize(
    "written, problem",
    [
        (
            "=MESI(16 giorni) * 100 €",  # would be the months of whoever the fund happened to be computed for
            "MESI dice di una persona e si legge dentro una funzione sulle persone, es. SOMMA.ENTE(MESI(16 giorni))",
        ),
        (
            '=SE(IN.SERVIZIO("31/12"); 1000 €; 0 €)',
            'IN.SERVIZIO dice di una persona e si legge dentro una funzione sulle persone, es. '
            'CONTA.ENTE(IN.SERVIZIO("31/12"))',
        ),
        ("=100 € * RANGO.ENTE(fte)", "RANGO.ENTE dà la posizione di una persona e qui non si usa"),
    ],
)
def test_the_reader_refuses_a_person_s_function_outside_a_function_over_people(tmp_path, written, problem):
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        f"'{written}'",
    )
    problems = regulation_problems(tmp_path, reg)
    assert len(problems) == 1
    assert f"l'importo del fondo vale per tutti: {problem}" in problems[0]


def test_a_person_s_function_inside_a_function_over_people_makes_the_fund(ciclope_ente, tmp_path):
    # 100 € for each month of service of the ente's people, whatever their role: the Segretario, P1 and P2 all year
    # (12 months each), P3 from 2024-07-01 (6): 100 × (12 + 12 + 12 + 6) = 4.200,00; the part divides it among the
    # dipendenti by score 50 / 50 / 50: 1.400,00 each
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        "'=100 € * SOMMA.ENTE(MESI(16 giorni))'",
    )
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,", "dipendente,2024-07-01,"]
    result = run_declared(ciclope_ente, tmp_path, reg, files(rows, [50, 50, 50]))
    assert result.rewards.pools["premio_obiettivi"].amount == Decimal("4200.00")
    assert amounts(result) == {"P1": "1400.00", "P2": "1400.00", "P3": "1400.00"}


def test_the_reader_refuses_a_group_in_a_fund(tmp_path):
    """A fund is one for the ente: .GRUPPO has no group to run over there, and reading the whole ente in silence would
    say something the text did not."""
    reg = HEAD + FUND.replace("SOMMA.ENTE(", "SOMMA.GRUPPO(")
    problems = regulation_problems(tmp_path, reg)
    assert len(problems) == 1
    assert "SOMMA.GRUPPO non si usa nell'importo del fondo" in problems[0]
    assert "il fondo è uno per l'ente, senza gruppi; SOMMA.ENTE legge tutte le persone dell'ente" in problems[0]


def test_the_reader_refuses_the_year_s_results_in_a_fund(tmp_path):
    reg = HEAD + FUND.replace(
        """'=85% * 3600 € * SOMMA.ENTE(SE(ruolo = "dipendente"; giorni_servizio / giorni_anno; 0))'""",
        """'=1000 € * SOMMA.ENTE(punteggio / 100)'""",
    )
    problems = regulation_problems(tmp_path, reg)
    assert len(problems) == 1
    assert "«punteggio» non si usa" in problems[0]
    assert "il fondo si costituisce prima della valutazione, sui dati del personale" in problems[0]


def test_the_reader_refuses_a_fund_no_part_pays_from(tmp_path):
    reg = HEAD + FUND.replace('fondo = "premio_obiettivi"', 'fondo = "premio_obbiettivi"')
    problems = regulation_problems(tmp_path, reg)
    assert any(
        "nessuna parte del premio né [risultato_po] paga dal fondo «premio_obiettivi» (forse «premio_obbiettivi»?)" in p
        for p in problems
    )


def test_the_reader_refuses_an_owed_part_s_fund(tmp_path):
    reg = HEAD + FUND.replace(
        'metodo = "proporzionale"', "metodo = \"formula\"\nimporto = '=450 €'\ndovuto = true"
    ).replace("importo = '=85%", "importo = '=85%")
    problems = regulation_problems(tmp_path, reg)
    assert any("la parte «obiettivi» paga importi dovuti (dovuto = true)" in p for p in problems)


def test_leggi_says_the_fund(tmp_path):
    text = regulation_text(tmp_path, HEAD + FUND)
    assert (
        "Il Fondo premio obiettivi è costituito dal regolamento, non indicato dall'ente: il suo importo è pari "
        "a 85% × € 3.600,00 × la somma, nell'ente, di (i giorni di servizio nell'anno diviso i giorni dell'anno) delle "
        "persone per cui il ruolo è uguale a «dipendente»"
    ) in text
    assert "per difetto al centesimo" in text


def test_the_reader_refuses_a_fund_constituted_twice(tmp_path):
    second = """
[[fondi]]
nome = "premio_obiettivi"
importo = '=500 € * CONTA.ENTE(ruolo = "dipendente")'
fonte = "art. 4"
"""
    problems = regulation_problems(tmp_path, HEAD + FUND + second)
    assert any("il fondo «premio_obiettivi» è già costituito da un altro blocco [[fondi]]" in p for p in problems)


def test_next_year_s_ente_toml_does_not_ask_for_the_funds_the_regulation_computes(tmp_path):
    # the fund of [[fondi]] and the fund of a part that pays what it owes are the regulation's; a fund of ente.toml
    # (the bonus part's) is still asked for
    owed = """
[[premi]]
nome = "presenza"
metodo = "formula"
fondo = "premio_presenza"
dovuto = true
importo = "=100 €"
fonte = "art. 7"

[[premi]]
nome = "progetti"
metodo = "proporzionale"
fondo = "progetti"
fonte = "art. 8"
"""
    rows = ["dipendente,2020-01-01,", "dipendente,2020-01-01,"]
    folder = next_year(tmp_path, HEAD + FUND + owed, files(rows, [80, 60], '[funds]\nprogetti = "1000.00"\n'))
    funds = (folder / "comune" / "ente.toml").read_text(encoding="utf-8").split("[fondi]")[1].split("[atti]")[0]
    assert funds.splitlines()[2:] == [
        "# Gli importi sono quelli del 2024, l'anno eseguito: scrivete quelli del 2025 quando i fondi sono costituiti.",
        'progetti = "1.000,00"',
        "# premio_obiettivi: lo calcola il regolamento dell'ente, non si scrive qui",
        "# premio_presenza: lo calcola il regolamento dell'ente, non si scrive qui",
        "",
    ]


def test_a_result_pay_fund_below_zero_is_said_once(ciclope_ente, tmp_path):
    # the dirigenti's result pay split from a fund the regulation constitutes: 1.000 € × (2 dirigenti − 3) =
    # −1.000,00 €, not constituted; the error says it, and the result pay does not ask for the fund in ente.toml
    from test_regolamento_result_formula import HEAD as RESULT_HEAD
    from test_regolamento_result_formula import staff

    reg = RESULT_HEAD + (
        '\n[risultato_po]\nmetodo = "fondo"\nruoli = ["dirigente"]\nfonte = "art. 14"\n'
        '\n[[fondi]]\nnome = "risultato_po"\nimporto = \'=1000 € * (CONTA.ENTE(ruolo = "dirigente") - 3)\'\n'
        'fonte = "art. 7"\n'
    )
    result = run_declared(ciclope_ente, tmp_path, reg, staff([("D1", 95, ""), ("D2", 80, "")], position=True))
    said = [(v.severity, v.message.partition(" dà ")[0]) for v in result.violations if v.rule == "regolamento.fondo"]
    assert said == [("error", 'la formula «=1000 € * (CONTA.ENTE(ruolo = "dirigente") - 3)»')]
    assert set(amounts(result).values()) <= {"0.00"}
    # the result pay says why it is nothing, and refers to no figure of a fund that does not exist (D2: D1 has no
    # position pay, and says that first)
    award = result.figures["award:D2:risultato_po"]
    assert award.formula == "nessuna retribuzione: manca il fondo «risultato_po»"
    assert [(i.name, i.value, i.ref) for i in award.inputs if i.name == "fondo"] == [("fondo", Decimal(0), "")]
