"""The fondo risorse decentrate in tables: the Relazione's section, and the document for the revisore dei conti in
the layout of the *relazione tecnico-finanziaria* (RGS circular 25/2012) — ``relazione-tecnico-finanziaria.html``,
its PDF (printed by Chromium, as the public Relazione) and ``relazione-tecnico-finanziaria.xlsx``.

Everything is built from the ``fondo`` section of ``results.json`` (:func:`core.output.results.fund`), and, for
Modulo III, from the same section of the previous year's result in the results store: documents never compute a
figure, they show the layer's. The fund's totals are not personal data (the RIA of staff who left is a total).

- Modulo I, the constitution: stable resources, variable resources, cuts, and the summary.
- Modulo II, the destination: what the contract leaves out of bargaining, what the integrative contract destines,
  what is still to destine, the summary, and the checks of the destination (the share to performance).
- Modulo III: the general summary against the previous year's fund.
- Modulo IV: the limit of accessory pay, the DL 25/2025 room, the residual and its carry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ciclope.core.fund import CONSTITUTION_SECTIONS, DESTINATION_SECTIONS
from ciclope.core.reports import fmt
from ciclope.core.reports.model import Block, Column, Heading, Report, Section, Table, Text, Total, Typed

Doc = Mapping[str, Any]
HTML = "relazione-tecnico-finanziaria.html"
XLSX = "relazione-tecnico-finanziaria.xlsx"
PDF = "relazione-tecnico-finanziaria.pdf"
LIMIT_WORDS = {"dentro": "nel limite", "fuori": "fuori dal limite", "figurativa": "conta figurativamente"}
# said to a revisore: why the comparison is missing and what makes it, never the command that ran the program
# (``--no-store``) nor the program's name (the revisore's documents never name it): the archive was not read for this
# document, or it holds no fund of the year before
NO_ARCHIVE = (
    "Confronto con l'anno precedente non disponibile: questo documento è stato prodotto senza leggere l'archivio dei "
    "risultati, che conserva il fondo calcolato di ogni anno. Prodotto con l'archivio, il Modulo III confronta il "
    "fondo con quello dell'anno precedente, se anche quello è stato calcolato con questo strumento."
)


def no_previous(year: int) -> str:
    """Modulo III read from an archive without the fund of the year before ``year``: what that means."""
    return (
        "Nessun fondo dell'anno precedente nell'archivio dei risultati per questo ente: il fondo del "
        f"{year - 1} non è stato calcolato con questo strumento, o è registrato in un altro archivio."
    )


# the acts and notes the office wrote on a line's rows, and the layer's notes on its reading: what the revisore reads
# beside the clause (the sheet's columns atto and nota promise it)
NOTES = "Atti e note"
Cell = Callable[[Decimal], Any]  # how a table shows an amount: a word for a page, a typed number for a workbook


def money(text: Any) -> Decimal:
    return Decimal(str(text)) if text is not None else Decimal("0.00")


def worded(value: Decimal) -> str:
    return fmt.euro(value)


def typed(value: Decimal) -> Typed:
    return Typed(value, "money")


def counted(value: Decimal) -> Typed:
    return Typed(value, "num")


def columns(headers: Sequence[str], amounts: Sequence[int]) -> tuple[Column, ...]:
    widths = {
        "Voce": 60,
        "Uso": 52,
        "Fonte": 44,
        "Limite (art. 23)": 18,
        "Affidabilità": 16,
        "Fondo dei premi": 22,
        NOTES: 48,
    }
    return tuple((h, "money" if i in amounts else "text", widths.get(h, 18)) for i, h in enumerate(headers))


def constitution(doc: Doc, cell: Cell) -> list[Table]:
    """Modulo I, sezioni I–III: one table per section, each line with its clause and its standing."""
    out = []
    for code, title in CONSTITUTION_SECTIONS.items():
        lines = [x for x in doc["constitution"] if x["section"] == code]
        rows: list[Sequence[Any]] = [row for x in lines for row in item_rows(x, cell)]
        rows.append(Total((f"Totale: {title.lower()}", "", "", "", "", cell(money(doc["totals"][code])))))
        headers = ("Voce", "Fonte", "Limite (art. 23)", "Affidabilità", NOTES, "Importo")
        out.append(Table(title, columns(headers, [5]), rows, empty="Nessuna voce."))
    return out


def item_rows(x: Doc, cell: Cell) -> list[tuple[Any, ...]]:
    """A constitution line as the table shows it: one row, or one row per row of the office when the line is made
    of several (two cuts by different acts), each with its act and its amount, so that the revisore ties each act to
    its amount; the rows add up to the line (the layer checks it), and every row of the table is an addend of the
    section's total, in the workbook as on the page."""
    said = (x["title"], x["source"], LIMIT_WORDS.get(x["limit"], ""), x["confidence"])
    parts = x.get("parts") or [{"note": "", "amount": x["amount"]}]
    return [(*said, "; ".join(n for n in (p["note"], x["note"]) if n), cell(money(p["amount"]))) for p in parts]


