from django.urls import path

from kompetencedialog.api.main import api

urlpatterns = [
    path("", api.urls),
]
