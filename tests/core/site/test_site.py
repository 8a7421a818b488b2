"""The portal (issue 17): `ciclope site` builds a static site from the results store.

The three public examples are run into one store; the site must list them, link only to files that
exist, escape what comes from the input, and — in its public variant — contain no name and no person
id of any people.csv anywhere, in any file."""

from __future__ import annotations

import csv
import re
import threading
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.testing import write_ente

from helpers import ENTE, Links, files, published_csv
from helpers import page_links as parsed

PLUGINS = ("brescia", "bergamo", "comunita_montane")


@pytest.fixture
def three(example, tmp_path):
    """The three public examples (all 2021) recorded in one SQLite store; returns (store URL, a cycle.toml, folders)."""
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    folders = [example(name) for name in PLUGINS]
    for n, path in enumerate(sorted(p for f in folders for p in f.glob("*/people.csv"))):
        # the examples' names are role words ("Segretario Generale", "Primo"), which the public Relazione
        # uses as labels: give everyone a name that can only come from people.csv
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        for i, row in enumerate(rows[1:], 1):
            row[1] = f"Zelinda{n}x{i} Quarantotti"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    for folder in folders:
        assert main(["run", str(folder / "cycle.toml"), "--store", url]) in (0, 1)
    return url, folders[0] / "cycle.toml", folders


def people_of(folders) -> tuple[set[str], set[str]]:
    ids, names = set(), set()
    for folder in folders:
        for path in folder.glob("*/people.csv"):
            with open(path, newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    ids.add(row["id"])
                    names.add(row["name"])
    return ids, names


def test_site_lists_every_ente_and_every_link_resolves(three, tmp_path, capsys):
    url, cfg, _folders = three
    out = tmp_path / "sito"
    assert main(["site", str(cfg), "--store", url, "--out", str(out)]) == 0
    assert "3 enti" in capsys.readouterr().out
    index = (out / "index.html").read_text(encoding="utf-8")
    for ente in ("bs-esempio", "bg-esempio", "cm-esempio"):
        assert f'href="enti/{ente}.html"' in index
        assert (out / "enti" / f"{ente}.html").is_file()
        assert (out / "enti" / ente / "relazione.html").is_file()
    cards = (out / "enti" / "bs-esempio" / "persone.html").read_text(encoding="utf-8")
    assert '<section class="card" id="p-SG"' in cards  # the full site has person cards
    # the ente's table lists every person, the unevaluated too: its caption says so (it said «Persone valutate»)
    ente = (out / "enti" / "bs-esempio.html").read_text(encoding="utf-8")
    assert (
        "<caption>Tutte le persone dell'ente, anche quelle non valutate</caption>" in ente
        and "Persone valutate" not in ente
    )
    pages = list(out.rglob("*.html"))
    cache: dict[Path, Links] = {}
    for page in pages:
        if page.parent.name in ("bs-esempio", "bg-esempio", "cm-esempio") and page.name.startswith("relazione"):
            continue  # the run's own Relazioni (their links are their own anchors)
        for link in parsed(page).links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), f"{page}: {link}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(out)} → {link}"
            if parts.fragment and target.suffix == ".html":
                ids = cache.setdefault(target, parsed(target)).ids
                assert parts.fragment in ids, f"{page.relative_to(out)} → {link}: anchor missing"


def test_benchmark_page_ranks_the_three_enti(three, tmp_path):
    url, cfg, folders = three
    import json

    perf = {}
    for folder in folders:
        for res in folder.glob("out/*/results.json"):
            doc = json.loads(res.read_text(encoding="utf-8"))
            perf[doc["ente"]] = doc["organizational"]["ente"]
    out = tmp_path / "sito"
    assert main(["site", str(cfg), "--store", url, "--out", str(out)]) == 0
    html = (out / "classifica.html").read_text(encoding="utf-8")  # the whole ranking, a page of its own
    best = max(perf, key=lambda e: perf[e])
    row = re.search(r'<tr><td class="num" data-sort="1">1°</td><th scope="row"><a href="enti/([a-z-]+)\.html">', html)
    assert row is not None and row.group(1) == best
    summary = (out / "benchmark.html").read_text(encoding="utf-8")  # the comparison's page: its first ones
    assert re.search(rf'<td class="num">1°</td><th scope="row"><a href="enti/{best}\.html">', summary)
    # each ente page shows its position among the 3
    assert "su 3" in (out / "enti" / f"{best}.html").read_text(encoding="utf-8")


