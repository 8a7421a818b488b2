"""A formula's text → its tree (:mod:`format.expr`), checked for the place it is written in.

The language is an Italian spreadsheet's: ``SE(E(scheda >= 160; unita >= 70%); "A"; SOTTO(LIVELLO(punteggio)))``,
arguments separated by ``;``, decimals with a comma or a point, ``30%`` a percentage, texts in quotes (joined by
``&``). It is parsed by lark (an LALR grammar, never ``eval``), bounded in size and depth, and checked before any
ente is run: names and functions known where the formula is written (with the nearest name when one is not), the
number of arguments, the types and units (points with points, euro with euro, a percentage with a percentage), a
division by a written zero, a level named that the scale does not have. Every problem is an Italian sentence; the
reader adds the file, the line and the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

import attrs
from lark import Lark, Token, Transformer_NonRecursive, v_args
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.acts import DATE_FORMS, date_problem, day_month, day_problem
from ciclope.plugins.regolamento.format.expr import (
    BARE,
    BOOL,
    COMPARISONS,
    COUNT,
    DATE,
    DAYS,
    DAYS_UNIT,
    EURO,
    EURO_UNIT,
    LEVEL,
    NUMBER,
    PER_DAY_UNIT,
    PERCENT,
    PERCENT_PER_DAY_UNIT,
    PERSON,
    POINTS,
    POINTS_DIM,
    TEXT,
    UNKNOWN,
    Binary,
    Call,
    Defined,
    Formula,
    Name,
    Negative,
    Node,
    Num,
    Text,
    Type,
    nodes,
    times,
)
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.quantities import (
    AGGREGATES,
    COLUMN_NAMES,
    CONSTANTS,
    FORMER_NAMES,
    FUNCTIONS,
    RESULT_FUNCTIONS,
    SCORED_FUNCTIONS,
    SIGNATURES,
    Place,
    Quantity,
    quantity,
)
from ciclope.plugins.regolamento.format.wording import contracted, number, said
from ciclope.plugins.regolamento.read.columns import TYPES
from ciclope.plugins.regolamento.read.columns import problem as column_problem

MAX_LENGTH = 1000
MAX_DEPTH = 40
GRAMMAR = r"""
start: expr
?expr: concat
     | concat COMPOP concat     -> binary
?concat: sum
     | sum (AMP sum)+           -> joined
?sum: product
    | sum ADDOP product         -> binary
?product: power
    | product MULOP power       -> binary
?power: unary
    | unary POW power           -> binary
?unary: atom
    | ADDOP unary               -> sign
?atom: number
    | STRING                    -> text
    | NAME                      -> name
    | NAME "(" [expr (";" expr)*] ")"  -> call
    | "(" expr ")"
number: NUMBER [PERCENT | EURO | DAYS]
      | EURO_SIGN NUMBER [PER_DAY]   -> euro_first
COMPOP: /(>=|<=|<>|!=|==|≥|≤|≠|=|<|>)/
ADDOP: "+" | "-" | "−"
MULOP: "*" | "/" | "×" | "÷"
POW: "^"
AMP: "&"
PERCENT: /%(\s*(\/\s*giorno|al\s+giorno)(?![\w]))?/
EURO: /€(\s*(\/\s*giorno|al\s+giorno)(?![\w]))?/
EURO_SIGN: "€"
DAYS: /giorn[io](?![\w])/
PER_DAY: /(\/\s*giorno|al\s+giorno)(?![\w])/
NUMBER: /[0-9]+([.,][0-9]+)?/
STRING: /"[^"\n]*"/ | /'[^'\n]*'/ | /«[^»\n]*»/
NAME: /[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*(\.[A-Za-zÀ-ÖØ-öø-ÿ_][A-Za-zÀ-ÖØ-öø-ÿ0-9_]*)*/
%ignore /[ \t\r\n\u00a0]+/
"""
_PARSER = Lark(GRAMMAR, parser="lalr", propagate_positions=False, maybe_placeholders=True)
OPS = {"×": "*", "÷": "/", "−": "-", "≥": ">=", "≤": "<=", "≠": "<>", "!=": "<>", "==": "="}


# euro × giorni where an amount is asked: an amount per day written as a plain amount (``assenze * 15 €``), or days
# divided by a bare number, which stays days (``assenze / 264``)
PER_DAY_HINT = (
    " (un importo per giorno si scrive con «al giorno», es. assenze * 15 € al giorno; una parte dell'anno con i "
    "giorni, es. assenze / 264 giorni o assenze / giorni_anno)"
)


# giorni where a percentage is asked: a share per day written as a plain percentage (``(assenze - 15 giorni) * 1%``)
PERCENT_PER_DAY_HINT = " (una quota per giorno si scrive con «% al giorno», es. (assenze - 15 giorni) * 1% al giorno)"


# words of units after a number that the formulas do not read (only €, giorni and % are units of theirs)
UNIT_WORDS = re.compile(r"(?i)(mes[ei]|ann[io]|punt[io]|or[ae]|settiman[ae]|minut[io])(?![\w])")
UNITS_SAID = "hanno un'unità solo gli importi, i giorni e le percentuali: 15 €, 10 giorni, 30%"


# a spreadsheet's conditional sums and counts: here the condition is read for each person inside the .ENTE function;
# and its SE.ERRORE, which the format has no need of
SPREADSHEET_ONLY = {
    "SOMMA.SE": ": la somma di chi soddisfa una condizione si scrive SOMMA.ENTE(SE(condizione; valore; 0))",
    "CONTA.SE": ": quante persone soddisfano una condizione si scrive CONTA.ENTE(condizione)",
    "CONTA.SE.MULTIPLO": ": quante persone soddisfano più condizioni si scrive CONTA.ENTE(E(condizione; condizione))",
    "SOMMA.PIÙ.SE": ": la somma di chi soddisfa più condizioni si scrive SOMMA.ENTE(SE(E(condizione; condizione); "
    "valore; 0))",
    "SE.ERRORE": ": non esiste nelle formule del regolamento, dove un valore che non si calcola per una persona è già "
    "un errore che la nomina; la scelta tra due valori si scrive SE(condizione; se vera; se falsa)",
}


# a spreadsheet's English names: the Italian one of the format, whose hint is said instead
ENGLISH = {
    "IF": "SE",
    "IFS": "PIÙ.SE",
    "IFERROR": "SE.ERRORE",
    "AND": "E",
    "OR": "O",
    "NOT": "NON",
    "SUM": "SOMMA",
    "AVERAGE": "MEDIA",
    "ROUND": "ARROTONDA",
    "ROUNDDOWN": "ARROTONDA.PER.DIF",
    "ROUNDUP": "ARROTONDA.PER.ECC",
    "ABS": "ASS",
    "CONCAT": "CONCATENA",
    "CONCATENATE": "CONCATENA",
    "SUMIF": "SOMMA.SE",
    "SUMIFS": "SOMMA.PIÙ.SE",
    "COUNTIF": "CONTA.SE",
    "COUNTIFS": "CONTA.SE.MULTIPLO",
}


# the functions, where an unknown one is near none: the aggregates once, as their «.ENTE» (or «.GRUPPO») form
FUNCTION_LIST = (
    " (funzioni ammesse: "
    + ", ".join(fn for fn in FUNCTIONS if not fn.endswith((".ENTE", ".GRUPPO")))
    + " e, sulle persone, "
    + ", ".join(f"{fn}.ENTE" for fn in AGGREGATES)
    + ", ciascuna anche .GRUPPO)"
)


def unknown_function(fn: str) -> str:
    """What to write for a function the format does not have: a spreadsheet's own (in Italian or English) said as
    the format writes it, else the nearest function («forse «SOMMA»?»), else the functions there are."""
    italian = ENGLISH.get(fn, fn)  # the reader writes a function's name in capitals
    if italian in SPREADSHEET_ONLY:
        return SPREADSHEET_ONLY[italian]
    if italian in SIGNATURES:
        return f": le funzioni si scrivono con il nome italiano, {SIGNATURES[italian][0]}"
    return nearest(fn, list(FUNCTIONS)) or FUNCTION_LIST


# the same, where such a value meets an amount or a share: «450 € - MAX(0; assenze - 10) * 15 €»
PER_DAY_MIXED = {
    frozenset(("euro", "euro × giorni")): PER_DAY_HINT,
    frozenset(("una percentuale", "giorni")): PERCENT_PER_DAY_HINT,
}


# points where a percentage is asked, or «punteggio%»: how a share of the score is written
SCORE_SHARE = (
    "la quota dal punteggio è punteggio / 100 (con una scala propria, [punteggio] su = 60, punteggio / 60) e i valori "
    "accanto si scrivono senza % (1, non 100%; 0,6, non 60%)"
)


def score_share(scale: Decimal | None) -> str:
    """How a share of the score is written (:data:`SCORE_SHARE`): on a scale of the file's own ([punteggio] su other
    than 100), divided by that scale, which is what ``punteggio`` is in points of."""
    if scale is None or scale == 100:
        return SCORE_SHARE
    on = number(scale, False)
    return (
        f"la quota dal punteggio è punteggio / {on} (il punteggio è in punti su {on}, la scala di [punteggio] su) e "
        "i valori accanto si scrivono senza % (1, non 100%; 0,6, non 60%)"
    )


class FormulaError(ValueError):
    """A formula that cannot be read (the message is Italian, for people)."""


@v_args(inline=True)
class _Tree(Transformer_NonRecursive[Token, Node]):
    """lark's parse tree → the frozen nodes of :mod:`format.expr`."""

    def start(self, node: Node) -> Node:
        return node

    def number(self, tok: Token, mark: Token | None) -> Num:
        value = Decimal(str(tok).replace(",", "."))
        if mark is None:
            return Num(value, False, tok.start_pos or 0)
        if mark.type == "PERCENT":
            unit = PERCENT_PER_DAY_UNIT if "giorno" in mark else ""
            return Num(value / 100, True, tok.start_pos or 0, unit)
        if mark.type == "DAYS":
            return Num(value, False, tok.start_pos or 0, DAYS_UNIT)
        return Num(value, False, tok.start_pos or 0, PER_DAY_UNIT if "giorno" in mark else EURO_UNIT)

    def euro_first(self, sign: Token, tok: Token, per_day: Token | None) -> Num:
        """``€ 15`` (``€ 15 al giorno``): an amount written as an Italian text writes it, the sign first."""
        value = Decimal(str(tok).replace(",", "."))
        return Num(value, False, sign.start_pos or 0, PER_DAY_UNIT if per_day is not None else EURO_UNIT)

    def text(self, tok: Token) -> Text:
        return Text(str(tok)[1:-1], tok.start_pos or 0)

    def name(self, tok: Token) -> Name | Call:
        """A name (a former one, ``fte``, as the name it became: the rest of the plugin knows one name); VERO and
        FALSO, a spreadsheet's constants (written with or without brackets), are the functions that give them."""
        if str(tok).upper() in CONSTANTS:
            return Call(str(tok).upper(), (), tok.start_pos or 0)
        name = str(tok).lower()
        if name in FORMER_NAMES:
            return Name(FORMER_NAMES[name], tok.start_pos or 0, written=name)
        return Name(name, tok.start_pos or 0)

    def call(self, tok: Token, *args: Node | None) -> Call:
        return Call(str(tok).upper(), tuple(a for a in args if a is not None), tok.start_pos or 0)

    def binary(self, left: Node, op: Token, right: Node) -> Binary:
        return Binary(OPS.get(str(op), str(op)), left, right, op.start_pos or 0)

    def joined(self, *items: Node | Token) -> Call:
        """``a & b & c``, a spreadsheet's joining of texts: one CONCATENA of them all, checked and said as it is."""
        values = tuple(i for i in items if not isinstance(i, Token))
        first = next(i for i in items if isinstance(i, Token))  # the first «&», where a message points
        return Call("CONCATENA", values, first.start_pos or 0)

    def sign(self, op: Token, operand: Node) -> Node:
        return operand if str(op) == "+" else Negative(operand, op.start_pos or 0)


