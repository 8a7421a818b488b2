"""The CCDI's «10% del personale valutato» in a Comune of eight: the quota is a maximum, rounded down, and gives no
place; nobody receives the maggiorazione, and a warning says so with the least quota that gives one place."""

from __future__ import annotations

from pathlib import Path

from ciclope.core.inputs.config import EnteConfig, resolve_params
from ciclope.core.run.runner import compute
from ciclope.core.testing import write_ente

from helpers import amounts, one_unit_comune

REGULATION = """\
formato = 2
[atto]
titolo = "CCDI del Comune di Prova"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
fonte = "art. 5"
"""


def run(tmp_path: Path, people: int, quota: float):
    scores = {f"S{i:02}": 90 - i for i in range(1, people + 1)}
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in scores]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, points in scores.items()]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "8000.00"\n')
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    overrides = {"regolamento": str(tmp_path / "smvp.toml")}
    national = {"maggiorazione": {"quota_premio": 0.30, "quota_personale": quota}}
    params, problems = resolve_params("regolamento", 2024, overrides, "cycle.toml", national)
    assert problems == []
    folder = write_ente(tmp_path / "ente", data)
    return compute(EnteConfig(id="prova", plugin="regolamento", data=folder, overrides=overrides, params=params), 2024)


def test_a_quota_that_gives_no_place_is_warned_with_the_least_that_does(tmp_path):
    result = run(tmp_path, 8, 0.10)
    # 10% of 8 evaluated = 0,8 → 0 places: no maggiorazione; the least quota for one place is 1 / 8 = 12,5%
    assert not any(k.endswith(":maggiorazione_art69") for k in amounts(result))
    [warned] = [p for p in result.violations if p.rule == "ccnl.maggiorazione.nessun_posto"]
    assert warned.message == (
        "maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022): il 10% delle 8 persone "
        "valutate della graduatoria unica dell'ente dà 0 posti (la quota è un massimo, per difetto): nessuno riceve "
        "la maggiorazione. Un posto vuole una quota di almeno il 12,5% in [ente.nazionale] quota_personale"
    )


def test_a_quota_that_gives_a_place_says_nothing(tmp_path):
    # 10% of 10 = 1 place: the maggiorazione is paid, no warning
    result = run(tmp_path, 10, 0.10)
    assert "S01:maggiorazione_art69" in amounts(result)
    assert not [p for p in result.violations if p.rule == "ccnl.maggiorazione.nessun_posto"]
