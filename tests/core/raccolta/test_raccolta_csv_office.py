"""raccolta crea|unisci for an office that writes its data as CSV files with the Italian headers: what the merge adds
is in the office's words, and the status table says what is outstanding and what the data already held."""

from __future__ import annotations

from pathlib import Path

from office_year import fill_workbook

from helpers import ciclope, cycle_case

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri di valutazione"
tipo_ente = "comune"
comparto = "altro"

[[scheda]]
fonte = "art. 1"
ruoli = ["po", "dipendente"]
voci = [
  { sezione = "Comportamenti", voce = "Collaborazione", massimo = 60 },
  { sezione = "Comportamenti", voce = "Precisione", massimo = 40 },
]

[livelli]
fonte = "art. 2"
scala = [{ nome = "alta", da = 80 }, { nome = "bassa", da = 0 }]

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
peso = "=1"
fonte = "art. 3"
"""


CARDS_HEADER = "persona,valutatore,sezione,voce,punti_massimi,punti"
# the Segretaria SEG evaluates the PO Paolo Orsi, whose card the office has already written; PO1 evaluates A1 and A2,
# whose cards go out; SEG answers for the unit's indicator IN1, whose actual is already written
DATA = {
    "unità.csv": "codice,nome,tipo,superiore,responsabile\ncom,Comune di Prova,ente,,SEG\n",
    "persone.csv": "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore\n"
    "SEG,Sara Segre,Segretario,DIR,com,100%,0,\n"
    "PO1,Paolo Orsi,Posizione organizzativa,D,com,100%,0,SEG\n"
    "A1,Anna Albi,Dipendente,C,com,100%,0,PO1\n"
    "A2,Aldo Arno,Dipendente,B,com,100%,0,PO1\n",
    "obiettivi.csv": "codice,tipo,titolo,superiore,area,peso,responsabile\nOB1,operativo,Servizi,,,,com\n",
    "indicatori.csv": "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo\n"
    "IN1,OB1,Pratiche,più è meglio,,,10,10\n",
    "valutazioni.csv": f"{CARDS_HEADER}\nPO1,SEG,Comportamenti,Collaborazione,60,50\n"
    "PO1,SEG,Comportamenti,Precisione,40,30\n",
    "ente.toml": 'nome = "Comune di Prova"\n[fondi]\nperformance_individuale = "3000.00"\n',
}


def collected(tmp_path: Path, **files: str | None) -> Path:
    """The ente of ``DATA`` (``files`` in place of its own; None: without that file) under ``tmp_path``, its
    collection created in ``r`` and PO1's workbook returned with 5 points less than each item's maximum; the
    cycle.toml."""
    data = {name: text for name, text in {**DATA, **files}.items() if text is not None}
    cycle = cycle_case(tmp_path, "ente", data, REGULATION)
    done = ciclope("raccolta", "crea", cycle, "--ente", "comune", "--out", tmp_path / "r")
    assert done.returncode == 0, done.stderr
    sent = tmp_path / "r" / "da-inviare"
    fill_workbook(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", lambda most: most - 5)
    return cycle


def unisci(cycle: Path):
    done = ciclope("raccolta", "unisci", cycle, "--ente", "comune", cycle.parent / "r")
    assert done.returncode == 0, done.stderr
    return done


def test_the_columns_the_merge_adds_are_in_the_offices_italian(tmp_path):
    cycle = collected(tmp_path)
    unisci(cycle)
    lines = (tmp_path / "ente" / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    # the office's six columns as written, then «peso» and «motivazione» (never weight, motivation) and where each
    # merged row came from
    assert lines[0] == f"{CARDS_HEADER},peso,motivazione,x_raccolta_cartella,x_raccolta_valutatore,x_raccolta_ricevuta"
    # the office's rows byte for byte; A1's items merged with 60 − 5 = 55 and 40 − 5 = 35 points
    assert lines[1:3] == ["PO1,SEG,Comportamenti,Collaborazione,60,50", "PO1,SEG,Comportamenti,Precisione,40,30"]
    assert lines[3].startswith("A1,PO1,Comportamenti,Collaborazione,60,55,,,PO1.xlsx,PO1,")
    assert lines[4].startswith("A1,PO1,Comportamenti,Precisione,40,35,,,PO1.xlsx,PO1,")
    assert ciclope("validate", cycle).returncode == 0


def test_a_file_with_the_codes_of_before_gets_its_new_columns_in_italian(tmp_path):
    # the codes stay read; a column the merge adds is the office's word whatever the file's header
    codes = "person,evaluator,section,item,max_points,points"
    cards = DATA["valutazioni.csv"].replace(CARDS_HEADER, codes)
    cycle = collected(tmp_path, **{"valutazioni.csv": cards})
    unisci(cycle)
    header = (tmp_path / "ente" / "valutazioni.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == f"{codes},peso,motivazione,x_raccolta_cartella,x_raccolta_valutatore,x_raccolta_ricevuta"
    assert ciclope("validate", cycle).returncode == 0


def test_a_new_file_of_cards_has_the_offices_headers(tmp_path):
    cycle = collected(tmp_path, **{"valutazioni.csv": None})
    unisci(cycle)
    lines = (tmp_path / "ente" / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"{CARDS_HEADER},peso,motivazione,x_raccolta_cartella,x_raccolta_valutatore,x_raccolta_ricevuta"
    assert lines[1].startswith("A1,PO1,Comportamenti,Collaborazione,60,55,,,PO1.xlsx,PO1,")


def test_an_actual_merged_into_a_file_without_its_column_is_written_under_consuntivo(tmp_path):
    # indicatori.csv without «consuntivo», no card written yet: SEG returns PO1's card and IN1's actual 12
    indicators = "codice,obiettivo,nome,tipo,peso,valore_base,target\nIN1,OB1,Pratiche,più è meglio,,,10\n"
    cycle = collected(tmp_path, **{"indicatori.csv": indicators, "valutazioni.csv": f"{CARDS_HEADER}\n"})
    sent = tmp_path / "r" / "da-inviare"
    fill_workbook(sent / "SEG.xlsx", tmp_path / "r" / "ricevute" / "SEG.xlsx", lambda most: most, actual=12)
    unisci(cycle)
    lines = (tmp_path / "ente" / "indicatori.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo,x_raccolta_cartella," + (
        "x_raccolta_valutatore,x_raccolta_ricevuta"
    )
    assert lines[1].startswith("IN1,OB1,Pratiche,più è meglio,,,10,12,SEG.xlsx,SEG,")
    assert ciclope("validate", cycle).returncode == 0


def test_a_workbook_whose_cards_and_actuals_are_already_in_the_data_is_not_missing(tmp_path):
    # SEG's workbook holds PO1's card and IN1's indicator, both written in the data before `raccolta crea` (PO1's
    # 50 + 30 points, IN1's actual 10); SEG returns nothing, PO1 returns A1's and A2's cards
    done = unisci(collected(tmp_path))
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("valutatore"))
    seg = next(line for line in lines if line.startswith("SEG "))
    state = header.index("stato")
    # SEG: 1 card sent, 1 already in the data; 1 indicator sent, 1 actual already in the data; nothing outstanding
    assert seg[: state - 2].split()[-6:] == ["1", "su", "1", "1", "su", "1"], seg
    assert seg[state:] == "non restituita, già tutto nei dati", seg
    assert "MANCANTE" not in done.stdout
    # 2 sent: PO1's accepted, SEG's not back but nothing missing; 2 cards new (A1, A2) + 1 already in the data
    # (PO1) = the rows' 2 + 1 cards; 0 actuals now + 1 already in the data = the rows' 0 + 1
    assert "Cartelle inviate 2: 1 accolta, 0 respinte, 0 mancanti; 1 non restituita, già tutto nei dati." in lines
    assert (
        "Schede unite: 2 nuove, 0 aggiornate, 0 già presenti; già nei dati, non da una cartella unita ora: 1; "
        "non unite: 0 incomplete, 0 in conflitto."
    ) in lines
    assert "Consuntivi uniti: 0 ora, 0 già presenti; già nei dati, non da una cartella unita ora: 1." in lines


def test_a_workbook_not_back_with_a_card_outstanding_is_missing_and_counts_what_the_data_holds(tmp_path):
    # a second PO evaluated by SEG, PO2, without a card: SEG's workbook now has 2 cards, PO1's already in the data
    people = DATA["persone.csv"] + "PO2,Piero Pace,Posizione organizzativa,D,com,100%,0,SEG\n"
    done = unisci(collected(tmp_path, **{"persone.csv": people}))
    seg = next(line for line in done.stdout.splitlines() if line.startswith("SEG "))
    # 1 of 2 cards in the data (PO1's), PO2's outstanding; the 1 actual in the data
    assert seg.split()[-7:] == ["1", "su", "2", "1", "su", "1", "MANCANTE"], seg
    assert "Cartelle inviate 2: 1 accolta, 0 respinte, 1 mancante." in done.stdout


def test_a_card_that_weighs_one_voce_sends_and_merges_every_voce_s_weight(tmp_path):
    # the regulation weighs «Collaborazione» 120 (twice its maximum of 60) and gives «Precisione» no peso: it weighs
    # its maximum, 40. The forms carry both weights, never 120 beside a blank (a card of weights in part blank is
    # refused): A1's 55 and 35 points are 100 × (120 × 55/60 + 40 × 35/40) / 160 = 100 × 145 / 160 = 90,625 → 90,63
    weighed = REGULATION.replace("massimo = 60 }", "massimo = 60, peso = 120 }")
    data = {**DATA, "valutazioni.csv": f"{CARDS_HEADER}\n"}
    cycle = cycle_case(tmp_path, "ente", data, weighed)
    assert ciclope("raccolta", "crea", cycle, "--ente", "comune", "--out", tmp_path / "r").returncode == 0
    sent = tmp_path / "r" / "da-inviare"
    fill_workbook(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", lambda most: most - 5)
    fill_workbook(sent / "SEG.xlsx", tmp_path / "r" / "ricevute" / "SEG.xlsx", lambda most: most, actual=10)
    unisci(cycle)
    lines = (tmp_path / "ente" / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(f"{CARDS_HEADER},peso,")
    a1 = [line for line in lines if line.startswith("A1,")]
    assert [line.split(",")[4:7] for line in a1] == [["60", "55", "120"], ["40", "35", "40"]]
    assert ciclope("validate", cycle).returncode == 0
    done = ciclope("explain", cycle, "--person", "A1")
    assert "90,63" in done.stdout, done.stdout


# PO1 evaluates four people; the office has written the cards of A1, A2 and A3 before `raccolta crea` (SEG's card
# of PO1 too, and IN1's actual): PO1 returns its workbook with 5 points less than each item's maximum, 55 of 60 and
# 35 of 40, as in ``collected``
FOUR = DATA["persone.csv"] + "A3,Alba Alpi,Dipendente,C,com,100%,0,PO1\nA4,Ada Arpi,Dipendente,C,com,100%,0,PO1\n"


def _cards(*rows: str) -> str:
    return f"{CARDS_HEADER}\n" + "".join(f"{row}\n" for row in rows) + DATA["valutazioni.csv"].split("\n", 1)[1]


def test_a_returned_card_the_same_as_the_offices_is_already_in_the_data_not_a_conflict(tmp_path):
    # A1's card in the data as the office wrote it, «55,0» and «35»: the loader reads 55 and 35, the points PO1
    # returns; the maximum «60,00» reads 60. The same card: nothing written, counted «già presenti», no error
    office = ("A1,PO1,Comportamenti,Collaborazione,\"60,00\",\"55,0\"", "A1,PO1,Comportamenti,Precisione,40,35")
    cycle = collected(tmp_path, **{"valutazioni.csv": _cards(*office)})
    done = unisci(cycle)
    assert "ha già una scheda" not in done.stderr, done.stderr
    lines = (tmp_path / "ente" / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == list(office)  # the office's rows byte for byte, no x_raccolta_ columns filled
    assert lines[5].startswith("A2,PO1,Comportamenti,Collaborazione,60,55,")
    # A2 new (1); A1 the same (1); PO1's card, SEG's workbook not back, already in the data (1)
    assert (
        "Schede unite: 1 nuove, 0 aggiornate, 1 già presenti; già nei dati, non da una cartella unita ora: 1; "
        "non unite: 0 incomplete, 0 in conflitto."
    ) in done.stdout.splitlines()


def test_a_returned_card_other_than_the_offices_says_the_first_voce_that_differs(tmp_path):
    # A1's card in the data: Collaborazione 55 (as returned), Precisione 30 (PO1 returns 40 − 5 = 35)
    office = ("A1,PO1,Comportamenti,Collaborazione,60,55", "A1,PO1,Comportamenti,Precisione,40,30")
    cycle = collected(tmp_path, **{"valutazioni.csv": _cards(*office)})
    done = ciclope("raccolta", "unisci", cycle, "--ente", "comune", tmp_path / "r")
    assert done.returncode == 1
    assert (
        "valutazioni.csv, riga 2, colonna persona: errore: «A1» ha già una scheda nei dati dell'ente (righe 2, 3) "
        "che non viene dalla cartella di «PO1» ed è diversa da quella ricevuta in PO1.xlsx: voce «Precisione», "
        "nei dati 30, nella cartella 35; la scheda ricevuta non è unita: per prendere quella della cartella togli "
        "quelle righe dai dati e rilancia l'unione, altrimenti correggi la cartella"
    ) in done.stderr, done.stderr
    lines = (tmp_path / "ente" / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == list(office)


def test_an_evaluators_row_adds_up_and_says_why_each_card_was_not_merged(tmp_path):
    # PO1's four cards: A1 and A2 the same as the office's (55 and 35), A3's in the data with 50 and 35 (PO1 returns
    # 55 for Collaborazione: a conflict), A4's not in the data and returned without the points of sheet row 8 (two
    # items each, in people.csv order: rows 2–3 A1, 4–5 A2, 6–7 A3, 8–9 A4: A4's Collaborazione)
    office = [
        row
        for p in ("A1", "A2")
        for row in (f"{p},PO1,Comportamenti,Collaborazione,60,55", f"{p},PO1,Comportamenti,Precisione,40,35")
    ]
    office += ["A3,PO1,Comportamenti,Collaborazione,60,50", "A3,PO1,Comportamenti,Precisione,40,35"]
    data = {**DATA, "persone.csv": FOUR, "valutazioni.csv": _cards(*office)}
    cycle = cycle_case(tmp_path, "ente", data, REGULATION)
    assert ciclope("raccolta", "crea", cycle, "--ente", "comune", "--out", tmp_path / "r").returncode == 0
    sent = tmp_path / "r" / "da-inviare"
    fill_workbook(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", lambda most: most - 5, skip={8})
    done = ciclope("raccolta", "unisci", cycle, "--ente", "comune", tmp_path / "r")
    assert done.returncode == 1  # the conflict is an error
    lines = done.stdout.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("PO1 "))
    # in the data after the merge, of PO1's 4 cards: A1, A2 (the same: «già presenti») and A3 (the office's card, kept)
    # = 3; A4 is still to fill. Not merged: A3 (in conflict), A4 (incomplete)
    assert lines[at].split()[-10:-4] == ["3", "su", "4", "0", "su", "0"], lines[at]
    assert lines[at + 1].strip() == (
        "schede: 0 nuove, 0 aggiornate, 2 già presenti; già nei dati, non da questa cartella: 1; "
        "non unite: 1 incompleta, 1 in conflitto"
    )
    assert lines[at + 2].strip() == (
        "scheda incompleta, non unita: Ada Arpi (A4): voce «Collaborazione» (foglio Schede, riga 8) senza punti"
    )
    assert lines[at + 3].strip() == (
        "scheda diversa da quella nei dati, non unita (vedi gli errori): Alba Alpi (A3): voce «Collaborazione», "
        "nei dati 50, nella cartella 55"
    )
    # the totals are the rows' sums: PO1's 0 new, 2 already there; already in the data without a workbook merged
    # now: A3's (PO1's row) + PO1's card (SEG's row, not back) = 2; 1 incomplete and 1 in conflict (PO1's)
    assert (
        "Schede unite: 0 nuove, 0 aggiornate, 2 già presenti; già nei dati, non da una cartella unita ora: 2; "
        "non unite: 1 incompleta, 1 in conflitto."
    ) in lines
    assert "Nessuna modifica ai dati dell'ente." in lines
