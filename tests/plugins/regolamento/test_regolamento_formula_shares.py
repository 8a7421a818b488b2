"""``quota_fondo`` written as a formula: a part's share of its fund computed for the year from its results —
«l'incentivo di ciascun obiettivo è corrisposto in misura pari al livello di conseguimento», «la quota destinata
alla performance organizzativa è erogata in proporzione al grado di raggiungimento degli obiettivi dell'ente». Every
amount by hand, with the arithmetic beside it; the funds and the objectives' figures are examples."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.check.comparto import RULE as NO_COMPARTO

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

BY_OBJECTIVE = """\
formato = 2
[atto]
titolo = "Regolamento dell'incentivo per obiettivi dell'Agenzia"
tipo_ente = "comune"

[[premi]]
nome = "obiettivo OB1"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
quota_fondo = '=60% * OBIETTIVO("OB1")'
fonte = "art. 4"

[[premi]]
nome = "obiettivo OB2"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
quota_fondo = '=40% * OBIETTIVO("OB2")'
fonte = "art. 4"
"""

OBJECTIVES = """\
id,kind,title,parent,area,weight,owner
OB1,operational,Riscossione,,,,com
OB2,operational,Controlli,,,,com
"""
INDICATORS_HEADER = (
    "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source"
)


def agency(ob1: str, ob2: str, fund: str, people: tuple[str, ...] = ("A", "B")) -> dict[str, str]:
    """One unit, two objectives of one indicator each, target 10 and actual ``ob1``, ``ob2`` (higher is better:
    actual / target); each of ``people`` a full-time Area C with a card (not read where valutazione = false)."""
    rows = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid in people]
    files = one_unit_comune("Agenzia", rows, cards, f'[funds]\nproduttivita = "{fund}"\n')
    files["objectives.csv"] = OBJECTIVES
    files["indicators.csv"] = "\n".join([
        INDICATORS_HEADER,
        f"IN1,OB1,Somme riscosse,higher,,,10,{ob1},,,,,",
        f"IN2,OB2,Controlli eseguiti,higher,,,10,{ob2},,,,,",
    ]) + "\n"  # fmt: skip
    return files


def test_each_objective_pays_its_share_by_its_achievement(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_OBJECTIVE, agency("8", "10", "10000.00"))
    # OB1 8 / 10 = 80%: 60% × 80% = 48% of 10,000 = 4,800.00, in equal parts 2,400.00 each;
    # OB2 10 / 10 = 100%: 40% × 100% = 40% = 4,000.00, 2,000.00 each. Each 2,400 + 2,000 = 4,400.00
    assert amounts(result) == {"A": "4400.00", "B": "4400.00"}
    pool = result.rewards.pools["produttivita"]
    # what OB1's missed 20% would have paid stays in the fund: 60% × 20% = 12% = 1,200.00
    assert (pool.distributed, pool.residual) == (Decimal("8800.00"), Decimal("1200.00"))
    share = result.figures["quota:obiettivo OB1"]
    assert share.value == Decimal("0.48")
    [read_] = share.inputs
    assert (read_.name, read_.value, read_.ref) == (
        "il raggiungimento dell'obiettivo «Riscossione» (OB1)",
        Decimal("0.8"),
        "objective:OB1",
    )
    fund = result.figures["pool:produttivita:obiettivo OB1"]
    assert fund.value == Decimal("4800.00")
    assert [(i.name, i.value, i.ref) for i in fund.inputs] == [
        ("fondo", Decimal("10000.00"), "pool:produttivita"),
        ("quota del fondo", Decimal("0.48"), "quota:obiettivo OB1"),
    ]
    # nothing of the regulation but that the comune declares no comparto (its own warning)
    assert [p.message for p in result.violations if p.rule.startswith("regolamento.") and p.rule != NO_COMPARTO] == []


def test_the_shares_are_split_to_the_cent_with_the_rest_residual(ciclope_ente, tmp_path):
    """Shares of a fund of 100.01 €: the part's fund is its exact share, the cents by the largest remainder, as with
    shares written as numbers (never each one rounded apart)."""
    result = run_declared(ciclope_ente, tmp_path, BY_OBJECTIVE, agency("5", "10", "100.01"))
    # OB1 5 / 10 = 50%: 60% × 50% = 30%, 100.01 × 0.3 = 30.003; OB2 40% × 100% = 40%, 40.004; the rest 30%, 30.003.
    # Cents: 30.00 + 40.00 + 30.00 = 100.00, one cent left, to the largest remainder: 0.004 (OB2) → 40.01
    assert result.figures["pool:produttivita:obiettivo OB1"].value == Decimal("30.00")
    assert result.figures["pool:produttivita:obiettivo OB2"].value == Decimal("40.01")
    # 30.00 / 2 = 15.00 each; 40.01 / 2 = 20.005, the odd cent to one of them (largest remainder, then the order)
    paid = sorted(Decimal(a) for a in amounts(result).values())
    assert paid == [Decimal("35.00"), Decimal("35.01")]  # 15.00 + 20.00, 15.00 + 20.01
    pool = result.rewards.pools["produttivita"]
    assert (pool.distributed, pool.residual) == (Decimal("70.01"), Decimal("30.00"))  # 100.01 − 70.01


def test_a_share_in_proportion_to_the_ente_s_performance(ciclope_ente, tmp_path):
    """«in proporzione al grado di raggiungimento degli obiettivi dell'ente»: ``ente`` read alone, one value."""
    text = BY_OBJECTIVE.replace("""quota_fondo = '=60% * OBIETTIVO("OB1")'""", "quota_fondo = '=60% * ente'")
    result = run_declared(ciclope_ente, tmp_path, text, agency("10", "10", "10000.00"))
    # both objectives at 100%: the ente's performance 100%; 60% × 100% = 6,000.00 and 40% × 100% = 4,000.00:
    # 3,000 + 2,000 = 5,000.00 each, nothing left
    assert amounts(result) == {"A": "5000.00", "B": "5000.00"}
    [read_] = result.figures["quota:obiettivo OB1"].inputs
    assert (read_.value, read_.ref) == (Decimal(1), "ente")


