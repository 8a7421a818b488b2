"""The office's own readings of its text (``ipotesi = "…"`` in any block): where the published text is silent or
unclear (a threshold it leaves out, a rule it can be read two ways), the office writes the number it chose and says
so. Each reading is found here, in the order of the file, with the block it belongs to said in words and the block's
``fonte``: the Relazione lists them among its assumptions, ``regolamento leggi`` in its last article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.plugins.regolamento.format.spec import Definition, Event, Exclusion, Reduction, Regulation, ResultPay

# a block of a list of tables, as a sentence names it (the list's key → its item); a table alone by its own key's doc
ITEM_WORDS = {
    "premi": "parte del premio",
    "esclusioni": "esclusione",
    "riduzioni": "riduzione",
    "fondi": "fondo",
    "scheda": "scheda di valutazione",
    "controlli": "controllo",
    "calendario": "atto del calendario",
    "colonne": "colonna",
    "definizioni": "definizione",
    "stati": "stato",
    "indicatori": "soglia degli indicatori",
    "risultato_po": "retribuzione di risultato",
}
# the key that names a block among its list's, where it has one: its own name as written (an act of the calendar
# by the act), else a code of the format said in words («punteggio_minimo» → «punteggio minimo»)
NAMES = ("name", "act", "rule")
# an exclusion named by its rule, in words (as the outcome it gives is said): never the rule's code
RULES = {
    "assenze": "per assenze",
    "punteggio_minimo": "per punteggio sotto il minimo",
    "insufficiente": "per insufficiente rendimento",
    "sanzione": "per sanzione disciplinare",
    "unita_sotto": "per obiettivi dell'unità non raggiunti",
    "formula": "per una condizione del regolamento",
}


@attrs.frozen
class Reading:
    where: str  # the block in words: «esclusione per assenze», «i livelli di valutazione»
    text: str  # the office's reading, as written
    source: str  # the block's fonte ("" when it has none)
    status: str = ""  # the status the block gives a person (an exclusion's): the reading is of them alone
    # the beginnings of the keys of the figures the block records, the reading said with those alone; () for a block
    # that records none (an act of the calendar); None: every figure citing the block's fonte
    figures: tuple[str, ...] | None = None


def readings(reg: Regulation) -> list[Reading]:
    """Every ``ipotesi`` of the regulation, in the order the format declares its blocks; the same text of the same
    ``fonte`` in several blocks once, at the first, naming them all (:func:`merged`): twelve parts of the premium
    that each declare it are one reading, never twelve."""
    found = list(_walk(reg, "", reg))
    return [merged(group, _lists(reg)) for group in _groups(found)]


def _groups(found: list[Reading]) -> list[list[Reading]]:
    """The readings by their text and source, in the order of the first of each."""
    out: dict[tuple[str, str], list[Reading]] = {}
    for r in found:
        out.setdefault((r.text, r.source), []).append(r)
    return list(out.values())


def _lists(reg: Regulation) -> dict[str, int]:
    """How many blocks each list of the regulation has, by the words of its item («parte del premio»: 12)."""
    out: dict[str, int] = {}
    for field in attrs.fields(type(reg)):
        value = getattr(reg, field.name)
        item = ITEM_WORDS.get(field.metadata.get("toml", field.name))
        if item and isinstance(value, tuple):
            out[item] = out.get(item, 0) + sum(1 for v in value if attrs.has(type(v)))
    return out


# an item of a list in the plural, and every block of its list, where a reading names several of them
PLURALS = {
    "parte del premio": ("parti del premio", "tutte le parti del premio"),
    "esclusione": ("esclusioni", "tutte le esclusioni"),
    "riduzione": ("riduzioni", "tutte le riduzioni"),
    "fondo": ("fondi", "tutti i fondi"),
    "colonna": ("colonne", "tutte le colonne"),
    "definizione": ("definizioni", "tutte le definizioni"),
    "controllo": ("controlli", "tutti i controlli"),
}


def merged(group: list[Reading], lists: dict[str, int] | None = None) -> Reading:
    """One reading of the blocks of ``group`` (the same text and source): where they are all blocks of one list,
    «parti del premio «a» e «b»», or «tutte le parti del premio» where they are every block of it (``lists``: how
    many the list has); else each block named, joined."""
    first = group[0]
    if len(group) == 1:
        return first
    status = first.status if all(r.status == first.status for r in group) else ""
    return attrs.evolve(_merged_where(group, lists), status=status, figures=_figures(group))


def _figures(group: list[Reading]) -> tuple[str, ...] | None:
    """The figures a reading several blocks declare is said with: those of each block, every one citing the source
    where a block does not say its own."""
    if any(r.figures is None for r in group):
        return None
    return tuple(dict.fromkeys(f for r in group for f in r.figures or ()))


def _merged_where(group: list[Reading], lists: dict[str, int] | None) -> Reading:
    """:func:`merged`'s reading, the blocks said in words."""
    first = group[0]
    wheres = list(dict.fromkeys(r.where for r in group))
    item = next((i for i in PLURALS if all(w.startswith(f"{i} «") for w in wheres)), "")
    if not item:
        return Reading(fmt.listed(wheres), first.text, first.source)
    plural, every = PLURALS[item]
    if (lists or {}).get(item) == len(wheres):
        return Reading(every, first.text, first.source)
    return Reading(f"{plural} {fmt.listed(w.removeprefix(f'{item} ') for w in wheres)}", first.text, first.source)