# what the «Affidabilità» column's words mean (core.citation.CONFIDENCES), said under the constitution's tables
CONFIDENCE_WORDS = {
    "testo": "la clausola è letta nel testo firmato del contratto o della legge",
    "fonte secondaria": (
        "la clausola è letta in una raccolta pubblica secondaria (compilazioni delle clausole, pareri ARAN, note "
        "RGS), da confermare sul testo firmato"
    ),
    "ipotesi": "lettura adottata dove le fonti tacciono, da confermare",
    "atto dell'ente": "la norma e l'importo sono quelli dell'atto dell'ente indicato accanto alla voce, da controllare su quell'atto",
}


def legend(doc: Doc) -> list[Block]:
    """One line under the constitution saying what each word of its «Affidabilità» column means (those it uses)."""
    used = {x["confidence"] for x in doc["constitution"]}
    said = [f"«{word}» = {meaning}" for word, meaning in CONFIDENCE_WORDS.items() if word in used]
    return [Text(f"Affidabilità: {'; '.join(said)}.", "note")] if said else []


def summary(doc: Doc, cell: Cell) -> Table:
    """Modulo I, sezione IV: the fund subject to certification."""
    t = doc["totals"]
    rows = [(CONSTITUTION_SECTIONS[c], cell(money(t[c]))) for c in CONSTITUTION_SECTIONS]
    rows.append(Total(("Fondo sottoposto a certificazione", cell(money(t["total"])))))
    return Table("Sintesi della costituzione", columns(("Voce", "Importo"), [1]), rows)


def destination(doc: Doc, cell: Cell) -> list[Table]:
    """Modulo II, sezioni I–IV."""
    out = []
    for code, title in DESTINATION_SECTIONS.items():
        lines = [x for x in doc["destination"] if x["section"] == code]
        words = doc.get("pool_labels", {})
        rows: list[Sequence[Any]] = [
            (
                x["title"],
                words.get(x["pool"], x["pool"]) if x["pool"] else fmt.NONE,
                x["source"],
                x["note"],
                cell(money(x["amount"])),
            )
            for x in lines
        ]
        rows.append(Total((f"Totale: {title.lower()}", "", "", "", cell(money(doc["totals"][code])))))
        headers = ("Uso", "Fondo dei premi", "Fonte", NOTES, "Importo")
        out.append(Table(title, columns(headers, [4]), rows, empty="Nessuna destinazione."))
    t = doc["totals"]
    rows = [(DESTINATION_SECTIONS[c], cell(money(t[c]))) for c in DESTINATION_SECTIONS]
    rows += [
        Total(("Totale destinato", cell(money(t["destined"])))),
        ("Residuo (fondo costituito − destinato)", cell(money(t["residual"]))),
    ]
    out.append(Table("Sintesi della destinazione", columns(("Voce", "Importo"), [1]), rows))
    return out


