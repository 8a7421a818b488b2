"""A unit's budget paid as far as the unit reached its objectives, the rest kept as savings («la quota non
distribuita per il mancato raggiungimento degli obiettivi costituisce economia»): the guide's formula part over the
graduatorie of the structures, its amounts by hand."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers import ROOT, amounts, run_declared, two_unit_ente

HEAD = 'formato = 2\n[atto]\ntitolo = "Criteri del fondo di risultato"\ntipo_ente = "altro"\n\n'


def guide_block() -> str:
    """The guide's TOML block after «**Quel che un'unità non raggiunge resta economia.**»."""
    text = (ROOT / "docs" / "regolamento.md").read_text(encoding="utf-8")
    after = text.split("**Quel che un'unità non raggiunge resta economia.**", 1)[1]
    found = re.search(r"```toml\n(.*?)```", after, re.S)
    assert found is not None
    return found.group(1)


def two_units() -> dict[str, str]:
    """Ufficio uno (A1 90, A2 60) responsible of OB1, 10 of 10 (100%); Ufficio due (B1 50, B2 50) of OB2, 8 of 10
    (80%). The Segretario evaluates them and is paid by no part."""
    staff = ["A1,Persona A1,dipendente,C,U1,1,0,false,SEG", "A2,Persona A2,dipendente,C,U1,1,0,false,SEG"]
    staff += ["B1,Persona B1,dipendente,C,U2,1,0,false,SEG", "B2,Persona B2,dipendente,C,U2,1,0,false,SEG"]
    units = {"U1": ("Ufficio uno", "Pratiche", 10), "U2": ("Ufficio due", "Sportello", 8)}
    return two_unit_ente("Azienda", units, staff, {"A1": 90, "A2": 60, "B1": 50, "B2": 50})


def test_what_a_unit_does_not_reach_stays_as_savings(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + guide_block(), two_units())
    # 1.000,00 to the units by fte, 2 and 2: 500,00 each. Ufficio uno reached 100%: 500 × 100% = 500, by score,
    # Σ 90 + 60 = 150: A1 500 × 90 / 150 = 300,00, A2 500 × 60 / 150 = 200,00. Ufficio due reached 80%:
    # 500 × 80% = 400, Σ 50 + 50 = 100: B1 and B2 400 × 50 / 100 = 200,00 each. Paid 900,00; 100,00 saved
    assert amounts(result) == {"A1": "300.00", "A2": "200.00", "B1": "200.00", "B2": "200.00"}
    pool = result.rewards.pools["risultato"]
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("1000.00"), Decimal("900.00"), Decimal("100.00"))
