"""Two owed parts (``dovuto = true``) paid by the days of service, each with an advance in September and the balance
next June (an office's P.R.O. of an Autorità di Sistema Portuale): the documents say what is owed, never a negative
«non pagato»; each part at 0 with its reason; a definition by its words; the scheda's readings, reasons and the net
of the balance month; why someone hired after the advance has none."""

from __future__ import annotations

import pytest

from ciclope.core.reports import public, sheets
from ciclope.core.run.explain import explain
from ciclope.core.schede import content

from helpers import TESTS, computed_case, cycle_case

# the office's file, as the catalogue keeps it (docs/regolamento-catalogo.md §38)
REGULATION = (TESTS / "regolamento" / "catalogo" / "adsp_tirreno_centrale.toml").read_text(encoding="utf-8")

PEOPLE = """codice,nome,ruolo,grado,unità,quota_tempo,giorni_assenza,valutatore,assunzione,cessazione
P01,Marina Esposito,Dipendente,Quadro A,AMM,100%,0,DIRAMM,,
P06,Salvatore Ferrara,Dipendente,Livello 2,AMM,100%,0,DIRAMM,,
P10,Pasquale Greco,Dipendente,Livello 4,AMM,100%,0,DIRAMM,01/11/2024,
P11,Giovanna Bruno,Dipendente,Livello 5,AMM,100%,0,DIRAMM,,
"""

# points of the two items of each section: Obiettivi (on 80), Competenze e comportamenti (on 20)
POINTS = {"P01": (38, 37, 9, 9), "P06": (20, 22, 5, 6), "P10": (30, 29, 6, 6), "P11": (22, 23, 9, 9)}
ITEMS = (
    ("Obiettivi", "Obiettivo operativo 1", 40),
    ("Obiettivi", "Obiettivo operativo 2", 40),
    ("Competenze e comportamenti", "Competenze professionali", 10),
    ("Competenze e comportamenti", "Comportamenti organizzativi", 10),
)

CYCLE = """[ciclo]
anno = 2024

[[ente]]
id = "adsp"
plugin = "regolamento"
regolamento = "regolamento.toml"
dati = "levante"
"""


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    cards = [
        f"{pid},DIRAMM,{section},{item},{most},{points[k]}"
        for pid, points in POINTS.items()
        for k, (section, item, most) in enumerate(ITEMS)
    ]
    data = {
        "ente.toml": 'nome = "AdSP di Prova"\n\n[valutatori]\nDIRAMM = "Dirigente dell\'Area Amministrativa"\n',
        "persone.csv": PEOPLE,
        "unità.csv": "codice,nome,tipo,superiore,responsabile\nADSP,AdSP di Prova,ente,,\nAMM,Area Amministrativa,area,ADSP,\n",
        "valutazioni.csv": "\n".join(["persona,valutatore,sezione,voce,punti_massimi,punti", *cards]) + "\n",
    }
    return computed_case(cycle_case(tmp_path_factory.mktemp("adsp"), "levante", data, REGULATION, CYCLE))


# By hand (2024: 366 days). Obiettivi: 80% of the grade's maximum × the band of its points (≥72 100%, ≥60 80%, ≥48
# 60%, else 0); Competenze: 20% × its band (≥18 100%, ≥15 80%, ≥12 60%, else 0); × days of service / 366.
# P01 Quadro A 3.000, 75 and 18 points: 2.400,00 and 600,00.
# P06 Livello 2 2.400, 42 and 11: 0 and 0.
# P10 Livello 4 2.100, hired 1/11 (61 days), 59 and 12: 2.100 × 80% × 60% = 1.008 × 61/366 = 168,00;
#     2.100 × 20% × 60% = 252 × 61/366 = 42,00.
# P11 Livello 5 2.000, 45 and 18: 0 and 2.000 × 20% × 100% = 400,00.
# Objectives part: 2.400 + 0 + 168 + 0 = 2.568,00; competences part: 600 + 0 + 42 + 400 = 1.042,00.


def test_an_owed_part_is_what_it_owes_never_a_negative_unpaid(result):
    table = next(t for t in sheets.tables(result) if t.title == "Parti dei fondi")
    rows = [(row[1], str(row[3]), str(row[4]), str(row[5])) for row in table.rows]
    assert rows == [
        ("quota obiettivi (80%)", "2568.00", "2568.00", "0.00"),
        ("quota competenze (20%)", "1042.00", "1042.00", "0.00"),
    ]


def test_a_part_at_zero_has_its_row_with_the_reason(result):
    table = next(t for t in sheets.tables(result) if t.title == "Premi")
    # P11: 0 from the objectives (45 points, under 48), 400,00 from the competences; both rows, the 0 with its reason
    # and the part's article (fonte = "art. 2 c. 2" of the act whose sigla is «Contratto di secondo livello»)
    rows = [(row[4], str(row[5]), row[-1]) for row in table.rows if row[0] == "P11"]
    assert rows == [
        (
            "quota obiettivi (80%)",
            "0.00",
            "i punti della sezione «Obiettivi» sono meno di 48, Contratto di secondo livello, art. 2 c. 2",
        ),
        ("quota competenze (20%)", "400.00", None),
    ]


def test_the_public_page_says_a_definition_by_its_words(result):
    page = public.render(result)
    assert "massimo_pro" not in page and "fascia_obiettivi" not in page and "fascia_competenze" not in page
    assert "l&#x27;importo massimo del P.R.O. per il livello" in page


def test_the_scheda_keeps_the_score_apart_and_says_the_net_of_the_balance_month(result):
    scheda = content.build(result, "P11")
    # the parts' reading is theirs, not the score's: the scheda block writes none
    assert scheda.score_readings == ()
    objectives = next(p for p in scheda.payments[0].parts if "obiettivi" in p.what)
    assert objectives.note == "nessun importo: i punti della sezione «Obiettivi» sono meno di 48"
    # advances in September: 30% × 80% × 2.000 = 480,00 and 30% × 20% × 2.000 = 120,00; June 2025's balances:
    # 0 − 480,00 = −480,00 (a recovery) and 400,00 − 120,00 = 280,00: together −480 + 280 = −200,00 to give back
    assert [(line.label, line.value) for line in scheda.instalments][-1] == (
        "Saldo a giugno 2025",
        "− € 200,00 da restituire",
    )


def test_explain_says_why_someone_hired_after_the_advance_has_none(result):
    text = explain(result, "person", "P10")
    assert text is not None
    # P10 hired on 1/11/2024, after September's advance: the balance is the whole premium, and it says why
    assert (
        text.count(
            "nota:    nessun acconto di settembre 2024: non in servizio nel mese (data di assunzione 01/11/2024)"
        )
        == 2
    )
