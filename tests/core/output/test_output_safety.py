"""Never destroy the user's data (issue 19, items 1–6): each reproduction of the red-team report is a test.

Every test hashes the input tree before and after the command and asserts it did not change.
"""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.output import outroot
from ciclope.core.testing import write_ente

from helpers import files, two_enti


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_1_an_ente_named_as_its_data_folder_with_out_dot_is_refused(tmp_path, capsys):
    """The input folder would have been renamed to .old, deleted and replaced by outputs."""
    write_ente(tmp_path / "buono", files())
    (tmp_path / "cycle.toml").write_text(
        '[cycle]\nyear = 2021\noutput = "."\n[[ente]]\nid = "buono"\nplugin = "comunita_montane"\ndata = "buono"\n'
    )
    before = tree_hash(tmp_path)
    assert main(["run", str(tmp_path / "cycle.toml")]) == 2
    assert main(["run", str(tmp_path / "cycle.toml"), "--out", str(tmp_path)]) == 2
    assert tree_hash(tmp_path) == before
    err = capsys.readouterr().err
    assert "non è una cartella di output di ciclope" in err and "Traceback" not in err


def test_1b_an_output_folder_inside_the_data_folder_is_refused(tmp_path, capsys):
    cfg = two_enti(tmp_path)
    before = tree_hash(tmp_path)
    assert main(["run", str(cfg), "--ente", "buono", "--out", str(tmp_path / "buono" / "out")]) == 2
    assert tree_hash(tmp_path) == before
    assert "cartella dei dati" in capsys.readouterr().err


def test_2_demo_never_deletes_a_users_folder(tmp_path, capsys):
    mine = tmp_path / "brescia"
    mine.mkdir()
    (mine / "miei-dati.csv").write_text("importante\n")
    assert main(["demo", "--dir", str(tmp_path)]) == 2  # a folder ciclope did not make: not adopted
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brescia"]
    assert "non è una cartella di output di ciclope" in capsys.readouterr().err
    demo = tmp_path / "demo"
    assert main(["demo", "--dir", str(demo)]) == 0
    shutil.rmtree(demo / "brescia")  # the demo's own brescia/ replaced by the user's
    shutil.copytree(mine, demo / "brescia")
    assert main(["demo", "--dir", str(demo)]) == 2
    assert (demo / "brescia" / "miei-dati.csv").read_text() == "importante\n"
    assert "non la cancello" in capsys.readouterr().err
    # a demo folder ciclope made itself is recreated as before
    assert (demo / "bergamo" / ".ciclope-demo").is_file() and (demo / "bergamo" / "risultati").is_dir()


def test_2b_demo_into_a_file_is_a_command_line_error(tmp_path, capsys):
    target = tmp_path / "un-file"
    target.write_text("x")
    assert main(["demo", "--dir", str(target)]) == 2
    assert target.read_text() == "x" and "Traceback" not in capsys.readouterr().err


def test_3_a_second_run_on_the_same_output_waits_its_turn(tmp_path, capsys):
    cfg = two_enti(tmp_path)
    out = tmp_path / "out"
    outroot.claim(out)
    with outroot.locked(out):  # another run is writing
        assert main(["run", str(cfg), "--ente", "buono"]) == 2
    assert "un'altra esecuzione" in capsys.readouterr().err
    assert not (out / "buono").exists()
    assert main(["run", str(cfg), "--ente", "buono"]) == 0  # the lock is released with the first run


def test_4_a_failed_rerun_marks_the_previous_folder_stale(tmp_path):
    cfg = two_enti(tmp_path)
    assert main(["run", str(cfg), "--ente", "buono"]) == 0
    (tmp_path / "buono" / "people.csv").write_text("id,name\n")  # now it cannot be loaded
    assert main(["run", str(cfg), "--ente", "buono"]) == 1
    entry = {e["id"]: e for e in json.loads((tmp_path / "out" / "summary.json").read_text())["enti"]}["buono"]
    assert entry["status"] == "failed" and entry["stale"] is True and "NON è aggiornata" in entry["reason"]


def test_4b_summary_merges_and_until_writes_apart(tmp_path):
    cfg = two_enti(tmp_path)
    main(["run", str(cfg)])
    year_end = (tmp_path / "out" / "buono" / "results.json").read_bytes()
    main(["run", str(cfg), "--ente", "buono"])  # --ente X keeps the other enti
    ids = [e["id"] for e in json.loads((tmp_path / "out" / "summary.json").read_text())["enti"]]
    assert sorted(ids) == ["buono", "rotto"]
    assert main(["run", str(cfg), "--ente", "buono", "--until", "monitoraggio"]) == 0
    assert (tmp_path / "out" / "buono" / "results.json").read_bytes() == year_end
    doc = json.loads((tmp_path / "out" / "monitoraggio" / "buono" / "results.json").read_text())
    assert doc["until"] == "monitoraggio"


