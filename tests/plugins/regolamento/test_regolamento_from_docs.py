"""A regulation written from docs/regolamento.md alone: «levels at 60/80/95 pay 0/70/100% of a per-capita
maximum; PO result pay 15–25% of position pay by score», for a 20-person Comune; every amount by hand."""

from __future__ import annotations

from decimal import Decimal

from comune_from_docs import REGULATION, files

STAFF = {
    "S01": "1000.00",  # 98 ≥ 95 pieno: 1000 × 1
    "S02": "1000.00",  # 95 pieno (the threshold is reached)
    "S03": "700.00",  # 94 intermedio: 1000 × 0.7
    "S04": "350.00",  # 90 intermedio, fte 0.5: 1000 × 0.7 × 0.5
    "S05": "700.00",  # 85 intermedio
    "S06": "700.00",  # 80 intermedio (the threshold is reached)
    "S07": "0.00",  # 79 base: × 0
    "S08": "0.00",  # 60 base
    "S09": "0.00",  # 59: below every level, no coefficient
    "S10": "800.00",  # 97 pieno, fte 0.8: 1000 × 1 × 0.8
    "S11": "525.00",  # 82 intermedio, fte 0.75: 1000 × 0.7 × 0.75
    "S12": "700.00",  # 88 intermedio
    "S13": "1000.00",  # 96 pieno
    "S14": "0.00",  # 70 base
    "S15": "420.00",  # 81 intermedio, fte 0.6: 1000 × 0.7 × 0.6
    "S16": "700.00",  # 93 intermedio
}
# Σ = 1000+1000+700+350+700+700+800+525+700+1000+420+700 = 8595.00 of the fund 10000.00: residual 1405.00
# risultato_po: position pay × the step of the score
PO = {
    "PO1": "3000.00",  # 96 ≥ 95: 12000 × 0.25
    "PO2": "1900.00",  # 85 ≥ 80: 9500 × 0.20
    "PO3": "1600.00",  # 82 ≥ 80: 8000 × 0.20
    "PO4": "0.00",  # 55 < 60 (soglia_positiva by default): negative, with its contraddittorio on file
}
# no [funds] risultato_po: the pool is what is due, 3000 + 1900 + 1600 = 6500.00


def test_the_regulation_fits_in_forty_lines():
    assert len(REGULATION.splitlines()) <= 40


def test_every_amount_by_hand(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    result = ciclope_ente("regolamento", files(), year=2024, params={"regolamento": str(path)})
    assert len(result.ente.people) == 21  # 20 evaluated people and their Segretario (the evaluator)
    awards = result.rewards.awards
    assert {pid: str(awards[pid].amount) for pid in STAFF} == STAFF
    assert {pid: str(awards[pid].amount) for pid in PO} == PO
    assert {pid: awards[pid].pool for pid in PO} == dict.fromkeys(PO, "risultato_po")
    staff_pool = result.rewards.pools["performance_individuale"]
    assert (staff_pool.amount, staff_pool.distributed, staff_pool.residual) == (
        Decimal("10000.00"), Decimal("8595.00"), Decimal("1405.00"))  # fmt: skip
    po_pool = result.rewards.pools["risultato_po"]
    assert (po_pool.amount, po_pool.distributed) == (Decimal("6500.00"), Decimal("6500.00"))
    assert result.scores["S04"].level == "intermedio" and result.scores["S09"].level is None
    assert result.rewards.statuses["PO4"] == "valutazione_negativa"
    assert [p for p in result.violations if p.severity == "error"] == []


def test_a_negative_po_without_contraddittorio_is_an_error(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    given = files()
    del given["appeals.csv"]
    result = ciclope_ente("regolamento", given, year=2024, params={"regolamento": str(path)})
    [problem] = [p for p in result.violations if p.rule == "regolamento.contraddittorio"]
    assert problem.severity == "error" and problem.source == "SMVP del Comune di Prova, art. 5"
    assert problem.message == (
        "Persona PO4: valutazione negativa (55,00 < 60) senza il contraddittorio: non può essere definitiva; "
        "ricorsi.csv non c'è: crealo e registra il contraddittorio (fase contraddittorio, con la data e l'esito)"
    )
