"""The first true reason of a person's outcome: a missing card before any part's condition, and a person paid by some
part evaluated, whatever another part's condition says of them. Two blind testers found them wrong: an employee whose
card was removed headlined «non ammesso per la condizione della parte» of a project she never took part in, and a
dirigente paid his retribuzione di risultato headlined the same for his interim part; the validation said nobody held
an interim that one person held, and the condition had left out."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

# an employee's premium by her card, and a project paid by the hours without any card (the Unione's art. 208 CdS)
PROJECT = """\
formato = 2
[atto]
titolo = "Sistema di valutazione dell'Unione"
sigla = "SMVP"
tipo_ente = "unione"

[[colonne]]
nome = "ore_progetto"
tipo = "numero"
significato = "le ore di progetto svolte fuori dall'orario"
minimo = 0
fonte = "art. 8"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
fondo = "performance_individuale"
fonte = "art. 4"

[[premi]]
nome = "progetto"
metodo = "formula"
fondo = "progetti"
valutazione = false
tempo_parziale = "intero"
ammesso = "=ore_progetto > 0"
importo = "=ore_progetto * 20 €"
fonte = "art. 8"
"""


def _project_ente(hours_of_f: int) -> dict[str, str]:
    """B and C scored 80 by the Segretario, B with 10 hours of project; F without a card, with ``hours_of_f``."""
    staff = [
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG,10",
        "C,Carla Bianchi,dipendente,C,com,1,0,false,SEG,0",
        f"F,Francesca Gallo,dipendente,C,com,1,0,false,SEG,{hours_of_f}",
    ]
    cards = [f"{pid},SEG,Risultati,Qualità del lavoro,100,80,1" for pid in "BC"]
    funds = '[funds]\nperformance_individuale = "2000.00"\nprogetti = "1000.00"\n'
    files = one_unit_comune("Unione di prova", staff, cards, funds)
    files["people.csv"] = files["people.csv"].replace(STAFF_HEADER, STAFF_HEADER + ",ore_progetto", 1)
    files["people.csv"] = files["people.csv"].replace("false,\n", "false,,0\n", 1)  # the Segretario: no hours
    return files


def _head(text: str) -> list[str]:
    """The header of a person's explanation: every line before the first figure (all of it, where none follows)."""
    lines = text.splitlines()
    end = next((i for i, line in enumerate(lines) if line.startswith("■")), len(lines))
    return [line for line in lines[:end] if line]


def test_a_missing_card_is_the_outcome_not_the_condition_of_a_project(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PROJECT, _project_ente(0))
    # individuale: 2.000,00 in proportion to 80 and 80 → 1.000,00 each; progetto (its own fund): B 10 h × 20 € = 200,00
    assert amounts(result) == {"B": "1000.00", "B:progetti": "200.00", "C": "1000.00"}
    # no card: a warning, and F is not evaluated (rules/core.md §3), whatever the project's condition
    assert "regolamento.senza_scheda" in {p.rule for p in result.violations}
    assert result.rewards.statuses.get("F", "not_evaluated") == "not_evaluated"
    assert _head(explain(result, "person", "F") or "")[2:] == [
        "esito: non valutato (nessuna scheda di valutazione)",
        "Premio: nessun importo assegnato.",
        # the project's own line, no «perché» of the premium: it is no part of hers
        "non partecipa alla parte «progetto»",
        "Nessuna cifra calcolata da spiegare.",  # no card, no part of hers: nothing was computed for her
    ]


def test_a_condition_read_on_a_value_is_said_in_its_own_block(ciclope_ente, tmp_path):
    """F has 5 hours under a condition of at least 10: the project's condition left her out by a value of hers, still
    after her missing card, as that part's line, never as the reason of her premium."""
    at_least = PROJECT.replace('ammesso = "=ore_progetto > 0"', 'ammesso = "=ore_progetto >= 10"')
    assert at_least != PROJECT
    result = run_declared(ciclope_ente, tmp_path, at_least, _project_ente(5))
    assert result.rewards.statuses.get("F", "not_evaluated") == "not_evaluated"
    assert _head(explain(result, "person", "F") or "")[2:] == [
        "esito: non valutato (nessuna scheda di valutazione)",
        "Premio: nessun importo assegnato.",
        "Partecipazione di Francesca Gallo alla parte «progetto»: no — le ore di progetto svolte fuori dall'orario "
        "sono meno di 10 (le ore di progetto svolte fuori dall'orario = 5)",
        "  regola: SMVP, art. 8",
    ]


