"""The ``ciclope`` command line (SPEC §7). Problems are printed for people, never as a traceback.

Exit codes: 0 every ente ok; 1 some ente failed or has error violations (the others are still
written); 2 bad command line or configuration, or a defect of the program that stopped the command (its
traceback in a file the message names, :mod:`.internal`).

A command's code is imported only when that command runs, as pip and Mercurial load theirs: the table
below names each command's function as ``module:function``, so ``ciclope calendar`` does not start by
importing SQLAlchemy, Jinja2 and openpyxl, which it never uses. Every module imports at its top; this
table is the one place that imports later.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

from ciclope.core import syserrors
from ciclope.core.commands import internal
from ciclope.core.commands.parser import build_parser
from ciclope.core.problems import CiclopeError
from ciclope.core.run.console import EXIT_CONFIG, EXIT_OK, render_problems

COMMANDS = {
    "run": "ciclope.core.commands.running:cmd_run",
    "validate": "ciclope.core.commands.running:cmd_validate",
    "explain": "ciclope.core.commands.reading:cmd_explain",
    "calendar": "ciclope.core.commands.reading:cmd_calendar",
    "report": "ciclope.core.commands.reading:cmd_report",
    "verify": "ciclope.core.commands.reading:cmd_verify",
    "plugins": "ciclope.core.commands.installed:cmd_plugins",
    "new-plugin": "ciclope.core.commands.installed:cmd_new_plugin",
    "regolamento": "ciclope.core.commands.installed:cmd_regulation",
    "template": "ciclope.core.commands.installed:cmd_template",
    "synth": "ciclope.core.commands.demo:cmd_synth",
    "demo": "ciclope.core.commands.demo:cmd_demo",
    "compare": "ciclope.core.compare.command:main",
    "history": "ciclope.core.store.commands:main",
    "diff": "ciclope.core.run.changes:main",
    "benchmark": "ciclope.core.store.commands:main",
    "site": "ciclope.core.site.command:main",
    "raccolta": "ciclope.core.raccolta.command:main",
    "schede-personali": "ciclope.core.schede.command:main",
}


def command(name: str) -> Callable[..., int]:
    """The function that runs the command ``name``, its module imported now."""
    module, _, function = COMMANDS[name].partition(":")
    found: Callable[..., int] = getattr(importlib.import_module(module), function)
    return found


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return command(args.command)(args)
    except CiclopeError as exc:
        print(render_problems(exc.problems), file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:  # pragma: no cover
        print("interrotto", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ciclope plugins | head`: the reader went away, nothing to report
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # any file the command could not read or write: one Italian line, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"ciclope: errore del sistema{where}: {syserrors.said(exc)}", file=sys.stderr)
        return EXIT_CONFIG
    except UnicodeError as exc:
        print(f"ciclope: testo non leggibile: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except Exception:  # a defect, not the office's data: said in Italian, the traceback in a file
        if internal.wanted_raw():
            raise
        print(internal.report(sys.argv[1:] if argv is None else argv), file=sys.stderr)
        return EXIT_CONFIG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
