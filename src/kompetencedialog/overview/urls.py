from django.urls import path

from kompetencedialog.overview import views

app_name = "overview"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:organisation_id>/", views.organisation_overview, name="organisation"),
    path("<int:organisation_id>/forloeb/", views.process_list, name="processes"),
    path(
        "<int:organisation_id>/forloeb/<int:process_id>/",
        views.process_detail,
        name="process",
    ),
    path("<int:organisation_id>/eksport.xlsx", views.export_all, name="export"),
    path(
        "<int:organisation_id>/eksport/<slug:table>.<str:fmt>",
        views.export_table,
        name="export_table",
    ),
    path(
        "<int:organisation_id>/faelles-indsats/",
        views.joint_initiative_new,
        name="joint_initiative_new",
    ),
    path("<int:organisation_id>/historik/", views.history, name="history"),
]
