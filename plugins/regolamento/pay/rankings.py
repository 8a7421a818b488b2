"""Several graduatorie in one part of the premium: one per area (the structure of first level of units.csv above
the person's unit) or per contractual category. The part's amount is split among them in proportion to their
staff in service (the people of the part's roles, scored or not), to its fte, or to the sum over that staff of a
formula (``riparto_graduatorie = "=fte * …"``: each one's weight, recorded with what it read), by largest
remainder; each graduatoria is then paid on its own, by the part's method."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs

from ciclope.core import Ente, Input, OrgPerformance, Person, Problem, Trace, bands, fmt, money
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv, Recorder
from ciclope.plugins.regolamento.compile.evaluate import RunError, Unwritten, run
from ciclope.plugins.regolamento.compile.ondata import on_data
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.expr import EURO, Formula
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.format.wording import joined, sentence, the
from ciclope.plugins.regolamento.pay.shapes import Entry, six_places

WORDS = {"area": "struttura", "categoria": "categoria"}
OF = {"struttura": "della struttura", "categoria": "della categoria", "grado": "del grado"}  # «… della categoria «C»»
COUNTED = "persone contate nel riparto"  # of a graduatoria: whom its share was weighed on, paid or not
# the leftover cent of equal remainders, as money.split gives it without a rank: to the graduatoria first by its code
CODE_TIE = "a parità di resto il centesimo va alla graduatoria il cui codice viene prima"
NO_NAME = "senza graduatoria"  # whom a formula of graduatorie names no graduatoria (an empty text, an error)


def group_of(reg: Regulation, part: Part, person: Person, ente: Ente) -> str:
    """The graduatoria of ``person`` in ``part``: their area, their grade as the regulation's tables read it (the
    grado of [gradi], else the contractual category) or the name a formula gives them."""
    if isinstance(part.rankings, Formula):
        return named(reg, part.rankings, person, ente)[0]
    if part.rankings == "categoria":
        return grades.grade_of(reg, person) or f"senza {grades.word(reg)}"
    top = ente.top_unit_of(person.unit)
    return top.id if top is not None else person.unit


def named(reg: Regulation, formula: Formula, person: Person, ente: Ente) -> tuple[str, list[Input], str]:
    """The graduatoria a formula gives ``person`` (a text as written, a number in Italian, «sì» or «no»), what it
    read, and why there is none (``NO_NAME``: the formula gives an empty text, or cannot be computed)."""
    value, read, why = on_data(reg, ente, person, formula)
    if why:
        return NO_NAME, read, why
    if isinstance(value, bool):
        return ("sì" if value else "no"), read, ""
    if isinstance(value, Decimal):
        return fmt.decimal_it(value), read, ""
    name = str(value).strip() if value is not None else ""
    return (name, read, "") if name else (NO_NAME, read, "la formula dà un testo vuoto")


def kind_word(reg: Regulation, part: Part) -> str:
    """What a graduatoria of the part gathers, in words: «struttura», «categoria» (or «grado», with [gradi]); ""
    where a formula names the graduatorie."""
    if isinstance(part.rankings, Formula):
        return ""
    if part.rankings == "categoria" and reg.grades is not None:
        return grades.word(reg)  # the contract's word for its grades ([gradi] parola)
    return WORDS[part.rankings]


def of(word: str) -> str:
    """«di» joined to the article of ``word``, as Italian writes it before a noun in the singular: «della categoria»,
    «del livello», «dell'area»."""
    return OF.get(word) or joined("di", the(word))


def called(reg: Regulation, part: Part, group: str, ente: Ente) -> str:
    """A graduatoria after «graduatoria»: «della struttura «Settore tecnico»», «della categoria «C»», ««verde»», an
    Area by its name alone: ««Area degli Istruttori»»."""
    word = "" if area_of(reg, part, group, ente) else kind_word(reg, part)
    label = f"«{label_of(reg, part, group, ente)}»"
    return f"{of(word)} {label}" if word else label


