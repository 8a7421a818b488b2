"""The commands about the installed regulations: ``plugins``, ``new-plugin``, ``regolamento leggi``, ``template``."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from ciclope.core.commands.scaffold import REGULATION_PLUGIN, create, create_regulation
from ciclope.core.commands.template import REFUSED, InvalidRegulation, build
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks, available_layers, available_plugins, unknown_plugin
from ciclope.core.plugininfo import COMPARTO_PER_ENTE
from ciclope.core.problems import CiclopeError
from ciclope.core.reports import fmt
from ciclope.core.run.console import EXIT_CONFIG, EXIT_OK, render_problems


def cmd_plugins(args) -> int:
    year = dt.date.today().year
    for name in sorted(available_plugins()):
        try:
            hooks, info = Hooks.for_plugin(name)
            specs = hooks.first(hookspecs.ciclope_params, year=year) or {}
        except CiclopeError as exc:
            print(f"{name}: non caricabile\n{render_problems(list(exc.problems))}")
            continue
        print(f"{info.name} {info.version}  (modulo {info.module})")
        if info.comparto:
            layers = ", ".join(layer.name for layer in info.layers) or "nessuno installato"
            said = "scelto da ogni ente" if info.comparto == COMPARTO_PER_ENTE else info.comparto
            print(f"  comparto: {said} (livello nazionale: {layers})")
        for reg in info.regulations:
            print(f"  regolamento: {fmt.regulation(reg, info.documents)}")
        for pname, spec in specs.items():  # by the key [ente.parametri] of cycle.toml writes (the code an alias)
            flag = "  [ipotesi]" if spec.assumption else ""
            since = f" (in vigore dal {fmt.date_it(spec.since)})" if spec.since else ""
            bound = "  [limiti: il CCNL in vigore nell'anno]" if spec.national else ""
            code = f" (codice {pname})" if spec.key != pname else ""
            shown = _short(fmt.param_cell(spec, spec.value))
            print(f"  {spec.key}{code} = {shown}{since}  — {fmt.cite(spec.source, info.documents)}{flag}{bound}")
        print()
    _print_layers()
    return EXIT_OK


def _print_layers() -> None:
    """The comparto layers and their dated provisions (``ciclope plugins``)."""
    for _, info in available_layers():
        print(f"{info.name} {info.version}  (livello nazionale del comparto {info.comparto}, modulo {info.module})")
        for reg in info.regulations:
            print(f"  fonti: {reg}")
        for row in info.provisions:
            value = f" = {row.describe()}" if row.describe() else ""
            print(
                f"  {row.id}{value} (in vigore dal {fmt.date_it(row.since)})  — {row.title}; {row.source} [{row.confidence}]"
            )
        print()


def _short(value) -> str:
    text = fmt.value(value) if not isinstance(value, str) else value
    if isinstance(value, tuple):
        text = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else fmt.value(v) for v in value)
    return text if len(text) < 80 else text[:77] + "…"


def cmd_regulation(args) -> int:
    """The regulation file read back by the plugin of declared regulations (``ciclope_regulation_text``)."""
    hooks, _ = Hooks.for_plugin(REGULATION_PLUGIN)
    answer = hooks.first(hookspecs.ciclope_regulation_text, path=str(args.file), markdown=args.md)
    if answer is None:  # pragma: no cover - the plugin is part of the package
        print(f"ciclope: il plugin {REGULATION_PLUGIN} non sa leggere il regolamento", file=sys.stderr)
        return EXIT_CONFIG
    text, problems = answer
    if problems and not text:
        raise CiclopeError(problems)
    print(text, end="")
    return EXIT_OK


def cmd_new_plugin(args) -> int:
    if args.toml:
        path = create_regulation(args.name)
        print(f"Creato {path}")
        print(f'  in cycle.toml: [[ente]] plugin = "regolamento"  regolamento = "{path.name}"')
        print("  guida: docs/regolamento.md; controllo: ciclope validate cycle.toml")
        return EXIT_OK
    dest = create(args.name)
    print(f"Creato {dest}")
    print(
        f"  pip install -e '{dest}[test]'\n  ciclope plugins\n  ciclope run {dest}/ciclope_{args.name}/demo/cycle.toml"
    )
    return EXIT_OK


def kept_store_words(store: str | None, fund: bool = False) -> str:
    """What ``template --from`` did with the store of the year before, and what the store the new run is recorded in
    gives: the comparison of next year's fund (Modulo III of the relazione tecnico-finanziaria) where the ente
    constitutes its fund (``fund``), which an ente without one has no report of; the two years side by side by
    ``ciclope history`` and ``ciclope diff`` otherwise."""
    if store:
        gives = (
            "la relazione tecnico-finanziaria confronta il fondo con quello dell'anno prima (Modulo III)"
            if fund
            else "ciclope history e ciclope diff confrontano i due anni"
        )
        return f"Il nuovo ciclo usa lo stesso archivio dell'anno prima ({store}, in [archivio] indirizzo di cycle.toml): {gives}."
    compare = "il fondo con l'anno prima (Modulo III)" if fund else "i due anni con ciclope history e ciclope diff"
    return (
        "L'anno prima è stato eseguito senza archivio, o il suo archivio non si trova: il nuovo ciclo ne usa uno nuovo. "
        f"Per confrontare {compare} i due cicli devono usare lo stesso archivio: "
        "scrivilo in [archivio] indirizzo di cycle.toml, o indicalo con --store."
    )


def cmd_template(args) -> int:
    if args.plugin not in available_plugins():
        raise CiclopeError([unknown_plugin(args.plugin)])
    if args.file.suffix.lower() == ".xlsx" and os.path.lexists(args.file):
        print(f"ciclope: {args.file}: indica un file .xlsx nuovo (non sovrascrivo)", file=sys.stderr)
        return EXIT_CONFIG
    try:
        done = build(args.plugin, args.file, args.source, args.year)
    except InvalidRegulation as exc:
        print(f"{REFUSED}\n{render_problems(exc.problems)}", file=sys.stderr)
        return EXIT_CONFIG
    if done.written:  # a second template on the office's folder writes nothing: it only says what it kept
        print(f"Scritti: {', '.join(str(p) for p in done.written)}.")
    if done.kept:
        print(f"Tenuti come erano (già presenti, non sovrascritti): {', '.join(str(p) for p in done.kept)}.")
    if args.file.suffix.lower() == ".xlsx":
        if done.emptied:
            print(emptied_words(done.emptied))
        print(
            "Compila i fogli sotto le intestazioni (la nota di ogni intestazione spiega la colonna, i valori "
            "ammessi e un esempio) e completa ente.toml; il file va chiamato ente.xlsx nella cartella dell'ente "
            "indicata da cycle.toml. Le parti della Relazione scritte dall'ufficio vanno nei file relazione/*.md, "
            "facoltativi."
        )
        return EXIT_OK
    ente = next(p.parent for p in done.written + done.kept if p.name == "ente.xlsx")
    if args.source is not None:
        print(kept_store_words(done.store, done.fund))
        if done.emptied:  # of a workbook written now (one kept is the office's, as it was)
            print(emptied_words(done.emptied))
        if done.decided:
            print(decided_words(done.decided))
        if done.funds_of is not None:
            ran, prepared = done.funds_of
            print(
                f"I fondi di ente.toml ([fondi]) sono quelli del {ran}, l'anno eseguito: scrivete quelli del {prepared} "
                "quando sono costituiti."
            )
    print(next_steps(ente, args.file / "cycle.toml", args.source is not None))
    return EXIT_OK


def emptied_words(columns: tuple[str, ...]) -> str:
    """What ``template --from`` left empty of the year before: the columns of the year's facts, to write anew."""
    return (
        f"Le colonne dei fatti dell'anno sono vuote, da scrivere con quelli del nuovo anno: {', '.join(columns)}; "
        "il resto dei dati viene dall'anno prima, da rileggere."
    )


