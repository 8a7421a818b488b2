"""The position pay by bands of the weighting ([posizioni] fasce): «punteggio di pesatura ≥ 85: € 14.000; 70–84:
€ 11.000; 55–69: € 8.000; < 55: € 5.000», in 13 instalments, part time in proportion, an incarico begun within
the year by days, the interim and the result pay as with the proportional split; every amount by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.reports.model import Total
from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.read.load import load

from helpers import amounts, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento EQ del Comune di Fasce"
sigla = "Reg. EQ"
tipo_ente = "comune"

[posizioni]
fonte = "art. 4"
criteri = [
  { codice = "A", nome = "Complessità organizzativa", peso = 30 },
  { codice = "B", nome = "Responsabilità amministrative e gestionali", peso = 30 },
  { codice = "C", nome = "Risorse umane e finanziarie gestite", peso = 20 },
  { codice = "D", nome = "Strategicità", peso = 20 },
]
fondo = "risorse_eq"
quota_risultato = 0.16
fasce = [
  { da = 85, importo = "14000.00" },
  { da = 70, importo = "11000.00" },
  { da = 55, importo = "8000.00" },
  { da = 0, importo = "5000.00" },
]
fonte_fasce = "art. 5"
rate = 13
interim = 0.20

[risultato_po]
metodo = "quota_posizione"
fonte = "art. 8"
fondo = "risultato_eq"
"""
STAFF = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"
CARD = "person,evaluator,section,item,max_points,points,weight"
# value = Σ peso × valutazione / 5:
#   P1 30 × 4/5 + 30 × 4/5 + 20 × 3/5 + 20 × 4/5 = 24 + 24 + 12 + 16 = 76 → band from 70: 11,000.00
#   P2 30 × 4/5 + 30 × 5/5 + 20 × 4/5 + 20 × 4/5 = 24 + 30 + 16 + 16 = 86 → band from 85: 14,000.00
#   P3 30 × 5/5 + 30 × 5/5 + 20 × 5/5 + 20 × 4/5 = 30 + 30 + 20 + 16 = 96 → band from 85: 14,000.00
#   P4 (vacant) 30 × 3/5 + 30 × 3/5 + 20 × 3/5 + 20 × 3/5 = 18 + 18 + 12 + 12 = 60 → band from 55: 8,000.00
POSITIONS = (
    "id,title,unit,holder,A,B,C,D,start,end,interim,interim_from,interim_to\n"
    "P1,Area Amministrativa,com,PO1,4,4,3,4,,,,,\n"
    "P2,Area Economico-finanziaria,com,PO2,4,5,4,4,2024-07-01,,,,\n"
    "P3,Area Tecnica,com,PO3,5,5,5,4,,,,,\n"
    "P4,Area Vigilanza,com,,3,3,3,3,,,PO3,2024-09-01,2024-12-31\n"
)


def comune(fund: str = "56000.00", positions: str = POSITIONS) -> dict[str, str]:
    """Three EQ: PO1 at 80% (88 points), PO2 (72), PO3 (95), evaluated by the Segretario."""
    people = [
        "PO1,Anna,po,D,com,0.8,0,false,SEG",
        "PO2,Marco,po,D,com,1,0,false,SEG",
        "PO3,Laura,po,D,com,1,0,false,SEG",
    ]
    cards = [f"{pid},SEG,scheda,Valutazione,100,{points}," for pid, points in (("PO1", 88), ("PO2", 72), ("PO3", 95))]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF, "SEG,Segretario,segretario,DIR,com,1,0,false,", *people]) + "\n",
        "evaluations.csv": "\n".join([CARD, *cards]) + "\n",
        "positions.csv": positions,
        "ente.toml": f'name = "Comune di Fasce"\n[funds]\nrisorse_eq = "{fund}"\n',
    }


