"""``[ente.nazionale]`` of cycle.toml (``[ente.national]``): what the ente's CCDI decides under the national contract.

``maggiorazione = { quota_premio = "30%", quota_personale = "10%" }`` (or ``0.30``, ``0.10``; the codes ``share`` and ``quota`` stay accepted,
never both for one key) (CCNL 21.5.2018 art. 69, art. 81 CCNL 16.11.2022, art. 48 CCNL
23.2.2026): ``share`` of the mean premium, at least the contract's minimum; ``quota`` in (0, 0.5], the «limitata
quota massima» of staff (the upper bound 0.5 is an assumption: more than half of the staff is no longer a limited
quota). Under the contract of 23.2.2026 (rules §2 point 7) two more keys: ``obiettivi_ente = true`` (art. 48 c. 4:
the lower minimum of the ente-wide objectives) and ``parita`` (the criteria that break a tie at the cut, in order).
The keys a contract does not have are an error naming the contract in force in the cycle year: which contract has
them is a dated provision (``maggiorazione_obiettivi_ente``, ``maggiorazione_parita``), never a year in the code.
The minimum that depends on the ente's size is checked with its data (:mod:`.art48`).
"""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ciclope.core import Params, Problem, cells, fmt, hookimpl

from .national import in_force

KEYS = {"maggiorazione"}
SOURCE = "CCNL Funzioni Locali 21.5.2018 art. 69"
SHARE_MIN = Decimal("0.30")  # art. 69 CCNL 21.5.2018, for a cycle before any row of provisions.toml
QUOTA_MAX = Decimal("0.5")
# the shares as an office reads them: percentages, which it may write as they are (a number 0.30 is read too)
EXAMPLE = 'maggiorazione = { quota_premio = "30%", quota_personale = "10%" }'
HINT = f"es. {EXAMPLE}, come deciso dal contratto integrativo (CCDI)"
# the keys as an office writes them (and the messages name them) → the codes read below
WORDS = {"quota_premio": "share", "quota_personale": "quota"}
SAID = {code: it for it, code in WORDS.items()}
# the criteria a CCDI may fix to break a tie at the cut (rules §2 point 7): a section of the evaluation card, fewer
# days of absence, the older person first («eta») or, where the CCDI follows L. 127/1997 art. 3 c. 7, the younger
SECTION = "sezione:"
TIE_WORDS = ("assenze", "eta", "eta_minore")
OWN_KEYS = ("share", "quota")
NEW_KEYS = {"obiettivi_ente": "maggiorazione_obiettivi_ente", "parita": "maggiorazione_parita"}


@attrs.frozen
class Maggiorazione:
    share: Decimal
    quota: Decimal
    objectives: bool = False  # art. 48 c. 4: part of the variable resources tied to the whole ente's objectives
    ties: tuple[str, ...] | None = None  # the CCDI's tie criteria, in order; None: not declared


def maggiorazione(params: Params) -> Maggiorazione | None:
    """The CCDI's choices, or None when ``[ente.national]`` does not configure them (or they do not parse). Whether
    ``share`` reaches the contract's minimum is the caller's question (:func:`.art48.minimum`)."""
    raw = params.national.get("maggiorazione")
    if not isinstance(raw, dict):
        return None
    raw, _ = canonical(raw)
    share, quota = _number(raw.get("share")), _number(raw.get("quota"))
    if share is None or quota is None or share <= 0 or not (0 < quota <= QUOTA_MAX):
        return None
    ties = raw.get("parita")
    return Maggiorazione(
        share=share,
        quota=quota,
        objectives=raw.get("obiettivi_ente") is True,
        ties=tuple(str(t) for t in ties) if isinstance(ties, list) else None,
    )


