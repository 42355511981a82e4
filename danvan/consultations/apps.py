from danvan.core import domain


class ConsultationsConfig(domain.AppConfig):
    name = "danvan.consultations"
    verbose_name = "Lấy ý kiến Nhân dân"
    reminders = "danvan.consultations.reminders.close_and_notify"
    overview = "danvan.consultations.overview.figures"
    my_work = "danvan.consultations.work.waiting_on"
    law = "danvan.consultations.law.law_in_force"
    actions = {
        "consultations.created": "Tạo dự thảo lấy ý kiến",
        "consultations.updated": "Sửa thông tin dự thảo",
        "consultations.points_set": "Cập nhật các điều, mục của dự thảo",
        "consultations.file_added": "Đính kèm tài liệu dự thảo",
        "consultations.opened": "Mở lấy ý kiến Nhân dân",
        "consultations.closed": "Kết thúc nhận ý kiến",
        "consultations.published": "Công bố kết quả tiếp thu, giải trình",
        "consultations.portal_comments": "Nhận ý kiến qua Cổng thông tin",
        "consultations.comment_entered": "Ghi ý kiến thu thập được",
        "consultations.comment_hidden": "Ẩn ý kiến",
        "consultations.comment_shown": "Hiện lại ý kiến",
        "consultations.comment_answered": "Trả lời ý kiến",
        "consultations.comment_grouped": "Xếp ý kiến vào nhóm",
        "consultations.group_created": "Gộp nhóm ý kiến",
        "consultations.group_answered": "Trả lời nhóm ý kiến",
    }
    fields = {
        "title": "Tên dự thảo",
        "matter": "Nội dung theo Điều 25",
        "matter_other": "Nội dung khác",
        "summary": "Giới thiệu",
        "lead_unit": "Đơn vị chủ trì",
        "whole_commune": "Lấy ý kiến toàn xã",
        "opens_on": "Bắt đầu nhận ý kiến",
        "closes_on": "Hết hạn nhận ý kiến",
        "channels": "Hình thức lấy ý kiến",
        "points": "Số điều, mục",
        "file": "Tệp",
        "comments": "Số ý kiến",
        "decision": "Tiếp thu",
        "explanation": "Giải trình",
        "group": "Nhóm",
    }
