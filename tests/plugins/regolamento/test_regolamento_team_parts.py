"""Premiums per project team, as a blind tester wrote them: three parts, each its own fund, none reading an
evaluation, each admitting the members of its team (a declared yes/no column), and an exclusion for insufficient
performance. A person in one team only and excluded is «escluso» by the part that admits her, never «non ammesso»
by a part that never concerned her, in every output; the paid are shown the condition that admitted them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.run.explain import OUTCOME, explain, unpaid_reasons

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Criteri dei premi per progetto"
tipo_ente = "comune"

[[colonne]]
nome = "gruppo_ob1"
tipo = "sì/no"
significato = "la partecipazione al gruppo OB1"
fonte = "art. 2"

[[colonne]]
nome = "gruppo_ob2"
tipo = "sì/no"
significato = "la partecipazione al gruppo OB2"
fonte = "art. 2"

[[colonne]]
nome = "gruppo_ob3"
tipo = "sì/no"
significato = "la partecipazione al gruppo OB3"
fonte = "art. 2"

[[esclusioni]]
regola = "insufficiente"
fonte = "art. 6"
ipotesi = "vale la dichiarazione del dirigente"
"""


def part(n: int, reading: str = "") -> str:
    """The part of team OBn: its own fund, no evaluation, its team's members only (art. 5 c. n)."""
    said = f'ipotesi = "{reading}"\n' if reading else ""
    return (
        f'\n[[premi]]\nnome = "obiettivo OB{n}"\nmetodo = "proporzionale"\nfondo = "obiettivo_ob{n}"\n'
        f'valutazione = false\nammesso = "=gruppo_ob{n}"\nfonte = "art. 5 c. {n}"\n{said}'
    )


TEAMS = (
    HEAD + part(1, "il gruppo è quello della determina di avvio") + part(2) + part(3, "il gruppo include i comandati")
)
FUNDS = '[funds]\nobiettivo_ob1 = "1000.00"\nobiettivo_ob2 = "2000.00"\nobiettivo_ob3 = "3000.00"\n'


def team_files() -> dict[str, str]:
    """A Comune of one unit: P01 in OB1, P02 in OB1 and OB2, P03 in OB2 and OB3, P07 in OB3 only and declared
    insufficient (people.csv row 6)."""
    rows = [
        f"{STAFF_HEADER},gruppo_ob1,gruppo_ob2,gruppo_ob3",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,no,no,no",
        "P01,Anna,dipendente,C,com,1,0,false,SEG,sì,no,no",
        "P02,Bruno,dipendente,C,com,1,0,false,SEG,sì,sì,no",
        "P03,Carla,dipendente,C,com,1,0,false,SEG,no,sì,sì",
        "P07,Giulia,dipendente,C,com,1,0,true,SEG,no,no,sì",
    ]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(rows) + "\n",
        "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n",
        "ente.toml": f'name = "Comune di Prova"\n{FUNDS}',
    }


# the parts as written, and the part that excludes her paid first: the outcome is the same
ORDERS = [TEAMS, HEAD + part(3) + part(2) + part(1)]


@pytest.mark.parametrize("text", ORDERS, ids=["as-written", "excluding-part-first"])
def test_the_part_that_admits_and_excludes_her_gives_her_outcome(ciclope_ente, tmp_path, text):
    result = run_declared(ciclope_ente, tmp_path, text, team_files())
    # OB1 1000 / 2 (P01, P02) = 500.00 each; OB2 2000 / 2 (P02, P03) = 1000.00 each; OB3 3000 to P03 alone (P07
    # excluded): P02 500 + 1000, P03 1000 + 3000, each fund an award of its own; P07 listed at 0 (elenca_esclusi)
    paid = {(a.person, a.pool): str(a.amount) for a in result.rewards.awards.values()}
    assert paid == {
        ("P01", "obiettivo_ob1"): "500.00",
        ("P02", "obiettivo_ob1"): "500.00",
        ("P02", "obiettivo_ob2"): "1000.00",
        ("P03", "obiettivo_ob2"): "1000.00",
        ("P03", "obiettivo_ob3"): "3000.00",
        ("P07", "obiettivo_ob3"): "0.00",
    }
    assert result.rewards.statuses["P07"] == "escluso_insufficiente"
    status = result.figures["score:P07:status"]
    assert status.formula == "escluso dal premio: dichiarato di insufficiente rendimento"
    assert status.source.endswith("art. 6")
    [read] = status.inputs
    assert (read.name, read.value) == ("insufficiente rendimento", True)
    assert read.cell.endswith(":insufficient")
    [why] = [r for r in unpaid_reasons(result, "P07") if r["about"] == OUTCOME]
    assert why["why"].startswith("escluso dal premio: dichiarato di insufficiente rendimento")
    assert why["source"].endswith("art. 6")


