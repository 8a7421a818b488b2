"""The fondo risorse decentrate of the CCNL Funzioni Locali layer (rules: the fund): each row of the constitution
table of the rules, the limit of art. 23 c. 2 (above, at, below; the Comuni's adjustment by staff), the DL 25/2025
room, the art. 60 cut, the share to performance, across the funds of 2018, 2023, 2024 and 2026. Every expected
figure is worked out by hand in the comment beside it.

The fund is computed from an ente built in code (only its ``fondo`` rows matter): ``fund(year, rows)`` asks the
layer's ``ciclope_fund`` as the cycle does, and returns the fund with the problems it reported.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import Ente, Row, Trace
from ciclope.plugins.ccnl_funzioni_locali.fondo import hook


def fund(year: int, rows: list[dict], pools: tuple[str, ...] = ()):
    table = tuple(Row(values=r, row=n) for n, r in enumerate(rows, start=2))
    ente = Ente(id="e", name="Comune di prova", year=year, tables={"fondo": table}, fund_keys=pools)
    trace = Trace()
    found = hook.ciclope_fund(ente, None, trace)
    return found, trace


def amount(voce: str, value: str, **more) -> dict:
    return {"voce": voce, "importo": D(value), **more}


def heads(voce: str, n: int | str) -> dict:
    return {"voce": voce, "numero": D(str(n))}


def line(f, key: str):
    found = [x for x in f.constitution if x.key == key]
    assert len(found) == 1, [x.key for x in f.constitution]
    return found[0]


def keys(f) -> list[str]:
    return [x.key for x in f.constitution]


def rules_of(trace: Trace, severity: str = "error") -> list[str]:
    return [p.rule for p in trace.problems if p.severity == severity]


def check(f, key: str):
    return next(c for c in f.checks if c.key == key)


# --- the constitution, row by row of the rules' table -------------------------------------------------------


def test_no_fund_input_is_no_fund():
    assert fund(2026, [])[0] is None
    # the template's rows, written and left without a figure, are not a fund either
    assert fund(2026, [{"voce": "monte_salari_2021", "descrizione": "Monte salari 2021"}])[0] is None


def test_the_consolidated_stable_amount_cites_the_contract_in_force():
    f18, _ = fund(2018, [amount("unico_importo_2017", "100000.00")])
    f23, _ = fund(2023, [amount("unico_importo_2017", "100000.00")])
    assert line(f18, "item:unico_importo").amount == D("100000.00")  # as certified, inside the limit
    assert line(f18, "item:unico_importo").limit == "dentro"
    assert line(f18, "item:unico_importo").source == "CCNL Funzioni Locali 21.5.2018 art. 67 c. 1"
    # from 2023 the same amount is art. 79 c. 1 lett. a of the contract of 16.11.2022, which carries art. 67 c. 1
    assert line(f23, "item:unico_importo").source.startswith("CCNL Funzioni Locali 16.11.2022 art. 79 c. 1 lett. a")
    assert f23.contract.startswith("CCNL Funzioni Locali 16.11.2022")


def test_the_83_20_per_head_at_31_12_2015_from_2019_outside_the_limit():
    rows = [amount("unico_importo_2017", "100000.00"), heads("dipendenti_2015", 25)]
    f19, _ = fund(2019, rows)
    assert line(f19, "item:incremento_83_20").amount == D("2080.00")  # 83.20 × 25 = 2,080.00
    assert line(f19, "item:incremento_83_20").limit == "fuori"
    f18, t18 = fund(2018, rows)  # in force from 2019: in the 2018 fund the voce is an error at its row
    assert "item:incremento_83_20" not in keys(f18)
    assert [(p.row, p.column) for p in t18.problems if p.rule == "ccnl.fondo.foglio"] == [(3, "voce")]


def test_the_ria_of_staff_who_left_enters_the_year_after_the_leave():
    rows = [
        amount("ria_cessati", "1234.56", data=dt.date(2023, 5, 31)),
        amount("ria_cessati", "800.00", data=dt.date(2024, 2, 29)),
    ]
    f24, t24 = fund(2024, rows)
    assert line(f24, "item:ria_cessati").amount == D("1234.56")  # only the leave of 2023 counts in 2024
    assert line(f24, "item:ria_cessati").limit == "fuori"  # the rules' reading (the office may say otherwise)
    assert [(p.row, p.column) for p in t24.problems if p.column == "data"] == [(3, "data")]
    f25, _ = fund(2025, rows)
    assert line(f25, "item:ria_cessati").amount == D("2034.56")  # 1,234.56 + 800.00
    # the revisore's document reads the reading, not advice to the office («l'ente che la conta … lo dichiara»)
    assert line(f25, "item:ria_cessati").note == "fuori dal limite per la lettura adottata (fonte secondaria)"
    # an office that counts it in the limit says so on the row, with the act
    f, _ = fund(2025, [amount("ria_cessati", "500.00", data=dt.date(2020, 1, 31), fuori_limite=False, atto="det. 7")])
    counted = line(f, "item:ria_cessati:dentro")
    assert (counted.amount, counted.limit) == (D("500.00"), "dentro") and "det. 7" in counted.note
    # the office declares it, which is not a choice where a law decides (the incentives for technical functions)
    assert "nel limite come lo dichiara l'ente" in counted.note and "scelta" not in counted.note


def test_the_differences_of_the_progressions_and_the_stable_part_carried_from_2023():
    f18, _ = fund(2018, [amount("differenziali_peo", "1500.00")])
    assert (line(f18, "item:differenziali_peo").amount, line(f18, "item:differenziali_peo").limit) == (
        D("1500.00"),
        "fuori",
    )
    assert line(f18, "item:differenziali_peo").source == "CCNL Funzioni Locali 21.5.2018 art. 67 c. 2 lett. b"
    f23, _ = fund(2023, [amount("differenziali_peo", "1500.00")])
    assert "art. 79 c. 1 lett. a (art. 67 c. 2 lett. b" in line(f23, "item:differenziali_peo").source


def test_a_line_carries_the_acts_and_notes_the_office_wrote_on_its_rows():
    rows = [
        amount("decurtazione", "4500.00", atto="Delibera GC 31/2019", nota="risorse spostate alle PO"),
        amount("decurtazione", "1557.64", atto="Determina 77/2024"),
        amount("variabile_1_2", "3820.00", atto="Delibera GC 18/2024"),
        amount("monte_salari_1997", "318642.15"),
        amount("destinazione", "1000.00", uso="condizioni_lavoro", atto="CCDI 2024", nota="art. 8"),
    ]
    f, _ = fund(2024, rows)
    # the two cuts are one line of 4,500.00 + 1,557.64 = 6,057.64; each act (and the note) beside its own amount,
    # signed as the line, so that the revisore ties each to its figure
    cut = line(f, "item:decurtazione")
    assert cut.amount == D("-6057.64")
    assert cut.parts == (
        ("Delibera GC 31/2019; risorse spostate alle PO", D("-4500.00")),
        ("Determina 77/2024", D("-1557.64")),
    )
    assert cut.note == ""  # the acts are on the rows, not run together on the line
    # a line of one row keeps its act in its note
    # (with its cap, which the revisore checks: 1.2% × 318,642.15 = 3,823.7058 → 3,823.70, rounded down)
    assert line(f, "item:variabile_1_2").note == "tetto € 3.823,70 = 1,2% × € 318.642,15; Delibera GC 18/2024"
    assert line(f, "item:variabile_1_2").parts == ()
    assert [x.note for x in f.destination] == ["CCDI 2024; art. 8"]


def test_two_rows_of_law_incentives_keep_each_act_and_a_cessato_s_ria_stays_a_total():
    rows = [
        amount("incentivi_legge", "3000.00", atto="art. 113 D.Lgs. 50/2016; Determina 10/2024"),
        amount("incentivi_legge", "1250.50"),
        amount("ria_cessati", "1200.00", data=dt.date(2022, 3, 31)),
        amount("ria_cessati", "900.00", data=dt.date(2023, 6, 30)),
    ]
    f, _ = fund(2024, rows)
    # 3,000.00 + 1,250.50 = 4,250.50, each row with its act (the second has none, and says so)
    law = line(f, "item:incentivi_legge")
    assert law.amount == D("4250.50")
    assert law.parts == (
        ("art. 113 D.Lgs. 50/2016; Determina 10/2024", D("3000.00")),
        ("atto non indicato", D("1250.50")),
    )
    # one cessato per row: the document shows the total 1,200.00 + 900.00 = 2,100.00 alone (no personal figure)
    assert (line(f, "item:ria_cessati").amount, line(f, "item:ria_cessati").parts) == (D("2100.00"), ())


def test_the_b3_and_d3_differentials_put_on_the_fund_from_2023_outside_the_limit():
    # art. 79 c. 1-bis CCNL 16.11.2022: the stable part grows by the differentials B3−B1 and D3−D1 it now pays
    rows = [
        amount("unico_importo_2017", "50000.00"),
        amount("differenziali_b3_d3", "2211.12"),
        amount("limite_2016", "50000.00"),
    ]
    f24, t24 = fund(2024, rows)
    b3 = line(f24, "item:differenziali_b3_d3")
    assert (b3.amount, b3.section, b3.limit) == (D("2211.12"), "stabile", "fuori")
    assert b3.source == "CCNL Funzioni Locali 16.11.2022 art. 79 c. 1-bis"
    # stable: 50,000.00 + 2,211.12 = 52,211.12; counted in the limit only the 50,000.00: margin 0.00, no error
    assert f24.total == D("52211.12")
    assert dict(check(f24, "limite").rows)["Margine"] == D("0.00") and rules_of(t24) == []
    _, t22 = fund(2022, rows)
    assert rules_of(t22) == ["ccnl.fondo.foglio"]  # the clause is of the 2023 contract


@pytest.mark.parametrize(
    ("voce", "year", "cited"),
    [
        ("sponsorizzazioni", 2019, "CCNL Funzioni Locali 21.5.2018 art. 67 c. 3 lett. a"),
        ("sponsorizzazioni", 2024, "CCNL Funzioni Locali 16.11.2022 art. 79 c. 2 lett. a (art. 67 c. 3 lett. a"),
        ("incentivi_legge", 2022, "CCNL Funzioni Locali 21.5.2018 art. 67 c. 3 lett. c"),
        ("incentivi_legge", 2024, "CCNL Funzioni Locali 16.11.2022 art. 79 c. 2 lett. a (art. 67 c. 3 lett. c"),
        ("risparmi_straordinario", 2026, "CCNL Funzioni Locali 16.11.2022 art. 79 c. 2 lett. a (art. 67 c. 3 lett. e"),
        ("piani_razionalizzazione", 2025, "art. 79 c. 2 lett. a (art. 67 c. 3 lett. b CCNL 21.5.2018); DL 98/2011"),
    ],
)
def test_a_variable_item_of_art_67_c_3_cites_the_contract_of_its_fund(voce, year, cited):
    f, _ = fund(year, [amount(voce, "1000.00")])
    source = line(f, f"item:{voce}").source
    assert source.startswith(cited) if cited.startswith("CCNL") else cited in source
    # a fund before 2023 cites no contract that did not exist yet
    assert ("16.11.2022" in source) is (year >= 2023)


def test_the_84_50_per_head_at_31_12_2018_from_the_2023_fund():
    rows = [heads("dipendenti_2018", 30)]
    f23, _ = fund(2023, rows + [amount("unico_importo_2017", "1.00")])
    assert line(f23, "item:incremento_84_50").amount == D("2535.00")  # 84.50 × 30 = 2,535.00
    assert line(f23, "item:incremento_84_50").source == "CCNL Funzioni Locali 16.11.2022 art. 79 c. 1 lett. b"
    f22, _ = fund(2022, rows + [amount("unico_importo_2017", "1.00")])
    assert "item:incremento_84_50" not in keys(f22)  # not yet in the fund


def test_the_stable_increase_for_more_staff_is_inside_the_limit_from_2023():
    f23, _ = fund(2023, [amount("incremento_personale", "5000.00")])
    assert (line(f23, "item:incremento_personale").amount, line(f23, "item:incremento_personale").limit) == (
        D("5000.00"),
        "dentro",
    )
    _, t22 = fund(2022, [amount("unico_importo_2017", "1.00"), amount("incremento_personale", "5000.00")])
    assert rules_of(t22) == ["ccnl.fondo.foglio"]  # the voce is of the 2023 contract


@pytest.mark.parametrize(
    ("year", "decided", "errors", "source"),
    [
        (2018, "3000.00", [], "CCNL Funzioni Locali 21.5.2018 art. 67 c. 4"),
        (2023, "2999.99", [], "CCNL Funzioni Locali 16.11.2022 art. 79 c. 2 lett. b"),
        (2023, "3000.01", ["ccnl.fondo.costituzione"], "CCNL Funzioni Locali 16.11.2022 art. 79 c. 2 lett. b"),
    ],
)
def test_the_variable_up_to_1_2_percent_of_the_1997_monte_salari(year, decided, errors, source):
    # the cap: 1.2% × 250,000.00 = 3,000.00 («fino a»: rounded down)
    act = "Delibera di Giunta n. 5/2026"  # a decided voce has its act (without it: a warning at the row)
    f, t = fund(year, [amount("monte_salari_1997", "250000.00"), amount("variabile_1_2", decided, atto=act)])
    x = line(f, "item:variabile_1_2")
    assert (x.amount, x.section, x.limit, x.source) == (D(decided), "variabile", "dentro", source)
    # the relazione tecnico-finanziaria shows the cap beside the amount, as explain does
    assert x.note == f"tetto € 3.000,00 = 1,2% × € 250.000,00; {act}"
    above = [p for p in t.problems if p.row is not None]  # (the base figures this ente lacks are warnings)
    assert [p.rule for p in above] == errors
    if errors:
        # the base by its words, at its row (2), the clause once: the problem's source
        assert above[0].message == (
            "variabile_1_2 = € 3.000,01 supera il massimo di € 3.000,00 = 1,2% × monte salari 1997 € 250.000,00 "
            "(riga 2): riduci l'importo"
        )
        assert str(above[0].source) == source


def test_a_capped_amount_above_its_cap_cites_its_clause_once():
    """The office's case: 1,2% × 410.000,00 = 4.920,00 (rounded down, «fino a»), 6.000,00 decided (row 3)."""
    act = "Decreto DG n. 12 del 30/01/2026"
    _, t = fund(2026, [amount("monte_salari_1997", "410000.00"), amount("variabile_1_2", "6000.00", atto=act)])
    (problem,) = [p for p in t.problems if p.row is not None]
    assert problem.render() == (
        "fondo.csv, riga 3, colonna importo: errore: variabile_1_2 = € 6.000,00 supera il massimo di € 4.920,00 = "
        "1,2% × monte salari 1997 € 410.000,00 (riga 2): riduci l'importo [CCNL Funzioni Locali 16.11.2022 art. 79 "
        "c. 2 lett. b]"
    )


