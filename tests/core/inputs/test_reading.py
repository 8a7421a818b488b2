"""The loader's steps: each returns what it read as an immutable record; the log is the one thing they write."""

import hashlib
from pathlib import Path

import attrs
import pytest

from ciclope.core.inputs import entefile
from ciclope.core.inputs.folder import Folder, read_sheets
from ciclope.core.inputs.reading import Asked, Log, Reading
from ciclope.core.inputs.tables import Sheet
from ciclope.core.outcomes import InputSchema
from ciclope.core.testing import write_ente

from helpers import files


def test_the_folder_step_returns_the_sheets_their_fingerprints_and_the_format(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    log = Log()
    found = read_sheets(Asked(folder, "e", 2021), log)
    # helpers.files writes seven CSV files and ente.toml; ente.toml is the next step's
    assert sorted(found.sheets) == [
        "areas",
        "assignments",
        "evaluations",
        "indicators",
        "objectives",
        "people",
        "units",
    ]
    people = (folder / "people.csv").read_bytes()
    assert found.files["people.csv"] == hashlib.sha256(people).hexdigest()
    assert "ente.toml" not in found.files
    assert found.format == "csv"
    assert log.problems == []


def test_ente_toml_returns_its_fingerprint_and_its_rows_of_a_plugin_sheet(tmp_path):
    ente = 'name = "Ente"\n\n[[Progetti]]\nid = "P1"\nimporto = 100\n'
    folder = write_ente(tmp_path / "e", files(**{"ente.toml": ente}))
    schema = InputSchema(files={"projects.csv": {}}, titles={"projects.csv": "Progetti"}, toml_rows=("projects.csv",))
    log = Log()
    declared = entefile.read(Asked(folder, "e", 2021, schema), log, {})
    assert declared.fingerprint == hashlib.sha256((folder / "ente.toml").read_bytes()).hexdigest()
    rows = declared.rows["projects"]
    assert (rows.label, list(rows.header), rows.numbers) == ("ente.toml [[Progetti]]", ["id", "importo"], (1,))
    assert log.problems == []


def test_rows_given_both_in_a_file_and_in_ente_toml_are_refused(tmp_path):
    ente = 'name = "Ente"\n\n[[Progetti]]\nid = "P1"\n'
    folder = write_ente(tmp_path / "e", files(**{"ente.toml": ente}))
    schema = InputSchema(files={"projects.csv": {}}, titles={"projects.csv": "Progetti"}, toml_rows=("projects.csv",))
    log = Log()
    given = Sheet(name="projects", label="progetti.csv", header=("id",), numbers=(2,), columns={"id": ["P1"]})
    already = {"projects": given}  # the folder's progetti.csv, read by the step before
    declared = entefile.read(Asked(folder, "e", 2021, schema), log, already)
    assert declared.rows == {}
    assert [(p.file, p.column, p.rule, p.message) for p in log.problems] == [
        (
            "ente.toml",
            "Progetti",
            "core.input.duplicate_sheet",
            "Progetti è sia in progetti.csv sia in ente.toml: tienine uno solo",
        )
    ]


def test_what_was_asked_and_what_was_read_do_not_change():
    asked = Asked(Path("e"), "e", 2021)
    reading = Reading(asked, {}, Log())
    for record, field in ((asked, "year"), (reading, "sheets"), (Folder(), "format")):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, field, None)


def test_a_reference_to_a_row_already_refused_is_not_reported_again():
    log = Log()
    log.rejected.add("P9")
    log.err("assignments.csv", 4, "person", "core.input.unknown_id", "persona sconosciuta P9", ref="P9")
    log.err("assignments.csv", 5, "person", "core.input.unknown_id", "persona sconosciuta P8", ref="P8")
    assert [(p.row, p.message) for p in log.problems] == [(5, "persona sconosciuta P8")]
