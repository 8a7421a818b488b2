"""The fund whose set-aside a figure of the maggiorazione names, as every document names it: «fondo produttività»
with its accent where the office's key ``produttivita`` has none, never the key; the pool's own label first."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.money import Pool
from ciclope.plugins.ccnl_funzioni_locali.art69_records import fund_words, taken_from


def test_a_fund_without_a_label_is_said_in_words_with_its_accent():
    pool = Pool("produttivita", Decimal("13533.33"))
    assert fund_words("produttivita", pool) == "fondo produttività"
    assert taken_from("produttivita", {"produttivita": pool}) == "accantonamento dal fondo produttività"


def test_the_pool_s_label_comes_first():
    pool = Pool("performance_individuale", Decimal("100.00"), label="Premi per la performance individuale")
    assert fund_words("performance_individuale", pool) == "Premi per la performance individuale"
