"""What a reader sees, as text: every page, document and workbook ciclope writes for people, rendered as its
reader meets it (a page's visible text, a PDF through pdftotext, a workbook through LibreOffice), and the
things a reader should never find in them.

Used by ``tests/test_what_people_see.py``; the lists here are maintained by hand: a word joins
:data:`ENGLISH` when a review finds it on a page."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

# A Python object printed instead of its words.
REPR = re.compile(
    r"\b(?:Text|Table|Heading|Prose|Kpis|Figures|Snippet|Flag|Decimal|PosixPath|Markup)\(|<object |"
    r"\bNone\b|\bnan\b|\bNaN\b|\bTrue\b|\bFalse\b|\{[a-z_]+\}"
)
# A file of the repository (the seeds, the rules, the code) named to a reader: acts are cited by title.
REPO_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt|\brules/[a-z_]+\.md|\bSPEC\.md|\b[a-z_]+\.py\b")
# A code written as code: lower-case words joined by «_» (performance_individuale, unit_item_weight).
CODE = re.compile(r"(?<![\w./@:-])[a-z]+(?:_[a-z0-9]+)+(?![\w./@-])")
# English words found on pages in review, never Italian.
ENGLISH = frozenset(
    """banded band bands fund funds pool pools score scores scored weight weights item items evaluations
    evaluation appeals appeal revisions innovation renounced amount amounts person people kind resources
    approved paid threshold level levels evaluated achievement objective objectives indicators indicator
    actual unit units position pay none true false""".split()
)
# Nouns after «1», where Italian wants the singular.
PLURALS = re.compile(
    r"(?<![\d.,/])\b1 (?:schede|indicatori|problemi|enti|persone|avvisi|errori|obiettivi|aree|valutatori|giorni|"
    r"righe|colonne|fogli|anni|mesi|note|premi|livelli|fasce|servizi|voci|cartelle|dirigenti|dipendenti|"
    r"posizioni|atti|scadenze|ricorsi|revisioni|esecuzioni|documenti|file di dati)\b"
)
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
# What the office itself writes and may read as written: its files' names, a code named as such.
OFFICE_WRITES = re.compile(
    r"\S+\.(?:csv|toml|xlsx|json|md|html|pdf|ics)\b|codice «[^»]*»|colonna [a-z_0-9]+|\[(?:fondi|atti)\] [a-z_0-9]+"
)


class _Visible(HTMLParser):
    """The text of a page a reader sees: no script, no style, no markup; a title attribute is seen on hover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("title", "alt", "aria-label", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parser.parts)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def workbooks_text(paths: list[Path], scratch: Path) -> dict[Path, str]:
    """Each workbook as LibreOffice shows it (every sheet, to HTML, then its visible text)."""
    scratch.mkdir(parents=True, exist_ok=True)
    out: dict[Path, str] = {}
    for k, path in enumerate(paths):
        # one folder per workbook: two workbooks of one name (schede.xlsx of two enti) do not collide
        here = scratch / str(k)
        here.mkdir()
        copy = here / path.name
        shutil.copy(path, copy)
        subprocess.run(
            ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{scratch}/profile",
             "--convert-to", "html", "--outdir", str(here), str(copy)],
            capture_output=True, timeout=180, check=False,
        )  # fmt: skip
        html = here / (path.stem + ".html")
        out[path] = page_text(html) if html.is_file() else ""
    return out


def labelled_codes() -> frozenset[str]:
    """Every code that has an Italian word for people: the core's statuses, types, kinds and roles, every
    installed plugin's labels (statuses, components, funds), its parameters' choices with words, the sheets
    and columns of the workbook. A reader must see the word, never the code."""
    from ciclope.core import labels
    from ciclope.core.engine.registry import _plugin_info, available_plugins
    from ciclope.core.inputs.loading import HEADERS_IT, SHEET_TITLES

    words: dict[str, str] = {}
    for table in (labels.STATUS_LABELS, labels.TYPE_LABELS, labels.KIND_LABELS, labels.ROLE_LABELS):
        words.update(table)
    words.update(SHEET_TITLES)
    for columns in HEADERS_IT.values():
        words.update(columns)
    for name in available_plugins():
        info = _plugin_info(name)
        words.update(info.status_labels)
    return frozenset(code for code, word in words.items() if "_" in code and code != word)


def parameter_names() -> frozenset[str]:
    """The parameters of every installed plugin and their choices: what an office writes in ``[ente.params]`` of
    cycle.toml, so a document for the office may name them as written."""
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks, available_plugins

    names: set[str] = set()
    for name in available_plugins():
        for key, spec in Hooks.for_plugin(name)[0].first(hookspecs.ciclope_params, year=2024).items():
            names.add(key)
            names.update(str(c) for c in getattr(spec, "choices", ()) or ())
    return frozenset(names)


def findings(
    text: str, codes: frozenset[str], strict: bool = False, allowed: frozenset[str] = frozenset()
) -> list[str]:
    """What a reader should not see in ``text``, each with a little of its context: a repr, a repository file, a
    code among ``codes`` (with ``strict``, for a document a person signs, any code but the office's own ids in
    ``allowed``), an English word, a plural after 1. A file's name (``people.csv``: the office's own files) and
    a code offered as what an office may write («codice «kind»») are not words."""
    found: list[str] = []

    def note(kind: str, m: re.Match[str]) -> None:
        start = max(0, m.start() - 40)
        found.append(f"{kind}: «{m.group()}» in …{text[start : m.end() + 40]!r}…")

    for kind, pattern in (("repr", REPR), ("file", REPO_FILE), ("plural", PLURALS)):
        for m in pattern.finditer(text):
            note(kind, m)
    text = OFFICE_WRITES.sub(" ", text)
    for m in CODE.finditer(text):
        if m.group() in codes or (strict and m.group() not in allowed):
            note("code", m)
    text = CODE.sub(" ", text)
    for m in WORD.finditer(text):
        if m.group() in allowed:
            continue
        if m.group() in ENGLISH:  # lower case only: a capitalised word is a name (Fund Raising, Unit 3)
            note("English", m)
    return found