def test_the_optional_0_22_percent_of_2018_split_between_the_fund_and_the_eq():
    rows = [
        amount("monte_salari_2018", "1000000.00"),
        amount("fondo_2021", "150000.00"),
        amount("risorse_eq_2021", "50000.00"),
        amount("opzionale_022_2018", "2200.00"),
    ]
    f, t = fund(2023, rows)
    x = line(f, "item:opzionale_022_2018")
    # cap 0.22% × 1,000,000 = 2,200.00; the fund's part 2,200 × 150,000 / 200,000 = 1,650.00 (EQ 550.00)
    assert (x.amount, x.limit, x.section) == (D("1650.00"), "fuori", "variabile")
    assert "€ 550,00 alle EQ" in x.note and rules_of(t) == []
    # 1,000.00 split 100,000 : 200,000 = 333.33… : 666.66…: the floors 333.33 + 666.66 leave a cent, to the larger
    # remainder (.666 > .333): the fund gets 333.33 and the EQ 666.67
    rows[1:4] = [
        amount("fondo_2021", "100000.00"),
        amount("risorse_eq_2021", "200000.00"),
        amount("opzionale_022_2018", "1000.00"),
    ]
    assert line(fund(2023, rows)[0], "item:opzionale_022_2018").amount == D("333.33")


