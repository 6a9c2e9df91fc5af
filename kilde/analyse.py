"""Run articles through the pipeline and build their records.

A failure on one article never stops the batch: the batch is retried one article
at a time and only the article that fails becomes a Reject.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kilde.article import Article, Reject
from kilde.errors import Code
from kilde.nlp.schema import record

Result = tuple[Article, dict[str, Any]] | Reject


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article's metadata for the components."""
    doc = nlp.make_doc(article.text)
    doc.user_data["kilde_text"] = article.text  # what doc.text would join again from the tokens
    doc._.article = {
        "id": article.id,
        "published": article.published,
        "date_stamp": article.date_stamp,
        "body_start": article.body_start,
        "paragraphs": article.paragraphs,
        "language": article.language,
    }
    return doc


def analyse(items: Iterable[Article | Reject], nlp: Language, batch_size: int = 32) -> Iterator[Article | Reject | Result]:
    """Yield ``(article, record)`` for each article, and pass Rejects through unchanged."""
    it = iter(items)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        articles = [a for a in chunk if isinstance(a, Article)]
        results = _analyse_batch(articles, nlp)
        for item in chunk:
            yield results[id(item)] if isinstance(item, Article) else item


def _analyse_batch(articles: list[Article], nlp: Language) -> dict[int, Result]:
    try:
        docs = nlp.pipe(make_doc(nlp, a) for a in articles)
        return {id(a): (a, record(a, doc)) for a, doc in zip(articles, docs)}
    except Exception:  # noqa: BLE001 - isolate the failing article below
        return {id(a): _analyse_one(a, nlp) for a in articles}


def _analyse_one(article: Article, nlp: Language) -> Result:
    try:
        return article, record(article, nlp(make_doc(nlp, article)))
    except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
        detail = f"{type(e).__name__}: {e}"[:300]
        return Reject(article.source, "analyse", "E010", Code.E010.format(detail=detail), article.id)


def extract(articles: Iterable[Article], nlp: Language) -> list[dict[str, Any]]:
    """Analyse articles and return their records (Rejects are dropped)."""
    return [r[1] for r in analyse(articles, nlp) if isinstance(r, tuple)]