def test_shares_above_the_whole_fund_are_an_error_and_the_formula_takes_none(ciclope_ente, tmp_path):
    text = BY_OBJECTIVE.replace("""quota_fondo = '=60% * OBIETTIVO("OB1")'""", "quota_fondo = 0.7")
    result = run_declared(ciclope_ente, tmp_path, text, agency("10", "10", "10000.00"))
    # 70% + 40% × 100% = 110%: OB2's formula takes no share; OB1 its 70% = 7,000.00, 3,500.00 each; 3,000.00 left
    assert amounts(result) == {"A": "3500.00", "B": "3500.00"}
    assert result.rewards.pools["produttivita"].residual == Decimal("3000.00")
    [(where, message)] = [(p.where, p.message) for p in result.violations if p.rule == "regolamento.quota"]
    assert where == "smvp.toml:19:premi[2].quota_fondo"  # the second [[premi]] begins on line 14, its 6th key
    assert message == (
        "parte «obiettivo OB2»: la quota_fondo «=40% * OBIETTIVO(\"OB2\")» porta le quote del fondo a 110,00% "
        "(«obiettivo OB1» 70,00%, «obiettivo OB2» 40,00%), più del 100%: la parte non prende quota del fondo, che "
        "resta residuo; correggi la formula o i dati che legge (una quota è tra 0% e 100%; per limitarla, "
        "MIN(formula; 100%))"
    )
    assert result.figures["quota:obiettivo OB2"].value == 0


def test_a_share_over_100_percent_or_without_value_is_an_error_naming_the_part(ciclope_ente, tmp_path):
    over = BY_OBJECTIVE.replace('=60% * OBIETTIVO("OB1")', '=OBIETTIVO("OB1") * 2')
    result = run_declared(ciclope_ente, tmp_path, over, agency("8", "10", "10000.00"))
    # 80% × 2 = 160%: no share for OB1; OB2 alone, 40% = 4,000.00, 2,000.00 each
    assert amounts(result) == {"A": "2000.00", "B": "2000.00"}
    [message] = [p.message for p in result.violations if p.rule == "regolamento.quota"]
    assert message.startswith("parte «obiettivo OB1»: la quota_fondo «=OBIETTIVO(\"OB1\") * 2» dà 160,00%, fuori da ")
    # an objective without achievement (its only indicator not measured): no value, never a silent 0 %
    unmeasured = run_declared(ciclope_ente, tmp_path, BY_OBJECTIVE, agency("", "10", "10000.00"))
    assert amounts(unmeasured) == {"A": "2000.00", "B": "2000.00"}
    [message] = [p.message for p in unmeasured.violations if p.rule == "regolamento.quota"]
    assert "non dà un valore" in message


