"""The ``ciclope`` command line's arguments, every command's in one place, in Italian.

Building the parser imports no command's code: :mod:`ciclope.core.commands.cli` imports a command's module
only when that command runs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import unicodedata
from pathlib import Path

from ciclope.core.fmt import quoted
from ciclope.core.phases import PHASES
from ciclope.core.run.console import EXIT_CONFIG
from ciclope.core.values import parse_date

# argparse's own words in Italian ("the following arguments are required" in an Italian tool).
# argparse looks its messages up through the module-level gettext function ``argparse._``.
ARGPARSE_IT = {
    "usage: ": "uso: ",
    "the following arguments are required: %s": "mancano argomenti obbligatori: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "scelta non valida: %(value)r (ammesse: %(choices)s)",
    "invalid %(type)s value: %(value)r": "valore non valido (%(type)s): %(value)r",
    "expected one argument": "serve un valore",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "opzione ambigua: %(option)s può essere %(matches)s",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "one of the arguments %s is required": "serve uno degli argomenti %s",
    "not allowed with argument %s": "non ammesso insieme a %s",
    "expected at least one argument": "serve almeno un valore",
    "expected %s argument": "servono %s valori",
    "subcommands": "comandi",
}
argparse._ = lambda text: ARGPARSE_IT.get(text, text)  # type: ignore[attr-defined]


def _phase(text: str) -> str:
    """A phase name as people write it: accents and case do not matter (premialità = premialita)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.strip().lower()) if not unicodedata.combining(c))
    return plain


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own exit code is 2 too; keep the message Italian-friendly
        self.print_usage(sys.stderr)
        print(f"ciclope: errore: {message}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ciclope", description="Il ciclo della performance per molti enti (D.Lgs. 150/2009).")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="esegue il ciclo per gli enti della configurazione")
    run.add_argument("config", type=Path)
    run.add_argument("--ente", action="append", default=[], metavar="ID", help="solo questo ente (ripetibile)")
    run.add_argument(
        "--until",
        type=_phase,
        choices=PHASES,
        default="rendicontazione",
        help="si ferma dopo questa fase; prima dell'ultima scrive in OUT/FASE/, mai sopra i risultati di fine anno",
    )
    run.add_argument("--jobs", type=int, default=1, metavar="N", help="processi in parallelo")
    run.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDI",
        help="tempo massimo per ente, ciascuno in un processo a sé: un ente che si blocca o fa cadere il "
        "processo fallisce da solo (default: 3600 con --jobs maggiore di 1; 0: nessun limite)",
    )
    run.add_argument("--out", type=Path, help="cartella di output (default: [ciclo] risultati in cycle.toml)")
    add_store_options(run)
    run.add_argument(
        "--outputs",
        default="results,relazione,pubblica,schede,trasparenza,art20,fondo",
        metavar="ELENCO",
        help="output da scrivere, separati da virgole: results (sempre), relazione, pubblica "
        "(relazione-pubblica.html), schede, trasparenza, art20, fondo (relazione tecnico-finanziaria del fondo, "
        "per un ente che lo indica), pdf (i PDF, con Chromium); gli altri si producono dopo con `ciclope report`",
    )

    val = sub.add_parser("validate", help="controlla configurazione e dati, senza produrre output")
    val.add_argument("config", type=Path)
    val.add_argument("--ente", action="append", default=[], metavar="ID")
    val.add_argument(
        "--until",
        type=_phase,
        choices=PHASES,
        default="rendicontazione",
        help="controlla fino a questa fase, come `run --until` (es. monitoraggio a luglio)",
    )
    val.add_argument(
        "--oggi",
        type=_date,
        metavar="GG/MM/AAAA",
        help="data di riferimento: un atto di [atti] datato dopo è segnalato come data futura (default: oggi)",
    )

    exp = sub.add_parser("explain", help="spiega da dove viene una cifra")
    exp.add_argument("config", type=Path, help="il file cycle.toml del ciclo")
    exp.add_argument(
        "--ente", metavar="ID", help="l'ente, come lo chiama cycle.toml (non serve se il ciclo ne ha uno solo)"
    )
    what = exp.add_mutually_exclusive_group(required=True)
    for kind, words in EXPLAINED.items():
        what.add_argument(f"--{kind}", metavar="ID", help=words)
    exp.add_argument("--json", action="store_true", help="output JSON per strumenti")
    add_store_options(exp, writes=False)

    cal = sub.add_parser("calendar", help="scadenze del regolamento per l'anno, atti in ritardo o mancanti")
    cal.add_argument("config", type=Path)
    cal.add_argument("--ente", action="append", default=[], metavar="ID")
    cal.add_argument("--ics", type=Path, metavar="FILE", help="scrive un file iCalendar")
    cal.add_argument(
        "--promemoria",
        type=_days,
        metavar="GIORNI",
        help="con --ics: un promemoria (VALARM) tanti giorni prima di ogni scadenza",
    )
    cal.add_argument(
        "--oggi",
        type=_date,
        metavar="GG/MM/AAAA",
        help="data di riferimento: gli atti non ancora scaduti sono 'da fare' (default: oggi)",
    )

    syn = sub.add_parser("synth", help="scrive enti sintetici (dimostrazioni e benchmark)")
    syn.add_argument("dir", type=Path, metavar="DIR")
    syn.add_argument("--enti", type=bounded(1, 10_000, "numero di enti"), default=10, metavar="N")
    syn.add_argument("--people", type=bounded(10, 1_000_000, "numero di persone"), default=300, metavar="M")
    syn.add_argument("--seed", type=bounded(0, 2**63 - 1, "seme"), default=1, metavar="S")
    syn.add_argument("--year", type=YEAR, default=2021)
    syn.add_argument("--plugin", action="append", default=[], help="solo questi plugin (ripetibile)")
    syn.add_argument(
        "--per-servizio",
        type=int,
        metavar="K",
        help="un servizio ogni K persone e un'area (con il suo dirigente) ogni 10 servizi: "
        "l'organigramma cresce con l'ente (default: al più 5 aree di 2-4 servizi)",
    )

    tpl = sub.add_parser(
        "template",
        help="la cartella dell'ufficio per un ente: il modello Excel da compilare (vuoto o precompilato), ente.toml e cycle.toml",
    )
    tpl.add_argument("plugin", help="il regolamento (nome del plugin)")
    tpl.add_argument(
        "file",
        type=Path,
        metavar="CARTELLA",
        help="la cartella dell'ufficio da preparare: cycle.toml, la cartella dell'ente con ente.xlsx, ente.toml e "
        "relazione/ (con un file .xlsx: il solo modello, con ente.toml accanto)",
    )
    start = tpl.add_mutually_exclusive_group()  # a run's data are the next year's: no other year to choose
    start.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="OUT/ENTE",
        help="precompila l'anno dopo da un'esecuzione: strutture, persone, obiettivi, target",
    )
    start.add_argument(
        "--year",
        type=YEAR,
        metavar="ANNO",
        help="l'anno del ciclo (default: quello di cycle.toml nella cartella, se c'è, altrimenti l'anno in corso): "
        "le colonne, le voci del foglio fondo e gli esempi sono quelli del contratto in vigore in quell'anno",
    )

    rep = sub.add_parser("report", help="produce i documenti di un ente da un'esecuzione registrata")
    rep.add_argument("folder", type=Path, help="OUT/<ente>, con il suo results.json")
    rep.add_argument(
        "--outputs",
        default="relazione,pubblica,schede,trasparenza,art20,fondo",
        metavar="ELENCO",
        help="documenti da scrivere (default: relazione,pubblica,schede,trasparenza,art20,fondo; anche pdf)",
    )
    rep.add_argument(
        "--store",
        metavar="URL",
        help="archivio dei risultati da cui riprendere andamento e posizionamento nella Relazione "
        "(come ciclope run; senza, la Relazione dice che lo storico non è disponibile)",
    )

    ver = sub.add_parser(
        "verify",
        help="ricalcola un ente dagli input registrati e confronta",
        description="Codici di uscita: 0 identico; 3 input cambiati dopo l'esecuzione, risultati registrati e "
        "output intatti; 1 diverso o non verificabile; 2 nulla da verificare.",
    )
    ver.add_argument("folder", type=Path, metavar="OUT/ID")
    ver.add_argument(
        "--store",
        metavar="URL",
        help="archivio con le impronte degli output (default: quello indicato in OUT/summary.json)",
    )

    sub.add_parser("plugins", help="plugin installati, versione, fonti, parametri in vigore")

    new = sub.add_parser("new-plugin", help="crea ./ciclope-NOME/, un plugin installabile per un nuovo ente")
    new.add_argument("name", metavar="NOME")
    new.add_argument(
        "--toml",
        action="store_true",
        help="crea invece ./NOME.toml, un regolamento dichiarato commentato (plugin regolamento, docs/regolamento.md)",
    )

    add_compare(sub)

    add_store_commands(sub, add_store_options)

    add_site(sub, add_store_options)

    add_raccolta(sub)

    add_schede(sub)

    add_regulation(sub)

    demo = sub.add_parser("demo", help="esegue gli enti dimostrativi di ogni plugin installato in ./ciclope-demo/")
    demo.add_argument("--dir", type=Path, default=Path("ciclope-demo"))
    return p


