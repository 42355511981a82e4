"""The services of GeoReport v2: what a citizen may send through another app, by field.

A service is a kind a citizen sends on the portal that is about the commune's common affairs,
kiến nghị (a recommendation) or phản ánh (a report of something happening), in one field
(lĩnh vực, `Petition.Topic`): "recommendation-land" is a kiến nghị về đất đai. Complaints
(khiếu nại) and denunciations (tố cáo) are not services: a complaint is about one person's
rights and a denunciation must protect its sender (Luật Tố cáo 2018, Điều 8 khoản 3), so
neither is published nor taken from another system here; the portal's form takes them.

Each service has a definition ("GET Service Definition") listing what the portal's form asks
beyond GeoReport's own fields: the pledge (required, as on the form), the summary, the sender's
address, and the village when the commune is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.core.models import Unit
from danvan.lib.text import fold
from danvan.petitions.models import Petition, PetitionKind
from danvan.portal.forms import KINDS, PetitionForm

PUBLIC_KINDS = (PetitionKind.RECOMMENDATION, PetitionKind.REFLECTION)

# The attributes of every definition (attribute[code]=value in a POST), by the portal form's
# field they fill.
PLEDGE, SUMMARY, SENDER_ADDRESS, VILLAGE = "cam_doan", "tom_tat", "dia_chi", "thon"
PLEDGE_YES = "dong_y"


@dataclass(frozen=True)
class Service:
    kind: str
    topic: str

    @property
    def code(self) -> str:
        return f"{self.kind}-{self.topic}"

    @property
    def kind_label(self) -> str:
        return str(PetitionKind(self.kind).label)

    @property
    def topic_label(self) -> str:
        return str(Petition.Topic(self.topic).label)

    @property
    def name(self) -> str:
        return _name(self.kind, self.topic, get_language())

    def row(self) -> dict[str, object]:
        """The service as "GET Service List" gives it."""
        explained = next(h for k, _t, h in KINDS if k == self.kind)
        words = [self.kind_label.lower(), self.topic_label.lower()]
        return {
            "service_code": self.code,
            "service_name": self.name,
            "description": _("%(kind)s Lĩnh vực: %(topic)s.")
            % {"kind": explained, "topic": self.topic_label.lower()},
            "metadata": True,
            "type": "realtime",
            "keywords": ", ".join(words + [fold(w) for w in words]),
            "group": self.topic_label,
        }


@lru_cache(maxsize=64)
def _name(kind: str, topic: str, language: str | None) -> str:
    """A service's name, translated once per language (a page of requests names hundreds)."""
    return f"{PetitionKind(kind).label} – {Petition.Topic(topic).label}"


SERVICES = {s.code: s for s in (Service(k, t) for k in PUBLIC_KINDS for t in Petition.Topic)}


def service_of(kind: str, topic: str) -> Service | None:
    return SERVICES.get(f"{kind}-{topic}")


def definition(service: Service, commune: Unit | None) -> dict[str, object]:
    """The answer of "GET Service Definition": the portal form's own fields that GeoReport lacks. The village
    list needs the commune (jurisdiction_id, or the install's one commune)."""
    form = PetitionForm(communes=[], villages=[])
    attributes: list[dict[str, object]] = [
        {
            "variable": True,
            "code": PLEDGE,
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": _("Chọn “%(yes)s” khi người gửi đã đánh dấu lời cam đoan.")
            % {"yes": PLEDGE_YES},
            "order": 1,
            "description": str(form.fields["consent"].label),
            "values": [{"key": PLEDGE_YES, "name": _("Đồng ý, cam đoan")}],
        },
        {
            "variable": True,
            "code": SUMMARY,
            "datatype": "string",
            "required": False,
            "datatype_description": _(
                "Tối đa 300 ký tự. Bỏ trống: lấy câu đầu của phần mô tả (description)."
            ),
            "order": 2,
            "description": f"{form.fields['subject'].label}. {form.fields['subject'].help_text}",
            "values": None,
        },
        {
            "variable": True,
            "code": SENDER_ADDRESS,
            "datatype": "string",
            "required": False,
            "datatype_description": _("Tối đa 300 ký tự."),
            "order": 3,
            "description": _("Địa chỉ của người gửi (không công khai)."),
            "values": None,
        },
    ]
    if commune is not None:
        villages = Unit.objects.filter(
            kind=Unit.Kind.VILLAGE, commune=commune, is_active=True
        ).order_by("name")
        attributes.append(
            {
                "variable": True,
                "code": VILLAGE,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": _("Bỏ trống nếu không rõ hoặc không thuộc thôn nào."),
                "order": 4,
                "description": str(form.fields["village"].label),
                "values": [{"key": str(v.pk), "name": v.name} for v in villages],
            }
        )
    return {"service_code": service.code, "attributes": attributes}
