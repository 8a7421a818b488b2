"""Plugin comunita_montane (rules/comunita_montane.md, 003_17a077a346f3b252.txt).

Every expected figure is computed by hand in the comment next to it. Cards have one item
"Valutazione complessiva" out of 100, so the score is the points (rules/core.md §3).
"""

import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import CHECK_RESULTS

from ciclope.core import bands as merit
from ciclope.core import scoring
from ciclope.core.commands.cli import main
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import results_doc
from ciclope.plugins.comunita_montane import bands as art17
from ciclope.plugins.comunita_montane.checks import Band, parse_bands

D = Decimal
PLUGIN = "comunita_montane"

UNITS = """
id,name,kind,parent,head
cm,Comunità Montana di Prova,ente,,SEG
tec,Area Tecnica,area,cm,PO1
amm,Area Amministrativa,area,cm,PO2
trib,Tributi associati,area,cm,PO2
soc,Servizi sociali,area,cm,PO2
"""
# Unit achievements (one "higher" indicator each, target 100 or 10000):
#   tec = 100/100 = 1.0, amm = 50/100 = 0.5, trib = 6999/10000 = 0.6999, soc = 70/100 = 0.70
OBJECTIVES = """
id,kind,title,parent,area,weight,owner
OB1,operational,Servizi tecnici,,,,tec
OB2,operational,Servizi amministrativi,,,,amm
OB3,operational,Riscossione,,,,trib
OB4,operational,Assistenza,,,,soc
"""
INDICATORS = """
id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
IN1,OB1,Pratiche,higher,,,100,100,,,,,
IN2,OB2,Atti,higher,,,100,50,,,,,
IN3,OB3,Riscossioni,higher,,,10000,6999,,,,,
IN4,OB4,Utenti,higher,,,100,70,,,,,
"""


def ente(
    staff, *, funds='performance_individuale = "10000.00"', approvals="", leaders=None, cards=None, innovation=None
):
    """Files of a test ente. ``staff``: (id, score or None, options) with options unit (tec), fte (1),
    absence (0), insufficient (false), evaluator (SEG)."""
    people = [
        "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,position_pay",
        "SEG,Segretaria,segretario,DIR,cm,1,0,false,,20000.00",
        "PO1,Responsabile tecnico,po,D,tec,1,0,false,SEG,10000.00",
        "PO2,Responsabile amministrativo,po,D,amm,1,0,false,SEG,8000.00",
    ]
    evals = ["person,evaluator,section,item,max_points,points,weight"]
    for pid, score, opt in staff:
        people.append(
            f"{pid},Dipendente {pid},dipendente,C,{opt.get('unit', 'tec')},{opt.get('fte', 1)},"
            f"{opt.get('absence', 0)},{str(opt.get('insufficient', False)).lower()},{opt.get('evaluator', 'SEG')},"
        )
        if score is not None:
            evals.append(f"{pid},{opt.get('evaluator', 'SEG')},scheda,Valutazione complessiva,100,{score},")
    for pid, evaluator, score in leaders or []:
        evals.append(f"{pid},{evaluator},scheda,Valutazione complessiva,100,{score},")
    files = {
        "ente.toml": f'name = "Comunità Montana di Prova"\n[funds]\n{funds}\n[approvals]\n{approvals}\n',
        "units.csv": UNITS,
        "objectives.csv": OBJECTIVES,
        "indicators.csv": INDICATORS,
        "people.csv": "\n".join(people),
        "evaluations.csv": "\n".join(evals),
    }
    if innovation:
        files["innovation.csv"] = "person,kind,renounced_bonus\n" + "\n".join(innovation)
    return files


def scored(pairs, **opt):
    return [(pid, score, dict(opt)) for pid, score in pairs]


def amounts(res):
    return {pid: str(a.amount) for pid, a in res.rewards.awards.items() if a.pool == art17.PERFORMANCE_FUND}


def bands(res):
    return {pid: a.band for pid, a in res.rewards.awards.items() if a.pool == art17.PERFORMANCE_FUND}


def errors(res):
    return [v for v in res.violations if v.is_error]


def rules_of(res, severity=None):
    return {v.rule for v in res.violations if severity is None or v.severity == severity}


def pool(res, name):
    p = res.rewards.pools[name]
    return str(p.amount), str(p.distributed), str(p.residual)


DEFAULT = (
    Band("alta", Fraction(1, 5), Fraction(1, 2), D("0.2"), D("0.5")),
    Band("intermedia", Fraction(2, 5), Fraction(2, 5), D("0.4"), D("0.4")),
    Band("bassa", Fraction(2, 5), Fraction(1, 10), D("0.4"), D("0.1")),
)


# --- pure helpers -----------------------------------------------------------------------------


def test_band_targets_are_cumulative_floors():
    # n = 9: ⌊9 × 0.2⌋ = ⌊1.8⌋ = 1, ⌊9 × 0.6⌋ = ⌊5.4⌋ = 5, the last band takes the rest (9)
    assert merit.band_targets(9, DEFAULT) == [1, 5, 9]
    # n = 10: ⌊2⌋ = 2, ⌊6⌋ = 6
    assert merit.band_targets(10, DEFAULT) == [2, 6, 10]
    # a cap of 1 (30% of 4 people in service = ⌊1.2⌋) bounds the first band: ⌊10 × 0.2⌋ = 2 → 1
    assert merit.band_targets(10, DEFAULT, cap=1) == [1, 6, 10]


def test_assign_bands_ties_go_down_at_each_boundary():
    # targets [2, 6, 10]; 90/90 straddle the first boundary (positions 2–3) → both in the 2nd band;
    # 78/78 straddle the second (positions 6–7) → both in the 3rd band
    ordered = [
        ("a", D(95)),
        ("b", D(90)),
        ("c", D(90)),
        ("d", D(85)),
        ("e", D(80)),
        ("f", D(78)),
        ("g", D(78)),
        ("h", D(74)),
        ("i", D(72)),
        ("j", D(71)),
    ]
    assert merit.assign_bands(ordered, [2, 6, 10]) == [["a"], ["b", "c", "d", "e"], ["f", "g", "h", "i", "j"]]


def test_assign_bands_a_tie_filling_the_top_band_empties_it():
    # target 1 for the first band, but the first two are equal → band 1 empty, both in band 2
    ordered = [("a", D(90)), ("b", D(90)), ("c", D(80))]
    assert merit.assign_bands(ordered, [1, 2, 3]) == [[], ["a", "b"], ["c"]]


def test_cut_without_ties():
    ordered = [("a", D(98)), ("b", D(95)), ("c", D(93)), ("d", D(93)), ("e", D(90))]
    assert scoring.cut_without_ties(ordered, 3) == ["a", "b"]  # c and d tie at the cut: both out
    assert scoring.cut_without_ties(ordered, 4) == ["a", "b", "c", "d"]
    assert scoring.cut_without_ties(ordered, 0) == []
    assert scoring.cut_without_ties(ordered, 9) == ["a", "b", "c", "d", "e"]
    assert scoring.cut_without_ties([("a", D(9)), ("b", D(9))], 1) == []


# --- merit bands and money (art. 17) ------------------------------------------------------------


def test_tie_at_the_first_boundary_goes_to_the_lower_band(ciclope_ente):
    staff = scored(
        [
            ("P01", 95),
            ("P02", 90),
            ("P03", 90),
            ("P04", 85),
            ("P05", 80),
            ("P06", 80),
            ("P07", 75),
            ("P08", 74),
            ("P09", 72),
            ("P10", 71),
        ]
    )
    res = ciclope_ente(PLUGIN, ente(staff))
    # n = 10 → c1 = ⌊2⌋ = 2, c2 = ⌊6⌋ = 6. P02 and P03 (90) straddle c1 → both intermedia.
    # alta = P01; intermedia = P02..P06 (5); bassa = P07..P10 (4)
    assert bands(res) == {
        "P01": "alta",
        **{p: "intermedia" for p in ("P02", "P03", "P04", "P05", "P06")},
        **{p: "bassa" for p in ("P07", "P08", "P09", "P10")},
    }
    # per capita (rules §3): weights alta 0.5/0.2 = 2.5, intermedia 0.4/0.4 = 1, bassa 0.1/0.4 = 0.25;
    # Σ = 2.5 + 5 + 1 = 8.5 = 17/2; in cents: P01 1.000.000 × 5/17 = 294.117 + 11/17; intermedia
    # 2.000.000/17 = 117.647 + 1/17; bassa 500.000/17 = 29.411 + 13/17; floors 999.996 → 4 cents to bassa
    assert amounts(res) == {
        "P01": "2941.17",
        **{p: "1176.47" for p in ("P02", "P03", "P04", "P05", "P06")},
        **{p: "294.12" for p in ("P07", "P08", "P09", "P10")},
    }
    assert pool(res, "performance_individuale") == ("10000.00", "10000.00", "0.00")
    assert not errors(res)


def test_tie_at_the_second_boundary_goes_to_the_lower_band(ciclope_ente):
    staff = scored(
        [
            ("P01", 95),
            ("P02", 92),
            ("P03", 90),
            ("P04", 85),
            ("P05", 80),
            ("P06", 78),
            ("P07", 78),
            ("P08", 74),
            ("P09", 72),
            ("P10", 71),
        ]
    )
    res = ciclope_ente(PLUGIN, ente(staff))
    # c1 = 2 (no tie: 92 / 90); c2 = 6 but P06 and P07 (78) straddle it → both bassa
    assert bands(res) == {
        "P01": "alta",
        "P02": "alta",
        "P03": "intermedia",
        "P04": "intermedia",
        "P05": "intermedia",
        **{p: "bassa" for p in ("P06", "P07", "P08", "P09", "P10")},
    }
    # per capita: Σ = 2 × 2.5 + 3 × 1 + 5 × 0.25 = 9.25 = 37/4; in cents: alta 10.000.000/37 = 270.270 + 10/37,
    # intermedia 4.000.000/37 = 108.108 + 4/37, bassa 1.000.000/37 = 27.027 + 1/37; floors 999.999 → the cent
    # goes to the largest remainder, a tie between P01 and P02 broken by rank: P01 (95) before P02 (92)
    assert amounts(res) == {
        "P01": "2702.71",
        "P02": "2702.70",
        "P03": "1081.08",
        "P04": "1081.08",
        "P05": "1081.08",
        **{p: "270.27" for p in ("P06", "P07", "P08", "P09", "P10")},
    }


