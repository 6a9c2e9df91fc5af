from kilde.read.header import parse_header, paragraphs
from kilde.read.text import make_article
from tests.conftest import SEED, SEED_STYLE, needs_shared


def test_byline_gives_authors_and_copenhagen_time():
    head = parse_header(SEED_STYLE)
    assert head.date_stamp == "2024-02"
    assert head.authors == ["Anna Holm", "Bo Lund"]
    assert head.published == "2024-02-02T14:05:00+01:00"
    assert SEED_STYLE[head.body_start:].startswith("Udenrigsminister")


def test_summer_time_offset_is_plus_two():
    head = parse_header("date 2024-07 Per Ravn Onsdag, 03. juli 2024 - 08:10\n\nTekst.")
    assert head.published == "2024-07-03T08:10:00+02:00"


def test_stamp_without_byline_keeps_text_start():
    text = " date 2022-05 Salen var fyldt med tilskuere.\n\nAnden afsnit."
    head = parse_header(text)
    assert head.date_stamp == "2022-05"
    assert head.authors == [] and head.published is None
    assert text[head.body_start:].startswith("Salen")


def test_no_header_at_all():
    head = parse_header("Politiet oplyser, at to er anholdt.")
    assert head.date_stamp is None and head.body_start == 0


def test_paragraph_offsets_point_into_text():
    spans = paragraphs(SEED_STYLE, parse_header(SEED_STYLE).body_start)
    assert [SEED_STYLE[s:e] for s, e in spans][1:3] == ["- Vi står sammen, siger Lars Løkke Rasmussen.", "Fælles front"]
    assert len(spans) == 4


def test_article_from_seed_style_text():
    art = make_article(SEED_STYLE, source="x", given_id="a1")
    assert art.id == "a1" and art.language == "da" and art.published.startswith("2024-02-02T14:05")
    assert art.headings() == ["Fælles front"]


@needs_shared
def test_seed_article_parses():
    art = make_article(SEED.read_text(encoding="utf-8"), source=str(SEED), given_id=SEED.stem)
    assert art.authors == ["Thomas Munk Veirum"]
    assert art.published == "2023-11-09T06:56:00+01:00"
    assert art.date_stamp == "2023-11"
    assert art.language == "da"
    assert len(art.paragraphs) == 18
    assert art.headings() == ["Fortsætter afskrækkelsesstrategi", "Har indgået våbenaftaler", "Opfordring til Kina"]
