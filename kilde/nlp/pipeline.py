"""Build the analysis pipeline: a Danish spaCy pipeline plus Kilde's components.

Kilde's own trained pipeline ships in ``kilde/models/da_kilde``; any other Danish
spaCy pipeline (a package name or a directory) can be given instead, and Kilde's
``kilde_*`` components are added to it in the same order.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kilde.errors import Code, KildeError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "da_kilde"

# Kilde's components, in pipeline order. Each module registers its factory on import.
COMPONENTS = ["kilde_sentences", "kilde_gazetteer", "kilde_quotes", "kilde_actors", "kilde_events"]

MAX_LENGTH = 6_000_000


def use_numpy_matmul(nlp: Language) -> None:
    """Let the pipeline's layers multiply matrices with numpy, on one thread.

    Thinc multiplies with BLIS by default. On CPUs that BLIS does not recognise it falls
    back to its generic kernels: on this project's AMD EPYC build machine numpy's OpenBLAS
    was 2.5-3x faster for the tok2vec's matrices, and tok2vec+ner took 7.4 instead of 10.0 ms
    per article (same entities). One BLAS thread, because parallelism comes from Dask workers:
    OpenBLAS's own threads doubled the CPU time and gained no wall time.
    """
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:  # not a GPU's ops
                layer.ops = ops
    threadpool_limits(limits=1, user_api="blas")


def register_extensions() -> None:
    """The Doc extensions Kilde's components read and write."""
    for name, default in (("article", None), ("quotes", None), ("events", None), ("actors", None), ("actor_mentions", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _import_components() -> None:
    import importlib

    for module in ("sentences", "gazetteer", "quotes", "actors", "events"):
        try:
            importlib.import_module(f"kilde.nlp.{module}")
        except ModuleNotFoundError as e:
            if e.name != f"kilde.nlp.{module}":
                raise


def load(model: str | Path | None = None, exclude: list[str] | None = None) -> Language:
    """Load ``model`` (default: Kilde's shipped model) and add Kilde's components.

    Falls back to a blank Danish pipeline (no NER) when no model is shipped.
    """
    register_extensions()
    _import_components()
    exclude = exclude or []
    if model is None:
        nlp = spacy.load(MODEL_DIR) if (MODEL_DIR / "config.cfg").exists() else spacy.blank("da")
    else:
        try:
            nlp = spacy.load(model)
        except OSError as e:
            raise KildeError(Code.E012, path=model) from e
    nlp.max_length = MAX_LENGTH
    use_numpy_matmul(nlp)
    for name in COMPONENTS:
        if name in exclude or name in nlp.pipe_names or name not in Language.factories:
            continue
        if name == "kilde_sentences" and ("parser" in nlp.pipe_names or "senter" in nlp.pipe_names):
            continue
        if name == "kilde_sentences":
            nlp.add_pipe(name, first=True)
        else:
            nlp.add_pipe(name)
    return nlp
