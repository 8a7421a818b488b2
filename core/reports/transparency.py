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
from decimal import ROUND_HALF_UP, Decimal
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


def group_of(person) -> str:
    return "dirigenti e PO" if (person.is_dirigente or person.is_po) else "personale"


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
    recipients_of: dict[str, set[str]] = {}  # pool → who received a positive amount (one pass over the awards)
    for award in ledger.awards:
        if award.amount > 0:
            recipients_of.setdefault(award.pool, set()).add(award.person)
    out: list[Line] = []
    for section, pools in (("fondi", ledger.performance_pools), ("posizione", ledger.position_pools)):
        if not pools:
            continue
        lines, distributed = [], []
        for name, pool in pools.items():
            label = pool.label or name
            recipients = recipients_of.get(name, set())
            lines.append(Line(section, "", f"{label}: stanziato", total=pool.amount))
            distributed.append(
                Line(
                    section,
                    "",
                    f"{label}: distribuito",
                    count=len(recipients) if recipients else None,
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


def group_lines(
    result: Result, group: str, members: list | None = None, paid: dict | None = None, top_first: list | None = None
) -> list[Line]:
    """The lines of one group (dirigenti, personale); :func:`lines` passes what every group shares, made
    once: the group's members, each person's performance pay, the levels from the top."""
    if members is None:
        members = [p for p in result.ente.people.values() if group_of(p) == group]
    if not members:
        return []
    ledger = result.ledger
    if paid is None:
        paid = ledger.per_person(PERFORMANCE)  # every performance award of the person, from every pool
    n_all = Decimal(len(members))
    if top_first is None:
        top_first = list(reversed(stats.level_order(result)))

    def amount(pid: str) -> Decimal:
        return paid.get(pid, ZERO)

    def score(pid: str) -> Decimal:
        s = result.scores.get(pid)
        return s.score if s is not None and s.score is not None else UNSCORED

    out: list[Line] = []
    for section, key_of in (
        ("livello", lambda p: stats.class_of(result, p.id)),
        ("fascia", lambda p: ledger.band_of(p.id)),
    ):
        groups: dict[str, list] = {}
        for p in members:
            key = key_of(p)
            if key is not None:
                groups.setdefault(key, []).append(p)
        if not groups:
            continue
        block = []
        for key, people in groups.items():
            total = sum((amount(p.id) for p in people), Decimal(0))
            mean_score = sum((score(p.id) for p in people), Decimal(0)) / len(people)
            block.append(
                Line(
                    section,
                    group,
                    key,
                    count=len(people),
                    share=Decimal(len(people)) / n_all,
                    total=total,
                    mean=total / len(people),
                    order_key=mean_score,
                )
            )
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
    by_group: dict[str, list] = {}
    for p in result.ente.people.values():
        by_group.setdefault(group_of(p), []).append(p)
    paid = result.ledger.per_person(PERFORMANCE)
    top_first = list(reversed(stats.level_order(result)))
    for group in GROUPS:
        out += group_lines(result, group, by_group.get(group, []), paid, top_first)
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