def test_empty_band_per_capita_pays_the_whole_fund_and_parttime_gets_its_share(ciclope_ente):
    staff = [("P1", 90, {}), ("P2", 90, {}), ("P3", 80, {"fte": "0.5"}), ("P4", 75, {}), ("P5", 72, {})]
    res = ciclope_ente(PLUGIN, ente(staff, funds='performance_individuale = "1000.00"'))
    # n = 5: alta empty (P1, P2 tie at c1 = 1); intermedia P1, P2, P3 (fte 0.5); bassa P4, P5.
    # weights 1, 1, 0.5, 0.25, 0.25: Σ = 3; in cents P1, P2 100.000/3 = 33.333 + 1/3; P3 16.666 + 2/3;
    # P4, P5 8.333 + 1/3; floors 99.998 → P3 (2/3), then the 1/3 tie by rank: P1 (90, first by id among the tie)
    assert amounts(res) == {"P1": "333.34", "P2": "333.33", "P3": "166.67", "P4": "83.33", "P5": "83.33"}
    assert pool(res, "performance_individuale") == ("1000.00", "1000.00", "0.00")
    assert res.rewards.extra["rankings"]["ente"]["bands"]["alta"]["pool"] == "0.00"
    assert not errors(res)


def test_empty_band_pool_is_residual_under_band_pool(ciclope_ente):
    staff = [("P1", 90, {}), ("P2", 90, {}), ("P3", 80, {"fte": "0.5"}), ("P4", 75, {}), ("P5", 72, {})]
    res = ciclope_ente(
        PLUGIN, ente(staff, funds='performance_individuale = "1000.00"'), params={"band_money": "band_pool"}
    )
    # n = 5: c1 = ⌊1⌋ = 1 but P1, P2 tie → alta empty; c2 = ⌊3⌋ = 3 → intermedia P1, P2, P3
    assert bands(res) == {"P1": "intermedia", "P2": "intermedia", "P3": "intermedia", "P4": "bassa", "P5": "bassa"}
    # intermedia 400 by fte 1 : 1 : 0.5 → 160, 160, 80; bassa 100 / 2 = 50; alta 500 residual
    assert amounts(res) == {"P1": "160.00", "P2": "160.00", "P3": "80.00", "P4": "50.00", "P5": "50.00"}
    assert pool(res, "performance_individuale") == ("1000.00", "500.00", "500.00")
    assert res.rewards.extra["rankings"]["ente"]["bands"]["alta"]["residual"] == "500.00"
    # actual per fte: intermedia 400 / 2.5 = 160, bassa 100 / 2 = 50 → 3.2 : 1 ≥ 2 : 1, no art. 17.2 error
    assert not errors(res)


FIVE_BANDS = [
    {"name": "eccellente", "staff": 0.1, "resources": 0.25},
    {"name": "alta", "staff": 0.2, "resources": 0.3},
    {"name": "media", "staff": 0.3, "resources": 0.3},
    {"name": "bassa", "staff": 0.2, "resources": 0.1},
    {"name": "minima", "staff": 0.2, "resources": 0.05},
]


def test_five_bands_at_the_exact_bounds(ciclope_ente):
    # first two bands 0.1 + 0.2 = 30% exactly (the cap); per capita 2.5, 1.5, 1, 0.5, 0.25: ratio between
    # "alta" and "media" 1.5 / 1 = 1.5 exactly (in floats 0.3 / 0.2 = 1.4999999999999998 would reject it)
    staff = scored([(f"P{i:02d}", s) for i, s in enumerate((99, 95, 91, 88, 85, 82, 79, 76, 73, 70), 1)])
    res = ciclope_ente(PLUGIN, ente(staff), params={"bands": FIVE_BANDS})
    # n = 10: cumulative ⌊1⌋ = 1, ⌊3⌋ = 3, ⌊6⌋ = 6, ⌊8⌋ = 8, rest 10; a score of exactly 70 is banded
    assert bands(res) == {
        "P01": "eccellente",
        "P02": "alta",
        "P03": "alta",
        "P04": "media",
        "P05": "media",
        "P06": "media",
        "P07": "bassa",
        "P08": "bassa",
        "P09": "minima",
        "P10": "minima",
    }
    # 10000 × 0.25, 0.3, 0.3, 0.1, 0.05 = 2500, 3000, 3000, 1000, 500; 3000 / 3 = 1000
    assert amounts(res) == {
        "P01": "2500.00",
        "P02": "1500.00",
        "P03": "1500.00",
        "P04": "1000.00",
        "P05": "1000.00",
        "P06": "1000.00",
        "P07": "500.00",
        "P08": "500.00",
        "P09": "250.00",
        "P10": "250.00",
    }
    assert not errors(res)


def test_five_bands_ties_at_the_third_and_fourth_boundary(ciclope_ente):
    staff = scored(
        [
            ("P01", 99),
            ("P02", 95),
            ("P03", 91),
            ("P04", 88),
            ("P05", 85),
            ("P06", 82),
            ("P07", 82),
            ("P08", 75),
            ("P09", 75),
            ("P10", 71),
        ]
    )
    res = ciclope_ente(PLUGIN, ente(staff), params={"bands": FIVE_BANDS})
    # cumulative targets 1, 3, 6, 8. P06/P07 (82) straddle 6 → both go below "media";
    # "bassa" then runs from P06 to target 8, but P08/P09 (75) straddle 8 → both go to "minima"
    assert bands(res) == {
        "P01": "eccellente",
        "P02": "alta",
        "P03": "alta",
        "P04": "media",
        "P05": "media",
        "P06": "bassa",
        "P07": "bassa",
        "P08": "minima",
        "P09": "minima",
        "P10": "minima",
    }
    # per capita 2.5, 1.5, 1, 0.5, 0.25: Σ = 2.5 + 2 × 1.5 + 2 × 1 + 2 × 0.5 + 3 × 0.25 = 9.25 = 37/4;
    # in cents: P01 10.000.000/37 = 270.270 + 10/37; alta 162.162 + 6/37; media 108.108 + 4/37;
    # bassa 54.054 + 2/37; minima 27.027 + 1/37; floors 999.999 → the cent to P01
    assert amounts(res) == {
        "P01": "2702.71",
        "P02": "1621.62",
        "P03": "1621.62",
        "P04": "1081.08",
        "P05": "1081.08",
        "P06": "540.54",
        "P07": "540.54",
        "P08": "270.27",
        "P09": "270.27",
        "P10": "270.27",
    }


def test_negative_po_evaluation_needs_a_contraddittorio(ciclope_ente):
    # PO2 = 40 × 0.5 + 60 × 0.70 = 62 < 70 without a contraddittorio in appeals.csv → warning (rules/core.md §5)
    files = ente(scored([("P1", 90)]), leaders=[("PO2", "SEG", 70)])
    res = ciclope_ente(PLUGIN, files)
    assert "comunita_montane.po.contraddittorio" in rules_of(res, "warning")
    files["appeals.csv"] = "person,stage,date,outcome,new_points_item,new_points\nPO2,contraddittorio,2022-03-01,,,"
    res = ciclope_ente(PLUGIN, files)
    assert "comunita_montane.po.contraddittorio" not in rules_of(res)


def test_ratio_exactly_one_to_two_with_three_bands_is_valid(ciclope_ente):
    # per capita 0.3/0.1 = 3, 0.45/0.3 = 1.5, 0.25/0.6 = 5/12: ratios 3/1.5 = 2 exactly and 3.6
    # (in floats (0.3/0.1)/(0.45/0.3) = 1.9999999999999998 would reject it)
    cfg = [
        {"name": "alta", "staff": 0.1, "resources": 0.3},
        {"name": "intermedia", "staff": 0.3, "resources": 0.45},
        {"name": "bassa", "staff": 0.6, "resources": 0.25},
    ]
    staff = scored([(f"P{i:02d}", 99 - 2 * i) for i in range(1, 11)])
    res = ciclope_ente(PLUGIN, ente(staff), params={"bands": cfg})
    # n = 10: ⌊1⌋ = 1, ⌊4⌋ = 4. alta P01 3000; intermedia P02–P04 4500 / 3 = 1500; bassa 6 × 2500/6 = 416.666…
    # → 416.66 × 6 = 2499.96, 4 cents to the first four ids (equal remainders): P05–P08 416.67
    got = amounts(res)
    assert got["P01"] == "3000.00" and got["P02"] == got["P04"] == "1500.00"
    assert [got[f"P{i:02d}"] for i in range(5, 11)] == ["416.67"] * 4 + ["416.66"] * 2


