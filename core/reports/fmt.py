"""Italian formatting of figures for people (reports, ``ciclope explain``, ``ciclope calendar``).

Achievements are fractions shown as percentages (``0.9234`` → ``92,34%``), money is euro with the
Italian separators (``€ 1.234,56``), scores keep two decimals (``78,50``), dates are ``30/06/2021``.
Nothing here computes a figure: values are shown exactly as the Result holds them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NONE = "—"


class Money(Decimal):
    """A money cell of a plugin's report section: ``€ 10.768,58`` in pages, a number in € format in sheets
    (issue 14: plugin sections showed ``10768.58`` beside the core's ``€ 10.768,58``, and text in Excel)."""


class Percent(Decimal):
    """A fraction shown as a percentage: ``45,05%`` in pages, a number in % format in sheets."""


# Italian labels of the core's words. A plugin's own statuses are labelled by its STATUS_LABELS (see
# docs/plugin-guide.md), else shown with "_" → " ".
STATUS_LABELS = {
    "evaluated": "valutato",
    "not_evaluated": "non valutato",
    "scored": "misurato",
    "neutralized": "neutralizzato",
    "inactive": "non attivo nell'anno",
    "monitor": "di monitoraggio",
    "missing": "consuntivo mancante",
}
TYPE_LABELS = {
    "higher": "più è meglio",
    "lower": "meno è meglio",
    "deadline": "scadenza",
    "boolean": "SI/NO",
    "project": "progetto (% completamento)",
    "monitor": "monitoraggio",
}
KIND_LABELS = {"strategic": "strategico", "operational": "operativo", "individual": "individuale"}
ROLE_LABELS = {
    "segretario": "Segretario Generale",
    "dirigente": "Dirigente",
    "po": "Posizione organizzativa",
    "dipendente": "Dipendente",
}
UNIT_KIND_LABELS = {
    "ente": "ente",
    "area": "area",
    "servizio": "servizio",
    "ufficio": "ufficio",
    "staff": "staff",
    "azienda_speciale": "azienda speciale",
}
CALENDAR_LABELS = {"fatto": "fatto", "in ritardo": "in ritardo", "mancante": "mancante", "": "da verificare"}


def scheda_d_people(ente: Any) -> tuple[list[Any], bool]:
    """The people of the Relazione's scheda d and whether they include the PO: the dirigenti and the
    Segretario; in an ente without dirigenti (a small Comune, a Comunità montana), also the posizioni
    organizzative, who hold the dirigenti's functions there (D.Lgs. 267/2000 art. 109 c. 2; issue 42)."""
    people = list(ente.people.values())
    with_po = not any(p.role == "dirigente" for p in people)
    return [p for p in people if p.is_dirigente or (with_po and p.is_po)], with_po


NO_DIRIGENTI = (
    "L'ente non ha dirigenti: la scheda d riporta anche le posizioni organizzative, che ne svolgono le "
    "funzioni (D.Lgs. 267/2000, art. 109 c. 2)."
)


def _group(digits: str) -> str:
    """Thousands separated by '.' (Italian)."""
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


# number → text, at most CACHE each: a Relazione repeats the same figures. Keyed by the number's own
# text, not the number: a fresh Decimal's hash costs ~1 µs (more than the lookup saves), its str()
# ~0.2 µs, and every text below is a function of str(value) (and of the type, for "as written").
CACHE = 20_000
_TEXTS: dict[tuple, str] = {}
_PCTS: dict[tuple[str, int], str] = {}
_SIGNED: dict[tuple[str, int], str] = {}
_AS_WRITTEN: dict[str, str] = {}  # a Decimal's text → value(): decimal_it(d) as written


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
    whole = _group(whole) if group else whole
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


def signed_pct(value: Any, places: int = 2) -> str:
    """A deviation as a signed percentage: −0.2 → ``−20,00%``, 0.05 → ``+5,00%``."""
    if value is None:
        return NONE
    key = (str(value), places)
    text = _SIGNED.get(key)
    if text is None:
        if len(_SIGNED) >= CACHE:
            _SIGNED.clear()
        d = Decimal(key[0])
        text = _SIGNED[key] = ("+" if d > 0 else "") + pct(d, places)
    return text


def euro(value: Any) -> str:
    """Money: ``€ 1.234,56``; None → ``—``."""
    if value is None:
        return NONE
    return "€ " + decimal_it(value, 2)


def score(value: Any) -> str:
    """A score 0–100 with two decimals: ``78,50``."""
    return NONE if value is None else decimal_it(value, 2)


def date_it(value: dt.date | None) -> str:
    return NONE if value is None else value.strftime("%d/%m/%Y")


def value(v: Any) -> str:
    """A target, an actual or a cell as given: numbers, dates, SI/NO."""
    t = type(v)  # the two common cases first (the same texts as the checks below give them)
    if t is str:
        return v or NONE
    if t is Decimal:
        text = _AS_WRITTEN.get(key := str(v))
        if text is None:
            if len(_AS_WRITTEN) >= CACHE:
                _AS_WRITTEN.clear()
            text = _AS_WRITTEN[key] = decimal_it(v)
        return text
    if v is None or v == "":
        return NONE
    if isinstance(v, bool):
        return "SI" if v else "NO"
    if isinstance(v, dt.date):
        return date_it(v)
    if isinstance(v, Money):
        return euro(v)
    if isinstance(v, Percent):
        return pct(v)
    if isinstance(v, (Decimal, int, float)):
        return decimal_it(v)
    return str(v)


def status(code: str | None, labels: Mapping[str, str] | None = None) -> str:
    """A person's or indicator's status in Italian: the plugin's ``labels`` first, then the core's."""
    if not code:
        return NONE
    if labels and code in labels:
        return labels[code]
    return STATUS_LABELS.get(code, code.replace("_", " "))


def param_value(v: Any) -> str:
    """A parameter's value; a table (list of dicts) as ``alta (staff 0,2; resources 0,5), …``."""
    if isinstance(v, (tuple, list)):
        parts = []
        for item in v:
            if isinstance(item, dict):
                name = item.get("name")
                rest = "; ".join(f"{k} {value(x)}" for k, x in item.items() if k != "name")
                parts.append(f"{name} ({rest})" if name is not None else rest)
            else:
                parts.append(value(item))
        return ", ".join(parts)
    return value(v)


CORE_DOCUMENTS = {
    "rules/core.md": "regole comuni del ciclo della performance (D.Lgs. 150/2009)",
    "SPEC.md": "regole comuni del ciclo della performance (D.Lgs. 150/2009)",
}
_SEED = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def cite(source: str | None, documents: Mapping[str, str] | None = None) -> str:
    """A source for people: document titles instead of file names, e.g. ``004_a450255962d2094d.txt §5.3`` →
    ``SMVP 2021 della CCIAA di Brescia, §5.3``, and the core's rules as the law they implement. A part of a
    source that names another regulation's document (a core default citing where its rule comes from) is
    left out: an ente's documents cite only its own acts. results.json keeps the file names (they are how an
    auditor finds the text)."""
    if not source:
        return NONE
    known = {**CORE_DOCUMENTS, **(documents or {})}
    parts = [p.strip() for p in source.split(";")]
    shown = [p for p in parts if not (m := _SEED.search(p)) or m.group(0) in known] or parts[:1]
    out = []
    for part in shown:
        for file, title in known.items():
            part = part.replace(f"{file} ", f"{title}, ").replace(file, title)
        out.append(_SEED.sub("regolamento dell'ente", part))
    return "; ".join(dict.fromkeys(out))


_RULES_NOTE = re.compile(r"\s*\((?:[^()]*?;\s*)?rules/[\w]+\.md(?: §[\d.]+)?\)")
_RULES = re.compile(r"rules/(\w+)\.md")


def prose(text: str, documents: Mapping[str, str] | None = None) -> str:
    """A developer's note made fit for a published document: a parenthesis that only points at ciclope's own
    rules files goes, and any document file name becomes its title (:func:`cite`)."""
    text = _RULES_NOTE.sub("", text)
    text = _RULES.sub(lambda m: "rules/core.md" if m.group(1) == "core" else "regole del plugin", text)
    known = {**CORE_DOCUMENTS, **(documents or {})}
    for file, title in known.items():
        text = text.replace(file, title)
    return _SEED.sub("regolamento dell'ente", text)


def regulation(entry: str, documents: Mapping[str, str] | None = None) -> str:
    """A plugin's ``REGULATIONS`` line (``file — description``) as its title for people."""
    file, _, description = entry.partition(" — ")
    return (documents or {}).get(file.strip()) or description or prose(entry, documents)


def plural(n: int, singular: str, many: str) -> str:
    """``1 avviso``, ``2 avvisi``, ``0 avvisi`` (Italian agrees the noun with the number)."""
    return f"{n} {singular if n == 1 else many}"


def ratio(value: Any) -> str:
    """A pure ratio (the grado di differenziazione): 2 decimals with the comma, never a currency."""
    return decimal_it(value, 2)
