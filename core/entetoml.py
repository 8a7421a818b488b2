"""The keys of ``ente.toml`` checked against what the plugin reads.

A typo in ``[funds]`` (``performance_individual``) used to pay 0 € with a warning, one in
``[approvals]`` (``relazione_validata_oiv``) to be ignored, a date written in words
(``"30 gennaio 2021"``) to show as "MANCANTE" only in ``ciclope calendar``. Now each is an error
naming the key, with the closest known name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ciclope.core.model import Ente
from ciclope.core.outcomes import InputSchema
from ciclope.core.problems import Problem

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

# The Italian names an office writes in ente.toml (what ``ciclope template`` writes) → the codes ciclope reads.
# The codes stay accepted: files written before keep working.
TABLE_NAMES = {"nome": "name", "fondi": "funds", "atti": "approvals", "valutatori": "evaluators"}
APPROVAL_NAMES = {
    "bilancio_approvato": "budget_approved",
    "piano_adottato": "piano_adopted",
    "relazione_approvata": "relazione_approved",
    "relazione_validata_oiv": "relazione_validated_oiv",
    "relazione_pubblicata": "relazione_published",
    "attestazione_oiv": "oiv_attested",
    "motivazione_oiv": "oiv_motivation",
    "giudizio_oiv": "oiv_judgement",
    "premi_erogati": "premi_paid",
    "bonus_deciso": "bonus_decided",
    "bonus_erogato": "bonus_paid",
    "risparmi_validati_oiv": "savings_validated_oiv",
}
ITALIAN_APPROVALS = {code: it for it, code in APPROVAL_NAMES.items()}


def italian_approval(code: str) -> str:
    """The name ``ciclope template`` writes for an [atti] key (the code itself when it is already Italian)."""
    return ITALIAN_APPROVALS.get(code, code)


def canonical(data: dict) -> tuple[dict, list[Problem]]:
    """``ente.toml`` with its Italian names read as codes; a key written both ways is an error."""
    out: dict = {}
    problems: list[Problem] = []

    def put(target: dict, code: str, value: object, shown: str) -> None:
        if code in target:
            problems.append(
                Problem(
                    rule="core.input.duplicate",
                    file="ente.toml",
                    column=shown,
                    message=f"{shown} è scritto due volte (in italiano e con il codice): tienine uno",
                )
            )
        else:
            target[code] = value

    for key, value in data.items():
        put(out, TABLE_NAMES.get(key, key), value, key)
    approvals = out.get("approvals")
    if isinstance(approvals, dict):
        renamed: dict = {}
        for key, value in approvals.items():
            put(renamed, APPROVAL_NAMES.get(key, key), value, f"atti.{key}")
        out["approvals"] = renamed
    return out, problems


def _hint(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f"; forse intendevi {close[0]!r}?" if close else ""


def funds_and_dates(funds: Iterable[str], approvals: dict, schema: InputSchema) -> list[Problem]:
    """At load time: unknown [funds] names (when the plugin declares its funds) and [approvals] dates
    that do not parse — both errors, with the closest known name or the forms a date may take."""
    out: list[Problem] = []
    if schema.funds:
        for key in funds:
            if key not in schema.funds and not key.startswith("x_"):
                out.append(
                    Problem(
                        rule="core.input.unknown_fund",
                        file="ente.toml",
                        column=f"funds.{key}",
                        message=f"fondo sconosciuto [funds] {key} (il regolamento usa: "
                        f"{', '.join(schema.funds)}){_hint(key, schema.funds)}",
                    )
                )
    for key, value in approvals.items():
        if key not in NOT_DATES and not key.startswith("x_") and isinstance(value, str):
            out.append(
                Problem(
                    rule="core.input.date",
                    file="ente.toml",
                    column=f"approvals.{key}",
                    message=f"data non leggibile {value!r} per {key}: scrivi 2021-01-30, 30/01/2021 o "
                    "30.1.2021 (oppure true se l'atto è fatto e la data non conta)",
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
            message=f"atto sconosciuto [atti] {key}{_hint(key, words)}",
        )
        for key in ente.approvals
        if key not in known and not key.startswith("x_")
    ]
