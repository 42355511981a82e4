"""Public opinion in the demo commune over the last four weeks: what the villages, the Front,
the Farmers' Union and the offices heard, noted by their people (the village head of Thôn Đoàn
Kết, the Front, Phòng VH-XH) or by the office (vanphong) for the villages that phoned it in.

The story's centre: the stench of the pig farm at Thôn Đoàn Kết, noted urgent and rising by the
village head two days ago, linked by the office to two of the five petitions on it (by their
case codes) and to the hotspot the petition book counts (Thôn Đoàn Kết × môi trường); it waits
on the chairman in "Việc của tôi". One note (the allowance paid on time) is handled.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.opinion import services
from danvan.opinion.models import OpinionNote, OpinionTopic, SourceKind
from danvan.petitions.models import Petition

Urgency = OpinionNote.Urgency
Trend = OpinionNote.Trend

# (days ago, topic, village or None, source, unit, who, content, urgency, trend, proposal)
NOTES = [
    (
        27,
        "an-sinh",
        None,
        "can-bo",
        "Phòng VH-XH",
        "vhxh",
        "Người dân phấn khởi vì tiền trợ cấp xã hội tháng này được chi trả đúng hạn, tận tay.",
        Urgency.NORMAL,
        Trend.STEADY,
        "",
    ),
    (
        23,
        "dat-dai",
        "Thôn Hòa Bình",
        "hop-dan",
        "Thôn Hòa Bình",
        "vanphong",
        "Nhiều hộ hỏi về giá bồi thường khi mở rộng đường liên thôn, lo mức giá thấp hơn "
        "giá thị trường.",
        Urgency.ATTENTION,
        Trend.NEW,
        "Đề nghị tổ chức đối thoại, công khai phương án bồi thường tại nhà văn hóa thôn.",
    ),
    (
        19,
        "gia-ca-viec-lam",
        None,
        "mat-tran-doan-the",
        "Hội Nông dân",
        "vanphong",
        "Hội viên lo giá phân bón tăng trước vụ đông, nhiều hộ tính bỏ ruộng.",
        Urgency.ATTENTION,
        Trend.RISING,
        "Hội Nông dân liên hệ đại lý cho hội viên mua phân bón trả chậm.",
    ),
    (
        15,
        "an-ninh-trat-tu",
        "Thôn Tân Tiến",
        "thon",
        "Thôn Tân Tiến",
        "vanphong",
        "Người dân phản ánh thanh niên tụ tập đua xe trên đường tỉnh vào ban đêm.",
        Urgency.ATTENTION,
        Trend.RISING,
        "Đề nghị Công an xã tăng cường tuần tra khung giờ 22h-24h.",
    ),
    (
        12,
        "khac",
        None,
        "mang-xa-hoi-bao-chi",
        "UBMTTQ",
        "mttq",
        "Trên mạng xã hội lan truyền tin chưa đúng về việc sáp nhập thôn; người dân hoang mang.",
        Urgency.NORMAL,
        Trend.FALLING,
        "Thông tin chính thức trên loa truyền thanh và trang thông tin của xã.",
    ),
    (
        9,
        "can-bo-cong-vu",
        None,
        "can-bo",
        "Phòng VH-XH",
        "vhxh",
        "Người dân khen Trung tâm Phục vụ hành chính công giải quyết hồ sơ nhanh hơn trước.",
        Urgency.NORMAL,
        Trend.STEADY,
        "",
    ),
    (
        6,
        "ton-giao-dan-toc",
        "Thôn Hòa Bình",
        "mat-tran-doan-the",
        "UBMTTQ",
        "mttq",
        "Bà con đồng bào Nùng mong được hỗ trợ tổ chức lễ hội Lồng Tồng đầu năm.",
        Urgency.NORMAL,
        Trend.NEW,
        "Phòng VH-XH phối hợp thôn xây dựng kế hoạch tổ chức lễ hội.",
    ),
]


def play_opinion(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    topics = {t.code: t for t in OpinionTopic.objects.all()}
    sources = {s.code: s for s in SourceKind.objects.all()}
    notes = [
        services.note_create(
            commune=commune,
            by=user(who),
            noted_on=today - timedelta(days=ago),
            topic=topics[topic],
            village=units[village] if village else None,
            source_kind=sources[source],
            reporting_unit=units[unit],
            content=content,
            urgency=urgency,
            trend=trend,
            proposal=proposal,
        )
        for ago, topic, village, source, unit, who, content, urgency, trend, proposal in NOTES
    ]
    services.note_handle(
        note=notes[0],
        by=user("vanphong"),
        handled_on=today - timedelta(days=25),
        handling="Đã thông tin kết quả chi trả trên loa truyền thanh của xã.",
    )

    # The pig farm: urgent and rising, linked to the petitions and the hotspot it feeds.
    village = units["Thôn Đoàn Kết"]
    farm = services.note_create(
        commune=commune,
        by=user("truongthon"),
        noted_on=today - timedelta(days=2),
        topic=topics["moi-truong"],
        place="Trang trại lợn đầu thôn, gần suối Nà Pàn",
        source_kind=sources["thon"],
        reporting_unit=village,
        content="Bà con bức xúc vì mùi hôi và nước thải của trang trại lợn; một số hộ bàn nhau "
        "kéo lên trụ sở xã nếu không được giải quyết trong tuần.",
        urgency=Urgency.URGENT,
        trend=Trend.RISING,
        proposal="Đề nghị xã kiểm tra ngay trang trại, mời chủ trại và các hộ đối thoại tại thôn.",
    )
    office = user("vanphong")
    petitions = Petition.objects.filter(
        commune=commune, village=village, topic=Petition.Topic.ENVIRONMENT
    ).order_by("received_on")[:2]
    for petition in petitions:
        services.note_link_petition(note=farm, by=office, code=petition.code)
    services.note_link_hotspot(note=farm, by=office, hotspot_topic=Petition.Topic.ENVIRONMENT)
