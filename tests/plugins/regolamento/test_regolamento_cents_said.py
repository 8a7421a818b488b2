"""Every cent redone by hand: the exact amount of a formula part whose amounts, rounded one by one, would pass its
fund, and whose cent each one lost or gained; the exact share of each graduatoria of a part and the graduatoria a
leftover cent went to; a person counted in the split among the graduatorie and paid nothing by any part, told that
their share went to the others of the graduatoria. Every amount by hand."""

from __future__ import annotations

from decimal import Decimal

from test_regolamento_parts import BY_CATEGORY
from test_regolamento_parts import DIVIDED as PARTS_DIVIDED
from test_regolamento_parts import HEAD as PARTS_HEAD

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


# the parts' formula that divides the fund, in this Comune's act
DIVIDED = HEAD + PARTS_DIVIDED.removeprefix(PARTS_HEAD)


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


BY_STAFF = HEAD + BY_CATEGORY.removeprefix(PARTS_HEAD)  # the parts' graduatorie by category, in this act


def test_each_graduatoria_s_share_says_its_exact_amount_and_its_cent(ciclope_ente, tmp_path):
    people = [("B1", "B", 80), *[(f"C{i}", "C", 80) for i in (1, 2)], *[(f"D{i}", "D", 80) for i in (1, 2, 3, 4)]]
    result = run_declared(ciclope_ente, tmp_path, BY_STAFF, files(people, "1000.00"))
    # by staff in service, 7 in all: B 1000 × 1/7 = 142.857142…, C 1000 × 2/7 = 285.714285…, D 1000 × 4/7 =
    # 571.428571…; down 142.85 + 285.71 + 571.42 = 999.98, the 2 cents to the largest remainders: D (0.857 of a
    # cent) and B (0.714), not C (0.428): B 142.86, C 285.71, D 571.43 = 1000.00
    figures = result.figures
    shares = {g: figures[f"pool:performance_individuale:{g}"] for g in "BCD"}
    assert {g: f.value for g, f in shares.items()} == {
        "B": Decimal("142.86"),
        "C": Decimal("285.71"),
        "D": Decimal("571.43"),
    }
    assert shares["B"].note == (
        "importo esatto € 142,8571…: € 142,85 al centesimo per difetto, più un centesimo: i centesimi che "
        "l'arrotondamento lascia vanno ai resti più alti"
    )
    assert shares["C"].note == "importo esatto € 285,7142…: € 285,71 al centesimo per difetto"
    assert "importo esatto € 571,4285…: € 571,42 al centesimo per difetto, più un centesimo" in shares["D"].note
    assert "importo esatto € 142,8571…" in explain(result, "pool", "performance_individuale")


def test_an_equal_remainder_of_two_graduatorie_says_which_got_the_cent(ciclope_ente, tmp_path):
    people = [("B1", "B", 80), ("C1", "C", 80), ("D1", "D", 80)]
    result = run_declared(ciclope_ente, tmp_path, BY_STAFF, files(people, "1000.00"))
    # 1000 / 3 = 333.333… each, down 3 × 333.33 = 999.99: the cent left goes, all remainders equal (0.333 of a
    # cent), to the graduatoria written first in the order of their codes, B: 333.34, 333.33, 333.33
    figures = result.figures
    assert figures["pool:performance_individuale:B"].value == Decimal("333.34")
    assert figures["pool:performance_individuale:C"].note == (
        "importo esatto € 333,3333…: € 333,33 al centesimo per difetto: a parità di resto il centesimo va alla "
        "graduatoria il cui codice viene prima"
    )


def test_one_counted_in_the_split_and_paid_by_no_part_is_told_where_their_share_went(ciclope_ente, tmp_path):
    people = [("B1", "B", 80), ("B2", "B", None), ("C1", "C", 90)]
    result = run_declared(ciclope_ente, tmp_path, BY_STAFF, files(people, "3000.00"))
    # by staff in service, B2 counted though not evaluated: B 3000 × 2/3 = 2000.00, C 3000 × 1/3 = 1000.00; B1, alone
    # evaluated in B, is paid all of B's 2000.00; B2 nothing
    assert amounts(result) == {"B1": "2000.00", "C1": "1000.00"}
    text = explain(result, "person", "B2")
    assert "Nessuna cifra calcolata da spiegare" not in text
    # by staff in service each one weighs 1: B2's share of B's fund, 2000.00 × 1/2, went to B1
    assert (
        "contato nel riparto tra le graduatorie, la sua quota del fondo della graduatoria (B) va a chi vi "
        "riceve un premio"
    ) in text
