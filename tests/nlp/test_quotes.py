"""Quote rules on short articles written for these tests (Danish news conventions)."""
import pytest

from kilde.analyse import make_doc
from kilde.read.text import make_article


@pytest.fixture(scope="module")
def quotes(nlp):
    def run(text):
        doc = nlp(make_doc(nlp, make_article(text, source="test")))
        return doc._.quotes
    return run


def by_text(qs, start):
    return next(q for q in qs if q["text"].startswith(start))


def test_dash_paragraph_with_attribution(quotes):
    qs = quotes("Statsminister Mette Frederiksen holdt pressemøde.\n\n- Vi står sammen med Ukraine, siger Mette Frederiksen.")
    q = by_text(qs, "Vi står")
    assert q["kind"] == "direct" and q["text"] == "Vi står sammen med Ukraine"
    assert q["speaker"]["name"] == "Mette Frederiksen" and q["cue"] == "siger"


def test_surname_and_pronoun_resolve_to_full_name(quotes):
    qs = quotes("Udenrigsminister Lars Løkke Rasmussen var i Kyiv.\n\n"
                "- Det er vigtigt, siger Løkke.\n\n- Vi hjælper, siger han til DR.")
    assert by_text(qs, "Det er")["speaker"]["name"] == "Lars Løkke Rasmussen"
    second = by_text(qs, "Vi hjælper")
    assert second["speaker"]["name"] == "Lars Løkke Rasmussen" and second["relays"] == ["DR"]


def test_role_noun_resolves_to_person_with_that_role(quotes):
    qs = quotes("Sveriges statsminister, Ulf Kristersson, besøgte Helsinki.\n\n"
                "Statsministeren siger, at samarbejdet skal styrkes.")
    q = by_text(qs, "at samarbejdet")
    assert q["kind"] == "indirect" and q["speaker"]["name"] == "Ulf Kristersson"


def test_guillemets_with_attribution_and_relay(quotes):
    qs = quotes("»Vi har brug for Kina,« siger Emmanuel Macron ifølge nyhedsbureauet AFP.")
    q = by_text(qs, "Vi har brug")
    assert q["text"] == "Vi har brug for Kina," or q["text"] == "Vi har brug for Kina"
    assert q["speaker"]["name"] == "Emmanuel Macron" and q["relays"] == ["AFP"]


def test_back_pointer_det_siger_takes_previous_paragraph(quotes):
    qs = quotes("Regeringen vil hæve forsvarsudgifterne markant.\n\nDet siger forsvarsminister Troels Lund Poulsen.")
    q = by_text(qs, "Regeringen vil")
    assert q["kind"] == "indirect" and q["speaker"]["name"] == "Troels Lund Poulsen"


def test_lyder_det_fra_body(quotes):
    qs = quotes("Fra den tyrkiske regering lød det, at anklagerne er grundløse.")
    q = by_text(qs, "at anklagerne")
    assert q["speaker"]["name"].lower().endswith("regering")


def test_scare_quotes_and_titles_are_not_quotes(quotes):
    qs = quotes('Filmen "Druk" vandt prisen. Den såkaldte "folkeafstemning" blev afholdt i går.')
    assert qs == []


def test_infinitive_at_is_not_indirect_speech(quotes):
    assert quotes("Vagten reagerede ved at låse døren til lageret.") == []


def test_interview_question_is_not_a_quote(quotes):
    qs = quotes("- Hvad tænker du om aftalen?\n\n- Den er god, siger Anna Holm.")
    assert [q["text"] for q in qs] == ["Den er god"]


def test_ifolge_agency_anywhere_in_the_sentence_relays_the_quote(quotes):
    qs = quotes("Ifølge nyhedsbureauet Reuters afviser talskvinde Anna Berg rapporten som 'ren opspind'.")
    assert by_text(qs, "ren opspind")["relays"] == ["Reuters"]


