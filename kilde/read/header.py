"""The header conventions of our news sources: a month stamp and a byline.

A text may begin with ``date YYYY-MM`` (with an optional leading space), then
either the body or a byline: author name(s) and a Danish timestamp such as
``Mandag, 04. marts 2024 - 10:15``. Paragraphs are separated by blank lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from kilde.nlp.lang.da import MONTHS, WEEKDAYS

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

_STAMP = re.compile(r"\A\s*date (\d{4})-(\d{2})\b[ \t]*")
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)
_MONTH = "|".join(MONTHS)
_BYLINE = re.compile(
    rf"(?P<authors>[^\n]*?)\s*(?:{_WEEKDAY}),?\s+(?P<day>\d{{1,2}})\.\s*(?P<month>{_MONTH})\s+"
    rf"(?P<year>\d{{4}})(?:\s*[-–,]?\s*(?:kl\.\s*)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}}))?[ \t]*(?=\n|\Z)",
    re.IGNORECASE,
)
_PARA = re.compile(r"[^\n]+")


@dataclass
class Header:
    """What the header says, and where the body starts."""

    date_stamp: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    body_start: int = 0


def split_authors(raw: str) -> list[str]:
    """``Anna Hansen og Bo Holm`` / ``A, B`` -> a list of names."""
    parts = re.split(r"\s*(?:,|\bog\b|&|\band\b)\s*", raw.strip())
    return [p.strip() for p in parts if p.strip() and len(p.split()) <= 5]


def parse_header(text: str) -> Header:
    """Read the month stamp and byline at the start of ``text``, if any."""
    head = Header()
    pos = 0
    stamp = _STAMP.match(text)
    if stamp:
        head.date_stamp = f"{stamp.group(1)}-{stamp.group(2)}"
        pos = stamp.end()
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    byline = _BYLINE.match(text, pos, line_end)
    if byline and len(byline.group("authors").split()) <= 12:
        head.authors = split_authors(byline.group("authors"))
        head.published = _timestamp(byline)
        pos = byline.end()
    elif stamp:
        head.body_start = pos
        return head
    if stamp or byline:
        while pos < len(text) and text[pos].isspace():
            pos += 1
    head.body_start = pos
    return head


def _timestamp(match: re.Match[str]) -> str:
    month = MONTHS.index(match.group("month").lower()) + 1
    hour = int(match.group("hour") or 0)
    minute = int(match.group("minute") or 0)
    local = datetime(int(match.group("year")), month, int(match.group("day")), hour, minute,
                     tzinfo=COPENHAGEN)
    return local.isoformat()


def paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank paragraph from ``start`` on, trimmed.

    Every line is a paragraph: news pages separate paragraphs by blank lines or by single
    line breaks, and a line break never falls inside a sentence in either.
    """
    spans = []
    for m in _PARA.finditer(text, start):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def is_heading(paragraph: str) -> bool:
    """A short paragraph with no closing punctuation: a title or subheading."""
    p = paragraph.strip()
    if not p or p[0] in "-–—»\"“”'" or p[-1] in ".!?:;,«\"”“»)'…":
        return False
    return len(p.split()) <= 12 and "\n" not in p
