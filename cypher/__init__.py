"""The named Cypher queries and the Neo4j schema, shipped as the package ``orggraph.cypher``.

This folder stays at the top of the repository; ``pyproject.toml`` maps it to
``orggraph.cypher`` so the wheel and the editable install both carry the ``*.cypher`` files.
Read them with ``importlib.resources.files("orggraph.cypher")``, never by a path beside the
package.
"""