def check_table(check: Doc, cell: Cell) -> Table:
    """A check's figures, under its clause and its verdict: the verdict says once, in words, whether it holds."""
    rows = [(label, cell(money(amount))) for label, amount in check["rows"]]
    note = f"{check['source']}. Esito: {check['verdict']}."
    return Table(check["title"], columns(("Voce", "Importo"), [1]), rows, note=note)


def comparison(doc: Doc, previous: Doc | None, cell: Cell) -> Table:
    """Modulo III: this year's constitution and destination by section against the previous year's fund."""
    year = doc["year"]
    now, before = doc["totals"], (previous or {}).get("totals", {})
    labels = {**CONSTITUTION_SECTIONS, "total": "Totale del fondo costituito", **DESTINATION_SECTIONS}
    labels |= {"destined": "Totale destinato", "residual": "Residuo"}
    rows: list[Sequence[Any]] = []
    for key, label in labels.items():
        a = money(before[key]) if key in before else None
        b = money(now[key])
        row = (label, cell(a) if a is not None else fmt.NONE, cell(b), cell(b - a) if a is not None else fmt.NONE)
        rows.append(Total(row) if key in ("total", "destined") else row)
    headers = ("Voce", f"Fondo {year - 1}", f"Fondo {year}", "Differenza")
    return Table("Schema generale riassuntivo", columns(headers, [1, 2, 3]), rows)


def sections(
    doc: Doc, previous: Doc | None, archive: bool, cell: Cell, count: Cell
) -> list[tuple[str, str, list[Block]]]:
    """The document's modules: (anchor, title, blocks)."""
    year = doc["year"]
    first: list[Block] = [Text(f"Contratto nazionale in vigore per il fondo {year}: {doc['contract']}.", "muted")]
    checks = {c["key"]: c for c in doc["checks"]}
    second: list[Block] = [*destination(doc, cell)]
    if "performance" in checks:
        second.append(check_table(checks["performance"], cell))
    third: list[Block] = [comparison(doc, previous, cell)]
    if previous is None:
        third.append(Text(no_previous(year) if archive else NO_ARCHIVE, "note"))
    fourth: list[Block] = [check_table(checks[k], cell) for k in ("limite", "dl25", "residuo") if k in checks]
    return [
        (
            "modulo-1",
            "Modulo I — La costituzione del fondo",
            [*first, *constitution(doc, cell), *legend(doc), summary(doc, cell)],
        ),
        ("modulo-2", "Modulo II — La destinazione del fondo", second),
        ("modulo-3", "Modulo III — Schema riassuntivo e confronto con l'anno precedente", third),
        ("modulo-4", "Modulo IV — Compatibilità con il limite e con il bilancio", fourth),
        ("note", "Dati di partenza e note", notes(doc, cell, count)),
    ]


def notes(doc: Doc, cell: Cell, count: Cell) -> list[Block]:
    out: list[Block] = []
    if doc["premises"]:
        rows = [(p[0], premise(p, cell, count)) for p in doc["premises"]]
        out.append(Table("Dati di partenza indicati dall'ente", columns(("Dato", "Valore"), [1]), rows))
    out += [Text(n, "note") for n in doc["notes"]]
    return out


def premise(p: Sequence[Any], cell: Cell, count: Cell) -> Any:
    """A base figure as the document writes it: an amount as every amount, a count of people as a number (a result
    kept from before the figures had a kind holds the words only: shown as they are)."""
    if len(p) < 3:
        return p[1]
    return cell(money(p[1])) if p[2] == "money" else count(Decimal(str(p[1])))


