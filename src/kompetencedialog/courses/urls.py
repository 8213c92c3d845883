from django.urls import path

from kompetencedialog.courses import views

app_name = "courses"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("nyt/", views.create_course, name="create"),
    path("mine/", views.my_enrolments, name="mine"),
    path("<int:course_id>/", views.course_detail, name="detail"),
    path("<int:course_id>/rediger/", views.edit_course, name="edit"),
    path("<int:course_id>/hold/", views.course_runs, name="runs"),
    path("<int:course_id>/giv-besked/", views.tell_me, name="tell_me"),
    path("hold/<int:course_run_id>/tilmeld/", views.enrol, name="enrol"),
    path("hold/<int:course_run_id>/deltagere.<str:fmt>", views.export_participants, name="export"),
    path("tilmeldinger/<int:enrolment_id>/", views.mapping, name="mapping"),
    path("tilmeldinger/<int:enrolment_id>/afmeld/", views.cancel, name="cancel"),
    path("tilmeldinger/<int:enrolment_id>/plan/", views.add_to_plan, name="add_to_plan"),
]
