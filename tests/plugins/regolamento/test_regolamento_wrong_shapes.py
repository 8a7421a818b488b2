"""A declared regulation written with values of the wrong shape (a list where a word goes, a number where a list goes,
an empty list of roles, ``formato = true``) is refused with a message that names the key and says what to write: never
a traceback, an internal error or a Python word (``None``, ``True``), and numbers written the Italian way."""

from __future__ import annotations

from test_regolamento_format import GOOD

from helpers import regulation_problems

V2 = GOOD.replace("formato = 1", "formato = 2")


def test_a_list_as_the_type_of_a_declared_column(tmp_path):
    text = V2 + '\n[[colonne]]\nnome = "ore"\ntipo = ["numero"]\nsignificato = "le ore"\nfonte = "art. 2"\n'
    assert regulation_problems(tmp_path, text) == [
        "riga 22, chiave colonne[1].tipo: atteso uno dei valori ammessi tra virgolette (numero, euro, giorni, "
        'percentuale, punti, testo, sì/no, data, anno), trovato «["numero"]»'
    ]


def test_a_number_as_the_scale_of_the_levels(tmp_path):
    text = GOOD.replace('scala = [\n  { nome = "alto", da = 80 },\n  { nome = "medio", da = 60 },\n  '
                        '{ nome = "basso", da = 0 },\n]', "scala = 3")  # fmt: skip
    assert regulation_problems(tmp_path, text) == [
        "riga 9, chiave livelli.scala: attesa una lista di tabelle, trovato «3»"
    ]


def test_an_empty_list_of_roles(tmp_path):
    text = GOOD.replace('metodo = "livelli"', 'metodo = "livelli"\nruoli = []')
    assert regulation_problems(tmp_path, text) == [
        "riga 17, chiave premio.ruoli: la lista dei ruoli è vuota: scrivi almeno un ruolo tra dipendente, po, "
        "dirigente, segretario"
    ]


def test_a_part_without_its_name_is_not_listed_as_none(tmp_path):
    # the second part reads the first by name; the first has none: the missing name is said, and the list of the
    # parts paid before is empty rather than «None»
    text = V2.replace(
        '[premio]\nmetodo = "livelli"\nfonte = "art. 9"\ncoefficienti = { alto = 1, medio = 0.5, basso = 0 }\n',
        '[[premi]]\nmetodo = "livelli"\nfonte = "art. 9"\ncoefficienti = { alto = 1, medio = 0.5, basso = 0 }\n'
        'quota_fondo = 0.5\n\n[[premi]]\nnome = "secondo"\nmetodo = "formula"\nfonte = "art. 10"\nquota_fondo = 0.5\n'
        "importo = '=PREMIO(\"primo\")'\n",
    )
    messages = regulation_problems(tmp_path, text)
    assert messages and not any("None" in m for m in messages)
    assert any("premi[1].nome" in m for m in messages)


def test_formato_true_is_no_version(tmp_path):
    [message] = regulation_problems(tmp_path, GOOD.replace("formato = 1", "formato = true"))
    assert (
        message
        == "riga 1, chiave formato: formato «true» non supportato: questa versione legge formato = 1 e formato = 2"
    )


def test_thresholds_out_of_order_said_with_a_decimal_comma(tmp_path):
    text = GOOD.replace('{ nome = "medio", da = 60 }', '{ nome = "medio", da = 80.01 }')
    assert regulation_problems(tmp_path, text) == [
        "riga 11, chiave livelli.scala[2].da: la soglia 80,01 è più alta di quella del gradino prima (80): scrivi i "
        "gradini dal più alto al più basso"
    ]


def test_a_score_threshold_written_as_a_percentage(tmp_path):
    # «da "80%"» read as 0,8 would be a threshold of 0,8 points, everyone above it: refused, with the points it means,
    # 80% of 100 = 80 (line 10: the first level of the scale)
    text = GOOD.replace('{ nome = "alto", da = 80 }', '{ nome = "alto", da = "80%" }')
    assert regulation_problems(tmp_path, text) == [
        "riga 10, chiave livelli.scala[1].da: «80%» è una percentuale, ma un punteggio si scrive in punti (su 100): "
        "scrivi 80"
    ]


def test_a_score_threshold_as_a_percentage_of_the_regulation_s_own_scale(tmp_path):
    # [punteggio] su = 3: 60% of 3 points = 1,8 points, written 1.8 in the file; [punteggio] on line 7 pushes the
    # second level of the scale to line 15
    text = V2.replace("[livelli]", '[punteggio]\nsu = 3\nfonte = "art. 5"\n\n[livelli]').replace(
        "da = 80 }", "da = 2.5 }").replace('da = 60 }', 'da = "60%" }')  # fmt: skip
    assert regulation_problems(tmp_path, text) == [
        "riga 15, chiave livelli.scala[2].da: «60%» è una percentuale, ma un punteggio si scrive in punti (su 3): "
        "scrivi 1.8"
    ]


def test_days_written_as_a_percentage(tmp_path):
    # GOOD's 18 lines, an empty one, [[esclusioni]], regola, then giorni on line 22
    exclusion = '\n[[esclusioni]]\nregola = "assenze"\ngiorni = "30%"\nfonte = "art. 11"\n'
    assert regulation_problems(tmp_path, GOOD + exclusion) == [
        "riga 22, chiave esclusioni[1].giorni: «30%» è una percentuale, ma qui si scrive un numero di giorni (es. 150)"
    ]


def test_a_share_written_as_a_percentage_still_reads(tmp_path):
    # a coefficient is a share: «50%» is 0,5, as before
    assert regulation_problems(tmp_path, GOOD.replace("medio = 0.5", 'medio = "50%"')) == []


def test_the_one_premium_written_with_two_brackets(tmp_path):
    text = GOOD.replace("[premio]", "[[premio]]")  # [premio] is one table: the doubled brackets make a list of them
    assert regulation_problems(tmp_path, text) == [
        "riga 15, chiave premio: deve essere una tabella: si scrive [premio], una volta sola"
    ]


def test_the_parts_of_the_premium_written_with_one_bracket(tmp_path):
    # [[premi]] is a list, one [[premi]] per part: [premi] is a single table, and its content is not the point
    text = V2.replace("[premio]", "[premi]").replace('metodo = "livelli"', 'nome = "unica"\nmetodo = "livelli"')
    assert regulation_problems(tmp_path, text) == [
        "riga 15, chiave premi: attesa una lista di tabelle, trovata una tabella sola: ogni elemento si scrive "
        "[[premi]], con due parentesi quadre, non [premi]"
    ]


def test_a_share_written_as_a_bare_percentage(tmp_path):
    # «il 40% del fondo» written as 40: a share of the fund runs from 0 to 1; 40 is 40%, 0.4 in TOML's numbers
    text = V2.replace("[premio]", "[[premi]]").replace(
        'metodo = "livelli"', 'nome = "unica"\nmetodo = "livelli"\nfondo = "produttivita"\nquota_fondo = 40.50'
    )
    problems = regulation_problems(tmp_path, text)
    assert problems == [
        "riga 19, chiave premi[1].quota_fondo: 40,5 fuori dall'intervallo ammesso (da 0 a 1): una quota si scrive in "
        'percentuale, "40,5%" (o 0.405)'
    ]
