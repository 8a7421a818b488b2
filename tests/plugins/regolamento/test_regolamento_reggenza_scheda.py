"""A reggenza paid by a formula on the post covered (``DI(posizione_annua; sostituito)``), as a blind office declared
it: the Provveditorato regionale dell'Amministrazione penitenziaria di Valdarno (invented), 2016, 366 days, fund
€ 60.000,00. The scheda personale of the reggente says the incarico by its words and the post by its title, never
the colleague's name, code or pay (rules/core.md §6); it shows the part's fund, which is the whole public fund; the
concurrent reggenza left out as less favourable is said, with why; the premium of two parts says each part's ipotesi.

The conti by hand (the office's own, redone):
- D02's reggenza R1 of CC5 (posizione annua of the post € 36.600,00), 01/07–31/12 = 184 days:
  20% × 36.600 × 184 / 366 = 7.320 × 184 / 366 = 3.680,00.
- D02's reggenza R2 of UDT (€ 18.300,00), 01/09–30/09 = 30 days: 20% × 18.300 × 30 / 366 = 3.660 × 30 / 366 = 300,00;
  held within R1's period («contemporanei»: the most favourable only): 300,00 < 3.680,00, not paid.
- D03's reggenza of CC4 (€ 24.000,00), 01/01–31/03 = 91 days: 4.800 × 91 / 366 = 1.193,4426… → 1.193,44.
- D10's (140 points, not over 150) is not admitted. Reggenze paid: 3.680,00 + 1.193,44 = 4.873,44 — two people.
- The part «reggenza» has quota 100%: its fund is 60.000,00 × 100% = 60.000,00, the fund of the ente (public).
- D02's premium: 3.680,00 + 9.951,00 (55.126,56 × 36.000 / 199.432,79 = 9.951,0023…) = 13.631,00.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import computed_case, cycle_case

CYCLE = """\
[ciclo]
anno = 2016

[[ente]]
id = "prap-valdarno"
plugin = "regolamento"
dati = "prap-valdarno"
regolamento = "regolamento.toml"
"""

REGULATION = """\
formato = 2

[atto]
titolo = "Accordo sui criteri di corresponsione della retribuzione di risultato ai dirigenti, anno 2016"
sigla = "Accordo 2016"
tipo_ente = "ministero"
comparto = "altro"

[[colonne]]
nome = "posizione_annua"
tipo = "euro"
significato = "la retribuzione di posizione annua, fissa e variabile, dell'incarico"
fonte = "accordo, reggenza"

[punteggio]
fonte = "accordo, griglia di valutazione"
su = 500

[livelli]
fonte = "accordo, griglia di valutazione"
scala = [
  { nome = "eccellente", da = 426 },
  { nome = "oltre la media", da = "=MEDIA.ENTE(punteggio) + 1" },
  { nome = "distinto", da = 351 },
  { nome = "adeguato", da = 251 },
  { nome = "minimo", da = 151 },
  { nome = "non adeguato", da = 0 },
]

[[definizioni]]
nome = "coefficiente"
descrizione = "il coefficiente di valutazione della griglia"
formula = '=PIÙ.SE(livello = "eccellente"; 1,2; livello = "oltre la media"; 1; livello = "distinto"; 0,8; livello = "adeguato"; 0,6; livello = "minimo"; 0,2; VERO; 0)'
fonte = "accordo, griglia di valutazione"

[[premi]]
nome = "reggenza"
metodo = "formula"
fondo = "risultato_dirigenti"
quota_fondo = 1
residuo_a = "retribuzione di risultato"
ruoli = ["dirigente"]
incarichi = "reggenza"
tra_gli_incarichi = "contemporanei"
tempo_parziale = "intero"
ammesso = "=punteggio > 150"
importo = "=20% * DI(posizione_annua; sostituito) * giorni / giorni_anno"
fonte = "accordo, reggenze"
ipotesi = "la reggenza si paga per prima dalle somme disponibili"

[[premi]]
nome = "retribuzione di risultato"
metodo = "proporzionale"
fondo = "risultato_dirigenti"
quota_fondo = 0
ruoli = ["dirigente"]
rateo_giorni = false
peso = "=coefficiente * retribuzione_posizione / 1 €"
fonte = "accordo, ripartizione delle somme disponibili"
ipotesi = "le somme sono divise in proporzione al coefficiente × la retribuzione di posizione dovuta nell'anno"
"""

DATA = {
    "ente.toml": """\
