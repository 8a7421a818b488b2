"""The Italian of ``ciclope regolamento leggi``: a preposition joined to the article after it (del, allo, dell'),
the article of a name the office wrote, the allowed words of a declared column said as a sentence; the places
where the formulas of [progressioni] are read; the guide naming the columns by their Italian headers and the
example enti an office tries its file on."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from ciclope.core.vocabulary import HEADERS_IT
from ciclope.plugins.regolamento import rules
from ciclope.plugins.regolamento.format import quantities, schemagen
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.format.wording import contracted, joined, roles, said, the, tie_breaks
from ciclope.plugins.regolamento.read.formulas import parse
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say import articles as art
from ciclope.plugins.regolamento.say.phrases import the_pct

from helpers import ROOT, regulation_problems

DOCS = ROOT / "docs" / "regolamento.md"

HEAD = """\
formato = 2

[atto]
titolo = "Regolamento di prova"
tipo_ente = "comune"
"""
LEVELS = """
[livelli]
fonte = "art. 5"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 0 }]
"""


def read_back(tmp_path: Path, text: str) -> str:
    """The file's articles as ``regolamento leggi`` prints them."""
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    return art.render(regulation)


# --- the preposition joined to the article ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prep", "text", "said"),
    [
        ("di", "il punteggio", "del punteggio"),
        ("di", "lo 0%", "dello 0%"),
        ("di", "la media", "della media"),
        ("di", "l'ente", "dell'ente"),
        ("di", "i dipendenti", "dei dipendenti"),
        ("di", "gli obiettivi", "degli obiettivi"),
        ("di", "le PO / EQ", "delle PO / EQ"),
        ("a", "il 30%", "al 30%"),
        ("a", "lo 0,5%", "allo 0,5%"),
        ("a", "gli obiettivi", "agli obiettivi"),
        ("fino a", "lo 0% del personale", "fino allo 0% del personale"),
        ("fino a", "l'8%", "fino all'8%"),
        ("da", "la media", "dalla media"),
        ("in", "lo scaglione", "nello scaglione"),
        ("su", "i dati", "sui dati"),
        ("tra", "i dipendenti", "tra i dipendenti"),  # «tra» never joins
        ("di", "ogni valutato", "di ogni valutato"),  # no article
        ("di", "isola", "di isola"),  # «i» only as a word of its own
        # only the article after the preposition: a formula's text after it stays as written
        ("di", "il punteggio (formula: =a il)", "del punteggio (formula: =a il)"),
        ("", "il punteggio", "il punteggio"),
    ],
)
def test_a_preposition_is_joined_to_the_article_after_it(prep, text, said):
    assert joined(prep, text) == said


def test_a_sentence_has_every_preposition_joined():
    assert contracted("la media di i punteggi di le unità a lo 0% su la scheda") == (
        "la media dei punteggi delle unità allo 0% sulla scheda"
    )


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        # «è uguale a» + «i punti …» → «ai punti»
        ('punteggio = SEZIONE("R")', "il punteggio è uguale ai punti della sezione «R»"),
        # «è più di» + «la media di il punteggio» → «della media del punteggio»: the comparison's and the function's
        ("punteggio > MEDIA.ENTE(punteggio)", "il punteggio è più della media del punteggio nell'ente"),
        # «è uguale a» + «il valore assoluto di il punteggio» → «al valore assoluto del punteggio»
        ("punteggio = ASS(punteggio)", "il punteggio è uguale al valore assoluto del punteggio"),
        # «è meno di» + «l'importo …» → «dell'importo»
        # … and a fund by its key in words, never the key: «fondo_individuale» is «Fondo individuale»
        ('punteggio < FONDO("fondo_individuale")', "il punteggio è meno dell'importo del Fondo individuale"),
        # «è almeno» has no preposition: the article stays
        ('punteggio >= PREMIO("P")', "il punteggio è almeno il premio della parte «P»"),
        # «la media di» + «il punteggio», «il minore tra» never joins
        ("MEDIA(punteggio; 1)", "la media del punteggio e 1"),
        ("MIN(punteggio; 1)", "il minore tra il punteggio e 1"),
    ],
)
def test_a_formula_in_words_joins_each_preposition_to_its_article(formula, words):
    # said, not contracted(said(…)): a caller that puts the words in a sentence of its own (the tie-break of a rank,
    # its figure's lines) has them already joined
    assert said(parse(formula)) == words


