"""The ``orggraph`` command line. Each command parses, calls the library and prints:
a readable table with Danish labels by default, or exactly the library's result as
one JSON document with ``--json``.

Exit codes: 0 ok; 1 bad data, an unknown or ambiguous reference, or another failure;
2 a usage error. Errors go to standard error.

- :mod:`~orggraph.cli.commands`: the app and its commands;
- :mod:`~orggraph.cli.neo4j`: the ``neo4j`` group;
- :mod:`~orggraph.cli._common`: the options and helpers every command shares;
- :mod:`~orggraph.cli._startup`: global options anywhere, and a start-up that builds only the command run.

The CLI sits on top: it may import anything in orggraph; nothing in orggraph imports it.

May import: cli.
"""

from __future__ import annotations

__all__ = ["app", "main"]

import sys

from orggraph.cli._startup import only_the_command_run
from orggraph.cli.commands import app


def _terminated(signum, frame) -> None:
    """SIGTERM ends the run like Ctrl-C: cleanly, so no temporary file stays behind."""
    raise KeyboardInterrupt


def main() -> None:
    """Entry point of the ``orggraph`` console script and ``python -m orggraph``.

    Ctrl-C and SIGTERM stop with exit 130 and leave no partial file; output that cannot be
    written (a closed pipe, a full disk) ends with one line, not a traceback.
    """
    import os
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    try:
        only_the_command_run(app, sys.argv[1:])(prog_name="orggraph")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except OSError as err:  # what typer lets through: standard output or error cannot be written
        sys.stderr.write(f"orggraph: error: cannot write the output: {err.strerror or err}\n")
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except OSError as err:
        if not code:  # said once already when the command itself could not write
            sys.stderr.write(f"orggraph: error: cannot write the output: {err.strerror}\n")
        code = code or 1
    try:  # nothing more may go to a closed or full stdout, not even at the interpreter's exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(code)
