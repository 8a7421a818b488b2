"""The selection for the progressioni economiche ([progressioni], format 2): the candidates (``candidati``, else
every scored person of the roles) ranked by ``graduatoria`` (else the score), then, between equals, by each number
of ``a_parita`` in turn; one graduatoria for the ente or one per category (``graduatorie``); in each, the first
``posti`` (or ``quota`` of its staff in service, or of its candidates, rounded down) selected and, with ``risorse``,
only while each one's ``costo`` still fits in them («fino a concorrenza delle risorse»). Equals are taken together
or not at all, so neither the places nor the resources are ever exceeded; the selection never skips a candidate
to reach a cheaper one below. No premium: the graduatoria, each candidate's place in it recorded with what it read,
and the list of the selected. The places and resources of each graduatoria: :mod:`.progressionlimits`."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from ciclope.core import (
    Ente,
    Input,
    Person,
    Pool,
    Problem,
    Score,
    Trace,
    fmt,
    money,
    scoring,
)
from ciclope.plugins.regolamento.compile import past
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv, Recorder
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.expr import Binary, Call, Formula, Node, Num, nodes
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Progressions, Regulation
from ciclope.plugins.regolamento.format.wording import WHOEVER, at_par, criterion, dated, joined, said, sentence
from ciclope.plugins.regolamento.pay import progressionlimits
from ciclope.plugins.regolamento.pay.formulas import FAILED, evaluated, unheld

Key = tuple[Decimal, ...]  # a candidate's numbers in the graduatoria's order: graduatoria, then each a_parita

SELECTED, BEYOND, TIED = "selezionato", "non selezionato: oltre i posti", "non selezionato: pari merito al limite"
OVER = "non selezionato: oltre le risorse"
NO_PLACES = "non selezionato: nessun posto nella graduatoria"  # a graduatoria of 0 places: nobody is «oltre» them
# a graduatoria given no resources (0 in risorse_graduatorie): nobody is «oltre» what it does not have
NO_RESOURCES = "non selezionato: nessuna risorsa nella graduatoria"


def select(
    reg: Regulation, ente: Ente, scores: Mapping[str, Score], facts: Facts, trace: Trace, path: str = ""
) -> dict[str, Any]:
    """The selected and the details the report reads: the staff, the places (None when only the resources limit
    them) and the candidates in all, the resources and what the selected cost, and each graduatoria with its
    candidates in order (id, name, numbers, cost, outcome). ``path``: the regulation's file, where a problem of its
    keys is said."""
    pr = reg.progressions
    assert pr is not None
    staff = [p for p in ente.people.values() if p.role in pr.roles]
    groups = {p.id: _group(reg, pr, p) for p in staff}  # in people.csv's order: the graduatorie's order
    keyed, said, costs = _ranked(reg, pr, staff, groups, scores, facts, trace)
    rankings: list[dict[str, Any]] = []
    pool = progressionlimits.fund_pool(reg, pr, ente, facts, trace)
    fund = pool.amount if pool is not None else (Decimal(0) if pr.fund is not None else None)
    # no fund, or one that the amounts per graduatoria overrun: nobody is selected (the warning or error says why)
    over = pr.fund is not None and (pool is None or progressionlimits.over_fund(reg, pr, pool, keyed, trace, path))
    for group, pairs in keyed.items():
        base = len(pairs) if pr.share_of == "candidati" else sum(1 for g in groups.values() if g == group)
        candidates = [ente.people[pid] for pid, _ in pairs]
        limit = progressionlimits.places(reg, pr, group, base, candidates, trace, path)
        resources = Decimal(0) if over else progressionlimits.resources(reg, pr, group, candidates, fund, trace, path)
        ordered = scoring.by_score(pairs)
        rows = _parted(_walk(ordered, costs, limit, resources))
        for row in rows:
            ahead = _ahead_at_par(row, rows, ente, list(pr.ties)) if pr.ties else ()
            own = _own(pr, row, rows, base, limit, progressionlimits.whose(reg, group, ente.year), ente.year)
            shown = said[row["person"]].shown(_needed(row, rows))
            _record_place(reg, pr, ente, row, (*_precise(shown, row), *ahead, *own), trace)
        spent = sum((r["cost"] for r in rows if r["outcome"] == SELECTED and r["cost"] is not None), Decimal(0))
        ranking = {"name": group, "base": base, "limit": limit, "resources": resources, "spent": spent, "ranked": rows}
        ranking["places_said"] = progressionlimits.places_said(pr, base, limit)
        if group:  # a graduatoria of a category (or grade): its places and resources, which its candidates read
            first = next(ente.people[pid] for pid, g in groups.items() if g == group)
            _record_ranking(reg, pr, ente, first, ranking, trace)
        rankings.append(ranking)
    return _summary(reg, pr, ente, len(staff), rankings, trace, pool)


def _ranked(
    reg: Regulation,
    pr: Progressions,
    staff: list[Person],
    groups: Mapping[str, str],
    scores: Mapping[str, Score],
    facts: Facts,
    trace: Trace,
) -> tuple[dict[str, list[tuple[str, Key]]], dict[str, Said], dict[str, Decimal]]:
    """Each graduatoria's candidates with their numbers, what each one read, and each one's cost. Without
    ``candidati`` the candidates are the evaluated people of the roles; with it, whoever it admits, evaluated in the
    year or not: a differenziale stipendiale reads the past years' evaluations and the experience, which are columns,
    not this year's card. A candidate ranked by the score needs one (:func:`_candidate`)."""
    scored = [p for p in staff if (s := scores.get(p.id)) is not None and s.score is not None]
    if pr.candidates is None and staff and not scored:
        trace.problem(_nobody_evaluated(reg, pr))
    cohort = Cohort(recorder=Recorder(trace, "progressioni", cite(reg, pr.source)))
    cohort.members = [PersonEnv(facts, p, cohort) for p in (staff if pr.candidates is not None else scored)]
    keyed: dict[str, list[tuple[str, Key]]] = {g: [] for g in groups.values()}
    said: dict[str, Said] = {}
    costs: dict[str, Decimal] = {}
    for env in cohort.members:
        found = _candidate(reg, pr, env, scores, trace)
        if found is not None:
            keyed[groups[env.person.id]].append((env.person.id, found[0]))
            said[env.person.id] = found[1]
            if found[2] is not None:
                costs[env.person.id] = found[2]
    trace.extend(_no_past_scores(reg, pr, [env for env in cohort.members if env.person.id not in said]))
    return keyed, said, costs


