"""``[ente.national]`` of cycle.toml: what the ente's CCDI decides under the national contract.

``maggiorazione = { share = 0.30, quota = 0.10 }`` (CCNL 21.5.2018 art. 69): ``share`` ≥ 0.30 of the mean
premium; ``quota`` in (0, 0.5], the «limitata quota massima» of staff (the upper bound 0.5 is an
assumption: more than half of the staff is no longer a limited quota).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ciclope.core import Params, Problem, hookimpl

KEYS = {"maggiorazione"}
SOURCE = "CCNL Funzioni Locali 21.5.2018 art. 69"
SHARE_MIN = Decimal("0.30")
QUOTA_MAX = Decimal("0.5")
HINT = "es. maggiorazione = { share = 0.30, quota = 0.10 }, come deciso dal contratto integrativo (CCDI)"


@attrs.frozen
class Maggiorazione:
    share: Decimal
    quota: Decimal


def maggiorazione(params: Params) -> Maggiorazione | None:
    """The CCDI's art. 69 choices, or None when ``[ente.national]`` does not configure them (or is wrong)."""
    raw = params.national.get("maggiorazione")
    if not isinstance(raw, dict):
        return None
    share, quota = _number(raw.get("share")), _number(raw.get("quota"))
    if share is None or quota is None or share < SHARE_MIN or not (0 < quota <= QUOTA_MAX):
        return None
    return Maggiorazione(share=share, quota=quota)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@hookimpl
def ciclope_check_params(params: Params) -> list[Problem]:
    problems = []
    for key in sorted(set(params.national) - KEYS):
        problems.append(_error(key, f"chiave sconosciuta {key!r} in [ente.national] (ammessa: maggiorazione; {HINT})"))
    if "maggiorazione" not in params.national:
        return problems
    raw = params.national["maggiorazione"]
    if not isinstance(raw, dict):
        return [*problems, _error("maggiorazione", f"maggiorazione deve essere una tabella ({HINT})")]
    for key in sorted(set(raw) - {"share", "quota"}):
        problems.append(_error(f"maggiorazione.{key}", f"chiave sconosciuta {key!r} (ammesse: share, quota)"))
    share, quota = _number(raw.get("share")), _number(raw.get("quota"))
    if share is None:
        problems.append(_error("maggiorazione.share", f"manca share o non è un numero ({HINT})"))
    elif share < SHARE_MIN:
        problems.append(
            _error(
                "maggiorazione.share",
                f"share = {share}: la maggiorazione non può essere inferiore al 30% del premio medio (share ≥ 0.30)",
            )
        )
    if quota is None:
        problems.append(_error("maggiorazione.quota", f"manca quota o non è un numero ({HINT})"))
    elif not (0 < quota <= QUOTA_MAX):
        problems.append(
            _error(
                "maggiorazione.quota",
                f"quota = {quota}: la quota di personale dev'essere «limitata», tra 0 (escluso) e 0.5",
            )
        )
    return problems


def _error(column: str, message: str) -> Problem:
    return Problem(rule="ccnl.national.config", message=message, column=f"national.{column}", source=SOURCE)
