"""The embedded DuckDB store: the only code that speaks SQL (with ``queries.py``)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pyarrow as pa

from kilde.article import Article, Reject
from kilde.errors import Code, KildeError
from kilde.store.migrations import TERMS_OF, migrate
from kilde.store.rows import reject_row, rows_for

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("articles", "mentions", "quotes", "events", "actors", "rejects")
CHILD_TABLES = ("mentions", "quotes", "events", "actors", "signatures")
BATCH_TABLES = (*TABLES, "signatures")  # what a batch writes (a signature is the article's MinHash, see stories.py)
SORT_ALWAYS_BELOW = 2_000_000  # word-index rows: below this the index is put in term order after every ingest


def batch_tables(analysed: list[tuple[Article, dict[str, Any]]], rejects: list[Reject]) -> dict[str, list[dict[str, Any]]]:
    """The rows of a batch, by table."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in BATCH_TABLES}
    for article, rec in analysed:
        for table, rows in rows_for(article, rec).items():
            tables[table].extend(rows)
    tables["rejects"] = [reject_row(r) for r in rejects]
    return tables


def batch_terms(articles: pa.Table) -> pa.Table:
    """The word-index rows of a batch's articles, computed where they were analysed (a Dask worker),
    so the driver only inserts them: the store's own SQL, in a private in-memory database."""
    con = _scratch()
    con.register("articles", articles)
    try:
        return con.sql(f"SELECT term, article FROM ({TERMS_OF})").to_arrow_table()
    finally:
        con.unregister("articles")


