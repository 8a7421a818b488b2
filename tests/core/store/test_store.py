"""The results store (issue 15): written by `ciclope run`, on SQLite and on PostgreSQL, migrated by
Alembic, read by history / diff / benchmark / explain and by the Relazione's trend section.

The store's job is to keep what each run computed: the expected figures here come from the
results.json each run wrote (the contract, checked elsewhere against hand-worked values) or are worked
out by hand in the comments; never from the store itself."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from ciclope.core.commands.cli import main
from ciclope.core.reports import fmt
from ciclope.core.store import open_store, schema
from ciclope.core.store.engine import HEAD, alembic_config, engine_for, migrate
from ciclope.core.testing import write_ente

from helpers import ENTE, INDICATORS, files, measured

CYCLE = """
[cycle]
year = {year}
output = "out{year}"

[[ente]]
id = "cm-prova"
plugin = "comunita_montane"
data = "cm-prova"
"""


def two_years(tmp_path: Path) -> tuple[Path, Path]:
    """One ente, two cycle files (2021 and 2022) over the same data folder: indicators.csv has
    target_2021 and target_2022 and ente.toml declares the 2021–2022 plan."""
    write_ente(tmp_path / "cm-prova", files(**{"ente.toml": ENTE + '[piano]\nanni = "2021-2022"\n'}))
    paths = []
    for year in (2021, 2022):
        path = tmp_path / f"cycle-{year}.toml"
        path.write_text(CYCLE.format(year=year), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def store_args(url: str, tmp_path: Path) -> list[str]:
    """No store option for the default SQLite file (beside cycle.toml); --store for PostgreSQL."""
    return [] if url.startswith("sqlite") else ["--store", url]


def results(tmp_path: Path, year: int) -> dict:
    return json.loads((tmp_path / f"out{year}" / "cm-prova" / "results.json").read_text(encoding="utf-8"))


def section(html: str, ident: str) -> str:
    return re.search(rf'<section class="scheda[^"]*" id="{ident}">(.*?)</section>', html, re.S).group(1)


def count(url: str, table: sa.Table) -> int:
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def default_or(backend, tmp_path):
    """The store URL the tests read: the default ciclope.db beside cycle.toml for SQLite."""
    return f"sqlite:///{tmp_path / 'ciclope.db'}" if backend.startswith("sqlite") else backend


def test_two_cycles_leave_one_store_with_both_years(tmp_path, default_or, capsys):
    c21, c22 = two_years(tmp_path)
    extra = store_args(default_or, tmp_path)
    main(["run", str(c21), *extra])
    measured(tmp_path / "cm-prova")  # 2022 without an error: its documents for publication are written
    main(["run", str(c22), *extra])
    if default_or.startswith("sqlite"):
        assert sorted(p.name for p in tmp_path.glob("*.db")) == ["ciclope.db"]  # one file, beside cycle.toml
    store = open_store(default_or)
    assert store.years() == [2021, 2022]
    r21, r22 = results(tmp_path, 2021), results(tmp_path, 2022)
    perf = {c.year: c.performance for c in store.current(ente="cm-prova")}
    assert perf == {2021: r21["organizational"]["ente"], 2022: r22["organizational"]["ente"]}
    store.close()

    capsys.readouterr()
    assert main(["history", str(c22), "--ente", "cm-prova", *extra]) == 0
    out = capsys.readouterr().out
    row21 = next(line for line in out.splitlines() if line.startswith("2021"))
    row22 = next(line for line in out.splitlines() if line.startswith("2022"))
    assert fmt.pct(r21["organizational"]["ente"]) in row21 and fmt.pct(r22["organizational"]["ente"]) in row22
    # the regulation by the title of its act (whole), never the plugin's name
    assert (
        "Regolamento della performance e del sistema premiale delle Comunità Montane bellunesi" in row21
        and "comunita_montane" not in out
    )

    # the 2022 Relazione shows 2021's ente performance as a trend: a table and an inline SVG chart
    html = (tmp_path / "out2022" / "cm-prova" / "relazione.html").read_text(encoding="utf-8")
    trend = section(html, "andamento")
    head = re.search(r"<thead>(.*?)</thead>", trend, re.S).group(1)
    assert "2021" in head and "2022" in head
    ente_row = re.search(r"<tr><td>Ente</td>(.*?)</tr>", trend).group(1)
    assert fmt.pct(r21["organizational"]["ente"]) in ente_row and fmt.pct(r22["organizational"]["ente"]) in ente_row
    assert '<svg class="chart trend"' in trend and "<script" not in html
    # ... and the public one too (aggregates only)
    public = (tmp_path / "out2022" / "cm-prova" / "relazione-pubblica.html").read_text(encoding="utf-8")
    assert fmt.pct(r21["organizational"]["ente"]) in section(public, "andamento")
    # the 2021 Relazione had no earlier year: one line, never an empty chart
    first = section((tmp_path / "out2021" / "cm-prova" / "relazione.html").read_text(encoding="utf-8"), "andamento")
    assert "Nessun anno precedente" in first and "<svg" not in first
    # the outputs' checksums cover the section added after the run
    assert main(["verify", str(tmp_path / "out2022" / "cm-prova")]) == 0


def test_rerun_adds_a_run_without_duplicating_figures(tmp_path, default_or):
    c21, _ = two_years(tmp_path)
    extra = store_args(default_or, tmp_path)
    main(["run", str(c21), *extra])
    before = {t.name: count(default_or, t) for t in (schema.results, schema.people, schema.indicators, schema.runs)}
    main(["run", str(c21), *extra])
    after = {t.name: count(default_or, t) for t in (schema.results, schema.people, schema.indicators, schema.runs)}
    # one more run; the same results.json (same sha256): no second copy of its figures
    assert after == {**before, "runs": before["runs"] + 1}
    assert before["people"] == 5  # people.csv of the fixture: SG, D1, E1, E2, E3
    engine = engine_for(default_or)
    with engine.connect() as conn:
        links = conn.execute(sa.select(schema.run_enti.c.run, schema.run_enti.c.result)).all()
    engine.dispose()
    assert len(links) == 2 and links[0][1] == links[1][1]


def test_changed_inputs_make_a_new_current_result_and_diff_names_who_changed(tmp_path, default_or, capsys):
    c21, _ = two_years(tmp_path)
    extra = store_args(default_or, tmp_path)
    main(["run", str(c21), *extra])
    old = results(tmp_path, 2021)
    evals = tmp_path / "cm-prova" / "evaluations.csv"
    evals.write_text(
        evals.read_text(encoding="utf-8").replace(
            "E1,D1,risultati,Obiettivi,60,54,", "E1,D1,risultati,Obiettivi,60,30,"
        )
    )
    main(["run", str(c21), *extra])
    new = results(tmp_path, 2021)
    store = open_store(default_or)
    (cur,) = store.current(year=2021)
    assert cur.run_id == 2  # the latest complete run is the current result; run 1 stays as history
    assert count(default_or, schema.results) == 2
    store.close()
    capsys.readouterr()
    assert main(["diff", str(c21), "--ente", "cm-prova", "--run", "1", "--run", "2", "--json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    changed = {p["person"]: p for p in doc["people"]}
    # E1's results section went from 54/60 to 30/60: the score is the one each results.json holds
    assert changed["E1"]["from"]["score"] == old["individual"]["E1"]["score"]
    assert changed["E1"]["to"]["score"] == new["individual"]["E1"]["score"]
    assert old["individual"]["E1"]["score"] != new["individual"]["E1"]["score"]
    assert "SG" not in changed  # the segretario's card did not change
    assert main(["diff", str(c21), "--ente", "cm-prova", "--run", "1", "--run", "2", *extra]) == 0
    text = capsys.readouterr().out
    assert "Persone con punteggio" in text and "E1" in text


def test_diff_between_two_years_lists_figures_and_violations(tmp_path, default_or, capsys):
    c21, c22 = two_years(tmp_path)
    extra = store_args(default_or, tmp_path)
    main(["run", str(c21), *extra])
    main(["run", str(c22), *extra])
    r21, r22 = results(tmp_path, 2021), results(tmp_path, 2022)
    capsys.readouterr()
    assert main(["diff", str(c22), "--ente", "cm-prova", "--year", "2021", "--year", "2022", "--json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    # I1 is higher-is-better with actual 8: 8/10 = 0.8 in 2021, 8/12 = 0.6667 in 2022 (target_2022 = 12)
    i1 = next(f for f in doc["figures"] if f["kind"] == "indicator" and f["id"] == "I1")
    assert (i1["from"], i1["to"]) == (0.8, 0.6667)
    # I9 "Solo dal 2022" has target '-' in 2021 (inactive) and 5 in 2022 with no actual
    new_rules = {(v["rule"], v["where"]) for v in r22["violations"]} - {
        (v["rule"], v["where"]) for v in r21["violations"]
    }
    assert {(v["rule"], v["where"]) for v in doc["violations"]["new"]} == new_rules
    # the text says each new problem where every message says it and its sentence, never the rule's code
    assert main(["diff", str(c22), "--ente", "cm-prova", "--year", "2021", "--year", "2022", *extra]) == 0
    text = capsys.readouterr().out
    listed = text.split("Violazioni nuove: ", 1)[1].split("Violazioni risolte", 1)[0].splitlines()[1:]
    assert listed and len(listed) == len(new_rules)
    assert not [line for line in listed for rule, _ in new_rules if rule in line]


def test_history_of_an_indicator_and_of_a_multi_year_objective(tmp_path, default_or, capsys):
    c21, c22 = two_years(tmp_path)
    extra = store_args(default_or, tmp_path)
    main(["run", str(c21), *extra])
    main(["run", str(c22), *extra])
    capsys.readouterr()
    assert main(["history", str(c22), "--ente", "cm-prova", "--indicator", "I1", "--json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(y["year"], y["target"], y["actual"], y["achievement"]) for y in doc["years"]] == [
        (2021, 10, 8, 0.8),  # 8 / 10
        (2022, 12, 8, 0.6667),  # 8 / 12 = 0.66666… → 0.6667
    ]
    assert main(["history", str(c22), "--ente", "cm-prova", "--objective", "S1", "--json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    r21, r22 = results(tmp_path, 2021), results(tmp_path, 2022)
    s1 = [r21["organizational"]["objectives"]["S1"], r22["organizational"]["objectives"]["S1"]]
    assert doc["plan"]["first"] == 2021 and doc["plan"]["last"] == 2022
    assert [y["achievement"] for y in doc["plan"]["years"]] == s1
    assert doc["plan"]["cumulative"] == round(sum(s1) / 2, 4)  # the mean of the plan years so far
    # the plan's last year (2022) shows it in the Relazione
    html = (tmp_path / "out2022" / "cm-prova" / "relazione.html").read_text(encoding="utf-8")
    trend = section(html, "andamento")
    assert "Obiettivi del piano pluriennale" in trend and "S1 — Promozione (piano 2021–2022)" in trend
    assert f"Avanzamento cumulato: {fmt.pct(round(sum(s1) / 2, 4))}" in trend
    assert "O1 — Eventi" not in trend  # an operational objective is not one of the plan's strategic objectives
    first = section((tmp_path / "out2021" / "cm-prova" / "relazione.html").read_text(encoding="utf-8"), "andamento")
    assert "piano pluriennale" not in first  # 2021 is not the plan's last year


def test_history_reads_an_indicator_back_as_the_office_wrote_it(tmp_path, default_or, capsys):
    c21, c22 = two_years(tmp_path)
    extra = store_args(default_or, tmp_path)
    main(["run", str(c21), *extra])
    main(["run", str(c22), *extra])
    capsys.readouterr()
    # I5 «Soddisfazione»: target 90%, actual «72,0%» in indicators.csv; achievement 0.72 / 0.9 = 0.8 both years
    assert main(["history", str(c22), "--ente", "cm-prova", "--indicator", "I5", *extra]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines if line.startswith("202")]
    assert rows == [["2021", "90%", "72%", "80,00%"], ["2022", "90%", "72%", "80,00%"]]
    assert main(["history", str(c22), "--ente", "cm-prova", "--indicator", "I5", "--json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(y["target"], y["actual"], y["percent"]) for y in doc["years"]] == [(0.9, 0.72, True)] * 2
    # I1 was written as plain numbers: still 10 and 8
    assert main(["history", str(c22), "--ente", "cm-prova", "--indicator", "I1", *extra]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines() if line.startswith("2021")]
    assert rows == [["2021", "10", "8", "80,00%"]]
    # the Relazione's plan section reads the same rows: S2's I5 in each year of the plan
    trend = section((tmp_path / "out2022" / "cm-prova" / "relazione.html").read_text(encoding="utf-8"), "andamento")
    assert trend.count("Soddisfazione (I5): target 90%, consuntivo 72%") == 2 and "target 0,9" not in trend


def test_explain_shows_the_series(tmp_path, capsys):
    c21, c22 = two_years(tmp_path)
    main(["run", str(c21)])
    main(["run", str(c22)])
    capsys.readouterr()
    assert main(["explain", str(c22), "--ente", "cm-prova", "--indicator", "I1"]) == 0
    out = capsys.readouterr().out
    assert "Serie negli anni" in out and "2021: 80,00% · 2022: 66,67%" in out
    assert main(["explain", str(c22), "--ente", "cm-prova", "--indicator", "I1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["series"] == [
        {"year": 2021, "achievement": 0.8},
        {"year": 2022, "achievement": 0.6667},
    ]


def test_no_store_writes_no_database_and_says_nothing_is_available(tmp_path):
    c21, _ = two_years(tmp_path)
    main(["run", str(c21), "--no-store"])
    assert not list(tmp_path.glob("*.db"))
    trend = section((tmp_path / "out2021" / "cm-prova" / "relazione.html").read_text(encoding="utf-8"), "andamento")
    assert "i risultati degli anni precedenti non sono disponibili" in trend and "<svg" not in trend


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///{tmp}/manca/cartella/archivio.db",  # the folder does not exist: SQLite cannot open the file
        "postgresql://postgres@127.0.0.1:1/test",  # nobody listens on port 1
    ],
)
def test_a_store_that_cannot_be_written_still_leaves_the_files_and_exit_1(tmp_path, capsys, url):
    c21, _ = two_years(tmp_path)
    code = main(["run", str(c21), "--store", url.format(tmp=tmp_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert (tmp_path / "out2021" / "cm-prova" / "relazione.html").is_file()
    assert "NON aggiornato" in captured.err and "Traceback" not in captured.err
    assert main(["verify", str(tmp_path / "out2021" / "cm-prova")]) == 0


def test_store_url_in_cycle_toml(tmp_path, capsys):
    c21, _ = two_years(tmp_path)
    c21.write_text(c21.read_text() + '\n[store]\nurl = "risultati.db"\n')
    assert main(["run", str(c21)]) in (0, 1)
    assert (tmp_path / "risultati.db").is_file() and not (tmp_path / "ciclope.db").exists()
    c21.write_text(c21.read_text() + 'utente = "x"\n')
    assert main(["run", str(c21)]) == 2
    assert "archivio.utente" in capsys.readouterr().err


def test_history_without_a_store_is_a_clear_error(tmp_path, capsys):
    c21, _ = two_years(tmp_path)
    assert main(["history", str(c21), "--ente", "cm-prova"]) == 2
    err = capsys.readouterr().err
    assert "inesistente" in err and "ciclope run" in err and not (tmp_path / "ciclope.db").exists()


def test_schema_from_empty_matches_the_tables(backend):
    """Alembic from an empty database gives exactly the tables of schema.py (nothing to autogenerate)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = engine_for(backend)
    migrate(engine)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    engine.dispose()
    assert diffs == []


