"""The demo Comuni of the declared regulation match their hand-computed expected.json; the starting file of
``ciclope new-plugin --toml`` validates and runs; explain cites the act by title and the declared fonte."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ciclope.core.commands.scaffold import create_regulation
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import check_expected, lookup
from ciclope.plugins import regolamento

from helpers import ciclope

DEMO = Path(regolamento.__file__).parent / "demo"


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    work = tmp_path_factory.mktemp("demo")
    shutil.copytree(DEMO, work / "demo", ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    done = ciclope("run", str(work / "demo" / "cycle.toml"), "--out", str(work / "out"), "--no-store")
    assert done.returncode == 0, done.stdout + done.stderr
    return work / "out"


# (ente, people paid nothing: the excluded of comune-soglie and comune-livelli; in comune-parti everyone is paid)
@pytest.mark.parametrize(
    "ente, zeros", [("comune-soglie", 2), ("comune-livelli", 2), ("comune-parti", 0), ("comune-fondo", 2)]
)
def test_the_demo_matches_its_expected_json(demo_out, ente, zeros):
    expected = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))[ente]
    results = json.loads((demo_out / ente / "results.json").read_text(encoding="utf-8"))
    zero = [k.removeprefix("!zero:") for k in expected if k.startswith("!zero:")]
    assert check_expected(results, {k: v for k, v in expected.items() if not k.startswith("!zero:")}) == []
    assert len(zero) == zeros and all(lookup(results, k) == "0.00" for k in zero)


@pytest.mark.parametrize(
    "ente, act",
    [
        ("comune-soglie", "Sistema di misurazione e valutazione della performance del Comune di Soglie"),
        ("comune-livelli", "Regolamento sulla misurazione e valutazione della performance del Comune di Livelli"),
        ("comune-parti", "Sistema di misurazione e valutazione della performance del Comune di Parti"),
        ("comune-fondo", "Sistema di misurazione e valutazione della performance del Comune di Pratofondo"),
    ],
)
def test_each_relazione_names_the_act_its_ente_declared(demo_out, ente, act):
    """Each Comune's Relazioni cite its own act ([atto] titolo), not the plugin's generic description, and the
    public one names no file of the office's machine."""
    for name in ("relazione.html", "relazione-pubblica.html"):
        text = (demo_out / ente / name).read_text(encoding="utf-8")
        assert f"<li>{act}</li>" in text, name
        assert "dichiarato dall'ente nel file TOML" not in text, name
    public = (demo_out / ente / "relazione-pubblica.html").read_text(encoding="utf-8")
    assert ".toml" not in public.replace("ente.toml", "")


def test_explain_cites_the_act_and_the_fonte():
    done = ciclope("explain", str(DEMO / "cycle.toml"), "--ente", "comune-soglie", "--person", "D7")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    # D7: a written reprimand, worse than the verbal one: excluded by art. 9 c. 4
    assert "Sistema di misurazione e valutazione della performance del Comune di Soglie, art. 9 c. 4" in text
    # the cell «rimprovero_scritto», a code of the scale, in the scale's words as the rule says «rimprovero verbale»
    assert "sanzione disciplinare = rimprovero scritto   ← persone.csv, riga 9, colonna sanzione" in text
    assert ".toml" not in text.replace("ente.toml", "")  # acts by title, never by file name


def test_the_starting_file_validates_and_runs(tmp_path):
    path = create_regulation("smvp", tmp_path)
    # comune-soglie's valutazioni.csv has one voce, «Valutazione complessiva», none of the starting file's [[scheda]]
    # voci (an error of each row: test_regolamento_card_items.py): without its cards the file's voci are read
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\[\[scheda\]\]\n.*?\n\]\n", "", text, flags=re.DOTALL), encoding="utf-8")
    assert "[[scheda]]" in text and "[[scheda]]" not in path.read_text(encoding="utf-8")
    shutil.copytree(DEMO / "comune-soglie", tmp_path / "ente")
    toml = (tmp_path / "ente" / "ente.toml").read_text(encoding="utf-8")
    (tmp_path / "ente" / "ente.toml").write_text(
        toml.replace("obiettivi_assegnati = 2024-02-20\n", ""), encoding="utf-8"
    )
    (tmp_path / "cycle.toml").write_text(
        f'[cycle]\nyear = 2024\n[[ente]]\nid = "prova"\nplugin = "regolamento"\nregolamento = "{path.name}"\n'
        'data = "ente"\n',
        encoding="utf-8",
    )
    assert ciclope("validate", str(tmp_path / "cycle.toml")).returncode == 0
    done = ciclope("run", str(tmp_path / "cycle.toml"), "--out", str(tmp_path / "out"), "--no-store")
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((tmp_path / "out" / "prova" / "results.json").read_text(encoding="utf-8"))
    # soglie, massimo 1000: D1 97 → 1000.00; D7 excluded (rimprovero scritto); D9 72 × fte 0.75 → 540.00
    people = results["rewards"]["people"]
    assert (people["D1"]["amount"], people["D7"]["amount"], people["D9"]["amount"]) == ("1000.00", "0.00", "540.00")
    with pytest.raises(CiclopeError):  # never overwrites
        create_regulation("smvp", tmp_path)
