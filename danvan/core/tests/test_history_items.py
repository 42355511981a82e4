"""The kit's history writer (core/templatetags/history.py) against the template loop that every
app's history page had before it: the same items, whitespace aside, for entries with changed
fields, hostile text, no actor, numbers and days, and for no entry at all."""

from __future__ import annotations

import re
from datetime import date

from django.template import engines

from danvan.conftest import World
from danvan.core.audit import history, log_action, written_history

HOSTILE = "<script>alert('x')</script> & \"trích\" {{ p }}"

# plans/_history.html, supervision/_history.html, decisions/_history.html and the case page
# wrote this (each with its own indentation).
LOOP = """{% for e in history %}{% with d=e.described %}
  <li><span class="small text-body-secondary">{{ e.created_at|date:"H:i d/m/Y" }} · {{ e.actor|default:"Hệ thống" }}</span><br>{{ d.0 }}
    {% if d.1 %}<ul class="small">{% for label, value in d.1 %}<li>{{ label }}: {{ value }}</li>{% endfor %}</ul>{% endif %}</li>
{% endwith %}{% empty %}<li>Chưa có thay đổi.</li>{% endfor %}"""


def _squeezed(html: str) -> str:
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html.strip()))


def test_the_history_items_are_the_loop_they_replaced(world: World) -> None:
    plan = world.office_a  # any record the audit log names
    log_action(plan, HOSTILE, by=None, changes={HOSTILE: [HOSTILE, 12345], "on": "2026-11-02"})
    log_action(
        plan,
        "units.renamed",
        by=world.chairman,
        changes={"percent": [1000, 25000], "due_date": [date(2026, 10, 30), None]},
    )
    log_action(plan, "units.renamed", by=world.officer_a)
    engine = engines["django"]
    loop = engine.from_string(LOOP)
    tag = engine.from_string("{% load history %}{% history_items history %}")
    entries = list(history(plan))
    assert len(entries) == 3
    for shown in (entries, entries[:1], []):
        assert _squeezed(tag.render({"history": shown})) == _squeezed(
            loop.render({"history": shown})
        )
    written = tag.render({"history": entries})
    assert "&lt;script&gt;" in written and "<script>" not in written
    assert "Hệ thống" in written and "30/10/2026" in written
    assert tag.render({"history": []}) == "<li>Chưa có thay đổi.</li>"


def test_an_items_history_is_kept_as_written_until_its_commune_changes(
    world: World, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """What most item pages show (core.audit.written_history): the tag's own writing, read
    from the log once, written again after the next entry of the commune."""
    unit = world.office_a
    log_action(unit, "units.renamed", by=world.chairman, changes={"name": ["Tổ A", "Tổ B"]})
    tag = engines["django"].from_string("{% load history %}{% history_items history %}")
    written = written_history(unit, 30)
    assert written == tag.render({"history": list(history(unit)[:30])})
    assert tag.render({"history": written}) == written  # shown as it is
    with django_assert_num_queries(1):  # the commune's newest entry, nothing else
        assert written_history(unit, 30) == written
    log_action(unit, "units.renamed", by=world.chairman, changes={"name": ["Tổ B", "Tổ <C>"]})
    again = written_history(unit, 30)
    assert again != written and "Tổ &lt;C&gt;" in again
    assert again == tag.render({"history": list(history(unit)[:30])})
    assert written_history(unit, 1).count("Tổ &lt;C&gt;") == 1
    assert "Tổ A" not in written_history(unit, 1)
