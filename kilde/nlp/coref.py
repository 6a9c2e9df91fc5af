"""In-article reference: who "Blinken", "han", "ministeren" and "politiet" are.

One implementation, shared by the quotes and actors components. It collects the
article's named mentions (from ``doc.ents``), learns roles from titles and
appositions (``USA's udenrigsminister, Antony Blinken``; ``politidirektør Anne
Tønnes``) and resolves a speaker phrase to the longest form of the name in the article.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from spacy.tokens import Doc

from kilde.nlp.knowledge import adjective_country, fits_pronoun, known_person, noun_sector, parties, role_sector
from kilde.nlp.lang.da import CUE_VERBS, NP_STOP_WORDS, PRONOUNS, ROLE_STEMS
from kilde.nlp.relays import canonical_media


@dataclass
class Mention:
    """A named mention in the text."""

    text: str
    start: int
    end: int
    label: str
    country: str | None = None


@dataclass
class Person:
    """A person the article names, with the roles it gives them."""

    name: str
    first: int
    roles: list[tuple[str, int, int]] = field(default_factory=list)  # (role phrase, start, end)
    country: str | None = None
    mentions: int = 0
    sector: str | None = None
    role: str | None = None
    source: str | None = None  # where the country came from: "text" or "knowledge"


@lru_cache(maxsize=1)
def _party_then_name() -> re.Pattern[str]:
    """A Danish party in the genitive, then a person's name (``Venstres Jakob Ellemann-Jensen``); the
    first group is the party's name without the genitive ending."""
    names = "|".join(re.escape(n) for n in sorted(parties(), key=len, reverse=True) if len(n) > 1)
    return re.compile(rf"({names})(?:'s|’s|s) ((?:[A-ZÆØÅ][\wæøåéü-]+ ){{1,2}}[A-ZÆØÅ][\wæøåéü-]+)$")


def _strip_genitive(word: str) -> str:
    for suffix in ("'s", "’s", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


_TRAILING_NAME = re.compile(r"(?<=[a-zæøå)] )([A-ZÆØÅ][a-zæøåéü-]+(?: [A-ZÆØÅ][a-zæøåéü-]+){1,3})$")
_FINITE = re.compile(r"\s(?:har|er|blev|var|bliver|havde|skal|vil|kan|skulle|ville|kunne|må)\b")
_ORG_THEN_NAME = re.compile(
    r"([A-ZÆØÅ][\wæøå-]*(?:styrelsen|ministeriet|rådet|tilsynet|politi|partiet|forbundet|banken|kommune|"
    r"regionen|universitet|instituttet|centret|centeret|selskabet|foreningen|Bank))"
    r" ((?:[A-ZÆØÅ][a-zæøåéü-]+ ){1,2}[A-ZÆØÅ][a-zæøåéü-]+)$")
_FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "PRK", "KOR", "VNM"}  # "Xi Jinping" is "Xi" on second mention
_NOT_OWNED = NP_STOP_WORDS | CUE_VERBS | {"er", "har", "var", "blev", "vil", "skal", "kan", "bliver", "havde"}
_DESCRIPTION = re.compile(
    r"\b(?:[Ee]n (?:\d+-årig|ung|ældre|midaldrende) (?:mand|kvinde|dreng|pige|person)|[Dd]en \d+-årige"
    r"|(?<![\w-])(?:[Mm]anden|[Kk]vinden|[Dd]en (?:tiltalte|sigtede|anholdte|dømte|afdøde)))\b")
_NOT_SUBJECT_START = frozenset({"på", "i", "efter", "under", "ved", "med", "fra", "til", "om", "for", "af", "tilføj",
                                "planen", "oplysningen"})
_HOME_ROLE = re.compile(r"(?<!premier)minister$|^folketingsmedlem$")  # Danish titles ("premierminister": abroad)
_PARTY_LETTER = re.compile(r"\s*\(([A-ZÆØÅ]{1,3})\)")
_STEMS_LONGEST_FIRST = tuple(sorted(set(ROLE_STEMS), key=len, reverse=True))


_DETERMINERS = frozenset({"den", "det", "de", "hans", "hendes", "deres", "landets", "sin", "sit", "sine", "dets", "dens"})


