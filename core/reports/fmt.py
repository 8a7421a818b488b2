"""Italian formatting of figures for people (reports, ``ciclope explain``, ``ciclope calendar``).

Achievements are fractions shown as percentages (``0.9234`` → ``92,34%``), money is euro with the
Italian separators (``€ 1.234,56``), scores keep two decimals (``78,50``), dates are ``30/06/2021``.
Nothing here computes a figure: values are shown exactly as the Result holds them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ciclope.core.citation import (  # noqa: F401  # re-exported: a source for people is citation.cited
    CORE_DOCUMENTS,
    RULES_SECTIONS,
    SPEC_SECTIONS,
)
from ciclope.core.citation import cited as cite  # noqa: F401  # re-exported
from ciclope.core.entetoml import italian_approval  # noqa: F401  # re-exported
from ciclope.core.fmt import (  # noqa: F401  # re-exported
    CACHE,
    NONE,
    Achievement,
    Exact,
    Money,
    Percent,
    Places,
    Points,
    Share,
    accented,
    and_,
    date_it,
    decimal_it,
    ended,
    euro,
    euro_exact,
    exact,
    fund,
    hundredths,
    listed,
    month_it,
    natural,
    param_unit,
    pct,
    pct_exact,
    pct_share,
    pct_typed,
    plural,
    quoted,
    share_places,
    the_count,
    the_pct,
    with_code,
)
from ciclope.core.labels import (  # noqa: F401  # re-exported
    CALENDAR_LABELS,
    KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    UNIT_KIND_LABELS,
    category_label,
    role_label,
)
from ciclope.core.plugininfo import Classification, said_group, without_article
from ciclope.core.vocabulary import where_it

_SIGNED: dict[tuple[str, int], str] = {}
_AS_WRITTEN: dict[str, str] = {}  # a Decimal's text → value(): decimal_it(d) as written


def scheda_d_people(ente: Any) -> tuple[list[Any], bool]:
    """The people of the Relazione's scheda d and whether they include the PO: the dirigenti and the
    Segretario; in an ente without dirigenti (a small Comune, a Comunità montana), also the posizioni
    organizzative, who hold the dirigenti's functions there (:func:`no_dirigenti`)."""
    people = list(ente.people.values())
    with_po = not any(p.role == "dirigente" for p in people)
    return [p for p in people if p.is_dirigente or (with_po and p.is_po)], with_po


def ente_locale(result: Any) -> bool:
    """Whether the ente is an ente locale, as its Segretario says (D.Lgs. 267/2000 art. 97): one among its people,
    or one its plugin names where the data leave them out (a declared regulation of a Comune). Only there does the
    law give the PO the dirigenti's functions (art. 109 c. 2): a region's agency shares the contract, not the law."""
    words = result.plugin.staff_words
    if words is not None and "segretario" in words.groups:
        return True
    return any(p.role == "segretario" for p in result.ente.people.values())


# the scheda d of an ente without dirigenti: the PO / EQ who hold their functions (:func:`scheda_d_people`)
HEADS = "Scheda d — Responsabili con funzioni dirigenziali"


def no_dirigenti(words: Classification | None, year: int = 0, holders: bool = True, local: bool = True) -> str:
    """Why the scheda d lists the PO: where the ente's contract names the law that gives them the dirigenti's
    functions (``po_in_charge``: for a Comune, D.Lgs. 267/2000 art. 109 c. 2) and the ente is one that law governs
    (``local``: :func:`ente_locale`), that they hold them, citing it; elsewhere (a university, an ASL, a regional
    agency of the same comparto: no such law) only that the scheda lists them. Without ``holders`` (no PO among the
    people, the Segretario alone listed) that the ente has neither."""
    group = said_group("po", words, year)
    if not holders:
        return f"L'ente non ha dirigenti né {without_article(group)}: la scheda d riporta il Segretario."
    if words is None or not words.po_in_charge or not local:
        return f"L'ente non ha dirigenti: la scheda d riporta {group}."
    return (
        f"L'ente non ha dirigenti: la scheda d riporta anche {group}, che ne svolgono le funzioni "
        f"({words.po_in_charge})."
    )


def attested(att: Any) -> str:
    """The ente's performance the OIV attested (a :class:`core.outcomes.Attestation`), as a percentage; where
    ente.toml gives no attested value the attested one is the computed (SPEC: written only where it differs), said
    so: «80,00% (la calcolata)»; «—» without one."""
    if att is None or att.attested is None:
        return NONE
    return pct(att.attested) if att.given else f"{pct(att.attested)} (la calcolata)"


