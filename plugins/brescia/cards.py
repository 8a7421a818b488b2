"""The evaluation cards as the regulation lays them out, for ``ciclope raccolta crea`` (004… §4.2): the PO's
behaviours of §4.2.2 and the staff's card of §4.2.3 with its weights; the Segretario and the dirigenti are
scored on their cruscotto, without a card."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Person, hookimpl

from .common import PO_FACTORS

STAFF = (
    ("Conoscenze e competenze", "Conoscenze normative e procedurali", 15),
    ("Conoscenze e competenze", "Competenze informatiche", 15),
    ("Attività e capacità", "Qualità del lavoro svolto", 20),
    ("Attività e capacità", "Rispetto dei tempi", 20),
    ("Attitudini e soft skills", "Collaborazione e lavoro di gruppo", 15),
    ("Attitudini e soft skills", "Orientamento all'utenza", 15),
)


@hookimpl(specname="ciclope_card_items")
def card_items(person: Person) -> list[tuple[str, str, Decimal, Decimal | None]] | None:
    if person.role == "po":
        return [("Comportamenti (004… §4.2.2)", f.capitalize(), Decimal(10), None) for f in PO_FACTORS]
    if person.role == "dipendente":
        return [(section, item, Decimal(10), Decimal(w)) for section, item, w in STAFF]
    return []
