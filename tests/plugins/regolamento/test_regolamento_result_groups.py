"""A regulation that gives the dirigenti and the EQ each their own retribuzione di risultato: two ``[[risultato_po]]``
(the Comune di Valmarina, a medium Comune's SMVP written by a blind office, cycle 2025; files in ``valmarina/``).

Art. 7 pays the dirigenti from the dirigenza fund (``risultato_dirigenti``, € 15.000,00) in proportion to score ×
position pay; art. 9 pays the EQ 25% of their position pay from 90 points, 20% from 75, 15% from 60, nothing below,
from their own fund (``risultato_eq``, € 5.500,00), a ceiling. The scores, from [punteggio] (dirigente 65% unit +
35% card; po 50% + 50%), the units' performance and the cards of valutazioni.csv:
- D01 (SAF 85,5%, card 86/100): 0,65 × 85,5 + 0,35 × 86 = 55,575 + 30,1 = 85,675 → 85,68; position 42.000,00
- D02 (STE 89%, card 74/100): 0,65 × 89 + 0,35 × 74 = 57,85 + 25,9 = 83,75; position 36.000,00
- E01 (SAF 85,5%, card 90/100): 0,5 × 85,5 + 0,5 × 90 = 87,75; position 12.000,00
- E02 (STE 89%, card 94/100): 0,5 × 89 + 0,5 × 94 = 91,5; position 9.500,00
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from ciclope.core.reports import transparency
from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import articles

from helpers import computed_case

HERE = Path(__file__).parent / "valmarina"
DATA = "comune-valmarina"


def case(tmp_path: Path, regulation: str | None = None, files: dict[str, str] | None = None) -> Path:
    """The Valmarina case copied under ``tmp_path``: its regulation replaced by ``regulation``, a file of its data by
    the text of ``files``; the cycle.toml returned."""
    shutil.copytree(HERE, tmp_path, dirs_exist_ok=True)
    if regulation is not None:
        (tmp_path / "regolamento.toml").write_text(regulation, encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / DATA / name).write_text(text, encoding="utf-8")
    return tmp_path / "cycle.toml"


def regulation() -> str:
    return (HERE / "regolamento.toml").read_text(encoding="utf-8")


def amounts(result) -> dict[str, str]:
    return {a.person: str(a.amount) for a in result.rewards.awards.values() if a.person[0] in "DE"}


def test_the_dirigenti_and_the_eq_each_paid_by_their_own_entry(tmp_path):
    """The blind office's hand figures. The dirigenti: weights 42.000 × 85,68 = 3.598.560 and 36.000 × 83,75 =
    3.015.000, Σ 6.613.560; D01 15.000 × 3.598.560 / 6.613.560 = 8.161,7797… → 8.161,78, D02 15.000 × 3.015.000 /
    6.613.560 = 6.838,2202… → 6.838,22 (8.161,78 + 6.838,22 = 15.000,00, nothing left). The EQ: E01 87,75 reaches
    the step of 75, 12.000 × 20% = 2.400,00; E02 91,5 that of 90, 9.500 × 25% = 2.375,00; 4.775,00 due, within the
    5.500,00 of the fund, whose 725,00 stay residual."""
    result = computed_case(case(tmp_path))
    assert amounts(result) == {"D01": "8161.78", "D02": "6838.22", "E01": "2400.00", "E02": "2375.00"}
    pools = result.rewards.pools
    assert (pools["risultato_dirigenti"].amount, pools["risultato_dirigenti"].distributed) == (
        Decimal("15000.00"),
        Decimal("15000.00"),
    )
    assert (pools["risultato_eq"].amount, pools["risultato_eq"].distributed) == (Decimal("5500.00"), Decimal("4775.00"))
    assert not [p for p in result.violations if p.severity == "error"], [p.message for p in result.violations]
    # the EQ's pay is their retribuzione di risultato, no part of the premium
    assert [part["part"] for part in result.rewards.extra["parti"]] == ["performance organizzativa",
                                                                         "performance individuale"]  # fmt: skip


def test_each_entry_is_said_by_its_roles(tmp_path):
    """explain heads each one's pay with their group's result pay, not the fixed words of the PO / EQ; the
    regulation read back has no «risultato EQ» part of the premium, and its article says both groups."""
    result = computed_case(case(tmp_path))
    dirigente = (explain(result, "person", "D01") or "").splitlines()
    assert "Retribuzione di risultato: € 8.161,78 — Retribuzione di risultato dei dirigenti" in dirigente, dirigente[:5]
    eq = (explain(result, "person", "E01") or "").splitlines()
    # the cycle's contract (Funzioni Locali after 2023) says «le EQ»; the file read alone, «le PO / EQ»
    assert "Retribuzione di risultato: € 2.400,00 — Retribuzione di risultato delle EQ" in eq, eq[:5]
    reg, problems = load(str(tmp_path / "regolamento.toml"))
    assert reg is not None and not problems
    said = {a.title: a.body for a in articles(reg)}
    assert "Le parti del premio" in said and "risultato EQ" not in said["Le parti del premio"]
    result_pay = said["La retribuzione di risultato"]
    assert "è diviso tra i dirigenti con una valutazione positiva" in result_pay
    assert "La retribuzione di risultato delle PO / EQ è una quota della retribuzione di posizione" in result_pay
    assert "il 25% da 90 punti; il 20% da 75 punti; il 15% da 60 punti" in result_pay


def test_a_negative_evaluation_of_an_eq_needs_its_contraddittorio(tmp_path):
    """E02's card at 5 + 5 + 5 + 5 = 20/100: 0,5 × 89 + 0,5 × 20 = 54,5, under the 60 of art. 9: nothing paid, and
    without a contraddittorio in ricorsi.csv the negative evaluation is an error (a [[premi]] part would not say
    it). D02 is not touched: 6.838,22 as before. The exclusion of art. 12 c. 1 (under 60 points) is read here for
    the dipendenti alone: for everyone it would exclude E02 before her evaluation is judged negative."""
    staff = regulation().replace('regola = "punteggio_minimo"', 'regola = "punteggio_minimo"\nruoli = ["dipendente"]')
    cards = (HERE / DATA / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    low = [",".join([*row.split(",")[:-1], "5"]) if row.startswith("E02,") else row for row in cards]
    result = computed_case(case(tmp_path, staff, files={"valutazioni.csv": "\n".join(low) + "\n"}))
    assert amounts(result)["E02"] == "0.00" and amounts(result)["D02"] == "6838.22"
    [problem] = [p for p in result.violations if p.rule == "regolamento.contraddittorio"]
    assert problem.severity == "error" and "Paolo Greco" in problem.message and "(54,50 < 60)" in problem.message


def test_a_reduction_of_the_result_pay_reaches_every_entry(tmp_path):
    """parti = ["risultato_po"] reduces the result pay of both groups: 10% to whoever was absent more than 9 days.
    E01 (10 days) 2.400,00 × 0,9 = 2.160,00; the dirigenti (5 and 8 days) and E02 (3) are not cut. Read back, the
    reduction names both groups."""
    reduced = regulation() + (
        '\n[[riduzioni]]\nriduzione = "=SE(assenze > 9 giorni; 10%; 0%)"\nparti = ["risultato_po"]\nfonte = "art. 14"\n'
    )
    result = computed_case(case(tmp_path, reduced))
    assert amounts(result) == {"D01": "8161.78", "D02": "6838.22", "E01": "2160.00", "E02": "2375.00"}
    reg, _ = load(str(tmp_path / "regolamento.toml"))
    assert reg is not None
    said = {a.title: a.body for a in articles(reg)}
    assert "La retribuzione di risultato delle PO / EQ e dei dirigenti è ridotta" in said["Le riduzioni del premio"]


def test_the_national_quota_counts_the_eq_entry_alone(tmp_path):
    """The 15% of the EQ's resources to result pay (CCNL 21.5.2018 art. 15 c. 4) reads the EQ's fund, never the
    dirigenti's: with risultato_eq at 3.000,00 it is 3.000 / (12.000 + 9.500 + 3.000) = 3.000 / 24.500 = 12,24…%,
    below 15%; the 15.000,00 of the dirigenti would have lifted it above."""
    ente = (HERE / DATA / "ente.toml").read_text(encoding="utf-8").replace('"5500.00"', '"3000.00"')
    result = computed_case(case(tmp_path, files={"ente.toml": ente}))
    [quota] = [p for p in result.violations if p.rule == "ccnl.po_result_quota"]
    assert "posizione € 21.500,00 + risultato € 3.000,00" in quota.message, quota.message


def errors(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "regolamento.toml").write_text(text, encoding="utf-8")
    reg, problems = load(str(tmp_path / "regolamento.toml"))
    assert reg is None
    return [p.message for p in problems]


def test_two_entries_paying_one_role_are_an_error_naming_both(tmp_path):
    text = regulation().replace('ruoli = ["po"]', 'ruoli = ["po", "dirigente"]')
    [message] = errors(tmp_path, text)
    assert "il [[risultato_po]] n. 2 (ruoli = [\"po\", \"dirigente\"]) e il n. 1 (ruoli = [\"dirigente\"])" in message
    assert "pagano entrambi i dirigenti" in message and "togli «dirigente» dai ruoli dell'uno o dell'altro" in message


def test_two_entries_share_no_fund_nor_the_position_share(tmp_path):
    same = regulation().replace('fondo = "risultato_eq"', 'fondo = "risultato_dirigenti"')
    [message] = errors(tmp_path, same)
    assert "pagano dallo stesso fondo «risultato_dirigenti»" in message and "fondo = " in message
    twice = (
        regulation()
        .replace('metodo = "fondo"', 'metodo = "quota_posizione"')
        .replace('metodo = "percentuale"', 'metodo = "quota_posizione"')
    )
    messages = errors(tmp_path, twice)
    assert any("hanno entrambi metodo = \"quota_posizione\"" in m for m in messages), messages


def test_one_table_reads_as_a_list_of_one(tmp_path):
    """[risultato_po] as one table is the same entry as one [[risultato_po]]: the same amounts, D01 8.161,78."""
    one = regulation().split("# Art. 9:")[0].replace("[[risultato_po]]", "[risultato_po]")
    rest = regulation().split("# Art. 13:")[1]
    result = computed_case(case(tmp_path, one + "# Art. 13:" + rest))
    assert amounts(result) == {"D01": "8161.78", "D02": "6838.22"}


def test_one_table_paying_the_dirigenti_from_the_default_fund_is_theirs(tmp_path):
    """[risultato_po] with ruoli = ["dirigente"] and no fondo pays from «risultato_po», whose label said the PO / EQ:
    now the dirigenti's; the amounts are those of art. 7, D01 8.161,78."""
    one = regulation().split("# Art. 9:")[0].replace("[[risultato_po]]", "[risultato_po]")
    one = one.replace('fondo = "risultato_dirigenti"\n', "")
    rest = regulation().split("# Art. 13:")[1]
    ente = (HERE / DATA / "ente.toml").read_text(encoding="utf-8").replace("risultato_dirigenti", "risultato_po")
    result = computed_case(case(tmp_path, one + "# Art. 13:" + rest, files={"ente.toml": ente}))
    lines = (explain(result, "person", "D01") or "").splitlines()
    assert "Retribuzione di risultato: € 8.161,78 — Retribuzione di risultato dei dirigenti" in lines, lines[:5]


