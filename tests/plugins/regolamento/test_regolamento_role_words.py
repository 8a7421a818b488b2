"""An ASL's regulation (comparto Sanità, ``comparto = "altro"``) names its PO «Titolare di incarico di funzione»
(issue of the blind tester fixerV): the article on the reductions still said «delle PO/EQ», the Relazione said the
titolari «ne svolgono le funzioni» of the dirigenti as only Funzioni Locali's law says, the template's menus and
notes said «Posizione organizzativa» and «PO / EQ», and ente.toml's ``[valutatori]`` sat in a comment sentence."""

from __future__ import annotations

import tomllib

from ciclope.core.plugininfo import Classification
from ciclope.core.reports.fmt import no_dirigenti

from helpers import regulation_text

REGULATION = """\
formato = 2

[atto]
titolo = "Regolamento premialità dell'ASL di Valleverde"
tipo_ente = "azienda_sanitaria"
comparto = "altro"

[[scheda]]
fonte = "art. 10"
ruoli = ["dipendente", "po"]
voci = [{ sezione = "Risultati", voce = "Contributo agli obiettivi", massimo = 100 }]

[livelli]
fonte = "art. 5"
scala = [{ nome = "fascia 1", da = 90 }, { nome = "fascia 2", da = 60 }]

[[riduzioni]]
misura = "assenze"
fonte = "art. 8 c. 1"
parti = ["performance individuale", "risultato_po"]
scaglioni = [{ da = 0, a = 30, riduzione = 0 }, { da = 31, riduzione = 0.20 }]

[[premi]]
nome = "performance individuale"
metodo = "livelli"
fonte = "art. 7"
fondo = "performance_individuale"
ruoli = ["dipendente", "po"]
coefficienti = { "fascia 1" = 1.00, "fascia 2" = 0.85 }

[risultato_po]
metodo = "percentuale"
fonte = "art. 9"
fondo = "risultato_incarichi"
percentuali = [{ da = 90, quota = 0.15 }, { da = 60, quota = 0.05 }]

[etichette]
po = "Titolare di incarico di funzione"
po_plurale = "i titolari di incarico di funzione"
risultato_incarichi = "Quota di risultato degli incarichi di funzione"
"""

TITOLARI = Classification.named(
    None, {"po": ("Titolare di incarico di funzione", "i titolari di incarico di funzione")}
)


def test_the_reductions_article_names_the_role_by_the_label(tmp_path):
    said = regulation_text(tmp_path, REGULATION)
    assert "PO/EQ" not in said and "PO / EQ" not in said
    assert (
        "Il premio nella parte «performance individuale» e la retribuzione di risultato dei titolari di incarico di "
        "funzione sono ridotti secondo i giorni di assenza nell'anno (art. 8 c. 1)" in said
    )


def test_the_labels_article_names_the_data_word_once_then_the_label(tmp_path):
    said = regulation_text(tmp_path, REGULATION)
    assert (
        "Il ruolo che l'elenco del personale scrive «Posizione organizzativa» (o «EQ») si legge «Titolare di "
        "incarico di funzione» e, per più persone, «i titolari di incarico di funzione»." in said
    )
    # the result pay's fund by its name alone: its key of ente.toml (risultato_incarichi) is never on a page
    assert "Nei documenti il fondo si chiama «Quota di risultato degli incarichi di funzione»." in said
    assert "risultato_incarichi" not in said
    assert said.count("Posizione organizzativa") == 1


def test_the_scheda_d_note_cites_no_functions_outside_funzioni_locali():
    # no ``po_in_charge`` (an ASL's contract gives the titolari no dirigenti's functions): the note says who is listed
    assert no_dirigenti(TITOLARI, 2024) == (
        "L'ente non ha dirigenti: la scheda d riporta i titolari di incarico di funzione."
    )
    assert no_dirigenti(None, 2024) == "L'ente non ha dirigenti: la scheda d riporta le posizioni organizzative."


