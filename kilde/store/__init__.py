"""The store: DuckDB tables for articles, their analysis and rejects."""
from kilde.store.db import Store

__all__ = ["Store"]
