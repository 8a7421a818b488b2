"""The Relazione as a report model (:class:`~..model.Report`), built once from the Result.

The sections follow Funzione Pubblica's guidelines on the Relazione (LG 3/2018, core/inputs/narrative.py): the
office's own parts (``relazione/<part>.md``, shown only when they have text) around the sections ciclope
computes; the last three are ciclope's technical annexes. Nothing here computes a regulation figure. The
public Relazione is this model through the disclosure filter (:mod:`..public`).
"""

from __future__ import annotations

from collections.abc import Callable

from ciclope.core.inputs.narrative import BY_KEY as PARTS
from ciclope.core.phases import PHASE_NAMES
from ciclope.core.plugininfo import GROUP_LABELS, said_group
from ciclope.core.reports import fmt, markdown
from ciclope.core.reports.model import Block, Prose, Report, Section
from ciclope.core.reports.publication import publishable
from ciclope.core.reports.relazione import annexes, objectives, organization, people
from ciclope.core.reports.relazione.names import Names, reached
from ciclope.core.result import Result

Builder = Callable[[Result, Names], list[Block]]
PART_TITLES = {key: part.title for key, part in PARTS.items()}

SECTIONS: tuple[tuple[str, str], ...] = (
    ("presentazione", PART_TITLES["presentazione"]),
    ("contesto", PART_TITLES["contesto"]),
    ("amministrazione", PART_TITLES["amministrazione"]),
    ("sintesi", "Sintesi e attestazione dell'OIV"),
    ("criticita", PART_TITLES["criticita"]),
    ("aree", "Scheda c — Aree strategiche"),
    ("dirigenti", "Scheda d — Dirigenti"),
    ("obiettivi", "Obiettivi e indicatori"),
    ("unita", "Unità organizzative"),
    ("monitoraggio", "Monitoraggio al 30/6"),
    ("individuale", "Valutazione individuale"),
    ("fondo", "Fondo risorse decentrate"),
    ("premi", "Premialità"),
    ("sezioni", "Sezioni del regolamento"),
    ("andamento", "Andamento negli anni e posizionamento comparativo"),
    ("risorse", PART_TITLES["risorse"]),
    ("pari_opportunita", PART_TITLES["pari_opportunita"]),
    ("processo", PART_TITLES["processo"]),
    ("violazioni", "Violazioni"),
    ("calendario", "Calendario"),
    ("note", "Note: parametri, ipotesi, fonti"),
)

BUILDERS: dict[str, Builder] = {
    "sintesi": organization.summary,
    "aree": organization.areas,
    "dirigenti": organization.dirigenti,
    "obiettivi": objectives.objectives,
    "unita": organization.units,
    "monitoraggio": organization.monitoring,
    "individuale": people.individual,
    "fondo": annexes.fund,
    "premi": people.rewards,
    "sezioni": annexes.plugin_sections,
    "andamento": annexes.archive,
    "violazioni": annexes.violations,
    "calendario": annexes.calendar,
    "note": annexes.internal_notes,
}

# a section shows only once its phase ran: the 30/6 report is monitoring, not placeholders
SECTION_PHASE = {
    "dirigenti": "valutazione",
    "unita": "valutazione",
    "individuale": "valutazione",
    "premi": "premialita",
    "sezioni": "rendicontazione",
    "calendario": "rendicontazione",
}


def build(result: Result) -> Report:
    """The internal Relazione: every section the run reached, names and person-level tables included."""
    names = Names(result)
    # the office's words are the Relazione's, not July's: shown once the cycle reached the Relazione
    parts = {k: markdown.render(t) for k, t in result.ente.texts.items()} if reached(result, "rendicontazione") else {}
    sections = []
    for ident, heading in SECTIONS:
        if ident in parts:
            html = f'<div class="prosa">\n{parts[ident].html}\n</div>'
            sections.append(Section(ident, parts[ident].title or heading, [Prose(html)]))
        elif ident in BUILDERS and shown(result, ident):
            sections.append(Section(ident, titled(result, ident, heading), BUILDERS[ident](result, names)))
    return Report(title(result), result.ente.name, meta(result), tuple(sections), footer(result))


HEADS = fmt.HEADS  # the scheda d of an ente without dirigenti lists the PO / EQ who hold their functions


def titled(result: Result, ident: str, heading: str) -> str:
    """A section's title: the scheda d's says what it holds where the ente has no dirigenti, never «Dirigenti»."""
    if ident == "dirigenti" and fmt.scheda_d_people(result.ente)[1]:
        return HEADS
    return result.ente.body.said(heading)


def shown(result: Result, ident: str) -> bool:
    if ident == "fondo":
        return result.fund is not None  # only an ente that gives its fund has the section: the others are as before
    return (ident != "sezioni" or bool(result.sections)) and reached(result, SECTION_PHASE.get(ident, "pianificazione"))


def title(result: Result) -> str:
    year = result.ente.year
    if result.until == "rendicontazione":
        return f"Relazione sulla performance {year}"
    if result.until == "monitoraggio":
        return f"Monitoraggio intermedio al 30/6/{year}"
    return f"Ciclo della performance {year} — stato alla fase «{PHASE_NAMES[result.until]}»"


def meta(result: Result) -> str:
    """The ente's cycle and the acts it applied, by their titles (the plugin and the software are the
    program's, named in results.json)."""
    r, ente = result, result.ente
    return f"Ciclo {ente.year} · {acts(result)} · fasi eseguite fino a «{PHASE_NAMES[r.until]}»"


def acts(result: Result) -> str:
    """The titles of the acts the ente's regulation is made of."""
    docs = result.plugin.documents
    return "; ".join(fmt.regulation(x, docs) for x in result.plugin.regulations) or "regolamento dell'ente"


def footer(result: Result) -> str:
    internal = f"Documento interno per {fmt.listed(readers(result))}, prodotto da ciclope."
    if not publishable(result):
        return (
            f"{internal} Il calcolo ha errori (sezione «Violazioni»): i documenti da pubblicare (Amministrazione "
            "trasparente) si scrivono quando sono corretti."
        )
    return (
        f"{internal} Per la pubblicazione (Amministrazione trasparente) usare la Relazione da pubblicare "
        "(relazione-pubblica.html) o i dati per la trasparenza (trasparenza.csv), senza nomi."
    )


def readers(result: Result) -> list[str]:
    """Who reads the internal Relazione, among the roles the ente has: «l'OIV», «il Segretario o il Direttore
    generale», «i dirigenti» in a Comune; «l'OIV», «il Direttore generale», «i responsabili di struttura» in a
    university without dirigenti, whose heads are its PO by the name its regulation gives them (``said_group``). An
    ente whose contract's words name a Segretario (an ente locale, whose data may leave them out) has one. An ente
    that names its head itself (a declared regulation's ``segretario_plurale = "il Direttore"``) is read so."""
    roles = {p.role for p in result.ente.people.values()}
    words = result.plugin.staff_words
    own = words.groups.get("segretario") if words is not None else None
    top = "il Segretario o il Direttore generale" if fmt.ente_locale(result) else "il Direttore generale"
    if own is not None and own != GROUP_LABELS["segretario"]:
        top = own  # the ente's own name of its head: «il Direttore», «il Consigliere segretario»
    heads = "dirigente" if "dirigente" in roles else "po" if "po" in roles else ""
    return [result.ente.body.said("l'OIV"), top, *([said_group(heads, words, result.ente.year)] if heads else [])]
