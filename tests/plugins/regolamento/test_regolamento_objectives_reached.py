"""``OBIETTIVI.RAGGIUNTI("codice"; soglia)``: the share of the child objectives of one objective of obiettivi.csv
whose achievement is at least a threshold — «il premio è modulato in base alla percentuale di obiettivi
trasversali raggiunti», «in proporzione al numero di obiettivi raggiunti». Every amount by hand, with the
arithmetic beside it; the funds and the objectives are examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format.expr import BOOL, EURO, LEVEL, NUMBER, PERCENT, POINTS
from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.read.formulas import Scope, read

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

SHARE = """\
formato = 2
[atto]
titolo = "Regolamento per la produttività del Comune di Obiettivi"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "formula"
valutazione = false
fondo = "produttivita"
importo = '=1000 € * OBIETTIVI.RAGGIUNTI("TRASV"; 100%)'
fonte = "art. 7"
"""

# TRASV is the parent of T1–T5; OB1 is no child of it. T5's only indicator is neutralised: no achievement.
OBJECTIVES = """\
id,kind,title,parent,area,weight,owner
TRASV,strategic,Obiettivi trasversali,,,,com
T1,operational,Tempi dei pagamenti,TRASV,,,com
T2,operational,Trasparenza,TRASV,,,com
T3,operational,Digitalizzazione,TRASV,,,com
T4,operational,Formazione,TRASV,,,com
T5,operational,Indagine di soddisfazione,TRASV,,,com
OB1,operational,Servizi al cittadino,,,,com
"""
INDICATORS_HEADER = (
    "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source"
)


def comune(actuals: dict[str, str], fund: str = "5000.00") -> dict[str, str]:
    """A Comune of one unit and two people at full time, A and B; each objective of one indicator with a target of
    10 (higher is better: actual / target), its actual from ``actuals``; T5 neutralised, OB1 at 5 of 10."""
    rows = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in ("A", "B")]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,70," for pid in ("A", "B")]
    files = one_unit_comune("Comune di Obiettivi", rows, cards, f'[funds]\nproduttivita = "{fund}"\n')
    files["objectives.csv"] = OBJECTIVES
    lines = [f"I{code},{code},Misura {code},higher,,,10,{actual},,,,," for code, actual in actuals.items()]
    lines += ["I5,T5,Indagine,higher,,,10,,,,true,indagine annullata,", "IOB1,OB1,Sportelli,higher,,,10,5,,,,,"]
    files["indicators.csv"] = "\n".join([INDICATORS_HEADER, *lines]) + "\n"
    return files


# T1, T2, T4 at 10 of 10 (100%), T3 at 9 of 10 (90%)
ACTUALS = {"T1": "10", "T2": "10", "T3": "9", "T4": "10"}


def test_three_of_four_reached_is_seventy_five_percent(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SHARE, comune(ACTUALS))
    # children of TRASV with an achievement: T1–T4 (T5 is neutralised, out of both counts; OB1 is no child);
    # at least 100%: T1, T2, T4 → 3 of 4 = 75% (the mean of the achievements, 97,5%, would give 975.00)
    # 1000 × 0.75 = 750.00 each; 5000 − 1500 = 3500.00 left
    assert amounts(result) == {"A": "750.00", "B": "750.00"}
    assert result.rewards.pools["produttivita"].residual == Decimal("3500.00")
    figure = next(f for key, f in result.figures.items() if key.endswith(":A") and f.value == Decimal("750.00"))
    fund, worked, share, *children, amount = figure.inputs
    assert (fund.name, worked.name) == ("fondo", "tempo lavorato")  # read by the part, around the formula
    assert amount.value == Decimal("750.00")  # 1000 × 0.75, the importo before the part's rounding
    assert (share.name, share.value) == (
        "la quota degli obiettivi figli di «TRASV» con raggiungimento almeno 100%: 3 su 4",
        Decimal("0.75"),
    )
    # then each child's achievement, with the figure that explains it; T5 with the reason it has none
    assert [(i.name, i.value, i.ref) for i in children] == [
        ("il raggiungimento dell'obiettivo «Tempi dei pagamenti» (T1)", 1, "objective:T1"),
        ("il raggiungimento dell'obiettivo «Trasparenza» (T2)", 1, "objective:T2"),
        ("il raggiungimento dell'obiettivo «Digitalizzazione» (T3)", Decimal("0.9"), "objective:T3"),
        ("il raggiungimento dell'obiettivo «Formazione» (T4)", 1, "objective:T4"),
        (
            "il raggiungimento dell'obiettivo «Indagine di soddisfazione» (T5) (nessun indicatore attivo e misurato (non valutato))",
            None,
            "",
        ),
    ]


def test_the_threshold_is_the_regulation_s(ciclope_ente, tmp_path):
    text = SHARE.replace("100%)", "90%)")
    result = run_declared(ciclope_ente, tmp_path, text, comune(ACTUALS))
    # at least 90%: T1–T4 all → 4 of 4 = 100%: 1000 × 1 = 1000.00 each
    assert amounts(result) == {"A": "1000.00", "B": "1000.00"}
    # at 100% again, T4 at 8 of 10 as well: T1 and T2 reached, 2 of 4 = 50%
    (tmp_path / "b").mkdir()
    half = run_declared(ciclope_ente, tmp_path / "b", SHARE, comune({**ACTUALS, "T4": "8"}))
    assert amounts(half) == {"A": "500.00", "B": "500.00"}  # 1000 × 0.5


def test_a_share_of_thirds_is_exact_until_the_cents(ciclope_ente, tmp_path):
    # T1 and T2 reached, T3 missed, T4's indicator inactive in the year ('-'): T4 has no achievement either,
    # so 2 of 3 are reached: 1000 × 2 / 3 = 666.666… → 666.67 each (never 0.6667 × 1000 = 666.70)
    actuals = {"T1": "10", "T2": "10", "T3": "9"}
    data = comune(actuals)
    data["indicators.csv"] += "I4,T4,Misura T4,higher,,,-,,,,,,\n"
    result = run_declared(ciclope_ente, tmp_path, SHARE, data)
    assert amounts(result) == {"A": "666.67", "B": "666.67"}


def test_explain_says_the_count_and_goes_down_to_each_child(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SHARE, comune(ACTUALS))
    text = explain(result, "person", "A")
    assert text is not None
    assert "  • la quota degli obiettivi figli di «TRASV» con raggiungimento almeno 100%: 3 su 4 = 75%\n" in text
    t3 = text.split("  • il raggiungimento dell'obiettivo «Digitalizzazione» (T3) = 90,00%\n", 1)[1]
    assert t3.lstrip().startswith("■ Obiettivo T3 — Digitalizzazione = 90,00%\n")  # its own figure, below it
    assert "consuntivo = 9   ← indicators.csv, riga 4, colonna consuntivo" in t3  # header, I1, I2, then I3


def test_a_code_without_children_or_unknown_is_an_error_naming_it(ciclope_ente, tmp_path):
    # OB1 is in obiettivi.csv but no row has it as parent; OB9 is not there at all: never a silent 0
    for code, why in (
        (
            "OB1",
            "legge gli obiettivi figli di «OB1», che non sono in objectives.csv: nessuna riga ha «OB1» come parent",
        ),
        ("OB9", "legge l'obiettivo «OB9», che non è in objectives.csv"),
    ):
        text = SHARE.replace('"TRASV"', f'"{code}"')
        (tmp_path / code).mkdir()
        result = run_declared(ciclope_ente, tmp_path / code, text, comune(ACTUALS))
        messages = [p.message for p in result.violations if p.rule == "regolamento.formula"]
        assert messages[0].startswith(
            f"parte «produttività»: la formula «=1000 € * OBIETTIVI.RAGGIUNTI(\"{code}\"; 100%)» {why}"
        ), messages
        assert len(messages) == 2  # one for each person, A and B
        assert [a for a in amounts(result).values() if a != "0.00"] == []


@pytest.mark.parametrize(
    "written, problem",
    [
        (
            "OBIETTIVI.RAGGIUNTI(TRASV; 100%)",
            "OBIETTIVI.RAGGIUNTI vuole per primo il codice dell'obiettivo superiore tra virgolette, come in "
            'obiettivi.csv, es. OBIETTIVI.RAGGIUNTI("TRASV"; 100%)',
        ),
        (
            'OBIETTIVI.RAGGIUNTI("TRASV"; 1)',
            "OBIETTIVI.RAGGIUNTI vuole una percentuale come soglia (es. 100%), non un numero",
        ),
        ('OBIETTIVI.RAGGIUNTI("TRASV")', "OBIETTIVI.RAGGIUNTI vuole 2 argomenti, ne ha 1"),
    ],
)
def test_the_code_is_written_and_the_threshold_is_a_percentage(tmp_path, written, problem):
    problems = regulation_problems(tmp_path, SHARE.replace('OBIETTIVI.RAGGIUNTI("TRASV"; 100%)', written))
    # line 11 of the file: the «importo» of the first part
    assert problems == [f"riga 11, chiave premi[1].importo: formula «=1000 € * {written}»: {problem}"]


OF_TYPE = {
    LEVEL: '=SE(OBIETTIVI.RAGGIUNTI("TRASV"; 100%) >= 75%; "A"; "B")',
    POINTS: '=SE(OBIETTIVI.RAGGIUNTI("TRASV"; 100%) >= 75%; 60; 70)',
    BOOL: '=OBIETTIVI.RAGGIUNTI("TRASV"; 100%) >= 75%',
    NUMBER: '=OBIETTIVI.RAGGIUNTI("TRASV"; 100%)',
    EURO: '=OBIETTIVI.RAGGIUNTI("TRASV"; 100%) * 1000 €',
    PERCENT: '=OBIETTIVI.RAGGIUNTI("TRASV"; 100%) * 50%',
}


@pytest.mark.parametrize("place", sorted(p for p in PLACES if PLACES[p].results))  # not before the results
def test_the_share_is_read_in_every_place(place):
    """One value for everyone, as ``OBIETTIVO``: a threshold reads it too, and a part without evaluation."""
    written = OF_TYPE[PLACES[place].result]
    assert read(written, Scope(PLACES[place], levels=("A", "B"))).text == written[1:]


def test_leggi_says_the_share_in_words(tmp_path):
    text = regulation_text(tmp_path, SHARE)
    assert (
        "€ 1.000,00 × la quota degli obiettivi figli di «TRASV» con raggiungimento almeno 100% "
        '(formula: =1000 € * OBIETTIVI.RAGGIUNTI("TRASV"; 100%))'
    ) in text
