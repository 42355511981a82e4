from danvan.core import domain


class ScorecardConfig(domain.AppConfig):
    name = "danvan.scorecard"
    verbose_name = "Tự đánh giá công tác dân vận"
    overview = "danvan.scorecard.overview.figures"
    actions = {
        "scorecard.started": "Bắt đầu tự đánh giá",
        "scorecard.scored": "Chấm điểm",
        "scorecard.submitted": "Gửi bản tự đánh giá",
        "scorecard.reopened": "Mở lại bản tự đánh giá",
    }
    fields = {
        "year": "Năm",
        "scorecard": "Bộ tiêu chí",
        "total": "Tổng điểm",
        "grade": "Xếp loại",
        "missing": "Tiêu chí chưa có minh chứng",
        "reason": "Lý do",
    }
