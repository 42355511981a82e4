"""Search that ignores case and diacritics, the same on SQLite and PostgreSQL.

Text is folded (danvan.lib.text.fold: "Ô nhiễm" → "o nhiem", đ → d) into Petition.search_text
when written, and queries are folded the same way, so NFD input and capitals find their matches.
"""

from __future__ import annotations

from danvan.lib.text import fold
from danvan.petitions.models import PetitionQuerySet


def search(qs: PetitionQuerySet, query: str) -> PetitionQuerySet:
    """Petitions whose subject or content contains every word of `query`, ignoring diacritics."""
    for word in fold(query).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs
