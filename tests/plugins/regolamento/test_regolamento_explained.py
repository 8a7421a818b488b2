"""What ``ciclope explain`` shows of a declared regulation's formulas, as an HR office reads it: the formula quoted once,
the value it gave for the person (so the sum can be redone by hand), a level by its name, money in euro whatever
read it (an earlier part's premium, a position pay, the part's fund, a declared column of ``tipo = "euro"``), the
cell of every datum read from the people file, a fund by its words, and the premium of a part without evaluation
never called «non valutato». Every amount by hand, with the arithmetic beside it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.problems import CiclopeError
from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "{title}"
tipo_ente = "altro"
"""

# Università degli Studi di Milano, Fondo Comune d'Ateneo: «in proporzione ai giorni di effettiva presenza», by the
# amounts per category (B 565, C 650, D 735 €) as parametri, to everyone in service, with no individual evaluation.
ATENEO = (
    HEAD.replace("{title}", "Regolamento del Fondo Comune d'Ateneo")
    + """
[gradi]
nomi = ["B", "C", "D"]
fonte = "art. 6"

[[premi]]
nome = "Fondo Comune d'Ateneo"
metodo = "proporzionale"
valutazione = false
fondo = "fondo_comune_ateneo"
parametri = { B = 565, C = 650, D = 735 }
peso = '=1 - assenze / giorni_servizio'
tempo_parziale = "proporzionale"
rateo_giorni = true
fonte = "art. 6"
"""
)


def ateneo() -> dict[str, str]:
    files = one_unit_comune("Ateneo", [], [], '[funds]\nfondo_comune_ateneo = "10000.00"\n')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",grado,assunzione,cessazione",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,,",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,B,,",
        "P2,Bruno,dipendente,C,com,0.5,0,false,SEG,C,,",
        "P3,Carla,dipendente,C,com,1,61,false,SEG,D,,",  # row 5 of people.csv: 61 days of absence
        "P4,Dario,dipendente,C,com,1,0,false,SEG,C,2024-07-01,",  # 184 days of 2024's 366
    ]) + "\n"  # fmt: skip
    return files


def test_a_weight_formula_is_quoted_once_and_its_value_shown(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ATENEO, ateneo())
    # weights: P1 565 × 1 × 1 = 565; P2 650 × 1 × 0.5 = 325; P3 735 × (1 − 61 / 366 = 0.8333…) = 612.5;
    # P4 650 × (1 − 0 / 184) × 184 / 366 = 326.7759…; Σ 1829.2759…
    # 10000 × w / Σ: P1 3088.653…, P2 1776.659…, P3 3348.319…, P4 1786.367…: cents down 9999.97, the 3 cents to
    # the largest remainders P3 (0.93 of a cent), P2 (0.92), P4 (0.77)
    assert amounts(result) == {"P1": "3088.65", "P2": "1776.66", "P3": "3348.32", "P4": "1786.37"}
    text = explain(result, "person", "P3")
    assert "= =" not in text  # the formula's sign written once, never «peso = =1 - …»
    assert (
        "formula: fondo × peso / Σ pesi, con peso «=1 - assenze / giorni_servizio» (1 meno i giorni di assenza diviso "
        "i giorni di servizio nell'anno) × quota pagata × parametro del grado\n"  # [gradi]: «grado»
    ) in text
    # the value the formula gave P3, to six decimals: 1 − 61 / 366 = 0,833333…; its sentence said once, by the formula
    assert "  • peso dalla formula = 0,833333\n" in text
    assert text.count("(1 meno i giorni di assenza diviso i giorni di servizio nell'anno)") == 1
    # then the weight the split divides, the formula's × the paid share × the category's parameter: 735 × 0,833333…
    # = 612,5, said with the six places of the sum it is divided by (1.829,275956): one number of decimals
    assert "  • peso = 612,5\n  • Σ pesi = 1.829,275956\n" in text


def test_the_formula_s_weight_is_said_with_the_places_of_the_weight_beside_it(ciclope_ente, tmp_path):
    """«peso dalla formula» with six decimals, trailing zeros too, as «peso» and «Σ pesi» beside it: never «0,26776»
    over «196,803279», nor «1» over «326,775956»."""
    files = ateneo()
    files["people.csv"] = files["people.csv"].replace(
        "P3,Carla,dipendente,C,com,1,61,", "P3,Carla,dipendente,C,com,1,268,"
    )
    result = run_declared(ciclope_ente, tmp_path, ATENEO, files)
    # P3: 1 − 268 / 366 = 98 / 366 = 0,26775956… → 0,267760 to six places; × 735 = 72030 / 366 = 196,80327868… →
    # 196,803279; Σ 565 + 650 × 0.5 + 196,80327868… + 650 × 184 / 366 (326,77595628…) = 1.413,57923497… → 1.413,579235
    text = explain(result, "person", "P3")
    assert "  • peso dalla formula = 0,26776\n" in text
    assert "  • peso = 196,803279\n  • Σ pesi = 1.413,579235\n" in text
    # P4: 1 − 0 / 184 = 1, beside a weight of 650 × 184 / 366 = 326,77595628… → 326,775956: the same six places
    text = explain(result, "person", "P4")
    assert "  • peso dalla formula = 1\n" in text
    assert "  • peso = 326,775956\n  • Σ pesi = 1.413,579235\n" in text


def test_the_cents_of_a_split_are_said_so_the_amount_is_redone_by_hand(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ATENEO, ateneo())
    # the weights above, Σ 1829.2759…: P3 10000 × 612.5 / 1829.2759… = 3348.3193…, 3348.31 down and one of the three
    # cents left over; P1 10000 × 565 / 1829.2759… = 3088.6537…, 3088.65 down and no cent (half-up would say 3088.65
    # too, but not for every share: the note says the rule, not a coincidence)
    assert (
        "nota:    quota pagata = tempo lavorato; importo esatto € 3.348,3193…: € 3.348,31 al centesimo per difetto, più un centesimo: i centesimi che "
        "l'arrotondamento lascia vanno ai resti più alti\n"
    ) in explain(result, "person", "P3")
    assert "; importo esatto € 3.088,6537…: € 3.088,65 al centesimo per difetto\n" in explain(result, "person", "P1")