def test_the_rounding_note_names_the_split_between_fund_and_eq_only_where_one_is_made():
    # a 2023 fund with the optional 0.22% split between fund and EQ (art. 79 c. 3): its note says the split's rule
    f, _ = fund(2023, [amount("unico_importo_2017", "100000.00"), *OPTIONAL[2023]])
    (said,) = [n for n in f.notes if n.startswith("Arrotondamenti")]
    assert said == (
        "Arrotondamenti: quote del monte salari e importi per persona al centesimo (per eccesso dallo 0,5); i tetti "
        "«fino a» per difetto; il riparto tra fondo ed EQ con il metodo dei resti più alti, così le due parti fanno "
        "l'intero al centesimo."
    )
    # without a split the note says the other rules alone
    f, _ = fund(2023, [amount("unico_importo_2017", "100000.00"), heads("dipendenti_2018", 10)])
    (said,) = [n for n in f.notes if n.startswith("Arrotondamenti")]
    assert said == (
        "Arrotondamenti: quote del monte salari e importi per persona al centesimo (per eccesso dallo 0,5); i tetti "
        "«fino a» per difetto."
    )


def test_the_0_14_percent_of_the_2021_monte_salari_and_its_arrears_only_in_2026():
    rows = [amount("monte_salari_2021", "5033777.00")]
    f26, _ = fund(2026, rows)
    # 0.14% × 5,033,777.00 = 7,047.2878 → 7,047.29; arrears 2024–25: 2 × 7,047.29 = 14,094.58, once, variable
    assert (line(f26, "item:incremento_014").amount, line(f26, "item:incremento_014").section) == (
        D("7047.29"),
        "stabile",
    )
    assert (line(f26, "item:arretrati_014").amount, line(f26, "item:arretrati_014").section) == (
        D("14094.58"),
        "variabile",
    )
    assert line(f26, "item:incremento_014").limit == line(f26, "item:arretrati_014").limit == "fuori"
    f27, _ = fund(2027, rows)
    assert line(f27, "item:incremento_014").amount == D("7047.29") and "item:arretrati_014" not in keys(f27)
    f25, _ = fund(2025, [amount("unico_importo_2017", "1.00")])
    assert "item:incremento_014" not in keys(f25)


def test_the_0_14_percent_is_owed_so_its_missing_base_is_a_warning_in_2026():
    _, t = fund(2026, [amount("unico_importo_2017", "1.00")])
    warned = [p.render() for p in t.problems if p.severity == "warning" and "monte_salari_2021" in p.message]
    # the clause once, as the warning's source: the item it leaves out is named by its title
    assert warned[0] == (
        "fondo.csv, colonna voce: avviso: manca monte_salari_2021 nel foglio fondo: «Incremento stabile dello 0,14% "
        "del monte salari 2021» non è calcolata e il fondo del 2026 ne è privo; scrivi il dato [CCNL Funzioni Locali "
        "23.2.2026 art. 58 c. 1]"
    )


def test_the_optional_0_22_percent_of_2021_from_2026():
    rows = [
        amount("monte_salari_2021", "1000000.00"),
        amount("fondo_2024", "800000.00"),
        amount("risorse_eq_2024", "200000.00"),
        amount("opzionale_022_2021", "2200.00"),
    ]
    f, t = fund(2026, rows)
    # cap 0.22% × 1,000,000 = 2,200.00; the fund's part 2,200 × 800 / 1,000 = 1,760.00 (EQ 440.00)
    assert line(f, "item:opzionale_022_2021").amount == D("1760.00") and rules_of(t) == []
    rows[3] = amount("opzionale_022_2021", "2200.01")
    assert rules_of(fund(2026, rows)[1]) == ["ccnl.fondo.costituzione"]  # above the cap: named by art. 58 c. 2


def test_the_art_60_cut_by_heads_from_2026_counts_figuratively():
    rows = [
        amount("unico_importo_2017", "100000.00"),
        heads("comparto_funzionari", 3),
        heads("comparto_istruttori", 6),
        heads("comparto_operatori_esperti", 2),
        heads("comparto_operatori", 1),
    ]
    f, _ = fund(2026, rows)
    cut = line(f, "item:conglobamento_art60")
    # 3 × 127.44 + 6 × 112.80 + 2 × 96.72 + 1 × 79.56 = 382.32 + 676.80 + 193.44 + 79.56 = 1,332.12, a cut for good
    assert (cut.amount, cut.section, cut.limit) == (D("-1332.12"), "decurtazione", "figurativa")
    assert f.total == D("98667.88")  # 100,000.00 − 1,332.12
    _, t25 = fund(2025, rows)
    assert len([p for p in t25.problems if p.rule == "ccnl.fondo.foglio"]) == 4  # the heads of 1.1.2026: not 2025


# --- the limit of art. 23 c. 2 -----------------------------------------------------------------------------------

LIMIT_2023 = [
    amount("unico_importo_2017", "100000.00"),  # inside the limit
    amount("obiettivi_ente", "10000.00"),  # inside
    heads("dipendenti_2015", 10),  # 83.20 × 10 = 832.00, outside
    amount("risorse_eq", "20000.00"),  # the EQ count together with the fund (art. 79 c. 6)
]