def parse(text: str, scale: Decimal | None = None) -> Node:
    """The tree of ``text`` (without its leading ``=``), or FormulaError saying where it stops reading; ``scale``:
    [punteggio] su, the scale a hint on a share of the score divides by."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula troppo lunga ({len(text)} caratteri, al più {MAX_LENGTH}): dividila in parti")
    try:
        tree = _Tree().transform(_PARSER.parse(text))
    except UnexpectedInput as exc:
        raise FormulaError(_unreadable(text, exc, scale)) from None
    except (LarkError, InvalidOperation, RecursionError):
        raise FormulaError("formula che non si legge") from None
    if depth(tree) > MAX_DEPTH:
        raise FormulaError(f"formula troppo annidata (più di {MAX_DEPTH} livelli): dividila in parti")
    unknown: list[str] = []
    node: Node = grades.lettered(tree, unknown)
    if unknown:
        raise FormulaError("; ".join(dict.fromkeys(_no_category(word) for word in unknown)))
    return node


def _no_category(word: str) -> str:
    return (
        f"categoria «{word}» sconosciuta{nearest(word, grades.KNOWN)}: la categoria del contratto è "
        f"{', '.join(grades.CATEGORIES[:-1])} o {grades.CATEGORIES[-1]}, o il nome della sua Area "
        f"({', '.join(grades.AREAS)})"
    )


def _unreadable(text: str, exc: UnexpectedInput, scale: Decimal | None) -> str:
    at = getattr(exc, "pos_in_stream", None)
    ended = isinstance(exc, UnexpectedToken) and exc.token.type == "$END"  # lalr's end: at the last token read
    if ended or isinstance(exc, UnexpectedEOF) or at is None or at >= len(text):
        return _ended(text)
    found = text[at]
    hint = ""
    if found == ")" and _open_parentheses(text[:at]) == 0:
        hint = ": una parentesi chiusa di troppo?"
    elif found == ",":
        hint = ": separa gli argomenti di una funzione con il punto e virgola «;», come in un foglio di calcolo"
    elif found in "([" and isinstance(exc, UnexpectedToken):
        hint = ": manca un operatore prima della parentesi?"
    elif isinstance(exc, UnexpectedCharacters) and found == '"':
        hint = ": un testo si chiude con le virgolette"
    elif re.match(r"(?i)euro?\b", text[at:]):  # «1000 EUR», «1000 euro»: the sign is the unit
        hint = ": un importo si scrive con il simbolo €, es. 1000 €"
    elif found == "%":  # «punteggio%»: a spreadsheet divides by 100, here a percentage is a unit of numbers
        hint = f": il % si scrive solo dopo un numero (30%); {score_share(scale)}"
    elif (number := _unit_after(text, at)) is not None:  # «6 mesi», «80 punti»: a unit the formulas do not have
        hint = f": un numero si scrive senza unità: «{number}» ({UNITS_SAID})"
    elif isinstance(exc, UnexpectedToken) and _value_after_value(text, at):  # «grado = "B" 400 €»
        hint = ": manca un «;» tra gli argomenti, o un operatore, prima di questo valore?"
    return f"la formula non si legge dal carattere {at + 1} («{text[at : at + 12]}»){hint}"


def _value_after_value(text: str, at: int) -> bool:
    """Whether the token at ``at`` is a value (a number, a name, a text) right after one that was complete (a digit,
    a letter, «€», «%», a closing quote or parenthesis): two values side by side, a «;» or an operator left out."""
    before = text[:at].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in '€%")') and (text[at].isalnum() or text[at] == '"')


TERMS = ("il primo termine", "il secondo termine")  # of an operation or a comparison
BRANCHES = ("il valore se vera", "il valore se falsa")  # of SE


def declare(name: str) -> str:
    """How to declare an unknown name that could be a column of the office's data (``[[colonne]]``, with the keys the
    guide writes), after its «nome sconosciuto» where no known name is near it (a typo is told the name it misses);
    "" for a name no column may take (``x_…``, a column ciclope reads)."""
    if column_problem(name) is not None:
        return ""
    kinds = ", ".join(k for k in TYPES if k != "numero")
    return (
        "; se è un dato dell'ente che ciclope non legge, dichiaralo come colonna di persone.csv in [[colonne]]: "
        f'nome = "{name}", tipo = "numero" (o {kinds}), significato = "…", fonte = "art. …"'
    )


def _sides(left: Node, right: Node, roles: tuple[str, str]) -> tuple[str, str]:
    """The two values of an operation, a comparison or a choice in words: each by its role, a number written with
    it («il valore se vera (1)»)."""
    return (_side(left, roles[0]), _side(right, roles[1]))


def _side(node: Node, role: str) -> str:
    return (
        f"{role} ({number(node.value, False)})" if isinstance(node, Num) and not (node.unit or node.percent) else role
    )


def _unit_after(text: str, at: int) -> str | None:
    """The number written before ``at`` when what stops the reading there is a word of a unit the formulas do not
    have (months, years, points, hours), else None."""
    number = re.search(r"[0-9]+([.,][0-9]+)?\s*$", text[:at])
    if number is None or not UNIT_WORDS.match(text, at):
        return None
    return number.group().strip()


def _ended(text: str) -> str:
    """A formula that stops before it is whole: the parentheses left open, else a missing last term."""
    left = _open_parentheses(text)
    if left > 0:
        missing = "manca una parentesi chiusa «)»" if left == 1 else f"mancano {left} parentesi chiuse «)»"
        return f"la formula finisce prima del tempo: {missing}, alla fine o dove finisce il suo argomento"
    return "la formula finisce prima del tempo: manca un termine dopo l'ultimo operatore o l'ultimo «;»"


def _open_parentheses(text: str) -> int:
    """How many parentheses ``text`` leaves open, those inside quoted texts not counted."""
    unquoted = "".join(text.split('"')[::2])
    return unquoted.count("(") - unquoted.count(")")


def depth(node: Node) -> int:
    """The depth of a tree, computed without recursion (a hostile formula is bounded before anything recurses)."""
    best, stack = 0, [(node, 1)]
    while stack:
        n, d = stack.pop()
        best = max(best, d)
        if isinstance(n, Call):
            stack += [(a, d + 1) for a in n.args]
        elif isinstance(n, Binary):
            stack += [(n.left, d + 1), (n.right, d + 1)]
        elif isinstance(n, Negative):
            stack.append((n.operand, d + 1))
        elif isinstance(n, Defined):
            stack.append((n.body, d + 1))
    return best


@attrs.frozen
class Scope:
    """What a formula may name where it is written: its place, the levels of the scale, the sections of the
    card, the parts paid before it."""

    place: Place
    levels: tuple[str, ...] = ()
    sections: tuple[str, ...] | None = None  # None: the card's sections are checked against the ente's data
    parts: tuple[str, ...] = ()
    # the regulation's [[colonne]] (name → type, words), and ``unita`` when the file names the kind of its unit
    columns: Mapping[str, Quantity] = attrs.field(factory=dict)
    # the regulation's [[definizioni]], each resolved (read.definitions): put where its name is written
    definitions: Mapping[str, Defined] = attrs.field(factory=dict)
    # [punteggio] su: the scale ``punteggio`` is in points of (None: 100), which a hint on a share of it divides by
    scale: Decimal | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The place's names, then the declared columns (an appointment's only where a row of incarichi.csv is read),
        then the definitions."""
        columns = (name for name, q in self.columns.items() if self.place.rows or not q.row)
        return tuple(dict.fromkeys((*self.place.names, *columns, *self.definitions)))

    def quantity(self, name: str) -> Quantity | None:
        return self.columns.get(name) or quantity(name)


