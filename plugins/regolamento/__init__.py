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

NAME = "regolamento"
# each regulation names its comparto ([atto] comparto): the layer of that comparto runs for its enti only
COMPARTO = COMPARTO_PER_ENTE
REGULATIONS = ("il regolamento dichiarato dall'ente nel file TOML indicato in cycle.toml (regolamento = …)",)
STATUS_LABELS = {
    "escluso_assenze": "escluso per assenze",
    "escluso_punteggio_minimo": "escluso: punteggio sotto il minimo",
    "escluso_insufficiente": "escluso: insufficiente rendimento",
    "escluso_sanzione": "escluso per sanzione disciplinare",
    "escluso_unita_sotto": "escluso: obiettivi dell'unità non raggiunti",
    "escluso_formula": "escluso per una condizione del regolamento",
    "valutazione_negativa": "valutazione negativa",
    "senza_posizione": "senza retribuzione di posizione",
    "senza_valutazione_individuale": "senza valutazione individuale",  # paid only by parts that read none
    "non_ammesso": "non ammesso: la condizione della parte non vale",  # ammesso, for every part that pays the role
}
LABELS = {
    "scheda": "scheda di valutazione",
    "unità × 100": "performance dell'unità",
    "ente × 100": "performance dell'ente",
    "cruscotto × 100": "cruscotto personale",
    "motivo": "motivo",
    "performance_individuale": "Premi per la performance individuale",
    "risultato_po": "Retribuzione di risultato delle PO / EQ",
}
# the ente's regulation file (``regolamento = …`` in cycle.toml): ``ciclope template`` starts it from nuovo.toml
ENTE_FILES = {"regolamento": ("regolamento.toml", "nuovo.toml")}
FUND_GROUPS = {"performance_individuale": "personale", "risultato_po": "dirigenti e PO"}
