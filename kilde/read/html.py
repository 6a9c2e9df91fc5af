"""HTML pages: main text and metadata through trafilatura (menus, ads and footers left out)."""
from __future__ import annotations

from kilde.article import Article, Reject
from kilde.errors import Code
from kilde.read.decode import DecodeError, decode
from kilde.read.text import make_article

MIN_WORDS = 8


def read_html_bytes(data: bytes, *, source: str, given_id: str | None = None, url: str | None = None,
                    record: str = "") -> Article | Reject:
    """One HTML page -> an Article (text as extracted, one paragraph per block), or a Reject."""
    import trafilatura

    try:
        html, warnings = decode(data)
    except DecodeError as e:
        return Reject(source, "read", e.code.name, str(e), record or given_id or "")
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False)
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if len(text.split()) < MIN_WORDS:  # a menu or a cookie notice is not an article
        return Reject(source, "read", "E015", Code.E015.format(kind="HTML page"), record or given_id or url or "")
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    author = getattr(found, "author", None)
    return make_article(text, source=source, given_id=given_id, url=url or getattr(found, "url", None),
                        title=getattr(found, "title", None), authors=[a.strip() for a in author.split(";")] if author else None,
                        published=getattr(found, "date", None), warnings=warnings)
