"""positions.csv against the declared [posizioni]: a column for every criterion and none unknown, every rating
between 1 and the scale, ids written once, holders that are people of people.csv. Every problem at once,
naming the file, row and column."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, Problem, Row, fmt
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.pay import interim
from ciclope.plugins.regolamento.pay.positions import FILE
from ciclope.plugins.regolamento.read.blocks import FIXED, HEADERS, SAID


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    rows = ente.table(FILE)
    pw = reg.positions
    if pw is None:
        if not rows:
            return []
        message = "posizioni.csv c'è ma il regolamento non dichiara [posizioni]: le posizioni non sono pesate"
        return [Problem.at(ente, "regolamento.posizioni", message, cite(reg, "[posizioni]"), FILE, 1, "", "warning")]
    source = cite(reg, pw.source)
    out = []
    if reg.position_result is not None and reg.position_result.fund in ente.funds:
        out.append(result_fund_given(reg, ente, source))
    if not rows:
        needed = ", ".join(HEADERS[c] for c in ("id", "title", "unit", "holder"))  # the office's words
        message = (
            f"il regolamento dichiara [posizioni] ma manca posizioni.csv (colonne {needed} e una per criterio: "
            f"{', '.join(c.code for c in pw.criteria)}): nessuna posizione pesata"
        )
        return [*out, Problem(rule="regolamento.posizioni", source=source, file="posizioni.csv", message=message)]
    return out + columns(reg, ente) + cells(reg, ente)


def columns(reg: Regulation, ente: Ente) -> list[Problem]:
    """A criterion without its column, a column that is no criterion (a typo of a code, with the nearest)."""
    pw = reg.positions
    assert pw is not None
    header = list(ente.table(FILE)[0].values)
    codes = [c.code for c in pw.criteria]
    out = []
    for c in pw.criteria:
        if c.code not in header:
            message = (
                f"manca la colonna {fmt.quoted(c.code)} del criterio «{c.name}» di [posizioni]: aggiungila con la valutazione "
                f"di ogni posizione (da 1 a {pw.scale})"
            )
            out.append(
                Problem.at(ente, "regolamento.posizioni_colonna", message, cite(reg, pw.source), FILE, 1, c.code)
            )
    for col in header:
        if col not in FIXED and col not in codes:
            message = (
                f"colonna sconosciuta {fmt.quoted(col)}{nearest(col, codes)}: le colonne sono {SAID} e i codici "
                f"dei criteri di [posizioni] ({', '.join(codes)}); le colonne aggiuntive vanno prefissate x_"
            )
            out.append(Problem.at(ente, "regolamento.posizioni_colonna", message, cite(reg, pw.source), FILE, 1, col))
    return out


def cells(reg: Regulation, ente: Ente) -> list[Problem]:
    """Every rating in 1..scala, every id once, every holder a person."""
    pw = reg.positions
    assert pw is not None
    source = cite(reg, pw.source)
    out = []
    seen: set[str] = set()
    for r in ente.table(FILE):
        pid = str(r["id"])
        if pid in seen:
            out.append(Problem.at(ente, "regolamento.posizioni", f"la posizione {pid} è già scritta", source, FILE,
                                  r.row, "id"))  # fmt: skip
        seen.add(pid)
        for c in pw.criteria:
            rating = r[c.code]
            if c.code in r.values and (rating is None or rating > pw.scale):
                shown = "vuota" if rating is None else f"{rating}, oltre la scala"
                message = f"posizione {pid}: la valutazione del criterio {c.code} è {shown}: va da 1 a {pw.scale}"
                out.append(Problem.at(ente, "regolamento.posizioni_valutazione", message, source, FILE, r.row, c.code))
        if r["start"] is not None and r["end"] is not None and r["end"] < r["start"]:
            ends, starts = fmt.date_it(r["end"]), fmt.date_it(r["start"])
            message = f"posizione {pid}: l'incarico finisce ({ends}) prima di iniziare ({starts}): correggi una delle due date"
            out.append(Problem.at(ente, "regolamento.posizioni_incarico", message, source, FILE, r.row, "end"))
        holder = r["holder"]
        if holder and holder not in ente.people:
            message = (
                f"posizione {pid}: il titolare {fmt.quoted(holder)} non è in persone.csv: la posizione non è pagata"
            )
            out.append(Problem.at(ente, "regolamento.posizioni_titolare", message, source, FILE, r.row, "holder"))
        out += interim_problems(pw.interim is not None, pid, r, ente, source)
    return out


def interim_problems(declared: bool, pid: str, r: Row, ente: Ente, source: str) -> list[Problem]:
    """An interim names a person of people.csv who holds another position («già titolare di altra posizione», CCNL
    21.5.2018 art. 15 c. 6), covers a vacant position, and the regulation pays it, within the range of the contract
    in force in the cycle year (15–25%; from 2026 CCNL 23.2.2026 art. 16 c. 5), whose article the messages cite."""
    who = r.get("interim")
    share = r.get("interim_share")
    if not who:
        if share is None:
            return []
        message = f"posizione {pid}: una misura dell'interim senza chi la copre (colonna interim vuota)"
        return [Problem.at(ente, "regolamento.posizioni_interim", message, source, FILE, r.row, "interim_share")]
    column = "interim"
    law = interim.in_force(ente.year)
    if who not in ente.people:
        message = f"posizione {pid}: chi la copre ad interim, {fmt.quoted(who)}, non è nell'elenco del personale"
    elif r["holder"]:
        message = f"posizione {pid}: ha un titolare, {r['holder']}: l'interim copre una posizione vacante"
    elif not declared:
        message = f"posizione {pid}: un interim scritto, ma il regolamento non dice quanto paga ([posizioni] interim)"
    elif not any(other["holder"] == who for other in ente.table(FILE)):
        message = (
            f"posizione {pid}: {ente.people[who].name} la copre ad interim ma non è titolare di un'altra posizione: "
            f"l'interim si conferisce a chi è già titolare ({law.source}) e non è pagato"
        )
    elif share is not None and not interim.within(share, ente.year):
        message = (
            f"posizione {pid}: la misura dell'interim {percent(share)} è fuori dall'intervallo del contratto in "
            f"vigore nel {ente.year}, {percent(law.min)}–{percent(law.max)} della retribuzione di posizione "
            f"({law.source}): l'interim non è pagato"
        )
        column = "interim_share"
    else:
        return []
    return [Problem.at(ente, "regolamento.posizioni_interim", message, source, FILE, r.row, column)]


def percent(share: Decimal | None) -> str:
    """0.225 → «22,5%», as the office writes a measure."""
    return "" if share is None else fmt.decimal_it((share * 100).normalize()) + "%"


def result_fund_given(reg: Regulation, ente: Ente, source: str) -> Problem:
    """The result fund given by the office while the positions are weighted (the fund is then the quota_risultato of
    the position fund): an error where the office gave it, a key of [fondi] or the fondo sheet's row destining it."""
    assert reg.position_result is not None and reg.positions is not None
    name = reg.position_result.fund
    result, whole = funds.said(name), funds.said(reg.positions.fund)  # as the office writes them
    file, row, column = ente.fund_place(name)
    if file == "ente.toml":
        given, remove = f"[fondi] {result}", f"togli {result} da [fondi]"
    else:  # the destination row of the fondo sheet: its fondo_premi names the fund
        column = "fondo_premi"
        given, remove = f"il fondo {result} destinato nel foglio fondo", f"togli {result} dalla colonna fondo_premi"
    message = (
        f"{given} e [posizioni]: con la pesatura il fondo di risultato è la quota_risultato del fondo {whole}; "
        f"{remove} (non sarebbe usato)"
    )
    return Problem(
        rule="regolamento.posizioni_fondo", source=source, file=file, row=row, column=column, message=message
    )