def no_heads() -> str:
    """Why the scheda d is empty: the ente has neither dirigenti nor posizioni organizzative (:func:`no_dirigenti`)."""
    return "L'ente non ha dirigenti né posizioni organizzative che ne svolgano le funzioni: la scheda d non ha righe."


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


def individual_score_head(scale: Decimal | None) -> str:
    """The head of a column of individual scores beside the levels: on the regulation's own scale where it has one,
    «Punteggio individuale (su 500)», the figure its thresholds are written in."""
    return f"Punteggio individuale (su {decimal_it(scale)})" if scale is not None else "Punteggio individuale"


def score(value: Any) -> str:
    """A score 0–100 with two decimals: ``78,50``."""
    return NONE if value is None else decimal_it(value, 2)


def value(v: Any) -> str:
    """A target, an actual or a cell as given: numbers, dates, «sì»/«no» (as a person writes them)."""
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
        return yes_no(v)
    if isinstance(v, dt.date):
        return date_it(v)
    if isinstance(v, Money):
        return euro(v)
    if isinstance(v, Share):  # a part's share of its fund: as it multiplies back, «40,00%», «8,3333…%»
        return pct(v) if hundredths(v) else pct_exact(v)
    if isinstance(v, Percent):
        return pct(v)
    if isinstance(v, Points):
        return score(v)
    if isinstance(v, Exact):  # a figure computed on the way: «…» past the fourth decimal, «26,6666…»
        return exact(v)
    if isinstance(v, (Decimal, int, float)):
        return decimal_it(v)
    return str(v)


def yes_no(v: bool) -> str:
    """A yes or a no as the docs, the regulations and ``leggi`` write it: «sì», «no»."""
    return "sì" if v else "no"


def measure(v: Any, percent: bool = False) -> str:
    """An indicator's target or measure: as :func:`value`, and as a percentage when it was written as one
    (``90%`` is read as 0,9 and shown «90%», never «0,9»)."""
    if percent and isinstance(v, Decimal) and not isinstance(v, bool):
        return decimal_it((v * 100).normalize()) + "%"
    return value(v)


def status(code: str | None, labels: Mapping[str, str] | None = None) -> str:
    """A person's or indicator's status in Italian: the plugin's ``labels`` first, then the core's."""
    if not code:
        return NONE
    if labels and code in labels:
        return labels[code]
    return STATUS_LABELS.get(code, code.replace("_", " "))


def level(name: str | None, labels: Mapping[str, str] | None = None) -> str | None:
    """A level's name as people read it: the label the ente's regulation gives it (``[etichette]`` of a
    declared regulation), else as the regulation names it; None stays None."""
    if name is None or not labels:
        return name
    return labels.get(name, name)


def label(code: str | None, labels: Mapping[str, str] | None = None) -> str:
    """Any code a plugin or the core writes (a status, a component of a score, a fund) in Italian: the
    plugin's table (its ``LABELS`` and ``STATUS_LABELS``), then the core's, else the code with spaces."""
    return status(code, labels)


# The keys of a parameter's table rows in words (a band's quota of staff and of resources, a level's minimum).
TABLE_KEYS = {"staff": "personale", "resources": "risorse", "min": "da", "max": "fino a", "share": "quota"}


def where(text: str) -> str:
    """Where a problem is, as people read it: ``ente.toml:funds.x`` → ``ente.toml [fondi] x`` (the tables and
    the acts by the Italian names the office writes; :func:`core.vocabulary.where_it`); a place in another TOML
    file (the regulation's) by its line and its key as written, ``regolamento.toml, riga 93, [progressioni]
    graduatoria`` (:func:`core.vocabulary.toml_place`); a data file's, ``persone.csv, riga 11, colonna codice``."""
    return where_it(text)


def param_cell(spec: Any, v: Any, labels: Mapping[str, str] | None = None) -> Any:
    """A parameter's value in a sheet's cell: a share a number in % format, an amount in € format, a choice by its
    words, a table in words; a plain number as a number."""
    unit = param_unit(spec)
    if spec.kind == "path":  # a file on the office's machine: by its name
        return str(v).replace("\\", "/").rsplit("/", 1)[-1] if v else NONE
    if isinstance(v, (Decimal, int, float)) and not isinstance(v, bool):
        return Percent(v) if unit == "%" else Money(v) if unit == "euro" else v
    if isinstance(v, str) and v in {**(labels or {}), **spec.labels}:
        return {**(labels or {}), **spec.labels}[v]
    if isinstance(v, (tuple, list)):
        return param_value(v, labels)
    if isinstance(v, bool):
        return yes_no(v)
    return v


