"""The methods of a premium, in one table: what each one is, for every stage that reads it.

The reader takes the names as the choices of ``metodo``; the pay stage looks each one up in its own table of
functions (:mod:`pay.premium`, :mod:`pay.parts`), where a name without a function is a bug, never a fall-through
to another method; the sentences of ``regolamento leggi`` and the national layer read the properties below.
"""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Method:
    name: str
    words: str  # what the method does, as the reference of the format says it
    since: int = 1  # 1: also [premio]; 2: only a part of [[premi]]
    chosen: bool = False  # pays people chosen elsewhere (a band of an earlier part, premi.csv): nobody weighed here
    individual: bool = True  # the individual premium the comparto's layer reads (a bonus of the best is not)
    part_time: bool = True  # the paid share applies (part time, days in service, reductions)
    # reads no evaluation when the premium says ``valutazione = false``: a weight (1, or ``peso``), an amount
    # (``importo``) or the amounts written in premi.csv; every other method ranks, bands or pays by a score or a level
    unscored: bool = False


TABLE = (
    Method(
        "proporzionale",
        "il fondo diviso in proporzione a punteggio × quota pagata (o al peso della formula)",
        unscored=True,
    ),  # fmt: skip
    Method("soglie", "il 100% del massimo da una soglia, lineare o per punteggio tra due, nulla sotto"),
    Method("livelli", "un coefficiente per livello × il massimo, o il fondo diviso per coefficiente × quota pagata"),
    Method("fasce", "fasce di merito con quote di personale e di risorse"),
    Method(
        "budget",
        "un budget individuale = fondo × peso della persona / Σ pesi, pagato × il coefficiente del "
        "livello o × punteggio / 100",
        since=2,
    ),  # fmt: skip
    Method(
        "migliori",
        "una quota dei migliori di una fascia di una parte precedente, in parti uguali",
        since=2,
        chosen=True,
        individual=False,
        part_time=False,
    ),  # fmt: skip
    Method(
        "importi", "gli importi decisi e scritti in premi.csv", since=2, chosen=True, part_time=False, unscored=True
    ),  # fmt: skip
    Method(
        "formula",
        "l'importo di ciascuno dalla formula importo (anche per incarico di incarichi.csv)",
        since=2,
        unscored=True,
    ),  # fmt: skip
)
METHODS = {m.name: m for m in TABLE}
PREMIO = tuple(m.name for m in TABLE if m.since == 1)  # the methods of [premio] (format 1)
PARTS = tuple(m.name for m in TABLE)  # the methods of a part of [[premi]] (format 2)
UNSCORED = tuple(m.name for m in TABLE if m.unscored)  # the methods of a premium with valutazione = false


def described(names: tuple[str, ...]) -> str:
    """The methods as the reference of the format lists them: «proporzionale (…), soglie (…)»."""
    return ", ".join(f"{n} ({METHODS[n].words})" for n in names)


def time_read_by(premium: Any) -> str:
    """The formula of a premium or part that reads the time worked (``quota_tempo``), «dell'importo» or «del peso», or "":
    with ``tempo_parziale = "intero"`` the premium is then what that formula makes of the time, never said whole."""
    for words, formula in (
        ("dell'importo", getattr(premium, "amount", None)),
        ("del peso", getattr(premium, "weight", None)),
    ):
        if "quota_tempo" in getattr(formula, "uses", ()):
            return words
    return ""
