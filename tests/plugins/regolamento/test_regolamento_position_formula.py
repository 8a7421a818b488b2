"""The result pay of weighted posts by a formula ([posizioni] with [risultato_po] metodo = "formula"): the text of a
Città metropolitana gives its dirigenti's fund 70% to position pay by the band of the post's weight and 30% to
result pay, of which 20% by the attested performance × position pay and 80% by position pay × the score's
coefficient; the formula reads the weighted position pay and the quota_risultato of the fund. Every amount by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

COEFFICIENT = "SE(punteggio >= 90; 1; SE(punteggio >= 75; 0,8; 0,6))"
REGULATION = f"""\
formato = 2
[atto]
titolo = "Regolamento della dirigenza della Città metropolitana di Prova"
sigla = "Reg. dirigenza"
tipo_ente = "citta_metropolitana"

[posizioni]
fonte = "art. 3"
criteri = [
  {{ codice = "A", nome = "Complessità", peso = 60 }},
  {{ codice = "B", nome = "Responsabilità", peso = 40 }},
]
fondo = "fondo_dirigenza"
quota_risultato = 0.30
fasce = [
  {{ da = 80, importo = "40000.00" }},
  {{ da = 60, importo = "30000.00" }},
  {{ da = 0, importo = "20000.00" }},
]

[risultato_po]
metodo = "formula"
ruoli = ["dirigente"]
fonte = "art. 9"
fondo = "risultato_dirigenza"
importo = '''=fondo * (20% * ente_attestata * retribuzione_posizione / SOMMA.ENTE(retribuzione_posizione)
  + 80% * retribuzione_posizione * {COEFFICIENT} / SOMMA.ENTE(retribuzione_posizione * {COEFFICIENT}))'''
"""
# value = 60 × A / 5 + 40 × B / 5: P1 60 + 40 = 100 → € 40.000; P2 48 + 24 = 72 → € 30.000; P3 36 + 16 = 52 → € 20.000
POSITIONS = (
    "id,title,unit,holder,A,B\nP1,Area Risorse,com,D1,5,5\nP2,Area Territorio,com,D2,4,3\nP3,Area Servizi,com,D3,3,2\n"
)


def città(fund: str = "130000.00") -> dict[str, str]:
    """Three dirigenti scored 95, 80 and 70 by the Segretario, the OIV attesting 90%."""
    staff = [f"{pid},Dirigente {pid},dirigente,DIR,com,1,0,false,SEG" for pid in ("D1", "D2", "D3")]
    cards = [f"{pid},SEG,scheda,Valutazione,100,{points}," for pid, points in (("D1", 95), ("D2", 80), ("D3", 70))]
    toml = f'[funds]\nfondo_dirigenza = "{fund}"\n[approvals]\nattestazione_oiv = 0.9\n'
    return {**one_unit_comune("Città metropolitana di Prova", staff, cards, toml), "positions.csv": POSITIONS}


def test_quota_risultato_feeds_a_formula_reading_the_weighted_position_pay(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, città())
    assert [p.message for p in result.violations if p.severity == "error"] == []
    pay = amounts(result)
    # the fund 130,000 × 0.30 = 39,000.00 to result pay, 91,000.00 to position pay ≥ Σ bands 90,000
    assert (pay["P1:fondo_dirigenza"], pay["P2:fondo_dirigenza"], pay["P3:fondo_dirigenza"]) == (
        "40000.00", "30000.00", "20000.00")  # fmt: skip
    pools = result.rewards.pools
    assert pools["risultato_dirigenza"].amount == Decimal("39000.00")
    # Σ position pay 90,000; coefficients 1, 0.8, 0.6: Σ pay × coefficient 40,000 + 24,000 + 12,000 = 76,000
    #   D1 39,000 × (20% × 0.9 × 40,000 / 90,000 + 80% × 40,000 / 76,000) = 3,120 + 16,421.0526… → 19,541.05
    #   D2 39,000 × (0.18 × 30,000 / 90,000 + 80% × 24,000 / 76,000) = 2,340 + 9,852.6315… → 12,192.63
    #   D3 39,000 × (0.18 × 20,000 / 90,000 + 80% × 12,000 / 76,000) = 1,560 + 4,926.3157… → 6,486.32
    assert (pay["D1"], pay["D2"], pay["D3"]) == ("19541.05", "12192.63", "6486.32")
    # paid 38,220.00; the attested 90% leaves 39,000 × 20% × 10% = 780.00 of the fund
    assert pools["risultato_dirigenza"].distributed == Decimal("38220.00")


def test_explain_reads_the_weighted_position_pay_and_the_fund(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, città())
    said = explain(result, "person", "D2")
    assert "retribuzione di posizione" in said and "30.000,00" in said
    assert "39.000,00" in said  # the fund the formula reads, the quota_risultato of the whole


def test_a_dirigente_holding_no_weighted_post_is_told_where_the_holder_is_written(ciclope_ente, tmp_path):
    data = città()
    data["positions.csv"] = POSITIONS.replace("P3,Area Servizi,com,D3", "P3,Area Servizi,com,")  # P3 vacant
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    assert [p.message for p in result.violations if p.severity == "error"] == [
        "Dirigente D3: manca la retribuzione di posizione (non è titolare di una posizione di posizioni.csv, "
        "colonna titolare)"
    ]


def test_an_interim_needs_the_split_by_position_pay(tmp_path):
    text = REGULATION.replace('quota_risultato = 0.30\n', 'quota_risultato = 0.30\ninterim = 0.20\n')
    assert regulation_problems(tmp_path, text) == [
        "riga 15, chiave posizioni.interim: l'interim si paga dal fondo di risultato prima del suo riparto per quote "
        "delle posizioni: con una formula scrivi la misura dell'interim nella formula, o metodo = \"quota_posizione\""
    ]


def test_a_fund_split_by_position_pay_and_score_is_not_fed_by_the_weighting(tmp_path):
    text = (
        REGULATION.split("[risultato_po]")[0]
        + '[risultato_po]\nmetodo = "fondo"\nruoli = ["dirigente"]\nfonte = "art. 9"\nfondo = "risultato_dirigenza"\n'
    )
    assert regulation_problems(tmp_path, text) == [
        "riga 22, chiave risultato_po.metodo: con [posizioni] la retribuzione di risultato è una quota del fondo per "
        "la retribuzione di posizione pesata: metodo = \"quota_posizione\" o \"formula\" (che legge la retribuzione di "
        "posizione pesata), non «fondo»"
    ]


def test_the_eq_quota_is_not_applied_to_posts_of_dirigenti(ciclope_ente, tmp_path):
    """The comparto's 15% of the EQ resources to result pay speaks of EQ: the Città's posts are its dirigenti's (no
    one is an EQ), and the national table said «lo 0,00% al risultato … sotto il minimo (avviso)» with no warning
    given, its result pay (39.000,00, 30%) not counted as the EQ's."""
    from test_regolamento_eq_calcinate import quota_row

    text = REGULATION.replace(
        'tipo_ente = "citta_metropolitana"\n', 'tipo_ente = "citta_metropolitana"\ncomparto = "funzioni_locali"\n'
    )
    result = run_declared(ciclope_ente, tmp_path, text, città())
    assert not [p for p in result.violations if p.rule == "ccnl.po_result_quota"]
    # nobody of the comparto at all: the row says so, and that the dirigenti's contract is another
    assert quota_row(result) == (
        "non si applica: tra il personale nessun dipendente del comparto né EQ (i dirigenti hanno il contratto della "
        "loro Area)"
    )


