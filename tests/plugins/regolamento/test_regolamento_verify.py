"""``ciclope verify`` knows the declared regulation among an ente's inputs: results.json records the SHA-256 of the
file cycle.toml names, and a regulation changed since the run is said by name, as a changed data file is, instead of
a list of amounts that differ for no reason given."""

from __future__ import annotations

import hashlib
import json

from ciclope.core.commands.cli import main
from ciclope.core.testing import write_ente

from helpers import one_unit_comune

REGULATION = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Verifica"
tipo_ente = "comune"

[premio]
metodo = "proporzionale"
fonte = "art. 7"
"""
CYCLE = """\
[ciclo]
anno = 2024
risultati = "risultati"

[[ente]]
id = "verifica"
plugin = "regolamento"
dati = "ente"
regolamento = "smvp.toml"
"""


def test_verify_names_the_regulation_changed_since_the_run(tmp_path, capsys):
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in ("A1", "A2")]
    cards = [f"{pid},SEG,Scheda,Voce,100,{points}," for pid, points in (("A1", 80), ("A2", 60))]
    write_ente(
        tmp_path / "ente",
        one_unit_comune("Comune di Verifica", staff, cards, '[fondi]\nperformance_individuale = "1400.00"\n'),
    )
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(CYCLE, encoding="utf-8")
    assert main(["run", str(tmp_path / "cycle.toml"), "--no-store"]) == 0
    folder = tmp_path / "risultati" / "verifica"
    doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(REGULATION.encode("utf-8")).hexdigest()
    assert doc["audit"]["override_files"] == {"regolamento": digest}
    # 1400 in proportion to the scores 80 and 60: 800,00 and 600,00
    assert {k: v["amount"] for k, v in doc["rewards"]["people"].items()} == {"A1": "800.00", "A2": "600.00"}
    capsys.readouterr()
    assert main(["verify", str(folder)]) == 0
    (tmp_path / "smvp.toml").write_text(REGULATION.replace("art. 7", "art. 8"), encoding="utf-8")
    assert main(["verify", str(folder)]) == 1
    said = capsys.readouterr().out
    assert f"file indicato in cycle.toml (regolamento) modificato dopo l'esecuzione: {tmp_path / 'smvp.toml'}" in said
