from danvan.core import domain


class DialoguesConfig(domain.AppConfig):
    name = "danvan.dialogues"
    verbose_name = "Đối thoại với Nhân dân"
    overview = "danvan.dialogues.overview.figures"
    my_work = "danvan.dialogues.work.waiting_on"
    actions = {
        "dialogues.created": "Chuẩn bị hội nghị đối thoại",
        "dialogues.updated": "Sửa thông tin hội nghị đối thoại",
        "dialogues.announced": "Ghi thông báo hội nghị",
        "dialogues.attendance_recorded": "Ghi số người dự hội nghị",
        "dialogues.question_added": "Ghi ý kiến của Nhân dân",
        "dialogues.commitment_added": "Ghi cam kết tại hội nghị",
        "dialogues.published": "Công bố kết quả hội nghị",
        "dialogues.minutes_generated": "Tải biên bản hội nghị",
    }
    fields = {
        "kind": "Loại hội nghị",
        "title": "Tên hội nghị",
        "held_on": "Ngày tổ chức",
        "place": "Địa điểm",
        "chairs": "Chủ trì",
        "notice_on": "Ngày gửi thông báo",
        "late": "Thông báo chậm",
        "attendance_total": "Số người dự",
        "question": "Ý kiến số",
        "answered": "Đã trả lời tại hội nghị",
        "commitment": "Cam kết",
        "owner_unit": "Đơn vị thực hiện",
        "due_on": "Thời hạn",
        "published_on": "Ngày công bố",
        "on_time": "Đúng hạn",
    }
