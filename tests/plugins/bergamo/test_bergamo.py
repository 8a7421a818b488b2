"""Plugin `bergamo` (rules/bergamo.md): indicator kinds as written in the plan, cascading, individual
scores, the OIV gate, differentiation, calendar, parameters. Every expected value is computed by hand
in the comment next to it (never copied from the program's output).
"""

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import Ente, Person, Score
from ciclope.core.commands.cli import main
from ciclope.core.params import load_param_specs, merge_params
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import check_expected, results_doc
from ciclope.core.trace import Trace
from ciclope.plugins.bergamo import awards, common, rules

ENTE = """
name = "Camera di Commercio di Prova (regole di Bergamo)"
[funds]
performance_individuale = "10000.00"
[approvals]
piano_adopted = 2021-01-25
relazione_approved = 2022-05-30
relazione_validated_oiv = 2022-06-15
"""

UNITS = """
id,name,kind,parent,head
cce,Camera di Prova,ente,,SG
ar,Area Unica,area,cce,DIR
s1,Servizio Uno,servizio,ar,PO1
s2,Servizio Due,servizio,ar,
"""

AREAS = """
id,name,weight,separate
P1,Sviluppo economico delle imprese e del territorio,,
P2,Semplificazione e innovazione dei processi,,
"""

OBJECTIVES = """
id,kind,title,parent,area,weight,owner
O1,strategic,Semplificazione,,P1,,s1
O2,strategic,Garantire gli equilibri di bilancio,,P2,,s2
IND1,individual,Obiettivo individuale di U3,,,,U3
"""

# The plan's values as written (002… §3.2–3.3): dates 30.6.2021, SI, 90%, "36,20%", monitoraggio, -, Progetto.
INDICATORS = """
id,objective,name,type,weight,baseline,target_2021,target_2022,actual,neutralized,reason,source
K1,O1,Allineamento procedure nuovo Comune gestito nel Suap camerale,deadline,,,30.6.2021,-,28.6.2021,,,Elaborazioni su dati
K2,O1,Revisione dinamica dei requisiti degli spedizionieri,deadline,,,30.6.2021,-,15.7.2021,,,Elaborazioni su dati
K3,O1,Rafforzamento delle competenze nella mediazione,boolean,,SI,SI,SI,SI,,,Balanced scorecard
K4,O1,Grado di trasparenza dell'azione amministrativa,higher,,98%,90%,90%,81%,,,Griglia valutazione OIV
K5,O2,Incidenza oneri di funzionamento sugli oneri correnti,lower,,"24,61%",32%,32%,"36,20%",,,Sistema Pareto
K7,O2,Patrimonio netto/Immobilizzazioni,monitor,,"153,38%",monitoraggio,monitoraggio,"153,38%",,,Osservatorio bilanci
K8,O2,Oneri di funzionamento/Oneri correnti,lower,,"24,61%",monitoraggio,30%,"50,00%",,,Sistema Pareto
K9,O2,Progetto: Turismo,project,,100%,100%,100%,80%,,,Scheda progetto
K10,O2,Pubblicazione di nuovi rapporti su occupazione e imprese,higher,,,-,2,,,,Sito web
K11,O2,N. di utenti partecipanti agli interventi formativi,higher,,3497,4500,4500,3497,,,Elaborazioni su dati
K12,O2,Progetto: PID - Punto Impresa Digitale,project,,,100%,100%,,true,consuntivo non riportato nel Piano,Scheda progetto
KI,IND1,Consegna del report individuale,deadline,,,31.3.2021,-,30.3.2021,,,illustrativo
"""

# Cruscotti (002… §3.3, §4): K1 listed twice in s1's and K4 shared by s1, s2 and the Segretario Generale.
ASSIGNMENTS = """
cruscotto,owner,ref,weight
srv-s1,s1,K1,
srv-s1,s1,K4,
srv-s1,s1,K1,
srv-s2,s2,K4,
srv-s2,s2,K9,
sg,SG,K4,
sg,SG,K11,
dir,DIR,K1,
dir,DIR,K2,
gruppo-s1,U2,K3,
gruppo-s1,U2,K9,
"""

PEOPLE = """
id,name,role,category,unit,fte,absence_days,insufficient,evaluator
SG,Segretario Generale,segretario,DIR,cce,1,0,false,
DIR,Dirigente,dirigente,DIR,ar,1,0,false,SG
PO1,Paola,po,D,s1,1,0,false,DIR
U1,Ugo,dipendente,C,s1,1,0,false,DIR
U2,Vera,dipendente,C,s1,1,0,false,DIR
U3,Walter,dipendente,B,s2,1,0,false,DIR
U4,Zoe,dipendente,C,s2,0.5,0,false,DIR
U5,Aldo,dipendente,B,s2,1,0,false,DIR
U6,Bice,dipendente,C,s1,1,0,false,DIR
"""

# Cards: two items out of 10 each, so card % = 5 × (sum of points).
EVALUATIONS = """
person,evaluator,section,item,max_points,points,weight
PO1,DIR,comportamenti,Coordinamento,10,9,
PO1,DIR,comportamenti,Autonomia,10,9,
U1,DIR,comportamenti,Orientamento al risultato,10,8,
U1,DIR,comportamenti,Collaborazione,10,8,
U2,DIR,comportamenti,Orientamento al risultato,10,10,
U2,DIR,comportamenti,Collaborazione,10,10,
U3,DIR,comportamenti,Orientamento al risultato,10,5,
U3,DIR,comportamenti,Collaborazione,10,5,
U4,DIR,comportamenti,Orientamento al risultato,10,6,
U4,DIR,comportamenti,Collaborazione,10,6,
U5,DIR,comportamenti,Orientamento al risultato,10,0,
U5,DIR,comportamenti,Collaborazione,10,0,
"""


