"""Italian formatting of numbers, money and dates: what a plugin's report section shows.

Money is euro with the Italian separators (``€ 1.234,56``), fractions are percentages (``0.9234`` →
``92,34%``), dates are ``30/06/2021``. Nothing here computes a figure: values are shown exactly as
given. A number's text is remembered (a report repeats its figures), keyed by the number's own text.

A value a message quotes (an id, a cell, a key someone wrote) is between guillemets, ``«X1»``
(:func:`quoted`), never between Python's quotes; a value of a TOML file, where its type is the point
(«atteso un numero, trovato …»), as the file writes it (:func:`toml_value`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from ciclope.core.vocabulary import APPROVAL_NAMES, APPROVAL_WORDS

__all__ = [
    "ended",
    "MONTHS",
    "NONE",
    "WORKBOOK",
    "act",
    "Money",
    "Percent",
    "Achievement",
    "Share",
    "Places",
    "Points",
    "Year",
    "date_it",
    "decimal_it",
    "euro",
    "euro_exact",
    "exact",
    "Exact",
    "pct_exact",
    "pct_share",
    "hundredths",
    "accented",
    "fund",
    "month_it",
    "natural",
    "param_said",
    "param_unit",
    "pct",
    "pct_typed",
    "share_places",
    "plural",
    "all_of",
    "the_count",
    "at_place",
    "and_",
    "listed",
    "clauses",
    "quoted",
    "the_pct",
    "toml_value",
]

NONE = "—"
# the internal workbook (schede.xlsx) as a reader of the Relazione is told of it: by what it is, never by its file name
WORKBOOK = "schede per l'ufficio"


class Money(Decimal):
    """A money cell of a plugin's report section: ``€ 10.768,58`` in pages, a number in € format in sheets."""


class Percent(Decimal):
    """A fraction shown as a percentage: ``45,05%`` in pages, a number in % format in sheets."""


class Achievement(Percent):
    """An achievement (of a unit, an objective, the ente) read by a formula: as the Relazione says it, to two decimals,
    ``88,00%`` and ``34,50%``, wherever it is shown, never ``88%`` beside the ``88,00%`` of its own figure."""


class Share(Percent):
    """A part's share of its fund (``quota_fondo``), a column of the Relazione and the workbook: to two decimals where
    it is whole hundredths of a percent («40,00%»), else as it multiplies back to the part's fund («8,3333…%» in
    pages, ``0.0000%`` in sheets), never «8,33%» beside the € 1.000,00 that 1/12 of € 12.000,00 is."""


class Year(Decimal):
    """A year, or a number an office reads as one (the year of the last progression): ``2021``, never grouped as a
    quantity would be (``2.021``)."""


class Places(Decimal):
    """A number shown with every decimal place it is written with, trailing zeros too: a weight beside the sum it
    is divided by, both to six places («0,504110» next to «8,765601»), never one of them shortened to «0,50411»."""

    @property
    def places(self) -> int:
        exponent = self.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class Exact(Decimal):
    """A number computed on the way to an amount (a definition's value, a sum of a formula), kept exact and shown as
    :func:`exact` says it: the digits it has up to the fourth decimal, «…» where it has more («6.016,4383…», never
    «6.016,4384», rounded without a sign that it is), in explanations, personal schede and pages alike."""


class Points(Decimal):
    """A number of points, as a score is shown: two decimals, ``87,50`` in pages and explanations, a number in 0.00
    format in sheets (a graduatoria's number computed as 87.500 or 87.5 reads one way everywhere)."""


def _group(digits: str) -> str:
    """Thousands separated by '.' (Italian)."""
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


# number → text, at most CACHE each: a Relazione repeats the same figures. Keyed by the number's own
# text, not the number: a fresh Decimal's hash costs more than the lookup saves, its str() much less,
# and every text below is a function of str(value) (and of the type, for "as written").
CACHE = 20_000
_TEXTS: dict[tuple[str, int | None, bool, type], str] = {}
_PCTS: dict[tuple[str, int], str] = {}


def decimal_it(value: Any, places: int | None = None, group: bool = True) -> str:
    """A number with a decimal comma; ``places`` fixes the decimals (half-up), else as written."""
    if value is None:
        return NONE
    # With fixed decimals the text depends only on the number (1 and 1.00 give "1,00"); as written it
    # depends on how it is written (16000.00 and 16000 differ): either way a function of its text.
    key = (str(value), places, group, type(value))
    text = _TEXTS.get(key)
    if text is None:
        if len(_TEXTS) >= CACHE:
            _TEXTS.clear()
        text = _TEXTS[key] = _decimal_it(value, places, group)
    return text


