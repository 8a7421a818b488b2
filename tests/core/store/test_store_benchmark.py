"""Benchmarking among enti (issue 15): quartiles and positions worked out by hand, invariants with
hypothesis, and `ciclope benchmark` on `ciclope synth --enti 20` checked against each ente's results.json."""

from __future__ import annotations

import json
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ciclope.core.commands.cli import main
from ciclope.core.store.benchmark import Benchmark, Distribution, differentiation, shared_indicators
from ciclope.core.store.commands import _bench_performance
from ciclope.core.store.sections import position_html


def test_quartiles_and_positions_by_hand():
    d = Distribution.of({"a": 0.9, "b": 0.8, "c": 0.7, "d": 0.6})
    # inclusive quartiles (Excel QUARTILE.INC) of 0.6, 0.7, 0.8, 0.9: positions (n−1)·p = 0.75, 1.5, 2.25
    # → q1 = 0.6 + 0.75 × 0.1 = 0.675, median = 0.75, q3 = 0.8 + 0.25 × 0.1 = 0.825
    assert (round(d.q1, 6), round(d.median, 6), round(d.q3, 6)) == (0.675, 0.75, 0.825)
    assert [e for e, _ in d.values] == ["a", "b", "c", "d"]  # best first
    pa, pd = d.position("a"), d.position("d")
    assert pa is not None and pd is not None
    assert (pa.rank, pa.of, pa.quartile) == (1, 4, 1) and (pd.rank, pd.quartile) == (4, 4)
    assert d.position("z") is None


def test_lower_is_better_and_ties():
    d = Distribution.of({"a": 3.0, "b": 5.0, "c": 3.0}, lower_is_better=True)
    # 3, 3, 5 days: both 3s share rank 1, the 5 is third
    assert [d.position(e).rank for e in ("a", "b", "c")] == [1, 3, 1]  # type: ignore[union-attr]


@given(
    st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3), st.floats(0, 1), min_size=3, max_size=40),
    st.booleans(),
)
def test_distribution_invariants(values, lower):
    d = Distribution.of(values, lower_is_better=lower)
    assert d.q1 <= d.median <= d.q3
    assert min(values.values()) <= d.q1 and d.q3 <= max(values.values())
    positions = {e: d.position(e) for e in values}
    best = min(values.values()) if lower else max(values.values())
    for e, p in positions.items():
        assert p is not None and 1 <= p.rank <= len(values)
        assert (1 <= p.quartile <= 4) if len(values) >= 4 else (p.quartile == 0 and p.quarter() == "—")
        assert (p.rank == 1) == (values[e] == best)
    # a better value never has a worse rank
    for e1, p1 in positions.items():
        for e2, p2 in positions.items():
            if (values[e1] < values[e2]) if lower else (values[e1] > values[e2]):
                assert p1.rank < p2.rank  # type: ignore[union-attr]


def test_indicators_compared_only_when_declared_comparable():
    rows = [
        # (ente, id, name, type, value, achievement, benchmark code)
        ("e1", "K1", "Pratiche evase", "higher", 10.0, 1.0, None),
        ("e2", "K1", "Pratiche evase", "higher", 8.0, 0.8, None),
        ("e3", "K1", "pratiche  EVASE", "higher", 6.0, 0.6, None),  # the same name, case and spaces aside
        # every ente has an I3, but a time in days and a collection rate are not the same measure
        ("e1", "I3", "Tempo medio (giorni)", "lower", 285.0, 0.5, None),
        ("e2", "I3", "Tasso di riscossione", "higher", 96.0, 1.0, None),
        ("e3", "I3", "Tempo medio (giorni)", "lower", 30.0, 1.0, None),
        ("e4", "I3", "Numero pratiche", "higher", 19.0, 1.0, None),
        # the same id and name under another type is another measure
        ("e4", "K1", "Pratiche evase", "project", 0.9, 0.9, None),
        # a catalogued code ranks indicators of different ids and names together
        ("e1", "T1", "Tempi di pagamento", "lower", 30.0, 1.0, "CAT-TP"),
        ("e2", "X9", "Giorni per pagare le fatture", "lower", 20.0, 1.0, "CAT-TP"),
        ("e3", "Z7", "Tempestività pagamenti", "lower", 25.0, 1.0, "CAT-TP"),
    ]
    found = {i.key: i for i in shared_indicators(rows)}
    assert set(found) == {"K1", "codice CAT-TP"}  # the I3s share no measure among 3 enti
    assert found["K1"].distribution.median == 8.0  # 10, 8, 6 (the project K1 of e4 left out)
    tempi = found["codice CAT-TP"].distribution
    assert tempi.lower_is_better
    assert [e for e, _ in tempi.values] == ["e2", "e3", "e1"]  # 20 < 25 < 30 days: lower is better


