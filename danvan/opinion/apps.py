from danvan.core import domain


class OpinionConfig(domain.AppConfig):
    name = "danvan.opinion"
    verbose_name = "Nắm bắt dư luận xã hội"
    overview = "danvan.opinion.overview.figures"
    my_work = "danvan.opinion.work.waiting_on"
    recompute = "danvan.opinion.services.notes_recompute_open"
    actions = {
        "opinion.noted": "Ghi tin dư luận",
        "opinion.edited": "Sửa tin dư luận",
        "opinion.petition_linked": "Liên kết với đơn thư",
        "opinion.petition_unlinked": "Bỏ liên kết với đơn thư",
        "opinion.hotspot_linked": "Gắn với điểm nóng đơn thư",
        "opinion.handled": "Ghi kết quả xử lý",
        "opinion.due_recomputed": "Tính lại hạn xử lý theo quy tắc mới",
    }
    fields = {
        "topic": "Lĩnh vực",
        "village": "Thôn, tổ dân phố",
        "reporting_unit": "Đơn vị báo cáo",
        "source_kind": "Nguồn nắm bắt",
        "noted_on": "Ngày nắm bắt",
        "urgency": "Mức độ",
        "trend": "Xu hướng",
        "due_on": "Hạn xử lý",
        "content": "Nội dung",
        "petition": "Đơn thư",
        "hotspot": "Điểm nóng đơn thư",
        "handled_on": "Ngày xử lý",
        "late": "Thời hạn",
    }
