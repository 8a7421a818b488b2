"""The public aggregate tables of one ente, disclosure-controlled once for every public output
(rules/core.md §6; D.Lgs. 33/2013 art. 20; for Comunità montane 003… art. 28).

:func:`lines` gives every figure that ``trasparenza.csv``, ``premi-art20.csv``, the public Relazione and
the public portal print about people, each a :class:`Line` over a set of people. They go together
through :func:`disclosure.control`, so a figure withheld in one output is withheld in all, and no two
outputs give by difference what one withholds.

Sections (``Line.section``):

- ``fondi``: per performance pool (premi, bonus, prizes, result pay of dirigenti and PO) the amount
  allocated — every fund destined to performance pay, including funds nobody received — and the
  amount distributed with its recipients; then the totals. ``posizione``: the same for position pay,
  which is not a performance premium and is reported apart; ``incentivi``: the same for the compensi that are
  not premi correlati alla performance (incentivi di legge: art. 208 CdS, funzioni tecniche), in no other figure
  (their pay is no one's performance pay, so no level, band, tier or mean reads it). A pool's residual is published only
  with its distributed amount (allocated − residual would give it back). Where the ente has a fondo risorse
  decentrate, the destinations its relazione tecnico-finanziaria publishes are equations every reader has
  (:func:`destinations`): a pool destined whole shows its allocation, and one reduced by a set-aside withholds it
  when it would give the set-aside back.
- ``livello`` / ``fascia``: per level (or status) and per merit band, separately for *dirigenti e PO*
  and *personale*: head count, share of the group, total and mean performance pay.
- ``gruppo``: per group, the people, the people evaluated, the performance pay distributed and the
  count of evaluated people by how near their pay came to the group's highest (art. 20's table); a group whose
  highest pay is zero (nobody was paid) has no such counts.
- ``differenziazione``: the *grado di differenziazione*, one definition (rules/core.md §6): for staff
  the per-capita pay of the highest paid band (levels without bands) over the lowest non-zero one; for
  dirigenti and PO the highest individual amount over the lowest non-zero one. A ratio, never money,
  withheld whenever a figure it is made from is.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import attrs

from ciclope.core.money import INCENTIVE, PERFORMANCE, POSITION, Pool
from ciclope.core.plugininfo import said_po_short
from ciclope.core.reports import disclosure, fmt, italian_csv, stats
from ciclope.core.reports.disclosure import MIN_GROUP, SMALL, WITHHELD
from ciclope.core.result import Result

GROUPS = (stats.LEAD, "personale")
LEAD_ROLES = stats.LEAD_ROLES
ZERO = Decimal(0)
NINETY, SIXTY = Decimal("0.9"), Decimal("0.6")
HEADER = (
    "Sezione",
    "Gruppo",
    "Voce",
    "Numero di persone",
    "Quota di persone (%)",
    "Importo totale (€)",
    "Importo medio per persona pagata (€)",
    "Grado di differenziazione",
    "Persone non pagate",
)
SECTION_LABELS = {
    "fondi": "Fondi per la performance",
    "posizione": "Retribuzione di posizione",
    "incentivi": "Compensi non collegati alla performance",
    "livello": "Livello di valutazione",
    "fascia": "Fascia di merito",
    "differenziazione": "Differenziazione",
}


STAFF = "personale"


def group_of(person) -> str:
    """``dirigenti e PO`` or ``personale``."""
    return "dirigenti e PO" if person.role in LEAD_ROLES else STAFF


def _r2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@attrs.frozen
class Budget:
    """What a line's ``allocated`` (its «stanziato») sums, as the disclosure step reads it: the money its ``pools``
    paid (to ``people``) plus the unpaid rest of ``residuals`` (the pools that left some unpaid; a pool paid whole
    publishes, with its allocation, exactly what it paid). ``required``: a figure always published."""

    people: frozenset[int]
    pools: frozenset[str]
    residuals: frozenset[str]
    required: bool = False
    unknowns: tuple[tuple[Hashable, int], ...] = ()  # disclosure.Cell.unknowns: the money set aside for other pools

    def cell(self, key: Hashable) -> disclosure.Cell:
        return disclosure.Cell(
            key=key,
            people=self.people,
            pools=self.pools,
            counted=False,
            keep=3,  # a budget figure goes last, after the amounts paid
            required=self.required,
            residuals=self.residuals,
            primary=False,
            unknowns=self.unknowns,
        )


@attrs.define
class Line:
    """One published figure (or row of figures) over ``people``; ``hidden`` is set by the disclosure step:
    ``""`` shown, ``<3`` a group of 1–2 people, ``riservato`` withheld so that no other can be derived."""

    section: str
    group: str
    item: str
    people: frozenset[int] = frozenset()
    count: int | None = None
    share: Decimal | None = None
    total: Decimal | None = None
    mean: Decimal | None = None
    ratio: Decimal | None = None
    allocated: Decimal | None = None  # a pool's or a group's allocated funds: not about people, always shown
    pools: frozenset[str] = frozenset()  # the pools whose money ``total`` sums
    counted: bool = True  # the line publishes its head count
    keep: int = 0  # disclosure.Cell.keep
    key: str = ""  # a stable name (premi-art20.csv's ``voce``)
    hidden: str = ""  # set by the disclosure step: the line's amounts are withheld (its head count never is)
    unpaid: int | None = None  # of ``count``, the people paid nothing (not in ``mean``)
    required: bool = False  # an art. 20 total of the ente: never withheld
    budget: Budget | None = None  # what ``allocated`` sums, for the disclosure step (None: nothing about people)
    allocation: str = ""  # set by the disclosure step: ``allocated`` withheld («riservato») or shown ("")
    # a line of a group of 1–2 people (the Segretario alone among the dirigenti): merged into the ente's totals, no
    # output prints it, not even its head count (rules/core.md §6); it still takes part in the disclosure step
    merged: bool = False
    # withheld for its size, yet given back by the figures always published (:func:`disclosure.given_away`)
    given: bool = False

    @property
    def shown(self) -> bool:
        return not self.hidden

    def cell(self) -> disclosure.Cell:
        return disclosure.Cell(
            key=id(self),
            people=self.people,
            pools=self.pools,
            counted=self.counted,
            keep=self.keep,
            required=self.required,
        )


@attrs.frozen
class Person:
    """What the public tables read of one person."""

    group: str
    level: str  # the level or, without one, the Italian label of the status
    band: str | None  # the first merit band among the person's awards
    pay: Decimal  # Σ performance pay
    score: Decimal | None
    pools: frozenset[str]  # the pools that paid them a positive amount
    # a fund of the cycle could pay them: a performance award of theirs, even of 0 (an excluded), or a status the
    # regulation gave them (below the threshold). A dirigente whose result pay comes from a fund outside the cycle
    # (the dirigenza's) has neither: no figure of the cycle counts them among those who could be paid
    reached: bool = True


def people(result: Result) -> list[Person]:
    """The people in people.csv order, each read once from the scores and the ledger."""
    return result.memo("transparency.people", lambda: _people(result))


def _people(result: Result) -> list[Person]:
    ledger = result.ledger
    pay: dict[str, Decimal] = {}
    band: dict[str, str] = {}
    paid: dict[str, set[str]] = {}
    for a in ledger.awards:
        if ledger.kind_of(a) == PERFORMANCE:
            pay[a.person] = pay.get(a.person, ZERO) + a.amount
        if a.band and a.person not in band:
            band[a.person] = a.band
        if a.amount > 0:
            paid.setdefault(a.person, set()).add(a.pool)
    scored = stats.people_scores(result)
    evaluated = stats.evaluation_classes(result)
    statuses = result.rewards.statuses if result.rewards is not None else {}
    return [
        Person(
            group=group_of(p),
            level=level,
            band=band.get(p.id),
            pay=pay.get(p.id, ZERO),
            score=score,
            pools=frozenset(paid.get(p.id, ())),
            reached=p.id in pay or p.id in statuses,
        )
        for p, level, score in zip(result.ente.people.values(), evaluated, scored.values)
    ]


def lines(result: Result) -> list[Line]:
    """Every public figure about people, disclosure-controlled together (made once per Result)."""
    return result.memo("transparency.lines", lambda: _lines(result))


def _lines(result: Result) -> list[Line]:
    everyone = people(result)
    out = pool_lines(result, everyone)
    runs = stats.level_runs(result)
    for group in GROUPS:
        out += group_lines(everyone, group, runs, result)
    out += summary_lines(everyone, result)
    cells = [ln.cell() for ln in out]
    budgets = [(ln, ln.budget.cell(("stanziato", id(ln)))) for ln in out if ln.budget is not None]
    cells += [cell for _, cell in budgets]
    cells += [b.cell(("destinazione", n)) for n, b in enumerate(destinations(result, everyone))]
    paid: dict[Hashable, frozenset[str]] = {i: p.pools for i, p in enumerate(everyone) if p.pools}
    hidden = disclosure.control(cells, paid)
    given = disclosure.given_away(_acts_public(result, cells, budgets), paid)
    for ln in out:
        ln.hidden = hidden.get(id(ln), "")
        ln.given = id(ln) in given
    for ln, cell in budgets:
        ln.allocation = hidden.get(cell.key, "")
    for group in GROUPS:
        out += differentiation_lines(out, everyone, group)
    return out


def _acts_public(
    result: Result, cells: list[disclosure.Cell], budgets: list[tuple[Line, disclosure.Cell]]
) -> list[disclosure.Cell]:
    """``cells`` as a reader of the ente's acts has them, for :func:`disclosure.given_away`: the allocation of a fund
    the ente gives (``[fondi]`` of ente.toml, a destination of its fondo), which its contratto integrativo or its
    Giunta's act publishes (D.Lgs. 33/2013, art. 21 c. 2), is known as the law's totals are; a fund the regulation
    computes (the result pay owed to the Segretario) is not. The public documents still withhold what they did: this
    only finds, for the office, a figure of 1–2 people that such acts give back."""
    pools = result.ledger.pools
    given = {name: amount for name, amount in result.ente.funds.items() if name in pools}
    public = {
        cell.key
        for ln, cell in budgets
        if ln.section in ("fondi", "posizione", "incentivi")
        and ln.key != "totale"
        and ln.pools <= given.keys()
        and all(pools[name].amount == given[name] for name in ln.pools)
    }
    # a fund given whole by an act that a layer set a part aside from (the maggiorazione): the act's amount is the
    # pool's stanziato plus the set-aside, as a destination of the fondo is
    aside = {name: given[name] - pools[name].amount for name in given}
    acts = [b.cell(("atto", n)) for n, b in enumerate(destinations(result, people(result), aside))]
    return [attrs.evolve(c, required=True) if c.key in public else c for c in cells] + acts


def pool_lines(result: Result, everyone: list[Person]) -> list[Line]:
    """Per pool, allocated and distributed with recipients, then the totals (``fondi``, ``posizione``)."""
    ledger = result.ledger
    out: list[Line] = []
    stated = destined_whole(result)
    for section, kind in (("fondi", PERFORMANCE), ("posizione", POSITION), ("incentivi", INCENTIVE)):
        pools = ledger.pools_of(kind)
        if not pools:
            continue
        for name, pool in pools.items():
            paid = frozenset(i for i, p in enumerate(everyone) if name in p.pools)
            out.append(
                Line(
                    section,
                    "",
                    fmt.fund(name, pool.label, result.plugin.status_labels),
                    people=paid,
                    count=len(paid),
                    total=pool.distributed,
                    allocated=pool.amount,
                    pools=frozenset((name,)),
                    keep=1,
                    key=name,
                    budget=budget(paid, {name: pool}, name in stated),
                )
            )
        names = frozenset(pools)
        paid = frozenset(i for i, p in enumerate(everyone) if p.pools & names)
        out.append(
            Line(
                section,
                "",
                "totale",
                people=paid,
                total=sum((p.distributed for p in pools.values()), ZERO),
                allocated=sum((p.amount for p in pools.values()), ZERO),
                pools=names,
                counted=False,
                keep=2,
                key="totale",
                # premi distribuiti of the ente (art. 20 c. 1): never withheld when it is over 3 or more people (it
                # is then no one's pay); over 1–2 people it is their pay, and the small-group rule holds
                required=section == "fondi" and len(paid) >= MIN_GROUP,
                # premi stanziati of the ente (art. 20 c. 1): always published
                budget=budget(paid, pools, section == "fondi"),
            )
        )
    return out


def budget(paid: frozenset[int], pools: Mapping[str, Pool], required: bool = False) -> Budget:
    """The allocation of ``pools`` as an equation on people: what they paid to ``paid``, plus their unpaid rest."""
    return Budget(paid, frozenset(pools), frozenset(n for n, p in pools.items() if p.residual != 0), required)


def set_aside(result: Result) -> dict[str, Decimal]:
    """The pools the fondo risorse decentrate destines (``Fund.pools``, published by the relazione
    tecnico-finanziaria) → what was set aside from each before it was split (a layer's set-aside: the art. 48
    maggiorazione): its destination less the pool's stanziato. Empty without a fund."""
    fund, pools = result.fund, result.ledger.pools
    if fund is None:
        return {}
    return {name: amount - pools[name].amount for name, amount in fund.pools.items() if name in pools}