def test_the_position_pay_is_the_band_reached(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    assert [p for p in result.violations if p.severity == "error"] == []
    posts = result.positions.positions
    assert {pid: str(p.annual) for pid, p in posts.items()} == {
        "P1": "11000.00", "P2": "14000.00", "P3": "14000.00", "P4": "8000.00"}  # fmt: skip
    # result fund 56,000 × 0.16 = 8,960.00; position fund 56,000 − 8,960 = 47,040.00 ≥ Σ bands 47,000.00
    # due (2024, 366 days): PO1 11,000 × 0.8 = 8,800.00; PO2 from 1 July, 184 days: 14,000 × 184 / 366 =
    # 7,038.2513… → 7,038.25; PO3 14,000.00; P4 vacant, not paid
    pay = amounts(result)
    assert (pay["P1:risorse_eq"], pay["P2:risorse_eq"], pay["P3:risorse_eq"]) == ("8800.00", "7038.25", "14000.00")
    assert "P4:risorse_eq" not in pay
    pool = result.rewards.pools["risorse_eq"]
    assert (pool.amount, pool.distributed) == (Decimal("47040.00"), Decimal("29838.25"))
    # the interim of P4 to PO3, 1 September – 31 December (30 + 31 + 30 + 31 = 122 days): 20% × 8,000 × 122 / 366
    # = 533.333… → 533.33; the result fund less it: 8,960 − 533.33 = 8,426.67, over Σ due 8,800 + 7,038.25 +
    # 14,000 = 29,838.25; maxima rounded down, paid × score / 100:
    #   PO1 8,426.67 × 8,800 / 29,838.25 = 2,485.22… → 2,485.22 × 0.88 = 2,186.9936 → 2,186.99
    #   PO2 8,426.67 × 7,038.25 / 29,838.25 = 1,987.68… → 1,987.68 × 0.72 = 1,431.1296 → 1,431.13
    #   PO3 8,426.67 × 14,000 / 29,838.25 = 3,953.76… → 3,953.76 × 0.95 = 3,756.072 → 3,756.07
    assert (pay["PO1"], pay["PO2"], pay["PO3"]) == ("2186.99", "1431.13", "3756.07")
    assert pay["P4:risultato_eq:interim"] == "533.33"
    # 13 instalments of P3's 14,000.00: 14,000 / 13 = 1,076.923… → 1,076.92 for 12, the last 14,000 − 12 × 1,076.92
    # = 1,076.96
    assert (posts["P3"].monthly, posts["P3"].monthly_last) == (Decimal("1076.92"), Decimal("1076.96"))


def test_explain_shows_the_band_reached_and_its_article(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    figure = result.figures["position:P1:annual"]
    assert figure.formula == "l'importo della fascia raggiunta: da 70 punti, € 11.000,00"
    assert figure.source.endswith("art. 5")
    assert [(i.name, i.value) for i in figure.inputs] == [
        ("valore della posizione", Decimal("76.00")),
        ("importo della fascia da 70 punti", Decimal("11000.00")),
    ]
    said = explain(result, "person", "PO1")
    assert "fascia raggiunta: da 70 punti, € 11.000,00" in said and "Reg. EQ, art. 5" in said
    assert "importo della fascia da 70 punti = € 11.000,00" in said


def test_a_position_below_the_lowest_band_is_worth_nothing(ciclope_ente, tmp_path):
    text = REGULATION.replace('  { da = 0, importo = "5000.00" },\n', "")
    csv = POSITIONS.replace("P4,Area Vigilanza,com,,3,3,3,3", "P4,Area Vigilanza,com,,2,2,2,2")
    result = run_declared(ciclope_ente, tmp_path, text, comune(positions=csv))
    # P4: 30 × 2/5 + 30 × 2/5 + 20 × 2/5 + 20 × 2/5 = 12 + 12 + 8 + 8 = 40, below the band from 55
    assert result.positions.positions["P4"].annual == Decimal("0.00")
    assert result.figures["position:P4:annual"].formula.startswith("nessuna fascia raggiunta (la più bassa è da 55")


def test_bands_beyond_the_position_fund_pay_nobody(ciclope_ente, tmp_path):
    # 50,000 × 0.16 = 8,000.00 to the result; position fund 42,000.00 < Σ bands 47,000.00
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune(fund="50000.00"))
    (short,) = [p for p in result.violations if p.rule == "regolamento.posizioni_fondo"]
    assert "€ 42.000,00" in short.message and "€ 47.000,00" in short.message
    assert not any(k.endswith(":risorse_eq") for k in amounts(result))


def problems_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is None
    return [f"{p.column}: {p.message}" for p in problems]  # the key, without the line


@pytest.mark.parametrize(
    "change, key, words",
    [
        ('fonte_fasce = "art. 5"', "posizioni.minimo", "togli minimo"),  # bands and a minimum
        ('{ da = 70, importo = "11000.00" }', "posizioni.fasce[3].da", "dalla più alta alla più bassa"),
    ],
)
def test_bands_written_wrong(tmp_path, change, key, words):
    text = REGULATION.replace(
        change,
        {'fonte_fasce = "art. 5"': 'fonte_fasce = "art. 5"\nminimo = "5000.00"'}.get(
            change, '{ da = 70, importo = "11000.00" },\n  { da = 90, importo = "9000.00" }'
        ),
    )
    found = problems_of(tmp_path, text)
    assert any(m.startswith(f"{key}: ") and words in m for m in found), found


def test_without_bands_minimum_and_maximum_are_needed(tmp_path):
    text = (
        REGULATION.split("fasce = [")[0]
        + 'fonte_fasce = "art. 5"\n'
        + REGULATION.split("fonte_fasce = \"art. 5\"\n")[1]
    )
    found = problems_of(tmp_path, text)
    assert any(m.startswith("posizioni.minimo: manca minimo e massimo") for m in found), found


def test_the_bands_read_back_as_the_text_says_them(tmp_path):
    from ciclope.plugins.regolamento.say import articles

    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    assert (
        "La retribuzione di posizione annua è quella della fascia che il valore della posizione raggiunge (art. 5): "
        "da 85 punti € 14.000,00; da 70 punti € 11.000,00; da 55 punti € 8.000,00; sotto 55 punti € 5.000,00."
    ) in articles.render(regulation)


def test_each_position_says_its_annual_due_instalments_and_result(ciclope_ente, tmp_path):
    from ciclope.core.output.results import positions

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    said = positions(result)
    # PO1 at 80% all year: 11,000 × 0.8 = 8,800.00 in 13 instalments: 8,800 / 13 = 676.923… → 676.92, the last
    # 8,800 − 12 × 676.92 = 676.96; result maximum 2,485.22, result 2,186.99 (as above)
    assert said["P1"] == {
        "score": 76.0, "holder": "PO1", "paid": True, "annual": "11000.00", "due": "8800.00", "monthly": "676.92",
        "monthly_last": "676.96", "instalments": 13, "result_max": "2485.22", "result": "2186.99"}  # fmt: skip
    # PO2 from 1 July: 7,038.25 due for July–December, 6 months of 12 of 13 instalments: 6 × 13 / 12 = 6.5 → 7
    # instalments: 7,038.25 / 7 = 1,005.464… → 1,005.46, the last 7,038.25 − 6 × 1,005.46 = 1,005.49
    assert (said["P2"]["due"], said["P2"]["instalments"]) == ("7038.25", 7)
    assert (said["P2"]["monthly"], said["P2"]["monthly_last"]) == ("1005.46", "1005.49")
    assert (said["P2"]["result_max"], said["P2"]["result"]) == ("1987.68", "1431.13")
    # P4 vacant: valued, nobody's result
    assert (said["P4"]["paid"], said["P4"]["result_max"], said["P4"]["result"]) == (False, None, None)


def test_the_relazione_s_table_of_the_positions_adds_up(ciclope_ente, tmp_path):
    from ciclope.core.reports.relazione.names import Names
    from ciclope.core.reports.relazione.people import rewards

    def titles(result) -> list[str]:
        return [b.text for b in rewards(result, Names(result)) if getattr(b, "text", "").endswith(" e retribuzione")]

    # without a comparto, the core's own words
    (tmp_path / "da-solo").mkdir()
    assert titles(run_declared(ciclope_ente, tmp_path / "da-solo", REGULATION, comune())) == [
        "Posizioni organizzative: pesatura e retribuzione"
    ]
    text = REGULATION.replace('tipo_ente = "comune"', 'tipo_ente = "comune"\ncomparto = "funzioni_locali"')
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    blocks = rewards(result, Names(result))
    [title] = titles(result)
    assert title == "Elevate Qualificazioni: pesatura e retribuzione"  # 2024: the CCNL 16.11.2022's words
    table = blocks[[getattr(b, "text", "") for b in blocks].index(title) + 1]
    head = [c[0] for c in table.columns]
    assert head == ["Posizione", "Titolare", "Punteggio di pesatura", "Retribuzione annua", "Dovuta nell'anno", "Rate",
                    "Rata", "Ultima rata", "Risultato massimo", "Risultato"]  # fmt: skip
    rows = {row[0]: row for row in table.rows}
    assert rows["P1"][3:] == ("€ 11.000,00", "€ 8.800,00", 13, "€ 676,92", "€ 676,96", "€ 2.485,22", "€ 2.186,99")
    assert rows["P2"][3:8] == ("€ 14.000,00", "€ 7.038,25", 7, "€ 1.005,46", "€ 1.005,49")
    # P4 vacant: its weighing's annual pay (band from 55: 8.000,00), no amount due and so no instalments, no result
    assert rows["P4"][1:] == ("vacante (non erogata)", "60,00", "€ 8.000,00", "—", "—", "—", "—", "—", "—")


def test_the_workbook_s_premiums_keep_the_result_pay_and_the_interim_apart(ciclope_ente, tmp_path):
    from ciclope.core.reports import sheets

    # with a part of the premium beside the result pay, the workbook names each award's part
    part = '\n[[premi]]\nnome = "produttività"\nmetodo = "proporzionale"\nfondo = "performance_individuale"\nfonte = "art. 10"\n'
    files = comune()
    files["ente.toml"] += 'performance_individuale = "1000.00"\n'
    files["people.csv"] += "D1,Dario,dipendente,C,com,1,0,false,SEG\n"  # the part pays him, all of it
    files["evaluations.csv"] += "D1,SEG,scheda,Valutazione,100,80,\n"
    result = run_declared(ciclope_ente, tmp_path, REGULATION + part, files)
    table = sheets.awards(result, lambda pid: "valutato")
    head = [c[0] for c in table.columns]
    rows = [dict(zip(head, row)) for row in table.rows if row[0] == "PO3"]
    # PO3's own result pay (3.756,07) and the interim of P4 (20% × 8.000 × 122 / 366 = 533,33), each with its own
    # amount, from the same fund: the part «retribuzione di risultato» is the first's only
    paid = [(r["Fondo"], r["Parte"], r["Importo"]) for r in rows if r["Fondo"].startswith("Retribuzione di risultato")]
    assert paid == [
        ("Retribuzione di risultato", "retribuzione di risultato", Decimal("3756.07")),
        ("Retribuzione di risultato (interim della posizione «Area Vigilanza»)", None, Decimal("533.33")),
    ]
    # the total (of the premiums and the position pay: the last row) is the sum of the rows
    body = [row for row in table.rows if not isinstance(row, Total)]
    assert table.rows[-1][head.index("Importo")] == sum(row[head.index("Importo")] for row in body)


def test_the_holder_s_scheda_names_the_post_and_says_its_weighing(ciclope_ente, tmp_path):
    """The scheda of a dirigente read «retribuzione di posizione dell'anno (PS1)», the post's code where its name
    belongs, and «Come si calcola: della posizione di cui è titolare.», half a sentence. P3 «Area Tecnica», held by
    Laura all year: 30 × 5/5 + 30 × 5/5 + 20 × 5/5 + 20 × 4/5 = 96 points, band from 85, € 14.000,00."""
    import html
    import re

    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "PO3")))))
    assert "retribuzione di posizione dell'anno (Area Tecnica)" in page
    assert "(P3)" not in page
    assert "Come si calcola: della posizione" not in page
    assert (
        "Come si calcola: la retribuzione di posizione annua della posizione «Area Tecnica», di cui è titolare: "
        "l'importo della fascia che il valore della sua pesatura raggiunge."
    ) in page
    assert "punti della pesatura della posizione 96,00 " in page
    assert "fascia raggiunta da 85 punti" in page


