#!/usr/bin/env python3
"""Score a trained NER checkpoint on UNER dev/test and install it as Kilde's shipped model.

    python scripts/install_model.py build/model/out-wide/model-best --variant wide
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_model import ROOT, convert, install, score  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", type=Path)
    ap.add_argument("--variant", default="base")
    ap.add_argument("--epochs", type=int, default=0, help="epochs trained (for the record)")
    ap.add_argument("--build", type=Path, default=ROOT / "build" / "model")
    ap.add_argument("--output", type=Path, default=ROOT / "kilde" / "models" / "da_kilde")
    args = ap.parse_args()
    args.build.mkdir(parents=True, exist_ok=True)
    paths = convert(args.build)
    nlp = spacy.load(args.checkpoint)
    result = {"variant": args.variant, "epochs": args.epochs, "dev": score(nlp, paths["dev"]),
              "test": score(nlp, paths["test"])}
    print(json.dumps(result, indent=2))
    install(nlp, result, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
