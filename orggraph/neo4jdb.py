"""The graph in Neo4j, through the official ``neo4j`` driver over Bolt.

:func:`connect` opens a :class:`Store` on a server; the store pushes a graph, pulls it
back, wipes what orggraph wrote and runs named or ad-hoc queries. The Cypher that writes
is :mod:`orggraph.formats.cypher`, the same statements as the exported script.

- **Encoding**: one label per kind and one relationship type per relation; properties are
  the flat encoding of :mod:`orggraph.formats.flat` (``sources`` as JSON text,
  ``source_documents`` and ``aliases`` as lists, ``attrs`` as JSON text plus each scalar
  attribute as its own property), and ``orggraph: true`` on everything orggraph writes.
  The cited documents become ``:Kilde`` nodes (``id``, ``title``, …, and ``register``, the
  register entry as JSON text), so a pull gets the register back.
- **Idempotent**: nodes are MERGEd on their label and ``id``, relationships on their type,
  ends and ``id``, then their properties are replaced; pushing twice gives the same counts.
- **Atomic**: the schema (``cypher/schema.cypher``) runs first, each statement on its own
  (Neo4j does not mix schema and data changes in one transaction, and ``IF NOT EXISTS``
  makes it safe to repeat); then the wipe, if asked, and every batch run in **one explicit
  transaction**, committed at the end. If anything fails, the transaction is rolled back
  and the database holds what it held before.
- **Wipe** deletes only relationships and nodes that carry ``orggraph: true``; a node that
  other data still points at is kept, and counted as kept.

The password is read from ``NEO4J_PASSWORD`` by the CLI and passed here; it never appears in
an error message.

>>> store = connect("bolt://127.0.0.1:1", password="x", timeout=0.5)
Traceback (most recent call last):
...
orggraph.exceptions.Neo4jConnectionError: cannot reach a Neo4j server at bolt://127.0.0.1:1: connection refused
"""

from __future__ import annotations

__all__ = ["SCHEMES", "Store", "connect", "parse_params"]

import json
import re
from collections.abc import Callable

from orggraph.exceptions import Neo4jConnectionError, Neo4jQueryError, OrgGraphError
from orggraph.formats.cypher import DOCUMENT_LABEL, MARK, document_batches, edge_batches, node_batches, schema_statements
from orggraph.formats.flat import edge_record, from_json, node_record
from orggraph.graph import OrgGraph
from orggraph.model import KINDS

