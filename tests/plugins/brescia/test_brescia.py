"""Plugin `brescia` (rules/brescia.md): expectations computed by hand, arithmetic in the comments.

The base ente (``files()``):
- K1 = 10/10 = 1 (objective O1, unit s1), K2 = 8/10 = 0.8 (O2, unit s2); no areas.csv, so the
  ente = mean(1, 0.8) = 0.9; units: s1 = 1.0, s2 = 0.8, a1 = mean(s1) = 1.0, a2 = mean(s2) = 0.8 (their
  child units), cc = the ente 0.9.
- D1's cruscotto is O1 → 1.0 → score 100; D2's is O2 → 0.8 → score 80.
- PO cards (4 factors × max 10, equal weights): H1 8+8+8+8 → 80, H2 5+5+5+5 → 50;
  PO scores = 40 × organizational part + 60 × card/100, the organizational part being
  r4(0.5 × ente attested + 0.5 × unit) (004… §4.2.2, po_ente_share): H1 = 40 × (0.45 + 0.5) + 48 =
  38 + 48 = 86; H2 = 40 × (0.45 + 0.4) + 30 = 34 + 30 = 64.
- staff cards (3 items × max 10): E1 9+8+7 = 24/30 → 80; E2 6+6+6 → 60; E3 7+7+7 → 70;
  E4 2+2+3 = 7/30 → 23.33 (Non soddisfacente).
"""

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CHECK_RESULTS

from ciclope.core.commands.cli import main
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks, load_plugin
from ciclope.core.money import bounded_split
from ciclope.core.params import Params, load_param_specs
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import check_expected, compute_ente, results_doc, write_ente
from ciclope.plugins.brescia import common, rules

D = Decimal
ALL = ("A1", "A2", "B1", "B2", "B3", "C1", "C2", "D1")


def ratings(value):
    return ",".join([str(value)] * 8)


def files(**changes):
    base = {
        "ente.toml": """
            name = "CCIAA di prova (regole di Brescia)"
            [funds]
            po_total = "48000.00"
        """,
        "units.csv": """
            id,name,kind,parent,head
            cc,Camera di prova,ente,,SG
            a1,Area Uno,area,cc,D1
            a2,Area Due,area,cc,D2
            s1,Servizio Uno,servizio,a1,H1
            s2,Servizio Due,servizio,a2,H2
        """,
        "people.csv": """
            id,name,role,category,unit,fte,absence_days,insufficient,evaluator,education,qualified_years,term_start,term_end,position_pay
            SG,Segretario,segretario,DIR,cc,1,0,false,,,,,,
            D1,Dirigente Uno,dirigente,DIR,a1,1,0,false,SG,,,,,30000.00
            D2,Dirigente Due,dirigente,DIR,a2,1,0,false,SG,,,,,10000.00
            H1,PO Uno,po,D,s1,1,0,false,SG,laurea,5,2021-01-01,2023-12-31,
            H2,PO Due,po,D,s2,1,0,false,SG,diploma,10,2021-01-01,2023-12-31,
            E1,Dip Uno,dipendente,C,s1,1,0,false,D1,,,,,
            E2,Dip Due,dipendente,B,s1,0.5,0,false,D1,,,,,
            E3,Dip Tre,dipendente,C,s2,1,0,false,D2,,,,,
            E4,Dip Quattro,dipendente,B,s2,1,0,false,D2,,,,,
        """,
        "objectives.csv": """
            id,kind,title,parent,area,weight,owner
            O1,strategic,Obiettivo uno,,,,s1
            O2,strategic,Obiettivo due,,,,s2
        """,
        "indicators.csv": """
            id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
            K1,O1,Pratiche,higher,,,10,10,,,,,
            K2,O2,Eventi,higher,,,10,8,,,,,
        """,
        "assignments.csv": """
            cruscotto,owner,ref,weight
            c-D1,D1,O1,
            c-D2,D2,O2,
        """,
        "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n"
        + "\n".join(
            [f"H1,SG,Comportamenti,{f},10,8," for f in FACTOR_NAMES]
            + [f"H2,SG,Comportamenti,{f},10,5," for f in FACTOR_NAMES]
            + staff_card("E1", "D1", 9, 8, 7)
            + staff_card("E2", "D1", 6, 6, 6)
            + staff_card("E3", "D2", 7, 7, 7)
            + staff_card("E4", "D2", 2, 2, 3)
        ),
        "positions.csv": f"""
            id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
            P1,Responsabile uno,s1,H1,{ratings(5)},,
            P2,Responsabile due,s2,H2,{ratings(3)},,
            P3,Specialista (vacante),s2,,{ratings(3)},,
        """,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


FACTOR_NAMES = (
    "Autonomia decisionale",
    "Realizzazione obiettivi",
    "Qualità dell'apporto personale",
    "Comportamento organizzativo",
)


def staff_card(person, evaluator, a, b, c):
    return [
        f"{person},{evaluator},Conoscenze e competenze,Conoscenze del ruolo,10,{a},",
        f"{person},{evaluator},Attività e capacità,Qualità del lavoro,10,{b},",
        f"{person},{evaluator},Attitudini e soft skills,Collaborazione,10,{c},",
    ]


def run(tmp_path, params=None, **changes):
    folder = write_ente(tmp_path / "ente", files(**changes))
    res = compute_ente(folder, "brescia", 2021, params)
    return res, results_doc(res)


def errors(doc, rule=None):
    return [v for v in doc["violations"] if v["severity"] == "error" and (rule is None or v["rule"] == rule)]


def approvals(text):
    return f"""
        name = "CCIAA di prova"
        [funds]
        po_total = "48000.00"
        [approvals]
        {text}
    """


# --- the base ente ---------------------------------------------------------------------------


def test_base_ente_scores_and_positions(tmp_path):
    res, doc = run(tmp_path)
    assert errors(doc) == []
    org = doc["organizational"]
    # a1 has no cruscotto and no objectives: the mean of its child units, s1 = 1.0 (rules/core.md §2)
    assert org["ente"] == 0.9 and org["units"]["s2"] == 0.8 and org["units"]["a1"] == 1.0
    assert org["oiv_attested"] == 0.9 and org["judgement"] == "in linea con le aspettative"  # 0.9 ≥ 0.80
    ind = doc["individual"]
    assert (ind["D1"]["score"], ind["D2"]["score"]) == (100, 80)
    assert (ind["H1"]["score"], ind["H2"]["score"]) == (86, 64)
    assert (ind["E1"]["score"], ind["E2"]["score"], ind["E3"]["score"], ind["E4"]["score"]) == (80, 60, 70, 23.33)
    assert ind["E4"]["level"] == "Non soddisfacente" and ind["H1"]["level"] == "Eccellente"
    # upper bound only: scores P1 = Σ W × 5/5 = 100, P2 = P3 = Σ W × 3/5 = 60; F = 48000 × 0.85 = 40800;
    # proportional: 40800 × 100/220 = 18545.45 > 16000 → P1 = 16000; the rest 24800 by 60:60 → 12400 each (≥ 5000)
    pos = doc["positions"]
    assert (pos["P1"]["score"], pos["P2"]["score"], pos["P3"]["score"]) == (100, 60, 60)
    assert [pos[p]["annual"] for p in ("P1", "P2", "P3")] == ["16000.00", "12400.00", "12400.00"]
    # 13 instalments (rules/core.md §4): 16000 / 13 = 1230.769 → 1230.76 down, the 13th 16000 − 12 × 1230.76
    # = 1230.88; 12400 / 13 = 953.846 → 953.84, the 13th 12400 − 12 × 953.84 = 953.92
    assert [pos[p]["monthly"] for p in ("P1", "P2", "P3")] == ["1230.76", "953.84", "953.84"]
    assert [pos[p]["monthly_last"] for p in ("P1", "P2", "P3")] == ["1230.88", "953.92", "953.92"]
    assert [pos[p]["paid"] for p in ("P1", "P2", "P3")] == [True, True, False]
    # R = 48000 × 0.15 = 7200, reduced by the attested 0.9 → 6480.00 (004… §3);
    # result_max = split(6480, 16000:12400:12400): 2541.176 / 1969.412 / 1969.412 → floors 2541.17 + 2 × 1969.41
    # = 6479.99, the cent goes to the largest remainder (P1, .00647 > .00176) → 2541.18, 1969.41, 1969.41
    assert [pos[p]["result_max"] for p in ("P1", "P2", "P3")] == ["2541.18", "1969.41", "1969.41"]
    # results: 2541.18 × 0.86 = 2185.4148 → 2185.41; 1969.41 × 0.64 = 1260.4224 → 1260.42; P3 vacant: not paid
    assert (pos["P1"]["result"], pos["P2"]["result"], pos["P3"]["result"]) == ("2185.41", "1260.42", None)
    assert pos["P3"]["holder"] is None
    pools = doc["rewards"]["pools"]
    # position fund: paid 16000 + 12400 = 28400, the vacant 12400 is residual
    assert pools["po_posizione"] == {"amount": "40800.00", "distributed": "28400.00", "residual": "12400.00"}
    # result fund: 2185.41 + 1260.42 = 3445.83 paid, 6480 − 3445.83 = 3034.17 residual
    assert pools["po_risultato"] == {"amount": "6480.00", "distributed": "3445.83", "residual": "3034.17"}


# --- bounded split: lower bound, upper bound, both ----------------------------------------------


def test_bounded_split_lower_bound(tmp_path):
    # P1 = 100, P2 = Σ W × 1/5 = 20; F = 20000 × 0.85 = 17000; proportional P2 = 17000 × 20/120 = 2833 < 5000
    # → P2 = 5000 and P1 = 17000 − 5000 = 12000 (λ = 120, 100 × 120 = 12000 inside [5000, 16000])
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(5)},,
        P2,Due,s2,H2,{ratings(1)},,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions, "ente.toml": 'name = "x"\n[funds]\npo_total = "20000.00"'})
    pos = doc["positions"]
    assert (pos["P1"]["annual"], pos["P2"]["annual"]) == ("12000.00", "5000.00")
    # 12000 / 13 = 923.0769 → 923.07 (down), 13th 12000 − 12 × 923.07 = 923.16;
    # 5000 / 13 = 384.615 → 384.61, 13th 5000 − 12 × 384.61 = 384.68
    assert (pos["P1"]["monthly"], pos["P2"]["monthly"]) == ("923.07", "384.61")
    assert (pos["P1"]["monthly_last"], pos["P2"]["monthly_last"]) == ("923.16", "384.68")
    assert errors(doc) == []


