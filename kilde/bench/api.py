"""API latency on a large synthetic store: each filtered list endpoint and the dyad series
one request at a time (p50/p95), then N concurrent clients for a fixed time (errors, p99).

    python -m kilde.bench.api --articles 100000 --clients 50 --duration 60
"""
from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from kilde.store import Store
from kilde.store.synthetic import RARE, RELAYS, STATES, TYPES, WORDS, fill


def endpoints(rng: random.Random) -> dict[str, list[str]]:
    """Request paths per endpoint group, with varied filters."""
    pair = lambda: "-".join(rng.sample(STATES, 2))  # noqa: E731
    n = 40
    return {
        "quotes?speaker": [f"/api/quotes?speaker={quote(f'Taler {rng.randrange(500)}')}" for _ in range(n)],
        "quotes?relay": [f"/api/quotes?relay={quote(rng.choice(RELAYS))}&limit=50" for _ in range(n)],
        "quotes?text": [f"/api/quotes?text={quote(rng.choice(WORDS))}" for _ in range(n)],
        "events?type": [f"/api/events?type={rng.choice(TYPES)}" for _ in range(n)],
        "events?dyad": [f"/api/events?dyad={pair()}" for _ in range(n)],
        "events?actor+since": [f"/api/events?actor={rng.choice(STATES)}&since=20{rng.randrange(15, 24)}-01-01"
                               for _ in range(n)],
        "articles?outlet": [f"/api/articles?outlet={rng.choice(['dr', 'tv2', 'politiken', 'jp'])}" for _ in range(n)],
        "articles?q": [f"/api/articles?q={quote(rng.choice(WORDS))}+ord{int(rng.random() ** 3 * RARE)}"
                       for _ in range(n)],
        "actors?name": [f"/api/actors?name={quote(f'Taler {rng.randrange(500)}')}" for _ in range(n)],
        "dyads/{dyad}": [f"/api/dyads/{pair()}" for _ in range(n)],
    }


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    t = time.perf_counter()
    conn.request("GET", path)
    resp = conn.getresponse()
    resp.read()
    return resp.status, (time.perf_counter() - t) * 1000


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _serve(db: Path) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kilde.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            if _get(conn, "/healthz")[0] == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the API server did not start")


def run(articles: int, clients: int, duration: float) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "api.duckdb"
        t = time.perf_counter()
        with Store(db) as store:
            counts = fill(store, articles)
        print(f"synthetic store: {counts['articles']} articles, {counts['quotes']} quotes, {counts['events']} events, "
              f"{counts['actors']} actor facts ({time.perf_counter() - t:.1f} s)")
        proc, port = _serve(db)
        try:
            groups = endpoints(rng)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for paths in groups.values():  # warm up each query shape once (a URL not measured below)
                _get(conn, paths[0] + ("&" if "?" in paths[0] else "?") + "limit=49")
            groups = {name: list(dict.fromkeys(paths)) for name, paths in groups.items()}  # each URL once: uncached
            every: list[float] = []
            print("one client, each URL asked once (no response cache):")
            print(f"{'endpoint':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            for name, paths in groups.items():
                times = []
                for path in paths:
                    status, ms = _get(conn, path)
                    if status != 200:
                        raise RuntimeError(f"{path}: HTTP {status}")
                    times.append(ms)
                every += times
                print(f"{name:<22} {statistics.median(times):8.1f} {_pct(times, 95):8.1f} {max(times):8.1f}")
            print(f"{'all (one client)':<22} {statistics.median(every):8.1f} {_pct(every, 95):8.1f} {max(every):8.1f}")
            _load(port, [p for paths in groups.values() for p in paths], clients, duration)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _load(port: int, paths: list[str], clients: int, duration: float) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.time() + duration

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], []
        while time.time() < stop:
            try:
                status, ms = _get(conn, rng.choice(paths))
                mine.append(ms)
                if status != 200:
                    bad.append(str(status))
            except (OSError, http.client.HTTPException) as e:
                bad.append(type(e).__name__)
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t
    print(f"load (response cache on, {len(set(paths))} distinct URLs): {clients} clients for {elapsed:.0f} s: {len(latencies)} requests ({len(latencies) / elapsed:.0f}/s), "
          f"{len(errors)} errors, p50 {statistics.median(latencies):.1f} ms, p95 {_pct(latencies, 95):.1f} ms, "
          f"p99 {_pct(latencies, 99):.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    args = ap.parse_args()
    run(args.articles, args.clients, args.duration)


if __name__ == "__main__":
    main()
