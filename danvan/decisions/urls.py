"""Officers' and village heads' pages for matters villagers discuss and decide (Luật THDCCS 2022 Art. 15–22), under /can-bo/dan-quyet-dinh/."""

from danvan.decisions import views

app_name = "decisions"
urlpatterns = [*views.urls]
