"""The Comune di Calcinate's criteria for the result pay of its EQ (a blind tester's case, cycle 2025): five EQ,
one of them ceased on 30/06 (EQ3, written with the position pay due, 10000 × 181 / 365 = 4958.90), one holding an
interim (EQ1), one below the positive threshold with no interim at all (EQ4, 40 points)."""

from __future__ import annotations

from pathlib import Path

from ciclope.core.run.explain import explain

from helpers import computed_case, cycle_case

REGULATION = """\
formato = 2

[atto]
titolo = "Sistema di misurazione e valutazione della performance del Comune di Calcinate — criteri generali per la retribuzione di risultato degli incarichi di EQ"
tipo_ente = "comune"
comparto = "funzioni_locali"

[punteggio]
fonte = "SMVP, scheda di valutazione (60 punti)"
su = 60

[[scheda]]
fonte = "SMVP, scheda di valutazione"
ruoli = ["po", "dipendente"]
ipotesi = "l'estratto pubblicato dice solo che la valutazione è in punti fino a 60; l'ufficio divide la scheda in Risultati (40) e Comportamenti (20)"
voci = [
  { sezione = "Risultati", voce = "Raggiungimento degli obiettivi", massimo = 40 },
  { sezione = "Comportamenti", voce = "Comportamenti organizzativi", massimo = 20 },
]

[livelli]
fonte = "Criteri generali EQ, criteri di ripartizione"
ipotesi = "le fasce del testo sono scritte per le EQ; l'ufficio le applica anche al personale per la produttività"
scala = [
  { nome = "da 56 a 60 punti", da = 56 },
  { nome = "da 51 a 55 punti", da = 51 },
  { nome = "da 46 a 50 punti", da = 46 },
  { nome = "da 42 a 45 punti", da = 42 },
]

[risultato_po]
metodo = "percentuale"
fonte = "Criteri generali EQ: misura massima il 25% della posizione"
fondo = "risultato_po"
soglia_positiva = 42
ipotesi = "«fino a punti 41: 0%» e «da 42»: un punteggio tra 41 e 42 (con i decimali) è letto sotto la soglia"
percentuali = [
  { da = 56, quota = "25%" },
  { da = 51, quota = "21,25%" },
  { da = 46, quota = "18,75%" },
  { da = 42, quota = "8,75%" },
]

[[colonne]]
nome = "posizione_interim"
tipo = "euro"
elenco = "incarichi"
significato = "la retribuzione di posizione prevista per l'incarico di EQ retto ad interim"
fonte = "Criteri generali EQ, incarichi ad interim (art. 17 c. 5 CCNL 16/11/2022)"

[[colonne]]
nome = "quota_interim"
tipo = "percentuale"
elenco = "incarichi"
significato = "la quota stabilita dall'Ente per l'interim (dal 15% al 25%)"
fonte = "Criteri generali EQ, incarichi ad interim"

[[premi]]
nome = "interim EQ"
metodo = "formula"
fondo = "interim_eq"
ruoli = ["po"]
incarichi = "interim"
tempo_parziale = "intero"
ammesso = "=punteggio >= 42"
importo = "=quota_interim * posizione_interim * giorni / giorni_anno"
fonte = "Criteri generali EQ, incarichi ad interim (art. 17 c. 5 CCNL 16/11/2022)"
ipotesi = "il testo non dice se l'ulteriore quota richiede una valutazione positiva: l'ufficio la paga da 42 punti; il fondo è l'economia della posizione vacante nei giorni dell'interim"

[[premi]]
nome = "produttività"
metodo = "livelli"
fondo = "performance_individuale"
coefficienti = { "da 56 a 60 punti" = 1, "da 51 a 55 punti" = 0.85, "da 46 a 50 punti" = 0.75, "da 42 a 45 punti" = 0.35 }
rateo_giorni = true
fonte = "CCDI, produttività del personale"
ipotesi = "l'estratto pubblicato non riporta i criteri della produttività del personale: il fondo è diviso per il coefficiente della fascia (le stesse percentuali delle EQ) × tempo lavorato × giorni di servizio; sotto 42 punti nulla"

[[controlli]]
per = "ente"
ruoli = ["po"]
gravita = "errore"
condizione = '=FONDO("risultato_po") >= 15% * (FONDO("risultato_po") + SOMMA.ENTE(retribuzione_posizione))'
messaggio = "la retribuzione di risultato delle EQ è sotto il 15% delle risorse di posizione e risultato"
fonte = "art. 17 c. 4 CCNL 16/11/2022"
"""

