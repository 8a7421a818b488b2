"""The second half of a run that records into the results store: publication with the archive section.

Every ente of such a run is computed, recorded and written into its unpublished folder with its Relazioni
left open at the archive section (:func:`.staging.stage_outputs`); the section compares the ente with the
other enti of the run, so it is known only once all of them are in the store. Then each folder gets its
section (:func:`ciclope.core.store.sections.archive_of`), its PDF and SHA256SUMS, and is published
(:func:`.staging.publish`): every file is written once, and a folder appears only complete.

A refused ente (another identity under its id), or a store that failed during the run, gets the
placeholder instead; an ente whose folder cannot be published fails alone. With ``jobs`` > 1 the enti are
shared among that many processes, each with its own connection to the store: in one process this step
would be the serial tail of a ``--jobs`` run.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import attrs

from ciclope.core import syserrors
from ciclope.core.output.workers import die_with_parent
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.run.outcome import EnteOutcome, not_written
from ciclope.core.run.staging import Staged, publish
from ciclope.core.store import Store, open_store, read, store_url
from ciclope.core.store.runlog import RunLog
from ciclope.core.store.sections import ArchiveSource, archive_html, archive_of, archive_source

NOT_ADDED = "andamento e confronto non aggiunti alle Relazioni"


@attrs.frozen
class Job:
    """One folder to publish: its outcome's index and staging, and the ente whose section it gets (None:
    the placeholder)."""

    index: int
    staged: Staged
    ente: str | None


@attrs.frozen
class Done:
    index: int
    problem: Problem | None = None  # the folder could not be published
    store_error: str = ""  # the store could not give the section: the placeholder stayed


def publish_all(outcomes: list[EnteOutcome], out: Path, year: int, jobs: int, log: RunLog | None) -> list[EnteOutcome]:
    """Publish every staged folder of ``outcomes``; the outcomes, those that could not be published failed."""
    staged = [(i, o) for i, o in enumerate(outcomes) if o.staged is not None]
    if not staged:
        return outcomes
    store = None if log is None or log.error is not None else log.store
    source = None
    if store is not None:
        try:
            source = archive_source(store, year)
        except Exception as exc:  # the store went away after the run: the Relazioni keep their placeholder
            assert log is not None
            log.error = f"{NOT_ADDED}: {type(exc).__name__}: {exc}"
    refused = set() if log is None else log.refused_ids
    work = [Job(i, o.staged, None if source is None or o.id in refused else o.id) for i, o in staged if o.staged]
    result = list(outcomes)
    try:
        for done in _publish(work, store, source, jobs):
            if done.store_error and log is not None and log.error is None:
                log.error = done.store_error
            outcome = result[done.index]
            result[done.index] = attrs.evolve(outcome, staged=None)
            if done.problem is not None:
                result[done.index] = not_written(outcome.id, outcome.plugin, done.problem)
    finally:  # interrupted: no unpublished folder stays behind
        for job in work:
            shutil.rmtree(job.staged.folder, ignore_errors=True)
    return result


def _publish(work: list[Job], store: Store | None, source: ArchiveSource | None, jobs: int) -> Iterator[Done]:
    if jobs <= 1 or len(work) < 2 * jobs:
        yield from (publish_one(store, source, job) for job in work)
        return
    chunks = [work[i :: jobs * 4] for i in range(jobs * 4)]  # interleaved: big and small enti mixed
    # the store's URL and the year's figures reach each worker once, as it starts (inherited by a forked one)
    url = None if store is None else store.url
    published: set[int] = set()
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(url, source)) as pool:
            for finished in pool.map(_publish_chunk, [chunk for chunk in chunks if chunk]):
                for done in finished:
                    published.add(done.index)
                    yield done
    except BrokenProcessPool:  # a worker died (killed, out of memory): the rest are published here
        yield from (publish_one(store, source, job) for job in work if job.index not in published)


_WORKER: tuple[Store | None, ArchiveSource | None, str] = (None, None, "")  # a worker's store, figures, error


def _start_worker(url: str | None, source: ArchiveSource | None) -> None:
    """A publishing worker: dies with its parent and opens its own connection (a connection is never shared
    between processes). A store it cannot open leaves its Relazioni with the placeholder, never unpublished."""
    global _WORKER
    die_with_parent()
    try:
        _WORKER = (None if url is None else open_store(url), source, "")
    except Exception as exc:
        _WORKER = (None, None, f"{NOT_ADDED}: {type(exc).__name__}: {exc}")


def _publish_chunk(chunk: list[Job]) -> list[Done]:
    store, source, error = _WORKER
    found = [publish_one(store, source, job) for job in chunk]
    if not error:
        return found
    return [attrs.evolve(done, store_error=error) if job.ente else done for done, job in zip(found, chunk)]


def publish_one(store: Store | None, source: ArchiveSource | None, job: Job) -> Done:
    """One folder given its section and published; what went wrong, for this ente only."""
    body, previous, store_error = None, None, ""
    if job.ente is not None and store is not None and source is not None:
        try:
            body = archive_of(store, source, job.ente, fund=bool(job.staged.fund))
            previous = store.fund(job.ente, source.year - 1) if job.staged.fund else None
        except Exception as exc:  # the store went away: this Relazione keeps its placeholder
            store_error = f"{NOT_ADDED}: {type(exc).__name__}: {exc}"
    try:
        publish(job.staged, body, previous)
    except CiclopeError as exc:  # the ente's folder became the user's while the run worked
        return Done(job.index, exc.problems[0], store_error)
    except OSError as exc:  # read-only output folder, full disk, no Chromium for the PDF
        folder = job.staged.final.parent
        message = f"impossibile scrivere gli output in {folder}: {syserrors.said(exc)}"
        return Done(job.index, Problem(rule="output.write", file=str(folder), message=message), store_error)
    except Exception as exc:  # a bug: this ente fails, the others are published
        message = f"errore interno {type(exc).__name__}: {exc}"
        return Done(job.index, Problem(rule="core.internal", message=message), store_error)
    return Done(job.index, None, store_error)


def complete(log: RunLog, out: Path, year: int, done: list[EnteOutcome]) -> None:
    """Every published folder's digests anchored in the store, and the later years the run corrected."""
    assert log.store is not None, "called once the store is open"
    log.anchor(out, done)
    try:
        log.notes += superseded_notes(log.store, year, [o.id for o in done])
    except Exception:  # only a note: the store answered a moment ago, the site marks them anyway
        pass


