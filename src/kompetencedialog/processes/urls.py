from django.urls import path

from kompetencedialog.processes import views

app_name = "processes"
urlpatterns = [
    path("", views.process_list, name="list"),
]
