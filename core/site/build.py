"""Build the portal from the results store: pages rendered with Jinja2 (autoescaped), documents of each
ente copied from its output folder.

The public variant (``public=True``) is the publishable site: the public Relazione, aggregates, the
benchmark, the calendar and the transparency tables; no person card, no name, no person id, no
violation text (it may name a person), the figures of groups under 3 people (and those that would give them by
difference) shown as «riservato»."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import attrs
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ciclope.core import filenames
from ciclope.core.engine.registry import PluginInfo
from ciclope.core.entetoml import dated_after, future_said
from ciclope.core.output import owned
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import fmt
from ciclope.core.reports.html import blocks
from ciclope.core.reports.transparency import SECTION_LABELS
from ciclope.core.run.explain import Kinds, column_kind, column_words, place, staff_code, stored_kinds, title
from ciclope.core.site import cards, charts
from ciclope.core.store import Current, Store, open_store, read
from ciclope.core.store.benchmark import OWN_TOP, QUARTERS_NOTE
from ciclope.core.store.history import Trend, trend
from ciclope.core.store.sections import position_html, trend_html
from ciclope.core.store.words import acts_of, ente_info, plugin_info
from ciclope.core.vocabulary import where_it

HERE = Path(__file__).parent
SOURCE = "docs/site.md"
FULL_DOWNLOADS = (
    ("relazione.html", "Relazione sulla performance (interna)"),
    ("relazione-pubblica.html", "Relazione da pubblicare"),
    ("relazione-pubblica.pdf", "Relazione da pubblicare (PDF)"),
    ("schede.xlsx", "Schede per l'ufficio (Excel)"),
    ("trasparenza.csv", "Dati per la trasparenza (CSV)"),
    ("premi-art20.csv", "Dati relativi ai premi, art. 20 D.Lgs. 33/2013 (CSV)"),
    ("relazione-tecnico-finanziaria.html", "Fondo risorse decentrate: relazione tecnico-finanziaria"),
    ("relazione-tecnico-finanziaria.pdf", "Fondo risorse decentrate: relazione tecnico-finanziaria (PDF)"),
    ("relazione-tecnico-finanziaria.xlsx", "Fondo risorse decentrate: relazione tecnico-finanziaria (Excel)"),
    ("results.json", "Risultati per strumenti (JSON)"),
)
# the fund's document has its totals only (no person): it is published with the integrative contract
PUBLIC_FILES = {
    "relazione-pubblica.html",
    "relazione-pubblica.pdf",
    "trasparenza.csv",
    "premi-art20.csv",
    "relazione-tecnico-finanziaria.html",
    "relazione-tecnico-finanziaria.pdf",
    "relazione-tecnico-finanziaria.xlsx",
}
STATUS_LABELS = {"ok": "ok", "errors": "violazioni"}
# the public site's word for an ente without results: never the error, which may quote a person's row
UNPUBLISHED = "Risultati non pubblicati: il calcolo si è fermato su errori da correggere nei dati o nel regolamento"
LEVEL_SECTION = SECTION_LABELS["livello"]  # trasparenza.csv's section of the people per level
CALENDAR_CSS = {"fatto": "fatto", "in ritardo": "ritardo", "mancante": "mancante"}


@attrs.frozen
class Built:
    out: Path
    year: int
    enti: int
    pages: int
    warnings: tuple[str, ...] = ()
    unpublished: int = 0  # enti of the year with no result, their latest run failed: listed, with why
    years: tuple[int, ...] = ()  # the years the portal holds (every year with ``every_year``, else this one)
    others: tuple[Built, ...] = ()  # the other years' sites under ``out/<year>/``, each with its own counts


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["page"] = filenames.stem  # an ente's page and folder: a name every office computer can hold
    env.filters["plural"] = fmt.plural  # «1 ente», «2 enti»
    env.globals["quarters_note"] = QUARTERS_NOTE  # what a «1° quarto» is, as the Relazione says it
    return env


def person_anchor(pid: str) -> str:
    """A person's card id on ``persone.html``: ``p-`` and the id when it is plain, else a cleaned id with a
    short hash (two ids never share an anchor)."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", pid):
        return f"p-{pid}"
    clean = re.sub(r"[^A-Za-z0-9_-]", "_", pid)[:40]
    return f"p-{clean}-{hashlib.sha256(pid.encode('utf-8')).hexdigest()[:8]}"


