from typing import Any

from danvan.core import domain


class EthnicReligiousConfig(domain.AppConfig):
    name = "danvan.ethnic_religious"
    verbose_name = "Công tác dân tộc, tôn giáo"
    overview = "danvan.ethnic_religious.overview.figures"
    actions = {
        "ethnic_religious.person_created": "Ghi người có uy tín",
        "ethnic_religious.person_updated": "Sửa thông tin người có uy tín",
        "ethnic_religious.contact_recorded": "Ghi lần tiếp xúc",
        "ethnic_religious.establishment_created": "Ghi cơ sở tôn giáo, tín ngưỡng",
        "ethnic_religious.establishment_updated": "Sửa thông tin cơ sở",
        "ethnic_religious.event_added": "Ghi sự kiện, lễ hội",
        "ethnic_religious.event_updated": "Sửa sự kiện, lễ hội",
    }
    fields = {
        "full_name": "Họ và tên",
        "birth_year": "Năm sinh",
        "ethnic_group": "Dân tộc",
        "village": "Thôn",
        "standing": "Thành phần",
        "recognised_year": "Năm được công nhận",
        "decision_number": "Số quyết định",
        "decision_date": "Ngày quyết định",
        "recognised_until": "Công nhận đến năm",
        "phone": "Điện thoại",
        "follower": "Cán bộ theo dõi",
        "internal": "Nội bộ",
        "status": "Tình trạng",
        "ended_on": "Ngày thôi công nhận",
        "end_reason": "Lý do",
        "note": "Ghi chú",
        "on": "Ngày",
        "kind": "Loại, hình thức",
        "made_by": "Người thực hiện",
        "name": "Tên",
        "religion": "Tôn giáo, tín ngưỡng",
        "address": "Địa chỉ",
        "representative": "Người đại diện",
        "legal_status": "Tình trạng pháp lý",
        "event": "Sự kiện, lễ hội",
        "lunar": "Ngày âm lịch",
        "expected": "Số người dự kiến",
        "notified_on": "Ngày thông báo, đăng ký",
        "outcome": "Kết quả",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        from danvan.ethnic_religious.models import Establishment, KeyPerson

        return {
            "ethnic_religious.person_updated": {"status": dict(KeyPerson.Status.choices)},
            "ethnic_religious.establishment_updated": {
                "legal_status": dict(Establishment.Legal.choices)
            },
        }