def read(raw: str, scope: Scope) -> Formula:
    """The formula written ``raw`` (``"=…"``), checked for ``scope``; FormulaError with every problem found."""
    text = written(raw)
    tree = parse(text, scope.scale)
    # the names this place says in words of its own, then the declared columns: their words travel with the tree
    own = {name: attrs.evolve(q, words=words) for name, words in scope.place.said if (q := quantity(name))}
    if scope.columns or own:
        tree = declared(tree, {**own, **scope.columns})
    if scope.definitions:
        tree = resolved(tree, scope.definitions)
    problems: list[str] = []
    checker = Checker(scope, problems)
    found = checker.type(tree)
    want = scope.place.result
    if not problems and not fits(found, want):
        days = dict(found.dims).get("giorni") == 1
        hint = PER_DAY_HINT if days and want == EURO else PERCENT_PER_DAY_HINT if days and want.percent else ""
        problems.append(f"la formula dà {found.word()}, ma {scope.place.words} è {want.word()}{hint}")
    if problems:
        raise FormulaError("; ".join(dict.fromkeys(problems)))
    if checker.euro or checker.percent or checker.percents or checker.days or checker.weighted:
        tree = marked(tree, checker.marks())
    return Formula(text, tree, found, uses(tree))


def uses(tree: Node) -> frozenset[str]:
    """The functions and names a tree reads, those of the definitions it reads among them."""
    every = nodes(tree)
    functions = frozenset(n.fn for n in every if isinstance(n, Call))
    return functions | frozenset(n.name for n in every if isinstance(n, Name))


def written(raw: str) -> str:
    """The text of a formula written ``raw`` (``"=…"``), after its ``=``: a formula written on several lines reads as
    one; FormulaError when nothing follows the ``=``."""
    text = re.sub(r"\s*\n\s*", " ", raw.strip()[1:].strip())
    if not text:
        raise FormulaError("formula vuota dopo «=»")
    return text


def resolved(node: Node, definitions: Mapping[str, Defined]) -> Node:
    """The tree with each name of a definition replaced by the definition, where the name is written."""

    def defined(name: Name) -> Node:
        found = definitions.get(name.name)
        return attrs.evolve(found, at=name.at) if found is not None else name

    return names_replaced(node, defined)


def declared(node: Node, columns: Mapping[str, Quantity]) -> Node:
    """The tree with each name of a declared column carrying the column's words (the tree is bounded in depth)."""

    def worded(name: Name) -> Node:
        q = columns.get(name.name)
        return attrs.evolve(name, words=q.words, year=q.year, date=q.type == DATE) if q is not None else name

    return names_replaced(node, worded)


def names_replaced(node: Node, replace: Callable[[Name], Node]) -> Node:
    """The tree with each name as ``replace`` gives it, the rest rebuilt around it."""
    if isinstance(node, Name):
        return replace(node)
    if isinstance(node, Call):
        return attrs.evolve(node, args=tuple(names_replaced(a, replace) for a in node.args))
    if isinstance(node, Binary):
        return attrs.evolve(node, left=names_replaced(node.left, replace), right=names_replaced(node.right, replace))
    if isinstance(node, Negative):
        return attrs.evolve(node, operand=names_replaced(node.operand, replace))
    return node


@attrs.frozen
class Marks:
    """What the check found on the calls of a tree, each call known by where it starts in the text: the calls whose
    value is in euro (an aggregate of amounts, a choice among them) or a percentage, and the percentage arguments of
    each CONCATENA."""

    euro: set[int]
    percent: set[int]
    percents: Mapping[int, frozenset[int]]
    days: set[int] = attrs.field(factory=set)
    weighted: set[int] = attrs.field(factory=set)


def marked(node: Node, marks: Marks) -> Node:
    """The tree with ``marks`` set on its calls (``Call.euro``, ``Call.percent``, ``Call.percents``)."""
    if isinstance(node, Call):
        return attrs.evolve(
            node,
            args=tuple(marked(a, marks) for a in node.args),
            euro=node.at in marks.euro,
            percent=node.at in marks.percent,
            percents=marks.percents.get(node.at, frozenset()),
            days=node.at in marks.days,
            weighted=node.at in marks.weighted,
        )
    if isinstance(node, Binary):
        return attrs.evolve(node, left=marked(node.left, marks), right=marked(node.right, marks))
    if isinstance(node, Negative):
        return attrs.evolve(node, operand=marked(node.operand, marks))
    return node


