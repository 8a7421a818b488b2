"""Modulo I: the constitution of the fund, one line per item in force in the year (``fondo.toml``), each computed by
its rule from the rows of the ``fondo`` sheet, recorded in the trace with its inputs and clause.

Rounding (rules/core.md §4): an amount computed as a share or a per-head figure is half-up to the cent; a cap
written «fino a» is rounded down; a split between fund and EQ is by the largest remainder, so the two parts are the
whole to the cent. A required item (the contract grants it whatever the ente decides) whose input is missing is a
warning and is left out; an amount above its cap is an error and stays in the fund as written (the document shows
the error against it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ciclope.core import Ente, Input, Problem, Trace, fmt, money

from .sheet import SHEET, Entry
from .staff import differing
from .table import Risorsa, Table, percent, table

RULE = "ccnl.fondo.costituzione"
WRITTEN = "importi scritti nel foglio fondo"  # an item whose rows the office writes: the figure says so


@attrs.frozen
class Given:
    """The rows of the sheet that carry a figure, by voce; ``refused``: the voci whose rows carry a figure the sheet's
    errors refused (left out of ``rows``) → those rows. A refused voce is not missing: its error is at its row."""

    rows: tuple[Entry, ...]
    refused: Mapping[str, tuple[int, ...]] = attrs.field(factory=dict, hash=False)

    def of(self, voce: str) -> list[Entry]:
        return [e for e in self.rows if e.voce == voce]

    def one(self, voce: str) -> Entry | None:
        found = self.of(voce)
        return found[0] if found else None

    def amount(self, voce: str) -> Decimal | None:
        e = self.one(voce)
        return None if e is None else e.amount

    def number(self, voce: str) -> Decimal | None:
        e = self.one(voce)
        return None if e is None else e.number


@attrs.frozen
class Made:
    """The constitution's lines and the problems met making them."""

    lines: tuple[money.FundLine, ...]
    problems: tuple[Problem, ...]


def constitution(ente: Ente, given: Given, t: Table, trace: Trace) -> Made:
    lines: list[money.FundLine] = []
    problems: list[Problem] = []
    for r in t.risorse_in(ente.year):
        made, found = RULES[r.rule](ente, given, r, trace)
        lines += made
        problems += found
    return Made(tuple(lines), tuple(problems))


def cell(ente: Ente, e: Entry, column: str = "importo") -> str:
    return ente.cell(SHEET, e.row, column)


def words(voce: str, mid: bool = False) -> str:
    """A voce of the sheet as the Relazione tecnico-finanziaria names it (its «Dati di partenza»): its title, never
    its code; ``mid``: inside a sentence, its first letter lower-case («1,2% × monte salari 1997 …»)."""
    v = table().voci.get(voce)
    title = v.title if v is not None else voce
    return title[:1].lower() + title[1:] if mid and title[1:2].islower() else title


def named(voce: str) -> str:
    """Another row of the sheet than the problem's own, as a message's sentence names it: the head of its title
    mid-sentence, before the notes the template's descrizione adds in brackets, after a comma or a colon («monte
    salari 1997», not «monte_salari_1997» nor «Monte salari 1997 (base dell'1,2%)»)."""
    return _NOTE.split(words(voce, mid=True), maxsplit=1)[0]


_NOTE = re.compile(r" \(|, |: ")  # where a title's first note begins


def record(trace: Trace, line: money.FundLine, formula: str, inputs: Sequence[Input]) -> money.FundLine:
    trace.record(f"fund:{line.key}", line.amount, formula, line.source, inputs, label=line.title, note=line.note)
    return line


def said(rows: Sequence[Entry]) -> str:
    """What the office wrote beside the figures of a line: the acts and the notes of its rows, once each (the
    relazione tecnico-finanziaria shows them to the revisore beside the clause)."""
    return "; ".join(dict.fromkeys(text for e in rows for text in (e.act, e.note) if text))


def joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def line(
    r: Risorsa, amount: Decimal, key: str = "", limit: str = "", note: str = "", parts: Parts = ()
) -> money.FundLine:
    return money.FundLine(
        key=key or f"item:{r.id}",
        title=r.title,
        section=r.section,
        amount=amount,
        source=r.source,
        confidence=r.confidence,
        limit=limit or r.limit,
        note=note or r.note,
        parts=parts,
    )


Parts = tuple[tuple[str, Decimal], ...]


def parts_of(r: Risorsa, rows: Sequence[Entry]) -> Parts:
    """A line's rows, each with its act and note and its amount (signed as the line), when it has more than one:
    the relazione tecnico-finanziaria ties each act to its amount. No rows for a voce of one person per row (a
    cessato's RIA): the document shows its total alone."""
    if len(rows) < 2 or r.personal:
        return ()
    return tuple((said([e]) or "atto non indicato", r.sign * (e.amount or Decimal(0))) for e in rows)


