"""The national layer (CCNL Funzioni Locali): art. 69 maggiorazione, national bounds on parameters, the
differentiation warning, the acts by law in the calendar. Expected values are worked out by hand in the
comments (rules: ccnl_funzioni_locali.md)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from decimal import Decimal as D
from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest

from ciclope.core import Award, Deadline, Pool, Rewards, Score, hookspecs
from ciclope.core.commands.cli import main
from ciclope.core.engine.registry import make_plugin_manager
from ciclope.core.inputs.config import resolve_params
from ciclope.core.params import Params, ParamSpec
from ciclope.core.trace import Trace
from ciclope.plugins.ccnl_funzioni_locali import acts, art69, art69_split, bounds, differentiation, national
from ciclope.plugins.ccnl_funzioni_locali.config import Maggiorazione, maggiorazione

from helpers import ROOT

PLUGINS = ROOT / "plugins"
POOL = "performance_individuale"

# --- art. 69 on a 20-person ente ---------------------------------------------------------------------------
# Scores: P01 98, P02 96, P03 95, P04 93, P05 93, then P06..P20 from 90 down by 1 (90, 89, …, 76).
# The plugin paid P01..P10 1,200.00 € each and P11..P20 795.00 € each: 12,000 + 7,950 = 19,950.00 € of a
# 20,000.00 € pool (50.00 € residual).
SCORES = {"P01": 98, "P02": 96, "P03": 95, "P04": 93, "P05": 93} | {f"P{i:02d}": 96 - i for i in range(6, 21)}


def twenty() -> tuple[Rewards, dict[str, Score]]:
    scores = {pid: Score(person=pid, score=D(s), level="alto" if s >= 90 else "medio") for pid, s in SCORES.items()}
    awards = {pid: Award(pid, D("1200.00") if int(pid[1:]) <= 10 else D("795.00"), POOL) for pid in SCORES}
    pool = Pool(POOL, D("20000.00"), D("19950.00"))
    return Rewards(pools={POOL: pool}, awards=awards), scores


def plan_of(rewards: Rewards, scores: dict[str, Score], rule: Maggiorazione, rankings=None) -> art69.Plan:
    attributed = {a.person: a.amount for a in rewards.awards.values() if a.amount > 0}
    return art69.plan(attributed, rankings or {"ente": sorted(scores)}, scores, rule)


class Refused:
    """The plugin must not be asked again when the residual covers the set-aside."""

    def without_layers(self):
        raise AssertionError("the regulation was asked to split again")


def test_art69_twenty_people_tie_at_the_cut_and_the_residual_covers_it():
    rewards, scores = twenty()
    rewards = attrs.evolve(rewards, pools={POOL: Pool(POOL, D("21000.00"), D("19950.00"))})  # residual 1,050.00
    rule = Maggiorazione(share=D("0.30"), quota=D("0.20"))
    found = plan_of(rewards, scores, rule)
    # mean of the premiums attributed = 19,950.00 / 20 = 997.50 (not the fund 21,000 / 20 = 1,050.00)
    # M = 0.30 × 997.50 = 299.25
    assert (found.attributed, found.paid, found.mean, found.m) == (D("19950.00"), 20, D("997.50"), D("299.25"))
    # slots = floor(0.20 × 20) = 4: P01, P02, P03, P04 — but P04 (93) ties with P05 (93), the 5th: both out
    (ranked,) = found.rankings
    assert ranked.slots == 4 and ranked.cut == D(93)
    assert found.beneficiaries == ("P01", "P02", "P03")
    assert found.set_aside == D("897.75")  # 3 × 299.25

    trace = Trace()
    # the ente only names its people: the maggiorazione's figure says whose it is by name
    ente = SimpleNamespace(people={pid: SimpleNamespace(id=pid, name=f"Persona {pid[1:]}") for pid in scores})
    call = art69_split.Call(
        ente=ente, scores=scores, pools={}, params=None, org=None, trace=trace, hooks=Refused(), cards={}
    )
    out = art69_split.set_aside(rewards, found, [POOL], call, ("CCNL art. 69", "art. 69"), {})
    # 897.75 ≤ the 1,050.00 left unpaid: nobody's premium changes, the fund gives the set-aside from its residual
    assert {k: a.amount for k, a in out.awards.items() if a.pool == POOL} == {
        k: a.amount for k, a in rewards.awards.items()
    }
    extra = {a.person: a.amount for a in out.awards.values() if a.pool == art69.POOL}
    assert extra == {"P01": D("299.25"), "P02": D("299.25"), "P03": D("299.25")}
    # pools: 21,000.00 − 897.75 = 20,102.25 (distributed 19,950.00, residual 152.25) + 897.75 set aside
    premium, magg = out.pools[POOL], out.pools[art69.POOL]
    assert (premium.amount, premium.distributed, premium.residual) == (D("20102.25"), D("19950.00"), D("152.25"))
    assert (magg.amount, magg.distributed) == (D("897.75"), D("897.75"))
    assert premium.amount + magg.amount == D("21000.00")  # conserved to the cent
    assert trace.get("award:P01:maggiorazione_art69").value == D("299.25")
    # the beneficiary redoes the mean from its two terms: 19.950,00 / 20 = 997,50, then 30% × 997,50 = 299,25
    assert [(i.name, i.value) for i in trace.get("award:P01:maggiorazione_art69").inputs][:4] == [
        ("quota del valore medio (CCDI)", D("0.30")),
        ("premi attribuiti ai valutati positivamente", D("19950.00")),
        ("valutati positivamente (con un premio maggiore di zero)", 20),
        ("valore medio pro capite dei premi attribuiti", D("997.50")),
    ]
    assert (
        trace.get("award:P01:maggiorazione_art69").label
        == "Maggiorazione del premio individuale di Persona 01 (art. 69)"
    )
    assert trace.get(f"art69:fondo:{POOL}").value == D("20102.25")


def test_art69_quota_without_a_tie_takes_every_slot():
    rewards, scores = twenty()
    # slots = floor(0.25 × 20) = 5: P01..P05 (the 6th, P06, has 90 < 93: no tie across the cut)
    found = plan_of(rewards, scores, Maggiorazione(share=D("0.40"), quota=D("0.25")))
    assert found.beneficiaries == ("P01", "P02", "P03", "P04", "P05") and found.rankings[0].cut is None
    assert found.m == D("399.00")  # 0.40 × 997.50


def test_art69_one_quota_per_ranking_counting_the_evaluated():
    rewards, scores = twenty()
    # P20 is evaluated negatively and paid nothing: still evaluated, so in the base of the quota
    rewards = attrs.evolve(rewards, awards={k: a for k, a in rewards.awards.items() if k != "P20"})
    areas = {"A": [f"P{i:02d}" for i in range(1, 21, 2)], "B": [f"P{i:02d}" for i in range(2, 21, 2)]}
    found = plan_of(rewards, scores, Maggiorazione(share=D("0.30"), quota=D("0.20")), areas)
    # mean = (10 × 1,200 + 9 × 795) / 19 = 19,155 / 19 = 1,008.157… → 1,008.16; M = 302.448 → 302.45
    assert (found.mean, found.m) == (D("1008.16"), D("302.45"))
    a, b = found.rankings
    # A: P01 98, P03 95, P05 93, P07 89, … 10 evaluated → floor(0.20 × 10) = 2: P01, P03
    assert (a.evaluated, a.slots, a.chosen) == (10, 2, ("P01", "P03"))
    # B: P02 96, P04 93, P06 90, … P20 (unpaid) 76: 10 evaluated, 9 positively → 2 slots: P02, P04
    # (one ranking of the ente would take P01 P02 P03 and cut P04/P05 at 93: areas are not compared)
    assert (b.evaluated, len(b.candidates), b.slots, b.chosen) == (10, 9, 2, ("P02", "P04"))
    assert found.beneficiaries == ("P01", "P03", "P02", "P04")


def test_art69_a_top_scorer_paid_nothing_takes_no_place():
    rewards, scores = twenty()
    rewards = attrs.evolve(rewards, awards={k: a for k, a in rewards.awards.items() if k != "P01"})
    found = plan_of(rewards, scores, Maggiorazione(share=D("0.30"), quota=D("0.10")))
    # 20 evaluated → floor(0.10 × 20) = 2 places among the paid: P02 96, P03 95 (P01 98 is not paid)
    assert found.beneficiaries == ("P02", "P03")


def test_art69_cited_by_the_cycle_s_date():
    # in force on 31 December: a 2022 cycle cites art. 81 CCNL 16.11.2022, a 2021 cycle art. 69
    assert art69.article(national.in_force("maggiorazione_art69", 2021).source) == (
        "art. 69 CCNL Funzioni Locali 21.5.2018"
    )
    assert art69.article(national.in_force("maggiorazione_art69", 2022).source) == (
        "art. 81 CCNL Funzioni Locali 16.11.2022"
    )
    # from the cycle 2026 art. 48 CCNL 23.2.2026, which replaces art. 81 (rules §2 point 7)
    row = national.in_force("maggiorazione_art69", 2026)
    assert art69.article(row.source) == "art. 48 CCNL Funzioni Locali 23.2.2026" and row.min == D("0.30")


def test_art69_config_is_the_ccdi_s_and_checked():
    def problems(national):
        return [(p.column, p.message) for p in resolve_params("bergamo", 2021, {}, "cycle.toml", national)[1]]

    assert problems({"maggiorazione": {"share": 0.30, "quota": 0.10}}) == []
    bad = problems({"maggiorazione": {"share": 0.25, "quota": 0.6}, "premio": 1})
    assert [c for c, _ in bad] == [
        "nazionale.premio",
        "nazionale.maggiorazione.quota_premio",
        "nazionale.maggiorazione.quota_personale",
    ]
    assert "30%" in bad[1][1] and "limitata" in bad[2][1]


def test_the_share_floor_is_the_provision_s_minimum(monkeypatch):
    # the 30% is a figure of provisions.toml (maggiorazione_art69, min), not of the code: a contract that raised it
    # to 35% would refuse 0.32 and say «35%»
    rows = tuple(attrs.evolve(r, min=D("0.35")) if r.id == "maggiorazione_art69" else r for r in national.table())
    monkeypatch.setattr(national, "table", lambda: rows)
    found = resolve_params("bergamo", 2021, {}, "cycle.toml", {"maggiorazione": {"share": 0.32, "quota": 0.10}})[1]
    (problem,) = found
    assert problem.column == "nazionale.maggiorazione.quota_premio"
    assert "inferiore al 35% del premio medio" in problem.message and "quota_premio ≥ 35%" in problem.message


def run(cycle: Path, out: Path) -> dict:
    main(["run", str(cycle), "--out", str(out), "--no-store"])
    (doc,) = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*/results.json")]
    return doc


def demo_copy(tmp_path: Path, plugin: str, extra: str) -> Path:
    folder = tmp_path / plugin
    shutil.copytree(PLUGINS / plugin / "demo", folder, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    cycle = folder / "cycle.toml"
    cycle.write_text(cycle.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return cycle


def test_art69_in_a_bergamo_cycle_conserves_the_fund(tmp_path):
    plain = run(demo_copy(tmp_path / "a", "bergamo", ""), tmp_path / "a" / "out")
    assert "ccnl.art69.not_configured" in {v["rule"] for v in plain["violations"]}
    national = "\n[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"
    doc = run(demo_copy(tmp_path / "b", "bergamo", national), tmp_path / "b" / "out")
    assert "ccnl.art69.not_configured" not in {v["rule"] for v in doc["violations"]}
    before, pools = plain["rewards"]["pools"][POOL], doc["rewards"]["pools"]
    n = sum(1 for p in plain["rewards"]["people"].values() if p["pool"] == POOL and D(p["amount"]) > 0)
    mean = (D(before["amount"]) / n).quantize(D("0.01"))
    m = (D("0.30") * mean).quantize(D("0.01"))
    beneficiaries = [
        pid for pid, p in doc["rewards"]["people"].items() for a in p.get("also", []) if a["pool"] == art69.POOL
    ]
    assert 0 < len(beneficiaries) <= n // 10
    assert D(pools[art69.POOL]["amount"]) == m * len(beneficiaries)
    assert D(pools[POOL]["amount"]) + D(pools[art69.POOL]["amount"]) == D(before["amount"])
    assert D(pools[POOL]["residual"]) == D(before["residual"])


# --- national bounds on local parameters --------------------------------------------------------------


EQ = "CCNL Funzioni Locali 16.11.2022 art. 17 c. 2 (le EQ sostituiscono le PO dal 1.4.2023, art. 13 c. 1)"


@pytest.mark.parametrize(
    "year, low, high, source",
    [
        (2017, "5164.57", "12911.42", "CCNL 31.3.1999 art. 10 c. 2"),
        (2018, "5000", "16000", "CCNL Funzioni Locali 21.5.2018 art. 15 c. 2"),
        # the EQ took effect on 1.4.2023, not on the signature of 16.11.2022: a 2022 cycle keeps € 16,000
        (2022, "5000", "16000", "CCNL Funzioni Locali 21.5.2018 art. 15 c. 2"),
        (2023, "5000", "18000", EQ),
        (2025, "5000", "18000", EQ),
        (2026, "5000", "22000", "CCNL Funzioni Locali 23.2.2026 (triennio 2022–2024)"),
    ],
)
def test_pay_bounds_are_the_contract_s_in_force_in_the_year(year, low, high, source):
    # a 2018 cycle: the CCNL of 21.5.2018 is in force in the year (the latest row up to 31 December)
    spec = ParamSpec(name="pay_max", value=D(16000), source="delibera", min=D(5000), max=D(16000), national="eq_pay")
    got = bounds.bounded(spec, year)
    assert (got.min, got.max, got.bound_source) == (D(low), D(high), source)


def test_brescia_pay_max_by_year():
    def refused(year, value):
        return [(p.message, p.source) for p in resolve_params("brescia", year, {"pay_max": value}, "cycle.toml")[1]]

    assert refused(2023, 18000) == []
    assert refused(2026, 22000) == []
    ((message, source),) = refused(2025, 22000)
    assert "supera il massimo 18.000 fissato da CCNL Funzioni Locali 16.11.2022" in message
    assert source.startswith("CCNL Funzioni Locali 16.11.2022")
    ((message, _),) = refused(2021, 18000)  # before the EQ: the 2018 contract's €16,000
    assert "massimo 16.000" in message and "21.5.2018" in message


def test_a_2023_brescia_cycle_with_eq_pay_up_to_18000_runs_and_cites_the_contract(tmp_path):
    cycle = demo_copy(tmp_path, "brescia", "\n[ente.parametri]\npay_max = 18000\n")
    cycle.write_text(cycle.read_text(encoding="utf-8").replace("anno = 2021", "anno = 2023"), encoding="utf-8")
    data = cycle.parent / "cciaa-brescia"
    with open(data / "indicatori.csv", encoding="utf-8") as fh:  # the 2021 targets serve as the 2023 ones
        rows = list(csv.DictReader(fh))
    cols = [c for c in rows[0] if c not in ("target_2022", "target_2023")]
    with open(data / "indicatori.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["target" if c == "target_2021" else c for c in cols])
        w.writerows([r[c] for c in cols] for r in rows)
    people = (data / "persone.csv").read_text(encoding="utf-8")
    for old, new in (("21/05/2019", "01/01/2023"), ("01/01/2020", "01/01/2023"), ("20/05/2022", "31/12/2025")):
        people = people.replace(old, new)
    (data / "persone.csv").write_text(people.replace("31/12/2022", "31/12/2025"), encoding="utf-8")
    doc = run(cycle, tmp_path / "out")
    assert doc["year"] == 2023 and doc["audit"]["params"]["pay_max"]["value"] == 18000
    assert doc["positions"] and all(p["paid"] for p in doc["positions"].values() if p["holder"])  # P-SUAP: vacant
    html = next((tmp_path / "out").glob("*/relazione.html")).read_text(encoding="utf-8")
    assert "Disposizioni nazionali applicate" in html
    assert "CCNL Funzioni Locali 16.11.2022 art. 17 c. 2" in html and "retribuzione_massima" in html


# --- differentiation (D.Lgs. 150/2009 art. 18 c. 2) ----------------------------------------------------


def test_differentiation_warning():
    scores = {f"E{i}": Score(person=f"E{i}", score=D(80 + i), level="buono") for i in range(6)}

    def rewards(amounts, pool="premi"):
        awards = {f"E{i}": Award(f"E{i}", D(a), pool) for i, a in enumerate(amounts)}
        return Rewards(pools={pool: Pool(pool, sum((D(a) for a in amounts), D(0)))}, awards=awards)

    # five people, one level («buono») for all: a warning naming the law
    (w,) = differentiation.undifferentiated(rewards(["100", "200", "300", "400", "500"]), scores, "legge")
    assert w.severity == "warning" and "stesso livello" in w.message and "art. 18 c. 2" in w.message
    # four rewarded people: below the five the rule needs
    assert differentiation.undifferentiated(rewards(["100", "100", "100", "100"]), scores, "legge") == []
    # different levels but the same amount, but for the cent the largest remainder adds: a warning
    mixed = {pid: Score(person=pid, score=s.score, level=f"L{i}") for i, (pid, s) in enumerate(scores.items())}
    (w,) = differentiation.undifferentiated(rewards(["200.01", "200.00", "200.00", "200.01", "200.00"]), mixed, "x")
    assert "stesso importo" in w.message
    assert differentiation.undifferentiated(rewards(["200.02", "200.00", "200.00", "200", "200"]), mixed, "x") == []
    # the art. 69 pool pays one M to each by construction
    assert differentiation.undifferentiated(rewards(["300"] * 5, art69.POOL), mixed, "x") == []


# --- acts by law in the calendar ---------------------------------------------------------------------------


def test_calendar_acts_by_year():
    def acts_of(year, deadlines=()):
        return {(d.act, d.due, d.approval) for d in acts.national_acts(list(deadlines), year)}

    relazione = {
        (
            "Approvazione della Relazione sulla performance (entro il 30 giugno)",
            dt.date(2022, 6, 30),
            "relazione_approved",
        ),
        (
            # one parenthesis, not «(prima dell'erogazione dei premi) (entro il 30 giugno)»
            "Validazione della Relazione sulla performance da parte dell'OIV (entro il 30 giugno e prima "
            "dell'erogazione dei premi)",
            dt.date(2022, 6, 30),
            "relazione_validated_oiv",
        ),
    }
    # 2021: the Piano della performance by 31 January; the Relazione by 30 June 2022, validated by the OIV
    assert (
        acts_of(2021) == {("Adozione del Piano della performance", dt.date(2021, 1, 31), "piano_adopted")} | relazione
    )
    # 2022: the first PIAO's sottosezione Performance, by 30 June 2022 (DL 80/2021 art. 6 c. 6-bis)
    assert ("Adozione del PIAO — sottosezione Performance", dt.date(2022, 6, 30), "piano_adopted") in acts_of(2022)
    # 2023: no act for individual objectives yet; 2024 (a leap year): by 29 February
    assert not any(a == "obiettivi_assegnati" for _, _, a in acts_of(2023))
    feb = [(due, a) for _, due, a in acts_of(2024) if a == "obiettivi_assegnati"]
    assert feb == [(dt.date(2024, 2, 29), "obiettivi_assegnati")]
    # a plugin's own stricter act keeps its date and name, and cites the law
    from ciclope.core import Deadline

    own = Deadline("rendicontazione", "Validazione dell'OIV", dt.date(2022, 1, 31), "SMVP", "relazione_validated_oiv")
    out = acts.national_acts([own], 2021)
    (validation,) = [d for d in out if d.approval == "relazione_validated_oiv"]
    assert validation.due == dt.date(2022, 1, 31) and "D.Lgs. 150/2009 art. 10" in validation.source
    piano = Deadline("pianificazione", "Piano della performance", dt.date(2022, 2, 3), "reg. art. 7", "piano_adopted")
    (plan,) = [d for d in acts.national_acts([piano], 2022) if d.approval == "piano_adopted"]
    # the regulation's 3 February is earlier than the first PIAO's 30 June: it stays
    assert plan.act.startswith("Adozione del PIAO — sottosezione Performance") and plan.due == dt.date(2022, 2, 3)
    assert plan.act.endswith("(già «Piano della performance»)")
    # a regulation that names the PIAO already is not said to have named something else
    own = Deadline("pianificazione", "Piano integrato di attività e organizzazione (PIAO), sottosezione Performance",
                   dt.date(2022, 2, 3), "reg. art. 7", "piano_adopted")  # fmt: skip
    (plan,) = [d for d in acts.national_acts([own], 2022) if d.approval == "piano_adopted"]
    assert plan.act == "Piano integrato di attività e organizzazione (PIAO), sottosezione Performance"


def piao(year, budget=None, local=None):
    own = [Deadline("pianificazione", "Piano", local, "reg. art. 7", "piano_adopted")] if local else []
    (plan,) = [d for d in acts.national_acts(own, year, budget) if d.approval == "piano_adopted"]
    return plan


def test_the_piao_s_deadline_by_law_in_2022_2023_2024():
    # 2022, the first PIAO: 30.6.2022, or 120 days after the budget if later: 15.4.2022 + 120 days
    # (15 days to 30.4, +31 May = 46, +30 June = 76, +31 July = 107, +13 August = 120) = 13.8.2022
    assert piao(2022).due == dt.date(2022, 6, 30)
    assert piao(2022, dt.date(2022, 4, 15)).due == dt.date(2022, 8, 13)
    assert "DM 132/2022 art. 8 c. 3" in piao(2022).source
    # 2023: 31 January; with the budget approved in time (20.12.2022) it stays; postponed to 10.3.2023:
    # 30 days after it (21 days to 31.3, + 9) = 9.4.2023
    assert piao(2023, dt.date(2022, 12, 20)).due == dt.date(2023, 1, 31)
    assert piao(2023, dt.date(2023, 3, 10)).due == dt.date(2023, 4, 9)
    # 2024, a later local date (15.3) never replaces the law's 31.1; an earlier one (20.1) stays
    assert piao(2024, local=dt.date(2024, 3, 15)).due == dt.date(2024, 1, 31)
    assert piao(2024, local=dt.date(2024, 1, 20)).due == dt.date(2024, 1, 20)
    # 2024 with the budget postponed to 20.2.2024: 30 days (9 to 29.2, a leap year, + 21) = 21.3.2024, earlier
    # than the local 30.4: the law's date
    assert piao(2024, dt.date(2024, 2, 20), local=dt.date(2024, 4, 30)).due == dt.date(2024, 3, 21)


def test_an_act_done_after_the_law_s_date_is_late_even_if_the_local_text_allows_it():
    from ciclope.core.engine.cycle import calendar_status

    class Ente:
        approvals = {"piano_adopted": dt.date(2024, 3, 1)}  # within the local 15.3, after the law's 31.1

    assert calendar_status(piao(2024, local=dt.date(2024, 3, 15)), Ente())[1] == "in ritardo"


def test_a_regulation_s_later_date_for_the_relazione_never_replaces_the_law_s_30_june():
    from ciclope.core.engine.cycle import calendar_status

    # a regulation that lets the Giunta approve the 2024 Relazione by 31.7.2025 and the OIV validate it by
    # 15.9.2025: D.Lgs. 150/2009 art. 10 and 14 want both by 30.6.2025, so each of its acts is due then (one act
    # per approval, never a second one beside it), and an approval on 15.7.2025 is late though the text allows it
    local = [
        Deadline("rendicontazione", "Relazione approvata", dt.date(2025, 7, 31), "reg. art. 9", "relazione_approved"),
        Deadline("rendicontazione", "Validazione OIV", dt.date(2025, 9, 15), "reg. art. 10", "relazione_validated_oiv"),
    ]
    out = acts.national_acts(local, 2024)
    for approval, source in (("relazione_approved", "reg. art. 9"), ("relazione_validated_oiv", "reg. art. 10")):
        (act,) = [d for d in out if d.approval == approval]
        assert act.due == dt.date(2025, 6, 30) and act.act.endswith("(per legge entro il 30/06/2025)")
        assert source in act.source and "D.Lgs. 150/2009 art. 10" in act.source

    class Ente:
        approvals = {"relazione_approved": dt.date(2025, 7, 15)}

    (approved,) = [d for d in out if d.approval == "relazione_approved"]
    assert calendar_status(approved, Ente())[1] == "in ritardo"
    # a regulation with only the OIV's validation, by 15.9.2025: brought to 30.6.2025, it covers the approval
    # (the OIV validates an approved Relazione), so the layer adds no approval act of its own
    only = acts.national_acts(local[1:], 2024)
    assert [d.due for d in only if d.approval.startswith("relazione_")] == [dt.date(2025, 6, 30)]


def test_every_built_in_plugin_runs_over_the_layer_which_it_wins_against():
    for name in ("brescia", "bergamo", "comunita_montane"):
        pm, info = make_plugin_manager(name)
        assert info.comparto == "funzioni_locali" and [i.name for i in info.layers] == ["ccnl_funzioni_locali"]
        names = [p for p, _ in pm.list_name_plugin()]
        # the layer is registered before the plugin: pluggy calls the plugin first (it wins)
        assert names.index("ccnl_funzioni_locali") < names.index(name)


# --- a pending reform in compare (never in run) -------------------------------------------------------------


def test_ddl_merito_caps_the_top_level_at_30_percent_by_hand():
    from ciclope.plugins.ccnl_funzioni_locali import reforms

    # 10 staff: 5 «eccellente» (99, 98, 97, 96, 96), then «buona» 90..86 — cap = floor(0.30 × 10) = 3:
    # the first 3 stay (99, 98, 97); 96 and 96 move down to «buona»
    marks = [99, 98, 97, 96, 96, 90, 89, 88, 87, 86]
    scores = {
        f"S{i}": Score(person=f"S{i}", score=D(m), level="eccellente" if m >= 95 else "buona")
        for i, m in enumerate(marks)
    }
    moved = reforms.cap_top_level(scores, set(scores))
    assert {pid: s.level for pid, s in moved.items()} == {"S3": "buona", "S4": "buona"}
    # a tie across the cap: 99, 98, 97, 97 at the top of 10 → the two 97s both move (the cap is a maximum)
    marks[3] = 97
    scores = {
        f"S{i}": Score(person=f"S{i}", score=D(m), level="eccellente" if m >= 95 else "buona")
        for i, m in enumerate(marks)
    }
    assert sorted(reforms.cap_top_level(scores, set(scores))) == ["S2", "S3", "S4"]


def test_compare_reform_ddl_merito_shows_who_would_move_and_run_never_applies_it(tmp_path):
    cycle = demo_copy(tmp_path, "bergamo", "\n[ente.params]\nlevel_eccellente = 85\n")
    assert main(["compare", str(cycle), "--reform", "ddl_merito", "--out", str(tmp_path / "cmp")]) == 0
    doc = json.loads((tmp_path / "cmp" / "compare.json").read_text(encoding="utf-8"))
    now, reform = doc["scenarios"]["attuale"], doc["scenarios"]["riforma-ddl_merito"]
    staff = {pid: p for pid, p in now["people"].items() if p["role"] == "dipendente" and p["level"]}
    top = sorted((p["score"], pid) for pid, p in staff.items() if p["level"] == "eccellente")
    cap = len(staff) * 3 // 10  # floor(0.30 × staff)
    assert len(top) > cap  # the case moves someone
    expected = {pid for _, pid in top[: len(top) - cap]}  # the lowest of the top level beyond the cap (no ties here)
    moved = {pid for pid in staff if reform["people"][pid]["level"] != staff[pid]["level"]}
    assert moved == expected
    assert {v["message"].split()[3] for v in reform["violations"] if v["rule"] == "ccnl.reform.ddl_merito"} == moved
    assert not [v for v in now["violations"] if v["rule"] == "ccnl.reform.ddl_merito"]
    # run: the levels in force, no reform
    ran = run(cycle, tmp_path / "out")
    assert not [v for v in ran["violations"] if "reform" in v["rule"]]
    # an unknown reform is a command-line problem naming the known ones
    assert main(["compare", str(cycle), "--reform", "ddl", "--out", str(tmp_path / "cmp2")]) == 2


def test_po_position_pay_in_people_csv_is_checked_against_the_contract_of_the_year():
    from types import SimpleNamespace

    from ciclope.plugins.ccnl_funzioni_locali import pay

    def ente(year, amount):
        po = SimpleNamespace(id="PO1", role="po", row=3, fte=D(1), extra={"position_pay": D(amount)})
        return SimpleNamespace(year=year, people={"PO1": po}, file_of=lambda name: f"{name}.csv")

    # 17,000 € is above the €16,000 of the CCNL 21.5.2018 (a 2021 cycle), within the €18,000 of the EQ (2023)
    (p,) = pay.ciclope_validate(ente(2021, "17000"))
    assert (p.rule, p.file, p.row, p.column) == ("ccnl.eq_pay.range", "people.csv", 3, "position_pay")
    assert "21.5.2018 art. 15 c. 2" in p.source
    assert "21.5.2018" not in p.message and "del contratto in vigore nel 2021:" in p.message  # cited once
    assert pay.ciclope_validate(ente(2023, "17000")) == []
    assert len(pay.ciclope_validate(ente(2026, "4999.99"))) == 1  # below the €5,000 minimum


def test_the_relazione_s_grado_di_differenziazione_is_the_one_of_section_6():
    from types import SimpleNamespace

    from ciclope.plugins.ccnl_funzioni_locali import report

    people = {f"E{i}": SimpleNamespace(role="dipendente") for i in range(1, 6)} | {
        "PO1": SimpleNamespace(role="po"),
        "PO2": SimpleNamespace(role="po"),
    }
    levels = {"E1": "alto", "E2": "alto", "E3": "medio", "E4": "medio", "E5": "medio"}
    scores = {pid: Score(person=pid, score=D(80), level=lv) for pid, lv in levels.items()}
    # no award records a band: each one's level is the person's
    result = SimpleNamespace(ente=SimpleNamespace(people=people), scores=scores, ledger=SimpleNamespace(awards=[]))
    # staff: alto 1000 + 1000, medio 600 + 600 + 300 (a part-timer): per capita 1000.00 over 500.00 = 2.00 (not the
    # highest individual premium over the part-timer's, 1000 / 300 = 3.33)
    staff = [Award(p, D(x), POOL) for p, x in (("E1", 1000), ("E2", 1000), ("E3", 600), ("E4", 600), ("E5", 300))]
    assert report.ratio(staff, result) == D("2.00")
    # dirigenti e PO: the highest individual amount over the lowest: 3000 / 1900 = 1.578… → 1.58
    leads = [Award("PO1", D(3000), "risultato_po"), Award("PO2", D(1900), "risultato_po")]
    assert report.ratio(leads, result) == D("1.58")


def test_a_premium_without_levels_has_no_top_level_but_the_relazione_s_dash():
    from types import SimpleNamespace

    from ciclope.plugins.ccnl_funzioni_locali import report

    # a premium in proportion to the score: nobody has a level or a band; the column reads «—», the Relazione's
    # «not available», never a hyphen
    scores = {pid: Score(person=pid, score=D(s)) for pid, s in (("E1", 90), ("E2", 80))}
    paid = [Award("E1", D(600), POOL), Award("E2", D(400), POOL)]
    result = SimpleNamespace(ente=SimpleNamespace(people={}), scores=scores, ledger=SimpleNamespace(awards=paid))
    assert report.top_share(paid, result) == ("—", None)


@pytest.mark.parametrize("plugin", ["comunita_montane", "brescia"])
def test_art69_one_quota_per_ranking_of_the_plugin(tmp_path, plugin):
    """comunita_montane's demo ranks by area (ranking_scope = area), brescia pays one staff pool per area: the
    maggiorazione's beneficiaries are taken in each ranking, up to floor(quota × staff evaluated in it)."""
    national = "\n[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.25 }\n"
    cycle = demo_copy(tmp_path, plugin, national)
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute

    plan = load_config(cycle)
    result = compute(plan.enti[0], plan.year)
    quotas = {k: f for k, f in result.figures.items() if k.startswith("art69:quota:")}
    assert len(quotas) >= 2  # one per ranking (area), not one for the ente
    chosen = {a.person for a in result.rewards.awards.values() if a.pool == art69.POOL}
    total = 0
    for figure in quotas.values():
        inputs = {i.name: i.value for i in figure.inputs}
        # floor(0.25 × evaluated) places at most in each ranking
        assert figure.value <= int(D("0.25") * inputs["personale valutato nella graduatoria"])
        total += figure.value
    assert total == len(chosen) and total > 0
    # every pool conserved: the premium pools and the set-aside add up to the funds
    assert all(p.distributed <= p.amount for p in result.rewards.pools.values())