def test_an_indicator_written_as_percentages_is_ranked_and_said_as_such():
    from ciclope.core.store.commands import _bench_indicators

    rows = [
        # (ente, id, name, type, value, achievement, benchmark code, written as percentages)
        ("e1", "Q1", "Soddisfazione", "higher", 0.9, 1.0, None, True),
        ("e2", "Q1", "Soddisfazione", "higher", 0.72, 0.8, None, True),
        ("e3", "Q1", "Soddisfazione", "higher", 0.6, 0.75, None, True),
        ("e1", "N1", "Pratiche", "higher", 12.0, 1.0, None, False),
        ("e2", "N1", "Pratiche", "higher", 10.0, 1.0, None, False),
        ("e3", "N1", "Pratiche", "higher", 8.5, 1.0, None, True),  # one ente wrote 850%: not all as percentages
    ]
    found = {i.key: i for i in shared_indicators(rows)}
    assert (found["Q1"].percent, found["N1"].percent) == (True, False)
    bench = Benchmark(year=2024, enti=3, performance=None, indicators=(found["Q1"],), differentiation=())
    text = "\n".join(_bench_indicators(bench, every=True))
    # the median of 0.9, 0.72, 0.6 is 0.72: 72,00%; the quartiles as the distribution computes them, as percentages
    assert "Q1 — Soddisfazione (più alto è meglio): mediana 72,00%, quartili " in text
    assert "0,72" not in text and "0,9" not in text
    assert [line.split()[-1] for line in text.splitlines() if line.lstrip().startswith(("1°", "2°", "3°"))] == [
        "90%",
        "72%",
        "60%",
    ]


def test_the_quartile_label_agrees_with_the_printed_quartiles():
    # 0.60, 0.70, 0.80, 0.90, 1.00: QUARTILE.INC at (n−1)·p = 1, 2, 3 → Q1 0.70, median 0.80, Q3 0.90;
    # 1.00 and 0.90 are at or above Q3 (1st), 0.80 at the median (2nd), 0.70 at Q1 (3rd), 0.60 below (4th)
    d = Distribution.of({"a": 1.0, "b": 0.9, "c": 0.8, "d": 0.7, "e": 0.6})
    assert (round(d.q1, 6), round(d.median, 6), round(d.q3, 6)) == (0.7, 0.8, 0.9)
    assert [d.position(x).quartile for x in "abcde"] == [1, 1, 2, 3, 4]  # type: ignore[union-attr]
    # 8 enti: a label from the rank alone put rank 6 of 8 (0.62) in the 3rd quartile; 0.62 is above
    # Q1 = 0.615 so it is 3rd by the figures too, while 0.60 (rank 7) is below Q1: 4th
    values = {"a": 1.0, "b": 0.95, "c": 0.9, "d": 0.85, "e": 0.8, "f": 0.62, "g": 0.6, "h": 0.5}
    d = Distribution.of(values)
    # sorted 0.5 0.6 0.62 0.8 0.85 0.9 0.95 1.0: Q1 at 1.75 → 0.6 + 0.75 × 0.02 = 0.615
    assert round(d.q1, 6) == 0.615
    assert d.position("f").quartile == 3 and d.position("g").quartile == 4  # type: ignore[union-attr]
    lower = Distribution.of({"a": 10.0, "b": 20.0, "c": 30.0, "d": 40.0, "e": 50.0}, lower_is_better=True)
    # Q1 20, median 30, Q3 40: 10 and 20 are the best quarter of a lower-is-better measure
    assert [lower.position(x).quartile for x in "abcde"] == [1, 1, 2, 3, 4]  # type: ignore[union-attr]


