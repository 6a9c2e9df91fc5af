"""JSON Lines, plain or gzipped: ``id``, ``url``, ``text`` and optional metadata."""
from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from kilde.article import Article, Reject
from kilde.errors import Code
from kilde.read.decode import MAX_RECORD_BYTES, DecodeError, decode
from kilde.read.text import make_article

_STRING_FIELDS = ("id", "url", "title", "published", "date", "topic")


def _open(path_or_data: Path | bytes) -> BinaryIO:
    if isinstance(path_or_data, bytes):
        raw: BinaryIO = io.BytesIO(path_or_data)
        if path_or_data[:2] == b"\x1f\x8b":
            return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
        return raw
    with path_or_data.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path_or_data, "rb") if gzipped else path_or_data.open("rb")  # type: ignore[return-value]


def read_jsonl(path_or_data: Path | bytes, source: str | None = None) -> Iterator[Article | Reject]:
    """Yield one Article or Reject per non-blank line; a broken gzip ends with a Reject."""
    source = source or str(path_or_data)
    lineno = 0
    try:
        with _open(path_or_data) as fh:
            for lineno, raw in enumerate(fh, start=1):  # noqa: B007 - lineno used after the loop
                if raw.strip():
                    yield parse_record(raw, source, lineno)
    except (EOFError, OSError, zlib.error) as e:
        yield Reject(source, "read", "E007", Code.E007.format(line=lineno, detail=e), f"line {lineno + 1}")


def parse_record(raw: bytes, source: str, lineno: int) -> Article | Reject:
    """One JSONL line -> Article or Reject."""
    where = f"line {lineno}"
    if len(raw) > MAX_RECORD_BYTES:
        return Reject(source, "read", "E004", Code.E004.format(size=len(raw), limit=MAX_RECORD_BYTES), where)
    try:
        line, warnings = decode(raw)
        obj = json.loads(line)
    except DecodeError as e:
        return Reject(source, "read", e.code.name, str(e), where)
    except json.JSONDecodeError as e:
        return Reject(source, "read", "E005", Code.E005.format(line=lineno, detail=e.msg), where)
    if not isinstance(obj, dict):
        return Reject(source, "read", "E014", Code.E014.format(line=lineno), where)
    record = str(obj.get("id") or where)
    problem = _check_fields(obj)
    if problem:
        return Reject(source, "read", problem[0], problem[1], record)
    return make_article(
        obj["text"], source=source, given_id=_str(obj.get("id")), url=_str(obj.get("url")),
        title=_str(obj.get("title")), authors=_authors(obj.get("authors")),
        published=_str(obj.get("published") or obj.get("date")), warnings=warnings,
        topic=_str(obj.get("topic")),
    )


def _check_fields(obj: dict[str, Any]) -> tuple[str, str] | None:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ("E002", Code.E002.format()) if isinstance(text, str) else ("E006", Code.E006.format())
    for name in _STRING_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str | int):
            return "E008", Code.E008.format(field=name, expected="a string")
    authors = obj.get("authors")
    if authors is not None and not isinstance(authors, str | list):
        return "E008", Code.E008.format(field="authors", expected="a string or a list of strings")
    return None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return []
