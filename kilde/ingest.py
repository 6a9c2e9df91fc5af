"""read -> analyse -> store, in batches, with an account of every record read.

Each batch is committed in one transaction, and articles already stored with the
same text are skipped before analysis, so an interrupted ingest resumes by
running the same command again.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language

from kilde.analyse import analyse
from kilde.article import Article, Reject
from kilde.store.db import Store


@dataclass
class IngestReport:
    """What happened to every record read: ``stored + duplicates + rejected == read``."""

    read: int = 0
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.stored + self.duplicates + self.rejected == self.read

    def as_dict(self) -> dict[str, object]:
        """The account as JSON-ready data, each reject with its record, code and reason."""
        return {"read": self.read, "stored": self.stored, "updated": self.updated, "duplicates": self.duplicates,
                "rejected": self.rejected,
                "rejects": [{"record": r.record, "code": r.code, "reason": r.reason} for r in self.rejects]}


def ingest(records: Iterable[Article | Reject], store: Store, nlp: Language, batch_size: int = 64,
           on_progress: Callable[[int], None] | None = None) -> IngestReport:
    """Analyse and store ``records``; return the account."""
    report = IngestReport()
    it = iter(records)
    while batch := list(islice(it, batch_size)):
        _ingest_batch(batch, store, nlp, report)
        if on_progress:
            on_progress(len(batch))
    return report


def _ingest_batch(batch: list[Article | Reject], store: Store, nlp: Language, report: IngestReport) -> None:
    report.read += len(batch)
    rejects = [r for r in batch if isinstance(r, Reject)]
    known = store.stored_hashes(a.id for a in batch if isinstance(a, Article))
    fresh: dict[str, Article] = {}
    for a in batch:
        if not isinstance(a, Article):
            continue
        if known.get(a.id) == a.hash or (a.id in fresh and fresh[a.id].hash == a.hash):
            report.duplicates += 1
            continue
        if a.id in known or a.id in fresh:
            report.updated += 1
        if a.id in fresh:  # same id twice in one batch with new text: the later one wins
            report.stored += 1
        fresh[a.id] = a
    analysed = []
    for item in analyse(fresh.values(), nlp):
        if isinstance(item, Reject):
            rejects.append(item)
        elif isinstance(item, tuple):
            analysed.append(item)
    store.write(analysed, rejects)
    report.stored += len(analysed)
    report.rejected += len(rejects)
    report.rejects.extend(rejects)