def test_hedder_det_ends_a_dash_quote_and_its_relay_counts(quotes):
    qs = quotes("Hæren udsendte en meddelelse.\n\n"
                "- Vores fly har ramt tre depoter, hedder det fra hærens side ifølge AFP.")
    q = by_text(qs, "Vores fly")
    assert q["text"] == "Vores fly har ramt tre depoter" and q["relays"] == ["AFP"]


def test_among_several_media_names_the_relay(quotes):
    qs = quotes("Borgmester Ole Hansen har ifølge udenlandske medier, herunder Reuters, sagt til partiets folk, "
                "at han vil gå af.")
    assert by_text(qs, "at han vil")["relays"] == ["Reuters"]


def test_channel_in_a_relative_clause_belongs_to_someone_else(quotes):
    qs = quotes("»Det er helt forkert.«\n\nSådan reagerer formanden, Eva Lund, på en kommentar som ministeren "
                "Per Holm gav i et program på Radio4.")
    q = by_text(qs, "Det er helt")
    assert q["speaker"]["name"] == "Eva Lund" and q["relays"] == []


def test_dash_paragraph_after_intro_keeps_the_intros_relay(quotes):
    qs = quotes("- Vi tabte, siger træner Bo Dahl til DR og uddyber:\n\n- Vi må gøre det bedre.")
    q = by_text(qs, "Vi må")
    assert q["speaker"]["name"] == "Bo Dahl" and q["relays"] == ["DR"]


def test_unnamed_person_described_before_is_the_speaker(quotes):
    qs = quotes("En 31-årig mand stod torsdag tiltalt for brandstiftelse.\n\n"
                "Selv siger han i byretten, at han var hjemme hos sin søster.")
    assert by_text(qs, "at han var hjemme")["speaker"]["name"].lower() == "en 31-årig mand"


def test_role_noun_takes_the_person_with_that_role_named_last(quotes):
    qs = quotes("Den brasilianske præsident, Lula da Silva, talte i tv.\n\n"
                "Onsdag gav Donald Trump Europa en frist på en måned.\n\n"
                "»Nu må de vælge,« sagde præsidenten.")
    assert by_text(qs, "Nu må de")["speaker"]["name"] == "Donald Trump"


def test_body_and_person_read_as_one_name_are_split(quotes):
    qs = quotes("Til konferencen talte direktør i Færdselsstyrelsen Mette Krog om planerne.\n\n"
                "- Vi vil halvere antallet af ulykker, sagde hun.")
    assert by_text(qs, "Vi vil halvere")["speaker"]["name"] == "Mette Krog"


def test_relative_clause_subject_is_the_phrase_before_the_comma(quotes):
    qs = quotes("Beskeden kom fra en lærerforening, der via mail har meddelt forældrene, at skolen holder lukket.")
    assert "lærerforening" in by_text(qs, "at skolen")["speaker"]["name"]


def test_statement_with_the_speaker_after_the_verb(quotes):
    qs = quotes("Forfatteren Line Bech fik i går en stor pris.\n\n"
                "Prisen kom bag på hende, siger hun til TV 2 News.")
    q = by_text(qs, "Prisen kom")
    assert q["kind"] == "indirect" and q["speaker"]["name"] == "Line Bech" and q["relays"] == ["TV 2"]


def test_inverted_main_clause_after_a_subordinate_clause_is_not_speech(quotes):
    qs = quotes("Da hun besøgte landet, kalder Donald Trump hende for en skuffelse.\n\n"
                "Direkte adspurgt om landet har nok våben, svarer præsident Ivan Petrov undvigende.")
    assert qs == []


