"""Opening the results store: the URL a run uses, the engine, and the migrations applied on open."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import (
    Column,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    exc,
    inspect,
    text,
)
from sqlalchemy.engine import make_url

from ciclope.core.fmt import quoted
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.store import schema

DEFAULT_NAME = "ciclope.db"
SOURCE = "docs/store.md"


def store_url(config_path: Path, configured: str | None = None, cli_value: str | None = None) -> str:
    """The store a cycle uses: ``--store`` wins over ``[store] url`` in cycle.toml, whose default is the
    SQLite file ``ciclope.db`` beside cycle.toml. A value without ``://`` is a SQLite file path
    (relative to cycle.toml's folder when it comes from the file)."""
    base = Path(config_path).resolve().parent
    value = cli_value or configured
    if not value:
        return f"sqlite:///{base / DEFAULT_NAME}"
    if "://" not in value:
        path = Path(value) if cli_value else base / value
        return f"sqlite:///{path.resolve()}"
    return value


def driver_url(url: str) -> str:
    """``postgresql://`` as people write it, with the psycopg (3) driver ciclope installs (the
    ``postgresql`` extra); SQLAlchemy's own default for that scheme is psycopg2."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


# A password can be in the user part (``user:secret@host``) or in the query (``?password=secret``,
# libpq's own keyword; ``sslpassword`` for a key file): both are masked wherever a URL is shown.
_USERINFO = re.compile(r"(://[^/@:?#]*:)[^/@?#]*@")
_SECRET_QUERY = re.compile(r"(?i)([?&;](?:password|passwd|pwd|pass|sslpassword)=)[^&;#]*")
MASK = "***"


def redacted(url: str) -> str:
    """The URL as shown to people, in every output, log and page: never a password."""
    return _SECRET_QUERY.sub(rf"\1{MASK}", _USERINFO.sub(rf"\1{MASK}@", url))


def secrets_of(url: str) -> list[str]:
    """The password values a URL carries (to scrub them from a database's error text)."""
    found = [m.group(0).rsplit("=", 1)[1] for m in _SECRET_QUERY.finditer(url)]
    user = _USERINFO.search(url)
    if user:
        found.append(url[user.end(1) : user.end() - 1])
    return [unquote(s) for s in found if s] + [s for s in found if s]


def scrubbed(text: str, url: str) -> str:
    """``text`` (an error message) with every password of ``url`` masked."""
    for secret in sorted(secrets_of(url), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return redacted(text)


def engine_for(url: str) -> Engine:
    try:
        engine = create_engine(driver_url(url))
    except Exception as exc:  # unknown scheme, driver missing
        raise CiclopeError(
            [
                Problem(
                    rule="store.url",
                    message=f"archivio {redacted(url)} non utilizzabile: {scrubbed(str(exc), url)}. Per PostgreSQL: "
                    "pip install 'ciclope-pa[postgresql]'",
                    source=SOURCE,
                )
            ]
        ) from None
    if engine.dialect.name == "sqlite":
        if in_memory(url):
            raise CiclopeError(
                [
                    Problem(
                        rule="store.url",
                        message=f"archivio {redacted(url)} in memoria: nulla vi resterebbe registrato dopo il "
                        "comando; indica un file, es. --store sqlite:///ciclope.db",
                        source=SOURCE,
                    )
                ]
            )
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def in_memory(url: str) -> bool:
    """Whether ``url`` names an SQLite database in memory, gone when the command ends."""
    if not url.startswith("sqlite"):
        return False

    try:
        parsed = make_url(url)
    except Exception:  # not a URL SQLAlchemy reads: engine_for says why
        return False
    return (parsed.database or "") in ("", ":memory:") or "mode=memory" in str(parsed.query)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (history, site) while a run writes
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


MIGRATIONS = Path(__file__).with_name("migrations")
# Alembic (0.1 s to import) is loaded only to migrate an older store: a new one is created from the schema
# and stamped, a current one only has its revision read (migrate).


def alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


KNOWN = frozenset({"0001", "0002", "0003", "0004", "0005"})  # every revision in migrations/versions
HEAD = "0005"  # the newest revision in migrations/versions (tests/core/store/test_store.py checks it against Alembic)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (Alembic): an empty database gets every table, an older store is
    upgraded in place. Applied whenever the store is opened; a store already at the newest revision is
    recognized by one query, without importing Alembic (~0.1 s of every ``history``, ``site``, ``run``).

    An empty database (no tables at all) is given the newest schema directly: the tables of
    ``schema.py`` and the ``alembic_version`` row Alembic would leave, in one transaction. Importing
    Alembic and replaying every migration cost ~0.5–0.7 s, as much as 30 enti of 300 people, in the
    first run of every office; tests/core/store/test_store.py checks that both ways give the same
    database, table by table, on SQLite and PostgreSQL.

    The schema is created or upgraded holding the store's write lock (:func:`write_lock`), and what the
    store holds is looked at again under it: two first runs at once would otherwise both find no table
    and both create them."""
    if revision == "head" and stamped(engine) == HEAD:
        return
    with engine.begin() as connection:
        write_lock(connection)
        found = _stamped_in(connection)
        if revision == "head" and found == HEAD:
            return
        if revision == "head" and found is None and not inspect(connection).get_table_names():
            _create_newest_in(connection)
            return
        if found is not None and found not in KNOWN:
            raise CiclopeError(
                [
                    Problem(
                        rule="store.version",
                        message=f"l'archivio è stato scritto da una versione più recente di ciclope (revisione "
                        f"{quoted(str(found)[:32])}; questa conosce fino alla {HEAD}): aggiorna ciclope; l'archivio "
                        "non è stato modificato",
                        source=SOURCE,
                    )
                ]
            )
        from alembic import command

        command.upgrade(alembic_config(connection), revision)


STORE_LOCK = 0x63696363  # PostgreSQL advisory lock key of the store's writers ("cicc")


def write_lock(connection) -> None:
    """Serialize the store's writers for the rest of this transaction: SQLite takes its write lock now
    (``BEGIN IMMEDIATE``, instead of at the first INSERT, after the reads that decided it); PostgreSQL a
    transaction-scoped advisory lock. Readers are never blocked."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({STORE_LOCK})")


def _stamped_in(connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _create_newest_in(connection) -> None:
    """Every table of the newest schema in an empty database, stamped with :data:`HEAD` as Alembic stamps
    it (its version table, primary key named ``alembic_version_pkc``). Alembic remains the way from any
    older revision."""
    version = Table(
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )
    schema.metadata.create_all(connection)
    version.create(connection)
    connection.execute(version.insert().values(version_num=HEAD))


def stamped(engine: Engine) -> str | None:
    """The revision recorded in the store's ``alembic_version`` table, None without one."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except exc.SQLAlchemyError:  # no table yet (a new store), or a database that refuses: Alembic decides
        return None


def has_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())
