from danvan.core import domain


class SupervisionConfig(domain.AppConfig):
    name = "danvan.supervision"
    verbose_name = "Nhân dân giám sát"
    reminders = "danvan.supervision.reminders.remind_unassigned"
    overview = "danvan.supervision.overview.figures"
    my_work = "danvan.supervision.work.waiting_on"
    recompute = "danvan.supervision.services.recommendations_recompute_open"
    actions = {
        "supervision.board_created": "Lập ban giám sát",
        "supervision.member_added": "Thêm thành viên ban",
        "supervision.activity_recorded": "Ghi cuộc giám sát",
        "supervision.files_added": "Đính kèm biên bản, hình ảnh",
        "supervision.recommendation_sent": "Gửi kiến nghị sau giám sát",
        "supervision.recommendation_assigned": "Giao giải quyết kiến nghị",
        "supervision.recommendation_answered": "Ghi nhận trả lời kiến nghị",
        "supervision.recommendation_published": "Công khai kiến nghị và trả lời",
        "supervision.recommendation_hidden": "Thôi công khai kiến nghị",
        "supervision.due_recomputed": "Tính lại hạn trả lời theo quy tắc mới",
        "supervision.reminder_unassigned": "Nhắc lãnh đạo giao kiến nghị",
    }
    fields = {
        "organiser": "Mặt trận tổ chức",
        "member": "Thành viên",
        "role": "Chức danh",
        "board": "Ban",
        "ended_on": "Ngày kết thúc",
        "activity": "Cuộc giám sát",
        "sent_on": "Ngày gửi",
        "addressed_to": "Gửi đến",
        "owner_unit": "Đơn vị chủ trì",
        "due_on": "Hạn trả lời",
        "task": "Số nhiệm vụ",
        "due_source": "Căn cứ thời hạn",
        "received_on": "Ngày nhận được kiến nghị",
        "answered_on": "Ngày trả lời",
        "on_time": "Đúng hạn",
        "published": "Công khai",
    }
