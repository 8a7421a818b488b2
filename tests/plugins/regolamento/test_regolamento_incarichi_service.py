"""The days of an appointment of incarichi.csv ([[premi]] incarichi, ``giorni``) are those of its row within the
person's service (``assunzione`` to ``cessazione`` of people.csv) and within the year: a row that runs past the service
is a warning of its row, and the file is read as written.

The case is the Comune di Terlizzi's retribuzione di risultato of 2020, as a blind tester declared it: each settore
pays an amount × its score / 100 × the days of the appointment / the days of the year, the titolare's part first,
what it leaves to the interim's. Computed for 2024: 366 days. Every amount by hand, with the arithmetic beside it."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Retribuzione di risultato dei dirigenti"
tipo_ente = "comune"

[[colonne]]
nome = "punteggio_settore"
tipo = "punti"
elenco = "incarichi"
significato = "il punteggio finale del settore"
fonte = "prospetto, colonna «punteggio finale»"

[[premi]]
nome = "settore diretto"
metodo = "formula"
fondo = "risultato_dirigenti"
quota_fondo = 1
residuo_a = "settore ad interim"
ruoli = ["dirigente"]
valutazione = false
incarichi = "titolare"
tra_gli_incarichi = "somma"
tempo_parziale = "intero"
importo = '=3660 € * punteggio_settore / 100 * giorni / giorni_anno'
fonte = "prospetto, colonna «Retribuzione di Risultato»"

[[premi]]
nome = "settore ad interim"
metodo = "formula"
fondo = "risultato_dirigenti"
quota_fondo = 0
ruoli = ["dirigente"]
valutazione = false
incarichi = "interim"
tra_gli_incarichi = "somma"
tempo_parziale = "intero"
importo = '=1830 € * punteggio_settore / 100 * giorni / giorni_anno'
fonte = "prospetto, colonna «Indennità di risultato per incarico ad interim»"
"""

# D1 leaves on 30/09, D2 is hired on 16/03, D3 is in service all year; D4 holds no appointment
PEOPLE = [
    "D1,Paolo De Santis,dirigente,DIR,com,1,0,false,SEG,,2024-09-30",
    "D2,Anna Lorusso,dirigente,DIR,com,1,0,false,SEG,2024-03-16,",
    "D3,Carla Amoruso,dirigente,DIR,com,1,0,false,SEG,,",
    "D4,Elena Panzarino,dirigente,DIR,com,1,365,false,SEG,,",
]
# rows 2 and 3 run all the year, past D1's cessazione and before D2's assunzione
INCARICHI = (
    "persona,tipo,sostituito,dal,al,x_settore,punteggio_settore\n"
    "D1,titolare,,01/01/2024,31/12/2024,S6,80\n"
    "D2,titolare,,01/01/2024,31/12/2024,S5,100\n"
    "D3,titolare,,01/01/2024,31/12/2024,S7,100\n"
    "D3,interim,,01/01/2024,15/03/2024,S5,90\n"
)


def comune(incarichi: str = INCARICHI) -> dict[str, str]:
    files = one_unit_comune("Comune", [], [], '[funds]\nrisultato_dirigenti = "20000.00"\n')
    header = STAFF_HEADER + ",assunzione,cessazione"
    files["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false,,,", *PEOPLE]) + "\n"
    files["incarichi.csv"] = incarichi
    return files


