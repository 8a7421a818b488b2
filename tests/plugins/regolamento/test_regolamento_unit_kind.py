"""``tipo_unita`` of [punteggio] names the kind of a person's unit («il Servizio diretto o quello a cui si
appartiene»): that one unit is read by every rule of the file that reads «the unit» — the score's unit part,
``unita`` in the formulas, the exclusion below a unit's achievement and ``per_unita`` — and ``leggi`` names it by
its kind («gli obiettivi del settore»). Every amount by hand, with the arithmetic beside it."""

from __future__ import annotations

import pytest

from ciclope.core import cells
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import articles

from helpers import CARD_HEADER, STAFF_HEADER, amounts, regulation_problems, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento per la produttività del Comune di Settori"
tipo_ente = "comune"

[punteggio]
fonte = "art. 2"
tipo_unita = "settore"
dipendente = { scheda = 1 }
"""

PER_UNIT = """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
per_unita = true
fonte = "art. 5"
"""

BELOW = """
[[esclusioni]]
regola = "unita_sotto"
minimo = 0.5
fonte = "art. 4"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 5"
"""


def comune() -> dict[str, str]:
    """A Comune (com, 100%) with the settore «set» and under it the ufficio «uff». The settore owns OBS, 4 of 10
    (40%); the ufficio owns OBU, 9 of 10 (90%). A (80 points) and B (60) work in the ufficio, C (40) in the
    settore; the fund of the individual performance is 1,000.00."""
    people = [("A", "uff", 80), ("B", "uff", 60), ("C", "set", 40)]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\nset,Settore tecnico,settore,com,\n"
        "uff,Ufficio lavori,ufficio,set,\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n"
        "OBS,operational,Opere,,,,set\nOBU,operational,Cantieri,,,,uff\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\nIN2,OBS,Opere,higher,,,10,4,,,,,\n"
        "IN3,OBU,Cantieri,higher,,,10,9,,,,,\n",
        "people.csv": "\n".join(
            [
                STAFF_HEADER,
                "SEG,Segretario,segretario,DIR,com,1,0,false,",
                *(f"{pid},Persona {pid},dipendente,C,{unit},1,0,false,SEG" for pid, unit, _ in people),
            ]
        )
        + "\n",  # fmt: skip
        "evaluations.csv": "\n".join(
            [
                CARD_HEADER,
                *(f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, _, points in people),
            ]
        )
        + "\n",  # fmt: skip
        "ente.toml": 'name = "Comune di Settori"\n[funds]\nperformance_individuale = "1000.00"\n',
    }


def without_kind(text: str) -> str:
    return text.replace('tipo_unita = "settore"\n', "")


@pytest.mark.parametrize("kind", [True, False])
def test_per_unita_reads_the_unit_of_the_file_s_kind(ciclope_ente, tmp_path, kind):
    text = HEAD + PER_UNIT
    result = run_declared(ciclope_ente, tmp_path, text if kind else without_kind(text), comune())
    if kind:
        # everyone's unit is the settore (40%): weights 80 × 0.4, 60 × 0.4, 40 × 0.4 = 32, 24, 16, Σ 72
        # A 1000 × 32 / 72 = 444.444…, B 333.333…, C 222.222… → 444.44 + 333.33 + 222.22 = 999.99;
        # the cent left to the largest remainder (A, .444): 444.45
        assert {k: v for k, v in amounts(result).items() if k in "ABC"} == {
            "A": "444.45",
            "B": "333.33",
            "C": "222.22",
        }
    else:
        # A and B read their own ufficio (90%), C the settore (40%): 72, 54, 16, Σ 142
        # A 1000 × 72 / 142 = 507.042…, B 380.281…, C 112.676… → 507.04 + 380.28 + 112.67 = 999.99;
        # the cent to the largest remainder (C, .676): 112.68
        assert {k: v for k, v in amounts(result).items() if k in "ABC"} == {
            "A": "507.04",
            "B": "380.28",
            "C": "112.68",
        }


@pytest.mark.parametrize("kind", [True, False])
def test_the_exclusion_below_the_unit_s_achievement_reads_the_same_unit(ciclope_ente, tmp_path, kind):
    text = HEAD + BELOW
    result = run_declared(ciclope_ente, tmp_path, text if kind else without_kind(text), comune())
    paid = {k: v for k, v in amounts(result).items() if k in "ABC" and v != "0.00"}
    if kind:
        # the settore reached 40%, under 50%: all three are excluded, whatever their ufficio reached
        assert paid == {}
        assert [result.rewards.statuses[p] for p in "ABC"] == ["escluso_unita_sotto"] * 3
    else:
        # A and B's ufficio 90%: admitted; C's settore 40%: excluded. 1000 × 80 / 140 = 571.428… → 571.43,
        # 1000 × 60 / 140 = 428.571… → 428.57
        assert paid == {"A": "571.43", "B": "428.57"}


def test_a_formula_s_unita_is_explained_down_to_the_unit_s_objectives(ciclope_ente, tmp_path):
    """«unita» read by a formula is the figure of the unit of the file's kind: A's settore «set», 4 of 10 = 40%, with
    its objective OBS under it — not a bare percentage a person cannot redo."""
    from ciclope.core.run.explain import explain

    text = HEAD + PER_UNIT.replace("per_unita = true", 'peso = "=punteggio * unita"')
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    said = explain(result, "person", "A")
    assert (
        "  • il raggiungimento degli obiettivi del settore = 40,00%\n    ■ Unità set — Settore tecnico = 40,00%\n"
        in said
    )
    assert "      • obiettivo OBS (pesi uguali) = 40,00%\n" in said


def test_leggi_names_the_unit_by_its_kind(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(
        HEAD.replace("dipendente = { scheda = 1 }", "dipendente = { unita = 0.4, scheda = 0.6 }")
        + BELOW.replace('metodo = "proporzionale"', 'metodo = "proporzionale"\nper_unita = true')
        + 'quota_fondo = 0.8\n\n[[premi]]\nnome = "obiettivi"\nmetodo = "formula"\nquota_fondo = 0.2\n'
        'importo = "=SE(unita >= 90%; 100 €; 0 €)"\nfonte = "art. 6"\n',
        encoding="utf-8",
    )
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    text = " ".join(s for a in articles(regulation) for s in a.sentences)
    assert "40% × il raggiungimento degli obiettivi del settore × 100" in text
    assert "chi lavora dove gli obiettivi del settore sono raggiunti per meno del 50%" in text
    assert "× il raggiungimento degli obiettivi del settore." in text
    assert "se il raggiungimento degli obiettivi del settore è almeno 90%" in text
    assert "dell'unità" not in text


def test_a_kind_no_unit_can_have_is_refused(tmp_path):
    found = regulation_problems(tmp_path, HEAD.replace('"settore"', '"setore"') + PER_UNIT)
    # without the check every person would silently read their own unit
    assert len(found) == 1 and "tipo_unita «setore» non è un tipo di unità (forse «settore»?)" in found[0]


def test_a_minimum_written_as_a_percentage_without_its_sign_says_how_to_write_it(tmp_path):
    found = regulation_problems(tmp_path, HEAD + BELOW.replace("minimo = 0.5", "minimo = 50"))
    assert found == [
        "riga 13, chiave esclusioni[1].minimo: per «unita_sotto» il minimo è una quota tra 0 e 1 (es. 0.7), trovato 50: "
        'una quota si scrive in percentuale, "50%" (o 0.5)'
    ]


def test_the_office_s_word_for_an_area_is_read_as_units_csv_reads_it():
    # units.csv reads «settore», «direzione» and «dipartimento» as the core's area: tipo_unita too
    assert [cells.parse_unit_kind(w) for w in ("Settore", "direzione", "area", "servizio")] == [
        "area",
        "area",
        "area",
        "servizio",
    ]


def test_the_exclusion_below_the_unit_s_achievement_says_its_minimum_as_a_percentage(ciclope_ente, tmp_path):
    # minimo = 0.5 is a share: said «sotto il 50%», never «sotto il 0,5»
    from ciclope.core.run.explain import explain

    result = run_declared(ciclope_ente, tmp_path, HEAD + BELOW, comune())
    said = explain(result, "person", "C")
    assert "obiettivi dell'unità raggiunti sotto il 50%" in said
    assert "sotto il 0,5" not in said
