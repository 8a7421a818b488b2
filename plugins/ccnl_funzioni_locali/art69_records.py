"""The figures of the art. 69 maggiorazione, each with its inputs and the article in force in the cycle year."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ciclope.core import Input, Person, Pool, Score, Trace, fmt

from . import ties

if TYPE_CHECKING:
    from .art69_plan import Plan, Ranked
    from .config import Maggiorazione

KEY = "art69"
POOL = "maggiorazione_art69"


def record_plan(
    found: Plan,
    rule: Maggiorazione,
    trace: Trace,
    cited: tuple[str, str],
    floor: str = "al 30%",
    people: Mapping[str, Person] | None = None,
) -> None:
    """The plan's figures; ``cited``: the source and the article; ``floor``: the contract's minimum share for the
    ente, in words («al 30%»); ``people``: the ente's, to name the people of a tie."""
    source, article = cited
    mean, m = fmt.Money(found.mean), fmt.Money(found.m)  # amounts by what they are: read in euro wherever shown
    trace.record(
        f"{KEY}:media",
        mean,
        "premi attribuiti ai valutati positivamente / numero dei valutati positivamente (valore medio pro capite "
        "dei premi attribuiti: quanto il regolamento attribuisce dividendo il fondo intero, prima che la "
        "maggiorazione ne sia accantonata; non il fondo)",
        source,
        [
            Input("premi attribuiti", found.attributed),
            Input("valutati positivamente (con un premio maggiore di zero)", found.paid),
        ],
        label=f"{article} — valore medio pro capite dei premi attribuiti",
    )
    trace.record(
        f"{KEY}:maggiorazione",
        m,
        f"quota del valore medio × valore medio pro capite (non inferiore {floor})",
        source,
        [Input("quota del valore medio (CCDI)", rule.share), Input("valore medio", mean, ref=f"{KEY}:media")],
        label=f"{article} — maggiorazione",
    )
    for r in found.rankings:
        cut = tie_words(r, people or {})
        trace.record(
            f"{KEY}:quota:{r.id}",
            len(r.chosen),
            "i primi (quota × personale valutato della graduatoria, per difetto) tra i valutati positivamente, per "
            "punteggio; "
            "un pari merito a cavallo del taglio è escluso (la quota è un massimo)"
            + (", salvo chi i criteri di parità del contratto integrativo mettono entro la quota" if rule.ties else ""),
            source,
            [
                Input("quota (CCDI)", rule.quota),
                Input("personale valutato nella graduatoria", r.evaluated),
                Input("posti", r.slots),
                Input("valutati positivamente nella graduatoria", len(r.candidates)),
            ],
            label=f"{article} — beneficiari della graduatoria {ranking_words(r.id)}",
            note=f"beneficiari: {', '.join(map(who(people or {}), r.chosen)) or 'nessuno'}{cut}",
        )
    trace.record(
        f"{KEY}:quota",
        len(found.beneficiaries),
        "somma dei beneficiari delle graduatorie (lettura: la quota conta il personale valutato, non solo i "
        "valutati positivamente)",
        source,
        [Input(f"graduatoria {ranking_words(r.id)}", len(r.chosen), ref=f"{KEY}:quota:{r.id}") for r in found.rankings],
        label=f"{article} — beneficiari",
        note=f"accantonamento {fmt.euro(found.set_aside)} = {len(found.beneficiaries)} × {fmt.euro(found.m)}",
    )


def who(people: Mapping[str, Person]) -> Callable[[str], str]:
    """A person as a note names them: name and code, as every other message does (the code alone if unknown)."""
    return lambda pid: f"{people[pid].name} ({pid})" if pid in people and people[pid].name else pid


def tie_words(r: Ranked, people: Mapping[str, Person]) -> str:
    """What happened to a tie at the cut of a ranking, in words ("" without one)."""
    if r.cut is None:
        return ""
    tied = fmt.listed(who(people)(pid) for pid in r.tied)
    if r.broken is None:
        return f"; pari merito al taglio (punteggio {fmt.decimal_it(r.cut)}): {tied}, tutti fuori dalla quota"
    return (
        f"; pari merito al taglio (punteggio {fmt.decimal_it(r.cut)}): {tied}; criteri di parità del contratto "
        f"integrativo: {ties.story(r.broken, r.tied, who(people))}"
    )


