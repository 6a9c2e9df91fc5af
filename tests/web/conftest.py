"""A store built from the demo corpus plus two articles written for these tests (one carries an XSS payload)."""
from __future__ import annotations

import pytest

from kilde.ingest import ingest
from kilde.read import read_inputs
from kilde.store import Store
from tests.conftest import DEMO

XSS = (" date 2024-12 Test Redaktion Mandag, 02. december 2024 - 08:00\n\n"
       "Hackere <script>window.__xss = 1</script> skrev <img src=x onerror=\"window.__xss = 2\"> på siden.\n\n"
       "- Det er <b>alvorligt</b>, siger Per <i>Nielsen</i>.\n")
MEETING = (" date 2024-12 Test Redaktion Tirsdag, 03. december 2024 - 09:00\n\n"
           "Estlands udenrigsminister, Kalle Kask, mødtes tirsdag med Letlands præsident i Riga.\n\n"
           "- Vi står sammen mod Rusland, siger Kalle Kask til nyhedsbureauet Reuters.\n")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, nlp):
    root = tmp_path_factory.mktemp("web")
    (root / "xss_article.txt").write_text(XSS, encoding="utf-8")
    (root / "meeting.txt").write_text(MEETING, encoding="utf-8")
    (root / "meeting_copy.txt").write_text(MEETING.replace("Tirsdag, 03.", "Tirsdag, 03.") + "\n/ritzau/\n",
                                            encoding="utf-8")  # a wire copy: the same story
    db = root / "kilde.duckdb"
    inputs = [str(DEMO)] + [str(root / f) for f in ("xss_article.txt", "meeting.txt", "meeting_copy.txt")]
    with Store(db) as store:
        report = ingest(read_inputs(inputs), store, nlp)
    assert report.stored == 15 and report.rejected == 0
    return db