def test_the_data_a_formula_reads_from_the_people_file_have_their_cell(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ATENEO, ateneo())
    text = explain(result, "person", "P3")
    # as every other input of the people file: P3's 61 days of absence are on row 5 (the header, SEG, P1, P2, P3)
    assert "  • i giorni di assenza = 61   ← people.csv, riga 5, colonna giorni_assenza\n" in text
    assert "  • tempo lavorato = 100%   ← people.csv, riga 5, colonna quota_tempo\n" in text


def test_a_fund_without_a_label_is_named_by_its_words(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ATENEO, ateneo())
    text = explain(result, "person", "P3")
    assert "Premio: € 3.348,32 — Fondo comune ateneo\n" in text  # never «Fondo fondo comune ateneo»
    assert "■ Fondo comune ateneo = € 10.000,00" in text  # never «Fondo fondo_comune_ateneo»
    assert "Fondo fondo" not in text
    assert not [line for line in text.splitlines() if "■" in line and "_" in line]  # no title names a key
    assert explain(result, "pool", "fondo_comune_ateneo").startswith("Fondo comune ateneo\n")


def test_a_premium_without_evaluation_is_not_called_not_evaluated(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ATENEO, ateneo())
    # no card for anybody, and none needed: paid by a part without individual evaluation, never «non valutato»
    assert {result.status_of(p) for p in ("P1", "P2", "P3", "P4")} == {"senza_valutazione_individuale"}
    text = explain(result, "person", "P3")
    assert "esito: senza valutazione individuale\n" in text and "non valutato" not in text


def test_a_person_some_evaluated_part_would_pay_stays_not_evaluated(ciclope_ente, tmp_path):
    """Beside a part that reads the evaluation, a person without a card did miss something: «non valutato» stays."""
    regulation = (
        ATENEO + '\n[[premi]]\nnome = "obiettivi"\nmetodo = "proporzionale"\nfondo = "obiettivi"\nfonte = "art. 7"\n'
    )
    files = ateneo()
    files["ente.toml"] += 'obiettivi = "1000.00"\n'
    files["evaluations.csv"] += "P1,SEG,Valutazione,Obiettivi,100,80,\n"
    result = run_declared(ciclope_ente, tmp_path, regulation, files)
    # «obiettivi» pays the one evaluated: P1 takes the whole 1000.00 (weight 80 × 1 of Σ 80)
    assert result.rewards.pools["obiettivi"].distributed == Decimal("1000.00")
    assert result.status_of("P3") == "not_evaluated"
    assert "esito: non valutato (nessuna scheda di valutazione)\n" in explain(result, "person", "P3")


# Ministero della Giustizia, dirigenti di seconda fascia: the interim pays 15% of the position pay of the manager
# replaced, for the days of the interim; the rest of the fund by the coefficient of the Commission's judgement.
GIUSTIZIA = (
    HEAD.replace("{title}", "Accordo sulla retribuzione di risultato dei dirigenti")
    + """
[[colonne]]
nome = "giudizio"
tipo = "testo"
significato = "il giudizio della Commissione di valutazione"
fonte = "accordo, griglia"

[[premi]]
nome = "interim"
metodo = "formula"
valutazione = false
ruoli = ["dirigente"]
fondo = "risultato_dirigenti"
quota_fondo = 1
residuo_a = "retribuzione di risultato"
incarichi = "interim"
tempo_parziale = "intero"
importo = "=15% * DI(retribuzione_posizione; sostituito) * giorni / giorni_anno"
fonte = "accordo, interim"

[[premi]]
nome = "retribuzione di risultato"
metodo = "proporzionale"
valutazione = false
ruoli = ["dirigente"]
fondo = "risultato_dirigenti"
quota_fondo = 0
peso = '=SE(giudizio = "Eccellente"; 1,2; SE(giudizio = "Oltre la media"; 1; SE(giudizio = "Distinto"; 0,8; SE(giudizio = "Adeguato"; 0,6; 0))))'
tempo_parziale = "intero"
fonte = "accordo, griglia"
"""
)


def giustizia() -> dict[str, str]:
    files = one_unit_comune("Ministero", [], [], '[funds]\nrisultato_dirigenti = "100000.00"\n')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",position_pay,giudizio,cessazione",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,,",
        "D1,Dirigente Uno,dirigente,DIR,com,1,0,false,SEG,40000.00,Eccellente,",
        "D2,Dirigente Due,dirigente,DIR,com,1,0,false,SEG,40000.00,Oltre la media,",
        "D3,Dirigente Tre,dirigente,DIR,com,1,0,false,SEG,38000.00,Distinto,",
        "D4,Dirigente Quattro,dirigente,DIR,com,1,0,false,SEG,38000.00,Adeguato,",
        "D5,Dirigente Cinque,dirigente,DIR,com,1,0,false,SEG,36500.00,Non valutato,2024-06-30",  # row 7
    ]) + "\n"  # fmt: skip
    files["incarichi.csv"] = "persona,tipo,sostituito,dal,al\nD3,interim,D5,2024-07-01,2024-12-31\n"  # 184 days
    return files


def test_money_a_formula_reads_and_gives_is_in_euro(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, GIUSTIZIA, giustizia())
    # interim: 15% × 36500 × 184 / 366 = 2752.459… → 2752.46; the rest, 100000 − 2752.46 = 97247.54, by 1.2, 1, 0.8,
    # 0.6 and 0 (Σ 3.6): D1 32415.846…, D2 27013.205…, D3 21610.564…, D4 16207.923…: cents down 97247.52, the 2 cents
    # to D1 (0.67 of a cent) and D2 (0.56); D3 2752.46 + 21610.56 = 24363.02
    assert amounts(result) == {
        "D1": "32415.85", "D2": "27013.21", "D3": "24363.02", "D4": "16207.92", "D5": "0.00",
    }  # fmt: skip
    text = explain(result, "person", "D3")
    assert "  • premio della parte «interim» = € 2.752,46\n" in text
    assert "    ■ Premio di Dirigente Tre — interim = € 2.752,46\n" in text
    assert "    ■ Premio di Dirigente Tre — retribuzione di risultato = € 21.610,56\n" in text
    # the position pay of the manager replaced, from its cell; the person replaced, from the row of incarichi.csv
    assert (
        "      • la retribuzione di posizione di Dirigente Cinque = € 36.500,00   ← people.csv, riga 7, colonna "
        "retribuzione_posizione\n"
    ) in text
    assert "      • la persona sostituita = D5   ← incarichi.csv, riga 2, colonna sostituito\n" in text
    # the amount the formula gave, in euro; the weight, as a number
    assert "      • importo dell'incarico dalla formula = € 2.752,46\n" in text
    # the weight the formula gave, × a quota pagata of 100%, is the one the split divides: one line, never two
    assert "  • peso = 0,8\n" in text and "peso dalla formula" not in text
    assert "Fondo risultato dirigenti" in text and "Fondo risultato_dirigenti" not in text
    assert "esito: senza valutazione individuale\n" in text


