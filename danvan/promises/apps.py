from typing import Any

from danvan.core import domain


class PromisesConfig(domain.AppConfig):
    name = "danvan.promises"
    verbose_name = "Cam kết, lời hứa"
    overview = "danvan.promises.overview.figures"
    actions = {
        "promises.promise_created": "Ghi cam kết, lời hứa",
        "promises.promise_reported": "Báo cáo kết quả thực hiện cam kết",
        "promises.promise_shown": "Công khai cam kết",
        "promises.promise_hidden": "Thôi công khai cam kết",
    }
    fields = {
        "source": "Nguồn",
        "owner_unit": "Đơn vị thực hiện",
        "due_on": "Hạn thực hiện",
        "task": "Số nhiệm vụ",
        "public": "Công khai",
        "outcome": "Kết quả",
        "outcome_on": "Ngày có kết quả",
        "reason": "Lý do",
        "files": "Tệp đính kèm",
    }

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        """A promise's source and outcome, in words, in its history."""
        from danvan.promises.models import Outcome, Source

        return {
            "promises.promise_created": {"source": dict(Source.choices)},
            "promises.promise_reported": {"outcome": dict(Outcome.choices)},
        }
