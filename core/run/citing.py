"""A source as people read it: documents by title, never a file name of ciclope or of a plugin."""

from __future__ import annotations

from ciclope.core.engine.registry import known_documents
from ciclope.core.reports.fmt import cite


def cited(source: str) -> str:
    """A problem's source for people: documents by title, never a file name of ciclope or a plugin."""
    try:
        documents = known_documents()
    except Exception:  # no plugin found: the titles of the core's documents still apply
        documents = {}
    return cite(source, documents)
