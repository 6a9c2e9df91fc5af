"""Readers: turn files, directories, stdin and JSONL into Article or Reject records.

``read_inputs`` walks everything it is given and yields one item per input record,
so ``stored + duplicates + rejected == read`` can be checked downstream.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kilde.article import Article, Reject
from kilde.errors import Code
from kilde.read.feed import read_feed_bytes
from kilde.read.html import read_html_bytes
from kilde.read.jsonl import read_jsonl
from kilde.read.table import read_table_bytes
from kilde.read.text import read_text_bytes
from kilde.read.warc import read_warc

Record = Article | Reject

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
TABLE_SUFFIXES = (".csv", ".tsv")


def _kind(path: Path) -> str:
    """The reader for a file, by its extension."""
    name = path.name.lower()
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES),
                           ("feed", FEED_SUFFIXES), ("warc", WARC_SUFFIXES), ("table", TABLE_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return "other"


def sniff(head: bytes) -> str:
    """The reader for content whose name says nothing (stdin, an unknown extension)."""
    if head[:2] == b"\x1f\x8b":
        import gzip
        import zlib

        try:
            head = gzip.decompress(head)
        except (OSError, EOFError, zlib.error):
            try:
                head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
            except zlib.error:
                return "jsonl"
        if head.startswith(b"WARC/"):
            return "warc"
        return "jsonl"
    start = head.lstrip()[:400].lower()
    if head.startswith(b"WARC/"):
        return "warc"
    if start[:1] == b"{":
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or (start.startswith(b"<?xml") and b"<rdf" in start):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "html"
    return "text"


def read_path(path: Path) -> Iterator[Record]:
    """Read one file (by its extension, else by its content) or one directory (recursively, sorted)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if _kind(child) != "other":
                yield from read_path(child)
        return
    if not path.exists():
        yield Reject(str(path), "read", "E001", Code.E001.format(path=path))
        return
    kind = _kind(path)
    if kind == "other":
        with path.open("rb") as fh:
            kind = sniff(fh.read(4096))
    if kind == "jsonl":
        yield from read_jsonl(path)
        return
    if kind == "warc":
        yield from read_warc(path)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Reject(str(path), "read", "E009", Code.E009.format(detail=e.strerror or str(e)))
        return
    yield from read_bytes(data, kind, source=str(path), given_id=path.stem,
                          delimiter="\t" if path.name.lower().endswith(".tsv") else None)


def read_bytes(data: bytes, kind: str, *, source: str, given_id: str | None = None,
               delimiter: str | None = None) -> Iterator[Record]:
    """Records from the bytes of one input of a known kind."""
    if kind == "jsonl":
        yield from read_jsonl(data, source=source)
    elif kind == "warc":
        import io

        yield from read_warc(io.BytesIO(data), source=source)
    elif kind == "html":
        yield read_html_bytes(data, source=source, given_id=given_id)
    elif kind == "feed":
        yield from read_feed_bytes(data, source=source)
    elif kind == "table":
        yield from read_table_bytes(data, source=source, delimiter=delimiter)
    else:
        yield read_text_bytes(data, source=source, given_id=given_id)


def read_stream(stream: BinaryIO, source: str = "<stdin>") -> Iterator[Record]:
    """Read stdin, choosing the reader by content (JSONL, WARC, feed, HTML, else one text article)."""
    data = stream.read()
    yield from read_bytes(data, sniff(data[:4096]), source=source)


def read_inputs(inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Record]:
    """Read every input: paths, directories, or ``-`` for standard input."""
    for item in inputs:
        if item == "-":
            yield from read_stream(stdin or sys.stdin.buffer)
        else:
            yield from read_path(Path(item))


def count_inputs(inputs: Iterable[str]) -> int | None:
    """A cheap estimate of how many records the inputs hold (for progress bars)."""
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        for f in files:
            kind = _kind(f)
            if kind in ("text", "html"):
                total += 1
            elif kind in ("feed", "warc", "table"):
                return None
            elif kind == "jsonl" and not f.name.endswith(".gz"):
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            elif kind == "jsonl":
                return None
            elif not path.is_dir():
                total += 1
    return total
