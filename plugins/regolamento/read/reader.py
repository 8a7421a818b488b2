"""A regulation file → :class:`format.spec.Regulation`, or every problem of it at once.

Two passes: the keys against the format of :mod:`format.spec` (unknown key with the nearest known one, wrong
type, value out of bounds, missing required key, ``fonte`` included), then the rules between keys
(:mod:`read.consistency`: thresholds in order, shares summing to 1, what a method needs). Every problem names
the file, the key and its line, in Italian.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

import attrs

from ciclope.core import Problem, cells, fmt
from ciclope.plugins.regolamento.format import methods
from ciclope.plugins.regolamento.format.expr import Formula, Written
from ciclope.plugins.regolamento.format.hints import meant, nearest
from ciclope.plugins.regolamento.format.quantities import PLACES, Place, Quantity, rowless, unscored
from ciclope.plugins.regolamento.format.spec import FORMATS, ROLES, Part, Regulation
from ciclope.plugins.regolamento.format.vocabulary import normal
from ciclope.plugins.regolamento.format.wording import said_number
from ciclope.plugins.regolamento.read import columns, consistency, definitions, formulas
from ciclope.plugins.regolamento.read.amend import scale_of
from ciclope.plugins.regolamento.read.formulas import Scope, is_formula
from ciclope.plugins.regolamento.read.lines import key_lines, line_of, said

SOURCE = "formato del regolamento dichiarato di ciclope"
KIND_WORDS = {
    "int": "un numero intero",
    "number": "un numero",
    "money": "un importo in euro (es. \"1500.00\")",
    "text": "un testo tra virgolette",
    "choice": "uno dei valori ammessi",
    "date": "una data AAAA-MM-GG senza virgolette",
    "bool": "true o false",
    "texts": "una lista di testi, es. [\"a\", \"b\"]",
    "table": "una tabella",
    "tables": "una lista di tabelle",
    "numbers": "una tabella di nomi e numeri",
    "shares": "un numero o una lista di numeri, es. \"80%\" o [\"20%\", \"65%\"]",
    "labels": "una tabella di nomi e testi",
    "formula": "una formula tra virgolette che comincia con =, es. \"=punteggio * 2\"",
    "formulas": "una lista di formule tra virgolette, ciascuna con = in testa, es. [\"=anzianita\", \"=eta\"]",
}


def shown(path: Path) -> str:
    """The file as people name it: relative to the working folder when inside it, else whole."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@attrs.define
class Context:
    """The file being read: where its keys are, and the problems found so far."""

    file: str
    lines: dict[str, int]
    version: int = 1
    # [punteggio] su: the scale the file's score thresholds are written on (None: 100)
    scale: Decimal | None = None
    # what a formula may name: the levels of every scale, the parts of the premium in order
    levels: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    columns: Mapping[str, Quantity] = attrs.field(factory=dict)  # the [[colonne]] the formulas read
    # the [[definizioni]], read before every formula: what a formula puts in place of each one's name
    definitions: definitions.Definitions = attrs.field(factory=definitions.Definitions)
    # the premiums that read no evaluation (valutazione = false): the path of the block → why, as a refusal says it
    unscored: Mapping[str, str] = attrs.field(factory=dict)
    # the premiums paid by appointment (``incarichi``): the path of each block, where a row of incarichi.csv is read
    by_row: frozenset[str] = frozenset()
    # the checks made once for the ente (``per = "ente"``): the path of each block, whose condition is shared
    on_ente: frozenset[str] = frozenset()
    problems: list[Problem] = attrs.field(factory=list)
    # the paths of the numbers written as a percentage («"30%"»), for the checks that need the unit they were written in
    percents: set[str] = attrs.field(factory=set)

    def parts_before(self, path: str) -> tuple[str, ...]:
        """The parts paid before the one ``path`` is in (``premi[2].importo``: the first two); every part for the
        progressions, selected once the premium is paid, and for the checks, which may read what it paid."""
        if path.startswith(("progressioni.", "controlli[")):
            return tuple(self.parts)
        found = re.match(r"premi\[(\d+)\]", path)
        return self.parts[: int(found.group(1))] if found else ()

    def place(self, path: str, name: str) -> Place:
        """The place of a formula written at ``path`` in the key's place ``name``: without the evaluation in a
        premium that reads none, without an appointment's data in a premium not paid by appointment, one value for
        the ente in a check made once for it."""
        check = re.match(r"controlli\[\d+\]", path)
        if check is not None and check.group(0) in self.on_ente:
            name = "controllo_ente"
        block = re.match(r"premi\[\d+\]", path)
        why = self.unscored.get(block.group(0)) if block else None
        # a place that reads no evaluation anyway (an advance, a graduatoria) keeps its own reason for a refusal
        where = PLACES[name] if why is None or not PLACES[name].scored else unscored(PLACES[name], why)
        return where if block is not None and block.group(0) in self.by_row else rowless(where)

    def error(self, path: str, message: str, rule: str = "regolamento.formato") -> None:
        """A problem at ``path``'s line and key: the place is the problem's own (``row``, ``column``), said once
        where it is printed («regolamento.toml, riga 71, [[risultato_po]] n. 2, metodo: errore: …»), never again
        in its message."""
        line = line_of(self.lines, path)
        self.problems.append(
            Problem(rule=rule, message=message, file=self.file, row=line, column=said(path), source=SOURCE)
        )


