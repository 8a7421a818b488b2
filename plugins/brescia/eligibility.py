"""Phase a: checks of the positions — eligibility of the holders (001… art. 1–2) and interim (art. 3.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from ciclope.core import Ente, Params, Problem, Row, fmt

from .common import EDUCATION_WORDS, EDUCATION_YEARS, FACTORS, PO, TERM_YEARS, interim_bounds, interim_source


def validate_positions(ente: Ente, params: Params) -> list[Problem]:
    """001… art. 1–4: the positions, their fund, ratings, units and holders, and the interim they cover."""
    rows = ente.table("positions")
    if not rows:
        if "po_total" not in ente.funds:
            return []
        return [
            Problem(
                rule="brescia.po.no_positions",
                severity="warning",
                source=f"{PO} art. 4",
                file="ente.toml",
                column="funds.po_total",
                message="[fondi] risorse_po è indicato ma manca posizioni.csv: nessuna posizione pesata",
            )
        ]
    out: list[Problem] = []
    if "po_total" not in ente.funds:
        out.append(
            Problem(
                rule="brescia.po.fund",
                source=f"{PO} art. 3.6, 4.5",
                file="ente.toml",
                column="funds.po_total",
                message="posizioni.csv richiede in [fondi] risorse_po, le risorse per retribuzione di "
                "posizione e di risultato delle PO",
            )
        )
    seen: dict[str, int] = {}
    covered: dict[str, int] = {}
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        if r["id"] in seen:
            message = f"posizione {fmt.quoted(r['id'])} ripetuta (già alla riga {seen[r['id']]})"
            out.append(Problem.at(ente, "brescia.po.duplicate", message, f"{PO} art. 4", "positions", r.row, "id"))
            continue
        seen[r["id"]] = r.row
        out += position_checks(ente, r, params["rating_max"])
        if r["holder"] is not None:  # a holder of two positions is reported where pay is decided (po.one_position)
            out += eligibility(ente, r)
        out += interim_checks(ente, r, by_id, covered, params)
    return out


def position_checks(ente: Ente, r: Row, rating_max: Decimal) -> list[Problem]:
    """A position's ratings within the scale (001… art. 4.3–4.4) and its unit in units.csv (art. 1.3)."""
    out = []
    pid = r["id"]
    for code, _, label in FACTORS:
        value = r[code]
        if value is not None and value > rating_max:
            message = f"posizione {pid}: {code} ({label}) = {value} oltre la scala 1..{rating_max}"
            out.append(Problem.at(ente, "brescia.po.rating", message, f"{PO} art. 4.3–4.4", "positions", r.row, code))
    if r["unit"] is not None and r["unit"] not in ente.units:
        message = f"posizione {pid}: unità {fmt.quoted(r['unit'])} inesistente"
        out.append(Problem.at(ente, "brescia.po.unit", message, f"{PO} art. 1.3", "positions", r.row, "unit"))
    return out


