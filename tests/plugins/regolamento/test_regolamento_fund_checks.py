"""A check of the regulation on a fund ([[controlli]] with ``FONDO("nome")``) and a check made once for the ente
(``per = "ente"``): «una frazione non superiore al 20 per cento dei ricavi», «il fondo del bonus non supera il 10% di
quello della produttività». The fund is read as constituted for the year (ente.toml's [fondi] or [[fondi]]), before
any is paid; the check says an error or a warning with the values it read, and never changes an amount. Amounts by
hand in the comments."""

from __future__ import annotations

import pytest

from ciclope.core.problems import CiclopeError
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import articles

from helpers import amounts, one_unit_comune, regulation_problems, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Tetti"
tipo_ente = "comune"

[[colonne]]
nome = "ricavi"
tipo = "euro"
elenco = "unità"
significato = "i ricavi dei servizi a domanda individuale"
fonte = "art. 2"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 5"

[[premi]]
nome = "bonus"
metodo = "importi"
fondo = "bonus_eccellenze"
fonte = "art. 6"
"""
CAP = """
[[controlli]]
per = "ente"
condizione = '=FONDO("performance_individuale") <= 20% * SOMMA.UNITA(ricavi)'
gravita = "errore"
messaggio = "il fondo supera il 20% dei ricavi"
fonte = "art. 3"
"""
SHARE = """
[[controlli]]
per = "ente"
condizione = '=FONDO("bonus_eccellenze") <= 10% * FONDO("performance_individuale")'
messaggio = "il bonus supera il 10% della produttività"
fonte = "art. 6 c. 2"
"""


def comune(fund: str = "1000.00", bonus: str = "100.00", revenues: str = "6000.00") -> dict[str, str]:
    """Two staff scored 60 and 40; the revenues on the Comune's row of units.csv; S1's bonus decided (the whole
    bonus fund)."""
    people = ["S1,Persona 1,dipendente,C,com,1,0,false,SEG", "S2,Persona 2,dipendente,C,com,1,0,false,SEG"]
    cards = ["S1,SEG,scheda,Valutazione,100,60,", "S2,SEG,scheda,Valutazione,100,40,"]
    funds = f'[funds]\nperformance_individuale = "{fund}"\nbonus_eccellenze = "{bonus}"\n'
    files = one_unit_comune("Comune di Tetti", people, cards, funds)
    head, *rows = files["units.csv"].splitlines()
    files["units.csv"] = "\n".join([f"{head},ricavi", *(f"{row},{revenues}" for row in rows)]) + "\n"
    files["premi.csv"] = f"persona,parte,importo\nS1,bonus,{bonus}\n"
    return files


def checks(result) -> list[tuple[str, str, str]]:
    return [(p.severity, p.message, p.source) for p in result.violations if p.rule == "regolamento.controllo"]


def test_a_fund_within_its_cap(ciclope_ente, tmp_path):
    # 20% × 6.000,00 = 1.200,00 ≥ 1.000,00; the bonus 100,00 is 10% of 1.000,00: both hold
    result = run_declared(ciclope_ente, tmp_path, HEAD + CAP + SHARE, comune())
    assert checks(result) == []


def test_a_fund_above_its_cap_is_said_with_the_numbers_and_still_paid(ciclope_ente, tmp_path):
    # 20% × 4.000,00 = 800,00 < 1.000,00: an error with the fund and the revenues read
    result = run_declared(ciclope_ente, tmp_path, HEAD + CAP, comune(revenues="4000.00"))
    assert checks(result) == [
        (
            "error",
            "il fondo supera il 20% dei ricavi (premi per la performance individuale = € 1.000,00; la somma sulle unità "
            "dei ricavi dei servizi a domanda individuale = € 4.000,00)",
            "Regolamento del Comune di Tetti, art. 3",
        )
    ]
    # the check changes no amount: 1.000,00 by score, 60 / 100 and 40 / 100
    assert amounts(result) == {"S1": "600.00", "S2": "400.00", "S1:bonus_eccellenze": "100.00"}


def test_one_fund_against_another(ciclope_ente, tmp_path):
    # the bonus 150,00 against 10% × 1.000,00 = 100,00: a warning (gravita left to its default)
    result = run_declared(ciclope_ente, tmp_path, HEAD + SHARE, comune(bonus="150.00"))
    assert checks(result) == [
        (
            "warning",
            "il bonus supera il 10% della produttività (fondo bonus eccellenze = € 150,00; premi per la performance "
            "individuale = € 1.000,00)",
            "Regolamento del Comune di Tetti, art. 6 c. 2",
        )
    ]


def test_a_fund_the_year_does_not_have_is_said(ciclope_ente, tmp_path):
    files = comune()
    files["ente.toml"] = files["ente.toml"].replace('bonus_eccellenze = "100.00"\n', "")
    files["premi.csv"] = "persona,parte,importo\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + SHARE, files)
    assert (
        "warning",
        "il bonus supera il 10% della produttività: il fondo «bonus_eccellenze» non c'è per l'anno: scrivilo in "
        "[fondi] di ente.toml",
        "Regolamento del Comune di Tetti, art. 6 c. 2",
    ) in checks(result)


def test_a_check_per_person_reads_a_fund_too(ciclope_ente, tmp_path):
    # «nessun premio di produttività supera la metà del fondo»: 1.000,00 / 2 = 500,00; S1 gets 600,00
    per_person = """
