"""What every command shares: the global options, the date an answer is for, loading the
data, printing, and the one place where library errors become exit codes.

May import: exceptions, progress, atomic, model, tables, readwrite.
"""

from __future__ import annotations

__all__ = ["AsOfOption", "DataOption", "ExportAsOfOption", "JsonOption", "KindChoice", "RosterOption", "answer", "answer_day", "check_date",
           "echo", "load_graph", "print_json", "progress_shown", "reported", "stand_line", "status"]

import json
import os
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from orggraph.exceptions import InvalidDataset, InvalidRoster, OrgGraphError, UsageError
from orggraph.model import KINDS

KindChoice = Enum("KindChoice", {k: k for k in KINDS}, type=str)  # typer validates and lists the choices


def check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


DataOption = Annotated[
    Optional[Path],
    typer.Option("--data", metavar="PATH", help="Load this dataset (a YAML directory or a CSV pair) instead of the packaged one.", show_default=False),
]
RosterOption = Annotated[
    Optional[list[Path]],
    typer.Option("--roster", metavar="FILE", show_default=False,
                 help="Add the persons of a member roster (CSV or XLSX; repeat for several) on top of the data. "
                      "A roster is never cached or written anywhere but to this command's own output."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of a table.")]
AsOfOption = Annotated[
    Optional[str],
    typer.Option("--as-of", metavar="DATE", callback=check_date, show_default=False,
                 help="Only facts in force on this date (YYYY-MM-DD). Default: the current state of the data, the latest "
                      "change on or before today, named in the output (--as-of 2022-01-01 for the RAR era)."),
]


ExportAsOfOption = Annotated[
    Optional[str],
    typer.Option("--as-of", metavar="DATE", callback=check_date, show_default=False,
                 help="Only facts in force on this date (YYYY-MM-DD). Default: every date, each fact with its validity dates."),
]


def answer_day(graph, as_of: Optional[str]) -> tuple[Optional[str], bool]:
    """The date to answer for, and whether it is the default (the data's current state, see OrgGraph.current_day)."""
    if as_of is not None:
        return as_of, False
    return graph.current_day(), True


def answer(question: Callable, data: Optional[Path], roster: Optional[list[Path]], as_of: Optional[str]) -> tuple:
    """Load the data (with the rosters) and ask ``question(graph, day)`` for the date the user gave or the
    data's current state, inside :func:`reported`; returns ``(graph, result, day, defaulted)``."""
    with reported():
        graph = load_graph(data, roster)
        day, defaulted = answer_day(graph, as_of)
        return graph, question(graph, day), day, defaulted


def stand_line(day: Optional[str], defaulted: bool) -> str:
    """The line that names the date of an answer."""
    if day is None:
        return "Alle datoer (data har ingen datoer på eller før i dag)"
    if defaulted:
        return f"Stand pr. {day} (seneste ændring i data; vælg en anden dato med --as-of)"
    return f"Stand pr. {day}"



#: Set to 1 to show progress even when standard error is not a terminal, 0 never to show it.
PROGRESS_ENV = "ORGGRAPH_PROGRESS"
#: Seconds of work before the progress bar appears (work that ends sooner shows none).
PROGRESS_DELAY = 2.0


def progress_shown() -> bool:
    """Whether long work shows progress: on a terminal, unless ORGGRAPH_PROGRESS says otherwise."""
    wanted = os.environ.get(PROGRESS_ENV, "").strip()
    if wanted in ("0", "1"):
        return wanted == "1"
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _Bar:
    """A :class:`orggraph.progress.Reporter` drawing rich's bars on stderr once the work has taken PROGRESS_DELAY seconds."""

    def __init__(self, delay: float) -> None:
        import threading

        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.bars = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("elapsed"),
                             TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                             console=Console(stderr=True, force_terminal=True), transient=True)
        self.timer = threading.Timer(delay, self.bars.start)
        self.timer.daemon = True

    def start(self, description: str, total: int | None) -> object:
        if not self.timer.is_alive() and not self.timer.finished.is_set():
            self.timer.start()
        return self.bars.add_task(description, total=total)

    def advance(self, handle, n: int) -> None:
        self.bars.advance(handle, n)

    def finish(self, handle) -> None:
        self.bars.remove_task(handle)

    def close(self) -> None:
        self.timer.cancel()
        if self.timer.is_alive():
            self.timer.join()
        self.bars.stop()


@contextmanager
def _progress():
    """Show the progress the library reports while the command runs (see :func:`progress_shown`)."""
    from orggraph.progress import reporting

    if not progress_shown():
        yield
        return
    bar = _Bar(float(os.environ.get("ORGGRAPH_PROGRESS_DELAY", PROGRESS_DELAY)))
    try:
        with reporting(bar):
            yield
    finally:
        bar.close()


@contextmanager
def reported():
    """Turn library errors into one line each on stderr and exit code 1; show progress meanwhile."""
    try:
        with _progress():
            yield
    except InvalidRoster as err:
        for problem in err.errors:
            echo(str(problem), err=True)
        echo(f"orggraph: the roster has {len(err.errors)} problem(s); nothing was answered or written. "
             "Check it with 'orggraph validate --roster FILE'.", err=True)
        raise typer.Exit(1) from None
    except InvalidDataset as err:
        for problem in err.errors:
            echo(str(problem), err=True)
        echo(f"orggraph: the dataset has {len(err.errors)} problem(s); see 'orggraph validate'.", err=True)
        raise typer.Exit(1) from None
    except UsageError as err:
        echo(f"orggraph: usage error: {err}", err=True)
        echo("Try 'orggraph COMMAND -h' for help.", err=True)
        raise typer.Exit(2) from None
    except OrgGraphError as err:
        echo(f"orggraph: error: {err}", err=True)
        raise typer.Exit(1) from None


def echo(text: str = "", err: bool = False, wrap: bool = True) -> None:
    """Print ``text`` with every character a terminal could act on escaped (see :func:`orggraph.tables.printable`),
    and lines wrapped to the terminal's width when it is known."""
    from orggraph.tables import printable, terminal_width

    text, width = printable(text), terminal_width() if wrap and not err else None
    if width:
        import textwrap

        text = "\n".join(
            "\n".join(textwrap.wrap(line, width, subsequent_indent=" " * (len(line) - len(line.lstrip()) + 2),
                                     break_on_hyphens=False)) if len(line) > width else line
            for line in text.split("\n"))
    typer.echo(text, err=err)


def status(text: str, output) -> None:
    """A 'written' line: on stdout, or on stderr when the output itself went to stdout."""
    from orggraph.atomic import is_stdout

    echo(text, err=output is not None and is_stdout(output))


def load_graph(data: Optional[Path], roster: Optional[list[Path]] = None):
    """The dataset (cached), with the rosters' persons added to a copy that is never cached."""
    from orggraph.progress import task
    from orggraph.readwrite.load import load

    with task("Loading the data"):
        graph = load(data)
    if roster:
        from orggraph.readwrite.roster import add_rosters

        graph = add_rosters(graph, roster)
    return graph


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def print_json(result) -> None:
    text = json.dumps(result, ensure_ascii=False, indent=2)
    typer.echo(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
