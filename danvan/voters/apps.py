from danvan.core import domain


class VotersConfig(domain.AppConfig):
    name = "danvan.voters"
    verbose_name = "Kiến nghị cử tri"
    reminders = "danvan.voters.reminders.remind_forwarded"
    overview = "danvan.voters.overview.figures"
    reads = ("promises",)  # an answer given as a promise: its report, its due day
    my_work = "danvan.voters.work.waiting_on"
    actions = {
        "voters.meeting_recorded": "Ghi hội nghị tiếp xúc cử tri",
        "voters.files_added": "Đính kèm biên bản, tài liệu",
        "voters.meeting_published": "Công bố kết quả tiếp xúc cử tri",
        "voters.meeting_withdrawn": "Thôi công bố kết quả tiếp xúc cử tri",
        "voters.recommendation_recorded": "Ghi kiến nghị của cử tri",
        "voters.recommendation_corrected": "Sửa kiến nghị đã ghi",
        "voters.recommendation_assigned": "Giao đơn vị của xã giải quyết",
        "voters.recommendation_forwarded": "Chuyển kiến nghị cấp trên",
        "voters.answer_recorded": "Ghi trả lời nhận được",
        "voters.reminder_chase": "Nhắc văn phòng đôn đốc trả lời",
    }
    fields = {
        "kind": "Hình thức",
        "held_on": "Ngày tiếp xúc",
        "files": "Số tệp",
        "published": "Công bố",
        "posted_until": "Niêm yết đến",
        "meeting": "Hội nghị",
        "field": "Lĩnh vực",
        "content": "Nội dung kiến nghị",
        "village": "Thôn",
        "owner_unit": "Đơn vị giải quyết",
        "due_on": "Hạn giải quyết",
        "promise": "Số cam kết",
        "receiving_body": "Cơ quan nhận",
        "forwarded_on": "Ngày chuyển",
        "chase_on": "Đôn đốc từ ngày",
        "outcome": "Kết quả",
        "answered_on": "Ngày nhận trả lời",
        "roadmap_due": "Thời hạn theo lộ trình",
        "recipients": "Số người được nhắc",
    }