def superseded_notes(store, year: int, enti: list[str]) -> list[str]:
    """Lines naming the later years' Relazioni whose trend this run of ``year`` has corrected (issue 36): they
    are not rewritten here (they may be published); the portal marks them «superata da una correzione»."""
    later = [c for c in store.current() if c.ente in set(enti) and year < c.year <= year + read.TREND_YEARS]
    notes = []
    for y in sorted({c.year for c in later}):
        runs = {c.ente: c.run_id for c in later if c.year == y}
        stale = sorted(e for e, years in read.corrections(store.engine, y, runs).items() if year in years)
        if stale:
            shown = ", ".join(stale[:10]) + (f" e altri {len(stale) - 10}" if len(stale) > 10 else "")
            notes.append(
                f"le Relazioni del {y} di {shown} riportano l'andamento prima di questa correzione del {year}: "
                f"il portale le segna «superata da una correzione del {year}»; per aggiornarle rilancia il {y}"
            )
    return notes


# -- `ciclope report OUT/<ente> --store URL` ---------------------------------------------------------------


def previous_fund_of_folder(url: str, folder: Path) -> dict | None:
    """``ciclope report OUT/<ente> --store URL``: the previous year's fund of the ente of ``folder`` (its
    relazione tecnico-finanziaria's Modulo III), or None when it has no fund or the store has none."""
    doc = json.loads((Path(folder) / "results.json").read_text(encoding="utf-8"))
    if "fondo" not in doc:
        return None
    store = open_store(store_url(Path.cwd() / "cycle.toml", None, url))
    try:
        return store.fund(doc["ente"], int(doc["year"]) - 1)
    finally:
        store.close()


def archive_of_folder(url: str, folder: Path) -> str:
    """``ciclope report OUT/<ente> --store URL``: the archive section ``ciclope run`` gives the ente of
    ``folder`` (its trend, plans and benchmark position from the store), for the Relazioni the command
    renders: they are written once, with it, and their folder published once."""
    doc = json.loads((Path(folder) / "results.json").read_text(encoding="utf-8"))
    store = open_store(store_url(Path.cwd() / "cycle.toml", None, url))  # a file path is relative to here
    try:
        return archive_html(store, doc["ente"], doc["year"], store.benchmark(doc["year"]))
    finally:
        store.close()
