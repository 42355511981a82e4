from typing import Any

from danvan.core import domain


class PetitionsConfig(domain.AppConfig):
    name = "danvan.petitions"
    verbose_name = "Tiếp công dân, đơn thư"
    reminders = "danvan.petitions.reminders.send_petition_reminders"
    recompute = "danvan.petitions.services.petitions_recompute_open"
    # Section `petition_rules` (the LawRule rows); core.law prints the sections it lists.
    law = "danvan.petitions.rules.law_in_force"
    overview = "danvan.petitions.overview.figures"
    my_work = "danvan.petitions.work.waiting_on"
    actions = {
        "petitions.received": "Tiếp nhận đơn",
        "petitions.classified": "Phân loại đơn",
        "petitions.assigned": "Giao xử lý",
        "petitions.accepted": "Thụ lý",
        "petitions.guided": "Hướng dẫn người gửi",
        "petitions.forwarded": "Chuyển đơn",
        "petitions.returned": "Trả lại đơn",
        "petitions.filed": "Lưu đơn",
        "petitions.information": "Xử lý như thông tin",
        "petitions.extended": "Gia hạn giải quyết",
        "petitions.paused": "Tạm đình chỉ",
        "petitions.resumed": "Tiếp tục giải quyết",
        "petitions.resolved": "Ra quyết định, kết luận",
        "petitions.proposed": "Trình lãnh đạo ký duyệt kết quả",
        "petitions.sent_back": "Lãnh đạo trả lại dự thảo kết quả",
        "petitions.concluded": "Kết luận nội dung",
        "petitions.linked": "Liên kết với đơn khác",
        "petitions.identity_granted": "Giao quyền xem danh tính người tố cáo",
        "petitions.identity_revealed": "Xem danh tính người tố cáo",
        "petitions.notice_generated": "Lập văn bản của vụ việc",
        "petitions.dossier_generated": "Lập hồ sơ giao xác minh",
        "petitions.restruck": "Lược bỏ thêm danh tính người tố cáo khỏi nội dung đơn",
        "petitions.hotspot_rule_set": "Đặt ngưỡng điểm nóng",
        "petitions.session_created": "Mở buổi tiếp công dân",
        "petitions.visit_recorded": "Ghi lượt tiếp công dân",
        "petitions.visit_opened_petition": "Vào sổ đơn thư từ lượt tiếp",
        "petitions.visit_identity_revealed": "Xem danh tính người tố cáo tại lượt tiếp",
        "petitions.reminder_before": "Nhắc sắp đến hạn",
        "petitions.reminder_overdue": "Báo quá hạn",
        "petitions.reminder_escalation": "Báo lãnh đạo: đơn quá hạn",
    }
    fields = {
        "kind": "Loại",
        "channel": "Kênh",
        "due_on": "Hạn xử lý",
        "competent": "Thuộc thẩm quyền",
        "conditions_met": "Đủ điều kiện",
        "handler": "Người xử lý",
        "accepted_on": "Ngày thụ lý",
        "on": "Ngày",
        "on_time": "Đúng hạn",
        "reason": "Lý do",
        "decided_on": "Ngày quyết định",
        "proposed_by": "Người trình",
        "to": "Đơn liên quan",
        "forwarded_to": "Chuyển đến",
        "source": "Căn cứ",
        "user": "Người dùng",
        "held_on": "Ngày tiếp",
        "host": "Người chủ trì",
        "people": "Số người",
        "session": "Buổi tiếp",
        "petition": "Đơn",
        "named": "Ghi họ tên người tố cáo",
        "attachments": "Số tài liệu kèm theo",
        "struck_subject": "Lược bỏ trong tóm tắt nội dung",
        "struck_content": "Lược bỏ trong nội dung đơn",
        "protected": "Bảo vệ danh tính người tố cáo",
    }

    def ready(self) -> None:
        from danvan.core.audit import register_labels
        from danvan.petitions.models import PetitionEvent

        super().ready()
        # Recording a resolution step is named as the step (PetitionEvent.Kind).
        register_labels(
            actions={f"petitions.{k.value}": str(k.label) for k in PetitionEvent.RESOLUTION_STEPS},
            fields={},
        )

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The codes a case's history stores, in words (kinds, channels, links, notices)."""
        from danvan.petitions.models import Petition, PetitionKind
        from danvan.petitions.notices import KINDS as NOTICE_KINDS

        return {
            "petitions.received": {
                "kind": dict(PetitionKind.choices),
                "channel": dict(Petition.Channel.choices),
            },
            "petitions.linked": {"kind": dict(Petition.LinkKind.choices)},
            "petitions.notice_generated": {
                "kind": {slug: k.label for slug, k in NOTICE_KINDS.items()}
            },
        }