def label_of(reg: Regulation, part: Part, group: str, ente: Ente) -> str:
    """A graduatoria by the name its people know it by: a unit's name for a code of units.csv, a category by the Area
    of the contract in force in the cycle's year (:func:`grades.area_of`), else as it is."""
    unit = ente.units.get(group) if part.rankings == "area" else None
    return unit.name if unit is not None else area_of(reg, part, group, ente) or group


def area_of(reg: Regulation, part: Part, group: str, ente: Ente) -> str | None:
    """The Area a graduatoria by category is, in the cycle's year; None for any other graduatoria."""
    return grades.area_of(reg, group, ente.year) if part.rankings == "categoria" else None


def weight_shown(part: Part, weight: Decimal) -> Decimal:
    """A weight of the split among the graduatorie as the explanation shows it: in euro when its formula gives euro
    (a structure's own fund, «=fondo_uo / CONTA.GRUPPO()»), a head count as a count, else as any weight beside its
    sum, to six decimals at most («140» beside «1.416,382178»)."""
    if isinstance(part.ranking_split, Formula) and part.ranking_split.type.same_unit(EURO):
        return fmt.Money(money.r2(weight))
    heads = not isinstance(part.ranking_split, Formula) and part.ranking_split != "quota_tempo"
    return weight if heads else six_places(weight)


SMALL = 3  # a graduatoria of fewer people says no sum of their weights to one of them (rules/core.md §6)


def worked(fund: Decimal, weight: Decimal, total: Decimal) -> str:
    """A graduatoria's share of the fund as its people redo it: «€ 30.000,00 × 541,069224 / 1.072,319224»."""

    def shown(x: Decimal) -> str:
        return fmt.euro(x) if isinstance(x, fmt.Money) else fmt.decimal_it(x)

    return f"{fmt.euro(fund)} × {shown(weight)} / {shown(total)}"


def names_of(reg: Regulation, part: Part, groups: Mapping[str, str], ente: Ente) -> dict[str, str]:
    """Each graduatoria by the name its people know it by (:func:`label_of`)."""
    return {group: label_of(reg, part, group, ente) for group in set(groups.values())}


def split(
    reg: Regulation, part: Part, fund: Input, people: list[Entry], ctx: tuple[Ente, OrgPerformance, Trace]
) -> Iterator[tuple[str, list[Entry], Input, int]]:
    """Each graduatoria in order of first appearance in people.csv: its name (:func:`group_of`), its people, its
    amount (recorded) and how many its split counted: everyone in service of the part's roles in it, those the part
    then pays nothing (not evaluated, excluded) too, whose share goes to the others of the graduatoria."""
    ente, _, trace = ctx
    in_service = [p for p in ente.people.values() if p.role in part.roles]
    if isinstance(part.rankings, Formula):
        groups = assigned(reg, part, part.rankings, in_service, ctx)
    else:
        groups = {p.id: group_of(reg, part, p, ente) for p in in_service}
    if isinstance(part.ranking_split, Formula):
        each = weighed(reg, part, part.ranking_split, in_service, groups, ctx)
        measure = "peso del riparto"
    else:
        fte = part.ranking_split == "quota_tempo"
        each = {p.id: Input(p.name, p.fte if fte else Decimal(1)) for p in in_service}
        measure = "tempo lavorato" if fte else "personale in servizio"
    weights: dict[str, Decimal] = {}
    for pid, g in groups.items():
        weights[g] = weights.get(g, Decimal(0)) + each[pid].value
    amounts = money.split(fund.value, weights)
    cents = money.split_notes(fund.value, weights, amounts, CODE_TIE)  # each share's exact amount and its cent
    total = sum(weights.values(), Decimal(0))
    for g, amount in amounts.items():
        key = f"{fund.ref}:{g}"
        # shown to six decimals where they have more, as every weight: the split uses them exact
        inputs = [
            fund,
            Input(f"{measure} della graduatoria", weight_shown(part, weights[g])),
            Input(f"{measure} in tutto", weight_shown(part, total)),
            Input(COUNTED, sum(1 for of in groups.values() if of == g)),
        ]
        if inputs[3].value >= SMALL:  # the share as its people redo it; of a smaller one, no colleague's weight
            inputs.append(Input(Trace.WORKED, worked(fund.value, inputs[1].value, inputs[2].value)))
        if isinstance(part.rankings, Formula):  # who is in it, each by the figure of their graduatoria
            inputs += [
                Input(f"graduatoria di {ente.people[pid].name}", g, ref=f"graduatoria:{part.name}:{pid}")
                for pid, of in groups.items()
                if of == g
            ]
        if isinstance(part.ranking_split, Formula):  # each one's weight, down to what the formula read
            inputs += [
                attrs.evolve(each[pid], value=weight_shown(part, each[pid].value))
                for pid, of in groups.items()
                if of == g
            ]
        trace.record(
            key,
            amount,
            f"fondo × {measure} della graduatoria / {measure} di tutte le graduatorie",
            cite(reg, part.source),
            inputs,
            f"Fondo della graduatoria {called(reg, part, g, ente)}",
            cents[g],
        )
        members = [e for e in people if groups.get(e.person.id) == g]
        yield (
            g,
            members,
            Input(f"fondo della graduatoria ({label_of(reg, part, g, ente)})", amount, ref=key),
            inputs[3].value,
        )


