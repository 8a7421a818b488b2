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
