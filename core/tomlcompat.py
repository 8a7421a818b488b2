"""``tomllib`` on Python ≥ 3.11, ``tomli`` below (the only place that knows)."""
try:
    import tomllib  # noqa: F401
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]  # noqa: F401
