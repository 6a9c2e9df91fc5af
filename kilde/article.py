"""The records that flow from the readers into analysis and the store."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any


def text_key(text: str) -> str:
    """Normalise text for hashing: collapse white space and case."""
    return re.sub(r"\s+", " ", text).strip().lower()


def make_id(given: str | None = None, url: str | None = None, text: str = "") -> str:
    """A stable article id: the given id, else a hash of the URL, else of the text."""
    if given:
        return str(given)
    if url:
        return "u-" + hashlib.sha1(url.strip().encode("utf-8")).hexdigest()[:16]
    return "t-" + hashlib.sha1(text_key(text).encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """Hash of the exact text, to tell an unchanged re-ingest from an update."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One news article as read, before analysis.

    ``text`` is kept exactly as given (offsets everywhere point into it);
    ``body_start`` is where the body begins after a header line, and
    ``paragraphs`` holds ``(start, end)`` offsets of the body paragraphs.
    """

    id: str
    text: str
    source: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    date_stamp: str | None = None
    language: str = "da"
    body_start: int = 0
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    topic: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def headings(self) -> list[str]:
        """The paragraphs that are titles or subheadings."""
        from kilde.read.header import is_heading

        return [self.text[s:e] for s, e in self.paragraphs if is_heading(self.text[s:e])]

    def meta(self) -> dict[str, Any]:
        """The article fields of an extract record (without analysis)."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }


@dataclass
class Reject:
    """A record that could not be stored, with where and why."""

    source: str
    stage: str
    code: str
    reason: str
    record: str = ""

    def line(self) -> str:
        where = f"{self.source}" + (f" [{self.record}]" if self.record else "")
        return f"{where}: {self.reason}"
