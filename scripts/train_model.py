#!/usr/bin/env python3
"""Train Kilde's Danish spaCy pipeline from the open data in ../shared/data/.

Reproducible (fixed seed); run through ``make model``. Steps:
  1. convert UNER Danish DDT (IOB2) to spaCy DocBin files (train/dev/test);
  2. train a small CNN NER (no pretrained vectors) with the chosen variant;
  3. assemble the shipped pipeline: tokenizer + ner + Kilde's rule components,
     and write the measured scores to ``meta.json`` (``kilde model info`` prints them).

Dev picks the model (spaCy's best checkpoint); test is scored once, for the report.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.iob_utils import iob_to_biluo, tags_to_entities

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
UNER = SHARED / "uner_da_ddt"

VARIANTS = {
    # name: (width, depth, embed rows, window, extra attrs, maxout pieces)
    "base": dict(width=96, depth=4, rows=[5000, 2500, 2500, 2500], window=1),
    "wide": dict(width=128, depth=4, rows=[10000, 5000, 5000, 5000], window=1),
    "deep": dict(width=128, depth=6, rows=[10000, 5000, 5000, 5000], window=1),
    "fast": dict(width=64, depth=2, rows=[5000, 2500, 2500, 2500], window=1),
    # the first and last letters of every word embedded one by one (names, endings), no hashed affixes
    "chars": dict(width=64, depth=2, rows=[5000], window=1, embed="chars"),
    "chars-deep": dict(width=96, depth=4, rows=[7500], window=1, embed="chars"),
}

HASH_EMBED = """@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = {rows}
include_static_vectors = false"""

CHAR_EMBED = """@architectures = "spacy.CharacterEmbed.v2"
width = {width}
rows = {rows0}
nM = 32
nC = 8
include_static_vectors = false"""

CONFIG = """
[paths]
train = null
dev = null
init_tok2vec = null

[system]
seed = {seed}
gpu_allocator = null

[nlp]
lang = "da"
pipeline = ["tok2vec","ner"]
batch_size = 1000

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
{embed}

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = {window}
maxout_pieces = 3

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
dropout = {dropout}
accumulate_gradient = 1
patience = {patience}
max_epochs = {epochs}
max_steps = 0
eval_frequency = 200
frozen_components = []
annotating_components = []
gpu_allocator = ${{system.gpu_allocator}}
before_to_disk = null
before_update = null

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[initialize]
vectors = null
init_tok2vec = ${{paths.init_tok2vec}}
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


Sentence = tuple[list[str], list[bool], list[str]]  # words, spaces after them, IOB2 tags


