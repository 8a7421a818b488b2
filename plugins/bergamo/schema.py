"""Bergamo's input beyond SPEC §5: the PO's position pay, which weights their result pay (000… art. 28)."""

from __future__ import annotations

from ciclope.core import InputSchema, cells, hookimpl


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    # people.csv position_pay: retribuzione di posizione of a PO; each PO's share of [funds] risultato_po is
    # in proportion to it (equal shares when the column is absent), rules/bergamo.md §4
    return InputSchema(
        columns={"people.csv": {"position_pay": cells.parse_money}},
        headers={"people.csv": {"position_pay": "retribuzione_posizione"}},
        help={
            "people.csv": {
                "position_pay": (
                    "la retribuzione di posizione annua di una PO: la sua quota del fondo della retribuzione di "
                    "risultato è in proporzione (quote uguali se la colonna manca)",
                    "9500,00",
                )
            }
        },
        funds=("performance_individuale", "risultato_po"),
        approvals=("monitoraggio_assestamento",),
    )
