from danvan.core import domain


class DecisionsConfig(domain.AppConfig):
    name = "danvan.decisions"
    verbose_name = "Nhân dân bàn và quyết định"
    reminders = "danvan.decisions.reminders.send_decision_reminders"
    overview = "danvan.decisions.overview.figures"
    my_work = "danvan.decisions.work.waiting_on"
    recompute = "danvan.decisions.services.decisions_recompute_open"
    law = "danvan.decisions.law.law_in_force"
    actions = {
        "decisions.households_set": "Cập nhật số hộ gia đình của thôn",
        "decisions.created": "Lập đề xuất để Nhân dân bàn và quyết định",
        "decisions.meeting_scheduled": "Triệu tập cuộc họp, phát phiếu",
        "decisions.tally_entered": "Nhập kết quả biểu quyết của thôn",
        "decisions.tally_corrected": "Sửa kết quả biểu quyết của thôn",
        "decisions.record_sent": "Gửi biên bản đến UBND, UBMTTQ xã",
        "decisions.recognised": "Công nhận quyết định, quyết định thời điểm có hiệu lực",
        "decisions.refused": "Trả lời không công nhận quyết định của cộng đồng dân cư",
        "decisions.record_generated": "Lập biên bản (.docx)",
        "decisions.reminder_before": "Nhắc sắp đến hạn gửi biên bản, công nhận",
        "decisions.reminder_overdue": "Báo quá hạn gửi biên bản, công nhận",
    }
    fields = {
        "households": "Số hộ gia đình",
        "representatives": "Số đại diện hộ",
        "as_of": "Tính đến ngày",
        "item": "Nội dung (Điều 15)",
        "scope": "Phạm vi",
        "form": "Hình thức",
        "villages": "Thôn",
        "village": "Thôn",
        "held_on": "Ngày họp",
        "ballot_until": "Hạn thu phiếu",
        "notice_on": "Ngày thông báo",
        "place": "Địa điểm",
        "present": "Số hộ tham gia",
        "agree": "Tán thành",
        "disagree": "Không tán thành",
        "invalid": "Không hợp lệ",
        "result": "Kết quả",
        "minutes": "Biên bản kèm theo",
        "sent_on": "Ngày gửi",
        "outcome": "Kết quả",
        "recognised_on": "Ngày công nhận",
        "note": "Văn bản công nhận",
        "effective_on": "Ngày có hiệu lực",
        "refused_on": "Ngày trả lời",
        "reasons": "Lý do không công nhận",
        "online_agreed": "Số hộ đồng ý biểu quyết trực tuyến",
        "follows": "Sau cuộc họp",
        "on_time": "Đúng hạn",
        "due": "Hạn",
        "recipients": "Số người nhận",
        "step": "Bước",
    }