def add_regulation(sub) -> None:
    """``ciclope regolamento leggi FILE.toml``: a declared regulation read back as Italian articles."""
    reg = sub.add_parser("regolamento", help="il regolamento dichiarato in un file TOML (docs/regolamento.md)")
    actions = reg.add_subparsers(dest="azione", required=True, parser_class=_Parser)
    read = actions.add_parser(
        "leggi",
        help="stampa il regolamento come articoli in italiano, ciascuno con la sua fonte, da confrontare con l'atto "
        "approvato",
    )
    read.add_argument("file", type=Path, metavar="FILE.toml")
    read.add_argument("--md", action="store_true", help="in Markdown")


# what ``explain`` explains, each by its code in the ente's files (or the fund's name in ente.toml [fondi])
EXPLAINED = {
    "person": "una persona: il suo punteggio, il livello e ogni premio, fino alle celle",
    "indicator": "un indicatore: il raggiungimento, dal consuntivo e dal target",
    "objective": "un obiettivo: il raggiungimento, dai suoi indicatori",
    "position": "una posizione organizzativa: la pesatura e la retribuzione",
    "pool": "un fondo: l'importo, il distribuito e il residuo",
    "unit": "un'unità organizzativa: la performance, dai suoi obiettivi",
    "area": "un'area strategica: la performance, dai suoi obiettivi",
}


