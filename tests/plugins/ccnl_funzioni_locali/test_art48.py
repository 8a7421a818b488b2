"""Art. 48 CCNL Funzioni Locali 23.2.2026 (rules/ccnl_funzioni_locali.md §2 point 7): the maggiorazione of the
individual premium in the cycles from 2026 — its minimum by the ente's size and by the ente-wide objectives option,
not applicable with at most 5 employees, the CCDI's tie criteria at the cut — and the 2022 text unchanged before.
Every figure worked out by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from ciclope.core.inputs.config import EnteConfig, resolve_params
from ciclope.core.reports import transparency
from ciclope.core.reports.relazione import build
from ciclope.core.run.explain import explain
from ciclope.core.run.runner import compute
from ciclope.core.schede.content import build as build_scheda
from ciclope.core.testing import write_ente
from ciclope.plugins.ccnl_funzioni_locali import art48, art69

from helpers import CARD_HEADER, STAFF_HEADER

POOL = "performance_individuale"
SMVP = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Prova"
tipo_ente = "comune"
comparto = "funzioni_locali"

[premio]
metodo = "proporzionale"
fonte = "art. 9"
"""


def comune(staff: list[tuple[str, int, int, str]], fund: str) -> dict[str, str]:
    """A Comune of one unit: the Segretario SEG evaluates ``staff`` = (id, «Risultati» points of 50, «Comportamenti»
    points of 50, birth date or ""); the card's score is their sum (rules/core.md §3, unweighted: points over maxima)."""
    people = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{born}" for pid, _, _, born in staff]
    cards = [
        line
        for pid, r, c, _ in staff
        for line in (f"{pid},SEG,Risultati,Obiettivi,50,{r},", f"{pid},SEG,Comportamenti,Collaborazione,50,{c},")
    ]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(
            [STAFF_HEADER + ",data_nascita", "SEG,Segretario,segretario,DIR,com,1,0,false,,", *people]
        )
        + "\n",
        "evaluations.csv": "\n".join([CARD_HEADER, *cards]) + "\n",
        "ente.toml": f'name = "Comune di Prova"\n[funds]\n{POOL} = "{fund}"\n',
    }


def run(tmp_path: Path, files: dict[str, str], year: int, national: dict | None):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "smvp.toml").write_text(SMVP, encoding="utf-8")
    overrides = {"regolamento": str(tmp_path / "smvp.toml")}
    params, problems = resolve_params("regolamento", year, overrides, "cycle.toml", national or {})
    assert [p.message for p in problems] == []
    folder = write_ente(tmp_path / "ente", files)
    cfg = EnteConfig(id="prova", plugin="regolamento", data=folder, overrides=overrides, params=params)
    return compute(cfg, year)


def rules_of(result) -> set[str]:
    return {p.rule for p in result.violations}


def extra(result) -> dict[str, D]:
    return {a.person: a.amount for a in result.rewards.awards.values() if a.pool == art69.POOL}


# 40 staff: S01 50+48 = 98, S02 50+46 = 96, S03 50+44 = 94, then two at 92: S04 46+46 (Comportamenti 46/50 → 92)
# and S05 50+42 (Comportamenti 84), then S06..S40 at 40+40 = 80. A fund of 40,000.00 split in proportion to the
# score pays everyone: the mean of the premiums attributed is 40,000.00 / 40 = 1,000.00.
FORTY = [("S01", 50, 48, ""), ("S02", 50, 46, ""), ("S03", 50, 44, ""), ("S04", 46, 46, ""), ("S05", 50, 42, "")]
FORTY += [(f"S{i:02d}", 40, 40, "") for i in range(6, 41)]


