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


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("name,gold,inputs", [("dev", DEV_GOLD, [DEV_NEWS]), ("seed", SEED_GOLD, [SEED])])
def test_quote_scores_stay_above_floors(name, gold, inputs, nlp, tmp_path):
    got = _score(gold, inputs, nlp, tmp_path)
    floors = FLOORS[name]
    assert got["missing_articles"] == 0
    assert got["quotes"]["f1"] >= floors["quotes_f1"], got["quotes"]
    assert got["direct_quote_recall"] >= floors["direct_quote_recall"]
    assert got["speaker_acc"] >= floors["speaker_acc"]
    assert got["relay_f1"] >= floors["relay_f1"]
