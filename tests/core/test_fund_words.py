"""A fund named by its ente.toml key alone is read in words, and a word the key writes without its accent (as a
TOML key is typed: «produttivita») is said with it."""

from __future__ import annotations

import pytest

from ciclope.core import fmt


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("produttivita_comparto", "Fondo produttività comparto"),
        ("fondo_qualita_attivita", "Fondo qualità attività"),
        ("Produttivita", "Fondo Produttività"),  # the office's capital kept
        ("fondo_vita_uscita", "Fondo vita uscita"),  # a closed list: words that end so but have no accent are kept
        ("performance_individuale", "Fondo performance individuale"),
    ],
)
def test_a_fund_s_key_in_words_with_its_accents(key, said):
    assert fmt.fund(key) == said


def test_a_label_is_said_as_written():
    assert fmt.fund("produttivita", "Fondo per la produttivita") == "Fondo per la produttivita"
