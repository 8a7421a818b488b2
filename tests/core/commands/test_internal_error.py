"""A defect that escapes a command (an IndexError of the merge of the evaluators' forms, say) reaches the office as
one Italian paragraph, never a traceback: the command stops with exit code 2, and the traceback goes to a file in
the system's temporary folder, which the message names. ``CICLOPE_TRACEBACK`` lets the exception through."""

from __future__ import annotations

import tempfile

import pytest

from ciclope.core.commands import cli

from helpers import ciclope


def broken(args):
    row: list[str] = []
    row[3] = "x"  # the shape of the defect: list assignment index out of range
    return 0


def test_a_defect_is_said_in_italian_and_its_traceback_kept_in_a_file(monkeypatch, tmp_path):
    monkeypatch.delenv("CICLOPE_TRACEBACK")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(cli, "command", lambda name: broken)
    done = ciclope("plugins")
    assert done.returncode == 2 and done.stdout == ""
    [written] = list(tmp_path.glob("ciclope-errore-*.txt"))
    assert done.stderr == (
        "ciclope: errore interno del programma, non dei tuoi dati: il comando si è fermato prima di finire; i "
        f"dettagli tecnici per chi mantiene ciclope sono in {written}: segnalalo allegando quel file.\n"
    )
    details = written.read_text(encoding="utf-8")
    assert details.startswith("ciclope ") and "\ncomando: ciclope plugins\n" in details
    assert "Traceback (most recent call last)" in details and "IndexError" in details
    assert "Traceback" not in done.stderr and "IndexError" not in done.stderr


def test_a_developer_gets_the_exception_itself(monkeypatch):
    monkeypatch.setenv("CICLOPE_TRACEBACK", "1")
    monkeypatch.setattr(cli, "command", lambda name: broken)
    with pytest.raises(IndexError):
        ciclope("plugins")
