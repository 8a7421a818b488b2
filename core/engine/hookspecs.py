"""Every ``ciclope_*`` hook, grouped by the phase of the cycle that calls it (SPEC §2–3).

Conventions (as pytest and tox): bodies are docstrings only; the core's defaults
(:mod:`core.engine.defaults`) implement every hook with ``trylast=True`` so the ente's plugin wins. A
*firstresult* hook stops at the first non-``None`` answer: return ``None`` to fall back to the
default. Other hooks collect the answers of every implementation (plugin and core).

Computing hooks receive ``trace`` (:class:`core.trace.Trace`): record each figure you compute with
its inputs, formula and source, and each regulation problem you find. Hook implementations may
accept any subset of the arguments (pluggy passes only the ones they name).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import pluggy

if TYPE_CHECKING:
    import random
    from collections.abc import Mapping, Sequence

    from ciclope.core import money
    from ciclope.core.hooktypes import CycleHooks, Measure, Part
    from ciclope.core.model import Ente, EvaluationItem, Indicator, Objective, Person, SynthData
    from ciclope.core.money import Pool
    from ciclope.core.outcomes import (
        Attestation,
        Deadline,
        InputSchema,
        OrgPerformance,
        OwnMaggiorazione,
        Positions,
        ReportSection,
        Rewards,
        Score,
    )
    from ciclope.core.params import Params, ParamSpec
    from ciclope.core.problems import Problem
    from ciclope.core.result import Result
    from ciclope.core.trace import Trace

__all__ = [  # what a plugin may ask through ``ciclope.core.hookspecs``: every hook
    "ciclope_params",
    "ciclope_check_params",
    "ciclope_input_schema",
    "ciclope_synth",
    "ciclope_template_rows",
    "ciclope_template_cells",
    "ciclope_check_amendments",
    "ciclope_amended_figures",
    "ciclope_comparto",
    "ciclope_labels",
    "ciclope_role_names",
    "ciclope_acts",
    "ciclope_assumptions",
    "ciclope_private_statuses",
    "ciclope_level_scales",
    "ciclope_validate",
    "ciclope_resources",
    "ciclope_fund",
    "ciclope_indicator_achievement",
    "ciclope_objective_achievement",
    "ciclope_organizational_performance",
    "ciclope_attestation",
    "ciclope_individual_score",
    "ciclope_cohort_scores",
    "ciclope_fund_pools",
    "ciclope_rewards",
    "ciclope_award_parts",
    "ciclope_pools_read_cards",
    "ciclope_parts_read_evaluation",
    "ciclope_individual_premium",
    "ciclope_own_maggiorazione",
    "ciclope_premium_rankings",
    "ciclope_position_pay",
    "ciclope_evaluator",
    "ciclope_grade_column",
    "ciclope_grade_word",
    "ciclope_card_items",
    "ciclope_calendar",
    "ciclope_approval_keys",
    "ciclope_regulation_text",
    "ciclope_report_sections",
]

hookspec = pluggy.HookspecMarker("ciclope")
F = TypeVar("F", bound=Callable[..., object])


def phase(name: str) -> Callable[[F], F]:
    """Marks a hookspec with the phase of the cycle, or the command, that calls it: the hook reference's
    table reads it, so a hook's phase is written once, on its spec."""

    def mark(spec: F) -> F:
        spec.__dict__["phase"] = name
        return spec

    return mark


# --- set-up: parameters and input schema ------------------------------------------------------


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_params(year: int) -> dict[str, ParamSpec] | None:
    """Return the plugin's parameter table.

    Called once per ente when the run plan is built, before any data is read, with the cycle
    ``year`` (so dated parameters give the value in force). The core merges the table with the ops
    overrides of ``[ente.parametri]``; an unknown or out-of-bounds override is a configuration error
    (exit code 2). A plugin does not implement it: it writes its parameters in ``params.toml`` beside
    its package, which the default reads (docs/plugin-guide.md, §5 and §6), and reads them from the
    ``params`` the other hooks receive. The table's entries are the core's own, not on the surface of
    ``ciclope.core``: the hook is for the core's convention and for a comparto layer, which wraps it
    (``wrapper=True``) to change the bounds of what the plugin's ``params.toml`` declares and returns the
    entries it received, changed with ``attrs.evolve``.
    Default: the ``params.toml`` beside the plugin's package (by convention), else none (``{}``).

    :param year: the cycle year: dated rules and parameters give what is in force in it.
    """


@phase("set-up")
@hookspec
def ciclope_check_params(params: Params, year: int) -> list[Problem] | None:
    """Return a list of :class:`core.problems.Problem` for parameter combinations the bounds cannot express.

    Called right after ``ciclope_params`` with the merged :class:`core.params.Params` and the cycle ``year``
    (e.g. the merit bands of the Comunità Montane must sum to 1, art. 17.2; a key of ``[ente.national]`` that
    the contract in force in the year does not have). Any error is a configuration error (exit code 2).
    Default: no problems.

    :param params: the merged parameters, ops overrides included; read-only.
    :param year: the cycle year: dated rules and parameters give what is in force in it.
    """


