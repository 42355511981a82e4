"""The browsable API docs (/api/docs) in a real browser, under the site's Content-Security-Policy
(no inline script): Swagger UI renders the description, with no CSP violation and no error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_the_docs_render_under_the_csp(desktop: Session) -> None:
    page = desktop.page
    page.goto(desktop.url("/api/docs"))
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Dân vận số API")
    expect(page.locator(".opblock-summary-path", has_text="/api/petitions").first).to_be_visible()
    assert desktop.console.csp == []
    assert desktop.console.errors == []
