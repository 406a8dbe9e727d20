"""Compare the KKR areas' structures, and write the comparison in the formats analysts use.

- :mod:`~orggraph.compare.regions`: the matrix of features × regions, the role-by-role diff of
  two regions, and each region's deviations from the principle model;
- :mod:`~orggraph.compare.output`: the matrix as a terminal table, Markdown, CSV, JSON and XLSX.

The formats of the comparison (:data:`MATRIX_FORMATS`) are stated here, so the CLI can offer
them at start-up cheaply; every other name is imported from its module when first used.

May import: lazy.

>>> from orggraph import load
>>> from orggraph.compare import compare, generate_matrix
>>> generate_matrix(compare(load(), ["Nordjylland", "Sjælland"]), "csv").decode().splitlines()[0]
'feature,label,KKR Nordjylland,KKR Sjælland'
"""

from orggraph.lazy import lazy_names

#: Formats of ``orggraph compare``, by name; the suffix of ``-o`` picks one.
MATRIX_FORMATS = ("table", "md", "csv", "json", "xlsx")

#: Each other public name and the module of the package that defines it.
_WHERE = {
    "compare_files": "output", "generate_matrix": "output", "matrix_format": "output",
    "write_matrix": "output",
    "FEATURES": "regions", "compare": "regions", "deviations": "regions", "diff": "regions",
}

__all__ = ["FEATURES", "MATRIX_FORMATS", "compare", "compare_files", "deviations", "diff", "generate_matrix", "matrix_format",
           "write_matrix"]


__getattr__, __dir__ = lazy_names(__name__, _WHERE)
