"""The declared regulation's format: every error in Italian with file, key and line, all at once; the shipped
JSON Schema equals the generated one and accepts the example regulations."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from ciclope.core.inputs.config import load_config
from ciclope.core.problems import CiclopeError
from ciclope.plugins.regolamento.format import schemagen
from ciclope.plugins.regolamento.read.lines import key_lines
from ciclope.plugins.regolamento.read.load import load

from helpers import ROOT, regulation_problems

DEMO = Path(schemagen.__file__).parent / "demo"

GOOD = """\
formato = 1

[atto]
titolo = "SMVP del Comune di Prova"
tipo_ente = "comune"

[livelli]
fonte = "art. 7"
scala = [
  { nome = "alto", da = 80 },
  { nome = "medio", da = 60 },
  { nome = "basso", da = 0 },
]

[premio]
metodo = "livelli"
fonte = "art. 9"
coefficienti = { alto = 1, medio = 0.5, basso = 0 }
"""


def test_a_good_file_reads(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(GOOD, encoding="utf-8")
    regulation, problems = load(str(path))
    assert problems == ()
    assert regulation is not None and regulation.premium is not None
    assert regulation.premium.coefficients == {"alto": Decimal(1), "medio": Decimal("0.5"), "basso": Decimal(0)}
    assert [s.min for s in regulation.levels.ladder] == [80, 60, 0]


def test_unknown_key_names_its_line_and_the_nearest_key(tmp_path):
    text = GOOD.replace('metodo = "livelli"', 'metodo = "livelli"\nresiduoo = "resta"')
    [message] = regulation_problems(tmp_path, text)
    # the near key alone: the table's fifteen keys after it would hide the one that matters
    assert message == "riga 17, chiave premio.residuoo: chiave sconosciuta (forse «residuo»?)"


def test_an_unknown_key_near_no_other_lists_the_keys_its_table_allows(tmp_path):
    text = GOOD.replace('metodo = "livelli"', 'metodo = "livelli"\nzzz = "resta"')
    [message] = regulation_problems(tmp_path, text)
    assert message.startswith("riga 17, chiave premio.zzz: chiave sconosciuta; ammesse: fonte, ")
    assert "(forse" not in message


def test_a_title_with_a_semicolon_is_an_error(tmp_path):
    # «;» separates the acts a source cites: «…(dirigenti: art. 4; personale: …)» would be cut in every citation
    text = GOOD.replace('titolo = "SMVP del Comune di Prova"', 'titolo = "SMVP (dirigenti: art. 4; personale: art. 5)"')
    assert text != GOOD
    assert regulation_problems(tmp_path, text) == [
        "riga 4, chiave atto.titolo: il titolo dell'atto non può contenere «;», che nelle fonti separa un atto "
        "dall'altro (ogni cifra citerebbe il titolo spezzato): scrivi una virgola o un trattino"
    ]


def test_wrong_type(tmp_path):
    [message] = regulation_problems(tmp_path, GOOD.replace('tipo_ente = "comune"', "tipo_ente = 3"))
    assert message == (
        "riga 5, chiave atto.tipo_ente: atteso uno dei valori ammessi tra virgolette (comune, unione, comunita_montana, "
        "provincia, citta_metropolitana, istituzione_comunale, regione, camera_di_commercio, ministero, universita, "
        "istituzione_afam, "
        "azienda_sanitaria, "
        "autorita, agenzia, ente_di_ricerca, azienda_servizi_persona, ipab, ente_parco, ordine_professionale, consorzio, "
        "ente_pubblico, fondazione, societa, altro), trovato «3»"
    )


def test_a_decimal_comma_in_quotes_says_how_toml_writes_a_number(tmp_path):
    """«3,5» is a number in the data files and in formulas; a key of the file takes 3.5."""
    [message] = regulation_problems(tmp_path, GOOD.replace('nome = "medio", da = 60', 'nome = "medio", da = "60,5"'))
    assert message == (
        "riga 11, chiave livelli.scala[2].da: atteso un numero, trovato il testo «60,5»: nel file del regolamento un numero si "
        "scrive col punto decimale e senza virgolette (60.5)"
    )


def test_a_number_with_its_unit_in_quotes_says_to_write_the_number(tmp_path):
    """«da 60 punti» as the text says it: the key already counts points, the word goes."""
    [message] = regulation_problems(
        tmp_path, GOOD.replace('nome = "medio", da = 60', 'nome = "medio", da = "60 punti"')
    )
    assert message == (
        "riga 11, chiave livelli.scala[2].da: atteso un numero, trovato il testo «60 punti»: scrivi il numero senza "
        "virgolette e senza «punti» (da = 60)"
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [('"sì"', "true (sì)"), ('"si"', "true (sì)"), ('"SI"', "true (sì)"), ('"no"', "false (no)"),
     ('"vero"', "true (sì)"), ('"false"', "false (no)")],
)  # fmt: skip
def test_a_yes_or_no_in_quotes_says_to_write_true_or_false(tmp_path, written, meant):
    """A yes-no key takes TOML's true or false: the word the text uses, in quotes, is told which one it is, and the
    value is shown as the office wrote the word, never with the quotes of a program inside «»."""
    text = GOOD.replace(
        'metodo = "livelli"', f'metodo = "livelli"\nrateo_giorni = {written}'
    )  # line 17: after metodo (16)
    [message] = regulation_problems(tmp_path, text)
    word = written.strip('"')
    assert message == (
        f"riga 17, chiave premio.rateo_giorni: atteso true o false, trovato il testo «{word}»: scrivi "
        f"rateo_giorni = {meant} senza virgolette"
    )


def test_a_choice_out_of_the_list_suggests_the_nearest(tmp_path):
    [message] = regulation_problems(tmp_path, GOOD.replace('metodo = "livelli"', 'metodo = "livello"'))
    assert message.startswith(
        "riga 16, chiave premio.metodo: valore «livello» non ammesso (forse «livelli»?); ammessi:"
    )


def test_unordered_thresholds(tmp_path):
    [message] = regulation_problems(tmp_path, GOOD.replace('nome = "medio", da = 60', 'nome = "medio", da = 90'))
    # the second step (index 1) of the ladder, on its own line 11
    assert message == (
        "riga 11, chiave livelli.scala[2].da: la soglia 90 è più alta di quella del gradino prima (80): "
        "scrivi i gradini dal più alto al più basso"
    )


def test_overlapping_thresholds(tmp_path):
    [message] = regulation_problems(tmp_path, GOOD.replace('nome = "medio", da = 60', 'nome = "medio", da = 80'))
    assert message == (
        "riga 11, chiave livelli.scala[2].da: la soglia 80 coincide con quella del gradino prima: i gradini si sovrappongono"
    )


def test_band_shares_not_summing_to_one(tmp_path):
    text = GOOD.replace(
        'metodo = "livelli"\nfonte = "art. 9"\ncoefficienti = { alto = 1, medio = 0.5, basso = 0 }',
        'metodo = "fasce"\nfonte = "art. 9"\nfasce = [\n  { nome = "a", personale = 0.2, risorse = 0.5 },\n'
        '  { nome = "b", personale = 0.7, risorse = 0.5 },\n]',
    )
    # 0.2 + 0.7 = 0.9 of the staff; resources 0.5 + 0.5 = 1 are right
    assert regulation_problems(tmp_path, text) == [
        "riga 18, chiave premio.fasce: le quote di personale sommano al 90%, non al 100%"
    ]


def test_score_weights_not_summing_to_one(tmp_path):
    text = GOOD + '\n[punteggio]\nfonte = "art. 5"\npo = { scheda = 0.6, unita = 0.3 }\n'
    # 0.6 + 0.3 + 0 + 0 = 0.9
    assert regulation_problems(tmp_path, text) == [
        "riga 22, chiave punteggio.po: i pesi (scheda, unita, ente, cruscotto) sommano al 90%, non al 100%"
    ]


def test_a_cruscotto_weighed_for_a_role_that_has_none(tmp_path):
    # the personal cruscotto is computed for dirigenti and the Segretario only: a PO's weight on it would read a value
    # nobody has; the hint names the weights that read what a PO has (obiettivi, unita)
    text = GOOD + '\n[punteggio]\nfonte = "art. 5"\npo = { scheda = 0.6, cruscotto = 0.4 }\n'
    assert regulation_problems(tmp_path, text) == [
        "riga 22, chiave punteggio.po.cruscotto: il cruscotto personale si calcola per i dirigenti e il segretario, "
        "non per il ruolo «po»: per le voci dei cruscotti intestate alla persona scrivi il peso in obiettivi (formato "
        "2), per i risultati della sua unità in unita"
    ]
    assert regulation_problems(tmp_path, text.replace("po = {", "dirigente = {")) == []


def test_missing_fonte(tmp_path):
    [message] = regulation_problems(tmp_path, GOOD.replace('fonte = "art. 9"\n', ""))
    # a missing key is placed at its table's header: [premio] on line 15
    assert message == 'riga 15, chiave premio.fonte: manca la fonte (fonte = "art. …")'


def test_a_level_without_its_coefficient_is_an_error(tmp_path):
    """A level left out of the coefficients paid nothing to whoever was placed there, without a word."""
    text = GOOD.replace("coefficienti = { alto = 1, medio = 0.5, basso = 0 }", "coefficienti = { alto = 1, basso = 0 }")
    assert regulation_problems(tmp_path, text) == [
        "riga 18, chiave premio.coefficienti: manca il coefficiente del livello «medio»: chi vi è collocato non "
        "riceverebbe questa parte senza che il regolamento lo dica; un livello che non dà premio si scrive con 0 "
        '(per esempio "medio" = 0)'
    ]


def test_a_level_of_a_role_the_part_does_not_pay_needs_no_coefficient(tmp_path):
    """The dirigenti's own scale: a part for the dipendenti names only the common scale's levels."""
    text = GOOD.replace(
        '  { nome = "basso", da = 0 },\n]',
        '  { nome = "basso", da = 0 },\n]\ndirigente = [\n'
        '  { nome = "eccellente", da = 90 },\n  { nome = "adeguato", da = 0 },\n]',
    )
    assert regulation_problems(tmp_path, text) == []


def test_an_unknown_level_lists_the_levels_between_quotes_from_the_highest(tmp_path):
    text = GOOD.replace("medio = 0.5", '"medio, buono" = 0.5').replace('nome = "medio"', 'nome = "medio, buono"')
    text = text.replace("alto = 1,", "altissimo = 1, alto = 1,")
    [message] = regulation_problems(tmp_path, text)
    # «altissimo» is about as near to «alto» (difflib 0.62) as to «basso» (0.57): a level of its own, not a typo of
    # one, so no «forse» — the levels are listed
    assert message.endswith("livello sconosciuto; livelli: «alto», «medio, buono», «basso»")


def test_a_level_as_near_to_two_levels_is_not_guessed(tmp_path):
    """«livello 4» is as near to «livello 1» as to «livello 2» or «livello 3»: naming one would be a guess, so the
    message lists the levels and suggests none; a spelling nearer to one than to the others is still suggested."""
    text = GOOD.replace('nome = "alto"', 'nome = "livello 3"').replace('nome = "medio"', 'nome = "livello 2"')
    text = text.replace('nome = "basso"', 'nome = "livello 1"')
    text = text.replace("alto = 1,", '"livello 4" = 1, "livello 3" = 1,').replace("medio = 0.5", '"livello 2" = 0.5')
    text = text.replace("basso = 0", '"livello 1" = 0')
    [message] = regulation_problems(tmp_path, text)
    assert message.endswith("livello sconosciuto; livelli: «livello 3», «livello 2», «livello 1»")
    [message] = regulation_problems(tmp_path, text.replace('"livello 4" = 1', '"livelo 3" = 1'))
    assert message.endswith("livello sconosciuto (forse «livello 3»?); livelli: «livello 3», «livello 2», «livello 1»")


def test_a_mistyped_level_is_one_error_not_also_a_missing_coefficient(tmp_path):
    """«atlo» for «alto»: the key is unknown and «alto» has no coefficient, one mistake said once, with the level it
    may be; a level nobody mistyped still misses its coefficient."""
    [message] = regulation_problems(tmp_path, GOOD.replace("alto = 1,", "atlo = 1,"))
    assert message.endswith("livello sconosciuto (forse «alto»?); livelli: «alto», «medio», «basso»")
    got = regulation_problems(tmp_path, GOOD.replace("alto = 1,", "atlo = 1,").replace("medio = 0.5,", ""))
    assert len(got) == 2 and "manca il coefficiente del livello «medio»" in got[1], got


def test_a_mistyped_level_is_the_one_level_left_without_a_coefficient(tmp_path):
    """S's «fascia 80-90» for «fascia 80-89»: its spelling is about as near to «fascia 70-79» (difflib 0,92 against
    0,83, under the lead a guess needs), so it was two errors and no suggestion. One unknown key and one level left
    without its coefficient are the same mistake: one error, naming that level."""
    text = GOOD.replace('nome = "alto"', 'nome = "fascia 90-100"').replace('nome = "medio"', 'nome = "fascia 80-89"')
    text = text.replace('nome = "basso"', 'nome = "fascia 70-79"')
    coefficients = '{ "fascia 90-100" = 1, "fascia 80-90" = 0.5, "fascia 70-79" = 0 }'
    text = text.replace("{ alto = 1, medio = 0.5, basso = 0 }", coefficients)
    [message] = regulation_problems(tmp_path, text)
    assert message.endswith(
        "livello sconosciuto (forse «fascia 80-89»?); livelli: «fascia 90-100», «fascia 80-89», «fascia 70-79»"
    )


def test_every_error_at_once(tmp_path):
    text = GOOD.replace('fonte = "art. 9"\n', "").replace("tipo_ente", "tipo_entte").replace("da = 0 }", 'da = "x" }')
    text += '\n[punteggio]\nfonte = "art. 5"\npo = { scheda = 0.5 }\n'  # line 21: 0.5 is not 1
    got = regulation_problems(tmp_path, text)
    assert len(got) == 4, got
    # the mistyped key is said once: its value is read as tipo_ente's, so the required key is not also «manca»
    assert got[0].startswith("riga 5, chiave atto.tipo_entte: chiave sconosciuta (forse «tipo_ente»?)")
    assert got[1] == "riga 12, chiave livelli.scala[3].da: atteso un numero, trovato il testo «x»"
    assert got[2] == 'riga 15, chiave premio.fonte: manca la fonte (fonte = "art. …")'
    # the rules between keys are judged in the same round, on the tables that could be read
    assert got[3] == "riga 21, chiave punteggio.po: i pesi (scheda, unita, ente, cruscotto) sommano al 50%, non al 100%"


def test_unsupported_format_version(tmp_path):
    assert regulation_problems(tmp_path, GOOD.replace("formato = 1", "formato = 3")) == [
        "riga 1, chiave formato: formato «3» non supportato: questa versione legge formato = 1 e formato = 2"
    ]


def test_a_format_1_file_reads_the_same_as_format_2(tmp_path):
    # format 2 only adds blocks: the same keys under formato = 2 give the same regulation
    one = tmp_path / "uno.toml"
    one.write_text(GOOD, encoding="utf-8")
    two = tmp_path / "due.toml"
    two.write_text(GOOD.replace("formato = 1", "formato = 2"), encoding="utf-8")
    first, second = load(str(one))[0], load(str(two))[0]
    assert first is not None and second is not None
    assert attrs.evolve(first, format=2) == second


def test_cycle_toml_reports_the_regulation_file_and_line(tmp_path):
    (tmp_path / "dati").mkdir()
    (tmp_path / "smvp.toml").write_text(GOOD.replace('metodo = "livelli"', 'metodo = "livello"'), encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    shared = '[[ente]]\nid = "{}"\nplugin = "regolamento"\nregolamento = "smvp.toml"\ndata = "dati"\n'
    cycle.write_text("[cycle]\nyear = 2024\n\n" + shared.format("uno") + shared.format("due"), encoding="utf-8")
    # the file's error is each ente's own, which fails alone: both enti that name it carry it, at its line
    uno, due = load_config(cycle).enti
    [problem] = uno.invalid
    assert problem.file.endswith("smvp.toml") and problem.row == 16 and problem.column == "premio.metodo"
    assert due.invalid == uno.invalid and uno.params is None
    # with an error of cycle.toml itself nothing runs, and the regulation's error is said with it, once
    cycle.write_text(cycle.read_text(encoding="utf-8") + "[ciclo]\n", encoding="utf-8")
    with pytest.raises(CiclopeError) as err:
        load_config(cycle)
    assert [p for p in err.value.problems if p.file.endswith("smvp.toml")] == [problem]


def test_cycle_toml_regulation_file_must_exist(tmp_path):
    (tmp_path / "dati").mkdir()
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[cycle]\nyear = 2024\n[[ente]]\nid = "uno"\nplugin = "regolamento"\nregolamento = "manca.toml"\ndata = "dati"\n'
    )
    with pytest.raises(CiclopeError) as err:
        load_config(cycle)
    [problem] = err.value.problems
    assert problem.column == "ente[uno].regolamento"
    assert problem.message == "il file «manca.toml» non esiste (percorso relativo a questo file)"


def test_a_regulation_file_misnamed_is_shown_the_one_beside_it(tmp_path):
    (tmp_path / "dati").mkdir()
    (tmp_path / "regolamento.toml").write_text("formato = 2\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("", encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[cycle]\nyear = 2026\n[[ente]]\nid = "uno"\nplugin = "regolamento"\nregolamento = "regolamento-2026.toml"\n'
        'data = "dati"\n'
    )
    with pytest.raises(CiclopeError) as err:
        load_config(cycle)
    [problem] = err.value.problems
    # the folder has regolamento.toml: the nearest file of the same kind (a .txt is none)
    assert problem.message == (
        "il file «regolamento-2026.toml» non esiste (forse «regolamento.toml»?) (percorso relativo a questo file)"
    )


def test_key_lines_of_tables_arrays_and_inline_tables():
    lines = key_lines('a = 1\n[[esclusioni]]\nregola = "x"\n[[esclusioni]]\nregola = "y"\n[premio]\nfasce = [\n'
                      '  { nome = "a" },\n  { nome = "b" },\n]\n')  # fmt: skip
    assert lines["a"] == 1 and lines["esclusioni[1].regola"] == 5 and lines["premio.fasce[1].nome"] == 9


def test_the_shipped_schema_is_the_generated_one():
    assert schemagen.SHIPPED.read_text(encoding="utf-8") == schemagen.text(), (
        "rigenera: python -m ciclope.plugins.regolamento.format.schemagen > plugins/regolamento/regolamento.schema.json"
    )


def test_the_schema_accepts_the_examples_and_rejects_an_unknown_key():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schemagen.SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted(DEMO.glob("*.toml")):
        if path.name == "cycle.toml":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # dates as ISO text, as an editor's JSON view holds them
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"formato": 1, "atto": {"titolo": "x", "tipo_ente": "comune"}, "premo": {}}, schema)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests" / "regolamento").rglob("*.toml")), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_the_schema_accepts_every_real_regulation(path):
    """What the reader accepts the editor does not underline: shares written «80%», a threshold above 100 on a
    scale of 200 (``su``), a formula where a choice may be one (``riparto_graduatorie``)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schemagen.SHIPPED.read_text(encoding="utf-8"))
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)  # dates as ISO text, as an editor's