def add_store_options(parser: argparse.ArgumentParser, writes: bool = True) -> None:
    """``--store URL`` (and ``--no-store`` for the commands that write): the results store (docs/store.md)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--store",
        metavar="URL",
        help="archivio dei risultati: sqlite:///file.db, postgresql://utente@host/db o un file "
        "(default: [archivio] indirizzo in cycle.toml, altrimenti ciclope.db accanto a cycle.toml)",
    )
    if writes:
        group.add_argument("--no-store", action="store_true", help="non registra l'esecuzione nell'archivio")


def _days(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 366:
        raise argparse.ArgumentTypeError(f"giorni non validi {quoted(text)}: un numero da 0 a 366")
    return int(text)


def bounded(low: int, high: int, what: str):
    """An argparse type: an integer from ``low`` to ``high``, else an Italian error (never an overflow
    further on, never a run that cannot end)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} non valido {quoted(text[:30])}: un numero intero da {low} a {high}"
            )
        return value

    return parse


YEAR = bounded(1990, 2200, "anno")


def _date(text: str) -> dt.date:
    """A date as the data files take it: 31/12/2026, 31.12.2026 or 2026-12-31."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_store_commands(sub, add_store_options) -> None:
    """``history``, ``diff``, ``benchmark`` (run by :mod:`ciclope.core.store.commands`)."""
    h = sub.add_parser("history", help="la serie negli anni delle cifre di un ente, dall'archivio dei risultati")
    h.add_argument("config", help="cycle.toml (per trovare l'archivio)")
    h.add_argument("--ente", required=True, metavar="ID")
    what = h.add_mutually_exclusive_group()
    what.add_argument("--indicator", metavar="ID", help="un indicatore: target, consuntivo e grado per anno")
    what.add_argument("--objective", metavar="ID", help="un obiettivo: grado per anno e avanzamento del piano")
    h.add_argument("--json", action="store_true", help="output JSON per strumenti")
    add_store_options(h, writes=False)

    d = sub.add_parser(
        "diff",
        help="che cosa è cambiato tra due esecuzioni o due anni di un ente",
        description="Le cifre dell'ente cambiate e, per ogni persona il cui punteggio o importo è cambiato, il "
        "nome, i valori prima e dopo con la differenza, i suoi dati cambiati (tabella, riga e colonna) o perché "
        "il suo importo si è mosso.",
    )
    d.add_argument("config")
    d.add_argument("--ente", required=True, metavar="ID")
    d.add_argument(
        "--run",
        action="append",
        type=bounded(1, 2**62, "numero di esecuzione"),
        default=[],
        metavar="N",
        help="due esecuzioni (--run A --run B)",
    )
    d.add_argument(
        "--year", action="append", type=YEAR, default=[], metavar="ANNO", help="due anni (--year A --year B)"
    )
    d.add_argument("--json", action="store_true")
    add_store_options(d, writes=False)

    b = sub.add_parser("benchmark", help="confronto tra gli enti di un anno nell'archivio dei risultati")
    b.add_argument("config")
    b.add_argument("--year", type=YEAR, metavar="ANNO", help="default: l'anno più recente nell'archivio")
    b.add_argument(
        "--tutti",
        dest="every",
        action="store_true",
        help="ogni ente in ogni graduatoria (senza: i primi e gli ultimi 5 di una graduatoria lunga)",
    )
    b.add_argument("--json", action="store_true")
    add_store_options(b, writes=False)


def add_compare(sub) -> None:
    cmp = sub.add_parser(
        "compare",
        help="simula scenari di parametri e fondi su un ente e li confronta (nessun output nella cartella dell'ente)",
    )
    cmp.add_argument("config", type=Path)
    cmp.add_argument(
        "--ente",
        action="append",
        default=[],
        metavar="ID",
        help="ente da confrontare (ripetibile; default: tutti gli enti, che devono avere lo stesso plugin)",
    )
    cmp.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NOME=FILE.toml",
        help="scenario: [parametri] come in [ente.parametri] e facoltativo [fondi] (ripetibile)",
    )
    cmp.add_argument(
        "--reform",
        action="append",
        default=[],
        metavar="NOME",
        help="applica a uno scenario una riforma non ancora in vigore (es. ddl_merito; mai applicata da run)",
    )
    cmp.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="cartella per compare.json, compare.html, compare.xlsx"
    )
    cmp.add_argument(
        "--explain-person", metavar="P", help="mostra la catena di calcolo della persona P in ogni scenario"
    )


def add_site(sub, add_store_options) -> None:
    p = sub.add_parser("site", help="il portale: un sito statico di tutti gli enti dall'archivio dei risultati")
    p.add_argument("config", nargs="?", help="cycle.toml (per trovare l'archivio; non serve con --store)")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="cartella del sito")
    p.add_argument("--year", type=int, metavar="ANNO", help="default: l'anno più recente nell'archivio")
    p.add_argument(
        "--public", action="store_true", help="versione pubblicabile: nessun nome né identificativo di persona"
    )
    p.add_argument(
        "--tutti-gli-anni",
        action="store_true",
        help="anche gli altri anni dell'archivio, ciascuno in DIR/ANNO/, ogni pagina con i collegamenti agli anni",
    )
    p.add_argument("--serve", action="store_true", help="dopo averlo costruito, serve il sito su 127.0.0.1")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="porta per --serve (default 8000)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="processi in parallelo (come ciclope run)")
    p.add_argument(
        "--oggi",
        type=_date,
        metavar="GG/MM/AAAA",
        help="data a cui il calendario giudica gli atti: 'da fare', 'mancante', data futura (default: oggi)",
    )
    add_store_options(p, writes=False)


def add_raccolta(sub) -> None:
    p = sub.add_parser("raccolta", help="le schede di valutazione raccolte da ciascun valutatore, e di ritorno")
    what = p.add_subparsers(dest="raccolta", required=True, metavar="{crea,unisci}")
    crea = what.add_parser("crea", help="una cartella di lavoro Excel per ogni valutatore, da compilare")
    crea.add_argument("config", type=Path, help="cycle.toml")
    crea.add_argument("--ente", required=True, metavar="ID")
    crea.add_argument("--out", required=True, type=Path, metavar="DIR", help="cartella nuova o vuota")
    unisci = what.add_parser("unisci", help="unisce ai dati dell'ente le cartelle restituite")
    unisci.add_argument("config", type=Path, help="cycle.toml")
    unisci.add_argument("--ente", required=True, metavar="ID")
    unisci.add_argument("dir", type=Path, metavar="DIR", help="la cartella scritta da `raccolta crea`")


def add_schede(sub) -> None:
    p = sub.add_parser(
        "schede-personali",
        help="una scheda per ogni persona (HTML e PDF su A4), da consegnare al colloquio con la firma per presa visione",
    )
    p.add_argument("folder", type=Path, metavar="OUT/ENTE", help="la cartella di un ente scritta da `ciclope run`")
    p.add_argument("--persona", action="append", default=[], metavar="ID", help="solo questa persona (ripetibile)")
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="cartella delle schede (default: schede-personali/<ente> accanto alla cartella di output)",
    )
    p.add_argument("--solo-html", action="store_true", help="senza PDF (non serve Chromium)")