def test_art69_the_premiums_are_the_regulation_s_own_split_of_the_reduced_fund(tmp_path):
    """One split: under comunita_montane (which pays its whole fund: nothing unpaid covers the set-aside) every
    premium equals what the plugin alone computes on the fund less the set-aside, to the cent — never a second
    split of rounded amounts, which moved a cent between colleagues."""
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute

    cycle = demo_copy(
        tmp_path, "comunita_montane", "\n[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"
    )
    plan = load_config(cycle)
    result = compute(plan.enti[0], plan.year)
    fund = result.figures["art69:fondo:performance_individuale"]
    inputs = {i.name.partition(" (")[0]: i.value for i in fund.inputs}  # the set-aside's words end with the article
    assert (
        inputs["non distribuito dal regolamento sul fondo intero"]
        < inputs["accantonati per la maggiorazione del premio individuale"]
    )
    # the plugin alone, on the fund reduced by the set-aside
    plain = load_config(demo_copy(tmp_path / "senza", "comunita_montane", ""))
    before = compute(plain.enti[0], plain.year)
    hooks, _ = Hooks.for_plugin("comunita_montane")
    pools = {n: p for n, p in before.rewards.pools.items()}
    reduced = {
        **{n: attrs.evolve(p, distributed=D(0)) for n, p in pools.items()},
        "performance_individuale": attrs.evolve(pools["performance_individuale"], amount=fund.value, distributed=D(0)),
    }
    alone = hooks.without_layers().one(
        hookspecs.ciclope_rewards,
        ente=before.ente,
        scores=dict(before.scores),
        pools=reduced,
        params=before.params,
        org=before.org,
        trace=Trace(),
        hooks=hooks,
        cards=before.ente.cards_view(),
    )
    mine = {k: a.amount for k, a in result.rewards.awards.items() if a.pool == "performance_individuale"}
    assert mine == {k: a.amount for k, a in alone.awards.items() if a.pool == "performance_individuale"}
    # conserved: the premiums' pool + the set-aside = the fund
    total = result.rewards.pools["performance_individuale"].amount + result.rewards.pools[art69.POOL].amount
    assert total == before.rewards.pools["performance_individuale"].amount