# The keys of a table parameter's rows that hold a share: shown as percentages.
SHARE_KEYS = frozenset({"staff", "resources", "share"})


def param_value(v: Any, labels: Mapping[str, str] | None = None, unit: str = "") -> str:
    """A parameter's value; a table (list of dicts) as ``alta (personale 20%; risorse 50%), …``; a choice by its
    label when the plugin gives one (``per_capita`` → «pro capite»); ``unit`` ``%``: a share as a percentage,
    ``euro``: an amount; otherwise a number to at most 4 decimals."""
    if isinstance(v, str) and labels and v in labels:
        return labels[v]
    if isinstance(v, (Decimal, int, float)) and not isinstance(v, bool) and unit:
        return euro(v) if unit == "euro" else _share(v)
    if isinstance(v, float):
        return decimal_it(round(v, 4))
    if isinstance(v, (tuple, list)):
        parts = []
        for item in v:
            if isinstance(item, dict):
                name = item.get("name")
                rest = "; ".join(
                    f"{TABLE_KEYS.get(k, k)} {_share(x) if k in SHARE_KEYS else value(x)}"
                    for k, x in item.items()
                    if k != "name"
                )
                parts.append(f"{name} ({rest})" if name is not None else rest)
            else:
                parts.append(value(item))
        return ", ".join(parts)
    return value(v)


def _share(v: Any) -> str:
    """A share as a percentage, to at most two decimals: 0.2 → «20%», 0.6666… → «66,67%»."""
    if not isinstance(v, (Decimal, int, float)) or isinstance(v, bool):
        return value(v)
    return decimal_it((Decimal(str(v)) * 100).quantize(Decimal("0.01")).normalize()) + "%"


_SEED = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
_ABBREVIATED = re.compile(
    r"\b(\d{3})…( (?=§|art))?"
)  # "004… §5": a seed file by its number, as plugins' notes write it
_CORE_SECTION = re.compile(r"\b(rules/core\.md|SPEC(?:\.md)?)\s*§\s*(\d+)(?:\.\d+)*")


def _titled(text: str, known: Mapping[str, str]) -> str:
    """Every document ciclope knows in ``text`` by its title: a section of ciclope's own rules by its subject
    (:data:`RULES_SECTIONS`), a seed file by the title its plugin gives it (also abbreviated, ``004…``)."""

    def section(m: re.Match) -> str:
        table = RULES_SECTIONS if m.group(1) == "rules/core.md" else SPEC_SECTIONS
        return table.get(m.group(2), CORE_DOCUMENTS["rules/core.md"])

    text = _CORE_SECTION.sub(section, text)
    by_number = {file[:3]: title for file, title in known.items() if _SEED.fullmatch(file)}
    text = _ABBREVIATED.sub(
        lambda m: by_number[m.group(1)] + (", " if m.group(2) else "") if m.group(1) in by_number else m.group(0), text
    )
    for file, title in known.items():
        text = text.replace(f"{file} ", f"{title}, ").replace(file, title)
    return text


_MARKS = (".md", ".txt", "…", "SPEC")
_RULES_NOTE = re.compile(r"\s*\((?:[^()]*?;\s*)?rules/[\w]+\.md(?: §[\d.]+)?\)")
_RULES = re.compile(r"rules/(\w+)\.md")


def prose(text: str, documents: Mapping[str, str] | None = None) -> str:
    """A developer's note made fit for a published document: a parenthesis that only points at ciclope's own
    rules files goes, and any document file name becomes its title. For free text only (a note, a description):
    a source is read into its parts and said by :func:`core.citation.cited`, never by searching its text."""
    if not any(mark in text for mark in _MARKS):  # most texts name no document: nothing to look for
        return text
    text = _RULES_NOTE.sub("", text)
    text = _RULES.sub(lambda m: "rules/core.md" if m.group(1) == "core" else "regole del plugin", text)
    known = {**CORE_DOCUMENTS, **(documents or {})}
    return _SEED.sub("regolamento dell'ente", _titled(text, known))


_CODE = re.compile(r"«?\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b»?")


