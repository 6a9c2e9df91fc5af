"""The committed model loads offline and still scores what meta.json says it does."""
import json
from pathlib import Path

from kilde.nlp.pipeline import MODEL_DIR, load
from tests.conftest import needs_shared

FLOORS = json.loads((Path(__file__).parent.parent / "accuracy_floors.json").read_text(encoding="utf-8"))


def test_committed_model_loads_with_kilde_components():
    nlp = load()
    assert "ner" in nlp.pipe_names
    assert nlp.pipe_names[0] == "kilde_sentences" and "kilde_quotes" in nlp.pipe_names
    assert (MODEL_DIR / "meta.json").exists()
    assert nlp.meta["kilde_scores"]["dev"]["f"] > 0.5


def test_other_pipeline_gets_kilde_components(tmp_path):
    import spacy

    spacy.blank("da").to_disk(tmp_path / "blank")
    nlp = load(str(tmp_path / "blank"))
    assert nlp.pipe_names[0] == "kilde_sentences" and "kilde_quotes" in nlp.pipe_names


@needs_shared
def test_model_scores_its_recorded_dev_figure(tmp_path):
    import sys

    import spacy

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from train_model import UNER, read_iob2, score, to_docbin

    nlp = spacy.load(MODEL_DIR)
    path = tmp_path / "dev.spacy"
    to_docbin(nlp, read_iob2(UNER / "da_ddt-ud-dev.iob2")).to_disk(path)
    got = score(nlp, path)["f"]
    assert abs(got - nlp.meta["kilde_scores"]["dev"]["f"]) <= 0.01
    assert got >= FLOORS["ner_uner_dev_f"] - 0.01


def test_name_swapping_keeps_labels_aligned_and_genitives_genitive():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from train_model import _spans, augment

    sents = [(["Anna", "Holm", "rejste", "til", "Danmarks", "hovedstad", "."], [True] * 6 + [False],
              ["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O"]),
             (["Ole", "bor", "i", "Sverige"], [True] * 3 + [False], ["B-PER", "O", "O", "B-LOC"]),
             (["Ingen", "navne", "her"], [True, True, False], ["O", "O", "O"])]
    copies = augment(sents, 3, seed=1)
    assert len(copies) == 6 and copies == augment(sents, 3, seed=1)  # sentences with names only; seeded
    for words, spaces, tags in copies:
        assert len(words) == len(spaces) == len(tags)
        labels = [label for _, _, label in _spans(tags)]
        assert labels == ["PER", "LOC"]
        loc = next(words[a:b] for a, b, label in _spans(tags) if label == "LOC")
        if "rejste" in words:
            assert loc[-1].endswith("s")  # "Danmarks hovedstad" stays a genitive