def test_explain_says_the_exclusion_under_the_outcome_and_never_non_ammesso(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TEAMS, team_files())
    said = explain(result, "person", "P07")
    assert "esito: escluso per insufficiente rendimento\n" in said
    assert "non ammesso per la condizione" not in said
    # the OB3 premium's «esito» leads to the exclusion's rule, its article and the cell, not to OB1's condition
    assert (
        "  • esito = escluso per insufficiente rendimento\n"
        "    ■ Esito di Giulia = escluso per insufficiente rendimento\n"
        "      formula: escluso dal premio: dichiarato di insufficiente rendimento\n"
        "      fonte:   Criteri dei premi per progetto, art. 6\n"
        "      ipotesi: vale la dichiarazione del dirigente\n"  # the exclusion's own reading, under its figure
        "      • insufficiente rendimento = sì   ← people.csv, riga 6, colonna insufficiente\n"
    ) in said
    # the parts that never concerned her (not in their teams) are one plain line after the premiums, no reason
    unpaid = said[said.index("Non pagato:") :]
    assert "  perché: non partecipa alle parti «obiettivo OB1» e «obiettivo OB2»\n" in unpaid
    assert "Partecipazione di Giulia alla parte «obiettivo OB1»" not in said


def test_the_workbook_the_relazione_and_the_fund_agree_on_her_outcome(ciclope_ente, tmp_path):
    from openpyxl import load_workbook

    from ciclope.core.reports import html, xlsx

    result = run_declared(ciclope_ente, tmp_path, TEAMS, team_files())
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    book = load_workbook(path, read_only=True)
    [head, *body] = list(book["Valutazioni individuali"].iter_rows(values_only=True))
    [row] = [r for r in body if r[0] == "P07"]
    assert (row[head.index("Esito")], row[head.index("Motivo")]) == (
        "escluso per insufficiente rendimento",
        "dichiarato di insufficiente rendimento",
    )
    [head, *body] = list(book["Premi"].iter_rows(values_only=True))
    [row] = [r for r in body if r[0] == "P07"]
    assert (row[head.index("Parte")], row[head.index("Importo")]) == ("obiettivo OB3", 0)
    assert (row[head.index("Esito")], row[head.index("Motivo")]) == (
        "escluso per insufficiente rendimento",
        "dichiarato di insufficiente rendimento, Criteri dei premi per progetto, art. 6",  # and the article
    )
    page = html.render(result)
    assert "non ammesso" not in page
    assert "escluso per insufficiente rendimento: 1" in page
    # the fund lists her as «Premi» does (elenca_esclusi), at 0, leading to her figure and its outcome
    pool = explain(result, "pool", "obiettivo_ob3")
    assert (
        "  • importo di Giulia = € 0,00\n"
        "    ■ Premio di Giulia — obiettivo OB3 = € 0,00\n"
        "      formula: escluso: nessun premio\n"
    ) in pool
    assert "■ Premi della parte «obiettivo OB3» = € 3.000,00\n" in pool  # 3000 to Carla, 0 to Giulia


