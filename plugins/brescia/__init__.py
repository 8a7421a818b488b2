"""Plugin `brescia`: Camera di Commercio di Brescia (rules/brescia.md).

Posizioni organizzative (001_2164dd4e03a9b49f.txt, Delibera 9/C 2018) and the SMVP 2021
(004_a450255962d2094d.txt). The hook implementations are the ``@hookimpl`` functions of the modules imported here (the core
registers each of them), one per phase or concept: :mod:`.checks` (parameter combinations),
:mod:`.validation` and :mod:`.eligibility` (phase a), :mod:`.funds` (phase b), :mod:`.attestation`
(phase c), :mod:`.scores` (phase d), :mod:`.awards` and :mod:`.positions` (phase e), :mod:`.rules` and
:mod:`.deadlines` (the calendar), :mod:`.schema` (extra input), :mod:`.cards`, :mod:`.report`,
:mod:`.synth`; :mod:`.common` holds what they share. ``params.toml`` and ``demo/`` sit beside this file.
"""

from . import (  # noqa: F401  (hook modules, registered by the core)
    attestation,
    awards,
    cards,
    checks,
    deadlines,
    eligibility,
    funds,
    national,
    positions,
    report,
    rules,
    schema,
    scores,
    synth,
    validation,
)

NAME = "brescia"
# the national contract area: the layer of the CCNL Funzioni Locali runs under this plugin (docs/plugin-guide.md)
COMPARTO = "funzioni_locali"
REGULATIONS = (
    "001_2164dd4e03a9b49f.txt — CCIAA di Brescia, Delibera 9/C 2018: criteri generali per le posizioni organizzative",
    "004_a450255962d2094d.txt — CCIAA di Brescia, Sistema di misurazione e valutazione della performance 2021",
)
# How readers of the reports know the documents (sources are cited by title and article, not by file name).
DOCUMENTS = {
    "001_2164dd4e03a9b49f.txt": "Criteri per le posizioni organizzative della CCIAA di Brescia (Delibera 9/C 2018)",
    "004_a450255962d2094d.txt": "SMVP 2021 della CCIAA di Brescia",
}

# The plugin's codes in Italian for the reports (statuses, components of a score, funds: docs/plugin-guide.md).
LABELS = {
    "organizzativa": "performance organizzativa",
    "unita": "performance dell'unità",
    "scheda": "scheda di valutazione",
    "peso_unita": "peso dell'unità",
    "motivo": "motivo",
    "po_total": "Risorse per posizione e risultato delle PO",
    "stable_dirigenti": "Parte stabile del fondo dei dirigenti",
    "stable_staff": "Parte stabile del fondo del personale",
    "po_posizione": "Fondo per la retribuzione di posizione delle PO",
    "po_risultato": "Fondo per la retribuzione di risultato delle PO",
    "dirigenti:": "Fondo dirigenti",
    "staff:": "Fondo personale",
}
# The group each fund pays (its «premi stanziati» in premi-art20.csv, even when nobody received it).
FUND_GROUPS = {"dirigenti:": "dirigenti e PO", "staff:": "personale", "po_risultato": "dirigenti e PO"}