def _decimal_it(value: Any, places: int | None, group: bool) -> str:
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    elif (isinstance(exp := d.as_tuple().exponent, int) and exp >= 0) or isinstance(value, float):
        d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    # otherwise a Decimal keeps the decimals it was written with: 16000.00 → 16.000,00
    sign = "−" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    whole = _group(whole) if group and not isinstance(value, Year) else whole
    return f"{sign}{whole},{frac}" if frac else f"{sign}{whole}"


def pct(value: Any, places: int = 2) -> str:
    """An achievement (fraction) as a percentage: 0.9234 → ``92,34%``; None → ``—``."""
    if value is None:
        return NONE
    key = (str(value), places)  # the value goes through Decimal(str(value)): its text is the key
    text = _PCTS.get(key)
    if text is None:
        if len(_PCTS) >= CACHE:
            _PCTS.clear()
        text = _PCTS[key] = decimal_it(Decimal(key[0]) * 100, places) + "%"
    return text


def pct_typed(value: Any) -> str:
    """A share written or computed as a percentage, to at most two decimals and no trailing zeros: 0.8 → «80%»,
    0.92222… → «92,22%» (never the 28 digits of an exact division)."""
    return decimal_it((Decimal(value) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()) + "%"


EXACT_PLACES = 4  # a computed figure's decimals at most: a hundredth of a cent, as money.split_note says one


def exact(value: Any, places: int = 0) -> str:
    """A figure computed on the way to an amount, as a person redoes it: every decimal it has, at least ``places``,
    at most four; cut at the fourth with «…» where it has more (``7.8125`` → «7,8125», ``22/3`` → «7,3333…»), never
    rounded to a number the lines above and below it do not multiply back to."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    cut = d.quantize(Decimal(1).scaleb(-EXACT_PLACES), rounding=ROUND_DOWN)
    if cut != d:
        return decimal_it(cut, EXACT_PLACES) + "…"
    exponent = cut.normalize().as_tuple().exponent
    has = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return decimal_it(cut, max(places, has))


def euro_exact(value: Any) -> str:
    """Money computed on the way to an amount: in cents where it is whole cents (``€ 2.062,50``), else with the digits
    it has, «…» past the fourth (``€ 7,8125``, ``€ 7,3333…``): :func:`exact`; None → ``—``."""
    return NONE if value is None else "€ " + exact(value, 2)


def pct_exact(value: Any) -> str:
    """A share as a percentage a person multiplies back: the digits it has, no trailing zeros, «…» past the fourth
    decimal of the percentage (0.8 → «80%», 0.9234 → «92,34%», 1/12 → «8,3333…%»); None → ``—``."""
    return NONE if value is None else exact(Decimal(str(value)) * 100) + "%"


def pct_share(value: Any) -> str:
    """A share as a percentage: as written (:func:`share_places`: «80%», «82,50%») where it is whole hundredths of a
    percent, else as a person multiplies it back (:func:`pct_exact`: 1/12 → «8,3333…%», never «8,33%», with which
    € 12.000,00 gives € 999,60 and not the € 1.000,00 paid)."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return pct(d, share_places(d)) if hundredths(d) else pct_exact(d)


def hundredths(share: Decimal) -> bool:
    """True when a share is whole hundredths of a percent (``0.0833``, not 1/12): two decimals say it exactly."""
    return share * 10_000 == (share * 10_000).to_integral_value()


def param_unit(spec: Any) -> str:
    """How a parameter's number reads: ``euro`` as its spec says, ``%`` for a share (bounds within 0–1), else ""."""
    if spec.unit:
        return str(spec.unit)
    low, high = spec.min, spec.max
    if spec.kind == "number" and low is not None and high is not None and 0 <= low and high <= 1:
        return "%"
    return ""


def param_said(spec: Any, value: Any) -> str:
    """A parameter's single value as a sentence says it: a share as a percentage to at most two decimals
    (0.8 → «80%»), an amount in euro, a choice by its words, another number as it is."""
    unit = param_unit(spec)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        if unit == "%":
            return pct_typed(value)
        return euro(value) if unit == "euro" else decimal_it(value)
    return str(spec.labels.get(str(value), value))


def with_code(name: str, code: str) -> str:
    """A thing by its name and code, «Servizio screening (scr)», where the name does not already hold the code as its
    last bracket: «Servizio residenziale per anziani (RSA)» with code RSA stays as written, never «… (RSA) (RSA)»;
    without a name, the code alone."""
    if not name:
        return code
    opened, closed = name.rfind("("), name.rfind(")")
    if 0 <= opened < closed and name[opened + 1 : closed].strip().casefold() == code.strip().casefold():
        return name
    return f"{name} ({code})"


def euro(value: Any) -> str:
    """Money: ``€ 1.234,56``; None → ``—``."""
    if value is None:
        return NONE
    return "€ " + decimal_it(value, 2)


def act(name: str) -> str:
    """An act of ``[atti]`` as people name it, by its code or its Italian key: ``relazione_validata_oiv`` →
    «Relazione validata dall'OIV»; an act ciclope does not know, in words (``delibera_giunta`` → «delibera giunta»)."""
    code = APPROVAL_NAMES.get(name, name)
    return APPROVAL_WORDS.get(code) or accented(name.replace("_", " "))


def fund(name: str, pool_label: str = "", labels: Mapping[str, str] | None = None) -> str:
    """A fund for people (a report's row, a message): the label its pool carries, else the plugin's label of its name (a fund of
    ``[funds]`` in ente.toml, or a family of funds by the prefix before ``:``), else «Fondo ‹name›» in words, never
    «Fondo fondo …» (``fondo_comune_ateneo`` is «Fondo comune ateneo»)."""
    if pool_label:
        return pool_label
    known = labels or {}
    if name in known:
        return known[name]
    prefix, colon, rest = name.partition(":")
    if colon and f"{prefix}:" in known:
        return f"{known[prefix + ':']} — {rest}"
    words = accented(name.replace("_", " ").replace(":", " "))
    if words.lower() == "fondo" or words.lower().startswith("fondo "):
        return "Fondo" + words[len("fondo") :]
    return "Fondo " + words


# The words a key of ente.toml writes without their final accent, as offices type them («produttivita»): said with
# it. A closed list, not a rule: «vita», «uscita», «partita» end the same way and have none.
_ACCENTED = {
    word[:-1] + "a": word
    for word in (
        "attività",
        "città",
        "comunità",
        "continuità",
        "criticità",
        "disponibilità",
        "indennità",
        "mobilità",
        "premialità",
        "produttività",
        "professionalità",
        "qualità",
        "reperibilità",
        "responsabilità",
        "specificità",
        "unità",
        "università",
    )
}


# The acronyms of the field a key writes in small letters («interim_eq»): said in capitals, whatever the key's case.
# A closed list of words that are never Italian words of their own.
# «PL»: the Polizia locale («Fondo potenziamento PL»); «FRD»: the Fondo risorse decentrate («frd_performance», «Fondo
# FRD performance»); «RIA»: the retribuzione individuale di anzianità of those who left, which the fund takes back
ACRONYMS = frozenset(
    ("EQ", "EP", "PO", "PEO", "PEG", "PIAO", "OIV", "CCNL", "CCDI", "CCI", "CCIAA", "UO", "DUP", "PNRR", "SMVP", "RUP")
) | {"PL", "FRD", "RIA"}


def accented(words: str) -> str:
    """``words`` (a key's, its «_» made spaces) with each word of :data:`_ACCENTED` given its accent, in its case,
    and each of :data:`ACRONYMS`, or a code of a few letters and a number, in capitals («interim eq» → «interim EQ»,
    «obiettivo ob1» → «obiettivo OB1»)."""
    return " ".join(map(_accent, words.split(" ")))


_CODE = re.compile(r"[a-z]{1,3}\d+")  # «ob1», «uo2»: a code the office writes in capitals, typed small in a key


def _accent(word: str) -> str:
    if word.upper() in ACRONYMS or _CODE.fullmatch(word):
        return word.upper()
    found = _ACCENTED.get(word.lower())
    if found is None:
        return word
    return found.capitalize() if word[:1].isupper() else found


def date_it(value: dt.date | None) -> str:
    return NONE if value is None else value.strftime("%d/%m/%Y")


MONTHS = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)


