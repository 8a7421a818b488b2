"""A column of people.csv the regulation reads, left out of the file: an error naming the file, the column and the
rule that reads it, said once, and the premiums that read it suspended, never paid as if its cells said 0. Every
amount by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from test_regolamento_condition_unscored import COMANDATO

from helpers import amounts, one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Colonne"
tipo_ente = "comune"

[livelli]
fonte = "art. 7"
scala = [{ nome = "premiato", da = 60 }]

[premio]
metodo = "livelli"
fonte = "art. 9"
massimo = "1000.00"
coefficienti = { premiato = 1 }
"""
BRACKETS = """
[[riduzioni]]
misura = "assenze"
fonte = "art. 10 c. 3"
scaglioni = [
  { da = 0, a = 10, riduzione = 0 },
  { da = 11, riduzione = "50%" },
]
"""
FORMULA = """
[[riduzioni]]
riduzione = "=SE(assenze > 10 giorni; 50%; 0%)"
fonte = "art. 10 c. 4"
"""
# everyone scores 80, level «premiato»; P2 was absent 20 days
PEOPLE = [("P1", "1", "0"), ("P2", "1", "20")]


def files(absences: bool) -> dict[str, str]:
    if absences:
        staff = [f"{pid},Persona {pid},dipendente,C,com,{fte},{days},false,SEG" for pid, fte, days in PEOPLE]
    else:
        staff = [f"{pid},Persona {pid},dipendente,C,com,{fte},false,SEG" for pid, fte, _ in PEOPLE]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid, _, _ in PEOPLE]
    data = one_unit_comune("Comune di Colonne", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    if not absences:
        header, *rows = data["people.csv"].splitlines()
        seg = rows[0].split(",")
        del seg[6]  # SEG's absence days
        header = header.replace(",absence_days", "")
        data["people.csv"] = "\n".join([header, ",".join(seg), *rows[1:]]) + "\n"
    return data


def errors(result) -> list[str]:
    return [f"{p.file}:{p.row}:{p.column}: {p.message}" for p in result.violations if p.severity == "error"]


def test_with_the_column_the_absences_reduce(ciclope_ente, tmp_path: Path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + BRACKETS, files(absences=True))
    # P1: 0 days, 0–10, 1000.00; P2: 20 days, from 11, 1000 × (1 − 50%) = 500.00
    assert amounts(result) == {"P1": "1000.00", "P2": "500.00"}
    assert errors(result) == []


def test_a_missing_column_of_absences_is_an_error_and_suspends_the_premium(ciclope_ente, tmp_path: Path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + BRACKETS, files(absences=False))
    assert errors(result) == [
        "people.csv:1:giorni_assenza: manca la colonna giorni_assenza, che il regolamento legge (art. 10 c. 3): "
        "aggiungila all'elenco del personale con il valore di ciascuno (0 per chi non è stato assente); finché manca, i premi che "
        "la leggono restano sospesi"
    ]
    # nobody's absences are known: the reduction takes the whole premium of both (suspended), never 1000.00 each
    assert amounts(result) == {"P1": "0.00", "P2": "0.00"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("0.00"), Decimal("10000.00"))
    # the premium that then pays nobody only follows from the error: no warning of its own
    assert [p.message for p in result.violations if p.rule == "regolamento.nessuno"] == []


def test_a_formula_reading_the_missing_absences_suspends_the_premium(ciclope_ente, tmp_path: Path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + FORMULA, files(absences=False))
    assert errors(result) == [
        "people.csv:1:giorni_assenza: manca la colonna giorni_assenza, che il regolamento legge (art. 10 c. 4): "
        "aggiungila all'elenco del personale con il valore di ciascuno (0 per chi non è stato assente); finché manca, i premi che "
        "la leggono restano sospesi"
    ]
    # said once, not once per person; neither paid 1000.00 as if absent 0 days
    assert amounts(result) == {"P1": "0.00", "P2": "0.00"}


def test_a_missing_column_of_the_time_worked_read_by_a_formula(ciclope_ente, tmp_path: Path):
    reduction = '\n[[riduzioni]]\nriduzione = "=SE(quota_tempo < 1; 20%; 0%)"\nfonte = "art. 10 c. 5"\n'
    data = files(absences=True)
    data["people.csv"] = "\n".join(
        ",".join(cell for i, cell in enumerate(line.split(",")) if i != 5)  # fte, the sixth column
        for line in data["people.csv"].splitlines()
    )
    result = run_declared(ciclope_ente, tmp_path, HEAD + reduction, data)
    assert errors(result) == [
        "people.csv:1:quota_tempo: manca la colonna quota_tempo, che il regolamento legge (art. 10 c. 5): "
        "aggiungila all'elenco del personale con il valore di ciascuno (100% a tempo pieno, 50% a metà tempo); "
        "finché manca, i premi che la leggono restano sospesi"
    ]
    # neither paid 1000.00 as if working full time: suspended
    assert amounts(result) == {"P1": "0.00", "P2": "0.00"}


def test_a_declared_column_an_exclusion_reads_missing_is_said_once(ciclope_ente, tmp_path: Path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMANDATO, files(absences=True))
    # the column, once at the header of people.csv; never «esclusione dal premio: …» once per person
    assert [(p.file, p.row, p.column) for p in result.violations if p.severity == "error"] == [
        ("people.csv", 1, "comandato")
    ]
    # neither paid 1000.00 as if not seconded: suspended
    assert amounts(result) == {"P1": "0.00", "P2": "0.00"}


GRADES = """\
formato = 2
[atto]
titolo = "Contratto integrativo dell'Autorità"
tipo_ente = "altro"

[gradi]
nomi = ["Operatori", "Funzionari"]
parola = "area"
fonte = "art. 3"

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
fondo = "produttivita"
quota_fondo = 1
peso = '=1'
parametri = { Operatori = 100, Funzionari = 125 }
residuo_a = "maggiorazione"
fonte = "art. 4"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
fondo = "produttivita"
quota_fondo = 0
accantonata = true
maggiorazione = true
importo = '=30% * SOMMA.ENTE(PREMIO("performance individuale")) / CONTA.ENTE(PREMIO("performance individuale") > 0 €)'
fonte = "art. 5"
"""


def graded(with_column: bool) -> dict[str, str]:
    staff = [
        "P1,Persona P1,dipendente,com,1,0,false,SEG,Operatori",
        "P2,Persona P2,dipendente,com,1,0,false,SEG,Funzionari",
    ]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid in ("P1", "P2")]
    data = one_unit_comune("Autorità", [], cards, '[funds]\nproduttivita = "900.00"\n')
    header = "id,name,role,unit,fte,absence_days,insufficient,evaluator,grado"
    rows = ["SEG,Segretario,segretario,com,1,0,false,,", *staff]
    if not with_column:
        header, rows = header.removesuffix(",grado"), [r.rsplit(",", 1)[0] for r in rows]
    data["people.csv"] = "\n".join([header, *rows]) + "\n"
    return data


