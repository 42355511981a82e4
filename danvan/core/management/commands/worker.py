"""`danvan worker [--batch] [--interval S] [--max-tasks N]`: runs the queued background jobs
(core/jobs.py: imports, large exports, the periodic report) for a province that sets
`DANVAN_JOBS=worker`; django-tasks-db's own worker (`db_worker`) under the product's name.

Several may run at once, on several machines: each claims a job by locking its row."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    help = (
        "Chạy các việc nền đang chờ (nhập kế hoạch, xuất dữ liệu lớn, báo cáo định kỳ) khi "
        "DANVAN_JOBS=worker. --batch: làm hết các việc đang chờ rồi dừng."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        if settings.DANVAN_JOBS == "now":
            # The immediate backend keeps no queue: there is nothing for a worker to run.
            self.stderr.write(
                "DANVAN_JOBS=now: việc nền chạy ngay trong yêu cầu, không có hàng đợi cho "
                "danvan worker. Đặt DANVAN_JOBS=worker để dùng lệnh này."
            )
            sys.exit(2)
        return super().create_parser(prog_name, subcommand, **kwargs)
