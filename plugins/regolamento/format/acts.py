"""The acts of the cycle a regulation names: the [approvals] keys ciclope knows, and the days of the year its
deadlines are written in."""

from __future__ import annotations

import datetime as dt

# The acts of [approvals] that ciclope knows, by the Italian name ente.toml may use → the code it reads (a test
# keeps this equal to the core's list): an act of «atti» is one of them, or an «approvazione» of [[calendario]]
ACTS = {
    "bilancio_approvato": "budget_approved",
    "piano_adottato": "piano_adopted",
    "relazione_approvata": "relazione_approved",
    "relazione_validata_oiv": "relazione_validated_oiv",
    "relazione_pubblicata": "relazione_published",
    "attestazione_oiv": "oiv_attested",
    "motivazione_oiv": "oiv_motivation",
    "giudizio_oiv": "oiv_judgement",
}


def day_month(text: str) -> tuple[int, int] | None:
    """``"31/01"`` → (31, 1); None if it is no day of a (leap) year."""
    parts = text.strip().split("/")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    day, month = int(parts[0]), int(parts[1])
    try:
        dt.date(2024, month, day)
    except ValueError:
        return None
    return day, month
