#!/usr/bin/env python3
"""Score Kilde on the dev and seed gold (../shared/eval) and list its errors.

    python scripts/evaluate.py                 # scores as JSON
    python scripts/evaluate.py --errors quotes # plus every missed and spurious quote
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def load_scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def predict(inputs: list[Path], model: str | None = None) -> list[dict]:  # type: ignore[type-arg]
    sys.path.insert(0, str(ROOT))
    import kilde

    return kilde.extract(kilde.read([str(p) for p in inputs]), kilde.load(model))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", choices=["quotes", "events"], help="print the errors of this kind")
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", help="also write the full scores to this file")
    args = ap.parse_args()
    scorer = load_scorer()
    sets = {"dev": (SHARED / "eval" / "dev_gold.jsonl", [SHARED / "data" / "danish_news_dev.jsonl"]),
            "seed": (SHARED / "eval" / "seed_gold.jsonl", sorted((SHARED / "samples").glob("*.txt")))}
    out = {}
    for name, (gold, inputs) in sets.items():
        preds = predict(inputs, args.model)
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        out[name] = scorer.score(str(gold), fh.name)
        if args.errors == "quotes":
            show_quote_errors(scorer, gold, preds)
        elif args.errors == "events":
            show_event_errors(gold, preds)
        found, total = speaker_name_recall(gold, preds)
        print(f"{name}: gold speaker names among recognised entity mentions: {found}/{total} = {found / total:.3f}")
        found, total = actor_country_recall(gold, preds)
        print(f"{name}: countries of gold event actors among recognised actor mentions: {found}/{total}"
              f" = {found / total:.3f}" if total else f"{name}: no gold events")
    for name, sc in out.items():
        print(f"{name}: quotes P/R/F {sc['quotes']['p']}/{sc['quotes']['r']}/{sc['quotes']['f1']} "
              f"direct_r {sc['direct_quote_recall']} speaker {sc['speaker_acc']} relay_f1 {sc['relay_f1']} | "
              f"events P/R/F {sc['events']['p']}/{sc['events']['r']}/{sc['events']['f1']} dyads F {sc['dyads']['f1']}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


def show_quote_errors(scorer, gold_path: Path, preds: list[dict]) -> None:  # type: ignore[no-untyped-def,type-arg]
    """Per article: missed (MISS), spurious (FP) and mis-attributed (WRONG) quotes; then precision per rule."""
    rules: dict[str, list[int]] = {}  # rule -> [predicted, true, speaker right, speaker judged]
    by_id = {p["id"]: p for p in preds}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        pq = list(by_id.get(g["id"], {}).get("quotes", []))
        used = set()
        print(f"=== {g['id']}")
        for gq in sorted(g["quotes"], key=lambda x: bool(x.get("optional"))):
            best, bi = 0.0, None
            for i, x in enumerate(pq):
                if i not in used:
                    f = scorer.tok_f1(gq["text"], x["text"])
                    if f > best:
                        best, bi = f, i
            if best >= 0.5:
                used.add(bi)
                sp = scorer.speaker_name(pq[bi])
                ok = scorer.name_match([gq.get("speaker") or ""] + list(gq.get("speaker_alt") or []), sp)
                tally = rules.setdefault(pq[bi]["rule"], [0, 0, 0, 0])
                tally[0] += 1
                tally[1] += 1
                if gq.get("speaker") and not gq.get("optional"):
                    tally[2] += bool(ok)
                    tally[3] += 1
                rel = {scorer.relay_key(r) for r in gq.get("relays", [])} == scorer.relays(pq[bi])
                if not gq.get("optional") and (not ok and gq.get("speaker") or not rel):
                    print(f"  WRONG speaker={sp!r} gold={gq.get('speaker')!r} relays={pq[bi]['relays']} gold={gq.get('relays')} "
                          f"[{pq[bi]['rule']}] {gq['text'][:70]!r}")
            elif not gq.get("optional"):
                print(f"  MISS  {gq['kind']} {gq.get('speaker')!r}: {gq['text'][:90]!r}")
        for i, x in enumerate(pq):
            if i not in used:
                rules.setdefault(x["rule"], [0, 0, 0, 0])[0] += 1
                print(f"  FP    [{x['rule']}] {scorer.speaker_name(x)!r}: {x['text'][:90]!r}")
    print("per rule: quotes predicted, precision (a gold quote, optional ones too), speaker accuracy")
    for rule, (n, true, right, judged) in sorted(rules.items(), key=lambda kv: -kv[1][0]):
        acc = f"{right / judged:.2f} ({right}/{judged})" if judged else "-"
        print(f"  {rule:<20} {n:4d}  P {true / n:.2f}  speaker {acc}")


def speaker_name_recall(gold_path: Path, preds: list[dict]) -> tuple[int, int]:  # type: ignore[type-arg]
    """Distinct gold speaker names (per article) whose surname is inside a recognised entity mention."""
    by_id = {p["id"]: p for p in preds}
    found = total = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        names = {q["speaker"] for q in g.get("quotes", []) if q.get("speaker") and not q.get("optional")}
        ents = " | ".join(e["text"] for e in by_id.get(g["id"], {}).get("entities", []))
        for n in names:
            total += 1
            found += n.split()[-1] in ents
    return found, total


def actor_country_recall(gold_path: Path, preds: list[dict]) -> tuple[int, int]:  # type: ignore[type-arg]
    """Per article, the gold event countries (source and target) that Kilde recognised as some actor's country."""
    by_id = {p["id"]: p for p in preds}
    found = total = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        wanted = {c for e in g.get("events", []) if not e.get("optional")
                  for c in (e["source_country"], e["target_country"])}
        have = {a.get("country") for a in by_id.get(g["id"], {}).get("actors", [])}
        found += len(wanted & have)
        total += len(wanted)
    return found, total


