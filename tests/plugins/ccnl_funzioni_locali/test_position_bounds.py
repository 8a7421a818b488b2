"""The national bounds on every position pay ciclope computes (rules/ccnl_funzioni_locali.md §1): the annual pay of a
declared regulation's [posizioni] above the PO/EQ maximum in force in the year is an error naming the contract and
its article, whatever maximum the regulation writes; a result quota below the comparto's 15% is a warning."""

from __future__ import annotations

from decimal import Decimal

import pytest

STAFF = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"
CARD = "person,evaluator,section,item,max_points,points,weight"


def smvp(maximum: str, result_share: str = "0.15") -> str:
    return f"""\
formato = 2
[atto]
titolo = "SMVP del Comune di Posizioni"
tipo_ente = "comune"
comparto = "funzioni_locali"

[posizioni]
fonte = "art. 4"
criteri = [
  {{ codice = "A1", nome = "Complessità organizzativa", peso = 60 }},
  {{ codice = "A2", nome = "Responsabilità", peso = 40 }},
]
fondo = "posizioni_po"
quota_risultato = {result_share}
minimo = "5000.00"
massimo = "{maximum}"

[risultato_po]
metodo = "quota_posizione"
fonte = "art. 6"
fondo = "risultato_po"
"""


def comune(year: int) -> dict[str, str]:
    """Two PO heading a position each: P1 rated 5 and 5 (value 60 × 5/5 + 40 × 5/5 = 100), P2 rated 2 and 3 (value
    60 × 2/5 + 40 × 3/5 = 24 + 24 = 48); a fund of 50,000.00 for both pays."""
    people = ["PO1,Prima,po,D,com,1,0,false,SEG", "PO2,Seconda,po,D,com,1,0,false,SEG"]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF, "SEG,Segretario,segretario,DIR,com,1,0,false,", *people]) + "\n",
        "evaluations.csv": f"{CARD}\nPO1,SEG,scheda,Valutazione,100,90,\nPO2,SEG,scheda,Valutazione,100,80,\n",
        "positions.csv": "id,title,unit,holder,A1,A2\nP1,Area amministrativa,com,PO1,5,5\nP2,Area tecnica,com,PO2,2,3\n",
        "ente.toml": 'name = "Comune di Posizioni"\n[funds]\nposizioni_po = "50000.00"\n'
        f"[atti]\npiano_adottato = {year}-01-20\n",
    }


EQ_2022 = "CCNL Funzioni Locali 16.11.2022 art. 17 c. 2"
EQ_2026 = "CCNL Funzioni Locali 23.2.2026"


@pytest.mark.parametrize(
    "year, maximum, annual, refused, contract",
    [
        # result fund 50,000 × 0.15 = 7,500.00, position fund 42,500.00; in proportion λ = 42,500 / 148 would give
        # P1 28,716.22 and P2 13,783.78: P1 stops at the maximum 19,000.00, the rest 23,500.00 would give P2 more
        # than 19,000.00 too: both at 19,000.00 (4,500.00 residual). Above the EQ's 18,000.00 of 2023 and 2024
        (2023, "19000.00", {"P1": "19000.00", "P2": "19000.00"}, ["P1", "P2"], EQ_2022),
        (2024, "19000.00", {"P1": "19000.00", "P2": "19000.00"}, ["P1", "P2"], EQ_2022),
        # 2026: within the 22,000.00 of the CCNL 23.2.2026
        (2026, "19000.00", {"P1": "19000.00", "P2": "19000.00"}, [], EQ_2026),
        # 2026 with a maximum of 23,000.00: P1 stops at 23,000.00, P2 takes the rest 42,500 − 23,000 = 19,500.00
        # (λ = 19,500 / 48 = 406.25 × 100 would exceed 23,000 for P1): only P1 is above 22,000.00
        (2026, "23000.00", {"P1": "23000.00", "P2": "19500.00"}, ["P1"], EQ_2026),
    ],
)
def test_a_declared_position_pay_above_the_eq_maximum_is_an_error(
    ciclope_ente, tmp_path, year, maximum, annual, refused, contract
):
    path = tmp_path / "smvp.toml"
    path.write_text(smvp(maximum), encoding="utf-8")
    result = ciclope_ente("regolamento", comune(year), year=year, params={"regolamento": str(path)})
    assert {pid: str(p.annual) for pid, p in result.positions.positions.items()} == annual
    errors = [p for p in result.violations if p.rule == "ccnl.eq_pay.range"]
    assert [e.message.split("posizione ")[2].split(" ")[0] for e in errors] == refused
    for e in errors:
        assert e.severity == "error" and e.source.startswith(contract)
        # the contract is cited once, as the problem's source: the message says «del contratto in vigore nel …»
        assert contract not in e.message and f"del contratto in vigore nel {year}:" in e.message
        assert (e.file, e.column) == ("positions.csv", "id")
    assert "ccnl.po_result_quota" not in {p.rule for p in result.violations}  # 15% of the fund to result pay


