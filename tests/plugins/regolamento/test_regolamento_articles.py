"""The declared regulation read back as Italian articles (``ciclope regolamento leggi``, the Relazione's annex):
the sentences of the docs' example written by hand, every block of the format printed, a block or key the
sentences do not know printed from the format's declarations, never silently left out."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs

from ciclope.core.commands.cli import main
from ciclope.plugins.regolamento.format.spec import Premium, Regulation, key
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say import articles as art

from helpers import ROOT, placed, regulation_text, run_declared

DOCS = ROOT / "docs" / "regolamento.md"


def docs_example() -> str:
    """The TOML of docs/regolamento.md §2, «Un regolamento in 27 righe», as the office reads it."""
    section = DOCS.read_text(encoding="utf-8").split("## 2. ")[1].split("## 3. ")[0]
    found = re.search(r"```toml\n(.*?)```", section, re.S)
    assert found is not None
    return found.group(1)


def read(tmp_path: Path, text: str) -> Regulation:
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    return regulation


# The docs' example read back: every sentence written by hand from §2 of docs/regolamento.md.
EXPECTED = """\
SMVP del Comune di Prova

Tipo di ente: comune.

1. I livelli di valutazione (art. 3)
I livelli di valutazione, dal più alto: «pieno» da 95 punti; «intermedio» da 80 punti; «base» da 60 punti; \
sotto 60 punti nessun livello. Il livello si legge sul punteggio arrotondato a due decimali.

2. Il premio individuale (art. 4)
Il premio spetta ai dipendenti. Il premio è il coefficiente del livello × il massimo di € 1.000,00 a tempo \
pieno: «pieno» 1 (€ 1.000,00); «intermedio» 0,7 (€ 700,00); «base» 0 (€ 0,00). A tempo parziale il premio è in \
proporzione al tempo lavorato. Gli importi sono «fino a»: ciò che il fondo non paga resta residuo del fondo.

3. La retribuzione di risultato (art. 5)
La retribuzione di risultato delle PO / EQ è una quota della retribuzione di posizione secondo il punteggio: \
il 25% da 95 punti; il 20% da 80 punti; il 15% da 60 punti. Se c'è, il fondo della retribuzione di risultato \
delle PO / EQ è un tetto. Sotto 60 punti la valutazione è negativa e non dà retribuzione di risultato; non è \
definitiva senza il contraddittorio con la persona.
"""


def test_the_docs_example_read_back_article_by_article(tmp_path):
    assert art.render(read(tmp_path, docs_example())) == EXPECTED


def test_markdown_has_a_heading_per_article(tmp_path):
    text = art.render(read(tmp_path, docs_example()), markdown=True)
    assert text.startswith("# SMVP del Comune di Prova\n")
    assert "\n## 2. Il premio individuale (art. 4)\n\nIl premio spetta ai dipendenti." in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 1. I livelli di valutazione (art. 3)",
        "## 2. Il premio individuale (art. 4)",
        "## 3. La retribuzione di risultato (art. 5)",
    ]


# Every block of the format, as docs/regolamento.md §3 writes them.
FULL = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Tutto"
tipo_ente = "unione"
data = 2024-01-15
comparto = "funzioni_locali"

[punteggio]
fonte = "art. 5"
po = { scheda = 0.6, unita = 0.4 }

[[punteggio.categorie]]
categorie = ["A", "B", "C"]
ente = 0.3
unita = 0.1
scheda = 0.6
fonte = "art. 5 c. 2"

[[scheda]]
fonte = "art. 6, allegato A"
ruoli = ["dipendente"]
voci = [
  { sezione = "Risultati", voce = "Contributo agli obiettivi dell'unità", massimo = 40 },
  { sezione = "Comportamenti", voce = "Qualità del lavoro svolto", massimo = 60, peso = 30 },
]

[livelli]
fonte = "art. 7"
scala = [{ nome = "alto", da = 80 }, { nome = "medio", da = 60 }]
po = [{ nome = "alto", da = 90 }, { nome = "medio", da = 70 }]

[[esclusioni]]
regola = "assenze"
giorni = 150
fonte = "art. 8 c. 1"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 50
fonte = "art. 8 c. 2"

[[esclusioni]]
regola = "insufficiente"
fonte = "art. 8 c. 3"

[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_verbale"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
sinonimi = { "richiamo scritto" = "rimprovero_scritto" }
fonte = "art. 8 c. 4"

[[esclusioni]]
regola = "unita_sotto"
minimo = 0.5
stato = "escluso_unita"
fonte = "art. 8 c. 5"

[premio]
metodo = "fasce"
fonte = "art. 9"
ripartizione = "per_fascia"
in_fascia = "punteggio"
rateo_giorni = true
fasce = [
  { nome = "alta", personale = 0.2, risorse = 0.5 },
  { nome = "media", personale = 0.5, risorse = 0.4 },
  { nome = "bassa", personale = 0.3, risorse = 0.1 },
]

[[riduzioni]]
misura = "assenze"
fonte = "art. 10 c. 3"
scaglioni = [{ da = 0, a = 10, riduzione = 0 }, { da = 11, riduzione = 0.25 }]

[[riduzioni]]
misura = "quota_tempo"
fonte = "art. 10 c. 4"
scaglioni = [{ da = 0, a = 0.5, riduzione = 0.1 }, { da = 0.5, riduzione = 0 }]

[risultato_po]
metodo = "fondo"
fonte = "art. 12"
soglia_positiva = 55
contraddittorio = false

[[calendario]]
atto = "Relazione sulla performance"
fase = "rendicontazione"
scadenza = "30/06"
anno = "successivo"
approvazione = "relazione_validated_oiv"
fonte = "art. 13"

[etichette]
alto = "alto — oltre le attese"
escluso_sanzione = "escluso per sanzione disciplinare"
"""


