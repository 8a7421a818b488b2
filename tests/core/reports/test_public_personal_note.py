"""The public Relazione's sentence on those excluded for a personal reason (absences, a sanction) follows the rules,
never the outcomes: said only when someone was so excluded, it told the readers of a seven-person Ordine, beside «2
non pagate» and one «escluso per punteggio sotto il minimo», that exactly one colleague lost the premium for
absences or a sanction (a blind writer's case; rules/core.md §6, across published items)."""

from __future__ import annotations

import re
from html import unescape

from ciclope.core.reports import public

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Sistema di valutazione dell'Ordine"
sigla = "SMVP"
tipo_ente = "altro"

[[esclusioni]]
regola = "assenze"
giorni = 180
fonte = "art. 6"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 6"

[premio]
metodo = "proporzionale"
fonte = "art. 7"
"""
SENTENCE = (
    "Chi è escluso dal premio per una ragione personale (assenze, sanzioni) è contato all'esito della sua "
    "valutazione e tra le persone non pagate, senza dirne la ragione."
)


def page(ciclope_ente, tmp_path, regulation: str, days: int) -> str:
    staff = [f"P{n},Persona {n},dipendente,C,com,1,{days if n == 1 else 0},false,SEG" for n in range(1, 6)]
    cards = [f"P{n},SEG,s,Voce,100,{80 if n < 5 else 50}," for n in range(1, 6)]
    data = one_unit_comune("Ordine di Prova", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, regulation, data)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", public.render(result))).split())


def test_the_sentence_is_said_whether_or_not_anyone_was_excluded_so(ciclope_ente, tmp_path):
    # P1 with 200 days (excluded for absences) or with none: the page says the same, the rule that may exclude
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert SENTENCE in page(ciclope_ente, tmp_path / "a", REGULATION, 200)
    assert SENTENCE in page(ciclope_ente, tmp_path / "b", REGULATION, 0)


def test_without_a_personal_exclusion_in_the_rules_there_is_no_sentence(ciclope_ente, tmp_path):
    # only the minimum score, an outcome of the evaluation, named as it is: nothing personal to say
    only_minimum = REGULATION.replace('regola = "assenze"\ngiorni = 180', 'regola = "punteggio_minimo"\nminimo = 50')
    assert SENTENCE not in page(ciclope_ente, tmp_path, only_minimum, 200)