def missing(ente: Ente, given: Given, r: Risorsa, voce: str) -> list[Problem]:
    """A required item without its input: a warning naming the clause (the item is left out). An input written
    but refused is not missing: the error at its row says what to correct."""
    if not r.required or voce in given.refused:
        return []
    message = (
        f"manca {voce} nel foglio fondo: «{r.title}» non è calcolata e il fondo del {ente.year} ne è privo; scrivi il "
        "dato"
    )
    return [Problem.at(ente, RULE, message, r.source, SHEET, None, "voce", severity="warning")]


def by_amount(ente: Ente, given: Given, r: Risorsa, trace: Trace) -> tuple[list[money.FundLine], list[Problem]]:
    """``importo``: the amounts written, one line for the rows that keep the contract's standing toward the limit
    and one for each standing the office chose (``fuori_limite``, where the law decides)."""
    rows = given.of(r.input)
    if not rows:
        return [], missing(ente, given, r, r.input)
    return grouped(ente, r, rows, trace, WRITTEN), []


def grouped(ente: Ente, r: Risorsa, rows: list[Entry], trace: Trace, formula: str) -> list[money.FundLine]:
    out = []
    for state in (None, False, True):
        part = [e for e in rows if e.outside is state]
        if not part:
            continue
        limit = r.limit if state is None else ("fuori" if state else "dentro")
        chosen = "" if state is None else f"{'fuori dal' if state else 'nel'} limite come lo dichiara l'ente"
        parts = parts_of(r, part)  # several rows: each act beside its amount, not run together in the note
        if parts:
            note = joined(r.note, chosen)
        elif state is None:
            note = joined(r.note, said(part))
        else:
            note = f"{chosen}: " + (said(part) or "atto non indicato")
        key = f"item:{r.id}" if state is None else f"item:{r.id}:{limit}"
        amount = r.sign * sum((e.amount or Decimal(0) for e in part), Decimal(0))
        inputs = [Input(row_words(r, e, len(part) > 1), e.amount, cell=cell(ente, e)) for e in part]
        sign = "− " if r.sign < 0 else ""
        out.append(record(trace, line(r, amount, key, limit, note, parts), sign + formula, inputs))
    return out


def row_words(r: Risorsa, e: Entry, several: bool) -> str:
    """A row of an item by the item's words, its row's number where the item has several, and its act: «RIA e
    assegni ad personam …, riga 6 (Det. 312/2025)»."""
    return r.title + (f", riga {e.row}" if several else "") + (f" ({e.act})" if e.act else "")


def per_head(ente: Ente, given: Given, r: Risorsa, trace: Trace) -> tuple[list[money.FundLine], list[Problem]]:
    """``pro_capite``: the rate × the heads written (half-up to the cent)."""
    e = given.one(r.input)
    if e is None or e.number is None or r.rate is None:
        return [], missing(ente, given, r, r.input)
    amount = money.r2(r.rate * e.number)
    inputs = [
        Input("importo per persona", money.r2(r.rate)),
        Input(words(r.input), e.number, cell=cell(ente, e, "numero")),
    ]
    formula = f"{fmt.euro(r.rate)} × {fmt.decimal_it(e.number)} persone"
    return [record(trace, line(r, amount, note=joined(r.note, said([e]))), formula, inputs)], []


def share(ente: Ente, given: Given, r: Risorsa, trace: Trace) -> tuple[list[money.FundLine], list[Problem]]:
    """``quota``: the rate × the base amount, half-up to the cent, times ``volte`` (the arrears of past years)."""
    e = given.one(r.input)
    if e is None or e.amount is None or r.rate is None:
        return [], missing(ente, given, r, r.input)
    once = money.r2(r.rate * e.amount)
    amount = once * r.times
    rate = percent(r.rate)
    formula = f"{rate}% × {words(r.input, mid=True)}, arrotondato al centesimo" + (
        f", × {r.times} annualità" if r.times > 1 else ""
    )
    inputs = [Input("aliquota", fmt.Percent(r.rate)), Input(words(r.input), e.amount, cell=cell(ente, e))]
    return [record(trace, line(r, amount, note=joined(r.note, said([e]))), formula, inputs)], []