DATA = {
    "ente.toml": """\
nome = "Comune di Calcinate"

[fondi]
risultato_po = "11250.00"
interim_eq = "5041.10"
performance_individuale = "14000.00"

[valutatori]
SINDACO = "Sindaco"
""",
    "incarichi.csv": """\
persona,tipo,sostituito,dal,al,posizione_interim,quota_interim
EQ1,interim,,01/07/2025,31/12/2025,10000.00,20%
""",
    "persone.csv": """\
codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore,assunzione,cessazione,retribuzione_posizione
EQ1,Anna Rossi,EQ,Funzionari,A1,100%,0,SINDACO,,,12000.00
EQ2,Marco Bianchi,EQ,Funzionari,A2,100%,5,SINDACO,,,9000.00
EQ3,Luca Verdi,EQ,Funzionari,A3,100%,0,SINDACO,,30/06/2025,4958.90
EQ4,Paola Neri,EQ,Funzionari,A4,100%,12,SINDACO,,,8000.00
EQ5,Sara Gialli,EQ,Funzionari,A5,100%,0,SINDACO,,,6000.00
D1,Giulia Ferri,Dipendente,Istruttori,A1,100%,3,EQ1,,,
D2,Carla Galli,Dipendente,Istruttori,A1,50%,0,EQ1,,,
D3,Paolo Moretti,Dipendente,Operatori esperti,A2,100%,0,EQ2,01/04/2025,,
D4,Elena Conti,Dipendente,Funzionari,A3,100%,8,EQ1,,,
D5,Mario Ricci,Dipendente,Operatori esperti,A2,100%,20,EQ2,,,
D6,Laura Marino,Dipendente,Istruttori,A4,75%,0,EQ4,,,
D7,Franco Greco,Dipendente,Istruttori,A5,100%,0,EQ5,,31/10/2025,
D8,Rita Lombardi,Dipendente,Operatori esperti,A4,100%,40,EQ4,,,
""",
    "ricorsi.csv": """\
persona,fase,data,esito,voce_rivista,nuovi_punti
EQ4,contraddittorio,15/02/2026,respinto,,
""",
    "unità.csv": """\
codice,nome,tipo,superiore,responsabile
ENTE,Comune di Calcinate,ente,,
A1,Area Amministrativa,area,ENTE,EQ1
A2,Area Tecnica,area,ENTE,EQ2
A3,Area Finanziaria,area,ENTE,
A4,Polizia Locale,area,ENTE,EQ4
A5,Servizi Sociali,area,ENTE,EQ5
""",
    "valutazioni.csv": """\
persona,valutatore,sezione,voce,punti_massimi,punti
EQ1,SINDACO,Risultati,Raggiungimento degli obiettivi,40,37
EQ1,SINDACO,Comportamenti,Comportamenti organizzativi,20,20
EQ2,SINDACO,Risultati,Raggiungimento degli obiettivi,40,33
EQ2,SINDACO,Comportamenti,Comportamenti organizzativi,20,20
EQ3,SINDACO,Risultati,Raggiungimento degli obiettivi,40,31
EQ3,SINDACO,Comportamenti,Comportamenti organizzativi,20,16
EQ4,SINDACO,Risultati,Raggiungimento degli obiettivi,40,26
EQ4,SINDACO,Comportamenti,Comportamenti organizzativi,20,14
EQ5,SINDACO,Risultati,Raggiungimento degli obiettivi,40,29
EQ5,SINDACO,Comportamenti,Comportamenti organizzativi,20,15
D1,EQ1,Risultati,Raggiungimento degli obiettivi,40,38
D1,EQ1,Comportamenti,Comportamenti organizzativi,20,20
D2,EQ1,Risultati,Raggiungimento degli obiettivi,40,35
D2,EQ1,Comportamenti,Comportamenti organizzativi,20,20
D3,EQ2,Risultati,Raggiungimento degli obiettivi,40,30
D3,EQ2,Comportamenti,Comportamenti organizzativi,20,20
D4,EQ1,Risultati,Raggiungimento degli obiettivi,40,30
D4,EQ1,Comportamenti,Comportamenti organizzativi,20,15
D5,EQ2,Risultati,Raggiungimento degli obiettivi,40,26
D5,EQ2,Comportamenti,Comportamenti organizzativi,20,14
D6,EQ4,Risultati,Raggiungimento degli obiettivi,40,37
D6,EQ4,Comportamenti,Comportamenti organizzativi,20,20
D7,EQ5,Risultati,Raggiungimento degli obiettivi,40,32
D7,EQ5,Comportamenti,Comportamenti organizzativi,20,20
D8,EQ4,Risultati,Raggiungimento degli obiettivi,40,31
D8,EQ4,Comportamenti,Comportamenti organizzativi,20,16
""",
}