def destined_whole(result: Result) -> frozenset[str]:
    """The pools whose stanziato is their published destination (nothing set aside): always shown."""
    return frozenset(name for name, taken in set_aside(result).items() if taken == 0)


def destinations(result: Result, everyone: list[Person], aside: Mapping[str, Decimal] | None = None) -> list[Budget]:
    """The published destinations of the pools something was set aside from, as equations for the disclosure step:
    the destination is the pool's stanziato plus what was set aside from it, which the pools no input made (those a
    layer made of the set-asides, ``Ente.funds`` does not name them) hold: their stanziato is the sum of the
    set-asides, when the figures say so to the cent. Where they do not, what was set aside is an unknown of its own.
    ``aside``: what was set aside from each pool, by default from the fondo's destinations (:func:`set_aside`)."""
    taken = {name: x for name, x in (set_aside(result) if aside is None else aside).items() if x > 0}
    if not taken:
        return []
    ledger = result.ledger
    made = {name: pool for name, pool in ledger.pools.items() if name not in result.ente.funds}
    fed = holding(made, sum(taken.values(), ZERO))
    whole = bool(fed)
    into = list(fed) if whole else [""]  # "": what was set aside, where the figures do not say which pool holds it

    def paid(name: str) -> frozenset[int]:
        return frozenset(i for i, p in enumerate(everyone) if name in p.pools)

    out = [
        attrs.evolve(
            budget(paid(name), {name: ledger.pools[name]}, True),
            unknowns=tuple((("accantonato", name, to), 1) for to in into),
        )
        for name in taken
    ]
    out += [
        attrs.evolve(
            budget(paid(to), {to: pool}, True), unknowns=tuple((("accantonato", name, to), -1) for name in taken)
        )
        for to, pool in fed.items()
        if whole
    ]
    return out


