"""The Relazione's bar charts wrap a long label on two lines instead of cutting it: a printed copy has no tooltip."""

from __future__ import annotations

import re
from decimal import Decimal

from ciclope.core.reports import svg


def test_a_long_label_is_wrapped_not_cut():
    items = [
        (
            "Servizi alla persona e gestione associata",
            "AS2 — Servizi alla persona e gestione associata",
            Decimal("0.75"),
        ),
        ("Ente", "Ente", Decimal("0.8794")),
    ]
    chart = svg.achievement_bars("g", "Raggiungimento per area strategica", items)
    # 41 characters, 30 a line: the words up to 30 on the first line («Servizi alla persona e», 22; adding
    # «gestione» makes 31), the rest on the second
    lines = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", chart)
    assert lines == ["Servizi alla persona e", "gestione associata", "Ente"]
    assert "…" not in chart
    # the wrapped row is taller: the next row starts 22 + 12 px lower than the first (the default row is 22)
    bars = [float(y) for y in re.findall(r'<rect x="190" y="([\d.]+)"', chart)]
    assert bars[1] - bars[0] == 34


def test_a_label_beyond_two_lines_is_cut_on_the_second():
    long = "Area Amministrativa e Servizi generali, segreteria, protocollo e archivio dell'ente"
    chart = svg.achievement_bars("g", "t", [(long, long, Decimal("1"))])
    lines = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", chart)
    # first line: the words up to 30 characters; the second holds 30 with its last one «…»
    assert lines[0] == "Area Amministrativa e Servizi"
    assert len(lines) == 2 and len(lines[1]) == 30 and lines[1].endswith("…")
    assert f"<title>{long}</title>" in chart.replace("&#x27;", "'")
