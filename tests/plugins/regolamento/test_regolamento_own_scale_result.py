"""A Director's result pay by a formula on a score «su 200», as an office wrote it blind from a published text (the
Consiglio di Bacino Venezia Ambiente: 120 points of objectives, 80 of behaviour, the result pay 70% by the score and
30% by the payment times): the hints and warnings say the file's own scale, ``leggi`` says the negative threshold in
its points, and the staff, whom the regulation neither weights nor pays, read why. Amounts by hand."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

REGULATION = """\
formato = 2

[atto]
titolo = "SMVP del Consiglio di Bacino"
tipo_ente = "consorzio"

[[colonne]]
nome = "tempi_pagamento"
tipo = "percentuale"
elenco = "ente"
significato = "il rispetto dei tempi di pagamento"
fonte = "delib. n. 7/2024"

[punteggio]
fonte = "SMVP, personale dirigente"
su = 200
dirigente = { ente = 0.6, scheda = 0.4 }

[[scheda]]
fonte = "SMVP, comportamento organizzativo"
ruoli = ["dirigente"]
voci = [
  { sezione = "Comportamento", voce = "Manageriale", massimo = 30 },
  { sezione = "Comportamento", voce = "Tecnico", massimo = 25 },
  { sezione = "Comportamento", voce = "Relazionale", massimo = 25 },
]

