"""An accepted stage of conciliation the cycle cannot apply is told so that the office mends it alone, in one round
(rules/core.md §5): the person by name and code, the columns by the words the office writes, the voci of the
person's scheda with the nearest one suggested, the new points checked against that voce's maximum in the same run,
and a source that binds every ente (never another ente's regulation).

The ente is `files()` of helpers.py: Emma (E1) has the voci «Obiettivi» (at most 60 points, she has 54) and
«Collaborazione» (at most 40, she has 30).
"""

from __future__ import annotations

from ciclope.core.run.citing import cited
from ciclope.core.testing import compute_ente, results_doc, write_ente

from helpers import coreonly, files

HEAD = "persona,fase,data,esito,voce_rivista,nuovi_punti\n"


def errors(tmp_path, appeals: str) -> list[dict]:
    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": appeals}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    return [v for v in doc["violations"] if v["severity"] == "error"]


def test_a_voce_written_short_is_told_with_the_voci_and_the_nearest(tmp_path):
    found = errors(tmp_path, HEAD + "E1,riesame,2022-02-01,accolto,Collaborazion,45\n")
    item = next(v for v in found if v["rule"] == "core.appeal.item")
    assert item["where"] == "appeals.csv:2:voce_rivista"
    assert item["message"] == (
        "riesame accolto di Emma (E1): la voce «Collaborazion» non è nella sua scheda (forse «Collaborazione»?); "
        "le voci della scheda sono «Obiettivi» e «Collaborazione»: scrivi in voce_rivista la voce come è scritta "
        "nella scheda"
    )
    for word in ("new_points", "new_points_item"):
        assert word not in item["message"]


def test_the_points_are_checked_against_the_nearest_voce_in_the_same_run(tmp_path):
    # the nearest voce is «Collaborazione», at most 40 points: 45 > 40 is said now, not after the voce is mended
    found = errors(tmp_path, HEAD + "E1,riesame,2022-02-01,accolto,Collaborazion,45\n")
    assert [v["rule"] for v in found] == ["core.appeal.item", "core.card.points"]
    points = found[1]
    assert points["where"] == "appeals.csv:2:nuovi_punti"
    assert points["message"] == (
        "nuovi punti 45 oltre il massimo 40 della voce «Collaborazione» nella scheda di Emma (E1): scrivi in "
        "nuovi_punti un numero da 0 a 40"
    )


def test_points_within_the_nearest_voce_are_no_second_problem(tmp_path):
    # 38 ≤ 40: only the voce is wrong
    found = errors(tmp_path, HEAD + "E1,riesame,2022-02-01,accolto,Collaborazion,38\n")
    assert [v["rule"] for v in found] == ["core.appeal.item"]


def test_a_valid_voce_without_points_names_the_points_column_and_the_range(tmp_path):
    found = errors(tmp_path, HEAD + "E1,riesame,2022-02-01,accolto,Obiettivi,\n")
    assert [(v["rule"], v["where"]) for v in found] == [("core.appeal.item", "appeals.csv:2:nuovi_punti")]
    assert found[0]["message"] == (
        "riesame accolto di Emma (E1) senza nuovi punti: scrivi in nuovi_punti i nuovi punti della voce "
        "«Obiettivi» (da 0 a 60)"
    )


def test_an_empty_voce_lists_the_voci_of_the_scheda(tmp_path):
    found = errors(tmp_path, HEAD + "E1,contraddittorio,2022-02-01,accolto,,\n")
    assert [(v["rule"], v["where"]) for v in found] == [("core.appeal.item", "appeals.csv:2:voce_rivista")]
    assert found[0]["message"] == (
        "contraddittorio accolto di Emma (E1) senza la voce rivista: scrivi in voce_rivista una delle voci della "
        "sua scheda («Obiettivi» e «Collaborazione») e in nuovi_punti i nuovi punti"
    )


def test_a_file_written_with_the_old_codes_is_told_the_italian_words(tmp_path):
    # the English headers stay accepted as synonyms; the sentence still says the words of the template
    appeals = "person,stage,date,outcome,new_points_item,new_points\nE1,riesame,2022-02-01,accolto,Obiettivi,\n"
    (item,) = errors(tmp_path, appeals)
    assert "scrivi in nuovi_punti" in item["message"] and "new_points" not in item["message"]


