"""The periodic report's files (.docx, .xlsx annex) made in the background (core/jobs.py) when
their figures are counted live over every app for a large commune."""

from __future__ import annotations

from danvan.core.access import get_access
from danvan.core.errors import DomainError
from danvan.core.jobs import Output, Progress, job_kind
from danvan.core.models import Job, User
from danvan.leaders import reports
from danvan.leaders.models import PeriodicReport
from danvan.lib.officialdoc import DOCX_MIME
from danvan.lib.spreadsheet import XLSX_MIME


def _report(job: Job) -> PeriodicReport | None:
    return (
        PeriodicReport.objects.select_related("commune")
        .filter(pk=job.params.get("report"), commune_id=job.commune_id)
        .first()
    )


def reads_report(job: Job, user: User) -> bool:
    report = _report(job)
    return report is not None and reports.can_read(get_access(user), report)


def report_slug(report: PeriodicReport) -> str:
    kind = "6-thang" if report.kind == "half_year" else "nam"
    return f"bao-cao-{kind}-{report.year}-{report.commune_id}"


# Whoever reads the report reads the same figures and text (the file names its maker as author).
@job_kind(source=reads_report, shared=True)
def report_file(job: Job, progress: Progress) -> Output:
    report = _report(job)
    if report is None:
        raise DomainError("Báo cáo không còn nữa.")
    progress(0, 2, "Đang tính số liệu")
    slug = report_slug(report)
    label = reports.period_label(report)
    if job.params.get("file") == "xlsx":
        content = reports.report_xlsx(report)
        filename, mime = f"phu-luc-{slug}.xlsx", XLSX_MIME
        message = f"Đã lập phụ lục số liệu báo cáo {label}."
    else:
        content = reports.report_docx(report, by=job.owner)
        filename, mime = f"{slug}.docx", DOCX_MIME
        message = f"Đã lập báo cáo {label}."
    progress(1, 2, "Đang ghi tệp")
    return Output(content=content, filename=filename, mime=mime, message=message)


def live_rows(report: PeriodicReport) -> int | None:
    """How many records the report's live figures count, as its last kept version counted
    them (0 if never counted yet), the size that decides whether its files are made in the
    background; None when its figures are frozen (submitted): nothing to count."""
    if report.status == PeriodicReport.Status.SUBMITTED and report.figures is not None:
        return None
    last = report.versions.order_by("-number").values_list("figures", flat=True).first()
    parts = last.values() if isinstance(last, dict) else []
    return sum(int(p.get("total") or 0) for p in parts if isinstance(p, dict))