def bergamo_s(violations):
    """The violations of bergamo's rules and the core's: the national layer's reminder that art. 69 CCNL 2018 is
    not configured (every funzioni_locali ente from 2018, tests/plugins/ccnl_funzioni_locali/test_national.py) is left out."""
    return [v for v in violations if v["rule"] != "ccnl.art69.not_configured"]


def files(**over):
    base = {
        "ente.toml": ENTE,
        "units.csv": UNITS,
        "areas.csv": AREAS,
        "objectives.csv": OBJECTIVES,
        "indicators.csv": INDICATORS,
        "assignments.csv": ASSIGNMENTS,
        "people.csv": PEOPLE,
        "evaluations.csv": EVALUATIONS,
    }
    base.update(over)
    return base


@pytest.fixture
def doc(ciclope_ente):
    return results_doc(ciclope_ente("bergamo", files()))


def errors(doc):
    return [v for v in doc["violations"] if v["severity"] == "error"]


# --- 1. indicator kinds as written in the plan ------------------------------------------------


def test_indicator_kinds_as_written(doc):
    ind = doc["organizational"]["indicators"]
    assert ind["K1"]["achievement"] == 1.0  # 28.6.2021 ≤ 30.6.2021
    assert ind["K1"]["target"] == "2021-06-30"
    assert ind["K2"]["achievement"] == 0.0  # 15.7.2021 > 30.6.2021: late = not completed
    assert ind["K3"]["achievement"] == 1.0  # SI = SI
    assert ind["K4"]["achievement"] == 0.9  # 81% / 90% = 0.81 / 0.90 = 0.9
    assert ind["K5"]["actual"] == 0.362  # "36,20%" = 0.3620 (decimal comma, percent)
    assert ind["K5"]["achievement"] == 0.884  # lower: 0.32 / 0.362 = 0.883977… → 0.8840
    assert ind["K7"]["scored"] is False and ind["K7"]["status"] == "monitor"  # "monitoraggio": not weighted
    assert ind["K7"]["actual"] == 1.5338  # "153,38%"
    # a lower indicator whose 2021 column reads "monitoraggio" (and 2022 a target) is only monitored in 2021
    assert ind["K8"]["status"] == "monitor" and ind["K8"]["scored"] is False
    assert ind["K9"]["achievement"] == 0.8  # project sheet: 80% / 100%
    assert ind["K10"]["status"] == "inactive"  # "-" in 2021
    assert ind["K11"]["achievement"] == 0.7771  # 3497 / 4500 = 0.777111… → 0.7771
    assert ind["K12"]["status"] == "neutralized"


def test_objectives_perspectives_ente(doc):
    org = doc["organizational"]
    assert org["objectives"]["O1"] == 0.725  # (1 + 0 + 1 + 0.9) / 4 = 2.9 / 4
    assert org["objectives"]["O2"] == 0.8204  # (0.8840 + 0.8 + 0.7771) / 3 = 2.4611 / 3 = 0.820366…
    assert org["areas"] == {"P1": 0.725, "P2": 0.8204}
    assert org["ente"] == 0.7727  # (0.725 + 0.8204) / 2 = 1.5454 / 2


def test_the_same_plan_loads_for_2022(ciclope_ente):
    """2022: K8 is scored (30% target, lower), K10 becomes active, the deadlines are inactive ("-")."""
    res = ciclope_ente("bergamo", files(), year=2022, until="pianificazione")
    ind = res.ente.indicators
    assert ind["K8"].type == "lower" and ind["K8"].target == Decimal("0.30")
    assert ind["K10"].active and ind["K10"].target == 2
    assert not ind["K1"].active
    assert ind["K7"].type == "monitor"


# --- 2. cascading: Servizi, Segretario Generale, Dirigente, shared indicator ------------------


def test_cruscotti_and_a_shared_indicator_measured_once(doc):
    org = doc["organizational"]
    # s1: K1 is listed twice but counts once: (K1 1 + K4 0.9) / 2 = 0.95 (not (1 + 0.9 + 1) / 3 = 0.9667)
    assert org["units"]["s1"] == 0.95
    assert org["units"]["s2"] == 0.85  # (K4 0.9 + K9 0.8) / 2
    assert org["people"]["SG"] == 0.8386  # (K4 0.9 + K11 0.7771) / 2 = 0.83855 → 0.8386
    assert org["people"]["DIR"] == 0.5  # (K1 1 + K2 0) / 2
    # K4 (in three cruscotti) has one figure, the same value everywhere
    assert org["indicators"]["K4"]["achievement"] == 0.9


def test_dirigenti_score_is_their_cruscotto(doc):
    ind = doc["individual"]
    assert ind["SG"]["score"] == 83.86 and ind["SG"]["level"] == "buona"  # 100 × 0.8386
    assert ind["DIR"]["score"] == 50.0 and ind["DIR"]["level"] == "non adeguata"  # 100 × 0.5
    assert "SG" not in doc["rewards"]["people"] and "DIR" not in doc["rewards"]["people"]


