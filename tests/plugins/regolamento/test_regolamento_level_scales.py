"""A role with a scale of its own ([livelli] ``dirigente = [...]``): the Relazione counts each person at the top of
their own scale («Differenziazione dei giudizi per valutatore») and lists the levels scale by scale, each from its
highest level («Distribuzione per livello o esito»). The core learns the scales from ``ciclope_level_scales``; on
one scale it reads the order from the scores, as before. Every figure by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.reports import stats
from ciclope.core.reports.model import Table
from ciclope.core.reports.relazione import build

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
OWN = "quota al livello più alto della propria scala"


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


def test_the_distribution_lists_each_scale_from_its_lowest_level(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    # the common scale first (the dipendenti's and the Segretario's), from its lowest level as one scale is listed;
    # then the dirigenti's; a level no one reached («sotto il 70%», «terza fascia») is not listed; then the outcomes
    # without a level: SEG has no card, «non valutato». By the lowest score seen it read 89-70% (75), seconda (85),
    # 100-90% (95), prima (96): the two scales mixed
    assert stats.distribution(result) == [
        ("89-70%", 1),
        ("100-90%", 1),
        ("seconda fascia", 1),
        ("prima fascia", 1),
        ("non valutato", 1),
    ]


def test_the_relazione_heads_the_column_by_each_ones_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON + DIRIGENTI, files())
    tables = [b for s in build(result).sections if s.ident == "individuale" for b in s.blocks if isinstance(b, Table)]
    heads = [[c[0] for c in t.columns] for t in tables]
    judged = next(h for h in heads if "Valutatore" in h)
    assert "Quota al livello più alto della propria scala" in judged
    assert heads[0][0] == "Livello / esito"
    assert [row[0] for row in tables[0].rows[:4]] == ["89-70%", "100-90%", "seconda fascia", "prima fascia"]


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
    # P1 95 «100-90%», P2 75 «89-70%»: 1 / 2 = 50%; the levels lowest first, as on every one-scale ente
    assert (label, seg.top_share) == ("quota al livello più alto (100-90%)", Decimal("0.5000"))
    assert stats.distribution(result) == [("89-70%", 1), ("100-90%", 1), ("non valutato", 1)]


def test_without_a_scale_of_its_own_the_top_is_the_highest_level_in_use(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + COMMON, files())
    (seg,), label = stats.evaluators(result)
    # one scale for all: 96 and 95 are «100-90%», 85 and 75 «89-70%»: 2 / 4 = 50%, the column naming the level
    assert (label, seg.top_share) == ("quota al livello più alto (100-90%)", Decimal("0.5000"))
    assert stats.distribution(result) == [("89-70%", 2), ("100-90%", 2), ("non valutato", 1)]
