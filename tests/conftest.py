"""Shared fixtures. Tests that read ../shared/ skip with a reason when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "samples" / "seed_2023-11-09_blinken_seoul.txt"
DEV_NEWS = SHARED / "data" / "danish_news_dev.jsonl"
DEV_GOLD = SHARED / "eval" / "dev_gold.jsonl"
SEED_GOLD = SHARED / "eval" / "seed_gold.jsonl"
SCORER = SHARED / "eval" / "score.py"
DEMO = ROOT / "kilde" / "data" / "demo"

needs_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(),
    reason="../shared/ (seed, dev gold, treebanks) is not beside this checkout; CI has it",
)

# An article in the seed format, written for these tests.
SEED_STYLE = (
    " date 2024-02 Anna Holm og Bo Lund Fredag, 02. februar 2024 - 14:05\n\n"
    "Udenrigsminister Lars Løkke Rasmussen mødtes fredag med sin svenske kollega i Stockholm.\n\n"
    "- Vi står sammen, siger Lars Løkke Rasmussen.\n\n"
    "Fælles front\n\n"
    "Ministeren siger, at landene vil samarbejde tættere om forsvar.\n"
)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """Kilde's real pipeline, loaded once."""
    from kilde.nlp.pipeline import load

    return load()


def snapshot(db) -> dict:
    """A store's content for comparison: every table's rows, sorted, without timestamps and reject ids."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, cols in (("articles", "* EXCLUDE (ingested_at)"), ("quotes", "*"), ("events", "*"), ("actors", "*"),
                            ("mentions", "*"), ("terms", "*"), ("signatures", "*"),
                            ("rejects", "source, record, stage, code, reason")):
            out[table] = con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def write_corpus(path, copies: int = 10, bad: bool = True) -> int:
    """A JSONL corpus: the demo articles ``copies`` times with fresh ids, plus bad lines; returns its record count."""
    import json

    from kilde.bench.pipeline import corpus

    articles = corpus(12 * copies)  # the demo corpus has 12 articles
    lines = []
    for i in range(copies):
        for a in articles[12 * i:12 * (i + 1)]:
            lines.append(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False))
        if bad:
            lines += ["{not json", json.dumps({"id": f"empty-{i}", "text": ""}), json.dumps([1, 2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)
