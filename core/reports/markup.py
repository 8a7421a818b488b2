"""Markup written by hand, for the documents not yet built from the report model (``compare.html``):
escaped text, tags, flags and tables as strings.

The Relazione is built from :mod:`.model` and rendered by Jinja2 (:mod:`.html`); these helpers write the
same markup, so the comparison page looks like the Relazione.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from html import escape
from typing import Any

NUM = ' class="num"'


class Raw(str):
    """Markup already built (and escaped) by this module."""


def e(text: Any) -> str:
    """Text escaped for HTML (``html.escape`` with quotes); markup (:class:`Raw`) as it is."""
    if type(text) is not str:
        if isinstance(text, Raw):
            return text
        text = "" if text is None else str(text)
    # most texts of a Relazione (numbers, ids, labels) have nothing to escape: no copy, no five replaces
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return escape(text, quote=True)
    return text


def tag(name: str, content: Any, cls: str = "", **attrs: str) -> Raw:
    extra = "".join(f' {k.rstrip("_")}="{e(v)}"' for k, v in attrs.items()) if attrs else ""
    klass = f' class="{e(cls)}"' if cls else ""
    return Raw(f"<{name}{klass}{extra}>{e(content)}</{name}>")


_FLAGS: dict[tuple[Any, str, type], Raw] = {}


def flag(text: str, kind: str = "warn") -> Raw:
    key = (text, kind, type(text))  # the type too: a Raw text equals its str but is not escaped
    found = _FLAGS.get(key)  # a handful of flags, repeated on every row that has them
    if found is None:
        if len(_FLAGS) >= 1024:
            _FLAGS.clear()
        found = _FLAGS[key] = tag("span", text, f"flag {kind}")
    return found


def table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    numeric: Iterable[int] = (),
    cls: str = "",
    empty: str = "Nessun dato.",
) -> Raw:
    rows = list(rows)
    if not rows:
        return tag("p", empty, "empty")
    num, head, opens = _head(columns, numeric)
    body = []
    for row in rows:
        row_cls = ""
        if isinstance(row, RowWithClass):
            row_cls, row = f' class="{e(row.cls)}"', row.cells
        if len(row) > len(opens):  # a row wider than the header: its cells open as the columns say
            opens = opens + [f"<td{NUM}>" if i in num else "<td>" for i in range(len(opens), len(row))]
        cells = []
        for o, v in zip(opens, row):
            if type(v) is str:  # e(v) inline: most cells are texts with nothing to escape
                if "&" in v or "<" in v or ">" in v or '"' in v or "'" in v:
                    v = escape(v, quote=True)
            else:
                v = e(v)
            cells.append(f"{o}{v}</td>")
        body.append(f"<tr{row_cls}>{''.join(cells)}</tr>")
    if len(columns) <= 3 and not cls:
        cls = "narrow"
    klass = f' class="{e(cls)}"' if cls else ""
    return Raw(f"<table{klass}><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>")


# (columns, numeric) → (numeric set, header cells, each column's opening <td>)
_HEADS: dict[tuple, tuple[set[int], str, list[str]]] = {}


def _head(columns: Sequence[str], numeric: Iterable[int]) -> tuple[set[int], str, list[str]]:
    """The numeric columns, the header cells and the columns' opening tags of a table; remembered for
    the fixed headers (tuples) of the tables repeated in a Relazione (one per objective)."""
    plain = type(columns) is tuple and type(numeric) is tuple and set(map(type, columns)) == {str}
    key = (columns, numeric) if plain else None  # exact texts only: a Raw equals its str but is not escaped
    found = _HEADS.get(key) if key is not None else None
    if found is None:
        num = set(numeric)
        found = (
            num,
            "".join(f"<th{NUM if i in num else ''}>{e(c)}</th>" for i, c in enumerate(columns)),
            [f"<td{NUM}>" if i in num else "<td>" for i in range(len(columns))],
        )
        if key is not None:
            if len(_HEADS) >= 1024:
                _HEADS.clear()
            _HEADS[key] = found
    return found


class RowWithClass:
    def __init__(self, cls: str, cells: Sequence[Any]):
        self.cls, self.cells = cls, cells


def section(ident: str, title: str, body: Sequence[Any], first: bool = False) -> Raw:
    return Raw("".join(section_pieces(ident, title, body, first)))


def section_pieces(ident: str, title: str, body: Sequence[Any], first: bool = False) -> Iterator[str]:
    """A section as pieces to write one after the other (a 30,000-person ente's objectives are
    ~10 MB of HTML: the file is written piece by piece, never joined, see :meth:`Page.pieces`)."""
    cls = "scheda first" if first else "scheda"
    yield f'<section class="{cls}" id="{e(ident)}">\n<h2>{e(title)}</h2>\n'
    for i, b in enumerate(body):
        yield "\n" + e(b) if i else e(b)
    yield "\n</section>"
