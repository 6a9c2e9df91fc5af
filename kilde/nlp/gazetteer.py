"""``kilde_gazetteer``: states, capitals, metonyms, international organisations and media.

Country names come from CLDR's Danish territory names (``babel``) mapped to ISO 3166
alpha-3 (``pycountry``); what no library has (other names, capitals, metonyms,
IGOs) is data in ``lang/gazetteer_da.tsv``; media in ``lang/media_da.tsv``. Each
name, and its genitive, becomes an entity-ruler pattern whose id is
``LABEL|CODE``, so ``kilde_gazetteer`` overrides the statistical NER where it knows
better (``Nordkorea`` is a state, not a person). Adjectives live in
``lang/adjectives_da.tsv`` and are looked up by the actors component.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from kilde.nlp.relays import media_names

_LABEL_TO_ENT = {"GPE": "LOC", "IGO": "ORG", "ORG": "ORG", "MEDIA": "ORG", "PER": "PER"}


def read_tsv(name: str) -> list[list[str]]:
    text = resources.files("kilde.nlp.lang").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def genitive(name: str) -> list[str]:
    """``Rusland`` -> ``Ruslands``; ``USA`` -> ``USA's``, ``USA’s``; ``Paris`` -> ``Paris'``."""
    if name[-1] in "sxzSXZ":
        return [name + "'", name + "’"]
    if name.isupper() or name[-1].isdigit():
        return [name + "'s", name + "’s", name + "s"]
    return [name + "s"]


@lru_cache(maxsize=1)
def names() -> list[tuple[str, str, str]]:
    """``(name, label, code)`` for every known name, genitives included."""
    import pycountry
    from babel import Locale

    out: list[tuple[str, str, str]] = []
    for alpha2, name in Locale("da").territories.items():
        country = pycountry.countries.get(alpha_2=alpha2) if len(alpha2) == 2 and alpha2.isalpha() else None
        if country is not None:
            out.append((name, "GPE", country.alpha_3))
    for label, code, variants in read_tsv("gazetteer_da.tsv"):
        out += [(v, label, code) for v in variants.split("|")]
    out += [(canonical, "MEDIA", canonical) for canonical in sorted(set(media_names().values()))]
    for row in read_tsv("people_da.tsv"):  # well-known people, full names only ("Frederik Birk" is not the king)
        if " " in row[0]:
            out.append((row[0], "PER", row[1]))
    full = []
    for name, label, code in out:
        full.append((name, label, code))
        full += [(g, label, code) for g in genitive(name)]
    return full


def stem_table(name: str, endings: tuple[str, ...] = ("",)) -> dict[str, str]:
    """A ``value<TAB>stem|stem...`` file as ``{stem + ending: value}`` for every ending."""
    out = {}
    for value, stems in read_tsv(name):
        for stem in stems.split("|"):
            for ending in endings:
                out[stem + ending] = value
    return out


@lru_cache(maxsize=1)
def adjectives() -> dict[str, str]:
    """``{"russisk": "RUS", "russiske": "RUS", ...}``."""
    return stem_table("adjectives_da.tsv", ("", "e"))


class GazetteerRuler(EntityRuler):
    """The entity ruler, which also drops the model's mentions that hold no word (a lone ``>``)."""

    def __call__(self, doc: Doc) -> Doc:
        doc = super().__call__(doc)
        if any(not any(ch.isalnum() for ch in e.text) for e in doc.ents):
            doc.ents = [e for e in doc.ents if any(ch.isalnum() for ch in e.text)]
        return doc


@Language.factory("kilde_gazetteer", requires=["doc.ents"], assigns=["doc.ents"])
def make_gazetteer(nlp: Language, name: str) -> EntityRuler:
    """An entity ruler over the model's entities (it overwrites them where it matches)."""
    ruler = GazetteerRuler(nlp, name=name, phrase_matcher_attr="ORTH", overwrite_ents=True)
    patterns = [{"label": _LABEL_TO_ENT[label], "pattern": text, "id": f"{label}|{code}"}
                for text, label, code in names()]
    ruler.add_patterns(patterns)
    return ruler
