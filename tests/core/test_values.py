"""Cell values as SPEC §5 writes them (and as 002… prints them)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.values import (
    parse_bool,
    parse_date,
    parse_distinct,
    parse_id,
    parse_money,
    parse_nonnegative,
    parse_number,
    parse_positive_fraction,
    parse_share,
    week_hours,
)


@pytest.mark.parametrize(
    "text, want",
    [
        ("12", Decimal("12")),
        ("12.5", Decimal("12.5")),
        ("90%", Decimal("0.90")),
        ("36,20%", Decimal("0.3620")),
        ("153,38%", Decimal("1.5338")),
        ("-3", Decimal("-3")),
        (" 7 ", Decimal("7")),
        ("4500", Decimal("4500")),
        (".5", Decimal("0.5")),
    ],
)
def test_numbers(text, want):
    assert parse_number(text) == want


@pytest.mark.parametrize("text", ["", "abc", "1,234.5", "1,2,3", "NaN", "inf", "1e5", "12 %%", "1.2.3", "x" * 50])
def test_bad_numbers_say_what_was_expected(text):
    with pytest.raises(ValueError, match="numero"):
        parse_number(text)


@pytest.mark.parametrize(
    "text, want",
    [
        ("2021-06-30", dt.date(2021, 6, 30)),
        ("30.6.2021", dt.date(2021, 6, 30)),
        ("30/06/2021", dt.date(2021, 6, 30)),
        ("31.12.2021", dt.date(2021, 12, 31)),
    ],
)
def test_dates(text, want):
    assert parse_date(text) == want


@pytest.mark.parametrize("text", ["30.2.2021", "2021-13-01", "32/01/2021", "giugno", "2021/06/30"])
def test_impossible_or_unknown_dates(text):
    with pytest.raises(ValueError, match="data"):
        parse_date(text)


@pytest.mark.parametrize("text, want", [("SI", True), ("sì", True), ("NO", False), ("true", True), ("false", False)])
def test_booleans(text, want):
    assert parse_bool(text) is want


def test_money_has_cents_and_is_not_negative():
    assert parse_money("1234.5") == Decimal("1234.50")
    for bad in ("-1", "1.2345", "10%", "1,234.56"):
        with pytest.raises(ValueError):
            parse_money(bad)


def test_share_bounds():
    assert parse_share("97%") == Decimal("0.97")
    with pytest.raises(ValueError):
        parse_share("1.2")


@pytest.mark.parametrize(
    "parse, text, said",
    [
        (
            parse_positive_fraction,
            "50",
            'atteso un valore maggiore di 0 e al massimo 100% (1), trovato «50»: una quota si scrive in percentuale, «50%» (o '
            "0,5)",  # 50 / 100, with the Italian decimal comma
        ),
        (
            parse_share,
            "12,5",
            'atteso un valore tra 0 e 1 (o tra 0% e 100%), trovato «12,5»: una quota si scrive in percentuale, «12,5%» '
            "(o 0,125)",  # 12,5 / 100
        ),
        # 1,5 could be 150% as well, and 150 is no percentage of a share: no guess
        (parse_positive_fraction, "1,5", "atteso un valore maggiore di 0 e al massimo 100% (1), trovato «1,5»"),
        (parse_share, "150", "atteso un valore tra 0 e 1 (o tra 0% e 100%), trovato «150»"),
        # the hours of a week are a share up to 36 of 36; no example that is no share («12,5»)
        (parse_positive_fraction, "40/36", "atteso un valore maggiore di 0 e al massimo 100% (1), trovato «40/36»"),
        (parse_positive_fraction, "30/0", "attesa una quota (es. 0,5, 50% o 30/36), trovato «30/0»"),
        (parse_positive_fraction, "metà", "attesa una quota (es. 0,5, 50% o 30/36), trovato «metà»"),
    ],
)
def test_a_share_written_as_a_percentage_without_its_sign_says_how_to_write_it(parse, text, said):
    with pytest.raises(ValueError) as refused:
        parse(text)
    assert str(refused.value) == said


@pytest.mark.parametrize(
    "text, said",
    [
        ("31/06/2024", "data inesistente «31/06/2024»: giugno ha 30 giorni"),
        ("2024-04-31", "data inesistente «2024-04-31»: aprile ha 30 giorni"),
        ("29/02/2023", "data inesistente «29/02/2023»: febbraio 2023 ha 28 giorni (il 2023 non è bisestile)"),
        ("30.2.2024", "data inesistente «30.2.2024»: febbraio 2024 ha 29 giorni"),
        (  # month and day the other way round: how a date is written, with the default year's examples (2021)
            "12/13/2024",
            "data inesistente «12/13/2024»: i mesi vanno da 1 a 12; si scrive giorno, mese e anno: 30/06/2021, "
            "30.6.2021 o 2021-06-30",
        ),
        ("00/05/2024", "data inesistente «00/05/2024»: i giorni del mese partono da 1"),
    ],
)
def test_a_date_that_does_not_exist_says_why(text, said):
    with pytest.raises(ValueError) as refused:
        parse_date(text)
    assert str(refused.value) == said


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_number_round_trip(value):
    assert parse_number(str(value)) == value
    assert parse_number(str(value).replace(".", ",")) == value


@pytest.mark.parametrize(
    "text, want",
    [
        ("€ 12.000", "12000.00"),  # issue 19: was read as 12.00
        ("€ 40.000", "40000.00"),  # was 40.00 in position_pay
        ("1.234,56", "1234.56"),
        ("12.000,00", "12000.00"),
        ("1.234.567", "1234567.00"),
        ("12.50", "12.50"),
        ("12,5", "12.50"),
        ("EUR 300", "300.00"),
    ],
)
def test_money_reads_italian_writing(text, want):
    """A dot before exactly three digits is the Italian thousands separator (issue 19 item 7)."""
    assert parse_money(text) == Decimal(want)


@pytest.mark.parametrize("text", ["1.234", "12.000", "1.234.567", "-1.500"])
def test_a_general_number_with_a_thousands_dot_is_ambiguous(text):
    """A target 1.234 was read as 1.234: now refused, saying both possible readings."""
    with pytest.raises(ValueError) as exc:
        parse_number(text)
    assert "ambiguo" in str(exc.value) and text.replace(".", "").lstrip("-") in str(exc.value)


@pytest.mark.parametrize(
    "text, want",
    [("0.125", "0.125"), ("1.5", "1.5"), ("1.234,5", "1234.5"), ("12,5%", "0.125"), ("1234.567", "1234.567")],
)
def test_unambiguous_numbers_still_read(text, want):
    assert parse_number(text) == Decimal(want)


def test_counts_read_the_thousands_dot():
    from ciclope.core.values import parse_nonnegative_int

    assert parse_nonnegative_int("1.234") == 1234


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_italian_money_round_trip(euros, cents):
    """Property (issue 19 item 7): any amount written the Italian way — thousands dots, decimal comma,
    optional € — reads back exactly; the thousands dot is never a decimal point."""
    groups = f"{euros:,}".replace(",", ".")
    for text in (f"{groups},{cents:02d}", f"€ {groups},{cents:02d}", f"{euros}.{cents:02d}"):
        assert parse_money(text) == Decimal(euros) + Decimal(cents) / 100
    if euros >= 1000:
        assert parse_money(f"€ {groups}") == Decimal(euros)


def test_the_labels_the_reports_print_are_accepted_as_input():
    """Round trip (issue 14): schede.xlsx shows «più è meglio», «Posizione organizzativa», «strategico»."""
    from ciclope.core.inputs.loading import CANONICAL

    assert CANONICAL["indicators"]["type"][0]("più è meglio") == "higher"
    assert CANONICAL["indicators"]["type"][0]("Meno è meglio") == "lower"
    assert CANONICAL["people"]["role"][0]("Posizione organizzativa") == "po"
    assert CANONICAL["objectives"]["kind"][0]("strategico") == "strategic"
    assert CANONICAL["units"]["kind"][0]("azienda speciale") == "azienda_speciale"
    # a category by the Area of the CCNL 16.11.2022 that took its place, whole or without «Area dei», as the guide
    # lets a regulation write it («"Istruttori"», «"Area degli Istruttori"»); case, accents and apostrophes aside
    category = CANONICAL["people"]["category"][0]
    areas = ["Istruttori", "Area degli Istruttori", "operatori esperti", "OPERATORI", "Funzionari ed EQ", "Funzionari"]
    assert [category(w) for w in areas] == ["C", "C", "B", "A", "D", "D"]
    assert category("Area dei Funzionari e dell’Elevata qualificazione") == "D"  # the typographic apostrophe
    # a category of another contract is refused, saying where such a grade goes
    with pytest.raises(ValueError, match="trovato «EP»; il grado di un altro contratto .* va nella colonna grado"):
        CANONICAL["people"]["category"][0]("EP")
    # a pay step of the old categories (B3, D3: also their entry levels) is no grade of another contract: its letter
    with pytest.raises(ValueError, match="trovato «B3»: è una posizione economica .* la categoria è la lettera, B "):
        CANONICAL["people"]["category"][0]("B3")
    with pytest.raises(ValueError, match="trovato «d6»: .* la lettera, D "):
        CANONICAL["people"]["category"][0]("d6")
    # an Area in the singular: the nearest name suggested, as for an area of [gradi] («Funzionario» → «Funzionari»)
    with pytest.raises(ValueError, match=r"trovato «Funzionario» \(forse «Funzionari»\?\); il grado di un altro"):
        CANONICAL["people"]["category"][0]("Funzionario")
    with pytest.raises(ValueError, match=r"trovato «Istruttore» \(forse «Istruttori»\?\);"):
        CANONICAL["people"]["category"][0]("Istruttore")
    # a Comune's «Settore», a Regione's «Direzione», an azienda sanitaria's «Dipartimento»: first-level structures,
    # read as the core's area; the template's drop-down still offers «area»
    kind = CANONICAL["units"]["kind"][0]
    assert [kind(w) for w in ("Settore", "direzione", "DIPARTIMENTO")] == ["area", "area", "area"]
    assert kind.labels["area"] == "area"


DISTINCT_TEXTS = st.lists(
    st.sampled_from(
        [
            "E1",
            "e.1",
            "a b",
            "a,b",
            "x;",
            "\x1b[31m",
            "12",
            "-3",
            "-0",
            "0.5",
            "1.234",
            "12.000",
            "1.234,5",
            "90%",
            ".5",
            "1e5",
            "7\n",
            "a\nb",
            "٣",
            "abc",
            "00012",
            "1" * 21,
            "3.1234567890123",
            "NaN",
            "+4",
        ]
    ),
    unique=True,
    max_size=8,
)


@settings(max_examples=300)
@given(
    st.sampled_from([parse_id, parse_number, parse_nonnegative, parse_positive_fraction, parse_bool, parse_money]),
    DISTINCT_TEXTS,
)
def test_a_column_s_texts_parsed_at_once_are_parsed_one_by_one(parser, texts):
    """values.parse_distinct checks ids and plain numbers with one regular expression over all the texts
    (issue 18): the values, and the messages of the texts refused, are the parser's one text at a time."""
    known, failed = parse_distinct(parser, texts)
    for text in texts:
        try:
            value = parser(text)
        except ValueError as exc:
            assert failed[text] == str(exc) and text not in known
        else:
            assert repr(known[text]) == repr(value) and text not in failed


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # «51» in a column of percentages: the 51% meant, 51 / 100 = 0,51 as a share
        ("51", "attesa una percentuale, trovato «51»: oltre 1 si scrive con il segno %: scrivi «51%» (o 0,51)"),
        # 1,5 = 1,5%, 1,5 / 100 = 0,015
        ("1,5", "attesa una percentuale, trovato «1,5»: oltre 1 si scrive con il segno %: scrivi «1,5%» (o 0,015)"),
    ],
)
def test_a_percentage_above_one_without_its_sign_is_refused_with_both_readings(text, said):
    from ciclope.core.values import parse_percent

    with pytest.raises(ValueError) as caught:
        parse_percent(text)
    assert str(caught.value) == said


