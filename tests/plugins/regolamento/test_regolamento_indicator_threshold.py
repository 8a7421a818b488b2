"""``[[indicatori]]``: «sotto l'80% del target l'indicatore vale 0», the threshold many SMVPs put on an indicator's
achievement (format 2). Below it the indicator counts nothing, at 30/6 as at year end; the explanation shows the
achievement as computed, the threshold and the result with the article. Above 100% stays impossible
(rules/core.md §1): a cap above 100% is an error. Every figure by hand, with the arithmetic beside it."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain

from helpers import one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Sistema di misurazione e valutazione della performance del Comune di Soglia"
sigla = "SMVP"
tipo_ente = "comune"
"""
THRESHOLD = (
    HEAD
    + """
[[indicatori]]
soglia = "80%"
fonte = "art. 6 c. 3"
"""
)
ONLY_HIGHER = THRESHOLD.replace('soglia = "80%"', 'soglia = "80%"\ntipi = ["più è meglio"]')

INDICATORS = """\
id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
IA,OB1,Pratiche online,higher,,,10,7,5,3,,,
IB,OB1,Dipendenti formati,higher,,,10,8,5,4.5,,,
IC,OB1,Giorni di rilascio,lower,,,5,6,,,,,
ID,OB1,Tempi di pagamento,lower,,,30,40,,,,,
"""


def comune() -> dict[str, str]:
    files = one_unit_comune("Comune di Soglia", [], [], "")
    files["indicators.csv"] = INDICATORS
    return files


def test_below_the_threshold_an_indicator_counts_nothing(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, THRESHOLD, comune())
    got = {k: v.achievement for k, v in result.org.indicators.items()}
    # IA 7/10 = 70% < 80% → 0; IB 8/10 = 80%, not below → 80%; IC 5/6 = 83,33% → 83,33%; ID 30/40 = 75% → 0
    assert got == {"IA": Decimal("0"), "IB": Decimal("0.8"), "IC": Decimal("0.8333"), "ID": Decimal("0")}
    # OB1, equal weights: (0 + 0.8 + 0.8333 + 0) / 4 = 0.408325 → 0.4083 (without the threshold 0.7708)
    assert result.org.objectives["OB1"] == Decimal("0.4083")
    figure = result.figures["indicator:IA"]
    assert figure.source == "SMVP, art. 6 c. 3"
    said = {i.name: i.value for i in figure.inputs}
    assert said["raggiungimento calcolato"] == Decimal("0.7") and said["soglia"] == Decimal("0.8")
    assert said["target"] == Decimal("10") and said["consuntivo"] == Decimal("7")  # the cells, as the core's
    assert "80%" in figure.formula and figure.label == "Indicatore IA — Pratiche online"
    # the figure of an indicator above the threshold says the threshold too, and the value it keeps
    assert {i.name: i.value for i in result.figures["indicator:IC"].inputs}["raggiungimento calcolato"] == Decimal(
        "0.8333"
    )


def test_the_threshold_of_some_types_leaves_the_others_alone(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ONLY_HIGHER, comune())
    # ID is «meno è meglio»: 30/40 = 75% kept; OB1 = (0 + 0.8 + 0.8333 + 0.75) / 4 = 0.595825 → 0.5958
    assert result.org.indicators["ID"].achievement == Decimal("0.75")
    assert result.org.objectives["OB1"] == Decimal("0.5958")
    assert result.figures["indicator:ID"].source != "SMVP, art. 6 c. 3"  # the core's own figure


def test_at_30_6_the_threshold_applies_too(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(THRESHOLD, encoding="utf-8")
    result = ciclope_ente("regolamento", comune(), year=2024, params={"regolamento": str(path)}, until="monitoraggio")
    # IA at 30/6: 3/5 = 60% < 80% → 0; IB 4.5/5 = 90% → 90%
    assert {k: m.achievement for k, m in result.monitoring.items()} == {"IA": Decimal("0"), "IB": Decimal("0.9")}
    figure = result.figures["monitoring:IA"]
    said = {i.name: i.value for i in figure.inputs}
    assert (said["target"], said["consuntivo"], said["raggiungimento calcolato"]) == (5, 3, Decimal("0.6"))
    assert figure.source == "SMVP, art. 6 c. 3" and "indicator:IA" not in result.figures


def test_explain_shows_the_computed_achievement_the_threshold_and_the_source(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, THRESHOLD, comune())
    text = explain(result, "objective", "OB1")
    assert text is not None
    assert "raggiungimento calcolato = 70%" in text, text
    assert "soglia = 80%" in text and "sotto la soglia dell'80% vale 0%" in text and "SMVP, art. 6 c. 3" in text


def test_a_cap_above_100_percent_is_an_error(tmp_path):
    found = regulation_problems(tmp_path, THRESHOLD + "massimo = 1.2\n")
    assert any("al più il 100%" in m for m in found), found


def test_a_type_in_two_blocks_is_an_error(tmp_path):
    twice = ONLY_HIGHER + '\n[[indicatori]]\nsoglia = "50%"\ntipi = ["più è meglio", "progetto"]\nfonte = "art. 7"\n'
    found = regulation_problems(tmp_path, twice)
    assert any("più è meglio" in m and "due" in m for m in found), found


def test_regolamento_leggi_says_the_threshold(tmp_path):
    text = regulation_text(tmp_path, ONLY_HIGHER)
    assert "Sotto l'80% del target" in text and "di tipo «più è meglio» vale 0" in text, text
    assert "Il raggiungimento degli indicatori (art. 6 c. 3)" in text


def test_a_project_written_progetto_in_the_sheet_is_the_project_type(ciclope_ente, tmp_path):
    """The guide's `tipi = ["progetto"]` names the type as an office says it: indicatori.csv takes «progetto» too
    (it printed «progetto (% completamento)» and refused «progetto»). A project at 45% of its target, below a
    threshold of 50% for projects, counts nothing."""
    text = THRESHOLD.replace('soglia = "80%"', 'soglia = "50%"\ntipi = ["progetto"]')
    files = comune()
    files["indicators.csv"] = (
        "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
        "IP,OB1,Digitalizzazione pratiche,progetto,,,100,45,,,,,\n"
        "IA,OB1,Pratiche online,più è meglio,,,10,7,,,,,\n"
    )
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # IP 45/100 = 45% < 50% → 0; IA 7/10 = 70%, not a project → 70%
    assert result.ente.indicators["IP"].type == "project"
    assert {k: v.achievement for k, v in result.org.indicators.items()} == {"IP": Decimal("0"), "IA": Decimal("0.7")}
