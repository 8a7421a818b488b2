"""A formula said as an Italian sentence, beside its text: what ``regolamento leggi`` prints and ``explain``
shows, so a person reads the rule as the act says it and checks the formula against it.

``SE(E(SEZIONE("Risultati") >= 160; SEZIONE("Comportamenti") >= 160); "B"; SOTTO(LIVELLO(punteggio)))`` is said
«se i punti della sezione «Risultati» sono almeno 160 e i punti della sezione «Comportamenti» sono almeno 160,
allora «B», altrimenti il livello sotto il livello della scala per il punteggio».
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ciclope.core import fmt
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.acts import date_written, day_month
from ciclope.plugins.regolamento.format.expr import (
    DAYS_UNIT,
    PER_DAY_UNIT,
    PERCENT_PER_DAY_UNIT,
    Binary,
    Call,
    Defined,
    Formula,
    Name,
    Negative,
    Node,
    Num,
    Text,
    nodes,
)
from ciclope.plugins.regolamento.format.quantities import AGGREGATES, CONSTANTS, PART_NAMES, quantity

COMPARE = {
    "=": "è uguale a",
    "<>": "non è uguale a",  # a plural subject says «sono uguali a» (binary)
    "<": "è meno di",
    "<=": "è al più",
    ">": "è più di",
    ">=": "è almeno",
}
ROLE_GROUP = {
    "dipendente": "i dipendenti",
    "po": "le PO / EQ",
    "dirigente": "i dirigenti",
    "segretario": "il segretario",
}
IN_SCOPE = {"ENTE": "nell'ente", "GRUPPO": "nella graduatoria"}
ARITH = {"+": "più", "-": "meno", "*": "×", "/": "diviso", "^": "elevato a"}


@functools.lru_cache(maxsize=4096)
def sentence(formula: Formula) -> str:
    """The formula in Italian words (said once per formula: every figure of it repeats the same sentence)."""
    return contracted(said(formula.tree))


PART_FUND = PART_NAMES["fondo"].words.removeprefix("il ")  # «fondo della parte», whatever article joins it
RANKING_FUND = "fondo della graduatoria"


def of_rankings(text: str, rankings: object) -> str:
    """``text`` (a sentence of a part's formula) where the part has graduatorie (``rankings`` other than «ente»):
    ``fondo`` said as what the formula reads there, the graduatoria's fund («il fondo della graduatoria × …», «pari
    al fondo della graduatoria»), never «il fondo della parte», which is the sum of theirs; else as it is."""
    return text if rankings == "ente" else text.replace(PART_FUND, RANKING_FUND)


def among(paid: Sequence[str], groups: Mapping[str, str] = ROLE_GROUP) -> str:
    """Whom a function over the ente (``SOMMA.ENTE``) reads in a part that pays the roles ``paid`` (it reads the
    part's people, docs/regolamento.md): «tra i dipendenti dell'ente», by the regulation's names of the groups
    (``groups``: :func:`role_groups`); "" where the part pays every role, the ente's whole staff («nell'ente»)."""
    if set(ROLE_GROUP) <= set(paid):
        return ""
    return f"tra {roles([r for r in ROLE_GROUP if r in paid], '', groups)} dell'ente"


def of_roles(text: str, formula: Formula, paid: Sequence[str], groups: Mapping[str, str] = ROLE_GROUP) -> str:
    """``text`` (a sentence of a part's ``formula``) with each function over the ente said of the part's people
    (:func:`among`): a sum over the ente of a part of the dipendenti sums the dipendenti, never the dirigenti beside
    them. Only the function's own words change, never an «ente» of a column's meaning («la data di ingresso
    nell'ente»)."""
    words = among(paid, groups)
    if not words:
        return text
    for node in nodes(formula.tree):
        if isinstance(node, Call) and node.fn.endswith(".ENTE"):
            args = [said(a) for a in node.args]
            ente, scoped = (contracted(aggregate_words(node, args, w)) for w in (IN_SCOPE["ENTE"], words))
            if ente not in text:  # after a preposition («della somma …»): the words after the first
                ente, scoped = ente.partition(" ")[2], scoped.partition(" ")[2]
            text = text.replace(ente, scoped) if ente else text
    return text


def criterion(formula: Formula) -> tuple[str, bool]:
    """A number that orders people, in words, and whether the highest comes first: ``=-eta`` orders by the age from
    the lowest («l'età in anni», False), never «meno l'età in anni» from the highest; any other formula by its own
    value, from the highest (True)."""
    if isinstance(formula.tree, Negative):
        return contracted(said(formula.tree.operand)), False
    return sentence(formula), True


def at_par(formula: Formula, value: Decimal) -> Decimal:
    """A rule for equals' value as people read it: the value itself for one read from the lowest (the age, never its
    negative), and a year (a [[colonne]] tipo = "anno") as a year, «2018», never «2.018»."""
    tree = formula.tree.operand if isinstance(formula.tree, Negative) else formula.tree
    shown = -value if isinstance(formula.tree, Negative) else value
    return fmt.Year(shown) if isinstance(tree, Name) and tree.year else shown


OPPOSITE = {"=": "<>", "<>": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}


def denied(formula: Formula) -> str:
    """A condition that does not hold, in words: a comparison by its opposite («il grado è uguale a «EP»», never
    «non è vero che il grado non è uguale a «EP»»), NON(x) as x, anything else «non è vero che …»."""
    return denied_node(formula.tree)


@functools.lru_cache(maxsize=4096)
def denied_node(tree: Node) -> str:
    """:func:`denied` of a condition inside a formula (the condition of a sum's SE). Said once per condition, as
    :func:`sentence`: every person the condition leaves out has the same words."""
    if isinstance(tree, Binary) and _none_above_zero(
        tree
    ):  # «è al più 0%» of a percentage, which is never below 0: it is 0%; «sono al più 0 giorni»: they are 0
        equal = contracted(said(attrs.evolve(tree, op="=")))
        return equal.replace(f" {COMPARE['=']} ", " è ", 1).replace(" sono uguali a ", " sono ", 1)
    if isinstance(tree, Binary) and tree.op in OPPOSITE:
        return contracted(said(attrs.evolve(tree, op=OPPOSITE[tree.op])))
    if (texts := one_of(tree)) is not None:  # «il grado non è «A», «B» né «C»»
        subject, values = texts
        return contracted(f"{said(subject)} non è {_or([said(v) for v in values], 'né')}")
    if isinstance(tree, Call) and tree.fn == "NON":
        return contracted(said(tree.args[0]))
    if isinstance(tree, Call) and tree.fn == "IN.SERVIZIO":  # «la persona non è in servizio al 31/12»
        return contracted(said(tree).replace(" è in servizio", " non è in servizio", 1))
    return _no(tree) or f"non è vero che {contracted(said(tree))}"


def one_of(node: Node) -> tuple[Name, tuple[Text, ...]] | None:
    """``O(x = "a"; x = "b"; …)``, one text column equal to one of a few texts: the column and the texts, which a
    sentence says as a list with the subject once («il grado è «A», «B» o «C»»); None for any other condition."""
    if not (isinstance(node, Call) and node.fn == "O" and len(node.args) > 1):
        return None
    terms = [
        (a.left, a.right)
        for a in node.args
        if isinstance(a, Binary) and a.op == "=" and isinstance(a.left, Name) and isinstance(a.right, Text)
    ]
    if len(terms) != len(node.args) or len({left.name for left, _ in terms}) != 1:
        return None
    return terms[0][0], tuple(right for _, right in terms)


def _or(items: list[str], last: str) -> str:
    """«a, b o c» (``last`` «o») or «a, b né c» (``last`` «né»)."""
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def held(formula: Formula) -> str:
    """A part's condition as the input that admits a person names it, its answer (sì, no) beside it: a yes-no column
    alone by the office's meaning of it, as a figure names the column it reads («se il servizio è tra quelli della
    produttività di gruppo»), any other condition by its sentence («il punteggio è almeno 60»). Never «condizione della
    parte», which tells a person who signs their scheda nothing of the rule."""
    text = sentence(formula)
    if not isinstance(formula.tree, Name) or not text.endswith(YES):
        return text
    _, _, meaning = text.removesuffix(YES).partition(" (")  # «la colonna nome (S)», «il dato nome (S) dell'ente»
    return meaning.removesuffix(" dell'ente").removesuffix(")") or text


def _none_above_zero(tree: Binary) -> bool:
    """True for a column compared «more than 0%» (``part_p3 > 0%``) or «more than 0 days» (``giorni_turno > 0
    giorni``): denied, its only value is 0, a share of participation or of time and a count of days being never
    below 0 («la percentuale di partecipazione è 0%», «i giorni di turno sono 0 giorni», never «al più 0»)."""
    right = tree.right
    zero = isinstance(right, Num) and right.value == 0 and (right.percent or right.unit == DAYS_UNIT)
    return tree.op == ">" and isinstance(tree.left, Name) and zero


YES = " dice sì"  # how a yes-no column is said as a condition (read.columns.said)


def _no(node: Node) -> str:
    """A yes-no column's condition said denied («la colonna quadro (…) dice no»), else "". Only a column alone:
    a condition that merely ends with one («a e la colonna quadro (…) dice sì») denied is not its last term
    denied."""
    text = said(node) if isinstance(node, Name) else ""
    return f"{text.removesuffix(YES)} dice no" if text.endswith(YES) else ""


ARTICLES = ("il", "lo", "la", "i", "gli", "le", "l'")
# each preposition joined to each article of ARTICLES, in that order: «di» + «il» → «del», «a» + «l'» → «all'»
ARTICULATED = {
    "di": ("del", "dello", "della", "dei", "degli", "delle", "dell'"),
    "a": ("al", "allo", "alla", "ai", "agli", "alle", "all'"),
    "da": ("dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall'"),
    "in": ("nel", "nello", "nella", "nei", "negli", "nelle", "nell'"),
    "su": ("sul", "sullo", "sulla", "sui", "sugli", "sulle", "sull'"),
}
_CONTRACTIONS = [
    (re.compile(rf"\b{prep} {article}" + ("" if article.endswith("'") else r"\b")), short)
    for prep, forms in ARTICULATED.items()
    for article, short in zip(ARTICLES, forms)
]


def contracted(text: str) -> str:
    """«di il punteggio» → «del punteggio», «a lo 0%» → «allo 0%», «di l'ente» → «dell'ente»: the preposition
    joined to the article after it, as Italian writes them."""
    for pattern, short in _CONTRACTIONS:
        text = pattern.sub(short, text)
    return text


_ARTICLE = re.compile(r"l'|(?:il|lo|la|i|gli|le)\b")


def joined(prep: str, text: str) -> str:
    """``text`` after the preposition ``prep`` (the last word of «fino a» too), joined to the article ``text`` starts
    with: «di» + «il punteggio» → «del punteggio», «fino a» + «lo 0%» → «fino allo 0%»; only that article, so a
    formula's text written after it stays as written."""
    if not prep:
        return text
    found = _ARTICLE.match(text)
    if found is None:
        return f"{prep} {text}"
    return contracted(f"{prep} {found.group(0)}") + text[found.end() :]


# «tutto» agreeing with the article that follows it: «tutte le Risorse», «tutta la quota», «tutto il fondo»
_ALL = {"il": "tutto", "lo": "tutto", "l'": "tutto", "la": "tutta", "i": "tutti", "gli": "tutti", "le": "tutte"}


def all_of(text: str) -> str:
    """«tutto» before ``text``, agreeing with the article it starts with: «tutte le Risorse destinabili», «tutto il
    fondo»; a text without an article takes «tutto»."""
    found = _ARTICLE.match(text)
    return f"{_ALL[found.group(0)] if found else 'tutto'} {text}"


_VOWEL = "aeiouàèéìíòóùúh"
_LO = re.compile(r"s[^aeiouàèéìíòóùú]|z|gn|ps|pn|x|y", re.I)  # a word starting so takes «lo» and «gli», not «il», «i»
# words ending in «e» that are singular: la convenzione, la legge, il settore, il personale, l'ente
_SINGULAR_E = ("ione", "ge", "ore", "ale", "ente", "ante", "ile", "ere")


def of_unit(kind: str) -> str:
    """The person's unit after «di»: «dell'unità», or with ``tipo_unita`` its kind, «del servizio», «dell'area»."""
    return joined("di", the(kind)) if kind else "dell'unità"


def the(name: str) -> str:
    """A name the file writes without its article («CCNL Federcasa», «ordinamento del personale»), with the
    definite article Italian gives it, read from its first word: «il CCNL Federcasa», «l'ordinamento del
    personale», «i contratti collettivi», «le norme», «la disciplina»; a name that has its article stays as written.
    The gender and number are read from the word's ending (an acronym is masculine): a guess for a name an office
    wrote, so :func:`joined` can put a preposition before it."""
    if _ARTICLE.match(name):
        return name
    first = name.split(" ", 1)[0]
    word = first.rstrip(".,;:)").lower() or "x"
    vowel = word[0] in _VOWEL
    lo = vowel or _LO.match(word) is not None
    acronym = "." in first or sum(c.isupper() for c in first) > 1
    if acronym:
        return f"l'{name}" if word[0] in "aeiou" else f"il {name}"
    if word.endswith("ioni") or (word.endswith("e") and not word.endswith(_SINGULAR_E)):
        return f"le {name}"  # le disposizioni, le norme, le qualifiche
    if word.endswith("i"):
        return f"{'gli' if lo else 'i'} {name}"  # i contratti, gli accordi
    if word.endswith(("a", "à", "ione", "ge")) and not word.endswith(("ema", "amma")):
        return f"l'{name}" if vowel else f"la {name}"  # la disciplina, l'intesa, la convenzione, la legge, l'autorità
    if vowel:
        return f"l'{name}"  # l'ordinamento, l'accordo
    return f"{'lo' if lo else 'il'} {name}"  # il contratto, lo statuto, il sistema


# the first ending that fits, in this order: «economico» → «economici», «qualifica» → «qualifiche», «sistema» →
# «sistemi» (a masculine in «-ma»), «categoria» → «categorie»
_PLURAL_ENDINGS = (
    ("ico", "ici"), ("co", "chi"), ("go", "ghi"), ("ca", "che"), ("ga", "ghe"), ("ema", "emi"), ("amma", "ammi"),
    ("a", "e"), ("o", "i"), ("e", "i"),
)  # fmt: skip
_OF = frozenset({"di", "del", "dello", "della", "dell'", "dei", "degli", "delle", "da", "per", "in", "a"})


def plural(name: str) -> str:
    """A noun an office wrote (with its adjectives) in the plural, read from the endings of Italian: «categoria» →
    «categorie», «area dirigenziale» → «aree dirigenziali», «livello economico» → «livelli economici», «fascia» →
    «fasce»; a word ending in an accented vowel or a consonant stays as it is, and so does whatever follows «di»
    («posizione di lavoro» → «posizioni di lavoro»). A guess, as :func:`the`'s."""
    words = name.split(" ")
    stop = next((i for i, w in enumerate(words) if w.lower() in _OF), len(words))
    return " ".join([*(_plural_word(w) for w in words[:stop]), *words[stop:]])


def _plural_word(word: str) -> str:
    if len(word) > 3 and word.endswith(("cia", "gia")) and word[-4] not in _VOWEL:
        return word[:-2] + "e"  # fascia → fasce, spiaggia → spiagge
    found = next(((end, to) for end, to in _PLURAL_ENDINGS if word.endswith(end)), None)
    return word[: -len(found[0])] + found[1] if found else word


def each_of(name: str) -> str:
    """«ciascuno» agreeing with ``name``: «ciascuna categoria», «ciascun grado», «ciascuno scatto»."""
    if feminine(name):
        return f"ciascuna {name}"
    return f"{'ciascuno' if the(name).startswith('lo ') else 'ciascun'} {name}"


def feminine(name: str) -> bool:
    """Whether ``name`` is feminine, as :func:`the` reads it: «la categoria», «l'area», «la posizione»."""
    found = _ARTICLE.match(the(name))
    article = found.group(0) if found else ""
    return article in ("la", "le") or (article == "l'" and name.split(" ", 1)[0].lower().endswith(("a", "à", "ione")))


def said(node: Node) -> str:
    if isinstance(node, Num):
        if node.unit == DAYS_UNIT:
            return f"{number(node.value, False)} {'giorno' if node.value == 1 else 'giorni'}"
        if node.unit == PERCENT_PER_DAY_UNIT:
            return f"{number(node.value, True)} al giorno"
        if node.unit:  # an amount as the sentences write money, «€ 15,00», and «al giorno» when it is per day
            return fmt.euro(node.value) + (" al giorno" if node.unit == PER_DAY_UNIT else "")
        if node.percent:  # as the file writes it, every digit and no more: «0,715%», never «0,72%»; «80,1%»
            return fmt.pct(node.value, -min(0, (node.value * 100).normalize().as_tuple().exponent))  # type: ignore[operator]
        return number(node.value, False)
    if isinstance(node, Text):
        return f"«{node.written or node.value}»"
    if isinstance(node, Name):
        return words_of(node)
    if isinstance(node, Negative):
        return f"meno {said(node.operand)}"
    if isinstance(node, Binary):
        return binary(node)
    if isinstance(node, Defined):  # by its words, as a column by its meaning: its formula is said at its key
        return node.words or node.name
    return call(node)


# ``tra_gli_incarichi``: what a person with several appointments of a part is paid, in words
COMBINED = {
    "somma": "la somma",
    "massimo": "il migliore",
    "contemporanei": "il migliore tra quelli svolti nello stesso periodo, la somma di quelli di periodi diversi",
}


def said_number(value: Decimal) -> str:
    """A number of the file as an office reads it, with a decimal comma: 0,9; 1,3; 400."""
    return number(Decimal(value), False)


def said_share(value: Decimal, prep: str = "") -> str:
    """A share of the file (a quota, a weight: 1 is all of it) as a percentage with its article, after ``prep``: «al
    110%», «all'80%», «il 12,50%»; an office writes 0.8 or 80% for the same share, and reads a sum of them as one."""
    return fmt.the_pct(value, fmt.share_places(value), prep)


def number(value: Decimal, percent: bool) -> str:
    if percent:
        return fmt.pct_share(value)
    return fmt.decimal_it(value.normalize() if value == value.to_integral_value() else value)


# functions said as a list or a choice, whose end a following operation would blur: «il minore tra a e b meno c»
OPEN_ENDED = frozenset({"MIN", "MAX", "MEDIA", "SOMMA", "SE", "PIÙ.SE"})


# the operations a sentence read left to right would wrongly join to what precedes them, after each operation: «a meno
# (b meno c)» adds c back where «a meno b meno c» takes it away, «a diviso (b × c)» is not «a diviso b × c»
_BRACKETED_RIGHT = {"*": "+-", "/": "+-*/", "-": "+-", "^": "+-*/^"}


def binary(node: Binary) -> str:
    left, right = said(node.left), said(node.right)
    if node.op in ("=", "<>") and (nothing := missing(node)):
        return nothing
    if node.op in COMPARE:
        # a choice compared is bracketed: «è almeno (se …, allora 55, altrimenti 70)», never «è almeno se …»
        left, right = (f"({t})" if _choice(n) else t for n, t in ((node.left, left), (node.right, right)))
        left, right = _as_year(node.right, node.left, left), _as_year(node.left, node.right, right)
        if (dated := _dated(node)) is not None:
            return dated
        if (year := _year_compared(node)) is not None:
            return year
        verb = COMPARE[node.op]
        if _plural(node.left, left):
            # a plural subject: «i giorni … sono uguali a 6», «i punti … sono almeno 160», «i mesi … sono meno di 9»
            verb = verb.replace("è ", "sono ", 1).replace("uguale", "uguali")
        # the verb's last word joined to the article of the other side: «è uguale al genere», «è più della media»
        return f"{left} {joined(verb, right)}"
    if isinstance(node.right, Binary) and node.right.op in _BRACKETED_RIGHT.get(node.op, ""):
        right = f"({right})"
    if node.op in "*/^" and isinstance(node.left, Binary) and node.left.op in "+-":
        left = f"({left})"
    if isinstance(node.left, Call) and node.left.fn in OPEN_ENDED:  # «(il minore tra a e b) meno c»
        left = f"({left})"
    if isinstance(node.right, Call) and node.right.fn in OPEN_ENDED and node.op in ARITH:
        right = f"({right})"  # «a più (se …, allora 1, altrimenti 0) più b»: its end marked before what follows
    return f"{left} {ARITH[node.op]} {right}"


# «chi ha …»: a count of the person's compared with a number, read from the person's side
HAS = {"<": "meno di", "<=": "al più", ">": "più di", ">=": "almeno"}
PERSON = "la persona "  # the subject of the sentences about the person (IN.SERVIZIO, an empty sanzione)


def who(formula: Formula) -> str:
    """The people a condition holds for, in words: «chi ha meno di 90 giorni di servizio nell'anno» (a count of
    theirs compared with a number), «chi non è in servizio al 31/12» (a sentence about the person, its negation too),
    else «chi rientra nel caso in cui …» with the condition's sentence; never «chi è tale che», every formula."""
    tree = formula.tree
    counted = _has(tree)
    if counted:
        return f"chi ha {counted}"
    text = denied_node(tree.args[0]) if isinstance(tree, Call) and tree.fn == "NON" else sentence(formula)
    if text.startswith(PERSON):
        return "chi " + text.removeprefix(PERSON)
    return f"chi rientra nel caso in cui {text}"


def _has(tree: Node) -> str:
    """«meno di 90 giorni di servizio nell'anno» of a plural count of the person's (``giorni_servizio < 90
    giorni``, or ``90 > giorni_servizio``) compared with a whole number of its own unit; "" for any other
    condition."""
    if not isinstance(tree, Binary):
        return ""
    for subject, value, op in ((tree.left, tree.right, tree.op), (tree.right, tree.left, FLIPPED.get(tree.op, ""))):
        if op not in HAS or not isinstance(subject, Name | Defined) or not isinstance(value, Num):
            continue
        words = contracted(said(subject))
        plural = re.match(r"(?:i|gli|le) ", words)
        noun = words[plural.end() :] if plural else ""
        fits = value.unit == "" or (value.unit == DAYS_UNIT and noun.startswith(f"{DAYS_UNIT} "))
        if noun and fits and not value.percent and value.value != 1 and subject.name not in CONSTANTS:
            return f"{HAS[op]} {number(value.value, False)} {noun}"
    return ""


# a person's date compared with a date written: «la data di inquadramento è al più il 01/01/2023», the day with its
# article as IN.SERVIZIO's «in data 31/12» is said without one; the day as written, in the file's own form
DATE_COMPARE = {
    "=": "è il",
    "<>": "non è il",
    "<": "è prima del",
    "<=": "è al più il",
    ">": "è dopo il",
    ">=": "è almeno il",
}


def _dated(node: Binary) -> str | None:
    """A declared column of dates compared with a date written between quotes, in words; None for any other
    comparison. Written the other way round («"01/01/2023" >= data»), the date's side is said first all the same."""
    for subject, day, op in ((node.left, node.right, node.op), (node.right, node.left, FLIPPED[node.op])):
        if isinstance(subject, Name) and subject.date and isinstance(day, Text):
            return f"{said(subject)} {DATE_COMPARE[op]} {day_said(day.value)}"
    return None


def day_said(text: str) -> str:
    """A date written beside a person's date, as a sentence says it: a day of the cycle's year as written («01/01»),
    a whole date in the Italian form whatever form the file writes it in («1.1.2023», «2023-01-01»: «01/01/2023»)."""
    text = text.strip()
    whole = date_written(text, 2024) if day_month(text) is None else None  # a whole date's year is its own
    return fmt.date_it(whole) if whole is not None else text


# a comparison read from its other side: «a <= b» is «b >= a»
FLIPPED = {"=": "=", "<>": "<>", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


# a column of years compared with a year written: «l'anno dell'ultima progressione non è dopo il 2021», «è dopo il
# 2022», never «è al più 2021» or «è più di 2021», which read as quantities
YEAR_COMPARE = {
    "=": "è il",
    "<>": "non è il",
    "<": "è prima del",
    "<=": "non è dopo il",
    ">": "è dopo il",
    ">=": "non è prima del",
}


# the same with a year that is a formula («anno_ciclo - 3»): the preposition joined to its article
YEAR_COMPARE_SAID = {
    "=": "è",
    "<>": "non è",
    "<": "è prima di",
    "<=": "non è dopo",
    ">": "è dopo",
    ">=": "non è prima di",
}


def _year_compared(node: Binary) -> str | None:
    """A column of years compared with a year (either side: a bare year, or a formula of years such as «anno_ciclo
    - 3»), read from the column's side: «l'anno dell'ultima progressione non è dopo il 2021», «… è dopo l'anno del
    ciclo meno 3»; None for any other comparison."""
    for subject, year, op in ((node.left, node.right, node.op), (node.right, node.left, FLIPPED[node.op])):
        if not (isinstance(subject, Name) and subject.year):
            continue
        if isinstance(year, Num) and not year.unit and not year.percent:
            return f"{said(subject)} {YEAR_COMPARE[op]} {fmt.decimal_it(fmt.Year(year.value))}"
        if _of_years(year):
            return f"{said(subject)} {joined(YEAR_COMPARE_SAID[op], said(year))}"
    return None


def _of_years(node: Node) -> bool:
    """A year, or a year plus or minus a number of years («anno_ciclo - 3»)."""
    if isinstance(node, Name):  # a declared column of years, or the cycle's year (anno_ciclo)
        q = quantity(node.name)
        return node.year or (q is not None and q.year)
    return isinstance(node, Binary) and node.op in "+-" and _of_years(node.left) and isinstance(node.right, Num)


def _as_year(other: Node, node: Node, text: str) -> str:
    """A bare whole number compared with a column of years (``anno_ultima_progressione <= 2020``) said as a year,
    «2020», never as a quantity, «2.020»; anything else as ``text``."""
    if isinstance(other, Name) and other.year and isinstance(node, Num) and not node.unit and not node.percent:
        return fmt.decimal_it(fmt.Year(node.value))
    return text


# «indicato» agreeing with the article of the words it follows
_GIVEN = {"il": "indicato", "lo": "indicato", "la": "indicata", "i": "indicati", "gli": "indicati", "le": "indicate"}


def missing(node: Binary) -> str:
    """A text compared with the empty text, ``x = ""`` or ``x <> ""``, said as missing or given: «la qualifica non
    è indicata», «le note sono indicate», never «è uguale a «»»; a quantity whose empty cell means something says
    that instead («la persona non ha sanzioni disciplinari»). "" for any other comparison."""
    sides = ((node.left, node.right), (node.right, node.left))
    subject = next((s for s, o in sides if _empty(o) and not isinstance(s, Text)), None)
    if subject is None:
        return ""
    empty = node.op == "="
    q = quantity(subject.name) if isinstance(subject, Name) else None
    if q is not None and q.empty and isinstance(subject, Name) and subject.words in ("", q.words):
        return q.empty[0] if empty else q.empty[1]
    words = said(subject)
    article = _ARTICLE.match(words)
    if article is None:  # words that are no noun («se la persona dirige una struttura»): the column by its name
        named = f"la colonna {subject.name}" if isinstance(subject, Name) else ""
        return f"{named} {'è' if empty else 'non è'} vuota" if named else ""
    given = _GIVEN.get(article.group(0), "")
    if not given:  # «l'»: the gender from the noun's ending, as :func:`the` reads it
        noun = words[2:].split(" ", 1)[0].lower()
        given = "indicata" if noun.endswith(("a", "à", "ione")) else "indicato"
    verb = ("non " if empty else "") + ("sono" if given.endswith(("i", "e")) else "è")
    return f"{words} {verb} {given}"


def _empty(node: Node) -> bool:
    return isinstance(node, Text) and node.value == ""


def words_of(node: Name) -> str:
    """A name as a sentence says it: a declared column by its own words, a quantity by the format's."""
    if node.words:
        return node.words
    q = quantity(node.name)
    return q.words if q is not None else node.name


def _plural(node: Node, words: str) -> bool:
    """Whether a subject said as ``words`` is plural: a name, a function or a definition whose words start with a
    plural article («i giorni di assenza», «i punti della sezione», «i giorni di servizio utile meno quelli di
    consegna»), or a sum or difference whose first term is one («i giorni di assenza meno 2 giorni»)."""
    while isinstance(node, Binary) and node.op in ("+", "-"):
        node = node.left
    return isinstance(node, (Name, Call, Defined)) and words.startswith(("i ", "gli ", "le "))


def _choice(node: Node) -> bool:
    return isinstance(node, Call) and node.fn in ("SE", "PIÙ.SE")


def _always(node: Node) -> bool:
    """A condition that holds for everyone: VERO."""
    return isinstance(node, Call) and node.fn == "VERO"


def _lookup(node: Node) -> tuple[Name, list[tuple[Node, Node]], Node | None] | None:
    """A chain of choices that reads one value by what one name equals (``SE(categoria = "D"; 140; SE(categoria =
    "C"; 120; 100))``, or its PIÙ.SE): the name, each (value compared, value given), and the value for all the others
    (None for a PIÙ.SE without it, whose every case is compared); None for any other formula, or for a chain of one
    comparison (a plain «se …, allora …» says it)."""
    cases: list[tuple[Node, Node]] = []
    subject: Name | None = None
    others: Node | None = node
    while isinstance(others, Call) and others.fn in ("SE", "PIÙ.SE"):
        args: tuple[Node | None, ...] = others.args
        if others.fn == "PIÙ.SE" and len(args) % 2 == 0:  # its last pair VERO: the others; else every case compared
            args = args[:-2] + args[-1:] if _always(others.args[-2]) else (*args, None)
        elif len(args) != 3:
            return None
        for cond, value in zip(args[:-1:2], args[1::2]):
            if not (isinstance(cond, Binary) and cond.op == "=" and isinstance(cond.left, Name)):
                return None
            if not isinstance(cond.right, (Num, Text)) or not isinstance(value, (Num, Text)):
                return None
            if subject is not None and cond.left.name != subject.name:
                return None
            subject = cond.left
            cases.append((cond.right, value))
        others = args[-1]
    if subject is None or len(cases) < 2 or not (others is None or isinstance(others, (Num, Text))):
        return None
    return subject, cases, others


def call(node: Call) -> str:
    args = [said(a) for a in node.args]
    fn = node.fn
    if (table := _lookup(node)) is not None:
        # a value by what one name equals reads as a list: «140 se la categoria è «D», 120 se è «C», altrimenti 100»
        subject, cases, others = table
        words = said(subject)
        verb = "sono" if _plural(subject, words) else "è"
        first, *rest = cases
        listed = [f"{said(first[1])} se {words} {verb} {said(first[0])}"]
        listed += [f"{said(v)} se {verb} {said(k)}" for k, v in rest]
        return ", ".join(listed) + (f", altrimenti {said(others)}" if others is not None else "")
    if fn == "SE":
        # a choice inside the «allora» is bracketed, or its «altrimenti» would read as the outer one's; a chain of
        # «altrimenti se» reads as it is
        then = args[1]
        if isinstance(node.args[1], Call) and node.args[1].fn == "SE":
            then = f"({then})"
        return f"se {args[0]}, allora {then}, altrimenti {args[2]}"
    if fn == "PIÙ.SE":  # «se a, allora x, altrimenti se b, allora y»: the chain of SE it writes flat
        conds = node.args[::2]
        pairs = [
            value if _always(c) else f"se {cond}, allora {value}"  # «…, altrimenti y»: the case for all the others
            for c, cond, value in zip(conds, args[::2], args[1::2])
        ]
        return ", altrimenti ".join(pairs)
    if fn in CONSTANTS:
        return "vero" if fn == "VERO" else "falso"
    if (texts := one_of(node)) is not None:  # «il grado è «A», «B» o «C»», the subject once
        subject, values = texts
        return f"{said(subject)} è {_or([said(v) for v in values], 'o')}"
    if fn in ("E", "O"):
        # a condition of the other kind inside keeps its grouping: «a e (b oppure c)», never «a e b oppure c»
        other = "O" if fn == "E" else "E"
        grouped = [f"({t})" if isinstance(a, Call) and a.fn == other else t for a, t in zip(node.args, args)]
        return fmt.listed(grouped, commas=False) if fn == "E" else " oppure ".join(grouped)
    if fn == "NON":
        return _no(node.args[0]) or f"non è vero che {args[0]}"
    if fn in ("MIN", "MAX", "MEDIA", "SOMMA"):
        word = {"MIN": "il minore tra", "MAX": "il maggiore tra", "MEDIA": "la media di", "SOMMA": "la somma di"}[fn]
        return joined(word, _list(args))
    if fn.startswith("ARROTONDA"):
        digits = int(node.args[1].value) if len(node.args) == 2 and isinstance(node.args[1], Num) else 0
        how = {"ARROTONDA": "arrotondato", "ARROTONDA.PER.DIF": "arrotondato per difetto"}.get(
            fn, "arrotondato per eccesso"
        )
        places = "all'unità" if digits == 0 else f"a {digits} decimal{'e' if digits == 1 else 'i'}"
        return f"{args[0]} {how} {places}"
    return _special(node, args)


def _special(node: Call, args: list[str]) -> str:
    fn = node.fn
    if fn == "ASS":
        return f"il valore assoluto {joined('di', args[0])}"
    if fn == "CONCATENA":
        return f"il testo che unisce {_list(args)}"
    if fn == "LIVELLO":
        return f"il livello della scala per {args[0]}"
    if fn == "SOTTO":
        return f"il livello sotto {args[0]}"
    if fn == "SOPRA":
        return f"il livello sopra {args[0]}"
    if fn == "SEZIONE":
        return f"i punti della sezione {args[0]}"
    if fn == "PREMIO":
        return f"il premio della parte {args[0]}"
    if fn == "FASCIA":
        return f"la fascia della parte {args[0]}"
    if fn == "DI":
        return f"{args[0]} {joined('di', _whose(node))}"
    if fn == "MESI":
        counted = "i mesi di servizio" if len(node.args) != 3 else "i mesi"  # of a period: the months between its days
        return f"{counted} {months_within(node)} (un mese conta da {_days(node.args[0], args[0])} di servizio)"
    if fn == "OBIETTIVO" and isinstance(
        node.args[0], Name
    ):  # the code a column writes: «… dell'obiettivo del progetto»
        return f"il raggiungimento {joined('di', args[0])}"
    if fn == "OBIETTIVO":
        return f"il raggiungimento dell'obiettivo {args[0]}"
    if fn == "SOMMA.INCARICHI":
        return f"la somma, sugli incarichi dello stesso progetto, {joined('di', args[0])}"
    if fn == "IN.SERVIZIO":
        return f"la persona è in servizio {in_service_on(node)}"
    if fn == "ANNI":
        day = day_said(node.args[1].value) if len(node.args) == 2 and isinstance(node.args[1], Text) else "31/12"
        return f"gli anni compiuti al {day} {joined('da', args[0])}"
    if fn == "MESI.DA":
        day = day_said(node.args[1].value) if len(node.args) == 2 and isinstance(node.args[1], Text) else args[-1]
        return f"i mesi interi {joined('da', args[0])} al {day}"
    if fn == "VALUTAZIONE.MEDIA":
        return f"la media delle valutazioni individuali dei {args[0]} anni prima del ciclo"
    if fn == "VALUTAZIONE.ULTIME":
        return f"la media delle ultime {args[0]} valutazioni individuali della persona prima del ciclo"
    if fn == "SOMMA.UNITA":
        return f"la somma sulle unità {joined('di', args[0])}"
    if fn == "FONDO" and isinstance(node.args[0], Text):
        return f"l'importo del {fund_words(node.args[0].value)}"
    if fn == "FONDO":
        return f"l'importo del fondo {args[0]}"
    if fn == "OBIETTIVI.RAGGIUNTI":
        return f"la quota degli obiettivi figli {joined('di', args[0])} con raggiungimento almeno {args[1]}"
    return aggregate_words(node, args, IN_SCOPE.get(fn.rpartition(".")[2], ""))


def aggregate_words(node: Call, args: list[str], where: str) -> str:
    """A function over people (``SOMMA.ENTE``, ``RANGO.GRUPPO``) in words, with ``where`` saying whose: «nell'ente»,
    «nella graduatoria», or the part's people («tra i dipendenti dell'ente», :func:`of_roles`); ``args``: its
    arguments in words."""
    base = node.fn.rpartition(".")[0]
    if base == "SOMMA" and where and (kept := summed_if(node.args[0])) is not None:
        # SOMMA.GRUPPO(SE(punteggio >= 60; peso; 0)): «la somma, nella graduatoria, del peso delle persone per cui il
        # punteggio è almeno 60», never «la somma di se …, allora il peso, altrimenti 0»; a sum of 1 is a count
        if _one(kept[1]):
            return f"il numero delle persone {where} per cui {said(kept[0])}"
        value = said(kept[1])
        value = f"({value})" if isinstance(kept[1], Binary) else value  # its end marked before «delle persone»
        return f"la somma, {where}, {joined('di', value)} delle persone per cui {said(kept[0])}"
    if base == "CONTA":
        return f"il numero delle persone {where}" + (f" per cui {args[0]}" if args else "")
    if base == "RANGO":
        ties = tie_breaks(node)
        # the tie-break inside the bracket: the words that follow (a comparison, «è più di …») read after it whole
        return f"la posizione {where} per {args[0]} (1 la più alta" + (f"; a parità, per {ties}" if ties else "") + ")"
    return f"{AGGREGATES.get(base, base.lower())} {joined('di', args[0])} {where}"


def fund_words(name: str) -> str:
    """A fund a formula names (``FONDO("fondo_individuale")``) as every document names a fund without a label, its
    key in words: «Fondo individuale», never the key; an article with the regulation's labels names it by its own
    (``say.phrases.fund_name``)."""
    return fmt.fund(funds.said(funds.code_of(name)))


def tie_breaks(node: Call) -> str:
    """RANGO's arguments after x as a sentence says who prevails at a tie, in their order: «i giorni di assenza, dal
    più basso, poi per i punti della sezione «Comportamenti», dal più alto»; "" where it has none. A value written
    negated (``-assenze``) is said as the value, the lowest first, as the texts say it («chi ha meno assenze»)."""
    return ", poi per ".join(f"{said(k)}, {'dal più basso' if low else 'dal più alto'}" for k, low in tie_keys(node))


def tie_keys(node: Call) -> list[tuple[Node, bool]]:
    """RANGO's arguments after x, each as the value it compares and whether the lowest prevails (written negated)."""
    return [(k.operand, True) if isinstance(k, Negative) else (k, False) for k in node.args[1:]]


def summed_if(node: Node) -> tuple[Node, Node] | None:
    """The condition and the value of ``SE(condizione; valore; 0)``, a value summed only for whom the condition holds;
    None for any other node."""
    if not (isinstance(node, Call) and node.fn == "SE" and len(node.args) == 3):
        return None
    other = node.args[2]
    return (node.args[0], node.args[1]) if isinstance(other, Num) and other.value == 0 else None


def _one(node: Node) -> bool:
    """The bare number 1 (no unit, no percentage)."""
    return isinstance(node, Num) and node.value == 1 and not node.unit and not node.percent


def _whose(node: Call) -> str:
    """The person of DI(grandezza; persona) as a sentence says it: «la persona sostituita»."""
    who = node.args[1]
    q = quantity(who.name) if isinstance(who, Name) else None
    return q.words if q is not None else said(who)


def _list(args: list[str]) -> str:
    return fmt.listed(args)


def _days(node: Node, words: str) -> str:
    """MESI's first argument, a number of days, as days: «16 giorni» whether the formula writes MESI(16 giorni) or
    MESI(16) (a bare number is read as days, the only thing MESI counts from)."""
    if isinstance(node, Num) and not node.unit and not node.percent:
        return said(attrs.evolve(node, unit=DAYS_UNIT))
    return words


def months_within(node: Call) -> str:
    """The period of MESI as a sentence says it: «nell'anno», or its two days (:func:`period_words`); a person's
    day by the words of its column, «dal 01/01 alla data del nuovo parametro»."""
    if len(node.args) != 3:
        return "nell'anno"
    first, last = node.args[1:]
    if isinstance(first, Text) and isinstance(last, Text):
        return period_words(first.value.strip(), last.value.strip())
    return f"{_bound('da', first)} {_bound('a', last)}"


def _bound(prep: str, day: Node) -> str:
    """One end of MESI's period after ``prep``: a day written, an act of [atti], or a column of dates by its words."""
    if isinstance(day, Text):
        text = day.value.strip()
        return f"{prep}l {text}" if "/" in text else joined(prep, f"la data dell'atto {text} ([atti] in ente.toml)")
    return joined(prep, said(day))


def period_words(first: str, last: str) -> str:
    """A period of two days as written in a formula: «dal 01/04 al 30/06», «dal 01/07 alla data dell'atto
    fine_progetto ([atti] in ente.toml)»."""
    since = f"dal {first}" if "/" in first else f"dalla data dell'atto {first}"
    until = f"al {last}" if "/" in last else f"alla data dell'atto {last}"
    acts = "" if "/" in first and "/" in last else " ([atti] in ente.toml)"
    return f"{since} {until}{acts}"


def in_service_on(node: Call) -> str:
    """The day of IN.SERVIZIO as a sentence says it: «al 31/12», «all'8/3» (:func:`dated` adds the year where a
    sentence has one), «alla data dell'atto premi_erogati ([atti] in ente.toml)»."""
    arg = node.args[0] if node.args else None
    if isinstance(arg, Name):  # a column of dates: «alla data di cessazione prevista»
        return joined("a", said(arg))
    day = arg.value.strip() if isinstance(arg, Text) else ""
    return on_day(day) if "/" in day else f"alla data dell'atto {day} ([atti] in ente.toml)"


def on_day(day: str) -> str:
    """«al 31/12», «all'8/3», «all'11/11»: a day of the year after «a», with the article its number reads with."""
    return f"all'{day}" if day.lstrip("0").startswith(("8", "11/")) else f"al {day}"


WHOEVER = "chi ha questi requisiti:"  # who a condition admits: «è candidato chi ha questi requisiti: …»

# a day of the year without its year, after «al», «all'» or «dal» (never a whole date, nor «1° gennaio 2026»)
_DAY = re.compile(r"\b(al |all'|dal )(\d{1,2}/\d{1,2})(?![/\d])")


def dated(text: str, year: int) -> str:
    """``text`` with the year of the cycle after each day a sentence says without one: a condition «in servizio al
    31/12» is read on the 31/12 of the cycle's year, and who reads it checks it on that day, «al 31/12/2026»."""
    return _DAY.sub(lambda m: f"{m.group(1)}{m.group(2)}/{year}", text)


def word(code: str) -> str:
    """A name as written in the file, with spaces for underscores (rimprovero_verbale → rimprovero verbale)."""
    return code.replace("_", " ")


def roles(names: Sequence[str], prep: str = "", groups: Mapping[str, str] = ROLE_GROUP) -> str:
    """The groups of people of ``names`` (i dipendenti e le PO / EQ), after the preposition ``prep`` joined to
    each article (ai dipendenti, delle PO / EQ); ``groups``: the regulation's own names of them
    (:func:`role_groups`)."""
    return fmt.listed(joined(prep, groups.get(name, word(name))) for name in names)


def result_pay_words(paid: Sequence[str], labels: Mapping[str, str]) -> str:
    """The fund of a [[risultato_po]] named by the roles ``paid`` («Retribuzione di risultato dei dirigenti», «… delle
    PO / EQ»), with the groups [etichette] names otherwise (:func:`role_groups`)."""
    return f"Retribuzione di risultato {roles(paid, 'di', role_groups(labels))}"


PLURAL = "_plurale"  # [etichette] «po_plurale»: the role's people as a group, with the article
# a role's group as the ente's contract names it in the cycle year («contratto:po» → «le EQ»): no key of [etichette],
# set where an ente's run reads the regulation (read/load.in_contract) and said where the regulation names it not
CONTRACT = "contratto:"


def role_names(labels: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """The roles [etichette] names (``po = "Responsabile di struttura"``, ``po_plurale = "i responsabili di
    struttura"``): role → the name of one and the group with its article; a role needs both."""
    return {r: (labels[r], labels[r + PLURAL]) for r in ROLE_GROUP if r in labels and r + PLURAL in labels}


def role_groups(labels: Mapping[str, str]) -> dict[str, str]:
    """:data:`ROLE_GROUP` with the contract's names of the year (:data:`CONTRACT`), then the regulation's own
    names of its roles' groups (:func:`role_names`)."""
    contract = {role: labels[CONTRACT + role] for role in ROLE_GROUP if CONTRACT + role in labels}
    return {**ROLE_GROUP, **contract, **{role: many for role, (_, many) in role_names(labels).items()}}


def own_labels(labels: Mapping[str, str]) -> dict[str, str]:
    """The labels the regulation's [etichette] writes, without the contract's names of the year (:data:`CONTRACT`)."""
    return {key: text for key, text in labels.items() if not key.startswith(CONTRACT)}
