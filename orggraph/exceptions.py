"""Exceptions raised by orggraph.

Every error the library raises derives from :class:`OrgGraphError`, so the CLI
can catch one class, print one line per problem and exit 1.

May import: nothing of orggraph.

>>> err = DataError("data/kkr-syddanmark.yaml", 41, "edges[3].to", "unknown id 'rar-fyen'")
>>> str(err)
"data/kkr-syddanmark.yaml:41: edges[3].to: unknown id 'rar-fyen'"
"""

from __future__ import annotations

__all__ = [
    "OrgGraphError",
    "DataError",
    "InvalidDataset",
    "InvalidRoster",
    "UnknownReference",
    "AmbiguousReference",
    "NotInForce",
    "WrongKind",
    "QueryFileError",
    "Neo4jConnectionError",
    "Neo4jQueryError",
    "WriteError",
    "UsageError",
]


class OrgGraphError(Exception):
    """Root of every error raised by orggraph."""


class DataError(OrgGraphError):
    """One problem in an input file, located by file, line and field."""

    def __init__(self, file: str, line: int | None, field: str, message: str):
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        line = "" if self.line is None else f"{self.line}:"
        return f"{self.file}:{line} {self.field}: {self.message}"

    def as_dict(self) -> dict:
        """The JSON form used by ``orggraph validate --json``."""
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


class InvalidDataset(OrgGraphError):
    """A dataset has one or more problems; ``errors`` lists all of them."""

    def __init__(self, errors: list[DataError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class InvalidRoster(InvalidDataset):
    """A member roster has one or more problems, or breaks the statute; ``errors`` lists all of them."""


class UnknownReference(OrgGraphError):
    """A reference matches no node by id, name or alias."""

    def __init__(self, ref: str, suggestions: list[str] | None = None):
        self.ref = ref
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no node matches {ref!r}.{hint} Try 'orggraph find TEXT'.")


class AmbiguousReference(OrgGraphError):
    """A reference matches several nodes; ``candidates`` lists them."""

    def __init__(self, ref: str, candidates: list[dict]):
        self.ref = ref
        self.candidates = candidates
        listed = "; ".join(f"{c['id']} ({c['kind']}: {c['name']})" for c in candidates)
        super().__init__(f"{ref!r} is ambiguous. Choose one of: {listed}")


class NotInForce(UnknownReference):
    """A reference names a node that is not in force on the date asked about."""

    def __init__(self, ref: str, node: dict, day: str, replaced_by: list[dict] = (), as_of_hint: str | None = None):
        self.ref, self.node, self.day, self.suggestions = ref, node, day, []
        self.replaced_by, self.as_of_hint = list(replaced_by), as_of_hint
        span = f"{node.get('valid_from') or '…'} – {node.get('valid_to') or '…'}"
        extra = "".join(f"; replaced from {r['from']} by {r['node']['name']} ({r['node']['id']})" for r in self.replaced_by)
        if as_of_hint:
            extra += f". Use --as-of {as_of_hint} to reach it"
        OrgGraphError.__init__(self, f"{node['name']} ({node['id']}) is not in force on {day}: it is valid {span}{extra}")


class WrongKind(OrgGraphError):
    """A reference names a node, but not of the kind the command needs."""

    def __init__(self, ref: str, node_id: str, name: str, found: str, wanted: str):
        self.ref, self.node_id, self.found, self.wanted = ref, node_id, found, wanted
        super().__init__(f"{ref!r} is {name} ({found}, {node_id}), not a {wanted}; "
                         f"try 'orggraph find TEXT --kind {wanted}'")


class QueryFileError(OrgGraphError):
    """A named Cypher query file is malformed; the message names file and line."""


class Neo4jConnectionError(OrgGraphError):
    """A Neo4j server cannot be reached, or refuses the URI or the credentials."""


class Neo4jQueryError(OrgGraphError):
    """A statement failed on a Neo4j server, or a query was asked for wrongly."""


class WriteError(OrgGraphError):
    """An output cannot be written; the message names the target the user gave."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")


class UsageError(OrgGraphError):
    """Options or arguments that do not fit together; the CLI exits 2, like any usage error."""
