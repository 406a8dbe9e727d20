"""The questions users ask of the graph, one module per question, named like the commands.

- :mod:`~orggraph.queries.lookup`: ``info``, ``find``, ``show``;
- :mod:`~orggraph.queries.support`: ``who_supports``;
- :mod:`~orggraph.queries.appointments`: ``appointments``, ``mirrors``;
- :mod:`~orggraph.queries.paths`: ``paths``;
- :mod:`~orggraph.queries.membership`: ``members``, ``memberships``, ``persons``;
- :mod:`~orggraph.queries.roles`: the principle model's roles, shared by the charts and ``compare``.

Every function takes an :class:`~orggraph.graph.OrgGraph` and returns plain data (the JSON
the CLI prints with ``--json``). May import: queries.

>>> from orggraph import load
>>> from orggraph.queries import who_supports
>>> who_supports(load(), "RAR Hovedstaden", "2022-01-01")["target"]["kind"]
'RAR'
"""

from orggraph.queries.appointments import appointments, mirrors
from orggraph.queries.lookup import find, info, show
from orggraph.queries.membership import members, memberships, persons
from orggraph.queries.paths import paths
from orggraph.queries.support import who_supports

__all__ = ["appointments", "find", "info", "members", "memberships", "mirrors", "paths", "persons", "show", "who_supports"]