def _lacks_sheet(env: PersonEnv) -> str:
    """The key of the mean a candidate lacks because the sheet of earlier scores gives no score at all (none: "",
    nor where they lack something else too): said once for all of them (:func:`_no_past_scores`)."""
    lacking = [k for k, i in env.read.items() if i.value is None]
    if not lacking or not all(k.startswith(past.KEY) for k in lacking) or not past.empty(env.facts.ente):
        return ""
    return lacking[0]


def _no_past_scores(reg: Regulation, pr: Progressions, out: list[PersonEnv]) -> list[Problem]:
    """One error of the sheet of earlier scores where it gives none and candidates lack their mean for it: what
    reads it, how many are left out (the first few named) and what to write; never one error per person."""
    lacking = [(env, key) for env in out if (key := _lacks_sheet(env))]
    if not lacking:
        return []
    ente = lacking[0][0].facts.ente
    what, formula = next((w, f) for w, f in _criteria(pr) if f is not None and f.uses & past.FUNCTIONS)
    call = next(n for n in nodes(formula.tree) if isinstance(n, Call) and n.fn in past.FUNCTIONS)
    reads = f"{'la ' if what == 'graduatoria' else 'il '}{what} delle progressioni economiche legge {said(call)}"
    names = [env.person.name for env, _ in lacking]
    message = past.for_all(ente, reads, names, lacking[0][1])
    return [Problem.at(ente, "regolamento.valutazioni_precedenti.mancanti", message, cite(reg, pr.source), past.TABLE)]


def _criteria(pr: Progressions) -> list[tuple[str, Formula | None]]:
    """The formulas of a selection with the words of what each gives, in the order a candidate's are computed."""
    return [
        ("criterio dei candidati", pr.candidates),
        ("graduatoria", pr.order),
        *(("criterio a parità", f) for f in pr.ties),
        ("costo", pr.cost),
    ]


def _nobody_evaluated(reg: Regulation, pr: Progressions) -> Problem:
    """Candidates who are the year's evaluated, where nobody is: a fund of progressions pays no premium, so the
    missing cards' error of the premiums does not say why nobody is selected."""
    return Problem(
        rule="regolamento.progressioni.valutati",
        severity="warning",
        source=cite(reg, pr.source),
        file="valutazioni.csv",
        message="nessuno è valutato nell'anno: senza candidati i candidati alle progressioni sono i valutati, e "
        "nessuno è selezionato; aggiungi le schede in valutazioni.csv, o scrivi in [progressioni] candidati, la "
        "condizione che li ammette (anche senza la valutazione dell'anno)",
    )


def _summary(
    reg: Regulation,
    pr: Progressions,
    ente: Ente,
    staff: int,
    rankings: list[dict[str, Any]],
    trace: Trace,
    pool: Pool | None = None,
) -> dict[str, Any]:
    """The selection of every graduatoria together, recorded as one figure."""
    selected = [row["person"] for r in rankings for row in r["ranked"] if row["outcome"] == SELECTED]
    candidates = [row["person"] for r in rankings for row in r["ranked"]]
    limits: list[int] = [r["limit"] for r in rankings if r["limit"] is not None]
    limit = sum(limits) if len(limits) == len(rankings) else None
    # the places the candidates can fill: in each graduatoria, no more than its candidates (none in a graduatoria
    # nobody is a candidate in, such as an Area that candidati leaves out)
    fillable = sum(min(r["limit"], len(r["ranked"])) for r in rankings) if limit is not None else None
    funded = pr.cost is not None
    resources = sum((r["resources"] or Decimal(0) for r in rankings), Decimal(0)) if funded else None
    spent = sum((r["spent"] for r in rankings), Decimal(0)) if funded else None
    counts = [Input("personale in servizio", staff), Input("candidati", len(candidates))]
    if limit is not None:
        counts.insert(1, Input("posti", limit))
    if fillable is not None and fillable != limit:
        counts.insert(2, Input("posti che i candidati possono occupare", fillable))
    if pool is not None:  # the fund they come from, explained down to the clause that put the money in it
        counts.append(Input(progressionlimits.fund_words(pool), fmt.Money(pool.amount), ref=f"pool:{pool.name}"))
    if resources is not None and spent is not None:
        counts += [Input("risorse", fmt.Money(resources)), Input("costo dei selezionati", fmt.Money(spent))]
    _record_selected(reg, pr, ente, counts, limit, selected, trace)
    if pool is not None:
        _record_given(reg, pr, ente, pool, rankings, trace)
    return {
        "limit": limit,
        "fillable": fillable,
        "resources": resources,
        "spent": spent,
        "candidates": candidates,
        "selected": selected,
        "staff": staff,
        "graduatorie": rankings,
        # the fund the resources come from ([progressioni] fondo): its words and amount, None without one
        "fund": (progressionlimits.fund_words(pool), pool.amount) if pool is not None else None,
    }