class Site:
    def __init__(
        self,
        store: Store,
        out: Path,
        year: int | None = None,
        public: bool = False,
        home: int | None = None,
        today: dt.date | None = None,
    ) -> None:
        """The site of ``year``; ``home``: the year whose site is at the top of ``out`` when this one is another year
        of the same portal, written under ``out/<year>/`` (None: this one is at the top); ``today``: the day its
        calendar is judged at (``--oggi``; None: the day it is built), said on its pages."""
        years = store.years()
        if not years:
            raise CiclopeError(
                [
                    Problem(
                        rule="site.empty",
                        message=f"l'archivio {store.shown} non contiene risultati: eseguire prima `ciclope run`",
                        source=SOURCE,
                    )
                ]
            )
        if year is not None and year not in years:
            raise CiclopeError(
                [
                    Problem(
                        rule="site.year",
                        column="--year",
                        message=f"nessun risultato del {year} nell'archivio (anni: {', '.join(map(str, years))})",
                        source=SOURCE,
                    )
                ]
            )
        self.store, self.out, self.public = store, Path(out), public
        self.year = year if year is not None else years[-1]
        self.years = years
        self.home = home
        self.today = today or dt.date.today()  # the one read of the clock: every page judges at the same day
        self.prefix = f"{self.year}/" if home is not None and home != self.year else ""
        self.env = environment()
        self.pages = 0
        everything = store.current()
        self.enti = [c for c in everything if c.year == self.year]
        self.by_ente: dict[str, list[Current]] = defaultdict(list)
        for c in everything:
            if c.year <= self.year:
                self.by_ente[c.ente].append(c)
        self.names = {c.ente: c.name for c in self.enti}
        self.failed = read.failed_since(store.engine, self.year)  # latest run failed: an older result shown
        # latest run failed and no result of the year at all: the index still names the ente, and says so
        self.unpublished = sorted(e for e in self.failed if e not in self.names)
        # earlier years corrected after an ente's Relazione of this year was written: its trend is stale
        self.corrected = read.corrections(store.engine, self.year, {c.ente: c.run_id for c in self.enti})

    def common(self, root: str, page: str, title: str) -> dict[str, Any]:
        up = "../" if self.prefix else ""  # another year's pages: one folder down from the portal's top
        return {
            "root": root,
            "static": root + up,
            "page": page,
            "title": title,
            "year": self.year,
            "years": self.year_links(root + up) if self.home is not None else [],
            "public": self.public,
            "store": "" if self.public else f" ({self.store.shown})",
            # the day the calendar is judged at, and the Relazione's own (30 June of the year after the cycle)
            "today": fmt.date_it(self.today),
            "report_day": fmt.date_it(dt.date(self.year + 1, 6, 30)),
        }

    def year_links(self, top: str) -> list[tuple[int, str]]:
        """Each year of the portal and its first page, from a page whose way to the portal's top is ``top``."""
        return [(y, f"{top}index.html" if y == self.home else f"{top}{y}/index.html") for y in self.years]

    def write(self, path: str, template: str, **context: Any) -> None:
        page = self.env.get_template(template).render(**context).encode("utf-8")
        owned.write_inside(self.out, self.prefix + path, page)
        self.pages += 1

    def build(self, jobs: int = 1) -> Built:
        if not self.prefix:  # the portal's top: its folder and its static files, once
            owned.claim_root(self.out, "site-public" if self.public else "site")
            for name in ("site.css", "site.js"):
                owned.copy_inside(self.out, f"static/{name}", HERE / "static" / name)
        bench = self.store.benchmark(self.year)
        rows, calendar = [], []
        if jobs > 1 and len(self.enti) > 1:
            # one task per ente on a pool of processes, each with its own connection to the store

            with ProcessPoolExecutor(
                max_workers=jobs,
                initializer=_start_worker,
                initargs=(self.store.url, self.out, self.year, self.public, self.home, self.today),
            ) as pool:
                for row, deadlines, pages in pool.map(_ente_in_worker, [c.ente for c in self.enti], chunksize=4):
                    rows.append(row)
                    calendar += deadlines
                    self.pages += pages
        else:
            for c in self.enti:
                row, deadlines = self.ente(c, bench)
                rows.append(row)
                calendar += deadlines
        missing = self.unpublished_rows()
        self.write(
            "index.html",
            "index.html",
            enti=rows,
            unpublished=missing,
            all_years=self.years,
            **self.common("", "index", "Enti"),
        )
        self.benchmark_page(bench)
        calendar.sort(key=lambda r: (r["iso"], r["ente"], r["act"]))
        self.write(
            "calendario.html",
            "calendar.html",
            rows=calendar,
            **self.common("", "calendario", "Scadenze di tutti gli enti"),
        )
        return Built(self.out, self.year, len(self.enti), self.pages, unpublished=len(missing), years=(self.year,))

    def unpublished_rows(self) -> list[dict[str, str]]:
        """The enti whose latest run of the year failed and that have no result of it: their name (their id when
        the store never had one), and why nothing is shown: on the public site in plain words only (the run's
        reason may quote a cell of the data), on the internal one the reason, with the errors' count, and where
        every error is listed."""
        names = read.names(self.store.engine, self.unpublished)
        rows = []
        for ente in self.unpublished:
            run, reason = self.failed[ente]
            said = reason if len(reason) <= 300 else reason[:299] + "…"
            rows.append(
                {
                    "id": ente,
                    "name": names.get(ente, ente),
                    "status_label": UNPUBLISHED if self.public else "FALLITO: nessun risultato",
                    "failure": ""
                    if self.public
                    else f"L'esecuzione n. {run} di questo ente è FALLITA: {said}; tutti gli errori li elenca "
                    "ciclope validate sul ciclo dell'ente",
                }
            )
        return rows

    # -- one ente -----------------------------------------------------------------------------------

    def ente(self, c: Current, bench) -> tuple[dict, list[dict]]:
        doc = self.store.document(c.result_id)
        downloads = self.downloads(c)
        calendar = ente_calendar(c, doc, self.today)
        late = sum(d["status"] in ("in ritardo", "mancante") for d in calendar)
        history = len(self.by_ente[c.ente]) > 1
        t = trend(self.store, c.ente, self.year) if history else Trend(c.ente, (self.year,), ())
        people = sorted(self.store.people(c.result_id), key=lambda p: fmt.natural(p.person))
        units = {} if self.public else self.store.unit_names(c.result_id)
        levels = Counter(p.level for p in people if p.level)
        # the regulation's levels from the highest down (by the lowest score each holds), never by head count
        lows: dict[str, Any] = {}
        for p in people:
            if p.level and p.score is not None:
                lows[p.level] = min(p.score, lows.get(p.level, p.score))
        info = ente_info(c.plugin, doc, self.year)  # the ente's words: its regulation's, as the run read it
        row = {
            "id": c.ente,
            "name": c.name,
            "plugin": c.plugin,
            "plugin_version": c.plugin_version,
            "acts": acts_of(info),
            **self.status(c),
            "performance": fmt.pct(c.performance),
            "performance_sort": "" if c.performance is None else f"{c.performance:.4f}",
            "spark": charts.sparkline(
                f"Performance di {c.name}", [(x.year, x.performance) for x in self.by_ente[c.ente]]
            ),
            "errors": c.errors,
            "warnings": c.warnings,
            "late": late,
            "people": c.people,
            # public: the amounts paid are published only through the disclosure-controlled documents
            "distributed": fmt.euro(c.distributed) if c.distributed is not None and not self.public else "",
            "downloads": downloads,
            "superseded": superseded(self.corrected.get(c.ente, [])),
        }
        context = dict(
            e=row,
            # blocks written as HTML by the Relazione's own macros, every value escaped there
            trend=Markup(blocks(trend_html(t))),
            position=Markup(blocks(position_html(bench, c.ente, self.year))),
            # public: head counts by level are in the published documents, disclosure-controlled together
            levels=[]
            if self.public
            else [
                (fmt.level(name, info.ente_labels), str(n))
                for name, n in sorted(levels.items(), key=lambda kv: (-lows.get(kv[0], 0), fmt.natural(kv[0])))
            ],
            # public: the people per level as trasparenza.csv publishes them, the lines controlled with the public
            # Relazione (a partition of the page's own beside them could give a withheld figure back by difference)
            published_levels=published_levels(Path(c.output) / "trasparenza.csv") if self.public else [],
            calendar=calendar,
            violations=[] if self.public else violation_rows(doc, info.status_labels),
            people=[] if self.public else [self.person_row(p, info, self.year, units) for p in people],
            banded=banded(people),
            **self.common("../", "ente", c.name),
        )
        self.write(f"enti/{filenames.stem(c.ente)}.html", "ente.html", **context)
        if not self.public:
            self.person_pages(c, row, people, info, stored_kinds(c.plugin, doc, self.year))
        return row, [d for d in calendar if d["status"] != "fatto"]

    def downloads(self, c: Current) -> list[dict]:
        """The ente's documents copied into the portal (the public one: only those meant for publication), beside
        the ente's page of this year: another year's documents are under that year's folder, never over this one's."""
        folder = Path(c.output)
        downloads = []
        for name, label in FULL_DOWNLOADS:
            if self.public and name not in PUBLIC_FILES:
                continue
            if (folder / name).is_file():
                owned.copy_inside(self.out, f"{self.prefix}enti/{filenames.stem(c.ente)}/{name}", folder / name)
                downloads.append({"file": name, "label": label})
        return downloads

    def status(self, c: Current) -> dict[str, str]:
        """The ente's outcome: its current result's, or the failure of a later run, which says that the
        figures shown are an earlier run's (the reason only on the internal site: it may quote a cell)."""
        run, reason = self.failed.get(c.ente, (0, ""))
        if run <= c.run_id:
            return {"status": c.status, "status_label": STATUS_LABELS.get(c.status, c.status), "failure": ""}
        failure = f"L'esecuzione n. {run} di questo ente è FALLITA: le cifre sono dell'esecuzione n. {c.run_id}"
        if not self.public:
            failure += f" ({reason[:300]})"
        return {"status": "error", "status_label": f"FALLITO (cifre dell'esecuzione n. {c.run_id})", "failure": failure}

    @staticmethod
    def person_row(p, info: PluginInfo, year: int = 0, units: Mapping[str, str] | None = None) -> dict:
        """A person's row as the ente's regulation words it (``info``: :func:`ente_info`)."""
        return {
            "id": p.person,
            "name": p.name,
            "anchor": person_anchor(p.person),
            "role": fmt.role_label(p.role, year, info.staff_words),
            "unit": (units or {}).get(p.unit, p.unit),
            "score": fmt.score(p.score) if p.score is not None else fmt.NONE,
            "score_sort": "" if p.score is None else f"{p.score:.2f}",
            "level": fmt.level(p.level, info.ente_labels) or fmt.NONE,
            # a regulation without bands gives each person their level as band: said once, as the level
            "band": p.band if p.band and p.band != p.level else fmt.NONE,
            "amount": fmt.euro(p.amount) if p.amount is not None else fmt.NONE,
            "amount_sort": "" if p.amount is None else f"{p.amount:.2f}",
            "status": fmt.status(p.status, info.status_labels) if p.status else fmt.NONE,
        }

    def person_pages(self, c: Current, row: dict, people, info: PluginInfo, kinds: Kinds | None = None) -> None:
        """The ente's figures page and one page with every person's card (an anchor per person: one file
        per ente, not per person — 300,000 people are 1,000 files, docs/site.md), in the ente's words (``info``;
        ``kinds``: its columns of amounts and shares, :func:`stored_kinds`)."""
        staff = partial(staff_code, year=self.year, words=info.staff_words)
        trace = worded_trace(self.store.trace(c.result_id), info.status_labels, column_words(c.plugin), kinds, staff)
        known = {p.person for p in people}
        own = cards.by_person(trace, known)
        owned = cards.owners(own)
        units = self.store.unit_names(c.result_id)

        def href(prefix: str):
            def to(key: str) -> str | None:
                # the figure's own anchor (f-…) on the cards page: ``prefix`` is that page ("" on itself)
                return prefix if key in owned else None

            return to

        self.write(
            f"enti/{filenames.stem(c.ente)}/cifre.html",
            "figures.html",
            e=row,
            tree=cards.figures_page_html(trace, owned, href("persone.html")),
            **self.common("../../", "ente", f"Cifre di {c.name}"),
        )
        persons = []
        for p in people:
            person = self.person_row(p, info, self.year, units)
            person["tree"] = cards.person_tree(trace, p.person, "cifre.html", href(""), own.get(p.person, []))
            persons.append(person)
        self.write(
            f"enti/{filenames.stem(c.ente)}/persone.html",
            "people.html",
            e=row,
            persons=persons,
            banded=banded(people),
            **self.common("../../", "ente", f"Schede delle persone di {c.name}"),
        )

    # -- comparisons --------------------------------------------------------------------------------

    def benchmark_page(self, bench) -> None:
        """The comparison as a summary that stays short for any number of enti (the distribution, the first and the
        last of the ranking, one line per indicator), with the full ranking, each indicator and the
        differentiation on pages of their own."""
        performance = None
        if bench.performance is not None:
            d = bench.performance
            rows = self.ranked(d, fmt.pct)
            performance = {
                "chart": charts.strip("Performance degli enti", self.named(d.values), d.q1, d.median, d.q3),
                "median": fmt.pct(d.median),
                "q1": fmt.pct(d.q1),
                "q3": fmt.pct(d.q3),
                "rows": rows,
                "first": rows[:ENDS],
                "last": rows[-ENDS:] if len(rows) > 2 * ENDS else rows[ENDS:],
                "hidden": max(0, len(rows) - 2 * ENDS),
            }
        indicators = [self.indicator(n, ind) for n, ind in enumerate(bench.indicators, start=1)]
        differentiation = [] if self.public else self.differentiation(bench)
        common = self.common("", "benchmark", "Confronto tra enti")
        self.write(
            "benchmark.html",
            "benchmark.html",
            bench=bench,
            performance=performance,
            indicators=indicators,
            differentiation=bool(differentiation),
            **common,
        )
        if performance is not None:
            self.write("classifica.html", "ranking.html", bench=bench, performance=performance,
                       **self.common("", "benchmark", "Classifica della performance degli enti"))  # fmt: skip
        for ind in indicators:
            self.write(f"indicatori/{ind['page']}", "indicator.html", ind=ind,
                       **self.common("../", "benchmark", f"Indicatore comune: {ind['name']}"))  # fmt: skip
        if differentiation:
            self.write("differenziazione.html", "differentiation.html", differentiation=differentiation,
                       **self.common("", "benchmark", "Differenziazione dei giudizi"))  # fmt: skip

    def named(self, values) -> list[tuple[str, float]]:
        """A distribution's values by the enti's names (a chart's tooltips say who, never an id)."""
        return [(self.names.get(ente, ente), v) for ente, v in values]

    def indicator(self, n: int, ind) -> dict:
        """An indicator shared by several enti: read back as the offices wrote it, «72%» where every one of them
        typed percentages (the stored 0,72), a plain number otherwise."""
        d = ind.distribution
        typed = lambda v: fmt.pct_typed(str(v))  # noqa: E731 - the stored float's text, never its binary expansion
        stat = typed if ind.percent else (lambda v: fmt.decimal_it(round(v, 2)))
        return {
            "page": f"{n}.html",
            "key": ind.key,
            "name": ind.name,
            "direction": "più basso è meglio" if d.lower_is_better else "più alto è meglio",
            "chart": charts.strip(
                ind.name, self.named(d.values), d.q1, d.median, d.q3, percent=ind.percent, shown=stat
            ),
            "median": stat(d.median),
            "q1": stat(d.q1),
            "q3": stat(d.q3),
            "rows": self.ranked(d, typed if ind.percent else fmt.decimal_it),
            "count": len(d.values),
        }

    def ranked(self, d, shown: Callable[[float], str]) -> list[dict]:
        """A distribution's enti with their rank (shared or not) and their quarter, counted from the best; each value
        as ``shown`` writes it."""
        out = []
        for ente, value in d.values:
            pos = d.position(ente)
            out.append(
                {
                    "ente": ente,
                    "name": self.names.get(ente, ente),
                    "rank": pos.rank,
                    "tied": pos.tied > 0,  # a place shared: said beside the rank, never shown as one's own
                    "quarter": pos.quarter(),
                    "value": shown(value),
                    "sort": f"{value:.6f}",
                }
            )
        return out

    def differentiation(self, bench) -> list[dict]:
        results = {c.ente: c for c in self.enti}

        def info(ente: str, plugin: str) -> PluginInfo | None:
            """The ente's words, as its run read them: its acts' titles and its levels' labels."""
            c = results.get(ente)
            return ente_info(plugin, self.store.document(c.result_id), self.year) if c is not None else None

        rows = []
        for d in bench.differentiation:
            said = info(d.ente, d.plugin)
            levels = said.ente_labels if said is not None else None
            rows.append(
                {
                    "ente": d.ente,
                    "name": self.names.get(d.ente, d.ente),
                    "plugin": acts_of(said) if said is not None else d.plugin,
                    # the level by the label the ente's regulation gives it, as the ente's own page names it
                    "top_level": OWN_TOP if d.own_scale else fmt.level(d.top_level, levels) or fmt.NONE,
                    "share": fmt.pct(d.top_share) if d.top_share is not None else fmt.NONE,
                    "share_sort": "" if d.top_share is None else f"{d.top_share:.4f}",
                    "ratio": fmt.decimal_it(round(d.band_ratio, 2)) if d.band_ratio is not None else fmt.NONE,
                    "ratio_sort": "" if d.band_ratio is None else f"{d.band_ratio:.4f}",
                }
            )
        return rows


