"""Django's template language or Jinja2 for the hot pages (issue 16): the same rows rendered by
both engines, in-process, on a database of the product.

    .venv/bin/pip install jinja2    # not a dependency of the product: only this measurement's
    DANVAN_DATABASE_URL=sqlite:///var/demo.sqlite3 .venv/bin/python benchmarks/engines.py

Takes the petition list's table rows (`petitions/cases_list.html`, the loop over 25 petitions)
as Django renders them, and the same rows written for Jinja2 with the same filters (Django's
date format, truncation and URL reversing as Jinja2 globals and filters, autoescape on), checks
that both give the same HTML, and prints the CPU time of each (median of 7 rounds of 200).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.template import engines  # noqa: E402
from django.template.defaultfilters import truncatechars  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import dateformat  # noqa: E402

from danvan.petitions.models import Petition  # noqa: E402

JINJA_ROWS = """{% for p in rows %}
<tr>
  <td class="dv-stack-title"><a href="{{ url('petitions:detail', p.pk) }}">Số {{ p.code }}: {{ p.subject|truncatechars(120) }}</a>{% if p.handling_unit %}<div class="small text-body-secondary">{{ p.handling_unit.label }}</div>{% endif %}</td>
  <td data-label="Loại">{{ p.get_kind_display() }}{% if p.second_complaint %} (lần hai){% endif %}</td>
  <td data-label="Ngày nhận">{{ p.received_on|date("d/m/Y") }}</td>
  <td data-label="Người gửi">{% if p.kind == 'denunciation' %}<span class="text-body-secondary">Danh tính được bảo vệ</span>{% elif p.anonymous %}<span class="text-body-secondary">Đơn nặc danh</span>{% else %}{{ p.petitioner_name or "—" }}{% endif %}</td>
  <td data-label="Thôn">{{ p.village.name if p.village else "—" }}</td>
  <td data-label="Hạn xử lý">{{ p.due_on|date("d/m/Y") or "—" }}</td>
  <td data-label="Tình trạng"><span class="badge {{ p.status_class }}">{{ p.get_status_display() }}</span>{% if p.badge == 'overdue' %} <span class="badge text-bg-danger">Quá hạn</span>{% elif p.badge == 'soon' %} <span class="badge text-bg-warning">Sắp đến hạn</span>{% endif %}</td>
</tr>
{% endfor %}"""


def main() -> None:
    try:
        import jinja2
    except ImportError:
        sys.exit("Jinja2 is not installed: .venv/bin/pip install jinja2")
    source = (ROOT / "danvan/petitions/templates/petitions/cases_list.html").read_text()
    start = source.index("{% for p in page.object_list %}")
    end = source.index("{% endfor %}", start) + len("{% endfor %}")
    django_rows = engines["django"].from_string(
        source[start:end].replace("page.object_list", "rows")
    )
    env = jinja2.Environment(autoescape=True)
    env.globals["url"] = lambda name, *args: reverse(name, args=args)
    env.filters["truncatechars"] = truncatechars
    env.filters["date"] = lambda day, fmt: dateformat.format(day, fmt) if day else ""
    jinja_rows = env.from_string(JINJA_ROWS)

    rows = list(
        Petition.objects.select_related("village", "handling_unit").order_by("-received_on")[:25]
    )
    for p in rows:
        p.badge, p.status_class = "overdue", "text-bg-info"  # type: ignore[attr-defined]
    a, b = django_rows.render({"rows": rows}), jinja_rows.render(rows=rows)
    assert a.split() == b.split(), "the two engines do not write the same rows"

    def cpu_ms(render: object) -> float:
        rounds = []
        for _ in range(7):
            t0 = time.process_time()
            for _ in range(200):
                render()  # type: ignore[operator]
            rounds.append((time.process_time() - t0) / 200 * 1000)
        return statistics.median(rounds)

    dtl = cpu_ms(lambda: django_rows.render({"rows": rows}))
    jinja = cpu_ms(lambda: jinja_rows.render(rows=rows))
    print(f"{len(rows)} rows, same HTML: Django {dtl:.2f} ms, Jinja2 {jinja:.2f} ms "
          f"({dtl / jinja:.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
