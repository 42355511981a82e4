from typing import Any

from danvan.core import domain


class QuestioningConfig(domain.AppConfig):
    name = "danvan.questioning"
    verbose_name = "Chất vấn tại kỳ họp HĐND"
    reminders = "danvan.questioning.reminders.remind"
    my_work = "danvan.questioning.work.waiting_on"
    recompute = "danvan.questioning.services.questions_recompute_open"
    actions = {
        "questioning.session_created": "Ghi kỳ họp HĐND xã",
        "questioning.question_asked": "Ghi chất vấn",
        "questioning.question_to_writing": "Chuyển trả lời chất vấn bằng văn bản",
        "questioning.question_answered": "Ghi nhận trả lời chất vấn",
        "questioning.pledge_made": "Ghi lời hứa khi trả lời chất vấn",
        "questioning.report_filed": "Ghi nhận báo cáo thực hiện lời hứa",
        "questioning.due_recomputed": "Tính lại hạn trả lời theo quy tắc mới",
        "questioning.reminder_answer_soon": "Nhắc sắp đến hạn trả lời bằng văn bản",
        "questioning.reminder_answer_late": "Nhắc quá hạn trả lời bằng văn bản",
        "questioning.reminder_report_soon": "Nhắc sắp đến hạn báo cáo lời hứa",
        "questioning.reminder_report_late": "Nhắc quá hạn báo cáo lời hứa",
    }
    fields = {
        "opens_on": "Ngày khai mạc",
        "closes_on": "Ngày bế mạc",
        "kind": "Loại kỳ họp",
        "delegate": "Đại biểu",
        "respondent": "Người bị chất vấn",
        "mode": "Hình thức trả lời",
        "due_on": "Hạn",
        "due_source": "Căn cứ thời hạn",
        "answered_on": "Ngày trả lời",
        "on_time": "Đúng hạn",
        "pledge": "Lời hứa",
        "owner_unit": "Đơn vị thực hiện",
        "filed_on": "Ngày gửi báo cáo",
        "recipients": "Số người được nhắc",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        from danvan.questioning.models import CouncilSession, Question

        modes = {"mode": dict(Question.Mode.choices)}
        return {
            "questioning.session_created": {"kind": dict(CouncilSession.Kind.choices)},
            "questioning.question_asked": modes,
            "questioning.question_answered": modes,
        }
