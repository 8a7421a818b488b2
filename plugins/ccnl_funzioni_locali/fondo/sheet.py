"""The ``fondo`` sheet of an ente (``fondo.csv``, the ``fondo`` sheet of ente.xlsx, or ``[[fondo]]`` tables in
ente.toml): one row per figure the office gives — a base figure, an item it chose with its act, a destination of
the integrative contract. Its columns are Italian; ``ciclope template`` writes one row per voce of the contract in
force in the year, with its description, and a row left without ``importo`` or ``numero`` is not given.

Problems of meaning (a voce not in force in the year, a count in the amount column, a figure written twice) are
errors at the row and column, all reported at once: the fund is computed from the rows without them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import Ente, InputSchema, Problem, cells, fmt, hookimpl

from .table import Risorsa, Table, Voce, table

SHEET = "fondo"
FILE = "fondo.csv"
RULE = "ccnl.fondo.foglio"
ACT_RULE = "ccnl.fondo.atto"  # a voce the ente decides without its act: a warning of its own
SOURCE = "regole del fondo risorse decentrate (foglio fondo)"
# the voci whose amount may be negative: an adjustment of the limit can lower it
SIGNED = frozenset({"adeguamento_limite"})


def voce(text: str) -> str:
    """A voce of ``fondo.toml`` (any year: whether it is in force is checked with the ente's year)."""
    value = text.strip().lower()
    known = table().voci
    if value not in known:
        near = difflib.get_close_matches(value, sorted(known), n=1)
        hint = f"; forse {fmt.quoted(near[0])}?" if near else "; le voci sono quelle del modello di ciclope template"
        raise ValueError(f"voce sconosciuta {fmt.quoted(text)}{hint}")
    return value


def uso(text: str) -> str:
    """A use of the fund, by its words as the template writes them (``Premi correlati alla performance individuale``)
    or by its code (``performance_individuale``)."""
    value = text.strip().lower()
    known = {u.id: u.id for u in table().usi} | {u.title.lower(): u.id for u in table().usi}
    if value not in known:
        words = "; ".join(dict.fromkeys(u.title for u in table().usi))
        raise ValueError(f"uso sconosciuto {fmt.quoted(text)}: scrivi uno degli usi del modello ({words})")
    return known[value]


def signed_money(text: str) -> Decimal:
    """Euro with at most two decimals; a leading minus allowed (only an adjustment of the limit may use it)."""
    s = text.strip()
    if s.startswith("-"):
        return -cells.parse_money(s[1:])
    return cells.parse_money(s)


for _parser in (voce, uso):
    _parser.pure = True  # type: ignore[attr-defined]  # a function of the text alone: parsed once per text

COLUMNS: dict[str, Any] = {
    "voce": voce,
    "importo": signed_money,
    "numero": cells.parse_nonnegative,
    "data": cells.parse_date,
    "uso": uso,
    "fondo_premi": cells.parse_text,
    "fuori_limite": cells.parse_bool,
    "atto": cells.parse_text,
    "descrizione": cells.parse_text,
    "nota": cells.parse_text,
}
HELP = {
    "voce": (
        "che cosa è la riga: una voce del fondo (il modello ne ha una riga per voce, con la descrizione)",
        "unico_importo_2017",
    ),
    "importo": ("importo in euro, con al più due decimali; una riga senza importo né numero non conta", "1234,56"),
    "numero": (
        "un numero di persone, per le voci che contano il personale (dipendenti_2015, dipendenti_2018…)",
        "12",
    ),
    "data": ("la data di cessazione, per la RIA di un dipendente cessato", "30/04/{anno-1}"),
    "uso": (
        "per una riga destinazione: l'uso del contratto integrativo, con le parole del modello (una riga per uso); "
        "si può scrivere anche il suo nome breve",
        "Premi correlati alla performance individuale",
    ),
    "fondo_premi": (
        "per una riga destinazione: il fondo dei premi del ciclo che essa paga, con il nome che avrebbe in [fondi] "
        "di ente.toml (la destinazione ne prende il posto)",
        "",
    ),
    "fuori_limite": ("SI o NO, solo dove la legge che finanzia la voce decide se conta nel limite dell'art. 23", "SI"),
    "atto": (
        "l'atto che decide la voce: delibera, determina, contratto integrativo",
        "Delibera di Giunta n. 12 del 30/01/{anno}",
    ),
    "descrizione": ("che cosa contiene la voce (scritta dal modello; si può cambiare)", ""),
    "nota": ("una nota dell'ufficio, riportata nella relazione tecnico-finanziaria; nessun nome di persona", ""),
}


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    return InputSchema(
        files={FILE: COLUMNS},
        required={FILE: ("voce",)},
        titles={FILE: SHEET},
        help={FILE: HELP},
        toml_rows=(FILE,),
        keyed={FILE: (("voce", "uso"), "importo")},
    )


@hookimpl
def ciclope_template_rows(
    year: int, ente: Ente | None, fund: Mapping[str, Any] | None
) -> dict[str, list[dict[str, Any]]]:
    """One row per voce in force in the year, with its description, and one destination row per use. From a
    previous year (``--from``): the base figures and the stable items' rows are carried as they were (the variable
    items and the amounts destined are the year's decisions: left empty, the destinations keep their use and pool;
    a voce of the year alone, the cut that kept the limit, left empty with a note of what it was), and the residual that returns to the fund (``fund``'s ``carried``) is the row ``residui_anno_precedente``."""
    t = table()
    before = entries(ente) if ente is not None else ()
    decided = ("importo", "quota_massima", "quota_ripartita")  # the year's decisions, not the base figures they read
    annual = {r.input for r in t.risorse if r.section == "variabile" and r.rule in decided}
    rows: list[dict[str, Any]] = []
    for v in t.voci.values():
        if not v.years.hold(year) or v.id == "destinazione":
            continue
        if v.id == "residui_anno_precedente" and fund is not None:
            rows.append(carried_row(v.title, fund))
            continue
        if v.yearly:  # the year's own cut: said in a note, never carried as an amount
            rows += [yearly_row(e, v.title, fund) for e in before if e.voce == v.id] or [
                {"voce": v.id, "descrizione": v.title}
            ]
            continue
        kept = [e for e in before if e.voce == v.id] if v.id not in annual else []
        rows += [carried(e, v.title) for e in kept] or [{"voce": v.id, "descrizione": v.title}]
    for u in t.usi_in(year).values():
        given = [e for e in before if e.voce == "destinazione" and e.use == u.id]
        joining = [e for e in before if e.voce == "destinazione" and t.next_year_of(e.use) == u.id]
        if u.section == FIXED and (given or joining):  # a fixed payment the contract does not negotiate: carried
            rows += fixed_rows(given, joining, u.title, fund)
            continue
        pools = [e.pool for e in given] or [""]
        # the use in its words, as the office reads them (the reader takes the code too)
        rows += [{"voce": "destinazione", "uso": u.title, "fondo_premi": p or None} for p in pools]
    return {FILE: rows}


NO_EUROS = Decimal("0.00")
# the destinations netted before the integrative contract's uses (art. 68 c. 1 CCNL 21.5.2018, art. 80 c. 1 CCNL
# 16.11.2022, art. 59 c. 1 CCNL 23.2.2026): payments fixed by the contract, not the CCDI's decisions of the year
FIXED = "non_contrattata"


def fixed_rows(
    given: list[Entry], joining: list[Entry], title: str, fund: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    """A fixed destination of the previous year (the differenziali already given, the indennità di comparto on the
    fund): carried with its amount and the year it comes from, as the stable items that pay it are; left empty, it
    would show as room the CCDI could share. The uses ``joining`` it (``anno_dopo``: the progressions with
    decorrenza in the previous year) are added to its first row, the sum said in the note. Its act is the year's
    CCDI: left to the office."""
    year = fund.get("year") if fund is not None else None
    of, since = (f"del fondo {year}", f"nel {year}") if year else ("del fondo precedente", "nell'anno precedente")
    update = "progressioni decorse, cessazioni"
    rows = [_fixed(e.amount, e.pool, title, f"importo {of}, riportato", update) for e in given]
    if not joining:
        return rows
    added = sum((e.amount or NO_EUROS for e in joining), NO_EUROS)
    before = (given[0].amount or NO_EUROS) if given else NO_EUROS
    parts = [f"{fmt.euro(before)} {of}"] if given else []
    parts.append(f"{fmt.euro(added)} delle progressioni economiche con decorrenza {since}")
    total = before + added
    said = f"{fmt.euro(total)} = {' + '.join(parts)}" if given else parts[0]
    update = "cessazioni; il costo delle progressioni attribuite, se è stato minore di quanto destinato"
    first = _fixed(total, given[0].pool if given else "", title, said, update)
    return [first, *rows[1:]]


def _fixed(amount: Decimal | None, pool: str, title: str, said: str, update: str) -> dict[str, Any]:
    note = f"{said}: un trattamento fisso che il contratto integrativo non negozia; aggiornalo per il nuovo anno ({update})"
    return {"voce": "destinazione", "importo": amount, "uso": title, "fondo_premi": pool or None, "nota": note}


def carried(e: Entry, title: str) -> dict[str, Any]:
    number = e.number
    return {
        "voce": e.voce,
        "importo": e.amount,
        "numero": int(number) if number is not None and number == number.to_integral_value() else number,
        "data": e.date,
        "fuori_limite": None if e.outside is None else ("SI" if e.outside else "NO"),
        "atto": e.act or None,
        "descrizione": title,
        "nota": e.note or None,
    }


def yearly_row(e: Entry, title: str, fund: Mapping[str, Any] | None) -> dict[str, Any]:
    """A cut of the previous year that held for that year alone (the one that kept its limit): its row without the
    amount, and a note of what it was, since the limit is kept each year by that year's items (D.Lgs. 75/2017 art.
    23 c. 2)."""
    year = fund.get("year") if fund is not None else None
    act = f", {e.act}" if e.act else ""
    amount = fmt.euro(e.amount) if e.amount is not None else ""
    note = (
        f"nel fondo {year or 'precedente'}: {amount}{act}; vale solo per quell'anno e non si riporta: scrivi "
        "l'importo che serve quest'anno, se il fondo supera il limite"
    )
    return {"voce": e.voce, "descrizione": title, "nota": note}


def carried_row(title: str, fund: Mapping[str, Any]) -> dict[str, Any]:
    """The residual of the previous year's stable part, returning as a variable resource (the reading of the rules:
    art. 68 c. 1 CCNL 21.5.2018, art. 80 c. 1 CCNL 16.11.2022, art. 59 c. 1 CCNL 23.2.2026)."""
    amount = Decimal(str(fund.get("totals", {}).get("carried", "0.00")))
    note = (
        f"residuo della parte stabile del fondo {fund.get('year')}, che torna come risorsa variabile (calcolato da "
        "ciclope: controllalo sul consuntivo)"
    )
    return {"voce": "residui_anno_precedente", "importo": amount or None, "descrizione": title, "nota": note}


@attrs.frozen
class Entry:
    """A row of the sheet, read."""

    voce: str
    row: int
    amount: Decimal | None = None
    number: Decimal | None = None
    date: dt.date | None = None
    use: str = ""
    pool: str = ""
    outside: bool | None = None
    act: str = ""
    note: str = ""

    @property
    def given(self) -> bool:
        return self.amount is not None or self.number is not None


def entries(ente: Ente) -> tuple[Entry, ...]:
    """The rows of the ente's fund that carry a figure, in sheet order."""
    out = []
    for r in ente.table(SHEET):
        e = Entry(
            voce=str(r["voce"]),
            row=r.row,
            amount=r["importo"],
            number=r["numero"],
            date=r["data"],
            use=str(r.get("uso", "")),
            pool=str(r.get("fondo_premi", "")).strip(),
            outside=r["fuori_limite"],
            act=str(r.get("atto", "")),
            note=str(r.get("nota", "")),
        )
        if e.given:
            out.append(e)
    return tuple(out)


def problems(ente: Ente, given: Iterable[Entry], t: Table) -> list[Problem]:
    """Every problem of meaning of the rows, at their cells."""
    out: list[Problem] = []
    seen: dict[str, int] = {}
    risorse = {r.input: r for r in t.risorse_in(ente.year) if r.input}
    for e in given:
        v = t.voci[e.voce]
        out += _kind(ente, e, v.kind, v.title)
        if not v.years.hold(ente.year):
            out.append(
                _at(
                    ente,
                    e,
                    "voce",
                    f"la voce {e.voce} vale per i fondi dal {v.years.first}: nel {ente.year} "
                    "non si applica (contratto in vigore nell'anno); togli la riga",
                )
            )
        elif not v.many and e.voce in seen:
            out.append(
                _at(
                    ente, e, "voce", f"la voce {e.voce} è già scritta alla riga {seen[e.voce]}: scrivila una volta sola"
                )
            )
        seen.setdefault(e.voce, e.row)
        out += _columns(ente, e, t, risorse.get(e.voce))
        out += _dated(ente, e, v) + _act(ente, e, v, risorse.get(e.voce))
    return out


# the columns whose error refuses the row's figure: its voce (not in force, written twice) or the figure itself (a
# count in the amount column, an amount in the count column, a negative amount)
FIGURE = ("voce", "importo", "numero")


def kept(rows: Iterable[Entry], found: Iterable[Problem]) -> tuple[tuple[Entry, ...], dict[str, tuple[int, ...]]]:
    """The rows the fund is computed from, after the sheet's errors (``found``), and the refused voci → their rows. A
    refused figure feeds nothing: its row is left out, and its voce is remembered, so that no second message says it
    is missing and no check it would feed is judged without it. A refused ``fuori_limite`` is read as the contract's
    standing."""
    wrong = {(p.row, p.column) for p in found if p.is_error and p.rule == RULE}
    out: list[Entry] = []
    refused: dict[str, tuple[int, ...]] = {}
    for e in rows:
        if any((e.row, column) in wrong for column in FIGURE):
            refused[e.voce] = (*refused.get(e.voce, ()), e.row)
        else:
            out.append(attrs.evolve(e, outside=None) if (e.row, "fuori_limite") in wrong else e)
    return tuple(out), refused


def _dated(ente: Ente, e: Entry, v: Voce) -> list[Problem]:
    """The data column beside a figure other than a cessato's RIA: a head count taken at another date than the
    contract's is an error naming the clause (the figure would be wrong); elsewhere the date is not read."""
    if e.date is None or e.voce == "ria_cessati":
        return []
    if v.date is None:
        message = f"la colonna data vale per ria_cessati e per le persone contate a una data: per {e.voce} non è letta; toglila"
        return [Problem.at(ente, RULE, message, SOURCE, SHEET, e.row, "data", severity="warning")]
    if e.date == v.date:
        return []
    message = (
        f"{e.voce} conta le persone al {fmt.date_it(v.date)} ({v.date_source}), non al {fmt.date_it(e.date)}: scrivi "
        f"il numero di quella data (le persone che arrivano o lasciano dopo non cambiano il dato) e togli la data"
    )
    return [Problem.at(ente, RULE, message, v.date_source, SHEET, e.row, "data")]


def _act(ente: Ente, e: Entry, v: Voce, item: Risorsa | None) -> list[Problem]:
    """A voce the ente decides, written without its act: a warning (the relazione tecnico-finanziaria shows the act
    beside every item; RGS circular 25/2012, Modulo I)."""
    if not v.act or e.act or not e.given:
        return []
    clause = f"{item.source}; " if item is not None else ""
    message = (
        f"{e.voce} senza atto: è una voce che l'ente decide, e la relazione tecnico-finanziaria indica accanto alla "
        f"voce l'atto che la decide ({clause}circolare RGS n. 25/2012, Modulo I); scrivilo nella colonna atto "
        f"(es. «Delibera di Giunta n. 12 del 30/01/{ente.year}»)"
    )
    source = clause.removesuffix("; ") or SOURCE
    return [Problem.at(ente, ACT_RULE, message, source, SHEET, e.row, "atto", severity="warning")]


def _kind(ente: Ente, e: Entry, kind: str, title: str) -> list[Problem]:
    if kind == "numero" and (e.amount is not None or e.number is None):
        return [_at(ente, e, "importo", f"{e.voce} ({title}) è un numero di persone: scrivilo nella colonna numero")]
    if kind == "importo" and (e.number is not None or e.amount is None):
        return [_at(ente, e, "numero", f"{e.voce} ({title}) è un importo in euro: scrivilo nella colonna importo")]
    if e.amount is not None and e.amount < 0 and e.voce not in SIGNED:
        return [
            _at(
                ente,
                e,
                "importo",
                f"l'importo di {e.voce} non può essere negativo (solo un adeguamento del limite può esserlo)",
            )
        ]
    return []


def _columns(ente: Ente, e: Entry, t: Table, item: Any) -> list[Problem]:
    """The columns a row may use only for some voci: uso and fondo_premi (a destination), data (a cessato),
    fuori_limite (a resource whose limit the law that funds it decides)."""
    out = []
    if e.voce == "destinazione":
        u = t.uso(e.use) if e.use else None
        if u is None:
            out.append(_at(ente, e, "uso", "una destinazione ha bisogno del suo uso (colonna uso)"))
        elif not u.years.hold(ente.year):
            out.append(
                _at(ente, e, "uso", f"l'uso {e.use} vale dai fondi del {u.years.first}: nel {ente.year} non si applica")
            )
        if pool(ente, e) != e.pool:
            near = pool(ente, e)
            said = f"; forse {fmt.quoted(near)}?" if near else f" (usa: {', '.join(map(fmt.quoted, ente.fund_keys))})"
            message = f"{fmt.quoted(e.pool)} non è un fondo del regolamento dell'ente{said}"
            out.append(_at(ente, e, "fondo_premi", message))
    elif e.use or e.pool:
        out.append(
            _at(
                ente,
                e,
                "uso" if e.use else "fondo_premi",
                "uso e fondo_premi valgono solo per le righe destinazione: toglili",
            )
        )
    if e.voce == "ria_cessati" and e.date is None:
        out.append(_at(ente, e, "data", "la RIA di un cessato ha bisogno della data di cessazione (colonna data)"))
    if e.outside is not None and (item is None or not item.choice):
        out.append(
            _at(ente, e, "fuori_limite", f"per {e.voce} il limite lo stabilisce il contratto: togli fuori_limite")
        )
    return out


def pool(ente: Ente, e: Entry) -> str:
    """The premium pool a destination row pays: as written when the ente's plugin names no funds, names this one or
    it is an office's own (``x_``). A name near one of the plugin's funds is read as that fund, so that the rest is
    checked as meant and the mistake is one error, at the cell; any other name pays no pool (a refused cell feeds
    nothing)."""
    if not e.pool or not ente.fund_keys or e.pool in ente.fund_keys or e.pool.startswith("x_"):
        return e.pool
    return cells.nearest(e.pool, ente.fund_keys) or ""


def _at(ente: Ente, e: Entry, column: str, message: str) -> Problem:
    return Problem.at(ente, RULE, message, SOURCE, SHEET, e.row, column)