_CODE_IN_PARENS = re.compile(
    r" ?\((?:[^()]*?, )?(?:params(?:\.toml)? )?[a-z]+(?:_[a-z0-9]+)+(?:[,/ ]+[a-z]+(?:_[a-z0-9]+)+)*\)"
)


_PARAMS_NAMED = re.compile(r"[;,]? ?params(?:\.toml)? [a-z0-9_/]+")


def worded(text: str, words: Mapping[str, str] | None = None, signed: bool = False) -> str:
    """``text`` with every code it names (``per_capita``, ``«band_pool»``, ``po_result_min_share``) said in
    words, «quoted», where ``words`` (over the core's statuses) knows it; a text that is a code alone
    (``banded``) is its word. A code it does not know stays (a test scans the documents for codes, so a
    missing label is found there, not hidden here). ``signed``, for a document a person signs, also drops
    a code shown in parentheses beside its words («peso della voce (unit_item_weight)»). A name the office is
    told to write stays as written: the suggestion of a hint («forse «performance_individuale»?»), a key of a table
    of ente.toml («[fondi] performance_individuale»), a value after its key («fondo_premi = risultato_po»), the names
    to choose from («usa: «risultato_po», …»), a table of a TOML file by its name («[risultato_po]»)."""
    known = {**STATUS_LABELS, **(words or {})}
    if text in known:
        return known[text]
    if signed:
        text = _CODE_IN_PARENS.sub("", _PARAMS_NAMED.sub("", text))

    def said(m: re.Match[str]) -> str:
        word = known.get(m.group(1))
        table = text[m.start() - 1 : m.start()] == "[" and text[m.end() : m.end() + 1] == "]"  # [risultato_po]
        if word is None or table or _KEPT_AFTER.search(text, 0, m.start()):
            return m.group(0)
        return f"«{word}»"

    return _CODE.sub(said, text)


# a name the office writes stays as written, never its words: the suggestion of «forse «X»?», a key of a table of
# ente.toml («[fondi] performance_individuale»), a value after its key («fondo_premi = X»), the names a message lists
# to choose from («usa: «X», «Y»»)
_KEPT_AFTER = re.compile(r"(?:forse |\[[a-z_]+\] |[a-z_]+ = |usa: (?:«[^»]*», )*)$")


def regulation(entry: str, documents: Mapping[str, str] | None = None) -> str:
    """A plugin's ``REGULATIONS`` line (``file — description``) as its title for people; a line whose head is no
    file's name (an ente's own act, «CCDI del Comune — Premi correlati …») is a title, said whole."""
    file, _, description = entry.partition(" — ")
    if not _FILE_NAME.fullmatch(file.strip()):
        return prose(entry, documents)
    return (documents or {}).get(file.strip()) or description or prose(entry, documents)


_FILE_NAME = re.compile(r"[\w.-]+\.[A-Za-z0-9]{1,5}")  # 000_c472ac27e970ca85.txt, regolamento.pdf


def ratio(value: Any) -> str:
    """A pure ratio (the grado di differenziazione): 2 decimals with the comma, never a currency."""
    return decimal_it(value, 2)


# a yes-no column (or datum of the ente) by its name, before the parenthesis of its meaning: a scheda
# (core.schede.words) and a «Motivo» of schede.xlsx say the meaning, never the column's name
_YES_NO = re.compile(r"(?:la colonna|il dato) [a-z][a-z0-9_]* (?=\()")
_ANSWER = re.compile(r"(?: dell'ente)? dice (sì|no)\b")


def yes_no_said(text: str) -> str:
    """Each ``la colonna nome (S) dice sì`` as ``«S»: sì``; a text that is nothing else as ``S: sì``."""
    out, at = [], 0
    for found in _YES_NO.finditer(text):
        close = closing(text, found.end()) if found.start() >= at else -1
        answer = _ANSWER.match(text, close + 1) if close >= 0 else None
        if answer is None:
            continue
        meaning = text[found.end() + 1 : close]
        alone = found.start() == 0 and answer.end() == len(text)
        out.append(f"{text[at : found.start()]}{meaning if alone else f'«{meaning}»'}: {answer.group(1)}")
        at = answer.end()
    return "".join(out) + text[at:]


def closing(text: str, start: int) -> int:
    """The index of the «)» closing the parenthesis open at ``start`` (``text[start] == "("``); -1 if none."""
    depth = 0
    for k in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return -1
