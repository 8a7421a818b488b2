"""``ciclope raccolta crea cycle.toml --ente ID --out DIR`` and ``ciclope raccolta unisci cycle.toml --ente ID DIR``."""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import sys
from pathlib import Path
from typing import Any

import attrs

from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks
from ciclope.core.fmt import quoted
from ciclope.core.inputs.config import load_config, resolve_params
from ciclope.core.inputs.loading import load_ente, merge_schemas
from ciclope.core.output import owned
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.raccolta import entedata, layout, lock, manifest, merge, readback, xlsxedit
from ciclope.core.raccolta.manifest import Manifest, Sent, file_name
from ciclope.core.raccolta.plan import plan as make_plan
from ciclope.core.raccolta.readback import Returned
from ciclope.core.raccolta.status import render
from ciclope.core.raccolta.workbook import build
from ciclope.core.reports.fmt import plural
from ciclope.core.run.console import render_problems

EXIT_OK, EXIT_ENTE, EXIT_CONFIG = 0, 1, 2
README = """Raccolta delle valutazioni {year} — {name} ({ente})

1. Invia a ciascun valutatore la sua cartella di lavoro, che trovi in {sent}/ (una per valutatore,
   con il suo nome nel file). Ognuno compila solo le celle gialle: i punti delle schede delle sue
   persone e i consuntivi degli indicatori di cui risponde.
2. Salva ogni cartella restituita in {returned}/ (il nome del file non conta).
3. Lancia `ciclope raccolta unisci {config} --ente {ente} {folder}`: la tabella dice chi ha
   restituito, chi manca e quali schede sono incomplete. Si può rilanciare a ogni nuovo arrivo: ciò che è
   già unito non cambia. Prima di modificare i dati dell'ente ne salva una copia in backup/.

Non modificare {manifest}: è il riferimento dei controlli.
"""


def main(args: argparse.Namespace) -> int:
    return crea(args) if args.raccolta == "crea" else unisci(args)


def _ente(args: argparse.Namespace) -> tuple[Any, Any]:
    plan = load_config(args.config)
    return plan, plan.ente(args.ente)


def _params(cfg: Any, year: int) -> Any:
    """The ente's parameters as a run resolves them (a declared regulation's cards are there); problems in
    them are the run's to report."""
    if cfg.params is not None:
        return cfg.params
    return resolve_params(cfg.plugin, year, cfg.overrides, cfg.id, cfg.national)[0]


def crea(args: argparse.Namespace) -> int:
    plan, cfg = _ente(args)
    out: Path = args.out
    owned.check_root(out, "raccolta", [plan.path, cfg.data])
    if (out / layout.MANIFEST).exists():
        raise owned.refuse(out, f"{out} contiene già una raccolta: indica una cartella nuova per crearne un'altra")
    if cfg.invalid:  # the cards follow the regulation: an ente whose regulation has errors gets none
        print(f"{cfg.id}: regolamento con errori: correggilo prima di creare la raccolta", file=sys.stderr)
        print(render_problems(list(cfg.invalid)), file=sys.stderr)
        return EXIT_ENTE
    hooks, _ = Hooks.for_plugin(cfg.plugin)
    params = _params(cfg, plan.year)
    hooks = hooks.for_ente(params)
    try:
        ente = load_ente(
            cfg.data,
            cfg.id,
            plan.year,
            merge_schemas(hooks.answers(hookspecs.ciclope_input_schema, params=params)),
            collecting=True,
        )
    except CiclopeError as exc:
        print(f"{cfg.id}: dati non caricabili: correggili prima di creare la raccolta", file=sys.stderr)
        print(render_problems(list(exc.problems)), file=sys.stderr)
        return EXIT_ENTE
    batches = make_plan(ente, hooks, params)
    owned.claim_root(out, "raccolta", [plan.path, cfg.data])
    created = dt.datetime.now().isoformat(timespec="seconds")
    token, secret = secrets.token_hex(16), secrets.token_hex(32)
    signer = Manifest(cfg.id, plan.year, cfg.plugin, token, created, (), secret, str(ente.name))
    sent = _write_batches(out, batches.batches, ente, signer)
    owned.folder_inside(out, layout.RETURNED)
    manifest = attrs.evolve(signer, sent=tuple(sent))
    owned.write_inside(out, layout.MANIFEST, manifest.dumps())
    text = README.format(
        config=args.config,
        folder=out,
        year=plan.year,
        name=ente.name,
        ente=cfg.id,
        sent=layout.SENT,
        returned=layout.RETURNED,
        manifest=layout.MANIFEST,
    )
    owned.write_inside(out, "LEGGIMI.txt", text.encode("utf-8"))
    _report_created(out, sent, batches, ente)
    return EXIT_OK


def _write_batches(out: Path, batches: Any, ente: Any, signer: Manifest) -> list[Sent]:
    taken: set[str] = set()
    sent = []
    for batch in batches:
        name = file_name(batch.evaluator, taken)
        data, cells = build(batch, signer.ente, ente.name, signer.year, signer.token, signer.signature(batch.evaluator))
        owned.write_inside(out, f"{layout.SENT}/{name}", data)
        sent.append(
            Sent(
                evaluator=batch.evaluator,
                file=name,
                label=batch.label,
                external=batch.external,
                people=tuple(c.person for c in batch.cards),
                indicators=tuple(m.indicator for m in batch.measures),
                cells=cells,
            )
        )
    return sent


