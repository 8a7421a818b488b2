"""``ciclope verify OUT/<id>``: re-run an ente from the inputs recorded in its ``results.json``.

Reports "identical" when a fresh computation gives the same ``results.json`` bytes; otherwise the
input files changed since (by sha256) or the figures that differ.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ciclope.core.fmt import quoted
from ciclope.core.inputs import narrative
from ciclope.core.inputs.config import EnteConfig, override_files, resolve_params
from ciclope.core.output import owned
from ciclope.core.output.outroot import SUMS, check_sums, write_sums
from ciclope.core.output.owned import marker_kind
from ciclope.core.output.results import dumps
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import (
    FUND_DOCUMENTS,
    PUBLIC_DOCUMENTS,
    RELAZIONI,
    UNPUBLISHABLE,
    close_relazioni,
    publishable,
    relazione_edges,
    staged_fund,
    write_fund,
    write_reports,
)
from ciclope.core.reports.public import write_pdf
from ciclope.core.result import Result
from ciclope.core.run.runner import TMP, compute
from ciclope.core.run.verifywords import said_difference, walk
from ciclope.core.tomlcompat import read_toml

if TYPE_CHECKING:  # the store (SQLAlchemy, 0.25 s to import) is loaded only when a folder names one
    from ciclope.core.store import Store


def _checked(recorded: object) -> dict:
    """The ``audit`` of a results.json whose fields a recomputation reads have the types a run writes
    (a damaged or hand-made file: ValueError naming the field)."""
    if not isinstance(recorded, dict):
        raise ValueError("non è un oggetto JSON")
    year = recorded.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise ValueError("anno mancante" if year is None else f"anno non valido: {quoted(str(year)[:40])}")
    for key in ("plugin", "ente"):
        if not isinstance(recorded.get(key), str) or "\x00" in recorded[key]:
            raise ValueError(f"campo {key} mancante o non testuale")
    if not isinstance(recorded.get("until", "rendicontazione"), str):
        raise ValueError("campo until non testuale")
    audit = recorded.get("audit", {})
    if not isinstance(audit, dict) or not isinstance(audit.get("data", ""), str) or "\x00" in audit.get("data", ""):
        raise ValueError("campo audit non valido")
    inputs, overrides = audit.get("inputs", {}), audit.get("overrides", {})
    if not isinstance(inputs, dict) or not all(isinstance(v, str) for v in inputs.values()):
        raise ValueError("campo audit.inputs non valido")
    if not isinstance(overrides, dict):
        raise ValueError("campo audit.overrides non valido")
    return audit


def recorded_intact(folder: Path, recorded_text: str, store: str | None) -> tuple[bool, list[str]]:
    """When the inputs changed since the run and it cannot be recomputed: whether the figures it recorded are
    intact all the same, i.e. ``folder``'s results.json is, byte for byte, a result the store recorded (the store
    keeps each result's sha256 and whole document) and the outputs match SHA256SUMS and the store's digests."""
    url, how = find_store(folder, store)
    if url is None:
        return False, ["risultati registrati non verificabili: nessun archivio dei risultati (indicalo con --store)"]
    try:
        runs = _runs_of_result(url, hashlib.sha256(recorded_text.encode("utf-8")).hexdigest())
    except Exception as exc:  # the server down, a damaged file: said, never a traceback
        why = exc.problems[0].message if isinstance(exc, CiclopeError) else type(exc).__name__
        return False, [f"risultati registrati non verificabili: {why} (indica l'archivio con --store)"]
    from ciclope.core.store.engine import redacted

    where = f"nell'archivio {redacted(url)} ({how})"
    if runs is None:
        return False, [f"results.json non è quello registrato {where}: modificato dopo l'esecuzione"]
    edited = check_sums(folder)
    edited += [line for line in check_anchor(folder, url, strict=False) if line not in edited]
    numbers = ", ".join(f"n. {r}" for r in runs) or "registrata"
    lines = [
        f"risultati dell'esecuzione {numbers} intatti: results.json è quello registrato {where}; il ricalcolo "
        "non è possibile perché gli input sono cambiati (l'archivio ne tiene le impronte, non il contenuto)"
    ]
    if edited:
        return False, lines + edited
    sums = "SHA256SUMS e impronte dell'archivio" if anchored_safely(folder, url) else "SHA256SUMS soltanto"
    return True, [*lines, f"output non modificati dopo l'esecuzione ({sums})"]


def _runs_of_result(url: str, sha: str) -> list[int] | None:
    """The runs that recorded the result whose results.json has ``sha`` (None: no such result in the store)."""
    from sqlalchemy import select

    from ciclope.core.store import schema

    with _existing_store(url) as store:
        if store is None:
            return None
        with store.engine.connect() as conn:
            found = conn.execute(select(schema.results.c.id).where(schema.results.c.sha256 == sha)).scalar()
            if found is None:
                return None
            runs = conn.execute(
                select(schema.run_enti.c.run).where(schema.run_enti.c.result == found).order_by(schema.run_enti.c.run)
            ).scalars()
            return list(runs)


def recompute(folder: Path) -> tuple[str, dict, Result | None, list[str]]:
    """Re-run an ente from the inputs recorded in ``folder/results.json``: (recorded text, recorded
    document, fresh Result or None, why not when the inputs changed since)."""
    path = Path(folder) / "results.json"
    if not path.is_file():
        raise CiclopeError([Problem(rule="verify.missing", file=str(path), message="results.json non trovato")])
    try:
        recorded_text = path.read_text(encoding="utf-8")
        recorded = json.loads(recorded_text)
        audit = _checked(recorded)
    except (ValueError, OSError, RecursionError) as exc:  # RecursionError: nesting deeper than json reads
        why = "annidamento troppo profondo" if isinstance(exc, RecursionError) else str(exc)[:200]
        raise CiclopeError(
            [
                Problem(
                    rule="verify.corrupt",
                    file=str(path),
                    message=f"results.json non leggibile o incompleto ({why}): rilancia `ciclope run`",
                )
            ]
        ) from None
    data = Path(audit.get("data") or "")
    if not data.is_dir():
        return recorded_text, recorded, None, [f"cartella dei dati registrata non trovata: {data}"]
    changed = []
    now = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in data.iterdir()
        if p.is_file() and (p.suffix == ".csv" and not p.name.startswith("x_") or p.name in ("ente.toml", "ente.xlsx"))
    }
    now.update(narrative.read(data).files)  # relazione/*.md: fingerprinted as the loader does
    for name, digest in audit.get("inputs", {}).items():
        if name not in now:
            changed.append(f"file di input rimosso: {name}")
        elif now[name] != digest:
            changed.append(f"file di input modificato dopo l'esecuzione: {name}")
    for name in sorted(set(now) - set(audit.get("inputs", {}))):
        changed.append(f"file di input aggiunto dopo l'esecuzione: {name}")
    changed += _rules_changed(audit)
    if changed:
        return recorded_text, recorded, None, changed

    national = audit.get("national", {}) if isinstance(audit.get("national", {}), dict) else {}
    params, problems = resolve_params(recorded["plugin"], recorded["year"], audit.get("overrides", {}), "", national)
    if problems:
        raise CiclopeError(problems)
    cfg = EnteConfig(
        id=recorded["ente"],
        plugin=recorded["plugin"],
        data=data,
        overrides=audit.get("overrides", {}),
        national=national,
        params=params,
    )
    return recorded_text, recorded, compute(cfg, recorded["year"], recorded.get("until", "rendicontazione")), []


def _rules_changed(audit: dict) -> list[str]:
    """The files cycle.toml named as parameters (a declared regulation) that changed or went since the run."""
    recorded = audit.get("override_files", {})
    overrides = audit.get("overrides", {})
    if not isinstance(recorded, dict) or not isinstance(overrides, dict):
        return ["campo audit.override_files non valido"]
    now = override_files({key: overrides.get(key) for key in recorded})
    out = []
    for key, digest in sorted(recorded.items()):
        if key not in now:
            out.append(f"file indicato in cycle.toml ({key}) non trovato: {overrides.get(key)}")
        elif now[key] != digest:
            out.append(f"file indicato in cycle.toml ({key}) modificato dopo l'esecuzione: {overrides.get(key)}")
    return out


def store_of(folder: Path, given: str | None = None) -> str | None:
    """The store a folder's run was recorded in (:func:`find_store`), None when nothing says."""
    return find_store(folder, given)[0]


