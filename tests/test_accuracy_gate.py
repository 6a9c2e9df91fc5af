"""The accuracy gate: quote scores on the dev and seed gold must not fall below the pinned floors."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import kilde
from tests.conftest import DEV_GOLD, DEV_NEWS, SCORER, SEED, SEED_GOLD, needs_shared

FLOORS = json.loads((Path(__file__).parent / "accuracy_floors.json").read_text(encoding="utf-8"))


def _score(gold, inputs, nlp, tmp_path):
    pred = tmp_path / "pred.jsonl"
    records = kilde.extract(kilde.read([str(p) for p in inputs]), nlp)
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout)


# floor name in accuracy_floors.json -> where the scorer reports it
MEASURES = {
    "quotes_f1": ("quotes", "f1"), "direct_quote_recall": ("direct_quote_recall",), "speaker_acc": ("speaker_acc",),
    "relay_f1": ("relay_f1",), "events_f1": ("events", "f1"), "events_p": ("events", "p"), "events_r": ("events", "r"),
    "dyads_f1": ("dyads", "f1"),
}


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("name,gold,inputs", [("dev", DEV_GOLD, [DEV_NEWS]), ("seed", SEED_GOLD, [SEED])])
def test_scores_stay_above_floors(name, gold, inputs, nlp, tmp_path):
    got = _score(gold, inputs, nlp, tmp_path)
    assert got["missing_articles"] == 0
    below = {}
    for floor, value in FLOORS[name].items():
        measured = got
        for key in MEASURES[floor]:
            measured = measured[key]
        if measured < value:
            below[floor] = (measured, value)
    assert not below, f"below the floor (measured, floor): {below}"


@needs_shared
def test_seed_required_events(nlp):
    """The seed's required events, with Blinken asserting both AID events and no AGREE for the denied arms deals."""
    record = kilde.extract(kilde.read([str(SEED)]), nlp)[0]
    coded = {(e["type"], e["source"]["country"], e["target"]["country"]): e for e in record["events"]}
    undirected = {(t, frozenset((s, g))) for t, s, g in coded}
    for t, s, g in [("ACCUSE", "USA", "PRK"), ("AID", "PRK", "RUS"), ("AID", "RUS", "PRK"), ("REQUEST", "USA", "CHN")]:
        assert (t, s, g) in coded, (t, s, g)
    for t, pair in [("CONSULT", ("USA", "KOR")), ("COOPERATE", ("KOR", "USA")), ("CONSULT", ("PRK", "RUS")),
                    ("AGREE", ("RUS", "PRK"))]:
        assert (t, frozenset(pair)) in undirected, (t, pair)
    assert coded[("AID", "PRK", "RUS")]["asserted_by"] == "Antony Blinken"
    assert coded[("AID", "RUS", "PRK")]["asserted_by"] == "Antony Blinken"
    consult = [e for (t, s, g), e in coded.items() if t == "CONSULT" and {s, g} == {"PRK", "RUS"}][0]
    assert consult["date"] == "2023-09"
    assert sum(1 for (t, _, _) in coded if t == "AGREE") == 1
    denied = [e for e in record["negated_events"] if e["type"] == "AID"]
    assert denied and denied[0]["source"]["country"] == "PRK"
