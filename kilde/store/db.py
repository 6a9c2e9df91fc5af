"""The embedded DuckDB store: the only code that speaks SQL (with ``queries.py``)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from kilde.article import Article, Reject
from kilde.errors import Code, KildeError
from kilde.store.migrations import TERMS_OF, migrate
from kilde.store.rows import reject_row, rows_for

TABLES = ("articles", "mentions", "quotes", "events", "actors", "rejects")
CHILD_TABLES = ("mentions", "quotes", "events", "actors")


def batch_tables(analysed: list[tuple[Article, dict[str, Any]]], rejects: list[Reject]) -> dict[str, list[dict[str, Any]]]:
    """The rows of a batch, by table."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for article, rec in analysed:
        for table, rows in rows_for(article, rec).items():
            tables[table].extend(rows)
    tables["rejects"] = [reject_row(r) for r in rejects]
    return tables


class Store:
    """A DuckDB file holding articles, their analysis and the rejects.

    Writes are idempotent: an article whose id and text are already stored is an
    unchanged duplicate; one whose text changed replaces the old rows.
    """

    def __init__(self, path: str | Path = "kilde.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if read_only and self.path != ":memory:" and not Path(self.path).exists():
                raise KildeError(Code.E013, detail=f"no database at {self.path}; run 'kilde ingest' first")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
            raise KildeError(Code.E013, detail=str(e).splitlines()[0]) from e
        if not read_only:
            migrate(self.con)

    def close(self) -> None:
        self.con.close()

    def reader(self) -> Store:
        """A view on the same database through its own cursor (one per thread or request)."""
        view = object.__new__(Store)
        view.path = self.path
        view.con = self.con.cursor()
        return view

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------
    def stored_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """``{id: hash}`` for those of ``ids`` already stored."""
        ids = list(set(ids))
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return dict(rows)

    def write(self, analysed: list[tuple[Article, dict[str, Any]]], rejects: list[Reject]) -> None:
        """Store one batch in one transaction (replacing changed articles)."""
        tables = batch_tables(analysed, rejects)
        self.write_tables({t: pa.Table.from_pylist(rows) for t, rows in tables.items() if rows},
                          [a.id for a, _ in analysed])

    def write_parquet(self, paths: dict[str, str], ids: list[str]) -> None:
        """Store one analysed partition written as Parquet files (one per table) in one transaction."""
        import pyarrow.parquet as pq

        self.write_tables({t: pq.read_table(p) for t, p in paths.items()}, ids)

    def write_tables(self, tables: dict[str, pa.Table], ids: list[str]) -> None:
        """The one write path: replace the articles ``ids`` and insert the rows, all or nothing.

        A reject already stored (same source, record and code) is not stored again, so a run
        repeated after a crash leaves the same store as one uninterrupted run.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                for table in CHILD_TABLES:
                    self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
                self.con.execute("DELETE FROM terms WHERE article IN (SELECT hash(unnest(?)))", [ids])
                self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
            for table in TABLES:
                batch = tables.get(table)  # noqa: F841 - scanned by name below
                if batch is None or batch.num_rows == 0:
                    continue
                if table == "rejects":
                    self.con.execute("INSERT INTO rejects BY NAME SELECT * FROM batch b WHERE NOT EXISTS ("
                                     "SELECT 1 FROM rejects r WHERE r.source = b.source AND r.code = b.code "
                                     "AND r.record IS NOT DISTINCT FROM b.record)")
                else:
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")
            if ids:
                self.index_terms(ids)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def index_terms(self, ids: list[str] | None = None) -> None:
        """Fill the word index for the articles ``ids`` (all when None)."""
        only = " WHERE id IN (SELECT unnest(?))" if ids is not None else ""
        self.con.execute(f"INSERT INTO terms SELECT term, article FROM ({TERMS_OF}{only})", [ids] if ids is not None else [])

    # -- reading -----------------------------------------------------------
    def df(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run a read query and return a DataFrame."""
        return self.con.execute(sql, params or []).df()

    def counts(self) -> dict[str, int]:
        """Row counts per table."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]

    def export(self, table: str, fmt: str, output: str) -> None:
        """Write ``table`` to ``output`` as parquet, csv or jsonl (via DuckDB's COPY)."""
        formats = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)", "jsonl": "(FORMAT json)"}
        if fmt not in formats:
            raise KildeError(Code.E011, fmt=fmt, choices=", ".join(formats))
        if table not in TABLES:
            raise KildeError(Code.E011, fmt=table, choices=", ".join(TABLES))
        self.con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO ? {formats[fmt]}", [output])
