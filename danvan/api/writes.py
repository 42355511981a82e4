"""Write endpoints, where another system pushes: a plan from the province, a petition another
body forwards, the one-stop system's dossier results. Each goes through the same functions as
the pages and the command line (the plan import of `danvan plan-import`,
`petitions.services.petition_receive` after the intake form's checks, the dossier import of
`danvan one-stop-import`), needs a key that may write (`--write`, else 403) in the commune
named (404 for another), and is logged under the key (danvan.api.audit) besides the service's
own entry.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from danvan.api.audit import log_write
from danvan.api.auth import key_of, writable
from danvan.api.errors import WRITE_ERRORS, Refused, only

# One router for reads and writes: a path with both (GET and POST /petitions) is one view.
from danvan.api.reads import router
from danvan.core.models import Unit
from danvan.lib import planparse
from danvan.onestop import reader as dossier_reader
from danvan.onestop import services as onestop_services
from danvan.petitions import services as petition_services
from danvan.petitions.forms import IntakeForm
from danvan.petitions.models import Petition
from danvan.plans import services as plan_services
from danvan.plans.importer import document_text, plan_import
from danvan.plans.models import Recurrence

# --- a plan from the province ----------------------------------------------------------------


class PlanImported(Schema):
    plan_id: int
    status: str
    tasks: int
    warnings: list[str]


@router.post(
    "/plans/import",
    response={201: PlanImported, **WRITE_ERRORS},
    summary="Nhập kế hoạch (như `danvan plan-import`)",
    description=(
        "Một tệp kế hoạch (.txt UTF-8 hoặc .docx) thành dự thảo kế hoạch của xã; `issue=true` "
        "ban hành ngay với số và ngày trong văn bản hoặc `number`, `issued_on`."
    ),
)
def plans_import(
    request: HttpRequest,
    commune: Form[str],
    file: File[UploadedFile],
    issue: Form[bool] = False,
    number: Form[str] = "",
    issued_on: Form[date | None] = None,
    recurrence: Form[str] = Recurrence.QUARTERLY,
) -> Status:
    key = key_of(request)
    unit = writable(request, commune)
    if recurrence not in Recurrence.values:
        raise Refused(422, fields={"recurrence": only(list(Recurrence.values))})
    if file.size is None or file.size > settings.DANVAN_MAX_UPLOAD_BYTES:
        raise Refused(422, "Tệp quá lớn.", file="Tệp quá lớn.")
    raw = file.read()
    try:
        parsed = planparse.parse_file(raw, file.name)
    except planparse.PlanParseError as e:
        raise Refused(422, str(e), file=str(e)) from None
    issue_as: tuple[str, date] | None = None
    if issue:
        issue_as = _issue_data(parsed, number, issued_on)
    with transaction.atomic():
        result = plan_import(
            parsed=parsed,
            commune=unit,
            by=None,
            source_text=document_text(raw),
            default_recurrence=recurrence,
        )
        plan = result.plan
        if issue_as is not None:
            plan = plan_services.plan_issue(
                plan=plan, number=issue_as[0], issued_on=issue_as[1], by=None
            )
        log_write(plan, "api.plan_imported", key=key)
    return Status(
        201,
        {
            "plan_id": plan.pk,
            "status": plan.status,
            "tasks": plan.tasks.count(),
            "warnings": result.warnings,
        },
    )


def _issue_data(
    parsed: planparse.ParsedPlan, number: str, issued_on: date | None
) -> tuple[str, date]:
    """As the command: the number and day given, else the text's; a blank one is refused."""
    number = (number or parsed.header.number or "").strip()
    if not number:
        raise Refused(
            422,
            "Văn bản chưa có số (Số: …/KH-UBND): gửi kèm number khi ban hành, hoặc nhập không "
            "ban hành để ban hành sau trên trang kế hoạch.",
            number="Thiếu số văn bản.",
        )
    if issued_on is None:
        try:
            issued_on = date.fromisoformat(parsed.header.date) if parsed.header.date else None
        except ValueError:
            issued_on = None
    if issued_on is None:
        raise Refused(
            422,
            "Văn bản chưa có ngày ban hành: gửi kèm issued_on (YYYY-MM-DD) khi ban hành, hoặc "
            "nhập không ban hành.",
            issued_on="Thiếu ngày ban hành.",
        )
    return number, issued_on


# --- a petition forwarded by another body ----------------------------------------------------


class Petitioner(Schema):
    name: str = Field("", description="họ tên (với đơn tố cáo: được mã hóa, không ai đọc qua API)")
    address: str = ""
    phone: str = ""
    id_number: str = ""


# The intake form's fields for the petitioner, by the name the caller sends under `petitioner`
# (the names of the form's `identity()`).
PETITIONER = {
    "petitioner_name": "name",
    "petitioner_address": "address",
    "petitioner_phone": "phone",
    "petitioner_id": "id_number",
}


class PetitionIn(Schema):
    commune: str = Field(description="mã xã nhận đơn")
    forwarded_by: str = Field(min_length=1, max_length=300, description="cơ quan chuyển đơn")
    received_on: date
    kind: str = Field(description="complaint, denunciation, recommendation, reflection")
    topic: str = "other"
    subject: str = Field(description="tóm tắt nội dung")
    content: str
    village: int | None = Field(None, description="id của thôn, tổ dân phố trong xã")
    petitioner: Petitioner = Field(default_factory=lambda: Petitioner(name=""))
    signatories: int = 1
    anonymous: bool = False
    sensitive: bool = False
    second_complaint: bool = False


