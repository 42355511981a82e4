from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.core.forms import LoginForm

admin.site.site_header = "Dân vận số – Quản trị"
admin.site.site_title = "Dân vận số"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("", include("danvan.portal.urls")),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("can-bo/", include("danvan.core.urls")),
    path("can-bo/", include("danvan.plans.urls")),
    path("can-bo/don-thu/", include("danvan.petitions.urls")),
    path("can-bo/cong-khai/", include("danvan.disclosures.urls")),
    path("can-bo/lay-y-kien/", include("danvan.consultations.urls")),
    path("can-bo/dan-quyet-dinh/", include("danvan.decisions.urls")),
    path("can-bo/giam-sat/", include("danvan.supervision.urls")),
    path("can-bo/cam-ket/", include("danvan.promises.urls")),
    path("can-bo/doi-thoai/", include("danvan.dialogues.urls")),
    path("can-bo/cu-tri/", include("danvan.voters.urls")),
    path("can-bo/chat-van/", include("danvan.questioning.urls")),
    path("can-bo/kiem-tra/", include("danvan.inspections.urls")),
    path("can-bo/hoa-giai/", include("danvan.mediation.urls")),
    path("can-bo/dan-van-kheo/", include("danvan.movement.urls")),
    path("can-bo/khen-thuong/", include("danvan.commendations.urls")),
    path("can-bo/tin-bai/", include("danvan.news.urls")),
    path("can-bo/du-luan/", include("danvan.opinion.urls")),
    path("can-bo/dan-toc-ton-giao/", include("danvan.ethnic_religious.urls")),
    path("can-bo/hoc-tap/", include("danvan.study.urls")),
    path("can-bo/tu-danh-gia/", include("danvan.scorecard.urls")),
    path("can-bo/dieu-hanh/", include("danvan.leaders.urls")),
    path("can-bo/mot-cua/", include("danvan.onestop.urls")),
    path("open311/v2/", include("danvan.open311.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/", include(("danvan.api.urls", "api"), namespace="api")),
]

handler400 = "danvan.core.views.bad_request"
handler403 = "danvan.core.views.permission_denied"
handler404 = "danvan.core.views.page_not_found"
# A storage failure outside any view is a 503 page; anything else, core.views.server_error.
handler500 = "danvan.core.failsafe.server_error"
