"""Output roots of `run` are owned: ciclope writes only inside a folder it created and marked.

- The root is claimed through :mod:`.owned` (a ``.ciclope-out`` marker checked by content): a missing
  or empty folder is created and marked; any other folder without the marker is refused, even one
  holding a ``summary.json`` (a file name proves nothing). No root is, holds or sits in an input.
- An ente's folder is replaced only when it holds nothing but the files its ``SHA256SUMS`` names.
- One run at a time per root: an exclusive lock on ``.ciclope-lock`` (``fcntl.lockf``), released
  when the run ends, even if it is killed; never inherited by a process a plugin forks.
- ``--until`` before the last phase writes into ``OUT/<phase>/`` (a marked root inside the marked
  ``OUT``), never over the year-end results.
- ``summary.json`` merges with the previous one (a ``--ente X`` run keeps the other enti); an ente
  that failed this time keeps its previous folder, marked ``stale`` in the summary.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ciclope.core import syserrors
from ciclope.core.output import owned
from ciclope.core.problems import CiclopeError, Problem

MARKER = ".ciclope-out"
LOCK = ".ciclope-lock"
SUMS = "SHA256SUMS"  # per ente folder: the sha256 of every output, for `ciclope verify`
LAST_PHASE = "rendicontazione"


def _refuse(out: Path, message: str) -> CiclopeError:
    return CiclopeError([Problem(rule="output.root", file=str(out), message=message)])


def phase_root(out: Path, until: str) -> Path:
    """Where a run that stops after ``until`` writes: the root itself, or ``OUT/<until>/``."""
    return out if until == LAST_PHASE else out / until


def claim(out: Path, data_folders: Iterable[Path] = ()) -> None:
    """Create or accept ``out`` as an output root of `run`, or raise a CiclopeError saying why not."""
    owned.claim_root(out, "run", data_folders)


def claim_phase(out: Path, until: str, data_folders: Iterable[Path] = ()) -> Path:
    """Claim the root and, for ``--until`` before the last phase, ``OUT/<until>/`` inside it: the July
    output and the year-end output share one root, so the year-end run accepts what July made."""
    owned.claim_root(out, "run", data_folders)
    root = phase_root(out, until)
    if root != out:
        owned.claim_root(root, "run", data_folders)
    return root


def check_ente_folder(out: Path, ente_id: str, data_folders: Iterable[Path]) -> str:
    """Why ``out/<ente_id>`` cannot be written, or "" (a file there, an input folder, the user's files)."""
    final = out / ente_id
    if any(os.path.abspath(final) == os.path.abspath(d) or final.resolve() == Path(d).resolve() for d in data_folders):
        return f"{final} è una cartella di dati di input: non viene sovrascritta"
    return owned.ente_folder_problem(final)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """One run at a time on an output root. The lock is a POSIX record lock (``lockf``), owned by this process
    alone: a process a plugin forks does not inherit it, so it dies with this process and never outlives the
    run (a ``flock`` is shared by every copy of the descriptor, a forked grandchild's too). Such a lock does not
    exclude this process itself, hence the roots this process holds are refused here first."""
    key = os.path.realpath(out)
    if key in _HELD:
        raise _busy(out)
    try:
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:  # a link planted as the lock is never followed
        raise _refuse(out, f"non posso aprire {out / LOCK}: {syserrors.said(exc)}") from None
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:  # EAGAIN or EACCES: another process holds it
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            raise _busy(out) from None
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # the only descriptor of the lock file this process opens: closing it releases the lock


_HELD: set[str] = set()  # the output roots whose lock this process holds


def _busy(out: Path) -> CiclopeError:
    return _refuse(
        out,
        f"un'altra esecuzione di ciclope sta scrivendo in {out}: attendi che finisca (o usa un'altra cartella di "
        "output)",
    )


def merge_summary(out: Path, entries: list[dict]) -> list[dict]:
    """The previous ``summary.json`` entries of enti not run now, then this run's, in that order."""
    path = out / "summary.json"
    previous: list[dict] = []
    if path.is_file() and not path.is_symlink():
        try:
            previous = [e for e in json.loads(path.read_text(encoding="utf-8")).get("enti", []) if isinstance(e, dict)]
        except (ValueError, AttributeError, OSError):
            previous = []
    now = {e["id"]: e for e in entries}
    merged = [now.pop(e.get("id")) if e.get("id") in now else e for e in previous]
    return merged + [e for e in entries if e["id"] in now]


def write_sums(folder: Path, changed: Iterable[str] | None = None) -> None:
    """``SHA256SUMS`` of every output file of an ente folder (``sha256sum -c`` reads it too).

    ``changed``: only these files were rewritten since the folder's ``SHA256SUMS`` was written (documents
    ``ciclope report`` wrote into a published folder): the other files keep their recorded digest
    instead of being read and hashed again; a file new to the folder (a document added by ``ciclope
    report``) is hashed. A file neither changed nor new keeps the digest recorded when it was written,
    so an edit made by hand since is never blessed: ``verify`` still reports it."""
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != SUMS)
    digests: dict[str, str] = {}
    if changed is not None:
        recorded = _recorded(folder) or {}
        fresh = set(changed)
        digests = {name: d for name, d in recorded.items() if name not in fresh and name in names}
    lines = [f"{digests.get(name) or _digest(folder / name)}  {name}" for name in names]
    write_over(folder / SUMS, ("\n".join(lines) + "\n").replace("\n", os.linesep).encode("utf-8"))


