"""A regulation of a Comune, an Unione, a Provincia… that declares no comparto: the ente is of the comparto Funzioni
Locali, yet without ``comparto`` in [atto] ciclope applies no national rule to it (the maggiorazione of the individual
premium, the range of the EQ result pay, the acts of the contract such as ``obiettivi_assegnati``), and nothing said
so. A warning at ``atto.tipo_ente`` says what to write, or ``comparto = "altro"`` for a contract of its own (a
Comune of a region with a special statute has a regional one)."""

from __future__ import annotations

from collections.abc import Mapping

from ciclope.core import Problem
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.read.lines import line_of

RULE = "regolamento.comparto"
# the kinds of ente whose staff is of the comparto Funzioni Locali, as a warning names them
LOCAL = {
    "comune": "i comuni",
    "unione": "le unioni di comuni",
    "comunita_montana": "le comunità montane",
    "provincia": "le province",
    "citta_metropolitana": "le città metropolitane",
    "istituzione_comunale": "le istituzioni dei comuni",
    "regione": "le regioni",
    "camera_di_commercio": "le camere di commercio",
}


def missing(reg: Regulation, where: tuple[str, Mapping[str, int]]) -> list[Problem]:
    """A warning where the ente's kind is of the comparto Funzioni Locali and [atto] names no comparto."""
    kind = reg.act.kind
    if reg.act.comparto is not None or kind not in LOCAL:
        return []
    file, lines = where
    message = (
        f"{LOCAL[kind]} sono del comparto Funzioni Locali, ma [atto] non dice il comparto: ciclope non applica il "
        "contratto nazionale (la maggiorazione del premio individuale, i limiti della retribuzione di risultato delle "
        "EQ, gli atti del contratto come [atti] obiettivi_assegnati). Scrivi in [atto] comparto = «funzioni_locali», "
        "oppure «altro» se l'ente ha un contratto suo (regionale)"
    )
    row = line_of(dict(lines), "atto.tipo_ente")
    return [
        Problem(
            rule=RULE, severity="warning", source=cite(reg, ""), file=file, row=row, column="atto.tipo_ente",
            message=message,
        )
    ]  # fmt: skip
