"""The regulation of the Camera di Commercio di Brescia as computations (rules/brescia.md).

Sources (cited in every figure and violation):

- ``001_2164dd4e03a9b49f.txt`` — Delibera 9/C 2018, criteria for the *posizioni organizzative*
  (PO): eligibility (art. 1–2), position pay €5,000–€16,000 over 13 months (art. 3.2), interim
  extra 15–25% (art. 3.4), weighting by factor comparison (art. 4), result pay ≥ 15% of the PO
  resources and the contraddittorio before a negative evaluation (art. 6).
- ``004_a450255962d2094d.txt`` — SMVP 2021: organizational performance and the OIV attestation
  with the proportional reduction of the performance funds (§3), the calendar (§3.2), individual
  performance (§4), the quantification of the variable resources (§5), schede a–d.

Every function here is pure apart from recording figures and problems in ``trace``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import functools
import math
import operator
from collections.abc import Mapping, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from fractions import Fraction
from typing import Any

from ciclope.core import (
    Attestation,
    Award,
    CardInputs,
    Deadline,
    Ente,
    EvaluationItem,
    Input,
    OrgPerformance,
    Params,
    Person,
    Pool,
    PositionPay,
    Positions,
    Problem,
    Rewards,
    Score,
    Trace,
    cells,
    distribute,
    fmt,
    hookimpl,
    money,
    scoring,
)

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


# --- input parsers (declared with ciclope_input_schema) ------------------------------------------


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
        raise ValueError(f"atteso un punteggio intero da 1 in su oppure bassa/media/alta, trovato {text!r}")
    return value


parse_rating.pure = True  # type: ignore[attr-defined]  # same text, same Decimal: read once per distinct text
parse_relevance = cells.choice(*RELEVANCE)  # bassa | media | alta (004… §5.1)
parse_education = cells.choice(*EDUCATION_YEARS)  # diploma | laurea | specializzazione (001… art. 2.5)


# --- helpers -------------------------------------------------------------------------------------


def cell(ente, name: str, row: int, column: str) -> str:
    return ente.cell(name, row, column)


def problem(
    ente,
    rule: str,
    message: str,
    source: str,
    name: str = "",
    row: int | None = None,
    column: str = "",
    severity: str = "error",
) -> Problem:
    return Problem(
        rule=f"brescia.{rule}",
        message=message,
        severity=severity,
        source=source,
        file=ente.file_of(name) if name else "",
        row=row,
        column=column,
    )


def levels(params) -> list[tuple[str, Decimal]]:
    return params.parsed("levels", _levels)  # parsed once per ente, not per person


def _levels(rows) -> list[tuple[str, Decimal]]:
    return [(str(row["name"]), cells.to_decimal(row["max"])) for row in rows]


def level_of(score: Decimal | None, params) -> str | None:
    """The level of a 0–100 score (004…, Scheda di valutazione): the first level whose maximum is ≥ score."""
    if score is None:
        return None
    table = levels(params)
    for name, top in table:
        if score <= top:
            return name
    return table[-1][0]


def level_rank(name: str | None, params) -> int:
    return params.parsed("levels", _level_ranks).get(name, -1)  # a look-up, not a list per person


def _level_ranks(rows) -> dict[str, int]:
    """Level name → its position in ``levels`` (the first, if a name repeats: as ``list.index``)."""
    ranks: dict[str, int] = {}
    for k, (name, _) in enumerate(_levels(rows)):
        ranks.setdefault(name, k)
    return ranks


@hookimpl(specname="ciclope_check_params")
def check_params(params: Params) -> list[Problem]:
    """Parameter combinations the bounds cannot express (configuration errors)."""
    out = []
    table = params["levels"]
    try:
        parsed = [(str(r["name"]), cells.to_decimal(r["max"])) for r in table]
    except (KeyError, TypeError, ValueError):
        return [
            Problem(
                rule="brescia.params.levels",
                column="params.levels",
                source=SMVP,
                message="levels: ogni livello richiede name e max numerico",
            )
        ]
    tops = [t for _, t in parsed]
    if not parsed or any(b <= a for a, b in zip(tops, tops[1:])) or tops[-1] != 100:
        out.append(
            Problem(
                rule="brescia.params.levels",
                column="params.levels",
                source=SMVP,
                message="levels: i massimi dei livelli devono crescere e l'ultimo deve essere 100",
            )
        )
    if params["staff_min_level"] not in [n for n, _ in parsed]:
        out.append(
            Problem(
                rule="brescia.params.staff_min_level",
                column="params.staff_min_level",
                source=SMVP,
                message=f"staff_min_level {params['staff_min_level']!r} non è un livello di levels",
            )
        )
    if params["pay_min"] > params["pay_max"]:
        out.append(
            Problem(
                rule="brescia.params.pay",
                column="params.pay_min",
                source=f"{PO} art. 3.2",
                message=f"pay_min {params['pay_min']} supera pay_max {params['pay_max']}",
            )
        )
    return out


# =================================================================================================
# a. pianificazione — checks of the plugin's input (001… art. 1–4; 004… §4–5)
# =================================================================================================


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    out: list[Problem] = []
    out += validate_positions(ente, params)
    out += validate_projects(ente)
    out += validate_cards(ente)
    judgement = ente.approvals.get("oiv_judgement")
    if judgement is not None and str(judgement).strip().lower() not in JUDGEMENTS:
        out.append(
            Problem(
                rule="brescia.oiv.judgement",
                severity="warning",
                source=f"{SMVP} §3",
                file="ente.toml",
                column="approvals.oiv_judgement",
                message=f"giudizio dell'OIV {judgement!r} non è tra le opzioni previste: " + ", ".join(JUDGEMENTS),
            )
        )
    return out


def validate_positions(ente, params) -> list[Problem]:
    rows = ente.table("positions")
    out: list[Problem] = []
    if not rows:
        if "po_total" in ente.funds:
            out.append(
                Problem(
                    rule="brescia.po.no_positions",
                    severity="warning",
                    source=f"{PO} art. 4",
                    file="ente.toml",
                    column="funds.po_total",
                    message="[funds] po_total è indicato ma manca positions.csv: nessuna posizione pesata",
                )
            )
        return out
    if "po_total" not in ente.funds:
        out.append(
            Problem(
                rule="brescia.po.fund",
                source=f"{PO} art. 3.6, 4.5",
                file="ente.toml",
                column="funds.po_total",
                message="positions.csv richiede in [funds] po_total, le risorse per retribuzione di "
                "posizione e di risultato delle PO",
            )
        )
    rating_max = params["rating_max"]
    seen: dict[str, int] = {}
    covered: dict[str, int] = {}
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        pid = r["id"]
        if pid in seen:
            out.append(
                problem(
                    ente,
                    "po.duplicate",
                    f"posizione {pid!r} ripetuta (già alla riga {seen[pid]})",
                    f"{PO} art. 4",
                    "positions",
                    r.row,
                    "id",
                )
            )
            continue
        seen[pid] = r.row
        rating = r.values.get  # r[code], without Row.__getitem__'s call per factor
        for code, _, label in FACTORS:
            value = rating(code)
            if value is not None and value > rating_max:
                out.append(
                    problem(
                        ente,
                        "po.rating",
                        f"posizione {pid}: {code} ({label}) = {value} oltre la scala 1..{rating_max}",
                        f"{PO} art. 4.3–4.4",
                        "positions",
                        r.row,
                        code,
                    )
                )
        if r["unit"] is not None and r["unit"] not in ente.units:
            out.append(
                problem(
                    ente,
                    "po.unit",
                    f"posizione {pid}: unità {r['unit']!r} inesistente",
                    f"{PO} art. 1.3",
                    "positions",
                    r.row,
                    "unit",
                )
            )
        holder = r["holder"]
        if holder is not None:  # a holder of two positions is reported where pay is decided (po.one_position)
            out += eligibility(ente, r)
        out += interim_checks(ente, r, by_id, covered)
    return out


def eligibility(ente, r) -> list[Problem]:
    """001… art. 1–2: who may hold a position organizzativa."""
    pid, holder = r["id"], r["holder"]
    person = ente.people.get(holder)
    if person is None:
        return [
            problem(
                ente,
                "po.holder",
                f"posizione {pid}: titolare {holder!r} inesistente in people.csv",
                f"{PO} art. 2",
                "positions",
                r.row,
                "holder",
            )
        ]
    out = []
    where = dict(name="people", row=person.row)
    if person.role != "po":
        out.append(
            problem(
                ente,
                "po.role",
                f"{holder}, titolare della posizione {pid}, ha ruolo {person.role!r}: "
                "atteso po (titolare di posizione organizzativa)",
                f"{PO} art. 1",
                column="role",
                **where,
            )
        )
    if person.category != "D":
        out.append(
            problem(
                ente,
                "po.category",
                f"{holder}, titolare della posizione {pid}, è di categoria "
                f"{person.category or 'non indicata'}: le posizioni si assegnano solo alla categoria D",
                f"{PO} art. 1.2",
                column="category",
                **where,
            )
        )
    if person.fte != 1:
        out.append(
            problem(
                ente,
                "po.part_time",
                f"{holder}, titolare della posizione {pid}, lavora a tempo parziale "
                f"(fte {person.fte}): la posizione è incompatibile con il tempo parziale",
                f"{PO} art. 2.7",
                column="fte",
                **where,
            )
        )
    missing = []
    education, years = person.extra.get("education"), person.extra.get("qualified_years")
    if education is None or years is None:
        missing.append("titolo di studio e anni di esperienza qualificata (education, qualified_years)")
    elif years < EDUCATION_YEARS[education]:
        out.append(
            problem(
                ente,
                "po.requirements",
                f"{holder}, titolare della posizione {pid}: {EDUCATION_WORDS[education]} con {years} anni di "
                f"esperienza qualificata, ne servono almeno {EDUCATION_YEARS[education]}",
                f"{PO} art. 2.5",
                column="qualified_years",
                **where,
            )
        )
    start, end = person.extra.get("term_start"), person.extra.get("term_end")
    if start is None or end is None:
        missing.append("durata dell'incarico (term_start, term_end)")
    elif end < start:
        out.append(
            problem(
                ente,
                "po.term",
                f"{holder}: l'incarico finisce ({end}) prima di iniziare ({start})",
                f"{PO} art. 2.4",
                column="term_end",
                **where,
            )
        )
    elif end >= add_years(start, TERM_YEARS):
        # 3 years from 2019-05-21 end on 2022-05-20: the anniversary itself is one day too long
        last = add_years(start, TERM_YEARS) - dt.timedelta(days=1)
        out.append(
            problem(
                ente,
                "po.term",
                f"{holder}, titolare della posizione {pid}: incarico dal {start} al {end}, "
                f"oltre il massimo di {TERM_YEARS} anni (può finire al più tardi il {last})",
                f"{PO} art. 2.4",
                column="term_end",
                **where,
            )
        )
    if missing:
        out.append(
            problem(
                ente,
                "po.requirements_unknown",
                f"{holder}, titolare della posizione {pid}: requisiti non verificabili, mancano " + " e ".join(missing),
                f"{PO} art. 2.4–2.5",
                severity="warning",
                column="education" if "education" in missing[0] else "term_start",
                **where,
            )
        )
    return out


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def interim_checks(ente, r, by_id, covered) -> list[Problem]:
    """001… art. 3.4: an interim covers another (vacant) position for 15–25% of its position pay."""
    pid, target, pct = r["id"], r["interim_of"], r["interim_percent"]
    src = f"{PO} art. 3.4"
    if target is None:
        if pct is not None:
            return [
                problem(
                    ente,
                    "po.interim",
                    f"posizione {pid}: interim_percent senza interim_of (quale posizione è coperta ad interim?)",
                    src,
                    "positions",
                    r.row,
                    "interim_percent",
                    severity="warning",
                )
            ]
        return []
    out = []
    if target == pid or target not in by_id:
        out.append(
            problem(
                ente,
                "po.interim",
                f"posizione {pid}: interim_of {target!r} non è un'altra posizione di positions.csv",
                src,
                "positions",
                r.row,
                "interim_of",
            )
        )
    elif by_id[target]["holder"] is not None:
        out.append(
            problem(
                ente,
                "po.interim",
                f"posizione {pid}: la posizione {target} coperta ad interim ha già un "
                f"titolare ({by_id[target]['holder']})",
                src,
                "positions",
                r.row,
                "interim_of",
            )
        )
    elif target in covered:
        out.append(
            problem(
                ente,
                "po.interim",
                f"posizione {target} coperta ad interim due volte (righe {covered[target]} e {r.row})",
                src,
                "positions",
                r.row,
                "interim_of",
            )
        )
    covered.setdefault(target, r.row)
    if r["holder"] is None:
        out.append(
            problem(
                ente,
                "po.interim",
                f"posizione {pid}: una posizione vacante non può coprire un interim",
                src,
                "positions",
                r.row,
                "interim_of",
            )
        )
    if pct is None:
        out.append(
            problem(
                ente,
                "po.interim_percent",
                f"posizione {pid}: manca interim_percent (dal 15% al 25%)",
                src,
                "positions",
                r.row,
                "interim_percent",
            )
        )
    elif not (INTERIM_MIN <= pct <= INTERIM_MAX):
        out.append(
            problem(
                ente,
                "po.interim_percent",
                f"posizione {pid}: interim_percent {pct:%} fuori dall'intervallo "
                "dal 15% al 25% della retribuzione di posizione coperta",
                src,
                "positions",
                r.row,
                "interim_percent",
            )
        )
    return out


def valid_interim(r, by_id) -> bool:
    target, pct = r["interim_of"], r["interim_percent"]
    return (
        target is not None
        and target != r["id"]
        and target in by_id
        and by_id[target]["holder"] is None
        and r["holder"] is not None
        and pct is not None
        and INTERIM_MIN <= pct <= INTERIM_MAX
    )


def validate_projects(ente) -> list[Problem]:
    """004… §5: projects, their areas, the ±20-point normalization of the dirigente's weights."""
    rows = ente.table("projects")
    if not rows:
        return []
    out = []
    for key in ("stable_dirigenti", "stable_staff"):
        if key not in ente.funds:
            out.append(
                Problem(
                    rule="brescia.resources.fund",
                    source=f"{SMVP} §5.2",
                    file="ente.toml",
                    column=f"funds.{key}",
                    message=f"projects.csv richiede in [funds] {key}, la parte stabile del fondo",
                )
            )
    seen: dict[str, int] = {}
    by_area: dict[str, list] = {}
    for r in rows:
        if r["id"] in seen:
            out.append(
                problem(
                    ente,
                    "resources.duplicate",
                    f"progetto {r['id']!r} ripetuto (già alla riga {seen[r['id']]})",
                    f"{SMVP} §5",
                    "projects",
                    r.row,
                    "id",
                )
            )
            continue
        seen[r["id"]] = r.row
        unit = ente.units.get(r["area"])
        if unit is None or unit.kind != "area":
            out.append(
                problem(
                    ente,
                    "resources.area",
                    f"progetto {r['id']}: {r['area']!r} non è un'unità di tipo area (area dirigenziale) di units.csv",
                    f"{SMVP} §5.3",
                    "projects",
                    r.row,
                    "area",
                )
            )
            continue
        by_area.setdefault(r["area"], []).append(r)
    for area, items in by_area.items():
        total = sum(RELEVANCE[r["relevance"]] for r in items)
        for r in items:
            relevance_weight = HUNDRED * RELEVANCE[r["relevance"]] / total
            given = r["dirigente_weight"]
            if given is not None and abs(given - relevance_weight) > WEIGHT_TOLERANCE:
                # the deviation rounded away from zero, so 20.003 never reads as an allowed 20.00
                dev = abs(given - relevance_weight).quantize(Decimal("0.0001"), rounding=ROUND_UP)
                exact = relevance_weight.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
                out.append(
                    problem(
                        ente,
                        "resources.weight",
                        f"progetto {r['id']} (area {area}): peso del dirigente "
                        f"{given} scosta di {dev} punti, più dei 20 ammessi, dalla rilevanza oggettiva "
                        f"100 × {RELEVANCE[r['relevance']]} / {total} = {exact}…; indica un peso tra "
                        f"{max(Decimal(0), relevance_weight - WEIGHT_TOLERANCE).quantize(Decimal('0.01'), rounding=ROUND_UP)} "
                        f"e {(relevance_weight + WEIGHT_TOLERANCE).quantize(Decimal('0.01'), rounding=ROUND_DOWN)}",
                        f"{SMVP} §5.4",
                        "projects",
                        r.row,
                        "dirigente_weight",
                    )
                )
    for a in area_units(ente):
        head = area_head(ente, a)
        if head is None:
            out.append(
                problem(
                    ente,
                    "resources.head",
                    f"area {a.id} senza dirigente (head): la sua quota del fondo dei dirigenti resta non distribuita",
                    f"{SMVP} §5.3",
                    "units",
                    a.row,
                    "head",
                    severity="warning",
                )
            )
        elif head.extra.get("position_pay") is None:
            out.append(
                problem(
                    ente,
                    "resources.position_pay",
                    f"{head.id}, a capo dell'area {a.id}: manca position_pay, "
                    "necessaria per ripartire il fondo dei dirigenti tra le aree",
                    f"{SMVP} §5.3",
                    "people",
                    head.row,
                    "position_pay",
                )
            )
    inside = {p.id for p in segreteria_staff(ente)}  # staff offices of the Segretario: their own group
    area_of = {unit: ente.area_of(unit) for unit in dict.fromkeys(p.unit for p in ente.staff())}  # once per unit
    for p in ente.staff():
        if area_of[p.unit] is None and p.id not in inside:
            out.append(
                problem(
                    ente,
                    "resources.no_area",
                    f"{p.id}: la sua unità {p.unit} è dell'Azienda Speciale, ente distinto: "
                    "non partecipa al riparto del fondo del personale della Camera",
                    f"{SMVP} §1.2, §5.3",
                    "people",
                    p.row,
                    "unit",
                    severity="warning",
                )
            )
    return out


