from typing import Any

from danvan.core import domain


class PlansConfig(domain.AppConfig):
    name = "danvan.plans"
    verbose_name = "Kế hoạch, nhiệm vụ"
    reminders = "danvan.plans.services.send_reminders"
    overview = "danvan.plans.overview.figures"
    my_work = "danvan.plans.work.waiting_on"
    recompute = "danvan.plans.services.tasks_reschedule_open"
    recompute_on = ("calendar",)
    actions = {
        "plans.plan_created": "Tạo kế hoạch",
        "plans.plan_updated": "Sửa thông tin kế hoạch",
        "plans.plan_imported": "Nhập kế hoạch từ văn bản",
        "plans.plan_issued": "Ban hành kế hoạch",
        "plans.plan_closed": "Kết thúc kế hoạch",
        "plans.section_created": "Thêm mục",
        "plans.section_updated": "Sửa mục",
        "plans.section_deleted": "Xóa mục",
        "plans.reference_saved": "Lưu văn bản căn cứ",
        "plans.reference_removed": "Bỏ văn bản căn cứ",
        "plans.task_created": "Giao nhiệm vụ",
        "plans.task_updated": "Sửa nhiệm vụ",
        "plans.task_deleted": "Xóa nhiệm vụ",
        "plans.tasks_created": "Giao các nhiệm vụ của văn bản",
        "plans.tasks_merged": "Gộp nhiệm vụ của dự thảo",
        "plans.task_split": "Tách nhiệm vụ của dự thảo",
        "plans.progress_reported": "Báo cáo tiến độ",
        "plans.contribution_added": "Đơn vị phối hợp báo cáo",
        "plans.report_accepted": "Chấp nhận báo cáo tiến độ",
        "plans.report_returned": "Trả lại báo cáo tiến độ",
        "plans.reminder_before": "Nhắc việc sắp đến hạn",
        "plans.reminder_overdue": "Đôn đốc nhiệm vụ quá hạn",
        "plans.reminder_escalation": "Báo cáo lãnh đạo nhiệm vụ quá hạn",
    }
    fields = {
        "title": "Tên",
        "description": "Nội dung",
        "expected_result": "Kết quả cần đạt",
        "recurrence": "Tần suất",
        "start_date": "Ngày bắt đầu",
        "due_date": "Hạn hoàn thành",
        "next_due": "Hạn gần nhất",
        "lead_unit": "Đơn vị chủ trì",
        "coordinating_units": "Đơn vị phối hợp",
        "unit": "Đơn vị",
        "report": "Số báo cáo",
        "files": "Tệp minh chứng",
        "percent": "Tiến độ (%)",
        "done_on": "Ngày hoàn thành",
        "status": "Trạng thái",
        "due": "Hạn",
        "recipients": "Số người nhận",
        "reminder": "Lần đôn đốc",
        "document": "Văn bản",
        "sections": "Số mục",
        "references": "Số văn bản căn cứ",
        "tasks": "Số nhiệm vụ",
        "task": "Nhiệm vụ (số)",
        "merged": "Các nhiệm vụ gộp vào",
        "parts": "Số nhiệm vụ sau khi tách",
        "number": "Số",
        "issued_on": "Ngày ban hành",
        "place": "Địa danh",
        "year": "Năm",
        "period_end": "Kỳ báo cáo (đến ngày)",
        "report_percent": "Tiến độ trong báo cáo (%)",
        "review": "Duyệt",
        "comment": "Nhận xét",
        "author": "Người báo cáo",
        "last_report_on": "Báo cáo được tính gần nhất",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        """A report's review state, in words, in the history of its task."""
        from danvan.plans.models import ProgressReport

        review = {"review": dict(ProgressReport.Review.choices)}
        return {"plans.progress_reported": review, "plans.contribution_added": review}
