from typing import Any

from danvan.core import domain


class LeadersConfig(domain.AppConfig):
    """The leaders' loop: directives, "Việc của tôi", the overview, the periodic report.

    Like core, it reads the domain apps only through their AppConfig hooks (`overview`,
    `my_work`), never by importing them; the domain apps do not import it either (their pages
    show an item's directives through this app's template tags).
    """

    name = "danvan.leaders"
    verbose_name = "Điều hành"
    reminders = "danvan.leaders.services.directives_remind"
    overview = "danvan.leaders.directives.overview"
    my_work = "danvan.leaders.directives.waiting_on"
    law = "danvan.leaders.law.law_in_force"
    actions = {
        "leaders.directive_sent": "Gửi chỉ đạo, đôn đốc",
        "leaders.directive_answered": "Trả lời chỉ đạo, đôn đốc",
        "leaders.directive_closed": "Chấp nhận trả lời, kết thúc chỉ đạo",
        "leaders.directive_returned": "Trả lại trả lời, yêu cầu trả lời lại",
        "leaders.directive_reminder_overdue": "Nhắc chỉ đạo quá hạn trả lời",
        "leaders.directive_reminder_escalation": "Báo người gửi: chỉ đạo quá hạn trả lời",
        "leaders.report_created": "Lập dự thảo báo cáo định kỳ",
        "leaders.report_saved": "Lưu nội dung báo cáo định kỳ",
        "leaders.report_submitted": "Gửi báo cáo định kỳ, chốt số liệu",
        "leaders.report_reopened": "Mở lại báo cáo định kỳ để sửa",
    }
    fields = {
        "directive_on": "Về việc",
        "directive_to": "Gửi đến",
        "directive_text": "Nội dung chỉ đạo",
        "answer_due": "Hạn trả lời",
        "answer": "Nội dung trả lời",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        from danvan.leaders.models import Directive

        return {"leaders.directive_sent": {"kind": dict(Directive.Kind.choices)}}
