"""An ente's outputs written into a hidden folder beside ``OUT/<id>/``, then published in one step.

:func:`stage_outputs` writes the folder; :func:`publish` finishes the Relazioni left open at their archive
section (a run that records: core/run/archive.py), writes ``SHA256SUMS`` and moves the folder into place.
An interrupted run leaves the previous complete folder or none, never a partial one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs

from ciclope.core.output import outroot, owned, results
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import (
    FUND_DOCUMENTS,
    OUTPUTS,
    close_relazioni,
    documents,
    staged_fund,
    write_fund,
    write_reports,
)
from ciclope.core.result import Result
from ciclope.core.run import forked

TMP, OLD = ".ciclope-tmp.", ".ciclope-old."  # the prefixes of the hidden folders of a publication


def write_outputs(
    result: Result,
    out: Path,
    outputs: tuple[str, ...] | None = None,
    document: bytes | None = None,
    spare: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> Path:
    """Write the outputs of one ente into ``out/<id>/`` atomically (:func:`stage_outputs`, then
    :func:`publish`): the Relazioni with the placeholder of the archive section (no store)."""
    staged = stage_outputs(result, out, outputs, document, spare, meanwhile)
    publish(staged, None)
    return staged.final


@attrs.frozen
class Staged:
    """An ente's outputs written into ``folder`` (hidden, beside ``final``) and not yet published: with
    ``open_archive`` its Relazioni wait there for the archive section (:func:`publish` finishes them)."""

    folder: Path
    final: Path
    pdf: bool = False  # relazione-pubblica.pdf still to print, from the finished public Relazione
    open_archive: bool = False
    cuts: tuple[tuple[str, int], ...] = ()  # each Relazione left open, and where its archive section goes
    # the relazione tecnico-finanziaria's files still to write: its Modulo III compares with the previous year's
    # fund in the results store (an ente with a fund, in a run that records)
    fund: tuple[str, ...] = ()


def stage_outputs(
    result: Result,
    out: Path,
    outputs: tuple[str, ...] | None = None,
    document: bytes | None = None,
    spare: bool = False,
    meanwhile: Callable[[], object] | None = None,
    open_archive: bool = False,
) -> Staged:
    """Write results.json and the documents named in ``outputs`` (default all; the others can be rendered
    later with ``ciclope report``) into a new hidden folder beside ``out/<id>/``. With ``spare`` (a process
    of ``--jobs`` that no ente needs) a forked copy writes ``schede.xlsx`` meanwhile (:mod:`.forked`).
    ``meanwhile`` (the store's record) runs after the documents, while the copy is still writing, if there
    is one. ``document``: the bytes of results.json when the caller has them already
    (:func:`results.dumps_bytes`), written as they are. ``open_archive``: the Relazioni are left open at
    their archive section and the PDF waits (a run with a store: the section needs every ente recorded).
    If anything fails the folder is removed and nothing is published."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP}{result.ente.id}.", dir=out))
    names = documents(result, OUTPUTS if outputs is None else outputs)
    child = None
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # like any folder the user creates (mkdtemp makes it 0700)
        if spare and "schede.xlsx" in names:
            from ciclope.core.reports import xlsx  # only for a run that writes schede.xlsx (test_outputs_on_demand)

            child = forked.start(lambda: xlsx.write(result, tmp / "schede.xlsx"))
            if child is not None:
                names = tuple(n for n in names if n != "schede.xlsx")
        (tmp / "results.json").write_bytes(results.dumps_bytes(result) if document is None else document)
        cuts = write_reports(result, tmp, names, open_archive)
        if meanwhile is not None:
            meanwhile()
        if child is not None:
            child.wait()
    except BaseException:
        if child is not None:
            child.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pdf = open_archive and "relazione-pubblica.pdf" in names
    fund = tuple(n for n in names if n in FUND_DOCUMENTS) if open_archive and result.fund is not None else ()
    return Staged(tmp, out / result.ente.id, pdf, open_archive, tuple(cuts.items()), fund)


def publish(staged: Staged, archive: str | None, previous: dict | None = None) -> None:
    """Finish the Relazioni left open with ``archive`` as their archive section (None: the placeholder),
    print the PDF if it waits, write the relazione tecnico-finanziaria that waits (``previous``: the previous
    year's fund from the store), write ``SHA256SUMS`` (so ``ciclope verify`` notices an output edited
    afterwards) and move the folder into place in one step. Every file is written once: an interrupted
    run leaves the previous complete folder or none. If anything fails the staged folder is removed."""
    try:
        if staged.open_archive:
            close_relazioni(staged.folder, dict(staged.cuts), archive, staged.pdf)
        found = staged_fund(staged.folder) if staged.fund else None
        if found is not None:
            write_fund(staged.folder, found[0], found[1], staged.fund, previous, archive is not None)
        outroot.write_sums(staged.folder)
        blocked = owned.ente_folder_problem(staged.final)
        if blocked:  # the folder changed while the ente ran: it is not replaced
            raise CiclopeError([Problem(rule="output.ente_folder", file=str(staged.final), message=blocked)])
        owned.publish(staged.folder, staged.final)
    except BaseException:
        shutil.rmtree(staged.folder, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
