"""A sheet's name within Excel's 31 characters: cut at a word, and never on the article or preposition the cut
leaves at its end («Allegato — Il sistema di» reads as a mistake)."""

from __future__ import annotations

from ciclope.core.reports.xlsx import Sheets


def test_a_long_title_is_cut_at_a_word():
    # «Note e ipotesi del regolamento dichiarato» is 41 characters; its first 31 end inside «dichiarato»
    assert Sheets().sheet_name("Note e ipotesi del regolamento dichiarato") == "Note e ipotesi del regolamento"


def test_a_cut_does_not_end_on_an_article_or_a_preposition():
    sheets = Sheets()
    # the first 31 characters «Allegato — Il sistema di valut»: the word cut gives «… sistema di», «di» goes
    assert sheets.sheet_name("Allegato — Il sistema di valutazione dell'ente") == "Allegato — Il sistema"
    # «Letture adottate dove il regol»: «dove» and «il» both go
    assert sheets.sheet_name("Letture adottate dove il regolamento tace") == "Letture adottate"


def test_a_short_title_is_kept_whole_even_on_a_preposition():
    assert Sheets().sheet_name("Premi per") == "Premi per"