def test_a_dirigente_redoes_the_split_of_the_fund_from_the_explanation(tmp_path):
    """The dirigenti's fund is split by position pay × score: D01's explanation gives the weight and the sum it is
    divided by, so the amount is redone by hand. 42.000 × 85,68 = 3.598.560 (the score on two decimals, as shown);
    Σ = 3.598.560 + 36.000 × 83,75 (3.015.000) = 6.613.560; 15.000 × 3.598.560 / 6.613.560 = 8.161,78."""
    result = computed_case(case(tmp_path))
    text = explain(result, "person", "D01") or ""
    assert "  • peso (retribuzione di posizione × punteggio) = 3.598.560\n" in text
    assert "  • Σ dei pesi dei valutati positivamente = 6.613.560\n" in text  # no trailing zeros
    assert "fondo × (retribuzione di posizione × punteggio) / Σ dei pesi dei valutati positivamente" in text


def without_eq_fund() -> str:
    """ente.toml with no risultato_eq in [fondi]: the EQ's pool is what art. 9 makes due (percentuale)."""
    return (HERE / DATA / "ente.toml").read_text(encoding="utf-8").replace('risultato_eq = "5500.00"\n', "")


def allocated(result) -> list[str]:
    """The «stanziato» lines of trasparenza.csv's funds, by their names."""
    return [
        row[2] for row in transparency.rows(result) if row[0] == "Fondi per la performance" and "stanziato" in row[2]
    ]