def show_event_errors(gold_path: Path, preds: list[dict]) -> None:  # type: ignore[type-arg]
    """Per article: missed gold events (MISS), spurious predictions (FP) with rule and evidence."""
    by_id = {p["id"]: p for p in preds}
    per_type: dict[str, list[int]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        pe = list(by_id.get(g["id"], {}).get("events", []))
        used: set[int] = set()
        lines = []
        for ge in sorted(g.get("events", []), key=lambda x: bool(x.get("optional"))):
            types = {ge["type"]} | set(ge.get("alt_types", []))
            hit = None
            for i, x in enumerate(pe):
                s, t = x["source"]["country"], x["target"]["country"]
                fwd = (s, t) == (ge["source_country"], ge["target_country"])
                back = ge.get("symmetric") and (t, s) == (ge["source_country"], ge["target_country"])
                if i not in used and x["type"] in types and (fwd or back):
                    hit = i
                    break
            if hit is not None:
                used.add(hit)
                if not ge.get("optional"):
                    per_type.setdefault(pe[hit]["type"], [0, 0, 0])[0] += 1
            elif not ge.get("optional"):
                per_type.setdefault(ge["type"], [0, 0, 0])[2] += 1
                lines.append(f"  MISS  {ge['type']} {ge['source_country']}->{ge['target_country']}: {ge.get('note', '')[:90]}")
        for i, x in enumerate(pe):
            if i not in used:
                per_type.setdefault(x["type"], [0, 0, 0])[1] += 1
                lines.append(f"  FP    {x['type']} {x['source']['country']}->{x['target']['country']} [{x['rule']}] "
                             f"{x['cue']!r} {x['source']['mention']!r}/{x['target']['mention']!r}: {x['text'][:100]!r}")
        if lines:
            print(f"=== {g['id']}")
            print("\n".join(lines))
    print("per type (tp, fp, fn; optional gold matches are neither):")
    for t, (tp, fp, fn) in sorted(per_type.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"  {t:10s} P {p:.2f} R {r:.2f}  tp {tp} fp {fp} fn {fn}")


if __name__ == "__main__":
    sys.exit(main())
