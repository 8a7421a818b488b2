"""core.citation: a source read into its parts gives its text back, and is said for people from those parts."""

from __future__ import annotations

import json
import pickle
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ciclope.plugins
from ciclope.core import Citation, Problem, Trace, citation
from ciclope.core.citation import RULES_SECTIONS, cited, read
from ciclope.core.provisions import load_provisions

PLUGINS = Path(ciclope.plugins.__file__).parent
SMVP = "004_a450255962d2094d.txt"
TITLES = {SMVP: "SMVP 2021 della CCIAA di Brescia"}
UNKNOWN = "999_0123456789abcdef.txt"  # a seed file no plugin names


def _sources(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("source", "bound_source") and isinstance(value, str):
                yield value
            else:
                yield from _sources(value)
    elif isinstance(node, list):
        for item in node:
            yield from _sources(item)


# every source the bundled plugins write in their params.toml and provisions.toml
BUNDLED = sorted(
    {s for f in sorted(PLUGINS.rglob("*.toml")) for s in _sources(tomllib.loads(f.read_text(encoding="utf-8")))}
)


def test_the_bundled_plugins_write_sources():
    assert len(BUNDLED) > 50


@given(st.sampled_from(BUNDLED))
def test_a_bundled_source_reads_back_as_written(source):
    c = read(source)
    assert type(c) is Citation and str(c) == source and c == source
    assert json.dumps({"s": c}) == json.dumps({"s": source})
    assert pickle.loads(pickle.dumps(c)) == source
    assert all(part.act or part.locator or part.parameter for part in c.parts)


@given(st.text())
def test_any_text_reads_back_as_written(text):
    assert str(read(text)) == text
    assert len(read(text).parts) == (text.count(";") + 1 if text else 0)


@pytest.mark.parametrize(
    ("source", "act", "article", "comma", "letter"),
    [
        ("CCNL Funzioni Locali 21.5.2018 art. 68 c. 2 lett. f", "CCNL Funzioni Locali 21.5.2018", "68", "2", "f"),
        ("art. 48 c. 5 CCNL Funzioni Locali 23.2.2026", "CCNL Funzioni Locali 23.2.2026", "48", "5", ""),
        ("DL 25/2025 art. 14 c. 1-bis", "DL 25/2025", "14", "1-bis", ""),
        ("001_2164dd4e03a9b49f.txt art. 6.5", "001_2164dd4e03a9b49f.txt", "6.5", "", ""),
        ("D.Lgs. 150/2009 art. 9", "D.Lgs. 150/2009", "9", "", ""),
    ],
)
def test_the_parts_of_a_source(source, act, article, comma, letter):
    (part,) = read(source).parts
    assert (part.act, part.article, part.comma, part.letter) == (act, article, comma, letter)


def test_a_seed_section_a_confidence_and_a_parameter():
    seed, ccdi = read(f"{SMVP} §5.2; CCDI (ipotesi, params.toml reward_min_level)").parts
    assert (seed.act, seed.locator, seed.section, seed.is_seed) == (SMVP, "§5.2", "5", True)
    assert (ccdi.act, ccdi.confidence, ccdi.parameter, ccdi.is_seed) == ("CCDI", "ipotesi", "reward_min_level", False)


def test_a_seed_file_by_its_title():
    assert cited(f"{SMVP} §5.3", TITLES) == "SMVP 2021 della CCIAA di Brescia, §5.3"
    assert cited(f"{SMVP}, Scheda di valutazione", TITLES) == "SMVP 2021 della CCIAA di Brescia, Scheda di valutazione"
    assert cited(SMVP, TITLES) == "SMVP 2021 della CCIAA di Brescia"


def test_an_unknown_seed_is_the_entes_own_regulation_or_left_out():
    assert cited(f"{UNKNOWN} §5.2", TITLES) == "regolamento dell'ente §5.2"
    # beside an act the reader can find, a seed file of another regulation is left out
    assert cited(f"{UNKNOWN} art. 3; D.Lgs. 150/2009 art. 9", TITLES) == "D.Lgs. 150/2009 art. 9"


def test_a_core_section_by_its_subject():
    assert cited("rules/core.md §1") == RULES_SECTIONS["1"]
    assert cited("rules/core.md §3.2; D.Lgs. 150/2009 art. 9") == (
        "regole comuni, scheda di valutazione individuale (D.Lgs. 150/2009 art. 9); D.Lgs. 150/2009 art. 9"
    )
    assert cited("SPEC §4") == "guida all'uso di ciclope, cycle.toml"
    assert cited("docs/store.md") == "guida all'archivio dei risultati di ciclope"


def test_a_parameter_code_is_left_out():
    assert cited("CCDI (ipotesi, params.toml reward_min_level)") == "CCDI (ipotesi)"
    assert cited(f"{SMVP} art. 28.4; params w_unit/w_objectives (ipotesi)", TITLES) == (
        "SMVP 2021 della CCIAA di Brescia, art. 28.4; parametri del regolamento (ipotesi)"
    )


def test_no_source():
    assert cited(None) == cited("") == "—"


def test_an_act_cited_from_its_parts_keeps_them():
    title = "Sistema di valutazione (delibera 12/2024) del Comune di Esempio"
    c = Citation.of(title, "art. 12 c. 3", separator=", ")
    assert c == f"{title}, art. 12 c. 3"
    (part,) = c.parts
    assert (part.act, part.locator, part.article, part.comma) == (title, "art. 12 c. 3", "12", "3")
    assert cited(c) == str(c)
    assert Citation.of("CCNL 21.5.2018", "art. 69", "testo") == "CCNL 21.5.2018 art. 69 (testo)"
    with pytest.raises(ValueError):
        Citation.of("CCNL 21.5.2018", "art. 69", "forse")


def test_joined_cites_each_source_once():
    assert Citation.joined(["A art. 1", "", "B art. 2", "A art. 1"]) == "A art. 1; B art. 2"


def test_a_plugin_may_still_pass_a_plain_string():
    problem = Problem(rule="x.y", message="m", source="D.Lgs. 150/2009 art. 9")
    assert type(problem.source) is Citation and problem.source.parts[0].act == "D.Lgs. 150/2009"
    trace = Trace()
    trace.record("ente", 1, "formula", f"{SMVP} §5.2")
    assert cited(trace.figures["ente"].source, TITLES) == "SMVP 2021 della CCIAA di Brescia, §5.2"


def test_a_provision_cites_itself_with_its_confidence():
    rows = load_provisions(PLUGINS / "ccnl_funzioni_locali" / "provisions.toml")
    row = rows[0]
    assert type(row.source) is Citation
    assert row.citation == f"{row.source} ({row.confidence})"
    assert row.citation.parts[-1].confidence == row.confidence


ACTS = st.sampled_from(["D.Lgs. 150/2009", "CCNL Funzioni Locali 21.5.2018", SMVP, UNKNOWN, "rules/core.md", "CCDI"])
LOCATORS = st.sampled_from(["", "art. 9", "art. 68 c. 2 lett. f", "§5.2", "§3, §3.2.1", "Scheda di valutazione"])


@given(ACTS, LOCATORS, st.sampled_from(["", "testo", "ipotesi"]), st.sampled_from([" ", ", "]))
def test_a_source_built_from_its_parts_is_said_as_its_text_would_be(act, locator, confidence, separator):
    """The parts a rule gives and the parts read back from its text (results.json, the store) say the same."""
    built = Citation.of(act, locator, confidence, separator)
    (part,) = built.parts
    assert (part.act, part.locator, part.confidence) == (act, locator, confidence)
    said = cited(built, TITLES)
    declared = dict(citation._DECLARED)
    try:  # as in another process, where no rule declared it: the text alone, read
        citation._DECLARED.clear()
        citation._cited.cache_clear()
        assert cited(str(built), TITLES) == said
    finally:
        citation._DECLARED.update(declared)
        citation._cited.cache_clear()
