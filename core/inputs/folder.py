"""An ente's data folder → its sheets: the sheets of ``ente.xlsx`` or else the CSV files, each named by
its canonical name (an office's Italian title read as the code), each file fingerprinted; a file linked
from outside the folder, an unknown or repeated sheet, an Excel 97-2003 file and a missing required
file are reported."""

from __future__ import annotations

import hashlib
from pathlib import Path

import attrs

from ciclope.core.fmt import quoted
from ciclope.core.inputs import narrative
from ciclope.core.inputs.columns import CANONICAL
from ciclope.core.inputs.headers import SHEET_ALIASES, italian_headers
from ciclope.core.inputs.reading import Asked, Log
from ciclope.core.inputs.tables import Sheet, read_csv, read_xlsx
from ciclope.core.nearest import hint
from ciclope.core.vocabulary import sheet_it

REQUIRED_FILES = ("units", "people")


@attrs.frozen
class Folder:
    """What an ente's data folder holds: its sheets by canonical name, each input file's fingerprint (file
    name → sha256) and the format they came in (``csv`` or ``xlsx``)."""

    sheets: dict[str, Sheet] = attrs.field(factory=dict)
    files: dict[str, str] = attrs.field(factory=dict)
    format: str = "csv"


def read_sheets(asked: Asked, log: Log) -> Folder:
    """The folder's sheets and their files' fingerprints; a row refused whole joins ``log.rejected``."""
    xlsx = asked.folder / "ente.xlsx"
    # the sheets in the template's order: the core's, then the plugins' own
    known = tuple(dict.fromkeys([*CANONICAL, *(f.removesuffix(".csv") for f in asked.schema.files)]))
    if xlsx.exists() and not confined(asked.folder, xlsx, log):
        return Folder()
    if xlsx.exists():
        found = _read_workbook(asked, log, xlsx, known)
        _beside_workbook(asked, log, known)
    else:
        found = _read_csv_files(asked, log, known)
    old_excel = asked.folder / "ente.xls"
    if not xlsx.exists() and old_excel.exists():  # Excel 97-2003: never read, never silently ignored
        log.err(
            "ente.xls",
            None,
            "",
            "core.input.xls",
            "ente.xls è nel formato Excel 97-2003, che ciclope non legge: aprilo e salvalo come .xlsx "
            "(«Cartella di lavoro di Excel»), con il nome ente.xlsx",
        )
    for sheet in found.sheets.values():  # a row refused whole: what refers to it is not reported again
        log.rejected.update(sheet.refused)
    for name in REQUIRED_FILES:
        it = sheet_it(name)
        if name not in found.sheets and not any(p.file.startswith((name, it)) for p in log.problems):
            label = f"ente.xlsx[{it}]" if found.format == "xlsx" else f"{it}.csv"
            log.err(label, None, "", "core.input.missing_file", f"manca {label}, obbligatorio")
    return found


def _read_workbook(asked: Asked, log: Log, xlsx: Path, known: tuple[str, ...]) -> Folder:
    """The sheets of ``ente.xlsx``, each by the canonical name of its title; an unknown title, or a
    second title for the same sheet, reported and skipped; a title ``x_…`` (the office's own sheet) skipped."""
    sheets: dict[str, Sheet] = {}
    seen_as: dict[str, str] = {}  # canonical sheet name → the title it was read from
    own_titles = {t.lower(): f.removesuffix(".csv") for f, t in asked.schema.titles.items()}
    read = read_xlsx(xlsx, log.problems)
    names = {t: SHEET_ALIASES.get(t.strip().lower()) or own_titles.get(t.strip().lower(), t.strip()) for t in read}
    missing = [sheet_it(k, asked.schema.titles) for k in REQUIRED_FILES if k not in names.values()]
    for title, sheet in read.items():
        name = names[title]
        if name != title:
            sheet = attrs.evolve(sheet, name=name)
        if name not in known:
            if not title.strip().startswith("x_"):  # the office's own sheet, as its own files and columns are
                _unknown_sheet(asked, log, sheet.label, name, known, missing)
            continue
        if name in sheets:  # «people» and «Persone»: which one is meant is the office's call
            log.err(
                sheet.label,
                None,
                "",
                "core.input.duplicate_sheet",
                f"il foglio {quoted(title)} è lo stesso di {quoted(seen_as[name])} ({sheet_it(name, asked.schema.titles)}): "
                "tieni uno solo dei due",
            )
            continue
        seen_as[name] = title
        sheets[name] = italian_headers(sheet, asked.schema)
    return Folder(sheets, {"ente.xlsx": sha256(xlsx)}, "xlsx")