def holding(made: Mapping[str, Pool], taken: Decimal) -> dict[str, Pool]:
    """Of the pools no input made (``made``: a set-aside's, and others, such as a result pay due without a fund of
    its own), the fewest whose stanziati sum to ``taken`` to the cent, in the ledger's order; {} where none do."""
    names = list(made)
    for size in range(1, len(names) + 1):
        for chosen in itertools.combinations(names, size):
            if sum((made[n].amount for n in chosen), ZERO) == taken:
                return {n: made[n] for n in chosen}
    return {}


def group_lines(everyone: list[Person], group: str, runs: tuple[tuple[str, ...], ...], result: Result) -> list[Line]:
    """The lines of one group: per level (from the top of each run of levels, :func:`stats.level_runs`), per band
    (best evaluated first), and the group's own figures (art. 20's table)."""
    members = [i for i, p in enumerate(everyone) if p.group == group]
    if not members:
        return []
    out = _group_breakdown(everyone, group, members, runs, result)
    if len(members) < MIN_GROUP:  # a group of 1–2 people is in the ente's totals only (rules/core.md §6)
        for ln in out:
            ln.merged = True
    return out


def _group_breakdown(
    everyone: list[Person], group: str, members: list[int], runs: tuple[tuple[str, ...], ...], result: Result
) -> list[Line]:
    """:func:`group_lines` of a group that has people."""
    performance = frozenset(result.ledger.performance_pools)
    out: list[Line] = []
    by_level = _partition(everyone, members, lambda p: p.level)
    words = result.plugin.ente_labels  # a level by the name the ente's regulation gives it to people
    levels = {lv for run in runs for lv in run}
    outcomes = frozenset(fmt.level(lv, words) or lv for lv in by_level if lv not in levels)  # an outcome's words
    out += [
        _aggregate("livello", group, item, part, everyone, len(members), performance)
        for item, part in merged_runs(
            [[(fmt.level(lv, words) or lv, by_level[lv]) for lv in run] for run in _top_first(by_level, runs)],
            everyone,
            outcomes,
        )
    ]
    # a regulation without merit bands gives each person their level as band: the same rows twice, once said
    mirrored = all(everyone[i].band in (None, everyone[i].level) for i in members)
    by_band = {} if mirrored else _partition(everyone, members, lambda p: p.band)
    by_band.pop(None, None)
    bands = sorted(by_band, key=lambda b: (-_mean_score(everyone, by_band[b]), b))
    out += [
        _aggregate("fascia", group, item, part, everyone, len(members), performance)
        for item, part in merged([(b, by_band[b]) for b in bands], everyone)
    ]
    out += _group_figures(everyone, group, members, performance, result)
    return out


