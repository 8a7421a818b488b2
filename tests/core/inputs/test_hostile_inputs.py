"""Hostile and odd inputs (issue 19 items 8–20, and issue 14's sheet names): no traceback, no hang,
bounded memory, nothing misread in silence. Each test is one reproduction of the red-team report."""

import io
import os
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ciclope.core.commands.cli import main
from ciclope.core.inputs.loading import load_ente
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import write_ente

from helpers import ENTE, files

CM_ENTE = ENTE  # helpers' ente.toml names comunita_montane's fund

CYCLE = '[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "e"\nplugin = "comunita_montane"\ndata = "e"\n'


def config(tmp_path, ente_files=None) -> Path:
    write_ente(tmp_path / "e", ente_files or files(**{"ente.toml": CM_ENTE}))
    (tmp_path / "cycle.toml").write_text(CYCLE, encoding="utf-8")
    return tmp_path / "cycle.toml"


def as_workbook(folder: Path, rename: dict[str, str] | None = None, extra_sheet: str | None = None) -> Path:
    """The CSV files of ``folder`` as one ente.xlsx (the CSVs removed), sheets optionally renamed."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for csv_path in sorted(folder.glob("*.csv")):
        ws = wb.create_sheet((rename or {}).get(csv_path.stem, csv_path.stem))
        import csv

        for row in csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))):
            ws.append(row)
        csv_path.unlink()
    if extra_sheet:
        wb.create_sheet(extra_sheet)
    wb.save(folder / "ente.xlsx")
    return folder / "ente.xlsx"


def rewrite_sheet_xml(xlsx: Path, title_index: int, change) -> None:
    """Apply ``change(xml bytes) -> bytes`` to worksheet number ``title_index`` (1-based)."""
    data = {}
    with zipfile.ZipFile(xlsx) as zf:
        for info in zf.infolist():
            data[info.filename] = zf.read(info)
    name = f"xl/worksheets/sheet{title_index}.xml"
    data[name] = change(data[name])
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, v in data.items():
            zf.writestr(k, v)


def sheet_index(xlsx: Path, title: str) -> int:
    return openpyxl.load_workbook(xlsx, read_only=True).sheetnames.index(title) + 1


def test_8_a_smaller_declared_dimension_does_not_drop_rows(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    xlsx = as_workbook(folder)
    n = sheet_index(xlsx, "people")
    rewrite_sheet_xml(xlsx, n, lambda x: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:C2"', x))
    ente = load_ente(folder, "e", 2021)
    assert sorted(ente.people) == ["D1", "E1", "E2", "E3", "SG"]  # all five rows, not the declared one


def test_italian_sheet_names_and_excels_empty_sheet_are_accepted(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    as_workbook(folder, rename={"people": "Persone", "objectives": "Obiettivi"}, extra_sheet="Foglio1")
    ente = load_ente(folder, "e", 2021)
    assert "E1" in ente.people and "S1" in ente.objectives


def test_9_merged_cells_are_an_error_naming_the_range(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    xlsx = as_workbook(folder)
    wb = openpyxl.load_workbook(xlsx)
    wb["people"].merge_cells("I3:I5")
    wb.save(xlsx)
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    assert any(p.rule == "core.input.merged" and p.column == "I3:I5" for p in exc.value.problems)


def test_10_a_formula_without_a_cached_value_is_said(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    xlsx = as_workbook(folder)
    wb = openpyxl.load_workbook(xlsx)
    wb["people"]["F3"] = "=1/2"  # openpyxl writes no cached value: read back as empty
    wb.save(xlsx)
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    bad = [p for p in exc.value.problems if p.rule == "core.input.formula"]
    assert bad and bad[0].column == "F3" and "formula senza valore calcolato" in bad[0].message


def test_17_a_huge_declared_dimension_is_bounded(tmp_path):
    """An xlsx declaring A1:XFD1048576 took 2.4 GB: rows are read as they are, not padded."""
    folder = write_ente(tmp_path / "e", files())
    xlsx = as_workbook(folder)
    n = sheet_index(xlsx, "people")
    rewrite_sheet_xml(xlsx, n, lambda x: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', x))
    ente = load_ente(folder, "e", 2021)
    assert len(ente.people) == 5


def test_17b_a_zip_bomb_is_refused_before_opening(tmp_path, monkeypatch):
    from ciclope.core.inputs import tables

    folder = write_ente(tmp_path / "e", files())
    as_workbook(folder)
    monkeypatch.setattr(tables, "MAX_XLSX_UNCOMPRESSED", 1000)  # the workbook is ~40 KB uncompressed
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    assert any(p.rule == "core.input.size" and "decompressa" in p.message for p in exc.value.problems)


def test_18_a_header_with_too_many_columns_is_refused(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    (folder / "people.csv").write_text(",".join(f"c{i}" for i in range(100_000)) + "\n", encoding="utf-8")
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    assert any(p.rule == "core.input.size" and p.file == "people.csv" for p in exc.value.problems)


def test_16_a_fifo_named_like_an_input_is_never_opened(tmp_path, capsys):
    cfg = config(tmp_path)
    (tmp_path / "e" / "evaluations.csv").unlink()
    os.mkfifo(tmp_path / "e" / "evaluations.csv")
    assert main(["validate", str(cfg)]) == 1  # returns at once instead of hanging
    assert "non è un file normale" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["validate"], ["explain", "--ente", "e", "--person", "E1"], ["calendar"]])
def test_13_a_folder_named_evaluations_csv_gives_no_traceback(tmp_path, capsys, command):
    cfg = config(tmp_path)
    (tmp_path / "e" / "evaluations.csv").unlink()
    (tmp_path / "e" / "evaluations.csv").mkdir()
    code = main([command[0], str(cfg), *command[1:]])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.out + captured.err
    assert "non è un file normale" in captured.out + captured.err


def test_13_verify_on_a_corrupt_or_empty_results_json(tmp_path, capsys):
    for text in ("", "{non json", "[]"):
        (tmp_path / "results.json").write_text(text)
        assert main(["verify", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert "results.json non leggibile" in err and "Traceback" not in err


def test_13_calendar_ics_into_a_missing_folder_or_a_directory(tmp_path, capsys):
    cfg = config(tmp_path)
    for target in (tmp_path / "manca" / "cal.ics", tmp_path):
        assert main(["calendar", str(cfg), "--ics", str(target)]) == 2
        err = capsys.readouterr().err
        assert "non posso scrivere il calendario" in err and "Traceback" not in err


def test_13_toml_with_a_bom_loads_and_a_deep_one_is_an_error(tmp_path, capsys):
    cfg = config(tmp_path)
    cfg.write_bytes(b"\xef\xbb\xbf" + cfg.read_bytes())
    (tmp_path / "e" / "ente.toml").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "e" / "ente.toml").read_bytes())
    assert main(["validate", str(cfg)]) in (0, 1)
    assert "Invalid statement" not in capsys.readouterr().out
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert main(["validate", str(deep)]) == 2
    err = capsys.readouterr().err
    assert "TOML non valido" in err and "Traceback" not in err


def test_14_a_plugin_crashing_in_check_params_fails_only_its_ente(tmp_path, monkeypatch, capsys):
    write_ente(tmp_path / "a", files(**{"ente.toml": CM_ENTE}))
    write_ente(tmp_path / "b", files(**{"ente.toml": CM_ENTE}))
    (tmp_path / "cycle.toml").write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n'
        '[[ente]]\nid = "a"\nplugin = "comunita_montane"\ndata = "a"\n'
        '[[ente]]\nid = "b"\nplugin = "comunita_montane"\ndata = "b"\n[ente.params]\nunit_item_weight = 30\n'
    )
    from ciclope.core.engine import registry

    real = registry.Hooks.collect

    def crashing(self, spec, **kwargs):  # the plugin's ciclope_check_params, as a plugin that exits
        if spec.__name__ == "ciclope_check_params" and kwargs["params"]["unit_item_weight"] == 30:
            sys.exit("il plugin esce")
        return real(self, spec, **kwargs)

    monkeypatch.setattr(registry.Hooks, "collect", crashing)
    assert main(["run", str(tmp_path / "cycle.toml")]) == 1
    import json

    status = {e["id"]: e["status"] for e in json.loads((tmp_path / "out" / "summary.json").read_text())["enti"]}
    assert status == {"a": "ok", "b": "failed"}
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "SystemExit" in captured.out + captured.err


def test_14b_sys_exit_inside_a_hook_fails_only_that_ente(tmp_path, monkeypatch):
    from ciclope.core.run import runner

    cfg = config(tmp_path)
    real = runner.compute

    def exiting(cfg, year, until="rendicontazione"):
        sys.exit(3)

    monkeypatch.setattr(runner, "compute", exiting)
    assert main(["run", str(cfg)]) == 1
    monkeypatch.setattr(runner, "compute", real)


def test_19_deep_chains_are_linear_and_never_recurse_out(tmp_path):
    units = ["id,name,kind,parent,head", "ente,Ente,ente,,"] + [
        f"u{i},U{i},ufficio,{'ente' if i == 0 else f'u{i - 1}'}," for i in range(2000)
    ]
    objectives = ["id,kind,title,parent,area,weight,owner"] + [
        f"O{i},operational,T,{'' if i == 0 else f'O{i - 1}'},,,ente" for i in range(1500)
    ]
    indicators = [
        "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source",
        "I1,O1499,x,higher,,,10,10,,,,,",
    ]
    f = {k: v for k, v in files(**{"ente.toml": CM_ENTE}).items() if k not in ("areas.csv", "assignments.csv")}
    f.update(
        {
            "units.csv": "\n".join(units),
            "objectives.csv": "\n".join(objectives),
            "indicators.csv": "\n".join(indicators),
            "people.csv": "id,name,role,category,unit,fte,absence_days,insufficient,evaluator\n"
            "SG,S,segretario,DIR,ente,1,0,false,\n",
            "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n",
            "ente.toml": 'name = "Catene"\n',
        }
    )  # no funds: nobody to pay, no card needed
    cfg = config(tmp_path, f)
    assert main(["run", str(cfg)]) == 0
    # a cycle in a long chain is found once
    units[2 + 1500] = units[2 + 1500].replace(",u1499,", ",u1600,")  # u1500 → u1600 → … → u1500
    f["units.csv"] = "\n".join(units)
    write_ente(tmp_path / "e", f)
    with pytest.raises(CiclopeError) as exc:
        load_ente(tmp_path / "e", "e", 2021)
    assert sum(p.rule == "core.ref.cycle" for p in exc.value.problems) == 1


def test_20_control_characters_in_ids_are_refused(tmp_path):
    f = files()
    f["people.csv"] = f["people.csv"].replace("E3,Elsa", "E3\x1b[31m,Elsa")
    folder = write_ente(tmp_path / "e", f)
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    assert any(
        p.rule == "core.input.value" and p.column == "id" and "caratteri di controllo" in p.message
        for p in exc.value.problems
    )


def test_11_typos_in_ente_toml_are_errors_with_a_suggestion(tmp_path, capsys):
    """[funds] performance_individual paid 0 € with a warning; [approvals] relazione_validata_oiv raised
    nothing; piano_adopted = "30 gennaio 2021" showed only as MANCANTE in the calendar."""
    toml = CM_ENTE.replace("performance_individuale", "performance_individual").replace(
        "piano_adopted = 2021-01-25", 'piano_adopted = "30 gennaio 2021"\nrelazione_validata_oiv = 2022-05-01'
    )
    cfg = config(tmp_path, files(**{"ente.toml": toml}))
    assert main(["validate", str(cfg)]) == 1
    out = capsys.readouterr().out
    assert (
        "fondo sconosciuto [fondi] performance_individual" in out and "forse intendevi «performance_individuale»" in out
    )
    assert "data non leggibile «30 gennaio 2021» per piano_adottato" in out  # the act as ente.toml names it
    # the misspelt act is found once the ente loads (the calendar knows the regulation's acts)
    toml2 = CM_ENTE.replace(
        "piano_adopted = 2021-01-25", "piano_adopted = 2021-01-25\nrelazione_validato_oiv = 2022-05-01"
    )
    cfg2 = config(tmp_path / "b", files(**{"ente.toml": toml2}))
    assert main(["validate", str(cfg2)]) == 1
    assert (
        "atto sconosciuto [atti] relazione_validato_oiv; forse intendevi «relazione_validata_oiv»"
        in capsys.readouterr().out
    )
    # an act no rule reads and no known act is near: the acts that are read, and how to keep one's own
    toml3 = CM_ENTE.replace(
        "piano_adopted = 2021-01-25", "piano_adopted = 2021-01-25\nobiettivi_assegnati = 2021-02-01"
    )
    cfg3 = config(tmp_path / "c", files(**{"ente.toml": toml3}))
    assert main(["validate", str(cfg3)]) == 1
    said = capsys.readouterr().out
    assert "atto sconosciuto [atti] obiettivi_assegnati (gli atti che il regolamento e il calendario leggono: " in said
    assert "piano_adottato, " in said and "relazione_validata_oiv" in said
    assert "; un atto che l'ufficio annota per sé si scrive x_obiettivi_assegnati)" in said


def test_12_an_empty_evaluations_file_or_every_indicator_neutralized_is_an_error(tmp_path):
    """Both used to leave the fund undistributed with status ok."""
    from ciclope.core.testing import compute_ente, results_doc

    f = files(**{"ente.toml": CM_ENTE, "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n"})
    doc = results_doc(compute_ente(write_ente(tmp_path / "a", f), "comunita_montane", 2021))
    assert "core.evaluations.empty" in [v["rule"] for v in doc["violations"] if v["severity"] == "error"]
    import csv

    rows = list(csv.DictReader(io.StringIO(files()["indicators.csv"].strip())))
    for r in rows:
        r.update(neutralized="true", reason="evento annullato")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    f2 = files(**{"ente.toml": CM_ENTE, "indicators.csv": buf.getvalue()})
    doc2 = results_doc(compute_ente(write_ente(tmp_path / "b", f2), "comunita_montane", 2021))
    assert "core.indicators.all_neutralized" in [v["rule"] for v in doc2["violations"] if v["severity"] == "error"]


def test_21_new_plugin_never_follows_a_dangling_symlink(tmp_path, monkeypatch, capsys):
    outside = tmp_path / "fuori"
    here = tmp_path / "qui"
    here.mkdir()
    (here / "ciclope-prova_link").symlink_to(outside)  # dangling: fuori/ does not exist
    monkeypatch.chdir(here)
    assert main(["new-plugin", "prova_link"]) == 2
    assert not outside.exists()
    assert "collegamento simbolico" in capsys.readouterr().err


def test_13_out_pointing_to_a_file_is_a_command_line_error(tmp_path, capsys):
    cfg = config(tmp_path)
    target = tmp_path / "un-file"
    target.write_text("mio")
    assert main(["run", str(cfg), "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert "è un file" in err and "Traceback" not in err and target.read_text() == "mio"


def test_12_negative_days_are_refused(tmp_path):
    f = files()
    f["people.csv"] = f["people.csv"].replace("E1,Emma,dipendente,C,s1,0.5,10", "E1,Emma,dipendente,C,s1,0.5,-10")
    with pytest.raises(CiclopeError) as exc:
        load_ente(write_ente(tmp_path / "e", f), "e", 2021)
    assert any(p.column == "absence_days" for p in exc.value.problems)


def test_13_an_output_folder_that_cannot_be_written_is_one_line(tmp_path, monkeypatch, capsys):
    """A read-only output folder (simulated: root writes anywhere) gave a traceback after computing every ente;
    now each ente fails with one Italian line, and the run goes on."""
    from ciclope.core.run import staging

    cfg = config(tmp_path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "out"))

    monkeypatch.setattr(staging.tempfile, "mkdtemp", denied)
    assert main(["run", str(cfg)]) == 1
    captured = capsys.readouterr()
    assert "impossibile scrivere gli output" in captured.out + captured.err
    assert "permesso negato" in captured.out + captured.err  # the system's cause in Italian, not its English
    assert "Permission denied" not in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