def test_public_site_has_no_name_and_no_person_id_anywhere(three, tmp_path):
    """Every file of the public site: an ente's pages and documents against that ente's people.csv (ids
    are short — bergamo's areas are P1, P2 like comunita_montane's people — so they are matched as whole
    tokens, per ente); the shared pages against every name and every id that is not also an area,
    objective, indicator or unit id somewhere."""
    url, cfg, folders = three
    per_ente = {}
    for folder in folders:
        data = next(folder.glob("*/people.csv")).parent
        per_ente[data.name] = people_of([folder])
    all_ids = set().union(*(ids for ids, _ in per_ente.values()))
    all_names = set().union(*(names for _, names in per_ente.values()))
    other_ids = set()
    for folder in folders:
        for name in ("areas.csv", "objectives.csv", "indicators.csv", "units.csv"):
            for path in folder.glob(f"*/{name}"):
                with open(path, newline="", encoding="utf-8") as fh:
                    other_ids |= {row["id"] for row in csv.DictReader(fh)}
    assert len(all_ids) > 10 and len(all_names) > 10  # the scan is over real people files
    full, public = tmp_path / "interno", tmp_path / "pubblico"
    assert main(["site", str(cfg), "--store", url, "--out", str(full)]) == 0
    assert main(["site", str(cfg), "--store", url, "--out", str(public), "--public"]) == 0

    def pattern(ids) -> re.Pattern:
        alts = "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
        return re.compile(r"(?<![A-Za-z0-9_])(" + alts + r")(?![A-Za-z0-9_])")

    def leaks(root: Path) -> list[str]:
        found = []
        for path in root.rglob("*"):
            if not path.is_file():
                continue
            rel = path.relative_to(root)
            ente = rel.parts[1].removesuffix(".html") if rel.parts[0] == "enti" else None
            ids, names = per_ente[ente] if ente else (all_ids - other_ids, all_names)
            text = path.read_bytes().decode("utf-8", errors="replace")
            found += [f"{rel}: nome {n!r}" for n in names if n in text]
            found += [f"{rel}: id {m.group(1)!r}" for m in pattern(ids).finditer(text)]
        return found

    assert leaks(full)  # the scan can fail: the internal site does show people
    assert leaks(public) == []
    assert not list(public.rglob("persone.html")) and not list(public.rglob("cifre.html"))
    assert not list(public.rglob("results.json")) and not list(public.rglob("schede.xlsx"))
    assert (public / "enti" / "bs-esempio" / "relazione-pubblica.html").is_file()
    # a file's name is an address, never words the reader reads: the page links the data by what they are
    page = (public / "enti" / "bs-esempio.html").read_text(encoding="utf-8")
    assert "trasparenza.csv" in page and "trasparenza.csv" not in re.sub(r"<[^>]+>", " ", page)
    # the footer says a withheld figure as the pages and the CSV files print it, «riservato» (a count of a small group,
    # in a plugin's own table, «<3»), never «<3» alone for what the documents call «riservato»
    words = re.sub(r"<[^>]+>", " ", page)
    assert "sono indicate come «riservato» (e dove una tabella conta le persone, il gruppo come «&lt;3»)" in words


def test_the_public_site_publishes_people_only_through_the_controlled_documents(tmp_path):
    ente = tmp_path / "piccolo"
    write_ente(ente, files())
    (tmp_path / "cycle.toml").write_text(
        '[cycle]\nyear = 2021\n[[ente]]\nid = "piccolo"\nplugin = "comunita_montane"\ndata = "piccolo"\n'
    )
    main(["run", str(tmp_path / "cycle.toml")])
    main(["site", str(tmp_path / "cycle.toml"), "--out", str(tmp_path / "p"), "--public"])
    html = (tmp_path / "p" / "enti" / "piccolo.html").read_text(encoding="utf-8")
    # the amount distributed is not on the page; the people per level are, as the lines of trasparenza.csv
    # (controlled with the public Relazione) give them: never a partition of the page's own
    assert "Premi distribuiti" not in html
    assert "relazione-pubblica.html" in html and "trasparenza.csv" in html
    published = [
        (row["Gruppo"], row["Voce"], row["Numero di persone"])
        for row in published_csv(tmp_path / "out" / "piccolo" / "trasparenza.csv")
        if row["Sezione"] == "Livello di valutazione"
    ]
    assert published  # the ente has levels: the table is not empty
    section = html[html.index('id="liv"') :]
    cells = re.findall(
        r"<tr><td>([^<]*)</td><th scope=\"row\">([^<]*)</th><td class=\"num\">([^<]*)</td></tr>", section
    )
    assert cells == published
    bench = (tmp_path / "p" / "benchmark.html").read_text(encoding="utf-8")
    assert "Rapporto tra fasce" not in bench  # band per-capita ratios would give a withheld band back


