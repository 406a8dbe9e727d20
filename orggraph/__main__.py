"""``python -m orggraph`` runs the command-line interface.

May import: cli.
"""

from orggraph.cli import main

main()
