"""What a public output withholds it withholds whole, and only what identifies someone (rules/core.md §6, fondo.md §5):
the office of Valsavio (12 people: 9 staff, 3 EQ) and of Ollastra, by hand, at the level of the functions that decide."""

from __future__ import annotations

import re
from decimal import Decimal

from ciclope.core.reports import art20, disclosure, public
from ciclope.core.reports.disclosure import SMALL, WITHHELD, Cell, control
from ciclope.core.reports.transparency import Person, merged_tiers, tier_lines

from comune_from_docs import REGULATION

PREMI, EQ, MAGG = "premi", "risultato_eq", "maggiorazione"


def valsavio_cells() -> tuple[list[Cell], dict[int, frozenset[str]]]:
    """Staff 0–6 paid by the premi (0 also by the maggiorazione), EQ 9–11 by their fund, which left some unpaid."""
    staff, eq = frozenset(range(7)), frozenset({9, 10, 11})
    everyone = staff | eq
    paid = {i: frozenset({PREMI}) for i in staff} | {0: frozenset({PREMI, MAGG})} | {i: frozenset({EQ}) for i in eq}
    cells = [
        Cell("premi", staff, pools=frozenset({PREMI}), keep=1),
        Cell("eq", eq, pools=frozenset({EQ}), keep=1),
        Cell("magg", frozenset({0}), pools=frozenset({MAGG}), keep=1),
        Cell("totale", everyone, pools=frozenset({PREMI, EQ, MAGG}), counted=False, keep=2, required=True),
        # the stanziati: a pool paid whole publishes what it paid; the EQ's adds its residual, an unknown
        Cell("premi:stanziato", staff, pools=frozenset({PREMI}), keep=3, primary=False),
        Cell("eq:stanziato", eq, pools=frozenset({EQ}), keep=3, primary=False, residuals=frozenset({EQ})),
        Cell("magg:stanziato", frozenset({0}), pools=frozenset({MAGG}), keep=3, primary=False),
        Cell(
            "totale:stanziato",
            everyone,
            pools=frozenset({PREMI, EQ, MAGG}),
            keep=3,
            primary=False,
            required=True,
            residuals=frozenset({EQ}),
        ),
    ]
    return cells, paid


def test_a_fund_of_others_stays_published_beside_a_maggiorazione_of_one():
    # the maggiorazione paid one person (primary). Total − EQ − premi would give it, so one of premi and EQ goes:
    # the premi, which hold that person, not the EQ fund of three others (its stanziato is printed by the national
    # provisions' table too). The stanziato of the premi (paid whole: = premi) and of the maggiorazione (= its pay) go
    # with them; the EQ's 9.000 and 7.130,14 stay: premi + maggiorazione = 21.130,14 − 7.130,14 = 14.000 says nobody's
    cells, paid = valsavio_cells()
    assert control(cells, paid) == {
        "magg": SMALL,
        "premi": WITHHELD,
        "premi:stanziato": WITHHELD,
        "magg:stanziato": WITHHELD,
    }


def test_a_figure_the_required_totals_give_is_never_withheld():
    # two pools: A paid 4 people whole, B paid 5 people and left a residual; the totals (required) are A + B and
    # A + B + residual. A lone small cell C (person 0 of A) is withheld; B's stanziato − B's distributed = residual =
    # stanziato total − distributed total: withholding B's stanziato would protect nothing a reader cannot redo
    a, b = frozenset(range(4)), frozenset(range(4, 9))
    paid = {i: frozenset({"A"}) for i in a} | {i: frozenset({"B"}) for i in b}
    cells = [
        Cell("C", frozenset({0}), pools=frozenset({"A"})),
        Cell("A", a, pools=frozenset({"A"}), keep=1),
        Cell("B", b, pools=frozenset({"B"}), keep=1),
        Cell("tot", a | b, pools=frozenset({"A", "B"}), required=True),
        Cell("B:st", b, pools=frozenset({"B"}), keep=3, primary=False, residuals=frozenset({"B"})),
        Cell("tot:st", a | b, pools=frozenset({"A", "B"}), required=True, residuals=frozenset({"B"}), primary=False),
    ]
    hidden = control(cells, paid)
    assert hidden["C"] == SMALL
    assert "B:st" not in hidden  # B:st = tot:st − tot + B, and B is published
    assert "B" not in hidden or "A" not in hidden


