"""One number of a regulation changed by a dotted key (``compare`` scenarios and ``[ente.params]``), a file
parameter of kind ``path``, and the regulation's ``[etichette]`` in the outputs for people."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.compare import compare, select
from ciclope.core.compare.scenario import load_scenarios
from ciclope.core.inputs.config import load_config
from ciclope.core.problems import CiclopeError
from ciclope.core.run.explain import explain
from ciclope.core.run.runner import compute
from ciclope.core.testing import write_ente

from comune_from_docs import REGULATION, files
from helpers import ROOT

DEMO = ROOT / "plugins" / "regolamento" / "demo" / "cycle.toml"


def scenario(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return f"{name}={path}"


def soglie_runs(tmp_path: Path, *specs: str) -> list:
    plan = load_config(DEMO)
    comparison = compare(plan, select(plan, ["comune-soglie"]), load_scenarios(list(specs)))
    return comparison.runs["comune-soglie"]


def test_a_scenario_changes_the_per_capita_maximum(tmp_path):
    spec = scenario(tmp_path, "alto", '[params]\n"regolamento.premio.massimo" = 1100\n')
    current, alto = soglie_runs(tmp_path, spec)
    awards = {pid: a.amount for pid, a in alto.result.rewards.awards.items()}
    # demo comune-soglie, massimo 1000.00 → 1100.00; quota 1 from 95, score / 100 from 60, × fte:
    # D1 97 → 1100.00; D2 95 → 1100.00; D3 94 → 0.94 × 1100 = 1034.00; D4 80, fte 0.5 → 440.00;
    # D5 60 → 660.00; D8 88 → 968.00; D9 72, fte 0.75 → 0.72 × 1100 × 0.75 = 594.00
    assert {pid: str(awards[pid]) for pid in ("D1", "D2", "D3", "D4", "D5", "D8", "D9")} == {
        "D1": "1100.00", "D2": "1100.00", "D3": "1034.00", "D4": "440.00",
        "D5": "660.00", "D8": "968.00", "D9": "594.00",
    }  # fmt: skip
    pool = alto.result.rewards.pools["performance_individuale"]
    # 1100 + 1100 + 1034 + 440 + 660 + 968 + 594 = 5896.00 of 6000.00: residual 104.00
    assert (pool.distributed, pool.residual) == (Decimal("5896.00"), Decimal("104.00"))
    assert current.result.rewards.pools["performance_individuale"].distributed == Decimal("5360.00")
    # every citation says the figure is not the act's own
    assert "(modificato: premio.massimo = 1100)" in alto.result.figures["award:D3"].source


def test_nested_tables_and_a_level_by_its_name(tmp_path):
    text = "[params]\nregolamento.premio.piena = 90\nregolamento.livelli.scala.eccellente.da = 90\n"
    _, soglia = soglie_runs(tmp_path, scenario(tmp_path, "soglia", text))
    # D3 94 ≥ 90: the whole maximum, 1000.00 instead of 940.00; distributed 5360.00 + 60.00 = 5420.00
    assert soglia.result.rewards.awards["D3"].amount == Decimal("1000.00")
    assert soglia.result.scores["D3"].level == "eccellente"
    assert soglia.result.rewards.pools["performance_individuale"].distributed == Decimal("5420.00")


def test_every_wrong_amendment_at_once_naming_the_scenario_and_key(tmp_path):
    text = (
        '[params]\n"regolamento.premio.masimo" = 1100\n"regolamento.premio.piena" = 190\n'
        '"regolamento.premio.metodo" = 3\n"regolamento.livelli.scala.ottimo.da" = 3\n"regolamento.livelli.scala.4.da" = 3\n'
        '"regolamnto.premio.piena" = 90\n'
    )
    spec = scenario(tmp_path, "errato", text)
    with pytest.raises(CiclopeError) as err:
        soglie_runs(tmp_path, spec)
    got = {p.column: p.message for p in err.value.problems}
    assert all(p.file == str(tmp_path / "errato.toml") for p in err.value.problems)
    assert got == {
        "parametri.regolamnto.premio.piena": "parametro sconosciuto «regolamnto.premio.piena» (forse «regolamento»?) "
        "(parametri del regolamento: regolamento)",
        "parametri.regolamento.premio.masimo": "chiave sconosciuta «premio.masimo» (forse «massimo»?)",
        "parametri.regolamento.premio.piena": "premio.piena = 190: sopra il massimo 100",
        "parametri.regolamento.premio.metodo": "«premio.metodo»: si cambiano solo le cifre del regolamento; "
        "premio.metodo non è un numero (si indica fino alla cifra, es. premio.massimo)",
        "parametri.regolamento.livelli.scala.ottimo.da": "livelli.scala.ottimo: nessun elemento di livelli.scala si "
        "chiama «ottimo» (nomi: eccellente, adeguata, non adeguata; oppure la posizione, da 1)",
        "parametri.regolamento.livelli.scala.4.da": "livelli.scala.4: la lista livelli.scala ha 3 elementi (da 1 a 3)",
    }


def test_an_amendment_breaking_a_rule_between_keys_is_refused(tmp_path):
    spec = scenario(tmp_path, "ordine", '[params]\n"regolamento.livelli.scala.2.da" = 97\n')
    with pytest.raises(CiclopeError) as err:
        soglie_runs(tmp_path, spec)
    [problem] = err.value.problems
    assert problem.column == "parametri.regolamento.livelli.scala.2.da"
    assert problem.message.startswith("con regolamento.livelli.scala.2.da = 97: ")
    assert "la soglia 97 è più alta di quella del gradino prima (95)" in problem.message


def write_cycle(tmp_path: Path, text: str, ente: str = "") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "smvp.toml").write_text(text, encoding="utf-8")
    write_ente(tmp_path / "dati", files())
    path = tmp_path / "cycle.toml"
    path.write_text(
        f'[cycle]\nyear = 2024\n[[ente]]\nid = "prova"\nplugin = "regolamento"\ndata = "dati"\n{ente}',
        encoding="utf-8",
    )
    return path


def test_an_amendment_in_ente_params_applies_to_run(tmp_path):
    plan = load_config(
        write_cycle(
            tmp_path, REGULATION, 'regolamento = "smvp.toml"\n[ente.params]\n"regolamento.premio.massimo" = 1100\n'
        )
    )
    result = compute(plan.enti[0], plan.year)
    # livelli: massimo 1000.00 → 1100.00 × coefficient × fte: S01 pieno 1100.00; S04 intermedio, fte 0.5 →
    # 1100 × 0.7 × 0.5 = 385.00; Σ = 8595.00 × 1.1 = 9454.50 of the fund 10000.00 (no scaling)
    assert result.rewards.awards["S01"].amount == Decimal("1100.00")
    assert result.rewards.awards["S04"].amount == Decimal("385.00")
    assert result.rewards.pools["performance_individuale"].distributed == Decimal("9454.50")


def test_a_plugin_without_amendable_parameters_refuses_a_dotted_key(tmp_path):
    with pytest.raises(CiclopeError) as err:
        from ciclope.core.inputs.config import resolve_params

        params, problems = resolve_params("brescia", 2021, {"rating_max.x": 3}, "cycle.toml")
        raise CiclopeError(problems)
    [problem] = err.value.problems
    assert problem.column == "parametri.scala_massima.x"  # the parameter by its Italian key
    assert problem.message == (
        "rating_max.x: il parametro rating_max non ha cifre da cambiare una per una; indica il suo valore intero "
        "(rating_max = …)"
    )


def test_the_path_parameter_is_resolved_by_its_kind_and_named_where_written(tmp_path):
    plan = load_config(write_cycle(tmp_path, REGULATION, 'regolamento = "smvp.toml"\n'))
    assert plan.enti[0].params["regolamento"] == str((tmp_path / "smvp.toml").resolve())
    bad = write_cycle(tmp_path / "b", REGULATION, 'regolamento = "../fuori.toml"\nregolamentto = 1\n')
    with pytest.raises(CiclopeError) as err:
        load_config(bad)
    got = {p.column: p.message for p in err.value.problems}
    assert got == {
        "ente[prova].regolamentto": "chiave sconosciuta «regolamentto» (forse «regolamento»?) (ammesse: id, plugin, "
        "dati, parametri, nazionale, regolamento)",
        "ente[prova].regolamento": "il file «../fuori.toml» è fuori dalla cartella della configurazione",
    }
    unknown_plugin = write_cycle(tmp_path / "c", REGULATION, 'regolamento = "smvp.toml"\n')
    unknown_plugin.write_text(unknown_plugin.read_text().replace('"regolamento"\ndata', '"brescia"\ndata'))
    with pytest.raises(CiclopeError) as err:
        load_config(unknown_plugin)  # brescia has no path parameter: the key is unknown to it
    assert "ente[prova].regolamento" in {p.column for p in err.value.problems}


LABELLED = (
    REGULATION
    + """
