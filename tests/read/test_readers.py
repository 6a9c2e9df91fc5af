import gzip
import io
import json

from kilde.article import Article, Reject
from kilde.read import read_inputs, read_stream
from kilde.read.decode import MAX_RECORD_BYTES
from kilde.read.language import detect_language
from tests.conftest import DEV_NEWS, SEED_STYLE, needs_shared


def _split(records):
    arts = [r for r in records if isinstance(r, Article)]
    rejects = [r for r in records if isinstance(r, Reject)]
    return arts, rejects


def test_text_file_id_is_its_name(tmp_path):
    f = tmp_path / "blinken_besoeg.txt"
    f.write_text(SEED_STYLE, encoding="utf-8")
    [art] = read_inputs([str(f)])
    assert art.id == "blinken_besoeg" and art.authors == ["Anna Holm", "Bo Lund"]


def test_directory_is_read_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Første artikel om noget.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Anden artikel om noget.", encoding="utf-8")
    (tmp_path / "b" / "ignored.png").write_bytes(b"\x89PNG")
    assert [a.id for a in read_inputs([str(tmp_path)])] == ["a", "c"]


def test_stdin_text_and_jsonl():
    [art] = read_stream(io.BytesIO("Politiet siger, at ingen kom til skade.".encode()))
    assert art.id.startswith("t-")
    lines = b'{"id": "x1", "text": "Et."}\n{"id": "x2", "text": "To."}\n'
    assert [a.id for a in read_stream(io.BytesIO(lines))] == ["x1", "x2"]


def test_jsonl_fields_and_outlet(tmp_path):
    f = tmp_path / "n.jsonl"
    rec = {"id": "n1", "url": "https://www.dr.dk/nyheder/x", "text": "Tekst her.", "title": "T",
           "published": "2024-01-02", "authors": ["A B"]}
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    [art] = read_inputs([str(f)])
    assert (art.outlet, art.title, art.published, art.authors) == ("dr.dk", "T", "2024-01-02", ["A B"])


def test_id_falls_back_to_url_then_text(tmp_path):
    f = tmp_path / "n.jsonl"
    f.write_text('{"url": "https://a.dk/1", "text": "A."}\n{"text": "B  b."}\n{"text": "b b."}\n', encoding="utf-8")
    a, b, c = read_inputs([str(f)])
    assert a.id.startswith("u-") and b.id.startswith("t-")
    assert b.id == c.id  # normalised text: white space and case do not matter


def test_gzipped_jsonl(tmp_path):
    f = tmp_path / "n.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write('{"id": "g1", "text": "Gzip virker."}\n')
    assert [a.id for a in read_inputs([str(f)])] == ["g1"]


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    f = tmp_path / "gammel.txt"
    f.write_bytes("Ministeren siger, at økonomien går frem.".encode("cp1252"))
    [art] = read_inputs([str(f)])
    assert "økonomien" in art.text
    assert art.warnings and "W001" in art.warnings[0] and "cp1252" in art.warnings[0]


def test_empty_file_is_rejected(tmp_path):
    f = tmp_path / "tom.txt"
    f.write_text("  \n\n", encoding="utf-8")
    [r] = read_inputs([str(f)])
    assert isinstance(r, Reject) and r.code == "E002" and "empty" in r.reason


def test_binary_file_is_rejected(tmp_path):
    f = tmp_path / "billede.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    [r] = read_inputs([str(f)])
    assert isinstance(r, Reject) and r.code == "E003" and "NUL" in r.reason


def test_oversized_record_is_rejected(tmp_path):
    f = tmp_path / "stor.txt"
    f.write_bytes(b"ord " * (MAX_RECORD_BYTES // 4 + 10))
    [r] = read_inputs([str(f)])
    assert isinstance(r, Reject) and r.code == "E004" and "too large" in r.reason


def test_bad_jsonl_lines_are_rejected_and_the_rest_read(tmp_path):
    f = tmp_path / "blandet.jsonl"
    f.write_text('{"id": "ok1", "text": "Fint."}\n{"id": "broken", "text": \n{"id": "notext"}\n[1, 2]\n'
                 '{"id": "num", "text": 5}\n{"id": "ok2", "text": "Også fint."}\n', encoding="utf-8")
    arts, rejects = _split(list(read_inputs([str(f)])))
    assert [a.id for a in arts] == ["ok1", "ok2"]
    assert [r.code for r in rejects] == ["E005", "E006", "E014", "E006"]
    assert rejects[0].record == "line 2" and "line 2" in rejects[0].reason
    assert rejects[1].record == "notext"


def test_truncated_gzip_keeps_what_was_read_and_rejects_the_rest(tmp_path):
    whole = gzip.compress(b"".join(b'{"id": "z%d", "text": "Artikel nummer %d med lidt tekst."}\n' % (i, i)
                                   for i in range(200)))
    f = tmp_path / "afbrudt.jsonl.gz"
    f.write_bytes(whole[: len(whole) // 2])
    arts, rejects = _split(list(read_inputs([str(f)])))
    assert len(rejects) == 1 and rejects[0].code == "E007" and "gzip" in rejects[0].reason
    assert 0 < len(arts) < 200


def test_missing_path_is_rejected(tmp_path):
    [r] = read_inputs([str(tmp_path / "findes-ikke.txt")])
    assert r.code == "E001"


def test_language_detection():
    assert detect_language("Ministeren siger, at regeringen vil styrke forsvaret i de kommende år.") == "da"
    assert detect_language("The minister said that the government will strengthen its defence.") == "en"


@needs_shared
def test_every_dev_news_record_is_read():
    arts, rejects = _split(list(read_inputs([str(DEV_NEWS)])))
    assert len(arts) == 83 and not rejects
    assert all(a.language == "da" for a in arts)
