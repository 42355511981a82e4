"""The demo's news (issue 14): the Trung tâm Dịch vụ công ích of xã Hồng Phong (user `dvci`)
writes and publishes a news item, a "Dân vận khéo" story and a notice, each with a small photo
(drawn here with Pillow), keeps a draft, and runs the weekly loudspeaker schedule; the month of
broadcasts before `today` is logged, one of them reading in Thôn Đoàn Kết the list of young men
called up for military service, which records it as the disclosure's proof on the village's
loudspeakers (disclosures_story). Names are invented; nothing here is a real person."""

from __future__ import annotations

import io
from datetime import date, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.disclosures.models import Disclosure
from danvan.news import services
from danvan.news.models import Article

CALL_UP = "Danh sách công dân đủ điều kiện gọi nhập ngũ năm 2027"

ARTICLES = [
    (
        Article.Kind.STORY,
        "Thôn Đoàn Kết: bà con hiến đất mở rộng đường liên thôn",
        "Mười hai hộ tự nguyện hiến gần 1.200 m² đất để đường liên thôn rộng 5 m, "
        "một mô hình “Dân vận khéo” của xã năm 2026.",
        "Sau ba buổi họp thôn do Trưởng thôn và Chi hội Nông dân vận động, mười hai hộ dân thôn "
        "Đoàn Kết đã tự nguyện hiến đất, tháo dỡ tường rào để mở rộng đường liên thôn.\n\n"
        "UBND xã hỗ trợ xi măng; bà con góp ngày công. Con đường dài 1,8 km hoàn thành trước "
        "mùa mưa, xe cứu thương và xe chở nông sản đã vào tận thôn.",
        (46, 125, 50),
        "Đường liên thôn Đoàn Kết sau khi mở rộng",
    ),
    (
        Article.Kind.NEWS,
        "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân",
        "Chủ tịch UBND xã đối thoại với hơn 80 người dân về đất đai, nước sạch và đường giao "
        "thông nông thôn.",
        "Tại hội trường UBND xã, Chủ tịch UBND xã đã trực tiếp đối thoại với Nhân dân ba thôn.\n\n"
        "Các ý kiến về cấp giấy chứng nhận quyền sử dụng đất và nước sạch đã được trả lời tại "
        "chỗ; những việc cần thêm thời gian được giao cho các phòng chuyên môn, có hạn trả lời.",
        (21, 101, 192),
        "Quang cảnh hội nghị đối thoại tại hội trường UBND xã",
    ),
    (
        Article.Kind.NOTICE,
        "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND xã",
        "Chủ tịch UBND xã tiếp công dân định kỳ vào ngày 15 hằng tháng tại trụ sở UBND xã.",
        "Chủ tịch UBND xã tiếp công dân định kỳ vào ngày 15 hằng tháng; nếu trùng ngày nghỉ thì "
        "tiếp vào ngày làm việc liền sau.\n\nĐịa điểm: phòng tiếp công dân, trụ sở UBND xã.",
        (183, 28, 28),
        "Phòng tiếp công dân, trụ sở UBND xã",
    ),
]

# (weekdays, start, minutes, programme)
SCHEDULE = [
    (["0", "2", "4"], time(6, 30), 20, "Bản tin xã buổi sáng"),
    (["5"], time(17, 0), 15, "Chuyên mục “Dân vận khéo”"),
]


def _photo(name: str, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    image = Image.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 460, 960, 640), fill=(90, 140, 60))  # a field under the sky
    draw.ellipse((720, 60, 840, 180), fill=(250, 210, 60))  # the sun
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def play_news(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    if Article.objects.filter(commune=commune).exists():
        return
    centre, chairman = user("dvci"), user("chutich")
    unit = units["TT DVCI"]
    published = []
    for n, (kind, title, summary, body, colour, caption) in enumerate(ARTICLES, start=1):
        article = services.article_create(
            commune=commune,
            by=centre,
            unit=unit,
            kind=kind,
            title=title,
            summary=summary,
            body=body,
            photo=_photo(f"anh-{n}.jpg", colour),
            caption=caption,
        )
        published.append(services.article_publish(article=article, by=centre))
    services.article_create(
        commune=commune,
        by=centre,
        unit=unit,
        kind=Article.Kind.NEWS,
        title="Ra quân tổng vệ sinh môi trường hưởng ứng Ngày Chủ nhật xanh",
        summary="Đoàn Thanh niên và Hội Phụ nữ ra quân dọn vệ sinh các tuyến đường.",
        body="Bản nháp: chờ ảnh của Đoàn Thanh niên.",
    )
    slots = [
        services.slot_create(
            commune=commune,
            by=centre,
            weekdays=days,
            starts_at=start,
            minutes=minutes,
            programme=programme,
        )
        for days, start, minutes, programme in SCHEDULE
    ]
    call_up = Disclosure.objects.filter(commune=commune, title=CALL_UP).first()
    for back in range(30, 0, -1):
        day = today - timedelta(days=back)
        for slot in slots:
            if str(day.weekday()) not in slot.weekdays:
                continue
            story = slot.programme.startswith("Chuyên mục")
            article = published[0] if story else published[(back // 7) % 3]
            services.broadcast_log(
                commune=commune,
                by=centre,
                aired_on=day,
                starts_at=slot.starts_at,
                minutes=slot.minutes,
                title=article.title if story else f"{slot.programme}: {article.title}",
                article=article,
                slot=slot,
                read_by="Lương Văn Hải",
                centre=unit.name,
            )
        if back == 22 and call_up is not None and call_up.decided_on <= day:
            services.broadcast_log(
                commune=commune,
                by=centre,
                aired_on=day,
                starts_at=time(18, 0),
                minutes=10,
                title="Đọc danh sách công dân đủ điều kiện gọi nhập ngũ năm 2027",
                villages=[units["Thôn Đoàn Kết"]],
                read_by="Mã Văn Nam",
                note="Phát trên loa của thôn sau buổi họp thôn.",
                disclosure=call_up,
                centre=unit.name,
            )
    # The chairman took one notice down once: the history shows a withdrawal.
    old = services.article_create(
        commune=commune,
        by=centre,
        unit=unit,
        kind=Article.Kind.NOTICE,
        title="Thông báo tạm dừng cấp nước sinh hoạt (đã thay bằng lịch mới)",
        summary="Tạm dừng cấp nước để sửa đường ống.",
        body="Lịch tạm dừng cấp nước đã thay đổi theo thông báo của đơn vị cấp nước.",
    )
    services.article_publish(article=old, by=centre)
    services.article_withdraw(article=old, by=chairman, reason="Lịch đã thay đổi, tránh nhầm lẫn")
