"""The demo's self-assessment (issue 14): Hồng Phong scores its dân vận work of the year against
the sample scorecard (marked UNVERIFIED), each criterion with links to the demo's own pages as
evidence — the plan, the disclosures, a consultation, a decision the villagers took, the
petition book, a dialogue and its promises, the one-stop register, a "Dân vận khéo" practice.
The office (vanphong) has scored every criterion and not submitted yet, so a visitor can submit
it; one criterion (4.2, the officials' manner) is scored without evidence and shows the flag.

Records of other apps are found through django.apps and linked by their URLs (no domain app is
imported); a page the demo lacks leaves its criterion without that link.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.scorecard import services, sheet
from danvan.scorecard.models import Assessment

# criterion code: (points, explanation, evidence: a record's page ("app.Model", else the
# list after ">") or a list ("url:name"))
SCORES: dict[str, tuple[str, str, list[str]]] = {
    "1.1": (
        "5",
        "Kế hoạch công tác dân vận chính quyền năm ban hành đầu năm.",
        ["plan>url:plans:plans"],
    ),
    "1.2": ("4", "Phân công lãnh đạo phụ trách; đôn đốc hằng quý.", ["url:plans:tasks"]),
    "1.3": ("4", "Tuyên truyền qua loa truyền thanh và hội nghị thôn.", ["url:news:index"]),
    "2.1": (
        "9",
        "Công khai đủ nội dung; một nội dung đăng muộn.",
        ["disclosures.Disclosure>url:disclosures:index"],
    ),
    "2.2": (
        "5",
        "Các thôn bàn và quyết định việc làm đường.",
        ["decisions.CommunityDecision>url:decisions:index"],
    ),
    "2.3": (
        "4",
        "Lấy ý kiến dự thảo trước khi quyết định.",
        ["consultations.Consultation>url:consultations:index"],
    ),
    "2.4": ("4", "Trả lời kiến nghị của Ban Thanh tra nhân dân.", ["url:supervision:index"]),
    "3.1": ("5", "Chủ tịch tiếp công dân định kỳ.", ["url:petitions:list"]),
    "3.2": ("8", "Phần lớn đơn giải quyết đúng hạn.", ["petitions.Petition>url:petitions:list"]),
    "3.3": (
        "5",
        "Đối thoại với Nhân dân; theo dõi việc đã hứa.",
        ["dialogues.Dialogue>url:dialogues:index"],
    ),
    "3.4": ("4", "Tổ hòa giải các thôn hoạt động.", ["url:mediation:figures"]),
    "4.1": ("9", "Hồ sơ một cửa phần lớn trả đúng hẹn.", ["url:onestop:register"]),
    "4.2": ("8", "Không có phản ánh về thái độ cán bộ.", []),
    "5.1": ("8", 'Mô hình "Dân vận khéo" của xã.', ["movement.Practice>url:movement:index"]),
    "5.2": ("5", "Hội nghị phối hợp với Ủy ban MTTQ xã.", ["url:movement:index"]),
    "T.1": ("0", "", []),
    "T.2": (
        "1",
        "Cách làm hay ở Thôn Đoàn Kết được Đảng ủy xã ghi nhận, nhân rộng.",
        ["movement.Practice>url:movement:index"],
    ),
    "Tr.1": ("0", "", []),
    "Tr.2": ("0", "", []),
}


def _link(commune: Unit, evidence: str) -> str | None:
    """The page of the first record ("app.Model"), else the list ("url:name") after ">"."""
    evidence, _, fallback = evidence.partition(">")
    found = _page(commune, evidence)
    return found if found or not fallback else _page(commune, fallback)


def _page(commune: Unit, evidence: str) -> str | None:
    if evidence.startswith("url:"):
        try:
            return reverse(evidence[4:])
        except NoReverseMatch:
            return None
    if evidence == "plan":
        plan = apps.get_model("plans", "Plan").objects.filter(commune=commune).order_by("pk")
        first = plan.values_list("pk", flat=True).first()
        return reverse("plans:plan", args=[first]) if first else None
    try:
        model = apps.get_model(evidence)
        record = model.objects.filter(commune=commune).order_by("pk").first()
        return record.get_absolute_url() if record is not None else None
    except (LookupError, NoReverseMatch):
        return None


def play_scorecard(units: dict[str, Unit], *, today: date) -> None:
    """Hồng Phong's self-assessment of the year, fully scored, not yet submitted."""
    commune = units["xã"]
    year = today.year
    if Assessment.objects.filter(commune=commune, year=year).exists():
        return
    clerk = user("vanphong")
    assessment = services.assessment_start(commune=commune, by=clerk, year=year)
    entries = {}
    for line in sheet.live(assessment).lines:
        if line.group or line.code not in SCORES:
            continue
        points, note, evidence = SCORES[line.code]
        links = [link for e in evidence if (link := _link(commune, e))]
        entries[line.criterion] = services.Entry(points=Decimal(points), note=note, links=links)
    services.scores_save(assessment=assessment, by=clerk, entries=entries)
