"""The committed model loads offline and still scores what meta.json says it does."""
import json
from pathlib import Path

from kilde.nlp.pipeline import MODEL_DIR, load, use_numpy_matmul
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


def test_numpy_matmul_finds_the_same_names_on_one_blas_thread():
    import spacy
    from threadpoolctl import threadpool_info

    text = ("Finlands statsminister, Aino Lehtonen, mødtes mandag med NATO's generalsekretær i Bruxelles. "
            "Ifølge Reuters lovede hun, at Helsinki vil sende mere udstyr til Estland og Letland.")
    plain = spacy.load(MODEL_DIR)
    fast = spacy.load(MODEL_DIR)
    use_numpy_matmul(fast)
    tok2vec = fast.get_pipe("tok2vec").model
    assert plain.get_pipe("tok2vec").model.ops.use_blis and not any(layer.ops.use_blis for layer in tok2vec.walk())
    assert [(e.text, e.label_) for e in fast(text).ents] == [(e.text, e.label_) for e in plain(text).ents]
    assert len(fast(text).ents) >= 3
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


@needs_shared
def test_model_scores_its_recorded_dev_figure(tmp_path):
    import sys

    import spacy

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from train_model import UNER, read_iob2, score, to_docbin

    nlp = spacy.load(MODEL_DIR)
    use_numpy_matmul(nlp)  # as load() runs it
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