def test_forty_employees_a_tie_at_the_cut_broken_by_a_declared_section(tmp_path):
    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, comune(FORTY, "40000.00"), 2026, {"maggiorazione": rule})
    # M = 0.30 × 1,000.00 = 300.00; places = floor(0.10 × 40) = 4: S01, S02, S03 and one of the two at 92 — S04's
    # «Comportamenti» (92) beats S05's (84): S04 takes the fourth place, S05 is out
    assert extra(result) == {"S01": D("300.00"), "S02": D("300.00"), "S03": D("300.00"), "S04": D("300.00")}
    assert "ccnl.maggiorazione.parita" not in rules_of(result)
    # the set-aside 4 × 300.00 = 1,200.00: the proportional split paid the whole fund (no residual), so the fund is
    # split once more, reduced to 38,800.00; with the set-aside, 40,000.00 to the cent
    pools = result.rewards.pools
    assert (pools[art69.POOL].amount, pools[POOL].amount) == (D("1200.00"), D("38800.00"))
    figure = result.figures["art69:maggiorazione"]
    assert figure.label.startswith("art. 48 CCNL Funzioni Locali 23.2.2026") and "al 30%" in figure.formula
    note = result.figures["art69:quota:ente"].note
    # which criterion decided, on which values (46 and 42 points of 50, as on the card), people by name
    assert (
        "punteggio della sezione «Comportamenti»: 46 su 50 per Persona S04 (S04) e 42 su 50 per Persona S05 "
        "(S05), decide (prima il punteggio più alto): entra nella quota Persona S04 (S04), resta fuori Persona S05 "
        "(S05)"
    ) in note
    # cited by its article in every document: the published tables, the scheda of the person paid
    assert "Maggiorazione del premio individuale (art. 48 CCNL Funzioni Locali 23.2.2026): distribuito;4;" in (
        transparency.render(result)
    )
    (magg,) = [p for p in build_scheda(result, "S04").payments if p.amount == "€ 300,00"]
    assert magg.pool == "Maggiorazione del premio individuale (art. 48 CCNL Funzioni Locali 23.2.2026)"


def test_forty_employees_without_tie_criteria_a_warning_and_the_tie_excluded(tmp_path):
    result = run(tmp_path, comune(FORTY, "40000.00"), 2026, {"maggiorazione": {"share": 0.30, "quota": 0.10}})
    # no criteria: S04 and S05, tied at 92 across the fourth place, are both out: S01, S02, S03
    assert sorted(extra(result)) == ["S01", "S02", "S03"]
    (warning,) = [p for p in result.violations if p.rule == "ccnl.maggiorazione.parita"]
    assert warning.severity == "warning" and "art. 48 CCNL Funzioni Locali 23.2.2026" in warning.message


def test_a_tie_the_criteria_do_not_break_is_excluded(tmp_path):
    # S05 becomes 46+46 like S04: the same 92, the same «Comportamenti» 92, the same 0 days of absence, and no
    # birth date: nothing breaks the tie across the fourth place, both are out (the quota is a maximum)
    people = [*FORTY[:4], ("S05", 46, 46, ""), *FORTY[5:]]
    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, comune(people, "40000.00"), 2026, {"maggiorazione": rule})
    assert sorted(extra(result)) == ["S01", "S02", "S03"]
    missing = [p for p in result.violations if p.rule == "ccnl.maggiorazione.parita_dato"]
    assert sorted(p.row for p in missing) == [6, 7]  # S04 and S05 have no data_nascita (rows 6 and 7 of people.csv)
    # with their birth dates, «eta» puts the older first: S05, born 1970, takes the place of S04, born 1980
    people = [*FORTY[:3], ("S04", 46, 46, "1980-05-01"), ("S05", 46, 46, "1970-05-01"), *FORTY[5:]]
    result = run(tmp_path / "b", comune(people, "40000.00"), 2026, {"maggiorazione": rule})
    assert sorted(extra(result)) == ["S01", "S02", "S03", "S05"]


