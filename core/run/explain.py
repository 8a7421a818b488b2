"""``ciclope explain``: the chain of figures behind a person, indicator, objective, position or pool.

Reads the explanation records of :mod:`core.trace`: each figure with its value, formula (in words),
legal source and inputs; inputs that are figures are followed down to the input cells. The text
is Italian and meant for a terminal (achievements as %, money in euro, cells as file/row/column);
``--json`` gives the same tree for tools, with the raw values next to the displayed ones.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import scoring
from ciclope.core.fund import CONSTITUTED
from ciclope.core.inputs import parttime
from ciclope.core.ledger import instalment_amount, instalment_said
from ciclope.core.model import Ente
from ciclope.core.money import INCENTIVE, POSITION
from ciclope.core.output.results import num
from ciclope.core.params import Params
from ciclope.core.plugininfo import Classification
from ciclope.core.reports import fmt, progressions, stats
from ciclope.core.reports.sheets import limited_to
from ciclope.core.result import Result, award_figure, premium_first
from ciclope.core.run import leftout
from ciclope.core.run.appealed import appeal_lines, appeal_rows
from ciclope.core.store.words import stored_params
from ciclope.core.trace import NOTHING, RULE_NOTE, SAID_WHOLE, Figure, Input, rule_note, zero_reason
from ciclope.core.values import parse_money, parse_percent, parse_share
from ciclope.core.vocabulary import SHEET_ALIASES, cell_said, column_it, sheet_it, sheet_said, toml_place

MAX_DEPTH = 12

START_KEYS = {
    "person": ("award:{}", "score:{}", "card:{}", "person:{}"),
    "indicator": ("indicator:{}", "monitoring:{}"),
    "objective": ("objective:{}",),
    "position": ("position:{}:result", "position:{}:annual", "position:{}:monthly", "position:{}:score"),
    "pool": ("pool:{}",),
    "unit": ("unit:{}",),
    "area": ("area:{}",),
}
KIND_NAMES = {
    "person": "persona",
    "indicator": "indicatore",
    "objective": "obiettivo",
    "position": "posizione",
    "pool": "fondo",
    "unit": "unità",
    "area": "area",
}

# How a figure's value is shown, by the first part of its key (core.trace conventions; a declared regulation's
# premium of one part, ``premio:<part>:<person>``, and the pay of the positions a person holds, ``position_pay:<person>``)
ACHIEVEMENT_HEADS = {
    "indicator",
    "objective",
    "objectives",
    "area",
    "ente",
    "unit",
    "person",
    "monitoring",
    "attested",
    "separate",
}
SCORE_HEADS = {"score", "card"}
MONEY_HEADS = {"award", "pool", "fund", "bonus", "savings", "premio", "position_pay", "rata"}
MONEY_TAILS = {"annual", "monthly", "result", "result_max", "amount", "interim", "pool", "fund", "extra"}


def value_kind(key: str) -> str:
    """ "achievement" | "score" | "money" | "number" for a figure key."""
    parts = key.split(":")
    head, tail = parts[0], parts[-1] if len(parts) > 2 else ""
    if head == "position":
        return "score" if tail == "score" else "money"
    if tail in MONEY_TAILS or head in MONEY_HEADS:
        return "money" if tail != "score" else "score"
    if tail == "score" or head in SCORE_HEADS:
        return "score"
    if head in ACHIEVEMENT_HEADS:
        return "achievement"
    return "number"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def show(value: Any, kind: str) -> str:
    """A value for people: 92,34% · 78,50 punti · € 1.234,56 · a share 20% · dates dd/mm/yyyy · sì/no."""
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):  # a date as the store keeps it (JSON has no dates)
        try:
            return fmt.date_it(dt.date.fromisoformat(value))
        except ValueError:  # digits in a date's shape that are no day: shown as written
            pass
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float)):
        return fmt.value(value)
    if isinstance(value, fmt.Achievement):  # an achievement a formula read: as its figure says it, «88,00%»
        return fmt.pct(value)
    if isinstance(value, fmt.Share):  # a part's share of its fund: «25,50%», «40%», «8,3333…%» (fmt.pct_share)
        return fmt.pct_share(value)
    if isinstance(value, fmt.Percent):  # typed as a percentage, or computed from one: «72%», «92,22%», «8,3333…%»
        return fmt.pct_exact(value)
    if isinstance(value, fmt.Money):  # an amount by what it is, whatever its name: with the digits a person redoes
        return fmt.euro_exact(value)  # (€ 7,8125), in cents where it is whole cents (every amount paid)
    if isinstance(value, fmt.Places):  # a number with its places, trailing zeros too: «0,504110» beside «8,765601»
        return fmt.decimal_it(Decimal(value), value.places)
    if isinstance(value, fmt.Points):  # points by what they are (a graduatoria's number): two decimals, «87,50»
        return fmt.score(value)
    if kind == "achievement":
        return fmt.pct(value)
    if kind == "share":
        share = Decimal(str(value))
        if not fmt.hundredths(share):  # a time typed as 0,747945…: as a person multiplies it back, never «74,79%»
            return fmt.pct_exact(share)
        return fmt.decimal_it((share * 100).quantize(Decimal("0.01")).normalize()) + "%"
    if kind == "money":
        return fmt.euro(value)
    if kind == "score":
        return f"{fmt.score(value)} punti"
    if isinstance(value, fmt.Exact):  # a figure computed on the way: «…» past the fourth decimal, «26,6666…»
        return fmt.exact(value)
    if isinstance(value, float) or (isinstance(value, Decimal) and value != value.to_integral_value()):
        return fmt.decimal_it(Decimal(str(value)).normalize())  # the digits it has, never trailing zeros (92,86)
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    if isinstance(exponent, int) and exponent < 0:  # a whole number without zeros: 2 + 1,5 + 1,5 + 1 + 1 is 7
        return fmt.value(Decimal(value).to_integral_value())
    return fmt.value(value)


# An input a figure names by its words, without a figure of its own: how its number reads. The names are the
# plugins' Italian words («fondo della fascia», «quota di personale», «tempo lavorato»); a «quota» above 1 is
# an amount («quota massima» of a pay), at most 1 a share.
MONEY_NAMES = (
    "fondo", "importo", "massimo pro capite", "accantonamento", "non distribuito", "valore medio", "parte stabile",
    "parte variabile", "annua", "dovuta", "rata mensile", "risultato massimo", "retribuzione", "premio della parte",
    "pagato dalla parte", "risorse stabili", "risparmi", "[fondi]", "budget individuale", "maggiorazione m",
    "premi attribuiti", "residuo ricevuto", "valore dopo la riduzione", "minimo annuo", "massimo annuo",
    "somma delle retribuzioni", "maggiorazione per interim", "maggiorazione per l'interim", "tetto (", "tetto:",
    "massimo per persona",
)  # fmt: skip
SHARE_NAMES = ("quota", "tempo lavorato", "percentuale", "valore per punto", "performance", "raggiungimento")
MONEY_COLUMNS = frozenset({"position_pay", "retribuzione_posizione", "amount", "importo"})
SHARE_COLUMNS = frozenset({"fte", "quota_tempo", "interim_percent", "percentuale_interim"})
# The parsers of a plugin's columns (its InputSchema) that say how the column's numbers read: the column of an amount
# reads in euro, wherever its value is shown; one of a share or of a percentage as a percentage.
PARSED = {parse_money: "money", parse_share: "share", parse_percent: "share"}
Kinds = Mapping[str, Mapping[str, str]]  # file (the core's name, «people.csv») → column → "money" | "share"


def input_kind(name: str, value: Any, cell: str = "", column: str = "") -> str:
    """How an input without a figure of its own reads, by where it comes from (a fund of ente.toml, a money or a
    share column; ``column``: the kind of the cell's column as its plugin reads it, :func:`column_kind`) or by its
    words: ``money``, ``share`` or ``number``."""
    if not isinstance(value, (Decimal, int, float)) or isinstance(value, bool):
        return "number"
    code = cell.rsplit(":", 1)[-1] if cell.count(":") >= 2 else ""
    if cell.startswith("ente.toml:funds.") or code in MONEY_COLUMNS:
        return "money"
    if code in SHARE_COLUMNS:
        return "share"
    if column in ("money", "share"):
        return column
    said = name.strip().lower()
    if said.startswith(MONEY_NAMES):
        return "money"
    if said.startswith(SHARE_NAMES):
        return "share" if 0 <= value <= 1 else "money" if said.startswith("quota") else "number"
    return "number"


def input_shown(name: str, value: Any, ref: str, cell: str, ref_value: Any = None, column: str = "") -> str:
    """An input of a figure as people read it: as its figure when it is one (``ref``), a derived value of a figure
    (an achievement × 100 reads as the percentage, «92,86%»; another as its number), else by :func:`input_kind`
    (``column``: the kind of the cell's column, :func:`column_kind`)."""
    if ref and ref_value is not None:
        kind = value_kind(ref)
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool) and value != ref_value:
            numeric = isinstance(ref_value, (Decimal, int, float)) and not isinstance(ref_value, bool)
            if kind == "achievement" and numeric and Decimal(str(value)) == Decimal(str(ref_value)) * 100:
                return fmt.pct(ref_value)
            # a derived value (card / 100 = 0,925): as is, never as 0,93 punti; but an amount or a share its words
            # name (a fund reduced from its figure's amount, «fondo» = 11.640) reads as one
            by_name = input_kind(name, value, cell, column)
            return show(value, by_name if by_name in ("money", "share") and kind != "achievement" else "number")
        # the figure's own value where it is the input's: an amount by what it is (fmt.Money) reads in euro
        typed = isinstance(ref_value, (fmt.Money, fmt.Percent)) and value == ref_value
        return show(ref_value if typed else value, kind)
    return show(value, input_kind(name, value, cell, column))


def table_of(name: str) -> str:
    """The core's name of the table a cell's file or sheet holds: ``persone.csv`` and ``ente.xlsx[persone]`` are
    ``people.csv``, a plugin's own sheet ``ente.xlsx[incarichi]`` is ``incarichi.csv``."""
    sheet = re.fullmatch(r"ente\.xlsx\[(.+)\]", name)
    stem = sheet.group(1) if sheet is not None else name.removesuffix(".csv")
    return (SHEET_ALIASES.get(stem.strip().lower()) or stem) + ".csv"


def column_kind(cell: str, kinds: Kinds | None) -> str:
    """How the numbers of ``cell``'s column read as its plugin reads the column (``kinds``, :func:`column_kinds`):
    ``money`` (a column of amounts, such as a declared column of ``tipo = "euro"``), ``share``, or ""."""
    parts = cell.split(":")
    if not kinds or len(parts) != 3 or not parts[1].isdigit():
        return ""
    return kinds.get(table_of(parts[0]), {}).get(parts[2], "")


def column_kinds(plugin: str, params: Params | None = None) -> dict[str, dict[str, str]]:
    """The columns a plugin reads as amounts or as shares (:data:`PARSED`), by file: its InputSchema's, and with an
    ente's ``params`` the columns that ente's regulation declares; {} for a plugin that is not installed."""
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks, available_plugins

    if plugin not in available_plugins():
        return {}
    kinds: dict[str, dict[str, str]] = {}
    for schema in Hooks.for_plugin(plugin)[0].answers(hookspecs.ciclope_input_schema, params=params):
        for file, parsers in (*schema.columns.items(), *schema.files.items()):
            for column, parser in parsers.items():
                if parser in PARSED:
                    kinds.setdefault(file, {})[column] = PARSED[parser]
    return kinds


def result_kinds(result: Result) -> Kinds:
    """:func:`column_kinds` of the ente of ``result``, made once."""
    return result.memo("explain.column_kinds", lambda: column_kinds(result.plugin.name, result.params))


def stored_kinds(plugin: str, doc: Mapping[str, Any], year: int) -> Kinds:
    """:func:`column_kinds` of an ente read back from the store (:func:`stored_params`)."""
    return column_kinds(plugin, stored_params(plugin, doc, year))


# A figure's key in words, where a figure has no label of its own: the head of the key says what it is.
KEY_WORDS = {
    "indicator": "indicatore",
    "objective": "obiettivo",
    "area": "area strategica",
    "unit": "unità",
    "person": "performance organizzativa di",
    "score": "punteggio di",
    "card": "scheda di valutazione di",
    "award": "premio di",
    "position": "posizione",
    "monitoring": "monitoraggio dell'indicatore",
    "pool": "fondo",
    "fund": "fondo",
    "art69": "maggiorazione del premio individuale",
}


def key_words(key: str, labels: Mapping[str, str] | None = None) -> str:
    """A figure's key (``score:L3``, ``art69:fondo:performance_individuale``) as people read it: «punteggio di L3»,
    «maggiorazione del premio individuale, fondo «Premi per la performance individuale»»; never the key itself."""
    head, _, rest = key.partition(":")
    if head == "ente":
        return "performance dell'ente"
    words = KEY_WORDS.get(head, "cifra calcolata")
    known = labels or {}
    parts = [known.get(p, fmt.accented(p.replace("_", " "))) for p in rest.split(":") if p and p != "fondo"]
    if head in ("pool", "fund") and parts:
        said = fmt.fund(rest.split(":")[0], "", known)
        said = said if said.startswith("Fondo") else f"fondo «{said}»"
        return said + (f" — {parts[1]}" if len(parts) > 1 else "")
    return " ".join([words, *parts]).strip()


def title(key: str, label: str, labels: Mapping[str, str] | None = None) -> str:
    """A figure's title for people: its label in words; the figure of a fund labelled by its key alone (the
    core's «Fondo ‹key›») by the fund's words (:func:`fmt.fund`); a figure without a label by its key in words."""
    head, _, rest = key.partition(":")
    if head in ("pool", "fund") and rest and ":" not in rest and label in ("", f"Fondo {rest}"):
        return fmt.fund(rest, "", labels)
    return fmt.worded(label, labels) if label else key_words(key, labels)


def where(result: Result, cell: str) -> str:
    """``indicators.csv:3:actual`` → ``indicators.csv, riga 3, colonna consuntivo`` (the file as the office named
    it, the column by its Italian name); for data from a workbook the sheet's own cell,
    ``ente.xlsx, foglio indicatori, cella H3 (colonna consuntivo)`` — never a CSV file that does not exist."""
    ente = result.ente
    headers = column_words(result.plugin.name)
    parts = cell.split(":")
    row = parts[1] if len(parts) == 3 else "-"  # "": a column read from no one row
    if ente.source_format == "xlsx" and parts[0].endswith(".csv") and (row.isdigit() or not row):
        shown = ente.column_shown(parts[0], parts[2])
        said = column_it(parts[0], shown, headers) if shown == parts[2] else shown
        # a column the sheet lacks has no letter: its row and its name
        return cell_said(ente.file_of(parts[0]), row, said, ente.column_letter(parts[0], parts[2])) + _time(ente, parts)
    spec = result.params.specs.get(cell.removeprefix("params:")) if cell.startswith("params:") else None
    if spec is not None:  # a parameter of the ente: by its words, else the key the office writes in [ente.parametri]
        return f"parametro {fmt.quoted(spec.label or spec.key)} del regolamento"
    return place(cell, ente.file_of, headers) + _time(ente, parts)


def _time(ente: Ente, parts: list[str]) -> str:
    """After the cell of a person's share of time, the periods their share is the mean of (:mod:`.parttime`)."""
    if not ente.time_shares or len(parts) != 3 or parts[2] != "fte" or table_of(parts[0]) != "people.csv":
        return ""
    person = next((p for p in ente.people.values() if str(p.row) == parts[1]), None)
    return parttime.said(ente, person) if person is not None else ""


@functools.lru_cache(maxsize=32)
def column_words(plugin: str) -> Mapping[str, Mapping[str, str]]:
    """The Italian headers of a plugin's own columns (its InputSchema's ``headers``, its layers' too); {} for a
    plugin that is not installed."""
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks, available_plugins

    if plugin not in available_plugins():
        return {}
    words: dict[str, dict[str, str]] = {}
    hooks = Hooks.for_plugin(plugin)[0]
    for schema in hooks.answers(hookspecs.ciclope_input_schema, params=None):
        for file, cols in schema.headers.items():
            words.setdefault(file, {}).update(cols)
            title = schema.titles.get(file)
            if title:  # a sheet of ente.xlsx named by its Italian title: the same columns
                words.setdefault(f"{title}.csv", {}).update(cols)
    return words


def place(cell: str, rename=None, headers: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """An input cell as people read it: ``rename`` maps a ``.csv`` name to the file or sheet it came from (the
    portal reads cells from the store, with no Ente at hand: a table by its Italian name); the column by its
    Italian name (``points`` → ``punti``; ``headers``: a plugin's own columns)."""
    if cell.startswith("ente.toml:"):
        return fmt.where(cell)
    if (toml := toml_place(cell)) is not None:  # another TOML file (a scenario's [fondi]): its line and its key
        return toml
    if cell.startswith("params:"):  # with no Result at hand, no parameter's Italian key: never its code
        return "parametri del regolamento"
    parts = cell.split(":")
    name = table = parts[0]
    if re.fullmatch(r"ente\.xlsx\[(.+)\]", name):  # a sheet of ente.xlsx by the title the office gave it
        table = table_of(name)
    elif name.endswith(".csv"):  # a file by the name the office gave it (persone.csv is people.csv)
        table = table_of(name)
        name = rename(name) if rename is not None else f"tabella {sheet_it(table)}"
    if len(parts) == 3 and parts[1].isdigit():
        return f"{sheet_said(name)}, riga {parts[1]}, colonna {column_it(table, parts[2], headers)}"
    if len(parts) == 3 and not parts[1]:  # a column, read from no one row (Ente.cell without a row)
        return f"{sheet_said(name)}, colonna {column_it(table, parts[2], headers)}"
    return ", ".join([sheet_said(name)] + parts[1:])


def roots(result: Result, kind: str, ident: str) -> list[Figure]:
    keys = [k.format(ident) for k in START_KEYS[kind]]
    found = [result.figures[k] for k in keys if k in result.figures]
    if kind == "person":  # every other figure about the person (e.g. unit part, band, bonus)
        found += [
            f
            for k, f in sorted(result.figures.items())
            if k.startswith((f"award:{ident}:", f"score:{ident}:", f"card:{ident}:"))
        ]
        # the instalments of a premium paid in instalments, in the order they are paid
        found += [result.figures[i.key] for i in result.ledger.instalments_of(ident) if i.key in result.figures]
        found += [result.figures[k] for k in (f"progression:{ident}",) if k in result.figures]  # a graduatoria's place
        found += [f for f in refusals(result, ident) if f not in found]  # and what it read, down to the cells
    elif kind == "position":
        found += [f for k, f in sorted(result.figures.items()) if k.startswith(f"position:{ident}:") and f not in found]
    elif kind == "pool":
        found = [*_after(result, ident), *found]
        # the fund's quotas for the parts of the premium, in the order they are paid: how the fund was divided
        found += [f for k, f in result.figures.items() if k.startswith(f"pool:{ident}:") and f not in found]
    return found


def _after(result: Result, ident: str) -> list[Figure]:
    """The figure of a fund's amount after a layer took part of it (a set-aside), where the fund's own figure says
    what it held before: the one built on that figure whose value is what the ledger's pool holds, so that the
    header's «Stanziato» and the first figure agree and the part taken is under it."""
    pool = result.ledger.pools.get(ident)
    whole = result.figures.get(f"pool:{ident}")
    if pool is None or whole is None or whole.value == pool.amount:
        return []
    ref = f"pool:{ident}"
    return [f for f in result.figures.values() if f.value == pool.amount and any(i.ref == ref for i in f.inputs)][:1]


def tree(
    result: Result, figure: Figure, seen: set[str] | None = None, depth: int = 0, stop: Stop | None = None
) -> dict[str, Any]:
    """``figure`` and what it reads, down to the cells; ``stop``: the figures not followed (a person's explanation
    stops at the fund constituted, with the fund whose ``explain --pool`` says its items)."""
    seen = set() if seen is None else seen
    seen.add(figure.key)
    kind = value_kind(figure.key)
    node: dict[str, Any] = {
        "key": figure.key,
        "label": figure.label,
        "value": num(figure.value),
        "display": _status_said(result, figure.key, figure.value) or show(figure.value, kind),
        "formula": figure.formula,
        "source": figure.source,
    }
    if figure.note:
        node["note"] = figure.note
    readings = [
        text
        for text in readings_of(figure, result, summed_parts(figure), excluded_at(result, figure.key))
        if f"{SAID_READING}{text}" not in seen
    ]
    if readings:  # the office's reading of the rule the figure applies, once in an explanation
        node["readings"] = readings
        seen.update(f"{SAID_READING}{text}" for text in readings)
    if stop is not None and figure.key.startswith("pool:") and figure.key.count(":") == 1:
        stop = attrs.evolve(stop, pool=figure.key.split(":", 1)[1])  # the fund a premium reads
    node["inputs"] = [input_node(result, i, seen, depth, stop) for i in figure.inputs if i.name != SAID_WHOLE]
    return node


@attrs.frozen
class Stop:
    """The figures a person's explanation does not follow (their keys), and the fund whose chain it is in."""

    keys: frozenset[str]
    pool: str = ""


def input_node(result: Result, i: Input, seen: set[str], depth: int, stop: Stop | None) -> dict[str, Any]:
    """An input of a figure: its value as said, its cell, and the figure it reads, explained unless already said
    above, too deep, or one ``stop`` names."""
    ref_fig = result.figures.get(i.ref) if i.ref else None
    kinds = result_kinds(result)
    shown = input_shown(
        i.name,
        i.value,
        i.ref if ref_fig is not None else "",
        i.cell,
        ref_fig.value if ref_fig else None,
        column_kind(i.cell, kinds),
    )
    shown = worded_code(result, i.cell, i.value) or _status_said(result, i.ref, i.value) or shown
    item: dict[str, Any] = {"name": i.name, "value": num(i.value), "display": shown}
    if i.cell:
        item["cell"] = i.cell
        item["where"] = where(result, i.cell)
    if not i.ref:
        return item
    item["ref"] = i.ref
    item["ref_words"] = title(i.ref, ref_fig.label if ref_fig is not None else "", result.plugin.status_labels)
    if ref_fig is None:
        item["missing"] = True
    elif stop is not None and i.ref in stop.keys and stop.pool:
        item["pool"] = stop.pool  # its items are the fund's: ``explain --pool`` says them
    elif i.ref in seen:
        item["shown_above"] = True
    elif depth + 1 >= MAX_DEPTH:
        item["truncated"] = True
    else:
        item["figure"] = tree(result, ref_fig, seen, depth + 1, stop)
    return item


# how a reading already said is kept among the keys of the figures explained (no figure key begins so)
SAID_READING = "\0ipotesi:"


def readings_of(figure: Figure, result: Result, each: bool = False, person: str | None = None) -> list[str]:
    """The office's own readings of its regulation (``ciclope_assumptions``: what the Relazione lists under
    «Ipotesi») of the rule ``figure`` applies: each whose article is the figure's source, or ends it (a declared
    regulation cites its act, then the block's ``fonte``: «SMVP, art. 6»); with ``each``, of every article a source
    joins («…, art. 6; …, art. 7»: a premium summed from parts, each with its own, :func:`summed_parts`). A reading
    of a rule that gives a status (an exclusion's: :attr:`PluginInfo.reading_status`) only where the figure is of
    ``person`` and they have that status: an exclusion's threshold is no reading of a premium paid. A reading tied
    to the figures of its block (:attr:`PluginInfo.reading_figures`) only with those: an article two blocks cite is
    no tie between them (the date of an act of the calendar is no reading of a score)."""
    whole = str(figure.source or "")
    cited = (whole, *_places_named(whole)) if each else (whole,)
    status = result.status_of(person) if person is not None else None
    tied = result.plugin.reading_status
    blocks = result.plugin.reading_figures
    found = (
        text
        for _, text, where in result.plugin.readings
        if text
        and where
        and tied.get((text, where), status) == status
        and _applies(figure, any(c == where or c.endswith(f", {where}") for c in cited), blocks.get((text, where)))
    )
    return list(dict.fromkeys(found))  # a text several blocks of the act declare, once


def _places_named(source: str) -> list[str]:
    """Each place a joined source cites; one after another of the same act that names it once («SMVP, art. 6; art.
    7», as a declared regulation cites its places in a row) also with each name an earlier place begins with before
    it («SMVP, art. 7»), as the readings of the act's blocks cite their places. A name is what a place writes before
    a «, » (an act's title may hold one: each is tried), so a candidate that names no act matches no reading."""
    out: list[str] = []
    names: dict[str, None] = {}  # what the earlier places write before each «, » in them, with it
    for place in (p.strip() for p in source.split("; ")):
        out += [place, *(f"{name}{place}" for name in names)]
        names.update((place[: at + 2], None) for at in _commas(place))
    return out


def _commas(text: str) -> list[int]:
    return [at for at in range(len(text)) if text.startswith(", ", at)]


def _applies(figure: Figure, cites: bool, block: tuple[str, ...] | None) -> bool:
    """Whether a reading goes with ``figure``: one of no block's figures (:attr:`PluginInfo.reading_figures`) where
    the figure ``cites`` its article; one tied to its block's figures with those that cite it, and with a figure that
    reads one of them directly, whatever it cites: a person's premium (art. 7) that a reduction (art. 8) cut reads its
    cut and says the reduction's reading; a colleague's, which reads none, does not."""
    if block is None:
        return cites
    own = cites and any(begins(figure.key, b) for b in block)
    return own or any(i.ref and begins(i.ref, b) for i in figure.inputs for b in block)


def begins(key: str, beginning: str) -> bool:
    """Whether a figure's key is of those ``beginning`` names (:attr:`PluginInfo.reading_figures`): its beginning,
    or, where ``beginning`` has a ``*``, its first segments one by one (``:`` between them), ``*`` any segment and
    each other the segment as written: ``award:*:risultato`` is ``award:P1:risultato`` and ``award:P1:risultato:PO1``
    (an interim the fund pays), never ``award:P1`` nor ``award:P1:risultato_eq``."""
    if "*" not in beginning:
        return key.startswith(beginning)
    wanted, have = beginning.split(":"), key.split(":")
    return len(have) >= len(wanted) and all(w in ("*", h) for w, h in zip(wanted, have, strict=False))


def excluded_at(result: Result, key: str) -> str | None:
    """The person of a figure where a rule that excludes them applies: their outcome («score:P3:status») or a premium
    paid to them («award:P3», «premio:presenza:P3»); None for any other figure (a fund's, a weight, a score)."""
    if key.startswith("score:") and key.endswith(STATUS):
        person = key.removeprefix("score:").removesuffix(STATUS)
    elif key.startswith(("award:", PART)):
        person = key.rsplit(":", 1)[-1]
    else:
        return None
    return person if person in result.ente.people else None


STATUS = ":status"  # the figure of a person's outcome: ``score:<person>:status``


# the figure of one part's premium, of a premium summed from the parts of one fund: ``premio:<part>:<person>``
PART = "premio:"


def summed_parts(figure: Figure) -> bool:
    """True for a premium summed from the parts of one fund (an input is a part's premium, ``premio:…``): its source
    joins the parts' articles, and the readings of each are the premium's."""
    return any((i.ref or "").startswith(PART) for i in figure.inputs)


def _status_said(result: Result, key: str, value: Any) -> str:
    """A person's status (the figure ``score:<person>:status``, or an input that refers to it) in the words the header
    gives it («qualifica insufficiente»), an exclusion's own code too; "" for any other figure."""
    if not (key.startswith("score:") and key.endswith(":status")) or not isinstance(value, str) or not value:
        return ""
    return fmt.status(value, result.plugin.status_labels)


def refusals(result: Result, ident: str) -> list[Figure]:
    """The conditions of the parts of a premium that left the person out (``ammesso:<part>:<person>`` false:
    :mod:`core.trace`), in the order recorded, but those of the parts that never concerned them (:func:`outsider`)."""
    return [f for f in _refused(result, ident) if not outsider(f)]


def _refused(result: Result, ident: str) -> list[Figure]:
    tail = f":{ident}"
    return [f for k, f in result.figures.items() if k.startswith("ammesso:") and k.endswith(tail) and f.value is False]


def outsider(figure: Figure) -> bool:
    """True when a part's condition left the person out only because every value it read is nothing (0, 0%,
    € 0,00, no, empty): a project they do not take part in (a participation of 0%), a group they are not in, the
    redistribution of a premium they were not paid. That is no reason of money not paid, only a part that is not
    theirs; a condition that read a value (a score under a minimum, days of absence over one) is a reason."""
    inputs = list(figure.inputs)
    return (
        bool(inputs) and figure.key.count(":") == 2 and all(_nothing(i.value) and not _of_the_ente(i) for i in inputs)
    )


def _of_the_ente(i: Input) -> bool:
    """A datum of the ente itself (ente.toml [dati], the sheet dati): the same for everyone, so a condition it fails
    leaves out the whole staff, a reason of money not paid («gli obiettivi dell'ente raggiunti: no»), never a part
    that is not the person's."""
    return i.cell.startswith(("ente.toml:dati.", "dati.csv:")) or "[dati]" in i.cell


def _nothing(value: Any) -> bool:
    if value is None or value is False or value == "":
        return True
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value == 0


def outside_parts(result: Result, ident: str) -> list[str]:
    """The parts whose condition the person is outside of (:func:`outsider`), by name, in the order recorded."""
    return [f.key.split(":")[1] for f in _refused(result, ident) if outsider(f)]


def worded_code(result: Result, cell: str, value: Any) -> str:
    """A role or a category read from its cell, in the words of the ente's contract as the office wrote it («Area
    degli Istruttori (ex categoria C)», not the code «C»); "" for any other input."""
    return staff_code(cell, value, result.ente.year, result.plugin.staff_words)


def staff_code(cell: str, value: Any, year: int, words: Classification | None) -> str:
    """A role or a category read from its cell of people.csv in the words of the contract (``words``, the year's);
    "" for any other input. The one wording of those codes for ``explain`` and the portal's cards."""
    parts = cell.split(":")
    if len(parts) != 3 or table_of(parts[0]) != "people.csv" or not isinstance(value, str) or not value:
        return ""
    if parts[2] == "category":
        return fmt.category_label(value, year, words)
    if parts[2] == "role":
        return fmt.role_label(value, year, words)
    return ""


def _refused_read(result: Result, i: Input) -> str:
    """A value a refused condition read, as the reason says it: an achievement that is a figure (the ente's
    performance, an objective's) as that figure shows it, a percentage («80,00%», never «0,8»); a score (the
    person's, the highest of the ente's) as a score is said everywhere, «55,00 punti», never «55»; anything else as
    it reads without its figure; a role or a category in the words of the ente's contract, as the tree below says it
    («Posizione organizzativa», not «po»)."""
    figure = result.figures.get(i.ref) if i.ref else None
    if figure is not None and value_kind(i.ref) == "achievement":
        return input_shown(i.name, i.value, i.ref, i.cell, figure.value)
    scored = figure is not None and value_kind(i.ref) == "score" or isinstance(i.value, fmt.Points)
    if scored and isinstance(i.value, (Decimal, int)) and not isinstance(i.value, bool):
        return f"{fmt.score(i.value)} punti"
    return worded_code(result, i.cell, i.value) or input_shown(i.name, i.value, "", i.cell)


def unpaid_reasons(result: Result, ident: str, outside_why: bool = False) -> list[dict[str, str]]:
    """Why money the person could expect is not paid, as the figures say it: a post whose "paid" flag is false
    for them (its note says why), an award of 0 (the reason of the part that gave nothing, else its formula), a
    part of the premium whose condition left them out (the condition in words) — with the article. The award's own
    reason comes first: the parts after it only did not add to it. An exclusion from every part says why alone.
    ``outside_why``: the parts that are not the person's each with its reason (:func:`outside_reasons`)."""
    out = []
    for key, f in result.figures.items():
        if key.startswith("position:") and key.endswith(":paid") and f.value is False and f.label.endswith(f" {ident}"):
            out.append({"why": f"{f.label}: no — {f.note or f.formula}", "source": f.source, "about": UNPAID})
    award = result.figures.get(f"award:{ident}")
    status = result.figures.get(f"score:{ident}:status")  # the rule that excluded the person, with its article
    exclusion = status is not None and status.formula.startswith("escluso")
    excluded = award is not None and award.value == 0 and exclusion
    if award is not None and award.value == 0:
        out += _zero_award(result, award, excluded)
    if status is not None and exclusion:  # the rule, then what it read: «(punteggio 59,00)»
        # one sentence about the person whose page it is: the outcome's rule and what it read, never «Esito di …:»
        # before it (the page's heading names the person, the line above says the outcome). Of a person kept out
        # of some parts and paid by others, a reason of what is not paid, before the parts' conditions: the
        # exclusion is why, a condition read after it (the highest score, a maggiorazione's) only follows it
        out.append(
            {"why": exclusion_words(result, status), "source": status.source, "about": OUTCOME if excluded else UNPAID}
        )
    elif status is not None and status.note.startswith(NOTHING) and (award is None or award.value == 0):
        # an outcome whose figure says why nothing is paid (no appointment a part pays): said as the premium's reason
        out.append({"why": zero_reason(status).removeprefix(NOTHING), "source": status.source, "about": UNPAID})
    # excluded from every part: no part's condition is a reason beside the exclusion
    conditions = not (excluded and status is not None and PARTS_ONLY not in status.formula)
    # of one not evaluated, the missing card is why nothing is paid: a part's condition is that part's line alone
    apart = result.status_of(ident) == "not_evaluated"
    verdict = refusal_verdict(result, ident)
    out += _refused_reasons(result, ident, conditions, verdict=verdict, apart=apart, outside_why=outside_why)
    out += recoveries(result, ident)
    return out


def exclusion_words(result: Result, status: Figure, parts: bool = True) -> str:
    """An exclusion's rule and what it read, in one sentence: «escluso dal premio: punteggio sotto il minimo di 60
    (per le parti: individuale; punteggio 55,00)»; without ``parts``, not the parts it is limited to (said where the
    part it left the person out of is named already)."""
    rule = status.formula if parts else re.sub(r" \(per le parti: [^)]*\)", "", status.formula)
    # a number after its name, «punteggio 55,00»; a yes-no datum or a word after a colon, as a sentence says it («il
    # rapporto di lavoro a tempo determinato: sì», «sanzione disciplinare: sanzione pecuniaria»: two words in a row
    # would read as one). A value the rule's words say already («la colonna formazione_svolta (…) dice no») is not
    # said again after them
    shown = [(i, _excluded_read(result, i)) for i in status.inputs]
    read = "; ".join(f"{i.name}{_after_name(i.value)} {value}" for i, value in shown if not _told(rule, i, value))
    return _bracketed(rule, read)


def _after_name(value: Any) -> str:
    """What follows the name of a value an exclusion read, before the value: nothing before a number, a colon
    before anything else."""
    return "" if isinstance(value, (Decimal, int)) and not isinstance(value, bool) else ":"


def part_exclusion(result: Result, ident: str) -> Figure | None:
    """The figure of the person's esito where an exclusion of some parts alone left them out of those, and the
    other parts paid them (``[[esclusioni]] parti``); None otherwise."""
    status = result.figures.get(f"score:{ident}:status")
    if status is None or not status.formula.startswith("escluso") or PARTS_ONLY not in status.formula:
        return None
    return status if result.status_of(ident) != status.value else None


# how an exclusion's rule says it is limited to some parts («escluso dal premio: … (per le parti: risultato)»)
PARTS_ONLY = " (per le parti: "
# a part's condition that leaves out someone whom another part pays and no exclusion took from withholds nothing (a
# maggiorazione they do not have): it «non spetta», said under no «Non pagato» heading; else it says «no» under it
NOT_DUE, WITHHELD = "non spetta", "no"


def refusal_verdict(result: Result, ident: str) -> str:
    """What each part that left the person out says after its name: «non spetta» where the person is paid something
    and only the parts' conditions leave them out of the others (:data:`NOT_DUE`), «no» where an exclusion took
    from them or nothing is paid them. The one rule of ``ciclope explain`` and of the scheda personale."""
    paid = any(a.amount > 0 for a in result.ledger.awards_of(ident))
    return NOT_DUE if paid and part_exclusion(result, ident) is None else WITHHELD


def part_refusals(
    result: Result, ident: str, theirs: Callable[[Input], bool] = lambda i: False, verdict: str = "no"
) -> list[str]:
    """Why the parts that left the person out pay them nothing, each condition with what it read, then each part that
    is not theirs with what did not hold (:func:`outside_reasons`): said after what is paid, where another part pays
    them (the scheda personale: ``verdict`` after each part, «no» or «non spetta»; ``theirs``: the inputs of other
    people it leaves off, rules/core.md §6). Each condition is
    cited as every rule is, act and article («Fonte: Manuale di valutazione, cap. 8, punti 1, 2 e 3»)."""
    docs = result.plugin.documents
    status = part_exclusion(result, ident)  # the exclusion of some parts first, as explain says it
    excluded = [{"why": exclusion_words(result, status), "source": status.source}] if status is not None else []
    reasons = _refused_reasons(result, ident, theirs=theirs, verdict=verdict, outside_why=True)
    return [
        f"{fmt.ended(r['why'])} Fonte: {fmt.ended(fmt.cite(r['source'], docs))}" if r["source"] else r["why"]
        for r in [*excluded, *reasons]
    ]


def outside_reasons(result: Result, ident: str, about: str) -> list[dict[str, str]]:
    """Each part that is not the person's (:func:`outsider`) with what did not hold and its article, as the office's
    workbook gives it («non partecipa alla parte «quota turnisti»: i giorni … sono 0 giorni», art. 8): the
    scheda personale, which the employee reads without the regulation beside it, says why; ``explain`` keeps its one
    plain line of their names (:func:`_refused_reasons`)."""
    return [
        {
            "why": f"non partecipa alla parte «{f.key.split(':')[1]}»: "
            + fmt.yes_no_said(f.note or f"non vale: {f.formula}")
            + rule_note(f),
            "source": f.source,
            "about": about,
        }
        for f in _refused(result, ident)
        if outsider(f)
    ]


def _refused_reasons(
    result: Result,
    ident: str,
    conditions: bool = True,
    theirs: Callable[[Input], bool] = lambda i: False,
    verdict: str = "no",
    apart: bool = False,
    outside_why: bool = False,
) -> list[dict[str, str]]:
    """The parts whose condition left the person out (``conditions``), each with what did not hold and the values it
    read that it does not say (but those ``theirs`` leaves off); then, in one plain line, the parts that are not
    theirs (no reason of money not paid) — with ``outside_why``, each with what did not hold (:func:`outside_reasons`,
    the scheda personale's). ``apart``: each a line of its own, never the reason of what is not paid (another reason,
    the outcome's, comes first)."""
    out = []
    about = DUE if verdict == NOT_DUE or apart else UNPAID  # nothing withheld: no «Non pagato» heading over it
    covered = excluded_parts(result, ident)
    for f in refusals(result, ident) if conditions else ():
        if covered(f.key.removeprefix("ammesso:").removesuffix(f":{ident}")):
            continue  # an exclusion already leaves the person out of the part: its condition is no second reason
        said = f.note or f"non vale: {f.formula}"
        whole = any(i.name == SAID_WHOLE for i in f.inputs)  # a note that says it all: nothing after it
        reads = [] if whole else _reads(result, [i for i in f.inputs if not theirs(i) and i.name != RULE_NOTE])
        read = "; ".join(f"{i.name} = {shown}" for i, shown in reads if not _told(said, i, shown))
        out.append(
            {
                "why": f"{f.label}: {verdict} — {said}" + (f" ({read})" if read else "") + rule_note(f),
                "source": f.source,
                "about": about,
            }
        )
    if outside_why:
        return [*out, *outside_reasons(result, ident, about)]
    others = outside_parts(result, ident)
    if others:
        parts = "alla parte" if len(others) == 1 else "alle parti"
        said = fmt.listed(f"«{name}»" for name in others)
        out.append({"why": f"non partecipa {parts} {said}", "source": "", "about": about})
    return out


def excluded_parts(result: Result, ident: str) -> Callable[[str], bool]:
    """Whether an exclusion left the person out of a part: every part, or the parts it is limited to
    (``[[esclusioni]] parti``, as its rule lists them); no part where no exclusion took from them."""
    status = result.figures.get(f"score:{ident}:status")
    if status is None or not status.formula.startswith("escluso"):
        return lambda part: False
    parts = limited_to(status)
    return lambda part: not parts or part in parts


def _bracketed(rule: str, read: str) -> str:
    """An exclusion's rule and what it read, in one bracket: «… (per le parti: risultato; punteggio 55,00)», never
    two in a row."""
    if not read:
        return rule
    if rule.endswith(")"):
        return f"{rule[:-1]}; {read})"
    return f"{rule} ({read})"


def _excluded_read(result: Result, i: Input) -> str:
    """A value an exclusion read, as its reason says it: a score as every score reads, with two decimals («55,00»,
    never «55»), without «punti» after it (the name says it); anything else as a refused condition's (:func:`_reads`)."""
    figure = result.figures.get(i.ref) if i.ref else None
    if figure is not None and value_kind(i.ref) == "score" and isinstance(i.value, (Decimal, int)):
        return fmt.score(i.value)
    return _refused_read(result, i)


def _zero_award(result: Result, award: Figure, excluded: bool) -> list[dict[str, str]]:
    """Why a premium of 0: the reason its note begins with («nessun importo: …») alone, its formula and share paid
    being said in the figure under it (:func:`zero_reason`); of a premium summed from parts without a reason of its
    own, the reasons of the parts that gave nothing; its formula where none has one. Nothing when an exclusion says
    why and the premium has no reason of its own: its formula only repeats the exclusion («escluso: …») or sums the
    parts it emptied, and its note is the part's, no reason."""
    if excluded and (award.formula.startswith("escluso") or not award.note):
        return []
    if not award.note:
        parts = [result.figures.get(i.ref) for i in award.inputs if i.ref]
        said = [f for f in parts if f is not None and f.value == 0 and f.note.startswith(NOTHING)]
        if said:
            return [{"why": f"{f.label}: {zero_reason(f)}", "source": f.source, "about": UNPAID} for f in said]
    why = f"{award.label}: {zero_reason(award)}"
    return [{"why": why, "source": award.source, "about": UNPAID}]


# what a reason of :func:`unpaid_reasons` is about: the person's outcome (said under «esito»), a part that is not
# due to someone paid (said after the premiums without a heading: nothing is withheld), an amount not paid, an
# amount taken back (each said after the premiums, under its heading)
OUTCOME, DUE, UNPAID, RECOVERY = "esito", "non spetta", "non pagato", "recupero"


def _reads(result: Result, inputs: Iterable[Input]) -> list[tuple[Input, str]]:
    """Each value a condition or a rule read, as its reason says it (:func:`_refused_read`)."""
    return [(i, _refused_read(result, i)) for i in inputs]


def _told(said: str, i: Input, shown: str) -> bool:
    """True when the words of what did not hold already say the value read: «la posizione … è uguale a «nessuna»»
    needs no «(la posizione … nessuna)» after it, nor «la colonna progetto (…) dice no» a «(… no)»."""
    return bool(shown) and i.name in said and (f"«{shown}»" in said or f"dice {shown}" in said)


def recoveries(result: Result, ident: str) -> list[dict[str, str]]:
    """Each balance of a premium paid by advances that takes money back from the person (a «recupero»): the
    balance's rule, its amount and why, with the article."""
    out = []
    for i in result.ledger.instalments_of(ident):
        f = result.figures.get(i.key)
        if i.recovery and f is not None:
            why = f"{instalment_said(i)}: {f.formula} = {instalment_amount(i)}" + (f"; {f.note}" if f.note else "")
            out.append({"why": why, "source": f.source, "about": RECOVERY})
    return out


def subject(result: Result, kind: str, ident: str) -> dict[str, Any] | None:
    """Who or what is explained, with the final figures a reader looks for first."""
    if kind == "person":
        return person_subject(result, ident)
    found = SUBJECTS[kind](result, ident) if kind in SUBJECTS else None
    return None if found is None else {"kind": kind, "id": ident, **found}


def service_words(extra: Mapping[str, Any], year: int) -> str:
    """The days of service of a year begun or ended within it, from people.csv's ``assunzione`` and ``cessazione``
    («181 giorni di servizio su 365 (fino al 30/06/2025)»), then those of an incarico of PO / EQ begun or ended within
    it, from ``term_start`` and ``term_end`` (``inizio_incarico``, ``fine_incarico``, where the plugin reads them:
    «incarico dal 01/07/2024: 184 giorni su 366»), within the service; "" for a whole year of both."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    begin, end = _within(extra, ("assunzione", "cessazione"), first, last)
    words = []
    if begin != first or end != last:
        words.append(
            f"{max(0, (end - begin).days + 1)} giorni di servizio su {(last - first).days + 1} "
            f"({_span(begin, end, first, last)})"
        )
    start, stop = _within(extra, ("term_start", "term_end"), begin, end)
    if (start, stop) != (begin, end):
        days = max(0, (stop - start).days + 1)
        words.append(f"incarico {_span(start, stop, first, last)}: {days} giorni su {(last - first).days + 1}")
    return " · ".join(words)


def service_said(extra: Mapping[str, Any], year: int) -> str:
    """The days of service in the year, whole or not: «366 giorni su 366, tutto l'anno», «181 giorni di servizio su
    365 (fino al 30/06/2025)»; the scheda says it where the service or an incarico covers part of the year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    begin, end = _within(extra, ("assunzione", "cessazione"), first, last)
    total = (last - first).days + 1
    if (begin, end) == (first, last):
        return f"{total} giorni su {total}, tutto l'anno"
    return f"{max(0, (end - begin).days + 1)} giorni di servizio su {total} ({_span(begin, end, first, last)})"


def incarico_said(extra: Mapping[str, Any], year: int, role: str) -> str:
    """The incarico begun or ended within the service in the year, apart from the service: «incarico di EQ dal
    01/05/2025: 245 giorni» (``role``: whose incarico, «di EQ» in the words of the ente's contract, or ""); "" where it
    covers the service, or people.csv dates none."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    begin, end = _within(extra, ("assunzione", "cessazione"), first, last)
    start, stop = _within(extra, ("term_start", "term_end"), begin, end)
    if (start, stop) == (begin, end):
        return ""
    said = f"incarico {role} " if role else "incarico "
    return f"{said}{_span(start, stop, first, last)}: {max(0, (stop - start).days + 1)} giorni"


def _within(
    extra: Mapping[str, Any], columns: tuple[str, str], first: dt.date, last: dt.date
) -> tuple[dt.date, dt.date]:
    """The span of the two date columns of people.csv within ``first``–``last`` (an empty cell leaves its end)."""
    start, stop = extra.get(columns[0]), extra.get(columns[1])
    begin = start if isinstance(start, dt.date) and start > first else first
    end = stop if isinstance(stop, dt.date) and stop < last else last
    return begin, end


def _span(begin: dt.date, end: dt.date, first: dt.date, last: dt.date) -> str:
    """«dal 01/07/2024», «fino al 30/06/2025», «dal 01/03/2024 al 30/06/2024» (of the year ``first``–``last``)."""
    span = f"dal {fmt.date_it(begin)}" if begin != first else "fino"
    return span + (f" al {fmt.date_it(end)}" if end != last else "")


def person_subject(result: Result, ident: str) -> dict[str, Any] | None:
    ente = result.ente
    p = ente.people.get(ident)
    if p is None:
        return None
    unit = ente.units.get(p.unit)
    s = result.scores.get(ident)
    awards = person_awards(result, ident)
    return {
        "kind": "person",
        "id": ident,
        "name": p.name,
        "year": result.ente.year,
        "role": p.role,
        "category": p.category,
        # a grade of the regulation's own ([gradi]), where the category stays empty
        "grade": p.extra.get(result.plugin.grade_column, "") if result.plugin.grade_column else "",
        "grade_word": result.plugin.grade_word,  # «grado», or the contract's word for it («categoria»)
        "unit": p.unit,
        "unit_name": unit.name if unit else "",
        "evaluator": ente.evaluator_of(p.id),
        "evaluator_name": evaluator_name(ente, ente.evaluator_of(p.id)),
        # an organ of ente.toml [valutatori] (the OIV) is named alone: its key is no reader's word
        "evaluator_organ": ente.evaluator_of(p.id) not in ente.people,
        # a person evaluated by several evaluators in the year (valutatori.csv): each with their period and its days
        **({"evaluators": periods_said(ente, p.id)} if p.id in ente.periods else {}),
        "fte": num(p.fte),
        "service": service_words(p.extra, ente.year),
        "score": num(s.score) if s else None,
        # the score in words, on the regulation's own scale first where it has one («55,00 su 60 (91,67 su 100)»)
        "score_said": scoring.said(s) if s is not None and s.scale is not None else "",
        "level": s.level if s else None,
        "status": result.status_of(ident),
        # why the person has no score (the scorer's «motivo»: no card, a regulation that does not evaluate the role)
        "not_evaluated_because": str(s.breakdown.get("motivo") or "")
        if s is not None and s.score is None and result.status_of(ident) == "not_evaluated"  # else its own words
        else "",
        "award": awards[0] if awards else None,  # the first, as before
        "awards": awards,
        "payments": awards,
        "unpaid": unpaid_reasons(result, ident),
        # the ente has money to assign (a pool): else «no amount» is no outcome to say (only a progression, say)
        "money": bool(result.ledger.pools),
        "progression": progression(result, ident),
        "appeals": appeal_rows(ente, ident),
    }


def progression(result: Result, ident: str) -> dict[str, Any] | None:
    """The person's outcome in the progressioni economiche, from ``progression:<person>`` (:mod:`core.trace`): their
    place and the note saying it («selezionato»), or, false, not a candidate and what did not hold; None without."""
    f = result.figures.get(f"progression:{ident}")
    if f is None:
        return None
    candidate = f.value is not False
    return {"candidate": candidate, "place": f.value if candidate else None, "outcome": f.note}


def periods_said(ente: Ente, pid: str) -> list[dict[str, Any]]:
    """The evaluators of a person evaluated by several in the year, each with their period (ISO dates) and its days."""
    return [
        {
            "evaluator": p.evaluator,
            "name": p.said or p.evaluator,
            "from": p.start.isoformat(),
            "to": p.end.isoformat(),
            "days": p.days,
        }
        for p in ente.periods.get(pid, ())
    ]


def evaluator_name(ente: Ente, evaluator: str | None) -> str:
    """The evaluator's name: a person of people.csv, or an external one of ente.toml [valutatori]; "" if unknown."""
    if not evaluator:
        return ""
    person = ente.people.get(evaluator)
    return person.name if person is not None else ente.evaluators.get(evaluator, "")


def person_awards(result: Result, ident: str) -> list[dict[str, Any]]:
    """Every award of the person, from every pool (core/ledger.py), with its source and formula."""
    ledger = result.ledger
    out = []
    awards = list(ledger.awards_of(ident))
    for i, award in enumerate(awards):
        fig = award_figure(result, ident, award.pool, award.ref, premium_first([a.ref for a in awards], i))
        pool = ledger.pools.get(award.pool)
        kind_ = ledger.kind_of(award)
        what = stats.award_what(result, award)
        out.append(
            {
                "amount": f"{award.amount:.2f}",
                "pool": award.pool,
                "pool_label": pool.label if pool else "",
                "band": award.band,
                "kind": kind_,
                "ref": award.ref,
                "what": what,
                "source": fig.source if fig else (pool.source if pool else ""),
                "formula": fig.formula if fig else "",
            }
        )
    return out


def _indicator(result: Result, ident: str) -> dict[str, Any] | None:
    ind = result.ente.indicators.get(ident)
    if ind is None:
        return None
    said = {"name": ind.name, "objective": ind.objective, "type": ind.type, "source": ind.source}
    return {**said, **leftout.indicator_left_out(result, ident, functools.partial(where, result))}


def _objective(result: Result, ident: str) -> dict[str, Any] | None:
    o = result.ente.objectives.get(ident)
    if o is None:
        return None
    return {"name": o.title, "objective_kind": o.kind, **leftout.objective_left_out(result, ident)}


def _unit(result: Result, ident: str) -> dict[str, Any] | None:
    u = result.ente.units.get(ident)
    return None if u is None else {"name": u.name}


def _area(result: Result, ident: str) -> dict[str, Any] | None:
    a = result.ente.areas.get(ident)
    return None if a is None else {"name": a.name}


def _position(result: Result, ident: str) -> dict[str, Any] | None:
    pos = result.positions.positions.get(ident) if result.positions else None
    if pos is None:
        return None
    return {
        "holder": pos.holder,
        "annual": f"{pos.annual:.2f}",
        "result": None if pos.result is None else f"{pos.result:.2f}",
    }


# A fund that pays no premium (no pool of the ledger: the progressioni's) has its amount in ``pool:<name>`` and what
# it gave in ``pool:<name>:distribuito``, recorded by the plugin that spends it
GIVEN = "distribuito"
# Where a fund's residual comes from, when its plugin says it: ``pool:<name>:residuo``, whose inputs are its pieces
# (a part's money left unpaid, a share no part takes), said after the residual in the fund's header
LEFT = "residuo"


def _pool(result: Result, ident: str) -> dict[str, Any] | None:
    pool = result.ledger.pools.get(ident)
    if pool is None:
        return _spent(result, ident)
    return {
        "amount": f"{pool.amount:.2f}",
        "distributed": f"{pool.distributed:.2f}",
        "residual": f"{pool.residual:.2f}",
        "label": pool.label,  # the pool's own name for people, when it has one («… (importi dovuti)»)
        "left": left_pieces(result, ident, pool.residual),
        **taken_before(result, ident),
    }


def taken_before(result: Result, ident: str) -> dict[str, str]:
    """What the fund held before a layer took part of it (a set-aside, :func:`_after`) and what the part is, in the
    words of the figure that took it: the header says the subtraction. Empty when nothing was taken."""
    after, whole = _after(result, ident), result.figures.get(f"pool:{ident}")
    if not after or whole is None:
        return {}
    held, now = Decimal(str(whole.value)), Decimal(str(after[0].value))
    words = [i.name for i in after[0].inputs if not i.ref and isinstance(i.value, Decimal) and i.value == held - now]
    return {
        "whole": f"{held:.2f}",
        "taken": words[0] if words else "tolti dal fondo",
        "destined": "destinati " if ident in result.ente.fund_refs else "",
    }


def left_pieces(result: Result, ident: str, residual: Decimal) -> list[dict[str, Any]]:
    """The pieces of a fund's residual its plugin recorded (:data:`LEFT`), each by its name and amount; none when
    it recorded none, or pieces that do not make the residual (a header never says a sum that does not add up)."""
    figure = result.figures.get(f"pool:{ident}:{LEFT}")
    if figure is None or not residual:
        return []
    pieces = [(i.name, Decimal(str(i.value))) for i in figure.inputs if isinstance(i.value, (Decimal, int))]
    if sum((v for _, v in pieces), Decimal(0)) != residual:
        return []
    return [
        {"name": name, "amount": f"{value:.2f}", **causes_of(result, f"pool:{ident}:{LEFT}:{n}", value)}
        for n, (name, value) in enumerate(pieces, start=1)
        if value
    ]


def causes_of(result: Result, key: str, piece: Decimal) -> dict[str, list[dict[str, str]]]:
    """The causes of one piece of a fund's residual its plugin recorded (``pool:<name>:residuo:<n>``, the n-th
    piece), each by its words and amount: empty when there are none, or when they do not make the piece."""
    figure = result.figures.get(key)
    if figure is None:
        return {}
    causes = [(i.name, Decimal(str(i.value))) for i in figure.inputs if isinstance(i.value, (Decimal, int))]
    if len(causes) != len(figure.inputs) or sum((v for _, v in causes), Decimal(0)) != piece:
        return {}
    return {"causes": [{"name": name, "amount": f"{value:.2f}"} for name, value in causes]}


def _spent(result: Result, ident: str) -> dict[str, Any] | None:
    """The amounts of a fund that pays no premium (:data:`GIVEN`), as a pool's; None without both figures."""
    whole, given = result.figures.get(f"pool:{ident}"), result.figures.get(f"pool:{ident}:{GIVEN}")
    if whole is None or given is None:
        return None
    amount, spent = Decimal(str(whole.value)), Decimal(str(given.value))
    return {
        "amount": f"{amount:.2f}",
        "distributed": f"{spent:.2f}",
        "residual": f"{amount - spent:.2f}",
        "label": progressions.fund_label(result, ident),  # its label, never the core's «Fondo ‹key›»
    }


# what is explained besides a person: its kind → its fields after "kind" and "id"
SUBJECTS: dict[str, Callable[[Result, str], dict[str, Any] | None]] = {
    "indicator": _indicator,
    "objective": _objective,
    "unit": _unit,
    "area": _area,
    "position": _position,
    "pool": _pool,
}


def thing_lines(subj: dict[str, Any], labels: Mapping[str, str] | None = None) -> list[str]:
    """The header of what is explained besides a person: its kind and id (a fund by its words, never its key), and
    a fund's or a position's amounts."""
    kind = subj["kind"]
    if kind == "pool":
        amount, given, left = (Decimal(subj[k]) for k in ("amount", "distributed", "residual"))
        held = fmt.euro(amount)
        if subj.get("whole"):  # a layer took part of what the fund held: the subtraction, in its words
            whole = Decimal(subj["whole"])
            held = (
                f"{fmt.euro(whole)} {subj['destined']}− {fmt.euro(whole - amount)} "
                f"{fmt.worded(subj['taken'], labels or {})} = {held}"
            )
        lines = [
            fmt.fund(subj["id"], subj.get("label", ""), labels),
            f"Stanziato {held} · distribuito {fmt.euro(given)} · residuo {fmt.euro(left)}",
        ]
        if left:  # where the residual comes from: the subtraction, then the pieces the plugin named
            pieces = "; ".join(
                f"{fmt.worded(p['name'], labels or {})} {fmt.euro(Decimal(p['amount']))}"
                for p in subj.get("left") or ()
            )
            lines.append(
                f"Residuo = stanziato − distribuito = {fmt.euro(amount)} − {fmt.euro(given)} = {fmt.euro(left)}"
                + (f": {pieces}" if pieces else "")
            )
            lines += cause_lines(subj.get("left") or (), labels or {})
        return lines
    name = subj.get("name") or ""
    lines = [f"{KIND_NAMES[kind].capitalize()} {subj['id']}" + (f" — {name}" if name else "")]
    if kind == "position":
        lines.append(
            f"Titolare: {subj['holder'] or 'vacante'} · retribuzione annua {fmt.euro(Decimal(subj['annual']))}"
            + (f" · risultato {fmt.euro(Decimal(subj['result']))}" if subj["result"] else "")
        )
    return lines


def cause_lines(pieces: Iterable[Mapping[str, Any]], labels: Mapping[str, str]) -> list[str]:
    """Under the residual, each piece its plugin split by cause: the piece, then each cause and its amount."""
    lines = []
    for p in pieces:
        if not p.get("causes"):
            continue
        lines.append(f"  {fmt.worded(p['name'], labels)} {fmt.euro(Decimal(p['amount']))}, per causa:")
        lines += [f"    • {fmt.worded(c['name'], labels)}: {fmt.euro(Decimal(c['amount']))}" for c in p["causes"]]
    return lines


def header_lines(
    subj: dict[str, Any],
    labels: Mapping[str, str] | None = None,
    documents: Mapping[str, str] | None = None,
    levels: Mapping[str, str] | None = None,
    *,
    staff: Classification | None,
) -> list[str]:
    """The subject's lines: a person by the words of the ente's contract (``staff``, :attr:`PluginInfo.staff_words`)."""
    if subj["kind"] != "person":
        return thing_lines(subj, labels) + leftout.left_out_lines(subj, documents)
    year = int(subj.get("year") or 0)
    role = fmt.role_label(subj["role"], year, staff)
    cat = f", {fmt.category_label(subj['category'], year, staff)}" if subj["category"] else ""
    if subj.get("grade"):
        cat = f", {subj.get('grade_word') or 'grado'} {subj['grade']}"
    unit = fmt.with_code(subj["unit_name"] or "", subj["unit"])  # by name, then code
    named = subj["evaluator_name"]  # a person by name, then code, as the unit; an organ by its name alone
    evaluator = named if named and subj.get("evaluator_organ") else f"{named} ({subj['evaluator']})" if named else None
    evaluator = f"valutatore {evaluator or subj['evaluator'] or '—'}"
    if subj.get("evaluators"):  # each evaluator of a part of the year, with the period
        evaluator = "valutatori " + "; ".join(
            f"{e['name']} dal {fmt.date_it(dt.date.fromisoformat(e['from']))} al "
            f"{fmt.date_it(dt.date.fromisoformat(e['to']))}"
            for e in subj["evaluators"]
        )
    lines = [
        f"Persona {subj['id']} — {subj['name']}",
        f"{role}{cat} · unità {unit} · {evaluator} · tempo lavorato "
        f"{show(Decimal(str(subj['fte'])), 'share')}" + (f" · {subj['service']}" if subj.get("service") else ""),
    ]
    esito = [f"esito: {fmt.status(subj['status'], labels)}"]
    if subj.get("not_evaluated_because"):
        esito[0] += f" ({subj['not_evaluated_because']})"
    if subj["score"] is not None:
        esito.append(f"punteggio {subj.get('score_said') or fmt.score(subj['score'])}")
    if subj["level"]:
        esito.append(f"livello {fmt.level(subj['level'], levels)}")
    lines.append(" · ".join(esito))
    reasons = subj.get("unpaid") or ()  # the reason and article when nothing (or less) is paid
    # the outcome's own reason under it; the others after the premiums they are about, never as if of the outcome
    lines += reason_lines([r for r in reasons if r.get("about") == OUTCOME], documents)
    lines += appeal_lines(subj.get("appeals") or [])
    awards = subj.get("awards") or ([subj["award"]] if subj.get("award") else [])
    if not awards and (subj.get("money", True) or not subj.get("progression")):
        lines.append("Premio: nessun importo assegnato.")
    for award in awards:
        lines += award_lines(award, subj, labels, documents)
    lines += total_lines(awards)
    # a part not due to someone paid: a line of its own, as a premium's, no «perché:» of the total above it
    lines += reason_lines([r for r in reasons if r.get("about") == DUE], documents, said="")
    for about in (UNPAID, RECOVERY):
        said = reason_lines([r for r in reasons if r.get("about", UNPAID) == about], documents)
        if said and awards:  # after a premium's own lines, headed by what they are about
            lines.append(f"{about.capitalize()}:")
        lines += said
    return lines + progression_lines(subj.get("progression"))


NOT_PREMIUMS = (POSITION, INCENTIVE)  # the kinds of pay that are no performance premium (core/money.py)


def total_lines(awards: Sequence[Mapping[str, Any]]) -> list[str]:
    """What the person's premiums make together where several funds pay them, as the person is paid it; beside them a
    compenso that is not a performance premium (an incentive a law destines) is added in a total of its own."""
    own = [a for a in awards if not a.get("ref") and a.get("kind") not in NOT_PREMIUMS]
    premiums = [Decimal(a["amount"]) for a in own]
    paid = [Decimal(a["amount"]) for a in awards if not a.get("ref") and a.get("kind") != POSITION]
    # a dirigente's or EQ's result pay beside a premium: the total says both, as each line above names its own
    results = sum(a.get("what") == stats.RESULT_PAY for a in own)
    others = len(own) - results
    of = [
        *(["del premio" if others == 1 else "dei premi"] if others else []),
        *(["della " + stats.RESULT_PAY] * bool(results)),
    ]
    out = [f"Totale {fmt.listed(of)}: {fmt.euro(sum(premiums, Decimal(0)))}"] if len(premiums) > 1 else []
    if premiums and len(paid) > len(premiums):
        compensi = "del compenso" if len(paid) - len(premiums) == 1 else "dei compensi"
        out.append(f"Totale {fmt.listed([*of, compensi])}: {fmt.euro(sum(paid, Decimal(0)))}")
    return out


def reason_lines(
    reasons: Iterable[Mapping[str, str]], documents: Mapping[str, str] | None, said: str = "  perché: "
) -> list[str]:
    """Each reason of :func:`unpaid_reasons` after ``said``, with its rule."""
    lines = []
    for reason in reasons:
        lines.append(f"{said}{reason['why']}")
        if reason["source"]:
            lines.append(f"  regola: {fmt.cite(reason['source'], documents)}")
    return lines


def award_lines(
    award: Mapping[str, Any],
    subj: Mapping[str, Any],
    labels: Mapping[str, str] | None,
    documents: Mapping[str, str] | None,
) -> list[str]:
    """One award of the person: its amount, what it is and its fund, then its rule."""
    if award.get("ref"):  # money for a post (position pay, its result pay): named with the post
        return [
            f"Importo: {fmt.euro(Decimal(award['amount']))} — {award['what']} ({fmt.fund(award['pool'], '', labels)})",
            f"  regola: {fmt.cite(award['source'], documents)}" if award["source"] else "  regola: —",
        ]
    # a regulation without merit bands records each one's level as the band: said once, as the level above
    band = f", fascia {award['band']}" if award["band"] and award["band"] != subj.get("level") else ""
    what = {POSITION: "Retribuzione di posizione", INCENTIVE: "Compenso"}.get(award.get("kind") or "", "Premio")
    if award.get("what") == stats.RESULT_PAY:  # a dirigente's or PO's pay for their result, not a staff premium
        what = stats.upper_first(stats.RESULT_PAY)
    # the fund by its pool's own words where it has them, as the Relazione names it («… (importi dovuti)»)
    fund = fmt.fund(award["pool"], award["pool_label"], labels)
    # a fund named as what it pays («Retribuzione di risultato») is not said twice
    named = f" — {fund}{band}" if fund.casefold() != what.casefold() or band else ""
    return [
        f"{what}: {fmt.euro(Decimal(award['amount']))}{named}",
        f"  regola: {fmt.cite(award['source'], documents)}"
        if award["source"]
        else "  regola: il regolamento non ha registrato la spiegazione di questo importo",
    ]


def progression_lines(found: Mapping[str, Any] | None) -> list[str]:
    """The person's outcome in the progressioni economiche (:func:`progression`), after the money."""
    if not found:
        return []
    if not found["candidate"]:
        why = f" ({found['outcome']})" if found["outcome"] else ""
        return [f"Progressione economica: non candidato{why}."]
    place = f" (posto {found['place']} in graduatoria)" if found["place"] is not None else ""
    return [f"Progressione economica: {found['outcome'] or 'in graduatoria'}{place}."]


def render_text(
    nodes: list[dict[str, Any]],
    subj: dict[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
    documents: Mapping[str, str] | None = None,
    levels: Mapping[str, str] | None = None,
    *,
    staff: Classification | None,
) -> str:
    """``levels``: the words the ente's own regulation gives its levels (``PluginInfo.ente_labels``); ``staff``:
    the words its contract gives roles and categories (``PluginInfo.staff_words``)."""
    lines: list[str] = []
    if subj is not None:
        lines += header_lines(subj, labels, documents, levels, staff=staff)
        lines.append("")

    words = labels or {}

    def walk(node: dict[str, Any], indent: str) -> None:
        lines.append(f"{indent}■ {title(node['key'], node['label'], words)} = {fmt.worded(node['display'], words)}")
        lines.append(f"{indent}  formula: {fmt.worded(node['formula'], words)}")
        lines.append(f"{indent}  fonte:   {fmt.cite(node['source'], documents)}")
        if node.get("note"):
            lines.append(f"{indent}  nota:    {fmt.worded(node['note'], words)}")
        lines.extend(f"{indent}  ipotesi: {text}" for text in node.get("readings", ()))
        for inp in node["inputs"]:
            text = f"{indent}  • {fmt.worded(inp['name'], words)} = {fmt.worded(inp['display'], words)}"
            if inp.get("where"):
                text += f"   ← {inp['where']}"
            if inp.get("pool"):
                fund = fmt.fund(inp["pool"], "", words)
                text += f"   (la costituzione, voce per voce, è nella spiegazione di «{fund}»)"
            elif inp.get("shown_above"):
                text += (
                    f"   (spiegato sopra: {fmt.worded(inp.get('ref_words') or key_words(inp['ref'], words), words)})"
                )
            elif inp.get("truncated"):
                text += f"   (la catena continua: {fmt.worded(inp.get('ref_words') or key_words(inp['ref'], words), words)})"
            elif inp.get("missing"):
                text += f"   ({key_words(inp['ref'], words)}: senza spiegazione registrata)"
            lines.append(text)
            if "figure" in inp:
                walk(inp["figure"], indent + "    ")

    for n in nodes:
        walk(n, "")
        lines.append("")
    if not nodes and not (subj or {}).get("left_out"):  # one left out has said why it has no figure
        lines.append("Nessuna cifra calcolata da spiegare.")
    return "\n".join(lines).rstrip() + "\n"


def explain(result: Result, kind: str, ident: str, as_json: bool = False) -> str | None:
    """The explanation as text (or JSON); None when nothing is known about ``ident`` (a fund by its key or by a
    name its plugin gives it, :meth:`PluginInfo.fund_named`)."""
    ident = result.plugin.fund_named(ident) if kind == "pool" else ident
    found = roots(result, kind, ident)
    subj = subject(result, kind, ident)
    if not found and subj is None:
        return None
    seen: set[str] = set()
    nodes = []
    stop = Stop(frozenset({CONSTITUTED})) if kind == "person" else None
    for f in found:
        if f.key in seen:  # already explained inside an earlier chain
            continue
        nodes.append(tree(result, f, seen, stop=stop))
    if as_json:
        doc = {"ente": result.ente.id, "subject": subj or {"kind": kind, "id": ident}, "figures": nodes}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    plugin = result.plugin
    return render_text(
        nodes, subj, plugin.status_labels, plugin.documents, plugin.ente_labels, staff=plugin.staff_words
    )


# what each option of explain asks about, as a hint names it
KINDS_SAID = {
    "person": "una persona",
    "indicator": "un indicatore",
    "objective": "un obiettivo",
    "unit": "un'unità organizzativa",
    "area": "un'area strategica",
    "position": "una posizione",
}


def suggest(result: Result, kind: str, ident: str) -> str:
    """A hint naming the closest known ids when ``ident`` is unknown, or the option that explains it when it is the code
    of something else (a unit's asked as an objective); a fund by the names the office uses (:func:`suggest_fund`)."""
    if kind == "pool":
        return suggest_fund(result, ident)
    codes = {
        "person": list(result.ente.people),
        "indicator": list(result.ente.indicators),
        "objective": list(result.ente.objectives),
        "unit": list(result.ente.units),
        "area": list(result.ente.areas),
        "position": list(result.positions.positions) if result.positions else [],
    }
    other = next((k for k, ids in codes.items() if k != kind and ident in ids), None)
    if other is not None:  # the code of something else: the option that explains it
        return f"«{ident}» è {KINDS_SAID[other]}: chiedi --{other} {ident}"
    known = codes.get(kind, [])
    close = difflib.get_close_matches(ident, known, n=3, cutoff=0.5)
    if close:
        return f"forse intendevi {', '.join(close)}?"
    if known:
        shown = ", ".join(known[:10]) + (" …" if len(known) > 10 else "")
        return f"codici esistenti: {shown}"
    return ""


def fund_names(result: Result) -> dict[str, str]:
    """Each fund ``explain --pool`` explains, by the name the office writes or reads (a layer's neutral name,
    «maggiorazione», where the fund's key names an article; else the key of [fondi] or of the regulation): name →
    its label, in the order of the names."""
    plugin = result.plugin
    alias: dict[str, str] = {}
    for info in (plugin, *plugin.layers):
        for name, key in info.fund_aliases.items():
            alias.setdefault(key, name)
    keys = [k.split(":", 1)[1] for k in result.figures if k.startswith("pool:") and k.count(":") == 1]
    pools = result.ledger.pools
    said = {alias.get(k, k): fmt.fund(k, getattr(pools.get(k), "label", ""), plugin.status_labels) for k in keys}
    return dict(sorted(said.items()))


def suggest_fund(result: Result, ident: str) -> str:
    """The funds one may ask about, by name and label («forse intendevi «maggiorazione» (Maggiorazione del premio
    individuale …)?», or all of them); and, for an ente whose progressioni economiche have no fund, where their
    selection is explained: per person and in the internal Relazione."""
    names = fund_names(result)
    close = difflib.get_close_matches(ident, list(names), n=3, cutoff=0.5)
    if close:
        return f"forse intendevi {fmt.listed(f'{fmt.quoted(n)} ({names[n]})' for n in close)}?"
    said = [f"fondi che si possono chiedere: {', '.join(f'{fmt.quoted(n)} ({w})' for n, w in names.items())}"]
    if any(k.startswith("progression:") for k in result.figures) and not progressions.given_funds(result):
        said.append(
            "le progressioni economiche dell'ente non hanno un fondo: la selezione è spiegata per persona "
            "(--person) e nella Relazione interna"
        )
    return "; ".join(said[1:] if not names else said)