def capped(ente: Ente, given: Given, r: Risorsa, trace: Trace) -> tuple[list[money.FundLine], list[Problem]]:
    """``quota_massima``: the amount the ente decided, at most the rate × the base (rounded down: «fino a»)."""
    e = given.one(r.input)
    if e is None or e.amount is None:
        return [], []
    cap, problems = ceiling(ente, given, r, e)
    inputs = [Input(r.title, e.amount, cell=cell(ente, e))]
    formula, capping = "importo deciso dall'ente", ""
    if cap is not None:
        rate = f"{percent(r.rate or Decimal(0))}%"
        inputs.append(Input(f"tetto: {rate} × {words(r.base, mid=True)}", cap))
        formula += f", al più {fmt.euro(cap)}"
        base = given.one(r.base)  # ceiling read it: a cap is known only with its base
        assert base is not None and base.amount is not None
        capping = f"tetto {fmt.euro(cap)} = {rate} × {fmt.euro(base.amount)}"
    return [record(trace, line(r, e.amount, note=joined(r.note, capping, said([e]))), formula, inputs)], problems


def ceiling(ente: Ente, given: Given, r: Risorsa, e: Entry) -> tuple[Decimal | None, list[Problem]]:
    """The cap of a capped item and the problems: its base missing, or the amount above it."""
    base = given.one(r.base)
    if r.base in given.refused:
        return None, []  # the base's own error is at its row: the cap is checked once it is corrected
    if base is None or base.amount is None or r.rate is None:
        message = f"manca {r.base} nel foglio fondo: il tetto di «{r.title}» non si può verificare"
        return None, [Problem.at(ente, RULE, message, r.source, SHEET, e.row, "importo")]
    cap = money.floor2(r.rate * base.amount)
    if e.amount is not None and e.amount > cap:
        message = (
            f"{r.input} = {fmt.euro(e.amount)} supera il massimo di {fmt.euro(cap)} = {percent(r.rate)}% × "
            f"{named(r.base)} {fmt.euro(base.amount)} (riga {base.row}): riduci l'importo"
        )
        return cap, [Problem.at(ente, RULE, message, r.source, SHEET, e.row, "importo")]
    return cap, []


def split_share(ente: Ente, given: Given, r: Risorsa, trace: Trace) -> tuple[list[money.FundLine], list[Problem]]:
    """``quota_ripartita``: the ente's increase, at most the rate × the base, split between the fund and the EQ in
    proportion to their amounts of the reference year (largest remainder): the fund's part is the line."""
    e = given.one(r.input)
    if e is None or e.amount is None or r.split is None:
        return [], []
    cap, problems = ceiling(ente, given, r, e)
    fund, eq = (given.one(name) for name in r.split)
    if any(name in given.refused for name in r.split):
        return [], problems  # the split's figures have their error at their rows
    if fund is None or eq is None or fund.amount is None or eq.amount is None or fund.amount + eq.amount <= 0:
        message = f"mancano {r.split[0]} e {r.split[1]} nel foglio fondo: «{r.title}» va ripartita tra fondo ed EQ"
        return [], [*problems, Problem.at(ente, RULE, message, r.source, SHEET, e.row, "importo")]
    parts = money.split(e.amount, {"fondo": fund.amount, "eq": eq.amount})
    split = f"{r.note}: di {fmt.euro(e.amount)}, {fmt.euro(parts['fondo'])} al fondo e {fmt.euro(parts['eq'])} alle EQ"
    note = joined(split, said([e]))
    inputs = [
        Input(f"{r.title} (importo deciso)", e.amount, cell=cell(ente, e)),
        Input(words(r.split[0]), fund.amount, cell=cell(ente, fund)),
        Input(words(r.split[1]), eq.amount, cell=cell(ente, eq)),
    ]
    if cap is not None:
        inputs.append(Input(f"tetto: {percent(r.rate or Decimal(0))}% × {words(r.base, mid=True)}", cap))
    formula = "importo deciso × fondo / (fondo + risorse per le EQ) dell'anno del riparto, resto maggiore al centesimo"
    return [record(trace, line(r, parts["fondo"], note=note), formula, inputs)], problems


def ria(ente: Ente, given: Given, r: Risorsa, trace: Trace) -> tuple[list[money.FundLine], list[Problem]]:
    """``ria``: the annual RIA of staff who left before the fund's year (it enters the year after the leave)."""
    rows = given.of(r.input)
    counted = [e for e in rows if e.date is not None and e.date.year < ente.year]
    problems = [
        Problem.at(
            ente,
            RULE,
            f"cessazione del {fmt.date_it(e.date)}: la RIA entra stabilmente dal fondo del {e.date.year + 1} ({r.source}); "
            "per i mesi dell'anno usa la voce ria_rateo",
            r.source,
            SHEET,
            e.row,
            "data",
            severity="warning",
        )
        for e in rows
        if e.date is not None and e.date.year >= ente.year
    ]
    formula = "RIA annue dei cessati prima dell'anno del fondo"
    later = deferred(rows, ente.year)
    if not counted:
        zero = line(r, Decimal(0), note=joined(r.note, later)) if later else None
        return ([record(trace, zero, formula, [])] if zero else []), problems
    lines = grouped(ente, r, counted, trace, formula)
    return [attrs.evolve(lines[0], note=joined(lines[0].note, later)), *lines[1:]], problems


