"""A whole 2026 fund of a medium Comune, as its personnel office writes it from docs/fondo.md, and the mistakes an
office makes with a 2026 fund. Every figure is worked out by hand in the comments; the Comune is invented, its
figures consistent with each other (76 staff receiving the indennità di comparto at 1.1.2026, 78 in the year, 74 at
31.12.2015, 72 at 31.12.2018).

Constitution (CCNL 23.2.2026 and CCNL 16.11.2022 art. 79):
- stable: 312,450.00 + 83.20 × 74 = 6,156.80 + PEO 18,640.00 + RIA 1,245.36 + 987.60 = 2,232.96 (left in 2024 and
  on 31.12.2025: both before the fund's year) + 84.50 × 72 = 6,084.00 + differenziali 9,870.00 + 0.14% ×
  2,614,380.00 = 3,660.132 → 3,660.13 + DL 25 20,000.00 = 379,093.89 (359,093.89 without the DL 25 increase);
- variable: sponsorships 4,000.00 + technical incentives 23,415.50 (outside the limit, the ente's choice) + RIA
  rateo 541.60 + overtime savings 2,318.75 + 1.2% 16,500.00 (cap 1.2% × 1,650,000.00 = 19,800.00) + the ente's
  objectives 12,000.00 + arrears 2 × 3,660.13 = 7,320.26 + the fund's part of the 0.22% + residual 6,204.18;
  0.22%: cap 0.22% × 2,614,380.00 = 5,751.636 → 5,751.63 (down), all decided; split on 2024 (438,920.00 fund,
  96,800.00 EQ): fund 5,751.63 × 438,920 / 535,720 = 4,712.3599, EQ 1,039.2701 → 4,712.35 + 1,039.27 = 5,751.62,
  the last cent to the larger remainder (the fund's) → 4,712.36; variable = 77,012.65;
- cuts: DL 78/2010 4,870.00 and art. 60: 22 × 127.44 = 2,803.68 + 38 × 112.80 = 4,286.40 + 12 × 96.72 = 1,160.64 +
  4 × 79.56 = 318.24 → 8,568.96; cuts 13,438.96;
- fund = 379,093.89 + 77,012.65 − 13,438.96 = 442,667.58.

Limit: 2018 average 419,860.00 / 72 = 5,831.3889 → 5,831.39 × (78 − 72) = 34,988.34; limit 421,300.00 + 34,988.34
= 456,288.34. Counted: 312,450.00 + 541.60 + 16,500.00 + 12,000.00 − 4,870.00 = 336,621.60 + EQ 98,400.00 =
435,021.60; margin 21,266.74 (the art. 60 cut not subtracted).

DL 25: 48% × 1,812,463.27 = 869,982.3696 → 869,982.36 (down); stable without the increase, the art. 60 cut counted
figuratively, the DL 78 cut subtracted: 359,093.89 − 4,870.00 = 354,223.89; room 869,982.36 − 354,223.89 − 98,400.00
= 417,358.47 ≥ 20,000.00.

Destination: 128,460.00 + 28,840.00 (fixed) + 8,500.00 (progressions, fixed) + 26,000.00 + 40,000.00 + 12,600.00 +
64,300.00 + 52,500.00 + 11,200.00 + 23,415.50 + 3,000.00 + 30,000.00 still to agree = 428,815.50; residual
13,852.08, all carried (stable net of cuts 365,654.93 − fixed 165,800.00 = 199,854.93 free). To performance: base
4,000.00 + 541.60 + 2,318.75 + 16,500.00 + 12,000.00 = 35,360.35 (the variable resources of art. 79 c. 2: neither the
arrears nor the 0.22%, both art. 58 money); 30% = 10,608.105 → 10,608.11 (half-up) ≤ 66,000.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from ciclope.core import Ente, Row, Trace
from ciclope.plugins.ccnl_funzioni_locali.fondo import hook

ACT = "Delibera di Giunta n. 18 del 12/02/2026"


def amount(voce: str, value: str, **more: object) -> dict:
    return {"voce": voce, "importo": D(value), **more}


def heads(voce: str, n: int) -> dict:
    return {"voce": voce, "numero": D(n)}


def use(uso: str, value: str, pool: str = "") -> dict:
    return {"voce": "destinazione", "uso": uso, "importo": D(value), "fondo_premi": pool}


def comune() -> list[dict]:
    return [
        amount("unico_importo_2017", "312450.00"),
        heads("dipendenti_2015", 74),
        heads("dipendenti_2018", 72),
        amount("ria_cessati", "1245.36", data=dt.date(2024, 6, 30)),
        amount("ria_cessati", "987.60", data=dt.date(2025, 12, 31)),
        amount("differenziali_peo", "18640.00"),
        amount("differenziali_stipendiali", "9870.00"),
        amount("incremento_dl25", "20000.00", atto=ACT),
        amount("decurtazione", "4870.00", atto="art. 9 c. 2-bis DL 78/2010, Determina n. 55/2015"),
        heads("comparto_funzionari", 22),
        heads("comparto_istruttori", 38),
        heads("comparto_operatori_esperti", 12),
        heads("comparto_operatori", 4),
        amount("monte_salari_1997", "1650000.00"),
        amount("monte_salari_2021", "2614380.00"),
        amount("fondo_2024", "438920.00"),
        amount("risorse_eq_2024", "96800.00"),
        amount("sponsorizzazioni", "4000.00", atto="Delibera di Giunta n. 33/2026"),
        amount("incentivi_legge", "23415.50", fuori_limite=True, atto="Determina n. 210/2026"),
        amount("ria_rateo", "541.60"),
        amount("risparmi_straordinario", "2318.75", atto="Determina n. 40/2026"),
        amount("variabile_1_2", "16500.00", atto=ACT),
        amount("obiettivi_ente", "12000.00", atto=ACT),
        amount("opzionale_022_2021", "5751.63", atto=ACT),
        amount("residui_anno_precedente", "6204.18"),
        amount("limite_2016", "421300.00"),
        amount("fondo_eq_2018", "419860.00"),
        heads("dipendenti_anno", 78),
        amount("risorse_eq", "98400.00"),
        amount("spesa_tabellari_2023", "1812463.27"),
        use("differenziali_stipendiali", "128460.00"),
        use("indennita_comparto", "28840.00"),
        use("progressioni", "8500.00"),
        use("performance_organizzativa", "26000.00"),
        use("performance_individuale", "40000.00", "performance_individuale"),
        use("condizioni_lavoro", "12600.00"),
        use("turno_reperibilita", "64300.00"),
        use("specifiche_responsabilita", "52500.00"),
        use("funzione_servizio_esterno", "11200.00"),
        use("compensi_legge", "23415.50"),
        use("welfare", "3000.00"),
        use("da_regolare", "30000.00"),
    ]


def fund(rows: list[dict]):
    table = tuple(Row(values=r, row=n) for n, r in enumerate(rows, start=2))
    ente = Ente(
        id="c", name="Comune di Montevalle", year=2026, tables={"fondo": table}, fund_keys=("performance_individuale",)
    )
    trace = Trace()
    return hook.ciclope_fund(ente, None, trace), trace


def check(f, key: str) -> dict:
    return dict(next(c for c in f.checks if c.key == key).rows)


def at(trace: Trace, rule: str) -> list[tuple[str, int | None, str]]:
    return [(p.severity, p.row, p.column) for p in trace.problems if p.rule == rule]


def test_the_comune_s_2026_fund_to_the_cent():
    f, t = fund(comune())
    assert (f.section("stabile"), f.section("variabile"), f.section("decurtazione")) == (
        D("379093.89"),
        D("77012.65"),
        D("-13438.96"),
    )
    assert (f.total, f.destined, f.residual, f.carried) == (
        D("442667.58"),
        D("428815.50"),
        D("13852.08"),
        D("13852.08"),
    )
    by_key = {x.key: x.amount for x in f.constitution}
    assert by_key["item:incremento_014"] == D("3660.13") and by_key["item:arretrati_014"] == D("7320.26")
    assert by_key["item:opzionale_022_2021"] == D("4712.36") and by_key["item:conglobamento_art60"] == D("-8568.96")
    limit = check(f, "limite")
    # with its working: 419,860.00 / 72 = 5,831.39 a head (half-up), × (78 − 72) = 34,988.34
    staff = "Adeguamento al personale in servizio (DL 34/2019 art. 33 c. 2): € 419.860,00 / 72 = € 5.831,39 per persona × (78 − 72)"
    assert (limit[staff], limit["Limite dell'anno"]) == (
        D("34988.34"),
        D("456288.34"),
    )
    assert (limit["Totale che conta nel limite"], limit["Margine"]) == (D("435021.60"), D("21266.74"))
    assert limit["Voci fuori dal limite (non contano)"] == D("114614.94")  # 442,667.58 − 336,621.60 + 8,568.96
    dl25 = check(f, "dl25")
    assert (dl25["48% della spesa 2023 per i tabellari"], dl25["Spazio di incremento"]) == (
        D("869982.36"),
        D("417358.47"),
    )
    share = check(f, "performance")
    assert (share["Risorse variabili di riferimento"], share["Minimo alla performance (30%)"]) == (
        D("35360.35"),
        D("10608.11"),
    )
    assert f.pools == {"performance_individuale": D("40000.00")}
    assert [p.message for p in t.problems] == []  # a fund written as the docs say: not a warning


def test_an_area_left_out_of_the_art_60_cut_is_a_warning_naming_the_article():
    # the operatori's row forgotten: the cut counts 22 × 127.44 + 38 × 112.80 + 12 × 96.72 = 8,250.72, not 8,568.96
    f, t = fund([r for r in comune() if r["voce"] != "comparto_operatori"])
    assert next(x.amount for x in f.constitution if x.key == "item:conglobamento_art60") == D("-8250.72")
    (p,) = [p for p in t.problems if "comparto_operatori" in p.message]
    assert (p.severity, p.column) == ("warning", "numero")
    assert "€ 8.250,72" in p.message and "0 se l'ente non ne aveva" in p.message
    assert str(p.source) == "CCNL Funzioni Locali 23.2.2026 art. 60 cc. 2, 5"  # the article once, after the message
    # an ente with no operatori writes 0: no warning, the same cut
    f, t = fund([r if r["voce"] != "comparto_operatori" else heads("comparto_operatori", 0) for r in comune()])
    assert [p.message for p in t.problems] == []


def test_a_head_count_given_for_another_date_is_an_error_naming_the_article():
    rows = comune()
    rows[9] = {**rows[9], "data": dt.date(2026, 12, 31)}  # the funzionari at the end of the year (sheet row 11)
    _, t = fund(rows)
    assert at(t, "ccnl.fondo.foglio") == [("error", 11, "data")]
    (p,) = [p for p in t.problems if p.rule == "ccnl.fondo.foglio"]
    assert "01/01/2026" in p.message and "31/12/2026" in p.message and "art. 60 c. 2" in str(p.source)
    rows[9] = {**rows[9], "data": dt.date(2026, 1, 1)}  # the contract's date: nothing to say
    assert fund(rows)[1].problems == []
    rows[1] = {**rows[1], "data": dt.date(2016, 1, 1)}  # the 2015 staff is counted at 31.12.2015
    assert at(fund(rows)[1], "ccnl.fondo.foglio") == [("error", 3, "data")]


def test_a_date_on_a_voce_that_reads_none_is_a_warning():
    rows = comune()
    rows[0] = {**rows[0], "data": dt.date(2017, 12, 31)}
    assert at(fund(rows)[1], "ccnl.fondo.foglio") == [("warning", 2, "data")]


def test_a_decided_item_without_its_act_is_a_warning_at_its_row():
    rows = comune()
    rows[22] = amount("obiettivi_ente", "12000.00")  # sheet row 24
    _, t = fund(rows)
    assert at(t, "ccnl.fondo.atto") == [("warning", 24, "atto")]
    (p,) = [p for p in t.problems if p.rule == "ccnl.fondo.atto"]
    assert "art. 79 c. 2 lett. c" in p.message and "circolare RGS n. 25/2012" in p.message


def test_the_arrears_written_again_as_a_stable_resource_are_a_warning():
    # the 2024–2025 arrears, 2 × 3,660.13 = 7,320.26, already computed as variable: written again in altre_stabili
    # (sheet row 44) they would count twice, and every year
    f, t = fund([*comune(), amount("altre_stabili", "7320.26", atto="Determina n. 70/2026")])
    assert f.section("stabile") == D("386414.15")  # 379,093.89 + 7,320.26: the office's figure stays, warned
    (p,) = [p for p in t.problems if p.rule == "ccnl.fondo.costituzione"]
    assert (p.severity, p.row, p.column) == ("warning", 44, "importo")
    assert "due volte" in p.message and str(p.source) == "CCNL Funzioni Locali 23.2.2026 art. 58 c. 1"
    # the 0.14% itself (3,660.13) written as another stable resource: the same warning
    _, t = fund([*comune(), amount("altre_stabili", "3660.13", atto="Determina n. 70/2026")])
    assert at(t, "ccnl.fondo.costituzione") == [("warning", 44, "importo")]


def test_below_30_percent_to_performance_is_an_error_at_the_performance_row():
    # 30% of 35,360.35 = 10,608.11; 2,000.00 + 8,000.00 = 10,000.00 destined: 608.11 short
    rows = [r for r in comune() if r.get("uso") not in ("performance_organizzativa", "performance_individuale")]
    rows += [use("performance_organizzativa", "2000.00"), use("performance_individuale", "8000.00")]
    _, t = fund(rows)
    errors = [p for p in t.problems if p.rule == "ccnl.fondo.destinazione" and p.severity == "error"]
    assert [(p.row, p.column) for p in errors] == [(len(rows), "importo")]  # the first of the two performance rows
    assert "€ 608,11" in errors[0].message and "art. 59 c. 3" in errors[0].source


def test_the_revisore_reads_the_clauses_without_the_office_s_sheet():
    # the relazione tecnico-finanziaria is for the organo di revisione, who never sees the fondo sheet: a cut's and
    # another variable's clause point to the act written beside the line, not to «il foglio fondo»
    f, _ = fund([*comune(), amount("altre_variabili", "100.00", atto="Determina n. 80/2026")])
    sources = {x.key: str(x.source) for x in f.constitution}
    assert sources["item:decurtazione"] == (
        "DL 78/2010 art. 9 c. 2-bis (decurtazione consolidata dal 2015: L. 147/2013 art. 1 c. 456); le altre "
        "decurtazioni: la norma dell'atto dell'ente accanto alla voce"
    )
    assert sources["item:altre_variabili"] == "legge o contratto indicati nell'atto accanto alla voce"
    assert not [s for s in sources.values() if "foglio" in s]


def test_each_verdict_says_once_whether_its_check_holds():
    # the figures of the module docstring: margin 456,288.34 − 435,021.60 = 21,266.74; the DL 25 room 417,358.47 for an
    # increase of 20,000.00; 26,000.00 + 40,000.00 = 66,000.00 to performance on a minimum of 10,608.11; 442,667.58 =
    # 428,815.50 destined + 13,852.08 residual; to the uses a)–f) 26,000.00 + 40,000.00 + 12,600.00 + 64,300.00 +
    # 52,500.00 + 11,200.00 = 206,600.00, more than half the base 35,360.35
    f, _ = fund(comune())
    verdicts = {c.key: c.verdict for c in f.checks}
    assert verdicts == {
        "limite": "rispettato, con un margine di € 21.266,74",
        "dl25": "l'incremento di € 20.000,00 è entro lo spazio di € 417.358,47",
        "performance": (
            "rispettata, con € 66.000,00 alla performance su un minimo di € 10.608,11; agli usi a)–f) vanno "
            "€ 206.600,00, più della metà delle risorse variabili di riferimento (€ 35.360,35)"
        ),
        "residuo": "ogni euro è conservato (€ 442.667,58 = € 428.815,50 destinati + € 13.852,08 di residuo)",
    }
    # an increase of 417,378.47 instead of 20,000.00 (the limit is not at stake: the increase is outside it)
    rows = [r if r["voce"] != "incremento_dl25" else amount("incremento_dl25", "417378.47", atto=ACT) for r in comune()]
    (dl25,) = [c for c in fund(rows)[0].checks if c.key == "dl25"]
    # the stable part does not count the increase: the room stays 417,358.47, exceeded by 417,378.47 − 417,358.47 = 20.00
    assert dl25.verdict == "l'incremento di € 417.378,47 supera di € 20,00 lo spazio di € 417.358,47"
    assert dl25.ok is False


def test_the_arrears_enter_once_as_variable_outside_the_base_of_the_30_percent():
    # rules §2: the 2024–2025 arrears (2 × 3,660.13 = 7,320.26) enter the 2026 fund once, as variable; rules §4: the
    # base of the 30% is the variable resources of art. 79 c. 2 less art. 67 c. 3 c, f, g — the arrears are art. 58
    # c. 1 money, so the base stays 35,360.35 (the module docstring) and the reading is said in the notes
    f, _ = fund(comune())
    (arrears,) = [x for x in f.constitution if x.key == "item:arretrati_014"]
    assert (arrears.section, arrears.limit, arrears.amount) == ("variabile", "fuori", D("7320.26"))
    assert check(f, "performance")["Risorse variabili di riferimento"] == D("35360.35")
    (note,) = [n for n in f.notes if n.startswith("Arretrati 2024–2025")]
    assert "una sola volta" in note and "non contano nella base del 30%" in note
    # the 2027 fund has no arrears, and no note about them
    table = tuple(Row(values=r, row=n) for n, r in enumerate(comune(), start=2))
    later = hook.ciclope_fund(Ente(id="c", name="Comune", year=2027, tables={"fondo": table}), None, Trace())
    assert not [x for x in later.constitution if x.key == "item:arretrati_014"]
    assert not [n for n in later.notes if n.startswith("Arretrati")]


def test_the_optional_022_increase_is_outside_the_base_of_the_30_percent():
    # rules §4: the base is the variable resources of art. 79 c. 2; the 0.22% is art. 58 c. 2 CCNL 23.2.2026 (art. 79
    # c. 3 before). Its fund part (4,712.36) is in the variable section (77,012.65, the module docstring) but not in
    # the base: 35,360.35, the same with or without the increase; without it the variable section is
    # 77,012.65 − 4,712.36 = 72,300.29
    f, _ = fund(comune())
    without, _ = fund([r for r in comune() if r["voce"] != "opzionale_022_2021"])
    assert (f.section("variabile"), without.section("variabile")) == (D("77012.65"), D("72300.29"))
    base = "Risorse variabili di riferimento"
    assert (check(f, "performance")[base], check(without, "performance")[base]) == (D("35360.35"), D("35360.35"))
    (note,) = [n for n in f.notes if n.startswith("Incrementi facoltativi dello 0,22%")]
    assert "non conta nella base del 30%" in note and "art. 79 c. 2" in note
    assert not [n for n in without.notes if n.startswith("Incrementi facoltativi")]