GIVEN = "distribuito"  # pool:<fund>:distribuito: what a fund that pays no premium gave (core.run.explain)
RANKING = "graduatoria:progressioni/"  # graduatoria:progressioni/<category or grade>: its places and resources


def _group_read(reg: Regulation, ente: Ente, person: Person, where: str, key: str, own: bool = True) -> Input:
    """The graduatoria as read from the category (or grade) cell of ``person``, one of its staff: explain says it in
    the words of the contract («Area degli Istruttori (ex categoria C)»), and, by ``key``, its places and resources.
    Not ``own``: the graduatoria itself, every candidate's, read from the column, no one person's row."""
    cell = ente.cell("people", person.row if own else None, grades.column(reg))
    written = person.extra.get(grades.GRADE) if reg.grades is not None else person.category
    return Input("graduatoria" + where, written or grades.grade_of(reg, person) or "", ref=key, cell=cell)


def _record_ranking(
    reg: Regulation, pr: Progressions, ente: Ente, first: Person, ranking: dict[str, Any], trace: Trace
) -> None:
    """A graduatoria of a category (or grade): its places, how they are computed, its resources, its candidates and
    what the selected cost (``graduatoria:progressioni/<group>``); the value is the places, or the resources where
    only they limit the selection. A candidate left out by either reads them here."""
    limit, resources, base = ranking["limit"], ranking["resources"], ranking["base"]
    where = f" {grades.of_word(reg)}" if reg.grades is not None else " della categoria (o Area)"
    counted = (
        "candidati della graduatoria"
        if pr.share_of == "candidati"
        else ("personale in servizio dei ruoli nella graduatoria")
    )
    inputs = [_group_read(reg, ente, first, where, "", own=False), Input(counted, base)]
    if pr.share is not None and pr.places is None and not pr.places_by_ranking:
        inputs.append(Input("quota", fmt.Percent(pr.share)))
    if resources is not None:
        inputs.append(Input("risorse della graduatoria", fmt.Money(resources)))
    selected = sum(1 for row in ranking["ranked"] if row["outcome"] == SELECTED)
    if pr.share_of != "candidati":
        inputs.append(Input("candidati", len(ranking["ranked"])))
    inputs.append(Input("selezionati", selected))
    if resources is not None:
        inputs.append(Input("costo dei selezionati", fmt.Money(ranking["spent"])))
    formula = progressionlimits.limits_formula(pr, counted, ranking["places_said"], limit, resources)
    what = "posti" if limit is not None else "risorse"
    trace.record(
        f"{RANKING}{ranking['name']}",
        limit if limit is not None else fmt.Money(resources or Decimal(0)),
        formula,
        cite(reg, pr.source),
        inputs,
        f"Progressioni economiche: {what} della graduatoria",
    )


def _record_given(
    reg: Regulation, pr: Progressions, ente: Ente, pool: Pool, rankings: list[dict[str, Any]], trace: Trace
) -> None:
    """What the fund of ``fondo`` gave: the cost of each selected candidate, in the order of their graduatoria, and
    what is left of it; ``explain --pool`` reads it as a premium fund's «distribuito» and «residuo»."""
    chosen: list[Input] = []
    for ranking in rankings:
        picked = [row for row in ranking["ranked"] if row["outcome"] == SELECTED]
        if picked and ranking["name"]:  # the graduatoria by its Area, then its selected
            where = f" {grades.of_word(reg)}" if reg.grades is not None else " della categoria (o Area)"
            first = ente.people[picked[0]["person"]]
            chosen.append(_group_read(reg, ente, first, where, f"{RANKING}{ranking['name']}", own=False))
        chosen += [
            Input(
                f"{row['place']}° {ente.people[row['person']].name} ({row['person']})",
                fmt.Money(row["cost"] or Decimal(0)),
                ref=f"progression:{row['person']}",
            )
            for row in picked
        ]
    spent = sum((Decimal(i.value) for i in chosen if i.ref.startswith("progression:")), Decimal(0))
    trace.record(
        f"pool:{pool.name}:{GIVEN}",
        spent,
        "somma dei costi delle progressioni dei selezionati, in ordine di graduatoria",
        cite(reg, pr.source),
        [
            Input(progressionlimits.fund_words(pool), fmt.Money(pool.amount), ref=f"pool:{pool.name}"),
            *chosen,
            Input("residuo", fmt.Money(pool.amount - spent)),
        ],
        f"Progressioni economiche: costo dei selezionati {progressionlimits.fund_after('da', pool)}",
    )


