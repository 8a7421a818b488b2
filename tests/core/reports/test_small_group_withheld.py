"""A group of fewer than 3 people is published in no public output (rules/core.md §6; issue of the Unione della
Valle del Lemme): its Segretario, counted among the dirigenti (rules/core.md: *dirigenti* = roles ``dirigente`` and
``segretario``) and alone in the group, without a card, read «Livello di valutazione;dirigenti ed EQ;non valutato;1;
100,00;0,00» in trasparenza.csv and in the public Relazione: a group of one names him and says he was neither
evaluated nor paid. The group is merged into the ente's totals: no row of it anywhere, its person counted in them."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

from helpers import cycle_case, one_unit_comune, run_cycle

REGULATION = """\
formato = 2

[atto]
titolo = "Contratto integrativo dell'Unione"
tipo_ente = "unione"
comparto = "funzioni_locali"

[livelli]
fonte = "art. 2"
scala = [
  { nome = "prima fascia", da = 90 },
  { nome = "seconda fascia", da = 75 },
  { nome = "terza fascia", da = 60 },
]

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
ruoli = ["dipendente"]
fonte = "art. 5"
"""

CYCLE = """\
[ciclo]
anno = 2026
risultati = "risultati"

[[ente]]
id = "unione"
plugin = "regolamento"
dati = "unione"
regolamento = "regolamento.toml"
"""

POINTS = {"E1": 95, "E2": 92, "E3": 91, "E4": 80, "E5": 70}


def data() -> dict[str, str]:
    # the Segretario heads the one unit, evaluates everyone and has no card himself
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in POINTS]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{p}," for pid, p in POINTS.items()]
    return one_unit_comune("Unione di prova", staff, cards, '[fondi]\nproduttivita = "3000.00"\n')


def published(tmp_path: Path) -> Path:
    out = run_cycle(cycle_case(tmp_path, "unione", data(), REGULATION, CYCLE))
    return out / "unione"


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))


def table_rows(page: Path) -> list[list[str]]:
    text = page.read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", text, re.S)
    cells = (re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in row] for row in cells]


def test_no_public_output_publishes_a_group_of_fewer_than_three(tmp_path):
    folder = published(tmp_path)
    lead = "dirigenti ed EQ"  # the group of the dirigenti (the Segretario among them) in Funzioni Locali, 2026
    transparency = csv_rows(folder / "trasparenza.csv")
    # the staff: 5 people, E1–E3 at «prima fascia» (95, 92, 91 ≥ 90), E4 (80) and E5 (70), together still a group
    # of 2, merged upwards into it: every level row counts 3 or more people, and the 5 are all there (3 + 2 = 5)
    staff = [r for r in transparency if r["Sezione"] == "Livello di valutazione" and r["Gruppo"] == "personale"]
    assert sum(int(r["Numero di persone"]) for r in staff) == 5
    people_rows = [r for r in transparency if r["Numero di persone"] and r["Sezione"] != "Fondi per la performance"]
    assert all(int(r["Numero di persone"]) >= 3 for r in people_rows), people_rows
    assert not [r for r in transparency if r["Gruppo"] == lead]  # the Segretario alone: no row of his group
    art20 = csv_rows(folder / "premi-art20.csv")
    assert {r["Gruppo"] for r in art20} == {"tutto il personale", "personale"}
    # the ente's art. 20 totals stay: the 5 evaluated (the Segretario has no card), 3000,00 allocated and paid
    totals = {r["Voce"]: r["Valore"] for r in art20 if r["Gruppo"] == "tutto il personale"}
    assert totals["persone valutate"] == "5"
    assert totals["premi stanziati (€)"] == totals["premi distribuiti (€)"] == "3000,00"
    rows = table_rows(folder / "relazione-pubblica.html")
    assert [row for row in rows if "personale" in row]  # the staff's tables are there
    assert not [row for row in rows if lead in row]  # the Segretario's group in none
