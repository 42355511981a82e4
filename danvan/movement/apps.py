from danvan.core import domain


class MovementConfig(domain.AppConfig):
    name = "danvan.movement"
    verbose_name = 'Phong trào "Dân vận khéo"'
    overview = "danvan.movement.overview.figures"
    my_work = "danvan.movement.work.waiting_on"
    actions = {
        "movement.registered": "Đăng ký mô hình, điển hình",
        "movement.followed": "Ghi kết quả theo dõi",
        "movement.reviewed": "Chấm điểm",
        "movement.decided": "Xét công nhận",
        "movement.proposed": "Đề nghị cấp trên công nhận",
        "movement.awarded": "Khen thưởng",
        "movement.replicated": "Ghi nhân rộng mô hình",
        "movement.publicity": "Đổi hiển thị trên cổng thông tin",
    }
    fields = {
        "kind": "Loại",
        "field": "Lĩnh vực",
        "village": "Thôn",
        "registrant": "Đơn vị đăng ký",
        "year": "Năm",
        "on": "Ngày",
        "files": "Số tệp minh chứng",
        "total": "Tổng điểm",
        "score": "Điểm bình quân",
        "reviewers": "Số người chấm",
        "status": "Trạng thái",
        "level": "Cấp",
        "decision_number": "Số quyết định",
        "decided_on": "Ngày quyết định",
        "proposal_number": "Số tờ trình, công văn",
        "proposed_on": "Ngày đề nghị",
        "award": "Khen thưởng",
        "adopter": "Đơn vị áp dụng",
        "where": "Nơi áp dụng",
        "since": "Áp dụng từ",
        "public": "Hiện trên cổng thông tin",
    }
