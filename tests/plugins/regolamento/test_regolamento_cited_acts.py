"""A source that names another act is cited as written, never as a place of the declared regulation: «art. 78
CCNL Funzioni Centrali 12.2.2018» is the national contract's article, not «CI, art. 78 …» (article 78 of the
integrative contract); a bare «art. 5» or «sez. I» is the regulation's own and takes its short name. The residual
of a fund cites the rules that leave it, not the first part's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_regolamento_parts import FOUR, files

from ciclope.core.citation import cited
from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.read.load import load

from helpers import amounts, placed, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune di Parti"
sigla = "CI"
tipo_ente = "comune"

[livelli]
fonte = "art. 4"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 70 }, { nome = "C", da = 60 }]
"""
PARTS = (
    HEAD
    + """
[[premi]]
nome = "presenza"
metodo = "livelli"
quota_fondo = 0.3
massimo = "600.00"
coefficienti = { A = 1, B = 0.5, C = 0 }
fonte = "art. 78 CCNL Funzioni Centrali 12.2.2018"

[[premi]]
nome = "obiettivi"
metodo = "proporzionale"
quota_fondo = 0.6
fonte = "sez. II"
"""
)


def comune() -> dict[str, str]:
    """The four employees of the parts' tests (95, 85, 75, 65 points) and a fund of 10.000,00."""
    return files(FOUR, 'performance_individuale = "10000.00"')


