"""Where each page and the API live."""

from django.contrib import admin
from django.contrib.auth import views as auth
from django.urls import include, path

from tracker_tool.portal.json_api import api
from tracker_tool.portal.pages import commission, returns, service
from tracker_tool.portal.signin import RateLimitedSignIn

pages = [
    path("", service.home, name="home"),
    path("sign-in/", auth.LoginView.as_view(template_name="portal/sign_in.html",
                                            authentication_form=RateLimitedSignIn,
                                            redirect_authenticated_user=True), name="sign-in"),
    path("sign-out/", auth.LogoutView.as_view(), name="sign-out"),
    path("services/", service.services_list, name="services"),
    path("services/<int:service_id>/", service.service_page, name="service"),
    path("services/<int:service_id>/template/<str:kind>.xlsx", service.template_download,
         name="template"),
    path("services/<int:service_id>/upload/", service.upload, name="upload"),
    path("returns/<int:return_id>/", returns.return_page, name="return"),
    path("returns/<int:return_id>/audit.xlsx", returns.audit_download, name="audit"),
    path("returns/<int:return_id>/pack.pdf", returns.pack_download, name="pack"),
    path("periods/", commission.periods, name="periods"),
    path("periods/<int:period_id>/", commission.period_page, name="period"),
    path("periods/<int:period_id>/edit/", commission.period_edit, name="period-edit"),
    path("periods/<int:period_id>/delete/", commission.period_delete, name="period-delete"),
    path("periods/<int:period_id>/<str:name>", commission.period_download, name="download"),
]
urlpatterns = [
    path("", include((pages, "portal"))),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
