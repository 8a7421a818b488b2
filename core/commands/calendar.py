"""The regulation's calendar for the cycle year (rules/core.md §7): text for a terminal and iCalendar.

The deadlines come from the plugin (``ciclope_calendar``); their status from ``[approvals]``
(:func:`core.cycle.calendar_status`): *fatto*, *in ritardo* (the act is dated after the deadline),
*mancante* (no date recorded). Given ``today``, a missing act whose deadline has not passed yet is
shown as *da fare* rather than missing.

The iCalendar file follows RFC 5545: CRLF line ends, lines folded at 75 octets, text escaped, one
all-day VEVENT per deadline with a stable UID (same inputs → same file).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ciclope.core.entetoml import dated_after, future_said, italian_approval
from ciclope.core.outcomes import Deadline
from ciclope.core.phases import PHASE_NAMES
from ciclope.core.reports import fmt
from ciclope.core.result import Result

PRODID = "-//ciclope//calendario della performance//IT"
DTSTAMP = "20000101T000000Z"  # fixed: the file depends only on the inputs


FUTURE = "con data futura"  # the count of the acts dated after the day: neither done nor late


def future(deadline: Deadline, ente, today: dt.date | None) -> dt.date | None:
    """The date of the deadline's act where it is after ``today``: an act not done yet (:func:`dated_after`)."""
    return dated_after(ente.approvals.get(deadline.approval), today) if deadline.approval else None


def state(deadline: Deadline, status: str, ente, today: dt.date | None = None) -> str:
    """The status in words, with the act's date and the days of delay where known; an act dated after ``today``
    said as a future date, never as done."""
    done = ente.approvals.get(deadline.approval) if deadline.approval else None
    later = future(deadline, ente, today)
    if later is not None and today is not None:
        key = italian_approval(deadline.approval or "")
        return f"{future_said(later, today)} (controlla l'anno in [atti] {key} di ente.toml)"
    if status == "fatto":
        return f"fatto il {fmt.date_it(done)}" if isinstance(done, dt.date) else "fatto"
    if status == "in ritardo":
        days = (done - deadline.due).days if isinstance(done, dt.date) else None
        return (
            f"IN RITARDO di {days} giorn{'o' if days == 1 else 'i'} (atto del {fmt.date_it(done)})"
            if days is not None
            else "IN RITARDO"
        )
    if status == "mancante":
        if today is not None and today <= deadline.due:
            return "da fare"
        return f"MANCANTE (nessuna data in [atti] {italian_approval(deadline.approval or '')} di ente.toml)"
    return "da verificare (nessun atto da registrare in [atti])"


def ordered(result: Result) -> list[tuple[Deadline, str]]:
    return sorted(result.calendar, key=lambda x: (x[0].due, x[0].act))


def counts(result: Result, today: dt.date | None = None) -> dict[str, int]:
    out = {"fatto": 0, "in ritardo": 0, "mancante": 0, "da fare": 0, FUTURE: 0, "": 0}
    for d, status in result.calendar:
        if future(d, result.ente, today) is not None:
            out[FUTURE] += 1
        elif status == "mancante" and today is not None and today <= d.due:
            out["da fare"] += 1
        else:
            out[status] = out.get(status, 0) + 1
    return out


def render(results: list[Result], today: dt.date | None = None) -> str:
    lines = []
    for res in results:
        lines.append(f"{res.ente.id} — {res.ente.name} (ciclo {res.ente.year}; {regulation_of(res)})")
        rows = ordered(res)
        if not rows:
            lines.append("  il regolamento non definisce scadenze per questo ciclo")
            lines.append("")
            continue
        for d, status in rows:
            phase = PHASE_NAMES.get(d.phase, d.phase)
            lines.append(f"  {fmt.date_it(d.due)}  {d.act}")
            source = fmt.cite(d.source, res.plugin.documents)
            lines.append(f"  {'':10}  {state(d, status, res.ente, today)} · fase {phase} · fonte: {source}")
        c = counts(res, today)
        summary = [
            fmt.plural(len(rows), "scadenza", "scadenze"),
            fmt.plural(c["fatto"], "fatta", "fatte"),
            f"{c['in ritardo']} in ritardo",
            fmt.plural(c["mancante"], "mancante", "mancanti"),
        ]
        if c[FUTURE]:
            summary.append(f"{c[FUTURE]} {FUTURE}")
        if today is not None:
            summary.append(f"{c['da fare']} da fare (al {fmt.date_it(today)})")
        lines.append("  " + ", ".join(summary))
        lines.append("")
    return "\n".join(lines)


# -- iCalendar (RFC 5545) -------------------------------------------------------------------


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character (§3.1)."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + n > limit:
            out.append(current)
            current, size = ch, n
        else:
            current += ch
            size += n
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "atto"


def alarm(days: int | None, act: str) -> list[str]:
    """A reminder ``days`` before the act (RFC 5545 VALARM, shown by the calendar app); none for ``None``."""
    if days is None:
        return []
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"TRIGGER:-P{days}D",
        "DESCRIPTION:" + escape_text(f"Tra {fmt.plural(days, 'giorno', 'giorni')}: {act}"),
        "END:VALARM",
    ]


def events(res: Result, alarm_days: int | None = None) -> Iterable[list[str]]:
    used: set[str] = set()
    for d, status in ordered(res):
        uid = f"{res.ente.id}-{res.ente.year}-{d.due.strftime('%Y%m%d')}-{_slug(d.act)}"
        n, base = 2, uid
        while uid in used:
            uid = f"{base}-{n}"
            n += 1
        used.add(uid)
        description = (
            f"Fase: {PHASE_NAMES.get(d.phase, d.phase)}\nFonte: {fmt.cite(d.source, res.plugin.documents)}\n"
            f"Stato: {state(d, status, res.ente)}\nRegolamento: {regulation_of(res)}"
        )
        yield [
            "BEGIN:VEVENT",
            f"UID:{uid}@ciclope",
            f"DTSTAMP:{DTSTAMP}",
            f"DTSTART;VALUE=DATE:{d.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(f'{res.ente.name}: {d.act}')}",
            f"DESCRIPTION:{escape_text(description)}",
            f"CATEGORIES:{escape_text(PHASE_NAMES.get(d.phase, d.phase))}",
            "TRANSP:TRANSPARENT",
            *alarm(alarm_days, d.act),
            "END:VEVENT",
        ]


def regulation_of(res: Result) -> str:
    """The regulation the ente applies, by its documents' titles (the plugin's name when it declares none)."""
    titles = [fmt.regulation(x, res.plugin.documents) for x in res.plugin.regulations]
    return "; ".join(titles) or res.plugin.name


def ics(results: list[Result], alarm_days: int | None = None) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text('Scadenze del ciclo della performance')}",
    ]
    for res in results:
        for event in events(res, alarm_days):
            lines += event
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
