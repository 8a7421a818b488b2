"""Modulo IV: the limit of accessory pay (art. 23 c. 2 D.Lgs. 75/2017), its adjustment by staff (art. 33 c. 2
DL 34/2019) and the room of DL 25/2025 — each a :class:`money.FundCheck` with its figures recorded in the trace.

- The limit is the 2016 total, plus the adjustments the office records, plus the adjustment by staff: the 2018
  average per head (the 2018 fund and PO resources counted in the limit ÷ the staff at 31.12.2018, half-up to the
  cent) × the staff added since; staff below 2018 does not lower it (reading of the rules: «the initial limit is not
  cut»; as the published calculator «Salario accessorio Funzioni Locali»).
- Counted in it: the fund's lines inside the limit, each shown under their sum («di cui: …», as the revisore redoes
  it), and the EQ resources of the year together (CCNL 16.11.2022 art. 79 c. 6); the lines outside it are listed
  apart; the art. 60 cut is not subtracted (it counts figuratively).
  Above the limit is an error: the fund cannot be constituted so.
- DL 25/2025: the stable part (the art. 60 cut added back, the DL 25 increase left out, net of the stable cuts only)
  plus the EQ resources may reach 48% of the 2023 spending on the tabellari (rounded down: «fino al»); an increase
  above that room is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from ciclope.core import Ente, Input, Problem, Trace, fmt, money

from .constitution import Given, cell, words
from .eq import holders
from .sheet import SHEET, Entry
from .table import Table, percent

RULE = "ccnl.fondo.limite"
ZERO = Decimal("0.00")


def eq_resources(given: Given) -> Decimal:
    return given.amount("risorse_eq") or ZERO


def limit_check(
    ente: Ente, given: Given, lines: Sequence[money.FundLine], t: Table, trace: Trace
) -> tuple[money.FundCheck | None, list[Problem]]:
    clause = t.clause("limite", ente.year)
    base = given.one("limite_2016")
    if clause is not None and "limite_2016" in given.refused:
        return None, []  # the base's own error is at its row: the limit is checked once it is corrected
    if clause is None or base is None or base.amount is None:
        message = "manca limite_2016 nel foglio fondo: il limite del trattamento accessorio non è verificato"
        return None, [
            Problem.at(ente, RULE, message, "D.Lgs. 75/2017 art. 23 c. 2", SHEET, None, "voce", severity="warning")
        ]
    rows: list[tuple[str, Decimal]] = [("Limite: totale 2016 del fondo e delle risorse per le PO", base.amount)]
    extra = given.of("adeguamento_limite")
    adjusted = sum((e.amount or ZERO for e in extra), ZERO)
    if extra:
        rows.append(("Adeguamenti del limite (atti dell'ente o di legge)", adjusted))
    staff, problems = adjustment(ente, given, t, trace)
    if staff is not None:
        rows.append((f"Adeguamento al personale in servizio (DL 34/2019 art. 33 c. 2): {working(given)}", staff))
    limit = base.amount + adjusted + (staff or ZERO)
    inputs = [Input(words("limite_2016"), base.amount, cell=cell(ente, base))]
    inputs += [Input(adjusted_words(e, len(extra) > 1), e.amount, cell=cell(ente, e)) for e in extra]
    if staff is not None:
        inputs.append(Input("adeguamento al personale", staff, ref="fund:limit:dl34"))
    trace.record("fund:limit", limit, "limite 2016 + adeguamenti", clause.source, inputs, label="Limite dell'anno")
    row = decided_row(given, lines, t, ente.year)
    check, found = compare(ente, given, lines, limit, rows, clause.source, trace, row)
    counted = {r.input for r in t.risorse_in(ente.year) if r.limit == "dentro" or r.choice}
    held = unjudged(check, given, counted | LIMIT_INPUTS)
    return (check, [*problems, *found]) if held is None else (held, problems)


# the figures the limit reads beside the fund's items counted in it
LIMIT_INPUTS = frozenset(
    {"limite_2016", "adeguamento_limite", "risorse_eq", "fondo_eq_2018", "dipendenti_2018", "dipendenti_anno"}
)


def unjudged(check: money.FundCheck, given: Given, read: set[str] | frozenset[str]) -> money.FundCheck | None:
    """The check not judged, when a figure it reads was refused at its row (None otherwise): a row left out would
    make the verdict wrong (a cut written negative left out of the limit shows an excess that is not there), and the
    mistake is already an error at its row. The figures stay shown, the verdict says which rows to correct."""
    rows = sorted(row for voce in read for row in given.refused.get(voce, ()))
    if not rows:
        return None
    said = ", ".join(str(r) for r in rows)
    verdict = (
        f"non verificato: la riga {said} del foglio fondo, che conta nella verifica, è da correggere"
        if len(rows) == 1
        else f"non verificato: le righe {said} del foglio fondo, che contano nella verifica, sono da correggere"
    )
    return attrs.evolve(check, verdict=verdict, ok=None)


def compare(
    ente: Ente,
    given: Given,
    lines: Sequence[money.FundLine],
    limit: Decimal,
    rows: list[tuple[str, Decimal]],
    source: str,
    trace: Trace,
    anchor: int | None = None,
) -> tuple[money.FundCheck, list[Problem]]:
    inside = sum((x.amount for x in lines if x.limit == "dentro"), ZERO)
    outside = sum((x.amount for x in lines if x.limit == "fuori"), ZERO)
    figurative = sum((x.amount for x in lines if x.limit == "figurativa"), ZERO)
    eq = eq_resources(given)
    counted = inside + eq
    margin = limit - counted
    eq_row = given.one("risorse_eq")
    who = holders(ente.year)
    eq_input = [Input(f"risorse per le {who}", eq, cell=cell(ente, eq_row))] if eq_row is not None else []
    refs = [Input(x.title, x.amount, ref=f"fund:{x.key}") for x in lines if x.limit == "dentro"]
    trace.record(
        "fund:limit:counted",
        counted,
        f"voci del fondo nel limite + risorse per le {who}",
        source,
        [*refs, *eq_input],
        label="Risorse che contano nel limite",
    )
    trace.record(
        "fund:limit:margin",
        margin,
        "limite − risorse che contano nel limite",
        source,
        [Input("limite", limit, ref="fund:limit"), Input("risorse nel limite", counted, ref="fund:limit:counted")],
        label="Margine rispetto al limite",
    )
    rows += [
        ("Limite dell'anno", limit),
        ("Voci del fondo nel limite", inside),
        *((f"di cui: {x.title}", x.amount) for x in lines if x.limit == "dentro"),
        (f"Risorse per le {who}", eq),
        ("Totale che conta nel limite", counted),
        ("Voci fuori dal limite (non contano)", outside),
    ]
    if figurative:
        rows.append(("Riduzione dell'art. 60 non sottratta: conta figurativamente", -figurative))
    rows.append(("Margine", margin))
    ok = counted <= limit
    verdict = (
        f"rispettato, con un margine di {fmt.euro(margin)}"
        if ok
        else f"superato di {fmt.euro(-margin)}: il fondo non può essere costituito così"
    )
    check = money.FundCheck("limite", "Limite del trattamento accessorio", source, tuple(rows), verdict, ok)
    if ok:
        return check, []
    return check, [excess(ente, given, [x for x in lines if x.limit == "dentro"], limit, source, anchor)]


def excess(
    ente: Ente, given: Given, inside: Sequence[money.FundLine], limit: Decimal, source: str, row: int | None
) -> Problem:
    """The limit exceeded, at ``row`` (:func:`decided_row`): the items in the limit each with its amount, the EQ,
    and the two ways an act keeps the limit (lowering the items or a cut written with its act)."""
    eq = eq_resources(given)
    items = sum((x.amount for x in inside), ZERO)
    counted = items + eq
    listed = " + ".join(f"{x.title} {fmt.euro(x.amount)}" for x in inside)
    over = f"di {fmt.euro(counted - limit)} il limite dell'anno ({fmt.euro(limit)}, {source})"
    said = (
        f"le voci del fondo nel limite ({listed} = {fmt.euro(items)}) e le risorse per le {holders(ente.year)} "
        f"({fmt.euro(eq)}) fanno "
        f"{fmt.euro(counted)}, che supera {over}"
        if eq
        else f"le voci del fondo nel limite ({listed} = {fmt.euro(items)}) superano {over}"
    )
    message = (
        f"{said}: il fondo non può essere costituito così; riduci le voci nel limite o scrivi la decurtazione che lo "
        "rispetta (voce decurtazione_limite, con il suo atto: vale solo per quest'anno)"
    )
    return Problem.at(ente, RULE, message, source, SHEET, row, "importo")


def decided_row(given: Given, lines: Sequence[money.FundLine], t: Table, year: int) -> int | None:
    """Where the office lowers what counts in the limit: the first row of the first resource in it the ente decides
    (its voce goes with an act), never a cut (raising a stable cut lowers the fund for good, not the year's count:
    docs/fondo.md §1) nor the 2016 base, a figure it must not change; that base when the ente decided none of the
    resources in the limit."""
    voci = {r.id: r.input for r in t.risorse_in(year)}
    for x in lines:
        name = voci.get(x.key.split(":")[1], "") if x.limit == "dentro" and x.section != "decurtazione" else ""
        if name in t.voci and t.voci[name].act and given.of(name):
            return given.of(name)[0].row
    base = given.one("limite_2016")
    return base.row if base else None


def adjustment(ente: Ente, given: Given, t: Table, trace: Trace) -> tuple[Decimal | None, list[Problem]]:
    """The adjustment of the limit by staff, when the office gives the staff of the year; None otherwise."""
    now = given.one("dipendenti_anno")
    if now is None or now.number is None:
        return None, []
    clause = t.clause("adeguamento", ente.year)
    base, then = given.one("fondo_eq_2018"), given.one("dipendenti_2018")
    if clause is None:
        message = f"l'adeguamento del limite al personale non si applica al {ente.year}: togli dipendenti_anno"
        return None, [Problem.at(ente, RULE, message, "DL 34/2019 art. 33 c. 2", SHEET, now.row, "voce")]
    if {"fondo_eq_2018", "dipendenti_2018"} & set(given.refused):
        return None, []  # their own error is at their rows
    if base is None or base.amount is None or then is None or not then.number:
        message = (
            "per adeguare il limite al personale servono fondo_eq_2018 e dipendenti_2018 (più di zero) nel foglio fondo"
        )
        return None, [Problem.at(ente, RULE, message, clause.source, SHEET, now.row, "numero")]
    per_head = money.r2(base.amount / then.number)
    added = now.number - then.number
    amount = money.r2(per_head * added) if added > 0 else ZERO
    trace.record(
        "fund:limit:dl34:per_head",
        per_head,
        "fondo e risorse PO 2018 nel limite ÷ personale al 31.12.2018, arrotondato al centesimo",
        clause.source,
        [
            Input(words("fondo_eq_2018"), base.amount, cell=cell(ente, base)),
            Input(words("dipendenti_2018"), then.number, cell=cell(ente, then, "numero")),
        ],
        label="Valore medio pro capite 2018",
    )
    formula = "valore medio pro capite 2018 × (personale dell'anno − personale al 31.12.2018); zero se il personale non cresce"
    inputs = [
        Input("valore medio pro capite 2018", per_head, ref="fund:limit:dl34:per_head"),
        Input(words("dipendenti_anno"), now.number, cell=cell(ente, now, "numero")),
        Input(words("dipendenti_2018"), then.number, cell=cell(ente, then, "numero")),
    ]
    trace.record("fund:limit:dl34", amount, formula, clause.source, inputs, label="Adeguamento del limite al personale")
    return amount, []


def working(given: Given) -> str:
    """The adjustment by staff with the figures it used, as the organo di revisione redoes it: «€ 79.300,00 / 13 =
    € 6.100,00 per persona × (14 − 13)»; staff not grown says that nothing is added (:func:`adjustment`)."""
    base, then, now = given.amount("fondo_eq_2018"), given.number("dipendenti_2018"), given.number("dipendenti_anno")
    assert base is not None and then and now is not None  # read by adjustment(), which gave an amount
    per_head, heads = money.r2(base / then), (fmt.decimal_it(n.normalize()) for n in (then, now))
    before, after = heads
    said = f"{fmt.euro(base)} / {before} = {fmt.euro(per_head)} per persona × ({after} − {before})"
    return said if now > then else f"{said}: il personale non cresce, nessun adeguamento"


def dl25_check(
    ente: Ente, given: Given, lines: Sequence[money.FundLine], t: Table, trace: Trace
) -> tuple[money.FundCheck | None, list[Problem]]:
    clause = t.clause("dl25", ente.year)
    if clause is None or clause.minimum is None:
        return None, []
    row = given.one("incremento_dl25")
    increase = sum((x.amount for x in lines if x.key.startswith("item:incremento_dl25")), ZERO)
    spent = given.one("spesa_tabellari_2023")
    if spent is None or spent.amount is None:
        if not increase or "spesa_tabellari_2023" in given.refused:
            return None, []
        message = "l'incremento del DL 25/2025 richiede spesa_tabellari_2023 nel foglio fondo, per verificare il 48%"
        return None, [Problem.at(ente, RULE, message, clause.source, SHEET, row.row if row else None, "importo")]
    part = stable_part(lines, t, ente.year)
    room, rows = dl25_room(ente, given, part, clause.minimum, spent, clause.source, trace)
    rows += (("Incremento deciso", increase),)
    ok = increase <= room or not increase
    if increase:
        verdict = (
            f"l'incremento di {fmt.euro(increase)} è entro lo spazio di {fmt.euro(room)}"
            if ok
            else f"l'incremento di {fmt.euro(increase)} supera di {fmt.euro(increase - room)} lo spazio di {fmt.euro(room)}"
        )
    else:
        verdict = f"nessun incremento deciso; lo spazio disponibile è di {fmt.euro(room)}"
    check = money.FundCheck(
        "dl25", "Incremento della parte stabile (DL 25/2025)", clause.source, rows, verdict, ok if increase else None
    )
    stable = {r.input for r in t.risorse_in(ente.year) if r.id in part.ids}
    held = unjudged(check, given, stable | {"risorse_eq", "spesa_tabellari_2023"})
    if held is not None:
        return held, []
    if ok:
        return check, []
    message = (
        f"l'incremento del DL 25/2025 ({fmt.euro(increase)}) supera lo spazio di {fmt.euro(room)} (48% della spesa 2023 "
        "per i tabellari − parte stabile al netto delle decurtazioni stabili − EQ): riducilo"
    )
    return check, [Problem.at(ente, RULE, message, clause.source, SHEET, row.row if row else None, "importo")]


@attrs.frozen
class StablePart:
    """The fund's stable part as the DL 25/2025 room reads it: its amount and the items it counts."""

    amount: Decimal
    ids: frozenset[str]
    figurative: bool = False  # an art. 60 cut added back (from 2026): the row's words say so

    @property
    def words(self) -> str:
        """The row's words: the art. 60 cut «contata figurativamente» only where there is one (from 2026)."""
        added = "; riduzione dell'art. 60 contata figurativamente" if self.figurative else ""
        return f"Parte stabile del fondo (senza l'incremento, al netto delle decurtazioni stabili{added})"


