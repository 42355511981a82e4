"""Our `truncatechars` gives what Django's gives, for any text and length, in templates too."""

from __future__ import annotations

from django.template import Context, Template, engines
from django.template.defaultfilters import truncatechars as django_truncatechars
from hypothesis import given
from hypothesis import strategies as st

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