def canonical(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The maggiorazione's table with its Italian keys read as codes, and the keys written both ways (reported)."""
    out: dict[str, Any] = {}
    twice = []
    for key, value in raw.items():
        code = WORDS.get(key, key)
        if code != key and code in raw:
            twice.append(key)
            continue
        out[code] = value
    return out, twice


def _number(value: Any) -> Decimal | None:
    """A share as the office writes it, a number (``0.30``) or a percentage (``"30%"``); None if it is neither."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        number = cells.to_decimal(value)
    except (ValueError, InvalidOperation):
        return None
    return number if number.is_finite() else None


@hookimpl
def ciclope_check_params(params: Params, year: int) -> list[Problem]:
    # each error cites the contract in force in the year (art. 81 CCNL 16.11.2022 from 2022, not the art. 69 it replaced)
    law = in_force("maggiorazione_art69", year)
    error = functools.partial(_error, source=law.source if law is not None else SOURCE)
    problems = []
    for key in sorted(set(params.national) - KEYS):
        problems.append(
            error(key, f"chiave sconosciuta {fmt.quoted(key)} in [ente.nazionale] (ammessa: maggiorazione; {HINT})")
        )
    if "maggiorazione" not in params.national:
        return problems
    raw = params.national["maggiorazione"]
    if not isinstance(raw, dict):
        return [*problems, error("maggiorazione", f"maggiorazione deve essere una tabella ({HINT})")]
    raw, twice = canonical(raw)
    for key in twice:
        problems.append(
            error(
                f"maggiorazione.{key}",
                f"«{key}» e «{WORDS[key]}» sono la stessa chiave, scritta in italiano e con il vecchio codice: "
                f"tieni solo «{key}»",
            )
        )
    allowed = [*WORDS, *NEW_KEYS]
    for key in sorted(set(raw) - {*OWN_KEYS, *NEW_KEYS}):
        problems.append(
            error(f"maggiorazione.{key}", f"chiave sconosciuta {fmt.quoted(key)} (ammesse: {', '.join(allowed)})")
        )
    problems += _contract_keys(raw, year)
    share, quota = _number(raw.get("share")), _number(raw.get("quota"))
    if share is None:
        problems.append(error("maggiorazione.quota_premio", f"manca quota_premio o non è un numero ({HINT})"))
    else:
        problems += _share_floor(share, raw.get("obiettivi_ente") is True, year)
    if quota is None:
        problems.append(error("maggiorazione.quota_personale", f"manca quota_personale o non è un numero ({HINT})"))
    elif not (0 < quota <= QUOTA_MAX):
        problems.append(
            error(
                "maggiorazione.quota_personale",
                f"quota_personale = {_it(quota)}: la quota di personale dev'essere «limitata», tra 0% (escluso) "
                f"e {_it(QUOTA_MAX)}",
            )
        )
    return problems


def _it(number: Decimal) -> str:
    """A share as an office reads it: a percentage (0.35 → «35%», 0.125 → «12,5%»)."""
    return fmt.decimal_it((number * 100).normalize()) + "%"


def _share_floor(share: Decimal, objectives: bool, year: int) -> list[Problem]:
    """The share below every minimum the contract in force allows an ente of any size: 30% before 2026; from the
    contract of 23.2.2026 the 25% of the smallest enti, or the 20% with the ente-wide objectives (the minimum that
    depends on the ente's size is checked with its data, :mod:`.art48`)."""
    law = in_force("maggiorazione_art69", year)
    floor = law.min if law is not None and law.min is not None else SHARE_MIN
    why = f"{_it(floor)} del premio medio"
    source = law.source if law is not None else SOURCE
    small, goals = in_force("maggiorazione_enti_piccoli", year), in_force("maggiorazione_obiettivi_ente", year)
    if objectives and goals is not None and goals.min is not None:
        floor, why, source = goals.min, "20% del premio medio, con gli obiettivi dell'intero ente", goals.source
    elif small is not None and small.min is not None:
        floor, why, source = small.min, "25% del premio medio, il minimo degli enti più piccoli", small.source
    if share >= floor:
        return []
    return [
        _error(
            "maggiorazione.quota_premio",
            f"quota_premio = {_it(share)}: la maggiorazione non può essere inferiore al {why} ({_article(source)}; "
            f"quota_premio ≥ {_it(floor)})",
            source,
        )
    ]


def _contract_keys(raw: dict[str, Any], year: int) -> list[Problem]:
    """``obiettivi_ente`` and ``parita``: keys of the contract of 23.2.2026, an error in a cycle under an earlier one,
    and well formed where they apply."""
    problems = []
    for key, provision in NEW_KEYS.items():
        if key in raw and in_force(provision, year) is None:
            law = in_force("maggiorazione_art69", year)
            named = _article(law.source) if law is not None else SOURCE
            problems.append(
                _error(
                    f"maggiorazione.{key}",
                    f"{key} non si applica al ciclo {year}: il contratto in vigore ({named}) non lo prevede (è "
                    "dell'art. 48 CCNL Funzioni Locali 23.2.2026, dai cicli 2026); toglilo",
                    law.source if law is not None else SOURCE,
                )
            )
    if "obiettivi_ente" in raw and not isinstance(raw["obiettivi_ente"], bool):
        problems.append(_error("maggiorazione.obiettivi_ente", "obiettivi_ente dev'essere true o false"))
    if "parita" in raw:  # where it applies, its article: the contract of 23.2.2026's, never the art. 69 of 2018
        ties = in_force(NEW_KEYS["parita"], year)
        problems += _ties(raw["parita"], ties.source if ties is not None else SOURCE)
    return problems


def _ties(value: Any, source: str) -> list[Problem]:
    words = f"«{SECTION}<nome di una sezione della scheda>», {', '.join(f'«{w}»' for w in TIE_WORDS)}"
    if not isinstance(value, list) or not value:
        return [
            _error("maggiorazione.parita", f"parita dev'essere una lista di criteri, in ordine, tra {words}", source)
        ]
    out = []
    for i, item in enumerate(value, start=1):  # parita[1], the first: counted from 1, as every message counts
        ok = isinstance(item, str) and (
            item in TIE_WORDS or (item.startswith(SECTION) and item[len(SECTION) :].strip())
        )
        if not ok:
            out.append(
                _error(
                    f"maggiorazione.parita[{i}]",
                    f"criterio {fmt.quoted(item if isinstance(item, str) else fmt.toml_value(item))} sconosciuto: ammessi {words}",
                    source,
                )
            )
        elif item in value[: i - 1]:
            out.append(
                _error(f"maggiorazione.parita[{i}]", f"il criterio {fmt.quoted(item)} è scritto due volte", source)
            )
    if "eta" in value and "eta_minore" in value:
        out.append(_error("maggiorazione.parita", "«eta» e «eta_minore» si escludono: scegline uno", source))
    return out


def _article(source: str) -> str:
    return source.partition(";")[0].partition(" (")[0]


def _error(column: str, message: str, source: str = SOURCE) -> Problem:
    return Problem(rule="ccnl.national.config", message=message, column=f"nazionale.{column}", source=source)