def stable_part(lines: Sequence[money.FundLine], t: Table, year: int) -> StablePart:
    """The stable items without the DL 25 increase (the room is what it may fill), net of the stable cuts, those
    carried year after year. The art. 60 cut is added back (it counts figuratively, art. 60 c. 5 CCNL 23.2.2026); the
    year's cut that keeps the 2016 limit (a voce ``annuale``) is not a cut of the stable part: it lowers this year's
    fund alone and is not carried, so subtracting it would widen the room by it."""
    yearly = {r.id for r in t.risorse_in(year) if r.input in t.voci and t.voci[r.input].yearly}

    def counted(x: money.FundLine) -> bool:
        rid = x.key.split(":")[1]
        if x.section == "stabile":
            return rid != "incremento_dl25"
        return x.section == "decurtazione" and x.limit != "figurativa" and rid not in yearly

    part = [x for x in lines if counted(x)]
    ids = frozenset(x.key.split(":")[1] for x in part)
    figurative = any(x.section == "decurtazione" and x.limit == "figurativa" for x in lines)
    return StablePart(sum((x.amount for x in part), ZERO), ids, figurative)


def dl25_room(
    ente: Ente, given: Given, part: StablePart, share: Decimal, spent: Entry, source: str, trace: Trace
) -> tuple[Decimal, tuple[tuple[str, Decimal], ...]]:
    """The room of DL 25/2025: the share of the 2023 tabellari (rounded down: «fino al») − the stable part
    (:func:`stable_part`) − the EQ resources; recorded, with the check's rows."""
    assert spent.amount is not None
    threshold = money.floor2(share * spent.amount)
    eq = eq_resources(given)
    room = threshold - part.amount - eq
    inputs = [
        Input(words("spesa_tabellari_2023"), spent.amount, cell=cell(ente, spent)),
        Input(part.words[0].lower() + part.words[1:], part.amount),
        Input("risorse per le EQ", eq),
    ]
    rate = percent(share)
    formula = (
        f"{rate}% × spesa per i tabellari 2023 (per difetto) − parte stabile al netto delle decurtazioni stabili − "
        "risorse per le EQ"
    )
    trace.record("fund:dl25:room", room, formula, source, inputs, label="Spazio di incremento del DL 25/2025")
    rows = (
        (f"{rate}% della spesa 2023 per i tabellari", threshold),
        (part.words, part.amount),
        ("Risorse per le EQ", eq),
        ("Spazio di incremento", room),
    )
    return room, rows


def adjusted_words(e: Entry, several: bool) -> str:
    """A row adjusting the limit by its voce's words, its row's number where there are several, and its act."""
    short = "Adeguamento del limite 2016"
    return short + (f", riga {e.row}" if several else "") + (f" ({e.act})" if e.act else "")
