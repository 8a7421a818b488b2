"""``FASCIA("parte")`` (formato 2): the band a part paid before placed the person in, read by a later part's
formulas and by the progressions («collocati nelle prime due fasce di merito»). Every amount by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

TEXT = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Fasce"
tipo_ente = "comune"

[[premi]]
nome = "fasce di merito"
metodo = "fasce"
fonte = "art. 11"
fasce = [
  { nome = "alta", personale = 0.2, risorse = 0.5 },
  { nome = "media", personale = 0.4, risorse = 0.3 },
  { nome = "bassa", personale = 0.4, risorse = 0.2 },
]

[[premi]]
nome = "eccellenza"
metodo = "formula"
fondo = "eccellenza"
importo = '=SE(FASCIA("fasce di merito") = "alta"; 300 €; SE(FASCIA("fasce di merito") = "media"; 100 €; 0 €))'
fonte = "art. 12"
"""
# (id, score): 5 people, the bands hold ⌊5 × 0.2⌋ = 1, ⌊5 × 0.6⌋ − 1 = 2 and the other 2
PEOPLE = [("A", 95), ("B", 90), ("C", 85), ("D", 80), ("E", 60)]


def files() -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid, _ in PEOPLE]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, score in PEOPLE]
    funds = '[funds]\nperformance_individuale = "10000.00"\neccellenza = "1000.00"\n'
    return one_unit_comune("Comune di Fasce", staff, cards, funds)


def test_a_later_part_pays_by_the_band_an_earlier_one_placed_each_in(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TEXT, files())
    # the bands: A alta; B, C media; D, E bassa. The eccellenza: A 300,00, B and C 100,00, D and E nothing: 500,00 of
    # its 1.000,00. With the merit bands' own premiums (alta 5.000,00 to A; media 3.000,00 to B and C, 1.500,00 each;
    # bassa 2.000,00 to D and E, 1.000,00 each), each person's two awards
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {
        "A": "5000.00",
        "B": "1500.00",
        "C": "1500.00",
        "D": "1000.00",
        "E": "1000.00",
        "A:eccellenza": "300.00",
        "B:eccellenza": "100.00",
        "C:eccellenza": "100.00",
        "D:eccellenza": "0.00",
        "E:eccellenza": "0.00",
    }
    pool = result.rewards.pools["eccellenza"]
    assert (pool.distributed, pool.residual) == (Decimal("500.00"), Decimal("500.00"))
    # the band read is an input of the amount, with the figure of the premium that band paid
    read = {i.name: i for i in result.figures["award:B:eccellenza"].inputs}
    band = read["fascia della parte «fasce di merito»"]
    assert (band.value, band.ref) == ("media", "award:B")
    assert result.figures["award:B"].value == Decimal("1500.00")


def test_the_band_is_said_in_words(tmp_path):
    text = regulation_text(tmp_path, TEXT)
    assert "la fascia della parte «fasce di merito» è uguale a «alta»" in text


@pytest.mark.parametrize(
    "written, problem",
    [
        ('FASCIA("fasce") = "alta"', "FASCIA(«fasce»): nessuna parte pagata prima ha questo nome; parti pagate "
         "prima: fasce di merito"),
        ('FASCIA(punteggio) = "alta"', 'FASCIA vuole il nome di una parte tra virgolette, es. FASCIA("fasce di '
         'merito")'),
    ],
)  # fmt: skip
def test_what_fascia_cannot_read_is_refused_when_read(tmp_path, written, problem):
    (message,) = regulation_problems(tmp_path, TEXT.replace('FASCIA("fasce di merito") = "alta"', written))
    assert message.endswith(problem), message


def test_fascia_is_not_read_where_no_part_was_paid_before(tmp_path):
    text = TEXT.replace('fonte = "art. 11"\n', 'fonte = "art. 11"\nammesso = \'=FASCIA("eccellenza") = "alta"\'\n', 1)
    (message,) = regulation_problems(tmp_path, text)
    assert "FASCIA(«eccellenza»): nessuna parte pagata prima ha questo nome" in message


def test_fascia_is_not_read_where_no_band_is_known(tmp_path):
    # a status is decided before any part pays: no band to read
    text = TEXT + '\n[[stati]]\nnome = "fuori"\netichetta = "fuori fascia"\ncoefficiente = 0\n'
    text += 'quando = \'=FASCIA("fasce di merito") = "bassa"\'\nfonte = "art. 13"\n'
    (message,) = regulation_problems(tmp_path, text)
    assert message.endswith("FASCIA non si usa in chi ha lo stato"), message