# A research institution (CCNL Istituzioni ed Enti di ricerca 1996, art. 45): the first 20% by score have parametro
# 2, at least the last 30% parametro 1, the others the intermediate one; parametro 2 is paid at most 1.5 times the
# indennità di Ente. A second part, from another fund, adds 10% of the first (an example).
RICERCA = (
    HEAD.replace("{title}", "Produttività collettiva e individuale")
    + """
[[colonne]]
nome = "indennita_ente"
tipo = "euro"
significato = "l'indennità di Ente annua"
fonte = "art. 45 c. 2 lett. a"

[livelli]
fonte = "art. 45 c. 2"
scala = [
  { nome = "parametro 2", da = 2 },
  { nome = "parametro intermedio", da = 1 },
  { nome = "parametro 1", da = 0 },
]
formula = '''=SE(RANGO.ENTE(punteggio) <= ARROTONDA.PER.DIF(20% * CONTA.ENTE(); 0); "parametro 2";
  SE(RANGO.ENTE(punteggio) > CONTA.ENTE() - ARROTONDA.PER.ECC(30% * CONTA.ENTE(); 0); "parametro 1"; "parametro intermedio"))'''

[[premi]]
nome = "produttività"
metodo = "formula"
fondo = "produttivita"
tempo_parziale = "intero"
importo = '''=MIN(fondo * SE(livello = "parametro 2"; 2; SE(livello = "parametro intermedio"; 1,5; 1))
  / SOMMA.ENTE(SE(livello = "parametro 2"; 2; SE(livello = "parametro intermedio"; 1,5; 1)));
  SE(livello = "parametro 2"; 1,5 * indennita_ente; fondo))'''
fonte = "art. 45 c. 2"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
fondo = "maggiorazione"
tempo_parziale = "intero"
importo = '=10% * PREMIO("produttività")'
fonte = "accordo integrativo"
"""
)


def ricerca(labels: str = "") -> str:
    return RICERCA + (f"\n[etichette]\n{labels}\n" if labels else "")


def researchers() -> dict[str, str]:
    points = {"R1": 95, "R2": 88, "R3": 80, "R4": 72, "R5": 65}
    return {
        "units.csv": "id,name,kind,parent,head\nam,Amministrazione,ente,,\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,am\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "id,name,role,category,unit,fte,indennita_ente\n"
        + "".join(f"{pid},Ricercatore {pid},dipendente,C,am,1,1800\n" for pid in points),  # R1 on row 2
        "evaluations.csv": "person,evaluator,section,item,max_points,points\n"
        + "".join(f"{pid},,Prestazione,Qualità delle prestazioni,100,{p}\n" for pid, p in points.items()),
        "ente.toml": 'name = "Ente di ricerca"\n[funds]\nproduttivita = "10000.00"\nmaggiorazione = "1000.00"\n',
    }


def test_a_level_an_euro_column_and_an_earlier_premium_read_by_a_formula(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ricerca(), researchers())
    # 5 people: 20% × 5 = 1 at parametro 2 (R1, 95 points); 30% × 5 = 1.5, up to 2, at parametro 1 (R4, R5); R2 and
    # R3 intermediate. Σ of the coefficients 2 + 1.5 + 1.5 + 1 + 1 = 7
    # R1: the lesser of 10000 × 2 / 7 = 2857.14… and 1.5 × 1800 = 2700: 2700.00; its maggiorazione 10% × 2700 = 270.00
    assert result.scores["R1"].level == "parametro 2"
    assert result.rewards.awards["R1"].amount == Decimal("2700.00")
    assert result.rewards.awards["R1:maggiorazione"].amount == Decimal("270.00")
    text = explain(result, "person", "R1")
    assert "  • il livello = parametro 2\n    ■ Livello di Ricercatore R1 = parametro 2\n" in text  # never «= 3»
    # the part's fund, once: the formula's «fondo» reads the fund the figure says first
    assert "  • fondo = € 10.000,00\n" in text and "il fondo della parte = " not in text
    assert "  • l'indennità di Ente annua = € 1.800,00   ← people.csv, riga 2, colonna indennita_ente\n" in text
    assert "  • importo dalla formula = € 2.700,00\n" in text
    # the earlier part's premium, in euro, and the figure that explains it
    assert (
        "  • premio della parte «produttività» = € 2.700,00   (spiegato sopra: Premio di Ricercatore R1 — produttività)"
    ) in text


def test_a_level_read_by_a_formula_with_its_label(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ricerca('"parametro 2" = "eccellente"'), researchers())
    text = explain(result, "person", "R1")
    # the label of [etichette] and, as the formula writes it, the level's name
    assert "  • il livello = eccellente («parametro 2»)\n" in text
    assert "livello eccellente" in text.splitlines()[2]


def test_the_personal_card_reads_a_declared_euro_column_in_euro(ciclope_ente, tmp_path):
    """The scheda to sign (``ciclope schede-personali``) shows the steps of each premium as ``explain`` does: the
    indennità di Ente, a declared column of ``tipo = "euro"``, is € 1.800,00, not a bare 1.800."""
    from ciclope.core.schede import content

    result = run_declared(ciclope_ente, tmp_path, ricerca(), researchers())
    steps = [line for payment in content.build(result, "R1").payments for line in payment.steps]
    assert [line.value for line in steps if line.label.startswith("l'indennità di Ente")] == ["€ 1.800,00"]


