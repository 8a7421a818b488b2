"""The formulas of a part of the premium ([[premi]], format 2), run for its people: who takes part (``ammesso``),
each one's weight in the split (``peso``), each one's amount (``importo``, with ``metodo = "formula"``), an
amount per appointment of incarichi.csv (``incarichi``: the reggenza of an absent manager).

The people of the part are one cohort: ``.ENTE`` reads all of them (the scored people of the part's roles, the
excluded included), ``.GRUPPO`` those of the same graduatoria. Each value is recorded with the formula, its
sentence and every number it read; a value that cannot be computed (a division by zero) is an error naming the
person, and counts as nothing (not admitted, no weight, no amount), so the fund stays whole.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

import attrs

from ciclope.core import Ente, Input, Person, Problem, Trace, fmt, money
from ciclope.core import Row as CoreRow
from ciclope.plugins.regolamento.compile.env import (
    ASSIGNMENTS,
    PROJECTS,
    Cohort,
    Facts,
    PersonEnv,
    Recorder,
    Row,
    in_service,
    what_to_write,
)
from ciclope.plugins.regolamento.compile.evaluate import Blank, RunError, Unwritten, run
from ciclope.plugins.regolamento.format import rowcolumns
from ciclope.plugins.regolamento.format.expr import EURO, Binary, Call, Formula, Name, Node, Num
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation
from ciclope.plugins.regolamento.format.wording import (
    COMBINED,
    among,
    contracted,
    denied,
    of_rankings,
    of_roles,
    one_of,
    role_groups,
    said,
    sentence,
    tie_keys,
)
from ciclope.plugins.regolamento.pay import byhand, rankings
from ciclope.plugins.regolamento.pay.evaluated import EVALUATION, OF_A_PART
from ciclope.plugins.regolamento.pay.shapes import of_kind, weight_places
from ciclope.plugins.regolamento.score import ladders

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
WEIGHT_UNIT = Decimal("0.000001")  # a weight is said to six decimals (:func:`shapes.six_places`)
FAILED = object()  # a formula that could not be computed for a person (already said): counts as nothing


CAP = "massimo per persona"  # what a part's ``massimo_persona`` is called in an explanation


def uses_formulas(pr: Premium) -> bool:
    return isinstance(pr, Part) and any(f is not None for f in (pr.admitted_if, pr.weight, pr.amount, pr.cap))


# what a condition reads that a person the part does not weigh has not: an evaluation, an earlier part's premium or
# band, the part's fund
UNWEIGHED = EVALUATION | frozenset((*OF_A_PART, "fondo"))


@attrs.define
class PartFormulas:
    """A part's formulas over its people (one environment each, one cohort)."""

    reg: Regulation
    part: Part
    envs: dict[str, PersonEnv]
    trace: Trace
    cohort: Cohort  # kept here: its people refer to it weakly
    refused: list[str] = attrs.field(factory=list)  # whom ``ammesso`` left out, in the order asked
    facts: Facts | None = None  # the ente's facts, for a person the part does not weigh (:meth:`refuse_unweighed`)
    # the exact value of each figure of the ente a person's formula read (:func:`byhand.alike`), by its key
    shared: dict[str, Decimal] = attrs.field(factory=dict)

    @classmethod
    def of(cls, reg: Regulation, part: Part, facts: Facts, people: Sequence[Person], trace: Trace) -> PartFormulas:
        ente = facts.ente
        groups = {p.id: rankings.group_of(reg, part, p, ente) for p in people} if part.rankings != "ente" else {}
        names = rankings.names_of(reg, part, groups, ente)
        cohort = Cohort(
            groups=groups,
            names=names,
            recorder=Recorder(trace, f"parte:{part.name}", cite(reg, part.source)),
            everyone=among(part.roles, role_groups(reg.labels)),
        )
        own = ladders.on_cohort(reg)  # the levels decided on the cohort have their figures: the level reads by them
        cohort.members = [PersonEnv(facts, p, cohort, level_figure=own) for p in people]
        envs = {env.person.id: env for env in cohort.members}
        if part.assignments is not None:  # the rows it pays, for SOMMA.INCARICHI over a project's team
            cohort.rows = [
                (envs[r.get("person")], row_of(ente, envs[r.get("person")].person, r))
                for r in ente.table(ASSIGNMENTS)
                if r.get("person") in envs and of_kind(r.get("kind"), part.assignments)
            ]
        return cls(reg, part, envs, trace, cohort, facts=facts)

    def with_fund(self, fund: Input) -> None:
        """The part's fund (``fondo``) for everyone: its amount, and the figure that explains it."""
        for env in self.envs.values():
            env.fund, env.fund_ref = fund.value, fund.ref

    def _run(self, formula: Formula, env: PersonEnv) -> object:
        return evaluated(formula, env, functools.partial(self._problem, formula), self._blank)

    def _blank(self, exc: Blank, env: PersonEnv) -> None:
        """An empty cell of a declared column: one error at the cell, whatever the parts that read it (the first
        part that meets it says that the others read it too), never once per part at the regulation's line."""
        if exc.cell in env.facts.blanks:
            return
        env.facts.blanks[exc.cell] = self.part.name
        name = exc.cell.rsplit(":", 1)[-1]
        column = env.facts.columns[name]
        message = (
            f"la colonna «{name}» ({column.meaning}) è vuota per {env.person.name} ({what_to_write(column)}): la "
            f"parte «{self.part.name}», e ogni altra che la legge, non le paga nulla finché la cella è vuota"
        )
        found = Problem.at(env.facts.ente, "regolamento.formula", message, "", "people", env.person.row, name)
        self.trace.problem(attrs.evolve(found, source=cite(self.reg, self.part.source)))

    def _problem(self, formula: Formula, what: str) -> None:
        facts = self.facts or next((env.facts for env in self.envs.values()), None)
        if facts is not None and rowcolumns.lacking(self.reg, facts.ente):
            # a column of people.csv missing pays nobody the parts that read it, so a formula over their premiums
            # (SOMMA.ENTE(PREMIO(…)) / CONTA.ENTE(…)) fails from it: the column's error says it, once
            return
        message = f"parte «{self.part.name}»: {what}: considerato nulla"
        source = cite(self.reg, self.part.source)
        self.trace.problem(Problem(rule="regolamento.formula", source=source, **written(formula), message=message))

    def of_roles(self, text: str, formula: Formula) -> str:
        """A sentence of the part's ``formula`` with its sums over the ente said of the part's roles."""
        return of_roles(text, formula, self.part.roles, role_groups(self.reg.labels))

    def admitted(self, pid: str) -> bool:
        """True when the person takes part (``ammesso``): recorded with the condition and what it read."""
        formula = self.part.admitted_if
        if formula is None:
            return True
        env = self.envs[pid]
        held = self._run(formula, env) is True
        read = list(env.read.values())  # before the place is said: saying it runs parts of the condition again
        read += [Input(Trace.SAID_WHOLE, True)] if place_said(formula, env, held) else []
        if not held and self.part.note:  # the regulation's words for the rule, said where the outcome is
            read.append(Input(Trace.RULE_NOTE, self.part.note))
        self.trace.record(
            f"ammesso:{self.part.name}:{pid}",
            held,
            f"{formula} — partecipa se {self.of_roles(sentence(formula), formula)}",  # the condition, not a fact
            cite(self.reg, self.part.source),
            read,
            f"Partecipazione di {env.person.name} alla parte «{self.part.name}»",
            # what did not hold: «il punteggio è minore di 60»; of a place reached, the place and the places the
            # premium reaches, as a place not reached says them (:func:`premium.admitted_input` shows it)
            self.of_roles(unheld(formula, env), formula)
            if not held
            else self.of_roles(whole_place(formula, plain), formula)
            if (plain := placed(formula, env))
            else "",
        )
        if not held:
            self.refused.append(pid)
        return held

    def refuse_unweighed(self, person: Person) -> None:
        """Of a person of the part's roles it does not weigh (no evaluation to weigh them by), the refusal of a
        condition that reads nothing of an evaluation, of the colleagues or of the money (a category, a column),
        recorded as the condition of one it weighs: the person reads every part that leaves them out, and the office
        is not told that a card is missing where no part could pay it. Nothing where it would admit them or cannot
        be read without a problem: their missing card is then what they lack."""
        formula = self.part.admitted_if
        if formula is None or self.facts is None or formula.cohort or formula.uses & UNWEIGHED:
            return
        scratch = Trace()  # a problem of the cells is said by the parts that weigh the person, never from here
        facts = attrs.evolve(self.facts, blanks=dict(self.facts.blanks))
        alone = attrs.evolve(self, envs={person.id: PersonEnv(facts, person, self.cohort)}, trace=scratch, refused=[])
        alone.admitted(person.id)
        figure = scratch.get(f"ammesso:{self.part.name}:{person.id}")
        if figure is not None and figure.value is False and not scratch.problems:
            self.trace.add([figure])

    def weight(self, pid: str) -> tuple[Decimal, tuple[Input, ...]]:
        """The person's weight (``peso``), never below zero, and the inputs that explain it."""
        assert self.part.weight is not None
        return self._number(self.part.weight, self.envs[pid], "peso")

    def amount(self, pid: str) -> tuple[Decimal, tuple[Input, ...]]:
        """The person's amount (``importo``), never below zero, as the formula gives it (its inputs say it half-up
        to the cent, as it is paid); with ``incarichi`` the amount of each appointment of the person, each to the
        cent, summed or the best one."""
        assert self.part.amount is not None
        env = self.envs[pid]
        if self.part.assignments is None:
            return self._number(self.part.amount, env, "importo")
        return self._rows(env)

    def cap(self, pid: str) -> tuple[Decimal, tuple[Input, ...]]:
        """The person's maximum (``massimo_persona``), down to the cent («fino a»), and the inputs that explain it."""
        assert self.part.cap is not None
        cap, env = self.part.cap, self.envs[pid]
        complain = functools.partial(self._problem, cap)
        value, inputs = valued(cap, env, CAP, complain, self._blank, self.part.rankings)
        return money.floor2(value), inputs

    def _number(self, formula: Formula, env: PersonEnv, what: str) -> tuple[Decimal, tuple[Input, ...]]:
        return valued(formula, env, what, functools.partial(self._problem, formula), self._blank, shared=self.shared)

    def alike(self, inputs: dict[str, tuple[Input, ...]]) -> dict[str, tuple[Input, ...]]:
        """The people's inputs with each figure of the ente to the same places for all (:func:`byhand.alike`)."""
        return byhand.alike(inputs, self.shared)

    def _rows(self, env: PersonEnv) -> tuple[Decimal, tuple[Input, ...]]:
        assert self.part.amount is not None and self.part.assignments is not None
        ente = env.facts.ente
        each: list[Held] = []
        spans: list[tuple[dt.date, dt.date]] = []
        for r in ente.table(ASSIGNMENTS):
            if r.get("person") != env.person.id or not of_kind(r.get("kind"), self.part.assignments):
                continue
            env.row = row_of(ente, env.person, r)
            span = env.row.span
            assert span is not None
            env.known.clear()  # the row's data (its days, whom it covers, its declared columns) are read anew
            what = "importo nel progetto" if r.get("project") else "importo dell'incarico"
            value, inputs = self._number(self.part.amount, env, what)
            said, cell = appointment_said(ente, r), heading(ente, r)
            post = post_held(ente, r) or post_covered(ente, r.get("covered"))
            each.append(Held(money.r2(value), (cell, *post, *inputs), said))
            spans.append(span)
        env.row = None
        if not each:
            return ZERO, ()
        if self.part.combine == "massimo":
            best = max(each, key=lambda x: x.amount)
            left = [unpaid(h, best, "vale il migliore, l'incarico") for h in each if h is not best]
            return best.amount, (*best.inputs, Input("con più incarichi", "il migliore"), *left)
        if self.part.combine != "contemporanei":
            return sum((h.amount for h in each), ZERO), tuple(i for h in each for i in h.inputs)
        total, out = ZERO, []
        for group in concurrent(each, spans):
            best = max(group, key=lambda x: x.amount)
            total += best.amount
            out += [*best.inputs, *(unpaid(h, best, "contemporaneo all'incarico") for h in group if h is not best)]
        return total, tuple(out)


