from django.urls import path

from kompetencedialog.core import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
]
