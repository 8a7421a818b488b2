"""The guard that looks at what people see: for every demo (the four plugins, the declared regulation's small
Comuni among them), for a university's CCI that names its funds and its EP role ([etichette]) and for the office's
template path (``ciclope template`` filled, run, its portal) both
Relazioni, the public PDF's text, the schede personali, the internal and public portal (every year of the demo's),
``compare.html``, the templates and an evaluator's workbook (through LibreOffice), and every terminal message of
those commands are rendered and scanned (:mod:`seen`): a Python repr, a repository file, an identifier (snake_case
or dotted) that is not a word the office writes, a figure's key, an English word, a plural after 1, an amount
without €, a date in ISO order (2021-12-31), a decimal where the office typed a percentage, a list of the office's ids in text order, a
fund's key of ente.toml quoted («produttivita»), and on public
pages a file name, a fingerprint or a command. Playwright takes a screenshot of every portal page for review."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest
import seen
from test_one_language import office

from ciclope.core.commands.cli import main

pytestmark = pytest.mark.slow  # the demos with their PDFs, the portal in Chromium, the workbooks in LibreOffice

NEEDS = ("chromium", "pdftotext", "soffice")
VALDORSA = Path(__file__).parent / "plugins" / "regolamento" / "valdorsa"
SCENARIO = '[parametri]\nlimite_giorni_assenza = 153\n\n[fondi]\nperformance_individuale = "30000.00"\n'


class Terminal:
    """The commands of a trial, each one's printed words kept as the office read them."""

    def __init__(self) -> None:
        self.said: dict[str, str] = {}

    def __call__(self, args: list[str], ok: tuple[int, ...] = (0,)) -> None:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
        assert code in ok, (args, err.getvalue())
        self.said[" ".join(args[:2]) + f" #{len(self.said)}"] = out.getvalue() + err.getvalue()


