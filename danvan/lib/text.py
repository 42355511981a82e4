"""Vietnamese text folding for search that ignores case and diacritics.

SQLite's FTS `remove_diacritics` and PostgreSQL's `unaccent` do not agree (and SQLite does not fold
đ to d), so the product folds text itself into an indexed column and folds queries the same way.
"""

import re
import unicodedata

_DD = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ→d and collapse whitespace: "Ô nhiễm" → "o nhiem"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_DD))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


# Since 1 July 2025 a commune-level unit is a xã, a phường or a đặc khu; older names may still
# carry "thị trấn".
_COMMUNE_LEVEL = re.compile(r"^\s*(xã|phường|thị\s+trấn|đặc\s+khu)\s+", re.IGNORECASE)


def commune_official_name(name: str) -> str:
    """The commune's name as a document writes it: "Hồng Phong" → "Xã Hồng Phong"; a name that
    already says its level ("Phường Kỳ Lừa", "Đặc khu Phú Quốc") is kept."""
    name = " ".join(name.split())
    return name if _COMMUNE_LEVEL.match(name) else f"Xã {name}"


def commune_place_name(name: str) -> str:
    """The place in a document's date line: "Xã Hồng Phong (Lạng Sơn)" → "Hồng Phong"."""
    bare = _COMMUNE_LEVEL.sub("", " ".join(name.split()))
    return re.sub(r"\s*\(.*\)\s*$", "", bare).strip() or bare
