"""RSS and Atom feeds: one article per entry (its content, else its summary, as text)."""
from __future__ import annotations

from collections.abc import Iterator

from kilde.article import Article, Reject
from kilde.errors import Code
from kilde.read.text import make_article


def _plain(html: str) -> str:
    """Entry HTML -> text, one paragraph per block."""
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (ValueError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return ""
    for br in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "blockquote"):
        br.tail = "\n\n" + (br.tail or "")
    return "\n\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def read_feed_bytes(data: bytes, *, source: str) -> Iterator[Article | Reject]:
    """Every entry of an RSS or Atom feed, as an Article or a Reject."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        yield Reject(source, "read", "E016", Code.E016.format(detail=detail), "")
        return
    for n, entry in enumerate(parsed.entries, start=1):
        content = entry.get("content") or []
        html = (content[0].get("value") if content else None) or entry.get("summary") or ""
        text = _plain(html)
        title = (entry.get("title") or "").strip()
        record = entry.get("id") or entry.get("link") or f"entry {n}"
        if not text:
            yield Reject(source, "read", "E015", Code.E015.format(kind="feed entry"), record)
            continue
        body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
        yield make_article(body, source=source, given_id=entry.get("id"), url=entry.get("link"),
                           title=title or None, authors=[entry["author"]] if entry.get("author") else None,
                           published=entry.get("published") or entry.get("updated"))
