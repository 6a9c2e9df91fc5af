"""A large synthetic store for the API benchmark, generated inside DuckDB (seeded, no NLP).

Rows have the real schema and realistic shapes: Danish-looking article text, dates over
ten years, a few hundred speakers and outlets, quotes with relays, PLOVER events between
thirty states, and actor facts. Not for accuracy: only for load.
"""
from __future__ import annotations

from kilde.store.db import Store

STATES = ["USA", "RUS", "CHN", "UKR", "DNK", "DEU", "FRA", "GBR", "PRK", "KOR", "JPN", "ISR", "PSE", "IRN", "TUR",
          "SWE", "NOR", "FIN", "POL", "HUN", "EU", "NATO", "UN", "IND", "SAU", "EGY", "SYR", "BLR", "TWN", "ESP"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
WORDS = ("regeringen ministeren siger at landet vil samarbejde med partnere om sikkerhed forsvar handel klima "
         "energi sanktioner aftale møde topmøde krigen våbenhvile forhandlinger presse demokrati valget borgerne "
         "økonomien politiet kommunen hospitalet skolen arbejdet fremtiden Europa Norden Østersøen Arktis").split()
OUTLETS = ["dr.dk", "tv2.dk", "politiken.dk", "berlingske.dk", "jp.dk", "information.dk", "kristeligt-dagblad.dk",
           "bt.dk", "ekstrabladet.dk", "altinget.dk"]
RARE = 20_000  # a long tail of rarer words ("ord17"), drawn with a skew like real vocabulary
RELAYS = ["Ritzau", "AFP", "Reuters", "AP", "DR", "TV 2", "Bloomberg"]


SYN = "(SELECT *, CAST(hash(id) % 1000003 AS BIGINT) AS h FROM articles WHERE source = 'synthetic')"


def _list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def fill(store: Store, articles: int, seed: float = 0.42) -> dict[str, int]:
    """Insert ``articles`` synthetic articles with ~3 quotes, ~2 events and ~3 actor facts each."""
    con = store.con
    con.execute("SET enable_progress_bar = false")
    con.execute("SELECT setseed(?)", [seed])
    words, states, types = _list(WORDS), _list(STATES), _list(TYPES)
    outlets, relays = _list(OUTLETS), _list(RELAYS)
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        INSERT INTO articles (id, hash, url, outlet, title, authors, published, date, date_stamp, language, topic,
                              source, text, body_start, paragraphs, warnings, id_hash)
        SELECT 'syn-' || i, md5(i::VARCHAR), 'https://example.org/' || i, {outlets}[1 + i % 10],
               'Artikel ' || i, ['Redaktionen'], NULL, DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), NULL, 'da',
               'politics', 'synthetic',
               (SELECT string_agg(CASE WHEN random() < 0.5
                                       THEN {words}[1 + CAST(floor(random() * {len(WORDS)}) AS INTEGER)]
                                       ELSE 'ord' || CAST(floor(pow(random(), 3) * {RARE}) AS INTEGER) END, ' ')
                  FROM range(250) r WHERE r.range >= 0 * i),
               0, [], [], hash('syn-' || i)
        FROM range(?) t(i)""", [articles])
    con.execute(f"""
        INSERT INTO quotes (article_id, idx, text, start, "end", kind, speaker, speaker_mention, speaker_type,
                            speaker_country, cue, relays, paragraph, rule, date)
        SELECT a.id, q.range, 'Vi vil ' || {words}[1 + (a.h + q.range) % {len(WORDS)}] || ' og '
                 || {words}[1 + (a.h * 7 + q.range) % {len(WORDS)}], 10 * q.range, 10 * q.range + 9,
               CASE WHEN q.range = 0 THEN 'direct' ELSE 'indirect' END,
               'Taler ' || ((a.h + q.range) % 500), 'Taler', 'PER',
               {states}[1 + (a.h + q.range) % 30], 'siger',
               CASE WHEN (a.h + q.range) % 3 = 0 THEN [{relays}[1 + (a.h + q.range) % 7]] ELSE [] END,
               q.range, 'dash+attribution', a.date
        FROM {SYN} a, range(3) q""")
    con.execute(f"""
        INSERT INTO events (article_id, idx, type, source_name, source_country, source_sector, target_name,
                            target_country, target_sector, negated, asserted_by, date, text, start, "end",
                            confidence, rule, reports)
        SELECT a.id, e.range, {types}[1 + (a.h + e.range * 5) % 16],
               {states}[1 + (a.h + e.range) % 30], {states}[1 + (a.h + e.range) % 30], 'GOV',
               {states}[1 + (a.h // 31 + e.range + 1) % 30], {states}[1 + (a.h // 31 + e.range + 1) % 30],
               'GOV', (a.h + e.range) % 20 = 0, NULL, a.date, left(a.text, 160), 0, 160, 0.7, 'cue-v-verb', 1
        FROM {SYN} a, range(2) e""")
    con.execute(f"""
        INSERT INTO actors (article_id, idx, name, type, country, sector, role, evidence, start, "end", date,
                            mentions, source)
        SELECT a.id, x.range, 'Taler ' || ((a.h + x.range) % 500), 'PER',
               {states}[1 + (a.h + x.range) % 30], 'GOV', 'minister', 'minister', 0, 8, a.date, 2, 'text'
        FROM {SYN} a, range(3) x""")
    store.index_terms()
    con.execute("COMMIT")
    store.sort_terms()
    return store.counts()