def test_forty_employees_need_30_percent_unless_the_objectives_option(tmp_path):
    # 25% is the minimum of an ente of at most 10 employees: refused, with the data, for one of 40
    result = run(tmp_path, comune(FORTY, "40000.00"), 2026, {"maggiorazione": {"share": 0.25, "quota": 0.10}})
    (error,) = [p for p in result.violations if p.rule == "ccnl.maggiorazione.share"]
    assert "non può essere inferiore al 30%" in error.message and "art. 48 CCNL Funzioni Locali 23.2.2026" in (
        error.message
    )
    assert extra(result) == {}  # no money moves below the minimum
    # 20% without the objectives option is below every minimum of the contract: a configuration error
    low = {"share": 0.20, "quota": 0.10, "parita": ["assenze"]}
    ((problem,),) = [resolve_params("bergamo", 2026, {}, "cycle.toml", {"maggiorazione": low})[1]]
    assert problem.column == "nazionale.maggiorazione.quota_premio" and "25%" in problem.message
    # with part of the variable resources tied to the whole ente's objectives (art. 48 c. 4) 20% is the minimum:
    # M = 0.20 × 1,000.00 = 200.00 to S01, S02, S03 (the tie at 92 is not broken by «assenze»: both 0 days)
    result = run(tmp_path / "b", comune(FORTY, "40000.00"), 2026, {"maggiorazione": {**low, "obiettivi_ente": True}})
    assert "ccnl.maggiorazione.share" not in rules_of(result)
    assert extra(result) == {"S01": D("200.00"), "S02": D("200.00"), "S03": D("200.00")}


# 10 staff: T01 98, T02 96, T03..T10 at 80: a fund of 10,000.00 paid whole, the mean 1,000.00
TEN = [("T01", 50, 48, ""), ("T02", 50, 46, "")] + [(f"T{i:02d}", 40, 40, "") for i in range(3, 11)]


def test_ten_employees_may_have_25_percent_eleven_may_not(tmp_path):
    rule = {"share": 0.25, "quota": 0.2, "parita": ["assenze"]}
    result = run(tmp_path, comune(TEN, "10000.00"), 2026, {"maggiorazione": rule})
    # at most 10 employees: 25% is enough; M = 0.25 × 1,000.00 = 250.00; places = floor(0.2 × 10) = 2: T01, T02
    assert extra(result) == {"T01": D("250.00"), "T02": D("250.00")}
    assert "ccnl.maggiorazione.share" not in rules_of(result)
    # with the ente-wide objectives option the lower of the two minima, 20%, holds: M = 0.20 × 1,000.00 = 200.00
    goals = {**rule, "share": 0.20, "obiettivi_ente": True}
    result = run(tmp_path / "c", comune(TEN, "10000.00"), 2026, {"maggiorazione": goals})
    assert extra(result) == {"T01": D("200.00"), "T02": D("200.00")}
    assert "ccnl.maggiorazione.share" not in rules_of(result)
    eleven = [*TEN, ("T11", 40, 40, "")]
    result = run(tmp_path / "b", comune(eleven, "11000.00"), 2026, {"maggiorazione": rule})
    (error,) = [p for p in result.violations if p.rule == "ccnl.maggiorazione.share"]
    assert "inferiore al 30%" in error.message and "l'ente ha 11 dipendenti, più di 10" in error.message
    assert extra(result) == {}


def test_five_employees_no_maggiorazione_no_warning_and_the_relazione_says_why(tmp_path):
    five = TEN[:5]
    result = run(tmp_path, comune(five, "5000.00"), 2026, None)
    # art. 48 c. 5: not applicable with at most 5 employees (the Segretario is not counted): no money moves and no
    # warning that the maggiorazione is not configured
    assert art48.employees(result.ente) == 5
    assert extra(result) == {} and "ccnl.art69.not_configured" not in rules_of(result)
    page = str(build(result))
    assert "non si applica: ente con non più di 5 dipendenti" in page
    # six employees: it applies, and without [ente.national] the warning names art. 48
    result = run(tmp_path / "b", comune(TEN[:6], "6000.00"), 2026, None)
    (warning,) = [p for p in result.violations if p.rule == "ccnl.art69.not_configured"]
    assert "art. 48 CCNL Funzioni Locali 23.2.2026" in warning.message


