"""The publishable Relazione (issue 14): relazione-pubblica.html (and .pdf) of every demo and public example
hold no name and no person id from the people's file; the PDF is A4 and renders to PNG pages."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.engine.registry import available_plugins, load_plugin
from ciclope.core.reports.fmt import ROLE_LABELS
from ciclope.core.reports.public import chromium

from helpers import data_rows

EXAMPLES = [("brescia", "bs-esempio"), ("bergamo", "bg-esempio"), ("comunita_montane", "cm-esempio")]
ROLE_WORDS = {w for label in ROLE_LABELS.values() for w in label.split()}


def personal_tokens(data: Path) -> set[str]:
    """Every person id and name (a name that is only a role word, such as "Segretario", is not personal)."""
    out = set()
    table = next(f for f in (data / "persone.csv", data / "people.csv") if f.is_file())  # demos / examples
    for p in data_rows(table):
        out.add(p["id"])
        if p.get("name") and not set(p["name"].split()) <= ROLE_WORDS:
            out.add(p["name"])
    return out


def leaks(text: str, tokens: set[str]) -> list[str]:
    plain = re.sub(r"<[^>]+>", " ", text)
    return sorted(t for t in tokens if re.search(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", plain))


@pytest.mark.parametrize("name, ente", EXAMPLES)
def test_the_public_relazione_of_each_example_has_no_personal_data(example, tmp_path, name, ente):
    folder = example(name)
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out")])
    text = (tmp_path / "out" / ente / "relazione-pubblica.html").read_text(encoding="utf-8")
    assert leaks(text, personal_tokens(folder / ente)) == []
    internal = (tmp_path / "out" / ente / "relazione.html").read_text(encoding="utf-8")
    assert leaks(internal, personal_tokens(folder / ente)), "the internal Relazione names people: the check can fail"
    # the acts are said once: a heading «Regolamento», then «Atti applicati:» and the list (not the words twice)
    assert len(re.findall(r"Atti applicati", re.sub(r"<[^>]+>", " ", text))) == 1
    # the control of confidentiality is said in full once, under the people per level; the premiums' table points
    # back to it (a paragraph of six lines twice on one page)
    assert text.count("Controllo della riservatezza (D.Lgs. 33/2013 art. 20, dati in forma aggregata)") == 1
    assert text.count("Controllo della riservatezza: lo stesso delle persone per livello") == 1
    # a level merged with the next one has no count of its own: the count published is each row's
    assert "il numero delle persone di ogni riga (un livello, o i livelli che unisce) sono sempre pubblicati" in text


@pytest.mark.parametrize("plugin", sorted(available_plugins()))
def test_the_public_relazione_of_each_demo_has_no_personal_data(tmp_path, plugin):
    demo = load_plugin(plugin)[1].demo
    if demo is None:
        pytest.skip("no demo")
    dest = tmp_path / plugin
    shutil.copytree(demo, dest, ignore=shutil.ignore_patterns("risultati", "out", "__pycache__"))
    main(["run", str(dest / "cycle.toml"), "--out", str(tmp_path / "out")])
    for page in (tmp_path / "out").glob("*/relazione-pubblica.html"):
        data = next(p for p in dest.iterdir() if (p / "persone.csv").is_file())  # the demo's one ente
        assert leaks(page.read_text(encoding="utf-8"), personal_tokens(data)) == []


@pytest.mark.slow
@pytest.mark.parametrize("name, ente", EXAMPLES)
def test_the_public_pdf_is_a4_renders_and_has_no_personal_data(example, tmp_path, name, ente):
    if chromium() is None or shutil.which("pdftoppm") is None:
        pytest.skip("Chromium and poppler-utils are needed (Debian packages chromium, poppler-utils)")
    folder = example(name)
    assert main(
        ["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out"), "--outputs", "results,pubblica,pdf"]
    ) in (0, 1)
    pdf = tmp_path / "out" / ente / "relazione-pubblica.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    (first,) = tmp_path.glob("p-*1.png")  # pdftoppm pads the page number to the page count's digits
    assert first.stat().st_size > 2000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Relazione sulla performance" in text
    assert leaks(text, personal_tokens(folder / ente)) == []
