"""A unit's budget paid as far as the unit reached its objectives, the rest kept as savings («la quota non
distribuita per il mancato raggiungimento degli obiettivi costituisce economia»): the guide's formula part over the
graduatorie of the structures, its amounts by hand."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers import CARD_HEADER, ROOT, STAFF_HEADER, amounts, run_declared

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
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in (("A1", 90), ("A2", 60), ("B1", 50), ("B2", 50))]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Azienda,ente,,SEG\nU1,Ufficio uno,area,com,SEG\n"
        "U2,Ufficio due,area,com,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Pratiche,,,,U1\n"
        "OB2,operational,Sportello,,,,U2\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\nIN2,OB2,Sportello,higher,,,10,8,,,,,\n",
        "people.csv": "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *staff]) + "\n",
        "evaluations.csv": "\n".join([CARD_HEADER, *cards]) + "\n",
        "ente.toml": 'name = "Azienda"\n',
    }


def test_what_a_unit_does_not_reach_stays_as_savings(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + guide_block(), two_units())
    # 1.000,00 to the units by fte, 2 and 2: 500,00 each. Ufficio uno reached 100%: 500 × 100% = 500, by score,
    # Σ 90 + 60 = 150: A1 500 × 90 / 150 = 300,00, A2 500 × 60 / 150 = 200,00. Ufficio due reached 80%:
    # 500 × 80% = 400, Σ 50 + 50 = 100: B1 and B2 400 × 50 / 100 = 200,00 each. Paid 900,00; 100,00 saved
    assert amounts(result) == {"A1": "300.00", "A2": "200.00", "B1": "200.00", "B2": "200.00"}
    pool = result.rewards.pools["risultato"]
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("1000.00"), Decimal("900.00"), Decimal("100.00"))
