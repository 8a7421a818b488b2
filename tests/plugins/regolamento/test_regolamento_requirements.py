"""Requirements of a part of the score for the level ([[livelli.requisiti]], formato 2): «almeno 70 nei
comportamenti, altrimenti una fascia sotto». Every level and amount by hand."""

from __future__ import annotations

from ciclope.plugins.regolamento.read.load import load

from helpers import amounts, one_unit_comune, placed, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Requisiti"
tipo_ente = "comune"

[livelli]
fonte = "art. 6"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 75 }, { nome = "C", da = 60 }]
requisiti = [{ parte = "sezione:Comportamenti", minimo = 70, fonte = "art. 6 c. 2" }]

[premio]
metodo = "livelli"
massimo = "1000.00"
coefficienti = { A = 1, B = 0.6, C = 0.3 }
fonte = "art. 9"
"""
# (id, Risultati points of 100, Comportamenti points of 100); the card is 100 × (r + c) / 200
PEOPLE = [("S1", 100, 60), ("S2", 95, 90), ("S3", 100, 85), ("S4", 60, 50)]


def files() -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid, _, _ in PEOPLE]
    cards = []
    for pid, results, behaviour in PEOPLE:
        cards.append(f"{pid},SEG,Risultati,Obiettivi dell'unità,100,{results},")
        cards.append(f"{pid},SEG,Comportamenti,Collaborazione,100,{behaviour},")
    return one_unit_comune("Comune di Requisiti", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')


def test_a_section_below_its_minimum_moves_the_level_one_step_down(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    levels = {pid: s.level for pid, s in result.scores.items() if pid != "SEG"}
    # S1 (100 + 60) / 2 = 80 → B, but Comportamenti 60 < 70 → C; S2 92.5 → A (90 ≥ 70); S3 92.5 → A (85 ≥ 70);
    # S4 55: no level at all, nothing to move
    assert levels == {"S1": "C", "S2": "A", "S3": "A", "S4": None}
    # 1000 × 0.3 = 300.00; 1000 × 1; 1000 × 1; no level: 0
    assert amounts(result) == {"S1": "300.00", "S2": "1000.00", "S3": "1000.00", "S4": "0.00"}
    note = result.figures["score:S1"].note
    assert "un livello sotto B: sezione «Comportamenti» della scheda 60,00 sotto 70" in note
    assert "art. 6 c. 2" in note


def test_no_level_when_the_regulation_says_so(ciclope_ente, tmp_path):
    text = REGULATION.replace('minimo = 70, fonte', 'minimo = 70, effetto = "nessun_livello", fonte')
    result = run_declared(ciclope_ente, tmp_path, text, files())
    assert result.scores["S1"].level is None  # 80 would be B; Comportamenti 60 < 70
    assert amounts(result)["S1"] == "0.00"


def test_a_part_that_is_no_part_of_the_score(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION.replace('"sezione:Comportamenti"', '"comportamento"'), encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is None
    assert [placed(p) for p in found] == [
        "riga 9, chiave livelli.requisiti[1].parte: parte «comportamento» sconosciuta; ammesse: scheda, unita, "
        "ente, cruscotto o sezione:Nome"
    ]
