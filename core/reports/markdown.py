"""The office's Markdown (``relazione/*.md``) as safe HTML for both Relazioni.

markdown-it-py, a CommonMark parser, with raw HTML off: a ``<script>`` or ``<b>`` the office typed is
shown as text, escaped. Tables are on (a resources table is common), an image shows only its
alternative text (the page is self-contained and loads nothing from the network), and a link keeps its target only for ``http``,
``https`` and ``mailto`` (a ``javascript:`` or ``data:`` link is shown as its text). Headings are moved
two levels down (``#`` → ``<h3>``) under the section's own ``<h2>``; a file that opens with a ``#`` heading
gives the section its title. Same text → same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import attrs
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

SAFE_SCHEMES = ("http://", "https://", "mailto:")


@attrs.frozen
class Rendered:
    """A part as the page shows it: its title (None = the part's own) and its body (HTML, already safe)."""

    title: str | None
    html: str


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_text)
    return md


def _image_as_text(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return escapeHtml(tokens[idx].content)


def _plain(inline: Token) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


def render(text: str) -> Rendered:
    """``text`` (Markdown) as HTML; a leading level-1 heading becomes the title."""
    md = _parser()
    tokens = md.parse(text)
    title = None
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title = _plain(tokens[1]).strip() or None
        tokens = tokens[3:]
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = f"h{min(int(tok.tag[1]) + 2, 6)}"
    return Rendered(title, md.renderer.render(tokens, md.options, {}).strip())
