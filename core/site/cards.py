"""Person cards: the explanation chain of a person's score and amount as a nested tree, from the trace
the store keeps (no recomputation).

The figures about the person (``award:P…``, ``score:P…``, ``card:P…``, ``person:P``) are expanded in
the card; a figure shared by the ente (an objective, a unit, a pool…) is a link to the ente's page of
figures (``cifre.html``), where each one is shown once with its own inputs and links further down."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from ciclope.core.run.citing import cited
from ciclope.core.run.explain import input_shown, place, show, value_kind

MAX_DEPTH = 8
OWN_HEADS = ("award", "score", "card", "person", "progression")  # progression:P1, a place in a graduatoria


def anchor(key: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", key)


def by_person(trace: dict[str, dict], people: set[str]) -> dict[str, list[str]]:
    """Each person's own figure keys, found in one pass over the trace (not one pass per person)."""
    out: dict[str, list[str]] = {}
    for key in trace:
        pid = owner(key, people)
        if pid is not None:
            out.setdefault(pid, []).append(key)
    return out


def roots(trace: dict[str, dict], person: str, own: list[str] | None = None) -> list[str]:
    """The figures a card starts from: award, score, card and organizational part of the person, then the
    person's other figures (a bonus, a band, a unit part) in key order. ``own``: from :func:`by_person`."""
    first = [k.format(person) for k in ("award:{}", "score:{}", "card:{}", "person:{}")]
    found = [k for k in first if k in trace]
    keys = own if own is not None else [k for k in trace if _own(k, person)]
    found += sorted(k for k in keys if k.partition(":")[0] != "person" and k not in found)
    return found


def _own(key: str, person: str) -> bool:
    head, _, rest = key.partition(":")
    return head in OWN_HEADS and (rest == person or rest.startswith(person + ":"))


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
    person: str | None,
    seen: set[str],
    depth: int = 0,
    person_href=None,
) -> str:
    """One figure as ``<li>``: value, formula, legal source, and its inputs (own figures expanded)."""
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
    for i in f["inputs"]:
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
            if person is not None and _own(ref, person) and ref not in seen and depth + 1 < MAX_DEPTH:
                text += f"<ul>{figure_html(trace, ref, figures_href, person, seen, depth + 1, person_href)}</ul>"
            elif person is not None and _own(ref, person):
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
    parts = [
        figure_html(trace, k, figures_href, person, seen, person_href=person_href)
        for k in roots(trace, person, own)
        if k not in seen
    ]
    return f'<ul class="tree">{"".join(parts)}</ul>' if parts else ""


def shared_figures(trace: dict[str, dict]) -> list[str]:
    """The keys the ente's figures page shows: every figure that is not about one person."""
    return sorted(k for k in trace if k.partition(":")[0] not in OWN_HEADS)


def figures_page_html(trace: dict[str, dict], person_href=None) -> str:
    return (
        '<ul class="tree">'
        + "".join(figure_html(trace, k, "", None, set(), person_href=person_href) for k in shared_figures(trace))
        + "</ul>"
    )


def _cited(source: str) -> str:
    """A figure's source by its documents' titles (every installed plugin's: the cards are the store's)."""

    return cited(source)
