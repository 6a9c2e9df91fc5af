"""When an event happened: Danish time expressions resolved against the article's date.

``torsdag`` is the latest Thursday on or before the article's date (news reports the
past), ``i går`` the day before, ``i september`` the latest September not after the
article, ``sidste måned`` the month before, ``12. juni`` the 12 June nearest before or
just after the article. A date is as precise as the text: ``2023-11-09``, ``2023-09``
or ``2022``. Without a time expression the event takes the article's date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from kilde.nlp.lang import da

MONTHS = {name: i + 1 for i, name in enumerate(da.MONTHS)}
WEEKDAYS = {name: i for i, name in enumerate(da.WEEKDAYS)}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH_NAMES})\b(?:\s+(\d{{4}}))?", re.I)
_IN_MONTH = re.compile(rf"\b(?:i|siden|fra|tilbage i|i begyndelsen af|i slutningen af|midt i)\s+({_MONTH_NAMES})\b(?:\s+(\d{{4}}))?", re.I)
_WEEKDAY = re.compile(rf"\b(?:i\s+|sidste\s+|på\s+)?({_WEEKDAY_NAMES})s?\b(?!\s+den\s+\d)", re.I)
_YEAR = re.compile(r"\b(?:i|siden|fra|tilbage i)\s+((?:19|20)\d\d)\b", re.I)
_RELATIVE = [
    (re.compile(r"\bi\s+forgårs\b", re.I), ("day", -2)),
    (re.compile(r"\bi\s+går(?:\s+aftes)?\b", re.I), ("day", -1)),
    (re.compile(r"\bi\s+nat\b|\bi\s+morges\b|\bi\s+dag\b|\bi\s+aften\b", re.I), ("day", 0)),
    (re.compile(r"\bi\s+morgen\b", re.I), ("day", 1)),
    (re.compile(r"\b(?:i\s+)?sidste\s+uge\b|\bi\s+sidste\s+uge\b", re.I), ("day", -7)),
    (re.compile(r"\b(?:i\s+)?sidste\s+måned\b|\bi\s+forrige\s+måned\b", re.I), ("month", -1)),
    (re.compile(r"\bsidste\s+år\b|\bi\s+fjor\b|\bsidste\s+års\b", re.I), ("year", -1)),
]


def _base(published: str | None) -> date | None:
    if not published or not re.match(r"\d{4}-\d\d-\d\d", published):
        return None
    return date.fromisoformat(published[:10])


def _month_only(text: str, published: str) -> str | None:
    """With only the article's month (``2023-12``): month names resolve, everything else is that month."""
    year, month = int(published[:4]), int(published[5:7])
    hit = _IN_MONTH.search(text) or _DAY_MONTH.search(text)
    if hit:
        name = hit.group(1) if hit.re is _IN_MONTH else hit.group(2)
        given = hit.group(2) if hit.re is _IN_MONTH else hit.group(3)
        m = MONTHS[name.lower()]
        y = int(given) if given else (year if m <= month else year - 1)
        return f"{y}-{m:02d}"
    hit = _YEAR.search(text)
    if hit:
        return hit.group(1)
    return f"{year}-{month:02d}"


def resolve(text: str, published: str | None) -> str | None:
    """The date ``text`` (one sentence) points at, as ISO text, given the article's ``published``."""
    base = _base(published)
    if base is None and published and re.fullmatch(r"\d{4}-\d\d", published):
        return _month_only(text, published)
    hit = _DAY_MONTH.search(text)
    if hit:
        month = MONTHS[hit.group(2).lower()]
        day = int(hit.group(1))
        year = int(hit.group(3)) if hit.group(3) else (base.year if base else None)
        if year is None or not 1 <= day <= 31:
            return None
        try:
            when = date(year, month, day)
        except ValueError:
            return None
        if base and not hit.group(3) and when > base + timedelta(days=60):
            when = date(year - 1, month, min(day, 28))
        return when.isoformat()
    hit = _IN_MONTH.search(text)
    if hit:
        month = MONTHS[hit.group(1).lower()]
        if hit.group(2):
            return f"{hit.group(2)}-{month:02d}"
        if base is None:
            return None
        year = base.year if month <= base.month else base.year - 1
        return f"{year}-{month:02d}"
    if base is None:
        return None
    for pattern, (unit, n) in _RELATIVE:
        if pattern.search(text):
            if unit == "day":
                return (base + timedelta(days=n)).isoformat()
            if unit == "month":
                y, m = (base.year, base.month - 1) if base.month > 1 else (base.year - 1, 12)
                return f"{y}-{m:02d}"
            return str(base.year - 1)
    hit = _WEEKDAY.search(text)
    if hit:
        wanted = WEEKDAYS[hit.group(1).lower()]
        back = (base.weekday() - wanted) % 7
        return (base - timedelta(days=back)).isoformat()
    hit = _YEAR.search(text)
    if hit:
        return hit.group(1)
    return base.isoformat()