def _group(reg: Regulation, pr: Progressions, person: Any) -> str:
    """The graduatoria of ``person``: the ente's one, or their grade (the grado of [gradi], else the category)."""
    if pr.rankings == "ente":
        return ""
    return grades.grade_of(reg, person) or f"senza {grades.word(reg)}"


def _candidate(
    reg: Regulation, pr: Progressions, env: PersonEnv, scores: Mapping[str, Score], trace: Trace
) -> tuple[Key, Said, Decimal | None] | None:
    """A candidate's numbers, what they read and the cost of their progression (None without ``costo``); None for a
    person who is not a candidate. A formula that cannot be computed for the person is an error naming them: they
    are left out of the graduatoria, never silently."""
    score = scores.get(env.person.id)
    unscored = score is None or score.score is None
    if pr.candidates is not None:
        # one without a valuation in the year is a candidate only by what they have: a condition that reads the
        # score they lack leaves them out, as explain says, never as an error of the regulation
        complain = _complaint(reg, pr, trace, "chi è candidato", pr.candidates)
        admitted = evaluated(pr.candidates, env, (lambda _: None) if unscored else complain)
        if admitted is not True:
            if admitted is not FAILED or unscored:  # an error names the person already
                # without a score, a condition that is neither true nor false could not read it
                _record_refused(reg, pr, env, pr.candidates, trace, unscored, unscored and admitted is not False)
            return None
    key: list[Decimal] = []
    inputs: list[Input] = []
    if pr.order is None:  # the points the thresholds are judged on: the score, or its points on the scale
        points = points_of(reg, score)
        if points is None:
            _record_refused(reg, pr, env, None, trace, unscored=True, lacking=True)
            return None
        key.append(points)
        inputs.append(Input("punteggio", points, ref=f"score:{env.person.id}"))
    criteria = [("graduatoria", pr.order)] if pr.order is not None else []
    ties: list[tuple[Input, ...]] = []
    for what, formula in [*criteria, *(("a parità", f) for f in pr.ties), *([("costo", pr.cost)] if pr.cost else [])]:
        complain = _complaint(reg, pr, trace, what, formula)
        value = evaluated(formula, env, complain)
        if not isinstance(value, Decimal) or (what == "costo" and value < 0):
            _left_out(reg, pr, env, what, formula, value, trace)
            return None
        if what == "costo":
            cost = money.r2(value)
            tail = (*_new(inputs, env.read.values()), Input(f"costo ({sentence(formula)})", fmt.Money(cost)))
            if parts := _cost_parts(formula, env, cost):  # the amount and the share it is reduced by, if any
                tail += (Input(Trace.PROGRESSION_COST, parts),)
            return tuple(key), Said(tuple(inputs), tuple(ties), tail), cost
        key.append(value)
        words, highest = criterion(formula)
        # the ranking number: «87,50»; «=-eta»: the age itself, said from the lowest, never «meno l'età»
        shown: Decimal = fmt.Points(value) if what == "graduatoria" and highest else at_par(formula, value)
        if not highest:
            words = f"{words}, dal più basso"
        words = dated(words, env.facts.ente.year)
        if what == "a parità":  # read apart: shown only where a tie on the graduatoria's number needed it
            ties.append(_tie(Input(f"{what} ({words})", shown), _new(inputs, env.read.values())))
            continue
        inputs += [*_new(inputs, env.read.values()), Input(f"{what} ({words})", shown)]
        if what == "graduatoria" and (parts := _parts(formula, env, value)):  # last: it runs the parts again
            inputs.append(Input(Trace.PROGRESSION_SCORE, parts))
    return tuple(key), Said(tuple(inputs), tuple(ties), ()), None


@attrs.frozen
class Said:
    """What a candidate's numbers read: the graduatoria's (``head``), each rule for equals' in its order (``ties``),
    and the cost's (``tail``)."""

    head: tuple[Input, ...]
    ties: tuple[tuple[Input, ...], ...]
    tail: tuple[Input, ...]

    def shown(self, needed: int) -> tuple[Input, ...]:
        """The inputs with the first ``needed`` rules for equals, those a tie on the graduatoria's number applied;
        what the cost read is said once, where a rule shown has not said it."""
        ties = tuple(i for group in self.ties[:needed] for i in group)
        return (*self.head, *ties, *(i for i in self.tail if i not in ties))


def _tie(line: Input, read: list[Input]) -> tuple[Input, ...]:
    """A rule for equals' value and what it read: a rule that reads one cell of that value is said once, with the
    cell («a parità (l'età in anni) = 47 ← colonna eta»), never the cell and then the rule."""
    if len(read) == 1 and read[0].value == line.value and read[0].cell:
        return (attrs.evolve(line, ref=read[0].ref, cell=read[0].cell),)
    return (*read, line)


