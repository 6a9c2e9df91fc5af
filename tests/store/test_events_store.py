"""Events and actors in the store: negated kept apart, dyad series, PLOVER export, roles over time."""
import json

from click.testing import CliRunner

import kilde
from kilde.cli import main
from kilde.ingest import ingest
from kilde.read import read_inputs
from kilde.store import Store

ARTICLES = {
    "a1.txt": (" date 2024-01 Test Redaktion Mandag, 15. januar 2024 - 10:00\n\n"
               "Estlands forsvarsminister, Kalle Kask, mødtes i går med Letlands præsident i Riga.\n\n"
               "Letland afviser, at Letland har sendt tropper til Estland.\n"),
    "a2.txt": (" date 2024-02 Test Redaktion Mandag, 12. februar 2024 - 10:00\n\n"
               "Estlands premierminister, Kalle Kask, anklager Letland for at blokere grænsen.\n\n"
               "Estland indfører sanktioner mod Letland.\n"),
}


def _store(tmp_path, nlp):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "k.duckdb"
    with Store(db) as store:
        report = ingest(read_inputs([str(tmp_path / n) for n in ARTICLES]), store, nlp, batch_size=2)
    assert report.stored == 2
    return db


def test_events_negated_kept_apart_and_dyad_series(tmp_path, nlp):
    db = _store(tmp_path, nlp)
    with kilde.open(db) as k:
        coded = k.events(dyad="EST-LVA")
        assert set(coded["type"]) >= {"CONSULT", "ACCUSE", "SANCTION"} and not coded["negated"].any()
        everything = k.events(dyad="LVA-EST", include_negated=True)
        assert everything["negated"].sum() == 1
        series = k.dyad_series("LVA-EST")
    assert list(series["month"]) == ["2024-01", "2024-02"]
    jan, feb = series.iloc[0], series.iloc[1]
    assert (jan["CONSULT"], jan["REJECT"], jan["MOBILIZE"]) == (1, 1, 0)  # the denied troop move is not counted
    assert jan["score"] == 1.0 - 2.0 and jan["cooperation"] == 1.0
    assert feb["SANCTION"] == 1 and feb["ACCUSE"] == 1 and feb["score"] < jan["score"]


def test_plover_export_and_actor_roles_over_time(tmp_path, nlp):
    db = _store(tmp_path, nlp)
    out = tmp_path / "events.plover.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "plover", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    sanction = next(r for r in records if r["event"] == "SANCTION")
    assert (sanction["actor_country"], sanction["recipient_country"], sanction["date"]) == ("EST", "LVA", "2024-02-12")
    text = ARTICLES["a2.txt"]
    assert text[sanction["event_text_start"]:sanction["event_text_end"]].strip() == sanction["event_text"]
    assert not any(r["event"] == "MOBILIZE" for r in records)  # denied
    with kilde.open(db) as k:
        roles = k.actors("Kalle Kask")
    assert list(roles["role"]) == ["Estlands forsvarsminister", "Estlands premierminister"]
    assert list(roles["date"].astype(str).str[:10]) == ["2024-01-15", "2024-02-12"]


def test_cli_dyad_and_events(tmp_path, nlp):
    db = _store(tmp_path, nlp)
    result = CliRunner().invoke(main, ["dyad", "EST-LVA", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0 and '"month":"2024-01"' in result.output.replace(" ", "")
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--type", "sanction", "--format", "jsonl"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["type"] for r in rows] == ["SANCTION"]
