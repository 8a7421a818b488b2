"""``relazione.html``: the Relazione sulla performance of one ente, for the OIV, the Segretario
Generale and the dirigenti (SPEC §6; 004… appendix schede a–d; D.Lgs. 150/2009 art. 10 c.1 lett. b).

One self-contained page: inline CSS and SVG, no script, no network; printable on A4 with a page
break before every scheda. Every text that comes from the input is escaped. The page is built from
the :class:`core.result.Result` only (plus the explanation records for the card scores): nothing
here computes a regulation figure. Same Result → identical bytes (no timestamps, stable order).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from ..narrative import BY_KEY as PARTS
from ..phases import PHASE_NAMES, PHASES
from ..result import Result
from . import fmt, markdown, stats, svg

NUM = ' class="num"'


class Raw(str):
    """Markup already built (and escaped) by this module."""


END_DIV = Raw("</div>")
SHARED_PREFIX, SHARED_TABLES = "html.section.", "html.objective_tables"  # Result.memo keys of the shared parts
PART_TITLES = {key: part.title for key, part in PARTS.items()}


def e(text: Any) -> str:
    """Text escaped for HTML (``html.escape`` with quotes); markup (:class:`Raw`) as it is."""
    if type(text) is not str:
        if isinstance(text, Raw):
            return text
        text = "" if text is None else str(text)
    # most texts of a Relazione (numbers, ids, labels) have nothing to escape: no copy, no five replaces
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return escape(text, quote=True)
    return text


def tag(name: str, content: Any, cls: str = "", **attrs: str) -> Raw:
    extra = "".join(f' {k.rstrip("_")}="{e(v)}"' for k, v in attrs.items()) if attrs else ""
    klass = f' class="{e(cls)}"' if cls else ""
    return Raw(f"<{name}{klass}{extra}>{e(content)}</{name}>")


_FLAGS: dict[tuple[Any, str, type], Raw] = {}


def flag(text: str, kind: str = "warn") -> Raw:
    key = (text, kind, type(text))  # the type too: a Raw text equals its str but is not escaped
    found = _FLAGS.get(key)  # a handful of flags, repeated on every row that has them
    if found is None:
        if len(_FLAGS) >= 1024:
            _FLAGS.clear()
        found = _FLAGS[key] = tag("span", text, f"flag {kind}")
    return found


def table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    numeric: Iterable[int] = (),
    cls: str = "",
    empty: str = "Nessun dato.",
) -> Raw:
    rows = list(rows)
    if not rows:
        return tag("p", empty, "empty")
    num, head, opens = _head(columns, numeric)
    body = []
    for row in rows:
        row_cls = ""
        if isinstance(row, RowWithClass):
            row_cls, row = f' class="{e(row.cls)}"', row.cells
        if len(row) > len(opens):  # a row wider than the header: its cells open as the columns say
            opens = opens + [f"<td{NUM}>" if i in num else "<td>" for i in range(len(opens), len(row))]
        cells = []
        for o, v in zip(opens, row):
            if type(v) is str:  # e(v) inline: most cells are texts with nothing to escape
                if "&" in v or "<" in v or ">" in v or '"' in v or "'" in v:
                    v = escape(v, quote=True)
            else:
                v = e(v)
            cells.append(f"{o}{v}</td>")
        body.append(f"<tr{row_cls}>{''.join(cells)}</tr>")
    if len(columns) <= 3 and not cls:
        cls = "narrow"
    klass = f' class="{e(cls)}"' if cls else ""
    return Raw(f"<table{klass}><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>")


# (columns, numeric) → (numeric set, header cells, each column's opening <td>)
_HEADS: dict[tuple, tuple[set[int], str, list[str]]] = {}


def _head(columns: Sequence[str], numeric: Iterable[int]) -> tuple[set[int], str, list[str]]:
    """The numeric columns, the header cells and the columns' opening tags of a table; remembered for
    the fixed headers (tuples) of the tables repeated in a Relazione (one per objective)."""
    plain = type(columns) is tuple and type(numeric) is tuple and set(map(type, columns)) == {str}
    key = (columns, numeric) if plain else None  # exact texts only: a Raw equals its str but is not escaped
    found = _HEADS.get(key) if key is not None else None
    if found is None:
        num = set(numeric)
        found = (
            num,
            "".join(f"<th{NUM if i in num else ''}>{e(c)}</th>" for i, c in enumerate(columns)),
            [f"<td{NUM}>" if i in num else "<td>" for i in range(len(columns))],
        )
        if key is not None:
            if len(_HEADS) >= 1024:
                _HEADS.clear()
            _HEADS[key] = found
    return found


class RowWithClass:
    def __init__(self, cls: str, cells: Sequence[Any]):
        self.cls, self.cells = cls, cells


CSS = """
:root { --ink: #1f2328; --muted: #5b6470; --line: #c9cfd6; --soft: #f3f5f7; --accent: #2f6690; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1120px; padding: 24px; font-size: 14px; line-height: 1.4; }
header.doc { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 12px; }
header.doc h1 { margin: 0 0 4px 0; font-size: 24px; }
header.doc .ente { font-size: 18px; font-weight: bold; }
header.doc .meta, .muted { color: var(--muted); font-size: 12px; }
nav.toc { font-size: 12px; margin: 8px 0 16px 0; }
nav.toc a { color: var(--accent); margin-right: 10px; text-decoration: none; }
h2 { font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px 0; font-size: 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
table.wrap { table-layout: fixed; }
table.wrap td, table.wrap td.num { overflow-wrap: anywhere; word-break: break-word; white-space: normal; }
th { background: var(--soft); font-weight: bold; }
table.narrow { width: auto; min-width: 45%; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: var(--soft); }
tr.child td { color: var(--muted); }
tr.off td { color: var(--muted); font-style: italic; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 10px 0; }
.kpi { border: 1px solid var(--line); padding: 8px; }
.kpi .v { font-size: 20px; font-weight: bold; }
.kpi .l { font-size: 11px; color: var(--muted); }
.box { border-left: 4px solid var(--accent); background: var(--soft); padding: 8px 12px; margin: 10px 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 10px 0; }
figure.chart { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; font-family: inherit; }
.objective { break-inside: avoid-page; }
.objective .meta { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
.flag { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; border: 1px solid; }
.flag.warn { color: #8a5a00; border-color: #d9a400; background: #fff8e1; }
.flag.err { color: #9b1c1c; border-color: #d64545; background: #fdecec; }
.flag.ok { color: #1d6b35; border-color: #4caf50; background: #edf7ee; }
.flag.info { color: var(--muted); border-color: var(--line); background: #fff; }
.neg { color: #9b1c1c; }
p.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 30px; font-size: 11px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 6px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav.toc { display: none; }
  /* sections flow on: a page break only where a heading would otherwise be left alone at a page's foot */
  section.scheda { break-before: auto; page-break-before: auto; margin-top: 18px; }
  h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  h2 + p, h3 + p, h2 + table, h3 + table { break-before: avoid; page-break-before: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .charts { grid-template-columns: 1fr; }      /* full-size charts: their text stays legible on A4 */
  figure.chart svg { width: 560px; }
  .kpi .v { font-size: 15px; }
  a { color: inherit; text-decoration: none; }
}
"""

ARCHIVE_START, ARCHIVE_END = "<!--ciclope:archivio-->", "<!--/ciclope:archivio-->"
NO_ARCHIVE = (
    "Nessuno storico disponibile: l'archivio dei risultati non è in uso per questa esecuzione "
    "(andamento e confronto con altri enti compaiono quando ciclope run registra i risultati)."
)

# The order of Funzione Pubblica's guidelines on the Relazione (LG 3/2018, core/narrative.py): the office's
# parts (shown only when its relazione/<part>.md has text) around the sections ciclope computes; the last
# three are ciclope's technical annexes.
SECTIONS = (
    ("presentazione", PART_TITLES["presentazione"]),
    ("contesto", PART_TITLES["contesto"]),
    ("amministrazione", PART_TITLES["amministrazione"]),
    ("sintesi", "Sintesi e attestazione dell'OIV"),
    ("criticita", PART_TITLES["criticita"]),
    ("aree", "Scheda c — Aree strategiche"),
    ("dirigenti", "Scheda d — Dirigenti"),
    ("obiettivi", "Obiettivi e indicatori"),
    ("unita", "Unità organizzative"),
    ("monitoraggio", "Monitoraggio al 30/6"),
    ("individuale", "Valutazione individuale"),
    ("premi", "Premialità"),
    ("sezioni", "Sezioni del regolamento"),
    ("andamento", "Andamento negli anni e posizionamento comparativo"),
    ("risorse", PART_TITLES["risorse"]),
    ("pari_opportunita", PART_TITLES["pari_opportunita"]),
    ("processo", PART_TITLES["processo"]),
    ("violazioni", "Violazioni"),
    ("calendario", "Calendario"),
    ("note", "Note: parametri, ipotesi, fonti"),
)


def reached(result: Result, phase: str) -> bool:
    return PHASES.index(result.until) >= PHASES.index(phase)


def not_run(result: Result, phase: str) -> Raw:
    return tag(
        "p",
        f"Fase «{PHASE_NAMES[phase]}» non eseguita: il ciclo è stato fermato dopo «{PHASE_NAMES[result.until]}».",
        "empty",
    )


def section(ident: str, title: str, body: Sequence[Any], first: bool = False) -> Raw:
    return Raw("".join(section_pieces(ident, title, body, first)))


def section_pieces(ident: str, title: str, body: Sequence[Any], first: bool = False) -> Iterator[str]:
    """A section as pieces to write one after the other (a 30,000-person ente's objectives are
    ~10 MB of HTML: the file is written piece by piece, never joined, see :meth:`Page.pieces`)."""
    cls = "scheda first" if first else "scheda"
    yield f'<section class="{cls}" id="{e(ident)}">\n<h2>{e(title)}</h2>\n'
    for i, b in enumerate(body):
        yield "\n" + e(b) if i else e(b)
    yield "\n</section>"


class Page:
    """The Relazione of one ente; each method returns the body of one section."""

    def __init__(self, result: Result):
        self.r = result
        self.ente = result.ente
        self.org: Any = result.org  # None before valutazione: the sections reading it check reached() first
        self.revised = {rv.indicator for rv in result.revisions if rv.applied}

    # -- names ----------------------------------------------------------------------------
    def person(self, pid: str | None) -> str:
        if not pid:
            return fmt.NONE
        p = self.ente.people.get(pid)
        return f"{p.name} ({pid})" if p and p.name else pid

    def unit(self, uid: str | None) -> str:
        if not uid:
            return fmt.NONE
        u = self.ente.units.get(uid)
        return f"{u.name} ({uid})" if u and u.name else uid

    def owner(self, oid: str | None) -> str:
        if oid in self.ente.units:
            return self.unit(oid)
        return self.person(oid)

    def title(self) -> str:
        year = self.ente.year
        if self.r.until == "rendicontazione":
            return f"Relazione sulla performance {year}"
        if self.r.until == "monitoraggio":
            return f"Monitoraggio intermedio al 30/6/{year}"
        return f"Ciclo della performance {year} — stato alla fase «{PHASE_NAMES[self.r.until]}»"

    # -- sections -------------------------------------------------------------------------
    def summary(self) -> list[Any]:
        r, org = self.r, self.org
        att = r.attestation
        kpis = []

        def kpi(label: str, value: str) -> None:
            kpis.append(f'<div class="kpi"><div class="v">{e(value)}</div><div class="l">{e(label)}</div></div>')

        kpi("Performance dell'ente (calcolata)", fmt.pct(org.ente) if org else fmt.NONE)
        kpi("Performance attestata dall'OIV", fmt.pct(att.attested) if att else fmt.NONE)
        kpi("Persone valutate / in organico", self.kpi_people())
        kpi("Premi distribuiti / stanziati", self.kpi_money())
        out: list[Any] = [Raw('<div class="kpis">' + "".join(kpis) + "</div>")]

        lines = []
        if att is not None:
            lines.append(
                f"<b>Attestazione dell'OIV.</b> Performance organizzativa attestata: "
                f"<b>{e(fmt.pct(att.attested))}</b> (calcolata: {e(fmt.pct(att.computed))})."
            )
            if att.attested is not None and att.computed is not None and att.attested != att.computed:
                lines.append(f" {flag('attestazione diversa dal valore calcolato')}")
            lines.append(f"<br><b>Giudizio:</b> {e(att.judgement or 'non espresso')}.")
            if att.motivation:
                lines.append(f"<br><b>Motivazione:</b> {e(att.motivation)}")
        else:
            lines.append("Attestazione dell'OIV non ancora disponibile (fase di valutazione non eseguita).")
        if reached(r, "rendicontazione"):  # a 30/6 report does not speak of next year's acts
            validated = self.ente.approvals.get("relazione_validated_oiv")
            lines.append(
                "<br><b>Validazione della Relazione da parte dell'OIV:</b> "
                + (e(fmt.value(validated)) if validated else "non registrata in [approvals]")
                + "."
            )
        if org is not None and org.separate:
            sep = "; ".join(f"{self.area_name(k)}: {fmt.pct(v)}" for k, v in org.separate.items())
            lines.append(f"<br><b>Aree rendicontate a parte</b> (escluse dal totale dell'ente): {e(sep)}.")
        errors = len(r.errors)
        warnings = sum(1 for v in r.violations if not v.is_error and not v.is_notice)
        notices = sum(1 for v in r.violations if v.is_notice)
        lines.append(
            "<br><b>Violazioni:</b> "
            + (f'{flag(fmt.plural(errors, "errore", "errori"), "err")} ' if errors else "nessun errore; ")
            + (fmt.plural(warnings, "avviso", "avvisi") if warnings else "nessun avviso")
            + (f"; {fmt.plural(notices, 'nota', 'note')} sul formato dei file" if notices else "")
            + ' (<a href="#violazioni">elenco</a>).'
        )
        out.append(Raw('<div class="box">' + "".join(lines) + "</div>"))
        out.append(self.charts())
        return out

    def kpi_people(self) -> str:
        evaluated = sum(1 for s in self.r.scores.values() if s.score is not None)
        return f"{evaluated} / {len(self.ente.people)}"

    def kpi_money(self) -> str:
        if self.r.rewards is None:
            return fmt.NONE
        pools = self.pools()
        total = sum((p.amount for p in pools.values()), Decimal(0))
        dist = sum((p.distributed for p in pools.values()), Decimal(0))
        return f"{fmt.euro(dist)} / {fmt.euro(total)}"

    def charts(self) -> Raw:
        r, org = self.r, self.org
        figures = []
        if org is not None and (org.areas or org.separate):
            items = [(self.area_name(k), self.area_name(k, full=True), v) for k, v in org.areas.items()]
            items += [
                (self.area_name(k) + " (a parte)", self.area_name(k, full=True), v) for k, v in org.separate.items()
            ]
            items.append(("Ente", self.ente.name, org.ente))
            figures.append(svg.achievement_bars("grafico-aree", "Raggiungimento per area strategica", items))
        elif org is not None and org.objectives:
            tops = [o for o in self.ente.objectives.values() if o.parent is None and o.kind != "individual"]
            items = [(f"{o.id} {o.title}", f"{o.id} — {o.title}", org.objectives.get(o.id)) for o in tops]
            items.append(("Ente", self.ente.name, org.ente))
            figures.append(svg.achievement_bars("grafico-aree", "Raggiungimento per obiettivo di primo livello", items))
        if org is not None and org.units:
            items = [
                (u.name or u.id, f"{u.id} — {u.name}", org.units.get(u.id))
                for u in self.ente.units.values()
                if u.id in org.units
            ]
            figures.append(svg.achievement_bars("grafico-unita", "Raggiungimento per unità organizzativa", items))
        if r.scores:
            figures.append(
                svg.count_bars(
                    "grafico-punteggi",
                    "Distribuzione dei punteggi individuali",
                    stats.histogram(r),
                    axis="punteggio (classi di 10 punti)",
                )
            )
            figures.append(svg.count_bars("grafico-livelli", "Persone per livello o esito", stats.distribution(r)))
        if not figures:
            return tag("p", "Nessun grafico: le fasi di valutazione non sono state eseguite.", "empty")
        return Raw(
            '<div class="charts" id="grafici">'
            + "".join(f'<figure class="chart">{f}</figure>' for f in figures)
            + "</div>"
        )

    def area_name(self, aid: str, full: bool = False) -> str:
        a = self.ente.areas.get(aid)
        if a is None or not a.name:
            return aid
        return f"{aid} — {a.name}" if full else a.name

    def areas(self) -> list[Any]:
        if not reached(self.r, "valutazione"):
            return [not_run(self.r, "valutazione")]
        org, ente = self.org, self.ente
        rows: list[Any] = []
        if ente.areas:
            for a in ente.areas.values():
                objs = [o for o in ente.objectives.values() if o.area == a.id and o.kind != "individual"]
                scored = sum(1 for o in objs if org.objectives.get(o.id) is not None)
                value = org.separate.get(a.id) if a.separate else org.areas.get(a.id)
                note = "rendicontata a parte, esclusa dal totale" if a.separate else ""
                if value is None:
                    note = (
                        (note + "; " if note else "")
                        + "non valutata: "
                        + org.not_scored.get(f"area:{a.id}", "nulla di misurato")
                    )
                rows.append((a.id, a.name, fmt.value(a.weight), f"{scored} / {len(objs)}", fmt.pct(value), note))
            rows.append(
                RowWithClass(
                    "total",
                    (
                        "",
                        f"Performance dell'ente — {ente.name}",
                        "",
                        "",
                        fmt.pct(org.ente),
                        "media ponderata delle aree non separate",
                    ),
                )
            )
            return [
                table(
                    ("Area", "Denominazione", "Peso", "Obiettivi valutati", "Raggiungimento", "Note"),
                    rows,
                    numeric=(2, 3, 4),
                )
            ]
        for o in ente.objectives.values():
            if o.parent is None and o.kind != "individual":
                rows.append(
                    (
                        o.id,
                        o.title,
                        fmt.KIND_LABELS.get(o.kind, o.kind),
                        fmt.value(o.weight),
                        fmt.pct(org.objectives.get(o.id)),
                        org.not_scored.get(f"objective:{o.id}", ""),
                    )
                )
        rows.append(RowWithClass("total", ("", f"Performance dell'ente — {ente.name}", "", "", fmt.pct(org.ente), "")))
        return [
            tag(
                "p",
                "L'ente non ha aree strategiche (areas.csv): la performance dell'ente è la media ponderata "
                "degli obiettivi di primo livello.",
                "muted",
            ),
            table(("Obiettivo", "Titolo", "Tipo", "Peso", "Raggiungimento", "Note"), rows, numeric=(3, 4)),
        ]

    def dirigenti(self) -> list[Any]:
        if not reached(self.r, "valutazione"):
            return [not_run(self.r, "valutazione")]
        r, ente = self.r, self.ente
        rows = []
        people, with_po = fmt.scheda_d_people(ente)
        for p in people:
            headed = ", ".join(self.unit(u.id) for u in ente.headed_by(p.id)) or fmt.NONE
            s = r.scores.get(p.id)
            rows.append(
                (
                    p.name or p.id,
                    fmt.ROLE_LABELS.get(p.role, p.role),
                    headed,
                    fmt.pct(self.org.people.get(p.id)),
                    fmt.score(s.score if s else None),
                    (fmt.level(s.level, r.plugin.ente_labels) if s and s.level else fmt.NONE),
                    fmt.status(r.status_of(p.id), r.plugin.status_labels),
                )
            )
        return [
            tag(
                "p",
                "Performance organizzativa di ciascun dirigente (media ponderata del suo cruscotto o degli "
                "obiettivi di cui è responsabile) e valutazione individuale.",
                "muted",
            ),
            *([tag("p", fmt.NO_DIRIGENTI, "muted")] if with_po else []),
            table(
                (
                    "Responsabile" if with_po else "Dirigente",
                    "Ruolo",
                    "Unità dirette",
                    "Performance organizzativa",
                    "Punteggio individuale",
                    "Livello",
                    "Esito",
                ),
                rows,
                numeric=(3, 4),
                empty="Nessun dirigente in people.csv.",
            ),
        ]

    # -- objectives -----------------------------------------------------------------------
    def objective_order(self) -> list[tuple[str, int]]:
        """(objective id, depth): each area's objectives with their children, then the rest."""
        ente = self.ente
        children: dict[str, list[str]] = {}
        for o in ente.objectives.values():
            if o.parent and o.parent in ente.objectives:
                children.setdefault(o.parent, []).append(o.id)
        order: list[tuple[str, int]] = []
        seen: set[str] = set()

        def walk(oid: str, depth: int) -> None:
            if oid in seen:
                return
            seen.add(oid)
            order.append((oid, depth))
            for k in children.get(oid, []):
                walk(k, depth + 1)

        for a in ente.areas.values():
            for o in ente.objectives.values():
                if o.area == a.id and (not o.parent or o.parent not in ente.objectives):
                    walk(o.id, 0)
        for o in ente.objectives.values():
            if (not o.parent or o.parent not in ente.objectives) and o.kind != "individual":
                walk(o.id, 0)
        for o in ente.objectives.values():
            if not o.parent or o.parent not in ente.objectives:
                walk(o.id, 0)
        for o in ente.objectives.values():
            walk(o.id, 0)
        return order

    def objectives(self) -> list[Any]:
        ente, org = self.ente, self.org
        by_objective: dict[str, list] = {}
        for ind in ente.indicators.values():
            by_objective.setdefault(ind.objective, []).append(ind)
        children: dict[str, list[str]] = {}  # built once: was a scan of every objective per objective
        for c in ente.objectives.values():
            if c.parent:
                children.setdefault(c.parent, []).append(c.id)
        out: list[Any] = [
            tag(
                "p",
                "Per ogni obiettivo: indicatori con peso, target e consuntivo dell'anno, scostamento "
                "(raggiungimento − 100%), raggiungimento (limitato a 0–100%) e fonte del dato. Gli "
                "indicatori neutralizzati, non attivi nell'anno o di solo monitoraggio non entrano "
                "nel calcolo e i pesi degli altri sono rinormalizzati.",
                "muted",
            )
        ]
        if not reached(self.r, "valutazione"):
            out.append(not_run(self.r, "valutazione"))
        # each objective's table reads no person: made once per Result for both Relazioni
        shares = all(getattr(type(self), m) is getattr(Page, m) for m in ("objective_table", "indicator_row"))
        tables: dict[str, Raw] | None = self.r.memo(SHARED_TABLES, dict) if shares else None
        for oid, depth in self.objective_order():
            o = ente.objectives[oid]
            value = org.objectives.get(oid) if org else None
            meta = [fmt.KIND_LABELS.get(o.kind, o.kind)]
            if o.area:
                meta.append(f"area {self.area_name(o.area, full=True)}")
            if o.parent:
                meta.append(f"contribuisce a {o.parent}")
            meta.append(f"peso {fmt.value(o.weight)}" if o.weight is not None else "peso non indicato (pesi uguali)")
            if o.owner:
                meta.append(f"responsabile {self.owner(o.owner)}")
            head = f"{'↳ ' * min(depth, 1)}{o.id} — {o.title}" if o.title else o.id
            achieved = fmt.pct(value) if value is not None else "non valutato"
            why = org.not_scored.get(f"objective:{oid}") if org else None
            out.append(
                Raw(
                    f'<div class="objective" id="obiettivo-{e(oid)}">\n'
                    f"<h3>{e(head)} — raggiungimento {e(achieved)}</h3>\n"
                    f'<div class="meta">{e(" · ".join(meta))}{(" · " + e(why)) if why and value is None else ""}</div>'
                )
            )
            table_ = tables.get(oid) if tables is not None else None
            if table_ is None:
                table_ = self.objective_table(oid, by_objective, children)
                if tables is not None:
                    tables[oid] = table_
            out.append(table_)  # its own piece (the section joins its pieces with "\n"): shared, not copied
            out.append(END_DIV)
        if not ente.objectives:
            out.append(tag("p", "Nessun obiettivo in objectives.csv.", "empty"))
        return out

    def objective_table(self, oid: str, by_objective: dict[str, list], children: dict[str, list[str]]) -> Raw:
        """An objective's indicators and child objectives (no person: the same on the public page)."""
        ente, org = self.ente, self.org
        rows = []
        for ind in by_objective.get(oid, []):
            rows.append(self.indicator_row(ind))
        for k in children.get(oid, ()):
            child = ente.objectives[k]
            cv = org.objectives.get(k) if org else None
            rows.append(
                RowWithClass(
                    "child",
                    (
                        k,
                        f"↳ obiettivo {fmt.KIND_LABELS.get(child.kind, child.kind)}: {child.title}",
                        "",
                        fmt.value(child.weight),
                        "",
                        "",
                        "",
                        fmt.signed_pct(cv - 1) if cv is not None else fmt.NONE,
                        fmt.pct(cv),
                        "",
                        "" if cv is not None else "non valutato",
                    ),
                )
            )
        return table(
            (
                "Codice",
                "Indicatore",
                "Tipo",
                "Peso",
                "Baseline",
                "Target",
                "Consuntivo",
                "Scostamento",
                "Raggiungimento",
                "Fonte",
                "Stato",
            ),
            rows,
            numeric=(3, 4, 5, 6, 7, 8),
            empty="Nessun indicatore né obiettivo collegato.",
        )

    def indicator_row(self, ind) -> Any:
        outcome = self.org.indicators.get(ind.id) if self.org else None
        status = (
            outcome.status
            if outcome
            else (
                "inactive"
                if not ind.active
                else "neutralized"
                if ind.neutralized
                else "monitor"
                if ind.type == "monitor"
                else ""
            )
        )
        ach = outcome.achievement if outcome else None
        notes = []
        if status == "neutralized":
            notes.append(flag(f"neutralizzato: {ind.reason}" if ind.reason else "neutralizzato", "info"))
        elif status == "inactive":
            notes.append(flag("non attivo nell'anno", "info"))
        elif status == "monitor":
            notes.append(flag("monitoraggio, non ponderato", "info"))
        elif status == "missing":
            notes.append(flag("consuntivo mancante", "err"))
        if ind.id in self.revised:
            notes.append(flag("target rivisto a metà anno", "warn"))
        deviation = fmt.signed_pct(ach - 1) if ach is not None else fmt.NONE
        if ach is not None and ach < 1:
            deviation = tag("span", deviation, "neg")
        cells = (
            ind.id,
            ind.name,
            fmt.TYPE_LABELS.get(ind.type, ind.type),
            fmt.value(ind.weight) if ind.type != "monitor" else fmt.NONE,
            fmt.measure(ind.baseline, ind.percent),
            fmt.measure(ind.target, ind.percent) if ind.active else "-",
            fmt.measure(ind.actual, ind.percent),
            deviation,
            fmt.pct(ach),
            ind.source or fmt.NONE,
            Raw(" ".join(str(n) for n in notes)) if notes else "",
        )
        return RowWithClass("off", cells) if status in ("neutralized", "inactive", "monitor") else cells

    def units(self) -> list[Any]:
        if not reached(self.r, "valutazione"):
            return [not_run(self.r, "valutazione")]
        org = self.org
        rows: list[Any] = []
        for u in self.ente.units.values():
            value = org.units.get(u.id)
            note = org.not_scored.get(f"unit:{u.id}", "")
            fig = self.r.figures.get(f"unit:{u.id}")
            how = fig.formula if fig is not None else ""
            rows.append(
                (
                    u.id,
                    u.name,
                    fmt.UNIT_KIND_LABELS.get(u.kind, u.kind),
                    self.unit(u.parent),
                    self.person(u.head),
                    fmt.pct(value),
                    how or note,
                )
            )
        return [
            table(
                (
                    "Unità",
                    "Denominazione",
                    "Tipo",
                    "Unità superiore",
                    "Responsabile",
                    "Raggiungimento",
                    "Come è calcolato",
                ),
                rows,
                numeric=(5,),
            )
        ]

    def monitoring(self) -> list[Any]:
        if not reached(self.r, "monitoraggio"):
            return [not_run(self.r, "monitoraggio")]
        r, ente = self.r, self.ente
        rows = []
        negative = 0
        for iid, m in r.monitoring.items():
            ind = ente.indicators.get(iid)
            dev = fmt.signed_pct(m.deviation)
            if m.deviation < 0:
                negative += 1
                dev = tag("span", dev, "neg")
            rows.append(
                (
                    iid,
                    ind.name if ind else "",
                    ind.objective if ind else "",
                    fmt.TYPE_LABELS.get(ind.type, "") if ind else "",
                    fmt.measure(m.target, bool(ind and ind.percent)),
                    fmt.measure(m.actual, bool(ind and ind.percent)),
                    fmt.pct(m.achievement),
                    dev,
                )
            )
        out: list[Any] = [
            tag(
                "p",
                f"Indicatori con target intermedio misurati al 30/6: {len(rows)}; con scostamento "
                f"negativo: {negative}. Scostamento = raggiungimento al 30/6 − 100%.",
                "muted",
            ),
            table(
                (
                    "Indicatore",
                    "Nome",
                    "Obiettivo",
                    "Tipo",
                    "Target al 30/6",
                    "Valore al 30/6",
                    "Raggiungimento",
                    "Scostamento",
                ),
                rows,
                numeric=(4, 5, 6, 7),
                empty="Nessun indicatore con target e valore al 30/6.",
            ),
        ]
        out.append(tag("h3", "Revisioni dei target in corso d'anno"))
        rev_rows = [
            (
                rv.indicator,
                rv.field,
                rv.old,
                rv.new,
                rv.reason,
                flag("applicata", "ok") if rv.applied else flag("non applicata", "warn"),
                rv.why,
            )
            for rv in r.revisions
        ]
        out.append(
            table(
                ("Indicatore", "Campo", "Valore precedente", "Nuovo valore", "Motivazione", "Esito", "Perché"),
                rev_rows,
                empty="Nessuna revisione in revisions.csv.",
            )
        )
        out.append(
            tag("p", "Una revisione si applica solo se validata dall'OIV e approvata; tutte sono elencate.", "muted")
        )
        return out

    def individual(self) -> list[Any]:
        if not reached(self.r, "valutazione"):
            return [not_run(self.r, "valutazione")]
        r, ente = self.r, self.ente
        dist = stats.distribution(r)
        total = len(ente.people)
        dist_rows: list[Any] = [(k, n, fmt.pct(Decimal(n) / total) if total else fmt.NONE) for k, n in dist]
        out: list[Any] = [
            tag("h3", "Distribuzione per livello o esito"),
            table(
                ("Livello / esito", "Persone", "Quota"),
                dist_rows + [RowWithClass("total", ("Totale", total, fmt.pct(1) if total else fmt.NONE))],
                numeric=(1, 2),
            ),
        ]
        hist = stats.histogram(r)
        out.append(tag("h3", "Punteggi per classe"))
        out.append(table([c for c, _ in hist], [[n for _, n in hist]], numeric=range(len(hist))))
        evals, top_label = stats.evaluators(r)
        out.append(tag("h3", "Differenziazione dei giudizi per valutatore"))
        out.append(
            tag(
                "p",
                "Per ciascun valutatore: persone valutate, media e deviazione standard dei punteggi della "
                "scheda (o del punteggio individuale), numero di valori diversi e quota al livello più alto. "
                f"Segnalati i valutatori con almeno {stats.MIN_FLAGGED} valutazioni tutte uguali o con "
                f"almeno {fmt.the_pct(stats.NEAR_ALL, 0)} al livello più alto (art. 9 D.Lgs. 150/2009: "
                "differenziazione dei giudizi).",
                "muted",
            )
        )
        rows = []
        for ev in evals:
            if ev.flags:
                flags = Raw(" ".join(str(flag(f)) for f in ev.flags))
            elif ev.count < stats.MIN_FLAGGED:
                flags = flag("poche valutazioni", "info")
            else:
                flags = flag("differenziato", "ok")
            rows.append(
                (
                    self.person(ev.id),
                    ev.count,
                    fmt.score(ev.mean),
                    fmt.score(ev.spread),
                    ev.distinct,
                    fmt.pct(ev.top_share),
                    flags,
                )
            )
        out.append(
            table(
                (
                    "Valutatore",
                    "Valutazioni",
                    "Media",
                    "Deviazione standard",
                    "Valori diversi",
                    stats.upper_first(top_label),
                    "Segnalazione",
                ),
                rows,
                numeric=(1, 2, 3, 4, 5),
                empty="Nessun valutatore indicato (colonna evaluator di evaluations.csv o people.csv).",
            )
        )
        if ente.appeals:
            from ..conciliation import apply_appeals

            # what each row did, as the cycle decided it (date order): applied, refused, or ignored and why
            effect = {e.appeal.row: e.effect for e in apply_appeals(ente)[1]}
            out.append(tag("h3", "Conciliazione: riesami, ricorsi e contraddittori"))
            out.append(
                table(
                    ("Persona", "Fase", "Data", "Esito", "Voce", "Nuovi punti", "Effetto"),
                    [
                        (
                            a.person,
                            a.stage,
                            fmt.value(a.date),
                            a.outcome or fmt.NONE,
                            a.new_points_item or fmt.NONE,
                            fmt.value(a.new_points),
                            effect.get(a.row, fmt.NONE),
                        )
                        for a in ente.appeals
                    ],
                    numeric=(5,),
                )
            )
            out.append(
                tag(
                    "p",
                    "Le fasi si considerano in ordine di data; l'ultima fase accolta sostituisce i punti della voce; "
                    "una riga non considerata (es. un ricorso senza riesame precedente) non cambia nulla. "
                    f"Graduatorie e premi usano il punteggio dopo la conciliazione ({fmt.cite('rules/core.md §5')}).",
                    "muted",
                )
            )
        return out

    def pools(self) -> dict:
        return dict(self.r.ledger.pools)

    def rewards(self) -> list[Any]:
        if not reached(self.r, "premialita"):
            return [not_run(self.r, "premialita")]
        r = self.r
        out: list[Any] = [tag("h3", "Fondi")]
        ledger = r.ledger
        labels = r.plugin.status_labels
        rows: list[Any] = [
            (
                fmt.fund(name, p.label, labels),
                fmt.cite(p.source, self.r.plugin.documents),
                fmt.euro(p.amount),
                fmt.euro(p.distributed),
                fmt.euro(p.residual),
            )
            for name, p in ledger.pools.items()
        ]
        if rows:  # the same totals as summary.json (core/ledger.py)
            rows.append(
                RowWithClass(
                    "total",
                    (
                        "Totale (tutti i fondi)",
                        "",
                        fmt.euro(ledger.allocated),
                        fmt.euro(ledger.distributed),
                        fmt.euro(ledger.residual),
                    ),
                )
            )
        out.append(
            table(
                ("Fondo", "Fonte", "Stanziato", "Distribuito", "Residuo"),
                rows,
                numeric=(2, 3, 4),
                empty="Nessun fondo.",
            )
        )
        out.append(tag("h3", "Premi per fondo e fascia (dati aggregati)"))
        brows = [
            (
                fmt.fund(b.pool, ledger.pools[b.pool].label if b.pool in ledger.pools else "", labels),
                b.band or fmt.NONE,
                b.count,
                fmt.euro(b.total),
                fmt.euro(b.mean),
                fmt.euro(b.low),
                fmt.euro(b.high),
            )
            for b in stats.bands(r)
        ]
        out.append(
            table(
                ("Fondo", "Fascia", "Persone", "Totale", "Media", "Minimo", "Massimo"),
                brows,
                numeric=(2, 3, 4, 5, 6),
                empty="Nessun premio individuale calcolato.",
            )
        )
        if r.rewards is not None and r.rewards.statuses:
            counts: dict[str, int] = {}
            for st in r.rewards.statuses.values():
                counts[st] = counts.get(st, 0) + 1
            out.append(tag("h3", "Esiti della premialità"))
            out.append(
                table(
                    ("Esito", "Persone"),
                    [(fmt.status(k, r.plugin.status_labels), counts[k]) for k in sorted(counts)],
                    numeric=(1,),
                )
            )
        if r.positions is not None and r.positions.positions:
            out.append(tag("h3", "Posizioni organizzative: pesatura e retribuzione"))
            prow = [
                (
                    pid,
                    ("vacante" if not p.holder else self.person(p.holder)) + ("" if p.paid else " (non erogata)"),
                    fmt.score(p.score),
                    fmt.euro(p.annual),
                    p.instalments,
                    fmt.euro(p.monthly),
                    fmt.euro(p.monthly_last),
                    fmt.euro(p.result_max),
                    fmt.euro(p.result),
                )
                for pid, p in r.positions.positions.items()
            ]
            out.append(
                table(
                    (
                        "Posizione",
                        "Titolare",
                        "Punteggio di pesatura",
                        "Retribuzione di posizione annua",
                        "Rate",
                        "Rata",
                        "Ultima rata",
                        "Risultato massimo",
                        "Risultato",
                    ),
                    prow,
                    numeric=(2, 3, 4, 5, 6, 7, 8),
                )
            )
        out.append(
            tag(
                "p",
                "Il residuo di ogni fondo è la parte non distribuita; per ogni fondo distribuito + residuo "
                "= stanziato, al centesimo. I singoli importi sono in schede.xlsx (uso interno).",
                "muted",
            )
        )
        return out

    def plugin_sections(self) -> list[Any]:
        out: list[Any] = []
        for s in self.r.sections:
            docs = self.r.plugin.documents
            out.append(tag("h3", s.title))
            if s.note:
                out.append(tag("p", fmt.prose(s.note, docs), "muted"))
            out.append(
                table(
                    s.columns,
                    [tuple(fmt.prose(fmt.value(v), docs) for v in row) for row in s.rows],
                    numeric=[
                        i
                        for i in range(len(s.columns))
                        if s.rows
                        and all(
                            isinstance(row[i], (Decimal, int, float)) and not isinstance(row[i], bool)
                            for row in s.rows
                            if i < len(row)
                        )
                    ],
                )
            )
        return out

    def violations(self) -> list[Any]:
        rows = [
            (
                flag("errore", "err") if v.is_error else flag("avviso", "warn"),
                v.rule,
                fmt.prose(v.message, self.r.plugin.documents),
                v.where or fmt.NONE,
                fmt.cite(v.source, self.r.plugin.documents),
            )
            for v in self.r.violations
        ]
        return [
            table(
                ("Gravità", "Regola", "Descrizione", "Dove", "Fonte"),
                rows,
                empty="Nessuna violazione: dati e calcoli conformi alle regole controllate.",
            )
        ]

    def calendar(self) -> list[Any]:
        if not reached(self.r, "rendicontazione"):
            return [not_run(self.r, "rendicontazione")]
        rows = []
        for d, status in sorted(self.r.calendar, key=lambda x: (x[0].due, x[0].act)):
            done = self.ente.approvals.get(d.approval) if d.approval else None
            kind = {"fatto": "ok", "in ritardo": "err", "mancante": "warn"}.get(status, "info")
            rows.append(
                (
                    fmt.date_it(d.due),
                    PHASE_NAMES.get(d.phase, d.phase),
                    d.act,
                    fmt.cite(d.source, self.r.plugin.documents),
                    flag(fmt.CALENDAR_LABELS[status], kind),
                    fmt.value(done) if done is not None else fmt.NONE,
                )
            )
        return [
            table(
                ("Scadenza", "Fase", "Atto", "Fonte", "Stato", "Data dell'atto"),
                rows,
                empty="Il regolamento non definisce scadenze per questo ciclo.",
            )
        ]

    def notes(self) -> list[Any]:
        r = self.r
        rows = []
        for name, spec in r.params.specs.items():
            if spec.kind == "path" and not self.PARAMETER_NAMES:
                continue  # a file on the office's machine, not a rule: the act it holds is under «Atti applicati»
            value = r.params.values.get(name)
            shown = self.value_of(name, value)
            flags = []
            if name in r.params.overridden:
                flags.append(str(flag("modificato dalla configurazione", "warn")))
            if spec.assumption:
                flags.append(str(flag("ipotesi", "info")))
            described = self.said(spec.description)
            cited = fmt.cite(spec.source, self.r.plugin.documents)
            row = (name, shown, described, cited) if self.PARAMETER_NAMES else (described, shown, cited)
            rows.append((*row, Raw(" ".join(flags))))
        columns = (
            ("Parametro", "Valore", "Descrizione", "Fonte", "")
            if self.PARAMETER_NAMES
            else ("Parametro", "Valore", "Fonte", "")
        )
        out: list[Any] = [
            tag("h3", "Parametri in vigore"),
            table(
                columns,
                rows,
                numeric=(1,),
                cls="wrap",  # long values and sources wrap inside the A4 page
                empty="Il regolamento non ha parametri.",
            ),
        ]
        out.append(tag("h3", "Ipotesi"))
        assumptions = r.assumptions()
        if assumptions:
            docs = r.plugin.documents
            specs = r.params.specs
            items = "".join(
                f"<li><b>{e(self.parameter(name, specs))}</b> = {e(self.value_of(name, v))}: "
                f"{e(self.said(text))} <span class=\"muted\">[{e(fmt.cite(src, docs))}]</span></li>"
                for name, text, v, src in assumptions
            )
            out.append(Raw(f"<ul>{items}</ul>"))
        else:
            out.append(tag("p", "Nessuna ipotesi: ogni parametro è fissato dalle fonti.", "empty"))
        out.append(tag("h3", "Regolamento e dati"))
        regs = "".join(f"<li>{e(fmt.regulation(x, r.plugin.documents))}</li>" for x in r.plugin.regulations)
        applied = (
            f"<p>Regolamento applicato: <b>{e(r.plugin.name)}</b> versione {e(r.plugin.version)}.</p>"
            if self.PARAMETER_NAMES
            else "<p>Atti applicati:</p>"
        )
        out.append(Raw(applied + (f"<ul>{regs}</ul>" if regs else "")))
        files = [(name, digest[:16] + "…") for name, digest in sorted(self.ente.files.items())]
        out.append(table(("File di input", "Impronta SHA-256 (inizio)"), files, empty="Nessun file registrato."))
        out.append(tag("h3", "Come leggere i numeri"))
        out.append(
            Raw(
                "<ul>"
                "<li>Raggiungimenti in percentuale, arrotondati a 4 decimali della frazione (es. 92,34%); "
                "ogni livello è calcolato dai valori arrotondati del livello sotto.</li>"
                "<li>Punteggi individuali da 0 a 100 con 2 decimali; importi in euro al centesimo, "
                "arrotondati per eccesso dal mezzo centesimo, ripartiti con il metodo dei resti più alti."
                "</li>"
                "<li>Scostamento = raggiungimento − 100%: negativo quando il target non è raggiunto.</li>"
                "<li>«—» = dato non disponibile o non valutato (mai uno zero implicito).</li>"
                "<li>Ogni cifra si può ricostruire fino alle celle dei file di input con "
                "<code>ciclope explain</code>.</li>"
                "</ul>"
            )
        )
        return out

    PARAMETER_NAMES = True  # the internal Relazione names parameters as [ente.params] overrides them

    def parameter(self, name: str, specs) -> str:
        """A parameter as the page names it: its name, or (public) its label or description."""
        spec = specs.get(name)
        if self.PARAMETER_NAMES or spec is None:
            return name
        return spec.label or self.said(spec.description)

    def said(self, text: str) -> str:
        """A parameter's description or assumption for this page: the public one says every parameter, choice
        and fund in words (its ``label``), the internal one keeps the names an office writes in cycle.toml."""
        text = fmt.prose(text, self.r.plugin.documents)
        return text if self.PARAMETER_NAMES else fmt.worded(text, self.words)

    def value_of(self, name: str, value: Any) -> str:
        spec = self.r.params.specs.get(name)
        labels = self.r.plugin.status_labels
        if spec is not None and spec.labels and not self.PARAMETER_NAMES:
            labels = {**labels, **spec.labels}
        return fmt.param_value(value, labels)

    @functools.cached_property
    def words(self) -> dict[str, str]:
        """Every code a parameter text may name → its words: funds and statuses, parameters, choices."""
        out = dict(self.r.plugin.status_labels)
        for name, spec in self.r.params.specs.items():
            out.update(spec.labels)
            if spec.label:
                out[name] = spec.label
        return out

    def archive(self) -> list[Any]:
        """Trends over the years, multi-year objectives and the benchmark position come from the results
        store once every ente of the run is in it: ``ciclope run`` replaces what lies between the two
        markers (core/store/sections.py). Without a store, this line stays."""
        return [Raw(f"{ARCHIVE_START}\n<p class=\"empty\">{e(NO_ARCHIVE)}</p>\n{ARCHIVE_END}")]

    # -- the page -------------------------------------------------------------------------
    # what the page shows: overridden by the publishable version (reports/public.py)
    SECTION_METHODS = {
        "sintesi": "summary",
        "aree": "areas",
        "dirigenti": "dirigenti",
        "obiettivi": "objectives",
        "unita": "units",
        "monitoraggio": "monitoring",
        "individuale": "individual",
        "premi": "rewards",
        "sezioni": "plugin_sections",
        "andamento": "archive",
        "violazioni": "violations",
        "calendario": "calendar",
        "note": "notes",
    }

    # a section shows only once its phase ran: the 30/6 report is monitoring, not placeholders
    SECTION_PHASE = {
        "dirigenti": "valutazione",
        "unita": "valutazione",
        "individuale": "valutazione",
        "premi": "premialita",
        "sezioni": "rendicontazione",
        "calendario": "rendicontazione",
    }

    # sections that read no person: the public Relazione (reports/public.py) shows them as they are, so
    # each is built once per Result for both pages; forget_shared() drops them
    SHARED_SECTIONS = ("aree", "monitoraggio", "calendario", "note")

    def parts(self) -> dict[str, markdown.Rendered]:
        """The office's own parts (relazione/*.md) as rendered once per Result for both Relazioni: the text
        is the office's, published as written (escaped), on the internal and the public page alike."""
        texts = self.ente.texts
        return self.r.memo("html.parts", lambda: {key: markdown.render(text) for key, text in texts.items()})

    def body(self, ident: str) -> list[Any]:
        """The body of section ``ident``; a shared section's is made once per Result, unless this page
        overrides its method."""
        if ident in PARTS:
            return [Raw(f'<div class="prosa">\n{self.parts()[ident].html}\n</div>')]
        name = self.SECTION_METHODS[ident]
        method = getattr(self, name)
        if ident in self.SHARED_SECTIONS and getattr(type(self), name) is getattr(Page, name):
            return self.r.memo(f"{SHARED_PREFIX}{ident}", method)
        return method()

    def shown(self) -> list[tuple[str, str]]:
        parts = self.parts() if reached(self.r, "rendicontazione") else {}  # the Relazione's words, not July's
        return [
            (i, (parts[i].title or t) if i in parts else t)
            for i, t in SECTIONS
            if (i in self.SECTION_METHODS or i in parts)
            and (i != "sezioni" or self.r.sections)
            and reached(self.r, self.SECTION_PHASE.get(i, "pianificazione"))
        ]

    def meta(self) -> str:
        r, ente = self.r, self.ente
        return (
            f"Ente {ente.id} · regolamento {r.plugin.name} {r.plugin.version} · ciclo {ente.year} · "
            f"fasi eseguite fino a «{PHASE_NAMES[r.until]}»"
        )

    def footer(self) -> str:
        r = self.r
        return (
            f"Documento interno per l'OIV, il Segretario Generale e i dirigenti, prodotto da ciclope "
            f"con il regolamento {e(r.plugin.name)} {e(r.plugin.version)}. Per la pubblicazione "
            "(Amministrazione trasparente) usare relazione-pubblica.html o trasparenza.csv, senza nomi."
        )

    def render(self) -> str:
        return "".join(self.pieces())

    def write(self, path: Path) -> None:
        """The document into ``path``, piece by piece (the same text as :meth:`render`)."""
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for piece in self.pieces():
                fh.write(piece)

    def pieces(self) -> Iterator[str]:
        """The document as pieces whose concatenation is the page; each section's body is built
        only when its turn comes and dropped once written."""
        ente = self.ente
        shown = self.shown()
        toc = " ".join(f'<a href="#{i}">{e(t)}</a>' for i, t in shown)
        head = [
            "<!DOCTYPE html>",
            '<html lang="it">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(self.title())} — {e(ente.name)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            '<header class="doc">',
            f"<h1>{e(self.title())}</h1>",
            f'<div class="ente">{e(ente.name)}</div>',
            f'<div class="meta">{e(self.meta())}</div>',
            "</header>",
            f'<nav class="toc">{toc}</nav>',
        ]
        yield "\n".join(head) + "\n"
        for n, (ident, title) in enumerate(shown):
            yield from section_pieces(ident, title, self.body(ident), first=n == 0)
            yield "\n"
        yield f"<footer>{self.footer()}</footer>\n</body>\n</html>\n"


def forget_shared(result: Result) -> None:
    """Drop the parts both Relazioni share (:attr:`Page.SHARED_SECTIONS`, the objectives' tables) once
    both are written: a 30,000-person ente's objective tables are ~19 MB of text."""
    result.forget(SHARED_TABLES, "html.parts", *(f"{SHARED_PREFIX}{ident}" for ident in Page.SHARED_SECTIONS))


def render(result: Result) -> str:
    return Page(result).render()


def write(result: Result, path: Path) -> None:
    Page(result).write(path)
