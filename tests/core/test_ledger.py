"""One money model (issue 12): every pool and award of a Result in one view (core/ledger.py), and
every output — results.json, summary.json, trasparenza.csv, schede.xlsx, explain — reads it."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from ciclope.core import Award, Pool, PositionPay, Positions, Rewards
from ciclope.core.commands.cli import main
from ciclope.core.ledger import Ledger
from ciclope.core.money import POSITION

from helpers import ROOT, data_rows, it_decimal, published_csv


def test_ledger_joins_rewards_and_positions():
    rewards = Rewards(
        pools={"premi": Pool("premi", D("100.00"), D("90.00"))},
        awards={"A": Award("A", D("60.00"), "premi", band="alta"), "B": Award("B", D("30.00"), "premi")},
    )
    positions = Positions(
        positions={"P1": PositionPay("P1", D("80"), D("5000.00"), holder="A", instalments=13)},
        pools={
            "pos": Pool("pos", D("6000.00"), D("5000.00"), kind=POSITION),
            "ris": Pool("ris", D("900.00"), D("750.00")),
        },
        awards={
            "P1:ris": Award("A", D("750.00"), "ris", ref="P1"),
            "P1:pos": Award("A", D("5000.00"), "pos", ref="P1"),
        },
    )
    led = Ledger.of(rewards, positions)
    assert list(led.pools) == ["premi", "pos", "ris"]
    assert led.allocated == D("7000.00")  # 100 + 6000 + 900
    assert led.distributed == D("5840.00")  # 90 + 5000 + 750
    assert led.residual == D("1160.00")  # 10 + 1000 + 150
    assert list(led.performance_pools) == ["premi", "ris"] and list(led.position_pools) == ["pos"]
    # A: performance = 60 (premi) + 750 (result pay); the 5000 of position pay is apart
    assert led.per_person() == {"A": D("810.00"), "B": D("30.00")}
    assert led.per_person(POSITION) == {"A": D("5000.00")}
    assert [a.pool for a in led.awards_of("A")] == ["premi", "ris", "pos"]
    assert led.band_of("A") == "alta" and led.band_of("B") is None


def test_a_pool_returned_by_both_hooks_is_refused():
    pool = Pool("x", D("1.00"))
    with pytest.raises(ValueError, match="pool x"):
        Ledger.of(Rewards(pools={"x": pool}), Positions(pools={"x": pool}))


def test_pool_kind_is_checked():
    with pytest.raises(ValueError):
        Pool("x", D("1.00"), kind="bonus")


def test_position_pay_instalments_come_from_the_plugin():
    # 16,000 in 13 mensilità: 16000 / 13 = 1230.769… → 1230.76 (down); last = 16000 − 12 × 1230.76 =
    # 16000 − 14769.12 = 1230.88; 12 × 1230.76 + 1230.88 = 16000.00 exactly (never 13 × 1230.77 = 16000.01)
    p = PositionPay("P", D("88"), D("16000.00"), instalments=13)
    assert (p.monthly, p.monthly_last) == (D("1230.76"), D("1230.88"))
    assert 12 * p.monthly + p.monthly_last == D("16000.00")
    # a regulation paying in 12: 9000 / 12 = 750.00, no rest
    assert (PositionPay("Q", D("1"), D("9000.00"), instalments=12).monthly_last) == D("750.00")
    # one payment a year (the default): the whole amount
    assert PositionPay("R", D("1"), D("5142.86")).monthly == D("5142.86")


def run_folder(folder: Path) -> Path:
    out = folder / "out"
    assert main(["run", str(folder / "cycle.toml"), "--out", str(out)]) in (0, 1)
    return out


def folders():
    demos = [("demo", p.parent.parent.name) for p in sorted((ROOT / "plugins").glob("*/demo/cycle.toml"))]
    return demos + [("example", n) for n in ("bergamo", "brescia", "comunita_montane")]


@pytest.mark.parametrize("kind,name", folders())
def test_summary_totals_equal_the_sums_of_each_entes_pools(kind, name, tmp_path, example):
    """rules/core.md §6 and issue 12: summary.json says what the enti's pools say (the Brescia demo's
    summary once said 50,633.87 distributed while its results.json pools held 112,656.64)."""
    if kind == "demo":
        folder = tmp_path / name
        shutil.copytree(ROOT / "plugins" / name / "demo", folder, ignore=shutil.ignore_patterns("risultati", "out"))
    else:
        folder = example(name)
    out = run_folder(folder)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["enti"]
    for ente in summary["enti"]:
        doc = json.loads((out / ente["id"] / "results.json").read_text(encoding="utf-8"))
        pools = doc["rewards"]["pools"]
        assert pools, ente["id"]
        allocated = sum((D(p["amount"]) for p in pools.values()), D(0))
        distributed = sum((D(p["distributed"]) for p in pools.values()), D(0))
        assert D(ente["allocated"]) == allocated, ente["id"]
        assert D(ente["distributed"]) == distributed, ente["id"]
        assert D(ente["residual"]) == allocated - distributed, ente["id"]
        position = set(doc["rewards"].get("position_pools", []))
        assert D(ente["performance_distributed"]) == sum(
            (D(p["distributed"]) for k, p in pools.items() if k not in position), D(0)
        ), ente["id"]
        # every pool's awards in rewards.people (first entries and "also") sum to what it distributed
        for name_, pool in pools.items():
            paid = [
                D(a["amount"])
                for person in doc["rewards"]["people"].values()
                for a in [person, *person.get("also", [])]
                if a["pool"] == name_
            ]
            if paid:
                assert sum(paid, D(0)) == D(pool["distributed"]), (ente["id"], name_)


def test_brescia_example_po_money_in_every_output(example):
    """The public Brescia example by hand (rules/brescia.md §1, 001… art. 3–6): po_total 40,000 with
    result_share 15% → position pool 40000 × 0.85 = 34,000.00, result pool 40000 × 0.15 = 6,000.00 (OIV
    attested 1.0: no reduction). PA (holder HA) 16,000.00 at the cap, PB (HB) 12,857.14, PC vacant
    (5,142.86 valued, not paid). Result pay HA 2,541.18, HB 1,758.41 (expected.json)."""
    out = run_folder(example("brescia"))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))["enti"][0]
    # allocated 34000 + 6000 = 40000.00; distributed 16000 + 12857.14 + 2541.18 + 1758.41 = 33156.73;
    # of which performance (result pay) 2541.18 + 1758.41 = 4299.59
    assert (summary["allocated"], summary["distributed"], summary["residual"], summary["performance_distributed"]) == (
        "40000.00",
        "33156.73",
        "6843.27",
        "4299.59",
    )
    doc = json.loads((out / "bs-esempio" / "results.json").read_text(encoding="utf-8"))
    people = doc["rewards"]["people"]
    # SPEC §10: a PO's result pay is an award in rewards.people; the position pay follows under "also"
    assert people["HA"] == {
        "amount": "2541.18",
        "band": None,
        "pool": "po_risultato",
        "also": [{"amount": "16000.00", "band": None, "pool": "po_posizione"}],
    }
    assert people["HB"]["amount"] == "1758.41" and people["HB"]["also"][0]["amount"] == "12857.14"
    assert doc["rewards"]["position_pools"] == ["po_posizione"]
    assert doc["positions"]["PC"]["paid"] is False and doc["positions"]["PC"]["instalments"] == 13
    # trasparenza.csv: the result pay is performance money (fondi); position pay apart (posizione)
    rows = {(r["Sezione"], r["Voce"]): r for r in published_csv(out / "bs-esempio" / "trasparenza.csv")}
    assert rows[("Fondi per la performance", "totale: stanziato")]["Importo totale (€)"] == "6000,00"
    assert rows[("Retribuzione di posizione", "totale: stanziato")]["Importo totale (€)"] == "34000,00"
    # only HA and HB (2 PO) were paid: what 2 people received together is withheld, in both sections
    # (4299.59 = 2541.18 + 1758.41 and 28857.14 = 16000 + 12857.14 would be their pay, rules/core.md §6): the
    # ente's art. 20 total is always published only when it is over 3 or more people. A withheld amount reads
    # «riservato», in words: «<3» where euros go reads «less than € 3», and saying which group is the small one says
    # its size; so is the count of the 2 people beside it, which would say whose the amount is
    for section in ("Fondi per la performance", "Retribuzione di posizione"):
        paid = rows[(section, "totale: distribuito")]
        assert (paid["Importo totale (€)"], paid["Numero di persone"]) == ("riservato", "riservato")
    assert "4299" not in str(rows) and "28857" not in str(rows) and "<3" not in str(rows)
    # HA and HB (2 PO, evaluated 90 and 77.5) are counted and their result pay is in the amounts; two
    # people paid are fewer than 3, so the amounts read «riservato» (never an amount of one or two people); head
    # counts are published
    po_rows = [
        r for (sec, _), r in rows.items() if sec.startswith(("Livello", "Fascia")) and r["Gruppo"] == "dirigenti e PO"
    ]
    assert po_rows and all(r["Importo totale (€)"] == "riservato" for r in po_rows)
    assert all(r["Numero di persone"].isdigit() for r in po_rows)
    # schede.xlsx and the Relazione: the same totals as summary.json
    import openpyxl

    wb = openpyxl.load_workbook(out / "bs-esempio" / "schede.xlsx")
    sintesi = {r[0]: r[1] for r in wb["Sintesi"].iter_rows(values_only=True)}
    # with position pay among them, the funds' totals say they hold it (the premiums alone are the Relazione's)
    both = " (premi e retribuzione di posizione)"
    assert (D(str(sintesi[f"Fondi stanziati{both}"])), D(str(sintesi[f"Fondi distribuiti{both}"]))) == (
        D("40000"),
        D("33156.73"),
    )
    head = next(wb["Premi"].iter_rows(max_row=1, values_only=True))
    premi = [dict(zip(head, r)) for r in wb["Premi"].iter_rows(min_row=2, values_only=True) if r[0] == "HA"]
    assert [(r["Fondo"], D(str(r["Importo"]))) for r in premi] == [
        ("Retribuzione di risultato PO", D("2541.18")),
        ("Retribuzione di posizione PO", D("16000")),
    ]
    html = (out / "bs-esempio" / "relazione.html").read_text(encoding="utf-8")
    total = html[html.index(">Totale (tutti i fondi)<") - 40 :][:400]
    assert "€ 40.000,00" in total and "€ 33.156,73" in total and "€ 6.843,27" in total


def test_transparency_levels_count_the_po_result_pay(tmp_path):
    """rules/core.md §6: the head counts count the same people as the amounts, and the amounts are every
    performance payment — a PO's result pay included, their position pay not. On the Brescia demo every
    shown 'dirigenti e PO' level row equals the sum, over the people of that group and level in
    results.json, of their awards from pools outside ``position_pools``."""
    folder = tmp_path / "brescia"
    shutil.copytree(ROOT / "plugins" / "brescia" / "demo", folder, ignore=shutil.ignore_patterns("risultati", "out"))
    out = run_folder(folder)
    ente = next(p for p in (out).iterdir() if p.is_dir())
    doc = json.loads((ente / "results.json").read_text(encoding="utf-8"))
    position = set(doc["rewards"]["position_pools"])
    people_csv = data_rows(next(folder.glob("*/persone.csv")))
    lead = {r["id"] for r in people_csv if r["role"] in ("dirigente", "segretario", "po")}  # transparency.group_of
    holders = {p["holder"] for p in doc["positions"].values() if p["paid"]}
    assert holders and holders <= lead

    def performance(pid: str) -> D:
        award = doc["rewards"]["people"].get(pid)
        if award is None:
            return D(0)
        return sum((D(a["amount"]) for a in [award, *award.get("also", [])] if a["pool"] not in position), D(0))

    # on the demo the PO levels are small (Ottimo and Buono, merged with Eccellente): every shown level row, of
    # either group, is checked against results.json
    rows = [
        r
        for r in published_csv(ente / "trasparenza.csv")
        if r["Sezione"] == "Livello di valutazione" and r["Importo totale (€)"] not in ("", "<3", "riservato")
    ]
    assert rows
    for r in rows:
        group = lead if r["Gruppo"] == "dirigenti e PO" else {row["id"] for row in people_csv} - lead
        levels = set(r["Voce"].replace(", ", " e ").split(" e "))  # a merged row names the levels it merges
        members = [pid for pid in group if doc["individual"].get(pid, {}).get("level") in levels]
        assert int(r["Numero di persone"]) == len(members), r["Voce"]
        assert it_decimal(r["Importo totale (€)"]) == sum((performance(pid) for pid in members), D(0)), r["Voce"]
    assert any(performance(h) > 0 for h in holders)  # result pay reached the PO and was counted


def test_explain_lists_every_award_of_a_po(example, capsys):
    folder = example("brescia")
    assert main(["explain", str(folder / "cycle.toml"), "--ente", "bs-esempio", "--person", "HA"]) == 0
    text = capsys.readouterr().out
    assert "nessun importo" not in text
    assert (
        "Importo: € 2.541,18 — retribuzione di risultato (PA) (Fondo per la retribuzione di risultato delle PO)" in text
    )
    assert (
        "Importo: € 16.000,00 — retribuzione di posizione dell'anno (PA) (Fondo per la retribuzione di posizione delle PO)"
        in text
    )
