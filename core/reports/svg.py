"""Inline SVG charts for ``relazione.html``: plain strings, no script, no external resource; and what every
chart of ciclope draws alike (:func:`frame`, :func:`escape`, :func:`coord`), used by ``compare.html``'s
(:mod:`ciclope.core.compare.charts`) and the portal's (:mod:`ciclope.core.site.charts`).

Every label is escaped; numbers are laid out with fixed decimals so the output is byte-identical
for the same inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape as _escape

from ciclope.core.reports import fmt

WIDTH = 560
BAR = "#2f6690"  # bars
MISSING = "#b8b8b8"  # "not scored" marker
TARGET = "#c0392b"  # the 100% line
GRID = "#d9d9d9"
TEXT = "#222222"


def escape(text: str) -> str:
    """``html.escape(text)``, without its five replaces for a text with nothing to escape (most labels
    and every percentage: ~190 texts per Relazione)."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _escape(text)
    return text


def coord(x: float) -> str:
    """A coordinate or length with one fixed decimal: the same figures give the same bytes."""
    return f"{x:.1f}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrapped(text: str, limit: int) -> list[str]:
    """``text`` on at most two lines of ``limit`` characters, broken between words: a printed chart has no tooltip, so
    a label is cut («…») only when two lines cannot hold it (or its first word alone is longer than a line)."""
    words, first = text.split(" "), ""
    while words and len(f"{first} {words[0]}".strip()) <= limit:
        first = f"{first} {words.pop(0)}".strip()
    if not first:
        return [_clip(text, limit)]
    return [first, _clip(" ".join(words), limit)] if words else [first]


def frame(chart_id: str, title: str, height: int, css: str = "chart") -> list[str]:
    """A chart's opening lines, :data:`WIDTH` wide: the ``<svg>`` element labelled by its ``<title>`` (for
    screen readers) and the title drawn on top; the chart appends its shapes and ``</svg>``."""
    return [
        f'<svg class="{css}" id="{escape(chart_id)}" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{escape(chart_id)}-t">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<text x="0" y="16" font-size="13" font-weight="bold" fill="{TEXT}">{escape(title)}</text>',
    ]


