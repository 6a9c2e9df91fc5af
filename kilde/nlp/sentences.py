"""``kilde_sentences``: rule-based sentence boundaries that hold for Danish news.

Paragraph breaks always end a sentence (dash paragraphs are their own sentences);
``.``, ``!``, ``?`` and ``…`` end one only when the next word starts like a sentence
(capital letter, digit, dash or opening quote), so ``bl.a.``, ``09. november`` and
``kl. 14`` stay inside. Closing quote marks after the stop belong to the sentence.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kilde.nlp.lang.da import CLOSE_QUOTES, DASHES, OPEN_QUOTES

_STOPS = {".", "!", "?", "…", "...", "?!", "!?"}


def _starts_sentence(token: Token) -> bool:
    text = token.text
    first = text[0]
    return first.isupper() or first.isdigit() or text in DASHES or first in OPEN_QUOTES


def _is_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def set_sentences(doc: Doc) -> Doc:
    """Mark ``is_sent_start`` on every token of ``doc``."""
    n = len(doc)
    if not n:
        return doc
    starts = [False] * n
    starts[0] = True
    for i in range(1, n):
        prev = doc[i - 1]
        if _is_break(prev) or (prev.is_space and i >= 2 and _is_break(doc[i - 2])):
            starts[i] = True
            continue
        if doc[i].is_space or _is_closing(doc, i):
            continue
        j = i - 1
        while j > 0 and _is_closing(doc, j):
            j -= 1
        if doc[j].text in _STOPS:
            starts[i] = _starts_sentence(doc[i]) and not _inside_abbrev(doc, j)
    for token, start in zip(doc, starts):
        token.is_sent_start = start
    return doc


def _is_closing(doc: Doc, i: int) -> bool:
    """A quote mark or bracket glued to the word before it closes something."""
    text = doc[i].text
    return (text in CLOSE_QUOTES or text == ")") and not doc[i - 1].whitespace_


def _inside_abbrev(doc: Doc, stop: int) -> bool:
    """A lone ``.`` after one capital letter (``J. Hansen``) is an initial, not a stop."""
    if doc[stop].text != "." or stop == 0:
        return False
    before = doc[stop - 1].text
    return len(before) == 1 and before.isupper()


@Language.factory("kilde_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> "SentenceRules":
    return SentenceRules()


class SentenceRules:
    """Picklable callable so the pipeline runs under multiprocessing and Dask."""

    def __call__(self, doc: Doc) -> Doc:
        return set_sentences(doc)
