"""The Relazione's annexes: the regulation's own sections, the violations, the calendar, the notes
(parameters, assumptions, acts and data) and the place of the archive's sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ciclope.core.output import results
from ciclope.core.reports import fmt, sheets, stats
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

# read on the public Relazione too: what happens, never the command that does it
NO_ARCHIVE = (
    "Nessuno storico disponibile: i risultati degli anni precedenti non sono disponibili per questa Relazione "
    "(andamento e confronto con altri enti compaiono quando lo sono)."
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
    table = sheets.calendar(r)
    # the day it judges at, above the table (a page's note is its own paragraph): another page may judge another day
    return [Text(table.note, "note"), worded(table)] if table.note else [worded(table)]


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
            # a parameter a text names: the internal page by the key the office writes, the public one in words
            said = spec.key if named else spec.label
            if said and said != name:
                self.words[name] = said

    def said(self, text: str) -> str:
        return fmt.worded(fmt.prose(text, self.r.plugin.documents), self.words)

    def parameter(self, name: str) -> str:
        spec = self.r.params.specs.get(name)
        if spec is None:
            return name
        if self.named:
            return spec.key  # as the office writes it in [ente.parametri]
        return spec.label or self.said(spec.description)

    def value(self, name: str, value: Any) -> str:
        """A parameter's value as people read it: a choice by its words, a share as a percentage, an amount in
        euro, a file by its name."""
        spec = self.r.params.specs.get(name)
        if spec is None:
            return fmt.param_value(value, self.r.plugin.status_labels)
        if spec.kind == "path":
            return Path(str(value)).name if value else fmt.NONE
        return fmt.param_value(value, {**self.r.plugin.status_labels, **spec.labels}, fmt.param_unit(spec))


def no_assumptions(r: Result) -> str:
    """What the section of the assumptions says when no parameter is one: never «Nessuna ipotesi» alone where the
    calendar above dates an act by an assumption («data: ipotesi, il regolamento non la fissa»)."""
    if any("ipotesi" in d.source for d, _ in r.calendar):
        return (
            "Nessuna ipotesi sui parametri: ognuno è fissato dalle fonti. Le date degli atti che il regolamento non "
            "fissa sono ipotesi, dette come tali nel calendario («data: ipotesi»)."
        )
    return "Nessuna ipotesi: ogni parametro è fissato dalle fonti."


def notes(r: Result, named: bool = True) -> list[Block]:
    words = Wording(r, named)
    docs = r.plugin.documents
    assumptions = [
        Assumption(words.parameter(name), words.value(name, v), words.said(text), fmt.cite(src, docs))
        for name, text, v, src in r.assumptions()
    ]
    # the office's own readings of its regulation: a rule in words and the reading, cited as the plugin cites the rule
    # (the ente's act and the article, or another act a source names); without an article, the ente's act
    acts_cited = "; ".join(fmt.regulation(x, docs) for x in r.plugin.regulations)
    assumptions += [
        Assumption(what, "", text, fmt.cite(source, docs) if source else acts_cited)
        for what, text, source in r.plugin.readings
    ]
    acts = [fmt.regulation(x, docs) for x in r.plugin.regulations]
    files = [(name, digest[:16] + "…") for name, digest in sorted(r.ente.files.items())]
    # the office's files and their fingerprints are for the office (the internal page): a citizen reads the acts
    data = [Table("", columns(("File dei dati", "Impronta SHA-256 (inizio)")), files, empty="Nessun file registrato.")]
    return [
        Heading("Parametri in vigore"),
        parameters(r, words),
        Heading("Ipotesi"),
        Assumptions(assumptions) if assumptions else Text(no_assumptions(r), "empty"),
        Heading("Regolamento e dati" if named else "Regolamento"),  # the block itself says «Atti applicati:»
        Acts(None, acts),
        *(data if named else []),
        Heading("Come leggere i numeri"),
        Reading(public=not named, scale=_scale(r), scored=stats.unscored(r) != stats.NOT_FORESEEN, ente=r.ente.id),
    ]


def _scale(r: Result) -> str:
    scale = stats.own_scale(r)
    return fmt.decimal_it(scale) if scale is not None else ""


def internal_notes(r: Result, names: Names) -> list[Block]:
    return notes(r, named=True)


def parameters(r: Result, words: Wording) -> Table:
    rows = []
    for name, spec in r.params.specs.items():
        if spec.kind == "path":
            continue  # a file on the office's machine, not a rule: the act it holds is said by its title
        flags = []
        if name in r.params.overridden:
            flags.append(Flag("modificato dalla configurazione", "warn"))
        if spec.assumption:
            flags.append(Flag("ipotesi", "info"))
        shown = words.value(name, r.params.values.get(name))
        described, cited = words.said(spec.description), fmt.cite(spec.source, r.plugin.documents)
        row = (spec.key, shown, described, cited) if words.named else (described, shown, cited)
        rows.append((*row, Flags(tuple(flags))))
    head = ("Parametro", "Valore", "Descrizione", "Fonte", "") if words.named else ("Parametro", "Valore", "Fonte", "")
    # a declared regulation has its figures in its own file (a parameter that is a file), not in parameters: the
    # internal page reads them back article by article; the public one names the act (its amounts per level, beside
    # groups of fewer than 3, could tell a person's premium: they stay in the internal page)
    declared = any(spec.kind == "path" for spec in r.params.specs.values())
    acts = "; ".join(fmt.regulation(x, r.plugin.documents) for x in r.plugin.regulations)
    empty = "Il regolamento non ha parametri."
    if declared and words.named:
        empty = "I valori del regolamento dell'ente (livelli, soglie, quote, premi) sono nella sezione «Sezioni del "
        empty += "regolamento», articolo per articolo."
    elif declared:
        # the criteria themselves the ente publishes with the act (D.Lgs. 33/2013, art. 20 c. 2): never a pointer to
        # a document the reader of this page cannot see
        empty = f"I valori del regolamento dell'ente (livelli, soglie, quote, premi) sono quelli dell'atto «{acts}», "
        empty += "che l'ente pubblica in Amministrazione trasparente con i criteri di assegnazione dei premi "
        empty += "(D.Lgs. 33/2013, art. 20 c. 2)."
    # long values and sources wrap inside the A4 page
    return Table("", columns(head, (1,)), rows, empty=empty, style="wrap")