def paged(blocks: list[Block]) -> list[Block]:
    """A page's blocks: each table's title as a heading above it (a workbook names its sheets with them)."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table) and b.title:
            out.append(Heading(b.title, 3))
            if b.note:
                out.append(Text(b.note, "muted"))
            out.append(Table("", b.columns, b.rows, empty=b.empty))
        else:
            out.append(b)
    return out


def report(doc: Doc, ente: str, previous: Doc | None = None, archive: bool = False) -> Report:
    """The relazione tecnico-finanziaria as a page (the Relazione's template)."""
    parts = tuple(
        Section(anchor, title, paged(blocks))
        for anchor, title, blocks in sections(doc, previous, archive, worded, fmt.decimal_it)
    )
    year = doc["year"]
    meta = (
        f"Fondo risorse decentrate {year} · schema della relazione tecnico-finanziaria (circolare RGS n. 25/2012) · "
        f"{doc['contract']}"
    )
    footer = (
        "Documento per l'organo di revisione, redatto dai dati del fondo indicati dall'ente: ogni cifra si ricostruisce "
        "fino al dato dell'ente e alla clausola del contratto. Non contiene dati personali."
    )
    return Report(f"Relazione tecnico-finanziaria — fondo {year}", ente, meta, parts, footer)


def relazione(doc: Doc) -> list[Block]:
    """The internal Relazione's section: the constitution, the destination and the checks, without Modulo III (the
    comparison with the previous year is the archive section's)."""
    out: list[Block] = [Text(f"Contratto nazionale in vigore per il fondo {doc['year']}: {doc['contract']}.", "muted")]
    out += [*constitution(doc, worded), *legend(doc), summary(doc, worded), *destination(doc, worded)]
    out += [check_table(c, worded) for c in doc["checks"]]
    out += [Text(n, "note") for n in doc["notes"]]
    out.append(
        Text(
            "Il documento per l'organo di revisione, nello schema della relazione tecnico-finanziaria, è "
            "relazione-tecnico-finanziaria.html (e il suo foglio di calcolo .xlsx).",
            "muted",
        )
    )
    return paged(out)


def workbook(doc: Doc, previous: Doc | None = None, archive: bool = False) -> bytes:
    """The same tables, one sheet per module, amounts as numbers (the office sums and filters them)."""
    from ciclope.core.reports.xlsx import Sheets  # the workbook writer: only for a run that writes it

    book = Sheets()
    for _anchor, title, blocks in sections(doc, previous, archive, typed, counted):
        tables = [b for b in blocks if isinstance(b, Table)]
        said = " ".join(str(b.text) for b in blocks if isinstance(b, Text))
        cols, rows = stacked(tables)
        book.add(title, cols, rows, note=said)
    return book.bytes()


def stacked(tables: Sequence[Table]) -> tuple[tuple[Column, ...], list[Sequence[Any]]]:
    """A module's tables one below the other on one sheet, each with its title and its header: as many columns as
    the widest table, every table's first column in A and its other columns at the right end, so that each amount
    stands in the last columns, where the page shows it, and none is cut. The sheet's header is the first table's
    title (no header of the sheet's own above it)."""
    n = max((len(t.columns) for t in tables), default=1)
    widths = [0] * n
    rows: list[Sequence[Any]] = []
    for t in tables:
        at = [0, *range(n - len(t.columns) + 1, n)]  # where each of the table's columns lands
        for (_, _, width), i in zip(t.columns, at):
            widths[i] = max(widths[i], width)
        if t is not tables[0]:
            rows += [("",), Total((t.title,))]
        rows.append(Total(placed([c[0] for c in t.columns], at, n)))
        rows += [placed(r, at, n, Total if isinstance(r, Total) else tuple) for r in t.rows] or [(t.empty,)]
        if t.note:
            rows.append((t.note,))
    first = tables[0].title if tables else ""
    return tuple((first if i == 0 else "", "text", widths[i] or 12) for i in range(n)), rows


def placed(values: Sequence[Any], at: Sequence[int], n: int, kind: Callable[..., Any] = tuple) -> Any:
    cells: list[Any] = [""] * n
    for value, i in zip(values, at):
        cells[i] = value
    return kind(cells)


def write_xlsx(path: Path, doc: Doc, previous: Doc | None = None, archive: bool = False) -> None:
    path.write_bytes(workbook(doc, previous, archive))
