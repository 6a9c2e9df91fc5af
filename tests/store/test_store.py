import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

import kilde
from kilde.analyse import extract
from kilde.ingest import ingest
from kilde.read import read_inputs
from kilde.store import Store
from kilde.store.migrations import MIGRATIONS
from tests.conftest import DEMO, DEV_NEWS, SEED, needs_shared, snapshot


def _ingest(paths, db, nlp):
    with Store(db) as store:
        return ingest(read_inputs([str(p) for p in paths]), store, nlp, batch_size=4)


def test_migrations_are_recorded_once(tmp_path):
    db = tmp_path / "k.duckdb"
    Store(db).close()
    with Store(db) as store:
        versions = [r[0] for r in store.con.execute("SELECT version FROM migrations").fetchall()]
    assert versions == [v for v, _, _ in MIGRATIONS]


def test_ingest_twice_stores_nothing_new(tmp_path, nlp):
    db = tmp_path / "k.duckdb"
    first = _ingest([DEMO], db, nlp)
    assert first.read == first.stored == 12 and first.balanced
    second = _ingest([DEMO], db, nlp)
    assert (second.read, second.stored, second.duplicates) == (12, 0, 12) and second.balanced
    with Store(db) as store:
        assert store.counts()["articles"] == 12


def test_changed_text_replaces_the_article(tmp_path, nlp):
    db = tmp_path / "k.duckdb"
    f = tmp_path / "a.txt"
    f.write_text("Politiet siger, at to er anholdt.", encoding="utf-8")
    _ingest([f], db, nlp)
    f.write_text("Politiet siger, at tre er anholdt.", encoding="utf-8")
    report = _ingest([f], db, nlp)
    assert (report.stored, report.updated) == (1, 1)
    with Store(db) as store:
        assert store.df("SELECT text FROM articles")["text"].tolist() == ["Politiet siger, at tre er anholdt."]


