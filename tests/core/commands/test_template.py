"""`ciclope template` (issue 14): a workbook an office fills under its headers gives the same results as the
CSV files, for every public example; drop-downs on enumerated columns, help in comments, ente.toml beside."""

import csv
import datetime as dt
import io
import re
import subprocess
import sys

import openpyxl
import pytest
from conftest import CHECK_RESULTS

from ciclope.core.commands.cli import main
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks
from ciclope.core.inputs.loading import column_code, merge_schemas, sheet_title

EXAMPLES = [("brescia", "bs-esempio"), ("bergamo", "bg-esempio"), ("comunita_montane", "cm-esempio")]


@pytest.mark.parametrize("plugin, ente", EXAMPLES)
def test_a_template_filled_with_an_examples_rows_gives_its_results(example, tmp_path, plugin, ente):
    folder = example(plugin)
    book = tmp_path / "modello.xlsx"
    assert main(["template", plugin, str(book)]) == 0
    assert (tmp_path / "ente.toml").is_file()
    wb = openpyxl.load_workbook(book)
    schema = merge_schemas(Hooks.for_plugin(plugin)[0].answers(hookspecs.ciclope_input_schema, params=None))
    data = folder / ente
    year = int(
        next(ln for ln in (folder / "cycle.toml").read_text().splitlines() if ln.startswith("year")).split("=")[1]
    )
    for path in sorted(data.glob("*.csv")):
        ws = wb[sheet_title(path.stem, schema)]  # «persone», «indicatori», «posizioni», …
        header = [column_code(path.stem, c.value, schema) for c in ws[1]]  # «punti_massimi» → max_points
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
            if "target" in header and "target" not in row:  # a multi-year plan: this year's column
                row["target"] = row.get(f"target_{year}", "")
            ws.append([row.get(h, "") for h in header])
        path.unlink()
    wb.save(data / "ente.xlsx")
    out = tmp_path / "out"
    main(["run", str(folder / "cycle.toml"), "--out", str(out)])
    tool = CHECK_RESULTS
    run = subprocess.run(
        [sys.executable, str(tool), str(folder / "expected.json"), str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout


def test_drop_downs_comments_and_no_help_in_data_rows(tmp_path):
    book = tmp_path / "m.xlsx"
    assert main(["template", "comunita_montane", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["indicatori"]
    assert ws.max_row == 1  # headers only, help in comments
    assert [c.value for c in ws[1]][:4] == ["codice", "obiettivo", "nome", "tipo"]
    note = ws["D1"].comment.text  # tipo: meaning, required, values in the reports' words, an example; no code
    assert note == (
        "tipo: come si legge il risultato.\nObbligatoria.\n"
        "Valori ammessi (menu a tendina): più è meglio, meno è meglio, scadenza, SI/NO, progetto (% completamento), "
        "monitoraggio.\nEsempio: più è meglio"
    )
    assert "Facoltativa." in ws["E1"].comment.text and "Esempio: 50" in ws["E1"].comment.text  # peso
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"più è meglio,meno è meglio,scadenza,SI/NO,progetto (% completamento),monitoraggio"' in lists
    assert '"SI,NO"' in lists
    people = wb["persone"]
    # categoria: this year's template (after 1.4.2023) offers the Aree of the CCNL 16.11.2022
    aree = "Area degli Operatori,Area degli Operatori esperti,Area degli Istruttori,Area dei Funzionari e dell'Elevata qualificazione,DIR"
    assert f'"{aree}"' in {dv.formula1 for dv in people.data_validations.dataValidation}
    assert "innovazione" in wb.sheetnames and "unità" in wb.sheetnames and "valutazioni" in wb.sheetnames
    assert main(["template", "comunita_montane", str(book)]) == 2  # never overwritten


@pytest.mark.parametrize("plugin", ["brescia", "bergamo", "comunita_montane", "regolamento"])
def test_every_column_of_the_template_says_what_it_holds(tmp_path, plugin):
    """The note of every header says what the column holds: a column of a plugin or of the national layer (the
    birth date the CCDI may use to break a tie) never reads the generic «colonna del regolamento dell'ente»."""
    book = tmp_path / "m.xlsx"
    assert main(["template", plugin, str(book)]) == 0
    generic = [
        (ws.title, cell.value)
        for ws in openpyxl.load_workbook(book).worksheets
        for cell in ws[1]
        if cell.comment is None or "colonna del regolamento dell'ente" in cell.comment.text
    ]
    assert generic == []


def test_template_from_a_run_prefills_next_year(example, tmp_path):
    folder = example("bergamo")
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out")])
    office = tmp_path / "ufficio-2022"
    assert main(["template", "bergamo", str(office), "--from", str(tmp_path / "out" / "bg-esempio")]) == 0
    book = office / "bg-esempio" / "ente.xlsx"  # the ente's folder is named by its id
    wb = openpyxl.load_workbook(book)
    ind = list(wb["indicatori"].iter_rows(values_only=True))
    header, rows = [column_code("indicators", h) for h in ind[0]], ind[1:]
    assert rows and all(r[header.index("actual")] in (None, "") for r in rows)  # no actuals
    from decimal import Decimal

    from ciclope.core.values import parse_number

    data = list(csv.DictReader(open(folder / "bg-esempio" / "indicators.csv", encoding="utf-8")))
    got = {r[header.index("id")]: r[header.index("target")] for r in rows}
    checked = 0
    for r in data:  # every numeric 2022 target is the pre-filled one (not the 2021 target)
        try:
            want = parse_number(r["target_2022"])
        except ValueError:
            continue
        assert Decimal(str(got[r["id"]])) == want, r["id"]
        checked += 1
    assert checked > 0
    cards = list(wb["valutazioni"].iter_rows(values_only=True))
    assert cards[0] == ("persona", "valutatore", "sezione", "voce", "punti_massimi", "punti", "peso", "motivazione")
    # the 6 items of evaluations.csv, the points left empty; 50 a number, not the text "50"
    assert len(cards) == 1 + 6
    assert cards[1] == ("U1", "SG", "comportamenti", "Orientamento al risultato", 50, None, None, None)
    people = list(wb["persone"].iter_rows(values_only=True))
    assert people[1][:6] == ("SG", "Segretario Generale", "Segretario", "DIR", "cce", 1)  # ruolo in words
    toml = (office / "bg-esempio" / "ente.toml").read_text(encoding="utf-8")
    assert 'nome = "Camera di Commercio di Esempio (regole di Bergamo)"' in toml
    assert (
        'performance_individuale = "6.000,00"' in toml and '# risultato_po = "12000.00"' in toml
    )  # as an office writes it
    cycle = (office / "cycle.toml").read_text(encoding="utf-8")
    assert "anno = 2022" in cycle  # the year after 2021
    assert 'id = "bg-esempio"' in cycle and 'dati = "bg-esempio"' in cycle and 'risultati = "risultati"' in cycle


def test_template_never_overwrites_and_says_what_it_kept(tmp_path, capsys):
    (tmp_path / "ente.toml").write_text('name = "Mio"\n', encoding="utf-8")
    (tmp_path / "relazione").mkdir()
    (tmp_path / "relazione" / "presentazione.md").write_text("Nostra.\n", encoding="utf-8")
    assert main(["template", "bergamo", str(tmp_path / "m.xlsx")]) == 0
    out = capsys.readouterr().out
    parts = ", ".join(str(tmp_path / "relazione" / f"{p}.md") for p in ("contesto", "amministrazione", "criticita"))
    rest = ", ".join(str(tmp_path / "relazione" / f"{p}.md") for p in ("risorse", "pari_opportunita", "processo"))
    assert f"Scritti: {tmp_path / 'm.xlsx'}, {parts}, {rest}." in out  # the workbook alone: no cycle.toml
    kept = f"{tmp_path / 'ente.toml'}, {tmp_path / 'relazione' / 'presentazione.md'}"
    assert f"Tenuti come erano (già presenti, non sovrascritti): {kept}." in out
    assert (tmp_path / "ente.toml").read_text(encoding="utf-8") == 'name = "Mio"\n'
    assert (tmp_path / "relazione" / "presentazione.md").read_text(encoding="utf-8") == "Nostra.\n"


def test_template_again_on_its_folder_keeps_every_file(tmp_path, capsys):
    """A second ``template`` on the office's folder (its ente.xlsx perhaps filled in since) keeps everything and
    says so; a workbook the user names alone and that exists is refused."""
    office = tmp_path / "ufficio"
    assert main(["template", "regolamento", str(office)]) == 0
    book = office / "mio-ente" / "ente.xlsx"
    wb = openpyxl.load_workbook(book)
    wb["unità"].append(["ente", "Comune", "ente"])  # the office's work since
    wb.save(book)
    before = book.read_bytes()
    capsys.readouterr()
    assert main(["template", "regolamento", str(office)]) == 0
    out = capsys.readouterr().out
    assert "Scritti: ." not in out and f"{book}," in out.split("Tenuti come erano")[1]
    assert book.read_bytes() == before
    assert main(["template", "regolamento", str(book)]) != 0
    assert capsys.readouterr().err == f"ciclope: {book}: indica un file .xlsx nuovo (non sovrascrivo)\n"


def test_italian_headers_are_read_and_problems_name_them(tmp_path):
    """A template's Italian headers load as the codes; an error names the header the user wrote."""
    from ciclope.core.inputs.loading import load_ente
    from ciclope.core.problems import CiclopeError

    (tmp_path / "ente.toml").write_text('name = "Prova"\n', encoding="utf-8")
    (tmp_path / "units.csv").write_text("Codice,Nome,Tipo\nu1,Ente,ente\n", encoding="utf-8")
    (tmp_path / "people.csv").write_text(
        "codice,ruolo,unità,quota_tempo\np1,Dipendente,u1,0.5\np2,dipendente,u1,2\n", encoding="utf-8"
    )
    with pytest.raises(CiclopeError) as err:
        load_ente(tmp_path, "x", 2025)
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("people.csv", 3, "quota_tempo")  # fte 2 > 1
    assert problem.message == (
        'atteso un valore maggiore di 0 e al massimo 100% (1), trovato «2»: una quota si scrive in percentuale, «2%» (o 0,02)'
    )
    (tmp_path / "people.csv").write_text('codice,ruolo,unità,quota_tempo\np1,Dipendente,u1,"0,5"\n', encoding="utf-8")
    ente = load_ente(tmp_path, "x", 2025)
    assert ente.units["u1"].kind == "ente" and ente.people["p1"].role == "dipendente"
    assert str(ente.people["p1"].fte) == "0.5"


def test_the_template_with_its_toml_files_validates(tmp_path):
    """The template's ente.toml and cycle.toml, with a minimal ente filled in: validate finds no error
    (the commented keys fail no check; the old «savings = "0.00"» did)."""
    assert main(["template", "comunita_montane", str(tmp_path / "ufficio")]) == 0
    book = tmp_path / "ufficio" / "mio-ente" / "ente.xlsx"
    wb = openpyxl.load_workbook(book)
    wb["unità"].append(["ente", "Comunità", "ente"])
    wb["persone"].append(["seg", "Segretario", "Segretario Generale", "DIR", "ente"])
    wb.save(book)
    assert main(["validate", str(tmp_path / "ufficio" / "cycle.toml")]) == 0


@pytest.mark.parametrize(
    "plugin, acts",
    [
        ("comunita_montane", ("monitoraggio_intermedio", "premi_erogati", "bonus_erogato", "risparmi_validati_oiv")),
        ("brescia", ("monitoraggio_giunta", "premi_erogati", "relazione_redatta")),
        ("bergamo", ("monitoraggio_assestamento", "premi_erogati")),
    ],
)
def test_ente_toml_lists_every_act_and_each_key_is_known(tmp_path, capsys, plugin, acts):
    """Every [atti] key of the calendar is listed with its act, by its Italian name; uncommented, none is
    unknown."""
    assert main(["template", plugin, str(tmp_path / "ufficio")]) == 0
    capsys.readouterr()
    ente = tmp_path / "ufficio" / "mio-ente"
    toml = (ente / "ente.toml").read_text(encoding="utf-8")
    for act in acts:
        assert re.search(rf"^# {act} = \d{{4}}-\d\d-\d\d   # ", toml, re.M), act
    year = dt.date.today().year  # the template's cycle: this year; the premi are paid by 31/12 of the next
    assert f"# premi_erogati = {year + 1}-12-31   # Erogazione dei premi di performance" in toml
    assert f"— scadenza {year + 1}-12-31" in toml
    assert "budget_approved" not in toml and "# bilancio_approvato = " in toml  # no English key
    lines = toml.split("[atti]")[1].split("# [valutatori]")[0].splitlines()
    keys = [ln[2:] for ln in lines if re.match(r"# [a-z_]+ = ", ln)]
    filled = toml.split("[atti]")[0] + "[atti]\n" + "\n".join(keys) + "\n"
    (ente / "ente.toml").write_text(filled, encoding="utf-8")
    wb = openpyxl.load_workbook(ente / "ente.xlsx")
    wb["unità"].append(["ente", "Ente", "ente"])
    wb["persone"].append(["seg", "Segretario", "Segretario Generale", "DIR", "ente"])
    wb.save(ente / "ente.xlsx")
    main(["validate", str(tmp_path / "ufficio" / "cycle.toml")])
    out = capsys.readouterr().out
    assert (
        "core.input" not in out and "sconosciut" not in out
    )  # every key known, every value readable (dates, 0.97, texts)


def test_shares_in_the_template_are_written_as_percentages(tmp_path):
    book = tmp_path / "m.xlsx"
    assert main(["template", "comunita_montane", str(book)]) == 0
    persone = openpyxl.load_workbook(book)["persone"]
    heads = [c.value for c in persone[1]]
    note = persone.cell(1, heads.index("quota_tempo") + 1).comment.text
    # five days of six, 30 hours of 36: 30 / 36 = 83,33%, as the office reads a share (never «0,83»)
    assert "Esempio: 83,33%" in note and "0,83" not in note
    toml = (tmp_path / "ente.toml").read_text(encoding="utf-8")
    # the OIV's attestation as the percentage it is, which ente.toml accepts as written («0.97 = 97%» no more)
    line = next(ln for ln in toml.splitlines() if "attestazione_oiv" in ln)
    assert line.startswith('# attestazione_oiv = "97%"   # ') and "0.97" not in line


def test_ente_tomls_amounts_are_said_as_they_are_read(tmp_path):
    """The comment of [fondi] said «tra virgolette e con il punto decimale» while docs/regolamento.md §1 writes
    amounts the Italian way: both forms are read, and the comment says so."""
    from decimal import Decimal

    from ciclope.core.inputs.loading import load_ente
    from ciclope.core.testing import write_ente

    from helpers import ENTE, files

    for written in ('"1.000,00"', '"1000.00"'):  # the two forms the comment names: one thousand euro both
        folder = write_ente(tmp_path / written.strip('"'), files(**{"ente.toml": ENTE.replace('"1000.00"', written)}))
        assert load_ente(folder, "x", 2021).funds["performance_individuale"] == Decimal("1000.00")
    assert main(["template", "regolamento", str(tmp_path / "u")]) == 0
    toml = (tmp_path / "u" / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    funds = toml.split("[fondi]")[1].split("\n[")[0]
    assert "tra virgolette e con il punto decimale" not in funds
    assert (
        '# Le risorse del regolamento, in euro e tra virgolette, all\'italiana o con il punto decimale: "12.000,00" '
        'o "12000.00".'
    ) in funds


def test_template_on_a_folder_whose_cycle_names_its_data_writes_there(tmp_path, capsys):
    """An office that renamed its data folder in cycle.toml (dati = "montevasto") and ran the template again got a
    new «mio-ente» folder its cycle.toml never reads: the template writes into the folder the cycle names."""
    office = tmp_path / "ufficio"
    assert main(["template", "regolamento", str(office)]) == 0
    cycle = office / "cycle.toml"
    cycle.write_text(cycle.read_text(encoding="utf-8").replace('"mio-ente"', '"montevasto"'), encoding="utf-8")
    (office / "mio-ente").rename(office / "montevasto")
    (office / "montevasto" / "ente.xlsx").unlink()  # the office starts its workbook again
    assert main(["template", "regolamento", str(office)]) == 0
    assert (office / "montevasto" / "ente.xlsx").is_file()
    assert not (office / "mio-ente").exists()


@pytest.mark.parametrize("plugin", ["brescia", "bergamo", "comunita_montane", "regolamento"])
def test_no_note_or_list_of_the_template_shows_an_english_code(tmp_path, plugin):
    """The office's vocabulary is Italian only: no header's note, drop-down list or its error message shows a
    column's code of the data model («term_end», «declared_status», «interim_share») where it writes «fine_incarico»,
    «stato», «interim_misura». A code is English when it differs from the header the template writes for it."""
    from ciclope.core.inputs.columns import CANONICAL
    from ciclope.core.inputs.headers import header_label

    book = tmp_path / "m.xlsx"
    assert main(["template", plugin, str(book)]) == 0
    schema = merge_schemas(Hooks.for_plugin(plugin)[0].answers(hookspecs.ciclope_input_schema, params=None))
    tables = {name: dict(cols) for name, cols in CANONICAL.items()}
    for fname, cols in [*schema.columns.items(), *schema.files.items()]:
        tables.setdefault(fname.removesuffix(".csv"), {}).update(cols)
    codes = {c for name, cols in tables.items() for c in cols if header_label(name, c, schema) != c}
    pattern = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, codes), key=len, reverse=True)) + r")(?![\w])")
    found = []
    for ws in openpyxl.load_workbook(book).worksheets:
        texts = [(c.coordinate, c.comment.text) for row in ws.iter_rows() for c in row if c.comment is not None]
        texts += [("menu", f"{dv.formula1} {dv.error}") for dv in ws.data_validations.dataValidation]
        found += [(ws.title, where, m) for where, text in texts for m in pattern.findall(text)]
    assert found == []


def test_template_refuses_a_model_of_a_regulation_with_errors(tmp_path, capsys):
    """U's office ran ``template`` on a folder whose regolamento.toml lacked a «fonte»: it printed «Scritti: …» and
    wrote a model without the columns the file declares (its [[colonne]]), which a second template then kept as the
    office's. The template says the file's errors as validate does (file, line, key) and writes no model."""
    office = tmp_path / "ufficio"
    assert main(["template", "regolamento", str(office)]) == 0
    rules = office / "regolamento.toml"
    lines = rules.read_text(encoding="utf-8").splitlines()
    at = lines.index('fonte = "art. 5"')  # the «fonte» of [punteggio], the first table after [atto]
    del lines[at]
    column = '[[colonne]]\nnome = "in_ruolo_dal"\ntipo = "data"\nsignificato = "la data di ingresso nei ruoli"\n'
    rules.write_text("\n".join(lines) + "\n\n" + column + 'fonte = "art. 5 c. 2"\n', encoding="utf-8")
    (office / "mio-ente" / "ente.xlsx").unlink()  # the office starts its model again from its own file
    capsys.readouterr()
    assert main(["template", "regolamento", str(office)]) != 0
    out, err = capsys.readouterr()
    assert "Scritti" not in out and not (office / "mio-ente" / "ente.xlsx").exists()
    # the table lacking the key is said at its header: [punteggio] is the line before its «fonte», whose 0-based index
    # ``at`` is so the 1-based number of the header (21 in the starter: header on line 21, «fonte» on line 22)
    assert at == 21 and f"regolamento.toml, riga {at}, [punteggio] fonte: errore: manca la fonte" in err
    assert "il modello ente.xlsx non è scritto" in err and "1 errore, 0 avvisi" in err