def row_of(ente: Ente, person: Person, r: CoreRow) -> Row:
    """A row of incarichi.csv as a formula reads it: its days in the year and in service, its first and last day,
    whom it covers, its cells and the dates of service that cut it."""
    span = served(ente.year, person, r.get("start"), r.get("end"))
    days = Decimal(max(0, (span[1] - span[0]).days + 1))
    cut = service_cut(ente.year, span, r.get("start"), r.get("end"))
    covered = ente.cell(ASSIGNMENTS, r.row, "covered")
    return Row(days, r.get("covered"), covered, r.row, r.values, cut, span)


@attrs.frozen
class Held:
    """An appointment a part pays by (a row of incarichi.csv): its amount to the cent, the inputs that explain it,
    and the appointment in words (:func:`incarico_words`)."""

    amount: Decimal
    inputs: tuple[Input, ...]
    said: str


def incarico_words(year: int, kind: object, start: object, end: object) -> str:
    """An appointment as an employee reads it, by its kind and its dates within the year: «reggenza dal 01/07/2016 al
    31/12/2016», never the file and row that write it (explain keeps the cell in its arrow)."""
    first, last = span_in_year(year, start, end)
    return f"{kind or 'incarico'} dal {fmt.date_it(first)} al {fmt.date_it(last)}"


