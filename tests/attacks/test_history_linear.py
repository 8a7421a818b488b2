"""One ente's history costs the same whatever the number of other enti in the store: the trend of each
ente of a run no longer groups every ente's runs (quadratic in the enti)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event

from ciclope.core.commands.cli import main
from ciclope.core.store import open_store
from ciclope.core.store.history import trend


def _store_with(tmp_path: Path, enti: int, runs: int) -> str:
    data = tmp_path / f"d{enti}"
    assert main(["synth", str(data), "--enti", str(enti), "--people", "10", "--plugin", "comunita_montane"]) == 0
    for _ in range(runs):
        assert main(["run", str(data / "cycle.toml"), "--outputs", "results"]) == 0
    return f"sqlite:///{data / 'ciclope.db'}"


def _steps(url: str) -> int:
    """SQLite virtual-machine steps (in tens) to read ente synth-00000's trend: work, not time."""
    store = open_store(url)
    store.engine.dispose()
    count = [0]

    def counted(dbapi_connection, _record) -> None:
        dbapi_connection.set_progress_handler(lambda: count.__setitem__(0, count[0] + 1), 10)

    event.listen(store.engine, "connect", counted)
    try:
        found = trend(store, "synth-00000", 2021)
    finally:
        store.close()
    assert found.years == (2021,) and found.rows[0].values[0] is not None
    return count[0]


def test_one_entes_trend_does_not_grow_with_the_other_enti(tmp_path):
    few, many = _steps(_store_with(tmp_path, 4, 3)), _steps(_store_with(tmp_path, 32, 3))
    # 8 times the enti (and their runs): the same ente's history costs less than twice as much (index
    # lookups grow with the log of the rows); grouping every ente's runs grew it about 8 times
    assert many < 2 * max(few, 1), (few, many)
