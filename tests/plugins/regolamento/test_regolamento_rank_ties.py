"""RANGO.ENTE(x; y; …): the published texts break ties at a cut («a parità di punteggio prevale chi ha meno giorni di
assenza»), and the office writes it in the formula: each further argument decides among those still tied, the higher
first as x, the lower first where it is written negated (``-assenze``). People tied on every key share the place.
Every place by hand, with the arithmetic beside it."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render
from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.read.formulas import FormulaError, Scope, read

from helpers import amounts, one_unit_comune, run_declared

# «Ai primi tre in graduatoria un premio di € 100; a parità di punteggio prevale chi ha meno giorni di assenza»
# (an example text): the cap of three is decided by the tie-break, see the test below.
REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento performance"
tipo_ente = "comune"

[[premi]]
nome = "premio ai primi tre"
metodo = "formula"
fondo = "performance_individuale"
tempo_parziale = "intero"
ammesso = '={rank} <= 3'
importo = '=100 €'
fonte = "art. 10"
"""
TIED = "RANGO.ENTE(punteggio; -assenze)"
# id: (score, days of absence), in the file's order: P2, with more absences, is written before P3 and P4
PEOPLE = {"P1": (90, 0), "P2": (85, 10), "P3": (85, 5), "P4": (85, 5), "P5": (70, 0), "P6": (60, 0)}
# the sentence of the rank with its tie-break, as explain says it
SAID = "la posizione tra i dipendenti dell'ente per il punteggio (1 la più alta; a parità, per i giorni di assenza, dal più basso)"


def comune(ciclope_ente, tmp_path, rank: str = TIED):
    staff = [f"{p},Persona {p},dipendente,C,com,1,{days},false,SEG" for p, (_, days) in PEOPLE.items()]
    cards = [f"{p},SEG,scheda,Valutazione,100,{score}," for p, (score, _) in PEOPLE.items()]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    return run_declared(ciclope_ente, tmp_path, REGULATION.replace("{rank}", rank), data)


def place(text: str) -> str:
    """The place a person's explanation says, after the rank's sentence."""
    return text.split(f"• {SAID} = ", 1)[1].split("\n", 1)[0]


def test_the_tie_break_orders_those_tied_on_the_score(ciclope_ente, tmp_path):
    result = comune(ciclope_ente, tmp_path)
    # P1 90: nobody higher, place 1. The three at 85 are ordered by absences, fewest first: P3 and P4 (5 days each,
    # still tied) share place 1 + 1 (P1) = 2; P2 (10 days) comes after them: 1 + 1 (P1) + 2 (P3, P4) = 4. P5 70:
    # 1 + 4 = 5; P6 60: 1 + 5 = 6.
    places = {pid: place(explain(result, "person", pid)) for pid in PEOPLE}
    assert places == {"P1": "1", "P2": "4", "P3": "2", "P4": "2", "P5": "5", "P6": "6"}


def test_the_cap_of_three_is_decided_by_the_tie_break(ciclope_ente, tmp_path):
    # places 1, 4, 2, 2, 5, 6: at most 3 are P1, P3 and P4, three people, € 100 each; P2 (place 4) is left out
    assert amounts(comune(ciclope_ente, tmp_path)) == {"P1": "100.00", "P3": "100.00", "P4": "100.00"}
    # without the tie-break the three at 85 share place 2 (1 + P1) and all pass: four people for a cap of three
    (tmp_path / "senza").mkdir()
    untied = amounts(comune(ciclope_ente, tmp_path / "senza", "RANGO.ENTE(punteggio)"))
    assert untied == {"P1": "100.00", "P2": "100.00", "P3": "100.00", "P4": "100.00"}


def test_the_figure_lists_each_value_by_place_so_the_rank_is_redone_by_hand(ciclope_ente, tmp_path):
    text = explain(comune(ciclope_ente, tmp_path), "person", "P2")
    assert f"      • {SAID} = 4\n" in text
    assert f"        ■ Le persone in graduatoria per {SAID}, elencate per posizione = 6\n" in text  # six with a score
    assert (
        "          formula: il numero delle persone con un valore; il posto di ciascuna è 1 più il numero di quelle "
        "con un valore più alto o, a parità, che prevalgono per i giorni di assenza, dal più basso\n"
    ) in text
    # by place: P1; then P3 and P4 (85, 5 days) in the file's order; then P2 (85, 10 days); the days beside only
    # the three tied at 85, whom they order, with their cell (people.csv's row 2 is the Segretario, P1 on row 3);
    # P1 (90), P5 (70) and P6 (60) tie with nobody, and their days decide nothing
    listed = [line.strip() for line in text.splitlines() if line.startswith("          • Persona ")]
    assert listed == [
        "• Persona P1 (P1) = 90,00",
        "• Persona P3 (P3) = 85,00",
        "• Persona P3 (P3), a parità: i giorni di assenza = 5   ← people.csv, riga 5, colonna giorni_assenza",
        "• Persona P4 (P4) = 85,00",
        "• Persona P4 (P4), a parità: i giorni di assenza = 5   ← people.csv, riga 6, colonna giorni_assenza",
        "• Persona P2 (P2) = 85,00",
        "• Persona P2 (P2), a parità: i giorni di assenza = 10   ← people.csv, riga 4, colonna giorni_assenza",
        "• Persona P5 (P5) = 70,00",
        "• Persona P6 (P6) = 60,00",
    ]


