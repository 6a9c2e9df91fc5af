"""The dashboard: server-rendered pages over the same queries as the API.

Every page has its JSON twin under ``/api/`` (linked at the foot of the page).
Templates autoescape; article text is cut into escaped segments for highlighting.
"""
from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from kilde.store import Store
from kilde.store import queries
from kilde.web.api import DATE, DYAD, Db
from kilde.web.app import HERE
from kilde.web.highlight import segments

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
PAGE = 25
COOPERATION = [t for t, w in queries.COOPERATION_WEIGHTS.items() if w > 0]


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, {"plover": list(queries.COOPERATION_WEIGHTS),
                                                      "cooperation": COOPERATION, **context}, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def pager(request: Request, total: int, offset: int, limit: int = PAGE) -> dict[str, Any]:
    """Links to the previous and next page, keeping the filters."""
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    link = lambda o: f"{request.url.path}?{urlencode({**params, 'offset': o})}"  # noqa: E731
    return {"total": total, "first": offset + 1 if total else 0, "last": min(total, offset + limit),
            "prev": link(max(0, offset - limit)) if offset > 0 else None,
            "next": link(offset + limit) if offset + limit < total else None}


def _listing(request: Request, store: Store, listing: queries.Listing, offset: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows, total = listing.page(store, PAGE, offset)
    return queries.records(rows), pager(request, total, offset)


def _clean(value: str | None, pattern: str | None = None) -> str | None:
    import re

    value = (value or "").strip() or None
    if value and pattern and not re.match(pattern, value):
        raise HTTPException(422, f"{value!r} is not a valid value here")
    if value and pattern == DATE:
        from datetime import date

        try:
            date.fromisoformat(value)
        except ValueError:
            raise HTTPException(422, f"{value!r} is not a date (YYYY-MM-DD)") from None
    return value


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: Db) -> HTMLResponse:
    return render(request, "overview.html", stats=queries.stats(store),
                  latest=queries.records(queries.articles(store, limit=10)),
                  speakers=queries.records(queries.top_speakers(store, 10)),
                  dyads=queries.records(queries.top_dyads(store, 10)))


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, store: Db, q: str | None = None, outlet: str | None = None,
             offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    listing = queries.article_listing(q=_clean(q), outlet=_clean(outlet))
    rows, pages = _listing(request, store, listing, offset)
    return render(request, "articles.html", rows=rows, pages=pages, q=q or "", outlet=outlet or "")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, store: Db) -> HTMLResponse:
    found = queries.article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    body = found.get("body_start") or 0
    segs = segments(found["text"], found["quotes"], found["events"], found["mentions"], start=body)
    return render(request, "article.html", a=found, segments=segs)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, store: Db, speaker: str | None = None, relay: str | None = None,
           text: str | None = None, since: str | None = None, until: str | None = None,
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    filters = {"speaker": _clean(speaker), "relay": _clean(relay), "text": _clean(text),
               "since": _clean(since, DATE), "until": _clean(until, DATE)}
    rows, pages = _listing(request, store, queries.quote_listing(**filters), offset)
    return render(request, "quotes.html", rows=rows, pages=pages, f={k: v or "" for k, v in filters.items()})


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: Db, type: str | None = None, actor: str | None = None,
           dyad: str | None = None, since: str | None = None, until: str | None = None,
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    kind = _clean(type)
    if kind and kind.upper() not in queries.COOPERATION_WEIGHTS:
        raise HTTPException(422, f"{kind!r} is not a PLOVER type")
    filters = {"type": kind, "actor": _clean(actor), "dyad": _clean(dyad, DYAD),
               "since": _clean(since, DATE), "until": _clean(until, DATE)}
    rows, pages = _listing(request, store, queries.event_listing(**filters), offset)
    return render(request, "events.html", rows=rows, pages=pages, f={k: v or "" for k, v in filters.items()})


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: Db, name: str | None = None,
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    rows, pages = _listing(request, store, queries.actor_listing(name=_clean(name)), offset)
    return render(request, "actors.html", rows=rows, pages=pages, name=name or "")


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor(request: Request, name: str, store: Db) -> HTMLResponse:
    found = queries.actor_profile(store, name)
    if found is None:
        raise HTTPException(404, f"no actor named {name!r}")
    return render(request, "actor.html", p=found)


@router.get("/dyads", response_class=HTMLResponse)
def dyads(request: Request, store: Db, dyad: str | None = None) -> HTMLResponse:
    top = queries.records(queries.top_dyads(store, 20))
    chosen = (_clean(dyad, DYAD) or (top[0]["dyad"] if top else "")).upper()
    series = queries.records(queries.dyad_series(store, chosen)) if chosen else []
    return render(request, "dyads.html", top=top, dyad=chosen, series=series,
                  weights=queries.COOPERATION_WEIGHTS)


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, store: Db) -> HTMLResponse:
    return render(request, "network.html", graph=queries.network(store))


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI schema (no external assets)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type") or "/".join(
                           x.get("type", x.get("format", "")) for x in (p.get("schema") or {}).get("anyOf", [])),
                       "about": p.get("description") or (p.get("schema") or {}).get("description", "")}
                      for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params})
    return render(request, "docs.html", endpoints=endpoints, description=schema["info"].get("description", ""))
