"""Our `truncatechars` and `date` give what Django's give, for any value, in templates too."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template, engines
from django.template.defaultfilters import date as django_date
from django.template.defaultfilters import truncatechars as django_truncatechars
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.templatetags import fast_text
from danvan.core.templatetags.fast_text import truncatechars

# Vietnamese both precomposed and decomposed (combining marks), and anything else.
VIETNAMESE = "aăâeêioôơuưyđ" + "\u0300\u0301\u0303\u0309\u0323" + "ếộữ Đ"


@given(st.text(alphabet=st.sampled_from(VIETNAMESE)) | st.text(), st.integers(-2, 40))
def test_truncatechars_is_djangos(text: str, length: int) -> None:
    assert truncatechars(text, length) == django_truncatechars(text, length)


def test_the_template_filter_is_ours_and_says_the_same() -> None:
    builtins = engines["django"].engine.template_builtins  # type: ignore[attr-defined]
    last = [lib.filters["truncatechars"] for lib in builtins if "truncatechars" in lib.filters]
    assert last[-1] is truncatechars  # the engine's later built-ins win
    long = "Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân " * 3
    shown = Template("{{ t|truncatechars:40 }}|{{ t|truncatechars:'x' }}").render(
        Context({"t": long})
    )
    cut, unchanged = shown.split("|")
    assert cut == django_truncatechars(long, 40) and len(cut) == 40 and cut.endswith("…")
    assert unchanged == long
    assert Template("{{ t|truncatechars:9 }}").render(Context({"t": "<b>đậm</b>"})) == (
        "&lt;b&gt;đậm&lt;/…"
    )


# --- date ---------------------------------------------------------------------------------------

FORMATS = [*fast_text.FORMATS, "D d/m/Y", "SHORT_DATE_FORMAT", "", None]
ZONES = [None, UTC, ZoneInfo("Asia/Ho_Chi_Minh"), ZoneInfo("America/New_York")]


@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.sampled_from(ZONES),
    st.sampled_from(FORMATS),
    st.booleans(),
)
def test_date_is_djangos(moment: datetime, zone: Any, fmt: str | None, day_only: bool) -> None:
    value: date | datetime = moment.date() if day_only else moment.replace(tzinfo=zone)
    assert outcome(fast_text.date, value, fmt) == outcome(django_date, value, fmt)


@pytest.mark.parametrize("value", [None, "", "2026-03-05", 5, "không phải ngày"])
def test_date_of_what_is_no_date_is_djangos(value: Any) -> None:
    for fmt in FORMATS:
        assert outcome(fast_text.date, value, fmt) == outcome(django_date, value, fmt)


def outcome(date_filter: Any, value: Any, fmt: str | None) -> str:
    """What the filter writes, or the error it raises (Django refuses a time format for a day)."""
    try:
        return str(date_filter(value, fmt))
    except TypeError as e:
        return f"TypeError: {e}"


def test_the_date_filter_is_ours_and_shows_local_time() -> None:
    builtins = engines["django"].engine.template_builtins  # type: ignore[attr-defined]
    last = [lib.filters["date"] for lib in builtins if "date" in lib.filters]
    assert last[-1] is fast_text.date
    # 23:30 UTC is 06:30 the next day in Hà Nội, the product's time zone.
    moment = datetime(2026, 3, 5, 23, 30, tzinfo=UTC)
    shown = Template('{{ m|date:"H:i d/m/Y" }}|{{ m|date:"d/m/Y" }}|{{ d|date:"d/m" }}').render(
        Context({"m": moment, "d": date(2026, 1, 9)})
    )
    assert shown == "06:30 06/03/2026|06/03/2026|09/01"