def record_covered(trace: Trace, name: str, taken: Decimal, pool: Pool, source: str, article: str) -> None:
    """The fund after the set-aside taken from what the regulation left undistributed: no premium changes."""
    formula = (
        "fondo intero − accantonamento per la maggiorazione, preso da quanto il regolamento lascia non distribuito "
        "(nessun premio cambia)"
    )
    _record_fund(
        trace, (name, pool, pool.residual), taken, formula, "non distribuito dal regolamento", (source, article)
    )


def record_reduced(
    trace: Trace, aside: tuple[str, Decimal, Sequence[str]], fund: Pool, first: Pool, cited: tuple[str, str]
) -> None:
    """The fund reduced by a set-aside larger than what the regulation left undistributed: split again once. ``aside``:
    the fund's name, the set-aside and the parts it is taken from (none: the whole fund is reduced)."""
    name, taken, parts = aside
    formula = (
        "fondo intero − accantonamento per la maggiorazione: l'accantonamento supera quanto il regolamento lascia non "
        "distribuito, e il fondo ridotto è ripartito una sola volta dalla regola del regolamento"
    )
    if parts:
        formula += (
            f"; l'accantonamento è preso {fmt.listed(f'dalla parte «{p}»' for p in parts)}, "
            f"{'che paga' if len(parts) == 1 else 'che pagano'} il premio individuale, e le altre parti hanno la loro "
            "quota del fondo intero"
        )
    left = "non distribuito dal regolamento sul fondo intero"
    _record_fund(trace, (name, fund, first.residual), taken, formula, left, cited)


def _record_fund(
    trace: Trace, fund: tuple[str, Pool, Decimal], taken: Decimal, formula: str, left: str, cited: tuple[str, str]
) -> None:
    name, pool, residual = fund
    source, article = cited
    trace.record(
        fund_key(name),
        fmt.Money(pool.amount - taken),
        formula,
        source,
        [
            Input("fondo intero", pool.amount, ref=f"pool:{name}"),
            Input(f"accantonati per la maggiorazione del premio individuale ({article})", fmt.Money(taken)),
            Input(left, residual),
        ],
        label=f"{article} — {fund_words(name, pool)} dopo l'accantonamento",
        note=f"{fmt.euro(pool.amount)} − {fmt.euro(taken)} accantonati per la maggiorazione = "
        f"{fmt.euro(pool.amount - taken)}",
    )


def fund_key(name: str) -> str:
    """The key of the figure of the fund ``name`` after the set-aside."""
    return f"{KEY}:fondo:{name}"


def fund_words(name: str, pool: Pool) -> str:
    """A fund as people read it: its pool's label, else «fondo» and its name in words as every document says it
    (:func:`fmt.fund`: «fondo produttività» for the key ``produttivita``)."""
    if pool.label:
        return pool.label
    words = fmt.fund(name)
    return f"{words[:1].lower()}{words[1:]}"


def ranking_words(ranking: str) -> str:
    """A ranking as people read it after «graduatoria»: the ente's only one, or the group's name in quotes."""
    return "unica dell'ente" if ranking == "ente" else f"«{ranking}»"


def taken_from(name: str, pools: Mapping[str, Pool]) -> str:
    """«accantonamento dal fondo «Premi per la performance individuale»», «… dal fondo per la produttività»: the fund
    by the label every document names it by, never its key («fondo performance individuale»)."""
    words = fund_words(name, pools[name]) if name in pools else fmt.fund(name)
    if words.lower().startswith("fondo"):
        return f"accantonamento dal {words[:1].lower()}{words[1:]}"
    return f"accantonamento dal fondo «{words}»"


