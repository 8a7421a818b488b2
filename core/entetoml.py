"""The keys of ``ente.toml`` checked against what the plugin reads.

A typo in ``[funds]`` (``performance_individual``) used to pay 0 € with a warning, one in
``[approvals]`` (``relazione_validata_oiv``) to be ignored, a date written in words
(``"30 gennaio 2021"``) to show as "MANCANTE" only in ``ciclope calendar``. Now each is an error
naming the key, with the closest known name.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

from ciclope.core.fmt import date_it, quoted
from ciclope.core.model import Ente
from ciclope.core.outcomes import InputSchema
from ciclope.core.problems import Problem
from ciclope.core.vocabulary import APPROVAL_NAMES, FUND_NAMES, italian, renamed
from ciclope.core.vocabulary import ENTE_TABLES as TABLE_NAMES

TABLE_NAMES_IT = {code: it for it, code in TABLE_NAMES.items()}

# [approvals] keys of the core's own cycle (SPEC §4) and the OIV's attestation
CORE_APPROVALS = (
    "budget_approved",
    "piano_adopted",
    "relazione_approved",
    "relazione_validated_oiv",
    "relazione_published",
    "oiv_attested",
    "oiv_motivation",
    "oiv_judgement",
)
NOT_DATES = ("oiv_attested", "oiv_motivation", "oiv_judgement")

ITALIAN_APPROVALS = {code: it for it, code in APPROVAL_NAMES.items()}


def italian_fund(code: str) -> str:
    """The name an office writes for a fund of [fondi] (``po_total`` → ``risorse_po``)."""
    return italian(FUND_NAMES, code)


def italian_approval(code: str) -> str:
    """The name ``ciclope template`` writes for an [atti] key (the code itself when it is already Italian)."""
    return ITALIAN_APPROVALS.get(code, code)


def canonical(data: dict) -> tuple[dict, list[Problem]]:
    """``ente.toml`` with its Italian names read as codes; a key written both ways is an error naming both."""
    out, twice = renamed(data, TABLE_NAMES)
    problems = [_twice(it, code, it) for it, code in twice]
    for table, names in (("funds", FUND_NAMES), ("approvals", APPROVAL_NAMES)):
        if isinstance(out.get(table), dict):
            out[table], twice = renamed(out[table], names)
            where = TABLE_NAMES_IT[table]
            problems += [_twice(it, code, f"{where}.{it}") for it, code in twice]
    return out, problems


def _twice(it: str, code: str, column: str) -> Problem:
    return Problem(
        rule="core.input.duplicate",
        file="ente.toml",
        column=column,
        message=f"«{it}» e «{code}» sono la stessa chiave, scritta in italiano e con il vecchio codice: "
        f"tieni solo «{it}»",
    )


def _hint(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f"; forse intendevi {quoted(close[0])}?" if close else ""


def _known_acts(key: str, words: Iterable[str]) -> str:
    """What an office may write instead of an act nothing reads, when no known act is near its name."""
    return (
        f" (gli atti che il regolamento e il calendario leggono: {', '.join(sorted(words))}; un atto che l'ufficio "
        f"annota per sé si scrive x_{key})"
    )


def funds_and_dates(funds: Iterable[str], approvals: dict, schema: InputSchema) -> list[Problem]:
    """At load time: unknown [funds] names (when the plugin declares its funds) and [approvals] dates
    that do not parse — both errors, with the closest known name or the forms a date may take."""
    out: list[Problem] = []
    if schema.funds:
        words = [italian_fund(f) for f in schema.funds]
        for key in funds:
            if key not in schema.funds and not key.startswith("x_"):
                out.append(
                    Problem(
                        rule="core.input.unknown_fund",
                        file="ente.toml",
                        column=f"funds.{key}",
                        message=f"fondo sconosciuto [fondi] {italian_fund(key)} (il regolamento usa: "
                        f"{', '.join(words)}){_hint(italian_fund(key), words)}",
                    )
                )
    for key, value in approvals.items():
        if key not in NOT_DATES and not key.startswith("x_") and isinstance(value, str):
            out.append(
                Problem(
                    rule="core.input.date",
                    file="ente.toml",
                    column=f"approvals.{key}",
                    message=f"data non leggibile {quoted(value)} per {italian_approval(key)}: scrivi 2021-01-30, 30/01/2021 o "
                    "30.1.2021 (oppure true se l'atto è fatto e la data non conta)",
                )
            )
    return out


def dated_after(value: object, today: dt.date | None) -> dt.date | None:
    """An act's date where it is after ``today``: an act not done yet, whatever the office wrote (a year mistyped,
    «2027» for «2026»); None where there is no day to compare with, or the act has no date."""
    if today is None or not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return None
    return value if value > today else None


def future_said(done: dt.date, today: dt.date) -> str:
    """«data futura: 30/05/2027 è dopo il 30/11/2026»: how an act dated after the day is said."""
    return f"data futura: {date_it(done)} è dopo il {date_it(today)}"


def future_approvals(ente: Ente, today: dt.date) -> list[Problem]:
    """A warning at each act of [approvals] dated after ``today``, the day the check is told: a date not come yet is
    no act done (a year mistyped is the likely cause). Never part of a run's own problems, so that its documents
    never depend on the day they are made."""
    out = []
    for key, value in ente.approvals.items():
        done = dated_after(value, today)
        if done is not None and not key.startswith("x_"):
            message = (
                f"{future_said(done, today)}, il giorno del controllo: un atto non ancora fatto non ha una data. "
                f"Controlla l'anno di {italian_approval(key)}, o togli la data finché l'atto non è fatto"
            )
            out.append(
                Problem(
                    rule="core.input.future_date",
                    severity="warning",
                    file="ente.toml",
                    column=f"approvals.{key}",
                    message=message,
                )
            )
    return out


def unknown_approvals(ente: Ente, calendar_keys: Iterable[str]) -> list[Problem]:
    """After the calendar: an [approvals] key that neither the core, the plugin nor its calendar knows."""
    known = set(CORE_APPROVALS) | set(ente.approval_keys) | set(calendar_keys)
    words = {italian_approval(k) for k in known}  # the names an office writes, which the hint offers
    return [
        Problem(
            rule="core.input.unknown_approval",
            file="ente.toml",
            column=f"approvals.{key}",
            message=f"atto sconosciuto [atti] {key}{_hint(key, words) or _known_acts(key, words)}",
        )
        for key in ente.approvals
        if key not in known and not key.startswith("x_")
    ]
