from datetime import date

from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "danvan.disclosures"
    verbose_name = "Công khai thông tin"

    def ready(self) -> None:
        from danvan.core.audit import register_labels

        register_labels(
            actions={
                "disclosures.created": "Vào sổ nội dung công khai",
                "disclosures.updated": "Sửa nội dung công khai",
                "disclosures.document_added": "Thêm tài liệu công khai",
                "disclosures.posted": "Ghi nhận công khai",
                "disclosures.posting_updated": "Cập nhật việc công khai",
                "disclosures.reviewed": "Rà soát, cập nhật nội dung niêm yết",
                "disclosures.withdrawn": "Gỡ bỏ nội dung công khai",
                "disclosures.reminder": "Nhắc việc công khai",
            },
            fields={
                "category": "Nội dung (Điều 11)",
                "title": "Tiêu đề",
                "content": "Nội dung",
                "document_ref": "Số, ký hiệu văn bản",
                "decided_on": "Ngày ban hành văn bản",
                "responsible_unit": "Đơn vị chịu trách nhiệm",
                "start_days_override": "Thời hạn theo luật chuyên ngành",
                "override_basis": "Căn cứ thời hạn khác",
                "start_due": "Hạn bắt đầu công khai",
                "document": "Tài liệu",
                "public": "Công bố trên cổng",
                "channel": "Hình thức",
                "start_on": "Từ ngày",
                "end_on": "Đến ngày",
                "proof": "Có minh chứng",
                "proof_file": "Tệp minh chứng",
                "reviewed_on": "Ngày rà soát",
                "note": "Ghi chú",
                "warning": "Cảnh báo",
                "recipients": "Số người nhận",
            },
        )

    def send_reminders(self, *, today: date | None = None) -> dict[str, int]:
        from django.utils import timezone

        from danvan.disclosures.reminders import send_disclosure_reminders

        return send_disclosure_reminders(today=today or timezone.localdate())

    def on_calendar_changed(self) -> int:
        """Called by core when the working-day calendar changes."""
        from danvan.disclosures.services import disclosures_recompute_open

        return disclosures_recompute_open()

    def on_rules_changed(self) -> int:
        """Called by core when an administrator changes a time-limit rule."""
        return self.on_calendar_changed()
