"""Small inline SVG charts for the portal (no script): a sparkline of past years and a strip chart of a
distribution with its quartiles. Every label is escaped; each chart has a <title> for screen readers."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from ciclope.core.reports import fmt
from ciclope.core.reports.svg import escape

INK, ACCENT, MUTED = "#1d3f5e", "#c0392b", "#8a8a8a"
STACK = (0, -9, 9, -18, 18)  # the offsets from the axis of the enti sharing one value, in the order drawn


def sparkline(label: str, points: Sequence[tuple[int, float | None]], width: int = 120, height: int = 28) -> str:
    """Ente performance over the years (0–100%); the last point is marked. Empty string with < 2 years."""
    values = [(y, v) for y, v in points if v is not None]
    if len(values) < 2:
        return ""
    n = len(values)

    def x(i: int) -> float:
        return 3 + (width - 6) * i / (n - 1)

    def y(v: float) -> float:
        return 3 + (height - 6) * (1 - max(0.0, min(1.0, v)))

    pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(values))
    desc = ", ".join(f"{yr}: {fmt.pct(v)}" for yr, v in values)
    last_x, last_y = x(n - 1), y(values[-1][1])
    return (
        f'<svg class="spark" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{escape(label)} — {escape(desc)}</title>"
        f'<polyline fill="none" stroke="{INK}" stroke-width="1.5" points="{pts}"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5" fill="{ACCENT}"/></svg>'
    )


def scale(lo: float, hi: float, percent: bool) -> tuple[float, float]:
    """The axis of a strip: the data's range widened by a round step either side, never the whole 0–100% when the enti
    lie between 86% and 97%. A percentage stays within 0–100%; so do values that all lie within 0–100 (a share
    written without «%», 95 of 100 procedures): a margin never carries the axis past a bound the values keep to."""
    if percent:
        step = 0.05
        low = max(0.0, math.floor(round(lo / step, 6)) * step - step)  # a step of margin below the lowest
        high = math.ceil(round(hi / step, 6)) * step + step  # and above the highest
        return low, min(high, 1.0) if hi <= 1.0 else high
    step = _round_step(((hi - lo) or abs(hi) / 5 or 1.0) / 5)
    low = math.floor(round(lo / step, 6)) * step - step
    high = math.ceil(round(hi / step, 6)) * step + step
    if lo >= 0:
        low = max(low, 0.0)
        if hi <= 100:
            high = min(high, 100.0)
    return low, high


def _round_step(raw: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) at or above ``raw``."""
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))


def strip(
    label: str,
    values: Sequence[tuple[str, float]],
    q1: float,
    median: float,
    q3: float,
    mark: str | None = None,
    percent: bool = True,
    width: int = 560,
    height: int = 78,
    shown: Callable[[float], str] | None = None,
) -> str:
    """Each ente a point on one axis, over the quartile box and the median line; equal values share a spot, and how
    many enti it holds is written above it (a printed page has no tooltip). ``mark``: the ente highlighted;
    ``shown``: how a value reads (a percentage with two decimals, or a number to two, by default)."""
    if not values:
        return ""
    lo, hi = scale(min(v for _, v in values), max(v for _, v in values), percent)
    span = (hi - lo) or 1.0
    left, right = 20, 20

    def x(v: float) -> float:
        return left + (width - left - right) * (v - lo) / span

    if shown is None:
        shown = fmt.pct if percent else (lambda v: fmt.decimal_it(round(v, 2)))
    out = [
        f'<svg class="strip" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(label)}: un cerchio per ente, mediana {escape(shown(median))}, quartili "
        f"{escape(shown(q1))} – {escape(shown(q3))}</title>",
        f'<rect x="{x(q1):.1f}" y="22" width="{max(1.0, x(q3) - x(q1)):.1f}" height="24" fill="#dde7f0"/>',
        f'<line x1="{left}" y1="34" x2="{width - right}" y2="34" stroke="{MUTED}"/>',
        f'<line x1="{x(median):.1f}" y1="18" x2="{x(median):.1f}" y2="50" stroke="{INK}" stroke-width="2"/>',
    ]
    out += _points(values, x, shown, mark, width - right)
    out.append(f'<text x="{left}" y="66" font-size="10" fill="{INK}">{escape(shown(lo))}</text>')
    out.append(
        f'<text class="legend" x="{width / 2:.1f}" y="66" font-size="10" text-anchor="middle" fill="{INK}">'
        "cerchi: gli enti · linea: la mediana · fascia: tra primo e terzo quartile</text>"
    )
    out.append(
        f'<text x="{width - right}" y="66" font-size="10" text-anchor="end" fill="{INK}">{escape(shown(hi))}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def _points(values: Sequence[tuple[str, float]], x, shown, mark: str | None, end: float) -> list[str]:
    """A circle per ente, drawn over the median line so that none hides behind it; above a value several enti share,
    their number («4 enti a 95,00%»), unless it would overlap the one before."""
    out, said_at = [], -1e9
    counts = Counter(v for _, v in values)
    seen: Counter[float] = Counter()
    for ente, v in values:
        color, r = (ACCENT, 5) if ente == mark else (INK, 4)
        # equal values stacked above and below the axis (the 6th and later on the outermost): each one visible
        y = 34 + STACK[min(seen[v], len(STACK) - 1)]
        seen[v] += 1
        out.append(
            f'<circle cx="{x(v):.1f}" cy="{y}" r="{r}" fill="{color}" fill-opacity="0.8" stroke="#ffffff">'
            f"<title>{escape(ente)}: {escape(shown(v))}</title></circle>"
        )
    for v, n in sorted(counts.items()):
        if n > 1 and x(v) - said_at >= 110:
            anchor = "end" if x(v) > end - 60 else "start" if x(v) < 80 else "middle"
            out.append(
                f'<text x="{x(v):.1f}" y="9" font-size="10" text-anchor="{anchor}" fill="{INK}">'
                f"{n} enti a {escape(shown(v))}</text>"
            )
            said_at = x(v)
    return out