@pytest.mark.parametrize("key, value", [("obiettivi_ente", True), ("parita", ["assenze"])])
def test_the_keys_of_the_2026_contract_are_an_error_before_it(key, value):
    rule = {"share": 0.30, "quota": 0.10, key: value}
    _, problems = resolve_params("bergamo", 2025, {}, "cycle.toml", {"maggiorazione": rule})
    (problem,) = problems
    assert problem.column == f"nazionale.maggiorazione.{key}"
    assert "art. 81 CCNL Funzioni Locali 16.11.2022" in problem.message and "2025" in problem.message
    assert resolve_params("bergamo", 2026, {}, "cycle.toml", {"maggiorazione": rule})[1] == []


def test_a_tie_criterion_is_named_by_its_place_counted_from_one(tmp_path):
    # «xx» is the second criterion of the list and «eta» written again the third: parita[2] and parita[3], as an
    # office counts them (and as every other message counts a list), never parita[1] and parita[2]
    rule = {"share": 0.30, "quota": 0.10, "parita": ["eta", "xx", "eta"]}
    _, problems = resolve_params("bergamo", 2026, {}, "cycle.toml", {"maggiorazione": rule})
    assert [p.column for p in problems] == ["nazionale.maggiorazione.parita[2]", "nazionale.maggiorazione.parita[3]"]
    # a key of the 2026 contract cites its article, never the art. 69 of 2018 it does not exist in
    assert {p.source.partition(";")[0].partition(" (")[0] for p in problems} == {
        "art. 48 CCNL Funzioni Locali 23.2.2026"
    }
    # a section no card has, the second criterion: parita[2] where the ente is read
    rule = {"share": 0.30, "quota": 0.10, "parita": ["assenze", "sezione:Pippo"]}
    result = run(tmp_path, comune(FORTY, "40000.00"), 2026, {"maggiorazione": rule})
    (unknown,) = [p for p in result.violations if p.rule == "ccnl.maggiorazione.parita"]
    assert unknown.column == "nazionale.maggiorazione.parita[2]" and "«Pippo»" in unknown.message


def test_the_2022_text_is_unchanged_before_2026(tmp_path):
    # 2025, 40 staff: share ≥ 0.30 only; the tie at 92 across the fourth place is excluded without the warning that
    # tie criteria are not declared (the 2022 text asks for none); the tie itself is said, naming who it left out
    result = run(tmp_path, comune(FORTY, "40000.00"), 2025, {"maggiorazione": {"share": 0.30, "quota": 0.10}})
    assert sorted(extra(result)) == ["S01", "S02", "S03"]
    assert "ccnl.maggiorazione.parita" not in rules_of(result)
    assert "ccnl.maggiorazione.pari_merito" in rules_of(result)
    assert result.figures["art69:maggiorazione"].label.startswith("art. 81 CCNL Funzioni Locali 16.11.2022")
    _, problems = resolve_params("bergamo", 2025, {}, "cycle.toml", {"maggiorazione": {"share": 0.25, "quota": 0.1}})
    assert ["30%" in p.message for p in problems] == [True]


def with_fund(files: dict[str, str], *rows: str) -> dict[str, str]:
    """``files`` with a 2026 fondo sheet that destines the premium pool (the 40,000.00 [funds] types: they agree) and
    ``rows`` more (``voce,importo,numero,atto``)."""
    sheet = [
        "voce,importo,numero,data,uso,fondo_premi,atto",
        "unico_importo_2017,50000.00,,,,,",
        *(f"{v},{i},{n},,,,{a}" for v, i, n, a in (r.split(",") for r in rows)),
        f"destinazione,40000.00,,,performance_individuale,{POOL},CCDI 2026",
    ]
    return {**files, "fondo.csv": "\n".join(sheet) + "\n"}