def test_a_fund_not_in_fondi_is_named_by_its_roles_as_one_in_it(tmp_path):
    """Without risultato_eq in [fondi] the EQ's pool is what is due, E01 2.400,00 + E02 2.375,00 = 4.775,00, all of
    it paid; it reads «Retribuzione di risultato delle EQ» (the contract of the year), as it does in [fondi], beside the dirigenti's: never
    two funds both «Retribuzione di risultato»."""
    result = computed_case(case(tmp_path, files={"ente.toml": without_eq_fund()}))
    pool = result.rewards.pools["risultato_eq"]
    assert (pool.amount, pool.distributed, pool.label) == (
        Decimal("4775.00"),
        Decimal("4775.00"),
        "Retribuzione di risultato delle EQ",
    )
    lines = allocated(result)
    assert "Retribuzione di risultato dei dirigenti: stanziato" in lines, lines
    assert "Retribuzione di risultato delle EQ: stanziato" in lines, lines
    assert "Retribuzione di risultato: stanziato" not in lines, lines


def test_a_label_names_a_fund_not_in_fondi(tmp_path):
    """[etichette] risultato_eq names the EQ's pool of what is due (4.775,00) wherever it is read, as it names a fund
    of [fondi]; the key names a fund the regulation has: no warning."""
    named = regulation() + '\n[etichette]\nrisultato_eq = "Retribuzione di risultato delle EQ"\n'
    result = computed_case(case(tmp_path, named, files={"ente.toml": without_eq_fund()}))
    assert result.rewards.pools["risultato_eq"].label == "Retribuzione di risultato delle EQ"
    assert "Retribuzione di risultato delle EQ: stanziato" in allocated(result)
    assert not [p.message for p in result.violations if p.rule == "regolamento.etichette"]