def test_the_workbook_totals_say_premiums_apart_from_position_pay(ciclope_ente, tmp_path):
    """The sheet «Premi» summed position pay and premiums in one «TOTALE», and «Sintesi» said «Fondi stanziati» of
    both, where the Relazione says «Premi distribuiti / stanziati» of the premiums alone. By hand (see
    test_the_position_pay_is_the_band_reached): position pay 8.800,00 + 7.038,25 + 14.000,00 = 29.838,25; result
    pay 2.186,99 + 1.431,13 + 3.756,07 + the interim 533,33 = 7.907,52 of the result fund 56.000 × 0,16 = 8.960,00;
    together 37.745,77; funds 8.960,00 + 47.040,00 = 56.000,00."""
    from openpyxl import load_workbook

    from ciclope.core.reports import xlsx
    from ciclope.core.reports.relazione.organization import money_kpi

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    book = load_workbook(path)
    premi = [r for r in book["Premi"].iter_rows(values_only=True) if r[0] and str(r[0]).lower().startswith("total")]
    totals = {r[0]: next(v for v in r[1:] if isinstance(v, (int, float))) for r in premi}
    assert totals == {
        "Totale dei premi": 7907.52,
        "Totale della retribuzione di posizione": 29838.25,
        "TOTALE (premi e retribuzione di posizione)": 37745.77,
    }
    sintesi = {r[0]: r[1] for r in book["Sintesi"].iter_rows(values_only=True)}
    assert (sintesi["Premi stanziati"], sintesi["Premi distribuiti"]) == (8960, 7907.52)
    assert sintesi["Fondi stanziati (premi e retribuzione di posizione)"] == 56000
    assert "Fondi stanziati" not in sintesi
    assert money_kpi(result) == "€ 7.907,52 / € 8.960,00"


