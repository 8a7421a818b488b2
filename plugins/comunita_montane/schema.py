"""The Comunità Montane's input beyond SPEC §5: position pay and the innovation awards."""
from __future__ import annotations

from ciclope.core import InputSchema, choice, hookimpl, parse_bool, parse_id, parse_money

INNOVATION_KINDS = ("innovazione", "efficienza", "alta_formazione")


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    # people.csv position_pay: retribuzione di posizione, weight of the result pay (art. 21);
    # innovation.csv: premi per l'innovazione / alta formazione, in conflict with the bonus (art. 18.4).
    return InputSchema(
        columns={"people.csv": {"position_pay": parse_money}},
        files={"innovation.csv": {"person": parse_id, "kind": choice(*INNOVATION_KINDS), "renounced_bonus": parse_bool}},
        required={"innovation.csv": ("person", "kind")},
    )
