from django.urls import include, path

from danvan.portal import (
    consultations,
    decisions,
    dialogues,
    disclosures,
    home,
    inspections,
    mediation,
    movement,
    news,
    petitions,
    promises,
    questioning,
    supervision,
    views,
    voters,
)

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("ke-hoach/<int:pk>/", views.plan_accountability, name="plan"),
    path("gui-don/", petitions.petition_new, name="petition_new"),
    path("tra-cuu/", petitions.petition_lookup, name="petition_lookup"),
    path("don/<str:code>/", petitions.petition_status, name="petition_status"),
    path("don/<str:code>/bien-nhan/", petitions.petition_receipt, name="petition_receipt"),
    # Each public part lists its own pages, next to its views.
    path("giam-sat/", include(supervision)),
    path("lay-y-kien/", include(consultations)),
    path("dan-quyet-dinh/", include(decisions)),
    path("cong-khai/", include(disclosures)),
    path("da-hua-da-lam/", include(promises)),
    path("doi-thoai/", include(dialogues)),
    path("cu-tri/", include(voters)),
    path("chat-van/", include(questioning)),
    path("kiem-tra/", include(inspections)),
    path("hoa-giai/", include(mediation)),
    path("dan-van-kheo/", include(movement)),
    path("tin-tuc/", include(news)),
]
