"""A name typed where a code goes (a unit's name in the unit column of people.csv, a person's in the person column
of evaluations.csv): the message says which code goes there, from the table that names it, not that the text is
no valid id, nor only that the id does not exist."""

import pytest

from ciclope.core.inputs.loading import load_ente
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import write_ente

from helpers import files


def messages(tmp_path, **over) -> list[tuple[str, int | None, str, str]]:
    folder = write_ente(tmp_path / "e", files(**over))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    return [(p.file, p.row, p.column, p.message) for p in exc.value.problems]


def test_a_unit_typed_by_its_name_says_its_code(tmp_path):
    # E2's unit written as the name of u1 in units.csv («Ufficio 1»), with its space
    people = files()["people.csv"].replace("E2,Ezio,dipendente,B,u1,", "E2,Ezio,dipendente,B,Ufficio 1,")
    assert messages(tmp_path, **{"people.csv": people}) == [
        (
            "people.csv",
            5,  # header, SG, D1, E1, E2
            "unit",
            "unità «Ufficio 1» inesistente: nella colonna unit va il codice dell'unità, qui «u1» (Ufficio 1)",
        )
    ]


def test_a_unit_typed_by_its_name_without_spaces_says_its_code_too(tmp_path):
    people = files()["people.csv"].replace("E2,Ezio,dipendente,B,u1,", "E2,Ezio,dipendente,B,Ufficio1,")
    assert messages(tmp_path, **{"people.csv": people}) == [
        (
            "people.csv",
            5,
            "unit",
            "unità «Ufficio1» inesistente: nella colonna unit va il codice dell'unità, qui «u1» (Ufficio 1)",
        )
    ]


def test_a_person_typed_by_name_in_a_card_says_the_code(tmp_path):
    # both rows of E1's card name her «Emma», the name of E1 in people.csv
    evaluations = files()["evaluations.csv"].replace("E1,D1,", "Emma,D1,")
    got = [m for m in messages(tmp_path, **{"evaluations.csv": evaluations}) if m[0] == "evaluations.csv"]
    assert got == [
        (
            "evaluations.csv",
            2,
            "person",
            "persona «Emma» inesistente: nella colonna person va il codice della persona, qui «E1» (Emma); compare "
            "in evaluations.csv (colonna person, righe 2 e 3)",
        )
    ]


def test_a_code_near_none_still_says_the_nearest_code(tmp_path):
    people = files()["people.csv"].replace("E2,Ezio,dipendente,B,u1,", "E2,Ezio,dipendente,B,U1,")
    assert messages(tmp_path, **{"people.csv": people}) == [
        ("people.csv", 5, "unit", "unità «U1» inesistente (forse «u1»?)")
    ]


def test_an_evaluator_typed_by_name_says_the_code(tmp_path):
    # E2's evaluator written as D1's name in people.csv, «Dirigente»
    people = files()["people.csv"].replace(
        "E2,Ezio,dipendente,B,u1,1,0,false,D1", "E2,Ezio,dipendente,B,u1,1,0,false,Dirigente"
    )
    assert messages(tmp_path, **{"people.csv": people}) == [
        (
            "people.csv",
            5,
            "evaluator",
            "valutatore «Dirigente» inesistente: nella colonna evaluator va il codice della persona, qui «D1» "
            "(Dirigente)",
        )
    ]
