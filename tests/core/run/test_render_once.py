"""A run that records renders each Relazione once, with its archive section, before publishing it.

The page's head (up to the archive section's heading) and its tail (from the section's end) are rendered by
their own parts of the template into the page's one file while the ente is computed (``html.write_open``, which
gives where the section goes); ``html.close_open`` puts the section there once the store has every ente. The finished page is the page ``write_report`` writes
whole, with the section's body in place of the placeholder, byte for byte, and no marker in it.
"""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

from ciclope.core.commands.cli import main
from ciclope.core.inputs.config import load_config
from ciclope.core.output.outroot import check_sums
from ciclope.core.reports import close_relazioni, html, public, write_reports
from ciclope.core.reports.relazione import build
from ciclope.core.run import runner


def _result():
    plan = load_config(EXAMPLES / "brescia" / "cycle.toml")
    return runner.compute(plan.enti[0], plan.year)


def test_a_page_left_open_and_closed_is_the_page_written_whole(tmp_path):
    result = _result()
    report = build(result)
    whole, opened, filled = tmp_path / "whole.html", tmp_path / "open.html", tmp_path / "filled.html"
    html.write_report(report, whole)
    head, tail = html.edges(report)
    for path in (opened, filled):
        cut = html.write_open(report, path)
        assert path.read_text(encoding="utf-8") == head + tail  # one file, the section's body left out
        assert cut == len(head.encode("utf-8"))  # in bytes: the page has accented letters before the section
        assert len(head.encode("utf-8")) > len(head)
        assert head.endswith("<h2>Andamento negli anni e posizionamento comparativo</h2>\n")  # stopped at the heading
        assert tail.startswith("\n</section>\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filled.html", "open.html", "whole.html"]  # no other file
    html.close_open(opened, cut, None)  # no store: the placeholder, as rendered
    assert opened.read_bytes() == whole.read_bytes()
    html.close_open(filled, cut, "<p>andamento</p>")
    # the section's body stands where the placeholder stood, and nothing else changes
    placeholder = '<p class="empty">' + html.escaped(html.NO_ARCHIVE) + "</p>"
    assert whole.read_text(encoding="utf-8").count(placeholder) == 1
    assert filled.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8").replace(
        placeholder, "<p>andamento</p>"
    )
    assert "<!--" not in filled.read_text(encoding="utf-8")  # no marker left in a published page


def test_write_reports_left_open_then_closed_gives_the_documents_of_one_pass(tmp_path):
    result = _result()
    names = ("relazione.html", "relazione-pubblica.html", "trasparenza.csv")
    once, staged = tmp_path / "once", tmp_path / "staged"
    once.mkdir()
    staged.mkdir()
    assert write_reports(result, once, names) == {}  # nothing left open
    cuts = write_reports(result, staged, names, open_archive=True)
    assert sorted(cuts) == ["relazione-pubblica.html", "relazione.html"]
    assert sorted(p.name for p in staged.iterdir()) == sorted(names)  # a file per document, nothing beside
    close_relazioni(staged, cuts, None, pdf=False)
    assert sorted(p.name for p in staged.iterdir()) == sorted(names)
    for name in names:
        assert (staged / name).read_bytes() == (once / name).read_bytes(), name
    assert (staged / "relazione-pubblica.html").read_text(encoding="utf-8") == public.render(result)


def test_a_run_with_the_store_publishes_finished_folders(tmp_path):
    """The published Relazione has its archive section, no staging folder nor page's rest is left, and
    SHA256SUMS (written once, after the section) describes the folder as it is."""
    config = EXAMPLES / "brescia" / "cycle.toml"
    out = tmp_path / "out"
    url = f"sqlite:///{tmp_path / 'store.db'}"
    main(["run", str(config), "--out", str(out), "--store", url])
    ente = load_config(config).enti[0].id
    folder = out / ente
    page = (folder / "relazione.html").read_text(encoding="utf-8")
    assert "Andamento negli anni" in page and "archivio dei risultati non è in uso" not in page
    assert not [p.name for p in out.iterdir() if p.name.startswith(runner.TMP)]  # no staging folder left
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]  # nor a hidden file
    # SHA256SUMS describes the published files as they are
    assert main(["verify", str(folder), "--store", url]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in summary["enti"]] == [ente]


@pytest.mark.slow  # process pools
def test_a_publishing_worker_without_the_store_publishes_with_the_placeholder(tmp_path, monkeypatch):
    """With --jobs the publication is shared among processes, each opening the store: one that cannot
    open it still publishes its enti, their Relazioni with the placeholder, and the run says so."""
    from ciclope.core.commands.synth import synth
    from ciclope.core.reports.relazione.annexes import NO_ARCHIVE
    from ciclope.core.run import archive

    def refused(url):
        raise OSError("archivio irraggiungibile")

    monkeypatch.setattr(archive, "open_store", refused)  # the workers' opening only: the run's is runlog's
    config = synth(tmp_path / "s", enti=6, people=20, seed=5)
    out = tmp_path / "out"
    code = main(["run", str(config), "--out", str(out), "--store", f"sqlite:///{tmp_path / 'store.db'}", "--jobs", "2"])
    assert code == 1  # the store could not give every section: the run says so
    folders = sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert len(folders) == 6
    for folder in folders:
        assert html.escaped(NO_ARCHIVE) in (folder / "relazione.html").read_text(encoding="utf-8")
        assert check_sums(folder) == []  # SHA256SUMS describes the folder as published
