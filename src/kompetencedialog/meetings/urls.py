from django.urls import path

from kompetencedialog.meetings import views

app_name = "meetings"
urlpatterns = [
    path("m/", views.enter_code, name="enter"),
    path("m/<str:code>/", views.join, name="join"),
    path("m/<str:code>/qr.svg", views.qr_code, name="qr"),
    path("m/bekraeft/<str:token>/", views.confirm_email, name="confirm_email"),
    path("moeder/nyt/<int:process_id>/", views.open_meeting, name="open"),
    path("moeder/moedeledere/<int:process_id>/", views.facilitators, name="facilitators"),
    path("moeder/<int:meeting_id>/", views.facilitate, name="facilitate"),
    path("moeder/<int:meeting_id>/projektor/", views.project, name="project"),
    path("moeder/<int:meeting_id>/afslut/", views.end_meeting, name="end"),
    path("moeder/<int:meeting_id>/referat/", views.summary, name="summary"),
]