def test_hostile_names_are_escaped(tmp_path):
    ente = tmp_path / "ostile"
    hostile = '<script>alert("x")</script>'
    write_ente(ente, files(**{"ente.toml": ENTE.replace('name = "Ente di prova"', f"name = '{hostile}'")}))
    (tmp_path / "cycle.toml").write_text(
        '[cycle]\nyear = 2021\n[[ente]]\nid = "ostile"\nplugin = "comunita_montane"\ndata = "ostile"\n'
    )
    main(["run", str(tmp_path / "cycle.toml")])
    assert main(["site", str(tmp_path / "cycle.toml"), "--out", str(tmp_path / "s")]) == 0
    for page in (tmp_path / "s").rglob("*.html"):
        if page.name.startswith("relazione"):
            continue
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in (tmp_path / "s" / "index.html").read_text(
        encoding="utf-8"
    )


def test_year_not_in_store_and_empty_store_are_clear_errors(three, tmp_path, capsys):
    url, cfg, _ = three
    assert main(["site", str(cfg), "--store", url, "--out", str(tmp_path / "x"), "--year", "2019"]) == 2
    err = capsys.readouterr().err
    assert "2019" in err and "2021" in err and "Traceback" not in err
    from ciclope.core.store import open_store

    empty = f"sqlite:///{tmp_path / 'vuoto.db'}"
    open_store(empty).close()  # a store with the schema and no run
    assert main(["site", str(cfg), "--store", empty, "--out", str(tmp_path / "y")]) == 2
    err = capsys.readouterr().err
    assert "non contiene risultati" in err and "ciclope run" in err


def test_serve_answers_on_loopback_only(three, tmp_path):
    from ciclope.core.site.serve import server

    url, cfg, _ = three
    out = tmp_path / "sito"
    assert main(["site", str(cfg), "--store", url, "--out", str(out), "--public"]) == 0
    httpd = server(out, 0)
    assert httpd.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{httpd.server_address[1]}/index.html", timeout=10) as r:
            assert r.status == 200 and "bs-esempio" in r.read().decode("utf-8")
    finally:
        httpd.shutdown()
        httpd.server_close()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium assente: installare con `apt-get install -y chromium`"
)
def test_in_chromium_click_through_filter_sort_and_screenshots(three, tmp_path):
    """Debian's Chromium driven by Playwright (no browser download): index → ente → person → back, no
    console error on any page visited, the filter narrows the table, sorting reorders it, and screenshots
    at phone and desktop widths."""
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    url, cfg, _ = three
    out = tmp_path / "sito"
    assert main(["site", str(cfg), "--store", url, "--out", str(out)]) == 0
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        try:
            for label, size in (
                ("telefono", {"width": 390, "height": 844}),
                ("desktop", {"width": 1366, "height": 900}),
            ):
                page = browser.new_page(viewport=size)
                page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto((out / "index.html").as_uri())
                assert page.title().startswith("Enti")
                expect(page.locator("#enti tbody tr")).to_have_count(3)
                # the filter narrows the table
                page.fill("#filtro", "brescia")
                expect(page.locator("#enti tbody tr:visible")).to_have_count(1)
                page.fill("#filtro", "")
                expect(page.locator("#enti tbody tr:visible")).to_have_count(3)
                # sorting by performance (descending after two clicks) puts the best first
                perf_header = page.locator("#enti thead th").nth(3).locator("button")
                perf_header.click()
                first_asc = page.locator("#enti tbody tr").first.locator("td").nth(2).inner_text()
                perf_header.click()
                first_desc = page.locator("#enti tbody tr").first.locator("td").nth(2).inner_text()
                values = sorted(
                    float(t.replace("%", "").replace(",", "."))
                    for t in page.locator("#enti tbody tr td:nth-child(4)").all_inner_texts()
                )
                assert float(first_asc.replace("%", "").replace(",", ".")) == values[0]
                assert float(first_desc.replace("%", "").replace(",", ".")) == values[-1]
                page.screenshot(path=str(tmp_path / f"indice-{label}.png"), full_page=True)
                # index → ente → person → back. A click does not wait for the page it opens, so each
                # step waits for the new page's load and asserts with expect(), which retries until the
                # page shows it (a bare count() right after the click raced the load on a busy machine).
                page.click("text=bs-esempio >> xpath=preceding-sibling::a")
                page.wait_for_url("**/enti/bs-esempio.html")
                expect(page.locator("#persone tbody tr a").first).to_be_visible()
                page.screenshot(path=str(tmp_path / f"ente-{label}.png"), full_page=True)
                page.locator("#persone tbody tr a").first.click()
                page.wait_for_url(re.compile(r".*/persone\.html#p-.+"))
                card = page.locator("section.card:target")
                expect(card).to_have_count(1)
                card.locator("summary").first.click()  # the explanation tree opens
                expect(card.locator("ul.tree li").first).to_be_visible()
                page.screenshot(path=str(tmp_path / f"persona-{label}.png"), full_page=True)
                page.go_back()
                page.wait_for_url("**/enti/bs-esempio.html")
                page.go_back()
                page.wait_for_url("**/index.html")
                expect(page.locator("#enti tbody tr")).to_have_count(3)
                # keyboard: the skip link is the first focusable element and leads to the content
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.className") == "skip"
                widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                assert widths[0] <= widths[1] + 1, f"{label}: la pagina scorre in orizzontale {widths}"
                page.close()
        finally:
            browser.close()
    assert errors == []
    for label in ("telefono", "desktop"):
        for name in ("indice", "ente", "persona"):
            assert (tmp_path / f"{name}-{label}.png").stat().st_size > 10_000


