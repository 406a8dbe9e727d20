"""A real Bolt server for the Neo4j tests: ArcadeDB from the PyPI package ``arcadedb-embedded``.

Run as a child process, because the embedded JVM must be stopped before its Python
process exits (a JVM left running crashes the interpreter at exit)::

    python tests/boltserver.py ROOT BOLT_PORT HTTP_PORT DATABASE

It prints ``READY`` once the database exists and Bolt listens on 127.0.0.1:BOLT_PORT, then
serves until its standard input closes, and stops the server. The root password is read
from ``NEO4J_PASSWORD``.
"""

from __future__ import annotations

import os
import sys


def main(root: str, bolt_port: str, http_port: str, database: str) -> None:
    from arcadedb_embedded import ArcadeDBServer

    server = ArcadeDBServer(root_path=root, root_password=os.environ["NEO4J_PASSWORD"], config={
        "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "bolt_port": int(bolt_port), "http_port": int(http_port), "host": "127.0.0.1"})
    server.start()
    try:
        server.create_database(database)
        print("READY", flush=True)
        sys.stdin.read()
    finally:
        server.stop()


if __name__ == "__main__":
    main(*sys.argv[1:5])
