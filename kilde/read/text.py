"""Plain text articles (the seed format is plain text with a header)."""
from __future__ import annotations

from urllib.parse import urlparse

from kilde.article import Article, Reject, make_id
from kilde.errors import Code
from kilde.read.decode import DecodeError, decode
from kilde.read.header import paragraphs, parse_header
from kilde.read.language import detect_language


def outlet_from_url(url: str | None) -> str | None:
    """``https://www.dr.dk/nyheder/...`` -> ``dr.dk``."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def make_article(text: str, *, source: str, given_id: str | None = None, url: str | None = None,
                 title: str | None = None, authors: list[str] | None = None,
                 published: str | None = None, warnings: list[str] | None = None,
                 topic: str | None = None) -> Article:
    """Build an Article from text, reading its header for what the caller did not give."""
    head = parse_header(text)
    return Article(
        id=make_id(given_id, url, text),
        text=text,
        source=source,
        url=url,
        outlet=outlet_from_url(url),
        title=title,
        authors=authors or head.authors,
        published=published or head.published or head.date_stamp,
        date_stamp=head.date_stamp,
        language=detect_language(text[head.body_start:]),
        body_start=head.body_start,
        paragraphs=paragraphs(text, head.body_start),
        warnings=warnings or [],
        topic=topic,
    )


def read_text_bytes(data: bytes, *, source: str, given_id: str | None) -> Article | Reject:
    """One text file's bytes -> an Article, or a Reject saying why not."""
    try:
        text, warnings = decode(data)
    except DecodeError as e:
        return Reject(source, "read", e.code.name, str(e), given_id or "")
    if not text.strip():
        return Reject(source, "read", "E002", Code.E002.format(), given_id or "")
    return make_article(text, source=source, given_id=given_id, warnings=warnings)
