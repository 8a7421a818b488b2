"""What a person reads of their own progressione economica, and what the office's documents say of the places: a
graduatoria of a formula, places a quota of the candidates, a tie at the limit decided by a rule for equals, a
cost by Area as the office writes it (after the Comune di Serri's). Every figure computed by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import RAISE, Line, build
from ciclope.core.schede.render import render
from ciclope.plugins.regolamento.say.annex import TITLE, annex

from helpers import STAFF_HEADER, one_unit_comune, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento delle progressioni del Comune di Prova"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[colonne]]
nome = "anni_area"
tipo = "numero"
significato = "gli anni di esperienza nell'Area"
fonte = "art. 3"

[[colonne]]
nome = "eta"
tipo = "numero"
significato = "l'età in anni"
fonte = "art. 4"

[[colonne]]
nome = "media_triennio"
tipo = "numero"
significato = "la media delle valutazioni del triennio"
fonte = "art. 2"

[progressioni]
fonte = "artt. 1-5"
candidati = '=E(anni_area >= 2; IN.SERVIZIO("31/12"))'
graduatoria = "=media_triennio * 0,8 + MIN(20; 2 * anni_area)"
a_parita = ["=anni_area", "=eta"]
quota = 0.5
quota_su = "candidati"
fondo = "progressioni"
costo = '=PIÙ.SE(categoria = "Funzionari"; 1600 €; VERO; 650 €)'
"""
# (id, category, years in the Area, age, mean of the triennium):
#   D: 95 × 0,8 + MIN(20; 2 × 10) = 76 + 20 = 96
#   B: 86 × 0,8 + MIN(20; 2 × 8) = 68,8 + 16 = 84,8
#   C: 86 × 0,8 + MIN(20; 16) = 84,8, as B; the years equal (8 and 8), the age decides: B 50 before C 45
#   A: 90 × 0,8 + MIN(20; 2 × 3) = 72 + 6 = 78
#   E: 1 year in the Area < 2: not a candidate
# 4 candidates → ⌊50% × 4⌋ = 2 places: D (Funzionari, € 1.600) and B (Istruttori, € 650), 2.250 ≤ 3.000 of the fund
STAFF = [
    ("A", "C", "3", "40", "90"),
    ("B", "C", "8", "50", "86"),
    ("C", "C", "8", "45", "86"),
    ("D", "D", "10", "30", "95"),
    ("E", "C", "1", "33", "99"),
]


def _files() -> dict[str, str]:
    files = one_unit_comune("Comune di Prova", [], [], '[fondi]\nprogressioni = "3000.00"\n')
    header = f"{STAFF_HEADER},anni_area,eta,media_triennio"
    rows = [f"{pid},Persona {pid},dipendente,{cat},com,1,0,false,SEG,{y},{a},{m}" for pid, cat, y, a, m in STAFF]
    files["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false,,0,60,0", *rows]) + "\n"
    return files


def _run(ciclope_ente, tmp_path):
    return run_declared(ciclope_ente, tmp_path, REGULATION, _files())


