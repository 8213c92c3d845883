from django.urls import path

from kompetencedialog.examples import views

app_name = "examples"
urlpatterns = [
    path("", views.library, name="library"),
    path("ny/", views.new_example, name="new"),
    path("fra-forloeb/<int:process_id>/", views.draft_from_process, name="from_process"),
    path("<int:example_id>/", views.example_detail, name="detail"),
    path("<int:example_id>/praksiseksempel.pdf", views.example_pdf, name="pdf"),
    path("<int:example_id>/rediger/", views.edit_example, name="edit"),
    path("<int:example_id>/udgiv/", views.publish, name="publish"),
    path("<int:example_id>/tilbagetraek/", views.unpublish, name="unpublish"),
]