@phase("set-up")
@hookspec
def ciclope_input_schema(params: Params | None) -> InputSchema | None:
    """Return a :class:`core.outcomes.InputSchema`: the plugin's extra columns and own files.

    Called once per ente before loading. Columns of canonical files not in SPEC §5, not declared
    here and not prefixed ``x_`` are input errors. Default: nothing extra.

    :param params: the ente's parameters when its data are loaded (a run, a raccolta, a comparison): the columns
        its own configuration declares (a declared regulation's ``[[colonne]]``) may be added; ``None`` when the
        plugin's columns are asked for every ente (``ciclope template``, the headers of ``explain``).
    """


@phase("`ciclope synth` only")
@hookspec
def ciclope_synth(data: SynthData, rng: random.Random, year: int) -> None:
    """Add the plugin's own synthetic input to a generated ente (``ciclope synth``).

    Called once per synthetic ente after the core generated the canonical files. ``data`` is a
    mutable :class:`core.synth.SynthData` (``tables``: a table's code, ``people``, → its rows keyed by the
    columns' codes, as the plugin reads them; ``funds``, ``approvals``); ``rng`` is a seeded ``random.Random`` (use
    only it, so a seed gives the same enti); ``year`` the cycle year. Edit ``data`` in place and return ``None``.
    The core writes the files in the office's words: each table and column by its Italian name (the plugin's own
    by its :class:`InputSchema` ``titles`` and ``headers``), a closed list's value in its word, SI and NO, dates
    as GG/MM/AAAA.
    Default: nothing added (the core's canonical files, funds and approvals only).

    :param data: the synthetic ente being generated (:class:`core.model.SynthData`): edit it in place.
    :param rng: the seeded random generator; the only source of randomness to use, so a seed gives the same enti.
    :param year: the cycle year: dated rules and parameters give what is in force in it.
    """


@phase("`ciclope template` only")
@hookspec
def ciclope_template_rows(
    year: int, ente: Ente | None, fund: Mapping[str, Any] | None, scores: Mapping[str, Any] | None
) -> dict[str, list[dict[str, Any]]] | None:
    """Return the rows ``ciclope template`` writes in the plugin's own sheets: file name → rows (column → value).

    Called once by ``ciclope template`` with the cycle ``year``, for a sheet whose rows are a list the office
    completes rather than invents (the items of a fund under the contract in force in the year, each with its
    description): a row left as written must be read as "not given". With ``--from OUT/ENTE``, ``ente`` is the
    previous year's ente, ``fund`` the ``fondo`` section of its results.json (None without one) and ``scores`` its
    ``individual`` section: carry what goes on into the next year (a fund's base figures, the residual that
    returns to it, the year's individual scores that a later year averages). Answers of all
    implementations are merged, file by file. Default: none (the plugin's sheets are written with their header
    only, or with the previous year's rows).

    :param year: the cycle year of the template.
    :param ente: the previous year's ente with ``--from OUT/ENTE``, else ``None``; read-only.
    :param fund: the ``fondo`` section of the previous year's results.json, ``None`` without one; read-only.
    :param scores: the ``individual`` section of the previous year's results.json (person id → ``score``,
        ``level``, ``status``), ``None`` without ``--from``; read-only.
    """


@phase("`ciclope template` only")
@hookspec
def ciclope_template_cells(
    params: Params | None, ente: Ente, results: Mapping[str, Any]
) -> dict[str, dict[str, Any]] | None:
    """Return the cells of next year's people sheet that the year run decided: person id → column code → value.

    Called once by ``ciclope template --from OUT/ENTE`` with the run's parameters, its ente and its results.json, for
    a column the template would otherwise carry as it was although the year changed it (the year of the last
    progressione economica, for each person the run selected). Answers of all implementations are merged person by
    person; a person not carried into next year (who left) is left out. Default: none (the people's cells as the
    run read them).

    :param params: the run's resolved parameters (its regulation), ``None`` where they no longer resolve; read-only.
    :param ente: the run's ente, as its data read; read-only.
    :param results: the run's results.json; read-only.
    """


# --- a. pianificazione ------------------------------------------------------------------------


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_check_amendments(params: Params, where: str) -> list[Problem] | None:
    """Return the problems of ``params.amendments``: single figures changed inside a parameter's content.

    ``[ente.params]`` or a ``compare`` scenario's ``[params]`` may change one figure of what a parameter
    names, by a dotted key that starts with the parameter's name (``"regolamento.premio.massimo" = 1200``
    changes one number of the regulation file named by the parameter ``regolamento``). The core gathers
    them in ``params.amendments`` (parameter → dotted key inside it → value as written); called when the
    run plan or a scenario is built, only when there are amendments, to know whether they are valid: an unknown key, a wrong type or a value out of bounds is a configuration
    error naming ``where`` (the file that wrote it) and the whole key. Return a list (empty when all are
    valid) for every parameter the plugin knows how to amend; the plugin's computation then reads the
    amended figures. Default: each amendment is an error (the parameter has no figures to change).

    :param params: the ente's parameters, with ``params.amendments`` (parameter → dotted key → value as written); read-only.
    :param where: the file that wrote the amendments: every problem names it.
    """


