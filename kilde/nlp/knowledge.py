"""What Kilde knows before it reads an article: the data files in ``lang/``, loaded once.

- ``people_da.tsv``: well-known political actors (country, sector, role, since);
- ``actor_nouns_da.tsv``: nouns that name an actor when a state is attached, by sector;
- ``parties_da.tsv``: Danish parties and their letters (``(S)``, ``(V)``);
- ``adjectives_da.tsv`` (through ``kilde.nlp.gazetteer.adjectives``): ``russiske`` -> RUS.

The actors component prefers what an article itself says over this knowledge.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kilde.nlp.gazetteer import read_tsv, adjectives, names, stem_table

IGO_NAMES = {"NATO": "NATO", "EU": "EU", "UN": "FN", "WHO": "WHO", "IMF": "IMF", "WB": "Verdensbanken",
             "WTO": "WTO", "OSCE": "OSCE", "AU": "Den Afrikanske Union", "ICC": "ICC", "ICJ": "ICJ",
             "IAEA": "IAEA", "OPEC": "OPEC", "ECB": "ECB"}


@dataclass(frozen=True)
class Known:
    """One entry of the people list."""

    name: str
    country: str
    sector: str
    role: str
    since: int = 0


@lru_cache(maxsize=1)
def people() -> dict[str, list[Known]]:
    """Known people by full name and by surname (entries sorted by ``since``)."""
    out: dict[str, list[Known]] = {}
    for row in read_tsv("people_da.tsv"):
        name, country, sector, role = row[:4]
        name = fold(name)
        known = Known(name, country, sector, role, int(row[4]) if len(row) > 4 and row[4] else 0)
        out.setdefault(name, []).append(known)
    for entries in out.values():
        entries.sort(key=lambda k: k.since)
    return out


@lru_cache(maxsize=1)
def surnames() -> dict[str, list[str]]:
    """``{"Putin": ["Vladimir Putin"]}``: surnames of known people (ambiguous ones keep all)."""
    out: dict[str, list[str]] = {}
    for name in people():
        out.setdefault(name.split()[-1], []).append(name)
    return out


def fold(text: str) -> str:
    """``Orbán`` -> ``Orban``: names compared without accents (æ, ø and å kept)."""
    import unicodedata

    keep = {"æ", "ø", "å", "Æ", "Ø", "Å"}
    return "".join(ch if ch in keep else unicodedata.normalize("NFKD", ch)[0] for ch in text)


def known_person(name: str, year: int | None = None) -> Known | None:
    """The entry for ``name`` (a full name, or a surname that only one known person has) in ``year``."""
    name = fold(name)
    entries = people().get(name)
    if entries is None:
        words = name.split()
        if len(words) == 1 and len(surnames().get(words[0], [])) == 1:
            entries = people()[surnames()[words[0]][0]]
        elif len(words) > 1:
            # "Recep Erdogan" and "Erdogan": the same surname and at least one shared first name
            full = [n for n in surnames().get(words[-1], []) if set(words[:-1]) & set(n.split()[:-1])]
            entries = people()[full[0]] if len(full) == 1 else None
    if not entries:
        return None
    if year is None:
        return entries[-1]
    fitting = [k for k in entries if k.since <= year]
    return fitting[-1] if fitting else entries[0]


@lru_cache(maxsize=1)
def actor_nouns() -> dict[str, str]:
    """``{"regering": "GOV", "styrker": "MIL", ...}``: noun stems by sector."""
    return stem_table("actor_nouns_da.tsv")


@lru_cache(maxsize=200_000)
def noun_sector(word: str) -> str | None:
    """The sector of an actor noun in any inflection (``regeringen`` -> GOV), else None."""
    w = word.lower()
    nouns = actor_nouns()
    for cut in (0, 1, 2, 3, 4):
        stem = w[: len(w) - cut] if cut else w
        if stem in nouns and (cut == 0 or w[len(stem):] in ("en", "n", "et", "t", "e", "er", "erne", "ne", "ene", "s", "ens", "ets", "ers")):
            return nouns[stem]
    return None


@lru_cache(maxsize=1)
def parties() -> dict[str, str]:
    """Party letters and names -> canonical party name."""
    out = {}
    for letter, spelled in read_tsv("parties_da.tsv"):
        variants = spelled.split("|")
        out[letter] = variants[0]
        for v in variants:
            out[v] = variants[0]
    return out


_ROLE_SECTORS = (
    ("forsvarsminister", "MIL"), ("forsvarschef", "MIL"), ("general", "MIL"), ("admiral", "MIL"),
    ("kommandør", "MIL"), ("officer", "MIL"), ("minister", "GOV"), ("præsident", "GOV"), ("kansler", "GOV"),
    ("ambassadør", "GOV"), ("diplomat", "GOV"), ("konge", "GOV"), ("dronning", "GOV"), ("prins", "GOV"),
    ("leder", "GOV"), ("talsmand", "GOV"), ("talskvinde", "GOV"), ("talsperson", "GOV"), ("embedsmand", "GOV"),
    ("generalsekretær", "IGO"), ("kommissær", "IGO"), ("ordfører", "POL"), ("politiker", "POL"),
    ("folketingsmedlem", "LEG"), ("parlamentsmedlem", "LEG"), ("senator", "LEG"), ("borgmester", "GOV"),
    ("dommer", "JUD"), ("anklager", "JUD"), ("advokat", "JUD"), ("direktør", "BUS"), ("chef", "BUS"),
    ("formand", "POL"), ("forsker", "CVL"), ("professor", "CVL"), ("ekspert", "CVL"), ("analytiker", "CVL"),
    ("redaktør", "MED"), ("journalist", "MED"), ("korrespondent", "MED"),
)


def role_sector(word: str) -> str | None:
    """The sector a role word suggests (``udenrigsminister`` -> GOV, ``general`` -> MIL)."""
    w = word.lower().rstrip(",")
    for stem, sector in _ROLE_SECTORS:
        if stem in w:
            return sector
    return None


def adjective_country(word: str) -> str | None:
    """``russiske`` -> RUS; ``sydkoreanske`` -> KOR; else None."""
    return adjectives().get(word.lower())


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """``{"russere": "RUS", "russerne": "RUS", ...}``."""
    return stem_table("demonyms_da.tsv", ("", "ne", "s"))


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """A Danish display name for a country or IGO code (``RUS`` -> ``Rusland``)."""
    if code in IGO_NAMES:
        return IGO_NAMES[code]
    import pycountry
    from babel import Locale

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return Locale("da").territories.get(country.alpha_2, country.name)


@lru_cache(maxsize=1)
def _gazetteer_codes() -> dict[str, tuple[str, str]]:
    return {name: (label, code) for name, label, code in names() if label in ("GPE", "IGO")}


def compound_country(word: str) -> tuple[str, str] | None:
    """``EU-landene`` -> (IGO, EU); ``Nato-medlemskab`` -> (IGO, NATO); ``Ukraine-fonden`` -> (GPE, UKR)."""
    head, sep, tail = word.partition("-")
    if not sep or not head:
        return None
    tail = tail.lower()
    if not (tail.startswith(("land", "medlem", "leder", "mission", "ambassad")) or noun_sector(tail)):
        return None  # "Tyrkiet-korrespondent" is a journalist, not Turkey
    return _gazetteer_codes().get(head) or _gazetteer_codes().get(head.upper())


@lru_cache(maxsize=1)
def _state_names_lower() -> dict[str, str]:
    """One-word state and IGO names, lower-cased, by code (``ukraine`` -> UKR, ``nato`` -> NATO)."""
    return {name.lower(): code for name, (_, code) in _gazetteer_codes().items() if " " not in name and len(name) > 1}


@lru_cache(maxsize=50_000)
def compound_state(word: str) -> str | None:
    """The state a compound's first part names: ``Ukrainefonden`` -> UKR, ``NATO-samarbejdet`` -> NATO,
    ``Ruslandssanktioner`` -> RUS; the rest must be a word of its own (four letters or more)."""
    low = word.lower()
    head, sep, _ = low.partition("-")
    names = _state_names_lower()
    if sep:
        return names.get(head)
    for cut in range(len(low) - 4, 2, -1):
        code = names.get(low[:cut]) or (names.get(low[:cut - 1]) if low[cut - 1] == "s" else None)
        if code:
            return code
    return None


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """``{first name: "f" or "m"}`` (``lang/first_names_da.tsv``), lower-cased."""
    return {name.lower(): gender for gender, *names in read_tsv("first_names_da.tsv") for name in names}


def fits_pronoun(pronoun: str, name: str) -> bool:
    """Whether ``han`` or ``hun`` can stand for the person ``name``: not ``hun`` for a man's first name,
    nor ``han`` for a woman's; a name not listed may be anyone's."""
    gender = first_name_genders().get(name.split()[0].lower()) if name.strip() else None
    return not (pronoun == "hun" and gender == "m" or pronoun == "han" and gender == "f")