@functools.lru_cache(maxsize=1024)  # cards repeat a few sections: each is looked at once
def staff_section_known(section: str) -> bool:
    """Whether a card section is one of the three of the staff Scheda di valutazione (004… §4.2.3)."""
    text = section.lower()
    return any(any(k in text for k in keys) for keys in STAFF_SECTIONS)


_SECTION = operator.attrgetter("section")


def validate_cards(ente) -> list[Problem]:
    """Warnings when a card does not follow the forms of 004… §4.2.2 (PO) and §4.2.3 (staff)."""
    out = []
    known: set[str] = set()  # sections found among the three, each looked at once
    for pid, items in ente.cards_view().items():
        person = ente.people.get(pid)
        if person is None:
            continue
        if person.is_po:
            names = {i.item.strip().lower() for i in items}
            if names != set(PO_FACTORS):
                out.append(
                    problem(
                        ente,
                        "card.po_factors",
                        f"scheda della PO {pid}: attesi i quattro fattori "
                        "Autonomia decisionale, Realizzazione obiettivi, Qualità dell'apporto personale, "
                        "Comportamento organizzativo",
                        f"{SMVP} §4.2.2; {PO} art. 6.3",
                        "evaluations",
                        items[0].row,
                        "item",
                        severity="warning",
                    )
                )
        elif person.is_staff:
            # in C, and a card whose sections were all found known already is passed (callgrind,
            # the calculation 61.2 -> 59.8 M instructions per 300-person ente)
            sections = set(map(_SECTION, items))
            if sections <= known:
                continue
            odd = sorted(section for section in sections if not staff_section_known(section))
            known.update(section for section in sections if section not in odd)
            if odd:
                out.append(
                    problem(
                        ente,
                        "card.staff_sections",
                        f"scheda di {pid}: sezioni {', '.join(map(repr, odd))} "
                        "diverse dalle tre della Scheda di valutazione (conoscenze e competenze; attività e "
                        "capacità; attitudini e soft skills)",
                        f"{SMVP} §4.2.3",
                        "evaluations",
                        items[0].row,
                        "section",
                        severity="warning",
                    )
                )
    return out