# the first and the last of a ranking the comparison's page shows (the whole ranking is a page of its own)
ENDS = 10
_WORKER: tuple[Site, Any] | None = None


def _start_worker(
    url: str, out: Path, year: int, public: bool, home: int | None = None, today: dt.date | None = None
) -> None:
    global _WORKER

    store = open_store(url)
    site = Site(store, out, year, public, home, today)
    _WORKER = (site, store.benchmark(year))


def _ente_in_worker(ente: str) -> tuple[dict, list[dict], int]:
    assert _WORKER is not None
    site, bench = _WORKER
    before = site.pages
    current = next(c for c in site.enti if c.ente == ente)
    row, deadlines = site.ente(current, bench)
    return row, deadlines, site.pages - before


def build(
    store: Store,
    out: Path,
    year: int | None = None,
    public: bool = False,
    jobs: int = 1,
    every_year: bool = False,
    today: dt.date | None = None,
) -> Built:
    """The site; a public one refuses an ente whose output folder is not the result the store holds (issue 37
    #14: a run killed between publishing and recording, or a later ``run --no-store`` into the same folder):
    its documents would not be the figures the portal shows. The internal site is built, with a warning.
    ``every_year``: the other years of the store too, each under ``out/<year>/``, every page linking every year.
    ``today``: the day the calendars are judged at (None: the day it is built)."""
    today = today or dt.date.today()
    site = Site(store, out, year, public, home=None, today=today)
    if every_year:
        site = Site(store, out, year, public, home=site.year, today=today)
    others = (
        [Site(store, out, y, public, home=site.year, today=today) for y in site.years if y != site.year]
        if every_year
        else []
    )
    stale = [c for s in (site, *others) for c in unrecorded(store, s.enti)]
    if stale and public:
        raise CiclopeError([_unrecorded_problem(stale)])
    built = site.build(jobs)
    years = tuple(site.years) if every_year else (site.year,)
    return attrs.evolve(
        built,
        years=years,
        others=tuple(other.build(jobs) for other in others),
        warnings=(_unrecorded_problem(stale).message,) if stale else (),
    )


