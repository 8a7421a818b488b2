"""``trasparenza.csv``: aggregated, anonymous reward figures for publication (rules/core.md §6;
003… art. 28; D.Lgs. 33/2013 art. 20: premi stanziati e distribuiti, grado di differenziazione
nell'utilizzo della premialità, per i dirigenti e per i dipendenti).

No names and no ids of people. Rows (one measure each, long format, ``.`` as decimal separator):

- ``fondi``: per performance pool (premi, bonus, prizes, result pay of dirigenti and PO), the amount
  allocated and the amount distributed (with the number of people who received money from it),
  then the total of those pools; ``posizione``: the same for position pay, which is not a
  performance premium and is reported apart (rules/core.md §6);
- ``livello`` / ``fascia``: per level (or status) and per merit band, separately for
  *dirigenti e PO* and *personale*: head count, share of the group's people, total and mean of every
  performance amount the people were paid (all their awards from performance pools);
  band rows also give the *grado di differenziazione* = mean amount of the band / mean amount of the
  band with the lowest mean among those shown (003… art. 28 via rules/comunita_montane.md §7).

Small groups: a row with 1 or 2 people shows ``<3`` and no share or amount (primary suppression).
When a block (a group's levels, a group's bands, the pools) has exactly one such row, a second row
— the smallest other one — is also withheld and shows ``riservato``, so the hidden figures cannot be
recovered by subtraction from the others or from the shares (secondary suppression). The totals of
all pools are always published, as the law requires.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from itertools import compress
from pathlib import Path

import attrs

from ..money import PERFORMANCE
from ..result import Result
from . import stats
from .safe import cell

MIN_GROUP = 3
SMALL = "<3"
WITHHELD = "riservato"
GROUPS = ("dirigenti e PO", "personale")
HEADER = (
    "sezione",
    "gruppo",
    "voce",
    "numero_persone",
    "quota_persone_percento",
    "importo_totale",
    "importo_medio",
    "grado_differenziazione",
)


ZERO, UNSCORED = Decimal(0), Decimal(-1)


LEAD_ROLES = frozenset(("dirigente", "segretario", "po"))  # the roles of Person.is_dirigente or Person.is_po


def group_of(person) -> str:
    """``dirigenti e PO`` or ``personale`` (a set look-up: it runs for every person of every table)."""
    return "dirigenti e PO" if person.role in LEAD_ROLES else "personale"


def _r2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@attrs.define
class Line:
    section: str
    group: str
    item: str
    count: int | None = None
    share: Decimal | None = None
    total: Decimal | None = None
    mean: Decimal | None = None
    ratio: Decimal | None = None
    hidden: str = ""  # "" | SMALL | WITHHELD
    order_key: Decimal = Decimal(0)

    def cells(self) -> tuple:
        if self.hidden:
            return (self.section, self.group, self.item, self.hidden, "", "", "", "")
        return (
            self.section,
            self.group,
            self.item,
            "" if self.count is None else str(self.count),
            "" if self.share is None else f"{_r2(self.share * 100):.2f}",
            "" if self.total is None else f"{_r2(self.total):.2f}",
            "" if self.mean is None else f"{_r2(self.mean):.2f}",
            "" if self.ratio is None else f"{_r2(self.ratio):.2f}",
        )


def suppress(block: list[Line]) -> None:
    """Primary (1–2 people) and secondary suppression inside one block of rows."""
    small = [ln for ln in block if ln.count is not None and 0 < ln.count < MIN_GROUP]
    for ln in small:
        ln.hidden = SMALL
    if len(small) == 1:
        others = [ln for ln in block if not ln.hidden and ln.count]
        if others:
            min(others, key=lambda ln: (ln.count, block.index(ln))).hidden = WITHHELD


def pool_lines(result: Result) -> list[Line]:
    """Performance pools under ``fondi`` (result pay of dirigenti and PO included) with their total;
    position pay, not a performance premium, apart under ``posizione`` (rules/core.md §6)."""
    ledger = result.ledger
    recipients_of = roster(result).recipients
    out: list[Line] = []
    for section, pools in (("fondi", ledger.performance_pools), ("posizione", ledger.position_pools)):
        if not pools:
            continue
        lines, distributed = [], []
        for name, pool in pools.items():
            label = pool.label or name
            recipients = recipients_of.get(name, 0)
            lines.append(Line(section, "", f"{label}: stanziato", total=pool.amount))
            distributed.append(
                Line(
                    section,
                    "",
                    f"{label}: distribuito",
                    count=recipients or None,
                    total=pool.distributed,
                )
            )
        suppress([d for d in distributed if d.count is not None])
        for ln in distributed:
            if ln.hidden and ln.hidden == SMALL:
                ln.hidden = f"{SMALL} beneficiari"
        for a, d in zip(lines, distributed):
            out += [a, d]
        out.append(Line(section, "", "totale: stanziato", total=sum((p.amount for p in pools.values()), Decimal(0))))
        out.append(
            Line(section, "", "totale: distribuito", total=sum((p.distributed for p in pools.values()), Decimal(0)))
        )
    return out


@attrs.frozen
class Members:
    """The people of one group (``dirigenti e PO``, ``personale``) as four columns in people.csv order: the level
    (or, without one, the Italian label of the status), the merit band (None for none), the performance pay
    (0 for none) and the score (None for who was not evaluated) of each.

    Columns, not a tuple per person (issue 18): the tables walk them side by side or pick from them in C
    (``itertools.compress``, ``sum``), along arrays of pointers. 30,000 tuples made after a calculation are
    scattered over the holes that calculation left in the heap, and reading them grew 14× for 10× people
    (premi-art20.csv, 24/11, docs/performance.md)."""

    levels: list[str]
    bands: list[str | None]
    pays: list[Decimal]
    scores: list[Decimal | None]

    def __len__(self) -> int:
        return len(self.levels)

    def rows(self) -> list[tuple[str, str | None, Decimal, Decimal | None]]:
        """``(level, band, pay, score)`` of each person, in people.csv order."""
        return list(zip(self.levels, self.bands, self.pays, self.scores))


@attrs.frozen
class Roster:
    """What the published tables read of each person, gathered in one pass over the people and one over
    the awards, made once per Result (``trasparenza.csv``, ``premi-art20.csv``, the public Relazione).

    ``members[group]`` holds the :class:`Members` of the group; ``pools[group]`` names the performance pools
    with an award to a member. The aggregations then run over these columns instead of reaching every
    person's records again, table by table: at 20,000 people that reaching, not the arithmetic, was the cost
    (premi-art20.csv 50 → 10 ms; issue 18, docs/performance.md).
    """

    members: dict[str, Members]
    pools: dict[str, set[str]]
    recipients: dict[str, int]  # pool → how many people received a positive amount from it


def roster(result: Result) -> Roster:
    return result.memo("transparency.roster", lambda: _roster(result))


def _roster(result: Result) -> Roster:
    """What :class:`Roster` says, in lists in people.csv order instead of one dict per fact keyed by person.

    Each dict of a 30,000-person ente is ~1 MB of table asked at random; five of them (paid, band, pools,
    scores and the sets of recipients) did not fit the processor's cache together, and the pass grew 13–15×
    for 10× people (issue 18). Here an award finds its person's position by a look at the position after the
    last one (the awards of a pool come in people order in every plugin but a graduatoria's) and only
    otherwise in the ente's one table of positions; the recipients of a pool are counted on one byte per
    person (a set of 16,000 ids was 1 MB written at random); the classes and scores in people.csv order are the
    Result's :func:`stats.people_scores`, shared with the Relazione's distribution. Each group's columns are then
    picked out of the per-person lists with the group's mask, in C."""
    ledger = result.ledger
    people = result.ente.people
    ids = result.ente.ids()  # made once per ente (the cycle made it)
    n = len(ids)
    at: Mapping[str, int] | None = None
    paid: list[Decimal] = [ZERO] * n  # = ledger.per_person(PERFORMANCE), 0 for who has none
    band: list[str | None] = [None] * n  # = ledger.band_of: the first band among the person's awards
    pays: list[str | tuple[str, ...] | None] = [None] * n  # performance pool of the person's award, or pools
    paid_from: dict[str, tuple[bytearray, set[str]]] = {}  # pool → (1 for each person paid, ids outside people)
    kinds = {name: pool.kind for name, pool in ledger.pools.items()}
    last_pool: str | None = None
    flags, performance = bytearray(), True
    outside: set[str] = set()
    i = -1
    for a in ledger.awards:
        person, pool = a.person, a.pool
        if pool != last_pool:  # the awards of a pool follow one another: asked once per pool, not per award
            flags, outside = paid_from.get(pool) or paid_from.setdefault(pool, (bytearray(n), set()))
            performance = kinds.get(pool, PERFORMANCE) == PERFORMANCE  # an unlisted pool is performance (kind_of)
            last_pool = pool
        i += 1
        if i >= n or ids[i] is not person:  # ids are one object per ente: no string read
            if at is None:
                at = result.ente.positions()
            found = at.get(person)
            if found is None:  # an award to someone outside people.csv: a recipient, no row of theirs to fill
                if a.amount > ZERO:
                    outside.add(person)
                i = -1
                continue
            i = found
        if a.amount > ZERO:  # a Decimal: no Decimal made from 0 for each award
            flags[i] = 1
        if performance:
            so_far = paid[i]
            paid[i] = a.amount if so_far is ZERO else so_far + a.amount  # the first amount itself, as the ledger
            listed = pays[i]
            if listed is None:  # most people have one award: its pool, not a tuple made for it
                pays[i] = pool
            elif isinstance(listed, str):
                pays[i] = (listed, pool)
            else:
                pays[i] = (*listed, pool)
        if a.band and band[i] is None:
            band[i] = a.band
    recipients = {pool: c for pool, (marks, others) in paid_from.items() if (c := marks.count(1) + len(others))}
    scored = stats.people_scores(result)  # the Relazione's distribution made them already in a full run
    levels, values = scored.classes, scored.values
    lead = [p.role in LEAD_ROLES for p in people.values()]  # group_of, as a mask
    members: dict[str, Members] = {}
    pools: dict[str, set[str]] = {}
    for group, mask in zip(GROUPS, (lead, [not x for x in lead])):
        members[group] = Members(
            levels=list(compress(levels, mask)),
            bands=list(compress(band, mask)),
            pays=list(compress(paid, mask)),
            scores=list(compress(values, mask)),
        )
        named = set(compress(pays, mask))  # pool names and tuples of them, each once
        pools[group] = {x for x in named if isinstance(x, str)}
        for x in named:
            if isinstance(x, tuple):
                pools[group].update(x)
    return Roster(members=members, pools=pools, recipients=recipients)


def group_lines(result: Result, group: str, top_first: list[str]) -> list[Line]:
    """The lines of one group (dirigenti, personale): levels from the top (``top_first``), then bands.

    Per level and per band: the people, Σ performance pay and Σ score (-1 for who has none), in order of first
    appearance. One pass along the group's columns gathers them per (level, band) pair, a few dozen at most, and
    the pairs then make the levels and the bands: each person's amounts are read once (a second pass over 30,000
    of them reads them again from memory, not from the cache; issue 18). The sums are exact, so adding by pair
    first gives the same amounts."""
    members = roster(result).members[group]
    if not len(members):
        return []
    n_all = Decimal(len(members))
    pairs: dict[tuple[str, str | None], list] = {}  # (level, band) → [people, Σ pay, Σ score]
    for level, band, pay, score in zip(members.levels, members.bands, members.pays, members.scores):
        acc = pairs.get((level, band))
        if acc is None:
            acc = pairs[level, band] = [0, ZERO, ZERO]
        acc[0] += 1
        acc[1] += pay
        acc[2] += UNSCORED if score is None else score
    by_level: dict[str, list] = {}
    by_band: dict[str, list] = {}
    for (level, band), (count, total, marks) in pairs.items():
        for groups, key in ((by_level, level), (by_band, band)):
            if key is not None:
                acc = groups.setdefault(key, [0, ZERO, ZERO])
                acc[0] += count
                acc[1] += total
                acc[2] += marks
    out: list[Line] = []
    for section, groups in (("livello", by_level), ("fascia", by_band)):
        if not groups:
            continue
        block = [
            Line(
                section,
                group,
                key,
                count=count,
                share=Decimal(count) / n_all,
                total=total,
                mean=total / count,
                order_key=score_sum / count,
            )
            for key, (count, total, score_sum) in groups.items()
        ]
        if section == "livello":
            rank = {lv: i for i, lv in enumerate(top_first)}
            block.sort(key=lambda ln: (rank.get(ln.item, len(rank)), ln.item))
        else:  # bands: the best evaluated first (by mean score, never by money)
            block.sort(key=lambda ln: (-ln.order_key, ln.item))
        suppress(block)
        if section == "fascia":
            shown = [ln for ln in block if not ln.hidden and ln.mean and ln.mean > 0]
            if len(shown) >= 2:
                lowest = min(m for ln in shown if (m := ln.mean) is not None)
                for ln in shown:
                    ln.ratio = ln.mean / lowest if ln.mean is not None else None
        out += block
    return out


def lines(result: Result) -> list[Line]:
    """Every line of trasparenza.csv (made once per Result: the public Relazione reads them too)."""
    return result.memo("transparency.lines", lambda: _lines(result))


def _lines(result: Result) -> list[Line]:
    out = pool_lines(result)
    top_first = list(reversed(stats.level_order(result)))
    for group in GROUPS:
        out += group_lines(result, group, top_first)
    return out


def rows(result: Result) -> list[tuple]:
    return [ln.cells() for ln in lines(result)]


def csv_text(header: tuple[str, ...], rows: list[tuple]) -> str:
    """A published CSV: header, then rows, formula-safe cells, LF line ends (trasparenza.csv, premi-art20.csv)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([cell(v) for v in row])
    return buf.getvalue()


def render(result: Result) -> str:
    return csv_text(HEADER, rows(result))


def write(result: Result, path: Path) -> None:
    path.write_text(render(result), encoding="utf-8", newline="")
