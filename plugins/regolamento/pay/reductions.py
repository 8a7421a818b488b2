"""Graduated reductions of the premium (``[[riduzioni]]``): a figure of the person (days of absence, fte) falls in
one bracket of each block, and the premium is reduced by that bracket's share.

A reduction works as the paid share does (part-time, days in service): it multiplies the person's weight or
capped amount, so in a split by weights what a reduced person is not paid goes to the others, and under a
per-capita maximum it stays residual (or is redistributed with ``residuo = "ridistribuisci"``). A value belongs
to the first bracket whose end reaches it: 10.5 days are beyond «da 0 a 10» and in «da 11 a 30». Every reduction
that takes something is a figure of its own, with the bracket, the person's cell and the block's ``fonte``.
"""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, Input, Person, Problem, Trace, fmt
from ciclope.plugins.regolamento.compile import blanks
from ciclope.plugins.regolamento.compile.ondata import on_data_by_name
from ciclope.plugins.regolamento.format import rowcolumns
from ciclope.plugins.regolamento.format.expr import DAYS, Defined, Formula, Name, nodes
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import RESULT_PART, Bracket, Column, Part, Premium, Reduction, Regulation
from ciclope.plugins.regolamento.format.wording import sentence

ONE = Decimal(1)
ZERO = Decimal(0)
FORMULA_LABEL = "la formula del regolamento"  # how the reduced premium names a reduction by a formula
MEASURE = {"assenze": ("giorni di assenza", "absence_days"), "quota_tempo": ("tempo lavorato", "fte")}
UNIT = {"assenze": " giorni", "quota_tempo": ""}
# how a result pay a reduction took from says it, after its method's words (rounded as the result pay is: half-up)
RESULT_WORDS = "poi × (1 − riduzione), arrotondato al centesimo: il taglio resta non pagato"


def unit_of(reg: Regulation, red: Reduction) -> str:
    """« giorni» after a bracket's numbers when the measure is days (of absence, or a declared column of days)."""
    column = _declared(reg, red)
    if column is not None:
        return " giorni" if column.kind == "giorni" else ""
    return UNIT[red.measure]


def label_of(reg: Regulation, red: Reduction) -> tuple[str, str]:
    """The measure's words and its column of the people file: a declared column's meaning and name."""
    column = _declared(reg, red)
    return (column.meaning, column.name) if column is not None else MEASURE[red.measure]


def measured(reg: Regulation, red: Reduction) -> str:
    """What the reduction ``red`` measures, in words that name no one's figures: its measure (a bracket's), or the
    days its formula counts, else «la formula del regolamento»."""
    if red.formula is None:
        return label_of(reg, red)[0]
    return "; ".join(words for _, words in counted_days(reg, red.formula)) or FORMULA_LABEL


def _declared(reg: Regulation, red: Reduction) -> Column | None:
    """The [[colonne]] column a reduction measures, if it measures one (the reader checked that it exists)."""
    return next((c for c in reg.columns if c.name == red.measure), None)


def bracket_of(red: Reduction, value: Decimal) -> Bracket:
    """The bracket of ``value``: the first whose end reaches it (the last, open, reaches every value)."""
    for b in red.brackets:
        if b.end is None or value <= b.end:
            return b
    return red.brackets[-1]  # the consistency checks make the last bracket reach every value


def percent(share: Decimal) -> str:
    return fmt.pct_share(share)


def words(reg: Regulation, red: Reduction, b: Bracket) -> str:
    unit = unit_of(reg, red)
    start = fmt.decimal_it(b.start)
    span = f"da {start}{unit} in su" if b.end is None else f"da {start} a {fmt.decimal_it(b.end)}{unit}"
    return f"scaglione «{span}»: riduzione del {percent(b.cut)}"


