"""The maggiorazione of the premio individuale (art. 81 CCNL 16.11.2022) on a person's scheda: said without a
colleague's name or score, with the article Italian gives a count, and never as money «non pagato» to someone paid."""

from __future__ import annotations

from pathlib import Path

from test_national import pari_of

from ciclope.core import fmt
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

MAGGIORAZIONE = "Maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022)"


def comune(tmp_path: Path, points: list[int]):
    """The Comune of test_national's tie at the cut: these points, a budget of 10.000,00 €, the maggiorazione for 10%."""
    return pari_of(tmp_path, points)


def test_a_tie_at_the_cut_is_said_on_the_scheda_without_the_colleague(tmp_path):
    # ten people, A1 and A2 both 95 for the one place (floor(10% × 10) = 1): both out. Each is paid the premio
    # individuale (budget 1.000 × 95 / 100 = 950,00): the scheda says the maggiorazione does not apply, with the tie
    # but never the other one's name or code
    result = comune(tmp_path, [95, 95, 90, 88, 86, 84, 82, 80, 78, 76])
    scheda = build(result, "A2")
    assert len(scheda.refused) == 1
    line = scheda.refused[0]
    assert line.startswith(
        f"{MAGGIORAZIONE}: non spetta — pari merito al limite della quota con un'altra persona di pari punteggio, "
        "per 1 posto; escluse tutte (punteggio = 95,00 punti; graduatoria = unica dell'ente)."
    )
    assert "Persona 1" not in render(scheda) and "(A1)" not in render(scheda)
    assert "<h3>Non pagato</h3>" not in render(scheda)  # paid 950,00: nothing of theirs is unpaid
    # explain, the office's tool, names both
    text = explain(result, "person", "A2")
    assert text is not None and "Persona 1 (A1) e Persona 2 (A2)" in text


def test_a_count_has_the_article_italian_gives_it(tmp_path):
    assert [fmt.the_count(n) for n in (2, 3, 8, 11, 18, 80, 800, 10, 110)] == [
        "i 2", "i 3", "gli 8", "gli 11", "i 18", "gli 80", "gli 800", "i 10", "i 110",
    ]  # fmt: skip
    # eleven people all paid, A2 second of them: floor(10% × 11) = 1 place, A1's
    result = comune(tmp_path, [95, 94, 90, 88, 86, 84, 82, 80, 78, 76, 74])
    (line,) = build(result, "A2").refused
    assert "non spetta — è al 2° posto per punteggio tra gli 11 che ricevono il premio individuale" in line
    assert "(A2)" not in line and "Persona 2" not in line  # their own scheda: never their name and code again
