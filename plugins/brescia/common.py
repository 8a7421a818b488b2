"""What the Camera di Commercio di Brescia's rules share: the sources, the constants of the two acts, the
input parsers, the levels and the structure of the ente (rules/brescia.md).

Sources (cited in every figure and violation):

- ``001_2164dd4e03a9b49f.txt`` — Delibera 9/C 2018, criteria for the *posizioni organizzative*
  (PO): eligibility (art. 1–2), position pay €5,000–€16,000 over 13 months (art. 3.2), interim
  extra 15–25% (art. 3.4), weighting by factor comparison (art. 4), result pay ≥ 15% of the PO
  resources and the contraddittorio before a negative evaluation (art. 6).
- ``004_a450255962d2094d.txt`` — SMVP 2021: organizational performance and the OIV attestation
  with the proportional reduction of the performance funds (§3), the calendar (§3.2), individual
  performance (§4), the quantification of the variable resources (§5), schede a–d.

Every function of the plugin is pure apart from recording figures and problems in ``trace``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import operator
from collections.abc import Mapping, Sequence
from decimal import Decimal

from ciclope.core import Ente, OrgPerformance, Params, Person, Row, Unit, cells, fmt

PO = "001_2164dd4e03a9b49f.txt"


SMVP = "004_a450255962d2094d.txt"


ZERO = Decimal("0.00")


ONE = Decimal(1)


HUNDRED = Decimal(100)


# 001… art. 4.4: the eight weighted sub-factors of the factor comparison (weights sum to 100).
FACTORS: tuple[tuple[str, int, str], ...] = (
    ("A1", 20, "Complessità organizzativa — Dimensione organizzativa"),
    ("A2", 10, "Complessità organizzativa — Complessità e innovazione"),
    ("B1", 5, "Complessità gestionale — Entità risorse finanziarie"),
    ("B2", 10, "Complessità gestionale — Sistema delle relazioni"),
    ("B3", 10, "Complessità gestionale — Complessità delle conoscenze"),
    ("C1", 10, "Complessità specialistica — Livello di responsabilità"),
    ("C2", 15, "Complessità specialistica — Specializzazione"),
    ("D1", 20, "Rilevanza strategica interna ed esterna"),
)


RATING_WORDS = {"bassa": 1, "media": 3, "alta": 5}  # assumption, params.toml [rating_max]


INTERIM_MIN, INTERIM_MAX = Decimal("0.15"), Decimal("0.25")  # 001… art. 3.4


MONTHS = 13  # 001… art. 3.2: "per tredici mensilità"


TERM_YEARS = 3  # 001… art. 2.4


# 001… art. 2.5 a–c: education → minimum years of highly qualified experience
EDUCATION_YEARS = {"diploma": 8, "laurea": 4, "specializzazione": 2}


EDUCATION_WORDS = {
    "diploma": "diploma di scuola media superiore",
    "laurea": "diploma di laurea o laurea breve",
    "specializzazione": "specializzazione post-universitaria",
}


# 004… §5.1: relevance of a project → coefficient
RELEVANCE = {"bassa": 1, "media": 3, "alta": 5}


VARIABLE_MIN, VARIABLE_MAX = Decimal("0.25"), Decimal("0.50")  # 004… §5.2


WEIGHT_TOLERANCE = Decimal(20)  # 004… §5.4: ±20 points


DIR_VALUE, STAFF_VALUE = "risultato_dirigenti", "produttivita_staff"


KNOWN_FUNDS = ("po_total", "stable_dirigenti", "stable_staff")


# 004… §3: the OIV's three judgements
JUDGEMENTS = ("inferiore alle aspettative", "in linea con le aspettative", "superiore alle aspettative")


# 004… §4.2.2: the four behaviour factors of the PO card; §4.2.3: the three sections of the staff card
PO_FACTORS = (
    "autonomia decisionale",
    "realizzazione obiettivi",
    "qualità dell'apporto personale",
    "comportamento organizzativo",
)


STAFF_SECTIONS = (("conoscen",), ("attivit", "capacit"), ("attitudin", "soft skill"))


def dirigenti_pool(area_id: str) -> str:
    return f"dirigenti:{area_id}"


def staff_pool(area_id: str) -> str:
    return f"staff:{area_id}"


def parse_rating(text: str) -> Decimal:
    """A factor rating: an integer ≥ 1, or bassa/media/alta (= 1/3/5; assumption)."""
    word = text.strip().lower()
    if word in RATING_WORDS:
        return Decimal(RATING_WORDS[word])
    try:
        value = cells.to_decimal(text.strip())
    except ValueError:
        value = None
    if value is None or value != value.to_integral_value() or value < 1:
        raise ValueError(f"atteso un punteggio intero da 1 in su oppure bassa/media/alta, trovato {fmt.quoted(text)}")
    return value


parse_rating.pure = True  # type: ignore[attr-defined]  # same text, same Decimal: read once per distinct text


parse_relevance = cells.choice(*RELEVANCE)  # bassa | media | alta (004… §5.1)


parse_education = cells.choice(*EDUCATION_YEARS)  # diploma | laurea | specializzazione (001… art. 2.5)


def cell(ente: Ente, name: str, row: int, column: str) -> str:
    return ente.cell(name, row, column)


def levels(params: Params) -> list[tuple[str, Decimal]]:
    return params.parsed("levels", _levels)  # parsed once per ente, not per person


def _levels(rows: Sequence[Row]) -> list[tuple[str, Decimal]]:
    return [(str(row["name"]), cells.to_decimal(row["max"])) for row in rows]


def level_of(score: Decimal | None, params: Params) -> str | None:
    """The level of a 0–100 score (004…, Scheda di valutazione): the first level whose maximum is ≥ score."""
    if score is None:
        return None
    table = levels(params)
    for name, top in table:
        if score <= top:
            return name
    return table[-1][0]


def level_rank(name: str | None, params: Params) -> int:
    ranks: dict[str, int] = params.parsed("levels", _level_ranks)
    return ranks.get(name or "", -1)  # a look-up, not a list per person


def _level_ranks(rows: Sequence[Row]) -> dict[str, int]:
    """Level name → its position in ``levels`` (the first, if a name repeats: as ``list.index``)."""
    ranks: dict[str, int] = {}
    for k, (name, _) in enumerate(_levels(rows)):
        ranks.setdefault(name, k)
    return ranks


def valid_interim(
    r: Row, by_id: Mapping[str, Row], bounds: tuple[Decimal, Decimal] = (INTERIM_MIN, INTERIM_MAX)
) -> bool:
    """An interim that can be paid: of another, vacant position, by a holder, within ``bounds`` (the criteria's
    15–25%, within the contract's in force in the year: ``interim_min``/``interim_max``)."""
    target, pct = r["interim_of"], r["interim_percent"]
    return (
        target is not None
        and target != r["id"]
        and target in by_id
        and by_id[target]["holder"] is None
        and r["holder"] is not None
        and pct is not None
        and bounds[0] <= pct <= bounds[1]
    )


def interim_bounds(params: Params) -> tuple[Decimal, Decimal]:
    """The interim's range of the criteria (001… art. 3.4), as bounded by the contract in force in the year."""
    return Decimal(str(params["interim_min"])), Decimal(str(params["interim_max"]))


def interim_source(params: Params) -> str:
    """The criteria's article and, where the layer bounds the range, the contract's (CCNL 23.2.2026 art. 16 c. 5
    from 2026)."""
    bound = params.specs["interim_max"].bound_source if "interim_max" in params.specs else ""
    return f"{PO} art. 3.4; {bound}" if bound else f"{PO} art. 3.4"


_SECTION = operator.attrgetter("section")


SEGRETERIA = "segreteria_generale"  # the group of the staff outside every area (004… §1.2)


SEGRETERIA_NAME = "Segreteria Generale"


def area_units(ente: Ente) -> list[Unit]:
    return [u for u in ente.units.values() if u.kind == "area"]


def area_head(ente: Ente, area: Unit) -> Person | None:
    """The dirigente of an area (004… §5.3): its ``head`` in units.csv, else the only dirigente working in it."""
    if area.head:
        return ente.people.get(area.head)
    inside = [p for p in ente.people.values() if p.is_dirigente and p.unit == area.id]
    return inside[0] if len(inside) == 1 else None


def segreteria_staff(ente: Ente) -> list[Person]:
    """§1.2: staff whose unit has no area above it — the offices under the Segretario Generale — form one more group;
    the Azienda Speciale's staff are not in it (a separate body, not paid from the Camera's staff value)."""
    return [
        p
        for p in ente.staff()
        if ente.area_of(p.unit) is None and not any(u.kind == "azienda_speciale" for u in ente.unit_ancestors(p.unit))
    ]


def scored_unit(ente: Ente, org: OrgPerformance, unit_id: str | None) -> str | None:
    """The unit itself if its performance is measured, else the nearest measured unit above it."""
    return next((u.id for u in ente.unit_ancestors(unit_id) if org.units.get(u.id) is not None), None)


# each sub-factor's code, weight as a Decimal and input name (001… art. 4.4)
FACTOR_INPUTS: tuple[tuple[str, Decimal, str], ...] = tuple(
    (code, Decimal(w), f"{code} {label} (peso {w})") for code, w, label in FACTORS
)


def year_days(year: int) -> int:
    return 366 if _calendar.isleap(year) else 365


def overlap_days(year: int, start: dt.date | None, end: dt.date | None) -> int:
    """Days of ``year`` inside [start, end] (an absent bound = the year's own), 0 when they do not meet."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    lo, hi = max(first, start or first), min(last, end or last)
    return max(0, (hi - lo).days + 1)
