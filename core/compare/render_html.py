"""``compare.html``: the scenarios of a comparison side by side, for the delegations at the table of
the contrattazione integrativa (Italian, printable on A4, inline CSS and SVG, no script, no network).

Built from the ``compare.json`` dict only; every text is escaped; same dict → same bytes. Persons
are shown by id and role (no names: the page is meant to be shared at the bargaining table).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Any

from ..reports import fmt
from ..reports.html import CSS
from ..reports.markup import Raw, e, flag, section, table, tag
from ..reports.svg import GRID, TEXT, WIDTH
from . import metrics
from .scenario import CURRENT

COLORS = ("#2f6690", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#5d6d7e", "#17a2b8", "#7b241c")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4", "1 2")  # scenarios with equal curves stay distinguishable
EXTRA_CSS = """
.legend { font-size: 12px; margin: 2px 0 8px 0; }
.legend svg.sw { margin: 0 2px 0 12px; vertical-align: 0; }
td .band { color: var(--muted); font-size: 11px; }
table.people { font-size: 11px; }
table.people td, table.people th { padding: 2px 3px; }
table.people td.num .band { white-space: normal; }
td { overflow-wrap: anywhere; }              /* file paths and rule ids must not widen the page */
td.num, .flag { overflow-wrap: normal; white-space: nowrap; }
@media print { section.scheda { break-before: auto; page-break-before: auto; } }
"""
METRIC_ROWS = (
    ("people", "Persone", "int"),
    ("paid_to_people", "Pagato alle persone", "money"),
    ("distributed", "Distribuito dai fondi", "money"),
    ("residual", "Residuo dei fondi", "money"),
    ("gini", "Indice di Gini degli importi (0 = tutti uguali)", "num"),
    ("p10", "P10 (10° percentile, rango più vicino)", "money"),
    ("p90", "P90 (90° percentile, rango più vicino)", "money"),
    ("p90_p10", "Rapporto P90/P10 (non definito se P10 = 0)", "num"),
    ("top20_share", "Quota agli importi del 20% più alto", "pct"),
    ("top_level_share", "Quota di persone al livello più alto", "pct"),
    ("zero", "Persone con importo zero", "int"),
)


def show(value: Any, kind: str) -> str:
    if value is None:
        return "non definito"
    if kind == "money":
        return fmt.euro(Decimal(value))
    if kind == "pct":
        return fmt.pct(value)
    if kind == "num":
        return fmt.decimal_it(Decimal(str(value)), 4)
    return str(value)


def signed_euro(diff: Decimal) -> str:
    if diff == 0:
        return fmt.euro(Decimal("0.00"))
    return ("+" if diff > 0 else "−") + fmt.euro(abs(diff))


def natural(key: str) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", key)]


def _n(x: float) -> str:
    return f"{x:.1f}"


def stroke(i: int) -> str:
    dash = DASHES[i % len(DASHES)]
    return f'stroke="{COLORS[i % len(COLORS)]}" stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "")


def legend(names: Sequence[str]) -> Raw:
    items = "".join(
        f'<svg class="sw" width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" '
        f'{stroke(i)}/></svg> {e(n)}'
        for i, n in enumerate(names)
    )
    return Raw(f'<div class="legend">{items}</div>')


def _frame(chart_id: str, title: str, height: int) -> list[str]:
    return [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{escape(chart_id)}-t">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<text x="0" y="16" font-size="13" font-weight="bold" fill="{TEXT}">{escape(title)}</text>',
    ]


def lorenz_chart(series: Sequence[tuple[str, list[tuple[float, float]]]]) -> str:
    """Lorenz curves of every scenario on one chart, with the line of equality."""
    left, top, size = 60, 30, 340
    height = top + size + 40
    out = _frame("lorenz", "Curve di Lorenz degli importi", height)
    for tick in (0, 25, 50, 75, 100):
        x, y = left + size * tick / 100, top + size - size * tick / 100
        out.append(f'<line x1="{_n(x)}" y1="{top}" x2="{_n(x)}" y2="{top + size}" stroke="{GRID}"/>')
        out.append(f'<line x1="{left}" y1="{_n(y)}" x2="{left + size}" y2="{_n(y)}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{_n(x)}" y="{top + size + 14}" font-size="10" text-anchor="middle" fill="{TEXT}">{tick}%</text>'
        )
        out.append(
            f'<text x="{left - 4}" y="{_n(y + 3)}" font-size="10" text-anchor="end" fill="{TEXT}">{tick}%</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + size}" x2="{left + size}" y2="{top}" stroke="{TEXT}" '
        'stroke-dasharray="4 3"><title>uguaglianza perfetta</title></line>'
    )
    for i, (name, points) in enumerate(series):
        if not points:
            continue
        path = " ".join(f"{_n(left + size * px)},{_n(top + size - size * py)}" for px, py in points)
        out.append(
            f'<polyline class="series" points="{path}" fill="none" {stroke(i)}><title>{escape(name)}</title></polyline>'
        )
    out.append(
        f'<text x="{left + size / 2:.1f}" y="{height - 6}" font-size="10" text-anchor="middle" fill="{TEXT}">'
        'quota di persone (dagli importi più bassi)</text>'
    )
    out.append(
        f'<text x="{left + size + 12}" y="{top + 12}" font-size="10" fill="{TEXT}">asse verticale: quota '
        'cumulata</text>'
    )
    out.append(f'<text x="{left + size + 12}" y="{top + 26}" font-size="10" fill="{TEXT}">degli importi</text>')
    out.append("</svg>")
    return "\n".join(out)


def sorted_chart(series: Sequence[tuple[str, list[Decimal]]]) -> str:
    """The amounts of every scenario sorted ascending, one step line each, on common axes."""
    left, top, plot_w, plot_h = 70, 30, WIDTH - 90, 300
    height = top + plot_h + 40
    out = _frame("importi-ordinati", "Importi ordinati dal più basso al più alto", height)
    peak = max([a for _, xs in series for a in xs] + [Decimal(1)])
    for k in range(5):
        value = peak * k / 4
        y = top + plot_h - plot_h * k / 4
        out.append(f'<line x1="{left}" y1="{_n(y)}" x2="{left + plot_w}" y2="{_n(y)}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{left - 4}" y="{_n(y + 3)}" font-size="10" text-anchor="end" fill="{TEXT}">'
            f'{escape(fmt.euro(value.quantize(Decimal(1))).replace(",00", ""))}</text>'
        )
    for i, (name, xs) in enumerate(series):
        n = len(xs)
        if not n:
            continue
        pts = []
        for k, a in enumerate(sorted(xs)):
            y = top + plot_h - plot_h * float(a / peak)
            pts += [f"{_n(left + plot_w * k / n)},{_n(y)}", f"{_n(left + plot_w * (k + 1) / n)},{_n(y)}"]
        out.append(
            f'<polyline class="series" points="{" ".join(pts)}" fill="none" {stroke(i)}>'
            f'<title>{escape(name)}</title></polyline>'
        )
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" font-size="10" text-anchor="middle" '
        f'fill="{TEXT}">persone, dall\'importo più basso al più alto</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


class Page:
    def __init__(self, doc: dict, labels: dict | None = None):
        self.doc = doc
        self.labels = labels or {}
        self.sc = doc["scenarios"]
        self.names = list(self.sc)
        self.others = [n for n in self.names if n != CURRENT]
        self.base = self.sc[CURRENT]
        self.order = sorted(self.base["people"], key=natural)  # P2 before P10

    def changed(self, name: str) -> tuple[str, str]:
        """(parameters, funds) that the scenario sets differently from ``attuale``."""
        if name == CURRENT:
            return "parametri e fondi in vigore", ""
        s = self.sc[name]

        def diff(mine: dict, base: dict) -> list[str]:
            return [
                f"{k} = {fmt.param_value(v) if not isinstance(v, dict) else v}"
                for k, v in mine.items()
                if base.get(k) != v
            ]

        if "enti" in self.doc:  # the total: parameters are per ente
            params = sorted(
                {line for ente, p in s["params"].items() for line in diff(p, self.base["params"].get(ente, {}))}
            )
        else:
            params = diff(s["params"], self.base["params"])
        funds = [f"{k} = {fmt.euro(Decimal(v))}" for k, v in s["funds"].items() if self.base["funds"].get(k) != v]
        return "; ".join(params) or "nessuno", "; ".join(funds)

    def outcome(self, name: str) -> Raw:
        s = self.sc[name]
        errors = sum(1 for v in s["violations"] if v["severity"] == "error")
        warnings = len(s["violations"]) - errors
        if not s["computed"]:
            return flag("non calcolabile", "err")
        if errors:
            return flag(f"{errors} violazion{'e' if errors == 1 else 'i'}", "err")
        return flag(f"conforme{f', {warnings} avvisi' if warnings else ''}", "ok")

    def scenarios(self) -> list[Any]:
        rows = []
        for name in self.names:
            s = self.sc[name]
            params, funds = self.changed(name)
            rows.append(
                [name, s["description"], s["file"] or "cycle.toml", params, funds or "nessuno", self.outcome(name)]
            )
        return [
            table(("Scenario", "Descrizione", "File", "Parametri diversi dall'attuale", "Fondi diversi", "Esito"), rows)
        ]

    def metrics(self) -> list[Any]:
        rows = []
        for key, label, kind in METRIC_ROWS:
            if key == "top_level_share":
                top = self.base["metrics"]["top_level"]
                label = f"Quota di persone al livello più alto ({top})" if top else label
            rows.append([label] + [show(self.sc[n]["metrics"][key], kind) for n in self.names])
        ratios = []
        for n in self.names:
            parts = [
                f"{r['upper']}/{r['lower']}: {show(r['ratio'], 'num')}" for r in self.sc[n]["metrics"]["band_ratios"]
            ]
            ratios.append(Raw("<br>".join(e(p) for p in parts)) if parts else "—")
        rows.append(["Rapporto pro capite tra fasce consecutive"] + ratios)
        return [
            table(["Indicatore"] + self.names, rows, numeric=range(1, len(self.names) + 1)),
            Raw(
                '<p class="muted">Gini: differenza media tra gli importi di due persone diviso il doppio '
                "della media. Percentili col metodo del rango più vicino (P<sub>p</sub> = importo di posto "
                "⌈p·n/100⌉ in ordine crescente). Quota del 20% più alto: 1 − L(0,8) sulla curva di Lorenz. "
                "Tutte le persone dell'ente sono contate, anche quelle senza premio.</p>"
            ),
        ]

    def charts(self) -> list[Any]:
        lorenz = [
            (n, metrics.lorenz_points([Decimal(p["amount"]) for p in self.sc[n]["people"].values()]))
            for n in self.names
        ]
        amounts = [(n, [Decimal(p["amount"]) for p in self.sc[n]["people"].values()]) for n in self.names]
        return [
            legend(self.names),
            Raw('<div class="charts">'),
            Raw(f'<figure class="chart">{lorenz_chart(lorenz)}</figure>'),
            Raw(f'<figure class="chart">{sorted_chart(amounts)}</figure>'),
            Raw("</div>"),
        ]

    def violations(self) -> list[Any]:
        out: list[Any] = []
        for name in self.names:
            vs = self.sc[name]["violations"]
            out.append(tag("h3", f"Scenario {name}"))
            rows = [
                [
                    flag("errore", "err") if v["severity"] == "error" else flag("avviso", "warn"),
                    *([v["ente"]] if "ente" in v else []),
                    v["message"],
                    v["source"],
                    v["rule"],
                    v["where"],
                ]
                for v in vs
            ]
            cols = (
                ["Gravità"] + (["Ente"] if vs and "ente" in vs[0] else []) + ["Violazione", "Fonte", "Regola", "Dove"]
            )
            out.append(table(cols, rows, empty="Nessuna violazione."))
        return out

    def gains(self) -> list[Any]:
        out: list[Any] = []
        base = self.base["people"]
        for name in self.others:
            people = self.sc[name]["people"]
            if not self.sc[name]["computed"]:
                out += [
                    tag("h3", f"Scenario {name} rispetto ad attuale"),
                    tag("p", "Scenario non calcolabile con questi parametri: vedi le violazioni.", "empty"),
                ]
                continue
            moves = []
            for pid in people:
                before = Decimal(base.get(pid, {}).get("amount") or "0")
                after = Decimal(people[pid]["amount"])
                if after != before or people[pid]["band"] != base.get(pid, {}).get("band"):
                    moves.append((after - before, pid, before, after))
            up = [m for m in moves if m[0] > 0]
            down = [m for m in moves if m[0] < 0]
            same = len(people) - len(up) - len(down)
            out.append(tag("h3", f"Scenario {name} rispetto ad attuale"))
            out.append(
                tag(
                    "p",
                    f"Guadagnano {len(up)} persone (in tutto {signed_euro(sum((m[0] for m in up), Decimal(0)))}), "
                    f"perdono {len(down)} persone (in tutto {signed_euro(sum((m[0] for m in down), Decimal(0)))}), "
                    f"{same} con lo stesso importo.",
                )
            )
            rows = [
                [
                    pid,
                    fmt.ROLE_LABELS.get(people[pid]["role"], people[pid]["role"]),
                    self.status(base[pid]) if pid in base else "—",
                    self.status(people[pid]),
                    fmt.euro(before),
                    fmt.euro(after),
                    signed_euro(d),
                ]
                for d, pid, before, after in sorted(moves, key=lambda m: (-m[0], m[1]))
            ]
            out.append(
                table(
                    (
                        "Persona",
                        "Ruolo",
                        "Fascia attuale",
                        f"Fascia in {name}",
                        "Importo attuale",
                        f"Importo in {name}",
                        "Differenza",
                    ),
                    rows,
                    numeric=(4, 5, 6),
                    empty="Nessuno cambia importo o fascia.",
                )
            )
        return out

    def groups(self) -> list[Any]:
        out: list[Any] = []
        for name in self.names:
            s = self.sc[name]
            out.append(tag("h3", f"Scenario {name}"))
            ratio = {r["upper"]: r["ratio"] for r in s["metrics"]["band_ratios"]}
            rows = [
                [
                    g["name"],
                    g["count"],
                    fmt.euro(Decimal(g["total"])),
                    fmt.euro(Decimal(g["per_capita"])),
                    show(ratio.get(g["name"]), "num") if g["name"] in ratio else "—",
                ]
                for g in s["bands"]
            ]
            out.append(
                table(
                    ("Fascia", "Persone", "Premi della fascia", "Pro capite", "Rapporto con la successiva"),
                    rows,
                    numeric=(1, 2, 3, 4),
                    empty="Nessuna fascia di merito in questo scenario.",
                )
            )
            rows = [
                [g["name"], g["count"], fmt.euro(Decimal(g["total"])), fmt.euro(Decimal(g["per_capita"]))]
                for g in s["levels"]
            ]
            out.append(
                table(("Livello", "Persone", "Importi", "Pro capite"), rows, numeric=(1, 2, 3), empty="Nessun livello.")
            )
        return out

    def people(self) -> list[Any]:
        base = self.base["people"]
        cols = ["Persona", "Ruolo", "Punteggio", CURRENT]
        for n in self.others:
            cols += [n, f"Δ {n}"]
        rows = []
        for pid in self.order:
            p = base[pid]
            row: list[Any] = [pid, fmt.ROLE_LABELS.get(p["role"], p["role"]), fmt.score(p["score"]), self.cell(p)]
            for n in self.others:
                q = self.sc[n]["people"].get(pid)
                if q is None:
                    row += ["—", "—"]
                    continue
                row += [self.cell(q), signed_euro(Decimal(q["amount"]) - Decimal(p["amount"]))]
            rows.append(row)
        return [
            table(cols, rows, numeric=range(2, len(cols)), cls="people"),
            Raw(
                '<p class="muted">Per ogni scenario: importo e, sotto, la fascia di merito (o l\'esito). '
                "Δ = importo nello scenario − importo attuale. Per i titolari di posizione organizzativa "
                "l'importo comprende la retribuzione di risultato, non quella di posizione.</p>"
            ),
        ]

    def status(self, p: dict) -> str:
        """The band, or else the outcome in Italian (the plugin's labels first)."""
        return p["band"] or fmt.status(p["status"], self.labels)

    def cell(self, p: dict) -> Raw:
        below = self.status(p)
        return Raw(f'{e(fmt.euro(Decimal(p["amount"])))}<br><span class="band">{e(below)}</span>')

    def render(self) -> str:
        d = self.doc
        title = "Simulazione per la contrattazione integrativa"
        sections = [
            ("scenari", "Scenari a confronto", self.scenarios()),
            ("indicatori", "Indicatori di distribuzione", self.metrics()),
            ("curve", "Curve di distribuzione", self.charts()),
            ("violazioni", "Violazioni del regolamento per scenario", self.violations()),
            ("movimenti", "Chi guadagna e chi perde", self.gains()),
            ("fasce", "Fasce di merito e livelli", self.groups()),
            ("persone", "Importi per persona", self.people()),
        ]
        toc = " ".join(f'<a href="#{i}">{e(t)}</a>' for i, t, _ in sections)
        if "enti" in d:
            meta = f"Totale degli enti {', '.join(d['enti'])} · regolamento {d['plugin']} · ciclo {d['year']}"
        else:
            meta = f"Ente {d['ente']} · regolamento {d['plugin']} · ciclo {d['year']}"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="it">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)} — {e(d.get('name') or d['ente'])}</title>",
            f"<style>{CSS}{EXTRA_CSS}</style>",
            "</head>",
            "<body>",
            '<header class="doc">',
            f"<h1>{e(title)}</h1>",
            f'<div class="ente">{e(d.get("name") or d["ente"])}</div>',
            f'<div class="meta">{e(meta)}</div>',
            "</header>",
            f'<nav class="toc">{toc}</nav>',
            Raw(
                '<div class="box">Simulazione: gli stessi dati dell\'ente calcolati con i parametri in vigore '
                "(scenario «attuale») e con quelli di ogni scenario. Nessun risultato è stato registrato: "
                "per adottare uno scenario va modificato cycle.toml e rieseguito <code>ciclope run</code>.</div>"
            ),
        ]
        for n, (ident, head, body) in enumerate(sections):
            parts.append(section(ident, head, body, first=n == 0))
        parts.append(
            "<footer>Prodotto da ciclope compare. Le persone sono indicate con il solo identificativo.</footer>"
        )
        parts += ["</body>", "</html>", ""]
        return "\n".join(str(p) for p in parts)


def render(doc: dict, labels: dict | None = None) -> str:
    return Page(doc, labels).render()
