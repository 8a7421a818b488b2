"""``fondo.toml`` (beside the layer's ``__init__``): the fund of the comparto as dated data, read once per process.

Every row applies to the fund years from ``from`` to ``to`` (inclusive; no ``to``: still in force). A row of a kind
in force in a year is the one whose years include it; for the items (``[[risorsa]]``) several ids are in force at
once, one row each. A malformed row is a programming error of the data (the tests load the file): it raises.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import Citation, cells, fmt

FILE = Path(__file__).parent.parent / "fondo.toml"

SECTIONS = ("stabile", "variabile", "decurtazione")
LIMITS = ("dentro", "fuori", "figurativa")
RULES = ("importo", "pro_capite", "quota", "quota_massima", "quota_ripartita", "ria", "decurtazione_aree")
USE_SECTIONS = ("non_contrattata", "contrattata", "da_regolare")
KINDS = ("importo", "numero")
CONFIDENCE = ("testo", "fonte secondaria", "atto dell'ente")
AREAS = ("funzionari", "istruttori", "operatori_esperti", "operatori")


def percent(rate: Decimal) -> str:
    """A rate as the contract writes it, in Italian: 0.0014 → «0,14», 0.30 → «30» (the caller adds «%»)."""
    return fmt.decimal_it((rate * 100).normalize())


@attrs.frozen
class Years:
    first: int
    last: int | None = None

    def hold(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)


@attrs.frozen
class Voce:
    """A voce of the ``fondo`` sheet: what the office writes on one row."""

    id: str
    title: str
    kind: str  # importo | numero
    years: Years
    many: bool = False  # several rows add up (the cessati, the destinations, a resource from several acts)
    date: dt.date | None = None  # a head count is taken at this date: another date in the row's data is an error
    date_source: str = ""  # the clause that fixes that date
    act: bool = False  # the ente decides it: its act goes beside it in the relazione tecnico-finanziaria
    yearly: bool = False  # the year's own figure (the cut that keeps the limit): never carried to the next year
    personal: bool = False  # a row is one person's figure: documents show the voce's total, never a row


@attrs.frozen
class Risorsa:
    """An item of the constitution in force for some fund years, with its clause."""

    id: str
    title: str
    years: Years
    section: str
    limit: str
    rule: str
    source: Citation = attrs.field(converter=Citation)  # the act and article, read once where the table is
    confidence: str
    input: str = ""
    rate: Decimal | None = None
    times: int = 1
    base: str = ""
    split: tuple[str, str] | None = None
    rates: Mapping[str, Decimal] = attrs.field(factory=dict, hash=False)
    sign: int = 1
    choice: bool = False  # the office may set the limit per row (fuori_limite)
    performance_base: bool = False
    required: bool = False
    note: str = ""
    personal: bool = False  # its voce's rows are one person's figure each (the documents show the total alone)


@attrs.frozen
class Uso:
    """A destination of the fund (Modulo II of the relazione tecnico-finanziaria)."""

    id: str
    title: str
    section: str
    years: Years
    sources: tuple[tuple[int, str], ...]  # (from year, clause): the same use renumbered by each contract
    letter: str = ""
    performance: bool = False  # a premium for performance (the minimum share)
    prevailing: bool = False  # one of the uses that must take «la parte prevalente»
    stable: bool = False  # a fixed payment the stable resources must cover
    # the fixed use that carries this one's amount in the next year's fund (a reading: the progressions with
    # decorrenza in the year are «già attribuite» from the next, art. 59 c. 1 CCNL 23.2.2026)
    next_year: str = ""

    def source(self, year: int) -> Citation:
        """The use's clause in the contract in force in ``year`` (the latest from that year or before), as the
        constitution's items are cited: a 2026 fund cites the CCNL 23.2.2026, a 2024 fund no clause of it."""
        return Citation(([text for since, text in self.sources if since <= year] or [self.sources[0][1]])[-1])


@attrs.frozen
class Dated:
    """A dated clause: the contract's heading, the share to performance, the residual, the limit, DL 25."""

    years: Years
    source: Citation = attrs.field(default=Citation(), converter=Citation)
    confidence: str = "fonte secondaria"
    title: str = ""
    minimum: Decimal | None = None
    uses: tuple[str, ...] = ()
    words: str = ""


@attrs.frozen
class Table:
    voci: Mapping[str, Voce] = attrs.field(hash=False)
    risorse: tuple[Risorsa, ...]
    usi: tuple[Uso, ...]
    dated: Mapping[str, tuple[Dated, ...]] = attrs.field(hash=False)

    def risorse_in(self, year: int) -> list[Risorsa]:
        return [r for r in self.risorse if r.years.hold(year)]

    def usi_in(self, year: int) -> dict[str, Uso]:
        return {u.id: u for u in self.usi if u.years.hold(year)}

    def uso(self, uid: str) -> Uso | None:
        return next((u for u in self.usi if u.id == uid), None)

    def next_year_of(self, uid: str) -> str:
        """The fixed use that carries the use ``uid`` in the next year's fund (``anno_dopo``), or ``""``."""
        found = self.uso(uid)
        return found.next_year if found is not None else ""

    def clause(self, kind: str, year: int) -> Dated | None:
        """The row of ``kind`` (contratto, performance, residuo, limite, adeguamento, dl25) for the year: of the
        rows whose years hold it, the latest to come into force."""
        held = [d for d in self.dated.get(kind, ()) if d.years.hold(year)]
        return max(held, key=lambda d: d.years.first) if held else None