def applies(red: Reduction, pr: Premium, shared: bool) -> bool:
    """True when ``red`` reduces the part ``pr`` (every part, unless it names some) in the way asked: ``shared``,
    the cut goes to the colleagues of the part (the reduced share weighs less in the split); else it goes to the
    part's residual or to a later part, taken from the amount once the part is split."""
    name = pr.name if isinstance(pr, Part) else "premio"
    if red.parts and name not in red.parts:
        return False
    return (red.savings == "ripartite") == shared


def reduce(
    reg: Regulation, person: Person, ente: Ente, trace: Trace, pr: Premium, shared: bool = True
) -> tuple[Decimal, tuple[Input, ...], str]:
    """The share of the premium left after the reductions of ``pr`` (the product of 1 − reduction) that work as
    ``shared`` says (:func:`applies`), the inputs that name each reduction's figure, and the words of the formula
    ("" when nothing is reduced)."""
    chosen = [(i, red) for i, red in enumerate(reg.reductions, start=1) if applies(red, pr, shared)]
    factor, inputs = _cuts(reg, person, ente, trace, chosen, shared, pr)
    return factor, inputs, "(1 − riduzione)" if inputs else ""


def reduce_result(reg: Regulation, person: Person, ente: Ente, trace: Trace) -> tuple[Decimal, tuple[Input, ...]]:
    """The share of the result pay of [risultato_po] left after the reductions that name it (``parti =
    ["risultato_po"]``: a reduction that names no part reduces the parts of the premium, never the result pay), and
    the inputs that name each one's figure. Its cut is never shared: it stays unpaid, whatever ``economie`` says."""
    chosen = [(i, red) for i, red in enumerate(reg.reductions, start=1) if RESULT_PART in red.parts]
    return _cuts(reg, person, ente, trace, chosen, shared=True)


def _cuts(
    reg: Regulation,
    person: Person,
    ente: Ente,
    trace: Trace,
    chosen: list[tuple[int, Reduction]],
    shared: bool,
    pr: Premium | None = None,
) -> tuple[Decimal, tuple[Input, ...]]:
    """The product of 1 − each reduction of ``chosen`` (by its number in the file) and an input for each that takes
    something; ``shared`` False: the input says where the cut goes (from the part ``pr``)."""
    factor, inputs = ONE, []
    for i, red in chosen:
        key = f"reduction:{person.id}:{i}"
        if red.formula is not None:
            cut, label = _by_formula(reg, red, red.formula, person, ente, trace, key)
        else:
            cut, label = _by_bracket(reg, red, person, ente, trace, key)
        if not cut and trace.get(key) is None:  # nothing taken, and nothing of the person's own counted: nothing to say
            continue
        factor *= ONE - (cut or ZERO)
        where = "" if shared else f" (il taglio va {_savings(red, pr)})"
        # a share of the premium: «5%», as the bracket's words say it, never 0,05
        inputs.append(Input(f"{Trace.REDUCTION}{label}{where}", fmt.Percent(cut or ZERO), ref=key))
    return factor, tuple(inputs)


def _by_bracket(
    reg: Regulation, red: Reduction, person: Person, ente: Ente, trace: Trace, key: str
) -> tuple[Decimal | None, str]:
    """The cut of the person's bracket (recorded when it takes something) and the words of the measure."""
    label, column = label_of(reg, red)
    value = _value(reg, red, person, ente, trace)
    if value is None:  # never paid as if nothing were to be taken: suspended until the cell is written
        cell = ente.cell("people", person.row, column)
        _suspended(reg, red, person, trace, key, f"manca il dato «{label}»", (Input(label, None, cell=cell),))
        return ONE, label
    b = bracket_of(red, value)
    if b.cut:
        trace.record(
            key,
            fmt.Percent(b.cut),
            f"riduzione del premio per {label}: {words(reg, red, b)}",
            cite(reg, red.source),
            [Input(label, value, cell=ente.cell("people", person.row, column))],
            f"Riduzione del premio di {person.name}",
            red.note,
        )
    return b.cut, label


