"""``ciclope compare`` (issue 16): scenarios equal direct runs, 5 bands against 3, violations kept,
parameter errors named, nothing written outside DIR, several enti and their total, explain."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from ciclope.core.commands.cli import main

from helpers import ROOT

# A valid 5-band configuration (art. 17.2): top two bands 10% + 20% = 30% of staff; per-capita weights
# resources/staff = 2.4, 1.6, 1.0, 0.5, 0.2 → ratios 1.5, 1.6, 2, 2.5, all ≥ 1.5.
FIVE_BANDS = """description = "Cinque fasce di merito"
[params]
bands = [
  { name = "prima", staff = 0.10, resources = 0.24 },
  { name = "seconda", staff = 0.20, resources = 0.32 },
  { name = "terza", staff = 0.30, resources = 0.30 },
  { name = "quarta", staff = 0.20, resources = 0.10 },
  { name = "quinta", staff = 0.20, resources = 0.04 },
]
"""
# Per-capita weights 0.25/0.10 = 2.5 and 0.35/0.20 = 1.75: ratio 2.5/1.75 = 10/7 ≈ 1.43 < 1.5 (art. 17.2).
LOW_RATIO = """description = "Rapporto 1:1,43 tra le prime due fasce"
[params]
bands = [
  { name = "eccellente", staff = 0.10, resources = 0.25 },
  { name = "alta", staff = 0.20, resources = 0.35 },
  { name = "media", staff = 0.30, resources = 0.25 },
  { name = "bassa", staff = 0.20, resources = 0.10 },
  { name = "minima", staff = 0.20, resources = 0.05 },
]
"""


def national_reminder_only(violations):
    """Nothing but the national layer's reminder that art. 69 CCNL 2018 is not configured (tests/plugins/ccnl_funzioni_locali/test_national.py)."""
    return [v["rule"] for v in violations] in ([], ["ccnl.art69.not_configured"])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def load(out: Path) -> dict:
    return json.loads((out / "compare.json").read_text(encoding="utf-8"))


def tree(folder: Path) -> dict:
    """Every file under ``folder`` with its bytes: what a command wrote or changed there."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def direct_amounts(folder: Path, ente: str, params_body: str, funds: dict[str, str]) -> dict:
    """`ciclope run` with the scenario's [params] written in [ente.params] and its [funds] in ente.toml."""
    cycle = folder / "cycle.toml"
    text = cycle.read_text(encoding="utf-8")
    if "[ente.params]" not in text and "[ente.parametri]" not in text:
        text += "\n[ente.parametri]\n"
    cycle.write_text(text + "\n" + params_body + "\n", encoding="utf-8")
    ente_toml = next(folder.glob("*/ente.toml"))
    et = ente_toml.read_text(encoding="utf-8")
    for key, value in funds.items():
        et, n = re.subn(rf"(?m)^{key}\s*=.*$", f'{key} = "{value}"', et)
        if not n:  # the table as the file writes it: [fondi] (the office's word) or the old [funds]
            table = "[fondi]" if "[fondi]" in et else "[funds]"
            et = et.replace(f"{table}\n", f'{table}\n{key} = "{value}"\n', 1)
    ente_toml.write_text(et, encoding="utf-8")
    assert main(["run", str(cycle), "--out", str(folder / "direct")]) in (0, 1)
    res = json.loads((folder / "direct" / ente / "results.json").read_text(encoding="utf-8"))
    out = {}
    position = set(res["rewards"].get("position_pools", []))  # position pay is not performance money
    for pid, ind in res["individual"].items():
        award = res["rewards"].get("people", {}).get(pid)
        total = D(0)
        if award:
            total = sum((D(a["amount"]) for a in [award, *award.get("also", [])] if a["pool"] not in position), D(0))
        out[pid] = {"amount": f"{total:.2f}", "score": ind["score"], "level": ind["level"]}
    return out


