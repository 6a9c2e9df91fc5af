from kilde.nlp.gazetteer import adjectives, genitive, names


def test_genitives():
    assert genitive("Rusland") == ["Ruslands"]
    assert "USA's" in genitive("USA")
    assert genitive("Paris")[0] == "Paris'"


def test_country_names_map_to_alpha3():
    table = {(n, label): code for n, label, code in names()}
    assert table[("Nordkorea", "GPE")] == "PRK"
    assert table[("Ruslands", "GPE")] == "RUS"
    assert table[("Kreml", "GPE")] == "RUS"
    assert table[("Det Hvide Hus", "GPE")] == "USA"
    assert table[("NATO", "IGO")] == "NATO"
    assert table[("FN", "IGO")] == "UN"
    assert table[("Reuters", "MEDIA")] == "Reuters"


def test_adjectives():
    assert adjectives()["russiske"] == "RUS" and adjectives()["sydkoreansk"] == "KOR"


def test_gazetteer_overrides_model_entities(nlp):
    doc = nlp("Rusland får granater fra Nordkorea, oplyser Kreml ifølge Reuters.")
    found = {(e.text, e.ent_id_) for e in doc.ents}
    assert ("Nordkorea", "GPE|PRK") in found and ("Rusland", "GPE|RUS") in found
    assert ("Kreml", "GPE|RUS") in found and ("Reuters", "MEDIA|Reuters") in found


def test_mentions_without_a_word_are_dropped(nlp):
    from spacy.tokens import Span

    doc = nlp.make_doc("Hackere skrev </script> på siden i Danmark.")
    gt = next(i for i, t in enumerate(doc) if t.text == ">")
    doc.ents = [Span(doc, gt, gt + 1, label="ORG")]
    doc = nlp.get_pipe("kilde_gazetteer")(doc)
    assert [e.text for e in doc.ents] == ["Danmark"]
