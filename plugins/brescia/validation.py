"""Phase a: checks of the plugin's input — projects (004… §5), cards (§4.2), the OIV's judgement (§3)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from ciclope.core import Ente, Params, Problem, Row, fmt, hookimpl

from .appointments import terms_outside_year
from .common import (
    _SECTION,
    HUNDRED,
    JUDGEMENTS,
    PO,
    PO_FACTORS,
    RELEVANCE,
    SMVP,
    STAFF_SECTIONS,
    WEIGHT_TOLERANCE,
    area_head,
    area_units,
    segreteria_staff,
)
from .eligibility import validate_positions


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    out: list[Problem] = []
    out += validate_positions(ente, params)
    out += terms_outside_year(ente)
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
                message=f"giudizio dell'OIV {fmt.quoted(judgement if isinstance(judgement, str) else fmt.toml_value(judgement))} non è tra le opzioni previste: "
                + ", ".join(JUDGEMENTS),
            )
        )
    return out


def validate_projects(ente: Ente) -> list[Problem]:
    """004… §5: projects, their areas, the ±20-point normalization of the dirigente's weights, the areas' heads."""
    rows = ente.table("projects")
    if not rows:
        return []
    out = [
        Problem(
            rule="brescia.resources.fund",
            source=f"{SMVP} §5.2",
            file="ente.toml",
            column=f"funds.{key}",
            message=f"progetti.csv richiede in [fondi] {said}, la parte stabile del fondo",
        )
        for key, said in (
            ("stable_dirigenti", "risorse_stabili_dirigenti"),
            ("stable_staff", "risorse_stabili_personale"),
        )
        if key not in ente.funds
    ]
    by_area: dict[str, list[Row]] = {}
    out += projects_by_area(ente, rows, by_area)
    for area, items in by_area.items():
        out += weight_checks(ente, area, items)
    return out + area_heads(ente) + outside_areas(ente)


def projects_by_area(ente: Ente, rows: Sequence[Row], by_area: dict[str, list[Row]]) -> list[Problem]:
    """Each project once, in an area (area dirigenziale) of units.csv (004… §5.3); ``by_area`` is filled."""
    out = []
    seen: dict[str, int] = {}
    for r in rows:
        if r["id"] in seen:
            message = f"progetto {fmt.quoted(r['id'])} ripetuto (già alla riga {seen[r['id']]})"
            out.append(Problem.at(ente, "brescia.resources.duplicate", message, f"{SMVP} §5", "projects", r.row, "id"))
            continue
        seen[r["id"]] = r.row
        unit = ente.units.get(r["area"])
        if unit is None or unit.kind != "area":
            message = f"progetto {r['id']}: {fmt.quoted(r['area'])} non è un'unità di tipo area (area dirigenziale) di unità.csv"
            out.append(Problem.at(ente, "brescia.resources.area", message, f"{SMVP} §5.3", "projects", r.row, "area"))
            continue
        by_area.setdefault(r["area"], []).append(r)
    return out


def weight_checks(ente: Ente, area: str, items: list[Row]) -> list[Problem]:
    """004… §5.4: the dirigente's weight of a project within ±20 points of its objective relevance."""
    out = []
    total = sum(RELEVANCE[r["relevance"]] for r in items)
    for r in items:
        relevance_weight = HUNDRED * RELEVANCE[r["relevance"]] / total
        given = r["dirigente_weight"]
        if given is None or abs(given - relevance_weight) <= WEIGHT_TOLERANCE:
            continue
        # the deviation rounded away from zero, so 20.003 never reads as an allowed 20.00
        dev = abs(given - relevance_weight).quantize(Decimal("0.0001"), rounding=ROUND_UP)
        exact = relevance_weight.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        low = max(Decimal(0), relevance_weight - WEIGHT_TOLERANCE).quantize(Decimal("0.01"), rounding=ROUND_UP)
        high = (relevance_weight + WEIGHT_TOLERANCE).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        message = (
            f"progetto {r['id']} (area {area}): peso del dirigente {fmt.decimal_it(given)} scosta di "
            f"{fmt.decimal_it(dev)} punti, più dei 20 ammessi, dalla rilevanza oggettiva 100 × "
            f"{RELEVANCE[r['relevance']]} / {total} = {fmt.decimal_it(exact)}…; indica un peso tra "
            f"{fmt.decimal_it(low)} e {fmt.decimal_it(high)}"
        )
        out.append(
            Problem.at(ente, "brescia.resources.weight", message, f"{SMVP} §5.4", "projects", r.row, "dirigente_weight")
        )
    return out


def area_heads(ente: Ente) -> list[Problem]:
    """004… §5.3: each area's dirigente (units.csv head), with the position pay that splits the dirigenti's fund."""
    out = []
    for a in area_units(ente):
        head = area_head(ente, a)
        if head is None:
            message = f"area {a.id} senza dirigente (head): la sua quota del fondo dei dirigenti resta non distribuita"
            out.append(
                Problem.at(ente, "brescia.resources.head", message, f"{SMVP} §5.3", "units", a.row, "head", "warning")
            )
        elif head.extra.get("position_pay") is None:
            message = (
                f"{head.id}, a capo dell'area {a.id}: manca retribuzione_posizione, "
                "necessaria per ripartire il fondo dei dirigenti tra le aree"
            )
            out.append(
                Problem.at(
                    ente, "brescia.resources.position_pay", message, f"{SMVP} §5.3", "people", head.row, "position_pay"
                )
            )
    return out


def outside_areas(ente: Ente) -> list[Problem]:
    """Staff of a unit outside the Camera's areas (the Azienda Speciale, a distinct ente) share no fund; the
    Segretario's staff offices are their own group (004… §1.2, §5.3)."""
    out = []
    inside = {p.id for p in segreteria_staff(ente)}
    for p in ente.staff():
        if ente.area_of(p.unit) is None and p.id not in inside:
            message = (
                f"{p.id}: la sua unità {p.unit} è dell'Azienda Speciale, ente distinto: "
                "non partecipa al riparto del fondo del personale della Camera"
            )
            out.append(
                Problem.at(
                    ente, "brescia.resources.no_area", message, f"{SMVP} §1.2, §5.3", "people", p.row, "unit", "warning"
                )
            )
    return out


@functools.lru_cache(maxsize=1024)  # cards repeat a few sections: each is looked at once
def staff_section_known(section: str) -> bool:
    """Whether a card section is one of the three of the staff Scheda di valutazione (004… §4.2.3)."""
    text = section.lower()
    return any(any(k in text for k in keys) for keys in STAFF_SECTIONS)


def validate_cards(ente: Ente) -> list[Problem]:
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
                    Problem.at(
                        ente,
                        "brescia.card.po_factors",
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
            # each section name is judged once per ente: a card whose sections are all known is passed
            sections = set(map(_SECTION, items))
            if sections <= known:
                continue
            odd = sorted(section for section in sections if not staff_section_known(section))
            known.update(section for section in sections if section not in odd)
            if odd:
                out.append(
                    Problem.at(
                        ente,
                        "brescia.card.staff_sections",
                        f"scheda di {pid}: sezioni {', '.join(map(fmt.quoted, odd))} "
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