# Format 2: the premium in parts instead of [premio] (the other blocks as in FULL)
PARTS = """\
formato = 2
[atto]
titolo = "SMVP del Comune a Parti"
tipo_ente = "comune"

[[premi]]
nome = "presenza"
metodo = "proporzionale"
fonte = "art. 9 c. 1"
quota_fondo = 0.4
graduatorie = "categoria"
riparto_graduatorie = "quota_tempo"
residuo_a = "obiettivi"

[[premi]]
nome = "obiettivi"
metodo = "soglie"
fonte = "art. 9 c. 2"
quota_fondo = 0.6
massimo = "800.00"
piena = 90
minima = 60
"""


POSITIONS = """\
formato = 2
[atto]
titolo = "SMVP della Camera di Posizioni"
tipo_ente = "camera_di_commercio"

[posizioni]
fonte = "art. 4"
criteri = [
  { codice = "A1", nome = "Complessità organizzativa", peso = 60 },
  { codice = "A2", nome = "Responsabilità", peso = 40 },
]
fondo = "posizioni_po"
minimo = "5000.00"
massimo = "16000.00"

[accesso]
fonte = "art. 39 c. 2"
atti = ["relazione_approved", "relazione_validated_oiv"]
"""


def test_every_block_of_the_format_has_its_article(tmp_path):
    regulation = read(tmp_path, FULL)
    said = art.articles(regulation)
    in_parts = art.articles(read(tmp_path, PARTS))
    # the blocks of the format: each has its article in FULL or, for [[premi]] (instead of [premio]), in PARTS
    blocks = [f.name for f in attrs.fields(Regulation) if f.name not in art.HEADING_FIELDS]
    written = {f.name for f in attrs.fields(Regulation) if getattr(regulation, f.name) not in (None, (), {})}
    # the format 2 blocks of formulas' places: their articles are in tests/plugins/regolamento/test_regolamento_formulas.py
    # ([[colonne]]: in test_regolamento_columns.py; [differenziazione]: in test_regolamento_differentiation.py;
    # [[fondi]]: in test_regolamento_formula_funds.py; [[definizioni]]: in test_regolamento_definitions.py;
    # [[indicatori]]: in test_regolamento_indicator_threshold.py)
    assert set(blocks) - written == {
        "parts", "positions", "access", "statuses", "grades", "checks", "progressions", "columns", "differentiation",
        "funds", "definitions", "indicators",
    }  # fmt: skip
    assert [a.title for a in in_parts] == ["Le parti del premio individuale"]
    in_positions = art.articles(read(tmp_path, POSITIONS))
    assert [(a.title, a.sources) for a in in_positions] == [
        ("La pesatura delle posizioni organizzative", ("art. 4",)),
        ("Gli atti che aprono l'accesso ai premi", ("art. 39 c. 2",)),
    ]
    assert in_positions[0].sentences[0] == (
        "Ogni posizione organizzativa è valutata su 2 criteri, ciascuno da 1 a 5: Complessità organizzativa "
        "(colonna A1), peso 60; Responsabilità (colonna A2), peso 40. Il valore "
        "della posizione è la somma di peso × valutazione / 5, da 0 a 100."
    )
    assert [a.title for a in said] == [
        "Il punteggio individuale",
        "Le schede di valutazione",
        "I livelli di valutazione",
        "Chi non accede al premio",
        "Il premio individuale",
        "Le riduzioni del premio",
        "La retribuzione di risultato",
        "Il calendario del ciclo",
        "Le etichette",
    ]
    # all but [[premi]], [posizioni], [accesso], [[stati]], [gradi], [[controlli]], [progressioni], [[colonne]],
    # [differenziazione], [[fondi]], [[definizioni]]
    assert len(said) == len(blocks) - 12
    assert said[3].sources == ("art. 8 c. 1", "art. 8 c. 2", "art. 8 c. 3", "art. 8 c. 4", "art. 8 c. 5")


