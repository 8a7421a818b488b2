"""The retribuzione di risultato of an azienda sanitaria's dirigenti (a contratto integrativo of its own, ``comparto =
"altro"``), in three parts of one fund: a quota di struttura, a quota individuale and a maggiorazione for the best
score. What the scheda personale and «Premi» of schede.xlsx say of whom an exclusion left out, of a sanction, of a
reduction for absences, and the act each place cites. Every amount by hand."""

from __future__ import annotations

import html
import re

from ciclope.core.reports import sheets
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo aziendale della dirigenza, retribuzione di risultato 2024"
sigla = "CCIA 2024"
tipo_ente = "azienda_sanitaria"
comparto = "altro"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
stato = "valutazione_negativa"
ruoli = ["dirigente"]
fonte = "art. 4 c. 2"

[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_scritto"
scala = ["rimprovero_verbale", "rimprovero_scritto", "sanzione_pecuniaria", "sospensione"]
parti = ["quota individuale", "maggiorazione"]
fonte = "art. 7"

[[riduzioni]]
misura = "assenze"
fonte = "art. 6 c. 2"
scaglioni = [{ da = 0, a = 60, riduzione = 0 }, { da = 61, riduzione = "30%" }]

[[premi]]
nome = "quota di struttura"
metodo = "proporzionale"
fondo = "risultato_dirigenza"
ruoli = ["dirigente"]
quota_fondo = "80%"
peso = "=1"
fonte = "art. 2 c. 2 lett. a"

[[premi]]
nome = "quota individuale"
metodo = "proporzionale"
fondo = "risultato_dirigenza"
ruoli = ["dirigente"]
quota_fondo = "19%"
fonte = "art. 2 c. 2 lett. b"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
fondo = "risultato_dirigenza"
ruoli = ["dirigente"]
quota_fondo = "1%"
ammesso = "=RANGO.ENTE(punteggio) <= 1"
importo = "=100 €"
fonte = "art. 8"
"""
# six dirigenti evaluated by the Segretario (whom no part pays): D1 95 points; D2 80 with 75 days of absence (the
# bracket 61+ cuts 30%); D3 55, under the minimum of 60; D4 84 with a sanzione pecuniaria (worse than a rimprovero
# scritto: out of the quota individuale and the maggiorazione, not of the quota di struttura); D5 70; D6 75
PEOPLE = {
    "D1": ("Anna Ferri", 0, 95, ""),
    "D2": ("Paolo Greco", 75, 80, ""),
    "D3": ("Andrea Costa", 0, 55, ""),
    "D4": ("Giorgio Barbieri", 0, 84, "sanzione pecuniaria"),
    "D5": ("Luca Marino", 0, 70, ""),
    "D6": ("Sara Gallo", 0, 75, ""),
}


def azienda() -> dict[str, str]:
    cards = [f"{pid},SEG,Scheda,Valutazione,100,{points}," for pid, (_, _, points, _) in PEOPLE.items()]
    files = one_unit_comune("Azienda ospedaliera di Prova", [], cards, '[funds]\nrisultato_dirigenza = "10000.00"\n')
    staff = [f"{pid},{name},dirigente,DIR,com,1,{days},false,SEG,{sanction}" for pid, (name, days, _, sanction) in
             PEOPLE.items()]  # fmt: skip
    files["people.csv"] = "\n".join(
        [f"{STAFF_HEADER},sanzione", "SEG,Segretario,segretario,DIR,com,1,0,false,,", *staff]
    )
    files["people.csv"] += "\n"
    return files


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def run(ciclope_ente, tmp_path):
    return run_declared(ciclope_ente, tmp_path, REGULATION, azienda())


def scheda(result, pid: str) -> str:
    return text_of(render(build(result, pid)))


def test_the_amounts(ciclope_ente, tmp_path):
    # quota di struttura, 80% of 10.000 = 8.000, weight 1 × share paid: D3 out (55 < 60), D2 × 0,7 (−30%);
    # Σ = 4 + 0,7 = 4,7: 8.000 / 4,7 = 1.702,1276… (D1, D4, D5, D6), 8.000 × 0,7 / 4,7 = 1.191,4893… (D2); down to the
    # cent 7.999,96, the 4 cents to the highest remainders: D2 (0,93), then D1, D4, D6 (0,76 each, by the highest
    # score: 95, 84, 75 before D5's 70) → D1, D4, D6 1.702,13, D5 1.702,12, D2 1.191,49.
    # quota individuale, 19% = 1.900, weight score × share paid: D1 95, D2 80 × 0,7 = 56, D5 70, D6 75 (D3 out, D4
    # sanctioned); Σ = 296: D1 609,797…, D2 359,459…, D5 449,324…, D6 481,418…; 1.899,97 down, 3 cents to D2 (0,95),
    # D6 (0,89), D1 (0,73) → D1 609,80, D2 359,46, D5 449,32, D6 481,42.
    # maggiorazione, 1% = 100: the first by score, D1 (95), 100,00.
    # D1 1.702,13 + 609,80 + 100 = 2.411,93; D2 1.191,49 + 359,46 = 1.550,95; D4 1.702,13; D5 1.702,12 + 449,32 =
    # 2.151,44; D6 1.702,13 + 481,42 = 2.183,55
    result = run(ciclope_ente, tmp_path)
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {
        "D1": "2411.93",
        "D2": "1550.95",
        "D3": "0.00",
        "D4": "1702.13",
        "D5": "2151.44",
        "D6": "2183.55",
    }


def test_the_sanction_read_is_said_after_its_name_with_a_colon(ciclope_ente, tmp_path):
    # the rule's words, then what it read of the person: the sanction written in persone.csv, after a colon, never
    # «(sanzione disciplinare sanzione pecuniaria)»
    page = scheda(run(ciclope_ente, tmp_path), "D4")
    assert (
        "Premio della parte «quota individuale»: € 0,00 Come si calcola: escluso dal premio: sanzione disciplinare più "
        "grave di «rimprovero scritto» (sanzione disciplinare: sanzione pecuniaria): nessun premio."
    ) in page
    assert (
        "Non pagato escluso dal premio: sanzione disciplinare più grave di «rimprovero scritto» (per le parti: quota "
        "individuale, maggiorazione; sanzione disciplinare: sanzione pecuniaria). Fonte: CCIA 2024, art. 7."
    ) in page


def test_places_of_the_act_in_a_row_name_it_once(ciclope_ente, tmp_path):
    # a premium of two parts cites both articles of the CCIA, its sigla once, as one `fonte` of two places reads
    result = run(ciclope_ente, tmp_path)
    assert (
        "premio della parte «quota di struttura» + premio della parte «quota individuale». Fonte: CCIA 2024, art. 2 "
        "c. 2 lett. a; art. 2 c. 2 lett. b."
    ) in scheda(result, "D2")
    # of the one excluded: the exclusion's article, then the parts', all of the CCIA in a row
    page = scheda(result, "D3")
    assert "Fonte: CCIA 2024, art. 4 c. 2; art. 2 c. 2 lett. a; art. 2 c. 2 lett. b." in page
    assert "nessun premio. Fonte: CCIA 2024, art. 4 c. 2; art. 2 c. 2 lett. a." in page


def test_a_place_of_another_act_between_two_of_the_regulation_keeps_both_names(tmp_path):
    from ciclope.plugins.regolamento.format.sources import cite, joined
    from ciclope.plugins.regolamento.read.load import load

    path = tmp_path / "ccia.toml"
    path.write_text(REGULATION, encoding="utf-8")
    reg, found = load(str(path))
    assert reg is not None and list(found) == []
    sources = [cite(reg, "art. 4 c. 2; art. 93 c. 4 CCNL Area Sanità 19.12.2019"), cite(reg, "art. 2 c. 2 lett. a")]
    # the CCNL's place interrupts the CCIA's: the CCIA is named again after it; a place said twice is said once
    assert str(joined(reg, [*sources, cite(reg, "art. 2 c. 2 lett. a"), cite(reg, "art. 8")])) == (
        "CCIA 2024, art. 4 c. 2; art. 93 c. 4 CCNL Area Sanità 19.12.2019; CCIA 2024, art. 2 c. 2 lett. a; art. 8"
    )
    # a source that is no place of the regulation (the core's own rules) is kept as written, never given its sigla
    assert str(joined(reg, ["regole comuni, scheda di valutazione individuale", cite(reg, "art. 8")])) == (
        "regole comuni, scheda di valutazione individuale; CCIA 2024, art. 8"
    )


def test_a_rule_of_the_dirigenti_where_only_dirigenti_are_paid_says_no_role(ciclope_ente, tmp_path):
    # every part pays dirigenti alone: «(per i dirigenti)» after the minimum would distinguish no one (where a part
    # pays dipendenti too, it stays: test_regolamento_exclusion_roles)
    result = run(ciclope_ente, tmp_path)
    page = scheda(result, "D3")
    assert (
        "Esito: valutazione negativa. Perché: punteggio sotto il minimo di 60. Fonte: CCIA 2024, art. 4 c. 2." in page
    )
    assert "escluso dal premio: punteggio sotto il minimo di 60 (punteggio 55,00): nessun premio." in page
    assert "per i dirigenti" not in page
    rows = [r for r in sheets.awards(result, lambda pid: "").rows if r[0] == "D3"]
    assert [r[-1] for r in rows] == ["punteggio sotto il minimo di 60, CCIA 2024, art. 4 c. 2"] * 3


def test_an_exclusion_is_the_one_reason_of_the_parts_it_covers(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain

    result = run(ciclope_ente, tmp_path)
    # D3 (55, out of every part): the maggiorazione's rank (6th of 6) is no second reason beside the minimum
    d3 = scheda(result, "D3")
    assert "alla parte «maggiorazione»" not in d3 and "posto" not in d3
    # D4 (sanctioned, out of the quota individuale and the maggiorazione): the sanction alone, not also the rank (2nd)
    d4 = scheda(result, "D4")
    assert (
        "Non pagato escluso dal premio: sanzione disciplinare più grave di «rimprovero scritto» (per le parti: quota "
        "individuale, maggiorazione; sanzione disciplinare: sanzione pecuniaria). Fonte: CCIA 2024, art. 7. Date"
    ) in d4
    assert "posto" not in d4
    # explain's «Non pagato:» too (the figures after it explain the tree, the maggiorazione's condition among them)
    unpaid = explain(result, "person", "D4").split("Non pagato:\n", 1)[1].split("\n\n", 1)[0]
    assert unpaid == (
        "  perché: escluso dal premio: sanzione disciplinare più grave di «rimprovero scritto» (per le parti: quota "
        "individuale, maggiorazione; sanzione disciplinare: sanzione pecuniaria)\n  regola: CCIA 2024, art. 7"
    )
    # D2, whom no exclusion took from: the maggiorazione's condition is the reason it does not pay her (3rd: 95, 84,
    # 80 — D4's 84 ranks though the sanction keeps him out)
    assert (
        "Partecipazione di Paolo Greco alla parte «maggiorazione»: non spetta — è al 3° posto; il premio spetta al 1° "
        "posto"
    ) in scheda(result, "D2")


def test_a_part_the_exclusion_does_not_cover_keeps_its_condition_s_reason(ciclope_ente, tmp_path):
    # the sanction limited to the quota individuale: the maggiorazione leaves D4 out by its own condition (2nd, the
    # place goes to the 1st), the reason of that part, after the exclusion's
    regulation = REGULATION.replace('parti = ["quota individuale", "maggiorazione"]', 'parti = ["quota individuale"]')
    page = scheda(run_declared(ciclope_ente, tmp_path, regulation, azienda()), "D4")
    assert (
        "Non pagato escluso dal premio: sanzione disciplinare più grave di «rimprovero scritto» (per le parti: quota "
        "individuale; sanzione disciplinare: sanzione pecuniaria). Fonte: CCIA 2024, art. 7. Partecipazione di Giorgio "
        "Barbieri alla parte «maggiorazione»: no — è al 2° posto; il premio spetta al 1° posto"
    ) in page


def test_premi_says_the_reduction_that_cut_a_row(ciclope_ente, tmp_path):
    # D2's 75 days of absence fall in the bracket 61+ of art. 6 c. 2: −30% on both parts she is paid, as her scheda
    # says; the maggiorazione's 0 keeps its own condition (3rd), which the reduction did not decide
    result = run(ciclope_ente, tmp_path)
    table = sheets.awards(result, lambda pid: "")
    head = [c[0] for c in table.columns]
    part, amount, why = (head.index(h) for h in ("Parte", "Importo", "Motivo"))
    rows = {r[part]: (str(r[amount]), r[why]) for r in table.rows if r[0] == "D2"}
    cut = "riduzione per giorni di assenza 30%, CCIA 2024, art. 6 c. 2"
    assert rows == {
        "quota di struttura": ("1191.49", cut),
        "quota individuale": ("359.46", cut),
        "maggiorazione": (
            "0.00",
            "la condizione della parte non vale: è al 3° posto; il premio spetta al 1° posto; il posto è la posizione "
            "tra i dirigenti dell'ente per il punteggio (1 la più alta), CCIA 2024, art. 8",
        ),
    }
    # a row paid whole says no reason
    assert [r[why] for r in table.rows if r[0] == "D1"] == [None, None, None]
