"""Start-up: global options before or after the command, and an app that registers only the
command being run (typer builds every registered command's options at each start).

Written for typer 0.20 to 0.28 (pyproject pins ``typer<0.29``): it reads ``registered_commands``,
``registered_groups`` and ``typer.main.get_command_name``. May import: nothing of orggraph.
"""

from __future__ import annotations

__all__ = ["GLOBAL_OPTIONS", "Group", "hoist_global_options", "only_the_command_run"]

import typer
from typer.core import TyperGroup

#: Options that may come before the command name as well as after it; ``True`` if they take a value.
GLOBAL_OPTIONS = {"--data": True, "--roster": True, "--as-of": True, "--json": False}


def hoist_global_options(args: list[str], groups: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """``args`` with the global options given before the command moved after it (and after a
    group's sub-command), where the command's own options are parsed.

    >>> hoist_global_options(["--data", "d", "--json", "info"])
    ['info', '--data', 'd', '--json']
    >>> hoist_global_options(["--as-of=2016-01-01", "neo4j", "push", "-h"], {"neo4j"})
    ['neo4j', 'push', '--as-of=2016-01-01', '-h']
    """
    leading, i = [], 0
    while i < len(args) and args[i].split("=", 1)[0] in GLOBAL_OPTIONS:
        step = 2 if GLOBAL_OPTIONS[args[i].split("=", 1)[0]] and "=" not in args[i] else 1
        leading, i = leading + args[i:i + step], i + step
    if not leading or i >= len(args):
        return list(args)
    head, rest = [args[i]], list(args[i + 1:])
    if args[i] in groups and rest and not rest[0].startswith("-"):
        head, rest = head + rest[:1], rest[1:]
    return head + leading + rest


class Group(TyperGroup):
    """The root command: global options work before or after the command name."""

    def parse_args(self, ctx, args):
        groups = {name for name, command in self.commands.items() if isinstance(command, TyperGroup)}
        return super().parse_args(ctx, hoist_global_options(args, groups))


def only_the_command_run(app: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with only the command being run registered.

    Typer builds the options of every registered command at each start (about 1.5 ms a
    command); a query should not pay for all the others. Help and unknown commands get the full app.
    """
    import copy

    from typer.main import get_command_name

    args = hoist_global_options(args, {g.typer_instance.info.name for g in app.registered_groups})
    if not args:
        return app
    chosen = [c for c in app.registered_commands if (c.name or get_command_name(c.callback.__name__)) == args[0]]
    groups = [g for g in app.registered_groups if g.typer_instance.info.name == args[0]]
    if not chosen and not groups:
        return app
    slim = copy.copy(app)
    slim.registered_commands = chosen
    slim.registered_groups = groups
    return slim