# --- 3. individual scores (000… art. 45.2, 28.4) -----------------------------------------------


def test_person_without_individual_objectives_unit_takes_their_weight(doc):
    u1 = doc["individual"]["U1"]
    # no objectives: 70 × s1 + 30 × card = 70 × 0.95 + 30 × 0.80 = 66.5 + 24 = 90.50
    assert u1["score"] == 90.5 and u1["level"] == "buona"
    assert u1["breakdown"]["peso_unita"] == 70 and u1["breakdown"]["peso_obiettivi"] == 0
    po1 = doc["individual"]["PO1"]  # PO, same form: 70 × 0.95 + 30 × 0.90 = 66.5 + 27 = 93.50
    assert po1["score"] == 93.5 and po1["level"] == "buona"


def test_group_sheet_and_individual_objective(doc):
    ind = doc["individual"]
    # U2's group sheet: (K3 1 + K9 0.8) / 2 = 0.9; 40 × 0.95 + 30 × 0.9 + 30 × 1.00 = 38 + 27 + 30 = 95.00
    assert ind["U2"]["breakdown"]["obiettivi"] == 0.9
    assert ind["U2"]["score"] == 95.0 and ind["U2"]["level"] == "eccellente"  # 95 is the lower bound
    # U3 owns IND1 (KI done on 30.3 ≤ 31.3 → 1): 40 × 0.85 + 30 × 1 + 30 × 0.50 = 34 + 30 + 15 = 79.00
    assert ind["U3"]["score"] == 79.0 and ind["U3"]["level"] == "adeguata"
    assert ind["U4"]["score"] == 77.5  # 70 × 0.85 + 30 × 0.60 = 59.5 + 18
    assert ind["U5"]["score"] == 59.5 and ind["U5"]["level"] == "non adeguata"  # 70 × 0.85 + 0
    assert ind["U6"]["status"] == "not_evaluated" and ind["U6"]["score"] is None  # no card


# --- 4. rewards: split by score × fte among staff and PO at "adeguata" or above ---------------


def test_rewards_split_by_score_times_fte(doc):
    people = doc["rewards"]["people"]
    # staff only (PO are paid apart, art. 28.1): weights U1 90.5, U2 95, U3 79, U4 77.5 × 0.5 = 38.75;
    # total 303.25 = 1213/4; pool 1,000,000 cents: exact U1 298433.636…, U2 313272.877…, U3 260511.129…,
    # U4 127782.358…; floors sum to 999,998, the 2 cents go to U2 (.877) and U1 (.636)
    assert "PO1" not in people  # no [funds] risultato_po: nothing for the PO
    assert people["U1"]["amount"] == "2984.34"
    assert people["U2"]["amount"] == "3132.73"
    assert people["U3"]["amount"] == "2605.11"
    assert people["U4"]["amount"] == "1277.82"
    assert people["U5"]["amount"] == "0.00"  # non adeguata: excluded
    assert "U6" not in people  # not evaluated: nothing
    assert people["U2"]["band"] == "eccellente"
    pool = doc["rewards"]["pools"]["performance_individuale"]
    assert pool == {"amount": "10000.00", "distributed": "10000.00", "residual": "0.00"}
    assert check_expected(doc, {"!pool_conserved": True, "!no_error_violations": True}) == []
    # U2's group sheet (K3, K9) draws on refs outside the cruscotto of its Servizio s1 (K1, K4): two warnings
    # (002… §3.3, rules/bergamo.md §4), and nothing else
    assert [(v["rule"], v["severity"], v["where"]) for v in bergamo_s(doc["violations"])] == [
        ("bergamo.group_sheet.ref", "warning", "assignments.csv:11:ref"),
        ("bergamo.group_sheet.ref", "warning", "assignments.csv:12:ref"),
    ]


def test_insufficient_person_is_not_rewarded(ciclope_ente):
    people = PEOPLE.replace("U1,Ugo,dipendente,C,s1,1,0,false,DIR", "U1,Ugo,dipendente,C,s1,1,0,true,DIR")
    doc = results_doc(ciclope_ente("bergamo", files(**{"people.csv": people})))
    assert doc["rewards"]["people"]["U1"]["amount"] == "0.00"
    # the others share the whole pool: total 303.25 − 90.5 = 212.75; in cents exact U2 446533.490…,
    # U3 371327.850…, U4 182138.660…; floors sum to 999,998, the 2 cents go to U3 (.850) and U4 (.660)
    assert doc["rewards"]["people"]["U2"]["amount"] == "4465.33"
    assert doc["rewards"]["people"]["U3"]["amount"] == "3713.28"
    assert doc["rewards"]["people"]["U4"]["amount"] == "1821.39"
    assert doc["rewards"]["pools"]["performance_individuale"]["residual"] == "0.00"


def test_oiv_gate_closed_no_money_at_all(ciclope_ente):
    ente = ENTE.replace("relazione_validated_oiv = 2022-06-15\n", "")
    doc = results_doc(ciclope_ente("bergamo", files(**{"ente.toml": ente})))
    assert doc["rewards"]["pools"] == {} and doc["rewards"]["people"] == {}
    gate = [v for v in errors(doc) if v["rule"] == "bergamo.oiv_gate"]
    assert len(gate) == 1 and "art. 39.2" in gate[0]["source"] and "OIV" in gate[0]["message"]
    assert doc["individual"]["U1"]["score"] == 90.5  # scores are still computed, only money is withheld