def test_demo_records_every_plugin_in_one_store_and_builds_the_portal(tmp_path, capsys):
    target = tmp_path / "demo"
    assert main(["demo", "--dir", str(target)]) == 0
    index = (target / "sito" / "index.html").read_text(encoding="utf-8")
    # regolamento's demo Comuni are 2024, brescia and comunita_montane's enti 2021, bergamo's 2020: the portal
    # shows the latest year
    assert 'href="enti/comune-soglie.html"' in index and 'href="enti/comune-livelli.html"' in index
    # the demo's other years are pages of the same portal, linked from every page (never out of reach)
    assert 'href="2020/index.html"' in index and 'href="2021/index.html"' in index
    capsys.readouterr()
    # the other year from the same store, with no cycle.toml
    out = tmp_path / "2020"
    assert main(["site", "--store", str(target / "ciclope.db"), "--year", "2020", "--out", str(out)]) == 0
    year_2021 = tmp_path / "2021"
    assert main(["site", "--store", str(target / "ciclope.db"), "--year", "2021", "--out", str(year_2021)]) == 0
    assert 'href="enti/cciaa-brescia.html"' in (year_2021 / "index.html").read_text(encoding="utf-8")
    assert 'href="enti/cciaa-bergamo.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert main(["demo", "--dir", str(target)]) == 0  # again: the demo's own portal is rebuilt


def test_demo_never_deletes_a_folder_called_sito_it_did_not_make(tmp_path, capsys):
    from ciclope.core.output import owned

    owned.claim_root(tmp_path / "demo", "demo")  # the demo's own folder, where the user made sito/
    mine = tmp_path / "demo" / "sito"
    mine.mkdir(parents=True)
    (mine / "appunti.txt").write_text("miei")
    main(["demo", "--dir", str(tmp_path / "demo")])
    assert (mine / "appunti.txt").read_text() == "miei" and not (mine / "index.html").exists()
    assert "non lo tocco" in capsys.readouterr().err


def test_site_from_each_backend(example, tmp_path, backend):
    """The same portal from SQLite and from the PostgreSQL server (skipped where none answers)."""
    folder = example("comunita_montane")
    assert main(["run", str(folder / "cycle.toml"), "--store", backend, "--jobs", "1"]) == 0
    out = tmp_path / "sito"
    assert main(["site", "--store", backend, "--out", str(out), "--jobs", "2"]) == 0
    assert 'href="enti/cm-esempio.html"' in (out / "index.html").read_text(encoding="utf-8")
    cards = (out / "enti" / "cm-esempio" / "persone.html").read_text(encoding="utf-8")
    assert cards.count('<section class="card"') == 12  # people.csv of the example: SEG and P1…P11


def test_the_portal_says_a_declared_regulation_s_own_words(tmp_path):
    """A declared regulation names its levels and statuses ([etichette]): the portal, built from the store, reads
    them from the regulation's file as the run read it, as the Relazione does (never the plugin's default words,
    never a level's bare code)."""
    import shutil

    from ciclope.plugins import regolamento

    demo = tmp_path / "demo"
    shutil.copytree(
        Path(regolamento.__file__).parent / "demo", demo, ignore=shutil.ignore_patterns("risultati", "out", "*.db*")
    )
    rules = demo / "smvp-livelli.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + 'A = "eccellente"\n', encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    assert main(["run", str(demo / "cycle.toml"), "--ente", "comune-livelli", "--store", url]) == 0
    assert main(["site", "--store", url, "--out", str(tmp_path / "sito")]) == 0
    ente = (tmp_path / "sito" / "enti" / "comune-livelli.html").read_text(encoding="utf-8")
    people = (tmp_path / "sito" / "enti" / "comune-livelli" / "persone.html").read_text(encoding="utf-8")
    # L9 (200 days absent) is excluded, in the words of [etichette]; L1 and L2 (98 and 95 points) are in level A
    assert "<dd>escluso per assenze oltre 150 giorni</dd>" in people
    assert "<dd>escluso per assenze</dd>" not in people
    assert people.count("<dd>eccellente</dd>") == 2 and "<dd>A</dd>" not in people
    assert ">eccellente<" in ente and ">A<" not in ente