def record_pool(
    trace: Trace,
    found: Plan,
    taken: Mapping[str, Decimal],
    cited: tuple[str, str],
    people: Mapping[str, Person],
    pools: Mapping[str, Pool] | None = None,
) -> None:
    """The pool of the maggiorazione (``pool:maggiorazione_art69``): M × the beneficiaries, set aside from the funds
    of their premiums (``taken``: fund → amount, each with its figure after the set-aside); 0 without beneficiaries,
    its inputs then saying why (the ranking's note: a tie at the cut, nobody paid); ``pools``: the funds by their
    labels."""
    source, article = cited
    given = [
        Input("maggiorazione", fmt.Money(found.m), ref=f"{KEY}:maggiorazione"),
        Input("beneficiari", len(found.beneficiaries), ref=f"{KEY}:quota"),
        *(
            Input(taken_from(name, pools or {}), fmt.Money(amount), ref=fund_key(name))
            for name, amount in taken.items()
        ),
    ]
    named = ", ".join(map(who(people), found.beneficiaries))
    trace.record(
        f"pool:{POOL}",
        fmt.Money(found.set_aside),
        "maggiorazione × beneficiari, accantonata dal fondo dei loro premi individuali",
        source,
        given,
        label=f"Maggiorazione del premio individuale ({article})",
        note=f"beneficiari: {named}" if named else "nessun beneficiario: nessun importo accantonato",
    )


def record_tied_out(
    trace: Trace, found: Plan, scores: Mapping[str, Score], cited: tuple[str, str], people: Mapping[str, Person]
) -> None:
    """Why each person tied at the cut and left out has no maggiorazione (``ammesso:maggiorazione_art69:<id>``
    false, which ``explain`` says under the person): the tie, its score and the places it straddles."""
    for r in found.rankings:
        if r.cut is None:
            continue
        left = r.slots - sum(1 for pid in r.chosen if pid not in r.tied)
        # the note is the person's own (their scheda says it): the colleagues tied, and how the criteria ordered
        # them, are inputs, which explain shows and the scheda leaves off
        others = len(r.tied) - 1
        peers = "un'altra persona" if others == 1 else f"altre {others} persone"
        named = Input("persone a pari merito", fmt.listed(who(people)(p) for p in r.tied))
        story = (
            (Input("criteri di parità del contratto integrativo", ties.story(r.broken, r.tied, who(people))),)
            if r.broken is not None
            else ()
        )
        for pid in (p for p in r.tied if p not in r.chosen):
            note = (
                f"pari merito al limite della quota con {peers} di pari punteggio, per "
                f"{fmt.plural(left, 'posto', 'posti')}; "
                + (
                    "escluse tutte"
                    if r.broken is None
                    else "la parità è decisa dai criteri del contratto integrativo: " + ties.own_story(r.broken, pid)
                )
            )
            _record_left_out(trace, (pid, scores[pid], r.id), cited, note, (named, *story))


def record_below_cut(trace: Trace, found: Plan, scores: Mapping[str, Score], cited: tuple[str, str]) -> None:
    """Why each positively evaluated person below the places has no maggiorazione (``ammesso:maggiorazione_art69:
    <id>`` false, which ``explain`` and the person's scheda say): their place by score among those of their ranking who
    receive the premio individuale (a premium above zero: someone whose absences took it to zero is not among them),
    and the places. Never another person's score: in a small ente the last beneficiary's would name them. A tie at
    the cut is :func:`record_tied_out`'s."""
    for r in found.rankings:
        for pid, score in r.candidates:
            if pid in r.chosen or pid in r.tied:
                continue
            place = 1 + sum(1 for _, other in r.candidates if other > score)  # the tied share their place
            ranking = f"graduatoria {ranking_words(r.id)}"
            where = (
                f"è la sola persona della {ranking} che riceve il premio individuale"  # no place among 1
                if len(r.candidates) == 1
                else f"è {fmt.at_place(place)} posto per punteggio tra {fmt.the_count(len(r.candidates))} che ricevono il "
                f"premio individuale nella {ranking}"
            )
            # of the person in the third person, as the whole scheda speaks of them, the ranking named: the note says
            # it all, and the score it read is on the scheda already
            note = f"{where}, su {fmt.plural(r.evaluated, 'valutato', 'valutati')}; {_places(r.slots, r.evaluated)}"
            _record_left_out(trace, (pid, scores[pid], r.id), cited, note, whole=True)


