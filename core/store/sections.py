"""The Relazione's "Andamento negli anni e posizionamento comparativo" section, from the store.

``ciclope run`` writes each Relazione with a one-line placeholder between two markers
(:data:`core.reports.html.ARCHIVE_START` / ``ARCHIVE_END``); once every ente of the run is in the store,
:func:`refresh_relazioni` replaces it with the ente's trends, its multi-year objectives (in the plan's
last year) and its benchmark position, in ``relazione.html`` and ``relazione-pubblica.html`` (aggregates
only: no person appears), re-renders the PDF if there is one and rewrites ``SHA256SUMS``. Without earlier
years or comparable enti the section says so in one line, never an empty chart."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ciclope.core.reports import fmt
from ciclope.core.reports.html import ARCHIVE_END, ARCHIVE_START, blocks
from ciclope.core.reports.model import Block, Heading, Prose, Table, Text, columns
from ciclope.core.reports.svg import trend_lines
from ciclope.core.store import Store
from ciclope.core.store.benchmark import MIN_ENTI, Benchmark
from ciclope.core.store.history import Trend, plans, trend

KIND_LABELS = {"ente": "Ente", "area": "Area strategica", "objective": "Obiettivo", "indicator": "Indicatore"}


def archive_html(
    store: Store, ente: str, year: int, bench: Benchmark | None, history: bool = True, multi_year: bool = True
) -> str:
    """The section's body. ``history`` / ``multi_year`` False: the caller knows the store has no earlier
    year of the ente / no plan ending this year (saves the queries for a run of many enti)."""
    parts: list[Block] = [Heading("Andamento negli anni")]
    parts += trend_html(trend(store, ente, year) if history else Trend(ente, (year,), ()))
    multi = plans(store, ente, year) if multi_year else []
    if multi:
        parts.append(Heading("Obiettivi del piano pluriennale"))
        parts += plans_html(multi)
    parts.append(Heading("Posizionamento comparativo"))
    parts += position_html(bench, ente, year)
    return blocks(parts)


def trend_html(t: Trend) -> list[Block]:
    if not t.has_history:
        return [
            Text(
                "Nessun anno precedente nell'archivio dei risultati per questo ente: l'andamento comparirà "
                "dal prossimo ciclo registrato.",
                "empty",
            )
        ]
    head = ["", "Codice", *[str(y) for y in t.years]]
    rows = [
        (
            KIND_LABELS[r.kind] + (f" — {r.label}" if r.kind != "ente" else ""),
            r.ident if r.kind != "ente" else "",
            *[fmt.pct(v) for v in r.values],
        )
        for r in t.rows
    ]
    numeric = range(2, 2 + len(t.years))
    chart_series = [(r.label if r.kind != "ente" else "Ente", r.values) for r in t.rows if r.kind in ("ente", "area")][
        :6
    ]
    return [
        Prose(trend_lines("andamento-grafico", "Performance dell'ente e delle aree negli anni", t.years, chart_series)),
        Table("", columns(head, numeric), rows, style="trend"),
        *trend_notes(t),
        Text(
            "Fonte: l'archivio dei risultati di ciclope, ultima esecuzione completa di ogni anno "
            "(confronto con il triennio precedente).",
            "note",
        ),
    ]


def trend_notes(t: Trend) -> list[Block]:
    """What a reader must know to compare the columns: the years with no result (gaps), and every change of the
    regulation applied between years (areas and indicators may differ across it)."""
    out: list[Block] = []
    if t.missing:
        out.append(
            Text(
                "Nessun risultato registrato per "
                + ", ".join(str(y) for y in t.missing)
                + ": la colonna è vuota e il grafico interrompe la linea.",
                "note",
            )
        )
    for year, before, now in t.changes:
        out.append(
            Text(
                f"Dal {year} il regolamento applicato è cambiato ({before} → {now}): aree e indicatori possono "
                "non essere confrontabili con gli anni precedenti.",
                "note",
            )
        )
    return out


def plans_html(objectives) -> list[Block]:
    out: list[Block] = []
    for o in objectives:
        rows = []
        for y in o.years:
            if not y.stored:
                rows.append((str(y.year), "non presente nell'archivio", fmt.NONE))
                continue
            detail = "; ".join(
                f"{name} ({ident}): target {target}, consuntivo {actual}"
                for ident, name, target, actual in y.indicators
            )
            rows.append((str(y.year), detail or fmt.NONE, fmt.pct(y.achievement)))
        out.append(Heading(f"{o.objective} — {o.title} (piano {o.first}–{o.last})", 4))
        out.append(
            Table("", columns(["Anno", "Indicatori: target e consuntivo", "Grado di raggiungimento"], [2]), rows)
        )
        out.append(Text(f"Avanzamento cumulato: {fmt.pct(o.cumulative)}"))
    out.append(
        Text(
            "Avanzamento cumulato: media dei gradi di raggiungimento degli anni del piano presenti nell'archivio, "
            "ogni anno con lo stesso peso (ipotesi: le fonti non lo definiscono; obiettivi triennali con target "
            "per ogni annualità).",
            "note",
        )
    )
    return out


def position_html(bench: Benchmark | None, ente: str, year: int) -> list[Block]:
    comparable = 0 if bench is None else bench.enti
    positions = [] if bench is None else bench.positions(ente)
    if bench is None or bench.performance is None or not positions:
        return [
            Text(
                f"Posizionamento comparativo non disponibile: servono almeno {MIN_ENTI} enti con risultati del "
                f"{year} nell'archivio (presenti: {comparable}).",
                "empty",
            )
        ]
    rows = [
        (
            what,
            fmt.decimal_it(round(p.value, 4)) if "Performance" not in what else fmt.pct(p.value),
            f"{p.rank}° su {p.of}",
            f"{p.quartile}° quartile",
            fmt.decimal_it(round(p.median, 4)) if "Performance" not in what else fmt.pct(p.median),
        )
        for what, p in positions
    ]
    return [
        Table(
            "", columns(["Grandezza", "Valore dell'ente", "Posizione", "Quartile", "Mediana degli enti"], [1, 4]), rows
        ),
        Text(
            f"Confronto tra i {bench.enti} enti con risultati del {year} nell'archivio, sugli indicatori dichiarati "
            "confrontabili (stesso codice di catalogo, o stesso codice, tipo e nome). 1° = il valore migliore; "
            "quartili come QUARTILE.INC di Excel, e il quartile di ogni ente letto da quei valori.",
            "note",
        ),
    ]


def splice(path: Path, body: str, dest: Path | None = None) -> None:
    """Put ``body`` between the archive markers of the Relazione in ``path``, working on its bytes: a
    30,000-person ente's Relazione is ~12 MB, and decoding, slicing and encoding it as text held four
    copies at once (+80 MB of peak memory, docs/performance.md). A Relazione without the markers (written
    by an older ciclope) is copied as it is.

    With ``dest`` the result is a new file there (the refresh builds a new folder, see :func:`_refresh`).
    Without it a published Relazione is never rewritten in place (a kill would leave it
    half-written): the new bytes go to a hidden file beside it, renamed over the name in one step, so the
    name holds the old Relazione or the new one, whole."""
    data = path.read_bytes()
    start, end = data.find(ARCHIVE_START.encode()), data.find(ARCHIVE_END.encode())
    if start < 0 or end < start:
        if dest is not None:
            dest.write_bytes(data)
        return
    at = start + len(ARCHIVE_START.encode())
    if dest is None:
        fd, name = tempfile.mkstemp(prefix=".ciclope-tmp.", dir=path.parent)
        os.close(fd)
    target = dest if dest is not None else Path(name)
    try:
        with open(target, "xb" if dest is not None else "r+b") as fh:
            fh.write(memoryview(data)[:at])
            fh.write(("\n" + body + "\n").encode("utf-8"))
            fh.write(memoryview(data)[end:])
            fh.truncate()
        if dest is None:
            shutil.copymode(path, target)
            os.replace(target, path)
    except BaseException:
        if dest is None:
            Path(target).unlink(missing_ok=True)
        raise


def refresh_relazioni(store: Store, out: Path, year: int, outcomes: Iterable, jobs: int = 1) -> None:
    """Fill the archive section of the Relazioni of the enti just run (see the module docstring). With
    ``jobs`` > 1 the enti are shared among that many processes, each with its own connection to the
    store: this step comes after every ente is stored, so in one process it would be the serial tail of a
    ``--jobs`` run."""
    from collections import Counter

    from sqlalchemy import select

    from ciclope.core.store import schema

    bench = store.benchmark(year)
    everything = store.current()
    years = Counter(c.ente for c in everything if c.year <= year)
    this_year = [c.result_id for c in everything if c.year == year]
    with store.engine.connect() as conn:
        planned = set(
            conn.execute(
                select(schema.objectives.c.result)
                .where(schema.objectives.c.plan_last == year, schema.objectives.c.result.in_(this_year))
                .distinct()
            ).scalars()
        )
    by_ente = {c.ente: c.result_id for c in everything if c.year == year}
    tasks = [(o.id, years[o.id] > 1, by_ente.get(o.id) in planned) for o in outcomes]
    if jobs > 1 and len(tasks) >= 2 * jobs:
        from concurrent.futures import ProcessPoolExecutor

        chunks = [tasks[i :: jobs * 4] for i in range(jobs * 4)]  # interleaved: big and small enti mixed
        # the benchmark reaches each worker once, as it starts (inherited by a forked one): sent with every chunk
        # it would be pickled by the parent again and again, in the run's serial tail
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_open_in_worker, initargs=(store.url, out, year, bench)
        ) as pool:
            for _ in pool.map(_refresh_chunk, [chunk for chunk in chunks if chunk]):
                pass  # map re-raises a worker's exception here
        return
    for ente, history, multi_year in tasks:
        _refresh(store, out / ente, ente, year, bench, history=history, multi_year=multi_year)


_WORKER: tuple[Store, Path, int, Benchmark] | None = None  # a refresh worker's store, output folder, year, benchmark


def _open_in_worker(url: str, out: Path, year: int, bench: Benchmark) -> None:
    """A refresh worker: dies with its parent, opens its own connection (a connection is never shared
    between processes) and keeps what every chunk of enti needs."""
    global _WORKER
    from ciclope.core.output.workers import die_with_parent
    from ciclope.core.store import open_store

    die_with_parent()
    _WORKER = (open_store(url), out, year, bench)


def _refresh_chunk(chunk: list[tuple[str, bool, bool]]) -> None:
    assert _WORKER is not None
    store, out, year, bench = _WORKER
    for ente, history, multi_year in chunk:
        _refresh(store, out / ente, ente, year, bench, history=history, multi_year=multi_year)


def refresh_folder(url: str, folder: Path) -> None:
    """``ciclope report OUT/<ente> --store URL``: the same section as ``ciclope run`` writes."""
    import json

    from ciclope.core.store import open_store, store_url

    doc = json.loads((Path(folder) / "results.json").read_text(encoding="utf-8"))
    store = open_store(store_url(Path.cwd() / "cycle.toml", None, url))  # a file path is relative to here
    try:
        _refresh(store, Path(folder), doc["ente"], doc["year"], store.benchmark(doc["year"]))
    finally:
        store.close()


def _refresh(
    store: Store, folder: Path, ente: str, year: int, bench: Benchmark, history: bool = True, multi_year: bool = True
) -> None:
    from ciclope.core.output.outroot import SUMS, write_sums
    from ciclope.core.output.owned import publish
    from ciclope.core.reports.public import write_pdf

    names = [n for n in ("relazione.html", "relazione-pubblica.html") if (folder / n).is_file()]
    if not names:
        return
    body = archive_html(store, ente, year, bench, history, multi_year)
    # A new folder beside the ente's, with the unchanged outputs linked in and the Relazioni, the PDF
    # and SHA256SUMS written anew, then exchanged with it in one step: a kill leaves the old outputs or
    # the new ones, each with its own SHA256SUMS, never Relazioni that SHA256SUMS does not describe.
    tmp = Path(tempfile.mkdtemp(prefix=f".ciclope-tmp.{ente}.", dir=folder.parent))
    try:
        os.chmod(tmp, stat.S_IMODE(folder.stat().st_mode))
        pdf = "relazione-pubblica.pdf"
        for entry in os.scandir(folder):
            if entry.name in names:
                splice(Path(entry.path), body, tmp / entry.name)
                shutil.copymode(entry.path, tmp / entry.name)
            elif entry.name == SUMS or entry.name == pdf:
                shutil.copy2(entry.path, tmp / entry.name)  # rewritten below: never a link to the old file
            else:
                _link_or_copy(Path(entry.path), tmp / entry.name)
        changed = list(names)
        if (tmp / pdf).is_file():
            write_pdf(tmp / "relazione-pubblica.html", tmp / pdf)
            changed.append(pdf)
        write_sums(tmp, changed)
        publish(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _link_or_copy(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:  # a file system without hard links
        shutil.copy2(src, dest)
