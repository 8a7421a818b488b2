"""With [gradi] each person's grade is in the ``grado`` column and people.csv's ``categoria`` stays empty: every
formula of the file — a part's, an exclusion's, a reduction's, a check's, the riparto among rankings, the
progressions' — is checked for the two silent mistakes this allows. A formula that reads ``categoria`` would find
no value for anybody; one that compares ``grado`` with a word [gradi] does not list («grado = "C1"» where the
grades are B, C, D) would hold for nobody (or, with <>, for everybody). Without [gradi] ``grado`` is the category's
letter, and a word compared with it must be one (:func:`letters`). A definition of ``[[definizioni]]`` is
judged once, at its own key, never again in each formula that reads it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.plugins.regolamento.format import grades as categories
from ciclope.plugins.regolamento.format.expr import Binary, Formula, Name, Text, nodes
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.format.vocabulary import normal

Error = Callable[[str, str, str], None]

TOML = {f.name: f.metadata["toml"] for f in attrs.fields(Regulation) if "toml" in f.metadata}


def check(parts: Mapping[str, Any], grades: Sequence[str], error: Error) -> None:
    """Each formula of the blocks read (``parts``: field name → value), with [gradi] naming ``grades``."""
    for name, block in parts.items():
        if name in TOML:
            for path, formula in formulas_in(block, TOML[name]):
                category(path, formula, error)
                unknown(path, formula, grades, error)


def formulas_in(block: Any, path: str) -> Iterator[tuple[str, Formula]]:
    """Every formula under ``block``, with its path as the file writes it (``premi[1].ammesso``)."""
    if isinstance(block, Formula):
        yield path, block
    elif attrs.has(type(block)):
        for field in attrs.fields(type(block)):
            if "toml" in field.metadata:
                yield from formulas_in(getattr(block, field.name), f"{path}.{field.metadata['toml']}")
    elif isinstance(block, (tuple, list)):
        for i, item in enumerate(block):
            yield from formulas_in(item, f"{path}[{i}]")


def category(path: str, formula: Formula, error: Error) -> None:
    if any(isinstance(n, Name) and n.name == "categoria" for n in nodes(formula.tree, definitions=False)):
        error(
            path,
            "con [gradi] la colonna categoria di persone.csv resta vuota (il grado di ciascuno è nella colonna "
            'grado): la formula legge categoria, che non ha un valore per nessuno; scrivi grado, es. grado = "B"',
            "regolamento.valore",
        )


def unknown(path: str, formula: Formula, grades: Sequence[str], error: Error) -> None:
    for word in compared(formula):
        if word not in grades:
            error(
                path,
                f"grado {fmt.quoted(word)} sconosciuto{nearest(word, list(grades))}; gradi di [gradi]: "
                f"{', '.join(grades)}",
                "regolamento.valore",
            )


def letters(parts: Mapping[str, Any], error: Error) -> None:
    """Without [gradi], each formula's ``grado`` is the person's category as people.csv writes it, its letter: a word
    compared with it that is not a letter («Funzionari», «D1») would hold for nobody."""
    for name, block in parts.items():
        if name in TOML:
            for path, formula in formulas_in(block, TOML[name]):
                for word in compared(formula):
                    if word not in categories.CATEGORIES:
                        error(path, _not_a_letter(word), "regolamento.valore")


def _not_a_letter(word: str) -> str:
    letter = categories.WORDS.get(normal(word))
    said = "A, B, C, D o DIR"
    if letter is not None:  # an Area's name, or the letter written otherwise: what to write instead
        return (
            f"grado {fmt.quoted(word)}: senza [gradi] il grado è la categoria di persone.csv, scritta con la "
            f'lettera ({said}): scrivi grado = "{letter}", o categoria = {fmt.quoted(word)}'
        )
    return (
        f"grado {fmt.quoted(word)} sconosciuto{nearest(word, categories.KNOWN)}: senza [gradi] il grado è la "
        f"categoria di persone.csv ({said}); i gradi di un altro contratto si dichiarano in [gradi]"
    )


def compared(formula: Formula) -> Iterator[str]:
    """Each word the formula compares (``=``, ``<>``) with ``grado``."""
    if "grado" not in formula.uses:
        return
    for node in nodes(formula.tree, definitions=False):
        if isinstance(node, Binary) and node.op in ("=", "<>"):
            sides = (node.left, node.right)
            if any(isinstance(s, Name) and s.name == "grado" for s in sides):
                yield from (s.value for s in sides if isinstance(s, Text))
