"""The evaluation cards as the regulation lays them out, for ``ciclope raccolta crea`` (rules/comunita_montane.md):
the Segretario's and the PO's card (art. 20: objectives, contribution, competences, differentiation of the
judgements) and the staff's (art. 17: objectives, contribution to the unit, competences, teamwork)."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Person, hookimpl

HEADS = (
    ("b) obiettivi", "Raggiungimento di specifici obiettivi individuali", 40),
    ("c) contributo", "Contributo alla performance generale della struttura", 30),
    ("c) competenze", "Competenze professionali e manageriali", 15),
    ("d) differenziazione", "Capacità di valutazione dei collaboratori (differenziazione dei giudizi)", 15),
)
STAFF = (
    ("obiettivi", "Raggiungimento di obiettivi di gruppo o individuali", 40),
    ("contributo", "Contributo alla performance dell'unità organizzativa", 30),
    ("competenze", "Competenze e comportamenti professionali e organizzativi", 20),
    ("competenze", "Apporto al lavoro di gruppo", 10),
)


@hookimpl(specname="ciclope_card_items")
def card_items(person: Person) -> list[tuple[str, str, Decimal, Decimal | None]] | None:
    card = HEADS if person.role in ("segretario", "po", "dirigente") else STAFF
    return [(section, item, Decimal(top), None) for section, item, top in card]
