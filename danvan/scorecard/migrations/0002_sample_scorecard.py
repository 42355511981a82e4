"""The sample scorecard (bộ tiêu chí mẫu), UNVERIFIED.

The criteria by which a province grades its communes' dân vận work (the Ministry of Home
Affairs' 2025 guidance as each province adopts it; earlier Quyết định 23/2021/QĐ-TTg on the
rules of dân vận work of state administrative bodies, and each province's own decision, such as
Hưng Yên's 04/2025/QĐ-UBND of 05/02/2025 or Bến Tre's 07/2023/QĐ-UBND of 01/03/2023) could not
be read in their text: only their titles were found. This sample follows what those titles and
the commune's own plan of 2026 name (leadership, democracy at the grassroots, reception and
petitions, administrative reform, the "Dân vận khéo" movement), with 100 points, a bonus of at
most 5 and penalties, and the four usual grades. Its `verified` flag is off and the pages say
"Bộ tiêu chí mẫu, cần đối chiếu văn bản của tỉnh": the operator replaces it in the admin with
the province's own before an assessment is submitted for real.
"""

from decimal import Decimal

from django.db import migrations

NAME = "Bộ tiêu chí mẫu đánh giá công tác dân vận chính quyền cấp xã"

# (code, parent code, text, max points, kind, evidence hint)
CRITERIA = [
    ("1", None, "Lãnh đạo, chỉ đạo, tổ chức thực hiện công tác dân vận chính quyền", "15", "normal", ""),
    ("1.1", "1", "Ban hành kế hoạch công tác dân vận chính quyền năm đúng thời gian, đủ nội dung", "5", "normal", "Trang kế hoạch năm trong hệ thống"),
    ("1.2", "1", "Phân công lãnh đạo, cán bộ phụ trách; đôn đốc, kiểm tra việc thực hiện", "5", "normal", "Chỉ đạo, đôn đốc; báo cáo tiến độ nhiệm vụ"),
    ("1.3", "1", "Tuyên truyền, phổ biến chủ trương, chính sách, pháp luật đến Nhân dân", "5", "normal", "Tin bài, buổi tuyên truyền"),
    ("2", None, "Thực hiện dân chủ ở cơ sở (Luật Thực hiện dân chủ ở cơ sở 2022)", "25", "normal", ""),
    ("2.1", "2", "Công khai thông tin đúng nội dung, hình thức, thời hạn", "10", "normal", "Sổ công khai thông tin"),
    ("2.2", "2", "Tổ chức để Nhân dân bàn và quyết định", "5", "normal", "Nội dung Nhân dân bàn và quyết định"),
    ("2.3", "2", "Lấy ý kiến Nhân dân trước khi chính quyền quyết định", "5", "normal", "Các đợt lấy ý kiến"),
    ("2.4", "2", "Tạo điều kiện để Nhân dân kiểm tra, giám sát (Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng)", "5", "normal", "Kiến nghị giám sát và việc trả lời"),
    ("3", None, "Tiếp công dân, đối thoại, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh", "25", "normal", ""),
    ("3.1", "3", "Chủ tịch UBND xã tiếp công dân định kỳ theo quy định", "5", "normal", "Sổ tiếp công dân"),
    ("3.2", "3", "Giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh đúng thời hạn", "10", "normal", "Sổ đơn thư, số liệu đúng hạn"),
    ("3.3", "3", "Đối thoại với Nhân dân; thực hiện điều đã hứa", "5", "normal", "Hội nghị đối thoại; việc đã hứa"),
    ("3.4", "3", "Hòa giải ở cơ sở", "5", "normal", "Số liệu hòa giải"),
    ("4", None, "Cải cách hành chính, văn hóa công vụ, tinh thần phục vụ Nhân dân", "20", "normal", ""),
    ("4.1", "4", "Giải quyết thủ tục hành chính đúng hạn tại bộ phận một cửa", "10", "normal", "Sổ theo dõi hồ sơ một cửa"),
    ("4.2", "4", "Thái độ, tác phong của cán bộ, công chức; không có phản ánh nhũng nhiễu, gây phiền hà", "10", "normal", "Kết quả khảo sát, phản ánh"),
    ("5", None, "Phong trào thi đua \"Dân vận khéo\" và phối hợp với Mặt trận Tổ quốc, các đoàn thể", "15", "normal", ""),
    ("5.1", "5", "Xây dựng, nhân rộng mô hình \"Dân vận khéo\"", "10", "normal", "Mô hình, điển hình \"Dân vận khéo\""),
    ("5.2", "5", "Thực hiện quy chế phối hợp với Ủy ban MTTQ và các đoàn thể", "5", "normal", "Quy chế, hội nghị phối hợp"),
    ("T", None, "Điểm thưởng", "5", "bonus", ""),
    ("T.1", "T", "Mô hình \"Dân vận khéo\" được cấp tỉnh trở lên công nhận, khen thưởng", "3", "bonus", "Quyết định khen thưởng"),
    ("T.2", "T", "Sáng kiến, cách làm hay trong công tác dân vận được nhân rộng", "2", "bonus", "Văn bản ghi nhận"),
    ("Tr", None, "Điểm trừ", "10", "penalty", ""),
    ("Tr.1", "Tr", "Để xảy ra khiếu nại đông người, kéo dài do chậm giải quyết", "5", "penalty", ""),
    ("Tr.2", "Tr", "Cán bộ, công chức bị xử lý kỷ luật do nhũng nhiễu, gây phiền hà Nhân dân", "5", "penalty", ""),
]

BANDS = [
    ("Hoàn thành xuất sắc nhiệm vụ", "90"),
    ("Hoàn thành tốt nhiệm vụ", "70"),
    ("Hoàn thành nhiệm vụ", "50"),
    ("Không hoàn thành nhiệm vụ", "0"),
]


def seed(apps, schema_editor):
    Scorecard = apps.get_model("scorecard", "Scorecard")
    Criterion = apps.get_model("scorecard", "Criterion")
    GradeBand = apps.get_model("scorecard", "GradeBand")
    card = Scorecard.objects.create(
        name=NAME,
        issuer="Dân vận số (bộ tiêu chí mẫu)",
        source="CHƯA KIỂM CHỨNG: bộ tiêu chí mẫu, cần đối chiếu văn bản của tỉnh (tiêu chí đánh "
        "giá công tác dân vận chính quyền năm 2025 của Bộ Nội vụ, như tỉnh áp dụng)",
        from_year=2025,
        verified=False,
        note="Thay bằng bộ tiêu chí, thang điểm và mức xếp loại do UBND tỉnh ban hành.",
        bonus_cap=Decimal("5"),
        total_cap=None,
    )
    made = {}
    for position, (code, parent, text, most, kind, hint) in enumerate(CRITERIA, start=1):
        made[code] = Criterion.objects.create(
            scorecard=card,
            parent=made.get(parent),
            code=code,
            text=text,
            max_points=Decimal(most),
            kind=kind,
            evidence_hint=hint,
            position=position,
        )
    for name, minimum in BANDS:
        GradeBand.objects.create(scorecard=card, name=name, min_points=Decimal(minimum))


def unseed(apps, schema_editor):
    apps.get_model("scorecard", "Scorecard").objects.filter(name=NAME, verified=False).delete()


class Migration(migrations.Migration):
    dependencies = [("scorecard", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