def test_a_ricorso_without_riesame_names_the_person_and_says_how_to_record_the_riesame(tmp_path):
    # still an error (the ricorso follows the riesame), now with what to write first: the riesame's row and columns
    (order,) = errors(tmp_path, HEAD + "E2,ricorso,2022-02-20,accolto,Obiettivi,9\n")
    assert (order["rule"], order["where"]) == ("core.appeal.order", "appeals.csv:2:fase")
    assert order["message"] == (
        "ricorso del 20/02/2022 di Ezio (E2) senza un riesame precedente: il ricorso segue il riesame del valutatore; "
        "registra prima il riesame in appeals.csv, una riga con persona E2, fase «riesame», data (prima di quella del "
        "ricorso) ed esito («accolto» o «respinto»; se accolto, anche voce_rivista e nuovi_punti)"
    )


def test_a_riesame_dated_after_the_ricorso_is_named_with_its_row(tmp_path):
    # the riesame of row 3 (1 March) comes after the ricorso of row 2 (20 February): its date is what to correct
    found = errors(tmp_path, HEAD + "E2,ricorso,2022-02-20,respinto,,\nE2,riesame,2022-03-01,respinto,,\n")
    (order,) = [v for v in found if v["rule"] == "core.appeal.order"]
    assert order["where"] == "appeals.csv:2:fase"
    assert order["message"] == (
        "ricorso del 20/02/2022 di Ezio (E2) senza un riesame precedente: il suo riesame (riga 3, 01/03/2022) non "
        "viene prima del ricorso; correggi in data la data del riesame o del ricorso (il ricorso segue il riesame)"
    )


def test_the_source_binds_every_ente_and_cites_no_other_entes_regulation(tmp_path):
    """The review and conciliation are ciclope's common rule, and the procedure every SMVP must contain (D.Lgs.
    150/2009 art. 7 c. 3): an agency is never sent to the SMVP of the CCIAA di Brescia or to the regulation of the
    CCIAA di Bergamo, even where the terminal knows every plugin's documents."""
    found = errors(
        tmp_path, HEAD + "E1,riesame,2022-02-01,accolto,Collaborazion,45\nE2,ricorso,2022-02-20,respinto,,\n"
    )
    for rule in ("core.appeal.item", "core.appeal.order"):
        (problem,) = [v for v in found if v["rule"] == rule]
        assert problem["source"] == "rules/core.md §5; D.Lgs. 150/2009 art. 7 c. 3"
        said = cited(problem["source"])
        assert said == "regole comuni, riesame e conciliazione delle valutazioni; D.Lgs. 150/2009 art. 7 c. 3"
        assert "Brescia" not in said and "Bergamo" not in said


def test_the_relazione_cites_the_same_common_source(tmp_path):
    """The Relazione's note under the table of the conciliation says the rule's source as its problems do."""
    from ciclope.core.reports.model import Text
    from ciclope.core.reports.relazione.names import Names
    from ciclope.core.reports.relazione.people import conciliation

    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": HEAD + "E1,riesame,2022-02-01,respinto,,\n"}))
    result = compute_ente(folder, coreonly, 2021)
    blocks = conciliation(result, Names(result))
    (note,) = [b.text for b in blocks if isinstance(b, Text)]
    assert note.endswith("(regole comuni, riesame e conciliazione delle valutazioni; D.Lgs. 150/2009 art. 7 c. 3).")


def conciliation_note(tmp_path, appeals: str) -> str:
    from ciclope.core.reports.model import Text
    from ciclope.core.reports.relazione.names import Names
    from ciclope.core.reports.relazione.people import conciliation

    result = compute_ente(write_ente(tmp_path / "e", files(**{"appeals.csv": HEAD + appeals})), coreonly, 2021)
    (note,) = [b.text for b in conciliation(result, Names(result)) if isinstance(b, Text)]
    return note


def test_the_relazione_never_calls_a_row_in_error_harmless(tmp_path):
    """A ricorso without a riesame is an error of the run: the note under the table says such rows are errors to
    correct, never that the row «non cambia nulla»."""
    note = conciliation_note(tmp_path, "E2,ricorso,2022-02-20,accolto,Obiettivi,9\n")
    assert "non cambia nulla" not in note
    assert "sono errori da correggere, elencati tra le violazioni" in note


def test_without_errors_the_note_says_nothing_of_rows_not_applied(tmp_path):
    note = conciliation_note(tmp_path, "E1,riesame,2022-02-01,respinto,,\n")
    assert "non cambia nulla" not in note and "errori" not in note
    assert note.startswith("Le fasi si considerano in ordine di data; l'ultima fase accolta sostituisce i punti")
