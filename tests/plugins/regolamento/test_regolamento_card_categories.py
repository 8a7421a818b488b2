"""A [[scheda]] per category (or Area): «per la categoria D l'apporto agli obiettivi vale fino a 10 punti e le
competenze fino a 50; per le categorie A, B e C fino a 10 e 60» (the Comune di Cuneo's criteria). Each person is
scored by the card of their role and category, cited by its article; the office's forms get that card's items."""

from __future__ import annotations

from ciclope.core import Person
from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.read.load import load

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri del Comune di Prova"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
fonte = "art. 9"

[[scheda]]
fonte = "art. 6 c. 1"
ruoli = ["dipendente"]
categorie = ["Funzionari"]
voci = [
  { sezione = "Apporto", voce = "Apporto personale agli obiettivi", massimo = 10 },
  { sezione = "Competenze", voce = "Competenze e comportamenti", massimo = 50 },
]

[[scheda]]
fonte = "art. 6 c. 2"
ruoli = ["dipendente"]
categorie = ["A", "B", "C"]
voci = [
  { sezione = "Apporto", voce = "Apporto personale agli obiettivi", massimo = 10 },
  { sezione = "Competenze", voce = "Competenze e comportamenti", massimo = 60 },
]
"""


def data() -> dict[str, str]:
    staff = ["P1,Persona 1,dipendente,D,com,1,0,false,SEG", "P2,Persona 2,dipendente,C,com,1,0,false,SEG"]
    cards = [
        "P1,SEG,Apporto,Apporto personale agli obiettivi,10,8,",
        "P1,SEG,Competenze,Competenze e comportamenti,50,40,",
        "P2,SEG,Apporto,Apporto personale agli obiettivi,10,9,",
        "P2,SEG,Competenze,Competenze e comportamenti,60,54,",
    ]
    return one_unit_comune("Comune di Prova", staff, cards, '[funds]\nproduttivita = "1000.00"\n')


def test_each_person_is_scored_by_the_card_of_their_category(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data())
    # P1 (D): 100 × (8 + 40) / (10 + 50) = 80,00; P2 (C): 100 × (9 + 54) / (10 + 60) = 90,00
    # 1.000 split by score: P1 1.000 × 80 / 170 = 470,588… → 470,59; P2 1.000 × 90 / 170 = 529,411… → 529,41
    assert amounts(result) == {"P1": "470.59", "P2": "529.41"}
    assert "fonte:   Criteri del Comune di Prova, art. 6 c. 1\n" in explain(result, "person", "P1")
    assert "fonte:   Criteri del Comune di Prova, art. 6 c. 2\n" in explain(result, "person", "P2")


def test_the_forms_get_the_items_of_the_card_of_the_category(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    reg, problems = load(str(path))
    assert reg is not None and not problems
    funzionario = Person(id="P1", name="Persona 1", role="dipendente", category="D", unit="com")
    operatore = Person(id="P3", name="Persona 3", role="dipendente", category="A", unit="com")
    segretario = Person(id="SEG", name="Segretario", role="segretario", category="DIR", unit="com")
    d, a = grades.card_of(reg, funzionario), grades.card_of(reg, operatore)
    assert d is not None and a is not None
    assert [i.max_points for i in d.items] == [10, 50] and [i.max_points for i in a.items] == [10, 60]
    assert grades.card_of(reg, segretario) is None  # no card of the role: the evaluations file's items


def test_leggi_says_whose_card_it_is(tmp_path):
    text = regulation_text(tmp_path, REGULATION)
    assert "La scheda dei dipendenti della categoria Funzionari (art. 6 c. 1) ha 2 voci" in text
    assert "La scheda dei dipendenti delle categorie A, B e C (art. 6 c. 2) ha 2 voci" in text


def test_a_category_in_two_cards_of_a_role_is_an_error(tmp_path):
    twice = REGULATION.replace('categorie = ["A", "B", "C"]', 'categorie = ["C", "Funzionari"]')
    [message] = regulation_problems(tmp_path, twice)
    assert message == (
        "riga 24, chiave scheda[2].categorie: il ruolo «dipendente» ha già una scheda (scheda[1]) per la categoria "
        "«Funzionari» (D): una sola scheda per ruolo e categoria"
    )


def test_a_card_of_every_category_beside_one_of_some_is_an_error(tmp_path):
    everyone = REGULATION.replace('categorie = ["A", "B", "C"]\n', "")
    [message] = regulation_problems(tmp_path, everyone)
    assert message == (
        "riga 23, chiave scheda[2].ruoli: il ruolo «dipendente» ha già una scheda (scheda[1]): una sola scheda per "
        "ruolo, o una per categoria con la chiave categorie"
    )


def test_a_word_that_names_no_category_is_an_error(tmp_path):
    [message] = regulation_problems(tmp_path, REGULATION.replace('"Funzionari"', '"Funzionario"'))
    assert "Funzionario" in message
