"""A role's people named as a group in the words of the ente's contract in the cycle's year: the Relazione's note
under the scheda d and its footer say «le EQ» for a Comune of Funzioni Locali in 2025, where «le posizioni
organizzative» had stayed after the contract renamed them (CCNL 16.11.2022, from 1.4.2023)."""

from __future__ import annotations

from ciclope.core.plugininfo import Classification, said_group
from ciclope.core.reports.fmt import no_dirigenti
from ciclope.plugins.ccnl_funzioni_locali import CLASSIFICATION

WORDS = Classification.of(CLASSIFICATION)


def test_the_po_are_the_eq_after_the_contract_renamed_them():
    # since 2023: the year of the change says both names, the years after the new one
    assert said_group("po", WORDS, 2022) == "le posizioni organizzative"
    assert said_group("po", WORDS, 2023) == "le PO/EQ"
    assert said_group("po", WORDS, 2025) == "le EQ"
    assert said_group("po", None, 2025) == "le posizioni organizzative"  # no contract's words: the core's
    assert said_group("dirigente", WORDS, 2025) == "i dirigenti"


def test_the_scheda_d_note_names_the_eq_of_a_2025_comune():
    assert no_dirigenti(WORDS, 2025) == (
        "L'ente non ha dirigenti: la scheda d riporta anche le EQ, che ne svolgono le funzioni (D.Lgs. 267/2000, art. "
        "109 c. 2)."
    )


def test_an_ente_s_own_name_of_the_group_wins_in_every_year():
    import attrs

    own = attrs.evolve(WORDS, groups={"po": "i responsabili di struttura"})
    assert said_group("po", own, 2025) == said_group("po", own, 2020) == "i responsabili di struttura"


def test_the_scheda_d_note_of_an_ente_whose_only_head_is_the_segretario():
    """No dirigenti and no EQ, the Segretario alone in the scheda d: the note never says it lists EQ it does not."""
    assert no_dirigenti(WORDS, 2025, holders=False) == (
        "L'ente non ha dirigenti né EQ: la scheda d riporta il Segretario."
    )
    assert no_dirigenti(None, 2022, holders=False) == (
        "L'ente non ha dirigenti né posizioni organizzative: la scheda d riporta il Segretario."
    )


def test_the_scheda_d_note_of_an_ente_the_enti_locali_law_does_not_bind():
    """A region's agency of the comparto has the contract's EQ, not the D.Lgs. 267/2000 that gives a Comune's EQ the
    dirigenti's functions: the note lists them without the citation."""
    assert no_dirigenti(WORDS, 2025, local=False) == "L'ente non ha dirigenti: la scheda d riporta le EQ."