def test_migration_upgrades_a_store_written_by_the_first_schema(tmp_path, backend):
    """A store at revision 0001 (no plan years, no (ente, year) index) with one result is upgraded on
    open: its result stays current, the new columns are NULL, and a new run is written next to it."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = engine_for(backend)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    old = sa.MetaData()
    old.reflect(engine)
    assert "plan_first" not in old.tables["objectives"].c
    doc = {"ente": "vecchio", "year": 2020, "organizational": {"ente": 0.75}}
    with engine.begin() as conn:
        run = conn.execute(
            old.tables["runs"]
            .insert()
            .values(
                started=sa.func.now(),
                status="complete",
                ciclope_version="0.0.9",
                config="c.toml",
                year=2020,
                until="rendicontazione",
            )
            .returning(old.tables["runs"].c.id)
        ).scalar_one()
        conn.execute(old.tables["enti"].insert().values(id="vecchio", name="Ente storico", plugin="brescia"))
        result = conn.execute(
            old.tables["results"]
            .insert()
            .values(
                sha256="0" * 64,
                ente="vecchio",
                year=2020,
                plugin="brescia",
                plugin_version="0.0.9",
                until="rendicontazione",
                performance=0.75,
                people=0,
                errors=0,
                warnings=0,
                inputs="{}",
                document=json.dumps(doc),
                trace=b"x\x9c\xab\xae\x05\x00\x01u\x00\xf9",  # zlib of "{}"
            )
            .returning(old.tables["results"].c.id)
        ).scalar_one()
        conn.execute(
            old.tables["run_enti"]
            .insert()
            .values(run=run, ente="vecchio", status="ok", reason="", result=result, output="out/vecchio")
        )
        conn.execute(
            old.tables["objectives"]
            .insert()
            .values(result=result, objective="S1", kind="strategic", title="Vecchio", achievement=0.75)
        )
    engine.dispose()

    store = open_store(backend)  # upgrades to the head revision
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == HEAD  # every revision, in order
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
        row = conn.execute(sa.select(schema.objectives.c.plan_first, schema.objectives.c.achievement)).one()
    assert tuple(row) == (None, 0.75)
    (cur,) = store.current()
    assert (cur.ente, cur.year, cur.performance) == ("vecchio", 2020, 0.75)
    assert store.document(result) == doc and store.trace(result) == {}
    store.close()
    c21, _ = two_years(tmp_path)
    main(["run", str(c21), "--store", backend])
    store = open_store(backend)
    assert [c.ente for c in store.current()] == ["cm-prova", "vecchio"]
    store.close()


@pytest.mark.parametrize("plugin", ["brescia", "bergamo", "comunita_montane"])
def test_the_store_holds_what_results_json_says(example, tmp_path, plugin):
    """Every stored figure of a public example equals the one of its results.json (the contract)."""
    folder = example(plugin)
    url = f"sqlite:///{tmp_path / 'a.db'}"
    main(["run", str(folder / "cycle.toml"), "--store", url])
    doc = json.loads(next(folder.glob("out/*/results.json")).read_text(encoding="utf-8"))
    store = open_store(url)
    (cur,) = store.current()
    assert store.document(cur.result_id) == doc
    org = doc["organizational"]
    assert cur.performance == org["ente"]
    engine = store.engine
    with engine.connect() as conn:
        areas = dict(conn.execute(sa.select(schema.areas.c.area, schema.areas.c.achievement)).all())
        objectives = dict(conn.execute(sa.select(schema.objectives.c.objective, schema.objectives.c.achievement)).all())
        indicators = {
            i: (a, s_)
            for i, a, s_ in conn.execute(
                sa.select(schema.indicators.c.indicator, schema.indicators.c.achievement, schema.indicators.c.scored)
            )
        }
        pools = {
            p: (a, d, r)
            for p, a, d, r in conn.execute(
                sa.select(
                    schema.pools.c.pool, schema.pools.c.amount, schema.pools.c.distributed, schema.pools.c.residual
                )
            )
        }
        rules = [r for (r,) in conn.execute(sa.select(schema.violations.c.rule).order_by(schema.violations.c.n))]
        # as SQLite holds euros: the exact text of results.json (Money), read raw, without the type
        raw_pools = {
            p: (a, d, r)
            for p, a, d, r in conn.execute(sa.text("SELECT pool, amount, distributed, residual FROM pools"))
        }
        raw_amounts = [a for (a,) in conn.execute(sa.text("SELECT amount FROM people WHERE amount IS NOT NULL"))]
    assert raw_pools == {
        k: (v["amount"], v["distributed"], v["residual"]) for k, v in doc["rewards"].get("pools", {}).items()
    }
    assert raw_amounts and all(isinstance(a, str) and re.fullmatch(r"-?\d+\.\d\d", a) for a in raw_amounts)
    assert areas == org["areas"]
    assert {k: v for k, v in objectives.items() if k in org["objectives"]} == org["objectives"]
    assert {k: indicators[k] for k in org["indicators"]} == {
        k: (v["achievement"], v["scored"]) for k, v in org["indicators"].items()
    }
    assert {k: tuple(f"{x:.2f}" for x in v) for k, v in pools.items()} == {
        k: (v["amount"], v["distributed"], v["residual"]) for k, v in doc["rewards"].get("pools", {}).items()
    }
    assert rules == [v["rule"] for v in doc["violations"]]
    for pid, entry in doc["individual"].items():
        (person,) = [p for p in store.people(cur.result_id) if p.person == pid]
        assert (person.score, person.level) == (entry["score"], entry["level"])
    store.close()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(1, 10_000), plugin=st.sampled_from(["brescia", "bergamo", "comunita_montane"]))
def test_every_stored_euro_is_in_a_pool(tmp_path_factory, seed, plugin):
    """Σ of the people's amounts = Σ of the pools' distributed money, to the cent, for random synthetic
    enti of every plugin (every award comes from one pool: rules/core.md §6)."""
    root = tmp_path_factory.mktemp("synth")
    assert (
        main(["synth", str(root / "c"), "--enti", "1", "--people", "40", "--seed", str(seed), "--plugin", plugin]) == 0
    )
    main(["run", str(root / "c" / "cycle.toml")])
    engine = engine_for(f"sqlite:///{root / 'c' / 'ciclope.db'}")
    with engine.connect() as conn:
        people = [a for (a,) in conn.execute(sa.select(schema.people.c.amount)) if a is not None]
        pools = [d for (d,) in conn.execute(sa.select(schema.pools.c.distributed))]
    engine.dispose()
    assert sum(people, start=Decimal(0)) == sum(pools, start=Decimal(0))


@pytest.mark.slow  # a process pool
def test_a_jobs_run_keeps_no_record_once_it_is_written(tmp_path, monkeypatch):
    """With --jobs the parent writes each ente's record (results.json and its trace, ~0.6 MB for 300
    people) and must then let it go: the finished futures kept them all (715 MB for 1,000 enti)."""
    import gc
    import weakref

    from ciclope.core.commands import cli
    from ciclope.core.commands.synth import synth
    from ciclope.core.store import write

    config = synth(tmp_path / "s", enti=5, people=30, seed=3)
    seen: list[weakref.ref] = []
    real = write.add_ente

    def add(engine, run, ente, status, reason, output, record):
        gc.collect()
        alive = [r() for r in seen if r() is not None]
        assert not alive, f"{len(alive)} records already written are still in memory"
        seen.append(weakref.ref(record))
        return real(engine, run, ente, status, reason, output, record)

    monkeypatch.setattr(write, "add_ente", add)
    code = cli.main(
        ["run", str(config), "--out", str(tmp_path / "out"), "--jobs", "2", "--store", f"sqlite:///{tmp_path}/s.db"]
    )
    assert code == 0 and len(seen) == 5


def test_the_head_revision_known_without_alembic_is_alembics_head(tmp_path):
    """open_store skips Alembic when the store is at engine.HEAD: a new migration must move HEAD too."""
    from alembic.script import ScriptDirectory

    from ciclope.core.store import engine as store_engine

    config = store_engine.alembic_config(None)
    assert ScriptDirectory.from_config(config).get_current_head() == store_engine.HEAD
    engine = engine_for(f"sqlite:///{tmp_path}/s.db")
    assert store_engine.stamped(engine) is None  # a new store: no alembic_version yet
    migrate(engine)
    assert store_engine.stamped(engine) == store_engine.HEAD
    engine.dispose()


def _described(engine) -> dict:
    """Everything a database says of its tables, in order: columns (name, type, nullability, default,
    position), primary keys, foreign keys, indexes and unique constraints with their names; and the
    stamped revision."""
    inspector = sa.inspect(engine)
    tables = {}
    for name in sorted(inspector.get_table_names()):
        tables[name] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default"))) for c in inspector.get_columns(name)
            ],
            "pk": inspector.get_pk_constraint(name),
            "fks": sorted(inspector.get_foreign_keys(name), key=repr),
            "indexes": sorted(inspector.get_indexes(name), key=repr),
            "unique": sorted(inspector.get_unique_constraints(name), key=repr),
        }
    with engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    return {"tables": tables, "version": version}


def test_a_new_store_made_at_once_is_the_store_alembic_makes(tmp_path, backend):
    """Issue 18: an empty database is given the newest schema directly (schema.py's tables and Alembic's
    version row) instead of importing Alembic and replaying each migration. The database is the one the
    migrations make, table by table, column by column (in order), key, index and constraint names
    included, and Alembic reads it as being at its head."""
    from alembic import command
    from alembic.migration import MigrationContext

    from ciclope.core.store import engine as store_engine

    def fresh():
        if backend.startswith("sqlite"):
            engine = engine_for(f"sqlite:///{tmp_path}/{len(list(tmp_path.iterdir()))}.db")
        else:
            engine = engine_for(backend)
            meta = sa.MetaData()
            meta.reflect(engine)
            meta.drop_all(engine)
            with engine.begin() as conn:  # drop_all leaves Alembic's own table where reflect found it
                conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        assert not store_engine.has_tables(engine)
        return engine

    engine = fresh()
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")  # every migration, one after the other
    by_alembic = _described(engine)
    engine.dispose()

    engine = fresh()
    calls = []
    real = store_engine._create_newest_in
    store_engine._create_newest_in = lambda c: calls.append(c) or real(c)  # type: ignore[assignment]
    try:
        migrate(engine)
    finally:
        store_engine._create_newest_in = real  # type: ignore[assignment]
    assert len(calls) == 1  # the direct way was taken
    at_once = _described(engine)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == store_engine.HEAD
    engine.dispose()
    assert at_once == by_alembic
    assert set(at_once["tables"]) == {*schema.metadata.tables, "alembic_version"}


def test_figures_written_through_the_driver_are_those_execute_writes(tmp_path, backend, monkeypatch):
    """Issue 18: the figures' rows go to the driver's executemany with SQLAlchemy's compiled INSERT and
    bind processors. On each backend they read back exactly as rows written by Connection.execute
    (the path kept for a table whose bind names are not its column keys)."""
    from ciclope.core.output import results
    from ciclope.core.store import write
    from ciclope.core.store.record import record_of
    from ciclope.core.testing import compute_ente

    from helpers import coreonly

    result = compute_ente(write_ente(tmp_path / "e", files()), coreonly, 2021)
    record = record_of(result, results.dumps(result))
    tables = [t for t, _, _ in write.TABLE_ROWS]

    def stored(fast: bool) -> dict:
        if not fast:
            monkeypatch.setattr(write, "_bulk_statement", lambda *args: None)
        store = open_store(backend)
        with store.engine.begin() as conn:  # an empty store each time (the PostgreSQL one is shared)
            for table in reversed(schema.metadata.sorted_tables):
                conn.execute(table.delete())
        run = write.start_run(store.engine, config="c", year=2021, until="rendicontazione", version="0")
        write.add_ente(store.engine, run, record.ente, "ok", "", "out", record)
        with store.engine.connect() as conn:
            rows = {
                t.name: sorted(map(tuple, conn.execute(sa.select(*[c for c in t.c if c.name != "result"]))))
                for t in tables
            }
        store.close()
        monkeypatch.undo()
        return rows

    fast = stored(True)
    assert fast["people"] and fast["pools"] and fast["indicators"]
    assert fast == stored(False)


@pytest.mark.slow  # process pools
def test_the_trend_sections_filled_by_several_processes_are_those_of_one(tmp_path):
    """Issue 18: with --jobs the «Andamento» sections are filled by that many processes, each with its
    own connection to the store. The folders are those of a one-process run, byte for byte, and the
    sections are filled (no placeholder left)."""
    from ciclope.core.commands.synth import synth
    from ciclope.core.reports.relazione.annexes import NO_ARCHIVE

    config = synth(tmp_path / "s", enti=6, people=30, seed=21)
    folders = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        url = f"sqlite:///{tmp_path / f'store{jobs}.db'}"
        assert main(["run", str(config), "--out", str(out), "--store", url, "--jobs", str(jobs)]) == 0
        folders[jobs] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        summary = json.loads(folders[jobs]["summary.json"])  # it names each run's own store
        assert summary.pop("store") == url
        folders[jobs]["summary.json"] = json.dumps(summary).encode()
    assert folders[1] == folders[2]
    relazioni = [v.decode("utf-8") for k, v in folders[2].items() if k.endswith("relazione.html")]
    assert len(relazioni) == 6 and not any(NO_ARCHIVE in text for text in relazioni)
    assert all("Andamento negli anni" in text for text in relazioni)


@pytest.mark.parametrize("encoder", ["orjson", "json"])
def test_the_trace_gives_each_figure_its_numbers_as_written_by_hand(encoder, monkeypatch):
    """The store's trace: a Decimal becomes its number (an integral one an int; 0.50 the same 0.5 as 0.5),
    everything else stays as it is, in the figure's value, its inputs and its scorecard items alike."""
    import types
    import zlib

    from ciclope.core.model import EvaluationItem
    from ciclope.core.store import record
    from ciclope.core.trace import CardInputs, Figure, Input

    if encoder == "json":
        monkeypatch.setattr(record, "orjson", None)
    item = EvaluationItem(
        person="P1",
        evaluator=None,
        section="A",
        item="Qualità",
        max_points=Decimal(10),
        points=Decimal("7.50"),
        weight=None,
        row=3,
    )
    figures = {
        "score:P1": Figure("score:P1", Decimal("75.00"), "somma", "rules/core.md §3", CardInputs([item]), "P1"),
        "award:P1": Figure(
            "award:P1",
            Decimal("1234.56"),
            "quota",
            "s",
            (Input("quota", Decimal("0.50"), ref="x"), Input("quota bis", Decimal("0.5")), Input("testo", "tre")),
            "",
            "n",
        ),
        "pool:x": Figure("pool:x", None, "", "", (Input("anno", 2025, cell="f.csv:2:a"),)),
    }
    blob = record.encode_trace(types.SimpleNamespace(figures=figures))
    assert json.loads(zlib.decompress(blob)) == {
        # key: [value, formula, source, label, note, [[name, value, ref, cell], ...]]
        "score:P1": [
            75,
            "somma",
            "rules/core.md §3",
            "P1",
            "",
            [["A / Qualità (massimo 10 punti)", 7.5, "", "evaluations.csv:3:points"]],
        ],
        "award:P1": [
            1234.56,
            "quota",
            "s",
            "",
            "n",
            [["quota", 0.5, "x", ""], ["quota bis", 0.5, "", ""], ["testo", "tre", "", ""]],
        ],
        "pool:x": [None, "", "", "", "", [["anno", 2025, "", "f.csv:2:a"]]],
    }
    assert b'"score:P1":[75,' in zlib.decompress(blob)  # an integral Decimal is written as an int, not 75.0


