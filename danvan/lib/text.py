"""Vietnamese text folding for search that ignores case and diacritics.

SQLite's FTS `remove_diacritics` and PostgreSQL's `unaccent` do not agree (and SQLite does not fold
đ to d), so the product folds text itself into an indexed column and folds queries the same way.
"""

import unicodedata

_DD = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ→d and collapse whitespace: "Ô nhiễm" → "o nhiem"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_DD))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())
