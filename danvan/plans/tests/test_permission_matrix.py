"""Every URL of plans, petitions and the portal's pages for them, requested as every persona.

The tables below are the specification (docs/permissions.md); how they are read and checked is
in danvan/testing/matrix.py, shared with the tables other apps keep in their own tests.
GET rows request every persona against one scene; POST rows run each persona's request in a
savepoint rolled back afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.core.models import Attachment, AuditEntry, Notification, Unit, User
from danvan.core.uploads import attachment_create
from danvan.petitions import reception
from danvan.petitions import services as petition_services
from danvan.petitions.models import (
    HotspotRule,
    IdentityReveal,
    Petition,
    PetitionEvent,
    PetitionKind,
    ReceptionSession,
    Visit,
)
from danvan.plans import services
from danvan.plans.models import (
    LegalDocument,
    Plan,
    PlanReference,
    ProgressReport,
    Section,
    Task,
)
from danvan.testing.matrix import (
    Matrix,
    PostAction,
    app_matrices,
    check_tables,
    client_of,
    expect_get,
    expect_post,
    office_file,
    rows,
    table,
    url_name,
    url_patterns,
    user_of,
)

PDF = b"%PDF-1.4\n%%EOF"
DENOUNCER = "Nguyễn Văn Tố Giác"
PLAN_TEXT = "KẾ HOẠCH\nThực hiện công tác dân vận năm 2027\nI. MỤC ĐÍCH\n1. Tổ chức đối thoại.\n"

# GET, for every URL pattern. Hồng Phong's `plan` is a draft followed by office A (whose officers
# keep it with the leaders) holding `task` (led by office A, coordinated by office B and the
# Front); `issued` is another plan of Hồng Phong, issued.
# fmt: off
GET_MATRIX: Matrix = table({
    #                                         anon chair offA  roA offB front vill prov outs admin
    "portal:home":                            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:plan":                            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:plan[draft]":                     (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "login":                                  (200, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "logout":                                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "core:home":                              (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "core:notifications":                     (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "core:law":                               (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "core:notifications_read":                (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "core:attachment":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "core:attachment[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "plans:tasks":                            (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "plans:task":                             (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "plans:task[other commune]":              (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "plans:task_report":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # Reviewing progress (issue 12): office A's pending report on `task` is a leader's to accept
    # or return; the list of reports waiting is for leaders and for those who write for a unit.
    "plans:report_reviews":                   (302, 200, 200, 403, 200, 200, 200, 403, 200, 403),
    "plans:report_accept":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "plans:report_return":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "plans:plans":                            (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "plans:plan_create":                      (302, 200, 403, 403, 403, 403, 403, 403, 403, 200),
    "plans:plan_create[?xa=other commune]":   (302, 404, 404, 404, 404, 404, 404, 404, 403, 404),
    "plans:plan":                             (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "plans:plan[other commune]":              (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "plans:plan_edit":                        (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:plan_status":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "plans:section_create":                   (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:task_create":                      (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:task_edit":                        (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:task_edit[other commune's task]":  (302, 404, 404, 403, 403, 403, 403, 403, 404, 404),
    "plans:plan_xlsx":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "plans:plan_docx":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "plans:plan_docx[draft]":                 (302, 302, 302, 302, 302, 302, 302, 302, 404, 302),
    "plans:dashboard":                        (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "plans:dashboard[?xa=hong phong]":        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "plans:dashboard[?xa=other commune]":     (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    # Import and review of a draft plan, and the register of legal documents.
    "plans:plan_import":                      (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "plans:plan_review":                      (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:section_edit":                     (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:section_edit[issued plan]":        (302, 403, 403, 403, 403, 403, 403, 403, 404, 403),
    "plans:section_edit[another plan's]":     (302, 404, 404, 403, 403, 403, 403, 403, 404, 404),
    "plans:section_delete":                   (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "plans:task_delete":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "plans:reference_create":                 (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:reference_edit":                   (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "plans:reference_delete":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # Issuing a draft (its number and day): the leaders; its review's merge, split, reassign:
    # whoever keeps the plan (the leaders, and the officers of its lead unit, office A).
    "plans:plan_issue":                       (302, 200, 403, 403, 403, 403, 403, 403, 404, 200),
    "plans:draft_tasks":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "plans:task_split":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "plans:legal_documents":                  (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The register is shared by every commune (laws and decrees are public); the plans resting
    # on a document are filtered (test_it_lists_only_readable_plans_under_a_legal_document).
    "plans:legal_document":                   (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Petitions carry personal data (petitions/access.py): the book is kept by the leaders and
    # the office that receives petitions (office B); a handler (officer A) sees the cases
    # assigned to it; read-only members and province viewers see statistics only; the Front and
    # village heads nothing. `complaint` is unassigned, `denunciation` assigned to officer A.
    "petitions:list":                         (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "petitions:receive":                      (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:detail":                       (302, 200, 404, 404, 200, 404, 404, 404, 404, 200),
    "petitions:detail[assigned to officer A]": (302, 200, 200, 404, 200, 404, 404, 404, 404, 200),
    "petitions:detail[other commune]":        (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "petitions:classify":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:assign":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:accept":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:route":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:extend":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:pause":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:resume":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:resolve":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:record_step":                  (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:link":                         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:sign_off":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:send_back":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # The answer letter of a case signed off: whoever opens the case (it names no denouncer).
    "petitions:answer_letter":                (302, 200, 200, 404, 200, 404, 404, 404, 404, 200),
    # Hotspots: leaders and the petition desk; similar petitions: whoever may act on the case.
    "petitions:hotspots":                     (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:hotspot_detail":               (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:hotspot_rule":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:similar":                      (302, 200, 404, 404, 200, 404, 404, 404, 404, 200),
    "petitions:similar_link":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # The reception register names the people who came: its keepers only.
    "petitions:sessions":                     (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:session_create":               (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:register":                     (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:session":                      (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:visit_create":                 (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:visit":                        (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "petitions:register_xlsx":                (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    # A denouncer's identity at the desk: by POST with a reason only (petitions/tests/test_visit_identity.py).
    "petitions:visit_identity_reveal":        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # A denouncer's identity: revealed only to a grant holder (the handler, officer A), granted
    # only by a leader of the commune; a system administrator does neither (Luật Tố cáo Đ. 8).
    "petitions:identity_reveal":              (302, 403, 200, 404, 403, 404, 404, 404, 404, 403),
    "petitions:identity_access":              (302, 200, 403, 404, 403, 404, 404, 404, 404, 403),
    "petitions:identity_grant":               (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:notices":                      (302, 200, 200, 404, 200, 404, 404, 404, 404, 200),
    # A document of a case is made by POST only: its making is logged, a notice to the
    # denouncer by a grant holder is a logged reveal (issue #11).
    "petitions:notice":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:verification_dossier":         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "petitions:stats":                        (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The province's book: a seat in the province only (its viewer; an administrator of the
    # province too, petitions/tests/test_province.py), never a commune's people.
    "petitions:province":                     (302, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    "petitions:stats_xlsx":                   (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The citizen's side: no account, nothing personal (portal/petitions.py).
    "portal:petition_new":                    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:petition_lookup":                 (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:petition_status":                 (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:petition_status[unknown code]":   (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:petition_receipt":                (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
})

# POST, for the endpoints that change something. A 302 for a member means the change happened;
# any other status (and every status for `anon`) means nothing changed.
POST_MATRIX: Matrix = table({
    #                                         anon chair offA  roA offB front vill prov outs admin
    "logout":                                 (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "core:notifications_read":                (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "plans:task_report":                      (302, 403, 302, 403, 302, 302, 403, 403, 404, 403),
    # Office A's report: its author (officer A) may not review it, nor may the unit, an
    # administrator or a reader; only a leader of the commune.
    "plans:report_accept":                    (302, 302, 403, 403, 403, 403, 403, 403, 404, 403),
    "plans:report_return":                    (302, 302, 403, 403, 403, 403, 403, 403, 404, 403),
    "plans:plan_status":                      (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "plans:plan_create":                      (302, 302, 403, 403, 403, 403, 403, 403, 403, 302),
    "plans:plan_edit":                        (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:section_create":                   (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:task_create":                      (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:task_edit":                        (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:plan_import":                      (302, 302, 302, 403, 302, 403, 403, 403, 400, 302),
    "plans:section_edit":                     (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:section_delete":                   (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:task_delete":                      (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:reference_create":                 (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:reference_edit":                   (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:reference_delete":                 (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:plan_issue":                       (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "plans:draft_tasks":                      (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "plans:task_split":                       (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    # Each step of a case assigned to officer A: its keepers and its handler write.
    "petitions:classify":                     (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:assign":                       (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:accept":                       (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:route":                        (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:extend":                       (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:pause":                        (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:resume":                       (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:resolve":                      (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:record_step":                  (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    "petitions:link":                         (302, 302, 302, 404, 302, 404, 404, 404, 404, 302),
    # A draft result is signed off or sent back by a leader of the commune only.
    "petitions:sign_off":                     (302, 302, 403, 404, 403, 404, 404, 404, 404, 403),
    "petitions:send_back":                    (302, 302, 403, 404, 403, 404, 404, 404, 404, 403),
    "petitions:hotspot_rule":                 (302, 302, 403, 403, 403, 403, 403, 403, 403, 302),
    "petitions:similar_link":                 (302, 302, 404, 404, 302, 404, 404, 404, 404, 302),
    "petitions:identity_grant":               (302, 302, 403, 404, 403, 404, 404, 404, 404, 403),
    # 200: the .docx, its making logged.
    "petitions:notice":                       (302, 200, 200, 404, 200, 404, 404, 404, 404, 200),
    "petitions:verification_dossier":         (302, 200, 200, 404, 200, 404, 404, 404, 404, 200),
    "petitions:receive":                      (302, 302, 403, 403, 302, 403, 403, 403, 403, 302),
    "petitions:session_create":               (302, 302, 403, 403, 302, 403, 403, 403, 403, 302),
    "petitions:visit_create":                 (302, 302, 403, 403, 302, 403, 403, 403, 403, 302),
    # The scene's line is not protected: nothing to reveal (the protected one, and who may reveal
    # it, in petitions/tests/test_visit_identity.py).
    "petitions:visit_identity_reveal":        (302, 404, 403, 403, 404, 403, 403, 403, 403, 404),
})
# fmt: on

# Cells where reality differs from the table because of a bug: ("GET case", persona) → reason.
# Each becomes a strict xfail, so the fix makes the suite fail until the entry is removed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class PlanScene:
    plan: Plan  # draft
    task: Task
    issued: Plan
    other_task: Task
    attachment: Attachment
    other_attachment: Attachment
    section: Section  # of `plan`
    issued_section: Section  # of `issued`
    reference: PlanReference  # of `plan`
    report: ProgressReport  # office A's, on `task`, pending


@dataclass
class Scene:
    """The personas, and the records of plans or of petitions the row is about (not both)."""

    world: World
    pl: PlanScene | None = None
    pet: Petitions | None = None

    @property
    def plans(self) -> PlanScene:
        assert self.pl is not None
        return self.pl

    @property
    def petitions(self) -> Petitions:
        assert self.pet is not None
        return self.pet

    def user(self, persona: str) -> User | None:
        return user_of(self.world, persona)

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)

    def unit(self, persona: str) -> Unit:
        """The unit a persona would report for."""
        w = self.world
        return {
            "anon": w.office_a,
            "chairman": w.commune,
            "officer_a": w.office_a,
            "readonly_a": w.office_a,
            "officer_b": w.office_b,
            "front": w.front_unit,
            "village_head": w.village,
            "province_viewer": w.province,
            "outsider": w.other_office,
            "admin": w.commune,
        }[persona]


@pytest.fixture
def scene(request: pytest.FixtureRequest, world: World) -> Scene:
    """Only what the row needs: the records of petitions, or those of plans."""
    callspec = getattr(request.node, "callspec", None)
    case = callspec.params.get("case", "") if callspec else ""
    if _needs_petitions(case):
        return Scene(world, pet=request.getfixturevalue("petitions"))
    return Scene(world, pl=request.getfixturevalue("plan_scene"))


@pytest.fixture
def plan_scene(
    world: World,
    plan: Plan,
    task: Task,
    other_task: Task,
    settings: Any,
    tmp_path: Path,
) -> PlanScene:
    settings.MEDIA_ROOT = tmp_path
    # `plan` (conftest) is issued; here it is the draft the import and review rows work on, its
    # task's text two sentences (that the review may split).
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    plan.status = Plan.Status.DRAFT
    Task.objects.filter(pk=task.pk).update(
        description="Chuẩn bị địa điểm, tài liệu đối thoại. Mời đại diện Nhân dân các thôn dự."
    )
    task.refresh_from_db()
    issued = services.plan_create(
        commune=world.commune,
        by=world.chairman,
        issuing_unit=world.commune,
        title="Kế hoạch tiếp công dân năm 2026",
        year=2026,
    )
    services.task_create(
        plan=issued,
        by=world.chairman,
        title="Tiếp công dân định kỳ",
        lead_unit=world.office_b,
        due_date=date(2026, 12, 1),
    )
    services.plan_set_status(plan=issued, status=Plan.Status.ISSUED, by=world.chairman)
    report = services.progress_report_create(
        task=task, unit=world.office_a, by=world.officer_a, text="Đã họp chuẩn bị", percent=10
    )
    attachment = attachment_create(
        file=SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf"),
        owner=report,
        commune=world.commune,
        by=world.officer_a,
    )
    other_report = services.progress_report_create(
        task=other_task, unit=world.other_office, by=world.outsider, text="Xã khác"
    )
    other_attachment = attachment_create(
        file=SimpleUploadedFile("xa-khac.pdf", PDF, "application/pdf"),
        owner=other_report,
        commune=world.other_commune,
        by=world.outsider,
    )
    Notification.objects.bulk_create(
        Notification(user=u, title=f"Thông báo cho {u.username}")
        for u in User.objects.filter(is_active=True)
    )
    section = services.section_create(plan=plan, by=world.chairman, number="I", title="MỤC ĐÍCH")
    issued_section = services.section_create(
        plan=issued, by=world.chairman, number="I", title="MỤC ĐÍCH, YÊU CẦU"
    )
    document = LegalDocument.objects.create(
        doc_type="Chỉ thị", number="33/CT-TTg", title="về công tác dân vận chính quyền"
    )
    reference = PlanReference.objects.create(plan=plan, document=document, sections=["II.1"])
    return PlanScene(
        plan=plan,
        task=task,
        issued=issued,
        other_task=other_task,
        attachment=attachment,
        other_attachment=other_attachment,
        section=section,
        issued_section=issued_section,
        reference=reference,
        report=report,
    )


@dataclass
class Petitions:
    complaint: Petition  # Hồng Phong, unassigned
    denunciation: Petition  # Hồng Phong, assigned to officer A, the identity in the vault
    accepted: Petition  # Hồng Phong, a complex denunciation assigned to officer A, accepted
    paused: Petition  # Hồng Phong, assigned to officer A, paused
    proposed: Petition  # Hồng Phong, assigned to officer A, its result waiting for a leader
    resolved: Petition  # Hồng Phong, assigned to officer A, its result signed by the chairman
    other: Petition  # the other commune, assigned to the outsider
    session: ReceptionSession
    visit: Visit


@pytest.fixture
def petitions(world: World) -> Petitions:
    today = timezone.localdate()
    received = today - timedelta(days=10)

    def receive(commune: Unit, kind: str = PetitionKind.COMPLAINT, **extra: Any) -> Petition:
        return petition_services.petition_receive(
            commune=commune,
            by=None,
            channel=Petition.Channel.IN_PERSON,
            kind=kind,
            subject=f"Đơn {kind} về đường thôn",
            content="Nội dung đơn.",
            received_on=received,
            identity={"name": DENOUNCER, "address": "Thôn Đoàn Kết", "phone": "0912345678"},
            **extra,
        )

    def assigned(p: Petition) -> Petition:
        return petition_services.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
        )

    # A complex denunciation: the only kind of case the law lets extend (Luật Tố cáo, Điều 30).
    accepted = assigned(receive(world.commune, PetitionKind.DENUNCIATION))
    petition_services.petition_classify(
        petition=accepted, by=world.chairman, competent=True, conditions_met=True, complex=True
    )
    petition_services.petition_accept(petition=accepted, by=world.chairman, accepted_on=received)
    paused = assigned(receive(world.commune))
    petition_services.petition_accept(petition=paused, by=world.chairman, accepted_on=received)
    petition_services.petition_pause(
        petition=paused, by=world.chairman, on=received + timedelta(days=1), reason="Chờ giám định"
    )
    proposed, resolved = assigned(receive(world.commune)), assigned(receive(world.commune))
    for p, by in ((proposed, world.officer_a), (resolved, world.chairman)):
        petition_services.petition_accept(petition=p, by=world.chairman, accepted_on=received)
        petition_services.petition_resolve(
            petition=p,
            by=by,
            decided_on=received + timedelta(days=2),
            outcome="Đã sửa đường thôn.",
            legal_basis="Luật Khiếu nại năm 2011",
        )
    other = receive(world.other_commune)
    petition_services.petition_assign(
        petition=other, by=world.outsider, handler=world.outsider, unit=world.other_office
    )
    session = reception.session_create(
        commune=world.commune,
        by=world.officer_b,
        kind=ReceptionSession.Kind.REGULAR,
        held_on=today,
        host=world.officer_b,
    )
    visit = reception.visit_create(
        session=session,
        by=world.officer_b,
        visited_on=today,
        kind=PetitionKind.RECOMMENDATION,
        content="Kiến nghị sửa đường thôn",
        name="Trần Văn Đến",
    )
    return Petitions(
        complaint=receive(world.commune),
        denunciation=assigned(receive(world.commune, PetitionKind.DENUNCIATION)),
        accepted=accepted,
        paused=paused,
        proposed=proposed,
        resolved=resolved,
        other=other,
        session=session,
        visit=visit,
    )


def _needs_petitions(case: str) -> bool:
    return case.startswith(("petitions:", "portal:petition"))


def _commune_query(commune: Unit) -> str:
    return f"?xa={commune.pk}"


# The petition each step works on: a step needs a case in the state it applies to.
STEP_PETITION = {
    "petitions:detail": "complaint",
    "petitions:similar": "complaint",
    "petitions:similar_link": "complaint",
    "petitions:extend": "accepted",
    "petitions:pause": "accepted",
    "petitions:resolve": "accepted",
    "petitions:record_step": "accepted",
    "petitions:resume": "paused",
    "petitions:sign_off": "proposed",
    "petitions:send_back": "proposed",
    "petitions:answer_letter": "resolved",
}


def _petition_url(case: str) -> Callable[[Scene], str]:
    which = STEP_PETITION.get(case, "denunciation")
    return lambda s: reverse(case, args=[getattr(s.petitions, which).pk])


# How to build each row's URL from the scene.
URLS: dict[str, Callable[[Scene], str]] = {
    "portal:home": lambda s: reverse("portal:home"),
    "portal:plan": lambda s: reverse("portal:plan", args=[s.plans.issued.pk]),
    "portal:plan[draft]": lambda s: reverse("portal:plan", args=[s.plans.plan.pk]),
    "login": lambda s: reverse("login"),
    "logout": lambda s: reverse("logout"),
    "core:home": lambda s: reverse("core:home"),
    "core:notifications": lambda s: reverse("core:notifications"),
    "core:law": lambda s: reverse("core:law"),
    "core:notifications_read": lambda s: reverse("core:notifications_read"),
    "core:attachment": lambda s: reverse("core:attachment", args=[s.plans.attachment.pk]),
    "core:attachment[other commune]": lambda s: reverse(
        "core:attachment", args=[s.plans.other_attachment.pk]
    ),
    "plans:tasks": lambda s: reverse("plans:tasks"),
    "plans:task": lambda s: reverse("plans:task", args=[s.plans.task.pk]),
    "plans:task[other commune]": lambda s: reverse("plans:task", args=[s.plans.other_task.pk]),
    "plans:task_report": lambda s: reverse("plans:task_report", args=[s.plans.task.pk]),
    "plans:report_reviews": lambda s: reverse("plans:report_reviews"),
    "plans:report_accept": lambda s: reverse("plans:report_accept", args=[s.plans.report.pk]),
    "plans:report_return": lambda s: reverse("plans:report_return", args=[s.plans.report.pk]),
    "plans:plans": lambda s: reverse("plans:plans"),
    "plans:plan_create": lambda s: reverse("plans:plan_create"),
    "plans:plan_create[?xa=other commune]": lambda s: (
        reverse("plans:plan_create") + _commune_query(s.world.other_commune)
    ),
    "plans:plan": lambda s: reverse("plans:plan", args=[s.plans.plan.pk]),
    "plans:plan[other commune]": lambda s: reverse("plans:plan", args=[s.plans.other_task.plan_id]),
    "plans:plan_edit": lambda s: reverse("plans:plan_edit", args=[s.plans.plan.pk]),
    "plans:plan_status": lambda s: reverse("plans:plan_status", args=[s.plans.issued.pk, "closed"]),
    "plans:section_create": lambda s: reverse("plans:section_create", args=[s.plans.plan.pk]),
    "plans:task_create": lambda s: reverse("plans:task_create", args=[s.plans.plan.pk]),
    "plans:task_edit": lambda s: reverse(
        "plans:task_edit", args=[s.plans.plan.pk, s.plans.task.pk]
    ),
    "plans:task_edit[other commune's task]": lambda s: reverse(
        "plans:task_edit", args=[s.plans.plan.pk, s.plans.other_task.pk]
    ),
    "plans:plan_xlsx": lambda s: reverse("plans:plan_xlsx", args=[s.plans.plan.pk]),
    "plans:plan_docx": lambda s: reverse("plans:plan_docx", args=[s.plans.issued.pk]),
    "plans:plan_docx[draft]": lambda s: reverse("plans:plan_docx", args=[s.plans.plan.pk]),
    "plans:dashboard": lambda s: reverse("plans:dashboard"),
    "plans:dashboard[?xa=hong phong]": lambda s: (
        reverse("plans:dashboard") + _commune_query(s.world.commune)
    ),
    "plans:dashboard[?xa=other commune]": lambda s: (
        reverse("plans:dashboard") + _commune_query(s.world.other_commune)
    ),
    "plans:plan_import": lambda s: reverse("plans:plan_import"),
    "plans:plan_review": lambda s: reverse("plans:plan_review", args=[s.plans.plan.pk]),
    "plans:plan_issue": lambda s: reverse("plans:plan_issue", args=[s.plans.plan.pk]),
    "plans:draft_tasks": lambda s: reverse("plans:draft_tasks", args=[s.plans.plan.pk]),
    "plans:task_split": lambda s: reverse(
        "plans:task_split", args=[s.plans.plan.pk, s.plans.task.pk]
    ),
    "plans:section_edit": lambda s: reverse(
        "plans:section_edit", args=[s.plans.plan.pk, s.plans.section.pk]
    ),
    "plans:section_edit[issued plan]": lambda s: reverse(
        "plans:section_edit", args=[s.plans.issued.pk, s.plans.issued_section.pk]
    ),
    "plans:section_edit[another plan's]": lambda s: reverse(
        "plans:section_edit", args=[s.plans.plan.pk, s.plans.issued_section.pk]
    ),
    "plans:section_delete": lambda s: reverse(
        "plans:section_delete", args=[s.plans.plan.pk, s.plans.section.pk]
    ),
    "plans:task_delete": lambda s: reverse(
        "plans:task_delete", args=[s.plans.plan.pk, s.plans.task.pk]
    ),
    "plans:reference_create": lambda s: reverse("plans:reference_create", args=[s.plans.plan.pk]),
    "plans:reference_edit": lambda s: reverse(
        "plans:reference_edit", args=[s.plans.plan.pk, s.plans.reference.pk]
    ),
    "plans:reference_delete": lambda s: reverse(
        "plans:reference_delete", args=[s.plans.plan.pk, s.plans.reference.pk]
    ),
    "plans:legal_documents": lambda s: reverse("plans:legal_documents"),
    "plans:legal_document": lambda s: reverse(
        "plans:legal_document", args=[s.plans.reference.document_id]
    ),
    **{
        case: _petition_url(case)
        for case in (
            "petitions:detail",
            "petitions:classify",
            "petitions:assign",
            "petitions:accept",
            "petitions:route",
            "petitions:extend",
            "petitions:pause",
            "petitions:resume",
            "petitions:resolve",
            "petitions:record_step",
            "petitions:link",
            "petitions:sign_off",
            "petitions:send_back",
            "petitions:answer_letter",
            "petitions:similar",
            "petitions:similar_link",
            "petitions:identity_reveal",
            "petitions:identity_access",
            "petitions:identity_grant",
            "petitions:notices",
            "petitions:verification_dossier",
        )
    },
    "petitions:list": lambda s: reverse("petitions:list"),
    "petitions:receive": lambda s: reverse("petitions:receive"),
    "petitions:detail[assigned to officer A]": lambda s: reverse(
        "petitions:detail", args=[s.petitions.denunciation.pk]
    ),
    "petitions:detail[other commune]": lambda s: reverse(
        "petitions:detail", args=[s.petitions.other.pk]
    ),
    "petitions:sessions": lambda s: reverse("petitions:sessions"),
    "petitions:session_create": lambda s: reverse("petitions:session_create"),
    "petitions:register": lambda s: reverse("petitions:register"),
    "petitions:session": lambda s: reverse("petitions:session", args=[s.petitions.session.pk]),
    "petitions:visit_create": lambda s: reverse(
        "petitions:visit_create", args=[s.petitions.session.pk]
    ),
    "petitions:visit": lambda s: reverse("petitions:visit", args=[s.petitions.visit.pk]),
    "petitions:register_xlsx": lambda s: reverse("petitions:register_xlsx"),
    "petitions:visit_identity_reveal": lambda s: reverse(
        "petitions:visit_identity_reveal", args=[s.petitions.visit.pk]
    ),
    "petitions:notice": lambda s: reverse(
        "petitions:notice", args=[s.petitions.denunciation.pk, "chuyen-don"]
    ),
    "petitions:stats": lambda s: reverse("petitions:stats"),
    "petitions:province": lambda s: reverse("petitions:province"),
    "petitions:hotspots": lambda s: reverse("petitions:hotspots"),
    "petitions:hotspot_rule": lambda s: reverse("petitions:hotspot_rule"),
    "petitions:hotspot_detail": lambda s: reverse(
        "petitions:hotspot_detail", args=[s.world.commune.pk, s.world.village.pk, "other"]
    ),
    "petitions:stats_xlsx": lambda s: reverse("petitions:stats_xlsx"),
    "portal:petition_new": lambda s: reverse("portal:petition_new"),
    "portal:petition_lookup": lambda s: reverse("portal:petition_lookup"),
    "portal:petition_status": lambda s: reverse(
        "portal:petition_status", args=[s.petitions.complaint.tracking_code]
    ),
    "portal:petition_status[unknown code]": lambda s: reverse(
        "portal:petition_status", args=["KHONGCOMA2"]
    ),
    "portal:petition_receipt": lambda s: reverse(
        "portal:petition_receipt", args=[s.petitions.complaint.tracking_code]
    ),
}


def _today() -> str:
    return timezone.localdate().isoformat()


def _petition(s: Scene, which: str, *fields: str) -> tuple[object, ...]:
    p = Petition.objects.get(pk=getattr(s.petitions, which).pk)
    return tuple(getattr(p, f) for f in fields)


def _logged_in(s: Scene, c: Client) -> bool:
    return c.get(reverse("core:notifications")).status_code == 200


POST_ACTIONS: dict[str, PostAction] = {
    "logout": PostAction(data=lambda s, p: {}, state=_logged_in),
    "core:notifications_read": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: sorted(
            Notification.objects.filter(read_at__isnull=False).values_list("user_id", flat=True)
        ),
    ),
    "plans:task_report": PostAction(
        data=lambda s, p: {"unit": s.unit(p).pk, "text": "Đã tổ chức đối thoại", "percent": "50"},
        state=lambda s, c: ProgressReport.objects.filter(task=s.plans.task).count(),
    ),
    "plans:report_accept": PostAction(
        data=lambda s, p: {"comment": "Đạt yêu cầu"},
        state=lambda s, c: ProgressReport.objects.get(pk=s.plans.report.pk).review,
    ),
    "plans:report_return": PostAction(
        data=lambda s, p: {"comment": "Đề nghị bổ sung số liệu"},
        state=lambda s, c: ProgressReport.objects.get(pk=s.plans.report.pk).review,
    ),
    "plans:plan_status": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: Plan.objects.get(pk=s.plans.issued.pk).status,
    ),
    "plans:plan_issue": PostAction(
        data=lambda s, p: {"number": "45", "issued_on": _today()},
        state=lambda s, c: Plan.objects.get(pk=s.plans.plan.pk).status,
    ),
    "plans:draft_tasks": PostAction(
        data=lambda s, p: {
            "action": "reassign",
            "tasks": [s.plans.task.pk],
            "lead_unit": s.world.office_b.pk,
        },
        state=lambda s, c: Task.objects.get(pk=s.plans.task.pk).lead_unit_id,
    ),
    "plans:task_split": PostAction(
        data=lambda s, p: {}, state=lambda s, c: s.plans.plan.tasks.count()
    ),
    "plans:plan_create": PostAction(
        data=lambda s, p: {
            "title": "Kế hoạch mới",
            "issuing_unit": s.world.commune.pk,
            "symbol": "KH-UBND",
            "year": "2027",
        },
        state=lambda s, c: Plan.objects.count(),
    ),
    "plans:plan_edit": PostAction(
        data=lambda s, p: {
            "title": "Tên kế hoạch đã sửa",
            "issuing_unit": s.world.commune.pk,
            "symbol": "KH-UBND",
            "year": "2026",
        },
        state=lambda s, c: Plan.objects.get(pk=s.plans.plan.pk).title,
    ),
    "plans:section_create": PostAction(
        data=lambda s, p: {"number": "III", "title": "TỔ CHỨC THỰC HIỆN"},
        state=lambda s, c: Section.objects.count(),
    ),
    "plans:task_create": PostAction(
        data=lambda s, p: {
            "title": "Nhiệm vụ mới",
            "lead_unit": s.world.office_a.pk,
            "recurrence": "once",
            "due_date": "2026-12-01",
        },
        state=lambda s, c: Task.objects.count(),
    ),
    "plans:task_edit": PostAction(
        data=lambda s, p: {
            "title": "Tên nhiệm vụ đã sửa",
            "lead_unit": s.world.office_a.pk,
            "coordinating_units": [s.world.office_b.pk],
            "recurrence": "once",
            "start_date": "2026-04-10",
            "due_date": "2026-10-30",
        },
        state=lambda s, c: Task.objects.get(pk=s.plans.task.pk).title,
    ),
    "plans:plan_import": PostAction(
        data=lambda s, p: {
            "file": SimpleUploadedFile("ke-hoach.txt", PLAN_TEXT.encode(), "text/plain"),
            "commune": s.world.commune.pk,
            "recurrence": "quarterly",
        },
        state=lambda s, c: Plan.objects.count(),
    ),
    "plans:section_edit": PostAction(
        data=lambda s, p: {"number": "I", "title": "MỤC ĐÍCH, YÊU CẦU"},
        state=lambda s, c: Section.objects.get(pk=s.plans.section.pk).title,
    ),
    "plans:section_delete": PostAction(
        data=lambda s, p: {}, state=lambda s, c: Section.objects.count()
    ),
    "plans:task_delete": PostAction(data=lambda s, p: {}, state=lambda s, c: Task.objects.count()),
    "plans:reference_create": PostAction(
        data=lambda s, p: {"doc_type": "Nghị quyết", "number": "25-NQ/TW"},
        state=lambda s, c: PlanReference.objects.count(),
    ),
    "plans:reference_edit": PostAction(
        data=lambda s, p: {"doc_type": "Chỉ thị", "number": "33/CT-TTg", "sections": "II.1, II.2"},
        state=lambda s, c: PlanReference.objects.get(pk=s.plans.reference.pk).sections,
    ),
    "plans:reference_delete": PostAction(
        data=lambda s, p: {}, state=lambda s, c: PlanReference.objects.count()
    ),
    "petitions:classify": PostAction(
        data=lambda s, p: {
            "pl-competent": "1",
            "pl-conditions_met": "1",
            "pl-complex": "on",
            "pl-topic": Petition.Topic.LAND,
        },
        state=lambda s, c: _petition(s, "denunciation", "competent", "complex", "topic"),
    ),
    "petitions:assign": PostAction(
        data=lambda s, p: {"gx-assignee": f"{s.world.office_b.pk}-{s.world.officer_b.pk}"},
        state=lambda s, c: _petition(s, "denunciation", "handler_id", "handling_unit_id"),
    ),
    "petitions:accept": PostAction(
        data=lambda s, p: {"tl-accepted_on": _today()},
        state=lambda s, c: _petition(s, "denunciation", "status", "accepted_on"),
    ),
    "petitions:route": PostAction(
        data=lambda s, p: {"xl-outcome": "forwarded", "xl-on": _today(), "xl-note": "Chuyển"},
        state=lambda s, c: _petition(s, "denunciation", "status"),
    ),
    "petitions:extend": PostAction(
        data=lambda s, p: {"gh-on": _today(), "gh-reason": "Vụ việc phức tạp"},
        state=lambda s, c: _petition(s, "accepted", "due_on", "extensions"),
    ),
    "petitions:pause": PostAction(
        data=lambda s, p: {"dc-on": _today(), "dc-reason": "Chờ kết quả giám định"},
        state=lambda s, c: _petition(s, "accepted", "status"),
    ),
    "petitions:resume": PostAction(
        data=lambda s, p: {"tt-on": _today(), "tt-reason": "Đã có kết quả giám định"},
        state=lambda s, c: _petition(s, "paused", "status"),
    ),
    "petitions:resolve": PostAction(
        data=lambda s, p: {
            "kq-decided_on": _today(),
            "kq-outcome": "Giải quyết xong",
            "kq-legal_basis": "Luật Tố cáo năm 2018",
        },
        state=lambda s, c: _petition(s, "accepted", "status"),
    ),
    "petitions:sign_off": PostAction(
        data=lambda s, p: {"kd-signed_on": _today()},
        state=lambda s, c: _petition(s, "proposed", "status", "signed_off_by_id"),
    ),
    "petitions:send_back": PostAction(
        data=lambda s, p: {"tr-on": _today(), "tr-comment": "Bổ sung căn cứ pháp lý"},
        state=lambda s, c: _petition(s, "proposed", "status"),
    ),
    "petitions:record_step": PostAction(
        data=lambda s, p: {"bx-step": "verified", "bx-on": _today(), "bx-note": "Đã xác minh"},
        state=lambda s, c: (PetitionEvent.objects.filter(petition=s.petitions.accepted).count(),),
    ),
    "petitions:hotspot_rule": PostAction(
        data=lambda s, p: {"xa": s.world.commune.pk, "threshold": 7, "window_days": 20},
        state=lambda s, c: tuple(HotspotRule.objects.values_list("threshold", "window_days")),
    ),
    "petitions:similar_link": PostAction(
        data=lambda s, p: {"to": s.petitions.accepted.pk, "kind": "same_matter"},
        state=lambda s, c: _petition(s, "complaint", "linked_to_id"),
    ),
    "petitions:link": PostAction(
        data=lambda s, p: {"lk-code": s.petitions.accepted.code, "lk-kind": "same_matter"},
        state=lambda s, c: _petition(s, "denunciation", "linked_to_id"),
    ),
    "petitions:identity_grant": PostAction(
        data=lambda s, p: {"user": s.world.officer_b.pk},
        state=lambda s, c: s.petitions.denunciation.identity_grants.count(),
    ),
    "petitions:notice": PostAction(
        data=lambda s, p: {"den": "Công an tỉnh"},
        state=lambda s, c: AuditEntry.objects.filter(action="petitions.notice_generated").count(),
    ),
    "petitions:verification_dossier": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: AuditEntry.objects.filter(action="petitions.dossier_generated").count(),
    ),
    "petitions:receive": PostAction(
        data=lambda s, p: {
            "received_on": _today(),
            "channel": Petition.Channel.IN_PERSON,
            "kind": PetitionKind.RECOMMENDATION,
            "topic": Petition.Topic.OTHER,
            "subject": "Kiến nghị làm đèn đường",
            "content": "Đề nghị lắp đèn đường thôn Đoàn Kết.",
            "petitioner_name": "Lê Văn Gửi",
            "signatories": "1",
        },
        state=lambda s, c: Petition.objects.count(),
    ),
    "petitions:session_create": PostAction(
        data=lambda s, p: {
            "kind": ReceptionSession.Kind.REGULAR,
            "held_on": _today(),
            "host": s.world.officer_b.pk,
            "place": "Trụ sở tiếp công dân xã",
        },
        state=lambda s, c: ReceptionSession.objects.count(),
    ),
    "petitions:visit_create": PostAction(
        data=lambda s, p: {
            "visited_on": _today(),
            "kind": PetitionKind.REFLECTION,
            "name": "Phạm Thị Đến",
            "content": "Phản ánh rác thải",
            "people": "1",
        },
        state=lambda s, c: Visit.objects.count(),
    ),
    "petitions:visit_identity_reveal": PostAction(
        data=lambda s, p: {"reason": "Cần liên hệ lại người đến"},
        state=lambda s, c: IdentityReveal.objects.count(),
    ),
}


# --- the tables cover the project -----------------------------------------------------------


def test_it_names_every_url_pattern() -> None:
    unnamed = [str(p.pattern) for name, p in url_patterns(get_resolver().url_patterns) if not name]
    assert unnamed == [], "every URL needs a name to have a row in the matrix"


def test_it_covers_every_url_pattern() -> None:
    names = {name for name, _ in url_patterns(get_resolver().url_patterns)}
    tables = {"plans": GET_MATRIX, **app_matrices()}
    covered = {url_name(case) for t in tables.values() for case in t}
    assert sorted(names - covered) == [], "URLs without a row in any app's permission matrix"
    assert sorted(covered - names) == [], "rows for URLs that no longer exist"


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)
    cells = {
        (f"{method} {case}", persona)
        for method, t in (("GET", GET_MATRIX), ("POST", POST_MATRIX))
        for case, row in t.items()
        for persona in row
    }
    assert set(KNOWN_BUGS) <= cells


# --- the cells --------------------------------------------------------------------------------


OFFICE_FILES = {
    "plans:plan_xlsx",
    "plans:plan_docx",
    "petitions:notice",
    "petitions:verification_dossier",
    "petitions:stats_xlsx",
    "petitions:register_xlsx",
    "petitions:answer_letter",
}


def _body_problem(case: str) -> Callable[[Any], str | None] | None:
    """What a 200 must serve: the attachment itself, or an Office document."""
    if url_name(case) == "core:attachment":
        return lambda r: None if b"".join(r.streaming_content) == PDF else "got another file"
    return office_file if url_name(case) in OFFICE_FILES else None


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    # GET changes nothing, so one scene serves every persona of the row.
    expect_get(
        GET_MATRIX,
        case,
        personas,
        URLS[case](scene),
        lambda p: scene.client(p),
        _body_problem(case),
    )


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(
        POST_MATRIX, case, personas, url, scene, lambda p: scene.client(p), POST_ACTIONS[case]
    )


# --- what the statuses do not show ------------------------------------------------------------


def test_it_publishes_only_issued_plans_on_the_portal(scene: Scene) -> None:
    body = scene.world.client(None).get(reverse("portal:home")).content.decode()
    assert scene.plans.issued.title in body
    assert scene.plans.plan.title not in body and scene.plans.other_task.plan.title not in body


def test_it_marks_only_the_users_own_notifications_read(scene: Scene) -> None:
    scene.world.client(scene.world.officer_b).post(reverse("core:notifications_read"))
    read = Notification.objects.filter(read_at__isnull=False)
    assert list(read.values_list("user_id", flat=True)) == [scene.world.officer_b.pk]


@pytest.mark.parametrize(
    ("persona", "kind"),
    [
        ("officer_a", ProgressReport.Kind.LEAD),
        ("officer_b", ProgressReport.Kind.CONTRIBUTION),
        ("front", ProgressReport.Kind.CONTRIBUTION),
    ],
)
def test_it_records_a_report_as_lead_or_contribution(scene: Scene, persona: str, kind: str) -> None:
    scene.client(persona).post(
        URLS["plans:task_report"](scene), POST_ACTIONS["plans:task_report"].data(scene, persona)
    )
    report = ProgressReport.objects.filter(task=scene.plans.task).order_by("-id").first()
    assert report is not None
    assert (report.unit, report.kind, report.created_by) == (
        scene.unit(persona),
        kind,
        scene.user(persona),
    )


def test_it_sends_home_to_the_page_of_each_role(scene: Scene) -> None:
    # Leaders, read-only members and the province viewer land on the leaders' overview; those
    # who act for a unit on "Việc của tôi", what waits on them in every app.
    overview, mine = reverse("leaders:overview"), reverse("leaders:my_work")
    expected = {
        "chairman": overview,
        "officer_a": mine,
        "readonly_a": overview,
        "officer_b": mine,
        "front": mine,
        "village_head": mine,
        "province_viewer": overview,
        "outsider": mine,
        "admin": overview,
    }
    actual = {p: scene.client(p).get(reverse("core:home"))["Location"] for p in expected}
    assert actual == expected


def test_it_shows_the_outsider_its_own_commune_on_the_dashboard(scene: Scene) -> None:
    response = scene.world.client(scene.world.outsider).get(reverse("plans:dashboard"))
    assert response.context["commune"] == scene.world.other_commune


def test_it_keeps_the_admin_site_to_staff(scene: Scene) -> None:
    url = reverse("admin:index")
    assert scene.world.client(scene.world.admin).get(url).status_code == 200
    for persona in ("anon", "chairman", "officer_a", "province_viewer", "outsider"):
        response = scene.client(persona).get(url)
        assert response.status_code == 302, persona
        assert "login" in response["Location"], persona


def test_it_lists_only_readable_plans_under_a_legal_document(scene: Scene) -> None:
    PlanReference.objects.create(
        plan=scene.plans.other_task.plan, document=scene.plans.reference.document
    )
    url = URLS["plans:legal_document"](scene)
    outsider = scene.world.client(scene.world.outsider).get(url).content.decode()
    assert scene.plans.other_task.plan.title in outsider and scene.plans.plan.title not in outsider
    member = scene.world.client(scene.world.readonly_a).get(url).content.decode()
    assert scene.plans.plan.title in member and scene.plans.other_task.plan.title not in member


def test_it_counts_only_readable_plans_in_the_register(scene: Scene) -> None:
    # A document cited only by Hồng Phong is not listed for the other commune.
    url = URLS["plans:legal_documents"](scene)
    document = scene.plans.reference.document
    assert document in scene.world.client(scene.world.chairman).get(url).context["page"]
    assert document not in scene.world.client(scene.world.outsider).get(url).context["page"]


def test_the_kept_register_lists_a_document_cited_since(scene: Scene) -> None:
    """Kept per reader until a record of the plans changes: a plan that cites one more
    document, as its edit logs, lists it at once."""
    from danvan.core.audit import log_action
    from danvan.plans.models import LegalDocument, PlanReference

    client = scene.world.client(scene.world.chairman)
    url = URLS["plans:legal_documents"](scene)
    assert "Hướng dẫn số 99/HD-BDVTW" not in client.get(url).content.decode()
    document = LegalDocument.objects.create(
        doc_type="Hướng dẫn", number="99/HD-BDVTW", issuer="Ban Dân vận Trung ương"
    )
    PlanReference.objects.create(plan=scene.plans.plan, document=document)
    log_action(scene.plans.plan, "plans.plan_updated", by=scene.world.chairman)
    assert "Hướng dẫn số 99/HD-BDVTW" in client.get(url).content.decode()


def test_it_shows_no_personal_data_on_the_portal(scene: Scene) -> None:
    issued_task = scene.plans.issued.tasks.get()
    report = services.progress_report_create(
        task=issued_task,
        unit=scene.world.office_b,
        by=scene.world.officer_b,
        text="Đã tiếp ông Nguyễn Văn A, số điện thoại 0912345678",
        percent=40,
    )
    services.report_accept(report=report, by=scene.world.chairman)
    attachment_create(
        file=SimpleUploadedFile("don-cua-cong-dan.pdf", PDF, "application/pdf"),
        owner=report,
        commune=scene.world.commune,
        by=scene.world.officer_b,
    )
    body = scene.world.client(None).get(URLS["portal:plan"](scene)).content.decode()
    assert issued_task.title in body and "40%" in body
    officer = scene.world.officer_b
    for private in (
        officer.username,
        officer.full_name,
        officer.email,
        "Nguyễn Văn A",
        "0912345678",
        "don-cua-cong-dan.pdf",
        "/can-bo/",
    ):
        assert private not in body, private


def test_it_shows_no_personal_data_on_a_public_petition_page(
    world: World, petitions: Petitions
) -> None:
    anon = Client()
    for petition in (petitions.complaint, petitions.denunciation):
        for name in ("portal:petition_status", "portal:petition_receipt"):
            body = anon.get(reverse(name, args=[petition.tracking_code])).content.decode()
            for private in (DENOUNCER, "0912345678", world.officer_b.full_name):
                assert private not in body, (name, petition.kind, private)


def test_it_reveals_a_denouncer_only_to_a_grant_holder_and_logs_it(
    world: World, petitions: Petitions
) -> None:
    scene = Scene(world, pet=petitions)
    url = reverse("petitions:identity_reveal", args=[petitions.denunciation.pk])
    data = {"reason": "Cần liên hệ người tố cáo để bổ sung tài liệu"}
    for persona in ("chairman", "officer_b", "admin", "outsider", "readonly_a"):
        response = scene.client(persona).post(url, data)
        assert response.status_code in {403, 404}, persona
        assert DENOUNCER not in response.content.decode(), persona
    assert not IdentityReveal.objects.exists()
    response = scene.client("officer_a").post(url, data)
    assert response.status_code == 200 and DENOUNCER in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert IdentityReveal.objects.get().user == world.officer_a