def _needed(row: dict[str, Any], rows: list[dict[str, Any]]) -> int:
    """How many rules for equals a tie on ``row``'s graduatoria number applied: up to the first that tells it from
    each candidate of the same number (all of them for one equal in everything); 0 for a number no one else has."""
    needed = 0
    for other in rows:
        if other["person"] == row["person"] or other["numbers"][0] != row["numbers"][0]:
            continue
        pairs = list(zip(other["numbers"][1:], row["numbers"][1:]))
        needed = max(needed, next((i + 1 for i, (a, b) in enumerate(pairs) if a != b), len(pairs)))
    return needed


def _parts(formula: Formula, env: PersonEnv, value: Decimal) -> str:
    """The graduatoria's number as its formula computes it from the person's own values, each part named: «86,00 × 0,8
    + 16 = 84,80 (86,00: la media …; 16: il minore tra …)»; "" for a formula of no arithmetic (its one value is the
    number itself) or a part that cannot be computed."""
    named: dict[str, str] = {}
    text = _part(formula, formula.tree, env, named, top=True)
    if not named or text is None:
        return ""
    return f"{text} = {fmt.decimal_it(money.r2(value))} ({'; '.join(f'{v}: {w}' for w, v in named.items())})"


def _part(formula: Formula, node: Node, env: PersonEnv, named: dict[str, str], top: bool = False) -> str | None:
    """One node of :func:`_parts`: a number as written, an operation of two parts, anything else by its value."""
    if isinstance(node, Num):
        return said(node)
    if isinstance(node, Binary) and node.op in ARITHMETIC:
        left, right = _part(formula, node.left, env, named), _part(formula, node.right, env, named)
        if left is None or right is None:
            return None
        if node.op in "*/" and _sum(node.left):  # «(a + b) × c»; a sum on the left of a sum needs none
            left = f"({left})"
        if node.op in "*/-" and _sum(node.right) or node.op == "/" and isinstance(node.right, Binary):
            right = f"({right})"
        return f"{left} {ARITHMETIC[node.op]} {right}"
    if top and isinstance(node, Call) and node.fn == "ARROTONDA" and len(node.args) == 2:
        # the number rounded as the text asks: its parts, then the rounding («(… + 3) arrotondato a 2 decimali»)
        inner = _part(formula, node.args[0], env, named, top=True)
        places = node.args[1]
        if inner is None or not isinstance(places, Num):
            return None
        return f"({inner}) arrotondato a {fmt.decimal_it(places.value)} decimal{'e' if places.value == 1 else 'i'}"
    if top:  # the whole formula is one part: nothing to show of it
        return None
    found = evaluated(attrs.evolve(formula, tree=node), env, lambda _: None)
    if not isinstance(found, Decimal):
        return None
    shown = fmt.decimal_it(found if found == found.to_integral_value() else fmt.Points(found))
    shown = fmt.decimal_it(found) if isinstance(found, fmt.Points) else shown
    named.setdefault(said(node), shown)
    return shown


ARITHMETIC = {"+": "+", "-": "−", "*": "×", "/": ":"}


# the person's names that hold a share, said as a percentage as explain shows their cell: the time worked
SHARES = frozenset(("quota_tempo",))


def _cost_parts(formula: Formula, env: PersonEnv, cost: Decimal) -> str:
    """The cost as its formula computes it, each part in its unit: «€ 750,00 × 50% = € 375,00» (an Area's
    differential by the time worked); "" for a formula of no arithmetic (its one value is the cost itself)."""
    read = {i.name: i.value for i in env.read.values()}
    text = _money_part(formula, formula.tree, env, read)
    return f"{text} = {fmt.euro(cost)}" if text is not None and isinstance(formula.tree, Binary) else ""


def _money_part(formula: Formula, node: Node, env: PersonEnv, read: Mapping[str, Any]) -> str | None:
    """One node of :func:`_cost_parts`: an operation of two parts, else the node's value in its unit (an amount in
    euro, a share as a percentage, as the value it reads is shown)."""
    if isinstance(node, Binary) and node.op in ARITHMETIC:
        left, right = _money_part(formula, node.left, env, read), _money_part(formula, node.right, env, read)
        if left is None or right is None:
            return None
        left = f"({left})" if node.op in "*/" and _sum(node.left) else left
        right = f"({right})" if node.op in "*/-" and (_sum(node.right) or isinstance(node.right, Binary)) else right
        return f"{left} {ARITHMETIC[node.op]} {right}"
    found = evaluated(attrs.evolve(formula, tree=node), env, lambda _: None)
    if not isinstance(found, Decimal):
        return None
    shown = read.get(said(node))
    euro = isinstance(shown, fmt.Money) or getattr(node, "euro", False) or getattr(node, "unit", "") == "€"
    if euro:
        return fmt.euro(found)
    if isinstance(shown, fmt.Percent) or getattr(node, "percent", False) or getattr(node, "name", "") in SHARES:
        return fmt.pct_typed(found)
    return fmt.decimal_it(found)


def _sum(node: Node) -> bool:
    return isinstance(node, Binary) and node.op in "+-"


def _new(inputs: list[Input], read: Iterable[Input]) -> list[Input]:
    """What a criterion read that an earlier one of the same candidate has not already said (the graduatoria and a
    rule for equals often read the same definition: it is listed once)."""
    return [i for i in read if i not in inputs]


