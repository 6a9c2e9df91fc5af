"""Turn analysed records into table rows (columns as in ``migrations.py``)."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from kilde.article import Article, Reject
from kilde.stories import quote_key, signature

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def to_date(value: str | None) -> date | None:
    """``2023-11-09T06:56`` / ``2023-11-09`` / ``2023-11`` -> a date (month -> its 1st)."""
    m = _DATE.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return None


def article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "hash": article.hash, "url": article.url, "outlet": article.outlet,
        "title": article.title, "authors": article.authors, "published": article.published,
        "date": to_date(article.published or article.date_stamp), "date_stamp": article.date_stamp,
        "language": article.language, "topic": article.topic, "source": article.source,
        "text": article.text, "body_start": article.body_start,
        "paragraphs": [list(p) for p in article.paragraphs], "warnings": article.warnings,
    }


def _speaker(quote: dict[str, Any]) -> dict[str, Any]:
    return quote.get("speaker") or {}


def quote_row(aid: str, idx: int, q: dict[str, Any], day: date | None) -> dict[str, Any]:
    sp = _speaker(q)
    return {
        "article_id": aid, "idx": idx, "text": q.get("text"), "start": q.get("start"), "end": q.get("end"),
        "kind": q.get("kind"), "speaker": sp.get("name"), "speaker_mention": sp.get("mention"),
        "speaker_start": sp.get("start"), "speaker_end": sp.get("end"), "speaker_type": sp.get("type"),
        "speaker_country": sp.get("country"), "cue": q.get("cue"), "relays": list(q.get("relays") or []),
        "paragraph": q.get("paragraph"), "rule": q.get("rule"), "date": day,
        "quote_key": quote_key(q.get("text") or ""),
    }


def event_row(aid: str, idx: int, e: dict[str, Any], day: date | None) -> dict[str, Any]:
    src, tgt = e.get("source") or {}, e.get("target") or {}
    return {
        "article_id": aid, "idx": idx, "type": e.get("type"), "mode": e.get("mode"),
        "source_name": src.get("name"), "source_country": src.get("country"), "source_sector": src.get("sector"),
        "target_name": tgt.get("name"), "target_country": tgt.get("country"), "target_sector": tgt.get("sector"),
        "negated": bool(e.get("negated")), "asserted_by": e.get("asserted_by"),
        "date": to_date(e.get("date")) or day, "location": e.get("location"), "text": e.get("text"),
        "start": e.get("start"), "end": e.get("end"), "confidence": e.get("confidence"), "rule": e.get("rule"),
        "cue": e.get("cue"), "source_mention": src.get("mention"), "target_mention": tgt.get("mention"),
        "reports": e.get("mentions", 1), "asserted_by_country": e.get("asserted_by_country"), "act": e.get("act"),
    }


def actor_row(aid: str, idx: int, a: dict[str, Any], day: date | None) -> dict[str, Any]:
    """One actor of one article; the role fact (``USA's udenrigsminister``) is the evidence, with its offsets."""
    fact = (a.get("facts") or [None])[0] or (a.get("mentions") or [{}])[0]
    return {
        "article_id": aid, "idx": idx, "name": a.get("name"), "type": a.get("type"),
        "country": a.get("country"), "sector": a.get("sector"), "role": a.get("role"),
        "evidence": fact.get("role") or fact.get("text"), "start": fact.get("start"), "end": fact.get("end"),
        "date": day, "mentions": len(a.get("mentions") or []), "source": a.get("source"),
    }


def mention_row(aid: str, idx: int, m: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": aid, "idx": idx, "text": m.get("text"), "start": m.get("start"),
            "end": m.get("end"), "label": m.get("label"), "country": m.get("country")}


def reject_row(r: Reject) -> dict[str, Any]:
    return {"source": r.source, "record": r.record, "stage": r.stage, "code": r.code, "reason": r.reason}


def rows_for(article: Article, rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """All rows for one analysed article, by table."""
    aid, day = article.id, to_date(article.published or article.date_stamp)
    return {
        "articles": [article_row(article)],
        "mentions": [mention_row(aid, i, m) for i, m in enumerate(rec.get("entities") or [])],
        "quotes": [quote_row(aid, i, q, day) for i, q in enumerate(rec.get("quotes") or [])],
        "events": [event_row(aid, i, e, day)
                   for i, e in enumerate(list(rec.get("events") or []) + list(rec.get("negated_events") or []))],
        "actors": [actor_row(aid, i, a, day) for i, a in enumerate(rec.get("actors") or [])],
        "signatures": [{"article_id": aid, "minhash": signature(article.text[article.body_start or 0:])}],
    }
