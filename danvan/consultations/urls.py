"""Officers' pages for consultations on drafts (lấy ý kiến, Luật THDCCS 2022 Art. 25–26), under /can-bo/lay-y-kien/."""

from danvan.consultations import views

app_name = "consultations"
urlpatterns = [*views.urls]