def worded_trace(
    trace: dict[str, dict],
    labels: Mapping[str, str],
    headers: Mapping[str, Mapping[str, str]] | None = None,
    kinds: Kinds | None = None,
    staff: Callable[[str, Any], str] | None = None,
) -> dict[str, dict]:
    """The trace with every text in words (a status, a fund, a level's code → the plugin's label; a figure without
    a label by its kind, a fund by its words, never its key) and each input cell's place by the Italian names of its
    table and column (``headers``: the plugin's own columns) and the kind of its column (``kinds``: an amount reads
    in euro, :func:`column_kind`); ``staff`` words a role or a category read from its cell (:func:`staff_code`)."""

    def said(value: Any) -> Any:
        return fmt.worded(value, labels) if isinstance(value, str) else value

    return {
        key: {
            **f,
            "label": title(key, f["label"], labels),  # a figure without a label, a fund: never its key
            "value": said(f["value"]),
            "formula": said(f["formula"]),
            "note": said(f.get("note") or ""),
            "inputs": [
                {
                    **i,
                    "name": said(i["name"]),
                    "value": (staff(i.get("cell") or "", i["value"]) if staff else "") or said(i["value"]),
                    "place": place(i["cell"], None, headers) if i.get("cell") else "",
                    "kind": column_kind(i["cell"], kinds) if i.get("cell") else "",
                }
                for i in f["inputs"]
            ],
        }
        for key, f in trace.items()
    }