def test_an_aggregate_is_named_by_its_words_and_a_sum_of_amounts_reads_in_euro(ciclope_ente, tmp_path):
    """An aggregate the explanation lists is said as the formula's sentence says it, never «la somma dell'ente»;
    a sum of an euro column is in euro, here and in the results store; a whole number has no zeros after it."""
    from ciclope.core.store.record import decode_trace, encode_trace

    shares = RICERCA.replace(
        '''importo = \'\'\'=MIN(fondo * SE(livello = "parametro 2"; 2; SE(livello = "parametro intermedio"; 1,5; 1))
  / SOMMA.ENTE(SE(livello = "parametro 2"; 2; SE(livello = "parametro intermedio"; 1,5; 1)));
  SE(livello = "parametro 2"; 1,5 * indennita_ente; fondo))\'\'\'''',
        "importo = '=fondo * indennita_ente / SOMMA.ENTE(indennita_ente) * SOMMA.ENTE(1,4) / (2 * CONTA.ENTE() + 4)'",
    )
    assert shares != RICERCA
    result = run_declared(ciclope_ente, tmp_path, shares, researchers())
    # 5 researchers of € 1.800: Σ 9000; Σ of 1,4 over 5 people 7,0; 10000 × 1800 / 9000 × 7 / (2 × 5 + 4) = 1000.00
    assert result.rewards.awards["R1"].amount == Decimal("1000.00")
    text = explain(result, "person", "R1")
    assert "  • la somma dell'indennità di Ente annua tra i dipendenti dell'ente = € 9.000,00\n" in text
    assert "  • la somma di 1,4 tra i dipendenti dell'ente = 7\n" in text  # 1,4 × 5 is 7,0: a whole number, never «7,0»
    assert "  • il numero delle persone tra i dipendenti dell'ente = 5\n" in text
    assert text.count("dell'ente =") == text.count("tra i dipendenti dell'ente =")  # no other «… dell'ente»
    stored = {i["name"]: i["value"] for i in decode_trace(encode_trace(result))["award:R1"]["inputs"]}
    assert stored["la somma dell'indennità di Ente annua tra i dipendenti dell'ente"] == "€ 9.000,00"


def test_a_closed_access_is_not_blamed_on_cards_the_regulation_does_not_need(ciclope_ente, tmp_path):
    """The Ateneo pays without any evaluation: with its access to the premiums closed (the Relazione not approved)
    nobody is paid, and the one error says why; never «nessuna scheda di valutazione», cards it does not use."""
    closed = ATENEO.replace("[gradi]", '[accesso]\nfonte = "art. 9"\natti = ["relazione_approvata"]\n\n[gradi]')
    assert closed != ATENEO
    result = run_declared(ciclope_ente, tmp_path, closed, ateneo())
    assert amounts(result) == {}
    errors = [p.rule for p in result.violations if p.is_error]
    assert errors == ["regolamento.accesso"]


def test_a_grade_the_regulation_does_not_declare_is_an_error_on_its_row(ciclope_ente, tmp_path):
    """P2's grado «E» is none of [gradi] (B, C, D): said on its row and column with the grades allowed, not found
    later as a part that has no line for the person."""
    files = ateneo()
    files["people.csv"] = files["people.csv"].replace("P2,Bruno,dipendente,C,com,0.5,0,false,SEG,C", "P2,Bruno,"
                                                      "dipendente,C,com,0.5,0,false,SEG,E")  # fmt: skip
    assert files != ateneo()
    result = run_declared(ciclope_ente, tmp_path, ATENEO, files)
    [problem] = [p for p in result.violations if p.rule == "regolamento.grado"]
    assert problem.is_error and (problem.file, problem.row, problem.column) == ("people.csv", 4, "grado")
    # where to add it is said as the office finds it: the names of [gradi] in the regulation's file (the problem's
    # source, printed after the message, is the act's title: «aggiungilo alla tabella [titolo]» read as a place)
    assert problem.message == (
        "il grado «E» di Bruno (P2) non è tra quelli del regolamento (B, C, D): scrivi uno di questi gradi, o "
        "aggiungilo ai nomi di [gradi] nel file del regolamento"
    )
    # a spelling near one of them is told which («DD» for «D»)
    near = ateneo()
    near["people.csv"] = near["people.csv"].replace(",SEG,D,", ",SEG,DD,")
    (tmp_path / "near").mkdir()
    result = run_declared(ciclope_ente, tmp_path / "near", ATENEO, near)
    [problem] = [p for p in result.violations if p.rule == "regolamento.grado"]
    assert "(B, C, D) (forse «D»?): scrivi uno di questi gradi" in problem.message
    # the grades written in another case are the declared ones: no error for them
    fine = ateneo()
    fine["people.csv"] = fine["people.csv"].replace(",SEG,B,", ",SEG,b,")
    assert fine != ateneo()
    (tmp_path / "fine").mkdir()
    assert not [p for p in run_declared(ciclope_ente, tmp_path / "fine", ATENEO, fine).violations
                if p.rule == "regolamento.grado"]  # fmt: skip


def test_a_grade_the_regulation_does_not_declare_is_said_in_the_contracts_word(ciclope_ente, tmp_path):
    """With [gradi] parola = "area" the error says «l'area», feminine throughout («tra quelle», «una di queste
    aree», «aggiungila»), as every other text of that regulation does; never «il grado»."""
    area = ATENEO.replace('[gradi]\nnomi', '[gradi]\nparola = "area"\nnomi')
    assert area != ATENEO
    files = ateneo()
    files["people.csv"] = files["people.csv"].replace("P2,Bruno,dipendente,C,com,0.5,0,false,SEG,C", "P2,Bruno,"
                                                      "dipendente,C,com,0.5,0,false,SEG,E")  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, area, files)
    [problem] = [p for p in result.violations if p.rule == "regolamento.grado"]
    assert problem.message == (
        "l'area «E» di Bruno (P2) non è tra quelle del regolamento (B, C, D): scrivi una di queste aree, o aggiungila "
        "ai nomi di [gradi] nel file del regolamento"
    )