def test_oiv_gate_with_a_non_date_is_an_input_error(ciclope_ente):
    """A validation written "in corso" is not a date: an input error naming the key (issue 19), so the
    gate can never be opened by it."""
    ente = ENTE.replace("relazione_validated_oiv = 2022-06-15", 'relazione_validated_oiv = "in corso"')
    with pytest.raises(CiclopeError) as exc:
        ciclope_ente("bergamo", files(**{"ente.toml": ente}))
    assert any(
        p.rule == "core.input.date" and p.column == "approvals.relazione_validated_oiv" for p in exc.value.problems
    )


# --- 5. differentiation (000… art. 42.2, 46.1) ------------------------------------------------


def flat_ente(cards: list[int]) -> dict:
    """One Servizio at 100% (10 / 10); staff without objectives: score = 70 + 30 × points / 10."""
    people = [
        "id,name,role,category,unit,fte,absence_days,insufficient,evaluator",
        "SG,Segretario,segretario,DIR,cce,1,0,false,",
    ]
    ev = ["person,evaluator,section,item,max_points,points,weight"]
    for k, pts in enumerate(cards, 1):
        people.append(f"D{k},Dipendente {k},dipendente,C,s1,1,0,false,SG")
        ev.append(f"D{k},SG,comportamenti,Comportamenti,10,{pts},")
    return {
        "ente.toml": ENTE,
        "units.csv": "id,name,kind,parent,head\ncce,Camera,ente,,SG\ns1,Servizio Uno,servizio,cce,SG",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nO1,strategic,Obiettivo,,,,s1",
        "indicators.csv": "id,objective,name,type,weight,target,actual\nX1,O1,N. iniziative,higher,,10,10",
        "assignments.csv": "cruscotto,owner,ref,weight\nsrv,s1,X1,",
        "people.csv": "\n".join(people),
        "evaluations.csv": "\n".join(ev),
    }


def rules_of(doc, severity):
    return sorted(v["rule"] for v in bergamo_s(doc["violations"]) if v["severity"] == severity)


def test_five_rewarded_all_equal_is_an_error(ciclope_ente):
    doc = results_doc(ciclope_ente("bergamo", flat_ente([8, 8, 8, 8, 8])))
    # everybody 70 + 24 = 94.00, "buona", 10000 / 5 = 2000.00 each
    assert {p["amount"] for p in doc["rewards"]["people"].values()} == {"2000.00"}
    assert rules_of(doc, "error") == ["bergamo.differentiation.amounts", "bergamo.differentiation.levels"]
    assert rules_of(doc, "warning") == ["bergamo.differentiation.share"]  # 5 / 5 = 100% > 80%


def test_same_level_different_amounts_is_an_error(ciclope_ente):
    # 94, 91, 88, 85, 82: all "buona" (80–94.99), different amounts
    doc = results_doc(ciclope_ente("bergamo", flat_ente([8, 7, 6, 5, 4])))
    assert len({p["amount"] for p in doc["rewards"]["people"].values()}) == 5
    assert rules_of(doc, "error") == ["bergamo.differentiation.levels"]


def test_four_rewarded_alike_is_not_an_error(ciclope_ente):
    doc = results_doc(ciclope_ente("bergamo", flat_ente([8, 8, 8, 8])))  # below differentiation_min = 5
    assert rules_of(doc, "error") == []


def test_one_level_over_max_share_is_a_warning(ciclope_ente):
    # 97 (eccellente) and 94, 91, 88, 85, 82 (buona): 5 / 6 = 83.3% > 80% → warning only
    doc = results_doc(ciclope_ente("bergamo", flat_ente([9, 8, 7, 6, 5, 4])))
    assert rules_of(doc, "error") == []
    assert rules_of(doc, "warning") == ["bergamo.differentiation.share"]
    assert doc["rewards"]["extra"]["per_livello"] == {"buona": 5, "eccellente": 1}


def test_four_out_of_five_is_not_over_the_share(ciclope_ente):
    # 97 eccellente + 94, 91, 88, 85 buona: 4 / 5 = 80%, not more than 80%
    doc = results_doc(ciclope_ente("bergamo", flat_ente([9, 8, 7, 6, 5])))
    assert bergamo_s(doc["violations"]) == []


# --- 6. PO: contraddittorio before a non-positive evaluation (000… art. 28.6) -----------------


def test_negative_po_needs_a_contraddittorio(ciclope_ente):
    ev = EVALUATIONS.replace("PO1,DIR,comportamenti,Coordinamento,10,9,", "PO1,DIR,comportamenti,Coordinamento,10,0,")
    ev = ev.replace("PO1,DIR,comportamenti,Autonomia,10,9,", "PO1,DIR,comportamenti,Autonomia,10,0,")
    inds = INDICATORS.replace("30.6.2021,-,28.6.2021", "30.6.2021,-,2.7.2021")  # K1 late: s1 = (0 + 0.9) / 2
    doc = results_doc(ciclope_ente("bergamo", files(**{"evaluations.csv": ev, "indicators.csv": inds})))
    assert doc["organizational"]["units"]["s1"] == 0.45
    assert doc["individual"]["PO1"]["score"] == 31.5  # 70 × 0.45 + 30 × 0 = 31.50 < 60
    assert [v["rule"] for v in errors(doc)] == ["bergamo.po.contraddittorio"]
    appeals = "person,stage,date,outcome,new_points_item,new_points\nPO1,contraddittorio,2022-03-01,respinto,,"
    doc = results_doc(
        ciclope_ente("bergamo", files(**{"evaluations.csv": ev, "indicators.csv": inds, "appeals.csv": appeals}))
    )
    assert errors(doc) == []