CYCLE = """\
[ciclo]
anno = 2025
risultati = "risultati"

[[ente]]
id = "calcinate"
plugin = "regolamento"
dati = "calcinate"
regolamento = "regolamento.toml"
"""


def case(tmp_path: Path, regulation: str = REGULATION, data: dict[str, str] | None = None) -> Path:
    """The case written under ``tmp_path`` (a file of ``data`` replaced by its text), its cycle.toml returned."""
    return cycle_case(tmp_path, "calcinate", DATA | (data or {}), regulation, CYCLE)


def computed(tmp_path: Path, regulation: str = REGULATION, data: dict[str, str] | None = None):
    return computed_case(case(tmp_path, regulation, data))


def test_an_eq_ceased_within_the_year_is_said_with_its_days_of_service(tmp_path):
    result = computed(tmp_path)
    # 4958.90 is inside 5000 × 181 / 365 = 2479.45 – 18000 × 181 / 365 = 8926.03 (1/1–30/6: 181 days of 2025)
    assert not [p for p in result.violations if p.rule == "ccnl.eq_pay.range"]
    text = explain(result, "person", "EQ3") or ""
    header = text.splitlines()[1]
    assert "tempo lavorato 100%" in header and "181 giorni di servizio su 365 (fino al 30/06/2025)" in header
    # a whole year says no days
    assert "giorni di servizio" not in (explain(result, "person", "EQ2") or "").splitlines()[1]


NATIONAL = "Disposizioni nazionali applicate (CCNL Funzioni Locali e leggi sulla performance)"
QUOTA = "Quota minima delle risorse delle EQ destinata alla retribuzione di risultato"


def quota_row(result) -> str:
    [section] = [s for s in result.sections if s.title == NATIONAL]
    [row] = [r for r in section.rows if r[0] == QUOTA]
    return str(row[-1])