@phase("`ciclope compare` only")
@hookspec(firstresult=True)
def ciclope_amended_figures(params: Params) -> dict[str, tuple[str, str]] | None:
    """Return each amendment of ``params.amendments`` as people read it: the whole dotted key
    (``regolamento.premi.presenza.quota_fondo``) → (the figure the parameter's own content holds, the amended one),
    both as written («0,3», «20%»: a number with the Italian decimal comma, a text as typed).

    ``ciclope compare`` lists them among what a scenario changes, old → new, beside the parameters it sets
    whole; called only with amendments the plugin accepted (:func:`ciclope_check_amendments`). Default: no
    figures (a plugin that amends nothing).

    :param params: the ente's parameters, with ``params.amendments``; read-only.
    """


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_comparto(params: Params) -> str | None:
    """Return the comparto of the ente with these parameters, for a plugin whose enti each name theirs.

    Called once per ente (the run plan, each cycle), only for a plugin that declares
    ``COMPARTO = COMPARTO_PER_ENTE``: the layers of the comparto
    returned run for this ente, the others do not (``None`` or ``""``: no layer). A plugin of a single
    comparto declares it as ``COMPARTO = "funzioni_locali"`` instead and never implements this hook.
    Default: none (no layer runs for the ente).

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec
def ciclope_labels(params: Params) -> dict[str, str] | None:
    """Return the Italian words of codes that this ente's parameters define (levels, statuses).

    Called once per ente at the start of its cycle, for a plugin whose words vary by ente (a regulation
    declared as data names its own levels and statuses): merged over the plugin's ``LABELS`` and ``STATUS_LABELS`` in the ente's result, so the
    Relazione, the schede, the workbooks and ``explain`` use them. Answers of all implementations are
    merged. Default: none.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_role_names(params: Params) -> dict[str, tuple[str, str]] | None:
    """Return the names this ente's regulation gives its roles, where its text names them otherwise than the
    contract (a university's «responsabile di struttura» of grade EP for the role ``po``).

    Called once per ente at the start of its cycle, for a plugin whose regulation is declared per ente. Keys are the
    roles of :class:`core.model.Person` (``dipendente``, ``po``, ``dirigente``, ``segretario``); each value is the
    name of one person of the role, as a person's role is said («Responsabile di struttura»), and the role's people
    as a group, with its article («i responsabili di struttura»). Every document names the role so, over the words
    of the ente's contract (:attr:`core.plugininfo.PluginInfo.staff_words`): the workbook, the personal scheda,
    ``explain``, the Relazione's scheda d and units, the published groups of trasparenza.csv and premi-art20.csv
    («dirigenti e responsabili di struttura»). First non-None answer wins. Default: none (the contract's words).

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_acts(params: Params) -> list[str] | None:
    """Return the titles of the acts this ente's regulation is, when they vary by ente.

    Called once per ente at the start of its cycle, for a plugin whose regulation is declared per ente (a
    regulation written as data names its own act): the titles replace the plugin's ``REGULATIONS`` in the
    ente's result, so the Relazione, the calendar and the public documents cite the ente's own act.
    First non-None answer wins. Default: none (the plugin's ``REGULATIONS``).

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec
def ciclope_assumptions(
    params: Params,
) -> list[tuple[str, ...] | tuple[str, str, str, str, tuple[str, ...]]] | None:
    """Return the readings of this ente's regulation that are the office's own, not the text's, when they vary by
    ente.

    Called once per ente at the start of its cycle, for a plugin whose regulation is declared per ente: where the
    published text is silent or unclear (a threshold it leaves out), the office writes the value it chose and says
    it is a reading. Each answer is a list of ``(what, reading, source)``: the rule in words («esclusione
    «punteggio minimo»»), the reading as the office wrote it, and where it is cited, as the figures of its rule cite
    it (the act and the article, «SMVP, art. 6»: the explanations say it with those figures; "" for the act alone);
    or of ``(what, reading, source, status)`` where the rule gives a person a status (an exclusion's,
    ``Rewards.statuses``): the explanations then say the reading only with the figures of a person of that status,
    never with every figure that cites the same article; or of ``(what, reading, source, status, figures)`` where
    ``figures`` are the beginnings of the keys of the figures the reading's rule records (``("premio:a:",)``; a
    ``*`` stands for one segment between colons, the others written whole: ``"award:*:risultato"`` is every amount of
    the fund «risultato»): the
    explanations say the reading only with those and with the figures that read one of them (a premium that reads a
    person's reduction), never with a figure of another rule citing the same article, and
    never with any figure where ``figures`` is ``()`` (a rule that records none, as an act of the calendar: the
    Relazione says it with the calendar). The Relazione (internal and public) lists them among its assumptions, after
    those of the plugin's parameters. Answers of all implementations are joined. Default: none.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec
def ciclope_private_statuses(params: Params) -> list[str] | None:
    """Return the statuses of this ente's regulation that say a fact of a person's own life rather than an outcome
    of their evaluation: an exclusion from pay for absences, a disciplinary sanction, an insufficient rendimento, a
    condition of the office's own.

    Called once per ente at the start of its cycle. Published tables (trasparenza.csv, premi-art20.csv, the public
    Relazione, the portal) never name such a status: in an office of eleven people «escluso per sanzione
    disciplinare: 1» names a colleague. A person evaluated and then excluded is counted at the level of their
    evaluation, else among the evaluated, and among the people not paid (rules/core.md §6); one without a score
    among the not evaluated. The internal Relazione, the workbook and the personal scheda still say the status.
    Codes are those of :attr:`core.outcomes.Rewards.statuses`. Answers of all implementations are joined.
    Default: none.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_level_scales(params: Params) -> dict[str, list[str]] | None:
    """Return each role's scale of levels, from the highest, when this ente's regulation may give a role its own.

    Called once per ente at the start of its cycle, for a plugin whose scales vary by ente or by role (a
    regulation declared as data: a common scale, and a scale of its own for the dirigenti). Keys are the roles of
    :class:`core.model.Person` (``dipendente``, ``po``, ``dirigente``, ``segretario``); each list names the
    levels of that role's scale from the highest, as the regulation declares them; the scales are read in the
    order of the answer (a scale shared by several roles where its first role stands). Where the ente's people are
    on more than one scale, the Relazione and the workbook count each person at the top of their own scale and list
    the levels scale by scale; trasparenza.csv and the public Relazione list each group's levels
    scale by scale and merge a small level only within its scale; ``ciclope compare`` and the store's benchmark
    count each person at the top of their own scale (the benchmark reads the answer again from the ente's stored
    results.json). On one scale (or without an answer) they read the order of the levels from the scores, as for
    every plugin. First non-None answer wins. Default: none.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_grade_column(params: Params) -> str | None:
    """Return the column of people.csv that holds each person's grade, when this ente's regulation classifies its
    staff by grades of its own rather than by the categories of people.csv.

    Called once per ente at the start of its cycle, for a plugin whose regulation may name its own grades (a
    regulation declared as data, with ``[gradi]``: B, BS, DS… of the comparto Sanità): the answer is the code of a
    column the plugin declares in its :class:`core.outcomes.InputSchema` (``person.extra``); the workbook's sheet of
    the individual evaluations then shows each person's grade, as written there, under «Grado» instead of the
    category. First non-None answer wins. Default: none (the category).

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("set-up")
@hookspec(firstresult=True)
def ciclope_grade_word(params: Params) -> str | None:
    """Return the word the ente's contract gives one of its grades, as a person reads it before the grade
    («categoria» for «categoria BS», «livello», «area»), where ``ciclope_grade_column`` names the column of the
    grades.

    Called once per ente at the start of its cycle, for a plugin whose regulation names its own grades and the word
    for them (a regulation declared as data: ``[gradi] parola``). The personal scheda, ``ciclope explain`` and the
    workbook's column then say that word instead of «grado». First non-None answer wins. Default: none («grado»).

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("a. pianificazione")
@hookspec
def ciclope_validate(ente: Ente, params: Params, trace: Trace) -> list[Problem] | None:
    """Return a list of :class:`core.problems.Problem`: input and regulation checks (phase a).

    Called once per ente after loading, with the :class:`core.model.Ente` and its
    :class:`core.params.Params`. Every implementation's answer is kept (the core's structural
    checks included) and all are reported at once. Errors do not stop the cycle: money the rules
    say must not be paid is withheld by the hook that computes it. Default: the core's checks
    (self-evaluation, repeated card items, mixed card weights).

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param trace: where to report a problem met while checking (the answer is the list of problems).
    """


# --- b. risorse -------------------------------------------------------------------------------


@phase("b. risorse")
@hookspec(firstresult=True)
def ciclope_resources(ente: Ente, params: Params, trace: Trace) -> dict[str, Pool] | None:
    """Return the gross money pools: ``dict`` name → :class:`core.money.Pool` (phase b).

    Called once, before monitoring. Plugins quantify their variable resources here (Brescia
    004… §5). Default: one pool per ``[funds]`` entry of ``ente.toml``.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param trace: record each pool as ``pool:<name>`` with its inputs and source.
    """


@phase("b. risorse (asked first, before the checks of phase a)")
@hookspec(firstresult=True)
def ciclope_fund(ente: Ente, params: Params, trace: Trace) -> money.Fund | None:
    """Return the ente's :class:`core.fund.Fund` (``money.Fund``): its fondo risorse decentrate constituted, checked and destined.

    Called once per ente at the start of its cycle, before ``ciclope_validate``: the premium pools the fund
    destines (``Fund.pools``) become the ente's funds, as if typed in ``[funds]`` (a typed pool that disagrees is
    an error naming both figures, and the fund's figure is used), so the regulation's checks and phase b see
    them. Record every line in ``trace`` as ``fund:<key>`` and each pool the destination pays as
    ``fund:pool:<name>`` (the pool's own figure leads there); report each problem with ``trace.problem``.
    Return ``None`` when the ente gives no fund input. Default: ``None`` (the funds are those of ``[funds]``).

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param trace: record each line as ``fund:<key>``, each destined pool as ``fund:pool:<name>``; report problems here.
    """


# --- c. monitoraggio --------------------------------------------------------------------------


@phase("c. monitoraggio and d. valutazione")
@hookspec(firstresult=True)
def ciclope_indicator_achievement(
    indicator: Indicator, measured: Measure, target: Measure, trace: Trace, params: Params, key: str
) -> Decimal | None:
    """Return an indicator's achievement in [0, 1] (a ``Decimal``), or ``None`` to use the default.

    Called for every scored indicator at the final measurement (phase d, ``measured`` =
    ``actual``) and for every indicator with a mid-year target at 30/6 (phase c, ``measured`` =
    ``actual_mid``, ``target`` = ``target_mid``). The core rounds the answer to 4 decimals.
    Default: rules/core.md §1 by ``indicator.type``.

    :param indicator: the indicator (:class:`core.model.Indicator`); its ``type`` says how it is measured.
    :param measured: the value measured: ``actual`` at the final measurement, ``actual_mid`` at 30/6.
    :param target: the target the value is measured against: ``target``, or ``target_mid`` at 30/6.
    :param trace: record the figure ``key`` to explain the answer (else the core records its own); the core adds to
        it the target and the value measured with their cells, where it names neither, and its label, where it has
        none.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param key: the figure of this measurement: ``indicator:<id>`` at the final measurement, ``monitoring:<id>`` at
        30/6.
    """


# --- d. valutazione ---------------------------------------------------------------------------


@phase("d. valutazione")
@hookspec(firstresult=True)
def ciclope_objective_achievement(objective: Objective, parts: list[Part], trace: Trace) -> Decimal | None:
    """Return an objective's achievement from its ``parts``.

    Called in phase d for every objective with at least one scored part, children before parents.
    ``parts`` is a list of ``(key, achievement, weight)`` for its scored indicators and its
    scored child objectives (``weight`` may be ``None`` = equal weights). Return a ``Decimal``
    (rounded to 4 decimals by the core) or ``None`` to use the default weighted mean
    (rules/core.md §2).

    :param objective: the objective (:class:`core.model.Objective`).
    :param parts: its scored parts, each ``(key, achievement, weight or None)``; read-only.
    :param trace: record the figure ``objective:<id>`` to explain the answer (else the core records its own).
    """


@phase("d. valutazione")
@hookspec(firstresult=True)
def ciclope_organizational_performance(
    ente: Ente, params: Params, trace: Trace, hooks: CycleHooks
) -> OrgPerformance | None:
    """Return the :class:`core.outcomes.OrgPerformance` of the ente (phase d, first step).

    Called once per ente, after monitoring and the approved revisions.
    Indicators → objectives → strategic areas → ente, plus units (servizi/aree) and
    segretario/dirigenti. ``hooks`` (:class:`ciclope.core.CycleHooks`) lets an implementation still ask
    the indicator and objective hooks. Default: rules/core.md §2 (:mod:`core.engine.organizational`).

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param trace: where to record each figure computed, with its inputs, formula and source, and each problem found.
    :param hooks: ask the indicator and objective hooks through it (``indicator_achiever(params)``, ``objective_achiever()``).
    """


@phase("d. valutazione")
@hookspec(firstresult=True)
def ciclope_attestation(ente: Ente, org: OrgPerformance, params: Params, trace: Trace) -> Attestation | None:
    """Return the OIV's :class:`core.outcomes.Attestation` of the organizational performance.

    Called in phase d after ``ciclope_organizational_performance``. Default: attested = ``[approvals]
    oiv_attested`` when given, else the computed ente achievement with ``given`` False (the documents say «non
    attestata»); judgement = ``[approvals] oiv_judgement`` or empty.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only. ``ente.approvals`` has the OIV's acts.
    :param org: the organizational performance of phase d (:class:`core.outcomes.OrgPerformance`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param trace: record the attested figure as ``attested``.
    """


@phase("d. valutazione")
@hookspec(firstresult=True)
def ciclope_individual_score(
    person: Person,
    ente: Ente,
    org: OrgPerformance,
    params: Params,
    card: Sequence[EvaluationItem],
    trace: Trace,
    attestation: Attestation | None,
) -> Score | None:
    """Return the :class:`core.outcomes.Score` of one person (phase d, second step).

    Called for every row of ``people.csv`` in file order, after the OIV ``attestation`` (for a
    score that takes the ente's attested performance, e.g. a PO's organizational part); ``card``
    is the person's evaluation items after conciliation (rules/core.md §5), possibly empty: a read-only
    sequence (a tuple shared with the ente's cards, not a list of the hook's own; copy it to change it).
    Default: the card score of
    rules/core.md §3, no level; ``not_evaluated`` without a card.

    :param person: the person scored (:class:`core.model.Person`), a row of ``people.csv``.
    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param org: the organizational performance of phase d (:class:`core.outcomes.OrgPerformance`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param card: the person's evaluation items after conciliation, possibly empty; a read-only sequence shared with the ente's cards.
    :param trace: record the score as ``score:<person id>`` with the card's items as inputs.
    :param attestation: the OIV's attestation of the organizational performance (:class:`core.outcomes.Attestation`). ``None`` where none was made.
    """


@phase("d. valutazione")
@hookspec(firstresult=True)
def ciclope_cohort_scores(
    ente: Ente,
    scores: dict[str, Score],
    cards: Mapping[str, Sequence[EvaluationItem]],
    org: OrgPerformance,
    params: Params,
    trace: Trace,
) -> dict[str, Score] | None:
    """Return every person's :class:`core.outcomes.Score` revised once all are known, or ``None`` to keep them
    (phase d, third step).

    Called once per ente, after ``ciclope_individual_score`` has scored every person and before phase e.
    For a regulation that decides a level on the whole cohort: a threshold on the year's mean score, the level
    of the year's highest evaluation, a status given by comparing a person with the others.

    :param ente: the ente, as loaded.
    :param scores: person id → the Score ``ciclope_individual_score`` gave; read-only.
    :param cards: person id → the person's evaluation items after conciliation (rules/core.md §5); read-only.
    :param org: the organizational performance of phase d.
    :param params: the ente's parameters.
    :param trace: record each level or status decided here, with its inputs and source.

    Default: ``None`` (the scores stand).
    """


# --- e. premialità ----------------------------------------------------------------------------


@phase("e. premialità")
@hookspec(firstresult=True)
def ciclope_fund_pools(
    ente: Ente, params: Params, org: OrgPerformance, attestation: Attestation, resources: dict[str, Pool], trace: Trace
) -> dict[str, Pool] | None:
    """Return the pools to distribute (``dict`` name → Pool), after any OIV reduction.

    Called at the start of phase e with the gross ``resources`` of phase b. Default: the
    resources unchanged.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param org: the organizational performance of phase d (:class:`core.outcomes.OrgPerformance`); read-only.
    :param attestation: the OIV's attestation of the organizational performance (:class:`core.outcomes.Attestation`).
    :param resources: the gross pools of phase b (``ciclope_resources``), name → Pool; read-only.
    :param trace: record each reduction of a pool with its inputs and source.
    """


@phase("e. premialità")
@hookspec(firstresult=True)
def ciclope_rewards(
    ente: Ente,
    scores: dict[str, Score],
    pools: dict[str, Pool],
    params: Params,
    org: OrgPerformance,
    trace: Trace,
    hooks: CycleHooks,
    cards: Mapping[str, Sequence[EvaluationItem]],
) -> Rewards | None:
    """Return the :class:`core.outcomes.Rewards`: per-person amounts, bands, statuses.

    Called in phase e after ``ciclope_fund_pools``, once per ente.
    ``scores`` maps person id → Score; ``hooks`` (:class:`ciclope.core.CycleHooks`) is what an
    implementation may ask of the other hooks (a comparto layer's wrapper asks :func:`ciclope_individual_premium`
    through it). Default: no money is computed (pools stay whole and
    are reported as residual), since only a regulation says who gets what. A premium the regulation pays in
    instalments lists them in ``Rewards.instalments`` (``money.Instalment``, split by ``money.in_shares``), each
    explained by the figure its ``key`` names; a person's instalments from a pool summing to more than their awards
    from it are an error.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param scores: person id → the person's :class:`core.outcomes.Score` after phase d; read-only.
    :param pools: the pools to distribute (``ciclope_fund_pools``), name → Pool; read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param org: the organizational performance of phase d (:class:`core.outcomes.OrgPerformance`); read-only.
    :param trace: record each award as ``award:<person id>:<pool>`` with its inputs and source (an award without one is a warning);
        a second award of one pool to one person, about a position (``Award.ref``), as ``award:<person id>:<pool>:<ref>``.
    :param hooks: what the implementation may ask of the other hooks (:class:`ciclope.core.CycleHooks`), by spec and keyword. A layer's wrapper asks ``ciclope_individual_premium`` and ``ciclope_premium_rankings``, and the plugin alone (``hooks.without_layers()``).
    :param cards: person id → the person's evaluation items after conciliation (rules/core.md §5), the cards the
        scores come from, for a regulation that pays by a part of the scheda; read-only.
    """


@phase("e. premialità")
@hookspec(firstresult=True)
def ciclope_award_parts(
    params: Params, rewards: Rewards, trace: Trace
) -> dict[str, dict[str, list[tuple[str, Decimal]]]] | None:
    """Return, for the pools a regulation's parts pay from, the parts that paid each person's award: pool → person id
    → each part's name as the regulation writes it («incentivo comparto») with what it paid, in the order the parts
    are paid, summing to the award (one part where one paid it all; where the parts' own amounts are not known, one
    entry naming them together, «a» e «b», with the whole award).

    Called in phase e once per ente, right after ``ciclope_rewards``, for a plugin whose regulation names the parts
    of its premium: the workbook's sheet of the premiums says each amount's part beside its fund, and gives an award
    several parts of one fund sum a row per part (the office's accounts keep them apart, e.g. art. 68 c. 2 lett. a
    and b CCNL Funzioni Locali), the total unchanged. A pool or a person the answer leaves out (a position's pay, a
    plugin without parts) keeps one row and no part. An award of a dirigente, PO or Segretario whose one part is
    named «retribuzione di risultato» is said so (the personal scheda, ``explain``), not «premio», whatever its fund.
    First non-None answer wins. Default: none.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param rewards: the rewards of ``ciclope_rewards`` (:class:`core.outcomes.Rewards`); read-only.
    :param trace: the ente's explanation figures so far (:class:`core.trace.Trace`), e.g. a part's own amount
        where several parts pay from one pool and their awards are summed; read-only.
    """


@phase("e. premialità")
@hookspec(firstresult=True)
def ciclope_pools_read_cards(params: Params, pools: Mapping[str, Pool]) -> list[str] | None:
    """Return the names of the pools whose premiums read each person's evaluation (a score, a level, a part of
    the scheda); the others pay without any card (divided among the staff in service, amounts decided by the
    regulation).

    Called after ``ciclope_rewards``, once per ente: the workbook's sheet of the premiums says «senza valutazione individuale»,
    not the person's outcome, beside an amount of the other pools (``Result.unread``); and when nobody has an
    evaluation card, a pool with money that reached nobody is the error of the missing cards only when it reads
    them; a premium paid without evaluating that admitted nobody (an access threshold missed) is not. Default:
    every pool.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param pools: the pools the rewards distributed (:class:`core.outcomes.Rewards` ``pools``), name → Pool;
        read-only.
    """


@phase("e. premialità")
@hookspec(firstresult=True)
def ciclope_parts_read_evaluation(params: Params) -> dict[str, bool] | None:
    """Return, for the parts of the premium a regulation names (the names of ``ciclope_award_parts``), whether each
    reads each person's evaluation (a score, a level, a part of the scheda): through its method, any of its formulas
    or conditions, or an exclusion that applies to it (nothing under a minimum score). A property of the part, the
    same for everyone it pays.

    Called after ``ciclope_rewards``, once per ente: the workbook's sheet of the premiums gives a part that reads
    the evaluation the person's level and outcome on each of its rows, and one that reads none «—» and «senza
    valutazione individuale» (``Result.parts_read``), so that the rows of one part never say both. A part the answer
    leaves out is judged by what its figure for the person read. First non-None answer wins. Default: none.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("e. premialità (asked by a comparto layer)")
@hookspec(firstresult=True)
def ciclope_individual_premium(params: Params) -> list[str] | None:
    """Return the names of the pools that pay the individual premium (premio correlato alla performance
    individuale, CCNL Funzioni Locali 21.5.2018 art. 68 c. 2 lett. b); a name ending in ``:`` stands for
    every pool whose name starts with it (``"staff:"``); ``pool/part`` names a part of a pool that also pays
    something else (the organizational performance, lett. a): of that pool only what the named parts paid each person
    (:func:`ciclope_award_parts`) is the individual premium, and a set-aside of that premium is taken from those parts
    alone: the pool the layer passes again to ``ciclope_rewards`` carries it as ``Pool.reserves``
    (:class:`core.money.Reserve`), which a plugin naming parts honours.

    Called by a comparto layer's wrapper of ``ciclope_rewards`` (the art. 69 maggiorazione is a share of
    that premium). Default: none (``[]``): the layer then moves no money.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("e. premialità (asked by a comparto layer)")
@hookspec(firstresult=True)
def ciclope_own_maggiorazione(params: Params, rewards: Rewards, trace: Trace) -> OwnMaggiorazione | None:
    """Return the plugin's own part of the premium that pays the maggiorazione del premio individuale (CCNL
    Funzioni Locali 21.5.2018 art. 69, art. 81 from 16.11.2022, art. 48 from 2026) as the ente's contract writes
    it: its name, its pool, what it paid each person and where the plugin's files write the part (file, row and
    key, for the layer's warnings) (:class:`core.outcomes.OwnMaggiorazione`); or ``None``.

    Called by a comparto layer's wrapper of ``ciclope_rewards``, after the plugin's rewards: when the plugin pays
    the maggiorazione itself the layer neither sets it aside a second time nor warns that it is not configured,
    says which part pays it, and warns where an amount falls short of the contract's minimum (a share of the
    mean individual premium). Default: ``None``: the layer computes it from ``[ente.nazionale]``.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param rewards: the plugin's rewards (:class:`core.outcomes.Rewards`), before the layer's; read-only.
    :param trace: the ente's explanation figures so far (:class:`core.trace.Trace`), e.g. a part's own amount
        where several parts pay from one pool and their awards are summed; read-only.
    """


@phase("e. premialità (asked by a comparto layer)")
@hookspec(firstresult=True)
def ciclope_premium_rankings(ente: Ente, params: Params) -> dict[str, list[str]] | None:
    """Return the rankings of the staff evaluated for the individual premium: ranking id → person ids.

    Called by a comparto layer's wrapper of ``ciclope_rewards`` (the art. 69 maggiorazione picks its
    beneficiaries per ranking: CCNL Funzioni Locali 21.5.2018 art. 69, rules/ccnl_funzioni_locali.md §2).
    A regulation that ranks by area returns one ranking per area, each with every person evaluated in it
    (paid or not: the quota counts the staff evaluated). Default: ``None``: one ranking of every person with
    a score whose role is a role the individual-premium pools pay.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("e. premialità")
