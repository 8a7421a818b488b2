"""What a command hands back to the person at the terminal: its exit code and the listing of problems.

Kept apart from :mod:`.cli` so that the commands living in their own packages (``compare``, ``raccolta``)
use them without importing the command line that imports them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ciclope.core.problems import Problem
from ciclope.core.reports.fmt import worded
from ciclope.core.run.citing import cited

EXIT_OK, EXIT_ENTE, EXIT_CONFIG = 0, 1, 2


def render_problems(
    problems: Sequence[Problem], limit: int = 200, total: int | None = None, words: Mapping[str, str] | None = None
) -> str:
    """The first ``limit`` problems; ``total`` = how many there were when ``problems`` is already cut; ``words``:
    the plugin's words for its codes (a fund, a status), said in the messages."""
    shown = [attrs.evolve(p, message=worded(p.message, words)) for p in problems[:limit]] if words else problems
    lines = [p.render(cited) for p in shown[:limit]]
    total = len(problems) if total is None else max(total, len(problems))
    hidden = total - min(limit, len(problems))
    if hidden > 0:
        lines.append(f"… e {'un altro problema' if hidden == 1 else f'altri {hidden} problemi'}")
    if total > len(problems):
        lines.append("1 problema" if total == 1 else f"{total} problemi")
    else:
        n = sum(1 for p in problems if p.is_error)
        notes = sum(1 for p in problems if p.is_notice)
        warnings = len(problems) - n - notes
        said = f"{n} {'errore' if n == 1 else 'errori'}, {warnings} {'avviso' if warnings == 1 else 'avvisi'}"
        lines.append(said + (f", {notes} {'nota' if notes == 1 else 'note'} sul formato dei file" if notes else ""))
    return "\n".join(lines)
