"""Projects paid as data (formato 2): the team is rows of the appointments' sheet (``incarichi = "progetto"``: person,
project, participation, from, to), each project a row of the projects' sheet (``elenco = "progetti"``: code, title,
budget, the objective that measures it, the minimum), and one part pays every project: ``SOMMA.INCARICHI`` sums the
weights of the project's team, ``OBIETTIVO(obiettivo_progetto)`` reads the achievement of the project's own objective.

The case is a Comune's CCDI (progetti obiettivo, art. 67 c. 5 lett. b CCNL 2018): the budget paid in proportion to
the project's achievement, nothing under 60%; each member's share by participation × score × part time × months in
the project (a fraction of a month over 15 days is a month); under 60 points no share, which goes to the others.
Every amount by hand, with the arithmetic beside it."""

from __future__ import annotations

from decimal import Decimal

from helpers import CARD_HEADER, STAFF_HEADER, amounts, regulation_problems, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune di Esempio"
tipo_ente = "comune"

[[colonne]]
nome = "partecipazione"
tipo = "percentuale"
elenco = "incarichi"
significato = "la percentuale di partecipazione al progetto"
fonte = "art. 9 c. 3"

[[colonne]]
nome = "budget"
tipo = "euro"
elenco = "progetti"
significato = "il budget del progetto"
fonte = "art. 9 c. 1"

[[colonne]]
nome = "obiettivo_progetto"
tipo = "testo"
elenco = "progetti"
significato = "l'obiettivo che misura il progetto"
fonte = "art. 9 c. 2"

[[colonne]]
nome = "minimo"
tipo = "percentuale"
elenco = "progetti"
significato = "il raggiungimento minimo del progetto"
fonte = "art. 9 c. 2"

[[definizioni]]
nome = "peso_progetto"
descrizione = "il peso nel gruppo di progetto"
formula = '=SE(punteggio >= 60; punteggio * partecipazione * quota_tempo * MESI(16 giorni; dal; al); 0)'
fonte = "art. 9 c. 3"