@hookspec(firstresult=True)
def ciclope_position_pay(
    ente: Ente, params: Params, org: OrgPerformance, attestation: Attestation, scores: dict[str, Score], trace: Trace
) -> Positions | None:
    """Return :class:`core.outcomes.Positions` (posizioni organizzative) or ``None``.

    Called after ``ciclope_rewards`` where the regulation weights positions (Brescia 001…
    art. 3–6). The money is ordinary pools and awards: ``Positions.pools`` (a position-pay pool
    has ``kind=POSITION``, result pay is performance money) and ``Positions.awards`` (one per
    holder and pool, ``ref`` = the position); the core joins them with the rewards' in
    ``result.ledger``, which every output reads. Pool names must differ from the rewards'.
    ``PositionPay.instalments`` carries the regulation's payments a year. Default: no positions.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    :param org: the organizational performance of phase d (:class:`core.outcomes.OrgPerformance`); read-only.
    :param attestation: the OIV's attestation of the organizational performance (:class:`core.outcomes.Attestation`).
    :param scores: person id → the person's :class:`core.outcomes.Score` after phase d; read-only.
    :param trace: record each position's pay with its inputs and source.
    """


# --- the collection of the cards (`ciclope raccolta`) ---------------------------------------------


@phase("`ciclope raccolta` only")
@hookspec(firstresult=True)
def ciclope_evaluator(person: Person, ente: Ente) -> str | None:
    """Return the id of whoever fills ``person``'s evaluation card: a person id or an external
    evaluator of ``ente.toml [evaluators]`` (OIV, President).

    Called by ``ciclope raccolta crea`` for every row of ``people.csv``, to put each card in its
    evaluator's workbook. Return ``None`` to fall back to the default. Default: ``person.evaluator``
    when given, else the head of the person's unit, or of the nearest unit above it whose head is not
    the person themselves; nobody (the person is listed as without an evaluator) when there is none.

    :param person: the person whose card is to be filled (:class:`core.model.Person`).
    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    """