def test_a_tie_break_that_compares_joins_its_preposition():
    # RANGO's further argument as the rank's figure says who prevails: «è uguale a» + «i punti» → «ai punti»
    rank = parse('RANGO.ENTE(punteggio; SE(punteggio = SEZIONE("R"); 1; 0))')
    assert (
        tie_breaks(rank) == "se il punteggio è uguale ai punti della sezione «R», allora 1, altrimenti 0, dal più alto"
    )


def test_a_percentage_takes_its_article_and_the_preposition():
    assert the_pct(Decimal("0.005"), "fino a") == "fino allo 0,5%"
    assert the_pct(Decimal("0.08"), "fino a") == "fino all'8%"
    assert the_pct(Decimal("0.3"), "fino a") == "fino al 30%"
    assert the_pct(Decimal("0.11"), "di") == "dell'11%"
    assert the_pct(Decimal("0.25")) == "il 25%"
    assert roles(["dipendente", "po"], "di") == "dei dipendenti e delle PO / EQ"
    assert roles(["segretario"], "a") == "al segretario"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("CCNL Federcasa", "il CCNL Federcasa"),
        ("ACN medicina generale", "l'ACN medicina generale"),
        ("ordinamento del personale dell'AGCM", "l'ordinamento del personale dell'AGCM"),
        ("contratti collettivi della Provincia", "i contratti collettivi della Provincia"),
        ("accordi aziendali", "gli accordi aziendali"),
        ("statuto del personale", "lo statuto del personale"),
        ("contratto integrativo", "il contratto integrativo"),
        ("disciplina delle qualifiche", "la disciplina delle qualifiche"),
        ("intesa regionale", "l'intesa regionale"),
        ("convenzione del 2019", "la convenzione del 2019"),
        ("legge provinciale", "la legge provinciale"),
        ("norme interne", "le norme interne"),
        ("disposizioni del direttore", "le disposizioni del direttore"),
        ("regolamento del personale", "il regolamento del personale"),
        ("sistema delle qualifiche", "il sistema delle qualifiche"),
        ("il CCNL Sanità", "il CCNL Sanità"),  # written with its article: as written
        ("l'accordo del 2016", "l'accordo del 2016"),
    ],
)
def test_a_name_the_office_wrote_takes_its_article(name, said):
    assert the(name) == said


# --- the sentences of leggi ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "sentence"),
    [
        (
            "quota = 0.005",
            "Per le progressioni economiche è candidato, tra i dipendenti, ogni valutato; i candidati sono selezionati "
            "in ordine di punteggio, dal più alto, fino allo 0,5% del personale in servizio (per difetto); i pari "
            "merito al limite sono esclusi.",
        ),
        (
            "quota = 0.3",
            "Per le progressioni economiche è candidato, tra i dipendenti, ogni valutato; i candidati sono selezionati "
            "in ordine di punteggio, dal più alto, fino al 30% del personale in servizio (per difetto); i pari merito "
            "al limite sono esclusi.",
        ),
        (
            "quota = 0.08\ngraduatoria = '=punteggio'",
            "Per le progressioni economiche è candidato, tra i dipendenti, ogni valutato; i candidati sono selezionati "
            "in ordine del punteggio (formula: =punteggio), dal più alto, fino all'8% del personale in servizio (per "
            "difetto); i pari merito al limite sono esclusi.",
        ),
        (
            "posti = 3\ncandidati = '=livello = \"A\"'\nruoli = [\"dipendente\", \"po\"]",
            "Per le progressioni economiche è candidato, tra i dipendenti e tra le PO / EQ, chi ha questi requisiti: il "
            "livello è uguale a «A» (formula: =livello = \"A\"); i candidati sono selezionati in ordine di punteggio, dal più "
            "alto, fino a 3 posti; i pari merito al limite sono esclusi.",
        ),
    ],
)
def test_the_progressions_are_said_with_the_prepositions_joined(tmp_path, keys, sentence):
    text = read_back(tmp_path, HEAD + LEVELS + f'\n[progressioni]\nfonte = "art. 20"\n{keys}\n')
    assert f"2. Le progressioni economiche (art. 20)\n{sentence}\n" in text


