from django.urls import path

from kompetencedialog.sso import views

app_name = "sso"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("<int:pk>/login/", views.begin, name="login"),
    path("oidc/<int:pk>/callback/", views.oidc_callback, name="oidc_callback"),
    path("saml/<int:pk>/acs/", views.saml_acs, name="saml_acs"),
    path("saml/<int:pk>/metadata/", views.saml_metadata, name="saml_metadata"),
    path("saml/<int:pk>/sls/", views.saml_sls, name="saml_sls"),
    path("logout/", views.logout, name="logout"),
    path("logget-ud/", views.logged_out, name="logged_out"),
    path("organisation/<int:organisation_pk>/", views.configuration, name="configuration"),
    path("organisation/<int:organisation_pk>/test/", views.test_connection, name="test"),
    path("mapping/<int:pk>/slet/", views.delete_mapping, name="delete_mapping"),
]
