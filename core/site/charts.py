"""Small inline SVG charts for the portal (no script): a sparkline of past years and a strip chart of a
distribution with its quartiles. Every label is escaped; each chart has a <title> for screen readers."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ciclope.core.reports import fmt
from ciclope.core.reports.svg import escape

INK, ACCENT, MUTED = "#1d3f5e", "#c0392b", "#8a8a8a"


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
    """The axis of a strip: the data's range widened to round steps (5 points of a percentage, else a tenth of the
    range), never the whole 0–100% when the enti lie between 86% and 97%; a percentage stays within 0–100%."""
    if percent:
        step = 0.05
        low = max(0.0, math.floor(round(lo / step, 6)) * step - step)  # a step of margin below the lowest
        high = math.ceil(round(hi / step, 6)) * step + step  # and above the highest
        return low, min(high, 1.0) if hi <= 1.0 else high
    pad = (hi - lo) / 10 or abs(hi) / 10 or 1.0
    return lo - pad, hi + pad


def strip(
    label: str,
    values: Sequence[tuple[str, float]],
    q1: float,
    median: float,
    q3: float,
    mark: str | None = None,
    percent: bool = True,
    width: int = 560,
    height: int = 70,
) -> str:
    """Each ente a tick on one axis, the quartile box and the median; ``mark``: the ente highlighted."""
    if not values:
        return ""
    lo, hi = scale(min(v for _, v in values), max(v for _, v in values), percent)
    span = (hi - lo) or 1.0
    left, right = 20, 20

    def x(v: float) -> float:
        return left + (width - left - right) * (v - lo) / span

    shown = fmt.pct if percent else (lambda v: fmt.decimal_it(round(v, 2)))
    out = [
        f'<svg class="strip" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(label)}: mediana {escape(shown(median))}, quartili {escape(shown(q1))} – {escape(shown(q3))}</title>",
        f'<rect x="{x(q1):.1f}" y="18" width="{max(1.0, x(q3) - x(q1)):.1f}" height="24" fill="#dde7f0"/>',
        f'<line x1="{x(median):.1f}" y1="14" x2="{x(median):.1f}" y2="46" stroke="{INK}" stroke-width="2"/>',
        f'<line x1="{left}" y1="30" x2="{width - right}" y2="30" stroke="{MUTED}"/>',
    ]
    for ente, v in values:
        color, w = (ACCENT, 3) if ente == mark else (INK, 1)
        out.append(
            f'<line x1="{x(v):.1f}" y1="22" x2="{x(v):.1f}" y2="38" stroke="{color}" stroke-width="{w}">'
            f"<title>{escape(ente)}: {escape(shown(v))}</title></line>"
        )
    out.append(f'<text x="{left}" y="62" font-size="10" fill="{INK}">{escape(shown(lo))}</text>')
    out.append(
        f'<text x="{width - right}" y="62" font-size="10" text-anchor="end" fill="{INK}">{escape(shown(hi))}</text>'
    )
    out.append("</svg>")
    return "".join(out)