def test_area_rankings_split_the_fund_by_staff_and_each_has_one_evaluator(ciclope_ente):
    staff = scored([("A1", 90), ("A2", 85), ("A3", 80), ("A4", 75)], unit="amm", evaluator="PO2") + scored(
        [("T1", 95), ("T2", 90), ("T3", 85), ("T4", 80), ("T5", 75), ("T6", 72)], evaluator="PO1"
    )
    # amm is at 0.5 (< 70%): lift it with a cruscotto on OB1 (1.0) so nobody is excluded for the PEG rule
    files = ente(staff)
    files["assignments.csv"] = "cruscotto,owner,ref,weight\nC-AMM,amm,OB1,"
    res = ciclope_ente(PLUGIN, files, params={"ranking_scope": "area"})
    # fund 10000 by staff: amm 4/10 = 4000, tec 6/10 = 6000
    ranks = res.rewards.extra["rankings"]
    assert (ranks["amm"]["pool"], ranks["tec"]["pool"]) == ("4000.00", "6000.00")
    # per capita (weights alta 2.5, intermedia 1, bassa 0.25):
    # amm n = 4: ⌊0.8⌋ = 0 → alta empty; ⌊2.4⌋ = 2 → A1, A2 (1); A3, A4 (0.25): Σ 2.5 → 1600, 1600, 400, 400
    # tec n = 6: T1 (2.5); T2, T3 (1); T4..T6 (0.25): Σ 5.25 = 21/4; in cents T1 2.000.000/7 = 285.714 + 2/7,
    # T2, T3 800.000/7 = 114.285 + 5/7, T4..T6 200.000/7 = 28.571 + 3/7; floors 599.997 → T2, T3 (5/7),
    # then the 3/7 tie by rank: T4 (80) before T5 (75) and T6 (72)
    assert amounts(res) == {
        "A1": "1600.00",
        "A2": "1600.00",
        "A3": "400.00",
        "A4": "400.00",
        "T1": "2857.14",
        "T2": "1142.86",
        "T3": "1142.86",
        "T4": "285.72",
        "T5": "285.71",
        "T6": "285.71",
    }
    assert bands(res)["A1"] == "intermedia" and bands(res)["T1"] == "alta"
    assert pool(res, "performance_individuale") == ("10000.00", "10000.00", "0.00")
    assert "comunita_montane.ranking.single_evaluator" not in rules_of(res)
    # the same people in one ranking for the whole ente have two evaluators: error (art. 12.2bis)
    one = ciclope_ente(PLUGIN, files, params={"ranking_scope": "ente"})
    bad = [v for v in errors(one) if v.rule == "comunita_montane.ranking.single_evaluator"]
    assert len(bad) == 1 and "12.2bis" in bad[0].source and bad[0].file == "evaluations.csv"
    assert 'ranking_scope = "area"' in bad[0].message  # issue 14: the message says what would fix it


def test_every_status_in_order(ciclope_ente):
    staff = [
        ("S1", 90, {"absence": 151}),  # > 150 days → non_valutabile
        ("S2", 90, {"absence": 150}),  # exactly 150 → still valutabile → banded
        ("S3", "69.99", {}),  # < 70 → adeguata
        ("S4", 50, {"insufficient": True}),  # < 70 and insufficiente rendimento → non_adeguata
        ("S5", 70, {}),  # exactly 70 → banded
        ("S6", 95, {"unit": "trib"}),  # unit at 0.6999 < 0.70 → escluso_peg
        ("S7", 80, {"unit": "soc"}),  # unit at exactly 0.70 → banded
        ("S8", None, {}),  # no card → not_evaluated
        ("S9", 85, {"insufficient": True}),  # insufficiente rendimento → non_adeguata whatever the score
        ("S10", 40, {"absence": 200, "unit": "trib"}),
    ]  # absence decided first → non_valutabile
    res = ciclope_ente(PLUGIN, ente(staff, funds='performance_individuale = "1000.00"'))
    doc = results_doc(res)
    status = {p: doc["individual"][p]["status"] for p in ("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10")}
    assert status == {
        "S1": "non_valutabile",
        "S2": "banded",
        "S3": "adeguata",
        "S4": "non_adeguata",
        "S5": "banded",
        "S6": "escluso_peg",
        "S7": "banded",
        "S8": "not_evaluated",
        "S9": "non_adeguata",
        "S10": "non_valutabile",
    }
    assert doc["individual"]["S3"]["level"] == "adeguata" and doc["individual"]["S4"]["level"] == "non adeguata"
    assert doc["individual"]["S2"]["level"] == "eccellente" and doc["individual"]["S9"]["level"] == "non adeguata"
    assert doc["individual"]["S5"]["level"] == "buona"
    # banded: S2 90, S7 80, S5 70 → n = 3: alta ⌊0.6⌋ = 0 (empty), intermedia ⌊1.8⌋ = 1 → S2 (weight 0.4/0.4 = 1);
    # bassa S7, S5 (0.1/0.4 = 0.25): Σ = 1.5 → S2 1000/1.5 = 666.666…, S7 and S5 1000 × 0.25/1.5 = 166.666…;
    # floors 666.66 + 2 × 166.66 = 999.98, two cents on equal remainders (2/3 of a cent) by score: S2, S7.
    # Only banded people get money: S9 (85, insufficient) gets nothing.
    assert amounts(res) == {"S2": "666.67", "S7": "166.67", "S5": "166.66"}
    assert pool(res, "performance_individuale") == ("1000.00", "1000.00", "0.00")
    assert not errors(res)


def test_absence_limit_is_a_parameter(ciclope_ente):
    staff = scored([("P1", 90)], absence=152)
    res = ciclope_ente(PLUGIN, ente(staff), params={"absence_limit_days": 151})
    assert res.status_of("P1") == "non_valutabile"  # 152 > 151
    res = ciclope_ente(PLUGIN, ente(staff), params={"absence_limit_days": 153})
    assert res.status_of("P1") == "banded"  # 152 ≤ 153: five calendar months may be 153 days


@pytest.mark.parametrize("days", [120, 149, 154, 366])
def test_absence_limit_cannot_switch_the_five_month_rule_off(ciclope_ente, days):
    """rules §2: absence_limit_days is bounded to [150, 153]: five calendar months are 150 to 153 days; 120 would
    exclude an absence of four months, 366 would switch the 5-month rule off."""
    with pytest.raises(CiclopeError) as exc:
        ciclope_ente(PLUGIN, ente(scored([("P1", 90)])), params={"absence_limit_days": days})
    assert any(p.rule == "config.param_bounds" for p in exc.value.problems)


# --- dirigenti and PO (art. 11, 21) ---------------------------------------------------------------


def test_leader_score_and_result_pay(ciclope_ente):
    leaders = [("SEG", "", 60), ("PO1", "SEG", 80), ("PO2", "SEG", 70)]
    files = ente(
        scored([("P1", 90)]),
        leaders=leaders,
        funds='performance_individuale = "100.00"\nrisultato_po_dirigenti = "1000.00"',
    )
    res = ciclope_ente(PLUGIN, files)
    doc = results_doc(res)
    # units: tec = 1.0 (PO1), amm = 0.5 (PO2), cm (SEG) inherits the ente = mean of the four objectives
    # (1 + 0.5 + 0.6999 + 0.7) / 4 = 0.724975 → 0.7250
    assert doc["organizational"]["units"]["cm"] == 0.725
    # PO1 = 40 × 1.0 + 60 × 80/100 = 40 + 48 = 88.00; PO2 = 40 × 0.5 + 60 × 0.70 = 20 + 42 = 62.00
    # SEG = 40 × 0.725 + 60 × 0.60 = 29 + 36 = 65.00
    assert [doc["individual"][p]["score"] for p in ("PO1", "PO2", "SEG")] == [88.0, 62.0, 65.0]
    assert doc["individual"]["PO2"]["level"] == "adeguata"
    # only PO1 has ≥ 70: the whole result fund is his (position pay × score is his weight alone)
    assert doc["rewards"]["people"]["PO1"] == {"amount": "1000.00", "band": None, "pool": "risultato_po_dirigenti"}
    assert "PO2" not in doc["rewards"]["people"] and "SEG" not in doc["rewards"]["people"]


def test_result_pay_in_proportion_to_position_pay_times_score(ciclope_ente):
    leaders = [("SEG", "", 90), ("PO1", "SEG", 80)]
    files = ente(
        scored([("P1", 90)]),
        leaders=leaders,
        funds='performance_individuale = "100.00"\nrisultato_po_dirigenti = "1000.00"',
    )
    res = ciclope_ente(PLUGIN, files, params={"unit_item_weight": 0})
    # weight 0: score = card. SEG 20000 × 90 = 1,800,000; PO1 10000 × 80 = 800,000; Σ 2,600,000
    # SEG 1000 × 18/26 = 692.3077 → 692.30, PO1 1000 × 8/26 = 307.6923 → 307.69: 1 cent left, to the larger
    # remainder (0.77 of a cent vs 0.23) → SEG 692.31
    assert res.scores["SEG"].score == D("90.00") and res.scores["PO1"].score == D("80.00")
    assert str(res.rewards.awards["SEG"].amount) == "692.31"
    assert str(res.rewards.awards["PO1"].amount) == "307.69"
    assert pool(res, "risultato_po_dirigenti") == ("1000.00", "1000.00", "0.00")


def test_without_result_fund_no_money_for_leaders(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(scored([("P1", 90)]), leaders=[("PO1", "SEG", 95)]))
    assert "PO1" not in res.rewards.awards and "risultato_po_dirigenti" not in res.rewards.pools


def test_missing_position_pay_is_an_error(ciclope_ente):
    files = ente(
        scored([("P1", 90)]),
        leaders=[("PO1", "SEG", 95)],
        funds='performance_individuale = "100.00"\nrisultato_po_dirigenti = "500.00"',
    )
    files["people.csv"] = files["people.csv"].replace(
        "PO1,Responsabile tecnico,po,D,tec,1,0,false,SEG,10000.00", "PO1,Responsabile tecnico,po,D,tec,1,0,false,SEG,"
    )
    res = ciclope_ente(PLUGIN, files)
    bad = [v for v in errors(res) if v.rule == "comunita_montane.result.position_pay"]
    assert len(bad) == 1 and bad[0].column == "position_pay" and bad[0].row == 3
    assert pool(res, "risultato_po_dirigenti") == ("500.00", "0.00", "500.00")


