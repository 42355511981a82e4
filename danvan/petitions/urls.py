"""Officers' pages for citizen reception and petitions, under /can-bo/don-thu/.

Each module keeps its own `urls` list so that its pages stay together with their views.
"""

from danvan.petitions import (
    views_cases,
    views_hotspots,
    views_identity,
    views_province,
    views_reception,
    views_stats,
)

app_name = "petitions"
urlpatterns = [
    *views_cases.urls,
    *views_reception.urls,
    *views_identity.urls,
    *views_stats.urls,
    *views_hotspots.urls,
    *views_province.urls,
]
