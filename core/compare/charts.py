"""The charts of ``compare.html``: inline SVG strings, no script, no external resource.

One line per scenario, drawn alike on every chart and in the legend (:func:`swatch`): scenario ``i`` has
colour ``COLORS[i]`` and dash pattern ``DASHES[i]``, so scenarios with equal curves stay distinguishable.
Every label is escaped; coordinates have one fixed decimal, so the same document gives the same bytes (the frame,
the escaping and the coordinates are the Relazione's, :mod:`ciclope.core.reports.svg`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core.reports import fmt
from ciclope.core.reports.svg import GRID, TEXT, WIDTH, coord, escape, frame

COLORS = ("#2f6690", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#5d6d7e", "#17a2b8", "#7b241c")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4", "1 2")


def stroke(i: int) -> str:
    """The attributes of scenario ``i``'s line."""
    dash = DASHES[i % len(DASHES)]
    return f'stroke="{COLORS[i % len(COLORS)]}" stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "")


def swatch(i: int) -> str:
    """A short piece of scenario ``i``'s line, for the legend."""
    return (
        f'<svg class="sw" width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" '
        f"{stroke(i)}/></svg>"
    )


def lorenz_chart(series: Sequence[tuple[str, list[tuple[float, float]]]]) -> str:
    """Lorenz curves of every scenario on one chart, with the line of equality."""
    left, top, size = 60, 30, 340
    height = top + size + 40
    out = frame("lorenz", "Curve di Lorenz degli importi", height)
    for tick in (0, 25, 50, 75, 100):
        x, y = left + size * tick / 100, top + size - size * tick / 100
        out.append(f'<line x1="{coord(x)}" y1="{top}" x2="{coord(x)}" y2="{top + size}" stroke="{GRID}"/>')
        out.append(f'<line x1="{left}" y1="{coord(y)}" x2="{left + size}" y2="{coord(y)}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{coord(x)}" y="{top + size + 14}" font-size="10" text-anchor="middle" fill="{TEXT}">{tick}%</text>'
        )
        out.append(
            f'<text x="{left - 4}" y="{coord(y + 3)}" font-size="10" text-anchor="end" fill="{TEXT}">{tick}%</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + size}" x2="{left + size}" y2="{top}" stroke="{TEXT}" '
        'stroke-dasharray="4 3"><title>uguaglianza perfetta</title></line>'
    )
    for i, (name, points) in enumerate(series):
        if not points:
            continue
        path = " ".join(f"{coord(left + size * px)},{coord(top + size - size * py)}" for px, py in points)
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
    out = frame("importi-ordinati", "Importi ordinati dal più basso al più alto", height)
    peak = max([a for _, xs in series for a in xs] + [Decimal(1)])
    for k in range(5):
        value = peak * k / 4
        y = top + plot_h - plot_h * k / 4
        out.append(f'<line x1="{left}" y1="{coord(y)}" x2="{left + plot_w}" y2="{coord(y)}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{left - 4}" y="{coord(y + 3)}" font-size="10" text-anchor="end" fill="{TEXT}">'
            f'{escape(fmt.euro(value.quantize(Decimal(1))).replace(",00", ""))}</text>'
        )
    for i, (name, xs) in enumerate(series):
        n = len(xs)
        if not n:
            continue
        pts = []
        for k, a in enumerate(sorted(xs)):
            y = top + plot_h - plot_h * float(a / peak)
            pts += [f"{coord(left + plot_w * k / n)},{coord(y)}", f"{coord(left + plot_w * (k + 1) / n)},{coord(y)}"]
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
