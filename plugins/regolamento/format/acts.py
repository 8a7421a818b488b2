"""The acts of the cycle a regulation names: the [approvals] keys ciclope knows, and the days of the year its
deadlines are written in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from ciclope.core import cells, fmt
from ciclope.plugins.regolamento.format.words import Words

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


# Every act's Italian name ente.toml may use → its code (the acts of the core above and the plugins' own, as the
# core's vocabulary lists them; a test keeps the two equal): a regulation names an act as the office writes it in
# [atti] (``approvazione = "relazione_validata_oiv"``), read as the code ente.toml's key is read as.
NAMES = {
    **ACTS,
    "premi_erogati": "premi_paid",
    "relazione_redatta": "relazione_drafted",
    "bonus_deciso": "bonus_decided",
    "bonus_erogato": "bonus_paid",
    "risparmi_validati_oiv": "savings_validated_oiv",
}
_WORDS = Words(NAMES)
code_of = _WORDS.code_of  # an act as the regulation names it → the key ente.toml's [atti] is read as


def acts_said(acts: Sequence[str], calendar: Iterable[Any]) -> dict[str, str]:
    """Each act of ``acts`` (as the regulation names it), as people name it: the title the regulation's
    [[calendario]] gives the act, else the act's words (:func:`ciclope.core.fmt.act`, «Relazione validata dall'OIV»)."""
    titles = {e.approval: e.act for e in calendar if e.approval}
    return {name: titles.get(name) or fmt.act(name) for name in acts}


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


def day_problem(text: str) -> str | None:
    """What is wrong with the day IN.SERVIZIO is given: None for a day of the year («31/12»), a whole date
    («31/07/2025») or the name of an act (letters and «_»: the date of [atti] in ente.toml, read when the ente runs)."""
    text = text.strip()
    if "/" not in text:
        if text.replace("_", "").isalpha():
            return None
        return f"«{text}» non è una data GG/MM, GG/MM/AAAA né la chiave di un atto di [atti]"
    if text.count("/") == 1:
        return None if day_month(text) is not None else f"«{text}» non è un giorno dell'anno (GG/MM, es. «31/12»)"
    if whole_date(text) is None:
        return f"«{text}» non è una data GG/MM/AAAA (es. «31/07/2025»)"
    return None


def whole_date(text: str) -> dt.date | None:
    """``"31/07/2025"`` → that date; None if it is no date written GG/MM/AAAA."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


# how a date is written beside a person's date (a comparison, the day of ANNI and MESI.DA): a message says it
DATE_FORMS = '"01/01/2023", "1.1.2023" o "2023-01-01", o "01/01" per un giorno dell\'anno del ciclo'


def date_written(text: str, year: int) -> dt.date | None:
    """A date a formula writes beside a person's date: whole, in the forms the data accept (01/01/2023, 1.1.2023,
    2023-01-01), or a day-month (01/01), that day of ``year`` (the cycle's); None for any other text, or a day-month
    that ``year`` does not have (29/02 outside a leap year)."""
    text = text.strip()
    if day_month(text) is not None:
        day, month = day_month(text) or (0, 0)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    try:
        return cells.parse_date(text, year)
    except ValueError:
        return None


def date_problem(text: str) -> str | None:
    """What is wrong with a date written beside a person's date (:func:`date_written`): None for a date, else a
    sentence saying how one is written. A day-month is checked on a leap year: its cycle's year is known when the
    ente runs."""
    if date_written(text, 2024) is not None:
        return None
    return f"«{text.strip()}» non è una data: una data si scrive tra virgolette come nei dati, {DATE_FORMS}"
