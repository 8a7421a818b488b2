"""Numbers by grade: a person's contractual category (A–D, DIR, the ``category`` column of people.csv, where the
Areas of the CCNL 16.11.2022 are read as the code they replaced) chooses the weights of their score
(``[[punteggio.categorie]]``) and the parametro multiplying their weight in the split of the premium's fund
(``[premio] parametri``).

A regulation names a grade by its code or its Area («Istruttori», «Area degli Istruttori»); case, accents and
spaces do not count. A grade of people.csv that a declared table lacks is an error (:mod:`check.coverage`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

import attrs

from ciclope.core import Ente, Input, Person, Problem, cells, fmt
from ciclope.plugins.regolamento.format.expr import Binary, Call, Name, Negative, Node, Text
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Card, GradeWeights, Premium, Regulation, Weights
from ciclope.plugins.regolamento.format.vocabulary import normal
from ciclope.plugins.regolamento.format.wording import feminine, joined, plural, the

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
AREAS = ["Operatori", "Operatori esperti", "Istruttori", "Funzionari"]  # the Areas' short names, as a hint says them
# the comparto whose contract made the Aree of the categories, and the first cycle it names them so (CCNL Funzioni
# Locali 16.11.2022 art. 13 c. 1: the new classification from 1.4.2023), as its layer's CLASSIFICATION does
AREE_COMPARTO, AREE_SINCE = "funzioni_locali", 2023
KNOWN = [*CATEGORIES, *AREAS]  # as a hint lists them
CATEGORY = "categoria"  # the formulas' name of the person's contractual category: its letter


GRADE = "grade"  # people.csv's column of a declared grade ([gradi]), headed «grado» for the office


def code(word: str, declared: Sequence[str] = ()) -> str | None:
    """The grade ``word`` names: one of ``declared`` (the grades of [gradi], as the file writes them; case,
    accents and spaces do not count), else a category of the comparto (``"istruttori"`` → ``"C"``); or None."""
    if declared:
        return next((d for d in declared if normal(d) == normal(word)), None)
    return WORDS.get(normal(word))


def said(grade: str, declared: Sequence[str] = ()) -> str:
    """A grade as a message names it: a category of the comparto by its Area, as an office writes it, with its letter
    («Operatori» (A)), never the letter alone, which the office may not have written; a declared grade ([gradi]) or
    a category without an Area («DIR») quoted as it is."""
    area = dict(zip(CATEGORIES, AREAS)).get(grade) if not declared else None
    return f"«{area}» ({grade})" if area else f"«{grade}»"


def area_of(reg: Regulation, grade: str, year: int) -> str | None:
    """A category by the Area the contract in force in ``year`` made of it («Area degli Operatori esperti» for «B»
    in Funzioni Locali from 2023); None before, in another comparto, for a grade of [gradi] or «DIR»."""
    if reg.grades is not None or reg.act.comparto != AREE_COMPARTO or year < AREE_SINCE:
        return None
    return AREE_2023.get(grade)


def declared(reg: Regulation) -> tuple[str, ...]:
    return tuple(reg.grades.names) if reg.grades is not None else ()


def grade_of(reg: Regulation, person: Person) -> str | None:
    """The person's grade as the regulation's tables name it: the grado column, with [gradi]; else the category."""
    if reg.grades is None:
        return person.category
    written = person.extra.get(GRADE)
    return code(str(written), declared(reg)) if written else None


def refused(reg: Regulation, person: Person) -> bool:
    """Whether the person's grade cell is an error of its own (said at the cell by the validation): with [gradi], a
    grade that is none of them (one written in the column categoria while grado is empty is refused at load)."""
    if reg.grades is None:
        return False
    written = person.extra.get(GRADE)
    return bool(written) and code(str(written), declared(reg)) is None


def menu(reg: Regulation) -> Callable[[str], str]:
    """The grado column's reader with the grades of [gradi] kept on it (``parse.choices``), for the drop-down of the
    template's sheet: it reads any text, as the column's own reader, because a grade that is none of them is said by
    the validation, with every such row at once. The same problem is its ``later`` (InputSchema): when the load stops
    for another error the validation does not run, and the loader says it with that error."""
    names = declared(reg)
    source = cite(reg, reg.grades.source) if reg.grades is not None else ""

    def parse(text: str) -> str:
        return cells.parse_text(text)

    def later(text: str) -> Problem | None:
        if not text.strip() or code(text, names) is not None:
            return None
        return Problem(rule=RULE, message=unknown(text, names, noun=word(reg)), source=source)

    parse.choices = names  # type: ignore[attr-defined]
    parse.later = later  # type: ignore[attr-defined]
    return parse


RULE = "regolamento.grado"  # a grade cell that names none of [gradi]'s


def unknown(written: str, names: Sequence[str], whose: str = "", noun: str = "grado") -> str:
    """A grade cell that names none of [gradi]'s ``names``: what is wrong and what to write, in the contract's word
    ``noun`` (:func:`word`: «l'area «E» … tra quelle del regolamento … una di queste aree»). ``whose``: « di Bruno
    (P2)», the person, when the problem is not said with the row's person (the loader adds «riga di …» itself)."""
    a, these = ("a", "queste") if feminine(noun) else ("o", "questi")
    return (
        f"{the(noun)} {fmt.quoted(written)}{whose} non è tra quell{'e' if a == 'a' else 'i'} del regolamento "
        f"({', '.join(names)}){nearest(written, list(names))}: scrivi un{a} di {these} {plural(noun)}, o aggiungil{a} "
        "ai nomi di [gradi] nel file del regolamento"
    )


def column(reg: Regulation) -> str:
    return GRADE if reg.grades is not None else "category"


def tables(reg: Regulation) -> bool:
    """Whether a table of numbers by grade reads the grade column: the score's weights by grade
    (``[[punteggio.categorie]]``), the premium's or a part's ``parametri``."""
    return bool(
        (reg.score is not None and reg.score.grades)
        or (reg.premium is not None and reg.premium.grade_factors)
        or any(part.grade_factors for part in reg.parts)
    )


def unwritten(reg: Regulation, ente: Ente) -> bool:
    """True when a table by grade reads the grade and people.csv has no such column at all: one error says it
    (:mod:`check.coverage`), and what then pays nobody only follows from it."""
    header = ente.headers.get("people", ())
    return tables(reg) and column(reg) not in header and header_word(reg) not in header


def header_word(reg: Regulation) -> str:
    """The grade column as the office's header writes it: «grado» with [gradi], else «categoria»."""
    return "grado" if reg.grades is not None else "categoria"


def card_of(reg: Regulation, person: Person) -> Card | None:
    """The [[scheda]] of a person: the first of their role whose categories (none: every one) hold their grade."""
    mine = grade_of(reg, person)
    for card in reg.cards:
        if person.role in card.roles and (not card.grades or mine in {code(g, declared(reg)) for g in card.grades}):
            return card
    return None


def weights_for(reg: Regulation, person: Person) -> Weights | GradeWeights | None:
    """The weights of a person's score: those of their grade's group for their role, else their role's."""
    if reg.score is None:
        return None
    mine = grade_of(reg, person)
    for group in reg.score.grades:
        if person.role in group.roles and mine in {code(g, declared(reg)) for g in group.grades}:
            return group
    return {
        "dipendente": reg.score.staff,
        "po": reg.score.po,
        "dirigente": reg.score.dirigente,
        "segretario": reg.score.segretario,
    }.get(person.role)


def factor(reg: Regulation, pr: Premium, person: Person, ente: Ente) -> tuple[Decimal, tuple[Input, ...]]:
    """The parametro of the person's grade in the premium's split (1 without ``parametri``), and its inputs."""
    if not pr.grade_factors:
        return Decimal(1), ()
    by_code = {code(name, declared(reg)): value for name, value in pr.grade_factors.items()}
    mine = grade_of(reg, person)
    value = by_code.get(mine, Decimal(0)) if mine is not None else Decimal(0)  # a grade lacking: error of validate
    cell = ente.cell("people", person.row, column(reg))
    return value, (Input(word(reg), mine, cell=cell), Input(parameter(reg), value))


def word(reg: Regulation) -> str:
    """One grade of the regulation as its documents name it: with [gradi], the contract's word (``parola``:
    «categoria», «area») or «grado»; else the comparto's «categoria». The column of people.csv keeps its header."""
    if reg.grades is None:
        return "categoria"
    return reg.grades.word.strip() or "grado"


def of_word(reg: Regulation) -> str:
    """:func:`word` after «di», with its article: «del grado», «della categoria», «dell'area»."""
    return joined("di", the(word(reg)))


def of_own(reg: Regulation) -> str:
    """:func:`word` after «di» and «suo»: «del suo grado», «della sua categoria», «della sua area»."""
    return f"{'della sua' if feminine(word(reg)) else 'del suo'} {word(reg)}"


def parameter(reg: Regulation) -> str:
    """A grade's factor in a premium's split as people read it: «parametro della categoria», «parametro del grado»
    with [gradi], «parametro dell'area» with [gradi] parola = "area"."""
    return f"parametro {of_word(reg)}"


def parameter_read(inputs: Iterable[tuple[Input, ...]]) -> str:
    """The name :func:`factor` gave the factor in the people's inputs (``factor_inputs``), where a split names it
    without the regulation at hand: «parametro del grado» with [gradi]."""
    return next((i[1].name for i in inputs if len(i) > 1), "parametro della categoria")


def lettered(node: Node, unknown: list[str]) -> Node:
    """The tree with each word compared (``=``, ``<>``) with ``categoria`` as the letter it names: an Area's name
    («Funzionari», «area degli istruttori») is read as its category (D, C), as people.csv and the tables by category
    read it, so the comparison holds for whom the office meant. A word that names no category is added to ``unknown``
    (compared so, it would hold for nobody, or with ``<>`` for everybody) and left as written."""
    if isinstance(node, Binary):
        left, right = lettered(node.left, unknown), lettered(node.right, unknown)
        if node.op in ("=", "<>"):
            left, right = _letter(left, right, unknown), _letter(right, left, unknown)
        return attrs.evolve(node, left=left, right=right)
    if isinstance(node, Call):
        return attrs.evolve(node, args=tuple(lettered(a, unknown) for a in node.args))
    if isinstance(node, Negative):
        return attrs.evolve(node, operand=lettered(node.operand, unknown))
    return node


def _letter(side: Node, other: Node, unknown: list[str]) -> Node:
    """``side``, a word compared with ``categoria`` (``other``), as the category's letter."""
    if not (isinstance(side, Text) and isinstance(other, Name) and other.name == CATEGORY):
        return side
    letter = WORDS.get(normal(side.value))
    if letter is None:
        unknown.append(side.value)
        return side
    return attrs.evolve(side, value=letter, written=side.value if letter != side.value else "")
