from danvan.core import domain


class ScorecardConfig(domain.AppConfig):
    name = "danvan.scorecard"
    verbose_name = "Tự đánh giá công tác dân vận"
