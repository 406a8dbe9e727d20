"""Readers and writers for orggraph datasets: YAML (the packaged format) and CSV pairs."""

from orggraph.readwrite.csv_dataset import generate_csv, read_csv_pair, write_csv_pair
from orggraph.readwrite.load import DATA_DIR, build, check_dataset, load, read_raw
from orggraph.readwrite.yaml_dataset import parse_yaml, read_yaml_dataset

__all__ = [
    "DATA_DIR",
    "build",
    "check_dataset",
    "generate_csv",
    "load",
    "parse_yaml",
    "read_csv_pair",
    "read_raw",
    "read_yaml_dataset",
    "write_csv_pair",
]
