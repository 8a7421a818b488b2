"""The premiums are paid after the OIV validated the Relazione: «La validazione della Relazione sulla performance
[…] è condizione inderogabile per l'accesso agli strumenti per premiare il merito» (D.Lgs. 150/2009 art. 14 c. 6).
A payment dated in ``[atti]`` before the validation is an error at the payment's key, as an act out of the order
``[accesso]`` asks is (:mod:`..pay.access`): a year or month mistyped, or premiums paid that the law did not yet
allow. An ente the article does not bind (:data:`UNDATED`: an ordine professionale, a società) has no such error."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Ente, Problem, fmt
from ciclope.plugins.regolamento.format.spec import UNDATED, Regulation

RULE = "regolamento.premi_prima_della_validazione"
SOURCE = "D.Lgs. 150/2009 art. 14 c. 6"
PAID, VALIDATED = "premi_paid", "relazione_validated_oiv"  # the codes [atti] premi_erogati, relazione_validata_oiv


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    """The error of a payment dated before the validation of the Relazione; none where either has no date."""
    if reg.act.kind in UNDATED:
        return []
    paid, validated = _day(ente.approvals.get(PAID)), _day(ente.approvals.get(VALIDATED))
    if paid is None or validated is None or paid >= validated:
        return []
    # the article is the problem's source, said after the message as every problem's is
    validation = ente.body.said("della validazione della Relazione da parte dell'OIV")
    message = (
        f"premi erogati il {fmt.date_it(paid)}, prima {validation} del {fmt.date_it(validated)} ([atti] "
        "relazione_validata_oiv): la validazione è condizione inderogabile per l'accesso ai premi; correggi la data "
        "sbagliata, o i premi sono stati erogati prima che la legge lo consentisse"
    )
    return [Problem(rule=RULE, source=SOURCE, file="ente.toml", column=f"approvals.{PAID}", message=message)]


def _day(value: object) -> dt.date | None:
    """An act's date; None for an act without one (``true``, a text: said by the load)."""
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None