def test_the_objectives_option_without_those_resources_in_the_fund_is_an_error(tmp_path):
    low = {"share": 0.20, "quota": 0.10, "parita": ["assenze"], "obiettivi_ente": True}
    # the fund constituted in ciclope has no resources of art. 79 c. 2 lett. c (no obiettivi_ente row): art. 48 c. 4
    # does not apply, so the minimum is the 30% of an ente of 40 employees (more than 10); 20% is below it: an error
    # naming art. 48 c. 4 and the fund's row, and no money moves (as for any share below the minimum)
    result = run(tmp_path, with_fund(comune(FORTY, "40000.00")), 2026, {"maggiorazione": low})
    (error,) = [p for p in result.violations if p.rule == "ccnl.maggiorazione.obiettivi_ente"]
    assert error.severity == "error" and error.file == "fondo.csv" and error.column == "importo"
    assert "art. 48 c. 4" in error.message and "obiettivi_ente" in error.message and "30%" in error.message
    assert "l'ente ha 40 dipendenti, più di 10" in error.message
    assert "ccnl.maggiorazione.share" not in rules_of(result)  # said once
    assert extra(result) == {}
    page = str(build(result))
    assert "il fondo risorse decentrate 2026 non ha risorse per obiettivi dell'intero ente" in page
    # an empty obiettivi_ente row (as the template writes it) is named by its row: row 3 of fondo.csv
    result = run(
        tmp_path / "b", with_fund(comune(FORTY, "40000.00"), "obiettivi_ente,0.00,,"), 2026, {"maggiorazione": low}
    )
    (error,) = [p for p in result.violations if p.rule == "ccnl.maggiorazione.obiettivi_ente"]
    assert (error.file, error.row) == ("fondo.csv", 3)
    # with 1,000.00 of those resources, 20% is the minimum: M = 0.20 × (40,000.00 / 40 = 1,000.00) = 200.00 to S01,
    # S02, S03 (the tie at 92 is not broken by «assenze»: both 0 days)
    goals = with_fund(comune(FORTY, "40000.00"), "obiettivi_ente,1000.00,,Delibera GC 3/2026")
    result = run(tmp_path / "c", goals, 2026, {"maggiorazione": low})
    assert "ccnl.maggiorazione.obiettivi_ente" not in rules_of(result)
    assert extra(result) == {"S01": D("200.00"), "S02": D("200.00"), "S03": D("200.00")}
    # a share of 30% needs no art. 48 c. 4: the declaration is wrong but changes nothing, a warning; M = 0.30 ×
    # 1,000.00 = 300.00
    result = run(tmp_path / "d", with_fund(comune(FORTY, "40000.00")), 2026, {"maggiorazione": {**low, "share": 0.30}})
    (warning,) = [p for p in result.violations if p.rule == "ccnl.maggiorazione.obiettivi_ente"]
    assert warning.severity == "warning" and "art. 48 c. 4" in warning.message
    assert extra(result) == {"S01": D("300.00"), "S02": D("300.00"), "S03": D("300.00")}


def test_the_art_60_head_counts_are_compared_with_the_staff_sheet(tmp_path):
    files = comune(FORTY, "40000.00")
    # S40 is hired on 1.3.2026: not in service on 1.1.2026, the date of the art. 60 counts; the other 39 staff are
    # Istruttori (category C) in service at that date; the Segretario (DIR) receives no indennità di comparto
    lines = files["people.csv"].splitlines()
    lines = [lines[0] + ",assunzione", *(f"{x}," for x in lines[1:-1]), lines[-1] + ",2026-03-01"]
    files["people.csv"] = "\n".join(lines) + "\n"
    areas = ("comparto_funzionari,,0,", "comparto_operatori_esperti,,0,", "comparto_operatori,,0,")
    result = run(tmp_path, with_fund(files, "comparto_istruttori,,41,", *areas), 2026, {})
    # declared 41, the staff sheet says 39: a warning at the row (row 3 of fondo.csv, column numero), the reading said
    (warning,) = [p for p in result.violations if p.rule == "ccnl.fondo.personale"]
    assert warning.severity == "warning" and (warning.file, warning.row, warning.column) == ("fondo.csv", 3, "numero")
    assert "comparto_istruttori = 41" in warning.message and "39" in warning.message
    assert "al 1.1.2026" in warning.message and "Istruttori" in warning.message
    # 39 declared: nothing to say (the zero areas agree with the sheet too)
    result = run(tmp_path / "b", with_fund(files, "comparto_istruttori,,39,", *areas), 2026, {})
    assert "ccnl.fondo.personale" not in rules_of(result)