def test_the_articles_say_the_posts_of_dirigenti_and_their_fund(tmp_path):
    """The posts weighed are the dirigenti's: the articles said «Ogni posizione organizzativa è valutata», the result
    pay's fund of the default name «il fondo della retribuzione di risultato delle PO / EQ», and a criterion by the
    file the office writes («colonna A di posizioni.csv»)."""
    text = regulation_text(tmp_path, REGULATION.replace('fondo = "risultato_dirigenza"\n', ""))
    assert "La pesatura delle posizioni dirigenziali" in text
    assert (
        "Ogni posizione dirigenziale è valutata su 2 criteri, ciascuno da 1 a 5: Complessità (colonna A), peso 60; "
        "Responsabilità (colonna B), peso 40." in text
    )
    assert "della retribuzione di risultato dei dirigenti" in text
    # the fund the office named «fondo_dirigenza», said as every document names it, not «Il fondo «fondo dirigenza»»
    assert "Il Fondo dirigenza paga posizione e risultato: il 30% va alla retribuzione di risultato" in text
    assert "PO / EQ" not in text and "organizzativ" not in text and "posizioni.csv" not in text


def test_position_pay_is_not_evaluated_and_its_table_has_no_empty_columns(ciclope_ente, tmp_path):
    """The Premi sheet gave each post's pay its holder's «valutato», though it follows the incarico; the Posizioni
    tables showed «Rate 1» beside a pay never split and an empty «Risultato massimo» beside a result by formula."""
    from ciclope.core.reports import sheets
    from ciclope.core.reports.relazione import people
    from ciclope.core.reports.relazione.names import Names

    result = run_declared(ciclope_ente, tmp_path, REGULATION, città())
    table = sheets.awards(result, lambda pid: "valutato")
    head = [c[0] for c in table.columns]
    said = [(row[head.index("Importo")], row[head.index("Esito")]) for row in table.rows if row[0] == "D1"]
    assert said == [
        (Decimal(40000), "senza valutazione individuale"),  # the post's pay
        (Decimal("19541.05"), "valutato"),  # the result pay, by the score of 95
    ]
    posts = sheets.positions(result)
    assert [c[0] for c in posts.columns] == [
        "Posizione", "Titolare", "Nome titolare", "Punteggio di pesatura", "Retribuzione annua", "Erogata",
        "Dovuta nell'anno", "Risultato",
    ]  # fmt: skip
    # P1: 40.000,00 a year, all due; result 19.541,05 (computed above)
    assert posts.rows[0] == ("P1", "D1", "Dirigente D1", Decimal(100), Decimal(40000), "sì", Decimal(40000),
                             Decimal("19541.05"))  # fmt: skip
    relazione = people.positions(result, Names(result))
    assert [c[0] for c in relazione.columns] == [
        "Posizione", "Titolare", "Punteggio di pesatura", "Retribuzione annua", "Dovuta nell'anno", "Risultato",
    ]  # fmt: skip
    assert relazione.rows[0][3:] == ("€ 40.000,00", "€ 40.000,00", "€ 19.541,05")
