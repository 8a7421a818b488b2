"""The format 2 blocks of the declared regulation, on small enti written here, every amount by hand: the
weighting of positions ([posizioni]) and the result pay as a share of a fund by position pay ([risultato_po]
metodo = "quota_posizione"), the acts that open the premiums ([accesso]), the individual and group objectives of
a score (obiettivi); and their errors, in Italian, naming file, key or column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ciclope.core.problems import CiclopeError
from ciclope.core.run import explain
from ciclope.plugins.regolamento.pay import positionshare
from ciclope.plugins.regolamento.read.load import load

from helpers import amounts, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Posizioni"
tipo_ente = "comune"
"""
POSITIONS = """
[posizioni]
fonte = "art. 4"
criteri = [
  { codice = "A1", nome = "Complessità organizzativa", peso = 60 },
  { codice = "A2", nome = "Responsabilità", peso = 40 },
]
scala = 5
fondo = "posizioni_po"
quota_risultato = 0.15
minimo = "5000.00"
massimo = "16000.00"

[risultato_po]
metodo = "quota_posizione"
fonte = "art. 6"
"""
UNITS = (
    "id,name,kind,parent,head\ncom,Comune,ente,,SEG\namm,Area amministrativa,area,com,\ntec,Area tecnica,area,com,\n"
)
OBJECTIVES = "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,amm\nOB2,operational,Opere,,,,tec\n"
INDICATORS = (
    "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
    "IN1,OB1,Pratiche,higher,,,10,8,,,,,\nIN2,OB2,Cantieri,higher,,,10,9,,,,,\n"
)
# the positions: value = Σ peso × valutazione / 5
#   P1: 60 × 5/5 + 40 × 4/5 = 60 + 32 = 92
#   P2: 60 × 3/5 + 40 × 5/5 («alta» = 5) = 36 + 40 = 76
#   P3 (vacant): 60 × 1/5 + 40 × 2/5 = 12 + 16 = 28
POSITIONS_CSV = "id,title,unit,holder,A1,A2\nP1,Area amministrativa,amm,PO1,5,4\nP2,Area tecnica,tec,PO2,3,alta\n" \
    "P3,Ufficio studi,tec,,1,2\n"  # fmt: skip


def ente(people: list[tuple[str, str, int, str]], funds: str, **more: str) -> dict[str, str]:
    """(id, role, card points out of 100, insufficient) in unit amm, evaluated by SEG."""
    rows = ["id,name,role,category,unit,fte,absence_days,insufficient,evaluator", "SEG,Segretario,segretario,DIR,com,1,0,false,"]  # fmt: skip
    cards = ["person,evaluator,section,item,max_points,points,weight"]
    for pid, role, points, insufficient in people:
        rows.append(f"{pid},Persona {pid},{role},D,amm,1,0,{insufficient},SEG")
        cards.append(f"{pid},SEG,scheda,Valutazione complessiva,100,{points},")
    return {
        "units.csv": UNITS,
        "objectives.csv": OBJECTIVES,
        "indicators.csv": INDICATORS,
        "people.csv": "\n".join(rows) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": f'name = "Comune di Posizioni"\n[funds]\n{funds}\n',
        **more,
    }


def errors(result) -> list[str]:
    return [p.rule for p in result.violations if p.severity == "error"]


def test_positions_weighted_and_paid_within_the_bounds(ciclope_ente, tmp_path):
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    assert errors(result) == []
    assert {k: result.figures[f"position:{k}:score"].value for k in ("P1", "P2", "P3")} == {
        "P1": Decimal("92.00"), "P2": Decimal("76.00"), "P3": Decimal("28.00")}  # fmt: skip
    # result share 40000 × 0.15 = 6000.00; position fund F = 40000 − 6000 = 34000.00
    # λ = 34000 / (92 + 76 + 28) = 173.47: P3 28λ = 4857.14 < 5000, held at the minimum; then λ = (34000 − 5000)
    # / (92 + 76) = 172.619…: P1 92λ = 15880.952… (≤ 16000), P2 76λ = 13119.047…, P3 28λ = 4833.33 < 5000 still.
    # Cents: P1 1588095.24 → 1588095 (.24), P2 1311904.76 → 1311904 (.76); one cent left, to P2 (.76)
    positions = result.rewards.pools["posizioni_po"]
    assert (positions.amount, positions.distributed, positions.kind) == (
        Decimal("34000.00"),
        Decimal("29000.00"),
        "position",
    )
    assert positions.residual == Decimal("5000.00")  # P3 is vacant: valued, not paid
    assert amounts(result)["P1:posizioni_po"] == "15880.95" and amounts(result)["P2:posizioni_po"] == "13119.05"
    assert "P3:posizioni_po" not in amounts(result)
    assert result.rewards.awards["P1:posizioni_po"].ref == "P1"
    # result pay: fund 6000.00; maximum = 6000 × pay / (15880.95 + 13119.05 = 29000.00), rounded down:
    #   PO1 95285700 / 29000 = 3285.7137… → 3285.71; PO2 78714300 / 29000 = 2714.2862… → 2714.28
    # paid × score / 100: PO1 3285.71 × 0.90 = 2957.139 → 2957.14; PO2 2714.28 × 0.80 = 2171.424 → 2171.42
    assert amounts(result)["PO1"] == "2957.14" and amounts(result)["PO2"] == "2171.42"
    pool = result.rewards.pools["risultato_po"]
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("6000.00"), Decimal("5128.56"), Decimal("871.44"))
    assert result.positions is not None and result.positions.positions["P3"].paid is False
    assert result.positions.positions["P1"].annual == Decimal("15880.95")
    # the maximum's figure gives the Σ it divides by, so it is redone by hand: 6000 × 15880.95 / 29000.00
    said = explain.explain(result, "person", "PO1")
    assert "• Σ retribuzioni di posizione = € 29.000,00\n  • quota massima = € 3.285,71" in said


