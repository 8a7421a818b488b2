"""Parsing of single cell values (SPEC §5): numbers, percentages, dates, SI/NO, '-', money.

Every parser takes the raw text of a cell and returns a value or raises :class:`ValueError` whose
message says, in Italian, what was expected. The loaders turn that message into a
:class:`core.problems.Problem` with file, row and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Collection
from decimal import Decimal, InvalidOperation
from typing import Any

from ciclope.core.fmt import MONTHS, decimal_it, pct, quoted, toml_value
from ciclope.core.nearest import hint

INACTIVE = "-"  # "not active this year" in a target_<year> column (002… §3.2 tables)
MAX_NUMBER_CHARS = 40  # longer cells are not numbers anybody typed
# Numbers have at most 15 digits before the decimal point (below a million billion): the computation
# keeps 28 significant digits (Decimal's context), and a value rounded to cents or to 4 decimals must
# still fit in them. Beyond that a cell is a typing or export error, refused with its row and column.
MAX_INTEGER_DIGITS = 15

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+")  # 1.234 · 12.000 · 1.234.567: Italian thousands
_PLAIN = re.compile(r"-?\d{1,15}(\.\d{1,12})?")  # the common case, parsed without further checks
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ITALIAN = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_TRUE = {"si", "sì", "s", "true", "vero", "yes", "1", "x"}
_FALSE = {"no", "n", "false", "falso", "0"}


_ID = re.compile(r"^[^\s,;\x00-\x1f\x7f-\x9f]+$")  # no spaces, separators or control characters (ANSI escapes)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 but tab and line breaks, and DEL
# How a text a spreadsheet would run begins: a formula, a DDE call (=, +, -, @, or a tab or carriage return
# before one). Where ciclope stores such a text in data a spreadsheet opens, it puts the apostrophe a
# spreadsheet itself uses for text before it (:func:`unquoted` takes it away again for documents).
RUNNABLE = ("=", "+", "-", "@", "\t", "\r", "|")


def unquoted(text: str) -> str:
    """``text`` without the text marker a spreadsheet-bound copy of it carries: ``'- puntuale`` is ``- puntuale``
    (an apostrophe before anything else is the writer's own and stays)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(RUNNABLE) else text


def parse_text(text: str) -> str:
    """Free text, kept as written; a control character (NUL, an escape) is refused: PostgreSQL cannot
    store NUL, and none belongs in a name or a document."""
    found = CONTROL.search(text)
    if found:
        raise ValueError(f"il testo contiene il carattere di controllo U+{ord(found.group()):04X}: toglilo")
    return text


def parse_id(text: str) -> str:
    """An identifier: no spaces, commas or semicolons."""
    if not _ID.match(text):
        raise ValueError(
            f"identificativo non valido {quoted(text)}: niente spazi, virgole, punti e virgola o caratteri di controllo"
        )
    return text


def choice(*choices: str, aliases: dict[str, str] | None = None, said: str = "") -> Callable[[str], str]:
    """A parser accepting one of ``choices`` (case-insensitive), e.g. ``choice("bassa", "media", "alta")``;
    ``aliases`` maps other words to a choice — the Italian labels the reports print, so that whatever a
    report shows the input accepts (`più è meglio` for `higher`). The choices are kept on the
    parser (``parse.choices``) for the template's drop-downs; ``parse.pure`` tells the loader that the
    parser is a pure function of the text (a plugin's column of choices is read a distinct text at a time). ``said``
    replaces the list of choices in the error where one choice has several names an office may know it by."""
    folded = {k.strip().lower(): v for k, v in (aliases or {}).items()}
    labels: dict[str, str] = {}
    for word, code in (aliases or {}).items():
        labels.setdefault(code, word)
    words = said or ", ".join(labels.get(c, c) for c in choices)  # as the office writes them (codes stay accepted)
    written = [labels.get(c, c) for c in choices] + [w for w in (aliases or {}) if w not in labels.values()]

    def parse(text: str) -> str:
        value = text.strip()
        value = value.lower() if value.lower() in choices else folded.get(value.lower(), value)
        if value not in choices:  # «Dipendnete»: the word it nearly is, as for a unit or a column
            raise ValueError(f"atteso uno tra {words}, trovato {quoted(text)}{hint(text.strip(), written)}")
        return value

    parse.choices = choices  # type: ignore[attr-defined]
    parse.words = words  # type: ignore[attr-defined]  # the choices as the office writes them, for an empty cell
    parse.labels = labels  # type: ignore[attr-defined]  # code → the first word for it (the template's drop-down)
    parse.pure = True  # type: ignore[attr-defined]  # same text, same value: the loader reads each distinct text once
    return parse


def blank_is(parse: Callable[[str], Any], value: Any) -> Callable[[str], Any]:
    """``parse``, with an empty cell read as ``value`` instead of no value: a plugin's column whose regulation says
    what an empty cell means (the hours of a project left empty by those outside it: 0). The loader reads the
    written cells with ``parse``, as before, and gives ``parse.blank`` to the empty ones."""

    def read(text: str) -> Any:
        return parse(text)

    for attribute in ("choices", "words", "labels", "pure"):
        if hasattr(parse, attribute):
            setattr(read, attribute, getattr(parse, attribute))
    read.blank = value  # type: ignore[attr-defined]
    return read


NUMBER_EXAMPLE = "12,5 o 90%"  # a number of any kind (an indicator's value): a count or a share


def parse_number(text: str, thousands: bool = False, example: str = NUMBER_EXAMPLE) -> Decimal:
    """Numbers as offices write them (one reader for Italian writing, used everywhere).

    ``12``, ``12.5``, ``"12,5"``, ``90%`` → 0.90, ``1.234,56`` → 1234.56 (thousands dot and decimal
    comma). A dot followed by groups of exactly three digits (``1.234``, ``12.000``) is the Italian
    thousands separator: with ``thousands`` (money and counts) it is read as such, otherwise it is
    ambiguous and refused with both possible readings — never silently read as a decimal. ``example``: how
    the column's numbers are written, said when the text is none (days «12 o 2,5», a percentage «90%»).
    """
    if _PLAIN.fullmatch(text) and not _THOUSANDS.fullmatch(text):
        return Decimal(text)
    s = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if not s or len(s) > MAX_NUMBER_CHARS:
        raise ValueError(f"atteso un numero (es. {example}), trovato {quoted(text)}")
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if "," in s:
        whole, _, frac = s.partition(",")
        if "," in frac or "." in frac:
            raise ValueError(f"numero non leggibile {quoted(text)}: una sola virgola decimale (es. 1.234,56 o 1234.56)")
        if "." in whole:
            if not _THOUSANDS.fullmatch(whole):
                raise ValueError(
                    f"numero ambiguo {quoted(text)}: con la virgola decimale i punti separano le migliaia a "
                    "gruppi di tre cifre (es. 1.234,56)"
                )
            whole = whole.replace(".", "")
        s = f"{whole}.{frac}"
    elif _THOUSANDS.fullmatch(s):
        plain = s.replace(".", "")
        if not thousands:
            if s.count(".") > 1:
                raise ValueError(f"numero ambiguo {quoted(text)}: punti come separatori delle migliaia? Scrivi {plain}")
            comma = s.replace(".", ",")
            raise ValueError(
                f"numero ambiguo {quoted(text)}: il punto seguito da tre cifre è il separatore delle migliaia "
                f'({plain}) o un decimale ({comma})? Scrivi {plain} oppure "{comma}" (tra virgolette: in un CSV '
                "separato da virgole una virgola senza virgolette divide la cella in due)"
            )
        s = plain
    if not _NUMBER.match(s):
        raise ValueError(f"atteso un numero (es. {example}), trovato {quoted(text)}")
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the regex already guards
        raise ValueError(f"atteso un numero, trovato {quoted(text)}") from None
    return within_precision(value / 100 if percent else value, text)


def within_precision(value: Decimal, text: object) -> Decimal:
    """``value`` if it has at most :data:`MAX_INTEGER_DIGITS` digits before the decimal point."""
    if value and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(
            f"numero troppo grande {quoted(text)}: al più {MAX_INTEGER_DIGITS} cifre prima della virgola "
            "(controlla che la cella non contenga un codice o più valori uniti)"
        )
    return value


def parse_percent(text: str) -> Decimal:
    """A percentage, any size: ``80%`` or ``0,8`` is 0.8 (:func:`parse_number`); a column read with it is
    shown as a percentage wherever its cells are explained («80%», never «0,8»). Above 1 it needs its sign: «51»
    is most likely the 51% the office meant, read as 5100% a premium multiplied by it would be 51 times too large —
    an error saying the likely meaning («51%», or 0,51), as a quota's does, never a silent guess."""
    value = parse_number(text, example="90%")
    if value > 1 and not str(text).strip().endswith("%"):
        points, share = f"{decimal_it(value.normalize())}%", decimal_it((value / 100).normalize())
        raise ValueError(
            f"attesa una percentuale, trovato {quoted(text)}: oltre 1 si scrive con il segno %: scrivi «{points}» "
            f"(o {share})"
        )
    return value


def percent_format(value: Decimal) -> str:
    """The number format a spreadsheet shows ``value`` with as the percentage the office typed: «0%» for a whole
    percentage (0,5 is 50%), «0.00%» for one with decimals (0,8333 is 83,33%)."""
    return "0%" if (value * 100) == (value * 100).to_integral_value() else "0.00%"


def parse_share(text: str) -> Decimal:
    """A fraction in [0, 1]: ``0.5``, ``50%``."""
    value = parse_number(text, example="50% o 0,5")
    if not (0 <= value <= 1):
        raise ValueError(f"atteso un valore tra 0 e 1 (o tra 0% e 100%), trovato {quoted(text)}{share_hint(value)}")
    return value


def share_hint(number: Decimal, toml: bool = False) -> str:
    """What to write for a share (0 to 1) written as a percentage without its sign: «50» in a cell is
    ``: una quota si scrive in percentuale, «50%» (o 0,5)``, the Italian decimal the header's note writes, and
    ``"50%" (o 0.5)`` in a TOML file (``toml``), where a percentage is written between quotes and a number has the
    dot; "" below 2 (1,65 could be 165% as well: no guess) and above 100."""
    if not 2 <= number <= 100:
        return ""
    shown = decimal_it(number.normalize() if number == number.to_integral_value() else number)
    share = format((number / 100).normalize(), "f")
    if toml:
        return f': una quota si scrive in percentuale, "{shown}%" (o {share})'
    return f": una quota si scrive in percentuale, «{shown}%» (o {share.replace('.', ',')})"


def parse_money(text: str) -> Decimal:
    """Euro as a decimal string with at most two decimals, not negative."""
    s = str(text).strip()
    if s.endswith("%"):
        raise ValueError(f"atteso un importo in euro (es. 1234.56), trovato {quoted(text)}")
    value = parse_number(s.replace("€", "").replace("EUR", ""), thousands=True, example="1234,56")
    if value < 0:
        raise ValueError(f"un importo non può essere negativo, trovato {quoted(text)}")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"un importo ha al massimo due decimali (centesimi), trovato {quoted(text)}")
    return value.quantize(Decimal("0.01"))