def appointment_said(ente: Ente, r: CoreRow) -> str:
    """A row of incarichi.csv in words: a project's by its code and title as progetti.csv writes them, «progetto P1 —
    Archivio digitale dal 01/01/2025 al 31/05/2025»; another by its kind, «reggenza dal 01/07/2016 al 31/12/2016»."""
    project = project_said(ente, r)
    kind = f"progetto {project}" if project else r.get("kind")
    return incarico_words(ente.year, kind, r.get("start"), r.get("end"))


def heading(ente: Ente, r: CoreRow) -> Input:
    """The first row of an appointment's block: «progetto | P1 — Archivio digitale dal 01/01/2025 al 31/05/2025»
    for a project (two projects of a person told apart), «incarico | reggenza dal …» for another."""
    project = project_said(ente, r)
    if not project:
        said = incarico_words(ente.year, r.get("kind"), r.get("start"), r.get("end"))
        return Input("incarico", said, cell=ente.cell(ASSIGNMENTS, r.row, "kind"))
    said = incarico_words(ente.year, project, r.get("start"), r.get("end"))
    return Input("progetto", said, cell=ente.cell(ASSIGNMENTS, r.row, "project"))


def project_said(ente: Ente, r: CoreRow) -> str:
    """The project a row names, «P1 — Archivio digitale» (its code alone where progetti.csv has no title); ""
    for a row naming none."""
    code = r.get("project")
    if not code:
        return ""
    title = next((p.get("title") for p in ente.table(PROJECTS) if str(p.get("id")) == str(code)), None)
    return f"{code} — {title}" if title else str(code)


