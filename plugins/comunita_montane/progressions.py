"""Art. 20: the progressioni economiche, for the best of the first two bands, within a share of the staff."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from ciclope.core import Input, scoring

from .common import Context, Part, src

Ranked = tuple[str, Decimal, int]  # (id, score, band index) of a banded person, 0 = the highest band


def progressions(ctx: Context, ranked: Sequence[Ranked]) -> Part:
    """Candidates: in the first two bands with a score ≥ ``progression_min_score``; selected by score up to
    ``progression_share`` of the staff in service, ties at the cut excluded (art. 20.2–20.3)."""
    min_score = Decimal(ctx.params["progression_min_score"])
    share = Decimal(ctx.params["progression_share"])
    staff = len(ctx.ente.staff())
    limit = math.floor(Fraction(share) * staff)
    candidates = scoring.by_score([(pid, score) for pid, score, k in ranked if k <= 1 and score >= min_score])
    selected = scoring.cut_without_ties(candidates, limit)
    ctx.trace.record(
        "progression:selected",
        len(selected),
        f"candidati: in fascia {ctx.bands[0].name} o {ctx.bands[1].name} con punteggio ≥ {min_score}; "
        f"selezionati per punteggio fino a ⌊{share} × personale in servizio⌋, esclusi i pari merito "
        "al taglio",
        src("20.2–20.3"),
        label="Progressioni economiche: selezionati",
        inputs=[Input("personale in servizio", staff), Input("limite", limit), Input("candidati", len(candidates))],
        note=", ".join(selected),
    )
    detail = {
        "limit": limit,
        "min_score": min_score,
        "candidates": [pid for pid, _ in candidates],
        "selected": selected,
    }
    return Part(extra={"progressioni": selected, "progressioni_detail": detail})
