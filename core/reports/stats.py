"""Descriptive statistics for the reports, read from a :class:`core.result.Result`.

These are counts, means and spreads of figures the cycle already computed (scores, levels,
amounts); no regulation figure is computed here. Order is always stable (file order, or sorted
with an explicit tie-break), so reports built from them are byte-identical across runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

import attrs

from ciclope.core.ledger import INSTALMENT_WORDS, RECOVERY, instalment_kind
from ciclope.core.money import INCENTIVE, PERFORMANCE, POSITION, SHARE
from ciclope.core.outcomes import Award, Score
from ciclope.core.reports import fmt
from ciclope.core.result import Result, award_figure

# An evaluator is flagged when at least MIN_FLAGGED people were evaluated and either every
# evaluation is the same or at least NEAR_ALL of them sit at the top level (art. 9 c.1 lett. d
# D.Lgs. 150/2009: "capacità di valutazione dei propri collaboratori, dimostrata tramite una
# significativa differenziazione dei giudizi"; 000… art. 42, 46; 003… art. 11).
MIN_FLAGGED = 3
NEAR_ALL = Decimal("0.8")
# Without levels, "top" means a score of at least TOP_SCORE out of 100.
TOP_SCORE = Decimal(90)
BIN = 10  # width of the score histogram's classes


# the group of dirigenti and PO / EQ (rules/core.md §6), by the key the transparency tables give it, and its roles
LEAD = "dirigenti e PO"
LEAD_ROLES = frozenset(("dirigente", "segretario", "po"))
RESULT_PAY = "retribuzione di risultato"


def destined(fund: str, groups: Mapping[str, str]) -> str:
    """The group a plugin destines ``fund`` to (``FUND_GROUPS``: a name, or a prefix ending in ':'), or ""."""
    prefix, colon, _ = fund.partition(":")
    return groups.get(fund) or (groups.get(f"{prefix}:", "") if colon else "")


def _named_result(result: Result, award: Award) -> bool:
    """Whether the plugin names the award's one part the retribuzione di risultato (``ciclope_award_parts``): a
    declared regulation's [risultato_po] pays from a fund the ente names, which ``FUND_GROUPS`` cannot know."""
    parts = result.rewards.parts.get(award.pool, {}).get(award.person, ()) if result.rewards is not None else ()
    return [name for name, _ in parts] == [RESULT_PAY]


def award_what(result: Result, award: Award) -> str:
    """What an award pays, in words: a premium, the position pay of the post ``ref``, or the result pay; an award of
    a post whose holder is someone else pays for covering it (an interim). An award of no post from a fund the plugin
    destines to the dirigenti and PO (``FUND_GROUPS``), paid to one of them, is their retribuzione di risultato
    (rules/core.md §6), not a premium of the staff. An award from a fund of compensi that are no performance premium
    (an incentive a law destines: art. 208 CdS, funzioni tecniche) is a compenso, never called a premium."""
    if award.ref is None:
        if result.ledger.kind_of(award) == INCENTIVE:
            return "compenso"
        person = result.ente.people.get(award.person)
        lead = person is not None and person.role in LEAD_ROLES
        return (
            RESULT_PAY
            if lead and (destined(award.pool, result.plugin.fund_groups) == LEAD or _named_result(result, award))
            else "premio"
        )
    if result.ledger.kind_of(award) == POSITION:
        # what is due in the year, not the annual figure
        return f"retribuzione di posizione dell'anno ({post_said(result, award.ref)})"
    if covered(result, award):
        return f"interim della posizione «{post_said(result, award.ref)}», nella retribuzione di risultato"
    return f"retribuzione di risultato ({award.ref})"


def post_said(result: Result, ref: str) -> str:
    """A post of responsibility by its name as the office writes it («Direzione Settore Affari generali»), its code
    where the data give no name."""
    post = result.positions.positions.get(ref) if result.positions is not None else None
    return post.title if post is not None and post.title else ref


def covered(result: Result, award: Award) -> bool:
    """Whether an award about a post (``ref``) pays someone other than its holder: the interim of a vacant post."""
    post = result.positions.positions.get(award.ref) if result.positions is not None and award.ref else None
    return post is not None and post.holder != award.person