# --- 7. parameters, validation, calendar ------------------------------------------------------


def test_weights_must_sum_to_100(ciclope_ente):
    with pytest.raises(CiclopeError) as exc:
        ciclope_ente("bergamo", files(), params={"w_unit": 50})
    [problem] = exc.value.problems
    assert problem.rule == "bergamo.params.weights"
    # named as the office writes them in [ente.parametri], never by their codes (w_unit …): 50 + 30 + 30 = 110
    assert problem.column == "parametri.peso_servizio"
    assert problem.message.endswith("peso_servizio 50 + peso_obiettivi_individuali 30 + peso_comportamenti 30 = 110")


def test_other_weights_that_sum_to_100(ciclope_ente):
    doc = results_doc(ciclope_ente("bergamo", files(), params={"w_unit": 50, "w_objectives": 20, "w_behaviour": 30}))
    # U2: 50 × 0.95 + 20 × 0.9 + 30 × 1 = 47.5 + 18 + 30 = 95.50; U1 (no objectives): 70 × 0.95 + 30 × 0.8 = 90.50
    assert doc["individual"]["U2"]["score"] == 95.5
    assert doc["individual"]["U1"]["score"] == 90.5


def test_levels_must_increase(ciclope_ente):
    with pytest.raises(CiclopeError) as exc:
        ciclope_ente("bergamo", files(), params={"level_buona": 50})
    [problem] = exc.value.problems
    assert (problem.rule, problem.column) == ("bergamo.params.levels", "parametri.soglia_adeguata")


def test_times_typed_higher_get_a_warning(ciclope_ente):
    inds = INDICATORS + "K13,O2,Tempi medi (gg lavorativi) di elaborazione dei certificati,higher,,3,3,3,3,,,Cert'O\n"
    doc = results_doc(ciclope_ente("bergamo", files(**{"indicators.csv": inds})))
    warn = [v for v in doc["violations"] if v["rule"] == "bergamo.indicator.direction"]
    assert len(warn) == 1 and warn[0]["where"].endswith(":type")


def test_calendar(doc):
    cal = {c["approval"]: c for c in doc["calendar"]}
    assert cal["piano_adopted"]["due"] == "2021-01-31" and cal["piano_adopted"]["status"] == "fatto"
    assert "art. 38" in cal["piano_adopted"]["source"]
    assert cal["monitoraggio_assestamento"]["due"] == "2021-07-31"
    assert cal["monitoraggio_assestamento"]["status"] == "mancante"
    assert cal["relazione_approved"]["due"] == "2022-06-30" and "39.1" in cal["relazione_approved"]["source"]
    assert cal["relazione_validated_oiv"]["due"] == "2022-06-30"
    assert cal["relazione_validated_oiv"]["status"] == "fatto"  # 2022-06-15 ≤ 2022-06-30


def test_late_piano_is_flagged(ciclope_ente):
    ente = ENTE.replace("piano_adopted = 2021-01-25", "piano_adopted = 2021-02-10")
    doc = results_doc(ciclope_ente("bergamo", files(**{"ente.toml": ente})))
    assert {c["approval"]: c["status"] for c in doc["calendar"]}["piano_adopted"] == "in ritardo"


def test_assumptions_are_listed_everywhere(doc):
    params = doc["audit"]["params"]
    for name in (
        "w_unit",
        "w_objectives",
        "w_behaviour",
        "level_adeguata",
        "level_buona",
        "level_eccellente",
        "max_level_share",
        "reward_min_level",
        "differentiation_min",
        "monitoring_month",
    ):
        assert params[name]["assumption"], name
    assert params["max_level_share"]["value"] == 0.8


def test_the_notes_say_the_parameters_by_their_values_never_their_codes(ciclope_ente):
    overrides = {"max_level_share": Decimal("0.75"), "differentiation_min": 7, "monitoring_month": 9}
    res = ciclope_ente("bergamo", files(), params=overrides)
    notes = dict(next(s for s in res.sections if s.title.startswith("Note e ipotesi")).rows)
    assert notes["Differenziazione"] == (
        "Con almeno 7 premiati tutti nello stesso livello o con lo stesso importo è un errore (000… art. 42.2, "
        "46.1): il riparto calcolato resta visibile per la verifica ma non è erogabile. Un livello con più del 75% "
        "dei premiati è segnalato con un avviso."
    )
    assert "con l'assestamento del bilancio entro la fine di settembre (art. 37.3 lett. d)" in notes["Calendario"]
    assert "Parametro «quota massima dei premiati in un livello»: 75%" in notes
    assert "Parametro «numero minimo di premiati per la differenziazione»: 7" in notes
    assert "Parametro «mese del monitoraggio»: 9" in notes


