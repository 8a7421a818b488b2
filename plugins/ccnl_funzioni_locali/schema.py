"""The layer's input beyond SPEC §5: the birth date of people.csv (``data_nascita``, optional), read only to break
a tie at the cut of the maggiorazione where the CCDI names age among its criteria (art. 48 CCNL Funzioni Locali
23.2.2026, :mod:`.ties`). A personal datum: no output prints it."""

from __future__ import annotations

from ciclope.core import InputSchema, cells, hookimpl

from .ties import BIRTH


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    return InputSchema(
        columns={"people.csv": {BIRTH: cells.parse_date}},
        help={
            "people.csv": {
                BIRTH: (
                    "la data di nascita, letta solo se il contratto integrativo scioglie con l'età le parità al limite "
                    "della quota della maggiorazione del premio individuale (CCNL Funzioni Locali); nessun documento "
                    "la riporta",
                    "15/03/1975",
                )
            }
        },
    )
