"""«In proporzione alla performance attestata dall'OIV» for the staff's premium: the formula name ``ente_attestata``
reads the OIV's attestation (``oiv_attested`` of [approvals], [atti] attestazione_oiv), else the computed performance,
as ``[risultato_po] ridotto_attestata`` reads it for the result pay; ``ente`` stays the computed one. Every amount by
hand on a Comune of one unit whose one indicator is at 100% (the computed performance of the ente)."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento premi"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
quota_fondo = '=SE(ente_attestata >= 90%; 100%; ente_attestata)'
fonte = "art. 5"
"""


def run(ciclope_ente, tmp_path, approvals: str = "", body: str = ""):
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in "AB"]
    cards = [f"{p},SEG,scheda,Valutazione complessiva,100,{s}," for p, s in zip("AB", (80, 70), strict=True)]
    tail = (
        body + '[funds]\nperformance_individuale = "3000.00"\n' + (f"[approvals]\n{approvals}\n" if approvals else "")
    )
    return run_declared(ciclope_ente, tmp_path, REGULATION, one_unit_comune("Comune", staff, cards, tail))


def test_the_premium_follows_the_oiv_s_attestation(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, "oiv_attested = 0.75")
    # the OIV attests 75% (computed 100%): 75% < 90%, share 75%, 3000.00 × 75% = 2250.00, split by score 80 : 70
    # → A 2250 × 80 / 150 = 1200.00, B 2250 × 70 / 150 = 1050.00
    assert amounts(result) == {"A": "1200.00", "B": "1050.00"}
    said = explain(result, "person", "A")
    assert said is not None
    assert "• la performance dell'ente attestata dall'OIV = 75,00%\n" in said
    assert "■ Performance attestata dall'OIV = 75,00%" in said  # its figure under it, with the computed one
    # the OIV's 75% from its cell, beside the computed 100%: never a figure that seems derived from the computed one
    attested = said.split("■ Performance attestata dall'OIV = 75,00%", 1)[1]
    assert "• attestazione dell'OIV = 75,00%   ← ente.toml [atti] attestazione_oiv\n" in attested


def test_without_an_attestation_the_computed_performance(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path)
    # no attestation: the computed 100% ≥ 90%, the whole 3000.00: A 3000 × 80 / 150 = 1600.00, B 1400.00
    assert amounts(result) == {"A": "1600.00", "B": "1400.00"}
    assert result.rewards.pools["performance_individuale"].amount == Decimal("3000.00")


def test_an_ente_with_a_nucleo_reads_the_nucleo_s_attestation_in_its_words(ciclope_ente, tmp_path):
    """The regulation's sentence says «la performance dell'ente attestata», which holds for an OIV and a Nucleo alike;
    the value read names the body the ente has: never «dall'OIV» for an ente with a Nucleo di valutazione."""
    result = run(ciclope_ente, tmp_path, "oiv_attested = 0.75", 'organismo_valutazione = "Nucleo di valutazione"\n')
    # as with the OIV: 75% < 90%, 3000.00 × 75% = 2250.00 → A 1200.00, B 1050.00
    assert amounts(result) == {"A": "1200.00", "B": "1050.00"}
    said = explain(result, "person", "A")
    assert said is not None
    assert "• la performance dell'ente attestata dal Nucleo di valutazione = 75,00%\n" in said
    assert "— se la performance dell'ente attestata è almeno 90%, allora 100%, altrimenti la performance" in said
    assert "OIV" not in said.replace("attestazione_oiv", "")


def test_leggi_says_the_attested_performance(tmp_path):
    text = regulation_text(tmp_path, REGULATION)
    # one regulation for enti with an OIV and with a Nucleo: the body is named by each ente's explanation
    assert "se la performance dell'ente attestata è almeno 90%, allora 100%" in text
