"""Which documents of an ente may be written for publication (Amministrazione trasparente): none from a
calculation with errors, whose figures the office must correct first."""

from __future__ import annotations

from ciclope.core.result import Result

# the documents an ente publishes (Amministrazione trasparente): never written from a calculation with errors
PUBLIC_DOCUMENTS = ("relazione-pubblica.html", "relazione-pubblica.pdf", "trasparenza.csv", "premi-art20.csv")
UNPUBLISHABLE = "il calcolo dell'ente ha errori: i documenti da pubblicare si scrivono quando sono corretti"


def publishable(result: Result) -> bool:
    """Whether the ente's documents for publication may be written: a calculation with errors has figures the office
    must correct first (a grade the regulation lacks pays its person by a parameter of 0 and her colleagues her
    share), which a published table would carry to the public. The internal documents are written: they list the
    errors beside the figures they touch."""
    return not any(p.is_error for p in result.violations)


def documents(result: Result, names: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` without the documents for publication where the ente's calculation has errors."""
    return names if publishable(result) else tuple(n for n in names if n not in PUBLIC_DOCUMENTS)
