"""The Relazione's own words: optional ``relazione/*.md`` files in an ente's folder.

Funzione Pubblica's guidelines on the Relazione sulla performance (Linee guida n. 3/2018, which keep the
index of CiVIT delibera 5/2012) expect, besides the figures ciclope computes, texts only the office can
write: a presentation, the context, the resources, equal opportunities and the gender budget, how the
Relazione was drafted. Each is one Markdown file named after its part (``relazione/contesto.md``); the
reports (core/reports/narrative.py) place it among the computed sections in the guidelines' order:

1. presentazione (the index is the page's own table of contents);
2. the summary for citizens: contesto, amministrazione, then ciclope's «Sintesi» (the results reached),
   then criticita (criticità e opportunità);
3. the objectives, results and deviations: ciclope's schede and sections;
4. risorse (risorse, efficienza ed economicità), 5. pari_opportunita (pari opportunità e bilancio di
   genere), 6. processo (il processo di redazione della Relazione);

then ciclope's technical annexes (violazioni, calendario, note), which the guidelines do not index.

A file name is matched without case, accents, spaces or dashes (``Pari-opportunità.md`` is
``pari_opportunita``); an unknown name is a warning that names the file and the nearest known name, never
an error (the rest of the Relazione does not depend on it). Text between ``<!--`` and ``-->`` is a note
for the writer (the template's guidance) and is never published; a file with nothing else but its title
is as absent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import attrs

from ciclope.core.nearest import nearest
from ciclope.core.problems import Problem

FOLDER = "relazione"
MAX_BYTES = 1_000_000  # a page of prose is a few KB: a bigger file is not a text the office wrote


@attrs.frozen
class Part:
    """One narrative part of the Relazione: its file name (without ``.md``), its title, and the guidance the
    template writes in it (core/reports/relazione/__init__.py SECTIONS places it)."""

    key: str
    title: str
    guidance: str


PARTS = (
    Part(
        "presentazione",
        "Presentazione",
        "Chi presenta la Relazione (il Sindaco, il Presidente, il Segretario) e a chi si rivolge: cittadini, "
        "imprese, Consiglio, OIV. In poche righe: l'anno in sintesi e come leggere il documento.",
    ),
    Part(
        "contesto",
        "Il contesto esterno di riferimento",
        "Il territorio e la popolazione servita, i fatti dell'anno che hanno pesato sull'attività "
        "(normativa, eventi, finanziamenti), i principali portatori di interesse.",
    ),
    Part(
        "amministrazione",
        "L'amministrazione",
        "Com'è organizzato l'ente (settori, servizi, personale in servizio), i servizi resi e le risorse "
        "principali, in forma di sintesi per i cittadini.",
    ),
    Part(
        "criticita",
        "Le criticità e le opportunità",
        "Che cosa non è andato come previsto e perché, che cosa si farà; le opportunità emerse nell'anno.",
    ),
    Part(
        "risorse",
        "Risorse, efficienza ed economicità",
        "Le risorse finanziarie e umane impiegate rispetto a quelle previste, gli indicatori di efficienza "
        "ed economicità che l'ente usa (costo dei servizi, tempi di pagamento, entrate riscosse).",
    ),
    Part(
        "pari_opportunita",
        "Pari opportunità e bilancio di genere",
        "Le azioni del Piano delle azioni positive e i loro risultati; il personale per genere (in numeri "
        "aggregati, mai nomi); le spese con un effetto di genere, se l'ente redige il bilancio di genere.",
    ),
    Part(
        "processo",
        "Il processo di redazione della Relazione",
        "Fasi, soggetti, tempi e responsabilità della redazione (chi ha raccolto i dati, quando la Giunta "
        "l'ha approvata, quando l'OIV l'ha validata); i punti di forza e di debolezza del ciclo della performance.",
    ),
)
BY_KEY = {p.key: p for p in PARTS}
# names an office may well give a part: read as the part, never warned about
ALIASES = {
    "bilancio_di_genere": "pari_opportunita",
    "bilancio_genere": "pari_opportunita",
    "pari_opportunita_e_bilancio_di_genere": "pari_opportunita",
    "risorse_efficienza_ed_economicita": "risorse",
    "risorse_efficienza_economicita": "risorse",
    "contesto_esterno": "contesto",
    "criticita_e_opportunita": "criticita",
    "processo_di_redazione": "processo",
    "presentazione_e_indice": "presentazione",
}
_NOTE = re.compile(r"<!--.*?-->", re.S)
_TITLE = re.compile(r" {0,3}# .*|#")


def key_of(stem: str) -> str:
    """A file's stem as a part's key: no accents, lower case, words joined by ``_``."""
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii").casefold()
    words = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
    return ALIASES.get(words, words)


def published(text: str) -> str:
    """The text that is published: the writer's notes (``<!-- … -->``) dropped, blank ends trimmed; "" when
    nothing but a title is left (the template's file as written adds no section)."""
    body = _NOTE.sub("", text).strip()
    first, _, rest = body.partition("\n")
    return "" if _TITLE.fullmatch(first) and not rest.strip() else body


@attrs.frozen
class Read:
    """What an ente's ``relazione/`` holds: part key → Markdown, input name → sha256, and the warnings."""

    texts: dict[str, str]
    files: dict[str, str]
    problems: list[Problem]


def read(folder: Path) -> Read:
    """The narrative parts in ``folder/relazione`` (none when the folder is not there)."""
    out = Read({}, {}, [])
    where = folder / FOLDER
    if not where.is_dir() or where.is_symlink():
        return out
    for path in sorted(where.iterdir()):
        if path.suffix.lower() != ".md" or path.name.startswith("."):
            continue
        _read_one(path, folder, out)
    return out


def _read_one(path: Path, folder: Path, out: Read) -> None:
    name = f"{FOLDER}/{path.name}"
    key = key_of(path.stem)
    if key not in BY_KEY:
        near = nearest(key, [*BY_KEY, *ALIASES])  # an alias is accepted too: suggest what is closest
        guess = f" (forse {near}.md?)" if near is not None else ""
        out.problems.append(_warning(name, f"parte della Relazione sconosciuta{guess}: il file non è pubblicato", key))
        return
    if not path.is_file() or (path.is_symlink() and folder.resolve() not in path.resolve().parents):
        out.problems.append(_warning(name, "non è un file normale dentro la cartella dell'ente: non è letto"))
        return
    with open(path, "rb") as fh:  # never more than the limit in memory: the file may be gigabytes
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        out.problems.append(_warning(name, "supera 1 MB: non è un testo da Relazione, non è letto"))
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        out.problems.append(_warning(name, "non è in UTF-8: salvalo come «Testo (UTF-8)» e riesegui"))
        return
    if key in out.texts:
        out.problems.append(_warning(name, f"la parte «{BY_KEY[key].title}» è già in un altro file: tienine uno"))
        return
    out.files[name] = hashlib.sha256(raw).hexdigest()
    body = published(text)
    if body:
        out.texts[key] = body


def _warning(name: str, message: str, key: str = "") -> Problem:
    known = ", ".join(f"{p.key}.md" for p in PARTS)
    suffix = f" (nomi ammessi: {known})" if key else ""
    return Problem(
        rule="core.input.relazione",
        message=f"{message}{suffix}",
        severity="warning",
        source="Linee guida per la Relazione annuale sulla performance (Funzione Pubblica, n. 3/2018)",
        file=name,
    )
