"""`danvan load-demo`: xã Hồng Phong and its 2026 plan, imported from the plan's own text."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from danvan.core.divisions import ensure_commune
from danvan.core.models import Unit
from danvan.demo import units as demo_units
from danvan.demo.commendations_story import play_commendations
from danvan.demo.consultations_story import play_consultations
from danvan.demo.decisions_story import play_decisions
from danvan.demo.dialogues_story import play_dialogues
from danvan.demo.disclosures_story import play_disclosures
from danvan.demo.ethnic_religious_story import play_ethnic_religious
from danvan.demo.inspections_story import play_inspections
from danvan.demo.leaders_story import play_leaders
from danvan.demo.mediation_story import play_mediation
from danvan.demo.movement_story import play_movement
from danvan.demo.news_story import play_news
from danvan.demo.onestop_story import play_onestop
from danvan.demo.opinion_story import play_opinion
from danvan.demo.petitions_story import play_petitions
from danvan.demo.questioning_story import play_questioning
from danvan.demo.scorecard_story import play_scorecard
from danvan.demo.story import play_the_year
from danvan.demo.study_story import play_study
from danvan.demo.supervision_story import play_supervision
from danvan.demo.voters_story import play_voters
from danvan.lib import planparse
from danvan.plans.importer import plan_import
from danvan.plans.models import Plan, Recurrence

SEED = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "ke-hoach-dan-van-chinh-quyen-2026-hong-phong.txt"
)


class Command(BaseCommand):
    help = "Load the demo: units and people of xã Hồng Phong, its 2026 plan, progress and delays."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            commune = ensure_commune(demo_units.HONG_PHONG)
            units = demo_units.ensure_commune_units(commune)
            other = ensure_commune(demo_units.OTHER_COMMUNE)
            units.update(demo_units.ensure_other_commune(other))
            demo_units.ensure_users(units)
            demo_units.ensure_operator()
            if not Plan.objects.filter(commune=commune, year=2026, parent__isnull=True).exists():
                text = SEED.read_text(encoding="utf-8")
                chairman = demo_units.user("chutich")
                result = plan_import(
                    parsed=planparse.parse_text(text),
                    commune=commune,
                    by=chairman,
                    source_text=text,
                    default_recurrence=Recurrence.QUARTERLY,
                )
                play_the_year(result.plan, units, today=timezone.localdate())
                play_petitions(units, today=timezone.localdate())
                play_decisions(units, today=timezone.localdate())
                play_supervision(units, today=timezone.localdate())
                play_disclosures(units, today=timezone.localdate())
                play_consultations(units, today=timezone.localdate())
                # Promises kept (issue 13): where promises are made, and mediation.
                play_dialogues(units, today=timezone.localdate())
                play_voters(units, today=timezone.localdate())
                play_questioning(units, today=timezone.localdate())
                play_inspections(units, today=timezone.localdate())
                play_mediation(units, today=timezone.localdate())
                # The movement, commendations and the units' own work (issue 14).
                play_onestop(units, today=timezone.localdate())
                play_commendations(units, today=timezone.localdate())
                play_movement(units, today=timezone.localdate())
                play_news(units, today=timezone.localdate())
                play_opinion(units, today=timezone.localdate())
                play_ethnic_religious(units, today=timezone.localdate())
                play_study(units, today=timezone.localdate())
                play_scorecard(units, today=timezone.localdate())
                play_leaders(result.plan, units, today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu xã Hồng Phong."))
        self.stdout.write(f"Tài khoản mẫu (mật khẩu của tất cả: {demo_units.DEMO_PASSWORD}):")
        for d in demo_units.DEMO_USERS:
            self.stdout.write(f"  {d.username:<12} {d.position} ({d.role.label})")
        operator = demo_units.OPERATOR
        self.stdout.write(
            f"  {operator.username:<12} {operator.position} (/quan-tri/: đơn vị, tài khoản, "
            "lịch làm việc, quy tắc pháp luật; không xem hồ sơ của xã nào)"
        )
        self.stdout.write(
            "Trang công khai: http://127.0.0.1:8000/   Cán bộ: http://127.0.0.1:8000/dang-nhap/"
        )
        self.stdout.write(f"Số đơn vị: {Unit.objects.count()}")