@pytest.mark.parametrize(
    ("limit", "ok", "margin"),
    [("130000.01", True, "0.01"), ("130000.00", True, "0.00"), ("129999.99", False, "-0.01")],
)
def test_the_limit_above_at_below(limit, ok, margin):
    f, t = fund(2023, [*LIMIT_2023, amount("limite_2016", limit)])
    c = check(f, "limite")
    # counted: 100,000.00 + 10,000.00 (fund, inside) + 20,000.00 (EQ) = 130,000.00; the 832.00 outside
    rows = dict(c.rows)
    assert rows["Totale che conta nel limite"] == D("130000.00")
    assert rows["Voci fuori dal limite (non contano)"] == D("832.00")
    assert (c.ok, rows["Margine"]) == (ok, D(margin))
    assert ("ccnl.fondo.limite" in rules_of(t)) is not ok
    if not ok:
        assert "art. 23 c. 2" in t.problems[-1].message and "€ 0,01" in t.problems[-1].message


def test_the_limit_lists_each_item_it_counts_under_their_sum():
    f, _ = fund(2023, [*LIMIT_2023, amount("limite_2016", "130000.00")])
    labels = [label for label, _ in check(f, "limite").rows]
    rows = dict(check(f, "limite").rows)
    # the two items inside, 100,000.00 + 10,000.00 = 110,000.00, each under their sum, so that the revisore redoes
    # it; the 832.00 of the heads at 31.12.2015 is outside and not among them
    inside = labels.index("Voci del fondo nel limite")
    below = labels[inside + 1 : labels.index("Risorse per le EQ")]
    assert rows["Voci del fondo nel limite"] == D("110000.00")
    assert len(below) == 2 and all(label.startswith("di cui: ") for label in below)
    assert sorted(rows[label] for label in below) == [D("10000.00"), D("100000.00")]


def test_before_2023_the_resources_counted_beside_the_fund_are_the_po_s():
    # the incarichi di EQ replace the posizioni organizzative from 2023 (CCNL 16.11.2022 art. 13 c. 1): a 2019 fund
    # counts the PO's resources in its limit (CCNL 21.5.2018 art. 67 c. 7) and calls them so
    rows = [
        amount("unico_importo_2017", "100000.00"),
        amount("risorse_eq", "20000.00"),
        amount("limite_2016", "119000.00"),
    ]
    f, t = fund(2019, rows)
    labels = dict(check(f, "limite").rows)
    assert labels["Risorse per le PO"] == D("20000.00") and "Risorse per le EQ" not in labels
    # counted: 100,000.00 + 20,000.00 = 120,000.00, over 119,000.00 by 1,000.00
    assert "e le risorse per le PO (€ 20.000,00) fanno € 120.000,00, che supera di € 1.000,00" in t.problems[-1].message
    assert "Risorse per le EQ" in dict(check(fund(2023, rows)[0], "limite").rows)


def test_a_fund_above_the_limit_says_what_counts_and_that_a_cut_keeps_it():
    rows = [*LIMIT_2023, amount("limite_2016", "129000.00")]
    _, t = fund(2023, rows)
    # counted: 110,000.00 (fund, inside) + 20,000.00 (EQ) = 130,000.00, over 129,000.00 by 1,000.00
    message = t.problems[-1].message
    assert (
        "= € 110.000,00) e le risorse per le EQ (€ 20.000,00) fanno € 130.000,00, che supera di € 1.000,00" in message
    )
    assert "voce decurtazione_limite, con il suo atto: vale solo per quest'anno" in message
    # the cut the act writes, 1,000.00, keeps the limit: 110,000.00 − 1,000.00 + 20,000.00 = 129,000.00, margin 0.00
    f, t = fund(2023, [*rows, amount("decurtazione_limite", "1000.00", atto="Determina 77/2023")])
    assert rules_of(t) == [] and dict(check(f, "limite").rows)["Margine"] == D("0.00")


def test_the_art_60_cut_still_counts_in_the_limit():
    rows = [
        amount("unico_importo_2017", "100000.00"),
        heads("comparto_istruttori", 10),
        amount("limite_2016", "100000.00"),
    ]
    f, t = fund(2026, rows)
    # the fund is 100,000.00 − 10 × 112.80 = 98,872.00, but the limit counts the 100,000.00 as before the cut
    assert f.total == D("98872.00")
    assert dict(check(f, "limite").rows)["Totale che conta nel limite"] == D("100000.00")
    assert check(f, "limite").ok and "ccnl.fondo.limite" not in rules_of(t)


@pytest.mark.parametrize(("staff", "limit"), [(60, "170000.00"), (50, "150000.00"), (45, "150000.00")])
def test_the_comuni_s_limit_moves_with_staff_and_is_not_cut_below_2018(staff, limit):
    rows = [
        amount("unico_importo_2017", "100.00"),
        amount("limite_2016", "150000.00"),
        amount("fondo_eq_2018", "100000.00"),  # 90,000 fund + 10,000 PO of 2018
        heads("dipendenti_2018", 50),
        heads("dipendenti_anno", staff),
    ]
    f, _ = fund(2026, rows)
    # 2018 average per head: 100,000.00 / 50 = 2,000.00; 60 heads: + 10 × 2,000.00 = 20,000.00 → 170,000.00;
    # 45 heads: the initial limit stays 150,000.00 (the rules' reading, as the published calculator's test 9)
    assert dict(check(f, "limite").rows)["Limite dell'anno"] == D(limit)


def test_the_2018_average_per_head_is_rounded_to_the_cent_before_it_multiplies():
    rows = [
        amount("unico_importo_2017", "100.00"),
        amount("limite_2016", "100000.00"),
        amount("fondo_eq_2018", "100000.00"),
        heads("dipendenti_2018", 3),
        heads("dipendenti_anno", 4),
    ]
    _, t = fund(2026, rows)
    # 100,000.00 / 3 = 33,333.33 (half-up); × (4 − 3) = 33,333.33 (what the document shows, recomputable by hand)
    assert t.figures["fund:limit:dl34:per_head"].value == D("33333.33")
    assert t.figures["fund:limit:dl34"].value == D("33333.33")


# --- DL 25/2025 --------------------------------------------------------------------------------------------------

DL25_2026 = [
    amount("unico_importo_2017", "1000000.00"),
    heads("comparto_istruttori", 10),  # the cut (1,128.00) counts figuratively: the stable part stays 1,000,000.00
    amount("risorse_eq", "100000.00"),
    amount("spesa_tabellari_2023", "2500000.00"),
]


@pytest.mark.parametrize(("increase", "ok"), [("100000.00", True), ("99999.99", True), ("100000.01", False)])
def test_the_dl25_room_is_48_percent_of_the_2023_tabellari_less_the_stable_part_and_the_eq(increase, ok):
    f, t = fund(2026, [*DL25_2026, amount("incremento_dl25", increase)])
    c = check(f, "dl25")
    # 48% × 2,500,000.00 = 1,200,000.00; − (1,000,000.00 stable, the cut added back) − 100,000.00 EQ = 100,000.00
    assert dict(c.rows)["Spazio di incremento"] == D("100000.00")
    assert c.ok is ok and ("ccnl.fondo.limite" in rules_of(t)) is not ok
    assert line(f, "item:incremento_dl25").limit == "fuori"  # it is the derogation
    if not ok:
        assert "DL 25/2025 art. 14 c. 1-bis" in t.problems[-1].source  # cited once, as the problem's source
        assert "DL 25/2025 art. 14" not in t.problems[-1].message