@pytest.mark.parametrize("text,start,want", [
    pytest.param("Ifølge den tyrkiske præsidents kontor drøftede de handel og samarbejde i Nato.",
                 "Ifølge den", "den tyrkiske præsidents kontor", id="fronted_ifolge_phrase_ends_at_the_verb"),
    pytest.param("- Vi står sammen, siger Jens Stoltenberg.\n\n- Og det bliver vi ved med.",
                 "Og det", "Jens Stoltenberg", id="dash_paragraph_inherits_previous_speaker"),
    pytest.param("- Vi er klar, siger Anna Holm.\n\nKampen starter klokken 20.\n\n- Det bliver svært.\n\n- Men vi kan vinde, siger Bo Lund.",
                 "Det bliver", "Bo Lund", id="dash_paragraph_after_narrative_takes_the_speaker_named_next"),
    pytest.param("Formanden for bestyrelsen, Ole Jensen, respekterer Lars Mikkelsens beslutning.\n\n- Vi har talt længe om det, siger han i meddelelsen.",
                 "Vi har talt", "Ole Jensen", id="genitive_gives_way_to_the_subject_of_the_sentence"),
    pytest.param("Direktør Bo Holm kiggede op fra papirerne, inden han sagde:\n\n»Det holder ikke!«",
                 "Det holder", "Bo Holm", id="quote_after_a_subordinate_intro"),
    pytest.param("Morten Vang roser holdet og Peter Lund.\n\nPeter Lund var skadet.\n\n- Vi er tilfredse, siger Morten Vang.\n\n- Jeg er glad for indsatsen, siger landstræneren.",
                 "Jeg er glad", "Morten Vang", id="role_noun_without_introduction_is_the_last_speaker"),
    pytest.param("- Vi er uenige, siger Anders Holm.\n\nDe Radikales formand, Lise Nygaard, fandt flere gode forslag i planen, siger hun.",
                 "De Radikales", "Lise Nygaard", id="statement_about_oneself_is_the_named_subjects"),
    pytest.param("- Vi gør alt, siger Anna Holm.\n\nI morges lød beskeden fra landets premierminister dog, at grænsen forbliver åben.",
                 "at grænsen", "landets premierminister", id="qualified_role_without_a_holder_stays_a_phrase"),
    pytest.param("- Vi gør alt, siger Anna Holm.\n\nDen chilenske indenrigsminister betegner uroen som alvorlig og siger videre, at hæren står klar.",
                 "at hæren", "Den chilenske indenrigsminister", id="speaker_phrase_ends_before_its_verb"),
])
def test_speaker(quotes, text, start, want):
    assert by_text(quotes(text), start)["speaker"]["name"] == want


@pytest.mark.parametrize("text,start,want", [
    pytest.param("Rusland nedlagde veto mod forslaget i Sikkerhedsrådet. Det skriver Reuters.\n\nAmbassadør Ivan Petrov kalder ifølge nyhedsbureauet forslaget for \"et fjendtligt og farligt skridt\".",
                 "et fjendtligt", ["Reuters"], id="bare_agency_word_refers_to_the_agency_named_before"),
])
def test_relays(quotes, text, start, want):
    assert by_text(quotes(text), start)["relays"] == want