def test_the_pool_s_explanation_subtracts_the_set_aside(tmp_path):
    from ciclope.core.run.explain import explain

    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, with_fund(comune(FORTY, "40000.00")), 2026, {"maggiorazione": rule})
    # M = 0.30 × 1,000.00 = 300.00 to 4 people: 1,200.00 set aside; nothing was left unpaid, so the premiums are split
    # on 40,000.00 − 1,200.00 = 38,800.00. The fund the premiums read (38,800.00) opens on that subtraction, so that
    # a reader redoes it, and only below it on the 40,000.00 the fondo destines
    lines = [line.strip() for line in explain(result, "pool", POOL).splitlines()]
    head = (
        "■ art. 48 CCNL Funzioni Locali 23.2.2026 — Premi per la performance individuale dopo l'accantonamento = "
        "€ 38.800,00"
    )
    assert lines[3] == head  # the first figure, as the header's «Stanziato € 38.800,00»
    assert lines[4].startswith("formula: fondo intero − accantonamento per la maggiorazione")
    assert "nota:    € 40.000,00 − € 1.200,00 accantonati per la maggiorazione = € 38.800,00" in lines[5:8]
    assert lines[lines.index(head) :].count("• fondo intero = € 40.000,00") == 1
    assert (
        "• accantonati per la maggiorazione del premio individuale (art. 48 CCNL Funzioni Locali 23.2.2026) = "
        "€ 1.200,00" in lines
    )
    # the premiums' fund leads there, never straight to the 40,000.00 (another figure than the one it shows)
    paid = [
        line
        for line in lines
        if line.startswith("• fondo: € 40.000,00 − € 1.200,00 accantonati per la maggiorazione = ")
    ]
    assert paid and all(line.endswith("dopo l'accantonamento)") for line in paid), paid


def test_a_tie_broken_by_the_criteria_says_which_decided_and_the_values_compared(tmp_path):
    # S04 and S05 both 46 + 46 = 92, tied across the fourth place; «Comportamenti» 46 of 50 each: the
    # same, so the next criterion decides: S04 has 3 days of absence, S05 8: S04 takes the place, S05 is out
    people = [*FORTY[:4], ("S05", 46, 46, ""), *FORTY[5:]]
    files = comune(people, "40000.00")
    days = {"S04": "3", "S05": "8"}
    files["people.csv"] = "\n".join(
        line.replace(",1,0,false,", f",1,{days[line[:3]]},false,") if line[:3] in days else line
        for line in files["people.csv"].splitlines()
    )
    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, files, 2026, {"maggiorazione": rule})
    assert sorted(extra(result)) == ["S01", "S02", "S03", "S04"]
    said = (
        "punteggio della sezione «Comportamenti»: 46 su 50 per Persona S04 (S04) e 46 su 50 per Persona S05 (S05), "
        "pari; "
        "giorni di assenza: 3 per Persona S04 (S04) e 8 per Persona S05 (S05), decide (prima chi ne ha meno): entra "
        "nella quota Persona S04 (S04), resta fuori Persona S05 (S05)"
    )
    note = result.figures["art69:quota:ente"].note
    assert "pari merito al taglio (punteggio 92,00): Persona S04 (S04) e Persona S05 (S05)" in note
    assert said in note
    # the person left out reads the tie in words that fit anyone (no «ammessa», no «esclusi» for one), without the
    # colleague (their scheda says it): which criterion decided and their own datum alone; the people tied and the
    # criteria's story, by name, are the figure's inputs
    out = result.figures["ammesso:maggiorazione_art69:S05"]
    assert out.note == (
        "pari merito al limite della quota con un'altra persona di pari punteggio, per 1 posto; la parità è decisa "
        "dai criteri del contratto integrativo: con il punteggio della sezione «Comportamenti» pari (46 su 50), dai "
        "giorni di assenza (prima chi ne ha meno), dove il suo dato è 8 e l'altra persona a pari merito ne ha di meno"
    )
    assert "decide" not in out.note.split("decisa", 1)[1]  # one sentence, the verb said once
    assert "S04" not in out.note and " 3 " not in out.note
    inputs = {i.name: i.value for i in out.inputs}
    assert inputs["persone a pari merito"] == "Persona S04 (S04) e Persona S05 (S05)"
    assert inputs["criteri di parità del contratto integrativo"] == said


