"""One run as the store sees it: opened before the first ente, one transaction per ente as each finishes
(in the parent process, so ``--jobs`` has a single writer), closed at the end.

A store that cannot be written never stops the run: the output folders are still written, the first
database error is kept in :attr:`RunLog.error`, and ``ciclope run`` says so and exits 1."""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import attrs
from sqlalchemy import select, update

from ciclope.core.problems import CiclopeError
from ciclope.core.store import Store, open_store, schema, write
from ciclope.core.store.engine import in_memory, redacted, scrubbed


def ciclope_version() -> str:
    try:
        return version("ciclope-pa")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0+unknown"


class RunLog:
    """Created by the command before the run; :meth:`start` opens the store once the output folder has
    been accepted (a refused run leaves no store behind)."""

    def __init__(self, url: str, *, config: Path, year: int, until: str) -> None:
        self.url = url
        self.shown = redacted(url)
        self.config, self.year, self.until = config, year, until
        self.store: Store | None = None
        self.error: str | None = None
        self.written = 0  # enti recorded with their result
        self.without_result = 0  # enti recorded as failed: the store says why, and has no result of theirs
        self.refused: list[str] = []  # why an ente's result was not recorded (another identity under its id)
        self.refused_ids: set[str] = set()  # those enti: their Relazione gets no trend from another's history
        self.run: int | None = None
        self.notes: list[str] = []  # what the command prints besides the store line (an earlier run killed)

    def start(self) -> None:
        try:
            self.store = open_store(self.url)
            self.run = write.start_run(
                self.store.engine, config=str(self.config), year=self.year, until=self.until, version=ciclope_version()
            )
        except CiclopeError as exc:  # a URL that names no usable database
            self.error = scrubbed(exc.problems[0].message, self.url)
        except Exception as exc:  # the database refused (down, read-only, full): the run goes on without it
            self.error = _why(exc, self.url)

    @property
    def in_memory(self) -> bool:
        """An in-memory SQLite store, which would record nothing a later command could read."""
        return in_memory(self.url)

    @property
    def wants_records(self) -> bool:
        return self.run is not None and self.error is None

    def add(self, outcome, out: Path):
        """Write one ente's outcome; returns the outcome without its record (memory stays per ente)."""
        if self.store is not None and self.run is not None and self.error is None:
            try:
                write.add_ente(
                    self.store.engine,
                    self.run,
                    outcome.id,
                    outcome.status,
                    outcome.reason,
                    str(out / outcome.id),
                    outcome.record,
                )
                if outcome.record is None:
                    self.without_result += 1
                else:
                    self.written += 1
            except write.IdentityRefused as exc:  # this ente only: the others are still recorded
                self.refused.append(str(exc))
                self.refused_ids.add(outcome.id)
                self.refuse(outcome, out, str(exc))
            except Exception as exc:
                self.error = _why(exc, self.url)
        return attrs.evolve(outcome, record=None) if outcome.record is not None else outcome

    def refuse(self, outcome, out: Path, why: str) -> None:
        """The run's link to a refused ente: status ``refused``, no result, the reason."""
        assert self.store is not None and self.run is not None
        try:
            write.add_ente(self.store.engine, self.run, outcome.id, "refused", why, str(out / outcome.id), None)
        except Exception as exc:
            self.error = _why(exc, self.url)

    def finish(self, interrupted: bool = False) -> None:
        if self.store is None or self.run is None:
            return
        try:
            write.finish_run(self.store.engine, self.run, "interrupted" if interrupted or self.error else "complete")
        except Exception as exc:
            self.error = self.error or _why(exc, self.url)

    def recover(self, out: Path, previous: dict) -> None:
        """An earlier run on ``out`` was killed (its journal is still there): close its store run as
        interrupted and name the ente folders it published without recording them (an earlier ciclope
        published each folder before recording it), and the enti it recorded without publishing their
        folder (a run that records publishes once every ente is in the store: core/run/archive.py)."""
        note = f"l'esecuzione precedente in {out} (avviata {previous.get('started', '?')}) si è interrotta prima della fine"
        if self.store is None or self.error is not None:
            self.notes.append(note)
            return
        try:
            unrecorded = _unrecorded(self.store, out, previous, self.shown)
            unpublished = _unpublished(self.store, out, previous, self.shown)
        except Exception as exc:
            self.error = _why(exc, self.url)
            return
        if unrecorded:
            note += f": cartelle pubblicate ma NON registrate nell'archivio: {_rerun(unrecorded)}"
        if unpublished:
            note += f"{';' if unrecorded else ':'} enti registrati nell'archivio ma con la cartella NON pubblicata: "
            note += _rerun(unpublished)
        if not unrecorded and not unpublished:
            note += ": ogni cartella che ha pubblicato è registrata nell'archivio"
        self.notes.append(note)

    def anchor(self, out: Path, outcomes) -> None:
        """The digests of every output folder of this run, as its SHA256SUMS says now that the Relazioni
        are complete: `verify` compares the files with them, out of the reach of who edits the folder."""
        if self.store is None or self.run is None or self.error is not None:
            return

        rows = []
        for o in outcomes:
            folder = out / o.id
            try:
                sums = (folder / "SHA256SUMS").read_text(encoding="utf-8")
            except OSError:  # failed, or its folder could not be written
                continue
            rows.append({"run": self.run, "ente": o.id, "output": str(folder.resolve()), "sums": sums})
        if not rows:
            return
        try:
            with self.store.engine.begin() as conn:
                conn.execute(schema.output_sums.insert(), rows)
        except Exception as exc:
            self.error = _why(exc, self.url)