OTHER_OFFICE = """
[cycle]
year = 2021
output = "out-altro"

[[ente]]
id = "cm-prova"
plugin = "comunita_montane"
data = "altro"
"""


def test_the_same_id_from_another_office_is_refused(tmp_path, default_or, capsys):
    """An ente is its id and the identity of its first run (name, plugin): the same id from another config, under
    another name, is refused — never made the first office's current result and history."""
    c21, _ = two_years(tmp_path)
    extra = store_args(default_or, tmp_path)
    assert main(["run", str(c21), *extra]) == 0
    first = results(tmp_path, 2021)
    other = files()
    other["ente.toml"] = other["ente.toml"].replace('name = "Ente di prova"', 'name = "Comunità Montana Altra"')
    other["indicators.csv"] = other["indicators.csv"].replace(
        "I1,S1,Iniziative,higher,,,10,12,8", "I1,S1,Iniziative,higher,,,10,12,2"
    )
    write_ente(tmp_path / "altro", other)
    (tmp_path / "cycle-altro.toml").write_text(OTHER_OFFICE, encoding="utf-8")
    capsys.readouterr()
    assert main(["run", str(tmp_path / "cycle-altro.toml"), *extra]) == 1
    err = capsys.readouterr().err
    assert "«Ente di prova»" in err and "«Comunità Montana Altra»" in err and "NON registrato" in err
    store = open_store(default_or)
    (current,) = store.current(ente="cm-prova")
    # the first office's result is still the current one
    assert (current.name, current.performance) == ("Ente di prova", first["organizational"]["ente"])
    store.close()
    engine = engine_for(default_or)
    with engine.connect() as conn:
        links = conn.execute(sa.select(schema.run_enti.c.status, schema.run_enti.c.result)).all()
    engine.dispose()
    assert sorted(links, key=str) == sorted([("ok", current.result_id), ("refused", None)], key=str)