[[controlli]]
condizione = '=PREMIO("produttività") <= FONDO("performance_individuale") / 2'
messaggio = "un premio supera la metà del fondo"
fonte = "art. 5 c. 2"
"""
    result = run_declared(ciclope_ente, tmp_path, HEAD + per_person, comune())
    assert [m for _, m, _ in checks(result)] == [
        "un premio supera la metà del fondo: Persona 1 (premio della parte «produttività» = € 600,00; premi per la "
        "performance individuale = € 1.000,00)"
    ]


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        (
            '=FONDO("performance_individual") <= 20% * SOMMA.UNITA(ricavi)',
            "FONDO(«performance_individual»): il regolamento non paga da questo fondo e non lo costituisce (forse "
            "«performance_individuale»?); fondi del regolamento: bonus_eccellenze, performance_individuale",
        ),
        (
            "=FONDO(performance_individuale) <= 1000 €",
            'FONDO vuole il nome del fondo tra virgolette, come in [fondi] di ente.toml o in [[fondi]], es. '
            'FONDO("performance_individuale")',
        ),
        (
            # a person's datum where the check is one for the ente
            '=FONDO("performance_individuale") <= 200 € * fte',
            "la condizione di un controllo sull'ente vale per tutti: «fte» di una persona si legge dentro una "
            "funzione sulle persone",
        ),
        (
            '=PREMIO("bonus") <= 10% * FONDO("bonus_eccellenze")',
            "la condizione di un controllo sull'ente vale per tutti: PREMIO dice di una persona e si legge dentro una "
            'funzione sulle persone, es. SOMMA.ENTE(PREMIO("produttività"))',
        ),
    ],
)
def test_the_reader_refuses_what_a_check_on_the_ente_cannot_read(tmp_path, condition, problem):
    written = CAP.replace("'=FONDO(\"performance_individuale\") <= 20% * SOMMA.UNITA(ricavi)'", f"'{condition}'")
    problems = regulation_problems(tmp_path, HEAD + written)
    assert len(problems) == 1
    assert problem in problems[0]


def test_fondo_is_read_only_in_a_check(ciclope_ente, tmp_path):
    wrong = HEAD.replace('metodo = "proporzionale"', "metodo = \"formula\"\nimporto = '=FONDO(\"bonus_eccellenze\")'")
    with pytest.raises(CiclopeError) as caught:
        run_declared(ciclope_ente, tmp_path, wrong, comune())
    assert "FONDO non si usa nell'importo: si legge nella condizione di un controllo ([[controlli]])" in str(
        caught.value
    )


def test_leggi_says_when_a_check_on_a_fund_is_made(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(HEAD + CAP, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    body = next(a for a in articles(regulation) if a.title == "I controlli del regolamento").body
    assert (
        "Il regolamento controlla, costituiti i fondi dell'anno e prima di pagarli, una volta per l'ente, che "
        "l'importo del fondo dei premi per la performance individuale è al più 20% × la somma sulle unità dei ricavi "
        "dei servizi a domanda individuale (formula:"
    ) in body
    assert "altrimenti un errore: «il fondo supera il 20% dei ricavi» con i valori letti." in body


def test_a_check_names_a_fund_by_its_name_never_its_key(tmp_path):
    """The annex names a fund FONDO reads as every document does: by its label in [etichette], else by its key in
    words («Fondo bonus eccellenze»), never «fondo «bonus_eccellenze»»."""
    labelled = HEAD + SHARE + '\n[etichette]\nperformance_individuale = "Fondo per la produttività"\n'
    for text, said in (
        (HEAD + SHARE, "l'importo del Fondo bonus eccellenze è al più 10% × l'importo del fondo dei premi per la "),
        (labelled, "l'importo del Fondo bonus eccellenze è al più 10% × l'importo del Fondo per la produttività"),
    ):
        path = tmp_path / "smvp.toml"
        path.write_text(text, encoding="utf-8")
        regulation, problems = load(str(path))
        assert regulation is not None, problems
        body = next(a for a in articles(regulation) if a.title == "I controlli del regolamento").body
        assert said in body
        assert "«bonus_eccellenze»" not in body.split("(formula:")[0]


PARTICIPATION = """
[[colonne]]
nome = "partecipazione"
tipo = "percentuale"
significato = "la percentuale di partecipazione al progetto"
fonte = "art. 7"

