"""The HTTP API: JSON mirrors of every dashboard view, under ``/api/``.

Lists are paginated (``limit``, ``offset``) and answer ``{"items", "total", "limit",
"offset", "next"}``; errors answer ``{"error": {"status", "code", "message"}}``.
"""
from __future__ import annotations

import hmac
import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from kilde.store import Store
from kilde.store import queries
from kilde.web.app import store_for

class FastJSON(JSONResponse):
    """Plain ``json.dumps`` of already JSON-ready data (skips FastAPI's slow generic encoder)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


router = APIRouter(prefix="/api", tags=["api"], default_response_class=FastJSON)

DATE = r"^\d{4}-\d{2}-\d{2}$"
DYAD = r"^[A-Za-z]{2,6}-[A-Za-z]{2,6}$"
Db = Annotated[Store, Depends(store_for)]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
Since = Annotated[date | None, Query(description="From this date (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="Up to this date (YYYY-MM-DD).")]


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def found(value: Any, message: str) -> FastJSON:
    """The value as JSON, or a 404 with ``message`` when there is none."""
    if value is None:
        raise HTTPException(404, message)
    return FastJSON(value)


def page(request: Request, listing: queries.Listing, store: Store, limit: int, offset: int) -> FastJSON:
    """One page of a listing, with the total and the address of the next page."""
    rows, total = listing.page(store, limit, offset)
    items = queries.records(rows)
    nxt = None
    if offset + limit < total:
        nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return FastJSON({"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt})


@router.get("/stats", summary="Counts, date range and languages")
def stats(store: Db) -> FastJSON:
    return FastJSON(queries.stats(store))


@router.get("/articles", summary="Articles, newest first")
def articles(request: Request, store: Db, q: Annotated[str | None, Query(max_length=200, description="Words in the text")] = None,
             outlet: str | None = None, language: Annotated[str | None, Query(max_length=8)] = None,
             since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0) -> FastJSON:
    listing = queries.article_listing(q=q, outlet=outlet, language=language, since=iso(since), until=iso(until))
    return page(request, listing, store, limit, offset)


@router.get("/articles/{article_id}", summary="One article with its quotes, events, actors and mentions")
def article(article_id: str, store: Db) -> FastJSON:
    return found(queries.article(store, article_id), f"no article with id {article_id!r}")


@router.get("/quotes", summary="Quotes by speaker, relay, words and date")
def quotes(request: Request, store: Db, speaker: str | None = None, relay: str | None = None,
           text: Annotated[str | None, Query(max_length=200)] = None, since: Since = None, until: Until = None,
           limit: Limit = 50, offset: Offset = 0) -> FastJSON:
    listing = queries.quote_listing(speaker=speaker, relay=relay, text=text, since=iso(since), until=iso(until))
    return page(request, listing, store, limit, offset)


@router.get("/events", summary="PLOVER events by type, actor, dyad and date")
def events(request: Request, store: Db, type: Annotated[str | None, Query(pattern=r"^[A-Za-z]+$")] = None,
           actor: str | None = None, dyad: Annotated[str | None, Query(pattern=DYAD)] = None,
           since: Since = None, until: Until = None, negated: bool = False,
           distinct: Annotated[bool, Query(description="One row per event however many articles report it")] = False,
           limit: Limit = 50, offset: Offset = 0) -> FastJSON:
    if type and type.upper() not in queries.COOPERATION_WEIGHTS:
        raise HTTPException(422, f"type must be a PLOVER type: {', '.join(queries.COOPERATION_WEIGHTS)}")
    listing = queries.event_listing(type=type, actor=actor, dyad=dyad, since=iso(since), until=iso(until),
                                    include_negated=negated, distinct=distinct)
    return page(request, listing, store, limit, offset)


@router.get("/actors", summary="Actor facts (country, sector, role) with their sources")
def actors(request: Request, store: Db, name: str | None = None,
           country: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,6}$")] = None,
           limit: Limit = 50, offset: Offset = 0) -> FastJSON:
    return page(request, queries.actor_listing(name=name, country=country), store, limit, offset)


@router.get("/actors/{name}", summary="Actor profile: roles over time with sources, quotes, events")
def actor(name: str, store: Db) -> FastJSON:
    return found(queries.actor_profile(store, name), f"no actor named {name!r}")


@router.get("/reports/{kind}/{article_id}/{idx}", summary="The articles that report the same quote or event")
def reports(kind: Annotated[str, Depends(lambda kind: _kind(kind))], article_id: str, idx: int, store: Db) -> FastJSON:
    linked = queries.reports(store, kind, article_id, idx)
    return found(linked if linked["reports"] else None, f"no {kind} {article_id}:{idx}")


def _kind(kind: str) -> str:
    if kind not in ("quote", "event"):
        raise HTTPException(422, "kind must be quote or event")
    return kind


@router.get("/stories", summary="Stories reported by several articles (near-duplicates grouped)")
def stories(store: Db, min_size: Annotated[int, Query(ge=1)] = 2, limit: Limit = 50, offset: Offset = 0) -> FastJSON:
    return FastJSON({"items": queries.records(queries.stories(store, min_size, limit, offset))})


@router.get("/dyads", summary="The most active country pairs")
def dyads(store: Db, limit: Limit = 20) -> FastJSON:
    return FastJSON({"items": queries.records(queries.top_dyads(store, limit))})


@router.get("/dyads/{dyad}", summary="Monthly PLOVER counts and cooperation-conflict score for a dyad")
def dyad(dyad: Annotated[str, Depends(lambda dyad: _dyad(dyad))], store: Db, since: Since = None,
         until: Until = None) -> FastJSON:
    series = queries.dyad_series(store, dyad, since=iso(since), until=iso(until))
    return FastJSON({"dyad": dyad.upper(), "weights": queries.COOPERATION_WEIGHTS, "months": queries.records(series)})


def _dyad(dyad: str) -> str:
    import re

    if not re.match(DYAD, dyad):
        raise HTTPException(422, "dyad must look like RUS-PRK")
    return dyad


@router.get("/speakers", summary="The most quoted speakers")
def speakers(store: Db, limit: Limit = 20) -> FastJSON:
    return FastJSON({"items": queries.records(queries.top_speakers(store, limit))})


@router.get("/network", summary="Actor network: countries and the events between them")
def network(store: Db, since: Since = None, until: Until = None, limit: Limit = 200) -> FastJSON:
    return FastJSON(queries.network(store, since=iso(since), until=iso(until), limit=limit))


@router.post("/ingest", summary="Analyse and store articles (needs the token set at start-up)")
def ingest(request: Request, records: Annotated[list[dict[str, Any]], Body(max_length=1000)],
           authorization: Annotated[str | None, Header()] = None) -> FastJSON:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "the server is read-only; start it with --token to allow ingest")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong bearer token")

    from kilde.ingest import ingest as run_ingest
    from kilde.nlp.pipeline import load
    from kilde.read.jsonl import read_jsonl

    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
    state = request.app.state
    with state.write_lock:
        if not hasattr(state, "nlp"):
            state.nlp = load()
        report = run_ingest(read_jsonl(data, source="api"), state.store, state.nlp)
        state.cache.clear()
    return FastJSON(report.as_dict())