@pytest.mark.parametrize(("year", "cites_art58"), [(2025, False), (2026, True)])
def test_the_dl25_room_cites_art_58_c_3_from_the_2026_fund(year, cites_art58):
    # the rules' table: the increase's source is «DL 25/2025 art. 14 c. 1-bis; CCNL 23.2.2026 art. 58 c. 3»; the
    # room's check and its error name the contract only from the 2026 fund (a 2025 fund cites no 2026 clause).
    # 2025 has no art. 60 cut: the stable part is 1,000,000.00 either way; room = 48% × 2,500,000.00 =
    # 1,200,000.00 − 1,000,000.00 − 100,000.00 EQ = 100,000.00; an increase of 100,000.01 is 0.01 above it
    rows = [r for r in DL25_2026 if year >= 2026 or r["voce"] != "comparto_istruttori"]
    f, t = fund(year, [*rows, amount("incremento_dl25", "100000.01")])
    c = check(f, "dl25")
    (error,) = [p for p in t.problems if p.rule == "ccnl.fondo.limite" and p.severity == "error"]
    assert dict(c.rows)["Spazio di incremento"] == D("100000.00") and c.ok is False
    assert "DL 25/2025 art. 14 c. 1-bis" in c.source and "DL 25/2025 art. 14 c. 1-bis" in error.source
    assert ("art. 58 c. 3" in c.source) is cites_art58
    assert ("art. 58 c. 3" in error.source) is cites_art58
    assert "art. 58" not in error.message  # the clause is the source, said once after the message


STABLE_PART = "Parte stabile del fondo (senza l'incremento, al netto delle decurtazioni stabili; riduzione dell'art. 60 contata figurativamente)"


def test_the_dl25_room_counts_the_stable_cuts_not_the_year_s_cut_that_keeps_the_limit():
    rows = [
        *DL25_2026,
        amount("decurtazione", "20000.00", atto="Delibera GC 31/2019"),  # stable: carried every year
        amount("decurtazione_limite", "5000.00", atto="Determina 77/2026"),  # this year's, for the 2016 limit
    ]
    f, _ = fund(2026, rows)
    c = dict(check(f, "dl25").rows)
    # stable part: 1,000,000.00 − 20,000.00 (the stable cut) = 980,000.00; the art. 60 cut (1,128.00) added back and
    # the 5,000.00 cut for the limit not a cut of the stable part. Room: 48% × 2,500,000.00 = 1,200,000.00 −
    # 980,000.00 − 100,000.00 EQ = 120,000.00 (not 125,000.00, as with the limit's cut subtracted too)
    assert c[STABLE_PART] == D("980000.00")
    assert c["Spazio di incremento"] == D("120000.00")


def test_a_2025_room_says_no_art_60_cut_the_2026_contract_brings():
    """The art. 60 cut of the indennità di comparto starts on 1.1.2026: a 2025 fund's row said «riduzione dell'art.
    60 contata figurativamente» of a cut it cannot have."""
    rows = [r for r in DL25_2026 if r["voce"] != "comparto_istruttori"]
    f, _ = fund(2025, rows)
    c = dict(check(f, "dl25").rows)
    # 48% × 2,500,000.00 = 1,200,000.00 − 1,000,000.00 stable − 100,000.00 EQ = 100,000.00
    assert c["Parte stabile del fondo (senza l'incremento, al netto delle decurtazioni stabili)"] == D("1000000.00")
    assert c["Spazio di incremento"] == D("100000.00")


def test_a_refused_cut_for_the_limit_does_not_hold_the_dl25_room():
    # the year's cut for the limit is not in the stable part: a mistake on its row leaves the room judged
    # (48% × 2,500,000.00 = 1,200,000.00 − 1,000,000.00 − 100,000.00 = 100,000.00; the increase 100,000.01 above it)
    rows = [*DL25_2026, amount("decurtazione_limite", "-5.00"), amount("incremento_dl25", "100000.01", atto="d")]
    f, _ = fund(2026, rows)
    assert check(f, "dl25").ok is False and dict(check(f, "dl25").rows)["Spazio di incremento"] == D("100000.00")


def test_the_dl25_room_is_shown_without_an_increase_and_the_increase_is_not_a_2024_voce():
    f, _ = fund(2025, DL25_2026[:1] + DL25_2026[2:])
    assert check(f, "dl25").ok is None and dict(check(f, "dl25").rows)["Spazio di incremento"] == D("100000.00")
    assert any("conto annuale" in n for n in f.notes)
    _, t = fund(2024, [amount("unico_importo_2017", "1.00"), amount("incremento_dl25", "10.00")])
    assert "ccnl.fondo.foglio" in rules_of(t)


# --- the destination ---------------------------------------------------------------------------------------------

VARIABLE_2023 = [
    amount("unico_importo_2017", "100000.00"),
    amount("monte_salari_1997", "500000.00"),
    amount("obiettivi_ente", "10000.00"),  # art. 79 c. 2 lett. c: in the base of the 30%
    amount("variabile_1_2", "2000.00"),  # art. 79 c. 2 lett. b: in the base
    amount("sponsorizzazioni", "1000.00"),  # art. 67 c. 3 lett. a: in the base
    amount("incentivi_legge", "5000.00"),  # art. 67 c. 3 lett. c: excluded from the base
]

# the optional 0.22% of the year's contract (art. 79 c. 3 CCNL 16.11.2022, art. 58 c. 2 CCNL 23.2.2026: not art. 79
# c. 2), excluded from the base: cap 0.22% × 1,000,000.00 = 2,200.00; the fund's part 2,000.00 × 80,000 / 100,000 =
# 1,600.00, the EQ's 400.00
OPTIONAL = {
    year: [
        amount(f"monte_salari_{ms}", "1000000.00"),
        amount(f"fondo_{split}", "80000.00"),
        amount(f"risorse_eq_{split}", "20000.00"),
        amount(f"opzionale_022_{ms}", "2000.00", atto="Delibera di Giunta n. 5"),
    ]
    for year, ms, split in ((2023, 2018, 2021), (2026, 2021, 2024))
}


def uses(*pairs: tuple[str, str]) -> list[dict]:
    return [{"voce": "destinazione", "uso": u, "importo": D(a)} for u, a in pairs]


@pytest.mark.parametrize(
    ("year", "destined", "ok", "article"),
    [
        (
            2023,
            [("performance_individuale", "2000.00"), ("performance_organizzativa", "1900.00")],
            True,
            "art. 80 c. 3",
        ),
        (
            2023,
            [("performance_individuale", "2000.00"), ("performance_organizzativa", "1899.99")],
            False,
            "art. 80 c. 3",
        ),
        (2026, [("performance_organizzativa", "3899.99")], False, "art. 59 c. 3"),
        (2026, [("performance_organizzativa", "3900.00")], True, "art. 59 c. 3"),
    ],
)
def test_at_least_30_percent_of_the_variable_resources_to_performance(year, destined, ok, article):
    f, t = fund(year, VARIABLE_2023 + OPTIONAL[year] + uses(*destined))
    assert [x.amount for x in f.constitution if x.key.startswith("item:opzionale_022")] == [D("1600.00")]
    c = check(f, "performance")
    # base: 10,000 + 2,000 + 1,000 = 13,000.00 (the law's incentives and the 0.22% excluded); 30% = 3,900.00
    assert (dict(c.rows)["Risorse variabili di riferimento"], dict(c.rows)["Minimo alla performance (30%)"]) == (
        D("13000.00"),
        D("3900.00"),
    )
    assert c.ok is ok and article in c.source
    assert ("ccnl.fondo.destinazione" in rules_of(t)) is not ok