@pytest.mark.parametrize(
    ("contract", "said"),
    [
        ("ordinamento del personale dell'Autorità (qualifiche)", "dell'ordinamento del personale dell'Autorità "
         "(qualifiche)"),
        ("contratti collettivi della Provincia autonoma", "dei contratti collettivi della Provincia autonoma"),
        ("statuto del personale", "dello statuto del personale"),
        ("disciplina delle qualifiche", "della disciplina delle qualifiche"),
    ],
)  # fmt: skip
def test_the_grades_name_their_contract_with_the_preposition_joined(tmp_path, contract, said):
    text = read_back(
        tmp_path,
        HEAD + f'\n[gradi]\nnomi = ["Dirigente", "Funzionario"]\ncontratto = "{contract}"\nfonte = "art. 3"\n',
    )
    # no table of the file is by grade: none is said to name them
    assert (
        f"1. I gradi del contratto (art. 3)\nI gradi {said}: Dirigente, Funzionario; la colonna grado "
        "dell'elenco del personale dice quello di ciascuno.\n"
    ) in text


def test_the_grades_are_said_named_by_the_tables_by_grade_where_there_are_some(tmp_path):
    text = read_back(
        tmp_path,
        HEAD
        + '\n[gradi]\nnomi = ["Dirigente", "Funzionario"]\nfonte = "art. 3"\n'
        + '\n[premio]\nmetodo = "proporzionale"\nparametri = { Dirigente = 150, Funzionario = 100 }\nfonte = "art. 4"\n',
    )
    assert (
        "I gradi del contratto dell'ente: Dirigente, Funzionario; la colonna grado dell'elenco del personale dice "
        "quello di ciascuno, e le tabelle per grado del regolamento li nominano.\n"
    ) in text


def test_the_allowed_words_of_a_column_are_a_sentence_of_its_article(tmp_path):
    text = read_back(
        tmp_path,
        HEAD
        + """
[[colonne]]
nome = "dirige"
tipo = "testo"
valori = ["sì", "no"]
significato = "se la persona dirige una struttura"
fonte = "art. 2"

[[colonne]]
nome = "giudizio"
tipo = "testo"
valori = ["negativo", "positivo", "pienamente positivo"]
significato = "il giudizio del direttore"
fonte = "art. 2"
nota = "dalla scheda del direttore"
""",
    )
    assert (
        "1. I dati per persona dichiarati (art. 2)\n"
        "La colonna dirige dell'elenco del personale dice, per ciascuno, se la persona dirige una struttura "
        "(un testo); le formule la leggono con il nome dirige. Valori ammessi: «sì», «no». La colonna giudizio "
        "dell'elenco del personale dice, per ciascuno, il giudizio del direttore (un testo); le formule la leggono con "
        "il nome giudizio. Valori ammessi: «negativo», «positivo», «pienamente positivo». Nota: dalla scheda del "
        "direttore.\n"
    ) in text
    assert "Inoltre" not in text  # no key said from the format's description


