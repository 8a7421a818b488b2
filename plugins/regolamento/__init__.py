"""Plugin `regolamento`: an ente's SMVP declared in a TOML file, without Python (docs/regolamento.md).

``cycle.toml`` names the file per ente (``[[ente]] plugin = "regolamento"``, ``regolamento = "FILE.toml"``);
many enti may share one. The format is declared once in :mod:`format.spec`, read and checked by :mod:`read.reader`
and :mod:`read.consistency`, shipped as a JSON Schema (``regolamento.schema.json``, :mod:`format.schemagen`). The hook
implementations are the ``@hookimpl`` functions of :mod:`.rules`.
"""

from ciclope.core import COMPARTO_PER_ENTE

# the hook modules, registered by the core with the hooks each defines
from ciclope.plugins.regolamento import rules, synth  # noqa: F401
from ciclope.plugins.regolamento.say import annex  # noqa: F401
from ciclope.plugins.regolamento.say.codes import LABELS, STATUS_LABELS  # noqa: F401

NAME = "regolamento"
# each regulation names its comparto ([atto] comparto): the layer of that comparto runs for its enti only
COMPARTO = COMPARTO_PER_ENTE
REGULATIONS = ("il regolamento dichiarato dall'ente nel file TOML indicato in cycle.toml (regolamento = …)",)
# the ente's regulation file (``regolamento = …`` in cycle.toml): ``ciclope template`` starts it from nuovo.toml
ENTE_FILES = {"regolamento": ("regolamento.toml", "nuovo.toml")}
# beside it, the format as JSON Schema: the regulation's first line points an editor at it
OFFICE_FILES = ("regolamento.schema.json",)
FUND_GROUPS = {"performance_individuale": "personale", "risultato_po": "dirigenti e PO"}