def test_a_grade_typo_is_one_error_not_also_an_empty_grade_in_the_parametri(ciclope_ente, tmp_path):
    """P2's grado «CC» (for «C») is said once, at its cell; the part's parametri (B, C, D) do not say it again as a
    grade «(vuoto)» they lack: the grade is written, only misspelt."""
    files = ateneo()
    files["people.csv"] = files["people.csv"].replace("P2,Bruno,dipendente,C,com,0.5,0,false,SEG,C,", "P2,Bruno,"
                                                      "dipendente,C,com,0.5,0,false,SEG,CC,")  # fmt: skip
    assert files != ateneo()
    result = run_declared(ciclope_ente, tmp_path, ATENEO, files)
    errors = [p.message for p in result.violations if p.is_error]
    assert errors == [
        "il grado «CC» di Bruno (P2) non è tra quelli del regolamento (B, C, D) (forse «C»?): scrivi uno di questi gradi, o "
        "aggiungilo ai nomi di [gradi] nel file del regolamento"
    ]


def test_a_part_whose_fund_is_not_written_says_how_to_write_it(ciclope_ente, tmp_path):
    """Every premium comes from a fund: without [fondi] fondo_comune_ateneo nothing is paid, and the warning says
    the line to write in ente.toml."""
    files = ateneo()
    files["ente.toml"] = 'name = "Ateneo"\n'
    result = run_declared(ciclope_ente, tmp_path, ATENEO, files)
    assert amounts(result) == {}
    [problem] = [p for p in result.violations if p.rule == "regolamento.fondo"]
    assert (problem.file, problem.column, problem.severity) == ("ente.toml", "funds.fondo_comune_ateneo", "warning")
    assert problem.message == (
        "manca [fondi] fondo_comune_ateneo: nessun premio calcolato per la parte «Fondo Comune d'Ateneo»; scrivine "
        "l'importo in ente.toml, nel blocco [fondi] (ogni premio viene da un fondo, anche un importo fisso per persona)"
    )


def test_a_fund_written_another_way_is_an_error_naming_it(ciclope_ente, tmp_path):
    """«fondo_comune_di_ateneo» in ente.toml is read by nothing while fondo_comune_ateneo is missing: an error (the
    1.000,00 € written would be paid to nobody while the run says «0 errori»), naming the one written, so the office
    sees the typo, not only a fund that is not there."""
    files = ateneo()
    files["ente.toml"] = 'name = "Ateneo"\n[funds]\nfondo_comune_di_ateneo = "1000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, ATENEO, files)
    assert amounts(result) == {}
    [problem] = [p for p in result.violations if p.rule == "regolamento.fondo"]
    assert problem.severity == "error"
    assert problem.message.startswith(
        "manca [fondi] fondo_comune_ateneo ([fondi] di ente.toml ha «fondo_comune_di_ateneo»: è questo, scritto in un "
        "altro modo?): nessun premio calcolato per la parte «Fondo Comune d'Ateneo»; "
    )


def test_a_fund_two_parts_pay_from_is_said_missing_once_naming_both(ciclope_ente, tmp_path):
    """Two parts share fondo_comune_ateneo (40% and 60%), written «fondo_comune_di_ateneo» in ente.toml: one error
    for the one fund, naming both parts, never the same «manca [fondi] …» once per part."""
    second = ATENEO.split("[[premi]]", 1)[1].replace("Fondo Comune d'Ateneo", "quota collettiva")
    regulation = ATENEO.replace('fondo = "fondo_comune_ateneo"', 'fondo = "fondo_comune_ateneo"\nquota_fondo = 0.4')
    regulation += "\n[[premi]]" + second.replace(
        'fondo = "fondo_comune_ateneo"', 'fondo = "fondo_comune_ateneo"\nquota_fondo = 0.6'
    )
    files = ateneo()
    files["ente.toml"] = 'name = "Ateneo"\n[funds]\nfondo_comune_di_ateneo = "1000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, regulation, files)
    assert amounts(result) == {}
    [problem] = [p for p in result.violations if p.rule == "regolamento.fondo"]
    assert problem.message.startswith(
        "manca [fondi] fondo_comune_ateneo ([fondi] di ente.toml ha «fondo_comune_di_ateneo»: è questo, scritto in un "
        "altro modo?): nessun premio calcolato per le parti «Fondo Comune d'Ateneo» e «quota collettiva»; "
    )


def test_a_level_is_not_called_a_band(tmp_path):
    """A regulation of levels without merit bands records each one's level as the award's band: the person's
    explanation says «livello eccellente» once, never «fascia eccellente» (a «fascia» is a merit band)."""
    from pathlib import Path

    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute

    demo = Path(__file__).parents[3] / "plugins" / "regolamento" / "demo" / "cycle.toml"
    plan = load_config(demo)
    result = compute(plan.ente("comune-soglie"), plan.year)
    text = explain(result, "person", "D1")
    assert "esito: valutato · punteggio 97,00 · livello eccellente\n" in text
    assert "Premio: € 1.000,00 — Premi per la performance individuale\n" in text
    assert "fascia eccellente" not in text
    # the score of one component of weight 1 is that component, not «1 × scheda di valutazione»
    assert result.figures["score:D1"].formula == "scheda di valutazione"


def test_no_card_is_asked_of_a_role_the_regulation_does_not_evaluate(ciclope_ente, tmp_path):
    """The Ateneo's part pays without evaluation: nobody's score says «nessuna scheda di valutazione», a card the
    regulation never asks for; the reason is that it evaluates nobody of their role."""
    result = run_declared(ciclope_ente, tmp_path, ATENEO, ateneo())
    reasons = {pid: result.scores[pid].breakdown["motivo"] for pid in ("P1", "P2", "P3", "P4", "SEG")}
    assert set(reasons.values()) == {"senza valutazione individuale: il regolamento non la prevede per il suo ruolo"}


def test_a_fund_is_named_by_its_label(ciclope_ente, tmp_path):
    """[etichette] names a fund as people read it, accents and all: the key of [fondi] has none."""
    text = ATENEO + '\n[etichette]\nfondo_comune_ateneo = "Fondo comune d\'Ateneo"\n'
    result = run_declared(ciclope_ente, tmp_path, text, ateneo())
    said = explain(result, "person", "P3")
    assert "Premio: € 3.348,32 — Fondo comune d'Ateneo\n" in said
    assert "■ Fondo comune d'Ateneo = € 10.000,00" in said