def test_a_cell_the_required_totals_give_is_published_and_the_next_one_withheld():
    # A paid 4 people (0–3), B paid 5 (4–8); the totals A + B and A are required. C, person 4's share of B, is 1
    # person: withheld. B − B2 (persons 5–8) would give C back; B, the cheaper cell to withhold (keep 0), is A + B − A,
    # redone from the required totals: withholding it protects nothing, so B2 goes
    a, b = frozenset(range(4)), frozenset(range(4, 9))
    paid = {i: frozenset({"A"}) for i in a} | {i: frozenset({"B"}) for i in b}
    cells = [
        Cell("C", frozenset({4}), pools=frozenset({"B"})),
        Cell("B", b, pools=frozenset({"B"}), keep=0),
        Cell("B2", b - {4}, pools=frozenset({"B"}), keep=1),
        Cell("totA", a, pools=frozenset({"A"}), required=True),
        Cell("tot", a | b, pools=frozenset({"A", "B"}), required=True),
    ]
    assert control(cells, paid) == {"C": SMALL, "B2": WITHHELD}


def test_a_withheld_figure_reads_in_words_never_as_less_than_three():
    assert disclosure.said(SMALL) == "riservato"
    assert disclosure.said(WITHHELD) == "riservato"
    assert disclosure.said("") == ""


def _person(pay: str) -> Person:
    return Person(
        "personale", "valutato", None, Decimal(pay), Decimal(80), frozenset({"premi"} if Decimal(pay) else ())
    )


def test_tiers_of_one_or_two_merge_down_and_the_unpaid_have_their_own_line():
    # Ollastra's staff: highest 3.000; 90% = 2.700, 60% = 1.800. One at 3.000 (90–100%), two at 2.000 and 1.900
    # (60–90%), four under 1.800, two paid € 0. 90–100% has 1: merged with 60–90% → 1 + 2 = 3 «dal 60% al 100%»;
    # «sotto il 60%» 4 (never the two paid nothing: no share of the highest); «senza premio» 2
    pays = ["3000", "2000", "1900", "1500", "1200", "1000", "800", "0", "0"]
    everyone = [_person(p) for p in pays]
    found = {ln.item: ln.count for ln in tier_lines(everyone, "personale", list(range(9)))}
    assert found == {
        "persone con premio dal 60% al 100% del più alto": 3,
        "persone con premio sotto il 60% del più alto": 4,
        "persone senza premio": 2,
    }


def test_three_eq_one_per_tier_publish_no_tier():
    # Valsavio's EQ: 3.500, 2.500, 1.130,14: 90% of 3.500 = 3.150, 60% = 2.100 → one in each tier; 1 + 1 = 2 is still
    # under 3, so 1 + 1 + 1 = 3 from 0% to 100%: no range of pay, a line that says the tiers are one (three lines
    # gone without a word read as dropped)
    assert merged_tiers([(90, 100, [0]), (60, 90, [1]), (0, 60, [2])]) == [(0, 100, [0, 1, 2])]
    everyone = [_person("3500"), _person("2500"), _person("1130.14")]
    assert [(ln.item, ln.count) for ln in tier_lines(everyone, "personale", [0, 1, 2])] == [
        (
            "persone con premio a ogni quota del più alto (le righe dal 90%, dal 60% al 90% e sotto il 60% unite per la "
            "riservatezza)",
            3,
        ),
        ("persone senza premio", 0),
    ]