def test_bounded_split_both_bounds_at_once(tmp_path):
    # rating_max = 10: all 10 → 100, all 5 → 50, all 1 → 10. F = 36000 × 0.85 = 30600.
    # P1 capped at 16000, P3 raised to 5000, P2 = 30600 − 21000 = 9600 (λ = 192: 100λ = 19200 ≥ 16000,
    # 10λ = 1920 ≤ 5000, 50λ = 9600 inside the bounds)
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(10)},,
        P2,Due,s2,H2,{ratings(5)},,
        P3,Tre,s2,,{ratings(1)},,
    """
    _, doc = run(
        tmp_path,
        params={"rating_max": 10},
        **{"positions.csv": positions, "ente.toml": 'name = "x"\n[funds]\npo_total = "36000.00"'},
    )
    pos = doc["positions"]
    assert [pos[p]["score"] for p in ("P1", "P2", "P3")] == [100, 50, 10]
    assert [pos[p]["annual"] for p in ("P1", "P2", "P3")] == ["16000.00", "9600.00", "5000.00"]
    assert doc["rewards"]["pools"]["po_posizione"]["amount"] == "30600.00"


def test_bounded_split_primitive_bounds():
    # the core primitive the plugin uses: 100/60/60 over 40800 → 16000, 12400, 12400 (as above)
    assert bounded_split(D("40800"), {"a": D(100), "b": D(60), "c": D(60)}, D(5000), D(16000)) == {
        "a": D("16000.00"),
        "b": D("12400.00"),
        "c": D("12400.00"),
    }
    # the pool above n × hi: everyone at 16000, 50000 − 32000 = 18000 stays with the caller (residual)
    assert bounded_split(D("50000"), {"a": D(100), "b": D(20)}, D(5000), D(16000)) == {
        "a": D("16000.00"),
        "b": D("16000.00"),
    }


def test_fund_above_every_maximum_leaves_a_residual(tmp_path):
    # F = 48000 × 0.85 = 40800 for two positions: 2 × 16000 = 32000, 8800 residual (with a warning)
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(5)},,
        P2,Due,s2,H2,{ratings(1)},,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions})
    assert doc["positions"]["P2"]["annual"] == "16000.00"
    assert doc["rewards"]["pools"]["po_posizione"]["residual"] == "8800.00"
    assert any(v["rule"] == "brescia.po.fund_above_max" for v in doc["violations"])


def test_insufficient_fund_is_an_error_and_pays_nothing(tmp_path):
    # F = 15000 × 0.85 = 12750 < 3 × 5000 = 15000 → "fondo insufficiente"; outputs still computed
    _, doc = run(tmp_path, **{"ente.toml": 'name = "x"\n[funds]\npo_total = "15000.00"'})
    errs = errors(doc, "brescia.po.fondo_insufficiente")
    assert len(errs) == 1 and "fondo insufficiente" in errs[0]["message"] and "art. 3.2" in errs[0]["source"]
    pos = doc["positions"]
    assert [pos[p]["annual"] for p in ("P1", "P2", "P3")] == ["0.00"] * 3
    assert (pos["P1"]["result"], pos["P2"]["result"]) == ("0.00", "0.00")
    assert pos["P1"]["score"] == 100  # still weighted
    pools = doc["rewards"]["pools"]
    # R = 15000 × 0.15 = 2250 × 0.9 = 2025.00, all residual
    assert pools["po_posizione"] == {"amount": "12750.00", "distributed": "0.00", "residual": "12750.00"}
    assert pools["po_risultato"] == {"amount": "2025.00", "distributed": "0.00", "residual": "2025.00"}


def test_result_share_below_fifteen_percent_is_a_config_error(tmp_path):
    folder = write_ente(tmp_path / "ente", files())
    with pytest.raises(CiclopeError) as exc:
        compute_ente(folder, "brescia", 2021, {"result_share": 0.14})
    assert any(p.rule == "config.param_bounds" and "art. 6.5" in p.source for p in exc.value.problems)
    # 0.18 is allowed: R = 48000 × 0.18 = 8640 × 0.9 = 7776.00; F = 48000 × 0.82 = 39360
    res = compute_ente(folder, "brescia", 2021, {"result_share": 0.18})
    assert res.positions.pools["po_risultato"].amount == D("7776.00")
    assert res.positions.pools["po_posizione"].amount == D("39360.00")


# --- vacant position with interim ------------------------------------------------------------


def test_vacant_position_covered_ad_interim(tmp_path):
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(5)},P3,20%
        P2,Due,s2,H2,{ratings(3)},,
        P3,Tre (vacante),s2,,{ratings(3)},,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions})
    assert errors(doc) == []
    pos = doc["positions"]
    # annual as in the base ente: 16000 / 12400 / 12400; interim extra = 20% × 12400 = 2480.00
    # R = 6480.00; R' = 6480 − 2480 = 4000; split by 16000:12400:12400 → 1568.627 / 1215.686 / 1215.686,
    # floors 1568.62 + 1215.68 + 1215.68 = 3999.98; 2 cents: P1 (rem .00745), then P2 before P3 (tie, id order)
    assert [pos[p]["result_max"] for p in ("P1", "P2", "P3")] == ["1568.63", "1215.69", "1215.68"]
    # P1: 1568.63 × 0.86 = 1349.0218 → 1349.02, + 2480.00 = 3829.02; P2: 1215.69 × 0.64 = 778.0416 → 778.04
    assert (pos["P1"]["result"], pos["P2"]["result"], pos["P3"]["result"]) == ("3829.02", "778.04", None)
    # paid 3829.02 + 778.04 = 4607.06; residual 6480 − 4607.06 = 1872.94 (the vacant share and the scores < 100)
    assert doc["rewards"]["pools"]["po_risultato"] == {
        "amount": "6480.00",
        "distributed": "4607.06",
        "residual": "1872.94",
    }
    assert doc["rewards"]["pools"]["po_posizione"]["distributed"] == "28400.00"  # the vacant one is not paid


@pytest.mark.parametrize("percent", ["14%", "26%", "0.3"])
def test_interim_percent_outside_15_25_is_an_error(tmp_path, percent):
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(5)},P3,{percent}
        P2,Due,s2,H2,{ratings(3)},,
        P3,Tre (vacante),s2,,{ratings(3)},,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions})
    errs = errors(doc, "brescia.po.interim_percent")
    assert errs and "art. 3.4" in errs[0]["source"] and errs[0]["where"] == "positions.csv:2:interim_percent"
    # no extra: result as in the base ente
    assert doc["positions"]["P1"]["result"] == "2185.41"


def test_interim_of_a_held_position_is_an_error(tmp_path):
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(5)},P2,20%
        P2,Due,s2,H2,{ratings(3)},,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions})
    assert any("ha già un titolare" in v["message"] for v in errors(doc, "brescia.po.interim"))


# --- negative PO evaluation and contraddittorio ------------------------------------------------

NEGATIVE_H2 = "person,evaluator,section,item,max_points,points,weight\n" + "\n".join(
    [f"H1,SG,Comportamenti,{f},10,8," for f in FACTOR_NAMES] + [f"H2,SG,Comportamenti,{f},10,3," for f in FACTOR_NAMES]
)


def test_negative_po_evaluation_without_contraddittorio_is_an_error(tmp_path):
    # H2: card 3 × 4 / 40 = 30 → 40 × 0.85 + 60 × 0.30 = 34 + 18 = 52 < 60 → no result pay, and no
    # contraddittorio recorded → error (001… art. 6.6)
    _, doc = run(tmp_path, **{"evaluations.csv": NEGATIVE_H2})
    assert doc["individual"]["H2"]["score"] == 52
    errs = errors(doc, "brescia.po.contraddittorio")
    assert len(errs) == 1 and "H2" in errs[0]["message"] and "art. 6.6" in errs[0]["source"]
    assert doc["positions"]["P2"]["result"] == "0.00"
    assert doc["positions"]["P2"]["annual"] == "12400.00"  # position pay is not affected


def test_negative_po_evaluation_with_contraddittorio(tmp_path):
    appeals = """
        person,stage,date,outcome,new_points_item,new_points
        H2,contraddittorio,2022-02-10,respinto,,
    """
    _, doc = run(tmp_path, **{"evaluations.csv": NEGATIVE_H2, "appeals.csv": appeals})
    assert errors(doc) == []
    assert doc["positions"]["P2"]["result"] == "0.00"  # still negative: nothing paid
    # only H1 paid: 2185.41 (as in the base ente)
    assert doc["rewards"]["pools"]["po_risultato"]["distributed"] == "2185.41"


def test_negative_evaluation_loses_the_interim_extra(tmp_path):
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(5)},,
        P2,Due,s2,H2,{ratings(3)},P3,25%
        P3,Tre (vacante),s2,,{ratings(3)},,
    """
    appeals = "person,stage,date,outcome,new_points_item,new_points\nH2,contraddittorio,2022-02-10,respinto,,\n"
    _, doc = run(tmp_path, **{"positions.csv": positions, "evaluations.csv": NEGATIVE_H2, "appeals.csv": appeals})
    # extra = 25% × 12400 = 3100.00 taken first from R = 6480.00 → R' = 3380.00, split by 16000:12400:12400:
    # P1 3380 × 16000/40800 = 1325.4902 → 1325.49 (rem .0002); P2, P3 3380 × 12400/40800 = 1027.2549 → 1027.25
    # (rem .0049); floors sum 3379.99 → the cent to P2 (tie with P3, id order) → 1325.49, 1027.26, 1027.25
    pos = doc["positions"]
    assert [pos[p]["result_max"] for p in ("P1", "P2", "P3")] == ["1325.49", "1027.26", "1027.25"]
    # H2 negative: neither the share nor the extra is paid; P1: 1325.49 × 0.86 = 1139.9214 → 1139.92
    assert (pos["P1"]["result"], pos["P2"]["result"]) == ("1139.92", "0.00")
    assert doc["rewards"]["pools"]["po_risultato"]["distributed"] == pos["P1"]["result"]