#: URI schemes the driver accepts: direct (bolt) or routed (neo4j), plain or encrypted.
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
def parse_params(pairs: list[str], declared: tuple[str, ...]) -> dict:
    """``--param k=v`` pairs as query parameters; every declared parameter not given is null.

    A value is read as JSON when it is JSON (``2``, ``null``, ``["UDPEGER"]``), else as text.

    >>> parse_params(["target=rar-nordjylland", "max_length=2"], ("target", "max_length", "as_of"))
    {'target': 'rar-nordjylland', 'max_length': 2, 'as_of': None}
    >>> parse_params(["who=x"], ("target",))
    Traceback (most recent call last):
    ...
    orggraph.exceptions.Neo4jQueryError: --param who=x: the query takes no parameter 'who'; it takes: target
    """
    params = dict.fromkeys(declared)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise Neo4jQueryError(f"--param {pair}: write it as NAME=VALUE")
        if key not in declared:
            raise Neo4jQueryError(f"--param {pair}: the query takes no parameter {key!r}; it takes: {', '.join(declared) or 'none'}")
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _plain(value):
    """A driver value (node, relationship, path, list, map) as plain JSON-ready data."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_plain(r) for r in value.relationships]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


class Store:
    """An open connection to one database of a Neo4j (or Bolt-speaking) server."""

    def __init__(self, driver, uri: str, database: str | None):
        self._driver = driver
        self.uri = uri
        self.database = database

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the driver and its connections."""
        self._driver.close()

    def _session(self, read: bool = False):
        import neo4j

        return self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS)

    def _failed(self, action: str, err: Exception) -> OrgGraphError:
        import neo4j.exceptions as ne

        if isinstance(err, (ne.ServiceUnavailable, ne.SessionExpired)):
            return Neo4jConnectionError(f"lost the connection to {self.uri} while trying to {action}")
        message = getattr(err, "message", None) or str(err)
        return Neo4jQueryError(f"{action} failed on {self.uri}: {' '.join(str(message).split())}")

    def push(self, graph: OrgGraph, *, wipe: bool = False, batch_size: int = 1000,
             progress: Callable[[int], None] | None = None) -> dict:
        """Write ``graph``: schema first, then (after a wipe, if asked) every batch in one transaction.

        Returns ``{"nodes", "relationships", "documents", "batches", "wiped"}``: what was written,
        and what the wipe removed (or ``None``). ``progress`` is called with the number of
        elements written after each batch. On any failure nothing of the data part is kept.
        """
        try:
            with self._session() as session:
                for statement in schema_statements():
                    session.run(statement).consume()
                with session.begin_transaction() as tx:
                    wiped = self._wipe(tx) if wipe else None
                    counts = {"nodes": 0, "relationships": 0, "documents": 0, "batches": 0}
                    written = 0
                    for what, batches in (("documents", document_batches(graph, batch_size)),
                                          ("nodes", node_batches(graph, batch_size)),
                                          ("relationships", edge_batches(graph, batch_size))):
                        for statement, rows in batches:
                            tx.run(statement, rows=rows).consume()
                            counts[what] += len(rows)
                            counts["batches"] += 1
                            written += len(rows)
                            if progress:
                                progress(written)
                    tx.commit()
        except OrgGraphError:
            raise
        except Exception as err:  # the transaction's context has rolled it back
            raise self._failed("push the graph", err) from None
        return {**counts, "wiped": wiped}

    @staticmethod
    def _wipe(tx) -> dict:
        relationships = tx.run(f"MATCH ()-[r]->() WHERE r.{MARK} = true DELETE r RETURN count(r) AS n").single()["n"]
        linked = f"MATCH (n) WHERE n.{MARK} = true OPTIONAL MATCH (n)--(m) WITH n, count(m) AS links"
        kept = tx.run(f"{linked} WHERE links > 0 RETURN count(n) AS n").single()["n"]
        nodes = tx.run(f"{linked} WHERE links = 0 DELETE n RETURN count(n) AS n").single()["n"]
        return {"nodes": nodes, "relationships": relationships, "kept": kept}

    def wipe(self) -> dict:
        """Delete what orggraph wrote, in one transaction: ``{"nodes", "relationships", "kept"}``.

        Only nodes and relationships with ``orggraph: true`` are deleted; ``kept`` counts
        orggraph's nodes left in place because other data is still attached to them.
        """
        try:
            with self._session() as session:
                return session.execute_write(self._wipe)
        except Exception as err:
            raise self._failed("wipe orggraph's data", err) from None

    def pull(self) -> OrgGraph:
        """Read back what orggraph wrote as an :class:`OrgGraph` (the inverse of :meth:`push`)."""

        def read(tx):
            nodes = [(r["labels"], r["props"]) for r in tx.run(f"MATCH (n) WHERE n.{MARK} = true RETURN labels(n) AS labels, properties(n) AS props")]
            edges = [(r["a"], r["b"], r["type"], r["props"]) for r in tx.run(
                f"MATCH (a)-[r]->(b) WHERE r.{MARK} = true RETURN a.id AS a, b.id AS b, type(r) AS type, properties(r) AS props")]
            return nodes, edges

        try:
            with self._session(read=True) as session:
                found_nodes, found_edges = session.execute_read(read)
        except Exception as err:
            raise self._failed("pull the graph", err) from None
        documents, nodes = {}, []
        for labels, props in found_nodes:
            if DOCUMENT_LABEL in labels:
                documents[props["id"]] = from_json(props["register"])
                continue
            kinds = [label for label in labels if label in KINDS]
            if len(kinds) != 1:
                raise Neo4jQueryError(f"node {props.get('id')!r} on {self.uri} has labels {sorted(labels)}, not one kind of the vocabulary")
            nodes.append({**node_record(props), "kind": kinds[0]})
        edges = [{**edge_record(props, a, b), "type": rel} for a, b, rel, props in found_edges]
        nodes.sort(key=lambda r: r["id"])
        edges.sort(key=lambda r: r["id"])
        return OrgGraph.from_records(nodes, edges, documents)

    def run(self, text: str, params: dict | None = None) -> list[dict]:
        """Run Cypher in a read transaction that is rolled back afterwards, and return its rows.

        Rolling back means even a server that lets a write through in read mode keeps nothing.
        """
        try:
            with self._session(read=True) as session:
                tx = session.begin_transaction()
                try:
                    return [{k: _plain(v) for k, v in record.items()} for record in tx.run(text, params or {})]
                finally:
                    tx.rollback()
        except Exception as err:
            raise self._failed("run the query", err) from None

    def query(self, query, params: dict | None = None) -> list[dict]:
        """Run a named query from ``cypher/`` (a name or a :class:`~orggraph.namedqueries.NamedQuery`);
        undeclared parameters are refused, declared ones not given are null."""
        from orggraph.namedqueries import named_query

        query = named_query(query) if isinstance(query, str) else query
        unknown = set(params or {}) - set(query.params)
        if unknown:
            raise Neo4jQueryError(f"query {query.name!r} takes no parameter {', '.join(sorted(unknown))}; it takes: {', '.join(query.params)}")
        return self.run(query.body, {**dict.fromkeys(query.params), **(params or {})})

    def counts(self) -> dict:
        """Nodes and relationships in the whole database, orggraph's or not: ``{"nodes", "relationships"}``."""
        rows = self.run("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships")
        return rows[0]


