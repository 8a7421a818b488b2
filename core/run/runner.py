"""Many enti: one fresh plugin manager each, optional processes (``--jobs``), atomic output folders.

An ente whose data cannot be loaded *fails* and gets no output folder; the others are unaffected.
Outputs are written to a temporary folder beside ``OUT/<id>/`` and moved into place, so an
interrupted run leaves the previous complete folder or none, never a partial one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ciclope.core import syserrors
from ciclope.core.engine import hookspecs
from ciclope.core.engine.cycle import run_cycle
from ciclope.core.engine.isolation import exits_isolated
from ciclope.core.engine.registry import Hooks
from ciclope.core.entetoml import future_approvals
from ciclope.core.inputs.config import EnteConfig, PluginCrash, RunPlan, override_files
from ciclope.core.inputs.loading import load_ente, merge_schemas
from ciclope.core.inputs.partial import Unloaded
from ciclope.core.output import outroot, owned, results
from ciclope.core.output.workers import die_with_parent
from ciclope.core.phases import PHASES
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import fmt
from ciclope.core.result import Result
from ciclope.core.run import gcpause, isolated
from ciclope.core.run.citing import cited
from ciclope.core.run.outcome import KEPT_PROBLEMS, EnteOutcome, not_written
from ciclope.core.run.staging import OLD, TMP, Staged, stage_outputs, write_outputs

if TYPE_CHECKING:  # the store (and SQLAlchemy, slow to import) is loaded only by a run that records
    from ciclope.core.params import Params
    from ciclope.core.plugininfo import PluginInfo
    from ciclope.core.store.record import Record
    from ciclope.core.store.runlog import RunLog


def compute(cfg: EnteConfig, year: int, until: str = "rendicontazione") -> Result:
    """Load one ente and run its cycle (raises CiclopeError when its data cannot be loaded or its regulation has
    errors, PluginCrash when its plugin crashed checking its parameters)."""
    if cfg.broken:
        raise PluginCrash(cfg.broken, cfg.broken_stack)
    if cfg.invalid:  # its regulation's errors, said as its data's would be
        raise CiclopeError(list(cfg.invalid))
    assert cfg.params is not None, "load_config / compute_ente resolve the parameters"
    hooks, info = Hooks.for_plugin(cfg.plugin)
    # the ente's own hooks: under a plugin whose enti each name their comparto, its layer's columns too
    schema = merge_schemas(hooks.for_ente(cfg.params).answers(hookspecs.ciclope_input_schema, params=cfg.params))
    # before the evaluation (the July check, --until monitoraggio) the cards' points are still to be given
    collecting = PHASES.index(until) < PHASES.index("valutazione")
    try:
        ente = load_ente(cfg.data, cfg.id, year, schema, collecting=collecting, collection=cfg.collection)
    except Unloaded as exc:
        raise CiclopeError([*exc.problems, *_checked_anyway(exc, hooks, cfg.params, info, until)]) from None
    # a chain of objectives or units is walked recursively (the aggregation, the Relazione): allow its
    # depth (a chain of 1,500 objectives raised RecursionError). Python-to-Python calls do
    # not use the C stack on 3.11+, so a higher limit is safe.
    need = 4 * (len(ente.objectives) + len(ente.units)) + 1000
    if sys.getrecursionlimit() < need:
        sys.setrecursionlimit(need)
    with exits_isolated():  # every command that computes (validate, calendar, verify, compare) too
        result = run_cycle(ente, hooks, cfg.params, info, until)
    origin = {"data": str(cfg.data), "overrides": dict(cfg.overrides)}
    if cfg.national:  # recorded only when given, so the outputs of enti without it are unchanged
        origin["national"] = dict(cfg.national)
    files = override_files(cfg.overrides)
    if files:  # likewise: only an ente whose cycle.toml names a file of its rules
        origin["override_files"] = files
    return attrs.evolve(result, origin=origin)


def _checked_anyway(exc: Unloaded, hooks: Hooks, params: Params, info: PluginInfo, until: str) -> list[Problem]:
    """The errors the cycle finds on the rows that were read of data that did not load whole, so that the office
    reads them with the rows' own errors, in one round."""
    if exc.ente is None:
        return []
    try:
        with exits_isolated():
            return exc.kept(run_cycle(exc.ente, hooks, params, info, until).violations)
    except Exception:  # the rows left out broke a step: its checks come when they are read, as before
        return []


