"""What tests compare of two renderings of a page."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

TOKEN = re.compile(r'name="(?:csrfmiddlewaretoken|token)" value="[^"]*"')


def without_tokens(html: str) -> str:
    """The page without its CSRF tokens, which Django masks anew on every response, and the
    portal forms' signed token (portal.forms.GuardedForm: the time it was shown): a kept page
    and the same page written afresh are otherwise the same text."""
    return TOKEN.sub("", html)


def kept_as_fresh(client: Client, url: str, settings: Any) -> str:
    """The page at `url` as `client` reads it, asserted the same three times (but for its CSRF
    tokens): as first written and kept, as kept (core.cache.kept), and written afresh with
    nothing kept (`settings.KEPT_PAGES` off, pytest-django's `settings`, left on again)."""
    settings.KEPT_PAGES = True
    responses = [client.get(url), client.get(url)]
    settings.KEPT_PAGES = False
    responses.append(client.get(url))
    settings.KEPT_PAGES = True
    assert [r.status_code for r in responses] == [200, 200, 200], url
    first, kept, fresh = (r.content.decode() for r in responses)
    assert without_tokens(first) == without_tokens(kept) == without_tokens(fresh), url
    return fresh


def another_apps_write(commune: Any, by: Any, app: str = "news") -> None:
    """The entry `app` logs when it writes a record of the commune (core.audit.log_action),
    for a test of a part kept by other apps' marks, which must stay kept; without a test
    importing that app."""
    from django.apps import apps

    from danvan.core.audit import log_action

    model = next(iter(apps.get_app_config(app).get_models()))
    log_action(model(pk=1), f"{app}.written", by=by, commune=commune)
