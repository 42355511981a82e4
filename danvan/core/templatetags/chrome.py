"""The officers' menu of base.html, written in Python: about twenty links, each a `{% url %}` and
a condition, took a tenth of a list page's rendering; their addresses do not change while the
server runs, so they are reversed once, and each request only picks the links and marks the
current one.

    {% load chrome %}{% officer_menu %}
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
CURRENT = mark_safe(' aria-current="true"')

# (section the page must be in for the link to be marked current, URL name, label); a page's
# section comes from core.context_processors.nav_section.
LINKS = {
    "my_work": ("my_work", "leaders:my_work", "Việc của tôi"),
    "overview": ("overview", "leaders:overview", "Điều hành"),
    "dashboard": ("dashboard", "plans:dashboard", "Tổng quan"),
    "tasks": ("tasks", "plans:tasks", "Nhiệm vụ"),
    "petitions": ("petitions", "petitions:list", "Đơn thư"),
    "reception": ("reception", "petitions:sessions", "Tiếp công dân"),
    "petition_stats": ("petitions", "petitions:stats", "Thống kê đơn thư"),
    "province_petitions": ("province", "petitions:province", "Đơn thư toàn tỉnh"),
    "democracy": ("democracy", "disclosures:index", "Dân chủ cơ sở"),
    "promises": ("promises", "promises:list", "Cam kết"),
    "movement": ("movement", "movement:index", "Dân vận khéo"),
    "outreach": ("outreach", "news:index", "Tuyên truyền, dư luận"),
    "one_stop": ("one_stop", "onestop:register", "Một cửa"),
    "plans": ("plans", "plans:plans", "Kế hoạch"),
    "legal": ("legal", "plans:legal_documents", "Văn bản căn cứ"),
    "directives": ("directives", "leaders:directives", "Chỉ đạo"),
    "reports": ("reports", "leaders:reports", "Báo cáo định kỳ"),
    "audit": ("audit", "core:audit_export", "Nhật ký"),
}


@lru_cache(maxsize=8)
def addresses(urlconf: Any) -> dict[str, str]:
    """Each link's address in this URL configuration ("" when an app is not installed)."""
    found = {}
    for key, (_section, name, _label) in LINKS.items():
        try:
            found[key] = reverse(name, urlconf=urlconf)
        except NoReverseMatch:
            found[key] = ""
    return found


def shown(context: Any) -> list[str]:
    """The links this person is given, in the menu's order."""
    access = context.get("access")
    if access is None:
        return []
    keys = ["my_work"] if access.has_any else []
    keys += ["overview", "dashboard", "tasks"]
    if context.get("works_on_petitions"):
        keys += ["petitions", "reception"] if context.get("keeps_register") else ["petitions"]
    elif access.has_any:
        keys.append("petition_stats")
    if access.province_communes:
        keys.append("province_petitions")
    keys += ["democracy", "promises", "movement", "outreach"]
    if access.managed_communes or any(s.one_stop for s in access.seats):
        keys.append("one_stop")
    keys += ["plans", "legal"]
    if access.managed_communes:
        keys.append("directives")
    if access.reception_communes or access.readable_communes != access.own_communes:
        keys.append("reports")
    if access.managed_communes:
        keys.append("audit")
    return keys


@register.simple_tag(takes_context=True)
def officer_menu(context: Any) -> SafeString:
    """The `<li>` items of the menu, the page's own section marked `aria-current`."""
    where = addresses(get_urlconf())
    section = context.get("nav_section")
    return format_html_join(
        "\n      ",
        '<li><a href="{}"{}>{}</a></li>',
        (
            (
                where[key],
                CURRENT if LINKS[key][0] == section else "",
                LINKS[key][2],
            )
            for key in shown(context)
            if where[key]
        ),
    )
