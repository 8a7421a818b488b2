"""What the operating system said, in the office's words: the common causes named in Italian, any other kept with
its number and the system's own text."""

from __future__ import annotations

import errno

from ciclope.core.commands.cli import main
from ciclope.core.syserrors import said


def test_the_common_causes_are_said_in_italian():
    assert said(FileNotFoundError(errno.ENOENT, "No such file or directory", "x")) == "il file o la cartella non esiste"
    assert said(PermissionError(errno.EACCES, "Permission denied")) == "permesso negato"
    assert said(OSError(errno.ENOSPC, "No space left on device")) == "spazio esaurito sul disco"


def test_another_cause_keeps_its_number_and_the_system_s_text():
    assert said(OSError(errno.EPROTO, "Protocol error")) == f"errore del sistema n. {errno.EPROTO} (Protocol error)"
    assert said(OSError("senza numero")) == "errore del sistema (senza numero)"


def test_a_command_says_a_missing_folder_in_italian(tmp_path, capsys):
    target = tmp_path / "manca" / "modello.xlsx"  # its folder does not exist
    assert main(["template", "regolamento", str(target)]) != 0
    err = capsys.readouterr().err
    assert err == f"ciclope: errore del sistema ({target}): il file o la cartella non esiste\n"