SEGRETERIA = "segreteria_generale"  # the group of the staff outside every area (004… §1.2)
SEGRETERIA_NAME = "Segreteria Generale"


def area_units(ente) -> list:
    return [u for u in ente.units.values() if u.kind == "area"]


def area_head(ente, area):
    """The dirigente of an area (004… §5.3): its ``head`` in units.csv, else the only dirigente working in it."""
    if area.head:
        return ente.people.get(area.head)
    inside = [p for p in ente.people.values() if p.is_dirigente and p.unit == area.id]
    return inside[0] if len(inside) == 1 else None


# =================================================================================================
# b. risorse — quantification of the variable resources (004… §5)
# =================================================================================================


@hookimpl(specname="ciclope_resources")
def resources(ente: Ente, params: Params, trace: Trace) -> dict[str, Pool]:
    pools: dict[str, Pool] = {}
    for name, amount in ente.funds.items():
        if name in KNOWN_FUNDS:
            continue
        trace.record(
            f"pool:{name}",
            amount,
            "importo di [funds] in ente.toml",
            "ente.toml [funds]",
            label=f"Fondo {name}",
            inputs=[Input(name, amount, cell=f"ente.toml:funds.{name}")],
            note="fondo non previsto dal regolamento di Brescia: riportato e non distribuito",
        )
        trace.problem(
            Problem(
                rule="brescia.resources.unknown_fund",
                severity="warning",
                source="rules/brescia.md",
                file="ente.toml",
                column=f"funds.{name}",
                message=f"fondo {name!r} non usato dal regolamento di Brescia (attesi: "
                f"{', '.join(KNOWN_FUNDS)}): resta interamente non distribuito",
            )
        )
        pools[name] = Pool(name=name, amount=amount, source="ente.toml [funds]")
    projects = [r for r in ente.table("projects") if r["relevance"] in RELEVANCE]
    if not projects:
        return pools
    total_c = sum(RELEVANCE[r["relevance"]] for r in projects)
    trace.record(
        "resources:coefficients",
        Decimal(total_c),
        "somma dei coefficienti di rilevanza dei progetti (bassa 1, media 3, alta 5)",
        f"{SMVP} §5.1",
        label="Punti di coefficiente dei progetti",
        inputs=[
            Input(
                f"{r['id']} ({r['relevance']})",
                RELEVANCE[r["relevance"]],
                cell=cell(ente, "projects", r.row, "relevance"),
            )
            for r in projects
        ],
    )
    for kind, name, label in (
        ("dirigenti", DIR_VALUE, "personale dirigente"),
        ("staff", STAFF_VALUE, "personale non dirigente"),
    ):
        stable = ente.funds.get(f"stable_{kind}")
        if stable is None:
            continue  # reported by validate_projects
        point = params[f"point_value_{kind}"]
        value = money.r2(point * stable * total_c)
        trace.record(
            f"pool:{name}",
            value,
            f"{point} × risorse stabili × somma dei coefficienti",
            f"{SMVP} §5.2",
            label=f"Valore dei progetti per il {label} (risorse variabili, lordo)",
            inputs=[
                Input("valore per punto", point, cell=f"params:point_value_{kind}"),
                Input("risorse stabili", stable, cell=f"ente.toml:funds.stable_{kind}"),
                Input("punti di coefficiente", total_c, ref="resources:coefficients"),
            ],
        )
        whole = stable + value
        ratio = value / whole if whole else None
        if ratio is not None:
            trace.record(
                f"resources:{kind}:variable_share",
                money.r4(ratio),
                "parte variabile / (parte stabile + parte variabile)",
                f"{SMVP} §5.2",
                label=f"Quota variabile del fondo del {label}",
                inputs=[
                    Input("parte variabile", value, ref=f"pool:{name}"),
                    Input("parte stabile", stable, cell=f"ente.toml:funds.stable_{kind}"),
                ],
            )
        if ratio is None or not (VARIABLE_MIN <= ratio <= VARIABLE_MAX):
            shown = "non calcolabile" if ratio is None else fmt.pct(ratio)
            trace.problem(
                Problem(
                    rule="brescia.resources.range",
                    source=f"{SMVP} §5.2",
                    file=ente.file_of("projects"),
                    column="relevance",
                    message=f"valore dei progetti per il {label} {fmt.euro(value)}: quota del fondo (stabile "
                    f"{fmt.euro(stable)} + variabile) {shown}, fuori dall'intervallo 25%–50% "
                    f"previsto dal §5.2. {range_hint(point, total_c, kind)}",
                )
            )
        pools[name] = Pool(name=name, amount=value, source=f"{SMVP} §5.2", label=f"Valore progetti — {label}")
    return pools


# =================================================================================================
# d. valutazione — OIV attestation and judgement (004… §3, §3.2.1)
# =================================================================================================


