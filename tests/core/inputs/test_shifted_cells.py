"""A CSV row one cell wider than the others: a cell holding the separator without quotes (``2,495`` in a file
separated by commas) moves the cells after it one column to the right; read as it is, the score 2,495 became 2
points with weight 495 and the premium changed without a word."""

from ciclope.core.inputs.tables import read_csv
from ciclope.core.values import parse_number


def _read(tmp_path, text):
    path = tmp_path / "valutazioni.csv"
    path.write_text(text, encoding="utf-8")
    problems = []
    sheet = read_csv(path, "evaluations", problems)
    return sheet, problems


def test_a_decimal_comma_without_quotes_is_an_error_on_its_row(tmp_path):
    sheet, problems = _read(tmp_path, 'persona,punti,peso\nP1,3.8,\nP2,"2,495",\nP3,2,495,\n')
    # P3's row: "P3", "2", "495", "" is 4 cells for a header of 3, the extra one empty
    assert [(p.severity, p.row, p.rule) for p in problems] == [("error", 4, "core.input.columns")]
    assert "la riga ha 4 celle, l'intestazione e le altre righe 3" in problems[0].message
    assert 'tra virgolette (per esempio "2,495")' in problems[0].message
    assert sheet.columns["punti"][1] == "2,495"  # quoted, the cell is whole


def test_a_semicolon_file_names_its_own_separator(tmp_path):
    _, problems = _read(tmp_path, "persona;punti;peso\nP1;3,8;\nP2;2;495;\n")
    errors = [p for p in problems if p.severity == "error"]  # besides the warning that says «;» was read
    assert [p.row for p in errors] == [3]
    assert "il separatore «;»" in errors[0].message


def test_rows_all_one_empty_cell_wider_than_the_header_are_read(tmp_path):
    """Every row ends with a separator: the file's way of writing, nothing moved."""
    sheet, problems = _read(tmp_path, "persona,punti\nP1,3,\nP2,4,\n")
    assert problems == []
    assert sheet.columns["punti"] == ["3", "4"]


def test_the_ambiguous_number_suggests_the_decimal_between_quotes():
    try:
        parse_number("2.495")
    except ValueError as exc:
        message = str(exc)
    assert 'Scrivi 2495 oppure "2,495" (tra virgolette' in message


def test_a_decimal_comma_that_splits_a_row_one_cell_wider_says_how_to_write_the_number(tmp_path):
    """«72,5» unquoted in a file separated by commas: one cell more than the header, its extra cell written. The
    pairs of digits that would make the row as wide as the header are named, and the three ways to write it."""
    _, problems = _read(tmp_path, "persona,voce,punti\nP1,Valutazione,98\nP3,Valutazione,72,5\n")
    assert [(p.row, p.message) for p in problems] == [
        (
            3,
            "la riga ha 4 celle ma l'intestazione 3 colonne: forse un numero con la virgola decimale («72,5» nella "
            "colonna «punti»), che la virgola divide in due celle in un file separato da virgole. Scrivi il numero con "
            'il punto (72.5), oppure tra virgolette ("72,5"), oppure salva il file con il separatore «;» (in Excel: '
            "«CSV (delimitato dal separatore di elenco)»)",
        )
    ]


def test_two_numbers_side_by_side_name_both_readings(tmp_path):
    _, problems = _read(tmp_path, "persona,punti_massimi,punti\nP1,100,98\nP3,100,72,5\n")
    assert [p.message for p in problems] == [
        "la riga ha 4 celle ma l'intestazione 3 colonne: forse un numero con la virgola decimale («100,72» nella "
        "colonna «punti_massimi» o «72,5» nella colonna «punti»), che la virgola divide in due celle in un file "
        'separato da virgole. Scrivi il numero con il punto (72.5), oppure tra virgolette ("72,5"), oppure salva il '
        "file con il separatore «;» (in Excel: «CSV (delimitato dal separatore di elenco)»)"
    ]


def test_a_note_after_the_last_column_is_still_said_as_a_note(tmp_path):
    """No two cells of digits side by side, or a file separated by «;»: the cell too many is a note."""
    for text in ("persona,punti\nP1,98\nP2,72,vedi verbale\n", "persona;punti\nP1;98\nP2;72;5\n"):
        _, problems = _read(tmp_path, text)
        assert [p.message for p in problems if p.severity == "error"] == [
            "la riga ha 3 celle ma l'intestazione 2 colonne: una nota scritta dopo l'ultima colonna va tolta o messa "
            "in una colonna con intestazione x_note"
        ]


def test_a_file_separated_by_semicolons_reads_the_decimal_comma_the_message_proposes(tmp_path):
    sheet, problems = _read(tmp_path, "persona;punti\nP3;72,5\n")
    assert [p.severity for p in problems] == ["warning"]  # «letto con separatore «;»…»
    assert parse_number(sheet.columns["punti"][0]) == parse_number("72.5") == parse_number("72,5")


def test_an_amount_with_thousands_points_split_by_its_comma_says_how_to_write_it(tmp_path):
    """«9.000,00» unquoted in persone.csv: «9.000» and «00» are two cells; the number is named with its column, and
    written with the point it is 9000.00 (its thousands points left out), never «9.000.00»."""
    path = tmp_path / "persone.csv"
    path.write_text(
        "codice,nome,retribuzione_posizione\nP01,Anna,\nP02,Marco,9.000,00\n",
        encoding="utf-8",
    )
    problems = []
    read_csv(path, "people", problems)
    assert [(p.file, p.row, p.message) for p in problems] == [
        (
            "persone.csv",
            3,
            "la riga ha 4 celle ma l'intestazione 3 colonne: forse un numero con la virgola decimale («9.000,00» nella "
            "colonna «retribuzione_posizione»), che la virgola divide in due celle in un file separato da virgole. "
            'Scrivi il numero con il punto (9000.00), oppure tra virgolette ("9.000,00"), oppure salva il file con il '
            "separatore «;» (in Excel: «CSV (delimitato dal separatore di elenco)»)",
        )
    ]


def test_a_shifted_row_is_one_error_its_cells_unread(tmp_path):
    """«0,5» unquoted where the next cell is empty: the row is one cell wider with its extra cell empty. Its cells are
    in the wrong columns (the time worked «0», the days «5», the evaluator's code under «assunzione»): read, each
    would be a second error of the same comma. The row is left out, and so is its id, as a row refused."""
    path = tmp_path / "persone.csv"
    path.write_text(
        "codice,nome,quota_tempo,valutatore,assunzione\nP01,Anna,100%,DG,\nP02,Bruno,0,5,DG,\nP03,Carla,1,DG,\n",
        encoding="utf-8",
    )
    problems = []
    sheet = read_csv(path, "people", problems)
    assert [(p.row, p.rule) for p in problems] == [(3, "core.input.columns")]
    assert sheet.numbers == (2, 4)  # P01 on row 2, P03 on row 4: P02's row 3 is not read
    assert sheet.columns["codice"] == ["P01", "P03"] and sheet.columns["assunzione"] == ["", ""]
    assert sheet.refused == ("P02",)