def test_differentiation_by_hand():
    plugins = {"e1": "p", "e2": "p"}
    # e1: one Eccellente (95), two Buono (best 80); e2: one Buono (60)
    levels = [("e1", "Eccellente", 1, 95.0), ("e1", "Buono", 2, 80.0), ("e2", "Buono", 1, 60.0)]
    # e1: band alta 1 person € 300, band bassa 2 people € 100 + € 200
    bands = [("e1", "alta", 1, 300.0), ("e1", "bassa", 2, 300.0)]
    d1, d2 = differentiation(plugins, levels, bands)
    # the plugin's top level is the level of its best score (95 → Eccellente): e1 1 of 3, e2 0 of 1;
    # per capita: alta 300, bassa 300 / 2 = 150 → ratio 2
    assert (d1.top_level, round(d1.top_share, 4), d1.band_ratio) == ("Eccellente", 0.3333, 2.0)  # type: ignore[arg-type]
    assert (d2.top_share, d2.band_ratio) == (0.0, None)


@pytest.mark.slow
def test_benchmark_on_twenty_synthetic_enti(tmp_path, capsys):
    assert main(["synth", str(tmp_path / "s"), "--enti", "20", "--people", "20"]) == 0
    cfg = tmp_path / "s" / "cycle.toml"
    assert main(["run", str(cfg), "--jobs", "2"]) in (0, 1)
    perf = {}
    for folder in sorted((tmp_path / "s" / "out").iterdir()):
        if (folder / "results.json").is_file():
            doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
            perf[doc["ente"]] = doc["organizational"]["ente"]
    assert len(perf) == 20
    capsys.readouterr()
    assert main(["benchmark", str(cfg), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["enti"] == 20
    ranked = doc["performance"]["enti"]
    assert [e["ente"] for e in ranked] == sorted(perf, key=lambda e: (-perf[e], e))
    assert doc["performance"]["median"] == pytest.approx(statistics.median(perf.values()))
    assert ranked[0]["rank"] == 1 and ranked[-1]["quartile"] == 4
    assert main(["benchmark", str(cfg)]) == 0
    text = capsys.readouterr().out
    assert "20 enti" in text and "Performance dell'ente: mediana" in text and " 1°  " in text
    # each ente's Relazione shows its position among the 20
    best = ranked[0]["ente"]
    html = (tmp_path / "s" / "out" / best / "relazione.html").read_text(encoding="utf-8")
    assert "Posizionamento comparativo" in html and "1° su 20" in html


def test_a_shared_rank_is_said_and_the_quarters_are_counted_from_the_best_in_words():
    from ciclope.core.reports.html import blocks
    from ciclope.core.store.sections import position_html

    same = Distribution.of({"a": 0.95, "b": 0.95, "c": 0.95, "d": 0.95})
    # four equal values: each is first, with the three others; Q1 = median = Q3 = 0.95, each at or above Q3
    p = same.position("c")
    assert p is not None and (p.rank, p.of, p.tied) == (1, 4, 3)
    assert p.placed() == "1° a pari merito con altri 3 su 4"
    assert p.quarter() == "1° quarto, il migliore"
    d = Distribution.of({"a": 0.9, "b": 0.8, "c": 0.8, "d": 0.6})
    # sorted 0.6 0.8 0.8 0.9: QUARTILE.INC at (n−1)·p = 0.75, 1.5, 2.25 → Q1 0.6 + 0.75 × 0.2 = 0.75, median 0.8,
    # Q3 0.8 + 0.25 × 0.1 = 0.825; b and c share the 2nd place (at the median: 2nd quarter), d (below Q1) is 4th
    b, last = d.position("b"), d.position("d")
    assert b is not None and last is not None
    assert (b.placed(), b.quarter()) == ("2° a pari merito con un altro su 4", "2° quarto")
    assert (last.placed(), last.quarter()) == ("4° su 4", "4° quarto, il peggiore")
    bench = Benchmark(year=2024, enti=4, performance=same, indicators=(), differentiation=())
    html = blocks(position_html(bench, "c", 2024))
    assert "<td>1° a pari merito con altri 3 su 4</td>" in html and "<td>1° quarto, il migliore</td>" in html
    # the note no longer calls the best values «1° quartile», which in Excel is the lowest
    assert "1° quartile" not in html and "quartile 1" not in html
    assert "Quarti contati dal migliore" in html and "QUARTILE.INC" in html


def test_the_benchmark_command_says_a_shared_place_and_the_quarter_in_words():
    from ciclope.core.store.commands import _bench_performance

    same = Distribution.of({"a": 0.95, "b": 0.95, "c": 0.95, "d": 0.95})
    text = "\n".join(_bench_performance(Benchmark(2024, 4, same, (), ()), every=True))
    # four equal values: each first with the others, in the best quarter (at Q3 = 0.95)
    rows = [line for line in text.splitlines() if line.lstrip().startswith("1°")]
    assert len(rows) == 4 and all("1° pari merito" in r and "1° quarto, il migliore" in r for r in rows)
    assert "Quarto degli enti" in text and "Quarti contati dal migliore" in text


def test_the_comparison_counts_the_enti_with_their_article():
    """«Confronto tra gli 8 enti» (otto begins with a vowel), never «tra i 8»; «tra i 20»."""
    from ciclope.core.store.benchmark import Benchmark, Distribution
    from ciclope.core.store.sections import position_html

    for n, said in ((8, "Confronto tra gli 8 enti"), (20, "Confronto tra i 20 enti")):
        values = {f"e{i:02d}": 0.5 + i / 100 for i in range(n)}
        bench = Benchmark(year=2024, enti=n, performance=Distribution.of(values), indicators=(), differentiation=())
        note = position_html(bench, "e00", 2024)[-1]
        assert note.text.startswith(said), note.text


def test_quarters_of_a_ranking_of_four_and_none_of_three():
    """Of four enti each is in a quarter of its own; of three, QUARTILE.INC would put the last in the 4th quarter and
    nobody in the 3rd, so no quarter is said («—») and the note says why."""
    four = Distribution.of({"a": 0.9, "b": 0.8, "c": 0.7, "d": 0.6})
    # Q1 0.675, median 0.75, Q3 0.825 (test_quartiles_and_positions_by_hand): 0.9 ≥ Q3 → 1st; 0.8 ≥ 0.75 → 2nd;
    # 0.7 ≥ 0.675 → 3rd; 0.6 < Q1 → 4th
    said = [(p.placed(), p.quarter()) for p in (four.position(x) for x in "abcd") if p is not None]
    assert said == [
        ("1° su 4", "1° quarto, il migliore"),
        ("2° su 4", "2° quarto"),
        ("3° su 4", "3° quarto"),
        ("4° su 4", "4° quarto, il peggiore"),
    ]
    three = Distribution.of({"a": 0.9, "b": 0.8, "c": 0.7})
    # Q1 0.75, median 0.8, Q3 0.85: the figures would say 1st, 2nd, 4th quarter; three values have no quarters
    assert (round(three.q1, 6), round(three.median, 6), round(three.q3, 6)) == (0.75, 0.8, 0.85)
    said = [(p.placed(), p.quartile, p.quarter()) for p in (three.position(x) for x in "abc") if p is not None]
    assert said == [("1° su 3", 0, "—"), ("2° su 3", 0, "—"), ("3° su 3", 0, "—")]
    text = "\n".join(_bench_performance(Benchmark(2025, 3, three, (), ()), every=True))
    assert "quarto" not in text.replace("Quarto degli enti", "").split("Quarti contati")[0]
    assert "Con meno di 4 enti i quarti non si calcolano («—»)" in text
    blocks = position_html(Benchmark(2025, 3, three, (), ()), "c", 2025)
    rows = blocks[0].rows  # type: ignore[attr-defined]
    assert [r[2:4] for r in rows] == [("3° su 3", "—")]
