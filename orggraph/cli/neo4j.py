"""``orggraph neo4j``: push, pull, wipe and query the graph in Neo4j over Bolt.

Every command takes ``--uri``, ``--user`` and ``--database``; the password is read from the
environment variable ``NEO4J_PASSWORD`` only, so it never shows in the shell history or
the process list, and it is never printed.

May import: model, tables, formats, graphdb, cli.
"""

from __future__ import annotations

__all__ = ["neo4j_app"]

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from orggraph.cli._common import DataOption, JsonOption, RosterOption, echo, load_graph, print_json, reported
from orggraph.formats import FORMATS

neo4j_app = typer.Typer(
    name="neo4j",
    help="Push the graph to Neo4j, pull it back, and run the named queries there (password from NEO4J_PASSWORD).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

UriOption = Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="Server: bolt://, neo4j:// or their +s/+ssc variants.")]
UserOption = Annotated[str, typer.Option("--user", envvar="NEO4J_USER", help="User name.")]
DatabaseOption = Annotated[
    Optional[str],
    typer.Option("--database", envvar="NEO4J_DATABASE", help="Database; the server's default when not given.", show_default=False),
]
PullFormat = Enum("PullFormat", {f: f for f in FORMATS}, type=str)


def _store(uri: str, user: str, database: Optional[str]):
    from orggraph.graphdb.store import connect

    return connect(uri, user, os.environ.get("NEO4J_PASSWORD"), database)


def _where(store) -> str:
    return store.uri + (f" (database {store.database})" if store.database else "")


@neo4j_app.command()
def push(
    wipe: Annotated[bool, typer.Option("--wipe", help="First remove everything orggraph wrote before (and nothing else).")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per UNWIND statement (the default was chosen by measurement).")] = 1000,
    data: DataOption = None,
    roster: RosterOption = None,
    as_json: JsonOption = False,
    uri: UriOption = "bolt://localhost:7687",
    user: UserOption = "neo4j",
    database: DatabaseOption = None,
) -> None:
    """Write the graph to Neo4j: constraints first, then every node and relationship in one transaction.

    The password is read from the environment variable NEO4J_PASSWORD.

    Into a database with no node of orggraph's labels the nodes and relationships are CREATEd
    (the fast path); otherwise pushing again updates in place (MERGE on id). Either way a failure
    leaves the database as it was.
    """
    with reported():
        graph = load_graph(data, roster)
        with _store(uri, user, database) as store:
            result = store.push(graph, wipe=wipe, batch_size=batch_size)
            where = _where(store)
    if as_json:
        return print_json({**result, "database": where})
    if result["wiped"] is not None:
        w = result["wiped"]
        echo(f"Removed {w['nodes']} nodes and {w['relationships']} relationships orggraph had written"
                   + (f"; kept {w['kept']} nodes other data points at" if w["kept"] else ""))
    echo(f"Wrote {result['nodes']} nodes, {result['relationships']} relationships and {result['documents']} "
               f"documents to {where} in {result['batches']} batches, one transaction"
               + (" (created: the database held no orggraph data)" if result["fresh"] else " (merged on id)"))


@neo4j_app.command()
def pull(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Also write the pulled graph here (a folder for csv).", show_default=False)] = None,
    fmt: Annotated[PullFormat, typer.Option("--format", help="Format of -o; csv can be loaded again with --data.")] = PullFormat.csv,
    as_json: JsonOption = False,
    uri: UriOption = "bolt://localhost:7687",
    user: UserOption = "neo4j",
    database: DatabaseOption = None,
) -> None:
    """Read back what orggraph wrote to Neo4j, print its counts and optionally write it to a file."""
    from orggraph.formats import write_format
    from orggraph.model import KINDS, RELATIONS
    from orggraph.tables import render

    with reported():
        with _store(uri, user, database) as store:
            graph = store.pull()
            where = _where(store)
        written = write_format(graph, fmt.value, output) if output else []
    counts = graph.counts()
    if as_json:
        return print_json({**counts, "documents": len(graph.documents), "written": [str(p) for p in written]})
    echo(f"Pulled from {where}: {len(graph)} nodes, {sum(counts['edges'].values())} relationships, {len(graph.documents)} documents")
    echo(render([[k, KINDS[k], n] for k, n in counts["nodes"].items()], ["Art", "Beskrivelse", "Antal"]))
    echo()
    echo(render([[t, RELATIONS[t].label, n] for t, n in counts["edges"].items()], ["Relation", "Betydning", "Antal"]))
    for path in written:
        echo(f"{path} written")


@neo4j_app.command()
def wipe(
    as_json: JsonOption = False,
    uri: UriOption = "bolt://localhost:7687",
    user: UserOption = "neo4j",
    database: DatabaseOption = None,
) -> None:
    """Remove everything orggraph wrote (marked orggraph: true), and nothing else."""
    with reported():
        with _store(uri, user, database) as store:
            w = store.wipe()
            where = _where(store)
    if as_json:
        return print_json({**w, "database": where})
    echo(f"Removed {w['nodes']} nodes and {w['relationships']} relationships from {where}"
               + (f"; kept {w['kept']} nodes other data points at" if w["kept"] else ""))


def _print_result(rows: list[dict], as_json: bool) -> None:
    from orggraph.tables import cell, render

    if as_json:
        return print_json(rows)
    if not rows:
        echo("(no rows)")
        return
    headers = list(rows[0])
    echo(render([[cell(r.get(h)) for h in headers] for r in rows], headers, max_width=160))
    echo(f"({len(rows)} rows)")


@neo4j_app.command()
def query(
    name: Annotated[str, typer.Argument(help="A named query in cypher/ (who_supports, appointments, mirrors, path, members, memberships).")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE; VALUE is read as JSON when it is JSON (2, null, [\"UDPEGER\"]), else as text.", show_default=False)] = None,
    as_json: JsonOption = False,
    uri: UriOption = "bolt://localhost:7687",
    user: UserOption = "neo4j",
    database: DatabaseOption = None,
) -> None:
    """Run a named query from cypher/ and print its rows; parameters not given are null."""
    from orggraph.graphdb.named import named_query
    from orggraph.graphdb.store import parse_params

    with reported():
        chosen = named_query(name)
        params = parse_params(param or [], chosen.params)
        with _store(uri, user, database) as store:
            rows = store.query(chosen, params)
    _print_result(rows, as_json)


@neo4j_app.command()
def cypher(
    text: Annotated[str, typer.Argument(help="The Cypher to run, with $name parameters given by --param.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE, read as JSON when it is JSON.", show_default=False)] = None,
    as_json: JsonOption = False,
    uri: UriOption = "bolt://localhost:7687",
    user: UserOption = "neo4j",
    database: DatabaseOption = None,
) -> None:
    """Run ad-hoc Cypher in a read transaction, rolled back afterwards, and print its rows."""
    from orggraph.graphdb.store import parse_params

    with reported():
        names = tuple(dict.fromkeys(p.partition("=")[0] for p in param or []))
        params = parse_params(param or [], names)
        with _store(uri, user, database) as store:
            rows = store.run(text, params)
    _print_result(rows, as_json)