def fits(found: Type, want: Type) -> bool:
    """A formula's type where ``want`` is asked: a bare number fits any number, a level name a level; a weight
    (``want`` a plain number) may have any unit, since only the ratios of the weights count."""
    if want.kind == "livello":
        return found.kind in ("livello", "testo")
    if want.numeric and found.numeric:
        return found.bare or found.same_unit(want) or (want == NUMBER)
    if want.kind == "testo":  # a name (a graduatoria's): a number or a yes/no names it as well as a text
        return found.kind in ("testo", "numero", "logico")
    return found.kind == want.kind


class Checker:
    """The type of each node, every problem of the tree collected (a wrong node typed as what it should be, so
    the check goes on)."""

    def __init__(self, scope: Scope, problems: list[str]):
        self.scope = scope
        self.problems = problems
        self.aggregating = False
        self.euro: set[int] = set()  # where each aggregate of amounts (a choice among them) starts (marked)
        self.percent: set[int] = set()  # where each choice among percentages starts
        self.percents: dict[int, frozenset[int]] = {}  # where each CONCATENA starts → its percentage arguments
        self.days: set[int] = set()  # where each choice among days starts
        self.weighted: set[int] = set()  # where each aggregate of amounts times scores starts

    def marks(self) -> Marks:
        """What the check found to mark on the tree's calls."""
        return Marks(self.euro, self.percent, self.percents, self.days, self.weighted)

    def type(self, node: Node) -> Type:
        if isinstance(node, Num):
            return node.type
        if isinstance(node, Text):
            return TEXT
        if isinstance(node, Name):
            return self.name(node)
        if isinstance(node, Negative):
            inner = self.type(node.operand)
            return inner if inner.numeric else self._wrong(inner, "un numero", "il segno meno")
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Defined):
            return self.defined(node)
        return self.call(node)

    def defined(self, node: Defined) -> Type:
        """A definition where it is read: its formula checked here, as if written in its place (what it reads must
        be read here; its units meet the formula's), each problem naming it. The marks its check leaves are its own
        (where its calls start in its own text): the definition's tree was marked when it was read."""
        if node.type.unknown:  # a definition that does not read: said at its key
            return UNKNOWN
        outer = self.problems, self.euro, self.percent, self.percents
        self.problems, self.euro, self.percent, self.percents = [], set(), set(), {}
        try:
            found = self.type(node.body)
        finally:
            mine, (self.problems, self.euro, self.percent, self.percents) = self.problems, outer
        self.problems += [f"nella definizione «{node.name}»: {p}" for p in dict.fromkeys(mine)]
        return found

    def _why(self) -> str:
        """Why the evaluation is not known where the formula is written, after a refusal («: …»), if said."""
        return f": {self.scope.place.why}" if self.scope.place.why else ""

    def unscored(self, node: Call) -> bool:
        """True (and a problem) for a function of the evaluation where no evaluation is known."""
        if self.scope.place.scored or node.fn not in SCORED_FUNCTIONS:
            return False
        self.problems.append(contracted(f"{node.fn} non si usa in {self.scope.place.words}") + self._why())
        return True

    def _wrong(self, found: Type, wanted: str, where: str) -> Type:
        if found.unknown:  # the value of an unknown function: already said, its type is not known
            return UNKNOWN
        self.problems.append(f"{where} vuole {wanted}, non {found.word()}")
        return BARE

    def name(self, node: Name) -> Type:
        if node.name not in self.scope.names:
            known = self.scope.quantity(node.name)
            if node.name == "livello" and not self.scope.place.level:
                self.problems.append("la formula del livello non può leggere il livello stesso")
            elif known is not None:
                why = (PROJECT_WHY if known.project else ROW_WHY) if known.row else self._why()
                self.problems.append(contracted(f"«{node.said}» non si usa in {self.scope.place.words}") + why)
                return known.type  # typed as what it is, so the rest of the formula is checked without noise
            elif COLUMN_NAMES.get(node.name) in self.scope.names:  # the column the office fills, by its header
                meant = COLUMN_NAMES[node.name]
                self.problems.append(f"la colonna {node.name} di persone.csv nelle formule si chiama «{meant}»")
                return self.name(Name(meant, node.at))  # checked as the name it means, so the rest is checked too
            else:
                hint = nearest(node.name, list(self.scope.names))
                listed = any("; nomi ammessi: " in p for p in self.problems)  # the list once per formula
                names = "" if listed else f"; nomi ammessi: {', '.join(self.scope.names)}"
                self.problems.append(
                    f"nome sconosciuto «{node.name}»{hint}{'' if listed or hint else declare(node.name)}{names}"
                )
                return UNKNOWN  # what it is is not known: the rest of the formula is not checked against a guess
            return BARE
        q = self.scope.quantity(node.name)
        assert q is not None
        if q.row and self.aggregating:
            self.problems.append(
                f"«{node.said}» è un dato di ciascun incarico: non si legge dentro una funzione sulle persone"
            )
        if self.scope.place.shared and not self.aggregating and not q.whole:  # a datum of the ente is everyone's
            self.problems.append(
                f"{self.scope.place.words} vale per tutti: «{node.said}» di una persona si legge dentro una funzione "
                "sulle persone, es. MEDIA.ENTE(punteggio)"
            )
        return q.type

    def binary(self, node: Binary) -> Type:
        a, b = self.type(node.left), self.type(node.right)
        if node.op in COMPARISONS:
            self.comparable(a, b, node)
            return BOOL
        if node.op == "/" and isinstance(node.right, Num) and node.right.value == 0:
            self.problems.append("divisione per zero")
        if a.unknown or b.unknown:  # an unknown function's value: what it meets has no unit to check either
            return UNKNOWN
        if not a.numeric or not b.numeric:
            return self._wrong(a if not a.numeric else b, "numeri", f"«{node.op}»")
        if node.op in "+-":
            part_of = _share_of_number(node.left) or _share_of_number(node.right)
            return self.unify(a, b, f"«{node.op}»", _sides(node.left, node.right, TERMS), part_of)
        if node.op == "^":
            if a.dims or not b.bare:
                self.problems.append("l'elevamento a potenza vuole un numero senza unità e un esponente scritto")
            return a
        if node.op == "*" and ((a.count and b.percent and not b.dims) or (b.count and a.percent and not a.dims)):
            return COUNT  # «10% × CONTA.ENTE(…)»: a part of the people, as many people
        if (a.bare and not b.dims) or (b.bare and not a.dims):
            # «1000 × 30%», «100 × fte»: still an amount written, its unit that of what it meets; a percentage for
            # all that where it holds one: «(psr - 90) × 1%» is a percentage, added to «60%» as one
            return attrs.evolve(times(a, b, 1 if node.op == "*" else -1), bare=True)
        per_point = _per_point(a, b, node.op)
        if a.bare:  # «2 × punteggio»: the written number is a coefficient
            a = NUMBER
        if b.bare:
            b = NUMBER
        return attrs.evolve(times(a, b, 1 if node.op == "*" else -1), per_point=per_point)

    def unify(self, a: Type, b: Type, where: str, sides: tuple[str, str] = ("", ""), part_of: bool = False) -> Type:
        """The common type of two values added, compared or chosen among; a problem when their units differ. A
        number without units (written, or a ratio such as fte or days / days) takes the unit of the other; a
        number written beside a percentage must say % (70% of an achievement, not 70), but for 0, which is 0%. An
        unknown function's value combines with anything, silently, and stays unknown (its problem is said once).
        ``sides``: the two values in words (:func:`_sides`), to say which one is the number and which the
        percentage; ``part_of``: the percentage is a number times a written percentage («VALUTAZIONE.MEDIA(3) * 50%»),
        which the office meant as a part of the number."""
        if a.unknown or b.unknown:
            return a if a.unknown else b
        if (a.bare and not a.percent and not a.zero and b.percent) or (
            b.bare and not b.percent and not b.zero and a.percent
        ):
            # «1 - 10%» is 0.9 in a spreadsheet, where % only divides by 100; here a percentage is a unit
            whole = ": l'intero si scrive 100% (1 - 10% è 100% - 10%)" if where in ("«+»", "«-»") else ""
            if part_of:  # «il 50% della media»: a number times a percentage is a percentage, a part of it a number
                whole = (
                    ": un numero per una percentuale è una percentuale; se è una parte del numero («il 50% della "
                    "media»), scrivilo × 50 / 100 (o / 2)"
                )
            share, plain = sides if a.percent else sides[::-1]
            which = f"{plain} è un numero e {share} una percentuale: " if all(sides) else ""
            self.problems.append(
                f"{where}: {which}un numero scritto accanto a una percentuale va scritto con %, es. 70%{whole}"
            )
            return a if a.percent else b
        if a.bare and b.numeric and b.dims:  # numbers written, a percentage of them too, take the other's unit
            return b
        if b.bare and a.numeric and a.dims:
            return a
        if _plain(a) and b.numeric:
            return b
        if _plain(b) and a.numeric:
            return a
        if a.same_unit(b) and a.percent == b.percent:
            return a
        if a.per_point and _percentage(b):  # «50% + (punteggio - 60) × 1,25%»: 1,25% for each point, a percentage
            return b
        if b.per_point and _percentage(a):
            return a
        if a.kind in ("livello", "testo") and b.kind in ("livello", "testo") and LEVEL in (a, b):
            return LEVEL
        hint = ""
        if {a.word(), b.word()} == {"punti", "una percentuale"} and not where.startswith("il confronto"):
            # «SE(punteggio >= 95; 100%; punteggio / 100)»: a share of the score is points, as a number is
            hint = f": il punteggio è in punti, non in percentuale; {score_share(self.scope.scale)}"
        elif not where.startswith("il confronto"):  # «450 € - assenze * 15 €»: an amount per day written as an amount
            hint = PER_DAY_MIXED.get(frozenset((a.word(), b.word())), "")
        self.problems.append(f"{where}: non si combinano {a.word()} e {b.word()}{hint}")
        return a

    def comparable(self, a: Type, b: Type, node: Binary) -> None:
        if a.unknown or b.unknown:  # an unknown function compared: nothing to say beyond it
            return
        if a.kind == "logico" or b.kind == "logico":
            self.problems.append(f"«{node.op}» confronta numeri, testi o livelli, non condizioni")
            return
        if LEVEL in (a, b):
            other, side = (node.right, b) if a == LEVEL else (node.left, a)
            if side.kind == "testo":
                self.level_name(other)
                return
        if DATE in (a, b):
            self.dates(a, b, node)
            return
        if (a.kind == "testo" or b.kind == "testo") and node.op not in ("=", "<>"):
            self.problems.append(f"i testi si confrontano solo con = e <>, non con «{node.op}»")
            return
        self.unify(a, b, f"il confronto «{node.op}»", _sides(node.left, node.right, TERMS))

    def dates(self, a: Type, b: Type, node: Binary) -> None:
        """A person's date compared (with any of the six comparisons): with another date, or with a date written
        between quotes (:func:`format.acts.date_written`), which the comparison reads as that day; anything else
        is refused, saying how a date is written."""
        where = f"il confronto «{node.op}»"
        other, found = (node.right, b) if a == DATE else (node.left, a)
        if isinstance(other, Text):
            if (problem := date_problem(other.value)) is not None:
                self.problems.append(f"{where}: {problem}")
        elif found != DATE:
            self.problems.append(
                f"{where}: una data si confronta con un'altra data o con una data tra virgolette ({DATE_FORMS}), non "
                f"con {found.word()}"
            )

    def level_name(self, node: Node) -> None:
        if isinstance(node, Text) and self.scope.levels and node.value not in self.scope.levels:
            hint = nearest(node.value, list(self.scope.levels))
            self.problems.append(f"livello «{node.value}» sconosciuto{hint}; livelli: {', '.join(self.scope.levels)}")

    def call(self, node: Call) -> Type:
        fn = node.fn
        if self.scope.place.shared and not self.aggregating:
            self.personal(fn)
        over_people = fn.endswith((".ENTE", ".GRUPPO")) and not self.scope.place.shared
        if not self.scope.place.results and (fn in RESULT_FUNCTIONS or over_people):
            self.problems.append(contracted(f"{fn} non si usa in {self.scope.place.words}") + self._why())
        elif fn.endswith(".GRUPPO") and not self.scope.place.groups:
            whole = fn.removesuffix(".GRUPPO") + ".ENTE"
            self.problems.append(
                contracted(f"{fn} non si usa in {self.scope.place.words}")
                + f": {self.scope.place.ungrouped}, senza gruppi; {whole} legge {self.scope.place.everyone}"
            )
        check = _CALLS.get(fn)
        if check is None:
            base = fn.rpartition(".")[0] if "." in fn else ""
            if base in AGGREGATES and fn.endswith((".ENTE", ".GRUPPO")):
                found = self.aggregate(node)
                self.unit_shown(node, found)  # a sum of amounts in euro, of percentages as one (105%, never 1,05)
                return found
            self.problems.append(f"funzione sconosciuta «{fn}»{unknown_function(fn)}")
            return UNKNOWN
        return check(self, node)

    def personal(self, fn: str) -> None:
        """A function of one person where the formula's value holds for everyone (a threshold, a fund) and no
        function over people is around it: refused, since it would read whoever the formula happened to be run for.
        PREMIO and FASCIA are said only where a part's premium (its band) is read at all: elsewhere their own refusal
        says it."""
        words = self.scope.place.words
        if fn.startswith("RANGO."):
            self.problems.append(f"{words} vale per tutti: {fn} dà la posizione di una persona e qui non si usa")
        elif fn in PERSONAL and {"PREMIO": self.scope.place.parts, "FASCIA": self.scope.place.bands}.get(fn, True):
            self.problems.append(
                f"{words} vale per tutti: {fn} dice di una persona e si legge dentro una funzione sulle persone, "
                f"es. {PERSONAL[fn]}"
            )

    def arity(self, node: Call, low: int, high: int | None = None) -> bool:
        n = len(node.args)
        high = low if high is None else high
        if n < low or (high >= 0 and n > high):
            want = (
                f"vuole {low}" if low == high else (f"vuole da {low} a {high}" if high >= 0 else f"vuole almeno {low}")
            )
            said = {"vuole 0": "non vuole argomenti", "vuole 1": "vuole un argomento"}.get(want, f"{want} argomenti")
            self.problems.append(f"{node.fn} {said}, ne ha {n}")
            return False
        return True

    def constant(self, node: Call) -> Type:
        """VERO, FALSO: a condition always true or false (the last case of PIÙ.SE, «altrimenti»)."""
        self.arity(node, 0)
        return BOOL

    def logical(self, node: Call) -> Type:
        if self.arity(node, 1 if node.fn == "NON" else 1, 1 if node.fn == "NON" else -1):
            for a in node.args:
                t = self.type(a)
                if t != BOOL:
                    self._wrong(t, "condizioni", node.fn)
        return BOOL

    def choose(self, node: Call) -> Type:
        if not self.arity(node, 3):
            return BARE
        cond = self.type(node.args[0])
        if cond != BOOL:
            self._wrong(cond, "una condizione come primo argomento", "SE")
        a, b = self.type(node.args[1]), self.type(node.args[2])
        if a.kind == "testo" and b.kind == "testo":
            for arg in node.args[1:]:
                if self.scope.place.result == LEVEL:
                    self.level_name(arg)
            return TEXT
        return self.unify(a, b, "SE", _sides(node.args[1], node.args[2], BRANCHES))

    def choices(self, node: Call) -> Type:
        """PIÙ.SE(condizione; valore; condizione; valore; …): each condition before its value, the values of one
        type (texts, or levels, or numbers of one unit)."""
        n = len(node.args)
        if n < 2 or n % 2:
            self.problems.append(f"{node.fn} vuole coppie di condizione e valore, ne ha {n} argomenti")
            return BARE
        for cond in node.args[::2]:
            t = self.type(cond)
            if t != BOOL:
                self._wrong(t, "una condizione prima di ogni valore", node.fn)
        values = node.args[1::2]
        types = [self.type(v) for v in values]
        if all(t.kind == "testo" for t in types):
            if self.scope.place.result == LEVEL:
                for v in values:
                    self.level_name(v)
            return TEXT
        out = types[0]
        for t in types[1:]:
            out = self.unify(out, t, node.fn)
        self.unit_shown(node, out)  # the case that holds is shown in its unit in an explanation
        return out

    def unit_shown(self, node: Call, out: Type) -> None:
        """A choice's value (the case of PIÙ.SE that holds, the term of MIN or MAX that wins) as an explanation shows
        it: in euro (an amount times a score as a number: it is no amount), as a percentage, or in days."""
        if out.same_unit(EURO) and out.weighted:
            self.weighted.add(node.at)
        elif out.same_unit(EURO):
            self.euro.add(node.at)
        elif out.same_unit(DAYS) and not out.percent:
            self.days.add(node.at)
        elif out.numeric and out.percent and not out.dims:
            self.percent.add(node.at)

    def many(self, node: Call) -> Type:
        if not self.arity(node, 1, -1):
            return BARE
        types = [self.type(a) for a in node.args]
        out = types[0]
        for t in types[1:]:
            out = self.unify(out, t, node.fn)
        if node.fn in ("MIN", "MAX") and out.kind in ("livello", "testo") and LEVEL in types:
            for a, t in zip(node.args, types):
                if t.kind == "testo":
                    self.level_name(a)
            return LEVEL
        if not out.numeric:
            return self._wrong(out, "numeri", node.fn)
        if node.fn in ("MIN", "MAX"):
            self.unit_shown(node, out)
        return out

    def concatenated(self, node: Call) -> Type:
        """CONCATENA(a; b; …): texts, numbers and conditions one after the other, as one text."""
        if self.arity(node, 2, -1):
            types = [self.type(a) for a in node.args]
            for t in types:
                if t.kind not in ("testo", "numero", "logico"):
                    self._wrong(t, "testi, numeri o vero/falso", node.fn)
            self.percents[node.at] = frozenset(i for i, t in enumerate(types) if t.numeric and t.percent)
        return TEXT

    def rounding(self, node: Call) -> Type:
        if not self.arity(node, 1, 2):
            return BARE
        t = self.type(node.args[0])
        if len(node.args) == 2 and not (
            isinstance(node.args[1], Num) and node.args[1].value == int(node.args[1].value)
        ):
            self.problems.append(f"{node.fn}: le cifre decimali sono un numero intero scritto, es. 2")
        return t if t.numeric else self._wrong(t, "un numero", node.fn)

    def absolute(self, node: Call) -> Type:
        if not self.arity(node, 1):
            return BARE
        t = self.type(node.args[0])
        return t if t.numeric else self._wrong(t, "un numero", "ASS")

    def ladder(self, node: Call) -> Type:
        if self.unscored(node):
            return LEVEL
        if self.arity(node, 1):
            t = self.type(node.args[0])
            if node.fn == "LIVELLO" and not (t.bare or t.same_unit(POINTS)):
                self._wrong(t, "punti", "LIVELLO")
            if node.fn in ("SOTTO", "SOPRA"):
                if t.kind == "testo":
                    self.level_name(node.args[0])
                elif t != LEVEL:
                    self._wrong(t, "un livello", node.fn)
        if not self.scope.levels:
            self.problems.append(f"{node.fn} vuole la scala di [livelli]")
        return LEVEL

    def section(self, node: Call) -> Type:
        if self.unscored(node):  # the cards are not read there: never a silent empty section
            return POINTS
        if self.arity(node, 1):
            arg = node.args[0]
            if not isinstance(arg, Text):
                self.problems.append(
                    "SEZIONE vuole il nome della sezione tra virgolette, es. SEZIONE(\"Comportamenti\")"
                )
            elif self.scope.sections is not None and arg.value not in self.scope.sections:
                hint = nearest(arg.value, list(self.scope.sections))
                known = ", ".join(self.scope.sections) or "nessuna"
                self.problems.append(f"sezione «{arg.value}» sconosciuta{hint}; sezioni delle schede: {known}")
        return POINTS

    def premium(self, node: Call) -> Type:
        if not self.scope.place.parts:
            self.problems.append(contracted(f"PREMIO non si usa in {self.scope.place.words}"))
        elif self.arity(node, 1):
            arg = node.args[0]
            if not isinstance(arg, Text):
                self.problems.append("PREMIO vuole il nome di una parte tra virgolette, es. PREMIO(\"presenza\")")
            elif arg.value not in self.scope.parts:
                hint = nearest(arg.value, list(self.scope.parts))
                before = ", ".join(self.scope.parts) or "nessuna"
                self.problems.append(
                    f"PREMIO(«{arg.value}»): nessuna parte precedente ha questo nome{hint}; parti "
                    f"pagate prima: {before}"
                )
        return Type("numero", (("euro", 1),))

    def band(self, node: Call) -> Type:
        """FASCIA("parte"): the band an earlier part placed the person in, where the parts are paid before (a later
        part's formulas, the progressions)."""
        if not self.scope.place.bands:
            self.problems.append(contracted(f"FASCIA non si usa in {self.scope.place.words}"))
        elif self.arity(node, 1):
            arg = node.args[0]
            if not isinstance(arg, Text):
                self.problems.append('FASCIA vuole il nome di una parte tra virgolette, es. FASCIA("fasce di merito")')
            elif arg.value not in self.scope.parts:
                hint = nearest(arg.value, list(self.scope.parts))
                before = ", ".join(self.scope.parts) or "nessuna"
                self.problems.append(
                    f"FASCIA(«{arg.value}»): nessuna parte pagata prima ha questo nome{hint}; parti pagate prima: "
                    f"{before}"
                )
        return TEXT

    def months(self, node: Call) -> Type:
        """MESI(giorni) or MESI(giorni; "dal"; "al"): the months of service of the person in the cycle's year or in
        that period, each whole from that many days of service in it. The period's days are written as IN.SERVIZIO's
        (a day of the year, a whole date, an act of [atti]); two days of the year are checked in order here."""
        if "giorni_servizio" not in self.scope.names:
            self.problems.append(
                contracted(f"MESI non si usa in {self.scope.place.words}") + ": conta i mesi di una persona"
            )
            return NUMBER
        if len(node.args) not in (1, 3):
            self.problems.append(
                'MESI vuole i giorni da cui un mese conta e, per un periodo, il primo e l\'ultimo giorno: '
                'MESI(16 giorni) o MESI(16 giorni; "01/04"; "30/06"), o una colonna di tipo data: MESI(16 giorni; '
                '"01/01"; data_nuovo_parametro)'
            )
            return NUMBER
        self._period(node.args[1:])
        arg = node.args[0]
        days = arg.value if isinstance(arg, Num) and arg.unit in ("", DAYS_UNIT) and not arg.percent else None
        if days is None or days != days.to_integral_value() or not 1 <= days <= 31:
            self.problems.append(
                "MESI vuole i giorni di servizio da cui un mese conta intero, un numero intero da 1 a 31: "
                "MESI(16 giorni) se la frazione di mese oltre 15 giorni conta un mese, MESI(15 giorni) se ne "
                "bastano 15"
            )
        return NUMBER

    def _period(self, days: Sequence[Node]) -> None:
        """The first and last day of MESI's period: each a day as IN.SERVIZIO's, the first not after the last when
        both are days of the cycle's year (a date of an act is known when the ente runs)."""
        written = []
        for day in days:
            if self.dated(day):
                continue  # a person's day ([[colonne]] tipo = "data"): its order is known when the ente runs
            if not isinstance(day, Text) or not day.value.strip():
                self.problems.append(
                    'MESI vuole i giorni del periodo tra virgolette o una colonna di tipo data: MESI(16 giorni; '
                    '"01/04"; "30/06"), MESI(16 giorni; "01/01"; data_nuovo_parametro)'
                )
                return
            if (problem := day_problem(day.value)) is not None:
                self.problems.append(f"MESI: {problem}")
                return
            written.append(day.value.strip())
        first, last = (day_month(d) for d in written) if len(written) == 2 else (None, None)
        if first is not None and last is not None and first[::-1] > last[::-1]:  # (month, day) in order
            self.problems.append(f"MESI: il periodo finisce ({written[1]}) prima di iniziare ({written[0]})")

    def dated(self, node: Node) -> bool:
        """True for a name of a declared column of dates (``tipo = "data"``), the day of a person where MESI and
        IN.SERVIZIO take a day; checked as any name of the formula (where it is read, its list)."""
        return isinstance(node, Name) and self.scope.quantity(node.name) is not None and self.type(node) == DATE

    def objective(self, node: Call) -> Type:
        """OBIETTIVO("codice"): the achievement of an objective of the ente's objectives file, a percentage as
        ``unita`` and ``ente`` are, one value for everyone (so read in every place, a threshold's too, outside any
        function over people). The code is a text written in the formula, so the value is the same for everyone
        and ``leggi`` can say which objective; whether the ente's file has it is known when the ente runs. In an
        amount by appointment the code may be a column of text that writes it (``OBIETTIVO(obiettivo_progetto)``, the objective
        of the project the appointment names): the value is then the row's."""
        arg = node.args[0] if len(node.args) == 1 else None
        q = self.scope.quantity(arg.name) if isinstance(arg, Name) else None
        if arg is not None and q is not None and q.row and q.type == TEXT:
            self.type(arg)  # read where it may be: an amount by appointment
            return PERCENT
        self.one_text(node, 'il codice dell\'obiettivo tra virgolette, come in obiettivi.csv, es. OBIETTIVO("OB1")')
        return PERCENT

    def rows_sum(self, node: Call) -> Type:
        """SOMMA.INCARICHI(x): x summed over the appointments the part pays that name the same project as the one
        paid (the project's team), each read for its own person: only in an amount by appointment."""
        if not self.scope.place.rows:
            self.problems.append(
                contracted(f"SOMMA.INCARICHI non si usa in {self.scope.place.words}")
                + ": somma sugli incarichi dello stesso progetto, solo negli importi per incarico"
            )
        if not self.arity(node, 1):
            return BARE
        if self.aggregating:
            self.problems.append("SOMMA.INCARICHI dentro una funzione sulle persone")
        found = self.type(node.args[0])
        if not found.unknown and not found.numeric:
            return self._wrong(found, "un numero da sommare (es. il peso di ciascuno)", "SOMMA.INCARICHI")
        return found

    def one_text(self, node: Call, what: str) -> None:
        """The call has one argument, a text written in the formula (not blank); else a problem saying ``what`` the
        function wants."""
        if self.arity(node, 1):
            arg = node.args[0]
            if not isinstance(arg, Text) or not arg.value.strip():
                self.problems.append(f"{node.fn} vuole {what}")

    def fund(self, node: Call) -> Type:
        """FONDO("nome"): the amount of a fund as constituted for the year, one value for everyone, read in a check's
        condition (the cap of a fund). The name is written, so whether the regulation pays from such a fund is
        checked with the whole file (:mod:`read.blocks`), and its amount is known when the ente runs."""
        if not self.scope.place.funds:
            self.problems.append(
                contracted(f"FONDO non si usa in {self.scope.place.words}") + ": si legge nella condizione di un "
                "controllo ([[controlli]]), per esempio il tetto di un fondo"
            )
        else:
            self.one_text(
                node,
                'il nome del fondo tra virgolette, come in [fondi] di ente.toml o in [[fondi]], '
                'es. FONDO("performance_individuale")',
            )
        return EURO

    def units_sum(self, node: Call) -> Type:
        """SOMMA.UNITA(colonna): a declared column of numbers of units.csv summed over the units that write a value,
        each once (a datum of each unit, as the self-financing of a research Centre): one value for everyone, so read
        in every place, a fund's too."""
        if not self.arity(node, 1):
            return BARE
        arg = node.args[0]
        q = self.scope.columns.get(arg.name) if isinstance(arg, Name) else None
        if q is None or not q.unit or not q.type.numeric:
            self.problems.append(
                'SOMMA.UNITA vuole il nome di una colonna di numeri di unità.csv, dichiarata in [[colonne]] con elenco '
                '= "unità": es. SOMMA.UNITA(contributo)'
            )
            return BARE
        if q.type.same_unit(EURO):
            self.euro.add(node.at)
        return q.type

    def years(self, node: Call) -> Type:
        """ANNI(data) or ANNI(data; "giorno"): the whole years from a person's date (a declared column of dates) to the
        end of the cycle's year, or to that day — an age, a seniority, a number to compare or to rank by."""
        if self.arity(node, 1, 2) and not self.dated(node.args[0]):
            self.problems.append(
                "ANNI vuole una colonna di persone.csv di tipo data, dichiarata in [[colonne]]: ANNI(data_nascita)"
            )
        elif len(node.args) == 2:
            self.day_to(node, node.args[1])
        return NUMBER

    def months_from(self, node: Call) -> Type:
        """MESI.DA(data; "giorno"): the whole months from a person's date (a declared column of dates) to a day written
        in the formula, counted as ANNI counts years — «almeno 36 mesi nella posizione al 1° gennaio»."""
        if not self.arity(node, 2):
            return NUMBER
        if not self.dated(node.args[0]) or not isinstance(node.args[1], Text):
            self.problems.append(
                "MESI.DA vuole una colonna di tipo data e il giorno a cui contare i mesi, tra virgolette: "
                'MESI.DA(data_posizione; "01/01") o MESI.DA(data_posizione; "01/01/2026")'
            )
        else:
            self.day_to(node, node.args[1])
        return NUMBER

    def day_to(self, node: Call, day: Node) -> None:
        """The day ANNI or MESI.DA counts to: a date written between quotes, as a comparison with a date writes it."""
        problem = date_problem(day.value) if isinstance(day, Text) else f"«{said(day)}» non è una data tra virgolette"
        if problem is not None:
            self.problems.append(f"{node.fn}: {problem}")

    def past_mean(self, node: Call) -> Type:
        """VALUTAZIONE.MEDIA(anni): the mean of the person's individual scores in that many years before the cycle's,
        from the sheet of earlier scores; VALUTAZIONE.ULTIME(n): of the person's last n scores, however far back. A
        person's, so read where a person's days are; the number a whole number written in the formula (1 to 10), so
        that ``leggi`` says how many."""
        fn = node.fn
        if "giorni_servizio" not in self.scope.names:
            self.problems.append(
                contracted(f"{fn} non si usa in {self.scope.place.words}")
                + ": è la media delle valutazioni di una persona"
            )
            return NUMBER
        if self.arity(node, 1):
            arg = node.args[0]
            years = arg.value if isinstance(arg, Num) and not arg.unit and not arg.percent else None
            if years is None or years != years.to_integral_value() or not 1 <= years <= 10:
                what = "quante valutazioni" if fn == "VALUTAZIONE.ULTIME" else "quanti anni prima del ciclo"
                self.problems.append(
                    f"{fn} vuole {what}, un numero intero da 1 a 10: {fn}(3) per «la media delle ultime tre "
                    "valutazioni»"
                )
        return NUMBER

    def in_service(self, node: Call) -> Type:
        """IN.SERVIZIO("data"): whether the person is in service on a day — of the cycle's year («31/12»), written
        whole («31/07/2025») or the date of an act of [atti] in ente.toml («erogazione»). A person's, so read where
        the days of service are; a date written is checked here, an act when the ente runs."""
        if "giorni_servizio" not in self.scope.names:
            self.problems.append(
                contracted(f"IN.SERVIZIO non si usa in {self.scope.place.words}") + ": dice di una persona"
            )
            return BOOL
        if self.arity(node, 1):
            arg = node.args[0]
            if self.dated(arg):
                return BOOL
            if not isinstance(arg, Text) or not arg.value.strip():
                self.problems.append(
                    'IN.SERVIZIO vuole una data o la chiave di un atto tra virgolette, o una colonna di tipo data: '
                    'IN.SERVIZIO("31/12"), IN.SERVIZIO("31/07/2025"), IN.SERVIZIO("erogazione") o '
                    "IN.SERVIZIO(fine_progetto)"
                )
            elif (problem := day_problem(arg.value)) is not None:
                self.problems.append(f"IN.SERVIZIO: {problem}")
        return BOOL

    def objectives_reached(self, node: Call) -> Type:
        """OBIETTIVI.RAGGIUNTI("codice"; soglia): the share of the child objectives of ``codice`` whose achievement
        is at least the threshold, a percentage the same for everyone, as OBIETTIVO is. The code is written, as
        OBIETTIVO's is; the threshold is a percentage, as the achievements it is compared with are."""
        if self.arity(node, 2):
            code, threshold = node.args
            if not isinstance(code, Text) or not code.value.strip():
                self.problems.append(
                    "OBIETTIVI.RAGGIUNTI vuole per primo il codice dell'obiettivo superiore tra virgolette, come in "
                    'obiettivi.csv, es. OBIETTIVI.RAGGIUNTI("TRASV"; 100%)'
                )
            found = self.type(threshold)
            if found != PERCENT:
                self._wrong(found, "una percentuale come soglia (es. 100%)", "OBIETTIVI.RAGGIUNTI")
        return PERCENT

    def of_other(self, node: Call) -> Type:
        if not self.scope.place.rows:
            self.problems.append(
                contracted(f"DI non si usa in {self.scope.place.words}: solo negli importi per incarico")
            )
            return BARE
        if not self.arity(node, 2):
            return BARE
        who = self.type(node.args[1])
        if who != PERSON:
            self._wrong(who, "una persona come secondo argomento (es. sostituito)", "DI")
        what = node.args[0]
        q = self.scope.quantity(what.name) if isinstance(what, Name) else None
        if not isinstance(what, Name) or q is None or q.row or what.name == "fondo":  # the row's and part's: no one's
            self.problems.append(
                "DI vuole come primo argomento una grandezza della persona, es. retribuzione_posizione"
            )
            return BARE
        return self.name(what)

    def aggregate(self, node: Call) -> Type:
        base = node.fn.rpartition(".")[0]
        if self.aggregating:
            self.problems.append(f"{node.fn} dentro un'altra funzione su più persone")
            return BARE
        if base == "CONTA":
            if not self.arity(node, 0, 1):
                return COUNT
        elif not self.arity(node, 1, -1 if base == "RANGO" else 1):  # RANGO: x, then who prevails at a tie
            return BARE
        self.aggregating = True
        try:
            types = [self.type(a) for a in node.args]
        finally:
            self.aggregating = False
        if base == "CONTA":
            if types and types[0] != BOOL:
                self._wrong(types[0], "una condizione", node.fn)
            return COUNT
        if base == "RANGO":
            self.tie_keys(node, types[1:])
            return COUNT
        if base == "CONTA.DIVERSI":
            return COUNT
        t = types[0]
        return t if t.numeric else self._wrong(t, "un numero", node.fn)

    def tie_keys(self, node: Call, types: list[Type]) -> None:
        """RANGO's arguments after x, each deciding among those still tied: numbers only (the higher prevails, the
        lower where the office writes the value negated), so a person redoes the order by hand."""
        for i, (arg, t) in enumerate(zip(node.args[1:], types), start=2):
            if not t.numeric and not t.unknown:
                nth = ORDINALS.get(i, f"{i}°")
                self.problems.append(
                    f"il {nth} argomento di {node.fn} ({said(arg)}) decide chi prevale a parità e vuole un numero, "
                    f"non {t.word()}"
                )