def assigned(
    reg: Regulation, part: Part, formula: Formula, in_service: list[Person], ctx: tuple[Ente, OrgPerformance, Trace]
) -> dict[str, str]:
    """Each one's graduatoria by the part's formula, recorded with what it read; one the formula names none is an
    error naming the person, who is ranked in a graduatoria of their own kind («senza graduatoria»)."""
    ente, _, trace = ctx
    source = cite(reg, part.source)
    found = {}
    for person in in_service:
        name, read, why = named(reg, formula, person, ente)
        if why:
            message = f"parte «{part.name}», graduatorie: {why} per {person.name}: è nella graduatoria «{NO_NAME}»"
            trace.problem(Problem(rule="regolamento.formula", source=source, **written(formula), message=message))
        key = f"graduatoria:{part.name}:{person.id}"
        label = f"Graduatoria di {person.name} nella parte «{part.name}»"
        trace.record(key, name, f"{formula} — {sentence(formula)}", source, read, label)
        found[person.id] = name
    return found


def weighed(
    reg: Regulation,
    part: Part,
    formula: Formula,
    in_service: list[Person],
    groups: dict[str, str],
    ctx: tuple[Ente, OrgPerformance, Trace],
) -> dict[str, Input]:
    """Each one's weight in the split among the graduatorie, never below zero: recorded with the formula, its
    sentence and what it read (``.GRUPPO`` reads the same graduatoria); a weight that cannot be computed is an
    error naming the person, and counts as nothing; one that reads a datum the validation refuses, or a column the
    file lacks, counts as nothing without a second error (the first, at the cell, says the one mistake)."""
    ente, org, trace = ctx
    facts = Facts(reg, ente, org)
    source = cite(reg, part.source)
    cohort = Cohort(
        groups=groups, names=names_of(reg, part, groups, ente), recorder=Recorder(trace, f"riparto:{part.name}", source)
    )
    cohort.members = [PersonEnv(facts, p, cohort) for p in in_service]
    found = {}
    for env in cohort.members:
        person = env.person
        try:
            value = run(formula, env)
        except Unwritten:  # a column the file lacks, a cell refused (a grade not in [gradi]): said once, at its cell
            value = None
        except RunError as exc:
            message = f"parte «{part.name}», riparto tra le graduatorie: {exc} per {person.name}: considerato nulla"
            trace.problem(Problem(rule="regolamento.formula", source=source, **written(formula), message=message))
            value = None
        weight = value if isinstance(value, Decimal) and value > 0 else Decimal(0)
        key = f"riparto:{part.name}:{person.id}"
        label = f"Peso di {person.name} nel riparto tra le graduatorie della parte «{part.name}»"
        shown = weight_shown(part, weight)  # the figure as the explanation shows it; the split reads ``found``, exact
        trace.record(key, shown, f"{formula} — {sentence(formula)}", source, list(env.read.values()), label)
        found[person.id] = Input(f"peso di {person.name}", weight, ref=key)
    return found


def top_count(part: Part) -> int:
    """How many first bands the ceiling on the staff in service holds (one of 3, two of 4–5)."""
    return bands.top_bands(len(part.bands))