def test_a_dirigente_s_weighted_position_is_not_bounded_by_the_eq_range(ciclope_ente, tmp_path):
    # the same two positions held by dirigenti: 19,000.00 each in 2024 (as above), above the EQ's 18,000.00, is
    # the dirigenza's position pay, of its own contract (CCNL Area Funzioni Locali): not an EQ's range error
    path = tmp_path / "smvp.toml"
    path.write_text(smvp("19000.00"), encoding="utf-8")
    data = comune(2024)
    data["people.csv"] = (
        data["people.csv"].replace("Prima,po,D", "Prima,dirigente,DIR").replace("Seconda,po,D", "Seconda,dirigente,DIR")
    )
    result = ciclope_ente("regolamento", data, year=2024, params={"regolamento": str(path)})
    assert {pid: str(p.annual) for pid, p in result.positions.positions.items()} == {"P1": "19000.00", "P2": "19000.00"}
    assert [p.message for p in result.violations if p.rule == "ccnl.eq_pay.range"] == []
    # and the Relazione names them as the dirigenza's posts, not «Elevate Qualificazioni»
    from ciclope.core.reports.model import Heading
    from ciclope.core.reports.relazione import build

    headings = [b.text for s in build(result).sections for b in s.blocks if isinstance(b, Heading)]
    assert "Posizioni dirigenziali: pesatura e retribuzione" in headings
    assert not [h for h in headings if "Qualificazion" in h or "organizzativ" in h]


def test_a_dirigente_s_premium_after_the_position_pay_is_explained_by_its_rule(ciclope_ente, tmp_path):
    # the dirigenti's position pay is their first award (its own post's figure); their premium, from a part of the
    # regulation, is explained by the part's rule, never by the fund's «importo indicato dall'ente»
    from ciclope.core.run.explain import explain

    part = '\n[[premi]]\nnome = "risultato"\nmetodo = "proporzionale"\nruoli = ["dirigente"]\nfondo = "risultato_dir"\nfonte = "art. 9"\n'
    path = tmp_path / "smvp.toml"
    path.write_text(smvp("19000.00") + part, encoding="utf-8")
    data = comune(2024)
    data["people.csv"] = data["people.csv"].replace("Prima,po,D", "Prima,dirigente,DIR")
    data["ente.toml"] = data["ente.toml"].replace("[atti]", 'risultato_dir = "1000.00"\n[atti]')
    result = ciclope_ente("regolamento", data, year=2024, params={"regolamento": str(path)})
    said = explain(result, "person", "PO1") or ""
    (premium,) = [line for line in said.splitlines() if line.startswith("Premio: ")]
    rule = said.splitlines()[said.splitlines().index(premium) + 1]
    # the only dirigente in the part takes its whole fund, 1.000,00
    assert (premium, rule) == (
        "Premio: € 1.000,00 — Fondo risultato dir",
        "  regola: SMVP del Comune di Posizioni, art. 9",
    )


def test_the_premiums_in_the_summary_leave_the_position_pay_out_as_the_public_one(ciclope_ente, tmp_path):
    # the summary's «Premi distribuiti / stanziati» counted the position pay's fund as premiums in the internal
    # Relazione and not in the public one: both count the result fund only, 50,000.00 × 15% = 7,500.00
    from ciclope.core.reports.model import Kpis
    from ciclope.core.reports.public import disclose
    from ciclope.core.reports.relazione import build

    path = tmp_path / "smvp.toml"
    path.write_text(smvp("19000.00"), encoding="utf-8")
    result = ciclope_ente("regolamento", comune(2026), year=2026, params={"regolamento": str(path)})
    internal = build(result)
    said = []
    for report in (internal, disclose(internal, result)):
        kpis = next(b for s in report.sections for b in s.blocks if isinstance(b, Kpis))
        said.append(dict(kpis.items)["Premi distribuiti / stanziati"])
    # distributed: each position is worth 19,000.00 of 38,000.00, so each PO's result share is 3,750.00, × score:
    # 3,750.00 × 0.90 + 3,750.00 × 0.80 = 3,375.00 + 3,000.00 = 6,375.00 (public: two people, withheld)
    assert said == ["€ 6.375,00 / € 7.500,00", "riservato / € 7.500,00"]