@pytest.mark.parametrize(("to_a_f", "warned"), [("6500.00", True), ("6500.01", False)])
def test_the_prevailing_part_of_the_variable_resources_goes_to_the_uses_a_to_f(to_a_f, warned):
    # base: 10,000 + 2,000 + 1,000 = 13,000.00 (as above); «la parte prevalente» is more than half (a reading):
    # 13,000.00 / 2 = 6,500.00, so 6,500.00 to the uses a)–f) is not prevalent, 6,500.01 is. The individual
    # premium's 3,900.00 (the 30%, no error) counts among them, the rest goes to the condizioni di lavoro (c)
    rest = str(D(to_a_f) - D("3900.00"))
    f, t = fund(2023, VARIABLE_2023 + uses(("performance_individuale", "3900.00"), ("condizioni_lavoro", rest)))
    c = check(f, "performance")
    assert dict(c.rows)[PREVAILING] == D(to_a_f)
    # what it is compared with: the resources of the base, each with its amount (in the constitution's order), and
    # their total 1,000.00 + 2,000.00 + 10,000.00 = 13,000.00
    assert [row for row in c.rows if row[0].startswith("di cui")] == [
        ("di cui: Sponsorizzazioni, convenzioni e contributi dell'utenza", D("1000.00")),
        ("di cui: Integrazione fino all'1,2% del monte salari 1997", D("2000.00")),
        ("di cui: Risorse per obiettivi dell'ente (scelte organizzative)", D("10000.00")),
    ]
    prevailing = "più" if not warned else "non più"
    assert (
        f"agli usi a)–f) vanno {fmt_euro(to_a_f)}, {prevailing} della metà delle risorse variabili di riferimento "
        "(€ 13.000,00)"
    ) in c.verdict
    warnings = [p for p in t.problems if p.rule == "ccnl.fondo.destinazione" and p.severity == "warning"]
    assert (len(warnings) == 1) is warned and rules_of(t) == []
    if warned:
        assert warnings[0].message == (
            "agli usi a)–f) vanno € 6.500,00, non la parte prevalente (più della metà) delle risorse variabili di "
            "riferimento, € 13.000,00: Sponsorizzazioni, convenzioni e contributi dell'utenza € 1.000,00; "
            "Integrazione fino all'1,2% del monte salari 1997 € 2.000,00; Risorse per obiettivi dell'ente (scelte "
            "organizzative) € 10.000,00; destina agli usi a)–f) più "
            "della metà di € 13.000,00"
        )
        assert "art. 80 c. 3" in warnings[0].source


PREVAILING = "Destinato agli usi a)–f) (la parte prevalente: più della metà delle risorse variabili di riferimento)"


def fmt_euro(amount: str) -> str:
    from ciclope.core import fmt

    return fmt.euro(D(amount))


def test_before_2023_the_30_percent_is_the_individual_premium_s():
    rows = [amount("monte_salari_1997", "500000.00"), *VARIABLE_2023[2:]]
    f, t = fund(2018, rows + uses(("performance_organizzativa", "3900.00")))
    # CCNL 21.5.2018 art. 68 c. 3: the 30% of the variable resources goes to the individual performance alone
    assert check(f, "performance").ok is False and "art. 68 c. 3" in check(f, "performance").source
    f, t = fund(2018, rows + uses(("performance_individuale", "3900.00")))
    assert check(f, "performance").ok is True


def test_the_pools_come_from_the_destination_and_every_euro_is_conserved():
    rows = VARIABLE_2023 + [
        {"voce": "destinazione", "uso": "indennita_comparto", "importo": D("30000.00")},
        {"voce": "destinazione", "uso": "performance_individuale", "importo": D("9000.00"), "fondo_premi": "premi"},
        {"voce": "destinazione", "uso": "performance_organizzativa", "importo": D("6000.00"), "fondo_premi": "premi"},
        {"voce": "destinazione", "uso": "condizioni_lavoro", "importo": D("20000.00")},
    ]
    f, t = fund(2023, rows, pools=("premi",))
    # constitution: 100,000 + 10,000 + 2,000 + 1,000 + 5,000 = 118,000.00; destined 30,000 + 9,000 + 6,000 +
    # 20,000 = 65,000.00; residual 53,000.00, of which the stable part left after the fixed payments (100,000 −
    # 30,000 = 70,000.00) covers all: 53,000.00 returns to the 2024 fund
    assert (f.total, f.destined, f.residual, f.carried) == (D("118000.00"), D("65000.00"), D("53000.00"), D("53000.00"))
    assert f.total == f.destined + f.residual
    assert dict(f.pools) == {"premi": D("15000.00")}  # 9,000 + 6,000
    assert t.figures["fund:pool:premi"].value == D("15000.00")
    assert rules_of(t) == []


@pytest.mark.parametrize(
    ("year", "use", "cited"),
    [
        (2018, "performance_individuale", "CCNL Funzioni Locali 21.5.2018 art. 68 c. 2 lett. b"),
        (2024, "performance_individuale", "CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. b"),
        (2026, "performance_individuale", "CCNL Funzioni Locali 23.2.2026 art. 59 c. 2 lett. b"),
        # a use the 2018 contract named and the later ones renumbered: each fund cites its own year's contract
        (2025, "condizioni_lavoro", "CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. c"),
        (2026, "condizioni_lavoro", "CCNL Funzioni Locali 23.2.2026 art. 59 c. 2 lett. c"),
        (2026, "specifiche_responsabilita", "CCNL Funzioni Locali 23.2.2026 art. 59 c. 2 lett. e"),
        # netted first (rules §4: art. 59 c. 1 CCNL 23.2.2026; art. 80 c. 1 CCNL 16.11.2022 before)
        (2023, "indennita_comparto", "CCNL Funzioni Locali 16.11.2022 art. 80 c. 1"),
        (2026, "indennita_comparto", "CCNL Funzioni Locali 23.2.2026 art. 59 c. 1"),
    ],
)
def test_a_use_cites_the_clause_of_the_contract_in_force_in_its_year(year, use, cited):
    f, _ = fund(year, [amount("unico_importo_2017", "100000.00"), *uses((use, "1000.00"))])
    assert [x.source for x in f.destination] == [cited]