# (what the case shows, article, start of the quote, its speaker, its relays or None when not checked)
SPEAKERS = [
    ("V2 after a fronted 'Ifølge X': the subject follows the finite verb",
     "Sveriges forsvarsminister, Pål Jonson, besøgte Gotland.\n\nIfølge Ritzau har ministeren udtalt, at øvelsen fortsætter.",
     "at øvelsen", "Pål Jonson", ["Ritzau"]),
    ("V2 after a fronted 'Ifølge X', pronoun subject",
     "Sveriges forsvarsminister, Pål Jonson, besøgte Gotland.\n\nIfølge Sky News har han sagt, at øvelsen fortsætter.",
     "at øvelsen", "Pål Jonson", ["Sky News"]),
    ("V2 after a fronted adverb ('Senest har X spået, at')",
     "Valgkampen er i gang.\n\nSenest har Radikales Martin Lidegaard spået, at regeringen falder.",
     "at regeringen", "Martin Lidegaard", None),
    ("a partial quote after 'Ifølge Reuters kalder X' is X's, not the agency's",
     "Forslaget blev fremlagt i Bruxelles tirsdag.\n\nIfølge nyhedsbureauet Reuters kalder Ruslands udenrigsminister "
     "Sergej Lavrov forslaget for 'et rent propagandanummer'.", "et rent", "Sergej Lavrov", ["Reuters"]),
    ("'sagde X, der oplyste, at': the at-clause is the relative clause's, and 'der' is X",
     "Norges statsminister, Jonas Gahr Støre, besøgte Kyiv onsdag.\n\n»Norge står bag jer,« sagde Jonas Gahr Støre, "
     "der oplyste, at Norge sender flere luftværnssystemer.", "at Norge sender", "Jonas Gahr Støre", []),
    ("'sagde præsidenten, der understregede, at': the role noun before the comma",
     "Finlands præsident, Alexander Stubb, besøgte Stockholm.\n\nEuropa må stå sammen, sagde præsidenten, der "
     "understregede, at Rusland ikke må vinde.", "at Rusland", "Alexander Stubb", None),
    ("'han' skips the woman who spoke last",
     "Statsminister Mette Frederiksen mødte Ukraines præsident, Volodymyr Zelenskyj, i Kyiv.\n\n"
     "»Vi står sammen,« sagde Mette Frederiksen.\n\n»Vi kæmper videre,« sagde han.", "Vi kæmper", "Volodymyr Zelenskyj", None),
    ("'hun' after a fronted adverb skips the man who spoke last",
     "Mette Frederiksen talte med USA's præsident, Donald Trump, i telefon.\n\n»Vi vil gerne købe øen,« sagde "
     "Donald Trump.\n\nSenere kaldte hun forslaget for 'en absurd idé'.", "en absurd", "Mette Frederiksen", None),
    ("a particle before ', at' opens the verb's clause ('peget på, at')",
     "Sagen kom for retten tirsdag.\n\nForsvarsadvokaten har over for TV 2 peget på, at hendes klient er uskyldig.",
     "at hendes", "Forsvarsadvokaten", ["TV 2"]),
    ("'meldt ud, at'", "Overenskomsten er opsagt.\n\nTre fagforbund har meldt ud, at de varsler strejke fra mandag.",
     "at de varsler", "fagforbund", None),
    ("'kritiseret, at'", "Sagen blev behandlet i Folketinget tirsdag.\n\nVenstre har kritiseret, at regeringen endnu "
     "ikke har fremlagt en plan.", "at regeringen", "Venstre", None),
]


@pytest.mark.parametrize("text,start,speaker,relays", [case[1:] for case in SPEAKERS], ids=[case[0] for case in SPEAKERS])
def test_speaker_and_relay(quotes, text, start, speaker, relays):
    q = by_text(quotes(text), start)
    assert speaker in q["speaker"]["name"]
    if relays is not None:
        assert q["relays"] == relays


def test_a_name_not_listed_fits_either_pronoun():
    from kilde.nlp.knowledge import fits_pronoun

    assert fits_pronoun("hun", "Mette Frederiksen") and not fits_pronoun("han", "Mette Frederiksen")
    assert fits_pronoun("han", "Donald Trump") and not fits_pronoun("hun", "Donald Trump")
    assert fits_pronoun("hun", "Betina Hansen") and fits_pronoun("han", "Betina Hansen")
    assert fits_pronoun("han", "Kim Jong-un") and fits_pronoun("hun", "Kim Larsen")  # on neither list


def test_conjunction_with_comma_and_at_is_not_the_cue_verbs_clause(quotes):
    qs = quotes("Landstræneren er tilfreds.\n\nHan siger til DR, at holdet spiller sikrere i takt med, at de unge "
                "får erfaring.")
    assert [q["text"] for q in qs] == ["at holdet spiller sikrere i takt med, at de unge får erfaring"]
