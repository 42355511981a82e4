import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.utils.cache import patch_cache_control


def client_ip(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Behind a reverse proxy, take the client's address from the proxy's header, so that rate
    limits and login lockouts count citizens, not the proxy. The proxy appends the address it saw
    last, so the last entry is the one to trust."""
    header = settings.DANVAN_CLIENT_IP_HEADER
    meta_key = "HTTP_" + header.upper().replace("-", "_") if header else ""

    def middleware(request: HttpRequest) -> HttpResponse:
        if meta_key:
            forwarded = request.META.get(meta_key, "")
            if forwarded:
                request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return get_response(request)

    return middleware


def no_store(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Pages with personal data must stay out of every cache (a shared computer's browser, a
    proxy): `Cache-Control: no-store` and `Pragma: no-cache` on every answer to a request that
    carries a session (every signed-in officer), on every answer to a sent form (it shows what
    was typed) and on pages a view marks `never_cache` (a citizen's petition by its code).
    It reads the session cookie, not the user, so that it never queries the database."""
    session_cookie = settings.SESSION_COOKIE_NAME

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            session_cookie in request.COOKIES
            or request.method not in ("GET", "HEAD")
            or "no-store" in response.get("Cache-Control", "")
        ):
            patch_cache_control(response, no_store=True, private=True)
            response["Pragma"] = "no-cache"
        return response

    return middleware


# A part's header that Django's multipart parser cannot decode is skipped, and the file with it:
# a file whose name is not UTF-8 would vanish from the form without a word.
_PART_PARAM = re.compile(rb'(?i)(?:^|[;\s])(name|filename)="([^"]*)"')
_MAX_PART_HEADER = 16 * 1024


class _PartHeaders:
    """The request body passed through unchanged, noting each file part whose header line is
    not UTF-8: (field name, file name with the bytes that are not UTF-8 as lone surrogates)."""

    def __init__(self, stream: Any, boundary: bytes) -> None:
        self.stream = stream
        self.delimiter = b"--" + boundary
        self.pending = b""
        self.unreadable: list[tuple[str, str]] = []

    def read(self, *args: Any) -> bytes:
        chunk = self.stream.read(*args)
        self._scan(chunk)
        return chunk

    def readline(self, *args: Any) -> bytes:
        line = self.stream.readline(*args)
        self._scan(line)
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def _scan(self, chunk: bytes) -> None:
        data, start = self.pending + chunk, 0
        while True:
            at = data.find(self.delimiter, start)
            if at < 0:
                # Keep enough to find a delimiter cut in two by the chunks.
                self.pending = data[max(start, len(data) - len(self.delimiter)) :]
                return
            end = data.find(b"\r\n\r\n", at)
            if end < 0 and len(data) - at <= _MAX_PART_HEADER:
                self.pending = data[at:]
                return
            if end >= 0:
                self._headers(data[at + len(self.delimiter) : end])
            start = (end + 4) if end >= 0 else at + 1

    def _headers(self, block: bytes) -> None:
        for line in block.split(b"\r\n"):
            if not line.lower().startswith(b"content-disposition:"):
                continue
            try:
                line.decode()
            except UnicodeDecodeError:
                params = {k.lower(): v for k, v in _PART_PARAM.findall(line)}
                if b"filename" in params:
                    self.unreadable.append(
                        (
                            params.get(b"name", b"").decode(errors="surrogateescape"),
                            params[b"filename"].decode(errors="surrogateescape"),
                        )
                    )


def unreadable_file_names(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A file whose name is not UTF-8 reaches its form as an empty file of that name (the bytes
    that are not UTF-8 as lone surrogates), which core.fields.check_file refuses with a
    message, instead of being dropped by Django's parser without a word. The body is parsed
    here, before the view, as CsrfViewMiddleware would anyway."""

    def middleware(request: HttpRequest) -> HttpResponse:
        boundary = request.content_params.get("boundary", "") if request.content_params else ""
        if request.method == "POST" and request.content_type == "multipart/form-data" and boundary:
            watch = _PartHeaders(request._stream, boundary.encode("latin-1"))  # type: ignore[attr-defined]
            request._stream = watch  # type: ignore[assignment]
            try:
                files = request.FILES
            except UnreadablePostError:  # the client went away: as CsrfViewMiddleware does
                files = None
            if files is not None:
                for field, name in watch.unreadable:
                    files.appendlist(field, SimpleUploadedFile(name, b""))
        return get_response(request)

    return middleware