def parse_date(text: str, year: int = 2021) -> dt.date:
    """Italian ``30/06/2021`` / ``30.6.2021`` or ISO ``2021-06-30`` (the message names them in that order: the
    office writes the first; its examples are of ``year``, the cycle's where the caller knows it)."""
    s = str(text).strip()
    m = _ISO.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _ITALIAN.match(s)
        if not m:
            raise ValueError(f"attesa una data (30/06/{year}, 30.6.{year} o {year}-06-30), trovato {quoted(text)}")
        d, mo, y = (int(g) for g in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        why = _why_no_date(y, mo, d)
        if not 1 <= mo <= 12:  # «03/15/2026», month and day the other way round: how a date is written here
            why += f"; si scrive giorno, mese e anno: 30/06/{year}, 30.6.{year} o {year}-06-30"
        raise ValueError(f"data inesistente {quoted(text)}{why}") from None


class DateOf:
    """:func:`parse_date` with the examples of its message of ``year``: the parser a load of that cycle puts in
    place of :func:`parse_date` in every date column (the core's and the plugins'). Pure, as parse_date is, so a
    column's repeated texts are read once."""

    pure = True

    def __init__(self, year: int) -> None:
        self.year = year

    def __call__(self, text: str) -> dt.date:
        return parse_date(text, self.year)


def _why_no_date(year: int, month: int, day: int) -> str:
    """Why a day, a month and a year make no date: «: giugno ha 30 giorni», «: febbraio 2023 ha 28 giorni (il 2023
    non è bisestile)», «: i mesi vanno da 1 a 12»; "" for a year no calendar has (0)."""
    if not 1 <= month <= 12:
        return ": i mesi vanno da 1 a 12"
    if year < dt.MINYEAR:
        return ""
    days = calendar.monthrange(year, month)[1]
    if not day:
        return ": i giorni del mese partono da 1"
    if month == 2:
        leap = "" if calendar.isleap(year) else f" (il {year} non è bisestile)"
        return f": febbraio {year} ha {days} giorni{leap}"
    return f": {MONTHS[month - 1]} ha {days} giorni"


def parse_bool(text: str) -> bool:
    """``SI``/``NO``, ``true``/``false``, ``1``/``0``."""
    s = str(text).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(f"atteso SI o NO (anche sì, vero o falso), trovato {quoted(text)}")


def parse_positive_fraction(text: str) -> Decimal:
    """A share in (0, 1], e.g. the part-time fte: ``0,5``, ``50%``, or the hours of a week as the office writes them,
    ``30/36``, read as the exact ratio (30 ÷ 36, never 83,33%, which would move the cents of a premium)."""
    try:
        value = parse_number(text)
    except ValueError as exc:
        if not str(exc).startswith("atteso un numero"):  # an ambiguous or unreadable number says its own reason
            raise
        over, slash, under = text.replace(" ", "").replace(",", ".").partition("/")  # «30,5/36» as «30.5/36»
        if not (slash and _PLAIN.fullmatch(over) and _PLAIN.fullmatch(under) and Decimal(under)):
            raise ValueError(f"attesa una quota (es. 0,5, 50% o 30/36), trovato {quoted(text)}") from None
        value = Decimal(over) / Decimal(under)
    if not (0 < value <= 1):
        raise ValueError(
            f"atteso un valore maggiore di 0 e al massimo 100% (1), trovato {quoted(text)}{share_hint(value)}"
            + _hours_hint(value)
        )
    return value


FULL_WEEK = 36  # weekly hours of full time in every comparto (CCNL Funzioni Locali 21.5.2018 art. 22 c. 1)


def week_hours(share: Decimal) -> str | None:
    """A share of time no percentage says exactly, as the hours of a week the office writes: 30 ÷ 36 → «30/36», with a
    half hour «24,5/36»; None for a share a percentage with two decimals says (0,5 is «50%») or that is no number of
    hours of a full-time week (to the hundredth of an hour)."""
    if (share * 10000) == (share * 10000).to_integral_value():
        return None
    hours = share * FULL_WEEK
    kept = hours.quantize(Decimal("0.01"))
    if abs(hours - kept) > Decimal("1e-20"):
        return None
    return f"{decimal_it(kept.normalize())}/{FULL_WEEK}"


def _hours_hint(number: Decimal) -> str:
    """A time share written as weekly hours («30»): the share they are of a full-time week, «30 ore su 36 sono
    83,33%»; a percentage without its sign that rounds the hours of a week («83,33», 29,9988 hours): those hours
    as the exact ratio (:func:`_rounded_hours_hint`); "" for any other number."""
    if not 6 <= number < FULL_WEEK:
        return _rounded_hours_hint(number)
    hours = decimal_it(number.normalize() if number == number.to_integral_value() else number)
    return f"; se sono le ore settimanali, scrivi «{hours}/{FULL_WEEK}» ({pct(number / FULL_WEEK)} del tempo pieno)"


# the hours a percentage with two decimals can miss those of a week by: 0,005% of 36 hours
_ROUNDED_HOURS = Decimal("0.0018")


def _rounded_hours_hint(number: Decimal) -> str:
    """«83,33» (a percentage without its sign, 2 to 100) whose hours of a full-time week are a whole or half hour
    only once rounded (29,9988 → 30): «se sono 30 ore su 36, scrivi «30/36», il rapporto esatto», since the
    percentage would move a cent of a premium against 30 ÷ 36; "" for an exact percentage (50% is 18 hours) or one
    of no hours (83% is 29,88)."""
    if not 2 <= number <= 100:
        return ""
    hours = number / 100 * FULL_WEEK
    halves = (hours * 2).to_integral_value() / 2
    if hours == halves or abs(hours - halves) > _ROUNDED_HOURS:
        return ""
    shown = decimal_it(halves.normalize() if halves == halves.to_integral_value() else halves)
    return f"; se sono {shown} ore su {FULL_WEEK}, scrivi «{shown}/{FULL_WEEK}», il rapporto esatto"


def parse_nonnegative(text: str) -> Decimal:
    value = parse_number(text)
    if value < 0:
        raise ValueError(f"atteso un numero non negativo, trovato {quoted(text)}")
    return value


def parse_nonnegative_int(text: str) -> int:
    _not_a_percentage(text, "qui va un numero intero", "12")  # «100%» of a count is no 1
    value = parse_number(text, thousands=True, example="12")  # a count: 1.234 is one thousand two hundred thirty-four
    if value < 0 or value != value.to_integral_value():
        raise ValueError(f"atteso un numero intero non negativo, trovato {quoted(text)}")
    return int(value)


def measure(
    column: str, holds: str, example: str, *, negative: bool = False, instead: str = ""
) -> Callable[[str], Decimal]:
    """The parser of a column that counts something (days, points): a number as :func:`parse_number` reads it,
    never a percentage. «50%» typed among absence days is no half day: read as 0,5 it paid a part-timer as full
    time. ``column`` names the column in the error, ``holds`` says what it counts, ``example`` how it is written,
    ``instead`` where a percentage may belong; not negative unless ``negative``. The parser is pure (read a
    distinct text at a time) and its plain numbers are checked all at once (:func:`parse_distinct`)."""

    def parse(text: str) -> Decimal:
        _not_a_percentage(text, f"{column} conta {holds}", example, instead)
        value = parse_number(text, example=example)
        if value < 0 and not negative:
            raise ValueError(f"atteso un numero non negativo, trovato {quoted(text)}")
        return value

    parse.pure = True  # type: ignore[attr-defined]
    parse.plain = "any" if negative else "nonnegative"  # type: ignore[attr-defined]
    return parse


def _not_a_percentage(text: str, said: str, example: str, instead: str = "") -> None:
    """Nothing for a text that is no percentage; for one that is, the error saying what the column holds (``said``:
    the column and what it counts)."""
    if str(text).strip().endswith("%"):
        raise ValueError(f"trovato {quoted(text)}, una percentuale: {said} (es. {example}), senza il segno %{instead}")


parse_days = measure("la colonna", "giorni", "12 o 2,5")
parse_points = measure("la colonna", "punti", "8 o 7,5")


# A column's texts one a line, checked by one match instead of one per text (parse_distinct).
_IDS = re.compile(r"[^\s,;\x00-\x1f\x7f-\x9f]+(?:\n[^\s,;\x00-\x1f\x7f-\x9f]+)*")
_PLAINS = re.compile(r"-?\d{1,15}(?:\.\d{1,12})?(?:\n-?\d{1,15}(?:\.\d{1,12})?)*")
_THOUSANDS_LINE = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$", re.MULTILINE)


def parse_distinct(parser: Callable[[str], Any], texts: Collection[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """``parser``, a pure one (same text, same value), on each of the distinct ``texts`` of a column:
    (text → value, text → the message of its ``ValueError``). Ids, plain numbers and non-negative plain
    numbers — most of an ente's cells — are checked all at once, the texts one a line, by one regular
    expression that accepts exactly what the parser accepts one text at a time (a text with a line break
    of its own goes one at a time); any other column, or one with a text the expression refuses, is
    parsed text by text."""
    joined = "\n".join(texts)
    if texts and joined.count("\n") == len(texts) - 1:  # no text has a line break: a line is a text
        if parser is parse_id and _IDS.fullmatch(joined):
            return dict(zip(texts, texts)), {}
        plain = "any" if parser is parse_number else getattr(parser, "plain", None)
        if parser is parse_nonnegative:
            plain = "nonnegative"
        if (
            (plain == "any" or (plain == "nonnegative" and "-" not in joined))
            and _PLAINS.fullmatch(joined)
            and not _THOUSANDS_LINE.search(joined)
        ):
            return dict(zip(texts, map(Decimal, texts))), {}  # parse_number's first line for each text
    known: dict[str, Any] = {}
    failed: dict[str, str] = {}
    for text in texts:
        try:
            known[text] = parser(text)
        except ValueError as exc:
            failed[text] = str(exc)
    return known, failed


def to_decimal(value: int | float | str | Decimal) -> Decimal:
    """A TOML value (int, float, str) as Decimal, going through ``str`` so 0.97 stays 0.97."""
    if isinstance(value, bool):
        raise ValueError(f"atteso un numero, trovato {quoted(toml_value(value))}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)):
        d = Decimal(str(value))
        if not d.is_finite():
            raise ValueError(f"atteso un numero finito, trovato {quoted(value)}")
        return within_precision(d, value)
    return parse_number(str(value))


def parse_indicator_value(kind: str, text: str, year: int = 2021) -> Any:
    """An indicator's target or actual as its type reads it (rules/core.md §1); a date's examples of ``year``."""
    if kind == "deadline":
        return parse_date(text, year)
    if kind == "boolean":
        return parse_bool(text)
    if kind == "monitor":
        for parse in (parse_number, parse_date):
            try:
                return parse(text)
            except ValueError:
                pass
        return text  # "monitoraggio": measured and reported, never scored
    return parse_number(text)


PERCENT_POINTS_KINDS = ("higher", "lower", "project")


def in_percent_points(kind: str, target: object, actual: object) -> bool:
    """Whether ``actual`` looks typed in percentage points against a ``target`` that is a share: 80 for a
    project's 100% (read 8,000%), 74 for a target of 0,72. The target is a share when it is above 0 and below 1
    (at most 1 for a project, whose target 1 is 100%); the actual is suspect when it is above 1 and, read as
    percentage points, within a factor of 4 of the target. Never an error by itself: a ratio may be 45 where
    0,9 was expected, so the reader warns (the loader) or asks for the percentage (the evaluator's workbook)."""
    if kind not in PERCENT_POINTS_KINDS or not isinstance(target, Decimal) or not isinstance(actual, Decimal):
        return False
    share = Decimal(0) < target <= 1 if kind == "project" else Decimal(0) < target < 1
    return share and actual > 1 and target / 4 <= actual / 100 <= target * 4
