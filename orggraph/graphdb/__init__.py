"""The Neo4j side: a graph database reached over Bolt, and the named Cypher queries.

- :mod:`~orggraph.graphdb.store`: push, pull, wipe and query a Neo4j (or any Bolt) server;
- :mod:`~orggraph.graphdb.named`: the named queries in ``cypher/`` and their Python twins.

Named ``graphdb`` rather than after the library it drives (as networkx's ``nx_agraph``).
May import: nothing of orggraph.
"""
