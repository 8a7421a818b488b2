"""``relazione-pubblica.html`` (and ``.pdf``): the Relazione an ente can publish.

It is what the calendar's "pubblicazione della Relazione" means: the same organizational figures as
``relazione.html`` (areas, objectives, indicators, units, monitoring, calendar, parameters), with
**no personal data** — no names, no person ids. Person-level sections become aggregates: the levels
and the premi come from the transparency tables (``trasparenza.csv``), where a group of fewer than 3
people shows ``<3``; a responsible person is shown by role; plugin sections and violation messages,
which may name people, are left out (their counts remain).

The PDF is printed by headless Chromium (Debian's ``chromium``) when it is installed: ``run --outputs
…,pdf`` or ``ciclope report OUT/<ente> --outputs pdf``; a real browser engine lays out the A4 print
CSS exactly as the HTML shows it, and no Python PDF library here matches it.
"""

from __future__ import annotations

import contextlib
import ctypes  # noqa: F401  (imported before the fork: workers.die_with, in the child, finds it loaded)
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ciclope.core.inputs.narrative import BY_KEY as PARTS
from ciclope.core.output.workers import die_with
from ciclope.core.phases import PHASE_NAMES
from ciclope.core.reports import fmt, html, progressions, sheets, stats, transparency
from ciclope.core.reports.disclosure import said
from ciclope.core.reports.model import (
    Block,
    Figures,
    Heading,
    Kpis,
    Objective,
    Person,
    Report,
    Section,
    Table,
    Text,
    columns,
)
from ciclope.core.reports.relazione import acts, annexes, build, objectives, organization
from ciclope.core.reports.relazione.names import Names, not_run, reached
from ciclope.core.reports.relazione.organization import EVALUATED_KPI, NO_FUND, NO_PREMIUM_FUND, PAID_KPI
from ciclope.core.reports.relazione.worded import worded
from ciclope.core.result import Result