@phase("`ciclope raccolta` only")
@hookspec(firstresult=True)
def ciclope_card_items(
    person: Person, ente: Ente, params: Params
) -> list[tuple[str, str, Decimal, Decimal | None]] | None:
    """Return the items of ``person``'s evaluation card as the regulation defines them: a list of
    ``(section, item, max_points, weight)`` (weight ``None`` = the maximum points, rules/core.md §3).
    ``params`` are the ente's parameters (a regulation declared as data names its cards there).

    Called by ``ciclope raccolta crea`` for every person it puts in a workbook; the evaluator then
    fills the points. Return ``[]`` for a person the regulation evaluates without a card (a
    dirigente scored on a cruscotto only), ``None`` to fall back to the default. Default: the items
    of the person's card in ``evaluations.csv`` (points left out), else those of the first person with
    the same role who has one, else none.

    :param person: the person whose card is written (:class:`core.model.Person`).
    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


# --- f. rendicontazione -----------------------------------------------------------------------


@phase("f. rendicontazione")
@hookspec
def ciclope_calendar(ente: Ente, year: int, params: Params) -> list[Deadline] | None:
    """Return a list of :class:`core.outcomes.Deadline` for the cycle ``year``.

    Called by ``ciclope calendar`` and in phase f to flag acts done late or missing given
    ``[approvals]``. Answers of all implementations are joined. Default: none.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param year: the cycle year: dated rules and parameters give what is in force in it.
    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("f. rendicontazione")