# --- OIV attestation, tolerance, judgement, fund reduction ---------------------------------------


def test_full_attestation_inside_the_tolerance(tmp_path):
    # K2 = 9.5/10 → O2 = 0.95; ente = (1 + 0.95)/2 = 0.975 ≥ 1 − 0.05: the OIV may attest 100%
    indicators = """
        id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
        K1,O1,Pratiche,higher,,,10,10,,,,,
        K2,O2,Eventi,higher,,,10,9.5,,,,,
    """
    toml = approvals('oiv_attested = 1.0\noiv_motivation = "lievi scostamenti per cause esogene"')
    _, doc = run(tmp_path, **{"indicators.csv": indicators, "ente.toml": toml})
    assert errors(doc) == []
    assert doc["organizational"]["ente"] == 0.975 and doc["organizational"]["oiv_attested"] == 1.0
    # no reduction: R = 48000 × 0.15 = 7200.00
    assert doc["rewards"]["pools"]["po_risultato"]["amount"] == "7200.00"


def test_full_attestation_at_the_tolerance_boundary(tmp_path):
    # K2 = 9/10 → ente = (1 + 0.9)/2 = 0.95 = 1 − 0.05: still allowed (≥)
    indicators = """
        id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
        K1,O1,Pratiche,higher,,,10,10,,,,,
        K2,O2,Eventi,higher,,,10,9,,,,,
    """
    toml = approvals('oiv_attested = 1.0\noiv_motivation = "lievi scostamenti"')
    _, doc = run(tmp_path, **{"indicators.csv": indicators, "ente.toml": toml})
    assert errors(doc) == [] and doc["organizational"]["oiv_attested"] == 1.0


def test_full_attestation_outside_the_tolerance_is_an_error(tmp_path):
    # ente 0.9 < 0.95: a 100% attestation is not allowed; the computed 0.9 is used and the funds reduced
    toml = approvals('oiv_attested = 1.0\noiv_motivation = "contesto difficile"')
    _, doc = run(tmp_path, **{"ente.toml": toml})
    errs = errors(doc, "brescia.oiv.tolerance")
    assert len(errs) == 1 and "lievi scostamenti" in errs[0]["message"] and "§3" in errs[0]["source"]
    # numbers in a message read as Italian writes them: 1 − 0.05 = 0,95
    assert "l'OIV attesta 1,0, più della performance calcolata 0,9" in errs[0]["message"]
    assert "almeno 0,95 (parametro tolleranza_oiv = 0,05)" in errs[0]["message"]
    assert doc["organizational"]["oiv_attested"] == 0.9
    assert doc["rewards"]["pools"]["po_risultato"]["amount"] == "6480.00"  # 7200 × 0.9
    # a wider tolerance (param) accepts it: 0.9 ≥ 1 − 0.10
    folder = write_ente(tmp_path / "wide", files(**{"ente.toml": toml}))
    wide = results_doc(compute_ente(folder, "brescia", 2021, {"oiv_tolerance": 0.10}))
    assert errors(wide) == [] and wide["organizational"]["oiv_attested"] == 1.0


def test_attestation_without_motivation_is_not_applied(tmp_path):
    _, doc = run(tmp_path, **{"ente.toml": approvals("oiv_attested = 0.95")})
    assert errors(doc, "brescia.oiv.motivation")
    assert doc["organizational"]["oiv_attested"] == 0.9


@pytest.mark.parametrize(
    "attested, judgement",
    [
        (0.85, "in linea con le aspettative"),  # 0.85 ≥ 0.80
        (0.80, "in linea con le aspettative"),  # the boundary: not below 0.80
        (0.79, "inferiore alle aspettative"),
    ],
)
def test_lower_attestation_and_proposed_judgement(tmp_path, attested, judgement):
    toml = approvals(f'oiv_attested = {attested}\noiv_motivation = "verifiche a campione"')
    res, doc = run(tmp_path, **{"ente.toml": toml})
    assert errors(doc) == []
    assert doc["organizational"]["oiv_attested"] == attested
    assert doc["organizational"]["judgement"] == judgement
    # the threshold said as the percentage the SMVP writes, never «0.8»
    sign = "<" if attested < 0.80 else "≥"
    assert res.figures["judgement"].formula == f"giudizio proposto (non espresso dall'OIV): attestata {sign} 80%"
    # the PO result fund shrinks in proportion: 7200 × attested
    assert D(doc["rewards"]["pools"]["po_risultato"]["amount"]) == (D("7200") * D(str(attested))).quantize(D("0.01"))


def test_the_oiv_judgement_wins(tmp_path):
    toml = approvals('oiv_judgement = "superiore alle aspettative"')
    _, doc = run(tmp_path, **{"ente.toml": toml})
    assert doc["organizational"]["judgement"] == "superiore alle aspettative"


# --- levels -------------------------------------------------------------------------------------

LEVEL_CASES = [
    ("25", "Non soddisfacente"),
    ("25.01", "Sufficiente"),
    ("40", "Sufficiente"),
    ("55", "Discreto"),
    ("70", "Buono"),
    ("70.5", "Ottimo"),
    ("85", "Ottimo"),
    ("85.01", "Eccellente"),
]


@pytest.mark.parametrize("score, level", LEVEL_CASES)
def test_level_boundaries(score, level):
    params = Params(
        values={"levels": Hooks.for_plugin("brescia")[0].first(hookspecs.ciclope_params, year=2021)["levels"].value}
    )
    assert common.level_of(D(score), params) == level


def test_level_boundaries_through_the_staff_card(tmp_path):
    # one item, max 10000: points 2500 → 100 × 2500/10000 = 25.00, etc.
    people = [
        "id,name,role,category,unit,fte,absence_days,insufficient,evaluator",
        "SG,Segretario,segretario,DIR,cc,1,0,false,",
    ]
    cards = ["person,evaluator,section,item,max_points,points,weight"]
    for n, (score, _) in enumerate(LEVEL_CASES):
        people.append(f"L{n},Dip {n},dipendente,C,s1,1,0,false,SG")
        cards.append(f"L{n},SG,Attività e capacità,Qualità,10000,{int(D(score) * 100)},")
    units = "id,name,kind,parent,head\ncc,Camera di prova,ente,,SG\ns1,Servizio Uno,servizio,cc,SG"
    _, doc = run(
        tmp_path,
        **{
            "units.csv": units,
            "people.csv": "\n".join(people),
            "evaluations.csv": "\n".join(cards),
            "positions.csv": None,
            "assignments.csv": None,
            "objectives.csv": "id,kind,title,parent,area,weight,owner\nO1,strategic,Uno,,,,s1",
            "indicators.csv": files()["indicators.csv"].replace("K2,O2", "K2,O1"),
        },
    )
    for n, (score, level) in enumerate(LEVEL_CASES):
        got = doc["individual"][f"L{n}"]
        assert (got["score"], got["level"]) == (float(score), level)


# --- variable resources (004… §5) ---------------------------------------------------------------

PROJECTS_40 = """
    id,title,relevance,area,dirigente_weight
    PR1,Uno,alta,a1,
    PR2,Due,alta,a1,
    PR3,Tre,alta,a1,
    PR4,Quattro,alta,a1,
    PR5,Cinque,alta,a2,
    PR6,Sei,alta,a2,
    PR7,Sette,alta,a2,
    PR8,Otto,alta,a2,
"""
FUNDS = 'name = "x"\n[funds]\npo_total = "48000.00"\nstable_dirigenti = "20000.00"\nstable_staff = "50000.00"'


def test_variable_resources_inside_the_range(tmp_path):
    _, doc = run(tmp_path, **{"projects.csv": PROJECTS_40, "ente.toml": FUNDS})
    assert errors(doc) == []
    pools = doc["rewards"]["pools"]
    # Σc = 8 × 5 = 40. Dirigenti: 0.02 × 20000 × 40 = 16000.00; 16000/(20000 + 16000) = 44.4% ∈ [25, 50].
    # Staff: 0.01 × 50000 × 40 = 20000.00; 20000/70000 = 28.6% ∈ [25, 50].
    # reduced by the attested 0.9: 14400.00 and 18000.00.
    # dirigenti by the heads' position pay 30000:10000 → a1 10800.00, a2 3600.00
    assert (pools["dirigenti:a1"]["amount"], pools["dirigenti:a2"]["amount"]) == ("10800.00", "3600.00")
    # D1: 10800 × 100/100 = 10800.00; D2: 3600 × 80/100 = 2880.00, 720.00 residual
    people = doc["rewards"]["people"]
    assert people["D1"] == {"amount": "10800.00", "band": None, "pool": "dirigenti:a1"}
    assert people["D2"]["amount"] == "2880.00" and pools["dirigenti:a2"]["residual"] == "720.00"
    # staff by fte: a1 = E1 1 + E2 0.5 = 1.5, a2 = E3 1 + E4 1 = 2 → 18000 × 1.5/3.5 = 7714.2857 (rem .0057),
    # 18000 × 2/3.5 = 10285.7143 (rem .0043): floors 17999.99, the cent to a1 → 7714.29 and 10285.71
    assert (pools["staff:a1"]["amount"], pools["staff:a2"]["amount"]) == ("7714.29", "10285.71")
    # a1: E1 80 × 1 × 1.0 = 80, E2 60 × 0.5 × 1.0 = 30 → 7714.29 × 80/110 = 5610.3927 (rem .0027),
    # × 30/110 = 2103.8973 (rem .0073): floors 7714.28, the cent to E2 → 5610.39 and 2103.90
    assert (people["E1"]["amount"], people["E2"]["amount"]) == ("5610.39", "2103.90")
    # a2: E3 70 × 1 × 0.8 = 56 takes all; E4 (23.33, Non soddisfacente) gets 0
    assert (people["E3"]["amount"], people["E4"]["amount"]) == ("10285.71", "0.00")
    assert pools["staff:a2"]["residual"] == "0.00"


