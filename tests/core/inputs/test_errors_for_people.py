"""Library messages in Italian with a hint (issue 42): TOML dates, a file that is not a workbook, an
``ente.xls``, a sheet named as the office named it, a mistyped ente id in `history`."""

import re
import shutil

import openpyxl
import pytest

from ciclope.core.commands.cli import main
from ciclope.core.tomlerrors import translate

from helpers import as_xlsx


def test_an_italian_date_in_ente_toml_says_how_toml_writes_dates(example, capsys):
    folder = example("brescia")
    toml = next(folder.glob("*/ente.toml"))
    text = toml.read_text(encoding="utf-8").replace("budget_approved = 2020-12-15", "budget_approved = 15/12/2020")
    assert "15/12/2020" in text
    toml.write_text(text, encoding="utf-8")
    assert main(["validate", str(folder / "cycle.toml")]) == 1
    out = capsys.readouterr().out
    assert "TOML non valido alla riga" in out and "dopo un valore la riga deve finire" in out
    assert "in TOML le date si scrivono AAAA-MM-GG senza virgolette: budget_approved = 2020-12-15" in out
    assert "Expected newline" not in out


def test_toml_messages_are_translated_with_a_hint():
    said = translate(
        "Expected newline or end of document after a statement (at line 2, column 9)", 'a = 1\nfondo = 12,50\n'
    )
    assert said.startswith("TOML non valido alla riga 2, colonna 9 («fondo = 12,50»)")
    assert "i decimali si scrivono con il punto" in said
    said = translate("Invalid value (at line 1, column 18)", "oiv_motivation = lievi scostamenti")
    assert said.endswith('valore non valido; un testo va tra virgolette: oiv_motivation = "lievi scostamenti"')
    said = translate(
        "Expected newline or end of document after a statement (at line 2, column 17)", 'a = 1\nquota_ricavi = 2%\n'
    )
    assert said.endswith('una percentuale si scrive tra virgolette: quota_ricavi = "2%"')  # the sign inside the quotes
    said = translate("Invalid value (at line 1, column 10)", "titolo = Comune di Prova  # il nome")
    assert said.endswith('un testo va tra virgolette: titolo = "Comune di Prova"')  # the office's own line, quoted
    said = translate(  # thousands written with dots, as an Italian text writes them: 1.000,00 is 1000.00
        "Expected newline or end of document after a statement (at line 1, column 16)", "massimo = 1.000,00"
    )
    assert said.endswith("o l'importo tra virgolette: massimo = 1000.00 (o \"1000.00\")")
    assert translate("Unterminated string (at end of document)", 'a = "x') == (
        "TOML non valido: testo tra virgolette non chiuso (alla fine del file)"
    )


@pytest.mark.parametrize(
    "text, said",
    [
        # a line break inside quotes: the text was not closed on its line (tomllib: «Illegal character '\\n'»)
        ('titolo = "Comune\n', 'testo tra virgolette non chiuso: manca la " alla fine della riga'),
        ("a b = 1\n", "dopo il nome della chiave ci vuole ="),
        ("a = {b = 1\n", "tabella tra graffe non chiusa: manca la }"),
        ("[[premi]\n", "mancano le ]] che chiudono il nome della tabella"),
        ("a = {x = 1, x = 2}\n", "chiave ripetuta nella tabella tra graffe"),
        # an accent in a bare key: what the parser expected there is no help, the key without it is
        (
            'a_parità = ["=eta"]\n',
            'lettera accentata nel nome di una chiave; il nome di una chiave si scrive senza accenti: a_parita = … '
            '(o tra virgolette: "a_parità" = …)',
        ),
    ],
)
def test_every_message_of_the_toml_parser_is_said_in_italian(text, said):
    import tomllib

    with pytest.raises(tomllib.TOMLDecodeError) as exc:
        tomllib.loads(text)
    got = translate(str(exc.value), text)
    assert got.startswith("TOML non valido alla riga 1, colonna ") and got.endswith(f"): {said}"), got