def test_the_parts_of_the_premium(tmp_path):
    (article,) = art.articles(read(tmp_path, PARTS))
    assert article.sources == ("art. 9 c. 1", "art. 9 c. 2")
    assert article.body == (
        # each part a paragraph of its own, after the sentence that lists them
        "Il premio individuale si paga in 2 parti, nell'ordine: «presenza», «obiettivi».\n"
        "Parte «presenza» (art. 9 c. 1). Le va il 40% del fondo dei premi per la performance individuale. "
        "La quota della parte è divisa in proporzione al punteggio × la quota pagata (il tempo lavorato). A tempo parziale il premio è in proporzione al tempo lavorato. "
        "La parte ha una graduatoria per ogni categoria (o Area) del contratto, ciascuna con una quota in "
        "proporzione al tempo lavorato. Ciò che la parte non paga va alla parte «obiettivi».\n"
        "Parte «obiettivi» (art. 9 c. 2). Le va il 60% del fondo dei premi per la performance individuale. "
        "Il premio massimo è € 800,00 a tempo pieno: spetta per intero da 90 punti; tra 60 e 90 punti in "
        "proporzione al punteggio (punteggio / 100); sotto 60 punti nulla. A tempo parziale il premio è in "
        "proporzione al tempo lavorato. Gli importi sono «fino a»: ciò che il fondo non paga resta residuo del fondo."
    )


def test_the_organisational_performance_s_fund_is_said_as_the_individual_one(tmp_path):
    # the fund named as the destination's use of the fondo risorse decentrate reads as the individual one does,
    # «dei premi per …», never «il fondo «performance organizzativa»» beside it
    text = (
        PARTS.replace('quota_fondo = 0.4', 'fondo = "performance_organizzativa"')
        .replace('residuo_a = "obiettivi"\n', "")
        .replace("quota_fondo = 0.6", 'fondo = "performance_individuale"')
    )
    (article,) = art.articles(read(tmp_path, text))
    assert "Le va tutto il fondo dei premi per la performance organizzativa. " in article.body
    assert "Le va tutto il fondo dei premi per la performance individuale. " in article.body
    assert "«performance organizzativa»" not in article.body