# a dirigente's retribuzione di risultato by his score, and his interim by appointment, admitted at 90 points
INTERIM = """\
formato = 2
[atto]
titolo = "Sistema di valutazione del Comune"
sigla = "SMVP"
tipo_ente = "comune"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
fondo = "performance_individuale"
fonte = "art. 6"

[[risultato_po]]
metodo = "formula"
ruoli = ["dirigente"]
fondo = "risultato_dirigenti"
importo = '=25% * retribuzione_posizione * punteggio / 100'
fonte = "art. 10"

[[premi]]
nome = "interim"
metodo = "formula"
fondo = "risultato_interim"
ruoli = ["dirigente"]
incarichi = "interim"
tempo_parziale = "intero"
ammesso = "=punteggio >= 90"
importo = "=1000 €"
fonte = "art. 11"
"""


def _interim_ente() -> dict[str, str]:
    """D1, dirigente with 40.000,00 of retribuzione di posizione, scored 80 by the Segretario, holds the only interim;
    E1, an employee scored 90."""
    staff = ["D1,Marco Rossi,dirigente,DIR,com,1,0,false,SEG,40000", "E1,Elena Conti,dipendente,C,com,1,0,false,D1,"]
    cards = ["D1,SEG,Risultati,Qualità del lavoro,100,80,1", "E1,D1,Risultati,Qualità del lavoro,100,90,1"]
    funds = '[funds]\nperformance_individuale = "1000.00"\nrisultato_dirigenti = "10000.00"\nrisultato_interim = "2000.00"\n'
    files = one_unit_comune("Comune di prova", staff, cards, funds)
    files["people.csv"] = files["people.csv"].replace(STAFF_HEADER, STAFF_HEADER + ",position_pay", 1)
    files["people.csv"] = files["people.csv"].replace("false,\n", "false,,\n", 1)  # the Segretario: no position
    files["incarichi.csv"] = "persona,tipo,sostituito,dal,al\nD1,interim,,01/04/2024,31/12/2024\n"
    return files


def test_a_dirigente_paid_his_result_is_evaluated_though_his_interim_is_not_admitted(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, INTERIM, _interim_ente())
    # D1: 25% × 40.000,00 × 80 / 100 = 8.000,00; his interim: 80 < 90, nothing; E1 the whole 1.000,00
    assert amounts(result) == {"D1": "8000.00", "E1": "1000.00"}
    head = _head(explain(result, "person", "D1") or "")
    assert head[2] == "esito: valutato · punteggio 80,00"
    # the interim's own block says it is not his, with the condition and his score
    assert head[5:] == [
        "Partecipazione di Marco Rossi alla parte «interim»: non spetta — il punteggio è meno di 90 "
        "(il punteggio = 80,00 punti)",
        "  regola: SMVP, art. 11",
    ]


def test_the_only_interim_not_admitted_is_said_as_it_is(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, INTERIM, _interim_ente())
    [warning] = [p for p in result.violations if p.rule == "regolamento.nessuno"]
    assert warning.message == (
        "la parte «interim» non paga nessuno: l'unico incarico «interim» dell'elenco, di Marco Rossi (D1), non è "
        "ammesso dalla condizione della parte: il punteggio è meno di 90; i suoi € 2.000,00 restano residuo del fondo"
    )


def test_a_computed_condition_says_the_figure_it_gave(ciclope_ente, tmp_path):
    """The interim admitted on a computation, as the Comune di Valdoro's: the part's block says what it gave him."""
    computed = INTERIM.replace('ammesso = "=punteggio >= 90"', 'ammesso = "=30% * punteggio / 100 + 20% >= 60%"')
    assert computed != INTERIM
    result = run_declared(ciclope_ente, tmp_path, computed, _interim_ente())
    # 30% × 80 / 100 + 20% = 24% + 20% = 44%, less than 60%: not admitted, and still evaluated and paid 8.000,00
    assert amounts(result) == {"D1": "8000.00", "E1": "1000.00"}
    assert result.figures["ammesso:interim:D1"].note.endswith("è meno di 60%: 44,00% è meno di 60%")
    assert _head(explain(result, "person", "D1") or "")[2] == "esito: valutato · punteggio 80,00"