@hookimpl(specname="ciclope_attestation")
def attestation(ente: Ente, org: OrgPerformance, params: Params, trace: Trace) -> Attestation:
    computed = org.ente
    given = ente.approvals.get("oiv_attested")
    motivation = str(ente.approvals.get("oiv_motivation", "") or "").strip()
    tolerance = params["oiv_tolerance"]
    src = f"{SMVP} §3"
    attested, note = computed, "valore calcolato (nessuna attestazione diversa dell'OIV)"
    if given is not None and computed is None:
        attested, note = given, "attestato dall'OIV (nessun valore calcolabile)"
    elif given is not None and given != computed:
        if not motivation:
            trace.problem(
                Problem(
                    rule="brescia.oiv.motivation",
                    source=src,
                    message=f"l'OIV attesta {given} invece del valore calcolato {computed} senza "
                    "motivazione ([approvals] oiv_motivation): si usa il valore calcolato",
                )
            )
            note = "attestazione dell'OIV senza motivazione: non applicata"
        elif given > computed and (given != ONE or computed < ONE - tolerance):
            # §3.2.1: more than computed only to release "una attestazione completamente positiva" for "lievi
            # scostamenti negativi": exactly 1.0, with computed ≥ 1 − tolerance. Anything between computed and
            # 1.0 (0.99 on 0.96) is not a complete attestation and is refused like 1.0 outside the tolerance
            trace.problem(
                Problem(
                    rule="brescia.oiv.tolerance",
                    source=f"{src}.2.1",
                    file="ente.toml",
                    column="approvals.oiv_attested",
                    message=f"l'OIV attesta {given}, più della performance calcolata {computed}: "
                    "l'OIV può attestare più del calcolato solo un'attestazione completamente positiva "
                    "(esattamente 1) per lievi scostamenti negativi, "
                    f"cioè con un calcolato di almeno {ONE - tolerance} (tolleranza "
                    f"oiv_tolerance = {tolerance}); si usa il valore calcolato. Correggi "
                    "oiv_attested (al più il calcolato) o motiva e documenta il ricalcolo",
                )
            )
            note = (
                f"attestazione sopra il calcolato non ammessa (solo 1 con calcolato ≥ {fmt.decimal_it(ONE - tolerance)}): "
                "non applicata"
            )
        else:
            attested = given
            note = (
                f"attestazione sopra il calcolato per lievi scostamenti negativi (calcolato {fmt.decimal_it(computed)} ≥ "
                f"{fmt.decimal_it(ONE - tolerance)}): {motivation}"
                if given > computed
                else f"attestato dall'OIV: {motivation}"
            )
    if attested is None:
        trace.problem(
            Problem(
                rule="brescia.oiv.none",
                severity="warning",
                source=src,
                message="nessuna performance misurata né attestata: i fondi di performance non sono ridotti",
            )
        )
    else:
        trace.record(
            "attested",
            attested,
            "valore calcolato, salvo attestazione motivata dell'OIV (100% ammesso solo per lievi scostamenti negativi)",
            f"{SMVP} §3, §3.2.1",
            label="Performance attestata dall'OIV",
            inputs=[
                Input("calcolata", computed, ref="ente"),
                Input("attestazione OIV", given, cell="ente.toml:approvals.oiv_attested"),
            ],
            note=note,
        )
    judgement = ente.approvals.get("oiv_judgement")
    if judgement:
        judgement, how = str(judgement), "giudizio espresso dall'OIV"
    elif attested is None:
        judgement, how = "", ""
    else:
        low = params["judgement_low"]
        judgement = JUDGEMENTS[0] if attested < low else JUDGEMENTS[1]
        how = f"giudizio proposto (non espresso dall'OIV): attestata {'<' if attested < low else '≥'} {low}"
    if judgement:
        trace.record(
            "judgement",
            judgement,
            how,
            f"{SMVP} §3",
            label="Giudizio sintetico sulla performance dell'ente",
            inputs=[Input("performance attestata", attested, ref="attested")],
        )
    return Attestation(computed=computed, attested=attested, judgement=judgement, motivation=motivation)


def reduction(attestation) -> Decimal:
    """004… §3: "qualora la valutazione finale dell'OIV risultasse inferiore a 100%, i fondi attribuiti alla
    remunerazione della performance saranno proporzionalmente ridotti" (no attestation: no reduction)."""
    if attestation is None or attestation.attested is None:
        return ONE
    return min(ONE, attestation.attested)


def reduce(amount: Decimal, factor: Decimal, key: str, label: str, gross_ref: str, trace) -> Decimal:
    net = money.r2(amount * factor)
    trace.record(
        key,
        net,
        "importo lordo × performance attestata dall'OIV, arrotondato al centesimo",
        f"{SMVP} §3 (riduzione proporzionale dei fondi)",
        label=label,
        inputs=[
            Input("importo lordo", amount, ref=gross_ref),
            Input("performance attestata", factor, ref="attested"),
        ],
    )
    return net


def range_hint(point: Decimal, total_c: int | Decimal, kind: str) -> str:
    """What would fix §5.2: variable / (stable + variable) ∈ [25%, 50%] ⇔ point × Σc ∈ [1/3, 1], so with this
    value per point the coefficients must sum from ⌈1 / (3 × point)⌉ to ⌊1 / point⌋ (say what to change)."""
    if point <= 0:
        return f"Il valore per punto (point_value_{kind}) deve essere positivo."
    lo, hi = math.ceil(1 / (3 * point)), math.floor(1 / point)
    return (
        f"Con point_value_{kind} = {point} i coefficienti dei progetti devono sommare da {lo} a {hi} (ora "
        f"{total_c}): cambia la rilevanza dei progetti in projects.csv o il parametro point_value_{kind}."
    )


# =================================================================================================
# e. premialità — pools of the areas (004… §3, §5.3)
# =================================================================================================


@hookimpl(specname="ciclope_fund_pools")
def fund_pools(
    ente: Ente, params: Params, org: OrgPerformance, attestation: Attestation, resources: dict[str, Pool], trace: Trace
) -> dict[str, Pool]:
    factor = reduction(attestation)
    out: dict[str, Pool] = {}
    for name, pool in resources.items():
        if name not in (DIR_VALUE, STAFF_VALUE):
            out[name] = pool
            continue
        dirigenti = name == DIR_VALUE
        what = "dirigenti" if dirigenti else "personale"
        net = reduce(
            pool.amount,
            factor,
            f"pool:{name}:net",
            f"Valore progetti — {what}, dopo la riduzione OIV",
            f"pool:{name}",
            trace,
        )
        areas = area_units(ente)
        weights, shown = dirigenti_weights(ente, areas) if dirigenti else staff_weights(ente, areas)
        total = sum((Fraction(w) for w in weights.values()), Fraction(0))  # exact: a mean pay may be a fraction
        if not weights or total == 0:
            trace.problem(
                Problem(
                    rule="brescia.resources.no_split",
                    severity="warning",
                    source=f"{SMVP} §5.3",
                    message=f"fondo {name}: nessuna area con "
                    f"{'retribuzione di posizione del dirigente' if dirigenti else 'dipendenti'}; "
                    "resta non distribuito",
                )
            )
            out[name] = Pool(name=name, amount=net, source=f"{SMVP} §5.2–5.3")
            continue
        parts = money.split(net, weights)
        basis = "retribuzione di posizione del dirigente dell'area" if dirigenti else "dipendenti dell'area (fte)"
        # the inputs every area shares are one object each
        net_input = Input("valore dopo la riduzione", net, ref=f"pool:{name}:net")
        total_input = Input("totale dei pesi", money.r2(Decimal(total.numerator) / Decimal(total.denominator)))
        names = {a.id: a.name for a in areas} | {SEGRETERIA: SEGRETERIA_NAME}
        for aid in weights:
            key = dirigenti_pool(aid) if dirigenti else staff_pool(aid)
            trace.record(
                f"pool:{key}",
                parts[aid],
                f"valore dopo la riduzione OIV ripartito tra le aree in "
                f"proporzione a: {basis} (resto maggiore al centesimo)",
                f"{SMVP} §5.3" + ("; §1.2 (uffici di staff della Segreteria Generale)" if aid == SEGRETERIA else ""),
                label=f"Fondo {what} dell'area {aid} — {names[aid]}",
                inputs=[net_input, shown[aid], total_input],
            )
            out[key] = Pool(name=key, amount=parts[aid], source=f"{SMVP} §5.3", label=f"Fondo {what} — {names[aid]}")
    return out


def dirigenti_weights(ente, areas) -> tuple[dict[str, Any], dict[str, Input]]:
    """§5.3: each area weighs its head's position_pay. An area without a dirigente weighs the mean position_pay of
    the other areas' heads (exact) — its share is residual, so it never enlarges the other areas' shares."""
    weights: dict[str, Any] = {}
    shown: dict[str, Input] = {}
    missing = []
    for a in areas:
        head = area_head(ente, a)
        if head is None or not head.is_dirigente:
            missing.append(a)
            continue
        pay = head.extra.get("position_pay")
        weights[a.id] = pay or Decimal(0)
        shown[a.id] = Input(
            f"retribuzione di posizione di {head.id}", pay, cell=cell(ente, "people", head.row, "position_pay")
        )
    paid = [Fraction(w) for w in weights.values() if w]
    mean = sum(paid, Fraction(0)) / len(paid) if paid else Fraction(0)
    for a in missing:
        weights[a.id] = mean
        shown[a.id] = Input(
            "area senza dirigente: media delle retribuzioni di posizione degli altri dirigenti (quota residua)",
            money.r2(Decimal(mean.numerator) / Decimal(mean.denominator)),
        )
    return {a.id: weights[a.id] for a in areas}, shown


def segreteria_staff(ente) -> list:
    """§1.2: staff whose unit has no area above it — the offices under the Segretario Generale — form one more group;
    the Azienda Speciale's staff are not in it (a separate body, not paid from the Camera's staff value)."""
    return [
        p
        for p in ente.staff()
        if ente.area_of(p.unit) is None and not any(u.kind == "azienda_speciale" for u in ente.unit_ancestors(p.unit))
    ]


def staff_weights(ente, areas) -> tuple[dict[str, Any], dict[str, Input]]:
    """§5.3: each area weighs its staff's fte; the Segreteria Generale group (if it has staff) weighs its own."""
    weights: dict[str, Any] = {}
    shown: dict[str, Input] = {}
    for a in areas:
        fte = sum((p.fte for p in ente.staff_in_area(a.id)), Decimal(0))
        weights[a.id] = fte
        shown[a.id] = Input(f"dipendenti dell'area {a.id} (fte)", fte)
    fte = sum((p.fte for p in segreteria_staff(ente)), Decimal(0))
    if fte:
        weights[SEGRETERIA] = fte
        shown[SEGRETERIA] = Input(f"dipendenti fuori da ogni area — {SEGRETERIA_NAME} (fte)", fte)
    return weights, shown