def test_the_sentences_of_every_block(tmp_path):
    text = art.render(read(tmp_path, FULL))
    for sentence in (
        "Tipo di ente: Unione di Comuni. Approvato il 15/01/2024. Comparto Funzioni Locali: vi si applica il contratto "
        "nazionale in vigore.",
        "Per le PO / EQ il punteggio è 60% × la scheda di valutazione + 40% × il raggiungimento degli obiettivi "
        "dell'unità × 100.",
        "Per i dipendenti delle categorie A, B e C il punteggio è 60% × la scheda di valutazione + 10% × il "
        "raggiungimento degli obiettivi dell'unità × 100 + 30% × la performance organizzativa dell'ente × 100 "
        "(art. 5 c. 2).",
        "La scheda dei dipendenti (art. 6, allegato A) ha 2 voci: «Contributo agli obiettivi dell'unità» "
        "(Risultati), fino a 40 punti; «Qualità del lavoro svolto» (Comportamenti), fino a 60 punti, peso 30.",
        "Per le PO / EQ: «alto» da 90 punti; «medio» da 70 punti; sotto 70 punti nessun livello.",
        "chi ha più di 150 giorni di assenza nell'anno (art. 8 c. 1); chi ha un punteggio inferiore a 50 "
        "(art. 8 c. 2); chi è dichiarato di insufficiente rendimento (art. 8 c. 3); chi ha avuto una sanzione "
        "disciplinare più grave di «rimprovero verbale» (dalla più lieve: rimprovero verbale, rimprovero scritto, "
        "multa, sospensione) (nella colonna sanzione vale anche «richiamo scritto» per «rimprovero scritto») "
        "(art. 8 c. 4); chi lavora in un'unità che ha raggiunto gli obiettivi per meno del 50%, con lo stato "
        "«escluso unita» (art. 8 c. 5).",
        "«alta» con il 20% del personale e il 50% delle risorse; «media» con il 50% del personale e il 40% delle "
        "risorse; «bassa» con il 30% del personale e il 10% delle risorse.",
        "A ogni fascia va la sua quota delle risorse del fondo, divisa tra chi vi è collocato in proporzione al "
        "punteggio × la quota pagata.",
        "Chi è assunto o cessa nel corso dell'anno riceve il premio in proporzione ai giorni di servizio.",
        "Il premio è ridotto secondo i giorni di assenza nell'anno (art. 10 c. 3): da 0 a 10 giorni, nessuna "
        "riduzione; da 11 giorni in su, riduzione del 25%.",
        "Il premio è ridotto secondo il tempo lavorato (1 è il tempo pieno) (art. 10 c. 4): da 0 a 0,5, riduzione "
        "del 10%; da 0,5 in su, nessuna riduzione.",
        "Più riduzioni si applicano una dopo l'altra: premio × (1 − prima) × (1 − seconda).",
        "Il fondo della retribuzione di risultato delle PO / EQ è diviso tra le PO / EQ con una valutazione positiva, in "
        "proporzione alla retribuzione di posizione × il punteggio.",
        "Sotto 55 punti la valutazione è negativa e non dà retribuzione di risultato.",
        "«Relazione sulla performance» (fase di rendicontazione) entro il 30/06 dell'anno successivo (art. 13).",
        "«alto» si legge «alto — oltre le attese»; «escluso sanzione» si legge «escluso per sanzione disciplinare».",
    ):
        assert sentence in text, sentence
    # no code the reader would not understand, no Python
    for code in ("per_fascia", "unita_sotto", "punteggio_minimo", "relazione_validated_oiv", "Decimal", "None"):
        assert code not in text, code


@attrs.frozen
class Seats:
    """A block a newer format adds, unknown to the sentences."""

    source: str = key("fonte", "text", "la fonte", required=True)
    seats: Decimal = key("posti", "number", "i posti della graduatoria", required=True)
    wide: bool = key("ampia", "bool", "una graduatoria per tutto l'ente", default=False)


@attrs.frozen
class Later(Regulation):
    seats: Seats | None = key("graduatoria", "table", "la graduatoria dei migliori", table=Seats, since=2)


@attrs.frozen
class LaterPremium(Premium):
    bonus: Decimal | None = key("bonus", "money", "il bonus dei migliori", since=2)


def test_an_exclusion_says_its_state_by_the_label_the_regulation_gives_it(tmp_path):
    """The Relazione's annex (the same articles) names a state as the documents read it: by its [etichette] label,
    not by the words of its code; the article of the labels still links the two."""
    labelled = FULL.replace("[etichette]\n", '[etichette]\nescluso_unita = "unità sotto la metà degli obiettivi"\n')
    assert labelled != FULL
    text = art.render(read(tmp_path, labelled))
    assert (
        "chi lavora in un'unità che ha raggiunto gli obiettivi per meno del 50%, con lo stato «unità sotto la metà "
        "degli obiettivi» (art. 8 c. 5)."
    ) in text
    assert "«escluso unita» si legge «unità sotto la metà degli obiettivi»" in text


