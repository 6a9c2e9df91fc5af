"""PLOVER event rules on short articles written for these tests (Danish news conventions)."""
import pytest

from kilde.analyse import make_doc
from kilde.read.text import make_article

HEADER = " date 2024-03 Test Redaktion Torsdag, 14. marts 2024 - 09:30\n\n"


@pytest.fixture(scope="module")
def analyse(nlp):
    def run(body):
        doc = nlp(make_doc(nlp, make_article(HEADER + body, source="test")))
        return doc
    return run


def triples(doc, negated=False):
    return {(e["type"], e["source"]["country"], e["target"]["country"]) for e in doc._.events
            if e["negated"] == negated}


def test_subject_verb_object_with_preposition(analyse):
    doc = analyse("Frankrig indfører nye sanktioner mod Iran efter angrebet.")
    assert ("SANCTION", "FRA", "IRN") in triples(doc)


def test_verb_second_word_order_puts_subject_after_verb(analyse):
    doc = analyse("I går mødtes Tysklands kansler med Polens præsident i Berlin.")
    assert {("CONSULT", "DEU", "POL")} <= triples(doc) | {(t, b, a) for t, a, b in triples(doc)}


def test_several_actors_give_one_event_per_pair(analyse):
    doc = analyse("Sverige, Norge og Finland vil samarbejde tættere om forsvaret af Arktis.")
    pairs = {frozenset((s, t)) for k, s, t in triples(doc) if k == "COOPERATE"}
    assert pairs == {frozenset(("SWE", "NOR")), frozenset(("SWE", "FIN")), frozenset(("NOR", "FIN"))}


def test_denied_event_is_negated_not_coded(analyse):
    doc = analyse("Kina afviser, at Kina leverer våben til Rusland.")
    assert ("AID", "CHN", "RUS") not in triples(doc)
    assert ("AID", "CHN", "RUS") in triples(doc, negated=True)


def test_plain_negation_is_negated(analyse):
    doc = analyse("Tyrkiet har ikke sendt tropper til Syrien, siger ministeriet.")
    assert ("MOBILIZE", "TUR", "SYR") not in triples(doc)
    assert ("MOBILIZE", "TUR", "SYR") in triples(doc, negated=True)


def test_refusing_to_approve_is_reject(analyse):
    doc = analyse("Ungarn vil ikke godkende Sveriges ansøgning om medlemskab.")
    assert ("REJECT", "HUN", "SWE") in triples(doc)


def test_hypothetical_event_is_not_coded(analyse):
    doc = analyse("Hvis Rusland angriber Estland, vil alliancen svare.")
    assert ("ASSAULT", "RUS", "EST") not in triples(doc)


def test_event_inside_quote_is_asserted_by_speaker_who_accuses(analyse):
    doc = analyse("Storbritanniens udenrigsminister, David Lammy, var i Kyiv.\n\n"
                  "- Vi ser, at Iran leverer droner til Rusland, siger Lammy.")
    aid = next(e for e in doc._.events if e["type"] == "AID")
    assert (aid["source"]["country"], aid["target"]["country"]) == ("IRN", "RUS")
    assert aid["asserted_by"] == "David Lammy"
    assert ("ACCUSE", "GBR", "IRN") in triples(doc)


def test_plural_anaphor_takes_last_pair(analyse):
    doc = analyse("Japans premierminister besøgte i går Indien.\n\n"
                  "Landene lovede at styrke handelen.")
    coded = {(t, frozenset((s, g))) for t, s, g in triples(doc)}
    assert ("AGREE", frozenset(("JPN", "IND"))) in coded


def test_event_date_resolved_from_article_date(analyse):
    doc = analyse("I januar mødtes Norge og Island i Oslo.\n\nMandag opfordrede Norge Island til at skrue ned for fiskeriet.")
    dates = {e["type"]: e["date"] for e in doc._.events}
    assert dates["CONSULT"] == "2024-01"
    assert dates["REQUEST"] == "2024-03-11"


def test_evidence_offsets_point_at_the_sentence(analyse):
    doc = analyse("Polen anklager Belarus for at sende migranter mod grænsen.")
    e = next(e for e in doc._.events if e["type"] == "ACCUSE")
    assert doc.text[e["start"]:e["end"]].strip() == e["text"]
    assert doc.text[e["cue_start"]:e["cue_end"]] == "anklager"


def test_sports_article_gives_no_state_events(analyse):
    doc = analyse("Danmarks landshold slog Sverige i aftes. Håndboldlandsholdet angreb fra start, "
                  "og i semifinalen venter Frankrig.")
    assert doc._.events == []


def test_sanctions_held_out_on_a_condition_are_a_threat(analyse):
    doc = analyse("Frankrig har nye sanktioner parat, hvis Iran bliver ved med at berige uran.")
    assert ("THREATEN", "FRA", "IRN") in triples(doc)
    assert not {t for t in triples(doc) if t[0] == "SANCTION"}


def test_the_one_who_receives_a_ban_is_its_target(analyse):
    doc = analyse("Sanktionerne betyder, at de russiske ministre får indrejseforbud til EU.")
    assert ("SANCTION", "RUS", "EU") not in triples(doc)


def test_not_interested_in_talks_is_a_refusal(analyse):
    doc = analyse("Portugals regeringschef forklarede, at hun slet ikke er villig til at forhandle fiskekvoter med Marokko.")
    assert ("REJECT", "PRT", "MAR") in triples(doc)
    assert ("CONSULT", "PRT", "MAR") not in triples(doc)


