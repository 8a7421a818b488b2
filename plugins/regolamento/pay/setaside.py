"""A part set aside before the part that sends it its residual (``accantonata``, format 2): the maggiorazione of the
national contract as a regulation writes it, «il 30% del valore medio pro-capite dei premi attribuiti», taken from the
fund of the individual premium (CCNL 21.5.2018 art. 69; ARAN CFL126; rules/ccnl_funzioni_locali.md §2 step 5).

Its amounts are what its formula gives on the source part's premiums of the whole fund, found by paying the parts
once with the set-aside part unbounded (the measuring pass, on a scratch trace). When the source's residual covers
them, nothing changes: the parts are paid as they always are. When it does not, the parts are paid again with the
source's fund reduced by the whole set-aside, divided once more by its own rule (never a second split of amounts
already rounded), and the set-aside part paid in full from it; what the reduced split leaves stays with the set-aside
part, as residual. Every fund is conserved: the source's premiums + the set-aside + what is left = the fund.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal

import attrs

from ciclope.core import Input, Problem, Trace, fmt, money
from ciclope.plugins.regolamento.compile.env import Facts
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.read.lines import REGULATION

# The set-aside part's fund in the measuring pass: never reached, so its formula's amounts are paid whole.
UNBOUNDED = Decimal(10) ** 15
WHOLE = "fondo_intero"  # the key suffix of a source's premium on the whole fund, beside its final one


@attrs.frozen
class SetAside:
    """A part set aside from its source's fund: what its formula gives (``amount``), on the source's premiums of the
    whole fund (``premiums``, each explained by its figure in the measuring pass's trace, at ``refs``)."""

    part: Part
    source: Part
    amount: Decimal
    premiums: Mapping[str, Decimal]
    refs: Mapping[str, str]  # person → the key of the figure of the source's premium on the whole fund
    scratch: Trace  # the measuring pass's trace, where those premiums are explained


@attrs.frozen
class Measured:
    """What the measuring pass found: each part's amount before it paid, and each part's premiums with their
    figures' keys (as the ledger and the facts keep them)."""

    amounts: Mapping[str, Decimal]
    premiums: Mapping[str, Mapping[str, Decimal]]
    refs: Mapping[str, Mapping[str, str]]


Measure = Callable[[Trace], Measured]  # the parts paid once with the set-aside parts unbounded, into a scratch trace


def found(reg: Regulation, measure: Measure, trace: Trace) -> dict[str, SetAside]:
    """The set-asides the sources' residuals do not cover, by the source's name (empty: pay as always)."""
    parts = [p for p in reg.parts if p.set_aside]
    if not parts:
        return {}
    scratch = Trace()
    measured = measure(scratch)
    out = {}
    for part in parts:
        source = next(p for p in reg.parts if p.residual_to == part.name)
        due = sum(measured.premiums.get(part.name, {}).values(), Decimal(0))
        received = measured.amounts.get(part.name, Decimal(0))  # the residual it is sent, and its own share
        if due <= received:
            continue
        whole = measured.amounts.get(source.name, Decimal(0))
        if due > whole:
            trace.problem(too_large(reg, part, source, due, whole))
            continue
        premiums = dict(measured.premiums.get(source.name, {}))
        refs = dict(measured.refs.get(source.name, {}))
        out[source.name] = SetAside(part, source, due, premiums, refs, scratch)
    return out


def reduced(
    reg: Regulation, aside: SetAside, amount: Decimal, fund: Input, trace: Trace
) -> tuple[Decimal, Input, Input]:
    """The source part's fund less the whole set-aside, recorded: what it divides again, by its own rule; the input of
    that fund, and of the set-aside (what the part set aside receives)."""
    key = f"pool:{aside.source.fund}:{aside.source.name}:ridotto"
    left = amount - aside.amount
    trace.record(
        key,
        left,
        f"fondo della parte «{aside.source.name}» − accantonamento della parte «{aside.part.name}»: il residuo della "
        "divisione sul fondo intero non lo copre, e il fondo ridotto è diviso di nuovo con la stessa regola",
        cite(reg, aside.part.source),
        [fund, Input(f"accantonamento della parte «{aside.part.name}»", aside.amount, ref=set_aside_key(aside))],
        f"Fondo della parte «{aside.source.name}» ridotto dell'accantonamento",
    )
    taken = Input("accantonamento", aside.amount, ref=set_aside_key(aside))
    # the subtraction in the words, so that a person redoes it from the scheda, which shows no figure below this one
    said = (
        f"fondo della parte «{aside.source.name}»: {fmt.euro(amount)} − {fmt.euro(aside.amount)} accantonati per la "
        f"parte «{aside.part.name}»"
    )
    return left, Input(said, left, ref=key), taken


def layer_reserve(
    reg: Regulation, part: Part, reserve: money.Reserve, amount: Decimal, trace: Trace
) -> tuple[Decimal, Input]:
    """The part's amount less what a comparto layer took from it before the split (``Pool.reserves``: the art. 69
    set-aside taken from the individual part of a fund that also pays the organizational performance), recorded;
    the fund's other parts keep their share of the whole fund."""
    key = f"pool:{part.fund}:{part.name}:riserva"
    left = amount - reserve.amount
    trace.record(
        key,
        left,
        f"fondo della parte «{part.name}» − {reserve.label}: le altre parti del fondo hanno la loro quota del fondo "
        "intero",
        reserve.source or cite(reg, part.source),
        [
            Input(f"fondo della parte «{part.name}»", amount, ref=f"pool:{part.fund}:{part.name}"),
            Input(reserve.label, reserve.amount),
        ],
        f"Fondo della parte «{part.name}» dopo l'{reserve.label}",
    )
    return left, Input(f"fondo della parte «{part.name}» dopo l'{reserve.label}", left, ref=key)


@contextmanager
def on_the_whole_fund(aside: SetAside, facts: Facts, trace: Trace) -> Iterator[None]:
    """While the set-aside part is paid, ``PREMIO`` of its source reads the premiums of the whole fund, each with its
    figure (recorded beside the final one); then the final premiums again."""
    name = aside.source.name
    final, final_refs = facts.premiums.get(name), facts.premium_refs.get(name)
    refs = {}
    for pid, ref in aside.refs.items():
        if ref not in aside.scratch.figures:
            continue
        figure = aside.scratch.figures[ref]
        inputs = [i if kept(i.ref, aside, trace) else attrs.evolve(i, ref="") for i in figure.inputs]
        note = "prima dell'accantonamento: la divisione sul fondo intero, su cui si calcola la parte accantonata"
        refs[pid] = key = f"{ref}:{WHOLE}"
        trace.add([figure._replace(key=key, inputs=tuple(inputs), label=f"{figure.label} sul fondo intero", note=note)])
    facts.premiums[name], facts.premium_refs[name] = dict(aside.premiums), refs
    try:
        yield
    finally:
        facts.premiums[name] = final if final is not None else {}
        facts.premium_refs[name] = final_refs if final_refs is not None else {}


def kept(ref: str, aside: SetAside, trace: Trace) -> bool:
    """Whether a premium of the whole fund keeps its reference to ``ref``: a figure made before the parts (a score, a
    card) or the same in both payments (the fund as given); not one the set-aside changed (the fund reduced)."""
    before = aside.scratch.get(ref)
    return before is None or before == trace.get(ref)


def record(reg: Regulation, aside: SetAside, names: Mapping[str, str], facts: Facts, trace: Trace) -> None:
    """The set-aside, once the part set aside is paid: each beneficiary's amount and the premiums of the whole fund
    its formula read, each with its figure; the part's figures say that they read those premiums."""
    part, source = aside.part.name, aside.source.name
    whole = f"pool:{aside.source.fund}:{source}:premi_{WHOLE}"
    trace.record(
        whole,
        sum(aside.premiums.values(), Decimal(0)),
        f"somma dei premi della parte «{source}» divisa sul fondo intero, prima dell'accantonamento",
        cite(reg, aside.source.source),
        [Input(f"{names[pid]} ({pid})", v, ref=f"{aside.refs[pid]}:{WHOLE}") for pid, v in aside.premiums.items()],
        f"Premi della parte «{source}» sul fondo intero",
    )
    paid, refs = facts.premiums.get(part, {}), facts.premium_refs.get(part, {})
    trace.record(
        set_aside_key(aside),
        aside.amount,
        f"somma degli importi della parte «{part}», calcolati sui premi della parte «{source}» divisa sul fondo intero",
        cite(reg, aside.part.source),
        [
            *(Input(f"{names[pid]} ({pid})", amount, ref=refs.get(pid, "")) for pid, amount in paid.items() if amount),
            Input(f"premi attribuiti dalla parte «{source}» sul fondo intero", trace.figures[whole].value, ref=whole),
        ],
        f"Accantonamento della parte «{part}»",
    )
    # said where the part's figure is read alone (the scheda personale, which has no line of the set-aside): what
    # the premium it read is, never «vedi» a line that is not there
    note = (
        f"sui premi della parte «{source}» divisa sul fondo intero, prima dell'accantonamento: il fondo della parte "
        f"«{source}» è poi ridotto dell'accantonamento per la parte «{part}» e diviso di nuovo"
    )
    trace.add(
        f._replace(note=f"{f.note}; {note}" if f.note else note, inputs=before_set_aside(f.inputs, source, part))
        for f in (trace.figures[k] for k in refs.values() if k in trace.figures)
    )


def before_set_aside(inputs: Sequence[Input], source: str, part: str) -> tuple[Input, ...]:
    """The inputs of a figure of the part set aside, the person's premium of the whole fund named for what it is:
    «premio della parte «individuale» prima dell'accantonamento per la parte «maggiorazione»», never the words of the
    premium the person receives, beside it with another amount."""
    name = f"premio della parte «{source}»"
    return tuple(
        attrs.evolve(i, name=f"{name} prima dell'accantonamento per la parte «{part}»")
        if i.name == name and i.ref.endswith(f":{WHOLE}")
        else i
        for i in inputs
    )


def set_aside_key(aside: SetAside) -> str:
    return f"pool:{aside.part.fund}:{aside.part.name}:accantonamento"


def too_large(reg: Regulation, part: Part, source: Part, due: Decimal, whole: Decimal) -> Problem:
    return Problem(
        rule="regolamento.accantonamento",
        severity="warning",
        source=cite(reg, part.source),
        file=REGULATION,
        column=f"premi[{reg.parts.index(part)}]",
        message=f"la parte «{part.name}» chiede {fmt.euro(due)}, più del fondo della parte «{source.name}» "
        f"({fmt.euro(whole)}) da cui è accantonata: non è accantonata, e riceve solo ciò che quella non paga",
    )