def test_report_notes_list_the_assumptions(ciclope_ente):
    res = ciclope_ente("bergamo", files())
    notes = next(s for s in res.sections if s.title.startswith("Note e ipotesi"))
    text = " ".join(" ".join(map(str, row)) for row in notes.rows)
    assert "pesano ugualmente" in text
    rows = dict(notes.rows)
    # each assumption by its parameter's words and its value as its kind reads: the share 0.8 is 80%, never «0,8»
    assert "Parametro «quota massima dei premiati in un livello»: 80%" in rows
    assert "Parametro «peso del risultato del Servizio»: 40" in rows
    assert "quota_massima_livello" not in text and "peso_servizio" not in text
    cruscotti = next(s for s in res.sections if s.title.startswith("Cruscotti"))
    rows = {r[0]: r for r in cruscotti.rows}
    assert rows["srv-s1"][2:] == (2, 2, Decimal("0.9500"))  # K1 (listed twice) and K4: two refs, both measured
    from ciclope.core.fmt import Percent
    from ciclope.core.reports.fmt import value as shown

    assert isinstance(rows["srv-s1"][4], Percent) and shown(rows["srv-s1"][4]) == "95,00%"  # as the page shows it
    assert "gruppo-s1" not in rows  # individual sheets stay out of the Relazione


# --- 8. the public example through the command line --------------------------------------------


def test_public_example_through_the_cli(example, tmp_path):
    folder = example("bergamo")
    out = tmp_path / "out"
    assert main(["run", str(folder / "cycle.toml"), "--out", str(out)]) == 0
    expected = json.loads((folder / "expected.json").read_text())
    for ente, checks in expected.items():
        if ente.startswith("_"):
            continue
        doc = json.loads((out / ente / "results.json").read_text())
        assert check_expected(doc, checks) == []


# --- 9. a property of the split -------------------------------------------------------------------

PARAMS, _ = merge_params(load_param_specs(rules.__file__.replace("rules.py", "params.toml"), 2021), {})


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.integers(0, 10000), st.sampled_from(["1", "0.5", "0.83"])), min_size=1, max_size=12),
    st.integers(0, 10**6),
)
def test_split_conserves_the_pool_and_follows_score_times_fte(people, cents):
    persons = {
        f"P{k}": Person(
            id=f"P{k}", name=f"P{k}", role="dipendente", category="C", unit="s1", fte=Decimal(fte), row=k + 1
        )
        for k, (_, fte) in enumerate(people)
    }
    ente = Ente(
        id="x",
        name="x",
        year=2021,
        funds={},
        approvals={"relazione_approved": dt.date(2022, 5, 20), "relazione_validated_oiv": dt.date(2022, 6, 1)},
        people=persons,
    )
    scores = {}
    for k, (s, _) in enumerate(people):
        value = Decimal(s) / 100
        scores[f"P{k}"] = Score(person=f"P{k}", score=value, level=common.level_of(value, PARAMS))
    from ciclope.core import Pool

    amount = Decimal(cents) / 100
    res = awards.rewards(
        ente, scores, {"performance_individuale": Pool("performance_individuale", amount)}, PARAMS, None, Trace()
    )
    pool = res.pools["performance_individuale"]
    assert sum((a.amount for a in res.awards.values()), Decimal(0)) == pool.distributed
    assert pool.distributed + pool.residual == amount
    eligible = [pid for pid, s in scores.items() if s.score >= 60]
    assert pool.distributed == (amount if eligible else 0)
    for pid, a in res.awards.items():
        if scores[pid].score < 60:
            assert a.amount == 0
    # more score × fte never gets less money (up to the one cent of the largest-remainder rounding)
    ranked = sorted(eligible, key=lambda p: scores[p].score * persons[p].fte)
    for lo, hi in zip(ranked, ranked[1:]):
        assert res.awards[hi].amount >= res.awards[lo].amount - Decimal("0.01")


def test_a_group_sheet_mixing_empty_and_given_weights_is_an_error(ciclope_ente):
    """rules/core.md §2: mixing empty and non-empty weights is an error in every weighted group,
    Bergamo's group sheets (assignments.csv owned by a person) included."""
    mixed = ASSIGNMENTS.replace("gruppo-s1,U2,K3,", "gruppo-s1,U2,K3,3")
    doc = results_doc(ciclope_ente("bergamo", files(**{"assignments.csv": mixed})))
    bad = [v for v in errors(doc) if v["rule"] == "bergamo.weights.mixed"]
    assert len(bad) == 1 and "U2" in bad[0]["message"] and "rules/core.md §2" in bad[0]["source"]
    # computed with equal weights all the same, as before: (K3 1 + K9 0.8) / 2 = 0.9
    assert doc["individual"]["U2"]["breakdown"]["obiettivi"] == 0.9


# --- issue 13: the audit's findings, computed by hand from 000… and 002… ---------------------------


@pytest.mark.parametrize(
    "approvals, why",
    [
        ("relazione_approved = 2022-05-30\nrelazione_validated_oiv = 2019-03-01", "prima della fine dell'anno"),
        ("relazione_validated_oiv = 2022-06-15", "[atti] relazione_approvata"),  # the key as the office writes it
        ("relazione_approved = 2022-06-20\nrelazione_validated_oiv = 2022-06-15", "precede l'approvazione"),
        ("relazione_approved = 2021-11-30\nrelazione_validated_oiv = 2022-06-15", "prima della fine dell'anno"),
    ],
)
def test_the_gate_needs_approval_then_validation_after_the_year(ciclope_ente, approvals, why):
    """000… art. 39.2 (rules/bergamo.md §4): a validation dated 2019 cannot open the 2021 rewards, nor one
    without an approved Relazione, nor one before the approval."""
    ente = ENTE.replace("relazione_approved = 2022-05-30\nrelazione_validated_oiv = 2022-06-15", approvals)
    doc = results_doc(ciclope_ente("bergamo", files(**{"ente.toml": ente})))
    assert doc["rewards"]["people"] == {}
    (gate,) = [v for v in errors(doc) if v["rule"] == "bergamo.oiv_gate"]
    assert why in gate["message"]


