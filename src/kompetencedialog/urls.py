from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from kompetencedialog.organisations.urls import account_urlpatterns

urlpatterns = [
    path("", include("kompetencedialog.home.urls")),
    path("", include("kompetencedialog.core.urls")),
    path("", include("kompetencedialog.organisations.urls")),
    path("konto/", include(account_urlpatterns)),
    path("dialogredskab/", include("kompetencedialog.toolkit.urls")),
    path("forloeb/", include("kompetencedialog.processes.urls")),
    path("opfoelgning/", include("kompetencedialog.followup.urls")),
    path("", include("kompetencedialog.meetings.urls")),
    path("overblik/", include("kompetencedialog.overview.urls")),
    path("kurser/", include("kompetencedialog.courses.urls")),
    path("praksiseksempler/", include("kompetencedialog.examples.urls")),
    path("api/v1/", include("kompetencedialog.api.urls")),
    path("sso/", include("kompetencedialog.sso.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "kompetencedialog.core.views.bad_request"
handler403 = "kompetencedialog.core.views.permission_denied"
handler404 = "kompetencedialog.core.views.page_not_found"
handler500 = "kompetencedialog.core.views.server_error"
