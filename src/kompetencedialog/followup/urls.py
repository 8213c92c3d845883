from django.urls import path

from kompetencedialog.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.my_actions, name="my_actions"),
    path("forloeb/<int:process_id>/", views.process_followup, name="process"),
    path("forloeb/<int:process_id>/start/", views.meeting_start, name="start"),
    path("forloeb/<int:process_id>/moeder/", views.schedule_meeting, name="schedule_meeting"),
    path("forloeb/<int:process_id>/kalender/", views.create_feed, name="create_feed"),
    path("forloeb/<int:process_id>/kalender/luk/", views.revoke_feed, name="revoke_feed"),
    path("forloeb/<int:process_id>/kursaendringer/", views.course_changes, name="course_changes"),
    path("forloeb/<int:process_id>/mus/", views.development_points, name="development_points"),
    path("forloeb/<int:process_id>/skabelon/", views.save_template, name="save_template"),
    path("forloeb/<int:process_id>/kopier/", views.start_from_process, name="copy_process"),
    path("moeder/<int:followup_meeting_id>/", views.followup_meeting, name="meeting"),
    path("moeder/<int:followup_meeting_id>/aflys/", views.cancel_meeting, name="cancel_meeting"),
    path("moeder/<int:followup_meeting_id>/kalender.ics", views.meeting_ics, name="meeting_ics"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="feed"),
    path("punkter/<int:outcome_id>/status/", views.update_status, name="status"),
    path("markoerer/<int:outcome_id>/", views.marker_history, name="marker"),
    path("indtjek/<int:checkin_id>/bilag/", views.evidence_file, name="evidence"),
    path("mus/<int:point_id>/", views.development_point, name="development_point"),
    path("skabeloner/", views.template_list, name="templates"),
    path("skabeloner/<int:template_id>/start/", views.start_from_template, name="use_template"),
    path("skabeloner/<int:template_id>/udgiv/", views.publish_template, name="publish_template"),
    path("afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
