from django.urls import path

from kompetencedialog.toolkit import views

app_name = "toolkit"
urlpatterns = [
    path("", views.index, name="index"),
]
