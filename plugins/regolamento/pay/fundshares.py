"""Each part's share of its fund (``quota_fondo``): the number written, or a formula computed once for the year
from its results — «la quota destinata alla performance organizzativa è erogata in proporzione al grado di
raggiungimento degli obiettivi dell'ente» is ``quota_fondo = '=40% * ente'``, «l'incentivo dell'obiettivo è
corrisposto in misura pari al livello di conseguimento» is ``quota_fondo = '=30% * OBIETTIVO("OB1")'``.

A formula reads what is the same for everyone (the ente's performance, an objective's achievement, the ente's own
data) and people only inside functions over them: the part's people, as its other formulas count them. Its value is
recorded ``quota:<part>`` with what it read. The part's fund is then its share (× each ``di_cui``) of the fund as
given, split to the cent with the other parts' shares, and what no share takes is residual, as with numbers.

A share that cannot be computed, or falls outside 0–100%, or takes its fund's shares above 100% together, is an
error naming the part and its formula: the part takes no share (never one made up), so the fund stays whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from ciclope.core import Input, Person, Problem, Trace, fmt
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv, Recorder
from ciclope.plugins.regolamento.compile.evaluate import RunError, run
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.format.wording import among, role_groups, sentence
from ciclope.plugins.regolamento.pay.nothing import NOTHING, nothing

RULE = "regolamento.quota"
LABEL = "quota del fondo"  # the input of a part's fund that names its share
ZERO = Decimal(0)
ONE = Decimal(1)
SHOWN = Decimal("1e-8")  # a share's figure: to a millionth of a percent

Share = tuple[Decimal, Input]  # the part's share of its fund (× its di_cui), and the input that says it


def resolved(
    reg: Regulation, facts: Facts, people: Callable[[Part], Sequence[Person]], trace: Trace
) -> dict[str, Share]:
    """The share of each part that has one, by name: a number as written, a formula computed for ``people(part)``."""
    given: dict[str, Decimal] = {p.name: p.share for p in reg.parts if p.share is not None}
    computed = {p.name: _run(reg, p, facts, people(p), trace) for p in reg.parts if isinstance(p.fund_share, Formula)}
    for part in reg.parts:  # the shares compared with the whole are the parts' own: × each di_cui, as numbers are
        value = computed[part.name][0] if part.name in computed else None
        if value is not None:
            given[part.name] = _of_shares(part, value)
    for fund in dict.fromkeys(p.fund for p in reg.parts):
        for name in _above_the_whole(reg, fund, given, trace):
            computed[name] = (None, computed[name][1], "")
    out = {p.name: (given[p.name], Input(LABEL, p.fund_share)) for p in reg.parts if p.share is not None}
    for part in reg.parts:
        if part.name in computed:
            out[part.name] = _recorded(reg, part, computed[part.name], trace)
    return out


# a formula's share (None: not computed, said), what it read, and why a share of 0 is 0 (:func:`zero_share`)
Computed = tuple[Decimal | None, list[Input], str]
ZERO_SHARE = "la quota del fondo è 0%"  # how the note of a share of 0 begins, and of the part's fund it empties


def _run(reg: Regulation, part: Part, facts: Facts, people: Sequence[Person], trace: Trace) -> Computed:
    """The formula's share for the part's people (a function over them reads those; a share that reads none of
    them is computed even for a part nobody is in), or None after saying why."""
    assert isinstance(part.fund_share, Formula)
    anyone = next(iter(people), None) or next(iter(facts.ente.people.values()), None)
    if anyone is None:  # an ente without staff: nothing to share
        return None, [], ""
    recorder = Recorder(trace, f"parte:{part.name}", cite(reg, part.source))
    cohort = Cohort(recorder=recorder, everyone=among(part.roles, role_groups(reg.labels)))
    cohort.members = [PersonEnv(facts, p, cohort) for p in people]
    env = PersonEnv(facts, anyone, cohort)  # no member: what it read is the functions' values, no one's own data
    try:
        value = run(part.fund_share, env)
    except RunError as exc:
        trace.problem(_problem(reg, part, str(exc)))
        return None, list(env.read.values()), ""
    if not isinstance(value, Decimal):
        trace.problem(_problem(reg, part, "non dà un valore (legge un dato che manca)"))
        return None, list(env.read.values()), ""
    if not ZERO <= value <= ONE:
        trace.problem(_problem(reg, part, f"dà {fmt.pct(value)}, fuori da 0–100%"))
        return None, list(env.read.values()), ""
    read = list(env.read.values())  # before :func:`nothing` runs pieces of the formula again
    return value, read, zero_share(part.fund_share, env, read) if value == 0 else ""


def zero_share(formula: Formula, env: PersonEnv, read: list[Input]) -> str:
    """Why a share is 0, by the piece of its formula that gives it (:func:`.nothing.nothing`) and the values it read:
    «la quota del fondo è 0%, perché il raggiungimento dell'obiettivo «P3» è meno di 60% (il raggiungimento
    dell'obiettivo «Recupero evasione TARI» (P3) 50,00%)»; only «la quota del fondo è 0%» where no piece says more."""
    why = nothing(formula, env).removeprefix(NOTHING)
    values = "; ".join(f"{i.name} {_value_said(i)}" for i in read)
    return f"{ZERO_SHARE}, perché {why}" + (f" ({values})" if values else "") if why else ZERO_SHARE


