from django.urls import path

from danvan.portal import home, petitions, views
from danvan.portal import supervision as supervision_portal

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("ke-hoach/<int:pk>/", views.plan_accountability, name="plan"),
    path("gui-don/", petitions.petition_new, name="petition_new"),
    path("tra-cuu/", petitions.petition_lookup, name="petition_lookup"),
    path("don/<str:code>/", petitions.petition_status, name="petition_status"),
    path("don/<str:code>/bien-nhan/", petitions.petition_receipt, name="petition_receipt"),
    path("giam-sat/", supervision_portal.supervision_list, name="supervision"),
    path("giam-sat/<int:pk>/", supervision_portal.supervision_detail, name="supervision_detail"),
    path(
        "giam-sat/<int:pk>/tep/<int:file_pk>/",
        supervision_portal.supervision_file,
        name="supervision_file",
    ),
]
