"""``schede.xlsx``: the Relazione's tables for the performance office, one sheet per scheda.

Internal document (it holds names and individual amounts). Numbers are stored as numbers with a
number format (achievements as %, money in euro), so the office can sort, filter and sum; text from
the input is always stored as text, never as a formula (:mod:`core.reports.safe`). The file is
byte-identical across runs: fixed document properties and fixed dates inside the zip.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from math import isinf, isnan
from pathlib import Path
from typing import Any

from ..phases import PHASE_NAMES
from ..result import Result
from . import fmt, safe, stats, xlsxpack
from .xlsxstyles import FORMATS, Styles  # noqa: F401  (the formats are part of this module's interface)

Column = tuple[str, str, int]  # header, kind, width
TEXT_CACHE = 20_000  # distinct texts of a role whose XML is kept for reuse
MAX_TEXT = 32767  # characters of a cell (Excel's limit)
NUMBER_CACHE = 20_000  # distinct numbers of a kind whose XML is kept for reuse


class Sheets:
    """The workbook being built, one sheet at a time, straight into its archive (:mod:`.xlsxpack`).

    openpyxl's write-only cells cost more than the whole calculation of an ente, almost all in building
    and serializing one XML element per cell. Here a cell is a string: its style index comes from openpyxl once per
    distinct style (:meth:`style`, :mod:`.xlsxstyles`), its XML is a string with the same bytes
    openpyxl would write, and the package around the sheets is :class:`.xlsxpack.Package`
    (tests/test_scale.py compares every part of the file, uncompressed, with openpyxl's own writer;
    the deflated bytes differ: level 1 here, 6 in openpyxl).
    """

    def __init__(self) -> None:
        self.registry = Styles()  # the style recipes met, in order (openpyxl's numbering)
        self.names: set[str] = set()
        self.styles: dict[tuple, str] = {}  # style recipe (or ("number", kind, role)) → ' s="N"' or ""
        # role → {text: the cell's XML after its reference's value}; "" → "" (an empty text is no cell in a row)
        self.texts: dict[str, dict[str, str]] = {}
        # (kind, role) → {str(Decimal): the number cell's XML after its reference}
        self.numbers: dict[tuple[str, str], dict[str, str]] = {}
        self._package: xlsxpack.Package | None = None
        self._done: bytes | None = None  # the archive, once closed

    @property
    def package(self) -> xlsxpack.Package:
        if self._package is None:
            self._package = xlsxpack.Package()
        return self._package

    def sheet_name(self, title: str) -> str:
        name = re.sub(r"[\[\]:*?/\\]", "-", title).strip("' ") or "Foglio"
        if len(name) > 31:  # Excel's limit: cut at a word, never mid-word ("Note e ipotesi del regolamento")
            name = name[:31].rsplit(" ", 1)[0].rstrip(" —-–,") or name[:31]
        if name.lower() == "history":  # reserved by Excel
            name = "History (sezione)"
        base, n = name, 2
        while name.lower() in self.names:
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        self.names.add(name.lower())
        return name

    def style(self, what: str, number_format: str | None = None, role: str = "", quote: bool = False) -> str:
        """The ``s`` attribute of a cell styled by this recipe, registered with openpyxl on first use.

        ``what`` is "text", "number" (of ``number_format``), "date" or "empty"; ``quote`` marks a
        text that starts like a formula (:mod:`.safe`). Styles are numbered in the order of first
        use, as openpyxl numbers them (:mod:`.xlsxstyles`), so styles.xml is the same.
        """
        key = (what, number_format, role, quote)
        attr = self.styles.get(key)
        if attr is None:
            attr = self.styles[key] = self.registry.attr(key)
        return attr

    def text(self, ref: str, value: str, role: str = "") -> str:
        if not value:  # a styled empty text cell (a header or note ""): rare, and never cached (see _rows)
            return f'<c r="{ref}{self._text_tail(value, role)}'
        texts = self.texts.get(role)
        if texts is None:
            texts = self.texts[role] = {"": ""}
        tail = texts.get(value)  # names, ids, levels repeat: each distinct text is rendered once
        if tail is None:
            if len(texts) >= TEXT_CACHE:  # a big ente's names and titles: bounded memory
                self._forget(texts)
            tail = texts[value] = self._text_tail(value, role)
        return f'<c r="{ref}{tail}'

    @staticmethod
    def _forget(texts: dict[str, str]) -> None:
        texts.clear()
        texts[""] = ""

    def _text_tail(self, value: str, role: str) -> str:
        """A text cell's XML after its reference's value, from the closing quote (its style registered
        on first use)."""
        # a printable text has no control character (they are all non-printable): nothing to clean
        clean = value if len(value) <= MAX_TEXT and value.isprintable() else _clean_text(value)
        quote = clean.startswith(safe.FORMULA_STARTS)
        s = self.styles.get(("text", None, role, quote))
        if s is None:
            s = self.style("text", None, role, quote)
        if clean == "":
            return f'"{s} t="inlineStr" />'
        stripped = clean.strip()
        t = '<t xml:space="preserve">' if stripped and stripped != clean else "<t>"
        if "&" in clean or "<" in clean or ">" in clean:  # _escape(clean), inline: ~1,200 new texts per ente
            clean = _escape(clean)
        return f'"{s} t="inlineStr"><is>{t}{clean}</t></is></c>'

    def number_style(self, kind: str, role: str) -> str:
        s = self.styles.get(("number", kind, role))
        if s is None:
            s = self.styles[("number", kind, role)] = self.style(
                "number", FORMATS.get(kind, "General") if kind != "text" else "General", role
            )
        return s

    def cell(self, ref: str, value: Any, kind: str, role: str = "") -> str:
        """One cell's XML (what openpyxl's ``WriteOnlyCell`` and writer produce), "" for no cell."""
        t = type(value)
        if t is str and value:
            return self.text(ref, value, role)
        if t is Typed:
            value, kind = value.value, value.kind
        if value is None or value == "":
            if role:
                return f'<c r="{ref}"{self.style("empty", None, role)} t="n" />'
            return ""
        if isinstance(value, bool):
            return self.text(ref, "SI" if value else "NO", role)
        if isinstance(value, fmt.Money):
            kind = "money"
        elif isinstance(value, fmt.Percent):
            kind = "ach"
        if isinstance(value, (Decimal, int, float)):
            s = self.number_style(kind, role)
            v = number_text(value)
            return f'<c r="{ref}"{s} t="n"><v>{v}</v></c>' if v else f'<c r="{ref}"{s} t="n"><v /></c>'
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            s = self.style("date", None, role)
            return f'<c r="{ref}"{s} t="n"><v>{date_serial(value)}</v></c>'
        if isinstance(value, (tuple, list)):
            value = fmt.param_value(value)
        return self.text(ref, str(value), role)

    def add(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]], note: str = "") -> None:
        if self._done is not None:
            raise ValueError("schede.xlsx: the workbook is already closed")
        name = self.sheet_name(title)
        letters = [column_letter(i) for i in range(1, len(columns) + 1)]
        first = 2 if note else 1  # the header's row
        data_rows = sum(1 for row in rows if not isinstance(row, Total))  # totals stay outside the filter
        autofilter = f"A{first}:{letters[-1]}{first + data_rows}" if data_rows else None
        self.package.sheet(
            name, [width for _, _, width in columns], first + 1, self._rows(letters, columns, rows, note), autofilter
        )

    def _rows(
        self, letters: list[str], columns: Sequence[Column], rows: Sequence[Sequence[Any]], note: str
    ) -> Iterator[str]:
        """The ``<row>`` elements of a sheet, one at a time (they are compressed as they come)."""
        n = 0
        if note:
            n += 1
            yield f'<row r="{n}">{self.text(f"A{n}", note, "note")}</row>'
        n += 1
        yield (
            f'<row r="{n}">'
            + "".join(self.text(f"{letter}{n}", head, "header") for letter, (head, _, _) in zip(letters, columns))
            + "</row>"
        )
        kinds = [kind for _, kind, _ in columns]
        cell, styles, text_tail = self.cell, self.styles, self._text_tail
        texts = self.texts.get("")
        if texts is None:
            texts = self.texts[""] = {"": ""}
        # per column, its kind's number cells by the Decimal's text: a number cell costs a str() and a
        # dict lookup instead of "%.16g" % Decimal (Decimal → str → float → 16 digits)
        numbers = [self.numbers.setdefault((kind, ""), {}) for kind in kinds]
        starts = [f'<c r="{letter}' for letter in letters]  # a cell is start + row number + tail
        column = {start: (letter, kind) for start, letter, kind in zip(starts, letters, kinds)}
        for row in rows:
            n += 1
            if isinstance(row, Total):
                yield self._total(letters, kinds, row, n)
                continue
            r = str(n)
            out = [f'<row r="{r}">']
            # the common cells inline (a text already seen, a finite number of a known style); the rest,
            # and every first occurrence, through :meth:`cell` — the same XML either way. A cached tail
            # starts with the reference's closing quote.
            for start, nums, value in zip(starts, numbers, row):
                t = type(value)
                if t is str:
                    tail = texts.get(value)
                    if tail is None:
                        if len(texts) >= TEXT_CACHE:  # a big ente's names and titles: bounded memory
                            self._forget(texts)
                        tail = texts[value] = text_tail(value, "")
                    if tail:  # "" is no cell
                        out.append(f"{start}{r}{tail}")
                elif value is None:
                    continue
                elif t is Decimal:
                    key = str(value)
                    tail = nums.get(key)
                    if tail is None:
                        letter, kind = column[start]
                        style = styles.get(("number", kind, ""))
                        if style is None or not value.is_finite():  # the first of its style registers it
                            out.append(cell(letter + r, value, kind))
                            continue
                        tail = _number_tail(style, key)
                        if len(nums) < NUMBER_CACHE:  # a big ente's amounts: bounded memory
                            nums[key] = tail
                    out.append(f"{start}{r}{tail}")
                else:
                    letter, kind = column[start]
                    style = styles.get(("number", kind, "")) if t is int else None
                    if style is None:
                        out.append(cell(letter + r, value, kind))
                    else:
                        out.append(f'{start}{r}"{style} t="n"><v>{"%.16g" % value}</v></c>')  # noqa: UP031
            out.append("</row>")
            yield "".join(out)

    def _total(self, letters: list[str], kinds: list[str], row: Sequence[Any], n: int) -> str:
        """A total row (bold): every cell through :meth:`cell`, empty ones included."""
        cells = "".join(self.cell(f"{letter}{n}", v, kind, "total") for letter, kind, v in zip(letters, kinds, row))
        return f'<row r="{n}">{cells}</row>'

    def bytes(self) -> bytes:
        """The finished archive, after the last :meth:`add` (a sheet added later is refused)."""
        if self._done is None:
            self._done = self.package.close(self.registry.stylesheet())
        return self._done


def _statuses(result: Result) -> Callable[[str], str]:
    """A person's status in Italian (``fmt.status(result.status_of(pid), labels)``), each code's label
    looked up once: the sheets ask it for every person."""
    labels = result.plugin.status_labels
    statuses = result.rewards.statuses if result.rewards is not None else {}
    scores = result.scores
    shown: dict[str | None, str] = {}

    def status(pid: str) -> str:
        code: str | None
        if pid in statuses:
            code = statuses[pid]
        else:
            s = scores.get(pid)
            code = s.status if s else None
        text = shown.get(code)
        if text is None:
            text = shown[code] = fmt.status(code, labels)
        return text

    return status


def _number_or_text(value: Any) -> Any:
    """A value written in an input cell: a number when it reads as one (so Excel can add it), else as written."""
    if isinstance(value, str):
        from ..values import parse_number

        try:
            return parse_number(value)
        except ValueError:
            return value
    return value


class Total(tuple):
    """A row shown in bold (totals)."""


class Typed:
    """A value with its own format, in a column of mixed kinds (the summary sheet)."""

    def __init__(self, value: Any, kind: str):
        self.value, self.kind = value, kind


def _number_tail(style: str, text: str) -> str:
    """A finite Decimal's number cell after its reference's value (from the closing quote), from the
    Decimal's text: openpyxl writes
    ``"%.16g" % value`` (through ``float``, which for a Decimal is ``float(str(value))``; ``format()``
    would differ), and no value for a number beyond the float range."""
    f = float(text)
    if isinf(f):
        return f'"{style} t="n"><v /></c>'
    return f'"{style} t="n"><v>{"%.16g" % f}</v></c>'  # noqa: UP031


# What openpyxl 3.1 does with a cell's value, done here so that writing schede.xlsx never imports openpyxl
# (~0.15 s of every run's start-up); tests/test_xlsx_styles.py compares each with openpyxl's own.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl.cell.cell's
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of the 1900 date system, as Excel counts it


def number_text(value: Decimal | int | float) -> str:
    """A number cell's value (openpyxl's ``safe_string``): ``"%.16g"``, nothing for NaN and infinities."""
    if isnan(value) or isinf(value):
        return ""
    return "%.16g" % value  # noqa: UP031


def date_serial(value: dt.date) -> str:
    """A date's serial number in the 1900 date system (openpyxl's ``to_excel``): days since 30/12/1899, one
    fewer up to 28/02/1900 (Excel counts a 29/02/1900 that never was)."""
    days = (value - EXCEL_EPOCH).days
    if 0 < days <= 60:
        days -= 1
    return str(days)


def column_letter(index: int) -> str:
    """The letters of the ``index``-th column, from 1: A … Z, AA … (openpyxl's ``get_column_letter``)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _clean_text(value: str) -> str:
    """Text as a worksheet can hold it: at most 32,767 characters (openpyxl cuts there too), and the
    control characters XML cannot carry replaced by U+FFFD (openpyxl would raise and lose the ente)."""
    value = value[:MAX_TEXT]
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _escape(text: str) -> str:
    """XML character data, escaped as openpyxl's serializer does (``& < >``)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


# -- the sheets ------------------------------------------------------------------------------


def build(result: Result) -> Sheets:
    r, ente, org = result, result.ente, result.org
    book = Sheets()
    att = r.attestation
    people_names = {p.id: p.name for p in ente.people.values()}
    person_status = _statuses(r)

    def name(pid):
        return people_names.get(pid, "") if pid else ""

    # Sintesi
    errors = len(r.errors)
    ledger = r.ledger
    pools = dict(ledger.pools)
    rows = [
        ("Ente", ente.name, "text"),
        ("Codice ente", ente.id, "text"),
        ("Anno del ciclo", ente.year, "int"),
        ("Regolamento (plugin)", f"{r.plugin.name} {r.plugin.version}", "text"),
        ("Fasi eseguite fino a", r.until, "text"),
        ("Performance dell'ente (calcolata)", org.ente if org else None, "ach"),
        ("Performance attestata dall'OIV", att.attested if att else None, "ach"),
        ("Giudizio dell'OIV", att.judgement if att else "", "text"),
        ("Motivazione dell'OIV", att.motivation if att else "", "text"),
        ("Persone in organico", len(ente.people), "int"),
        ("Persone valutate", sum(1 for s in r.scores.values() if s.score is not None), "int"),
        ("Fondi stanziati", sum((p.amount for p in pools.values()), Decimal(0)) if pools else None, "money"),
        ("Fondi distribuiti", sum((p.distributed for p in pools.values()), Decimal(0)) if pools else None, "money"),
        ("Violazioni: errori", errors, "int"),
        ("Violazioni: avvisi", len(r.violations) - errors, "int"),
    ]
    book.add(
        "Sintesi",
        (("Voce", "text", 38), ("Valore", "num", 60)),
        [(label, Typed(value, kind)) for label, value, kind in rows],
    )

    if org is not None:
        area_rows = [
            (
                a.id,
                a.name,
                a.weight,
                a.separate,
                org.separate.get(a.id) if a.separate else org.areas.get(a.id),
                org.not_scored.get(f"area:{a.id}", ""),
            )
            for a in ente.areas.values()
        ]
        area_rows.append(Total(("ENTE", ente.name, None, None, org.ente, "")))
        book.add(
            "Aree (scheda c)",
            (
                ("Area", "text", 10),
                ("Denominazione", "text", 44),
                ("Peso", "num", 8),
                ("Rendicontata a parte", "text", 12),
                ("Raggiungimento", "ach", 15),
                ("Note", "text", 40),
            ),
            area_rows,
        )
        dir_rows = []
        for p in fmt.scheda_d_people(ente)[0]:  # with the PO in an ente without dirigenti
            s = r.scores.get(p.id)
            headed = ", ".join(u.id for u in ente.headed_by(p.id))
            dir_rows.append(
                (
                    p.id,
                    p.name,
                    fmt.ROLE_LABELS.get(p.role, p.role),
                    headed,
                    org.people.get(p.id),
                    s.score if s else None,
                    fmt.level(s.level, r.plugin.ente_labels) if s else None,
                    person_status(p.id),
                )
            )
        book.add(
            "Dirigenti (scheda d)",
            (
                ("Codice", "text", 10),
                ("Nome", "text", 28),
                ("Ruolo", "text", 20),
                ("Unità dirette", "text", 16),
                ("Performance organizzativa", "ach", 15),
                ("Punteggio individuale", "score", 13),
                ("Livello", "text", 16),
                ("Esito", "text", 16),
            ),
            dir_rows,
        )

    obj_rows = []
    for o in ente.objectives.values():
        value = org.objectives.get(o.id) if org else None
        obj_rows.append(
            (
                o.id,
                fmt.KIND_LABELS.get(o.kind, o.kind),
                o.title,
                o.parent,
                o.area,
                o.weight,
                o.owner,
                value,
                (org.not_scored.get(f"objective:{o.id}", "") if org else ""),
            )
        )
    book.add(
        "Obiettivi",
        (
            ("Codice", "text", 10),
            ("Tipo", "text", 12),
            ("Titolo", "text", 50),
            ("Obiettivo padre", "text", 12),
            ("Area", "text", 8),
            ("Peso", "num", 8),
            ("Responsabile", "text", 14),
            ("Raggiungimento", "ach", 15),
            ("Note", "text", 40),
        ),
        obj_rows,
    )

    revised = {rv.indicator for rv in r.revisions if rv.applied}
    ind_rows = []
    for ind in ente.indicators.values():
        out = org.indicators.get(ind.id) if org else None
        ach = out.achievement if out else None
        ind_status = out.status if out else ""
        ind_rows.append(
            (
                ind.id,
                ind.objective,
                ind.name,
                fmt.TYPE_LABELS.get(ind.type, ind.type),
                ind.weight,
                ind.baseline,
                ind.target if ind.active else "-",
                ind.actual,
                (ach - 1) if ach is not None else None,
                ach,
                fmt.status(ind_status) if ind_status else "",
                ind.reason,
                ind.source,
                "SI" if ind.id in revised else "",
            )
        )
    book.add(
        "Indicatori",
        (
            ("Codice", "text", 10),
            ("Obiettivo", "text", 10),
            ("Indicatore", "text", 44),
            ("Tipo", "text", 14),
            ("Peso", "num", 7),
            ("Baseline", "num", 11),
            ("Target", "num", 11),
            ("Consuntivo", "num", 11),
            ("Scostamento", "dev", 12),
            ("Raggiungimento", "ach", 15),
            ("Stato", "text", 16),
            ("Motivo neutralizzazione", "text", 30),
            ("Fonte del dato", "text", 28),
            ("Target rivisto", "text", 9),
        ),
        ind_rows,
    )

    mon_rows = [
        (
            iid,
            ente.indicators[iid].name if iid in ente.indicators else "",
            m.target,
            m.actual,
            m.achievement,
            m.deviation,
        )
        for iid, m in r.monitoring.items()
    ]
    book.add(
        "Monitoraggio 30-6",
        (
            ("Indicatore", "text", 10),
            ("Nome", "text", 44),
            ("Target al 30/6", "num", 12),
            ("Valore al 30/6", "num", 12),
            ("Raggiungimento", "ach", 15),
            ("Scostamento", "dev", 12),
        ),
        mon_rows,
    )
    if r.revisions:
        book.add(
            "Revisioni",
            (
                ("Indicatore", "text", 10),
                ("Campo", "text", 10),
                ("Valore precedente", "text", 14),
                ("Nuovo valore", "text", 14),
                ("Motivazione", "text", 40),
                ("Applicata", "text", 10),
                ("Perché", "text", 30),
            ),
            [
                (
                    rv.indicator,
                    rv.field,
                    _number_or_text(rv.old),
                    _number_or_text(rv.new),
                    rv.reason,
                    rv.applied,
                    rv.why,
                )
                for rv in r.revisions
            ],
        )

    if org is not None:
        unit_rows = [
            (
                u.id,
                u.name,
                fmt.UNIT_KIND_LABELS.get(u.kind, u.kind),
                u.parent,
                u.head,
                name(u.head),
                org.units.get(u.id),
                org.not_scored.get(f"unit:{u.id}", ""),
            )
            for u in ente.units.values()
        ]
        book.add(
            "Unità",
            (
                ("Unità", "text", 10),
                ("Denominazione", "text", 40),
                ("Tipo", "text", 14),
                ("Unità superiore", "text", 12),
                ("Responsabile", "text", 12),
                ("Nome responsabile", "text", 26),
                ("Raggiungimento", "ach", 15),
                ("Note", "text", 30),
            ),
            unit_rows,
        )

    if r.scores:
        parts: list[str] = []
        for s in r.scores.values():
            for k in s.breakdown:
                if k not in parts:
                    parts.append(k)
        ind_cols: list[Column] = [
            ("Codice", "text", 10),
            ("Nome", "text", 26),
            ("Ruolo", "text", 12),
            ("Categoria", "text", 9),
            ("Unità", "text", 10),
            ("Valutatore", "text", 11),
            ("Punteggio", "score", 11),
            ("Livello", "text", 16),
            ("Esito", "text", 16),
        ]
        ind_cols += [(f"Componente: {fmt.label(k, r.plugin.status_labels)}", "num", 14) for k in parts]
        score_rows: list[tuple[Any, ...]] = []
        scores = r.scores
        no_parts = (None,) * len(parts)
        for p in ente.people.values():
            s = scores.get(p.id)
            person = (p.id, p.name, fmt.ROLE_LABELS.get(p.role, p.role), p.category, p.unit, p.evaluator)
            if s is None:
                score_rows.append((*person, None, None, person_status(p.id), *no_parts))
            else:
                level = fmt.level(s.level, r.plugin.ente_labels)
                score_rows.append((*person, s.score, level, person_status(p.id), *map(s.breakdown.get, parts)))
        book.add("Valutazioni individuali", ind_cols, score_rows)
        evals, top_label = stats.evaluators(r)
        book.add(
            "Valutatori",
            (
                ("Valutatore", "text", 11),
                ("Nome", "text", 26),
                ("Valutazioni", "int", 11),
                ("Media", "score", 9),
                ("Deviazione standard", "score", 11),
                ("Valori diversi", "int", 9),
                (stats.upper_first(top_label), "ach", 16),
                ("Segnalazione", "text", 40),
            ),
            [
                (ev.id, ev.name, ev.count, ev.mean, ev.spread, ev.distinct, ev.top_share, "; ".join(ev.flags))
                for ev in evals
            ],
        )

    if r.rewards is not None or r.positions is not None:

        def fund_name(key: str) -> str:
            return fmt.fund(key, pools[key].label if key in pools else "", r.plugin.status_labels)

        award_rows = []
        for a in ledger.awards:  # every award of every pool, PO position and result pay included
            who = ente.people.get(a.person)
            award_rows.append(
                (
                    a.person,
                    name(a.person),
                    who.unit if who else "",
                    fund_name(a.pool),
                    a.band,
                    a.amount,
                    person_status(a.person),
                )
            )
        if award_rows:
            award_rows.append(Total(("TOTALE", "", "", "", "", sum((a.amount for a in ledger.awards), Decimal(0)), "")))
        book.add(
            "Premi",
            (
                ("Codice", "text", 10),
                ("Nome", "text", 26),
                ("Unità", "text", 10),
                ("Fondo", "text", 24),
                ("Fascia", "text", 14),
                ("Importo", "money", 14),
                ("Esito", "text", 16),
            ),
            award_rows,
        )
        book.add(
            "Fondi",
            (
                ("Fondo", "text", 40),
                ("Fonte", "text", 40),
                ("Stanziato", "money", 14),
                ("Distribuito", "money", 14),
                ("Residuo", "money", 14),
            ),
            [
                (fund_name(k), fmt.cite(p.source, r.plugin.documents), p.amount, p.distributed, p.residual)
                for k, p in pools.items()
            ],
        )
        book.add(
            "Premi per fascia",
            (
                ("Fondo", "text", 26),
                ("Fascia", "text", 14),
                ("Persone", "int", 9),
                ("Totale", "money", 14),
                ("Media", "money", 14),
                ("Minimo", "money", 14),
                ("Massimo", "money", 14),
            ),
            [(fund_name(b.pool), b.band, b.count, b.total, b.mean, b.low, b.high) for b in stats.bands(r)],
        )
    if r.positions is not None and r.positions.positions:
        book.add(
            "Posizioni",
            (
                ("Posizione", "text", 10),
                ("Titolare", "text", 10),
                ("Nome titolare", "text", 26),
                ("Punteggio di pesatura", "score", 12),
                ("Retribuzione annua", "money", 14),
                ("Erogata", "text", 9),
                ("Rate", "int", 7),
                ("Rata", "money", 14),
                ("Ultima rata", "money", 14),
                ("Risultato massimo", "money", 14),
                ("Risultato", "money", 14),
            ),
            [
                (
                    k,
                    pos.holder or "vacante",
                    name(pos.holder),
                    pos.score,
                    pos.annual,
                    "sì" if pos.paid else "no",
                    pos.instalments,
                    pos.monthly,
                    pos.monthly_last,
                    pos.result_max,
                    pos.result,
                )
                for k, pos in r.positions.positions.items()
            ],
        )

    for sec in r.sections:
        # widths that fit the content (8–60 characters)
        cols = [
            (
                str(c),
                "num",
                max(8, min(60, max([len(str(c))] + [len(fmt.value(row[k])) for row in sec.rows if k < len(row)]) + 2)),
            )
            for k, c in enumerate(sec.columns)
        ]
        docs = r.plugin.documents
        sec_rows = [tuple(fmt.prose(v, docs) if isinstance(v, str) else v for v in row) for row in sec.rows]
        book.add(sec.title, cols, sec_rows, note=fmt.prose(sec.note, docs) if sec.note else sec.note)

    book.add(
        "Violazioni",
        (
            ("Gravità", "text", 9),
            ("Regola", "text", 30),
            ("Descrizione", "text", 70),
            ("Dove", "text", 26),
            ("Fonte", "text", 30),
        ),
        [
            (
                "errore" if v.is_error else "avviso",
                v.rule,
                fmt.prose(v.message, r.plugin.documents),
                v.where,
                fmt.cite(v.source, r.plugin.documents) if v.source else "",
            )
            for v in r.violations
        ],
    )
    book.add(
        "Calendario",
        (
            ("Scadenza", "date", 12),
            ("Fase", "text", 16),
            ("Atto", "text", 50),
            ("Fonte", "text", 34),
            ("Stato", "text", 14),
            ("Data dell'atto", "date", 12),
        ),
        [
            (
                d.due,
                PHASE_NAMES.get(d.phase, d.phase),
                d.act,
                fmt.cite(d.source, r.plugin.documents),
                fmt.CALENDAR_LABELS[st],
                ente.approvals.get(d.approval) if d.approval else None,
            )
            for d, st in sorted(r.calendar, key=lambda x: (x[0].due, x[0].act))
        ],
    )
    book.add(
        "Parametri",
        (
            ("Parametro", "text", 26),
            ("Valore", "num", 14),
            ("Descrizione", "text", 50),
            ("Fonte", "text", 34),
            ("Ipotesi", "text", 50),
            ("Modificato dalla configurazione", "text", 12),
        ),
        [
            (
                k,
                r.params.values.get(k),
                fmt.prose(spec.description, r.plugin.documents),
                fmt.cite(spec.source, r.plugin.documents),
                fmt.prose(spec.assumption, r.plugin.documents) if spec.assumption else spec.assumption,
                "SI" if k in r.params.overridden else "",
            )
            for k, spec in r.params.specs.items()
        ],
    )
    return book


def write(result: Result, path: Path) -> None:
    path.write_bytes(build(result).bytes())