def test_a_rank_refers_to_the_values_it_ranked(ciclope_ente, tmp_path):
    """RANGO.ENTE(punteggio) in the level's formula: R2's place, 2, with the figure of the five scores ranked, so the
    office sees why it is second."""
    result = run_declared(ciclope_ente, tmp_path, ricerca(), researchers())
    read = {i.name: i for i in result.figures["level:R2"].inputs}
    place = read["la posizione nell'ente per il punteggio (1 la più alta)"]
    assert place.value == 2  # 1 + one higher score (R1's 95 above R2's 88)
    ranked = result.figures[place.ref]
    assert ranked.label == (
        "Le persone in graduatoria per la posizione nell'ente per il punteggio (1 la più alta), elencate per posizione"
    )
    assert ranked.value == 5  # five people with a score
    assert [(i.name, i.value) for i in ranked.inputs] == [
        ("Ricercatore R1 (R1)", 95),
        ("Ricercatore R2 (R2)", 88),
        ("Ricercatore R3 (R3)", 80),
        ("Ricercatore R4 (R4)", 72),
        ("Ricercatore R5 (R5)", 65),
    ]


def test_the_ente_s_trace_goes_with_its_result_not_with_the_cohorts(ciclope_ente, tmp_path, monkeypatch):
    """The cohorts that record the aggregates' figures hold their people, who refer back to them only weakly: no cycle
    keeps the trace they record into, nor the ente's model, for the garbage collector. With the collector off, the
    trace is freed as soon as the result is dropped (a 30,000-person ente's trace is most of its memory)."""
    import gc
    import weakref

    from ciclope.core import Trace
    from ciclope.core.engine import cycle

    made: list[weakref.ref] = []

    class Watched(Trace):
        def __init__(self) -> None:
            super().__init__()
            made.append(weakref.ref(self))

    monkeypatch.setattr(cycle, "Trace", Watched)
    gc.collect()
    gc.disable()
    try:
        result = run_declared(ciclope_ente, tmp_path, ricerca(), researchers())
        assert any(k.startswith("aggregato:") for k in result.figures)  # the cohorts did record into it
        del result
        assert made and [ref for ref in made if ref() is not None] == []
    finally:
        gc.enable()


LEVELS_NOTED = (
    HEAD.replace("{title}", "Preintesa sul fondo 2019")
    + """
[livelli]
fonte = "fasce di punteggio"
nota = "il testo dice 80-90 e 90-100: il 90 è letto nella fascia più alta"
scala = [{ nome = "terza fascia", da = 90 }, { nome = "seconda fascia", da = 80 }]

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "performance_individuale"
fonte = "importi per punteggio"
"""
)


def test_the_note_of_the_levels_is_in_the_explanation_of_the_level(ciclope_ente, tmp_path):
    """[livelli] nota says how the file reads the text's scale: it stands beside the level it decided, where the
    person at the ambiguous 90 points reads why."""
    files = one_unit_comune(
        "Comune",
        ["P1,Anna,dipendente,C,com,1,0,false,SEG"],
        ["P1,SEG,Scheda,Valutazione,100,90,"],
        '[funds]\nperformance_individuale = "1000.00"\n',
    )
    result = run_declared(ciclope_ente, tmp_path, LEVELS_NOTED, files)
    assert result.figures["score:P1"].note == (
        "livello: terza fascia (Preintesa sul fondo 2019, fasce di punteggio); il testo dice 80-90 e 90-100: il 90 è "
        "letto nella fascia più alta"
    )


def test_a_grade_written_as_the_category_is_said_at_its_cell(ciclope_ente, tmp_path):
    """P2's grado left empty and its category «C», one of [gradi] (B, C, D): the office wrote the grade in the
    wrong column. Said on row 4, at the category, when the data are read, instead of a formula finding «il grado =
    nessuno»."""
    files = ateneo()
    files["people.csv"] = files["people.csv"].replace("P2,Bruno,dipendente,C,com,0.5,0,false,SEG,C", "P2,Bruno,"
                                                      "dipendente,C,com,0.5,0,false,SEG,")  # fmt: skip
    assert files != ateneo()
    with pytest.raises(CiclopeError) as err:
        run_declared(ciclope_ente, tmp_path, ATENEO, files)
    [problem] = err.value.problems
    assert problem.is_error and (problem.file, problem.row, problem.column) == ("people.csv", 4, "category")
    assert problem.message == (
        "«C» è un grado del regolamento ([gradi]), ma la colonna grado è vuota: il grado va nella colonna grado, e la "
        "categoria resta vuota; riga di Bruno (P2)"
    )


# A table by grade written once as a definition and read by the amount (lines: HEAD 1–4, a blank 5, [gradi] 6–8, a
# blank 9, [[definizioni]] 10, its formula at line 13)
BY_GRADE = (
    HEAD.replace("{title}", "Regolamento della quota per grado")
    + """
[gradi]
nomi = ["B", "C", "D"]
fonte = "art. 6"

[[definizioni]]
nome = "quota_teorica"
descrizione = "la quota teorica del grado"
formula = '=PIÙ.SE(grado = "B"; 100 €; grado = "C"; 200 €; grado = "D"; 300 €)'
fonte = "art. 7"

[[premi]]
nome = "quota"
metodo = "formula"
valutazione = false
fondo = "fondo_comune_ateneo"
importo = '=quota_teorica'
tempo_parziale = "intero"
fonte = "art. 7"
"""
)


