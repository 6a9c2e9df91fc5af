"""Actors: country, sector and role learned from the text; knowledge files well-formed."""
import pycountry
import pytest

from kilde.analyse import make_doc
from kilde.nlp import dates
from kilde.nlp.events import cues
from kilde.nlp.knowledge import IGO_NAMES, compound_country, known_person, noun_sector, people
from kilde.read.text import make_article

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def actors(nlp):
    def run(text):
        doc = nlp(make_doc(nlp, make_article(text, source="test")))
        return {a["name"]: a for a in doc._.actors}
    return run


def test_a_minister_named_without_a_state_in_danish_news_is_danish(actors):
    got = actors("Danmark sender fly til Polen, siger forsvarsminister Hans Kjærgaard.")
    assert (got["Hans Kjærgaard"]["country"], got["Hans Kjærgaard"]["source"]) == ("DNK", "home")
    abroad = actors("Polen sender fly til Litauen, siger premierminister Jan Nowicki.")
    assert abroad["Jan Nowicki"]["country"] is None  # "premierminister": a title of other states


def test_role_and_country_from_genitive_apposition(actors):
    got = actors("Chiles udenrigsminister, Ana Tapia, besøgte Lima.\n\n- Vi er enige, siger Tapia.")
    a = got["Ana Tapia"]
    assert (a["country"], a["sector"], a["role"], a["source"]) == ("CHL", "GOV", "Chiles udenrigsminister", "text")
    assert len(a["mentions"]) == 2 and a["facts"][0]["role"] == "Chiles udenrigsminister"


def test_country_from_adjective_in_role(actors):
    got = actors("Hendes finske modstykke, Aino Virtanen, var også til stede.")
    assert got["Aino Virtanen"]["country"] == "FIN"


def test_party_letter_means_danish_politician(actors):
    got = actors("Det mener Søren Østergaard (K), der er ordfører.")
    assert got["Søren Østergaard"]["country"] == "DNK"


def test_role_noun_with_adjective_resolves_to_person(actors):
    got = actors("Polens præsident, Jan Nowak, talte i går. Den polske præsident vil have flere soldater.")
    assert len(got["Jan Nowak"]["mentions"]) == 2


def test_state_noun_phrase_is_an_actor(actors):
    got = actors("Den spanske regering og amerikanske styrker deltog.")
    assert got["Spanien"]["country"] == "ESP" and got["USA"]["sector"] == "MIL"


def test_text_beats_knowledge(actors):
    got = actors("Den norske minister Mark Rutte talte.")  # the article says so; the list says otherwise
    assert got["Mark Rutte"]["country"] == "NOR"


def test_knowledge_by_year():
    assert known_person("Mark Rutte", 2018).country == "NLD"
    assert known_person("Mark Rutte", 2025).country == "NATO"
    assert known_person("Viktor Orban").country == "HUN"  # accents folded
    assert known_person("Putin").name == "Vladimir Putin"


def test_people_codes_are_iso_or_igo():
    for entries in people().values():
        for k in entries:
            assert pycountry.countries.get(alpha_3=k.country) or k.country in IGO_NAMES, k


def test_compounds_and_nouns():
    assert compound_country("EU-landene") == ("IGO", "EU")
    assert compound_country("Tyrkiet-korrespondent") is None
    assert noun_sector("regeringen") == "GOV" and noun_sector("styrkerne") == "MIL" and noun_sector("kage") is None


def test_cue_lexicon_covers_all_plover_types():
    lexicon, lists = cues()
    assert {c.type for c in lexicon} == PLOVER
    assert all(c.needs[0] in lists for c in lexicon if c.needs)


@pytest.mark.parametrize("text,expected", [
    ("Det skete torsdag.", "2023-11-09"), ("Det skete i går.", "2023-11-08"), ("I september skete det.", "2023-09"),
    ("Sidste måned skete det.", "2023-10"), ("Den 12. juni skete det.", "2023-06-12"), ("I december skete det.", "2022-12"),
    ("I 2019 skete det.", "2019"), ("Intet tidsudtryk.", "2023-11-09"),
])
def test_dates_resolve_against_article_date(text, expected):
    assert dates.resolve(text, "2023-11-09T06:56:00+01:00") == expected


def test_dates_without_article_date():
    assert dates.resolve("Det skete torsdag.", None) is None
    assert dates.resolve("I marts 2021 skete det.", None) == "2021-03"


def test_dates_with_only_the_article_month():
    assert dates.resolve("Det skete torsdag.", "2023-12") == "2023-12"
    assert dates.resolve("I september skete det.", "2023-12") == "2023-09"
    assert dates.resolve("I december skete det.", "2023-03") == "2022-12"


def test_party_and_politician_read_as_one_name_are_split(actors):
    """"Nye Borgerliges Lars Boje Mathiesen" is the party Nye Borgerlige and the person Lars Boje Mathiesen."""
    got = actors("Forslaget blev fremlagt tirsdag.\n\nOnsdag kritiserede Nye Borgerliges Lars Boje Mathiesen "
                 "forslaget i Folketinget.")
    assert "Lars Boje Mathiesen" in got and got["Lars Boje Mathiesen"]["type"] == "PER"
    assert got["Nye Borgerlige"]["type"] == "ORG" and got["Nye Borgerlige"]["country"] == "DNK"
    assert not any("Borgerliges" in name for name in got)