def test_the_scheda_says_the_person_s_own_tie_break_value(ciclope_ente, tmp_path):
    page = html.unescape(re.sub(r"<[^>]+>", " ", render(build(comune(ciclope_ente, tmp_path), "P2"))))
    page = re.sub(r"\s+", " ", page)
    # P2: 85 points, 10 days, place 4 (1 + P1 + P3 + P4), more than 3: left out of the part. The place, the tie lost
    # and how places are decided, said once; the days are the person's own line of the scheda, not repeated
    assert (
        "no — è al 4° posto, a pari punteggio (85,00) con chi ha meno giorni di assenza; il premio spetta ai primi 3 "
        f"posti; il posto è {SAID}"
    ) in page
    assert "Giorni di assenza 10 " in page and f"{SAID} = 4" not in page


def test_one_argument_ranks_as_before(ciclope_ente, tmp_path):
    """RANGO.ENTE(punteggio): ties share the place, the figure lists the scores alone, its sentence has no «a parità»."""
    text = explain(comune(ciclope_ente, tmp_path, "RANGO.ENTE(punteggio)"), "person", "P2")
    assert "      • la posizione tra i dipendenti dell'ente per il punteggio (1 la più alta) = 2\n" in text  # 1 + P1
    assert "a parità" not in text
    assert (
        "          formula: il numero delle persone con un valore; il posto di ciascuna è 1 più il numero di quelle "
        "con un valore più alto\n"
    ) in text


def test_a_key_written_as_it_is_prefers_the_higher(ciclope_ente, tmp_path):
    # RANGO.ENTE(punteggio; assenze): among the three at 85, P2 (10 days) now first: 1 + 1 (P1) = 2; P3 and P4
    # (5 days) after P2: 1 + 1 + 1 = 3, both. Admitted at most 3: P1, P2, P3, P4.
    result = comune(ciclope_ente, tmp_path, "RANGO.ENTE(punteggio; assenze)")
    assert amounts(result) == {"P1": "100.00", "P2": "100.00", "P3": "100.00", "P4": "100.00"}
    text = explain(result, "person", "P3")
    said = "la posizione tra i dipendenti dell'ente per il punteggio (1 la più alta; a parità, per i giorni di assenza, dal più alto)"
    assert f"      • {said} = 3\n" in text


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            '=RANGO.ENTE(punteggio; ruolo) <= 3',
            "il secondo argomento di RANGO.ENTE (il ruolo) decide chi prevale a parità e vuole un numero, non un testo",
        ),
        (
            '=RANGO.GRUPPO(punteggio; -assenze; ruolo = "dipendente") <= 3',
            "il terzo argomento di RANGO.GRUPPO (il ruolo è uguale a «dipendente») decide chi prevale a parità e "
            "vuole un numero, non un vero/falso",
        ),
    ],
)
def test_a_tie_key_that_is_not_a_number_is_refused_naming_it(written, problem):
    with pytest.raises(FormulaError) as refused:
        read(written, Scope(PLACES["ammesso"], levels=("A", "B"), parts=("prima",)))
    assert str(refused.value) == problem


def test_a_tie_key_that_is_a_number_is_read():
    formula = read('=RANGO.ENTE(punteggio; -assenze; SEZIONE("Comportamenti")) <= 3', Scope(PLACES["ammesso"]))
    assert formula.text == 'RANGO.ENTE(punteggio; -assenze; SEZIONE("Comportamenti")) <= 3'
    assert Decimal(3) == formula.tree.right.value  # read whole: the comparison with 3 after the rank


# The same cap as a share of those evaluated positively, with the regulation's words for it: 60% of the 6 people with
# at least 60 points is 3.6, three places rounded down
SHARED = REGULATION.replace("'={rank} <= 3'", "'={rank} <= ARROTONDA.PER.DIF(60% * CONTA.ENTE(punteggio >= 60); 0)'")
SHARED = SHARED.replace(
    'fonte = "art. 10"', 'fonte = "art. 10"\nnota = "al 60% dei valutati; a parità prevale chi ha meno assenze"'
)


