"""A university's CCI (comparto Istruzione e Ricerca) names its PO «responsabili di struttura» (grade EP): every
output said «Posizione organizzativa», «le PO / EQ», «dirigenti e PO» (issue of the blind tester writerX). With
``[etichette] po`` and ``po_plurale`` every document names the role as the regulation's text does. Every figure by
hand."""

from __future__ import annotations

import re
from html import unescape

from openpyxl import load_workbook

from ciclope.core.reports import art20, html, public, transparency, xlsx

from helpers import amounts, regulation_text, run_declared

REGULATION = """\
formato = 2

[atto]
titolo = "Contratto collettivo integrativo dell'Università di Monteverde"
tipo_ente = "universita"

[gradi]
nomi = ["B", "C", "D", "EP"]
contratto = "CCNL comparto Istruzione e Ricerca"
fonte = "art. 2"

[punteggio]
fonte = "art. 5 c. 3"
po = { scheda = 0.4, unita = 0.6 }

[[punteggio.categorie]]
categorie = ["B", "C", "D"]
scheda = 0.7
unita = 0.3
fonte = "art. 5 c. 2"

[[scheda]]
fonte = "art. 5 c. 1"
ruoli = ["dipendente", "po"]
voci = [{ sezione = "Comportamenti", voce = "Qualità della prestazione", massimo = 100 }]

[livelli]
fonte = "art. 7 c. 2"
scala = [{ nome = "prima fascia", da = 90 }, { nome = "seconda fascia", da = 75 }]
po = []

[premio]
metodo = "livelli"
fonte = "art. 7 c. 1"
fondo = "produttivita_individuale"
coefficienti = { "prima fascia" = 1, "seconda fascia" = 0.85 }
parametri = { B = 100, C = 115, D = 130 }

[risultato_po]
metodo = "percentuale"
fonte = "art. 8 c. 1"
fondo = "risultato_ep"
soglia_positiva = 60
percentuali = [{ da = 90, quota = 0.30 }, { da = 75, quota = 0.20 }]

[etichette]
po = "Responsabile di struttura"
po_plurale = "i responsabili di struttura"
"""


def files() -> dict[str, str]:
    return {
        "units.csv": "id,name,kind,parent,head\nATENEO,Università di Monteverde,ente,,\n"
        "U1,Area del Personale,area,ATENEO,E01\nU2,Area della Didattica,area,ATENEO,E02\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Fascicoli,,,1,U1\n"
        "OB2,operational,Certificati,,,1,U2\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual\n"
        "I1,OB1,Fascicoli digitalizzati,higher,1,,100,90\nI2,OB2,Certificati in 5 giorni,higher,1,,100,80\n",
        "people.csv": "id,name,role,category,grado,unit,fte,absence_days,insufficient,evaluator,position_pay\n"
        "E01,Anna Ferri,po,,EP,U1,1,0,false,dg,12000\n"
        "E02,Bruno Galli,po,,EP,U2,1,0,false,dg,8000\n"
        "P01,Carla Neri,dipendente,,B,U1,1,0,false,E01,\n"
        "P02,Dario Pini,dipendente,,C,U2,1,0,false,E02,\n",
        "evaluations.csv": "person,evaluator,section,item,max_points,points\n"
        "E01,dg,Comportamenti,Qualità della prestazione,100,92\n"
        "E02,dg,Comportamenti,Qualità della prestazione,100,82\n"
        "P01,E01,Comportamenti,Qualità della prestazione,100,90\n"
        "P02,E02,Comportamenti,Qualità della prestazione,100,80\n",
        "ente.toml": 'name = "Università di Monteverde"\n[fondi]\nproduttivita_individuale = "1000.00"\n'
        'risultato_ep = "6000.00"\n[valutatori]\ndg = "Direttore Generale"\n',
    }


