"""Numbered schema migrations; each runs once and is recorded in ``migrations``."""
from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = Callable[[duckdb.DuckDBPyConnection], None]


def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    """Articles, their analysis, and rejected input."""
    con.execute("""
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, hash VARCHAR NOT NULL, url VARCHAR, outlet VARCHAR,
            title VARCHAR, authors VARCHAR[], published VARCHAR, date DATE, date_stamp VARCHAR,
            language VARCHAR, topic VARCHAR, source VARCHAR, text VARCHAR NOT NULL,
            body_start INTEGER, paragraphs INTEGER[][], warnings VARCHAR[],
            ingested_at TIMESTAMP DEFAULT current_timestamp)""")
    con.execute("""
        CREATE TABLE mentions (
            article_id VARCHAR, idx INTEGER, text VARCHAR, start INTEGER, "end" INTEGER,
            label VARCHAR, country VARCHAR, PRIMARY KEY (article_id, idx))""")
    con.execute("""
        CREATE TABLE quotes (
            article_id VARCHAR, idx INTEGER, text VARCHAR, start INTEGER, "end" INTEGER,
            kind VARCHAR, speaker VARCHAR, speaker_mention VARCHAR, speaker_start INTEGER,
            speaker_end INTEGER, speaker_type VARCHAR, speaker_country VARCHAR, cue VARCHAR,
            relays VARCHAR[], paragraph INTEGER, rule VARCHAR, date DATE,
            PRIMARY KEY (article_id, idx))""")
    con.execute("""
        CREATE TABLE events (
            article_id VARCHAR, idx INTEGER, type VARCHAR, mode VARCHAR,
            source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
            target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
            negated BOOLEAN, asserted_by VARCHAR, date DATE, location VARCHAR,
            text VARCHAR, start INTEGER, "end" INTEGER, confidence DOUBLE, rule VARCHAR,
            PRIMARY KEY (article_id, idx))""")
    con.execute("""
        CREATE TABLE actors (
            article_id VARCHAR, idx INTEGER, name VARCHAR, type VARCHAR, country VARCHAR,
            sector VARCHAR, role VARCHAR, evidence VARCHAR, start INTEGER, "end" INTEGER, date DATE,
            PRIMARY KEY (article_id, idx))""")
    con.execute("CREATE SEQUENCE reject_seq")
    con.execute("""
        CREATE TABLE rejects (
            id BIGINT DEFAULT nextval('reject_seq') PRIMARY KEY, source VARCHAR, record VARCHAR,
            stage VARCHAR, code VARCHAR, reason VARCHAR, rejected_at TIMESTAMP DEFAULT current_timestamp)""")


def m002_event_evidence(con: duckdb.DuckDBPyConnection) -> None:
    """Events keep their cue word, mention texts and how often the article reports them."""
    for column in ("cue VARCHAR", "source_mention VARCHAR", "target_mention VARCHAR", "reports INTEGER",
                   "asserted_by_country VARCHAR"):
        con.execute(f"ALTER TABLE events ADD COLUMN {column}")
    con.execute("ALTER TABLE actors ADD COLUMN mentions INTEGER")
    con.execute("ALTER TABLE actors ADD COLUMN source VARCHAR")


# The word index holds hashes: integer comparisons scan millions of rows in milliseconds.
TERMS_OF = ("SELECT DISTINCT hash(id) AS article, hash(unnest(regexp_split_to_array(lower(text), '[^\\pL\\pN]+'))) "
            "AS term FROM articles")


def m003_terms(con: duckdb.DuckDBPyConnection) -> None:
    """A word index for article search: one row per (word, article), both hashed."""
    con.execute("CREATE TABLE terms (term UBIGINT, article UBIGINT)")


def m004_stories(con: duckdb.DuckDBPyConnection) -> None:
    """Stories of near-duplicate articles; quotes and events linked to one canonical report."""
    con.execute("CREATE TABLE signatures (article_id VARCHAR PRIMARY KEY, minhash UBIGINT[])")
    con.execute("ALTER TABLE articles ADD COLUMN story_id VARCHAR")
    con.execute("ALTER TABLE quotes ADD COLUMN canonical VARCHAR")
    con.execute("ALTER TABLE events ADD COLUMN canonical VARCHAR")


def m005_id_hash(con: duckdb.DuckDBPyConnection) -> None:
    """Articles keep the hash of their id, the key of the word index (no hashing at query time)."""
    con.execute("ALTER TABLE articles ADD COLUMN id_hash UBIGINT")
    con.execute("UPDATE articles SET id_hash = hash(id)")


def m006_index_state(con: duckdb.DuckDBPyConnection) -> None:
    """How many word-index rows were added since the index was last put in term order."""
    con.execute("CREATE TABLE index_state (name VARCHAR PRIMARY KEY, value BIGINT)")
    con.execute("INSERT INTO index_state SELECT 'terms_unsorted', count(*) FROM terms")


def m007_event_act(con: duckdb.DuckDBPyConnection) -> None:
    """Which physical act an event is (its cue), so two acts of one type between one pair stay two events."""
    con.execute("ALTER TABLE events ADD COLUMN act VARCHAR")


def m008_signature_hash(con: duckdb.DuckDBPyConnection) -> None:
    """Signatures hash shingles with CRC-32 now: the old ones are dropped and the next ingest signs anew."""
    con.execute("DELETE FROM signatures")


def m009_quote_key(con: duckdb.DuckDBPyConnection) -> None:
    """Quotes keep their lower-cased words (``kilde.stories.quote_key``), the key that links the same
    quote across a story: normalising every quote's text with a regular expression at each linking
    took 0.7 s per 87,000 quotes. Stored quotes get the same key from SQL (the two differ only
    where lower-casing adds a combining mark, as Python does for "İ")."""
    con.execute("ALTER TABLE quotes ADD COLUMN quote_key VARCHAR")
    con.execute("UPDATE quotes SET quote_key = trim(regexp_replace(lower(text), '[^\\pL\\pN]+', ' ', 'g'))")


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "initial", m001_initial),
    (2, "event evidence", m002_event_evidence),
    (3, "word index", m003_terms),
    (4, "stories", m004_stories),
    (5, "article id hash", m005_id_hash),
    (6, "word index state", m006_index_state),
    (7, "event act", m007_event_act),
    (8, "signature hash", m008_signature_hash),
    (9, "quote key", m009_quote_key),
]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not yet recorded; return the versions applied."""
    con.execute("""CREATE TABLE IF NOT EXISTS migrations (
        version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)""")
    done = {row[0] for row in con.execute("SELECT version FROM migrations").fetchall()}
    applied = []
    for version, name, step in MIGRATIONS:
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            step(con)
            con.execute("INSERT INTO migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
