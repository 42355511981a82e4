from danvan.core import domain


class MediationConfig(domain.AppConfig):
    name = "danvan.mediation"
    verbose_name = "Hòa giải ở cơ sở"
    reminders = "danvan.mediation.reminders.remind_not_started"
    overview = "danvan.mediation.overview.figures"
    my_work = "danvan.mediation.work.waiting_on"
    recompute = "danvan.mediation.services.cases_recompute_open"
    actions = {
        "mediation.team_created": "Lập tổ hòa giải",
        "mediation.mediator_added": "Thêm hòa giải viên",
        "mediation.mediator_left": "Hòa giải viên thôi hoạt động",
        "mediation.case_created": "Nhận vụ, việc và phân công hòa giải viên",
        "mediation.case_started": "Bắt đầu hòa giải",
        "mediation.outcome_recorded": "Ghi kết quả hòa giải",
        "mediation.agreement_checked": "Kiểm tra việc thực hiện thỏa thuận",
        "mediation.petition_linked": "Liên kết với đơn thư",
        "mediation.start_due_recomputed": "Tính lại hạn bắt đầu theo quy tắc mới",
        "mediation.reminder_not_started": "Nhắc bắt đầu hòa giải",
    }
    fields = {
        "village": "Thôn",
        "decision": "Quyết định công nhận",
        "mediator": "Hòa giải viên",
        "mediators": "Hòa giải viên được phân công",
        "team": "Tổ hòa giải",
        "matter": "Loại vụ, việc",
        "received_on": "Ngày nhận",
        "assigned_on": "Ngày phân công",
        "start_due": "Hạn bắt đầu",
        "start_due_source": "Căn cứ hạn bắt đầu",
        "started_on": "Ngày bắt đầu",
        "start_note": "Lý do bắt đầu sau hạn",
        "outcome": "Kết quả",
        "outcome_on": "Ngày có kết quả",
        "referred_to": "Chuyển đến",
        "agreement_kept": "Thực hiện thỏa thuận",
        "kept_checked_on": "Ngày kiểm tra",
        "petition": "Đơn thư",
        "recipients": "Số người được nhắc",
    }
