from danvan.core import domain


class DisclosuresConfig(domain.AppConfig):
    name = "danvan.disclosures"
    verbose_name = "Công khai thông tin"
    reminders = "danvan.disclosures.reminders.send_disclosure_reminders"
    overview = "danvan.disclosures.overview.figures"
    my_work = "danvan.disclosures.work.waiting_on"
    recompute = "danvan.disclosures.services.disclosures_recompute_open"
    law = "danvan.disclosures.rules.law_in_force"
    actions = {
        "disclosures.created": "Vào sổ nội dung công khai",
        "disclosures.updated": "Sửa nội dung công khai",
        "disclosures.document_added": "Thêm tài liệu công khai",
        "disclosures.posted": "Ghi nhận công khai",
        "disclosures.posting_updated": "Cập nhật việc công khai",
        "disclosures.reviewed": "Rà soát, cập nhật nội dung niêm yết",
        "disclosures.withdrawn": "Gỡ bỏ nội dung công khai",
        "disclosures.reminder": "Nhắc việc công khai",
        "disclosures.category_migrated": "Chuyển sang nội dung của Điều 11 (Luật THDCCS 2022)",
    }
    fields = {
        "category": "Nội dung (Điều 11)",
        "category_to_confirm": "Cần chọn lại nội dung theo Điều 11",
        "title": "Tiêu đề",
        "content": "Nội dung",
        "document_ref": "Số, ký hiệu văn bản",
        "decided_on": "Ngày ban hành văn bản",
        "responsible_unit": "Đơn vị chịu trách nhiệm",
        "start_days_override": "Thời hạn theo luật chuyên ngành",
        "override_basis": "Căn cứ thời hạn khác",
        "start_due": "Hạn bắt đầu công khai",
        "document": "Tài liệu",
        "public": "Công bố trên cổng",
        "channel": "Hình thức",
        "start_on": "Từ ngày",
        "end_on": "Đến ngày",
        "proof": "Có minh chứng",
        "proof_record": "Minh chứng trong hệ thống",
        "proof_file": "Tệp minh chứng",
        "reviewed_on": "Ngày rà soát",
        "note": "Ghi chú",
        "warning": "Cảnh báo",
        "recipients": "Số người nhận",
    }
