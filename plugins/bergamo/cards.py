"""The evaluation cards as the regulation lays them out, for ``ciclope raccolta crea`` (000… art. 35–47, SMVP):
the PO's behaviours and management skills, the staff's organizational behaviours and competences; the
Segretario and the dirigenti are scored on their cruscotto, without a card."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Person, hookimpl

PO = (
    "Autonomia decisionale e gestione del cambiamento",
    "Competenze professionali e gestionali",
    "Coordinamento e gestione delle risorse umane",
    "Relazioni con gli interlocutori interni ed esterni",
)
STAFF = (
    "Orientamento al risultato e all'utenza",
    "Collaborazione e integrazione nel Servizio",
    "Flessibilità, autonomia e innovazione",
    "Competenze professionali dimostrate",
)


@hookimpl(specname="ciclope_card_items")
def card_items(person: Person) -> list[tuple[str, str, Decimal, Decimal | None]] | None:
    if person.role == "po":
        return [("comportamenti e capacità di gestione", item, Decimal(10), None) for item in PO]
    if person.role == "dipendente":
        return [("comportamenti organizzativi e competenze", item, Decimal(10), None) for item in STAFF]
    return []
