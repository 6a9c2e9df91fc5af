"""Kilde: who said what, who did what to whom, when, and according to which source.

Python API::

    import kilde
    nlp = kilde.load()
    records = kilde.extract(kilde.read(["article.txt"]), nlp)
    db = kilde.open("kilde.duckdb")
    db.quotes(speaker="Blinken")
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from kilde.article import Article, Reject
from kilde.ingest import IngestReport, ingest
from kilde.read import read_inputs as read

if TYPE_CHECKING:
    from kilde.analyse import extract
    from kilde.api import Kilde, open
    from kilde.nlp.pipeline import load

# These are imported on first use: the command line starts in 0.5 s instead of 2.3 s, and a
# Dask driver, which never runs the pipeline, never loads spaCy (1.4 s; pandas it loads later,
# with the first table pyarrow builds).
_LAZY = {
    "Kilde": ("kilde.api", "Kilde"),
    "extract": ("kilde.analyse", "extract"),
    "load": ("kilde.nlp.pipeline", "load"),
    "open": ("kilde.api", "open"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'kilde' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = ["Article", "IngestReport", "Kilde", "Reject", "extract", "ingest", "load", "open", "read"]
