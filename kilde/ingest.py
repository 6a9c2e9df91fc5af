"""read -> analyse -> store, in batches, with an account of every record read.

Each batch (or group of batches) is committed in one transaction, and articles already
stored with the same text are skipped before analysis, so an interrupted ingest resumes
by running the same command again.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from kilde.article import Article, Reject
from kilde.store.db import Store

if TYPE_CHECKING:  # spaCy is imported where the pipeline runs (a Dask driver never loads it)
    from spacy.language import Language

# Articles per batch, each stored in one transaction: a commit costs about as much as writing
# 64 articles' rows, so 256 halve the store's share (0.82 -> 0.45 ms of CPU per article, measured);
# a crash loses at most the batches in flight.
BATCH_SIZE = 256


@dataclass
class IngestReport:
    """What happened to every record read: ``stored + duplicates + rejected == read``."""

    read: int = 0
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)
    stories: dict[str, int] = field(default_factory=dict)  # what story linking did (see kilde.stories)

    @property
    def balanced(self) -> bool:
        return self.stored + self.duplicates + self.rejected == self.read

    def as_dict(self) -> dict[str, object]:
        """The account as JSON-ready data, each reject with its record, code and reason."""
        return {"read": self.read, "stored": self.stored, "updated": self.updated, "duplicates": self.duplicates,
                "rejected": self.rejected,
                "rejects": [{"record": r.record, "code": r.code, "reason": r.reason} for r in self.rejects]}


def ingest(records: Iterable[Article | Reject], store: Store, nlp: Language | None = None, batch_size: int = BATCH_SIZE,
           on_progress: Callable[[int], None] | None = None, engine: Engine | None = None) -> IngestReport:
    """Analyse and store ``records``; return the account.

    Each batch (or group of batches, see ``Engine.group``) is committed in one transaction,
    so an ingest killed at any point and run again stores exactly what one uninterrupted
    run stores (stored articles are recognised by id and text hash and skipped). ``engine`` analyses the batches
    (default: in this process with ``nlp``; see :mod:`kilde.scale` for Dask).
    """
    engine = engine or InProcess(nlp)
    report = IngestReport()
    it = iter(records)
    pending: deque[_Pending] = deque()
    with store.threads(engine.store_threads):
        while batch := list(islice(it, batch_size)):
            in_flight = set().union(*(p.ids for p in pending))  # stored before this batch is
            fresh, rejects, replaced = _plan(batch, store, report, in_flight)
            pending.append(_Pending(len(batch), engine.submit(fresh, rejects), replaced, {a.id for a in fresh}))
            if len(pending) > engine.in_flight:
                _finish(_oldest(pending, engine.group), engine, store, report, on_progress)
        while pending:
            _finish(_oldest(pending, engine.group), engine, store, report, on_progress)
    engine.finish()
    from kilde.stories import link_stories

    report.stories = link_stories(store)  # also finishes the linking of a run that was killed before it
    store.sort_terms()  # when enough words were added since the last time
    return report


class _Pending(NamedTuple):
    """A batch submitted and not yet stored."""

    size: int  # records read
    handle: Any  # what the engine's submit returned
    replaced: list[str]  # ids of stored (or in-flight) articles it replaces
    ids: set[str]  # ids of the articles it analyses


class Engine(Protocol):
    """Runs the analysis of a batch; ``collect`` stores its result."""

    in_flight: int  # batches submitted and not yet stored
    group: int  # batches stored in one transaction
    store_threads: int | None  # DuckDB's threads while the batches are stored (None: all the cores)

    def submit(self, articles: list[Article], rejects: list[Reject]) -> Any: ...

    def collect(self, handles: list[Any], store: Store, replaced: list[str]) -> tuple[int, list[Reject]]: ...

    def finish(self) -> None:
        """Every batch is stored (story linking comes next): let go of what the analysis needed."""


class InProcess:
    """The pipeline in this process, one batch at a time."""

    in_flight = 0
    group = 1
    store_threads = None

    def __init__(self, nlp: Language | None) -> None:
        if nlp is None:
            from kilde.nlp.pipeline import load

            nlp = load()
        self.nlp = nlp

    def submit(self, articles: list[Article], rejects: list[Reject]) -> Any:
        return articles, rejects

    def collect(self, handles: list[Any], store: Store, replaced: list[str]) -> tuple[int, list[Reject]]:
        from kilde.analyse import analyse

        articles = [a for batch, _ in handles for a in batch]
        rejects = [r for _, batch in handles for r in batch]
        analysed = []
        for item in analyse(articles, self.nlp):
            if isinstance(item, Reject):
                rejects.append(item)
            elif isinstance(item, tuple):
                analysed.append(item)
        store.write(analysed, rejects, replaced)
        return len(analysed), rejects

    def finish(self) -> None:
        pass


def _oldest(pending: deque[_Pending], n: int) -> list[_Pending]:
    """Take up to ``n`` of the oldest batches, to be stored together; a batch that replaces an
    article of one already taken waits for the next transaction (it must find it stored)."""
    group = [pending.popleft()]
    ids = set(group[0].ids)
    while pending and len(group) < n and ids.isdisjoint(pending[0].replaced):
        ids |= pending[0].ids
        group.append(pending.popleft())
    return group


def _finish(group: list[_Pending], engine: Engine, store: Store, report: IngestReport,
            on_progress: Callable[[int], None] | None) -> None:
    stored, rejects = engine.collect([p.handle for p in group], store, [a for p in group for a in p.replaced])
    report.stored += stored
    report.rejected += len(rejects)
    report.rejects.extend(rejects)
    if on_progress:
        on_progress(sum(p.size for p in group))


def _plan(batch: list[Article | Reject], store: Store, report: IngestReport,
          in_flight: set[str]) -> tuple[list[Article], list[Reject], list[str]]:
    """The batch's articles that need analysis (new or changed), its read rejects, and the ids of the
    articles they replace (stored, or in a batch still in flight); counts the rest."""
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
    return list(fresh.values()), rejects, [aid for aid in fresh if aid in known or aid in in_flight]
