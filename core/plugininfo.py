"""What the core knows of a plugin: its name, version, regulations and package folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ciclope.core.provisions import Provision

# the core's words for the roles, where the ente's contract has none of its own
ROLE_LABELS = {
    "segretario": "Segretario",
    "dirigente": "Dirigente",
    "po": "Posizione organizzativa",
    "dipendente": "Dipendente",
}

# the core's words for the roles' people as a group, with the article (:func:`said_group`)
GROUP_LABELS = {
    "segretario": "il Segretario",
    "dirigente": "i dirigenti",
    "po": "le posizioni organizzative",
    "dipendente": "i dipendenti",
}
ARTICLES = frozenset({"il", "lo", "la", "i", "gli", "le"})

# ``COMPARTO`` of a plugin whose enti each name their comparto (hook ``ciclope_comparto``): every installed layer
# is registered under it, and each ente's hooks call only the layers of that ente's comparto
COMPARTO_PER_ENTE = "per_ente"


@attrs.frozen
class Classification:
    """How a national contract names its staff from a year on: the areas its categories became and the name the
    role ``po`` took. A comparto's layer declares it (``CLASSIFICATION``): the enti of its comparto are named so,
    every other ente by the core's own words (``categoria C``, ``Posizione organizzativa``): docs/plugin-guide.md."""

    since: int  # the year of the change, which names the role by both names
    areas: Mapping[str, str] = attrs.field(eq=False)  # category → the area it became
    po: str  # the role ``po`` from the year after the change
    po_both: str  # the role ``po`` in the year of the change
    # the law by which, in an ente without dirigenti, the role ``po`` holds their functions (the Relazione cites it
    # beside the scheda d that lists them); "" where the contract's enti have no such rule
    po_in_charge: str = ""
    # the role ``po`` by its short name in a group's name («dirigenti ed EQ»), after the change and in its year
    po_short: str = "PO"
    po_both_short: str = "PO"
    # an ente's own names of its roles, over the contract's (``ciclope_role_names``: a declared regulation's
    # [etichette] ``po`` and ``po_plurale``): role → the name of one («Responsabile di struttura») and role → the
    # group with its article («i responsabili di struttura»), in every year
    roles: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    groups: Mapping[str, str] = attrs.field(factory=dict, eq=False)

    @classmethod
    def of(cls, declared: Mapping[str, Any] | None) -> Classification | None:
        """A layer's ``CLASSIFICATION`` (a dict of these fields, as its other tables are plain data), or None."""
        if declared is None:
            return None
        return cls(
            int(declared["since"]),
            dict(declared["areas"]),
            str(declared["po"]),
            str(declared["po_both"]),
            str(declared.get("po_in_charge", "")),
            str(declared.get("po_short", "PO")),
            str(declared.get("po_both_short", "PO")),
        )

    @classmethod
    def named(cls, base: Classification | None, names: Mapping[str, tuple[str, str]]) -> Classification:
        """``base`` (the contract's words, or the core's own where None) with the ente's own names of its roles
        (``ciclope_role_names``: role → (the name of one, the group with its article))."""
        own = cls(0, {}, ROLE_LABELS["po"], ROLE_LABELS["po"]) if base is None else base
        return attrs.evolve(
            own,
            roles={**own.roles, **{role: one for role, (one, _) in names.items()}},
            groups={**own.groups, **{role: many for role, (_, many) in names.items()}},
        )


