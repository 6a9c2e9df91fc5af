"""``kilde_actors``: people, organisations and states, with country, sector and role.

Every actor mention in the article (names from ``doc.ents``, state nouns such as
``den russiske regering`` or ``amerikanske styrker``, and bare Danish government
nouns such as ``regeringen``) is resolved to an actor through the shared in-article
resolver. ``doc._.actor_mentions`` holds the mentions in text order (the events
component reads them); ``doc._.actors`` one record per actor with its mentions and
the role facts the article gave (``USA's udenrigsminister``), each with offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kilde.nlp.coref import Resolver, doc_text, resolver_for, role_stem
from kilde.nlp.knowledge import adjective_country, compound_country, country_name, demonyms, noun_sector, parties

_WORD = re.compile(r"[\wæøåÆØÅé'’-]+")
# Government nouns that, bare and definite, mean the article's own (Danish) state.
_HOME_NOUNS = frozenset({"regeringen", "statsministeren", "udenrigsministeren", "forsvarsministeren",
                         "justitsministeren", "folketinget", "regeringens", "statsministerens",
                         "udenrigsministerens", "forsvarsministerens", "folketingets"})
_SECTOR_BY_LABEL = {"GPE": "GOV", "IGO": "IGO", "MEDIA": "MED"}


@dataclass
class ActorMention:
    """One mention of an actor: offsets, the actor's key and what is known of it."""

    start: int
    end: int
    text: str
    name: str
    kind: str  # PER, ORG, GPE, IGO, MEDIA, NOM (noun phrase)
    country: str | None
    sector: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _name_mentions(resolver: Resolver) -> list[ActorMention]:
    out = []
    letters = parties()
    for m in resolver.mentions:
        if m.label == "PER":
            name = resolver.names[m.start]
            person = resolver.people.get(name)
            out.append(ActorMention(m.start, m.end, m.text, name, "PER",
                                    person.country if person else None, person.sector if person else None))
        elif m.country:
            name = m.text if m.label in ("ORG", "MEDIA") else country_name(m.country)
            sector = _SECTOR_BY_LABEL.get(m.label, "REB" if m.label == "ORG" else None)
            if m.label == "ORG" and m.text in letters:
                sector = "POL"
            out.append(ActorMention(m.start, m.end, m.text, name, m.label, m.country, sector))
        elif compound_country(m.text):  # "EU-landene", "Nato-lande"
            label, code = compound_country(m.text)  # type: ignore[misc]
            out.append(ActorMention(m.start, m.end, m.text, country_name(code), label, code,
                                    _SECTOR_BY_LABEL.get(label)))
        elif m.label == "ORG" and m.text not in ("S", "V", "K", "M"):
            party = letters.get(m.text)
            country = "DNK" if party else _adjective_before(resolver.text, m.start)
            out.append(ActorMention(m.start, m.end, m.text, party or m.text, "ORG", country,
                                    "POL" if party else None))
    return out


def _adjective_before(text: str, at: int) -> str | None:
    words = _WORD.findall(text[max(0, at - 30):at])
    for word in words[-2:]:
        code = adjective_country(word)
        if code:
            return code
    return None


@lru_cache(maxsize=100_000)
def _word_kind(word: str) -> tuple[str, str, str] | None:
    """What a word can be as an actor, looked up once per distinct word: ``("compound", label, code)``
    (``EU-landene``), ``("people", "", code)`` (``russerne``), ``("sector", sector, "")`` (``regeringen``)."""
    compound = compound_country(word) if "-" in word else None
    if compound:
        return ("compound", compound[0], compound[1])
    people = demonyms().get(word.lower())
    if people:
        return ("people", "", people)
    sector = noun_sector(word)
    return ("sector", sector, "") if sector else None


