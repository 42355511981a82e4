from typing import Any

from danvan.core import domain


class NewsConfig(domain.AppConfig):
    name = "danvan.news"
    verbose_name = "Tin bài, truyền thanh"
    overview = "danvan.news.overview.figures"
    actions = {
        "news.created": "Viết tin bài",
        "news.updated": "Sửa tin bài",
        "news.photo_added": "Thêm ảnh",
        "news.photo_removed": "Bỏ ảnh",
        "news.published": "Đăng lên cổng thông tin",
        "news.withdrawn": "Gỡ tin bài",
        "news.slot_created": "Thêm lịch phát thanh",
        "news.slot_stopped": "Thôi áp dụng lịch phát thanh",
        "news.broadcast_logged": "Ghi nhật ký phát thanh",
    }
    fields = {
        "kind": "Loại tin bài",
        "title": "Tiêu đề",
        "summary": "Tóm tắt",
        "body": "Nội dung",
        "photo": "Ảnh",
        "status": "Tình trạng",
        "reason": "Lý do",
        "days": "Các ngày",
        "starts_at": "Giờ phát",
        "villages": "Các thôn",
        "aired_on": "Ngày phát",
        "disclosure": "Chứng minh công khai",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The codes an entry stores (status, kind), in words."""
        from danvan.news.models import Article

        status = {"status": dict(Article.Status.choices)}
        return {
            "news.published": status,
            "news.withdrawn": status,
            "news.updated": {"kind": dict(Article.Kind.choices)},
        }
