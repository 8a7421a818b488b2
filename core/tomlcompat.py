"""``tomllib`` on Python ≥ 3.11, ``tomli`` below (the only place that knows)."""

import re

try:
    import tomllib as tomllib  # explicitly re-exported
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]  # noqa: F401


def read_toml(path) -> dict:
    """A TOML file as offices save it: a UTF-8 BOM is accepted; a file that is not a regular file, not
    UTF-8, not TOML or nested beyond reason raises ValueError with an Italian message (never a traceback)."""
    from pathlib import Path

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path.name} non è un file normale")
    if path.stat().st_size > MAX_TOML_BYTES:
        raise ValueError(f"file troppo grande (massimo {MAX_TOML_BYTES // 2**20} MiB per un file TOML)")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"il file non è in UTF-8 (byte {exc.start})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .tomlerrors import translate

        raise ValueError(translate(str(exc), text)) from None
    except RecursionError:
        raise ValueError("TOML non valido: tabelle o elenchi annidati troppo in profondità") from None
    where = bad_text(data)
    if where:
        raise ValueError(where)
    return data


# C0 controls but tab, line feed and carriage return, and DEL: a TOML escape (``\u0000``) can put them
# in a string; PostgreSQL refuses NUL in text, a path with NUL cannot be opened, and none belongs in a
# name or a document.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


MAX_TOML_BYTES = 4 * 2**20
MAX_TEXT = 10_000  # characters of one TOML string, as of one CSV cell: a name or a motivation, not a book


def bad_text(value: object, key: str = "") -> str:
    """Where a string (or a key) of parsed TOML holds a control character or is longer than
    :data:`MAX_TEXT`, as an Italian message; ""."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return f"{key or 'valore'}: testo di {len(value)} caratteri, oltre il massimo di {MAX_TEXT}: accorcialo"
        found = CONTROL.search(value)
        if found:
            return (
                f"{key or 'valore'}: contiene il carattere di controllo U+{ord(found.group()):04X} "
                "(da un escape come \\u0000?): toglilo"
            )
    elif isinstance(value, dict):
        for k, v in value.items():
            path = f"{key}.{k}" if key else str(k)
            if CONTROL.search(str(k)):
                return bad_text(str(k), path)
            found_in = bad_text(v, path)
            if found_in:
                return found_in
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found_in = bad_text(v, f"{key}[{i}]")
            if found_in:
                return found_in
    return ""
