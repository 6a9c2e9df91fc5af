"""A corpus of malformed records of every kind the readers know, for the robustness check:
bad bytes, broken and non-object JSON, missing or mistyped fields, truncated gzip and WARC,
empty and oversized records, HTML without text, broken feeds and CSV rows without text.

``python -m kilde.bench.malformed --records 10000`` writes it, ingests it with
``kilde ingest`` and checks that the run ends cleanly and that every record read is
stored, a duplicate, or rejected with a reason.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kilde.read.decode import MAX_RECORD_BYTES

GOOD = "Statsministeren siger, at Danmark vil hjælpe Ukraine med mere udstyr, og at aftalen er på plads."


def _jsonl_line(rng: random.Random, i: int) -> bytes:
    kind = rng.randrange(9)
    if kind == 0:
        return b'{"id": "x%d", "text": "ubalanceret' % i
    if kind == 1:
        return json.dumps([i, "liste"]).encode()
    if kind == 2:
        return json.dumps({"id": f"m{i}", "title": "ingen tekst"}).encode()
    if kind == 3:
        return json.dumps({"id": f"t{i}", "text": 12345}).encode()
    if kind == 4:
        return json.dumps({"id": f"e{i}", "text": "   "}).encode()
    if kind == 5:
        return b'{"id": "b%d", "text": "' % i + bytes(rng.randrange(256) for _ in range(40)).replace(b'"', b"") + b'"}'
    if kind == 6:
        return json.dumps({"id": f"d{i}", "text": GOOD, "published": {"år": 2024}}).encode()
    if kind == 7:
        return b"\x00\x01\x02\xff" * 8
    return json.dumps({"id": f"ok{i}", "text": GOOD + f" ({i})"}, ensure_ascii=False).encode()


def warc_bytes(pages: list[tuple[str, str, bytes]]) -> bytes:
    """A gzipped WARC of HTTP responses ``(url, content type, body)``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def write(root: Path, records: int, seed: int = 11) -> int:
    """Write about ``records`` malformed records under ``root``; returns how many inputs it wrote."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    per_file = max(20, min(500, records // 8))
    lines_total = int(records * 0.8)
    n = 0
    for f in range(0, lines_total, per_file):
        lines = b"\n".join(_jsonl_line(rng, f + k) for k in range(min(per_file, lines_total - f))) + b"\n"
        if f // per_file % 3 == 2:  # a gzip cut short
            data = gzip.compress(lines)
            (root / f"cut-{f}.jsonl.gz").write_bytes(data[: len(data) * 2 // 3])
        else:
            (root / f"lines-{f}.jsonl").write_bytes(lines)
        n += 1
    rest = records - lines_total
    empty_html = b"<html><body><nav>Forside</nav><footer>Kontakt</footer></body></html>"
    page = ("<html><body><article><p>" + GOOD + "</p></article></body></html>").encode()
    for k in range(rest):
        kind = k % 8
        if kind == 0:
            (root / f"empty-{k}.txt").write_bytes(b"")
        elif kind == 1:
            (root / f"binary-{k}.txt").write_bytes(bytes(rng.randrange(256) for _ in range(300)) + b"\x00" * 20)
        elif kind == 2:
            (root / f"latin-{k}.txt").write_bytes(("Søren siger, at det er rigtig godt. " * 3).encode("cp1252"))
        elif kind == 3:
            (root / f"nottext-{k}.html").write_bytes(empty_html)
        elif kind == 4:
            data = warc_bytes([(f"https://example.dk/{k}", "text/html", page), (f"https://example.dk/{k}.png", "image/png", b"\x89PNG")])
            (root / f"crawl-{k}.warc.gz").write_bytes(data[: len(data) - 150] if k % 16 == 4 else data)
        elif kind == 5:
            (root / f"feed-{k}.rss").write_text("<?xml version='1.0'?><rss><channel><item><title>Ufærdig", encoding="utf-8")
        elif kind == 6:
            (root / f"table-{k}.csv").write_text(f"id,tekst\nc{k},\nd{k},{GOOD}\n" if k % 2 else "id,titel\n1,Ingen tekst\n",
                                                 encoding="utf-8")
        else:
            (root / f"odd-{k}.txt").write_bytes(b"\xff\xfe" + "Ærø".encode("utf-16-le") * 40)
    for k in range(3):  # oversized records
        (root / f"huge-{k}.txt").write_bytes(b"ord " * (MAX_RECORD_BYTES // 4 + 10))
        n += 1
    return n + rest


def run(records: int) -> bool:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d) / "bad"
        write(root, records)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "kilde.cli", "ingest", str(root), "--db", str(Path(d) / "bad.duckdb"),
                               "-q"], capture_output=True, text=True)
        account = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
        print(f"malformed corpus: exit {proc.returncode} in {time.perf_counter() - t:.0f} s; {account}")
        crashed = proc.returncode != 0 or "Traceback" in proc.stderr
        nums = [int(w.strip(",")) for w in account.replace("(", " ").replace(")", " ").split() if w.strip(",").isdigit()]
        balanced = len(nums) >= 5 and nums[0] == nums[1] + nums[3] + nums[4]
        print(f"  crashes: {int(crashed)}; every record stored, duplicate or rejected with a reason: {balanced}")
        return not crashed and balanced


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000)
    args = ap.parse_args()
    sys.exit(0 if run(args.records) else 1)


if __name__ == "__main__":
    main()