def deferred(rows: Sequence[Entry], year: int) -> str:
    """The RIA rows left out of the fund of ``year`` (the leave in that year or later), said where the RIA is listed
    for the revisore: how many people, by the year of the leave, never their amount (one person's pay)."""
    years = Counter(e.date.year for e in rows if e.date is not None and e.date.year >= year)
    return "; ".join(
        f"non conta la RIA di {n} {'persona cessata' if n == 1 else 'persone cessate'} nel {y}, che entra stabilmente "
        f"dal fondo del {y + 1}"
        + (f" (per i mesi del {y}: ratei di RIA, tra le risorse variabili)" if y == year else "")
        for y, n in sorted(years.items())
    )


def area_cut(ente: Ente, given: Given, r: Risorsa, trace: Trace) -> tuple[list[money.FundLine], list[Problem]]:
    """``decurtazione_aree``: − Σ the annual amount per head of each area × its heads at the contract's date."""
    heads = {area: given.one(f"comparto_{area}") for area in r.rates}
    if all(e is None for e in heads.values()):
        refused = any(f"comparto_{area}" in given.refused for area in r.rates)
        return [], [] if refused else missing(ente, given, r, "comparto_funzionari, comparto_istruttori, …")
    inputs: list[Input] = []
    total = Decimal(0)
    for area, rate in r.rates.items():
        e = heads[area]
        if e is None or e.number is None:
            continue
        total += money.r2(rate * e.number)
        said = f"{words(f'comparto_{area}')} (× {fmt.euro(rate)})"
        inputs.append(Input(said, e.number, cell=cell(ente, e, "numero")))
    formula = "− Σ importo annuo per persona dell'area × persone dell'area"
    problems = unnamed_areas(ente, given, r, heads, total) + differing(ente, heads)
    return [record(trace, line(r, -total), formula, inputs)], problems


def unnamed_areas(
    ente: Ente, given: Given, r: Risorsa, heads: Mapping[str, Entry | None], total: Decimal
) -> list[Problem]:
    """An area left without its heads while others have them: the cut counts only the areas written, so a forgotten
    row would lower it silently. A warning naming the clause; an ente with nobody in the area writes 0 (an area
    written but refused has its error at its row)."""
    out = []
    for area, e in heads.items():
        voce = f"comparto_{area}"
        if (e is not None and e.number is not None) or voce in given.refused:
            continue
        message = (
            f"manca {voce} nel foglio fondo: «{r.title}» conta solo le aree scritte ({fmt.euro(total)}); "
            f"scrivi le persone dell'area al 1.1.2026 nella colonna numero, 0 se l'ente non ne aveva"
        )
        out.append(Problem.at(ente, RULE, message, r.source, SHEET, None, "numero", severity="warning"))
    return out


def twice(ente: Ente, given: Given, lines: Sequence[money.FundLine], t: Table) -> list[Problem]:
    """A figure the office typed in an item it decides that is exactly an item ciclope computes from the base
    figures (the 0,14% of art. 58 c. 1, its 2024–2025 arrears, the € 83,20 or € 84,50 per head): most likely the
    same money written again, which would count twice (the arrears as a stable resource, every year). A warning at
    the row."""
    computed = {r.id: r for r in t.risorse_in(ente.year) if r.rule in ("quota", "pro_capite")}
    typed = {r.input for r in t.risorse_in(ente.year) if r.rule == "importo" and r.input}
    out = []
    for x in lines:
        r = computed.get(x.key.split(":")[1])
        if r is None or x.amount <= 0:
            continue
        for e in (e for e in given.rows if e.voce in typed and e.amount == x.amount):
            message = (
                f"{e.voce} = {fmt.euro(e.amount)} è l'importo di «{r.title}», che ciclope calcola già da "
                f"{named(r.input)} nella sezione {SECTION_WORDS[r.section]}: se la riga è questa, toglila (si conterebbe "
                "due volte)"
            )
            out.append(Problem.at(ente, RULE, message, r.source, SHEET, e.row, "importo", severity="warning"))
    return out


SECTION_WORDS = {"stabile": "delle risorse stabili", "variabile": "delle risorse variabili (una volta)"}


RULES = {
    "importo": by_amount,
    "pro_capite": per_head,
    "quota": share,
    "quota_massima": capped,
    "quota_ripartita": split_share,
    "ria": ria,
    "decurtazione_aree": area_cut,
}