def test_the_maximum_per_person_is_said_once_with_the_preposition_joined(tmp_path):
    text = read_back(
        tmp_path,
        HEAD
        + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"
massimo_persona = '=fondo * 30%'
""",
    )
    assert (
        " Nessuno riceve più del fondo della parte × 30% (formula: =fondo * 30%) (per difetto al centesimo); ciò che "
        "supera resta residuo.\n"
    ) in text
    assert "Inoltre" not in text  # the key said in its sentence, not again from the format's description


# --- where the formulas of [progressioni] are read ---------------------------------------------------------------


def test_the_progressions_read_the_person_not_a_part(tmp_path):
    def problems(keys: str) -> list[str]:
        return regulation_problems(
            tmp_path, HEAD + LEVELS + f'\n[progressioni]\nfonte = "art. 20"\nposti = 2\n{keys}\n'
        )

    assert (
        problems(
            "candidati = '=E(livello = \"A\"; punteggio >= 80)'\ngraduatoria = '=SE(livello = \"A\"; 1000; 0) + punteggio'"
        )
        == []
    )
    # no part is paid there: its fund and an earlier part's premium are refused, never read as nothing
    assert problems("candidati = '=fondo > 0'") == [
        "riga 14, chiave progressioni.candidati: formula «=fondo > 0»: «fondo» non si usa in chi è candidato alle "
        "progressioni"
    ]
    assert problems("graduatoria = '=PREMIO(\"produttività\")'") == [
        "riga 14, chiave progressioni.graduatoria: formula «=PREMIO(\"produttività\")»: PREMIO non si usa nel numero "
        "che ordina i candidati alle progressioni"
    ]


def test_the_guide_says_where_each_name_is_read_with_the_key_of_the_file():
    reference = schemagen.formula_reference()
    assert (
        "| `livello` | il livello | un livello | `ammesso`, `peso`, `importo`, `massimo_persona`, `risultato`, "
        "`controllo`, `controllo_ente`, `candidati`, `graduatoria`, `costo`, `quota_fondo` |"
    ) in reference
    assert (
        "| `fondo` | il fondo della parte (in [risultato_po]: il fondo della retribuzione di risultato) | euro | "
        "`ammesso`, `peso`, `importo`, `massimo_persona`, `risultato` |"
    ) in reference
    for row in (
        "| `soglia`: la soglia del livello | `da` di `[livelli]` | punti |",
        "| `stato`: chi ha lo stato | `quando` di `[[stati]]` | un vero/falso |",
        # a place reached by another key's choice: the condition of a check made once for the ente
        "| `controllo_ente`: la condizione di un controllo sull'ente | `condizione` di `[[controlli]]` con "
        '`per = "ente"` | un vero/falso |',
        "| `candidati`: chi è candidato alle progressioni | `candidati` di `[progressioni]` | un vero/falso |",
        "| `graduatoria`: il numero che ordina i candidati alle progressioni | `graduatoria` di `[progressioni]`, "
        "`a_parita` di `[progressioni]` | un numero |",
        "| `costo`: il costo della progressione di ciascun candidato | `costo` di `[progressioni]` | euro |",
    ):
        assert row in reference, row
    # every key of the format written as a formula is in the table, in the place the reader checks it for
    keys = {
        (f.metadata["formula"], f.metadata["toml"])
        for cls in _tables(Regulation)
        for f in attrs.fields(cls)
        if f.metadata.get("formula")
    }
    for place, key in keys:
        assert place in quantities.PLACES or place == "definizione"  # [[definizioni]]: quantities.DEFINITION
        assert f"`{key}` di `[" in reference.split(f"| `{place}`: ", 1)[1].split("\n", 1)[0], (place, key)


def _tables(cls: type) -> list[type]:
    found = [cls]
    for f in attrs.fields(cls):
        if f.metadata.get("table") is not None and f.metadata["table"] not in found:
            found += [t for t in _tables(f.metadata["table"]) if t not in found]
    return found


# --- the guide -------------------------------------------------------------------------------------------------


def test_the_guide_names_the_columns_by_their_italian_headers():
    """The office writes persone.csv (and premi.csv, incarichi.csv) with the Italian headers the template gives:
    the guide never names a column by the code ciclope reads it as (``position_pay``, ``absence_days``)."""
    docs = DOCS.read_text(encoding="utf-8")
    codes = dict(HEADERS_IT["people"])
    for table in rules.own_schema().headers.values():
        codes.update(table)
    # ``fte``, the formulas' and keys' word of before for the time worked (still read as quota_tempo), is named where
    # the guide says so
    own = set(quantities.PERSON_NAMES) | {"fte"}
    said = sorted(
        code for code, italian in codes.items() if code != italian and code not in own and f"`{code}`" in docs
    )
    assert said == []
    for italian in ("retribuzione_posizione", "giorni_assenza", "insufficiente"):
        assert f"`{italian}`" in docs


def test_the_guide_says_how_to_try_a_file_on_an_example_ente():
    docs = DOCS.read_text(encoding="utf-8")
    demo = Path(rules.__file__).parent / "demo"
    enti = sorted(p.name for p in demo.iterdir() if p.is_dir() and not p.name.startswith("__"))
    assert enti == ["comune-fondo", "comune-livelli", "comune-parti", "comune-soglie"]
    section = docs.split("**Provare il file su un ente di esempio.**", 1)[1].split("\n## ", 1)[0]
    for ente in enti:
        assert f"`{ente}`" in section, ente
    assert "`ciclope template regolamento CARTELLA`" in section and "`ciclope demo`" in section
    # the file is checked by validate on cycle.toml: «regolamento» has the one command «leggi»
    assert "`ciclope validate cycle.toml`" in docs
    assert "`ciclope regolamento` ha un solo comando, `leggi`" in docs


@pytest.mark.parametrize(
    "kind, said",
    [("universita", "università"), ("azienda_sanitaria", "azienda sanitaria"), ("regione", "regione")],
)
def test_the_kind_of_ente_beyond_local_government(tmp_path, kind, said):
    """A university, a health authority, a Regione: each said as what it is, no longer «altro»."""
    text = read_back(tmp_path, HEAD.replace('tipo_ente = "comune"', f'tipo_ente = "{kind}"'))
    assert f"Tipo di ente: {said}." in text


def test_who_takes_part_narrows_everyone_in_service(tmp_path):
    """A part without evaluation is «divisa tra chi, nel personale in servizio, vi partecipa», not «tutto» (nor the
    staff in service as a whole) when its condition follows with «solo»; without a condition it is «tutto il
    personale»."""
    text = HEAD + (
        '\n[[premi]]\nnome = "presenza"\nmetodo = "proporzionale"\nvalutazione = false\n'
        'ammesso = "=assenze <= 10 giorni"\nfonte = "art. 3"\n'
    )
    said = read_back(tmp_path, text)
    # one part: named once, with its source, not «in una parte, «presenza». Parte «presenza» (art. 3).»; paid without
    # an individual evaluation, it is «il premio», not «il premio individuale»
    assert "1. Le parti del premio (art. 3)\n" in said
    assert "Il premio si paga in una sola parte, «presenza» (art. 3). Le va tutto il fondo" in said
    assert "è divisa tra chi, nel personale in servizio (i dipendenti), vi partecipa, valutato o no" in said
    assert "tutto il personale" not in said
    assert (
        "Partecipa alla parte solo la persona per cui i giorni di assenza sono al più 10 giorni (formula: "
        "=assenze <= 10 giorni)."
    ) in said


def test_one_act_of_access_in_the_singular_and_no_position_pay_said_without_positions(tmp_path):
    text = HEAD + '\n[accesso]\nfonte = "art. 39"\natti = ["relazione_validata_oiv"]\n'
    said = read_back(tmp_path, text)
    assert (
        "Nessun premio è calcolato senza l'atto «Relazione validata dall'OIV», datato dopo la fine dell'anno valutato: "
        "senza, i fondi dei premi restano interamente residui."
    ) in said


def test_all_of_a_fund_agrees_with_its_name():
    """«Le va tutto le Risorse destinabili…»: «tutto» now agrees with the article of the fund's name."""
    from ciclope.plugins.regolamento.format.wording import all_of

    assert all_of("le Risorse destinabili a produttività") == "tutte le Risorse destinabili a produttività"
    assert all_of("il fondo") == "tutto il fondo"
    assert all_of("la quota variabile") == "tutta la quota variabile"
    assert all_of("i premi") == "tutti i premi"
    assert all_of("«Guardie»") == "tutto «Guardie»"


@pytest.mark.parametrize(
    ("label", "fund"),
    [
        # a label that is not the word «fondo» is the fund's name, said as one: never a noun of the sentence
        # («Le vanno tutti i Premi correlati…», «Le Risorse … è diviso»)
        ("Risorse destinabili a produttività", "il fondo «Risorse destinabili a produttività»"),
        ("Premi correlati alla performance individuale", "il fondo «Premi correlati alla performance individuale»"),
        # a label that says the fund already takes its article
        ("Fondo per la produttività", "il Fondo per la produttività"),
        ("il fondo del salario accessorio", "il fondo del salario accessorio"),
    ],
)
def test_a_part_with_all_of_a_fund_says_its_label_as_the_fund_s_name(tmp_path, label, fund):
    text = HEAD + (
        f'\n[etichette]\nperformance_individuale = "{label}"\n'
        '\n[[premi]]\nnome = "presenza"\nmetodo = "proporzionale"\nfonte = "art. 3"\n'
    )
    said = read_back(tmp_path, text)
    assert f"Le va tutto {fund}." in said
    # the fund's label by itself, under a heading that is not only of levels: its key of ente.toml's [fondi]
    # (performance_individuale) never reaches a page
    assert f". Le etichette\nNei documenti il fondo si chiama «{label}»." in said
    assert "performance_individuale" not in said


def test_a_choice_inside_a_sum_has_its_end_marked():
    """«a più se …, allora 1, altrimenti 0 più b» would not say where the choice ends: each one in the sum is in
    brackets, as a count of the objectives reached is written (Ecocerved, catalogue §24)."""
    from ciclope.plugins.regolamento.format.quantities import PLACES
    from ciclope.plugins.regolamento.format.wording import sentence
    from ciclope.plugins.regolamento.read.formulas import Scope, read

    formula = read("=SE(unita >= 100%; 1; 0) + SE(ente >= 100%; 1; 0) + fte", Scope(PLACES["peso"]))
    assert sentence(formula) == (
        "(se il raggiungimento degli obiettivi dell'unità è almeno 100%, allora 1, altrimenti 0) più "
        "(se la performance dell'ente è almeno 100%, allora 1, altrimenti 0) più il tempo lavorato (la quota del tempo pieno)"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("=MESI(16 giorni) < 9", "i mesi di servizio nell'anno (un mese conta da 16 giorni di servizio) sono meno di 9"),
        ('=SEZIONE("Risultati") >= 60', "i punti della sezione «Risultati» sono almeno 60"),
        ("=MIN(assenze; 30 giorni) > 10 giorni", "il minore tra i giorni di assenza e 30 giorni è più di 10 giorni"),
        ("=CONTA.ENTE(punteggio > 90) >= 3", "il numero delle persone nell'ente per cui il punteggio è più di 90 è almeno 3"),
    ],
)  # fmt: skip
def test_a_comparison_agrees_with_a_plural_subject_said_by_a_function(written, said):
    """«i mesi di servizio … è meno di 9» (a writer's exclusion): the verb agrees with the words the function says."""
    from ciclope.plugins.regolamento.format.quantities import PLACES
    from ciclope.plugins.regolamento.format.wording import sentence
    from ciclope.plugins.regolamento.read.formulas import Scope, read

    assert sentence(read(written, Scope(PLACES["ammesso"]))) == said