def _by_formula(
    reg: Regulation, red: Reduction, formula: Formula, person: Person, ente: Ente, trace: Trace, key: str
) -> tuple[Decimal | None, str]:
    """The formula's cut, kept between 0% and 100% (recorded, with what it read, when it takes something), and the
    words that name it: the days it counts and the block's ``fonte``. One that cannot be computed is an error naming
    the person, and the premium is suspended."""
    value, named, why = on_data_by_name(reg, ente, person, formula)
    read = list(named.values())
    if why:
        blanks.report(reg, ente, person, formula, trace, cite(reg, red.source), f"riduzione del premio: {why}")
        _suspended(reg, red, person, trace, key, f"la formula {formula} non si calcola ({why})", tuple(read))
        return ONE, _formula_label(reg, red, formula, {})
    given = value if isinstance(value, Decimal) else ZERO
    cut = min(max(given, ZERO), ONE)
    if cut or _counted(reg, formula, named):  # a cut of 0% of days the person has: said, so they see them under it
        kept = "" if cut == given else f", tenuta tra 0% e 100% (la formula dà {percent(given)})"
        trace.record(
            key,
            fmt.Percent(cut),
            f"{formula} — {sentence(formula)}{kept}",
            cite(reg, red.source),
            read,
            f"Riduzione del premio di {person.name}",
            red.note,
        )
    return cut, _formula_label(reg, red, formula, named)


def _counted(reg: Regulation, formula: Formula, read: dict[str, Input]) -> bool:
    """Whether the formula counted days of the person's own that are not zero (:func:`counted_days`)."""
    days = (read[name].value for name, _ in counted_days(reg, formula) if name in read)
    return any(isinstance(value, Decimal) and value != 0 for value in days)


def _formula_label(reg: Regulation, red: Reduction, formula: Formula, read: dict[str, Input]) -> str:
    """How the reduced premium names a reduction by a formula: the days of the person it counts, each by its meaning
    («i giorni di malattia (40 giorni)»), and the block's article: «i giorni di malattia (40 giorni), art. 8 c. 2»;
    a formula that counts no days is «la formula del regolamento, art. 8 c. 2»."""
    days = [f"{words} ({fmt.decimal_it(read[name].value)} giorni)" for name, words in counted_days(reg, formula)
            if name in read and isinstance(read[name].value, Decimal)]  # fmt: skip
    return f"{'; '.join(days) or FORMULA_LABEL}, {red.source}"


def counted_days(reg: Regulation, formula: Formula) -> list[tuple[str, str]]:
    """The person's days the formula writes itself (a definition it names counts as one: its value is what the text
    counts), each by the key the formula's reading notes it under and with its meaning, in the order written: the absences of people.csv, a declared column of days, a
    definition that gives days. The days in service and of the year are no count of the person's: left out."""
    columns = {c.name: c.meaning for c in reg.columns if c.kind == "giorni"}
    out: dict[str, str] = {}
    for node in nodes(formula.tree, definitions=False):
        if isinstance(node, Defined) and node.type.same_unit(DAYS):  # read under its label (compile.evaluate)
            out.setdefault(node.label, node.words or node.name)
        elif isinstance(node, Name) and (node.name in columns or node.name == "assenze"):
            out.setdefault(node.name, columns.get(node.name, "i giorni di assenza"))
    return list(out.items())


def _value(reg: Regulation, red: Reduction, person: Person, ente: Ente, trace: Trace) -> Decimal | None:
    """The person's measure: days of absence, fte, or a declared column's cell. An empty cell is an error naming the
    person and the cell, and no reduction is applied: never a silent 0 (the office writes 0 when there is none)."""
    if rowcolumns.unwritten(ente, red.measure):  # said once, by the validation: suspended, never read as 0
        return None
    if red.measure == "assenze":
        return person.absence_days
    if red.measure == "quota_tempo":
        return person.fte
    found = person.extra.get(red.measure)
    if isinstance(found, Decimal):
        return found
    label, column = label_of(reg, red)
    message = (
        f"riduzione del premio per {label}: la cella di {person.name} è vuota; scrivi 0 se non ce n'è nessuno "
        f"(senza il dato la riduzione non si calcola: {SUSPENDED})"
    )
    trace.problem(
        Problem.at(ente, "regolamento.riduzione", message, cite(reg, red.source), "people", person.row, column)
    )
    return None