@attrs.frozen
class Task:
    """One ente's work as the runner hands it out (to a ``--jobs`` process, or in this one)."""

    cfg: EnteConfig
    year: int
    out: Path
    until: str
    outputs: tuple[str, ...] | None = None  # the documents to write (None: all)
    record: bool = False  # make the store's record
    spare: bool = False  # a process of --jobs to spare: schede.xlsx in a forked copy (core/run/forked.py)


def run_one(task: Task) -> EnteOutcome:
    cfg, out = task.cfg, task.out
    if cfg.broken:  # the plugin crashed checking the parameters: its words, its traceback in the error file
        _forget_error(out, cfg.id)
        problem = PluginCrash(cfg.broken).problem
        return _internal(cfg, out, cfg.broken, cfg.broken_stack, problem)
    try:
        with gcpause.paused(), exits_isolated():
            return _run_one(task)
    except OSError as exc:  # a file that cannot be read or written: one Italian line, no traceback
        message = f"errore del sistema su {exc.filename or out}: {syserrors.said(exc)}"
        return EnteOutcome(
            cfg.id,
            cfg.plugin,
            "failed",
            message,
            problems=(Problem(rule="core.os", file=str(exc.filename or out), message=message),),
            problems_total=1,
        )
    except (Exception, SystemExit) as exc:  # a bug in a plugin or in the core (even sys.exit): this ente fails
        first = f"errore interno {type(exc).__name__}: {_one_line(str(exc))}"
        problem = Problem(rule="core.internal", message=first, source="segnalare a chi mantiene il plugin o ciclope")
        return _internal(cfg, out, first, traceback.format_exc(), problem)


ERROR_FILE = "{}.errore.txt"  # beside OUT/<ente>/: a dot is never in an ente's id, so no ente's folder is named so


def _internal(cfg: EnteConfig, out: Path, first: str, stack: str, problem: Problem) -> EnteOutcome:
    """A bug of a plugin or of ciclope failed the ente: its traceback is for whoever maintains the code, not
    for the office, so it goes to ``OUT/<ente>.errore.txt`` and the problem (``first``, said in one line) says
    where."""
    try:
        path = owned.write_inside(out, ERROR_FILE.format(cfg.id), f"{cfg.id} ({cfg.plugin})\n\n{stack}".encode())
        where = f"; i dettagli tecnici per chi mantiene il plugin sono in {path}"
    except (OSError, CiclopeError):
        where = "; i dettagli tecnici non si sono potuti scrivere nella cartella di output"
    problem = attrs.evolve(problem, message=first + where)
    return EnteOutcome(cfg.id, cfg.plugin, "failed", first, problems=(problem,), problems_total=1)


