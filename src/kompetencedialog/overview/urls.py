from django.urls import path

from kompetencedialog.overview import views

app_name = "overview"
urlpatterns = [
    path("", views.index, name="index"),
]
