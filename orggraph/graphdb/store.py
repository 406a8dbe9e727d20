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
- **Fast when fresh**: into a database with no node of orggraph's labels
  (:func:`holds_orggraph_labels`, asked inside the push's transaction) MERGE could find
  nothing, so the same rows are CREATEd instead: the server's raw ingest, with no search
  for an existing element before each write (measured by ``tests/benchmarks/test_neo4j_scale.py``).
- **Atomic**: the schema (``cypher/schema.cypher``) runs first, each statement on its own
  (Neo4j does not mix schema and data changes in one transaction, and ``IF NOT EXISTS``
  makes it safe to repeat); then the wipe, if asked, the check for the fast path and every
  batch run in **one explicit transaction**, committed at the end, on either path. If
  anything fails, the transaction is rolled back and the database holds what it held before.
- **Wipe** deletes only relationships and nodes that carry ``orggraph: true``; a node that
  other data still points at is kept, and counted as kept.

The password is read from ``NEO4J_PASSWORD`` by the CLI and passed here; it never appears in
an error message. A URI with credentials in it (``bolt://user:PASSWORD@host``) is refused, and
shown with the password replaced by ``***``.

- **Read-only queries**: :meth:`Store.run` (``orggraph neo4j cypher``, the named queries) runs in
  a READ-mode session and a transaction that is always rolled back. A server may ignore READ
  mode (ArcadeDB keeps the schema types and indexes of a rolled-back ``CREATE``), so the text
  is also checked first and a write clause is refused: see :func:`write_clauses`.

May import: exceptions, model, graph, formats, graphdb.

>>> store = connect("bolt://127.0.0.1:1", password="x", timeout=0.5)
Traceback (most recent call last):
...
orggraph.exceptions.Neo4jConnectionError: cannot reach a Neo4j server at bolt://127.0.0.1:1: connection refused
"""

from __future__ import annotations

__all__ = ["BATCH_SIZE", "SCHEMES", "READ_PROCEDURES", "Store", "connect", "holds_orggraph_labels", "parse_params", "redact",
           "write_clauses"]

import json
import logging
import re
import socket
import ssl
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from orggraph.exceptions import Neo4jConnectionError, Neo4jQueryError, OrgGraphError
from orggraph.formats.cypher import DOCUMENT_LABEL, MARK, document_batches, edge_batches, node_batches, schema_statements
from orggraph.formats.flat import edge_record, from_json, node_record
from orggraph.graph import OrgGraph
from orggraph.model import KINDS

#: Rows per ``UNWIND`` statement of a push, chosen by measurement on the Bolt test server
#: (``tests/benchmarks/test_neo4j_scale.py``, which tries 500 to 10,000).
BATCH_SIZE = 1000

#: URI schemes the driver accepts: direct (bolt) or routed (neo4j), plain or encrypted.
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def redact(uri: str) -> str:
    """``uri`` as it may be shown: a password in it replaced by ``***`` (a lone user name too).

    >>> redact("bolt://root:S3cret@db.example:7687")
    'bolt://root:***@db.example:7687'
    >>> redact("neo4j://S3cret@db.example")
    'neo4j://***@db.example'
    >>> redact("bolt://db.example:7687")
    'bolt://db.example:7687'
    """
    match = re.match(r"^([^:/?#\s]+://)(.*)@([^@]*)$", uri)
    if not match:
        return uri
    user, colon, _ = match[2].partition(":")
    return f"{match[1]}{user + ':***' if colon else '***'}@{match[3]}"


# -- refusing writes ---------------------------------------------------------------------
#: Clauses and commands that change data, schema or the server, refused by :meth:`Store.run`.
_WRITE_WORDS = {"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "ALTER",
                "GRANT", "DENY", "REVOKE", "RENAME", "TERMINATE"}
#: Procedures that only read; any other ``CALL name`` is refused (APOC and GDS have many that write).
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization", "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties", "db.info", "db.ping", "dbms.components", "dbms.procedures", "dbms.functions",
    "apoc.meta.schema", "apoc.meta.stats", "apoc.meta.data", "apoc.path.expand", "apoc.path.expandconfig",
    "apoc.path.subgraphnodes", "apoc.path.subgraphall", "apoc.path.spanningtree",
})
#: Name prefixes that run Cypher given as text, which cannot be checked here: refused anywhere.
_TEXT_RUNNERS = ("apoc.cypher.", "apoc.do.", "apoc.periodic.")
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+|\S")


#: What a `quoted name` becomes in the scanned text: a name, but never a keyword or a known procedure.
_QUOTED = "_QUOTED_"


def _code(text: str) -> Iterator[tuple[str, int]]:
    """The tokens of Cypher ``text`` with their line: string literals and comments dropped, each
    `quoted name` replaced by :data:`_QUOTED`."""
    i, n, line, code, lines = 0, len(text), 1, [], []

    def emit(part: str) -> None:
        code.extend(part)
        lines.extend([line] * len(part))

    while i < n:
        c = text[i]
        if c in "'\"`":  # a string or a `quoted name`; \ escapes in strings, `` is two names in a row
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if c != "`" and text[j] == "\\" else 1
            emit(f" {_QUOTED} " if c == "`" else " ")
            line += text.count("\n", i, j + 1)
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            emit(" ")
            line += text.count("\n", i, j)
            i = j
        else:
            emit(c)
            line += c == "\n"
            i += 1
    cleaned = "".join(code)
    for match in _TOKEN.finditer(cleaned):
        yield match[0], lines[match.start()]


def write_clauses(text: str) -> list[str]:
    r"""The clauses of Cypher ``text`` that would write, as ``'CREATE (line 1)'``; empty when it only reads.

    Keywords inside strings, `quoted names`, comments, labels, property names and map keys do
    not count. ``CALL`` of a procedure not in :data:`READ_PROCEDURES` (or with a `quoted` name)
    counts as a write, and so do APOC's functions that run Cypher given as text.

    >>> write_clauses("MATCH (n:Post {id: 'CREATE'}) // DELETE n\nRETURN n.set AS `MERGE`, {delete: 1} AS m")
    []
    >>> write_clauses("MATCH (n) DETACH DELETE n")
    ['DETACH (line 1)', 'DELETE (line 1)']
    >>> write_clauses("CALL db.labels() YIELD label RETURN label")
    []
    >>> write_clauses("MATCH (n)\nCALL apoc.create.setProperty(n, 'x', 1) YIELD node RETURN node")
    ['CALL apoc.create.setProperty (line 2)']
    """
    tokens = list(_code(text))
    found = []
    for k, (token, line) in enumerate(tokens):
        before = tokens[k - 1][0] if k else ""
        after = tokens[k + 1][0].upper() if k + 1 < len(tokens) else ""
        if before in (".", "$", ":", "|", "&", "!") or after == ":":
            continue  # a property, parameter, label, relationship type or map key
        word = token.upper()
        if word in _WRITE_WORDS or (word, after) in {("LOAD", "CSV"), ("START", "DATABASE"), ("STOP", "DATABASE")}:
            found.append(f"{word}{' ' + after if word in ('LOAD', 'START', 'STOP') else ''} (line {line})")
        elif word == "TRANSACTIONS" and before.upper() in ("IN", "CONCURRENT"):
            found.append(f"IN TRANSACTIONS (line {line})")
        elif word == "CALL" and re.match(r"[A-Za-z_]", after or "{"):
            name = [tokens[k + 1][0]]
            j = k + 2
            while j + 1 < len(tokens) and tokens[j][0] == "." and re.match(r"[A-Za-z_]", tokens[j + 1][0]):
                name.append(tokens[j + 1][0])
                j += 2
            if ".".join(name).lower() not in READ_PROCEDURES:
                found.append(f"CALL {'.'.join(name)} (line {line})")
        elif word == "APOC" and before.upper() != "CALL":  # a function that runs Cypher given as text
            dotted = "".join(t for t, _ in tokens[k:k + 5])
            if dotted.lower().startswith(_TEXT_RUNNERS) or dotted.startswith(f"apoc.{_QUOTED}"):
                found.append(f"{dotted} (line {line})")
    return found


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
        """A driver or server error as one line; orggraph's own exceptions are never passed here."""
        import neo4j.exceptions as ne

        if isinstance(err, (ne.ServiceUnavailable, ne.SessionExpired)):
            return Neo4jConnectionError(f"lost the connection to {self.uri} while trying to {action}")
        message = getattr(err, "message", None) or str(err) or type(err).__name__
        return Neo4jQueryError(f"{action} failed on {self.uri}: {' '.join(str(message).split())}")

    def push(self, graph: OrgGraph, *, wipe: bool = False, batch_size: int = BATCH_SIZE,
             progress: Callable[[int], None] | None = None) -> dict:
        """Write ``graph``: schema first, then (after a wipe, if asked) every batch in one transaction.

        Returns ``{"nodes", "relationships", "documents", "batches", "fresh", "wiped"}``: what was
        written, whether the fast path for a fresh database was taken (see :func:`holds_orggraph_labels`),
        and what the wipe removed (or ``None``). ``progress`` is called with the number of
        elements written after each batch. On any failure nothing of the data part is kept.
        """
        try:
            with self._session() as session:
                for statement in schema_statements():
                    session.run(statement).consume()
                with session.begin_transaction() as tx:
                    wiped = self._wipe(tx) if wipe else None
                    fresh = not holds_orggraph_labels(tx)
                    counts = {"nodes": 0, "relationships": 0, "documents": 0, "batches": 0}
                    written = 0
                    for what, batches in (("documents", document_batches(graph, batch_size, create=fresh)),
                                          ("nodes", node_batches(graph, batch_size, create=fresh)),
                                          ("relationships", edge_batches(graph, batch_size, create=fresh))):
                        for statement, rows in batches:
                            tx.run(statement, rows=rows).consume()
                            counts[what] += len(rows)
                            counts["batches"] += 1
                            written += len(rows)
                            if progress:
                                progress(written)
                    tx.commit()
        except _driver_errors() as err:  # the transaction's context has rolled it back
            raise self._failed("push the graph", err) from err
        return {**counts, "fresh": fresh, "wiped": wiped}

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
        except _driver_errors() as err:
            raise self._failed("wipe orggraph's data", err) from err

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
        except _driver_errors() as err:
            raise self._failed("pull the graph", err) from err
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
        """Run Cypher that only reads, and return its rows.

        Text with a write clause (:func:`write_clauses`) is refused before it is sent. The rest
        runs in a READ-mode session, in a transaction that is rolled back afterwards, so even a
        server that lets a write through in read mode keeps nothing of it.
        """
        writes = write_clauses(text)
        if writes:
            raise Neo4jQueryError(f"refused: the query would write ({', '.join(writes)}); only reading queries run here, "
                                  "use 'orggraph neo4j push' or 'wipe' to change the database")
        try:
            with self._session(read=True) as session:
                tx = session.begin_transaction()
                try:
                    return [{k: _plain(v) for k, v in record.items()} for record in tx.run(text, params or {})]
                finally:
                    tx.rollback()
        except _driver_errors() as err:
            raise self._failed("run the query", err) from err

    def query(self, query, params: dict | None = None) -> list[dict]:
        """Run a named query from ``cypher/`` (a name or a :class:`~orggraph.graphdb.named.NamedQuery`);
        undeclared parameters are refused, declared ones not given are null."""
        from orggraph.graphdb.named import named_query

        query = named_query(query) if isinstance(query, str) else query
        unknown = set(params or {}) - set(query.params)
        if unknown:
            raise Neo4jQueryError(f"query {query.name!r} takes no parameter {', '.join(sorted(unknown))}; it takes: {', '.join(query.params)}")
        params = {**dict.fromkeys(query.params), **(params or {})}
        return self.run(query.statement(params), params)

    def counts(self) -> dict:
        """Nodes and relationships in the whole database, orggraph's or not: ``{"nodes", "relationships"}``."""
        rows = self.run("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships")
        return rows[0]


_SILENT = logging.NullHandler()


def holds_orggraph_labels(tx) -> bool:
    """Whether the database (as ``tx`` sees it) holds any node with one of orggraph's labels: a
    kind of the vocabulary or ``:Kilde``, written by orggraph or not.

    When it holds none, MERGE could find nothing to update, so :meth:`Store.push` CREATEs (its
    fast path): no duplicates and no uniqueness violations are possible. One ``LIMIT 1`` label
    scan per label, answered from the label's index or type at once, however large the database.
    """
    return any(tx.run(f"MATCH (n:`{name}`) RETURN 1 AS found LIMIT 1").single() is not None
               for name in (*KINDS, DOCUMENT_LABEL))


def _driver_errors() -> tuple[type[Exception], ...]:
    """What the driver raises for the server's and the network's failures (not for orggraph's bugs)."""
    import neo4j.exceptions as ne

    return ne.Neo4jError, ne.DriverError


def _causes(err: BaseException) -> Iterator[BaseException]:
    """``err``, its causes and contexts, and the members of exception groups among them."""
    seen, todo = set(), [err]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [e.__cause__, e.__context__, *getattr(e, "exceptions", ())]


def _unreachable(err: BaseException, timeout: float) -> str:
    """Why a server could not be reached, in a few words."""
    causes = list(_causes(err))
    text = " ".join(str(e) for e in causes).lower()
    if any(isinstance(e, ssl.SSLError) or type(e).__name__ == "BoltSecurityError" for e in causes):
        return ("the TLS handshake failed; the server may not use TLS (try bolt:// or neo4j:// "
                "instead of a +s/+ssc scheme) or its certificate is not trusted")
    if any(isinstance(e, socket.gaierror) for e in causes) or "dns resolve" in text:
        return "cannot resolve the host name"
    if any(isinstance(e, ConnectionRefusedError) for e in causes) or "refused" in text:
        return "connection refused"
    if any(isinstance(e, TimeoutError) for e in causes) or "timed out" in text or "deadline" in text:
        return f"no answer within {timeout:g} s"
    return "no answer"


def connect(uri: str, user: str = "neo4j", password: str | None = None, database: str | None = None,
            *, timeout: float = 10.0) -> Store:
    """Connect to ``uri`` and check that the server answers and accepts the credentials.

    Raises :class:`~orggraph.exceptions.Neo4jConnectionError` with one line when the URI is
    malformed, the server cannot be reached or the credentials are refused. A server that
    accepts the connection but never answers fails after ``timeout`` seconds. Messages show
    the URI through :func:`redact`, and never the password.

    >>> connect("bolt://root:S3cret@127.0.0.1:7687", password="x")
    Traceback (most recent call last):
    ...
    orggraph.exceptions.Neo4jConnectionError: bolt://root:***@127.0.0.1:7687: credentials in the URI are not used; give the user with --user and the password in NEO4J_PASSWORD
    >>> connect("bolt://127.0.0.1:notaport", password="x")
    Traceback (most recent call last):
    ...
    orggraph.exceptions.Neo4jConnectionError: bolt://127.0.0.1:notaport: the port must be a number from 1 to 65535
    """
    import neo4j
    import neo4j.exceptions as ne

    shown = redact(uri)

    def clean(err: BaseException) -> str:
        text = " ".join(str(getattr(err, "message", None) or err).split()).replace(uri, shown)
        return text.replace(password, "***") if password and len(password) >= 4 else text

    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in SCHEMES or not re.match(r"^[a-z0-9+]+://[^/\s]+", uri):
        raise Neo4jConnectionError(f"{shown!r} is not a Neo4j URI; use {', '.join(s + '://HOST:PORT' for s in SCHEMES[:1] + SCHEMES[3:4])} (or their +s variants)")
    if shown != uri:
        raise Neo4jConnectionError(f"{shown}: credentials in the URI are not used; give the user with --user and the password in NEO4J_PASSWORD")
    try:
        parts = urlsplit(uri)
    except ValueError as err:  # such as an unclosed [ of an IPv6 address
        raise Neo4jConnectionError(f"{uri!r} is not a Neo4j URI: {err}") from err
    if not parts.hostname:
        raise Neo4jConnectionError(f"{uri!r} is not a Neo4j URI: it names no host")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise Neo4jConnectionError(f"{uri}: the port must be a number from 1 to 65535")
    if password is None:
        raise Neo4jConnectionError("no password: set the environment variable NEO4J_PASSWORD")
    # The driver logs failures (such as "Unable to retrieve routing information") as warnings;
    # without a handler Python prints them to stderr beside orggraph's own one-line error.
    logging.getLogger("neo4j").addHandler(_SILENT)
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout,
                                            connection_acquisition_timeout=timeout,  # else a silent server takes 60 s
                                            max_transaction_retry_time=0, keep_alive=True)
    except (ne.ConfigurationError, ValueError) as err:
        raise Neo4jConnectionError(f"cannot use {uri}: {clean(err)}") from err
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            session.run("RETURN 1").consume()
    except ne.AuthError as err:
        driver.close()
        raise Neo4jConnectionError(f"{uri} refused the credentials of user {user!r}; check --user and NEO4J_PASSWORD") from err
    except (ne.ServiceUnavailable, ne.SessionExpired, OSError) as err:
        driver.close()
        raise Neo4jConnectionError(f"cannot reach a Neo4j server at {uri}: {_unreachable(err, timeout)}") from err
    except ValueError as err:  # the driver's "Failed to DNS resolve address"
        driver.close()
        raise Neo4jConnectionError(f"cannot reach a Neo4j server at {uri}: cannot resolve the host name") from err
    except _driver_errors() as err:
        driver.close()
        if getattr(err, "code", None) == "Neo.ClientError.Database.DatabaseNotFound":  # the server's text may name its own folders
            raise Neo4jConnectionError(f"{uri} has no database {database!r}; leave out --database for the server's default") from err
        where = f" database {database!r}" if database else ""
        raise Neo4jConnectionError(f"{uri}{where}: {clean(err)}") from err
    return Store(driver, uri, database)
