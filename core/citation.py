"""A legal source as data: the act, where in it, and how sure the rule is of it.

A rule cites its source as it always has, as text: ``004_a450255962d2094d.txt §5.2``, ``CCNL Funzioni Locali
21.5.2018 art. 68 c. 2 lett. f``, ``rules/core.md §1; D.Lgs. 150/2009 art. 9``, ``CCDI (ipotesi, params.toml
reward_min_level)``. A :class:`Citation` is that text read once into its :class:`Part` s, one per act the
source combines (``;`` between them): the act (a seed file of the ente's documents, one of ciclope's own
documents, a law or contract), where in it (article, comma, letter, section), the confidence («testo»,
«fonte secondaria», «ipotesi») and the parameter code a source may name.

A Citation *is* its text (a ``str``): results.json, the store and every output keep exactly what the rule
wrote, which is how an auditor finds the article, and every function that took a source as a string takes a
Citation unchanged. A plain string is accepted wherever a source is: :func:`read` reads it (once per distinct
text, cached: a run cites a few dozen sources over thousands of figures). People read a source through
:func:`cited`, the one rendering function, which works from the parts: a seed file by its title, a section of
ciclope's own rules by its subject, a parameter's code left out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import attrs

from ciclope.core.fmt import quoted

__all__ = ["CONFIDENCES", "CORE_DOCUMENTS", "Citation", "Part", "cite", "cited", "joined", "read"]

CONFIDENCES = ("testo", "fonte secondaria", "ipotesi", "atto dell'ente")
NONE = "—"  # how a missing source reads (the core's NONE of core.fmt)
OWN_RULES = "regolamento dell'ente"  # a seed file no plugin names: one of the ente's own documents

CORE_DOCUMENTS = {
    "rules/core.md": "regole comuni del ciclo della performance (D.Lgs. 150/2009)",
    "SPEC.md": "regole comuni del ciclo della performance (D.Lgs. 150/2009)",
    "docs/ops.md": "guida all'uso di ciclope",
    "docs/store.md": "guida all'archivio dei risultati di ciclope",
    "docs/site.md": "guida al portale di ciclope",
    "docs/reports.md": "guida agli output di ciclope",
    "docs/plugin-guide.md": "guida ai plugin di ciclope",
}
# A section of ciclope's own rules means nothing to a reader without them: it is named by what it rules.
RULES_SECTIONS = {
    "1": "regole comuni, raggiungimento degli indicatori (D.Lgs. 150/2009)",
    "2": "regole comuni, aggregazione della performance organizzativa (D.Lgs. 150/2009)",
    "3": "regole comuni, scheda di valutazione individuale (D.Lgs. 150/2009 art. 9)",
    "4": "regole comuni, arrotondamenti e ripartizione dei fondi al centesimo",
    "5": "regole comuni, riesame e conciliazione delle valutazioni",
    "6": "regole comuni, dati aggregati sui premi (D.Lgs. 33/2013 art. 20)",
    "7": "regole comuni, calendario del ciclo (D.Lgs. 150/2009 art. 10)",
}
SPEC_SECTIONS = {
    "2": "regole comuni, fasi del ciclo della performance (D.Lgs. 150/2009)",
    "4": "guida all'uso di ciclope, cycle.toml",
    "5": "guida all'uso di ciclope, file di dati dell'ente",
    "6": "guida agli output di ciclope",
    "7": "guida all'uso di ciclope, riga di comando",
    "8": "regole comuni, arrotondamenti e ripartizione dei fondi al centesimo",
    "11": "guida all'uso di ciclope",
}
CACHE = 4096  # distinct sources kept read (a run cites a few dozen; the bound only caps a runaway caller)
_DECLARED: dict[str, tuple[Part, ...]] = {}  # the parts :func:`cite` was given, by the text it wrote
SECTIONS = {"rules/core.md": RULES_SECTIONS, "SPEC.md": SPEC_SECTIONS, "SPEC": SPEC_SECTIONS}

SEED = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")  # a document of the corpus, by the seed file that holds its text
# an act at the start of a part: a document file, or the words before its article, section or note
_FILE = re.compile(r"(?P<act>\d{3}_[0-9a-f]{16}\.txt|rules/\w+\.md|docs/[\w-]+\.md|SPEC\.md|SPEC(?= §))(?P<sep>,? ?)")
_NAMED = re.compile(r"(?P<act>.+?)(?P<sep>,? )(?=art\. |artt\. |§|\()")
# an act named after the article («art. 48 CCNL Funzioni Locali 23.2.2026»)
_AFTER = re.compile(r"(?P<locator>art\. .+?) (?P<act>(?:CCNL|D\.Lgs\.|DL|DM|DPR) .+)")
_PARAM = re.compile(r"[,]? ?params(?:\.toml)? (?P<code>[a-z0-9_/]+)")
_CONFIDENCE = re.compile(r" ?\((?P<confidence>testo|fonte secondaria|ipotesi)\)$")
_SECTION = re.compile(r"§\s*(?P<number>\d+)(?:\.\d+)*")
_ARTICLE = re.compile(r"\bartt?\. (?P<n>\d+(?:[.-]\w+)*)")
_COMMA = re.compile(r"\bcc?\. (?P<n>\d+(?:-\w+)?)")
_LETTER = re.compile(r"\blett\. (?P<n>[a-z](?:–[a-z])?)")


@attrs.frozen
class Part:
    """One act a source cites. ``act`` is the document (a seed file, ``rules/core.md``) or the act's name
    (``D.Lgs. 150/2009``, ``CCNL Funzioni Locali 21.5.2018``), empty when the part only continues the one
    before (``art. 28.4``) or names a parameter alone; ``locator`` is where in it (``§5.2``, ``art. 68 c. 2
    lett. f``, with any note in parentheses); ``parameter`` a parameter code the source names. ``text`` is the
    part as written: what ``str`` gives back."""

    text: str
    act: str = ""
    locator: str = ""
    confidence: str = ""
    parameter: str = ""
    separator: str = " "  # between the act and the locator as written: " " or ", "
    act_last: bool = False  # written article first («art. 48 CCNL Funzioni Locali 23.2.2026»)

    def __str__(self) -> str:
        return self.text

    @property
    def article(self) -> str:
        """The first article the part cites (``68``, ``3.2``, ``14``), or ""."""
        return _first(_ARTICLE, self.locator)

    @property
    def comma(self) -> str:
        """The first comma of the article (``2``, ``1-bis``), or ""."""
        return _first(_COMMA, self.locator)

    @property
    def letter(self) -> str:
        """The first letter of the comma (``f``), or ""."""
        return _first(_LETTER, self.locator)

    @property
    def section(self) -> str:
        """The top section of a document cited by section (``§5.2`` → ``5``), or ""."""
        return _first(_SECTION, self.locator, "number")

    @property
    def is_seed(self) -> bool:
        """Whether the act is a seed file (an ente's document by the file that holds its text)."""
        return bool(SEED.fullmatch(self.act))


def _first(pattern: re.Pattern[str], text: str, group: str = "n") -> str:
    found = pattern.search(text)
    return found.group(group) if found else ""


class Citation(str):
    """A source: its text as written, with :attr:`parts`, one per act it cites. Build one from its parts with
    :meth:`of`, or from its text with ``Citation(text)`` (or :func:`read`, cached); ``str()`` and every output
    give the text back unchanged."""

    __slots__ = ()

    @classmethod
    def of(cls, act: str, locator: str = "", confidence: str = "", separator: str = " ") -> Citation:
        """The citation of ``locator`` in ``act``: ``Citation.of("D.Lgs. 150/2009", "art. 9")`` is
        ``D.Lgs. 150/2009 art. 9`` (:func:`cite`)."""
        return cite(act, locator, confidence, separator)

    @classmethod
    def joined(cls, sources: Iterable[str]) -> Citation:
        """Several sources as one, ``;`` between them, each once, in their order (:func:`joined`)."""
        return joined(sources)

    @property
    def parts(self) -> tuple[Part, ...]:
        """The acts the source cites, in its order: as :func:`cite` was given them, else read from the text
        (once per distinct text)."""
        return _parts(str(self))


def read(source: str | None) -> Citation:
    """``source`` as a Citation: itself if it is one, else its text read into parts (cached per text)."""
    if type(source) is Citation:
        return source
    return _citation(source or "")


@functools.lru_cache(maxsize=CACHE)
def _citation(text: str) -> Citation:
    return Citation(text)


def cite(act: str, locator: str = "", confidence: str = "", separator: str = " ") -> Citation:
    """The citation of ``locator`` in ``act``, as sources are written: ``cite("D.Lgs. 150/2009", "art. 9")``
    → ``D.Lgs. 150/2009 art. 9``; ``confidence`` follows in parentheses. The parts are kept as given (an act's
    title may hold words the reading of a text would take for an article). Several acts: :func:`joined`."""
    if confidence and confidence not in CONFIDENCES:
        raise ValueError(f"confidenza {quoted(confidence)}: deve essere una di {', '.join(CONFIDENCES)}")
    text = f"{act}{separator}{locator}" if act and locator else act or locator
    text = f"{text} ({confidence})" if confidence else text
    if ";" not in text and text not in _DECLARED:  # one act: its parts as given (several: read from the text)
        if len(_DECLARED) >= CACHE:
            _DECLARED.clear()
        _DECLARED[text] = (Part(text, act, locator, confidence, "", separator),)
    return read(text)


def joined(sources: Iterable[str]) -> Citation:
    """Several sources as one, ``;`` between them, each once, in their order."""
    return read("; ".join(dict.fromkeys(str(s) for s in sources if s)))


def _parts(text: str) -> tuple[Part, ...]:
    declared = _DECLARED.get(text)
    return declared if declared is not None else _parsed(text)


@functools.lru_cache(maxsize=CACHE)
def _parsed(text: str) -> tuple[Part, ...]:
    return tuple(_part(piece) for piece in text.split(";")) if text else ()


def _part(piece: str) -> Part:
    """One ``;``-separated piece of a source, read into its parts; its ``text`` is the piece as written."""
    text = body = piece.strip()
    found = _PARAM.search(body)
    parameter = found.group("code") if found else ""
    body = _PARAM.sub("", body) if found else body
    conf = _CONFIDENCE.search(body)
    confidence = conf.group("confidence") if conf else ""
    body = body[: conf.start()] if conf else body
    for pattern in (_FILE, _AFTER, _NAMED):
        m = pattern.match(body)
        if m is None:
            continue
        if pattern is _AFTER:
            return Part(text, m.group("act"), m.group("locator"), confidence, parameter, act_last=True)
        rest = body[m.end() :] if pattern is _FILE else body[m.end("sep") :]
        return Part(text, m.group("act"), rest, confidence, parameter, m.group("sep"))
    if body.startswith(("art. ", "§")):  # continues the act before it
        return Part(text, "", body, confidence, parameter)
    return Part(text, body, "", confidence, parameter)


def cited(source: str | None, documents: Mapping[str, str] | None = None) -> str:
    """A source for people, from its parts: a document ciclope knows by its title (``documents``: a plugin's
    seed file → title, over ciclope's own), then where in it (``004_a450255962d2094d.txt §5.3`` → ``SMVP 2021
    della CCIAA di Brescia, §5.3``); a section of ciclope's own rules by its subject; a parameter's code
    left out (said once as «parametri del regolamento» where it is a part of its own). A part citing a seed
    file no plugin names (a core default citing where its rule comes from) is left out: an ente's documents
    cite only its own acts. results.json keeps the text as written."""
    if not source:
        return NONE
    return _cited(str(source), tuple((documents or {}).items()))


# cached per text: a text's parts, declared by :func:`cite` or read, say the same words (a test keeps it so)
@functools.lru_cache(maxsize=CACHE)
def _cited(text: str, documents: tuple[tuple[str, str], ...]) -> str:
    known = {**CORE_DOCUMENTS, **dict(documents)}
    parts = _parts(text)
    shown = [p for p in parts if not p.is_seed or p.act in known] or list(parts[:1])
    said = [_said(p, known, first=p is parts[0]) for p in shown]
    return "; ".join(dict.fromkeys(said))


def _said(part: Part, known: Mapping[str, str], first: bool) -> str:
    """One part for people (:func:`cited`)."""
    conf = f" ({part.confidence})" if part.confidence else ""
    if part.parameter and not part.act and not part.locator:  # a parameter alone: the ente's parameters
        return ("" if first else "parametri del regolamento") + conf
    sections = SECTIONS.get(part.act)
    if sections is not None and (top := _SECTION.match(part.locator)):
        subject = sections.get(top.group("number"), CORE_DOCUMENTS["rules/core.md"])
        return f"{subject}{part.locator[top.end() :]}{conf}"
    if part.act in known:
        title = known[part.act]
        return f"{title}, {part.locator}{conf}" if part.locator else f"{title}{conf}"
    if part.is_seed:
        return f"{OWN_RULES}{part.separator}{part.locator}{conf}" if part.locator else f"{OWN_RULES}{conf}"
    if part.act and part.locator:
        pair = (part.locator, part.act) if part.act_last else (part.act, part.locator)
        return f"{pair[0]}{part.separator}{pair[1]}{conf}"
    return f"{part.act or part.locator}{conf}"
