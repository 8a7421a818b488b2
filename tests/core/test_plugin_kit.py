"""The helpers ciclope.core gives every plugin, written once for what the built-in ones did alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ciclope.core import Appeal, Ente, OrgPerformance, Person, Problem, Trace
from ciclope.core.conciliation import po_needs_contraddittorio
from ciclope.core.ranking import by_score, cut_without_ties, top_share
from ciclope.core.scoring import dirigente_score


def ente(**kw) -> Ente:
    return Ente(id="e", name="Ente", year=2021, **kw)


def test_cell_and_problem_name_the_sheet_as_given():
    csv, xlsx = ente(), ente(source_format="xlsx")
    assert csv.cell("people", 4, "fte") == "people.csv:4:fte"
    assert xlsx.cell("people", 4, "fte") == "ente.xlsx[people]:4:fte"
    p = Problem.at(xlsx, "prova.po.interim", "testo", "reg art. 5", "positions", 3, "holder", severity="warning")
    assert (p.rule, p.file, p.row, p.column, p.severity, p.source) == (
        "prova.po.interim",
        "ente.xlsx[posizioni]",  # a sheet this ente was not given: by its Italian name, never the program's code
        3,
        "holder",
        "warning",
        "reg art. 5",
    )
    assert Problem.at(csv, "prova.x", "m").file == ""  # no sheet named: no file
    assert Problem.at(csv, "prova.x", "m", sheet="people").file == "persone.csv"


def test_approved_is_a_date_or_true_only():
    e = ente(approvals={"a": dt.date(2022, 5, 30), "b": True, "c": "sì", "d": False})
    assert [e.approved(k) for k in ("a", "b", "c", "d", "missing")] == [True, True, False, False, False]


def test_po_contraddittorio_check():
    po, staff = (
        Person(id="P", name="P", role="po", category="D", unit="u"),
        Person(id="S", name="S", role="dipendente", category="C", unit="u"),
    )
    heard = ente(appeals=(Appeal("P", "contraddittorio", None, None, None, None),))
    assert po_needs_contraddittorio(ente(), po, D("59.99"), D(60))
    assert not po_needs_contraddittorio(ente(), po, D(60), D(60))  # 60 is positive
    assert not po_needs_contraddittorio(heard, po, D(10), D(60))  # heard in contraddittorio
    assert not po_needs_contraddittorio(ente(), staff, D(10), D(60))  # not a PO
    assert not po_needs_contraddittorio(ente(), po, None, D(60))  # not scored


def test_dirigente_score_is_100_times_the_cruscotto_recorded():
    d = Person(id="D1", name="Dora", role="dirigente", category="DIR", unit="a")
    trace = Trace()
    s = dirigente_score(
        d,
        OrgPerformance(ente=None, people={"D1": D("0.8765")}),
        trace,
        "reg art. 9",
        lambda v: "alta" if v >= 80 else "bassa",
    )
    assert (s.score, s.level) == (D("87.65"), "alta")  # 100 × 0.8765
    assert trace.get("score:D1").source == "reg art. 9"
    none = dirigente_score(d, OrgPerformance(ente=None), Trace(), "reg", missing="niente")
    assert (none.score, none.status, none.breakdown["motivo"]) == (None, "not_evaluated", "niente")


def test_top_share_never_splits_a_tie():
    pairs = [("a", D(90)), ("b", D(80)), ("c", D(70)), ("d", D(70)), ("e", D(60))]
    assert top_share(pairs, D("0.4")) == ["a", "b"]  # ⌊0.4 × 5⌋ = 2: a, b
    assert top_share(pairs, D("0.6")) == ["a", "b"]  # ⌊0.6 × 5⌋ = 3, but c and d tie at the cut
    assert top_share(pairs, D("0.19")) == []  # ⌊0.95⌋ = 0


@given(st.lists(st.integers(0, 5), max_size=30), st.integers(0, 35))
def test_cut_without_ties_never_exceeds_and_keeps_ties_together(values, limit):
    ordered = by_score([(f"p{i:02d}", D(v)) for i, v in enumerate(values)])
    chosen = cut_without_ties(ordered, limit)
    assert len(chosen) <= limit
    score = dict(ordered)
    taken = {score[p] for p in chosen}
    assert all(p in chosen for p, v in ordered if v in taken)  # a score group is all in or all out


def _scores(*pairs):
    from ciclope.core import Score

    return {pid: Score(pid, None if v is None else D(v)) for pid, v in pairs}


@pytest.mark.parametrize(
    "scores",
    [
        _scores(("A", 80), ("B", 80), ("C", 40), ("N", None)),
        # in another order than the people, with someone who is not among them: distribute reads the scores into the
        # people's order (in_order) whatever their own, and gives the same awards in the people's order
        _scores(("X", 99), ("C", 40), ("B", 80), ("A", 80)),
    ],
    ids=["people order", "other order"],
)
def test_distribute_excludes_splits_and_records(scores):
    from ciclope.core import Input, Pool, distribute

    people = [
        Person(id=i, name=i, role="dipendente", category="C", unit="u", fte=D(f))
        for i, f in (("A", 1), ("B", "0.5"), ("C", 1), ("N", 1))
    ]
    trace = Trace()
    pool, awards = distribute(
        Pool("premi", D("100.00")),
        people,
        scores,
        lambda p, s: s * p.fte,
        lambda p, s: "sotto 50" if s.score < 50 else None,
        trace,
        formula="f",
        source="reg art. 1",
        label=lambda p: f"Premio di {p.name}",
        inputs=lambda p, s: [Input("punteggio", s.score)],
        total_label="somma",
        band=lambda p, s: "alta" if s.score >= 80 else None,
    )
    # weights A 80 × 1 = 80, B 80 × 0.5 = 40 (C excluded, N not scored, X not among the people): A = 100 × 80/120 =
    # 66.666… → 66.67, B = 33.333… → 33.33 (largest remainder: 0.666 > 0.333, A gets the cent), sum 100.00
    assert [(k, a.amount, a.band) for k, a in awards.items()] == [
        ("A", D("66.67"), "alta"),
        ("B", D("33.33"), "alta"),
        ("C", D("0.00"), None),
    ]
    assert list(trace.figures) == ["award:A", "award:B", "award:C"]
    assert pool.distributed == D("100.00") and pool.residual == 0
    assert trace.get("award:C").note == "escluso: sotto 50"
    # how each share came to the cent, so that 100 × 80 / 120 is redone by hand: A had the cent left over, B none
    assert trace.get("award:A").note == (
        "importo esatto € 66,6666…: € 66,66 al centesimo per difetto, più un centesimo: i centesimi che l'arrotondamento "
        "lascia vanno ai resti più alti"
    )
    assert trace.get("award:B").note == "importo esatto € 33,3333…: € 33,33 al centesimo per difetto"
    assert [i.name for i in trace.get("award:A").inputs] == ["punteggio", "somma"]
    assert trace.get("award:A").inputs[1].value == D(120)
    assert trace.get("award:N") is None  # not scored: no award, no record


def test_distribute_asks_each_callback_once_per_scored_person_in_people_order_before_the_split(monkeypatch):
    """The contract in distribute's docstring: why_excluded, then the weight (for who shares), inputs, label, note
    and band, once per scored person, in the order of ``people``, all before the split; nothing is asked after it."""
    from ciclope.core import Input, Pool, Score, sharing

    people = [Person(id=i, name=i, role="dipendente", category="C", unit="u", fte=D(1)) for i in ("Z", "A", "N", "M")]
    scores = {"Z": Score("Z", D(90)), "A": Score("A", D(40)), "N": Score("N", None), "M": Score("M", D(70))}
    asked: list[tuple[str, str]] = []

    def ask(what, value):
        def callback(p, *_):
            asked.append((what, p.id))
            return value

        return callback

    real_split = sharing.split

    def split(*args, **kwargs):
        asked.append(("split", ""))
        return real_split(*args, **kwargs)

    monkeypatch.setattr(sharing, "split", split)
    sharing.distribute(
        Pool("premi", D("10.00")),
        people,
        scores,
        lambda p, s: (asked.append(("weight", p.id)), s)[1],
        lambda p, s: (asked.append(("why_excluded", p.id)), "basso" if s.score < 50 else None)[1],
        Trace(),
        formula="f",
        source="reg art. 1",
        label=ask("label", "L"),
        inputs=lambda p, s: (asked.append(("inputs", p.id)), [Input("punteggio", s.score)])[1],
        total_label="somma",
        band=ask("band", None),
        note=ask("note", ""),
    )
    # Z shares; A is excluded (no weight, no note: its note is the reason); N has no score; M shares
    assert asked == [
        ("why_excluded", "Z"), ("weight", "Z"), ("inputs", "Z"), ("label", "Z"), ("note", "Z"), ("band", "Z"),
        ("why_excluded", "A"), ("inputs", "A"), ("label", "A"), ("band", "A"),
        ("why_excluded", "M"), ("weight", "M"), ("inputs", "M"), ("label", "M"), ("note", "M"), ("band", "M"),
        ("split", ""),
    ]  # fmt: skip


def test_a_table_parameter_is_parsed_once_per_params():
    from ciclope.core import Params

    calls = []

    def parse(rows):
        calls.append(1)
        return tuple((r["name"], D(str(r["max"]))) for r in rows)

    params = Params(values={"levels": ({"name": "bassa", "max": 59.99}, {"name": "alta", "max": 100})})
    first = params.parsed("levels", parse)
    assert params.parsed("levels", parse) is first and len(calls) == 1
    assert first == (("bassa", D("59.99")), ("alta", D(100)))
    assert Params(values=params.values).parsed("levels", parse) == first and len(calls) == 2  # another ente


def test_the_case_files_compare_numbers_exactly():
    from ciclope.core.testing import same

    assert same(6000, "6000.00") and same(96.0, 96) and same(0.9558, "0.9558")
    # one cent or one ten-thousandth off is a different figure, however near
    assert not same(6000, "6000.01") and not same(0.9558, 0.95583) and not same(79.17, 79.1667)
    assert not same(1, "uno") and not same(1, None)


CRASHING_CHECK = (
    "from ciclope.core import hookimpl\n\n\n"
    "@hookimpl\n"
    "def ciclope_check_params(params, year):\n"
    "    return [{}['da']]  # the plugin's own bug: KeyError 'da'\n"
)


@pytest.fixture
def crashing_check_installed(tmp_path_factory, monkeypatch):
    """An installed plugin (``crashcheck``) whose ``ciclope_check_params`` raises KeyError: 'da'."""
    from importlib.metadata import EntryPoint

    from ciclope.core.engine import registry

    root = tmp_path_factory.mktemp("crashcheck")
    (root / "crashcheck_plugin").mkdir()
    (root / "crashcheck_plugin" / "rules.py").write_text(CRASHING_CHECK)
    (root / "crashcheck_plugin" / "__init__.py").write_text("from . import rules  # noqa: F401\nNAME = 'crashcheck'\n")
    monkeypatch.syspath_prepend(str(root))
    installed = dict(registry._scan())
    installed["crashcheck"] = EntryPoint(name="crashcheck", value="crashcheck_plugin", group=registry.GROUP)
    monkeypatch.setattr(registry, "_scan", lambda: tuple(installed.items()))


def _crashing_cycle(tmp_path):
    from ciclope.core.testing import write_ente

    from helpers import ENTE, files

    write_ente(tmp_path / "e", files(**{"ente.toml": ENTE}))
    cfg = tmp_path / "cycle.toml"
    cfg.write_text('[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "e"\nplugin = "crashcheck"\ndata = "e"\n')
    return cfg


PLUGIN_SAID = (
    "errore interno del plugin crashcheck nel controllo dei parametri: KeyError: 'da' "
    "[segnalare a chi mantiene il plugin]"
)


def test_validate_says_a_crash_of_check_params_as_run_does(tmp_path, capsys, crashing_check_installed):
    from ciclope.core.commands.cli import main

    cfg = _crashing_cycle(tmp_path)
    assert main(["validate", str(cfg)]) == 1
    said = capsys.readouterr().out
    # the plugin's error, as run says it; never an assertion of ciclope's own
    assert PLUGIN_SAID in said and "AssertionError" not in said and "load_config" not in said, said


def test_run_keeps_the_traceback_of_a_crash_of_check_params_for_the_maintainer(
    tmp_path, capsys, crashing_check_installed
):
    from ciclope.core.commands.cli import main

    cfg = _crashing_cycle(tmp_path)
    assert main(["run", str(cfg), "--no-store"]) == 1
    err = capsys.readouterr().err
    saved = tmp_path / "out" / "e.errore.txt"
    line = next(ln for ln in err.splitlines() if "nel controllo dei parametri" in ln)
    assert "KeyError: 'da'" in line and str(saved) in line and "Traceback" not in err, err
    detail = saved.read_text(encoding="utf-8")  # as a crash in ciclope_rewards: the stack, for the maintainer
    assert "Traceback" in detail and "crashcheck_plugin/rules.py" in detail and "KeyError: 'da'" in detail


@pytest.mark.parametrize("command", [["calendar"], ["explain", "--person", "E1"]])
def test_calendar_and_explain_say_a_crash_of_check_params_as_run_does(
    tmp_path, capsys, crashing_check_installed, command
):
    from ciclope.core.commands.cli import main

    cfg = _crashing_cycle(tmp_path)
    assert main([command[0], str(cfg), *command[1:]]) == 1
    said = capsys.readouterr().err
    assert PLUGIN_SAID in said and "AssertionError" not in said and "PluginCrash" not in said, said