def within(block: Any) -> list[Reading]:
    """The readings of one block and of the tables inside it."""
    return list(_walk(block, "blocco"))


def _walk(block: Any, where: str, reg: Regulation | None = None) -> Iterator[Reading]:
    text = getattr(block, "assumption", "")
    if where and isinstance(text, str) and text:
        status = block.gives if isinstance(block, Exclusion) else ""
        yield Reading(where, text, str(getattr(block, "source", "") or ""), status, _recorded(block, reg))
    if not attrs.has(type(block)):
        return
    for field in attrs.fields(type(block)):
        value = getattr(block, field.name)
        toml = field.metadata.get("toml", field.name)
        if attrs.has(type(value)):
            yield from _walk(value, where or _said(field, value), reg)
        elif isinstance(value, tuple):
            for item in (v for v in value if attrs.has(type(v))):
                yield from _walk(item, where or _said(field, item, ITEM_WORDS.get(toml, toml)), reg)


def _recorded(block: Any, reg: Regulation | None) -> tuple[str, ...] | None:
    """The figures a block's reading is said with (and those that read them), where another block may cite its
    article: an act of the calendar records none (its reading is of the calendar); the result pay, the amounts of its
    fund and the fund's own figures (an exclusion, the levels, a part of the premium often cite the same paragraph: a
    Direttore's percentages are no reading of an employee's premium); a reduction, its cut of each person it reduces
    (its brackets are no reading of a colleague's premium with no absence); any other block every figure citing its
    fonte."""
    if isinstance(block, Event):
        return ()
    if isinstance(block, ResultPay):
        return (f"award:*:{block.fund}", f"pool:{block.fund}:*")
    if isinstance(block, Reduction):
        found = enumerate(reg.reductions, start=1) if reg is not None else ()
        place = next((n for n, red in found if red is block), None)
        return None if place is None else (f"reduction:*:{place}",)
    return None


def shared(field: Any, items: tuple[Any, ...]) -> dict[str, tuple[int, str]]:
    """Of the blocks ``items`` of one list (the field ``field``), each reading two or more of them declare: its text
    → the place of the last block that has it and the blocks in words (:func:`merged`), so that an article says it
    once, after the last of them."""
    toml = field.metadata.get("toml", field.name)
    found: dict[str, list[tuple[int, Reading]]] = {}
    for k, item in enumerate(items):
        for r in within(item):
            found.setdefault(r.text, []).append((k, Reading(block_words(field, item), r.text, r.source)))
    lists = {ITEM_WORDS.get(toml, toml): len(items)}
    return {
        text: (places[-1][0], merged([r for _, r in places], lists).where)
        for text, places in found.items()
        if len({k for k, _ in places}) > 1
    }


def block_words(field: Any, block: Any) -> str:
    """A block of a list of tables (the field ``field`` of the regulation) in words: «parte del premio
    «produttività»»."""
    toml = field.metadata.get("toml", field.name)
    return _said(field, block, ITEM_WORDS.get(toml, toml))


def _said(field: Any, block: Any, item: str = "") -> str:
    """A block in words: an item of a list by what it is and its name («parte del premio «produttività»»), a table
    alone by what its key is («i livelli di valutazione»)."""
    if not item:
        return str(field.metadata.get("doc", field.name)).split(" (")[0]
    if isinstance(block, Definition):  # by its words, as the explanations say it, never the formulas' identifier
        return f"{item} «{block.description or block.name.replace('_', ' ')}»"
    named = [(n, getattr(block, n)) for n in NAMES if isinstance(getattr(block, n, None), str) and getattr(block, n)]
    if not named:
        return item
    key, name = named[0]
    if key == "rule" and name in RULES:
        return f"{item} {RULES[name]}"
    return f"{item} «{name if key == 'name' else name.replace('_', ' ')}»"