ORDINALS = {2: "secondo", 3: "terzo", 4: "quarto", 5: "quinto", 6: "sesto", 7: "settimo", 8: "ottavo", 9: "nono"}

# the functions that say something of one person (besides the aggregates' RANGO), each with an example of it read
# inside a function over people: so only is it read in a formula whose value holds for everyone (a threshold, a fund)
PERSONAL = {
    "MESI": "SOMMA.ENTE(MESI(16 giorni))",
    "IN.SERVIZIO": 'CONTA.ENTE(IN.SERVIZIO("31/12"))',
    "ANNI": "MEDIA.ENTE(ANNI(data_nascita))",
    "MESI.DA": 'CONTA.ENTE(MESI.DA(data_posizione; "01/01") >= 36)',
    "VALUTAZIONE.MEDIA": "MEDIA.ENTE(VALUTAZIONE.MEDIA(3))",
    "VALUTAZIONE.ULTIME": "MEDIA.ENTE(VALUTAZIONE.ULTIME(3))",
    "SEZIONE": 'MEDIA.ENTE(SEZIONE("Comportamenti"))',
    "PREMIO": 'SOMMA.ENTE(PREMIO("produttività"))',
    "FASCIA": 'CONTA.ENTE(FASCIA("fasce di merito") = "prima")',
}

