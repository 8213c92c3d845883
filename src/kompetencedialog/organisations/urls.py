from django.contrib.auth import views as auth_views
from django.urls import include, path

from kompetencedialog.organisations import views

app_name = "organisations"
urlpatterns = [
    path("organisationer/", views.organisation_list, name="list"),
    path("profil/", views.profile, name="profile"),
]

# Django's log-in, log-out and password-reset views, under their usual (un-namespaced) names.
account_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("", include("django.contrib.auth.urls")),
]