@pytest.mark.parametrize(
    ("ammesso", "subject"),
    [
        # a definition whose words are plural, as a column's are
        ("=giorni_utili <= 30 giorni", "i giorni di presenza meno quelli di assenza"),
        # a difference whose first term is plural: the days less the days
        ("=assenze - 2 giorni <= 30 giorni", "i giorni di assenza meno 2 giorni"),
    ],
)
def test_a_plural_subject_takes_a_plural_verb(tmp_path, ammesso, subject):
    text = HEAD + (
        '\n[[colonne]]\nnome = "presenze"\ntipo = "giorni"\nsignificato = "i giorni di presenza"\nfonte = "art. 2"\n'
        '\n[[definizioni]]\nnome = "giorni_utili"\ndescrizione = "i giorni di presenza meno quelli di assenza"\n'
        'formula = "=presenze - assenze"\nfonte = "art. 2"\n'
        '\n[[premi]]\nnome = "presenza"\nmetodo = "proporzionale"\nvalutazione = false\n'
        f'ammesso = "{ammesso}"\nfonte = "art. 3"\n'
    )
    said = read_back(tmp_path, text)
    assert f"solo la persona per cui {subject} sono al più 30 giorni" in said
    assert " è al più 30 giorni" not in said


def _column(words: str) -> quantities.Quantity:
    from ciclope.plugins.regolamento.format.expr import TEXT

    return quantities.Quantity(TEXT, words)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # a name whose meaning says what an empty cell is: the sanction's column is empty for who has none
        ('=sanzione = ""', "la persona non ha sanzioni disciplinari"),
        ('=sanzione <> ""', "la persona ha una sanzione disciplinare"),
        ('="" = sanzione', "la persona non ha sanzioni disciplinari"),
        # any other text: «indicato», agreeing with the article of its words
        ('=valutatore = ""', "il valutatore non è indicato"),
        ('=valutatore <> ""', "il valutatore è indicato"),
        ('=qualifica = ""', "la qualifica posseduta non è indicata"),
        ('=note <> ""', "le note del dirigente sono indicate"),
        ('=incarichi = ""', "gli incarichi extra non sono indicati"),
        ('=attestazione = ""', "l'attestazione del corso non è indicata"),
        ('=incarico <> ""', "l'incarico esterno è indicato"),
        # words that are no noun: the column by its name
        ('=dirige = ""', "la colonna dirige è vuota"),
        ('=dirige <> ""', "la colonna dirige non è vuota"),
        # a text that is not empty is compared as before
        ('=ruolo = "dipendente"', "il ruolo è uguale a «dipendente»"),
    ],
)
def test_a_comparison_with_the_empty_text_says_the_text_is_missing(written, said):
    """«la sanzione disciplinare non è uguale a «»» (a writer's progressioni): a text compared with the empty one
    is said as missing or given, never as equal to nothing."""
    from ciclope.plugins.regolamento.format.quantities import PLACES
    from ciclope.plugins.regolamento.format.wording import sentence
    from ciclope.plugins.regolamento.read.formulas import Scope, read

    columns = {
        "qualifica": _column("la qualifica posseduta"),
        "note": _column("le note del dirigente"),
        "incarichi": _column("gli incarichi extra"),
        "attestazione": _column("l'attestazione del corso"),
        "incarico": _column("l'incarico esterno"),
        "dirige": _column("se la persona dirige una struttura"),
    }
    assert sentence(read(written, Scope(PLACES["ammesso"], columns=columns))) == said