def test_the_share_of_a_vacant_position_stays_residual(ciclope_ente, tmp_path):
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    text = HEAD + POSITIONS.replace(
        'metodo = "quota_posizione"', 'metodo = "quota_posizione"\nposizioni_vacanti = "residuo"'
    )
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # the positions as above: P1 15880.95, P2 13119.05, P3 (vacant) 5000.00, Σ 34000.00 over every position;
    # each maximum = 6000 × pay / 34000, rounded down: PO1 95285700 / 34000 = 2802.5205… → 2802.52,
    #   PO2 78714300 / 34000 = 2315.1264… → 2315.12 (P3's 6000 × 5000 / 34000 = 882.35… is nobody's)
    # paid × score / 100: PO1 2802.52 × 0.90 = 2522.268 → 2522.27; PO2 2315.12 × 0.80 = 1852.096 → 1852.10
    assert amounts(result)["PO1"] == "2522.27" and amounts(result)["PO2"] == "1852.10"
    pool = result.rewards.pools["risultato_po"]
    # 2522.27 + 1852.10 = 4374.37 paid, 6000.00 − 4374.37 = 1625.63 residual
    assert (pool.amount, pool.distributed, pool.residual) == (
        Decimal("6000.00"),
        Decimal("4374.37"),
        Decimal("1625.63"),
    )
    every = next(i for i in result.figures["award:PO1:risultato_po"].inputs if i.name.startswith("Σ retribuzioni"))
    assert every.value == Decimal("34000.00")


def test_vacant_positions_are_known_from_the_weighting(tmp_path):
    text = (
        HEAD + "\n[risultato_po]\nmetodo = \"quota_posizione\"\nfonte = \"art. 6\"\nposizioni_vacanti = \"residuo\"\n"
    )
    found = problems_of(tmp_path, text)
    assert any(m.startswith("risultato_po.posizioni_vacanti: ") and "con [posizioni]" in m for m in found)


@pytest.mark.parametrize("part_time", ["", 'tempo_parziale = "proporzionale"', 'tempo_parziale = "intero"'])
def test_a_part_time_holder_s_position_pay_is_proportional_by_default(ciclope_ente, tmp_path, part_time):
    """A reading where the regulation is silent: the contract re-proportions the position pay of a PO/EQ working
    part-time (CCNL 22.1.2004 art. 11; ARAN RAL1669, RAL1675); an ente whose act decides otherwise writes
    ``tempo_parziale = "intero"``."""
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    data["people.csv"] = data["people.csv"].replace("PO2,Persona PO2,po,D,amm,1,", "PO2,Persona PO2,po,D,amm,0.5,")
    regulation = HEAD + POSITIONS.replace('massimo = "16000.00"', f'massimo = "16000.00"\n{part_time}')
    result = run_declared(ciclope_ente, tmp_path, regulation, data)
    assert errors(result) == []
    # the annual pay of P2 is its value's, 13,119.05 (the weighting does not change); PO2 works half time
    assert result.positions.positions["P2"].annual == Decimal("13119.05")
    if part_time.endswith('"intero"'):  # as full time: the amounts of the test above
        assert amounts(result)["P2:posizioni_po"] == "13119.05" and amounts(result)["PO2"] == "2171.42"
        return
    # 13,119.05 × 0.5 = 6,559.525 → 6,559.53 (half-up); the result fund 6,000.00 is split on 15,880.95 + 6,559.53 =
    # 22,440.48: PO1 6000 × 15,880.95 / 22,440.48 = 4,246.152… → 4,246.15, PO2 6000 × 6,559.53 / 22,440.48 =
    # 1,753.847… → 1,753.84 (maxima, rounded down); × score: 4,246.15 × 0.90 = 3,821.535 → 3,821.54, 1,753.84 ×
    # 0.80 = 1,403.072 → 1,403.07
    assert amounts(result)["P2:posizioni_po"] == "6559.53" and result.positions.positions["P2"].due == Decimal(
        "6559.53"
    )
    assert amounts(result)["PO1"] == "3821.54" and amounts(result)["PO2"] == "1403.07"
    # the position fund keeps what the part-time does not take: 34,000.00 − 15,880.95 − 6,559.53 = 11,559.52
    assert result.rewards.pools["posizioni_po"].residual == Decimal("11559.52")
    # the reading is in the Relazione, with its source
    (section,) = [x for x in result.sections if x.title == "Letture adottate dove il regolamento tace"]
    (row,) = [r for r in section.rows if r[0] == "Retribuzione di posizione di un titolare a tempo parziale"]
    assert "CCNL 22.1.2004 art. 11" in row[2]
    due = result.figures["position:P2:due"]
    assert "tempo lavorato" in due.formula and [i.value for i in due.inputs if i.name == "tempo lavorato"] == [
        Decimal("0.5")
    ]


