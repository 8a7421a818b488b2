"""The clauses of a figure's note: «; » between them, and an office's own note that begins a sentence after «. »,
never a capital letter in the middle of one («…per difetto; Coefficiente unico …»)."""

from __future__ import annotations

from ciclope.core import fmt


def test_clauses_are_joined_and_the_empty_ones_left_out():
    assert fmt.clauses("quota pagata = tempo lavorato", "", "importo esatto € 1,005…") == (
        "quota pagata = tempo lavorato; importo esatto € 1,005…"
    )
    assert fmt.clauses("", "") == ""


def test_a_note_that_begins_a_sentence_follows_a_full_stop():
    assert fmt.clauses("quota pagata = tempo lavorato", "Coefficiente unico dai tre elementi") == (
        "quota pagata = tempo lavorato. Coefficiente unico dai tre elementi"
    )
    # an exact amount ends with «…», which ends the sentence already
    assert fmt.clauses("importo esatto € 1,005…", "Coefficiente unico") == "importo esatto € 1,005… Coefficiente unico"
    assert fmt.clauses("Coefficiente unico", "come da delibera") == "Coefficiente unico; come da delibera"
