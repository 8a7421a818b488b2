"""Phase a: checks of the positions — eligibility of the holders (001… art. 1–2) and interim (art. 3.4)."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Problem

from .common import EDUCATION_WORDS, EDUCATION_YEARS, FACTORS, INTERIM_MAX, INTERIM_MIN, PO, TERM_YEARS, problem


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
