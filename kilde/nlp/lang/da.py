"""Danish word lists used by the readers and the analysis components.

Data only: the components import these, so another language can supply its own.
"""
from __future__ import annotations

MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

FUNCTION_WORDS = frozenset(
    "og i at det er en til på de med for af som der ikke har den var han hun et om men "
    "vi jeg skal kan fra efter også blev ved så siger sagde eller vil nu være havde deres "
    "sig man når hvor over mod ud få mellem bliver blevet denne dette disse hvis kun".split()
)

# Punctuation conventions of Danish news.
DASHES = frozenset({"-", "–", "—"})
OPEN_QUOTES = frozenset({"»", "“", "”", '"', "„", "‘", "'", "«"})
CLOSE_QUOTES = frozenset({"«", "”", "“", '"', "’", "'", "»"})
