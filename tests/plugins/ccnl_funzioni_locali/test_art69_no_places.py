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


def run(tmp_path: Path, people: int, quota: float, uncarded: tuple[str, ...] = ()):
    """``people`` employees scored 89, 88, …; those of ``uncarded`` have no card (their rows left out)."""
    scores = {f"S{i:02}": 90 - i for i in range(1, people + 1)}
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in scores]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, points in scores.items()]
    cards = [row for row in cards if row.split(",", 1)[0] not in uncarded]
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


def test_a_missing_card_that_would_give_the_place_is_said_first(tmp_path):
    result = run(tmp_path, 10, 0.10, uncarded=("S06",))
    # 9 evaluated: 10% of 9 = 0,9 → 0 places; with S06's card 10 evaluated, 10% of 10 = 1 place. The least quota
    # without it is 1 / 9 = 11,11…% → 11,12% (up to the hundredth of a percent)
    [warned] = [p for p in result.violations if p.rule == "ccnl.maggiorazione.nessun_posto"]
    assert warned.message == (
        "maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022): il 10% delle 9 persone "
        "valutate della graduatoria unica dell'ente dà 0 posti (la quota è un massimo, per difetto): nessuno riceve "
        "la maggiorazione. Manca la scheda di valutazione di Persona S06 (S06): con la sua scheda i valutati "
        "sarebbero 10 e il 10% darebbe un posto. Se la scheda non manca per errore, un posto vuole una quota di "
        "almeno l'11,12% in [ente.nazionale] quota_personale"
    )


def test_missing_cards_that_would_not_give_a_place_are_said_too(tmp_path):
    result = run(tmp_path, 9, 0.10, uncarded=("S03", "S07"))
    # 7 evaluated: 10% of 7 = 0,7 → 0 places; with the two cards 9, 10% of 9 = 0,9 → still 0. The least quota for
    # one place of the 7 is 1 / 7 = 14,2857…% → 14,29%
    [warned] = [p for p in result.violations if p.rule == "ccnl.maggiorazione.nessun_posto"]
    assert warned.message == (
        "maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022): il 10% delle 7 persone "
        "valutate della graduatoria unica dell'ente dà 0 posti (la quota è un massimo, per difetto): nessuno riceve "
        "la maggiorazione. Mancano le schede di valutazione di 2 persone, Persona S03 (S03) e Persona S07 (S07): "
        "con le loro schede i valutati sarebbero 9 e il 10% non darebbe ancora nessun posto. Un posto vuole una "
        "quota di almeno il 14,29% in [ente.nazionale] quota_personale"
    )