def text_of(page: str) -> str:
    inline = re.sub(r"</?(b|span)[^>]*>", "", page)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def test_the_amounts_are_the_hand_computed_ones(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # E01: 0.4 × 92 + 0.6 × 90 = 90.80 → 30% × 12000 = 3600.00; E02: 0.4 × 82 + 0.6 × 80 = 80.80 → 20% × 8000 =
    # 1600.00. P01 (B): 0.7 × 90 + 0.3 × 90 = 90 → prima fascia, weight 1 × 100 = 100; P02 (C): 0.7 × 80 + 0.3 × 80
    # = 80 → seconda fascia, 0.85 × 115 = 97.75: 1000 × 100 / 197.75 = 505.689… and 1000 × 97.75 / 197.75 =
    # 494.310…; floors 505.68 + 494.31 = 999.99, the cent to the highest remainder (P01's 0.0090 over 0.0009)
    assert amounts(result) == {"E01": "3600.00", "E02": "1600.00", "P01": "505.69", "P02": "494.31"}


def test_the_regulation_says_the_role_as_its_text_names_it(tmp_path):
    said = regulation_text(tmp_path, REGULATION)
    assert "PO / EQ" not in said and "PO/EQ" not in said
    assert "Per i responsabili di struttura il punteggio è 40% × la scheda di valutazione" in said
    assert "La scheda dei dipendenti e dei responsabili di struttura" in said
    assert "La retribuzione di risultato dei responsabili di struttura è una quota" in said
    assert (
        "Il ruolo che l'elenco del personale scrive «Posizione organizzativa» (o «EQ») si legge «Responsabile di struttura» e, per più persone, «i "
        "responsabili di struttura»." in said
    )


def test_the_personal_scheda_explain_and_the_workbook_name_the_role(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build

    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    about = {line.label: line.value for line in build(result, "E02").about}
    assert about["Ruolo"] == "Responsabile di struttura, grado EP"
    assert explain(result, "person", "E02").splitlines()[1].startswith("Responsabile di struttura, grado EP · ")
    xlsx.write(result, tmp_path / "schede.xlsx")
    sheet = load_workbook(tmp_path / "schede.xlsx")["Valutazioni individuali"]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Ruolo")
    assert {r[0]: r[column] for r in rows[1:]} == {
        "E01": "Responsabile di struttura",
        "E02": "Responsabile di struttura",
        "P01": "Dipendente",
        "P02": "Dipendente",
    }


def three_each() -> dict[str, str]:
    """files() with a third person in each group: a group of 1–2 people has no row in a published table, merged into
    the ente's totals (rules/core.md §6)."""
    data = files()
    data["units.csv"] += "U3,Area della Ricerca,area,ATENEO,E03\n"
    data["people.csv"] += (
        "E03,Carlo Rossi,po,,EP,U3,1,0,false,dg,10000\nP03,Elena Sala,dipendente,,D,U3,1,0,false,E03,\n"
    )
    data["evaluations.csv"] += (
        "E03,dg,Comportamenti,Qualità della prestazione,100,85\nP03,E03,Comportamenti,Qualità della prestazione,100,85\n"
    )
    return data


def test_the_relazioni_and_the_published_tables_name_the_role(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, three_each())
    internal, published = text_of(html.render(result)), text_of(public.render(result))
    assert "la scheda d riporta i responsabili di struttura." in internal
    for page in (internal, published):
        # the contract's name once, where the annex's article on [etichette] says what the label renames
        leaks = re.findall(r".{0,80}osizion[ei] organizzativ.{0,40}", page)
        assert [
            m
            for m in leaks
            if "Le etichette Il ruolo che l'elenco del personale scrive «Posizione organizzativa» (o «EQ») si legge"
            not in m
        ] == []
        assert "PO / EQ" not in page and "dirigenti e PO" not in page
    assert "Responsabile di struttura" in published  # the units table: who heads U1 and U2
    groups = {row[1] for row in transparency.rows(result)} | {row[0] for row in art20.rows(result)}
    # no dirigente nor Segretario in the university's data: the group is the responsabili alone
    assert groups - {""} == {"responsabili di struttura", "personale", "tutto il personale"}


def test_roles_the_regulation_and_the_ente_do_not_have_are_not_named(ciclope_ente, tmp_path):
    """The annex said «Per i dirigenti e il segretario il punteggio è quello della scheda di valutazione» and the
    footer «per l'OIV, il Segretario o il Direttore generale e i dirigenti» for a university with neither."""
    said = regulation_text(tmp_path, REGULATION)
    assert "dirigent" not in said and "egretari" not in said
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    internal = text_of(html.render(result))
    assert "Per i dirigenti e il segretario" not in internal
    assert "Documento interno per l'OIV, il Direttore generale e i responsabili di struttura, prodotto da ciclope." in (
        internal
    )


def test_an_ente_that_names_its_head_is_read_by_that_name_in_the_footer(ciclope_ente, tmp_path):
    """A consorzio has a Direttore, neither a Segretario nor a Direttore generale: the footer said «il Direttore
    generale» of an ente without one. Its [etichette] name the head (``segretario``, ``segretario_plurale``), and the
    footer reads that name; a Comune's Segretario renamed is read so as well."""
    consorzio = REGULATION.replace('tipo_ente = "universita"', 'tipo_ente = "consorzio"').replace(
        "[etichette]\n", '[etichette]\nsegretario = "Direttore"\nsegretario_plurale = "il Direttore"\n'
    )
    assert consorzio.count("il Direttore") == 1
    internal = text_of(html.render(run_declared(ciclope_ente, tmp_path, consorzio, files())))
    assert "Documento interno per l'OIV, il Direttore e i responsabili di struttura, prodotto da ciclope." in internal
    assert "Direttore generale" not in internal


def test_a_comune_without_its_segretario_in_the_data_still_has_one(ciclope_ente, tmp_path):
    """A Comune's data often leave out the Segretario (paid apart); the footer said «per l'OIV, il Direttore generale
    e i responsabili di struttura», as if a Comune had a Direttore generale and no Segretario (D.Lgs. 267/2000 art.
    97). The same ente as a university (above) keeps its Direttore generale; one of two readers has no comma."""
    comune = REGULATION.replace('tipo_ente = "universita"', 'tipo_ente = "comune"')
    internal = text_of(html.render(run_declared(ciclope_ente, tmp_path, comune, files())))
    assert (
        "Documento interno per l'OIV, il Segretario o il Direttore generale e i responsabili di struttura, prodotto"
        in internal
    )
    alone = files()  # a university of staff alone: the OIV and its Direttore generale
    alone["people.csv"] = alone["people.csv"].replace(",po,", ",dipendente,")
    internal = text_of(html.render(run_declared(ciclope_ente, tmp_path, REGULATION, alone)))
    assert "Documento interno per l'OIV e il Direttore generale, prodotto da ciclope." in internal


def test_a_regulation_of_every_role_still_says_the_card_of_the_others(tmp_path):
    """Cards for every role (the default) and weights for the staff alone: the other roles are scored by the card,
    and the article says so for each of them."""
    text = REGULATION.replace('ruoli = ["dipendente", "po"]\n', "").replace(
        "[risultato_po]", "[risultato_po]\nruoli = [\"po\", \"dirigente\"]"
    )
    said = regulation_text(tmp_path, text)
    assert "Per i dirigenti e il segretario il punteggio è quello della scheda di valutazione, da 0 a 100." in said


def test_the_result_pay_is_said_so_on_the_personal_scheda(ciclope_ente, tmp_path):
    """«€ 1.600,00 — premio (Fondo risultato ep)»: the result pay of [risultato_po] under [premio] was a «premio»,
    and its fund was named by its key; the fund is named by whom it pays, in the regulation's words for the role."""
    from ciclope.core.schede.content import build

    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # E02: 20% × 8000 = 1600.00 (test_the_amounts_are_the_hand_computed_ones)
    [paid] = build(result, "E02").payments
    assert (paid.amount, paid.what, paid.pool) == (
        "€ 1.600,00",
        "retribuzione di risultato",
        "Retribuzione di risultato dei responsabili di struttura",
    )
    [premium] = build(result, "P01").payments
    assert (premium.what, premium.pool) == ("premio", "Fondo produttività individuale")  # the staff keep theirs


def test_explain_says_grado_in_the_formula_as_in_its_items(ciclope_ente, tmp_path):
    """With [gradi] the formula line said «× parametro della categoria» and the items «parametro del grado = 115»."""
    from ciclope.core.run.explain import explain

    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    text = explain(result, "person", "P02")
    assert "con peso = coefficiente del livello × quota pagata × parametro del grado" in text
    assert "parametro della categoria" not in text
    assert "parametro del grado = 115" in text  # P02 is of grade C: parametri C = 115
    said = regulation_text(tmp_path, REGULATION)
    assert "× il parametro del grado (B 100; C 115; D 130)" in said and "categoria" not in said