def test_a_choice_of_a_definition_without_a_case_names_the_definition_and_the_way_out(ciclope_ente, tmp_path):
    """P3's grade D has no case in the definition's PIÙ.SE: the error is the definition's, named with its key and
    line (the amount only reads it), and says how to give the grade its value."""
    text = BY_GRADE.replace('; grado = "D"; 300 €)', ")")
    assert text != BY_GRADE
    result = run_declared(ciclope_ente, tmp_path, text, ateneo())
    # P1 B 100.00; P2 and P4 C 200.00 each (paid whole: tempo_parziale intero, no rateo_giorni); P3 D nothing
    assert amounts(result) == {"P1": "100.00", "P2": "200.00", "P3": "0.00", "P4": "200.00"}
    [error] = [p.message for p in result.violations if p.is_error]
    assert error == (
        "parte «quota»: nella definizione «quota_teorica» (riga 13, chiave definizioni[1].formula): nessuna "
        "condizione di PIÙ.SE è vera (il grado = «D»; aggiungi il suo caso, o «VERO; valore» in fondo per tutti gli "
        "altri) per Carla: considerato nulla"
    )


def test_a_grade_not_declared_is_one_error_not_also_a_choice_without_a_case(ciclope_ente, tmp_path):
    """P2's grado «E» is none of [gradi]: said at its cell, and the PIÙ.SE that reads the grade says nothing more
    («il grado = nessuno»): one mistake, one message; P2 is paid nothing."""
    files = ateneo()
    files["people.csv"] = files["people.csv"].replace("P2,Bruno,dipendente,C,com,0.5,0,false,SEG,C", "P2,Bruno,"
                                                      "dipendente,C,com,0.5,0,false,SEG,E")  # fmt: skip
    assert files != ateneo()
    result = run_declared(ciclope_ente, tmp_path, BY_GRADE, files)
    # P1 B 100.00; P3 D 300.00; P4 C 200.00; P2 nothing
    assert amounts(result) == {"P1": "100.00", "P2": "0.00", "P3": "300.00", "P4": "200.00"}
    assert [p.rule for p in result.violations if p.is_error] == ["regolamento.grado"]


SCORED = (
    HEAD.replace("{title}", "SMVP del Comune di Schede")
    + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
fonte = "art. 9"
"""
)
CARD = """
[[scheda]]
fonte = "art. 6, allegato A"
ruoli = ["dipendente"]
voci = [{ sezione = "scheda", voce = "Valutazione complessiva", massimo = 100 }]
"""


def one_scored() -> dict[str, str]:
    staff, cards = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG"], ["P1,SEG,scheda,Valutazione complessiva,100,80,"]
    return one_unit_comune("Comune di Schede", staff, cards, '[funds]\nproduttivita = "1000.00"\n')


def test_a_score_without_a_declared_card_cites_the_common_rule_not_a_card_of_the_act(ciclope_ente, tmp_path):
    """Without [[scheda]] the act defines no card: the score is the card of the evaluations file, scored by the common
    rules, and is cited so, never «<title of the act>, scheda di valutazione»; with one, its article."""
    text = explain(run_declared(ciclope_ente, tmp_path, SCORED, one_scored()), "person", "P1")
    assert (
        "■ Punteggio di Persona 1 = 80,00 punti\n"
        "      formula: scheda di valutazione\n"
        "      fonte:   regole comuni, scheda di valutazione individuale (D.Lgs. 150/2009 art. 9)\n"
    ) in text
    assert "SMVP del Comune di Schede, scheda di valutazione" not in text
    (tmp_path / "card").mkdir()
    declared = explain(run_declared(ciclope_ente, tmp_path / "card", SCORED + CARD, one_scored()), "person", "P1")
    assert (
        "■ Punteggio di Persona 1 = 80,00 punti\n"
        "      formula: scheda di valutazione\n"
        "      fonte:   SMVP del Comune di Schede, art. 6, allegato A\n"
    ) in declared


WHOLE_AT_PART_TIME = SCORED.replace('fonte = "art. 9"', 'tempo_parziale = "intero"\nfonte = "art. 9"')


def test_a_premium_whole_at_part_time_says_so_beside_the_time_worked(ciclope_ente, tmp_path):
    """The header says «tempo lavorato 50%» and the formula «× quota pagata»: the note says the share is 1, and why."""
    staff = ["P1,Persona 1,dipendente,C,com,0.5,0,false,SEG", "P2,Persona 2,dipendente,C,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,80,", "P2,SEG,scheda,Valutazione complessiva,100,80,"]
    data = one_unit_comune("Comune di Schede", staff, cards, '[funds]\nproduttivita = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, WHOLE_AT_PART_TIME, data)
    # the same score, the premium whole at half time: 1.000 × 80 / 160 = 500,00 each
    assert amounts(result) == {"P1": "500.00", "P2": "500.00"}
    assert result.figures["award:P1"].note == "quota pagata = 1, a tempo parziale il premio è intero"
    assert result.figures["award:P2"].note == ""  # full time: nothing to say


TWO_FUNDS = (
    SCORED
    + """
[[premi]]
nome = "progetto"
metodo = "proporzionale"
fondo = "progetto_ob1"
valutazione = false
fonte = "art. 10"
"""
)


def test_a_person_paid_by_two_funds_reads_their_total(ciclope_ente, tmp_path):
    staff = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG", "P2,Persona 2,dipendente,C,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,60,", "P2,SEG,scheda,Valutazione complessiva,100,90,"]
    funds = '[funds]\nproduttivita = "1000.00"\nprogetto_ob1 = "300.00"\n'
    data = one_unit_comune("Comune di Schede", staff, cards, funds)
    text = explain(run_declared(ciclope_ente, tmp_path, TWO_FUNDS, data), "person", "P1")
    # produttività by score: 1.000 × 60 / 150 = 400,00; the project equally: 300 / 2 = 150,00; together 550,00
    assert "Premio: € 400,00 — Fondo produttività" in text
    assert "Premio: € 150,00 — Fondo progetto OB1" in text  # the fund's code in capitals, as the office writes it
    assert "Totale dei premi: € 550,00\n" in text
    (tmp_path / "one").mkdir()
    single = explain(run_declared(ciclope_ente, tmp_path / "one", SCORED, data), "person", "P1")
    assert "Totale dei premi" not in single  # one premium is its own total


def test_a_fund_nothing_reads_is_said_and_neither_distributed_nor_published(ciclope_ente, tmp_path):
    """An office wrote its EQ resources in [fondi] «for reference»: no part pays them, and they were published as
    the staff's premi stanziati. A warning at the fund, and the fund is left out of the cycle."""
    from ciclope.core.reports import transparency

    files = ateneo()
    files["ente.toml"] = 'name = "Ateneo"\n[funds]\nfondo_comune_ateneo = "10000.00"\nrisorse_eq = "56000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, ATENEO, files)
    [problem] = [p for p in result.violations if p.rule == "regolamento.fondo_non_usato"]
    assert (problem.file, problem.column, problem.severity) == ("ente.toml", "funds.risorse_eq", "warning")
    assert problem.message == (
        "[fondi] risorse_eq (€ 56.000,00): nessuna parte del regolamento paga questo fondo e nessuna formula lo legge "
        "(i fondi del regolamento: «fondo_comune_ateneo»): non è distribuito né pubblicato tra i premi stanziati. "
        "Toglilo, o scrivilo «x_risorse_eq» se è una nota dell'ufficio"
    )
    assert set(result.rewards.pools) == {"fondo_comune_ateneo"}
    # the fund that pays is split as without the other (10000 × w / Σ w, the weights of the first test)
    assert amounts(result) == {"P1": "3088.65", "P2": "1776.66", "P3": "3348.32", "P4": "1786.37"}
    text = transparency.render(result)
    assert "56000" not in text and "Risorse eq" not in text and "risorse eq" not in text.lower()


def test_a_fund_typed_in_place_of_a_missing_one_is_only_the_error_that_names_both(ciclope_ente, tmp_path):
    files = ateneo()
    files["ente.toml"] = 'name = "Ateneo"\n[funds]\nfondo_comune_di_ateneo = "1000.00"\nx_nota = "5.00"\n'
    result = run_declared(ciclope_ente, tmp_path, ATENEO, files)
    assert "regolamento.fondo" in {p.rule for p in result.violations}
    assert "regolamento.fondo_non_usato" not in {p.rule for p in result.violations}


EQUAL = (
    HEAD.replace("{title}", "Regolamento dei premi")
    + """
[livelli]
fonte = "art. 2"
scala = [{ nome = "unico", da = 60 }]

[[premi]]
nome = "performance individuale"
metodo = "livelli"
fondo = "performance_individuale"
coefficienti = { unico = 1 }
fonte = "art. 3"
"""
)


# € 10,00 among three of equal weight: 3,3333… each, 3,33 down, one cent left to give
DOWN = "importo esatto € 3,3333…: € 3,33 al centesimo per difetto"


def three_of_ten(ciclope_ente, tmp_path, points, regulation=EQUAL, fund="performance_individuale"):
    """P1, P2 and P3 with ``points``, paid € 10,00 of ``fund`` by ``regulation``: 3,34 to one, 3,33 to the others."""
    cards = [f"{p},SEG,scheda,Valutazione,100,{n}," for p, n in zip(("P1", "P2", "P3"), points)]
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in ("P1", "P2", "P3")]
    files = one_unit_comune("Comune", staff, cards, f'[funds]\n{fund} = "10.00"\n')
    result = run_declared(ciclope_ente, tmp_path, regulation, files)
    assert amounts(result) == {"P1": "3.34", "P2": "3.33", "P3": "3.33"}
    return result