def test_the_residual_carried_is_at_most_the_stable_part_left_by_the_fixed_payments():
    rows = [
        amount("unico_importo_2017", "50000.00"),
        amount("obiettivi_ente", "40000.00"),
        {"voce": "destinazione", "uso": "indennita_comparto", "importo": D("45000.00")},
        {"voce": "destinazione", "uso": "condizioni_lavoro", "importo": D("20000.00")},
        {"voce": "destinazione", "uso": "performance_individuale", "importo": D("12000.00")},
    ]
    f, _ = fund(2023, rows)
    # residual 90,000 − 77,000 = 13,000.00; stable left 50,000 − 45,000 = 5,000.00: 5,000.00 returns, 8,000.00 lapses
    assert (f.residual, f.carried) == (D("13000.00"), D("5000.00"))


def test_a_destination_above_the_fund_and_fixed_payments_above_the_stable_part_are_errors():
    rows = [amount("unico_importo_2017", "10000.00"), amount("obiettivi_ente", "5000.00")]
    _, t = fund(2023, rows + uses(("indennita_comparto", "12000.00"), ("condizioni_lavoro", "4000.00")))
    # 16,000 destined > 15,000 constituted; 12,000 of fixed payments > 10,000 of stable resources
    messages = [p.message for p in t.problems if p.rule == "ccnl.fondo.destinazione"]
    assert any("€ 1.000,00" in m and "superano il fondo" in m for m in messages)
    assert any("trattamenti fissi" in m and "€ 10.000,00" in m for m in messages)


def test_the_destination_s_aggregate_errors_name_a_row_where_the_office_acts():
    rows = [amount("unico_importo_2017", "10000.00"), amount("obiettivi_ente", "5000.00")]
    rows += uses(("condizioni_lavoro", "4000.00"), ("indennita_comparto", "7000.00"), ("altri_fissi", "5000.00"))
    _, t = fund(2023, rows)
    found = [(p.row, p.column, p.message) for p in t.problems if "superano" in p.message]
    # destined 4,000 + 7,000 + 5,000 = 16,000.00 > 15,000.00 constituted: at the largest destination, row 5 (7,000);
    # fixed payments 7,000 + 5,000 = 12,000.00 > 10,000.00 of stable resources: at their first row, 5, naming 5 and 6
    assert [(row, column) for row, column, _ in found] == [(5, "importo"), (5, "importo")]
    assert "di € 1.000,00: riducile (questa è la maggiore, € 7.000,00)" in found[1][2]
    assert "progressioni: € 12.000,00, righe 5, 6) superano le risorse stabili" in found[0][2]


def test_the_sheet_s_problems_are_all_reported_at_their_cells():
    rows = [
        amount("unico_importo_2017", "1.00"),
        amount("unico_importo_2017", "2.00"),  # a single figure written twice
        {"voce": "dipendenti_2015", "importo": D("12")},  # a count in the amount column
        {"voce": "destinazione", "importo": D("5.00")},  # a destination without its use
        amount("sponsorizzazioni", "1.00", fondo_premi="premi"),  # a pool on a row that is no destination
        amount("unico_importo_2017", "3.00", fuori_limite=True),  # the contract decides this voce's limit
        {"voce": "destinazione", "uso": "performance_individuale", "importo": D("1.00"), "fondo_premi": "altro"},
    ]
    _, t = fund(2023, rows, pools=("premi",))
    found = sorted((p.row, p.column) for p in t.problems if p.rule == "ccnl.fondo.foglio")
    assert found == [
        (3, "voce"),
        (4, "importo"),
        (5, "uso"),
        (6, "fondo_premi"),
        (7, "fuori_limite"),
        (7, "voce"),
        (8, "fondo_premi"),
    ]


def test_a_pool_near_a_fund_of_the_plugin_is_read_as_it_one_error_at_its_cell():
    rows = [
        amount("unico_importo_2017", "10000.00"),
        {
            "voce": "destinazione",
            "uso": "performance_individuale",
            "importo": D("4000.00"),
            "fondo_premi": "premi_indiv",
        },
        {"voce": "destinazione", "uso": "condizioni_lavoro", "importo": D("1000.00"), "fondo_premi": "produttivita"},
    ]
    f, t = fund(2023, rows, pools=("premi_individuali", "risultato_po"))
    found = [(p.row, p.column, p.message) for p in t.problems if p.rule == "ccnl.fondo.foglio"]
    assert found == [
        (3, "fondo_premi", "«premi_indiv» non è un fondo del regolamento dell'ente; forse «premi_individuali»?"),
        (
            4,
            "fondo_premi",
            "«produttivita» non è un fondo del regolamento dell'ente (usa: «premi_individuali», «risultato_po»)",
        ),
    ]
    # the near name pays the fund it means; the other pays none (a refused cell feeds nothing)
    assert dict(f.pools) == {"premi_individuali": D("4000.00")}


def test_a_count_in_the_amount_column_is_one_error_not_also_a_missing_voce():
    rows = [amount("unico_importo_2017", "100000.00"), amount("dipendenti_2015", "41")]
    f, t = fund(2024, rows)
    # the row is there, its figure refused: the error at its cell, no warning that dipendenti_2015 is missing
    assert [(p.row, p.column, p.severity) for p in t.problems if "dipendenti_2015" in p.message] == [
        (3, "importo", "error")
    ]
    assert "item:per_capita_2015" not in keys(f) and f.total == D("100000.00")


def test_a_refused_figure_feeds_nothing():
    rows = [amount("unico_importo_2017", "100000.00"), amount("decurtazione", "-5000.00", atto="Determina n. 1")]
    f, t = fund(2024, rows)
    assert [(p.row, p.column) for p in t.problems if p.is_error] == [(3, "importo")]  # a cut is written positive
    # the fund: 100,000.00, the refused cut left out (not 100,000.00 − (−5,000.00) = 105,000.00)
    assert f.total == D("100000.00") and "item:decurtazione" not in keys(f)


def test_a_limit_that_would_count_a_refused_row_is_not_judged_one_error_only():
    rows = [
        amount("unico_importo_2017", "100000.00"),
        amount("decurtazione", "-3000.00", atto="Determina n. 1"),  # row 3, refused: a cut is written positive
        amount("obiettivi_ente", "3000.00", atto="Delibera n. 2"),
        amount("limite_2016", "100000.00"),
    ]
    f, t = fund(2024, rows)
    # without the refused cut the limit would count 100,000.00 + 3,000.00 = 103,000.00 > 100,000.00: an excess the
    # office did not write (with the cut as meant, 100,000.00 + 3,000.00 − 3,000.00 = 100,000.00); one error only
    assert [(p.row, p.column) for p in t.problems if p.is_error] == [(3, "importo")]
    limit = check(f, "limite")
    assert limit.ok is None
    assert limit.verdict == "non verificato: la riga 3 del foglio fondo, che conta nella verifica, è da correggere"


def test_a_refused_fuori_limite_keeps_the_contract_s_standing():
    rows = [
        amount("unico_importo_2017", "100000.00"),
        amount("residui_anno_precedente", "3000.00", fuori_limite=False),  # refused: the contract puts it outside
        amount("limite_2016", "100000.00"),
    ]
    f, t = fund(2024, rows)
    assert [(p.row, p.column) for p in t.problems if p.is_error] == [(3, "fuori_limite")]
    # the limit counts 100,000.00 only (not 100,000.00 + 3,000.00 = 103,000.00): margin 0, respected
    assert line(f, "item:residui_anno_precedente").limit == "fuori"
    assert check(f, "limite").ok is True
    assert t.figures["fund:limit:margin"].value == D("0.00")