def test_an_ente_paid_to_two_says_its_total_in_words_and_names_units_without_codes(ciclope_ente, tmp_path):
    """premi-art20.csv of a Comune whose premio paid two people, and its public Relazione: the ente's distribuiti is
    their pay, withheld in words (never «<3», which where euros go reads «less than € 3»); an objective's
    responsible unit is named as the office calls it, without the code it gave it (the objective's own code, the
    plan's, stays)."""
    people = ["id,name,role,category,unit,fte,absence_days,insufficient,evaluator",
              "SEG,Segretario,segretario,DIR,com,1,0,false,"]  # fmt: skip
    cards = ["person,evaluator,section,item,max_points,points,weight"]
    for pid, score in (("S01", 98), ("S02", 96)):
        people.append(f"{pid},Persona {pid},dipendente,C,amm,1,0,false,SEG")
        cards.append(f"{pid},SEG,scheda,Valutazione complessiva,100,{score},")
    data = {
        "units.csv": "id,name,kind,parent,head\ncom,Comune di Due,ente,,SEG\namm,Area Finanziaria,area,com,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,amm\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(people) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": 'name = "Comune di Due"\n[funds]\nperformance_individuale = "3000.00"\n',
    }
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION.split("[risultato_po]")[0], encoding="utf-8")
    result = ciclope_ente("regolamento", data, year=2024, params={"regolamento": str(path)})
    rows = {tuple(line.split(";")[:2]): line.split(";")[2] for line in art20.render(result).splitlines()[1:]}
    # S01 98 and S02 96 are both «pieno» (from 95): 1000.00 × 1 each, 2000.00 of 3000.00 to two people: withheld;
    # the stanziati, 3000.00, are the fund, public whoever received it
    assert rows[("tutto il personale", "premi stanziati (€)")] == "3000,00"
    assert rows[("tutto il personale", "premi distribuiti (€)")] == "riservato"
    assert "2000,00" not in art20.render(result)
    page = re.sub(r"<[^>]+>", "|", public.render(result))
    assert "<3" not in page.replace("&lt;3", "<3") and "2.000,00" not in page
    assert "responsabile Area Finanziaria" in page and "(amm)" not in page
    assert "OB1 — Servizi" in page


def test_the_staff_total_the_destinations_give_is_withheld_beside_the_ente_s_total():
    # case Y of the blind testers: 2 EQ (people 0–1, pool EQ, 1.800 + 2.000 = 3.800), 9 staff (2–10) paid from ORG
    # (destined whole: its stanziato 6.000 is required) and IND, from whose destination 14.000 a maggiorazione MAG
    # was set aside for person 2 (IND + acc = 14.000, MAG − acc = 0: two required equations). The ente's distributed
    # 23.800 is required. «personale: distribuito» (ORG + IND + MAG = 20.000) is only a sum of the destinations,
    # never printed as one: beside 23.800 it gives the EQ's 3.800 by one subtraction (23.800 − 20.000), so it is
    # withheld, while ORG's distributed, which its printed stanziato restates (paid whole), stays published
    eq, staff = frozenset({0, 1}), frozenset(range(2, 11))
    paid = {i: frozenset({"EQ"}) for i in eq} | {i: frozenset({"ORG", "IND"}) for i in staff}
    paid[2] = frozenset({"ORG", "IND", "MAG"})
    cells = [
        Cell("EQ", eq, pools=frozenset({"EQ"}), keep=1),
        Cell("ORG", staff, pools=frozenset({"ORG"}), keep=1),
        Cell("personale", staff, pools=frozenset({"ORG", "IND", "MAG"}), keep=1),
        Cell("tot", eq | staff, pools=frozenset({"EQ", "ORG", "IND", "MAG"}), required=True),
        Cell("ORG:st", staff, pools=frozenset({"ORG"}), required=True, primary=False, counted=False),
        Cell("IND:dest", staff, pools=frozenset({"IND"}), required=True, primary=False, unknowns=(("acc", 1),)),
        Cell(
            "MAG:dest", frozenset({2}), pools=frozenset({"MAG"}), required=True, primary=False, unknowns=(("acc", -1),)
        ),
    ]
    hidden = control(cells, paid)
    assert hidden == {"EQ": SMALL, "personale": WITHHELD}
