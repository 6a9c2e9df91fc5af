"""HTML, RSS/Atom, WARC and CSV readers on small files written here; every record is read or rejected."""
import gzip
import io

import pytest

from kilde.article import Article, Reject
from kilde.bench.malformed import warc_bytes
from kilde.read import read_inputs, read_path, read_stream, sniff

PAGE = """<!doctype html><html lang="da"><head><title>Kilde test</title>
<meta name="author" content="Anna Holm"><meta property="article:published_time" content="2024-03-04T10:00:00+01:00">
</head><body><nav><a href="/">Forside</a> <a href="/sport">Sport</a></nav>
<article><h1>Danmark sender mere udstyr til Ukraine</h1>
<p>Forsvarsminister Troels Lund Poulsen siger, at Danmark sender endnu en pakke med udstyr til Ukraine i denne uge.</p>
<p>- Vi står fast ved vores løfte, siger han til DR.</p></article>
<footer>Cookiepolitik · Kontakt redaktionen</footer></body></html>"""
EMPTY_PAGE = "<html><body><nav>Forside</nav><footer>Kontakt</footer></body></html>"
RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nyheder</title>
<item><title>Norge og Sverige mødes</title><link>https://example.dk/a1</link><guid>a1</guid>
<pubDate>Mon, 04 Mar 2024 10:00:00 +0100</pubDate>
<description>&lt;p&gt;Norges statsminister mødtes mandag med Sveriges statsminister i Oslo.&lt;/p&gt;</description></item>
<item><title>Tom</title><link>https://example.dk/a2</link><guid>a2</guid><description></description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title>
<entry><title>Finland køber kampfly</title><id>urn:x:1</id><link href="https://example.dk/f1"/>
<updated>2024-03-05T09:00:00Z</updated><content type="html">&lt;p&gt;Finland har underskrevet en aftale med USA om nye kampfly.&lt;/p&gt;</content></entry>
</feed>"""


def test_html_main_text_and_metadata(tmp_path):
    f = tmp_path / "side.html"
    f.write_text(PAGE, encoding="utf-8")
    [a] = list(read_path(f))
    assert isinstance(a, Article)
    assert "Troels Lund Poulsen siger" in a.text and "Cookiepolitik" not in a.text and "Forside" not in a.text
    assert a.authors == ["Anna Holm"] and a.published.startswith("2024-03-04") and a.id == "side"


def test_html_without_text_is_rejected(tmp_path):
    f = tmp_path / "tom.html"
    f.write_text(EMPTY_PAGE, encoding="utf-8")
    [r] = list(read_path(f))
    assert isinstance(r, Reject) and r.code == "E015" and "HTML" in r.reason


def test_rss_entries_and_empty_entry(tmp_path):
    f = tmp_path / "feed.rss"
    f.write_text(RSS, encoding="utf-8")
    a, r = list(read_path(f))
    assert isinstance(a, Article) and a.url == "https://example.dk/a1" and a.title == "Norge og Sverige mødes"
    assert "mødtes mandag" in a.text and "<p>" not in a.text and a.outlet == "example.dk"
    assert isinstance(r, Reject) and r.code == "E015" and r.record == "a2"


def test_atom_feed_by_content(tmp_path):
    f = tmp_path / "feed.data"  # unknown extension: chosen by content
    f.write_text(ATOM, encoding="utf-8")
    [a] = list(read_path(f))
    assert isinstance(a, Article) and "underskrevet en aftale" in a.text and a.url == "https://example.dk/f1"


def test_broken_feed_is_rejected(tmp_path):
    f = tmp_path / "broken.xml"
    f.write_text("<?xml version='1.0'?><rss><channel><item><title>Uafsluttet", encoding="utf-8")
    records = list(read_path(f))
    assert len(records) == 1 and isinstance(records[0], Reject) and records[0].code in ("E015", "E016")


# warcio's writer (used here to build the archives) leaves temporary files to the garbage collector
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_warc_html_responses_other_content_rejected(tmp_path):
    data = warc_bytes([("https://example.dk/side", "text/html; charset=utf-8", PAGE.encode()),
                  ("https://example.dk/logo.png", "image/png", b"\x89PNG...."),
                  ("https://example.dk/tom", "text/html", EMPTY_PAGE.encode())])
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(data)
    a, img, empty = list(read_path(f))
    assert isinstance(a, Article) and a.url == "https://example.dk/side" and "Troels Lund Poulsen" in a.text
    assert isinstance(img, Reject) and img.code == "E018" and "image/png" in img.reason
    assert isinstance(empty, Reject) and empty.code == "E015"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_truncated_warc_keeps_what_came_before(tmp_path):
    data = warc_bytes([("https://example.dk/1", "text/html", PAGE.encode()), ("https://example.dk/2", "text/html", PAGE.encode())])
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(data[: len(data) - 200])
    records = list(read_path(f))
    assert isinstance(records[0], Article) and isinstance(records[-1], Reject) and records[-1].code == "E017"


def test_csv_text_column_and_bad_rows(tmp_path):
    f = tmp_path / "artikler.csv"
    f.write_text("id;titel;tekst;dato\n"
                 "c1;Møde;Norges statsminister mødtes med Sveriges statsminister.;2024-03-04\n"
                 "c2;Tom;;2024-03-05\n"
                 'c3;Citat;"- Vi står sammen, siger ministeren.\nDet oplyser Udenrigsministeriet.";2024-03-06\n',
                 encoding="utf-8")
    a, empty, b = list(read_path(f))
    assert isinstance(a, Article) and a.id == "c1" and a.title == "Møde" and a.published == "2024-03-04"
    assert isinstance(empty, Reject) and empty.code == "E002" and empty.record == "c2"
    assert isinstance(b, Article) and "Udenrigsministeriet" in b.text


def test_csv_without_text_column(tmp_path):
    f = tmp_path / "forkert.csv"
    f.write_text("id,overskrift\n1,Hej\n", encoding="utf-8")
    [r] = list(read_path(f))
    assert isinstance(r, Reject) and r.code == "E019" and "overskrift" in r.reason


def test_tsv(tmp_path):
    f = tmp_path / "a.tsv"
    f.write_text("id\ttext\nt1\tPolitiet siger, at alt er roligt.\n", encoding="utf-8")
    [a] = list(read_path(f))
    assert isinstance(a, Article) and a.id == "t1"


@pytest.mark.parametrize("head,kind", [
    (b"WARC/1.0\r\n", "warc"), (b'{"id": 1}', "jsonl"), (RSS.encode()[:200], "feed"), (ATOM.encode()[:200], "feed"),
    (PAGE.encode()[:200], "html"), ("Politiet siger, at alt er roligt.".encode(), "text"),
    (gzip.compress(b'{"id": 1}\n'), "jsonl"),
])
def test_sniff(head, kind):
    assert sniff(head) == kind


def test_stdin_html_and_directory_walk(tmp_path):
    [a] = list(read_stream(io.BytesIO(PAGE.encode())))
    assert isinstance(a, Article) and "Troels Lund Poulsen" in a.text
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "d" / "b.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "d" / "c.csv").write_text("text\nPolitiet siger, at alt er roligt.\n", encoding="utf-8")
    (tmp_path / "d" / "logo.png").write_bytes(b"\x89PNG")
    records = list(read_inputs([str(tmp_path / "d")]))
    assert sum(isinstance(r, Article) for r in records) == 3 and sum(isinstance(r, Reject) for r in records) == 1
