"""Officers' pages of the self-assessment (tự đánh giá công tác dân vận), under /can-bo/tu-danh-gia/."""

from danvan.scorecard import views

app_name = "scorecard"
urlpatterns = [*views.urls]
