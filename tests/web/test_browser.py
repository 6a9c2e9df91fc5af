"""End-to-end: the dashboard in headless Chromium (Debian's chromium driven by Playwright).

Screenshots of each page are saved under build/screenshots/ as test artifacts.
Skips with a reason when Playwright or a Chromium binary is not installed (make test installs both).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make test installs it)")
CHROMIUM = os.environ.get("KILDE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="no chromium binary (make test installs Debian's chromium)")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="module")
def base_url(web_db):
    import uvicorn

    from kilde.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview(page, base_url):
    page.goto(base_url + "/")
    assert page.locator('[data-count="articles"]').inner_text() == "15"
    assert page.locator("#speakers tr").count() > 2 and page.locator("#dyads tr").count() > 2
    shot(page, "overview")
    assert page.errors == []


def test_search_quote_by_speaker(page, base_url):
    page.goto(base_url + "/quotes")
    page.fill('input[name="speaker"]', "Kalle Kask")
    page.click("#quote-search button")
    page.wait_for_url("**/quotes?*speaker=Kalle+Kask*")
    rows = page.locator("#results tr")
    assert rows.count() == 3  # header + the quote in the article and in its wire copy
    assert page.locator("#results td.speaker").all_inner_texts() == ["Kalle Kask", "Kalle Kask"]
    assert "Vi står sammen mod Rusland" in rows.nth(1).inner_text()
    shot(page, "quotes")


def test_article_highlights_sit_on_the_right_words(page, base_url):
    import json
    import urllib.request

    data = json.load(urllib.request.urlopen(base_url + "/api/articles/meeting"))
    page.goto(base_url + "/articles/meeting")
    for i, q in enumerate(data["quotes"]):
        shown = page.evaluate(f"Array.from(document.querySelectorAll('[data-quote=\"{i}\"]')).map(e => e.textContent).join('')")
        assert shown == data["text"][q["start"]:q["end"]] == q["text"]
    for i, e in enumerate(data["events"]):
        shown = page.evaluate(f"Array.from(document.querySelectorAll('[data-event=\"{i}\"]')).map(e => e.textContent).join('')")
        assert shown.strip() == data["text"][e["start"]:e["end"]].strip()
    names = page.eval_on_selector_all("[data-mention]", "els => els.map(e => e.textContent)")
    assert "Kalle Kask" in names and "Riga" in names
    page.locator('[data-quote="0"]').first.click()
    details = page.locator("#details").inner_text()
    assert "Kalle Kask" in details and "Reuters" in details and "dash" in details
    shot(page, "article")


def test_dyad_chart_renders(page, base_url):
    page.goto(base_url + "/dyads?dyad=EST-LVA")
    page.wait_for_selector("#dyad-svg")
    bars = page.locator("#dyad-svg rect.bar")
    assert bars.count() >= 1
    assert bars.first.get_attribute("data-month") == "2024-12"
    assert "CONSULT" in page.locator("#legend").inner_text()
    shot(page, "dyads")
    page.goto(base_url + "/network")
    page.wait_for_selector("#network-svg")
    assert page.locator("#network-svg g.node").count() >= 2 and page.locator("#network-svg line.edge").count() >= 1
    shot(page, "network")
    assert page.errors == []


def test_xss_payload_does_not_execute(page, base_url):
    page.goto(base_url + "/articles/xss_article")
    assert page.evaluate("window.__xss") is None
    text = page.locator("#text").inner_text()
    assert "<script>window.__xss = 1</script>" in text and '<img src=x onerror="window.__xss = 2">' in text
    assert page.locator("#text script, #text img, #text b").count() == 0
    page.goto(base_url + "/quotes?text=alvorligt")
    assert page.evaluate("window.__xss") is None
    shot(page, "xss")
