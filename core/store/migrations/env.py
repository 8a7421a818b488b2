"""Alembic environment of the results store: run programmatically by :func:`ciclope.core.store.migrate`,
which hands over an open connection in ``config.attributes["connection"]`` (no alembic.ini)."""

from alembic import context

from ciclope.core.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