def test_a_block_the_sentences_do_not_know_is_printed_from_the_format(tmp_path):
    base = read(tmp_path, docs_example())
    fields = {f.name: getattr(base, f.name) for f in attrs.fields(Regulation)}
    later = Later(**fields, seats=Seats(source="art. 20", seats=Decimal("5"), wide=True))
    said = art.articles(later)
    # the new block is the last article, titled by its declared description, citing its fonte, every key set
    assert said[-1].heading(4) == "4. La graduatoria dei migliori (art. 20)"
    assert said[-1].body == "I posti della graduatoria: 5. Una graduatoria per tutto l'ente: sì."


def test_a_key_the_sentences_do_not_know_is_printed_after_them(tmp_path):
    base = read(tmp_path, docs_example())
    assert base.premium is not None
    premium = LaterPremium(**{f.name: getattr(base.premium, f.name) for f in attrs.fields(Premium)},
                           bonus=Decimal("250.00"))  # fmt: skip
    said = art.articles(attrs.evolve(base, premium=premium))
    assert said[1].sentences[-1] == "Inoltre: il bonus dei migliori: € 250,00."


def test_the_command_prints_the_file_as_articles(tmp_path, capsys):
    path = tmp_path / "smvp.toml"
    path.write_text(docs_example(), encoding="utf-8")
    assert main(["regolamento", "leggi", str(path)]) == 0
    assert capsys.readouterr().out == EXPECTED
    assert main(["regolamento", "leggi", "--md", str(path)]) == 0
    assert capsys.readouterr().out.startswith(
        "# SMVP del Comune di Prova\n\nTipo di ente: comune.\n\n## 1. I livelli di valutazione (art. 3)\n"
    )


def test_the_command_on_a_wrong_file_says_why(tmp_path, capsys):
    path = tmp_path / "smvp.toml"
    path.write_text(docs_example().replace('metodo = "livelli"', 'metodo = "livello"'), encoding="utf-8")
    assert main(["regolamento", "leggi", str(path)]) == 2
    err = capsys.readouterr().err
    # the place said once, as the office counts its tables, never again in the message by its code
    assert "smvp.toml, riga 15, [premio] metodo: errore: valore «livello» non ammesso (forse «livelli»?)" in err
    assert "premio.metodo" not in err and err.count("riga 15") == 1


def test_the_command_on_a_file_that_is_not_there_says_so(tmp_path, capsys):
    # a mistyped name is the common case: not «a folder, a special file or a link in a loop»
    assert main(["regolamento", "leggi", str(tmp_path / "smpv.toml")]) == 2
    err = capsys.readouterr().err
    assert "il file «smpv.toml» non esiste (controlla il nome e la cartella)" in err
    assert "non è un file normale" not in err


PEOPLE = (
    "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,position_pay\n"
    "SEG,Segretario,segretario,DIR,com,1,0,false,,\n"
    "D1,Dora,dipendente,C,com,1,0,false,SEG,\n"
    "P1,Paola,po,D,com,1,0,false,SEG,9500.00\n"
)
CARDS = "person,evaluator,section,item,max_points,points,weight\nD1,SEG,s,v,100,90,\nP1,SEG,s,v,100,85,\n"


def test_the_relazione_annex_carries_the_same_articles(ciclope_ente, tmp_path):
    data = {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": PEOPLE,
        "evaluations.csv": CARDS,
        "ente.toml": 'name = "Comune di Prova"\n[funds]\nperformance_individuale = "5000.00"\n',
    }
    result = run_declared(ciclope_ente, tmp_path, docs_example(), data)
    annex = [s for s in result.sections if s.title == "Allegato — Il sistema di valutazione dichiarato"]
    assert len(annex) == 1
    assert annex[0].columns == ("Articolo", "Testo")
    blocks = EXPECTED.split("\n\n")[2:]  # after the title and the preamble: «heading\nbody» per article
    assert [f"{h}\n{b}" for h, b in annex[0].rows] == [block.rstrip("\n") for block in blocks]


# Format 2 keys: thresholds on the regulation's own scale, a requirement for the level, a budget and decided amounts
SCALED = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Quattrocento"
tipo_ente = "comune"

[punteggio]
fonte = "art. 5"
su = 400

[livelli]
fonte = "art. 6"
scala = [{ nome = "eccellente", da = 360 }, { nome = "sufficiente", da = 200 }]

[[livelli.requisiti]]
parte = "sezione:Comportamenti"
minimo = 70
fonte = "art. 6 c. 2"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 180
fonte = "art. 7"

