"""What tests compare of two renderings of a page."""

from __future__ import annotations

import re

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def without_tokens(html: str) -> str:
    """The page without its CSRF tokens, which Django masks anew on every response: a kept page
    and the same page written afresh are otherwise the same text."""
    return TOKEN.sub("", html)
