"""The regulation's ``comparto`` runs the national layer for its ente, and for no other: the 20-person Comune
of test_regolamento_from_docs with and without ``comparto = "funzioni_locali"`` (cycle 2024)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core.inputs.config import load_config
from ciclope.core.problems import CiclopeError
from ciclope.core.run.explain import explain
from ciclope.core.run.runner import compute
from ciclope.core.schede.content import build
from ciclope.core.testing import write_ente

from comune_from_docs import REGULATION, files
from helpers import RESULT_PART, two_dirigenti

WITH = REGULATION.replace('tipo_ente = "comune"\n', 'tipo_ente = "comune"\ncomparto = "funzioni_locali"\n')
NATIONAL = "Disposizioni nazionali applicate (CCNL Funzioni Locali e leggi sulla performance)"


def run(ciclope_ente, tmp_path: Path, text: str, given: dict | None = None):
    tmp_path.mkdir()
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    return ciclope_ente("regolamento", given or files(), year=2024, params={"regolamento": str(path)})


def test_the_comparto_of_the_regulation_runs_the_layer_for_its_ente_only(ciclope_ente, tmp_path):
    assert WITH != REGULATION
    under = run(ciclope_ente, tmp_path / "con", WITH)
    alone = run(ciclope_ente, tmp_path / "senza", REGULATION)
    assert [i.name for i in under.plugin.layers] == ["ccnl_funzioni_locali"] and alone.plugin.layers == ()
    # art. 69 CCNL 2018 in force in 2024, not configured in [ente.national]: the layer's warning, no money moved
    assert "ccnl.art69.not_configured" in {p.rule for p in under.violations}
    assert not [p for p in alone.violations if p.rule.startswith("ccnl.")]
    assert NATIONAL in [s.title for s in under.sections] and NATIONAL not in [s.title for s in alone.sections]
    # the PIAO (from 2022) and the individual objectives by end of February (from 2024) join the calendar
    acts = [d.act for d, _ in under.calendar]
    assert any(a.startswith("Adozione del PIAO") for a in acts)
    assert not any(d.act.startswith("Adozione del PIAO") for d, _ in alone.calendar)
    # without the layer, the law's Piano is the plugin's assumption, its date the law's (D.Lgs. 150/2009 art. 10)
    assert [d.source for d, _ in alone.calendar if d.approval == "piano_adopted"] == [
        "D.Lgs. 150/2009 art. 10 c. 1 lett. a (data: ipotesi, il regolamento non la fissa: la legge dà la data)"
    ]
    assert {k: a.amount for k, a in under.rewards.awards.items()} == {
        k: a.amount for k, a in alone.rewards.awards.items()
    }


def test_a_premium_of_the_eq_alone_is_no_staff_premium_for_the_maggiorazione(ciclope_ente, tmp_path):
    """Art. 69 CCNL 2018 raises the staff's individual premium: a regulation whose premium pays only PO / EQ (an
    interim, say) has none, and is not told that the maggiorazione is missing."""
    only_eq = WITH.replace('[premio]\nmetodo = "livelli"\n', '[premio]\nmetodo = "livelli"\nruoli = ["po"]\n')
    assert only_eq != WITH
    result = run(ciclope_ente, tmp_path / "eq", only_eq)
    assert "ccnl.art69.not_configured" not in {p.rule for p in result.violations}
    # and the national provisions do not claim a warning the run did not give (0 avvisi of it)
    [section] = [s for s in result.sections if s.title == NATIONAL]
    [art69] = [row[-1] for row in section.rows if row[-1].startswith("non configurata dal contratto integrativo")]
    assert "(avviso)" not in art69 and "nessun premio individuale pagato da maggiorare" in art69
    # where the warning is given (the premium of the dipendenti), the row says so
    warned = run(ciclope_ente, tmp_path / "dip", WITH)
    [section] = [s for s in warned.sections if s.title == NATIONAL]
    assert "non configurata dal contratto integrativo (avviso)" in [row[-1] for row in section.rows]


def test_position_pay_beyond_the_contract_is_an_error_under_the_comparto_only(ciclope_ente, tmp_path):
    given = files()
    given["people.csv"] = given["people.csv"].replace("12000.00", "19000.00")  # PO1; at most 18000 in 2024
    under = run(ciclope_ente, tmp_path / "con", WITH, given)
    alone = run(ciclope_ente, tmp_path / "senza", REGULATION, given)
    [problem] = [p for p in under.violations if p.rule == "ccnl.eq_pay.range"]
    assert problem.severity == "error" and problem.column == "position_pay"
    assert "€ 19.000,00" in problem.message and "€ 5.000,00–€ 18.000,00" in problem.message
    assert not [p for p in alone.violations if p.rule == "ccnl.eq_pay.range"]
    # the regulation pays as written either way: 96 ≥ 95 → 19000 × 0.25 = 4750.00
    assert under.rewards.awards["PO1"].amount == alone.rewards.awards["PO1"].amount == Decimal("4750.00")


def cycle(tmp_path: Path, text: str, national: str) -> Path:
    (tmp_path / "smvp.toml").write_text(text, encoding="utf-8")
    write_ente(tmp_path / "dati", files())
    path = tmp_path / "cycle.toml"
    path.write_text(
        f'[cycle]\nyear = 2024\n[[ente]]\nid = "prova"\nplugin = "regolamento"\nregolamento = "smvp.toml"\n'
        f'data = "dati"\n{national}',
        encoding="utf-8",
    )
    return path


def test_art69_configured_in_cycle_toml_for_a_regolamento_ente(tmp_path):
    plan = load_config(cycle(tmp_path, WITH, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"))
    result = compute(plan.enti[0], plan.year)
    # paid from performance_individuale: S01 S02 S03 S04 S05 S06 S10 S11 S12 S13 S15 S16, n = 12 (the rest 0 €),
    # attributed 8595.00 of the fund 10000.00 (the per-capita maximum leaves 1405.00 unpaid)
    # mean of the premiums attributed = 8595.00 / 12 = 716.25; M = 0.30 × 716.25 = 214.875 → 214.88
    # one ranking of the 16 dipendenti evaluated (S07 S08 S09 S14 included): slots = floor(0.10 × 16) = 1
    # the first by score is S01 (98; S10 follows with 97: no tie at the cut)
    assert result.rewards.awards["S01:maggiorazione_art69"].amount == Decimal("214.88")
    assert [a.person for a in result.rewards.awards.values() if a.pool == "maggiorazione_art69"] == ["S01"]
    staff = result.rewards.pools["performance_individuale"]
    # the set-aside 214.88 comes from the 1405.00 left unpaid: nobody's premium changes
    assert staff.amount == Decimal("9785.12")  # 10000.00 − 214.88
    assert (staff.distributed, staff.residual) == (Decimal("8595.00"), Decimal("1190.12"))  # 1405.00 − 214.88
    paid = {a.person: a.amount for a in result.rewards.awards.values() if a.pool == "performance_individuale"}
    assert (
        paid["S01"] == Decimal("1000.00")
        and paid["S04"] == Decimal("350.00")
        and sum(paid.values()) == Decimal("8595.00")
    )
    assert result.figures["art69:fondo:performance_individuale"].value == Decimal("9785.12")
    # explain --pool starts from what the fund holds after the set-aside, as its header says, the whole fund under it
    text = explain(result, "pool", "performance_individuale")
    said = text.split("\n")
    # typed in [fondi] (not destined by a fund): 10000.00 − 214.88 set aside = 9785.12
    assert said[1].startswith(
        "Stanziato € 10.000,00 − € 214,88 accantonati per la maggiorazione del premio individuale (art. 81 CCNL "
        "Funzioni Locali 16.11.2022) = € 9.785,12 · "
    )
    # the residual as a subtraction, 9785.12 − 8595.00 = 1190.12; no pieces: the premium left 10000.00 − 8595.00 =
    # 1405.00, of which the layer took 214.88, and the pieces said are only those that make the residual alone
    assert said[2] == "Residuo = stanziato − distribuito = € 9.785,12 − € 8.595,00 = € 1.190,12"
    # the fund by the words of the plugin, as every document names it, not by its key
    assert said[4].endswith("— Premi per la performance individuale dopo l'accantonamento = € 9.785,12")
    assert (
        "  • fondo intero = € 10.000,00\n" in text
        and "• accantonati per la maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022) = "
        "€ 214,88\n"
        in text
    )
    # the Relazione says which readings were taken, and cites art. 81 CCNL 16.11.2022 in a 2024 cycle
    [applied] = [s for s in result.sections if s.title == NATIONAL]
    assert "personale valutato di ogni graduatoria" in applied.note and "premi attribuiti" in applied.note
    assert result.rewards.pools["maggiorazione_art69"].source.startswith("art. 81 CCNL Funzioni Locali 16.11.2022")


def test_art69_beyond_the_residual_the_regulation_splits_the_reduced_fund_once(tmp_path):
    text = WITH
    plan = load_config(cycle(tmp_path, text, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.25 }\n"))
    ente = plan.enti[0]
    (tmp_path / "dati" / "ente.toml").write_text(
        'name = "Comune di Prova"\n[funds]\nperformance_individuale = "8800.00"\n', encoding="utf-8"
    )
    result = compute(ente, plan.year)
    # the regulation on the whole fund 8800.00 pays its maxima: 8595.00, residual 205.00 (as with 10000.00)
    # mean = 8595.00 / 12 = 716.25; M = 0.30 × 716.25 = 214.88
    # the quota counts the 16 dipendenti evaluated (S07 S08 S09 S14, paid 0, included): floor(0.25 × 16) = 4
    # (12 positively evaluated would give 3): S01 98, S10 97 (part time 0.8), S13 96, S02 95; S03 94 is 5th
    magg = {a.person: a.amount for a in result.rewards.awards.values() if a.pool == "maggiorazione_art69"}
    assert magg == dict.fromkeys(["S01", "S10", "S13", "S02"], Decimal("214.88"))
    # set-aside 4 × 214.88 = 859.52 > 205.00: the regulation splits 8800.00 − 859.52 = 7940.48 once, in
    # proportion to its maxima (8595.00 due > 7940.48): k = 7940.48 / 8595 = 0.923848749…
    #   1000 → 923.848749 (S01 S02 S13), 700 → 646.694124 (S03 S05 S06 S12 S16), 350 → 323.347062 (S04),
    #   800 → 739.078999 (S10), 525 → 485.020593 (S11), 420 → 388.016474 (S15)
    # floors: 3×923.84 + 5×646.69 + 323.34 + 739.07 + 485.02 + 388.01 = 7940.41 → 7 cents by largest remainder:
    #   S10 (.8999), S01 S02 S13 (.8749), S04 (.7062), S15 (.6475), then one 700 (.4124) by score: S03 94
    paid = {a.person: a.amount for a in result.rewards.awards.values() if a.pool == "performance_individuale"}
    expected = {"S01": "923.85", "S02": "923.85", "S13": "923.85", "S10": "739.08", "S04": "323.35",
                "S15": "388.02", "S03": "646.70", "S16": "646.69", "S05": "646.69", "S06": "646.69",
                "S12": "646.69", "S11": "485.02"}  # fmt: skip
    assert {k: v for k, v in paid.items() if v > 0} == {k: Decimal(v) for k, v in expected.items()}
    staff = result.rewards.pools["performance_individuale"]
    assert (staff.amount, staff.distributed, staff.residual) == (Decimal("7940.48"), Decimal("7940.48"), Decimal(0))
    assert staff.amount + result.rewards.pools["maggiorazione_art69"].amount == Decimal("8800.00")
    figure = result.figures["art69:fondo:performance_individuale"]
    assert figure.value == Decimal("7940.48") and "una sola volta" in figure.formula
    # S01's explanation reads the reduced fund in euro, from its own figure (the whole fund and the set-aside
    # under it), and the maggiorazione in the words and units of the contract, never a key or an English word
    text = explain(result, "person", "S01")
    assert "  • fondo: € 8.800,00 − € 859,52 accantonati per la maggiorazione = € 7.940,48\n" in text
    assert "— Premi per la performance individuale dopo l'accantonamento = € 7.940,48\n" in text
    assert (
        "• fondo intero = € 8.800,00\n" in text
        and "• accantonati per la maggiorazione del premio individuale (art. 81 CCNL Funzioni Locali 16.11.2022) = "
        "€ 859,52\n"
        in text
    )
    assert "fondo ridotto dell'accantonamento per la maggiorazione del premio individuale\n" in text
    # M = 0,30 × 716,25 = 214,875 → € 214,88; the CCDI's share of the mean as the percentage it is
    assert "■ Maggiorazione del premio individuale di " in text and "(art. 81 CCNL Funzioni Locali" in text
    assert "• maggiorazione = € 214,88\n" in text and "• valore medio = € 716,25\n" in text
    assert "• quota del valore medio (CCDI) = 30%\n" in text and "• graduatoria = unica dell'ente\n" in text
    assert "art69:" not in text and "share" not in text and "floor" not in text


def test_the_scheda_says_the_fund_less_the_set_aside_of_the_maggiorazione(tmp_path):
    """The premium read from the fund the set-aside reduced says the subtraction where it reads the fund, as a part
    set aside by another part says it: the scheda shows no figure under its elements, and the employee redoes it."""
    plan = load_config(cycle(tmp_path, WITH, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.25 }\n"))
    (tmp_path / "dati" / "ente.toml").write_text(
        'name = "Comune di Prova"\n[funds]\nperformance_individuale = "8800.00"\n', encoding="utf-8"
    )
    result = compute(plan.enti[0], plan.year)
    # four places of 214,88 (the test above): set aside 4 × 214,88 = 859,52; 8.800,00 − 859,52 = 7.940,48
    (payment,) = [p for p in build(result, "S01").payments if p.pool.startswith("Premi per la performance")]
    lines = {line.label: line.value for line in payment.steps}
    assert lines["fondo: € 8.800,00 − € 859,52 accantonati per la maggiorazione"] == "€ 7.940,48"
    assert "fondo" not in lines


def test_ente_national_without_a_comparto_is_a_configuration_error(tmp_path):
    with pytest.raises(CiclopeError) as err:
        load_config(cycle(tmp_path, REGULATION, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"))
    [problem] = err.value.problems
    assert problem.rule == "config.national_unused" and problem.column == "ente[prova].nazionale"
    assert problem.message.startswith("[ente.nazionale] non si applica: l'ente (plugin regolamento) non appartiene")


@pytest.mark.parametrize(
    ("broken", "wrong"),
    [
        ('metodo = "livelli"', 'metodo = "livelii"'),  # a value not allowed: the file reads, the regulation not
        ("[atto]", "[atto"),  # TOML that does not parse: nothing of the file is known
    ],
)
def test_a_regulation_that_does_not_read_says_nothing_of_ente_national(tmp_path, broken, wrong):
    """The comparto of an unreadable regulation is unknown: [ente.nazionale] is not called out of place (the
    regulation declares comparto = "funzioni_locali"); only the regulation's own mistake is said."""
    text = WITH.replace(broken, wrong, 1)
    assert text != WITH
    [ente] = load_config(
        cycle(tmp_path, text, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n")
    ).enti
    rules = [p.rule for p in ente.invalid]
    assert "config.national_unused" not in rules and rules, rules
    assert all(p.file.endswith("smvp.toml") for p in ente.invalid), ente.invalid


def test_a_positive_po_below_the_lowest_result_step_is_warned(ciclope_ente, tmp_path):
    text = REGULATION.replace("  { da = 80, quota = 0.20 },\n  { da = 60, quota = 0.15 },\n", "")
    assert text != REGULATION
    result = run(ciclope_ente, tmp_path / "gradini", text)
    # steps: only 95 → 25%; positive from 60: PO2 (85) and PO3 (82) are positive, under every step: 0 € each
    # PO1 (96): 12000 × 0.25 = 3000.00; PO4 (55) is negative (no warning of this kind)
    awards = result.rewards.awards
    assert (awards["PO1"].amount, awards["PO2"].amount, awards["PO3"].amount) == (Decimal("3000.00"), 0, 0)
    warned = [p for p in result.violations if p.rule == "regolamento.risultato_sotto_gradini"]
    # people.csv: header 1, SEG 2, S01..S16 rows 3..18, PO1 19, PO2 20, PO3 21
    assert [(p.severity, p.row) for p in warned] == [("warning", 20), ("warning", 21)]
    assert "85,00 ≥ 60" in warned[0].message and "(95)" in warned[0].message


def test_the_15_percent_result_quota_is_checked_under_a_declared_regulation(ciclope_ente, tmp_path):
    # the regulation of test_regolamento_from_docs pays PO1 25%, PO2 and PO3 20% of their position pay: result
    # 3000 + 1900 + 1600 = 6500.00 of 6500 + 36500 (12000 + 9500 + 8000 + 7000) = 43000 → 15.1%: no warning
    under = run(ciclope_ente, tmp_path / "quindici", WITH)
    assert not [p for p in under.violations if p.rule == "ccnl.po_result_quota"]
    # 10% at every step: 1200 + 950 + 800 = 2950.00 of 2950 + 36500 = 39450 → 7.48% < 15%: a warning naming
    # the contract in force in 2024 (the EQ quota of the CCNL 16.11.2022, from 1.4.2023)
    text = WITH.replace("quota = 0.25", "quota = 0.10").replace("quota = 0.20", "quota = 0.10")
    text = text.replace("quota = 0.15 }", "quota = 0.10 }")
    low = run(ciclope_ente, tmp_path / "dieci", text)
    [warned] = [p for p in low.violations if p.rule == "ccnl.po_result_quota"]
    assert warned.severity == "warning" and warned.source == "CCNL Funzioni Locali 16.11.2022"  # not the 2026 one
    assert "7,48%" in warned.message and "€ 36.500,00" in warned.message and "€ 2.950,00" in warned.message
    # what it compares: without [posizioni] the position pay due of people.csv, not the resources budgeted; the
    # contract cited once, as the source
    assert "la posizione è la somma delle retribuzioni di posizione dovute" in warned.message
    assert "non le risorse stanziate" in warned.message and "16.11.2022" not in warned.message


def test_the_result_quota_waits_for_the_po_scores(ciclope_ente, tmp_path):
    # the July check, before the PO are evaluated: no PO has a score, nothing is paid, and 0,00% to the result would
    # be a warning about evaluations not made yet, not about the fund
    text = WITH.replace("quota = 0.25", "quota = 0.10").replace("quota = 0.20", "quota = 0.10")
    given = files()
    rows = given["evaluations.csv"].splitlines()
    given["evaluations.csv"] = "\n".join(r for r in rows if not r.startswith("PO")) + "\n"
    assert given["evaluations.csv"] != files()["evaluations.csv"]
    early = run(ciclope_ente, tmp_path / "luglio", text, given)
    assert not [p for p in early.violations if p.rule == "ccnl.po_result_quota"]


def test_the_1999_range_of_an_ente_without_dirigenza(ciclope_ente, tmp_path):
    # 2017 (CCNL 31.3.1999): PO position pay €5,164.57–12,911.42 (art. 10 c. 2), €3,098.74–12,911.42 in an ente
    # without dirigenza (art. 11 c. 1). PO4's 7000.00 → 4000.00: inside the ente's range (only a Segretario leads it)
    given = files()
    given["people.csv"] = given["people.csv"].replace("7000.00", "4000.00").replace("12000.00", "12900.00")
    path = tmp_path / "smvp.toml"
    path.write_text(WITH, encoding="utf-8")
    alone = ciclope_ente("regolamento", given, year=2017, params={"regolamento": str(path)})
    assert not [p for p in alone.violations if p.rule == "ccnl.eq_pay.range"]
    # with a dirigente in the ente, 4000.00 is under the €5,164.57 of art. 10 c. 2: an error
    given["people.csv"] = given["people.csv"].replace(
        "SEG,Segretario,segretario,DIR,com,1,0,false,,",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,\nDIR1,Dirigente,dirigente,DIR,com,1,0,false,SEG,",
    )
    led = ciclope_ente("regolamento", given, year=2017, params={"regolamento": str(path)})
    [problem] = [p for p in led.violations if p.rule == "ccnl.eq_pay.range"]
    assert (
        "€ 4.000,00" in problem.message
        and "€ 5.164,57" in problem.message
        and problem.source == ("CCNL 31.3.1999 art. 10 c. 2")
    )


def test_roles_and_categories_are_named_by_the_contract_of_the_ente_comparto(ciclope_ente, tmp_path):
    """The Aree and the Elevata qualificazione are the words of the CCNL Funzioni Locali 16.11.2022: its layer
    names PO1 (role po, category D) so in 2024; an ente outside the comparto is named by the core's words."""
    from ciclope.core.reports.relazione.names import Names
    from ciclope.core.schede.content import _about

    under = run(ciclope_ente, tmp_path / "con", WITH)
    alone = run(ciclope_ente, tmp_path / "senza", REGULATION)

    def role(result) -> str:
        return next(line.value for line in _about(result, "PO1") if line.label == "Ruolo")

    assert (
        role(under) == "Elevata qualificazione (EQ), Area dei Funzionari e dell'Elevata qualificazione (ex categoria D)"
    )
    assert role(alone) == "Posizione organizzativa, categoria D"
    assert Names(under).person("PO1").role == "Elevata qualificazione (EQ)"
    assert Names(alone).person("PO1").role == "Posizione organizzativa"


def test_the_grado_di_differenziazione_needs_two_levels_or_bands(ciclope_ente, tmp_path):
    """Premiums split by score without levels or bands have one «level», nobody's: its mean over itself said
    1,00 of premiums from a few euro to a thousand. Not defined, as the published data leave it out."""
    start, end = WITH.index("[livelli]"), WITH.index("[premio]")
    by_score = WITH[:start] + WITH[end:].replace(
        'metodo = "livelli"\nfonte = "art. 4"\nmassimo = "1000.00"\ncoefficienti = { pieno = 1, intermedio = 0.7, '
        "base = 0 }\n",
        'metodo = "proporzionale"\nfonte = "art. 4"\n',
    )
    assert "[livelli]" not in by_score and 'metodo = "proporzionale"' in by_score
    result = run(ciclope_ente, tmp_path / "punteggio", by_score)
    [section] = [s for s in result.sections if s.title.startswith("Differenziazione dei premi")]
    [row] = [r for r in section.rows if r[0] == "Premi per la performance individuale"]
    # no highest level, no share at it, no grado
    assert row[2:] == ("—", None, "non definito (meno di due livelli o fasce con premio)")
    with_levels = run(ciclope_ente, tmp_path / "livelli", WITH)
    [section] = [s for s in with_levels.sections if s.title.startswith("Differenziazione dei premi")]
    [row] = [r for r in section.rows if r[0] == "Premi per la performance individuale"]
    # pieno (coefficient 1 × 1000.00 × fte): S01, S02, S13 1000.00, S10 (0.8) 800.00: mean 3800 / 4 = 950.00;
    # intermedio (0.7): S03, S05, S06, S12, S16 700.00, S04 (0.5) 350.00, S11 (0.75) 525.00, S15 (0.6) 420.00:
    # 4795 / 8 = 599.375; 950 / 599.375 = 1.58498… → 1.58 (base's coefficient 0 pays nobody)
    assert row[4] == Decimal("1.58")


def test_the_differentiation_of_premiums_names_a_fund_by_its_words(ciclope_ente, tmp_path):
    """A fund of [fondi] that no label names («risultato_eq»), paying the result pay, is named by whom it pays,
    «Retribuzione di risultato delle EQ» (the contract of the year), in the layer's table as in every other table of
    the Relazione and of schede.xlsx: never the code ente.toml writes, nor words made of it («Fondo risultato EQ»)."""
    text = WITH.replace(
        '[risultato_po]\nmetodo = "percentuale"\n', '[risultato_po]\nmetodo = "percentuale"\nfondo = "risultato_eq"\n'
    )
    given = files()
    given["ente.toml"] += 'risultato_eq = "7000.00"\n'
    result = run(ciclope_ente, tmp_path / "eq", text, given)
    # PO1 96 points: 12000 × 25% = 3000.00; PO2 85: 9500 × 20% = 1900.00; PO3 82: 8000 × 20% = 1600.00; PO4 55, below
    # 60: nothing. 6500.00 ≤ 7000.00: three paid in full
    assert {p: str(result.rewards.awards[p].amount) for p in ("PO1", "PO2", "PO3")} == {
        "PO1": "3000.00",
        "PO2": "1900.00",
        "PO3": "1600.00",
    }
    # the premium pays the 12 dipendenti at pieno (S01, S02, S10, S13) or intermedio (S03–S06, S11, S12, S15, S16)
    [section] = [s for s in result.sections if s.title.startswith("Differenziazione dei premi")]
    assert [r[:2] for r in section.rows] == [
        ("Premi per la performance individuale", 12),
        ("Retribuzione di risultato delle EQ", 3),
    ]


def test_the_result_pay_s_level_is_said_one_way(ciclope_ente, tmp_path):
    """The result pay's steps are no bands of a fund (docs/reports.md): «Premi per livello» counts the EQ paid in one
    row, «non diviso per livello» (never «nessun livello», which would deny PO1 the level its 96 points give), and the
    differentiation of the same fund names no level of theirs either, never the level of the best scored EQ that the
    other table does not show."""
    from ciclope.core.reports.sheets import bands

    text = WITH.replace(
        '[risultato_po]\nmetodo = "percentuale"\n', '[risultato_po]\nmetodo = "percentuale"\nfondo = "risultato_eq"\n'
    )
    given = files()
    given["ente.toml"] += 'risultato_eq = "7000.00"\n'
    result = run(ciclope_ente, tmp_path / "eq", text, given)
    table = bands(result)
    eq = [r for r in table.rows if r[0] == "Retribuzione di risultato delle EQ"]
    # PO1, PO2, PO3 paid, PO4 (55) nothing: four EQ with an amount in the fund, which no level divides
    assert [r[1:4] for r in eq] == [("non diviso per livello", 4, 1)]
    [section] = [s for s in result.sections if s.title.startswith("Differenziazione dei premi")]
    [row] = [r for r in section.rows if r[0] == "Retribuzione di risultato delle EQ"]
    # 3000.00 / 1600.00 = 1.875 → 1.88: the highest over the lowest non-zero, for the EQ
    assert row[1:] == (3, "—", None, Decimal("1.88"))


def test_the_contract_range_of_a_partial_year_or_part_time_eq_is_scaled_to_its_share(ciclope_ente, tmp_path):
    """The CCNL range (€5,000–18,000 in 2024) is a whole year of a full-time incarico; people.csv writes the position
    pay due, so the range is scaled by fte × days of service / days of the year."""
    given = files()
    people = given["people.csv"].replace("position_pay\n", "position_pay,cessazione\n")
    people = "\n".join(line + ("," if line and not line.startswith("id,") else "") for line in people.split("\n"))
    # PO4 at 50%: due 4500.00, inside 5000 × 0.5 = 2500.00 – 18000 × 0.5 = 9000.00
    people = people.replace(
        "PO4,Persona PO4,po,D,amm,1,0,false,SEG,7000.00,", "PO4,Persona PO4,po,D,amm,0.5,0,false,SEG,4500.00,"
    )
    # PO3 ceased on 31/03/2024: 31 + 29 + 31 = 91 days of 366; due 8000 × 91 / 366 = 1989.07, inside
    # 5000 × 91 / 366 = 1243.169… → 1243.17 and 18000 × 91 / 366 = 4475.409… → 4475.41
    people = people.replace("SEG,8000.00,", "SEG,1989.07,31/03/2024")
    given["people.csv"] = people
    due = run(ciclope_ente, tmp_path / "dovuta", WITH, given)
    assert not [p for p in due.violations if p.rule == "ccnl.eq_pay.range"]
    # the annual 8000.00 of PO3 is above the 4475.41 of its 91 days; PO4's 10000.00 above the 9000.00 of its 50%
    given["people.csv"] = people.replace("SEG,1989.07,", "SEG,8000.00,").replace("SEG,4500.00,", "SEG,10000.00,")
    annual = run(ciclope_ente, tmp_path / "annua", WITH, given)
    po3, po4 = sorted((p for p in annual.violations if p.rule == "ccnl.eq_pay.range"), key=lambda p: p.row)
    assert "PO3 (€ 8.000,00)" in po3.message and "€ 1.243,17–€ 4.475,41" in po3.message
    assert "91 giorni di servizio su 366" in po3.message and "dovuta" in po3.message
    assert "PO4 (€ 10.000,00)" in po4.message and "€ 2.500,00–€ 9.000,00" in po4.message
    assert "tempo lavorato 50%" in po4.message


def test_a_compenso_paid_to_an_eq_is_no_result_pay_in_the_15_percent_quota(ciclope_ente, tmp_path):
    from ciclope.core import money
    from ciclope.core.outcomes import Award, Rewards
    from ciclope.plugins.ccnl_funzioni_locali import quota

    ente = run(ciclope_ente, tmp_path / "ente", WITH).ente
    # the position pay of PO1..PO3 of people.csv: 12000 + 9500 + 8000 + 7000 = 36500 (as above); their result pay
    # 1200 + 950 + 800 = 2950 from its fund; an incentive of a law (funzioni tecniche) of 1500 to PO1 alone
    pools = {
        "risultato_po": money.Pool(name="risultato_po", amount=Decimal("2950.00")),
        "incentivi": money.Pool(name="incentivi", amount=Decimal("1500.00"), kind=money.INCENTIVE),
    }
    paid = {"PO1": "1200.00", "PO2": "950.00", "PO3": "800.00"}
    awards = {f"{pid}:risultato_po": Award(pid, Decimal(v), "risultato_po") for pid, v in paid.items()}
    awards["PO1:incentivi"] = Award("PO1", Decimal("1500.00"), "incentivi")
    # the result-pay resources are the 2950 alone: 2950 / (2950 + 36500) = 7.48%, not (2950 + 1500) / … = 10.9%
    assert quota.po_resources(ente, Rewards(pools=pools, awards=awards)) == (Decimal("36500.00"), Decimal("2950.00"))


def test_the_dirigenti_posts_are_no_eq_position_pay_in_the_15_percent_quota(ciclope_ente, tmp_path):
    from ciclope.core import money
    from ciclope.core.outcomes import Award, Rewards
    from ciclope.plugins.ccnl_funzioni_locali import quota

    ente = run(ciclope_ente, tmp_path / "ente", WITH).ente
    # a [posizioni] that weighs the dirigenti's posts alone: its pool of position pay, 97.500 to D1 and D2 (no EQ),
    # is the dirigenti's fund, not the EQ's. The EQ's position pay stays that of people.csv, 36.500 (as above); their
    # result pay 2.950: 2.950 / (2.950 + 36.500) = 7.48%, never 2.950 / (2.950 + 97.500) = 2.94%
    pools = {
        "posizione": money.Pool(name="posizione", amount=Decimal("97500.00"), kind=money.POSITION),
        "risultato_po": money.Pool(name="risultato_po", amount=Decimal("2950.00")),
    }
    paid = {"PO1": "1200.00", "PO2": "950.00", "PO3": "800.00"}
    awards = {f"{pid}:risultato_po": Award(pid, Decimal(v), "risultato_po") for pid, v in paid.items()}
    awards |= {f"{d}:posizione": Award(d, Decimal(v), "posizione") for d, v in (("D1", "57500.00"), ("D2", "40000.00"))}
    rewards = Rewards(pools=pools, awards=awards)
    assert quota.po_resources(ente, rewards) == (Decimal("36500.00"), Decimal("2950.00"))
    assert quota.basis(ente, rewards).startswith("la somma delle retribuzioni di posizione dovute")


SHARED = WITH.replace("formato = 1", "formato = 2").replace(
    '[premio]\nmetodo = "livelli"\nfonte = "art. 4"\nmassimo = "1000.00"\n'
    "coefficienti = { pieno = 1, intermedio = 0.7, base = 0 }\n",
    '[[premi]]\nnome = "organizzativa"\nmetodo = "proporzionale"\nfondo = "performance_individuale"\n'
    'quota_fondo = "30%"\nperformance = "organizzativa"\nruoli = ["dipendente"]\nfonte = "art. 4 c. 1"\n\n'
    '[[premi]]\nnome = "individuale"\nmetodo = "proporzionale"\nfondo = "performance_individuale"\n'
    'quota_fondo = "70%"\nruoli = ["dipendente"]\nfonte = "art. 4 c. 2"\n',
)


def test_a_part_paid_from_the_whole_fund_reads_the_whole_funds_figure(tmp_path):
    """A fund shared by two parts, the set-aside for the maggiorazione taken from the part that pays the individual
    premium: the other part keeps its share of the whole fund, and its explanation, which reads «fondo = € 10.000,00»,
    opens the figure of that fund, never the reduced fund's, which shows another amount under the same line."""
    assert SHARED.count("[[premi]]") == 2
    plan = load_config(cycle(tmp_path, SHARED, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"))
    result = compute(plan.enti[0], plan.year)
    assert result.figures["art69:fondo:performance_individuale"].value < Decimal("10000.00")  # the fund was reduced
    text = explain(result, "person", "S01")
    # the part «organizzativa»: 30% of the whole fund 10000.00 = 3000.00, its fund the whole fund as typed
    said = text.split("\n")
    at = said.index("      • fondo della parte «organizzativa» = € 3.000,00")
    whole = [line.strip() for line in said[at : at + 8]]
    assert "• fondo = € 10.000,00" in whole
    assert whole[whole.index("• fondo = € 10.000,00") + 1] == "■ Premi per la performance individuale = € 10.000,00"


def test_the_scheda_of_a_person_paid_by_two_funds_says_their_total(tmp_path):
    """S01's premium (1000.00: «pieno» × 1000.00 full time) and the maggiorazione (214.88, as in the test above) are
    two amounts of two funds: the scheda personale adds them, as `explain` does, 1000.00 + 214.88 = 1214.88; S02
    (95, «pieno», no maggiorazione: 1 place) has one amount and no total."""
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    plan = load_config(cycle(tmp_path, WITH, "[ente.national]\nmaggiorazione = { share = 0.30, quota = 0.10 }\n"))
    result = compute(plan.enti[0], plan.year)
    scheda = build(result, "S01")
    assert [p.amount for p in scheda.payments] == ["€ 1.000,00", "€ 214,88"]
    assert scheda.totals == ("Totale dei premi: € 1.214,88",)
    assert "<p class='total'>Totale dei premi: € 1.214,88</p>" in render(scheda)
    assert build(result, "S02").totals == ()


DIRIGENTI = """\
formato = 2
[atto]
titolo = "Criteri della retribuzione di risultato dei dirigenti"
tipo_ente = "citta_metropolitana"
comparto = "funzioni_locali"
"""
DIRIGENTI += RESULT_PART


def test_the_provisions_of_the_comparto_s_staff_do_not_apply_to_an_ente_of_dirigenti(ciclope_ente, tmp_path):
    """The comparto's contract governs its dipendenti and EQ: for an ente whose people are dirigenti (and the
    Segretario) the rows of the EQ's pay, the interim and the maggiorazione say they do not apply; the law's rows
    (the differentiation, the calendar) still govern. With a dipendente and no EQ, only the EQ's rows do not."""
    given = two_dirigenti()
    [section] = [s for s in run(ciclope_ente, tmp_path / "dir", DIRIGENTI, given).sections if s.title == NATIONAL]
    said = {row[0]: row[-1] for row in section.rows}
    nobody = (
        "non si applica: tra il personale nessun dipendente del comparto né EQ (i dirigenti hanno il contratto "
        "della loro Area)"
    )
    interim = "Maggiorazione per l'incarico ad interim (quota della posizione coperta)"  # in force in 2024
    assert said[interim] == nobody
    assert [v for k, v in said.items() if k.startswith("Differenziazione del premio individuale")] == [nobody]
    assert [v for k, v in said.items() if k.startswith("Retribuzione di posizione degli incarichi")] == [nobody]
    assert said["Divieto di premi indifferenziati o automatici"] == "controllo dei premi di ogni fondo"
    # a dipendente among them: the maggiorazione is the staff's again, the EQ's rows have no EQ to govern
    given["people.csv"] += "E1,Bruno Neri,dipendente,C,com,1,0,false,SEG\n"
    given["evaluations.csv"] += "E1,SEG,Scheda,Valutazione,100,80,\n"
    mixed = DIRIGENTI.replace('ruoli = ["dirigente"]', 'ruoli = ["dirigente", "dipendente"]')
    [section] = [s for s in run(ciclope_ente, tmp_path / "dip", mixed, given).sections if s.title == NATIONAL]
    said = {row[0]: row[-1] for row in section.rows}
    assert said[interim] == "non si applica: nessuna EQ tra il personale"
    assert [v for k, v in said.items() if k.startswith("Differenziazione del premio individuale")] != [nobody]