def position_columns(result: Result) -> tuple[bool, bool]:
    """Which of the positions' optional columns the workbook and the Relazione show: the instalments where some post
    is paid in more than one, the result maximum where some post has one (a result pay by a formula has none); never
    a column of «1» or of empty cells."""
    posts = result.positions.positions.values() if result.positions is not None else ()
    split = any(pos.paid and pos.paid_instalments > 1 for pos in posts)
    return split, any(pos.result_max is not None for pos in posts)


def r4(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def r2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def mean(values: Iterable[Decimal]) -> Decimal | None:
    vs = list(values)
    return sum(vs, Decimal(0)) / len(vs) if vs else None


def stdev(values: Iterable[Decimal]) -> Decimal | None:
    """Population standard deviation (the spread of the scores actually given)."""
    vs = list(values)
    if not vs:
        return None
    m = sum(vs, Decimal(0)) / len(vs)
    return (sum(((v - m) ** 2 for v in vs), Decimal(0)) / len(vs)).sqrt()


def class_of(result: Result, person_id: str) -> str:
    """The level of a person, or (without a level) the Italian label of the status."""
    statuses = result.rewards.statuses if result.rewards is not None else {}
    labels = _class_labels(result)
    return level_or_status(result.scores.get(person_id), statuses.get(person_id), labels)


UNLEVELLED = "valutato, senza livello"


def _class_labels(result: Result) -> Mapping[str, str]:
    """The status labels a class is said with: where the ente's people have levels, an evaluated person with none
    (below every threshold) is «valutato, senza livello», never a plain «valutato» beside the levels' names."""
    labels = result.plugin.status_labels
    if not level_order(result):
        return labels
    return {**labels, "evaluated": UNLEVELLED}


@attrs.frozen
class PeopleScores:
    """Each person's score facts as columns in people.csv order: the score (None for who has none) and the class
    (:func:`class_of`: the level, or without one the Italian label of the status).

    Made once per Result and read by every output that groups people by class: the Relazione counts them
    (:func:`distribution`), trasparenza.csv, premi-art20.csv and the public Relazione group them with their pay
    (``transparency.roster``). Each output made them in its own pass over the people before, reading each
    person's Score and status again."""

    values: list[Decimal | None]
    classes: list[str]


def people_scores(result: Result) -> PeopleScores:
    return result.memo("stats.people_scores", lambda: _people_scores(result))


def _people_scores(result: Result) -> PeopleScores:
    """Each person's class (level, else status label) and score, in people.csv order."""
    statuses = result.rewards.statuses if result.rewards is not None else {}
    labels = _class_labels(result)
    classes: list[str] = []
    values: list[Decimal | None] = []
    for pid in result.ente.ids():
        s = result.scores.get(pid)
        if s is None:
            classes.append(level_or_status(None, statuses.get(pid), labels))
            values.append(None)
        else:
            classes.append(s.level or level_or_status(s, statuses.get(pid), labels))
            values.append(s.score)
    return PeopleScores(values=values, classes=classes)


def evaluation_classes(result: Result) -> list[str]:
    """Each person's class in the published tables (rules/core.md §6), in people.csv order: as :func:`people_scores`,
    but a status that says a fact of the person's life (``PluginInfo.private_statuses``: absences, a sanction) is
    never a class: the person is counted at the level of their evaluation, else under its own outcome («valutato»),
    or, without a score, among the not evaluated; in a small office the exclusion's name would name a colleague."""
    statuses = result.rewards.statuses if result.rewards is not None else {}
    private = result.plugin.private_statuses
    if not private.intersection(statuses.values()):
        return people_scores(result).classes
    labels = _class_labels(result)
    out: list[str] = []
    for pid in result.ente.ids():
        s, given = result.scores.get(pid), statuses.get(pid)
        if given in private:  # the evaluation's own outcome, or none: «non valutato»
            given = None if s is not None and s.score is not None else "not_evaluated"
        out.append(level_or_status(s, given, labels))
    return out


def level_or_status(score: Score | None, status: str | None, labels: Mapping[str, str]) -> str:
    """:func:`class_of` from what it reads: the person's score (or None) and the status the regulation gave them
    (None for none: then the score's, as ``Result.status_of``), for a pass that has both in hand."""
    if score is not None and score.level:
        return score.level
    if status is None:
        status = score.status if score is not None else None
    return fmt.status(status or "not_evaluated", labels)


def level_order(result: Result) -> list[str]:
    """The levels in use, lowest first (ordered by the lowest score seen at each level); made once per
    Result (the Relazione, the workbook and trasparenza.csv all ask)."""
    return list(result.memo("stats.level_order", lambda: _level_order(result)))


def _level_order(result: Result) -> list[str]:
    lows: dict[str, Decimal] = {}
    # the distinct (level, score) pairs gathered in C, a few hundred for thousands of people: a Python step per
    # distinct pair instead of one per person (the sort below does not depend on the pairs' order)
    for level, score in set(map(attrgetter("level", "score"), result.scores.values())):
        if level and score is not None:
            low = lows.get(level)
            if low is None or score < low:
                lows[level] = score
    return sorted(lows, key=lambda lv: (lows[lv], lv))


def top_level(result: Result) -> str | None:
    order = level_order(result)
    return order[-1] if order else None


def level_scales(result: Result) -> tuple[tuple[str, ...], ...]:
    """The scales of levels the ente's people are on, each from the highest, in the plugin's order
    (``PluginInfo.level_scales``, hook ``ciclope_level_scales``), where they are more than one: a role with a scale
    of its own. Empty on one scale, or where the plugin names none: then one order, read from the scores
    (:func:`level_order`)."""
    return result.memo("stats.level_scales", lambda: _level_scales(result))


def _level_scales(result: Result) -> tuple[tuple[str, ...], ...]:
    return scales_among(result.plugin.level_scales, {p.role for p in result.ente.people.values()})


def scales_among(named: Mapping[str, tuple[str, ...]], roles: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """:func:`level_scales` from what it reads: each role's scale from the highest (``PluginInfo.level_scales``) and
    the roles of the people, for an output that has no Result in hand (a comparison's rows, the store's)."""
    if not named:
        return ()
    present = frozenset(roles)
    scales = tuple(dict.fromkeys(levels for role, levels in named.items() if role in present and levels))
    return scales if len(scales) > 1 else ()


def own_tops(named: Mapping[str, tuple[str, ...]], roles: Iterable[str]) -> dict[str, str]:
    """Each role's highest level, where the people (of ``roles``) are on several scales (:func:`scales_among`): the
    level a person counts at the top by; empty on one scale, where the top is the one highest level in use."""
    present = frozenset(roles)
    if not scales_among(named, present):
        return {}
    return {role: levels[0] for role, levels in named.items() if levels and role in present}


def level_runs(result: Result) -> tuple[tuple[str, ...], ...]:
    """The levels in use as runs that rank among themselves, each lowest first: on one scale the one order read
    from the scores (:func:`level_order`); on several (:func:`level_scales`) each scale as declared, in the plugin's
    order, then the levels of no scale by their scores. Two levels of different runs have no order between them:
    the distribution lists the runs one after the other, trasparenza.csv merges a small level only within its run."""
    return result.memo("stats.level_runs", lambda: _level_runs(result))


def _level_runs(result: Result) -> tuple[tuple[str, ...], ...]:
    order, scales = level_order(result), level_scales(result)
    if not scales:
        return (tuple(order),) if order else ()
    # a level is counted by its name: one a later scale repeats (a role's scale that adds a level below the common
    # ones) is in the first scale's run alone, never listed twice with the same people
    runs, seen = [], set[str]()
    for scale in scales:
        own = tuple(lv for lv in scale if lv not in seen)
        seen.update(own)
        if own:
            runs.append(tuple(reversed(own)))
    rest = tuple(lv for lv in order if lv not in seen)  # a level of no named scale, by its scores
    return tuple(runs) + ((rest,) if rest else ())


def own_scale(result: Result) -> Decimal | None:
    """The scale of the regulation's own points where the scores have one (a declared regulation's [punteggio] su:
    its levels and thresholds are written in them, a person reads them beside a level); None where scores are on
    100."""
    return result.memo("stats.own_scale", lambda: _own_scale(result))


def _own_scale(result: Result) -> Decimal | None:
    return next((s.scale for s in result.scores.values() if s.scale is not None and s.points is not None), None)


def levels_as_bands(result: Result) -> bool:
    """Whether the bands of the premiums are the people's levels (a regulation that declares levels, not merit
    bands, records each person's level as their band): the tables then say «livello», the regulation's word."""
    return result.memo("stats.levels_as_bands", lambda: _levels_as_bands(result))


def _levels_as_bands(result: Result) -> bool:
    found = {b.band for b in bands(result) if b.band}
    return bool(found) and found <= set(level_order(result))


def band_word(result: Result) -> str:
    """The word of the premiums' bands, as the regulation says it: «livello» for its levels, else «fascia»."""
    return "livello" if levels_as_bands(result) else "fascia"


def band_words(result: Result) -> Callable[[str | None], str | None]:
    """A band as people read it: a regulation without merit bands records each person's level as their band, and
    such a band (a level in use, :func:`level_order`) reads by the label the ente's regulation gives the level, as
    the level itself does; a merit band by its name."""
    labels = result.plugin.ente_labels
    levels = frozenset(level_order(result)) if labels else frozenset()

    def said(band: str | None) -> str | None:
        return fmt.level(band, labels) if band in levels else band

    return said


def distribution(result: Result) -> list[tuple[str, int]]:
    """(level or status, head count) over everybody in people.csv: levels highest first, as a regulation lists its
    bands (on several scales, scale by scale, each highest first: :func:`level_scales`), then statuses (made once
    per Result: the Relazione shows it twice)."""
    return list(result.memo("stats.distribution", lambda: _distribution(result)))


def _distribution(result: Result) -> list[tuple[str, int]]:
    classes = people_scores(result).classes
    evaluated = {UNLEVELLED, fmt.status("evaluated", result.plugin.status_labels)}
    # an evaluated person without a level whom an exclusion of some parts left out of them: that exclusion, as the
    # workbook's «Esito» of those parts says it, not «senza livello» (the Relazione is the office's: no public count)
    said = [
        (part_excluded(result, pid) or c) if c in evaluated else c
        for pid, c in zip(result.ente.ids(), classes, strict=True)
    ]
    counts = Counter(said)  # class_of of everyone, counted in C
    # on several scales each ranks its own levels, as declared: the scores cannot (one's lowest can top another's)
    levels = [lv for run in level_runs(result) for lv in reversed(run) if lv in counts]  # as offices list them
    others = sorted(k for k in counts if k not in levels)
    labels = result.plugin.ente_labels  # a level by the name the ente's regulation gives it to people
    return [(fmt.level(k, labels) or k, counts[k]) for k in levels] + [(k, counts[k]) for k in others]


def excluded_from(result: Result, pid: str) -> tuple[str, ...]:
    """The parts an exclusion of some parts alone left the person out of (``[[esclusioni]] parti``), in the order
    they are paid: those whose own figure (an input «… «part»» of the award's) reads the person's exclusion
    (``score:<person>:status``, an «escluso…» outcome); none where no exclusion of theirs is limited to parts."""
    status = result.figures.get(f"score:{pid}:status")
    if status is None or not status.formula.startswith("escluso") or result.rewards is None:
        return ()
    out: list[str] = []
    for pool, by in result.rewards.parts.items():
        figure = award_figure(result, pid, pool, None, True)
        for name, _ in by.get(pid, ()):
            own = [
                result.figures[i.ref]
                for i in (figure.inputs if figure else ())
                if i.ref in result.figures and i.name.endswith(f"«{name}»")
            ]
            if own and any(i.ref == status.key and i.value == status.value for i in own[0].inputs):
                out.append(name)
    return tuple(dict.fromkeys(out))


def part_excluded(result: Result, pid: str, outcome: str | None = None) -> str | None:
    """«valutato; escluso dalla parte «qualità» per punteggio sotto il minimo»: the outcome of an evaluated person
    (or the person's ``outcome`` in words, «senza valutazione individuale») whom an exclusion left out of some parts
    (:func:`excluded_from`), in the words of the exclusion's status; None where none did."""
    parts = excluded_from(result, pid)
    if not parts:
        return None
    labels = result.plugin.status_labels
    status = result.figures[f"score:{pid}:status"]
    quoted = [f"«{p}»" for p in parts]
    named = " e ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
    whence = f"dalla parte {named}" if len(parts) == 1 else f"dalle parti {named}"
    label = fmt.status(str(status.value), labels)
    rest = label.removeprefix("escluso ")
    words = f"escluso {whence} {rest}" if rest != label else f"{label}, {whence}"
    return f"{outcome or fmt.status('evaluated', labels)}; {words}"


# said in place of the scores' chart and table where nobody has an individual score (never a table of ten zeros)
NOT_FORESEEN = "Il premio non prevede una valutazione individuale: nessuna persona ha un punteggio."
NONE_SCORED = "Nessuna persona ha un punteggio individuale."


def unscored(result: Result) -> str:
    """Where nobody has an individual score, the sentence that says so: that the premium foresees no evaluation,
    where the regulation evaluates nobody (every ``Score.foreseen`` False), else only that nobody is scored (the
    cards due are missing: the Relazione's violations say which); "" where someone has a score."""
    scores = result.scores.values()
    if any(s.score is not None for s in scores):
        return ""
    return NOT_FORESEEN if scores and not any(s.foreseen for s in scores) else NONE_SCORED


def histogram(result: Result) -> list[tuple[str, int]]:
    """Head count of scores by class of 10 points: 0–9,99 … 90–100 (made once per Result: the
    Relazione shows it twice)."""
    return list(result.memo("stats.histogram", lambda: _histogram(result)))


def _histogram(result: Result) -> list[tuple[str, int]]:
    bins = [0] * (100 // BIN)
    # each distinct score once, with how many have it (counted in C: scores of two decimals repeat, and int() of a
    # Decimal for each of 30,000 people was most of the Relazione's histogram;)
    for score, count in Counter(map(attrgetter("score"), result.scores.values())).items():
        if score is None:
            continue
        # int(score) // BIN is Decimal's // (which truncates) for a score ≥ 0; a negative score's class is
        # below 0 either way, and taken as 0
        i = min(int(score) // BIN, len(bins) - 1)
        bins[max(i, 0)] += count
    return [(f"{i * BIN}–{i * BIN + BIN}", n) for i, n in enumerate(bins)]


@attrs.frozen
class EvaluatorStat:
    id: str
    name: str
    count: int
    mean: Decimal | None
    spread: Decimal | None
    distinct: int
    top_share: Decimal | None
    flags: tuple[str, ...]

    @property
    def verdict(self) -> tuple[tuple[str, str], ...]:
        """What the documents say of the evaluator's judgements, each with its kind (``warn``, ``info``, ``ok``):
        the flags, else «poche valutazioni» under the count that flags, else «differenziato» — the same words in
        the Relazione and in the workbook."""
        if self.flags:
            return tuple((f, "warn") for f in self.flags)
        if self.count < MIN_FLAGGED:
            return (("poche valutazioni", "info"),)
        return (("differenziato", "ok"),)


def evaluation_value(result: Result, person_id: str, evaluator: str | None = None) -> Decimal | None:
    """The evaluator's judgement of a person: the card score if recorded, else the individual score; of a person
    evaluated by several evaluators in the year, the score of the card ``evaluator`` wrote (their own judgement,
    never the mean with a colleague's)."""
    own = result.figures.get(f"card:{person_id}:{evaluator}") if evaluator else None
    if own is not None and isinstance(own.value, Decimal):
        return own.value
    card = result.figures.get(f"card:{person_id}")
    if card is not None and isinstance(card.value, Decimal):
        return card.value
    s = result.scores.get(person_id)
    return None if s is None else s.score


def evaluators(result: Result) -> tuple[list[EvaluatorStat], str]:
    """Differentiation of each evaluator's judgements, and the label of the "top" column (made once per
    Result: the Relazione and the workbook both show it)."""
    stats, label = result.memo("stats.evaluators", lambda: _evaluators(result))
    return list(stats), label


def _evaluators(result: Result) -> tuple[tuple[EvaluatorStat, ...], str]:
    ente = result.ente
    everyone = ente.people
    evaluated: dict[str, dict[str, None]] = {}  # evaluator → the people evaluated, in order (a set)
    # a card's items repeat its (person, evaluator): each pair once, in order (made in C)
    for pid, who in dict.fromkeys(map(attrgetter("person", "evaluator"), ente.evaluations)):
        if not who:  # the item's evaluator, else the person's
            person = everyone.get(pid)
            who = person.evaluator if person else None
            if not who:
                continue
        theirs = evaluated.get(who)
        if theirs is None:
            theirs = evaluated[who] = {}
        theirs[pid] = None
    at_top_of, label = _top(result)
    by_level = not label.startswith("quota con punteggio")

    def leveled(pid: str) -> bool:
        s = result.scores.get(pid)
        return s is not None and s.level is not None

    out = []
    for who in sorted(evaluated):
        judged = {p: v for p in evaluated[who] if (v := evaluation_value(result, p, who)) is not None}
        people, values = list(judged), list(judged.values())
        n = len(values)
        at_top = sum(1 for p in people if at_top_of(p))
        # the share on the people with a level (where the regulation has levels), as `ciclope compare` counts it
        counted = sum(1 for p in people if leveled(p)) if by_level else n
        share = (Decimal(at_top) / counted) if counted else None
        distinct = len(set(values))
        flags = []
        if n >= MIN_FLAGGED and distinct == 1:
            flags.append("valutazioni tutte uguali")
        if n >= MIN_FLAGGED and share is not None and share >= NEAR_ALL:
            flags.append("quasi tutte al livello più alto" if share < 1 else "tutte al livello più alto")
        person = ente.people.get(who)
        out.append(
            EvaluatorStat(
                id=who,
                name=person.name if person else ente.evaluators.get(who, ""),  # or an external one of ente.toml
                count=n,
                mean=r2(mean(values)) if n else None,  # type: ignore[arg-type]
                spread=r2(stdev(values)) if n else None,  # type: ignore[arg-type]
                distinct=distinct,
                top_share=r4(share) if share is not None else None,
                flags=tuple(flags),
            )
        )
    return tuple(out), label


ON_LEVELED = "sulle persone con un livello"  # the share's denominator, said where it is a level's


def _top(result: Result) -> tuple[Callable[[str], bool], str]:
    """Whether a person counts at the top, and the words of the column that counts them: the highest level of the
    person's own scale where the ente's people are on several (:func:`level_scales`), else the highest level in
    use, else (without levels) a score of at least TOP_SCORE."""
    scores = result.scores
    people = result.ente.people
    tops = own_tops(result.plugin.level_scales, (p.role for p in people.values()))
    if tops:

        def own_top(pid: str) -> bool:
            s, p = scores.get(pid), people.get(pid)
            return s is not None and p is not None and s.level is not None and s.level == tops.get(p.role)

        return own_top, f"quota al livello più alto della propria scala {ON_LEVELED}"
    top = top_level(result)
    if top:
        # the level by the label the ente's regulation gives it, as the distribution beside it names it
        named = fmt.level(top, result.plugin.ente_labels)
        return (
            lambda pid: (s := scores.get(pid)) is not None and s.level == top,
            f"quota al livello più alto ({named}) {ON_LEVELED}",
        )
    return lambda pid: (scores[pid].score or 0) >= TOP_SCORE, f"quota con punteggio ≥ {TOP_SCORE}"


@attrs.frozen
class BandStat:
    pool: str
    band: str
    count: int  # everyone with an amount in the pool and band, 0 included
    total: Decimal
    mean: Decimal | None  # over the people paid (None: nobody was)
    low: Decimal | None  # the lowest amount paid
    high: Decimal | None
    unpaid: int = 0  # of ``count``, those paid nothing (an excluded, one under a threshold): not in the mean


def _band_stat(pool: str, band: str, amounts: list[Decimal]) -> BandStat:
    paid = [x for x in amounts if x > 0]
    total = sum(paid, Decimal(0))
    return BandStat(
        pool=pool,
        band=band,
        count=len(amounts),
        total=total,
        mean=r2(total / len(paid)) if paid else None,
        low=min(paid, default=None),
        high=max(paid, default=None),
        unpaid=len(amounts) - len(paid),
    )


def bands(result: Result) -> list[BandStat]:
    """Performance awards (result pay of PO included, position pay not: rules/core.md §6) grouped by
    pool and band, in each pool the band best evaluated first: head count (everyone with an amount there, 0
    included) and how many were paid nothing, total, and the mean, lowest and highest amount of those paid, as the
    published tables count them (made once per Result: the Relazione and the workbook both show them)."""
    return list(result.memo("stats.bands", lambda: _bands(result)))


def _bands(result: Result) -> tuple[BandStat, ...]:
    if result.rewards is None and result.positions is None:
        return ()
    ledger = result.ledger
    # a person counts once in a pool and band: their awards there summed (a result pay and an interim it pays)
    paid: dict[tuple[str, str], dict[str, Decimal]] = {}
    for a in ledger.awards:
        if ledger.kind_of(a) == PERFORMANCE:
            people = paid.setdefault((a.pool, a.band or ""), {})
            people[a.person] = people.get(a.person, Decimal(0)) + a.amount
    groups = {key: list(people.values()) for key, people in paid.items()}
    marks = {  # the scores of each band's people: the best band first
        key: [Decimal(-1) if (s := result.scores.get(pid)) is None or s.score is None else s.score for pid in people]
        for key, people in paid.items()
    }
    pool_order = {name: i for i, name in enumerate(ledger.pools)}
    best = {key: sum(v, Decimal(0)) / len(v) for key, v in marks.items()}
    stats = [_band_stat(p, b, v) for (p, b), v in groups.items()]
    # within a pool, the bands best evaluated first, as trasparenza.csv lists them: a lower band can be paid more
    # per head (a category's coefficient, full time), and the table follows the scale, not the money
    return tuple(
        sorted(stats, key=lambda s: (pool_order.get(s.pool, len(pool_order)), s.pool, -best[s.pool, s.band], s.band))
    )


@attrs.frozen
class InstalmentStat:
    """One instalment of a premium paid in instalments, over everyone it pays: the pool, the premium (or its
    part), the month, the period it refers to, its share (None for an advance or the balance), how many people it
    pays and the total; ``kind`` what it is («rata», «acconto», «conguaglio»; the balances below zero apart, as
    «recupero»)."""

    pool: str
    what: str
    year: int
    month: int
    period: str
    share: Decimal | None
    count: int
    total: Decimal
    kind: str = INSTALMENT_WORDS[SHARE]


_KIND_ORDER = (*INSTALMENT_WORDS.values(), RECOVERY)


def instalments(result: Result) -> list[InstalmentStat]:
    """The instalments of the ledger grouped by pool, premium and instalment, in the order they were paid, a
    balance's recoveries after its payments; for each premium the totals of its instalments sum to what it paid
    those people."""
    groups: dict[tuple[str, str, int, int, str, Decimal | None, str], list[Decimal]] = {}
    for i in result.ledger.instalments:
        groups.setdefault((i.pool, i.what, i.year, i.month, i.period, i.share, instalment_kind(i)), []).append(i.amount)
    first: dict[tuple[object, ...], int] = {}
    for k in groups:
        first.setdefault(k[:6], len(first))
    ordered = sorted(groups.items(), key=lambda kv: (first[kv[0][:6]], _KIND_ORDER.index(kv[0][6])))
    return [
        InstalmentStat(pool, what, year, month, period, share, len(amounts), sum(amounts, Decimal(0)), kind)
        for (pool, what, year, month, period, share, kind), amounts in ordered
    ]


def head_organizational(r: Result, pid: str) -> Decimal | None:
    """A scheda d row's organizational performance: the person's own (a dirigente's, the Segretario's), else — a PO
    or EQ, whom the core does not score on the chart — the first unit they head, as the Relazione's intro says."""
    org = r.org
    assert org is not None
    own = org.people.get(pid)
    if own is not None:
        return own
    return next((v for u in r.ente.headed_by(pid) if (v := org.units.get(u.id)) is not None), None)