def test_the_15_percent_ente_quota_counts_of_an_interim_part_what_it_paid(tmp_path):
    """Art. 17 c. 4 CCNL 16.11.2022: at least 15% of the EQ's position + result resources to result pay. The result
    fund is the EQ's (it pays every EQ): it counts whole; the interim part pays only who holds an interim, out of
    the vacant position's economy: it counts what it paid (its remainder is no result pay destined by the ente)."""
    # position 12000 + 9000 + 4958.90 + 8000 + 6000 = 39958.90; interim 20% × 10000 × 184 / 365 = 1008.219… →
    # 1008.22; result 11250 + 1008.22 = 12258.22 of 52217.12 → 23.475…% ≥ 15%: no warning, the row says so
    above = computed(tmp_path / "sopra")
    assert not [p for p in above.violations if p.rule == "ccnl.po_result_quota"]
    row = quota_row(above)
    assert "23,48%" in row and "€ 39.958,90" in row and "€ 12.258,22" in row, row
    assert "la posizione è la somma delle retribuzioni di posizione dovute" in row, row  # what it compares
    # a result fund of 5000.00: 5000 + 1008.22 = 6008.22 of 45967.12 → 13.07% < 15% (counting the interim fund
    # whole, 5000 + 5041.10 = 10041.10 of 50000.00 → 20.08%, it passed): a warning naming the contract
    fund = DATA["ente.toml"].replace('risultato_po = "11250.00"', 'risultato_po = "5000.00"')
    below = computed(tmp_path / "sotto", data={"ente.toml": fund})
    [warned] = [p for p in below.violations if p.rule == "ccnl.po_result_quota"]
    assert "il 13,07%" in warned.message and "€ 6.008,22" in warned.message and "€ 39.958,90" in warned.message
    row = quota_row(below)
    assert "13,07%" in row and "sotto il minimo (avviso)" in row, row


def test_a_part_paid_per_incarico_is_not_said_to_who_holds_none_and_the_outcome_is_one(tmp_path):
    # EQ4: 26 + 14 = 40 points of 60, below 42; no interim in incarichi.csv: the interim part is none of hers
    result = computed(tmp_path / "eq4")
    text = explain(result, "person", "EQ4") or ""
    assert "interim" not in text and "non ammesso" not in text
    assert "esito: valutazione negativa" in text
    # EQ1 at 20 + 20 = 40 points holds the interim: its condition (from 42) says the score with «=», and her one
    # outcome is the header's, the negative evaluation, not «non ammesso» as well
    cards = DATA["valutazioni.csv"].replace(
        "EQ1,SINDACO,Risultati,Raggiungimento degli obiettivi,40,37",
        "EQ1,SINDACO,Risultati,Raggiungimento degli obiettivi,40,20",
    )
    heard = DATA["ricorsi.csv"] + "EQ1,contraddittorio,15/02/2026,respinto,,\n"
    text = explain(computed(tmp_path / "eq1", data={"valutazioni.csv": cards, "ricorsi.csv": heard}), "person", "EQ1")
    assert text is not None and "esito: valutazione negativa" in text
    assert "alla parte «interim EQ»: no — il punteggio è meno di 42 (il punteggio su 60 = 40,00 punti)" in text
    assert "Esito di Anna Rossi" not in text and "non ammesso" not in text


def test_explain_of_the_result_fund_lists_each_eq_s_result_pay(tmp_path):
    text = explain(computed(tmp_path), "pool", "risultato_po") or ""
    # EQ1 55+2 = 57 points → 25% × 12000 = 3000.00; EQ2 53 → 21.25% × 9000 = 1912.50; EQ3 47 → 18.75% × 4958.90 =
    # 929.79375 → 929.79; EQ5 44 → 8.75% × 6000 = 525.00; EQ4 (40) nothing: 6367.29 paid of 11250.00
    assert "Retribuzione di risultato pagata = € 6.367,29" in text
    for said in (
        "Retribuzione di risultato di Anna Rossi = € 3.000,00",
        "Retribuzione di risultato di Marco Bianchi = € 1.912,50",
        "Retribuzione di risultato di Luca Verdi = € 929,79",
        "Retribuzione di risultato di Sara Gialli = € 525,00",
    ):
        assert said in text, said
    assert "Paola Neri" not in text


