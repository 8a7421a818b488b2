"""An exclusion limited to some parts (``[[esclusioni]] parti``) of a person paid without evaluation (an AFAM
contratto integrativo: incarichi, ore eccedenti, intensificazione) is the «Motivo» of the rows of those parts alone
in «Premi» of schede.xlsx: the row of another part of 0 says its own reason (its condition, its amount of 0) with
that part's article, never the exclusion's nor «senza valutazione individuale». The scheda personale says such an exclusion as the person's esito, with its reason. Every amount by hand."""

from __future__ import annotations

import html
import re

from ciclope.core.reports import sheets
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Conservatorio di Prova"
sigla = "CII"
tipo_ente = "altro"

[[colonne]]
nome = "incarico"
tipo = "testo"
significato = "l'incarico della Tabella A"
valori = ["nessuno", "protocollo"]
fonte = "art. 15 c. 1"

[[colonne]]
nome = "ore"
tipo = "numero"
significato = "le ore eccedenti prestate"
fonte = "art. 16 c. 1"

[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_scritto"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
parti = ["intensificazione"]
fonte = "art. 17 c. 9"

[[premi]]
nome = "incarichi"
metodo = "formula"
fondo = "performance_individuale"
quota_fondo = 1
valutazione = false
ruoli = ["dipendente"]
ammesso = '=incarico <> "nessuno"'
importo = "=500 €"
tempo_parziale = "intero"
rateo_giorni = false
residuo_a = "ore eccedenti"
fonte = "art. 15"

[[premi]]
nome = "ore eccedenti"
metodo = "formula"
fondo = "performance_individuale"
quota_fondo = 0
valutazione = false
ruoli = ["dipendente"]
importo = "=ore * 10 €"
tempo_parziale = "intero"
rateo_giorni = false
residuo_a = "intensificazione"
fonte = "art. 16"

[[premi]]
nome = "intensificazione"
metodo = "proporzionale"
fondo = "performance_individuale"
quota_fondo = 0
valutazione = false
ruoli = ["dipendente"]
tempo_parziale = "intero"
fonte = "art. 17 c. 1"
"""


def conservatorio() -> dict[str, str]:
    """P1 with the incarico «protocollo» and 10 ore eccedenti; P2 without incarico, 20 ore and suspended; P3 without
    incarico nor ore; nobody evaluated (no card)."""
    files = one_unit_comune("Conservatorio di Prova", [], [], '[funds]\nperformance_individuale = "3000.00"\n')
    files["people.csv"] = "\n".join(
        [
            f"{STAFF_HEADER},sanzione,incarico,ore",
            "SEG,Direttore,segretario,DIR,com,1,0,false,,,,",
            "P1,Persona P1,dipendente,B,com,1,0,false,SEG,,protocollo,10",
            "P2,Persona P2,dipendente,B,com,1,0,false,SEG,sospensione,nessuno,20",
            "P3,Persona P3,dipendente,B,com,1,0,false,SEG,,nessuno,0",
        ]
    )
    files["people.csv"] += "\n"
    return files


# «incarichi»: P1 500 (the fund's 3.000 whole, P2 and P3 without incarico); its rest 2.500 to «ore eccedenti»:
# P1 10 × 10 = 100, P2 20 × 10 = 200, P3 0; its rest 2.500 − 300 = 2.200 to «intensificazione», weight 1 each of P1
# and P3 (P2 suspended, excluded from it): 1.100 each.
# P1 500 + 100 + 1.100 = 1.700; P2 200; P3 1.100.
PAID = {"P1": "1700.00", "P2": "200.00", "P3": "1100.00"}


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_amounts(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, conservatorio())
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == PAID


def test_each_row_of_zero_says_its_own_part_reason_and_article(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, conservatorio())
    table = sheets.awards(result, lambda pid: "")
    head = [c[0] for c in table.columns]
    code, part, amount, why = (head.index(h) for h in ("Codice", "Parte", "Importo", "Motivo"))
    rows = {(r[code], r[part]): (str(r[amount]), r[why]) for r in table.rows if r[code] in ("P2", "P3")}
    nessuno = "la condizione della parte non vale: l'incarico della Tabella A è uguale a «nessuno», CII, art. 15"
    assert rows == {
        # the incarico «nessuno» (art. 15), not the suspension of art. 17 c. 9
        ("P2", "incarichi"): ("0.00", nessuno),
        ("P2", "ore eccedenti"): ("200.00", None),
        # the suspension on the one part it is limited to
        ("P2", "intensificazione"): (
            "0.00",
            "sanzione disciplinare più grave di «rimprovero scritto» (per le parti: intensificazione), CII, "
            "art. 17 c. 9",
        ),
        ("P3", "incarichi"): ("0.00", nessuno),
        # 0 ore × 10 € = 0, of art. 16
        ("P3", "ore eccedenti"): ("0.00", "le ore eccedenti prestate = 0, CII, art. 16"),
        ("P3", "intensificazione"): ("1100.00", None),
    }


def test_the_scheda_says_the_exclusion_of_a_part_as_the_esito_with_its_reason(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, conservatorio())
    page = text_of(render(build(result, "P2")))
    # the reason is the exclusion's: the esito says it beside «senza valutazione individuale», never that alone
    assert (
        "Esito: senza valutazione individuale; escluso dalla parte «intensificazione» per sanzione disciplinare. "
        "Perché: sanzione disciplinare più grave di «rimprovero scritto» (per le parti: intensificazione). "
        "Fonte: CII, art. 17 c. 9."
    ) in page
    assert "Esito: senza valutazione individuale. Perché:" not in page


def test_a_part_s_name_written_in_residuo_says_to_write_it_in_residuo_a(tmp_path):
    # «incarichi» sends what it does not pay to «ore eccedenti»: written residuo, the key of resta or ridistribuisci;
    # its line is the 38th of the text (line 55 of this module, whose line 18 is the text's first: 55 − 17 = 38)
    text = REGULATION.replace('residuo_a = "ore eccedenti"', 'residuo = "ore eccedenti"')
    assert regulation_problems(tmp_path, text) == [
        "riga 38, chiave premi[1].residuo: valore «ore eccedenti» non ammesso; ammessi: resta, ridistribuisci: il "
        "nome della parte a cui va il residuo si scrive in residuo_a (residuo_a = \"ore eccedenti\")"
    ]


def test_an_empty_text_cell_compared_with_the_empty_text_is_read_as_empty(ciclope_ente, tmp_path):
    # «incarichi» pays who has an incarico written (docs/regolamento.md, «Il confronto con il testo vuoto»): P2 and P3
    # leave the cell empty, which is what the condition asks about, not a datum missing
    text = REGULATION.replace("""ammesso = '=incarico <> "nessuno"'""", """ammesso = '=incarico <> ""'""")
    files = conservatorio()
    files["people.csv"] = (
        files["people.csv"]
        .replace(",sospensione,nessuno,", ",sospensione,,")
        .replace(
            "P3,Persona P3,dipendente,B,com,1,0,false,SEG,,nessuno,0",
            "P3,Persona P3,dipendente,B,com,1,0,false,SEG,,,0",
        )
    )
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # the same amounts as with «nessuno»: P1 500 + 100 + 1.100 = 1.700, P2 200, P3 1.100
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == PAID
    assert [p.message for p in result.violations if p.is_error] == []
    table = sheets.awards(result, lambda pid: "")
    head = [c[0] for c in table.columns]
    code, part, why = (head.index(h) for h in ("Codice", "Parte", "Motivo"))
    [said] = [r[why] for r in table.rows if (r[code], r[part]) == ("P3", "incarichi")]
    assert said == "la condizione della parte non vale: l'incarico della Tabella A non è indicato, CII, art. 15"


def test_an_exclusion_of_a_part_whose_condition_also_refuses_is_the_row_s_reason(ciclope_ente, tmp_path):
    """The suspension limited to «incarichi» and «intensificazione»: P2's row of «incarichi», whose condition left
    them out too (incarico «nessuno»), says the exclusion first and its esito, as explain and the scheda do."""
    both = REGULATION.replace('parti = ["intensificazione"]', 'parti = ["incarichi", "intensificazione"]')
    result = run_declared(ciclope_ente, tmp_path, both, conservatorio())
    # the amounts are those of one exclusion: P2 had no incarico, so «incarichi» paid them nothing anyway
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == PAID
    table = sheets.awards(result, lambda pid: "valutato")
    head = [c[0] for c in table.columns]
    code, part, esito, why = (head.index(h) for h in ("Codice", "Parte", "Esito", "Motivo"))
    rows = {(r[code], r[part]): (r[esito], r[why]) for r in table.rows if r[code] in ("P2", "P3")}
    suspended = (
        "escluso per sanzione disciplinare",
        "sanzione disciplinare più grave di «rimprovero scritto» (per le parti: incarichi, intensificazione), CII, "
        "art. 17 c. 9",
    )
    assert rows[("P2", "incarichi")] == suspended
    assert rows[("P2", "intensificazione")] == suspended
    # P3, not suspended: the condition of «incarichi» is still the reason
    assert rows[("P3", "incarichi")][1] == (
        "la condizione della parte non vale: l'incarico della Tabella A è uguale a «nessuno», CII, art. 15"
    )


def test_an_exclusion_of_other_parts_is_no_esito_of_a_part_it_does_not_name(ciclope_ente, tmp_path):
    """A Consiglio regionale's «Premi» gave the maggiorazione's row of someone excluded from the two other parts the
    exclusion as esito and reason («servizio inferiore a 60 giorni … art. 12 c. 1»), which it was not declared for:
    explain says she misses the maggiorazione by its condition. Each row says the exclusions of its own part only."""
    from test_regolamento_set_aside import TEXT

    text = TEXT.replace(
        "[[premi]]",
        '[[esclusioni]]\nregola = "sanzione"\noltre = "rimprovero_scritto"\nscala = ["rimprovero_scritto", '
        '"sospensione"]\nparti = ["produttività"]\nfonte = "art. 7"\n\n[[premi]]',
        1,
    )
    files = one_unit_comune("Comune di Prova", [], [], '[funds]\nperformance_individuale = "10000.00"\n')
    files["people.csv"] = (
        "\n".join(
            [
                f"{STAFF_HEADER},sanzione",
                "SEG,Segretario,segretario,DIR,com,1,0,false,,",
                *(
                    f"{p},Persona {p},dipendente,C,com,1,0,false,SEG,{s}"
                    for p, s in zip("ABCD", ("sospensione", "", "", ""))
                ),
            ]
        )
        + "\n"
    )
    files["evaluations.csv"] += "".join(
        f"{p},SEG,scheda,Valutazione,100,{points},\n" for p, points in zip("ABCD", (80, 90, 60, 60))
    )
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # A is suspended (excluded from «produttività» alone) and has 80 points, under the 90 of the maggiorazione: paid
    # nothing, so A's esito is the exclusion; B alone has the maggiorazione (90 ≥ 90)
    assert amounts(result)["A"] == "0.00"
    table = sheets.awards(result, sheets.statuses(result))
    head = [c[0] for c in table.columns]
    code, part, esito, why = (head.index(h) for h in ("Codice", "Parte", "Esito", "Motivo"))
    rows = {r[part]: (r[esito], r[why]) for r in table.rows if r[code] == "A"}
    assert rows["produttività"][0] == "escluso per sanzione disciplinare"
    assert rows["produttività"][1].startswith("sanzione disciplinare più grave di «rimprovero scritto»")
    # the maggiorazione's row: the evaluation's esito and the part's own condition, never the suspension
    assert rows["maggiorazione"][0] == "valutato"
    assert rows["maggiorazione"][1].startswith("la condizione della parte non vale: ")
    assert rows["maggiorazione"][1].endswith(", art. 6") and "sanzione" not in rows["maggiorazione"][1]