def test_a_result_quota_below_15_percent_is_a_warning(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(smvp("16000.00", "0.10"), encoding="utf-8")
    result = ciclope_ente("regolamento", comune(2024), year=2024, params={"regolamento": str(path)})
    # the position fund is 50,000 − 5,000 = 45,000.00, the result fund 50,000 × 0.10 = 5,000.00: 5,000 / 50,000 =
    # 10% of the positions' resources to result pay, below the 15% of the contract
    (warning,) = [p for p in result.violations if p.rule == "ccnl.po_result_quota"]
    assert warning.severity == "warning" and "10,00%" in warning.message and "15%" in warning.message
    assert "16.11.2022" in warning.source and "16.11.2022" not in warning.message
    assert "la posizione è il fondo per la retribuzione di posizione" in warning.message  # what it compares
    assert result.rewards.pools["posizioni_po"].amount == Decimal("45000.00")


@pytest.mark.parametrize(
    "year, contract",
    [(2025, "CCNL Funzioni Locali 21.5.2018 art. 15 c. 6"), (2026, "CCNL Funzioni Locali 23.2.2026 art. 16 c. 5")],
)
def test_an_interim_above_25_percent_is_refused_citing_the_contract_in_force(year, contract):
    """Brescia's criteria (art. 3.4) and the contract both allow 15–25% of the covered position's pay: an interim at
    26% is refused naming the criteria and the contract in force in the year."""
    from types import SimpleNamespace

    from ciclope.core import Row
    from ciclope.core.inputs.config import resolve_params
    from ciclope.plugins.brescia.eligibility import interim_checks

    params, problems = resolve_params("brescia", year, {}, "cycle.toml")
    assert problems == []
    covering = Row({"id": "PA", "holder": "HA", "interim_of": "PB", "interim_percent": Decimal("0.26")}, row=2)
    vacant = Row({"id": "PB", "holder": None, "interim_of": None, "interim_percent": None}, row=3)
    ente = SimpleNamespace(file_said=lambda sheet: f"{sheet}.csv")  # how Problem.at names a sheet
    (problem,) = interim_checks(ente, covering, {"PA": covering, "PB": vacant}, {}, params)
    assert (problem.rule, problem.file, problem.row, problem.column) == (
        "brescia.po.interim_percent",
        "positions.csv",
        2,
        "interim_percent",
    )
    assert contract in problem.source and contract in problem.message
    assert "26" in problem.message and "dal 15% al 25%" in problem.message and ".txt" not in problem.message


def test_a_band_above_the_eq_maximum_is_an_error(ciclope_ente, tmp_path):
    """[posizioni] fasce: P1's value 100 reaches the band from 90 (19,000.00), above the EQ's 18,000.00 of 2024;
    P2's 48 the band from 0 (6,000.00), inside. Σ 25,000.00 sits in the position fund 50,000 − 7,500 = 42,500.00."""
    text = smvp("16000.00").replace(
        'minimo = "5000.00"\nmassimo = "16000.00"\n',
        'fasce = [ { da = 90, importo = "19000.00" }, { da = 0, importo = "6000.00" } ]\n',
    )
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    result = ciclope_ente("regolamento", comune(2024), year=2024, params={"regolamento": str(path)})
    assert {pid: str(p.annual) for pid, p in result.positions.positions.items()} == {"P1": "19000.00", "P2": "6000.00"}
    (error,) = [p for p in result.violations if p.rule == "ccnl.eq_pay.range"]
    assert "posizione P1 (€ 19.000,00)" in error.message and "€ 5.000,00–€ 18.000,00" in error.message
    assert error.source.startswith(EQ_2022) and "le fasce" in error.message
    # the resources of the positions: 42,500.00 to position pay, 7,500.00 to result pay (15%): no warning
    assert "ccnl.po_result_quota" not in {p.rule for p in result.violations}
