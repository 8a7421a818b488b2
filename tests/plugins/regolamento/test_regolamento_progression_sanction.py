"""The progressioni of a regulation that keeps out the staff with a disciplinary sanction: the exclusions of
[[esclusioni]] are of the premiums (the parts), never of [progressioni], so the office writes the sanction in
``candidati``: the column ``sanzione`` of persone.csv, which ciclope reads already for the exclusions, is a name of
the formulas like the other columns it reads (Valfiorita's CCDI 2019, whose P10, «rimprovero scritto», was first in
the graduatoria of the progressioni)."""

from __future__ import annotations

from helpers import regulation_problems, run_declared, scored_with_column

TEXT = """\
formato = 2
[atto]
titolo = "CCDI 2019 del Comune di Prova"
tipo_ente = "comune"

[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_verbale"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
fonte = "art. 6 c. 3"

[progressioni]
fonte = "art. 9"
candidati = '=E(punteggio >= 80; sanzione = "")'
posti = 2
"""


def people(rows: list[tuple[str, int, str]]) -> dict[str, str]:
    return scored_with_column("sanzione", rows)


def test_a_sanctioned_person_is_no_candidate_when_the_formula_reads_the_sanction(ciclope_ente, tmp_path):
    staff = [("A", 95, "rimprovero scritto"), ("B", 90, ""), ("C", 85, ""), ("D", 70, "")]
    result = run_declared(ciclope_ente, tmp_path, TEXT, people(staff))
    # candidates: score >= 80 and no sanction: B (90) and C (85); A (95) has a sanction, D (70) is below 80;
    # 2 places: B and C
    assert result.rewards.extra["progressioni"] == ["B", "C"]
    read = [(i.name, i.value, i.cell) for i in result.figures["progression:A"].inputs if i.cell]
    # A is row 3 of people.csv (header, SEG, A): the sanction is read from its cell
    assert ("la sanzione disciplinare", "rimprovero scritto", "people.csv:3:sanzione") in read


def test_the_refusal_of_a_sanctioned_person_says_the_sanction_in_words(ciclope_ente, tmp_path):
    """«la sanzione disciplinare non è uguale a «»» said nothing to the office: the empty text is no sanction."""
    staff = [("A", 95, "rimprovero scritto"), ("B", 90, ""), ("C", 85, ""), ("D", 70, "")]
    result = run_declared(ciclope_ente, tmp_path, TEXT, people(staff))
    refused = result.figures["progression:A"]
    assert refused.note == "la persona ha una sanzione disciplinare"
    assert "e la persona non ha sanzioni disciplinari" in refused.formula


def test_the_sanction_is_a_name_of_the_formulas_not_a_column_to_declare(tmp_path):
    declared = TEXT + (
        '\n[[colonne]]\nnome = "sanzione"\ntipo = "testo"\nsignificato = "la sanzione"\nfonte = "art. 9"\n'
    )
    found = regulation_problems(tmp_path, declared)
    assert any("«sanzione» è già un nome delle formule" in m for m in found), found
    assert regulation_problems(tmp_path, TEXT) == []
