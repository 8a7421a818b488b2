"""A check of the regulation on what the parts paid ([[controlli]] with ``PREMIO`` or ``FASCIA``): «il bonus delle
eccellenze non è cumulabile con il premio per l'innovazione, salvo rinuncia» (the Comunità montane's art. 18.4 as
such rules are written), «nessuno riceve più del doppio del premio medio». Checked once the parts are paid; the money
is what the parts paid, whatever the check says. Amounts by hand in the comments."""

from __future__ import annotations

import pytest

from ciclope.core.problems import CiclopeError
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import articles

from helpers import one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Controlli"
tipo_ente = "comune"

[[colonne]]
nome = "rinuncia_bonus"
tipo = "sì/no"
significato = "ha rinunciato al bonus per il premio per l'innovazione"
fonte = "art. 18 c. 4"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 17"

[[premi]]
nome = "bonus"
metodo = "importi"
fondo = "bonus_eccellenze"
fonte = "art. 18"

[[premi]]
nome = "innovazione"
metodo = "importi"
fondo = "premi_innovazione"
fonte = "art. 19"

[[controlli]]
condizione = '=O(PREMIO("bonus") = 0; PREMIO("innovazione") = 0; rinuncia_bonus)'
gravita = "errore"
messaggio = "il bonus delle eccellenze non si cumula con il premio per l'innovazione senza rinuncia"
fonte = "art. 18 c. 4"
"""
MOST = """
[[controlli]]
condizione = '=PREMIO("produttività") <= 2 * MEDIA.GRUPPO(PREMIO("produttività"))'
messaggio = "un premio supera il doppio della media"
fonte = "art. 17 c. 3"
"""
PER_EVALUATOR = """
[[controlli]]
condizione = "=CONTA.DIVERSI.GRUPPO(livello) >= 2"
per = "valutatore"
messaggio = "il valutatore non differenzia"
fonte = "art. 11"
"""


def comune(points=(80, 80, 80, 80), prizes: str = "") -> dict[str, str]:
    """Four staff with the points given; S1 wins the bonus (600.00), S1 and S2 an innovation prize (400.00 each), S2
    has renounced the bonus (the column rinuncia_bonus). Funds: productivity 1,000.00, bonus 600.00, innovation
    1,000.00."""
    people = [f"S{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 5)]
    cards = [f"S{i},SEG,scheda,Valutazione,100,{p}," for i, p in enumerate(points, 1)]
    funds = '[funds]\nperformance_individuale = "1000.00"\nbonus_eccellenze = "600.00"\npremi_innovazione = "1000.00"\n'
    files = one_unit_comune("Comune di Controlli", people, cards, funds)
    rows = files["people.csv"].splitlines()
    renounced = ["rinuncia_bonus"] + ["sì" if row.startswith("S2,") else "no" for row in rows[1:]]
    files["people.csv"] = "".join(f"{row},{r}\n" for row, r in zip(rows, renounced))
    files["premi.csv"] = (
        prizes or "persona,parte,importo\nS1,bonus,600.00\nS1,innovazione,400.00\nS2,innovazione,400.00\n"
    )
    return files


def checks(result) -> list[tuple[str, str, str]]:
    return [(p.severity, p.message, p.source) for p in result.violations if p.rule == "regolamento.controllo"]


def test_two_premiums_that_do_not_add_up_without_renunciation(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD, comune())
    # S1: bonus 600.00 and innovation 400.00, no renunciation: the condition fails. S2: innovation 400.00, no bonus
    # (0 = 0 holds) and renounced anyway; S3, S4: neither premium
    assert checks(result) == [
        (
            "error",
            # with what the condition read of S1, the numbers to look at in the data
            "il bonus delle eccellenze non si cumula con il premio per l'innovazione senza rinuncia: Persona 1 (premio "
            "della parte «bonus» = € 600,00; premio della parte «innovazione» = € 400,00; ha rinunciato al bonus per "
            "il premio per l'innovazione = no)",
            "SMVP del Comune di Controlli, art. 18 c. 4",
        )
    ]
    # the money is what the parts paid: 1,000.00 / 4 = 250.00 each, the bonus and the two prizes as typed
    paid = sorted((a.person, a.pool, str(a.amount)) for a in result.rewards.awards.values() if a.amount > 0)
    assert paid == [
        ("S1", "bonus_eccellenze", "600.00"),
        ("S1", "performance_individuale", "250.00"),
        ("S1", "premi_innovazione", "400.00"),
        ("S2", "performance_individuale", "250.00"),
        ("S2", "premi_innovazione", "400.00"),
        ("S3", "performance_individuale", "250.00"),
        ("S4", "performance_individuale", "250.00"),
    ]


def test_a_renunciation_or_one_premium_only_holds(ciclope_ente, tmp_path):
    # S2 (who renounced) wins the bonus and an innovation prize; S1 only the innovation prize: nobody breaks the rule
    prizes = "persona,parte,importo\nS2,bonus,600.00\nS2,innovazione,400.00\nS1,innovazione,400.00\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD, comune(prizes=prizes))
    assert checks(result) == []


@pytest.mark.parametrize(
    ("points", "over"),
    [
        # 100 + 20 + 20 + 20 = 160: S1 gets 1,000 × 100 / 160 = 625.00, the mean is 250.00, twice it 500.00: over,
        # said with both figures
        (
            (100, 20, 20, 20),
            [
                "Persona 1 (premio della parte «produttività» = € 625,00; la media del premio della parte "
                "«produttività» nella graduatoria = € 250,00)"
            ],
        ),
        # 100 + 40 + 40 + 40 = 220: S1 gets 1,000 × 100 / 220 = 454.55, under 500.00: nobody
        ((100, 40, 40, 40), []),
    ],
)
def test_a_limit_relative_to_the_mean_of_what_a_part_paid(ciclope_ente, tmp_path, points, over):
    result = run_declared(ciclope_ente, tmp_path, HEAD + MOST, comune(points))
    said = [m for s, m, _ in checks(result) if s == "warning"]
    assert said == ([f"un premio supera il doppio della media: {', '.join(over)}"] if over else [])


def test_premio_in_a_check_names_a_part_of_the_premium(ciclope_ente, tmp_path):
    wrong = HEAD.replace('PREMIO("innovazione") = 0', 'PREMIO("innovatione") = 0')
    with pytest.raises(CiclopeError) as caught:
        run_declared(ciclope_ente, tmp_path, wrong, comune())
    text = str(caught.value)
    assert "PREMIO(«innovatione»): nessuna parte precedente ha questo nome" in text
    assert "forse «innovazione»" in text


def test_leggi_says_when_and_over_whom_a_check_reads(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(HEAD + MOST + PER_EVALUATOR, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    checks = next(a for a in articles(regulation) if a.title == "I controlli del regolamento").body
    # a check on the premiums says it is made once they are paid; .GRUPPO over the check's group: the ente for
    # ``per = "persona"``, each evaluator's people for ``per = "valutatore"`` (never «la graduatoria» of a part)
    assert "Il regolamento controlla, una volta pagate le parti del premio, per ogni persona (" in checks
    assert "è al più 2 × la media del premio della parte «produttività» nell'ente (formula:" in checks
    assert "che il numero di valori diversi del livello tra le persone dello stesso valutatore è almeno 2" in checks
    assert "Il regolamento controlla, per le persone di ogni valutatore (" in checks
    assert "nella graduatoria" not in checks