def superseded(years: list[int]) -> str:
    """«superata da una correzione del 2022» (and of the other years), or "" when no year was corrected."""
    if not years:
        return ""
    listed = ", ".join(map(str, years[:-1])) + (" e del " if len(years) > 1 else "") + str(years[-1])
    return f"superata da una correzione del {listed}"


def unrecorded(store: Store, enti: list[Current]) -> list[Current]:
    """The enti whose output folder's results.json is not the one the store recorded for them (a folder
    without results.json has no documents to copy: not listed)."""
    recorded = read.digests(store.engine, [c.result_id for c in enti])
    out = []
    for c in enti:
        path = Path(c.output) / "results.json"
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        except OSError:
            digest = None
        if digest is not None and digest != recorded.get(c.result_id):
            out.append(c)
    return out


def _unrecorded_problem(stale: list[Current]) -> Problem:
    names = ", ".join(c.ente for c in stale[:10]) + (f" e altri {len(stale) - 10}" if len(stale) > 10 else "")
    folders = "; ".join(c.output for c in stale[:3])
    return Problem(
        rule="site.unrecorded",
        message=(
            f"le cartelle di output di {names} ({folders}) non sono i risultati registrati nell'archivio (un'esecuzione "
            "interrotta prima della registrazione, o rilanciata con --no-store): i loro documenti non corrispondono "
            "alle cifre del portale. Rilancia `ciclope run cycle.toml "
            + " ".join(f"--ente {c.ente}" for c in stale[:5])
            + "` senza --no-store, poi ricostruisci il sito"
        ),
        source=SOURCE,
    )