def _record_left_out(
    trace: Trace,
    who_where: tuple[str, Score, str],
    cited: tuple[str, str],
    note: str,
    tied: tuple[Input, ...] = (),
    whole: bool = False,
) -> None:
    """The figure ``ammesso:maggiorazione_art69:<id>`` false of one person left out of the places of their ranking,
    with their score and the ranking read; ``tied``: left out by a tie at the cut, which the formula says, with the
    people tied (and the criteria's story) as inputs; ``whole``: a note that says the place and the ranking itself.
    """
    (pid, score, ranking), (source, article) = who_where, cited
    tie = bool(tied)
    trace.record(
        f"ammesso:{POOL}:{pid}",
        False,
        "tra i primi (quota × personale valutato della graduatoria, per difetto) per punteggio"
        + ("; un pari merito a cavallo del taglio è escluso (la quota è un massimo)" if tie else ""),
        source,
        [
            Input("punteggio", points(score.score), ref=f"score:{pid}"),
            Input("graduatoria", ranking_words(ranking), ref=f"{KEY}:quota:{ranking}"),
            *tied,
            *((Input(Trace.SAID_WHOLE, True),) if whole else ()),  # ``whole``: the note says the values read
        ],
        label=f"Maggiorazione del premio individuale ({article})",
        note=note,
    )


def points(score: Decimal | None) -> Decimal | None:
    """A score as every score reads, two decimals («84,60», never «84,6»)."""
    return None if score is None else fmt.Points(score)


def _places(slots: int, evaluated: int) -> str:
    if slots == 0:
        return f"la quota del personale valutato ({evaluated}) non dà nessun posto"
    return f"la maggiorazione ha {fmt.plural(slots, 'posto', 'posti')} (quota × {evaluated} valutati, per difetto)"


# the fewest people paid whose aggregate a scheda shows (rules/core.md §6): the mean of the premiums of two gives,
# with one's own premium, the colleague's
FEWEST = 3


def record_award(
    trace: Trace,
    person: Person,
    position: int,
    found: Plan,
    scores: Mapping[str, Score],
    cited: tuple[str, str],
) -> None:
    """A beneficiary's maggiorazione, with what they need to redo it: the share of the mean (the CCDI's)
    × the mean of the premiums attributed in the ente, with how many it is over; the mean of fewer than
    :data:`FEWEST` paid is left off and the note says why."""
    pid, (source, article) = person.id, cited
    ranking = next(r for r in found.rankings if pid in r.chosen)
    shown = found.paid >= FEWEST
    mean = [
        # the values alone: the maggiorazione's own figure, below, explains the mean (where ``explain`` reads it);
        # the mean's two terms first, so the scheda redoes it (their quotient, as the mean's figure says)
        Input("premi attribuiti ai valutati positivamente", fmt.Money(found.attributed)),
        Input("valutati positivamente (con un premio maggiore di zero)", found.paid),
        Input("valore medio pro capite dei premi attribuiti", fmt.Money(found.mean)),
    ]
    withheld = (
        ""
        if shown
        else f"Non è mostrato il valore medio pro capite dei premi attribuiti: riguarda meno di {FEWEST} persone "
        "pagate, e con il proprio premio darebbe quello di un collega."
    )
    trace.record(
        f"award:{pid}:maggiorazione_art69",
        found.m,
        "quota del valore medio × valore medio pro capite dei premi attribuiti nell'ente, la stessa per ciascun "
        "beneficiario: i primi per punteggio entro la quota della graduatoria",
        source,
        [
            Input("quota del valore medio (CCDI)", found.share),
            *(mean if shown else []),
            Input("maggiorazione", fmt.Money(found.m), ref=f"{KEY}:maggiorazione"),
            Input("graduatoria", ranking_words(ranking.id), ref=f"{KEY}:quota:{ranking.id}"),
            Input("posizione tra i beneficiari", position),
            Input("punteggio", points(scores[pid].score), ref=f"score:{pid}"),
        ],
        label=f"Maggiorazione del premio individuale di {person.name} ({article})",
        note=withheld,
    )