def write_over(path: Path, data: bytes) -> None:
    """``data`` as the whole content of ``path`` (``Path.write_bytes``), an existing file written over in
    place and then cut to its new length instead of truncated to nothing first: ext4 flushes a file
    truncated to zero and written again when it is closed (``auto_da_alloc``), a wait this write does not
    need (the ``SHA256SUMS`` rewritten after the Relazioni's archive section)."""
    try:
        fh = open(path, "r+b")
    except FileNotFoundError:
        path.write_bytes(data)
        return
    with fh:
        fh.write(data)
        fh.truncate()


def _recorded(folder: Path) -> dict[str, str] | None:
    """File name → sha256 as ``SHA256SUMS`` records them; None without a readable file."""
    try:
        text = (folder / SUMS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    recorded = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if name:
            recorded[name] = digest
    return recorded


def _digest(path: Path) -> str:
    """sha256 of a file read in blocks (a big ente's outputs are tens of MB)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def check_sums(folder: Path, anchored: dict[str, str] | None = None) -> list[str]:
    """The outputs edited, removed or added since the run wrote them (empty when all match): against the
    folder's ``SHA256SUMS``, or the digests ``anchored`` in the store."""
    recorded = anchored if anchored is not None else _recorded(folder) if (folder / SUMS).is_file() else None
    if recorded is None:
        return [f"manca {SUMS}: gli output non sono verificabili (scritti da una versione precedente?)"]
    out = []
    for name, digest in recorded.items():
        p = folder / name
        if not p.is_file():
            out.append(f"output rimosso dopo l'esecuzione: {name}")
        elif _digest(p) != digest:
            out.append(f"output modificato dopo l'esecuzione: {name}")
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.name != SUMS and p.name not in recorded:
            out.append(f"file aggiunto dopo l'esecuzione: {p.name}")
    return out


JOURNAL = ".ciclope-running"  # written when a run starts, removed when it ends: left behind, it was killed


def previous_journal(out: Path) -> dict | None:
    """The journal of an earlier run on ``out`` that never ended (the caller holds the lock, so that run
    is dead): its content and ``since_ns``, the time it was written; None when the last run ended."""
    try:
        fd = os.open(out / JOURNAL, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError:  # a link, or a file that cannot be read: not ciclope's journal
        fd = -1
    if fd < 0:
        raise _refuse(out, f"{out / JOURNAL} non è il giornale di un'esecuzione di ciclope: spostalo e rilancia")
    with os.fdopen(fd, "rb") as fh:
        since = os.fstat(fh.fileno()).st_mtime_ns
        regular = stat.S_ISREG(os.fstat(fh.fileno()).st_mode)
        try:
            doc = json.loads(fh.read(4096).decode("utf-8")) if regular else None
        except (ValueError, UnicodeDecodeError):
            doc = None
    if not isinstance(doc, dict) or not {"run", "store", "started"} <= set(doc):
        # by content, not by name: a file ciclope did not write is never replaced nor removed
        raise _refuse(
            out,
            f"{out / JOURNAL} non è il giornale di un'esecuzione di ciclope: non lo sovrascrivo; spostalo e rilancia",
        )
    return {**doc, "since_ns": since}


def write_journal(out: Path, run: int | None, store: str | None) -> None:
    started = dt.datetime.now().isoformat(timespec="seconds")
    doc = {"run": run, "store": store, "started": started}
    owned.write_inside(out, JOURNAL, (json.dumps(doc) + "\n").encode("utf-8"))


def end_journal(out: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(out / JOURNAL)
