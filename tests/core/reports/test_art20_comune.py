"""premi-art20.csv of a 25-person Comune (rules/core.md §6, revised; D.Lgs. 33/2013 art. 20): the ente's totals
are always published, head counts too, and no amount of a group under 3 people (the two PO) is printed or left
to be found by difference. Every figure by hand (the regulation of test_regolamento_from_docs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ciclope.core.reports import art20, transparency

from comune_from_docs import REGULATION
from comune_from_docs import files as from_docs

# 25 people: the Segretario (evaluator, no card), 2 PO, 22 dipendenti
STAFF = [("S01", 98), ("S02", 96)]  # pieno: 1000.00 each
STAFF += [(f"S{i:02d}", 94 - (i - 3) / 2) for i in range(3, 19)]  # 94 … 86.5, intermedio: 700.00 each (16)
STAFF += [("S19", 75), ("S20", 70), ("S21", 65), ("S22", 62)]  # base: 0 € (4)
PO = [("PO1", 96, "12000.00"), ("PO2", 85, "9500.00")]  # result pay 12000 × 0.25 = 3000.00, 9500 × 0.20 = 1900.00


def files() -> dict[str, str]:
    people = ["id,name,role,category,unit,fte,absence_days,insufficient,evaluator,position_pay",
              "SEG,Segretario,segretario,DIR,com,1,0,false,,"]  # fmt: skip
    cards = ["person,evaluator,section,item,max_points,points,weight"]
    for pid, score, position in PO:
        people.append(f"{pid},Persona {pid},po,D,amm,1,0,false,SEG,{position}")
        cards.append(f"{pid},SEG,scheda,Valutazione complessiva,100,{score},")
    for pid, score in STAFF:
        people.append(f"{pid},Persona {pid},dipendente,C,amm,1,0,false,SEG,")
        cards.append(f"{pid},SEG,scheda,Valutazione complessiva,100,{score},")
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\namm,Area,area,com,PO1\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,amm\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(people) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": 'name = "Comune di Venticinque"\n[funds]\nperformance_individuale = "15000.00"\n',
    }


def test_a_25_person_comune_publishes_its_totals_and_no_small_group(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    result = ciclope_ente("regolamento", files(), year=2024, params={"regolamento": str(path)})
    assert len(result.ente.people) == 25
    text = art20.render(result)
    rows = {tuple(line.split(";")[:2]): line.split(";")[2] for line in text.lstrip("\ufeff").splitlines()[1:]}
    # staff premium: 2 × 1000.00 + 16 × 700.00 = 13200.00 of 15000.00; PO result pay 3000.00 + 1900.00 = 4900.00
    # (no fund of its own: the pool is what is due). Stanziati 15000 + 4900 = 19900.00, distribuiti 13200 + 4900
    # = 18100.00; evaluated: 2 PO + 22 dipendenti = 24; premio medio conseguibile 19900 / 24 = 829.166… → 829,17
    assert rows[("tutto il personale", "premi stanziati (€)")] == "19900,00"
    assert rows[("tutto il personale", "premi distribuiti (€)")] == "18100,00"
    assert rows[("tutto il personale", "persone valutate")] == "24"
    assert rows[("tutto il personale", "premio medio conseguibile (€)")] == "829,17"
    # head counts are published; the two PO's pay is merged into the ente's, and so is the staff's (18100.00 −
    # 13200.00 would give the PO's 4900.00 back)
    assert rows[("dirigenti e PO", "persone valutate")] == "2"
    assert rows[("personale", "persone valutate")] == "22"
    assert rows[("dirigenti e PO", "premi distribuiti (€)")] == "compreso in tutto il personale"
    assert rows[("personale", "premi distribuiti (€)")] == "compreso in tutto il personale"
    public = text + transparency.render(result)
    assert "riservato;" not in text  # no art. 20 total of the ente is ever withheld
    # no amount of the PO (3000,00, 1900,00, their mean 2450,00) nor of the two at «pieno» (2000,00 together)
    # in either file (4900,00 is the PO fund's allocation, which is public whoever received it)
    assert not [x for x in ("3000,00", "1900,00", "2450,00", "2000,00") if x in public]
    # trasparenza.csv merges «pieno» (2 people) into the next level down
    levels = [line.split(";") for line in public.splitlines() if line.startswith("Livello di valutazione;personale")]
    assert [(r[2], r[3], r[8]) for r in levels] == [("pieno e intermedio", "18", "0"), ("base", "4", "4")]


SHARED = """\
formato = 1
[atto]
titolo = "Contratto integrativo dell'Ente"
tipo_ente = "altro"

