from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from danvan.core.divisions import ensure_commune, ensure_communes_of_province


class Command(BaseCommand):
    help = "Tạo tỉnh và xã theo danh mục hành chính chính thức (gói vietnam-provinces)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--commune", type=int, action="append", help="mã xã, ví dụ 06079")
        group.add_argument("--province", type=int, help="mã tỉnh: tạo mọi xã của tỉnh, ví dụ 20")

    @transaction.atomic
    def handle(self, *args: object, **options: object) -> None:
        try:
            if options["province"]:
                units = ensure_communes_of_province(int(options["province"]))  # type: ignore[call-overload]
            else:
                units = [ensure_commune(code) for code in options["commune"]]  # type: ignore[attr-defined]
        except (KeyError, ValueError):
            raise CommandError("Mã tỉnh hoặc mã xã không có trong danh mục hành chính.") from None
        for unit in units:
            self.stdout.write(f"{unit.code} {unit.name} – {unit.parent}")
