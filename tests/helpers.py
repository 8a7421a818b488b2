"""Shared helpers of ciclope's own tests (import them: ``from helpers import files, coreonly``).

Test modules never import each other; what several need lives here or in conftest.py.
"""

from __future__ import annotations

import types
from html.parser import HTMLParser
from pathlib import Path

from ciclope.core.testing import write_ente

# A plugin with no hooks of its own: the core defaults alone (rules/core.md).
coreonly = types.ModuleType("coreonly")
coreonly.NAME, coreonly.VERSION = "coreonly", "0"  # type: ignore[attr-defined]

# A small ente built in code for the core rules (test_core_cycle works its figures out by hand).
UNITS = """
id,name,kind,parent,head
ente,Ente di prova,ente,,SG
a1,Area 1,area,ente,D1
s1,Servizio 1,servizio,a1,
s2,Servizio 2,servizio,a1,
u1,Ufficio 1,ufficio,s2,
az,Azienda speciale,azienda_speciale,ente,
"""
PEOPLE = """
id,name,role,category,unit,fte,absence_days,insufficient,evaluator
SG,Segretaria,segretario,DIR,ente,1,0,false,
D1,Dirigente,dirigente,DIR,a1,1,0,NO,SG
E1,Emma,dipendente,C,s1,0.5,10,false,D1
E2,Ezio,dipendente,B,u1,1,0,false,D1
E3,Elsa,dipendente,B,u1,1,0,false,D1
"""
AREAS = """
id,name,weight,separate
A,Imprese,60,
B,Organizzazione,40,
Z,Azienda speciale,,true
"""
OBJECTIVES = """
id,kind,title,parent,area,weight,owner
S1,strategic,Promozione,,A,,s1
O1,operational,Eventi,S1,,,s1
S2,strategic,Efficienza,,B,,s2
S3,strategic,Digitale,,B,,s2
SZ,strategic,Fiere dell'azienda,,Z,,az
SX,strategic,Tutto inattivo,,B,,s2
"""
INDICATORS = """
id,objective,name,type,weight,baseline,target_2021,target_2022,actual,target_mid,actual_mid,neutralized,reason,source
I1,S1,Iniziative,higher,,,10,12,8,5,2,,,
I2,O1,Tempi medi (gg),lower,,,4,4,5,4,8,,,
I3,O1,Bando pubblicato,deadline,,,30.6.2021,-,1/7/2021,,,,,
I4,S2,Sportello attivo,boolean,3,,SI,SI,SI,,,,,
I5,S2,Soddisfazione,higher,1,,90%,90%,"72,0%",,,,,
I6,S2,Indagine annullata,higher,1,,10,10,,,,true,evento annullato,
I7,S3,Progetto: PagoPA,project,,,100%,100%,75%,50%,50%,,,
I8,S3,Iscritti newsletter,monitor,,,,,1520,,,,,
I9,SX,Solo dal 2022,higher,,,-,5,,,,,,
IZ,SZ,Fiere,higher,,,4,4,4,,,,,
"""


def measured(folder: Path) -> None:
    """I9 «Solo dal 2022» (inactive in 2021) measured for 2022, in the ente of :data:`INDICATORS` in ``folder``:
    without its actual a 2022 calculation has an error, and no document for publication."""
    path = folder / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("I9,SX,Solo dal 2022,higher,,,-,5,,", "I9,SX,Solo dal 2022,higher,,,-,5,5,"), "utf-8")


ASSIGNMENTS = """
cruscotto,owner,ref,weight
crs2,s2,I4,
crs2,s2,I5,
crs2,s2,I7,
crD1,D1,S1,
crD1,D1,S2,
crD1,D1,S1,
"""
EVALUATIONS = """
person,evaluator,section,item,max_points,points,weight
E1,D1,risultati,Obiettivi,60,54,
E1,D1,comportamenti,Collaborazione,40,30,
E2,D1,risultati,Obiettivi,10,5,2
E2,D1,comportamenti,Collaborazione,10,10,1
"""
ENTE = """
name = "Ente di prova"
[funds]
performance_individuale = "1000.00"      # the name comunita_montane reads ([funds] typos are errors)
[approvals]
piano_adopted = 2021-01-25
"""


