"""Compare the KKR areas' structures, and write the comparison in the formats analysts use.

- :mod:`~orggraph.compare.regions`: the matrix of features × regions, the role-by-role diff of
  two regions, and each region's deviations from the principle model;
- :mod:`~orggraph.compare.output`: the matrix as a terminal table, Markdown, CSV, JSON and XLSX.

May import: graph, model, queries (the principle model's roles), formats (the workbook writer), tables.

>>> from orggraph import load
>>> from orggraph.compare import compare, generate_matrix
>>> generate_matrix(compare(load(), ["Nordjylland", "Sjælland"]), "csv").decode().splitlines()[0]
'feature,label,KKR Nordjylland,KKR Sjælland'
"""

from orggraph.compare.output import MATRIX_FORMATS, compare_files, generate_matrix, matrix_format, write_matrix
from orggraph.compare.regions import FEATURES, compare, deviations, diff

__all__ = ["FEATURES", "MATRIX_FORMATS", "compare", "compare_files", "deviations", "diff", "generate_matrix", "matrix_format",
           "write_matrix"]
