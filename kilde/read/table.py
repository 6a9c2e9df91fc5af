"""CSV (and TSV) files with a text column; other columns (id, url, title, date) are used when present."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from kilde.article import Article, Reject
from kilde.errors import Code
from kilde.read.decode import MAX_RECORD_BYTES, DecodeError, decode
from kilde.read.text import make_article

TEXT_COLUMNS = ("text", "body", "content", "article", "tekst", "brødtekst", "indhold")
DATE_COLUMNS = ("published", "date", "dato", "publiceret", "time")


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    low = {h.strip().lower(): h for h in header if h}
    return next((low[n] for n in names if n in low), None)


def read_table_bytes(data: bytes, *, source: str, delimiter: str | None = None) -> Iterator[Article | Reject]:
    """One Article or Reject per data row."""
    try:
        text, _ = decode(data, limit=None)
    except DecodeError as e:
        yield Reject(source, "read", e.code.name, str(e), "")
        return
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    csv.field_size_limit(MAX_RECORD_BYTES * 2)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = reader.fieldnames or []
    text_col = _column(header, TEXT_COLUMNS)
    if text_col is None:
        yield Reject(source, "read", "E019", Code.E019.format(columns=", ".join(header) or "no columns",
                                                              choices=", ".join(TEXT_COLUMNS)), "header")
        return
    id_col, url_col = _column(header, ("id",)), _column(header, ("url", "link"))
    title_col, date_col = _column(header, ("title", "titel", "overskrift")), _column(header, DATE_COLUMNS)
    try:
        for row in reader:
            line = f"line {reader.line_num}"
            body = (row.get(text_col) or "").strip()
            if not body:
                yield Reject(source, "read", "E002", Code.E002.format(), row.get(id_col or "") or line)
                continue
            if len(body.encode("utf-8")) > MAX_RECORD_BYTES:
                yield Reject(source, "read", "E004", Code.E004.format(size=len(body.encode()), limit=MAX_RECORD_BYTES), line)
                continue
            yield make_article(body, source=source, given_id=(row.get(id_col) or None) if id_col else None,
                               url=row.get(url_col) if url_col else None, title=row.get(title_col) if title_col else None,
                               published=row.get(date_col) if date_col else None)
    except csv.Error as e:
        yield Reject(source, "read", "E009", Code.E009.format(detail=f"CSV {e} at line {reader.line_num}"),
                     f"line {reader.line_num}")