def test_one_beyond_the_places_reads_their_score_the_places_and_the_rule_that_decided(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    assert result.rewards.extra["progressioni"] == ["D", "B"]
    scheda = build(result, "C")
    assert scheda.progression == (
        Line("Esito", "non selezionato: oltre i posti"),
        # 86 × 0,8 + 16 = 68,8 + 16 = 84,80, each part by the words of its formula
        Line(
            "Punteggio in graduatoria",
            "86 × 0,8 + 16 = 84,80 (86: la media delle valutazioni del triennio; 16: il minore tra 20 e 2 × gli "
            "anni di esperienza nell'Area)",
        ),
        Line("Posti", "2 posti: il 50% dei 4 candidati, per difetto"),
        Line("Posto in graduatoria", "3"),
        Line("Parità al limite", "a parità di punteggio al limite dei posti ha deciso il criterio «l'età in anni»"),
    )
    # never a colleague's name, place or age: B, at par and selected, aged 50, stays in the office's documents
    page = render(scheda)
    assert "Persona B" not in page
    assert "50 contro 45" not in page
    # B, on the other side of the limit, reads the same rule, and their cost
    assert Line("Parità al limite", scheda.progression[-1].value) in build(result, "B").progression


def test_one_not_a_candidate_reads_their_own_value_against_the_rule(ciclope_ente, tmp_path):
    scheda = build(_run(ciclope_ente, tmp_path), "E")
    # E: 1 year in the Area, the rule asks at least 2
    assert scheda.progression == (
        Line("Esito", "non candidato"),
        Line("Motivo", "gli anni di esperienza nell'Area sono meno di 2 (1 contro 2)"),
    )
    # «chi ha», never «chi è tale che»; the day of the condition with the cycle's year (2024)
    assert scheda.progression_rule.startswith(
        "Come si decide: è candidato chi ha questi requisiti: gli anni di esperienza nell'Area sono almeno 2 e la "
        "persona è in servizio al 31/12/2024."
    )


def test_the_relazione_counts_the_places_and_says_the_residual(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    table = next(s for s in annex(result) if s.title == "Progressioni economiche")
    rows = dict(table.rows)
    assert rows["Posti"] == 2
    assert rows["Calcolo dei posti"] == "⌊50% × 4⌋ = 2: il 50% dei 4 candidati, per difetto"
    # the fund 3.000 − (1.600 + 650) = 750, as the published table says it
    assert rows["Costo dei selezionati"] == Decimal("2250")
    assert rows["Residuo"] == Decimal("750")
    allegato = next(s for s in annex(result) if s.title == TITLE)
    said = " ".join(body for _, body in allegato.rows)
    assert "la persona è in servizio al 31/12/2024" in said
    assert "chi è tale che" not in said


def test_an_area_is_said_as_the_office_wrote_it_never_as_a_letter(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    # D, of the Funzionari, costs € 1.600: the formula reads «Funzionari» as the category D, and says it so
    assert result.rewards.extra["progressioni_detail"]["graduatorie"][0]["ranked"][0]["cost"] == Decimal("1600")
    text = explain(result, "person", "D")
    assert "la categoria (o l'Area) del contratto è uguale a «Funzionari»" in text
    assert "uguale a «D»" not in text
    (tmp_path / "leggi").mkdir()
    read = regulation_text(tmp_path / "leggi", REGULATION)
    assert "uguale a «Funzionari»" in read
    assert "uguale a «D»" not in read


def test_one_candidate_alone_and_a_meaning_in_parentheses_are_said_plainly(tmp_path):
    """«0 posti: il 50% del candidato» for a graduatoria of one candidate (⌊50% × 1⌋ = 0), and a column whose meaning
    ends in its own parenthesis said «(0-5 punti) (un numero da 0 a 5)»."""
    from ciclope.plugins.regolamento.pay.progressionlimits import places_words
    from ciclope.plugins.regolamento.read.load import load

    text = REGULATION.replace('"gli anni di esperienza nell\'Area"', '"gli anni di esperienza (nell\'Area)"')
    (tmp_path / "smvp.toml").write_text(text, encoding="utf-8")
    regulation, _ = load(str(tmp_path / "smvp.toml"))
    assert regulation is not None and regulation.progressions is not None
    assert places_words(regulation.progressions, 1, 0) == "0 posti: il 50% dell'unico candidato, per difetto"
    said = regulation_text(tmp_path, text)
    assert (
        "gli anni di esperienza (nell'Area; un numero)" in said
        and ") (" not in said.split("La colonna anni_area")[1][:90]
    )


def test_a_part_timer_reads_the_area_s_differential_and_her_share(ciclope_ente, tmp_path):
    """A cost in proportion to the time worked: the scheda says the differential and the share it is computed from,
    as the cost's formula computes it, never the reduced amount alone."""
    text = REGULATION.replace("VERO; 650 €)'", "VERO; 650 €) * quota_tempo'")
    files = _files()
    files["people.csv"] = files["people.csv"].replace(
        "B,Persona B,dipendente,C,com,1,", "B,Persona B,dipendente,C,com,0.5,"
    )
    result = run_declared(ciclope_ente, tmp_path, text, files)
    assert result.rewards.extra["progressioni"] == ["D", "B"]
    raise_of = {pid: [line for line in build(result, pid).progression if line.label == RAISE] for pid in ("B", "D")}
    # B (Istruttori, half time): € 650,00 × 50% = € 325,00; D (Funzionari, full time): € 1.600,00 × 100%
    assert [line.value for line in raise_of["B"]] == ["€ 650,00 × 50% = € 325,00"]
    assert [line.value for line in raise_of["D"]] == ["€ 1.600,00 × 100% = € 1.600,00"]


def test_a_graduatoria_rounded_shows_its_parts_and_the_rounding(ciclope_ente, tmp_path):
    # the number rounded to 2 decimals, as a Comune's text writes it: ARROTONDA around the sum
    rounded = REGULATION.replace(
        'graduatoria = "=media_triennio * 0,8 + MIN(20; 2 * anni_area)"',
        'graduatoria = "=ARROTONDA(media_triennio / 3 + MIN(20; 2 * anni_area); 2)"',
    )
    result = run_declared(ciclope_ente, tmp_path, rounded, _files())
    # C: 86 / 3 = 28,666… + MIN(20; 16) = 44,666… → 44,67
    [score] = [line for line in build(result, "C").progression if line.label == "Punteggio in graduatoria"]
    assert score.value == (
        "(86 : 3 + 16) arrotondato a 2 decimali = 44,67 (86: la media delle valutazioni del triennio; 16: il minore "
        "tra 20 e 2 × gli anni di esperienza nell'Area)"
    )