_WORDS = re.compile(r"[\wæøåÆØÅ-]+")
_ROLE_BEFORE = re.compile(r"((?:[\w'’-]+\s+){0,3}?)([\w-]+)(?:,)?\s*$")  # up to three words, then the role
_ROLE_AFTER = re.compile(r",?\s+(?:der er|som er|som|,)\s+((?:[\wæøå-]+\s+){0,2}?([\wæøå-]+))\b")

_NEXT_LOWER_WORD = re.compile(r"\s+([a-zæøå]+)\b")
_NP_VERBS = CUE_VERBS | {"betegner", "betegnede"}  # a speaker phrase ends before these
_NP_TRAILING = frozenset({"ellers", "også", "dog", "nu", "igen", "desuden", "videre", "samtidig", "derfor", "endvidere",
                          "senere", "tidligere", "blandt", "andet"})


def _start_of_last_words(text: str, n: int) -> int:
    """Where the last ``n`` whitespace-separated words of ``text`` begin."""
    i = len(text)
    for _ in range(n):
        while i and text[i - 1].isspace():
            i -= 1
        while i and not text[i - 1].isspace():
            i -= 1
    return i


def _np_end(phrase: str) -> int:
    """Where a speaker noun phrase ends: before a finite speech verb inside it, and without trailing adverbs."""
    words = list(re.finditer(r"\S+", phrase))
    for k, w in enumerate(words[1:], 1):
        if w.group().lower() in _NP_VERBS:
            words = words[:k]
            break
    while len(words) > 1 and words[-1].group().lower().strip(",.") in _NP_TRAILING:
        words.pop()
    return words[-1].end() if words else len(phrase)


def _modifier(word: str) -> bool:
    """A word that belongs to a role phrase before the role: ``USA's``, ``sydkoreanske``, ``hans``."""
    w = word.rstrip(",")
    return (w.lower() in _DETERMINERS or (w[:1].isupper() and w.endswith(("s", "'s", "’s", "'")))
            or (w.islower() and w.endswith(("ske", "sk", "e"))))


def _common_noun(word: str) -> bool:
    """A capitalised common noun (sentence-initial ``Landene``, ``Ministeren``) rather than a name."""
    low = word.lower()
    return bool(role_stem(low) and low.endswith(("en", "et", "ne"))) or (
        noun_sector(low) is not None and low.endswith(("ene", "en", "et", "erne")))


@lru_cache(maxsize=100_000)
def role_stem(word: str) -> str | None:
    """``ministeren`` -> ``minister``; ``cheftræneren`` -> ``cheftræner``; else None."""
    w = word.lower().split("-")[-1]
    for stem in _STEMS_LONGEST_FIRST:
        if w.endswith(stem) or w.endswith(stem + "en") or w.endswith(stem + "n"):
            base = w[: w.rfind(stem) + len(stem)]
            return base
    return None


