"""Browser fixtures: Debian's Chromium through Playwright, against pytest-django's live server.

Nothing here is autouse: only tests that ask for `browser`, `site`, `phone` or `desktop` start a
browser or switch to transactional database tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from danvan.conftest import PASSWORD, World
from danvan.core.models import User

# Playwright's sync API keeps an asyncio loop running in the main thread; Django would otherwise
# refuse ORM calls made by the test itself (fixtures, assertions) from that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TIMEOUT_MS = 10_000


@dataclass
class Console:
    """What the page complained about: console errors, uncaught exceptions, CSP violations."""

    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp.append(message.text)
        url = message.location.get("url", "")
        # Chromium asks for /favicon.ico on its own; the app has none (a 404, not a page error).
        if message.type == "error" and not url.endswith("/favicon.ico"):
            self.errors.append(f"{message.text} ({url})")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"uncaught: {error}")


@dataclass
class Session:
    """One browser context (one person on one device) with its first page."""

    context: BrowserContext
    page: Page
    console: Console
    base_url: str
    device: str

    def url(self, path: str) -> str:
        return self.base_url + path

    def menu(self, name: str) -> None:
        """Follow a link of the main menu, opening it first where it is folded (phones)."""
        toggler = self.page.get_by_role("button", name="Menu")
        if toggler.is_visible():
            toggler.click()
            # Bootstrap folds it open with an animation: a click while it moves can miss.
            self.page.locator("#menu-chinh.show:not(.collapsing)").wait_for()
        link = self.page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
            "link", name=name, exact=True
        )
        link.click()

    def login(self, user: User) -> None:
        """Sign in through the real form, as a person would."""
        page = self.page
        page.goto(self.url("/dang-nhap/"))
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập").click()
        assert "/dang-nhap/" not in page.url, "login failed"

    def screenshot(self, request: pytest.FixtureRequest, step: str = "") -> Path:
        """Save the page under var/screenshots/<test-name>[-<step>]-<phone|desktop>.png."""
        folder = Path(django_settings.VAR_DIR) / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        name = "-".join(part for part in (request.node.name, step, self.device) if part)
        path = folder / f"{name}.png"
        # Park the pointer so no hover effect (or its CSS transition) is caught half-way.
        viewport = self.page.viewport_size or {"width": 1, "height": 1}
        self.page.mouse.move(viewport["width"] - 1, viewport["height"] - 1)
        self.page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
        return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (never playwright install)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def site(migrated_rows: None, live_server, settings, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The live server's base URL, on a transactional database holding the rows the
    migrations load (danvan/conftest.py); uploads go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return str(live_server.url)


@pytest.fixture
def live_world(site: str, world: World) -> World:
    """The personas, committed (requested after `transactional_db`) so the server sees them."""
    return world


def _session(browser: Browser, base_url: str, device: str, **options: object) -> Iterator[Session]:
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True, **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console = Console()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    try:
        yield Session(context=context, page=page, console=console, base_url=base_url, device=device)
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser, site: str) -> Iterator[Session]:
    yield from _session(
        browser,
        site,
        "phone",
        viewport=PHONE,
        screen=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


@pytest.fixture
def desktop(browser: Browser, site: str) -> Iterator[Session]:
    yield from _session(browser, site, "desktop", viewport=DESKTOP)