@pytest.mark.parametrize("table", ["fondi", "atti", "dati"])
def test_an_accented_key_of_a_table_of_codes_is_said_only_without_accents(table):
    # a fund of ente.toml is read by the regulation's key, «produttivita»: quoted with its accents it would be another
    # fund, so the hint does not offer it
    import tomllib

    text = f'nome = "Ente"\n\n[{table}]\nproduttività = "60.000,00"\n'
    with pytest.raises(tomllib.TOMLDecodeError) as exc:
        tomllib.loads(text)
    assert translate(str(exc.value), text).endswith(
        "lettera accentata nel nome di una chiave; il nome di una chiave si scrive senza accenti: produttivita = …"
    )


def test_a_message_of_the_toml_parser_nobody_translated_is_still_italian():
    assert translate("Some future message (at line 1, column 2)", "a = ?") == (
        "TOML non valido alla riga 1, colonna 2 («a = ?»): sintassi non valida"
    )


def test_a_file_named_ente_xlsx_that_is_not_a_workbook(example, capsys):
    folder = example("brescia")
    data = next(p.parent for p in folder.glob("*/ente.toml"))
    (data / "ente.xlsx").write_text("id,name\n", encoding="utf-8")  # a CSV renamed
    main(["validate", str(folder / "cycle.toml")])
    out = capsys.readouterr().out
    assert "ente.xlsx: errore: non è una cartella di lavoro Excel .xlsx" in out
    assert "salvalo come «Cartella di lavoro di Excel (.xlsx)»" in out and "zip" not in out


def test_an_ente_xls_is_never_silently_ignored(example, capsys):
    folder = example("brescia")
    data = next(p.parent for p in folder.glob("*/ente.toml"))
    (data / "ente.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert main(["validate", str(folder / "cycle.toml")]) == 1
    out = capsys.readouterr().out
    assert "ente.xls: errore: ente.xls è nel formato Excel 97-2003" in out and "salvalo come .xlsx" in out


def test_a_sheet_s_csv_beside_ente_xlsx_is_never_silently_ignored(example, tmp_path, capsys):
    folder = example("brescia")
    data = next(p.parent for p in folder.glob("*/ente.toml"))
    xlsx = as_xlsx(data, tmp_path / "x")
    for path in data.iterdir():
        path.unlink() if path.is_file() else shutil.rmtree(path)
    shutil.copytree(xlsx, data, dirs_exist_ok=True)
    (data / "fondo.csv").write_text("voce,importo\nunico_importo_2017,1000.00\n", encoding="utf-8")
    (data / "x_appunti.csv").write_text("a\n1\n", encoding="utf-8")  # the office's own file: not a sheet
    main(["validate", str(folder / "cycle.toml")])
    out = capsys.readouterr().out
    # a warning at the file, naming the workbook's sheet its rows go in; the office's own file is not named
    assert (
        "fondo.csv: avviso: fondo.csv non è letto: i dati dell'ente si leggono da ente.xlsx, accanto, e queste righe "
        "vanno nel suo foglio «fondo»: copiale lì, se non ci sono già, e togli fondo.csv"
    ) in out
    assert "x_appunti" not in out


def test_a_problem_in_a_sheet_names_the_sheet_not_its_number(example, tmp_path, capsys):
    folder = example("brescia")
    data = next(p.parent for p in folder.glob("*/ente.toml"))
    xlsx = as_xlsx(data, tmp_path / "x") / "ente.xlsx"
    wb = openpyxl.load_workbook(xlsx)
    people = wb["people"]
    people.title = "Persone"
    people.merge_cells("B2:C2")
    people["F3"] = "=1/2"  # a formula openpyxl saves with no computed value
    wb.move_sheet("Persone", offset=4)  # the part's number no longer follows the tabs
    wb.save(xlsx)
    for csv in data.glob("*.csv"):
        csv.unlink()
    shutil.copy(xlsx, data / "ente.xlsx")
    main(["validate", str(folder / "cycle.toml")])
    out = capsys.readouterr().out
    # the sheet by its title, never by its number among the tabs (the fifth: «foglio 5»)
    assert "ente.xlsx, foglio Persone, celle B2:C2: errore: " in out and not re.search(r"foglio \d", out)
    assert "ente.xlsx, foglio Persone, cella F3: errore: formula senza valore calcolato in F3" in out
    assert "apri il file in Excel e salvalo (così il valore è calcolato), o scrivi il valore" in out


def test_history_suggests_the_nearest_ente(example, tmp_path, capsys):
    folder = example("brescia")
    store = f"sqlite:///{tmp_path / 'c.db'}"
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--store", store])
    capsys.readouterr()
    assert main(["history", str(folder / "cycle.toml"), "--ente", "bs-esmpio", "--store", store]) == 1
    assert "(forse «bs-esempio»?)" in capsys.readouterr().err


def test_every_configuration_error_comes_in_one_round(tmp_path, capsys):
    """Two enti, five problems: an unknown key, a mistyped plugin, two missing folders, an unknown
    parameter. One `validate` names them all (before, the plugin hid the folder and the key)."""
    (tmp_path / "cycle.toml").write_text(
        '[cycle]\nyear = 2021\n\n[[ente]]\nid = "a"\nplugin = "bresca"\ndata = "manca"\ncolore = "rosso"\n\n'
        '[[ente]]\nid = "b"\nplugin = "brescia"\ndata = "manca2"\n[ente.params]\nparametro_inventato = 1\n',
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path / "cycle.toml")]) == 2
    err = capsys.readouterr().err
    assert "ente[a].colore: errore: chiave sconosciuta «colore»" in err
    assert "ente[a].plugin: errore: plugin sconosciuto «bresca»" in err
    assert "forse intendevi «brescia»?" in err
    assert "ente[a].dati: errore: la cartella «manca» non esiste" in err
    assert "ente[b].dati: errore: la cartella «manca2» non esiste" in err
    assert "ente[b].parametri.parametro_inventato: errore: " in err
    assert "5 errori, 0 avvisi" in err
    # the rules' codes (config.unknown_key, config.plugin_unknown …) are for results.json, never in the line
    assert "config." not in err and "unknown" not in err


