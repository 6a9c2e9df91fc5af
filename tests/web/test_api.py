"""Every API endpoint: filters, pagination, the error shape, security headers and the token-gated write."""
import pytest
from fastapi.testclient import TestClient

from kilde.web.app import create_app
from tests.web.conftest import MEETING


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db)) as c:
        yield c


def test_stats(client):
    body = client.get("/api/stats").json()
    assert body["articles"] == 15 and body["quotes"] > 20 and body["events"] > 10 and body["stories"] == 14


def test_articles_search_filter_and_pagination(client):
    first = client.get("/api/articles", params={"limit": 5}).json()
    assert first["total"] == 15 and len(first["items"]) == 5 and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 5 and not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    last = client.get("/api/articles", params={"limit": 5, "offset": 10}).json()
    assert len(last["items"]) == 5 and last["next"] is None
    found = client.get("/api/articles", params={"q": "Riga Kask"}).json()
    assert {a["id"] for a in found["items"]} == {"meeting", "meeting_copy"}
    dated = client.get("/api/articles", params={"since": "2024-12-01"}).json()
    assert {a["id"] for a in dated["items"]} == {"meeting", "meeting_copy", "xss_article"}
    assert client.get("/api/articles", params={"language": "en"}).json()["total"] == 0


def test_article_detail_has_offsets_into_its_text(client):
    a = client.get("/api/articles/meeting").json()
    quote = a["quotes"][0]
    assert a["text"][quote["start"]:quote["end"]] == quote["text"] == "Vi står sammen mod Rusland"
    assert quote["speaker"] == "Kalle Kask" and quote["relays"] == ["Reuters"]
    consult = next(e for e in a["events"] if e["type"] == "CONSULT")
    assert {consult["source_country"], consult["target_country"]} == {"EST", "LVA"}
    assert consult["date"] == "2024-12-03"


def test_quotes_filters(client):
    by_speaker = client.get("/api/quotes", params={"speaker": "Kask"}).json()
    assert by_speaker["total"] == 2 and {q["speaker"] for q in by_speaker["items"]} == {"Kalle Kask"}
    assert client.get("/api/quotes", params={"relay": "reuters"}).json()["total"] >= 1
    words = client.get("/api/quotes", params={"text": "står sammen"}).json()["items"]
    assert all("står" in q["text"] and "sammen" in q["text"] for q in words) and words
    assert client.get("/api/quotes", params={"until": "2000-01-01"}).json()["total"] == 0


