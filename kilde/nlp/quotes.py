"""``kilde_quotes``: direct and indirect speech, its speaker, cue verb and relays.

Shape: find candidates (dash paragraphs, quote marks, speech-verb clauses, back
pointers such as ``Det siger X``), decide (titles and scare quotes out, partial
quotes inside indirect speech merged), then resolve speakers in document order
so that unattributed dash paragraphs inherit the speaker before them. Each quote
records the rule that produced it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kilde.nlp.coref import doc_text, has_sentences, resolver_for
from kilde.nlp.lang.da import BACK_POINTERS, CUE_VERBS, MEDIA_PREFIXES, NP_STOP_WORDS, PRONOUNS, SPEECH_VERBS
from kilde.nlp.relays import canonical_media, find_relays
from kilde.read.header import is_heading, paragraphs as split_paragraphs

_CUES = "|".join(sorted(CUE_VERBS, key=len, reverse=True))
_SPEECH = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# ", siger Blinken" / "«, siger han" / ",« siger han" / '," skriver politiet'
_ATTRIB_AFTER = re.compile(rf"^\s*[,.!?…]?\s*[«»”“\"'’]?\s*[,]?\s*(?:(?:og|men)\s+)?(?P<cue>{_SPEECH})\b\s+(?P<rest>[^\n]*)", re.I)
_DASH_ATTRIB = re.compile(rf"(?:,|\?|!|\.\.\.|…)\s+(?:(?:og|men)\s+)?(?P<cue>{_SPEECH})\s+(?=\S)", re.I)
_DASH_START = re.compile(r"^[-–—]\s*(?=\S)")
_INLINE_DASH = re.compile(r"(?<=[.!?:])\s+[-–—]\s+(?=[A-ZÆØÅ»\"“”])")
_PAIRS = [("»", "«"), ("“", "”"), ("”", "”"), ("„", "“"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»")]
_TITLE_CUES = re.compile(
    r"(?:filmen|film|bogen|bog|romanen|serien|programmet|sangen|albummet|digtsamlingen|værket|kampagnen|"
    r"operationen|operation|såkaldte|såkaldt|kaldet|navnet|titlen|avisen|udstillingen|forestillingen|"
    r"podcasten|dokumentaren|projektet|begrebet|ordet|udtrykket|mærket|hashtagget|festivalen|prisen|kategorien)\s*$",
    re.I,
)
_WORDS = re.compile(r"\w[\w'’.-]*")
_SENT_END = re.compile(r"[.!?…]+[«»”“\"'’)]*(?=\s+[A-ZÆØÅ\-–»\"“”]|\s*$)")
_AT_BLOCKERS = {"for", "til", "ved", "om", "uden", "efter", "før", "med", "i", "på", "af", "end", "ud", "fra", "mod"}
_CLAUSE_STARTERS = {"han", "hun", "de", "den", "det", "der", "vi", "jeg", "man", "du", "i", "en", "et", "alle", "flere",
                    "mange", "ingen", "nogle", "hans", "hendes", "deres", "dets", "dens", "landet", "regeringen",
                    "politiet", "selskabet", "partiet", "hverken", "både", "næsten", "mindst", "over", "kun",
                    "situationen", "manden", "kvinden", "sagen", "ikke", "så", "hvis", "når", "disse", "dette"}
# First words after which Danish word order puts the subject after the verb (V2):
# prepositions, time words, adverbs and subordinating conjunctions.
_FRONTED = frozenset("""
i på over under efter før ifølge med til fra ved om som da når mens hvis selv men samtidig derfor desuden
også nu senere tidligere kort sidste allerede dermed alligevel endelig først siden herefter derefter
her der dog så tirsdag onsdag torsdag fredag lørdag søndag mandag igen ligeledes blandt i går
overfor udover foruden gennem uden imens inden trods netop derimod imidlertid ikke
senest endvidere derudover ellers måske formentlig heller
""".split())
_SOLO = {"han", "hun", "de", "jeg", "vi", "man", "du", "det", "den"}
_BARE_MEDIA = re.compile(r"\b(?:til|ifølge|over for|overfor)\s+(?:avisen|nyhedsbureauet|bureauet|mediet|tv-stationen|"
                         r"netavisen|dagbladet|radioen|kanalen|tv-kanalen)(?![\w-])(?!\s+(?-i:[A-ZÆØÅ])|\s+[\"»“])", re.I)
_SUBORDINATE_INTRO = re.compile(
    rf"(?:,|^)\s*(?:inden|da|før|hvorefter|mens|hvor|efter at|og så)\s+(?P<subj>[^,.:]{{1,40}}?)\s+"
    rf"(?P<cue>{_CUES})(?:\s+(?:han|hun|de))?\s*:\s*$", re.I)
_SUBORDINATE = re.compile(r",\s+(?:hvor|da|når|fordi|mens|idet|efter at)\s+")
_RELATIVE_SUBJECT = re.compile(r",\s+(?:der|som)\s+(?=\S)")
_NP_BOUNDARY = NP_STOP_WORDS | {"er", "har", "blev", "var", "frem", "kommet", "bliver", "havde"}
_TAIL = re.compile(rf",\s+(?:og\s+)?(?P<cue>(?-i:{_SPEECH}|mener|mente|vurderer|vurderede))\s+"
                   rf"(?P<np>(?:han|hun|de|det|den|[A-ZÆØÅ]|[a-zæøå]+(?:en|et|erne|ne)\b)[^,]{{0,80}}?)\s*[.!]?\s*$")
_ASKED = re.compile(r"(?:\w+\s+){0,2}(?:adspurgt|spurgt)\b", re.I)
_FINITE_VERBS = frozenset("er var har havde blev bliver skal vil kan må kunne skulle ville går gik kom kommer".split())
_SUBORDINATORS = frozenset("da når hvis mens efter fordi selvom selv inden før som idet eftersom skønt".split())  # "selv om"
_STATEMENT_NOUNS = ("forklaringen", "meldingen", "beskeden", "budskabet", "vurderingen", "konklusionen", "svaret",
                    "opfordringen", "kritikken", "udmeldingen", "argumentet", "begrundelsen", "advarslen")
_RELATIVE = re.compile(r",?\s+(?:som|der|hvor)\s", re.I)
_IFOLGE = re.compile(r"\bifølge\b", re.I)
_CUE_OR_CALL = re.compile(rf"\b(?:{_CUES}|kaldte|kalder)\b", re.I)
_ATTRIBUTION = re.compile(rf"{_CUE_OR_CALL.pattern}|\bifølge\b", re.I)  # what makes a partial quote attributed
_FRA = re.compile(r"\b[Ff]ra\s+")
_CONJ = {"men", "og", "så", "nu", "samtidig", "derfor", "desuden", "også", "hvor", "da", "når", "fordi", "mens", "idet"}


@dataclass
class Quote:
    """One quote while it is being decided; ``speaker`` is filled last."""

    start: int
    end: int
    kind: str
    rule: str
    cue: str | None = None
    np: tuple[int, int] | None = None  # speaker phrase
    clause: tuple[int, int] | None = None  # attribution clause, searched for relays
    speaker: dict[str, Any] | None = None
    inherit: bool = False  # no attribution: takes the speaker before it
    relays: list[str] = field(default_factory=list)
    extra_relays: list[str] = field(default_factory=list)  # from a later "Det skriver Reuters."


def _trim(text: str, start: int, end: int, chars: str = " \n\t,:;-–—") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def np_after(text: str, pos: int, limit: int) -> tuple[int, int]:
    """The speaker phrase starting at ``pos``: words up to a preposition, time word or punctuation.

    An apposition after a comma is kept when it starts with a capital (``chefbooker, Anders Wahrén``).
    """
    end = pos
    words = 0
    for m in _WORDS.finditer(text, pos, limit):
        gap = text[end:m.start()]
        if words and ("." in gap or "\n" in gap or "(" in gap or ":" in gap):
            break
        if words and "," in gap and not m.group()[0].isupper():
            break
        w = m.group().rstrip(".")
        if words and (w.lower() in NP_STOP_WORDS or w.lower() in CUE_VERBS):
            break
        if words >= 7:
            break
        end = m.start() + len(w)
        words += 1
        if words == 1 and (w.lower() in _SOLO and not _article_before_noun(text, m.end(), limit) or (w.islower() and len(w) > 4 and w.endswith(("en", "et", "ne")) and
                                                   not w.endswith("ende"))):
            nxt = _WORDS.match(text, m.end() + 1) if m.end() + 1 < limit else None
            if not (nxt and nxt.group() in ("for", "ved", "fra", "hos")):
                break
        if m.group().endswith(".") and not re.match(r"^[A-ZÆØÅ]\.$", m.group()):
            break
    return pos, end


def _fronted(text: str, start: int, verb: int) -> bool:
    """Whether ``text[start:verb]`` is a fronted clause or adverbial, so that the verb at ``verb`` comes
    second and its subject after it (V2): ``Da hun besøgte Nuuk, kaldte hun``, ``I går kaldte han``."""
    first = _WORDS.search(text, start, verb)
    return bool(first) and first.group().lower() in _FRONTED


def _article_before_noun(text: str, pos: int, limit: int) -> bool:
    """``den russiske regering``: ``den``/``det``/``de`` used as an article, not a pronoun."""
    nxt = _WORDS.match(text, pos + 1) if pos + 1 < limit and text[pos] == " " else None
    if not nxt or text[pos - 3:pos].lower() not in ("den", "det", " de"):
        return False
    w = nxt.group().lower()
    return w.islower() and w not in NP_STOP_WORDS and w not in CUE_VERBS


def clause_end(text: str, pos: int, limit: int) -> int:
    """End of the sentence that starts the attribution clause at ``pos``."""
    m = _SENT_END.search(text, pos, limit)
    return m.end() if m else limit


class QuoteFinder:
    """Finds the quotes of one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        meta = doc._.article or {}
        start = self.body = meta.get("body_start", 0)
        self.paras: list[tuple[int, int]] = [tuple(p) for p in (meta.get("paragraphs") or split_paragraphs(self.text, start))]  # type: ignore[misc]
        self.para_starts = [p[0] for p in self.paras]
        self.resolver = resolver_for(doc)
        sents = self.resolver.sentences if has_sentences(doc) else list(self.paras)
        self.sents = [(max(a, start), b) for a, b in sents if b > start]

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    # -- candidates -------------------------------------------------------------
    def direct(self) -> list[Quote]:
        quotes: list[Quote] = []
        for ps, pe in self.paras:
            para = self.text[ps:pe]
            if is_heading(para) and not _DASH_START.match(para):
                continue
            starts = []
            if _DASH_START.match(para):
                starts.append(ps + _DASH_START.match(para).end())  # type: ignore[union-attr]
            starts += [ps + m.end() for m in _INLINE_DASH.finditer(para)]
            for i, s in enumerate(starts):
                limit = starts[i + 1] if i + 1 < len(starts) else pe
                quotes.append(self._dash_quote(s, limit, pe))
            quotes += self._marked(ps, pe, skip=[(q.start, q.end) for q in quotes if q.start >= ps])
        return [q for q in quotes if q.end - q.start > 1]

    def _dash_quote(self, s: int, limit: int, pe: int) -> Quote:
        m = _DASH_ATTRIB.search(self.text, s, limit)
        if m:
            qs, qe = _trim(self.text, s, m.start())
            q = Quote(qs, qe, "direct", "dash+attribution", cue=m.group("cue").lower())
            q.np = np_after(self.text, m.end(), limit)
            q.clause = (m.start(), clause_end(self.text, m.end(), limit))
            return q
        qs, qe = _trim(self.text, s, limit)
        q = Quote(qs, qe, "direct", "dash", inherit=True)
        if self.text[qs:qe].rstrip().endswith("?") and self._next_is_dash(pe):
            q.rule = "question"  # an interviewer's question, dropped in decide()
        return q

    def _next_is_dash(self, pe: int) -> bool:
        i = self.para_of(pe) + 1
        return i < len(self.paras) and bool(_DASH_START.match(self.text[self.paras[i][0]:self.paras[i][1]]))

    def _marked(self, ps: int, pe: int, skip: list[tuple[int, int]]) -> list[Quote]:
        out: list[Quote] = []
        taken: list[tuple[int, int]] = []
        for open_, close in _PAIRS:
            pos = ps
            while True:
                a = self.text.find(open_, pos, pe)
                if a < 0:
                    break
                b = self.text.find(close, a + 1, pe)
                if b < 0:
                    break
                pos = b + 1
                if open_ in "'‘" and (a > ps and self.text[a - 1].isalnum()):
                    pos = a + 1
                    continue
                if open_ == "'" and b + 1 < pe and self.text[b + 1].isalpha():
                    pos = a + 1
                    continue
                if any(x <= a < y or x < b <= y for x, y in taken):
                    continue
                taken.append((a, b + 1))
                if any(x <= a and b <= y for x, y in skip):
                    continue
                q = self._marked_quote(a + 1, b, ps, pe)
                if q:
                    out.append(q)
        return sorted(out, key=lambda q: q.start)

    def _marked_quote(self, qs: int, qe: int, ps: int, pe: int) -> Quote | None:
        content = self.text[qs:qe]
        words = _WORDS.findall(content)
        if not words:
            return None
        before = self.text[ps:qs - 1]
        if _TITLE_CUES.search(before.rstrip()):
            return None
        after = self.text[qe + 1:pe]
        m = _ATTRIB_AFTER.match(after)
        if m and qe + 1 + m.start("cue") - qe < 6:
            q = Quote(*_trim(self.text, qs, qe, " "), "direct", "marks+attribution", cue=m.group("cue").lower())
            cue_end = qe + 1 + m.end("cue")
            q.np = np_after(self.text, cue_end + 1, pe)
            q.clause = (qe + 1 + m.start("cue"), clause_end(self.text, cue_end, pe))
            if self.text[q.np[0]:q.np[1]].lower() == "det":  # ",« lyder det (fra X)."
                fra = re.match(r"\s*fra\s+", self.text[q.np[1]:pe])
                q.np = np_after(self.text, q.np[1] + fra.end(), pe) if fra else None
                q.inherit = q.np is None
            return q
        block = not before.strip() or before.rstrip().endswith(":")
        if block:
            q = Quote(*_trim(self.text, qs, qe, " "), "direct", "marks", inherit=True)
            intro = re.search(rf"(?P<np>[^.!?\n]*?)\s*\b(?P<cue>{_CUES})\b[^.!?\n]*:\s*$", before, re.I)
            if intro:
                q.cue, q.rule, q.inherit = intro.group("cue").lower(), "marks+intro", False
                q.np = self._subject(ps + intro.start("np"), ps + intro.end("np"))
            return q
        # Inside a sentence: a partial quote when the sentence attributes it, else a scare quote.
        ss, se = self._sentence_of(qs)
        sentence = self.text[ss:se]
        cue = _ATTRIBUTION.search(sentence)
        if not cue or len(words) > 40 or len(words) < 2:
            return None
        q = Quote(*_trim(self.text, qs, qe, " "), "direct", "partial", cue=cue.group().lower())
        q.inherit = True
        return q

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sents:
            if s <= pos < e:
                return s, e
        return self.paras[self.para_of(pos)]

    def _subject(self, start: int, end: int) -> tuple[int, int]:
        """The subject phrase before a cue verb, without leading conjunctions and adverbials.

        ``X, der siger, at ...``: the relative pronoun points back to the phrase before the comma.
        """
        sub = None
        for sub in _SUBORDINATE.finditer(self.text, start, end):
            pass
        if sub:  # "På et pressemøde, hvor sundhedsmyndighederne oplyste, at": the subordinate clause's subject
            return np_after(self.text, sub.end(), end)
        words = list(_WORDS.finditer(self.text, start, end))
        while words and words[0].group().lower() in _CONJ:
            words.pop(0)
        if not words:
            return start, start
        if words[0].group().lower() in _FRONTED:
            # V2: "Ifølge Sky News har guvernøren udtalt", "I dag har ministeren sagt": the subject follows the verb
            verb = next((k for k in range(1, min(len(words) - 1, 9))
                         if words[k].group().lower() in _FINITE_VERBS), None)
            if verb is not None:
                return words[verb + 1].start(), words[-1].end()
        if words[-1].group().lower() in ("der", "som") and len(words) > 1:
            comma = self.text.rfind(",", start, words[-1].start())
            if comma > start:  # "..., sagde Jonas Gahr Støre, der oplyste, at": the phrase before the comma
                phrase, first = self._antecedent(start, comma), _WORDS.search(self.text, start, comma)
                if phrase and first and phrase[0] != first.start():  # (no boundary word: the whole phrase's subject)
                    return phrase
                return self._subject(start, comma)
        rel = _RELATIVE_SUBJECT.search(self.text, start, end)
        if rel and len(_WORDS.findall(self.text, rel.end(), end)) <= 4:
            # "... fra en lærerforening, der via mail har meddelt, at": the phrase before the comma
            phrase = self._antecedent(start, rel.start())
            if phrase:
                return phrase
        if len(words) > 6 and not self.resolver.ents_in(words[0].start(), words[-1].end()):
            return np_after(self.text, words[0].start(), words[-1].end())
        return words[0].start(), words[-1].end()

    def _antecedent(self, start: int, end: int) -> tuple[int, int] | None:
        """The phrase ending at ``end`` that a relative ``der``/``som`` after it points back to: the words after
        the last preposition or verb (``sagde Jonas Gahr Støre``, ``fra en lærerforening``); None if none follow."""
        before = list(_WORDS.finditer(self.text, start, end))
        k = len(before)
        while k > 0 and before[k - 1].group().lower() not in _NP_BOUNDARY | CUE_VERBS:
            k -= 1
        return (before[k].start(), before[-1].end()) if k < len(before) else None

    def indirect(self, covered: list[tuple[int, int]]) -> list[Quote]:
        out: list[Quote] = []
        for ss, se in self.sents:
            overlap = sum(max(0, min(se, b) - max(ss, a)) for a, b in covered)
            if overlap > 0.5 * (se - ss) or is_heading(self.text[ss:se]):
                continue
            q = self._indirect_in(ss, se, covered)
            if q:
                out.append(q)
        return out

    def _indirect_in(self, ss: int, se: int, covered: list[tuple[int, int]]) -> Quote | None:
        words = list(_WORDS.finditer(self.text, ss, se))
        if len(words) < 3:
            return None
        first = words[0].group().lower()
        # Back pointer: "Det siger Blinken ...", "Sådan lyder det fra ..."
        if first in BACK_POINTERS and (words[1].group().lower() in CUE_VERBS or first in ("sådan", "således")):
            return self._back_pointer(ss, se, words)
        for i, w in enumerate(words[:-1]):
            low = w.group().lower()
            if low not in CUE_VERBS or any(a <= w.start() < b for a, b in covered):
                continue
            at = self._at_clause(words, i)
            if at is not None and not any(words[k - 1].group().lower() in ("der", "som")
                                          and words[k].group().lower() in CUE_VERBS for k in range(i + 1, at)):
                return self._at_quote(ss, se, words, i, at)  # (else "sagde X, der oplyste, at": the later cue)
        return self._tail(ss, se, covered) or self._ifolge(ss, se, words, covered)

    def _tail(self, ss: int, se: int, covered: list[tuple[int, int]]) -> Quote | None:
        """``Han har ikke forstået det endnu, siger han til Ritzau.``: a statement without quotation marks,
        its speaker after the verb (inverted word order marks reported speech)."""
        m = _TAIL.search(self.text, ss, se)
        if not m or any(a < m.start() and ss < b for a, b in covered):
            return None
        qs, qe = _trim(self.text, ss, m.start(), " .\n")
        content = self.text[qs:qe]
        cue = m.group("cue").lower()
        first = content.split(maxsplit=1)[0].lower() if content.strip() else ""
        if (len(_WORDS.findall(content)) < 4 or any(c in content for c in "-–—»«\"“”") or cue.startswith("kald")
                or _ASKED.match(content) or (first in _SUBORDINATORS and cue not in ("lyder", "lød"))):
            return None  # a dash or marked quote, a question put to them, or "Da ..., kalder X det ..."
        q = Quote(qs, qe, "indirect", "tail", cue=cue)
        q.clause = (m.start(), se)
        q.np = np_after(self.text, m.start("np"), se)
        said = self.text[q.np[0]:q.np[1]].lower()
        if said in ("det", *_STATEMENT_NOUNS):  # "..., lyder det (fra X)."; "..., lyder forklaringen"
            fra = _FRA.search(self.text, q.np[1], se)
            q.np = np_after(self.text, fra.end(), se) if fra else None
            q.inherit = q.np is None
        if (q.np is None or said in PRONOUNS) and (own := self._named_first(qs, qe)):
            q.np, q.inherit = own, False  # "Søren Pape hørte interessante ting, siger han": he speaks of himself
        return q

    def _named_first(self, start: int, end: int) -> tuple[int, int] | None:
        """The person named among the first words of ``text[start:end]`` (a statement's own subject)."""
        words = list(_WORDS.finditer(self.text, start, end))
        head = words[8].start() if len(words) > 8 else end
        people = [m for m in self.resolver.ents_in(start, head) if m.label == "PER"]
        return (people[0].start, people[0].end) if people else None

    def _at_clause(self, words: list[re.Match[str]], i: int) -> int | None:
        """Index of the ``at`` that opens a finite clause after the cue at ``i`` (not ``for at gøre``)."""
        for j in range(i + 1, min(i + 12, len(words))):
            if words[j].group().lower() != "at":
                continue
            comma = "," in self.text[words[j - 1].end():words[j].start()]
            particle = comma and j - i <= 3  # "peger (dermed) på, at han", "meldt ud, at de": the verb's own clause
            if not particle and words[j - 1].group().lower() in _AT_BLOCKERS or j + 1 >= len(words):
                return None  # "for at gøre" is an infinitive; "i takt med, at" a conjunction
            nxt = words[j + 1].group()
            if comma or j == i + 1 or nxt.lower() in _CLAUSE_STARTERS or nxt[0].isupper() or nxt[0].isdigit():
                return j
            return None
        return None

    def _at_quote(self, ss: int, se: int, words: list[re.Match[str]], i: int, j: int) -> Quote:
        cue = words[i].group().lower()
        qs, qe = words[j].start(), se
        qs, qe = _trim(self.text, qs, qe, " .\n")
        q = Quote(qs, qe, "indirect", "cue+at", cue=cue)
        fra = _FRA.search(self.text, ss, words[j].start())
        nxt = words[i + 1].group() if i + 1 < j else ""
        if cue in ("lyder", "lød") and fra:
            q.np = np_after(self.text, fra.end(), words[j].start())
        elif nxt and _fronted(self.text, ss, words[i].start()):
            q.np = np_after(self.text, words[i + 1].start(), words[j].start())  # inverted: "I dag siger X, at"
        else:
            q.np = self._subject(ss, words[i].start())
        q.clause = (ss, words[j].start())
        if cue in ("lyder", "lød") and not fra and q.np and self.text[q.np[0]:q.np[1]].lower() == "det":
            q.np = None
        return q

    def _back_pointer(self, ss: int, se: int, words: list[re.Match[str]]) -> Quote | None:
        cue = words[1].group().lower()
        np_start = words[2].start()
        if words[2].group().lower() == "det" and len(words) > 3:  # "Sådan lyder det (søndag) fra X"
            fra = next((k for k in range(3, min(len(words) - 1, 9)) if words[k].group().lower() == "fra"), None)
            np_start = words[fra + 1].start() if fra else words[3].start()
        q = Quote(ss, ss, "indirect", "back-pointer", cue=cue)
        q.np = np_after(self.text, np_start, se)
        q.clause = (ss, se)
        rel = _RELATIVE.search(self.text, q.np[1], se)
        if rel and "," not in self.text[rel.end():se]:  # "... på en kommentar, som Y gav på Radio4." is Y's channel
            q.clause = (ss, rel.start())
        p = self.para_of(ss)
        if self.paras[p][0] < ss:  # refers to the sentence before, in this paragraph
            prev = [s for s in self.sents if s[1] <= ss and s[0] >= self.paras[p][0]]
            if prev:
                q.start, q.end = _trim(self.text, prev[-1][0], prev[-1][1], " .\n")
        elif p > 0:
            ps, pe = self.paras[p - 1]
            if not is_heading(self.text[ps:pe]):
                q.start, q.end = _trim(self.text, ps, pe, " .\n")
        return q

    def _ifolge(self, ss: int, se: int, words: list[re.Match[str]], covered: list[tuple[int, int]]) -> Quote | None:
        for i, w in enumerate(words[:-1]):
            if w.group().lower() != "ifølge":
                continue
            np = np_after(self.text, words[i + 1].start(), se)
            if i == 0 and i + 2 < len(words):  # "Ifølge X drøftede de ...": the fronted phrase ends at the verb
                verb = next((m for m in _WORDS.finditer(self.text, words[i + 2].start(), np[1])
                             if m.group() in _FINITE_VERBS or m.group().islower() and m.group().endswith("ede")), None)
                if verb:
                    cut = verb.start()
                    while cut > np[0] and self.text[cut - 1] in " ,":
                        cut -= 1
                    np = (np[0], cut)
            phrase = self.text[np[0]:np[1]]
            rest = self.text[words[i + 1].start():se][:60]
            relayed = find_relays("ifølge " + rest)
            if canonical_media(phrase) or (relayed and relayed[0].lower() in rest.lower()) or \
                    phrase.lower() in ("kilder", "oplysninger") or phrase.lower().startswith(MEDIA_PREFIXES):
                return None
            if phrase.split()[0].lower() in ("en", "et", "flere", "anonyme", "blandt", "det", "de", "hvad"):
                return None
            q = Quote(*_trim(self.text, ss, se, " .\n"), "indirect", "ifølge", cue="ifølge")
            q.np = np
            q.clause = (w.start(), np[1])
            return q
        return None

    # -- decide and resolve ------------------------------------------------------
    def find(self) -> list[Quote]:
        direct = [q for q in self.direct() if q.rule != "question"]
        block = [(q.start, q.end) for q in direct if q.rule != "partial"]
        indirect = self.indirect(block)
        quotes = self._merge(direct, indirect)
        self._resolve(quotes)
        return quotes

    def _merge(self, direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
        keep_indirect = []
        for iq in indirect:
            if iq.rule == "back-pointer":
                targets = [q for q in direct if q.inherit and q.end <= iq.clause[0] and  # type: ignore[index]
                           self.para_of(q.start) >= self.para_of(iq.clause[0]) - 2 and q.rule != "partial"]  # type: ignore[index]
                if targets:  # "Det siger X" after unattributed quotes: they are X's
                    for q in targets:
                        q.np, q.cue, q.inherit, q.clause = iq.np, iq.cue, False, iq.clause
                    continue
                if iq.end <= iq.start:
                    continue
                twin = next((o for o in indirect if o is not iq and o.start < iq.end and iq.start < o.end), None)
                if twin is not None:  # already a quote ("ifølge politiet"): the back pointer only names it
                    if not twin.np:
                        twin.np, twin.clause = iq.np, iq.clause
                    continue
            keep_indirect.append(iq)
        out = []
        keep_indirect = [iq for iq in keep_indirect if not self._media_back_pointer(iq, direct + keep_indirect)]
        for q in direct:
            if q.rule == "partial":
                host = next((iq for iq in keep_indirect if iq.start <= q.start and q.end <= iq.end), None)
                if host is not None:
                    if host.rule == "ifølge" or (q.end - q.start) >= 0.6 * (host.end - host.start):
                        q.np, q.cue, q.clause, q.inherit = host.np, host.cue, host.clause, False
                        keep_indirect.remove(host)
                    else:
                        continue
            out.append(q)
        return sorted(out + keep_indirect, key=lambda q: q.start)

    def _lookahead(self, quotes: list[Quote]) -> None:
        """``- S1.`` after narrative, then ``- S2, siger X.``: the first dash paragraph is X's too."""
        quoted = {self.para_of(q.start) for q in quotes}
        for q, nxt in zip(quotes, quotes[1:]):
            p = self.para_of(q.start)
            if (q.rule == "dash" and q.inherit and nxt.rule == "dash+attribution" and nxt.np
                    and self.para_of(nxt.start) == p + 1 and p - 1 not in quoted):
                q.np, q.cue, q.inherit = nxt.np, nxt.cue, False

    def _media_back_pointer(self, iq: Quote, others: list[Quote]) -> bool:
        """``Det skriver nyhedsbureauet Reuters.``: the outlet relays the quotes before; no new quote."""
        if iq.rule != "back-pointer" or not iq.np or not iq.clause:
            return False
        phrase = self.text[iq.np[0]:iq.np[1]]
        relays = find_relays(self.text[iq.clause[0]:iq.clause[1]])
        if not relays or not (canonical_media(phrase) or phrase.lower().startswith(MEDIA_PREFIXES)):
            return False
        p = self.para_of(iq.clause[0])
        for q in others:
            if q is not iq and p - 1 <= self.para_of(q.start) <= p and q.start < iq.clause[0] and not q.relays:
                q.extra_relays = relays
        return True

    def _resolve(self, quotes: list[Quote]) -> None:
        self._lookahead(quotes)
        last: dict[str, Any] | None = None
        for q in quotes:
            if q.np and q.np[1] > q.np[0]:
                q.speaker = self.resolver.resolve(q.np[0], q.np[1], last)
            elif q.inherit or q.rule == "partial":
                q.speaker = self._inherit(q, last)
            if q.rule == "partial" and q.speaker is None:
                continue
            if q.clause or q.extra_relays:
                clause = self.text[q.clause[0]:q.clause[1]] if q.clause else ""
                q.relays = [r for r in find_relays(clause) + q.extra_relays
                            if not q.speaker or r.lower() != str(q.speaker.get("name", "")).lower()]
                q.relays = list(dict.fromkeys(q.relays))
                if not q.relays and _BARE_MEDIA.search(clause):  # "siger han til avisen": the outlet named before
                    q.relays = self._named_before(q.start)
            if not q.relays:
                q.relays = self._frame_relays(q)
            if q.speaker:
                last = {**q.speaker, "at": q.start}

    def _named_before(self, pos: int) -> list[str]:
        """The outlet named last before ``pos`` (for "nyhedsbureauet" without a name)."""
        return find_relays(self.text[self.body:pos])[-1:]

    def _frame_relays(self, q: Quote) -> list[str]:
        """``ifølge (nyhedsbureauet) X`` anywhere in the quote's sentences outside the quote:
        ``Ifølge Reuters kalder hun det 'fake news'``, ``- ..., hedder det ifølge Reuters.``"""
        ss, se = self._sentence_of(q.start)
        se = max(se, self._sentence_of(max(q.start, q.end - 1))[1])
        found: list[str] = []
        for part in (self.text[ss:q.start], self.text[q.end:se]):
            for m in _IFOLGE.finditer(part):
                named = find_relays(part[m.start():m.start() + 60])[:1]
                found += named or (self._named_before(ss) if _BARE_MEDIA.match(part, m.start()) else [])
        return list(dict.fromkeys(found))

    def _inherit(self, q: Quote, last: dict[str, Any] | None) -> dict[str, Any] | None:
        p = self.para_of(q.start)
        if p > 0:
            ps, pe = self.paras[p - 1]
            prev = self.text[ps:pe]
            intro = re.search(rf"(?:,|^)\s*(?:(?:og|men)\s+)?(?P<cue>{_CUES})\s+(?P<rest>[^,.]*?)\s*:\s*$", prev, re.I)
            if intro:  # "..., siger hun til DR og fortsætter:": the speaker and relay of the intro
                np = np_after(self.text, ps + intro.start("rest"), pe)
                q.clause = q.clause or (ps + intro.start(), pe)
                return self.resolver.resolve(np[0], np[1], last)
            sub = _SUBORDINATE_INTRO.search(prev)
            if sub:  # "..., inden han udbrød:"
                q.cue = q.cue or sub.group("cue").lower()
                q.clause = q.clause or (ps + sub.start(), pe)
                return self.resolver.resolve(ps + sub.start("subj"), ps + sub.end("subj"), last)
        if q.rule == "partial":
            ss, se = self._sentence_of(q.start)
            m = _CUE_OR_CALL.search(self.text, ss, se) or _IFOLGE.search(self.text, ss, se)
            if m:
                subj = self._subject(ss, m.start())
                fronted = _fronted(self.text, ss, m.start())
                if m.group().lower() == "ifølge" or fronted or not self.text[subj[0]:subj[1]].strip():
                    # V2 after a fronted phrase: "Ifølge Reuters kalder X det ...", "Da hun var i Nuuk, kaldte hun det"
                    subj = np_after(self.text, m.end() + 1, se)
                return self.resolver.resolve(subj[0], subj[1], last)
        if last and last.get("type") != "PER":  # a person named since the body spoke: "..., fortalte direktør X"
            named = self.resolver.last_person_before(q.start, window=max(0, q.start - int(last.get("at", q.start))))
            if named is not None:
                return {"name": named.name, "mention": named.name, "start": None, "end": None, "type": "PER",
                        "country": named.country}
        if last:
            return dict(last)
        # the person the text introduced just before, else the one named next
        before = self.resolver.last_person_before(q.start, window=700)
        after = self.resolver.first_person_after(q.end)
        full = [p for p in (before, after) if p is not None and len(p.name.split()) > 1]  # "Oscar" is no one's name
        person = (full or [before or after])[0]
        if person:
            return {"name": person.name, "mention": person.name, "start": None, "end": None, "type": "PER",
                    "country": person.country}
        return None

    def records(self) -> list[dict[str, Any]]:
        out = []
        for q in self.find():
            if q.rule == "partial" and q.speaker is None:
                continue
            sp = q.speaker
            if sp:
                sp = {k: sp.get(k) for k in ("name", "mention", "start", "end", "type", "country")}
            out.append({
                "text": self.text[q.start:q.end], "start": q.start, "end": q.end, "kind": q.kind,
                "speaker": sp, "cue": q.cue, "relays": q.relays, "paragraph": self.para_of(q.start), "rule": q.rule,
            })
        return out


@Language.factory("kilde_quotes", requires=["doc.sents", "doc.ents"], assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> QuoteComponent:
    return QuoteComponent()


class QuoteComponent:
    """Sets ``doc._.quotes`` to a list of quote dicts (see ``records``)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = QuoteFinder(doc).records()
        return doc
