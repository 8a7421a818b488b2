"""A maximum per person whose excess stays residual (``massimo_persona``, ``residuo = "resta"``): the fund is split
once, to the cent, and the maxima then cut it. A leftover cent the split gave to a share above its maximum is given
up with the rest: the note says the share with that cent, so the excesses the notes say add up to what the part left;
the colleague on the same remainder reads why the cent went elsewhere. Every value by hand."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri del progetto Strade sicure"
tipo_ente = "comune"

[[colonne]]
nome = "massimo"
tipo = "euro"
significato = "il compenso massimo della persona"
fonte = "art. 12"

[[premi]]
nome = "progetto"
metodo = "proporzionale"
fondo = "performance_individuale"
tempo_parziale = "intero"
massimo_persona = "=massimo"
residuo = "resta"
ruoli = ["dipendente"]
fonte = "art. 12"
"""


def files() -> dict[str, str]:
    # three people of equal score and weight, A's maximum € 20, B's and C's € 50
    staff = [
        f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{cap}" for pid, cap in (("A", 20), ("B", 50), ("C", 50))
    ]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,90," for pid in "ABC"]
    data = one_unit_comune("Comune di Prova", staff, cards, '[fondi]\nperformance_individuale = "100.00"\n')
    head, seg, *rest = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join([f"{head},massimo", f"{seg},", *rest]) + "\n"
    return data


def test_the_cent_a_capped_share_took_is_in_its_note(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # 100 × 1/3 = 33,3333… each; down to the cent 99,99, the leftover cent to the first code on the equal remainder:
    # A 33,34, B 33,33, C 33,33. A's maximum 20,00 cuts A's 33,34: the part leaves 100 − 20 − 33,33 − 33,33 = 13,34,
    # which is 33,34 − 20,00: A's share with its cent
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "20.00", "B": "33.33", "C": "33.33"}
    said_a = explain(result, "person", "A")
    assert (
        "oltre il massimo per persona: la quota sarebbe € 33,34 (importo esatto € 33,3333…: € 33,33 al centesimo per "
        "difetto, più un centesimo: i centesimi che l'arrotondamento lascia vanno ai resti più alti); riceve il massimo"
    ) in said_a
    said_b = explain(result, "person", "B")
    assert "importo esatto € 33,3333…: € 33,33 al centesimo per difetto: a parità di resto" in said_b
    pool = explain(result, "pool", "performance_individuale")
    assert pool is not None
    assert "residuo € 13,34" in pool
