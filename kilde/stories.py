"""Stories: near-duplicate articles (wire copies in several outlets, updates of one story) grouped
with MinHash LSH (datasketch), so that repeated quotes and events count once with their reports.

Each article gets a MinHash signature of its word 4-shingles, computed with its analysis (on
the Dask workers when there are) and stored with its rows. After an ingest, each article
without a story yet is looked up in an LSH index of all signatures; articles whose estimated
Jaccard similarity passes ``THRESHOLD`` are joined, and each connected group is one story
named after its earliest article. Within a story, the store links every quote and event to a
canonical record (see ``Store.link_reports``): events by type, source, target and negation;
quotes by their text.
"""
from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kilde.store import Store

NUM_PERM = 64
SEED = 7
SHINGLE = 4
THRESHOLD = 0.6
_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _template() -> Any:
    """One MinHash whose permutations every signature reuses (drawing them costs more than hashing)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


def signature(text: str) -> list[int]:
    """MinHash values of the text's lower-cased word 4-shingles (CRC-32 of each shingle, C-fast)."""
    words = _WORDS.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = _template().copy()
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m.hashvalues.tolist()


class _Groups:
    """Union-find over article ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def link_stories(store: Store) -> dict[str, Any]:
    """Sign new articles, group near-duplicates into stories, and link repeated quotes and events."""
    if not store.stories_pending():
        return {}
    with store.transaction():  # all or nothing: a crash here leaves it all to the next run
        return _link(store)


def _link(store: Store) -> dict[str, Any]:
    from datasketch import LeanMinHash, MinHashLSH

    store.save_signatures([(aid, signature(text)) for aid, text in store.unsigned_articles()])
    stories = store.story_ids()
    new = sorted(aid for aid, story in stories if not story)
    scheme = _template().scheme
    # the bands favour recall (a pair at 0.7 is a candidate 98% of the time, not 71%); each
    # candidate's estimated Jaccard similarity then decides
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=(0.2, 0.8))
    signs: dict[str, Any] = {}
    for aid, values in store.signatures():
        signs[aid] = LeanMinHash(seed=SEED, hashvalues=values, scheme=scheme)
        lsh.insert(aid, signs[aid])
    groups = _Groups()
    for aid, story in stories:
        if story:
            groups.join(aid, story)
    for aid in new:
        for other in lsh.query(signs[aid]):
            if groups.find(other) != groups.find(aid) and signs[aid].jaccard(signs[other]) >= THRESHOLD:
                groups.join(aid, other)
    members: dict[str, list[str]] = {}
    for aid in signs:
        members.setdefault(groups.find(aid), []).append(aid)
    first = store.first_articles(members)
    changed = store.set_story_ids({aid: first[root] for root, ids in members.items() for aid in ids})
    store.link_reports()
    return {"linked": len(new), "stories": len(members), "multi": sum(1 for v in members.values() if len(v) > 1),
            "changed": changed}