[[premi]]
nome = "produttività"
metodo = "budget"
fonte = "art. 9"
quota_fondo = 0.8

[[premi]]
nome = "innovazione"
metodo = "importi"
fonte = "art. 12"
quota_fondo = 0.2

[risultato_po]
metodo = "percentuale"
fonte = "art. 10"
soglia_positiva = 240
percentuali = [{ da = 320, quota = 0.25 }, { da = 240, quota = 0.15 }]
"""


def test_thresholds_are_read_back_on_the_regulation_s_own_scale(tmp_path):
    text = art.render(read(tmp_path, SCALED))
    for sentence in (
        # the reader keeps 360 / 400 as 90 on 0–100: the act says 360, and so does its text
        "Il regolamento scrive i punteggi su 400 punti: le soglie di questo testo sono su 400, il punteggio è "
        "calcolato anche su 100.",
        "«eccellente» da 360 punti; «sufficiente» da 200 punti; sotto 200 punti nessun livello.",
        "Chi non raggiunge almeno il 70% del massimo nella sezione «Comportamenti» della scheda scende di un livello, "
        "qualunque sia il punteggio (art. 6 c. 2).",
        # no parti: every part, and the result pay, named
        "chi ha un punteggio inferiore a 180, nelle parti «produttività», «innovazione» e nella retribuzione di "
        "risultato (art. 7).",
        "il 25% da 320 punti; il 15% da 240 punti.",
        "Sotto 240 punti su 400 la valutazione è negativa",
        "Il premio individuale si paga in 2 parti, nell'ordine: «produttività», «innovazione».",
        "Ogni persona ha un budget individuale: la quota della parte × il suo peso (la quota pagata) / la somma dei "
        "pesi di chi la parte conta, anche se escluso; è pagato × il punteggio / 100; ciò che resta è residuo.",
        "Parte «innovazione» (art. 12). Le va il 20% del fondo dei premi per la performance individuale. Gli importi "
        "sono quelli decisi e scritti nel foglio premi.",
    ):
        assert sentence in text, sentence
    assert "Inoltre" not in text  # every key of the file said in its own sentences


def test_a_budget_whose_savings_go_to_a_part_paid_only_by_them(tmp_path):
    """The Comune di Bagnacavallo's criteria: the budget cut by the score, the savings to the best. The budget part
    said «ciò che resta è residuo» and then that it goes to the next part; the next one «Le va lo 0% del fondo»."""
    text = SCALED.replace('quota_fondo = 0.8', 'quota_fondo = 1\nresiduo_a = "innovazione"').replace(
        'metodo = "importi"\nfonte = "art. 12"\nquota_fondo = 0.2',
        'metodo = "proporzionale"\nfonte = "art. 12"\nquota_fondo = 0',
    )
    said = art.render(read(tmp_path, text))
    for sentence in (
        "anche se escluso; è pagato × il punteggio / 100. A tempo parziale",
        "Ciò che la parte non paga va alla parte «innovazione».",
        "Parte «innovazione» (art. 12). Non ha una quota del fondo dei premi per la performance individuale: le va ciò "
        "che la parte «produttività» non paga.",
    ):
        assert sentence in said, sentence
    assert "ciò che resta è residuo" not in said and "Le va lo 0%" not in said


def test_a_step_under_the_default_positive_threshold_says_the_default(tmp_path):
    """A scale of 60 (Comune di Calcinate: «da 42 a 45 punti il 35%»): the default threshold, 60, is not in the file,
    so the message says where it comes from."""
    text = SCALED.replace("soglia_positiva = 240\n", "").replace("da = 240", "da = 42")
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    problems = [placed(p) for p in load(str(path))[1]]
    assert [m for m in problems if "risultato_po.percentuali" in m] == [
        "riga 39, chiave risultato_po.percentuali: un gradino parte da 42, sotto la soglia positiva 60: scrivi "
        "soglia_positiva (se manca vale 60, anche su una scala propria) non sopra il primo gradino"
    ]


SHARE = """\
formato = 2
[atto]
titolo = "CCI della Camera di Prova"
tipo_ente = "camera_di_commercio"

[premio]
metodo = "proporzionale"
fonte = "art. 3"
tempo_parziale = "proporzionale"
rateo_giorni = true
parametri = { Operatori = 100, Istruttori = 125 }