[[controlli]]
per = "ente"
condizione = '=SOMMA.ENTE(partecipazione) = 100%'
gravita = "avviso"
messaggio = "le percentuali di partecipazione al progetto non sommano al 100%"
fonte = "art. 7 c. 2"
"""


def test_a_sum_of_percentages_is_said_as_a_percentage(ciclope_ente, tmp_path):
    """«la somma … 105,00%», never «1,05»: the office typed percentages and reads one back."""
    files = comune()
    head, *rows = files["people.csv"].splitlines()
    shares = {"SEG": "", "S1": "60%", "S2": "45%"}
    files["people.csv"] = "\n".join([f"{head},partecipazione", *(f"{r},{shares[r.split(',')[0]]}" for r in rows)])
    result = run_declared(ciclope_ente, tmp_path, HEAD + PARTICIPATION, files)
    # S1 60% + S2 45% = 105%
    [(severity, message, _)] = checks(result)
    assert severity == "warning" and message == (
        "le percentuali di partecipazione al progetto non sommano al 100% (la somma della percentuale di "
        "partecipazione al progetto nell'ente = 105,00%)"
    )


CONSTITUTED = """
[[colonne]]
nome = "quota_bonus"
tipo = "euro"
elenco = "ente"
significato = "la quota del fondo destinata al bonus"
fonte = "art. 2 c. 2"

[[fondi]]
nome = "bonus_eccellenze"
importo = "=quota_bonus"
fonte = "art. 6 c. 1"
"""


def test_a_fund_the_regulation_could_not_constitute_says_why_not_ente_toml(ciclope_ente, tmp_path):
    """The bonus fund is the regulation's ([[fondi]]) and reads a datum ente.toml lacks: the check says the datum
    missing, never to write the fund in [fondi] of ente.toml, which the regulation's rule would replace."""
    files = comune()
    files["ente.toml"] = files["ente.toml"].replace('bonus_eccellenze = "100.00"\n', "")
    files["premi.csv"] = "persona,parte,importo\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + CONSTITUTED + SHARE, files)
    [(_, message, _)] = [c for c in checks(result) if "bonus supera" in c[1]]
    assert message.startswith(
        "il bonus supera il 10% della produttività: il fondo «bonus_eccellenze» non è costituito: manca il dato "
        "dell'ente «quota_bonus»"
    )
    assert "[fondi] di ente.toml" not in message
