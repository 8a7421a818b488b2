"""A person's conciliation in their explanation: each riesame, ricorso and contraddittorio of ricorsi.csv that is
theirs, with the effect the cycle gave it (rules/core.md §5), so the person and the OIV read a negative evaluation's
hearing, or a review that changed nothing, beside the score it is about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ciclope.core.conciliation import apply_appeals
from ciclope.core.model import Ente
from ciclope.core.vocabulary import cell_said


def appeal_rows(ente: Ente, pid: str) -> list[dict[str, str]]:
    """The person's stages in the file's order: the stage, its date, its effect (which says the outcome) and where
    it is."""
    if not any(a.person == pid for a in ente.appeals):
        return []
    label = ente.file_of("appeals")
    return [
        {
            "stage": e.appeal.stage,
            "date": e.appeal.date.strftime("%d/%m/%Y") if isinstance(e.appeal.date, dt.date) else "",
            "effect": e.effect,
            "where": cell_said(label, e.appeal.row, ""),
        }
        for e in apply_appeals(ente)[1]
        if e.appeal.person == pid
    ]


def appeal_lines(rows: list[dict[str, Any]]) -> list[str]:
    """``Conciliazione:`` and a line per stage, «riesame del 01/02/2022: respinto: punteggio invariato   ← ricorsi.csv,
    riga 2»."""
    if not rows:
        return []
    lines = ["Conciliazione (riesami, ricorsi e contraddittori):"]
    for row in rows:
        when = f" del {row['date']}" if row["date"] else ""
        lines.append(f"  • {row['stage']}{when}: {row['effect']}   ← {row['where']}")
    return lines
