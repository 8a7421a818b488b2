"""A part whose premiums are suspended (a column its formula reads is missing, a cell is empty) keeps what it leaves
unpaid: sent on with ``residuo_a``, the whole fund of the overtime would have been shared out by the next part as
its own (a conservatorio's «intensificazione» paid 2.538,78 instead of 2.167,17), before the overtime is computed.
Every amount by hand."""

from __future__ import annotations

from decimal import Decimal

from helpers import amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo d'istituto"
tipo_ente = "altro"

[[colonne]]
nome = "ore"
tipo = "numero"
significato = "le ore eccedenti autorizzate"
fonte = "art. 16"

[[premi]]
nome = "ore eccedenti"
metodo = "formula"
quota_fondo = "50%"
importo = '=ore * 20 €'
valutazione = false
residuo_a = "intensificazione"
fonte = "art. 16"

[[premi]]
nome = "intensificazione"
metodo = "proporzionale"
quota_fondo = "50%"
valutazione = false
peso = "=1"
fonte = "art. 17"
"""


def istituto(with_hours: bool) -> dict[str, str]:
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" + (f",{h}" if with_hours else "")
             for p, h in (("A", 10), ("B", 30))]  # fmt: skip
    files = one_unit_comune("Conservatorio", staff, [], '[funds]\nperformance_individuale = "2000.00"\n')
    if with_hours:
        head, _, rest = files["people.csv"].partition("\n")
        files["people.csv"] = head + ",ore\n" + rest.replace("SEG,Segretario,segretario,DIR,com,1,0,false,\n",
                                                             "SEG,Segretario,segretario,DIR,com,1,0,false,,\n")  # fmt: skip
    return files


def test_the_overtime_s_rest_goes_on_when_computed(ciclope_ente, tmp_path):
    # ore eccedenti: 50% × 2.000 = 1.000; A 10 × 20 = 200, B 30 × 20 = 600, 800 paid, 200 on to intensificazione:
    # 1.000 + 200 = 1.200 between the staff A and B (the parts pay the dipendenti), weight 1 each: 600,00 each
    result = run_declared(ciclope_ente, tmp_path, REGULATION, istituto(with_hours=True))
    assert amounts(result) == {"A": "800.00", "B": "1200.00"}


def test_a_part_suspended_by_a_missing_column_keeps_its_rest(ciclope_ente, tmp_path):
    # without the column «ore» the overtime is suspended (an error of the run): its 1.000 stay its residual, and the
    # intensificazione shares only its own 1.000: 500,00 each (sent on, the 1.000 would have made 1.000,00 each)
    result = run_declared(ciclope_ente, tmp_path, REGULATION, istituto(with_hours=False))
    errors = [p.message for p in result.violations if p.is_error]
    assert len(errors) == 1 and errors[0].startswith("manca la colonna «ore» dichiarata in [[colonne]]")
    assert amounts(result) == {"A": "500.00", "B": "500.00"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("1000.00"), Decimal("1000.00"))