def test_a_person_below_the_places_is_told_their_place_and_never_another_s_score(tmp_path):
    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, comune(FORTY, "40000.00"), 2026, {"maggiorazione": rule})
    # places = floor(0.10 × 40) = 4: S01 98, S02 96, S03 94, S04 92 (the tie with S05 broken by «Comportamenti»);
    # S05 is the tie's, told by the tie; S06..S40 all 80 points, each 6th by score (five people score more), among
    # the 40 who receive the premio individuale (all paid above zero); the last beneficiary's 92 points are never
    # said: in a small ente they would name S04
    note = result.figures["ammesso:maggiorazione_art69:S06"].note
    # of the person in the third person, never their name and code on their own scheda; the ranking named
    assert note == (
        "è al 6° posto per punteggio tra i 40 che ricevono il premio individuale nella graduatoria unica dell'ente, "
        "su 40 valutati; la maggiorazione ha 4 posti (quota × 40 valutati, per difetto)"
    )
    assert "92,00" not in note
    assert result.figures["ammesso:maggiorazione_art69:S40"].value is False
    assert "pari merito al limite della quota" in result.figures["ammesso:maggiorazione_art69:S05"].note
    assert not any(f"ammesso:maggiorazione_art69:S0{i}" in result.figures for i in range(1, 5))
    # the person reads it in their explanation, with the article: paid the premium, the maggiorazione «non spetta»
    text = explain(result, "person", "S06")
    assert "Non pagato:" not in text
    assert (
        "\nMaggiorazione del premio individuale (art. 48 CCNL Funzioni Locali 23.2.2026): non spetta — è al 6° posto"
        in text
    )
    # the note says it whole: the score is the person's own, on the scheda already, the ranking is in the note; no
    # bracket of the values read repeats them after it
    assert "(quota × 40 valutati, per difetto)\n" in text and "per difetto) (punteggio = " not in text
    assert "ultimo beneficiario" not in text


def test_the_provisions_table_says_its_figures_in_words():
    from ciclope.plugins.ccnl_funzioni_locali.national import in_force
    from ciclope.plugins.ccnl_funzioni_locali.report import describe

    # art. 48 c. 5: the figure is a number of employees, not a bare «5»; a provision with no figure (the CCDI's tie
    # criteria) reads «—», as every missing figure of the documents does, never «-»
    assert describe(in_force("maggiorazione_non_applicabile", 2026)) == "5 dipendenti"
    assert describe(in_force("maggiorazione_parita", 2026)) == "—"


def test_the_only_one_who_receives_the_premium_is_told_so_in_words_for_one(tmp_path):
    # six employees (more than 5: the maggiorazione applies), only S01 with a card (40 + 40 = 80): the ranking has 1
    # evaluated, who alone receives the premio individuale; places = floor(0.10 × 1) = 0. One person is «la sola»,
    # «su 1 valutato»: never «tra i 1 che ricevono», «su 1 valutati»
    files = comune([("S01", 40, 40, "")] + [(f"S0{i}", 40, 40, "") for i in range(2, 7)], "1000.00")
    cards = files["evaluations.csv"].splitlines()
    files["evaluations.csv"] = "\n".join(
        line for line in cards if not line.startswith(("S02", "S03", "S04", "S05", "S06"))
    )
    result = run(tmp_path, files, 2026, {"maggiorazione": {"share": 0.30, "quota": 0.10}})
    note = result.figures["ammesso:maggiorazione_art69:S01"].note
    assert note == (
        "è la sola persona della graduatoria unica dell'ente che riceve il premio individuale, su 1 valutato; la "
        "quota del personale valutato (1) non dà nessun posto"
    )