class Bad(Exception):
    """A value that could not be converted (its problem is already recorded)."""


def read(path: Path, text: str, data: Mapping[str, Any]) -> tuple[Regulation | None, list[Problem]]:
    """The regulation of ``data`` (the parsed ``text`` of ``path``), or None and its problems."""
    version = data.get("formato")
    known: int | None = version if type(version) is int and version in FORMATS else None  # true is no version
    ctx = Context(
        file=shown(path),
        lines=key_lines(text),
        version=known or 1,
        scale=scale_of(data),
        levels=level_names(data),
        parts=part_names(data),
        columns={**columns.unit_words(data), **columns.grade_words(data), **columns.quantities(data)},
        unscored=unscored_blocks(data),
        by_row=by_row(data),
        on_ente=on_ente(data),
    )
    if version is not None and known is None:
        read_ones = " e ".join(f"formato = {v}" for v in FORMATS)
        ctx.error(
            "formato",
            f"formato {fmt.quoted(fmt.toml_value(version))} non supportato: questa versione legge {read_ones}",
        )
        return None, ctx.problems
    if ctx.version >= 2:  # a format 1 file that writes [[definizioni]] is told the key is of format 2
        where = definitions.Where(ctx.file, ctx.lines, ctx.levels, ctx.parts, ctx.columns, ctx.scale)
        ctx.definitions = definitions.read(data, where, ctx.error)
    parts, broken = root_parts(data, ctx)
    consistency.check(parts, broken, ctx.error, frozenset(ctx.percents), fundless(data))
    consistency.unjudged_coefficients(data, broken, ctx.levels, ctx.error)
    if ctx.problems:
        return None, ctx.problems
    return Regulation(**parts), []


