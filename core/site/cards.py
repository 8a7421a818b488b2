"""Person cards: the explanation chain of a person's score and amount as a nested tree, from the trace
the store keeps (no recomputation).

The figures about the person (``award:P…``, ``score:P…``, ``card:P…``, ``person:P``, and those they read whose key
names the person: a part of the premium ``premio:<part>:P``, a level ``level:P``) are expanded in the card; a figure
shared by the ente (an objective, a unit, a pool…) is a link to the ente's page of figures (``cifre.html``), where
each one is shown once with its own inputs and links further down."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from html import escape
from typing import Any

from ciclope.core.run.citing import cited
from ciclope.core.run.explain import input_shown, place, show, value_kind
from ciclope.core.trace import SAID_WHOLE

MAX_DEPTH = 8
OWN_HEADS = (
    "award",
    "score",
    "card",
    "person",
    "progression",
    "rata",
)  # progression:P1: a place in a graduatoria; rata:P1:…: an instalment of a premium


def anchor(key: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", key)


def by_person(trace: dict[str, dict], people: set[str]) -> dict[str, list[str]]:
    """Each person's own figure keys: those of the core's heads and a part's condition decided for the person, found in
    one pass over the trace (not one pass per person), then every figure they read, down the chain, whose key names
    the person as one of its parts (a plugin's ``premio:<part>:P1``, ``level:P1``). The chain is followed only through
    the person's own figures, so a shared figure (a pool, a mean over the ente) is never walked once per person, and
    a figure about P1 that only P2's explanation reads stays shared."""
    out: dict[str, list[str]] = {}
    for key in trace:
        pid = owner(key, people) or admission(key, people)
        if pid is not None:
            out.setdefault(pid, []).append(key)
    for pid, keys in out.items():
        found, todo = set(keys), list(keys)
        while todo:
            for i in trace[todo.pop()].get("inputs", ()):
                ref = i.get("ref") or ""
                if ref in trace and ref not in found and pid in ref.split(":")[1:]:
                    found.add(ref)
                    keys.append(ref)
                    todo.append(ref)
    return out


def admission(key: str, people: set[str]) -> str | None:
    """The person a part's condition was decided for (``ammesso:<part>:<person>``, :mod:`ciclope.core.trace`): their
    card shows it, whether it let them take part or left them out (``explain`` says the second)."""
    pid = key.rpartition(":")[2]
    return pid if key.startswith("ammesso:") and pid in people else None


def owners(own: Mapping[str, list[str]]) -> dict[str, str]:
    """Figure key → the person it is about (:func:`by_person` read the other way)."""
    return {key: pid for pid, keys in own.items() for key in keys}


def roots(trace: dict[str, dict], person: str, own: list[str] | None = None) -> list[str]:
    """The figures a card starts from: award, score, card and organizational part of the person, then the
    person's other figures (a bonus, a band, a unit part) in key order. ``own``: from :func:`by_person`."""
    first = [k.format(person) for k in ("award:{}", "score:{}", "card:{}", "person:{}")]
    found = [k for k in first if k in trace]
    keys = own if own is not None else by_person(trace, {person}).get(person, [])
    found += sorted(k for k in keys if k.partition(":")[0] != "person" and k not in found)
    return found


def owner(key: str, people: set[str]) -> str | None:
    """The person a figure is about (``score:P1``, ``award:P1:bonus`` → ``P1``), if it is about a known person."""
    head, _, rest = key.partition(":")
    if head not in OWN_HEADS:
        return None
    while rest:
        if rest in people:
            return rest
        rest = rest.rpartition(":")[0]
    return None


def _value(value: Any, key: str) -> str:
    return show(value, value_kind(key)) if key else show(value, "number")


def figure_html(
    trace: dict[str, dict],
    key: str,
    figures_href: str,
    mine: Collection[str],
    seen: set[str],
    depth: int = 0,
    person_href=None,
) -> str:
    """One figure as ``<li>``: value, formula, legal source, and its inputs; those among ``mine`` (the figures of the
    person whose card it is; none on the ente's figures page) expanded."""
    f = trace[key]
    seen.add(key)
    label = f["label"] or key
    out = [
        f'<li id="{anchor(key)}"><span class="fig">{escape(label)}</span> = <strong>{escape(_value(f["value"], key))}</strong>',
        f'<div class="formula">{escape(f["formula"])}</div>' if f["formula"] else "",
        f'<div class="source">Fonte: {escape(_cited(f["source"]))}</div>' if f["source"] else "",
        f'<div class="note">{escape(f["note"])}</div>' if f.get("note") else "",
    ]
    items = []
    for i in (i for i in f["inputs"] if i["name"] != SAID_WHOLE):  # a mark for readers, no value read
        ref, cell = i.get("ref") or "", i.get("cell") or ""
        found = trace.get(ref) if ref else None
        shown = escape(
            input_shown(
                i["name"], i["value"], ref if found else "", cell, found["value"] if found else None, i.get("kind", "")
            )
        )
        text = f'{escape(i["name"])} = {shown}'
        if cell:
            text += f' <span class="cell">← {escape(i.get("place") or place(cell))}</span>'
        if ref and ref in trace:
            if ref in mine and ref not in seen and depth + 1 < MAX_DEPTH:
                text += f"<ul>{figure_html(trace, ref, figures_href, mine, seen, depth + 1, person_href)}</ul>"
            elif ref in mine:
                text += f' <a href="#{anchor(ref)}">(vedi sopra)</a>'
            elif person_href is not None and (href := person_href(ref)) is not None:
                text += f' <a href="{href}#{anchor(ref)}">{escape(trace[ref]["label"] or ref)}</a>'
            else:
                text += f' <a href="{figures_href}#{anchor(ref)}">{escape(trace[ref]["label"] or ref)}</a>'
        items.append(f"<li>{text}</li>")
    if items:
        out.append(
            f'<details open><summary>Dati di partenza ({len(items)})</summary><ul>{"".join(items)}</ul></details>'
        )
    out.append("</li>")
    return "".join(out)


def person_tree(trace: dict[str, dict], person: str, figures_href: str, person_href=None, own=None) -> str:
    """``person_href(key)``: the page of the person another figure is about (None: not a person's);
    ``own``: the person's figure keys (:func:`by_person`)."""
    seen: set[str] = set()
    keys = own if own is not None else by_person(trace, {person}).get(person, [])
    mine = frozenset(keys)
    parts = [
        figure_html(trace, k, figures_href, mine, seen, person_href=person_href)
        for k in roots(trace, person, keys)
        if k not in seen
    ]
    return f'<ul class="tree">{"".join(parts)}</ul>' if parts else ""


def shared_figures(trace: dict[str, dict], owned: Collection[str]) -> list[str]:
    """The keys the ente's figures page shows: every figure that is not about one person (``owned``: those that are,
    :func:`owners`), nor of the core's heads about someone who is not among the people."""
    return sorted(k for k in trace if k not in owned and k.partition(":")[0] not in OWN_HEADS)


def figures_page_html(trace: dict[str, dict], owned: Collection[str], person_href=None) -> str:
    shared = shared_figures(trace, owned)
    return (
        '<ul class="tree">'
        + "".join(figure_html(trace, k, "", (), set(), person_href=person_href) for k in shared)
        + "</ul>"
    )


def _cited(source: str) -> str:
    """A figure's source by its documents' titles (every installed plugin's: the cards are the store's)."""

    return cited(source)
