"""A part's condition (``ammesso``) as the employee reads it (the Napoli case): a yes-no column of the units that
admits a service's staff is said on the personal scheda by the office's meaning of the column, with its answer
(«se il servizio è tra quelli della produttività di gruppo: sì»), never «condizione della parte»; a condition of
another kind by its sentence. ``explain`` names the condition with the same words. Every amount by hand."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import STAFF_HEADER, run_declared

MEANING = "se il servizio è tra quelli della produttività di gruppo"
REGULATION = f"""\
formato = 2
[atto]
titolo = "Criteri della produttività di gruppo"
tipo_ente = "comune"

[[colonne]]
nome = "servizio_pdg"
tipo = "sì/no"
significato = "{MEANING}"
elenco = "unità"
fonte = "accordo del 04.12.2018"

[[premi]]
nome = "produttività di gruppo"
metodo = "proporzionale"
valutazione = false
ruoli = ["dipendente"]
ammesso = '{{condition}}'
fonte = "delibera del 04.07.2013"
"""


def files() -> dict[str, str]:
    """Two services: Polizia locale (in the produttività di gruppo: A and B) and Anagrafe (not: C)."""
    rows = [
        STAFF_HEADER,
        "SEG,Segretario,segretario,DIR,pl,1,0,false,",
        "A,Anna,dipendente,C,pl,1,0,false,SEG",
        "B,Bruno,dipendente,C,pl,1,0,false,SEG",
        "C,Carla,dipendente,C,an,1,0,false,SEG",
    ]
    return {
        "units.csv": "id,name,kind,parent,head,servizio_pdg\npl,Polizia locale,ente,,SEG,sì\n"
        "an,Anagrafe,ufficio,pl,SEG,no\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,pl\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(rows) + "\n",
        "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n",
        "ente.toml": 'name = "Comune di Prova"\n[funds]\nperformance_individuale = "3000.00"\n',
    }


def page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def steps(result, pid: str) -> dict[str, str]:
    return {line.label: line.value for p in build(result, pid).payments for line in p.steps}


def test_a_yes_no_column_is_said_by_its_meaning(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION.format(condition="=servizio_pdg"), files())
    # A and B, of the Polizia locale, share the 3.000,00: 3.000 × 1 / 2 = 1.500,00 each; C's Anagrafe is left out
    assert result.figures["award:A"].value == Decimal("1500.00")
    assert "C" not in {pid for pid, a in result.rewards.awards.items() if a.amount}
    assert steps(result, "A")[MEANING] == "sì"
    assert "condizione della parte" not in page(result, "A")
    said = explain(result, "person", "A")
    assert f"  • {MEANING} = sì\n" in said
    assert "condizione della parte" not in said
    # C, whom it leaves out, reads the same words with «no» (the status «non ammesso» has its label, [etichette])
    assert f"  • {MEANING} = no\n" in explain(result, "person", "C")


def test_another_condition_is_said_by_its_sentence(ciclope_ente, tmp_path):
    condition = '=E(servizio_pdg; categoria = "C")'
    result = run_declared(ciclope_ente, tmp_path, REGULATION.format(condition=condition), files())
    # the same two admitted: 1.500,00 each
    assert result.figures["award:B"].value == Decimal("1500.00")
    labels = [label for label in steps(result, "B") if "categoria" in label]
    assert len(labels) == 1 and MEANING in labels[0] and "servizio_pdg" not in labels[0], labels
    assert steps(result, "B")[labels[0]] == "sì"
    assert "condizione della parte" not in page(result, "B")