def connect(uri: str, user: str = "neo4j", password: str | None = None, database: str | None = None,
            *, timeout: float = 10.0) -> Store:
    """Connect to ``uri`` and check that the server answers and accepts the credentials.

    Raises :class:`~orggraph.exceptions.Neo4jConnectionError` with one line when the URI is
    malformed, the server cannot be reached or the credentials are refused.
    """
    import neo4j
    import neo4j.exceptions as ne

    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in SCHEMES or not re.match(r"^[a-z0-9+]+://[^/\s]+", uri):
        raise Neo4jConnectionError(f"{uri!r} is not a Neo4j URI; use {', '.join(s + '://HOST:PORT' for s in SCHEMES[:1] + SCHEMES[3:4])} (or their +s variants)")
    if password is None:
        raise Neo4jConnectionError("no password: set the environment variable NEO4J_PASSWORD")
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout,
                                            max_transaction_retry_time=0, keep_alive=True)
    except (ne.ConfigurationError, ValueError) as err:
        raise Neo4jConnectionError(f"cannot use {uri}: {err}") from None
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            session.run("RETURN 1").consume()
    except ne.AuthError:
        driver.close()
        raise Neo4jConnectionError(f"{uri} refused the credentials of user {user!r}; check --user and NEO4J_PASSWORD") from None
    except (ne.ServiceUnavailable, ne.SessionExpired, OSError) as err:
        driver.close()
        reason = "connection refused" if "refused" in str(err).lower() else "no answer"
        raise Neo4jConnectionError(f"cannot reach a Neo4j server at {uri}: {reason}") from None
    except ne.Neo4jError as err:
        driver.close()
        where = f" database {database!r}" if database else ""
        raise Neo4jConnectionError(f"{uri}{where}: {' '.join(str(err.message or err).split())}") from None
    return Store(driver, uri, database)