PUBLIC_SECTIONS = (
    "sintesi",
    "aree",
    "obiettivi",
    "unita",
    "monitoraggio",
    "individuale",
    "premi",
    "sezioni",
    "andamento",
    "violazioni",
    "calendario",
    "note",
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
CONTROL = (
    "Controllo della riservatezza (D.Lgs. 33/2013 art. 20, dati in forma aggregata): una fascia o un livello di "
    "meno di 3 persone (o pagato a meno di 3) è unito a quello sotto («alta e intermedia»); dove non basta gli "
    "importi sono «riservato», come quelli che permetterebbero di ricavarne un altro per differenza, e un fondo di "
    "premi pagato a meno di 3 persone non dice neppure quante (delle progressioni si dice quante persone sono "
    "selezionate, non quanto costano). I totali dell'ente e il numero delle persone di ogni riga (un livello, o i "
    "livelli che unisce) sono sempre pubblicati; le medie sono sulle persone pagate."
)
# the premiums' table follows the people's, under the same control: said once, in full, where the page first needs it
CONTROL_AGAIN = (
    "Controllo della riservatezza: lo stesso delle persone per livello, nella sezione «Valutazione individuale»."
)
DEGREE_NOTE = (
    "Grado di differenziazione: per il personale, premio pro capite della fascia (o del livello) più premiata "
    "diviso quello della meno premiata con premio; per {lead}, importo individuale più alto diviso il "
    "più basso non nullo. Un rapporto, non un importo."
)
FOOTER = (
    "Versione pubblicabile (Amministrazione trasparente): nessun nome né identificativo di persona; gli "
    "importi di gruppi di meno di 3 persone sono «riservato». Prodotta da ciclope."
)


def disclose(report: Report, r: Result) -> Report:
    """The internal Relazione made publishable: the sections that are about one person are left out (the
    dirigenti, the regulation's own tables), those that count or pay people are replaced by their aggregates
    from the transparency tables (:mod:`.disclosure`: a group under 3 is «riservato»), the rest keep every block
    that is not personal, with each person named by role."""
    sections = []
    for s in report.sections:
        if s.ident in AGGREGATES:
            blocks = AGGREGATES[s.ident](r)
            if blocks:  # the regulation's sections may all be about people: then none is published
                sections.append(Section(s.ident, s.title, blocks))
        elif s.ident in PUBLIC_SECTIONS or s.ident in PARTS:
            sections.append(Section(s.ident, s.title, [b for b in map(lambda b: withheld(b, r), s.blocks) if b]))
    meta = f"Ciclo {r.ente.year} · {acts(r)} · fasi eseguite fino a «{PHASE_NAMES[r.until]}» · versione pubblicabile"
    return Report(report.title, report.ente, meta, tuple(sections), FOOTER)


def withheld(b: Block, r: Result) -> Block | None:
    """A block as the public page shows it: ``None`` when it is about one person."""
    if isinstance(b, Objective):
        return None if b.personal else b
    if isinstance(b, Figures):  # the score charts could show a class of one or two people
        return Figures(tuple(f for f in b.figures if not f.personal), b.empty if r.org is not None else "")
    if isinstance(b, Kpis):  # the head counts and the money as the transparency tables publish them
        return Kpis(
            tuple((label, PUBLIC_KPIS[label](r) if label in PUBLIC_KPIS else value) for label, value in b.items)
        )
    if isinstance(b, Table) and any(isinstance(c, Person) for row in b.rows for c in row):
        return attrs.evolve(b, rows=[by_role(row) for row in b.rows])
    return b


def by_role(row: Sequence[Any]) -> Sequence[Any]:
    """A row with every person named by role; a row's style (total, child) is kept."""
    cells = tuple(c.role if isinstance(c, Person) else c for c in row)
    return type(row)(cells) if isinstance(row, tuple) else cells


def people_kpi(r: Result) -> str:
    found = {ln.key: ln for ln in transparency.lines(r) if ln.section == "sintesi"}
    return f"{_count(found['persone_valutate'])} / {_count(found['persone'])}"


def money_kpi(r: Result) -> str:
    if r.rewards is not None and not r.ledger.pools:
        return NO_FUND
    total = transparency.find(r, "fondi", "", "totale") if r.rewards is not None else None
    if total is None:
        return fmt.NONE
    return f"{_money(total, total.total)} / {fmt.euro(total.allocated)}"


def paid_kpi(r: Result) -> str:
    found = {ln.key: ln for ln in transparency.lines(r) if ln.section == "sintesi"}
    return f"{transparency.paid_unevaluated(r)} / {_count(found['persone'])}"


PUBLIC_KPIS = {
    EVALUATED_KPI: people_kpi,
    PAID_KPI: paid_kpi,  # a count alone is no one's pay (rules/core.md §6)
    "Premi distribuiti / stanziati": money_kpi,
    progressions.KPI: lambda r: progressions.kpi(r, public=True),  # the cost of fewer than 3 withheld
}


def individual(r: Result) -> list[Block]:
    if not reached(r, "valutazione"):
        return [not_run(r, "valutazione")]
    named = functools.partial(transparency.group_named, r)
    lines = transparency.lines(r)
    rows = [(named(ln.group), ln.item, _count(ln)) for ln in lines if ln.section == "livello" and not ln.merged]
    intro = f"Persone per livello di valutazione, separatamente per {named(stats.LEAD)} e per il personale. {CONTROL}"
    intro += merged_note(r, lines) + personal_note(r)
    head = columns(("Gruppo", "Livello / esito", "Persone"), (2,))
    unscored = stats.unscored(r)  # where nobody has a score, the internal Relazione's sentence (no names in it)
    return [
        *((Text(unscored),) if unscored else ()),
        Text(intro, "muted"),
        Table("", head, rows, empty="Nessuna valutazione individuale."),
    ]


PERSONAL = (
    " Chi è escluso dal premio per una ragione personale (assenze, sanzioni) è contato all'esito della sua "
    "valutazione e tra le persone non pagate, senza dirne la ragione."
)


def personal_note(r: Result) -> str:
    """Where the rules may exclude someone for a fact of their life (absences, a sanction:
    ``PluginInfo.private_statuses``), the sentence that says where they are counted: at their evaluation's outcome
    (:func:`stats.evaluation_classes`), so that an outcome's row, merged or not, is read as counting them too, without
    naming the reason. Said by the rules, whoever they excluded: said only when someone was so excluded, beside the
    people not paid and the outcomes named, it would tell a small office how many lost their premium so."""
    return PERSONAL if r.rewards is not None and r.plugin.private_statuses else ""


def merged_note(r: Result, lines: list[transparency.Line]) -> str:
    """Where a group of 1–2 people is in the ente's totals only (rules/core.md §6), the sentence that says so."""
    groups = sorted({ln.group for ln in lines if ln.merged})
    said = fmt.listed(transparency.group_named(r, g) for g in groups)
    return f" {said[:1].upper()}{said[1:]}: meno di 3 persone, compresi nei totali dell'ente." if groups else ""


# the compensi that are not performance premiums (incentivi di legge) close the table of the funds with their own total
TOTALS = {"incentivi": "Totale dei compensi non collegati alla performance"}


def rewards(r: Result) -> list[Block]:
    if not reached(r, "premialita"):
        return [not_run(r, "premialita")]
    lines = transparency.lines(r)
    pools = [
        (
            ln.item if ln.key != "totale" else TOTALS.get(ln.section, "Totale"),
            ln.allocation or fmt.euro(ln.allocated),
            _money(ln, ln.total),
            ln.allocation or _money(ln, None if ln.total is None or ln.allocated is None else ln.allocated - ln.total),
        )
        for ln in lines
        if ln.section in ("fondi", "posizione", "incentivi")
    ]
    groups = [
        (
            transparency.SECTION_LABELS[ln.section],
            transparency.group_named(r, ln.group),
            ln.item,
            _count(ln),
            _money(ln, ln.total),
            _money(ln, ln.mean),
            "" if ln.unpaid is None else str(ln.unpaid),  # a count, as trasparenza.csv publishes it
        )
        for ln in lines
        if ln.section in ("livello", "fascia") and not ln.merged
    ]
    out: list[Block] = [
        Heading("Fondi"),
        Table("", columns(("Fondo", "Stanziato", "Distribuito", "Residuo"), (1, 2, 3)), pools, empty=NO_PREMIUM_FUND),
        *_progressions(r),
        Heading(
            "Premi per livello e fascia (D.Lgs. 33/2013 art. 20)"
            if any(ln.section == "fascia" for ln in lines)
            else "Premi per livello (D.Lgs. 33/2013 art. 20)"
        ),
        Table("", columns(GROUP_HEAD, (3, 4, 5, 6)), groups, empty="Nessun premio."),
    ]
    degrees = [
        (transparency.group_named(r, ln.group), said(ln.hidden) or fmt.ratio(ln.ratio))
        for ln in lines
        if ln.section == "differenziazione"
    ]
    if degrees:
        out.append(Heading("Grado di differenziazione nell'utilizzo della premialità"))
        out.append(Table("", columns(("Gruppo", "Grado (rapporto)"), (1,)), degrees))
        out.append(Text(DEGREE_NOTE.format(lead=transparency.group_named(r, stats.LEAD)), "muted"))
    out.append(Text(CONTROL_AGAIN, "muted"))
    return out


# the mean is over the people paid: those paid nothing are counted apart, so that total / (persone − non pagate) is
# the mean a reader redoes
GROUP_HEAD = (
    "Sezione",
    "Gruppo",
    "Voce",
    "Persone",
    "Importo totale",
    "Importo medio per persona pagata",
    "Persone non pagate",
)


def _progressions(r: Result) -> list[Block]:
    """The progressioni economiche in aggregate, from a fund that pays no premium: how many were selected, what they
    cost, what is left; no names, and the cost of fewer than 3 withheld with the residual that would give it."""
    found = progressions.rows(r, public=True)
    if not found:
        return []
    note = (
        "Le progressioni economiche (differenziali stipendiali) non sono premi: il fondo che le finanzia, quante "
        "persone sono selezionate e quanto costano, senza nomi; il costo di meno di 3 persone non si pubblica."
    )
    return [
        Heading("Progressioni economiche"),
        Text(note, "muted"),
        Table("", columns(progressions.HEAD, (1, 2, 3, 4)), found),
    ]


def violations(r: Result) -> list[Block]:
    rules = [v for v in r.violations if not v.is_notice]
    errors = sum(1 for v in rules if v.is_error)
    said = (
        f"Violazioni del regolamento riscontrate nel calcolo: {fmt.plural(errors, 'errore', 'errori')}, "
        f"{fmt.plural(len(rules) - errors, 'avviso', 'avvisi')} (il dettaglio, che può nominare persone, "
        "è nella Relazione interna)."
    )
    return [Text(said, "muted")]


def notes(r: Result) -> list[Block]:
    # a reader knows a parameter by what it rules, not by its name in params.toml
    return annexes.notes(r, named=False)


def regulation(r: Result) -> list[Block]:
    """The regulation's own sections that describe its rules, never a person (the declared regulation read back,
    the national provisions): the other sections of the regulation may name people and are left out."""
    out: list[Block] = []
    for table in sheets.plugin_sections(r, public=True):
        out.append(Heading(table.title))
        if table.note:
            out.append(Text(table.note, "muted"))
        out.append(worded(table))
    return out


def units(r: Result) -> list[Block]:
    """The units by name, never by code (a code is the office's), each head by role."""
    return [b for b in (withheld(b, r) for b in organization.units(r, Names(r, public=True))) if b]


def plan(r: Result) -> list[Block]:
    """The objectives and their indicators, each responsible unit by its name alone: the objective's code stays (it
    is the plan's, how the published PIAO names it), the unit's is the office's."""
    return [b for b in (withheld(b, r) for b in objectives.objectives(r, Names(r, public=True))) if b]


AGGREGATES = {
    "obiettivi": plan,
    "unita": units,
    "individuale": individual,
    "premi": rewards,
    "sezioni": regulation,
    "violazioni": violations,
    "note": notes,
}


def _count(ln) -> str:
    """A head count is always published (rules/core.md §6): a count alone is no one's pay."""
    return "" if ln.count is None else str(ln.count)


def _money(ln, x) -> str:
    if ln.hidden:  # a group too small, or a figure that would give another by difference: in words, as trasparenza.csv
        return said(ln.hidden)
    return fmt.euro(x) if x is not None else fmt.NONE


def render(result: Result) -> str:
    return "".join(html.pieces(disclose(build(result), result)))


def write(result: Result, path: Path) -> None:
    html.write_report(disclose(build(result), result), path)


def write_report(report: Report, result: Result, path: Path, open_archive: bool = False) -> int | None:
    """The public Relazione of an internal one already built: its blocks are shared, not made again.
    ``open_archive``: the archive section left open (:func:`.html.write_open`, whose cut it gives)."""
    if open_archive:
        return html.write_open(disclose(report, result), path)
    html.write_report(disclose(report, result), path)
    return None


def chromium() -> str | None:
    return next(
        (
            p
            for p in (
                os.environ.get("CICLOPE_CHROMIUM"),
                shutil.which("chromium"),
                shutil.which("chromium-browser"),
                shutil.which("google-chrome"),
            )
            if p
        ),
        None,
    )


def write_pdf(html_path: Path, pdf_path: Path, timeout: float = 60) -> None:
    """Print ``html_path`` to ``pdf_path`` (A4, the page's print CSS) with headless Chromium; OSError with an
    Italian message when there is no Chromium or it fails.

    Chromium dies with the run (issue 37 #26): it starts in a process group of its own, with the kernel told to
    kill it when this process dies (``PR_SET_PDEATHSIG``, Linux), and the whole group — the browser and its
    renderers — is killed on a timeout or an exception here, so a killed run leaves nothing printing."""
    exe = chromium()
    if exe is None:
        raise OSError("per il PDF serve Chromium (pacchetto Debian 'chromium'), non trovato")
    with tempfile.TemporaryDirectory(prefix="ciclope-chromium-") as profile:
        args = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}"]
        code = _print(args + [html_path.resolve().as_uri()], timeout)
    if code != 0 or not pdf_path.is_file():
        raise OSError(f"Chromium non ha prodotto il PDF (codice {code})")


def _print(args: list[str], timeout: float) -> int:
    """Run Chromium in its own process group bound to this process's life; its exit code."""
    proc = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: killpg reaches the renderers too
        preexec_fn=functools.partial(_die_with_parent, os.getpid()) if sys.platform.startswith("linux") else None,
    )
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise OSError(f"Chromium non ha finito il PDF entro {timeout:g} secondi") from None
    except BaseException:
        _kill_group(proc)
        raise
    _kill_group(proc)  # a renderer still alive after the browser exited goes too
    return code


def _die_with_parent(parent: int) -> None:  # pragma: no cover - runs in the child, between fork and exec
    """In the child: SIGKILL when the parent dies, ignoring a libc without prctl; a parent already gone before
    the prctl (killed between fork and here) ends the child at once."""
    if die_with(signal.SIGKILL) and os.getppid() != parent:
        os._exit(1)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