def test_the_paid_are_shown_the_condition_that_admitted_them(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TEAMS, team_files())
    figure = result.figures["award:P03:obiettivo_ob3"]
    # only the team shares the fund, not everyone in service: Carla alone of OB3's admitted is paid, 3000 × 1 / 1
    assert figure.formula == (
        "fondo × peso / Σ pesi, con peso = quota pagata; senza valutazione individuale: il personale in servizio "
        "per cui la colonna gruppo_ob3 (la partecipazione al gruppo OB3) dice sì"
    )
    assert figure.value == Decimal("3000.00")
    held = [i for i in figure.inputs if i.name == "la partecipazione al gruppo OB3"]
    assert [(i.value, i.ref) for i in held] == [(True, "ammesso:obiettivo OB3:P03")]
    said = explain(result, "person", "P03")
    assert (
        "  • la partecipazione al gruppo OB3 = sì\n"
        "    ■ Partecipazione di Carla alla parte «obiettivo OB3» = sì\n"
        "      formula: =gruppo_ob3 — partecipa se la colonna gruppo_ob3 (la partecipazione al gruppo OB3) dice sì\n"
    ) in said
    assert "la partecipazione al gruppo OB3 = sì   ← people.csv, riga 5, colonna gruppo_ob3" in said


def test_a_part_without_a_condition_still_pays_all_the_staff_in_service(ciclope_ente, tmp_path):
    text = TEAMS.replace('ammesso = "=gruppo_ob3"\n', "")
    result = run_declared(ciclope_ente, tmp_path, text, team_files())
    # OB3 without its condition: P01, P02, P03 (P07 excluded; the segretario is no dipendente) share 3000 / 3
    assert result.figures["award:P01:obiettivo_ob3"].value == Decimal("1000.00")
    assert result.figures["award:P01:obiettivo_ob3"].formula.endswith(
        "senza valutazione individuale: tutto il personale in servizio"
    )
    assert not [i for i in result.figures["award:P01:obiettivo_ob3"].inputs if (i.ref or "").startswith("ammesso:")]


def test_the_relazione_says_the_exclusion_s_rule_in_words(ciclope_ente, tmp_path):
    from ciclope.core.reports import html

    page = html.render(run_declared(ciclope_ente, tmp_path, TEAMS, team_files()))
    assert "esclusione per insufficiente rendimento" in page
    assert "esclusione «insufficiente»" not in page and "esclusione &laquo;insufficiente" not in page


def test_leggi_says_each_part_s_reading_after_its_own_sentences(tmp_path):
    text = regulation_text(tmp_path, TEAMS)
    first = text.index("Parte «obiettivo OB1»")
    reading = text.index("Ipotesi dell'ufficio (parte del premio «obiettivo OB1»): il gruppo è quello della determina")
    second = text.index("Parte «obiettivo OB2»")
    last = text.index("Ipotesi dell'ufficio (parte del premio «obiettivo OB3»): il gruppo include i comandati.")
    third = text.index("Parte «obiettivo OB3»")
    assert first < reading < second < third < last
    assert (
        "Non accede al premio chi è dichiarato di insufficiente rendimento, nelle parti «obiettivo OB1», «obiettivo OB2» "
        "e «obiettivo OB3» (art. 6). Ipotesi dell'ufficio: vale" in text
    )


def test_a_share_read_from_an_objective_never_exceeds_what_is_written_before_it(ciclope_ente, tmp_path):
    """docs/regolamento.md: OBIETTIVO("x") is at most 100%, since every indicator's achievement stops at 100%."""
    text = """formato = 2
[atto]
titolo = "Criteri"
tipo_ente = "comune"

[[premi]]
nome = "obiettivo OB1"
metodo = "proporzionale"
valutazione = false
quota_fondo = '=60% * OBIETTIVO("OB1")'
fonte = "art. 4"
"""
    staff = ["P1,Anna,dipendente,C,com,1,0,false,SEG", "P2,Bruno,dipendente,C,com,1,0,false,SEG"]
    files = one_unit_comune("Comune", staff, [], '[funds]\nperformance_individuale = "10000.00"\n')
    files["indicators.csv"] = files["indicators.csv"].replace(",10,10,", ",10,12,")  # 12 on a target of 10
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # the indicator 12 / 10 = 120% is read 100%: the share 60% × 100% = 60%, 10000 × 60% = 6000.00, 3000.00 each
    # (not 60% × 120% = 72%, 7200.00)
    assert amounts(result) == {"P1": "3000.00", "P2": "3000.00"}
    assert result.figures["pool:performance_individuale:obiettivo OB1"].value == Decimal("6000.00")