def test_who_loses_a_tied_cent_reads_the_rule_that_gave_it_to_another(ciclope_ente, tmp_path):
    """€ 10,00 to three people of one level, one coefficient: 3,3333… each, 3,33 down, the cent left to the highest
    score (P1, 90 points); P2 and P3 have the same remainder and read why the cent is not theirs, no colleague named."""
    result = three_of_ten(ciclope_ente, tmp_path, (90, 80, 70))
    assert f"{DOWN}, più un centesimo" in explain(result, "person", "P1")
    for loser in ("P2", "P3"):
        text = explain(result, "person", loser)
        assert f"{DOWN}: a parità di resto il centesimo va al punteggio più alto" in text
        assert "Persona P1" not in text and "P1" not in text.replace(loser, "")


def test_who_loses_a_tied_cent_reads_only_the_clause_that_applied(ciclope_ente, tmp_path):
    """R6 (80 points) lost a cent to a colleague with 85 and read «… a parità di punteggio al codice che viene prima»
    too, because another colleague also had 80. € 10,00 to three of one level: 3,3333… each, the cent to P1 (90);
    P2 and P3 both have 80 points, but they lost it to a higher score, not to a code: only the first clause."""
    result = three_of_ten(ciclope_ente, tmp_path, (90, 80, 80))
    for loser in ("P2", "P3"):
        text = explain(result, "person", loser)
        assert f"{DOWN}: a parità di resto il centesimo va al punteggio più alto\n" in text
        assert "codice che viene prima" not in text


def test_who_loses_a_tied_cent_to_an_equal_score_reads_the_code_clause(ciclope_ente, tmp_path):
    """€ 10,00 to three with 80 points each: the cent to P1, the code that comes first; P2 and P3 lost it on an
    equal remainder and an equal score: the clause of the code alone."""
    result = three_of_ten(ciclope_ente, tmp_path, (80, 80, 80))
    for loser in ("P2", "P3"):
        text = explain(result, "person", loser)
        assert f"{DOWN}: a parità di resto e di punteggio il centesimo va al codice che viene prima" in text
        assert "punteggio più alto" not in text


UNSCORED = (
    HEAD.replace("{title}", "Regolamento dei premi")
    + """
[[premi]]
nome = "presenza"
metodo = "proporzionale"
valutazione = false
fondo = "presenza"
fonte = "art. 3"
"""
)


def test_who_loses_a_tied_cent_in_a_part_without_evaluation_reads_the_code_clause_alone(ciclope_ente, tmp_path):
    """A part that reads no score (``valutazione = false``): € 10,00 to three people of equal weight, 3,3333… each,
    3,33 down, the cent left to P1, the code that comes first; P2 and P3 read the code clause alone, never a score
    («punteggio»), which the part has not (even where the people have cards, as here: 70, 80, 90 points)."""
    result = three_of_ten(ciclope_ente, tmp_path, (70, 90, 80), UNSCORED, fund="presenza")
    for loser in ("P2", "P3"):
        text = explain(result, "person", loser)
        assert f"{DOWN}: a parità di resto il centesimo va al codice che viene prima\n" in text
        note = next(line for line in text.splitlines() if DOWN in line)
        assert "punteggio" not in note
