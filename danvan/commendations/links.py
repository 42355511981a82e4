"""The link another app's page offers as "Đề nghị khen thưởng": the proposal form, filled in
with what the proposal is for (views._prefill reads the same parameters)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse


def proposal_url(
    commune_id: int,
    *,
    source: str,
    label: str = "",
    recipient: str = "",
    url: str = "",
    unit_id: int | None = None,
) -> str:
    params = {
        "xa": commune_id,
        "ve": source,
        "thuoc": label,
        "ten": recipient,
        "duong-dan": url,
        "don-vi": unit_id or "",
    }
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return f"{reverse('commendations:proposal_create')}?{query}"
