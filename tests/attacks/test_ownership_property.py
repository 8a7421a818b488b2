"""Property: whatever user files, symbolic links (to files, to folders, dangling) and ``.git`` folders sit
beside or inside a command's target, no writing command changes any of them, nor what a link points to,
nor creates what a dangling link names; and no input changes."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ciclope.core.commands.cli import main

from helpers import two_enti

# names ciclope itself writes, or that a user could have there
NAMES = [
    "summary.json",
    "index.html",
    "benchmark.html",
    ".ciclope-out",
    ".ciclope-lock",
    ".ciclope-running",
    ".summary.json.tmp",
    "SHA256SUMS",
    "results.json",
    "buono",
    "static",
    "enti",
    "compare.html",
    "compare.json",
    "cal.ics",
    "dati.xlsx",
    "ente.toml",
    "cycle.toml",
    "ciclope.db",
    "ciclope-prova",
    "note-personali.txt",
]
KINDS = ["file", "link", "dirlink", "dangling", "git", "folder"]
# (where, kind, name, pick): with a prior run, ``pick`` chooses among the names the command wrote
PLANT = st.tuples(
    st.sampled_from(["inside", "beside"]), st.sampled_from(KINDS), st.sampled_from(NAMES), st.integers(0, 50)
)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    """Inputs and a recorded run, shared by every example (never written by them: checked)."""
    root = tmp_path_factory.mktemp("mondo")
    cfg = two_enti(root)
    assert main(["run", str(cfg), "--ente", "buono"]) == 0
    (root / "scenario.toml").write_text('[funds]\nperformance_individuale = "2000.00"\n')
    return root


def _command(name: str, world: Path, target: Path) -> list[str]:
    """The command line writing into (or at) ``target``; the target folder is ``target`` or its parent."""
    cfg = str(world / "cycle.toml")
    return {
        "run": ["run", cfg, "--ente", "buono", "--out", str(target), "--no-store"],
        "site": ["site", "--store", str(world / "ciclope.db"), "--out", str(target)],
        "site-public": ["site", "--store", str(world / "ciclope.db"), "--out", str(target), "--public"],
        "compare": [
            "compare",
            cfg,
            "--ente",
            "buono",
            "--scenario",
            f"s={world / 'scenario.toml'}",
            "--out",
            str(target),
        ],
        "calendar": ["calendar", cfg, "--ente", "buono", "--ics", str(target / "cal.ics")],
        "template": ["template", "comunita_montane", str(target / "dati.xlsx")],
        "synth": ["synth", str(target), "--enti", "1", "--people", "10"],
        "new-plugin": ["new-plugin", "prova"],
        "report": ["report", str(target), "--outputs", "relazione"],
        "demo": ["demo", "--dir", str(target)],
    }[name]


def _plant(where: Path, kind: str, name: str, victims: Path, n: int) -> None:
    path = where / name
    if os.path.lexists(path):
        return
    if kind == "file":
        path.write_text(f"del utente {n}\n")
    elif kind == "folder":
        path.mkdir()
        (path / "mio.txt").write_text(f"mio {n}\n")
    elif kind == "git":
        path.mkdir()
        (path / ".git").mkdir()
        (path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    elif kind == "link":
        victim = victims / f"vittima-{n}.txt"
        victim.write_text(f"bersaglio {n}\n")
        path.symlink_to(victim)
    elif kind == "dirlink":
        folder = victims / f"cartella-{n}"
        folder.mkdir()
        (folder / "dentro.txt").write_text(f"dentro {n}\n")
        path.symlink_to(folder, target_is_directory=True)
    else:
        path.symlink_to(victims / f"inesistente-{n}")


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def _check(command: str, world: Path, plants: list[tuple[str, str, str, int]], prior: bool) -> None:
    """``prior``: the command ran once before the planting, so the target is its own root and the links
    and files are planted among its outputs (a name it wrote is replaced by the plant)."""
    work = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        victims, site = work / "vittime", work / "w"
        victims.mkdir()
        site.mkdir()
        target = site / "T"
        own: set[Path] = set()
        if command == "report":  # an ente folder as run left it: its files are the command's to rewrite
            shutil.copytree(world / "out" / "buono", target)
        if command in ("calendar", "template", "new-plugin") or any(p[0] == "inside" for p in plants):
            target.mkdir(exist_ok=True)
        if prior and command in REPEATABLE:
            with _inside(target if command == "new-plugin" else site):
                assert main(_command(command, world, target)) in (0, 1)
        if target.is_dir():
            own = set(target.iterdir())
        # the outputs, not the marker nor the lock: a replaced marker makes the folder the user's (refused)
        names = sorted(p.name for p in own if not p.name.startswith(".ciclope-"))
        for n, (where, kind, name, pick) in enumerate(plants):
            into = target if where == "inside" else site
            if into == target and prior and names and pick % 2 == 0:
                name = names[pick % len(names)]  # a name the command wrote, replaced by what the user plants
                if os.path.lexists(target / name):
                    _remove(target / name)
            _plant(into, kind, name, victims, n)
        inside = target.iterdir() if target.is_dir() else ()
        planted = [p for p in (*site.iterdir(), *inside) if p != target and p not in own]
        before = snapshot(world / "buono", world / "rotto", world / "cycle.toml", victims, *planted)
        with _inside(target if command == "new-plugin" else site):
            code = main(_command(command, world, target))
        assert code in (0, 1, 2)
        assert snapshot(world / "buono", world / "rotto", world / "cycle.toml", victims, *planted) == before
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


COMMANDS = ["run", "site", "site-public", "compare", "calendar", "template", "synth", "new-plugin", "report", "demo"]
REPEATABLE = {"run", "site", "site-public", "compare", "calendar", "demo"}  # they rewrite their own outputs


@pytest.mark.parametrize("command", COMMANDS)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plants=st.lists(PLANT, min_size=1, max_size=5), prior=st.booleans())
def test_no_command_changes_what_is_not_its_own(world, command, plants, prior):
    _check(command, world, plants, prior)


def test_demo_never_opens_its_store_through_a_link(tmp_path, capsys):
    """Found by the property above: after a first demo, its ciclope.db replaced by a dangling link made the
    next demo create a SQLite database (and its -wal, -shm) where the link pointed."""
    demo = tmp_path / "demo"
    assert main(["demo", "--dir", str(demo)]) in (0, 1)
    (demo / "ciclope.db").unlink()
    victim = tmp_path / "altrove" / "inesistente"
    victim.parent.mkdir()
    (demo / "ciclope.db").symlink_to(victim)
    capsys.readouterr()
    assert main(["demo", "--dir", str(demo)]) == 2
    assert "collegamento simbolico" in capsys.readouterr().err
    assert sorted(victim.parent.iterdir()) == []