[[riduzioni]]
misura = "assenze"
fonte = "art. 4"
scaglioni = [{ da = 0, a = 15, riduzione = 0 }, { da = 16, riduzione = 1 }]
"""


def test_the_share_paid_is_said_as_the_regulation_makes_it(tmp_path):
    """A writer's CCI said «la quota pagata (il tempo lavorato)» while its share is also prorated by the days of
    service and cut by the absences: the bracket says every factor of this regulation's share, as explain's note
    does («tempo lavorato × giorni di servizio / giorni dell'anno × (1 − riduzione)»)."""
    [premium] = [a for a in art.articles(read(tmp_path, SHARE)) if a.title == "Il premio individuale"]
    assert (
        "diviso in proporzione al punteggio × la quota pagata (il tempo lavorato × i giorni di servizio / i giorni "
        "dell'anno × (1 − la riduzione per i giorni di assenza)) × il parametro della categoria (Operatori 100; "
        "Istruttori 125)." in premium.body
    )
    # without the days and the reduction the share is the time worked alone, as before
    plain = SHARE.replace("rateo_giorni = true\n", "").split("[[riduzioni]]")[0]
    [premium] = [a for a in art.articles(read(tmp_path, plain)) if a.title == "Il premio individuale"]
    assert "in proporzione al punteggio × la quota pagata (il tempo lavorato) × il parametro" in premium.body


def test_a_place_two_blocks_cite_is_cited_once_in_the_heading(tmp_path):
    # two declared columns: «art. 14 CCNL; art. 15 CCI» and «art. 15 CCI»; the heading cites art. 15 CCI once
    text = (
        'formato = 2\n[atto]\ntitolo = "CCI del Comune"\ntipo_ente = "comune"\n\n'
        '[[colonne]]\nnome = "titoli"\ntipo = "numero"\nsignificato = "i punti dei titoli"\n'
        'fonte = "art. 14 CCNL; art. 15 CCI"\n\n'
        '[[colonne]]\nnome = "esperienza"\ntipo = "numero"\nsignificato = "gli anni di esperienza"\nfonte = "art. 15 CCI"\n'
        '\n[[premi]]\nnome = "produttività"\nmetodo = "proporzionale"\npeso = "=titoli + esperienza"\n'
        'fonte = "art. 16 CCI"\n'
    )
    [columns] = [a for a in art.articles(read(tmp_path, text)) if a.title.startswith("I dati per persona")]
    assert columns.sources == ("art. 14 CCNL", "art. 15 CCI")


BY_CATEGORY = """\
formato = 2
[atto]
titolo = "Criteri"
tipo_ente = "comune"

[punteggio]
fonte = "art. 5"
po = { scheda = 0.6, unita = 0.4 }

[[punteggio.categorie]]
categorie = ["A", "B", "C"]
unita = 0.3
scheda = 0.7

[[punteggio.categorie]]
categorie = ["D"]
unita = 0.4
scheda = 0.6

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
fonte = "art. 9"
"""


def test_the_score_names_the_roles_scored_by_the_card_alone(tmp_path):
    # weights for the PO and, by category, for the staff: the card alone scores the dirigenti and the Segretario,
    # named (never «gli altri», which after the staff's categories would read as their other categories)
    text = regulation_text(tmp_path, BY_CATEGORY)
    assert "Per i dirigenti e il segretario il punteggio è quello della scheda di valutazione, da 0 a 100." in text
    assert "Per gli altri" not in text


def test_a_part_that_pays_no_dipendente_is_not_said_of_the_individual_premium(tmp_path):
    """An interim of the EQ paid as a part beside the staff's premium read «Il premio individuale si paga in 2 parti»:
    the staff's individual premium is the dipendenti's, and a part for EQ alone is none of it."""
    text = PARTS.replace('piena = 90\n', 'piena = 90\nruoli = ["po"]\n')
    (article,) = art.articles(read(tmp_path, text))
    assert article.title == "Le parti del premio"
    # the parts pay different roles: whom each pays is said
    assert article.body.startswith(
        "Il premio si paga in 2 parti, nell'ordine: «presenza», dei dipendenti; «obiettivi», delle PO / EQ."
    )
    (staff,) = art.articles(read(tmp_path, PARTS))  # both parts pay the dipendenti (the default roles)
    assert staff.body.startswith("Il premio individuale si paga in 2 parti")


# Two reductions, each of its own part (as a Ministry's art. 8 writes them): no part is cut twice.
TWO_CUTS = (
    PARTS
    + """
[[riduzioni]]
misura = "assenze"
parti = ["presenza"]
economie = "residuo"
fonte = "art. 10 c. 1"
scaglioni = [{ da = 0, a = 10, riduzione = 0 }, { da = 11, riduzione = 0.1 }]

[[riduzioni]]
misura = "assenze"
parti = ["obiettivi"]
fonte = "art. 10 c. 2"
scaglioni = [{ da = 0, a = 30, riduzione = 0 }, { da = 31, riduzione = 0.3 }]
"""
)


def test_one_reduction_per_part_says_no_product_of_two(tmp_path):
    body = art.render(read(tmp_path, TWO_CUTS))
    assert "Il premio nella parte «presenza» è ridotto secondo i giorni di assenza" in body
    assert "Il premio nella parte «obiettivi» è ridotto secondo i giorni di assenza" in body
    assert "Più riduzioni" not in body and "(1 − seconda)" not in body


def test_the_product_of_two_names_the_part_cut_twice(tmp_path):
    # a third block with no parti reduces both: «presenza» is cut by the 1st and the 3rd, «obiettivi» by the 2nd and
    # the 3rd; every part is cut twice, so the sentence names none
    both = (
        TWO_CUTS
        + '\n[[riduzioni]]\nmisura = "quota_tempo"\nfonte = "art. 10 c. 3"\n'
        + ("scaglioni = [{ da = 0, a = 0.5, riduzione = 0.1 }, { da = 0.5, riduzione = 0 }]\n")
    )
    assert "Più riduzioni si applicano una dopo l'altra: premio × (1 − prima) × (1 − seconda)." in art.render(
        read(tmp_path, both)
    )
    # the third names «obiettivi» only: «obiettivi» alone is cut twice (2nd and 3rd), «presenza» once (1st)
    one = both.replace('misura = "quota_tempo"\n', 'misura = "quota_tempo"\nparti = ["obiettivi"]\n')
    assert (
        "Nella parte «obiettivi» più riduzioni si applicano una dopo l'altra: premio × (1 − prima) × (1 − seconda)."
        in art.render(read(tmp_path, one))
    )


def test_the_product_names_two_parts_cut_twice_joined_by_e(tmp_path):
    # a third part, «progetti», cut by nothing; a block with parti = ["presenza", "obiettivi"] cuts each of the two a
    # second time: «presenza» by the 1st and the 3rd, «obiettivi» by the 2nd and the 3rd, «progetti» never
    three = (
        TWO_CUTS.replace("quota_fondo = 0.6\n", "quota_fondo = 0.5\n")
        + '\n[[premi]]\nnome = "progetti"\nmetodo = "proporzionale"\nfonte = "art. 9 c. 3"\nquota_fondo = 0.1\n'
        + '\n[[riduzioni]]\nmisura = "quota_tempo"\nparti = ["presenza", "obiettivi"]\nfonte = "art. 10 c. 3"\n'
        + "scaglioni = [{ da = 0, a = 0.5, riduzione = 0.1 }, { da = 0.5, riduzione = 0 }]\n"
    )
    assert (
        "Nelle parti «presenza» e «obiettivi» più riduzioni si applicano una dopo l'altra: premio × (1 − prima) × "
        "(1 − seconda)."
    ) in art.render(read(tmp_path, three))


def test_each_part_is_a_paragraph_in_markdown_too(tmp_path):
    text = art.render(read(tmp_path, PARTS), markdown=True)
    # a blank line before each part: in Markdown a single line break would join them in one paragraph
    assert "nell'ordine: «presenza», «obiettivi».\n\nParte «presenza» (art. 9 c. 1)." in text
    assert "va alla parte «obiettivi».\n\nParte «obiettivi» (art. 9 c. 2)." in text


def test_the_annex_says_the_parts_in_one_cell(tmp_path):
    (article,) = art.articles(read(tmp_path, PARTS))
    # a table's cell in the Relazione: no line break, which a Markdown table would end its row at
    assert "\n" not in article.words
    assert "nell'ordine: «presenza», «obiettivi». Parte «presenza» (art. 9 c. 1)." in article.words