def test_the_relazione_says_the_maggiorazione_s_quota_in_correct_italian(tmp_path):
    """«30% del premio medio al 25% del personale valutato», never «a il 25%»."""
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute
    from ciclope.plugins.ccnl_funzioni_locali import report

    national = "\n[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.25 }\n"
    plan = load_config(demo_copy(tmp_path, "brescia", national))
    result = compute(plan.enti[0], plan.year)
    said = report.maggiorazione_applied("maggiorazione_art69", result)
    assert said.startswith("30% del premio medio al 25% del personale valutato (contratto integrativo)")


def test_the_ccdi_s_shares_may_be_written_as_percentages_and_are_said_so():
    def problems(national):
        return [(p.column, p.message) for p in resolve_params("bergamo", 2021, {}, "cycle.toml", national)[1]]

    # "30%" and "10%" are the shares 0.30 and 0.10, as the office reads them in the hints
    assert problems({"maggiorazione": {"quota_premio": "30%", "quota_personale": "10%"}}) == []
    said = {"maggiorazione": {"quota_premio": "30%", "quota_personale": "12,5%"}}
    rule = maggiorazione(Params(values={}, specs={}, national=said))
    assert rule is not None and (rule.share, rule.quota) == (D("0.30"), D("0.125"))
    # a share below the contract's 30% and a quota above half of the staff, both said as percentages
    bad = dict(problems({"maggiorazione": {"quota_premio": "25%", "quota_personale": "60%"}}))
    assert bad["nazionale.maggiorazione.quota_premio"].startswith("quota_premio = 25%: la maggiorazione non può")
    assert "quota_premio ≥ 30%" in bad["nazionale.maggiorazione.quota_premio"]
    assert bad["nazionale.maggiorazione.quota_personale"] == (
        "quota_personale = 60%: la quota di personale dev'essere «limitata», tra 0% (escluso) e 50%"
    )