# =================================================================================================
# d. valutazione — individual scores (004… §4)
# =================================================================================================


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person,
    ente: Ente,
    org: OrgPerformance,
    params: Params,
    card: Sequence[EvaluationItem],
    trace: Trace,
    attestation: Attestation | None,
) -> Score:
    if person.is_dirigente:  # 004… §4.2.1 and scheda d: 100 × achievement of the dirigente's cruscotto
        return scoring.dirigente_score(
            person,
            org,
            trace,
            f"{SMVP} §4.2.1, scheda d",
            lambda s: level_of(s, params),
            "performance del cruscotto (scheda d)",
            "nessun obiettivo misurato nel cruscotto (scheda d)",
        )
    if person.is_po:
        return po_score(person, ente, org, params, card, trace, attestation)
    return staff_score(person, params, card, trace)


def po_card(person, card, trace) -> Decimal | None:
    """The four behaviour factors (004… §4.2.2; 001… art. 6.3), equal weights unless given."""
    if not card:
        return None
    value: Decimal | None
    if all(i.weight is None for i in card):
        value = money.r2(HUNDRED * sum((i.points / i.max_points for i in card), Decimal(0)) / len(card))
        formula = "100 × media di punti / massimo dei fattori (pesi uguali)"
    else:
        value, formula = scoring.card_score_and_formula(card)
    if value is None:
        return None
    trace.record(
        f"card:{person.id}",
        value,
        formula,
        f"{SMVP} §4.2.2; {PO} art. 6.3",
        label=f"Scheda dei comportamenti di {person.name}",
        inputs=CardInputs(card, section=False, no_weight="="),
    )
    return value


def po_score(person, ente, org, params, card, trace, attestation=None) -> Score:
    """004… §4.2.2: po_org_weight × organizational part + (100 − po_org_weight) × card / 100.

    The organizational part is "la performance organizzativa relativa all'Ente nella sua globalità e
    all'ambito organizzativo di diretta responsabilità": ``po_ente_share`` × the ente's attested
    performance + (1 − ``po_ente_share``) × the unit's achievement, rounded to 4 decimals."""
    card_value = po_card(person, card, trace)
    if card_value is None:
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={"motivo": "scheda mancante"})
    # 004… §4.2.2: the PO's results are the organizational performance of the ente and of the unit the PO
    # runs; a unit with nothing scored falls back to the nearest scored unit above it (up to the ente)
    own = po_unit(ente, person, trace)
    unit_id = scored_unit(ente, org, own)
    if unit_id is None:
        trace.problem(
            problem(
                ente,
                "po.unit_not_scored",
                f"PO {person.id}: né l'unità {own} né le unità "
                "superiori hanno una performance misurata: valutazione incompleta",
                f"{SMVP} §4.2.2",
                "people",
                person.row,
                "unit",
                severity="warning",
            )
        )
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={"scheda": card_value})
    if unit_id != own:
        trace.problem(
            problem(
                ente,
                "po.unit_not_scored",
                f"PO {person.id}: l'unità {own} non ha performance misurata, si usa quella di {unit_id}",
                f"{SMVP} §4.2.2",
                "people",
                person.row,
                "unit",
                severity="warning",
            )
        )
    unit_ach = org.units[unit_id]
    org_part = po_org_part(person, unit_id, unit_ach, org, params, attestation, trace)
    w = params["po_org_weight"]
    parts = [
        ("performance organizzativa (ente e unità)", f"po:{person.id}:org", org_part, w),
        ("scheda dei comportamenti / 100", f"card:{person.id}", card_value / HUNDRED, HUNDRED - w),
    ]
    score = scoring.weighted_score(person, parts, trace, f"{SMVP} §4.2.2", lambda s: level_of(s, params))
    level = level_of(score, params)
    if scoring.po_needs_contraddittorio(ente, person, score, params["po_positive"]):
        trace.problem(
            problem(
                ente,
                "po.contraddittorio",
                f"valutazione non positiva della PO {person.id} ({fmt.decimal_it(score)} < "
                f"{params['po_positive']}) senza contraddittorio registrato in appeals.csv: non può "
                "diventare definitiva",
                f"{PO} art. 6.6",
                "appeals",
                None,
                "stage",
            )
        )
    return Score(
        person=person.id,
        score=score,
        level=level,
        breakdown={"organizzativa": org_part, "unita": unit_ach, "scheda": card_value, "peso_unita": w},
    )


def po_unit(ente, person, trace) -> str:
    """The PO's "ambito organizzativo di diretta responsabilità" (004… §4.2.2): the unit they head in units.csv
    (of several, the one nearest the root: rules/core.md §2); else the unit of the position they hold; else their
    people.csv unit. When these disagree a warning names them (the act or the data are to be aligned)."""
    headed = sorted(ente.headed_by(person.id), key=lambda u: len(ente.unit_ancestors(u.id)))
    held = [r["unit"] for r in ente.table("positions") if r["holder"] == person.id and r["unit"]]
    chosen = headed[0].id if headed else held[0] if held else person.unit
    named = {"units.csv (head)": chosen if headed else None, "positions.csv": held[0] if held else None}
    named["people.csv"] = person.unit
    others = {where: u for where, u in named.items() if u is not None and u != chosen}
    if others:
        trace.problem(
            problem(
                ente,
                "po.unit",
                f"PO {person.id}: si usa l'unità {chosen} (quella che dirige, altrimenti quella della posizione), "
                "ma " + ", ".join(f"{where} indica {u}" for where, u in others.items()) + ": allinea i dati",
                f"{SMVP} §4.2.2",
                "people",
                person.row,
                "unit",
                severity="warning",
            )
        )
    return chosen


def po_org_part(person, unit_id: str, unit_ach: Decimal, org, params, attestation, trace) -> Decimal:
    """money.r4(po_ente_share × ente attested + (1 − po_ente_share) × unit achievement) (004… §4.2.2)."""
    share = params["po_ente_share"]
    ente_value = attestation.attested if attestation is not None and attestation.attested is not None else org.ente
    ente_ref = "attested" if attestation is not None and attestation.attested is not None else "ente"
    if ente_value is None:  # nothing measured at ente level: the unit alone
        value, formula = unit_ach, "performance dell'unità (nessuna performance dell'ente misurata)"
    else:
        value = money.r4(share * ente_value + (ONE - share) * unit_ach)
        formula = "quota ente × performance attestata dell'ente + (1 − quota ente) × performance dell'unità"
    trace.record(
        f"po:{person.id}:org",
        value,
        formula,
        f"{SMVP} §4.2.2",
        label=f"Performance organizzativa di {person.name} (ente e unità di diretta responsabilità)",
        inputs=[
            Input("quota ente (po_ente_share)", share, cell="params:po_ente_share"),
            Input("performance dell'ente (attestata)", ente_value, ref=ente_ref),
            Input(f"performance dell'unità {unit_id}", unit_ach, ref=f"unit:{unit_id}"),
        ],
    )
    return value


def scored_unit(ente, org, unit_id: str | None) -> str | None:
    """The unit itself if its performance is measured, else the nearest measured unit above it."""
    return next((u.id for u in ente.unit_ancestors(unit_id) if org.units.get(u.id) is not None), None)


def staff_score(person, params, card, trace) -> Score:
    """004… §4.2.3 and the Scheda di valutazione: three sections, score 0–100 by rules/core.md §3, six levels."""
    score, formula = scoring.card_score_and_formula(card)
    if score is None:
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={})
    level = level_of(score, params)
    trace.record(
        f"score:{person.id}",
        score,
        formula,
        f"{scoring.SOURCE_CARD}; {SMVP} §4.2.3, Scheda di valutazione",
        label=f"Punteggio di {person.name}",
        note=f"livello: {level}",
        inputs=CardInputs(card),
    )
    return Score(person=person.id, score=score, level=level, breakdown={"scheda": score})


# =================================================================================================
# e. premialità — dirigenti and staff rewards (004… §4, §5.3)
# =================================================================================================


@hookimpl(specname="ciclope_rewards")
def rewards(
    ente: Ente, scores: dict[str, Score], pools: dict[str, Pool], params: Params, org: OrgPerformance, trace: Trace
) -> Rewards:
    pools = dict(pools)
    awards: dict[str, Award] = {}
    for a in area_units(ente):
        key = dirigenti_pool(a.id)
        if key in pools:
            pools[key] = dirigente_award(ente, a, pools[key], scores, awards, trace)
        key = staff_pool(a.id)
        if key in pools:
            pools[key] = staff_awards(ente, ente.staff_in_area(a.id), pools[key], scores, params, org, awards, trace)
    key = staff_pool(SEGRETERIA)
    if key in pools:
        pools[key] = staff_awards(ente, segreteria_staff(ente), pools[key], scores, params, org, awards, trace)
    return Rewards(pools=pools, awards=awards)