def _unknown_sheet(asked: Asked, log: Log, label: str, name: str, known: tuple[str, ...], missing: list[str]) -> None:
    """A sheet of a title the ente does not read: the one required sheet the workbook lacks, when only one is,
    as what it may be (a sheet renamed), else the expected title it nearly is; the expected sheets in the
    template's order."""
    words = [sheet_it(k, asked.schema.titles) for k in known]
    maybe = f" (forse è il foglio {quoted(missing[0])} rinominato?)" if len(missing) == 1 else hint(name, words)
    log.err(
        label,
        None,
        "",
        "core.input.unknown_file",
        f"foglio sconosciuto {quoted(name)}{maybe} (attesi: {', '.join(words)}): il regolamento "
        f"dell'ente non lo legge; toglilo, o rinominalo x_{name} se è un foglio dell'ufficio",
    )


def _beside_workbook(asked: Asked, log: Log, known: tuple[str, ...]) -> None:
    """A CSV file of a sheet beside ``ente.xlsx``: never read (the workbook holds the ente's data), never silently
    ignored either — a fondo.csv written from the docs would leave the ente without its fund and nothing would say
    why. A warning at the file, naming the sheet of the workbook its rows go in."""
    own_titles = {t.lower(): f.removesuffix(".csv") for f, t in asked.schema.titles.items()}
    for path in sorted(asked.folder.glob("*.csv")):
        stem = path.stem.strip().lower()
        name = SHEET_ALIASES.get(stem) or own_titles.get(stem, path.stem)
        if name not in known:
            continue
        message = (
            f"{path.name} non è letto: i dati dell'ente si leggono da ente.xlsx, accanto, e queste righe vanno nel suo "
            f"foglio {quoted(sheet_it(name, asked.schema.titles))}: copiale lì, se non ci sono già, e togli {path.name}"
        )
        log.err(path.name, None, "", "core.input.csv_beside_xlsx", message, severity="warning")


def _read_csv_files(asked: Asked, log: Log, known: tuple[str, ...]) -> Folder:
    """The folder's CSV files in name order, each by the canonical name of its own (``persone.csv`` is people,
    ``people.csv`` too); an unknown file reported unless named ``x_…``, a table written under both names
    reported and neither read."""
    own_titles = {t.lower(): f.removesuffix(".csv") for f, t in asked.schema.titles.items()}
    paths_of: dict[str, list[Path]] = {}
    for path in sorted(asked.folder.glob("*.csv")):
        stem = path.stem.strip().lower()
        name = SHEET_ALIASES.get(stem) or own_titles.get(stem, path.stem)
        if name not in known:
            if not path.stem.startswith("x_"):
                words = sorted(sheet_it(k, asked.schema.titles) + ".csv" for k in known)
                log.err(
                    path.name,
                    None,
                    "",
                    "core.input.unknown_file",
                    f"file sconosciuto {path.name}{hint(path.name, words)} (attesi: {', '.join(words)}; "
                    "i file aggiuntivi vanno prefissati x_)",
                )
            continue
        paths_of.setdefault(name, []).append(path)
    sheets: dict[str, Sheet] = {}
    files: dict[str, str] = {}
    for name, paths in paths_of.items():
        if len(paths) > 1:  # «people.csv» and «persone.csv»: which one is meant is the office's call
            log.err(
                paths[0].name,
                None,
                "",
                "core.input.duplicate_sheet",
                f"{' e '.join(p.name for p in paths)} sono la stessa tabella ({sheet_it(name, asked.schema.titles)}): "
                "tieni uno solo dei due file",
            )
            continue
        path = paths[0]
        if not confined(asked.folder, path, log):
            continue
        raw = path.read_bytes() if path.is_file() else None  # read once, fingerprinted and parsed
        files[path.name] = "" if raw is None else hashlib.sha256(raw).hexdigest()
        csv_sheet = read_csv(path, name, log.problems, raw)
        if csv_sheet is not None:
            sheets[name] = italian_headers(csv_sheet, asked.schema)
    return Folder(sheets, files)


def narrative_texts(folder: Path, log: Log) -> narrative.Read:
    """The Relazione's own words (core/inputs/narrative.py): fingerprinted like any input; a misnamed file warns."""
    found = narrative.read(folder)
    log.problems.extend(found.problems)
    return found


def confined(folder: Path, path: Path, log: Log) -> bool:
    """A file linked from outside the data folder is refused (no reading of arbitrary files)."""
    if path.is_symlink() and not _inside(path.resolve(), folder.resolve()):
        log.err(path.name, None, "", "core.input.symlink", "collegamento simbolico fuori dalla cartella dati")
        return False
    return True


def sha256(path: Path) -> str:
    """The input's fingerprint; "" for anything but a regular file (a FIFO would block the read)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False