def test_the_scheda_lets_a_beneficiary_redo_the_maggiorazione(tmp_path):
    """The scheda said «maggiorazione € 300,00» and «maggiorazione a ciascun beneficiario entro la quota della sua
    graduatoria», circular: it says share × mean, the mean an aggregate of the 40 paid (40.000,00 / 40 = 1.000,00),
    and 30% × € 1.000,00 = € 300,00."""
    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, comune(FORTY, "40000.00"), 2026, {"maggiorazione": rule})
    (magg,) = [p for p in build_scheda(result, "S01").payments if p.amount == "€ 300,00"]
    assert magg.formula == (
        "quota del valore medio × valore medio pro capite dei premi attribuiti nell'ente, la stessa per ciascun "
        "beneficiario: i primi per punteggio entro la quota della graduatoria"
    )
    steps = [(line.label, line.value) for line in magg.steps]
    assert ("quota del valore medio (CCDI)", "30%") in steps
    assert ("valore medio pro capite dei premi attribuiti", "€ 1.000,00") in steps
    assert ("valutati positivamente (con un premio maggiore di zero)", "40") in steps
    assert ("graduatoria", "unica dell'ente") in steps and ("posizione tra i beneficiari", "1") in steps


def test_the_scheda_withholds_a_mean_of_fewer_than_three_paid(tmp_path):
    """Two paid of forty (the other 38 scored 0, no premium): the mean 40.000,00 / 2 = 20.000,00 with one's own
    premium gives the colleague's; the scheda leaves it off and says why, the share and the amount stay."""
    staff = [("S01", 50, 48, ""), ("S02", 50, 46, "")] + [(f"S{i:02d}", 0, 0, "") for i in range(3, 41)]
    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, comune(staff, "40000.00"), 2026, {"maggiorazione": rule})
    # M = 0.30 × 20.000,00 = 6.000,00 each to S01 and S02 (places floor(0.10 × 40) = 4, two positively evaluated)
    (magg,) = [p for p in build_scheda(result, "S01").payments if p.amount == "€ 6.000,00"]
    steps = dict((line.label, line.value) for line in magg.steps)
    assert "valore medio pro capite dei premi attribuiti" not in steps and "€ 20.000,00" not in steps.values()
    assert steps["quota del valore medio (CCDI)"] == "30%"
    assert "meno di 3 persone" in magg.note


def test_the_person_a_section_leaves_out_reads_the_points_of_the_card_and_that_the_other_had_more(tmp_path):
    """An IPAB's scheda said «il suo dato è 90,00 su 100» where her card shows 27 of 30 in the section: the section's
    points as on the card, and, plainly, that the colleague had more there (neither named nor their points)."""
    rule = {"share": 0.30, "quota": 0.10, "parita": ["sezione:Comportamenti", "assenze", "eta"]}
    result = run(tmp_path, comune(FORTY, "40000.00"), 2026, {"maggiorazione": rule})
    # S04 and S05 tied at 92 for the fourth place; «Comportamenti»: S04 46 of 50, S05 42 of 50: S04 takes it
    out = result.figures["ammesso:maggiorazione_art69:S05"]
    assert out.note.endswith(
        "la parità è decisa dai criteri del contratto integrativo: dal punteggio della sezione «Comportamenti» "
        "(prima il punteggio più alto), dove il suo è 42 su 50 e l'altra persona a pari merito ne ha di più"
    ), out.note
    assert "46" not in out.note and "S04" not in out.note and "su 100" not in out.note
    # the office's figure names both, with the points of their cards
    said = {i.name: i.value for i in out.inputs}["criteri di parità del contratto integrativo"]
    assert said.startswith(
        "punteggio della sezione «Comportamenti»: 46 su 50 per Persona S04 (S04) e 42 su 50 per Persona S05 (S05), "
        "decide (prima il punteggio più alto)"
    ), said
