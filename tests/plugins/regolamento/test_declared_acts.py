"""The acts a declared regulation names are acts of the ente file: a «migliori» part's ``decisione``, the acts of
[accesso] and the ``approvazione`` of [[calendario]] are read from ``[approvals]`` (``[atti]``) of ente.toml without
``core.input.unknown_approval``, checked, and in the calendar where they have a date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from helpers import run_declared

SMVP = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Atti"
tipo_ente = "comune"

[[premi]]
nome = "fasce"
metodo = "fasce"
fonte = "art. 10"
fasce = [
  { nome = "alta", personale = 0.2, risorse = 0.4 },
  { nome = "bassa", personale = 0.8, risorse = 0.6 },
]

[[premi]]
nome = "eccellenze"
metodo = "migliori"
fondo = "bonus_eccellenze"
tra = "fasce"
fascia = "alta"
quota_vincitori = 0.5
decisione = "bonus_decided"
decisione_dal = "01/02"
decisione_entro = "31/01"
fonte = "art. 11"

[accesso]
fonte = "art. 39"
atti = ["relazione_approved", "relazione_validated_oiv"]
"""
STAFF = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"
CARD = "person,evaluator,section,item,max_points,points,weight"


def comune(approvals: str) -> dict[str, str]:
    """Ten staff scored 100, 99, …, 91 by the Segretario; the first band holds ⌊10 × 0.2⌋ = 2 (100 and 99)."""
    people = [f"S{i:02d},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 11)]
    cards = [f"S{i:02d},SEG,scheda,Valutazione,100,{101 - i}," for i in range(1, 11)]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF, "SEG,Segretario,segretario,DIR,com,1,0,false,", *people]) + "\n",
        "evaluations.csv": "\n".join([CARD, *cards]) + "\n",
        "ente.toml": 'name = "Comune di Atti"\n[funds]\nperformance_individuale = "10000.00"\n'
        f'bonus_eccellenze = "1000.00"\n[atti]\nrelazione_approvata = 2025-05-30\nrelazione_validata_oiv = 2025-06-15\n'
        f"{approvals}\n",
    }


def bonus(result) -> dict[str, str]:
    return {a.person: str(a.amount) for a in result.rewards.awards.values() if a.pool == "bonus_eccellenze"}


def decision_act(result):
    (found,) = [(d, status) for d, status in result.calendar if d.approval == "bonus_decided"]
    return found


def test_a_decision_in_its_window_is_an_act_of_the_ente_file(ciclope_ente, tmp_path):
    # written with its Italian name in [atti], as `ciclope template` writes it: bonus_deciso is bonus_decided
    result = run_declared(ciclope_ente, tmp_path, SMVP, comune("bonus_deciso = 2024-01-15"))
    assert "core.input.unknown_approval" not in {p.rule for p in result.violations}
    # winners: ⌊0.5 × 2⌋ = 1 of the first band, the score 100: S01 takes the whole 1000.00
    assert bonus(result) == {"S01": "1000.00"}
    # in the calendar by the last day of its window, 31 January of the cycle's year, and done in time
    deadline, status = decision_act(result)
    assert (deadline.due, deadline.phase, status) == (dt.date(2024, 1, 31), "premialita", "fatto")
    assert "art. 11" in deadline.source


def test_a_decision_out_of_its_window_pays_nothing_and_is_late(ciclope_ente, tmp_path):
    # 10 February 2024: after 31 January of the cycle's year
    result = run_declared(ciclope_ente, tmp_path, SMVP, comune("bonus_decided = 2024-02-10"))
    assert "core.input.unknown_approval" not in {p.rule for p in result.violations}
    pool = result.rewards.pools["bonus_eccellenze"]
    assert (pool.distributed, pool.residual) == (Decimal("0.00"), Decimal("1000.00"))
    (error,) = [p for p in result.violations if p.rule == "regolamento.decisione"]
    assert (
        error.severity == "error" and "non è nel periodo valido (dal 01/02/2023 entro il 31/01/2024)" in error.message
    )
    assert decision_act(result)[1] == "in ritardo"
    # 15 January 2023: before 1 February of the year before, a decision for an earlier cycle
    (tmp_path / "b").mkdir()
    result = run_declared(ciclope_ente, tmp_path / "b", SMVP, comune("bonus_decided = 2023-01-15"))
    assert bonus(result) == {} and [p.rule for p in result.violations if p.rule == "regolamento.decisione"]


def test_an_act_no_regulation_names_is_still_a_typo(ciclope_ente, tmp_path):
    result = run_declared(
        ciclope_ente, tmp_path, SMVP, comune("bonus_decided = 2024-01-15\nbonus_decisso = 2024-01-15")
    )
    (typo,) = [p for p in result.violations if p.rule == "core.input.unknown_approval"]
    assert typo.column == "approvals.bonus_decisso"


def test_a_title_with_a_dash_is_said_whole(ciclope_ente, tmp_path):
    """A title may hold « — » («CCDI del Comune di Atti — Premi correlati alla performance»): the Relazione's heading
    and the Sintesi say it whole, never only what follows the dash (a plugin's own acts are written «file — title»,
    and only a file's name before the dash is left out)."""
    from ciclope.core.reports.relazione import acts
    from ciclope.core.reports.sheets import summary

    title = "CCDI del Comune di Atti — Premi correlati alla performance individuale"
    text = SMVP.replace('titolo = "SMVP del Comune di Atti"', f'titolo = "{title}"')
    result = run_declared(ciclope_ente, tmp_path, text, comune(""))
    assert acts(result) == title
    rows = {row[0]: row[1].value for row in summary(result).rows}
    assert rows["Regolamento"] == title


def test_a_title_that_holds_its_sigla_is_not_followed_by_it_again(ciclope_ente, tmp_path):
    # «Criteri … (CCDI 2026)» with sigla «CCDI 2026»: the scheda's heading and the Relazione's acts say the title
    # once, never «(CCDI 2026) («CCDI 2026»)»; a sigla the title does not hold still follows it
    from ciclope.core.schede import content, render

    titled = SMVP.replace('titolo = "SMVP del Comune di Atti"', 'titolo = "SMVP del Comune di Atti (SMVP 2024)"')
    result = run_declared(
        ciclope_ente, tmp_path, titled.replace("[[premi]]", 'sigla = "SMVP 2024"\n\n[[premi]]', 1), comune("")
    )
    assert result.plugin.regulations == ("SMVP del Comune di Atti (SMVP 2024)",)
    assert "<p>SMVP del Comune di Atti (SMVP 2024)</p>" in render.render(content.build(result, "S01"))
    (tmp_path / "other").mkdir()
    other = SMVP.replace("[[premi]]", 'sigla = "SMVP 2024"\n\n[[premi]]', 1)
    assert run_declared(ciclope_ente, tmp_path / "other", other, comune("")).plugin.regulations == (
        "SMVP del Comune di Atti («SMVP 2024»)",
    )
