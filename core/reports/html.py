"""``relazione.html``: the Relazione sulla performance of one ente, for the OIV, the Segretario
Generale and the dirigenti (SPEC §6; 004… appendix schede a–d; D.Lgs. 150/2009 art. 10 c.1 lett. b).

The report model (:mod:`.model`, built by :mod:`.relazione`) rendered through Jinja2: the page is
``templates/relazione.html``, each block a macro of ``templates/blocks.html``. One self-contained page:
inline CSS and SVG, no script, no network; printable on A4. Every value is escaped on its way out
(:func:`shown`, Jinja2's ``finalize``), so a text from the input can never become markup. Same Result →
identical bytes (no timestamps, stable order).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ciclope.core.reports import fmt
from ciclope.core.reports.model import (
    Archive,
    Block,
    Column,
    Flag,
    Flags,
    Heading,
    Lines,
    Negative,
    Objective,
    Report,
    Table,
    Text,
)
from ciclope.core.reports.relazione import build
from ciclope.core.reports.relazione.annexes import NO_ARCHIVE
from ciclope.core.result import Result

HERE = Path(__file__).parent
NUM_ATTR = ' class="num"'


CSS = """
:root { --ink: #1f2328; --muted: #5b6470; --line: #c9cfd6; --soft: #f3f5f7; --accent: #2f6690; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1120px; padding: 24px; font-size: 14px; line-height: 1.4; }
header.doc { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 12px; }
header.doc h1 { margin: 0 0 4px 0; font-size: 24px; }
header.doc .ente { font-size: 18px; font-weight: bold; }
header.doc .meta, .muted { color: var(--muted); font-size: 12px; }
nav.toc { font-size: 12px; margin: 8px 0 16px 0; }
nav.toc a { color: var(--accent); margin-right: 10px; text-decoration: none; }
h2 { font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px 0; font-size: 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
table.wrap { table-layout: fixed; }
table.wrap td, table.wrap td.num { overflow-wrap: anywhere; word-break: break-word; white-space: normal; }
th { background: var(--soft); font-weight: bold; }
table.narrow { width: auto; min-width: 45%; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: var(--soft); }
tr.child td { color: var(--muted); }
tr.off td { color: var(--muted); font-style: italic; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 10px 0; }
.kpi { border: 1px solid var(--line); padding: 8px; }
.kpi .v { font-size: 20px; font-weight: bold; }
.kpi .nw { white-space: nowrap; }
.kpi .l { font-size: 11px; color: var(--muted); }
.box { border-left: 4px solid var(--accent); background: var(--soft); padding: 8px 12px; margin: 10px 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 10px 0; }
figure.chart { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; font-family: inherit; }
.objective { break-inside: avoid-page; }
.objective .meta { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
.flag { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; border: 1px solid; }
.flag.warn { color: #8a5a00; border-color: #d9a400; background: #fff8e1; }
.flag.err { color: #9b1c1c; border-color: #d64545; background: #fdecec; }
.flag.ok { color: #1d6b35; border-color: #4caf50; background: #edf7ee; }
.flag.info { color: var(--muted); border-color: var(--line); background: #fff; }
.neg { color: #9b1c1c; }
p.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 30px; font-size: 11px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 6px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav.toc { display: none; }
  /* sections flow on: a page break only where a heading would otherwise be left alone at a page's foot */
  section.scheda { break-before: auto; page-break-before: auto; margin-top: 18px; }
  h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  h2 + p, h3 + p, h2 + table, h3 + table { break-before: avoid; page-break-before: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .charts { grid-template-columns: 1fr; }      /* full-size charts: their text stays legible on A4 */
  figure.chart svg { width: 560px; }
  .kpi .v { font-size: 15px; }
  a { color: inherit; text-decoration: none; }
}
"""


def escaped(text: str) -> str:
    """``html.escape`` with quotes, without its five replaces for a text with nothing to escape (most of a
    page: numbers, ids, labels)."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return escape(text, quote=True)
    return text


def shown(value: Any) -> Markup:
    """A value as the page shows it (Jinja2's ``finalize``): markup as it is, a flag or a negative figure
    as its span, lines joined by ``<br>``, anything else as escaped text. The entities are ``html.escape``'s,
    as ever."""
    if hasattr(value, "__html__"):
        return value
    kind = type(value)
    if kind is Flag:
        return Markup(f'<span class="flag {escaped(value.kind)}">{escaped(value.text)}</span>')
    if kind is Flags:
        return Markup(" ".join(shown(f) for f in value.flags))
    if kind is Negative:
        return Markup(f'<span class="neg">{escaped(value.text)}</span>')
    if kind is Lines:
        return Markup("<br>".join(_line(text, value.style if i else "") for i, text in enumerate(value.lines)))
    if value is None or isinstance(value, jinja2.Undefined):
        return Markup("")
    return Markup(escaped(value if isinstance(value, str) else str(value)))


def _line(text: str, style: str) -> str:
    return f'<span class="{escaped(style)}">{escaped(text)}</span>' if style else escaped(text)


def html_block(b: Block) -> Markup:
    """A block as the page writes it. The frequent kinds (an objective, a table, a heading, a paragraph: nine
    in ten of a page's blocks) are written here, each as one f-string; the others by their macro in
    ``templates/blocks.html``. A macro call costs more than the markup it writes, and a page has a block
    for every objective."""
    if isinstance(b, Objective):
        return Markup(
            f'<div class="objective" id="obiettivo-{shown(b.ident)}">\n<h3>{shown(b.head)}</h3>\n'
            f'<div class="meta">{shown(b.meta)}</div>\n{html_table(b.table)}\n</div>'
        )
    if isinstance(b, Table):
        return html_table(b)
    if isinstance(b, Heading):
        return Markup(f"<h{b.level}>{shown(b.text)}</h{b.level}>")
    if isinstance(b, Text):
        klass = f' class="{shown(b.style)}"' if b.style else ""
        return Markup(f"<p{klass}>{shown(b.text)}</p>")
    return Markup(_macros().block(b))


@functools.cache
def _macros() -> Any:
    """The macros of ``templates/blocks.html``, compiled once."""
    return environment().get_template("blocks.html").module


def html_table(t: Table) -> Markup:
    """A table: numeric columns right-aligned, a row's style (total, child, off) as its class, one ``<tr>`` a
    line; without rows, the sentence saying why. Written here, not as a template loop: a big ente's
    objectives are hundreds of thousands of cells."""
    if not t.rows:
        return Markup(f'<p class="empty">{escaped(t.empty)}</p>')
    style = t.style or ("narrow" if len(t.columns) <= 3 else "")
    head, opens = _head(tuple(t.columns))
    lines = []
    for row in t.rows:
        if len(row) > len(opens):  # a cell past the header is text
            opens = opens + ("<td>",) * (len(row) - len(opens))
        cells = "".join([f"{o}{cell(v)}</td>" for o, v in zip(opens, row)])
        row_style = getattr(row, "STYLE", "")
        lines.append(f'<tr class="{row_style}">{cells}</tr>' if row_style else f"<tr>{cells}</tr>")
    klass = f' class="{escaped(style)}"' if style else ""
    body = "\n".join(lines)
    return Markup(f"<table{klass}><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>")


@functools.lru_cache(maxsize=256)
def _head(columns: tuple[Column, ...]) -> tuple[str, tuple[str, ...]]:
    """A header's cells and each column's opening tag (the same header repeats for every objective)."""
    head = "".join(f"<th{NUM_ATTR if kind != 'text' else ''}>{escaped(h)}</th>" for h, kind, _ in columns)
    return head, tuple(f"<td{NUM_ATTR}>" if kind != "text" else "<td>" for _, kind, _ in columns)


def cell(value: Any) -> str:
    """A cell's text: a plain text escaped in place (most cells), anything else as :func:`shown` says."""
    if type(value) is str:
        return escaped(value)
    return str(shown(value))


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        finalize=shown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # the templates are the package's own files: each is compiled once per process and reused for every
        # ente, without checking the file's date again on every page and every import of blocks.html
        auto_reload=False,
    )
    env.filters.update(
        html_block=html_block,
        kind=lambda b: type(b).__name__,
        plural=fmt.plural,
        text=lambda s: Markup(escape(s, quote=False)),
    )
    env.globals.update(
        Flag=Flag,
        CSS=Markup(CSS),
    )
    return env


def pieces(report: Report, template: str = "relazione.html", part: str = "whole") -> Iterator[str]:
    """The page as pieces whose concatenation is the document (a 30,000-person ente's is ~10 MB);
    ``template`` is the page's (``compare.html`` is the Relazione's page with its own style and preface).
    ``part``: "whole", or the "head" and the "tail" around the archive section's body (:func:`write_open`)."""
    cut = archive_at(report)
    if part != "whole" and cut < 0:
        raise ValueError("a page without an archive section has no head and tail")
    return environment().get_template(template).generate(report=report, part=part, cut=cut)


def archive_at(report: Report) -> int:
    """The index of the section the results store fills in (its only block is the :class:`Archive`), or -1."""
    for i, section in enumerate(report.sections):
        if any(type(b) is Archive for b in section.blocks):
            assert len(section.blocks) == 1, "the archive section holds the store's body alone"
            return i
    return -1


def blocks(items: Sequence[Block]) -> str:
    """Blocks as the page writes them inside a section (the archive's sections, given to :func:`close_open`)."""
    return _blocks_template().render(items=items)


@functools.cache
def _blocks_template() -> jinja2.Template:
    """Compiled once: compiling it again for every ente's archive section cost more than rendering it."""
    return environment().from_string('{% from "blocks.html" import blocks %}{{ blocks(items) }}')


def write_report(report: Report, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for piece in pieces(report):
            fh.write(piece)


def write_open(report: Report, path: Path) -> int | None:
    """Write the page with its archive section's body left for later: the head (up to the section's
    heading), then the tail (from the section's end), each rendered by its own part of the template, written
    as the pieces come. Gives where the body goes, in bytes from the start (:func:`close_open` puts it there);
    a page without the section is written whole, and gives None. One file per page: creating a file costs
    more on a busy disk than writing its text."""
    if archive_at(report) < 0:
        write_report(report, path)
        return None
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for piece in pieces(report, part="head"):
            fh.write(piece)
        cut = fh.tell()  # of a file open only for writing: the bytes written so far, flushed
        for piece in pieces(report, part="tail"):
            fh.write(piece)
    return cut


def close_open(path: Path, cut: int, body: str | None) -> None:
    """Finish a page :func:`write_open` left open: ``body`` (the archive section, from the results store), or
    the placeholder when it is None, put at ``cut`` before the tail, which moves down (the page only grows)."""
    section = body if body is not None else str(blocks([Archive(NO_ARCHIVE)]))
    with open(path, "r+b") as fh:
        fh.seek(cut)
        tail = fh.read()
        fh.seek(cut)
        fh.write(section.encode("utf-8"))
        fh.write(tail)


def edges(report: Report) -> tuple[str, str]:
    """The head and the tail of the page around its archive section's body (``ciclope verify`` compares a
    published page with them: the body is the store's)."""
    return "".join(pieces(report, part="head")), "".join(pieces(report, part="tail"))


def render(result: Result) -> str:
    return "".join(pieces(build(result)))


def write(result: Result, path: Path) -> None:
    write_report(build(result), path)