def test_variable_resources_below_the_range(tmp_path):
    projects = "\n".join(PROJECTS_40.strip().splitlines()[:5])  # 4 projects: Σc = 20
    _, doc = run(tmp_path, **{"projects.csv": projects, "ente.toml": FUNDS})
    # dirigenti: 0.02 × 20000 × 20 = 8000; 8000/28000 = 28.6% (inside); staff: 0.01 × 50000 × 20 = 10000;
    # 10000/60000 = 16.7% < 25% → error §5.2 for the staff fund only
    errs = errors(doc, "brescia.resources.range")
    assert len(errs) == 1 and "§5.2" in errs[0]["source"] and "personale non dirigente" in errs[0]["message"]
    assert "16,67%" in errs[0]["message"] or "16.67%" in errs[0]["message"]
    # what to change (issue 14): 0.01 × Σc ∈ [1/3, 1] ⇔ Σc from ⌈33.3⌉ = 34 to 100 (now 20)
    assert "devono sommare da 34 a 100 (ora 20)" in errs[0]["message"]


def test_variable_resources_above_the_range(tmp_path):
    # point value 0.05: 0.05 × 20000 × 40 = 40000; 40000/60000 = 66.7% > 50% → error §5.2 (dirigenti)
    _, doc = run(tmp_path, params={"point_value_dirigenti": 0.05}, **{"projects.csv": PROJECTS_40, "ente.toml": FUNDS})
    errs = errors(doc, "brescia.resources.range")
    assert len(errs) == 1 and "personale dirigente" in errs[0]["message"]


def test_variable_resources_at_the_upper_boundary(tmp_path):
    # point value 0.025: 0.025 × 20000 × 40 = 20000; 20000/40000 = exactly 50% → allowed
    _, doc = run(tmp_path, params={"point_value_dirigenti": 0.025}, **{"projects.csv": PROJECTS_40, "ente.toml": FUNDS})
    assert errors(doc) == []


def test_dirigente_weight_normalization(tmp_path):
    # a1: alta, alta, media, bassa → Σc = 14; relevance weights 100 × 5/14 = 35.71, 35.71, 21.43, 7.14.
    # PR4 (bassa) weighted 30 by the dirigente: |30 − 7.14| = 22.86 > 20 → error §5.4; PR3 at 41: |41 − 21.43|
    # = 19.57 ≤ 20 → fine
    projects = """
        id,title,relevance,area,dirigente_weight
        PR1,Uno,alta,a1,
        PR2,Due,alta,a1,
        PR3,Tre,media,a1,41
        PR4,Quattro,bassa,a1,30
        PR5,Cinque,alta,a2,
        PR6,Sei,alta,a2,
        PR7,Sette,alta,a2,
        PR8,Otto,alta,a2,
        PR9,Nove,alta,a2,
    """
    _, doc = run(tmp_path, **{"projects.csv": projects, "ente.toml": FUNDS})
    errs = errors(doc, "brescia.resources.weight")
    assert [e["where"] for e in errs] == ["projects.csv:5:dirigente_weight"] and "§5.4" in errs[0]["source"]


def test_project_area_must_be_an_area_unit(tmp_path):
    projects = "id,title,relevance,area,dirigente_weight\nPR1,Uno,alta,s1,\n"
    _, doc = run(tmp_path, **{"projects.csv": projects, "ente.toml": FUNDS})
    assert [e["where"] for e in errors(doc, "brescia.resources.area")] == ["projects.csv:2:area"]


# --- eligibility (001… art. 1–2) ---------------------------------------------------------------


def people_with_h2(row):
    base = files()["people.csv"].strip().splitlines()
    return "\n".join(row if line.strip().startswith("H2,") else line for line in base)


@pytest.mark.parametrize(
    "row, rule, article",
    [
        ("H2,PO Due,po,C,s2,1,0,false,SG,diploma,10,2021-01-01,2023-12-31,", "brescia.po.category", "art. 1.2"),
        ("H2,PO Due,po,D,s2,0.5,0,false,SG,diploma,10,2021-01-01,2023-12-31,", "brescia.po.part_time", "art. 2.7"),
        ("H2,PO Due,po,D,s2,1,0,false,SG,diploma,7,2021-01-01,2023-12-31,", "brescia.po.requirements", "art. 2.5"),
        ("H2,PO Due,po,D,s2,1,0,false,SG,laurea,3,2021-01-01,2023-12-31,", "brescia.po.requirements", "art. 2.5"),
        (
            "H2,PO Due,po,D,s2,1,0,false,SG,specializzazione,1,2021-01-01,2023-12-31,",
            "brescia.po.requirements",
            "art. 2.5",
        ),
        ("H2,PO Due,po,D,s2,1,0,false,SG,diploma,10,2021-01-01,2024-01-02,", "brescia.po.term", "art. 2.4"),
        ("H2,PO Due,dipendente,D,s2,1,0,false,SG,diploma,10,2021-01-01,2023-12-31,", "brescia.po.role", "art. 1"),
    ],
)
def test_eligibility_violations_name_the_article(tmp_path, row, rule, article):
    _, doc = run(tmp_path, **{"people.csv": people_with_h2(row)})
    errs = errors(doc, rule)
    assert len(errs) == 1 and article in errs[0]["source"] and errs[0]["where"].startswith("people.csv:6:")


def test_eligibility_edges_are_allowed(tmp_path):
    # exactly 3 years (2021-01-01 → 2023-12-31: the anniversary 2024-01-01 would be one day too long,
    # rules/brescia.md §1), exactly 8 years with a diploma, 2 with a specialization
    row = "H2,PO Due,po,D,s2,1,0,false,SG,diploma,8,2021-01-01,2023-12-31,"
    _, doc = run(tmp_path, **{"people.csv": people_with_h2(row)})
    assert errors(doc) == []
    row = "H2,PO Due,po,D,s2,1,0,false,SG,specializzazione,2,2021-01-01,2023-12-31,"
    _, doc = run(tmp_path / "b", **{"people.csv": people_with_h2(row)})
    assert errors(doc) == []


def test_rating_words_and_scale(tmp_path):
    # alta/media/bassa = 5/3/1: A1 alta (20 × 5/5 = 20) + the rest media (80 × 3/5 = 48) = 68
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,alta,media,media,media,media,media,media,media,,
        P2,Due,s2,H2,{ratings(6)},,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions})
    assert doc["positions"]["P1"]["score"] == 68
    assert [e["column"] if "column" in e else e["where"] for e in errors(doc, "brescia.po.rating")] == [
        f"positions.csv:3:{c}" for c in ALL
    ]  # 6 > rating_max 5, each cell


# --- calendar (004… §3.2) -----------------------------------------------------------------------


def test_calendar_deadlines_and_status(tmp_path):
    toml = approvals(
        "piano_adopted = 2021-02-10\nrelazione_validated_oiv = 2022-02-20\nrelazione_published = 2022-06-30"
    )
    res, doc = run(tmp_path, **{"ente.toml": toml})
    due = {d.approval: (d.due, status) for d, status in res.calendar}
    assert due["monitoraggio_giunta"] == (dt.date(2021, 6, 30), "mancante")
    assert due["rendicontazione_schede"][0] == dt.date(2022, 1, 20)
    assert due["relazione_drafted"][0] == dt.date(2022, 1, 31)
    # OIV validation in the last decade of January (004… §3.2, rules/brescia.md §5): 20/02 is late
    assert due["relazione_validated_oiv"] == (dt.date(2022, 1, 31), "in ritardo")
    assert due["relazione_approved"][0] == dt.date(2022, 2, 28)
    assert due["relazione_published"] == (dt.date(2022, 6, 30), "fatto")
    assert due["piano_adopted"] == (dt.date(2021, 1, 31), "in ritardo")
    assert all("004_a450255962d2094d.txt" in d.source for d, _ in res.calendar)
    # February of a leap year ends on the 29th
    assert {d.approval: d.due for d in rules.calendar(2023)}["relazione_approved"] == dt.date(2024, 2, 29)


# --- organizational performance: tree, Azienda Speciale, scheda d --------------------------------