def _unrecorded(store: Store, out: Path, previous: dict, shown: str) -> list[str]:
    """The ente folders of ``out`` written since the killed run began whose results.json is not in the store."""

    found = []
    with store.engine.begin() as conn:
        if isinstance(previous.get("run"), int) and previous.get("store") == shown:
            conn.execute(
                update(schema.runs)
                .where(schema.runs.c.id == previous["run"], schema.runs.c.status == "running")
                .values(status="interrupted", finished=write.now())
            )
        for folder in sorted(out.iterdir()):
            doc = folder / "results.json"
            if folder.name.startswith(".") or folder.is_symlink() or not doc.is_file():
                continue
            if doc.stat().st_mtime_ns < previous["since_ns"]:
                continue
            digest = hashlib.sha256(doc.read_bytes()).hexdigest()
            if conn.execute(select(schema.results.c.id).where(schema.results.c.sha256 == digest)).first() is None:
                found.append(folder.name)
    return found


def _unpublished(store: Store, out: Path, previous: dict, shown: str) -> list[str]:
    """The enti the killed run recorded whose folder in ``out`` does not hold that result (not published yet)."""
    if not isinstance(previous.get("run"), int) or previous.get("store") != shown:
        return []
    query = (
        select(schema.run_enti.c.ente, schema.results.c.sha256)
        .join(schema.results, schema.results.c.id == schema.run_enti.c.result)
        .where(schema.run_enti.c.run == previous["run"])
    )
    with store.engine.connect() as conn:
        recorded = conn.execute(query).all()
    found = []
    for ente, digest in sorted(recorded):
        doc = out / ente / "results.json"
        if not doc.is_file() or hashlib.sha256(doc.read_bytes()).hexdigest() != digest:
            found.append(ente)
    return found


def _rerun(enti: list[str]) -> str:
    """The enti named (the first 20) and the options that run them again (the first 5)."""
    shown = ", ".join(enti[:20]) + (f" e altri {len(enti) - 20}" if len(enti) > 20 else "")
    return f"{shown}. Rilanciale con " + " ".join(f"--ente {e}" for e in enti[:5]) + (" …" if len(enti) > 5 else "")


def _why(exc: Exception, url: str) -> str:
    """The first line of a database error, with the URL's password masked (drivers may echo it)."""

    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return scrubbed(f"{type(exc).__name__}: {text[0] if text else ''}", url)