def post_held(ente: Ente, r: CoreRow) -> tuple[Input, ...]:
    """The unit an appointment holds where the row names it (``unità``: a vacant post, which no person covered
    tells), by its name as the office writes it, from the row's cell; () without one, or one unità.csv lacks (an
    error of the row, :mod:`check.appointments`)."""
    unit = ente.units.get(str(r.get("unit"))) if r.get("unit") else None
    if unit is None:
        return ()
    return (Input("l'unità retta", unit.name, cell=ente.cell(ASSIGNMENTS, r.row, "unit")),)


def post_covered(ente: Ente, covered: object) -> tuple[Input, ...]:
    """The post an appointment covers, by its title: the unit of the person covered, as the office names it — what
    the reggente may read of it; the person's own name and code stay off the scheda (rules/core.md §6)."""
    who = ente.people.get(str(covered)) if covered else None
    unit = ente.units.get(who.unit) if who is not None and who.unit else None
    if who is None or unit is None:
        return ()
    return (Input("l'unità della persona sostituita", unit.name, cell=ente.cell("people", who.row, "unit")),)


def unpaid(held: Held, best: Held, why: str) -> Input:
    """An appointment considered and not paid, beside the one paid in its place: «reggenza dal 01/09/2016 al
    30/09/2016: € 300,00, non pagato: contemporaneo all'incarico reggenza dal 01/07/2016 … (€ 3.680,00), che vale di
    più»."""
    more = "che vale di più" if best.amount > held.amount else "di pari importo"
    said = f"{held.said}: {fmt.euro(held.amount)}, non pagato: {why} {best.said} ({fmt.euro(best.amount)}), {more}"
    return Input("incarico considerato e non pagato", said)


