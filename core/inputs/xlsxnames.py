"""The names office workers gave the sheets of a workbook, by the part that holds each sheet
(``xl/worksheets/sheet5.xml`` → «Persone»), read from the workbook's own index: a problem found in a part
names the sheet as the office sees it, never «foglio 5» (issue 42)."""

from __future__ import annotations

import re
import zipfile
from html import unescape

_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\b(?:\w+:)?id="([^"]*)"')
_REL = re.compile(
    rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"'
)


def _unescape(raw: bytes) -> str:
    return unescape(raw.decode("utf-8", errors="replace"))


def sheet_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """Part name → sheet title; {} when the index cannot be read (the caller falls back to numbers)."""
    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    targets = {}
    for found in _REL.finditer(rels):
        rid, target = (found.group(1), found.group(2)) if found.group(1) else (found.group(4), found.group(3))
        path = _unescape(target).lstrip("/")
        targets[_unescape(rid)] = path if path.startswith("xl/") else f"xl/{path}"
    return {targets[_unescape(rid)]: _unescape(name) for name, rid in _SHEET.findall(book) if _unescape(rid) in targets}