def test_po_are_paid_result_pay_apart_from_the_staff_pool(ciclope_ente):
    """Art. 28.1: the PO's pay "assorbe tutte le competenze accessorie": not in the staff pool; result pay
    from [funds] risultato_po — max = fund × position_pay / Σ (one PO: all), × score / 100 if ≥ 60."""
    ente = ENTE.replace(
        'performance_individuale = "10000.00"', 'performance_individuale = "10000.00"\nrisultato_po = "3000.00"'
    )
    doc = results_doc(ciclope_ente("bergamo", files(**{"ente.toml": ente})))
    # PO1 93.50 (70 × 0.95 + 30 × 0.90): 3000 × 0.935 = 2805.00; residual 195.00
    assert doc["rewards"]["people"]["PO1"] == {"amount": "2805.00", "band": "buona", "pool": "risultato_po"}
    assert doc["rewards"]["pools"]["risultato_po"] == {
        "amount": "3000.00",
        "distributed": "2805.00",
        "residual": "195.00",
    }
    # the staff pool is as without the PO (U2 3132.73, see test_rewards_split_by_score_times_fte)
    assert doc["rewards"]["people"]["U2"]["amount"] == "3132.73"


def test_the_same_amount_is_judged_before_cent_rounding(ciclope_ente):
    """Art. 42.2, 46.1: 27 people with the same score share 60000.00: 2222.222… each, 21 × 2222.22 and
    6 × 2222.23 after the largest remainder (27 × 2222.22 = 59999.94, 6 cents left). Still the same amount."""
    files27 = flat_ente([8] * 27)
    files27["ente.toml"] = ENTE.replace('performance_individuale = "10000.00"', 'performance_individuale = "60000.00"')
    doc = results_doc(ciclope_ente("bergamo", files27))
    amounts = sorted(p["amount"] for p in doc["rewards"]["people"].values())
    assert amounts.count("2222.22") == 21 and amounts.count("2222.23") == 6
    assert "bergamo.differentiation.amounts" in rules_of(doc, "error")


