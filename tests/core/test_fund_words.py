"""A fund named by its ente.toml key alone is read in words, and a word the key writes without its accent (as a
TOML key is typed: «produttivita») is said with it; an acronym of the field the key writes in small letters
(«interim_eq», «frd_performance») in capitals."""

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
        ("interim_eq", "Fondo interim EQ"),  # a writer's key: «Fondo interim eq» lost the acronym
        ("risultato_po_eq", "Fondo risultato PO EQ"),
        ("risultato_ep", "Fondo risultato EP"),  # a university's EP: «Fondo risultato ep» lost it
        ("progressioni_peo_ccdi", "Fondo progressioni PEO CCDI"),
        ("obiettivi_peg_piao_oiv_uo", "Fondo obiettivi PEG PIAO OIV UO"),
        ("fondo_ccnl", "Fondo CCNL"),
        ("Eq_premi", "Fondo EQ premi"),  # in capitals whatever its case
        ("equo_poco", "Fondo equo poco"),  # a word that begins like one is kept
        ("obiettivo_ob1", "Fondo obiettivo OB1"),  # an objective's code, typed small in the key
        ("progetto_uo12_2024", "Fondo progetto UO12 2024"),  # a year is a number, not a code
        ("fase2_progetto", "Fondo fase2 progetto"),  # a word with a number is no code
        ("frd_performance", "Fondo FRD performance"),  # the Fondo risorse decentrate: «Fondo frd performance» lost it
        ("quota_FRD", "Fondo quota FRD"),
        ("ria_cessati", "Fondo RIA cessati"),  # the retribuzione individuale di anzianità of those who left
        ("pnrr_incentivi", "Fondo PNRR incentivi"),
    ],
)
def test_a_fund_s_key_in_words_with_its_accents(key, said):
    assert fmt.fund(key) == said


def test_a_label_is_said_as_written():
    assert fmt.fund("produttivita", "Fondo per la produttivita") == "Fondo per la produttivita"
