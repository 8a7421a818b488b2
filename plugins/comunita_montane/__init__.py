"""Plugin ``comunita_montane``: the Comunità Montane of the Province of Belluno (003_17a077a346f3b252.txt).

The hook implementations are the ``@hookimpl`` functions of the modules imported here (the core
registers each of them): :mod:`.scores` (checks on the input, individual scores), :mod:`.rules` (phase e,
joining one module per article: :mod:`.statuses` and :mod:`.bands` art. 17, :mod:`.resultpay` art. 21,
:mod:`.bonus` art. 18, :mod:`.prizes` art. 19, :mod:`.progressions` art. 20, :mod:`.savings` art. 26,
:mod:`.differentiation` art. 11.2 lett. d, :mod:`.transparency` art. 28), :mod:`.checks` (parameter
combinations), :mod:`.schema` (extra input), :mod:`.report` (report sections), :mod:`.deadlines` (calendar),
:mod:`.synth` (synthetic enti). ``params.toml`` and ``demo/`` sit beside this file. Sources and assumptions:
README.md.
"""

from . import cards, checks, deadlines, national, report, rules, schema, scores, synth  # noqa: F401  (hook modules, registered by the core)
from .groups import FUND_GROUPS as FUND_GROUPS  # what the core reads of the plugin, beside NAME and LABELS

NAME = "comunita_montane"
# the national contract area: the layer of the CCNL Funzioni Locali runs under this plugin (docs/plugin-guide.md)
COMPARTO = "funzioni_locali"
REGULATIONS = (
    "003_17a077a346f3b252.txt — Regolamento di disciplina della misurazione, valutazione e integrità e "
    "trasparenza della performance e del sistema premiale (Comunità Montane della Provincia di Belluno)",
)
# How readers of the reports know the document (sources are cited by title and article, not by file name).
DOCUMENTS = {
    "003_17a077a346f3b252.txt": "Regolamento della performance e del sistema premiale delle Comunità Montane bellunesi",
}
# The plugin's own statuses in the reports (the others read as written, "_" → " ").
STATUS_LABELS = {
    "banded": "in fascia",
    "non_valutabile": "non valutabile (assenze)",
    "adeguata": "adeguata (sotto 70)",
    "non_adeguata": "non adeguata",
    "escluso_peg": "escluso (PEG sotto il 70%)",
}
# The plugin's other codes in Italian for the reports (components of a score, funds: docs/plugin-guide.md).
LABELS = {
    "scheda": "scheda di valutazione",
    "unita": "performance della struttura",
    "peso_unita": "peso della struttura",
    "performance_individuale": "Premi annuali sui risultati della performance (art. 17)",
    "risultato_po_dirigenti": "Retribuzione di risultato di dirigenti e PO (art. 21)",
    "bonus_eccellenze": "Bonus annuale delle eccellenze (art. 18)",
    "premi_innovazione": "Premi per l'innovazione e l'efficienza (art. 19)",
    "savings": "Risparmi documentati (art. 26.3)",
    "position_pay": "retribuzione di posizione",
}
