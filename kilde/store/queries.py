"""Read queries behind the CLI, the HTTP API and the Python API.

Every filter is a bound parameter; only fixed column names enter the SQL text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kilde.store.db import Store


@dataclass
class Where:
    """A conjunction of parameterised conditions."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _span(w: Where, alias: str, since: str | None, until: str | None, article_id: str | None = None) -> None:
    """The date range and article filters that every listing shares."""
    if since:
        w.add(f"{alias}.date >= CAST(? AS DATE)", since)
    if until:
        w.add(f"{alias}.date <= CAST(? AS DATE)", until)
    if article_id:
        w.add(f"{alias}.article_id = ?", article_id)


def _page(limit: int, offset: int) -> str:
    return f" LIMIT {max(0, int(limit))} OFFSET {max(0, int(offset))}"


@dataclass
class Listing:
    """One filtered list: the rows of one page and how many rows match in all.

    The page is cut on row ids alone (filter, order, limit); only the page's rows are then
    read in full, and their ``extra`` article columns (outlet, url) are looked up by the
    articles' id hash rather than joined over all articles.
    """

    table: str  # "quotes q"
    where: Where
    order: str
    extra: tuple[str, ...] = ()  # article columns for the page rows, e.g. ("outlet", "url")
    columns: str = ""  # the table's columns to return (default: all)

    def rows(self, store: Store, limit: int, offset: int) -> pd.DataFrame:
        return self.page(store, limit, offset)[0]

    def page(self, store: Store, limit: int, offset: int) -> tuple[pd.DataFrame, int]:
        """The page's rows and the number of all matching rows.

        First the matching row ids of the page and the count, in one pass that reads only
        the filter and order columns; then the page's rows in full by row id.
        """
        alias = self.table.split()[-1]
        keys = store.con.execute(f"SELECT {alias}.rowid, count(*) OVER () FROM {self.table}{self.where.sql()} "
                                 f"ORDER BY {self.order}" + _page(limit, offset), self.where.params).fetchall()
        total = int(keys[0][1]) if keys else (self.total(store) if offset else 0)
        rows = store.df(f"SELECT {self.columns or alias + '.*'} FROM {self.table} "
                        f"WHERE {alias}.rowid IN (SELECT unnest(?::BIGINT[])) ORDER BY {self.order}",
                        [[int(k[0]) for k in keys]])
        if self.extra:
            ids = list(dict.fromkeys(rows["article_id"]))
            found = store.df(f"SELECT id AS article_id, {', '.join(self.extra)} FROM articles "
                             "WHERE id_hash IN (SELECT hash(unnest(?::VARCHAR[]))) AND id IN (SELECT unnest(?::VARCHAR[]))",
                             [ids, ids])
            rows = rows.merge(found, on="article_id", how="left")
        return rows, total

    def total(self, store: Store) -> int:
        row = store.con.execute(f"SELECT count(*) FROM {self.table}{self.where.sql()}", self.where.params).fetchone()
        return int(row[0]) if row else 0


def quote_listing(speaker: str | None = None, relay: str | None = None, since: str | None = None,
                  until: str | None = None, text: str | None = None, article_id: str | None = None) -> Listing:
    w = Where()
    if speaker:
        w.add("(q.speaker ILIKE ? OR q.speaker_mention ILIKE ?)", f"%{speaker}%", f"%{speaker}%")
    if relay:
        w.add("list_contains(list_transform(q.relays, lambda r: lower(r)), lower(?))", relay)
    _span(w, "q", since, until, article_id)
    if text:
        for word in text.split():
            w.add("q.text ILIKE ?", f"%{word}%")
    return Listing("quotes q", w, "q.date DESC NULLS LAST, q.article_id, q.idx", ("outlet", "url", "title"))


def quotes(store: Store, limit: int = 100, offset: int = 0, **filters: Any) -> pd.DataFrame:
    """Quotes, newest first, filtered by ``speaker``, ``relay``, ``since``/``until`` and ``text`` words."""
    return quote_listing(**filters).rows(store, limit, offset)


