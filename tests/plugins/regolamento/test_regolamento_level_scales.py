"""A role with a scale of its own ([livelli] ``dirigente = [...]``): the Relazione counts each person at the top of
their own scale («Differenziazione dei giudizi per valutatore») and lists the levels scale by scale, each from its
highest level («Distribuzione per livello o esito»). The core learns the scales from ``ciclope_level_scales``; on
one scale it reads the order from the scores, as before. The public tables (trasparenza.csv, the public Relazione)
list and merge the levels scale by scale, ``ciclope compare`` and the store's benchmark count each person at the
top of their own scale. Every figure by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.compare import report
from ciclope.core.compare.document import document, facts
from ciclope.core.compare.scenario import Scenario, ScenarioRun
from ciclope.core.output import results
from ciclope.core.reports import public, stats, transparency
from ciclope.core.reports.model import Table
from ciclope.core.reports.relazione import build
from ciclope.core.store import open_store, write
from ciclope.core.store.benchmark import OWN_TOP
from ciclope.core.store.record import record_of

from helpers import one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento dei premi"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 6"
"""
COMMON = """
[livelli]
fonte = "art. 5"
scala = [{ nome = "100-90%", da = 90 }, { nome = "89-70%", da = 70 }, { nome = "sotto il 70%", da = 0 }]
"""
DIRIGENTI = """dirigente = [
  { nome = "prima fascia", da = 95 },
  { nome = "seconda fascia", da = 80 },
  { nome = "terza fascia", da = 60 },
]
"""
OWN = "quota al livello più alto della propria scala sulle persone con un livello"