def _noun_mentions(doc: Doc, resolver: Resolver, taken: list[tuple[int, int]]) -> list[ActorMention]:
    """``den russiske regering``, ``amerikanske styrker``, ``Nordkoreas leder`` (resolved to a person
    when the article names one with that role) and bare ``regeringen``."""
    text = doc_text(doc)
    out: list[ActorMention] = []
    home = None
    words = list(_WORD.finditer(text))
    starts, ends = [s for s, _ in taken], [e for _, e in taken]  # names in text order, not nested
    for i, w in enumerate(words):
        word = w.group()
        kind = _word_kind(word)
        if kind is None:
            continue
        k = bisect_right(starts, w.start()) - 1  # the last name starting at or before this word
        if k >= 0 and w.start() < ends[k]:
            continue
        if kind[0] == "compound":
            label, code = kind[1], kind[2]
            out.append(ActorMention(w.start(), w.end(), word, country_name(code), label, code, _SECTOR_BY_LABEL.get(label)))
            continue
        if kind[0] == "people":
            out.append(ActorMention(w.start(), w.end(), word, country_name(kind[2]), "NOM", kind[2], "CVL"))
            continue
        sector = kind[1]
        country = None
        start = w.start()
        for j in (i - 1, i - 2):  # "den russiske regering", "russiske væbnede styrker"
            if j >= 0 and words[j].end() >= w.start() - 40:
                country = adjective_country(words[j].group())
                if country:
                    start = words[j].start()
                    break
        if country is None and word.lower() in _HOME_NOUNS and (i == 0 or words[i - 1].group().lower() not in ("hans", "hendes", "deres", "landets", "sin", "sit", "sine")):
            if home is None:
                home = resolver.home_country or ""
            country = home or None
        if country is None:
            continue
        name = country_name(country)
        stem = role_stem(word)
        definite = word[-2:] in ("en", "et") or start < w.start()  # "ministeren", "den russiske leder"
        person = resolver.by_role(stem, w.start()) if stem and definite else None
        kind = "NOM"
        if person is not None and person.country == country:
            name, kind = person.name, "PER"
        out.append(ActorMention(start, w.end(), text[start:w.end()], name, kind, country, sector))
    return out


def actor_mentions(doc: Doc) -> list[ActorMention]:
    """All actor mentions of ``doc`` in text order."""
    resolver = resolver_for(doc)
    named = _name_mentions(resolver)
    taken = [(m.start, m.end) for m in resolver.mentions]
    mentions = named + _noun_mentions(doc, resolver, taken)
    mentions.sort(key=lambda m: m.start)
    return mentions


def actor_records(doc: Doc, mentions: list[ActorMention]) -> list[dict[str, Any]]:
    """One record per actor: name, country, sector, role, type, mentions and the role facts learned."""
    resolver = resolver_for(doc)
    actors: dict[str, dict[str, Any]] = {}
    for m in mentions:
        if m.kind == "MEDIA":
            continue
        actor = actors.setdefault(m.name, {
            "name": m.name, "type": "PER" if m.kind == "PER" else "ORG" if m.kind in ("ORG",) else
            "IGO" if m.kind == "IGO" else "GPE" if m.kind in ("GPE", "NOM") else m.kind,
            "country": m.country, "sector": m.sector, "role": None, "source": None, "mentions": [], "facts": []})
        actor["mentions"].append({"text": m.text, "start": m.start, "end": m.end})
        actor["country"] = actor["country"] or m.country
        actor["sector"] = actor["sector"] or m.sector
    for name, actor in actors.items():
        person = resolver.people.get(name)
        if person is None:
            continue
        actor["role"] = person.role
        actor["source"] = person.source
        actor["facts"] = [{"role": phrase, "start": s, "end": e} for phrase, s, e in person.roles]
    return list(actors.values())


@Language.factory("kilde_actors", requires=["doc.ents"], assigns=["doc._.actors", "doc._.actor_mentions"])
def make_actors(nlp: Language, name: str) -> ActorComponent:
    return ActorComponent()


class ActorComponent:
    """Sets ``doc._.actor_mentions`` (mention dicts in text order) and ``doc._.actors``."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = actor_mentions(doc)
        doc._.actor_mentions = [m.as_dict() for m in mentions]
        doc._.actors = actor_records(doc, mentions)
        return doc
