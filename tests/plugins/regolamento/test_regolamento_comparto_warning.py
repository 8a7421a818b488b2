"""A regulation of an Unione (a Comune, a Provincia…) that names no comparto: the ente is of the comparto Funzioni
Locali, yet no national rule would apply and nothing said so. A warning at [atto] tipo_ente says what to write;
``comparto = "altro"`` says the ente has a contract of its own (a regional one) and silences it."""

from __future__ import annotations

from ciclope.plugins.regolamento.check.comparto import RULE

from helpers import one_unit_comune, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "CCDI dell'Unione di prova"
tipo_ente = "KIND"
COMPARTO
[premio]
metodo = "proporzionale"
fonte = "art. 8"
"""


def files() -> dict[str, str]:
    staff = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 4)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{80 + i}," for i in range(1, 4)]
    return one_unit_comune("Unione di prova", staff, cards, '[funds]\nperformance_individuale = "3000.00"\n')


def regulation(kind: str, comparto: str = "") -> str:
    return REGULATION.replace("KIND", kind).replace("COMPARTO", comparto)


def test_an_unione_without_a_comparto_is_told_it_is_of_funzioni_locali(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, regulation("unione"), files())
    [warning] = [p for p in result.violations if p.rule == RULE]
    assert (warning.severity, warning.row, warning.column) == ("warning", 4, "atto.tipo_ente")  # the line of tipo_ente
    assert warning.message.startswith(
        "le unioni di comuni sono del comparto Funzioni Locali, ma [atto] non dice il comparto: ciclope non applica il "
        "contratto nazionale"
    )
    assert warning.message.endswith("Scrivi in [atto] comparto = «funzioni_locali», oppure «altro» se l'ente ha un "
                                    "contratto suo (regionale)")  # fmt: skip


def test_an_istituzione_of_a_comune_is_told_it_is_of_funzioni_locali(ciclope_ente, tmp_path):
    """An istituzione (D.Lgs. 267/2000 art. 114) has the Comune's staff, of its comparto."""
    result = run_declared(ciclope_ente, tmp_path, regulation("istituzione_comunale"), files())
    [warning] = [p for p in result.violations if p.rule == RULE]
    assert warning.message.startswith("le istituzioni dei comuni sono del comparto Funzioni Locali, ma [atto] non dice")


def test_a_contract_of_its_own_runs_no_national_rule_and_is_said(ciclope_ente, tmp_path):
    text = regulation("comune", 'comparto = "altro"')
    result = run_declared(ciclope_ente, tmp_path, text, files())
    assert not [p for p in result.violations if p.rule == RULE]
    assert not result.plugin.layers  # no national layer runs
    said = regulation_text(tmp_path, text)
    assert "Il contratto dell'ente non è un comparto che ciclope applica: nessuna regola nazionale." in said


def test_an_ente_of_another_comparto_is_not_told(ciclope_ente, tmp_path):
    # a university is of the comparto Istruzione e Ricerca, which ciclope has no layer for: nothing to say
    result = run_declared(ciclope_ente, tmp_path, regulation("universita"), files())
    assert not [p for p in result.violations if p.rule == RULE]


def test_an_unknown_comparto_is_told_to_write_altro(tmp_path):
    """A university wrote «istruzione_ricerca», its comparto's name: ciclope has no layer for it, and the error only
    listed the two values; it now says what to write for another comparto."""
    from helpers import regulation_problems

    [problem] = regulation_problems(tmp_path, regulation("universita", 'comparto = "istruzione_ricerca"'))
    assert problem == (  # [atto] is at line 2: formato 1, [atto] 2, titolo 3, tipo_ente 4, comparto 5
        "riga 5, chiave atto.comparto: valore «istruzione_ricerca» non ammesso; ammessi: funzioni_locali, altro: per un altro comparto (Istruzione "
        'e Ricerca, Sanità, Funzioni Centrali) scrivi "altro", e nessuna regola nazionale si applica'
    )