def find_store(folder: Path, given: str | None = None) -> tuple[str | None, str]:
    """The store a folder's run was recorded in and how it was found: ``--store``; else the one its root's
    summary.json names (``folder`` an ente's folder or the root itself); else the one ``run`` would use for the
    cycle.toml that lists the ente's data folder (``[store] url``, else ``ciclope.db`` beside it: issue 37
    #25). ``(None, "")`` when none says."""

    if given:
        return given, "indicato con --store"
    for root in (folder, folder.parent):
        path = root / "summary.json"
        if marker_kind(root) != "run":  # a summary.json in a folder ciclope did not make names nothing
            continue
        if path.is_file() and not path.is_symlink():
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError, RecursionError):
                continue
            if isinstance(doc, dict) and isinstance(doc.get("store"), str):
                return doc["store"], f"registrato in {path}"
    return _cycle_store(folder)


def _cycle_store(folder: Path) -> tuple[str | None, str]:
    """The store of the cycle.toml (in the data folder's parents) whose ``[[ente]]`` has the recorded data."""
    from ciclope.core.store import store_url

    try:
        doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        data = Path(doc["audit"]["data"]).resolve()
    except (ValueError, OSError, RecursionError, KeyError, TypeError):
        return None, ""
    for parent in list(data.parents)[:4]:
        cfg = parent / "cycle.toml"
        if not cfg.is_file():
            continue
        try:
            toml = read_toml(cfg)
        except (CiclopeError, OSError, ValueError):
            continue
        listed = toml.get("ente")
        enti: list = listed if isinstance(listed, list) else []
        # cycle.toml's keys in English or in Italian («dati», «[archivio] indirizzo»)
        listed_data = [e.get("data", e.get("dati")) for e in enti if isinstance(e, dict)]
        if not any(isinstance(d, str) and (parent / d).resolve() == data for d in listed_data):
            continue
        store = toml.get("store", toml.get("archivio"))
        found = store.get("url", store.get("indirizzo")) if isinstance(store, dict) else None
        url = found if isinstance(found, str) else None
        return store_url(cfg, url or None), f"quello di {cfg}"
    return None, ""


