from kilde.nlp.relays import find_relays


def test_agency_after_ifoelge():
    assert find_relays("forklarer hun ifølge nyhedsbureauet AFP ved en høring") == ["AFP"]


def test_outlet_after_til_keeps_canonical_name():
    assert find_relays(", fortæller han til TV2 ØSTJYLLAND.") == ["TV2 Østjylland"]
    assert find_relays("siger hun til DR.") == ["DR"]


def test_unknown_outlet_after_media_word():
    assert find_relays("siger han til avisen Le Monde") == ["Le Monde"]
    assert find_relays("oplyser han til nyhedsbureauet Xinhua Ny") == ["Xinhua"]


def test_short_names_need_capitals_and_plain_words_are_not_relays():
    assert find_relays("siger han til dr") == []
    assert find_relays("siger hun i programmet") == []


def test_web_domain_as_relay():
    assert find_relays("siger vagthavende til presse-fotos.dk") == ["presse-fotos.dk"]


def test_outlet_that_saw_the_document_relays_it():
    """"som Politiken har set", "som DR har fået aktindsigt i": the outlet that saw the source is the relay."""
    assert find_relays("I rapporten, som Politiken har haft adgang til, blev ministeren advaret om") == ["Politiken"]
    assert find_relays("Af et notat, som DR har fået aktindsigt i, fremgår det") == ["DR"]
    assert find_relays("Af planen, som regeringen har set, fremgår det") == []  # not an outlet


def test_outlet_that_saw_the_document_relays_the_quote(nlp):
    from kilde.analyse import make_doc
    from kilde.read.text import make_article

    text = ("Ministeriet kendte til problemerne.\n\nI en intern rapport, som Politiken har haft adgang til, "
            "skriver embedsmændene, at projektet er forsinket.")
    qs = nlp(make_doc(nlp, make_article(text, source="test")))._.quotes
    assert [q["relays"] for q in qs if q["text"].startswith("at projektet")] == [["Politiken"]]