def achievement_bars(chart_id: str, title: str, items: Sequence[tuple[str, str, Decimal | None]]) -> str:
    """Horizontal bars of achievements 0–100% with a line at 100%.

    ``items``: (short label, full label for the tooltip, achievement or None = not scored).
    """
    label_w, right, row, top = 190, 70, 22, 34
    plot_w = WIDTH - label_w - right
    labels = [_wrapped(short, 30) for short, _, _ in items]
    rows = [row + 12 * (len(lines) - 1) for lines in labels]  # a second line of the label: 12 px more
    starts = [top + sum(rows[:i]) for i in range(len(rows))]
    height = top + (sum(rows) or row) + 26
    out = frame(chart_id, title, height)
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot_w * tick / 100
        out.append(
            f'<line x1="{coord(x)}" y1="{top - 6}" x2="{coord(x)}" y2="{height - 22}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{coord(x)}" y="{height - 8}" font-size="10" text-anchor="middle" fill="{TEXT}">{tick}%</text>'
        )
    for i, (_short, full, value) in enumerate(items):
        y = starts[i]
        lines = "".join(
            f'<tspan x="{label_w - 6}" y="{y + 14 + 12 * k}">{escape(line)}</tspan>' for k, line in enumerate(labels[i])
        )
        out.append(
            f'<text x="{label_w - 6}" y="{y + 14}" font-size="11" text-anchor="end" fill="{TEXT}">'
            f"<title>{escape(full)}</title>{lines}</text>"
        )
        if value is None:
            out.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{coord(plot_w)}" height="{row - 8}" fill="none" '
                f'stroke="{MISSING}" stroke-dasharray="4 3"/>'
            )
            out.append(f'<text x="{label_w + 6}" y="{y + 14}" font-size="10" fill="{TEXT}">non valutato</text>')
            continue
        frac = max(Decimal(0), min(Decimal(value), Decimal(1)))
        w = float(frac) * plot_w
        out.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{coord(w)}" height="{row - 8}" fill="{BAR}">'
            f'<title>{escape(full)}: {escape(fmt.pct(value))}</title></rect>'
        )
        if w > plot_w * 0.75:  # inside the bar, clear of the 100% line
            out.append(
                f'<text x="{coord(label_w + w - 4)}" y="{y + 14}" font-size="10" text-anchor="end" '
                f'fill="#ffffff">{escape(fmt.pct(value))}</text>'
            )
        else:
            out.append(
                f'<text x="{coord(label_w + w + 4)}" y="{y + 14}" font-size="10" fill="{TEXT}">'
                f'{escape(fmt.pct(value))}</text>'
            )
    x100 = label_w + plot_w
    out.append(
        f'<line x1="{coord(x100)}" y1="{top - 6}" x2="{coord(x100)}" y2="{height - 22}" stroke="{TARGET}" '
        f'stroke-width="1.5" stroke-dasharray="5 3"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def count_bars(chart_id: str, title: str, items: Sequence[tuple[str, int]], axis: str = "") -> str:
    """Vertical bars of head counts (a histogram or a distribution by level)."""
    height, top, bottom, left = 240, 30, 46, 34
    plot_h = height - top - bottom
    n = max(len(items), 1)
    slot = (WIDTH - left - 10) / n
    peak = max([c for _, c in items] + [1])
    out = [
        *frame(chart_id, title, height),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 10}" y2="{top + plot_h}" stroke="{TEXT}" stroke-width="1"/>',
    ]
    for i, (label, count) in enumerate(items):
        x = left + i * slot
        h = plot_h * count / peak
        bw = slot * 0.7
        cx = x + slot / 2
        if count:
            out.append(
                f'<rect x="{coord(x + slot * 0.15)}" y="{coord(top + plot_h - h)}" width="{coord(bw)}" height="{coord(h)}" '
                f'fill="{BAR}"><title>{escape(label)}: {count}</title></rect>'
            )
        out.append(
            f'<text x="{coord(cx)}" y="{coord(top + plot_h - h - 4)}" font-size="10" text-anchor="middle" '
            f'fill="{TEXT}">{count}</text>'
        )
        out.append(
            f'<text x="{coord(cx)}" y="{top + plot_h + 14}" font-size="10" text-anchor="middle" fill="{TEXT}">'
            f"<title>{escape(label)}</title>{_under_bar(label, max(4, int(slot / 6)), cx, top + plot_h + 14)}</text>"
        )
    if axis:
        out.append(
            f'<text x="{WIDTH / 2:.1f}" y="{height - 8}" font-size="10" text-anchor="middle" '
            f'fill="{TEXT}">{escape(axis)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _under_bar(label: str, limit: int, cx: float, y: int) -> str:
    """A bar's label on one line, or on two under the bar (11 px apart, above the axis' title) when one cannot hold
    it: «non valutato» or «Eccellente (da 95)» read whole where one line of a narrow bar would cut them."""
    lines = _wrapped(label, limit)
    if len(lines) == 1:
        return escape(lines[0])
    return "".join(f'<tspan x="{coord(cx)}" y="{y + 11 * k}">{escape(line)}</tspan>' for k, line in enumerate(lines))


def trend_lines(
    chart_id: str, title: str, years: Sequence[int], series: Sequence[tuple[str, Sequence[float | None]]]
) -> str:
    """Achievements over the years (0–100%): one polyline per series, a dot per year with its value in the
    tooltip; a missing year breaks the line. ``series``: (label, one value or None per year)."""
    height, top, bottom, left, right = 220, 34, 40, 44, 150
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    n = max(len(years), 1)
    step = plot_w / (n - 1) if n > 1 else 0

    def x(i: int) -> float:
        return left + (i * step if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(1.0, v)))

    palette = (BAR, "#e07a1f", "#3d9970", "#8e44ad", "#7f8c8d", "#c0392b")
    out = frame(chart_id, title, height, "chart trend")
    for tick in (0, 50, 100):
        ty = y(tick / 100)
        out.append(
            f'<line x1="{left}" y1="{coord(ty)}" x2="{left + plot_w}" y2="{coord(ty)}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 4}" y="{coord(ty + 3)}" font-size="10" text-anchor="end" fill="{TEXT}">{tick}%</text>'
        )
    for i, year in enumerate(years):
        out.append(
            f'<text x="{coord(x(i))}" y="{height - 20}" font-size="10" text-anchor="middle" fill="{TEXT}">{year}</text>'
        )
    for k, (label, values) in enumerate(series):
        color = palette[k % len(palette)]
        run: list[str] = []
        for i, v in enumerate(list(values) + [None]):
            if v is None:
                if len(run) > 1:
                    out.append(
                        f'<polyline class="series" fill="none" stroke="{color}" stroke-width="2" points="{" ".join(run)}"/>'
                    )
                run = []
                continue
            run.append(f"{coord(x(i))},{coord(y(v))}")
            out.append(
                f'<circle cx="{coord(x(i))}" cy="{coord(y(v))}" r="3" fill="{color}">'
                f"<title>{escape(label)} {years[i]}: {escape(fmt.pct(v))}</title></circle>"
            )
        ly = top + 4 + k * 16
        out.append(f'<rect x="{WIDTH - right + 10}" y="{ly}" width="10" height="10" fill="{color}"/>')
        out.append(
            f'<text x="{WIDTH - right + 24}" y="{ly + 9}" font-size="10" fill="{TEXT}">'
            f"<title>{escape(label)}</title>{escape(_clip(label, 22))}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