def dirigente_award(ente, area, pool: Pool, scores, awards, trace) -> Pool:
    """Result of the area's dirigente: the area's pool × score / 100, half-up; the rest is residual."""
    head = area_head(ente, area)
    if head is None or not head.is_dirigente:
        return pool
    if head.id in awards:
        trace.problem(
            Problem(
                rule="brescia.rewards.two_areas",
                severity="warning",
                source=f"{SMVP} §5.3",
                file=ente.file_of("units"),
                row=area.row,
                column="head",
                message=f"{head.id} dirige più aree: il fondo dell'area {area.id} resta non distribuito",
            )
        )
        return pool
    score = scores.get(head.id)
    value = score.score if score is not None else None
    amount = ZERO if value is None else money.r2(pool.amount * value / HUNDRED)
    trace.record(
        f"award:{head.id}",
        amount,
        "fondo dei dirigenti dell'area × punteggio / 100 (arrotondato al centesimo); il resto rimane nel fondo",
        f"{SMVP} §4.2.1, §5.3",
        label=f"Retribuzione di risultato di {head.name}",
        inputs=[
            Input(f"fondo {pool.name}", pool.amount, ref=f"pool:{pool.name}"),
            Input("punteggio", value, ref=f"score:{head.id}"),
        ],
    )
    awards[head.id] = Award(person=head.id, amount=amount, pool=pool.name)
    return pool.with_distributed(amount)


def staff_awards(ente, members, pool: Pool, scores, params, org, awards, trace) -> Pool:
    """Assumption (CCDI): the area's pool among its dipendenti at least staff_min_level, by score × fte × unit."""
    ranks = params.parsed("levels", _level_ranks)  # level_rank(name, params) is ranks.get(name, -1)
    min_rank = ranks.get(params["staff_min_level"], -1)
    # each unit of the area's staff once (the lambdas below are asked for every person; callgrind, the
    # calculation 62.8 -> 61.2 M instructions per 300-person ente): the nearest
    # scored unit at or above it, its performance and its input, one object for all the people it scores
    unit_ach: dict[str, Decimal | None] = {}
    unit_input: dict[str, Input] = {}
    by_scored: dict[str, Input] = {}
    for u in dict.fromkeys(p.unit for p in members):
        scored = scored_unit(ente, org, u)
        uid = scored or u
        found = by_scored.get(uid)
        if found is None:
            found = by_scored[uid] = Input(f"performance dell'unità {uid}", org.units.get(uid), ref=f"unit:{uid}")
        unit_input[u] = found
        unit_ach[u] = org.units.get(scored) if scored else None

    def why_excluded(p, s) -> str | None:
        if p.insufficient:
            return "dichiarato insufficiente"
        if ranks.get(s.level, -1) < min_rank:
            return f"livello {s.level} sotto {params['staff_min_level']}"
        if unit_ach[p.unit] is None:
            return f"unità {p.unit} senza performance misurata"
        return None

    fund = Input(f"fondo {pool.name}", pool.amount, ref=f"pool:{pool.name}")
    shared, given = distribute(
        pool,
        members,
        scores,
        lambda p, score: score * p.fte * (unit_ach[p.unit] or ZERO),
        why_excluded,
        trace,
        formula="fondo dell'area × (punteggio × fte × performance dell'unità) / somma "
        "dei pesi dei dipendenti ammessi (resto maggiore al centesimo)",
        source=f"{SMVP} §4.2.3, §5.3; CCDI (ipotesi, params.toml staff_min_level)",
        label=lambda p: f"Premio di produttività di {p.name}",
        inputs=lambda p, s: [
            fund,  # the same input for everyone of the pool (one object)
            Input("punteggio", s.score, ref=f"score:{p.id}"),
            Input("tempo di lavoro (fte)", p.fte, cell=ente.cell("people", p.row, "fte")),
            unit_input[p.unit],
        ],
        total_label="somma dei pesi dell'area",
    )
    awards.update(given)
    return shared


# =================================================================================================
# e. premialità — posizioni organizzative (001… art. 3–6)
# =================================================================================================


# each sub-factor's weight as a Decimal and its input's name, made once (eight per position; with the
# ratings read from the row's values, callgrind: the calculation 59.8 -> 59.0 M instructions per 300-person ente)
FACTOR_INPUTS: tuple[tuple[str, Decimal, str], ...] = tuple(
    (code, Decimal(w), f"{code} {label} (peso {w})") for code, w, label in FACTORS
)


def position_score(ente, r, params, trace) -> Decimal:
    """001… art. 4.3–4.4: Σ weight × rating / rating_max over the eight sub-factors (0–100, 2 decimals)."""
    rating_max = params["rating_max"]
    rating = r.values.get  # r[code], without Row.__getitem__'s call per factor
    score = money.r2(sum((w * (rating(code) or 0) / rating_max for code, w, _ in FACTOR_INPUTS), Decimal(0)))
    where = f"{ente.file_of('positions')}:{r.row}:"  # cell(ente, "positions", r.row, code) without code
    trace.record(
        f"position:{r['id']}:score",
        score,
        f"Σ peso × punteggio / {rating_max} sugli otto fattori (metodo della comparazione dei fattori)",
        f"{PO} art. 4.3–4.4",
        label=f"Pesatura della posizione {r['id']} — {r['title'] or ''}".rstrip(" —"),
        inputs=[Input(name, rating(code), cell=where + code) for code, _, name in FACTOR_INPUTS],
    )
    return score


def cannot_be_paid(ente, holder: str | None) -> str:
    """Why a holder cannot be paid at all (001… art. 1.2 "esclusivamente a dipendenti … categoria D", art. 2.7
    part time "incompatibile"), or "" — the appointment cannot be conferred, so nothing is paid (rules §1)."""
    person = ente.people.get(holder) if holder is not None else None
    if person is None:
        return ""
    if person.category != "D":
        return f"{holder} è di categoria {person.category or 'non indicata'}, non D (art. 1.2)"
    if person.fte != 1:
        return f"{holder} lavora a tempo parziale (fte {person.fte}, art. 2.7)"
    return ""


def year_days(year: int) -> int:
    return 366 if _calendar.isleap(year) else 365