class Resolver:
    """Resolve speaker and actor phrases within one article."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        self.sentences = sentence_spans(doc)
        self.mentions: list[Mention] = []
        article = (doc._.article if Doc.has_extension("article") else None) or {}
        body = article.get("body_start") or 0
        for ent in doc.ents:
            label, _, country = (ent.ent_id_ or "").partition("|")
            start, text = ent.start_char, ent.text
            words = text.split()
            if start < body or (len(words) == 1 and not label and _common_noun(words[0])):
                continue  # the byline header; "Landene" or "Ministeren" tagged as a name
            if (label or ent.label_) == "PER" and len(words) > 2 and role_stem(words[0]):
                start += len(words[0]) + 1  # "Landstræner Morten Vang": the title is not the name
                text = text[len(words[0]) + 1:]
            split = _party_then_name().match(text) if len(words) > 2 else None  # "Venstres Jakob Ellemann-Jensen"
            if split is None and (label or ent.label_) != "PER":
                split = _ORG_THEN_NAME.match(text)
            if split:  # "Færdselsstyrelsen Mette Krog" read as one name: the body or party, then its person
                self.mentions.append(Mention(split.group(1), start, start + split.end(1), "ORG", country or None))
                self.mentions.append(Mention(split.group(2), start + split.start(2), ent.end_char, "PER"))
                continue
            self.mentions.append(Mention(text, start, ent.end_char, label or ent.label_, country or None))
        self._add_missed_surnames(body)
        self.starts = [m.start for m in self.mentions]
        self.surnames = {m.text.split()[-1] for m in self.mentions if m.label == "PER" and m.text.split()}
        self.people: dict[str, Person] = {}
        self.names: dict[int, str] = {}  # full name of each PER mention, by its start
        self.language = article.get("language", "da")
        published = article.get("published") or ""
        self.year = int(published[:4]) if published[:4].isdigit() else None
        self._collect_people()
        for person in self.people.values():
            self._learn(person)

    def _add_missed_surnames(self, body: int) -> None:
        """``Zelenskyj takkede Danmark``: a surname of a person the article names in full, where the
        model saw no name, is that person again."""
        full = [m.text.split() for m in self.mentions if m.label == "PER" and len(m.text.split()) > 1]
        surnames = {n[-1] for n in full if len(n[-1]) > 3}
        surnames |= {n[0] for n in full if (k := known_person(" ".join(n))) and k.country in _FAMILY_NAME_FIRST}
        surnames = {n for n in surnames if n[0].isupper() and not n.endswith(("'s", "’s"))}
        if not surnames:
            return
        for m in self.mentions:  # "Zelenskyj" read as a place by the model
            if m.label in ("LOC", "ORG", "MISC") and not m.country and (
                    m.text in surnames or _strip_genitive(m.text) in surnames):
                m.label = "PER"
        taken = [(m.start, m.end) for m in self.mentions]
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(surnames, key=len, reverse=True))
                             + r")(?:s|'s|’s|')?(?![\w-])")
        added = []
        for m in pattern.finditer(self.text, body):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                added.append(Mention(m.group(), m.start(), m.end(), "PER"))
        if added:
            self.mentions = sorted(self.mentions + added, key=lambda m: m.start)

    # -- people and their roles ------------------------------------------------
    def _collect_people(self) -> None:
        for m in self.mentions:
            if m.label != "PER":
                continue
            name = self.names[m.start] = self.full_name(m.text)
            person = self.people.setdefault(name, Person(name, m.start))
            person.mentions += 1
            for role in (self._role_before(m), self._role_after(m)):
                if role:
                    person.roles.append(role)

    def _learn(self, person: Person) -> None:
        """Country, sector and role of ``person``: from the article's own words first, then knowledge."""
        for phrase, start, end in person.roles:
            country = self.country_in(start, end)
            if country and not person.country:
                person.country, person.source = country, "text"
            if not person.role:
                person.role = phrase
                person.sector = role_sector(phrase.split()[-1])
        if not person.country:
            for m in self.mentions:
                if m.label == "PER" and self.names[m.start] == person.name:
                    letter = _PARTY_LETTER.match(self.text, m.end)
                    if letter and letter.group(1) in parties():
                        person.country, person.source = "DNK", "text"
                        person.sector = person.sector or "POL"
                        break
        known = known_person(person.name, self.year)
        if known:
            if not person.country:
                person.country, person.source = known.country, "knowledge"
            if known.country == person.country:
                person.sector = person.sector or known.sector
                person.role = person.role or known.role
        if not person.country and person.role and _HOME_ROLE.search(person.role.split()[-1]):
            person.country, person.source = self.home_country, "home"  # "forsvarsminister Hans Kjærgaard"

    @cached_property
    def home_country(self) -> str | None:
        """The state a bare ``regeringen`` or ``udenrigsminister X`` means: Denmark, in Danish news that
        mentions it or names no other state."""
        countries = [m.country for m in self.mentions if m.label == "GPE" and m.country]
        home = self.language == "da" and (
            "DNK" in countries or not countries or bool(re.search(r"\b(?:dansk|danske|Danmarks?)\b", self.text)))
        return "DNK" if home else None

    def country_in(self, start: int, end: int) -> str | None:
        """The state a phrase names: a genitive or name (``USA's``), or an adjective (``sydkoreanske``)."""
        for m in self.ents_in(start, end):
            if m.country and m.label in ("GPE", "IGO"):
                return m.country
        for word in _WORDS.findall(self.text[start:end]):
            code = adjective_country(word.split("-")[0])
            if code:
                return code
        return None

    def _role_before(self, m: Mention) -> tuple[str, int, int] | None:
        """A role word just before a name: ``politidirektør Anne Tønnes``, ``minister, Antony Blinken``."""
        before = self.text[max(0, m.start - 80):m.start]
        before = before[_start_of_last_words(before, 4):]  # a match spans at most four: search only those
        hit = _ROLE_BEFORE.search(before)
        if not hit:
            return None
        word = hit.group(2)
        wstart = m.start - len(before) + hit.start(2)
        if role_stem(word) and (word[:1].islower() or not any(x.start <= wstart < x.end for x in self.mentions)):
            start = m.start - len(before) + hit.start(1)
            lead = list(re.finditer(r"\S+", hit.group(1)))
            while lead and not _modifier(lead[0].group()):
                lead.pop(0)
            if lead:
                start = m.start - len(before) + hit.start(1) + lead[0].start()
            else:
                start = wstart
            phrase = self.text[start:m.start - len(before) + hit.end(2)]
            return phrase, start, m.start - len(before) + hit.end(2)
        return None

    def _role_after(self, m: Mention) -> tuple[str, int, int] | None:
        """A role after a name: ``Morten Vang som landstræner``, ``Jakob Christiansen, der er politikommissær``."""
        hit = _ROLE_AFTER.match(self.text[m.end:m.end + 80])
        if hit and hit.group(2).islower() and role_stem(hit.group(2)):
            return hit.group(1), m.end + hit.start(1), m.end + hit.end(1)
        return None

    def full_name(self, name: str) -> str:
        """The fullest PER name in the article sharing ``name``'s surname (``Blinken`` -> ``Antony Blinken``).

        A genitive ``s`` is dropped only when the article also has the name without it.
        """
        words = name.split()
        if not words:
            return name
        surnames = self.surnames
        last = words[-1]
        if last not in surnames or last.endswith(("'s", "’s")):
            stripped = _strip_genitive(last)
            if stripped in surnames or last.endswith(("'s", "’s")):
                last = stripped
        best = words[:-1] + [last]
        for m in self.mentions:
            mw = m.text.split()
            if m.label == "PER" and mw and mw[-1] == last and len(mw) > len(best) and set(words[:-1]) <= set(mw):
                best = mw
        if len(best) == len(words):  # "Løkke" -> "Lars Løkke Rasmussen": any longer name holding all its words
            for m in self.mentions:
                mw = m.text.split()
                if m.label == "PER" and len(mw) > len(best) and set(best) <= set(mw):
                    best = mw
        return " ".join(best)

    # -- resolving a phrase ----------------------------------------------------------
    def ents_in(self, start: int, end: int) -> list[Mention]:
        i = bisect_right(self.starts, start - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def first_person_after(self, at: int, window: int = 600) -> Person | None:
        for m in self.mentions:
            if m.label == "PER" and at <= m.start < at + window and not canonical_media(m.text):
                return self.people.get(self.names[m.start])
        return None

    def last_person_before(self, at: int, window: int = 1500, full_only: bool = False,
                           pronoun: str | None = None) -> Person | None:
        """The person named last before ``at`` (one that ``pronoun`` can stand for, when given); in that
        sentence a genitive (``Lars Mørchs beslutning``) gives way to a person named without one
        (``Ole Andersen respekterer ...``)."""
        found = [m for m in self.mentions if m.label == "PER" and at - window <= m.start < at
                 and (not full_only or len(self.names[m.start].split()) > 1)
                 and (pronoun is None or fits_pronoun(pronoun, self.names[m.start]))]
        if not found:
            return None
        best = found[-1]
        if self._genitive(best):
            s0 = self.sentence_start(best.start)
            plain = [m for m in found if m.start >= s0 and not self._genitive(m)]
            best = plain[-1] if plain else best
        return self.people.get(self.names[best.start])

    def _last_named_with_role(self, stem: str, after: int, at: int) -> Person | None:
        """The person named last in ``(after, at)`` whose role, said or known, ends in ``stem``."""
        for m in reversed(self.mentions):
            if m.label == "PER" and after < m.start < at:
                person = self.people.get(self.names[m.start])
                if person and person.role and person.role.lower().split()[-1].rstrip(",").endswith(stem):
                    return person
        return None

    def _genitive(self, m: Mention) -> bool:
        """``Lars Mørchs beslutning``: a name in the genitive, before the noun it owns."""
        if not m.text.endswith(("s", "'s", "’s")):
            return False
        if self.names.get(m.start, m.text) != m.text:
            return True
        nxt = _NEXT_LOWER_WORD.match(self.text[m.end:m.end + 30])
        return bool(nxt) and nxt.group(1) not in _NOT_OWNED

    def sentence_start(self, pos: int) -> int:
        i = bisect_right(self.sentences, (pos, len(self.text) + 1)) - 1
        return self.sentences[i][0] if i >= 0 else 0

    def last_description_before(self, at: int, window: int = 1500) -> dict[str, Any] | None:
        """An unnamed person the text describes (``En 23-årig mand``, ``Manden``, ``den tiltalte``),
        the antecedent of ``han``/``hun`` when no one is named before."""
        found = None
        for m in _DESCRIPTION.finditer(self.text, max(0, at - window), at):
            found = m
        if not found:
            return None
        return {"name": found.group().strip(), "mention": found.group().strip(), "start": found.start(),
                "end": found.end(), "type": "PER", "country": None, "via": "description"}

    def by_role(self, stem: str, at: int, last: dict[str, Any] | None = None, strict: bool = False) -> Person | None:
        """The person most recently introduced with a role ending in ``stem`` before ``at`` (else after);
        unless ``strict``, else the last speaker or the person the article is most about."""
        stem = stem.lower()
        before, after = None, None
        for person in self.people.values():
            for phrase, start, _ in person.roles:
                if phrase.lower().split()[-1].rstrip(",").endswith(stem):
                    if start < at and (before is None or start > before[0]):
                        before = (start, person)
                    elif start >= at and after is None:
                        after = (start, person)
        found = (before or after or (None, None))[1]
        if before is not None:  # a person with that role (said here or known) who is named later still
            recent = self._last_named_with_role(stem, before[0], at)
            found = recent or found
        if strict:
            return found
        if found is None and last and last.get("type") == "PER" and at - last.get("at", at) < 1500:
            found = self.people.get(str(last.get("name")))  # "..., siger Vang. - ..., siger landstræneren."
        if found is None:  # no one introduced with that role: the person the article is most about so far
            known = [p for p in self.people.values() if p.first < at]
            found = max(known, key=lambda p: p.mentions) if known else None
        return found

    def resolve(self, start: int, end: int, last_speaker: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """A speaker dict for the phrase ``text[start:end]``, or ``None``."""
        named = any(m.label == "PER" for m in self.ents_in(start, end))
        cut = _FINITE.search(self.text, start, end)  # "Den britiske premierminister har ...": the NP ends at the verb
        if cut and not named:
            end = cut.start()
        if not named:  # "Den srilankanske forsvarsminister betegner ...", "landets premierminister ellers"
            end = start + _np_end(self.text[start:end])
        phrase = self.text[start:end].strip(" ,.:;")
        if not phrase or not named and (phrase.split()[0].lower() in _NOT_SUBJECT_START
                                         or phrase.lower() in NP_STOP_WORDS or phrase.lower() in _NP_TRAILING
                                         or any(ch.isdigit() for ch in phrase)):
            return None
        ents = [m for m in self.ents_in(start, end) if not canonical_media(m.text)]
        people = [m for m in ents if m.label == "PER"]
        if people:
            m = people[-1]
            name = self.names[m.start]
            person = self.people.get(name)
            return self._speaker(name, m, "PER", person.country if person else None)
        low = phrase.lower()
        if low in PRONOUNS:
            return self._pronoun(low, start, last_speaker)
        tail = _TRAILING_NAME.search(phrase)
        if (tail and len(phrase.split()) > 2 and not any(m.start <= start + tail.start() < m.end for m in ents)
                and not canonical_media(tail.group(1)) and any(role_stem(w) for w in phrase[:tail.start()].split())):
            # "geolog ved GEUS Karen Dahl": a name after a role that the model missed
            name = tail.group(1)
            return {"name": self.full_name(name), "mention": name, "start": start + tail.start(1),
                    "end": start + tail.end(1), "type": "PER", "country": None, "via": "title"}
        words = low.split()
        stem = role_stem(words[-1])
        if stem and words[0] not in ("en", "et"):
            near = self.first_person_after(end, window=100)
            if near is not None and not re.search(r"[.!?:]\s", self.text[end:self.text.find(near.name.split()[-1], end)]):
                # "geolog ved GEUS Karen Dahl": the role's own name follows its affiliation
                return {"name": near.name, "mention": phrase, "start": start, "end": end, "type": "PER",
                        "country": near.country, "via": "role"}
            qualified = "landets" in words or self.country_in(start, end) is not None  # "den srilankanske minister":
            person = self.by_role(stem, start, last_speaker, strict=qualified)         # only one known in that role
            if person:
                return {"name": person.name, "mention": phrase, "start": start, "end": end, "type": "PER",
                        "country": person.country, "via": "role"}
        orgs = [m for m in ents if m.label != "PER"]
        if orgs:
            m = orgs[-1]
            return self._speaker(self.org_name(m.text), m, "ORG", m.country)
        return {"name": self.org_name(phrase), "mention": phrase, "start": start, "end": end,
                "type": "NP", "country": None}

    def org_name(self, phrase: str) -> str:
        """``politiet`` -> ``Københavns Politi`` when the article names one, else as it stands."""
        low = phrase.lower()
        stem = low[:-2] if low.endswith("et") else low[:-1] if low.endswith("en") else None
        if stem and len(phrase.split()) == 1:
            for m in self.mentions:
                if m.label != "PER" and m.text.lower().split()[-1] in (stem, stem + "et"):
                    return m.text
        return phrase

    def _pronoun(self, low: str, at: int, last: dict[str, Any] | None) -> dict[str, Any] | None:
        kind = PRONOUNS[low]
        if kind == "PER":
            recent = last if last and last.get("type") == "PER" and at - last.get("at", at) < 1200 else None
            if recent and fits_pronoun(low, str(recent.get("name", ""))):
                return {**recent, "mention": low, "via": "pronoun"}
            person = self.last_person_before(at, pronoun=low)  # "hun" after a man spoke: the woman named last
            if person is None and recent:
                return {**recent, "mention": low, "via": "pronoun"}
            person = person or self.last_person_before(at)
            if person and len(person.name.split()) == 1:  # "Oscar" (a prize read as a name) is no one's full name
                person = self.last_person_before(at, full_only=True) or person
            if person:
                return {"name": person.name, "mention": low, "start": at, "end": at + len(low), "type": "PER",
                        "country": person.country, "via": "pronoun"}
            return self.last_description_before(at)
        if last and at - last.get("at", at) < 1200:
            return {**last, "mention": low, "via": "pronoun"}
        return None

    @staticmethod
    def _speaker(name: str, m: Mention, kind: str, country: str | None) -> dict[str, Any]:
        return {"name": name, "mention": m.text, "start": m.start, "end": m.end, "type": kind, "country": country}


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per doc (spaCy joins it again on every access)."""
    text = doc.user_data.get("kilde_text")
    if text is None:
        text = doc.user_data["kilde_text"] = doc.text
    return text


def _sentence_flags(doc: Doc) -> list[int] | None:
    """The sentence-start flags of ``doc`` (one array read), or None when nothing set them."""
    from spacy.attrs import SENT_START

    if not len(doc):
        return None
    flags = doc.to_array(SENT_START).tolist()
    return flags if len(flags) == 1 or any(flags[1:]) else None


def has_sentences(doc: Doc) -> bool:
    """Whether something set sentence starts on ``doc`` (``doc.has_annotation("SENT_START")``)."""
    return _sentence_flags(doc) is not None


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of every sentence, read from the sentence-start flags in one pass."""
    flags = _sentence_flags(doc)
    if flags is None:
        return [(0, len(doc_text(doc)))] if len(doc) else []
    starts = [i for i, f in enumerate(flags) if f == 1 or i == 0]
    spans = []
    for a, b in zip(starts, starts[1:] + [len(doc)]):
        last = doc[b - 1]
        spans.append((doc[a].idx, last.idx + len(last.text)))
    return spans


_LAST: list[Any] = [None, None]  # (doc, resolver): the components of one pipeline pass share it


def resolver_for(doc: Doc) -> Resolver:
    """The article's resolver, built once per doc and shared by the quotes, actors and events components."""
    if _LAST[0] is not doc:
        _LAST[0], _LAST[1] = doc, Resolver(doc)
    return _LAST[1]
