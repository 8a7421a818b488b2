"""The regulation read back for people (:mod:`say.articles`): by ``ciclope regolamento leggi FILE.toml`` and, for
every ente of the plugin, in the Relazione's annex «Allegato — Il sistema di valutazione dichiarato»."""

from __future__ import annotations

from ciclope.core import Problem, ReportSection, Result, hookimpl
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.read.load import declared, load
from ciclope.plugins.regolamento.say.articles import articles, render

TITLE = "Allegato — Il sistema di valutazione dichiarato"


@hookimpl(specname="ciclope_regulation_text")
def regulation_text(path: str, markdown: bool) -> tuple[str, list[Problem]]:
    """The file at ``path`` as articles; an empty text and the file's problems when it does not read."""
    regulation, problems = load(path)
    if regulation is None:
        return "", list(problems)
    return render(regulation, markdown), list(problems)


@hookimpl(specname="ciclope_report_sections")
def annex(result: Result) -> list[ReportSection]:
    """The regulation the ente applied, one row per article, so the reader of the Relazione can check the
    figures against the rules."""
    regulation = declared(result.params)
    if regulation is None:
        return []
    rows = tuple((article.heading(n), article.body) for n, article in enumerate(articles(regulation), start=1))
    return [
        *progressions(result, regulation),
        ReportSection(
            title=TITLE,
            columns=("Articolo", "Testo"),
            rows=rows,
            note=f"Il sistema di valutazione come lo dichiara il file del regolamento dell'ente e come ciclope lo "
            f"applica: «{regulation.act.title}». Ogni articolo cita la fonte dell'atto approvato.",
        ),
    ]


def progressions(result: Result, regulation: Regulation) -> list[ReportSection]:
    """The selection for the progressioni economiche ([progressioni]): how many, from how many; names only in the
    internal documents (results.json)."""
    found = result.rewards.extra.get("progressioni_detail") if result.rewards is not None else None
    if not found or regulation.progressions is None:
        return []
    rows = (
        ("Personale in servizio dei ruoli", found["staff"]),
        ("Posti", found["limit"]),
        ("Candidati", len(found["candidates"])),
        ("Selezionati", len(found["selected"])),
    )
    return [
        ReportSection(
            title="Progressioni economiche",
            columns=("Voce", "Valore"),
            rows=rows,
            note=f"Selezione per graduatoria, esclusi i pari merito al limite ({regulation.act.title}, "
            f"{regulation.progressions.source}).",
        )
    ]
