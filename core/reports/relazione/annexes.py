"""The Relazione's annexes: the regulation's own sections, the violations, the calendar, the notes
(parameters, assumptions, acts and data) and the place of the archive's sections."""

from __future__ import annotations

from typing import Any

from ciclope.core.output import results
from ciclope.core.reports import fmt, sheets
from ciclope.core.reports import fund as funddoc
from ciclope.core.reports.model import (
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
from ciclope.core.reports.relazione.names import Names, not_run, reached
from ciclope.core.reports.relazione.worded import worded
from ciclope.core.result import Result

NO_ARCHIVE = (
    "Nessuno storico disponibile: l'archivio dei risultati non è in uso per questa esecuzione "
    "(andamento e confronto con altri enti compaiono quando ciclope run registra i risultati)."
)


def plugin_sections(r: Result, names: Names) -> list[Block]:
    out: list[Block] = []
    for table in sheets.plugin_sections(r):
        out.append(Heading(table.title))
        if table.note:
            out.append(Text(table.note, "muted"))
        out.append(worded(table))
    return out


def fund(r: Result, names: Names) -> list[Block]:
    """The fondo risorse decentrate constituted, destined and checked (core/reports/fund.py); the comparison with
    the previous year is the archive section's."""
    assert r.fund is not None, "shown only for an ente with a fund"
    return funddoc.relazione(results.fund(r.fund, results.pool_labels(r)))


def violations(r: Result, names: Names) -> list[Block]:
    return [worded(sheets.violations(r))]


def calendar(r: Result, names: Names) -> list[Block]:
    if not reached(r, "rendicontazione"):
        return [not_run(r, "rendicontazione")]
    return [worded(sheets.calendar(r))]


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