def files(**over):
    base = {
        "units.csv": UNITS,
        "people.csv": PEOPLE,
        "areas.csv": AREAS,
        "objectives.csv": OBJECTIVES,
        "indicators.csv": INDICATORS,
        "assignments.csv": ASSIGNMENTS,
        "evaluations.csv": EVALUATIONS,
        "ente.toml": ENTE,
    }
    base.update(over)
    return base


TWO_ENTI = """
[cycle]
year = 2021
output = "out"

[[ente]]
id = "buono"
plugin = "comunita_montane"
data = "buono"

[[ente]]
id = "rotto"
plugin = "comunita_montane"
data = "rotto"
"""


def two_enti(tmp_path: Path) -> Path:
    """A cycle.toml with a good ente (``buono``) and one whose people.csv has a bad fte (``rotto``)."""
    write_ente(tmp_path / "buono", files())
    bad = files()
    bad["people.csv"] = bad["people.csv"].replace("E2,Ezio,dipendente,B,u1,1", "E2,Ezio,dipendente,B,u1,due")
    write_ente(tmp_path / "rotto", bad)
    (tmp_path / "cycle.toml").write_text(TWO_ENTI)
    return tmp_path / "cycle.toml"


def data_rows(path: Path, schema=None) -> list[dict[str, str]]:
    """The rows of an ente's data file keyed by column code, whichever header the file writes («codice» or
    «id»): the demos write the office's Italian headers (a plugin's own columns by its ``schema``)."""
    import csv

    from ciclope.core.inputs.headers import SHEET_ALIASES, column_code

    stem = path.stem.strip().lower()
    table = SHEET_ALIASES.get(stem, stem)
    with open(path, encoding="utf-8", newline="") as fh:
        return [{column_code(table, k, schema): v for k, v in row.items()} for row in csv.DictReader(fh)]


def published_csv(source) -> list[dict[str, str]]:
    """The rows of a published CSV (Italian Excel dialect: BOM, ``;``), as dicts keyed by the header; ``source``
    is a path or the file's text."""
    import csv
    import io

    text = source if isinstance(source, str) else Path(source).read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), "a published CSV starts with the UTF-8 byte order mark"
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def it_decimal(text: str):
    """``1234,56`` (a published CSV's number) as a Decimal."""
    from decimal import Decimal

    return Decimal(text.replace(",", "."))


def as_xlsx(csv_dir: Path, xlsx_dir: Path) -> Path:
    """The ente of ``csv_dir`` as ``xlsx_dir/ente.xlsx`` (a sheet per CSV file) beside a copy of its ente.toml."""
    import csv
    import shutil

    import openpyxl

    xlsx_dir.mkdir()
    shutil.copy(csv_dir / "ente.toml", xlsx_dir / "ente.toml")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for path in sorted(csv_dir.glob("*.csv")):
        ws = wb.create_sheet(path.stem)
        for row in csv.reader(path.open(encoding="utf-8")):
            ws.append(row)
    wb.save(xlsx_dir / "ente.xlsx")
    return xlsx_dir


def run_declared(ciclope_ente, folder: Path, regulation: str, data: dict[str, str], **params):
    """An ente of ``data`` (file name → text) under the declared regulation ``regulation`` (its TOML text, written
    to ``folder/smvp.toml``), computed for 2024; ``params`` are further [ente.params] (amendments)."""
    path = folder / "smvp.toml"
    path.write_text(regulation, encoding="utf-8")
    return ciclope_ente("regolamento", data, year=2024, params={"regolamento": str(path), **params})


def amounts(result) -> dict[str, str]:
    """Each person's award, as results.json writes it."""
    return {pid: str(a.amount) for pid, a in result.rewards.awards.items()}


STAFF_HEADER = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"
CARD_HEADER = "person,evaluator,section,item,max_points,points,weight"


def one_unit_comune(name: str, staff: list[str], cards: list[str], ente_toml: str) -> dict[str, str]:
    """The files of a Comune of one unit («com», headed by the Segretario SEG, who evaluates everyone) with one
    indicator at 100%: ``staff`` are people.csv rows after SEG's, ``cards`` evaluations.csv rows, ``ente_toml``
    what follows its name (funds, approvals)."""
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *staff]) + "\n",
        "evaluations.csv": "\n".join([CARD_HEADER, *cards]) + "\n",
        "ente.toml": f'name = "{name}"\n{ente_toml}',
    }