def _report_created(out: Path, sent: list[Sent], batches: Any, ente: Any) -> None:
    print(
        f"Raccolta {ente.year if hasattr(ente, 'year') else ''} di {ente.name}: "
        f"{plural(len(sent), 'cartella', 'cartelle')} in {out / layout.SENT}"
    )
    for s in sent:
        kind = " (esterno)" if s.external else ""
        counts = f"{plural(len(s.people), 'scheda', 'schede')}, {plural(len(s.indicators), 'indicatore', 'indicatori')}"
        print(f"  {s.file:<24} {s.label}{kind}: {counts}")
    if batches.unassigned:
        print(f"avviso: senza valutatore (nessuna cartella): {', '.join(batches.unassigned)}", file=sys.stderr)
    if batches.without_card:
        print(
            f"Senza scheda da compilare (il regolamento non ne prevede o non è nota): {plural(len(batches.without_card), 'persona', 'persone')}"
        )
    print(f"Le cartelle restituite vanno salvate in {out / layout.RETURNED}; poi `ciclope raccolta unisci`.")


def unisci(args: argparse.Namespace) -> int:
    plan, cfg = _ente(args)
    folder: Path = args.dir
    if owned.marker_kind(folder) != "raccolta":
        raise owned.refuse(folder, f"{folder} non è una cartella scritta da `ciclope raccolta crea`")
    man = manifest.load(folder)
    if man.ente != cfg.id or man.year != plan.year:
        raise CiclopeError(
            [
                Problem(
                    rule="raccolta.ente",
                    file=str(folder / layout.MANIFEST),
                    message=f"la raccolta è dell'ente {quoted(man.ente)} per il {man.year}, non di {quoted(cfg.id)} "
                    f"per il {plan.year}",
                )
            ]
        )
    returned = [readback.read(p, man) for p in _returned_files(folder)] + _not_files(folder)
    written: list[Path] = []
    backup: Path | None = None
    with lock.held(cfg.data):
        src = entedata.source(cfg.data)
        grids = entedata.read(src)
        tally = merge.merge(grids, returned, src.xlsx, man.year)
        cells = entedata.cells_changed(grids) if tally.changed else 0
        if tally.changed:
            written, backup = entedata.write(src, grids, tally.changed, folder / "backup")
    print(render(man, returned, tally))
    if backup is not None:
        print(f"Copia dei dati dell'ente prima della modifica: {backup}")
    if written:
        print(
            f"Dati dell'ente aggiornati ({plural(cells, 'cella scritta', 'celle scritte')}; ogni altra cella e riga resta com'era): "
            + ", ".join(str(p) for p in written)
        )
        _recalculate_notice(written)
    else:
        print("Nessuna modifica ai dati dell'ente.")
    return EXIT_ENTE if _problems(returned, tally) else EXIT_OK


def _recalculate_notice(written: list[Path]) -> None:
    """The workbook's formulas lost their cached values (:mod:`.xlsxedit`): the office opens and saves it, so
    that every spreadsheet, and ciclope, reads values computed from the merged cells."""
    for path in written:
        count = xlsxedit.formulas(path.read_bytes()) if path.suffix == ".xlsx" else 0
        if count:
            print(
                f"{path.name}: {plural(count, 'formula', 'formule')} da ricalcolare con i dati uniti: apri il file "
                "con Excel o LibreOffice e salvalo prima di `ciclope run` (ciclope legge i valori calcolati)",
                file=sys.stderr,
            )


def _returned_files(folder: Path) -> list[Path]:
    where = folder / layout.RETURNED
    if not where.is_dir():
        return []
    return sorted(
        p
        for p in where.iterdir()
        if p.is_file()
        and not p.is_symlink()
        and not p.name.startswith((".", "~$"))
        and p.suffix.lower() in (".xlsx", ".xls", ".xlsm")
    )


def _not_files(folder: Path) -> list[Any]:
    """A link, a folder or a special file in ``ricevute/`` named like a workbook: never opened (a FIFO would
    hang, a link may point anywhere), and said, so that its evaluator is not silently «mancante»."""
    where = folder / layout.RETURNED
    if not where.is_dir():
        return []
    found = []
    for p in sorted(where.iterdir()):
        if p.name.startswith((".", "~$")) or p.suffix.lower() not in (".xlsx", ".xls", ".xlsm"):
            continue
        if p.is_symlink() or not p.is_file():
            kind = "un collegamento" if p.is_symlink() else ("una cartella" if p.is_dir() else "un file speciale")
            problem = Problem(
                rule="raccolta.cartella",
                file=f"{layout.RETURNED}/{p.name}",
                message=f"è {kind}, non una cartella di lavoro: non la apro; salva in {layout.RETURNED}/ il file "
                "ricevuto (una copia, non un collegamento)",
            )
            found.append(Returned(file=p.name, sha256="", received="", problems=(problem,)))
    return found


def _problems(returned: list[Any], tally: Any) -> list[Problem]:
    found = [p for r in returned for p in r.problems] + list(tally.problems)
    if found:
        print(render_problems(found), file=sys.stderr)
    return [p for p in found if p.is_error]
