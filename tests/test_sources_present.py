"""Every document the code cites is in the repository (docs/sources/), so a clone can follow a citation.

The code cites ciclope's rules as ``rules/<name>.md §N``, the product contract as ``SPEC.md §N`` and the source
regulations by file name (``004_a450255962d2094d.txt §4.4``); docs/sources/README.md says where each lives.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "docs" / "sources"
CITED = re.compile(r"\brules/(\w+)\.md|\bSPEC\.md|\b(\d{3}_[0-9a-f]{16}\.txt)")


def cited() -> dict[str, set[str]]:
    """Each cited document (its path under docs/sources) with the files that cite it."""
    found: dict[str, set[str]] = {}
    for folder in ("core", "plugins"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".toml", ".md", ".html") or "__pycache__" in path.parts:
                continue
            for m in CITED.finditer(path.read_text(encoding="utf-8")):
                doc = f"rules/{m.group(1)}.md" if m.group(1) else f"seeds/{m.group(2)}" if m.group(2) else "SPEC.md"
                found.setdefault(doc, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_cited_document_is_in_the_repository():
    documents = cited()
    # the core cites its own rules and the contract; the plugins their rules and the five seed regulations
    assert {"rules/core.md", "SPEC.md", "seeds/004_a450255962d2094d.txt"} <= set(documents)
    missing = {doc: sorted(files)[:3] for doc, files in documents.items() if not (SOURCES / doc).is_file()}
    assert missing == {}


def test_a_missing_document_is_seen(tmp_path):
    """The scan reads the citations themselves: a citation of a document that is not there is reported."""
    text = "see rules/nowhere.md §2 and 999_0123456789abcdef.txt art. 3"
    docs = {f"rules/{m.group(1)}.md" if m.group(1) else f"seeds/{m.group(2)}" for m in CITED.finditer(text)}
    assert docs == {"rules/nowhere.md", "seeds/999_0123456789abcdef.txt"}
    assert not any((SOURCES / d).is_file() for d in docs)
