from danvan.core import domain


class OneStopConfig(domain.AppConfig):
    name = "danvan.onestop"
    verbose_name = "Một cửa"
    overview = "danvan.onestop.overview.figures"
    actions = {
        "onestop.imported": "Nhập danh sách hồ sơ một cửa",
        "onestop.apology_recorded": "Ghi phiếu xin lỗi, hẹn lại ngày trả kết quả",
        "onestop.columns_saved": "Lưu cách đọc cột tệp hồ sơ",
        # Written by the API's push (danvan.api.writes), labelled with the rest of the register.
        "api.onestop_imported": "Hệ thống một cửa của tỉnh gửi kết quả hồ sơ qua API",
    }
    fields = {
        "apology_sent_on": "Ngày gửi phiếu xin lỗi",
        "apology_reason": "Lý do chậm trả kết quả",
        "apology_new_due_on": "Ngày hẹn trả mới",
    }
