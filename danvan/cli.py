"""The `danvan` console command: the project's manage.py under a real name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    from django.core.management import execute_from_command_line
    from django.db import OperationalError, ProgrammingError

    try:
        execute_from_command_line(sys.argv)
    except (OperationalError, ProgrammingError) as e:
        # A command run before `migrate` finds no tables: say what to do, not a traceback.
        if "no such table" not in str(e) and "does not exist" not in str(e):
            raise
        sys.stderr.write(
            "Cơ sở dữ liệu chưa được tạo hoặc chưa cập nhật: chạy `danvan migrate` trước.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
