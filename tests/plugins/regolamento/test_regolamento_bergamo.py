"""The rules of the Camera di Commercio di Bergamo (plugin ``bergamo``) declared as a format 2 regulation
(tests/regolamento/bergamo.toml) give the same money, scores, levels and statuses as the Python plugin: on the
public example and on synthetic Bergamo enti with PO, a result pay fund, position pay (the second ente without the
column: equal shares), people declared insufficient and new units.

Compared byte for byte as results.json writes them: every pool (amount, distributed, residual), every award
(amount, band, pool), every person's score and level, every status. What cannot match, and why:

- the status of a person the declared exclusions keep out of a premium: the regulation file names the exclusion
  (``escluso_insufficiente``), the plugin leaves ``evaluated``; the money (0 €) is the same, and the test says so;
- the violations' words: the differentiation checks (art. 42.2, 46.1: all rewarded at one level or with one amount,
  one level above 80% of them) are compared by kind and severity (``[differenziazione]``), the other warnings not;
- the breakdown of a score (the plugin names its parts in its own words) and the figures' formulas;
- with the access closed the plugin reports no pools, the declared file reports them wholly residual (these enti
  have the access open).

The third synthetic ente has an ufficio under a Servizio, measured on its own (its people's result is the
Servizio's: ``tipo_unita = "servizio"``), and a Servizio whose only indicator is neutralised (its weight moves
to the objectives or the card: ``senza_unita = "sposta"``); without either key the test fails.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from ciclope.core.commands.synth import synth

from helpers import TESTS, as_declared, run_cycle

DECLARED = TESTS / "regolamento" / "bergamo.toml"


def compared(results: dict) -> tuple[str, str, dict, dict]:
    rewards = results["rewards"]
    people = {pid: (p["score"], p["level"]) for pid, p in results["individual"].items()}
    statuses = {pid: p["status"] for pid, p in results["individual"].items()}
    return json.dumps(rewards["pools"]), json.dumps(rewards["people"], sort_keys=True), people, statuses


def differentiation(out: Path, ente: str) -> list[tuple[str, str]]:
    """(kind, severity) of each differentiation problem: levels, amounts, share."""
    results = json.loads((out / ente / "results.json").read_text(encoding="utf-8"))
    found = [v for v in results["violations"] if ".differentiation." in v["rule"]]
    return sorted((v["rule"].rsplit(".", 1)[1], v["severity"]) for v in found)


def same(python: Path, declared: Path, ente: str) -> dict:
    """The two results agree; the statuses the declared exclusions set, returned (person → status)."""
    a = compared(json.loads((python / ente / "results.json").read_text(encoding="utf-8")))
    b = compared(json.loads((declared / ente / "results.json").read_text(encoding="utf-8")))
    assert differentiation(declared, ente) == differentiation(python, ente)
    assert b[0] == a[0]  # every pool
    assert b[1] == a[1]  # every award: amount, band (the level), pool
    assert b[2] == a[2]  # every score and level
    differ = {pid: s for pid, s in b[3].items() if s != a[3][pid]}
    assert all(a[3][pid] == "evaluated" for pid in differ)
    return differ


def test_the_public_example_pays_the_same(tmp_path):
    python = tmp_path / "python"
    shutil.copytree(EXAMPLES / "bergamo", python, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    out_python = run_cycle(python / "cycle.toml")
    out_declared = run_cycle(as_declared(python, tmp_path / "declared", "bergamo", DECLARED))
    assert same(out_python, out_declared, "bg-esempio") == {}
    awards = json.loads((out_declared / "bg-esempio" / "results.json").read_text(encoding="utf-8"))["rewards"]
    assert sum(int(a["amount"].replace(".", "")) for a in awards["people"].values()) == 600000  # the whole fund


def with_po_money(folder: Path) -> dict[str, list[str]]:
    """A result pay fund in every ente, position pay for the PO of the first and third (the second has none:
    equal shares), the third staff member of each and the first PO of the first declared insufficient, new units
    in the third (:func:`new_units`). Returns ente → the people declared insufficient."""
    insufficient = {}
    for i, ente in enumerate(sorted((folder / "enti").iterdir())):
        toml = (ente / "ente.toml").read_text(encoding="utf-8")
        (ente / "ente.toml").write_text(toml.replace("[fondi]\n", '[fondi]\nrisultato_po = "9400.00"\n'), "utf-8")
        with (ente / "persone.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        columns = list(rows[0])
        if i != 1:
            columns.append("retribuzione_posizione")
            for k, r in enumerate(rows):
                r["retribuzione_posizione"] = str(8000 + 1500 * k) if r["ruolo"] == "po" else ""
        staff = [r for r in rows if r["ruolo"] == "dipendente"]
        if i == 2:
            new_units(ente, staff)
        staff[2]["insufficiente"] = "SI"
        insufficient[ente.name] = [staff[2]["codice"]]
        if i == 0:  # a PO declared insufficient: no result pay (art. 28), whatever its score
            po = next(r for r in rows if r["ruolo"] == "po")
            po["insufficiente"] = "SI"
            insufficient[ente.name].append(po["codice"])
        with (ente / "persone.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, columns)
            writer.writeheader()
            writer.writerows(rows)
    return insufficient


def new_units(ente: Path, staff: list[dict[str, str]]) -> None:
    """An ufficio under the first Servizio, with the first two staff members (their Servizio is the one above:
    tipo_unita), and a Servizio with no cruscotto, with the fourth (no measured result: senza_unita)."""
    with (ente / "unità.csv").open(encoding="utf-8", newline="") as f:
        units = list(csv.DictReader(f))
    servizio = next(u for u in units if u["tipo"] == "servizio")
    area = next(u for u in units if u["tipo"] == "area")
    units += [
        {"codice": "UF1", "nome": "Ufficio 1", "tipo": "ufficio", "superiore": servizio["codice"], "responsabile": ""},
        {
            "codice": "SVX",
            "nome": "Servizio senza cruscotto",
            "tipo": "servizio",
            "superiore": area["codice"],
            "responsabile": "",
        },
    ]
    with (ente / "unità.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(units[0]))
        writer.writeheader()
        writer.writerows(units)
    staff[0]["unità"] = staff[1]["unità"] = "UF1"
    staff[3]["unità"] = "SVX"
    # UF1 measured on its own (the first indicator), SVX on one objective whose only indicator is neutralised
    with (ente / "indicatori.csv").open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))["codice"]
    with (ente / "cruscotti.csv").open("a", encoding="utf-8", newline="") as f:
        f.write(f"C-UF1,UF1,{first},\n")
    with (ente / "obiettivi.csv").open("a", encoding="utf-8", newline="") as f:
        f.write("OSX,operativo,Obiettivo di SVX,,,,SVX\n")
    with (ente / "indicatori.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    row = dict.fromkeys(header, "") | {"codice": "ISX", "obiettivo": "OSX", "nome": "Sospeso", "tipo": "più è meglio"}
    row |= {"neutralizzato": "SI", "motivo": "dato non disponibile", "fonte": "Dati sintetici"}
    with (ente / "indicatori.csv").open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header).writerow(row)


@pytest.mark.parametrize("seed", [11, 23])
def test_synthetic_bergamo_enti_pay_the_same(tmp_path, seed):
    cycle = synth(tmp_path / "python", enti=3, people=40, seed=seed, plugins=["bergamo"])
    insufficient = with_po_money(cycle.parent)
    out_python = run_cycle(cycle)
    out_declared = run_cycle(as_declared(cycle.parent, tmp_path / "declared", "bergamo", DECLARED))
    for ente, people in insufficient.items():
        differ = same(out_python, out_declared, ente)
        assert {pid: differ.get(pid) for pid in people} == dict.fromkeys(people, "escluso_insufficiente")
        assert set(differ.values()) <= {"escluso_insufficiente"}  # the only kind of status that differs
        results = json.loads((out_declared / ente / "results.json").read_text(encoding="utf-8"))
        pool = results["rewards"]["pools"]["risultato_po"]
        assert pool["amount"] == "9400.00" and pool["distributed"] != "0.00"  # the PO were paid
        assert all(results["rewards"]["people"][pid]["amount"] == "0.00" for pid in people)


def test_an_undifferentiated_ente_is_refused_the_same_way(tmp_path):
    """Every staff member in the first Servizio with full marks on the card, and those whom that leaves at another
    level than the most declared insufficient (art. 46.1: not rewarded): the rewarded are all at one level. The
    plugin's errors and the declared file's are the same, and so is the share warning."""
    cycle = synth(tmp_path / "python", enti=1, people=40, seed=11, plugins=["bergamo"])
    ente = next((cycle.parent / "enti").iterdir())
    people = rows(ente / "persone.csv")
    staff = {r["codice"] for r in people if r["ruolo"] == "dipendente"}
    servizio = next(r["unità"] for r in people if r["ruolo"] == "dipendente")
    rewrite(ente / "persone.csv", [r | {"unità": servizio} if r["codice"] in staff else r for r in people])
    cards = rows(ente / "valutazioni.csv")
    rewrite(
        ente / "valutazioni.csv", [c | {"punti": c["punti_massimi"]} if c["persona"] in staff else c for c in cards]
    )
    levels = {pid: p["level"] for pid, p in results(run_cycle(cycle), ente.name)["individual"].items() if pid in staff}
    most = max(set(levels.values()), key=list(levels.values()).count)
    others = {pid for pid, level in levels.items() if level != most}
    assert 0 < len(others) < len(staff) - 5  # seed 11: one person above the rest
    people = rows(ente / "persone.csv")
    rewrite(ente / "persone.csv", [r | {"insufficiente": "SI"} if r["codice"] in others else r for r in people])
    out_python = run_cycle(cycle)
    out_declared = run_cycle(as_declared(cycle.parent, tmp_path / "declared", "bergamo", DECLARED))
    found = differentiation(out_python, ente.name)
    assert ("levels", "error") in found and ("share", "warning") in found  # the case is what it says
    same(out_python, out_declared, ente.name)  # differentiation included


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def rewrite(path: Path, table: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(table[0]))
        writer.writeheader()
        writer.writerows(table)


def results(out: Path, ente: str) -> dict:
    return json.loads((out / ente / "results.json").read_text(encoding="utf-8"))