def test_a_holder_who_leaves_is_due_the_position_pay_of_the_days_in_service(ciclope_ente, tmp_path):
    """An incarico cannot outlast the service: PO2 leaves on 30/06/2024 (people.csv's cessazione) and positions.csv
    dates no end, so P2 is paid for the days to 30/06, as if its fine_incarico said it."""
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    rows = data["people.csv"].splitlines()
    ceased = [rows[0] + ",cessazione"] + [r + (",2024-06-30" if r.startswith("PO2,") else ",") for r in rows[1:]]
    data["people.csv"] = "\n".join(ceased) + "\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    assert errors(result) == []
    # P2's annual pay is 13,119.05 (test_positions_weighted_and_paid_within_the_bounds); 1/1–30/6/2024 is 31 + 29 +
    # 31 + 30 + 31 + 30 = 182 days of 366: 13,119.05 × 182 / 366 = 6,523.6806… → 6,523.68
    assert amounts(result)["P2:posizioni_po"] == "6523.68"
    # the result fund 6,000.00 on 15,880.95 + 6,523.68 = 22,404.63: maxima rounded down, PO1 6000 × 15,880.95 /
    # 22,404.63 = 4,252.9468… → 4,252.94, PO2 6000 × 6,523.68 / 22,404.63 = 1,747.0531… → 1,747.05; × score:
    # 4,252.94 × 0.90 = 3,827.646 → 3,827.65, 1,747.05 × 0.80 = 1,397.64
    assert amounts(result)["PO1"] == "3827.65" and amounts(result)["PO2"] == "1397.64"
    # the pay due says where its end comes from: the holder's cessazione, at its cell of people.csv (header, SEG,
    # PO1, PO2: row 4)
    said = explain.explain(result, "person", "PO2") or ""
    assert "cessazione del titolare = 30/06/2024   ← people.csv, riga 4, colonna cessazione" in said, said
    assert "giorni dell'incarico nell'anno = 182" in said


def test_explain_shows_each_block_with_its_fonte(ciclope_ente, tmp_path):
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    text = explain.explain(result, "person", "PO1")
    assert text is not None
    assert "SMVP del Comune di Posizioni, art. 4" in text  # the weighting and the position pay
    assert "SMVP del Comune di Posizioni, art. 6" in text  # the result pay
    assert "Complessità organizzativa" in text and "15.880,95" in text


def test_a_fund_below_the_minimums_pays_no_position(ciclope_ente, tmp_path):
    # F = 16000 − 15% = 13600.00 < 3 × 5000: nobody can have the minimum
    data = ente([("PO1", "po", 90, "false")], 'posizioni_po = "16000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    assert "regolamento.posizioni_fondo" in errors(result)
    assert result.rewards.pools["posizioni_po"].distributed == Decimal("0.00")


QUOTA = """
[[esclusioni]]
regola = "insufficiente"
fonte = "art. 8"

[risultato_po]
metodo = "quota_posizione"
fonte = "art. 28"
"""


@pytest.mark.parametrize("position_pay", [True, False])
def test_result_pay_as_a_share_of_the_fund_by_position_pay(ciclope_ente, tmp_path, position_pay):
    people = [("PO1", "po", 95, "false"), ("PO2", "po", 50, "false"), ("PO3", "po", 70, "true")]
    data = ente(people, 'risultato_po = "1000.00"')
    if position_pay:  # three equal position pays, or no column: equal shares, the same maxima
        rows = data["people.csv"].splitlines()
        data["people.csv"] = "\n".join([rows[0] + ",position_pay", rows[1] + ","] + [r + ",10000.00" for r in rows[2:]]) + "\n"  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, HEAD + QUOTA, data)
    # maximum: 1000 × 10000 / 30000 = 333.333… → 333.33 each, rounded down (the cent left is residual)
    # PO1 95 ≥ 60: 333.33 × 0.95 = 316.6635 → 316.66; PO2 50 < 60: negative, 0; PO3 insufficient: 0
    assert amounts(result) == {"PO1": "316.66", "PO2": "0.00", "PO3": "0.00"}
    assert (
        result.rewards.statuses["PO2"] == "valutazione_negativa"
        and result.rewards.statuses["PO3"] == "escluso_insufficiente"
    )
    assert "regolamento.contraddittorio" in errors(result)  # PO2's negative evaluation without its hearing
    pool = result.rewards.pools["risultato_po"]
    assert (pool.distributed, pool.residual) == (Decimal("316.66"), Decimal("683.34"))
    assert {i.name: i.value for i in result.figures["award:PO1:risultato_po"].inputs}["quota massima"] == Decimal(
        "333.33"
    )
    # the fund's explanation goes on to what was paid, person by person: PO1's 316.66 alone (PO2 and PO3 nothing)
    said = explain.explain(result, "pool", "risultato_po") or ""
    assert "■ Retribuzione di risultato pagata = € 316,66" in said
    assert "• retribuzione di risultato di Persona PO1 = € 316,66" in said
    assert "Persona PO2" not in said and "Persona PO3" not in said


PREMIUM = """
[premio]
metodo = "proporzionale"
fonte = "art. 9"
tempo_parziale = "intero"

[accesso]
fonte = "art. 39 c. 2"
atti = ["relazione_approved", "relazione_validated_oiv"]
"""


def approvals(approved: str, validated: str) -> str:
    return f'performance_individuale = "100.00"\n[approvals]\n{approved}\n{validated}'


