"""A portal of several years (`ciclope site --tutti-gli-anni`): the latest year at the top, each other year under
``<year>/``, every page of every year linking only to files of the site, the documents of an earlier year's ente
beside that year's ente page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.testing import write_ente

from helpers import ENTE, files, measured
from helpers import page_links as parsed

CYCLE = """
[cycle]
year = {year}
output = "out{year}"

[[ente]]
id = "cm-prova"
plugin = "comunita_montane"
data = "cm-prova"
"""


@pytest.fixture
def two_years(tmp_path: Path) -> str:
    """One ente run for 2021 and 2022 into one store; returns the store's URL."""
    write_ente(tmp_path / "cm-prova", files(**{"ente.toml": ENTE + '[piano]\nanni = "2021-2022"\n'}))
    url = f"sqlite:///{tmp_path / 'ciclope.db'}"
    for year in (2021, 2022):
        cycle = tmp_path / f"cycle-{year}.toml"
        cycle.write_text(CYCLE.format(year=year), encoding="utf-8")
        assert main(["run", str(cycle), "--store", url]) == 0
        measured(tmp_path / "cm-prova")
    return url


def dead_links(out: Path) -> list[str]:
    """Every relative link of every page of the site (the copied Relazioni too) that names no file of the site, or
    an anchor its page lacks."""
    dead, cache = [], {}
    for page in sorted(out.rglob("*.html")):
        for link in parsed(page).links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), f"{page}: {link}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or out.resolve() not in target.parents:
                dead.append(f"{page.relative_to(out)} → {link}")
            elif parts.fragment and target.suffix == ".html":
                if parts.fragment not in cache.setdefault(target, parsed(target)).ids:
                    dead.append(f"{page.relative_to(out)} → {link} (ancora)")
    return dead


@pytest.mark.parametrize("public", [[], ["--public"]], ids=["interno", "pubblico"])
def test_every_link_of_every_year_resolves(two_years, tmp_path, public, capsys):
    out = tmp_path / "sito"
    assert main(["site", "--store", two_years, "--out", str(out), "--tutti-gli-anni", *public]) == 0
    # the earlier year's ente page and its documents, beside it under 2021/
    page = out / "2021" / "enti" / "cm-prova.html"
    assert 'href="cm-prova/relazione-pubblica.html"' in page.read_text(encoding="utf-8")
    assert (out / "2021" / "enti" / "cm-prova" / "relazione-pubblica.html").is_file()
    assert (out / "2021" / "enti" / "cm-prova" / "trasparenza.csv").is_file()
    assert dead_links(out) == []
    # the two years' documents are different files: the 2022 ones at the top are not the 2021 ones
    top = (out / "enti" / "cm-prova" / "relazione-pubblica.html").read_text(encoding="utf-8")
    earlier = (out / "2021" / "enti" / "cm-prova" / "relazione-pubblica.html").read_text(encoding="utf-8")
    assert "Relazione sulla performance 2022" in top and "Relazione sulla performance 2021" in earlier


def test_the_command_says_every_year_it_built(two_years, tmp_path, capsys):
    out = tmp_path / "sito"
    capsys.readouterr()
    assert main(["site", "--store", two_years, "--out", str(out), "--tutti-gli-anni", "--public"]) == 0
    said = capsys.readouterr().out
    # each year's pages are counted where they are: the top's HTML files, and 2021's under 2021/
    top = len([p for p in out.glob("**/*.html") if p.relative_to(out).parts[0] != "2021" and "cm-prova" not in p.parts])
    earlier = len([p for p in (out / "2021").glob("**/*.html") if "cm-prova" not in p.parts])
    # index, enti/cm-prova.html, benchmark, calendario: 4 pages a year (one ente: no ranking, no indicator page)
    assert (top, earlier) == (4, 4)
    assert f"Sito pubblico del 2022: 1 ente, 4 pagine in {out}/index.html" in said
    assert f"e del 2021: 1 ente, 4 pagine in {out}/2021/index.html" in said