def test_a_missing_grade_column_is_one_error_saying_what_reads_it(ciclope_ente, tmp_path: Path):
    """Without the column grado every person's area was «(vuota)», an error per table naming row 4 and
    «premi[1].parametri», then the parts paying nobody and the maggiorazione dividing by zero: one mistake, three
    errors and three warnings. It is one error at the header of the column, naming the tables that read it."""
    (tmp_path / "con").mkdir()
    with_column = run_declared(ciclope_ente, tmp_path / "con", GRADES, graded(with_column=True))
    assert errors(with_column) == []
    # weights 1 × 100 and 1 × 125, Σ 225: on the whole fund P1 900 × 100 / 225 = 400, P2 900 × 125 / 225 = 500; the
    # maggiorazione 30% × (400 + 500) / 2 = 135 each, 270 set aside; the rest 630: P1 630 × 100 / 225 = 280, P2
    # 630 × 125 / 225 = 350; P1 280 + 135 = 415.00, P2 350 + 135 = 485.00
    assert {k: v for k, v in amounts(with_column).items() if k in ("P1", "P2")} == {"P1": "415.00", "P2": "485.00"}
    (tmp_path / "senza").mkdir()
    result = run_declared(ciclope_ente, tmp_path / "senza", GRADES, graded(with_column=False))
    assert [(p.file, p.row, p.column, p.severity) for p in result.violations] == [("people.csv", 1, "grado", "error")]
    (message,) = [p.message for p in result.violations]
    assert message.startswith(
        "manca la colonna grado, che il regolamento legge per il parametro dell'area della parte «performance "
        "individuale» ("
    )
    # the file as the run was given it (here an absolute path), the line of the table: parametri, line 17 of GRADES
    assert (
        "smvp.toml, riga 17): aggiungila all'elenco del personale con l'area di ciascuno (Operatori, Funzionari)"
        in (message)
    )
    assert "premi[" not in message


def test_a_grade_a_part_s_table_lacks_is_said_with_the_part_s_name(ciclope_ente, tmp_path: Path):
    """«non è in premi[1].parametri del regolamento» named the part by a key the office never wrote: it is said by the
    part's name."""
    text = GRADES.replace("parametri = { Operatori = 100, Funzionari = 125 }", "parametri = { Operatori = 100 }")
    result = run_declared(ciclope_ente, tmp_path, text, graded(with_column=True))
    (message,) = [p.message for p in result.violations if p.rule == "regolamento.categoria"]
    assert message.startswith(
        "l'area «Funzionari» di P2 non è nella tabella parametri della parte «performance individuale» del regolamento ("
    )
    assert "premi[" not in message
