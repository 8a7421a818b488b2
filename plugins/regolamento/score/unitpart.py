"""The unit part of a score ([punteggio] tipo_unita, senza_unita; format 2): which unit's achievement is a
person's — the unit of a declared kind they head, else the nearest of that kind above their unit — and where the
weight of a unit without a measured achievement goes: to the measured objectives, else to the card."""

from __future__ import annotations

from decimal import Decimal

from ciclope.plugins.regolamento.score.objectives import LABEL, UNIT, Part

CARD = "scheda"


def without_unit(parts: list[Part]) -> tuple[list[Part], str]:
    """The weight of an unmeasured unit moved to the measured objectives, else to the card (``senza_unita =
    "sposta"``), and a note saying so; the parts unchanged when the unit is measured or weighs nothing."""
    unit = next((p for p in parts if p[0] == UNIT), None)
    if unit is None or unit[2] is not None or unit[3] <= 0:
        return parts, ""
    to = LABEL if any(p[0] == LABEL for p in parts) else CARD
    moved = [(label, ref, v, Decimal(0) if label == UNIT else w + unit[3] if label == to else w)
             for label, ref, v, w in parts]  # fmt: skip
    where = "agli obiettivi individuali e di gruppo" if to == LABEL else "alla scheda"
    return (
        moved,
        f"l'unità {unit[1].removeprefix('unit:')} non ha un raggiungimento misurato: il suo peso passa {where}",
    )