def test_the_docs_list_every_name_and_function_of_formulas():
    docs = (ROOT / "docs" / "regolamento.md").read_text(encoding="utf-8")
    section = docs.split(schemagen.FORMULAS_BEGIN + "\n", 1)[1].split(schemagen.FORMULAS_END, 1)[0]
    assert section == schemagen.formula_reference(), "rigenera «I nomi e le funzioni» da schemagen.formula_reference()"


def test_the_docs_list_every_key_with_an_example():
    docs = (ROOT / "docs" / "regolamento.md").read_text(encoding="utf-8")
    section = docs.split(schemagen.BEGIN + "\n", 1)[1].split(schemagen.END, 1)[0]
    assert section == schemagen.reference(), "rigenera la sezione «Tutte le chiavi» da schemagen.reference()"
    rows = [r for r in section.splitlines() if r.startswith("| `")]
    assert rows and all(not r.endswith("|  |") for r in rows)  # every key has its example


def test_a_value_out_of_its_bounds_is_said_with_a_decimal_comma(tmp_path):
    from ciclope.plugins.regolamento.read.reader import _interval

    # a threshold above the scale of 100 (the first step, line 10 of GOOD), said as the office writes numbers
    text = GOOD.replace('{ nome = "alto", da = 80 }', '{ nome = "alto", da = 180.5 }')
    assert regulation_problems(tmp_path, text) == [
        "riga 10, chiave livelli.scala[1].da: 180,5 fuori dall'intervallo ammesso (da 0 a 100)"
    ]
    assert (_interval(Decimal(0), None), _interval(None, Decimal("2.5"))) == ("almeno 0", "al più 2,5")


