"""TOML files a person wrote, read with the standard ``tomllib`` and checked as ciclope needs (size, depth,
numbers, control characters), with errors in Italian."""

import math
import os
import re
import tomllib
from pathlib import Path

from ciclope.core import syserrors
from ciclope.core.fmt import quoted
from ciclope.core.tomlerrors import translate


def read_toml(path) -> dict:
    """A TOML file as offices save it: a UTF-8 BOM is accepted; a file that is not a regular file (a folder,
    a FIFO, a link in a loop), not UTF-8, not TOML, too big or nested beyond reason, or holding a number
    beyond ciclope's precision or a control character, raises ValueError with an Italian message (never a
    traceback)."""
    return loads_checked(read_text(path))


def read_text(path) -> str:
    """The text of a TOML file the user names, checked as :func:`read_toml` does before parsing."""
    path = Path(path)
    try:
        regular = path.is_file()
        size = path.stat().st_size if regular else 0
    except (OSError, RuntimeError):  # a link in a loop, a name too long
        regular, size = False, 0
    if not regular and not os.path.lexists(path):  # a dangling link exists as a link: said below
        raise ValueError(f"il file {quoted(path.name)} non esiste (controlla il nome e la cartella)")
    if not regular:
        raise ValueError(
            f"{path.name} non è un file normale (un collegamento in un ciclo, una cartella o un file speciale)"
        )
    if size > MAX_TOML_BYTES:
        raise ValueError(f"file troppo grande (massimo {MAX_TOML_BYTES // 2**20} MiB per un file TOML)")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"il file non è in UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise ValueError(f"{path.name} non si legge ({syserrors.said(exc)})") from None


def loads_checked(text: str) -> dict:
    """``text`` as TOML, or ValueError in Italian: as :func:`read_toml` checks a file."""
    if len(text) > MAX_TOML_BYTES:
        raise ValueError(f"file troppo grande (massimo {MAX_TOML_BYTES // 2**20} MiB per un file TOML)")
    if _too_deep(text):
        raise ValueError(f"TOML non valido: tabelle o elenchi annidati oltre {MAX_DEPTH} livelli")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(translate(str(exc), text)) from None
    except RecursionError:
        raise ValueError("TOML non valido: tabelle o elenchi annidati troppo in profondità") from None
    if _nested_beyond(data):  # dotted keys and [a.b.c] headers nest without a bracket each
        raise ValueError(
            f"TOML non valido: tabelle o elenchi annidati oltre {MAX_DEPTH} livelli (contando le chiavi con i "
            "punti, come a.b.c, e le intestazioni [a.b.c])"
        )
    where = bad_text(data) or bad_number(data)
    if where:
        raise ValueError(where)
    return data


MAX_DEPTH = 32  # arrays and inline tables within one another: no input of ciclope needs more than 4


class _Written(str):
    """A TOML float as its text (``parse_float``): a string of its own kind, told from the file's strings."""


def floats_written(text: str) -> dict[tuple[str | int, ...], str]:
    """Every float of ``text`` (TOML that :func:`loads_checked` accepted) as it is written, by its path of keys and
    indexes: TOML reads ``60.000`` as 60, and only the text says that a person may have meant sixty thousand."""
    found: dict[tuple[str | int, ...], str] = {}
    stack: list[tuple[object, tuple[str | int, ...]]] = [(tomllib.loads(text, parse_float=_Written), ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Written):
            found[path] = str(value)
        elif isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return found


def _too_deep(text: str) -> bool:
    """Whether brackets open beyond :data:`MAX_DEPTH` (counted over the whole text, strings too: an
    over-estimate that no real file reaches), before a recursive parser meets them."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for found in _BRACKETS.finditer(text):
        depth = max(0, depth + (1 if found.group() in "[{" else -1))
        if depth > MAX_DEPTH:
            return True
    return False


def _nested_beyond(data: dict) -> bool:
    """Whether parsed TOML holds tables or arrays more than :data:`MAX_DEPTH` within one another, walked
    without recursion (the checks after it, and every reader of the data, recurse)."""
    stack: list[tuple[object, int]] = [(data, 0)]  # the file itself is no level
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))
    return False


_BRACKETS = re.compile(r"[\[\]{}]")
# Numbers: at most 15 digits before the decimal point, as everywhere in ciclope (a float carries 15
# significant digits); NaN and infinity are not amounts.
MAX_MAGNITUDE = 10**15


def bad_number(value: object, key: str = "") -> str:
    """Where a number of parsed TOML is NaN, infinite or of 16 digits or more, as an Italian message; ""."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return f"{key or 'valore'}: {quoted(value)} non è un numero ammesso (né nan né inf): scrivi un numero"
        if abs(value) >= MAX_MAGNITUDE:
            shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "…"
            return (
                f"{key or 'valore'}: numero troppo grande {shown}: al più 15 cifre prima della virgola "
                "(meno di un milione di miliardi)"
            )
    elif isinstance(value, dict):
        for k, v in value.items():
            found = bad_number(v, f"{key}.{k}" if key else str(k))
            if found:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = bad_number(v, f"{key}[{i + 1}]")  # counted from 1, as every message counts
            if found:
                return found
    return ""


# C0 controls but tab, line feed and carriage return, and DEL: a TOML escape (``\u0000``) can put them
# in a string; PostgreSQL refuses NUL in text, a path with NUL cannot be opened, and none belongs in a
# name or a document.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


MAX_TOML_BYTES = 4 * 2**20
MAX_TEXT = 10_000  # characters of one TOML string, as of one CSV cell: a name or a motivation, not a book


def bad_text(value: object, key: str = "") -> str:
    """Where a string (or a key) of parsed TOML holds a control character or is longer than
    :data:`MAX_TEXT`, as an Italian message; ""."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return f"{key or 'valore'}: testo di {len(value)} caratteri, oltre il massimo di {MAX_TEXT}: accorcialo"
        found = CONTROL.search(value)
        if found:
            return (
                f"{key or 'valore'}: contiene il carattere di controllo U+{ord(found.group()):04X} "
                "(da un escape come \\u0000?): toglilo"
            )
    elif isinstance(value, dict):
        for k, v in value.items():
            path = f"{key}.{k}" if key else str(k)
            if CONTROL.search(str(k)):
                return bad_text(str(k), path)
            found_in = bad_text(v, path)
            if found_in:
                return found_in
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found_in = bad_text(v, f"{key}[{i + 1}]")
            if found_in:
                return found_in
    return ""