def ente_calendar(c: Current, doc: dict, today: dt.date) -> list[dict]:
    """The ente's deadlines by date, each with its status as of ``today``, as ``ciclope calendar --oggi`` says it: an
    act not recorded whose deadline has not passed is «da fare», not «mancante»; an act dated after ``today`` is a
    future date (a year mistyped, or an act not done yet), neither done nor late."""
    calendar = []
    for d in sorted(doc.get("calendar", []), key=lambda d: (d["due"], d["act"])):
        status = d.get("status") or "da verificare"
        css = CALENDAR_CSS.get(status, "dafare")
        later = dated_after(dt.date.fromisoformat(d["done"]) if d.get("done") else None, today)
        if later is not None:
            status, css = future_said(later, today), "ritardo"
        elif status == "mancante" and dt.date.fromisoformat(d["due"]) >= today:
            status, css = "da fare", "dafare"
        calendar.append(
            {
                "due": fmt.date_it(dt.date.fromisoformat(d["due"])),
                "iso": d["due"],
                "act": d["act"],
                "status": status,
                "css": css,
                "source": fmt.cite(d["source"], plugin_info(c.plugin).documents),
                "ente": c.ente,
                "name": c.name,
            }
        )
    return calendar


def violation_rows(doc: dict, labels: Mapping[str, str] | None = None) -> list[dict]:
    return [
        {
            "severity": v["severity"],
            "label": "errore" if v["severity"] == "error" else "avviso",
            "message": fmt.worded(v["message"], labels or {}),
            "where": where_it(v["where"] or ""),
        }
        for v in doc.get("violations", [])
    ]


def published_levels(path: Path) -> list[tuple[str, str, str]]:
    """(group, level, people) of each «Livello di valutazione» line of the ente's trasparenza.csv, as published
    (levels merged by the disclosure control stay merged); none when the run left no such file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        return []
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    return [
        (row.get("Gruppo") or "", row.get("Voce") or "", row.get("Numero di persone") or "")
        for row in rows
        if row.get("Sezione") == LEVEL_SECTION
    ]


def banded(people: Sequence[Any]) -> bool:
    """Whether the ente's regulation has merit bands of its own: a regulation without them gives each person their
    level as band, and a «Fascia» column would only say the level again (or «—») on every row."""
    return any(p.band and p.band != p.level for p in people)