# --- differentiation (art. 11.2 d, 12.2bis) ------------------------------------------------------------


def test_differentiation_per_evaluator(ciclope_ente):
    staff = scored([("A1", 80), ("A2", 80), ("A3", 80), ("A4", 80), ("A5", 80)], evaluator="PO1") + scored(
        [("B1", 90), ("B2", 80), ("B3", 70)], unit="soc", evaluator="PO2"
    )
    res = ciclope_ente(PLUGIN, ente(staff), params={"ranking_scope": "area"})
    table = res.rewards.extra["differentiation"]
    # PO1: five equal scores → sd 0, one level, a warning
    assert table["PO1"] == {
        "evaluations": 5,
        "mean": D("80.00"),
        "sd": D("0.00"),
        "distinct_scores": 1,
        "distinct_levels": 1,
    }
    # PO2: mean 80, variance (100 + 0 + 100) / 3 = 66.67, sd √66.67 = 8.1649… → 8.16; levels eccellente,
    # ottima, buona
    assert table["PO2"]["sd"] == D("8.16") and table["PO2"]["distinct_levels"] == 3
    flat = [v for v in res.violations if v.rule == "comunita_montane.differentiation.flat"]
    assert len(flat) == 1 and flat[0].severity == "warning" and "PO1" in flat[0].message
    # the Relazione's table says each evaluator's role in words, never its code («po»)
    from ciclope.plugins.comunita_montane.report import sections

    [section] = [s for s in sections(res) if s.title.startswith("Differenziazione dei giudizi")]
    assert {row[0]: row[1] for row in section.rows} == {
        "PO1": "Posizione organizzativa",
        "PO2": "Posizione organizzativa",
    }


def test_four_equal_evaluations_are_not_flagged(ciclope_ente):
    staff = scored([("A1", 80), ("A2", 80), ("A3", 80), ("A4", 80)])
    res = ciclope_ente(PLUGIN, ente(staff))
    assert "comunita_montane.differentiation.flat" not in rules_of(res)


# --- bonus delle eccellenze (art. 18) ----------------------------------------------------------------


def hundred(first=100.0, second=99.75):
    """100 staff: P001 first, P002 second, then 99.50, 99.25, … down by 0.25 (P100 = 75.25)."""
    out = [("P001", first), ("P002", second)]
    out += [(f"P{i:03d}", 100 - D("0.25") * (i - 1)) for i in range(3, 101)]
    return scored(out)


BONUS = 'performance_individuale = "100000.00"\nbonus_eccellenze = "1000.00"'