# why a datum of an appointment is refused where no appointment is read
ROW_WHY = (
    ": è un dato di ciascun incarico di incarichi.csv, e lo legge solo l'importo di una parte che paga per incarico "
    "(chiave incarichi)"
)
PROJECT_WHY = (
    ": è un dato del progetto che ciascun incarico nomina (elenco dei progetti), e lo legge solo l'importo di una "
    "parte che paga per incarico (chiave incarichi)"
)


def _share_of_number(node: Node) -> bool:
    """Whether ``node`` is a value times a percentage written in the formula («VALUTAZIONE.MEDIA(3) * 50%»)."""
    if not isinstance(node, Binary) or node.op not in ("*", "×"):
        return False
    return any(isinstance(side, Num) and side.percent for side in (node.left, node.right))


def _per_point(a: Type, b: Type, op: str) -> bool:
    """Whether ``a op b`` is points times a written percentage, or such a product times or over a number without
    units: :attr:`Type.per_point`."""
    if a.per_point or b.per_point:
        return not (a if b.per_point else b).dims
    return op == "*" and ((a.dims == (POINTS_DIM,) and _percentage(b)) or (b.dims == (POINTS_DIM,) and _percentage(a)))


def _percentage(t: Type) -> bool:
    """A percentage without units (an achievement, 30%)."""
    return t.numeric and not t.dims and t.percent