def _record_refused(
    reg: Regulation,
    pr: Progressions,
    env: PersonEnv,
    formula: Formula | None,
    trace: Trace,
    unscored: bool = False,
    lacking: bool = False,
) -> None:
    """A person of the roles who is not a candidate (``progression:<id>`` false, where a candidate has their place):
    the condition («è candidato chi …»), what it read, and what did not hold for them; ``lacking``: for one without a
    valuation in the year (``unscored``), that the lack is why (the condition read the score, or the graduatoria is
    the score)."""
    read = list(env.read.values()) if formula is not None else []
    if unscored:  # the score they lack is no figure to explain, and is why the condition does not hold
        kept = [i for i in read if not (i.ref or "").startswith(("score:", "level:", "card:"))]
        lacking, read = lacking or len(kept) < len(read), kept
    year = env.facts.ente.year  # a day the condition reads, said with the cycle's year: «al 31/12/2026»
    condition = f"{formula} — è candidato {WHOEVER} {dated(sentence(formula), year)}" if formula is not None else ""
    missing = "senza valutazione nell'anno" + (": la graduatoria è il punteggio" if formula is None else "")
    trace.record(
        f"progression:{env.person.id}",
        False,
        condition or "la graduatoria è il punteggio dell'anno",
        cite(reg, pr.source),
        read,
        f"Progressioni economiche: candidatura di {env.person.name}",
        missing if lacking else dated(unheld(formula, env, values=True), year) if formula is not None else "",
    )


def _left_out(
    reg: Regulation, pr: Progressions, env: PersonEnv, what: str, formula: Formula, value: object, trace: Trace
) -> None:
    """A candidate whose ``what`` has no value (a datum they lack, a cost below zero; :data:`FAILED`: an error named
    them already): said as an error with what is missing and how the office gives it, and recorded as
    ``progression:<id>`` None, a candidate without a place, the reason as the note (explain, the scheda)."""
    lacking = [i.name for i in env.read.values() if i.value is None]
    if isinstance(value, Decimal):
        reason = f"{what} negativo ({fmt.decimal_it(value)})"
    else:  # what they lack, where the formula read it; else the formula's words (a cell the error names)
        reason = f"senza {fmt.listed(lacking) if lacking else sentence(formula)}"
    if value is not FAILED and not _lacks_sheet(env):  # never a silent 0; a sheet with no score is said once
        said = f"{'manca' if len(lacking) == 1 else 'mancano'} {fmt.listed(lacking)}" if value is None else ""
        fixes = "; ".join(
            dict.fromkeys(env.fixes[k] for k, i in env.read.items() if i.value is None and k in env.fixes)
        )
        head = f"{'negativo' if isinstance(value, Decimal) else 'senza valore'} per {env.person.name}"
        _complaint(reg, pr, trace, what, formula, fixes)(f"{head}: {said}" if said else head)
    trace.record(
        f"progression:{env.person.id}",
        None,
        f"{what}: {dated(sentence(formula), env.facts.ente.year)}; un candidato per cui non ha valore resta fuori "
        "dalla graduatoria",
        cite(reg, pr.source),
        list(env.read.values()),
        f"Progressioni economiche: posto di {env.person.name} in graduatoria",
        f"fuori dalla graduatoria: {reason}",
    )


def _complaint(
    reg: Regulation, pr: Progressions, trace: Trace, what: str, formula: Formula, fix: str = ""
) -> Callable[[str], None]:
    """What says that a formula could not be computed for a candidate (the message names them), and ``fix``: how the
    office gives what is missing."""

    def complain(message: str) -> None:
        text = f"progressioni economiche, {what} ({sentence(formula)}): {message}: resta fuori dalla graduatoria"
        text += f"; {fix}" if fix else ""
        trace.problem(
            Problem(rule="regolamento.formula", source=cite(reg, pr.source), **written(formula), message=text)
        )

    return complain


def _walk(
    ordered: list[tuple[str, Key]], costs: Mapping[str, Decimal], limit: int | None, resources: Decimal | None
) -> list[dict[str, Any]]:
    """Each candidate in order: id, place (equals share one: 1, 2, 2, 4), numbers, cost and outcome; with resources,
    what the candidates above took of them (``before``) and where the selection stopped (``stopped``). Equals are
    selected together while they fit in the places and the resources left; at the first group that does not, the
    selection stops. That group is «pari merito al limite» when one of them alone would have fitted."""
    rows: list[dict[str, Any]] = []
    taken, spent, stop, stopped = 0, Decimal(0), "", 0
    for key, equals in itertools.groupby(ordered, key=lambda pair: pair[1]):
        group = [pid for pid, _ in equals]
        place = len(rows) + 1
        cost = sum((costs.get(pid, Decimal(0)) for pid in group), Decimal(0))
        outcome = stop
        if not stop and limit == 0:
            stop, stopped, outcome = NO_PLACES, place, NO_PLACES
        elif not stop and limit is not None and taken + len(group) > limit:
            stop, stopped = BEYOND, place
            outcome = TIED if taken < limit else BEYOND
        elif not stop and resources is not None and resources <= 0 < cost:
            stop, stopped, outcome = NO_RESOURCES, place, NO_RESOURCES
        elif not stop and resources is not None and spent + cost > resources:
            stop, stopped = OVER, place
            cheapest = min(costs.get(pid, Decimal(0)) for pid in group)
            outcome = TIED if len(group) > 1 and spent + cheapest <= resources else OVER
        elif not stop:
            taken, spent, outcome = taken + len(group), spent + cost, SELECTED
        rows += [
            {
                "person": pid,
                "place": place,
                "numbers": key,
                "cost": costs.get(pid),
                "outcome": outcome,
                **({"resources": resources, "before": spent, "stopped": stopped} if stop == OVER else {}),
            }
            for pid in group
        ]
    return rows