def _one_line(text: str, width: int = 300) -> str:
    """An exception's text on one line, cut: the whole of it is in the error file."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _forget_error(out: Path, ente: str) -> None:
    """The error file of an earlier run of the ente goes when it runs again (only ciclope's own regular file)."""
    path = out / ERROR_FILE.format(ente)
    if path.is_file() and not path.is_symlink():
        path.unlink(missing_ok=True)


def _run_one(task: Task) -> EnteOutcome:
    cfg, out = task.cfg, task.out
    _forget_error(out, cfg.id)
    blocked = outroot.check_ente_folder(out, cfg.id, [cfg.data])
    if blocked:
        problem = Problem(rule="output.ente_folder", file=str(out / cfg.id), message=blocked)
        return EnteOutcome(cfg.id, cfg.plugin, "failed", blocked, problems=(problem,), problems_total=1)
    try:
        result = compute(cfg, task.year, task.until)
    except CiclopeError as exc:
        first = exc.problems[0].render(cited) if exc.problems else ""
        return EnteOutcome(
            cfg.id,
            cfg.plugin,
            "failed",
            f"{'1 problema' if len(exc.problems) == 1 else f'{len(exc.problems)} problemi'} "
            f"{'nel regolamento' if cfg.invalid else 'nei dati'}; il primo: {first}",
            problems=tuple(exc.problems[:KEPT_PROBLEMS]),
            problems_total=len(exc.problems),
        )
    document = results.dumps_bytes(result)
    records: list[Record] = []

    def keep_record() -> None:  # for the store: made while a forked copy writes schede.xlsx, if there is one
        from ciclope.core.store.record import record_of  # SQLAlchemy: only for a run that records

        records.append(record_of(result, document))

    staged = None
    try:
        if task.record:  # published once every ente is recorded, with the archive section (core/run/archive.py)
            staged = stage_outputs(result, out, task.outputs, document, task.spare, keep_record, open_archive=True)
        else:
            write_outputs(result, out, task.outputs, document, task.spare)
    except CiclopeError as exc:  # the ente's folder became the user's while the ente ran
        return not_written(cfg.id, cfg.plugin, exc.problems[0])
    except OSError as exc:  # read-only output folder, full disk
        message = f"impossibile scrivere gli output in {out}: {syserrors.said(exc)}"
        return not_written(cfg.id, cfg.plugin, Problem(rule="output.write", file=str(out), message=message))
    return _computed(cfg, result, records[0] if records else None, staged)


def checked_today(result: Result, today: dt.date) -> list[Problem]:
    """The ente's problems as ``validate`` lists them on ``today``: its violations, then a warning at each act of
    [atti] dated after the day. ``run`` counts its warnings on the same list, so that the number it prints is the
    number of warnings ``validate`` lists; the documents read the violations alone, never the day they are made."""
    return [*result.violations, *future_approvals(result.ente, today)]


def _computed(cfg: EnteConfig, result: Result, record: Record | None, staged: Staged | None) -> EnteOutcome:
    """The outcome of an ente computed and written: its figures and its error violations."""
    errors = result.errors
    warnings = sum(1 for v in checked_today(result, dt.date.today()) if not v.is_error and not v.is_notice)
    att = result.attestation
    figures = {
        "ente": None if result.org is None or result.org.ente is None else float(result.org.ente),
        "attested": None if att is None or att.attested is None else float(att.attested),
        "people": len(result.ente.people),
        **money_figures(result),
    }
    noted = notable(result)
    if errors:
        return EnteOutcome(
            cfg.id,
            cfg.plugin,
            "errors",
            f"{fmt.plural(len(errors), 'violazione', 'violazioni')}: {errors[0].render(cited)}"
            + (f"; {noted}" if noted else ""),
            figures=figures,
            problems=tuple(errors[:KEPT_PROBLEMS]),
            problems_total=len(errors),
            record=record,
            warnings=warnings,
            staged=staged,
        )
    return EnteOutcome(
        cfg.id, cfg.plugin, "ok", noted, figures=figures, record=record, warnings=warnings, staged=staged
    )


def notable(result: Result) -> str:
    """The note of an ente computed, beside its «ok»: the people not evaluated whom nothing pays
    (:meth:`Result.unpaid_unevaluated`, with € 0 in the schede), those without a card said so. A missing card is only
    a warning (rules/core.md §3), which the count of «avvisi» alone left unseen while the person's share went to
    their colleagues; empty where there is none."""
    left = result.unpaid_unevaluated()
    cards = result.ente.cards_view()
    uncarded = sum(1 for pid in left if pid not in cards)
    said = [fmt.plural(uncarded, "persona", "persone") + " senza scheda di valutazione"] if uncarded else []
    if len(left) > uncarded:  # a card, but a part of the score missing: not evaluated all the same
        said.append(fmt.plural(len(left) - uncarded, "persona non valutata", "persone non valutate"))
    return "; ".join(said)


def money_figures(result: Result) -> dict:
    """The ente's money for ``summary.json``, from the same view of every pool as results.json
    (rules/core.md §6: the totals equal the sums of the ente's pools)."""
    if result.rewards is None and result.positions is None:
        return {"allocated": None, "distributed": None, "residual": None, "performance_distributed": None}
    ledger = result.ledger
    performance = sum((p.distributed for p in ledger.performance_pools.values()), start=Decimal(0))
    return {
        "allocated": f"{ledger.allocated:.2f}",
        "distributed": f"{ledger.distributed:.2f}",
        "residual": f"{ledger.residual:.2f}",
        "performance_distributed": f"{performance:.2f}",
    }


_WORK: list[Task] = []  # the run's tasks, in a --jobs worker process (_start_worker)


def _start_worker(work: list[Task]) -> None:
    """A ``--jobs`` worker: dies with its parent and keeps the run's tasks, to be told only their index.

    The tasks reach a worker once, as it starts (a forked worker has them in its copy of the parent's memory,
    no pickling at all), instead of one pickled task per ente written by the parent's feeder thread (0.14 ms
    each, 5.7 kB: CPU of the parent that competes with the workers on a 2-core machine;)."""
    global _WORK
    die_with_parent()
    _WORK = work


def _run_at(index: int) -> EnteOutcome:
    """The ``index``-th task of the run, in a ``--jobs`` worker."""
    return run_one(_WORK[index])


def run_plan(
    plan: RunPlan,
    out: Path | None = None,
    only: tuple[str, ...] = (),
    until: str = "rendicontazione",
    jobs: int = 1,
    progress=None,
    outputs: tuple[str, ...] | None = None,
    log: RunLog | None = None,
    timeout: float | None = None,
) -> list[EnteOutcome]:
    """Run the enti (``timeout``: seconds per ente, each in its own process; None: the default limit
    with ``--jobs`` > 1, no process of its own otherwise; 0: never a process of its own). With ``log`` each
    ente is recorded in the results store as it finishes, and its folder is published once every ente is
    in: its Relazioni are rendered with the store's trends and benchmark positions (core/run/archive.py)."""
    enti = [plan.ente(i) for i in dict.fromkeys(only)] if only else list(plan.enti)
    if log is not None:  # the store, and SQLAlchemy (0.25 s to import), only for a run that records
        from ciclope.core.run import archive
    out = outroot.claim_phase(Path(out) if out else plan.output, until, [cfg.data for cfg in plan.enti])
    with outroot.locked(out):
        # The journal stays while the run works: found by the next run (which holds the lock, so this
        # one is dead), it says that a kill may have left enti recorded but their folders not published.
        previous = outroot.previous_journal(out)
        if log is not None:
            log.start()
        outroot.write_journal(out, None if log is None else log.run, None if log is None else log.shown)
        if log is not None and previous is not None:
            log.recover(out, previous)
        interrupted = True
        try:
            limit = isolated.DEFAULT_TIMEOUT if timeout is None else timeout
            outcomes = _run_locked(plan, out, enti, until, jobs, progress, outputs, log, limit, timeout is not None)
            if log is not None:
                outcomes = archive.publish_all(outcomes, out, plan.year, jobs, log)
            write_summary(outcomes, out, None if log is None or log.run is None else log.shown)
            interrupted = False
        finally:
            if interrupted:  # the folders already written but not yet published go
                clean_leftovers(out, [cfg.id for cfg in enti], (TMP,))
            if log is not None:
                log.finish(interrupted)
        if log is not None and log.store is not None and log.error is None:
            done = [o for o in outcomes if o.status != "failed" and o.id not in log.refused_ids]
            archive.complete(log, out, plan.year, done)
        outroot.end_journal(out)
        return outcomes


def _run_locked(
    plan: RunPlan,
    out: Path,
    enti: list[EnteConfig],
    until: str,
    jobs: int,
    progress,
    outputs: tuple[str, ...] | None,
    log: RunLog | None = None,
    timeout: float = 0,
    explicit: bool = False,
) -> list[EnteOutcome]:
    """The enti's outcomes in plan order. With ``timeout`` (seconds) each ente runs in its own process
    (:mod:`.isolated`) when ``jobs`` > 1, or always when the time limit was asked for (``explicit``)."""
    keep = log.add if log is not None else (lambda outcome, _out: outcome)
    # a process of --jobs per ente and one to spare each: an ente's schede.xlsx is written by a forked copy
    spare = jobs >= 2 * len(enti)
    record = log is not None and log.wants_records
    work = [Task(cfg, plan.year, out, until, outputs, record, spare) for cfg in enti]
    clean_leftovers(out, [cfg.id for cfg in enti])
    outcomes: list[EnteOutcome] = []
    if timeout and isolated.available() and (explicit or (jobs > 1 and len(work) > 1)):
        arrived: dict[int, EnteOutcome] = {}
        order = largest_first([cfg.data for cfg in enti])
        found = isolated.run_isolated(len(work), lambda i: run_one(work[i]), _failed(work), jobs, timeout, order)
        for n, (index, outcome) in enumerate(found, 1):
            arrived[index] = outcome = keep(outcome, out)
            if progress:
                progress(n, len(work), outcome)
        outcomes = [arrived[i] for i in range(len(work))]
    elif jobs > 1 and len(work) > 1:
        # One task per ente, handed to whichever process is free: enti differ in size, and a chunk of
        # them on one process would leave the others idle at the end. Pickling a task is cheap next to
        # running an ente; progress counts enti as they finish. The largest enti go first
        # (longest processing time first): a big ente submitted last would run alone at the end while
        # the other processes wait (docs/performance.md). The outcomes keep the plan's order.
        done: dict[int, EnteOutcome] = {}
        with ProcessPoolExecutor(max_workers=min(jobs, len(work)), initializer=_start_worker, initargs=(work,)) as pool:
            order = largest_first([cfg.data for cfg in enti])
            futures = {pool.submit(_run_at, i): i for i in order}
            for n, future in enumerate(as_completed(futures), 1):
                # popped: a finished future holds its outcome, and the outcome the ente's record for the
                # store (results.json and its trace) until written — 1,000 of them were ~600 MB
                done[futures.pop(future)] = outcome = keep(future.result(), out)
                if progress:
                    progress(n, len(work), outcome)
        outcomes = [done[i] for i in range(len(work))]
    else:
        for n, item in enumerate(work, 1):
            outcome = keep(run_one(item), out)
            outcomes.append(outcome)
            if progress:
                progress(n, len(work), outcome)
    return outcomes


def _failed(work: list[Task]) -> Callable[[int, str, Problem], EnteOutcome]:
    def failed(index: int, reason: str, problem: Problem) -> EnteOutcome:
        cfg = work[index].cfg
        return EnteOutcome(cfg.id, cfg.plugin, "failed", reason, problems=(problem,), problems_total=1)

    return failed


def largest_first(folders: list[Path]) -> list[int]:
    """Indexes of ``folders`` by the bytes of their input files, largest first (ties in plan order): the
    order in which ``--jobs`` hands out the enti. The bytes are a cheap estimate of an ente's cost (its
    time grows linearly with its rows, docs/performance.md) read from the directory alone, before any
    ente is loaded; a folder that cannot be read counts as empty (its ente fails fast)."""

    def size(folder: Path) -> int:
        try:
            if folder.is_file():  # an ente given as one workbook
                return folder.stat().st_size
            with os.scandir(folder) as entries:
                return sum(e.stat().st_size for e in entries if e.is_file())
        except OSError:
            return 0

    sizes = [size(f) for f in folders]
    return sorted(range(len(folders)), key=lambda i: -sizes[i])


def clean_leftovers(out: Path, ids: list[str], prefixes: tuple[str, ...] = (TMP, OLD)) -> None:
    """Remove the hidden temporary folders an interrupted run may have left beside ``OUT/<id>/``: only
    real folders named with ciclope's own prefixes (a user's ``.git`` beside an ente ``git`` stays)."""
    if not out.is_dir():
        return
    wanted = set(ids)
    for p in out.iterdir():
        for prefix in prefixes:
            if p.name.startswith(prefix) and not p.is_symlink() and p.is_dir():
                if p.name[len(prefix) :].rsplit(".", 1)[0] in wanted:
                    shutil.rmtree(p, ignore_errors=True)


def write_summary(outcomes: list[EnteOutcome], out: Path, store: str | None = None) -> None:
    """``summary.json``, merged with the previous one: enti not run now keep their entry; an ente that
    failed now but has an earlier output folder is marked ``stale`` (that folder is not current).
    ``store``: where the run was recorded (its URL, password masked), for `ciclope verify`."""
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for o in outcomes:
        entry = {"id": o.id, "plugin": o.plugin, "status": o.status, "reason": o.reason, **o.figures}
        if o.status == "failed" and (out / o.id / "results.json").is_file():
            entry["stale"] = True
            entry["reason"] = f"{o.reason} — la cartella {o.id}/ è dell'esecuzione precedente e NON è aggiornata"
        entries.append(entry)
    doc: dict = {"enti": outroot.merge_summary(out, entries)}
    if store is not None:
        doc["store"] = store
    owned.write_inside(out, "summary.json", (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def summary_table(outcomes: list[EnteOutcome], limit: int = 50) -> str:
    """Failures first, then the rest; long lists are cut with a count."""
    order = {"failed": 0, "errors": 1, "ok": 2}
    rows = sorted(outcomes, key=lambda o: (order[o.status], o.id))
    label = {"ok": "ok", "errors": "violazioni", "failed": "FALLITO"}
    lines = [f"{'ente':<28} {'plugin':<18} {'esito':<11} {'avvisi':>6} {'perf. ente':>10}  note"]
    for o in rows[:limit]:
        ente = o.figures.get("ente")
        warned = "" if o.status == "failed" else str(o.warnings)  # a failed ente has no result to count
        lines.append(
            f"{o.id:<28} {o.plugin:<18} {label[o.status]:<11} {warned:>6} "
            f"{'' if ente is None else fmt.pct(ente):>10}  {_short(o.reason)}"
        )
    if len(rows) > limit:
        left = len(rows) - limit
        lines.append(f"… e {'un altro ente' if left == 1 else f'altri {left} enti'} (vedi summary.json)")
    if any(len(o.reason) > 120 for o in rows[:limit]):
        lines.append("(note abbreviate: il testo completo è in summary.json)")
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in order}
    total_warnings = sum(o.warnings for o in outcomes)
    lines.append(
        f"Totale: {fmt.plural(len(outcomes), 'ente', 'enti')} — {counts['ok']} ok, {counts['errors']} con violazioni, "
        f"{counts['failed']} {'fallito' if counts['failed'] == 1 else 'falliti'}"
        + (
            f"; {total_warnings} {'avviso' if total_warnings == 1 else 'avvisi'} (elencati da ciclope validate)"
            if total_warnings
            else ""
        )
    )
    return "\n".join(lines)


def _short(text: str, width: int = 120) -> str:
    """A note for the printed table, cut at a word and marked, never mid-word (the whole text is in summary.json)."""
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0]
    return cut + " …"
