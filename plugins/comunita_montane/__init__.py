"""Plugin ``comunita_montane``: the Comunità Montane of the Province of Belluno (003_17a077a346f3b252.txt).

The hook implementations are the ``@hookimpl`` functions of the modules imported here (the core
registers each of them): :mod:`.rules` (computations), :mod:`.checks` (parameter combinations),
:mod:`.schema` (extra input), :mod:`.report` (report sections), :mod:`.synth` (synthetic enti).
``params.toml`` and ``demo/`` sit beside this file. Sources and assumptions: README.md.
"""

from . import cards, checks, deadlines, report, rules, schema, synth  # noqa: F401  (hook modules, registered by the core)

NAME = "comunita_montane"
REGULATIONS = (
    "003_17a077a346f3b252.txt — Regolamento di disciplina della misurazione, valutazione e integrità e "
    "trasparenza della performance e del sistema premiale (Comunità Montane della Provincia di Belluno)",
)
# How readers of the reports know the document (sources are cited by title and article, not by file name).
DOCUMENTS = {
    "003_17a077a346f3b252.txt": "Regolamento della performance e del sistema premiale delle Comunità Montane bellunesi",
}
# The plugin's own statuses in the reports (the others read as written, "_" → " ").
STATUS_LABELS = {"banded": "in fascia"}