def test_members_of_a_body_are_not_the_body(analyse):
    doc = analyse("Nu skal alle FN's medlemmer tage stilling til at fordømme den russiske besættelse.")
    assert not {t for t in triples(doc) if "UN" in t[1:]}


def test_two_different_acts_against_one_state_are_two_events(analyse):
    doc = analyse("Tyrkiet har anholdt tre aktivister i Syrien.\n\nTyrkiet har desuden lukket to grænseovergange til Syrien.")
    coerce = [e for e in doc._.events if e["type"] == "COERCE" and e["source"]["country"] == "TUR"]
    assert len(coerce) == 2 and {e["cue"] for e in coerce} == {"anholdt", "lukket"}


@pytest.mark.parametrize("text,event", [
    pytest.param("Hospitalet blev ramt under Israels angreb på Gaza natten til onsdag.",
                 ("ASSAULT", "ISR", "PSE"), id="genitive_possessor_of_noun_is_source"),
    pytest.param("Mindst tre blev dræbt ved et russisk missilangreb på Ukraine søndag.",
                 ("ASSAULT", "RUS", "UKR"), id="adjective_before_noun_is_source"),
    pytest.param("Kina nedlagde tirsdag veto mod en sikkerhedsresolution om kampene i Syrien.",
                 ("REJECT", "CHN", "UN"), id="veto_is_cast_against_the_body_voting"),
    pytest.param("Polen står bag Ukraine i krigen.",
                 ("SUPPORT", "POL", "UKR"), id="standing_behind_a_state_is_support"),
    pytest.param("Georgiens præsident sendte fredag Litauen en varm tak for hjælpen.",
                 ("SUPPORT", "GEO", "LTU"), id="thanks_sent_to_a_state"),
    pytest.param("Indien fordømmer fortsat ikke Ruslands angreb på Georgien.",
                 ("ASSAULT", "RUS", "GEO"), id="matrix_negation_does_not_deny_an_owned_attack"),
    pytest.param("Uroen ved grænsen til Indien er vokset, og der blev holdt store pakistanske militærøvelser.",
                 ("MOBILIZE", "PAK", "IND"), id="one_states_military_exercises_are_mobilisation"),
    pytest.param("Slovakiet trodser nu resten af Natos medlemslande.",
                 ("REJECT", "SVK", "NATO"), id="the_rest_of_a_body_is_that_body"),
    pytest.param("Rusland har angrebet Ukraine. Derfor reagerer vi med sanktioner fra EU, men også fra partnere som Canada.",
                 ("SANCTION", "CAN", "RUS"), id="a_state_named_as_one_of_the_partners_shares_their_preposition"),
    pytest.param("Regeringen vil tilføre Ukrainefonden yderligere fem milliarder kroner.",
                 ("AID", "DNK", "UKR"), id="a_fund_named_after_a_state_is_aid_to_it"),
    pytest.param("Sverige spiller en central rolle i EU-samarbejdet om grænsekontrol.",
                 ("COOPERATE", "SWE", "EU"), id="cooperation_named_after_a_body_is_with_it"),
    pytest.param("Ukraines præsident takkede Sverige for donationen af kampfly.",
                 ("AID", "SWE", "UKR"), id="the_one_thanked_for_a_donation_gave_it"),
    pytest.param("Danmark har kaldt Belarus' ambassadør til møde. Det skete for at give udtryk for regeringens kritik af "
                 "styret og for at opfordre Belarus til at løslade de fængslede journalister.", ("REQUEST", "DNK", "BLR"), id="coordinated_infinitives_share_a_source"),
    pytest.param("Tyrkiets præsident sagde i går, at han fortsat er imod finsk deltagelse i øvelsen.",
                 ("REJECT", "TUR", "FIN"), id="being_against_is_rejection_of_what_follows"),
    pytest.param("Sverige fik plads i alliancen med ungarsk støtte.",
                 ("SUPPORT", "HUN", "SWE"), id="with_a_states_support"),
    pytest.param("Uroen omkring Moldova er taget til efter et besøg af Ruslands parlamentsformand, "
                 "Ivan Sokolov, i marts.", ("CONSULT", "RUS", "MDA"), id="a_visit_by_someone_is_their_visit"),
    pytest.param("I går lovede Frankrigs præsident, at Frankrig vil forsvare Moldova, hvis Rusland angriber.",
                 ("AGREE", "FRA", "MDA"), id="a_promise_is_to_the_state_in_its_at_clause"),
])
def test_coded_event(analyse, text, event):
    assert event in triples(analyse(text))


def test_a_summit_named_after_a_body_is_a_venue_not_a_counterpart(analyse):
    doc = analyse("Præsident Joe Biden og Kinas præsident, Xi Jinping, mødes ved G20-topmødet i Rio.")
    assert not any("G20" in (s, t) for _, s, t in triples(doc))


def test_support_as_a_delivered_object_or_an_infinitive_is_not_praise(analyse):
    doc = analyse("- Iran sender droner og støtte til Venezuela, siger Brasiliens udenrigsminister. "
                  "Det koster noget at støtte Maduro, siger Chiles præsident.")
    assert not [t for t in triples(doc) if t[0] == "SUPPORT"]


def test_a_noun_cue_takes_its_own_object_not_the_next_clause(analyse):
    doc = analyse("- Efter en lang dag, heriblandt mit møde med Indiens premierminister, Narendra Modi, rejser jeg fra Kenya, "
                  "siger Frankrigs præsident.")
    consults = {frozenset((s, t)) for k, s, t in triples(doc) if k == "CONSULT"}
    assert frozenset(("FRA", "IND")) in consults and frozenset(("FRA", "KEN")) not in consults
