"""Long multi-ente runs show progress on a terminal and stay quiet when not on one (SPEC §7)."""

from __future__ import annotations

import io
import sys

from ciclope.core.commands import cli, running
from ciclope.core.run.runner import EnteOutcome, run_plan

from helpers import two_enti as setup


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_progress_when_not_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert running.progress() is None


def test_progress_on_a_terminal_counts_up_and_ends_the_line(monkeypatch):
    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    show = running.progress()
    assert show is not None
    show(1, 3, EnteOutcome("cm-a-very-long-identifier-of-an-ente", "comunita_montane", "ok"))
    show(2, 3, EnteOutcome("cm-b", "comunita_montane", "failed"))
    show(3, 3, EnteOutcome("cm-c", "comunita_montane", "ok"))
    out = term.getvalue()
    assert "[1/3] cm-a-very-long-identifier-of-an-ente" in out
    assert out.count("\n") == 1 and out.endswith("\n")  # one line, rewritten in place
    # what the terminal shows after each update: a shorter id leaves nothing of a longer one
    before_third = out[: out.rindex("\r", 0, out.index("[3/3]"))]
    assert screen(before_third).rstrip() == "[2/3] cm-b"
    assert screen(out).rstrip() == "[3/3] cm-c"


def screen(stream: str) -> str:
    """The last line a terminal shows: '\\r' returns to column 0, ESC[K clears to the end of the line."""
    line: list[str] = []
    col, i = 0, 0
    while i < len(stream):
        if stream.startswith("\x1b[K", i):
            del line[col:]
            i += 3
            continue
        ch = stream[i]
        if ch == "\r":
            col = 0
        elif ch == "\n":
            if i != len(stream) - 1:
                line, col = [], 0
        else:
            if col < len(line):
                line[col] = ch
            else:
                line.append(ch)
            col += 1
        i += 1
    return "".join(line)


def test_run_plan_reports_every_ente_in_order(tmp_path):
    from ciclope.core.inputs.config import load_config

    cfg = setup(tmp_path)
    seen = []
    outcomes = run_plan(load_config(cfg), progress=lambda n, total, o: seen.append((n, total, o.id)))
    assert seen == [(1, 2, "buono"), (2, 2, "rotto")]
    assert [o.id for o in outcomes] == ["buono", "rotto"]


def test_cli_run_is_quiet_off_terminal(tmp_path, capsys):
    cfg = setup(tmp_path)
    cli.main(["run", str(cfg)])
    err = capsys.readouterr().err
    assert "\r[" not in err and "[1/2]" not in err


def test_cli_run_shows_progress_on_a_terminal(tmp_path, monkeypatch, capsys):
    cfg = setup(tmp_path)
    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    cli.main(["run", str(cfg)])
    assert "[1/2] buono" in term.getvalue() and "[2/2] rotto" in term.getvalue()
