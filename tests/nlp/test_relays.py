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