[risultato_po]
metodo = "formula"
ruoli = ["dirigente"]
fondo = "risultato_direttore"
fonte = "delib. n. 7/2024"
importo = '=fondo * (0,7 * punteggio / 200 + 0,3 * tempi_pagamento)'
"""
# the line of risultato_po.importo: formato 1, blank 2, [atto] 3–5, blank 6, [[colonne]] 7–12, blank 13, [punteggio]
# 14–17, blank 18, [[scheda]] 19–26, blank 27, [risultato_po] 28, metodo 29, ruoli 30, fondo 31, fonte 32, importo 33
IMPORTO_LINE = 33


def files() -> dict[str, str]:
    """The Director (26 + 22 + 20 = 68 of the card's 80 points: 85,00 on 100) and one employee (92), both evaluated
    by the Segretario; the ente's one indicator at target (the ente at 100%); a fund of 10.000,00 €; the payment
    times at 85%."""
    staff = ["D01,Direttore,dirigente,DIR,com,1,0,false,SEG", "P01,Anna Rossi,dipendente,D,com,1,0,false,SEG"]
    cards = [
        "D01,SEG,Comportamento,Manageriale,30,26,",
        "D01,SEG,Comportamento,Tecnico,25,22,",
        "D01,SEG,Comportamento,Relazionale,25,20,",
        "P01,SEG,Scheda,Valutazione complessiva,100,92,",
    ]
    ente = '[funds]\nrisultato_direttore = "10000.00"\n\n[dati]\ntempi_pagamento = "85%"\n'
    return one_unit_comune("Consiglio di Bacino", staff, cards, ente)


def test_a_score_mixed_with_a_percentage_is_told_the_file_s_own_scale(tmp_path):
    text = REGULATION.replace("0,7 * punteggio / 200", "SE(punteggio >= 180; 70%; 0,7 * punteggio / 200)")
    assert regulation_problems(tmp_path, text) == [
        f"riga {IMPORTO_LINE}, chiave risultato_po.importo: formula «=fondo * (SE(punteggio >= 180; 70%; 0,7 * "
        "punteggio / 200) + 0,3 * tempi_pagamento)»: SE: non si combinano una percentuale e punti: il punteggio è in "
        "punti, non in percentuale; la quota dal punteggio è punteggio / 200 (il punteggio è in punti su 200, la "
        "scala di [punteggio] su) e i valori accanto si scrivono senza % (1, non 100%; 0,6, non 60%)"
    ]


def test_the_score_with_a_percent_sign_is_told_the_file_s_own_scale(tmp_path):
    # «punteggio%», the score divided by 100 in a spreadsheet: the hint says the division by the file's scale
    text = REGULATION.replace("punteggio / 200", "punteggio%")
    [message] = regulation_problems(tmp_path, text)
    assert message.endswith(
        "il % si scrive solo dopo un numero (30%); la quota dal punteggio è punteggio / 200 (il punteggio è in punti "
        "su 200, la scala di [punteggio] su) e i valori accanto si scrivono senza % (1, non 100%; 0,6, non 60%)"
    )


def test_a_definition_mixing_the_score_with_a_percentage_is_told_the_file_s_own_scale(tmp_path):
    # a [[definizioni]] is checked on its own, before the formulas that read it: its hint says the scale too
    text = REGULATION.replace(
        "[punteggio]",
        '[[definizioni]]\nnome = "quota"\nformula = "=SE(punteggio >= 180; 100%; punteggio / 200)"\nfonte = "art. 1"'
        "\n\n[punteggio]",
    )
    [message] = regulation_problems(tmp_path, text)
    assert "definizione «quota»" in message
    assert message.endswith(
        "la quota dal punteggio è punteggio / 200 (il punteggio è in punti su 200, la scala di [punteggio] su) e i "
        "valori accanto si scrivono senza % (1, non 100%; 0,6, non 60%)"
    )


def slips(result) -> list:
    return [p for p in result.violations if p.rule == "regolamento.scala"]


def test_the_director_is_paid_on_the_file_s_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # score 0,6 × 100 + 0,4 × 85 = 60 + 34 = 94,00 on 100, 188 points on 200:
    # 10.000 × (0,7 × 188 / 200 + 0,3 × 85%) = 10.000 × (0,658 + 0,255) = 9.130,00
    assert amounts(result)["D01"] == "9130.00"
    assert slips(result) == []


def test_a_share_of_the_score_divided_by_100_on_another_scale_is_said_at_its_key(ciclope_ente, tmp_path):
    text = REGULATION.replace("punteggio / 200", "punteggio / 100")
    result = run_declared(ciclope_ente, tmp_path, text, files())
    # 10.000 × (0,7 × 188 / 100 + 0,255) = 10.000 × 1,571 = 15.710,00 due, capped by the fund: 10.000,00
    assert amounts(result)["D01"] == "10000.00"
    [slip] = slips(result)
    assert slip.severity == "warning"
    assert (slip.file, slip.row, slip.column) == ("smvp.toml", IMPORTO_LINE, "risultato_po.importo")
    assert slip.message == (
        "la formula «=fondo * (0,7 * punteggio / 100 + 0,3 * tempi_pagamento)» divide il punteggio per 100, ma nelle "
        "formule il punteggio è in punti su 200, la scala del regolamento: con punteggio / 100 chi ha tutti i 200 "
        "punti conta 2 volte l'intero. La quota dal punteggio è punteggio / 200"
    )


def test_a_division_by_100_is_not_said_where_it_is_the_scale(ciclope_ente, tmp_path):
    # on 100 (written, or without su) punteggio / 100 is the share; on 200, punteggio / 100 / 2 is the share written
    # in two steps
    slipped = REGULATION.replace("punteggio / 200", "punteggio / 100")
    for n, text in enumerate(
        (
            slipped.replace("su = 200", "su = 100"),
            slipped.replace("su = 200\n", ""),
            REGULATION.replace("punteggio / 200", "punteggio / 100 / 2"),
        )
    ):
        folder = tmp_path / str(n)
        folder.mkdir()
        assert slips(run_declared(ciclope_ente, folder, text, files())) == [], n


def test_the_negative_threshold_is_said_in_points_of_the_scale(tmp_path):
    # soglia_positiva not written: 60 points, on the file's scale (60 of 200)
    assert "Sotto 60 punti su 200 la valutazione è negativa" in regulation_text(tmp_path, REGULATION)
    on_100 = regulation_text(tmp_path, REGULATION.replace("su = 200", "su = 100"))
    assert "Sotto 60 punti la valutazione è negativa" in on_100


def test_the_staff_whom_no_block_pays_read_why(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    assert "P01" not in amounts(result)
    text = explain(result, "person", "P01")
    assert "Premio: nessun importo assegnato.\n" in text
    assert (
        "  perché: Partecipazione di Anna Rossi al premio: no — il regolamento non ha un premio individuale e la "
        "retribuzione di risultato non paga il suo ruolo (la retribuzione di risultato paga i dirigenti) (ruolo = "
        "Dipendente)\n"
        # the rule's fonte names its own act, the deliberation n. 7/2024: cited as written, not as a place of the SMVP
        "  regola: delib. n. 7/2024\n"
    ) in text
    assert "ammesso:D01" not in result.figures  # paid by [risultato_po]: nothing to explain


def test_the_staff_score_cites_the_card_not_the_director_s_weights(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # [punteggio] weights only the dirigente: the employee's score is the card alone (92), cited as the card; the file
    # declares no [[scheda]], so the card is the evaluations file's, scored by the common rule (never «SMVP del
    # Consiglio di Bacino, scheda di valutazione», a card the act does not define)
    assert result.figures["score:P01"].value == 92
    assert result.figures["score:P01"].source == "rules/core.md §3"
    assert result.figures["score:D01"].source == "SMVP del Consiglio di Bacino, SMVP, personale dirigente"


def test_the_staff_score_cites_their_own_card_where_the_file_declares_one(ciclope_ente, tmp_path):
    card = (
        '[[scheda]]\nfonte = "SMVP, personale dipendente"\nruoli = ["dipendente"]\n'
        'voci = [{ sezione = "Scheda", voce = "Valutazione complessiva", massimo = 100 }]\n\n[risultato_po]'
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION.replace("[risultato_po]", card), files())
    assert result.figures["score:P01"].value == 92  # 100 × 92 / 100
    assert result.figures["score:P01"].source == "SMVP del Consiglio di Bacino, SMVP, personale dipendente"
