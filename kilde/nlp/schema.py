"""The one place where an analysed Doc becomes an output record (the extract schema)."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from kilde.article import Article


def entity(ent: Span) -> dict[str, Any]:
    """``{"text", "start", "end", "label", "country"}`` for one entity mention."""
    label, _, country = (ent.ent_id_ or "").partition("|")
    return {
        "text": ent.text,
        "start": ent.start_char,
        "end": ent.end_char,
        "label": label or ent.label_,
        "country": country or None,
    }


def record(article: Article, doc: Doc) -> dict[str, Any]:
    """The extract record for ``article`` after ``doc`` went through the pipeline."""
    out = article.meta()
    out["entities"] = [entity(ent) for ent in doc.ents]
    out["quotes"] = list(doc._.quotes or [])
    events = list(doc._.events or [])
    out["events"] = [e for e in events if not e.get("negated")]
    out["negated_events"] = [e for e in events if e.get("negated")]  # denied or negated: not coded as that event
    out["actors"] = list(doc._.actors or [])
    return out