def test_strategic_objective_with_own_indicators_and_linked_operational_objectives(tmp_path):
    areas = """
        id,name,weight,separate
        AS1,Area strategica 1,60,
        AS2,Area strategica 2,40,
        AZ,Azienda Speciale,,true
    """
    objectives = """
        id,kind,title,parent,area,weight,owner
        1.1,strategic,Strategico,,AS1,100,a1
        1.1.1,operational,Operativo uno,1.1,,30,s1
        1.1.2,operational,Operativo due,1.1,,30,s1
        2.1,strategic,Strategico due,,AS2,100,a2
        AZ.1,strategic,Azienda uno,,AZ,,cc
        AZ.2,strategic,Azienda due,,AZ,,cc
    """
    indicators = """
        id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
        S1,1.1,Proprio,higher,40,,100,90,,,,,
        O1,1.1.1,Op uno,deadline,,,30.6.2021,2021-07-01,,,,,
        O2,1.1.2,Op due a,higher,,,10,10,,,,,
        O3,1.1.2,Op due b,lower,,,5,10,,,,,
        T1,2.1,Due,boolean,,,SI,SI,,,,,
        Z1,AZ.1,Az uno,higher,,,10,5,,,,,
        Z2,AZ.2,Az due,higher,,,10,10,,,,,
    """
    assignments = """
        cruscotto,owner,ref,weight
        c-D1,D1,1.1,
        c-D1,D1,1.1.2,
        c-D2,D2,2.1,
    """
    _, doc = run(
        tmp_path,
        **{
            "areas.csv": areas,
            "objectives.csv": objectives,
            "indicators.csv": indicators,
            "assignments.csv": assignments,
        },
    )
    org = doc["organizational"]
    # 1.1.1: deadline missed → 0; 1.1.2: mean(1, 5/10 = 0.5) = 0.75
    # 1.1 = (40 × 0.9 + 30 × 0 + 30 × 0.75) / 100 = (36 + 0 + 22.5)/100 = 0.585
    assert org["objectives"]["1.1.1"] == 0 and org["objectives"]["1.1.2"] == 0.75 and org["objectives"]["1.1"] == 0.585
    # ente = (60 × 0.585 + 40 × 1) / 100 = 0.751; the Azienda Speciale apart: mean(0.5, 1) = 0.75
    assert org["ente"] == 0.751 and org["separate"] == {"AZ": 0.75} and "AZ" not in org["areas"]
    # scheda d: D1 = mean(0.585, 0.75) = 0.6675; D2 = 1
    assert org["people"]["D1"] == 0.6675 and org["people"]["D2"] == 1.0
    assert doc["individual"]["D1"]["score"] == 66.75
    # 0.751 < 0.80 → proposed judgement "inferiore alle aspettative"
    assert org["judgement"] == "inferiore alle aspettative"


# --- the public example through the command line; the demo ----------------------------------------


