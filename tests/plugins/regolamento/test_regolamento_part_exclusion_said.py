"""An exclusion of one part alone (``[[esclusioni]] parti``) beside a maggiorazione set aside from that part: what
the employee and the office read of it — the row of the part at 0 € with its reason in «Premi» of schede.xlsx, the
maggiorazione's row saying why, the personal scheda and ``ciclope explain`` giving the exclusion with its values.
Every amount by hand."""

from __future__ import annotations

import html
import re

from ciclope.core.reports import sheets
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import amounts, one_unit_comune, run_declared

TEXT = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Prova"
tipo_ente = "comune"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
parti = ["individuale"]
fonte = "art. 7"

[[premi]]
nome = "organizzativa"
metodo = "proporzionale"
valutazione = false
quota_fondo = 0.3
fonte = "art. 4"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
quota_fondo = 0.7
residuo_a = "maggiorazione"
fonte = "art. 5"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
quota_fondo = 0
importo = '=10% * PREMIO("individuale")'
ammesso = '=punteggio = MAX.ENTE(punteggio)'
accantonata = true
fonte = "art. 6"
"""

STAFF = [
    "A,Anna Alfa,dipendente,C,com,1,0,false,SEG",
    "B,Bruno Beta,dipendente,C,com,1,0,false,SEG",
    "C,Carla Gamma,dipendente,C,com,1,0,false,SEG",
]
CARDS = ["A,SEG,scheda,Valutazione,100,96,", "B,SEG,scheda,Valutazione,100,64,", "C,SEG,scheda,Valutazione,100,55,"]


def computed(ciclope_ente, tmp_path):
    funds = '[funds]\nperformance_individuale = "10000.00"\n'
    return run_declared(ciclope_ente, tmp_path, TEXT, one_unit_comune("Comune di Prova", STAFF, CARDS, funds))


def test_the_amounts(ciclope_ente, tmp_path):
    # organizzativa 30% of 10.000,00 = 3.000,00 among three alike: 1.000,00 each. individuale 70% = 7.000,00 among
    # A (96) and B (64), C (55 < 60) excluded: on the whole fund A 7.000 × 96 / 160 = 4.200,00, B 2.800,00. The
    # maggiorazione to A (96, the highest): 10% × 4.200,00 = 420,00, set aside: 7.000 − 420 = 6.580,00 divided again,
    # A 6.580 × 96 / 160 = 3.948,00, B 2.632,00. A: 1.000 + 3.948 + 420 = 5.368,00; B 3.632,00; C 1.000,00
    result = computed(ciclope_ente, tmp_path)
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "5368.00", "B": "3632.00", "C": "1000.00"}


def test_the_premiums_sheet_lists_the_part_an_exclusion_took_with_its_reason(ciclope_ente, tmp_path):
    """C (55 points, under the minimum of 60 of the part «individuale» alone) has the row of that part at 0 € with
    the exclusion and its article (``elenca_esclusi`` by default), and the maggiorazione's row says why she is out
    of it, as B's does: never «valutato» with an empty reason."""
    (table,) = [t for t in sheets.tables(computed(ciclope_ente, tmp_path)) if t.title == "Premi"]
    rows = {(row[0], row[4]): (str(row[5]), *row[6:]) for row in table.rows}
    act = "Regolamento del Comune di Prova"
    condition = f"la condizione della parte non vale: il punteggio non è uguale al massimo del punteggio tra i dipendenti dell'ente, {act}, art. 6"
    # C: organizzativa 3.000,00 / 3 = 1.000,00; individuale and maggiorazione nothing
    assert [key for key in rows if key[0] == "C"] == [
        ("C", "organizzativa"),
        ("C", "individuale"),
        ("C", "maggiorazione"),
    ]
    # «organizzativa» reads no evaluation (valutazione = false): its row says so, not C's outcome
    assert rows[("C", "organizzativa")] == ("1000.00", "senza valutazione individuale", None)
    assert rows[("C", "individuale")] == (
        "0.00",
        "escluso per punteggio sotto il minimo",
        f"punteggio sotto il minimo di 60 (per le parti: individuale), {act}, art. 7",
    )
    assert rows[("C", "maggiorazione")] == ("0.00", "valutato", condition)
    assert rows[("B", "maggiorazione")] == ("0.00", "valutato", condition)


def scheda(result, pid: str) -> str:
    """The personal scheda's text, tags and repeated spaces gone."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


EXCLUDED = "escluso dal premio: punteggio sotto il minimo di 60 (per le parti: individuale; punteggio 55,00)"
# the condition of the maggiorazione, with what it read: C's 55 and the highest of the ente, A's 96, both scores
REFUSED = (
    "Partecipazione di Carla Gamma alla parte «maggiorazione»: no — il punteggio non è uguale al massimo del "
    "punteggio tra i dipendenti dell'ente (il punteggio = 55,00 punti; il massimo del punteggio tra i dipendenti dell'ente = 96,00 punti)"
)


def test_explain_says_the_exclusion_before_the_condition_of_the_maggiorazione(ciclope_ente, tmp_path):
    """C is out of «individuale» by the exclusion of 60 points, and out of the maggiorazione because she is not the
    highest: the exclusion, the real reason, first; every score with «punti», as the tree says it."""
    text = explain(computed(ciclope_ente, tmp_path), "person", "C")
    unpaid = text[text.index("Non pagato:") : text.index("■")]
    assert unpaid.index(EXCLUDED) < unpaid.index(REFUSED)
    assert "= 55;" not in text and "= 96)" not in text


def test_the_scheda_says_why_the_part_is_not_paid_with_the_values(ciclope_ente, tmp_path):
    """C's scheda: the part «individuale» at 0 € says the exclusion with her score and the minimum, and «Non
    pagato» gives it first, then the maggiorazione's condition."""
    text = scheda(computed(ciclope_ente, tmp_path), "C")
    assert "Come si calcola: escluso: nessun premio." not in text
    assert (
        "Premio della parte «individuale»: € 0,00 Come si calcola: escluso dal premio: punteggio sotto il minimo di "
        "60 (punteggio 55,00): nessun premio. Fonte: Regolamento del Comune di Prova, art. 7; art. 5."
    ) in text
    unpaid = text[text.index("Non pagato") :]
    assert unpaid.index(f"{EXCLUDED}. Fonte: Regolamento del Comune di Prova, art. 7.") < unpaid.index(REFUSED)


def test_the_scheda_names_the_premium_before_the_set_aside_for_what_it_is(ciclope_ente, tmp_path):
    """A's maggiorazione reads his «individuale» on the whole fund, 7.000 × 96 / 160 = 4.200,00, not the 3.948,00 he
    receives after the set-aside: the two amounts never share one label, and no «vedi» points to a line the scheda
    has not."""
    text = scheda(computed(ciclope_ente, tmp_path), "A")
    assert "premio della parte «individuale» prima dell'accantonamento per la parte «maggiorazione» € 4.200,00" in text
    assert "premio della parte «individuale» € 4.200,00" not in text
    assert "premio della parte «individuale» € 3.948,00" in text
    assert "vedi l'accantonamento" not in text
    assert (
        "sui premi della parte «individuale» divisa sul fondo intero, prima dell'accantonamento: il fondo della parte "
        "«individuale» è poi ridotto dell'accantonamento per la parte «maggiorazione» e diviso di nuovo"
    ) in text
