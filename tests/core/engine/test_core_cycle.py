"""The core rules end to end on a small ente built in code (rules/core.md §1–5).

Every expectation is computed by hand in the comment next to it; the ente is `files()` of helpers.py.
"""

import pytest

from ciclope.core.problems import CiclopeError
from ciclope.core.testing import compute_ente, results_doc, write_ente

from helpers import ENTE, EVALUATIONS, INDICATORS, OBJECTIVES, coreonly, files


@pytest.fixture
def doc(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    return results_doc(compute_ente(folder, coreonly, 2021))


def test_indicator_types(doc):
    ind = doc["organizational"]["indicators"]
    assert ind["I1"]["achievement"] == 0.8  # higher: 8 / 10
    assert ind["I2"]["achievement"] == 0.8  # lower: 4 / 5
    assert ind["I3"]["achievement"] == 0.0  # deadline 30.6 missed (1.7)
    assert ind["I4"]["achievement"] == 1.0  # boolean SI = SI
    assert ind["I5"]["achievement"] == 0.8  # 0.72 / 0.90
    assert ind["I7"]["achievement"] == 0.75  # project 75% / 100%
    assert ind["I6"]["scored"] is False and ind["I6"]["status"] == "neutralized"
    assert ind["I8"]["scored"] is False and ind["I8"]["status"] == "monitor"
    assert ind["I9"]["status"] == "inactive"  # target_2021 = "-"


def test_aggregation_uses_rounded_parts(doc):
    org = doc["organizational"]
    # O1 = mean(I2 0.8, I3 0) = 0.4; S1 = mean(I1 0.8, O1 0.4) = 0.6
    assert org["objectives"]["O1"] == 0.4
    assert org["objectives"]["S1"] == 0.6
    # S2 = (3 × 1 + 1 × 0.8) / 4 = 0.95 (I6, weight 1, neutralized: weights renormalized over 4)
    assert org["objectives"]["S2"] == 0.95
    # S3 = I7 only (I8 monitor) = 0.75; SX not scored (only inactive indicators)
    assert org["objectives"]["S3"] == 0.75
    assert org["objectives"]["SX"] is None
    assert "objective:SX" in org["not_scored"]
    # area A = S1 = 0.6; area B = mean(S2 0.95, S3 0.75) = 0.85; ente = (60 × 0.6 + 40 × 0.85) / 100 = 0.7
    assert org["areas"] == {"A": 0.6, "B": 0.85}
    assert org["ente"] == 0.7
    # the Azienda Speciale is reported apart and not counted: SZ = 4/4 = 1
    assert org["separate"] == {"Z": 1.0}


def test_units_and_people(doc):
    org = doc["organizational"]
    # s2 has a cruscotto: mean(I4 1, I5 0.8, I7 0.75) = 0.85
    assert org["units"]["s2"] == 0.85
    # s1 owns S1 and O1: plain mean (0.6 + 0.4) / 2 = 0.5
    assert org["units"]["s1"] == 0.5
    # u1 has nothing and no child unit: inherits s2; a1 has no cruscotto and no objectives: the plain mean of its
    # child units (s1 0.5, s2 0.85) = 0.675, not the ente's 0.7; the root "ente" takes the ente's 0.7
    # (rules/core.md §2); the azienda speciale az owns SZ = 1
    assert org["units"]["u1"] == 0.85
    assert org["units"]["ente"] == 0.7 and org["units"]["a1"] == 0.675
    # D1's cruscotto lists S1 twice: measured once → mean(S1 0.6, S2 0.95) = 0.775
    assert org["people"]["D1"] == 0.775
    # SG has no cruscotto, owns nothing, heads the root unit "ente" (0.7)
    assert org["people"]["SG"] == 0.7


def test_cards_and_not_evaluated(doc):
    ind = doc["individual"]
    # E1: weights empty → Σ points / Σ max = 84 / 100
    assert ind["E1"]["score"] == 84.0
    # E2: weighted: (2 × 5/10 + 1 × 10/10) / 3 = 2/3 → 66.67
    assert ind["E2"]["score"] == 66.67
    assert ind["E3"]["status"] == "not_evaluated" and ind["E3"]["score"] is None


def test_monitoring_at_30_june(doc):
    mon = doc["monitoring"]
    assert mon["I1"] == {"achievement": 0.4, "deviation": -0.6, "target": 5, "actual": 2}  # 2 / 5
    assert mon["I2"]["achievement"] == 0.5  # 4 / 8
    assert mon["I7"]["achievement"] == 1.0
    assert "I4" not in mon


def test_core_pays_nobody_and_keeps_the_pool(doc):
    assert doc["rewards"]["pools"]["performance_individuale"] == {
        "amount": "1000.00",
        "distributed": "0.00",
        "residual": "1000.00",
    }
    assert doc["rewards"]["people"] == {}
    assert not [v for v in doc["violations"] if v["severity"] == "error"]


def test_until_monitoraggio_stops_before_evaluation(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    doc = results_doc(compute_ente(folder, coreonly, 2021, until="monitoraggio"))
    assert doc["monitoring"]["I1"]["achievement"] == 0.4
    assert doc["organizational"] == {} and doc["individual"] == {} and doc["rewards"] == {}


def test_revisions_apply_only_when_validated_and_approved(tmp_path):
    revisions = """
    indicator,field,old,new,reason,oiv_validated,approved
    I1,target,10,8,calo della domanda,SI,SI
    I5,target,90%,80%,richiesta respinta,SI,NO
    """
    folder = write_ente(tmp_path / "e", files(**{"revisions.csv": revisions}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    # I1 against the revised target: 8 / 8 = 1; I5 keeps 90%: 0.72 / 0.9 = 0.8
    assert doc["organizational"]["indicators"]["I1"]["achievement"] == 1.0
    assert doc["organizational"]["indicators"]["I5"]["achievement"] == 0.8
    assert [(r["indicator"], r["applied"]) for r in doc["revisions"]] == [("I1", True), ("I5", False)]
    # monitoring at 30/6 still used the original plan: 2 / 5
    assert doc["monitoring"]["I1"]["achievement"] == 0.4


def test_a_revised_target_of_0_is_an_error_and_not_applied(tmp_path):
    """A revision may not set a target (or mid-year target) of a "higher" indicator to 0 or less, as
    indicators.csv may not (rules/core.md §1: achievement = actual / target). Found by the fuzzer: a
    revised target of 0 divided by zero and stopped the ente with an internal error. A value that is not a
    number stays core.revision.value."""
    revisions = """
    indicator,field,old,new,reason,oiv_validated,approved
    I1,target,10,0,azzerato,SI,SI
    I1,target_mid,5,-1,azzerato,SI,SI
    I1,target,10,dieci,scritto in lettere,SI,SI
    """
    folder = write_ente(tmp_path / "e", files(**{"revisions.csv": revisions}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    # I1 keeps its target 10: 8 / 10 = 0.8, as without the revisions
    assert doc["organizational"]["indicators"]["I1"]["achievement"] == 0.8
    assert [(r["indicator"], r["applied"]) for r in doc["revisions"]] == [("I1", False)] * 3
    errors = [(v["rule"], v["where"]) for v in doc["violations"] if v["severity"] == "error"]
    assert errors == [
        ("core.indicator.target", "revisions.csv:2:new"),
        ("core.indicator.target", "revisions.csv:3:new"),
        ("core.revision.value", "revisions.csv:4:new"),  # not a number: refused as before
    ]


def test_appeals_replace_points_and_ricorso_needs_riesame(tmp_path):
    appeals = """
    person,stage,date,outcome,new_points_item,new_points
    E1,riesame,2022-02-01,respinto,,
    E1,ricorso,2022-02-20,accolto,Collaborazione,38
    E2,ricorso,2022-02-20,accolto,Obiettivi,9
    """
    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": appeals}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    # E1: (54 + 38) / 100 = 92; E2's ricorso without riesame is an error and changes nothing
    assert doc["individual"]["E1"]["score"] == 92.0
    assert doc["individual"]["E2"]["score"] == 66.67
    errors = [v for v in doc["violations"] if v["severity"] == "error"]
    assert [v["rule"] for v in errors] == ["core.appeal.order"]
    assert errors[0]["where"] == "appeals.csv:4:stage"


def test_missing_actual_is_an_error_and_mixed_weights_too(tmp_path):
    indicators = INDICATORS.replace("I1,S1,Iniziative,higher,,,10,12,8", "I1,S1,Iniziative,higher,2,,10,12,")
    folder = write_ente(tmp_path / "e", files(**{"indicators.csv": indicators}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    rules = sorted(v["rule"] for v in doc["violations"] if v["severity"] == "error")
    assert rules == ["core.indicator.missing_actual", "core.weights.mixed"]


def test_mixed_weights_are_told_where_the_empty_one_is(tmp_path):
    """S1 is measured by the indicator I1 and the objective O1 weighed together: I1 weighs 2 in indicators.csv, O1's
    weight is empty in objectives.csv (its row 3), which is where the office mends it."""
    indicators = INDICATORS.replace("I1,S1,Iniziative,higher,,", "I1,S1,Iniziative,higher,2,")
    folder = write_ente(tmp_path / "e", files(**{"indicators.csv": indicators}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    mixed = [v for v in doc["violations"] if v["rule"] == "core.weights.mixed"]
    assert [(v["where"], v["message"]) for v in mixed] == [
        (
            "objectives.csv:3:weight",
            "obiettivo S1: pesi in parte vuoti e in parte indicati (senza peso l'obiettivo O1); gli indicatori e gli "
            "obiettivi che vi contribuiscono si pesano insieme: scrivi tutti i pesi o nessuno",
        )
    ]


def test_without_areas_the_ente_is_the_mean_of_top_objectives(tmp_path):
    objectives = OBJECTIVES.replace(",A,", ",,").replace(",B,", ",,").replace(",Z,", ",,")
    folder = write_ente(
        tmp_path / "e", files(**{"objectives.csv": objectives, "areas.csv": "id,name,weight,separate\n"})
    )
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    # top objectives scored: S1 0.6, S2 0.95, S3 0.75, SZ 1 → 3.3 / 4 = 0.825
    assert doc["organizational"]["ente"] == 0.825


def test_an_accepted_contraddittorio_replaces_points_like_any_stage(tmp_path):
    """rules/core.md §5: a contraddittorio accepted with new points replaces them (no riesame needed:
    it is the hearing itself); one accepted with no item or points is an error, never ignored."""
    appeals = """
    person,stage,date,outcome,new_points_item,new_points
    E1,contraddittorio,2022-02-01,accolto,Collaborazione,38
    E2,contraddittorio,2022-02-01,accolto,,
    """
    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": appeals}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    # E1: (54 + 38) / (60 + 40) = 92 instead of (54 + 30) / 100 = 84
    assert doc["individual"]["E1"]["score"] == 92.0
    # E2 unchanged: weights 2 and 1 → 100 × (2 × 5/10 + 1 × 10/10) / 3 = 66.67
    assert doc["individual"]["E2"]["score"] == 66.67
    errors = [v for v in doc["violations"] if v["severity"] == "error"]
    assert [(v["rule"], v["where"]) for v in errors] == [("core.appeal.item", "appeals.csv:3:new_points_item")]


def test_a_rejected_contraddittorio_keeps_the_points(tmp_path):
    appeals = "person,stage,date,outcome,new_points_item,new_points\nE1,contraddittorio,2022-02-01,respinto,,\n"
    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": appeals}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    assert doc["individual"]["E1"]["score"] == 84.0  # (54 + 30) / 100
    assert not [v for v in doc["violations"] if v["severity"] == "error"]


def test_explain_names_the_real_target_column(tmp_path):
    """A multi-year plan's target is read from target_<year>: the explanation points at that column."""
    folder = write_ente(tmp_path / "e", files())
    res = compute_ente(folder, coreonly, 2021)
    target = res.figures["indicator:I1"].inputs[0]
    assert (target.name, target.value, target.cell) == ("target", 10, "indicators.csv:2:target_2021")


def test_revisions_not_applied_keep_the_same_ente_with_its_indexes():
    """issue 18: with no revision applied the ente is given back itself (equal to the evolved copy the cycle
    made before, so the phases after it reuse its memo); one applied revision still gives a new ente."""
    from decimal import Decimal

    import attrs

    from ciclope.core.engine.cycle import apply_revisions
    from ciclope.core.model import Ente, EvaluationItem, Indicator, Revision
    from ciclope.core.trace import Trace

    ind = Indicator("K1", "S1", "Eventi", "higher", None, None, Decimal(10), Decimal(8))
    card = EvaluationItem("A", None, "Comportamenti", "Voce", Decimal(10), Decimal(7), None, row=2)
    pending = Revision("K1", "target", "10", "12", "motivo", oiv_validated=True, approved=False, row=2)
    ente = Ente("e", "Ente", 2021, indicators={"K1": ind}, evaluations=(card,), revisions=(pending,))
    cards = ente.cards_view()
    same, listed = apply_revisions(ente, Trace())
    assert same is ente and same.cards_view() is cards
    assert same == attrs.evolve(ente, indicators=dict(ente.indicators))
    assert [r.applied for r in listed] == [False]

    approved = attrs.evolve(pending, approved=True)
    changed, listed = apply_revisions(attrs.evolve(ente, revisions=(approved,)), Trace())
    assert [r.applied for r in listed] == [True]
    assert changed.indicators["K1"].target == Decimal(12) and ente.indicators["K1"].target == Decimal(10)


def test_two_accepted_stages_replace_two_items_without_touching_the_entes_cards(tmp_path):
    """apply_appeals works on the ente's shared read-only cards (issue 18): an accepted stage makes a new card
    for its person, the next accepted stage of the same person starts from that one, and the ente's own cards
    (read again by the reports) keep the points of evaluations.csv."""
    from ciclope.core.conciliation import apply_appeals

    appeals = """
    person,stage,date,outcome,new_points_item,new_points
    E1,riesame,2022-02-01,accolto,Obiettivi,60
    E1,ricorso,2022-02-20,accolto,Collaborazione,38
    """
    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": appeals}))
    result = compute_ente(folder, coreonly, 2021)
    cards, effects, problems = apply_appeals(result.ente)
    assert problems == []
    # E1's card: Obiettivi 54 → 60, then Collaborazione 30 → 38; E2's is the ente's own, unchanged
    assert [(i.item, i.points) for i in cards["E1"]] == [("Obiettivi", 60), ("Collaborazione", 38)]
    assert cards["E2"] is result.ente.cards_view()["E2"]
    assert [(i.item, i.points) for i in result.ente.cards_view()["E1"]] == [("Obiettivi", 54), ("Collaborazione", 30)]
    assert [e.effect for e in effects] == [
        "accolto: «Obiettivi» da 54 a 60 punti",
        "accolto: «Collaborazione» da 30 a 38 punti",
    ]
    # the cycle scored the changed card: (60 + 38) / (60 + 40) = 98
    assert results_doc(result)["individual"]["E1"]["score"] == 98.0


def test_an_operational_objective_reaches_its_area_only_through_its_parent(tmp_path):
    """rules/core.md §2: an objective with a parent counts in its area only through that parent, even with its
    `area` cell filled in; an `area` that differs from the parent's is a warning."""
    objectives = OBJECTIVES.replace("O1,operational,Eventi,S1,,", "O1,operational,Eventi,S1,A,")
    objectives += "O3,operational,Sportello,S3,A,,s2\n"
    indicators = INDICATORS + "I10,O3,Pratiche,higher,,,10,10,5,,,,,\n"
    folder = write_ente(tmp_path / "e", files(**{"objectives.csv": objectives, "indicators.csv": indicators}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    org = doc["organizational"]
    # O1 = 0.4 counts only inside S1 = mean(I1 0.8, O1 0.4) = 0.6, and O3 = 5/10 = 0.5 only inside
    # S3 = mean(I7 0.75, O3 0.5) = 0.625: area A = S1 = 0.6 (not mean(0.6, 0.4, 0.5) = 0.5);
    # B = mean(S2 0.95, S3 0.625) = 0.7875; ente = (60 × 0.6 + 40 × 0.7875) / 100 = (36 + 31.5) / 100 = 0.675
    assert org["areas"] == {"A": 0.6, "B": 0.7875}
    assert org["ente"] == 0.675
    # O1's area A equals its parent's: no warning; O3's A differs from S3's B: a warning on its row (8, header = 1)
    warnings = [v for v in doc["violations"] if v["rule"] == "core.area.parent"]
    assert [(v["severity"], v["where"]) for v in warnings] == [("warning", "objectives.csv:8:area")]


def test_appeals_are_taken_in_date_order_not_file_order(tmp_path):
    """rules/core.md §5: "prior" and "last" are by date. The ricorso listed first (row 2) follows the riesame of
    row 3 by date, so it is valid; the later accepted stage decides the points."""
    appeals = """
    person,stage,date,outcome,new_points_item,new_points
    E1,ricorso,2022-02-20,accolto,Collaborazione,38
    E1,riesame,2022-02-01,accolto,Collaborazione,34
    E2,riesame,2022-03-01,accolto,Obiettivi,9
    E2,riesame,2022-02-01,accolto,Obiettivi,7
    """
    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": appeals}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    # E1: riesame (1 Feb) 30 → 34, then ricorso (20 Feb) 34 → 38: (54 + 38) / (60 + 40) = 92
    assert doc["individual"]["E1"]["score"] == 92.0
    # E2: the 1 March riesame is the last by date although listed first: Obiettivi 9;
    # weights 2 and 1 → 100 × (2 × 9/10 + 1 × 10/10) / 3 = 100 × 2.8 / 3 = 93.333… → 93.33
    assert doc["individual"]["E2"]["score"] == 93.33
    assert not [v for v in doc["violations"] if v["severity"] == "error"]


def test_an_external_evaluator_declared_in_ente_toml(tmp_path):
    """rules/core.md §3: the Segretario Generale evaluated by the OIV, declared in ente.toml [evaluators]."""
    evals = EVALUATIONS + "SG,OIV,risultati,Obiettivi,10,8,\n"
    with pytest.raises(CiclopeError) as exc:  # not declared: an unknown evaluator, as before
        compute_ente(write_ente(tmp_path / "a", files(**{"evaluations.csv": evals})), coreonly, 2021)
    assert [p.rule for p in exc.value.problems if p.is_error] == ["core.ref.person"]
    ente = ENTE + '[evaluators]\nOIV = "Organismo indipendente di valutazione"\n'
    folder = write_ente(tmp_path / "b", files(**{"evaluations.csv": evals, "ente.toml": ente}))
    doc = results_doc(compute_ente(folder, coreonly, 2021))
    assert not [v for v in doc["violations"] if v["severity"] == "error"]
    assert doc["individual"]["SG"]["score"] == 80.0  # 100 × 8 / 10
