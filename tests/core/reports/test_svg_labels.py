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


def test_a_bar_of_head_counts_wraps_its_label_under_the_bar():
    items = [
        ("Eccellente (da 95)", 2),
        ("Buono", 5),
        ("Adeguato", 3),
        ("Da migliorare", 1),
        ("D", 0),
        ("non valutato", 1),
    ]
    chart = svg.count_bars("l", "Persone per livello o esito", items)
    # six slots of (560 - 34 - 10) / 6 = 86 px, a line of int(86 / 6) = 14 characters: «Eccellente (da 95)» (18)
    # does not fit: «Eccellente (da» is 14 characters, fits; adding «95)» makes 18: «95)» on the second line
    lines = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", chart)
    assert lines == ["Eccellente (da", "95)"]
    # the first slot's centre: 34 + 86 / 2 = 77 (one decimal, as every coordinate); the lines under the plot's base (240 - 46 = 194) at 208 and 219
    assert '<tspan x="77.0" y="208">Eccellente (da</tspan><tspan x="77.0" y="219">95)</tspan>' in chart
    # the labels that fit stay one plain line, as before
    assert "<title>Da migliorare</title>Da migliorare</text>" in chart
    assert "…" not in chart


def test_the_root_unit_with_objectives_of_its_own_is_no_second_figure_of_the_ente():
    """The ente's bar (87,14%) and its root unit's (90,00%, the mean of the objectives it owns) both read the ente's
    name: the root unit's bar says it is its own objectives', and the ente's tooltip says it is the performance."""
    from decimal import Decimal

    from ciclope.core.reports.relazione.organization import unit_bar

    assert unit_bar("Automobile Club Montebruno", "ente", Decimal("0.90"), Decimal("0.8714")) == (
        "Automobile Club Montebruno (obiettivi propri)"
    )
    # without objectives of its own the root unit's figure is the ente's: its name alone
    assert unit_bar("Automobile Club Montebruno", "ente", Decimal("0.8714"), Decimal("0.8714")) == (
        "Automobile Club Montebruno"
    )
    assert unit_bar("Servizio 1", "servizio", Decimal("0.90"), Decimal("0.8714")) == "Servizio 1"