[etichette]
pieno = "pieno (da 95 punti)"
valutazione_negativa = "negativa, dopo il contraddittorio"
"""
)


def test_the_labels_of_the_regulation_reach_every_output_for_people(tmp_path):
    assert main(["run", str(write_cycle(tmp_path, LABELLED, 'regolamento = "smvp.toml"\n')), "--out",
                 str(tmp_path / "out"), "--no-store"]) == 0  # fmt: skip
    out = tmp_path / "out" / "prova"
    for page in ("relazione.html", "relazione-pubblica.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "pieno (da 95 punti)" in text, page  # S01's level, in the tables and the chart by level
    assert "negativa, dopo il contraddittorio" in (out / "relazione.html").read_text(encoding="utf-8")  # PO4
    with zipfile.ZipFile(out / "schede.xlsx") as book:
        xml = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert "pieno (da 95 punti)" in xml and "negativa, dopo il contraddittorio" in xml
    plan = load_config(tmp_path / "cycle.toml")
    text = explain(compute(plan.enti[0], plan.year), "person", "PO4") or ""
    assert "esito: negativa, dopo il contraddittorio" in text
    text = explain(compute(plan.enti[0], plan.year), "person", "S01") or ""
    assert "livello pieno (da 95 punti)" in text


def parti_runs(tmp_path: Path, *specs: str):
    plan = load_config(DEMO)
    return compare(plan, select(plan, ["comune-parti"]), load_scenarios(list(specs)))


SHARES_AS_PERCENT = (
    '[parametri]\n"regolamento.premi.presenza.quota_fondo" = "20%"\n"regolamento.premi.obiettivi.quota_fondo" = "80%"\n'
    '"regolamento.premi.presenza.coefficienti.B" = 0.75\n'
)


def test_a_scenario_writes_a_share_of_the_regulation_as_the_file_does(tmp_path):
    """The file writes quota_fondo = "30%" as well as 0.3: a scenario's [parametri] takes the same values."""
    percent = scenario(tmp_path, "percento", SHARES_AS_PERCENT)
    decimal = scenario(tmp_path, "decimali", SHARES_AS_PERCENT.replace('"20%"', "0.2").replace('"80%"', "0.8"))
    comparison = parti_runs(tmp_path, percent, decimal)
    _, by_percent, by_decimal = comparison.runs["comune-parti"]
    assert by_percent.result is not None and not [p for p in by_percent.violations if p.severity == "error"]
    # 20% is 0,2 and 80% is 0,8: the same amounts, person by person, as the shares written as decimals
    assert {k: a.amount for k, a in by_percent.result.rewards.awards.items()} == {
        k: a.amount for k, a in by_decimal.result.rewards.awards.items()
    }
    # the citation says the figures as the scenario wrote them, with the Italian decimal comma
    assert (
        "(modificato: premi.presenza.quota_fondo = 20%, premi.obiettivi.quota_fondo = 80%, "
        "premi.presenza.coefficienti.B = 0,75)" in by_percent.result.figures["award:P1"].source
    )


def test_the_comparison_page_lists_the_regulations_changed_figures_old_and_new(tmp_path):
    from ciclope.core.compare import report

    comparison = parti_runs(tmp_path, scenario(tmp_path, "percento", SHARES_AS_PERCENT))
    doc = comparison.docs["comune-parti"]
    params, _ = report.changed(doc, "percento")
    # smvp-parti.toml: presenza quota_fondo = 0.3, obiettivi 0.7, coefficiente B 0.8 (as the file writes them)
    assert params == (
        "regolamento.premi.obiettivi.quota_fondo: 0,7 → 80%; regolamento.premi.presenza.coefficienti.B: 0,8 → 0,75; "
        "regolamento.premi.presenza.quota_fondo: 0,3 → 20%"
    )
    # the regulation file by its name, never the absolute path of this machine
    assert doc["scenarios"]["attuale"]["params"] == {"regolamento": "smvp-parti.toml"}
    assert str(ROOT) not in str(doc)
