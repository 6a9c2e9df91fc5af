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
from kilde.read.jsonl import read_jsonl
from kilde.read.text import read_text_bytes

Record = Article | Reject

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
TEXT_SUFFIXES = (".txt", ".text")


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return "other"


def read_path(path: Path) -> Iterator[Record]:
    """Read one file (by its extension) or one directory (recursively, sorted)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if _kind(child) != "other":
                yield from read_path(child)
        return
    if not path.exists():
        yield Reject(str(path), "read", "E001", Code.E001.format(path=path))
        return
    if _kind(path) == "jsonl":
        yield from read_jsonl(path)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Reject(str(path), "read", "E009", Code.E009.format(detail=e.strerror or str(e)))
        return
    yield read_text_bytes(data, source=str(path), given_id=path.stem)


def read_stream(stream: BinaryIO, source: str = "<stdin>") -> Iterator[Record]:
    """Read stdin: JSONL when the first non-blank byte is ``{``, else one text article."""
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(data, source=source)
    else:
        yield read_text_bytes(data, source=source, given_id=None)


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
            if kind == "text":
                total += 1
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