def test_public_example_through_the_cli(example):
    folder = example("brescia")
    assert main(["run", str(folder / "cycle.toml")]) == 0
    expected = json.loads((folder / "expected.json").read_text())
    for ente, checks in expected.items():
        if ente.startswith("_"):
            continue
        doc = json.loads((folder / "out" / ente / "results.json").read_text())
        assert check_expected(doc, checks) == []
    tool = CHECK_RESULTS  # the customer's checker, as the acceptance uses it
    out = subprocess.run(
        [sys.executable, str(tool), str(folder / "expected.json"), str(folder / "out")], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout


def test_the_demo_runs_clean():
    res = compute_ente(load_plugin("brescia")[1].demo / "cciaa-brescia", "brescia", 2021)
    assert res.errors == []
    org = res.org
    assert set(org.areas) == {"AS1", "AS2", "AS3"} and set(org.separate) == {"AZ"}
    assert {"SG", "DA", "DP"} <= set(org.people)
    assert {"1.1", "1.2.2", "2.4.1", "3.2.2", "AZ.3"} <= set(org.objectives)
    assert res.positions.positions["P-SUAP"].holder is None
    assert res.scores["PO_REG"].score < 60  # negative, with its contraddittorio
    assert all("illustrativ" in i.source.lower() for i in res.ente.indicators.values())
    for pool in list(res.rewards.pools.values()) + list(res.positions.pools.values()):
        assert pool.distributed + pool.residual == pool.amount


def test_demo_command_includes_brescia(tmp_path, capsys):
    main(["demo", "--dir", str(tmp_path / "demo")])
    assert (tmp_path / "demo" / "brescia" / "risultati" / "cciaa-brescia" / "results.json").is_file()
    assert "cciaa-brescia" in capsys.readouterr().out


def test_params_assumptions_are_declared():
    specs = Hooks.for_plugin("brescia")[0].first(hookspecs.ciclope_params, year=2021)
    for name in (
        "rating_max",
        "po_positive",
        "oiv_tolerance",
        "judgement_low",
        "po_org_weight",
        "levels",
        "staff_min_level",
    ):
        assert specs[name].assumption, name
    assert "51 – 85" in specs["levels"].assumption
    assert specs["result_share"].min == D("0.15")


def test_check_params_rejects_inconsistent_levels(tmp_path):
    folder = write_ente(tmp_path / "ente", files())
    bad = [{"name": "Basso", "max": 50}, {"name": "Alto", "max": 40}]
    with pytest.raises(CiclopeError) as exc:
        compute_ente(folder, "brescia", 2021, {"levels": bad, "staff_min_level": "Basso"})
    assert any(p.rule == "brescia.params.levels" for p in exc.value.problems)
    with pytest.raises(CiclopeError) as exc:
        compute_ente(folder, "brescia", 2021, {"levels": [{"name": "Senza massimo"}]})
    assert any(p.rule == "brescia.params.levels" and p.file == "params" for p in exc.value.problems)
    # the parameter and its rows' keys as the office writes them: livelli = [{ nome, fino_a }]
    assert [p.message for p in exc.value.problems] == ["livelli: ogni livello richiede nome e fino_a numerico"]
    with pytest.raises(CiclopeError) as exc:
        compute_ente(folder, "brescia", 2021, {"staff_min_level": "Ottimissimo"})
    assert [p.message for p in exc.value.problems if p.rule == "brescia.params.staff_min_level"] == [
        "livello_minimo_personale «Ottimissimo» non è un livello di livelli"
    ]


def test_area_without_head_uses_its_only_dirigente_and_insufficient_staff_is_excluded(tmp_path):
    units = files()["units.csv"].replace("a2,Area Due,area,cc,D2", "a2,Area Due,area,cc,")
    people = files()["people.csv"].replace(
        "E1,Dip Uno,dipendente,C,s1,1,0,false", "E1,Dip Uno,dipendente,C,s1,1,0,true"
    )
    _, doc = run(
        tmp_path, **{"units.csv": units, "people.csv": people, "projects.csv": PROJECTS_40, "ente.toml": FUNDS}
    )
    people_awards = doc["rewards"]["people"]
    # a2 has no head in units.csv: D2 (the only dirigente in a2) is its dirigente → 3600 × 80/100 = 2880.00
    assert people_awards["D2"] == {"amount": "2880.00", "band": None, "pool": "dirigenti:a2"}
    # E1 declared insufficient: E2 alone takes the a1 staff pool 7714.29 (see the test above)
    assert (people_awards["E1"]["amount"], people_awards["E2"]["amount"]) == ("0.00", "7714.29")


def test_unit_not_scored_falls_back_to_the_unit_above(tmp_path):
    # K2 neutralized → O2 not scored → s2 (owner of O2 only) not scored; the ente = O1 alone = 1.0, so
    # a2 (nothing of its own) inherits 1.0. H2 (unit s2) uses a2: 40 × 1.0 + 60 × 0.50 = 70 (warning);
    # D2's cruscotto holds only O2 → not evaluated.
    indicators = """
        id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
        K1,O1,Pratiche,higher,,,10,10,,,,,
        K2,O2,Eventi,higher,,,10,,,,true,evento esogeno,
    """
    _, doc = run(tmp_path, **{"indicators.csv": indicators, "projects.csv": PROJECTS_40, "ente.toml": FUNDS})
    assert doc["organizational"]["units"]["s2"] is None and doc["organizational"]["units"]["a2"] == 1.0
    assert doc["individual"]["H2"]["score"] == 70
    assert any(v["rule"] == "brescia.po.unit_not_scored" and v["severity"] == "warning" for v in doc["violations"])
    assert doc["individual"]["D2"]["status"] == "not_evaluated"
    # staff a2: E3 70 × 1 × 1.0 takes the whole staff pool of a2; no attestation reduction (attested 1.0):
    # 20000 × 2/3.5 = 11428.571 (rem .0014), a1 20000 × 1.5/3.5 = 8571.428 (rem .0029) → a1 gets the cent
    assert doc["rewards"]["pools"]["staff:a2"]["amount"] == "11428.57"
    assert doc["rewards"]["people"]["E3"]["amount"] == "11428.57"
    # D2 not evaluated: the a2 dirigenti pool (16000 × 10000/40000 = 4000.00) stays whole
    assert doc["rewards"]["pools"]["dirigenti:a2"] == {
        "amount": "4000.00",
        "distributed": "0.00",
        "residual": "4000.00",
    }


# --- issue 13: the audit's findings, computed by hand from 001… and 004… ---------------------------


def test_a_term_of_three_years_ends_the_day_before_the_anniversary(tmp_path):
    """001… art. 2.4 (rules/brescia.md §1): a term starting 2019-05-21 may end at the latest on 2022-05-20."""
    ok = people_with_h2("H2,PO Due,po,D,s2,1,0,false,SG,diploma,10,2019-05-21,2022-05-20,")
    assert errors(run(tmp_path / "a", **{"people.csv": ok})[1], "brescia.po.term") == []
    long = people_with_h2("H2,PO Due,po,D,s2,1,0,false,SG,diploma,10,2019-05-21,2022-05-21,")
    _, doc = run(tmp_path / "b", **{"people.csv": long})
    bad = errors(doc, "brescia.po.term")
    # the last day as an office writes it (20/05/2022), never the date's own text
    assert len(bad) == 1 and "20/05/2022" in bad[0]["message"] and "art. 2.4" in bad[0]["source"]
    assert "2022-05-20" not in bad[0]["message"]
    assert doc["positions"]["P2"]["paid"] is True  # an overlong term is to be corrected, pay still computed


def test_oiv_validation_on_18_february_is_late(tmp_path):
    res, _ = run(tmp_path, **{"ente.toml": approvals("relazione_validated_oiv = 2022-02-18")})
    status = {d.approval: s for d, s in res.calendar}
    assert status["relazione_validated_oiv"] == "in ritardo"  # due 31 January 2022


def test_oiv_may_not_attest_more_than_computed_outside_the_tolerance(tmp_path):
    """§3.2.1: more than computed only for "lievi scostamenti" (computed ≥ 1 − 0.05). 0.99 on a computed 0.55
    is refused like 1.0 is: the computed 0.55 is used and the PO result fund is 7200 × 0.55 = 3960.00."""
    indicators = """
        id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
        K1,O1,Pratiche,higher,,,10,6,,,,,
        K2,O2,Eventi,higher,,,10,5,,,,,
    """
    toml = approvals('oiv_attested = 0.99\noiv_motivation = "cause esogene"')
    _, doc = run(tmp_path, **{"indicators.csv": indicators, "ente.toml": toml})
    # ente = (0.6 + 0.5) / 2 = 0.55
    assert doc["organizational"]["ente"] == 0.55 and doc["organizational"]["oiv_attested"] == 0.55
    assert len(errors(doc, "brescia.oiv.tolerance")) == 1
    assert doc["rewards"]["pools"]["po_risultato"]["amount"] == "3960.00"
    # less than computed, with motivation, is the OIV's call: 0.5 → 7200 × 0.5 = 3600.00
    lower = approvals('oiv_attested = 0.5\noiv_motivation = "dati non attendibili"')
    _, doc2 = run(tmp_path / "b", **{"indicators.csv": indicators, "ente.toml": lower})
    assert doc2["organizational"]["oiv_attested"] == 0.5 and not errors(doc2, "brescia.oiv.tolerance")
    assert doc2["rewards"]["pools"]["po_risultato"]["amount"] == "3600.00"


@pytest.mark.parametrize(
    "row, rule",
    [
        ("H2,PO Due,po,C,s2,1,0,false,SG,diploma,10,2021-01-01,2023-12-31,", "brescia.po.category"),  # art. 1.2
        ("H2,PO Due,po,D,s2,0.5,0,false,SG,diploma,10,2021-01-01,2023-12-31,", "brescia.po.part_time"),  # art. 2.7
    ],
)
def test_a_holder_who_cannot_be_appointed_is_not_paid(tmp_path, row, rule):
    """rules/brescia.md §1: the position is weighted and valued, nothing is paid (residual), with the error."""
    _, doc = run(tmp_path, **{"people.csv": people_with_h2(row)})
    assert errors(doc, rule)
    p2 = doc["positions"]["P2"]
    assert p2["paid"] is False and p2["result"] is None and p2["annual"] == "12400.00"
    pools = doc["rewards"]["pools"]
    # only P1 is paid: position 16000 of 40800 (24800 residual: P2 and the vacant P3); result 2185.41 of 6480
    assert pools["po_posizione"] == {"amount": "40800.00", "distributed": "16000.00", "residual": "24800.00"}
    assert pools["po_risultato"]["distributed"] == "2185.41"


def test_po_citations(tmp_path):
    _, doc = run(tmp_path, **{"evaluations.csv": NEGATIVE_H2})
    (err,) = errors(doc, "brescia.po.contraddittorio")
    assert err["source"] == "001_2164dd4e03a9b49f.txt art. 6.6"  # not Bergamo's 000… art. 28.6
    from ciclope.core.params import load_param_specs

    specs = load_param_specs(Path(rules.__file__).with_name("params.toml"))
    assert str(specs["pay_min"].since) == "2019-01-01"  # 001… art. 7.2


def test_the_20_point_message_never_reads_as_exactly_20(tmp_path):
    """004… §5.4: three projects "media" in a1 → relevance weight 100 × 3 / 9 = 33.333…; a dirigente weight
    of 13.33 deviates by 20.00333… > 20. Rounded to cents it would read "33.33" and "20": the message must
    show a deviation above 20 and the exact weight."""
    projects = """
        id,title,relevance,area,dirigente_weight
        PR1,Uno,media,a1,13.33
        PR2,Due,media,a1,
        PR3,Tre,media,a1,
        PR5,Cinque,alta,a2,
    """
    _, doc = run(tmp_path, **{"projects.csv": projects, "ente.toml": FUNDS})
    (err,) = errors(doc, "brescia.resources.weight")
    assert "scosta di 20,0034 punti" in err["message"]  # |13.33 − 33.3333…| = 20.00333… rounded up
    assert "100 × 3 / 9 = 33,3333" in err["message"]
    # the allowed range: 33.333… ± 20 → from 13.34 (up) to 53.33 (down)
    assert "tra 13,34 e 53,33" in err["message"]


def test_explain_a_po_shows_the_money_the_cap_lambda_and_exact_inputs(tmp_path, capsys):
    """issue 13: a PO's pay is in the header (never "nessun importo"), the bounded split shows the €16,000
    cap and λ, and a card of 92.5 enters the score as 0,925 (never "0,93 punti")."""
    evaluations = "person,evaluator,section,item,max_points,points,weight\n" + "\n".join(
        [f"H1,SG,Comportamenti,{f},10,{p}," for f, p in zip(FACTOR_NAMES, (9, 9, 9, 10))]
        + [f"H2,SG,Comportamenti,{f},10,5," for f in FACTOR_NAMES]
    )
    write_ente(tmp_path / "ente", files(**{"evaluations.csv": evaluations}))
    cfg = tmp_path / "cycle.toml"
    cfg.write_text('[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "bs"\nplugin = "brescia"\ndata = "ente"\n')
    assert main(["explain", str(cfg), "--ente", "bs", "--person", "H1"]) == 0
    text = capsys.readouterr().out
    assert "nessun importo" not in text
    # P1 at the cap: € 16.000,00 of position pay; H1's score 40 × (0.5 × 0.9 + 0.5 × 1.0) + 60 × 0.925 = 93.50,
    # result 2541.18 × 0.935 = 2376.0033 → 2376.00
    assert "Importo: € 16.000,00 — retribuzione di posizione dell'anno (P1)" in text
    assert "Importo: € 2.376,00 — retribuzione di risultato (P1)" in text
    assert "massimo annuo («annui lordi per tredici mensilità») = € 16.000,00" in text
    assert "retribuzione_massima" not in text and "retribuzione_minima" not in text  # the bound in words, no code
    assert "λ, euro per punto" in text
    assert "scheda dei comportamenti / 100 = 0,925" in text


def test_cards_off_the_forms_are_warned_once_per_card(tmp_path):
    """004… §4.2.2–4.2.3: a PO card with other factors than the four, a staff card with a section outside the
    three of the Scheda (conoscenze e competenze; attività e capacità; attitudini e soft skills) are warned,
    each once, naming the odd sections in order; the cards that follow the forms are not (issue 18 made the
    section check once per distinct section: the same warnings)."""
    cards = (
        files()["evaluations.csv"]
        .replace("H2,SG,Comportamenti,Autonomia decisionale", "H2,SG,Comportamenti,Puntualità")
        .replace("E3,D2,Attitudini e soft skills,", "E3,D2,Varie,")
    )
    cards += "\nE3,D2,Altro,Extra,10,5,\nE4,D2,ATTIVITÀ E CAPACITÀ,Bis,10,5,"  # upper case still one of the three
    _, doc = run(tmp_path, **{"evaluations.csv": cards})
    warned = [(v["rule"], v["message"]) for v in doc["violations"] if v["rule"].startswith("brescia.card.")]
    assert len(warned) == 2
    assert warned[0][0] == "brescia.card.po_factors" and "PO H2" in warned[0][1]
    assert warned[1][0] == "brescia.card.staff_sections"
    assert warned[1][1].startswith("scheda di E3: sezioni «Altro», «Varie» diverse dalle tre")


def test_an_attestation_between_computed_and_one_is_refused(tmp_path):
    """§3.2.1: above the computed value only exactly 1.0 (with computed ≥ 1 − oiv_tolerance) is allowed.
    K2 = 9.2/10 → O2 = 0.92; ente = (1 + 0.92)/2 = 0.96, inside the tolerance, yet 0.99 is not a complete
    attestation: error, the computed 0.96 is used and the PO result fund is 7200 × 0.96 = 6912.00."""
    indicators = """
        id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
        K1,O1,Pratiche,higher,,,10,10,,,,,
        K2,O2,Eventi,higher,,,10,9.2,,,,,
    """
    toml = approvals('oiv_attested = 0.99\noiv_motivation = "lievi scostamenti"')
    _, doc = run(tmp_path, **{"indicators.csv": indicators, "ente.toml": toml})
    assert doc["organizational"]["ente"] == 0.96 and doc["organizational"]["oiv_attested"] == 0.96
    assert len(errors(doc, "brescia.oiv.tolerance")) == 1
    assert doc["rewards"]["pools"]["po_risultato"]["amount"] == "6912.00"


def test_po_result_cents_tied_go_to_the_higher_position_score(tmp_path):
    """rules/brescia.md §1, core §4: equal remainders by position score, then id — never by id alone."""
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Uno,s1,H1,{ratings(4)},,
        P2,Due,s2,H2,{ratings(5)},,
    """
    toml = 'name = "CCIAA di prova"\n[funds]\npo_total = "40000.07"\n'
    _, doc = run(tmp_path, **{"positions.csv": positions, "ente.toml": toml})
    pos = doc["positions"]
    # scores P1 = 100 × 4/5 = 80, P2 = 100; R0 = 40000.07 × 0.15 = 6000.0105 → 6000.01, F = 34000.06:
    # λ = 200 puts both at the 16000 maximum. R = 6000.01 × attested 0.9 = 5400.009 → 5400.01, split 1:1 =
    # 2700.005 each: floors 2700.00 + 2700.00, one cent left on equal remainders → P2 (score 100 > 80), not P1
    assert (pos["P1"]["score"], pos["P2"]["score"]) == (80, 100)
    assert [pos[p]["annual"] for p in ("P1", "P2")] == ["16000.00", "16000.00"]
    assert [pos[p]["result_max"] for p in ("P1", "P2")] == ["2700.00", "2700.01"]


def test_position_fund_is_po_total_minus_the_result_fund(tmp_path):
    """rules/brescia.md §1: R0 = po_total × 0.15 half-up, F = po_total − R0, so F + R0 = po_total exactly."""
    toml = 'name = "CCIAA di prova"\n[funds]\npo_total = "40000.10"\n'
    res, _ = run(tmp_path, **{"ente.toml": toml})
    figures = res.figures
    # R0 = 40000.10 × 0.15 = 6000.015 → 6000.02; F = 40000.10 − 6000.02 = 34000.08
    # (40000.10 × 0.85 = 34000.085 would round half-up to 34000.09: 6000.02 + 34000.09 = 40000.11 > po_total)
    assert figures["pool:po_risultato:gross"].value == D("6000.02")
    assert figures["pool:po_posizione"].value == D("34000.08")


@pytest.mark.parametrize("tolerance", [0.11, 0.5])
def test_oiv_tolerance_is_at_most_ten_points(tmp_path, tolerance):
    """rules/brescia.md §2: oiv_tolerance ∈ [0, 0.10]; 0.5 would let a computed 0.50 be attested 1.0."""
    folder = write_ente(tmp_path / "e", files())
    with pytest.raises(CiclopeError) as exc:
        compute_ente(folder, "brescia", 2021, {"oiv_tolerance": tolerance})
    assert any(p.rule == "config.param_bounds" for p in exc.value.problems)


def test_staff_outside_every_area_form_the_segreteria_generale_group(tmp_path):
    """rules/brescia.md §3: staff whose unit has no area above it (an office under the Segretario, 004… §1.2)
    take their fte share of the staff value like an area."""
    units = files()["units.csv"] + "        us,Ufficio di Staff della Segreteria Generale,ufficio,cc,\n"
    people = files()["people.csv"] + "        E5,Dip Cinque,dipendente,C,us,1,0,false,SG,,,,,\n"
    evals = files()["evaluations.csv"] + "\n" + "\n".join(staff_card("E5", "SG", 9, 9, 9))
    _, doc = run(
        tmp_path,
        **{
            "units.csv": units,
            "people.csv": people,
            "evaluations.csv": evals,
            "projects.csv": PROJECTS_40,
            "ente.toml": FUNDS,
        },
    )
    assert not errors(doc) and not [v for v in doc["violations"] if v["rule"] == "brescia.resources.no_area"]
    pools = doc["rewards"]["pools"]
    # staff value 20000 × attested 0.9 = 18000.00 by fte: a1 1.5, a2 2, Segreteria Generale 1 (E5) → Σ 4.5:
    # a1 18000 × 1.5/4.5 = 6000.00, a2 18000 × 2/4.5 = 8000.00, Segreteria 18000 × 1/4.5 = 4000.00
    assert [pools[f"staff:{a}"]["amount"] for a in ("a1", "a2", "segreteria_generale")] == [
        "6000.00",
        "8000.00",
        "4000.00",
    ]
    # E5 (27/30 → 90, Eccellente) is alone in the group: its unit us has nothing of its own and no child, so it
    # inherits cc = the ente 0.9 > 0; E5 takes the whole 4000.00
    assert doc["rewards"]["people"]["E5"] == {"amount": "4000.00", "band": None, "pool": "staff:segreteria_generale"}


def test_an_area_without_a_dirigente_keeps_its_share_as_residual(tmp_path):
    """rules/brescia.md §3: an area without a dirigente weighs the mean position_pay of the other areas' heads in
    the dirigenti split, and its share is residual (never given to the other areas)."""
    units = files()["units.csv"].replace("a2,Area Due,area,cc,D2", "a2,Area Due,area,cc,")
    people = files()["people.csv"].replace("D2,Dirigente Due,dirigente,DIR,a2,", "D2,Dirigente Due,dirigente,DIR,cc,")
    _, doc = run(
        tmp_path, **{"units.csv": units, "people.csv": people, "projects.csv": PROJECTS_40, "ente.toml": FUNDS}
    )
    pools = doc["rewards"]["pools"]
    # dirigenti value 16000 × 0.9 = 14400.00; a1 weighs D1's 30000, a2 (no dirigente) the mean of the other heads'
    # pay = 30000: a1 7200.00, a2 7200.00. D1 100 → 7200.00; a2's 7200.00 stays residual
    assert pools["dirigenti:a1"] == {"amount": "7200.00", "distributed": "7200.00", "residual": "0.00"}
    assert pools["dirigenti:a2"] == {"amount": "7200.00", "distributed": "0.00", "residual": "7200.00"}
    assert any(v["rule"] == "brescia.resources.head" for v in doc["violations"])


def test_the_po_unit_is_the_unit_they_head(tmp_path):
    """rules/brescia.md §1: the PO's unit is the unit they head in units.csv, not their people.csv unit.
    H2 sits in s1 (1.0) in people.csv but heads s2 (0.8): 40 × (0.5 × 0.9 + 0.5 × 0.8) + 60 × 50/100 =
    40 × 0.85 + 30 = 64 (with s1 it would be 40 × 0.95 + 30 = 68); a warning names the disagreement."""
    people = files()["people.csv"].replace("H2,PO Due,po,D,s2,", "H2,PO Due,po,D,s1,")
    _, doc = run(tmp_path, **{"people.csv": people})
    assert doc["individual"]["H2"]["score"] == 64
    found = [v for v in doc["violations"] if v["rule"] == "brescia.po.unit"]
    assert len(found) == 1 and found[0]["severity"] == "warning" and "people.csv indica s1" in found[0]["message"]


def test_the_po_unit_warning_names_the_files_as_the_office_named_them(tmp_path):
    data = files()
    data["people.csv"] = data["people.csv"].replace("H2,PO Due,po,D,s2,", "H2,PO Due,po,D,s1,")
    italian = {"people.csv": "persone.csv", "units.csv": "unità.csv", "positions.csv": "posizioni.csv"}
    folder = write_ente(tmp_path / "ente", {italian.get(name, name): text for name, text in data.items()})
    doc = results_doc(compute_ente(folder, "brescia", 2021))
    found = [v["message"] for v in doc["violations"] if v["rule"] == "brescia.po.unit"]
    assert len(found) == 1 and "persone.csv indica s1" in found[0], found
    assert "people.csv" not in found[0] and "(head)" not in found[0]


def with_term(holder, start, end):
    """people.csv of the base ente with the holder's term changed."""
    rows = {"H1": "H1,PO Uno,po,D,s1,1,0,false,SG,laurea,5,", "H2": "H2,PO Due,po,D,s2,1,0,false,SG,diploma,10,"}
    return files()["people.csv"].replace(rows[holder] + "2021-01-01,2023-12-31", rows[holder] + f"{start},{end}")


def test_position_pay_is_due_for_the_days_of_the_term_in_the_year(tmp_path):
    """rules/brescia.md §1: due = annual × days covered / days of the year, in 13 instalments of due; the result
    maximum of a paid position is on due, of a vacancy on annual."""
    _, doc = run(tmp_path, **{"people.csv": with_term("H2", "2021-07-01", "2023-12-31")})
    assert errors(doc) == []
    pos = doc["positions"]
    # H2 from 1 July: 31 + 31 + 30 + 31 + 30 + 31 = 184 days of 365 → 12400 × 184/365 = 6250.9589 → 6250.96;
    # 6250.96 / 13 = 480.843 → 480.84, the 13th 6250.96 − 12 × 480.84 = 480.88
    assert (pos["P2"]["annual"], pos["P2"]["due"]) == ("12400.00", "6250.96")
    assert (pos["P2"]["monthly"], pos["P2"]["monthly_last"]) == ("480.84", "480.88")
    assert (pos["P1"]["due"], pos["P3"]["due"]) == ("16000.00", "0.00")
    # result maxima: 6480 by P1 16000 : P2 6250.96 : P3 (vacant, annual) 12400, Σ 34650.96 → 2992.1249,
    # 1168.9783, 2318.8968: floors 6479.98, the two cents to the largest remainders P2 (.83) and P3 (.68)
    assert [pos[p]["result_max"] for p in ("P1", "P2", "P3")] == ["2992.12", "1168.98", "2318.90"]
    # H1 2992.12 × 0.86 = 2573.2232 → 2573.22; H2 1168.98 × 0.64 = 748.1472 → 748.15
    assert (pos["P1"]["result"], pos["P2"]["result"]) == ("2573.22", "748.15")
    # position fund: 16000 + 6250.96 = 22250.96 paid, 40800 − 22250.96 = 18549.04 residual
    pools = doc["rewards"]["pools"]
    assert pools["po_posizione"] == {"amount": "40800.00", "distributed": "22250.96", "residual": "18549.04"}


def test_a_term_that_ended_before_the_year_is_not_paid(tmp_path):
    """rules/brescia.md §1: a term not overlapping the year is an error and the position is treated as vacant. One
    mistake, one error: at the date that puts the term outside the year, which says the position it leaves vacant
    (not a second one at positions.csv's holder)."""
    _, doc = run(tmp_path, **{"people.csv": with_term("H2", "2018-01-01", "2020-12-31")})
    bad = errors(doc, "brescia.po.term_outside")
    # H2 is row 6 of people.csv (header 1, SG 2, D1 3, D2 4, H1 5); 31/12/2020 is before 1 January 2021
    assert [(e["where"], e["message"]) for e in bad] == [
        (
            "people.csv:6:term_end",
            "PO Due (H2): fine dell'incarico 31/12/2020, prima dell'anno del ciclo (2021): nessun giorno di incarico "
            "nel 2021, e la posizione P2 di cui è titolare è trattata come vacante (valorizzata, non pagata); se è un "
            "errore di battitura correggi la data, se nel 2021 non aveva l'incarico scrivi il ruolo che aveva nel "
            "2021, togli le date dell'incarico e toglilo da titolare in positions.csv",
        )
    ]
    assert errors(doc) == bad  # nothing else: the position's holder cell is not the mistake
    pos = doc["positions"]
    assert (pos["P2"]["paid"], pos["P2"]["due"], pos["P2"]["result"]) == (False, "0.00", None)
    # result maxima as in the base ente (P2 and P3 on their annual 12400): 2541.18, 1969.41, 1969.41;
    # only H1 is paid: 16000 of position pay and 2541.18 × 0.86 = 2185.41 of result pay
    assert [pos[p]["result_max"] for p in ("P1", "P2", "P3")] == ["2541.18", "1969.41", "1969.41"]
    pools = doc["rewards"]["pools"]
    assert pools["po_posizione"]["distributed"] == "16000.00" and pools["po_risultato"]["distributed"] == "2185.41"


def test_an_incarico_begun_after_the_year_is_an_error_of_its_date(tmp_path):
    """A PO who holds no position, whose incarico begins after the cycle's year (01/03/2022, the 2021 cycle: a typo
    of the year, most likely): no day of incarico in 2021, an error at the cell of the date, naming the person, the
    year and what to write. The national layer's range of the position pay (€ 0,00–€ 0,00 for no day) leaves it to
    the plugin that reads the date: one error, not two, and not silence."""
    people = (
        files()["people.csv"].rstrip()
        + "\n            H3,PO Tre,po,D,s2,1,0,false,SG,laurea,5,2022-03-01,2023-12-31,5000.00\n"
    )
    _, doc = run(tmp_path, **{"people.csv": people})
    # H3 is row 11 of people.csv: header 1, SG 2, D1 3, D2 4, H1 5, H2 6, E1–E4 7–10
    found = [(e["where"], e["message"]) for e in errors(doc) if "H3" in e["message"]]
    assert found == [
        (
            "people.csv:11:term_start",
            "PO Tre (H3): inizio dell'incarico 01/03/2022, dopo l'anno del ciclo (2021): nessun giorno di incarico "
            "nel 2021; se è un errore di battitura correggi la data, se nel 2021 non aveva l'incarico scrivi il ruolo "
            "che aveva nel 2021 e togli le date dell'incarico",
        )
    ]


def test_one_position_per_person(tmp_path):
    """rules/brescia.md §1: H1 listed as holder of P1 (score 100) and P3 (60) is paid for P1 only; P3 is an error
    and unpaid, like a vacancy: position pay 16000 + 12400 (H2) = 28400, not 40800."""
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent
        P1,Responsabile uno,s1,H1,{ratings(5)},,
        P2,Responsabile due,s2,H2,{ratings(3)},,
        P3,Specialista,s2,H1,{ratings(3)},,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions})
    assert [e["where"] for e in errors(doc, "brescia.po.one_position")] == ["positions.csv:4:holder"]
    assert len(errors(doc)) == 1  # reported once, where pay is decided
    pos = doc["positions"]
    assert (pos["P1"]["paid"], pos["P3"]["paid"]) == (True, False)
    assert doc["rewards"]["pools"]["po_posizione"]["distributed"] == "28400.00"