def test_a_condition_on_the_empty_text_denied_says_the_opposite():
    from ciclope.plugins.regolamento.format.quantities import PLACES
    from ciclope.plugins.regolamento.format.wording import denied
    from ciclope.plugins.regolamento.read.formulas import Scope, read

    assert denied(read('=sanzione = ""', Scope(PLACES["ammesso"]))) == "la persona ha una sanzione disciplinare"
    assert denied(read('=valutatore <> ""', Scope(PLACES["ammesso"]))) == "il valutatore non è indicato"


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        # a sum over the graduatoria of a condition: of whom it holds, never «la somma di se …, altrimenti 0»
        (
            "SOMMA.GRUPPO(SE(punteggio >= 60; punteggio; 0))",
            "la somma, nella graduatoria, del punteggio delle persone per cui il punteggio è almeno 60",
        ),
        # a sum of 1 where a condition holds is a count, said as CONTA.ENTE says it
        ("SOMMA.ENTE(SE(punteggio >= 60; 1; 0))", "il numero delle persone nell'ente per cui il punteggio è almeno 60"),
        # anything else where the condition fails is no condition on whom is summed: the choice is said as it is
        (
            "SOMMA.GRUPPO(SE(punteggio >= 60; punteggio; 5))",
            "la somma di se il punteggio è almeno 60, allora il punteggio, altrimenti 5 nella graduatoria",
        ),
    ],
)
def test_a_sum_of_a_condition_in_words(formula, words):
    assert contracted(said(parse(formula))) == words
