"""Officers' pages of grassroots mediation (hòa giải ở cơ sở), under /can-bo/hoa-giai/."""

from danvan.mediation import views

app_name = "mediation"
urlpatterns = [*views.urls]