@contextlib.contextmanager
def _existing_store(url: str) -> Iterator[Store | None]:
    """The store at ``url`` as it is, None when it has no digests table: never created nor migrated here
    (a URL read from a file must not make ciclope write into some other database)."""
    from sqlalchemy import inspect

    from ciclope.core.store import Store, store_url
    from ciclope.core.store.commands import readable_store
    from ciclope.core.store.engine import engine_for

    url = store_url(Path.cwd() / "cycle.toml", None, url)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        yield None
        return
    with readable_store(url):
        engine = engine_for(url)
        try:
            yield Store(engine, url) if inspect(engine).has_table("output_sums") else None
        finally:
            engine.dispose()


def anchored(folder: Path, url: str) -> tuple[dict[str, str] | None, str]:
    """The digests the store anchored for ``folder`` at its latest run (None when it has none), and the
    store as shown to people."""
    from sqlalchemy import select

    from ciclope.core.store import redacted, schema

    with _existing_store(url) as store:
        if store is None:
            return None, redacted(url)
        with store.engine.connect() as conn:
            sums = conn.execute(
                select(schema.output_sums.c.sums)
                .where(schema.output_sums.c.output == str(Path(folder).resolve()))
                .order_by(schema.output_sums.c.run.desc())
                .limit(1)
            ).scalar()
    if sums is None:
        return None, redacted(url)
    return {name: digest for digest, _, name in (line.partition("  ") for line in sums.splitlines()) if name}, redacted(
        url
    )


