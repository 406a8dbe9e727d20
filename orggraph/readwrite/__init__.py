"""Readers and writers for orggraph datasets: YAML (the packaged format) and CSV pairs.

Names are imported on first use, so that ``import orggraph`` stays cheap.

May import: nothing of orggraph.
"""

import importlib

_WHERE = {
    "DATA_DIR": "load",
    "build": "load",
    "check_dataset": "load",
    "load": "load",
    "read_raw": "load",
    "generate_csv": "csv_dataset",
    "read_csv_pair": "csv_dataset",
    "write_csv_pair": "csv_dataset",
    "parse_yaml": "yaml_dataset",
    "read_yaml_dataset": "yaml_dataset",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'orggraph.readwrite' has no attribute {name!r}")
    return getattr(importlib.import_module(f"orggraph.readwrite.{_WHERE[name]}"), name)