@pytest.mark.parametrize(
    ("fonte", "said"),
    [
        # another act, named before or after the article: as written
        ("art. 78 CCNL Funzioni Centrali 12.2.2018", "art. 78 CCNL Funzioni Centrali 12.2.2018"),
        ("CCNL Funzioni Locali 16.11.2022, art. 17 c. 5", "CCNL Funzioni Locali 16.11.2022, art. 17 c. 5"),
        ("D.Lgs. 150/2009 art. 9", "D.Lgs. 150/2009 art. 9"),
        ("art. 1 c. 5 L. 190/2012", "art. 1 c. 5 L. 190/2012"),
        ("DPR 62/2013 art. 3", "DPR 62/2013 art. 3"),
        ("DL 25/2025 art. 14", "DL 25/2025 art. 14"),
        ("Regolamento degli uffici e dei servizi, art. 12", "Regolamento degli uffici e dei servizi, art. 12"),
        ("CCDI 2019, art. 5", "CCDI 2019, art. 5"),
        # another ente's system of evaluation or plan, which the office read its rule from
        ("SMVP Casale Monferrato, art. 37", "SMVP Casale Monferrato, art. 37"),
        # … and the ente's own system named by a contract («CI»): an act adopted apart, never «CI, SMVP, art. 4»
        ("SMVP, art. 4", "SMVP, art. 4"),
        ("SMVP art. 5 c. 1, allegato A", "SMVP art. 5 c. 1, allegato A"),
        ("art. 6; SMVP art. 4", "CI, art. 6; SMVP art. 4"),
        ("PIAO 2026-2028, sezione 2.2", "PIAO 2026-2028, sezione 2.2"),
        ("CCRL art. 74", "CCRL art. 74"),
        # the comparto Sanità's integrative contract, aziendale, and a framework contract: acts of their own
        ("CCIA premialità comparto", "CCIA premialità comparto"),
        ("CCIA 2023, art. 8", "CCIA 2023, art. 8"),
        ("CCDA 2022, art. 4", "CCDA 2022, art. 4"),
        ("CCNQ 22.2.2024, art. 2", "CCNQ 22.2.2024, art. 2"),
        ("determina di liquidazione della produttività 2019", "determina di liquidazione della produttività 2019"),
        (
            "verbale di accordo del 05.03.2024, premi ad personam",
            "verbale di accordo del 05.03.2024, premi ad personam",
        ),
        ("CI, art. 5", "CI, art. 5"),  # the regulation's own short name, written already: never «CI, CI, art. 5»
        ("ci, art. 5", "ci, art. 5"),  # … in lower case too: never «CI, ci, art. 5»
        ("contratto integrativo del comune di parti, art. 5", "contratto integrativo del comune di parti, art. 5"),
        # the regulation's own place: its short name first
        ("art. 5", "CI, art. 5"),
        ("sez. I", "CI, sez. I"),
        ("art. 6 c. 2 lett. b", "CI, art. 6 c. 2 lett. b"),
        ("allegato A, personale dipendente", "CI, allegato A, personale dipendente"),
        # a contract only named in a note, or in a quotation of the text, is no act the source names
        (
            "criteri EQ, interim (art. 17 c. 5 CCNL 16/11/2022)",
            "CI, criteri EQ, interim (art. 17 c. 5 CCNL 16/11/2022)",
        ),
        ("prospetto, colonna «da decurtare art. 12 CID»", "CI, prospetto, colonna «da decurtare art. 12 CID»"),
        # several places, «;» between them: each that names no act is the regulation's own, wherever it stands
        ("art. 6; art. 78 CCNL Funzioni Centrali 12.2.2018", "CI, art. 6; art. 78 CCNL Funzioni Centrali 12.2.2018"),
        ("art. 78 CCNL Funzioni Centrali 12.2.2018; art. 6", "art. 78 CCNL Funzioni Centrali 12.2.2018; CI, art. 6"),
        ("D.Lgs. 150/2009 art. 9; art. 5; sez. II", "D.Lgs. 150/2009 art. 9; CI, art. 5; sez. II"),
        ("art. 5; art. 6", "CI, art. 5; art. 6"),  # one act's places: its short name once
        ("CI, art. 5; art. 6", "CI, art. 5; art. 6"),
        ("criteri (art. 5; art. 6); DPR 62/2013 art. 3", "CI, criteri (art. 5; art. 6); DPR 62/2013 art. 3"),
    ],
)
def test_a_source_naming_an_act_is_cited_as_written(tmp_path, fonte, said):
    path = tmp_path / "smvp.toml"
    path.write_text(PARTS, encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is not None, [placed(p) for p in found]
    assert cited(cite(regulation, fonte)) == said


def test_a_bare_smvp_under_a_regulation_that_is_no_contract_is_its_own(tmp_path):
    # the office calls its own regulation «SMVP»: its short name first, as any place of it
    path = tmp_path / "smvp.toml"
    text = PARTS.replace('"Contratto integrativo del Comune di Parti"', '"Regolamento della performance di Parti"')
    path.write_text(text.replace('sigla = "CI"', 'sigla = "RP"'), encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is not None, [placed(p) for p in found]
    assert cited(cite(regulation, "SMVP, art. 4")) == "RP, SMVP, art. 4"
    assert cited(cite(regulation, "SMVP Casale Monferrato, art. 37")) == "SMVP Casale Monferrato, art. 37"


def test_the_explanation_cites_the_national_article_as_written(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PARTS, comune())
    # presenza: 10000 × 0.3 = 3000.00; A 600 × 1 = 600 (S1), B 600 × 0.5 = 300 (S2, S3), C 0 (S4): 1200.00 paid,
    # 3000 − 1200 = 1800.00 left; obiettivi: 10000 × 0.6 = 6000.00 by score, Σ 95 + 85 + 75 + 65 = 320:
    # S1 6000 × 95 / 320 = 1781.25 + 600 = 2381.25; S2 × 85 / 320 = 1593.75 + 300 = 1893.75;
    # S3 × 75 / 320 = 1406.25 + 300 = 1706.25; S4 × 65 / 320 = 1218.75
    assert amounts(result) == {"S1": "2381.25", "S2": "1893.75", "S3": "1706.25", "S4": "1218.75"}
    text = explain(result, "person", "S1")
    assert "fonte:   art. 78 CCNL Funzioni Centrali 12.2.2018\n" in text
    assert "CI, art. 78" not in text
    assert "fonte:   CI, sez. II\n" in text


def test_the_residual_cites_the_rules_that_leave_it(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PARTS, comune())
    # residual 10000 − (1200 + 6000) = 2800.00: presenza keeps 1800.00 (its rule, art. 78 CCNL), and
    # 10000 × (1 − 0.3 − 0.6) = 1000.00 no part takes, left by the two parts' quotas (art. 78 CCNL, CI sez. II)
    residual = result.figures["pool:performance_individuale:residuo"]
    assert residual.value == Decimal("2800.00")
    assert cited(residual.source) == "art. 78 CCNL Funzioni Centrali 12.2.2018; CI, sez. II"


def test_a_residual_no_part_takes_cites_every_quota(ciclope_ente, tmp_path):
    """Only the share no part takes: the quotas of the fund's parts make it, each cited, not the first part alone."""
    whole = PARTS.replace('massimo = "600.00"', 'massimo = "1500.00"').replace(
        "C = 0 }", "C = 0 }\nresiduo_a = \"obiettivi\""
    )
    result = run_declared(ciclope_ente, tmp_path, whole, comune())
    # presenza: 3000.00, pays 1500 + 750 + 750 + 0 = 3000.00, nothing left; obiettivi 6000.00 all paid;
    # 10000 × (1 − 0.3 − 0.6) = 1000.00 is the residual, the share no part takes
    residual = result.figures["pool:performance_individuale:residuo"]
    assert residual.value == Decimal("1000.00")
    assert cited(residual.source) == "art. 78 CCNL Funzioni Centrali 12.2.2018; CI, sez. II"
