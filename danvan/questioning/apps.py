from typing import Any

from danvan.core import domain


class QuestioningConfig(domain.AppConfig):
    name = "danvan.questioning"
    verbose_name = "Chất vấn tại kỳ họp HĐND"
    reminders = "danvan.questioning.reminders.remind"
    my_work = "danvan.questioning.work.waiting_on"
    recompute = "danvan.questioning.services.questions_recompute_open"
    overview = "danvan.questioning.overview.figures"
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
        "qv_session_opens": "Ngày khai mạc",
        "qv_session_closes": "Ngày bế mạc",
        "qv_session_kind": "Loại kỳ họp",
        "qv_questioner": "Đại biểu chất vấn",
        "qv_questioned": "Người bị chất vấn",
        "qv_answer_mode": "Hình thức trả lời",
        "qv_answer_due": "Hạn trả lời bằng văn bản",
        "qv_answer_due_source": "Căn cứ thời hạn trả lời",
        "answered_on": "Ngày trả lời",
        "on_time": "Đúng hạn",
        "qv_pledge": "Lời hứa",
        "qv_pledge_owner": "Đơn vị thực hiện lời hứa",
        "qv_pledge_due": "Hạn thực hiện lời hứa",
        "qv_report_filed_on": "Ngày gửi báo cáo thực hiện lời hứa",
        "qv_report_due": "Hạn báo cáo thực hiện lời hứa",
        "qv_reminded": "Số người được nhắc",
        "qv_files": "Số tệp đính kèm",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        from danvan.questioning.models import CouncilSession, Question

        modes = {"qv_answer_mode": dict(Question.Mode.choices)}
        return {
            "questioning.session_created": {"qv_session_kind": dict(CouncilSession.Kind.choices)},
            "questioning.question_asked": modes,
            "questioning.question_answered": modes,
        }
