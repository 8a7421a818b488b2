"""Parameter combinations the bounds of ``params.toml`` cannot express (``ciclope_check_params``).

Merit bands (003_17a077a346f3b252.txt art. 17.2) and score levels are lists of tables; their rules
are checked here in EXACT arithmetic (:class:`fractions.Fraction` built from the decimal text of
each share), so a configuration that sits exactly on a bound — a first band of exactly 30%, a
per-capita ratio of exactly 1:2 — is valid, and one a hair beyond it is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ciclope.core import Params, Problem, cells, fmt, hookimpl
from ciclope.core import bands as merit

SOURCE_17 = "003_17a077a346f3b252.txt art. 17.2"
SOURCE_LEVELS = "003_17a077a346f3b252.txt art. 17.2; plugins/comunita_montane/params.toml [levels]"
MIN_BANDS, MAX_BANDS = 3, 5
TOP_CAP = Fraction(3, 10)  # art. 17.2: prima fascia (3 fasce) / prime due (5 fasce) ≤ 30% del personale
MIN_SCORE = Decimal(70)  # art. 17.2: «almeno il 70% del massimo punteggio ottenibile»
LOW_LEVELS = ("adeguata", "non adeguata")  # art. 17.2 lett. a, c: the levels under the threshold


# The band rules are the shared ones of ciclope.core.bands (a declared regolamento uses the same code).
Band = merit.Band
Level = merit.Level
top_bands = merit.top_bands
min_ratio = merit.min_ratio


def _problem(rule: str, message: str, column: str = "params.bands", source: str = SOURCE_17) -> Problem:
    return Problem(rule=f"comunita_montane.{rule}", message=message, source=source, column=column)


def _share(value: Any) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValueError("atteso un numero")
    return cells.to_decimal(value)


def parse_bands(raw: Sequence[Any]) -> tuple[tuple[Band, ...], list[Problem]]:
    """The ``bands`` table as :class:`Band` records, and what is malformed in it."""
    problems: list[Problem] = []
    bands: list[Band] = []
    seen: set[str] = set()
    for n, row in enumerate(raw or (), start=1):
        if not isinstance(row, dict):
            problems.append(_problem("bands.format", f"fascia {n}: attesa una tabella {{ nome, personale, risorse }}"))
            continue
        unknown = set(row) - {"name", "staff", "resources"}
        if unknown:
            problems.append(
                _problem(
                    "bands.format",
                    f"fascia {n}: chiavi sconosciute {', '.join(sorted(unknown))} (ammesse: nome, personale, risorse)",
                )
            )
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(_problem("bands.format", f"fascia {n}: manca il nome"))
            continue
        if name in seen:
            problems.append(_problem("bands.format", f"fascia {n}: nome {fmt.quoted(name)} ripetuto"))
            continue
        seen.add(name)
        values = {}
        for key, what, said in (
            ("staff", "quota di personale", "personale"),
            ("resources", "quota di risorse", "risorse"),
        ):
            try:
                values[key] = _share(row.get(key))
            except ValueError:
                problems.append(
                    _problem("bands.format", f"fascia {fmt.quoted(name)}: {what} ({said}) mancante o non numerica")
                )
                continue
            if not (0 < values[key] <= 1):
                problems.append(
                    _problem(
                        "bands.format",
                        f"fascia {fmt.quoted(name)}: {what} ({said}) = {values[key]} deve essere maggiore di 0 e al massimo 1"
                        f"{cells.share_hint(values[key], toml=True)}",
                    )
                )
                del values[key]
        if len(values) == 2:
            bands.append(
                Band(
                    name=name,
                    staff=Fraction(values["staff"]),
                    resources=Fraction(values["resources"]),
                    staff_text=values["staff"],
                    resources_text=values["resources"],
                )
            )
    return tuple(bands), problems


def check_bands(bands: Sequence[Band]) -> list[Problem]:
    """Art. 17.2: 3–5 bands, shares summing to 1, the 30% cap, the per-capita ratios (exact)."""
    problems: list[Problem] = []
    k = len(bands)
    if not (MIN_BANDS <= k <= MAX_BANDS):
        problems.append(
            _problem(
                "bands.count", f"le fasce di merito sono {k}: devono essere almeno {MIN_BANDS} e al massimo {MAX_BANDS}"
            )
        )
    if not bands:
        return problems
    staff = sum((b.staff for b in bands), Fraction(0))
    money = sum((b.resources for b in bands), Fraction(0))
    if staff != 1:
        problems.append(
            _problem(
                "bands.staff_sum",
                f"le quote di personale delle fasce sommano a {_show(staff)}, devono sommare a 1 (100%)",
            )
        )
    if money != 1:
        problems.append(
            _problem(
                "bands.resources_sum",
                f"le quote di risorse delle fasce sommano a {_show(money)}, devono sommare a 1 (100%)",
            )
        )
    if not (MIN_BANDS <= k <= MAX_BANDS):
        return problems
    top = top_bands(k)
    top_share = sum((b.staff for b in bands[:top]), Fraction(0))
    if top_share > TOP_CAP:
        which = "la prima fascia" if top == 1 else "le prime due fasce"
        problems.append(
            _problem(
                "bands.top_cap",
                f"{which} ({', '.join(b.name for b in bands[:top])}) raccolgono il "
                f"{_show(top_share * 100)}% del personale: al massimo il 30%",
            )
        )
    need = min_ratio(k)
    for upper, lower in zip(bands, bands[1:]):
        ratio = (upper.resources / upper.staff) / (lower.resources / lower.staff)
        if ratio < need:
            problems.append(
                _problem(
                    "bands.ratio",
                    f"differenziazione economica tra le fasce {fmt.quoted(upper.name)} e {fmt.quoted(lower.name)}: premio pro capite in "
                    f"rapporto {_show(ratio)} : 1, deve essere almeno {_show(need)} : 1 con {k} fasce "
                    f"(rapporto 1 a {_show(need).replace('.', ',')})",
                )
            )
    return problems


def parse_levels(raw: Sequence[Any]) -> tuple[tuple[Level, ...], list[Problem]]:
    """The ``levels`` table (from 70 up, highest first) and what is wrong with it."""
    problems: list[Problem] = []
    levels: list[Level] = []

    def bad(message: str) -> None:
        problems.append(_problem("levels", message, column="params.levels", source=SOURCE_LEVELS))

    for n, row in enumerate(raw or (), start=1):
        if not isinstance(row, dict) or set(row) - {"name", "min"}:
            bad(f"livello {n}: attesa una tabella {{name, min}}")
            continue
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            bad(f"livello {n}: manca il nome")
            continue
        if name.strip().lower() in LOW_LEVELS:
            bad(
                f"livello {fmt.quoted(name)}: i nomi «adeguata» e «non adeguata» sono riservati ai punteggi sotto 70 (art. 17.2)"
            )
            continue
        try:
            low = _share(row.get("min"))
        except ValueError:
            bad(f"livello {fmt.quoted(name)}: punteggio minimo (da) mancante o non numerico")
            continue
        if not (MIN_SCORE <= low <= 100):
            bad(f"livello {fmt.quoted(name)}: il punteggio minimo {low} deve stare tra 70 e 100")
            continue
        levels.append(Level(name=name, min=low))
    if not levels and not problems:
        bad("nessun livello indicato per i punteggi da 70 in su")
    names = [lv.name for lv in levels]
    if len(set(names)) != len(names):
        bad("nomi di livello ripetuti")
    mins = [lv.min for lv in levels]
    if any(a <= b for a, b in zip(mins, mins[1:])):
        bad("i livelli vanno elencati dal più alto, con punteggi minimi strettamente decrescenti")
    if levels and levels[-1].min != MIN_SCORE:
        bad(f"l'ultimo livello deve partire da 70 (la soglia dell'art. 17.2), non da {levels[-1].min}")
    return tuple(levels), problems


@hookimpl(specname="ciclope_check_params")
def check_params(params: Params) -> list[Problem]:
    bands, problems = parse_bands(params["bands"])
    if not problems:
        problems += check_bands(bands)
    _, level_problems = parse_levels(params["levels"])
    return problems + level_problems


def _show(x: Fraction) -> str:
    """An exact fraction for a message: a decimal when it terminates within 6 digits, else ``p/q``."""
    d = Decimal(x.numerator) / Decimal(x.denominator)
    if Fraction(d) == x:
        return format(d.normalize(), "f")
    return f"{x.numerator}/{x.denominator} (≈ {d:.4f})"
