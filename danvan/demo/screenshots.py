"""Screenshots of issue 12's pages on a running demo server, for people to look at (not a test).

    DANVAN_DATABASE_URL=sqlite:///var/shots.sqlite3 .venv/bin/danvan migrate
    DANVAN_DATABASE_URL=sqlite:///var/shots.sqlite3 .venv/bin/danvan load-demo
    DANVAN_DATABASE_URL=sqlite:///var/shots.sqlite3 .venv/bin/danvan runserver 127.0.0.1:8124 --noreload &
    .venv/bin/python -m danvan.demo.screenshots [--base http://127.0.0.1:8124] [--out /tmp/shots]

Each persona signs in through the form and each page is saved at phone (390×844) and desktop
(1366×900) widths as <out>/<persona>-<page>-<phone|desktop>.png (the first screen) and
...-full.png (the whole page); console errors and pages wider than the screen are printed.
Pages are reached by URL or, for the demo's own records, by the link a person would follow.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Error, Page, ViewportSize, sync_playwright

# The demo's (danvan.demo.units.DEMO_PASSWORD, leaders_story.PROPOSED_SUBJECT): repeated here so
# that the script runs without Django's settings.
DEMO_PASSWORD = "demo-2026"  # noqa: S105 - the demo's printed password
PROPOSED_SUBJECT = "Kiến nghị sửa chữa nhà văn hóa thôn Hòa Bình"
DEVICES: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1366, "height": 900},
}
OVERVIEW, MY_WORK = "/can-bo/dieu-hanh/tong-quan/", "/can-bo/dieu-hanh/viec-cua-toi/"
DIRECTIVES, REPORTS = "/can-bo/dieu-hanh/chi-dao/", "/can-bo/dieu-hanh/bao-cao/"

# persona -> [(page name, URL or ("follow", from URL, link text pattern))]
PAGES: dict[str, list[tuple[str, str | tuple[str, str, str]]]] = {
    "chutich": [
        ("tong-quan", OVERVIEW),
        ("viec-cua-toi", MY_WORK),
        ("chi-dao", DIRECTIVES),
        ("chi-dao-1", ("follow", DIRECTIVES, r"Tiếp tục chỉ đạo")),
        ("don-cho-ky", ("follow", MY_WORK, re.escape(PROPOSED_SUBJECT))),
        ("bao-cao-cho-duyet", "/can-bo/nhiem-vu/cho-duyet/"),
        ("bao-cao-dinh-ky", REPORTS),
        ("thong-bao", "/can-bo/thong-bao/"),
    ],
    "vhxh": [
        ("viec-cua-toi", MY_WORK),
        ("chi-dao", DIRECTIVES),
        ("chi-dao-1", ("follow", DIRECTIVES, r"Tiếp tục chỉ đạo")),
        ("tong-quan", OVERVIEW),
    ],
    "vanphong": [
        ("viec-cua-toi", MY_WORK),
        ("don-thu", "/can-bo/don-thu/"),
        ("thong-bao", "/can-bo/thong-bao/"),
        ("cai-dat-thong-bao", "/can-bo/thong-bao/cai-dat/"),
        ("bao-cao-dinh-ky", REPORTS),
    ],
    "truongthon": [("trang-dau", "/can-bo/"), ("viec-cua-toi", MY_WORK), ("tong-quan", OVERVIEW)],
    "tinh": [("tong-quan", OVERVIEW)],
}


def login(page: Page, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()


def visit(page: Page, base: str, target: str | tuple[str, str, str]) -> None:
    if isinstance(target, str):
        page.goto(base + target)
        return
    _follow, start, pattern = target
    page.goto(base + start)
    page.get_by_role("link", name=re.compile(pattern)).first.click()
    page.wait_for_load_state()


def _console_to(errors: list[str]) -> Callable[[ConsoleMessage], None]:
    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url', '')})")

    return on_console


def _page_error_to(errors: list[str]) -> Callable[[Error], None]:
    def on_error(error: Error) -> None:
        errors.append(f"uncaught: {error}")

    return on_error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8124")
    parser.add_argument("--out", default="/tmp/shots", type=Path)  # noqa: S108 - for the lead
    parser.add_argument("--only", default="", help="persona to shoot (all by default)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    problems = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for persona, pages in PAGES.items():
            if args.only and persona != args.only:
                continue
            for device, viewport in DEVICES.items():
                context = browser.new_context(
                    viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
                )
                page = context.new_page()
                errors: list[str] = []
                page.on("console", _console_to(errors))
                page.on("pageerror", _page_error_to(errors))
                login(page, args.base, persona)
                for name, target in pages:
                    errors.clear()
                    try:
                        visit(page, args.base, target)
                    except Exception as exc:  # report it and go on to the next page
                        print(f"{persona} {name} {device}: {exc}", file=sys.stderr)
                        problems += 1
                        continue
                    path = args.out / f"{persona}-{name}-{device}.png"
                    page.screenshot(path=str(path), animations="disabled")  # the first screen
                    full = path.with_name(f"{path.stem}-full.png")
                    page.screenshot(path=str(full), full_page=True, animations="disabled")
                    wide = page.evaluate("document.documentElement.scrollWidth") > viewport["width"]
                    note = " (wider than the screen)" if wide else ""
                    print(f"{path}{note}{'; console: ' + '; '.join(errors) if errors else ''}")
                    problems += bool(errors) + wide
                context.close()
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
