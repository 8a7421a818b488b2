"""The declared regulation read back as Italian articles, one per block of the file, each citing its ``fonte``.

The office and the OIV compare this text with the act they approved (``ciclope regolamento leggi FILE.toml``,
and the annex of the Relazione). Numbers are written the Italian way (0,6; 1.500,00 €), method names as
words. Every block of :class:`format.spec.Regulation` is printed: the blocks this module knows in their own
sentences (:mod:`say.phrases`), any other block (one a newer format adds) generically from the declarations of
:mod:`format.spec` (the key's Italian description and its value), and so is every key of a known block that the
sentences do not say. A block is never silently left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ciclope.plugins.regolamento.format import readings, wording
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.format.wording import own_labels
from ciclope.plugins.regolamento.say import partphrases, phrases, positionphrases

# blocks that are not articles: the version of the format and the act itself (the heading)
HEADING_FIELDS = ("format", "act")
# the blocks said in their own sentences (field of Regulation → writer); any other block is said generically
WRITERS: dict[str, Callable[[Any, Regulation], phrases.Said]] = {
    "indicators": phrases.indicators,
    "score": phrases.score,
    "cards": phrases.cards,
    "levels": phrases.levels,
    "exclusions": phrases.exclusions,
    "premium": phrases.premium,
    "parts": partphrases.parts,
    "reductions": phrases.reductions,
    "result_pays": phrases.result_pay,
    "positions": positionphrases.positions,
    "access": positionphrases.access,
    "calendar": phrases.calendar,
    "labels": phrases.labels,
    "statuses": phrases.statuses,
    "grades": phrases.grades,
    "columns": phrases.columns,
    "definitions": phrases.definitions,
    "checks": phrases.checks,
    "progressions": positionphrases.progressions,
    "differentiation": positionphrases.differentiation,
    "funds": positionphrases.fund,
}


@attrs.frozen
class Article:
    """One article: its title, the ``fonte`` of its rules (several for a list of blocks) and its sentences, each
    formula as typed marked beside its words (:func:`say.phrases.typed`): read them by :attr:`body` or :attr:`words`."""

    title: str
    sources: tuple[str, ...]
    sentences: tuple[str, ...]

    def heading(self, number: int) -> str:
        cited = f" ({'; '.join(self.sources)})" if self.sources else ""
        return f"{number}. {self.title}{cited}"  # «6. …», never «Art. 6 — … (art. 7)»: «art.» is the act's

    @property
    def body(self) -> str:
        """The article as ``regolamento leggi`` prints it: each formula's words, then the formula as typed; a sentence
        that opens a paragraph (:data:`phrases.PARAGRAPH`: each part of several) on a line of its own."""
        return _TYPED.sub(r"\1", self._joined())

    @property
    def words(self) -> str:
        """The article as the Relazione's annex says it: the words alone, without the formulas as typed, in one
        paragraph (the cell of a table, in every format of the Relazione)."""
        return _TYPED.sub("", " ".join(s.removeprefix(phrases.PARAGRAPH) for s in self.sentences))

    def _joined(self) -> str:
        return " ".join(self.sentences).replace(f" {phrases.PARAGRAPH}", "\n").lstrip(phrases.PARAGRAPH)


# a formula as typed beside its words (:func:`say.phrases.typed`), its parenthesis in group 1
_TYPED = re.compile(f"{phrases.TYPED_OPEN}([^{phrases.TYPED_CLOSE}]*){phrases.TYPED_CLOSE}")


def articles(regulation: Regulation, national: bool | None = None) -> list[Article]:
    """The articles of ``regulation``, in the order the format declares its blocks. ``national``: whether a national
    layer that computes the maggiorazione runs for the ente (:func:`partphrases.parts`; ``None``: no ente runs)."""
    writers = {**WRITERS, "parts": lambda block, reg: partphrases.parts(block, reg, national)}
    out: list[Article] = []
    for field in attrs.fields(type(regulation)):
        if field.name in HEADING_FIELDS:
            continue
        value = getattr(regulation, field.name)
        if field.name == "labels":  # what [etichette] writes: the contract's names of the year are no article
            value = own_labels(value)
        if _unset(value, field):
            continue
        out.append(_article(field, value, regulation, writers.get(field.name)))
    return out


def _article(
    field: attrs.Attribute[Any],
    value: Any,
    regulation: Regulation,
    writer: Callable[[Any, Regulation], phrases.Said] | None,
) -> Article:
    items = value if isinstance(value, tuple) else (value,)
    title, sentences, rest = _title(field), [], []
    shared = readings.shared(field, items)  # a reading several blocks declare: once, after the last of them
    for k, item in enumerate(items):
        if writer is None:
            rest += generic(item) + _readings(field, item, len(items), shared.get, k)
            continue
        title, said, covered = writer(item, regulation)
        # the office's readings of a block right after its own sentences, never after those of the blocks after it
        sentences += said + _readings(field, item, len(items), shared.get, k)
        rest += generic(item, covered) if attrs.has(type(item)) else []
    if rest and sentences:
        rest = [f"Inoltre: {rest[0][0].lower()}{rest[0][1:]}", *rest[1:]]
    return Article(title=title, sources=_sources(items), sentences=tuple(sentences + rest))


def _readings(
    field: attrs.Attribute[Any], item: Any, count: int, shared: Callable[[str], tuple[int, str] | None], place: int
) -> list[str]:
    """The office's readings of one block (what the text does not say, said as the office's), naming the block
    among ``count`` of its list; a reading that other blocks of the list declare too (``shared``: its text → the
    last block's place and the blocks in words) only after the last of them, naming them all."""
    named = f" ({readings.block_words(field, item)})" if count > 1 else ""
    out = []
    for r in readings.within(item):
        common = shared(r.text)
        if common is None:
            out.append(f"Ipotesi dell'ufficio{named}: {ended(r.text)}")
        elif common[0] == place:
            out.append(f"Ipotesi dell'ufficio ({common[1]}): {ended(r.text)}")
    return out


def ended(text: str) -> str:
    """A sentence the office wrote, with one full stop at its end: its own, if it has one («…pubblicato.»)."""
    return text if text.rstrip()[-1:] in ".;:!?" else f"{text}."


def _title(field: attrs.Attribute[Any]) -> str:
    doc = str(field.metadata.get("doc", field.name))
    return doc[:1].upper() + doc[1:]


def _sources(items: Iterable[Any]) -> tuple[str, ...]:
    """The blocks' sources, each once: a source citing several places («art. 15 CCI; art. 14 CCNL») is cited place
    by place, so a place two blocks share is not said twice."""
    seen: list[str] = []
    for item in items:
        source = getattr(item, "source", "")
        for place in (p.strip() for p in source.split(";")) if isinstance(source, str) else ():
            if place and place not in seen:
                seen.append(place)
    return tuple(seen)


def _default(field: attrs.Attribute[Any]) -> Any:
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()
    return default


def _unset(value: Any, field: attrs.Attribute[Any]) -> bool:
    """True for a key the file does not write: None, an empty table or list, or the declared default."""
    if value is None or (isinstance(value, (tuple, list, dict, Mapping)) and not value):
        return True
    if field.metadata.get("required"):
        return False
    default = _default(field)
    return default is not attrs.NOTHING and _same(value, default)


def _same(value: Any, default: Any) -> bool:
    if isinstance(value, (tuple, list)) and isinstance(default, (tuple, list)):
        return tuple(value) == tuple(default)
    return bool(value == default)


def generic(item: Any, covered: Collection[str] = ()) -> list[str]:
    """The keys of a block the sentences did not say, from the format's declarations: «description: value.»"""
    if not attrs.has(type(item)):
        return [f"{value_text(item)}."] if item not in (None, "", (), {}) else []
    out = []
    for field in attrs.fields(type(item)):
        if field.name in covered or field.name in ("source", "assumption") or "toml" not in field.metadata:
            continue
        value = getattr(item, field.name)
        if _unset(value, field):
            continue
        doc = str(field.metadata["doc"])
        out.append(f"{doc[:1].upper()}{doc[1:]}: {value_text(value, field)}.")
    return out


def value_text(value: Any, field: attrs.Attribute[Any] | None = None) -> str:
    """A value as people read it: Italian numbers, sì/no, names without underscores, nested tables in words."""
    kind = field.metadata.get("kind") if field is not None else None
    if isinstance(value, bool):
        return "sì" if value else "no"
    if kind == "money" and isinstance(value, Decimal):
        return phrases.euro(value)
    if isinstance(value, Decimal | int | float):
        return phrases.num(Decimal(str(value)))
    if isinstance(value, str):
        return wording.word(value)
    if isinstance(value, Mapping):
        return "; ".join(f"{wording.word(str(k))}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return "; ".join(_nested(v) for v in value)
    if attrs.has(type(value)):
        return _nested(value)
    return "—" if value is None else str(value)


def _nested(item: Any) -> str:
    if not attrs.has(type(item)):
        return value_text(item)
    parts = []
    for field in attrs.fields(type(item)):
        value = getattr(item, field.name)
        if "toml" in field.metadata and not _unset(value, field):
            parts.append(f"{field.metadata['doc']} {value_text(value, field)}")
    return ", ".join(parts)


def render(regulation: Regulation, markdown: bool = False) -> str:
    """The whole regulation as text: the act, then its articles (Markdown with ``markdown``: only the headings'
    marks are Markdown, every text is escaped, :func:`md_text`)."""
    act = regulation.act
    if not markdown:
        lines = [act.title, "", phrases.preamble(regulation)]
        for number, article in enumerate(articles(regulation), start=1):
            lines += ["", article.heading(number), article.body]
        return "\n".join(lines) + "\n"
    lines = [f"# {md_text(_one_line(act.title))}", "", md_text(phrases.preamble(regulation))]
    for number, article in enumerate(articles(regulation), start=1):
        # the number is ours, never a list's marker to protect: «## 2. …», the act's words escaped after it
        heading = article.heading(number).removeprefix(f"{number}. ")
        # a paragraph of the article is a paragraph of Markdown too: a blank line before it, never a soft break
        lines += ["", f"## {number}. {md_text(_one_line(heading))}", "", md_text(article.body).replace("\n", "\n\n")]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """A heading on one line: a line break in a title or a fonte would end the Markdown heading there."""
    return " ".join(text.split())


# Inline Markdown and raw HTML: emphasis, code, links and images, tags and entities, GFM tables and strikethrough.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>!|~#&])")
# What opens a block at the start of a line: a list item, a setext underline, an ordered list's number.
_MD_LINE = re.compile(r"^(\s*)([+\-=]|\d+(?=[.)]))", re.M)


def md_text(text: str) -> str:
    """``text`` as Markdown that shows exactly these characters: every mark a Markdown viewer would act on
    (emphasis, links, images, raw HTML such as ``<script>``, a list or heading at a line's start) escaped with a
    backslash. The regulation's titles, sources and names are the office's text, never Markdown of ciclope's."""
    escaped = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), escaped
    )