def unheld(formula: Formula, env: PersonEnv, values: bool = False) -> str:
    """What did not hold for the person, as explain says it: of a condition «E(a; b; c)» only the terms that are
    false for them («la colonna progetti (…) dice no»), since the whole conjunction denied does not say which one
    left them out; of any other condition, the condition denied (:func:`denied`). The terms are run again after
    the condition's own inputs are taken (running resets what the environment read); one that cannot be computed
    is not named, and its error was already said by the condition. Of a condition «O(a; b)», which fails only where
    every alternative fails, each alternative's own failure, one after the other («il contratto è diverso da «TD» e
    la persona non è in servizio al 01/03/2025»), never the whole disjunction denied."""
    tree = formula.tree
    if isinstance(tree, Call) and tree.fn == "O" and one_of(tree) is None:  # one column among texts: said whole
        return fmt.listed((unheld(attrs.evolve(formula, tree=arg), env, values) for arg in tree.args), commas=False)
    if isinstance(tree, Call) and tree.fn == "E":
        terms = [attrs.evolve(formula, tree=arg) for arg in tree.args]
        false = [t for t in terms if evaluated(t, env, _unsaid) is False]
        if false:
            said = [words for t in false if (words := placed(t, env))]
            return "".join(f"{p}: " for p in said) + fmt.listed(
                (denied(t) + (_compared(t, env) if values else "") for t in false), commas=False
            )
    plain = placed(formula, env)
    if plain:
        return whole_place(formula, plain)
    return denied(formula) + (_compared(formula, env) if values else _worked(formula, env))


def _worked(formula: Formula, env: PersonEnv) -> str:
    """Of a comparison whose left side is a computation (an operation, not one value) against a percentage written alone: what the
    computation gave the person, «: 55,00% è meno di 60%», so that they read the figure their values made and not
    only the values; "" for any other condition, or where the side cannot be computed."""
    tree = formula.tree
    if not (isinstance(tree, Binary) and tree.op in ("<", "<=", ">", ">=")) or not isinstance(tree.left, Binary):
        return ""  # one value (a column, OBIETTIVO("…")) is said by the values read after the condition
    if not isinstance(tree.right, Num) or not tree.right.percent:
        return ""
    value = evaluated(attrs.evolve(formula, tree=tree.left), env, _unsaid)
    if not isinstance(value, Decimal) or isinstance(value, fmt.Points):
        return ""
    verb = {"<": "è almeno", "<=": "è più di", ">": "è al più", ">=": "è meno di"}[tree.op]
    return f": {fmt.pct(value)} {verb} {fmt.pct_typed(tree.right.value)}"


def whole_place(formula: Formula, plain: str) -> str:
    """A place not reached said once and whole: the place and the places the premium reaches with how they are
    counted (:func:`placed`), then how the places are decided, the rank in words with its tie-break («; il posto è
    la posizione nell'ente per il punteggio (1 la più alta; a parità, per i giorni di assenza, dal più basso)»). The
    condition in words and the values it read would say the same again: neither follows it (:func:`place_said`)."""
    tree = formula.tree
    assert isinstance(tree, Binary)  # placed() said a place: a rank compared with a limit
    return f"{plain}; il posto è {said(tree.left)}"


def place_said(formula: Formula, env: PersonEnv, held: bool) -> bool:
    """Whether the condition left the person out by a place its note says whole (:func:`whole_place`): explain and
    the scheda then say the note alone (``Trace.SAID_WHOLE``), not the values read after it, which the note gives
    (the place, the count, the places reached) or the scheda gives elsewhere (the score, the days of absence)."""
    return not held and bool(placed(formula, env))


def _compared(formula: Formula, env: PersonEnv) -> str:
    """The person's own value against the number a comparison asks, after the comparison denied: « (24 contro 36)»,
    so that they read what left them out, not only the rule; "" where a side is no number or is the number written
    alone on both sides, or either cannot be computed."""
    tree = formula.tree
    if (listed := one_of(tree)) is not None:  # a text none of those listed: « (è «multa»)»
        value = evaluated(attrs.evolve(formula, tree=listed[0]), env, _unsaid)
        return f" (è {fmt.quoted(value)})" if isinstance(value, str) and value else ""
    if not (isinstance(tree, Binary) and tree.op in ("<", "<=", ">", ">=")) or not isinstance(tree.left, Name):
        return ""
    limit = _limit(formula, tree.right, env, tree.left.year)
    value = evaluated(attrs.evolve(formula, tree=tree.left), env, _unsaid)
    if limit is None or not isinstance(value, Decimal) or isinstance(value, fmt.Points):  # a score says its own
        return ""
    if tree.left.year:  # a year as a year, «2021», never «2.021»
        value, limit = fmt.Year(value), fmt.Year(limit)
    return f" ({fmt.decimal_it(value)} contro {fmt.decimal_it(limit)})"