def test_uncommenting_the_oiv_of_the_template_puts_it_under_valutatori(tmp_path):
    from ciclope.core.commands.cli import main

    assert main(["template", "regolamento", str(tmp_path / "ufficio")]) == 0
    text = (tmp_path / "ufficio" / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    assert "\n# [valutatori]\n" in text
    # the office does as the comments say: the table's header and its key uncommented
    done = text.replace("\n# [valutatori]\n", "\n[valutatori]\n").replace('# oiv = "', 'oiv = "')
    read = tomllib.loads(done)
    assert read["valutatori"] == {"oiv": "Organismo indipendente di valutazione"}
    assert "oiv" not in read["atti"]


def test_the_template_names_the_role_as_the_regulation_does(tmp_path):
    from openpyxl import load_workbook

    from ciclope.core.commands.cli import main

    office = tmp_path / "ufficio"
    office.mkdir()
    (office / "regolamento.toml").write_text(REGULATION, encoding="utf-8")
    assert main(["template", "regolamento", str(office), "--year", "2025"]) == 0
    sheet = load_workbook(office / "mio-ente" / "ente.xlsx")["persone"]
    notes = {c.value: c.comment.text for c in sheet[1]}
    menus = [dv.formula1 for dv in sheet.data_validations.dataValidation]
    assert '"Segretario,Dirigente,Titolare di incarico di funzione,Dipendente"' in menus
    assert (
        "Valori ammessi (menu a tendina): Segretario, Dirigente, Titolare di incarico di funzione, Dipendente."
        in (notes["ruolo"])
    )
    assert notes["retribuzione_posizione"].startswith(
        "retribuzione_posizione: retribuzione di posizione di titolare di incarico di funzione dovuta nell'anno"
    )
    assert notes["inizio_incarico"].startswith(
        "inizio_incarico: inizio dell'incarico di titolare di incarico di funzione, se nell'anno"
    )
    assert not any("PO / EQ" in n or "Posizione organizzativa" in n for n in notes.values())


def test_the_menu_word_of_the_role_reads_as_the_role(ciclope_ente, tmp_path):
    from helpers import run_declared

    data = {
        "units.csv": "id,name,kind,parent,head\nASL,ASL di Valleverde,ente,,\nU1,Distretto,area,ASL,T01\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Visite,,,1,U1\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual\nI1,OB1,Visite,higher,1,,100,100\n",
        "people.csv": "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,position_pay\n"
        "T01,Anna Ferri,Titolare di incarico di funzione,,U1,1,0,false,dg,10000\n"
        "D01,Bruno Galli,Dipendente,,U1,1,0,false,T01,\n",
        "evaluations.csv": "person,evaluator,section,item,max_points,points\n"
        "T01,dg,Risultati,Contributo agli obiettivi,100,92\nD01,T01,Risultati,Contributo agli obiettivi,100,70\n",
        "ente.toml": 'name = "ASL di Valleverde"\n[fondi]\nperformance_individuale = "1000.00"\n'
        'risultato_incarichi = "5000.00"\n[valutatori]\ndg = "Direttore Generale"\n',
    }
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    assert result.ente.people["T01"].role == "po"
    # T01: 92 points → fascia 1, coefficient 1; D01: 70 → fascia 2, 0.85; 1000 × 1 / 1.85 = 540.540… → 540.54,
    # 1000 × 0.85 / 1.85 = 459.459… → 459.45; the cent left to the larger remainder (D01's 0.0094 over 0.0005);
    # T01's result pay: 92 points ≥ 90 → 15% × 10000 = 1500.00
    assert {p: str(a.amount) for p, a in result.rewards.awards.items()} == {
        "T01": "540.54",
        "D01": "459.46",
        "T01:risultato": "1500.00",
    }


def test_the_template_asks_for_every_fund_the_regulation_pays_from(tmp_path):
    """An ARPA's accordo pays its staff from «premialita_comparto» and its dirigenti from «risultato_dirigenza»: the
    template's ente.toml asked only for the first (the funds of the staff's individual premium), and an office
    filling it paid its dirigenti nothing. Every fund the regulation pays from is asked for; the one it constitutes
    itself is said so, never asked."""
    from ciclope.core.commands.cli import main

    office = tmp_path / "ufficio"
    office.mkdir()
    parts = "".join(
        f'\n[[premi]]\nnome = "{name}"\nmetodo = "proporzionale"\nfondo = "{fund}"\nruoli = ["{role}"]\n'
        f'fonte = "art. {n}"\n'
        for n, (name, fund, role) in enumerate(
            [("comparto", "premialita_comparto", "dipendente"), ("dirigenza", "risultato_dirigenza", "dirigente")],
            start=7,
        )
    )
    regulation = 'formato = 2\n[atto]\ntitolo = "Accordo dell\'ARPA"\ntipo_ente = "agenzia"\n' + parts
    (office / "regolamento.toml").write_text(regulation, encoding="utf-8")
    assert main(["template", "regolamento", str(office), "--year", "2025"]) == 0
    text = (office / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    fondi = text.split("[fondi]\n")[1].split("\n\n")[0]
    asked = [line for line in fondi.splitlines() if not line.startswith("# Le risorse")]
    assert asked == ['# premialita_comparto = "12000.00"', '# risultato_dirigenza = "12000.00"']
