"""Where each key of a TOML text is written: ``livelli.scala[2].da`` → its line.

``tomllib`` gives values, not positions; an office fixes an error by its line. This reads the text line
by line: table headers (``[a.b]``, ``[[a.b]]`` with their running index), ``key = value`` lines, and the
inline tables of an array written one per line (``scala = [`` then ``{ nome = "A", da = 95 },``). A key it
cannot place (an unusual layout) is answered with the line of its nearest written parent, or none.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=\s*(.*)$")
_INLINE_KEY = re.compile(r"([A-Za-z0-9_\-]+)\s*=")


# The file of a problem found while the ente is computed, its column the key path to fix (``premi[1]``, ``premio``,
# ``risultato_po.ruoli``): ``read.load.placed`` names the file and the line as the office finds them.
REGULATION = "regolamento"


def _inline_keys(text: str) -> list[str]:
    """The keys of a one-line inline table ``{ nome = "A", da = 95 }`` (strings skipped)."""
    bare = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', '""', text)
    return _INLINE_KEY.findall(bare)


def key_lines(text: str) -> dict[str, int]:
    """Every key path of ``text`` → its 1-based line."""
    out: dict[str, int] = {}
    counts: dict[str, int] = {}
    table = ""
    array: str | None = None  # the key of a multi-line array of inline tables being read
    item = 0
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if array is not None:
            if stripped.startswith("{"):
                path = f"{array}[{item}]"
                out.setdefault(path, n)
                for k in _inline_keys(stripped):
                    out.setdefault(f"{path}.{k}", n)
                item += 1
                continue
            if stripped.startswith("]"):
                array = None
                continue
            if not stripped or stripped.startswith("#"):
                continue
            array = None
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            name = header.group(2).replace('"', "").replace(" ", "")
            if header.group(1) == "[[":
                index = counts.get(name, 0)
                counts[name] = index + 1
                table = f"{name}[{index}]"
            else:
                table = _indexed(name, counts)
            out.setdefault(table, n)
            continue
        found = _KEY.match(line)
        if not found:
            continue
        name = found.group(1).replace(" ", "")
        path = f"{table}.{name}" if table else name
        out.setdefault(path, n)
        value = found.group(2).strip()
        if value.startswith("{"):
            for k in _inline_keys(value):
                out.setdefault(f"{path}.{k}", n)
        elif value.startswith("["):
            for i, chunk in enumerate(re.findall(r"\{[^{}]*\}", value)):
                out.setdefault(f"{path}[{i}]", n)
                for k in _inline_keys(chunk):
                    out.setdefault(f"{path}[{i}].{k}", n)
            if "]" not in value.split("#", 1)[0]:
                array, item = path, 0
    return out


def _indexed(name: str, counts: dict[str, int]) -> str:
    """``premio.fasce`` under the last ``[[esclusioni]]`` is ``esclusioni[i]…``: a sub-table of an array of
    tables belongs to its last element."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        head = ".".join(parts[:cut])
        if head in counts:
            return f"{head}[{counts[head] - 1}]." + ".".join(parts[cut:])
    return name


def said(path: str) -> str:
    """A key path as an office counts its tables, from 1: ``premi[0].peso`` → ``premi[1].peso``, the first
    ``[[premi]]`` (the paths inside ciclope count from 0, as TOML's arrays do)."""
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + 1}]", path)


def line_of(lines: dict[str, int], path: str) -> int | None:
    """The line of ``path``, else of its nearest written parent; a list of tables is where its first one is."""
    if path not in lines and f"{path}[0]" in lines:
        return lines[f"{path}[0]"]
    head, dot, rest = path.partition(".")
    if path not in lines and f"{head}[0]{dot}{rest}" in lines:  # [[risultato_po]] written once, said as one table
        return lines[f"{head}[0]{dot}{rest}"]
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None
