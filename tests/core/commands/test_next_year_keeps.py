"""`ciclope template … --from` keeps what the office wrote once for good: the outside evaluators of ente.toml
([valutatori]), the CCDI's choices of cycle.toml ([ente.nazionale]); it writes the roles and categories in the words
of the new year's menus, and the July check of the new year does not ask for the points of cards not yet filled."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ciclope.core.commands.cli import main

from helpers import CARD_HEADER, STAFF_HEADER

REGULATION = """\
formato = 2
[atto]
titolo = "CCDI del Comune di Prova"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
fonte = "art. 5"
"""


def write_run(tmp_path: Path, body: str = "") -> Path:
    """The 2025 run of a Comune whose Segretario the Sindaco evaluates, with the CCDI's maggiorazione (``body``: a
    line of ente.toml after its name)."""
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    folder = tmp_path / "comune"
    folder.mkdir()
    people = [STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,SINDACO"]
    people += ["E1,Eleonora,po,D,com,1,0,false,SEG"] + [
        f"P{i},Persona {i},dipendente,C,com,1,0,false,E1" for i in range(1, 11)
    ]
    cards = [
        CARD_HEADER,
        "SEG,SINDACO,scheda,Valutazione complessiva,100,90,",
        "E1,SEG,scheda,Valutazione complessiva,100,85,",
    ]
    cards += [f"P{i},E1,scheda,Valutazione complessiva,100,{60 + 3 * i}," for i in range(1, 11)]
    files = {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(people) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": f'name = "Comune di Prova"\n{body}[funds]\nproduttivita = "10000.00"\n[valutatori]\nSINDACO = "Sindaco"\n',
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[ciclo]\nanno = 2025\nrisultati = "risultati"\n\n[[ente]]\nid = "comune"\nplugin = "regolamento"\n'
        'dati = "comune"\n[ente.parametri]\nregolamento = "smvp.toml"\n'
        '[ente.nazionale]\nmaggiorazione = { quota_premio = "30%", quota_personale = "10%" }\n',
        encoding="utf-8",
    )
    assert main(["run", str(cycle), "--no-store"]) == 0
    assert (
        main(["template", "regolamento", str(tmp_path / "2026"), "--from", str(tmp_path / "risultati" / "comune")]) == 0
    )
    return tmp_path / "2026"


def test_the_outside_evaluators_and_the_ccdi_s_choices_are_carried(tmp_path):
    nxt = write_run(tmp_path)
    ente = (nxt / "comune" / "ente.toml").read_text(encoding="utf-8")
    assert '\n[valutatori]\nSINDACO = "Sindaco"\n' in ente
    cycle = (nxt / "cycle.toml").read_text(encoding="utf-8")
    assert "\n[ente.nazionale]" in cycle
    assert 'maggiorazione = { quota_premio = "30%", quota_personale = "10%" }\n' in cycle
    assert "anno = 2026" in cycle


def test_the_nucleo_di_valutazione_is_carried_and_the_oiv_left_commented(tmp_path):
    (tmp_path / "nucleo").mkdir()
    (tmp_path / "oiv").mkdir()
    nucleo = write_run(tmp_path / "nucleo", 'organismo_valutazione = "Nucleo di valutazione"\n')
    ente = (nucleo / "comune" / "ente.toml").read_text(encoding="utf-8")
    # carried as the office wrote it, never rewritten with the article ciclope reads it with («il Nucleo …»)
    assert '\nnome = "Comune di Prova"\norganismo_valutazione = "Nucleo di valutazione"\n' in ente
    oiv = (write_run(tmp_path / "oiv") / "comune" / "ente.toml").read_text(encoding="utf-8")
    assert '\n# organismo_valutazione = "Nucleo di valutazione"   # se l\'ente ha un Nucleo' in oiv


def test_the_acts_of_an_ente_with_a_nucleo_name_the_nucleo(tmp_path):
    """Next year's ente.toml notes say the body the ente has: «da parte del Nucleo di valutazione», «attestato dal
    Nucleo di valutazione», never «OIV», which an ente with the OIV keeps."""
    (tmp_path / "nucleo").mkdir()
    (tmp_path / "oiv").mkdir()
    nucleo = write_run(tmp_path / "nucleo", 'organismo_valutazione = "Nucleo di valutazione"\n')
    ente = (nucleo / "comune" / "ente.toml").read_text(encoding="utf-8")
    assert "Validazione della Relazione sulla performance da parte del Nucleo di valutazione" in ente
    assert "# raggiungimento attestato dal Nucleo di valutazione, se diverso" in ente
    assert "OIV" not in ente, ente
    oiv = (write_run(tmp_path / "oiv") / "comune" / "ente.toml").read_text(encoding="utf-8")
    assert "Validazione della Relazione sulla performance da parte dell'OIV" in oiv


def test_roles_and_categories_read_as_the_new_year_s_menu(tmp_path):
    nxt = write_run(tmp_path)
    sheet = openpyxl.load_workbook(nxt / "comune" / "ente.xlsx")["persone"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    role, category = header.index("ruolo") + 1, header.index("categoria") + 1
    menus = {
        next(iter(dv.sqref.ranges)).min_col: dv.formula1.strip('"').split(",")
        for dv in sheet.data_validations.dataValidation
    }
    # the EQ written as the 2026 menu says it, and the category as its Area: each a value of the menu of its column
    assert rows["E1"]["ruolo"] == "Elevata qualificazione (EQ)" and rows["E1"]["ruolo"] in menus[role]
    assert rows["E1"]["categoria"] in menus[category] and rows["E1"]["categoria"] != "D"


def test_the_july_check_of_the_new_year_does_not_ask_for_points(tmp_path, capsys):
    nxt = write_run(tmp_path)
    capsys.readouterr()
    main(["validate", str(nxt / "cycle.toml"), "--until", "monitoraggio"])
    july = capsys.readouterr().out
    assert "punti" not in july, july  # the cards of the year are filled at its end
    main(["validate", str(nxt / "cycle.toml")])
    assert "valore obbligatorio mancante in «punti»" in capsys.readouterr().out  # the full check asks for them


def test_the_next_step_printed_after_the_new_year_s_folder_passes_on_it_as_written(tmp_path, capsys):
    """The new year's cards have no points until the collection: the check printed after ``--from`` is the one of the
    year's start, which the folder passes as written; the full check and the run are said for the year's end."""
    nxt = write_run(tmp_path)
    printed = capsys.readouterr().out.splitlines()
    ente, cycle = nxt / "comune", nxt / "cycle.toml"
    assert printed[-1] == (
        f"Aggiorna per il nuovo anno i fogli di {ente / 'ente.xlsx'} (persone, unità, obiettivi e target; le voci delle "
        f"schede restano senza punti fino alla raccolta) e {ente / 'ente.toml'} (i fondi e le date degli atti). Le "
        "parti della Relazione scritte dall'ufficio (presentazione, contesto, risorse, pari opportunità…) vanno nei "
        f"file {ente / 'relazione'}/*.md, facoltativi. Poi, a inizio anno: ciclope validate {cycle} --until "
        "pianificazione. A fine anno, raccolti i punti delle schede (ciclope raccolta crea e ciclope raccolta "
        f"unisci): ciclope validate {cycle} e ciclope run {cycle}."
    )
    assert main(["validate", str(cycle), "--until", "pianificazione"]) == 0, capsys.readouterr().out


def test_the_year_s_funds_are_carried_and_said_to_be_rewritten(tmp_path, capsys):
    """A fund is constituted each year: the run's 10.000,00 € stays as a starting point, said as the 2025 one both in
    ente.toml and when the folder is written, so the 2026 run never takes it silently."""
    nxt = write_run(tmp_path)
    said = capsys.readouterr().out
    ente = (nxt / "comune" / "ente.toml").read_text(encoding="utf-8")
    funds = ente.split("\n[fondi]\n", 1)[1].split("\n\n", 1)[0]
    assert (
        "# Gli importi sono quelli del 2025, l'anno eseguito: scrivete quelli del 2026 quando i fondi sono costituiti.\n"
    ) in funds
    assert 'produttivita = "10.000,00"' in funds
    assert (
        "I fondi di ente.toml ([fondi]) sono quelli del 2025, l'anno eseguito: scrivete quelli del 2026 quando sono "
        "costituiti."
    ) in said
