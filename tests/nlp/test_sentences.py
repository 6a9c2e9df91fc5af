import spacy

from kilde.nlp.sentences import set_sentences


def sents(text):
    return [s.text.strip() for s in set_sentences(spacy.blank("da").make_doc(text)).sents]


def test_abbreviations_and_dates_do_not_end_sentences():
    text = "Den 09. november kl. 14 mødtes bl.a. ministeren, f.eks. med ca. 5 mio. kr. (red.) i hånden. Så gik han."
    assert sents(text) == ["Den 09. november kl. 14 mødtes bl.a. ministeren, f.eks. med ca. 5 mio. kr. (red.) i hånden.",
                           "Så gik han."]


def test_closing_quote_stays_with_its_sentence():
    assert sents("Hun svarede: »Lad mig tænke over det.« Sådan slutter han.") == [
        "Hun svarede: »Lad mig tænke over det.«", "Sådan slutter han."]


def test_paragraph_break_always_ends_a_sentence():
    assert sents("- Vi står sammen, siger hun\n\n- Og vi bliver ved.") == ["- Vi står sammen, siger hun",
                                                                            "- Og vi bliver ved."]


def test_initials_are_not_stops():
    assert len(sents("Det oplyser Múte B. Egede i dag.")) == 1
