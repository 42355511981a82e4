"""The API's browsable docs say their language and fit a phone's screen, like every other page."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_docs_page_is_vietnamese_and_fits_a_phone() -> None:
    html = Client().get("/api/docs").content.decode()
    assert '<html lang="vi">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "swagger-ui-bundle.js" in html and "<script>" not in html  # no inline script (CSP)