def _limit(formula: Formula, right: Node, env: PersonEnv, year: bool) -> Decimal | None:
    """The number a comparison asks of a column: a bare number as written; of a column of years, also a year
    computed («anno_ciclo - 3», 2022 in the cycle 2025); None for anything else (a percentage, an amount)."""
    if isinstance(right, Num):
        return None if right.percent or right.unit else right.value
    if not year:
        return None
    found = evaluated(attrs.evolve(formula, tree=right), env, _unsaid)
    return found if isinstance(found, Decimal) and not isinstance(found, fmt.Points) else None


def placed(formula: Formula, env: PersonEnv) -> str:
    """A place not reached, in plain words before the formula says it, of the person in the third person, as the
    whole scheda speaks of them: «è al 2° posto, a pari punteggio (92,00) con chi ha meno giorni di assenza; il premio
    spetta al 1° posto (il 20% di 8 persone, per difetto)», for a condition «RANGO…(x) <= n» (or «< n»). The person's
    own place and value, the tie-break that put them after and the number of places, never another person's figure.
    "" for any other condition, or where a side cannot be computed."""
    tree = formula.tree
    if not (isinstance(tree, Binary) and tree.op in ("<=", "<") and isinstance(tree.left, Call)):
        return ""
    if not tree.left.fn.startswith("RANGO"):
        return ""
    place = evaluated(attrs.evolve(formula, tree=tree.left), env, _unsaid)
    limit = evaluated(attrs.evolve(formula, tree=tree.right), env, _unsaid)
    if not isinstance(place, Decimal) or not isinstance(limit, Decimal):
        return ""
    mine = f"è {_at(place)} posto" + _tie_lost(tree.left, env)
    last = int(limit) - (1 if tree.op == "<" and limit == int(limit) else 0)
    if last < 1:
        return f"{mine}; il premio non spetta a nessuna posizione"
    reach = "al 1° posto" if last == 1 else f"ai primi {last} posti"
    return f"{mine}; il premio spetta {reach}{_share_of(formula, tree.right, env)}"


def _tie_lost(rank: Call, env: PersonEnv) -> str:
    """«, a pari punteggio (92,00) con chi ha meno giorni di assenza»: where someone of the person's x came before
    them by a further argument of the rank, that argument, as who prevails; "" where nobody of their x is ahead."""
    lost = env.lost_ties.get(contracted(said(rank)))
    if lost is None:
        return ""
    value, n = lost
    key, low = tie_keys(rank)[n]
    x = rank.args[0]
    equal = "a pari punteggio" if isinstance(x, Name) and x.name == "punteggio" else f"a parità di {said(x)}"
    words = said(key)
    article, _, rest = words.partition(" ")
    who = (
        f"chi ha {'meno' if low else 'più'} {rest}"
        if article in ("i", "gli") and rest
        else f"chi prevale per {words}, {'dal più basso' if low else 'dal più alto'}"
    )
    return f", {equal} ({fmt.decimal_it(value)}) con {who}"


