"""The Python API over a store: queries returning pandas DataFrames."""
from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pandas as pd

from kilde.store import Store, queries


class Kilde:
    """A store opened for reading: ``kilde.open("kilde.duckdb").quotes(speaker="Blinken")``."""

    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        self.store = Store(path, read_only=read_only)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Kilde:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def articles(self, **filters: Any) -> pd.DataFrame:
        """Articles; filters: ``q``, ``outlet``, ``language``, ``since``, ``until``, ``limit``."""
        return queries.articles(self.store, **filters)

    def quotes(self, **filters: Any) -> pd.DataFrame:
        """Quotes; filters: ``speaker``, ``relay``, ``since``, ``until``, ``text``, ``limit``."""
        return queries.quotes(self.store, **filters)

    def events(self, **filters: Any) -> pd.DataFrame:
        """Events; filters: ``type``, ``actor``, ``dyad``, ``since``, ``until``, ``limit``."""
        return queries.events(self.store, **filters)

    def dyad_series(self, dyad: str, since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """Monthly counts per PLOVER type for ``dyad`` (``"RUS-PRK"``) and a cooperation-conflict score."""
        return queries.dyad_series(self.store, dyad, since=since, until=until)

    def plover(self) -> list[builtins.dict[str, Any]]:
        """All coded events as PLOVER JSON records."""
        return queries.plover_records(self.store)

    def actors(self, name: str | None = None, **filters: Any) -> pd.DataFrame:
        """Actor facts (country, sector, role) with their sources."""
        return queries.actors(self.store, name=name, **filters)

    def rejects(self, **filters: Any) -> pd.DataFrame:
        """Rejected input records with their reasons."""
        return queries.rejects(self.store, **filters)

    def stats(self) -> builtins.dict[str, Any]:
        """Counts per table, date range, languages."""
        return queries.stats(self.store)


def open(path: str | Path = "kilde.duckdb") -> Kilde:  # noqa: A001 - mirrors sqlite3.connect style
    """Open a store for reading."""
    return Kilde(path)