SUSPENDED = "il premio resta sospeso finché non è corretta"


def _suspended(
    reg: Regulation, red: Reduction, person: Person, trace: Trace, key: str, why: str, read: tuple[Input, ...]
) -> None:
    """A reduction that cannot be computed for the person takes the whole premium of its parts, as an exclusion whose
    condition cannot be read does: never paid as if nothing were to be taken (the error says it, with the cell)."""
    trace.record(
        key,
        fmt.Percent(ONE),
        f"premio sospeso: {why}",
        cite(reg, red.source),
        list(read),
        f"Riduzione del premio di {person.name}",
        red.note,
    )


def _savings(red: Reduction, pr: Premium | None) -> str:
    """Where a cut goes, followed to the part that receives the residual of ``pr`` (``residuo_a``), if it has one."""
    if isinstance(red.savings, Formula):
        return f"ai colleghi della parte che hanno in comune {sentence(red.savings)}"
    if red.savings != "residuo":
        return f"alla parte «{red.savings}»"
    onward = pr.residual_to if isinstance(pr, Part) else None
    return f"al residuo della parte, che passa alla parte «{onward}»" if onward else "al residuo della parte"


def where_cut_goes(reg: Regulation, pr: Premium) -> str:
    """Where what the reductions of ``pr`` whose cuts go elsewhere take goes, as the part's formula says it after
    «poi × (1 − riduzione)»: the one place where they all say the same («va al residuo della parte»), else each
    reduction's row says its own."""
    ends = {_savings(red, pr) for red in reg.reductions if applies(red, pr, shared=False)}
    if len(ends) == 1:
        return f"ciò che la riduzione toglie va {ends.pop()}"
    return "ciò che ogni riduzione toglie va dove dice la sua riga"


def after_cut(before: Decimal, paid: Decimal, cuts: tuple[Input, ...]) -> Input:
    """The amount a reduction left, with the product that gives it («€ 1.422,50 × (1 − 30%)» = € 995,75): the row
    that redoes the premium from the amount before the reduction, each reduction's share (the inputs ``cuts``)."""
    factors = "".join(
        f" × (1 − {fmt.pct_share(i.value)})" for i in cuts if isinstance(i.value, fmt.Percent) and i.value
    )
    return Input(f"importo dopo la riduzione: {fmt.euro(before)}{factors}, al centesimo", fmt.Money(paid))


def destination(reg: Regulation, pr: Premium) -> str | None:
    """Where the cuts of the part ``pr`` go when a reduction sends them to a later part (None: they stay residual
    of the part, or go to the colleagues)."""
    for red in reg.reductions:
        if applies(red, pr, shared=False) and isinstance(red.savings, str) and red.savings != "residuo":
            return red.savings
    return None


def grouping(reg: Regulation, pr: Premium) -> Formula | None:
    """The formula that gives each one of the part ``pr`` the group whose colleagues share what its reductions cut
    (``economie = "=settore"``); None when no reduction of the part says one."""
    found = sharing(reg, pr)
    return found.savings if found is not None and isinstance(found.savings, Formula) else None


def sharing(reg: Regulation, pr: Premium) -> Reduction | None:
    """The reduction of the part ``pr`` that sends its cuts to the colleagues of a group: its rule is the one the
    economies' figures cite («le economie … ridistribuite ai colleghi del medesimo settore»); None without one."""
    for red in reg.reductions:
        if applies(red, pr, shared=False) and isinstance(red.savings, Formula):
            return red
    return None