def level_names(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The names of every level of the file's scales, as a formula may write them."""
    levels = data.get("livelli")
    if not isinstance(levels, dict):
        return ()
    scales = (levels.get(k) for k in ("scala", *ROLES))  # a scale of the wrong type is said by the reader
    steps = [s for scale in scales if isinstance(scale, list) for s in scale if isinstance(s, dict)]
    return tuple(dict.fromkeys(str(s["nome"]) for s in steps if isinstance(s.get("nome"), str)))


def unscored_blocks(data: Mapping[str, Any]) -> dict[str, str]:
    """The premiums written with ``valutazione = false`` (path → why a formula there reads no evaluation)."""
    out = {}  # [premio] has no formula: only a part's formulas are read in a place of their own
    parts = data.get("premi")
    for i, part in enumerate(parts if isinstance(parts, list) else []):
        if isinstance(part, dict) and part.get("valutazione") is False:
            out[f"premi[{i}]"] = f"la parte «{part.get('nome')}» è senza valutazione individuale (valutazione = false)"
    return out


def by_row(data: Mapping[str, Any]) -> frozenset[str]:
    """The premiums paid by appointment (``incarichi``), by the path of their block."""
    parts = data.get("premi")
    return frozenset(
        f"premi[{i}]"
        for i, part in enumerate(parts if isinstance(parts, list) else [])
        if isinstance(part, dict) and part.get("incarichi") is not None
    )


def on_ente(data: Mapping[str, Any]) -> frozenset[str]:
    """The checks made once for the ente (``per = "ente"``), by the path of their block."""
    checks = data.get("controlli")
    return frozenset(
        f"controlli[{i}]"
        for i, check in enumerate(checks if isinstance(checks, list) else [])
        if isinstance(check, dict) and check.get("per") == "ente"
    )


def fundless(data: Mapping[str, Any]) -> frozenset[int]:
    """The parts of [[premi]] that write no ``fondo`` (nor a misspelling read in its place), by their index: each
    takes the default fund, so a rule broken by sharing it is told of a fund the office never wrote."""
    parts = data.get("premi")
    keys = [f.metadata["toml"] for f in attrs.fields(Part)]
    return frozenset(
        i
        for i, part in enumerate(parts if isinstance(parts, list) else [])
        if isinstance(part, dict) and "fondo" not in part and "fondo" not in meant(list(part), keys)
    )


def part_names(data: Mapping[str, Any]) -> tuple[str, ...]:
    parts = data.get("premi")
    if not isinstance(parts, list):
        return ()
    return tuple(p["nome"] for p in parts if isinstance(p, dict) and isinstance(p.get("nome"), str))


def root_parts(data: Mapping[str, Any], ctx: Context) -> tuple[dict[str, Any], set[str]]:
    """Each top-level table built on its own (a broken one left out), so the rules between keys are checked
    on the others in the same round: every problem at once."""
    fields = {f.metadata["toml"]: f for f in attrs.fields(Regulation)}
    for name in data:
        if name not in fields:
            ctx.error(
                name,
                unknown(name, list(fields)),
                "regolamento.chiave_sconosciuta",
            )
    typo = meant(list(data), list(fields))
    parts: dict[str, Any] = {}
    broken: set[str] = set()
    for name, f in fields.items():
        written: str = typo.get(name) or name
        if written not in data:
            if f.metadata["required"]:
                ctx.error(name, f"manca la chiave obbligatoria {name}", "regolamento.manca")
            continue
        try:
            parts[f.name] = value(f.metadata, data[written], written, ctx)
        except Bad:
            broken.add(f.name)
    return parts, broken


def unknown(name: str, allowed: list[str]) -> str:
    """A key the table does not have: the one it was likely meant for, else every key the table allows (a list
    of fifteen after a near miss hides the one word that matters)."""
    near = nearest(name, allowed)
    return f"chiave sconosciuta{near}" if near else f"chiave sconosciuta; ammesse: {', '.join(allowed)}"


def table(cls: type, raw: Any, path: str, ctx: Context) -> Any:
    """``raw`` as an instance of ``cls`` (a table of :mod:`format.spec`); every problem of it recorded first."""
    if not isinstance(raw, dict):
        # [[premio]] for [premio]: a list of tables where one table goes, said with the brackets to write
        twice = f": si scrive [{_last_key(path)}], una volta sola" if path and isinstance(raw, list) else ""
        ctx.error(path or "(file)", f"deve essere una tabella{twice}", "regolamento.tipo")
        raise Bad
    fields = {f.metadata["toml"]: f for f in attrs.fields(cls)}
    for name in raw:
        if name not in fields:
            where = f"{path}.{name}" if path else name
            ctx.error(
                where,
                unknown(name, list(fields)),
                "regolamento.chiave_sconosciuta",
            )
    typo = meant(list(raw), list(fields))
    values: dict[str, Any] = {}
    broken = False
    for name, f in fields.items():
        written: str = typo.get(name) or name
        where = f"{path}.{written}" if path else written
        if written not in raw:
            if f.metadata["required"]:
                what = "la fonte (fonte = \"art. …\")" if name == "fonte" else f"la chiave obbligatoria {name}"
                ctx.error(where, f"manca {what}", "regolamento.fonte" if name == "fonte" else "regolamento.manca")
                broken = True
            continue
        try:
            values[f.name] = value(f.metadata, raw[written], where, ctx)
        except Bad:
            broken = True
    if broken:
        raise Bad
    return cls(**values)


def value(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> Any:
    """One key's value converted to its kind and checked against its bounds or choices."""
    if meta["since"] > ctx.version:
        ctx.error(
            path,
            f"la chiave è del formato {meta['since']}: scrivi formato = {meta['since']} in testa al file "
            f"(il file dice formato = {ctx.version}; tutto il resto si legge come prima)",
            "regolamento.formato",
        )
        raise Bad
    kind = meta["kind"]
    if kind == "formulas":
        return _formulas(meta, raw, path, ctx)
    if meta.get("formula") and is_formula(raw):
        return formula(meta, raw, path, ctx)
    if kind == "formula":
        return _wrong(meta, raw, path, ctx)
    if kind == "table":
        return table(meta["table"], raw, path, ctx)
    if kind == "tables":
        if meta.get("one") and isinstance(raw, dict):  # [risultato_po], one table: a list of one, read at its path
            return (table(meta["table"], raw, path, ctx),)
        if not isinstance(raw, list):
            return _wrong(meta, raw, path, ctx)
        if meta["hi"] is not None and len(raw) > meta["hi"]:  # ``hi`` of a list of tables: its most items
            ctx.error(path, f"{len(raw)} elementi, oltre il massimo di {meta['hi']}", "regolamento.valore")
            raise Bad
        items, broken = [], False
        for i, row in enumerate(raw):
            try:
                items.append(table(meta["table"], row, f"{path}[{i}]", ctx))
            except Bad:
                broken = True
        if broken:
            raise Bad
        return tuple(items)
    if kind in ("numbers", "labels"):
        if not isinstance(raw, dict):
            return _wrong(meta, raw, path, ctx)
        inner = {**meta, "kind": "number" if kind == "numbers" else "text"}
        out, broken = {}, False
        for name, item in raw.items():
            try:
                out[str(name)] = value(inner, item, f"{path}.{name}", ctx)
            except Bad:
                broken = True
        if broken:
            raise Bad
        return out
    if kind == "shares":  # one share, or a share of a share …: each a number, the outermost first
        if isinstance(raw, list) and not raw:
            return _wrong(meta, raw, path, ctx)
        number = {**meta, "kind": "number"}
        if not isinstance(raw, list):
            return (value(number, raw, path, ctx),)
        return tuple(value(number, x, f"{path}[{i}]", ctx) for i, x in enumerate(raw))
    if kind == "texts":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            return _wrong(meta, raw, path, ctx)
        if not raw and meta["toml"] == "ruoli":  # nobody: a block of no role is a mistake, never a rule
            ctx.error(path, f"la lista dei ruoli è vuota: scrivi almeno un ruolo tra {', '.join(meta['choices'])}",
                      "regolamento.valore")  # fmt: skip
            raise Bad
        for x in raw:
            _choice(meta, x, path, ctx)
        return tuple(raw)
    return _scalar(meta, raw, path, ctx)


def formula(meta: Mapping[str, Any], raw: str, path: str, ctx: Context) -> Formula:
    """A value written ``"=…"``: the formula read and checked for the place of its key, knowing where it is written
    (a value it cannot give a person is an error at its line and key, like one found here)."""
    if ctx.version < 2:
        ctx.error(path, "le formule sono del formato 2: scrivi formato = 2 in testa al file", "regolamento.formato")
        raise Bad
    if meta["formula"] == definitions.PLACE:  # read with the others, before every formula: said there if it fails
        if path not in ctx.definitions.formulas:
            raise Bad
        return ctx.definitions.formulas[path]
    scope = Scope(
        ctx.place(path, meta["formula"]),
        levels=ctx.levels,
        parts=ctx.parts_before(path),
        columns=ctx.columns,
        definitions=ctx.definitions.by_name,
        scale=ctx.scale,
    )
    try:
        found = formulas.read(raw, scope)
    except formulas.FormulaError as exc:
        ctx.error(path, f"formula «{raw.strip()}»: {exc}", "regolamento.formula")
        raise Bad from None
    return attrs.evolve(found, written=Written(Path(ctx.file).name, line_of(ctx.lines, path), said(path)))


def _formulas(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> tuple[Formula, ...]:
    """A list of formulas (``a_parita = ["=anzianita", "=eta"]``), each read and checked for the key's place."""
    if not isinstance(raw, list) or not all(isinstance(x, str) and is_formula(x) for x in raw):
        return _wrong(meta, raw, path, ctx)
    items, broken = [], False
    for i, text in enumerate(raw):
        try:
            items.append(formula(meta, text, f"{path}[{i}]", ctx))
        except Bad:
            broken = True
    if broken:
        raise Bad
    return tuple(items)


def _scalar(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> Any:
    kind = meta["kind"]
    if kind == "int":
        if isinstance(raw, bool) or not isinstance(raw, int):
            return _wrong(meta, raw, path, ctx)
        _bounds(meta, Decimal(raw), path, ctx)
        return raw
    if kind in ("number", "money"):
        number = _number(meta, raw, path, ctx)
        if kind == "money" and (number < 0 or number != number.quantize(Decimal("0.01"))):
            said = fmt.quoted(said_number(number))
            ctx.error(path, f"{said} non è un importo: euro non negativi, al più 2 decimali", "regolamento.valore")
            raise Bad
        _bounds(meta, number, path, ctx)
        return number
    if kind == "date":
        if not isinstance(raw, dt.date) or isinstance(raw, dt.datetime):
            return _wrong(meta, raw, path, ctx)
        return raw
    if kind == "bool":
        if not isinstance(raw, bool):
            return _wrong(meta, raw, path, ctx)
        return raw
    if not isinstance(raw, str) or not raw.strip():
        return _wrong(meta, raw, path, ctx)
    raw = meta.get("former", {}).get(raw, raw)  # a word of before, read as the word it became
    _choice(meta, raw, path, ctx)
    return raw


# At most 15 digits before the decimal point, as every number of ciclope (tomlcompat.MAX_MAGNITUDE): a text such
# as "1e30" is a finite Decimal that no amount, cent rounding or comparison of the regulation can hold.
MAX_MAGNITUDE = Decimal(10) ** 15


def _number(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> Decimal:
    if isinstance(raw, bool):
        return _wrong(meta, raw, path, ctx)
    if isinstance(raw, (int, float)):
        number = Decimal(str(raw))
    elif isinstance(raw, str):
        text = raw.strip()
        percent = meta["kind"] == "number" and text.endswith("%")  # a share written «80%», as the text writes it
        try:
            number = Decimal(text[:-1].strip().replace(",", ".") if percent else text)
            number = number / 100 if percent else number
        except InvalidOperation:
            return _wrong(meta, raw, path, ctx)
        if not number.is_finite():
            return _wrong(meta, raw, path, ctx)
        if percent and (meta["points"] or meta["days"]):
            ctx.error(path, _not_a_share(meta, raw, number, ctx), "regolamento.valore")
            raise Bad
        if percent:
            ctx.percents.add(path)
    else:
        return _wrong(meta, raw, path, ctx)
    if number.copy_abs() >= MAX_MAGNITUDE:  # copy_abs: no context, so no Overflow of its own
        shown = fmt.quoted(raw if len(str(raw)) <= 40 else str(raw)[:37] + "…")
        ctx.error(
            path,
            f"numero troppo grande {shown}: al più 15 cifre prima della virgola (meno di un milione di miliardi)",
            "regolamento.valore",
        )
        raise Bad
    return number


def _not_a_share(meta: Mapping[str, Any], raw: str, share: Decimal, ctx: Context) -> str:
    """Why a percentage does not fit a key that counts points or days: «"60%"» read as 0,6 would be a threshold of
    0,6 points, everyone above it. A score's percentage is said as the points it is on the regulation's scale."""
    if meta["points"]:
        scale = ctx.scale if ctx.scale is not None else Decimal(100)
        points = format((share * scale).normalize(), "f")
        return (
            f"{fmt.quoted(raw)} è una percentuale, ma un punteggio si scrive in punti (su {said_number(scale)}): "
            f"scrivi {points}"
        )
    return f"{fmt.quoted(raw)} è una percentuale, ma qui si scrive un numero di giorni (es. {meta['example']})"


def _interval(lo: Decimal | None, hi: Decimal | None, said: Callable[[Decimal], str] = said_number) -> str:
    """The bounds a value must keep, in words: «da 0 a 1», «almeno 0», «al più 400»; «da 0% a 100%» for a value
    written as a percentage (``said``: :func:`fmt.pct_typed`)."""
    if lo is not None and hi is not None:
        return f"da {said(lo)} a {said(hi)}"
    return f"almeno {said(lo)}" if lo is not None else f"al più {said(hi)}" if hi is not None else ""


def _bounds(meta: Mapping[str, Any], number: Decimal, path: str, ctx: Context) -> None:
    lo, hi = meta["lo"], meta["hi"]
    if meta["points"] and ctx.scale is not None:
        hi = ctx.scale  # a score threshold written in points of the regulation's scale
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        # a value written as a percentage is said as one, as the office wrote it: «150%», never «1,5»
        said = fmt.pct_typed if path in ctx.percents else said_number
        hint = (
            cells.share_hint(number, toml=True) if lo == 0 and hi == 1 and said is said_number else ""
        )  # «quota = 40»: a percentage without its sign
        ctx.error(
            path,
            f"{said(number)} fuori dall'intervallo ammesso ({_interval(lo, hi, said)}){hint}",
            "regolamento.valore",
        )
        raise Bad


# A value of [premio]'s method that only a part of the premium takes: where to write it instead.
ONLY_IN_PARTS = (
    frozenset(methods.PARTS) - frozenset(methods.PREMIO),
    "si scrive in una parte del premio: [[premi]] con nome, metodo e fondo, al posto di [premio] (formato 2, "
    "«Il premio in più parti»)",
)


# A comparto ciclope has no national layer for (a university's, an ASL's, a ministry's): what to write instead.
OTHER_COMPARTO = (
    ': per un altro comparto (Istruzione e Ricerca, Sanità, Funzioni Centrali) scrivi "altro", e nessuna regola '
    "nazionale si applica"
)

# the words an AFAM institution names itself by, whose letters are nearer to «consorzio» than to its kind
AFAM_WORDS = ("conservatorio", "accademia", "afam", "isia")
AFAM = (
    ": un conservatorio, un'accademia o un'altra istituzione di alta formazione artistica, musicale e coreutica è "
    "«istituzione_afam»"
)

# an «istituzione» alone may be a Comune's (art. 114 TUEL) or an AFAM one: the two kinds, not the nearest letters
INSTITUTION = (
    ": un'istituzione di un Comune (D.Lgs. 267/2000, art. 114: biblioteca, musei, servizi sociali) è "
    "«istituzione_comunale»; un conservatorio o un'accademia è «istituzione_afam»"
)

# the words an IPAB names itself by (in capitals, or by what it runs), which are not its kind as written
IPAB_WORDS = ("ipab", "casa di riposo", "casa_di_riposo")
IPAB = (
    ": un'istituzione pubblica di assistenza e beneficenza non trasformata in azienda di servizi alla persona (una "
    "casa di riposo) è «ipab»"
)


def _choice(meta: Mapping[str, Any], raw: str, path: str, ctx: Context) -> None:
    choices = list(meta["choices"])
    if choices and raw not in choices:
        elsewhere = (
            f": il metodo «{raw}» {ONLY_IN_PARTS[1]}" if path == "premio.metodo" and raw in ONLY_IN_PARTS[0] else ""
        ) or (OTHER_COMPARTO if path == "atto.comparto" else "")
        elsewhere = elsewhere or (AFAM if path == "atto.tipo_ente" and raw.lower().startswith(AFAM_WORDS) else "")
        elsewhere = elsewhere or (IPAB if path == "atto.tipo_ente" and raw.lower().startswith(IPAB_WORDS) else "")
        elsewhere = elsewhere or (
            INSTITUTION if path == "atto.tipo_ente" and raw.lower().startswith("istituzion") else ""
        )
        # a part's name, not a misspelt choice: it goes in residuo_a
        if not elsewhere and path.startswith("premi[") and path.endswith("].residuo") and not nearest(raw, choices):
            elsewhere = f": il nome della parte a cui va il residuo si scrive in residuo_a (residuo_a = \"{raw}\")"
        ctx.error(
            path,
            f"valore {fmt.quoted(raw)} non ammesso{nearest(raw, choices) if not elsewhere else ''}; ammessi: "
            f"{', '.join(choices)}{elsewhere}",
            "regolamento.valore",
        )
        raise Bad


def _wrong(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> NoReturn:
    hint = _number_hint(meta, raw, path) if meta["kind"] in NUMERIC else ""
    expected = KIND_WORDS[meta["kind"]]
    if meta["kind"] == "choice" and meta["choices"]:  # the values themselves, as a wrong word's message lists them
        expected = f"uno dei valori ammessi tra virgolette ({', '.join(meta['choices'])})"
    found = f"trovato {fmt.quoted(fmt.toml_value(raw))}"
    if isinstance(raw, str):  # the text as the office wrote it, never with the quotes of a program inside «»
        found = (
            f"trovata la formula {fmt.quoted(raw.strip())}"
            if is_formula(raw)
            else f"trovato il testo {fmt.quoted(raw)}"
        )
    if meta["kind"] == "bool" and isinstance(raw, str) and (yes := _yes_no(raw)) is not None:
        # «"sì"», the text's word: TOML's true or false, without quotes
        hint = f": scrivi {_last_key(path)} = {'true (sì)' if yes else 'false (no)'} senza virgolette"
    elif meta["kind"] == "tables" and isinstance(raw, dict):  # [premi] for [[premi]]: the brackets, not the content
        key = _last_key(path)
        found = f"trovata una tabella sola: ogni elemento si scrive [[{key}]], con due parentesi quadre, non [{key}]"
    agreed = "attesa" if expected.startswith("una ") else "atteso"
    ctx.error(path, f"{agreed} {expected}, {found}{hint}", "regolamento.tipo")
    raise Bad


NUMERIC = ("int", "number", "numbers", "money")
# an amount written as the formula of a fund's amount, =FONDO("nome"), where the block names the fund by a key of its
# own: the key to write instead
FUND_KEYS = {"progressioni.risorse": "fondo"}
_FUND_CALL = re.compile(r'=\s*FONDO\s*\(\s*("[^"]*")\s*\)\s*')


def _number_hint(meta: Mapping[str, Any], raw: Any, path: str) -> str:
    """How a number is written in the file, for a text that says one as people write it: «3,5», «1.300,00»,
    «1500 €», «80 punti», «due», «35% * 25%»; for a formula where the key takes a number, that it does not read one."""
    if not isinstance(raw, str):
        return ""
    text, key = raw.strip(), _last_key(path)
    if is_formula(text):
        example = meta["example"] if meta["example"] is not None else 3
        what = "un importo in euro" if meta["kind"] == "money" else "un numero"
        fund = _FUND_CALL.fullmatch(text)
        if fund and path in FUND_KEYS:  # the amount of a fund, where the block reads one by its name
            return f": le risorse di un fondo si scrivono con il suo nome, {FUND_KEYS[path]} = {fund.group(1)}"
        return f": {key} è {what} scritto qui, non una formula (es. {key} = {example})"
    if _COMMA_DECIMAL.fullmatch(text) and meta["lo"] == 0 and meta["hi"] == 1:
        # «"8,33"» for a share: the percentage it means, never 8.33 (833%)
        share = fmt.toml_value(Decimal(text.replace(",", ".")) / 100)
        return f': una quota si scrive come percentuale, {key} = "{text}%", o come parte di 1 ({key} = {share})'
    if _COMMA_DECIMAL.fullmatch(text):
        # «3,5» as the data files and the formulas take it: TOML's numbers have a decimal point and no quotes
        return f": nel file del regolamento un numero si scrive col punto decimale e senza virgolette ({text.replace(',', '.')})"
    if (amount := _italian_amount(text)) is not None:
        # «1.300,00», «1500 €», «€ 1.500»: the number alone, as TOML writes it
        ways = [
            "senza virgolette",
            *(["senza «€»"] if "€" in text else []),
            *(["senza il punto delle migliaia"] if "." in text else []),
            *(["col punto decimale"] if "," in text else []),
        ]
        said = ", ".join(ways[:-1]) + " e " + ways[-1] if len(ways) > 1 else ways[0]
        return f": nel file del regolamento un numero si scrive {said} ({key} = {amount})"
    if meta["kind"] in ("int", "number") and (worded := _WORDED.fullmatch(text)):
        # «"11 giorni"», «"80 punti"»: the unit is the key's own (said by the documentation), the number alone is read
        return f": scrivi il numero senza virgolette e senza «{worded.group(2)}» ({key} = {worded.group(1).replace(',', '.')})"
    if normal(text) in NUMBER_WORDS:
        return f": scrivi il numero in cifre, senza virgolette ({key} = {NUMBER_WORDS[normal(text)]})"
    if meta["kind"] == "int" and text.isdigit():
        return f": scrivi il numero senza virgolette ({key} = {int(text)})"
    if meta["kind"] == "number" and (product := _product(text)) is not None:
        # «"35% * 25%"», the text's «il 25% del 35%»: a key holds a number, the product is written already done
        shown = f"{key} = {fmt.toml_value(product)}"
        percent = f", cioè {fmt.pct_share(product)}" if "%" in text else ""
        return f": qui va il risultato del calcolo, non il calcolo ({shown}{percent})"
    return ""


NUMBER_WORDS = {
    normal(word): n
    for n, word in enumerate(
        ("zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci")
    )
} | {"una": 1, "un": 1}


def _italian_amount(text: str) -> str | None:
    """The number of an amount as people write it, with thousands points, a decimal comma or the euro sign
    («1.300,00», «1500 €», «€ 1.500»), as TOML writes it («1300», «1500», «1300.5»); None for another text."""
    found = _AMOUNT.fullmatch(text)
    if found is None or ("€" not in text and "." not in found.group(1)):
        return None
    number = Decimal(found.group(1).replace(".", "").replace(",", "."))
    return format(number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize(), "f")


def _yes_no(text: str) -> bool | None:
    """The yes (True) or no (False) a word says as a cell of the data files says it («sì», «no», «vero»), or None."""
    try:
        return cells.parse_bool(text)
    except ValueError:
        return None


def _product(text: str) -> Decimal | None:
    """The product of a text of numbers and percentages joined by «*» or «×» («35% * 25%» is 0,0875), or None."""
    factors = re.split(r"[*×]", text)
    if len(factors) < 2 or not all(_FACTOR.fullmatch(f.strip()) for f in factors):
        return None
    product = Decimal(1)
    for factor in (f.strip() for f in factors):
        number = Decimal(factor.rstrip("%").strip().replace(",", "."))
        product *= number / 100 if factor.endswith("%") else number
    # normalize() alone writes 10 as «1E+1»: a whole product is said as an integer
    return product.quantize(Decimal(1)) if product == product.to_integral_value() else product.normalize()


def _last_key(path: str) -> str:
    """The key a table is written under: ``premi`` of ``premi``, ``scaglioni`` of ``riduzioni[1].scaglioni``."""
    return path.rsplit(".", 1)[-1]


_COMMA_DECIMAL = re.compile(r"-?\d+,\d+")
# an amount as people write it: the euro sign before or after, thousands points, a decimal comma
_AMOUNT = re.compile(r"(?:€\s*)?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*€)?")
_FACTOR = re.compile(r"\d{1,6}(?:[.,]\d{1,6})?\s*%?")  # a factor of a product written in a key: «35%», «0,5»
_WORDED = re.compile(r"(-?\d+(?:[.,]\d+)?)\s*([^\W\d_][\w.]*)")  # a number and one word after it