def test_the_interim_extra_is_for_the_days_of_the_interim(tmp_path):
    """rules/brescia.md §1: extra = interim_percent × covered annual × days of the interim / days of the year."""
    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent,interim_from,interim_to
        P1,Uno,s1,H1,{ratings(5)},,,,
        P2,Due,s2,H2,{ratings(3)},P3,25%,2021-10-01,2021-12-31
        P3,Tre (vacante),s2,,{ratings(3)},,,,
    """
    _, doc = run(tmp_path, **{"positions.csv": positions})
    assert errors(doc) == []
    pos = doc["positions"]
    # 1 Oct – 31 Dec = 31 + 30 + 31 = 92 days: 0.25 × 12400 × 92/365 = 781.3699 → 781.37 (not 3100.00).
    # R' = 6480 − 781.37 = 5698.63 by 16000:12400:12400 → 2234.7569, 1731.9366, 1731.9366: floors 5698.61,
    # two cents: P1 (.69), then P2 and P3 tie (.66) with equal scores 60 → the id: P2
    assert [pos[p]["result_max"] for p in ("P1", "P2", "P3")] == ["2234.76", "1731.94", "1731.93"]
    # H2 positive (64): 1731.94 × 0.64 = 1108.4416 → 1108.44, + 781.37 = 1889.81; H1 2234.76 × 0.86 = 1921.89
    assert (pos["P1"]["result"], pos["P2"]["result"]) == ("1921.89", "1889.81")


def test_explain_a_position_can_be_recomputed_by_hand(tmp_path):
    """explain --position: λ to 6 decimals (206.666667 × 60 = 12400.00002 → 12400.00: F 40800 − P1's 16000 =
    24800 over P2 and P3 scored 60 each, λ = 24800 / 120), each interim extra as its own input, and the
    holder's award = pay due + result pay, every figure of the chain adding up."""
    from ciclope.core.run.explain import explain

    positions = f"""
        id,title,unit,holder,{",".join(ALL)},interim_of,interim_percent,interim_from,interim_to
        P1,Uno,s1,H1,{ratings(5)},,,,
        P2,Due,s2,H2,{ratings(3)},P3,25%,2021-10-01,2021-12-31
        P3,Tre (vacante),s2,,{ratings(3)},,,,
    """
    res, doc = run(tmp_path, **{"positions.csv": positions})
    text = explain(res, "position", "P2")
    assert "= 206,666667" in text
    assert "• maggiorazione per interim della posizione P2 = € 781,37" in text  # inside P1's and P2's maximum
    f = res.figures
    # H2: due 12400.00 (whole year) + result 1889.81 (1731.94 × 0.64 = 1108.44, + 781.37: see the interim test)
    assert f["award:H2:po"].value == f["position:P2:due"].value + f["position:P2:result"].value == D("14289.81")
    assert (
        f["position:P2:result"].value
        == r2_(f["position:P2:result_max"].value * D("0.64")) + f["position:P2:interim"].value
    )