def single_target(indicators: str) -> str:
    """helpers' indicators.csv with one `target` column (the 2021 one) that applies to any cycle year."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(indicators.strip())))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        del row[7]  # target_2022
        writer.writerow(["target" if c == "target_2021" else c for c in row])
    return out.getvalue()


YEAR_CYCLE = """
[cycle]
year = {year}
output = "out{year}"

[[ente]]
id = "cm-prova"
plugin = "{plugin}"
data = "{data}"
"""


def run_years(tmp_path: Path, extra: list[str], plan: list[tuple[int, str, str]]) -> None:
    for year, plugin, data in plan:
        path = tmp_path / f"cycle-{year}.toml"
        path.write_text(YEAR_CYCLE.format(year=year, plugin=plugin, data=data), encoding="utf-8")
        main(["run", str(path), *extra])


def test_the_trend_window_is_by_calendar_year_with_gaps(tmp_path, default_or, capsys):
    """The trend of 2021 covers 2018–2021 (the year and the three before it): 2017 is stored but more than three
    years back, so it never fills the 2019 gap; 2019 is a column without values, not a step skipped."""
    from ciclope.core.store.history import trend

    write_ente(tmp_path / "dati", files(**{"indicators.csv": single_target(INDICATORS)}))
    extra = store_args(default_or, tmp_path)
    run_years(tmp_path, extra, [(y, "comunita_montane", "dati") for y in (2017, 2018, 2020, 2021)])
    store = open_store(default_or)
    t = trend(store, "cm-prova", 2021)
    store.close()
    perf = {y: results(tmp_path, y)["organizational"]["ente"] for y in (2018, 2020, 2021)}
    assert t.years == (2018, 2019, 2020, 2021) and t.missing == (2019,)
    assert t.rows[0].values == (perf[2018], None, perf[2020], perf[2021])
    html = (tmp_path / "out2021" / "cm-prova" / "relazione.html").read_text(encoding="utf-8")
    trend_html = section(html, "andamento")
    assert "Nessun risultato registrato per 2019" in trend_html and ">2017<" not in trend_html


def test_history_keeps_earlier_areas_and_shows_a_regulation_change(tmp_path, default_or, capsys):
    """2021 under comunita_montane with areas A and B; 2022 under bergamo with area A renamed N: history keeps
    A's 2021 value and says the regulation changed; so does the 2022 Relazione's trend."""
    from helpers import AREAS, OBJECTIVES

    indicators = single_target(INDICATORS)
    write_ente(tmp_path / "d21", files(**{"indicators.csv": indicators}))
    renamed = {
        "indicators.csv": indicators,
        "areas.csv": AREAS.replace("A,Imprese,60,", "N,Nuove imprese,60,"),
        "objectives.csv": OBJECTIVES.replace("S1,strategic,Promozione,,A,", "S1,strategic,Promozione,,N,"),
    }
    write_ente(tmp_path / "d22", files(**renamed))
    extra = store_args(default_or, tmp_path)
    run_years(tmp_path, extra, [(2021, "comunita_montane", "d21"), (2022, "bergamo", "d22")])
    capsys.readouterr()
    assert main(["history", str(tmp_path / "cycle-2022.toml"), "--ente", "cm-prova", "--json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    r21 = results(tmp_path, 2021)
    assert [y["plugin"] for y in doc["years"]] == ["comunita_montane", "bergamo"]
    assert doc["regulation_changes"] == [{"year": 2022, "from": "comunita_montane", "to": "bergamo"}]
    assert doc["years"][0]["areas"]["A"] == r21["organizational"]["areas"]["A"]
    assert doc["years"][0]["areas"]["N"] is None and doc["years"][1]["areas"]["A"] is None
    html = (tmp_path / "out2022" / "cm-prova" / "relazione.html").read_text(encoding="utf-8")
    assert "Dal 2022 il regolamento applicato è cambiato (comunita_montane → bergamo)" in section(html, "andamento")


def test_a_corrected_earlier_year_marks_the_later_relazione_superseded(tmp_path, capsys):
    """Issue 36: after 2022 was run, 2021 is corrected (I1's actual 8 → 10 of a target of 10: its achievement
    0,8 → 1). The 2022 Relazione, possibly published, is not rewritten; the run names it, and the portal (internal
    and public) marks it «superata da una correzione del 2021». Rerunning 2021 unchanged corrects nothing; once 2022
    is rerun its Relazione is current again and the mark goes."""
    c21, c22 = two_years(tmp_path)
    assert main(["run", str(c21)]) == 0
    assert main(["run", str(c22)]) in (0, 1)  # 2022 has an indicator without actual: a violation
    relazione = (tmp_path / "out2022" / "cm-prova" / "relazione.html").read_bytes()
    capsys.readouterr()
    assert main(["run", str(c21)]) == 0  # the same inputs: the same result, nothing corrected
    assert "correzione" not in capsys.readouterr().err
    indicators = tmp_path / "cm-prova" / "indicators.csv"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace(
            "I1,S1,Iniziative,higher,,,10,12,8,", "I1,S1,Iniziative,higher,,,10,12,10,"
        )
    )
    assert main(["run", str(c21)]) == 0
    err = capsys.readouterr().err
    assert "le Relazioni del 2022 di cm-prova riportano l'andamento prima di questa correzione del 2021" in err
    assert (tmp_path / "out2022" / "cm-prova" / "relazione.html").read_bytes() == relazione  # never rewritten
    store = f"sqlite:///{tmp_path / 'ciclope.db'}"
    for public in ([], ["--public"]):
        site = tmp_path / f"sito{len(public)}"
        assert main(["site", "--store", store, "--year", "2022", "--out", str(site), *public]) == 0
        page = (site / "enti" / "cm-prova.html").read_text(encoding="utf-8")
        assert "Relazione superata da una correzione del 2021" in page
        assert "superata da una correzione del 2021" in (site / "index.html").read_text(encoding="utf-8")
    assert main(["run", str(c22)]) in (0, 1)  # 2022 has an indicator without actual: a violation
    assert main(["site", "--store", store, "--year", "2022", "--out", str(tmp_path / "sito0")]) == 0
    assert "superata" not in (tmp_path / "sito0" / "enti" / "cm-prova.html").read_text(encoding="utf-8")


def test_corrections_compare_each_earlier_year_with_the_result_current_when_the_relazione_was_written(tmp_path):
    """read.corrections by hand on a store of four runs of one ente: run 1 = 2021 (result A), run 2 = 2022, run 3 =
    2021 again with the same result A, run 4 = 2021 with result B. For the 2022 Relazione of run 2 the 2021 result
    then was A and is now B: 2021 corrected. For a 2022 Relazione written at run 4 nothing is."""
    from ciclope.core.store import read

    c21, c22 = two_years(tmp_path)
    main(["run", str(c21)])
    main(["run", str(c22)])
    main(["run", str(c21)])
    engine = open_store(f"sqlite:///{tmp_path / 'ciclope.db'}").engine
    assert read.corrections(engine, 2022, {"cm-prova": 2}) == {}
    indicators = tmp_path / "cm-prova" / "indicators.csv"
    indicators.write_text(indicators.read_text(encoding="utf-8").replace(",10,12,8,", ",10,12,10,"))
    main(["run", str(c21)])
    assert read.corrections(engine, 2022, {"cm-prova": 2}) == {"cm-prova": [2021]}
    assert read.corrections(engine, 2022, {"cm-prova": 4}) == {}
    assert read.corrections(engine, 2026, {"cm-prova": 2}) == {}  # 2021 is outside 2026's trend (2023–2025)
    engine.dispose()
