"""What the reductions of a part cut, shared among the colleagues of the same group (``economie = "=settore"``).

«Il premio così conteggiato viene diminuito in base alle giornate di assenza; le economie così ottenute vengono
ridistribuite ai colleghi del medesimo settore». The part is split as if nobody were reduced; each reduced amount
is then cut (× what the reductions leave, half-up: :func:`pay.premium.after_cuts`). A formula gives each one
their group (a datum known before the year's results: the sector, the office). The cuts of a group go to the
people the part pays in that group, the reduced among them, in proportion to their amounts after the cuts, by
largest remainder (a leftover cent to the higher score). A group crosses the part's graduatorie: a sector spanning
the categories shares its cuts across them. The cut of a person the formula gives no group, or of a group whose
members the part pays nothing, stays residual of the part.

Each one's group, each group's cuts and each share are figures; the premium of a person who receives a share
reads it as one more input, so the amount is redone by hand: fondo × peso / Σ pesi × (1 − riduzione) + quota.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from ciclope.core import Citation, Ente, Input, OrgPerformance, Problem, Trace, fmt, money
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation
from ciclope.plugins.regolamento.format.wording import sentence
from ciclope.plugins.regolamento.pay import reductions
from ciclope.plugins.regolamento.pay.premium import ordered
from ciclope.plugins.regolamento.pay.rankings import NO_NAME, named
from ciclope.plugins.regolamento.pay.shapes import ZERO, Entry, Given

SHARE_WORDS = "più la quota delle economie del gruppo"


def shared_out(
    reg: Regulation,
    pr: Premium,
    given: list[Given],
    ctx: tuple[Ente, OrgPerformance, Trace],
    key: Callable[[str], str],
) -> list[Given]:
    """``given`` (what the part paid, graduatoria by graduatoria) with each group's cuts added to the amounts of its
    members, when a reduction of the part sends its cuts to a group (:func:`reductions.grouping`); else as it is."""
    formula = reductions.grouping(reg, pr)
    cuts = {pid: cut for group in given for pid, cut in group.cuts.items() if cut}
    if formula is None or not cuts:
        return given
    paid = {e.person.id: (e, amount) for group in given for e, amount, _ in group.paid if e.status is None}
    groups = {pid: group_of(reg, pr, formula, e, ctx) for pid, (e, _) in paid.items()}
    shares: dict[str, Decimal] = {}
    sent = set()  # the groups whose cuts someone received: the others' stay residual of the part
    for name in dict.fromkeys(groups[pid] for pid in cuts if pid in groups):  # in people.csv's order
        if name != NO_NAME:
            members = {pid: paid[pid] for pid in paid if groups[pid] == name}
            given_out = share_group(reg, pr, name, members, cuts, ctx, key)
            shares.update(given_out)
            if given_out:
                sent.add(name)
    for pid, share in shares.items():
        amended(key(pid), share, part_name(pr), pid, ctx[2])
    return [
        Given(
            tuple((e, amount + shares.get(e.person.id, ZERO), band) for e, amount, band in group.paid),
            group.bands,
            {pid: cut for pid, cut in group.cuts.items() if groups.get(pid, NO_NAME) not in sent},
            group.ranking,
            group.counted,
        )
        for group in given
    ]


def group_of(
    reg: Regulation, pr: Premium, formula: Formula, entry: Entry, ctx: tuple[Ente, OrgPerformance, Trace]
) -> str:
    """The group the formula gives a person the part pays, recorded with what it read; one it names none is an
    error naming the person, whose cut stays residual (``NO_NAME``)."""
    ente, _, trace = ctx
    person = entry.person
    name, read, why = named(reg, formula, person, ente)
    source = _cited(reg, pr)
    if why:
        message = (
            f"parte «{part_name(pr)}», economie: {why} per {person.name}: nessun gruppo, il suo taglio resta residuo "
            "della parte"
        )
        trace.problem(Problem(rule="regolamento.formula", source=source, **written(formula), message=message))
    label = f"Gruppo di {person.name} per le economie della parte «{part_name(pr)}»"
    trace.record(f"gruppo_economie:{part_name(pr)}:{person.id}", name, f"{formula} — {sentence(formula)}",
                 source, read, label)  # fmt: skip
    return name


def share_group(
    reg: Regulation,
    pr: Premium,
    name: str,
    members: Mapping[str, tuple[Entry, Decimal]],
    cuts: Mapping[str, Decimal],
    ctx: tuple[Ente, OrgPerformance, Trace],
    key: Callable[[str], str],
) -> dict[str, Decimal]:
    """The cuts of one group, recorded, split among its members the part pays (their amounts after the cuts as
    weights); each share recorded. Nobody paid: nothing is split, and the group's figure says that it stays."""
    _, _, trace = ctx
    source = _cited(reg, pr)
    part = part_name(pr)
    total = sum((cuts[pid] for pid in members if pid in cuts), ZERO)
    weights = {pid: amount for pid, (_, amount) in members.items() if amount > 0}
    weighed = sum(weights.values(), ZERO)
    group_key = f"savings:{part}:group:{name}"
    # each cut by the premium it was taken from, which names the reductions
    inputs = [
        Input(f"taglio di {members[pid][0].person.name}", fmt.Money(cuts[pid]), ref=key(pid))
        for pid in members
        if pid in cuts
    ]
    words = (
        "somma dei tagli delle riduzioni nel gruppo, divisa tra chi la parte paga nel gruppo in proporzione al premio"
    )
    if not weights:
        words += "; nessuno del gruppo riceve un premio dalla parte: resta residuo della parte"
    label = f"Economie della parte «{part}» nel gruppo «{name}»"
    trace.record(group_key, total, words, source, inputs, label)
    rank = {e.person.id: i for i, e in enumerate(ordered([members[pid][0] for pid in weights]))}
    split = money.split(total, weights, rank=rank) if weights else {}
    for pid, share in split.items():
        person = members[pid][0].person
        trace.record(
            f"savings:{part}:{pid}",
            share,
            "economie del gruppo × premio dopo le riduzioni / Σ premi del gruppo dopo le riduzioni",
            source,
            [
                Input(f"economie del gruppo «{name}»", fmt.Money(total), ref=group_key),
                Input("premio dopo le riduzioni", fmt.Money(weights[pid])),
                Input("Σ premi del gruppo dopo le riduzioni", fmt.Money(weighed)),
                Input("gruppo", name, ref=f"gruppo_economie:{part}:{pid}"),
            ],
            f"Quota delle economie di {person.name} — {part}",
        )
    return {pid: share for pid, share in split.items() if share}


def amended(key: str, share: Decimal, part: str, pid: str, trace: Trace) -> None:
    """The person's premium of the part, recorded again with the share of the economies added: the same figure,
    one more input."""
    before = trace.get(key)
    assert before is not None, "the part recorded every amount it paid"
    extra = Input("quota delle economie del gruppo", fmt.Money(share), ref=f"savings:{part}:{pid}")
    trace.add([before._replace(value=before.value + share, formula=f"{before.formula}; {SHARE_WORDS}",
                               inputs=(*before.inputs, extra))])  # fmt: skip


def _cited(reg: Regulation, pr: Premium) -> Citation:
    """The rule the economies' figures cite: the reduction's that sends the cuts to the group (its article, «c. 6»),
    never only the part's."""
    rule = reductions.sharing(reg, pr)
    return cite(reg, rule.source if rule is not None and rule.source else pr.source)


def part_name(pr: Premium) -> str:
    return pr.name if isinstance(pr, Part) else "premio"