def test_bonus_with_one_winner(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-01-15"))
    # n = 100: alta = ⌊20⌋ = 20 people (P001..P020), each 50000 / 20 = 2500
    assert amounts(res)["P020"] == "2500.00" and bands(res)["P021"] == "intermedia"
    # winners ≤ ⌊0.05 × 20⌋ = 1: P001 (100) gets the whole 1000
    assert res.rewards.extra["bonus_eccellenze"] == ["P001"]
    award = res.rewards.awards["P001:bonus_eccellenze"]
    assert (award.person, str(award.amount), award.pool) == ("P001", "1000.00", "bonus_eccellenze")
    assert pool(res, "bonus_eccellenze") == ("1000.00", "1000.00", "0.00")
    assert not errors(res)


def test_transparency_allocated_includes_the_bonus_fund(ciclope_ente):
    """rules/core.md §6 (issue 13): the staff's "stanziati" are every pool their money comes from, so
    "distribuiti" (band premiums + bonus) never read above them."""
    res = ciclope_ente(PLUGIN, ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-01-15"))
    staff = res.rewards.extra["transparency"]["personale"]
    # performance_individuale 100,000.00 + bonus_eccellenze 1,000.00 = 101,000.00
    assert staff["allocated"] == "101000.00"
    assert D(staff["distributed"]) <= D(staff["allocated"])
    # the bonus of 1,000.00 (P001, above) is paid on top of the band premiums
    assert D(staff["distributed"]) == D(pool(res, "performance_individuale")[1]) + D("1000.00")


def test_bonus_tie_at_the_cut_gives_zero_winners(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(hundred(second=100.0), funds=BONUS, approvals="bonus_decided = 2021-01-15"))
    # P001 and P002 both 100: the cut (1 winner) falls inside the tie → nobody; the fund is residual
    assert res.rewards.extra["bonus_eccellenze"] == []
    assert pool(res, "bonus_eccellenze") == ("1000.00", "0.00", "1000.00")


def test_bonus_zero_winners_with_a_small_top_band(ciclope_ente):
    staff = scored([(f"P{i:02d}", 99 - i * D("0.5")) for i in range(1, 20)])
    res = ciclope_ente(PLUGIN, ente(staff, funds=BONUS, approvals="bonus_decided = 2021-01-31"))
    # n = 19 → alta ⌊3.8⌋ = 3 people → ⌊0.05 × 3⌋ = 0 winners
    assert res.rewards.extra["bonus_eccellenze_detail"]["max_winners"] == 0
    assert pool(res, "bonus_eccellenze") == ("1000.00", "0.00", "1000.00")


def test_bonus_decided_after_january_is_an_error(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-02-01"))
    assert "comunita_montane.bonus.decision_date" in rules_of(res, "error")
    assert pool(res, "bonus_eccellenze") == ("1000.00", "0.00", "1000.00")
    undecided = ciclope_ente(PLUGIN, ente(hundred(), funds=BONUS))
    assert "comunita_montane.bonus.not_decided" in rules_of(undecided, "warning")
    assert pool(undecided, "bonus_eccellenze") == ("1000.00", "0.00", "1000.00")


def test_bonus_winner_with_an_innovation_prize_must_renounce(ciclope_ente):
    files = ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-01-15", innovation=["P001,innovazione,false"])
    res = ciclope_ente(PLUGIN, files)
    bad = [v for v in errors(res) if v.rule == "comunita_montane.bonus.innovation_conflict"]
    assert len(bad) == 1 and "18.4" in bad[0].source and (bad[0].file, bad[0].row) == ("innovation.csv", 2)
    assert pool(res, "bonus_eccellenze") == ("1000.00", "0.00", "1000.00")  # withheld until they choose
    renounced = ciclope_ente(
        PLUGIN,
        ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-01-15", innovation=["P001,alta_formazione,true"]),
    )
    assert not errors(renounced)
    assert "P001:bonus_eccellenze" not in renounced.rewards.awards
    assert renounced.rewards.extra["bonus_eccellenze_detail"]["withheld"] == {
        "P001": "rinuncia al bonus per alta_formazione (art. 18.4)"
    }


def test_innovation_of_an_unknown_person_is_an_error(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(scored([("P1", 90)]), innovation=["NOBODY,efficienza,true"]))
    assert "comunita_montane.innovation.person" in rules_of(res, "error")


def test_bad_innovation_kind_does_not_load(tmp_path):
    from ciclope.core.testing import compute_ente, write_ente

    folder = write_ente(tmp_path / "e", ente(scored([("P1", 90)]), innovation=["P1,premio,true"]))
    with pytest.raises(CiclopeError) as exc:
        compute_ente(folder, PLUGIN, 2021)
    assert any(p.file == "innovation.csv" and p.column == "kind" for p in exc.value.problems)


# --- progressioni economiche (art. 20) ----------------------------------------------------------------

TWELVE = [
    ("P01", 98),
    ("P02", 95),
    ("P03", 93),
    ("P04", 93),
    ("P05", 90),
    ("P06", 88),
    ("P07", 85),
    ("P08", 82),
    ("P09", 81),
    ("P10", 79),
    ("P11", 75),
    ("P12", 72),
]


def test_progressions_tie_at_the_25_percent_cut(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(scored(TWELVE)))
    # 12 in service → limit ⌊0.25 × 12⌋ = 3. Bands: n = 12, ⌊2.4⌋ = 2, ⌊7.2⌋ = 7 → first two bands P01..P07,
    # all ≥ 80 → candidates. Top 3 = P01, P02, P03 but P03 and P04 tie (93) at the cut → both out.
    assert res.rewards.extra["progressioni"] == ["P01", "P02"]
    detail = res.rewards.extra["progressioni_detail"]
    assert detail["limit"] == 3 and detail["candidates"] == ["P01", "P02", "P03", "P04", "P05", "P06", "P07"]


def test_progressions_without_a_tie_fill_the_quota(ciclope_ente):
    twelve = [(p, 92 if p == "P04" else s) for p, s in TWELVE]
    res = ciclope_ente(PLUGIN, ente(scored(twelve)))
    assert res.rewards.extra["progressioni"] == ["P01", "P02", "P03"]


def test_progressions_need_the_minimum_score(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(scored(TWELVE)), params={"progression_min_score": 96})
    assert res.rewards.extra["progressioni"] == ["P01"]  # only 98 ≥ 96


# --- savings (art. 26) ------------------------------------------------------------------------------


def test_savings_validated_by_the_oiv(ciclope_ente):
    res = ciclope_ente(
        PLUGIN,
        ente(
            scored([("P1", 90)]),
            funds='performance_individuale = "100.00"\nsavings = "10000.00"',
            approvals="savings_validated_oiv = 2022-05-30",
        ),
    )
    # 10000 × 30% = 3000; to the staff involved 2/3 = 2000; to integrative bargaining 1000
    assert res.rewards.extra["savings"] == {
        "documented": "10000.00",
        "validated": True,
        "available": "3000.00",
        "staff": "2000.00",
        "bargaining": "1000.00",
    }
    assert "savings" not in res.rewards.pools
    assert not errors(res)


def test_savings_without_oiv_validation_are_zero_and_an_error(ciclope_ente):
    res = ciclope_ente(
        PLUGIN, ente(scored([("P1", 90)]), funds='performance_individuale = "100.00"\nsavings = "10000.00"')
    )
    assert res.rewards.extra["savings"]["available"] == "0.00"
    bad = [v for v in errors(res) if v.rule == "comunita_montane.savings.not_validated"]
    assert len(bad) == 1 and "26.5" in bad[0].source


# --- calendar (art. 7, 18) and reports -------------------------------------------------------------------


def test_calendar(ciclope_ente):
    approvals = "budget_approved = 2020-12-20\npiano_adopted = 2021-02-10\nbonus_decided = 2021-01-15"
    res = ciclope_ente(PLUGIN, ente(scored([("P1", 90)]), funds=BONUS, approvals=approvals))
    got = {d.approval: (d.due.isoformat(), status) for d, status in res.calendar}
    # 20 Dec 2020 + 45 days = 3 Feb 2021; adopted 10 Feb → late
    assert got["piano_adopted"] == ("2021-02-03", "in ritardo")
    assert got["relazione_validated_oiv"] == ("2022-06-30", "mancante")
    assert got["bonus_decided"] == ("2021-01-31", "fatto")
    assert got["bonus_paid"] == ("2022-03-31", "mancante")


def test_report_sections_hide_small_groups(ciclope_ente):
    staff = scored([("P01", 95), ("P02", 90), ("P03", 85), ("P04", 80), ("P05", 75)])
    res = ciclope_ente(PLUGIN, ente(staff))
    titles = [s.title for s in res.sections]
    assert "Fasce di merito (art. 17)" in titles and "Trasparenza, valutazione e merito (art. 28)" in titles
    bands_section = next(s for s in res.sections if s.title.startswith("Fasce"))
    # n = 5: alta ⌊1⌋ = 1 person → "<3" and no amount; intermedia ⌊3⌋ − 1 = 2 → "<3"; bassa 2 → "<3"
    alta = next(r for r in bands_section.rows if r[1] == "alta")
    assert alta[4] == "<3" and alta[6] == "riservato"
    text = json.dumps([[str(c) for c in r] for s in res.sections for r in s.rows], ensure_ascii=False)
    assert "P01" not in text


def test_trace_explains_an_award(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(scored([("P1", 90), ("P2", 80)], fte="0.5")))
    fig = res.figures["award:P1"]
    assert "17.2" in fig.source
    assert {i.ref for i in fig.inputs if i.ref} >= {"pool:performance_individuale:ente:intermedia", "score:P1"}
    assert any(i.cell == "people.csv:5:fte" for i in fig.inputs)


# --- configuration (art. 17.2): errors are CiclopeError, exit code 2 --------------------------------------


def band_cfg(*rows):
    return [{"name": n, "staff": s, "resources": r} for n, s, r in rows]


BAD_CONFIGS = {
    "two bands": (band_cfg(("a", 0.3, 0.7), ("b", 0.7, 0.3)), "bands.count"),
    "six bands": (
        band_cfg(
            ("a", 0.1, 0.3), ("b", 0.1, 0.2), ("c", 0.2, 0.2), ("d", 0.2, 0.15), ("e", 0.2, 0.1), ("f", 0.2, 0.05)
        ),
        "bands.count",
    ),
    "staff sum 0.9": (band_cfg(("a", 0.2, 0.5), ("b", 0.3, 0.4), ("c", 0.4, 0.1)), "bands.staff_sum"),
    "resources sum 1.1": (band_cfg(("a", 0.2, 0.6), ("b", 0.4, 0.4), ("c", 0.4, 0.1)), "bands.resources_sum"),
    # per capita 1.714, 0.857, 0.333: ratios 2 and 2.57 fine, but the first band holds 35% > 30%
    "first band 35%": (band_cfg(("a", 0.35, 0.6), ("b", 0.35, 0.3), ("c", 0.3, 0.1)), "bands.top_cap"),
    # 4 bands: the first two (assumption) hold 0.1 + 0.25 = 35%
    "four bands, first two 35%": (
        band_cfg(("a", 0.1, 0.4), ("b", 0.25, 0.35), ("c", 0.35, 0.2), ("d", 0.3, 0.05)),
        "bands.top_cap",
    ),
    "five bands, first two 31%": (
        band_cfg(("a", 0.11, 0.25), ("b", 0.2, 0.3), ("c", 0.29, 0.3), ("d", 0.2, 0.1), ("e", 0.2, 0.05)),
        "bands.top_cap",
    ),
    # per capita 1.75, 1, 0.625: 1.75 < 2
    "ratio under 1:2": (band_cfg(("a", 0.2, 0.35), ("b", 0.4, 0.4), ("c", 0.4, 0.25)), "bands.ratio"),
    # like the exact-bound config but alta 0.29 / intermedia 0.46: (2.9) / (1.5333) = 1.89 < 2
    "ratio a hair under 1:2": (band_cfg(("a", 0.1, 0.29), ("b", 0.3, 0.46), ("c", 0.6, 0.25)), "bands.ratio"),
    # five bands, per capita 2.5, 1.5, 1.0333, 0.45, 0.25: 1.5 / 1.0333 = 1.45 < 1.5
    "ratio under 1:1.5 with five bands": (
        band_cfg(("a", 0.1, 0.25), ("b", 0.2, 0.3), ("c", 0.3, 0.31), ("d", 0.2, 0.09), ("e", 0.2, 0.05)),
        "bands.ratio",
    ),
    "unknown key": (
        [
            {"name": "a", "staff": 0.2, "resources": 0.5, "x": 1},
            {"name": "b", "staff": 0.4, "resources": 0.4},
            {"name": "c", "staff": 0.4, "resources": 0.1},
        ],
        "bands.format",
    ),
    "zero share": (band_cfg(("a", 0.2, 0.5), ("b", 0.8, 0.5), ("c", 0, 0)), "bands.format"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_band_configurations_are_config_errors(ciclope_ente, case):
    cfg, rule = BAD_CONFIGS[case]
    with pytest.raises(CiclopeError) as exc:
        ciclope_ente(PLUGIN, ente(scored([("P1", 90)])), params={"bands": cfg})
    found = [p for p in exc.value.problems if p.rule == f"comunita_montane.{rule}"]
    assert found and all("17.2" in p.source for p in found), exc.value.problems


def test_a_band_s_keys_are_named_as_the_office_writes_them(ciclope_ente):
    """The office writes ``fasce = [{ nome, personale, risorse }]``: a message about a band names those keys, not the
    codes the plugin reads them as (name, staff, resources)."""
    written = [
        {"nome": "a", "personale": 0.2, "risorse": 0.5, "colore": 1},
        {"nome": "b", "personale": 0.4},
        {"nome": "c", "personale": 0.4, "risorse": 0.5},
    ]
    with pytest.raises(CiclopeError) as exc:
        ciclope_ente(PLUGIN, ente(scored([("P1", 90)])), params={"fasce": written})
    messages = [p.message for p in exc.value.problems if p.rule == "comunita_montane.bands.format"]
    assert messages == [
        "fascia 1: chiavi sconosciute colore (ammesse: nome, personale, risorse)",
        "fascia «b»: quota di risorse (risorse) mancante o non numerica",
    ]


def test_a_band_share_written_as_a_percentage_says_how_to_write_it():
    _, problems = parse_bands(band_cfg(("a", 20, 0.5), ("b", 0.4, 0.4), ("c", 0.4, 0.1)))
    assert [p.message for p in problems] == [
        'fascia «a»: quota di personale (personale) = 20 deve essere maggiore di 0 e al massimo 1: una quota si scrive '
        'in percentuale, "20%" (o 0.2)'
    ]


def test_parse_bands_is_exact():
    bands, problems = parse_bands(band_cfg(("a", 0.1, 0.3), ("b", 0.3, 0.45), ("c", 0.6, 0.25)))
    assert not problems and [b.staff for b in bands] == [Fraction(1, 10), Fraction(3, 10), Fraction(3, 5)]


@pytest.mark.parametrize(
    "levels, why",
    [
        ([{"name": "ottima", "min": 80}, {"name": "buona", "min": 65}], "tra 70 e 100"),
        ([{"name": "ottima", "min": 80}, {"name": "buona", "min": 75}], "partire da 70"),
        ([{"name": "buona", "min": 70}, {"name": "ottima", "min": 80}], "decrescenti"),
        ([{"name": "adeguata", "min": 70}], "riservati"),
    ],
)
def test_bad_levels_are_config_errors(ciclope_ente, levels, why):
    with pytest.raises(CiclopeError) as exc:
        ciclope_ente(PLUGIN, ente(scored([("P1", 90)])), params={"levels": levels})
    assert any(p.rule == "comunita_montane.levels" and why in p.message for p in exc.value.problems)


def test_custom_levels(ciclope_ente):
    res = ciclope_ente(
        PLUGIN,
        ente(scored([("P1", 90), ("P2", "74.99")])),
        params={"levels": [{"name": "piena", "min": 75}, {"name": "positiva", "min": 70}]},
    )
    assert (res.scores["P1"].level, res.scores["P2"].level) == ("piena", "positiva")


def test_bad_config_exits_with_code_2(tmp_path, capsys):
    from ciclope.core.testing import write_ente

    write_ente(tmp_path / "cm", ente(scored([("P1", 90)])))
    (tmp_path / "cycle.toml").write_text(
        '[cycle]\nyear = 2021\n[[ente]]\nid = "cm"\nplugin = "comunita_montane"\ndata = "cm"\n'
        '[ente.params]\nbands = [{name = "a", staff = 0.2, resources = 0.35}, {name = "b", staff = 0.4, resources = 0.4},'
        ' {name = "c", staff = 0.4, resources = 0.25}]\n',
        encoding="utf-8",
    )
    assert main(["run", str(tmp_path / "cycle.toml"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "ente[cm].parametri.fasce: errore: differenzi" in err and "17.2" in err
    assert not (tmp_path / "out" / "cm").exists()


# --- the public example and the demo through the command line --------------------------------------------


def test_public_example_through_the_cli(example, tmp_path, capsys):
    folder = example("comunita_montane")
    assert main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out")]) == 0
    expected = json.loads((folder / "expected.json").read_text())
    tool = CHECK_RESULTS
    run = subprocess.run(
        [sys.executable, str(tool), str(folder / "expected.json"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    checks = sum(len(v) for k, v in expected.items() if not k.startswith("_"))
    assert run.returncode == 0 and f"{checks}/{checks} checks hold" in run.stdout, run.stdout
    doc = json.loads((tmp_path / "out" / "cm-esempio" / "results.json").read_text())
    # by hand: banded P1 96, P2 91, P3 88, P4 86, P5 83, P6 80, P7 77, P9 74, P10 71 (P8 absent 180 > 150 days,
    # P11 60 < 70): n = 9, alta ⌊1.8⌋ = 1, intermedia up to ⌊5.4⌋ = 5 (P2, P3 at fte 0.5, P4, P5), bassa 4.
    # Per-capita weights 2.5 / 1 / 0.25 × fte: Σ = 2.5 + 3 + 0.5 + 1 = 7; in cents (1.200.000):
    # P1 3.000.000/7 = 428.571 + 3/7; P2, P4, P5 1.200.000/7 = 171.428 + 4/7; P3 85.714 + 2/7;
    # bassa 300.000/7 = 42.857 + 1/7; floors sum to 1.199.997 → 3 cents to the 4/7 remainders (P2, P4, P5)
    assert doc["rewards"]["people"]["P1"]["amount"] == "4285.71"
    assert doc["rewards"]["people"]["P2"]["amount"] == "1714.29"
    assert doc["rewards"]["people"]["P3"]["amount"] == "857.14"
    assert doc["rewards"]["people"]["P6"]["amount"] == "428.57"


def test_demo_runs_without_error_violations(tmp_path, capsys):
    from ciclope.core.engine.registry import load_plugin

    DEMO = load_plugin("comunita_montane")[1].demo
    import shutil

    dest = tmp_path / "demo"
    shutil.copytree(DEMO, dest)
    assert main(["run", str(dest / "cycle.toml")]) == 0
    doc = json.loads((dest / "risultati" / "cm-feltrina" / "results.json").read_text())
    assert not [v for v in doc["violations"] if v["severity"] == "error"]
    staff = [p for p, v in doc["individual"].items() if p[0] in "ATF"]
    assert len(staff) == 25
    assert {v["status"] for v in doc["individual"].values()} >= {
        "banded",
        "non_valutabile",
        "adeguata",
        "non_adeguata",
        "escluso_peg",
    }
    assert doc["audit"]["params"]["ranking_scope"]["value"] == "area"
    assert set(doc["rewards"]["pools"]) >= {"performance_individuale", "risultato_po_dirigenti", "bonus_eccellenze"}
    assert doc["monitoring"]


AUDIT_CASE = [
    ("P01", 99),
    ("P02", 98),
    ("P03", 97),
    ("P04", 90),
    ("P05", 90),
    ("P06", 90),
    ("P07", 90),
    ("P08", 80),
    ("P09", 79),
    ("P10", 78),
]


def test_audit_case_a_lone_middle_band_is_paid_per_capita(ciclope_ente):
    """Issue 13's case: 10 staff, a four-way tie at 90 moves the second boundary, 97 sits alone in intermedia."""
    res = ciclope_ente(PLUGIN, ente(scored(AUDIT_CASE)))
    # c1 = ⌊2⌋ = 2 (98 / 97 differ) → alta P01, P02; c2 = ⌊6⌋ = 6, but P04..P07 (90) straddle it → down to 3:
    # intermedia = P03 alone; bassa = P04..P10 (7)
    assert bands(res) == {
        "P01": "alta",
        "P02": "alta",
        "P03": "intermedia",
        **{p: "bassa" for p in ("P04", "P05", "P06", "P07", "P08", "P09", "P10")},
    }
    # weights 2.5, 2.5, 1, 7 × 0.25: Σ = 7.75 = 31/4; in cents (1.000.000): alta 10.000.000/31 = 322.580 + 20/31,
    # P03 4.000.000/31 = 129.032 + 8/31, bassa 1.000.000/31 = 32.258 + 2/31; floors 999.998 → 2 cents to alta
    assert amounts(res) == {
        "P01": "3225.81",
        "P02": "3225.81",
        "P03": "1290.32",
        **{p: "322.58" for p in ("P04", "P05", "P06", "P07", "P08", "P09", "P10")},
    }
    # what people are paid keeps the configured ratios: alta / intermedia ≈ 2.5, intermedia / bassa = 4
    assert pool(res, "performance_individuale") == ("10000.00", "10000.00", "0.00")
    band_info = res.rewards.extra["rankings"]["ente"]["bands"]
    assert (band_info["alta"]["pool"], band_info["intermedia"]["pool"], band_info["bassa"]["pool"]) == (
        "6451.62",
        "1290.32",
        "2258.06",
    )
    assert not errors(res)


def test_audit_case_under_band_pool_is_an_art_17_2_error(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(scored(AUDIT_CASE)), params={"band_money": "band_pool"})
    # fixed pools 5000 / 4000 / 1000: alta 2500 each, P03 alone 4000 — more than the band above;
    # bassa 1000 / 7 = 142.857… → 142.85 × 7 = 999.95, the 5 cents (equal remainders) by rank: P04..P08
    assert amounts(res) == {
        "P01": "2500.00",
        "P02": "2500.00",
        "P03": "4000.00",
        **{p: "142.86" for p in ("P04", "P05", "P06", "P07", "P08")},
        "P09": "142.85",
        "P10": "142.85",
    }
    bad = [v for v in errors(res) if v.rule == "comunita_montane.bands.actual_ratio"]
    # alta / intermedia = 2500 / 4000 = 0.625 < 2 (error); intermedia / bassa = 4000 / 142.857 = 28 ≥ 2 (fine)
    assert len(bad) == 1 and "alta" in bad[0].message and "intermedia" in bad[0].message
    assert bad[0].message.endswith('usa pagamento_fasce = "pro capite" o rivedi le quote')  # the office's words
    assert "17.2" in bad[0].source


def test_band_money_is_a_choice_parameter(ciclope_ente):
    with pytest.raises(CiclopeError):
        ciclope_ente(PLUGIN, ente(scored(AUDIT_CASE)), params={"band_money": "per_band"})


# --- issue 13: the audit's findings, each computed by hand from 003… -------------------------------


def test_bonus_decided_in_december_is_on_time(ciclope_ente):
    """Art. 18.1 "entro il mese di gennaio": a decision of 15 December of the year before is valid."""
    res = ciclope_ente(PLUGIN, ente(hundred(), funds=BONUS, approvals="bonus_decided = 2020-12-15"))
    assert res.rewards.extra["bonus_eccellenze"] == ["P001"]
    assert pool(res, "bonus_eccellenze") == ("1000.00", "1000.00", "0.00")
    assert "comunita_montane.bonus.decision_date" not in rules_of(res, "error")


def test_the_efficiency_prize_is_compatible_with_the_bonus(ciclope_ente):
    """Art. 18.4 names only the innovation prize and alta formazione: an efficiency prize (19.3) does not
    make the bonus winner choose."""
    res = ciclope_ente(
        PLUGIN,
        ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-01-15", innovation=["P001,efficienza,false"]),
    )
    assert not errors(res)
    assert str(res.rewards.awards["P001:bonus_eccellenze"].amount) == "1000.00"


PRIZES = "person,kind,renounced_bonus,amount\nP1,innovazione,true,300.00\nP2,efficienza,,200.00\n"


def test_innovation_and_efficiency_prizes_are_recorded_and_paid(ciclope_ente):
    """Art. 19: winners chosen by the OIV / the conferenza, amounts recorded in innovation.csv and paid
    from [funds] premi_innovazione; the rest of the fund is residual."""
    files = ente(
        scored([("P1", 90), ("P2", 80)]), funds='performance_individuale = "1000.00"\npremi_innovazione = "600.00"'
    )
    files["innovation.csv"] = PRIZES
    res = ciclope_ente(PLUGIN, files)
    prizes = {a.person: str(a.amount) for a in res.rewards.awards.values() if a.pool == "premi_innovazione"}
    assert prizes == {"P1": "300.00", "P2": "200.00"}
    # 600 − (300 + 200) = 100 residual
    assert pool(res, "premi_innovazione") == ("600.00", "500.00", "100.00")
    doc = results_doc(res)
    assert doc["rewards"]["pools"]["premi_innovazione"] == {
        "amount": "600.00",
        "distributed": "500.00",
        "residual": "100.00",
    }
    assert not errors(res)


def test_prizes_above_their_fund_are_an_error_and_not_paid(ciclope_ente):
    files = ente(
        scored([("P1", 90), ("P2", 80)]), funds='performance_individuale = "1000.00"\npremi_innovazione = "400.00"'
    )
    files["innovation.csv"] = PRIZES
    res = ciclope_ente(PLUGIN, files)
    # 300 + 200 = 500 > 400 (art. 19.1)
    assert "comunita_montane.prizes.over_fund" in rules_of(res, "error")
    assert pool(res, "premi_innovazione") == ("400.00", "0.00", "400.00")


def leaders_ente(fund):
    return ente(
        scored([("P1", 90)]),
        leaders=[("SEG", "", 90), ("PO1", "SEG", 80)],
        funds=f'performance_individuale = "100.00"\nrisultato_po_dirigenti = "{fund}"',
    )


def test_before_2018_a_po_result_pay_is_capped_and_the_cap_frees_money(ciclope_ente):
    """Art. 21.1 with the CCNL 31.3.1999 art. 10 c. 3 in force (a 2017 cycle): each PO's result pay ≤
    po_result_max_share (0.25) × position pay; never a cap for the Segretario (own contract)."""
    res = ciclope_ente(PLUGIN, leaders_ente("9000.00"), year=2017, params={"unit_item_weight": 0})
    # weights SEG 20000 × 90 = 1,800,000, PO1 10000 × 80 = 800,000: PO1 9000 × 8/26 = 2769.23 > cap
    # 0.25 × 10000 = 2500 → PO1 2500; the rest 6500 goes to SEG, who has no cap (not 9000 × 18/26 = 6230.77)
    assert str(res.rewards.awards["PO1"].amount) == "2500.00"
    assert str(res.rewards.awards["SEG"].amount) == "6500.00"
    assert pool(res, "risultato_po_dirigenti") == ("9000.00", "9000.00", "0.00")
    # explain can be followed by hand: SEG = fund after the caps 6500 × 1,800,000 / Σ uncapped weights 1,800,000
    inputs = {i.name: i.value for i in res.figures["award:SEG"].inputs}
    left, free = inputs["fondo dopo i tetti raggiunti da PO1"], inputs["Σ pesi di chi non è al tetto"]
    assert (left, free) == (D("6500.00"), D("1800000.00"))
    assert left * D("1800000") / free == res.rewards.awards["SEG"].amount


def test_from_2018_no_per_person_range_binds(ciclope_ente):
    """CCNL 21.5.2018 art. 15 c. 4 replaced the 10–25% per-person range: a 2021 cycle splits without caps."""
    res = ciclope_ente(PLUGIN, leaders_ente("9000.00"), params={"unit_item_weight": 0})
    # SEG 9000 × 18/26 = 6230.769 (rem .92 of a cent), PO1 9000 × 8/26 = 2769.230 (rem .08): floors 8999.99,
    # the cent to SEG → 6230.77 and 2769.23 (above 0.25 × 10000 = 2500: no longer a cap)
    assert (str(res.rewards.awards["SEG"].amount), str(res.rewards.awards["PO1"].amount)) == ("6230.77", "2769.23")
    # PO part of the fund: 9000 × Σ PO pay (PO1 10000 + PO2 8000) / Σ pay (+ SEG 20000 = 38000) = 4263.16 ≥ 15% of
    # (18000 + 4263.16) = 3339.47: no warning
    assert "comunita_montane.result.po_quota" not in rules_of(res)


def test_result_pay_below_the_minimum_share_is_a_warning_before_2018(ciclope_ente):
    res = ciclope_ente(PLUGIN, leaders_ente("1000.00"), year=2017, params={"unit_item_weight": 0})
    # SEG 692.31 (no range for the Segretario) and PO1 307.69 < 0.10 × 10000 = 1000: one warning, PO1's
    low = [v for v in res.violations if v.rule == "comunita_montane.result.below_minimum"]
    assert [v.message.split(":")[0] for v in low] == ["PO1"] and low[0].severity == "warning"
    assert "(quota_minima_risultato_po × retribuzione di posizione, CCNL)" in low[0].message


def test_from_2018_the_po_quota_below_15_percent_is_a_warning(ciclope_ente):
    res = ciclope_ente(PLUGIN, leaders_ente("1000.00"), params={"unit_item_weight": 0})
    # PO part = 1000 × 18000 / 38000 = 473.68 < 15% × (18000 + 473.68) = 2771.05: a warning; no per-person minimum
    found = [v for v in res.violations if v.rule == "comunita_montane.result.po_quota"]
    assert len(found) == 1 and found[0].severity == "warning" and "art. 15 c. 4" in found[0].source
    assert "comunita_montane.result.below_minimum" not in rules_of(res)


def test_result_pay_follows_the_70_percent_peg_rule(ciclope_ente):
    """Art. 17.2: no positive evaluation gives money without ≥ 70% of the structure's PEG objectives."""
    leaders = [("PO1", "SEG", 80), ("PO2", "SEG", 100)]
    funds = 'performance_individuale = "100.00"\nrisultato_po_dirigenti = "1000.00"'
    res = ciclope_ente(PLUGIN, ente(scored([("P1", 90)]), leaders=leaders, funds=funds))
    # PO1 = 40 × 1.0 + 60 × 0.80 = 88 (tec at 1.0); PO2 = 40 × 0.5 + 60 × 1.00 = 80, but amm is at 0.5 < 0.70
    assert str(res.rewards.awards["PO1"].amount) == "1000.00" and "PO2" not in res.rewards.awards
    off = ciclope_ente(
        PLUGIN, ente(scored([("P1", 90)]), leaders=leaders, funds=funds), params={"peg_rule_for_po": False}
    )
    # weights PO1 10000 × 88 = 880,000, PO2 8000 × 80 = 640,000: PO1 1000 × 880/1520 = 578.947 → 578.94
    # (remainder .74), PO2 421.052 → 421.05 (.26); the cent left → PO1 = 578.95
    assert (str(off.rewards.awards["PO1"].amount), str(off.rewards.awards["PO2"].amount)) == ("578.95", "421.05")


def test_savings_caps_round_down(ciclope_ente):
    """Art. 26.3 "fino a": 333.33 × 30% = 99.999 → 99.99 (never 100.00); 2/3 of it = 66.66; the rest 33.33."""
    res = ciclope_ente(
        PLUGIN,
        ente(
            scored([("P1", 90)]),
            funds='performance_individuale = "100.00"\nsavings = "333.33"',
            approvals="savings_validated_oiv = 2022-05-30",
        ),
    )
    assert res.rewards.extra["savings"] == {
        "documented": "333.33",
        "validated": True,
        "available": "99.99",
        "staff": "66.66",
        "bargaining": "33.33",
    }


def test_area_rankings_count_the_30_percent_on_the_whole_ente(ciclope_ente):
    staff = scored([("A1", 90), ("A2", 85), ("A3", 80), ("A4", 75)], unit="amm", evaluator="PO2") + scored(
        [("T1", 95), ("T2", 90), ("T3", 85), ("T4", 80), ("T5", 75), ("T6", 72)], evaluator="PO1"
    )
    files = ente(staff)
    files["assignments.csv"] = "cruscotto,owner,ref,weight\nC-AMM,amm,OB1,"
    res = ciclope_ente(PLUGIN, files, params={"ranking_scope": "area"})
    ranks = res.rewards.extra["rankings"]
    # the ente has 10 staff: 30% = 3 in the first band over all areas. amm (first ranking) may use all 3
    # (not ⌊0.3 × 4⌋ = 1); it uses ⌊4 × 0.2⌋ = 0, so tec still has 3 (not ⌊0.3 × 6⌋ = 1) and uses 1
    assert (ranks["amm"]["top_cap"], ranks["tec"]["top_cap"]) == (3, 3)
    assert sum(1 for b in bands(res).values() if b == "alta") == 1


def test_result_pay_peg_check_uses_the_unit_the_po_heads(ciclope_ente):
    """rules §2: the PEG check of result pay is on the unit the PO heads (the one in their score), not on their
    people.csv unit. PO2 sits in tec (1.0) but heads amm (0.5, first in file order of amm, trib, soc)."""
    files = ente(
        scored([("P1", 90)]),
        leaders=[("PO1", "SEG", 80), ("PO2", "SEG", 100)],
        funds='performance_individuale = "100.00"\nrisultato_po_dirigenti = "1000.00"',
    )
    files["people.csv"] = files["people.csv"].replace(
        "PO2,Responsabile amministrativo,po,D,amm,", "PO2,Responsabile amministrativo,po,D,tec,"
    )
    res = ciclope_ente(PLUGIN, files)
    # PO2 = 40 × 0.5 (amm) + 60 × 100/100 = 80 ≥ 70, but amm reached 0.5 < 0.70: no result pay.
    # PO1 = 40 × 1.0 + 60 × 0.80 = 88 is alone: 1000 × (10000 × 88) / (10000 × 88) = 1000.00 (cap 0.25 × 10000)
    assert res.scores["PO2"].score == D("80.00") and res.scores["PO1"].score == D("88.00")
    excluded = res.rewards.extra["result_pay"]["excluded"]["PO2"]
    assert "PO2" not in res.rewards.awards and "unità Area Amministrativa al 50,00% < 70%" in excluded  # by name
    assert str(res.rewards.awards["PO1"].amount) == "1000.00"


def test_result_pay_not_for_a_po_declared_insufficient(ciclope_ente):
    """rules §2: a PO declared insufficient gets no result pay, whatever the score; PO1's 88 would take it all."""
    files = ente(
        scored([("P1", 90)]),
        leaders=[("PO1", "SEG", 80)],
        funds='performance_individuale = "100.00"\nrisultato_po_dirigenti = "1000.00"',
    )
    files["people.csv"] = files["people.csv"].replace(
        "PO1,Responsabile tecnico,po,D,tec,1,0,false,", "PO1,Responsabile tecnico,po,D,tec,1,0,true,"
    )
    res = ciclope_ente(PLUGIN, files)
    assert "PO1" not in res.rewards.awards
    assert pool(res, "risultato_po_dirigenti") == ("1000.00", "0.00", "1000.00")


def test_insufficient_rendimento_is_never_a_progressione(ciclope_ente):
    """rules §2: declared insufficient → non_adeguata whatever the score: P01 (98) is out of the bands, so the
    ranking is the other 11: 12 in service → limit ⌊0.25 × 12⌋ = 3; banded n = 11, first two bands
    ⌊11 × 0.6⌋ = 6 → P02..P07 (all ≥ 80); top 3 = P02 95, P03 93, P04 93 (the tie sits inside the three, P05
    has 90): all three; without the declaration P01 would be first and the tie would straddle the cut."""
    staff = [(p, s, {"insufficient": p == "P01"}) for p, s in TWELVE]
    res = ciclope_ente(PLUGIN, ente(staff))
    assert res.status_of("P01") == "non_adeguata"
    assert res.rewards.extra["progressioni"] == ["P02", "P03", "P04"]


@pytest.mark.parametrize("decided, on_time", [("2020-01-31", False), ("2020-02-01", True), ("2021-01-31", True)])
def test_the_bonus_decision_falls_within_the_years_window(ciclope_ente, decided, on_time):
    """rules §4: bonus_decided between 1 February of the year before and 31 January of the cycle's year; one
    taken on 31.1.2020 was the 2020 cycle's decision: error, the 1000.00 stays residual."""
    res = ciclope_ente(PLUGIN, ente(hundred(), funds=BONUS, approvals=f"bonus_decided = {decided}"))
    assert ("comunita_montane.bonus.decision_date" in rules_of(res, "error")) is not on_time
    # on time: P001 (the only winner, ⌊0.05 × 20⌋ = 1) takes 1000.00; else nothing is paid
    assert pool(res, "bonus_eccellenze") == (
        ("1000.00", "1000.00", "0.00") if on_time else ("1000.00", "0.00", "1000.00")
    )


def test_alta_formazione_is_never_paid(ciclope_ente):
    """rules §4: alta formazione (art. 25) is a training path: an amount on its row is an error and not paid; the
    innovation prize of P2 (300.00) is paid from the 1000.00 fund, 700.00 residual."""
    files = ente(
        scored([("P1", 90), ("P2", 80)]), funds='performance_individuale = "100.00"\npremi_innovazione = "1000.00"'
    )
    files["innovation.csv"] = (
        "person,kind,renounced_bonus,amount\nP1,alta_formazione,false,500.00\nP2,innovazione,false,300.00\n"
    )
    res = ciclope_ente(PLUGIN, files)
    bad = [v for v in errors(res) if v.rule == "comunita_montane.prizes.alta_formazione"]
    assert [(v.file, v.row, v.column) for v in bad] == [("innovation.csv", 2, "amount")]
    assert pool(res, "premi_innovazione") == ("1000.00", "300.00", "700.00")
    assert not any(a.person == "P1" and a.pool == "premi_innovazione" for a in res.rewards.awards.values())


def test_an_area_pool_concentrated_on_a_few_is_a_warning(ciclope_ente):
    """ranking_scope = area: the pool follows the areas' staff (tec 4, soc 2 of 6 → 6000 × 4/6 = 4000.00 and
    2000.00); in tec only A1 is banded (A2–A4 < 70): 1 of 4 < 0.5 × 4 → a warning, A1 takes 4000.00;
    soc's 2 of 2 are banded: no warning."""
    staff = scored([("A1", 90), ("A2", 60), ("A3", 60), ("A4", 60)], evaluator="PO1") + scored(
        [("B1", 90), ("B2", 80)], unit="soc", evaluator="PO2"
    )
    res = ciclope_ente(
        PLUGIN, ente(staff, funds='performance_individuale = "6000.00"'), params={"ranking_scope": "area"}
    )
    assert amounts(res)["A1"] == "4000.00"
    found = [v for v in res.violations if v.rule == "comunita_montane.ranking.concentration"]
    assert len(found) == 1 and found[0].severity == "warning" and "1 su 4" in found[0].message
    assert found[0].message.endswith(
        'Con ambito_graduatorie = "ente" una sola graduatoria distribuirebbe sull\'intero ente'
    )


def test_a_threshold_is_judged_on_the_published_score(ciclope_ente):
    """rules/core.md §3: 100 × 69.996/100 = 69.996 is reported 70.00 (2 decimals, half-up) and passes 70;
    69.994 is reported 69.99 and does not."""
    res = ciclope_ente(PLUGIN, ente(scored([("P1", '"69,996"'), ("P2", '"69,994"'), ("P3", 90)])))
    assert res.scores["P1"].score == D("70.00") and res.status_of("P1") == "banded"
    assert res.scores["P2"].score == D("69.99") and res.status_of("P2") == "adeguata"


def test_a_band_award_can_be_recomputed_from_its_inputs(ciclope_ente):
    """The award's inputs carry the split's denominator: fund × (band weight × fte) / Σ weights, to the cent
    (the largest remainder moves at most one cent). S2 90, S7 80, S5 70 banded (see test_every_status_in_order):
    Σ = 1 × 1 + 0.25 × 1 + 0.25 × 1 = 1.5; S2: 1000 × 1 / 1.5 = 666.666… → 666.67."""
    staff = [("S2", 90, {}), ("S7", 80, {"unit": "soc"}), ("S5", 70, {})]
    res = ciclope_ente(PLUGIN, ente(staff, funds='performance_individuale = "1000.00"'))
    fig = res.figures["award:S2"]
    inputs = {i.name: i.value for i in fig.inputs}
    total = inputs["Σ pesi dei collocati in fascia (peso pro capite della fascia × tempo lavorato)"]
    assert total == D("1.500000")
    ratio = inputs["peso pro capite della fascia (quota di risorse / quota di personale)"]
    fte = inputs["tempo lavorato"]
    exact = inputs["fondo della graduatoria"] * ratio * fte / total
    assert abs(fig.value - exact) < D("0.01") and fig.value == D("666.67")


def test_explain_cites_art_18_for_the_bonus_and_shows_a_renounced_one(ciclope_ente):
    """explain --person: the bonus cites art. 18 (not «ente.toml [funds]»); a renounced bonus is a figure of 0."""
    from ciclope.core.run.explain import explain

    res = ciclope_ente(PLUGIN, ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-01-15"))
    text = explain(res, "person", "P001")
    bonus_line = next(line for line in text.splitlines() if "— Bonus annuale delle eccellenze (art. 18)" in line)
    rule = text.splitlines()[text.splitlines().index(bonus_line) + 1]
    assert "art. 18" in rule and "ente.toml" not in rule
    renounced = ciclope_ente(
        PLUGIN,
        ente(hundred(), funds=BONUS, approvals="bonus_decided = 2021-01-15", innovation=["P001,alta_formazione,true"]),
    )
    fig = renounced.figures["award:P001:bonus_eccellenze"]
    # P001 alone would have had the whole 1000.00; renounced: 0.00, art. 18.4
    assert fig.value == D("0.00") and "18.4" in fig.source
    assert "Bonus delle eccellenze di Dipendente P001 (rinunciato) = € 0,00" in explain(renounced, "person", "P001")


def test_transparency_allocated_includes_a_fund_nobody_received(ciclope_ente):
    """rules/core.md §6: "allocated" is every fund destined to performance pay, including funds nobody received
    (results.json agrees with the published trasparenza.csv)."""
    res = ciclope_ente(PLUGIN, ente(hundred(second=100.0), funds=BONUS, approvals="bonus_decided = 2021-01-15"))
    assert res.rewards.extra["bonus_eccellenze"] == []  # the tie at the cut: nobody received the bonus
    staff = res.rewards.extra["transparency"]["personale"]
    # performance_individuale 100,000.00 + bonus_eccellenze 1,000.00 unpaid = 101,000.00
    assert staff["allocated"] == "101000.00" and "bonus_eccellenze" not in staff["pools"]


def test_the_scheda_of_a_two_person_band_shows_no_figure_of_the_band(ciclope_ente):
    """rules/core.md §6: a scheda personale never shows a figure of a group of fewer than 3 people — the fund of a
    band of two gives the colleague's premium by difference."""
    from ciclope.core.schede import content

    # 10 staff, scores 99, 98, …, 90: bands 20/40/40 → alta ⌊10 × 0.2⌋ = 2 (S01, S02), intermedia 4, bassa 4
    res = ciclope_ente(PLUGIN, ente(scored([(f"S{i:02d}", 100 - i) for i in range(1, 11)])))
    assert {pid for pid, b in bands(res).items() if b == "alta"} == {"S01", "S02"}
    fund = D(res.figures["award:S01"].inputs[1].value)  # «fondo della fascia alta», as the plugin records it
    assert fund == D(amounts(res)["S01"]) + D(amounts(res)["S02"])  # = own + the colleague's: by difference
    (mine,) = content.build(res, "S01").payments
    names = [step.label for step in mine.steps]
    assert not any(n.startswith("fondo della fascia") or n.startswith("Σ tempo lavorato della fascia") for n in names)
    assert "fondo della graduatoria" in names and "tempo lavorato" in names
    # a band of 4 (intermedia: S03..S06) keeps its fund on the scheda: 4 people, no one's pay by difference
    (theirs,) = content.build(res, "S03").payments
    assert any(step.label.startswith("fondo della fascia intermedia") for step in theirs.steps)


def test_the_bands_description_says_their_shares_sum_to_100_percent():
    from pathlib import Path

    from ciclope.core.params import load_param_specs
    from ciclope.plugins import comunita_montane

    specs = load_param_specs(Path(comunita_montane.__file__).with_name("params.toml"))
    # the shares of staff and resources are percentages to the office: they sum to 100%, never «a 1»
    assert "quote che sommano al 100%, prima fascia" in specs["bands"].description


def test_the_progressions_note_names_no_file_a_reader_never_opens(ciclope_ente):
    res = ciclope_ente(PLUGIN, ente(scored(TWELVE)))
    section = next(s for s in res.sections if s.title == "Progressioni economiche (art. 20)")
    # where the names are, in words: never «results.json», a file of the program that no office reads
    assert section.note.endswith("L'elenco nominativo dei selezionati resta agli atti dell'ufficio (uso interno).")
    assert "results.json" not in section.note
