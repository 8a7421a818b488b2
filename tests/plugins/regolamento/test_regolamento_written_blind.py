"""What an office writing a published regulation from docs/regolamento.md alone stumbled on (Quassolo, Regione
Lazio, Sannazzaro, Ecocerved, written without their catalogue files): the guide's examples of a share of the score
and of a share at the threshold with an increment per point, run with amounts computed by hand, and the messages
that say what to write instead."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers import ROOT, amounts, one_unit_comune, regulation_problems, run_declared

DOCS = ROOT / "docs" / "regolamento.md"
HEAD = 'formato = 2\n\n[atto]\ntitolo = "Regolamento di prova"\ntipo_ente = "comune"\n\n'


def docs_block(title: str) -> str:
    """The first TOML block of docs/regolamento.md after the paragraph that starts with ``title``."""
    after = DOCS.read_text(encoding="utf-8").split(title, 1)[1]
    found = re.search(r"```toml\n(.*?)```", after, re.S)
    assert found is not None
    return found.group(1)


def staff(points: dict[str, tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(fte, points) by person: people.csv rows and one card each, evaluated by the Segretario."""
    people = [f"{pid},Persona {pid},dipendente,C,com,{fte},0,false,SEG" for pid, (fte, _) in points.items()]
    cards = [f"{pid},SEG,Valutazione,Complessiva,100,{p}," for pid, (_, p) in points.items()]
    return people, cards


def test_the_guide_s_share_of_the_score_pays_quassolo_s_budget(ciclope_ente, tmp_path):
    # «≥ 95%: 100% del budget individuale; tra 60 e 94 proporzionale al punteggio; < 60 nulla»: 8,5 tempi pieni
    # and a fund of 8.500,00 €, a budget of 1.000,00 € a tempo pieno
    text = HEAD + docs_block("**Una quota dal punteggio.**")
    points = {"Q1": ("1", "98"), "Q2": ("1", "94"), "Q3": ("1", "72.5"), "Q4": ("1", "59"), "Q5": ("0.5", "80")}
    points |= {f"Q{n}": ("1", "100") for n in range(6, 10)}
    people, cards = staff(points)
    data = one_unit_comune("Comune", people, cards, '[funds]\nperformance_individuale = "8500.00"\n')
    result = run_declared(ciclope_ente, tmp_path, text, data)
    paid = {pid: a for pid, a in amounts(result).items() if a != "0.00"}
    assert paid == {
        "Q1": "1000.00",  # 98 ≥ 95: 1.000 × 1
        "Q2": "940.00",  # 1.000 × 94 / 100
        "Q3": "725.00",  # 1.000 × 72,5 / 100
        "Q5": "400.00",  # 1.000 × 80 / 100 × 0,5
        **{f"Q{n}": "1000.00" for n in range(6, 10)},
    }  # Q4, 59: nothing


def test_a_percentage_beside_a_share_of_the_score_says_to_write_it_without(tmp_path):
    text = HEAD + docs_block("**Una quota dal punteggio.**").replace("punteggio >= 95; 1;", "punteggio >= 95; 100%;")
    assert regulation_problems(tmp_path, text) == [
        "riga 10, chiave premi[1].importo: formula «=fondo / SOMMA.ENTE(quota_tempo) * SE(punteggio >= 95; 100%; "
        "SE(punteggio >= 60; punteggio / 100; 0))»: SE: non si combinano una percentuale e punti: il punteggio è in "
        "punti, non in percentuale; la quota dal punteggio è punteggio / 100 (con una scala propria, [punteggio] su = "
        "60, punteggio / 60) e i valori accanto si scrivono senza % (1, non 100%; 0,6, non 60%)"
    ]


def test_the_score_with_a_percent_sign_says_how_a_share_of_it_is_written(tmp_path):
    # «punteggio%» is the score divided by 100 in a spreadsheet; here % follows only a number. The % is the 87th
    # character of the formula after «=»: len("fondo / SOMMA.ENTE(quota_tempo) * SE(punteggio >= 95; 1; SE(punteggio
    # >= 60; punteggio") = 86 (78 with fte, 3 letters, before: quota_tempo has 11)
    text = HEAD + docs_block("**Una quota dal punteggio.**").replace("punteggio / 100", "punteggio%")
    assert regulation_problems(tmp_path, text) == [
        "riga 10, chiave premi[1].importo: formula «=fondo / SOMMA.ENTE(quota_tempo) * SE(punteggio >= 95; 1; "
        "SE(punteggio >= 60; punteggio%; 0))»: la formula non si legge dal carattere 87 («%; 0))»): il % si scrive "
        "solo dopo un numero (30%); la quota dal punteggio è punteggio / 100 (con una scala propria, [punteggio] su = "
        "60, punteggio / 60) e i valori accanto si scrivono senza % (1, non 100%; 0,6, non 60%)"
    ]


def test_the_guide_s_share_at_the_threshold_and_increment_per_point(ciclope_ente, tmp_path):
    # Regione Lazio: below 60 no access; at 60 the share (600,00 €); 10,00 € for each point above 60
    text = HEAD + docs_block("**Una quota alla soglia e un incremento per punto**")
    points = {"L1": ("1", "59"), "L2": ("1", "60"), "L3": ("1", "75"), "L4": ("1", "100"), "L5": ("0.5", "80")}
    people, cards = staff(points)
    data = one_unit_comune("Regione", people, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, text, data)
    paid = {pid: a for pid, a in amounts(result).items() if a != "0.00"}
    assert paid == {"L2": "600.00", "L3": "750.00", "L4": "1000.00", "L5": "400.00"}  # (600 + 200) × 0,5
    assert result.rewards.statuses["L1"] == "escluso_punteggio_minimo"
    pool = result.rewards.pools["performance_individuale"]  # 600 + 750 + 1.000 + 400 = 2.750,00
    assert (pool.distributed, pool.residual) == (Decimal("2750.00"), Decimal("7250.00"))