def test_a_percentage_with_its_sign_or_at_most_one_reads_as_written():
    from ciclope.core.values import parse_percent

    # 51% = 0,51; 0,51 is the same share; 120% = 1,2 (a percentage may exceed 100% with its sign); 1 = 100%
    assert [parse_percent(t) for t in ("51%", "0,51", "120%", "1")] == [
        Decimal("0.51"),
        Decimal("0.51"),
        Decimal("1.2"),
        Decimal("1"),
    ]


def test_a_word_nearly_one_of_the_choices_says_which():
    from ciclope.core.values import choice

    parse = choice("dipendente", "dirigente", aliases={"Dipendente": "dipendente", "Dirigente": "dirigente"})
    with pytest.raises(ValueError) as caught:
        parse("Dipendnete")  # two letters swapped: the office meant «Dipendente», as a unit or a column is hinted
    assert str(caught.value) == "atteso uno tra Dipendente, Dirigente, trovato «Dipendnete» (forse «Dipendente»?)"
    with pytest.raises(ValueError) as caught:
        parse("xyz")  # near nothing: no guess
    assert str(caught.value) == "atteso uno tra Dipendente, Dirigente, trovato «xyz»"


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("30/36", Decimal(30) / Decimal(36)),  # 0,8333…: exactly 30 ÷ 36, never 83,33%
        ("18/36", Decimal("0.5")),
        ("30,5/36", Decimal("30.5") / Decimal(36)),  # half hours, with the Italian comma
        (" 36 / 36 ", Decimal(1)),
    ],
)
def test_a_time_share_written_as_hours_of_the_week_is_the_exact_ratio(text, share):
    assert parse_positive_fraction(text) == share


@pytest.mark.parametrize(
    ("share", "written"),
    [
        (Decimal(30) / Decimal(36), "30/36"),  # 0,8333…: no percentage says it exactly
        (Decimal("30.5") / Decimal(36), "30,5/36"),
        (Decimal("0.5"), None),  # 18/36 is «50%», as the office most often writes it
        (Decimal("0.8333"), None),  # a typed 83,33% stays a percentage
        (Decimal(1) / Decimal(7), None),  # 5,142857… hours: no hours of a week
    ],
)
def test_a_share_no_percentage_says_is_written_as_hours_of_the_week(share, written):
    assert week_hours(share) == written


@given(st.integers(min_value=1, max_value=71))
def test_hours_of_the_week_written_back_read_the_same_share(halves):
    # any whole or half hour of a 36-hour week: the text written back is read as the very same share
    share = parse_positive_fraction(f"{Decimal(halves) / 2}/36".replace(".", ","))
    written = week_hours(share)
    assert written is None or parse_positive_fraction(written) == share