def check_anchor(folder: Path, url: str | None, strict: bool = True) -> list[str]:
    """The outputs that differ from the digests anchored in the store (editing the files and rewriting
    SHA256SUMS is noticed here); a line saying so when the store has none for this folder (``strict``; a store
    only guessed from cycle.toml may just not be the one, e.g. after ``run --no-store``: nothing then)."""
    if url is None:
        return []
    try:
        recorded, shown = anchored(folder, url)
    except CiclopeError as exc:
        return [
            f"impronte nell'archivio non verificabili: {exc.problems[0].message} (indica l'archivio con "
            "--store; per una password usa PGPASSWORD o ~/.pgpass)"
        ]
    except Exception as exc:  # the server down, a refused login
        return [
            f"impronte nell'archivio non verificabili: {type(exc).__name__} (indica l'archivio con --store; "
            "per una password usa PGPASSWORD o ~/.pgpass)"
        ]
    if recorded is None:
        return (
            []
            if not strict
            else [
                f"l'archivio {shown} non ha le impronte di questa cartella: rilancia `ciclope run`, o indica "
                "con --store l'archivio in cui è stata registrata"
            ]
        )
    return [line.replace("dopo l'esecuzione", "rispetto all'archivio") for line in check_sums(Path(folder), recorded)]


def anchored_safely(folder: Path, url: str) -> dict[str, str] | None:
    """:func:`anchored`'s digests, None also when the store cannot be read (check_anchor says why)."""
    try:
        return anchored(folder, url)[0]
    except Exception:  # the server down, a refused login: check_anchor has reported it
        return None


def reanchor(folder: Path, url: str) -> bool:
    """After `ciclope report` added documents: the store's digests of ``folder`` (its latest run) gain those of
    the new files; a file the store anchored keeps its anchored digest, whatever SHA256SUMS now says (an edit
    made with SHA256SUMS rewritten is still noticed). False when the store has none for it."""
    from sqlalchemy import func, select, update

    from ciclope.core.store import schema

    output = str(Path(folder).resolve())
    before, _shown = anchored(folder, url)
    if before is None:
        return False
    now = {
        name: digest
        for digest, _, name in (
            line.partition("  ") for line in (Path(folder) / SUMS).read_text(encoding="utf-8").splitlines()
        )
        if name
    }
    merged = {**now, **before}
    sums = "".join(f"{merged[name]}  {name}\n" for name in sorted(merged))
    with _existing_store(url) as store:
        if store is None:
            return False
        with store.engine.begin() as conn:
            latest = select(func.max(schema.output_sums.c.run)).where(schema.output_sums.c.output == output)
            done = conn.execute(
                update(schema.output_sums)
                .where(schema.output_sums.c.output == output, schema.output_sums.c.run == latest.scalar_subquery())
                .values(sums=sums)
            ).rowcount
    return bool(done)


IDENTICAL, DIFFERENT, INTACT = "identico", "diverso", "intatto"  # the outcomes of :func:`checked`


def verify(folder: Path, store: str | None = None) -> tuple[bool, list[str]]:
    """(identical, lines explaining what differs): :func:`checked`, «intact» counted as not identical."""
    outcome, lines = checked(folder, store)
    return outcome == IDENTICAL, lines


def checked(folder: Path, store: str | None = None) -> tuple[str, list[str]]:
    """(outcome, lines explaining it): IDENTICAL when the recomputation from the recorded inputs gives the same
    results.json and no output was edited; INTACT when the inputs changed since the run (no recomputation) but its
    results.json is the one the store recorded and its outputs are as the run wrote them; DIFFERENT otherwise.
    ``store``: the store whose anchored digests the outputs are compared with too (:func:`store_of`)."""
    recorded_text, recorded, result, changed = recompute(folder)
    if result is None:
        intact, lines = recorded_intact(Path(folder), recorded_text, store)
        return (INTACT if intact and changed else DIFFERENT), changed + lines
    same, lines = _compared(Path(folder), store, recorded_text, recorded, result)
    return (IDENTICAL if same else DIFFERENT), lines