def test_the_acts_open_the_premiums(ciclope_ente, tmp_path):
    funds = approvals("relazione_approved = 2025-05-30", "relazione_validated_oiv = 2025-06-15")
    result = run_declared(ciclope_ente, tmp_path, HEAD + PREMIUM, ente([("D1", "dipendente", 60, "false"), ("D2", "dipendente", 40, "false")], funds))  # fmt: skip
    # 100 × 60 / 100 = 60.00, 100 × 40 / 100 = 40.00
    assert amounts(result) == {"D1": "60.00", "D2": "40.00"}
    assert result.figures["score:D1:accesso"].value == "aperto"
    assert result.figures["score:D1:accesso"].source == "SMVP del Comune di Posizioni, art. 39 c. 2"


@pytest.mark.parametrize(
    ("approved", "validated", "act", "words"),
    [
        ("", "relazione_validated_oiv = 2025-06-15", "relazione_approved", "manca l'atto relazione_approved"),
        (
            "relazione_approved = 2024-12-30",
            "relazione_validated_oiv = 2025-06-15",
            "relazione_approved",
            "è datato 30/12/2024, non dopo la fine dell'anno valutato 2024",
        ),  # fmt: skip
        (
            "relazione_approved = 2025-06-30",
            "relazione_validated_oiv = 2025-06-15",
            "relazione_validated_oiv",
            "(15/06/2025) precede l'atto relazione_approved (30/06/2025)",
        ),  # fmt: skip
    ],
)
def test_a_missing_or_misplaced_act_closes_every_premium(ciclope_ente, tmp_path, approved, validated, act, words):
    data = ente([("D1", "dipendente", 60, "false")], approvals(approved, validated))
    result = run_declared(ciclope_ente, tmp_path, HEAD + PREMIUM, data)
    gate = [p for p in result.violations if p.rule == "regolamento.accesso"]
    assert len(gate) == 1 and gate[0].severity == "error"
    assert words in gate[0].message and gate[0].column == f"approvals.{act}"
    assert amounts(result) == {}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("0.00"), Decimal("100.00"))  # wholly residual
    assert result.figures["score:D1:accesso"].value == "chiuso: nessun premio"


def test_a_missing_act_of_the_calendar_is_named_by_its_title(ciclope_ente, tmp_path):
    # an act of the regulation's own: the office reads the title the text gives it, and the key ente.toml needs
    own = PREMIUM.replace('atti = ["relazione_approved", "relazione_validated_oiv"]', 'atti = ["attestazione_dg"]')
    calendar = """
[[calendario]]
atto = "Attestazione del Direttore Generale"
fase = "valutazione"
scadenza = "31/05"
anno = "successivo"
approvazione = "attestazione_dg"
fonte = "art. 40"
"""
    data = ente([("D1", "dipendente", 60, "false")], 'performance_individuale = "100.00"')
    result = run_declared(ciclope_ente, tmp_path, HEAD + own + calendar, data)
    gate = [p.message for p in result.violations if p.rule == "regolamento.accesso"]
    assert gate == [
        "accesso ai premi chiuso: manca l'atto «Attestazione del Direttore Generale» ([atti] attestazione_dg "
        "= AAAA-MM-GG in ente.toml). Serve «Attestazione del Direttore Generale»; nessun premio è calcolato né "
        "erogato: i fondi restano interamente residui"
    ]


OBJECTIVES_SCORE = """
[punteggio]
fonte = "art. 45"
dipendente = { unita = 0.4, obiettivi = 0.3, scheda = 0.3 }
"""


def test_individual_objectives_in_the_score(ciclope_ente, tmp_path):
    data = ente(
        [("D1", "dipendente", 90, "false"), ("D2", "dipendente", 80, "false")], 'performance_individuale = "0.00"'
    )
    data["objectives.csv"] += "OBI,individual,Pratiche curate da D1,,,,D1\n"
    data["indicators.csv"] += "IN3,OBI,Pratiche curate,higher,,,10,6,,,,,\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + OBJECTIVES_SCORE, data)
    # unit amm: IN1 8 / 10 = 0.8. D1: 0.4 × 80 + 0.3 × 60 (OBI 6 / 10) + 0.3 × 90 = 32 + 18 + 27 = 77.00
    # D2 has no objective: its weight passes to the unit, 0.7 × 80 + 0.3 × 80 = 56 + 24 = 80.00
    assert result.scores["D1"].score == Decimal("77.00") and result.scores["D2"].score == Decimal("80.00")
    assert result.figures["objectives:D1"].value == Decimal("0.6000")
    assert "passa all'unità" in result.figures["score:D2"].note
    # the objectives read as the unit's performance does, a percentage (0.6 → «60,00%»), never «0,6» beside «60»
    said = explain.explain(result, "person", "D1")
    assert "• obiettivi individuali e di gruppo = 60,00%" in said
    assert "■ Obiettivi individuali e di gruppo di Persona D1 = 60,00%" in said
    assert "0,6\n" not in said


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is None
    return [f"{p.column}: {p.message}" for p in problems]  # the key, without the line


def test_the_errors_of_the_blocks_at_once(tmp_path):
    text = (HEAD + POSITIONS).replace("peso = 40", "peso = 30").replace('minimo = "5000.00"', 'minimo = "17000.00"')
    found = problems_of(tmp_path, text)
    assert any(m.startswith("posizioni.criteri: i pesi dei criteri sommano a 90, non a 100") for m in found)
    assert any(m.startswith("posizioni.minimo: ") and "supera il massimo 16000.00" in m for m in found)


