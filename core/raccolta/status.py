"""The table ``raccolta unisci`` prints: for every workbook sent, whether it came back, what was merged,
which cards are incomplete."""

from __future__ import annotations

from ciclope.core.raccolta.manifest import Manifest
from ciclope.core.raccolta.merge import Tally
from ciclope.core.raccolta.readback import Returned
from ciclope.core.reports.fmt import plural


def _state(evaluator: str, found: list[Returned], tally: Tally) -> str:
    if not found:
        return "MANCANTE"
    if evaluator in tally.refused:
        return "RESPINTA: due cartelle"
    r = found[0]
    if not r.accepted:
        tampered = any(p.rule == "raccolta.manomessa" for p in r.problems)
        return "RESPINTA: modificata fuori dalle celle da compilare" if tampered else "RESPINTA: vedi gli errori"
    return f"restituita ({r.file}, {r.received})"


def render(man: Manifest, returned: list[Returned], tally: Tally) -> str:
    by: dict[str, list[Returned]] = {}
    for back in returned:
        if back.evaluator is not None:
            by.setdefault(back.evaluator, []).append(back)
    sent = plural(len(man.sent), "cartella inviata", "cartelle inviate")
    whose = f"di {man.name} ({man.ente})" if man.name else f"dell'ente {man.ente}"
    lines = [f"Raccolta {man.year} {whose}: {sent}", ""]
    strangers = [r for r in returned if r.evaluator is None]
    # the names column as wide as its longest name: an evaluator's name is never cut
    wide = max([30, *(len(s.label) for s in man.sent), *(len(r.file) for r in strangers)])
    lines.append(f"{'valutatore':<16} {'nome':<{wide}} {'schede':>11} {'indicatori':>10}  stato")
    done = missing = 0
    for s in man.sent:
        found = by.get(s.evaluator, [])
        r: Returned | None = found[0] if found else None
        complete = len(r.complete()) if r is not None and r.accepted else 0
        actuals = len(r.actuals) if r is not None and r.accepted else 0
        lines.append(
            f"{s.evaluator:<16} {s.label:<{wide}} {complete:>4} su {len(s.people):<4} "
            f"{actuals:>3} su {len(s.indicators):<3}  {_state(s.evaluator, found, tally)}"
        )
        if r is not None and r.accepted and r.incomplete():
            lines.append(f"{'':<16}   schede incomplete (non unite): {', '.join(r.incomplete())}")
        done += bool(found)
        missing += not found
    for stranger in strangers:
        lines.append(f"{'?':<16} {stranger.file:<{wide}} {'':>11} {'':>10}  RESPINTA: non è di questa raccolta")
    lines += [
        "",
        f"Restituite {done} su {len(man.sent)}; mancanti {missing}. Schede unite: {len(tally.added)} nuove, "
        f"{len(tally.updated)} aggiornate, {len(tally.same)} già presenti; "
        f"consuntivi uniti: {sum(tally.actuals.values())}.",
    ]
    return "\n".join(lines)
