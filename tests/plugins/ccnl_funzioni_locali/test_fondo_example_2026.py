"""A public, independently computed 2026 fund, reproduced to the cent: the validation cases of the published
calculator «Salario accessorio Funzioni Locali» (GitHub repository dinopusceddu/entilocaliapp, its wizard for the
2026 fund, tests in ``src/logic/wizard2026/__tests__/`` and ``src/logic/shared/__tests__/``), each case a 2026 fund
of its own (docs/fondo.md, «Un esempio pubblico»).

No published fund of a real Comune for 2026 with every item, its limit and its destination was found (docs/fondo.md
says what was searched); these are the parts of a 2026 fund for which an independent computation is public. Where the
calculator reads the contract otherwise than ciclope's rules, the case says so and shows ciclope's figure.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ciclope.core import Ente, Row, Trace, fmt
from ciclope.core.run import explain
from ciclope.plugins.ccnl_funzioni_locali.fondo import hook


def fund(rows: list[dict], year: int = 2026):
    table = tuple(Row(values=r, row=n) for n, r in enumerate(rows, start=2))
    trace = Trace()
    found = hook.ciclope_fund(Ente(id="e", name="Comune", year=year, tables={"fondo": table}), None, trace)
    return found, trace


def amount(voce: str, value: str, **more: str) -> dict:
    return {"voce": voce, "importo": D(value), **more}


def heads(voce: str, n: str) -> dict:
    return {"voce": voce, "numero": D(n)}


def line(f, key: str) -> D:
    return next(x.amount for x in f.constitution if x.key == key)


def rows_of(f, key: str) -> dict:
    return dict(next(c for c in f.checks if c.key == key).rows)


def test_the_calculator_s_golden_case_of_the_0_14_percent():
    """ccnl2026Increments.test.ts, «14. [GOLDEN TEST 0,14%] Monte salari 2021 = € 5.033.777,00»: the stable increase
    7,047.29 and the arrears 14,094.58, all to the fund (none to the EQ)."""
    f, trace = fund([amount("monte_salari_2021", "5033777.00")])
    assert line(f, "item:incremento_014") == D("7047.29")  # 5,033,777.00 × 0.14% = 7,047.2878 → 7,047.29
    assert line(f, "item:arretrati_014") == D("14094.58")  # 2 × 7,047.29
    # the rate is a percentage wherever it is shown («aliquota = 0,14%», never «0,0014»)
    [rate] = [i for i in trace.get("fund:item:incremento_014").inputs if i.name == "aliquota"]
    assert isinstance(rate.value, fmt.Percent)
    assert explain.show(rate.value, "number") == "0,14%"


def test_the_calculator_s_split_of_the_0_22_percent_of_2021():
    """ccnl2026Increments.test.ts, «7. … riparto corretto»: 2,200.00 decided, fund 2024 800,000.00 and EQ 2024
    200,000.00 → 1,760.00 to the fund, 440.00 to the EQ. The calculator's case is a 2027 fund; in 2026 (its case 6)
    it allows twice the 0.22% (4,400.00: the 2025 and 2026 annuities), where ciclope's rules allow the 0.22% once
    (2,200.00, art. 58 c. 2): the same split, and 4,400.00 is above ciclope's cap."""
    rows = [
        amount("monte_salari_2021", "1000000.00"),
        amount("fondo_2024", "800000.00"),
        amount("risorse_eq_2024", "200000.00"),
        amount("opzionale_022_2021", "2200.00", atto="Delibera di Giunta n. 5/2026"),
    ]
    f, t = fund(rows)
    assert line(f, "item:opzionale_022_2021") == D("1760.00")  # 2,200 × 800,000 / 1,000,000; the EQ 440.00
    assert "€ 440,00 alle EQ" in next(x.note for x in f.constitution if x.key == "item:opzionale_022_2021")
    rows[3] = amount("opzionale_022_2021", "4400.00", atto="Delibera di Giunta n. 5/2026")
    assert [p.rule for p in fund(rows)[1].problems if p.row == 5] == ["ccnl.fondo.costituzione"]


def test_the_calculator_s_art_60_cut():
    """conglobamentoArt60.test.ts, «2. Calcolo full-time e part-time trasformato»: 2 funzionari → 254.88, 1.5
    istruttori → 169.20 (the calculator counts the part-time by their share: ciclope counts heads, and an office
    that follows the calculator writes 1.5)."""
    f, _ = fund([heads("comparto_funzionari", "2"), heads("comparto_istruttori", "1.5")])
    assert line(f, "item:conglobamento_art60") == D("-424.08")  # 2 × 127.44 = 254.88; 1.5 × 112.80 = 169.20


@pytest.mark.parametrize(
    ("tabellari", "stable", "eq", "room"),
    [
        ("2500000.00", "1000000.00", "100000.00", "100000.00"),  # dl25Increment.test.ts, «9.»: 1,200,000 − 1,100,000
        ("2000000.00", "800000.00", "50000.00", "110000.00"),  # «MOD-011-ter A.»: 960,000 − 850,000
        ("300000.00", "100000.00", "20000.00", "24000.00"),  # «14.»: 144,000 − 120,000
    ],
)
def test_the_calculator_s_dl25_room(tabellari, stable, eq, room):
    rows = [amount("unico_importo_2017", stable), amount("risorse_eq", eq), amount("spesa_tabellari_2023", tabellari)]
    f, _ = fund(rows)
    assert rows_of(f, "dl25")["Spazio di incremento"] == D(room)


@pytest.mark.parametrize(("increase", "error"), [("10000.00", False), ("25000.00", True)])
def test_the_calculator_s_dl25_increase_within_and_above_the_room(increase, error):
    """dl25Increment.test.ts, «14.» and «15.»: 10,000.00 within a room of 24,000.00; 25,000.00 above it."""
    rows = [
        amount("unico_importo_2017", "100000.00"),
        amount("risorse_eq", "20000.00"),
        amount("spesa_tabellari_2023", "300000.00"),
        amount("incremento_dl25", increase),
    ]
    f, t = fund(rows)
    assert (next(c for c in f.checks if c.key == "dl25").ok is False) is error
    assert ("ccnl.fondo.limite" in [p.rule for p in t.problems if p.is_error]) is error


@pytest.mark.parametrize(
    ("limit", "base", "staff_2018", "staff", "expected"),
    [
        ("150000.00", "100000.00", "50", "60", "170000.00"),  # art23Limit.test.ts «8.»: + 10 × 2,000.00
        ("150000.00", "100000.00", "50", "45", "150000.00"),  # «9.»: fewer staff, no cut
        ("100000.00", "50000.00", "20", "24", "110000.00"),  # «10.»: + 4 × 2,500.00
    ],
)
def test_the_calculator_s_limit_adjusted_by_staff(limit, base, staff_2018, staff, expected):
    rows = [
        amount("unico_importo_2017", "1.00"),
        amount("limite_2016", limit),
        amount("fondo_eq_2018", base),
        heads("dipendenti_2018", staff_2018),
        heads("dipendenti_anno", staff),
    ]
    f, _ = fund(rows)
    assert rows_of(f, "limite")["Limite dell'anno"] == D(expected)
