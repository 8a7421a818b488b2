"""The funds of [fondi] a regulation names, by the names an office writes in ente.toml.

ente.toml's [fondi] is read with the core's vocabulary: ``risorse_po`` is read as the code ``po_total`` (a test
keeps this table equal to the core's). A regulation's «fondo» is read the same way, so a fund written as the
office writes it is the fund ente.toml gives; a message names it back as the office wrote it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ciclope.core import cells, fmt
from ciclope.plugins.regolamento.format.words import Words

# The funds whose code is not the name an office writes → their code (every other fund is its own name).
NAMES = {
    "risorse_po": "po_total",
    "risorse_stabili_dirigenti": "stable_dirigenti",
    "risorse_stabili_personale": "stable_staff",
    "risparmi": "savings",
}
_WORDS = Words(NAMES)
code_of = _WORDS.code_of  # a fund as the regulation names it → the key ente.toml's [fondi] is read as
said = _WORDS.said  # a fund's key → as the office writes it in [fondi]


def labels_by_code(labels: Mapping[str, str]) -> dict[str, str]:
    """[etichette] with each fund's key read as its code, as every document looks a fund's label up: the office
    names a fund as it writes it in [fondi] (``risorse_po``)."""
    return {code_of(key): text for key, text in labels.items()}


def missing(code: str, written: Iterable[str]) -> str:
    """«manca [fondi] performance_individuale», and the name ente.toml's [fondi] has in its place when one is close
    to it (the core's nearness: the same letters in another case, the same words in another order, a close
    spelling): a fund typed wrong reads as a fund that is not there, while the one typed is read by nothing."""
    near = mistyped(code, written)
    where = f" ([fondi] di ente.toml ha {fmt.quoted(near)}: è questo, scritto in un altro modo?)" if near else ""
    return f"manca [fondi] {said(code)}{where}"


def mistyped(code: str, written: Iterable[str]) -> str | None:
    """The key of ente.toml's [fondi] that is ``code`` typed in another way, as the office wrote it; None if none
    is close. Such a fund is an error, not a warning: the regulation's premium would be silently nothing."""
    name = said(code)
    return next((said(k) for k in written if k != code and cells.hint(said(k), [name])), None)