def test_diff_and_report_suggest_the_nearest_ente(example, tmp_path, capsys):
    folder = example("brescia")
    store = f"sqlite:///{tmp_path / 'c.db'}"
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--store", store])
    capsys.readouterr()
    args = ["diff", str(folder / "cycle.toml"), "--ente", "bs-esmpio", "--year", "2020", "--year", "2021"]
    assert main([*args, "--store", store]) == 1
    assert "nessun risultato dell'ente bs-esmpio" in (err := capsys.readouterr().err) and "(forse «bs-esempio»?)" in err
    assert main(["report", str(tmp_path / "o" / "bs-esmpio")]) == 2
    err = capsys.readouterr().err
    assert "la cartella dell'ente non esiste (forse " in err and "bs-esempio»?)" in err


def test_the_run_summary_counts_each_entes_warnings(example, tmp_path, capsys):
    """The Brescia example has two warnings (PA's and PB's holders lack term_start/term_end): the
    summary says 2, not just «ok», and the same 2 as validate."""
    folder = example("brescia")
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"])
    out = capsys.readouterr().out
    assert "esito       avvisi perf. ente" in out
    row = next(line for line in out.splitlines() if line.startswith("bs-esempio"))
    assert row.split()[2:4] == ["ok", "2"]
    assert "1 ok, 0 con violazioni, 0 falliti; 2 avvisi (elencati da ciclope validate)" in out
    main(["validate", str(folder / "cycle.toml")])
    assert "0 errori, 2 avvisi" in capsys.readouterr().out


def test_a_wrong_role_lists_the_po_by_both_its_names():
    # From 2023 the contracts of Funzioni Locali call the PO «incarico di Elevata qualificazione»: an office that
    # knows only that name must find it among the roles the message proposes.
    from ciclope.core.inputs.columns import CANONICAL
    from ciclope.core.labels import ROLE_LABELS

    parse = CANONICAL["people"]["role"][0]
    with pytest.raises(ValueError) as refused:
        parse("Funzionario EQ")
    said = str(refused.value)
    assert "Elevata qualificazione" in said and "trovato «Funzionario EQ»" in said
    assert all(label in said for label in ROLE_LABELS.values())
    assert parse("Elevata qualificazione (EQ)") == "po" == parse("Posizione organizzativa")
