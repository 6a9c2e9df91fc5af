"""Stories: wire copies in several outlets are one story; their repeated events and quotes count once."""
import json

import numpy as np
import pytest

from kilde.ingest import ingest
from kilde.read import read_inputs
from kilde.store import Store, queries
from kilde.stories import signature

WIRE = ("Estlands udenrigsminister, Kalle Kask, mødtes tirsdag med Letlands præsident i Riga, hvor de to "
        "drøftede forsvaret af Østersøen og en fælles indkøbsordning for ammunition til landenes hære.\n\n"
        "- Vi står sammen mod Rusland, siger Kalle Kask til nyhedsbureauet Reuters.\n\n"
        "Letland indfører samtidig nye sanktioner mod Rusland, oplyser regeringen i Riga.")


def _records(tmp_path):
    rows = [
        {"id": "dr-1", "url": "https://www.dr.dk/a", "published": "2024-12-03", "text": WIRE},
        {"id": "tv2-1", "url": "https://nyheder.tv2.dk/b", "published": "2024-12-03",
         "text": WIRE.replace("tirsdag", "i går") + "\n\n/ritzau/"},
        {"id": "pol-1", "url": "https://politiken.dk/c", "published": "2024-12-04",
         "text": "Norges statsminister besøgte onsdag Finland for at tale om energi og nye elkabler i Nordkalotten, "
                 "og de to regeringer vil mødes igen i foråret."},
    ]
    f = tmp_path / "wire.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return f


def test_signature_similarity_follows_text():
    from datasketch import LeanMinHash, MinHash

    scheme = MinHash(num_perm=64, seed=7).scheme
    a, b, c = (LeanMinHash(seed=7, hashvalues=signature(t), scheme=scheme)
               for t in (WIRE, WIRE.replace("tirsdag", "i går"), "Noget helt andet om vejret i morgen og i overmorgen."))
    assert a.jaccard(b) > 0.6 > a.jaccard(c)


def test_wire_copies_are_one_story_and_events_count_once(tmp_path, nlp):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        report = ingest(read_inputs([str(_records(tmp_path))]), store, nlp)
        assert report.stored == 3 and report.stories["multi"] == 1
        story = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
        assert story["dr-1"] == story["tv2-1"] == "dr-1" and story["pol-1"] == "pol-1"
        every = queries.events(store, dyad="EST-LVA")
        once = queries.events(store, dyad="EST-LVA", distinct=True)
        assert len(every) == 2 * len(once) and len(once) >= 1
        rep = queries.reports(store, "event", "tv2-1", int(every[every.article_id == "tv2-1"].idx.iloc[0]))
        assert rep["reports"] == 2 and rep["articles"] == ["dr-1", "tv2-1"] and rep["canonical"].startswith("dr-1:")
        q = store.df("SELECT article_id, idx FROM quotes WHERE text = 'Vi står sammen mod Rusland'")
        assert queries.reports(store, "quote", "dr-1", int(q.idx.iloc[0]))["reports"] == 2
        st = queries.stories(store)
        assert list(st.story_id) == ["dr-1"] and int(st.articles.iloc[0]) == 2
        assert queries.stats(store)["stories"] == 2
    with Store(db) as store:  # a second run adds nothing and changes nothing
        again = ingest(read_inputs([str(_records(tmp_path))]), store, nlp)
        assert again.duplicates == 3 and again.stories == {}


def test_two_acts_of_one_type_stay_two_distinct_events(tmp_path, nlp):
    f = tmp_path / "acts.txt"
    f.write_text("Tyrkiet har anholdt tre aktivister i Syrien.\n\n"
                 "Tyrkiet har desuden lukket to grænseovergange til Syrien.\n", encoding="utf-8")
    with Store(tmp_path / "k.duckdb") as store:
        ingest(read_inputs([str(f)]), store, nlp)
        coerce = queries.events(store, type="COERCE", distinct=True)
    assert sorted(coerce["act"]) == ["anho", "lukk"]


