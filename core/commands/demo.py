"""``ciclope demo`` and ``ciclope synth``: the demonstration enti of every plugin, and synthetic ones."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ciclope.core.commands.running import progress, run_log, store_line
from ciclope.core.commands.synth import synth
from ciclope.core.engine.registry import available_plugins, load_plugin
from ciclope.core.inputs.config import load_config
from ciclope.core.output import owned
from ciclope.core.problems import CiclopeError
from ciclope.core.reports.fmt import plural
from ciclope.core.run.console import EXIT_CONFIG, EXIT_ENTE, EXIT_OK, render_problems
from ciclope.core.run.runner import run_plan, summary_table
from ciclope.core.site.build import build
from ciclope.core.store import open_store
from ciclope.core.store.commands import readable_store

DEMO_MARKER = ".ciclope-demo"


DEMO_TEXT = "copia dimostrativa di ciclope: `ciclope demo` la ricrea\n"


DEMO_SITE_TEXT = "portale dimostrativo di ciclope: `ciclope demo` lo ricrea\n"


def _demo_made(folder: Path, text: str) -> bool:
    """Whether ``folder`` is one ``demo`` made: a real folder whose marker is a regular file with its text
    (a link or other content is the user's)."""
    marker = folder / DEMO_MARKER
    if folder.is_symlink() or marker.is_symlink() or not marker.is_file():
        return False
    try:
        return marker.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def cmd_demo(args) -> int:
    target = args.dir.resolve()
    # the demo's own folder: never an office folder whose ciclope.db holds real enti
    owned.claim_root(target, "demo", option="--dir")
    store = target / "ciclope.db"  # one results store for every demo ente, so the portal shows them together
    for name in ("ciclope.db", "ciclope.db-wal", "ciclope.db-shm", "ciclope.db-journal"):
        if (target / name).is_symlink():  # the database would be written where the link points
            raise owned.refuse(target / name, f"{target / name} è un collegamento simbolico: non lo seguo")
    status, outputs = _demo_enti(target, store)
    # a Relazione as it is on disk, in the folder its demo's cycle.toml names ([ciclo] risultati)
    written = sorted(page for folder in outputs for page in folder.glob("*/relazione.html"))
    if written:
        print(f"Apri una Relazione, per esempio {written[0]} (ogni plugin ha la sua cartella in {target}).")
    if store.is_file() and not store.is_symlink():
        with readable_store(str(store)):
            _demo_site(target, store)
    return status


def _demo_enti(target: Path, store: Path) -> tuple[int, list[Path]]:
    """Copy and run every installed plugin's demo into ``target/<plugin>``; the exit code and the folders of
    results written."""
    status = EXIT_OK
    outputs: list[Path] = []
    for name in sorted(available_plugins()):  # every installed plugin that has a demo/
        try:
            demo = load_plugin(name)[1].demo
        except CiclopeError as exc:
            print(f"{name}: non caricabile\n{render_problems(list(exc.problems))}")
            continue
        if demo is None:
            print(f"{name}: nessun ente dimostrativo")
            continue
        dest = target / name
        if os.path.lexists(dest) and not _demo_made(dest, DEMO_TEXT):
            # never delete a folder ciclope did not create: a user's own brescia/ stays
            print(
                f"ciclope: {dest} esiste e non è una cartella dimostrativa di ciclope: non la cancello; "
                "usa --dir con una cartella nuova",
                file=sys.stderr,
            )
            status = EXIT_CONFIG
            continue
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(demo, dest, ignore=shutil.ignore_patterns("__pycache__", "risultati", "out", "ciclope.db*"))
        (dest / DEMO_MARKER).write_text(DEMO_TEXT, encoding="utf-8")
        plan = load_config(dest / "cycle.toml")
        print(f"== {name} ({plan.year}) ==")
        log = run_log(plan, str(store), "rendicontazione")
        outcomes = run_plan(plan, progress=progress(), log=log)
        print(summary_table(outcomes))
        print(f"Risultati in {plan.output}")
        outputs.append(plan.output)
        stored = store_line(log)
        print()
        if not stored or any(o.status != "ok" for o in outcomes):
            status = EXIT_ENTE
    return status, outputs


def _demo_site(target: Path, store: Path) -> None:
    """The demo's portal in ``target/sito``, rebuilt when demo made it, left alone otherwise."""
    site = target / "sito"
    if os.path.lexists(site) and not _demo_made(site, DEMO_SITE_TEXT):  # never delete what ciclope did not make
        print(f"ciclope: {site} esiste e non è il portale dimostrativo: non lo tocco", file=sys.stderr)
        return
    archive = open_store(f"sqlite:///{store}")
    try:
        if site.exists():
            shutil.rmtree(site)
        built = build(archive, site, every_year=True)
    finally:
        archive.close()
    (site / DEMO_MARKER).write_text(DEMO_SITE_TEXT, encoding="utf-8")
    years = ", ".join(str(y) for y in built.years if y != built.year)
    print(
        f"Il portale è in {site}/index.html: il {built.year} ({plural(built.enti, 'ente', 'enti')})"
        + (f" e gli altri anni dimostrativi ({years}), raggiungibili da ogni pagina." if years else ".")
    )


def cmd_synth(args) -> int:
    if args.enti < 1 or args.people < 10:
        print("ciclope: servono almeno 1 ente e 10 persone", file=sys.stderr)
        return EXIT_CONFIG
    if os.path.lexists(args.dir / "cycle.toml"):
        print(
            f"ciclope: {args.dir / 'cycle.toml'} esiste già: non lo sovrascrivo; scegli una cartella nuova",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if args.per_servizio is not None and args.per_servizio < 2:
        print("ciclope: --per-servizio vuole almeno 2 persone per servizio", file=sys.stderr)
        return EXIT_CONFIG
    owned.claim_root(args.dir, "synth", option="DIR")  # a new or empty folder: never over enti already there
    path = synth(args.dir, args.enti, args.people, args.seed, args.year, args.plugin or None, args.per_servizio)
    print(f"Scritti {args.enti} enti sintetici; configurazione: {path}")
    return EXIT_OK
