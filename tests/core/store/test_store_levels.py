"""The store's commands name a level by the label the ente's regulation gives it ([etichette]): the store keeps the
code, and the label is read again from the regulation file the run read (results.json's overrides). ``--json``
keeps the codes."""

from __future__ import annotations

import json
from pathlib import Path

from ciclope.core.commands.cli import main
from ciclope.core.store.words import level_words

from helpers import labelled_levels


def _recorded(tmp_path: Path) -> tuple[Path, str]:
    """comune-livelli (A «eccellente», B «buono») and comune-livelli-bis (A «ottimo») recorded in one store."""
    cycle = labelled_levels(tmp_path / "demo", **{"comune-livelli-bis": "ottimo"})
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    assert main(["run", str(cycle), "--ente", "comune-livelli", "--ente", "comune-livelli-bis", "--store", url]) == 0
    return cycle, url


def _line(out: str, ente: str) -> list[str]:
    return next(line.split() for line in out.splitlines() if line.startswith(ente + " "))


def test_benchmark_names_each_ente_s_highest_level_by_its_label(tmp_path, capsys):
    cycle, url = _recorded(tmp_path)
    capsys.readouterr()
    assert main(["benchmark", str(cycle), "--store", url]) == 0
    out = capsys.readouterr().out
    # 2 of the 9 evaluated people (L1 98, L2 95 points) are at A in both enti
    assert _line(out, "comune-livelli") == ["comune-livelli", "regolamento", "eccellente", "22,22%", "—"]
    assert _line(out, "comune-livelli-bis") == ["comune-livelli-bis", "regolamento", "ottimo", "22,22%", "—"]
    assert main(["benchmark", str(cycle), "--store", url, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["top_level"] for d in doc["differentiation"]] == ["A", "A"]


def test_diff_names_a_person_s_level_by_its_label_once(tmp_path, capsys):
    """The maximum lowered from € 1.200 to € 1.000 between two runs: each person's level by its label (C, without
    one, by its name), said once (the level recorded as band is not said again as «fascia A»)."""
    cycle, url = _recorded(tmp_path)
    rules = tmp_path / "demo" / "smvp-livelli.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace('"1200.00"', '"1000.00"'), encoding="utf-8")
    assert main(["run", str(cycle), "--ente", "comune-livelli", "--store", url]) == 0
    capsys.readouterr()
    assert main(["diff", str(cycle), "--ente", "comune-livelli", "--run", "1", "--run", "2", "--store", url]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[1]: line.split() for line in out.splitlines() if line[:1].isupper() and " (L" in line}
    # name (id), points before/after/difference, level before/after, amount before/after/difference
    assert rows["(L1)"][2:] == [
        "98,00",
        "98,00",
        "0,00",
        "eccellente",
        "eccellente",
        "€",
        "1.200,00",
        "€",
        "1.000,00",
        "€",
        "−200,00",
    ]
    assert rows["(L3)"][2:] == [
        "92,00",
        "92,00",
        "0,00",
        "buono",
        "buono",
        "€",
        "1.020,00",
        "€",
        "850,00",
        "€",
        "−170,00",
    ]
    assert rows["(L5)"][2:] == ["85,00", "85,00", "0,00", "C", "C", "€", "840,00", "€", "700,00", "€", "−140,00"]
    assert "fascia" not in out.split("Persone con")[1].split("\n", 1)[1]
    # nothing of theirs changed: the regulation did
    assert "nessun suo dato è cambiato: sono cambiati i dati comuni detti all'inizio" in out
    assert "Cambiato per tutti" in out.split("Persone con")[0]
    args = ["diff", str(cycle), "--ente", "comune-livelli", "--run", "1", "--run", "2", "--store", url, "--json"]
    assert main(args) == 0
    people = json.loads(capsys.readouterr().out)["people"]
    assert people[0]["from"]["level"] == "A"


def test_level_words_from_a_stored_results_json(tmp_path):
    """From results.json alone (its plugin, year and overrides): the labels of the regulation it names; none when
    the file is gone or the document names no plugin."""
    cycle, _ = _recorded(tmp_path)
    doc = json.loads((cycle.parent / "risultati" / "comune-livelli" / "results.json").read_text(encoding="utf-8"))
    words = level_words(doc)
    assert (words.get("A"), words.get("B"), words.get("C")) == ("eccellente", "buono", None)
    assert level_words({"year": 2024}) == {}
    gone = {**doc, "audit": {**doc["audit"], "overrides": {"regolamento": str(tmp_path / "assente.toml")}}}
    assert "A" not in level_words(gone)
