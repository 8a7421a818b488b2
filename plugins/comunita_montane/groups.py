"""The group each fund pays, a module of its own: the package declares it (``FUND_GROUPS``, read by the core) and
:mod:`.transparency` reads it, with no import of the package from one of its modules."""

from __future__ import annotations

# The group each fund pays (its «premi stanziati» in premi-art20.csv, even when nobody received it).
FUND_GROUPS = {
    "performance_individuale": "personale",
    "bonus_eccellenze": "personale",
    "premi_innovazione": "personale",
    "risultato_po_dirigenti": "dirigenti e PO",
}