def _plain(t: Type) -> bool:
    """A number without units, read as a plain number (not a percentage)."""
    return t.numeric and not t.dims and not t.percent


_CALLS: dict[str, Callable[[Checker, Call], Type]] = {
    "SE": Checker.choose,
    "PIÙ.SE": Checker.choices,
    "E": Checker.logical,
    "O": Checker.logical,
    "NON": Checker.logical,
    "VERO": Checker.constant,
    "FALSO": Checker.constant,
    "MIN": Checker.many,
    "MAX": Checker.many,
    "MEDIA": Checker.many,
    "SOMMA": Checker.many,
    "ASS": Checker.absolute,
    "CONCATENA": Checker.concatenated,
    "ARROTONDA": Checker.rounding,
    "ARROTONDA.PER.DIF": Checker.rounding,
    "ARROTONDA.PER.ECC": Checker.rounding,
    "LIVELLO": Checker.ladder,
    "SOTTO": Checker.ladder,
    "SOPRA": Checker.ladder,
    "SEZIONE": Checker.section,
    "PREMIO": Checker.premium,
    "FASCIA": Checker.band,
    "DI": Checker.of_other,
    "MESI": Checker.months,
    "OBIETTIVO": Checker.objective,
    "OBIETTIVI.RAGGIUNTI": Checker.objectives_reached,
    "IN.SERVIZIO": Checker.in_service,
    "ANNI": Checker.years,
    "MESI.DA": Checker.months_from,
    "VALUTAZIONE.MEDIA": Checker.past_mean,
    "VALUTAZIONE.ULTIME": Checker.past_mean,
    "SOMMA.UNITA": Checker.units_sum,
    "FONDO": Checker.fund,
    "SOMMA.INCARICHI": Checker.rows_sum,
}


def is_formula(raw: object) -> bool:
    """True for a value written as a formula: a text beginning with ``=``."""
    return isinstance(raw, str) and raw.lstrip().startswith("=")
