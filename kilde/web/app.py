"""FastAPI application: read-only API and pages over one store."""
from __future__ import annotations

from html import escape
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from kilde.store import Store
from kilde.store.queries import stats


def create_app(db: str) -> FastAPI:
    """An app serving the store at ``db`` (opened read-only per request)."""
    app = FastAPI(title="Kilde", description="Who said what, who did what to whom, according to whom.")

    def open_store() -> Store:
        return Store(db, read_only=True)

    @app.get("/api/stats")
    def api_stats() -> dict[str, Any]:
        with open_store() as store:
            return stats(store)

    @app.get("/", response_class=HTMLResponse)
    def overview() -> str:
        with open_store() as store:
            counts = stats(store)
        rows = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape(str(v))}</td></tr>" for k, v in counts.items())
        return f"<!doctype html><html lang=da><head><meta charset=utf-8><title>Kilde</title></head>" \
               f"<body><h1>Kilde</h1><table>{rows}</table></body></html>"

    return app
