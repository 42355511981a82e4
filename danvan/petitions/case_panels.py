"""The case page's handling steps ("Xử lý đơn"): which step forms a case allows now, for whom,
and their panels as HTML.

A blank step form is written from few inputs: the day (its date's initial value), the case's
classification (ClassifyForm), the draft sent back (ResolveForm), the commune's handlers
(AssignForm). Building and writing the eight to ten forms of an open case was a third of the
page's time (about 5 ms of 15 in-process on the demo's case 8), so a blank form's fields are
written once per those inputs and kept:

- forms that read no record keep their fields per process, by what they are written from
  (`_pure_fields`: a pure function of its key, never stale);
- the assignment's list of the commune's handlers is kept until a record of the commune changes
  (core.cache.kept), a minute at most, as people and units change in the administrators' pages.

A form sent back with errors is written as it is (with what was typed). The panel around the
fields (`write_panels`) is what `cases_action.html` writes, which stays the reference:
`tests/test_case_panels.py` renders both and compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

from django import forms
from django.utils import translation

from danvan.core.cache import kept
from danvan.petitions.forms import (
    AcceptForm,
    AssignForm,
    ClassifyForm,
    LinkForm,
    ReasonForm,
    ResolveForm,
    RouteForm,
    SendBackForm,
    SignOffForm,
    StepForm,
)
from danvan.petitions.models import Petition

Status = Petition.Status


@dataclass(frozen=True)
class Panel:
    """A step's panel on the case page: its anchor (`buoc-<anchor>`), the last part of its
    URL under the case's, its title, help and button, as cases_detail.html gave them."""

    name: str
    anchor: str
    path: str
    title: str
    button: str
    help: str = ""
    danger: bool = False


# In the page's order (not the steps' order in views_cases.STEPS).
PANELS: list[Panel] = [
    Panel(
        "classify",
        "phan-loai",
        "phan-loai",
        "Phân loại",
        "Lưu phân loại",
        "Thay đổi phân loại (phức tạp, vùng sâu…) tính lại thời hạn theo quy tắc đang áp dụng.",
    ),
    Panel("assign", "giao", "giao-xu-ly", "Giao xử lý", "Giao"),
    Panel(
        "accept",
        "thu-ly",
        "thu-ly",
        "Thụ lý",
        "Thụ lý đơn",
        "Thời hạn giải quyết tính từ ngày hôm sau ngày thụ lý.",
    ),
    Panel(
        "extend",
        "gia-han",
        "gia-han",
        "Gia hạn giải quyết",
        "Gia hạn",
        "Chỉ vụ việc phức tạp hoặc đặc biệt phức tạp được gia hạn, trước khi hết hạn.",
    ),
    Panel("pause", "tam-dinh-chi", "tam-dinh-chi", "Tạm đình chỉ", "Tạm đình chỉ"),
    Panel("resume", "tiep-tuc", "tiep-tuc", "Tiếp tục giải quyết", "Tiếp tục"),
    Panel(
        "record",
        "buoc",
        "buoc-xu-ly",
        "Xác minh, đối thoại, kết luận",
        "Ghi bước xử lý",
        "Mỗi bước được ghi ngày và hiện trên trang tra cứu của người gửi.",
    ),
    Panel(
        "resolve",
        "ket-qua",
        "ket-qua",
        "Trình kết quả giải quyết",
        "Trình lãnh đạo ký duyệt",
        "Kết luận, quyết định do người xử lý dự thảo; đơn chỉ kết thúc khi lãnh đạo UBND xã ký "
        "duyệt. Thời hạn giải quyết vẫn tính trong khi chờ ký.",
    ),
    Panel(
        "sign_off",
        "ky-duyet",
        "ky-duyet",
        "Ký duyệt kết quả giải quyết",
        "Ký duyệt",
        "Đơn kết thúc vào ngày ký; văn bản trả lời người gửi mang tên người ký.",
    ),
    Panel(
        "send_back",
        "tra-lai-du-thao",
        "tra-lai-du-thao",
        "Trả lại dự thảo",
        "Trả lại cho người xử lý",
        danger=True,
    ),
    Panel(
        "route",
        "xu-ly",
        "xu-ly",
        "Hướng dẫn, chuyển, trả, lưu đơn",
        "Kết thúc xử lý đơn",
        danger=True,
    ),
    Panel("link", "lien-ket", "lien-ket", "Liên kết với đơn trước", "Liên kết"),
]
# A leader who types the result signs it at once.
SIGNER_RESOLVE = Panel(
    "resolve",
    "ket-qua",
    "ket-qua",
    "Kết quả giải quyết",
    "Ký, ban hành kết quả",
    "Lãnh đạo UBND xã ghi kết quả thì kết quả được ký ngay; đơn kết thúc vào ngày ký.",
)


def allowed(p: Petition, *, signer: bool) -> list[str]:
    """The steps this case allows now (for one who writes on it), in the page's order."""
    running = p.status == Status.ACCEPTED
    proposed = p.status == Status.PROPOSED
    shown = {
        "classify": p.is_open,
        "assign": p.is_open,
        "accept": p.status == Status.RECEIVED,
        # An accepted case ends with a signed result, so only a leader may still route it.
        "route": p.is_open and (not p.accepted_on or signer),
        "extend": running and p.step == "giai-quyet",
        "pause": running,
        "resume": p.status == Status.PAUSED,
        "resolve": running,
        "sign_off": proposed and signer,
        "send_back": proposed and signer,
        "record": running,
        "link": True,
    }
    return [panel.name for panel in PANELS if shown[panel.name]]


