"""A package's public names imported on first use (PEP 562), so that importing one light module
of the package (a constant the CLI offers as a choice) does not import its heavy ones.

May import: nothing of orggraph.

>>> __getattr__, __dir__ = lazy_names("email", {"Message": "message"})
>>> __getattr__("Message").__module__
'email.message'
"""

from __future__ import annotations

__all__ = ["lazy_names"]

import sys
from collections.abc import Callable
from importlib import import_module


def lazy_names(package: str, where: dict[str, str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose public names are defined in its
    modules as ``where`` says (``{name: module}``); a name is imported when first asked for, then kept."""

    def __getattr__(name: str):
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{where[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(where))

    return __getattr__, __dir__
