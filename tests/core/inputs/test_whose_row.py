"""A problem about a person's row names the person, as the office knows them: by name, with the code after it
(«della scheda di Emma (E1)», «; riga di Ezio (E2)»), not by the code alone."""

import pytest

from ciclope.core.inputs.loading import load_ente
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import write_ente

from helpers import files, one_unit_comune, run_declared


def messages(tmp_path, **over) -> list[tuple[str, int | None, str, str]]:
    folder = write_ente(tmp_path / "e", files(**over))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    return [(p.file, p.row, p.column, p.message) for p in exc.value.problems]


def test_points_out_of_range_name_whose_card(tmp_path):
    evaluations = files()["evaluations.csv"].replace(
        "E1,D1,risultati,Obiettivi,60,54,", "E1,D1,risultati,Obiettivi,60,105,"
    )
    assert messages(tmp_path, **{"evaluations.csv": evaluations}) == [
        (
            "evaluations.csv",
            2,
            "points",
            "punti 105 fuori dall'intervallo ammesso: da 0 a 60 (voce «Obiettivi» della scheda di Emma (E1))",
        )
    ]


def test_a_bad_cell_of_a_person_row_names_the_person(tmp_path):
    people = files()["people.csv"].replace("E2,Ezio,dipendente,B,u1,1,", "E2,Ezio,dipendente,B,u1,due,")
    [(file, row, column, message)] = messages(tmp_path, **{"people.csv": people})
    assert (file, row, column) == ("people.csv", 5, "fte")
    assert message.endswith("; riga di Ezio (E2)")


def test_a_bad_cell_of_a_card_row_names_the_person(tmp_path):
    evaluations = files()["evaluations.csv"].replace(
        "E2,D1,risultati,Obiettivi,10,5,2", "E2,D1,risultati,Obiettivi,10,cinque,2"
    )
    [(file, row, column, message)] = messages(tmp_path, **{"evaluations.csv": evaluations})
    assert (file, row, column) == ("evaluations.csv", 4, "points")
    assert message.endswith("; riga di Ezio (E2)")


def test_a_date_that_does_not_exist_names_the_person(ciclope_ente, tmp_path):
    regulation = (
        'formato = 2\n[atto]\ntitolo = "SMVP"\ntipo_ente = "comune"\n[livelli]\nfonte = "art. 7"\n'
        'scala = [{ nome = "premiato", da = 60 }]\n'
    )
    data = one_unit_comune("Comune", ["P1,Paola Traverso,dipendente,C,com,1,0,false,SEG"], [], "")
    header, seg, p1 = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join([header + ",assunzione", seg + ",", p1 + ",31/02/2024"]) + "\n"
    with pytest.raises(CiclopeError) as exc:
        run_declared(ciclope_ente, tmp_path, regulation, data)
    [problem] = [p for p in exc.value.problems if p.column == "assunzione"]
    assert problem.message == ("data inesistente «31/02/2024»: febbraio 2024 ha 29 giorni; riga di Paola Traverso (P1)")
