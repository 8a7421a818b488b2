"""The names an office writes in ente.toml for what ciclope reads under a code (an act of [atti], a fund of
[fondi]): a regulation names them as the office writes them, read as the codes ente.toml's keys are read as, and
a message says them back in the office's words."""

from __future__ import annotations

from collections.abc import Mapping

import attrs


@attrs.frozen
class Words:
    """One table of the office's words → the codes; a name that is not in it is its own code."""

    codes: Mapping[str, str]
    _said: Mapping[str, str] = attrs.field(init=False)

    @_said.default
    def _reversed(self) -> Mapping[str, str]:
        return {code: word for word, code in self.codes.items()}

    def code_of(self, name: str) -> str:
        """The office's word → the code ciclope reads it as (``premi_erogati`` → ``premi_paid``)."""
        return self.codes.get(name, name)

    def said(self, code: str) -> str:
        """The code → the word the office writes (``po_total`` → ``risorse_po``)."""
        return self._said.get(code, code)
