"""``kilde_sentences``: rule-based sentence boundaries that hold for Danish news.

Paragraph breaks always end a sentence (dash paragraphs are their own sentences);
``.``, ``!``, ``?`` and ``…`` end one only when the next word starts like a sentence
(capital letter, digit, dash or opening quote), so ``bl.a.``, ``09. november`` and
``kl. 14`` stay inside. Closing quote marks after the stop belong to the sentence.
"""
from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from kilde.nlp.lang.da import CLOSE_QUOTES, DASHES, OPEN_QUOTES

_STOPS = {".", "!", "?", "…", "...", "?!", "!?"}


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or text in DASHES or first in OPEN_QUOTES


def set_sentences(doc: Doc) -> Doc:
    """Mark ``is_sent_start`` on every token of ``doc`` (read in one pass, written as one array)."""
    n = len(doc)
    if not n:
        return doc
    rows = doc.to_array([ORTH, SPACY]).tolist()  # one array read instead of a Token object per word
    strings = doc.vocab.strings
    texts = [strings[o] for o, _ in rows]
    glued = [not sp for _, sp in rows]
    space = [t.isspace() for t in texts]
    brk = [sp and "\n" in t for sp, t in zip(space, texts)]

    def closing(i: int) -> bool:  # a quote mark or bracket glued to the word before it closes something
        return (texts[i] in CLOSE_QUOTES or texts[i] == ")") and glued[i - 1]

    flags = [1] + [-1] * (n - 1)
    for i in range(1, n):
        if brk[i - 1] or (space[i - 1] and i >= 2 and brk[i - 2]):
            flags[i] = 1
            continue
        if space[i] or closing(i):
            continue
        j = i - 1
        while j > 0 and closing(j):
            j -= 1
        if texts[j] in _STOPS and _starts_sentence(texts[i]) and not _initial(texts, j):
            flags[i] = 1
    # -1 (not a start) wraps to the unsigned value spaCy stores
    doc.from_array([SENT_START], numpy.array(flags, dtype="int64").reshape(n, 1).astype("uint64"))
    return doc


def _initial(texts: list[str], stop: int) -> bool:
    """A lone ``.`` after one capital letter (``J. Hansen``) is an initial, not a stop."""
    if texts[stop] != "." or stop == 0:
        return False
    before = texts[stop - 1]
    return len(before) == 1 and before.isupper()


@Language.factory("kilde_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> "SentenceRules":
    return SentenceRules()


class SentenceRules:
    """Picklable callable so the pipeline runs under multiprocessing and Dask."""

    def __call__(self, doc: Doc) -> Doc:
        return set_sentences(doc)
