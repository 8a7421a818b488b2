"""The days of absence «La persona» states on a personal scheda: those the ente's rules read, never a 0 nobody read.

A regulation may read the absences from the core's column (``absence_days``, giorni_assenza) or from a column of days
it declares itself (a declared regulation's ``[[colonne]]`` of ``tipo = "giorni"``: «i giorni di assenza non
previsti»). The scheda shows each column of days of people.csv that a figure of the ente reads (an input on its
cell, for any person: a rule that reads the column reads everyone's), under the words the figure names it by — the
office's own description of a declared column; the core's column as «Giorni di assenza», also where the office
wrote days in it that no rule reads (the person's data). The core's column nobody wrote or read is no line: a
scheda that says «Giorni di assenza 0» beside a cut for 10 days of the regulation's own column contradicts itself.
"""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import values
from ciclope.core.plugininfo import without_article
from ciclope.core.reports import fmt
from ciclope.core.result import Result

STANDARD = "absence_days"


def absence_lines(result: Result, pid: str) -> tuple[tuple[str, str], ...]:
    """(label, value) of each column of days of ``pid``'s row the scheda states: the core's «Giorni di assenza»
    where a rule reads it or the office wrote days in it, then the regulation's own columns of days its rules read."""
    person = result.ente.people[pid]
    read = _days_read(result)
    out = []
    if STANDARD in read or person.absence_days:
        out.append(("Giorni di assenza", fmt.decimal_it(person.absence_days)))
    for column, words in read.items():
        if column != STANDARD:
            days = person.extra.get(column)
            out.append((_label(words), fmt.decimal_it(days if isinstance(days, Decimal) else Decimal(0))))
    return tuple(out)


def _label(words: str) -> str:
    """«i giorni di assenza non previsti» → «Giorni di assenza non previsti»: a row's label, without its article."""
    bare = without_article(words)
    return bare[:1].upper() + bare[1:]


def _days_read(result: Result) -> dict[str, str]:
    """The columns of days of people.csv some figure of the ente reads → the words of the first input naming it."""
    return result.memo("schede.days_read", lambda: _scan(result))


def _scan(result: Result) -> dict[str, str]:
    days = {STANDARD, *_declared_days(result)}
    prefix = f"{result.ente.file_of('people')}:"
    out: dict[str, str] = {}
    for figure in result.figures.values():
        for i in figure.inputs:
            column = i.cell.rsplit(":", 1)[-1] if i.cell.startswith(prefix) else ""
            if column in days:
                out.setdefault(column, i.name)
    return dict(sorted(out.items(), key=lambda item: item[0] != STANDARD))


def _declared_days(result: Result) -> set[str]:
    """The plugin's own columns of people.csv it reads as days (its InputSchema's, with the ente's regulation's)."""
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks, available_plugins

    if result.plugin.name not in available_plugins():
        return set()
    out: set[str] = set()
    for schema in Hooks.for_plugin(result.plugin.name)[0].answers(hookspecs.ciclope_input_schema, params=result.params):
        out.update(c for c, parser in schema.columns.get("people.csv", {}).items() if parser is values.parse_days)
    return out