# A Comune where Paola Neri (P1) moved in July from Anna Russo's unit (D1) to Ciro Esposito's (D2): each evaluated her
# for their part of the year (valutatori.csv), the two dirigenti by the Segretario SEG. D1's card of P1 is 100 × (48 +
# 32) / 100 = 80,00 for 1/1–30/6/2024 (182 days), D2's 100 × (54 + 36) / 100 = 90,00 for 1/7–31/12 (184 days)
TRANSFER_STAFF = [
    "D1,Anna Russo,dirigente,,com,1,0,false,SEG",
    "D2,Ciro Esposito,dirigente,,com,1,0,false,SEG",
    "P1,Paola Neri,dipendente,C,com,1,0,false,D2",
]
TRANSFER_CARDS = [
    "D1,SEG,Scheda,Valutazione,100,80,",  # row 2
    "D2,SEG,Scheda,Valutazione,100,80,",
    "P1,D1,Scheda,Risultati,60,48,",  # row 4: D1's card, 1/1–30/6
    "P1,D1,Scheda,Comportamenti,40,32,",
    "P1,D2,Scheda,Risultati,60,54,",  # row 6: D2's card, 1/7–31/12
    "P1,D2,Scheda,Comportamenti,40,36,",
]
TRANSFER_PERIODS = "persona,valutatore,dal,al\nP1,D1,01/01/2024,30/06/2024\nP1,D2,01/07/2024,31/12/2024\n"
# the smallest declared regulation: the fund in proportion to the scores (format 1), the Comune di Buonavalle's
PROPORTIONAL = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Buonavalle"
tipo_ente = "comune"

[premio]
metodo = "proporzionale"
fonte = "art. 7"
"""
# the cards before the collection: the dirigenti's and D1's card of P1 (rows 2–5); D2's is the forms' to bring
TRANSFER_CARDS_D1 = TRANSFER_CARDS[:4]
TRANSFER_CYCLE = (
    '[ciclo]\nanno = 2024\nrisultati = "risultati"\n\n[[ente]]\nid = "comune"\nplugin = "regolamento"\n'
    'regolamento = "smvp.toml"\ndati = "comune"\n'
)
# the Comune's regulation: an employee's card of TRANSFER_CARDS' two voci, the fund shared in proportion to the scores
TRANSFER_REGULATION = """\
formato = 2
[atto]
titolo = "Sistema di valutazione del Comune"
sigla = "SMVP"
tipo_ente = "comune"

[[premi]]
nome = "performance"
metodo = "proporzionale"
fondo = "performance_individuale"
fonte = "art. 9"

