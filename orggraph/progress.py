"""Progress of long work, reported by the library and shown (or not) by whoever runs it.

The loaders and writers call :func:`task` (a step with an optional total) and advance it,
or wrap a loop in :func:`track`; by default nothing is shown and the cost is one function
call per thousand items. The command line installs a reporter with :func:`reporting`
(:mod:`orggraph.cli._common` draws a bar with ``rich`` on standard error when it is a
terminal); a library user may install their own: anything with ``start(description,
total) -> handle``, ``advance(handle, n)`` and ``finish(handle)``.

>>> seen = []
>>> class Recorder:
...     def start(self, description, total): seen.append((description, total)); return len(seen)
...     def advance(self, handle, n): seen.append(n)
...     def finish(self, handle): seen.append("done")
>>> with reporting(Recorder()):
...     total = sum(track(range(2500), "Writing nodes", 2500))
>>> seen
[('Writing nodes', 2500), 1024, 1024, 452, 'done']
>>> sum(track(range(3), "nobody watches"))  # no reporter: the items pass through
3

May import: nothing of orggraph.
"""

from __future__ import annotations

__all__ = ["Reporter", "reporting", "task", "track"]

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Callable, Protocol, TypeVar

T = TypeVar("T")
#: How many items pass between two reports of a tracked loop.
STEP = 1024


class Reporter(Protocol):
    """What shows progress: a step starts, advances by counts, and finishes."""

    def start(self, description: str, total: int | None) -> object: ...
    def advance(self, handle: object, n: int) -> None: ...
    def finish(self, handle: object) -> None: ...


_reporter: Reporter | None = None


@contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Send the progress of the work done inside to ``reporter`` (None: to nobody)."""
    global _reporter
    before, _reporter = _reporter, reporter
    try:
        yield
    finally:
        _reporter = before


def _ignore(n: int = 1) -> None:
    pass


@contextmanager
def task(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A step of work: yields ``advance(n)``, to call with the count of items done since the last call."""
    reporter = _reporter
    if reporter is None:
        yield _ignore
        return
    handle = reporter.start(description, total)
    try:
        yield lambda n=1: reporter.advance(handle, n)
    finally:
        reporter.finish(handle)


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """The ``items``, reported as a step of ``total`` items every :data:`STEP` of them."""
    if _reporter is None:
        yield from items
        return
    with task(description, total) as advance:
        done = 0
        for done, item in enumerate(items, start=1):
            yield item
            if not done % STEP:
                advance(STEP)
        if done % STEP:
            advance(done % STEP)