def _render(root: Path) -> tuple[dict[Path, str], dict[str, str]]:
    """Everything a reader meets, written under ``root``; path → its text as the reader sees it, and each command's
    terminal words."""
    run = Terminal()
    demo = root / "demo"
    run(["demo", "--dir", str(demo)])
    outs = sorted(p.parent for p in demo.glob("*/risultati/*/results.json"))
    for folder in outs:
        run(["report", str(folder), "--outputs", "pdf"], ok=(0, 1))
        run(["schede-personali", str(folder)])
    for cycle in sorted(demo.glob("*/cycle.toml")):
        run(["validate", str(cycle)], ok=(0, 1))
        run(["calendar", str(cycle)])
        results = next(cycle.parent.glob("risultati/*/results.json"))
        person = min(json.loads(results.read_text(encoding="utf-8"))["individual"])
        run(["explain", str(cycle), "--ente", results.parent.name, "--person", person], ok=(0, 1))
    cm = demo / "comunita_montane"
    (root / "scenario.toml").write_text(SCENARIO, encoding="utf-8")
    run(["compare", str(cm / "cycle.toml"), "--scenario", f"piu-assenze={root / 'scenario.toml'}",
         "--out", str(root / "confronto")])  # fmt: skip
    reg = demo / "regolamento" / "cycle.toml"
    store = ["--store", str(demo / "ciclope.db")]
    run(["site", str(reg), *store, "--public", "--tutti-gli-anni", "--out", str(root / "sito-pubblico")])
    run(["raccolta", "crea", str(reg), "--ente", "comune-livelli", "--out", str(root / "raccolta")])
    run(["regolamento", "leggi", str(demo / "regolamento" / "smvp-parti.toml")])
    books = sorted((root / "raccolta" / "da-inviare").glob("*.xlsx"))
    for plugin in ("bergamo", "brescia", "comunita_montane", "regolamento"):
        run(["template", plugin, str(root / "modelli" / plugin)])
        books.append(root / "modelli" / plugin / "mio-ente" / "ente.xlsx")
    # the office's own path: the template filled, validated, run, its schede and its portals
    cycle = office(root / "ufficio")
    run(["validate", str(cycle)], ok=(0, 1))
    run(["run", str(cycle)], ok=(0, 1))
    run(["schede-personali", str(root / "ufficio" / "risultati" / "mio-ente")])
    run(["explain", str(cycle), "--ente", "mio-ente", "--person", "PO1"])
    run(["site", str(cycle), "--out", str(root / "ufficio-sito")])
    run(["site", str(cycle), "--public", "--out", str(root / "ufficio-pubblico")])
    # a university's CCI (comparto «altro») whose [etichette] name its funds and its EP role
    shutil.copytree(VALDORSA, root / "valdorsa")
    run(["run", str(root / "valdorsa" / "cycle.toml"), "--no-store"], ok=(0, 1))
    run(["regolamento", "leggi", str(root / "valdorsa" / "cci-pta.toml")])
    books += sorted(demo.glob("*/risultati/*/schede.xlsx")) + [
        root / "ufficio" / "risultati" / "mio-ente" / "schede.xlsx",
        root / "valdorsa" / "risultati" / "valdorsa" / "schede.xlsx",
    ]
    books.append(root / "confronto" / "compare.xlsx")
    texts = {p: seen.page_text(p) for p in sorted(root.rglob("*.html"))}
    texts.update({p: seen.pdf_text(p) for p in sorted(root.rglob("*.pdf"))})
    texts.update(seen.workbooks_text(books, root / "libreoffice"))
    return texts, run.said


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    missing = [tool for tool in NEEDS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (installed by .ci/run)")
    return tmp_path_factory.mktemp("letti")


@pytest.fixture(scope="module")
def rendered(root) -> tuple[dict[Path, str], dict[str, str]]:
    return _render(root)


def test_every_kind_of_document_is_looked_at(rendered):
    pages, said = rendered
    names = {p.name for p in pages}
    kinds = {
        "relazione.html", "relazione-pubblica.html", "relazione-pubblica.pdf", "compare.html", "index.html",
        "calendario.html", "benchmark.html", "classifica.html", "persone.html", "ente.xlsx", "schede.xlsx",
        "SEG.xlsx", "compare.xlsx",
    }  # fmt: skip
    assert kinds <= names, kinds - names
    assert any(p.suffix == ".pdf" and p.parent.parent.name == "schede-personali" for p in pages)
    assert all(text.strip() for text in pages.values()), [str(p) for p, t in pages.items() if not t.strip()]
    commands = {c.split(" ")[0] for c in said}
    assert {"demo", "validate", "calendar", "explain", "compare", "site", "raccolta", "template", "run"} <= commands


def office_ids(root: Path) -> frozenset[str]:
    """The codes the offices gave their units, people, objectives and indicators (first column of each data file)."""
    ids = set()
    for path in root.rglob("*.csv"):
        if "out" not in path.parts and "risultati" not in path.parts:
            ids |= {line.split(",", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]}
    return frozenset(ids)


def test_no_reader_sees_codes_english_identifiers_bare_amounts_or_text_order(root, rendered):
    """Schede personali, which a person signs, are held to more: no code at all but the office's own ids. What
    the office writes itself (its ids, its files, the Italian names of its keys and columns, the words of its own
    regulation) may be read as written; a formula the office wrote stays as written."""
    pages, said = rendered
    codes = seen.labelled_codes()
    ids = office_ids(root / "demo") | office_ids(root / "valdorsa") | {f"D{n}" for n in range(1, 12)}
    ids |= {"PO1", "SEG", "IN1", "OB1", "com", "amm"}
    allowed = ids | seen.vocabulary() | seen.office_words(root / "demo") | seen.office_words(root / "ufficio")
    allowed |= seen.office_words(root / "valdorsa")
    funds = seen.fund_keys(root / "demo") | seen.fund_keys(root / "ufficio") | seen.fund_keys(root / "valdorsa")
    percents = seen.percent_inputs(root / "demo") | {"IN1": {"0,72", "0,74"}}
    units = seen.unit_codes(root / "demo") | seen.unit_codes(root / "ufficio") | seen.unit_codes(root / "valdorsa")
    bad = {}
    for path, text in pages.items():
        public = "pubblic" in str(path)  # the public Relazione and both public portals
        found = seen.findings(
            text, codes, strict="schede-personali" in path.parts, allowed=allowed, public=public, percents=percents,
            ids=ids, units=units, funds=funds,
        )  # fmt: skip
        if found:
            bad[str(path)] = found[:5]
    for command, words in said.items():
        found = seen.findings(
            seen.terminal_text(words), codes, allowed=allowed, percents=percents, ids=ids, funds=funds
        )
        if found:
            bad[f"terminale: ciclope {command}"] = found[:5]
    assert not bad, "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in sorted(bad.items()))


def test_the_portal_pages_are_looked_at_in_chromium(rendered, tmp_path_factory):
    """A screenshot of every page of the public portal, for review (kept under the test's folder); each page
    draws its heading (a page Chromium cannot lay out has none)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    pages, _ = rendered
    site = next(p for p in pages if p.name == "index.html" and p.parent.name == "sito-pubblico").parent
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
