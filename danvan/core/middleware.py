from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