# the figures whose value is an achievement, shown as a percentage (as explain shows them): an objective, the ente's
ACHIEVED = ("indicator:", "objective:", "objectives:", "area:", "ente", "unit:", "attested", "separate")


def _value_said(read: Input) -> str:
    """A value a share's formula read, as its figure shows it: «50,00%», «€ 2.000,00», «12»."""
    value = read.value
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, fmt.Percent) or (isinstance(value, Decimal) and read.ref.startswith(ACHIEVED)):
        return fmt.pct(value)
    if isinstance(value, fmt.Money):
        return fmt.euro(value)
    return fmt.decimal_it(value) if isinstance(value, Decimal) else str(value)


def _above_the_whole(reg: Regulation, fund: str, shares: dict[str, Decimal], trace: Trace) -> list[str]:
    """The parts with a formula whose fund's shares sum above 100%, each said: they take none."""
    members = [p for p in reg.parts if p.fund == fund and p.name in shares]
    total = sum((shares[p.name] for p in members), ZERO)
    computed = [p for p in members if isinstance(p.fund_share, Formula)]
    if total <= ONE or not computed:
        return []
    said = ", ".join(f"«{p.name}» {fmt.pct(shares[p.name])}" for p in members)
    for part in computed:
        trace.problem(_problem(reg, part, f"porta le quote del fondo a {fmt.pct(total)} ({said}), più del 100%"))
    return [p.name for p in computed]


def _recorded(reg: Regulation, part: Part, computed: Computed, trace: Trace) -> Share:
    """The formula's share recorded as ``quota:<part>``, with what it read; × each di_cui, the part's share."""
    value, inputs, why = computed
    share = value if value is not None else ZERO
    key = f"quota:{part.name}"
    note = why if value is not None else "nessuna quota: la formula non ne dà una valida"
    words = f"{part.fund_share} — {sentence(part.fund_share)}" if isinstance(part.fund_share, Formula) else ""
    label = f"Quota del fondo della parte «{part.name}»"
    # shown as computed, to a millionth of a percent where it has more digits (a third); split exact. A share of a
    # fund by what it is (fmt.Share): «25,50%» as its note and the Relazione say it, never «25,5%» beside them
    shown = fmt.Share(share if share == share.quantize(SHOWN) else share.quantize(SHOWN))
    trace.record(key, shown, words, cite(reg, part.source), inputs, label, note)
    return _of_shares(part, share), Input(LABEL, shown, ref=key)


def _of_shares(part: Part, share: Decimal) -> Decimal:
    """The part's share of its fund: ``share`` × each ``di_cui``."""
    for of in part.of_shares:
        share *= of
    return share


def _problem(reg: Regulation, part: Part, why: str) -> Problem:
    return Problem(
        rule=RULE,
        source=cite(reg, part.source),
        **(
            written(part.fund_share)
            if isinstance(part.fund_share, Formula)
            else {"file": "regolamento", "column": f"premi.{part.name}.quota_fondo"}  # a number: by the part's name
        ),
        message=f"parte «{part.name}»: la quota_fondo «{part.fund_share}» {why}: la parte non prende quota del "
        "fondo, che resta residuo; correggi la formula o i dati che legge (una quota è tra 0% e 100%; per "
        "limitarla, MIN(formula; 100%))",
    )


def quota_said(part: Part, trace: Trace, share: Input) -> str:
    """How a part's quota of its fund came from its formula, so a reader redoes it: «quota del fondo 25,50% = 30% ×
    (se …), con la performance dell'ente attestata dall'OIV = 85,00%», the formula's words and each value it read;
    "" for a quota written as a number."""
    quota = trace.get(share.ref) if share.ref else None
    if quota is None or not isinstance(part.fund_share, Formula) or not isinstance(share.value, Decimal):
        return ""
    read = fmt.listed([f"{i.name} = {_value_said(i)}" for i in quota.inputs])
    said = f"{LABEL} {fmt.pct_share(share.value)} = {sentence(part.fund_share)}"
    return f"{said}, con {read}" if read else said
