"""Web archives (WARC, plain or gzipped): every HTML response record becomes an article."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kilde.article import Article, Reject
from kilde.errors import Code
from kilde.read.decode import MAX_RECORD_BYTES
from kilde.read.html import read_html_bytes


def read_warc(path: Path | BinaryIO, source: str | None = None) -> Iterator[Article | Reject]:
    """One Article or Reject per response record; a broken archive ends with a Reject."""
    from warcio.archiveiterator import ArchiveIterator

    source = source or str(path)
    seen = 0
    fh = path.open("rb") if isinstance(path, Path) else path
    size = path.stat().st_size if isinstance(path, Path) else _size(fh)
    try:
        records = ArchiveIterator(fh)
        for rec in records:
            if rec.rec_type != "response":
                continue
            seen += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                yield Reject(source, "read", "E018", Code.E018.format(detail=f"content type {ctype or 'unknown'}"), url or "")
                continue
            data = rec.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(data) <= MAX_RECORD_BYTES and getattr(rec.raw_stream, "limit", 0) > 0:  # the record was cut
                yield Reject(source, "read", "E017", Code.E017.format(records=seen - 1, detail="the last record is cut"),
                             url or f"record {seen}")
                return
            if len(data) > MAX_RECORD_BYTES:
                yield Reject(source, "read", "E004", Code.E004.format(size=len(data), limit=MAX_RECORD_BYTES), url or "")
                continue
            yield read_html_bytes(data, source=source, url=url, record=url or f"record {seen}")
        if size is not None and records.offset < size:  # warcio stops quietly at a cut record
            yield Reject(source, "read", "E017",
                         Code.E017.format(records=seen, detail=f"{size - records.offset} bytes at the end unreadable"),
                         f"after record {seen}")
    except Exception as e:  # warcio raises many kinds on a cut or corrupt archive  # noqa: BLE001
        yield Reject(source, "read", "E017", Code.E017.format(records=seen, detail=type(e).__name__ + ": " + str(e)[:200]),
                     f"after record {seen}")
    finally:
        if isinstance(path, Path):
            fh.close()


def _size(fh: BinaryIO) -> int | None:
    try:
        here = fh.tell()
        end = fh.seek(0, 2)
        fh.seek(here)
        return end - here
    except (OSError, AttributeError):
        return None