def test_the_workbook_names_the_result_pay_and_never_an_empty_band(tmp_path):
    from ciclope.core.reports import sheets

    result = computed(tmp_path)
    table = sheets.awards(result, lambda pid: "")
    names = [c[0] for c in table.columns]
    rows = {r[0]: dict(zip(names, r, strict=True)) for r in table.rows if r[3].startswith("Retribuzione di risultato")}
    # the EQ result rows name their part; they have no merit band (the steps of [risultato_po] are no band of a
    # fund, as in every plugin's result pay)
    assert {pid for pid, row in rows.items() if row["Parte"] == "retribuzione di risultato"} == {
        "EQ1",
        "EQ2",
        "EQ3",
        "EQ4",
        "EQ5",
    }
    bands = sheets.bands(result)
    assert all(r[1] for r in bands.rows), bands.rows  # EQ4 (40 points) and D5, paid nothing: a band said, not empty
    # a 2025 cycle of Funzioni Locali: the contract of the year says «le EQ»
    # the regulation declares levels, no merit bands: the band column is its levels'; the result pay, which no
    # level divides, says so, never «nessun livello» of EQ who have one
    assert ("Retribuzione di risultato delle EQ", "non diviso per livello") in [r[:2] for r in bands.rows]


def test_the_card_box_cites_the_declared_scheda(tmp_path):
    text = explain(computed(tmp_path), "person", "EQ1") or ""
    lines = text.splitlines()
    at = lines.index(next(line for line in lines if "■ Scheda di valutazione di Anna Rossi" in line))
    source = lines[at + 2].strip()
    title = "Sistema di misurazione e valutazione della performance del Comune di Calcinate"
    assert source.startswith("fonte:") and title in source and source.endswith("SMVP, scheda di valutazione"), source
    assert "regole comuni" not in text


def test_the_scheda_says_the_days_of_service_and_the_rounding_of_the_result_pay(tmp_path):
    """An EQ who left on 30/06 was written with the position pay due (4.958,90, not the year's 10.000,00): her scheda
    said neither why it was less than a year's nor that 4.958,90 × 18,75% = 929,79375 was rounded to 929,79."""
    from ciclope.core.schede.content import build

    result = computed(tmp_path)
    scheda = build(result, "EQ3")
    about = {line.label: line.value for line in scheda.about}
    # 1/1–30/6/2025: 31 + 28 + 31 + 30 + 31 + 30 = 181 days of 365
    assert about["Servizio nell'anno"] == "181 giorni di servizio su 365 (fino al 30/06/2025)"
    assert "Servizio nell'anno" not in {line.label for line in build(result, "EQ2").about}  # a whole year
    (pay,) = [p for p in scheda.payments if p.amount == "€ 929,79"]  # 31 + 16 = 47 of 60: the step «da 46», 18,75%
    assert pay.formula == "retribuzione di posizione × quota del gradino di punteggio, arrotondata al centesimo"


def test_the_ente_quota_of_two_eq_does_not_publish_their_pay(tmp_path):
    """With two EQ the public Relazione withheld their result pay («riservato» in the Fondi table) and published it
    in the national table beside their position pay («posizione € 21.000,00, risultato € 11.250,00…»): the row says
    the check and its outcome, not the amounts of fewer than 3 people."""
    people = DATA["persone.csv"]
    for pid, pay in (("EQ3", "4958.90"), ("EQ4", "8000.00"), ("EQ5", "6000.00")):  # three EQ become staff
        people = people.replace(f"{pid},", f"X{pid},", 1)
        start = people.index(f"X{pid},")
        line = people[start : people.index("\n", start)]
        people = people.replace(line, line.replace(",EQ,", ",Dipendente,").replace(f",{pay}", ","))
    people = people.replace("X", "")
    result = computed(tmp_path, data={"persone.csv": people})
    # position 12.000,00 + 9.000,00 = 21.000,00; result 11.250,00 + the interim 1.008,22 = 12.258,22 of 33.258,22:
    # 36,86% ≥ 15%, no warning
    assert not [p for p in result.violations if p.rule == "ccnl.po_result_quota"]
    row = quota_row(result)
    assert row == "controllato: almeno il 15% al risultato; importi riservati (meno di 3 EQ)", row
