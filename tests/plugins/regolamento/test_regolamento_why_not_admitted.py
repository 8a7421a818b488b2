"""Why a person is not admitted to a part, as ``explain`` says it (the figure's note, «perché»): of a condition of
several terms joined by E only the terms false for that person, never the last one denied in its place; a date of
service denied as a sentence; and the words around the condition as Italian writes them («sono uguali a», «al
personale», the unit of the file's kind)."""

from __future__ import annotations

from decimal import Decimal

from helpers import amounts, one_unit_comune, regulation_text, run_declared

TRAINING = """\
formato = 2
[atto]
titolo = "Criteri dei premi della Società di Prova"
tipo_ente = "societa"

[[colonne]]
nome = "formazione"
tipo = "sì/no"
significato = "la partecipazione ai programmi di formazione"
fonte = "criteri, punto ii"

[[colonne]]
nome = "giorni_settimana"
tipo = "numero"
significato = "i giorni lavorativi della settimana"
fonte = "criteri, punto iii"

[[premi]]
nome = "impegno"
metodo = "formula"
fondo = "premialita"
valutazione = false
dovuto = true
ammesso = '=E(assenze <= 10 giorni; IN.SERVIZIO("31/12"); formazione)'
importo = '=SE(giorni_settimana = 6; 312 €; 260 €)'
fonte = "criteri, lettera a"
"""


def staff(rows: dict[str, str]) -> dict[str, str]:
    """A one-unit Comune whose people.csv has the absences, the end of service and the two declared columns:
    person → «absence_days,end,formazione,giorni_settimana»."""
    files = one_unit_comune("Società di Prova", [], [], "")
    head = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"
    lines = [f"{head},cessazione,formazione,giorni_settimana", "SEG,Segretario,segretario,DIR,com,1,0,false,,,no,5"]
    for pid, cells in rows.items():
        days, rest = cells.split(",", 1)
        lines.append(f"{pid},Persona {pid},dipendente,C,com,1,{days},false,SEG,{rest}")
    files["people.csv"] = "\n".join(lines) + "\n"
    return files


def test_only_the_terms_that_do_not_hold_are_said(ciclope_ente, tmp_path):
    people = {
        "A": "0,,sì,6",  # every term holds: 312,00 € (a six-day week)
        "B": "20,,sì,5",  # only the absences: 20 days are more than 10
        "C": "0,,no,5",  # only the training: the condition's last term
        "D": "25,,no,5",  # both
        "E": "0,2024-11-30,sì,5",  # ceased on 30 November: not in service on 31/12
    }
    result = run_declared(ciclope_ente, tmp_path, TRAINING, staff(people))
    # A alone is admitted: SE(6 = 6; 312 €; 260 €) = 312,00 at full time; the others nothing
    assert {k: v for k, v in amounts(result).items() if v != "0.00"} == {"A": "312.00"}
    why = {pid: result.figures[f"ammesso:impegno:{pid}"].note for pid in "BCDE"}
    training = "la colonna formazione (la partecipazione ai programmi di formazione) dice no"
    assert why == {
        # not «… e la colonna formazione (…) dice no», the last term denied while B's training holds
        "B": "i giorni di assenza sono più di 10 giorni",
        "C": training,
        "D": f"i giorni di assenza sono più di 10 giorni e {training}",
        # not «non è vero che la persona è in servizio al 31/12»
        "E": "la persona non è in servizio al 31/12",
    }
    assert result.figures["ammesso:impegno:A"].note == ""


def test_the_condition_denied_whole_never_denies_its_last_term(ciclope_ente, tmp_path):
    """The status of a person no part admitted names the condition once for everyone: the whole condition denied,
    «non è vero che …», not its last yes-no term said «dice no» (B's training holds)."""
    result = run_declared(ciclope_ente, tmp_path, TRAINING, staff({"B": "20,,sì,5"}))
    status = result.figures["score:B:status"].formula
    assert status == (
        "non ammesso alla parte «impegno»: non è vero che i giorni di assenza sono al più 10 giorni e la persona è in "
        "servizio al 31/12 e la colonna formazione (la partecipazione ai programmi di formazione) dice sì"
    )


def test_a_plural_subject_is_equal_in_the_plural_and_the_part_is_paid_to_the_staff(tmp_path):
    text = regulation_text(tmp_path, TRAINING)
    # «i giorni lavorativi della settimana sono uguali a 6», not «sono uguale a»
    assert "se i giorni lavorativi della settimana sono uguali a 6, allora € 312,00" in text
    # «pagata solo a chi … vi partecipa», not «pagata a il personale»: with a condition it pays whom it admits
    assert "La parte «impegno» è pagata solo a chi, nel personale in servizio (i dipendenti), vi partecipa" in text
    assert "a il " not in text


SECTOR = """\
formato = 2
[atto]
titolo = "Criteri dei premi della Società di Prova"
tipo_ente = "societa"

[punteggio]
fonte = "criteri, punto vii"
tipo_unita = "settore"

[[premi]]
nome = "produttività del settore"
metodo = "formula"
fondo = "premialita"
valutazione = false
dovuto = true
ammesso = '=unita >= 100%'
importo = '=400 €'
fonte = "criteri, lettera c"
"""


