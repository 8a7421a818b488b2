"""The premium in parts ([[premi]], formato 2): a fund split between parts with their residual moving on, several
graduatorie by category, a bonus for the best of a band decided every year. Every amount by hand."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import attrs

from ciclope.core.run.explain import explain, unpaid_reasons
from ciclope.plugins.regolamento.read.amend import apply, problems
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import render

from helpers import amounts, one_unit_comune, placed, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Parti"
tipo_ente = "comune"
"""


def files(people, funds: str, approvals: str = "", extra: dict[str, str] | None = None) -> dict[str, str]:
    """(id, category, score[, fte]) of staff, evaluated by the Segretario; ``extra``: further files."""
    staff = [
        f"{pid},Persona {pid},dipendente,{category},com,{fte[0] if fte else 1},0,false,SEG"
        for pid, category, _, *fte in people
    ]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score, *_ in people]
    tail = f"[funds]\n{funds}\n" + (f"[approvals]\n{approvals}\n" if approvals else "")
    return {**one_unit_comune("Comune di Parti", staff, cards, tail), **(extra or {})}


TWO_PARTS = (
    HEAD
    + """
[livelli]
fonte = "art. 4"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 70 }, { nome = "C", da = 60 }]

[[premi]]
nome = "presenza"
metodo = "livelli"
quota_fondo = 0.3
massimo = "600.00"
coefficienti = { A = 1, B = 0.5, C = 0 }
residuo_a = "obiettivi"
fonte = "art. 8 c. 1"

[[premi]]
nome = "obiettivi"
metodo = "proporzionale"
quota_fondo = 0.7
fonte = "art. 8 c. 2"
"""
)
FOUR = [("S1", "C", 95), ("S2", "C", 85), ("S3", "C", 75), ("S4", "C", 65)]


def test_two_parts_of_one_fund_and_the_residual_moving_on(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TWO_PARTS, files(FOUR, 'performance_individuale = "10000.00"'))
    # presenza: 10000 × 0.3 = 3000.00; A 600 × 1 = 600 (S1), B 600 × 0.5 = 300 (S2, S3), C 0 (S4): 1200.00 paid,
    # 1800.00 left → obiettivi: 10000 × 0.7 + 1800 = 8800.00 by score, Σ 95 + 85 + 75 + 65 = 320:
    # 8800 × 95 / 320 = 2612.50; × 85 / 320 = 2337.50; × 75 / 320 = 2062.50; × 65 / 320 = 1787.50
    assert amounts(result) == {"S1": "3212.50", "S2": "2637.50", "S3": "2362.50", "S4": "1787.50"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("0.00"))
    figures = result.figures
    assert figures["pool:performance_individuale:obiettivi"].value == Decimal("8800.00")
    whole = figures["award:S1"]  # the award is the sum, naming each part and the figure of each
    assert [(i.ref, i.value) for i in whole.inputs] == [
        ("premio:presenza:S1", Decimal("600.00")),
        ("premio:obiettivi:S1", Decimal("2612.50")),
    ]
    assert "art. 8 c. 1" in whole.source and "art. 8 c. 2" in whole.source


def test_the_fund_s_explanation_shows_how_the_parts_divided_it(ciclope_ente, tmp_path):
    """explain --pool of a fund of two parts: the fund, then each part's quota, as the parts are paid (presenza 30%
    of 10000 = 3000.00; obiettivi 70% = 7000.00 and the 1800.00 presenza left = 8800.00)."""
    from ciclope.core.run.explain import explain

    result = run_declared(ciclope_ente, tmp_path, TWO_PARTS, files(FOUR, 'performance_individuale = "10000.00"'))
    text = explain(result, "pool", "performance_individuale")
    presenza, obiettivi = (
        text.index("■ Fondo della parte «presenza» = € 3.000,00"),
        text.index("■ Fondo della parte «obiettivi» = € 8.800,00"),
    )
    assert text.index("■ Premi per la performance individuale = € 10.000,00") < presenza < obiettivi
    assert "residuo ricevuto dalle parti precedenti = € 1.800,00" in text[obiettivi:]
    # then what each part paid, down to each person: presenza 600 + 300 + 300 = 1200.00 (S4's level C pays 0: listed
    # at € 0,00, as everyone the part counted); obiettivi by score, Σ 95 + 85 + 75 + 65 = 320, S4 8800 × 65 / 320 =
    # 1787.50
    paid = text.index("■ Premi della parte «obiettivi» = € 8.800,00\n")
    assert "■ Premi della parte «presenza» = € 1.200,00\n" in text[presenza:obiettivi]
    assert "  • importo di Persona S4 = € 0,00\n" in text[presenza:obiettivi]
    assert "  • Σ pesi = 320\n" in text[paid:]
    assert "  • importo di Persona S4 = € 1.787,50\n    ■ Premio di Persona S4 — obiettivi = € 1.787,50\n" in text


LEAVING = TWO_PARTS.replace('residuo_a = "obiettivi"\n', "").replace("quota_fondo = 0.7", "quota_fondo = 0.6")


def test_the_fund_s_explanation_says_where_its_residual_comes_from(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, LEAVING, files(FOUR, 'performance_individuale = "10000.00"'))
    # presenza: 10000 × 0.3 = 3000.00, pays 600 + 300 + 300 + 0 = 1200.00 and keeps 3000 − 1200 = 1800.00 (no
    # residuo_a); obiettivi: 10000 × 0.6 = 6000.00, all paid by score; 10000 × (1 − 0.3 − 0.6) = 1000.00 no part
    # takes. Distributed 1200 + 6000 = 7200.00, residual 10000 − 7200 = 2800.00 = 1800 + 1000
    text = explain(result, "pool", "performance_individuale")
    assert text.startswith(
        "Premi per la performance individuale\n"
        "Stanziato € 10.000,00 · distribuito € 7.200,00 · residuo € 2.800,00\n"
        "Residuo = stanziato − distribuito = € 10.000,00 − € 7.200,00 = € 2.800,00: lasciato dalla parte "
        "«presenza» € 1.800,00; quota del fondo che nessuna parte prende € 1.000,00\n\n"
    )
    assert result.figures["pool:performance_individuale:residuo"].value == Decimal("2800.00")
    # a fund whose residual is zero says nothing more (TWO_PARTS: presenza sends its 1800.00 on to obiettivi)
    whole = run_declared(ciclope_ente, tmp_path, TWO_PARTS, files(FOUR, 'performance_individuale = "10000.00"'))
    assert "\nResiduo" not in explain(whole, "pool", "performance_individuale")


