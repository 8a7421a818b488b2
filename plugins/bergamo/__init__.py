"""Plugin `bergamo`: Camera di Commercio di Bergamo (rules/bergamo.md).

Regolamento di organizzazione (000_c472ac27e970ca85.txt) and Piano della Performance 2021–2023
(002_cb68e27bcf5376bc.txt). The hook implementations are the ``@hookimpl`` functions of the modules
imported here (the core registers each of them): :mod:`.rules` (the computations), :mod:`.report`
(report sections), :mod:`.schema` (extra input), :mod:`.synth` (synthetic enti). ``params.toml`` and ``demo/`` sit beside this file.
"""

from . import (  # noqa: F401  (hook modules, registered by the core)
    awards,
    cards,
    checks,
    deadlines,
    national,
    report,
    rules,
    schema,
    scores,
    synth,
    validation,
)

NAME = "bergamo"
# the national contract area: the layer of the CCNL Funzioni Locali runs under this plugin (docs/plugin-guide.md)
COMPARTO = "funzioni_locali"
REGULATIONS = (
    "000_c472ac27e970ca85.txt — CCIAA di Bergamo, Regolamento di organizzazione (art. 26–28 PO, art. 35–47 SMVP)",
    "002_cb68e27bcf5376bc.txt — CCIAA di Bergamo, Piano della Performance 2021–2023 (Balanced Scorecard, cruscotti)",
)
# How readers of the reports know the documents (sources are cited by title and article, not by file name).
DOCUMENTS = {
    "000_c472ac27e970ca85.txt": "Regolamento di organizzazione della CCIAA di Bergamo",
    "002_cb68e27bcf5376bc.txt": "Piano della Performance 2021–2023 della CCIAA di Bergamo",
}

# The plugin's codes in Italian for the reports (statuses, components of a score, funds: docs/plugin-guide.md).
LABELS = {
    "servizio": "servizio",
    "unita": "performance del servizio",
    "obiettivi": "obiettivi individuali",
    "scheda": "scheda dei comportamenti",
    "peso_unita": "peso del servizio",
    "peso_obiettivi": "peso degli obiettivi",
    "peso_scheda": "peso dei comportamenti",
    "nota": "nota",
    "motivo": "motivo",
    "performance_individuale": "Premi per la performance individuale (art. 45–46)",
    "risultato_po": "Retribuzione di risultato delle PO (art. 28)",
}
# The group each fund pays (its «premi stanziati» in premi-art20.csv, even when nobody received it).
FUND_GROUPS = {"performance_individuale": "personale", "risultato_po": "dirigenti e PO"}
