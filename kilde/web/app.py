"""FastAPI application: the HTTP API (``/api/...``) and the dashboard pages over one store.

The store is opened once, read-only unless a write token is given at start-up; each
request reads through its own cursor. Every response carries a strict content
security policy (scripts and styles only from Kilde itself), errors share one JSON
shape on the API, and all text reaches pages through Jinja's autoescaping.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kilde.errors import KildeError
from kilde.store import Store

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def store_for(request: Request) -> Iterator[Store]:
    """A per-request reader on the app's store (FastAPI dependency)."""
    reader = request.app.state.store.reader()
    try:
        yield reader
    finally:
        reader.close()


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    """The one JSON error shape: ``{"error": {"status", "code", "message"}}``."""
    codes = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
             409: "conflict", 422: "invalid_parameter", 500: "internal_error"}
    return {"error": {"status": status, "code": code or codes.get(status, "error"), "message": message}}


class ResponseCache:
    """Responses to GET requests by URL, least recently used out first.

    The store is read-only while served, so an answer stays right until an ingest
    through the API (which clears the cache). Static files are left to the browser.
    """

    def __init__(self, size: int = 4096, max_body: int = 2_000_000) -> None:
        self.size, self.max_body = size, max_body
        self.items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def key(request: Request) -> str | None:
        if request.method != "GET" or request.url.path.startswith(("/static/", "/healthz")):
            return None
        return f"{request.headers.get('accept', '')[:40]} {request.url.path}?{request.url.query}"

    def get(self, key: str) -> tuple[bytes, str] | None:
        with self.lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
            return hit

    def put(self, key: str, body: bytes, media_type: str) -> None:
        if len(body) > self.max_body:
            return
        with self.lock:
            self.items[key] = (body, media_type)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    """An app serving the store at ``db``; ``token`` enables the write endpoint (``POST /api/ingest``)."""
    store = Store(db, read_only=token is None)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        store.close()

    app = FastAPI(title="Kilde", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who said what, who did what to whom, when, and according to which source. "
                              "Read-only; every list is paginated with `limit` and `offset`.")
    app.state.store = store
    app.state.token = token
    app.state.write_lock = threading.Lock()

    cache = ResponseCache()
    app.state.cache = cache

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        key = cache.key(request)
        hit = cache.get(key) if key else None
        if hit is not None:
            response: Response = Response(hit[0], status_code=200, media_type=hit[1], headers={"X-Cache": "hit"})
        else:
            response = await call_next(request)
            if key and response.status_code == 200:
                body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
                cache.put(key, body, response.media_type or response.headers.get("content-type", ""))
                headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
                response = Response(body, status_code=200, headers={**headers, "X-Cache": "miss"})
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            return JSONResponse(error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code)
        from kilde.web.pages import error_page

        return error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors())
        if wants_json(request):
            return JSONResponse(error_body(422, problems), status_code=422)
        from kilde.web.pages import error_page

        return error_page(request, 422, problems)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        import logging

        logging.getLogger("kilde.web").exception("request failed: %s", request.url.path)
        return JSONResponse(error_body(500, "internal error; see the server log"), status_code=500)

    @app.exception_handler(KildeError)
    async def kilde_error(request: Request, exc: KildeError) -> Response:
        return JSONResponse(error_body(400, str(exc), exc.code.name), status_code=400)

    from kilde.web.api import router as api_router
    from kilde.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/healthz", include_in_schema=False, response_class=HTMLResponse)
    def health() -> str:
        return "ok"

    return app
