"""The Relazione's own words: relazione/*.md read, placed in the guidelines' order, rendered safe."""

from __future__ import annotations

import json
import re

from ciclope.core.commands.cli import main
from ciclope.core.commands.template import narrative_text
from ciclope.core.inputs.narrative import PARTS, key_of, published, read
from ciclope.core.reports.markdown import render


def _write(folder, name: str, text: str | bytes) -> None:
    where = folder / "relazione"
    where.mkdir(exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    (where / name).write_bytes(data)


def _ids(html: str) -> list[str]:
    return re.findall(r'<section class="scheda[^"]*" id="([^"]+)"', html)


def test_file_names_are_read_without_case_accents_or_dashes():
    assert key_of("Pari-opportunità") == "pari_opportunita"
    assert key_of("CONTESTO") == "contesto"
    assert key_of("bilancio di genere") == "pari_opportunita"  # an alias
    assert key_of("Risorse, efficienza ed economicità") == "risorse"


def test_notes_and_a_lone_title_are_not_published():
    assert published("# Titolo\n<!-- guida\nsu due righe -->\n\n") == ""
    assert published("<!-- guida -->\nTesto.") == "Testo."
    assert published("# Titolo\n\nTesto.") == "# Titolo\n\nTesto."
    # the template's own file, left as written, adds no section
    assert all(published(narrative_text(p)) == "" for p in PARTS)


def test_an_unknown_name_warns_in_italian_with_the_nearest_name(tmp_path):
    _write(tmp_path, "contesti.md", "Testo.")
    _write(tmp_path, "risorse.md", "Le risorse.")
    _write(tmp_path, "processo.md", "Fasi".encode("latin-1") + b"\xe0")  # «Fasià» in Latin-1, not UTF-8
    found = read(tmp_path)
    assert found.texts == {"risorse": "Le risorse."}
    assert list(found.files) == ["relazione/risorse.md"]
    unknown, latin = sorted(found.problems, key=lambda p: p.file)
    assert unknown.file == "relazione/contesti.md" and unknown.severity == "warning"
    assert unknown.message.startswith(
        "parte della Relazione sconosciuta (forse contesto.md?): il file non è pubblicato"
    )
    assert "nomi ammessi: presentazione.md, contesto.md" in unknown.message
    assert latin.file == "relazione/processo.md"
    assert latin.message == "non è in UTF-8: salvalo come «Testo (UTF-8)» e riesegui"


def test_markdown_is_rendered_escaped_and_safe():
    text = (
        "# Il nostro anno\n\n"
        "Testo <script>alert(1)</script> e <b onclick=x>grassetto</b>, **vero**.\n\n"
        "## Dettaglio\n\n"
        "[cattivo](javascript:alert(1)) [dati](data:text/html,x) [sito](https://comune.example.it) "
        "![foto <i>](https://tracker.example/p.png)\n"
    )
    out = render(text)
    assert out.title == "Il nostro anno"
    assert "<script" not in out.html and "<b " not in out.html and "onclick=x>" not in out.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out.html and "<strong>vero</strong>" in out.html
    assert "<h4>Dettaglio</h4>" in out.html  # ## under the section's <h2>: two levels down
    assert "javascript:" not in out.html.replace("[cattivo](javascript:alert(1))", "")  # shown as text, no link
    assert 'href="data:' not in out.html and '<a href="https://comune.example.it">sito</a>' in out.html
    assert "<img" not in out.html and "foto &lt;i&gt;" in out.html  # an image is its alternative text


def test_parts_sit_in_the_guidelines_order_in_both_relazioni(example, tmp_path):
    folder = example("brescia")
    ente = folder / "bs-esempio"
    _write(ente, "processo.md", "<!-- guida -->\nLa Giunta ha approvato il 30/4.")
    _write(ente, "Pari-Opportunità.md", "# Genere e pari opportunità\n\nDonne 60%, uomini 40%.")
    _write(ente, "presentazione.md", "Presentiamo <script>x</script> l'anno.")
    _write(ente, "contesto.md", "# Contesto\n<!-- solo la guida -->\n")  # nothing to publish: no section
    assert main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"]) == 0
    out = tmp_path / "o" / "bs-esempio"
    for name in ("relazione.html", "relazione-pubblica.html"):
        html = (out / name).read_text(encoding="utf-8")
        ids = _ids(html)
        assert ids[0] == "presentazione" and ids[1] == "sintesi" and "contesto" not in ids
        # the office's resources, gender and drafting parts follow the objectives and precede the annexes
        assert ids.index("andamento") < ids.index("pari_opportunita") < ids.index("processo") < ids.index("calendario")
        assert '<a href="#pari_opportunita">Genere e pari opportunità</a>' in html  # the file's own title
        assert "<p>Presentiamo &lt;script&gt;x&lt;/script&gt; l'anno.</p>" in html
        assert "<script>x" not in html and "La Giunta ha approvato il 30/4." in html
    inputs = json.loads((out / "results.json").read_text(encoding="utf-8"))["audit"]["inputs"]
    assert {"relazione/processo.md", "relazione/Pari-Opportunità.md", "relazione/contesto.md"} <= set(inputs)


def test_the_monitoring_report_has_no_narrative_parts(example, tmp_path):
    folder = example("brescia")
    _write(folder / "bs-esempio", "presentazione.md", "Presentiamo l'anno.")
    cmd = ["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store", "--until", "monitoraggio"]
    assert main(cmd) == 0
    html = (tmp_path / "o" / "monitoraggio" / "bs-esempio" / "relazione.html").read_text(encoding="utf-8")
    assert "sintesi" in _ids(html) and "presentazione" not in _ids(html) and "Presentiamo" not in html


def test_verify_follows_the_parts_as_inputs(example, tmp_path, capsys):
    """A part is an input like ente.toml: verify passes as run, and names the part once it is edited."""
    folder = example("brescia")
    _write(folder / "bs-esempio", "presentazione.md", "Presentiamo l'anno.")
    assert main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"]) == 0
    assert main(["verify", str(tmp_path / "o" / "bs-esempio")]) == 0
    _write(folder / "bs-esempio", "presentazione.md", "Presentiamo un altro anno.")
    capsys.readouterr()
    assert main(["verify", str(tmp_path / "o" / "bs-esempio")]) != 0
    said = capsys.readouterr()
    assert "file di input modificato dopo l'esecuzione: relazione/presentazione.md" in said.out + said.err
