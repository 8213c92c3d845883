from django.urls import path

from kompetencedialog.sso import views

app_name = "sso"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("<int:provider_id>/login/", views.begin, name="login"),
    path("oidc/<int:provider_id>/callback/", views.oidc_callback, name="oidc_callback"),
    path("saml/<int:provider_id>/acs/", views.saml_acs, name="saml_acs"),
    path("saml/<int:provider_id>/metadata/", views.saml_metadata, name="saml_metadata"),
    path("saml/<int:provider_id>/sls/", views.saml_sls, name="saml_sls"),
    path("logout/", views.logout, name="logout"),
    path("logget-ud/", views.logged_out, name="logged_out"),
    path("organisation/<int:organisation_id>/", views.configuration, name="configuration"),
    path("organisation/<int:organisation_id>/test/", views.test_connection, name="test"),
    path("mapping/<int:mapping_id>/slet/", views.delete_mapping, name="delete_mapping"),
]
