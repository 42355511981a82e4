from typing import Any

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
        "dialogue_kind": "Loại hội nghị",
        "dialogue_title": "Tên hội nghị",
        "dialogue_held_on": "Ngày tổ chức",
        "dialogue_place": "Địa điểm",
        "dialogue_chairs": "Chủ trì",
        "dialogue_notice_on": "Ngày gửi thông báo",
        "dialogue_notice_late": "Thông báo chậm",
        "dialogue_attendance": "Số người dự",
        "dialogue_question": "Ý kiến số",
        "dialogue_answered": "Đã trả lời tại hội nghị",
        "dialogue_commitment": "Cam kết",
        "commitment_owner": "Đơn vị thực hiện",
        "commitment_due": "Thời hạn",
        "dialogue_published_on": "Ngày công bố kết quả",
        "dialogue_results_on_time": "Công bố đúng hạn",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The kind an edit stores as a code, in words."""
        from danvan.dialogues.models import Dialogue

        return {"dialogues.updated": {"dialogue_kind": dict(Dialogue.Kind.choices)}}
