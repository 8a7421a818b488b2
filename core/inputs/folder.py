"""An ente's data folder → its sheets: the sheets of ``ente.xlsx`` or else the CSV files, each named by
its canonical name (an office's Italian title read as the code), each file fingerprinted; a file linked
from outside the folder, an unknown or repeated sheet, an Excel 97-2003 file and a missing required
file are reported."""

from __future__ import annotations

import hashlib
from pathlib import Path

import attrs

from ciclope.core.inputs import narrative
from ciclope.core.inputs.columns import CANONICAL
from ciclope.core.inputs.headers import SHEET_ALIASES, italian_headers
from ciclope.core.inputs.reading import Reading
from ciclope.core.inputs.tables import read_csv, read_xlsx
from ciclope.core.nearest import hint
from ciclope.core.vocabulary import sheet_it

REQUIRED_FILES = ("units", "people")


def read_sheets(r: Reading) -> None:
    """The folder's sheets into ``r.sheets``, their files' fingerprints into ``r.files``."""
    xlsx = r.folder / "ente.xlsx"
    known = set(CANONICAL) | {f.removesuffix(".csv") for f in r.schema.files}
    if xlsx.exists() and not confined(r, xlsx):
        return
    if xlsx.exists():
        _read_workbook(r, xlsx, known)
    else:
        _read_csv_files(r, known)
    old_excel = r.folder / "ente.xls"
    if not xlsx.exists() and old_excel.exists():  # Excel 97-2003: never read, never silently ignored
        r.err(
            "ente.xls",
            None,
            "",
            "core.input.xls",
            "ente.xls è nel formato Excel 97-2003, che ciclope non legge: aprilo e salvalo come .xlsx "
            "(«Cartella di lavoro di Excel»), con il nome ente.xlsx",
        )
    for sheet in r.sheets.values():  # a row refused whole: what refers to it is not reported again
        r.rejected.update(sheet.refused)
    for name in REQUIRED_FILES:
        it = sheet_it(name)
        if name not in r.sheets and not any(p.file.startswith((name, it)) for p in r.problems):
            label = f"ente.xlsx[{it}]" if r.format == "xlsx" else f"{it}.csv"
            r.err(label, None, "", "core.input.missing_file", f"manca {label}, obbligatorio")


def _read_workbook(r: Reading, xlsx: Path, known: set[str]) -> None:
    """The sheets of ``ente.xlsx``, each by the canonical name of its title; an unknown title, or a
    second title for the same sheet, reported and skipped."""
    r.format = "xlsx"
    r.files["ente.xlsx"] = sha256(xlsx)
    seen_as: dict[str, str] = {}  # canonical sheet name → the title it was read from
    own_titles = {t.lower(): f.removesuffix(".csv") for f, t in r.schema.titles.items()}
    for title, sheet in read_xlsx(xlsx, r.problems).items():
        name = SHEET_ALIASES.get(title.strip().lower()) or own_titles.get(title.strip().lower(), title.strip())
        if name != title:
            sheet = attrs.evolve(sheet, name=name)
        if name not in known:
            words = sorted(sheet_it(k, r.schema.titles) for k in known)
            r.err(
                sheet,
                None,
                "",
                "core.input.unknown_file",
                f"foglio sconosciuto {name!r}{hint(name, words)} (attesi: {', '.join(words)})",
            )
            continue
        if name in r.sheets:  # «people» and «Persone»: which one is meant is the office's call
            r.err(
                sheet,
                None,
                "",
                "core.input.duplicate_sheet",
                f"il foglio {title!r} è lo stesso di {seen_as[name]!r} ({sheet_it(name, r.schema.titles)}): "
                "tieni uno solo dei due",
            )
            continue
        seen_as[name] = title
        r.sheets[name] = italian_headers(sheet, r.schema)


def _read_csv_files(r: Reading, known: set[str]) -> None:
    """The folder's CSV files in name order, each by the canonical name of its own (``persone.csv`` is people,
    ``people.csv`` too); an unknown file reported unless named ``x_…``, a table written under both names
    reported and neither read."""
    own_titles = {t.lower(): f.removesuffix(".csv") for f, t in r.schema.titles.items()}
    found: dict[str, list[Path]] = {}
    for path in sorted(r.folder.glob("*.csv")):
        stem = path.stem.strip().lower()
        name = SHEET_ALIASES.get(stem) or own_titles.get(stem, path.stem)
        if name not in known:
            if not path.stem.startswith("x_"):
                words = sorted(sheet_it(k, r.schema.titles) + ".csv" for k in known)
                r.err(
                    path.name,
                    None,
                    "",
                    "core.input.unknown_file",
                    f"file sconosciuto {path.name}{hint(path.name, words)} (attesi: {', '.join(words)}; "
                    "i file aggiuntivi vanno prefissati x_)",
                )
            continue
        found.setdefault(name, []).append(path)
    for name, paths in found.items():
        if len(paths) > 1:  # «people.csv» and «persone.csv»: which one is meant is the office's call
            r.err(
                paths[0].name,
                None,
                "",
                "core.input.duplicate_sheet",
                f"{' e '.join(p.name for p in paths)} sono la stessa tabella ({sheet_it(name, r.schema.titles)}): "
                "tieni uno solo dei due file",
            )
            continue
        _read_csv_file(r, name, paths[0])


def _read_csv_file(r: Reading, name: str, path: Path) -> None:
    if not confined(r, path):
        return
    raw = path.read_bytes() if path.is_file() else None  # read once, fingerprinted and parsed
    r.files[path.name] = "" if raw is None else hashlib.sha256(raw).hexdigest()
    csv_sheet = read_csv(path, name, r.problems, raw)
    if csv_sheet is not None:
        r.sheets[name] = italian_headers(csv_sheet, r.schema)


def narrative_texts(r: Reading) -> dict[str, str]:
    """The Relazione's own words (core/inputs/narrative.py): fingerprinted like any input; a misnamed file warns."""
    found = narrative.read(r.folder)
    r.files.update(found.files)
    r.problems.extend(found.problems)
    return found.texts


def confined(r: Reading, path: Path) -> bool:
    """A file linked from outside the data folder is refused (no reading of arbitrary files)."""
    if path.is_symlink() and not _inside(path.resolve(), r.folder.resolve()):
        r.err(path.name, None, "", "core.input.symlink", "collegamento simbolico fuori dalla cartella dati")
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