nome = "Provveditorato regionale dell'Amministrazione penitenziaria di Valdarno"
organismo_valutazione = "Organismo indipendente di valutazione"

[fondi]
risultato_dirigenti = "60.000,00"

[valutatori]
capo_dap = "Capo del Dipartimento dell'Amministrazione penitenziaria"
""",
    "unità.csv": """\
codice,nome,tipo,superiore,responsabile
PRAP,Provveditorato regionale di Valdarno,ente,,
CC1,Casa circondariale di Arezzo,area,PRAP,D01
CC2,Casa circondariale di Firenze Sollicciano,area,PRAP,D02
CC3,Casa di reclusione di San Gimignano,area,PRAP,D03
CC4,Casa circondariale di Prato,area,PRAP,D04
UEP,Ufficio interdistrettuale di esecuzione penale esterna,area,PRAP,D05
UPE,Ufficio del personale e della formazione,area,PRAP,D06
URB,Ufficio risorse materiali e bilancio,area,PRAP,D07
UDT,Ufficio detenuti e trattamento,area,PRAP,D08
CC5,Casa circondariale di Pistoia,area,PRAP,D09
USC,Ufficio sicurezza e traduzioni,area,PRAP,D10
""",
    "persone.csv": """\
codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore,assunzione,cessazione,retribuzione_posizione,posizione_annua
D01,Marta Rossi,Dirigente,DIR,CC1,100%,4,capo_dap,,,"36.600,00","36.600,00"
D02,Paolo Bianchi,Dirigente,DIR,CC2,100%,0,capo_dap,,,"30.000,00","30.000,00"
D03,Elena Conti,Dirigente,DIR,CC3,100%,12,capo_dap,,,"30.000,00","30.000,00"
D04,Luca Ferri,Dirigente,DIR,CC4,100%,0,capo_dap,01/04/2016,,"18.032,79","24.000,00"
D05,Sara Galli,Dirigente,DIR,UEP,100%,3,capo_dap,,,"24.000,00","24.000,00"
D06,Giorgio Marino,Dirigente,DIR,UPE,100%,0,capo_dap,,,"18.300,00","18.300,00"
D07,Anna Neri,Dirigente,DIR,URB,100%,89,capo_dap,,,"18.300,00","18.300,00"
D08,Piero Orlando,Dirigente,DIR,UDT,100%,30,capo_dap,,,"18.300,00","18.300,00"
D09,Rita Pace,Dirigente,DIR,CC5,100%,0,capo_dap,,30/06/2016,"18.200,00","36.600,00"
D10,Marco Russo,Dirigente,DIR,USC,100%,5,capo_dap,,,"24.000,00","24.000,00"
""",
    "incarichi.csv": """\
