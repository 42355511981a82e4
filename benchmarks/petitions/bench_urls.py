"""The project's URLs, with the hotspot and similar-petition pages mounted if petitions/urls.py
does not mount them yet (the one-line change is the lead's to make)."""

from django.urls import include, path

from danvan import urls as root
from danvan.petitions import urls as petitions
from danvan.petitions import views_hotspots

names = {getattr(p, "name", None) for p in petitions.urlpatterns}
if "hotspots" in names:
    urlpatterns = root.urlpatterns
else:
    urlpatterns = [
        path(
            "can-bo/don-thu/",
            include(([*views_hotspots.urls, *petitions.urlpatterns], "petitions")),
        ),
        *(u for u in root.urlpatterns if str(u.pattern) != "can-bo/don-thu/"),
    ]
handler400, handler403, handler404, handler500 = (
    root.handler400,
    root.handler403,
    root.handler404,
    root.handler500,
)
