"""``python -m kilde.bench``: the pipeline benchmark, then the API benchmark.

    python -m kilde.bench                        # everything, default sizes
    python -m kilde.bench --skip-api --skip-scale --articles 500
"""
from __future__ import annotations

import argparse

from kilde.bench import api, malformed, pipeline, scale


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000, help="articles for the pipeline benchmark")
    ap.add_argument("--api-articles", type=int, default=100_000, help="synthetic articles behind the API")
    ap.add_argument("--clients", type=int, default=50, help="concurrent API clients in the load test")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of the API load test")
    ap.add_argument("--scale-articles", type=int, default=20_000, help="articles for the Dask scale-out benchmark")
    ap.add_argument("--scale-repeats", type=int, default=3,
                    help="runs of each scale-out mode, the order reversed every other round; the fastest counts")
    ap.add_argument("--malformed-records", type=int, default=10_000, help="records in the malformed corpus")
    ap.add_argument("--skip-pipeline", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--skip-api", action="store_true")
    args = ap.parse_args()
    if not args.skip_pipeline:
        print("== pipeline ==")
        pipeline.run(args.articles)
    if not args.skip_scale:
        print("== scale-out (in-process, 1 and 2 Dask workers) ==")
        scale.run(args.scale_articles, ["in-process", "1 worker", "2 workers"], args.scale_repeats)
    if not args.skip_scale:
        print("== robustness: malformed records ==")
        malformed.run(args.malformed_records)
    if not args.skip_api:
        print("== HTTP API ==")
        api.run(args.api_articles, args.clients, args.duration)


if __name__ == "__main__":
    main()
