"""A condition that a text column is one of a few values, written as the formulas allow it, «O(x = "a"; x = "b"; x =
"c")»: said as a list, «x è «a», «b» o «c»», and, where it does not hold, «x non è «a», «b» né «c»» with the
person's own value, never three times the subject and «non è vero che … oppure …» (a Comune's progressioni: the
sanction of the last two years, «multa», left a person out of the candidates)."""

from __future__ import annotations

from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.format.wording import denied, sentence
from ciclope.plugins.regolamento.read.formulas import Scope, read

from helpers import STAFF_HEADER, one_unit_comune, run_declared

ONE_OF = '=O(grado = "A"; grado = "B"; grado = "C")'


def test_one_of_three_values_is_said_as_a_list():
    formula = read(ONE_OF, Scope(PLACES["ammesso"]))
    assert sentence(formula) == "il grado è «A», «B» o «C»"
    assert denied(formula) == "il grado non è «A», «B» né «C»"


def test_two_values_and_other_disjunctions():
    assert sentence(read('=O(grado = "A"; grado = "B")', Scope(PLACES["ammesso"]))) == "il grado è «A» o «B»"
    # two subjects: each condition said whole, as before
    mixed = read('=O(grado = "A"; categoria = "B")', Scope(PLACES["ammesso"]))
    assert " oppure " in sentence(mixed)


REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento delle progressioni del Comune di Prova"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[colonne]]
nome = "sanzione_biennio"
tipo = "testo"
significato = "la sanzione più grave del biennio"
fonte = "art. 2"

[progressioni]
fonte = "art. 1"
candidati = '=E(IN.SERVIZIO("31/12"); O(sanzione_biennio = "nessuna"; sanzione_biennio = "rimprovero"))'
fondo = "progressioni"
costo = "=650 €"
"""


def _files() -> dict[str, str]:
    """A with no sanction, G with a «multa»: the Segretario, whom no progression concerns, with none."""
    files = one_unit_comune("Comune di Prova", [], [], '[fondi]\nprogressioni = "3000.00"\n')
    rows = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{s}" for pid, s in (("A", "nessuna"), ("G", "multa"))]
    seg = "SEG,Segretario,segretario,DIR,com,1,0,false,,nessuna"
    files["people.csv"] = "\n".join([f"{STAFF_HEADER},sanzione_biennio", seg, *rows]) + "\n"
    return files


def test_who_is_not_a_candidate_reads_their_own_value(ciclope_ente, tmp_path):
    from ciclope.core.schede.content import Line, build

    result = run_declared(ciclope_ente, tmp_path, REGULATION, _files())
    # G's sanction is «multa», neither «nessuna» nor «rimprovero»: not a candidate, and reads why with her value
    assert build(result, "G").progression == (
        Line("Esito", "non candidato"),
        Line("Motivo", "la sanzione più grave del biennio non è «nessuna» né «rimprovero» (è «multa»)"),
    )


def test_the_condition_alone_is_said_whole_too(ciclope_ente, tmp_path):
    from ciclope.core.schede.content import Line, build

    regulation = REGULATION.replace(
        """candidati = '=E(IN.SERVIZIO("31/12"); O(sanzione_biennio = "nessuna"; sanzione_biennio = "rimprovero"))'""",
        """candidati = '=O(sanzione_biennio = "nessuna"; sanzione_biennio = "rimprovero")'""",
    )
    result = run_declared(ciclope_ente, tmp_path, regulation, _files())
    # never «… non è uguale a «nessuna» e … non è uguale a «rimprovero»», the subject twice
    assert build(result, "G").progression[1] == Line(
        "Motivo", "la sanzione più grave del biennio non è «nessuna» né «rimprovero» (è «multa»)"
    )