def overlap_days(year: int, start: dt.date | None, end: dt.date | None) -> int:
    """Days of ``year`` inside [start, end] (an absent bound = the year's own), 0 when they do not meet."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    lo, hi = max(first, start or first), min(last, end or last)
    return max(0, (hi - lo).days + 1)


def appointments(ente, rows, score, trace) -> dict[str, int]:
    """The positions whose holder is paid, with the days of the year their term covers (001… art. 1.2, 2.4, 2.7,
    3.2, 3.4): not a vacancy, a holder who can be appointed, a term that meets the year, and one position per
    person — of two, the higher score (then the lower id) is paid and the other is reported unpaid."""
    held: dict[str, list] = {}
    for r in rows:
        if r["holder"] is not None:
            held.setdefault(r["holder"], []).append(r)
    out: dict[str, int] = {}
    for holder, mine in held.items():
        mine.sort(key=lambda r: (-score[r["id"]], r["id"]))
        for extra in mine[1:]:
            unpaid(
                ente,
                extra,
                "po.one_position",
                f"{holder} è titolare anche della posizione {mine[0]['id']} "
                f"(punteggio più alto): una persona ha una sola posizione, un'altra solo come interim "
                f"(interim_of); la posizione {extra['id']} non è pagata",
                "art. 3.4",
                "holder",
                trace,
            )
        r = mine[0]
        blocked = cannot_be_paid(ente, holder)
        if blocked:
            trace.record(
                f"position:{r['id']}:paid",
                False,
                "incarico non conferibile: né retribuzione di posizione né di "
                "risultato né maggiorazione per interim (residuo), come una posizione vacante",
                f"{PO} art. 1.2, 2.7",
                label=f"Posizione {r['id']} pagata al titolare {holder}",
                note=blocked,
            )
            continue
        person = ente.people.get(holder)
        start = person.extra.get("term_start") if person is not None else None
        end = person.extra.get("term_end") if person is not None else None
        days = overlap_days(ente.year, start, end)
        if days == 0:
            unpaid(
                ente,
                r,
                "po.term_outside",
                f"l'incarico di {holder} ({start or '…'} – {end or '…'}) non copre "
                f"l'anno {ente.year}: la posizione {r['id']} è trattata come vacante (valorizzata, non pagata)",
                "art. 1.2, 2.4",
                "holder",
                trace,
            )
            continue
        out[r["id"]] = days
    return out


def unpaid(ente, r, rule: str, message: str, article: str, column: str, trace) -> None:
    trace.problem(problem(ente, rule, message, f"{PO} {article}", "positions", r.row, column))
    trace.record(
        f"position:{r['id']}:paid",
        False,
        "posizione non pagata: la sua retribuzione di posizione e di risultato resta nel residuo",
        f"{PO} {article}",
        label=f"Posizione {r['id']} pagata al titolare {r['holder']}",
        note=message,
    )


def pay_due(ente, pid: str, annual: Decimal, days: int | None, trace) -> Decimal:
    """annual × days covered / days of the year, half-up (0.00 for a position nobody is paid for)."""
    n = year_days(ente.year)
    value = ZERO if days is None else money.r2(annual * days / n)
    trace.record(
        f"position:{pid}:due",
        value,
        "retribuzione annua × giorni dell'incarico nell'anno / giorni dell'anno (arrotondata al centesimo); "
        "0 per una posizione vacante o non pagata",
        f"{PO} art. 1.2, 2.4, 3.2",
        label=f"Retribuzione di posizione dovuta per l'anno — {pid}",
        inputs=[
            Input("annua", annual, ref=f"position:{pid}:annual"),
            Input("giorni dell'incarico nell'anno", days),
            Input("giorni dell'anno", n),
        ],
    )
    return value


def instalment_figures(due: dict[str, Decimal], paid: Mapping[str, int], trace) -> None:
    """13 mensilità of the pay due (rules/core.md §4): 12 × due / 13 rounded down + a 13th with the rest, so the
    13 payments never exceed what is due (≤ €16,000 "annui lordi per tredici mensilità"). ``due`` holds the annual
    amount of a position nobody is paid for (valued, not paid)."""
    for pid, value in due.items():
        regular, last = money.instalments(value, MONTHS)
        ref = f"position:{pid}:due" if pid in paid else f"position:{pid}:annual"
        due_input = Input("dovuta" if pid in paid else "annua (posizione non pagata)", value, ref=ref)
        trace.record(
            f"position:{pid}:monthly",
            regular,
            "retribuzione dovuta / 13 mensilità, arrotondata per difetto al centesimo (12 rate uguali)",
            f"{PO} art. 3.2; rules/core.md §4",
            label=f"Rata mensile — {pid}",
            inputs=[due_input],
        )
        trace.record(
            f"position:{pid}:monthly_last",
            last,
            "retribuzione dovuta − 12 × rata mensile (la 13ª "
            "rata prende il resto, così le 13 rate sommano esattamente alla dovuta)",
            f"{PO} art. 3.2; rules/core.md §4",
            label=f"Tredicesima rata — {pid}",
            inputs=[due_input, Input("rata mensile", regular, ref=f"position:{pid}:monthly")],
        )


def interim_days(ente, r, trace) -> int:
    """Days of the interim in the year (001… art. 3.4 "per la durata dello stesso"): interim_from – interim_to,
    absent = the whole year."""
    return overlap_days(ente.year, r["interim_from"], r["interim_to"])


@hookimpl(specname="ciclope_position_pay")
def position_pay(
    ente: Ente, params: Params, org: OrgPerformance, attestation: Attestation, scores: dict[str, Score], trace: Trace
) -> Positions | None:
    rows = [r for r in ente.table("positions")]
    if not rows:
        return None
    seen: set[str] = set()
    rows = [r for r in rows if not (r["id"] in seen or seen.add(r["id"]))]  # type: ignore[func-returns-value]  # duplicates reported by validate
    by_id = {r["id"]: r for r in rows}
    score = {r["id"]: position_score(ente, r, params, trace) for r in rows}
    po_total = ente.funds.get("po_total")
    if po_total is None:  # reported by validate_positions: weighted, no money
        return Positions(
            positions={
                pid: PositionPay(
                    id=pid, score=score[pid], annual=ZERO, paid=False, instalments=MONTHS, holder=by_id[pid]["holder"]
                )
                for pid in by_id
            }
        )
    share = params["result_share"]
    lo, hi = params["pay_min"], params["pay_max"]
    fund_cell = "ente.toml:funds.po_total"
    # R0 is rounded once and F takes the rest, so F + R0 is exactly po_total: rounding each of the two half-up
    # could make them a cent more than the fund
    R_gross = money.r2(po_total * share)
    F = money.r2(po_total) - R_gross
    trace.record(
        "pool:po_posizione",
        F,
        "po_total − fondo di risultato lordo (po_total × quota di risultato)",
        f"{PO} art. 4.5, 6.5",
        label="Fondo per la retribuzione di posizione delle PO",
        inputs=[
            Input("po_total", po_total, cell=fund_cell),
            Input("fondo di risultato lordo", R_gross, ref="pool:po_risultato:gross"),
        ],
    )
    trace.record(
        "pool:po_risultato:gross",
        R_gross,
        "po_total × quota di risultato",
        f"{PO} art. 6.5",
        label="Fondo per la retribuzione di risultato delle PO (lordo)",
        inputs=[
            Input("po_total", po_total, cell=fund_cell),
            Input("quota di risultato", share, cell="params:result_share"),
        ],
    )
    R = reduce(
        R_gross,
        reduction(attestation),
        "pool:po_risultato",
        "Fondo per la retribuzione di risultato delle PO (dopo la riduzione OIV)",
        "pool:po_risultato:gross",
        trace,
    )

    # annual position pay: bounded proportional split (001… art. 3.2, 4.5; rules/core.md §4)
    lam = None
    try:
        annual = money.bounded_split(F, score, lo, hi)
        lam = money.bounded_lambda(F, score, lo, hi)
        how = (
            f"ripartizione del fondo in proporzione ai punteggi, ciascuna tra {fmt.euro(lo)} e {fmt.euro(hi)} "
            "(resto maggiore al centesimo)"
        )
    except money.InsufficientFund:
        trace.problem(
            Problem(
                rule="brescia.po.fondo_insufficiente",
                source=f"{PO} art. 3.2, 4.5",
                file="ente.toml",
                column="funds.po_total",
                message=f"fondo insufficiente: il fondo per la retribuzione di posizione {fmt.euro(F)} non "
                f"basta a dare il minimo di {fmt.euro(lo)} alle {len(rows)} posizioni "
                f"({fmt.euro(lo * len(rows))}); nessuna retribuzione di posizione né di risultato",
            )
        )
        annual = {pid: ZERO for pid in score}
        how = "fondo insufficiente: nessuna retribuzione"
    given = sum(annual.values(), ZERO)
    if given < F and given > 0:
        trace.problem(
            Problem(
                rule="brescia.po.fund_above_max",
                severity="warning",
                source=f"{PO} art. 3.2",
                file="ente.toml",
                column="funds.po_total",
                message=f"tutte le posizioni raggiungono il massimo di {fmt.euro(hi)}: {fmt.euro(F - given)} del "
                "fondo di posizione restano non distribuiti",
            )
        )
    # the inputs every position shares are one object each, their sums made once
    fund_input = Input("fondo di posizione", F, ref="pool:po_posizione")
    scores_input = Input("somma dei punteggi", sum(score.values(), Decimal(0)))
    lo_input = Input("minimo annuo (pay_min)", lo, cell="params:pay_min")
    hi_input = Input("massimo annuo (pay_max, «annui lordi per tredici mensilità»)", hi, cell="params:pay_max")
    lam_input = Input(
        "λ, euro per punto (clamp(λ × punteggio, minimo, massimo), Σ = fondo; 6 decimali, per ricalcolare al "
        "centesimo)",
        None if lam is None else lam.quantize(Decimal("0.000001"), ROUND_HALF_UP),
    )
    for pid in score:
        trace.record(
            f"position:{pid}:annual",
            annual[pid],
            how,
            f"{PO} art. 3.2, 4.5; rules/core.md §4",
            label=f"Retribuzione di posizione annua — {pid}",
            inputs=[
                fund_input,
                Input("punteggio", score[pid], ref=f"position:{pid}:score"),
                scores_input,
                lo_input,
                hi_input,
                lam_input,
            ],
            note="" if by_id[pid]["holder"] else "posizione vacante: valorizzata ma non erogata",
        )
    # the period of the appointment (001… art. 1.2, 2.4, 3.2): a holder is paid for the days of the year their term
    # covers; one position per person; a term outside the year, like a vacancy, pays nothing
    paid_days = appointments(ente, rows, score, trace)
    due = {pid: pay_due(ente, pid, annual[pid], paid_days.get(pid), trace) for pid in score}
    # the instalments of a paid position are of its pay due; a position nobody is paid for is still valued, on its
    # annual amount (as results.json's monthly of a vacancy)
    instalment_figures({pid: due[pid] if pid in paid_days else annual[pid] for pid in score}, paid_days, trace)

    # interim extras come first out of the result fund (001… art. 3.4)
    extra: dict[str, Decimal] = {}
    for r in rows:
        if valid_interim(r, by_id) and r["id"] in paid_days:
            days = interim_days(ente, r, trace)
            extra[r["id"]] = money.r2(r["interim_percent"] * annual[r["interim_of"]] * days / year_days(ente.year))
            trace.record(
                f"position:{r['id']}:interim",
                extra[r["id"]],
                "percentuale di interim × retribuzione di posizione annua della posizione coperta × giorni "
                "dell'interim nell'anno / giorni dell'anno («per la durata dello stesso»)",
                f"{PO} art. 3.4",
                label=f"Maggiorazione per l'interim della posizione {r['interim_of']} — {r['id']}",
                inputs=[
                    Input("percentuale", r["interim_percent"], cell=cell(ente, "positions", r.row, "interim_percent")),
                    Input(
                        f"retribuzione annua di {r['interim_of']}",
                        annual[r["interim_of"]],
                        ref=f"position:{r['interim_of']}:annual",
                    ),
                    Input("giorni dell'interim nell'anno", days, cell=cell(ente, "positions", r.row, "interim_from")),
                    Input("giorni dell'anno", year_days(ente.year)),
                ],
            )
    if sum(extra.values(), ZERO) > R:
        trace.problem(
            Problem(
                rule="brescia.po.interim_fund",
                source=f"{PO} art. 3.4, 6.5",
                file="ente.toml",
                column="funds.po_total",
                message=f"le maggiorazioni per interim ({fmt.euro(sum(extra.values(), ZERO))}) superano il "
                f"fondo di risultato ({fmt.euro(R)}): non sono erogate",
            )
        )
        extra = {}
    rest = R - sum(extra.values(), ZERO)
    # equal remainders go to the higher position score, then the id (rules/core.md §4: never by id alone)
    # the maximum of a paid position is on the pay due; of a vacancy or an unpaid holder on the annual value (its
    # share is then residual)
    basis = {pid: due[pid] if pid in paid_days else annual[pid] for pid in score}
    result_max = money.split(rest, basis, rank={pid: -v for pid, v in score.items()})
    result_fund_input = Input("fondo di risultato", R, ref="pool:po_risultato")
    # each interim extra taken from the fund, one input each (only those of paid holders exist)
    extra_inputs = [
        Input(f"maggiorazione per interim della posizione {pid}", value, ref=f"position:{pid}:interim")
        for pid, value in extra.items()
    ]
    annual_input = Input(
        "somma delle retribuzioni dovute (annue per le posizioni non pagate)", sum(basis.values(), ZERO)
    )
    positions: dict[str, PositionPay] = {}
    paid_position = paid_result = ZERO
    for r in rows:
        pid, holder = r["id"], r["holder"]
        trace.record(
            f"position:{pid}:result_max",
            result_max[pid],
            "fondo di risultato, dedotti gli interim, ripartito in proporzione alla retribuzione di "
            "posizione dovuta (annua per una posizione non pagata; resto maggiore al centesimo; a parità di "
            "resto, punteggio della posizione più alto)",
            f"{PO} art. 3.3, 6.5",
            label=f"Retribuzione di risultato massima — {pid}",
            inputs=[
                result_fund_input,
                *extra_inputs,
                Input(
                    "retribuzione dovuta" if pid in paid_days else "retribuzione annua (posizione non pagata)",
                    basis[pid],
                    ref=f"position:{pid}:due" if pid in paid_days else f"position:{pid}:annual",
                ),
                annual_input,
            ],
        )
        result = None
        paid = pid in paid_days
        if paid:
            paid_position += due[pid]
            s = scores.get(holder)
            ev = s.score if s is not None else None
            positive = ev is not None and ev >= params["po_positive"]
            base = money.r2(result_max[pid] * ev / HUNDRED) if positive and ev is not None else ZERO
            bonus = extra.get(pid, ZERO) if positive else ZERO
            result = base + bonus
            paid_result += result
            if ev is None:
                trace.problem(
                    Problem(
                        rule="brescia.po.not_evaluated",
                        severity="warning",
                        source=f"{PO} art. 6.1, 6.4",
                        file=ente.file_of("positions"),
                        row=r.row,
                        column="holder",
                        message=f"titolare {holder} della posizione {pid} non valutato: nessuna "
                        "retribuzione di risultato",
                    )
                )
            formula = (
                "risultato massimo × valutazione / 100 (arrotondato al centesimo)"
                + (" + maggiorazione per interim" if pid in extra else "")
                if positive
                else f"valutazione non positiva (sotto {params['po_positive']}) o mancante: "
                "nessuna retribuzione di risultato"
            )
            inputs = [
                Input("risultato massimo", result_max[pid], ref=f"position:{pid}:result_max"),
                Input(f"valutazione di {holder}", ev, ref=f"score:{holder}"),
            ]
            if pid in extra:
                inputs.append(Input("maggiorazione per interim", extra[pid], ref=f"position:{pid}:interim"))
            trace.record(
                f"position:{pid}:result",
                result,
                formula,
                f"{PO} art. 3.3–3.4, 6.4–6.6",
                inputs=inputs,
                label=f"Retribuzione di risultato — {pid} ({holder})",
            )
            trace.record(
                f"award:{holder}:po",
                due[pid] + result,
                "retribuzione di posizione dovuta + retribuzione di risultato",
                f"{PO} art. 3.1",
                label=f"Trattamento accessorio di {holder} come titolare della posizione {pid}",
                inputs=[
                    Input("retribuzione di posizione dovuta", due[pid], ref=f"position:{pid}:due"),
                    Input("retribuzione di risultato", result, ref=f"position:{pid}:result"),
                ],
            )
        positions[pid] = PositionPay(
            id=pid,
            score=score[pid],
            annual=annual[pid],
            result_max=result_max[pid],
            result=result,
            holder=holder,
            paid=paid,
            instalments=MONTHS,
            due=due[pid],
        )
    pools = {
        "po_posizione": Pool(
            name="po_posizione",
            amount=F,
            source=f"{PO} art. 3.2, 4.5",
            kind=money.POSITION,
            label="Retribuzione di posizione PO",
        ).with_distributed(paid_position),
        "po_risultato": Pool(
            name="po_risultato", amount=R, source=f"{PO} art. 3.3, 6.5; {SMVP} §3", label="Retribuzione di risultato PO"
        ).with_distributed(paid_result),
    }
    return Positions(positions=positions, pools=pools, awards=position_awards(positions))


def position_awards(positions: dict[str, PositionPay]) -> dict[str, Award]:
    """The money of each paid position as ordinary awards: result pay (performance money) first, then
    position pay; keyed ``<position>:<pool>`` so a holder of two positions keeps both."""
    awards: dict[str, Award] = {}
    for pid, p in positions.items():
        if p.paid and p.holder is not None:
            awards[f"{pid}:po_risultato"] = Award(
                person=p.holder, amount=p.result or ZERO, pool="po_risultato", ref=pid
            )
    for pid, p in positions.items():
        if p.paid and p.holder is not None:
            awards[f"{pid}:po_posizione"] = Award(
                person=p.holder, amount=p.due if p.due is not None else p.annual, pool="po_posizione", ref=pid
            )
    return awards


# =================================================================================================
# f. rendicontazione — calendar (004… §3.2)
# =================================================================================================


@hookimpl(specname="ciclope_calendar")
def calendar(year: int) -> list[Deadline]:
    feb_end = dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
    s = f"{SMVP} §3.2"
    return [
        Deadline(
            "pianificazione",
            "Approvazione del Piano della performance da parte della Giunta",
            dt.date(year, 1, 31),
            f"D.Lgs. 150/2009 art. 10 c. 1 lett. a; {SMVP} §2",
            "piano_adopted",
        ),
        Deadline(
            "monitoraggio",
            "Monitoraggio semestrale al 30/6 e comunicazione alla Giunta",
            dt.date(year, 6, 30),
            f"{s} (Monitoraggio semestrale)",
            "monitoraggio_giunta",
        ),
        Deadline(
            "rendicontazione",
            "Raccolta dei dati e schede di rendicontazione degli obiettivi (primi 20 giorni di gennaio)",
            dt.date(year + 1, 1, 20),
            f"{s} (Rendicontazione finale)",
            "rendicontazione_schede",
        ),
        Deadline(
            "rendicontazione",
            "Stesura e redazione della Relazione sulla performance (ultima decade di gennaio)",
            dt.date(year + 1, 1, 31),
            f"{s} (Rendicontazione finale)",
            "relazione_drafted",
        ),
        Deadline(
            "rendicontazione",
            "Validazione della Relazione e del grado di raggiungimento degli obiettivi da "
            "parte dell'OIV (ultima decade di gennaio)",
            dt.date(year + 1, 1, 31),
            f"{s} (Rendicontazione finale: «redazione e validazione» nell'ultima decade di gennaio)",
            "relazione_validated_oiv",
        ),
        Deadline(
            "rendicontazione",
            "Approvazione della Relazione sulla performance da parte della Giunta (febbraio)",
            feb_end,
            f"{s} (Rendicontazione finale)",
            "relazione_approved",
        ),
        Deadline(
            "rendicontazione",
            "Pubblicazione della Relazione sul sito camerale e invio a Unioncamere",
            dt.date(year + 1, 6, 30),
            f"{s} (Rendicontazione finale)",
            "relazione_published",
        ),
    ]
