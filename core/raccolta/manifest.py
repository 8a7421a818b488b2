"""``raccolta.json``: what ``raccolta crea`` sent, read back by ``raccolta unisci`` as the reference of every
check (the workbook's own signature sheet names the collection; the manifest holds the locked content, which
the evaluator never sees)."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import attrs

from ciclope.core import filenames
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.raccolta import layout

FORMAT = 2  # 2: a secret per collection, and each workbook signed for its evaluator (``firma``)


@attrs.frozen
class Sent:
    evaluator: str
    file: str
    label: str
    external: bool
    people: tuple[str, ...]
    indicators: tuple[str, ...]
    cells: dict[str, dict[str, str]] = attrs.field(hash=False)


@attrs.frozen
class Manifest:
    ente: str
    year: int
    plugin: str
    token: str
    created: str
    sent: tuple[Sent, ...]
    secret: str = ""  # never in a workbook; "" in a collection created before the signatures
    name: str = ""  # the ente's name, as the status table says it; "" in a collection created before it

    def signature(self, evaluator: str) -> str:
        """The workbook's signature for ``evaluator``: who holds one workbook cannot make another's."""
        message = f"{self.ente}\x00{self.year}\x00{self.token}\x00{evaluator}".encode()
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()

    def signed_by(self, evaluator: str, signature: str) -> bool:
        if not self.secret:
            return True  # a collection of format 1: its workbooks carry no signature
        return hmac.compare_digest(self.signature(evaluator), signature)

    def by_evaluator(self) -> dict[str, Sent]:
        return {s.evaluator: s for s in self.sent}

    def dumps(self) -> bytes:
        doc = {
            "formato": FORMAT,
            "ente": self.ente,
            "anno": self.year,
            "plugin": self.plugin,
            "raccolta": self.token,
            "creata": self.created,
            "segreto": self.secret,
            "nome": self.name,
            "cartelle": [attrs.asdict(s) for s in self.sent],
        }
        return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def file_name(evaluator: str, taken: set[str]) -> str:
    """A file name for an evaluator id, safe on every office computer (:func:`ciclope.core.filenames.stem`: no
    device name such as ``COM1``, no character Windows refuses); unique whatever the letter case."""
    base = filenames.stem(evaluator) if evaluator else "valutatore"
    name, n = f"{base}.xlsx", 2
    while name.lower() in taken:
        name, n = f"{base}-{n}.xlsx", n + 1
    taken.add(name.lower())
    return name


def load(folder: Path) -> Manifest:
    path = folder / layout.MANIFEST
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        sent = tuple(
            Sent(
                evaluator=s["evaluator"],
                file=s["file"],
                label=s["label"],
                external=bool(s["external"]),
                people=tuple(s["people"]),
                indicators=tuple(s["indicators"]),
                cells={k: dict(v) for k, v in s["cells"].items()},
            )
            for s in doc["cartelle"]
        )
        secret = str(doc.get("segreto", ""))
        name = str(doc.get("nome", ""))
        return Manifest(
            doc["ente"], int(doc["anno"]), doc["plugin"], doc["raccolta"], doc["creata"], sent, secret, name
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        why = "non trovato" if isinstance(exc, FileNotFoundError) else f"non leggibile ({type(exc).__name__})"
        raise CiclopeError(
            [
                Problem(
                    rule="raccolta.manifest",
                    file=str(path),
                    message=f"{layout.MANIFEST} {why}: indica la cartella scritta da `ciclope raccolta crea`",
                )
            ]
        ) from None
