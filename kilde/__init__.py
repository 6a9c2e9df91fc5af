"""Kilde: who said what, who did what to whom, when, and according to which source.

Python API::

    import kilde
    nlp = kilde.load()
    records = kilde.extract(kilde.read(["article.txt"]), nlp)
    db = kilde.open("kilde.duckdb")
    db.quotes(speaker="Blinken")
"""
from __future__ import annotations

from kilde.analyse import extract
from kilde.api import Kilde, open
from kilde.article import Article, Reject
from kilde.ingest import IngestReport, ingest
from kilde.nlp.pipeline import load
from kilde.read import read_inputs as read

__version__ = "0.1.0"

__all__ = [
    "Article",
    "IngestReport",
    "Kilde",
    "Reject",
    "extract",
    "ingest",
    "load",
    "open",
    "read",
]
