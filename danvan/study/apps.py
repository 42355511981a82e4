from danvan.core import domain


class StudyConfig(domain.AppConfig):
    name = "danvan.study"
    verbose_name = "Học tập, tuyên truyền"
    overview = "danvan.study.overview.figures"
    my_work = "danvan.study.work.waiting_on"
    actions = {
        "study.created": "Lập kế hoạch buổi học tập, tuyên truyền",
        "study.updated": "Sửa thông tin buổi",
        "study.held": "Ghi đã tổ chức",
        "study.cancelled": "Hủy buổi",
        "study.attendance": "Ghi điểm danh",
        "study.materials_added": "Thêm tài liệu, hình ảnh",
    }
    fields = {
        "title": "Tên buổi",
        "kind": "Hình thức",
        "audience": "Đối tượng",
        "organiser": "Đơn vị tổ chức",
        "presenter": "Báo cáo viên",
        "place": "Địa điểm",
        "planned_on": "Ngày dự kiến",
        "held_on": "Ngày tổ chức",
        "on_time": "Đúng ngày dự kiến",
        "village": "Thôn",
        "note": "Ghi chú",
        "documents": "Văn bản",
        "cancel_reason": "Lý do hủy",
        "present_total": "Số người dự",
        "expected_total": "Số được triệu tập",
        "units": "Số đơn vị",
        "files": "Tệp",
    }