def test_an_appointment_counts_only_the_days_in_service(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    assert not [v.message for v in result.violations if v.is_error]
    # D1: 01/01–30/09/2024 in service, 31 + 29 + 31 + 30 + 31 + 30 + 31 + 31 + 30 = 274 days (not the row's 366):
    #     3.660 × 80 / 100 × 274 / 366 = 2.928 × 274 / 366 = 8 × 274 = 2.192,00
    # D2: 16/03–31/12/2024, 366 − (31 + 29 + 15) = 291 days: 3.660 × 100 / 100 × 291 / 366 = 10 × 291 = 2.910,00
    # D3: titolare all year 3.660 × 100 / 100 × 366 / 366 = 3.660,00; interim 01/01–15/03, 31 + 29 + 15 = 75 days:
    #     1.830 × 90 / 100 × 75 / 366 = 1.647 × 75 / 366 = 337,50; summed 3.997,50
    assert amounts(result) == {"D1": "2192.00", "D2": "2910.00", "D3": "3997.50"}


def test_a_row_past_the_service_is_a_warning_of_its_row(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    found = [v for v in result.violations if v.rule == "regolamento.incarichi"]
    # the header is row 1: D1's row is 2 (its «al» past the cessazione), D2's row 3 (its «dal» before the assunzione)
    assert [(v.severity, v.file, v.row, v.column) for v in found] == [
        ("warning", "incarichi.csv", 2, "al"),
        ("warning", "incarichi.csv", 3, "dal"),
    ]
    left, hired = (v.message for v in found)
    # people.csv: the header, SEG, then D1 on row 3 and D2 on row 4
    assert left == (
        "l'incarico finisce il 31/12/2024 (colonna al), dopo la cessazione dal servizio di Paolo De Santis il "
        "30/09/2024 (people.csv, riga 3, colonna cessazione): sono contati i giorni dal 01/01/2024 al 30/09/2024 "
        "(274 nell'anno)"
    )
    assert hired == (
        "l'incarico inizia il 01/01/2024 (colonna dal), prima dell'assunzione di Anna Lorusso il 16/03/2024 "
        "(people.csv, riga 4, colonna assunzione): sono contati i giorni dal 16/03/2024 al 31/12/2024 "
        "(291 nell'anno)"
    )


def test_a_row_wholly_after_the_cessazione_is_not_paid(ciclope_ente, tmp_path):
    rows = INCARICHI.replace("D1,titolare,,01/01/2024,31/12/2024", "D1,titolare,,01/10/2024,31/12/2024")
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune(rows))
    (left,) = [v.message for v in result.violations if v.rule == "regolamento.incarichi" and v.row == 2]
    assert left.endswith("nessun giorno dell'incarico è di servizio nell'anno: l'incarico non è pagato")
    # 01/10–31/12 after the cessazione of 30/09: no day, 3.660 × 80 / 100 × 0 / 366 = 0
    assert amounts(result)["D1"] == "0.00"


def test_rows_within_the_service_say_nothing(ciclope_ente, tmp_path):
    rows = INCARICHI.replace("D1,titolare,,01/01/2024,31/12/2024", "D1,titolare,,01/01/2024,30/09/2024")
    rows = rows.replace("D2,titolare,,01/01/2024,31/12/2024", "D2,titolare,,16/03/2024,")
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune(rows))
    assert [v.message for v in result.violations if v.rule == "regolamento.incarichi"] == []
    # the same days as above, written by the office: the same amounts
    assert amounts(result) == {"D1": "2192.00", "D2": "2910.00", "D3": "3997.50"}