def test_format_2_blocks_in_a_format_1_file(tmp_path):
    found = problems_of(tmp_path, (HEAD + POSITIONS).replace("formato = 2", "formato = 1"))
    assert any(m.startswith("posizioni: ") and "scrivi formato = 2" in m for m in found)
    assert any(m.startswith("risultato_po.metodo: ") and "«quota_posizione» è del formato 2" in m for m in found)


def test_result_share_without_its_result_pay(tmp_path):
    text = (HEAD + POSITIONS).split("[risultato_po]")[0]
    assert any("manca [risultato_po]" in m for m in problems_of(tmp_path, text))


def test_an_interim_without_a_result_pay_to_be_paid_with(tmp_path):
    # CCNL 21.5.2018 art. 15 c. 6: the interim is paid «nell'ambito della retribuzione di risultato»
    text = (HEAD + POSITIONS).split("[risultato_po]")[0].replace("quota_risultato = 0.15", "interim = 0.2")
    found = problems_of(tmp_path, text)
    assert any(m.startswith("posizioni.interim: l'interim si paga nella retribuzione di risultato") for m in found)


def test_a_criterion_without_its_column(ciclope_ente, tmp_path):
    csv = "id,title,unit,holder,A1,A3\nP1,Area amministrativa,amm,PO1,5,4\nP2,Area tecnica,tec,PO2,3,7\n"
    data = ente([("PO1", "po", 90, "false")], 'posizioni_po = "40000.00"', **{"positions.csv": csv})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    found = {(p.file, p.column): p.message for p in result.violations if p.rule == "regolamento.posizioni_colonna"}
    assert "manca la colonna «A2» del criterio «Responsabilità»" in found[("positions.csv", "A2")]
    assert "colonna sconosciuta «A3»" in found[("positions.csv", "A3")]


def test_a_rating_above_the_scale(ciclope_ente, tmp_path):
    csv = "id,title,unit,holder,A1,A2\nP1,Area amministrativa,amm,PO1,5,4\nP2,Area tecnica,tec,PO2,6,\n"
    data = ente([("PO1", "po", 90, "false")], 'posizioni_po = "40000.00"', **{"positions.csv": csv})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    found = [(p.row, p.column, p.message) for p in result.violations if p.rule == "regolamento.posizioni_valutazione"]
    assert [(r, c) for r, c, _ in found] == [(3, "A1"), (3, "A2")]
    assert "6, oltre la scala: va da 1 a 5" in found[0][2] and "è vuota" in found[1][2]


def test_an_act_ciclope_does_not_know(tmp_path):
    found = problems_of(tmp_path, HEAD + PREMIUM.replace('"relazione_approved"', '"relazione_aprovata"'))
    assert any(m.startswith("accesso.atti: atto «relazione_aprovata» sconosciuto") for m in found)
    assert any("relazione_approvata" in m for m in found)  # the nearest known name
    # the acts are offered as ente.toml's [atti] writes them, in Italian: never the codes
    [said] = [m for m in found if m.startswith("accesso.atti: atto «relazione_aprovata» sconosciuto")]
    assert "(bilancio_approvato, piano_adottato, relazione_approvata, relazione_validata_oiv," in said
    assert "budget_approved" not in said and "relazione_approved" not in said


def test_an_act_by_its_italian_name(ciclope_ente, tmp_path):
    text = HEAD + PREMIUM.replace('"relazione_validated_oiv"]', '"relazione_validata_oiv"]')
    funds = approvals("relazione_approved = 2025-05-30", "relazione_validated_oiv = 2025-06-15")
    result = run_declared(ciclope_ente, tmp_path, text, ente([("D1", "dipendente", 60, "false")], funds))
    assert amounts(result) == {"D1": "100.00"}  # the whole fund to the only one


@given(
    fund=st.decimals(min_value=0, max_value=100000, places=2),
    pays=st.lists(st.decimals(min_value=0, max_value=20000, places=2), min_size=1, max_size=8),
)
def test_the_caps_never_exceed_the_fund_and_leave_less_than_a_cent_each(fund, pays):
    caps = positionshare.maxima(fund, {f"P{i}": v for i, v in enumerate(pays)})
    total = sum(caps.values(), Decimal(0))
    assert total <= fund and all(c == c.quantize(Decimal("0.01")) and c >= 0 for c in caps.values())
    if sum(pays) > 0:  # each cap is floored: less than a cent lost per person
        assert fund - total < Decimal("0.01") * len(pays)


def test_the_acts_are_those_ciclope_knows():
    from ciclope.core.entetoml import APPROVAL_NAMES, CORE_APPROVALS
    from ciclope.plugins.regolamento.format import acts

    assert acts.ACTS == {it: code for it, code in APPROVAL_NAMES.items() if code in CORE_APPROVALS}
    assert set(acts.ACTS.values()) == set(CORE_APPROVALS)
    # every act's Italian name, as ente.toml reads them: a regulation names an act as the office writes it
    assert acts.NAMES == APPROVAL_NAMES


def test_the_funds_are_named_as_ciclope_names_them():
    from ciclope.core.vocabulary import FUND_NAMES
    from ciclope.plugins.regolamento.format import funds

    # a regulation names a fund as the office writes it in [fondi], read as ente.toml's key is read
    assert funds.NAMES == FUND_NAMES