def test_each_batch_stores_its_signatures_and_linking_groups_the_unlinked(tmp_path, nlp):
    from kilde.analyse import analyse
    from kilde.stories import link_stories

    with Store(tmp_path / "b.duckdb") as store:
        store.write([x for x in analyse(read_inputs([str(_records(tmp_path))]), nlp) if isinstance(x, tuple)], [])
        assert store.unsigned_articles() == []  # signed with the batch (on a Dask worker when there is one)
        assert sorted(store.story_ids()) == [("dr-1", None), ("pol-1", None), ("tv2-1", None)]
        assert link_stories(store) == {"linked": 3, "stories": 2, "multi": 1, "changed": 3}
        assert None not in dict(store.story_ids()).values() and link_stories(store) == {}


def _lsh_groups(sigs, new):
    """Stories as datasketch's MinHashLSH finds them: each new signature queried, candidates checked."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    from kilde.stories import NUM_PERM, SEED, THRESHOLD

    scheme = MinHash(num_perm=NUM_PERM, seed=SEED).scheme
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=(0.2, 0.8))
    signs = [LeanMinHash(seed=SEED, hashvalues=v, scheme=scheme) for v in sigs]
    for k, m in enumerate(signs):
        lsh.insert(k, m)
    parent = list(range(len(sigs)))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for k in new.nonzero()[0]:
        for o in lsh.query(signs[k]):
            if signs[k].jaccard(signs[o]) >= THRESHOLD:
                a, b = sorted((root(k), root(o)))
                parent[b] = a
    return [root(k) for k in range(len(sigs))]


def _partition(labels):
    names: dict = {}
    return [names.setdefault(x, len(names)) for x in labels]


@pytest.mark.parametrize("seed", range(12))
def test_numpy_banding_groups_as_datasketch_lsh_does(seed):
    """Stories found by banding the whole signature matrix at once equal those of datasketch's
    MinHashLSH, on variants of random signatures (0-40 of 64 values changed, copies included)."""
    from kilde.stories import components, similar_pairs

    rng = np.random.default_rng(seed)
    rows = []
    for base in rng.integers(0, 2**32, size=(int(rng.integers(5, 30)), 64), dtype=np.uint64):
        for _ in range(int(rng.integers(2, 8))):
            v = base.copy()
            changed = rng.choice(64, int(rng.integers(0, 40)), replace=False)
            v[changed] = rng.integers(0, 2**32, len(changed), dtype=np.uint64)
            rows.append(v)
    sigs = np.array(rows, dtype=np.uint64)
    new = rng.random(len(sigs)) < 0.5
    i, j = similar_pairs(sigs, new)
    stories = _partition(components(len(sigs), i, j).tolist())
    assert stories == _partition(_lsh_groups(sigs, new)) and len(set(stories)) < len(sigs)


def test_stored_quotes_get_the_key_new_quotes_get():
    import duckdb

    from kilde.store.migrations import m009_quote_key
    from kilde.stories import quote_key

    texts = ["Vi står sammen mod Rusland", "«Vi står sammen – mod Rusland!»", "VI STÅR  SAMMEN mod_Rusland…",
             "Prisen steg 3,5 % til ½ mio. kr.", "Café-ejeren: ét år", ""]
    con = duckdb.connect()
    con.execute("CREATE TABLE quotes (idx INTEGER, text VARCHAR)")
    con.executemany("INSERT INTO quotes VALUES (?, ?)", list(enumerate(texts)))
    m009_quote_key(con)
    keys = [k for _, k in con.execute("SELECT idx, quote_key FROM quotes ORDER BY idx").fetchall()]
    assert keys == [quote_key(t) for t in texts]
    assert keys[0] == keys[1] == keys[2] == "vi står sammen mod rusland" and keys[3] == "prisen steg 3 5 til ½ mio kr"
