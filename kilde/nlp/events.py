"""``kilde_events``: who did what to whom, coded in PLOVER 2.0.

For each sentence: find event cues (``lang/events_da.tsv``), cut the clause around
each cue (at ``, at``, ``, som``, ``;``), and pick the source and target among the
clause's actor mentions (``doc._.actor_mentions``) by Danish word order: the
subject before a finite verb (or after it, when an adverbial comes first), the
possessor before a noun (``Ruslands angreb``, ``israelske luftangreb``), the agent
after a passive (``angrebet af``), and the target after the cue, marked by a
preposition the type expects (``angreb på``, ``sanktioner mod``, ``møde med``).
Anaphors are resolved on the way: ``vi`` in a quote is the speaker's state,
``landene`` and ``de to`` the last pair named, ``han`` the last person.

A cue under negation (``ikke``, ``aldrig``) or in a clause that a denial governs
(``afviser, at``; ``intet bevis for, at``) gives a negated event, kept out of the
coded events; hypothetical clauses (``hvis``) give none. An event inside a quote is
``asserted_by`` its speaker; when a state's speaker asserts that a third party
attacked or armed someone, that assertion is also an ACCUSE. One event per
(type, source, target) per article; several actors acting together give one event
per pair.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kilde.nlp import dates
from kilde.nlp.coref import doc_text, resolver_for
from kilde.nlp.gazetteer import read_tsv
from kilde.nlp.knowledge import adjective_country, compound_state, country_name

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
_WORD = re.compile(r"[\wæøåÆØÅéÉ'’-]+|[,;:?!()»«\"“”]")
_BOUNDARY_WORDS = {"at", "som", "der", "hvor", "mens", "men", "fordi", "selvom", "efter", "da", "når", "hvis", "og", "så",
                   "idet", "eftersom", "hvilket", "hvorfor", "hvorefter", "inden", "før"}
_FALLBACK_PREPS = {None, "mod", "imod", "til", "med", "over", "overfor", "for"}
_PREPOSITIONS = {"mod", "imod", "til", "på", "med", "i", "fra", "af", "for", "ved", "hos", "om", "over", "overfor",
                 "ifølge", "mellem", "blandt", "under", "efter", "hen", "ind", "uden", "via", "end", "vedrørende"}
_TARGET_PREPS = {
    "ASSAULT": {"mod", "imod", "på", "i", "af"}, "ACCUSE": {"mod", "imod", "for", "af"},
    "SANCTION": {"mod", "imod", "på", "over", "af"}, "THREATEN": {"mod", "imod", "med"},
    "PROTEST": {"mod", "imod", "foran"}, "REQUEST": {"til", "om"}, "AID": {"til"},
    "CONSULT": {"med", "hos"}, "COOPERATE": {"med"}, "AGREE": {"med"},
    "SUPPORT": {"til"}, "REJECT": {"fra"}, "COERCE": {"i", "af", "til", "mod"}, "MOBILIZE": {"mod", "til", "i"},
    "RETREAT": {"fra", "med"}, "CONCEDE": {"over", "for"},
}
_TRANSPARENT = {"bl.a", "især", "også", "både", "primært", "navnlig", "eksempelvis"}
_APPROVAL = re.compile(r"^(?:godkend|anerkend|støt|accepter|bakke|tiltræd|ratificer)")
_NOUN_BEFORE = re.compile(r"^(?:en|et|det|den|de|sit|sin|sine|deres|hans|hendes|dets|dens|[A-ZÆØÅ][\w-]*(?:s|'s|’s|'|’)|\w+ske|\w+iske)$")
_CANCELLED = re.compile(r"^(?:aflys|udskyd|udsk|annuller|dropp|opgiv|opgav)")
_FIRST_PERSON = {"jeg", "mig", "vi", "os"}
_QUANTIFIERS = {"resten", "flere", "mange", "nogle", "alle", "hver", "ingen", "halvdelen", "størstedelen", "flertallet",
                "hovedparten", "fleste"}
_LIKE_NOUNS = {"lande", "partnere", "allierede", "stater", "nationer", "stormagter", "medlemslande", "nabolande", "aktører",
               "partnerlande", "samarbejdspartnere", "venner"}  # "X som Y": Y is one of the X
_SUBORDINATORS = {"efter", "før", "siden", "inden", "da", "mens", "når", "til"}
_MODALS = {"skal", "må", "bør"}
_NEGATIONS = {"ikke", "aldrig", "ingen", "intet", "hverken", "næppe", "ej"}
_HYPOTHETICAL = {"hvis", "såfremt", "medmindre", "ifald"}
_DENIALS = re.compile(r"\b(?:afvis\w*|benægt\w*|nægte\w*|dementer\w*|intet bevis|ingen beviser?|ikke noget bevis|"
                      r"tilbageviser|tilbagevist)\b", re.I)
_PASSIVE_AUX = {"blev", "bliver", "blevet", "er", "var"}
_LIGHT_VERBS = re.compile(r"^(?:indled|gennemfør|foretag|iværksæt|ret|lancer|udfør|indgå|indgik|afhold|hold|"
                          r"hav|har|hadde|havde|sætte|sat|start|begynd|fortsæt|optrap|trapp|deltag|præsenter|"
                          r"annoncer|offentliggør|giv|gav|yde|send|vedtag|nedlæg|nedlagde|indfør|klar|pålæg|"
                          r"udstede|udsted|kom(?:mer|me)?$|fremsæt|fremsatte|rett|udtryk|tilfør|spille|spiller|øge|øger|øgede|still(?:e|er|ede|et)$)", re.I)
_SPORT = re.compile(r"\b(?:landshold\w*|landskamp\w*|fodbold\w*|håndbold\w*|turnering\w*|semifinale\w*|"
                    r"kvartfinale\w*|målmand\w*|mesterskab\w*|VM-\w+|EM-\w+|pokal\w*|cykelløb\w*)\b", re.I)
_MILITARY_AID = re.compile(r"\b(?:våben\w*|militær\w*|ammunition|missil\w*|kampfly|droner?|granater|artilleri|"
                           r"raketter|teknologi|kampvogne|udstyr)\b", re.I)
_TITLE_HEADS = ("minister", "ministeren", "leder", "lederen", "formand", "formanden", "direktør", "direktøren", "chef",
                "chefen", "sekretær", "sekretæren", "ordfører", "ordføreren", "rådgiver", "rådgiveren")
_UNWILLING = re.compile(r"\b(?:interesseret|villig|parat|indstillet|rede)\s+(?:i|til|på)\s+at\s*$", re.I)
_APPOSITION_GAP = re.compile(r"^[a-zæøå-]+ ?,$")  # "hovedstad,"
_CONDITIONAL_THREAT = re.compile(r"\b(?:klar|parat|rede) (?:med|til)\b|\btru(?:er|ede|et|e) med\b", re.I)
_MEMBERS = re.compile(r"(?:'s|’s|s|')?\s+(?:medlemmer|medlemslande|medlemsstater|medlemslandes)\b")  # "FN's medlemmer"
_GROUP_NOUNS = {"lande", "landene", "stater", "staterne", "regeringer", "parterne", "allierede", "partnere",
                "partnerne", "medlemslande", "medlemslandene", "nationer"}
_PHYSICAL = {"COERCE", "ASSAULT", "SANCTION", "AID", "MOBILIZE", "RETREAT"}
_IGOS = {"UN", "EU", "NATO", "AU", "OSCE", "WTO", "IAEA", "ICC", "WHO", "IMF"}
_THREATENABLE = {"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"}
_SPEECH_ACTS = {"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"}
_ACCUSABLE = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"}


@dataclass(frozen=True)
class Cue:
    type: str
    pos: str
    word: str
    particle: str | None
    needs: tuple[str, ...] = ()
    adjacent: bool = False  # the particle is the very next word ("er imod")


def _match(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


@lru_cache(maxsize=1)
def cues() -> tuple[list[Cue], dict[str, tuple[str, ...]]]:
    """The cue lexicon and its named word lists (``@AIDOBJ``)."""
    lists: dict[str, tuple[str, ...]] = {}
    out: list[Cue] = []
    for row in read_tsv("events_da.tsv"):
        if row[0].startswith("@"):
            lists[row[0][1:]] = tuple(row[1].split("|"))
            continue
        kind, pos, forms = row
        for form in forms.split("|"):
            form, _, need = form.partition("+")
            first, space, next_word = form.partition(" ")
            if space:
                out.append(Cue(kind, pos, first, next_word, (), adjacent=True))
                continue
            first, _, particle = form.partition("~")
            out.append(Cue(kind, pos, first, particle or None, (need,) if need else ()))
    return out, lists


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Cue]], tuple[str, ...], dict[str, list[Cue]]]:
    """Cues by exact form, the prefixes, and cues by prefix (for fast lookup)."""
    exact: dict[str, list[Cue]] = {}
    prefix: dict[str, list[Cue]] = {}
    for cue in cues()[0]:
        if cue.word.endswith("*"):
            prefix.setdefault(cue.word[:-1], []).append(cue)
        else:
            exact.setdefault(cue.word, []).append(cue)
    return exact, tuple(prefix), prefix


@lru_cache(maxsize=50_000)
def _candidates(word: str) -> tuple[Cue, ...]:
    """The cues a word can be: its own form, or for nouns the head of a compound (``våbenaftaler``)."""
    exact, prefixes, by_prefix = _index()
    if word.endswith(_TITLE_HEADS) and not any(word.endswith(h) and len(word) - len(h) < 4 for h in _TITLE_HEADS):
        return ()  # "forsyningsminister", "forhandlingsleder": a title, not an act
    out = list(exact.get(word, ()))
    if word.startswith(prefixes):
        out += [c for p in prefixes if word.startswith(p) for c in by_prefix[p]]
    if out and len(word) > 7 and all(c.pos == "V" for c in out):
        head = _noun_head(word, len(word) - 4)
        if head:  # "bombeangreb" is an attack (noun), not "bombe" (verb)
            return head[:1]
    if not out and len(word) > 7:
        out = list(_noun_head(word, len(word) - 3))
    return tuple(out)


def _noun_head(word: str, stop: int) -> tuple[Cue, ...]:
    """Noun cues that end the compound ``word`` (``våbenaftaler`` -> ``aftale*``), at the first split that has one."""
    exact, prefixes, by_prefix = _index()
    for k in range(3, stop):
        head = word[k:]
        nouns = [c for c in exact.get(head, ()) if c.pos == "N"]
        if head.startswith(prefixes):
            nouns += [c for p in prefixes if head.startswith(p) and len(p) >= 4 for c in by_prefix[p] if c.pos == "N"]
        if nouns:
            return tuple(nouns)
    return ()


@dataclass
class Word:
    text: str
    low: str
    start: int
    end: int


@dataclass
class Actor:
    """An event participant: one actor mention (or an anaphor resolved to one)."""

    name: str
    country: str
    sector: str | None
    text: str
    start: int
    end: int

    person: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "sector": self.sector, "mention": self.text,
                "start": self.start, "end": self.end}

    def at(self, w: Word) -> Actor:
        """The same actor, referred to by the anaphor ``w`` (``landene``, ``de``, ``vi``)."""
        return Actor(self.name, self.country, self.sector, w.text, w.start, w.end, self.person)

    @staticmethod
    def of(m: dict[str, Any]) -> Actor:
        """An actor mention dict from ``doc._.actor_mentions``."""
        return Actor(m["name"], m["country"], m.get("sector"), m["text"], m["start"], m["end"], m["kind"] == "PER")


def _speaker_actor(speaker: dict[str, Any]) -> Actor:
    return Actor(speaker["name"], speaker["country"], "GOV", speaker.get("mention") or "", speaker.get("start") or 0,
                 speaker.get("end") or 0, speaker.get("type") == "PER")


class EventFinder:
    """Find the events of one analysed doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = [m for m in (doc._.actor_mentions or []) if m.get("country") and m["kind"] != "MEDIA"]
        self.quotes = doc._.quotes or []
        article = doc._.article or {}
        self.published = article.get("published")
        self.body = article.get("body_start") or 0
        self.mention_starts = [m["start"] for m in self.mentions]  # the mentions come in text order
        self.group: list[Actor] = []  # the last pair or group named together
        self.lists = cues()[1]
        self.word_starts: list[int] = []  # of the sentence being read
        self.adversary: Actor | None = None  # see _remember_adversary

    # -- actors in a span -----------------------------------------------------------------
    def _in_span(self, start: int, end: int) -> list[dict[str, Any]]:
        lo, hi = bisect_left(self.mention_starts, start), bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m["end"] <= end]

    def _actors(self, start: int, end: int) -> list[Actor]:
        return [Actor.of(m) for m in self._in_span(start, end)]

    def _quote_at(self, pos: int) -> dict[str, Any] | None:
        for q in self.quotes:
            if q["start"] <= pos < q["end"]:
                return q
        return None

    def _anaphors(self, words: list[Word], actors: list[Actor], quote: dict[str, Any] | None) -> list[Actor]:
        """Actors that pronouns and plural nouns stand for in this sentence."""
        out = []
        speaker = (quote or {}).get("speaker") or {}
        for i, w in enumerate(words):
            if w.low in ("de", "han", "hun", "det") and i > 0 and words[i - 1].low == "at":
                free = [a for a in actors if a.end <= w.start and self._prep_before(words, a) is None]
                if w.low == "det":  # "Israel oplyser, at det angriber ...": a state, never a person;
                    nxt = [x.low for x in words[i + 1:i + 3]]  # not "at det er vigtigt at ..."
                    expletive = nxt[:1] in (["er"], ["var"], ["bliver"], ["blev"]) and nxt[1:] not in (["ved"], ["klar"], ["parat"])
                    free = [] if expletive else [a for a in free if not a.person and a.sector != "MEDIA"][:1]
                if free:  # "Belgien og Irland oplyser, at de vil sende ...": the matrix subject
                    for a in (free if w.low == "de" else free[-1:]):
                        out.append(a.at(w))
                    continue
            if quote and w.low in ("vi", "vores", "os", "jeg", "mit", "min", "mine") and speaker.get("country") and quote.get("kind") == "direct":
                out.append(Actor(speaker["name"], speaker["country"], "GOV", w.text, w.start, w.end))
            elif w.low == "de" and i + 1 < len(words) and words[i + 1].low == "to" and (
                    i + 2 >= len(words) or words[i + 2].low not in ("lande", "landes", "stater")):
                for a in self._last_people(w.start, 2):
                    out.append(a.at(w))
            elif w.low in ("han", "hun") and not any(a.start < w.start for a in actors if a.sector != "MEDIA"):
                for a in self._last_people(w.start, 1):
                    out.append(a.at(w))
            elif w.low in ("landene", "parterne", "nabolandene") or (
                    w.low == "de" and i + 1 < len(words) and words[i + 1].low in ("to", "tre")) or (
                    w.low == "begge" and i + 1 < len(words) and words[i + 1].low in ("lande", "parter")):
                for a in self.group:
                    out.append(a.at(w))
            elif w.low == "de" and i < 3 and self.group and not any(a.start < w.start for a in actors):
                for a in self.group:
                    out.append(a.at(w))
            elif w.low in ("deres",) and (actors or self.group):
                before = [a for a in actors if a.end <= w.start]
                if before:
                    a = before[-1]
                    out.append(a.at(w))
        return out

    def _last_people(self, at: int, n: int) -> list[Actor]:
        """The last ``n`` people (of different countries) named before ``at``."""
        out: list[Actor] = []
        for m in reversed(self.mentions):
            if m["start"] >= at or m["kind"] != "PER":
                continue
            if all(m["country"] != a.country for a in out):
                out.append(Actor.of(m))
            if len(out) == n:
                break
        return list(reversed(out)) if len(out) == n else []

    def _remember_group(self, actors: list[Actor]) -> None:
        """What ``landene`` and ``de`` will mean next: the last list of states (``Sverige, Finland og Nato``),
        else the last two states named."""
        listed: list[Actor] = []
        for a in actors:
            if listed and self.text[listed[-1].end:a.start].strip() in (",", "og", "samt"):
                listed.append(a)
            elif not listed or len({x.country for x in listed}) < 3:
                listed = [a]
        if len({a.country for a in listed}) >= 3:
            self.group = [a for i, a in enumerate(listed) if all(a.country != b.country for b in listed[:i])]
            return
        countries: list[Actor] = []
        for a in reversed(actors):
            if all(a.country != c.country for c in countries):
                countries.append(a)
            if len(countries) == 2:
                break
        if len(countries) == 2:
            self.group = list(reversed(countries))

    # -- cues --------------------------------------------------------------------------
    def _cues_in(self, words: list[Word]) -> list[tuple[int, Cue]]:
        found = []
        for i, w in enumerate(words):
            options = _candidates(w.low)
            if i and len({c.pos for c in options}) == 2 and (
                    _NOUN_BEFORE.match(words[i - 1].text) or words[i - 1].low in ("med", "om", "af", "mod", "imod")
                    or words[i - 1].low.endswith(("ens", "ets", "ernes", "enes"))):  # "regeringens fordømmelse"
                options = tuple(c for c in options if c.pos == "N")  # "Ruslands angreb", "et angreb"
            if i and words[i - 1].low == "at":  # "at støtte Maduro": an infinitive, not a noun
                options = tuple(c for c in options if c.pos != "N")
            for cue in options:
                if cue.adjacent:
                    if i + 1 < len(words) and _match(cue.particle or "", words[i + 1].low):
                        found.append((i, cue))
                        break
                    continue
                if cue.particle and not any(_match(cue.particle, x.low) or (
                        len(cue.particle) > 4 and cue.particle.rstrip("*") in x.low) for x in words[i + 1:i + 7]):
                    continue
                if cue.needs and not any(_match(p, x.low) for x in words[i + 1:i + 6] for p in self.lists[cue.needs[0]]):
                    continue
                found.append((i, cue))
                break
        return found

    # -- the clause around a cue --------------------------------------------------------
    @staticmethod
    def _clause(words: list[Word], i: int, across_at: bool = False) -> tuple[int, int]:
        """The clause around word ``i``; with ``across_at``, an at-clause right after the cue belongs to it."""
        lo = 0
        for j in range(i - 1, -1, -1):
            if words[j].low in (";", ":", "(") or (words[j].low == "," and j + 1 < len(words)
                                                    and words[j + 1].low in _BOUNDARY_WORDS - {"og"}):
                lo = j + 1
                break
            if words[j].low == "at" and j != i - 1:
                lo = j + 1
                break
        hi = len(words)
        for j in range(i + 1, len(words)):
            if words[j].low in (";", ")") or (words[j].low == "," and j + 1 < len(words) and words[j + 1].low in _BOUNDARY_WORDS
                                                and [w.low for w in words[j + 1:j + 3]] != ["men", "også"]):
                hi = j  # (", men også fra USA" adds to a phrase: no new clause)
                break
            if words[j].low == "at" and words[j - 1].low not in ("til", "for", "om", "med", "ved", "på"):
                if across_at and j - i <= 3:  # "kræver, at Kina ...": the one asked is in the at-clause
                    across_at = False
                    continue
                hi = j
                break
        return lo, hi

    def _prep_before(self, words: list[Word], a: Actor) -> str | None:
        """The preposition governing a mention (``mod Rusland``, ``med den russiske præsident``)."""
        k = bisect_left(self.word_starts, a.start) - 1  # the last word before the mention
        steps = 0
        while k >= 0 and steps < 4:
            low = words[k].low
            if low in _TRANSPARENT or (low == "andet" and k > 0 and words[k - 1].low == "blandt"):
                k -= 2 if low == "andet" else 1
                continue
            if low in _PREPOSITIONS:
                if low in _SUBORDINATORS and (k == 0 or words[k - 1].low in (",", "og", "men")):
                    return None  # ", efter Rusland angreb": a conjunction opening a clause, not a preposition
                if low == "af" and k > 0 and words[k - 1].low in _QUANTIFIERS:
                    return None  # "trodser resten af EU's medlemslande": the object itself, not a phrase about it
                if low == "af" and k > 0 and words[k - 1].low in ("del", "dele", "egne", "område", "området", "side"):
                    k -= 2
                    steps = 0
                    while k >= 0 and steps < 4 and words[k].low not in _PREPOSITIONS:
                        k -= 1
                        steps += 1
                    return words[k].low if k >= 0 and words[k].low in _PREPOSITIONS else "af"
                return low
            if low == "som" and k > 1 and words[k - 1].low in _LIKE_NOUNS:  # "fra allierede som Canada"
                k -= 1
                steps = 0
                continue
            if low in (",", "og", "eller") or adjective_country(low) is None and low not in (
                    "den", "det", "de", "hans", "hendes", "deres", "landets", "sin", "sit", "sine") and not low.endswith(
                    ("s", "e")) or words[k].text[:1].isupper() and k and not low.endswith("s"):
                return None
            k -= 1
            steps += 1
        return None

    def _unwilling(self, words: list[Word], lo: int, i: int) -> bool:
        """``interesseret i at``, ``villig til at`` just before the cue."""
        return bool(_UNWILLING.search(self.text[words[max(lo, i - 4)].start:words[i].start]))

    def _negated(self, words: list[Word], lo: int, i: int, sent_start: int) -> bool:
        if any(w.low in _NEGATIONS for w in words[max(lo, i - 4):i + 3]):
            return True
        if self._unwilling(words, lo, i) and any(
                w.low in _NEGATIONS for w in words[max(lo, i - 7):i]):  # "er slet ikke villig til at forhandle"
            return True
        if any(_CANCELLED.match(w.low) for w in words[max(lo, i - 5):i]):  # "aflyste et planlagt statsbesøg"
            return True
        governing = self.text[sent_start:words[lo].start] if lo > 0 else ""
        if lo > 0 and _DENIALS.search(governing[-120:]):
            return True
        if lo > 0 and words[lo - 1].low == "at":  # "Der er ikke tale om, at ..."; "kan ikke forvente, at ..."
            head = [w.low for w in words[max(0, lo - 9):lo - 1]]
            return any(x in _NEGATIONS for x in head)
        return False

    # -- one cue -> events -----------------------------------------------------------------
    def _roles(self, words: list[Word], i: int, cue: Cue, actors: list[Actor]) -> tuple[list[Actor], list[Actor], str]:
        lo, hi = self._clause(words, i, across_at=cue.type == "REQUEST")
        cs, ce = words[lo].start, words[hi - 1].end if hi > lo else words[lo].end
        cue_w = words[i]
        clause = [a for a in actors if cs <= a.start < ce]
        before = [a for a in clause if a.end <= cue_w.start]
        after = [a for a in clause if a.start >= cue_w.end]
        preps = {id(a): self._prep_before(words, a) for a in clause}
        for a, b in zip(clause, clause[1:]):  # "af EU og USA": a coordinated mention shares the preposition
            gap = self.text[a.end:b.start].strip()  # "i Litauens hovedstad, Vilnius": so does an apposition
            if preps[id(b)] is None and (gap in ("og", ",", "samt", "eller") or _APPOSITION_GAP.match(gap)):
                preps[id(b)] = preps[id(a)]
        free_before = [a for a in before if preps[id(a)] is None and not self._genitive(a)]
        wanted = _TARGET_PREPS.get(cue.type, set())
        if cue.type == "CONSULT" and "besøg" in cue_w.low:  # a visit to a state is with that state
            wanted = wanted | {"i", "til"}
        if cue.type == "REJECT" and any(w.low.startswith("veto") for w in words[i:i + 2]):
            wanted = wanted | {"i", "mod"}  # "nedlagde veto mod et forslag i FN's Sikkerhedsråd"

        between = self._between(words, after)
        if between:
            return between, [], "between"

        if cue.pos == "N":
            # possessor: "Ruslands angreb", "russiske angreb", "deres angreb"
            poss = [a for a in before if 0 <= cue_w.start - a.end <= 2 and (a.text.endswith(("s", "'", "’")) or adjective_country(a.text.split()[-1]) or a.text.lower() in ("deres", "hans", "hendes"))]
            prev = words[i - 1].low if i else ""
            adj = adjective_country(prev)
            if adj and not poss:
                poss = [Actor(country_name(adj), adj, None, words[i - 1].text, words[i - 1].start, words[i - 1].end)]
            agents = [a for a in after if preps[id(a)] == "fra"]  # "sanktioner fra EU, men også fra Canada"
            agents = agents if agents and agents[0].start - cue_w.end < 40 else []
            targets = [a for a in after if preps[id(a)] in wanted or (preps[id(a)] is None and cue.type in SYMMETRIC)]
            if cue.type in ("ASSAULT",):
                targets = [a for a in after if preps[id(a)] in wanted]
            sources = poss or agents
            if not sources and "besøg" in cue_w.low and i + 1 < len(words) and words[i + 1].low == "af":
                sources = after[:1]  # "et besøg af Ruslands parlamentsformand, X": the visitor
            if cue.word in ("støtte", "støtten") and not poss:  # "Tyrkiets støtte", "med tyrkisk støtte"; not
                return [], [], "none"                       # "sender droner og støtte til"
            if not sources:
                lights = [k for k in range(max(lo, i - 5), i) if _LIGHT_VERBS.match(words[k].low)]
                if lights or cue.type in SYMMETRIC:
                    sources = free_before
                if lights and len(free_before) > 1 and not targets and \
                        free_before[-1].start >= words[lights[-1]].end:  # "sendte Litauen en varm tak"
                    sources, targets = free_before[:-1], free_before[-1:]
            if not targets:  # "annektering af ukrainske områder", "angreb på israelske byer"
                targets = self._adjective_object(words, i)
            named = compound_state(cue_w.text) if not targets and cue.type != "CONSULT" else None  # (an EU summit: a venue)
            if named and named not in {a.country for a in sources}:  # "tilføre Ukrainefonden", "NATO-samarbejdet"
                targets = [Actor(country_name(named), named, None, cue_w.text, cue_w.start, cue_w.end)]
            if cue.type == "AID" and not sources and "for" in [w.low for w in words[max(lo, i - 3):i]]:
                thanked = self._thanked_for(words, lo, i, actors)  # "takkede Danmark for donationen"
                if thanked:
                    return thanked[1], thanked[0], "thanked-for"
            if cue.type == "COOPERATE" and "øvelse" in cue_w.low and poss and not targets:
                return sources, [], "exercise"  # "store kinesiske militærøvelser": one state's show of force
            return sources, self._first_group(targets), "noun"  # not "..., forlader jeg Japan" after it

        passive = cue_w.low.endswith(("es", "et", "t")) and any(w.low in _PASSIVE_AUX for w in words[max(lo, i - 3):i])
        if passive and cue.type not in SYMMETRIC:
            agents = [a for a in after if preps[id(a)] == "af"]
            if agents:
                return agents, free_before, "passive"
            if free_before:  # "Irans chargé d'affaires er blevet indkaldt": the one acted upon; agent from context
                done = {a.country for a in free_before}
                others = [a for a in actors if a.country not in done and self._prep_before(words, a) != "ifølge"]
                if len({a.country for a in others}) == 1:
                    return others[:1], free_before, "passive-sentence"
                return [], [], "none"
        if any(w.low in ("får", "fik", "fået", "modtager", "modtog") for w in words[max(lo, i - 3):i]):
            return [], free_before, "received"  # "de får indrejseforbud": they are its target
        if cue.pos == "A":  # "Ruslands anerkendelse ... er uacceptabel": the speaker judges the clause's subject
            return [], clause[:1], "judgement"
        if free_before:
            sources = free_before
            if i + 1 < len(words) and words[i + 1].low == "imod":  # "er imod svensk medlemskab": what is opposed
                return sources, [a for a in after if preps[id(a)] == "imod"][:1] or self._adjective_object(words, i), "opposed"
            targets = [a for a in after if preps[id(a)] is None or preps[id(a)] in wanted]
            return sources, self._first_group(targets), "verb"
        free_after = [a for a in after if preps[id(a)] is None]
        if i and words[i - 1].low == "at" or i > 1 and words[i - 2].low == "at" and words[i - 1].low.endswith("t"):
            # "for at opfordre Iran til ...": an infinitive has no subject of its own; Iran is the object.
            # "fik Georgiens præsident til at takke Litauen": the one just before "til at" does it.
            objects = self._first_group([a for a in after if preps[id(a)] is None or preps[id(a)] in wanted])
            controller = [a for a in actors if i > 2 and words[i - 2].low in ("til", "om")
                          and 0 <= words[i - 2].start - a.end <= 2]
            return controller[-1:], objects, "infinitive"
        # V2: "I går mødtes Blinken med Park Jin", "Derfor opfordrer USA Kina til ..."
        if free_after and not any(w.low in _GROUP_NOUNS for w in words[lo:i]):  # "Alle baltiske lande står bag X"
            src = free_after[0]
            rest = [a for a in after if a is not src and (preps[id(a)] is None or preps[id(a)] in wanted)]
            same = [a for a in rest if a.start - src.end < 4 and self.text[src.end:a.start].strip() in ("og", ",")]
            return [src] + same, [a for a in rest if a not in same], "verb-v2"
        return [], [], "none"

    def _thanked_for(self, words: list[Word], lo: int, i: int, actors: list[Actor]) -> tuple[list[Actor], list[Actor]] | None:
        """Who thanks whom in the clause before the aid noun ``i``: the one thanked gave it."""
        for k in range(i - 1, lo - 1, -1):
            thanks = next((c for c in _candidates(words[k].low) if c.type == "SUPPORT" and words[k].low.startswith("tak")), None)
            if thanks:
                sources, targets, _ = self._roles(words, k, thanks, actors)
                return (sources, targets) if sources and targets else None
        return None

    def _first_group(self, actors: list[Actor]) -> list[Actor]:
        """The first mention and those listed with it (``Kina, Rusland og EU``), not a later object."""
        group = actors[:1]
        for b in actors[1:]:
            gap = self.text[group[-1].end:b.start].strip()
            if b.start == group[-1].start or gap in ("og", ",", "samt", "eller", "såvel som") or (
                    gap.startswith(",") and len(gap) < 3):
                group.append(b)
            else:
                break
        return group

    def _genitive(self, a: Actor) -> bool:
        """``Israels ret``, ``Hamas' angreb``: a possessor, not a subject."""
        nxt = re.match(r"\s+([a-zæøå][\w-]*)", self.text[a.end:a.end + 30])
        if not nxt or not _candidates(nxt.group(1)):
            return False  # "Irans chargé d'affaires": the state stands for the phrase
        return a.text.endswith(("s", "'", "’")) and not a.text.endswith(("ss", "us", "as", "es")) or a.text.endswith(
            ("'s", "’s"))

    def _adjective_object(self, words: list[Word], i: int) -> list[Actor]:
        """A state named by an adjective in the object of a noun cue (``af ukrainske områder``)."""
        for k in range(i + 1, min(i + 3, len(words) - 1)):
            if words[k].low in ("af", "mod", "på", "imod"):
                for w in words[k + 1:k + 4]:
                    code = adjective_country(w.low)
                    if code:
                        return [Actor(country_name(code), code, None, w.text, w.start, w.end)]
                break
        return []

    def _between(self, words: list[Word], after: list[Actor]) -> list[Actor]:
        """``mellem Rusland og Nordkorea``: the actors of a 'mellem X og Y' just after the cue."""
        for a in after:
            k = bisect_left(self.word_starts, a.start) - 1
            if k >= 0 and words[k].low == "mellem":
                group = [b for b in after if b.start == a.start]
                for b in after:
                    if b.start > group[-1].start and self.text[group[-1].end:b.start].strip() in ("og", ",", "og de", "og den"):
                        group.append(b)
                return group
        return []

    def _pairs(self, cue: Cue, sources: list[Actor], targets: list[Actor], how: str) -> list[tuple[Actor, Actor]]:
        def distinct(actors: list[Actor]) -> list[Actor]:
            seen: dict[str, Actor] = {}
            for a in actors:  # one per state; a named person speaks for it better than the state's name
                if a.country not in seen or (a.person and not seen[a.country].person):
                    seen[a.country] = a
            return list(seen.values())

        sources, targets = distinct(sources), distinct(targets)
        if len(sources) > 3 or len(targets) > 8:  # a list of states at a summit is not a set of dyads
            return []
        pairs = [(s, t) for s in sources for t in targets if s.country != t.country]
        # members of a group meeting someone sit on one side ("de forhandlede med tyrkiske embedsmænd");
        # a group that works or agrees together with someone all work together ("X og Y ... sammen med Z")
        if (cue.type in SYMMETRIC or cue.word.startswith("våbenhvile")) and (
                how == "between" or len(sources) > 1 and (cue.type != "CONSULT" or not targets)):
            pairs += [(a, b) for a, b in combinations(sources, 2)]
        if not pairs and cue.type in SYMMETRIC and 1 < len(targets) <= 3 and not sources and how != "noun":
            pairs = [(a, b) for a, b in combinations(targets, 2)]
        return pairs

    def find(self) -> list[dict[str, Any]]:
        if len(_SPORT.findall(self.text)) >= 2:
            return []
        events: list[dict[str, Any]] = []
        for ss, se in resolver_for(self.doc).sentences:
            if se <= self.body:
                continue
            stext = self.text[ss:se]
            words = [Word(m.group(), m.group().lower(), ss + m.start(), ss + m.end()) for m in _WORD.finditer(stext)]
            if not words:
                continue
            self.word_starts = [w.start for w in words]
            found_before = len(events)
            actors = self._actors(ss, se)
            quote = self._quote_at(ss + len(stext) // 2)
            if quote and quote.get("kind") == "direct":  # not the attribution clause ", siger Blinken"
                actors = [a for a in actors if quote["start"] <= a.start < quote["end"]]
            actors = sorted(actors + self._anaphors(words, actors, quote), key=lambda a: a.start)
            lone = len({a.country for a in actors}) < 2 and not self.group and not any(
                adjective_country(w.low) or w.text[:1].isupper() and compound_state(w.text) for w in words)
            if stext.rstrip().endswith("?") or lone:
                self._remember_group(actors)
                continue
            acted: list[Actor] = []  # the last cue's source in this sentence
            for i, cue in self._cues_in(words):
                lo, _ = self._clause(words, i)
                if any(w.low in _HYPOTHETICAL for w in words[lo:i]):
                    continue
                if cue.pos == "N" and "om" in [w.low for w in words[max(0, i - 2):i]]:
                    continue  # "forhandler om en fredsaftale": the topic, not a second event
                sources, targets, how = self._roles(words, i, cue, actors)
                if how == "infinitive" and not sources and acted:  # "for at give udtryk for regeringens kritik
                    sources, how = acted, "infinitive-shared"       # ... og for at opfordre Belarus til ..."
                sources, targets, how = self._fallbacks(words, i, cue, actors, sources, targets, how)
                acted = sources or acted
                if cue.type == "REJECT" and sources and any(w.low.startswith("veto") for w in words[i:i + 2]):
                    targets = self._veto_body(words, actors, sources) or targets
                if how.startswith("exercise"):
                    cue, how = Cue("MOBILIZE", cue.pos, cue.word, None), how.replace("exercise", "noun")
                if cue.type in _THREATENABLE and self._conditional(words, i):
                    cue = Cue("THREATEN", cue.pos, cue.word, None)  # "står klar med sanktioner, hvis Rusland ..."
                    targets = targets or self._condition_subject(words, i, actors, sources)
                    how += "-conditional"
                if cue.type in ("SANCTION", "THREATEN") and sources and not targets and self.adversary and \
                        self.adversary.country not in {a.country for a in sources}:
                    targets, how = [self.adversary.at(words[i])], how + "-discourse"  # "sanktioner fra EU"
                for src, tgt in self._pairs(cue, sources, targets, how):
                    events.append(self._record(cue, src, tgt, words, i, lo, ss, se, quote, how))
            events += self._demands(words, actors, quote, ss, se)
            self._remember_group(actors)
            self._remember_adversary(events[found_before:])
        return self._accusations(events)

    def _remember_adversary(self, events: list[dict[str, Any]]) -> None:
        """The state the story is against: the last one attacking, or accused, sanctioned, threatened."""
        for e in events:
            if e["negated"]:
                continue
            side = "source" if e["type"] in ("ASSAULT", "MOBILIZE", "COERCE") else \
                "target" if e["type"] in ("ACCUSE", "SANCTION", "THREATEN") else None
            if side and e[side]["country"]:
                a = e[side]
                self.adversary = Actor(a["name"], a["country"], a.get("sector"), a.get("mention") or a["name"],
                                       a.get("start") or 0, a.get("end") or 0)

    def _veto_body(self, words: list[Word], actors: list[Actor], sources: list[Actor]) -> list[Actor]:
        """``nedlagde veto mod en resolution``: the veto is cast in the body voting (FN, EU)."""
        have = {a.country for a in sources}
        bodies = [a for a in actors if a.country in _IGOS and a.country not in have]
        if bodies:
            return bodies[:1]
        if any(w.low.startswith(("sikkerhedsråd", "sikkerhedsresolution")) or w.low == "resolution" for w in words):
            return [Actor("FN", "UN", "IGO", "FN", words[0].start, words[0].start)]
        return []

    def _apposition(self, a: Actor, actors: list[Actor]) -> bool:
        """``Litauens hovedstad, Vilnius``: a mention that renames the one before it."""
        before = [b for b in actors if b.end <= a.start]
        return bool(before) and bool(_APPOSITION_GAP.match(self.text[before[-1].end:a.start].strip()))

    def _conditional(self, words: list[Word], i: int) -> bool:
        """A measure held out, not taken: ``klar med sanktioner``, ``truer med told``, ``..., hvis X ...``."""
        before = self.text[words[max(0, i - 5)].start:words[i].start]
        return bool(_CONDITIONAL_THREAT.search(before)) or any(w.low in _HYPOTHETICAL for w in words[i + 1:i + 12]) \
            or any(w.low in _HYPOTHETICAL for w in words[:3])  # "Hvis de ikke giver sig, så indfører vi told"

    def _condition_subject(self, words: list[Word], i: int, actors: list[Actor], sources: list[Actor]) -> list[Actor]:
        """The subject of the ``hvis`` clause after the cue: the one threatened."""
        k = next((k for k in range(i + 1, len(words)) if words[k].low in _HYPOTHETICAL), None)
        if k is None:
            return []
        have = {a.country for a in sources}
        after = [a for a in actors if a.start >= words[k].end and a.country not in have]
        return after[:1] if after and self._prep_before(words, after[0]) is None else []

    def _fallbacks(self, words: list[Word], i: int, cue: Cue, actors: list[Actor], sources: list[Actor],
                   targets: list[Actor], how: str) -> tuple[list[Actor], list[Actor], str]:
        """Fill a missing source from the quote's speaker, a missing target from the sentence's one other state."""
        if not sources and how != "between" and cue.type in _SPEECH_ACTS:
            q = self._quote_at(words[i].start)
            speaker = (q or {}).get("speaker") or {}
            if speaker.get("country"):
                sources = [_speaker_actor(speaker)]
                how = "speaker"
        have = {a.country for a in sources}
        targets = [t for t in targets if t.country not in have] if how != "between" else targets
        if sources and not targets and cue.type == "AGREE" and words[i].low.startswith("lov"):
            targets = self._promised(words, i, actors, have)  # "lovede, at USA vil forsvare Taiwan"
        if sources and not targets and how not in ("between", "opposed"):
            allowed = _FALLBACK_PREPS | ({"i", "på"} if cue.type in ("ASSAULT", "MOBILIZE", "COERCE") else set())
            others = [a for a in actors if a.country not in have and self._prep_before(words, a) in allowed
                      and not self._apposition(a, actors) and not _MEMBERS.match(self.text, a.end)
                      and a.text.lower() not in _FIRST_PERSON]  # "nødvendigt for os at svare igen": the speaker's side
            if len({a.country for a in others}) == 1:
                targets = others[:1]
                how += "-sentence"
        return sources, targets, how

    def _promised(self, words: list[Word], i: int, actors: list[Actor], have: set[str]) -> list[Actor]:
        """The state a promise is made to or for: the first other state in the at-clause after the cue
        (not one after ``hvis``, the condition)."""
        k = next((j for j in range(i + 1, len(words)) if words[j].low == "at"), None)
        if k is None:
            return []
        end = next((j for j in range(k, len(words)) if words[j].low in _HYPOTHETICAL), len(words))
        stop = words[end].start if end < len(words) else words[-1].end + 1
        return [a for a in actors if words[k].end <= a.start < stop and a.country not in have
                and self._prep_before(words, a) in (None, "til", "for", "med")][:1]

    def _demands(self, words: list[Word], actors: list[Actor], quote: dict[str, Any] | None, ss: int,
                 se: int) -> list[dict[str, Any]]:
        """In a state speaker's quote, ``Kina skal åbne ...`` / ``Europa må betale`` is a REQUEST to that state."""
        speaker = (quote or {}).get("speaker") or {}
        if not speaker.get("country"):
            return []
        out = []
        for i, w in enumerate(words):
            if w.low not in _MODALS or i == 0:
                continue
            subj = [a for a in actors if a.end == words[i - 1].end and a.country != speaker["country"]]
            if subj and self._prep_before(words, subj[0]) is None and not any(x.low in _NEGATIONS for x in words[i:i + 3]):
                src = _speaker_actor(speaker)
                cue = Cue("REQUEST", "V", w.low, None)
                out.append(self._record(cue, src, subj[0], words, i, 0, ss, se, quote, "modal"))
        return out

    def _record(self, cue: Cue, src: Actor, tgt: Actor, words: list[Word], i: int, lo: int, ss: int, se: int,
                quote: dict[str, Any] | None, how: str) -> dict[str, Any]:
        q = self._quote_at(words[i].start)
        speaker = (q or {}).get("speaker") or {}
        negated = self._negated(words, lo, i, ss)
        if negated and cue.pos == "N" and i and (_NOUN_BEFORE.match(words[i - 1].text) and words[i - 1].text[:1].isupper()
                                                 or adjective_country(words[i - 1].low)):
            # "fordømmer ikke Ruslands angreb": the owned act is a fact; only "ingen/intet" denies it
            negated = any(w.low in ("ingen", "intet") for w in words[max(0, i - 2):i])
        kind = cue.type
        if negated and kind in ("AGREE", "SUPPORT", "COOPERATE", "CONSULT") and (
                _APPROVAL.match(words[i].low) or self._unwilling(words, lo, i)):  # "ikke interesseret i at drøfte"
            kind, negated = "REJECT", False  # "vil ikke godkende", "er ikke blevet anerkendt": a refusal
        elif words[i].low.startswith("anerkend"):
            negated = True  # "anerkender, at ...": acknowledging is not an event; recognition is coded elsewhere
        named = sum(1 for a in (src, tgt) if a.text.lower() not in ("vi", "vores", "os", "landene", "de", "deres", "parterne", "begge"))
        return {
            "type": kind, "mode": None,
            "source": src.as_dict(), "target": tgt.as_dict(),
            "negated": negated,
            "asserted_by": speaker.get("name") if q else None,
            "asserted_by_country": speaker.get("country") if q else None,
            "asserted_by_type": speaker.get("type") if q else None,
            "date": dates.resolve(self.text[ss:se], self.published),
            "location": self._location(words, src, tgt),
            "text": self.text[ss:se].strip(), "start": ss, "end": se,
            "cue": words[i].text, "cue_start": words[i].start, "cue_end": words[i].end,
            "confidence": round(0.5 + 0.2 * named / 2 + (0.1 if how in ("verb", "verb-v2", "passive") else 0.0), 2),
            "rule": f"cue-{cue.pos.lower()}-{how}",
        }

    def _location(self, words: list[Word], src: Actor, tgt: Actor) -> str | None:
        """Where it happened, when the sentence says so: a place after ``i`` that is neither actor's mention."""
        for m in self._in_span(words[0].start, words[-1].end):
            if m["kind"] == "GPE" and m["start"] not in (src.start, tgt.start):
                if self._prep_before(words, Actor.of(m)) == "i":
                    return m["text"]
        return None

    def _accusations(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A state's speaker asserting that a third party attacked or armed someone accuses that party."""
        out = list(events)
        for e in events:
            speaker_country = e.get("asserted_by_country")
            if (e.get("asserted_by_type") != "PER" or not speaker_country or e["negated"] or "conditional" in e["rule"]
                    or speaker_country in (e["source"]["country"], e["target"]["country"])):
                continue
            military_aid = e["type"] == "AID" and _MILITARY_AID.search(e["text"])
            if e["type"] in _ACCUSABLE or military_aid:
                out.append({**e, "type": "ACCUSE", "target": e["source"],
                            "source": {"name": e["asserted_by"], "country": speaker_country, "sector": "GOV",
                                       "mention": None, "start": None, "end": None},
                            "confidence": round(e["confidence"] - 0.1, 2), "rule": "asserted-accuse"})
        return out


def _act(e: dict[str, Any]) -> str:
    """What was done, as far as the cue tells: ``anholdt`` and ``lukket`` are two acts, ``angreb`` and
    ``angrebet`` one."""
    if e["rule"].startswith(("asserted", "cue-v-modal")) or e["type"] not in _PHYSICAL:
        return ""  # what is said (thanks, accusations, vetoes) is one act per pair, however it is worded
    return (e.get("cue") or "").lower()[:4]


def dedupe(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per (type, source country, target country, negated, act) per article; the first keeps the
    others' count. ``act`` stays on the event, so the store links reports across articles the same way."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for e in events:
        s, t = e["source"]["country"], e["target"]["country"]
        pair = tuple(sorted((s, t))) if e["type"] in SYMMETRIC else (s, t)
        act = _act(e)
        key = (e["type"], pair, e["negated"], act)
        if key in seen:
            seen[key]["mentions"] += 1
        else:
            seen[key] = {**e, "act": act, "mentions": 1}
    return list(seen.values())


@Language.factory("kilde_events", requires=["doc._.actor_mentions"], assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> EventComponent:
    return EventComponent()


class EventComponent:
    """Sets ``doc._.events``: PLOVER events, negated ones flagged, one per (type, dyad)."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.actor_mentions is None:
            doc._.events = []
            return doc
        events = dedupe(EventFinder(doc).find())
        doc._.events = sorted(events, key=lambda e: -e["confidence"])  # surest first
        return doc