class PetitionReceived(Schema):
    id: int
    code: str
    status: str
    due_on: date | None


@router.post(
    "/petitions",
    response={201: PetitionReceived, **WRITE_ERRORS},
    summary="Nhận đơn do cơ quan khác chuyển đến",
    description=(
        "Vào sổ đơn của xã với kênh “Cơ quan khác chuyển đến”, qua cùng các kiểm tra như "
        "trang tiếp nhận đơn; với đơn tố cáo, danh tính người tố cáo được mã hóa ngay."
    ),
)
def petitions_forward(request: HttpRequest, payload: PetitionIn) -> Status:
    key = key_of(request)
    unit: Unit = writable(request, payload.commune)
    form = IntakeForm(
        {
            "received_on": payload.received_on.isoformat(),
            "channel": Petition.Channel.FORWARDED,
            "kind": payload.kind,
            "second_complaint": "on" if payload.second_complaint else "",
            "topic": payload.topic,
            "subject": payload.subject,
            "content": payload.content,
            "village": "" if payload.village is None else str(payload.village),
            **{field: getattr(payload.petitioner, name) for field, name in PETITIONER.items()},
            "signatories": str(payload.signatories),
            "anonymous": "on" if payload.anonymous else "",
            "sensitive": "on" if payload.sensitive else "",
        },
        commune=unit,
    )
    if not form.is_valid():
        refused = {
            f"petitioner.{PETITIONER[k]}" if k in PETITIONER else k: "; ".join(str(m) for m in v)
            for k, v in form.errors.items()
        }
        raise Refused(422, fields=refused)
    # The petitioner goes in as `identity` (sealed at once for a denunciation).
    fields: dict[str, Any] = {k: v for k, v in form.cleaned_data.items() if k not in PETITIONER}
    with transaction.atomic():
        p = petition_services.petition_receive(
            commune=unit, by=None, identity=form.identity(), **fields
        )
        log_write(p, "api.petition_forwarded", key=key, forwarded_by=payload.forwarded_by.strip())
    return Status(201, {"id": p.pk, "code": p.code, "status": p.status, "due_on": p.due_on})


# --- one-stop dossier results ----------------------------------------------------------------

# A push is answered at once; a larger batch is split by the sender (a month of a province's
# centre is a few thousand dossiers).
MOST_DOSSIERS = 20000


class DossierIn(Schema):
    code: str = Field(description="mã hồ sơ (duy nhất trong xã)")
    procedure: str = Field("", description="tên thủ tục")
    received_on: str | None = Field(
        None, description="ngày tiếp nhận: YYYY-MM-DD hoặc dd/mm/yyyy, có thể kèm giờ"
    )
    due_on: str | None = Field(None, description="ngày hẹn trả, cùng cách viết")
    returned_on: str | None = Field(None, description="ngày trả kết quả; trống nếu chưa trả")
    status: str = Field("", description="trạng thái, như hệ thống một cửa ghi")
    satisfaction: str = Field("", description="mức độ hài lòng")


class DossiersIn(Schema):
    commune: str = Field(description="mã xã")
    on: date | None = Field(None, description="tính kết quả đến ngày (mặc định: hôm nay)")
    dossiers: list[DossierIn] = Field(max_length=MOST_DOSSIERS)


class UnreadableDossier(Schema):
    row: int = Field(description="thứ tự trong danh sách gửi, từ 1")
    reason: str


class DossiersImported(Schema):
    total: int = Field(description="số hồ sơ đọc được")
    early: int
    on_time: int
    late: int
    in_progress: int
    in_progress_overdue: int
    unreadable: list[int] = Field(description="thứ tự các hồ sơ không đọc được")
    reasons: list[UnreadableDossier]
    created: int
    updated: int
    unchanged: int


@router.post(
    "/one-stop/dossiers",
    response={200: DossiersImported, **WRITE_ERRORS},
    summary="Nhận kết quả hồ sơ một cửa (như `danvan one-stop-import`)",
    description=(
        "Hệ thống một cửa của tỉnh gửi danh sách hồ sơ của xã (tối đa 20.000 hồ sơ mỗi lần): "
        "cập nhật theo mã hồ sơ, với cùng các kiểm tra như khi nhập tệp; hồ sơ không đọc được "
        "được trả lại kèm thứ tự và lý do, không hồ sơ nào bị bỏ qua lặng lẽ. Gửi lại cùng danh "
        "sách không thay đổi gì. Trả lời số hồ sơ trả trước hạn, đúng hạn, quá hạn, đang giải "
        "quyết còn hạn và quá hạn tính đến `on`."
    ),
)
def one_stop_dossiers(request: HttpRequest, payload: DossiersIn) -> Status:
    key = key_of(request)
    unit: Unit = writable(request, payload.commune)
    reading = dossier_reader.read_records(
        (number, d.dict()) for number, d in enumerate(payload.dossiers, start=1)
    )
    with transaction.atomic():
        done = onestop_services.dossiers_import(
            commune=unit,
            reading=reading,
            on=payload.on or timezone.localdate(),
            by=None,
            source=f"API: {key.name}",
        )
        log_write(done, "api.onestop_imported", key=key, total=done.counts["total"])
    return Status(
        200,
        {
            **onestop_services.answer(done),
            "reasons": [{"row": n, "reason": why} for n, why in done.unreadable],
            **{k: done.counts[k] for k in ("created", "updated", "unchanged")},
        },
    )
