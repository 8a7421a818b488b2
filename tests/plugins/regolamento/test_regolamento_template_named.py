"""`ciclope template` on an office's folder whose cycle.toml names its own regulation (a blind tester's case: a
university's CCI, ``regolamento = "cci-pta.toml"``, comparto «altro»): the model is the one of that file, and no
default regulation is written beside it. Every expected word is the regulation's own, read from cci-pta.toml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl

from ciclope.core.commands.cli import main

CASE = Path(__file__).parent / "valdorsa"
# the tester's cycle.toml, written by hand before the template: its ente names the regulation by its file
CYCLE = """\
[ciclo]
anno = 2024
risultati = "risultati"

[[ente]]
id = "valdorsa"
plugin = "regolamento"
dati = "mio-ente"
regolamento = "cci-pta.toml"
"""


def office(tmp_path: Path, cycle: str = CYCLE) -> Path:
    """A folder with the office's cycle.toml and its regulation, and nothing else."""
    folder = tmp_path / "ufficio"
    folder.mkdir()
    shutil.copy(CASE / "cci-pta.toml", folder / "cci-pta.toml")
    (folder / "cycle.toml").write_text(cycle, encoding="utf-8")
    return folder


def menus(path: Path) -> dict[str, str]:
    """The sheet «persone»: header → the drop-down's list (the words offered, comma separated)."""
    sheet = openpyxl.load_workbook(path)["persone"]
    heads = [c.value for c in sheet[1]]
    out = {}
    for dv in sheet.data_validations.dataValidation:
        column = str(dv.sqref).split(":")[0].rstrip("0123456789")
        out[heads[openpyxl.utils.column_index_from_string(column) - 1]] = str(dv.formula1).strip('"')
    return out


def test_the_template_reads_the_regulation_its_cycle_names(tmp_path, capsys):
    folder = office(tmp_path)
    own = (folder / "cci-pta.toml").read_text(encoding="utf-8")
    assert main(["template", "regolamento", str(folder), "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert not (folder / "regolamento.toml").exists()  # no second, default regulation beside the office's
    assert (folder / "cci-pta.toml").read_text(encoding="utf-8") == own
    assert "cci-pta.toml" in out.split("Tenuti come erano")[1]  # said kept, as the office wrote it
    book = folder / "mio-ente" / "ente.xlsx"
    assert "fondo" not in openpyxl.load_workbook(book).sheetnames  # no Funzioni Locali fund sheet: comparto altro
    said = menus(book)
    # [gradi] nomi = ["B", "C", "D", "EP"] under their own column, no contract's categories; the role po is
    # «EP responsabile di struttura» ([etichette] po)
    assert said["grado"] == "B,C,D,EP" and "categoria" not in said
    assert "EP responsabile di struttura" in said["ruolo"].split(",")
    toml = (folder / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    funds = toml.split("[fondi]")[1].split("\n[")[0]
    # the funds of [[premi]] fondo = "produttivita" and [risultato_po] fondo = "risultato_ep"
    assert '# produttivita = "12000.00"' in funds and '# risultato_ep = "12000.00"' in funds
    assert "performance_individuale" not in funds


def test_a_regulation_the_cycle_names_but_is_not_there_is_started_under_that_name(tmp_path, capsys):
    folder = office(tmp_path)
    (folder / "cci-pta.toml").unlink()
    assert main(["template", "regolamento", str(folder), "--year", "2024"]) == 0
    capsys.readouterr()
    # the starter under the name the cycle reads: the folder runs as written, with one regulation
    assert (folder / "cci-pta.toml").is_file() and not (folder / "regolamento.toml").exists()


# an act the regulation names with no date of its own: due 30 days after another act of ente.toml
DATED_AFTER = """
[[calendario]]
atto = "Comunicazione degli obiettivi al personale"
fase = "pianificazione"
dopo = "contratto_integrativo_firmato"
giorni = 30
approvazione = "obiettivi_comunicati"
fonte = "art. 4 c. 2"
"""


def offered_acts(ente: Path) -> list[str]:
    """The [atti] keys of the template's ente.toml, uncommented in place; their names in order."""
    toml = (ente / "ente.toml").read_text(encoding="utf-8")
    head, rest = toml.split("[atti]")
    lines = [ln[2:] for ln in rest.split("# [valutatori]")[0].splitlines() if re.match(r"# [a-z_]+ = ", ln)]
    (ente / "ente.toml").write_text(head + "[atti]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return [ln.split(" = ")[0] for ln in lines]


def test_every_act_the_template_offers_is_one_the_cycle_knows(tmp_path, capsys):
    folder = office(tmp_path)
    with (folder / "cci-pta.toml").open("a", encoding="utf-8") as file:
        file.write(DATED_AFTER)
    assert main(["template", "regolamento", str(folder), "--year", "2024"]) == 0
    ente = folder / "mio-ente"
    acts = offered_acts(ente)
    # comparto «altro»: no act of the Funzioni Locali contract (its objectives assigned by the end of February)
    assert "obiettivi_assegnati" not in acts
    # the acts the regulation names: the calendar's approvazione and the act its deadline counts from
    assert {"obiettivi_comunicati", "contratto_integrativo_firmato"} <= set(acts)
    book = openpyxl.load_workbook(ente / "ente.xlsx")
    book["unità"].append(["ateneo", "Ateneo", "ente"])
    book["persone"].append(["dg", "Direttore generale", "Dirigente", "ateneo"])
    book.save(ente / "ente.xlsx")
    capsys.readouterr()
    # validate reaches the calendar (phase f), where an act nobody knows is an error
    assert main(["validate", str(folder / "cycle.toml")]) == 0
    out = capsys.readouterr().out
    assert "[atti]" not in out and "sconosciut" not in out


def test_the_template_is_of_the_year_its_cycle_says(tmp_path):
    # the office's cycle.toml is of 2024 and no --year is given: the model is of the contract in force in 2024, never
    # of the year the command runs in. The fund sheet has no voce of the CCNL 23.2.2026 (the persons of each Area at
    # 1.1.2026, `comparto_…`, from the 2026 funds), and the acts of the cycle are dated in 2024 and 2025
    folder = tmp_path / "ufficio"
    folder.mkdir()
    (folder / "cycle.toml").write_text(CYCLE.replace('regolamento = "cci-pta.toml"', ""), encoding="utf-8")
    assert main(["template", "regolamento", str(folder)]) == 0
    sheet = openpyxl.load_workbook(folder / "mio-ente" / "ente.xlsx")["fondo"]
    voci = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert voci and not [v for v in voci if str(v).startswith("comparto_")]
    acts = (folder / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    assert "# piano_adottato = 2024-01-31" in acts and "# relazione_validata_oiv = 2025-06-30" in acts