@attrs.frozen
class PluginInfo:
    name: str
    module: str
    version: str
    regulations: tuple[str, ...] = ()
    # the office's own readings of its regulation (``ciclope_assumptions``): (what, reading, source)
    readings: tuple[tuple[str, str, str], ...] = ()
    # (reading, source) → the status of a person the reading's rule concerns (an exclusion's): said only with the
    # figures of a person of that status, never with every figure citing the same article
    reading_status: Mapping[tuple[str, str], str] = attrs.field(factory=dict, hash=False)
    # (reading, source) → the beginnings of the keys of the figures the reading's block records: said only with those,
    # and with those that read one of them, never with a figure of another block citing the same article; () for a
    # block that records none (an act of the
    # calendar: said where the calendar is). A reading not here goes with every figure citing its source. A ``*``
    # stands for one segment of a key (``award:*:risultato``: the amounts of one fund, whoever they are paid to)
    reading_figures: Mapping[tuple[str, str], tuple[str, ...]] = attrs.field(factory=dict, hash=False)
    folder: Path | None = None  # the plugin package's folder: params.toml and demo/ sit here
    # every code the plugin writes in Italian: its LABELS (statuses, components of a score, funds) and STATUS_LABELS
    status_labels: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # the words of one ente (``ciclope_labels``: a declared regulation's [etichette]), which also name its levels;
    # the module's tables never relabel a level (a plugin names its levels as people read them)
    ente_labels: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # each role's scale of levels from the highest (``ciclope_level_scales``: a declared regulation's [livelli]),
    # the scales in the plugin's order; empty where the plugin does not name them (one order, read from the scores)
    level_scales: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)
    # the column of people.csv (``Person.extra``) with each person's grade, where the ente's regulation classifies
    # its staff by grades of its own (``ciclope_grade_column``: a declared regulation's [gradi]); "" the category
    grade_column: str = ""
    # the contract's word for one of those grades, said before it («categoria BS»: ``ciclope_grade_word``)
    grade_word: str = "grado"
    # the statuses that say a fact of a person's life, not an outcome of the evaluation (``ciclope_private_statuses``:
    # an exclusion for absences, a sanction): published tables count such a person at their level, never by name
    private_statuses: frozenset[str] = attrs.field(default=frozenset(), hash=False)
    documents: Mapping[str, str] = attrs.field(factory=dict, hash=False)  # seed file → title, for readers
    # fund name (or prefix ending in ':') → the group it is destined to (``dirigenti e PO`` or ``personale``)
    fund_groups: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # another name a reader may call a fund by (``FUND_ALIASES``: name → the fund's key; a layer's neutral name for
    # a fund whose key names an article, «maggiorazione»): ``explain --pool`` takes either
    fund_aliases: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # the comparto (national contract area) the plugin belongs to, e.g. ``funzioni_locali``: the layers of that
    # comparto run under it (docs/plugin-guide.md)
    comparto: str = ""
    # for a layer: its dated national provisions (``provisions.toml`` beside its package)
    provisions: tuple[Provision, ...] = ()
    # pending reforms (name → description in Italian) a ``compare`` scenario may apply, never ``run``
    reforms: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # for an ente plugin: the layers registered under it (their PluginInfo), in registration order
    layers: tuple[PluginInfo, ...] = ()
    # files an ente of the plugin names in cycle.toml (``ENTE_FILES``: [[ente]] key → (the file's name in the
    # office's folder, its starting text beside the package)): ``ciclope template`` writes them
    ente_files: Mapping[str, tuple[str, Path]] = attrs.field(factory=dict, hash=False)
    # files beside the package ``ciclope template`` copies as they are into the office's folder (``OFFICE_FILES``:
    # the declared regulation's JSON Schema, which its editor reads)
    office_files: tuple[Path, ...] = attrs.field(default=(), hash=False)
    # for a layer: how its contract names the staff (``CLASSIFICATION``), over the core's own words
    classification: Classification | None = attrs.field(default=None, hash=False)

    @property
    def staff_words(self) -> Classification | None:
        """How the ente's contract names its roles and categories: the plugin's own, else its comparto's layer's
        (for a plugin of per-ente comparti, once described for the ente); None: the core's own words."""
        return next((i.classification for i in (self, *self.layers) if i.classification is not None), None)

    def role_label(self, code: str, year: int) -> str:
        """A role as people read it in a year, in the words of the ente's contract (:attr:`staff_words`): «Elevata
        qualificazione (EQ)» for a PO of Funzioni Locali from 2024, «Segretario»; never the code («po»)."""
        return said_role(code, year, self.staff_words)

    def category_label(self, code: str, year: int) -> str:
        """A category as people read it in a year, in the words of the ente's contract (:attr:`staff_words`): «Area
        degli Istruttori (ex categoria C)» in Funzioni Locali from 2023, «categoria C» without them."""
        return said_category(code, year, self.staff_words)

    def fund_named(self, name: str) -> str:
        """The key of the fund ``name`` calls (:attr:`fund_aliases` of the plugin and its layers), else ``name``."""
        return next((i.fund_aliases[name] for i in (self, *self.layers) if name in i.fund_aliases), name)

    @property
    def all_reforms(self) -> dict[str, str]:
        """The reforms of the plugin and of the layers under it."""
        out: dict[str, str] = {}
        for layer in self.layers:
            out.update(layer.reforms)
        return {**out, **self.reforms}

    @property
    def params_file(self) -> Path | None:
        path = self.folder / "params.toml" if self.folder else None
        return path if path is not None and path.is_file() else None

    @property
    def demo(self) -> Path | None:
        """The plugin's example enti (``demo/cycle.toml`` beside the package), if it has them."""
        path = self.folder / "demo" if self.folder else None
        return path if path is not None and (path / "cycle.toml").is_file() else None


