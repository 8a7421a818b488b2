"""The regulation's ``comparto`` runs the national layer for its ente, and for no other: the 20-person Comune
of test_regolamento_from_docs with and without ``comparto = "funzioni_locali"`` (cycle 2024)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_regolamento_from_docs import REGULATION, files

from ciclope.core.config import load_config
from ciclope.core.problems import CiclopeError
from ciclope.core.runner import compute
from ciclope.core.testing import write_ente

WITH = REGULATION.replace('tipo_ente = "comune"\n', 'tipo_ente = "comune"\ncomparto = "funzioni_locali"\n')
NATIONAL = "Disposizioni nazionali applicate (CCNL Funzioni Locali e leggi sulla performance)"


def run(ciclope_ente, tmp_path: Path, text: str, given: dict | None = None):
    tmp_path.mkdir()
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    return ciclope_ente("regolamento", given or files(), year=2024, params={"regolamento": str(path)})


def test_the_comparto_of_the_regulation_runs_the_layer_for_its_ente_only(ciclope_ente, tmp_path):
    assert WITH != REGULATION
    under = run(ciclope_ente, tmp_path / "con", WITH)
    alone = run(ciclope_ente, tmp_path / "senza", REGULATION)
    assert [i.name for i in under.plugin.layers] == ["ccnl_funzioni_locali"] and alone.plugin.layers == ()
    # art. 69 CCNL 2018 in force in 2024, not configured in [ente.national]: the layer's warning, no money moved
    assert "ccnl.art69.not_configured" in {p.rule for p in under.violations}
    assert not [p for p in alone.violations if p.rule.startswith("ccnl.")]
    assert NATIONAL in [s.title for s in under.sections] and NATIONAL not in [s.title for s in alone.sections]
    # the PIAO (from 2022) and the individual objectives by end of February (from 2024) join the calendar
    acts = [d.act for d, _ in under.calendar]
    assert any(a.startswith("Adozione del PIAO") for a in acts)
    assert not any("PIAO" in d.act for d, _ in alone.calendar)
    assert {k: a.amount for k, a in under.rewards.awards.items()} == {
        k: a.amount for k, a in alone.rewards.awards.items()
    }


def test_position_pay_beyond_the_contract_is_an_error_under_the_comparto_only(ciclope_ente, tmp_path):
    given = files()
    given["people.csv"] = given["people.csv"].replace("12000.00", "19000.00")  # PO1; at most 18000 in 2024
    under = run(ciclope_ente, tmp_path / "con", WITH, given)
    alone = run(ciclope_ente, tmp_path / "senza", REGULATION, given)
    [problem] = [p for p in under.violations if p.rule == "ccnl.eq_pay.range"]
    assert problem.severity == "error" and problem.column == "position_pay"
    assert "€ 19.000,00" in problem.message and "€ 5.000,00–€ 18.000,00" in problem.message
    assert not [p for p in alone.violations if p.rule == "ccnl.eq_pay.range"]
    # the regulation pays as written either way: 96 ≥ 95 → 19000 × 0.25 = 4750.00
    assert under.rewards.awards["PO1"].amount == alone.rewards.awards["PO1"].amount == Decimal("4750.00")


def cycle(tmp_path: Path, text: str, national: str) -> Path:
    (tmp_path / "smvp.toml").write_text(text, encoding="utf-8")
    write_ente(tmp_path / "dati", files())
    path = tmp_path / "cycle.toml"
    path.write_text(
        f'[cycle]\nyear = 2024\n[[ente]]\nid = "prova"\nplugin = "regolamento"\nregolamento = "smvp.toml"\n'
        f'data = "dati"\n{national}',
        encoding="utf-8",
    )
    return path


def test_art69_configured_in_cycle_toml_for_a_regolamento_ente(tmp_path):
    plan = load_config(cycle(tmp_path, WITH, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"))
    result = compute(plan.enti[0], plan.year)
    # paid from performance_individuale: S01 S02 S03 S04 S05 S06 S10 S11 S12 S13 S15 S16, n = 12 (the rest 0 €)
    # mean = 10000.00 / 12 = 833.33; M = 0.30 × 833.33 = 249.999 → 250.00; slots = floor(0.10 × 12) = 1
    # the first by score is S01 (98; S10 follows with 97: no tie at the cut)
    assert result.rewards.awards["S01:maggiorazione_art69"].amount == Decimal("250.00")
    assert [a.person for a in result.rewards.awards.values() if a.pool == "maggiorazione_art69"] == ["S01"]
    staff = result.rewards.pools["performance_individuale"]
    assert staff.amount == Decimal("9750.00")  # 10000.00 − 250.00 set aside
    paid = sum(a.amount for a in result.rewards.awards.values() if a.pool == "performance_individuale")
    assert paid == Decimal("8345.00")  # the 8595.00 the regulation paid, less the 250.00 set aside


def test_ente_national_without_a_comparto_is_a_configuration_error(tmp_path):
    with pytest.raises(CiclopeError) as err:
        load_config(cycle(tmp_path, REGULATION, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"))
    [problem] = err.value.problems
    assert problem.rule == "config.national_unused" and problem.column == "ente[prova].national"
    assert problem.message.startswith("[ente.national] non si applica: l'ente (plugin regolamento) non appartiene")