RANKED = "graduatoria ("  # the input of the graduatoria's number (:func:`_candidate`)
SHOWN = 2  # the decimals a graduatoria's number is shown with, as a score («87,50»)


def _parted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows, each whose number two decimals show equal to an unequal one («29,33» for 29,3333… and 29,33) with
    ``shown``: the number to the decimals that tell all of them apart (29,333 and 29,330), as many for each number
    so shown; the unrounded number decides the order, and who sees two equal numbers in two places must see why."""
    near: dict[Decimal, set[Decimal]] = {}
    for row in rows:
        near.setdefault(money.r2(row["numbers"][0]), set()).add(row["numbers"][0])
    places = {shown: _places(sorted(values)) for shown, values in near.items() if len(values) > 1}
    for row in rows:
        if (found := places.get(money.r2(row["numbers"][0]))) is not None:
            row["shown"] = _rounded(row["numbers"][0], found)
    return rows


def _places(values: list[Decimal]) -> int:
    """The fewest decimals (more than two) that round the sorted, unequal ``values`` to unequal numbers."""
    places = SHOWN + 1
    while any(_rounded(a, places) == _rounded(b, places) for a, b in itertools.pairwise(values)):
        places += 1
    return places


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _precise(inputs: tuple[Input, ...], row: dict[str, Any]) -> tuple[Input, ...]:
    """A candidate's inputs with the graduatoria's number as ``row`` shows it (:func:`_parted`), where two decimals
    would show it equal to an unequal one."""
    if "shown" not in row:
        return inputs
    return tuple(
        # as text, every decimal shown («29,330», as points are stored: a number would lose its trailing zeros)
        attrs.evolve(i, value=fmt.decimal_it(row["shown"]))
        if i.name.startswith(RANKED) and isinstance(i.value, fmt.Points)
        else i
        for i in inputs
    )


def _ahead_at_par(
    row: dict[str, Any], rows: list[dict[str, Any]], ente: Ente, ties: list[Formula]
) -> tuple[Input, ...]:
    """Who has the same graduatoria number and precedes ``row`` by a rule for equals (``a_parita``), with the values
    compared: «Anna Mattera (gli anni di servizio nell'Area: 9 contro 6)», so that one left out by the places or the
    resources reads why the other came first."""
    ahead = [
        f"{ente.people[r['person']].name} ({_compared(r['numbers'][1:], row['numbers'][1:], ties)})"
        for r in rows
        if r["place"] < row["place"] and r["numbers"][0] == row["numbers"][0] and r["numbers"] != row["numbers"]
    ]
    return (Input("chi precede a parità di graduatoria", fmt.listed(ahead)),) if ahead else ()


def _own(
    pr: Progressions,
    row: dict[str, Any],
    rows: list[dict[str, Any]],
    base: int,
    limit: int | None,
    whose: str,
    year: int,
) -> list[Input]:
    """What the candidate of ``row`` reads on their scheda to check their outcome besides their place: how the places
    are counted (``whose``: the graduatoria after «per», said where it has none), and that a rule for equals decided
    between them and one of the same number on the other side of the limit, by that rule's words alone (the
    colleague, and their values, stay in :func:`_ahead_at_par`)."""
    own = (
        [Input(Trace.PROGRESSION_PLACES, progressionlimits.places_words(pr, base, limit, whose))]
        if limit is not None
        else []
    )
    picked = row["outcome"] == SELECTED
    across = [
        r
        for r in rows
        if r["numbers"][0] == row["numbers"][0]
        and r["numbers"] != row["numbers"]
        and (r["outcome"] == SELECTED) != picked
    ]
    if not across or not pr.ties:
        return own
    rules = dict.fromkeys(dated(criterion(pr.ties[_deciding(r["numbers"], row["numbers"])])[0], year) for r in across)
    limited = "dei posti" if BEYOND in (row["outcome"], *(r["outcome"] for r in across)) else "delle risorse"
    said = " e ".join(f"«{w}»" for w in rules)
    decided = f"ha deciso il criterio {said}" if len(rules) == 1 else f"hanno deciso i criteri {said}"
    return [*own, Input(Trace.PROGRESSION_TIE, f"a parità di punteggio al limite {limited} {decided}")]


def equals_words(pr: Progressions) -> str:
    """Who shares a place: the equals of the graduatoria's number, or, where rules for equals order them, only those
    equal in every rule too (one 2nd after a tie-break never reads that equals share a place)."""
    if pr.ties:
        return "i candidati pari anche in ogni criterio a parità hanno lo stesso posto"
    return "i pari merito hanno lo stesso posto"


def _deciding(first: Key, second: Key) -> int:
    """The index, among the rules for equals, of the first that tells two keys of the same number apart."""
    return next(i for i, (a, b) in enumerate(zip(first[1:], second[1:])) if a != b)


def _compared(first: Key, second: Key, ties: list[Formula]) -> str:
    """The rules for equals in order, each with the two values, up to the one that decides: «gli anni nella
    posizione economica: 9 e 9, pari; l'età in anni: 40 contro 35»; a rule read from the lowest shows the values
    themselves (the age, not its negative)."""
    said = []
    for a, b, formula in zip(first, second, ties):
        words, highest = criterion(formula)
        a, b = at_par(formula, a), at_par(formula, b)
        words = words if highest else f"{words}, dal più basso"
        if a == b:
            said.append(f"{words}: {fmt.decimal_it(a)} e {fmt.decimal_it(b)}, pari")
            continue
        said.append(f"{words}: {fmt.decimal_it(a)} contro {fmt.decimal_it(b)}")
        break
    return "; ".join(said)


def _record_place(
    reg: Regulation, pr: Progressions, ente: Ente, row: dict[str, Any], inputs: tuple[Input, ...], trace: Trace
) -> None:
    person = ente.people[row["person"]]
    group = _group(reg, pr, person)
    where = (f" {grades.of_own(reg)}" if reg.grades is not None else " della sua categoria (o Area)") if group else ""
    formula = f"posto nella graduatoria{where}: {_order_words(pr)}; {equals_words(pr)}"
    if group:  # the graduatoria by the person's cell, in the words of the contract, with its places and resources
        inputs = (_group_read(reg, ente, person, where, f"{RANKING}{group}"), *inputs)
    if "resources" in row:  # left out by the resources: how much there was, how much the candidates above took
        formula += "; " + _beyond_resources(row)
        left = row["resources"] - row["before"]
        inputs += (
            Input("risorse della graduatoria", fmt.Money(row["resources"])),
            Input("già assegnate a chi precede", fmt.Money(row["before"])),
            Input("risorse rimaste", fmt.Money(left)),
        )
        if row["place"] != row["stopped"]:
            inputs += (Input("posto al quale la selezione si è fermata", row["stopped"]),)
    trace.record(
        f"progression:{person.id}",
        row["place"],
        dated(formula, ente.year),
        cite(reg, pr.source),
        inputs,
        f"Progressioni economiche: posto di {person.name} in graduatoria",
        row["outcome"],
    )


def _beyond_resources(row: dict[str, Any]) -> str:
    """Why a candidate is beyond the resources, in the words of the formula."""
    if row["place"] != row["stopped"]:
        return (
            "la selezione si è fermata al primo candidato il cui costo non sta nelle risorse rimaste (risorse della "
            "graduatoria meno quelle già assegnate a chi precede): nessuno dopo di lui è selezionato"
        )
    if row["outcome"] == TIED:
        return "i pari merito insieme costano più delle risorse rimaste (risorse della graduatoria meno quelle già "
        "assegnate a chi precede): nessuno di loro è selezionato"
    return "il costo supera le risorse rimaste (risorse della graduatoria meno quelle già assegnate a chi precede)"


def _record_selected(
    reg: Regulation,
    pr: Progressions,
    ente: Ente,
    counts: list[Input],
    limit: int | None,
    selected: list[str],
    trace: Trace,
) -> None:
    trace.record(
        "progression:selected",
        len(selected),
        dated(_words(pr, limit), ente.year),
        cite(reg, pr.source),
        counts,
        "Progressioni economiche: selezionati",
        ", ".join(ente.people[pid].name for pid in selected),
    )


def _order_words(pr: Progressions) -> str:
    order = f"in ordine {joined('di', sentence(pr.order))}" if pr.order is not None else "in ordine di punteggio"
    ties = [criterion(f) for f in pr.ties]
    if all(highest for _, highest in ties):
        said = ", poi ".join(joined("di", words) for words, _ in ties)
        return f"{order}, dal più alto" + (f"; a parità, in ordine {said} (dal più alto)" if ties else "")
    said = ", poi ".join(f"{joined('di', w)} ({'dal più alto' if high else 'dal più basso'})" for w, high in ties)
    return f"{order}, dal più alto; a parità, in ordine {said}"


def _words(pr: Progressions, limit: int | None) -> str:
    who = f"è candidato {WHOEVER} {sentence(pr.candidates)}" if pr.candidates is not None else "candidati: i valutati"
    base = "dei candidati" if pr.share_of == "candidati" else "del personale in servizio"
    each = " per ciascuna graduatoria di categoria" if pr.rankings == "categoria" else ""
    limits = []
    if pr.places is not None:
        limits.append(f"{pr.places} posti{each}")
    elif pr.share is not None:
        limits.append(f"⌊quota × numero {base}⌋ = {limit} posti{each}")
    if pr.cost is not None:
        where = " di ciascuna graduatoria" if pr.rankings == "categoria" else ""
        limits.append(f"fino a concorrenza delle risorse{where}, ciascuno per il suo costo ({sentence(pr.cost)})")
    return f"{who}; {_order_words(pr)}; {' e '.join(limits)}, esclusi i pari merito al limite"
