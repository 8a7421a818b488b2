"""A person without an evaluation card is not evaluated and gets no reward (rules/core.md §3), said where the office
reads each one's premium: «Premi» and «Premi per persona» of the schede give her € 0 and why, the Relazione's «Esiti
della premialità» counts her, and the summary of `ciclope run` says it beside «ok». Without it she vanished from
every table of premiums while her share went to her colleagues, and the run said only «1 avviso»."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.commands.cli import main
from ciclope.core.reports import html, sheets

from helpers import amounts, cycle_case, one_unit_comune, run_declared

# two parts of one fund, each by score: everyone has two rows in «Premi», so «Premi per persona» is written
REGULATION = """\
formato = 2
[atto]
titolo = "Sistema di valutazione del Comune"
sigla = "SMVP"
tipo_ente = "comune"
comparto = "altro"  # no national contract: its maggiorazione would take a share of the fund

[[premi]]
nome = "organizzativa"
metodo = "proporzionale"
fondo = "performance_individuale"
quota_fondo = "40%"
fonte = "art. 5"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
fondo = "performance_individuale"
quota_fondo = "60%"
fonte = "art. 6"
"""


def _files(b_score: int = 60) -> dict[str, str]:
    """A at 80 and B at 60 (or ``b_score``), scored by the Segretario SEG; F, a dipendente like them, without a
    card."""
    staff = [
        "A,Anna Bruni,dipendente,C,com,1,0,false,SEG",
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG",
        "F,Francesca Gallo,dipendente,C,com,1,0,false,SEG",
    ]
    cards = ["A,SEG,scheda,Valutazione complessiva,100,80,", f"B,SEG,scheda,Valutazione complessiva,100,{b_score},"]
    return one_unit_comune("Comune di prova", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def _result(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, _files())
    # organizzativa 400.00 by 80 : 60 of 140: A 228.571… → 228.57, B 171.428… → 171.43;
    # individuale 600.00: A 342.857… → 342.86, B 257.142… → 257.14; A 571.43, B 428.57, together 1000.00: F nothing
    assert amounts(result) == {"A": "571.43", "B": "428.57"}
    return result


def test_premi_gives_the_person_without_a_card_zero_and_why(ciclope_ente, tmp_path):
    result = _result(ciclope_ente, tmp_path)
    table = sheets.awards(result, sheets.statuses(result))
    heads = [c[0] for c in table.columns]
    rows = [dict(zip(heads, row, strict=True)) for row in table.rows if row[0] == "F"]
    # one row, no fund or part paid her: € 0, «non valutato» and the words of her evaluation's outcome
    assert rows == [
        {
            "Codice": "F",
            "Nome": "Francesca Gallo",
            "Unità": "Comune (com)",
            "Fondo": "—",
            "Parte": "—",
            "Importo": Decimal("0"),
            "Esito": "non valutato",
            "Motivo": "nessuna scheda di valutazione",
        }
    ]
    # the Segretario, whom no part pays and no card is foreseen for, is no row; the total is unchanged
    assert {row[0] for row in table.rows} == {"A", "B", "F", "TOTALE"}
    assert table.rows[-1][heads.index("Importo")] == Decimal("1000.00")


def test_premi_per_persona_gives_her_zero_and_why(ciclope_ente, tmp_path):
    result = _result(ciclope_ente, tmp_path)
    [table] = [t for t in sheets.tables(result) if t.title == "Premi per persona"]
    assert [c[0] for c in table.columns] == ["Codice", "Nome", "Unità", "Premi", "Motivo"]
    rows = {row[0]: (row[3], row[4]) for row in table.rows}
    # A 228.57 + 342.86 = 571.43, B 171.43 + 257.14 = 428.57, F 0; TOTALE 571.43 + 428.57 + 0 = 1000.00
    assert rows == {
        "A": (Decimal("571.43"), None),
        "B": (Decimal("428.57"), None),
        "F": (Decimal("0"), "non valutato: nessuna scheda di valutazione"),
        "TOTALE": (Decimal("1000.00"), ""),
    }


def test_the_outcomes_of_the_premium_count_her(ciclope_ente, tmp_path):
    page = html.render(_result(ciclope_ente, tmp_path))
    table = page.split("<h3>Esiti della premialità</h3>\n", 1)[1].split("</table>", 1)[0]
    # A and B evaluated and paid: 2; F without a card: 1; 2 + 1 = 3
    assert table.split("<tbody>\n", 1)[1] == (
        '<tr><td>valutato</td><td class="num">2</td></tr>\n'
        '<tr><td>non valutato</td><td class="num">1</td></tr>\n'
        '<tr class="total"><td>Totale</td><td class="num">3</td></tr>\n'
        "</tbody>"
    )


def test_the_run_summary_says_who_has_no_card(tmp_path, capsys):
    cycle = cycle_case(tmp_path, "ente", _files(), REGULATION)
    assert main(["run", str(cycle), "--out", str(tmp_path / "out"), "--no-store"]) == 0  # a warning: exit code 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("comune "))
    assert row.split()[2:4] == ["ok", "1"]  # esito, avvisi
    assert row.endswith("  1 persona senza scheda di valutazione")


def test_premi_per_persona_says_why_an_excluded_person_has_zero(ciclope_ente, tmp_path):
    # a score under 60 excludes (art. 7): B at 50 has two rows of € 0 in «Premi», each with the exclusion as its reason
    regulation = REGULATION + ('\n[[esclusioni]]\nregola = "punteggio_minimo"\nminimo = 60\nfonte = "art. 7"\n')
    result = run_declared(ciclope_ente, tmp_path, regulation, _files(b_score=50))
    # A alone shares both parts: 400.00 + 600.00 = 1000.00; B 0 + 0 = 0
    assert amounts(result) == {"A": "1000.00", "B": "0.00"}
    [table] = [t for t in sheets.tables(result) if t.title == "Premi per persona"]
    premi = sheets.awards(result, sheets.statuses(result))
    why = "punteggio sotto il minimo di 60, SMVP, art. 7"  # the exclusion, its act's sigla and article
    assert [row[-1] for row in premi.rows if row[0] == "B"] == [why, why]  # «Premi»: a row per part, each the reason
    rows = {row[0]: (row[3], row[4]) for row in table.rows}
    # the row of € 0 says, as «Premi» does, why, once: a € 0 is never unexplained
    assert rows["B"] == (Decimal("0"), why)
    assert rows["A"] == (Decimal("1000.00"), None)
