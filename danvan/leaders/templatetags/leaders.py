"""`{% load leaders %}` on an item's page (a task, a petition, a disclosure…): the domain apps
show the leaders' loop through these tags, never by importing it (pyproject's contracts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from danvan.core.cache import kept
from danvan.leaders import directives
from danvan.leaders.forms import DirectiveForm
from danvan.leaders.models import Directive

register = template.Library()


@register.inclusion_tag("leaders/directive_block.html", takes_context=True)
def directives_on(context: template.Context, obj: Any) -> dict[str, Any]:
    """The block "Chỉ đạo, đôn đốc" of an item's page: its directives (whoever opens the page
    reads them) and, for a leader or administrator of its commune, the form that sends one.
    The directives as written are kept until a directive of the commune changes (or the day
    does: "Quá hạn trả lời"), the form's fields until a record of the commune changes."""
    target_type = ContentType.objects.get_for_model(obj).pk
    today = timezone.localdate()
    may_send = directives.is_target(obj) and directives.can_send(context["request"].user, obj)
    return {
        "listed": kept(
            f"leaders:directives_on|{target_type}|{obj.pk}|{today}",
            obj.commune_id,
            lambda: listed(obj, today),
            apps=("leaders",),
        ),
        "form": blank_form(obj.commune_id) if may_send else None,
        "target_type": target_type,
        "target_id": obj.pk,
        "csrf_token": context.get("csrf_token"),
    }


def listed(obj: Any, today: date) -> SafeString:
    """The block's heading and its directives, newest first, as written."""
    rows = Directive.objects.on(obj).select_related("sent_by", "to_unit", "to_user")
    return render_to_string(
        "leaders/_directives_listed.html",
        {"rows": list(rows.order_by("-sent_at", "-pk")), "today": today},
    )


def blank_form(commune_id: int) -> SafeString:
    """The directive form's fields as written, the same on every item of a commune and for each
    of its leaders: kept until a record of the commune changes (core.cache.kept), a minute at
    most, as its lists of units and people change in the administrators' pages."""
    written = kept(
        f"leaders:directive_form|{commune_id}",
        commune_id,
        lambda: str(DirectiveForm(commune_id=commune_id)),
        seconds=60,
    )
    return mark_safe(written)  # written by the form's renderer, which escapes