[premio]
metodo = "proporzionale"
ruoli = ["dipendente", "dirigente"]
fonte = "art. 35"
"""


def shared_fund_rows(ciclope_ente: Any, tmp_path: Path, last: int = 60) -> dict[tuple[str, ...], str]:
    """premi-art20.csv's rows where one fund, 7000.00, pays 3 dirigenti and 4 staff alike (contratto collettivo, GU
    15.11.1997, art. 35) in proportion to their scores, the last of the staff scoring ``last``."""
    people = ["id,name,role,category,unit,fte,absence_days,insufficient,evaluator",
              "SEG,Segretario,segretario,DIR,com,1,0,false,"]  # fmt: skip
    cards = ["person,evaluator,section,item,max_points,points,weight"]
    for pid, role, score in [("R1", "dirigente", 90), ("R2", "dirigente", 80), ("R3", "dirigente", 70)] + [
        ("T1", "dipendente", 90),
        ("T2", "dipendente", 80),
        ("T3", "dipendente", 70),
        ("T4", "dipendente", last),
    ]:
        people.append(f"{pid},Persona {pid},{role},{'DIR' if role == 'dirigente' else 'C'},com,1,0,false,SEG")
        cards.append(f"{pid},SEG,scheda,Valutazione complessiva,100,{score},")
    data = {
        "units.csv": "id,name,kind,parent,head\ncom,Ente,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": files()["indicators.csv"],
        "people.csv": "\n".join(people) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": 'name = "Ente"\n[funds]\nperformance_individuale = "7000.00"\n',
    }
    path = tmp_path / "smvp.toml"
    path.write_text(SHARED, encoding="utf-8")
    result = ciclope_ente("regolamento", data, year=2024, params={"regolamento": str(path)})
    return {tuple(line.split(";")[:2]): line.split(";")[2] for line in art20.render(result).splitlines()[1:]}


def test_a_fund_both_groups_share_is_no_group_s_alone(ciclope_ente, tmp_path):
    """One fund pays dirigenti and staff alike: each group's «premi stanziati» was the whole fund, twice the fund
    between the two, and the staff's premio medio conseguibile was the fund over the staff alone. The fund is the
    ente's: each group says so, and the mean a person can reach is over everyone the fund pays."""
    rows = shared_fund_rows(ciclope_ente, tmp_path)
    # the fund, 7000.00, paid all 7 evaluated people: 7000 / 7 = 1000.00 is the mean anyone can reach, in either group
    assert rows[("tutto il personale", "premi stanziati (€)")] == "7000,00"
    for group in ("dirigenti", "personale"):  # dirigenti and the Segretario, no PO: «dirigenti» alone
        assert rows[(group, "premi stanziati (€)")] == "compreso in tutto il personale"
        assert rows[(group, "premio medio conseguibile (€)")] == "1000,00"
    assert (rows[("dirigenti", "persone valutate")], rows[("personale", "persone valutate")]) == ("3", "4")
    # the 7 the mean divides by (3 dirigenti + 4 staff) are said in each block, so 7000 / 7 is redone by hand: the
    # head count of one group alone, 3 or 4, gave 2333,33 or 1750,00, not the mean published
    for group in ("dirigenti", "personale"):
        assert rows[(group, "persone valutate, nei due gruppi, a cui sono destinati i fondi del gruppo")] == "7"
    block = [what for group, what in rows if group == "personale"]
    assert block[2:5] == [
        "persone valutate",
        "persone valutate, nei due gruppi, a cui sono destinati i fondi del gruppo",
        "premio medio conseguibile (€)",
    ]


def test_the_shared_fund_s_mean_counts_who_it_paid_nothing(ciclope_ente, tmp_path):
    """T4 scores 0 and the proportional split gives them 0,00: the fund was destined to them all the same, as the
    ente's own mean counts them, so each group's mean is still over the 7 (7000 / 7 = 1000,00), never over the 6
    paid more than 0 (7000 / 6 = 1166,67), a figure no row explains."""
    rows = shared_fund_rows(ciclope_ente, tmp_path, last=0)
    assert rows[("tutto il personale", "premio medio conseguibile (€)")] == "1000,00"
    for group in ("dirigenti", "personale"):
        assert rows[(group, "persone valutate, nei due gruppi, a cui sono destinati i fondi del gruppo")] == "7"
        assert rows[(group, "premio medio conseguibile (€)")] == "1000,00"


def test_a_group_nobody_was_paid_publishes_no_tiers(ciclope_ente, tmp_path):
    """The Comune of test_regolamento_from_docs without [risultato_po]: the premio pays only the dipendenti, so
    the 4 PO are evaluated and paid nothing. Their highest pay is 0, and «sotto il 60% del più alto» said of all 4
    was false (0 is not below 60% of 0): the group publishes no tier rows. The staff's tiers are as before."""
    regulation = REGULATION.split("[risultato_po]")[0]
    result = ciclope_ente("regolamento", from_docs(), year=2024, params={"regolamento": _write(tmp_path, regulation)})
    rows = {tuple(line.split(";")[:2]): line.split(";")[2] for line in art20.render(result).splitlines()[1:]}
    assert rows[("dirigenti e PO", "premi distribuiti (€)")] == "0,00"
    assert rows[("dirigenti e PO", "persone valutate")] == "4"  # PO1–PO4 (the Segretario has no card)
    assert not [voce for group, voce in rows if group == "dirigenti e PO" and "del più alto" in voce]
    # staff: 1000.00 × coefficient × fte; the highest is 1000.00 (S01, S02, S13, all «pieno» at full time)
    # ≥ 900.00: S01, S02, S13 = 3; 600.00–900.00: S10 800.00 (0.8 × 1000), S03 S05 S06 S12 S16 700.00 = 6;
    # below 600.00: S04 350.00, S11 525.00, S15 420.00 = 3; the «base» S07 S08 S14, S09 (59, no level) at 0 are no
    # share of the highest: «senza premio» 4
    tiers = [rows[("personale", f"persone {what}")] for what in TIER_WORDS]
    assert tiers == ["3", "6", "3", "4"]
    assert [ln.key for ln in transparency.lines(result) if ln.group == "dirigenti e PO" and ln.section == "gruppo"] == [
        "persone",
        "premi",
        "persone_valutate",
    ]


TIER_WORDS = (
    "con premio dal 90% al 100% del più alto",
    "con premio dal 60% al 90% del più alto",
    "con premio sotto il 60% del più alto",
    "senza premio",
)


def _write(folder, regulation: str) -> str:
    path = folder / "smvp.toml"
    path.write_text(regulation, encoding="utf-8")
    return str(path)
