"""A person whom every part's condition (``ammesso``) leaves out, and who has no card: no part could pay her, so the
office is not warned that her card is missing, and her scheda names every part that leaves her out, not only the
first. A condition that reads the evaluation cannot be judged without a card: the warning stays."""

from __future__ import annotations

from ciclope.core.schede.content import build

from helpers import one_unit_comune, run_declared

PARTS = """\
formato = 2
[atto]
titolo = "Contratto integrativo dell'ente"
sigla = "CCI"
tipo_ente = "comune"

[[premi]]
nome = "collettiva"
metodo = "proporzionale"
valutazione = false
fondo = "performance_individuale"
quota_fondo = "50%"
ammesso = '=categoria <> "A"'
fonte = "art. 6"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
fondo = "performance_individuale"
quota_fondo = "50%"
ammesso = '=categoria <> "A"'
fonte = "art. 7"
"""


def _run(ciclope_ente, tmp_path, regulation: str = PARTS):
    staff = [
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG",
        "C,Carla Bianchi,dipendente,C,com,1,0,false,SEG",
        "F,Francesca Gallo,dipendente,A,com,1,0,false,SEG",  # categoria A: outside both parts, no card
    ]
    return run_declared(ciclope_ente, tmp_path, regulation, _data(staff))


def _data(staff: list[str]) -> dict[str, str]:
    """The ente of ``staff``: B and C scored 80 by the Segretario, F without a card; 2.000,00 for the premiums."""
    cards = [f"{pid},SEG,Risultati,Qualità del lavoro,100,80,1" for pid in "BC"]
    return one_unit_comune("Ente di prova", staff, cards, '[funds]\nperformance_individuale = "2000.00"\n')


def paid(result) -> dict[str, str]:
    return {pid: str(a.amount) for pid, a in result.rewards.awards.items() if a.amount}


def test_no_card_is_missing_for_someone_no_part_admits(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    assert "regolamento.senza_scheda" not in {p.rule for p in result.violations}
    # B and C share each half: 1.000,00 / 2 = 500,00 per part, 1.000,00 each; F nothing
    assert paid(result) == {"B": "1000.00", "C": "1000.00"}


def test_her_scheda_names_every_part_that_leaves_her_out(ciclope_ente, tmp_path):
    scheda = build(_run(ciclope_ente, tmp_path), "F")
    # both conditions read the same rule: the outcome says it once, after the two parts
    assert "non ammesso alle parti «collettiva» e «individuale»: " in scheda.level_words
    assert scheda.level_words.endswith("Fonte: CCI, art. 6, art. 7.")
    # and under «Non pagato» each part's condition with what it read
    assert [line for line in scheda.refused if "«collettiva»" in line]
    assert [line for line in scheda.refused if "«individuale»" in line]


def test_a_condition_on_the_score_keeps_the_warning(ciclope_ente, tmp_path):
    on_score = PARTS.replace(
        """ammesso = '=categoria <> "A"'
fonte = "art. 7\"""",
        """ammesso = '=punteggio >= 60'
fonte = "art. 7\"""",
    )
    assert on_score != PARTS
    result = _run(ciclope_ente, tmp_path, on_score)
    [warning] = [p for p in result.violations if p.rule == "regolamento.senza_scheda"]
    assert "Francesca Gallo (F)" in warning.message


# an exclusion that reads a column of the people, and nothing of the year's evaluation
COMANDATO = """
[[colonne]]
nome = "comandato"
tipo = "sì/no"
significato = "il comando presso un altro ente"
fonte = "art. 3"

[[esclusioni]]
regola = "formula"
condizione = "=comandato"
stato = "escluso_comando"
fonte = "art. 8"
"""
# the same parts without conditions, and that exclusion from every part
EXCLUDED = PARTS.replace("ammesso = '=categoria <> \"A\"'\n", "") + COMANDATO


def _run_excluded(ciclope_ente, tmp_path, regulation: str = EXCLUDED):
    staff = [
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG,no",
        "C,Carla Bianchi,dipendente,C,com,1,0,false,SEG,no",
        "F,Francesca Gallo,dipendente,C,com,1,0,false,SEG,sì",  # seconded elsewhere: excluded, no card
    ]
    data = _data(staff)
    data["people.csv"] = data["people.csv"].replace("evaluator\n", "evaluator,comandato\n", 1)
    data["people.csv"] = data["people.csv"].replace("false,\n", "false,,no\n", 1)
    return run_declared(ciclope_ente, tmp_path, regulation, data)


def test_no_card_is_missing_for_someone_an_exclusion_of_every_part_leaves_out(ciclope_ente, tmp_path):
    result = _run_excluded(ciclope_ente, tmp_path)
    assert "regolamento.senza_scheda" not in {p.rule for p in result.violations}
    # B and C share each half: 1.000,00 / 2 = 500,00 per part, 1.000,00 each; F excluded
    assert paid(result) == {"B": "1000.00", "C": "1000.00"}


def test_an_exclusion_of_one_part_only_keeps_the_warning(ciclope_ente, tmp_path):
    """Excluded from «collettiva» alone: «individuale» would pay her by her card."""
    limited = EXCLUDED.replace('stato = "escluso_comando"', 'stato = "escluso_comando"\nparti = ["collettiva"]')
    assert limited != EXCLUDED
    result = _run_excluded(ciclope_ente, tmp_path, limited)
    [warning] = [p for p in result.violations if p.rule == "regolamento.senza_scheda"]
    assert "Francesca Gallo (F)" in warning.message
