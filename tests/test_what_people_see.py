"""The guard that looks at what people see: for every demo (the four plugins, the declared regulation's small
Comuni among them) both Relazioni, the public PDF's text, the schede personali, the internal and public portal,
``compare.html``, the template and an evaluator's workbook (through LibreOffice) are rendered and scanned for a
Python repr, a code of the regulation, a repository file name, an English word or a plural after 1
(:mod:`seen`). Playwright takes a screenshot of every portal page for review, kept beside the pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import seen

from ciclope.core.commands.cli import main

pytestmark = pytest.mark.slow  # the demos with their PDFs, the portal in Chromium, the workbooks in LibreOffice

NEEDS = ("chromium", "pdftotext", "soffice")
SCENARIO = '[params]\nabsence_limit_days = 153\n\n[funds]\nperformance_individuale = "30000.00"\n'


def _render(root: Path) -> dict[Path, str]:
    """Everything a reader meets, written under ``root``; path → its text as the reader sees it."""
    demo = root / "demo"
    assert main(["demo", "--dir", str(demo)]) == 0
    outs = sorted(p.parent for p in demo.glob("*/out/*/results.json"))
    for folder in outs:
        assert main(["report", str(folder), "--outputs", "pdf"]) in (0, 1)
        assert main(["schede-personali", str(folder)]) == 0
    cm = demo / "comunita_montane"
    (root / "scenario.toml").write_text(SCENARIO, encoding="utf-8")
    assert main(["compare", str(cm / "cycle.toml"), "--scenario", f"piu-assenze={root / 'scenario.toml'}",
                 "--out", str(root / "confronto")]) == 0  # fmt: skip
    reg = demo / "regolamento" / "cycle.toml"
    store = ["--store", str(demo / "ciclope.db")]
    assert main(["site", str(reg), *store, "--public", "--out", str(root / "sito-pubblico")]) == 0
    assert main(["raccolta", "crea", str(reg), "--ente", "comune-livelli", "--out", str(root / "raccolta")]) == 0
    books = sorted((root / "raccolta" / "da-inviare").glob("*.xlsx"))
    for plugin in ("bergamo", "brescia", "comunita_montane", "regolamento"):
        assert main(["template", plugin, str(root / "modelli" / plugin)]) == 0
        books.append(root / "modelli" / plugin / "mio-ente" / "ente.xlsx")
    books += sorted(demo.glob("*/out/*/schede.xlsx"))
    texts = {p: seen.page_text(p) for p in sorted(root.rglob("*.html"))}
    texts.update({p: seen.pdf_text(p) for p in sorted(root.rglob("*.pdf"))})
    texts.update(seen.workbooks_text(books, root / "libreoffice"))
    return texts


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    missing = [tool for tool in NEEDS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (installed by .ci/run)")
    return tmp_path_factory.mktemp("letti")


@pytest.fixture(scope="module")
def rendered(root) -> dict[Path, str]:
    return _render(root)


def test_every_kind_of_document_is_looked_at(rendered):
    names = {p.name for p in rendered}
    kinds = {
        "relazione.html", "relazione-pubblica.html", "relazione-pubblica.pdf", "compare.html", "index.html",
        "calendario.html", "benchmark.html", "persone.html", "ente.xlsx", "schede.xlsx", "SEG.xlsx",
    }  # fmt: skip
    assert kinds <= names, kinds - names
    assert any(p.suffix == ".pdf" and p.parent.parent.name == "schede-personali" for p in rendered)
    assert all(text.strip() for text in rendered.values()), [str(p) for p, t in rendered.items() if not t.strip()]


def office_ids(root: Path) -> frozenset[str]:
    """The codes the offices gave their units, people, objectives and indicators (first column of each data file)."""
    ids = set()
    for path in root.rglob("*.csv"):
        if "out" not in path.parts:
            ids |= {line.split(",", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]}
    return frozenset(ids)


def test_no_reader_sees_python_codes_file_names_english_or_a_plural_after_one(root, rendered):
    """Schede personali, which a person signs, are held to more: no code at all but the office's own ids. What
    the office writes itself (its ids, its files, the parameters of cycle.toml) may be read as written."""
    codes = seen.labelled_codes()
    allowed = office_ids(root / "demo") | seen.parameter_names()
    bad = {}
    for path, text in rendered.items():
        found = seen.findings(text, codes, strict="schede-personali" in path.parts, allowed=allowed)
        if found:
            bad[str(path)] = found[:5]
    assert not bad, "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in sorted(bad.items()))


def test_the_portal_pages_are_looked_at_in_chromium(rendered, tmp_path_factory):
    """A screenshot of every page of the public portal, for review (kept under the test's folder); each page
    draws its heading (a page Chromium cannot lay out has none)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    site = next(p for p in rendered if p.name == "index.html" and p.parent.name == "sito-pubblico").parent
    shots = tmp_path_factory.mktemp("schermate")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for html in sorted(site.rglob("*.html")):
            page.goto(html.as_uri())
            assert page.locator("h1").first.inner_text().strip(), html
            page.screenshot(path=str(shots / f"{html.relative_to(site).as_posix().replace('/', '_')}.png"),
                            full_page=True)  # fmt: skip
        browser.close()
    assert len(list(shots.glob("*.png"))) == len(list(site.rglob("*.html")))
