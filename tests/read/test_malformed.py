"""A corpus of malformed records of every kind (written by kilde.bench.malformed): no crash, nothing lost."""
import pytest

from kilde.bench.malformed import write
from kilde.ingest import ingest
from kilde.read import read_inputs
from kilde.store import Store


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # warcio's writer, used to build it
def test_every_malformed_record_is_stored_or_rejected_with_a_reason(tmp_path, nlp):
    write(tmp_path / "bad", 300)
    with Store(tmp_path / "bad.duckdb") as store:
        report = ingest(read_inputs([str(tmp_path / "bad")]), store, nlp)
        stored_rejects = store.counts()["rejects"]
        codes = {c for (c,) in store.con.execute("SELECT DISTINCT code FROM rejects").fetchall()}
    assert report.read > 250 and report.balanced  # a cut gzip loses the lines after the cut: one reject says so
    assert report.rejected > 0.7 * report.read and report.stored > 10
    assert all(r.code and r.reason.startswith(f"[{r.code}]") for r in report.rejects)
    assert stored_rejects == report.rejected
    assert {"E002", "E003", "E004", "E005", "E006", "E007", "E008", "E014", "E015", "E017", "E018", "E019"} <= codes
