"""A regulation whose scores are written on its own scale ([punteggio] su = 400, formato 2): the thresholds of
the file in the card's points, judged on the score's points of that scale (points with points). Every level and
amount by hand."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render
from ciclope.plugins.regolamento.read.load import load

from helpers import amounts, one_unit_comune, placed, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Quattrocento"
tipo_ente = "comune"

[punteggio]
fonte = "art. 5"
su = 400

[livelli]
fonte = "art. 6"
scala = [{ nome = "eccellente", da = 360 }, { nome = "buono", da = 280 }, { nome = "sufficiente", da = 200 }]

[premio]
metodo = "soglie"
massimo = "1000.00"
piena = 360
minima = 200
tra_le_soglie = "lineare"
fonte = "art. 9"
"""
# four items of 100 points each: the card's 400 points; (id, points of each item)
PEOPLE = [("S1", (90, 95, 90, 85)), ("S2", (70, 70, 70, 69)), ("S3", (50, 50, 50, 49)), ("S4", (70, 70, 70, 70))]


def files() -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid, _ in PEOPLE]
    cards = [f"{pid},SEG,Scheda,Voce {i + 1},100,{p}," for pid, points in PEOPLE for i, p in enumerate(points)]
    return one_unit_comune("Comune di Quattrocento", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')


def test_thresholds_in_the_cards_points(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # S1 360 points = 90.00 on 100 → eccellente (from 360); S2 279 = 69.75 → sufficiente (280 would be buono);
    # S3 199 = 49.75 → below 200, no level; S4 280 = 70.00 → buono
    levels = {pid: s.level for pid, s in result.scores.items() if pid != "SEG"}
    assert levels == {"S1": "eccellente", "S2": "sufficiente", "S3": None, "S4": "buono"}
    # linear from 200 to 360 points: S1 1000 × 1; S2 1000 × (279 − 200) / 160 = 493.75; S3 0; S4 1000 × 80 / 160
    assert amounts(result) == {"S1": "1000.00", "S2": "493.75", "S3": "0.00", "S4": "500.00"}
    assert "sulla scala del regolamento: 279,00 punti su 400" in result.figures["score:S2"].note


def test_a_threshold_above_the_scale_is_refused(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION.replace("da = 360", "da = 460"), encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is None
    assert [placed(p) for p in found] == [
        "riga 12, chiave livelli.scala[1].da: 460 fuori dall'intervallo ammesso (da 0 a 400)"
    ]


def test_a_scenario_writes_points_too(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    regulation, found = load(str(path), {"premio.piena": 380})
    assert found == () and regulation is not None and regulation.premium is not None
    assert regulation.premium.full == 380  # kept in the file's points, judged on the score's points


def test_a_short_scale_judges_its_threshold_on_the_points_rounded_to_the_cent(ciclope_ente, tmp_path):
    """The reading of rules/core.md §3 on a scale of 4: the threshold meets the points as they are shown."""
    text = REGULATION.replace("su = 400", "su = 4").replace(
        'scala = [{ nome = "eccellente", da = 360 }, { nome = "buono", da = 280 }, { nome = "sufficiente", da = 200 }]',
        'scala = [{ nome = "eccellente", da = 3.5 }, { nome = "positivo", da = 2.5 }]',
    )
    text = text.replace("piena = 360", "piena = 3.5").replace("minima = 200", "minima = 2.5")
    staff = ["S1,Persona S1,dipendente,C,com,1,0,false,SEG", "S2,Persona S2,dipendente,C,com,1,0,false,SEG"]
    # one item of 1000 points: 874.9 → 87.49 on 100 → 3.4996 points on 4, shown 3.50: eccellente (from 3.5);
    # 873.7 → 87.37 → 3.4948, shown 3.49: positivo
    cards = ["S1,SEG,Scheda,Voce,1000,874.9,", "S2,SEG,Scheda,Voce,1000,873.7,"]
    files = one_unit_comune("Comune di Quattro", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, text, files)
    assert {pid: s.level for pid, s in result.scores.items() if pid != "SEG"} == {"S1": "eccellente", "S2": "positivo"}
    assert "sulla scala del regolamento: 3,50 punti su 4" in result.figures["score:S1"].note


def test_the_result_pay_shows_the_points_and_the_step_on_the_regulation_s_scale(ciclope_ente, tmp_path):
    text = REGULATION + (
        '\n[risultato_po]\nmetodo = "percentuale"\nfonte = "art. 10"\nsoglia_positiva = 240\n'
        "percentuali = [{ da = 320, quota = 0.25 }, { da = 240, quota = 0.15 }]\n"
    )
    data = files()
    staff_rows = data["people.csv"].splitlines()
    header = staff_rows[0] + ",position_pay"
    people = [row + "," for row in staff_rows[1:]] + ["PO1,Posizione Uno,po,D,com,1,0,false,SEG,10000.00"]
    data["people.csv"] = "\n".join([header, *people]) + "\n"
    data["evaluations.csv"] += "".join(f"PO1,SEG,Scheda,Voce {i + 1},100,85,\n" for i in range(4))
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # PO1: 4 × 85 = 340 points of 400 (85,00 on 100): the step «da 320», 25% of 10.000,00 = 2.500,00
    figure = result.figures["award:PO1:risultato_po"]
    assert figure.value == Decimal("2500.00")
    shown = {i.name: i.value for i in figure.inputs}
    assert shown["punti sulla scala del regolamento (su 400)"] == Decimal(340)
    assert shown["gradino raggiunto"] == "da 320 punti"
    assert shown["quota della posizione"] == Decimal("0.25")


def test_the_premium_s_formula_says_the_quota_as_a_percentage(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    (formula,) = {f.formula for key, f in result.figures.items() if key.startswith("award:S2")}
    # the quota beside the input «quota del massimo» (a percentage): 100% from 360 points, never «quota = 1 da 360»;
    # each span of points with its rule, never «…, in percentuale da 200» (from what, to what?)
    assert formula == (
        "massimo pro capite × quota del massimo × quota pagata, arrotondato per difetto al centesimo; quota del "
        "massimo: 100% da 360 punti; da 200 a 360 punti, (punteggio − 200) / (360 − 200) in percentuale; 0% sotto "
        "200 punti"
    )


def test_the_person_reads_the_score_in_the_regulation_s_points(ciclope_ente, tmp_path):
    """The levels are written in points of 400: the scheda and explain's header say S2's 279 points first, the
    score on 100 beside them (279 / 400 × 100 = 69,75), never 69,75 alone beside «buono da 280»."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    score = result.scores["S2"]
    assert (score.points, score.scale) == (Decimal("279.00"), Decimal(400))
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "S2")))))
    assert "Punteggio complessivo: 279,00 su 400 (69,75 su 100) · livello: sufficiente" in page
    header = explain(result, "person", "S2").splitlines()[2]
    assert header == "esito: valutato · punteggio 279,00 su 400 (69,75 su 100) · livello sufficiente"


def test_without_a_scale_of_its_own_the_score_is_on_100(ciclope_ente, tmp_path):
    # the same cards without su: S2's 279 of 400 card points are 69,75 on 100, and nothing else is said
    text = REGULATION.replace("su = 400\n", "").replace("360", "90").replace("280", "70").replace("200", "50")
    result = run_declared(ciclope_ente, tmp_path, text, files())
    assert (result.scores["S2"].points, result.scores["S2"].scale) == (None, None)
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "S2")))))
    assert "Punteggio complessivo: 69,75 su 100 · livello: sufficiente" in page
    assert explain(result, "person", "S2").splitlines()[2] == "esito: valutato · punteggio 69,75 · livello sufficiente"
