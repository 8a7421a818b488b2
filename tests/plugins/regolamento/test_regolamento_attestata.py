"""[risultato_po] ``ridotto_attestata = true`` (format 2): the result-pay fund reduced in proportion to the
performance the OIV attests (``oiv_attested`` of [approvals], else the computed one), before the split; every
amount by hand on the small ente of tests/plugins/regolamento/test_regolamento_positions.py (P1 15.880,95 €, P2 13.119,05 €, P3
vacant; result share 6.000,00 €; PO1 scored 90, PO2 80)."""

from __future__ import annotations

from decimal import Decimal

from test_regolamento_positions import HEAD, POSITIONS, POSITIONS_CSV, ente, problems_of

from helpers import amounts, run_declared

REDUCED = POSITIONS + "ridotto_attestata = true\n"
PEOPLE = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]


def run(ciclope_ente, tmp_path, regulation: str, approvals: str = ""):
    funds = 'posizioni_po = "40000.00"' + (f"\n[approvals]\n{approvals}" if approvals else "")
    data = ente(PEOPLE, funds, **{"positions.csv": POSITIONS_CSV})
    return run_declared(ciclope_ente, tmp_path, HEAD + regulation, data)


def test_the_fund_reduced_by_the_attested_performance(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, REDUCED, "oiv_attested = 0.9")
    # fund 6000.00 × 0.9 = 5400.00 before the split; maxima by position pay over 15880.95 + 13119.05 = 29000.00,
    # rounded down: PO1 5400 × 15880.95 / 29000 = 85757130 / 29000 = 2957.1424… → 2957.14,
    #               PO2 5400 × 13119.05 / 29000 = 70842870 / 29000 = 2442.8575… → 2442.85
    # paid × score / 100: PO1 2957.14 × 0.90 = 2661.426 → 2661.43; PO2 2442.85 × 0.80 = 1954.28
    assert amounts(result)["PO1"] == "2661.43" and amounts(result)["PO2"] == "1954.28"
    pool = result.rewards.pools["risultato_po"]
    # the cut (600.00) is no money of the cycle: 4615.71 paid + 784.29 residual = 5400.00
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("5400.00"), Decimal("4615.71"), Decimal("784.29"))
    figure = result.figures["pool:risultato_po:attestata"]
    assert figure.value == Decimal("5400.00")
    assert {i.name: i.value for i in figure.inputs} == {
        "fondo": Decimal("6000.00"),
        "performance attestata": Decimal("0.9"),
    }
    assert "SMVP del Comune di Posizioni, art. 6" in figure.source
    # each result pay names the reduced fund it was split from, 5400.00, not the whole fund's figure (6000.00)
    fund = next(i for i in result.figures["award:PO1:risultato_po"].inputs if i.name == "fondo")
    assert (fund.value, fund.ref) == (Decimal("5400.00"), "pool:risultato_po:attestata")
    # the position pay is not reduced
    assert result.rewards.pools["posizioni_po"].amount == Decimal("34000.00")


def test_without_the_oiv_the_computed_performance(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, REDUCED)
    # the ente: two operational objectives of equal weight, IN1 8/10 = 0.8 and IN2 9/10 = 0.9 → 0.85
    # fund 6000.00 × 0.85 = 5100.00
    assert result.org.ente == Decimal("0.85")
    assert result.rewards.pools["risultato_po"].amount == Decimal("5100.00")


def test_without_the_key_the_fund_is_whole(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, POSITIONS, "oiv_attested = 0.9")
    assert result.rewards.pools["risultato_po"].amount == Decimal("6000.00")
    assert "pool:risultato_po:attestata" not in result.figures


def test_a_format_1_file_cannot_say_it(tmp_path):
    text = HEAD.replace("formato = 2", "formato = 1") + '[risultato_po]\nmetodo = "fondo"\nfonte = "art. 6"\n'
    found = problems_of(tmp_path, text + "ridotto_attestata = true\n")
    assert any(m.startswith("risultato_po.ridotto_attestata: ") and "scrivi formato = 2" in m for m in found)