[[scheda]]
fonte = "art. 5"
ruoli = ["dipendente"]
voci = [
  { sezione = "Scheda", voce = "Risultati", massimo = 60 },
  { sezione = "Scheda", voce = "Comportamenti", massimo = 40 },
]
"""


def transfer_comune(tmp_path: Path, cards: list[str] = TRANSFER_CARDS_D1) -> Path:
    """The Comune of TRANSFER_STAFF in ``tmp_path/comune`` with ``cards`` and TRANSFER_PERIODS, under the regulation
    TRANSFER_REGULATION (smvp.toml): its cycle.toml (2024, the ente «comune»)."""
    data = one_unit_comune("Comune di Prova", TRANSFER_STAFF, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    data["valutatori.csv"] = TRANSFER_PERIODS
    (tmp_path / "comune").mkdir()
    for name, text in data.items():
        (tmp_path / "comune" / name).write_text(text, encoding="utf-8")
    (tmp_path / "smvp.toml").write_text(TRANSFER_REGULATION, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(TRANSFER_CYCLE, encoding="utf-8")
    return tmp_path / "cycle.toml"


# a dirigenti's result pay written as a part of [[premi]]: 1.000 € × score / 100 each, from the fund «risultato»
RESULT_PART = """
[[premi]]
nome = "risultato"
metodo = "formula"
fondo = "risultato"
ruoli = ["dirigente"]
importo = "=1000 € * punteggio / 100"
fonte = "art. 4"
"""


def two_dirigenti(scores: tuple[int, int] = (80, 80)) -> dict[str, str]:
    """A Città of one unit: the Segretario SEG and two dirigenti, Anna Russo (D1) and Ciro Esposito (D2), evaluated
    ``scores`` of 100 by SEG, with the fund «risultato» of € 3.000,00."""
    staff = ["D1,Anna Russo,dirigente,,com,1,0,false,SEG", "D2,Ciro Esposito,dirigente,,com,1,0,false,SEG"]
    cards = [f"{pid},SEG,Scheda,Valutazione,100,{score}," for pid, score in zip(("D1", "D2"), scores)]
    return one_unit_comune("Città metropolitana", staff, cards, '[funds]\nrisultato = "3000.00"\n')


def ciclope(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None):
    """``ciclope ARGS`` through the command line's ``main`` in this process, as a child would run it: its own
    working folder and environment (``env`` added to this one's), an empty stdin, both streams captured, both put
    back after. A ``subprocess.CompletedProcess`` (exit code, stdout, stderr); an exception out of ``main`` is
    raised here, where a child would have printed its traceback."""
    import contextlib
    import gc
    import io
    import os
    import subprocess
    import sys

    from ciclope.core.commands.cli import main

    argv = [str(a) for a in args]
    saved_env, saved_cwd, saved_stdin = dict(os.environ), os.getcwd(), sys.stdin
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        with (
            open(os.devnull, encoding="utf-8") as devnull,
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            sys.stdin = devnull
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        # A child's exit closes every database connection it opened; here the stores main left to the
        # collector are collected now, so a SQLite store is left as a finished process leaves it
        # (checkpointed, no -wal or -shm file) before a test looks at the folder.
        gc.collect()
    return subprocess.CompletedProcess(["ciclope", *argv], code, out.getvalue(), err.getvalue())


def run_cycle(cycle: Path) -> Path:
    """``ciclope run`` of ``cycle`` into ``out`` beside it, without the store. Exit status 1 is an ente with
    violations (a plugin's own checks), not a failure: every results.json is written."""
    done = ciclope("run", cycle, "--out", cycle.parent / "out", "--no-store")
    assert done.returncode in (0, 1), done.stderr
    return cycle.parent / "out"


def as_declared(folder: Path, to: Path, plugin: str, regulation: Path) -> Path:
    """A copy of the cycle in ``folder`` whose enti of ``plugin`` run the declared ``regulation`` instead;
    its cycle.toml."""
    import shutil

    shutil.copytree(folder, to, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    shutil.copy(regulation, to / regulation.name)
    cycle = (to / "cycle.toml").read_text(encoding="utf-8")
    swapped = cycle.replace(f'plugin = "{plugin}"', f'plugin = "regolamento"\nregolamento = "{regulation.name}"')
    (to / "cycle.toml").write_text(swapped, encoding="utf-8")
    return to / "cycle.toml"


# The tests' folder and the project's root, for a test module at any depth under tests/.
TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def regulation_problems(folder: Path, text: str) -> list[str]:
    """The messages of the declared regulation ``text`` (written to ``folder/smvp.toml``) when it is read on its
    own: the file is refused exactly when one of them is an error."""
    from ciclope.plugins.regolamento.read.load import load

    path = folder / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert (regulation is None) == bool(found)
    return [placed(p) for p in found]


def placed(problem: object) -> str:
    """A problem of a regulation file with its place before its message, «riga 12, chiave livelli.scala: …», as the
    tests compare them: the line and the key (as the office counts its tables) are the problem's own ``row`` and
    ``column``, printed once before the message."""
    column, row, message = (getattr(problem, k) for k in ("column", "row", "message"))
    if not column:
        return str(message)
    line = f"riga {row}, " if row is not None else ""
    return f"{line}chiave {column}: {message}"


def regulation_text(folder: Path, text: str) -> str:
    """The declared regulation ``text`` (written to ``folder/smvp.toml``) as ``ciclope regolamento leggi`` says it;
    the file must read without problems."""
    from ciclope.plugins.regolamento.read.load import load
    from ciclope.plugins.regolamento.say.articles import render

    path = folder / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is not None, [p.message for p in found]
    return render(regulation)


def two_unit_ente(
    name: str, units: dict[str, tuple[str, str, int]], staff: list[str], scores: dict[str, int]
) -> dict[str, str]:
    """An ente ``name`` headed by the Segretario SEG, with two units under it, U1 and U2: ``units`` gives each its
    name, its one objective's title and what that objective's one indicator achieved of a target of 10 (OB1 of U1,
    OB2 of U2); ``staff`` are people.csv rows after SEG's, ``scores`` each one's card of one item of 100 points,
    evaluated by SEG. No fund: the caller adds ente.toml's [funds]."""
    (n1, t1, a1), (n2, t2, a2) = units["U1"], units["U2"]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in scores.items()]
    return {
        "units.csv": f"id,name,kind,parent,head\ncom,{name},ente,,SEG\nU1,{n1},area,com,SEG\nU2,{n2},area,com,SEG\n",
        "objectives.csv": f"id,kind,title,parent,area,weight,owner\nOB1,operational,{t1},,,,U1\n"
        f"OB2,operational,{t2},,,,U2\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        f"reason,source\nIN1,OB1,{t1},higher,,,10,{a1},,,,,\nIN2,OB2,{t2},higher,,,10,{a2},,,,,\n",
        "people.csv": "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *staff]) + "\n",
        "evaluations.csv": "\n".join([CARD_HEADER, *cards]) + "\n",
        "ente.toml": f'name = "{name}"\n',
    }


def scored_with_column(column: str, rows: list[tuple[str, int, str]]) -> dict[str, str]:
    """:func:`one_unit_comune`'s Comune of dipendenti whose people.csv has one more ``column``: ``rows`` are (id,
    score, the column's value), each with a card of one item of 100 points, evaluated by SEG."""
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{value}" for pid, _, value in rows]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, score, _ in rows]
    files = one_unit_comune("Comune di Prova", [], cards, "")
    files["people.csv"] = (
        "\n".join([f"{STAFF_HEADER},{column}", "SEG,Segretario,segretario,DIR,com,1,0,false,,", *staff]) + "\n"
    )
    return files


COMUNE_2025 = """[ciclo]
anno = 2025
risultati = "risultati"

[[ente]]
id = "comune-prova"
plugin = "regolamento"
regolamento = "regolamento.toml"
dati = "comune"
"""


def first_comune_run(root: Path, regulation: str, files: dict[str, str]) -> Path:
    """The office's first run of 2025 (``ciclope run``, with the store beside cycle.toml) of the ente «comune-prova»,
    its data ``files`` in ``root/comune`` under ``regulation``: the cycle.toml, to run again after corrections."""
    (root / "regolamento.toml").write_text(regulation, encoding="utf-8")
    (root / "cycle.toml").write_text(COMUNE_2025, encoding="utf-8")
    (root / "comune").mkdir()
    for name, text in files.items():
        (root / "comune" / name).write_text(text, encoding="utf-8")
    done = ciclope("run", root / "cycle.toml")
    assert done.returncode == 0, done.stderr
    return root / "cycle.toml"


def corrected_run(root: Path, regulation: str, files: dict[str, str], corrected: dict[str, str]) -> Path:
    """The first run (:func:`first_comune_run`), then the ``corrected`` files written over the ente's and the run
    again: the cycle.toml, whose store holds run 1 and run 2 for ``ciclope diff``."""
    cycle = first_comune_run(root, regulation, files)
    for name, text in corrected.items():
        (root / "comune" / name).write_text(text, encoding="utf-8")
    done = ciclope("run", cycle)
    assert done.returncode == 0, done.stderr
    return cycle


def next_year(tmp_path: Path, regulation: str, files: dict[str, str], year: int = 2024) -> Path:
    """A run of ``year`` of the ente ``files`` under ``regulation``, then `ciclope template regolamento … --from` its
    output folder: the next year's folder (``tmp_path/<year + 1>``)."""
    from ciclope.core.commands.cli import main

    (tmp_path / "smvp.toml").write_text(regulation, encoding="utf-8")
    folder = tmp_path / "comune"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        f'[ciclo]\nanno = {year}\nrisultati = "risultati"\n\n[[ente]]\nid = "comune"\nplugin = "regolamento"\n'
        'dati = "comune"\n[ente.parametri]\nregolamento = "smvp.toml"\n',
        encoding="utf-8",
    )
    assert main(["run", str(cycle), "--no-store"]) == 0
    out = tmp_path / str(year + 1)
    assert main(["template", "regolamento", str(out), "--from", str(tmp_path / "risultati" / "comune")]) == 0
    return out


def sheet_values(workbook: Path, column: str) -> dict[str, object]:
    """The values of a column (by its header) of the workbook's sheet that has it, by the row's first cell."""
    from openpyxl import load_workbook

    wb = load_workbook(workbook, read_only=True)
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        for i, row in enumerate(rows):
            if column in row:
                at = row.index(column)
                return {r[0]: r[at] for r in rows[i + 1 :] if r and r[0] is not None}
    return {}


def labelled_levels(folder: Path, **others: str) -> Path:
    """The regolamento plugin's demo copied into ``folder`` (its cycle.toml returned), comune-livelli's regulation
    naming two of its five levels in [etichette]: A «eccellente», B «buono» (C, D and E keep their names). Each of
    ``others`` (an ente id → a label of A) is one more ente on comune-livelli's data, with its own copy of the
    regulation naming A by that label only."""
    import shutil

    from ciclope.plugins import regolamento

    demo = Path(regolamento.__file__).parent / "demo"
    shutil.copytree(demo, folder, ignore=shutil.ignore_patterns("risultati", "out", "*.db*"))
    rules = folder / "smvp-livelli.toml"
    plain = rules.read_text(encoding="utf-8")  # it ends with its [etichette] table
    rules.write_text(plain + 'A = "eccellente"\nB = "buono"\n', encoding="utf-8")
    cycle = folder / "cycle.toml"
    for ente, label in others.items():
        (folder / f"smvp-{ente}.toml").write_text(plain + f'A = "{label}"\n', encoding="utf-8")
        entry = f'\n[[ente]]\nid = "{ente}"\nplugin = "regolamento"\nregolamento = "smvp-{ente}.toml"\ndati = "comune-livelli"\n'
        cycle.write_text(cycle.read_text(encoding="utf-8") + entry, encoding="utf-8")
    return cycle


class Links(HTMLParser):
    """The links (href, src) and the ids of a page: what a portal's test follows."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.links.append(value)
            if key == "id" and value:
                self.ids.add(value)


def page_links(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# the cycle.toml of one declared Comune of 2024 whose data are in the folder «ente» (:func:`cycle_case`)
ENTE_CYCLE = """[ciclo]
anno = 2024
risultati = "risultati"

[[ente]]
id = "comune"
plugin = "regolamento"
dati = "ente"
regolamento = "regolamento.toml"
"""


def cycle_case(tmp_path: Path, folder: str, data: dict[str, str], regulation: str, cycle: str = ENTE_CYCLE) -> Path:
    """A declared ente written under ``tmp_path``: its files ``data`` in ``folder``, ``regolamento.toml`` and
    ``cycle.toml`` (which names them; by default :data:`ENTE_CYCLE`); the cycle.toml returned."""
    (tmp_path / folder).mkdir(parents=True)
    for name, text in data.items():
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "regolamento.toml").write_text(regulation, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(cycle, encoding="utf-8")
    return tmp_path / "cycle.toml"


def fund_case(case: Path, tmp_path: Path, ente: str, fondo: str | None = None):
    """The office's cycle in the folder ``case`` copied under ``tmp_path`` and computed (:func:`computed_case`), with
    the fondo sheet of its ente's folder ``ente`` replaced by ``fondo`` when given."""
    import shutil

    folder = tmp_path / case.name
    shutil.copytree(case, folder)
    if fondo is not None:
        (folder / ente / "fondo.csv").write_text(fondo, encoding="utf-8")
    return computed_case(folder / "cycle.toml")


def computed_case(cycle: Path):
    """The first ente of ``cycle`` computed for the cycle's year (its :class:`core.result.Result`)."""
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute

    plan = load_config(cycle)
    return compute(plan.enti[0], plan.year)