def blank_form(name: str, p: Petition, *, signer: bool, today: date) -> forms.Form:
    """A step's blank form for this case (what the page showed before its fields were kept)."""
    dated = {"on": today}
    if name == "classify":
        return ClassifyForm.for_petition(p)
    if name == "assign":
        return AssignForm(petition=p)
    if name == "accept":
        return AcceptForm(prefix="tl", initial={"accepted_on": today})
    if name == "route":
        return RouteForm(prefix="xl", initial=dated)
    if name in ("extend", "pause", "resume"):
        return ReasonForm(
            prefix={"extend": "gh", "pause": "dc", "resume": "tt"}[name], initial=dated
        )
    if name == "resolve":
        form = ResolveForm.for_petition(p, signer=signer)
        form.initial["decided_on"] = today
        return form
    if name == "sign_off":
        return SignOffForm(prefix="kd", initial={"signed_on": today})
    if name == "send_back":
        return SendBackForm(prefix="tr", initial=dated)
    if name == "record":
        return StepForm(prefix="bx", initial=dated)
    if name == "link":
        return LinkForm(prefix="lk")
    raise KeyError(name)


class _Inputs:
    """What a pure blank form is written from, standing in for the case in blank_form."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


CLASSIFIED = (
    "competent",
    "conditions_met",
    "complex",
    "very_complex",
    "remote",
    "several_places",
    "sensitive",
    "topic",
)
DRAFTED = ("outcome", "legal_basis", "public_answer")


@lru_cache(maxsize=256)
def _pure_fields(
    name: str, signer: bool, today: date, language: str | None, case: tuple[Any, ...]
) -> str:
    """A blank form that reads no record, written: a function of its arguments alone. `case`
    holds the case's values the form shows (classification, draft), in CLASSIFIED or DRAFTED
    order."""
    fields = CLASSIFIED if name == "classify" else DRAFTED if name == "resolve" else ()
    stand_in: Any = _Inputs(dict(zip(fields, case, strict=True)))
    with translation.override(language):
        return str(blank_form(name, stand_in, signer=signer, today=today))


def blank_fields(name: str, p: Petition, *, signer: bool, today: date) -> str:
    """A step's blank form as written (its fields; the panel is write_panels')."""
    if name == "assign":
        chosen = f"{p.handling_unit_id}-{p.handler_id}" if p.handler_id else ""
        return kept(
            f"petitions:assign|{p.commune_id}|{chosen}",
            p.commune_id,
            lambda: str(AssignForm(petition=p)),
            seconds=60,
        )
    fields = CLASSIFIED if name == "classify" else DRAFTED if name == "resolve" else ()
    case = tuple(getattr(p, f) for f in fields)
    language = translation.get_language()
    return _pure_fields(name, signer and name == "resolve", today, language, case)


@dataclass(frozen=True)
class Shown:
    """A panel as the page shows it: the panel, its form's fields as written, whether they
    are a form sent back with errors (the panel is then open)."""

    panel: Panel
    fields: str
    bound: bool = False


def panels(p: Petition, *, signer: bool, today: date, bound: dict[str, forms.Form]) -> list[Shown]:
    """The panels of the steps this case allows now; a bound form (with its errors) replaces
    its blank one."""
    out = []
    shown = set(allowed(p, signer=signer)) | set(bound)
    for name in (panel.name for panel in PANELS if panel.name in shown):
        panel = SIGNER_RESOLVE if name == "resolve" and signer else _BY_NAME[name]
        form = bound.get(name)
        if form is not None:
            out.append(Shown(panel, str(form), bound=True))
        else:
            out.append(Shown(panel, blank_fields(name, p, signer=signer, today=today)))
    return out


_BY_NAME = {panel.name: panel for panel in PANELS}


def write_panels(shown: list[Shown], *, case_url: str, csrf_input: str) -> str:
    """Each step's line of cases_detail.html as it was: two spaces, the panel as
    cases_action.html writes it (when the case allows the step), a new line."""
    by_name = {s.panel.name: s for s in shown}
    out = []
    for panel in PANELS:
        s = by_name.get(panel.name)
        out.append("  ")
        if s is not None:
            out.append(_panel(s, case_url + s.panel.path + "/", csrf_input))
        out.append("\n")
    return "".join(out)


def _panel(s: Shown, url: str, csrf_input: str) -> str:
    """cases_action.html"""
    p = s.panel
    helped = f'<p class="small text-body-secondary">{escape(p.help)}</p>' if p.help else ""
    button = "btn-outline-danger" if p.danger else "btn-primary"
    return (
        f'<details class="card mb-2" id="buoc-{escape(p.anchor)}"{" open" if s.bound else ""}>\n'
        f'  <summary class="card-header fw-semibold">{escape(p.title)}</summary>\n'
        f'  <div class="card-body">\n'
        f"  {helped}\n"
        f'  <form method="post" action="{escape(url)}" class="dv-form" novalidate>{csrf_input}\n'
        f"    {s.fields}\n"
        f'    <button class="btn {button}" type="submit">{escape(p.button)}</button>\n'
        f"  </form>\n"
        f"  </div>\n"
        f"</details>\n"
    )
