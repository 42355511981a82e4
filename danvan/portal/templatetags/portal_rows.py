"""Lists of the portal written in Python: the same markup the template loops wrote, without the
engine's lookups for each of a province's communes (65 in the benchmark, hundreds in a large
province), each plan, consultation, disclosure and decision.

Every text from the database goes through `html.escape`, as Django's autoescaping does.
`tests/test_portal_rows.py` checks the output equals the template loops these replaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from danvan.consultations.models import Consultation
from danvan.core.http import url_for_pk
from danvan.core.models import Unit
from danvan.core.templatetags.fast_text import dmy
from danvan.disclosures.models import Disclosure
from danvan.plans.models import Plan

register = template.Library()


@register.simple_tag
def commune_options(communes: Iterable[Unit], chosen: Unit | None) -> SafeString:
    """An `<option>` per commune of the home page's choice of commune, `chosen` selected."""
    out = []
    for c in communes:
        selected = " selected" if chosen is not None and c.pk == chosen.pk else ""
        province = f" ({escape(c.parent.name)})" if c.parent else ""
        out.append(f'<option value="{c.pk}"{selected}>{escape(c.name)}{province}</option>')
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag
def plan_items(plans: Iterable[Plan]) -> SafeString:
    """A card per issued plan, linked to its public page (reversed once)."""
    url = url_for_pk("portal:plan")
    out = []
    for p in plans:
        day = f" · ngày {dmy(p.issued_on)}" if p.issued_on else ""
        out.append(
            f'\n<li class="card mb-2"><div class="card-body py-2"><a href="{url(p.pk)}">'
            f"{escape(p.title)}</a>\n"
            f'<div class="small text-body-secondary">{escape(str(p.issuing_unit))} · Số: '
            f"{escape(p.reference)}{day}</div></div></li>\n"
        )
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag
def choice_options(choices: Iterable[tuple[int, str]], chosen: int | None) -> SafeString:
    """An `<option>` per (value, label) of a list's filter, the one equal to `chosen` selected."""
    out = []
    for value, label in choices:
        selected = " selected" if value == chosen else ""
        out.append(f'<option value="{value}"{selected}>{escape(label)}</option>')
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag
def disclosure_items(disclosures: Iterable[Disclosure]) -> SafeString:
    """A card per disclosure of the public list (its category and commune read with it)."""
    url = url_for_pk("portal:disclosure")
    out = []
    for d in disclosures:
        out.append(
            f'\n<li class="card mb-2"><div class="card-body py-2"><a href="{url(d.pk)}">'
            f"{escape(d.title)}</a>\n"
            f'<div class="small text-body-secondary">{escape(d.category.short_name)} · '
            f"{escape(d.commune.name)} · văn bản ngày {dmy(d.decided_on)}</div></div></li>\n"
        )
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag
def decision_items(decisions: Iterable[dict[str, Any]]) -> SafeString:
    """A card per decision of the public list: the values portal.decisions.decision_list read."""
    url = url_for_pk("portal:decision")
    out = []
    for d in decisions:
        since = d["effective_on"] or d["recognised_on"]
        out.append(
            f'\n<li class="card mb-2"><div class="card-body py-2">\n<h2 class="h6 mb-1">'
            f'<a href="{url(d["pk"])}">{escape(d["title"])}</a></h2>\n'
            f'<div class="small">{escape(d["commune__name"])} · '
            f"{', '.join(escape(v) for v in d['villages'])}</div>\n"
            f'<div class="small text-body-secondary">{escape(d["item__short_name"])} · '
            f"{escape(str(d['outcome_label']))} · có hiệu lực từ "
            f"{dmy(since) if since else ''}</div>\n</div></li>"
        )
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag
def consultation_items(consultations: Iterable[Consultation], empty: str = "") -> SafeString:
    """A card per consultation (its commune read with it; `left`, the days left to comment, set
    on those open now), or the `empty` sentence when there is none."""
    out = []
    url = url_for_pk("portal:consultation")
    for c in consultations:
        if c.status == Consultation.Status.PUBLISHED:
            when = f"công bố kết quả ngày {dmy(c.published_on) if c.published_on else ''}"
        else:
            opens = dmy(c.opens_on) if c.opens_on else ""
            closes = dmy(c.closes_on) if c.closes_on else ""
            left = getattr(c, "left", None)
            when = f"{opens} – {closes}" + (f" · còn {left} ngày" if left is not None else "")
        out.append(
            f'\n<li class="card mb-2"><div class="card-body py-2"><a href="{url(c.pk)}">'
            f"{escape(c.title)}</a>\n"
            f'<div class="small text-body-secondary">{escape(c.commune.name)} · {when}</div>'
            "</div></li>\n"
        )
    if out:
        return mark_safe(f'<ul class="list-unstyled">{"".join(out)}</ul>')  # escaped above
    return mark_safe(f'<p class="dv-empty">{conditional_escape(empty)}</p>' if empty else "")
