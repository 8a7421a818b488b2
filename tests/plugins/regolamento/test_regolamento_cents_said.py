"""Every cent redone by hand: the exact amount of a formula part whose amounts, rounded one by one, would pass its
fund, and whose cent each one lost or gained. Every amount by hand."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune dei Centesimi"
tipo_ente = "comune"
"""


def files(people, fund: str) -> dict[str, str]:
    """(id, category, score or None) of staff, evaluated by the Segretario (None: no card, not evaluated)."""
    staff = [f"{pid},Persona {pid},dipendente,{category},com,1,0,false,SEG" for pid, category, _ in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score in people if score is not None]
    return one_unit_comune("Comune dei Centesimi", staff, cards, f'[funds]\nperformance_individuale = "{fund}"\n')


DIVIDED = (
    HEAD
    + """
[[premi]]
nome = "produttività"
metodo = "formula"
importo = '=fondo * punteggio / SOMMA.ENTE(punteggio)'
quota_fondo = 1
fonte = "art. 6"
"""
)


def test_a_formula_amount_that_lost_its_cent_says_its_exact_amount_and_why(ciclope_ente, tmp_path):
    people = [("S1", "C", 80), ("S2", "C", 81), ("S3", "C", 94)]
    result = run_declared(ciclope_ente, tmp_path, DIVIDED, files(people, "1000.00"))
    # Σ punteggi = 80 + 81 + 94 = 255
    # S1 1000 × 80 / 255 = 313.72549…, S2 1000 × 81 / 255 = 317.64705…, S3 1000 × 94 / 255 = 368.62745…
    # half-up one by one: 313.73 + 317.65 + 368.63 = 1000.01, a cent past the fund
    # down: 313.72 + 317.64 + 368.62 = 999.98; the 2 cents left to the largest remainders: S3 (0.745 of a cent) and
    # S2 (0.705), not S1 (0.549): S1 313.72, S2 317.65, S3 368.63 = 1000.00
    assert amounts(result) == {"S1": "313.72", "S2": "317.65", "S3": "368.63"}
    lost = result.figures["award:S1"].note
    assert "importo esatto € 313,7254…: € 313,72 al centesimo per difetto" in lost
    assert (
        "arrotondato da solo sarebbe € 313,73: il centesimo in meno è il suo, perché i centesimi che restano vanno ai "
        "resti più alti e il suo (€ 0,0054…) non è tra questi"
    ) in lost
    gained = result.figures["award:S2"].note
    assert "importo esatto € 317,6470…: € 317,64 al centesimo per difetto, più un centesimo" in gained
    assert "centesimo in meno" not in gained
    # the person's explanation says it where they read their premium
    assert "il centesimo in meno è il suo" in explain(result, "person", "S1")