def test_the_days_are_explained_down_to_the_dates_cells(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    text = explain(result, "person", "D3")
    # D3's interim, row 5 of incarichi.csv: 01/01–15/03/2024, 31 + 29 + 15 = 75 days, from its two cells
    interim = (
        "      • inizio dell'incarico = 01/01/2024   ← incarichi.csv, riga 5, colonna dal\n"
        "      • fine dell'incarico = 15/03/2024   ← incarichi.csv, riga 5, colonna al\n"
        "      • i giorni dell'incarico nell'anno = 75\n"
    )
    assert interim in text
    assert "data di cessazione" not in text and "data di assunzione" not in text  # in service all year: no cut


def test_the_days_cut_by_the_service_say_the_date_that_cuts_them(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    # D1's row 2 runs to 31/12/2024; the cessazione of 30/09/2024 (people.csv, row 3) cuts it: 274 days
    left = (
        "      • inizio dell'incarico = 01/01/2024   ← incarichi.csv, riga 2, colonna dal\n"
        "      • fine dell'incarico = 31/12/2024   ← incarichi.csv, riga 2, colonna al\n"
        "      • data di cessazione = 30/09/2024   ← people.csv, riga 3, colonna cessazione\n"
        "      • i giorni dell'incarico nell'anno = 274\n"
    )
    assert left in explain(result, "person", "D1")
    # D2's row 3 starts on 01/01/2024; the assunzione of 16/03/2024 (people.csv, row 4) cuts it: 291 days
    hired = (
        "      • inizio dell'incarico = 01/01/2024   ← incarichi.csv, riga 3, colonna dal\n"
        "      • fine dell'incarico = 31/12/2024   ← incarichi.csv, riga 3, colonna al\n"
        "      • data di assunzione = 16/03/2024   ← people.csv, riga 4, colonna assunzione\n"
        "      • i giorni dell'incarico nell'anno = 291\n"
    )
    assert hired in explain(result, "person", "D2")


def test_who_holds_no_appointment_reads_that_no_row_names_them(ciclope_ente, tmp_path):
    """D4 is a dirigente every part of the regulation could pay, but no row of incarichi.csv names her: that, not the
    evaluation the regulation does not give dirigenti, is why she is paid nothing."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    assert "D4" not in amounts(result)
    text = explain(result, "person", "D4")
    header = text.split("\n\n", 1)[0]
    assert "esito: senza incarico nell'elenco degli incarichi\n" in header
    assert "non valutato" not in text and "il regolamento non la prevede" not in text
    assert (
        "Premio: nessun importo assegnato.\n"
        "  perché: nessuna riga di incarichi.csv nomina Elena Panzarino: le parti «settore diretto» (incarichi "
        "«titolare») e «settore ad interim» (incarichi «interim») pagano solo gli incarichi dell'elenco\n"
    ) in header
    assert "Nessuna cifra calcolata da spiegare" not in text


def test_who_holds_only_appointments_of_other_kinds_reads_their_rows(ciclope_ente, tmp_path):
    rows = INCARICHI + "D4,reggenza,,01/01/2024,31/12/2024,S1,90\n"  # row 6: a kind neither part pays
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune(rows))
    assert "D4" not in amounts(result)
    assert (
        "  perché: incarichi.csv nomina Elena Panzarino solo con incarichi di altri tipi (riga 6): le parti «settore "
        "diretto» (incarichi «titolare») e «settore ad interim» (incarichi «interim») pagano solo gli incarichi "
        "dell'elenco\n"
    ) in explain(result, "person", "D4")


def kpis(report) -> dict[str, str]:
    from ciclope.core.reports.model import Kpis

    (summary,) = [s for s in report.sections if s.ident == "sintesi"]
    (found,) = [b for b in summary.blocks if isinstance(b, Kpis)]
    return dict(found.items)


def test_the_summary_counts_whom_it_paid_where_nobody_is_evaluated(ciclope_ente, tmp_path):
    """Nobody has an individual evaluation (``valutazione = false``): «0 / 5 Persone valutate / in organico» said
    nothing of the three dirigenti paid on their sectors' scores."""
    from ciclope.core.reports import public
    from ciclope.core.reports.relazione import build

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    # in organico: SEG, D1, D2, D3, D4 = 5; paid: D1, D2, D3 = 3 (D4 holds no appointment, SEG no part's role)
    label = "Persone pagate senza valutazione individuale / in organico"
    report = build(result)
    assert kpis(report)[label] == "3 / 5"
    assert "Persone valutate / in organico" not in kpis(report)
    assert kpis(public.disclose(report, result))[label] == "3 / 5"


def test_article_20_says_over_whom_the_mean_is_where_nobody_is_evaluated(ciclope_ente, tmp_path):
    from ciclope.core.reports import art20

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    rows = [tuple(line.split(";")) for line in art20.render(result).splitlines()[1:]]
    # distributed 2.192,00 + 2.910,00 + 3.997,50 = 9.099,50 to 3 people; the mean 20.000 / 3 = 6.666,666… → 6.666,67
    assert rows == [
        ("tutto il personale", "premi stanziati (€)", "20000,00"),
        ("tutto il personale", "premi distribuiti (€)", "9099,50"),
        ("tutto il personale", "persone valutate", "0"),
        ("tutto il personale", "persone pagate senza valutazione individuale", "3"),
        ("tutto il personale", "premio medio conseguibile (€)", "6666,67"),
    ]


def test_the_residual_of_parts_chained_says_each_part_s_piece(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    # settore diretto: 20.000,00 × 1, pays 2.192,00 + 2.910,00 + 3.660,00 = 8.762,00 and sends 20.000 − 8.762 =
    # 11.238,00 to settore ad interim (quota 0: that is its whole fund), which pays 337,50 and leaves 11.238,00 −
    # 337,50 = 10.900,50; the fund: 20.000,00 − (8.762,00 + 337,50 = 9.099,50) = 10.900,50
    text = explain(result, "pool", "risultato_dirigenti")
    assert (
        "Residuo = stanziato − distribuito = € 20.000,00 − € 9.099,50 = € 10.900,50: lasciato dalla parte «settore ad "
        "interim» (che dei € 11.238,00 non pagati dalla parte «settore diretto» ha pagato € 337,50) € 10.900,50\n"
    ) in text


def test_a_column_of_points_reads_with_two_decimals(ciclope_ente, tmp_path):
    """The prospetto writes the sector's score as 97,50 and the Relazione promises scores with two decimals: its
    explanation said «97,5». An amount and a percentage keep their own shape."""
    rows = INCARICHI.replace("D1,titolare,,01/01/2024,31/12/2024,S6,80", 'D1,titolare,,01/01/2024,31/12/2024,S6,"97,5"')
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune(rows))
    # 3.660 × 97,5 / 100 × 274 / 366 = 3.568,50 × 274 / 366 = 2.671,50
    assert amounts(result)["D1"] == "2671.50"
    text = explain(result, "person", "D1")
    assert "• il punteggio finale del settore = 97,50   ← incarichi.csv, riga 2, colonna punteggio_settore\n" in text
    # a whole score too: 100,00, as the Relazione prints a score
    assert "• il punteggio finale del settore = 100,00   ← incarichi.csv, riga 3" in explain(result, "person", "D2")


PEOPLE_POINTS = """\
formato = 2
[atto]
titolo = "Regolamento del premio"
tipo_ente = "comune"

[[colonne]]
nome = "punteggio_scheda"
tipo = "punti"
significato = "il punteggio della scheda"
fonte = "art. 3"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
peso = '=punteggio_scheda / MEDIA.ENTE(punteggio_scheda)'
fonte = "art. 6"
"""


def test_a_column_of_points_reads_with_two_decimals_in_an_aggregate(ciclope_ente, tmp_path):
    files = one_unit_comune("Comune", [], [], '[funds]\nproduttivita = "1000.00"\n')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",punteggio_scheda",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,",
        'P1,Anna,dipendente,C,com,1,0,false,SEG,"97,5"',
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,60",
    ]) + "\n"  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, PEOPLE_POINTS, files)
    # the mean (97,5 + 60) / 2 = 78,75; weights 97,5 / 78,75 and 60 / 78,75, Σ 2: P1 1.000 × 97,5 / 157,5 = 619,047…
    # → 619,04, P2 1.000 × 60 / 157,5 = 380,952… → 380,95; the cent left (0,01) to P1's larger remainder (0,7 of a cent)
    assert amounts(result) == {"P1": "619.05", "P2": "380.95"}
    text = explain(result, "person", "P1")
    assert "• il punteggio della scheda = 97,50   ← people.csv, riga 3, colonna punteggio_scheda\n" in text
    assert "• Anna (P1) = 97,50   ← people.csv, riga 3, colonna punteggio_scheda\n" in text
    assert "• Bruno (P2) = 60,00   ← people.csv, riga 4, colonna punteggio_scheda\n" in text