def test_parts_paid_one_after_the_other_are_told_their_shares(tmp_path):
    text = HEAD + (
        '[[premi]]\nnome = "prima"\nmetodo = "formula"\nimporto = "=100 €"\nresiduo_a = "seconda"\nfonte = "a"\n\n'
        '[[premi]]\nnome = "seconda"\nmetodo = "proporzionale"\nfonte = "b"\n'
    )
    assert regulation_problems(tmp_path, text) == [
        f"riga {line}, chiave premi[{n}]: più parti pagano dal fondo «performance_individuale»: ognuna dice la sua "
        "quota_fondo (parti pagate una dopo l'altra «fino a capienza»: quota_fondo = 1 e residuo_a nella prima, "
        "quota_fondo = 0 in quella che riceve solo il resto); la parte non scrive fondo: prende quello predefinito, "
        f"«performance_individuale», come «{other}»"
        for n, line, other in ((1, 7, "seconda"), (2, 14, "prima"))
    ]


OWED = """[[colonne]]
nome = "componente_variabile"
tipo = "euro"
significato = "la componente variabile del livello di inquadramento"
fonte = "criteri"

[[premi]]
nome = "premio di risultato"
metodo = "formula"
fondo = "premi"
tempo_parziale = "intero"
importo = "=componente_variabile * punteggio / 100"
fonte = "criteri"
"""


def test_a_formula_part_without_its_fund_suggests_an_owed_amount(ciclope_ente, tmp_path):
    """Ecocerved gives each one's amount and no fund: written as a share of a fund that ente.toml does not have,
    nothing is paid, and the warning says both ways out, the fund in ente.toml or dovuto = true."""
    people = [
        f"{pid},Persona {pid},dipendente,C,com,{fte},0,false,SEG,{euro}"
        for pid, fte, euro in (("E1", "1", "2000"), ("E2", "0.5", "1500"))
    ]
    cards = ["E1,SEG,Valutazione,Complessiva,100,80,", "E2,SEG,Valutazione,Complessiva,100,100,"]
    data = one_unit_comune("Società", people, cards, "")
    data["people.csv"] = data["people.csv"].replace("evaluator\n", "evaluator,componente_variabile\n", 1)
    data["people.csv"] = data["people.csv"].replace(
        "SEG,Segretario,segretario,DIR,com,1,0,false,\n", "SEG,Segretario,segretario,DIR,com,1,0,false,,\n"
    )
    result = run_declared(ciclope_ente, tmp_path, HEAD + OWED, data)
    assert amounts(result) == {}
    [problem] = [p for p in result.violations if p.rule == "regolamento.fondo"]
    assert problem.message == (
        "manca [fondi] premi: nessun premio calcolato per la parte «premio di risultato»; scrivine l'importo in "
        "ente.toml, nel blocco [fondi] (ogni premio viene da un fondo, anche un importo fisso per persona); se il "
        "testo dà l'importo di ciascuno e nessun fondo da dividere, scrivi dovuto = true nella parte «premio di "
        "risultato» del regolamento: il fondo è allora la somma degli importi"
    )
    owed = HEAD + OWED.replace('fondo = "premi"\n', 'fondo = "premi"\ndovuto = true\n')
    (tmp_path / "dovuto").mkdir()
    paid = run_declared(ciclope_ente, tmp_path / "dovuto", owed, data)
    # 2.000 × 80 / 100; 1.500 × 100 / 100, the component already his own (tempo_parziale = "intero")
    assert amounts(paid) == {"E1": "1600.00", "E2": "1500.00"}


PER_POINT = (
    HEAD
    + """[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
peso = '=50% + (punteggio - 60) * 1,25%'
fonte = "criteri, quota alla soglia e incremento per punto"
"""
)


def test_an_increment_per_point_in_percent_adds_to_the_share_at_the_threshold(ciclope_ente, tmp_path):
    # «50% a 60 punti, più l'1,25% per ogni punto»: weights 60 → 50%, 94 → 50% + 34 × 1,25% = 92,5%, 100 → 100%;
    # Σ 0,5 + 0,925 + 1 = 2,425; 1.000,00 × 0,5 / 2,425 = 206,1855…, × 0,925 / 2,425 = 381,4432…, × 1 / 2,425 =
    # 412,3711…; floors 206,18 + 381,44 + 412,37 = 999,99, the cent to the largest remainder (P1, 0,55 of a cent)
    points = {"P1": ("1", "60"), "P2": ("1", "94"), "P3": ("1", "100")}
    people, cards = staff(points)
    data = one_unit_comune("Regione", people, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, PER_POINT, data)
    assert amounts(result) == {"P1": "206.19", "P2": "381.44", "P3": "412.37"}


def test_a_share_of_the_position_growing_per_point_reads_as_a_percentage(tmp_path):
    # «dal 10% al 25% della retribuzione di posizione tra 60 e 100 punti»: 15% × (punti sopra 60) / 40 is a
    # percentage for each point, added to 10% as one
    text = HEAD + (
        '[risultato_po]\nmetodo = "formula"\nsoglia_positiva = 60\n'
        "importo = '=retribuzione_posizione * (10% + 15% * (punteggio - 60) / 40)'\nfonte = \"criteri\"\n"
    )
    assert regulation_problems(tmp_path, text) == []
    # an increment written without its % is points beside a percentage: still refused, and said
    found = regulation_problems(tmp_path, PER_POINT.replace("* 1,25%", "* 1,25"))
    assert len(found) == 1 and "«+»: non si combinano una percentuale e punti" in found[0]