@pytest.mark.parametrize("group", [1, 3])
def test_an_article_changed_while_its_first_version_is_in_flight_is_replaced(tmp_path, nlp, group):
    from kilde.ingest import InProcess

    class Deferred(InProcess):  # analyses a batch only when it is collected, as Dask workers do
        in_flight = 2

    Deferred.group = group  # with 3, the new version must still wait for a transaction after the old one's

    f = tmp_path / "a.jsonl"
    rows = [{"id": "x", "text": "Politiet siger, at to er anholdt."}, {"id": "y", "text": "Vejret bliver fint."},
            {"id": "x", "text": "Politiet siger, at tre er anholdt."}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with Store(tmp_path / "k.duckdb") as store:
        report = ingest(read_inputs([str(f)]), store, batch_size=1, engine=Deferred(nlp))
        assert report.balanced and store.counts()["articles"] == 2
        texts = dict(store.con.execute("SELECT id, text FROM articles").fetchall())
    assert texts["x"] == "Politiet siger, at tre er anholdt."


def test_every_bad_record_is_accounted_for_and_its_reason_stored(tmp_path, nlp):
    good = tmp_path / "good.txt"
    good.write_text("Ministeren siger, at aftalen holder.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "mixed.jsonl").write_text('{"id": "j1", "text": "Fint."}\n{oops\n{"id": "j3"}\n', encoding="utf-8")
    report = _ingest([tmp_path], tmp_path / "k.duckdb", nlp)
    assert (report.read, report.stored, report.rejected) == (6, 2, 4) and report.balanced
    db = kilde.open(tmp_path / "k.duckdb")
    rejects = db.rejects()
    assert sorted(rejects["code"]) == ["E002", "E003", "E005", "E006"]
    assert rejects["reason"].str.len().min() > 10
    db.close()


def test_analysis_failure_rejects_only_that_article(tmp_path, nlp, monkeypatch):
    import kilde.analyse as analyse_mod

    real = analyse_mod.record

    def flaky(article, doc):
        if "BOOM" in article.text:
            raise RuntimeError("component crashed")
        return real(article, doc)

    monkeypatch.setattr(analyse_mod, "record", flaky)
    (tmp_path / "a.txt").write_text("Helt almindelig tekst.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Denne tekst siger BOOM.", encoding="utf-8")
    report = _ingest([tmp_path], tmp_path / "k.duckdb", nlp)
    assert (report.stored, report.rejected) == (1, 1)
    assert report.rejects[0].stage == "analyse" and "component crashed" in report.rejects[0].reason


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats_round_trip(tmp_path, nlp, fmt):
    db = tmp_path / "k.duckdb"
    _ingest([DEMO], db, nlp)
    out = tmp_path / f"articles.{fmt}"
    with Store(db, read_only=True) as store:
        store.export("articles", fmt, str(out))
    if fmt == "parquet":
        df = pd.read_parquet(out)
    elif fmt == "csv":
        df = pd.read_csv(out)
    else:
        df = pd.DataFrame([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    assert len(df) == 12 and set(df["id"]) >= {"2024-03-04_nato_koebenhavn"}


def test_python_api_returns_dataframes(tmp_path, nlp):
    db = tmp_path / "k.duckdb"
    _ingest([DEMO], db, nlp)
    with kilde.open(db) as k:
        arts = k.articles(q="Stoltenberg")
        assert list(arts["id"]) == ["2024-03-04_nato_koebenhavn"]
        assert k.stats()["articles"] == 12
        assert isinstance(k.quotes(), pd.DataFrame)


@needs_shared
def test_dev_news_and_seed_all_ingest(tmp_path, nlp):
    report = _ingest([DEV_NEWS, SEED], tmp_path / "k.duckdb", nlp)
    assert (report.read, report.stored, report.rejected) == (84, 84, 0)


def test_word_index_is_put_in_term_order_only_when_worth_it(tmp_path, nlp, monkeypatch):
    import kilde.store.db as db_module

    db = tmp_path / "k.duckdb"
    _ingest([DEMO], db, nlp)

    def state(store):
        unsorted = store.con.execute("SELECT value FROM index_state WHERE name = 'terms_unsorted'").fetchone()[0]
        terms = [r[0] for r in store.con.execute("SELECT term FROM terms").fetchall()]
        return unsorted, terms == sorted(terms)

    with Store(db) as store:
        assert state(store) == (0, True)  # a small index: sorted after the ingest
    monkeypatch.setattr(db_module, "SORT_ALWAYS_BELOW", 0)  # as if the index were large
    one = tmp_path / "one.txt"
    one.write_text("Grønland og Danmark holder møde i Nuuk om fiskeri.", encoding="utf-8")
    _ingest([one], db, nlp)
    with Store(db) as store:
        unsorted, _ = state(store)
        assert 0 < unsorted and unsorted * 10 < store.con.execute("SELECT count(*) FROM terms").fetchone()[0]
        found = store.con.execute("SELECT count(*) FROM terms WHERE term = hash('nuuk')").fetchone()[0]
        assert found == 1  # the unsorted tail is searched all the same


def test_partitions_stored_together_equal_batches_stored_one_by_one(tmp_path, nlp):
    """Parquet partitions whose columns differ in type (a column with no value in one partition has
    the null type there) go into the store in one transaction as if each were written alone."""
    from kilde.read.text import make_article
    from kilde.scale import analyse_partition

    texts = [["Vejret bliver fint i morgen, siger DMI."],
             ['"Vi skal handle nu," siger ministeren ifølge Ritzau.', "Politiet siger, at to er anholdt."]]
    batches = [[make_article(t, source="t", given_id=f"{n}-{i}") for i, t in enumerate(ts)] for n, ts in enumerate(texts)]
    spool = tmp_path / "spool"
    spool.mkdir()
    parts = [analyse_partition(b, [], None, str(spool)) for b in batches]
    relays = {str(pq.read_schema(p["paths"]["quotes"]).field("relays").type) for p in parts}
    assert relays == {"list<element: null>", "list<element: string>"}  # what the union of the two files must reconcile
    with Store(tmp_path / "together.duckdb") as store:
        paths = {t: [p["paths"][t] for p in parts if t in p["paths"]] for t in {t for p in parts for t in p["paths"]}}
        store.write_parquet(paths, [i for p in parts for i in p["ids"]], [])
    with Store(tmp_path / "alone.duckdb") as store:
        for b in batches:
            store.write([(a, r) for a, r in zip(b, extract(b, nlp))], [])
    assert snapshot(tmp_path / "together.duckdb") == snapshot(tmp_path / "alone.duckdb")