def scheda_text(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def test_a_place_lost_on_the_tie_break_is_said_plainly_on_the_scheda_and_in_explain(ciclope_ente, tmp_path):
    data_rank = SHARED.replace("{rank}", TIED)
    staff = [f"{p},Persona {p},dipendente,C,com,1,{days},false,SEG" for p, (_, days) in PEOPLE.items()]
    cards = [f"{p},SEG,scheda,Valutazione,100,{score}," for p, (score, _) in PEOPLE.items()]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, data_rank, data)
    assert amounts(result) == {"P1": "100.00", "P3": "100.00", "P4": "100.00"}  # floor(0.6 × 6) = 3 places
    # P2: 85 points like P3 and P4, who have fewer days (5 against 10): place 4, out of the first 3
    lost = (
        "è al 4° posto, a pari punteggio (85,00) con chi ha meno giorni di assenza; il premio spetta ai primi 3 posti "
        "(il 60% delle 6 persone per cui il punteggio è almeno 60, per difetto)"
    )
    page = scheda_text(result, "P2")
    # one statement, said once: the place, the places the premium reaches and how they are counted, how the places
    # are decided; never the condition in words again («… è più di 60% × …») nor the values read after it
    # («(il punteggio = 85,00 punti; … = 3)»); then the regulation's words for the rule
    assert (
        f"Partecipazione di Persona P2 alla parte «premio ai primi tre»: no — {lost}; il posto è {SAID}; nota del "
        "regolamento: al 60% dei valutati; a parità prevale chi ha meno assenze"
    ) in page
    line = page[page.index("Partecipazione di Persona P2") :]
    assert "è più di" not in line and "= 3)" not in line and "il punteggio = 85,00" not in line
    assert " tu " not in page and "dal più basso è" not in page
    assert "Persona P3" not in page and "Persona P4" not in page  # never a colleague on the scheda
    assert lost in explain(result, "person", "P2")
    # P5: 70 points, tied with nobody: its place alone
    five = scheda_text(result, "P5")
    # the count said with its condition: the 6 with at least 60 points, not the people of the ente
    assert (
        "no — è al 5° posto; il premio spetta ai primi 3 posti (il 60% delle 6 persone per cui il punteggio è almeno "
        f"60, per difetto); il posto è {SAID}; nota del regolamento:"
    ) in five
    assert f"no — {lost}; il posto è {SAID}; nota del regolamento:" in explain(result, "person", "P2")
    assert "a pari punteggio" not in five


# «Al 10% dei valutati positivamente, e almeno a uno»: 10% of the 6 with at least 60 points is 0.6, rounded down 0
# places; at least one, so one place: P1 alone (90 points, first)
AT_LEAST = REGULATION.replace(
    "'={rank} <= 3'", "'={rank} <= MAX(1; ARROTONDA.PER.DIF(10% * CONTA.ENTE(punteggio >= 60); 0))'"
)


def test_a_share_of_the_people_with_at_least_one_place(ciclope_ente, tmp_path):
    staff = [f"{p},Persona {p},dipendente,C,com,1,{days},false,SEG" for p, (_, days) in PEOPLE.items()]
    cards = [f"{p},SEG,scheda,Valutazione,100,{score}," for p, (score, _) in PEOPLE.items()]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, AT_LEAST.replace("{rank}", TIED), data)
    assert amounts(result) == {"P1": "100.00"}  # max(1, floor(0.1 × 6)) = max(1, 0) = 1 place
    # P5: 70 points, fifth; the places as the rule counts them, the «at least one» said
    assert (
        "no — è al 5° posto; il premio spetta al 1° posto (il 10% delle 6 persone per cui il punteggio è almeno 60, "
        "per difetto, e almeno 1)"
    ) in scheda_text(result, "P5")


def test_a_place_reached_is_said_as_a_place_not_reached_is(ciclope_ente, tmp_path):
    """The winner's scheda said the condition's formula in words («la posizione … è al più il maggiore tra 1 e 10% ×
    il numero delle persone … arrotondato per difetto all'unità: sì»), forty words to check by hand; now the place and
    the places the premium reaches, as the colleagues who did not reach one read them."""
    staff = [f"{p},Persona {p},dipendente,C,com,1,{days},false,SEG" for p, (_, days) in PEOPLE.items()]
    cards = [f"{p},SEG,scheda,Valutazione,100,{score}," for p, (score, _) in PEOPLE.items()]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, AT_LEAST.replace("{rank}", TIED), data)
    # P1: 90 points, nobody higher: place 1; max(1, floor(0.1 × 6)) = 1 place
    reached = (
        "è al 1° posto; il premio spetta al 1° posto (il 10% delle 6 persone per cui il punteggio è almeno 60, per "
        f"difetto, e almeno 1); il posto è {SAID}"
    )
    page = scheda_text(result, "P1")
    assert f"{reached} sì" in page
    assert "il maggiore tra" not in page
    assert f"• {reached} = sì" in explain(result, "person", "P1")