def event_listing(type: str | None = None, actor: str | None = None, dyad: str | None = None,
                  since: str | None = None, until: str | None = None, article_id: str | None = None,
                  include_negated: bool = False, distinct: bool = False) -> Listing:
    """Events; with ``distinct``, one row per event however many articles report it (the first report)."""
    w = Where()
    if distinct:
        w.add("(e.canonical IS NULL OR e.canonical = e.article_id || ':' || e.idx)")
    if not include_negated:
        w.add("NOT e.negated")
    if type:
        w.add("e.type = upper(?)", type)
    if actor:
        w.add("(e.source_name ILIKE ? OR e.target_name ILIKE ? OR e.source_country = upper(?) "
              "OR e.target_country = upper(?))", f"%{actor}%", f"%{actor}%", actor, actor)
    if dyad:
        a, _, b = dyad.upper().partition("-")
        w.add("((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))",
              a, b, b, a)
    _span(w, "e", since, until, article_id)
    return Listing("events e", w, "e.date DESC NULLS LAST, e.article_id, e.idx", ("outlet", "url"))


def events(store: Store, limit: int = 100, offset: int = 0, **filters: Any) -> pd.DataFrame:
    """Events, newest first; ``dyad`` is ``RUS-PRK`` (either direction); negated ones only on request."""
    return event_listing(**filters).rows(store, limit, offset)


def actor_listing(name: str | None = None, country: str | None = None) -> Listing:
    w = Where()
    if name:
        w.add("x.name ILIKE ?", f"%{name}%")
    if country:
        w.add("x.country = upper(?)", country)
    return Listing("actors x", w, "x.name, x.date NULLS LAST, x.article_id", ("outlet", "url"))


def actors(store: Store, limit: int = 100, offset: int = 0, **filters: Any) -> pd.DataFrame:
    """Actor facts (name, country, sector, role) with the article and date they came from."""
    return actor_listing(**filters).rows(store, limit, offset)


def article_listing(q: str | None = None, outlet: str | None = None, language: str | None = None,
                    since: str | None = None, until: str | None = None) -> Listing:
    w = Where()
    wanted = words(q or "")
    if wanted:  # whole words, through the (hashed) word index: the articles that hold them all
        both = " INTERSECT ".join("SELECT article FROM terms WHERE term = hash(?)" for _ in wanted)
        w.add(f"r.id_hash IN ({both})", *wanted)
    if outlet:
        w.add("r.outlet ILIKE ?", f"%{outlet}%")
    if language:
        w.add("r.language = ?", language)
    _span(w, "r", since, until)
    return Listing("articles r", w, "r.date DESC NULLS LAST, r.id",
                   columns="r.id, r.url, r.outlet, r.title, r.authors, r.published, r.date, r.language, r.topic, "
                           "left(trim(substr(r.text, coalesce(r.body_start, 0) + 1)), 200) AS snippet")


def words(text: str) -> list[str]:
    """Search words as the term index holds them: lower-cased letters and digits."""
    import re

    return [w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 1]


def articles(store: Store, limit: int = 100, offset: int = 0, **filters: Any) -> pd.DataFrame:
    """Articles (without full text), newest first, with optional word search and filters."""
    return article_listing(**filters).rows(store, limit, offset)


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article with its full text, quotes, events (negated too), actors and entity mentions."""
    found = store.df("SELECT * FROM articles WHERE id = ?", [article_id])
    if found.empty:
        return None
    out = records(found)[0]
    for table in ("quotes", "events", "actors", "mentions"):
        out[table] = records(store.df(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY idx", [article_id]))
    return out


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (dates as ISO text, missing values as None)."""
    return [{k: _plain(v, k) for k, v in row.items()} for row in df.to_dict("records")]


def _plain(v: Any, key: str = "") -> Any:
    """Numpy arrays, timestamps and missing values as plain JSON values."""
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if key == "date" else v.isoformat()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def top_speakers(store: Store, limit: int = 10) -> pd.DataFrame:
    """The most quoted speakers."""
    return store.df("SELECT speaker, any_value(speaker_country) AS country, count(*) AS quotes FROM quotes "
                    "WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY quotes DESC, speaker" + _page(limit, 0))


def top_dyads(store: Store, limit: int = 10) -> pd.DataFrame:
    """The most active country pairs (coded events, either direction)."""
    return store.df(
        "SELECT least(source_country, target_country) || '-' || greatest(source_country, target_country) AS dyad, "
        "count(*) AS events, sum(CASE WHEN type IN ('AGREE','CONSULT','SUPPORT','CONCEDE','COOPERATE','AID','RETREAT') "
        "THEN 1 ELSE 0 END) AS cooperation FROM events WHERE NOT negated AND source_country IS NOT NULL "
        "AND target_country IS NOT NULL GROUP BY dyad ORDER BY events DESC, dyad" + _page(limit, 0))


