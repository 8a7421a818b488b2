"""What ``ciclope verify`` says of a figure that differs between a folder's results.json and the recomputation,
for the office: the figure by what it is and whose («Premio di Anna Colavita (D01)»), never the file's path of
keys; the file's value and the recomputed one each named («nel file € 1.600,00, ricalcolato € 600,00»), said as
the documents say them (euro, percentages and points with a decimal comma, a status by its words)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from ciclope.core.labels import STATUS_LABELS
from ciclope.core.reports import fmt
from ciclope.core.result import Result

MISSING = object()  # a key one side has and the other does not

# the first key of results.json → what it holds, for a figure no line below names
SECTIONS = {
    "organizational": "performance organizzativa",
    "monitoring": "monitoraggio intermedio",
    "individual": "valutazioni individuali",
    "rewards": "premi",
    "positions": "posizioni organizzative",
    "revisions": "riesami",
    "calendar": "calendario degli atti",
    "violations": "violazioni",
    "audit": "dati della verifica (input registrati)",
}
PERSON_FIELDS = {
    "amount": ("Premio", "money"),
    "band": ("Fascia", "text"),
    "pool": ("Fondo del premio", "text"),
    "score": ("Punteggio", "score"),
    "level": ("Livello", "text"),
    "status": ("Esito", "status"),
}
POOL_FIELDS = {"amount": "stanziato", "distributed": "distribuito", "residual": "non distribuito"}
ORG_FIELDS = {"ente": "Performance dell'ente (calcolata)", "oiv_attested": "Performance attestata"}
INDICATOR_FIELDS = {
    "achievement": ("Raggiungimento", "pct"),
    "target": ("Target", "text"),
    "actual": ("Consuntivo", "text"),
    "status": ("Stato", "status"),
    "scored": ("Misurato", "text"),
}
ORG_TABLES = {"areas": "area", "objectives": "obiettivo", "units": "unità", "indicators": "indicatore"}


def said_difference(path: Sequence[str], recorded: Any, fresh: Any, result: Result) -> str:
    """One line: the figure at ``path`` in words, with the file's value (``recorded``) and the recomputed one
    (``fresh``); :data:`MISSING` for a side that has no such figure."""
    what, kind = figure_words(path, result)
    said = _value_words(kind, result)
    file_side = "nel file manca" if recorded is MISSING else f"nel file {said(recorded)}"
    fresh_side = "assente nel ricalcolo" if fresh is MISSING else f"ricalcolato {said(fresh)}"
    return f"{what}: {file_side}, {fresh_side}"


def figure_words(path: Sequence[str], result: Result) -> tuple[str, str]:
    """What the figure at ``path`` is, in words, and how its value reads (``money``, ``score``, ``pct``,
    ``status``, ``text``)."""
    keys = list(path)
    ente = result.ente
    if len(keys) == 4 and keys[:2] == ["rewards", "people"] and keys[3] in PERSON_FIELDS:
        word, kind = PERSON_FIELDS[keys[3]]
        return f"{word} di {_person(keys[2], result)}", kind
    if len(keys) == 3 and keys[0] == "individual" and keys[2] in PERSON_FIELDS:
        word, kind = PERSON_FIELDS[keys[2]]
        return f"{word} di {_person(keys[1], result)}", kind
    if len(keys) == 4 and keys[0] == "individual" and keys[2] == "breakdown":
        return (
            f"Componente «{fmt.label(keys[3], result.plugin.status_labels)}» del punteggio di {_person(keys[1], result)}",
            "score",
        )
    if len(keys) == 4 and keys[:2] == ["rewards", "pools"] and keys[3] in POOL_FIELDS:
        label = fmt.fund(keys[2], "", result.plugin.status_labels)
        return f"{label}: importo {POOL_FIELDS[keys[3]]}", "money"
    if len(keys) == 2 and keys[0] == "organizational" and keys[1] in ORG_FIELDS:
        return ORG_FIELDS[keys[1]], "pct"
    if len(keys) >= 3 and keys[0] == "organizational" and keys[1] in ORG_TABLES:
        name = _named(getattr(ente, keys[1], {}).get(keys[2]))
        word, kind = ("Raggiungimento", "pct") if len(keys) == 3 else INDICATOR_FIELDS.get(keys[3], ("Dato", "text"))
        return f"{word} dell'{ORG_TABLES[keys[1]]} {keys[2]}" + (f" ({name})" if name else ""), kind
    return f"Altro dato registrato ({SECTIONS.get(keys[0], 'dati generali del risultato')})", "text"


def _person(pid: str, result: Result) -> str:
    """«Anna Colavita (D01)»; the code alone for someone the recomputation does not know."""
    person = result.ente.people.get(pid)
    return f"{person.name} ({pid})" if person is not None and person.name else pid


def _named(item: Any) -> str:
    """An area's, unit's or objective's name (an objective's title)."""
    return str(getattr(item, "name", "") or getattr(item, "title", "") or "")


def _value_words(kind: str, result: Result) -> Callable[[Any], str]:
    """How a value of ``kind`` reads: euro, points, a percentage, a status's words; anything else as the
    documents say it, a text between «»."""
    statuses = {**STATUS_LABELS, **result.plugin.status_labels}

    def said(value: Any) -> str:
        number = _number(value)
        if kind == "money" and number is not None:
            return fmt.euro(number)
        if kind == "score" and number is not None:
            return fmt.score(number)
        if kind == "pct" and number is not None:
            return fmt.pct(number)
        if kind == "status" and isinstance(value, str):
            return statuses.get(value, value.replace("_", " "))
        if value is None or isinstance(value, (dict, list)):
            return "nessun valore" if not value else "un elenco di valori"
        return fmt.quoted(fmt.value(value)) if isinstance(value, str) else fmt.value(value)

    return said


def _number(value: Any) -> Decimal | None:
    """A number as results.json writes it (an amount as a text «600.00»), None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def walk(a: Any, b: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any, Any]]:
    """Each figure that differs between ``a`` (the file's) and ``b`` (the recomputed): its path of keys and the
    two values, :data:`MISSING` for a side without it."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        out = []
        for k in list(a) + [k for k in b if k not in a]:
            out += walk(a.get(k, MISSING), b.get(k, MISSING), (*path, str(k)))
        return out
    return [] if a == b else [(path, a, b)]
