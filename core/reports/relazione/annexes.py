"""The Relazione's annexes: the regulation's own sections, the violations, the calendar, the notes
(parameters, assumptions, acts and data) and the place of the archive's sections."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...phases import PHASE_NAMES
from ...result import Result
from .. import fmt
from ..model import (
    Acts,
    Archive,
    Assumption,
    Assumptions,
    Block,
    Flag,
    Flags,
    Heading,
    Reading,
    Table,
    Text,
    columns,
)
from .names import Names, not_run, reached

NO_ARCHIVE = (
    "Nessuno storico disponibile: l'archivio dei risultati non è in uso per questa esecuzione "
    "(andamento e confronto con altri enti compaiono quando ciclope run registra i risultati)."
)
CALENDAR_FLAGS = {"fatto": "ok", "in ritardo": "err", "mancante": "warn"}


def plugin_sections(r: Result, names: Names) -> list[Block]:
    out: list[Block] = []
    docs = r.plugin.documents
    for s in r.sections:
        out.append(Heading(s.title))
        if s.note:
            out.append(Text(fmt.prose(s.note, docs), "muted"))
        numeric = [i for i in range(len(s.columns)) if s.rows and all(_number(row, i) for row in s.rows)]
        rows = [tuple(fmt.prose(fmt.value(v), docs) for v in row) for row in s.rows]
        out.append(Table("", columns(s.columns, numeric), rows))
    return out


def _number(row: Any, i: int) -> bool:
    return i >= len(row) or (isinstance(row[i], (Decimal, int, float)) and not isinstance(row[i], bool))


def violations(r: Result, names: Names) -> list[Block]:
    docs = r.plugin.documents
    rows = [
        (
            Flag("errore", "err") if v.is_error else Flag("avviso", "warn"),
            v.rule,
            fmt.prose(v.message, docs),
            v.where or fmt.NONE,
            fmt.cite(v.source, docs),
        )
        for v in r.violations
    ]
    empty = "Nessuna violazione: dati e calcoli conformi alle regole controllate."
    return [Table("", columns(("Gravità", "Regola", "Descrizione", "Dove", "Fonte")), rows, empty=empty)]


def calendar(r: Result, names: Names) -> list[Block]:
    if not reached(r, "rendicontazione"):
        return [not_run(r, "rendicontazione")]
    rows = []
    for d, status in sorted(r.calendar, key=lambda x: (x[0].due, x[0].act)):
        done = r.ente.approvals.get(d.approval) if d.approval else None
        rows.append(
            (
                fmt.date_it(d.due),
                PHASE_NAMES.get(d.phase, d.phase),
                d.act,
                fmt.cite(d.source, r.plugin.documents),
                Flag(fmt.CALENDAR_LABELS[status], CALENDAR_FLAGS.get(status, "info")),
                fmt.value(done) if done is not None else fmt.NONE,
            )
        )
    head = ("Scadenza", "Fase", "Atto", "Fonte", "Stato", "Data dell'atto")
    return [Table("", columns(head), rows, empty="Il regolamento non definisce scadenze per questo ciclo.")]


def archive(r: Result, names: Names) -> list[Block]:
    """Trends over the years, multi-year objectives and the benchmark position come from the results
    store once every ente of the run is in it (core/store/sections.py); without a store, this line stays."""
    return [Archive(NO_ARCHIVE)]


class Wording:
    """How the notes name parameters: ``named`` (the internal page) by their name in ``[ente.params]``;
    otherwise (the public page) by what they rule, every parameter, choice and fund in words."""

    def __init__(self, r: Result, named: bool):
        self.r, self.named = r, named
        self.words = dict(r.plugin.status_labels)
        for name, spec in r.params.specs.items():
            self.words.update(spec.labels)
            if spec.label:
                self.words[name] = spec.label

    def said(self, text: str) -> str:
        text = fmt.prose(text, self.r.plugin.documents)
        return text if self.named else fmt.worded(text, self.words)

    def parameter(self, name: str) -> str:
        spec = self.r.params.specs.get(name)
        if self.named or spec is None:
            return name
        return spec.label or self.said(spec.description)

    def value(self, name: str, value: Any) -> str:
        spec = self.r.params.specs.get(name)
        labels = self.r.plugin.status_labels
        if spec is not None and spec.labels and not self.named:
            labels = {**labels, **spec.labels}
        return fmt.param_value(value, labels)


def notes(r: Result, named: bool = True) -> list[Block]:
    words = Wording(r, named)
    docs = r.plugin.documents
    assumptions = [
        Assumption(words.parameter(name), words.value(name, v), words.said(text), fmt.cite(src, docs))
        for name, text, v, src in r.assumptions()
    ]
    acts = [fmt.regulation(x, docs) for x in r.plugin.regulations]
    files = [(name, digest[:16] + "…") for name, digest in sorted(r.ente.files.items())]
    return [
        Heading("Parametri in vigore"),
        parameters(r, words),
        Heading("Ipotesi"),
        Assumptions(assumptions)
        if assumptions
        else Text("Nessuna ipotesi: ogni parametro è fissato dalle fonti.", "empty"),
        Heading("Regolamento e dati"),
        Acts((r.plugin.name, r.plugin.version) if named else None, acts),
        Table("", columns(("File di input", "Impronta SHA-256 (inizio)")), files, empty="Nessun file registrato."),
        Heading("Come leggere i numeri"),
        Reading(),
    ]


def internal_notes(r: Result, names: Names) -> list[Block]:
    return notes(r, named=True)


def parameters(r: Result, words: Wording) -> Table:
    rows = []
    for name, spec in r.params.specs.items():
        if spec.kind == "path" and not words.named:
            continue  # a file on the office's machine, not a rule: the act it holds is under «Atti applicati»
        flags = []
        if name in r.params.overridden:
            flags.append(Flag("modificato dalla configurazione", "warn"))
        if spec.assumption:
            flags.append(Flag("ipotesi", "info"))
        shown = words.value(name, r.params.values.get(name))
        described, cited = words.said(spec.description), fmt.cite(spec.source, r.plugin.documents)
        row = (name, shown, described, cited) if words.named else (described, shown, cited)
        rows.append((*row, Flags(tuple(flags))))
    head = ("Parametro", "Valore", "Descrizione", "Fonte", "") if words.named else ("Parametro", "Valore", "Fonte", "")
    # long values and sources wrap inside the A4 page
    return Table("", columns(head, (1,)), rows, empty="Il regolamento non ha parametri.", style="wrap")