def test_events_filters(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 10
    sanctions = client.get("/api/events", params={"type": "sanction"}).json()["items"]
    assert sanctions and all(e["type"] == "SANCTION" for e in sanctions)
    dyad = client.get("/api/events", params={"dyad": "LVA-EST"}).json()["items"]
    assert dyad and all({e["source_country"], e["target_country"]} == {"EST", "LVA"} for e in dyad)
    assert client.get("/api/events", params={"actor": "Kalle Kask"}).json()["total"] >= 1


def test_stories_and_reports(client):
    stories = client.get("/api/stories").json()["items"]
    assert [s["story_id"] for s in stories] == ["meeting"] and stories[0]["articles"] == 2
    every = client.get("/api/events", params={"dyad": "EST-LVA"}).json()
    once = client.get("/api/events", params={"dyad": "EST-LVA", "distinct": "true"}).json()
    assert every["total"] == 2 * once["total"] > 0
    copy = next(e for e in every["items"] if e["article_id"] == "meeting_copy")
    rep = client.get(f"/api/reports/event/meeting_copy/{copy['idx']}").json()
    assert rep["reports"] == 2 and rep["articles"] == ["meeting", "meeting_copy"]
    assert client.get("/api/reports/event/meeting/999").status_code == 404
    assert client.get("/api/reports/thing/meeting/0").status_code == 422


def test_actor_list_and_profile(client):
    listed = client.get("/api/actors", params={"name": "Kask"}).json()["items"]
    assert listed[0]["name"] == "Kalle Kask" and listed[0]["country"] == "EST"
    profile = client.get("/api/actors/Kalle Kask").json()
    assert profile["roles"][0]["role"] == "Estlands udenrigsminister" and profile["roles"][0]["known_from"] == "text"
    assert profile["quotes"][0]["text"] == "Vi står sammen mod Rusland"
    assert any(e["type"] == "CONSULT" for e in profile["events"])


def test_dyads_speakers_network(client):
    top = client.get("/api/dyads").json()["items"]
    assert top and top[0]["events"] >= top[-1]["events"]
    series = client.get("/api/dyads/EST-LVA").json()
    assert series["dyad"] == "EST-LVA" and series["months"][0]["month"] == "2024-12"
    assert series["months"][0]["CONSULT"] == 1 and series["months"][0]["score"] > 0
    speakers = client.get("/api/speakers").json()["items"]
    assert speakers[0]["quotes"] >= speakers[-1]["quotes"]
    graph = client.get("/api/network").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


@pytest.mark.parametrize("url,status", [
    ("/api/articles/nope", 404), ("/api/actors/Nobody%20Here", 404), ("/api/events?type=BOGUS", 422),
    ("/api/events?dyad=russia", 422), ("/api/quotes?since=2024-13-45", 422), ("/api/articles?limit=0", 422),
    ("/api/articles?offset=-1", 422), ("/api/dyads/xx", 422), ("/api/nothing", 404),
])
def test_one_error_shape(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["status"] == status and err["code"] and err["message"]


def test_security_headers_and_offline_docs(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text and "cdn" not in docs.text.lower()
    assert client.get("/openapi.json").json()["info"]["title"] == "Kilde"


def test_pages_escape_article_text(client):
    page = client.get("/articles/xss_article").text
    assert "<script>window.__xss" not in page and "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page
    assert "<img src=x" not in page and "<b>alvorligt</b>" not in page


@pytest.mark.parametrize("url", ["/", "/articles", "/articles?q=Kask", "/quotes?speaker=Kask", "/events?type=CONSULT",
                                 "/actors", "/actors/Kalle%20Kask", "/dyads", "/dyads?dyad=EST-LVA", "/network"])
def test_pages_render(client, url):
    r = client.get(url, headers={"accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and "<main>" in r.text


def test_page_errors_are_pages(client):
    r = client.get("/articles/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "Fejl 404" in r.text
    assert client.get("/events?dyad=x", headers={"accept": "text/html"}).status_code == 422


def test_ingest_is_closed_without_a_token(client):
    r = client.post("/api/ingest", json=[{"id": "x", "text": "Politiet siger, at alt er roligt."}])
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


def test_ingest_with_token(tmp_path, nlp):
    db = tmp_path / "w.duckdb"
    from kilde.store import Store

    Store(db).close()
    with TestClient(create_app(db, token="s3cret")) as c:
        c.app.state.nlp = nlp
        assert c.post("/api/ingest", json=[{"id": "m", "text": MEETING}]).status_code == 401
        bad = c.post("/api/ingest", json=[{"id": "m", "text": MEETING}], headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401
        ok = c.post("/api/ingest", json=[{"id": "m", "text": MEETING}, {"id": "e", "text": ""}],
                    headers={"Authorization": "Bearer s3cret"})
        body = ok.json()
        assert ok.status_code == 200 and (body["read"], body["stored"], body["rejected"]) == (2, 1, 1)
        assert body["rejects"][0]["record"] and body["rejects"][0]["reason"]
        assert c.get("/api/articles/m").json()["id"] == "m"


def test_responses_are_cached_until_an_ingest(tmp_path, nlp):
    db = tmp_path / "c.duckdb"
    from kilde.store import Store

    Store(db).close()
    with TestClient(create_app(db, token="t")) as c:
        c.app.state.nlp = nlp
        first = c.get("/api/stats")
        again = c.get("/api/stats")
        assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit") and first.json() == again.json()
        assert first.json()["articles"] == 0
        c.post("/api/ingest", json=[{"id": "m", "text": MEETING}], headers={"Authorization": "Bearer t"})
        after = c.get("/api/stats")
        assert after.headers["x-cache"] == "miss" and after.json()["articles"] == 1