@lru_cache(maxsize=1)
def _scratch() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(config={"threads": 1})  # a worker is one core


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

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All the writes inside happen, or none do."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

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

    def write(self, analysed: list[tuple[Article, dict[str, Any]]], rejects: list[Reject],
              replaced: list[str] | None = None) -> None:
        """Store one batch in one transaction (replacing changed articles)."""
        tables = batch_tables(analysed, rejects)
        self.write_tables({t: pa.Table.from_pylist(rows) for t, rows in tables.items() if rows},
                          [a.id for a, _ in analysed], replaced)

    def write_parquet(self, paths: dict[str, list[str]], ids: list[str], replaced: list[str] | None = None) -> None:
        """Store analysed partitions written as Parquet files (``{table: files}``) in one transaction.

        DuckDB reads the files itself: 0.15 ms of CPU per article against 0.25 through
        pyarrow's reader (measured with one DuckDB thread). ``union_by_name`` because a column
        with no value in one partition has the null type in that partition's file."""
        self.write_tables({t: self.con.read_parquet(files, union_by_name=True) for t, files in paths.items()},
                          ids, replaced)

    @contextmanager
    def threads(self, n: int | None) -> Iterator[None]:
        """Let DuckDB use ``n`` threads inside the block (all the cores when None, the default)."""
        if n is None:
            yield
            return
        before = self.con.execute("SELECT current_setting('threads')").fetchone()[0]  # type: ignore[index]
        self.con.execute(f"SET threads = {int(n)}")
        try:
            yield
        finally:
            self.con.execute(f"SET threads = {int(before)}")

    def write_tables(self, tables: dict[str, pa.Table | duckdb.DuckDBPyRelation], ids: list[str],
                     replaced: list[str] | None = None) -> None:
        """The one write path: replace the articles ``ids`` and insert the rows, all or nothing.
        ``replaced`` are those of ``ids`` already stored, when the caller knows (the ingest does);
        else they are looked up.

        A reject already stored (same source, record and code) is not stored again, so a run
        repeated after a crash leaves the same store as one uninterrupted run.
        """
        with self.transaction():
            old = list(self.stored_hashes(ids)) if replaced is None else replaced
            if old:  # (each delete scans its whole table: only when an article changed)
                for table in CHILD_TABLES:
                    self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [old])
                self.con.execute("DELETE FROM terms WHERE article IN (SELECT hash(unnest(?)))", [old])
                self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [old])
            for table in BATCH_TABLES:
                batch = tables.get(table)  # noqa: F841 - scanned by name below
                if batch is None:
                    continue
                if table == "rejects":
                    self.con.execute("INSERT INTO rejects BY NAME SELECT * FROM batch b WHERE NOT EXISTS ("
                                     "SELECT 1 FROM rejects r WHERE r.source = b.source AND r.code = b.code "
                                     "AND r.record IS NOT DISTINCT FROM b.record)")
                elif table == "articles":  # with the hash of the id, the word index's key
                    self.con.execute("INSERT INTO articles BY NAME SELECT *, hash(id) AS id_hash FROM batch")
                else:
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")
            if ids:
                self.index_terms(ids, tables.get("terms"))

    def sort_terms(self) -> None:
        """Rewrite the word index in term order, so a word's lookup reads one or two row groups
        (DuckDB skips the others by their min/max) instead of scanning the whole index.

        Only when the rows added since the last sort are worth a rewrite: always in a small
        index, past a tenth of the rows in a large one (one article added over the API does
        not rewrite millions of rows).
        """
        unsorted = self.con.execute("SELECT value FROM index_state WHERE name = 'terms_unsorted'").fetchone()[0]
        if not unsorted:
            return
        total = self.con.execute("SELECT count(*) FROM terms").fetchone()[0]  # type: ignore[index]
        if total > SORT_ALWAYS_BELOW and unsorted * 10 < total:
            return
        with self.transaction():
            self.con.execute("CREATE OR REPLACE TABLE terms AS SELECT term, article FROM terms ORDER BY term, article")
            self.con.execute("UPDATE index_state SET value = 0 WHERE name = 'terms_unsorted'")

    def index_terms(self, ids: list[str] | None = None,
                    rows: pa.Table | duckdb.DuckDBPyRelation | None = None) -> None:
        """Fill the word index for the articles ``ids`` (all when None), or insert their ``rows``
        made by ``batch_terms``."""
        if rows is not None:  # scanned by name
            sql, params = "INSERT INTO terms SELECT term, article FROM rows", []
        else:
            only, params = (" WHERE id IN (SELECT unnest(?))", [ids]) if ids is not None else ("", [])
            sql = f"INSERT INTO terms SELECT term, article FROM ({TERMS_OF}{only})"
        added = self.con.execute(sql, params).fetchone()[0]  # type: ignore[index]
        self.con.execute("UPDATE index_state SET value = value + ? WHERE name = 'terms_unsorted'", [added])

    # -- stories -------------------------------------------------------------
    def unsigned_articles(self) -> list[tuple[str, str]]:
        """``(id, body text)`` of the articles without a MinHash signature (each batch signs its own
        articles; these are from a store whose signatures a migration dropped)."""
        return self.con.execute("SELECT a.id, substr(a.text, coalesce(a.body_start, 0) + 1) FROM articles a "
                                "ANTI JOIN signatures s ON s.article_id = a.id ORDER BY a.id").fetchall()

    def save_signatures(self, rows: list[tuple[str, list[int]]]) -> None:
        if rows:
            batch = pa.table({"article_id": [r[0] for r in rows],  # noqa: F841 - scanned by name below
                              "minhash": pa.array([r[1] for r in rows], type=pa.list_(pa.uint64()))})
            self.con.execute("INSERT OR REPLACE INTO signatures SELECT * FROM batch")

    def signature_matrix(self) -> tuple[list[str], np.ndarray]:
        """The stored articles' ids (sorted) and their MinHash signatures, one row each."""
        table = self.con.sql("SELECT s.article_id, s.minhash FROM signatures s SEMI JOIN articles a "
                             "ON a.id = s.article_id ORDER BY s.article_id").to_arrow_table()
        ids = table.column("article_id").to_pylist()
        values = table.column("minhash").combine_chunks().flatten().to_numpy()
        return ids, values.reshape(len(ids), -1) if ids else np.zeros((0, 0), dtype=np.uint64)

    def stories_pending(self) -> bool:
        """Whether some article has no story yet."""
        row = self.con.execute("SELECT EXISTS (SELECT 1 FROM articles WHERE story_id IS NULL)").fetchone()
        return bool(row and row[0])

    def story_ids(self) -> list[tuple[str, str | None]]:
        return self.con.execute("SELECT id, story_id FROM articles").fetchall()

    def first_articles(self, groups: dict[int, list[str]]) -> dict[int, str]:
        """For each group, its earliest article (by date, then id): the story's name."""
        rows = [(root, aid) for root, ids in groups.items() for aid in ids]
        if not rows:
            return {}
        batch = pa.table({"root": [r[0] for r in rows], "id": [r[1] for r in rows]})  # noqa: F841
        return dict(self.con.execute(
            "SELECT b.root, arg_min(a.id, (coalesce(a.date, DATE '9999-12-31'), a.id)) FROM batch b "
            "JOIN articles a ON a.id = b.id GROUP BY b.root").fetchall())

    def set_story_ids(self, stories: dict[str, str]) -> int:
        """Store each article's story; returns how many changed."""
        if not stories:
            return 0
        batch = pa.table({"id": list(stories), "story": list(stories.values())})  # noqa: F841
        changed = self.con.execute("SELECT count(*) FROM articles a JOIN batch b ON a.id = b.id "
                                   "WHERE a.story_id IS DISTINCT FROM b.story").fetchone()[0]  # type: ignore[index]
        self.con.execute("UPDATE articles SET story_id = b.story FROM batch b WHERE articles.id = b.id "
                         "AND articles.story_id IS DISTINCT FROM b.story")
        return int(changed)

    def link_reports(self) -> None:
        """Link each quote and event to the first report of the same one in its story."""
        self.con.execute("""
            UPDATE events SET canonical = c.first FROM (
              SELECT e.article_id, e.idx, first_value(e.article_id || ':' || e.idx) OVER (
                PARTITION BY coalesce(a.story_id, a.id), e.type, e.source_country, e.target_country, e.negated,
                             coalesce(e.act, '')
                ORDER BY a.date NULLS LAST, e.article_id, e.idx) AS first
              FROM events e JOIN articles a ON a.id = e.article_id) c
            WHERE events.article_id = c.article_id AND events.idx = c.idx
              AND events.canonical IS DISTINCT FROM c.first""")
        self.con.execute("""
            UPDATE quotes SET canonical = c.first FROM (
              SELECT q.article_id, q.idx, first_value(q.article_id || ':' || q.idx) OVER (
                PARTITION BY coalesce(a.story_id, a.id), q.quote_key
                ORDER BY a.date NULLS LAST, q.article_id, q.idx) AS first
              FROM quotes q JOIN articles a ON a.id = q.article_id) c
            WHERE quotes.article_id = c.article_id AND quotes.idx = c.idx
              AND quotes.canonical IS DISTINCT FROM c.first""")

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