def network(store: Store, since: str | None = None, until: str | None = None, limit: int = 200) -> dict[str, Any]:
    """Actor network: countries as nodes, coded events as edges (by PLOVER type)."""
    w = Where()
    w.add("NOT negated")
    w.add("source_country IS NOT NULL AND target_country IS NOT NULL")
    if since:
        w.add("date >= CAST(? AS DATE)", since)
    if until:
        w.add("date <= CAST(? AS DATE)", until)
    edges = store.df("SELECT source_country AS source, target_country AS target, type, count(*) AS n FROM events"
                     + w.sql() + " GROUP BY ALL ORDER BY n DESC, source, target, type" + _page(limit, 0), w.params)
    degree: dict[str, int] = {}
    for e in edges.itertuples():
        degree[e.source] = degree.get(e.source, 0) + int(e.n)
        degree[e.target] = degree.get(e.target, 0) + int(e.n)
    nodes = [{"id": k, "events": v} for k, v in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": records(edges)}


def actor_profile(store: Store, name: str, limit: int = 50) -> dict[str, Any] | None:
    """An actor: roles over time with their sources, the quotes they gave and the events they took part in."""
    roles = store.df("SELECT x.date, x.role, x.country, x.sector, x.evidence, x.source AS known_from, x.article_id, "
                     "a.outlet, a.url FROM actors x JOIN articles a ON a.id = x.article_id WHERE x.name = ? "
                     "ORDER BY x.date NULLS LAST, x.article_id", [name])
    if roles.empty:
        return None
    said = quotes(store, speaker=name, limit=limit)
    said = said[said["speaker"] == name]
    acted = store.df("SELECT e.*, a.outlet FROM events e JOIN articles a ON a.id = e.article_id WHERE NOT e.negated "
                     "AND (e.source_name = ? OR e.target_name = ? OR e.asserted_by = ?) "
                     "ORDER BY e.date DESC NULLS LAST, e.article_id, e.idx" + _page(limit, 0), [name, name, name])
    last = records(roles.tail(1))[0]
    return {"name": name, "country": last["country"], "sector": last["sector"], "roles": records(roles),
            "quotes": records(said), "events": records(acted)}


def rejects(store: Store, limit: int = 100, offset: int = 0) -> pd.DataFrame:
    """Rejected input records with their reasons."""
    return store.df("SELECT * FROM rejects ORDER BY id" + _page(limit, offset))


def stats(store: Store) -> dict[str, Any]:
    """Counts per table plus the date range and languages."""
    out: dict[str, Any] = dict(store.counts())
    row = store.con.execute("SELECT min(date), max(date) FROM articles").fetchone()
    out["first_date"], out["last_date"] = (str(row[0]) if row and row[0] else None,
                                           str(row[1]) if row and row[1] else None)
    out["languages"] = dict(store.con.execute(
        "SELECT language, count(*) FROM articles GROUP BY language ORDER BY 2 DESC").fetchall())
    row = store.con.execute("SELECT count(DISTINCT coalesce(story_id, id)) FROM articles").fetchone()
    out["stories"] = int(row[0]) if row else 0
    row = store.con.execute("SELECT count(DISTINCT coalesce(canonical, article_id || ':' || idx)) FROM events "
                            "WHERE NOT negated").fetchone()
    out["distinct_events"] = int(row[0]) if row else 0
    return out


# PLOVER categories on a cooperation (+) / conflict (-) scale, after the quad classes of
# event data (verbal and material cooperation, verbal and material conflict).
COOPERATION_WEIGHTS = {
    "AGREE": 3.0, "CONSULT": 1.0, "SUPPORT": 2.0, "CONCEDE": 2.0, "COOPERATE": 4.0, "AID": 5.0, "RETREAT": 3.0,
    "REQUEST": -1.0, "ACCUSE": -2.0, "REJECT": -2.0, "THREATEN": -4.0, "PROTEST": -3.0, "SANCTION": -5.0,
    "MOBILIZE": -6.0, "COERCE": -7.0, "ASSAULT": -10.0,
}


def dyad_series(store: Store, dyad: str, since: str | None = None, until: str | None = None) -> pd.DataFrame:
    """Monthly counts per PLOVER type for a dyad (``RUS-PRK``, either direction) and a cooperation-conflict
    score (sum of the weights above; cooperation above zero, conflict below). Each event counts once however
    many articles of its story report it; negated events are left out."""
    a, _, b = dyad.upper().partition("-")
    w = Where()
    w.add("NOT e.negated")
    w.add("((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))", a, b, b, a)
    w.add("e.date IS NOT NULL")
    _span(w, "e", since, until)
    counts = store.df("SELECT strftime(date_trunc('month', e.date), '%Y-%m') AS month, e.type, "
                      "count(DISTINCT coalesce(e.canonical, e.article_id || ':' || e.idx)) AS n "
                      "FROM events e" + w.sql() + " GROUP BY ALL ORDER BY month, e.type", w.params)
    if counts.empty:
        return pd.DataFrame(columns=["month", *COOPERATION_WEIGHTS, "cooperation", "conflict", "score"])
    table = counts.pivot_table(index="month", columns="type", values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=list(COOPERATION_WEIGHTS), fill_value=0).astype(int)
    weights = pd.Series(COOPERATION_WEIGHTS)
    table["cooperation"] = (table[list(COOPERATION_WEIGHTS)] * weights.clip(lower=0)).sum(axis=1)
    table["conflict"] = (table[list(COOPERATION_WEIGHTS)] * weights.clip(upper=0)).sum(axis=1)
    table["score"] = table["cooperation"] + table["conflict"]
    return table.reset_index()


def plover_records(store: Store) -> list[dict[str, Any]]:
    """Events as PLOVER JSON records (id, date, actor, recipient, event, mode, context, event_text, ...)."""
    df = store.df("SELECT e.*, a.outlet, a.url, a.published FROM events e JOIN articles a ON a.id = e.article_id "
                  "WHERE NOT e.negated ORDER BY e.article_id, e.idx")
    out = []
    for r in df.to_dict("records"):
        r = {k: (None if not isinstance(v, (list, dict)) and pd.isna(v) else v) for k, v in r.items()}
        out.append({
            "id": f"{r['article_id']}-{r['idx']}",
            "date": None if r["date"] is None else str(r["date"])[:10],
            "actor": r["source_name"], "actor_country": r["source_country"], "actor_sector": r["source_sector"],
            "recipient": r["target_name"], "recipient_country": r["target_country"],
            "recipient_sector": r["target_sector"],
            "event": r["type"], "mode": r["mode"], "context": None,
            "event_text": r["text"], "event_text_start": r["start"], "event_text_end": r["end"],
            "asserted_by": r["asserted_by"], "location": r["location"], "confidence": r["confidence"],
            "coder": f"kilde:{r['rule']}", "story_id": r["article_id"], "source_outlet": r["outlet"],
            "url": r["url"],
        })
    return out


def reports(store: Store, kind: str, article_id: str, idx: int) -> dict[str, Any]:
    """How many articles report the same quote or event, and which (the story's other reports)."""
    table = {"quote": "quotes", "event": "events"}[kind]
    row = store.con.execute(f"SELECT coalesce(canonical, article_id || ':' || idx) FROM {table} "
                            "WHERE article_id = ? AND idx = ?", [article_id, idx]).fetchone()
    if not row:
        return {"reports": 0, "articles": []}
    ids = [r[0] for r in store.con.execute(
        f"SELECT DISTINCT article_id FROM {table} WHERE coalesce(canonical, article_id || ':' || idx) = ? "
        "ORDER BY article_id", [row[0]]).fetchall()]
    return {"canonical": row[0], "reports": len(ids), "articles": ids}


def stories(store: Store, min_size: int = 2, limit: int = 50, offset: int = 0) -> pd.DataFrame:
    """Stories told by several articles, largest first, with their outlets."""
    return store.df("SELECT story_id, count(*) AS articles, list(DISTINCT outlet) FILTER (outlet IS NOT NULL) "
                    "AS outlets, min(date) AS first_date, max(date) AS last_date FROM articles "
                    "WHERE story_id IS NOT NULL GROUP BY story_id HAVING count(*) >= ? "
                    "ORDER BY articles DESC, story_id" + _page(limit, offset), [min_size])