# --- every euro conserved (a property) -----------------------------------------------------------------------------

VOCI = ["unico_importo_2017", "obiettivi_ente", "sponsorizzazioni", "incentivi_legge", "variabile_1_2", "decurtazione"]
USES = ["indennita_comparto", "performance_individuale", "performance_organizzativa", "condizioni_lavoro"]
cents = st.integers(min_value=0, max_value=10_000_000).map(lambda c: D(c) / 100)


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.sampled_from(VOCI), cents), min_size=1, max_size=8),
    st.lists(st.tuples(st.sampled_from(USES), cents, st.booleans()), max_size=6),
    st.sampled_from([2018, 2023, 2024, 2026]),
)
def test_every_euro_is_conserved(items, destined, year):
    rows = [amount("monte_salari_1997", "1000000000.00")] + [amount(v, str(a)) for v, a in items]
    rows += [
        {"voce": "destinazione", "uso": u, "importo": a, "fondo_premi": "premi" if p else ""} for u, a, p in destined
    ]
    f, t = fund(year, rows, pools=("premi",))
    assert (
        f.total
        == sum((x.amount for x in f.constitution), D(0))
        == sum(f.section(s) for s in ("stabile", "variabile", "decurtazione"))
    )
    assert f.total == f.destined + f.residual  # constitution = destination + residual, to the cent
    assert f.destined == sum((a for _, a, _ in destined), D(0))
    assert sum(f.pools.values(), D(0)) == sum((a for _, a, p in destined if p), D(0))
    assert D(0) <= f.carried <= max(f.residual, D(0))
    assert t.figures["fund:total"].value == f.total and t.figures["fund:residual"].value == f.residual


@pytest.mark.parametrize(
    "use, clause",
    [
        # art. 68 c. 2 CCNL 21.5.2018: g) compensi previsti da disposizioni di legge, h) compensi ai messi
        # notificatori, j) progressioni economiche con decorrenza nell'anno
        ("compensi_legge", "CCNL Funzioni Locali 21.5.2018 art. 68 c. 2 lett. g"),
        ("messi_notificatori", "CCNL Funzioni Locali 21.5.2018 art. 68 c. 2 lett. h"),
        ("progressioni", "CCNL Funzioni Locali 21.5.2018 art. 68 c. 2 lett. j"),
    ],
)
def test_a_2019_use_cites_the_letter_of_art_68_c_2(use, clause):
    from ciclope.plugins.ccnl_funzioni_locali.fondo.table import table

    assert str(table().usi_in(2019)[use].source(2019)) == clause


def test_a_2023_use_of_the_law_s_compensi_cites_letter_g_of_art_80_c_2():
    # art. 80 c. 2 CCNL 16.11.2022 keeps the order of art. 68 c. 2: g) compensi previsti da disposizioni di legge,
    # paid only from the resources of art. 79 c. 2 lett. c (the regulation's own wording of `performance = "nessuna"`
    # cites the same letter)
    from ciclope.plugins.ccnl_funzioni_locali.fondo.table import table

    assert (
        str(table().usi_in(2024)["compensi_legge"].source(2024))
        == "CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. g"
    )


def test_the_constitution_s_messages_cite_their_clause_once():
    """Each problem of an item names it by its title and leaves its clause to the source printed after it."""
    act = "Delibera di Giunta n. 5/2026"

    def said(year: int, rows: list[dict], words: str):
        _, t = fund(year, rows)
        return [(p.row, p.column, p.severity, p.message, str(p.source)) for p in t.problems if words in p.message]

    # a cap without its base (row 2 decides the 1,2% of a monte salari 1997 not written)
    assert said(2023, [amount("variabile_1_2", "1000.00", atto=act)], "tetto") == [
        (
            2,
            "importo",
            "error",
            "manca monte_salari_1997 nel foglio fondo: il tetto di «Integrazione fino all'1,2% del monte salari 1997» "
            "non si può verificare",
            "CCNL Funzioni Locali 16.11.2022 art. 79 c. 2 lett. b",
        )
    ]
    # the 0,22% of 2018 (row 3, within its cap of 0,22% × 1.000.000,00 = 2.200,00) without the 2021 figures to split it
    rows = [amount("monte_salari_2018", "1000000.00"), amount("opzionale_022_2018", "2200.00", atto=act)]
    assert said(2023, rows, "ripartita") == [
        (
            3,
            "importo",
            "error",
            "mancano fondo_2021 e risorse_eq_2021 nel foglio fondo: «Incremento fino allo 0,22% del monte salari 2018, "
            "quota del fondo» va ripartita tra fondo ed EQ",
            "CCNL Funzioni Locali 16.11.2022 art. 79 c. 3",
        )
    ]
    # the art. 60 cut with the funzionari alone: 5 × € 127,44 = € 637,20; the three other areas each a warning
    cut = said(2026, [heads("comparto_funzionari", 5)], "conta solo le aree")
    assert [message.split(":")[0] for _, _, _, message, _ in cut] == [
        "manca comparto_istruttori nel foglio fondo",
        "manca comparto_operatori_esperti nel foglio fondo",
        "manca comparto_operatori nel foglio fondo",
    ]
    assert cut[0] == (
        None,
        "numero",
        "warning",
        "manca comparto_istruttori nel foglio fondo: «Riduzione per il conglobamento parziale dell'indennità di "
        "comparto (Tabella C col. 3 × 12 × personale al 1.1.2026)» conta solo le aree scritte (€ 637,20); scrivi le "
        "persone dell'area al 1.1.2026 nella colonna numero, 0 se l'ente non ne aveva",
        "CCNL Funzioni Locali 23.2.2026 art. 60 cc. 2, 5",
    )
    # 0,14% × 5.033.777,00 = 7.047,2878 → 7.047,29, typed again as another variable resource (row 3)
    rows = [amount("monte_salari_2021", "5033777.00"), amount("altre_variabili", "7047.29", atto=act)]
    assert said(2026, rows, "calcola già") == [
        (
            3,
            "importo",
            "warning",
            "altre_variabili = € 7.047,29 è l'importo di «Incremento stabile dello 0,14% del monte salari 2021», che "
            "ciclope calcola già da monte salari 2021 nella sezione delle risorse stabili: se la riga è questa, "
            "toglila (si conterebbe due volte)",
            "CCNL Funzioni Locali 23.2.2026 art. 58 c. 1",
        )
    ]


def test_the_fund_s_sum_reads_as_its_signed_parts():
    """The cuts are kept, and shown, as negative amounts (as Modulo I's total of the cuts): the fund's formula adds
    them, so that «− decurtazioni» beside «Decurtazioni = € −4.500,00» never reads as adding them back."""
    f, t = fund(2024, [amount("unico_importo_2017", "100000.00"), amount("decurtazione", "4500.00", atto="Det. 1")])
    total = t.figures["fund:total"]
    # 100.000,00 + 0,00 + (−4.500,00) = 95.500,00
    assert (total.value, t.figures["fund:decurtazione"].value) == (D("95500.00"), D("-4500.00"))
    assert total.formula == "risorse stabili + risorse variabili + decurtazioni (importi negativi)"
