"""The Comunità Montane's input beyond SPEC §5: position pay and the innovation awards."""

from __future__ import annotations

from ciclope.core import InputSchema, cells, hookimpl

INNOVATION_KINDS = ("innovazione", "efficienza", "alta_formazione")
# art. 18.4 names only the innovation prize and advanced training: the efficiency prize is compatible
BONUS_INCOMPATIBLE = ("innovazione", "alta_formazione")


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    # people.csv position_pay: retribuzione di posizione, weight of the result pay (art. 21);
    # innovation.csv: premi per l'innovazione / l'efficienza / alta formazione (art. 19, 18.4); ``amount`` is
    # the prize decided by the OIV or the conferenza, paid from [funds] premi_innovazione (art. 19.1).
    return InputSchema(
        columns={"people.csv": {"position_pay": cells.parse_money}},
        files={
            "innovation.csv": {
                "person": cells.parse_id,
                "kind": cells.choice(*INNOVATION_KINDS, aliases={"alta formazione": "alta_formazione"}),
                "renounced_bonus": cells.parse_bool,
                "amount": cells.parse_money,
            }
        },
        required={"innovation.csv": ("person", "kind")},
        titles={"innovation.csv": "innovazione"},
        help={
            "people.csv": {
                "position_pay": ("retribuzione di posizione annua lorda di dirigenti e PO, in euro (art. 21)", "9500")
            },
            "innovation.csv": {
                "person": ("codice della persona premiata (foglio persone)", "rossi-m"),
                "kind": ("il premio (art. 19, 18.4)", ""),
                "renounced_bonus": ("SI se la persona rinuncia al bonus delle eccellenze per questo premio", "NO"),
                "amount": ("importo deciso dall'OIV o dalla conferenza, in euro", "500"),
            },
        },
        headers={
            "people.csv": {"position_pay": "retribuzione_posizione"},
            "innovation.csv": {
                "person": "persona",
                "kind": "tipo",
                "renounced_bonus": "rinuncia_al_bonus",
                "amount": "importo",
            },
        },
        funds=("performance_individuale", "risultato_po_dirigenti", "bonus_eccellenze", "premi_innovazione", "savings"),
        approvals=("bonus_decided", "bonus_paid", "savings_validated_oiv"),
    )
