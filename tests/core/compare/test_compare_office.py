"""compare.html of a small Comune of 2025 with two EQ, as a blind office read it: where a scenario's change is
adopted, a fund by its name, the scenario's file by its name, the EQ's result pay apart from the staff's premiums in
the levels and in the share at the highest level, and the contract's words of the year for the EQ."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import openpyxl

from ciclope.core.commands.cli import main

REGULATION = """\
formato = 1
[atto]
titolo = "Contratto integrativo 2025 del Comune di Prova"
sigla = "CCDI 2025"
tipo_ente = "comune"
comparto = "funzioni_locali"

[livelli]
fonte = "art. 3"
scala = [
  { nome = "alto", da = 90 },
  { nome = "medio", da = 80 },
  { nome = "base", da = 60 },
]

[premio]
metodo = "livelli"
fonte = "art. 4"
coefficienti = { alto = 1, medio = 0.8, base = 0.6 }

[risultato_po]
metodo = "percentuale"
fonte = "art. 5"
percentuali = [
  { da = 80, quota = 0.20 },
  { da = 60, quota = 0.15 },
]
"""

PEOPLE = """\
id,name,role,category,unit,fte,absence_days,insufficient,evaluator,position_pay
SEG,Segretario,segretario,DIR,com,1,0,false,,
EQ1,Persona EQ1,po,D,amm,1,0,false,SEG,10000.00
EQ2,Persona EQ2,po,D,amm,1,0,false,SEG,8000.00
D1,Persona D1,dipendente,C,amm,1,0,false,EQ1,
D2,Persona D2,dipendente,C,amm,1,0,false,EQ1,
D3,Persona D3,dipendente,C,amm,1,0,false,EQ1,
D4,Persona D4,dipendente,C,amm,1,0,false,EQ1,
"""

CARDS = """\
person,evaluator,section,item,max_points,points,weight
EQ1,SEG,scheda,Valutazione,100,88,
EQ2,SEG,scheda,Valutazione,100,84,
D1,EQ1,scheda,Valutazione,100,95,
D2,EQ1,scheda,Valutazione,100,85,
D3,EQ1,scheda,Valutazione,100,82,
D4,EQ1,scheda,Valutazione,100,70,
"""

FILES = {
    "people.csv": PEOPLE,
    "evaluations.csv": CARDS,
    "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\namm,Area,area,com,EQ1\n",
    "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,amm\n",
    "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
    "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
    "ente.toml": 'name = "Comune di Prova"\n[fondi]\nperformance_individuale = "1000.00"\n',
}

CYCLE = """\
[ciclo]
anno = 2025
risultati = "risultati"

