"""The comparto's ente quota of PO/EQ result pay (CCNL 21.5.2018 art. 15 c. 4; rules §1): at least 15% of all the
resources for PO position and result pay goes to result pay. Checked under every plugin of the comparto, the
declared regulation included, as a wrapper of ``ciclope_rewards``: the position pay is what the rewards destine to
it — the pools of position pay the regulation computes for the PO (a declared [posizioni]: its position fund, paid or
not, whatever its ``quota_risultato`` says; not one that weighs the dirigenti's posts alone) or, without them, the
``position_pay`` of people.csv; the result pay what the
rewards give the PO — a pool that pays every PO and no one else counts whole (what it destines, paid or not), a pool
that pays others too, or only some PO (an interim, a part paid per incarico out of a vacant position's economy),
counts what it paid the PO. Below the quota: a warning citing the contract, whose words say what the position pay
counted is (:func:`basis`). A plugin that computes position pay
itself and bounds its share by its parameters (``national = "po_result_quota"``) checks the quota itself: it is not
checked twice."""

from __future__ import annotations

from collections.abc import Generator
from decimal import Decimal

from ciclope.core import Ente, Params, Problem, Rewards, Score, Trace, fmt, hookimpl, money

from .national import in_force


@hookimpl(wrapper=True)
def ciclope_rewards(
    ente: Ente, scores: dict[str, Score], params: Params, trace: Trace
) -> Generator[None, Rewards | None, Rewards | None]:
    rewards = yield
    row = in_force("po_result_quota", ente.year)
    if rewards is None or row is None or row.min is None:
        return rewards
    if not any(
        s.score is not None for pid, s in scores.items() if pid in ente.people and ente.people[pid].role == "po"
    ):
        return rewards  # no PO scored yet (a check before the evaluations): nothing is paid, nothing to compare
    if own_check(params) or any(p.rule.endswith("po_quota") for p in trace.problems) or suspended(ente, trace):
        return rewards
    found = po_resources(ente, rewards)
    if found is not None and found[1] < row.min * (found[0] + found[1]):
        trace.problem(below(found, basis(ente, rewards), row.min, row.source))
    return rewards


def positions(ente: Ente, rewards: Rewards) -> dict[str, Decimal]:
    """The pools of the PO's position pay the rewards compute, by name: a pool of position pay that pays others alone
    (a weighing of the dirigenti's posts) is the dirigenti's fund, no resource of the PO; one that pays nobody yet
    (its posts vacant) counts, as the regulation destines it."""
    po = {p.id for p in ente.people.values() if p.role == "po"}
    paid: dict[str, set[str]] = {}
    for a in rewards.awards.values():
        paid.setdefault(a.pool, set()).add(a.person)
    return {
        p.name: p.amount
        for p in rewards.pools.values()
        if p.kind == money.POSITION and (not paid.get(p.name) or paid[p.name] & po)
    }


def basis(ente: Ente, rewards: Rewards) -> str:
    """What the check counts as the position pay, in words: the pool of position pay the regulation computes (its
    whole fund, paid or not), or the position pay due of people.csv, named without the file (a public page says it: the pay due in the year, reduced for part time
    and the days of the incarico, where the contract speaks of the resources: nothing else says what was budgeted)."""
    if positions(ente, rewards):
        return "il fondo per la retribuzione di posizione"
    return (
        "la somma delle retribuzioni di posizione dovute (ridotte per il tempo parziale e i giorni dell'incarico), non "
        "le risorse stanziate"
    )


def suspended(ente: Ente, trace: Trace) -> bool:
    """True when an error lies on a PO's row of people.csv (an empty cell their pay reads): their pay is withheld
    until it is corrected, so a quota below the contract's would only follow from that error, said where it is."""
    rows = {p.row for p in ente.people.values() if p.role == "po"}
    people = ente.file_said("people")
    return any(p.is_error and p.file == people and p.row in rows for p in trace.problems)


def own_check(params: Params) -> bool:
    """The plugin bounds the quota by a parameter of its own (``national = "po_result_quota"``) and checks it."""
    return any(getattr(spec, "national", "") == "po_result_quota" for spec in params.specs.values())


def po_resources(ente: Ente, rewards: Rewards) -> tuple[Decimal, Decimal] | None:
    """(Σ position pay, Σ result-pay resources) of the PO, or None without any PO position pay."""
    po = {p.id for p in ente.people.values() if p.role == "po"}
    computed = positions(ente, rewards)
    # a compenso that is no performance premium (an incentive of a law) is no result pay, whoever it pays
    incentives = {p.name for p in rewards.pools.values() if p.kind == money.INCENTIVE}
    position = sum(computed.values(), Decimal(0))
    for p in ente.people.values() if not computed else ():
        pay = p.extra.get("position_pay")
        if p.id in po and isinstance(pay, Decimal) and pay > 0:
            position += pay
    if not position:
        return None
    paid_by: dict[str, set[str]] = {}
    awarded: dict[str, set[str]] = {}
    to_po: dict[str, Decimal] = {}
    for a in rewards.awards.values():
        awarded.setdefault(a.pool, set()).add(a.person)
        if a.amount > 0:
            paid_by.setdefault(a.pool, set()).add(a.person)
        if a.person in po and a.pool not in computed and a.pool not in incentives:
            to_po[a.pool] = to_po.get(a.pool, Decimal(0)) + a.amount
    result = Decimal(0)
    for name, amount in to_po.items():
        the_po = paid_by.get(name, set()) <= po and awarded.get(name, set()) >= po and name in rewards.pools
        result += rewards.pools[name].amount if the_po else amount
    return position, result


def below(found: tuple[Decimal, Decimal], said: str, quota: Decimal, source: str) -> Problem:
    """The warning: the share, the two amounts and what the position one is (``said``: :func:`basis`); the contract
    cited once, as the source."""
    position, result = found
    share = result / (position + result) if position + result else Decimal(0)
    return Problem(
        rule="ccnl.po_result_quota",
        severity="warning",
        source=source,
        file="ente.toml",
        column="funds",
        message=f"alla retribuzione di risultato delle PO/EQ va {fmt.the_pct(share)} delle loro risorse "
        f"(posizione {fmt.euro(position)} + risultato {fmt.euro(result)}; la posizione è {said}): il contratto in "
        f"vigore chiede almeno il {fmt.pct(quota, 0)} al risultato; rivedi il fondo o le quote della retribuzione di "
        "risultato",
    )