@functools.cache
def table() -> Table:
    data = cells.parse_toml(cells.read_toml_text(FILE))
    voci = {str(v["id"]): voce(v) for v in data["voce"]}
    risorse = tuple(risorsa(r, voci) for r in data["risorsa"])
    usi = tuple(uso(u) for u in data["uso"])
    kinds = ("contratto", "performance", "residuo", "limite", "adeguamento", "dl25")
    dated = {k: tuple(clause(d) for d in data.get(k, ())) for k in kinds}
    return Table(voci, risorse, usi, dated)


def years(raw: Mapping[str, Any]) -> Years:
    return Years(int(raw["from"]), int(raw["to"]) if "to" in raw else None)


def voce(raw: Mapping[str, Any]) -> Voce:
    assert raw["quantita"] in KINDS, raw
    first = Years(int(raw.get("from", 2018)), int(raw["to"]) if "to" in raw else None)
    at = raw.get("alla")
    assert at is None or isinstance(at, dt.date), raw
    return Voce(
        str(raw["id"]),
        str(raw["title"]),
        str(raw["quantita"]),
        first,
        bool(raw.get("righe", False)),
        date=at,
        date_source=str(raw.get("fonte_data", "")),
        act=bool(raw.get("atto", False)),
        yearly=bool(raw.get("annuale", False)),
        personal=bool(raw.get("per_persona", False)),
    )


def risorsa(raw: Mapping[str, Any], voci: Mapping[str, Voce]) -> Risorsa:
    assert raw["sezione"] in SECTIONS and raw["limite"] in LIMITS and raw["regola"] in RULES, raw
    assert raw["confidence"] in CONFIDENCE, raw
    named = [raw.get("input", ""), raw.get("base", ""), *raw.get("ripartizione", ())]
    assert all(not name or name in voci for name in named), f"{raw['id']}: a voce it reads is not a [[voce]]"
    split = tuple(raw["ripartizione"]) if "ripartizione" in raw else None
    return Risorsa(
        id=str(raw["id"]),
        title=str(raw["title"]),
        years=years(raw),
        section=str(raw["sezione"]),
        limit=str(raw["limite"]),
        rule=str(raw["regola"]),
        source=str(raw["source"]),
        confidence=str(raw["confidence"]),
        input=str(raw.get("input", "")),
        rate=cells.to_decimal(raw["tasso"]) if "tasso" in raw else None,
        times=int(raw.get("volte", 1)),
        base=str(raw.get("base", "")),
        split=(split[0], split[1]) if split else None,
        rates={str(k): cells.to_decimal(v) for k, v in raw.get("tassi", {}).items()},
        sign=int(raw.get("segno", 1)),
        choice=bool(raw.get("scelta_limite", False)),
        performance_base=bool(raw.get("base_performance", False)),
        required=bool(raw.get("obbligatoria", False)),
        note=str(raw.get("note", "")),
        personal=bool(raw.get("input")) and voci[str(raw["input"])].personal,
    )


def uso(raw: Mapping[str, Any]) -> Uso:
    assert raw["sezione"] in USE_SECTIONS, raw
    return Uso(
        id=str(raw["id"]),
        title=str(raw["title"]),
        section=str(raw["sezione"]),
        years=years(raw),
        sources=clauses(raw),
        letter=str(raw.get("lettera", "")),
        performance=bool(raw.get("performance", False)),
        prevailing=bool(raw.get("prevalente", False)),
        stable=bool(raw.get("stabile", False)),
        next_year=str(raw.get("anno_dopo", "")),
    )


def clauses(raw: Mapping[str, Any]) -> tuple[tuple[int, str], ...]:
    """A use's ``source``: one clause, or a list of ``{ from, text }`` as each contract renumbered it (in order)."""
    given = raw["source"]
    if isinstance(given, str):
        return ((years(raw).first, given),)
    return tuple((int(c["from"]), str(c["text"])) for c in given)


def clause(raw: Mapping[str, Any]) -> Dated:
    return Dated(
        years=years(raw),
        source=str(raw.get("source", "")),
        confidence=str(raw.get("confidence", "fonte secondaria")),
        title=str(raw.get("title", raw.get("insieme", ""))),
        minimum=cells.to_decimal(raw["minimo"]) if "minimo" in raw else cells.to_decimal(raw.get("quota", 0)),
        uses=tuple(str(u) for u in raw.get("usi", ())),
        words=str(raw.get("parole", "")),
    )
