"""Throughput and memory of the pipeline and the store, on a synthetic corpus.

The corpus repeats the bundled demo articles with fresh ids (no data outside the repo is
needed). Prints words/s and articles/s for the bare NER pass, the full Kilde pipeline and
ingest into DuckDB, and the peak RSS.

    python -m kilde.bench.pipeline --articles 2000
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from kilde.article import Article
from kilde.ingest import ingest
from kilde.nlp.pipeline import load
from kilde.read import read_inputs
from kilde.store import Store

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


def corpus(n: int, sources: list[Path] | None = None) -> list[Article]:
    """``n`` articles cycling over ``sources`` (default: the demo corpus), each with its own id and a line
    of its own, so none is a duplicate of another."""
    base = [a for src in (sources or [DEMO]) if src.exists() for a in read_inputs([str(src)]) if isinstance(a, Article)]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        out.append(Article(**{**a.__dict__, "id": f"{a.id}-{i}", "text": a.text + f"\n\n(Løbenummer {i}.)"}))
    return out


def _rate(label: str, seconds: float, articles: int, words: int) -> None:
    print(f"{label:<28} {articles / seconds:9.1f} articles/s {words / seconds:11.0f} words/s  ({seconds:.1f} s)")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args(argv)
    run(args.articles)


def run(n: int, rounds: int = 3) -> None:
    """The bare NER pass and the full pipeline over the same articles, alternated ``rounds`` times;
    each one's fastest pass counts (a slower pass means the machine was busy with something else,
    and the first pass of each also pays one-time costs), and each round's own ratio is printed."""
    articles = corpus(n)
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {len(articles)} articles, {words} words (demo corpus repeated)")
    nlp = load()
    bare = [name for name in nlp.pipe_names if not name.startswith("kilde_")]
    from kilde.analyse import analyse

    def bare_pass() -> None:
        with nlp.select_pipes(enable=bare):
            for _ in nlp.pipe((a.text for a in articles), batch_size=64):
                pass

    def full_pass() -> None:
        for _ in analyse(articles, nlp):
            pass

    passes: dict[str, list[float]] = {"bare": [], "full": []}
    for _ in range(rounds):
        for name, run_pass in (("bare", bare_pass), ("full", full_pass)):
            t = time.perf_counter()
            run_pass()
            passes[name].append(time.perf_counter() - t)
    ner_s, full_s = min(passes["bare"]), min(passes["full"])
    _rate("bare NER (tok2vec+ner)", ner_s, len(articles), words)
    _rate("full Kilde pipeline", full_s, len(articles), words)
    each = ", ".join(f"{f / b:.2f}x" for b, f in zip(passes["bare"], passes["full"]))
    print(f"{'full / bare NER':<28} {full_s / ner_s:9.2f}x  (fastest of {rounds} passes each; each round alone: {each})")
    with tempfile.TemporaryDirectory() as d, Store(Path(d) / "bench.duckdb") as store:
        t = time.perf_counter()
        report = ingest(articles, store, nlp)
        ingest_s = time.perf_counter() - t
    _rate("ingest into DuckDB", ingest_s, report.stored, words)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak RSS':<28} {peak:9.0f} MB")


if __name__ == "__main__":
    main()
