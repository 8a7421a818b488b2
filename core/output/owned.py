"""What ciclope may write: the one gate every writing command goes through.

Invariants (docs/ops.md, «Che cosa scrive ciclope»):

- A command writes only inside a root it created and marked, or into new files the user names.
  A root is marked by a ``.ciclope-out`` file whose *content* names the command that owns it
  (a file of that name with other content, or a symbolic link, is not a marker). A missing or
  empty folder is created or adopted and marked; any other folder is refused: it may hold the
  user's own files, and a file named like one of ciclope's (``summary.json``) proves nothing.
- A root never is, contains or sits inside an input (a data folder, cycle.toml): writing there
  would replace the user's data with outputs.
- A named file is written only if it does not exist, or if its content carries the signature of
  the command that wrote it before; never through a symbolic link (even a dangling one).
- Inside a root, a file is written by renaming a new temporary file over its name: a symbolic link
  planted there is replaced, never followed; a folder on the way that is a link is refused.

Every refusal is a CiclopeError in Italian (exit 2 from the command line).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ciclope.core import syserrors
from ciclope.core.problems import CiclopeError, Problem

MARKER = ".ciclope-out"
MAGIC = "ciclope-owned-root"
# The content of the marker written by earlier versions (output roots of `run` only).
LEGACY_RUN = "cartella di output di ciclope: i file qui dentro sono riscritti a ogni esecuzione\n"
KINDS = {
    "run": "l'output di `ciclope run`",
    "site": "un sito interno (`ciclope site`)",
    "site-public": "un sito pubblico (`ciclope site --public`)",
    "compare": "un confronto (`ciclope compare`)",
    "demo": "gli enti dimostrativi (`ciclope demo`)",
    "synth": "gli enti sintetici (`ciclope synth`)",
    "raccolta": "una raccolta delle valutazioni (`ciclope raccolta crea`)",
    "schede-personali": "le schede personali (`ciclope schede-personali`)",
}
MARKER_LIMIT = 4096  # a marker is one or two lines: a bigger file is the user's
HINT = "indica una cartella nuova o vuota (ciclope la crea e la marca)"


def refuse(path: Path | str, message: str, rule: str = "output.owned") -> CiclopeError:
    return CiclopeError([Problem(rule=rule, file=_shown(path), message=message)])


def _shown(path: Path | str) -> str:
    return str(path).replace("\x00", "\\0")


def check_path(path: Path, option: str = "--out") -> None:
    """A path the system can take: no NUL (a TOML escape can put one there)."""
    if "\x00" in str(path):
        raise refuse(path, f"{option}: il percorso contiene il carattere NUL (\\u0000): correggilo", "input.path")


def marker_kind(root: Path) -> str | None:
    """The command that owns ``root`` by its marker's content, or None (no marker, a link, other content)."""
    try:
        fd = os.open(root / MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MARKER_LIMIT:
            return None
        text = os.read(fd, MARKER_LIMIT).decode("utf-8", errors="replace")
    finally:
        os.close(fd)
    if text == LEGACY_RUN:
        return "run"
    first = text.split("\n", 1)[0]
    kind = first[len(MAGIC) + 1 :] if first.startswith(MAGIC + " ") else ""
    return kind if kind in KINDS else None


def check_inputs(target: Path, inputs: Iterable[Path], option: str = "--out") -> None:
    """Refuse a target that is an input, lies inside an input folder, or holds an input."""
    here = Path(os.path.abspath(target))
    real = _resolved(target)
    for given in inputs:
        src = _resolved(Path(given))
        for t in {here, real}:
            if t == src or src in t.parents or t in src.parents:
                raise refuse(
                    target,
                    f"{option} {target} coincide con l'input {given} (file o cartella dei dati), lo contiene "
                    "o vi è contenuto: ciclope non scrive nei dati; scegli una cartella separata",
                    "output.input",
                )


def _resolved(path: Path) -> Path:
    """``path`` with its links followed; a loop of links is refused, not a RuntimeError."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        raise refuse(path, f"{path}: collegamenti simbolici in un ciclo: il percorso non si risolve") from None


def claim_root(root: Path, kind: str, inputs: Iterable[Path] = (), option: str = "--out") -> None:
    """Create or accept ``root`` as the folder ``kind`` writes into, or raise a CiclopeError saying why not."""
    if check_root(root, kind, inputs, option):
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        text = f"{MAGIC} {kind}\ncartella creata da ciclope per {KINDS[kind]}: i file qui dentro sono riscritti\n"
        _create(root / MARKER, text.encode("utf-8"))
    except FileExistsError:
        raise refuse(root, f"{root / MARKER} è comparso durante la preparazione: riprova") from None
    except OSError as exc:
        raise refuse(root, f"non posso scrivere in {root}: {syserrors.said(exc)}") from None


def check_root(root: Path, kind: str, inputs: Iterable[Path] = (), option: str = "--out") -> bool:
    """Whether ``root`` is already ``kind``'s (True), may become so (False), or a CiclopeError why not;
    nothing is created (a command checks before it computes, and claims when it writes)."""
    check_path(root, option)
    if os.path.islink(root):
        raise refuse(root, f"{option} {root} è un collegamento simbolico: ciclope non lo segue; {HINT}")
    if root.exists() and not root.is_dir():
        raise refuse(root, f"{option} {root} è un file, non una cartella; {HINT}")
    found = marker_kind(root) if root.is_dir() else None
    if found is not None and found != kind:
        raise refuse(root, f"{root} contiene {KINDS[found]}, non {KINDS[kind]}: non la mescolo; {HINT}")
    if root.is_dir() and found is None and any(root.iterdir()):
        raise refuse(
            root,
            f"{root} esiste, non è vuota e non è una cartella di output di ciclope (manca {MARKER}): "
            f"potrebbe contenere file tuoi e non la adotto; {HINT}",
        )
    check_inputs(root, inputs, option)
    return found == kind


def _create(path: Path, data: bytes) -> None:
    """A new file, never an existing name nor through a link (O_EXCL refuses both)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _replace(path: Path, data: bytes) -> None:
    """``data`` under ``path`` by renaming a new file over the name: a link there is replaced, not followed."""
    fd, tmp = tempfile.mkstemp(prefix=".ciclope-tmp.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path, data: bytes, inputs: Iterable[Path] = (), signature: bytes = b"", option: str = "") -> None:
    """Write a file the user named: a new name, or a file whose first bytes hold ``signature`` (one this
    command wrote before). Never an input, never inside an input folder, never through a link."""
    label = option or str(path)
    check_path(path, label)
    if os.path.islink(path):
        raise refuse(path, f"{path} è un collegamento simbolico: ciclope non lo segue; indica un file nuovo")
    if path.exists() and not path.is_file():
        raise refuse(path, f"{path} esiste e non è un file: indica un file nuovo")
    check_inputs(path, inputs, label)
    if path.exists():
        with open(path, "rb") as fh:
            head = fh.read(4096)
        if not signature:  # a file this command never rewrites: whoever wrote it, it may hold the office's work
            raise refuse(path, f"{path} esiste già: non lo sovrascrivo; indica un file nuovo")
        if signature not in head:
            raise refuse(
                path, f"{path} esiste e non è stato scritto da ciclope: non lo sovrascrivo; indica un file nuovo"
            )
        _replace(path, data)
        return
    try:
        _create(path, data)  # in a folder that exists: a mistyped folder is an error, not a new tree
    except FileExistsError:
        raise refuse(path, f"{path} è comparso mentre lo scrivevo: non lo sovrascrivo") from None


def folder_inside(root: Path, rel: str | Path) -> Path:
    """``root/rel`` as a real folder inside a claimed root, created if missing; a link on the way is refused."""
    target = root
    for part in Path(rel).parts:
        target = target / part
        if os.path.islink(target):
            raise refuse(target, f"{target} è un collegamento simbolico dentro una cartella di ciclope: non lo seguo")
        if not target.is_dir():
            target.mkdir()
    return target


def write_inside(root: Path, rel: str, data: bytes) -> Path:
    """Write ``root/rel`` inside a claimed root: every folder on the way is a real folder (created if
    missing), and the file replaces whatever name is there without following it."""
    path = Path(rel)
    target = folder_inside(root, path.parent) / path.name
    if target.is_dir() and not target.is_symlink():
        raise refuse(target, f"{target} è una cartella: non la sostituisco con un file")
    _replace(target, data)
    return target


def copy_inside(root: Path, rel: str, src: Path) -> Path:
    """``root/rel`` as a copy of ``src``, replacing the name (a link there goes, its target stays). A copy, never
    a hard link: a published portal must not change when the run's output folder changes later."""
    path = Path(rel)
    target = folder_inside(root, path.parent) / path.name
    _replace(target, src.read_bytes())
    return target


def ente_folder_problem(folder: Path) -> str:
    """Why ``folder`` (an ente's output) cannot be replaced, or "": it is replaced only when it holds
    nothing but the files its ``SHA256SUMS`` names (all regular files): a folder that merely holds a
    ``results.json``, or has the user's files beside the outputs, is not ciclope's."""
    if os.path.islink(folder):
        return f"{folder} è un collegamento simbolico: non lo seguo né lo sostituisco"
    if not folder.exists():
        return ""
    if not folder.is_dir():
        return f"{folder} è un file, non una cartella di output: spostalo o rinominalo"
    entries = list(os.scandir(folder))
    if not entries:
        return ""
    named = _named(folder / "SHA256SUMS")
    if named is None:
        return f"{folder} esiste e non è una cartella di output di ciclope (manca SHA256SUMS): non la sostituisco"
    foreign = sorted(
        e.name
        for e in entries
        if e.name != "SHA256SUMS" and (e.name not in named or not _plain(e)) and not _late_document(e, named)
    )
    if foreign:
        shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        return (
            f"{folder} contiene file che ciclope non ha scritto ({shown}): non la sostituisco; "
            "sposta quei file altrove e rilancia"
        )
    return ""


# The documents ``ciclope report`` adds to a recorded folder (reports.OUTPUTS and the printed Relazione):
# one of them present but not yet in SHA256SUMS is a report interrupted before its digests were written
# (by a ciclope that wrote into the published folder), which report finishes and run may replace.
LATE_DOCUMENTS = frozenset(
    {
        "relazione.html",
        "relazione-pubblica.html",
        "relazione-pubblica.pdf",
        "schede.xlsx",
        "trasparenza.csv",
        "premi-art20.csv",
        "relazione-tecnico-finanziaria.html",
        "relazione-tecnico-finanziaria.xlsx",
        "relazione-tecnico-finanziaria.pdf",
    }
)


def _late_document(entry: os.DirEntry, named: set[str]) -> bool:
    return entry.name in LATE_DOCUMENTS and entry.name not in named and _plain(entry)


def unrecorded_documents(folder: Path) -> set[str]:
    """The documents of an ente folder that its ``SHA256SUMS`` does not name: a report interrupted."""
    named = _named(folder / "SHA256SUMS")
    if named is None or not folder.is_dir():
        return set()
    return {e.name for e in os.scandir(folder) if _late_document(e, named)}


def _plain(entry: os.DirEntry) -> bool:
    return entry.is_file(follow_symlinks=False)


def _named(sums: Path) -> set[str] | None:
    """The file names a ``SHA256SUMS`` records, or None when it is not a readable regular file."""
    try:
        fd = os.open(sums, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        text = fh.read(1 << 20).decode("utf-8", errors="replace")
    return {line.partition("  ")[2] for line in text.splitlines() if "  " in line}


RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two names in one step
AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing names atomically (Linux ``renameat2``): False where the system cannot, and
    nothing changed."""

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = call(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return done == 0


def publish(tmp: Path, final: Path) -> None:
    """Put the folder ``tmp`` at ``final``: one rename when ``final`` is new, else an atomic exchange
    (a kill leaves the old folder or the new one, never none) and the old one removed. Where the system
    has no exchange, two renames through a unique hidden name."""
    if not final.exists():
        tmp.rename(final)
        return
    if exchange(tmp, final):
        shutil.rmtree(tmp)  # the old folder, now under the temporary name
        return
    old = Path(tempfile.mkdtemp(prefix=f".ciclope-old.{final.name}.", dir=final.parent))
    final.rename(old)  # onto the new empty folder: a unique name, never one the user has
    tmp.rename(final)
    shutil.rmtree(old)