CASES = {
    # plugin: (folder to copy, ente id, scenario [params] body, scenario [funds])
    "comunita_montane": (
        "example:comunita_montane",
        "cm-esempio",
        FIVE_BANDS.split("[params]\n")[1],
        {"performance_individuale": "15000.00"},
    ),
    "bergamo": (
        "example:bergamo",
        "bg-esempio",
        'reward_min_level = "buona"\n',
        {"performance_individuale": "7000.00"},
    ),
    "brescia": (
        "demo:brescia",
        "cciaa-brescia",
        "point_value_staff = 0.02\npo_org_weight = 60\n",
        {"risorse_stabili_personale": "60000.00"},  # as the demo's ente.toml names it
    ),
}


@pytest.mark.parametrize("plugin", sorted(CASES))
def test_scenario_amounts_equal_a_direct_run(plugin, example, tmp_path):
    where, ente, body, funds = CASES[plugin]
    kind, name = where.split(":")
    if kind == "example":
        folder = example(name)
    else:
        folder = tmp_path / name
        shutil.copytree(ROOT / "plugins" / name / "demo", folder)
    funds_toml = "".join(f'{k} = "{v}"\n' for k, v in funds.items())
    scen = write(tmp_path / "s.toml", f"[params]\n{body}\n[funds]\n{funds_toml}")
    out = tmp_path / "cmp"
    assert (
        main(["compare", str(folder / "cycle.toml"), "--ente", ente, "--scenario", f"s={scen}", "--out", str(out)]) == 0
    )
    doc = load(out)
    people = doc["scenarios"]["s"]["people"]
    direct = direct_amounts(folder, ente, body, funds)
    assert set(people) == set(direct)
    assert {p: v["amount"] for p, v in people.items()} == {p: v["amount"] for p, v in direct.items()}
    assert {p: v["score"] for p, v in people.items()} == {p: v["score"] for p, v in direct.items()}
    assert {p: v["level"] for p, v in people.items()} == {p: v["level"] for p, v in direct.items()}
    # the scenario changed something: some amount differs from attuale
    base = doc["scenarios"]["attuale"]["people"]
    assert any(base[p]["amount"] != people[p]["amount"] for p in people)
    if plugin == "brescia":  # PO holders: result pay counted (po_org_weight moved it), position pay beside
        holders = [p for p in people if "result_pay" in people[p]]
        assert holders and any(base[p]["result_pay"] != people[p]["result_pay"] for p in holders)
        assert all(D(people[p]["amount"]) >= D(people[p]["result_pay"]) for p in holders)


