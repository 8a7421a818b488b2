"""What an exclusion or a reduction without ``parti`` reaches, said (two blind testers' regulations): it still applies
to every part, as the format says, but a part it was likely not meant for — a compenso that is no performance premium
(``performance = "nessuna"``), a part of roles none of the other parts it reaches pays — is warned, and ``ciclope
regolamento leggi`` names the parts it applies to. Also: who each part pays, whom ``SOMMA.ENTE`` sums in a part of
some roles, and the kind of ente in words."""

from __future__ import annotations

import pytest

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format.spec import ENTE_KINDS

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Sistema di valutazione dell'Unione"
tipo_ente = "unione"
"""
# tester A: the absences exclude from the premium; the art. 208 CdS project pays hours worked, no performance premium
PROJECT = """
[[colonne]]
nome = "ore_208"
tipo = "numero"
significato = "le ore di progetto art. 208 CdS"
fonte = "art. 8"

[[esclusioni]]
regola = "assenze"
giorni = 180
fonte = "art. 5"{parts}

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
fonte = "art. 4"

[[premi]]
nome = "progetto art. 208 CdS"
metodo = "formula"
fonte = "art. 8"
fondo = "potenziamento_pl"
valutazione = false
tempo_parziale = "intero"
importo = "=ore_208 * 20 €"
performance = "nessuna"
"""
# tester B: a reduction for the employees' absences, and the dirigente's interim paid by the same regulation
INTERIM = """
[[riduzioni]]
misura = "assenze"
fonte = "art. 7"{parts}
scaglioni = [{{ da = 0, a = 30, riduzione = 0 }}, {{ da = 31, riduzione = "50%" }}]

[[premi]]
nome = "performance individuale"
metodo = "formula"
importo = "=fondo / SOMMA.ENTE(quota_tempo) * punteggio / 100"
fonte = "art. 6"