def _share_of(formula: Formula, limit: Node, env: PersonEnv) -> str:
    """The number of places as a share of a count, where the formula writes it so: « (il 20% di 8 persone, per
    difetto)» of ``ARROTONDA.PER.DIF(20% * CONTA.ENTE(…); 0)``, « (…, per difetto, e almeno 1)» of ``MAX(1; …)``;
    "" for any other limit."""
    if isinstance(limit, Call) and limit.fn == "MAX" and len(limit.args) == 2 and isinstance(limit.args[0], Num):
        least = limit.args[0].value  # «e almeno uno»: the written floor before the share
        counted = _share_of(formula, limit.args[1], env)
        return f"{counted[:-1]}, e almeno {fmt.decimal_it(least)})" if counted else ""
    rounding = {"ARROTONDA.PER.DIF": "per difetto", "ARROTONDA.PER.ECC": "per eccesso", "ARROTONDA": "arrotondato"}
    if not (isinstance(limit, Call) and limit.fn in rounding and isinstance(limit.args[0], Binary)):
        return ""
    product = limit.args[0]
    if product.op != "*":
        return ""
    share, count = (product.left, product.right) if isinstance(product.left, Num) else (product.right, product.left)
    if not (isinstance(share, Num) and share.percent and isinstance(count, Call) and count.fn.startswith("CONTA")):
        return ""
    people = evaluated(attrs.evolve(formula, tree=count), env, _unsaid)
    if not isinstance(people, Decimal):
        return ""
    places = len(fmt.pct_typed(share.value).rstrip("%").partition(",")[2])
    counted = fmt.plural(int(people), "persona", "persone")
    if count.args:  # a count of those a condition holds for, said with it: never as if all the ente's people
        of = "della" if int(people) == 1 else "delle"
        counted = f"{of} {counted} per cui {said(count.args[0])}"
    else:
        counted = f"di {counted}"
    return f" ({fmt.the_pct(share.value, places)} {counted}, {rounding[limit.fn]})"


def _at(place: Decimal) -> str:
    """«all'8°», «al 2°» (:func:`fmt.at_place`); a place shared by a tie in halves as it is, «al 2.5°»."""
    return fmt.at_place(place) if place == int(place) else f"al {place.normalize():f}°"


def _unsaid(what: str) -> None:
    """A term's error, run again for :func:`unheld`: the whole condition said it already."""


def evaluated(
    formula: Formula,
    env: PersonEnv,
    complain: Callable[[str], None],
    blank: Callable[[Blank, PersonEnv], None] | None = None,
) -> object:
    """The formula's value for the person; :data:`FAILED` after an error, said (``complain``) naming the person, or
    an empty cell of a declared column said by ``blank`` where it is given (at the cell, once)."""
    env.read = {}
    try:
        return run(formula, env)
    except Unwritten:  # a column missing from the file: said once, by the validation, not once per person
        return FAILED
    except Blank as exc:
        if blank is None:
            complain(f"{exc} per {env.person.name}")
        else:
            blank(exc, env)
        return FAILED
    except RunError as exc:
        complain(f"{exc} per {env.person.name}")
        return FAILED


def valued(
    formula: Formula,
    env: PersonEnv,
    what: str,
    complain: Callable[[str], None],
    blank: Callable[[Blank, PersonEnv], None] | None = None,
    rankings: object = "ente",
    shared: dict[str, Decimal] | None = None,
) -> tuple[Decimal, tuple[Input, ...]]:
    """The formula's value for the person, never below zero, and its inputs: what it read, then the value it gave
    («peso (1 meno …) = 0,833333»: a weight to six decimals, an amount to the cent), for a sum redone by hand; an empty
    cell said as :func:`evaluated` says it. ``rankings``: the part's graduatorie, whose fund the maximum's sentence
    says («il fondo della graduatoria»). ``shared``: gathers each figure of the ente read (:func:`byhand.redone`)."""
    value = evaluated(formula, env, complain, blank)
    if value is None:  # a datum the person does not have (a section missing from the scheda): never a silent 0
        complain(f"{what} senza valore per {env.person.name} ({sentence(formula)}: un dato che manca)")
    found = value if isinstance(value, Decimal) and value > 0 else Decimal(0)
    given = _weight_shown(formula, found) if what == "peso" else money.floor2(found) if what == CAP else money.r2(found)
    # the value the formula gave («peso dalla formula»: «peso», without more, is the one the split divides); its
    # sentence is said once, by the figure's formula, except of the maximum, whose figure only quotes it
    # (a maximum that is a number alone is its own value: «massimo per persona = € 2.500,00», never said twice)
    said = f"{what} dalla formula"
    if what == CAP:
        said = what if isinstance(formula.tree, Num) else f"{what} ({of_rankings(sentence(formula), rankings)})"
    # the figures computed on the way, to the places that redo the value by hand: a weight to its sixth decimal, an
    # amount to the cent (never «0,4863…», which redoes neither)
    unit = WEIGHT_UNIT if what == "peso" and not in_euro(formula) else CENT
    inputs = (*byhand.redone(env.read.values(), found, unit, shared), Input(said, given))
    return found, inputs