def test_5_a_file_at_the_ente_folder_is_an_error_not_renamed(tmp_path, capsys):
    cfg = two_enti(tmp_path)
    out = tmp_path / "out"
    outroot.claim(out)
    (out / "buono").write_text("un file dell'utente")
    assert main(["run", str(cfg), "--ente", "buono"]) == 1
    assert (out / "buono").read_text() == "un file dell'utente"
    assert not any(p.name.startswith(".buono") for p in out.iterdir())


def test_5b_synth_never_overwrites_a_cycle_toml(tmp_path, capsys):
    (tmp_path / "cycle.toml").write_text("# mio\n")
    assert main(["synth", str(tmp_path), "--enti", "1", "--people", "10"]) == 2
    assert (tmp_path / "cycle.toml").read_text() == "# mio\n"


def test_6_verify_notices_an_edited_output(tmp_path, capsys):
    cfg = two_enti(tmp_path)
    main(["run", str(cfg), "--ente", "buono"])
    folder = tmp_path / "out" / "buono"
    assert main(["verify", str(folder)]) == 0
    capsys.readouterr()
    with open(folder / "trasparenza.csv", "a", encoding="utf-8") as fh:
        fh.write("riga aggiunta a mano\n")
    assert main(["verify", str(folder)]) == 1
    assert "output modificato dopo l'esecuzione: trasparenza.csv" in capsys.readouterr().out


def test_outputs_follow_the_umask(tmp_path):
    cfg = two_enti(tmp_path)
    main(["run", str(cfg), "--ente", "buono"])
    assert (tmp_path / "out" / "buono").stat().st_mode & 0o777 == 0o777 & ~current_umask()


def current_umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_sums_after_a_refresh_rehash_only_the_files_rewritten(tmp_path):
    """Issue 18: after the run, the Relazioni get their archive section and SHA256SUMS is written again
    hashing only them; the file is the one hashing every output gives. A file changed without being named
    keeps its recorded digest (so `verify` still notices it), also when a new file joins the folder (a
    document added by `ciclope report`): only the new file is hashed."""
    folder = tmp_path / "ente"
    folder.mkdir()
    for name, text in (("a.txt", "uno"), ("b.html", "due"), ("c.csv", "tre")):
        (folder / name).write_text(text, encoding="utf-8")
    outroot.write_sums(folder)

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    refreshed = "due, con l'andamento"
    (folder / "b.html").write_text(refreshed, encoding="utf-8")
    outroot.write_sums(folder, ["b.html"])
    expected = f"{sha('uno')}  a.txt\n{sha(refreshed)}  b.html\n{sha('tre')}  c.csv\n"
    assert (folder / "SHA256SUMS").read_text(encoding="utf-8") == expected
    assert outroot.check_sums(folder) == []
    # c.csv edited but not named: its recorded digest stays, and the edit is still found
    (folder / "c.csv").write_text("tre, ritoccato", encoding="utf-8")
    outroot.write_sums(folder, ["b.html"])
    assert (folder / "SHA256SUMS").read_text(encoding="utf-8") == expected
    assert outroot.check_sums(folder) == ["output modificato dopo l'esecuzione: c.csv"]
    # a file the record does not know is hashed; c.csv keeps the digest recorded before its edit
    (folder / "d.pdf").write_text("quattro", encoding="utf-8")
    outroot.write_sums(folder, ["b.html"])
    assert (folder / "SHA256SUMS").read_text(encoding="utf-8") == (
        f"{sha('uno')}  a.txt\n{sha(refreshed)}  b.html\n{sha('tre')}  c.csv\n{sha('quattro')}  d.pdf\n"
    )
    assert outroot.check_sums(folder) == ["output modificato dopo l'esecuzione: c.csv"]


@pytest.mark.parametrize(
    "old, new",
    [
        (b"", b"abc"),  # an empty file grows
        (b"abcdef", b"xyz"),  # a file written over with less: cut to the new length
        (b"abc", b"uvwxyz"),  # ...with more
        (b"same", b"same"),
        (b"something", b""),  # nothing left
        (None, b"new file\n"),  # no file yet
    ],
)
def test_write_over_leaves_the_bytes_write_bytes_leaves(tmp_path, old, new):
    """Issue 18: SHA256SUMS is written over in place (no truncation to zero first); the file holds exactly
    what ``Path.write_bytes`` would leave, whatever it held before."""
    path, reference = tmp_path / "over", tmp_path / "reference"
    if old is not None:
        path.write_bytes(old)
        reference.write_bytes(old)
    outroot.write_over(path, new)
    reference.write_bytes(new)
    assert path.read_bytes() == reference.read_bytes() == new