def test_five_bands_against_three_on_the_public_example(example, tmp_path):
    folder = example("comunita_montane")
    scen = write(tmp_path / "cinque.toml", FIVE_BANDS)
    pooled = write(tmp_path / "pool.toml", FIVE_BANDS.replace("[params]\n", '[params]\nband_money = "band_pool"\n'))
    out = tmp_path / "cmp"
    before = tree(folder)
    assert (
        main(
            [
                "compare",
                str(folder / "cycle.toml"),
                "--scenario",
                f"cinque={scen}",
                "--scenario",
                f"pool={pooled}",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert tree(folder) == before  # nothing written beside the config: no output folder, no store
    doc = load(out)
    three, five = doc["scenarios"]["attuale"], doc["scenarios"]["cinque"]
    # 9 people in the bands (P8 absent > 150 days, P11 scores 60), by score: P1 96, P2 91, P3 88 (fte 0.5), P4 86,
    # P5 83, P6 80, P7 77, P9 74, P10 71. 3 bands 20/40/40: c1 = ⌊9·0.2⌋ = 1, c2 = ⌊9·0.6⌋ = 5.
    # 5 bands 10/20/30/20/20: c1 = ⌊0.9⌋ = 0, c2 = ⌊2.7⌋ = 2, c3 = ⌊5.4⌋ = 5, c4 = ⌊7.2⌋ = 7; the 30% cap
    # (⌊0.3·11⌋ = 3 people) allows c2 = 2. No ties.
    assert {p: v["band"] for p, v in three["people"].items() if v["band"]} == {
        "P1": "alta",
        "P2": "intermedia",
        "P3": "intermedia",
        "P4": "intermedia",
        "P5": "intermedia",
        "P6": "bassa",
        "P7": "bassa",
        "P9": "bassa",
        "P10": "bassa",
    }
    assert {p: v["band"] for p, v in five["people"].items() if v["band"]} == {
        "P1": "seconda",
        "P2": "seconda",
        "P3": "terza",
        "P4": "terza",
        "P5": "terza",
        "P6": "quarta",
        "P7": "quarta",
        "P9": "quinta",
        "P10": "quinta",
    }
    assert [(b["name"], b["count"]) for b in five["bands"]] == [
        ("seconda", 2),
        ("terza", 3),
        ("quarta", 2),
        ("quinta", 2),
    ]
    assert five["metrics"]["zero"] == three["metrics"]["zero"] == 3  # SEG (no result fund), P8, P11
    # P10 is the 2nd smallest of 12 amounts (rank ⌈1.2⌉ = 2), a zero: P90/P10 not defined
    assert five["metrics"]["p10"] == "0.00" and five["metrics"]["p90_p10"] is None
    # top level «eccellente» (scores ≥ 90): P1, P2, P8 (95, scored though not banded) of the 11 with a level
    # (SEG has no card): 3/11 = 0.2727
    assert five["metrics"]["top_level"] == "eccellente" and five["metrics"]["top_level_share"] == 0.2727
    amounts = {p: v["amount"] for p, v in five["people"].items() if v["amount"] != "0.00"}
    # Per capita (rules §3): weights w·fte = 1.6, 1.6 | 0.5, 1, 1 | 0.5, 0.5 | 0.2, 0.2, Σ = 7.1;
    # 12000·w·fte/7.1: 2704.225…, 845.070…, 1690.140…, 845.070…, 338.028…; floors sum to 11999.97, the 3 cents
    # go to the largest remainders: P9, P10 (.8169), then P1 before P2 (.5352 tie, higher score first).
    assert amounts == {
        "P1": "2704.23",
        "P2": "2704.22",
        "P3": "845.07",
        "P4": "1690.14",
        "P5": "1690.14",
        "P6": "845.07",
        "P7": "845.07",
        "P9": "338.03",
        "P10": "338.03",
    }
    assert five["metrics"]["distributed"] == "12000.00" and five["metrics"]["residual"] == "0.00"
    # Gini: coefficients 2i − 13 on the ascending amounts: −8·338.03 + (−1+1)·845.07 + 3·845.07 + 12·1690.14
    # + 9·2704.22 + 11·2704.23 = 74197.16; / (12 · 12000) = 0.51526 → 0.5153
    assert five["metrics"]["gini"] == 0.5153
    # attuale (expected.json): −8·428.57 + 3·857.14 + 21·1714.29 + 11·4285.71 = 82285.76 / 144000 → 0.5714
    assert three["metrics"]["gini"] == 0.5714
    # top 20%: the poorest 9.6 of 12 hold 4901.41 + 0.6·1690.14 = 5915.494; 1 − 5915.494/12000 = 0.50704 → 0.507
    assert five["metrics"]["top20_share"] == 0.507
    # attuale: the poorest 9 hold 4·428.57 + 857.14 + 1714.29 = 4285.71, + 0.6·1714.29 → 5314.284; 1 − /12000 → 0.5571
    assert three["metrics"]["top20_share"] == 0.5571
    # seconda/terza per capita: (5408.45/2) / (4225.35/3) = 16225.35/8450.70 = 1.92000 → 1.92
    assert five["metrics"]["band_ratios"][0] == {"upper": "seconda", "lower": "terza", "ratio": 1.92}
    assert national_reminder_only(five["violations"])
    gain, lose = 3, 6  # gain P2, P6, P7; lose P1, P3, P4, P5, P9, P10

    # The same bands with fixed band pools (band_money = "band_pool"): 12000 × 0.24 for the empty «prima» stays
    # residual (2880), × 0.32 = 3840 to P1, P2; × 0.30 = 3600 over fte 2.5 (P3 0.5); × 0.10 = 1200; × 0.04 = 480.
    pool = doc["scenarios"]["pool"]
    assert {p: v["amount"] for p, v in pool["people"].items() if v["amount"] != "0.00"} == {
        "P1": "1920.00",
        "P2": "1920.00",
        "P3": "720.00",
        "P4": "1440.00",
        "P5": "1440.00",
        "P6": "600.00",
        "P7": "600.00",
        "P9": "240.00",
        "P10": "240.00",
    }
    assert pool["metrics"]["distributed"] == "9120.00" and pool["metrics"]["residual"] == "2880.00"
    # −8·240 + 0·600 + 3·720 + 12·1440 + 20·1920 = 55920 / (12 · 9120) = 0.51096 → 0.511
    assert pool["metrics"]["gini"] == 0.511
    # per fte, seconda 1920 against terza 3600/2.5 = 1440: 1.33 < 1.5, an error of art. 17.2 shown with the scenario
    assert [(v["rule"], v["source"]) for v in pool["violations"] if v["rule"] != "ccnl.art69.not_configured"] == [
        ("comunita_montane.bands.actual_ratio", "003_17a077a346f3b252.txt art. 17.2")
    ]
    html = (out / "compare.html").read_text(encoding="utf-8")
    assert f"Guadagnano {gain} persone" in html and f"perdono {lose} persone" in html
    assert "<svg" in html and 'id="lorenz"' in html and 'id="importi-ordinati"' in html


def test_a_ratio_below_one_to_one_and_a_half_is_shown_with_its_violation(example, tmp_path):
    folder = example("comunita_montane")
    scen = write(tmp_path / "basso.toml", LOW_RATIO)
    out = tmp_path / "cmp"
    assert (
        main(
            [
                "compare",
                str(folder / "cycle.toml"),
                "--ente",
                "cm-esempio",
                "--scenario",
                f"basso={scen}",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    doc = load(out)
    s = doc["scenarios"]["basso"]
    ratio = [v for v in s["violations"] if v["rule"] == "comunita_montane.bands.ratio"]
    assert len(ratio) == 1 and ratio[0]["severity"] == "error"
    assert "art. 17.2" in ratio[0]["source"] and "«eccellente» e «alta»" in ratio[0]["message"]
    assert s["computed"] and any(p["amount"] != "0.00" for p in s["people"].values())  # computed, not dropped
    assert national_reminder_only(doc["scenarios"]["attuale"]["violations"])
    html = (out / "compare.html").read_text(encoding="utf-8")
    assert "1 violazione<" in html and "differenziazione economica tra le fasce" in html
    wb = openpyxl.load_workbook(out / "compare.xlsx")
    # the rule's code is for results.json and the log: the workbook says the sentence and where
    rows = list(wb["Violazioni"].iter_rows(min_row=2, values_only=True))
    assert all("comunita_montane." not in str(cell) for row in rows for cell in row)
    assert any(str(row[-1]).endswith(":parametri.fasce") for row in rows)


def test_out_of_bounds_parameter_names_the_scenario_file_and_key(example, tmp_path, capsys):
    folder = example("comunita_montane")
    scen = write(tmp_path / "troppo.toml", "[params]\nbonus_share = 0.5\nnon_esiste = 1\n")
    out = tmp_path / "cmp"
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"x={scen}", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{scen}:parametri.quota_bonus" in err and "quota_bonus = 0,5 supera il massimo 0,05" in err
    assert f"{scen}:parametri.non_esiste" in err and "parametro sconosciuto" in err
    assert not out.exists()


def test_bad_scenario_files_are_reported_at_once(example, tmp_path, capsys):
    folder = example("comunita_montane")
    a = write(tmp_path / "a.toml", "bands = 3\n")
    b = write(tmp_path / "b.toml", '[funds]\nperformance_individuale = "-5"\n')
    assert (
        main(
            [
                "compare",
                str(folder / "cycle.toml"),
                "--scenario",
                f"a={a}",
                "--scenario",
                f"b={b}",
                "--scenario",
                f"attuale={a}",
                "--scenario",
                f"c={tmp_path / 'manca.toml'}",
                "--out",
                str(tmp_path / "o"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "chiave sconosciuta «bands»" in err and "[parametri]" in err
    assert "b.toml:fondi.performance_individuale" in err
    assert "riservato" in err and "file di scenario inesistente" in err


def test_several_enti_each_and_their_total(example, tmp_path):
    folder = example("comunita_montane")
    shutil.copytree(folder / "cm-esempio", folder / "cm-due")
    with (folder / "cycle.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[ente]]\nid = "cm-due"\nplugin = "comunita_montane"\ndata = "cm-due"\n')
    scen = write(tmp_path / "fondo.toml", '[funds]\nperformance_individuale = "18000.00"\n')
    out = tmp_path / "cmp"
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"fondo={scen}", "--out", str(out)]) == 0
    one, two, total = load(out / "cm-esempio"), load(out / "cm-due"), load(out)
    assert total["ente"] == "totale" and total["enti"] == ["cm-esempio", "cm-due"]
    s = total["scenarios"]["fondo"]
    assert len(s["people"]) == 24 and s["people"]["cm-due/P1"] == two["scenarios"]["fondo"]["people"]["P1"]
    assert s["pools"]["performance_individuale"]["amount"] == "36000.00"  # 18000 + 18000
    assert s["metrics"]["paid_to_people"] == "36000.00"
    # two identical enti: the pooled amounts are each amount twice, and the Gini index is unchanged by replication
    assert s["metrics"]["gini"] == one["scenarios"]["fondo"]["metrics"]["gini"]
    # more money, same shares: every amount × 1.5, the Gini index the same as attuale up to the cents
    assert abs(s["metrics"]["gini"] - total["scenarios"]["attuale"]["metrics"]["gini"]) < 0.001
    assert (out / "compare.html").is_file() and (out / "cm-due" / "compare.xlsx").is_file()


def test_enti_of_different_plugins_need_ente(example, tmp_path, capsys):
    folder = example("comunita_montane")
    shutil.copytree(ROOT / "plugins" / "bergamo" / "demo" / "cciaa-bergamo", folder / "bg")
    with (folder / "cycle.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[ente]]\nid = "bg"\nplugin = "bergamo"\ndata = "bg"\n')
    scen = write(tmp_path / "s.toml", FIVE_BANDS)
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"s={scen}", "--out", str(tmp_path / "o")]) == 2
    assert "plugin diversi" in capsys.readouterr().err
    assert (
        main(
            [
                "compare",
                str(folder / "cycle.toml"),
                "--ente",
                "cm-esempio",
                "--scenario",
                f"s={scen}",
                "--out",
                str(tmp_path / "o"),
            ]
        )
        == 0
    )


def test_explain_person_under_each_scenario(example, tmp_path, capsys):
    folder = example("comunita_montane")
    scen = write(tmp_path / "cinque.toml", FIVE_BANDS)
    assert (
        main(
            [
                "compare",
                str(folder / "cycle.toml"),
                "--scenario",
                f"cinque={scen}",
                "--out",
                str(tmp_path / "o"),
                "--explain-person",
                "P2",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    before, _, after = text.partition("=== cm-esempio, scenario cinque ===")
    assert "=== cm-esempio, scenario attuale ===" in before and after
    assert "fascia intermedia" in before and "fascia seconda" in after
    assert (
        main(
            [
                "compare",
                str(folder / "cycle.toml"),
                "--scenario",
                f"cinque={scen}",
                "--out",
                str(tmp_path / "o"),
                "--explain-person",
                "NESSUNO",
            ]
        )
        == 2
    )


def test_outputs_are_deterministic_numeric_and_escaped(example, tmp_path):
    folder = example("comunita_montane")
    scen = write(
        tmp_path / "s.toml", '"description" = "=SOMMA(A1) <script>alert(1)</script> &"\n' + FIVE_BANDS.split("\n", 1)[1]
    )
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"s={scen}", "--out", str(out)]) == 0
    for name in ("compare.json", "compare.html", "compare.xlsx"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    html = (outs[0] / "compare.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "=SOMMA(A1) &lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert not re.search(r"\b(src|href)=\"(?!#)|https?://|@import", html)  # self-contained: no external resource
    assert "@page { size: A4" in html
    wb = openpyxl.load_workbook(outs[0] / "compare.xlsx")
    ws = wb["Persone"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "P1")
    assert isinstance(row[header.index("Importo attuale")], (int, float))
    assert isinstance(row[header.index("Differenza s")], (int, float))
    cell = wb["Scenari"]["B4"]  # row 1 title, 2 header, 3 attuale, 4 s
    assert cell.value == "=SOMMA(A1) <script>alert(1)</script> &" and cell.data_type == "s"  # text, not a formula
    doc = load(outs[0])
    assert list(doc["scenarios"]) == ["attuale", "s"]
    assert re.fullmatch(r"\d+\.\d{2}", doc["scenarios"]["s"]["people"]["P1"]["amount"])


def test_out_may_not_be_the_ente_output_folder(example, tmp_path, capsys):
    folder = example("comunita_montane")
    scen = write(tmp_path / "s.toml", FIVE_BANDS)
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"s={scen}", "--out", str(folder / "out")]) == 2
    assert "cartella di output degli enti" in capsys.readouterr().err


def test_a_scenario_the_plugin_cannot_compute_is_kept_with_why(example, tmp_path):
    folder = example("comunita_montane")
    scen = write(tmp_path / "vuoto.toml", "[params]\nbands = []\n")  # no bands at all: art. 17.2 wants 3 to 5
    out = tmp_path / "cmp"
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"vuoto={scen}", "--out", str(out)]) == 0
    s = load(out)["scenarios"]["vuoto"]
    rules = [v["rule"] for v in s["violations"]]
    assert "comunita_montane.bands.count" in rules
    assert s["computed"] is False and s["people"] == {}
    assert "compare.not_computable" in rules
    assert "Scenario non calcolabile" in (out / "compare.html").read_text(encoding="utf-8")


def test_an_ente_that_cannot_be_loaded_does_not_stop_the_others(example, tmp_path, capsys):
    folder = example("comunita_montane")
    shutil.copytree(folder / "cm-esempio", folder / "cm-rotto")
    (folder / "cm-rotto" / "people.csv").write_text("id,name\nX,\n", encoding="utf-8")
    with (folder / "cycle.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[ente]]\nid = "cm-rotto"\nplugin = "comunita_montane"\ndata = "cm-rotto"\n')
    scen = write(tmp_path / "fondo.toml", '[funds]\nperformance_individuale = "18000.00"\n')
    out = tmp_path / "cmp"
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"fondo={scen}", "--out", str(out)]) == 1
    assert "cm-rotto: dati non caricabili" in capsys.readouterr().err
    assert load(out / "cm-esempio")["scenarios"]["fondo"]["metrics"]["paid_to_people"] == "18000.00"
    assert load(out)["enti"] == ["cm-esempio"] and not (out / "cm-rotto").exists()


def test_params_are_shown_in_force_side_by_side(example, tmp_path):
    folder = example("comunita_montane")
    # the plugin default bonus_share is 0.05: setting it again changes nothing
    scen = write(tmp_path / "s.toml", "[params]\nbonus_share = 0.05\nprogression_share = 0.2\n")
    out = tmp_path / "cmp"
    assert main(["compare", str(folder / "cycle.toml"), "--scenario", f"s={scen}", "--out", str(out)]) == 0
    doc = load(out)
    assert doc["scenarios"]["attuale"]["params"] == {"bonus_share": 0.05, "progression_share": 0.25}
    assert doc["scenarios"]["s"]["params"] == {"bonus_share": 0.05, "progression_share": 0.2}
    html = (out / "compare.html").read_text(encoding="utf-8")
    assert "quota_progressioni = 0,2<" in html and "quota_bonus = 0,05" not in html  # by the keys the office writes


def _scenario(params: dict, funds: dict, people: dict, violations: list) -> dict:
    metrics = {key: None for key in ("gini", "p10", "p90", "p90_p10", "top20_share", "top_level_share")}
    metrics.update(people=len(people), paid_to_people="0.00", distributed="0.00", residual="0.00", zero=0)
    metrics.update(band_ratios=[], top_level=None)
    return {
        "file": None,
        "description": "",
        "computed": True,
        "params": params,
        "funds": funds,
        "people": people,
        "bands": [],
        "levels": [],
        "metrics": metrics,
        "violations": violations,
    }


def test_the_page_model_of_a_small_document_by_hand():
    """Two people, one scenario: what differs from attuale, the outcome, who gains and loses (biggest gain
    first) and each amount with its band or outcome under it, people in natural order (P2 before P10)."""
    from ciclope.core.compare import report
    from ciclope.core.reports.model import Flag, Lines, Table, Text

    def person(amount: str, band: str | None, status: str) -> dict:
        return {"role": "dipendente", "score": 80.0, "level": None, "band": band, "status": status, "amount": amount}

    error = {"severity": "error", "rule": "r", "source": "s", "where": "w", "message": "m"}
    doc = {
        "ente": "e1",
        "name": "Ente di prova",
        "plugin": "p",
        "year": 2021,
        "scenarios": {
            "attuale": _scenario(
                {"quota": 0.25},
                {"fondo": "100.00"},
                {"P10": person("60.00", "alta", "banded"), "P2": person("40.00", None, "escluso")},
                [],
            ),
            "s": _scenario(
                {"quota": 0.2},
                {"fondo": "120.00"},
                {"P10": person("50.00", "alta", "banded"), "P2": person("70.00", "bassa", "banded")},
                [error],
            ),
        },
    }
    page = report.build(doc, {"escluso": "escluso dal premio"})
    assert page.ente == "Ente di prova" and page.meta == "regolamento dell'ente · ciclo 2021"
    sections = {s.ident: s.blocks for s in page.sections}
    assert list(sections) == ["scenari", "indicatori", "curve", "violazioni", "movimenti", "fasce", "persone"]
    assert list(sections["scenari"][0].rows) == [
        ("attuale", "", "cycle.toml", "parametri e fondi in vigore", "nessuno", "—", Flag("conforme", "ok")),
        # the fund «fondo» has no pool's label in these words: «Fondo», its amount in force, then the scenario's
        ("s", "", "cycle.toml", "quota = 0,2", "Fondo: € 100,00 → € 120,00", "—", Flag("1 violazione", "err")),
    ]
    heading, sentence, moved = sections["movimenti"]
    assert sentence == Text(
        "Guadagna 1 persona (in tutto +€ 30,00), perde 1 persona (in tutto −€ 10,00), 0 con lo stesso importo."
    )
    assert isinstance(moved, Table) and [list(r) for r in moved.rows] == [
        ["P2", "Dipendente", "escluso dal premio", "bassa", "€ 40,00", "€ 70,00", "+€ 30,00"],
        ["P10", "Dipendente", "alta", "alta", "€ 60,00", "€ 50,00", "−€ 10,00"],
    ]
    people = sections["persone"][0]
    assert [list(r) for r in people.rows] == [
        [
            "P2",
            "Dipendente",
            "80,00",
            Lines(("€ 40,00", "escluso dal premio"), "band"),
            Lines(("€ 70,00", "bassa"), "band"),
            "+€ 30,00",
        ],
        [
            "P10",
            "Dipendente",
            "80,00",
            Lines(("€ 60,00", "alta"), "band"),
            Lines(("€ 50,00", "alta"), "band"),
            "−€ 10,00",
        ],
    ]
    assert people.style == "people" and [kind for _, kind, _ in people.columns] == ["text", "text"] + ["num"] * 4


def test_one_warning_and_one_error_are_said_in_the_singular():
    """«conforme, 1 avviso» on the page and «1 errore» in the terminal, never «1 avvisi», «1 errori»; two in the
    plural."""
    from ciclope.core.compare import report
    from ciclope.core.compare.command import summary
    from ciclope.core.reports.model import Flag

    def violation(severity: str) -> dict:
        return {"severity": severity, "rule": "r", "source": "s", "where": "w", "message": "m"}

    one = [violation("warning")]
    assert report.outcome(_scenario({}, {}, {}, one)) == Flag("conforme, 1 avviso", "ok")
    assert report.outcome(_scenario({}, {}, {}, one * 2)) == Flag("conforme, 2 avvisi", "ok")
    doc = {"ente": "e1", "name": "Ente di prova", "scenarios": {"s": _scenario({}, {}, {}, [violation("error")])}}
    assert summary(doc).splitlines()[-1].endswith("  1 errore")
    # the measures' short names are said in words above the columns, none in English («top 20%»)
    head = summary(doc).splitlines()
    assert head[1].startswith("(Gini: concentrazione degli importi, 0 = tutti uguali; P90/P10: rapporto tra il 90°")
    assert "20% alto" in head[2] and "top" not in summary(doc)
    doc["scenarios"]["s"]["violations"] *= 2
    assert summary(doc).splitlines()[-1].endswith("  2 errori")


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
A4 = {"width": 794, "height": 1123}  # 210 × 297 mm at 96 dpi
DESKTOP = {"width": 1366, "height": 900}


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium assente: installare con `apt-get install -y chromium`"
)
def test_compare_html_renders_without_overflow_with_its_charts(example, tmp_path):
    """compare.html in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no browser is
    ever downloaded): it renders, nothing overflows horizontally at A4 or desktop width (screen and
    print media), and both charts are drawn with one curve per scenario. The screenshots stay in the
    test's temporary folder for a person to look at."""
    sync_api = pytest.importorskip("playwright.sync_api")
    folder = example("comunita_montane")
    five = write(tmp_path / "cinque.toml", FIVE_BANDS)
    low = write(tmp_path / "basso.toml", LOW_RATIO)
    out = tmp_path / "cmp"
    assert (
        main(
            [
                "compare",
                str(folder / "cycle.toml"),
                "--scenario",
                f"cinque={five}",
                "--scenario",
                f"basso={low}",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    page_uri = (out / "compare.html").as_uri()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            for label, size in (("a4", A4), ("desktop", DESKTOP)):
                for media in ("screen", "print"):
                    page = browser.new_page(viewport=size)
                    page.emulate_media(media=media)
                    page.goto(page_uri)
                    assert page.title().startswith("Simulazione per la contrattazione integrativa")
                    widths = page.evaluate(
                        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                    )
                    assert widths[0] <= widths[1], f"{label}/{media}: contenuto più largo della pagina {widths}"
                    wide = page.evaluate("""[...document.querySelectorAll('table, svg, figure')]
                        .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                        .map(el => el.tagName + '#' + (el.id || ''))""")
                    assert wide == [], f"{label}/{media}: elementi oltre il margine {wide}"
                    charts = page.evaluate("""[...document.querySelectorAll('svg.chart')].map(s => {
                        const r = s.getBoundingClientRect();
                        return [s.id, Math.round(r.width), Math.round(r.height), s.querySelectorAll('polyline.series').length];
                    })""")
                    assert [c[0] for c in charts] == ["lorenz", "importi-ordinati"]
                    for ident, w, h, curves in charts:
                        assert w > 200 and h > 150, (ident, w, h)
                        assert curves == 3, ident  # attuale, cinque, basso
                    assert page.locator("text=Chi guadagna e chi perde").count() >= 1
                    assert page.locator(".flag.err").count() >= 1  # basso's art. 17.2 violation is shown
                    page.screenshot(path=str(tmp_path / f"compare-{label}-{media}.png"), full_page=True)
                    page.close()
        finally:
            browser.close()
    for label in ("a4", "desktop"):
        for media in ("screen", "print"):
            assert (tmp_path / f"compare-{label}-{media}.png").stat().st_size > 10_000


def test_explain_cites_the_scenario_for_a_fund_it_changed(example, tmp_path, capsys):
    """A fund the scenario sets is cited in the scenario's file, at its line and key as the office wrote them;
    the ente's own figure keeps citing ente.toml."""
    folder = example("comunita_montane")
    # line 1 the description, line 2 empty, line 3 the table, line 4 the key: the cell the office changes
    scen = write(
        tmp_path / "fondo.toml", 'descrizione = "Fondo a 15.000"\n\n[fondi]\nperformance_individuale = "15.000,00"\n'
    )
    args = ["compare", str(folder / "cycle.toml"), "--scenario", f"fondo={scen}", "--out", str(tmp_path / "o")]
    assert main([*args, "--explain-person", "P1"]) == 0
    before, _, after = capsys.readouterr().out.partition("=== cm-esempio, scenario fondo ===")
    # ente.toml writes performance_individuale = "12000.00" under [funds]
    assert "[fondi] performance_individuale = € 12.000,00   ← ente.toml [fondi] performance_individuale" in before
    assert (
        "[fondi] performance_individuale = € 15.000,00   ← fondo.toml, riga 4, [fondi] performance_individuale" in after
    )
    assert "ente.toml [fondi]" not in after
    # the cell the explanation cites is a file the run was given: no warning of a reference leading nowhere
    assert national_reminder_only(load(tmp_path / "o")["scenarios"]["fondo"]["violations"])