ONE_PART = (
    HEAD
    + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"
"""
)


def test_a_fund_of_one_part_is_explained_down_to_who_received_what(ciclope_ente, tmp_path):
    """explain --pool of a fund one part pays shows, as a fund of several parts or an owed one does, the part, the
    sum of the weights it divided by and each amount, leading to the person's own calculation."""
    from ciclope.core.run.explain import explain

    people = [("S1", "C", 90), ("S2", "C", 60), ("S3", "C", 50)]
    result = run_declared(ciclope_ente, tmp_path, ONE_PART, files(people, 'performance_individuale = "2000.00"'))
    # Σ 90 + 60 + 50 = 200: 2000 × 90 / 200 = 900.00, × 60 / 200 = 600.00, × 50 / 200 = 500.00
    assert amounts(result) == {"S1": "900.00", "S2": "600.00", "S3": "500.00"}
    text = explain(result, "pool", "performance_individuale")
    part = text.index("■ Premi della parte «produttività» = € 2.000,00\n")
    assert text.index("■ Premi per la performance individuale = € 2.000,00\n") < part
    assert "  fonte:   SMVP del Comune di Parti, art. 9\n" in text[part:]
    assert "  • Σ pesi = 200\n" in text[part:]
    for pid, amount in (("S1", "900,00"), ("S2", "600,00"), ("S3", "500,00")):
        said = f"  • importo di Persona {pid} = € {amount}\n    ■ Premio di Persona {pid} — produttività = € {amount}\n"
        assert said in text[part:]


BY_CATEGORY = (
    HEAD
    + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
graduatorie = "categoria"
fonte = "art. 9"
"""
)


def test_one_graduatoria_per_category_with_its_share_of_the_fund(ciclope_ente, tmp_path):
    people = [("S1", "B", 90), ("S2", "B", 80), ("S3", "C", 90), ("S4", "C", 60), ("S5", "C", 70)]
    result = run_declared(ciclope_ente, tmp_path, BY_CATEGORY, files(people, 'performance_individuale = "9000.00"'))
    # by staff in service: B 9000 × 2/5 = 3600.00, C 9000 × 3/5 = 5400.00
    # B: 3600 × 90/170 = 1905.882… and × 80/170 = 1694.117…: floors 1905.88 + 1694.11, the cent to the larger
    #    remainder (0.76 of a cent, S2) → 1694.12
    # C: 5400 × 90/220 = 2209.090…, × 60/220 = 1472.727…, × 70/220 = 1718.181…: floors 2209.09 + 1472.72 + 1718.18
    #    = 5399.99, the cent to S4 (0.72) → 1472.73
    assert amounts(result) == {"S1": "1905.88", "S2": "1694.12", "S3": "2209.09", "S4": "1472.73", "S5": "1718.18"}
    assert result.figures["pool:performance_individuale:B"].value == Decimal("3600.00")


BONUS = (
    HEAD
    + """
[[premi]]
nome = "fasce"
metodo = "fasce"
fonte = "art. 10"
fasce = [
  { nome = "alta", personale = 0.2, risorse = 0.4 },
  { nome = "bassa", personale = 0.8, risorse = 0.6 },
]

[[premi]]
nome = "eccellenze"
metodo = "migliori"
fondo = "bonus_eccellenze"
tra = "fasce"
fascia = "alta"
quota_vincitori = 0.5
decisione = "bonus_decided"
decisione_dal = "01/02"
decisione_entro = "31/01"
fonte = "art. 11"

[[calendario]]
atto = "Decisione del bonus delle eccellenze"
fase = "premialita"
scadenza = "31/01"
approvazione = "bonus_decided"
fonte = "art. 11"
"""
)


def twenty(tie: bool = False):
    scores = list(range(100, 80, -1))  # 100, 99, …, 81: the first band holds ⌊20 × 0.2⌋ = 4 (100, 99, 98, 97)
    if tie:
        scores[2] = 99  # 100, 99, 99, 97: a tie at the cut of 2 winners
    return [(f"S{i + 1:02d}", "C", s) for i, s in enumerate(scores)]


FUNDS = 'performance_individuale = "20000.00"\nbonus_eccellenze = "1000.01"'


def test_the_bonus_for_the_best_of_the_first_band(ciclope_ente, tmp_path):
    data = files(twenty(), FUNDS, "bonus_decided = 2024-01-15")
    result = run_declared(ciclope_ente, tmp_path, BONUS, data)
    # winners: ⌊0.5 × 4⌋ = 2, the scores 100 and 99; 1000.01 / 2 = 500.005: the cent to the higher score
    bonus = {a.person: str(a.amount) for a in result.rewards.awards.values() if a.pool == "bonus_eccellenze"}
    assert bonus == {"S01": "500.01", "S02": "500.00"}
    assert result.rewards.awards["S01:bonus_eccellenze"].band == "alta"
    assert result.figures["award:S01:bonus_eccellenze"].value == Decimal("500.01")


def test_a_tie_at_the_cut_leaves_the_tie_out(ciclope_ente, tmp_path):
    data = files(twenty(tie=True), FUNDS, "bonus_decided = 2024-01-15")
    result = run_declared(ciclope_ente, tmp_path, BONUS, data)
    # 100, 99, 99: the two at 99 straddle the cut of 2, both out; S01 alone takes 1000.01
    bonus = {a.person: str(a.amount) for a in result.rewards.awards.values() if a.pool == "bonus_eccellenze"}
    assert bonus == {"S01": "1000.01"}


def test_a_decision_outside_its_window_pays_nothing(ciclope_ente, tmp_path):
    data = files(twenty(), FUNDS, "bonus_decided = 2024-02-10")  # after 31 January of the cycle's year
    result = run_declared(ciclope_ente, tmp_path, BONUS, data)
    pool = result.rewards.pools["bonus_eccellenze"]
    assert (pool.distributed, pool.residual) == (Decimal("0.00"), Decimal("1000.01"))
    errors = [p.message for p in result.violations if p.rule == "regolamento.decisione"]
    assert errors == [
        "[atti] bonus_decided = 10/02/2024 non è nel periodo valido (dal 01/02/2023 entro il 31/01/2024): la "
        "parte «eccellenze» non è istituita per l'anno, il suo fondo resta residuo"
    ]


def test_parts_need_format_2(tmp_path):
    # line 10: the first [[premi]] (1 formato, 2–4 [atto], 5 blank, 6–8 [livelli], 9 blank)
    text = TWO_PARTS.replace("formato = 2", "formato = 1")
    assert regulation_problems(tmp_path, text)[0] == (
        "riga 10, chiave premi: la chiave è del formato 2: scrivi formato = 2 in testa al file (il file dice "
        "formato = 1; tutto il resto si legge come prima)"
    )


def test_the_rules_between_parts(tmp_path):
    text = (
        TWO_PARTS.replace('residuo_a = "obiettivi"', 'residuo_a = "obbiettivi"').replace(
            "quota_fondo = 0.7", "quota_fondo = 0.8"
        )
        + '\n[[premi]]\nnome = "bonus"\nmetodo = "migliori"\nfondo = "bonus"\ntra = "presenza"\nfonte = "art. 12"\n'
    )
    got = regulation_problems(tmp_path, text)
    assert "chiave premi[1].residuo_a: «obbiettivi» non è una parte scritta dopo questa (forse «obiettivi»?)" in got[0]
    assert any("chiave premi[3]: il metodo «migliori» richiede la chiave fascia" in g for g in got)
    assert any("chiave premi[3].tra: «presenza» non è una parte in fasce scritta prima" in g for g in got)
    # 0.8 + 0.3 = 1.1; neither part writes fondo: both share the default one, as the message says
    assert (
        "riga 22, chiave premi[2].quota_fondo: le quote del fondo «performance_individuale» sommano al 110%, più del "
        "100%; la parte non scrive fondo: prende quello predefinito, «performance_individuale», come «presenza»"
    ) in got


def test_savings_sent_to_a_part_of_another_fund_say_which_one_defaulted(tmp_path):
    # «presenza» writes no fondo (the default one), «obiettivi» pays from «progetti»: the savings cannot move
    text = (
        TWO_PARTS.replace('residuo_a = "obiettivi"\n', "")
        .replace("quota_fondo = 0.3\n", "")
        .replace("quota_fondo = 0.7\n", 'fondo = "progetti"\n')
        + '\n[[riduzioni]]\nmisura = "assenze"\nparti = ["presenza"]\neconomie = "obiettivi"\nfonte = "art. 9"\n'
        "scaglioni = [{ da = 0, riduzione = 0 }]\n"
    )
    got = [g for g in regulation_problems(tmp_path, text) if "economie" in g]
    assert got == [
        "riga 26, chiave riduzioni[1].economie: «obiettivi» non è una parte scritta dopo «presenza» con lo stesso "
        "fondo; economie: ripartite, residuo o una parte successiva; la parte ridotta «presenza» non scrive fondo: "
        "prende quello predefinito, «performance_individuale», mentre «obiettivi» paga dal fondo «progetti»"
    ]


BUDGET = (
    HEAD
    + """
[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 7"

[[premi]]
nome = "produttività"
metodo = "budget"
parametri = { B = 100, C = 110, D = 130 }
fonte = "art. 9"
"""
)


def test_a_budget_derived_from_the_fund(ciclope_ente, tmp_path):
    people = [("S1", "B", 90, "1"), ("S2", "C", 80, "1"), ("S3", "C", 70, "0.5"), ("S4", "D", 50, "1")]
    result = run_declared(ciclope_ente, tmp_path, BUDGET, files(people, 'performance_individuale = "10000.00"'))
    # weights fte × parametro: S1 100, S2 110, S3 0.5 × 110 = 55, S4 130 (excluded, still counted): Σ 395
    # paid budget × score / 100, rounded down: S1 10000 × 100 / 395 × 0.9 = 2278.48…; S2 × 110 / 395 × 0.8 =
    # 2227.84…; S3 × 55 / 395 × 0.7 = 974.68…; S4 below 60: nothing. Paid 5481.00, residual 4519.00
    assert amounts(result) == {"S1": "2278.48", "S2": "2227.84", "S3": "974.68", "S4": "0.00"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("5481.00"), Decimal("4519.00"))
    budget = {i.name: i.value for i in result.figures["award:S1"].inputs}["budget individuale"]
    assert budget == Decimal("2531.65")  # 10000 × 100 / 395 = 2531.645…


def test_a_budget_s_weights_to_six_decimals_and_its_exact_budget_said(ciclope_ente, tmp_path):
    """A weight that is a ratio reads with six decimals (never 28), and the premium, rounded down from the exact
    budget, can be redone by hand: the budget shown to the cent × the score gives a cent more, so the note says the
    exact budget."""
    people = [("S1", "B", 90, "1"), ("S2", "C", 80, "0.333333")]
    result = run_declared(ciclope_ente, tmp_path, BUDGET, files(people, 'performance_individuale = "10000.00"'))
    # weights: S1 1 × 100 = 100, S2 0.333333 × 110 = 36.66663; Σ 136.66663
    # S1 budget 10000 × 100 / 136.66663 = 7317.07513…, × 0.9 = 6585.36762… → 6585.36 (7317.08 × 0.9 = 6585.372)
    # S2 budget 10000 × 36.66663 / 136.66663 = 2682.92486…, × 0.8 = 2146.33989… → 2146.33
    assert amounts(result) == {"S1": "6585.36", "S2": "2146.33"}
    s1, s2 = result.figures["award:S1"], result.figures["award:S2"]
    weights = {i.name: i.value for i in s2.inputs}
    assert weights["peso della persona (quota pagata × parametro della categoria)"] == Decimal("36.66663")
    assert weights["Σ pesi di chi la parte conta"] == Decimal("136.66663")
    assert (
        "calcolato sul budget esatto € 7.317,0751…: importo esatto € 6.585,3676…, € 6.585,36 al centesimo per "
        "difetto" in s1.note
    )
    assert "calcolato sul budget esatto € 2.682,9248…: importo esatto € 2.146,3398…, € 2.146,33" in s2.note
    assert result.rewards.awards["S1"].amount == Decimal("6585.36")  # the figure's value unchanged


PRIZES = (
    HEAD
    + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"

[[premi]]
nome = "innovazione"
metodo = "importi"
fondo = "premi_innovazione"
fonte = "art. 12"
"""
)


def test_prizes_decided_and_written_are_paid_as_written(ciclope_ente, tmp_path):
    people = [("S1", "C", 90), ("S2", "C", 60)]
    funds = 'performance_individuale = "1500.00"\npremi_innovazione = "2000.00"'
    prizes = {"premi.csv": "person,part,amount\nS1,innovazione,1200.00\nS2,innovazione,500.00\n"}
    result = run_declared(ciclope_ente, tmp_path, PRIZES, files(people, funds, extra=prizes))
    # produttività: 1500 × 90 / 150 = 900.00 and × 60 / 150 = 600.00; the prizes as written, 300.00 residual
    paid = {k: (a.pool, str(a.amount)) for k, a in result.rewards.awards.items()}
    assert paid == {
        "S1": ("performance_individuale", "900.00"),
        "S2": ("performance_individuale", "600.00"),
        "S1:premi_innovazione": ("premi_innovazione", "1200.00"),
        "S2:premi_innovazione": ("premi_innovazione", "500.00"),
    }
    assert result.rewards.pools["premi_innovazione"].residual == Decimal("300.00")
    assert result.figures["award:S1:premi_innovazione"].inputs[1].cell == "premi.csv:2:amount"


def test_prizes_above_their_fund_pay_nothing(ciclope_ente, tmp_path):
    people = [("S1", "C", 90), ("S2", "C", 60)]
    funds = 'performance_individuale = "1500.00"\npremi_innovazione = "2000.00"'
    prizes = {"premi.csv": "person,part,amount\nS1,innovazione,1200.00\nS2,innovazione,1000.00\n"}
    result = run_declared(ciclope_ente, tmp_path, PRIZES, files(people, funds, extra=prizes))
    assert result.rewards.pools["premi_innovazione"].distributed == Decimal("0.00")
    [error] = [p for p in result.violations if p.rule == "regolamento.importi"]
    assert error.message.startswith("i premi della parte «innovazione» scritti in premi.csv (€ 2.200,00) superano")


PRIZES_BY_CATEGORY = (
    HEAD
    + """
[[premi]]
nome = "risultato"
metodo = "importi"
ruoli = ["dipendente"]
graduatorie = "categoria"
fonte = "art. 5"
"""
)


def test_prizes_decided_per_graduatoria_are_paid_from_its_own_share(ciclope_ente, tmp_path):
    """The fund split among the categories by staff in service, then each category's amounts decided by its head."""
    people = [("B1", "B", 80), ("C1", "C", 80), ("C2", "C", 80), ("C3", "C", 80)]
    # 4.000 by staff in service: B 4000 × 1/4 = 1000.00, C 4000 × 3/4 = 3000.00. B's 1.200,00 is above its 1.000,00:
    # nothing of B is paid; C's 1.500 + 1.000 = 2.500,00 fit in its 3.000,00, paid as written
    prizes = {"premi.csv": "person,part,amount\nB1,risultato,1200.00\nC1,risultato,1500.00\nC2,risultato,1000.00\n"}
    result = run_declared(
        ciclope_ente,
        tmp_path,
        PRIZES_BY_CATEGORY,
        files(people, 'performance_individuale = "4000.00"', extra=prizes),
    )
    assert amounts(result) == {"C1": "1500.00", "C2": "1000.00"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("2500.00"), Decimal("1500.00"))
    [error] = [p for p in result.violations if p.rule == "regolamento.importi"]
    assert error.message == (
        "i premi della parte «risultato» nella graduatoria categoria B scritti in premi.csv (€ 1.200,00) superano la "
        "sua quota del fondo (€ 1.000,00): nessun premio pagato; riduci gli importi o aumenta il fondo"
    )
    assert result.figures["award:C1"].inputs[0].value == Decimal("3000.00")  # the share of its graduatoria


def test_a_prize_of_a_person_outside_the_graduatorie_is_not_paid(ciclope_ente, tmp_path):
    people = [("B1", "B", 80), ("C1", "C", 80)]
    extra = {"premi.csv": "person,part,amount\nB1,risultato,100.00\nSEG,risultato,300.00\n"}
    result = run_declared(
        ciclope_ente, tmp_path, PRIZES_BY_CATEGORY, files(people, 'performance_individuale = "2000.00"', extra=extra)
    )
    # the Segretario is not of the part's roles: in no graduatoria, never paid; B1 100.00 of B's 1000.00
    assert amounts(result) == {"B1": "100.00"}
    [error] = [p for p in result.violations if p.rule == "regolamento.importi"]
    assert (error.row, error.message) == (
        3,
        "SEG non è in nessuna graduatoria della parte «risultato», che paga i ruoli dipendente: la riga non è pagata",
    )


def test_a_decided_amount_only_for_whom_the_part_admits(ciclope_ente, tmp_path):
    """«Ai responsabili di struttura non spetta il premio»: the condition of the part says who may be paid."""
    text = PRIZES_BY_CATEGORY.replace('graduatorie = "categoria"\n', "ammesso = \"=categoria <> \\\"D\\\"\"\n")
    people = [("C1", "C", 80), ("D1", "D", 80)]
    extra = {"premi.csv": "person,part,amount\nC1,risultato,300.00\nD1,risultato,500.00\n"}
    result = run_declared(
        ciclope_ente, tmp_path, text, files(people, 'performance_individuale = "1000.00"', extra=extra)
    )
    # C1 300.00 as written; D1 of category D is not admitted: 500.00 not paid; 1000 − 300 = 700.00 residual
    assert amounts(result) == {"C1": "300.00"}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("700.00")
    [warning] = [p for p in result.violations if p.rule == "regolamento.importi_escluso"]
    # the warning says what D1's row holds (category D), not the condition it fails
    assert (warning.row, warning.message) == (
        3,
        "D1 non è ammesso alla parte «risultato» (la categoria (o l'Area) del contratto è uguale a «D»): "
        "l'importo di € 500,00 non è pagato e resta nel fondo",
    )


def test_a_scenario_changes_a_part_by_its_name(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(TWO_PARTS, encoding="utf-8")
    changes = {"premi.presenza.quota_fondo": 0.4, "premi.obiettivi.quota_fondo": 0.6}
    regulation, found = load(str(path), changes)
    assert found == () and regulation is not None
    assert [(p.name, p.fund_share) for p in regulation.parts] == [
        ("presenza", Decimal("0.4")),
        ("obiettivi", Decimal("0.6")),
    ]
    # shares above 1 are refused like in the file: 0.4 + 0.7 = 1.1
    _, refused = load(str(path), {"premi.presenza.quota_fondo": 0.4})
    assert any("sommano al 110%, più del 100%" in p.message for p in refused)


def test_coefficients_above_1_split_the_fund_as_written(ciclope_ente, tmp_path):
    text = (
        HEAD
        + """
[livelli]
fonte = "art. 4"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 70 }]

[[premi]]
nome = "produttività"
metodo = "livelli"
coefficienti = { A = 1.3, B = 1 }
fonte = "art. 8"
"""
    )
    people = [("S1", "C", 95), ("S2", "C", 80), ("S3", "C", 75)]
    result = run_declared(ciclope_ente, tmp_path, text, files(people, 'performance_individuale = "3300.00"'))
    # weights 1.3, 1, 1: Σ 3.3; 3300 × 1.3 / 3.3 = 1300.00, 3300 × 1 / 3.3 = 1000.00 each
    assert amounts(result) == {"S1": "1300.00", "S2": "1000.00", "S3": "1000.00"}
    path = tmp_path / "capped.toml"
    path.write_text(text.replace('metodo = "livelli"', 'metodo = "livelli"\nmassimo = "1000.00"'), encoding="utf-8")
    _, found = load(str(path))
    # line 14: [[premi]] at 10, then nome, metodo, the massimo written after it, coefficienti
    assert [placed(p) for p in found] == [
        "riga 14, chiave premi[1].coefficienti.A: il coefficiente 1,3 supera 1: con un massimo pro capite (o un "
        "budget) il coefficiente ne è una quota; sopra 1 vale quando il fondo è diviso per pesi (senza massimo)"
    ]


HALVES = (
    HEAD
    + """
[livelli]
fonte = "art. 4"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 70 }, { nome = "C", da = 60 }]
requisiti = [{ parte = "scheda", minimo = 70, fonte = "art. 4 c. 2" }]

[[premi]]
nome = "prima"
metodo = "proporzionale"
quota_fondo = 0.5
fonte = "art. 8 c. 1"

[[premi]]
nome = "seconda"
metodo = "proporzionale"
quota_fondo = 0.5
fonte = "art. 8 c. 2"
"""
)


def test_the_odd_cent_of_two_equal_shares_goes_to_the_part_written_first(ciclope_ente, tmp_path):
    """A reading where the regulation is silent: 100.01 × 0.5 = 50.005 for each part; 50.00 each and the cent left,
    the two remainders equal, to the part written first (rules/core.md §4: equal remainders by the rule's order)."""
    result = run_declared(ciclope_ente, tmp_path, HALVES, files(FOUR, 'performance_individuale = "100.01"'))
    figures = result.figures
    assert figures["pool:performance_individuale:prima"].value == Decimal("50.01")
    assert figures["pool:performance_individuale:seconda"].value == Decimal("50.00")
    # the Relazione says the readings this regulation needs, with their sources: the cents of the shares, and one
    # level below the lowest (a «requisito» that moves the level down)
    (section,) = [x for x in result.sections if x.title == "Letture adottate dove il regolamento tace"]
    assert [row[0] for row in section.rows] == [
        "Un livello sotto il più basso",
        "Centesimi delle quote del fondo tra le parti",
        "Centesimi di un fondo diviso in proporzione tra le persone",  # each part splits its share by score
    ]
    # S4 scored 65 is at the lowest level, C; the card of 65 is below the requirement's 70: no level below C, none
    assert result.scores["S4"].level is None and result.scores["S3"].level == "B"


ONE_SPLIT = (
    HEAD
    + """
[[premi]]
nome = "individuale"
metodo = "proporzionale"
fonte = "art. 6"
"""
)


def test_the_cents_within_a_part_are_a_reading_of_the_relazione(ciclope_ente, tmp_path):
    """The offices' texts say «ogni importo arrotondato al centesimo per eccesso dal mezzo centesimo»; a part that
    divides its fund rounds each share down and gives the cents left to the largest remainders (rules/core.md §4),
    which keeps the fund to the cent: a reading the Relazione says, with its rule, beside the cents between parts."""
    three = [("S1", "C", 80), ("S2", "C", 80), ("S3", "C", 80)]
    result = run_declared(ciclope_ente, tmp_path, ONE_SPLIT, files(three, 'performance_individuale = "100.00"'))
    # 100.00 × 80 / 240 = 33.333… each: 33.33 rounded down, 3 × 33.33 = 99.99; the cent left to the equal remainders
    # by score (equal), then by code: S1. Half-up each would be 33.33 × 3, a cent never paid
    assert amounts(result) == {"S1": "33.34", "S2": "33.33", "S3": "33.33"}
    (section,) = [x for x in result.sections if x.title == "Letture adottate dove il regolamento tace"]
    assert [row for row in section.rows if row[0] == "Centesimi di un fondo diviso in proporzione tra le persone"] == [
        (
            "Centesimi di un fondo diviso in proporzione tra le persone",
            "la quota di ciascuno è calcolata esatta e arrotondata per difetto al centesimo; i centesimi che restano, "
            "al più uno a persona, vanno alle quote con i resti più alti, a parità di resto al punteggio più alto (dove "
            "la parte valuta), poi in ordine di codice: il premio, o la sua parte, paga esattamente ciò che ha da "
            "dividere, mentre arrotondare ogni quota per eccesso dal mezzo centesimo potrebbe superarlo o lasciarne dei "
            "centesimi",
            "regole comuni di ciclope: ripartizione proporzionale al centesimo con il metodo dei resti più alti, "
            "parità secondo l'ordine della regola",
        )
    ]


# Two parts paying amounts from one fund «fino a capienza» (docs/regolamento.md): the first takes the whole fund and
# sends what it does not pay to the second, which has no share of its own.
UNTIL_EMPTY = (
    HEAD
    + """
[[premi]]
nome = "settori"
metodo = "formula"
importo = '=SE(categoria = "C"; 1600 €; 0 €)'
quota_fondo = 1
residuo_a = "altri"
fonte = "art. 3 c. 1"

[[premi]]
nome = "altri"
metodo = "formula"
importo = '=SE(categoria = "B"; 800 €; 0 €)'
quota_fondo = 0
fonte = "art. 3 c. 2"
"""
)


def test_parts_paying_amounts_from_one_fund_until_it_is_empty(ciclope_ente, tmp_path):
    people = [("C1", "C", 80), ("C2", "C", 80), ("B1", "B", 80), ("B2", "B", 80)]
    result = run_declared(ciclope_ente, tmp_path, UNTIL_EMPTY, files(people, 'performance_individuale = "5000.00"'))
    # settori: the whole 5,000.00; 1,600 to C1 and C2: 3,200.00 paid, 1,800.00 sent on; altri: 0 of its own + 1,800.00,
    # 800 to B1 and B2: 1,600.00 paid; 200.00 stays residual of the fund
    assert amounts(result) == {"C1": "1600.00", "C2": "1600.00", "B1": "800.00", "B2": "800.00"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("4800.00"), Decimal("200.00"))


def test_one_part_at_most_is_the_contract_s_maggiorazione(tmp_path):
    text = UNTIL_EMPTY.replace('fonte = "art. 3 c. 1"', 'maggiorazione = true\nfonte = "art. 3 c. 1"').replace(
        'fonte = "art. 3 c. 2"', 'maggiorazione = true\nfonte = "art. 3 c. 2"'
    )
    # line 20: 1–4 the head, 6–13 the first part with its maggiorazione at 12, 15–21 the second, its at 20
    assert regulation_problems(tmp_path, text) == [
        "riga 20, chiave premi[2].maggiorazione: la maggiorazione del contratto è già la parte «settori»"
    ]
    path = tmp_path / "one.toml"
    path.write_text(text.replace('maggiorazione = true\nfonte = "art. 3 c. 2"', 'fonte = "art. 3 c. 2"'), "utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    said = render(regulation)
    # [atto] names no comparto: no national layer runs for such an ente, nothing computes the maggiorazione first
    assert "La parte è la maggiorazione del premio individuale propria dell'ente" in said
    assert "contratto nazionale" not in said
    national = render(attrs.evolve(regulation, act=attrs.evolve(regulation.act, comparto="funzioni_locali")))
    assert "La parte è la maggiorazione del premio individuale prevista dal contratto nazionale" in national


def test_leggi_says_an_exclusion_s_parts_and_a_share_paid_whole(tmp_path):
    text = (
        HEAD
        + """
[[esclusioni]]
regola = "assenze"
giorni = 30
parti = ["obiettivi generali"]
fonte = "art. 2"

[[premi]]
nome = "obiettivi generali"
metodo = "proporzionale"
valutazione = false
peso = "=1"
tempo_parziale = "intero"
fonte = "art. 3"
"""
    )
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    said = render(regulation)
    # the exclusion names its part, and no description of the key is printed in its place
    # one rule: no order among rules to speak of; the part it is limited to, «per la sola parte»
    assert (
        "Non accede al premio chi ha più di 30 giorni di assenza nell'anno, per la sola parte «obiettivi generali» "
        "(art. 2)."
    ) in said
    assert "Inoltre" not in said
    # paid whole at part time and no days of service counted: the paid share is 1 for everyone, so the split is by
    # the weight alone, never «× la quota pagata», as the next sentence says
    assert "in proporzione al peso di ciascuno." in said
    # the part's own weight could read the hours (peso = "=punteggio * ore_settimanali"): the sentence leaves it room
    assert "A tempo parziale il premio non è ridotto per il tempo lavorato, oltre quanto ne dica il peso." in said
    assert "quota pagata" not in said and "(il tempo lavorato)" not in said


def test_leggi_says_a_share_paid_whole_by_days_or_in_equal_parts(tmp_path):
    part = """
[[premi]]
nome = "presenza"
metodo = "proporzionale"
valutazione = false
tempo_parziale = "intero"
fonte = "art. 3"
"""
    path = tmp_path / "smvp.toml"
    path.write_text(HEAD + part, encoding="utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    # no weight, no time worked, no days: everyone in service has the same share
    assert "valutato o no, senza valutazione individuale: in parti uguali." in render(regulation)
    path.write_text(HEAD + part + "rateo_giorni = true\n", encoding="utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    # the days of service make the share: «la quota pagata», of the days alone, not the time worked
    said = render(regulation)
    assert (
        "valutato o no, senza valutazione individuale: in proporzione alla quota pagata (i giorni di servizio / i "
        "giorni dell'anno)." in said
    )
    assert "Chi è assunto o cessa nel corso dell'anno riceve il premio in proporzione ai giorni di servizio." in said


EXCLUDED_BY_PART = (
    HEAD
    + """
[[esclusioni]]
regola = "punteggio_minimo"
minimo = {presenza}
parti = ["presenza"]
stato = "escluso_presenza"
fonte = "art. 2 c. 1"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = {obiettivi}
parti = ["obiettivi"]
stato = "escluso_obiettivi"
fonte = "art. 2 c. 2"

[[premi]]
nome = "presenza"
metodo = "proporzionale"
quota_fondo = 0.5
fonte = "art. 3 c. 1"

[[premi]]
nome = "obiettivi"
metodo = "proporzionale"
quota_fondo = 0.5
fonte = "art. 3 c. 2"
"""
)


def test_an_exclusion_from_one_part_is_not_the_status_of_a_person_another_part_pays(ciclope_ente, tmp_path):
    """S2 (70 points) is kept out of one part and paid by the other, whichever comes first: not «escluso»; S3 (50)
    is kept out of both: the status of the first exclusion, in the order the parts are paid."""
    people = [("S1", "C", 95), ("S2", "C", 70), ("S3", "C", 50)]
    for minimums in ({"presenza": 60, "obiettivi": 80}, {"presenza": 80, "obiettivi": 60}):
        folder = tmp_path / f"p{minimums['presenza']}"
        folder.mkdir()
        text = EXCLUDED_BY_PART.replace("{presenza}", str(minimums["presenza"]))
        text = text.replace("{obiettivi}", str(minimums["obiettivi"]))
        result = run_declared(ciclope_ente, folder, text, files(people, 'performance_individuale = "4000.00"'))
        # each part 4000 × 0.5 = 2000.00; the part S2 takes: Σ 95 + 70 = 165, S1 2000 × 95 / 165 = 1151.515… →
        # 1151.52, S2 2000 × 70 / 165 = 848.484… → 848.48; the other part: S1 alone, 2000.00
        assert amounts(result) == {"S1": "3151.52", "S2": "848.48", "S3": "0.00"}
        assert result.rewards.statuses == {"S3": "escluso_presenza"}
        why = result.figures["score:S2:status"]  # the part that keeps S2 out says so in the explanation
        assert why.formula.endswith(f"(per le parti: {'presenza' if minimums['presenza'] == 80 else 'obiettivi'})")


def test_an_exclusion_from_one_part_says_its_threshold_and_article_where_the_person_is_paid(ciclope_ente, tmp_path):
    """S2 (70 points) is below the 80 of «obiettivi» and paid by «presenza»: the person's explanation says why the
    part is not paid, with the minimum and its article, and the workbook's «Motivo» of that part's row says it too
    (Valfiorita's P06, 55 points under the 60 of the individual part: «esito: valutato», no reason)."""
    from openpyxl import load_workbook

    from ciclope.core.reports import xlsx

    text = EXCLUDED_BY_PART.replace("{presenza}", "60").replace("{obiettivi}", "80")
    # each part its own fund, as Valfiorita's two parts: a row of the sheet per fund
    text = text.replace("quota_fondo = 0.5\nfonte = \"art. 3 c. 1\"", 'fondo = "presenza"\nfonte = "art. 3 c. 1"')
    text = text.replace("quota_fondo = 0.5\nfonte = \"art. 3 c. 2\"", 'fondo = "obiettivi"\nfonte = "art. 3 c. 2"')
    people = [("S1", "C", 95), ("S2", "C", 70), ("S3", "C", 50)]
    funds = 'presenza = "2000.00"\nobiettivi = "2000.00"'
    result = run_declared(ciclope_ente, tmp_path, text, files(people, funds))
    reasons = unpaid_reasons(result, "S2")
    # the rule and what it read in one bracket, the score with its two decimals
    said = "escluso dal premio: punteggio sotto il minimo di 80 (per le parti: obiettivi; punteggio 70,00)"
    source = "SMVP del Comune di Parti, art. 2 c. 2"
    assert [r["source"] for r in reasons if said in r["why"]] == [source], reasons
    shown = explain(result, "person", "S2")
    assert f"perché: {said}\n" in shown and f"regola: {source}" in shown
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    [head, *body] = list(load_workbook(path)["Premi"].iter_rows(values_only=True))
    why = {(r[0], r[head.index("Parte")]): r[head.index("Motivo")] for r in body}
    assert why[("S2", "obiettivi")] == f"punteggio sotto il minimo di 80 (per le parti: obiettivi), {source}"
    assert why[("S2", "presenza")] is None  # paid: no reason


def test_graduatorie_by_the_grades_the_regulation_declares(ciclope_ente, tmp_path):
    """«le disponibilità complessive sono ripartite fra l'Area tecnico-amministrativa e l'Area dirigenziale […] con
    riferimento al numero dei dipendenti di ciascuna area» (contratto collettivo, GU 15.11.1997, art. 35): the Areas
    of a contract that are not the Funzioni Locali categories, declared in [gradi], are the graduatorie of
    ``graduatorie = "categoria"`` (one graduatoria of everyone before, by the category column)."""
    text = (
        HEAD
        + """
[gradi]
nomi = ["tecnico-amministrativa", "dirigenziale"]
fonte = "art. 35 c. 1"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
graduatorie = "categoria"
fonte = "art. 35 c. 1"
"""
    )
    people = [("T1", "C", 90), ("T2", "C", 80), ("T3", "C", 70), ("R1", "C", 90), ("R2", "C", 60)]
    data = files(people, 'performance_individuale = "10000.00"')
    area = {"T1": "tecnico-amministrativa", "T2": "tecnico-amministrativa", "T3": "tecnico-amministrativa"}
    lines = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join(
        [lines[0] + ",grado"] + [f"{row},{area.get(row.split(',')[0], 'dirigenziale')}" for row in lines[1:]]
    )
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # by staff in service: tecnico-amministrativa 3 of 5, 10000 × 3 / 5 = 6000.00; dirigenziale 2 (R1, R2; the
    # Segretario is not of the part's roles) = 4000.00. Within each by score: 6000 × 90 / 240 = 2250.00,
    # × 80 / 240 = 2000.00, × 70 / 240 = 1750.00; 4000 × 90 / 150 = 2400.00, × 60 / 150 = 1600.00
    assert amounts(result) == {"T1": "2250.00", "T2": "2000.00", "T3": "1750.00", "R1": "2400.00", "R2": "1600.00"}
    assert result.figures["pool:performance_individuale:dirigenziale"].label == (
        "Fondo della graduatoria del grado «dirigenziale»"
    )
    path = tmp_path / "gradi.toml"
    path.write_text(text, encoding="utf-8")
    regulation, _ = load(str(path))
    assert regulation is not None
    assert "una graduatoria per ogni grado (tecnico-amministrativa, dirigenziale)" in render(regulation)
    # the contract calls them Aree: [gradi] parola = "area" says its word, with its article
    areas = text.replace("[gradi]\n", '[gradi]\nparola = "area"\n')
    result = run_declared(ciclope_ente, tmp_path, areas, data)
    assert result.figures["pool:performance_individuale:dirigenziale"].label == (
        "Fondo della graduatoria dell'area «dirigenziale»"
    )
    path.write_text(areas, encoding="utf-8")
    regulation, _ = load(str(path))
    assert regulation is not None
    said = render(regulation)
    assert "una graduatoria per ogni area (tecnico-amministrativa, dirigenziale)" in said
    # the key is said in a sentence of its own, never by the format's description of it («Inoltre: come il …»)
    assert "Il contratto chiama un grado «area»: i documenti dicono «area tecnico-amministrativa»." in said
    assert "Inoltre" not in said


def test_a_budget_without_parametri_does_not_say_them(ciclope_ente, tmp_path):
    """Without `parametri` the weight is the paid share alone: the explanation does not name a category parameter
    the regulation never wrote; with them (above) it does."""
    plain = BUDGET.replace("parametri = { B = 100, C = 110, D = 130 }\n", "")
    assert plain != BUDGET
    people = [("S1", "B", 90, "1"), ("S2", "C", 80, "1")]
    result = run_declared(ciclope_ente, tmp_path, plain, files(people, 'performance_individuale = "10000.00"'))
    # weights 1 and 1: budget 5000 each; S1 5000 × 0.9 = 4500.00, S2 5000 × 0.8 = 4000.00
    assert amounts(result) == {"S1": "4500.00", "S2": "4000.00"}
    figure = result.figures["award:S1"]
    assert "parametro" not in figure.formula
    assert "peso della persona (quota pagata)" in [i.name for i in figure.inputs]
    (tmp_path / "p").mkdir()
    with_them = run_declared(
        ciclope_ente, tmp_path / "p", BUDGET, files(people, 'performance_individuale = "10000.00"')
    )
    assert "quota pagata × parametro della categoria" in with_them.figures["award:S1"].formula


# A formula that divides the fund: each amount half-up to the cent, so the amounts can pass the fund by the cents of
# their rounding (docs/regolamento.md, «metodo = "formula"»).
DIVIDED = (
    HEAD
    + """
[[premi]]
nome = "produttività"
metodo = "formula"
importo = '=fondo * punteggio / SOMMA.ENTE(punteggio)'
quota_fondo = 1
fonte = "art. 6"
"""
)


def test_a_formula_dividing_the_fund_rounds_within_it_without_a_shortfall(ciclope_ente, tmp_path):
    three = [("S1", "C", 80), ("S2", "C", 80), ("S3", "C", 80)]
    result = run_declared(ciclope_ente, tmp_path, DIVIDED, files(three, 'performance_individuale = "200.00"'))
    # 200.00 × 80 / 240 = 66.666… each, half-up 66.67: 3 × 66.67 = 200.01, a cent past the fund, though the exact
    # amounts total 200.00. Largest remainder instead: 3 × 66.66 = 199.98, the 2 cents left to the equal remainders
    # by id (equal scores), S1 and S2: 66.67 + 66.67 + 66.66 = 200.00, the fund, with nothing short
    assert amounts(result) == {"S1": "66.67", "S2": "66.67", "S3": "66.66"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("200.00"), Decimal("0.00"))
    assert [v.rule for v in result.violations if v.rule == "regolamento.fondo_insufficiente"] == []
    # the person whose cent the rounding took is told so in the figure's note
    assert "resti più alti" in result.figures["award:S3"].note
    # and the Relazione's annex says the reading among those the regulation is silent on
    (section,) = [x for x in result.sections if x.title == "Letture adottate dove il regolamento tace"]
    assert [row[0] for row in section.rows] == [
        "Centesimi delle quote del fondo tra le parti",
        "Centesimi degli importi calcolati con una formula",
    ]


def test_a_formula_past_the_fund_by_more_than_its_rounding_is_a_shortfall(ciclope_ente, tmp_path):
    text = DIVIDED.replace("fondo * punteggio / SOMMA.ENTE(punteggio)", "fondo * punteggio / 200")
    three = [("S1", "C", 80), ("S2", "C", 80), ("S3", "C", 80)]
    result = run_declared(ciclope_ente, tmp_path, text, files(three, 'performance_individuale = "200.00"'))
    # 200.00 × 80 / 200 = 80.00 each, 240.00 due: the fund is short by 40.00, reduced in proportion, 200 / 3 as above
    assert amounts(result) == {"S1": "66.67", "S2": "66.67", "S3": "66.66"}
    assert [v.message for v in result.violations if v.rule == "regolamento.fondo_insufficiente"] == [
        # what is short is the part's share of the fund (here all of it), named as such
        "la quota della parte «produttività» del fondo «performance_individuale» (€ 200,00) non basta per i premi "
        "dovuti (€ 240,00): ridotti in proporzione"
    ]


def test_an_evaluated_person_below_every_level_is_counted_as_such(ciclope_ente, tmp_path):
    from ciclope.core.reports import stats

    five = [*FOUR, ("S5", "C", 50)]
    result = run_declared(ciclope_ente, tmp_path, TWO_PARTS, files(five, 'performance_individuale = "10000.00"'))
    # levels A from 90 (S1, 95), B from 70 (S2 85, S3 75), C from 60 (S4 65); S5 at 50 is below them all: evaluated,
    # with no level, and the distribution says so rather than a bare «valutato» beside the levels' names
    assert result.scores["S5"].level is None
    # (the Segretario who evaluates them has no card of their own: «non valutato»)
    assert stats.distribution(result) == [
        ("A", 1),
        ("B", 2),
        ("C", 1),
        ("non valutato", 1),
        ("valutato, senza livello", 1),
    ]


OF_WHICH = (
    HEAD
    + """
[[premi]]
nome = "settore"
metodo = "proporzionale"
quota_fondo = "20%"
di_cui = "80%"
fonte = "art. 5 c. 1 lett. a"

[[premi]]
nome = "ente"
metodo = "proporzionale"
quota_fondo = "20%"
di_cui = "20%"
fonte = "art. 5 c. 1 lett. a"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
quota_fondo = "80%"
fonte = "art. 5 c. 1 lett. b"
"""
)


def test_a_share_of_a_share_as_the_text_writes_it(ciclope_ente, tmp_path):
    # «il 20% alla performance organizzativa, di cui l'80% in base al risultato del settore e il 20% in base al
    # risultato dell'ente; l'80% alla performance individuale»
    result = run_declared(
        ciclope_ente,
        tmp_path,
        OF_WHICH,
        files([("A", "C", 80), ("B", "C", 60)], 'performance_individuale = "10000.00"'),
    )
    # the parts' funds: 10000 × 20% × 80% = 1600.00, 10000 × 20% × 20% = 400.00, 10000 × 80% = 8000.00
    parts = {n: result.figures[f"pool:performance_individuale:{n}"] for n in ("settore", "ente", "individuale")}
    assert {n: f.value for n, f in parts.items()} == {
        "settore": Decimal("1600.00"),
        "ente": Decimal("400.00"),
        "individuale": Decimal("8000.00"),
    }
    assert parts["settore"].formula == "fondo × quota del fondo × di cui"
    assert [(i.name, i.value) for i in parts["settore"].inputs][1:] == [
        ("quota del fondo", Decimal("0.2")),
        ("di cui", Decimal("0.8")),
    ]
    # each part by score, 80 : 60 of 140: A 1600 × 80 / 140 = 914.285… → 914.29, B 685.71;
    # A 400 × 80 / 140 = 228.571… → 228.57, B 171.43; A 8000 × 80 / 140 = 4571.428… → 4571.43, B 3428.57.
    # A 914.29 + 228.57 + 4571.43 = 5714.29; B 685.71 + 171.43 + 3428.57 = 4285.71; together 10000.00
    assert {k: v for k, v in amounts(result).items() if k in ("A", "B")} == {"A": "5714.29", "B": "4285.71"}


def test_the_workbook_gives_each_person_the_sum_of_their_parts(ciclope_ente, tmp_path):
    from ciclope.core.reports import sheets

    result = run_declared(
        ciclope_ente,
        tmp_path,
        OF_WHICH,
        files([("A", "C", 80), ("B", "C", 60)], 'performance_individuale = "10000.00"'),
    )
    # «Premi» has three rows each (one per part); «Premi per persona» one: A 914.29 + 228.57 + 4571.43 = 5714.29,
    # B 685.71 + 171.43 + 3428.57 = 4285.71, TOTALE 10000.00; only premiums here, so no «Totale» column
    premi = [row for row in sheets.awards(result, sheets.statuses(result)).rows if row[0] in ("A", "B")]
    assert len(premi) == 6
    tables = [t for t in sheets.tables(result) if t.title == "Premi per persona"]
    assert len(tables) == 1
    table = tables[0]
    assert [c[0] for c in table.columns] == ["Codice", "Nome", "Unità", "Premi"]
    rows = {row[0]: row[3] for row in table.rows}
    assert rows["A"] == Decimal("5714.29") and rows["B"] == Decimal("4285.71")
    assert rows["TOTALE"] == Decimal("10000.00")


def test_leggi_says_the_share_of_a_share(tmp_path):
    text = regulation_text(tmp_path, OF_WHICH)
    assert "Le va l'80% del 20% del fondo dei premi per la performance individuale (il 16%)." in text
    assert "Le va il 20% del 20% del fondo dei premi per la performance individuale (il 4%)." in text


def test_of_which_needs_the_share_it_is_of(tmp_path):
    text = OF_WHICH.replace('quota_fondo = "20%"\ndi_cui = "20%"', 'di_cui = "20%"')
    found = regulation_problems(tmp_path, text)
    assert any("di_cui è una quota della quota_fondo: scrivi anche quota_fondo" in m for m in found)


def test_the_shares_of_shares_sum_to_at_most_the_fund(tmp_path):
    # 20% × 80% + 20% × 20% + 90% = 16% + 4% + 90% = 110%: more than the fund
    text = OF_WHICH.replace('quota_fondo = "80%"\nfonte', 'quota_fondo = "90%"\nfonte')
    found = regulation_problems(tmp_path, text)
    assert any("le quote del fondo «performance_individuale» sommano al 110%, più del 100%" in m for m in found)


# «il 20% … di cui l'80% in base al risultato del settore e il 20% in base al livello (65% ai quadri e 35% agli
# altri)»: the ente's 20% divided again, a list from the outermost share in
OF_WHICH_OF_WHICH = OF_WHICH.replace(
    'di_cui = "20%"\nfonte = "art. 5 c. 1 lett. a"',
    'di_cui = ["20%", "65%"]\nfonte = "art. 5 c. 1 lett. a"\n\n[[premi]]\nnome = "ente, il resto"\n'
    'metodo = "proporzionale"\nquota_fondo = "20%"\ndi_cui = ["20%", "35%"]\nfonte = "art. 5 c. 1 lett. a"',
)


def test_a_share_of_a_share_of_a_share(ciclope_ente, tmp_path):
    result = run_declared(
        ciclope_ente,
        tmp_path,
        OF_WHICH_OF_WHICH,
        files([("A", "C", 80), ("B", "C", 60)], 'performance_individuale = "10000.00"'),
    )
    # 10000 × 20% × 20% × 65% = 260.00 and × 35% = 140.00: together the 400.00 of the two-level share
    ente = result.figures["pool:performance_individuale:ente"]
    rest = result.figures["pool:performance_individuale:ente, il resto"]
    assert (ente.value, rest.value) == (Decimal("260.00"), Decimal("140.00"))
    assert ente.formula == "fondo × quota del fondo × di cui × di cui"
    assert [(i.name, i.value) for i in ente.inputs][1:] == [
        ("quota del fondo", Decimal("0.2")),
        ("di cui", Decimal("0.2")),
        ("di cui", Decimal("0.65")),
    ]
    # nothing is lost: 1600 + 260 + 140 + 8000 = 10000, all paid (both people score in every part)
    assert result.rewards.pools["performance_individuale"].residual == Decimal("0.00")


def test_leggi_says_each_level_of_the_share(tmp_path):
    text = regulation_text(tmp_path, OF_WHICH_OF_WHICH)
    # 20% × 20% × 65% = 2,6%
    assert "Le va il 65% del 20% del 20% del fondo dei premi per la performance individuale (il 2,6%)." in text


def test_each_level_of_the_share_is_checked(tmp_path):
    found = regulation_problems(tmp_path, OF_WHICH_OF_WHICH.replace('["20%", "65%"]', '["20%", "165%"]'))
    # the second item of the list of the second part: more than the whole, said as written, a percentage
    assert [m for m in found if "di_cui" in m] == [
        "riga 17, chiave premi[2].di_cui[2]: 165% fuori dall'intervallo ammesso (da 0% a 100%)"
    ]
    empty = regulation_problems(tmp_path, OF_WHICH_OF_WHICH.replace('["20%", "65%"]', "[]"))
    assert [m for m in empty if "di_cui" in m] == [
        'riga 17, chiave premi[2].di_cui: atteso un numero o una lista di numeri, es. "80%" o ["20%", "65%"], '
        "trovato «[]»"
    ]


def test_a_scenario_changes_a_share_of_a_share_but_not_a_list_of_them():
    data = tomllib.loads(OF_WHICH_OF_WHICH)
    # one level: a number, as before («di cui l'80%» → 70%)
    assert apply(data, {"premi.settore.di_cui": 0.7})["premi"][0]["di_cui"] == 0.7
    # a list of levels is the regulation's shape: changed in the file
    assert problems(data, {"premi.ente.di_cui": 0.5}) == [
        ("premi.ente.di_cui", "«premi.ente.di_cui»: premi.ente.di_cui è una lista di quote (di cui … di cui): cambiala "
         "nel file")
    ]  # fmt: skip


def test_an_excluded_person_s_zero_is_said_by_the_exclusion_alone(ciclope_ente, tmp_path):
    """A person a minimum score leaves out of both parts: «perché» is the exclusion, with what it read; the premium's
    sum of the parts («premio della parte … + premio della parte …») is no reason and is not said as one."""
    rules = TWO_PARTS + '\n[[esclusioni]]\nregola = "punteggio_minimo"\nminimo = 60\nfonte = "art. 9"\n'
    people = [*FOUR, ("S5", "C", 59)]
    result = run_declared(ciclope_ente, tmp_path, rules, files(people, 'performance_individuale = "10000.00"'))
    assert amounts(result)["S5"] == "0.00"  # 59 < 60: excluded from both parts
    reasons = unpaid_reasons(result, "S5")
    assert [r["about"] for r in reasons] == ["esito"]
    assert reasons[0]["why"].endswith("(punteggio 59,00)")
    text = explain(result, "person", "S5")
    assert "Non pagato:" not in text
    assert "perché: Premio di Persona S5: premio della parte" not in text


# A first part that pays nothing under 80 points, sending its residual to a second for those from 90; nobody under 60
CHAINED = (
    HEAD
    + """
[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 5"

[[premi]]
nome = "base"
metodo = "formula"
quota_fondo = 1
importo = '=SE(punteggio >= 80; 1000 €; 0 €)'
residuo_a = "extra"
fonte = "art. 3"

[[premi]]
nome = "extra"
metodo = "proporzionale"
quota_fondo = 0
ammesso = '=punteggio >= 90'
peso = '=PREMIO("base")'
fonte = "art. 7"
"""
)


def test_why_nothing_begins_with_the_part_that_gave_nothing(ciclope_ente, tmp_path):
    people = [("A", "C", 95), ("B", "C", 85), ("C", "C", 70), ("D", "C", 50)]
    result = run_declared(ciclope_ente, tmp_path, CHAINED, files(people, 'performance_individuale = "5000.00"'))
    # A 95: base 1000, extra all that is left, 5000 − 1000 − 1000 = 3000 (alone from 90); B 85: base 1000, not in
    # extra; C 70: base 0 (under 80), not in extra; D 50: excluded (under 60)
    assert amounts(result) == {"A": "4000.00", "B": "1000.00", "C": "0.00", "D": "0.00"}
    # C: the first reason is the part that gave nothing, by its own rule, never the premium's formula («premio della
    # parte «base»»), then the part whose condition left C out
    reasons = [r["why"] for r in unpaid_reasons(result, "C")]
    assert reasons[0] == "Premio di Persona C — base: nessun importo: il punteggio è meno di 80"
    assert reasons[1].startswith("Partecipazione di Persona C alla parte «extra»: no — il punteggio è meno di 90")
    assert len(reasons) == 2
    # D: excluded from every part; the exclusion says why, no part's condition after it
    reasons = unpaid_reasons(result, "D")
    assert [r["about"] for r in reasons] == ["esito"]
    assert "Non pagato:" not in explain(result, "person", "D")


CUT_ALL = (
    ONE_PART
    + """
[[riduzioni]]
misura = "assenze"
fonte = "art. 10"
scaglioni = [{ da = 0, a = 30, riduzione = 0 }, { da = 31, riduzione = 1 }]
"""
)


def test_the_fund_s_explanation_lists_who_a_full_cut_leaves_at_zero(ciclope_ente, tmp_path):
    """explain --pool lists everyone the part counted, each with their amount: S2, cut by 100% for 40 days of
    absence, reads € 0,00 there as the excluded do, never left out of the list."""
    people = [("S1", "C", 90), ("S2", "C", 60), ("S3", "C", 50)]
    data = files(people, 'performance_individuale = "2000.00"')
    data["people.csv"] = data["people.csv"].replace(
        "S2,Persona S2,dipendente,C,com,1,0,", "S2,Persona S2,dipendente,C,com,1,40,"
    )
    result = run_declared(ciclope_ente, tmp_path, CUT_ALL, data)
    # weights 90 × 1, 60 × (1 − 100%) = 0, 50 × 1: Σ 140; 2000 × 90 / 140 = 1285.714… → 1285.71 (rest .0043),
    # 2000 × 50 / 140 = 714.2857… → 714.28 (rest .0057): the cent left goes to S3, 714.29
    assert amounts(result) == {"S1": "1285.71", "S2": "0.00", "S3": "714.29"}
    text = explain(result, "pool", "performance_individuale")
    part = text.index("■ Premi della parte «produttività» = € 2.000,00\n")
    listed = [line for line in text[part:].splitlines() if line.startswith("  • importo di ")]
    assert listed == [
        "  • importo di Persona S1 = € 1.285,71",
        "  • importo di Persona S2 = € 0,00",
        "  • importo di Persona S3 = € 714,29",
    ]


def test_explain_says_a_part_not_due_to_someone_paid_as_the_scheda_does(ciclope_ente, tmp_path):
    """explain listed under «Non pagato:», with «no», a part whose condition leaves out someone another part pays (a
    maggiorazione one does not have): it read as money withheld, where the scheda says «non spetta» without it."""
    people = [("A", "C", 95), ("B", "C", 85), ("C", "C", 70), ("D", "C", 50)]
    result = run_declared(ciclope_ente, tmp_path, CHAINED, files(people, 'performance_individuale = "5000.00"'))
    # B 85: base 1000 (85 ≥ 80) and out of «extra» (85 < 90): paid, only a part's condition leaves B out
    text = explain(result, "person", "B")
    assert "Non pagato:" not in text
    assert "\nPartecipazione di Persona B alla parte «extra»: non spetta — il punteggio è meno di 90" in text
    assert ": no — " not in text
    # C 70: base 0 (70 < 80), out of «extra» (70 < 90): paid nothing, so «Non pagato:» and «no» stay
    text = explain(result, "person", "C")
    assert "Non pagato:" in text
    assert "perché: Partecipazione di Persona C alla parte «extra»: no — il punteggio è meno di 90" in text


def test_a_parts_note_ending_with_its_full_stop_is_given_no_second(ciclope_ente, tmp_path):
    """The part's note ends with its own full stop («… all'art. 8.»): the reason the scheda and explain give, which
    add «. Fonte: …» after it, say «art. 8. Fonte», never «art. 8.. Fonte»."""
    from ciclope.core.schede.content import build

    noted = CHAINED.replace('fonte = "art. 7"', 'fonte = "art. 7"\nnota = "Tetto e riparto dei resti all\'art. 8."')
    people = [("A", "C", 95), ("B", "C", 85), ("C", "C", 70), ("D", "C", 50)]
    result = run_declared(ciclope_ente, tmp_path, noted, files(people, 'performance_individuale = "5000.00"'))
    # B 85: base 1000 (85 ≥ 80), left out of «extra» (85 < 90): «non spetta», the note, then the part's article
    assert build(result, "B").refused == (
        "Partecipazione di Persona B alla parte «extra»: non spetta — il punteggio è meno di 90 (il punteggio = 85,00 "
        "punti); nota del regolamento: Tetto e riparto dei resti all'art. 8. Fonte: SMVP del Comune di Parti, art. 7.",
    )


def test_the_scheda_of_someone_paid_says_the_part_that_left_them_out(ciclope_ente, tmp_path):
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    people = [("A", "C", 95), ("B", "C", 85), ("C", "C", 70), ("D", "C", 50)]
    result = run_declared(ciclope_ente, tmp_path, CHAINED, files(people, 'performance_individuale = "5000.00"'))
    # B 85: base 1000.00 (≥ 80), left out of «extra» (under 90): the scheda says so after what it pays, as explain
    # does (docs/regolamento.md, «Chi la condizione lascia fuori»), a part that «non spetta» to someone paid, never
    # under «Non pagato»; A, in both parts, reads no such line
    scheda = build(result, "B")
    assert scheda.refused == (
        "Partecipazione di Persona B alla parte «extra»: non spetta — il punteggio è meno di 90 (il punteggio = 85,00 punti). Fonte: SMVP del Comune di Parti, "
        "art. 7.",
    )
    page = render(scheda)
    assert "<ul><li>Partecipazione di Persona B alla parte «extra»: non spetta" in page
    assert "<h3>Non pagato</h3>" not in page
    assert build(result, "A").refused == ()
    assert "<h3>Non pagato</h3>" not in render(build(result, "A"))