def _compared(
    folder: Path, store: str | None, recorded_text: str, recorded: dict, result: Any
) -> tuple[bool, list[str]]:
    """A recomputed ``result`` against the folder's results.json and documents."""
    edited = check_sums(Path(folder))  # the published outputs too, not only results.json
    from ciclope.core.store.engine import redacted

    url, how = find_store(Path(folder), store)
    guessed = how.startswith("quello di ")  # from cycle.toml: maybe a run with --no-store
    edited += [line for line in check_anchor(Path(folder), url, strict=not guessed) if line not in edited]
    used = [f"archivio delle impronte: {redacted(url)} ({how})"] if url else []
    if guessed and url and anchored_safely(Path(folder), url) is None:
        used = [f"nessuna impronta di questa cartella nell'archivio {redacted(url)} ({how}): confronto con SHA256SUMS"]
    fresh = dumps(result)
    # the documents rendered again from the recomputation, results.json edited or not: every edited file is said
    edited += [line for line in rerendered(Path(folder), result) if not any(line.split(":")[0] in e for e in edited)]
    if fresh == recorded_text and not edited:
        return True, [
            "identico: il ricalcolo dagli input registrati dà lo stesso results.json e gli output non sono "
            "stati modificati",
            *used,
        ]
    if fresh == recorded_text:
        return False, edited + used
    lines = [said_difference(path, a, b, result) for path, a, b in walk(recorded, json.loads(fresh))]
    if recorded.get("plugin_version") != json.loads(fresh).get("plugin_version"):
        lines.insert(0, "versione del plugin diversa da quella registrata")
    return False, (lines or ["results.json diverso (formattazione)"]) + edited + used


# The documents verify renders again from the recomputed result and compares byte for byte (runs are
# byte-identical): an edit is caught with no store and even when SHA256SUMS was edited to match. The PDF
# is Chromium's, not ciclope's bytes; a Relazione's archive section is the store's (anchored there).
RERENDERED = ("relazione.html", "relazione-pubblica.html", "schede.xlsx", "trasparenza.csv", "premi-art20.csv")


def rerendered(folder: Path, result: Any) -> list[str]:
    """A line for each document of ``folder`` that differs from the same document rendered again."""

    names = [n for n in RERENDERED if (folder / n).is_file() and not (folder / n).is_symlink()]
    if not names:
        return []
    lines = []
    with tempfile.TemporaryDirectory(prefix="ciclope-verify.") as tmp:
        write_reports(result, Path(tmp), tuple(names))
        for name in names:
            if not (Path(tmp) / name).is_file():  # a document for publication beside a calculation with errors
                lines.append(f"{name}: {UNPUBLISHABLE}: aggiunto dopo l'esecuzione")
                continue
            new, old = (Path(tmp) / name).read_bytes(), (folder / name).read_bytes()
            if name in RELAZIONI:  # the archive section's body is the store's: the rest around it is compared
                head, tail = (part.encode("utf-8") for part in relazione_edges(result, name))
                same = old.startswith(head) and old.endswith(tail) and len(old) >= len(head) + len(tail)
            else:
                same = new == old
            if not same:
                lines.append(
                    f"{name}: diverso dal documento ricalcolato dagli input registrati: modificato dopo "
                    "l'esecuzione (anche se SHA256SUMS lo conferma)"
                )
    return lines


def _render_into(
    tmp: Path,
    result: Any,
    html_first: list[str],
    missing: tuple[str, ...],
    written: list[str],
    archive: str | None,
    previous: dict | None = None,
) -> None:
    pdf = "relazione-pubblica.pdf" in missing
    with_archive = archive is not None and any(name in RELAZIONI for name in html_first)
    archived = archive is not None
    cuts = {}
    if html_first:
        cuts = write_reports(
            result, tmp, tuple(html_first), open_archive=with_archive, previous=previous, archived=archived
        )
    if with_archive:
        close_relazioni(tmp, cuts, archive, pdf)  # the section, then the PDF printed from the finished page
        fund = tuple(n for n in html_first if n in FUND_DOCUMENTS)
        found = staged_fund(tmp) if fund else None  # left by write_reports for the archive's turn
        if found is not None:
            write_fund(tmp, found[0], found[1], fund, previous, archived)
    elif pdf:
        write_pdf(tmp / "relazione-pubblica.html", tmp / "relazione-pubblica.pdf")
    write_sums(tmp, changed=written)