def _top_first(by_level: Mapping[str, list[int]], runs: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    """The group's levels (``by_level``'s keys) in runs, each from its top: one run per scale of the ente's levels
    (:func:`stats.level_runs`) that the group has; the outcomes without a level close the last run, those of 3 people
    or more first, then the smaller ones, each by name. Outcomes have no order of merit: a small one merges with the
    small ones beside it, never into a large outcome that can stand on its own row by its name."""
    out = [[lv for lv in reversed(run) if lv in by_level] for run in runs]
    out = [run for run in out if run] or [[]]
    ranked = {lv for run in out for lv in run}
    out[-1] += sorted((lv for lv in by_level if lv not in ranked), key=lambda lv: (len(by_level[lv]) < MIN_GROUP, lv))
    return out


def merged_runs(
    runs: list[list[tuple[str, list[int]]]], everyone: list[Person], outcomes: frozenset[str] = frozenset()
) -> list[tuple[str, list[int]]]:
    """:func:`merged` run by run (a level of one scale has no next one down on another); a run small as a whole, its
    one part, is then merged with the run beside it, as the rule asks, its row naming every level it merges. On one
    run it is :func:`merged` (a second pass leaves parts that are not small, or a single small one, as they are).
    ``outcomes``: the names that are a person's outcome, not a level (:func:`_joined`)."""
    parts = [part for run in runs for part in _merge([([name], list(members)) for name, members in run], everyone)]
    merged_parts = _one_row_of_outcomes(_merge(parts, everyone), outcomes)
    return [
        (_joined(names, outcomes, whole=len(merged_parts) == 1), sorted(members)) for names, members in merged_parts
    ]


def _one_row_of_outcomes(
    parts: list[tuple[list[str], list[int]]], outcomes: frozenset[str]
) -> list[tuple[list[str], list[int]]]:
    """``parts`` with every part that merges only outcomes (named «gli altri esiti», :func:`_joined`) made one, in
    the place of the last: two such rows would read the same. Each is of 3 people or more, so is their union."""
    unnamed = [i for i, (names, _) in enumerate(parts) if len(names) > 1 and all(n in outcomes for n in names)]
    if len(unnamed) < 2:
        return parts
    names = [n for i in unnamed for n in parts[i][0]]
    members = [m for i in unnamed for m in parts[i][1]]
    last = unnamed[-1]
    return [(names, members) if i == last else part for i, part in enumerate(parts) if i == last or i not in unnamed]


def merged(parts: list[tuple[str, list[int]]], everyone: list[Person]) -> list[tuple[str, list[int]]]:
    """``parts`` (best first) with every group of 1–2 people, or paid to 1–2, merged into the next one down (the
    last into the one above), as statistical offices collapse categories: «alta e intermedia» says what it
    merges. A single small part stays as it is (its amounts are withheld)."""
    merging = _merge([([name], list(members)) for name, members in parts], everyone)
    return [(_joined(names), sorted(members)) for names, members in merging]


def _merge(parts: list[tuple[list[str], list[int]]], everyone: list[Person]) -> list[tuple[list[str], list[int]]]:
    """:func:`merged` on parts that each name what they already merge."""

    def small(members: list[int]) -> bool:
        paid = sum(1 for i in members if everyone[i].pay > 0)
        return 0 < len(members) < MIN_GROUP or 0 < paid < MIN_GROUP

    out: list[tuple[list[str], list[int]]] = []
    pending: tuple[list[str], list[int]] | None = None
    for said, members in parts:
        names, people_in = ([*pending[0], *said], pending[1] + members) if pending else (list(said), list(members))
        pending = (names, people_in) if small(people_in) else None
        if pending is None:
            out.append((names, people_in))
    while pending is not None and out:  # the last small part goes up, until the merged part is not small
        names, people_in = out.pop()
        pending = (names + pending[0], people_in + pending[1])
        if not small(pending[1]):
            out.append(pending)
            pending = None
    if pending is not None:
        out.append(pending)
    return out


def _joined(names: list[str], outcomes: frozenset[str] = frozenset(), whole: bool = False) -> str:
    """The name of a merged group: «alta e intermedia»; where it merges only outcomes, none of them: such a row
    also counts, unnamed, whoever is excluded for a personal reason (at the outcome of their evaluation), so a list
    of outcomes would miss one. It is the group's people, all of them (``whole``) or those left beside the levels:
    «tutti gli esiti, uniti per la riservatezza», «gli altri esiti, uniti per la riservatezza»."""
    if len(names) == 1:
        return names[0]
    if not all(n in outcomes for n in names):
        # an outcome beside the levels in guillemets: its own commas («valutato, senza livello») are no list's, and
        # «non valutato» reads as a name, never as the opposite of the level beside it
        return fmt.listed([f"«{n}»" if n in outcomes else n for n in names])  # «buono, sufficiente ed «escluso …»»
    return f"{'tutti gli esiti' if whole else 'gli altri esiti'}, uniti per la riservatezza"


def _partition(everyone: list[Person], members: list[int], key) -> dict:
    parts: dict = {}
    for i in members:
        parts.setdefault(key(everyone[i]), []).append(i)
    return parts


def _mean_score(everyone: list[Person], members: list[int]) -> Decimal:
    marks = [Decimal(-1) if (score := everyone[i].score) is None else score for i in members]
    return sum(marks, ZERO) / len(marks)


def _aggregate(
    section: str, group: str, item: str, members: list[int], everyone: list[Person], n_group: int, pools
) -> Line:
    total = sum((everyone[i].pay for i in members), ZERO)
    paid = sum(1 for i in members if everyone[i].pay > 0)
    return Line(
        section,
        group,
        item,
        people=frozenset(members),
        count=len(members),
        share=Decimal(len(members)) / n_group,
        total=total,
        mean=total / paid if paid else None,  # over the people paid: the unpaid are counted apart
        pools=pools,
        unpaid=len(members) - paid,
    )


def _group_figures(everyone: list[Person], group: str, members: list[int], performance, result: Result) -> list[Line]:
    """The group's people, evaluated people and distributed pay, and the evaluated by tier of pay."""
    evaluated = [i for i in members if everyone[i].score is not None]
    paying = {name for i in members for name in everyone[i].pools if name in performance}
    paying |= {name for name in performance if stats.destined(name, result.plugin.fund_groups) == group}
    if group == STAFF:  # a fund that paid nobody (a project not reached) is still allocated: to the staff, unless
        # the plugin destines it to the dirigenti and PO (rules/core.md §6: allocated includes funds nobody received)
        paid_any = {name for p in everyone for name in p.pools}
        paying |= {n for n in performance if n not in paid_any and not stats.destined(n, result.plugin.fund_groups)}
    allocated = sum((result.ledger.pools[name].amount for name in paying), ZERO)
    distributed = sum((everyone[i].pay for i in members), ZERO)
    funded = frozenset(i for i, p in enumerate(everyone) if p.pools & paying)  # whoever those funds paid
    out = [
        Line("gruppo", group, "persone", people=frozenset(members), count=len(members), keep=-1, key="persone"),
        Line(
            "gruppo",
            group,
            "premi",
            people=frozenset(members),
            total=distributed,
            allocated=allocated,
            pools=performance,
            counted=False,
            keep=1,
            key="premi",
            budget=budget(funded, {name: result.ledger.pools[name] for name in paying}),
        ),
        Line(
            "gruppo",
            group,
            "persone valutate",
            people=frozenset(evaluated),
            count=len(evaluated),
            key="persone_valutate",
        ),
    ]
    # the tiers count those a fund of the cycle could pay: a dirigente paid from the dirigenza's fund, outside the
    # cycle, is no one «senza premio»
    return out + tier_lines(everyone, group, [i for i in evaluated if everyone[i].reached])


UNPAID_TIER = ("persone_senza_premio", "persone senza premio")
NOT_TIERS = ("persone_valutate", UNPAID_TIER[0])  # the group's lines named «persone_…» that are no tier of pay


def tier_lines(everyone: list[Person], group: str, evaluated: list[int]) -> list[Line]:
    """The evaluated people of ``group`` by how near their pay came to the group's highest (art. 20's table); none
    where the highest is zero: nobody was paid, and no one's pay is a share of nothing. Those paid nothing are no
    share of the highest: they have their line, «senza premio», the count of the people not paid that every public
    table gives. A tier of 1–2 people is merged with the next one down (the last with the one above), its label
    saying the merged range; where that leaves one tier, its line says the tiers are one for privacy (a file without
    the three lines its reader was told of read as if they had been dropped)."""
    top = max((everyone[i].pay for i in evaluated), default=ZERO)
    if top <= 0:
        return []
    tiers: list[tuple[int, int, list[int]]] = [(90, 100, []), (60, 90, []), (0, 60, [])]
    unpaid = []
    for i in evaluated:
        pay = everyone[i].pay
        if pay <= 0:
            unpaid.append(i)
            continue
        tiers[0 if pay >= NINETY * top else 1 if pay >= SIXTY * top else 2][2].append(i)
    out = [
        Line(
            "gruppo",
            group,
            _tier_label(low, high),
            people=frozenset(members),
            count=len(members),
            key=_tier_key(low, high),
        )
        for low, high, members in merged_tiers(tiers)
    ]
    key, label = UNPAID_TIER
    return out + [Line("gruppo", group, label, people=frozenset(unpaid), count=len(unpaid), key=key)]


def merged_tiers(tiers: list[tuple[int, int, list[int]]]) -> list[tuple[int, int, list[int]]]:
    """The tiers (highest first) with each of 1–2 people joined to the next one down, the last to the one above; an
    empty tier stays as it is (its 0 is no one's)."""
    out: list[tuple[int, int, list[int]]] = []
    pending: tuple[int, int, list[int]] | None = None
    for low, high, members in tiers:
        if pending is not None:
            low, high, members = low, pending[1], pending[2] + members
        pending = (low, high, members) if 0 < len(members) < MIN_GROUP else None
        if pending is None:
            out.append((low, high, members))
    while pending is not None and out:
        low, high, members = out.pop()
        pending = (pending[0], high, members + pending[2])
        if not 0 < len(pending[2]) < MIN_GROUP:
            out.append(pending)
            pending = None
    return out + ([pending] if pending is not None else [])


# the tiers of art. 20's table made one by the privacy rule: said as one, with the tiers it holds
ONE_TIER_LABEL = (
    "persone con premio a ogni quota del più alto (le righe dal 90%, dal 60% al 90% e sotto il 60% unite per la "
    "riservatezza)"
)


def _tier_label(low: int, high: int) -> str:
    if (low, high) == (0, 100):
        return ONE_TIER_LABEL
    if low == 0:
        return f"persone con premio sotto il {high}% del più alto"
    return f"persone con premio dal {low}% al {high}% del più alto"


def _tier_key(low: int, high: int) -> str:
    return f"persone_sotto_{high}" if low == 0 else f"persone_{low}_{high}"


ONE_TIER = _tier_key(0, 100)  # the three tiers merged into one: every paid person, said so, no range of pay


def tiers_of(result: Result, group: str) -> list[Line]:
    """The tier lines of ``group`` as published (:func:`tier_lines`), the «senza premio» line last."""
    return [
        ln
        for ln in lines(result)
        if ln.section == "gruppo"
        and ln.group == group
        and ln.key.startswith("persone_")
        and ln.key != "persone_valutate"
    ]


def summary_lines(everyone: list[Person], result: Result) -> list[Line]:
    """The public Relazione's head counts: every person, and every person evaluated."""
    return [
        Line(
            "sintesi",
            "",
            "persone",
            people=frozenset(range(len(everyone))),
            count=len(everyone),
            keep=-1,
            key="persone",
        ),
        Line(
            "sintesi",
            "",
            "persone valutate",
            people=frozenset(i for i, p in enumerate(everyone) if p.score is not None),
            count=sum(1 for p in everyone if p.score is not None),
            keep=-1,
            key="persone_valutate",
        ),
    ]


# the people a performance premium paid where nobody has an individual evaluation (a regulation that pays without
# one): the head count the Relazione's summary and premi-art20.csv give in place of the evaluated, 0
PAID_UNEVALUATED = "persone pagate senza valutazione individuale"


def paid_unevaluated(result: Result) -> int:
    """How many people a performance premium paid, where nobody is evaluated individually; 0 where someone is (the
    evaluated say it) or nobody was paid."""
    everyone = people(result)
    if any(p.score is not None for p in everyone):
        return 0
    return sum(1 for p in everyone if p.pay > 0)


def paid_without_evaluation(result: Result, group: str = "") -> frozenset[int]:
    """The people (by their place in :func:`people`) a performance premium paid without an individual evaluation —
    beside evaluated colleagues too (a part that pays everyone in service, another by score) — of ``group`` only
    when one is given: premi-art20.csv counts them apart, and over them too the mean a person can reach."""
    return frozenset(
        i for i, p in enumerate(people(result)) if p.score is None and p.pay > 0 and (not group or p.group == group)
    )


def differentiation_lines(published: list[Line], everyone: list[Person], group: str) -> list[Line]:
    """The grado di differenziazione of one group, withheld when a figure it is made from is."""
    line = Line("differenziazione", group, "grado di differenziazione", counted=False, key="grado_differenziazione")
    if any(ln.merged for ln in published if ln.group == group):  # a group of 1–2 people: in the totals only
        return []
    if group == "personale":
        blocks = [ln for ln in published if ln.group == group and ln.section == "fascia"] or [
            ln for ln in published if ln.group == group and ln.section == "livello"
        ]
        paid = [ln for ln in blocks if ln.mean and ln.mean > 0]
        if len(paid) < 2:
            return []
        high = max(paid, key=lambda ln: ln.mean or ZERO)
        low = min(paid, key=lambda ln: ln.mean or ZERO)
        line.ratio = _r2((high.mean or ZERO) / (low.mean or ZERO))
        line.hidden = WITHHELD if (high.hidden or low.hidden) else ""
        return [line]
    pays = [p.pay for p in everyone if p.group == group and p.pay > 0]
    if len(pays) < 2:
        return []
    line.ratio = _r2(max(pays) / min(pays))
    # the highest and the lowest are one person each: said only where they are among others in a published tier
    # (art. 20's table), never where the tiers had to merge into one (three EQ, one in each)
    ranged = [
        ln
        for ln in published
        if ln.group == group and ln.key.startswith("persone_") and ln.key not in (*NOT_TIERS, ONE_TIER)
    ]
    line.hidden = SMALL if len(pays) < MIN_GROUP else "" if ranged else WITHHELD
    return [line]


def differentiation(result: Result, group: str) -> Decimal | None:
    """The group's grado di differenziazione as published (None when withheld or not defined)."""
    for ln in lines(result):
        if ln.section == "differenziazione" and ln.group == group:
            return ln.ratio if ln.shown else None
    return None


# -- trasparenza.csv ------------------------------------------------------------------------------


def _share(x: Decimal | None) -> str:
    return "" if x is None else italian_csv.number(_r2(x * 100))


def _money(x: Decimal | None) -> str:
    return "" if x is None else italian_csv.number(_r2(x))


def group_named(result: Result, group: str) -> str:
    """The group as the year's contract names its people: «dirigenti ed EQ» in Funzioni Locali from 2024, «dirigenti
    e PO/EQ» in 2023 (the incarichi di Elevata qualificazione replaced the PO on 1.4.2023), «dirigenti e PO» before
    and without a contract's words; «personale» always. Every published document names the group so; «ed» before a
    name read from an «e» («EQ» is «e-cu»), as written Italian joins them. An ente with only one of the two names it
    alone: «dirigenti» where no one holds a PO / EQ (the Segretario is among the dirigenti), «EQ» where no one is a
    dirigente nor the Segretario."""
    if group != stats.LEAD:
        return group
    short = said_po_short(result.ente.year, result.plugin.staff_words)
    roles = {p.role for p in result.ente.people.values()}
    if "po" not in roles:
        return "dirigenti"
    if not roles & {"dirigente", "segretario"}:
        return short
    return f"dirigenti {'ed' if short[:1] in ('e', 'E') else 'e'} {short}"


def rows(result: Result) -> list[tuple[str, ...]]:
    """The rows of trasparenza.csv: pools, then per group levels, bands and the grado di differenziazione. Head
    counts are printed but a pool's paid to 1–2 people; a withheld line prints «riservato» in place of its amounts; a group of 1–2
    people has no row (:attr:`Line.merged`)."""
    out: list[tuple[str, ...]] = []
    for ln in lines(result):
        label = SECTION_LABELS.get(ln.section)
        if label is None or ln.merged:
            continue
        named = group_named(result, ln.group)
        if ln.section in ("fondi", "posizione", "incentivi"):
            out.append((label, "", f"{ln.item}: stanziato", "", "", ln.allocation or _money(ln.allocated), "", "", ""))
            recipients = str(ln.count) if ln.counted and ln.count is not None else ""
            if ln.hidden == SMALL:  # a pool paid to 1–2 people: its count beside its amounts would say whose they are
                recipients = WITHHELD
            total = disclosure.said(ln.hidden) or _money(ln.total)
            out.append((label, "", f"{ln.item}: distribuito", recipients, "", total, "", "", ""))
        elif ln.section == "differenziazione":
            out.append(
                (label, named, ln.item, "", "", "", "", disclosure.said(ln.hidden) or italian_csv.number(ln.ratio), "")
            )
        else:
            unpaid = "" if ln.unpaid is None else str(ln.unpaid)
            total, mean = (disclosure.said(ln.hidden),) * 2 if ln.hidden else (_money(ln.total), _money(ln.mean))
            out.append((label, named, ln.item, str(ln.count), _share(ln.share), total, mean, "", unpaid))
    return out


def render(result: Result) -> str:
    return italian_csv.text(HEADER, rows(result))


def write(result: Result, path: Path) -> None:
    italian_csv.write(path, HEADER, rows(result))


def given_away(result: Result) -> list[Line]:
    """The pools' lines whose distributed amount, withheld for being of 1–2 people, the figures the law has every ente
    publish give back by difference (:attr:`Line.given`); the group's line where no pool's is."""
    found = [ln for ln in lines(result) if ln.given]
    pools = [ln for ln in found if ln.section in ("fondi", "posizione", "incentivi")]
    return pools or found[:1]


def find(result: Result, section: str, group: str, key: str) -> Line | None:
    """The line of ``section``/``group`` named ``key`` (``Line.key``)."""
    return next((ln for ln in lines(result) if ln.section == section and ln.group == group and ln.key == key), None)