def share_places(share: Any) -> int:
    """The decimals a share is shown with as it was written: 0.5 is «50%» (0), 0.825 «82,50%» (2)."""
    return 0 if share * 100 == (share * 100).to_integral_value() else 2


def month_it(year: int, month: int) -> str:
    """A month of a year as people write it: «agosto 2024»."""
    return f"{MONTHS[month - 1]} {year}"


def plural(n: int, singular: str, many: str) -> str:
    """``1 avviso``, ``2 avvisi``, ``0 avvisi`` (Italian agrees the noun with the number)."""
    return f"{n} {singular if n == 1 else many}"


def and_(following: str) -> str:
    """The conjunction before ``following``, spaces included: « ed » before a word that starts with «e» (Italian's
    euphonic d: «sufficiente ed escluso», «ed è»), « e » otherwise; a quote or a parenthesis before the word is not
    the word («ed «escluso»»)."""
    first = following.lstrip("«\"'(“‘ ")[:1].casefold()
    return " ed " if first in ("e", "è", "é") else " e "


def listed(items: Iterable[str], commas: bool = True) -> str:
    """``items`` joined as Italian lists them: «a, b e c», «ed» before a last item starting with «e» (:func:`and_`);
    ``commas=False`` joins each with the conjunction, «a e b e c» (terms of a condition, said one after another)."""
    said = list(items)
    if not said:
        return ""
    if not commas:
        out = said[0]
        for item in said[1:]:
            out += and_(item) + item
        return out
    if len(said) == 1:
        return said[0]
    return ", ".join(said[:-1]) + and_(said[-1]) + said[-1]


