"""A part that pays the whole year to a person gone on 30 June, where the file does not say whether the text pays in
proportion to the days of service: a warning names the person and says what to write. ``rateo_giorni`` written either
way (true: in proportion; false: the text pays the whole year), or a formula that reads the days, silences it."""

from __future__ import annotations

from decimal import Decimal

from ciclope.plugins.regolamento.check.fullyear import RULE

from helpers import one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Criteri dei premi del Comune di prova"
tipo_ente = "comune"
comparto = "altro"
"""
PART = """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 4"
"""


def files() -> dict[str, str]:
    staff = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 4)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{80 + i}," for i in range(1, 4)]
    data = one_unit_comune("Comune di prova", staff, cards, '[funds]\nperformance_individuale = "3000.00"\n')
    head, *rows = data["people.csv"].splitlines()
    ends = {"P2": "30/06/2024"}  # P2 left on 30 June
    data["people.csv"] = "\n".join([f"{head},cessazione", *(f"{r},{ends.get(r.split(',')[0], '')}" for r in rows)])
    return data


def warnings(result) -> list[str]:
    return [p.message for p in result.violations if p.rule == RULE]


def test_a_leaver_paid_the_whole_year_is_said(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + PART, files())
    assert warnings(result) == [
        "il premio è pagato per l'anno intero anche a chi è assunto o cessa nell'anno: Persona 2 (P2) (in servizio "
        "fino al 30/06/2024). Se il testo lo dà in proporzione ai giorni di servizio, scrivi nella parte il codice "
        "«rateo_giorni = true»; se lo dà intero, il codice «rateo_giorni = false», e l'avviso tace"
    ]
    [problem] = [p for p in result.violations if p.rule == RULE]
    assert (problem.row, problem.column) == (7, "premi[1]")  # the line of [[premi]]


def test_a_part_that_says_either_way_is_not_warned(ciclope_ente, tmp_path):
    for written in ("rateo_giorni = true", "rateo_giorni = false"):
        folder = tmp_path / written.split()[-1]
        folder.mkdir()
        result = run_declared(ciclope_ente, folder, HEAD + PART + written + "\n", files())
        assert warnings(result) == [], written


def test_a_formula_that_counts_the_days_is_not_warned(ciclope_ente, tmp_path):
    part = PART.replace('metodo = "proporzionale"', "metodo = \"proporzionale\"\npeso = '=punteggio * giorni_servizio'")
    result = run_declared(ciclope_ente, tmp_path, HEAD + part, files())
    assert warnings(result) == []


def test_amounts_an_act_decides_are_not_warned(ciclope_ente, tmp_path):
    # the incentivi per funzioni tecniche of the RUP's act, written per person in premi.csv: paid as written, so the
    # leaver P2's 300,00 is no whole year's premium the file forgot to prorate
    part = PART.replace('metodo = "proporzionale"', 'metodo = "importi"\nvalutazione = false')
    data = files()
    data["premi.csv"] = "persona,parte,importo\nP2,produttività,300.00\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + part, data)
    assert warnings(result) == []
    assert {a.person: a.amount for a in result.rewards.awards.values() if a.amount} == {"P2": Decimal("300.00")}


def test_a_formula_that_reads_the_months_of_service_is_not_warned(ciclope_ente, tmp_path):
    # MESI(15 giorni) counts the months of service: a weight that reads it pays by time of service, directly or
    # through a definition's name, and the leaver P2 (6 months: January–June) weighs 6/12 of a colleague
    direct = PART.replace(
        'metodo = "proporzionale"', "metodo = \"proporzionale\"\npeso = '=punteggio * MESI(15 giorni)'"
    )
    defined = (
        "\n[[definizioni]]\nnome = \"dodicesimi\"\nformula = '=MESI(15 giorni) / 12'\nfonte = \"art. 2\"\n"
        + PART.replace('metodo = "proporzionale"', "metodo = \"proporzionale\"\npeso = '=punteggio * dodicesimi'")
    )
    for name, part in (("diretta", direct), ("definizione", defined)):
        folder = tmp_path / name
        folder.mkdir()
        result = run_declared(ciclope_ente, folder, HEAD + part, files())
        assert warnings(result) == [], name
        # weights 81 × 12, 82 × 6, 83 × 12 (÷ 12 alike in the definition): Σ = 972 + 492 + 996 = 2460;
        # P2: 3000 × 492 / 2460 = 600,00 — the months really prorate the premium
        assert {a.person: a.amount for a in result.rewards.awards.values()}["P2"] == Decimal("600.00"), name


def test_a_weight_by_the_position_pay_due_is_not_warned(ciclope_ente, tmp_path):
    # the position pay an office writes is what is due for the incarico's days (5.000,00 for P2's half year of a
    # 10.000,00 post): a weight by it is already in proportion to the days, as a formula reading them is
    part = PART.replace(
        'metodo = "proporzionale"', "metodo = \"proporzionale\"\npeso = '=punteggio * retribuzione_posizione'"
    )
    data = files()
    head, *rows = data["people.csv"].splitlines()
    pay = {"SEG": "", "P1": "10000.00", "P2": "5000.00", "P3": "10000.00"}
    data["people.csv"] = "\n".join([f"{head},position_pay", *(f"{r},{pay[r.split(',')[0]]}" for r in rows)]) + "\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + part, data)
    assert [p.message for p in result.violations if p.severity == "error"] == []
    assert warnings(result) == []


def test_a_part_paid_per_incarico_for_its_days_is_not_warned(ciclope_ente, tmp_path):
    # an interim paid for the days of the incarico (giorni): the leaver P2, who holds none, is paid nothing by it,
    # and the warning named her as paid for the whole year
    part = PART.replace(
        'metodo = "proporzionale"',
        "metodo = \"formula\"\nincarichi = \"interim\"\nimporto = '=20% * 10000 € * giorni / giorni_anno'",
    )
    data = files()
    data["incarichi.csv"] = "persona,tipo,sostituito,dal,al\nP1,interim,,01/07/2024,31/12/2024\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + part, data)
    assert warnings(result) == []
    # 1/7–31/12/2024: 31 + 31 + 30 + 31 + 30 + 31 = 184 days of 366; 20% × 10.000,00 × 184 / 366 = 1.005,464… → 1.005,46
    assert {a.person: a.amount for a in result.rewards.awards.values() if a.amount} == {"P1": Decimal("1005.46")}
