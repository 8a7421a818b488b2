"""The premiums are paid after the OIV validated the Relazione: the validation is «condizione inderogabile per
l'accesso agli strumenti per premiare il merito» (D.Lgs. 150/2009 art. 14 c. 6). A payment dated before it is an
error at the act's key of ente.toml, with both dates and the article (an Agenzia's premi_erogati of 30/05/2027,
before its Nucleo's validation of 29/06/2027, passed «nessun problema»); an ordine professionale or a società, whose
calendar the law does not date (art. 14 does not bind them), have no such error."""

from __future__ import annotations

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune di Erogazioni"
tipo_ente = "{kind}"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 8"

[[calendario]]
atto = "Erogazione dei premi"
fase = "premialita"
scadenza = "31/12"
anno = "successivo"
approvazione = "premi_erogati"
fonte = "art. 9"
"""


def ente(paid: str) -> dict[str, str]:
    staff = ["A,Persona A,dipendente,C,com,1,0,false,SEG"]
    cards = ["A,SEG,s,Voce,100,80,"]
    acts = f"[approvals]\nrelazione_approved = 2025-06-25\nrelazione_validated_oiv = 2025-06-29\npremi_paid = {paid}\n"
    return one_unit_comune(
        "Comune di Erogazioni", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n' + acts
    )


def paid_early(result) -> list:
    return [v for v in result.violations if v.column == "approvals.premi_paid"]


def test_premiums_paid_before_the_validation_are_an_error_at_the_act(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION.format(kind="comune"), ente("2025-05-30"))
    [problem] = paid_early(result)
    assert problem.is_error and problem.file == "ente.toml"
    # 30/05/2025 is 30 days before 29/06/2025 (1 day of May left + 29 of June)
    assert "30/05/2025" in problem.message and "29/06/2025" in problem.message
    assert "D.Lgs. 150/2009 art. 14 c. 6" in f"{problem.message} {problem.source}"


def test_premiums_paid_on_or_after_the_validation_pass(ciclope_ente, tmp_path):
    for day in ("2025-06-29", "2025-09-30"):
        folder = tmp_path / day
        folder.mkdir()
        assert paid_early(run_declared(ciclope_ente, folder, REGULATION.format(kind="comune"), ente(day))) == []


def test_an_ente_the_article_does_not_bind_has_no_such_error(ciclope_ente, tmp_path):
    for kind in ("ordine_professionale", "societa"):
        folder = tmp_path / kind
        folder.mkdir()
        assert paid_early(run_declared(ciclope_ente, folder, REGULATION.format(kind=kind), ente("2025-05-30"))) == []