[[premi]]
nome = "progetti obiettivo"
metodo = "formula"
fondo = "progetti"
ruoli = ["dipendente"]
incarichi = "progetto"
tra_gli_incarichi = "somma"
tempo_parziale = "intero"
importo = '=SE(OBIETTIVO(obiettivo_progetto) >= minimo; budget * OBIETTIVO(obiettivo_progetto) * peso_progetto / SOMMA.INCARICHI(peso_progetto); 0)'
fonte = "art. 9"
"""

# E1 in two projects, E2 at half time, E3 joins P1 on 10/06, E4 under 60 points, E5 in P3 (achieved 50%)
STAFF = [
    "E1,Anna Verdi,dipendente,C,com,1,0,false,SEG",
    "E2,Luca Bianchi,dipendente,C,com,0.5,0,false,SEG",
    "E3,Stefano Marino,dipendente,C,com,1,0,false,SEG",
    "E4,Elena Greco,dipendente,C,com,1,0,false,SEG",
    "E5,Marco Conti,dipendente,C,com,1,0,false,SEG",
]
POINTS = {"E1": 90, "E2": 80, "E3": 80, "E4": 50, "E5": 70}
TEAMS = (
    "persona,tipo,progetto,dal,al,partecipazione\n"
    "E1,progetto,P1,,,100%\n"
    "E3,progetto,P1,10/06/2024,,100%\n"
    "E1,progetto,P2,,,50%\n"
    "E2,progetto,P2,,,100%\n"
    "E4,progetto,P2,,,40%\n"
    "E5,progetto,P3,,,100%\n"
)
PROJECTS = (
    "codice,titolo,budget,obiettivo_progetto,minimo\n"
    "P1,Sicurezza urbana estate,3000.00,OB1,60%\n"
    "P2,Digitalizzazione pratiche edilizie,4000.00,OB2,60%\n"
    "P3,Recupero evasione TARI,2000.00,OB3,60%\n"
)


def comune(teams: str = TEAMS, projects: str = PROJECTS) -> dict[str, str]:
    """A Comune of one unit: three objectives, one per project (OB1 at 100%, OB2 at 85%, OB3 at 50%), a fund of
    9.000,00 € for the projects (the sum of their budgets)."""
    cards = [f"{p},SEG,scheda,Valutazione,100,{n}," for p, n in POINTS.items()]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\n"
        "OB1,operational,Presidio serale,,,,com\nOB2,operational,Pratiche digitali,,,,com\n"
        "OB3,operational,Accertamenti TARI,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Servizi,higher,,,100,100,,,,,\nIN2,OB2,Pratiche,higher,,,100,85,,,,,\n"
        "IN3,OB3,Avvisi,higher,,,100,50,,,,,\n",
        "people.csv": "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *STAFF]) + "\n",
        "evaluations.csv": "\n".join([CARD_HEADER, *cards]) + "\n",
        "ente.toml": 'name = "Comune di Esempio"\n[funds]\nprogetti = "9000.00"\n',
        "incarichi.csv": teams,
        "progetti.csv": projects,
    }


def test_one_part_pays_every_project_by_its_team(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    assert not [v.message for v in result.violations if v.is_error]
    # P1: 3.000 × 100% = 3.000,00; weights E1 90 × 100% × 1 × 12 = 1.080, E3 (from 10/06: June has 21 days in the
    #     project, ≥ 16, so June to December) 80 × 100% × 1 × 7 = 560; Σ 1.640
    #     E1 3.000 × 1.080 / 1.640 = 1.975,609… → 1.975,61; E3 3.000 × 560 / 1.640 = 1.024,390… → 1.024,39
    # P2: 4.000 × 85% = 3.400,00; weights E1 90 × 50% × 1 × 12 = 540, E2 80 × 100% × 0,5 × 12 = 480, E4 under 60
    #     points 0 (her share goes to the others); Σ 1.020
    #     E1 3.400 × 540 / 1.020 = 1.800,00; E2 3.400 × 480 / 1.020 = 1.600,00; E4 0
    # P3: 50% under the minimum of 60%: nothing for E5
    # E1 in both: 1.975,61 + 1.800,00 = 3.775,61
    assert amounts(result) == {"E1": "3775.61", "E2": "1600.00", "E3": "1024.39", "E4": "0.00", "E5": "0.00"}
    pool = result.rewards.pools["progetti"]
    # paid 3.775,61 + 1.600,00 + 1.024,39 = 6.400,00 of 9.000,00: 600,00 of P2 (15% not reached) + 2.000,00 of P3
    assert (pool.distributed, pool.residual) == (Decimal("6400.00"), Decimal("2600.00"))


def test_the_explanation_reaches_the_project_s_cells(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    inputs = [(i.name, i.value, i.cell) for i in result.figures["award:E3"].inputs]
    # the budget from the project's row of progetti.csv (P1 is row 2), the participation from the team's row
    assert ("il budget del progetto", Decimal("3000.00"), "progetti.csv:2:budget") in inputs
    assert ("la percentuale di partecipazione al progetto", Decimal("1"), "incarichi.csv:3:partecipazione") in inputs
    # the sum of the team's weights, as the weights of P1 give it: 1.080 + 560 = 1.640
    sums = [value for name, value, _ in inputs if name.startswith("la somma")]
    assert sums == [Decimal("1640")]


def test_a_team_row_of_a_project_not_in_the_projects_sheet_is_an_error(ciclope_ente, tmp_path):
    teams = TEAMS + "E2,progetto,P9,,,100%\n"
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune(teams=teams))
    errors = [(v.file, v.row, v.column, v.message) for v in result.violations if v.is_error]
    # said at its cell (row 8 of incarichi.csv, the header row 1), with the nearest code; the others are paid as before
    assert ("incarichi.csv", 8, "progetto") in [e[:3] for e in errors], errors
    assert any("«P9»" in m and "non è in progetti.csv" in m for *_, m in errors), errors
    assert amounts(result)["E1"] == "3775.61"


def test_the_sum_over_a_team_is_read_only_where_a_part_pays_by_appointment(tmp_path):
    text = REGULATION.replace('incarichi = "progetto"\n', "").replace('tra_gli_incarichi = "somma"\n', "")
    problems = regulation_problems(tmp_path, text)
    # the team is the rows of the appointments a part pays: without incarichi there is none to sum over
    assert any("SOMMA.INCARICHI non si usa nell'importo" in p for p in problems), problems


def test_each_project_is_named_by_its_code_and_title(ciclope_ente, tmp_path):
    """E1 is in P1 and P2: each block of the explanation (and of the scheda) opens with the project, by its code and
    title as progetti.csv writes them, not «incarico: progetto» twice; E3's row from 10/06 says its dates and days
    as the project's («ingresso nel progetto»), not an appointment's."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    first = [(i.name, i.value) for i in result.figures["award:E1"].inputs if i.name in ("progetto", "incarico")]
    assert first == [
        ("progetto", "P1 — Sicurezza urbana estate dal 01/01/2024 al 31/12/2024"),
        ("progetto", "P2 — Digitalizzazione pratiche edilizie dal 01/01/2024 al 31/12/2024"),
    ]
    names = [i.name for i in result.figures["award:E3"].inputs]
    assert "ingresso nel progetto" in names and "il primo giorno nel progetto nell'anno" in names
    assert not [n for n in names if "incarico" in n], names  # the project's row is never said as an appointment


def test_the_project_s_row_is_read_back_from_its_column_progetto(ciclope_ente, tmp_path):
    """The heading «progetto = P1 — …» comes from the column progetto of the member's row (E3's is row 3), and the
    explanation names that column in Italian, as the office wrote it: never the column tipo, never «project»."""
    from ciclope.core.run.explain import where

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    [heading] = [i for i in result.figures["award:E3"].inputs if i.name == "progetto"]
    assert where(result, heading.cell) == "incarichi.csv, riga 3, colonna progetto"