def read_iob2(path: Path) -> list[Sentence]:
    """Sentences of ``(words, spaces, iob_tags)`` from a UNER IOB2 file."""
    sents = []
    text, words, tags = "", [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# text = "):
            text = line[9:]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if words:
                sents.append((words, _spaces(text, words), tags))
            text, words, tags = "", [], []
        else:
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(cols[2] if cols[2] != "O" else "O")
    return sents


def _spaces(text: str, words: list[str]) -> list[bool]:
    spaces, pos = [], 0
    for w in words:
        i = text.find(w, pos)
        pos = (i + len(w)) if i >= 0 else pos + len(w)
        spaces.append(pos < len(text) and text[pos] == " ")
    return spaces


def to_docbin(nlp: spacy.Language, sents: list[Sentence], docs_per_group: int = 1) -> DocBin:
    """Sentences -> DocBin; ``docs_per_group`` joins consecutive sentences into one doc."""
    db = DocBin()
    for i in range(0, len(sents), docs_per_group):
        group = sents[i:i + docs_per_group]
        words = [w for s in group for w in s[0]]
        spaces = [sp for s in group for sp in s[1][:-1] + [True]]
        tags = [t for s in group for t in s[2]]
        db.add(Doc(nlp.vocab, words=words, spaces=spaces, ents=tags))
    return db


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the IOB2 entities, as spaCy reads the tags."""
    return [(start, end + 1, label) for label, start, end in tags_to_entities(iob_to_biluo(tags))]


def name_pools(sents: list[Sentence], gazetteer: bool = False) -> dict[str, list[list[str]]]:
    """Names by label to swap in: the training entities, and with ``gazetteer`` Kilde's gazetteer
    (states, capitals, organisations, media, known people) as PER/ORG/LOC."""
    from kilde.nlp.gazetteer import _LABEL_TO_ENT, names

    pools: dict[str, set[tuple[str, ...]]] = {}
    for words, _, tags in sents:
        for a, b, label in _spans(tags):
            pools.setdefault(label, set()).add(tuple(words[a:b]))
    if not gazetteer:
        return {label: sorted(p) for label, p in pools.items()}
    every = {name for name, _, _ in names()}
    for name, label, _ in names():
        base = name[:-2] if name.endswith(("'s", "’s")) else name[:-1] if name.endswith(("s", "'", "’")) else None
        if base in every:
            continue  # a genitive; the swap adds its own
        pools.setdefault(_LABEL_TO_ENT[label], set()).add(tuple(name.split()))
    return {label: sorted(p) for label, p in pools.items()}


def augment(sents: list[Sentence], copies: int, seed: int) -> list[Sentence]:
    """``copies`` more of every sentence with names, each name swapped for another of its label
    (a genitive stays a genitive): the model learns from context and shape, not from a list."""
    rng = random.Random(seed)
    pools = name_pools(sents)
    out: list[Sentence] = []
    for _ in range(copies):
        for words, spaces, tags in sents:
            spans = _spans(tags)
            if not spans:
                continue
            new_w: list[str] = []
            new_s: list[bool] = []
            new_t: list[str] = []
            k = 0
            for a, b, label in spans:
                new_w += words[k:a]
                new_s += spaces[k:a]
                new_t += tags[k:a]
                name = list(rng.choice(pools[label]))
                if words[b - 1].endswith("s") and len(words[b - 1]) > 2 and not name[-1].endswith("s"):
                    name[-1] += "s"  # "Danmarks" -> "Sveriges"
                new_w += name
                new_s += [True] * (len(name) - 1) + [spaces[b - 1]]
                new_t += [f"B-{label}"] + [f"I-{label}"] * (len(name) - 1)
                k = b
            out.append((new_w + words[k:], new_s + spaces[k:], new_t + tags[k:]))
    return out


def convert(build: Path, copies: int = 0, seed: int = 13) -> dict[str, Path]:
    nlp = spacy.blank("da")
    out = {}
    for split in ("train", "dev", "test"):
        sents = read_iob2(UNER / f"da_ddt-ud-{split}.iob2")
        if split == "train" and copies:
            sents = sents + augment(sents, copies, seed)
        path = build / f"uner-{split}.spacy"
        to_docbin(nlp, sents, docs_per_group=1).to_disk(path)
        out[split] = path
        print(f"{split}: {len(sents)} sentences -> {path}")
    return out


def score(nlp: spacy.Language, path: Path) -> dict[str, object]:
    """NER P/R/F overall and per label on a DocBin, through the model's own tokens."""
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    examples = []
    for gold, pred in zip(docs, nlp.pipe(Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs)):
        examples.append(Example(pred, gold))
    scores = nlp.get_pipe("ner").score(examples)
    per = {k: {m: round(v[m], 4) for m in ("p", "r", "f")} for k, v in (scores["ents_per_type"] or {}).items()}
    return {"p": round(scores["ents_p"], 4), "r": round(scores["ents_r"], 4),
            "f": round(scores["ents_f"], 4), "per_type": per}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", default="fast", choices=sorted(VARIANTS))
    ap.add_argument("--epochs", type=int, default=24)
    ap.add_argument("--patience", type=int, default=3000)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--augment", type=int, default=0, metavar="N",
                    help="add N copies of each training sentence with its names swapped (default 0)")
    ap.add_argument("--build", type=Path, default=ROOT / "build" / "model")
    ap.add_argument("--output", type=Path, default=ROOT / "kilde" / "models" / "da_kilde")
    ap.add_argument("--no-install", action="store_true", help="train and score only; do not replace the shipped model")
    args = ap.parse_args()
    if not UNER.exists():
        print(f"training data not found at {UNER}", file=sys.stderr)
        return 2
    random.seed(args.seed)
    args.build.mkdir(parents=True, exist_ok=True)
    paths = convert(args.build, args.augment, args.seed)
    v = VARIANTS[args.variant]
    embed = (CHAR_EMBED if v.get("embed") == "chars" else HASH_EMBED).format(
        width=v["width"], rows=json.dumps(v["rows"]), rows0=v["rows"][0])
    cfg = CONFIG.format(seed=args.seed, dropout=args.dropout, patience=args.patience, epochs=args.epochs,
                        width=v["width"], depth=v["depth"], window=v["window"], embed=embed)
    cfg_path = args.build / f"config-{args.variant}.cfg"
    cfg_path.write_text(cfg, encoding="utf-8")
    from spacy.cli.train import train

    out_dir = args.build / f"out-{args.variant}"
    started = time.time()
    train(cfg_path, out_dir, overrides={"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"])})
    seconds = time.time() - started
    trained = spacy.load(out_dir / "model-best")
    result = {"variant": args.variant, "seed": args.seed, "epochs": args.epochs, "augment": args.augment,
              "train_seconds": round(seconds),
              "dev": score(trained, paths["dev"]), "test": score(trained, paths["test"])}
    print(json.dumps(result, indent=2))
    (args.build / f"scores-{args.variant}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    if not args.no_install:
        install(trained, result, args.output)
    return 0


def install(trained: spacy.Language, result: dict[str, object], output: Path) -> None:
    """Write the trained pipeline where Kilde loads it from, with its scores."""
    if output.exists():
        shutil.rmtree(output)
    trained.meta["name"] = "kilde"
    trained.meta["version"] = "0.1.0"
    trained.meta["description"] = "Kilde's Danish NER (UNER Danish DDT, CC BY-SA 4.0), small CNN, no vectors"
    trained.meta["kilde_scores"] = result
    output.parent.mkdir(parents=True, exist_ok=True)
    trained.to_disk(output)
    print(f"installed -> {output}")


if __name__ == "__main__":
    sys.exit(main())
