"""A fund of ente.toml's [fondi] that nothing in the regulation reads: no part of the premium pays it, no result pay,
weighing, progression or formula reads it. It was kept as a pool and published: trasparenza.csv showed it as
«stanziato» and premi-art20.csv counted it among the staff's premi stanziati and in the premio medio conseguibile,
though nobody could be paid from it (an office had written its EQ resources there «for reference»). A warning at
the fund says so, and the fund is left out of the cycle (:func:`unused`): neither distributed nor published. A fund
typed in place of one the regulation misses is the error that names both (:func:`funds.missing`), not this; a fund
the fondo risorse decentrate destines is that sheet's to check; ``x_`` marks the office's own note."""

from __future__ import annotations

from ciclope.core import Ente, Problem, fmt
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation

RULE = "regolamento.fondo_non_usato"


def unused(reg: Regulation, ente: Ente) -> list[str]:
    """The funds of [fondi] the regulation does not read, in the order ente.toml gives them."""
    known = set(reg.known_funds) | set(ente.fund_keys)
    absent = [code for code in reg.known_funds if code not in ente.funds]
    return [
        name
        for name in ente.funds
        if name not in known
        and name not in ente.fund_refs
        and not name.startswith("x_")
        and not any(funds.mistyped(code, [name]) for code in absent)
    ]


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    """One warning per fund of [fondi] that nothing reads."""
    read = ", ".join(fmt.quoted(funds.said(code)) for code in reg.known_funds) or "nessuno"
    return [
        Problem(
            rule=RULE,
            severity="warning",
            source=cite(reg, ""),
            file="ente.toml",
            column=f"funds.{name}",
            message=f"[fondi] {funds.said(name)} ({fmt.euro(ente.funds[name])}): nessuna parte del regolamento paga "
            f"questo fondo e nessuna formula lo legge (i fondi del regolamento: {read}): non è distribuito né "
            f"pubblicato tra i premi stanziati. Toglilo, o scrivilo {fmt.quoted('x_' + funds.said(name))} se è una nota "
            "dell'ufficio",
        )
        for name in unused(reg, ente)
    ]