def test_the_demo_plan_has_the_pola_days_per_week_target():
    """002… §5.2.4: "n. giornate a settimana svolgibili in modalità agile: da 1 a 3" (2021), as two indicators."""
    from ciclope.core.engine.registry import load_plugin

    text = (load_plugin("bergamo")[1].demo / "cciaa-bergamo" / "indicatori.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in text.splitlines() if "giornate a settimana svolgibili" in line]
    assert [(r[0], r[3], r[7]) for r in rows] == [("L.23", "più è meglio", "1"), ("L.24", "meno è meglio", "3")]


def test_validate_shows_every_parameter_error_at_once(tmp_path, capsys):
    """A bounds error (w_unit 150 > 100) no longer hides the plugin's combination check (levels not increasing:
    adeguata 60, buona 50, eccellente 95)."""
    from ciclope.core.inputs.config import resolve_params

    _, problems = resolve_params("bergamo", 2021, {"w_unit": 150, "level_buona": 50}, "cycle.toml")
    assert sorted(p.rule for p in problems) == ["bergamo.params.levels", "config.param_bounds"]


@pytest.mark.parametrize(
    "evaluator, rule, why",
    [("U1", "core.evaluation.self", "U1 stesso"), ("U2", "bergamo.evaluation.evaluator", "da un pari grado")],
)
def test_an_evaluation_by_oneself_or_a_peer_is_an_error(ciclope_ente, evaluator, rule, why):
    """000… art. 44–45, rules/core.md §3: the dirigente evaluates PO and staff; U1's card filled by U1 or by U2."""
    evals = EVALUATIONS.replace("U1,DIR,comportamenti", f"U1,{evaluator},comportamenti")
    doc = results_doc(ciclope_ente("bergamo", files(**{"evaluations.csv": evals})))
    bad = [v for v in errors(doc) if v["rule"] == rule]
    # both of U1's rows (4 and 5, header = row 1) are filled by the wrong evaluator: a self-evaluation is an
    # error on each row, a peer is named once per card (at its first row)
    if rule == "core.evaluation.self":
        assert [v["where"] for v in bad] == ["evaluations.csv:4:evaluator", "evaluations.csv:5:evaluator"]
        # the column named as the office reads it, not by its code
        assert (
            "indica nella colonna valutatore chi valuta" in bad[0]["message"] and "evaluator" not in (bad[0]["message"])
        )
    else:
        assert [v["where"] for v in bad] == ["evaluations.csv:4:evaluator"]
    assert why in bad[0]["message"]


@pytest.mark.parametrize("evaluator, rule", [("U1", "core.evaluation.self"), ("U2", "bergamo.evaluation.evaluator")])
def test_a_wrong_evaluator_on_a_later_row_is_caught(ciclope_ente, evaluator, rule):
    """rules/core.md §3: self-evaluation on any row, not only the card's first; U1's second row (5) only."""
    evals = EVALUATIONS.replace("U1,DIR,comportamenti,Collaborazione", f"U1,{evaluator},comportamenti,Collaborazione")
    doc = results_doc(ciclope_ente("bergamo", files(**{"evaluations.csv": evals})))
    assert [v["where"] for v in errors(doc) if v["rule"] == rule] == ["evaluations.csv:5:evaluator"]


def po_fund(amount):
    return ENTE.replace(
        'performance_individuale = "10000.00"', f'performance_individuale = "10000.00"\nrisultato_po = "{amount}"'
    )


def test_po_result_maxima_are_caps_rounded_down(ciclope_ente):
    """rules/bergamo.md §4, core §4: each PO's maximum is a cap ("fino a"), rounded down; the cents left over are
    residual, never given to one PO by id. Three identical PO (no position_pay: equal shares) on 940.00."""
    people = PEOPLE + "PO2,Piero,po,D,s1,1,0,false,DIR\nPO3,Pia,po,D,s1,1,0,false,DIR\n"
    evals = EVALUATIONS + "".join(
        f"{p},DIR,comportamenti,Coordinamento,10,9,\n{p},DIR,comportamenti,Autonomia,10,9,\n" for p in ("PO2", "PO3")
    )
    doc = results_doc(
        ciclope_ente(
            "bergamo", files(**{"ente.toml": po_fund("940.00"), "people.csv": people, "evaluations.csv": evals})
        )
    )
    # maximum = 940 / 3 = 313.333… → 313.33 each (not 313.34 / 313.33 / 313.33); each PO scores like PO1,
    # 70 × 0.95 + 30 × 0.90 = 93.50: paid 313.33 × 0.935 = 292.96355 → 292.96; residual 940 − 3 × 292.96 = 61.12
    paid = doc["rewards"]["people"]
    assert [paid[p]["amount"] for p in ("PO1", "PO2", "PO3")] == ["292.96", "292.96", "292.96"]
    assert doc["rewards"]["pools"]["risultato_po"] == {"amount": "940.00", "distributed": "878.88", "residual": "61.12"}


def test_a_po_declared_insufficient_gets_no_result_pay(ciclope_ente):
    """rules/bergamo.md §4: a PO formally declared insufficient is paid no result pay whatever the score."""
    people = PEOPLE.replace("PO1,Paola,po,D,s1,1,0,false,DIR", "PO1,Paola,po,D,s1,1,0,true,DIR")
    doc = results_doc(ciclope_ente("bergamo", files(**{"ente.toml": po_fund("3000.00"), "people.csv": people})))
    # score 93.50 would pay 3000 × 0.935 = 2805.00; declared insufficient: 0.00 and the whole fund is residual
    assert doc["rewards"]["people"]["PO1"]["amount"] == "0.00"
    assert doc["rewards"]["pools"]["risultato_po"] == {
        "amount": "3000.00",
        "distributed": "0.00",
        "residual": "3000.00",
    }


def test_a_part_time_po_is_reported_like_the_category(ciclope_ente):
    """Art. 26.2 (rules/bergamo.md §4): a PO must be full time: reported like the category check (a warning on
    people.csv's fte), pay unchanged: 3000 × 0.935 = 2805.00."""
    people = PEOPLE.replace("PO1,Paola,po,D,s1,1,0,false,DIR", "PO1,Paola,po,D,s1,0.5,0,false,DIR")
    doc = results_doc(ciclope_ente("bergamo", files(**{"ente.toml": po_fund("3000.00"), "people.csv": people})))
    found = [v for v in doc["violations"] if v["rule"] == "bergamo.po.part_time"]
    # PO1 is row 4 of people.csv (header = row 1)
    assert [(v["severity"], v["where"]) for v in found] == [("warning", "people.csv:4:fte")]
    assert "art. 26.2" in found[0]["source"]
    assert doc["rewards"]["people"]["PO1"]["amount"] == "2805.00"


def test_a_staff_award_can_be_recomputed_from_its_inputs(ciclope_ente):
    """explain: U2's award = fund × score × fte / Σ (score × fte of the rewarded), to the cent (the largest
    remainder moves at most one cent): 10000 × 95 × 1 / 303.25 = 3132.7288… → 3132.73."""
    res = ciclope_ente("bergamo", files())
    fig = res.figures["award:U2"]
    v = {i.name: i.value for i in fig.inputs}
    exact = (
        v["fondo performance_individuale"]
        * v["punteggio"]
        * v["tempo lavorato"]
        / v["somma di punteggio × tempo lavorato dei premiati"]
    )
    assert abs(fig.value - exact) < Decimal("0.01") and fig.value == Decimal("3132.73")


def test_the_workbook_names_the_service_a_score_reads(ciclope_ente, tmp_path):
    """The component «servizio» of the score showed the unit's code alone («s1»): by name and code, as the Relazione
    names a unit."""
    from openpyxl import load_workbook

    from ciclope.core.reports import xlsx

    path = tmp_path / "schede.xlsx"
    xlsx.write(ciclope_ente("bergamo", files()), path)
    rows = list(load_workbook(path)["Valutazioni individuali"].iter_rows(values_only=True))
    people = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    # U1 works in s1 «Servizio Uno», U3 in s2 «Servizio Due» (UNITS, PEOPLE)
    assert people["U1"]["Componente: servizio"] == "Servizio Uno (s1)"
    assert people["U3"]["Componente: servizio"] == "Servizio Due (s2)"
    assert people["U1"]["Unità"] == "Servizio Uno (s1)"
