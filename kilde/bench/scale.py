"""Scale-out benchmark: one corpus of at least 20,000 articles ingested in-process, on 1 and on 2
Dask workers (each a fresh `kilde ingest` run into a fresh store), with articles/s, words/s and
peak RSS of the largest process; plus the bare NER pass and the full pipeline side by side.

The corpus is the demo corpus, and the dev news when ../shared/ is beside the checkout,
repeated with fresh ids and a line of its own in each copy.

    python -m kilde.bench.scale --articles 20000 --repeats 3
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kilde.bench.pipeline import corpus

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "kilde" / "data" / "demo", ROOT.parent / "shared" / "data" / "danish_news_dev.jsonl"]


def write_corpus(path: Path, n: int) -> tuple[int, int]:
    """``n`` articles as JSONL.gz; returns (articles, words)."""
    words = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for a in corpus(n, SOURCES):
            words += len(a.text.split())
            fh.write(json.dumps({"id": a.id, "url": a.url, "text": a.text}, ensure_ascii=False) + "\n")
    return n, words


def _run(corpus: Path, db: Path, extra: list[str]) -> tuple[float, str]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kilde.cli", "ingest", str(corpus), "--db", str(db), "-q", *extra],
                          capture_output=True, text=True, env={**os.environ, "KILDE_REPORT_RSS": "1"})
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    rss = next((line for line in proc.stderr.splitlines() if line.startswith("peak RSS")), "")
    return time.perf_counter() - t, rss


STARTUP_ARTICLES = 20


def run(n: int, modes: list[str], repeats: int = 1) -> None:
    """Each mode ingests the corpus into a fresh store, ``repeats`` times, the order of the modes
    reversed in every other round so that no mode always runs first. A slower run means the machine
    was busy with something else (other processes, a neighbour on the same host), never that the
    code did less, so each mode's fastest run is its rate, and the ratio is that of the fastest runs;
    every run is printed, and so is each round's own ratio.

    Before a mode's first run, the same command on the corpus's first ``STARTUP_ARTICLES`` articles
    measures its start-up (interpreter, cluster, model loading in each worker), which a large enough
    corpus amortises: the rate after start-up is the marginal one,
    ``(articles - STARTUP_ARTICLES) / (seconds - start-up seconds)``."""
    with tempfile.TemporaryDirectory() as d:
        corpus = Path(d) / "corpus.jsonl.gz"
        articles, words = write_corpus(corpus, n)
        small = Path(d) / "small.jsonl.gz"
        with gzip.open(corpus, "rt", encoding="utf-8") as src, gzip.open(small, "wt", encoding="utf-8") as dst:
            dst.writelines(line for _, line in zip(range(STARTUP_ARTICLES), src))
        print(f"corpus: {articles} articles, {words} words ({', '.join(s.name for s in SOURCES if s.exists())})")
        startup: dict[str, float] = {}
        runs: dict[str, list[float]] = {mode: [] for mode in modes}
        for round_ in range(repeats):
            for mode in modes if round_ % 2 == 0 else modes[::-1]:
                extra = [] if mode == "in-process" else ["--workers", mode.split()[0]]
                name = mode.replace(" ", "-")
                if mode not in startup:
                    startup[mode], _ = _run(small, Path(d) / f"{name}-small.duckdb", extra)
                seconds, rss = _run(corpus, Path(d) / f"{name}-{round_}.duckdb", extra)
                runs[mode].append(seconds)
                label = mode if repeats == 1 else f"{mode} ({round_ + 1})"
                print(f"{label:<16} {articles / seconds:8.1f} articles/s {words / seconds:10.0f} words/s  "
                      f"{seconds:7.1f} s  {rss}")
        if repeats > 1:
            print(f"fastest of {repeats} runs:")
        for mode in modes:
            seconds = min(runs[mode])
            if repeats > 1:
                print(f"{mode:<16} {articles / seconds:8.1f} articles/s {words / seconds:10.0f} words/s  {seconds:7.1f} s")
            print(f"{'':<16} start-up {startup[mode]:.1f} s ({STARTUP_ARTICLES} articles); after it "
                  f"{_after(articles, seconds, startup[mode]):.1f} articles/s")
        if "1 worker" in runs and "2 workers" in runs:
            one, two = min(runs["1 worker"]), min(runs["2 workers"])
            rounds = ", ".join(f"{a / b:.2f}x" for a, b in zip(runs["1 worker"], runs["2 workers"]))
            after = _after(articles, two, startup["2 workers"]) / _after(articles, one, startup["1 worker"])
            print(f"2 workers / 1 worker: {one / two:.2f}x ({after:.2f}x after start-up)"
                  + (f"; each round alone: {rounds}" if repeats > 1 else ""))


def _after(articles: int, seconds: float, startup: float) -> float:
    """The rate after start-up (the marginal one)."""
    return (articles - STARTUP_ARTICLES) / (seconds - startup)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--modes", default="in-process,1 worker,2 workers")
    ap.add_argument("--repeats", type=int, default=3,
                    help="runs of each mode, the order reversed every other round; the fastest counts (default 3)")
    args = ap.parse_args()
    run(args.articles, args.modes.split(","), args.repeats)


if __name__ == "__main__":
    main()