def test_the_unit_read_is_named_by_the_file_s_kind(ciclope_ente, tmp_path):
    files = one_unit_comune("Società di Prova", ["A,Persona A,dipendente,C,uff,1,0,false,SEG"], [], "")
    # the Comune's one unit becomes a settore with an office under it; the office's A reads the settore's result
    files["units.csv"] = (
        "id,name,kind,parent,head\ncom,Società,ente,,SEG\nset,Settore,area,com,\nuff,Ufficio,ufficio,set,\n"
    )
    files["objectives.csv"] = "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,set\n"
    files["indicators.csv"] = files["indicators.csv"].replace(",10,10,", ",10,8,")  # the settore at 8 / 10 = 80%
    result = run_declared(ciclope_ente, tmp_path, SECTOR, files)
    refused = result.figures["ammesso:produttività del settore:A"]
    # the sentence and the number read name the same unit: «del settore», not «dell'unità» beside it
    assert refused.note == "il raggiungimento degli obiettivi del settore è meno di 100%"
    [read] = refused.inputs
    assert read.name == "il raggiungimento degli obiettivi del settore"
    assert read.value == Decimal("0.80")  # 8 / 10


def test_a_score_block_with_only_the_unit_s_kind_says_the_card_once(tmp_path):
    """[punteggio] with only ``tipo_unita``: the card is everyone's score, said once, with no «Per gli altri» after
    a sentence that named no one."""
    text = regulation_text(tmp_path, SECTOR)
    assert "Il punteggio è quello della scheda di valutazione, da 0 a 100." in text
    assert "Per gli altri" not in text


def test_the_not_admitted_are_left_out_of_the_awards_the_excluded_listed(ciclope_ente, tmp_path):
    """The documented difference (docs/regolamento.md, «Chi la condizione lascia fuori»; `elenca_esclusi`): an
    exclusion takes away a premium the part would give, and lists the person at € 0; a part's condition says who
    the part is for, and the person no part admits has their status only, no award."""
    from ciclope.plugins.regolamento.format import schemagen

    text = """formato = 2
[atto]
titolo = "Criteri dei premi"
tipo_ente = "comune"

[[esclusioni]]
regola = "assenze"
giorni = 30
fonte = "art. 3"

[[premi]]
nome = "presenza"
metodo = "proporzionale"
valutazione = false
ammesso = '=assenze <= 40 giorni'
fonte = "art. 4"
"""
    files = one_unit_comune("Comune", [], [], '[funds]\nperformance_individuale = "1000.00"\n')
    files["people.csv"] += "P1,Anna,dipendente,C,com,1,0,false,\nP2,Bruno,dipendente,C,com,1,35,false,\n"
    files["people.csv"] += "P3,Carla,dipendente,C,com,1,50,false,\n"
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # P2: 35 > 30 days, excluded, listed at 0; P3: 50 > 40, not admitted, no award; P1 alone takes the 1000 (the
    # part pays the dipendenti: the segretario is none)
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00"}
    assert result.rewards.statuses["P3"] == "non_ammesso"
    assert (
        "chi la condizione della parte (ammesso) lascia fuori non è escluso: dove un'altra parte dello stesso fondo "
        "lo paga, la parte vi compare con 0 € e il motivo" in schemagen.reference()
    )


def test_the_condition_is_said_as_a_condition_and_a_yes_no_once(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain

    result = run_declared(ciclope_ente, tmp_path, TRAINING, staff({"A": "0,,sì,6", "C": "0,,no,5"}))
    # the figure's formula is the condition the part asks, not a fact about C: «partecipa se …»
    assert result.figures["ammesso:impegno:C"].formula.startswith(
        "=E(assenze <= 10 giorni; IN.SERVIZIO(\"31/12\"); formazione) — partecipa se i giorni di assenza sono al più "
    )
    said = explain(result, "person", "C")
    # the training said once: «dice no», never again «(la partecipazione ai programmi di formazione no)»
    assert "la colonna formazione (la partecipazione ai programmi di formazione) dice no\n" in said
    assert "formazione no)" not in said


EITHER = TRAINING.replace(
    "ammesso = '=E(assenze <= 10 giorni; IN.SERVIZIO(\"31/12\"); formazione)'",
    "ammesso = '=O(giorni_settimana = 6; E(formazione; IN.SERVIZIO(\"31/12\")))'",
)


def test_a_failed_alternative_says_each_alternative_s_own_failure(ciclope_ente, tmp_path):
    """«O(a; E(b; c))» fails only where a fails and E(b; c) fails: the note says a denied, then of E(b; c) only its
    false terms, never «non è vero che … oppure (…)», the whole disjunction denied."""
    people = {
        "F": "0,,no,6",  # a six-day week: admitted by the first alternative, 312,00 €
        "G": "0,,no,5",  # five days, no training (in service): both alternatives fail, the second by its training
        "H": "0,2024-11-30,sì,5",  # five days, trained, but ceased on 30 November: the second fails by the service
    }
    result = run_declared(ciclope_ente, tmp_path, EITHER, staff(people))
    assert {k: v for k, v in amounts(result).items() if v != "0.00"} == {"F": "312.00"}
    week = "i giorni lavorativi della settimana non sono uguali a 6"
    training = "la colonna formazione (la partecipazione ai programmi di formazione) dice no"
    why = {pid: result.figures[f"ammesso:impegno:{pid}"].note for pid in "GH"}
    assert why == {"G": f"{week} e {training}", "H": f"{week} e la persona non è in servizio al 31/12"}