def test_each_error_of_the_ccdi_s_shares_cites_the_contract_in_force():
    """In 2024 the maggiorazione is art. 81 of the CCNL 16.11.2022 (it took the place of art. 69 of the CCNL
    21.5.2018): both the share below the minimum and the quota above half of the staff cite it, never one each."""
    found = resolve_params(
        "bergamo", 2024, {}, "cycle.toml", {"maggiorazione": {"quota_premio": "25%", "quota_personale": "60%"}}
    )[1]
    sources = {p.column: str(p.source) for p in found}
    assert set(sources) == {"nazionale.maggiorazione.quota_premio", "nazionale.maggiorazione.quota_personale"}
    assert all(s.startswith("art. 81 CCNL Funzioni Locali 16.11.2022") for s in sources.values()), sources


# --- the maggiorazione under a declared budget: its pool explained, the fund's source, a tie at the cut --------
BUDGET_SMVP = """\
formato = 2
[atto]
titolo = "CCDI del Comune di Pari"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "performance individuale"
metodo = "budget"
residuo = "resta"
fonte = "art. 5"
"""
PARI_CYCLE = """\
[ciclo]
anno = 2024
risultati = "out"

[[ente]]
id = "pari"
plugin = "regolamento"
dati = "pari"
regolamento = "smvp.toml"

[ente.nazionale]
maggiorazione = { quota_premio = "30%", quota_personale = "10%" }
"""