def _publish_with(here: Path, leave: set[str], fill: Callable[[Path], None]) -> None:
    """The folder ``here`` replaced by a copy of it (less ``leave``) that ``fill`` completes: a kill leaves
    the old folder or the new one, never documents without their digests. The files kept are hard links
    where the system allows (never written in place: ``SHA256SUMS`` is copied)."""

    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP}{here.name}.", dir=here.parent))
    try:
        os.chmod(tmp, here.stat().st_mode & 0o7777)
        for entry in os.scandir(here):
            if entry.name in leave or not entry.is_file(follow_symlinks=False):
                continue
            if entry.name == "SHA256SUMS":
                shutil.copy2(entry.path, tmp / entry.name)
                continue
            try:
                os.link(entry.path, tmp / entry.name)
            except OSError:
                shutil.copy2(entry.path, tmp / entry.name)
        fill(tmp)
        owned.publish(tmp, here)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def report(
    folder: Path, outputs: tuple[str, ...], archive: str | None = None, previous: dict | None = None
) -> tuple[bool, list[str]]:
    """``ciclope report OUT/<id>``: add documents later to a recorded run. A document already in the folder is
    never written again (it may be published, and a re-render without the results store would lose its
    archive sections); the PDF is printed from the ``relazione-pubblica.html`` already there. The ente is
    recomputed from its recorded inputs, and new documents are written only if that gives the recorded
    results.json byte for byte — so they are identical to those of a full run. ``SHA256SUMS`` keeps the
    recorded digest of every existing file and gains the new ones. ``archive``: the Relazioni's archive
    section from the results store (None: the placeholder), rendered with them, never spliced in later; ``previous``:
    the previous year's fund from the store, for the relazione tecnico-finanziaria's comparison."""

    here = Path(folder)
    unfinished = owned.unrecorded_documents(here)  # a report interrupted: its documents written again
    kept = [name for name in outputs if (here / name).exists() and name not in unfinished]
    missing = tuple(dict.fromkeys([*(n for n in outputs if n not in kept), *sorted(unfinished)]))
    lines = [f"{name} già presente: lasciato com'è" for name in kept]
    html_first = [n for n in missing if n != "relazione-pubblica.pdf"]
    if "relazione-pubblica.pdf" in missing and not (here / "relazione-pubblica.html").exists():
        html_first.append("relazione-pubblica.html")
    # the recorded run is checked first, whatever is asked: a damaged or outdated folder gets nothing added
    recorded_text, _recorded, result, changed = recompute(folder)
    if result is None:
        return False, changed + ["documenti non prodotti: rilancia `ciclope run`"]
    if dumps(result) != recorded_text:
        return False, [
            "il ricalcolo non dà lo stesso results.json (plugin o ciclope cambiati): documenti non "
            "prodotti; rilancia `ciclope run`"
        ]
    refused = [] if publishable(result) else [n for n in missing if n in PUBLIC_DOCUMENTS]
    html_first = [n for n in html_first if n not in refused]
    missing = tuple(n for n in missing if n not in refused)
    written = [*html_first, *(["relazione-pubblica.pdf"] if "relazione-pubblica.pdf" in missing else [])]
    _publish_with(
        here, unfinished, lambda tmp: _render_into(tmp, result, html_first, missing, written, archive, previous)
    )
    # a document of something the ente does not have (the fund's, without a fondo sheet) is asked and not made:
    # said so, never «scritto»
    lines += [
        f"scritto {name}" if (here / name).exists() else f"{name} non prodotto: {_not_made(name)}" for name in written
    ]
    lines += [f"{name} non prodotto: {UNPUBLISHABLE}" for name in refused]
    return True, lines


def _not_made(name: str) -> str:
    if name in FUND_DOCUMENTS:
        return "l'ente non costituisce il fondo risorse decentrate nel foglio fondo"
    return "il documento non riguarda questo ente"
