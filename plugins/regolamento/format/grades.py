"""Numbers by grade: a person's contractual category (A–D, DIR, the ``category`` column of people.csv, where the
Areas of the CCNL 16.11.2022 are read as the code they replaced) chooses the weights of their score
(``[[punteggio.categorie]]``) and the parametro multiplying their weight in the split of the premium's fund
(``[premio] parametri``).

A regulation names a grade by its code or its Area («Istruttori», «Area degli Istruttori»); case, accents and
spaces do not count. A grade of people.csv that a declared table lacks is an error (:mod:`check.coverage`).
"""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, Input, Person
from ciclope.plugins.regolamento.format.spec import GradeWeights, Premium, Regulation, Weights
from ciclope.plugins.regolamento.format.vocabulary import normal

# The categories people.csv accepts (its closed list) and the Areas of the CCNL 16.11.2022 that took their place,
# which people.csv reads as the same codes (a test keeps both equal to the core's lists).
CATEGORIES = ("A", "B", "C", "D", "DIR")
AREE_2023 = {
    "A": "Area degli Operatori",
    "B": "Area degli Operatori esperti",
    "C": "Area degli Istruttori",
    "D": "Area dei Funzionari e dell'Elevata qualificazione",
}
# every word a regulation may write for a grade → its code: the code, the Area's name, the Area without «Area dei»
WORDS: dict[str, str] = {normal(c): c for c in CATEGORIES}
for _code, _area in AREE_2023.items():
    WORDS[normal(_area)] = _code
    WORDS[normal(_area.split(" ", 2)[2])] = _code  # «Area degli Istruttori» → istruttori
WORDS[normal("Funzionari")] = "D"
WORDS[normal("Funzionari ed EQ")] = "D"
KNOWN = [*CATEGORIES, "Operatori", "Operatori esperti", "Istruttori", "Funzionari"]  # as a hint lists them


def code(word: str) -> str | None:
    """The category ``word`` names (``"istruttori"`` → ``"C"``), or None."""
    return WORDS.get(normal(word))


def weights_for(reg: Regulation, person: Person) -> Weights | GradeWeights | None:
    """The weights of a person's score: those of their category's group for their role, else their role's."""
    if reg.score is None:
        return None
    for group in reg.score.grades:
        if person.role in group.roles and person.category in {code(g) for g in group.grades}:
            return group
    return {
        "dipendente": reg.score.staff,
        "po": reg.score.po,
        "dirigente": reg.score.dirigente,
        "segretario": reg.score.segretario,
    }.get(person.role)


def factor(pr: Premium, person: Person, ente: Ente) -> tuple[Decimal, tuple[Input, ...]]:
    """The parametro of the person's category in the premium's split (1 without ``parametri``), and its inputs."""
    if not pr.grade_factors:
        return Decimal(1), ()
    by_code = {code(name): value for name, value in pr.grade_factors.items()}
    value = by_code.get(person.category, Decimal(0))  # a category the table lacks is an error of validate
    cell = ente.cell("people", person.row, "category")
    return value, (Input("categoria", person.category, cell=cell), Input("parametro della categoria", value))
