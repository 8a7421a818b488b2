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
import ctypes
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..result import Result
from . import fmt, transparency
from .html import PHASE_NAMES, Page, Raw, not_run, reached, table, tag

PUBLIC_SECTIONS = (
    "sintesi",
    "aree",
    "obiettivi",
    "unita",
    "monitoraggio",
    "individuale",
    "premi",
    "andamento",
    "violazioni",
    "calendario",
    "note",
)
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
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


class PublicPage(Page):
    """The Relazione without personal data."""

    def person(self, pid: str | None) -> str:
        if not pid:
            return fmt.NONE
        p = self.ente.people.get(pid)
        return fmt.ROLE_LABELS.get(p.role, "persona") if p is not None else "persona"

    def objective_order(self) -> list[tuple[str, int]]:
        """The ente's and units' objectives only: an individual objective (or one a person owns, and what hangs
        under it) is about one person, and its achievement is part of that person's evaluation."""
        ente = self.ente

        def personal(oid: str | None, seen: frozenset[str] = frozenset()) -> bool:
            o = ente.objectives.get(oid) if oid else None
            if o is None or oid in seen:
                return False
            if o.kind == "individual" or (o.owner is not None and o.owner in ente.people):
                return True
            return personal(o.parent, seen | {o.id})

        return [(oid, depth) for oid, depth in super().objective_order() if not personal(oid)]

    def charts(self) -> Raw:
        # the area and unit charts only: the score histogram could show a class of one or two people
        org = self.org
        saved, self.r = self.r, _without_scores(self.r)
        try:
            return super().charts() if org is not None else Raw("")
        finally:
            self.r = saved

    def individual(self) -> list[Any]:
        if not reached(self.r, "valutazione"):
            return [not_run(self.r, "valutazione")]
        rows = [(ln.group, ln.item, _count(ln)) for ln in transparency.lines(self.r) if ln.section == "livello"]
        return [
            tag(
                "p",
                f"Persone per livello di valutazione, separatamente per dirigenti e PO e per il personale. {CONTROL}",
                "muted",
            ),
            table(
                ("Gruppo", "Livello / esito", "Persone"), rows, numeric=(2,), empty="Nessuna valutazione individuale."
            ),
        ]

    def kpi_people(self) -> str:
        found = {ln.key: ln for ln in transparency.lines(self.r) if ln.section == "sintesi"}
        return f"{_count(found['persone_valutate'])} / {_count(found['persone'])}"

    def kpi_money(self) -> str:
        total = transparency.find(self.r, "fondi", "", "totale") if self.r.rewards is not None else None
        if total is None:
            return fmt.NONE
        return f"{_money(total, total.total)} / {fmt.euro(total.allocated)}"

    def rewards(self) -> list[Any]:
        if not reached(self.r, "premialita"):
            return [not_run(self.r, "premialita")]
        lines = transparency.lines(self.r)
        pools = [
            (
                ln.item if ln.key != "totale" else "Totale",
                fmt.euro(ln.allocated),
                _money(ln, ln.total),
                _money(ln, None if ln.total is None or ln.allocated is None else ln.allocated - ln.total),
            )
            for ln in lines
            if ln.section in ("fondi", "posizione")
        ]
        out: list[Any] = [
            tag("h3", "Fondi"),
            table(("Fondo", "Stanziato", "Distribuito", "Residuo"), pools, numeric=(1, 2, 3), empty="Nessun fondo."),
        ]
        groups = [ln for ln in lines if ln.section in ("livello", "fascia")]
        out.append(tag("h3", "Premi per livello e fascia (D.Lgs. 33/2013 art. 20)"))
        out.append(
            table(
                ("Sezione", "Gruppo", "Voce", "Persone", "Importo totale", "Importo medio"),
                [
                    (
                        transparency.SECTION_LABELS[ln.section],
                        ln.group,
                        ln.item,
                        _count(ln),
                        _money(ln, ln.total),
                        _money(ln, ln.mean),
                    )
                    for ln in groups
                ],
                numeric=(3, 4, 5),
                empty="Nessun premio.",
            )
        )
        degrees = [(ln.group, ln.hidden or fmt.ratio(ln.ratio)) for ln in lines if ln.section == "differenziazione"]
        if degrees:
            out.append(tag("h3", "Grado di differenziazione nell'utilizzo della premialità"))
            out.append(table(("Gruppo", "Grado (rapporto)"), degrees, numeric=(1,)))
            out.append(tag("p", DEGREE_NOTE, "muted"))
        out.append(tag("p", CONTROL, "muted"))
        return out

    def violations(self) -> list[Any]:
        rules = [v for v in self.r.violations if not v.is_notice]
        errors = sum(1 for v in rules if v.is_error)
        return [
            tag(
                "p",
                f"Violazioni del regolamento riscontrate nel calcolo: {fmt.plural(errors, 'errore', 'errori')}, "
                f"{fmt.plural(len(rules) - errors, 'avviso', 'avvisi')} (il dettaglio, che può nominare persone, "
                "è nella Relazione interna).",
                "muted",
            )
        ]

    SECTION_METHODS = {k: v for k, v in Page.SECTION_METHODS.items() if k in PUBLIC_SECTIONS}
    PARAMETER_NAMES = False  # a reader knows a parameter by what it rules, not by its name in params.toml

    def notes(self) -> list[Any]:
        return super().notes()  # its own: the internal page's (shared with it otherwise) names the parameters

    def meta(self) -> str:
        r = self.r
        titles = "; ".join(fmt.regulation(x, r.plugin.documents) for x in r.plugin.regulations) or r.plugin.name
        return (
            f"Ciclo {self.ente.year} · {titles} · fasi eseguite fino a «{PHASE_NAMES[r.until]}» · versione pubblicabile"
        )

    def footer(self) -> str:
        return (
            "Versione pubblicabile (Amministrazione trasparente): nessun nome né identificativo di persona; i "
            "gruppi di meno di 3 persone sono indicati «&lt;3». Prodotta da ciclope."
        )


def _without_scores(result: Result) -> Result:
    import attrs

    return attrs.evolve(result, scores={})


CONTROL = (
    "Controllo della riservatezza (D.Lgs. 33/2013 art. 20, dati in forma aggregata): un gruppo di meno di 3 "
    "persone è indicato «<3» e ogni sua cifra è omessa; «riservato» indica una cifra omessa perché "
    "permetterebbe di ricavarne un'altra per differenza."
)
DEGREE_NOTE = (
    "Grado di differenziazione: per il personale, premio pro capite della fascia (o del livello) più premiata "
    "diviso quello della meno premiata con premio; per dirigenti e PO, importo individuale più alto diviso il "
    "più basso non nullo. Un rapporto, non un importo."
)


def _count(ln) -> str:
    if ln.hidden:
        return ln.hidden
    return "" if ln.count is None else str(ln.count)


def _money(ln, x) -> str:
    if ln.hidden:
        return "riservato"
    return fmt.euro(x) if x is not None else fmt.NONE


def render(result: Result) -> str:
    return PublicPage(result).render()


def write(result: Result, path: Path) -> None:
    PublicPage(result).write(path)


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
    """In the child: SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG), ignoring a libc without it; a parent
    already gone before the prctl (killed between fork and here) ends the child at once."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