def clauses(*parts: str) -> str:
    """The clauses of a note joined by «; », the empty ones left out; a clause that begins a sentence of its own (a
    capital letter: an office's own ``nota``, «Coefficiente unico …») after «. », never a capital after «; »."""
    out = ""
    for part in (p for p in parts if p):
        if not out:
            out = part
        elif part[:1].isupper():  # a sentence of its own: after the full stop (or the «…» that already ends one)
            out += (" " if out.endswith(("…", ".")) else ". ") + part
        else:
            out += "; " + part
    return out


def all_of(n: int) -> str:
    """«tutti i 5», «tutti gli 8», «tutti gli 11» (otto, undici, ottanta… begin with a vowel): the whole of a count."""
    return f"tutti {the_count(n)}"


def the_count(n: int) -> str:
    """A count with its plural article: «i 2», «i 10», «gli 8», «gli 11», «gli 80» (otto, undici, ottanta… begin with
    a vowel): «tra gli 8 che ricevono», never «tra i 8»."""
    digits = str(n)
    return f"{'gli' if _vowel(digits) else 'i'} {digits}"


def _vowel(digits: str) -> bool:
    """True for a whole number said beginning with a vowel: otto, ottanta, ottocento…, undici, undicimila."""
    return digits.startswith("8") or (digits.startswith("11") and len(digits) in (2, 5, 8))


def at_place(n: Any, prep: str = "a") -> str:
    """An ordinal after ``prep`` joined to its article, as Italian elides it before a vowel sound: «al 2°», «all'8°»,
    «all'11°», «dell'80°» (ottavo, undicesimo, ottantesimo), never «al 8°»."""
    digits = str(int(n))
    article = "l'" if _vowel(digits) else "il "
    return _JOINED.get((prep, article), f"{prep} {article}") + f"{digits}°"


def the_pct(value: Any, places: int = 2, prep: str = "") -> str:
    """A percentage with its article, as Italian says it: «il 70%», «l'80%», «l'11%», «l'1%» (otto, undici, uno
    begin with a vowel), «lo 0,00%» (zero begins with z); after ``prep`` («a», «di»), joined to the article: «al
    10%», «dell'80%», «allo 0%»."""
    text = pct(value, places)
    whole = text.split(",")[0].rstrip("%").lstrip("−").replace(".", "")
    article = "lo " if whole == "0" else "l'" if whole.startswith("8") or whole in ("1", "11") else "il "
    return _JOINED.get((prep, article), f"{prep} {article}" if prep else article) + text


_JOINED = {
    ("a", "il "): "al ",
    ("a", "l'"): "all'",
    ("a", "lo "): "allo ",
    ("di", "il "): "del ",
    ("di", "l'"): "dell'",
    ("di", "lo "): "dello ",
}


_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key putting ids in the order people count them: P2 before P10, I1.2 before I1.10 (digits by their
    number, the rest by its letters, case aside)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in _DIGITS.split(str(text)) if part
    )


def _visible(text: str) -> str:
    """``text`` with each character that does not print (a control character, a non-breaking or zero-width
    space) written as ``repr`` writes it: a tab ``\\t``, a new line ``\\n``, NUL ``\\x00``; the rest unchanged."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def ended(text: str) -> str:
    """``text`` as a sentence with its full stop, once: a text that ends with its own (an office's note, «… all'art.
    8.»), or with «…», «!», «?», is given no second, so a join that goes on after it («. Fonte: …») never reads
    «art. 8.. Fonte»."""
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def quoted(value: object) -> str:
    """A value a message quotes, between guillemets: ``«X1»``, ``«punteggio»``, ``«»`` (an empty text).

    The text is ``str(value)``, accents, spaces and quotes as they are; a character that does not print stays
    visible as ``repr`` shows it (``«a\\tb»``), so a stray invisible character in a cell is seen. A number is
    best given already in words (:func:`decimal_it`), a list quoted item by item."""
    return f"«{_visible(str(value))}»"


def toml_value(value: object) -> str:
    """A value read from a TOML file as the file writes it: a text in double quotes (``"3"``), a number
    (``3``, ``0.5``, ``nan``), ``true``/``false``, a date (``2021-06-30``), a list (``[1, "a"]``), a table
    (``{ a = 1 }``); anything else by ``str``. For the messages where the type is what is wrong («atteso un
    numero, trovato «"3"»»); characters that do not print as :func:`quoted` shows them."""
    if isinstance(value, str):
        return '"' + _visible(value.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_visible(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    return _visible(str(value))