persona,tipo,sostituito,dal,al,x_nota
D02,reggenza,D09,01/07/2016,31/12/2016,Casa circondariale di Pistoia dopo il pensionamento della titolare
D02,reggenza,D08,01/09/2016,30/09/2016,Ufficio detenuti durante l'assenza del titolare
D03,reggenza,D04,01/01/2016,31/03/2016,Casa circondariale di Prato vacante fino all'arrivo del titolare
D10,reggenza,D07,01/02/2016,30/04/2016,Ufficio risorse materiali durante l'assenza della titolare
""",
    "valutazioni.csv": "persona,valutatore,sezione,voce,punti_massimi,punti\n"
    + "".join(
        f"{p},capo_dap,Valutazione OIV,Grado di raggiungimento degli obiettivi,500,{n}\n"
        for p, n in [
            ("D01", 470),
            ("D02", 430),
            ("D03", 410),
            ("D04", 396),
            ("D05", 372),
            ("D06", 353),
            ("D07", 323),
            ("D08", 240),
            ("D09", 396),
            ("D10", 140),
        ]
    ),  # fmt: skip
}


def _result(tmp_path: Path):
    return computed_case(cycle_case(tmp_path, "prap-valdarno", DATA, REGULATION, CYCLE))


def _text(page: str) -> str:
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_amounts_are_the_offices(tmp_path):
    result = _result(tmp_path)
    paid = {pid: str(a.amount) for pid, a in result.rewards.awards.items()}
    # 3.680,00 + 9.951,00; 1.193,44 + 8.292,50 (55.126,56 × 30.000 / 199.432,79 = 8.292,5020…)
    assert paid["D02"] == "13631.00" and paid["D03"] == "9485.94"


def test_the_scheda_says_the_post_never_the_colleague(tmp_path):
    text = _text(render(build(_result(tmp_path), "D02")))
    for colleague in ("Rita Pace", "D09", "Piero Orlando", "D08", "18.200,00"):
        assert colleague not in text
    # the post's title (CC5, the unit of the person covered) and the post's annual pay, which the premium reads
    assert "l'unità della persona sostituita Casa circondariale di Pistoia" in text
    assert "dell'incarico della persona sostituita € 36.600,00" in text
    # only the code of the person covered is left off
    assert "Non è mostrato un dato che il calcolo legge e che non è della persona valutata" in text
    assert "importo dell'incarico dalla formula € 3.680,00" in text


def test_the_part_fund_that_is_the_whole_fund_is_shown(tmp_path):
    text = _text(render(build(_result(tmp_path), "D02")))
    # quota 100% of € 60.000,00: the ente's fund, published whoever is paid from it
    assert "fondo della parte «reggenza» € 60.000,00" in text
    assert "Non è mostrato il fondo della parte «reggenza»" not in text


def test_the_incarico_is_said_by_its_words(tmp_path):
    result = _result(tmp_path)
    text = _text(render(build(result, "D02")))
    said = explain(result, "person", "D02") or ""
    for page in (text, said):
        assert "incarichi.csv, riga" not in page.replace("← incarichi.csv, riga", "")
    assert "incarico reggenza dal 01/07/2016 al 31/12/2016" in text
    # explain keeps the cell in its arrow
    assert "• incarico = reggenza dal 01/07/2016 al 31/12/2016   ← incarichi.csv, riga 2, colonna tipo" in said


def test_the_concurrent_reggenza_left_out_is_said(tmp_path):
    result = _result(tmp_path)
    text = _text(render(build(result, "D02")))
    said = explain(result, "person", "D02") or ""
    # R2: 3.660 × 30 / 366 = 300,00, within R1 (01/07–31/12, € 3.680,00): not paid
    why = (
        "reggenza dal 01/09/2016 al 30/09/2016: € 300,00, non pagato: contemporaneo all'incarico "
        "reggenza dal 01/07/2016 al 31/12/2016 (€ 3.680,00), che vale di più"
    )
    assert f"incarico considerato e non pagato {why}" in text
    assert f"• incarico considerato e non pagato = {why}" in said


def test_each_parts_ipotesi_on_the_premium(tmp_path):
    result = _result(tmp_path)
    said = explain(result, "person", "D02") or ""
    top = said.split("■ Premio di Paolo Bianchi = € 13.631,00", 1)[1].split("•", 1)[0]
    assert "ipotesi: la reggenza si paga per prima dalle somme disponibili" in top
    assert "ipotesi: le somme sono divise in proporzione" in top
    text = _text(render(build(result, "D02")))
    head = text.split("Premio della parte «reggenza»", 1)[0]
    assert "Ipotesi dell'ufficio: la reggenza si paga per prima dalle somme disponibili" in head
    assert "Ipotesi dell'ufficio: le somme sono divise in proporzione" in head


def test_a_colleagues_own_pay_stays_off_the_scheda(tmp_path):
    """A formula reading the pay due to the colleague (``DI(retribuzione_posizione; sostituito)``, a quantity of the
    person, not a column the office declares of the post): explain names it, the scheda withholds it and says so."""
    regulation = REGULATION.replace("DI(posizione_annua; sostituito)", "DI(retribuzione_posizione; sostituito)")
    result = computed_case(cycle_case(tmp_path, "prap-valdarno", DATA, regulation, CYCLE))
    # R1: 20% × 18.200,00 (D09's pay due, to 30/06) × 184 / 366 = 3.640 × 184 / 366 = 1.829,945… → 1.829,95;
    # R2: 20% × 18.300,00 × 30 / 366 = 300,00, within R1 and less: not paid
    said = explain(result, "person", "D02") or ""
    assert "• la retribuzione di posizione di Rita Pace = € 18.200,00" in said
    assert "• importo dell'incarico dalla formula = € 1.829,95" in said
    text = _text(render(build(result, "D02")))
    assert "18.200,00" not in text and "Rita Pace" not in text and "D09" not in text
    # the code of the person covered and their pay due: two data not D02's
    assert "Non sono mostrati 2 dati che il calcolo legge e che non sono della persona valutata" in text
    assert "importo dell'incarico dalla formula € 1.829,95" in text