def pari(tmp_path: Path, second: int):
    """Ten employees of one Comune, budget 10,000.00 €: A1 95 points, A2 ``second``, A3..A10 90 down to 76 by 2."""
    return pari_of(tmp_path, [95, second, 90, 88, 86, 84, 82, 80, 78, 76])


def pari_of(tmp_path: Path, points: list[int]):
    """Employees A1, A2… of one Comune with these points, a budget of 10,000.00 €, the maggiorazione for 10%."""
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute
    from ciclope.core.testing import write_ente

    from helpers import one_unit_comune

    staff = [f"A{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, len(points) + 1)]
    cards = [f"A{i},SEG,scheda,Valutazione complessiva,100,{p}," for i, p in enumerate(points, start=1)]
    write_ente(
        tmp_path / "pari",
        one_unit_comune("Comune di Pari", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n'),
    )
    (tmp_path / "smvp.toml").write_text(BUDGET_SMVP, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(PARI_CYCLE, encoding="utf-8")
    plan = load_config(tmp_path / "cycle.toml")
    return compute(plan.enti[0], plan.year)


def test_the_maggiorazione_s_pool_is_explained_and_the_fund_says_what_was_set_aside(tmp_path):
    from ciclope.core.reports import html
    from ciclope.core.run.explain import explain

    result = pari(tmp_path, 94)
    # budget 10,000 / 10 = 1,000 each × score / 100: 950 + 940 + 900 + 880 + 860 + 840 + 820 + 800 + 780 + 760 =
    # 8,530.00; mean 853.00, M = 0.30 × 853.00 = 255.90; slots floor(0.10 × 10) = 1: A1 (95) alone
    pool = result.figures["pool:maggiorazione_art69"]
    assert pool.value == D("255.90") and pool.note == "beneficiari: Persona 1 (A1)"  # by name, with the code
    text = explain(result, "pool", "maggiorazione_art69")
    assert text is not None and "Nessuna cifra calcolata da spiegare." not in text
    assert "maggiorazione = € 255,90" in text and "beneficiari = 1" in text
    # the fund by the label the workbook and the Relazione name it by, never its key «performance individuale»
    assert "accantonamento dal fondo «Premi per la performance individuale» = € 255,90" in text
    # the fund of the premiums is 10,000.00 − 255.90 = 9,744.10: its source says both figures
    fund = result.rewards.pools["performance_individuale"]
    assert fund.amount == D("9744.10")
    assert fund.source == (
        "importo indicato dall'ente, € 10.000,00, meno € 255,90 accantonati per la maggiorazione del premio individuale "
        "(art. 81 CCNL Funzioni Locali 16.11.2022)"
    )
    assert "importo indicato dall&#x27;ente, € 10.000,00, meno € 255,90 accantonati" in html.render(result)


def test_a_tie_at_the_maggiorazione_s_cut_is_warned_and_said_to_each_tied_person(tmp_path):
    from ciclope.core.run.explain import explain

    result = pari(tmp_path, 95)
    # A1 and A2 both 95 for the one place (floor(0.10 × 10) = 1): both out, nobody paid the maggiorazione
    assert not [a for a in result.rewards.awards.values() if a.pool == art69.POOL]
    warnings = [v.message for v in result.violations if v.rule == "ccnl.maggiorazione.pari_merito"]
    assert len(warnings) == 1
    assert (
        "2 persone a pari merito con 95,00 punti (Persona 1 (A1), Persona 2 (A2)) per 1 posto della graduatoria unica "
        "dell'ente" in warnings[0]
    )
    # the tie criteria are the contract of 23.2.2026's: before it the warning says so in words, and points to the
    # regulation's own part for a CCDI that has its tie rule, never to a configuration key's syntax
    assert warnings[0].endswith(
        "perché la quota è un massimo e il contratto nazionale in vigore nel 2024 non dice chi prevale a pari "
        "punteggio (i criteri di parità del contratto integrativo vengono con l'art. 48 CCNL Funzioni Locali "
        "23.2.2026, dai cicli 2026). Se il contratto integrativo dell'ente ha una sua regola di parità, la "
        "maggiorazione si scrive nel regolamento al posto di maggiorazione in cycle.toml: una parte con "
        "maggiorazione = true e la condizione RANGO.ENTE(punteggio; -assenze), come mostra la guida al regolamento "
        "in «La valutazione più elevata» (Esempi da testi reali)"
    )
    assert "{" not in warnings[0] and "parita" not in warnings[0]
    # «Dove» is the key the office wrote, not one it may not write
    assert [v.column for v in result.violations if v.rule == "ccnl.maggiorazione.pari_merito"] == [
        "nazionale.maggiorazione"
    ]
    for pid in ("A1", "A2"):
        text = explain(result, "person", pid)
        assert text is not None
        # paid the individual premium: the maggiorazione «non spetta», a line of its own, never under «Non pagato»
        assert (
            "\nMaggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022): non spetta — pari merito "
            "al limite della quota con un'altra persona di pari punteggio, per 1 posto; escluse tutte (punteggio = "
            "95,00 punti; graduatoria = unica dell'ente; persone a pari merito = Persona 1 (A1) e Persona 2 (A2))"
        ) in text
    # the pool of the maggiorazione is explained all the same: nothing set aside, and why
    text = explain(result, "pool", "maggiorazione_art69")
    assert text is not None and "nessun beneficiario" in text


def test_a_provision_s_note_in_the_relazione_names_its_provision(tmp_path):
    from ciclope.plugins.ccnl_funzioni_locali import report

    # a 2024 cycle: art. 81 CCNL 16.11.2022 is cited by the cycle's date, and its note says so under its own name
    # (the section's text is read apart from the table: a bare «Stesso contenuto dell'art. 69» named nothing)
    note = report.applied(pari(tmp_path, 94)).note
    assert (
        " Differenziazione del premio individuale ai valutati più alti (quota del premio medio): stesso contenuto "
        "dell'art. 69 CCNL 21.5.2018; citato per la data del ciclo (in vigore al 31 dicembre)."
    ) in note
    assert " Stesso contenuto" not in note


@pytest.mark.parametrize(
    ("year", "words"),
    [
        (2022, ("delle PO negli enti privi di dirigenza", "delle PO: nessun intervallo")),
        (2025, ("delle EQ negli enti privi di dirigenza", "delle EQ: nessun intervallo")),
    ],
)
def test_the_po_rows_say_the_contract_s_words_of_the_year(year, words):
    """From 1.4.2023 the PO are EQ (CCNL 16.11.2022 art. 13 c. 1): the national section of a 2025 cycle says the
    position pay of an ente without dirigenti and the result pay of the EQ, as «dirigenti ed EQ» says the group; a
    2022 cycle keeps the PO of the 2018 contract."""
    position = national.in_force("eq_pay_senza_dirigenza", year)
    result = national.in_force("po_result_per_person", year)
    assert position is not None and result is not None
    assert words[0] in position.title and words[1] in result.title
    assert position.min is None and position.max is None  # still the interval of every ente (eq_pay)