def test_a_method_of_the_parts_in_premio_says_where_it_is_written(tmp_path):
    """«budget» is a method of a part of the premium ([[premi]], format 2), not of [premio]: the refusal says where
    it goes instead of only listing [premio]'s methods."""
    from helpers import regulation_problems

    text = 'formato = 1\n[atto]\ntitolo = "x"\ntipo_ente = "comune"\n\n[premio]\nmetodo = "budget"\nfonte = "art. 1"\n'
    assert regulation_problems(tmp_path, text) == [
        "riga 7, chiave premio.metodo: valore «budget» non ammesso; ammessi: proporzionale, soglie, livelli, fasce: il "
        "metodo «budget» si scrive in una parte del premio: [[premi]] con nome, metodo e fondo, al posto di [premio] "
        "(formato 2, «Il premio in più parti»)"
    ]


CARD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Prova"
tipo_ente = "comune"

[[scheda]]
fonte = "art. 5"
ruoli = ["dipendente"]
voci = [{ sezione = "Risultati", voce = "Obiettivi", massimo = 60 }, { sezione = "Comportamenti", voce = "Lavoro", massimo = 40 }]
"""
AGAIN = """
[[scheda]]
fonte = "art. 6"
ruoli = ["dipendente"]
voci = [{ sezione = "Risultati", voce = "Obiettivi", massimo = 100 }]
"""


def test_a_table_of_a_list_is_counted_from_one_in_the_message_too(tmp_path):
    # the second [[scheda]] (its ruoli on line 13: 9 lines of CARD, a blank one, [[scheda]], fonte, ruoli) repeats the
    # role of the first: scheda[2] in the key and scheda[1] in the message, as the office counts its tables, never
    # the first one as scheda[0]
    assert regulation_problems(tmp_path, CARD + AGAIN) == [
        "riga 13, chiave scheda[2].ruoli: il ruolo «dipendente» ha già una scheda (scheda[1]): una sola scheda per "
        "ruolo, o una per categoria con la chiave categorie"
    ]
    # a control character in the second voce of the first scheda: scheda[1].voci[2].voce
    [message] = regulation_problems(tmp_path, CARD.replace('voce = "Lavoro"', r'voce = "Lav\u0001oro"'))
    assert message.startswith("scheda[1].voci[2].voce: contiene il carattere di controllo U+0001"), message


@pytest.mark.parametrize(
    "other, written, first, line",
    [
        # a maximum written as words: an error of the premium itself
        ('metodo = "livelli"', 'metodo = "livelli"\nmassimo = "mille"', "riga 17, chiave premio.massimo: ", 19),
        # a threshold of [livelli] written as words: the level names are known all the same
        ('{ nome = "basso", da = 0 }', '{ nome = "basso", da = "zero" }', "chiave livelli.scala[3].da: ", 18),
    ],
)
def test_a_mistyped_level_is_said_with_the_file_s_other_errors(tmp_path, other, written, first, line):
    """«media» for «medio» in the coefficients beside another error (of its premium, or of the levels): both at the
    first reading, never the level only after the other error is fixed."""
    text = GOOD.replace("medio = 0.5", "media = 0.5").replace(other, written)
    problems = regulation_problems(tmp_path, text)
    assert len(problems) == 2, problems
    assert first in problems[0]
    assert problems[1] == (
        f"riga {line}, chiave premio.coefficienti.media: livello sconosciuto (forse «medio»?); livelli: «alto», "
        "«medio», «basso»"
    )


def test_a_key_inside_a_table_of_a_list_is_placed_as_the_other_keys_of_the_list():
    """«[[premi]] n. 3, quota_fondo» and, for the coefficients of that part, «[[premi]] n. 3, coefficienti, adeguata»,
    never «[premi[3].coefficienti] adeguata», which mixes the two notations."""
    from ciclope.core.vocabulary import toml_key_said

    assert toml_key_said("premi[3].quota_fondo") == "[[premi]] n. 3, quota_fondo"
    assert toml_key_said("premi[3].coefficienti.adeguata") == "[[premi]] n. 3, coefficienti, adeguata"
    assert toml_key_said("livelli.scala[2].da") == "[[livelli.scala]] n. 2, da"
    assert toml_key_said("progressioni.graduatoria") == "[progressioni] graduatoria"
    # a list inside an item of a list: each by the number the office counts, never «[[riduzioni[1].scaglioni]]»
    assert toml_key_said("riduzioni[1].scaglioni[2].riduzione") == "[[riduzioni]] n. 1, scaglioni n. 2, riduzione"
    assert toml_key_said("riduzioni[2].scaglioni[3]") == "[[riduzioni]] n. 2, scaglioni n. 3"
    assert toml_key_said("premi[2]") == "[[premi]] n. 2" and toml_key_said("formato") == "formato"