[[ente]]
id = "comune"
plugin = "regolamento"
dati = "comune"
regolamento = "smvp.toml"
"""

MORE = 'descrizione = "Più fondo"\n[fondi]\nperformance_individuale = "1280.00"\n'
RULE = 'descrizione = "Coefficiente più alto"\n[parametri]\n"regolamento.premio.coefficienti.medio" = 0.9\n'


def _compare(tmp_path: Path, **scenarios: str) -> Path:
    """The Comune compared with each scenario (name → its TOML, written in a folder of its own): the output folder."""
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(CYCLE, encoding="utf-8")
    (tmp_path / "comune").mkdir()
    for name, text in FILES.items():
        (tmp_path / "comune" / name).write_text(text, encoding="utf-8")
    (tmp_path / "scenari").mkdir()
    args = ["compare", str(tmp_path / "cycle.toml")]
    for name, text in scenarios.items():
        path = tmp_path / "scenari" / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        args += ["--scenario", f"{name}={path}"]
    out = tmp_path / "out"
    assert main([*args, "--out", str(out)]) == 0
    return out


def _rows(page: str) -> list[list[str]]:
    """Every table row of the page, each cell's visible text (lines joined by a space)."""
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, flags=re.S)
        rows.append([" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return rows


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_each_scenario_says_where_its_change_is_adopted(tmp_path):
    """A fund goes into ente.toml's [fondi], a figure of the declared regulation into its file (smvp.toml): the
    banner no longer sends every change to cycle.toml; the row of each scenario says its own place."""
    out = _compare(tmp_path, piu=MORE, coeff=RULE)
    page = (out / "compare.html").read_text(encoding="utf-8")
    text = _text(page)
    assert "va modificato cycle.toml" not in text
    assert "si riportano le sue modifiche dove indica la colonna «Dove si adotta»" in text
    rows = {r[0]: r for r in _rows(page) if r and r[0] in ("attuale", "piu", "coeff")}
    heads = next(r for r in _rows(page) if r and r[0] == "Scenario" and "Descrizione" in r)
    at = heads.index("Dove si adotta")
    assert rows["piu"][at] == "in ente.toml, tabella [fondi]"
    assert rows["coeff"][at] == "nel file smvp.toml"
    assert rows["attuale"][at] == "—"
    book = openpyxl.load_workbook(out / "compare.xlsx", read_only=True)
    sheet = list(book["Scenari"].iter_rows(values_only=True))
    head = next(r for r in sheet if r and r[0] == "Scenario")
    mine = next(r for r in sheet if r and r[0] == "piu")
    assert mine[head.index("Dove si adotta")] == "in ente.toml, tabella [fondi]"


def test_a_fund_is_named_as_the_other_documents_name_it(tmp_path):
    """The scenario's fund by its pool's name (schede.xlsx's «Fondi» sheet), never the key performance_individuale;
    its amount in force, then the scenario's."""
    out = _compare(tmp_path, piu=MORE)
    page = (out / "compare.html").read_text(encoding="utf-8")
    row = next(r for r in _rows(page) if r and r[0] == "piu")
    assert "Premi per la performance individuale: € 1.000,00 → € 1.280,00" in row
    assert "performance_individuale" not in _text(page)


def test_the_scenario_file_is_named_by_its_name(tmp_path):
    """Given by its absolute path, the scenario's file is said by its name, as cycle.toml and every file parameter
    are on the page and in compare.json: no folder of the machine that ran it."""
    out = _compare(tmp_path, piu=MORE)
    page = (out / "compare.html").read_text(encoding="utf-8")
    row = next(r for r in _rows(page) if r and r[0] == "piu")
    assert row[2] == "piu.toml"
    assert str(tmp_path) not in page
    doc = json.loads((out / "compare.json").read_text(encoding="utf-8"))
    assert doc["scenarios"]["piu"]["file"] == "piu.toml"


def test_the_eq_are_apart_from_the_staff_in_the_levels(tmp_path):
    """Staff's premiums (fund € 1.000,00 by coefficient: 1 + 0,8 + 0,8 + 0,6 = 3,2 shares of € 312,50): D1 alto
    € 312,50; D2, D3 medio € 250,00 each, € 500,00; D4 base € 187,50. The EQ's result pay, 20% of their position pay
    (both from 80 points): EQ1 € 2.000,00, EQ2 € 1.600,00, € 3.600,00 at medio, € 1.800,00 each. The staff's medio
    row holds the staff alone; the EQ's is a row of its own. At the highest level: 1 of the 4 staff = 25,00%."""
    out = _compare(tmp_path, piu=MORE)
    page = (out / "compare.html").read_text(encoding="utf-8")
    rows = _rows(page)
    # the bands are the levels: the levels' table says the ratio of each to the next, 312,50 / 250 = 1,25 and
    # 250 / 187,50 = 1,3333, the staff's alone
    assert ["medio", "2", "€ 500,00", "€ 250,00", "1,3333"] in rows
    assert ["medio — Elevata qualificazione (EQ)", "2", "€ 3.600,00", "€ 1.800,00", "—"] in rows
    assert ["alto", "1", "€ 312,50", "€ 312,50", "1,2500"] in rows and [
        "base",
        "1",
        "€ 187,50",
        "€ 187,50",
        "—",
    ] in rows
    share = next(r for r in rows if r and r[0].startswith("Quota di persone al livello più alto"))
    assert share == [
        "Quota di persone al livello più alto (alto, senza le EQ) sulle persone con un livello",
        "25,00%",
        "25,00%",
    ]
    book = openpyxl.load_workbook(out / "compare.xlsx", read_only=True)
    levels = [r[1:] for r in book["Livelli"].iter_rows(values_only=True) if r and r[0] == "attuale"]
    assert ("medio", 2, 500, 250) in levels
    assert ("medio — Elevata qualificazione (EQ)", 2, 3600, 1800) in levels


def test_the_footnote_names_the_eq_in_the_words_of_2025(tmp_path):
    """A 2025 cycle of Funzioni Locali says «EQ» (CCNL 16.11.2022), never «posizione organizzativa»."""
    out = _compare(tmp_path, piu=MORE)
    text = _text((out / "compare.html").read_text(encoding="utf-8"))
    assert "posizione organizzativa" not in text
    assert "Per le EQ l'importo comprende la retribuzione di risultato, non quella di posizione." in text


def _three_comuni(tmp_path: Path, titles: tuple[str, str, str]) -> dict:
    """Three Comuni (Alfa, Beta, Esino), each with the regulation of its own file titled as ``titles`` says, compared
    together with one scenario: the total's compare.json, and its page's text."""
    tmp_path.mkdir()
    cycle = '[ciclo]\nanno = 2025\nrisultati = "risultati"\n'
    for ident, name, title in zip(("alfa", "beta", "esino"), ("Alfa", "Beta", "Esino"), titles):
        regulation = REGULATION.replace('"Contratto integrativo 2025 del Comune di Prova"', f'"{title}"')
        (tmp_path / f"smvp-{ident}.toml").write_text(regulation, encoding="utf-8")
        (tmp_path / ident).mkdir()
        for file, text in FILES.items():
            (tmp_path / ident / file).write_text(text.replace("Comune di Prova", f"Comune di {name}"), encoding="utf-8")
        cycle += (
            f'\n[[ente]]\nid = "{ident}"\nplugin = "regolamento"\ndati = "{ident}"\nregolamento = "smvp-{ident}.toml"\n'
        )
    (tmp_path / "cycle.toml").write_text(cycle, encoding="utf-8")
    (tmp_path / "piu.toml").write_text(MORE, encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(["compare", str(tmp_path / "cycle.toml"), "--scenario", f"piu={tmp_path / 'piu.toml'}", "--out", str(out)])
        == 0
    )
    total = json.loads((out / "compare.json").read_text(encoding="utf-8"))
    return {"json": total, "text": _text((out / "compare.html").read_text(encoding="utf-8"))}


def test_the_total_names_the_comuni_and_says_a_regulation_only_when_shared(tmp_path):
    """The total of several enti names them by their names, never by their ids, and says the regulation's title only when every ente has that one: three regulations are not one's title."""
    own = _three_comuni(tmp_path / "own", ("Regolamento di Alfa", "Regolamento di Beta", "Regolamento di Esino"))
    names = "Comune di Alfa, Comune di Beta e Comune di Esino"  # listed as Italian lists: «a, b e c»
    assert f"Totale degli enti {names} · ciascuno con il proprio regolamento · ciclo 2025" in own["text"]
    assert "Regolamento di Alfa" not in own["text"] and "alfa, beta" not in own["text"]
    assert own["json"]["enti"] == ["alfa", "beta", "esino"]
    assert own["json"]["names"] == ["Comune di Alfa", "Comune di Beta", "Comune di Esino"]
    assert own["json"]["regulation"] == ""
    one = "Regolamento dell'Unione"
    shared = _three_comuni(tmp_path / "stesso", (one, one, one))
    # the act is said by its title and its sigla, as a single ente's page says it
    assert f"Totale degli enti {names} · {one} («CCDI 2025») · ciclo 2025" in shared["text"]
    assert shared["json"]["regulation"] == f"{one} («CCDI 2025»)"