[[premi]]
nome = "interim"
metodo = "formula"
fondo = "risultato_interim"
ruoli = ["dirigente"]
tempo_parziale = "intero"
importo = "=1000 € * punteggio / 100"
fonte = "art. 11"
"""
RULE = "regolamento.parti"


def warned(result) -> list[str]:
    return [p.message for p in result.violations if p.rule == RULE]


def project_data() -> dict[str, str]:
    files = one_unit_comune(
        "Unione di Prova",
        [],
        ["A,SEG,scheda,Valutazione,100,80,", "B,SEG,scheda,Valutazione,100,80,"],
        '[funds]\nperformance_individuale = "1000.00"\npotenziamento_pl = "1000.00"\n',
    )
    files["people.csv"] = (
        f"{STAFF_HEADER},ore_208\nSEG,Segretario,segretario,DIR,com,1,0,false,,0\n"
        "A,Anna Agenti,dipendente,C,com,1,0,false,SEG,10\nB,Bruno Bassi,dipendente,C,com,1,200,false,SEG,5\n"
    )
    return files


def test_an_exclusion_without_parts_reaching_a_compenso_is_warned_and_still_applies(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + PROJECT.format(parts=""), project_data())
    assert warned(result) == [
        "l'esclusione per assenze oltre 180 giorni (art. 5) non scrive parti: vale per ogni parte del premio, anche per la parte "
        "«progetto art. 208 CdS», che paga un compenso non correlato alla performance (performance = \"nessuna\"); se "
        'il testo la dice solo di alcune parti, scrivi parti = ["performance individuale"]'
    ]
    problem = next(p for p in result.violations if p.rule == RULE)
    assert problem.severity == "warning" and problem.column == "esclusioni[1]"
    # the default stays: B (200 days > 180) is excluded from both parts. A alone shares the premium, 1.000,00; the
    # project pays A 10 hours × 20 € = 200,00, B nothing (a row at 0,00 in each)
    assert amounts(result) == {
        "A": "1000.00",
        "A:potenziamento_pl": "200.00",
        "B": "0.00",
        "B:potenziamento_pl": "0.00",
    }


def test_an_exclusion_limited_to_its_parts_is_not_warned(ciclope_ente, tmp_path):
    regulation = HEAD + PROJECT.format(parts='\nparti = ["performance individuale"]')
    result = run_declared(ciclope_ente, tmp_path, regulation, project_data())
    assert warned(result) == []
    # B is excluded from the premium only (its row at 0,00): the project pays B 5 × 20 = 100,00
    assert amounts(result) == {
        "A": "1000.00",
        "A:potenziamento_pl": "200.00",
        "B": "0.00",
        "B:potenziamento_pl": "100.00",
    }


def test_a_one_part_regulation_is_never_warned(ciclope_ente, tmp_path):
    regulation = HEAD + PROJECT.format(parts="").split("[[premi]]\nnome = \"progetto")[0]
    result = run_declared(ciclope_ente, tmp_path, regulation, project_data())
    assert warned(result) == []


def interim_data() -> dict[str, str]:
    files = one_unit_comune(
        "Comune di Prova",
        [
            "P1,Paola Prima,dipendente,C,com,1,0,false,SEG",
            "P2,Piero Secondo,dipendente,C,com,0.5,40,false,SEG",
            "D1,Dora Dirigente,dirigente,DIR,com,1,40,false,SEG",
        ],  # fmt: skip
        ["P1,SEG,scheda,Valutazione,100,80,", "P2,SEG,scheda,Valutazione,100,80,", "D1,SEG,scheda,Valutazione,100,90,"],
        '[funds]\nperformance_individuale = "1500.00"\nrisultato_interim = "2000.00"\n',
    )
    return files


def test_a_reduction_without_parts_reaching_the_dirigente_s_part_is_warned(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + INTERIM.format(parts=""), interim_data())
    assert warned(result) == [
        "la riduzione (art. 7) non scrive parti: vale per ogni parte del premio, anche per la parte «interim», che paga "
        "i dirigenti, non i dipendenti delle altre parti a cui si applica; se il testo la dice solo di alcune parti, "
        'scrivi parti = ["performance individuale"]'
    ]
    # the default stays: SOMMA.ENTE(quota_tempo) = 1 + 0,5 = 1,5 (the dipendenti, the part's roles); P1 1.500 / 1,5
    # × 80 / 100 = 800,00; P2 800,00 × 0,5 (time worked) × (1 − 50%) (40 days) = 200,00; D1 1.000 × 90 / 100 = 900,00
    # × (1 − 50%) (40 days, the reduction reaches the interim too) = 450,00
    assert amounts(result) == {"P1": "800.00", "P2": "200.00", "D1": "450.00"}


def test_a_reduction_limited_to_its_part_is_not_warned(ciclope_ente, tmp_path):
    regulation = HEAD + INTERIM.format(parts='\nparti = ["performance individuale"]')
    result = run_declared(ciclope_ente, tmp_path, regulation, interim_data())
    assert warned(result) == []
    # D1's interim unreduced: 1.000 × 90 / 100 = 900,00
    assert amounts(result)["D1"] == "900.00"


def test_leggi_names_the_parts_an_exclusion_and_a_reduction_reach(tmp_path):
    text = regulation_text(tmp_path, HEAD + PROJECT.format(parts=""))
    assert (
        "Non accede al premio chi ha più di 180 giorni di assenza nell'anno, nelle parti «performance individuale» e "
        "«progetto art. 208 CdS» (art. 5)."
    ) in text
    text = regulation_text(tmp_path, HEAD + INTERIM.format(parts=""))
    assert (
        "Il premio nelle parti «performance individuale» e «interim» è ridotto secondo i giorni di assenza nell'anno "
        "(art. 7): da 0 a 30 giorni, nessuna riduzione; da 31 giorni in su, riduzione del 50%."
    ) in text


def test_leggi_says_whom_each_part_pays_where_they_differ(tmp_path):
    text = regulation_text(tmp_path, HEAD + INTERIM.format(parts=""))
    assert (
        "Il premio si paga in 2 parti, nell'ordine: «performance individuale», dei dipendenti; «interim», dei "
        "dirigenti."
    ) in text
    # the same roles for every part: the parts by name alone
    text = regulation_text(tmp_path, HEAD + PROJECT.format(parts=""))
    assert "si pagano in 2 parti, nell'ordine: «performance individuale», «progetto art. 208 CdS»." in text


def test_the_sum_over_the_ente_is_said_of_the_part_s_roles(ciclope_ente, tmp_path):
    regulation = HEAD + INTERIM.format(parts='\nparti = ["performance individuale"]')
    sum_said = "la somma del tempo lavorato (la quota del tempo pieno) tra i dipendenti dell'ente"
    assert f"diviso {sum_said} ×" in regulation_text(tmp_path, regulation)
    result = run_declared(ciclope_ente, tmp_path, regulation, interim_data())
    said = explain(result, "person", "P1")
    # 1 (P1) + 0,5 (P2): D1, a dirigente, is not of the part's roles
    assert f"• {sum_said} = 1,5" in said
    assert "nell'ente" not in said.split("Non pagato")[0].split("importo =")[1]


# every kind of ente the schema accepts, as a reader reads it (written by hand)
KINDS = {
    "comune": "comune",
    "unione": "Unione di Comuni",
    "comunita_montana": "comunità montana",
    "provincia": "provincia",
    "citta_metropolitana": "città metropolitana",
    "istituzione_comunale": "istituzione comunale (D.Lgs. 267/2000, art. 114)",
    "regione": "regione",
    "camera_di_commercio": "camera di commercio",
    "ministero": "ministero",
    "universita": "università",
    "istituzione_afam": "istituzione di alta formazione artistica, musicale e coreutica (AFAM)",
    "azienda_sanitaria": "azienda sanitaria",
    "autorita": "autorità indipendente",
    "agenzia": "agenzia (regionale o nazionale)",
    "ente_di_ricerca": "ente di ricerca",
    "azienda_servizi_persona": "azienda pubblica di servizi alla persona",
    "ipab": "istituzione pubblica di assistenza e beneficenza (IPAB)",
    "ente_parco": "ente parco",
    "ordine_professionale": "ordine o collegio professionale",
    "consorzio": "consorzio",
    "ente_pubblico": "ente pubblico",
    "fondazione": "fondazione",
    "societa": "società in controllo pubblico",
    "altro": "un tipo diverso da quelli che il formato distingue",
}


def test_every_kind_of_ente_is_listed_here():
    assert set(KINDS) == set(ENTE_KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_leggi_says_the_kind_of_ente_in_words(tmp_path, kind):
    head = f'formato = 2\n[atto]\ntitolo = "Criteri"\ntipo_ente = "{kind}"\n'
    assert f"Tipo di ente: {KINDS[kind]}." in regulation_text(tmp_path, head)


def test_leggi_names_the_result_pay_an_exclusion_without_parts_reaches(tmp_path):
    exclusion = '\n[[esclusioni]]\nregola = "punteggio_minimo"\nminimo = 60\nfonte = "art. 5"\n'
    result_pay = '\n[[risultato_po]]\nmetodo = "fondo"\nruoli = ["po"]\nfondo = "risultato_eq"\nfonte = "art. 9"\n'
    text = regulation_text(tmp_path, HEAD + exclusion + INTERIM.format(parts="") + result_pay)
    # every part pays a scored role, and so does the result pay of the PO / EQ: the parts by commas, then the result
    assert (
        "Non accede al premio chi ha un punteggio inferiore a 60, nelle parti «performance individuale», «interim» e "
        "nella retribuzione di risultato (art. 5)."
    ) in text