def files(dirigenti: bool = True) -> dict[str, str]:
    """Two dipendenti (95 and 75 points) and, with ``dirigenti``, two dirigenti (96 and 85), all four evaluated by
    the Segretario SEG, who has no card of their own."""
    staff = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG", "P2,Persona 2,dipendente,C,com,1,0,false,SEG"]
    scores = {"P1": 95, "P2": 75}
    if dirigenti:
        staff += ["D1,Dirigente 1,dirigente,DIR,com,1,0,false,SEG", "D2,Dirigente 2,dirigente,DIR,com,1,0,false,SEG"]
        scores |= {"D1": 96, "D2": 85}
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{s}," for pid, s in scores.items()]
    return one_unit_comune("Comune di Esempio", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def test_each_person_counts_at_the_top_of_their_own_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    (seg,), label = stats.evaluators(result)
    # P1 95 ≥ 90: «100-90%», the top of the dipendenti's scale; P2 75: «89-70%»; D1 96 ≥ 95: «prima fascia», the top
    # of the dirigenti's scale; D2 85: «seconda fascia». At the top of their own scale: P1 and D1, 2 / 4 = 50%
    # (read as the one highest level in use, «prima fascia», it would be D1 alone: 1 / 4 = 25%)
    assert (seg.id, seg.count, seg.top_share) == ("SEG", 4, Decimal("0.5000"))
    assert seg.mean == Decimal("87.75")  # (95 + 75 + 96 + 85) / 4 = 351 / 4
    assert seg.flags == ()  # 50% < 80%, four values
    assert label == OWN  # no one level names the column


def test_the_distribution_lists_each_scale_from_its_highest_level(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    # the common scale first (the dipendenti's and the Segretario's), from its highest level as a regulation lists
    # its bands;
    # then the dirigenti's; a level no one reached («sotto il 70%», «terza fascia») is not listed; then the outcomes
    # without a level: SEG has no card, «non valutato». By the lowest score seen it read 89-70% (75), seconda (85),
    # 100-90% (95), prima (96): the two scales mixed
    assert stats.distribution(result) == [
        ("100-90%", 1),
        ("89-70%", 1),
        ("prima fascia", 1),
        ("seconda fascia", 1),
        ("non valutato", 1),
    ]


def test_the_relazione_heads_the_column_by_each_ones_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    tables = [b for s in build(result).sections if s.ident == "individuale" for b in s.blocks if isinstance(b, Table)]
    heads = [[c[0] for c in t.columns] for t in tables]
    judged = next(h for h in heads if "Valutatore" in h)
    assert "Quota al livello più alto della propria scala sulle persone con un livello" in judged
    assert heads[0][0] == "Livello / esito"
    assert [row[0] for row in tables[0].rows[:4]] == ["100-90%", "89-70%", "prima fascia", "seconda fascia"]


def test_the_plugin_gives_each_role_its_scale_the_common_one_first(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    common = ("100-90%", "89-70%", "sotto il 70%")
    assert list(result.plugin.level_scales.items()) == [
        ("dipendente", common),
        ("po", common),
        ("segretario", common),
        ("dirigente", ("prima fascia", "seconda fascia", "terza fascia")),
    ]


def test_a_scale_of_a_role_nobody_has_leaves_one_scale_as_before(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files(dirigenti=False))
    (seg,), label = stats.evaluators(result)
    # no dirigente in the ente: everyone is on the common scale, whose highest level in use names the column;
    # P1 95 «100-90%», P2 75 «89-70%»: 1 / 2 = 50%; the levels highest first, as on every one-scale ente
    assert (label, seg.top_share) == (
        "quota al livello più alto (100-90%) sulle persone con un livello",
        Decimal("0.5000"),
    )
    assert stats.distribution(result) == [("100-90%", 1), ("89-70%", 1), ("non valutato", 1)]


def test_without_a_scale_of_its_own_the_top_is_the_highest_level_in_use(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON, files())
    (seg,), label = stats.evaluators(result)
    # one scale for all: 96 and 95 are «100-90%», 85 and 75 «89-70%»: 2 / 4 = 50%, the column naming the level
    assert (label, seg.top_share) == (
        "quota al livello più alto (100-90%) sulle persone con un livello",
        Decimal("0.5000"),
    )
    assert stats.distribution(result) == [("100-90%", 2), ("89-70%", 2), ("non valutato", 1)]


def leads(po: int = 3) -> dict[str, str]:
    """dirigenti e PO on two scales: the first ``po`` of three PO on the common one (95, 80, 75 points) and five
    dirigenti on theirs (97, 96, 85, 84, 83); the Segretario SEG evaluates them all and has no card («non
    valutato»). No dipendente: the premium (of the dipendenti) pays no one, and the levels' amounts are all € 0,00."""
    people = dict(list({"PO1": ("po", 95), "PO2": ("po", 80), "PO3": ("po", 75)}.items())[:po])
    people |= {"D1": ("dirigente", 97), "D2": ("dirigente", 96), "D3": ("dirigente", 85)}
    people |= {"D4": ("dirigente", 84), "D5": ("dirigente", 83)}
    staff = [f"{pid},Persona {pid},{role},DIR,com,1,0,false,SEG" for pid, (role, _) in people.items()]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{s}," for pid, (_, s) in people.items()]
    return one_unit_comune("Comune di Esempio", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def test_trasparenza_merges_a_small_level_within_its_own_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, leads())
    levels = [(ln.group, ln.item, ln.count) for ln in transparency.lines(result) if ln.section == "livello"]
    # the common scale from its top: 100-90% (PO1: 1 person) is small and goes into the next one down, 89-70% (PO2,
    # PO3): 1 + 2 = 3. The dirigenti's: prima fascia (D1, D2: 2) into seconda fascia (D3, D4, D5): 2 + 3 = 5; then
    # «non valutato» (SEG: 1), small and last, goes up into it: 5 + 1 = 6. 3 + 6 = 9 people, none left out.
    # (In one order by the lowest score seen — 89-70% 75, seconda 83, 100-90% 95, prima 96 — it merged «prima
    # fascia e 100-90%» and «seconda fascia, 89-70% e non valutato», a level into one of another scale.)
    assert levels == [
        ("dirigenti e PO", "100-90% e 89-70%", 3),
        ("dirigenti e PO", "prima fascia, seconda fascia e «non valutato»", 6),
    ]
    rows = [row[1:5] for row in transparency.rows(result) if row[0] == "Livello di valutazione"]
    # published, the group is named as the contract of a 2024 cycle names its people: the EQ replaced the PO on
    # 1.4.2023 (as premi-art20.csv and the public Relazione name it)
    assert rows == [
        ("dirigenti ed EQ", "100-90% e 89-70%", "3", "33,33"),
        ("dirigenti ed EQ", "prima fascia, seconda fascia e «non valutato»", "6", "66,67"),
    ]
    # the public Relazione's table of levels is these same lines: 3 / 9 = 33,33%, 6 / 9 = 66,67%
    table = next(b for b in public.individual(result) if isinstance(b, Table))
    assert table.rows == [
        ("dirigenti ed EQ", "100-90% e 89-70%", "3"),
        ("dirigenti ed EQ", "prima fascia, seconda fascia e «non valutato»", "6"),
    ]


def test_a_scale_small_as_a_whole_is_merged_with_the_next_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, leads(po=1))
    levels = [(ln.item, ln.count) for ln in transparency.lines(result) if ln.section == "livello"]
    # PO1 alone on the common scale (100-90%: 1 person) has no level of its scale to merge with: it joins the
    # dirigenti's merged row beside it, «prima fascia, seconda fascia e «non valutato»» (6): 1 + 6 = 7
    assert levels == [("100-90%, prima fascia, seconda fascia e «non valutato»", 7)]


def compared(result) -> dict:
    return document({"ente": "comune"}, [facts(ScenarioRun(Scenario("attuale"), result=result))])


def test_compare_counts_each_person_at_the_top_of_their_own_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    doc = compared(result)
    current = doc["scenarios"]["attuale"]
    # with a level: P1 95 «100-90%» and D1 96 «prima fascia», each the top of their own scale; P2 75, D2 85 not:
    # 2 / 4 = 0,5 (read as the one highest level, «prima fascia», it was D1 alone: 1 / 4 = 0,25)
    assert (current["metrics"]["top_level"], current["metrics"]["top_level_share"]) == (None, 0.5)
    # the levels scale by scale, each from its top (by the best score they read prima 96, 100-90% 95, seconda 85,
    # 89-70% 75)
    assert [g["name"] for g in current["levels"]] == ["100-90%", "89-70%", "prima fascia", "seconda fascia"]
    assert (
        report.top_share(doc, None)
        == "Quota di persone al livello più alto della propria scala sulle persone con un livello"
    )


def test_compare_on_one_scale_names_the_top_level(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files(dirigenti=False))
    doc = compared(result)
    # no dirigente: P1 95 «100-90%» is the highest level, P2 75 «89-70%»: 1 / 2 = 0,5
    assert doc["scenarios"]["attuale"]["metrics"]["top_level"] == "100-90%"
    assert doc["scenarios"]["attuale"]["metrics"]["top_level_share"] == 0.5
    assert report.top_share(doc, None) == "Quota di persone al livello più alto (100-90%) sulle persone con un livello"


def test_the_store_benchmark_counts_each_person_at_the_top_of_their_own_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    store = open_store(f"sqlite:///{tmp_path / 'archivio.db'}")
    record = record_of(result, results.dumps(result))
    run = write.start_run(store.engine, config="c", year=2024, until="rendicontazione", version="0")
    write.add_ente(store.engine, run, record.ente, "ok", "", "out", record)
    write.finish_run(store.engine, run)
    (d,) = store.benchmark(2024).differentiation
    store.close()
    # the store keeps each person's role and level; the scales are the regulation's, read again from the file the
    # run read: P1 and D1 at the top of their own scale, of the 4 evaluated with a level: 2 / 4 = 0,5 (by the one
    # highest score's level, «prima fascia», D1 alone: 1 / 4 = 0,25)
    assert (d.top_level, d.top_share, d.own_scale) == (None, 0.5, True)
    assert OWN_TOP == "il più alto della propria scala"


SHARED = """
[livelli]
fonte = "art. 5"
scala = [{ nome = "ottimo", da = 90 }, { nome = "buono", da = 70 }]
dipendente = [{ nome = "ottimo", da = 90 }, { nome = "buono", da = 70 }, { nome = "sufficiente", da = 60 }]
"""


def test_a_level_two_scales_share_is_listed_once(ciclope_ente, tmp_path):
    # the dipendenti's scale repeats the common one's names and adds «sufficiente» (an ERSU's staff): P1 95 «ottimo»,
    # P2 75 «buono»; D1 96 «ottimo», D2 85 «buono»: each level once, 2 + 2 = 4 people as evaluated, never the two
    # names listed again for the second scale (8 people in a table of 4)
    result = run_declared(ciclope_ente, tmp_path, HEAD + SHARED, files())
    rows = stats.distribution(result)
    levels = [(k, n) for k, n in rows if k in ("ottimo", "buono", "sufficiente")]
    assert levels == [("ottimo", 2), ("buono", 2)]
    assert sum(n for _, n in rows) == 5  # the four and SEG, «non valutato»
    for group in ("personale", "dirigenti"):
        items = [
            ln.item for ln in transparency.lines(result) if ln.section == "livello" and ln.group.startswith(group[:4])
        ]
        assert len(items) == len(set(items)), items