@hookspec
def ciclope_approval_keys(params: Params) -> list[str] | None:
    """Return the ``[approvals]`` keys of ``ente.toml`` the ente's regulation names beyond its calendar's acts.

    Called in phase f, with the calendar, before an ``[approvals]`` key nobody knows is flagged
    (``core.input.unknown_approval``): a regulation declared in a file names its own acts (the decision that
    institutes a part of the premium each year, the acts that open the premiums), which no plugin can list
    beforehand. Answers of all implementations are joined. Default: none.

    :param params: the ente's parameters (:class:`core.params.Params`), ops overrides merged; read-only.
    """


@phase("`ciclope regolamento leggi` only")
@hookspec(firstresult=True)
def ciclope_regulation_text(path: str, markdown: bool) -> tuple[str, list[Problem]] | None:
    """Return the regulation file at ``path`` read back for people, article by article, and its problems.

    Called by ``ciclope regolamento leggi FILE`` for the plugin whose enti declare their regulation in a
    file (the office and the OIV compare the text with the act they approved): plain text, or Markdown with
    ``markdown``. A file that does not read gives an empty text and its problems (Italian, with file, line
    and key). Default: none.

    :param path: the regulation file to read, as given on the command line.
    :param markdown: ``True`` for Markdown, ``False`` for plain text.
    """


@phase("f. rendicontazione")
@hookspec
def ciclope_report_sections(ente: Ente, result: Result) -> list[ReportSection] | None:
    """Return a list of :class:`core.outcomes.ReportSection` for the Relazione and schede.xlsx.

    Called in phase f with the complete :class:`core.result.Result`. Answers of all
    implementations are joined. Default: none.

    :param ente: the ente, as loaded (:class:`core.model.Ente`); read-only.
    :param result: the ente's complete result (:class:`core.result.Result`); read-only.
    """