def decided_words(columns: tuple[tuple[str, int], ...]) -> str:
    """What ``template --from`` wrote of what the year run decided (the year of a progression given), column by
    column with how many people: the rest of each column is as the year had it."""
    said = ", ".join(f"{column} di {n} {'persona' if n == 1 else 'persone'}" for column, n in columns)
    return f"Le colonne che l'anno eseguito ha cambiato sono aggiornate: {said}; le altre celle sono come erano."


RELAZIONE_PARTS = (
    "Le parti della Relazione scritte dall'ufficio (presentazione, contesto, risorse, pari opportunità…) vanno nei "
    "file {}/*.md, facoltativi."
)


def next_steps(ente: Path, cycle: Path, next_year: bool) -> str:
    """What the office does with the folder written: a blank one is filled, then checked and run. The next year's
    (``--from``) is checked at once, but only up to the year's start: its cards have no points until the collection
    (docs/anno-ufficio.md §1), so the full check would refuse every item; the full check and the run are the year's
    end."""
    parts = RELAZIONE_PARTS.format(ente / "relazione")
    if not next_year:
        return (
            f"Compila i fogli di {ente / 'ente.xlsx'} sotto le intestazioni (la nota di ogni intestazione spiega la "
            f"colonna, i valori ammessi e un esempio) e completa {ente / 'ente.toml'} con i fondi e le date degli "
            f"atti. {parts} Poi: ciclope validate {cycle} e ciclope run {cycle}."
        )
    return (
        f"Aggiorna per il nuovo anno i fogli di {ente / 'ente.xlsx'} (persone, unità, obiettivi e target; le voci "
        f"delle schede restano senza punti fino alla raccolta) e {ente / 'ente.toml'} (i fondi e le date degli atti). "
        f"{parts} Poi, a inizio anno: ciclope validate {cycle} --until pianificazione. A fine anno, raccolti i punti "
        f"delle schede (ciclope raccolta crea e ciclope raccolta unisci): ciclope validate {cycle} e ciclope run "
        f"{cycle}."
    )
