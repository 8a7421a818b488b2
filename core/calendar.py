"""The regulation's calendar for the cycle year (rules/core.md §7): text and iCalendar."""
from __future__ import annotations

import datetime as dt

from .result import Result

STATUS = {"fatto": "fatto", "in ritardo": "IN RITARDO", "mancante": "MANCANTE", "": ""}


def render(results: list[Result]) -> str:
    lines = []
    for res in results:
        lines.append(f"{res.ente.id} — {res.ente.name} (regolamento {res.plugin.name}, ciclo {res.ente.year})")
        for d, status in sorted(res.calendar, key=lambda x: (x[0].due, x[0].act)):
            done = res.ente.approvals.get(d.approval) if d.approval else None
            when = f" (atto del {done.isoformat()})" if isinstance(done, dt.date) else ""
            lines.append(f"  {d.due.isoformat()}  {d.act:<60} {STATUS[status]}{when}  [{d.source}]")
        lines.append("")
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics(results: list[Result]) -> str:
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ciclope//calendario della performance//IT", "CALSCALE:GREGORIAN"]
    for res in results:
        for n, (d, status) in enumerate(res.calendar):
            uid = f"{res.ente.id}-{res.ente.year}-{n}@ciclope"
            out += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:19700101T000000Z",
                    f"DTSTART;VALUE=DATE:{d.due.strftime('%Y%m%d')}",
                    f"DTEND;VALUE=DATE:{(d.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                    f"SUMMARY:{_esc(f'{res.ente.name}: {d.act}')}",
                    f"DESCRIPTION:{_esc(f'Fase {d.phase}. Fonte: {d.source}. Stato: {status or chr(8212)}')}",
                    "END:VEVENT"]
    out.append("END:VCALENDAR")
    return "\r\n".join(out) + "\r\n"