def test_what_a_share_formula_may_read(tmp_path):
    def problems(share: str) -> list[str]:
        return regulation_problems(tmp_path, BY_OBJECTIVE.replace('=60% * OBIETTIVO("OB1")', share))

    # line 11: the first part's quota_fondo; one value for the year, no person's own datum outside a function
    assert problems("=fte / 2") == [
        "riga 11, chiave premi[1].quota_fondo: formula «=fte / 2»: la quota del fondo della parte vale per "
        "tutti: «fte» di una persona si legge dentro una funzione sulle persone, es. MEDIA.ENTE(punteggio)"
    ]
    assert problems("=MEDIA.GRUPPO(fte)") == [
        "riga 11, chiave premi[1].quota_fondo: formula «=MEDIA.GRUPPO(fte)»: MEDIA.GRUPPO non si usa nella quota del "
        "fondo della parte: la quota è una per la parte, senza gruppi; MEDIA.ENTE legge tutte le persone della parte"
    ]
    assert problems("=1000 €") != []  # an amount is not a share
    assert problems('=MIN(OBIETTIVO("OB1"); 100%) * 60%') == []
    assert problems("=60% * SOMMA.ENTE(fte) / CONTA.ENTE()") == []  # the part's people, inside a function


def test_explain_and_the_reading_say_the_share(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_OBJECTIVE, agency("8", "10", "10000.00"))
    text = explain(result, "person", "A")
    assert text is not None
    # the part's fund, its share, and under the share the objective it read, down to the indicator's cells
    share = text.split("          • quota del fondo = 48%\n", 1)[1]
    assert share.startswith(
        "            ■ Quota del fondo della parte «obiettivo OB1» = 48%\n"
        "              formula: =60% * OBIETTIVO(\"OB1\") — 60% × il raggiungimento dell'obiettivo «OB1»\n"
    )
    assert "              • il raggiungimento dell'obiettivo «Riscossione» (OB1) = 80,00%\n" in share
    assert "consuntivo = 8   ← indicators.csv, riga 2, colonna consuntivo" in share
    said = regulation_text(tmp_path, BY_OBJECTIVE)
    # the fund by its key, produttivita, in words with its accent
    assert (
        "Le va una quota del Fondo produttività calcolata per l'anno, che è pari a 60% × il raggiungimento "
        "dell'obiettivo «OB1» (formula: =60% * OBIETTIVO(\"OB1\"))."
    ) in said


def test_what_one_share_leaves_goes_to_the_part_written_as_the_rest(ciclope_ente, tmp_path):
    """«le somme non erogate per il mancato raggiungimento dell'obiettivo confluiscono nella produttività»: the second
    part's share is written as the rest of the first's, so the fund is paid whole."""
    text = BY_OBJECTIVE.replace('=40% * OBIETTIVO("OB2")', '=100% - 60% * OBIETTIVO("OB1")')
    result = run_declared(ciclope_ente, tmp_path, text, agency("5", "10", "10000.00"))
    # OB1 5 / 10 = 50%: 60% × 50% = 30%, 3,000.00; the rest 100% − 30% = 70%, 7,000.00; 1,500 + 3,500 = 5,000.00 each
    assert amounts(result) == {"A": "5000.00", "B": "5000.00"}
    assert result.rewards.pools["produttivita"].residual == 0
    assert result.figures["quota:obiettivo OB2"].value == Decimal("0.7")


