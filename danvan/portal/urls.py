from django.urls import path

from danvan.portal import consultations as consultations_portal
from danvan.portal import decisions, home, petitions, views
from danvan.portal import disclosures as disclosures_portal
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
    path("lay-y-kien/", consultations_portal.consultation_list, name="consultation_list"),
    path("lay-y-kien/<int:pk>/", consultations_portal.consultation, name="consultation"),
    path(
        "lay-y-kien/<int:pk>/da-gui/",
        consultations_portal.consultation_thanks,
        name="consultation_thanks",
    ),
    path(
        "lay-y-kien/<int:pk>/tai-lieu/<int:aid>/",
        consultations_portal.consultation_file,
        name="consultation_file",
    ),
    path("dan-quyet-dinh/", decisions.decision_list, name="decisions"),
    path("dan-quyet-dinh/<int:pk>/", decisions.decision_detail, name="decision"),
    path("cong-khai/", disclosures_portal.disclosure_list, name="disclosures"),
    path("cong-khai/<int:pk>/", disclosures_portal.disclosure_detail, name="disclosure"),
    path(
        "cong-khai/<int:pk>/tep/<int:doc>/",
        disclosures_portal.disclosure_file,
        name="disclosure_file",
    ),
]