def test_a_fund_named_as_the_office_writes_it_is_the_fund_of_ente_toml(ciclope_ente, tmp_path):
    # [fondi] risorse_po is read as the code po_total: the regulation's «fondo = "risorse_po"» is that fund
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    said = POSITIONS.replace('fondo = "posizioni_po"', 'fondo = "risorse_po"')
    data = ente(people, 'risorse_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, HEAD + said, data)
    assert errors(result) == []
    # the same positions as test_positions_weighted_and_paid_within_the_bounds: 40000 − 6000 = 34000.00, P1 15880.95
    assert result.rewards.pools["po_total"].amount == Decimal("34000.00")
    assert amounts(result)["P1:po_total"] == "15880.95"


def test_a_fund_s_label_keyed_as_the_office_writes_it_names_that_fund(ciclope_ente, tmp_path):
    # [etichette] names a fund by the key of [fondi] (docs/regolamento.md): «risorse_po» is the fund po_total
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    said = POSITIONS.replace('fondo = "posizioni_po"', 'fondo = "risorse_po"')
    labelled = HEAD + said + '\n[etichette]\nrisorse_po = "Fondo delle Elevate qualificazioni"\n'
    data = ente(people, 'risorse_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, labelled, data)
    assert errors(result) == []
    assert result.plugin.status_labels["po_total"] == "Fondo delle Elevate qualificazioni"
    from ciclope.core.run.explain import explain

    # the post by its name (P1 «Area amministrativa»), its fund by the label
    assert "(Area amministrativa) (Fondo delle Elevate qualificazioni)" in explain(result, "person", "PO1")


def test_a_missing_fund_is_named_as_the_office_writes_it(ciclope_ente, tmp_path):
    said = POSITIONS.replace('fondo = "posizioni_po"', 'fondo = "risorse_po"')
    data = ente([("PO1", "po", 90, "false")], 'performance_individuale = "1000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, HEAD + said, data)
    missing = [p for p in result.violations if p.column == "funds.po_total"]
    assert missing and all("[fondi] risorse_po" in p.message and "po_total" not in p.message for p in missing)


def test_a_result_fund_beside_the_positions_is_an_error(ciclope_ente, tmp_path):
    people = [("PO1", "po", 90, "false")]
    data = ente(people, 'posizioni_po = "40000.00"\nrisultato_po = "500.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    found = [p for p in result.violations if p.rule == "regolamento.posizioni_fondo"]
    assert [p.column for p in found] == ["funds.risultato_po"]
    assert result.rewards.pools["risultato_po"].amount == Decimal("6000.00")  # 40000 × 0.15: the share, not [funds]


def test_without_the_positions_file_the_error_names_it_in_the_office_s_words(ciclope_ente, tmp_path):
    data = ente([("PO1", "po", 90, "false")], 'posizioni_po = "40000.00"')
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    (found,) = [p for p in result.violations if p.rule == "regolamento.posizioni"]
    assert found.file == "posizioni.csv"
    assert "(colonne codice, denominazione, unità, titolare e una per criterio: A1, A2)" in found.message


def test_a_rating_that_is_no_number_is_an_input_error(ciclope_ente, tmp_path):
    csv = "id,title,unit,holder,A1,A2\nP1,Area amministrativa,amm,PO1,5,molto\n"
    data = ente([("PO1", "po", 90, "false")], 'posizioni_po = "40000.00"', **{"positions.csv": csv})
    with pytest.raises(CiclopeError) as raised:
        run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    assert "positions.csv, riga 2, colonna A2" in str(raised.value) and "bassa/media/alta" in str(raised.value)


UNIT_RULES = """
[punteggio]
fonte = "art. 45"
tipo_unita = "servizio"
senza_unita = "sposta"
dipendente = { unita = 0.4, obiettivi = 0.3, scheda = 0.3 }
"""


@pytest.mark.parametrize("rules", [True, False])
def test_the_servizio_of_a_person_and_a_servizio_without_result(ciclope_ente, tmp_path, rules):
    people = [("D1", "dipendente", 90, "false"), ("D2", "dipendente", 80, "false"), ("D3", "dipendente", 90, "false")]
    data = ente(people, 'performance_individuale = "0.00"')
    data["units.csv"] += "srv,Servizio,servizio,amm,\nuff,Ufficio,ufficio,srv,\nsvu,Servizio vuoto,servizio,com,\n"
    data["objectives.csv"] += (
        "OB4,operational,Servizio,,,,srv\nOB5,operational,Ufficio,,,,uff\nOB6,operational,Nulla,,,,svu\n"
        "OBI,individual,Pratiche di D3,,,,D3\n"
    )
    data["indicators.csv"] += (
        "IN4,OB4,A,higher,,,10,5,,,,,\nIN5,OB5,B,higher,,,10,7,,,,,\nIN6,OB6,C,higher,,,10,,,,true,sospeso,\n"
        "IN7,OBI,D,higher,,,10,6,,,,,\n"
    )
    rows = data["people.csv"].splitlines()
    units = {"D1": "uff", "D2": "svu", "D3": "svu"}
    data["people.csv"] = "\n".join(r.replace(",amm,", f",{units[r.split(',')[0]]},") if r.split(",")[0] in units else r for r in rows) + "\n"  # fmt: skip
    text = HEAD + (UNIT_RULES if rules else UNIT_RULES.replace('tipo_unita = "servizio"\nsenza_unita = "sposta"\n', ""))
    result = run_declared(ciclope_ente, tmp_path, text, data)
    scores = {pid: result.scores[pid].score for pid in units}
    if rules:
        # D1 in uff, under the servizio srv (5 / 10 = 0.5); no objectives: their 0.3 to the unit:
        #   0.7 × 50 + 0.3 × 90 = 35 + 27 = 62.00
        # D2 in svu, no measured result (IN6 neutralised), no objectives: 0.3 to the unit, then 0.7 to the card:
        #   1.0 × 80 = 80.00
        # D3 in svu with OBI 6 / 10: the unit's 0.4 to the objectives: 0.7 × 60 + 0.3 × 90 = 42 + 27 = 69.00
        assert scores == {"D1": Decimal("62.00"), "D2": Decimal("80.00"), "D3": Decimal("69.00")}
        assert "passa alla scheda" in result.figures["score:D2"].note
    else:
        # D1's unit is uff itself (7 / 10): 0.7 × 70 + 27 = 76.00; D2 and D3 without a unit result: not evaluated
        assert scores == {"D1": Decimal("76.00"), "D2": None, "D3": None}


def test_the_position_pay_in_thirteen_instalments(ciclope_ente, tmp_path):
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(
        ciclope_ente, tmp_path, HEAD + POSITIONS.replace("scala = 5\n", "scala = 5\nrate = 13\n"), data
    )
    p1 = result.positions.positions["P1"]
    # 15880.95 / 13 = 1221.6115… → 1221.61 (down); the last 15880.95 − 12 × 1221.61 = 15880.95 − 14659.32 = 1221.63
    assert (p1.instalments, p1.monthly, p1.monthly_last) == (13, Decimal("1221.61"), Decimal("1221.63"))
    assert "in 13 rate: 12 da € 1.221,61 e l'ultima da € 1.221,63" in result.figures["position:P1:annual"].note
    assert amounts(result)["P1:posizioni_po"] == "15880.95"  # the year's pay is the same


def test_an_incarico_ended_within_the_year_says_the_instalments_it_is_paid(ciclope_ente, tmp_path):
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    csv = POSITIONS_CSV.replace("A1,A2\n", "A1,A2,end\n").replace("PO1,5,4\n", "PO1,5,4,2024-06-30\n")
    csv = csv.replace("PO2,3,alta\n", "PO2,3,alta,\n").replace(
        "P3,Ufficio studi,tec,,1,2\n", "P3,Ufficio studi,tec,,1,2,\n"
    )
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": csv})
    result = run_declared(
        ciclope_ente, tmp_path, HEAD + POSITIONS.replace("scala = 5\n", "scala = 5\nrate = 13\n"), data
    )
    # P1 is worth 15,880.95 a year; held 1.1–30.6.2024, 182 of 366 days: 15,880.95 × 182 / 366 = 7,897.084… →
    # 7,897.08, paid in 6 months × 13 / 12 = 6.5 → 7 instalments: 7,897.08 / 7 = 1,128.154… → 1,128.15 (down) × 6
    # = 6,768.90, the last 7,897.08 − 6,768.90 = 1,128.18
    assert result.figures["position:P1:due"].value == Decimal("7897.08")
    assert result.figures["position:P1:due"].note == "in 7 rate: 6 da € 1.128,15 e l'ultima da € 1.128,18"
    # the annual pay's thirteen instalments are those of an incarico of the whole year, said so
    assert result.figures["position:P1:annual"].note == (
        "per un incarico di tutto l'anno, in 13 rate: 12 da € 1.221,61 e l'ultima da € 1.221,63"
    )


def test_an_incarico_ended_within_the_year_paid_at_once_has_no_note_of_instalments(ciclope_ente, tmp_path):
    """Without ``rate`` the pay is one sum: the annual pay's note says no instalments, and never half a sentence
    («per un incarico di tutto l'anno, » and nothing after it)."""
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    csv = POSITIONS_CSV.replace("A1,A2\n", "A1,A2,end\n").replace("PO1,5,4\n", "PO1,5,4,2024-06-30\n")
    csv = csv.replace("PO2,3,alta\n", "PO2,3,alta,\n").replace(
        "P3,Ufficio studi,tec,,1,2\n", "P3,Ufficio studi,tec,,1,2,\n"
    )
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": csv})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    assert result.figures["position:P1:due"].value == Decimal("7897.08")  # 15,880.95 × 182 / 366, as above
    assert result.figures["position:P1:annual"].note == ""


def test_instalments_out_of_bounds(tmp_path):
    found = problems_of(tmp_path, (HEAD + POSITIONS).replace("scala = 5\n", "scala = 5\nrate = 20\n"))
    assert "posizioni.rate: 20 rate: da 1 a 14 l'anno" in found


def test_a_term_of_appointment_within_the_year(ciclope_ente, tmp_path):
    csv = POSITIONS_CSV.replace("holder,A1,A2\n", "holder,A1,A2,start,end\n").replace(",4\n", ",4,,\n")
    csv = csv.replace(",alta\n", ",alta,2024-07-01,\n").replace(",1,2\n", ",1,2,,\n")
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": csv})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    assert errors(result) == []
    # P2 (annual 13119.05) from 1 July 2024: 184 of 366 days, 13119.05 × 184 / 366 = 6595.369… → 6595.37
    assert amounts(result)["P2:posizioni_po"] == "6595.37" and amounts(result)["P1:posizioni_po"] == "15880.95"
    assert result.positions.positions["P2"].due == Decimal("6595.37")
    pool = result.rewards.pools["posizioni_po"]
    assert (pool.distributed, pool.residual) == (Decimal("22476.32"), Decimal("11523.68"))  # 34000 − 22476.32
    # the result fund (6000.00) by the pay due: Σ = 15880.95 + 6595.37 = 22476.32
    #   PO1 6000 × 15880.95 / 22476.32 = 4239.38…  → 4239.38, × 0.90 = 3815.442 → 3815.44
    #   PO2 6000 × 6595.37 / 22476.32 = 1760.61…   → 1760.61, × 0.80 = 1408.488 → 1408.49
    assert amounts(result)["PO1"] == "3815.44" and amounts(result)["PO2"] == "1408.49"
    # PO2's scheda gives the annual pay and the days, so the holder redoes 13.119,05 × 184 / 366 = 6.595,37
    from ciclope.core.schede.content import build

    (position, _) = build(result, "PO2").payments
    assert [(line.label, line.value) for line in position.steps] == [
        ("punti della pesatura della posizione", "76,00"),
        ("retribuzione di posizione annua", "€ 13.119,05"),
        ("giorni dell'incarico nell'anno", "184"),
        ("giorni dell'anno", "366"),
        ("retribuzione di posizione dovuta", "€ 6.595,37"),
    ]
    assert position.formula.endswith(
        ", per i giorni dell'incarico nell'anno (annua × giorni dell'incarico / giorni dell'anno)"
    )


def test_a_term_ending_before_it_starts(ciclope_ente, tmp_path):
    csv = "id,title,unit,holder,A1,A2,start,end\nP1,Area amministrativa,amm,PO1,5,4,2024-07-01,2024-03-31\n"
    data = ente([("PO1", "po", 90, "false")], 'posizioni_po = "40000.00"', **{"positions.csv": csv})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    found = [(p.row, p.column) for p in result.violations if p.rule == "regolamento.posizioni_incarico"]
    assert found == [(2, "end")]
    assert "P1:posizioni_po" not in amounts(result)  # no day of the year in the term: not paid


def test_the_incarico_of_a_weighted_position_is_dated_in_positions_csv_only(ciclope_ente, tmp_path):
    """people.csv's inizio_incarico is for a PO / EQ without [posizioni]: with it, the term is posizioni.csv's, and a
    date written in people.csv too is an error pointing at the cell (two answers to one question)."""
    data = ente([("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")], 'posizioni_po = "40000.00"')
    data["positions.csv"] = POSITIONS_CSV
    rows = data["people.csv"].splitlines()
    rows = [rows[0] + ",term_start", *(r + ("," if not r.startswith("PO2") else ",2024-07-01") for r in rows[1:])]
    data["people.csv"] = "\n".join(rows) + "\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    [problem] = [p for p in result.violations if p.rule == "regolamento.incarico"]
    assert (problem.severity, problem.row, problem.column) == ("error", 4, "term_start")
    assert "PO2" in problem.message and "posizioni.csv" in problem.message


def test_the_articles_say_a_fund_written_as_the_office_writes_it(tmp_path):
    from ciclope.plugins.regolamento.say import articles

    path = tmp_path / "smvp.toml"
    path.write_text(HEAD + POSITIONS.replace('fondo = "posizioni_po"', 'fondo = "risorse_po"'), encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    text = articles.render(regulation)
    assert "Il fondo delle risorse per posizione e risultato delle PO / EQ paga posizione e risultato" in text
    assert "po_total" not in text and "po total" not in text


def test_explain_says_the_bounded_split_in_words(ciclope_ente, tmp_path):
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    data = ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": POSITIONS_CSV})
    result = run_declared(ciclope_ente, tmp_path, HEAD + POSITIONS, data)
    # no «clamp(…)» nor «con Σ =»: the rule as an office says it, the bounds in euro
    assert result.figures["position:P1:annual"].formula == (
        "λ × valore, non sotto € 5.000,00 né sopra € 16.000,00; la somma è il fondo di posizione (ripartizione "
        "proporzionale limitata, resto maggiore al centesimo)"
    )
    said = explain.explain(result, "person", "PO1")
    assert said is not None
    assert "• minimo = € 5.000,00" in said and "• massimo = € 16.000,00" in said and "clamp" not in said


def test_the_score_s_nota_and_why_the_weights_moved_are_on_the_scheda(ciclope_ente, tmp_path):
    """[punteggio] nota is «riportata nelle spiegazioni» (its key's doc): it was in the annex only. D2 has no measured
    objective: the scheda said «70% × performance dell'unità» without saying why it is not the 40% written."""
    from ciclope.core.schede import content, render

    data = ente(
        [("D1", "dipendente", 90, "false"), ("D2", "dipendente", 80, "false")], 'performance_individuale = "0.00"'
    )
    data["objectives.csv"] += "OBI,individual,Pratiche curate da D1,,,,D1\n"
    data["indicators.csv"] += "IN3,OBI,Pratiche curate,higher,,,10,6,,,,,\n"
    nota = 'nota = "senza obiettivi individuali il 30% passa all\'unità (70%)"\n'
    result = run_declared(ciclope_ente, tmp_path, HEAD + OBJECTIVES_SCORE + nota, data)
    said = (
        "senza obiettivi individuali o di gruppo misurati il loro peso passa all'unità; "
        "senza obiettivi individuali il 30% passa all'unità (70%)"
    )
    assert result.figures["score:D2"].note == said
    page = render.render(content.build(result, "D2"))
    assert (
        "<p class='muted'>Senza obiettivi individuali o di gruppo misurati il loro peso passa all&#x27;unità; " in page
    )
