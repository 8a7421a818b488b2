"""A defect of ciclope or of a plugin that escapes a command: said to the office in one Italian paragraph, its
traceback written to a file for whoever maintains the code, never printed (pytest's INTERNALERROR and pip's crash
report keep the same split: the user is told that it is the program's fault and where the details are).

An ente's own defect never gets here: the runner fails that ente alone and writes ``OUT/<ente>.errore.txt``. This
is the last guard of the commands that work on one file or folder (``raccolta unisci``, ``template``, ``site``…).
``CICLOPE_TRACEBACK=1`` lets the exception through, as the tests and a developer want it."""

from __future__ import annotations

import os
import tempfile
import traceback
from importlib.metadata import PackageNotFoundError, version

TRACEBACK = "CICLOPE_TRACEBACK"  # set (to anything but empty): the exception is raised, not reported


def wanted_raw() -> bool:
    """Whether the exception is to be raised as it is (``CICLOPE_TRACEBACK`` set), not reported."""
    return bool(os.environ.get(TRACEBACK))


def report(argv: list[str]) -> str:
    """Write the traceback of the exception being handled to a new file in the system's temporary folder and return
    what to tell the office: that the program, not the data, stopped the command, and where the details are."""
    try:
        release = version("ciclope-pa")
    except PackageNotFoundError:  # pragma: no cover - a source tree run without installing
        release = "?"
    details = f"ciclope {release}\ncomando: ciclope {' '.join(argv)}\n\n{traceback.format_exc()}"
    try:
        fd, path = tempfile.mkstemp(prefix="ciclope-errore-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(details)
        where = f"i dettagli tecnici per chi mantiene ciclope sono in {path}: segnalalo allegando quel file"
    except OSError:
        where = "i dettagli tecnici non si sono potuti scrivere nella cartella temporanea del sistema"
    # the exception's own words are the interpreter's English: they go to the file, never to the office
    return (
        f"ciclope: errore interno del programma, non dei tuoi dati: il comando si è fermato prima di finire; {where}."
    )