def test_the_workbook_gives_each_person_premiums_position_pay_and_their_sum(ciclope_ente, tmp_path):
    """«Premi per persona» (by hand, see test_the_position_pay_is_the_band_reached): PO3's rows in «Premi» are the
    position pay 14.000,00, the result pay 3.756,07 and the interim of P4 533,33: premiums 3.756,07 + 533,33 =
    4.289,40, with the position pay 18.289,40; PO1 2.186,99 and 8.800,00, 10.986,99; the totals are «Premi»'s."""
    from openpyxl import load_workbook

    from ciclope.core.reports import xlsx

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    sheet = load_workbook(path)["Premi per persona"]
    rows = list(sheet.iter_rows(values_only=True))
    head = next(r for r in rows if r[0] == "Codice")
    assert head[3:6] == ("Premi", "Retribuzione di posizione", "Totale")
    by_code = {r[0]: r[3:6] for r in rows if r[0] in ("PO1", "PO3", "TOTALE")}
    assert by_code == {
        "PO1": (2186.99, 8800, 10986.99),
        "PO3": (4289.4, 14000, 18289.4),
        "TOTALE": (7907.52, 29838.25, 37745.77),
    }
    # the note says what an empty cell is: nothing of that kind from the cycle, never a position pay of 0
    assert rows[0][0].startswith("Gli importi che il ciclo paga a ciascuno; una cella vuota: nulla di quel tipo")
