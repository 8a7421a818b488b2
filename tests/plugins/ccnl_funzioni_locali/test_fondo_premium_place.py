"""A premium pool the fondo risorse decentrate destines, short of the premiums due: the warning names the row of the
fondo sheet that destines the pool (where the office raises it), not a [fondi] key of ente.toml it never wrote, and
it is said once even when the maggiorazione of the individual premium makes the regulation split the pool again.

The Comune: ten staff scored 71..80 by the Segretario; the regulation pays «fondo × punteggio / 200» each. With a pool
of 2,000.00 the premiums due are 2,000 × (71 + … + 80) / 200 = 10 × 755 = 7,550.00: short, reduced in proportion.
The maggiorazione (share 0.30, quota 0.10): mean 2,000.00 / 10 = 200.00, M = 0.30 × 200.00 = 60.00, floor(0.10 × 10) =
1 place, S10 (80); nothing is left unpaid, so the regulation splits 2,000.00 − 60.00 = 1,940.00 once more, and S10
gets 1,940.00 × 80 / 755 = 205.5629… → 205.56 + 60.00.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from ciclope.core.inputs.config import EnteConfig, resolve_params
from ciclope.core.run.runner import compute
from ciclope.core.testing import write_ente

from helpers import one_unit_comune

POOL = "performance_individuale"
SMVP = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Parti"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "produttività"
metodo = "formula"
importo = '=fondo * punteggio / 200'
quota_fondo = 1
fonte = "art. 6"
"""
FONDO = f"""voce,importo,numero,data,uso,fondo_premi,atto
unico_importo_2017,10000.00,,,,,
destinazione,2000.00,,,performance_individuale,{POOL},CCDI 2024
"""
SHORT = "(€ 2.000,00) non basta per i premi dovuti (€ 7.550,00): ridotti in proporzione"


def run(tmp_path: Path, year: int, fund: bool):
    staff = [f"S{i:02d},Persona S{i:02d},dipendente,C,com,1,0,false,SEG" for i in range(1, 11)]
    cards = [f"S{i:02d},SEG,scheda,Valutazione complessiva,100,{70 + i}," for i in range(1, 11)]
    funds = "[funds]\n" if fund else f'[funds]\n{POOL} = "2000.00"\n'
    files = one_unit_comune("Comune di Parti", staff, cards, funds)
    if fund:
        files["fondo.csv"] = FONDO
    (tmp_path / "smvp.toml").write_text(SMVP, encoding="utf-8")
    overrides = {"regolamento": str(tmp_path / "smvp.toml")}
    rule = {"share": 0.30, "quota": 0.10, **({"parita": ["assenze"]} if year >= 2026 else {})}
    params, problems = resolve_params("regolamento", year, overrides, "cycle.toml", {"maggiorazione": rule})
    assert [p.message for p in problems] == []
    folder = write_ente(tmp_path / "ente", files)
    return compute(EnteConfig(id="parti", plugin="regolamento", data=folder, overrides=overrides, params=params), year)


def short(result) -> list[tuple[str, str]]:
    return [(p.where, p.message) for p in result.violations if p.rule == "regolamento.fondo_insufficiente"]


@pytest.mark.parametrize("year", [2024, 2026])
def test_a_destined_pool_short_of_the_premiums_is_named_at_its_destination_once(tmp_path, year):
    result = run(tmp_path, year, fund=True)
    # the destination is the fondo sheet's second data row: row 3 (the header is row 1), its importo
    assert [where for where, _ in short(result)] == ["fondo.csv:3:importo"]
    assert SHORT in short(result)[0][1]
    awards = {k: a.amount for k, a in result.rewards.awards.items() if k.startswith("S10")}
    assert awards == {"S10": D("205.56"), "S10:maggiorazione_art69": D("60.00")}


def test_a_typed_pool_short_of_the_premiums_is_named_in_ente_toml_once(tmp_path):
    result = run(tmp_path, 2024, fund=False)
    assert [where for where, _ in short(result)] == ["ente.toml:funds.performance_individuale"]
    assert SHORT in short(result)[0][1]
