"""Officers' pages for the disclosure register (công khai, Luật THDCCS 2022 Art. 11–13), under /can-bo/cong-khai/."""

from danvan.disclosures import views

app_name = "disclosures"
urlpatterns = [*views.urls]
