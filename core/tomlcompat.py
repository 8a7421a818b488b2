"""``tomllib`` on Python ≥ 3.11, ``tomli`` below (the only place that knows)."""

try:
    import tomllib  # noqa: F401
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]  # noqa: F401


def read_toml(path) -> dict:
    """A TOML file as offices save it: a UTF-8 BOM is accepted; a file that is not a regular file, not
    UTF-8, not TOML or nested beyond reason raises ValueError with an Italian message (never a traceback)."""
    from pathlib import Path

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path.name} non è un file normale")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"il file non è in UTF-8 (byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"TOML non valido: {exc}") from None
    except RecursionError:
        raise ValueError("TOML non valido: tabelle o elenchi annidati troppo in profondità") from None