def test_explain_says_a_blocked_holder_is_not_paid(tmp_path):
    """A holder of category C cannot be appointed (art. 1.2): the position's "pagata" figure reads NO, with the
    reason, never «non pagabile = no»."""
    from ciclope.core.run.explain import explain

    people = files()["people.csv"].replace("H2,PO Due,po,D,s2,", "H2,PO Due,po,C,s2,")
    res, _ = run(tmp_path, **{"people.csv": people})
    text = explain(res, "position", "P2")
    assert "Posizione P2 pagata al titolare H2 = no" in text and "non pagabile = no" not in text
    assert "categoria C, non D (art. 1.2)" in text


def r2_(x):
    from ciclope.core.money import r2

    return r2(x)


def test_explain_person_says_why_a_blocked_holder_gets_nothing(tmp_path):
    """explain --person of a PO who cannot be appointed (category C, art. 1.2): not a bare «nessun importo
    assegnato» but the reason and the article."""
    from ciclope.core.run.explain import explain

    people = files()["people.csv"].replace("H2,PO Due,po,D,s2,", "H2,PO Due,po,C,s2,")
    res, _ = run(tmp_path, **{"people.csv": people})
    text = explain(res, "person", "H2")
    assert "Premio: nessun importo assegnato." in text
    assert "  perché: Posizione P2 pagata al titolare H2: no — H2 è di categoria C, non D (art. 1.2)" in text
    assert "art. 1.2, 2.7" in text.split("perché:")[1].splitlines()[1]


def test_the_notes_say_the_oiv_tolerance_and_the_bounds_in_words(tmp_path):
    from ciclope.plugins.brescia import report
    from ciclope.plugins.ccnl_funzioni_locali.report import applied_to

    res, _ = run(tmp_path, params={"oiv_tolerance": D("0.08")})
    notes = dict(report.notes_section(res.params).rows)
    # a tolerance of 8%: a full attestation needs a computed performance of at least 100% − 8% = 92%
    assert notes["Attestazione dell'OIV"] == (
        "Un'attestazione al 100% di una performance calcolata inferiore è applicata solo per lievi scostamenti "
        "(performance calcolata pari almeno al 92%: la tolleranza dell'OIV è l'8%) e con motivazione; altrimenti è "
        "segnalata come errore e si usa il valore calcolato. Ogni altra attestazione diversa dal calcolato richiede "
        "la motivazione (SMVP 2021, §3)."
    )
    # the contract's bounds of the position pay govern two parameters, said by their words
    assert applied_to("eq_pay", res) == "limiti di: retribuzione di posizione massima; retribuzione di posizione minima"


def test_the_assumptions_say_shares_as_percentages():
    specs = load_param_specs(Path(common.__file__).with_name("params.toml"))
    assert specs["oiv_tolerance"].assumption == (
        "«Lievi scostamenti negativi» non è quantificato: si assume che il valore calcolato debba essere almeno il "
        "95% (100% meno il 5%); il parametro non supera il 10% (uno scostamento «lieve» non è mai più di 10 punti)."
    )
    assert "sotto l'80% «inferiore alle aspettative»" in specs["judgement_low"].assumption