def said_category(category: str, year: int, words: Classification | None) -> str:
    """A category in the words of the ente's contract: «Area degli Istruttori (ex categoria C)» from 2023 in
    Funzioni Locali; «categoria C» before, and without them. DIR is no category but the dirigenti's own
    classification: «qualifica dirigenziale», with the code the office wrote."""
    if category == "DIR":
        return "qualifica dirigenziale (DIR)"
    if words is not None and year >= words.since and category in words.areas:
        return f"{words.areas[category]} (ex categoria {category})"
    return f"categoria {category}"


def said_po_short(year: int, words: Classification | None) -> str:
    """The role ``po`` by its short name, as a group of people names it in the ente's contract: «EQ» in Funzioni
    Locali from 2024, «PO/EQ» in 2023, «PO» before and without a contract's words; the ente's own name of the group
    without its article where it gives one («responsabili di struttura»)."""
    if words is not None and "po" in words.groups:
        return without_article(words.groups["po"])
    if words is not None and year > words.since:
        return words.po_short
    if words is not None and year == words.since:
        return words.po_both_short
    return "PO"


def said_role(code: str, year: int, words: Classification | None) -> str:
    """A role in the words of the ente's contract (``words``, its comparto's): «Elevata qualificazione (EQ)» for a
    PO of Funzioni Locali from 2024; the ente's own name of the role where it gives one (:attr:`Classification.roles`);
    the core's own words without them."""
    if words is not None and code in words.roles:
        return words.roles[code]
    if code == "po" and words is not None and year > words.since:
        return words.po
    if code == "po" and words is not None and year == words.since:
        return words.po_both
    return ROLE_LABELS.get(code, code)


def said_group(code: str, words: Classification | None, year: int = 0) -> str:
    """A role's people as a group, with the article: the ente's own name where it gives one («i responsabili di
    struttura»); the role ``po`` in the words of the ente's contract in ``year`` («le EQ» in Funzioni Locali from
    2024, «le PO/EQ» in 2023); else the core's («le posizioni organizzative», «i dirigenti»)."""
    if words is not None and code in words.groups:
        return words.groups[code]
    if code == "po" and words is not None and year >= words.since:
        return f"le {said_po_short(year, words)}"
    return GROUP_LABELS.get(code, code)


def contract_roles(words: Classification | None, year: int) -> dict[str, tuple[str, str]]:
    """The roles the ente's contract (``words``) renames in ``year``, each by the name of one and of the group:
    ``po`` from the year of the change on («Posizione organizzativa / EQ», «le PO/EQ» in 2023; «Elevata
    qualificazione (EQ)», «le EQ» from 2024 in Funzioni Locali); none before it, nor without a contract's words."""
    if words is None or year < words.since:
        return {}
    return {"po": (said_role("po", year, words), said_group("po", words, year))}


def without_article(group: str) -> str:
    """A group's name without the article it starts with: «i responsabili di struttura» → «responsabili di
    struttura», as a pair of groups says it («dirigenti e responsabili di struttura»)."""
    head, _, rest = group.partition(" ")
    if head.lower() in ARTICLES and rest:
        return rest
    return group.removeprefix("l'")
