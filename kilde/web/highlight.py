"""Cut an article's text into segments at every quote, event and mention boundary.

Each segment knows which quotes, events and mention cover it, so the article page
can highlight them at their exact offsets (the template escapes every segment).
"""
from __future__ import annotations

from typing import Any


def segments(text: str, quotes: list[dict[str, Any]], events: list[dict[str, Any]],
             mentions: list[dict[str, Any]], start: int = 0) -> list[dict[str, Any]]:
    """``[{"text", "start", "quote", "event", "mention"}]`` covering ``text[start:]`` in order.

    ``quote`` and ``event`` are the index of the first covering quote or event (or None);
    ``mention`` is the covering mention's label (or None).
    """
    spans = [("quote", i, q["start"], q["end"]) for i, q in enumerate(quotes)]
    spans += [("event", i, e["start"], e["end"]) for i, e in enumerate(events)]
    spans += [("mention", i, m["start"], m["end"]) for i, m in enumerate(mentions)]
    cuts = {start, len(text)}
    for _, _, s, e in spans:
        if s is not None and e is not None and start <= s < e <= len(text):
            cuts.update((s, e))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        seg: dict[str, Any] = {"text": text[a:b], "start": a, "quote": None, "event": None, "mention": None}
        for kind, i, s, e in spans:
            if s is not None and e is not None and s <= a and b <= e and seg[kind] is None:
                seg[kind] = mentions[i].get("label") if kind == "mention" else i
        out.append(seg)
    return out