def test_a_share_by_points_over_a_threshold_as_the_table_writes_it(ciclope_ente, tmp_path):
    """«Da 110,1 a 130,9 punti dall'80,1% al 95%, ciascun punto aggiuntivo 0,715%»: written as the table writes it,
    and said with every digit the file writes (0,715%, never 0,72%)."""
    text = BY_OBJECTIVE.replace('=60% * OBIETTIVO("OB1")', "=80,1% + (MEDIA.ENTE(fte) * 120 - 110,1) * 0,715%").replace(
        '=40% * OBIETTIVO("OB2")', "=0%"
    )
    result = run_declared(ciclope_ente, tmp_path, text, agency("10", "10", "10000.00"))
    # everyone full time: 1 × 120 = 120 points; 80.1% + (120 − 110.1) × 0.715% = 80.1% + 9.9 × 0.715% = 80.1% +
    # 7.0785% = 87.1785%; 10,000 × 0.871785 = 8,717.85, 4,358.925 each: the odd cent to one of them
    assert result.figures["pool:produttivita:obiettivo OB1"].value == Decimal("8717.85")
    assert sorted(amounts(result).values()) == ["4358.92", "4358.93"]
    assert result.figures["quota:obiettivo OB1"].value == Decimal("0.871785")
    said = regulation_text(tmp_path, text)
    assert (
        "che è pari a 80,1% più (la media del tempo lavorato (la quota del tempo pieno) nell'ente × 120 meno 110,1) × "
        "0,715% (formula: =80,1% + (MEDIA.ENTE(fte) * 120 - 110,1) * 0,715%)"
    ) in said


def test_a_computed_share_times_its_di_cui(ciclope_ente, tmp_path):
    text = BY_OBJECTIVE.replace(
        """quota_fondo = '=60% * OBIETTIVO("OB1")'""",
        """quota_fondo = '=60% * OBIETTIVO("OB1")'
di_cui = "50%\"""",
    )
    result = run_declared(ciclope_ente, tmp_path, text, agency("8", "10", "10000.00"))
    # OB1 80%: 60% × 80% = 48%, of which 50%: 24% of 10,000 = 2,400.00; OB2 40% = 4,000.00. Each 1,200 + 2,000
    assert result.figures["pool:produttivita:obiettivo OB1"].value == Decimal("2400.00")
    assert amounts(result) == {"A": "3200.00", "B": "3200.00"}
    assert result.rewards.pools["produttivita"].residual == Decimal("3600.00")  # 10,000 − 6,400


def test_the_whole_is_checked_on_the_shares_times_their_di_cui(ciclope_ente, tmp_path):
    """«Il fondo per metà a ciascun obiettivo, in misura pari al suo conseguimento»: 100% of which 50%, twice."""
    text = BY_OBJECTIVE.replace('=60% * OBIETTIVO("OB1")', '=OBIETTIVO("OB1")\'\ndi_cui = \'50%').replace(
        '=40% * OBIETTIVO("OB2")', '=OBIETTIVO("OB2")\'\ndi_cui = \'50%'
    )
    result = run_declared(ciclope_ente, tmp_path, text, agency("10", "10", "10000.00"))
    # both 100% × 50% = 50%: together 100%, not 200%; 5,000.00 each part, 2,500 + 2,500 = 5,000.00 each person
    assert [p.message for p in result.violations if p.rule == "regolamento.quota"] == []
    assert amounts(result) == {"A": "5000.00", "B": "5000.00"}


def test_a_computed_share_is_said_with_two_decimals_as_its_note_says_it(ciclope_ente, tmp_path):
    """A share computed with one decimal reads «25,50%» in the explanation, as the note under it and the Relazione's
    table say it, never «25,5%» beside them."""
    text = BY_OBJECTIVE.replace('=60% * OBIETTIVO("OB1")', '=30% * OBIETTIVO("OB1")')
    result = run_declared(ciclope_ente, tmp_path, text, agency("8.5", "10", "10000.00"))
    # OB1 8,5 / 10 = 85%: 30% × 85% = 25,5% of 10.000,00 = 2.550,00, 1.275,00 each; OB2 10 / 10: 40% = 4.000,00,
    # 2.000,00 each; 1.275,00 + 2.000,00 = 3.275,00
    assert amounts(result) == {"A": "3275.00", "B": "3275.00"}
    said = explain(result, "person", "A")
    assert said is not None
    share = said.split("          • quota del fondo = 25,50%\n", 1)[1]
    assert share.startswith("            ■ Quota del fondo della parte «obiettivo OB1» = 25,50%\n")
