"""Relays: the agencies and outlets an article names as the channel of a quote.

``siger han ifølge nyhedsbureauet AFP`` -> ``["AFP"]``; ``siger hun til DR`` -> ``["DR"]``.
Names come from ``lang/media_da.tsv`` (canonical name and variants); an unknown name
after a media word (``avisen X``, ``nyhedsbureauet X``) is taken as it stands.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kilde.nlp.lang.da import MEDIA_PREFIXES

_INTRO = r"(?:ifølge|til|over for|overfor|i et interview med|i et interview til|i en samtale med|skriver|oplyser|" \
         r"melder|rapporterer|erfarer|bringer|citerer|citeret af|i|på|hos|med)"
_AMONG = re.compile(r"\b(?:ifølge|skriver|oplyser)\s+(?:flere|en række|en del|adskillige|bl\.a\.)?\s*"
                    r"(?:internationale\s+|udenlandske\s+|britiske\s+|amerikanske\s+)?medier,?\s+"
                    r"(?:blandt andet|bl\.a\.|herunder|heriblandt|som)\s+(.{1,60})", re.I)
_DOMAIN = re.compile(r"\b(?:til|ifølge|over for|overfor)\s+((?:[\w-]+\.)+(?:dk|com|no|se|de|fr|org|net|uk))\b", re.I)


@lru_cache(maxsize=1)
def media_names() -> dict[str, str]:
    """``{variant (lowercase): canonical}`` from the shipped TSV."""
    out = {}
    text = resources.files("kilde.nlp.lang").joinpath("media_da.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, variants = line.partition("\t")
        for v in variants.split("|") + [canonical]:
            out[v.strip().lower()] = canonical
    return out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(media_names(), key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in names)
    prefixes = "|".join(re.escape(p) for p in sorted(MEDIA_PREFIXES, key=len, reverse=True))
    # A known name, optionally after a media word; any capitalised name after a media word; or a known
    # outlet that saw the document a statement comes from ("rapporten, som Ekstra Bladet har haft adgang
    # til", "et notat, som DR har fået aktindsigt i", "mails, som Politiken har set").
    return re.compile(
        rf"\b{_INTRO}\s+(?:(?:{prefixes})\s+)?(?P<known>{alts})(?![\w-])(?:'s|s)?"
        rf"|\b(?:{prefixes})\s+(?P<unknown>(?-i:[A-ZÆØÅ][\w.&-]*)(?:\s+(?-i:[A-ZÆØÅ])[\w.&-]*){{0,3}})"
        rf"|\b(?:som|der)\s+(?P<seen>{alts})(?![\w-])\s+(?:har|havde|har\s+tidligere)\s+(?:set|læst|gennemgået|"
        rf"haft\s+adgang\s+til|fået\s+(?:adgang\s+til|indsigt\s+i|aktindsigt\s+i|fat\s+i))\b",
        re.IGNORECASE,
    )


def canonical_media(name: str) -> str | None:
    """The canonical name of a known outlet, or ``None``."""
    return media_names().get(name.strip().lower())


def _case_ok(found: str, canonical: str) -> bool:
    """Short all-caps names (AP, DR, BT) must be written in capitals to count."""
    return not (canonical.isupper() and len(found) <= 4 and found != found.upper())


def find_relays(clause: str) -> list[str]:
    """Canonical relay names in an attribution clause, in order, without repeats."""
    found: list[str] = []
    for m in _pattern().finditer(clause):
        known = m.group("known") or m.group("seen")
        if known:
            name = canonical_media(known)
            if name and _case_ok(known, name):
                found.append(name)
        elif m.group("unknown"):
            word = m.group("unknown").strip(" .,")
            found.append(canonical_media(word) or word)
    for m in _AMONG.finditer(clause):  # "ifølge udenlandske medier, herunder Reuters"
        found += find_relays("ifølge " + m.group(1))
    for m in _DOMAIN.finditer(clause):
        found.append(m.group(1))
    return list(dict.fromkeys(found))