def eligibility(ente: Ente, r: Row) -> list[Problem]:
    """001… art. 1–2: who may hold a position organizzativa."""
    pid, holder = r["id"], r["holder"]
    person = ente.people.get(holder)
    if person is None:
        message = f"posizione {pid}: titolare {fmt.quoted(holder)} inesistente in persone.csv"
        return [Problem.at(ente, "brescia.po.holder", message, f"{PO} art. 2", "positions", r.row, "holder")]

    def flag(rule: str, message: str, article: str, column: str, severity: str = "error") -> Problem:
        who = f"{holder}, titolare della posizione {pid}"
        return Problem.at(
            ente, f"brescia.{rule}", f"{who}{message}", f"{PO} art. {article}", "people", person.row, column, severity
        )

    out = []
    if person.role != "po":
        role = fmt.quoted(person.role)
        out.append(flag("po.role", f", ha ruolo {role}: atteso po (titolare di posizione organizzativa)", "1", "role"))
    if person.category != "D":
        category = person.category or "non indicata"
        out.append(
            flag(
                "po.category",
                f", è di categoria {category}: le posizioni si assegnano solo alla categoria D",
                "1.2",
                "category",
            )
        )
    if person.fte != 1:
        message = f", lavora a tempo parziale (fte {person.fte}): la posizione è incompatibile con il tempo parziale"
        out.append(flag("po.part_time", message, "2.7", "fte"))
    missing = []
    education, years = person.extra.get("education"), person.extra.get("qualified_years")
    if education is None or years is None:
        missing.append("titolo di studio e anni di esperienza qualificata (titolo_di_studio, anni_di_esperienza)")
    elif years < EDUCATION_YEARS[education]:
        message = (
            f": {EDUCATION_WORDS[education]} con {years} anni di esperienza qualificata, ne servono almeno "
            f"{EDUCATION_YEARS[education]}"
        )
        out.append(flag("po.requirements", message, "2.5", "qualified_years"))
    start, end = person.extra.get("term_start"), person.extra.get("term_end")
    if start is None or end is None:
        missing.append("durata dell'incarico (inizio_incarico, fine_incarico)")
    elif end < start:
        message = f"{holder}: l'incarico finisce ({fmt.date_it(end)}) prima di iniziare ({fmt.date_it(start)})"
        out.append(Problem.at(ente, "brescia.po.term", message, f"{PO} art. 2.4", "people", person.row, "term_end"))
    elif end >= add_years(start, TERM_YEARS):
        # 3 years from 2019-05-21 end on 2022-05-20: the anniversary itself is one day too long
        last = add_years(start, TERM_YEARS) - dt.timedelta(days=1)
        message = (
            f": incarico dal {fmt.date_it(start)} al {fmt.date_it(end)}, oltre il massimo di {TERM_YEARS} anni "
            f"(può finire al più tardi il {fmt.date_it(last)})"
        )
        out.append(flag("po.term", message, "2.4", "term_end"))
    if missing:
        column = "education" if "education" in missing[0] else "term_start"
        message = ": requisiti non verificabili, mancano " + fmt.listed(missing, commas=False)
        out.append(flag("po.requirements_unknown", message, "2.4–2.5", column, "warning"))
    return out


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def interim_checks(
    ente: Ente, r: Row, by_id: Mapping[str, Row], covered: dict[str, int], params: Params
) -> list[Problem]:
    """001… art. 3.4: an interim covers another (vacant) position for 15–25% of its position pay, within the range of
    the contract in force in the year (CCNL 21.5.2018 art. 15 c. 6; CCNL 23.2.2026 art. 16 c. 5 from 2026)."""
    pid, target, pct = r["id"], r["interim_of"], r["interim_percent"]
    low, high = interim_bounds(params)
    source = interim_source(params)

    def flag(rule: str, message: str, column: str, severity: str = "error") -> Problem:
        return Problem.at(ente, f"brescia.{rule}", message, source, "positions", r.row, column, severity)

    if target is None:
        if pct is None:
            return []
        message = f"posizione {pid}: percentuale_interim senza interim_di (quale posizione è coperta ad interim?)"
        return [flag("po.interim", message, "interim_percent", "warning")]
    out = []
    if target == pid or target not in by_id:
        message = f"posizione {pid}: interim_di {fmt.quoted(target)} non è un'altra posizione di posizioni.csv"
        out.append(flag("po.interim", message, "interim_of"))
    elif by_id[target]["holder"] is not None:
        message = (
            f"posizione {pid}: la posizione {target} coperta ad interim ha già un titolare ({by_id[target]['holder']})"
        )
        out.append(flag("po.interim", message, "interim_of"))
    elif target in covered:
        message = f"posizione {target} coperta ad interim due volte (righe {covered[target]} e {r.row})"
        out.append(flag("po.interim", message, "interim_of"))
    covered.setdefault(target, r.row)
    if r["holder"] is None:
        out.append(
            flag("po.interim", f"posizione {pid}: una posizione vacante non può coprire un interim", "interim_of")
        )
    span = f"dal {fmt.pct(low, 0)} al {fmt.pct(high, 0)}"
    cited = source.replace(f"{PO} ", "criteri dell'ente, ")  # the act by what it is, never its file
    if pct is None:
        out.append(
            flag("po.interim_percent", f"posizione {pid}: manca percentuale_interim ({span})", "interim_percent")
        )
    elif not (low <= pct <= high):
        message = (
            f"posizione {pid}: percentuale_interim {fmt.pct(pct)} fuori dall'intervallo {span} della retribuzione di "
            f"posizione coperta ({cited})"
        )
        out.append(flag("po.interim_percent", message, "interim_percent"))
    return out