def in_euro(formula: Formula) -> bool:
    """True for a formula whose value is an amount in euro (a ``peso`` that reads «=PREMIO("progetto P1")»), not an
    amount times a score (``retribuzione_posizione * punteggio``), which is a number."""
    return formula.type.same_unit(EURO) and not formula.type.weighted


def _weight_shown(formula: Formula, found: Decimal) -> Decimal:
    """A weight as the explanation says it: an amount in euro with € («€ 1.190,00»), any other as a number to six
    places at most, a percentage too (the unit's achievement, «=unita», is «1»): the weight the split divides is
    said so beside it, and a weight of one part reads as that of another part of the same person."""
    if in_euro(formula):
        return fmt.Money(money.r2(found))
    return weight_places(found)


T = TypeVar("T")


def concurrent(each: list[T], spans: list[tuple[dt.date, dt.date]]) -> list[list[T]]:
    """The appointments in groups held at the same time: by start, each group goes on while the next starts before
    the group's latest end (one that overlaps any of them is in the group), so two of different periods are in
    different groups."""
    groups: list[list[T]] = []
    end: dt.date | None = None
    for (start, finish), item in sorted(zip(spans, each), key=lambda x: x[0]):
        if end is None or start > end:
            groups.append([])
            end = finish
        groups[-1].append(item)
        end = max(end, finish)
    return groups


def span_in_year(year: int, start: object, end: object) -> tuple[dt.date, dt.date]:
    """[start, end] within the year (open ends at the year's bounds)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        max(first, start) if isinstance(start, dt.date) else first,
        min(last, end) if isinstance(end, dt.date) else last,
    )


def served(year: int, person: Person, start: object, end: object) -> tuple[dt.date, dt.date]:
    """An appointment's [start, end] within the year and within the person's service (``assunzione`` to
    ``cessazione``): what its days count, whatever the row writes (a row past the service is a warning of the
    checks); an end before the start where they do not meet."""
    return in_service(person, *span_in_year(year, start, end))


def service_cut(year: int, span: tuple[dt.date, dt.date], start: object, end: object) -> tuple[str, ...]:
    """The dates of service (``assunzione``, ``cessazione``) that make ``span`` (:func:`served`) shorter than the
    appointment's own days in the year; none for an appointment with no day in the year."""
    written = span_in_year(year, start, end)
    if written[0] > written[1]:
        return ()
    return tuple(c for c, cuts in (("assunzione", span[0] > written[0]), ("cessazione", span[1] < written[1])) if cuts)


def days_in_year(year: int, start: object, end: object) -> Decimal:
    """The days of [start, end] (inclusive, open ends at the year's bounds) within the year."""
    begin, finish = span_in_year(year, start, end)
    return Decimal(max(0, (finish - begin).days + 1))


def amount_words(part: Part, groups: Mapping[str, str]) -> str:
    """The amount's formula in words, as the figure of each premium of the part says it; ``groups``: the regulation's
    names of the roles' groups (:func:`role_groups`), which say whom a sum over the ente reads."""
    amount = part.amount
    assert amount is not None
    words = of_rankings(sentence(amount), part.rankings)  # ``fondo``: the graduatoria's, where the part has them
    words = of_roles(words, amount, part.roles, groups)  # «nell'ente»: the part's roles
    # a formula that rounds to the cent itself («ARROTONDA.PER.DIF(…; 2)») says its rounding: never a second one
    cents = "" if _to_cents(amount) else ", arrotondato al centesimo"
    if part.assignments is None:
        return f"importo = «{amount}» ({words}){cents}"
    combine = COMBINED[part.combine]
    return (
        f"per ogni incarico «{part.assignments}» dell'elenco degli incarichi: importo = «{amount}» ({words}){cents}; "
        f"con più incarichi {combine}"
    )


def _to_cents(formula: Formula) -> bool:
    """Whether the formula's value is rounded to two decimals by its outermost function (ARROTONDA, ARROTONDA.PER.DIF,
    ARROTONDA.PER.ECC with 2): rounding it again to the cent changes nothing."""
    tree = formula.tree
    return (
        isinstance(tree, Call)
        and tree.fn in ("ARROTONDA", "ARROTONDA.PER.DIF", "ARROTONDA.PER.ECC")
        and len(tree.args) == 2
        and isinstance(tree.args[1], Num)
        and tree.args[1].value == 2
    )


def shown(value: Decimal) -> str:
    return fmt.decimal_it(value)
