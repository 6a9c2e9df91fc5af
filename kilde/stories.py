"""Stories: near-duplicate articles (wire copies in several outlets, updates of one story) grouped
with MinHash LSH (datasketch), so that repeated quotes and events count once with their reports.

Each article gets a MinHash signature of its word 4-shingles, computed with its analysis (on
the Dask workers when there are) and stored with its rows. After an ingest, the articles
without a story yet are matched against all signatures by LSH banding (``similar_pairs``);
articles whose estimated Jaccard similarity passes ``THRESHOLD`` are joined, and each
connected group is one story named after its earliest article. Within a story, the store
links every quote and event to a canonical record (see ``Store.link_reports``): events by
type, source, target and negation; quotes by their words (``quote_key``, stored with each quote).
"""
from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from kilde.store import Store

NUM_PERM = 64
SEED = 7
SHINGLE = 4
THRESHOLD = 0.6
# LSH bands of ROWS values each: what datasketch's MinHashLSH(threshold=0.6, num_perm=64,
# weights=(0.2, 0.8)) chooses (its ``_optimal_param``), favouring recall: a pair at 0.7 is a
# candidate 98% of the time, not 71%; each candidate's estimated Jaccard similarity then decides.
BANDS, ROWS = 14, 4
_CHUNK = 65536  # signature pairs compared in one numpy step
_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _template() -> Any:
    """One MinHash whose permutations every signature reuses (drawing them costs more than hashing)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


def quote_key(text: str) -> str:
    """What makes two quotes of one story the same quote: their lower-cased words (punctuation,
    spacing and case aside). Computed with the quote's row, so linking compares stored keys."""
    return " ".join(_WORDS.findall(text.lower()))


def signature(text: str) -> list[int]:
    """MinHash values of the text's lower-cased word 4-shingles (CRC-32 of each shingle, C-fast)."""
    words = _WORDS.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = _template().copy()
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m.hashvalues.tolist()


def link_stories(store: Store) -> dict[str, Any]:
    """Sign new articles, group near-duplicates into stories, and link repeated quotes and events."""
    if not store.stories_pending():
        return {}
    with store.transaction():  # all or nothing: a crash here leaves it all to the next run
        return _link(store)


def _link(store: Store) -> dict[str, Any]:
    store.save_signatures([(aid, signature(text)) for aid, text in store.unsigned_articles()])
    stories = dict(store.story_ids())
    ids, sigs = store.signature_matrix()
    node = {aid: n for n, aid in enumerate(ids)}  # graph nodes: the articles, then any story not among them
    kept = np.array([(node[aid], node.setdefault(story, len(node)))  # an article stays in its story
                     for aid, story in stories.items() if story and aid in node], dtype=np.int64).reshape(-1, 2)
    new = np.array([not stories.get(aid) for aid in ids], dtype=bool)  # articles without a story yet
    i, j = similar_pairs(sigs, new)
    label = components(len(node), np.concatenate([i, kept[:, 0]]), np.concatenate([j, kept[:, 1]]))
    members: dict[int, list[str]] = {}
    for aid, root in zip(ids, label.tolist()):
        members.setdefault(root, []).append(aid)
    first = store.first_articles(members)
    changed = store.set_story_ids({aid: first[root] for root, ids in members.items() for aid in ids})
    store.link_reports()
    return {"linked": int(new.sum()), "stories": len(members),
            "multi": sum(1 for v in members.values() if len(v) > 1), "changed": changed}


def similar_pairs(sigs: np.ndarray, new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edges ``(i, j)`` between rows of the signature matrix that connect them as querying
    datasketch's ``MinHashLSH`` for each ``new`` signature, each candidate then checked with
    ``jaccard``, does: a new row joins each row that falls into one of its LSH buckets in some band
    and whose estimated Jaccard similarity (the share of equal MinHash values) passes
    ``THRESHOLD``. The bands are matched for all signatures at once with numpy; only enough edges
    to connect the same rows are returned (a bucket whose rows are already connected is skipped).
    """
    empty = np.zeros(0, dtype=np.int64)
    if not len(sigs):
        return empty, empty
    # the bands see each distinct signature once; copies of one (wire copies: similarity 1) join
    # through it at the end
    uniq, first, inv = np.unique(sigs, axis=0, return_index=True, return_inverse=True)
    inv = inv.reshape(-1)
    fresh = np.zeros(len(uniq), dtype=bool)
    fresh[inv[new]] = True
    label = np.arange(len(uniq))  # the distinct signatures' components so far
    left, right = [empty], [empty]
    for band in range(BANDS):
        _, bucket = np.unique(uniq[:, band * ROWS:(band + 1) * ROWS], axis=0, return_inverse=True)
        bucket = bucket.reshape(-1)
        size = np.bincount(bucket)
        ends = np.cumsum(size)
        order = np.argsort(bucket, kind="stable")
        found = len(left)
        for b in np.flatnonzero((size > 1) & (np.bincount(bucket, weights=fresh) > 0)):
            rows = order[ends[b] - size[b]:ends[b]]
            if (label[rows] == label[rows[0]]).all():
                continue
            x, y = _matches(uniq, rows, fresh)
            local = components(len(rows), x, y)  # a spanning set of the bucket's edges
            tree = np.flatnonzero(local != np.arange(len(rows)))
            left.append(rows[tree])
            right.append(rows[local[tree]])
        if len(left) > found:
            label = components(len(uniq), np.concatenate([label, *left[found:]]),
                               np.concatenate([np.arange(len(uniq)), *right[found:]]))
    left_u, right_u = np.concatenate(left), np.concatenate(right)
    # a new row joins every copy of its own signature and of each it matched
    joined = fresh.copy()
    joined[left_u] = joined[right_u] = True
    copies = np.flatnonzero(joined[inv])
    return np.concatenate([first[left_u], copies]), np.concatenate([first[right_u], first[inv[copies]]])


def _matches(uniq: np.ndarray, rows: np.ndarray, fresh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(x, y)`` in ``rows`` of a row with a new article (``x``) and any row whose
    estimated Jaccard similarity to it passes ``THRESHOLD``."""
    news = np.flatnonzero(fresh[rows])
    xs, ys = [], []
    step = max(1, _CHUNK // len(rows))  # at most _CHUNK pairs compared at once
    for at in range(0, len(news), step):
        part = news[at:at + step]
        equal = np.count_nonzero(uniq[rows[part]][:, None, :] == uniq[rows][None, :, :], axis=2)
        x, y = np.nonzero(equal >= THRESHOLD * NUM_PERM)
        xs.append(part[x])
        ys.append(y)
    return np.concatenate(xs), np.concatenate(ys)


def components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The connected components of ``n`` nodes joined by the edges ``(i[k], j[k])``: each node's
    label is a node of its component, the same for all of them (minimum-label propagation with
    pointer jumping)."""
    label = np.arange(n)
    while True:
        low = np.minimum(label[i], label[j])
        step = label.copy()
        np.minimum.at(step, i, low)
        np.minimum.at(step, j, low)
        step = step[step]
        if np.array_equal(step, label):
            return label
        label = step
