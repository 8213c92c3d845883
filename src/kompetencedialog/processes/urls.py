from django.urls import path

from kompetencedialog.processes import views

app_name = "processes"
card = "<int:process_id>/kort/<slug:phase>/<slug:slug>/"
urlpatterns = [
    path("", views.process_list, name="list"),
    path("nyt/", views.start_process, name="start"),
    path("hvem-ser-hvad/", views.who_sees_what, name="who_sees_what"),
    path("maal/", views.goal_list, name="goals"),
    path("maal/<int:goal_id>/", views.edit_goal, name="edit_goal"),
    path("maal/<int:goal_id>/slet/", views.delete_goal, name="delete_goal"),
    path("<int:process_id>/", views.process_detail, name="detail"),
    path("<int:process_id>/ret/", views.edit_process, name="edit"),
    path("<int:process_id>/fase/", views.change_phase, name="change_phase"),
    path(card, views.card_detail, name="card"),
    path(card + "prioriter/", views.prioritise, name="prioritise"),
    path(card + "tilfoej/<slug:kind>/", views.add_outcome, name="add_outcome"),
    path(card + "resultat/<int:outcome_id>/", views.edit_outcome, name="edit_outcome"),
    path(card + "resultat/<int:outcome_id>/slet/", views.delete_outcome, name="delete_outcome"),
    path(card + "resultat/<int:outcome_id>/flyt/", views.move_competence, name="move"),
    path("<int:process_id>/plan/", views.plan_detail, name="plan"),
    path("<int:process_id>/plan/send/", views.send_plan, name="send_plan"),
    path("<int:process_id>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:process_id>/plan.docx", views.plan_docx, name="plan_docx"),
    path("<int:process_id>/plan/version/<int:version_id>/", views.plan_version, name="version"),
    path(
        "<int:process_id>/plan/version/<int:version_id>/plan.pdf",
        views.version_pdf,
        name="version_pdf",
    ),
    path(
        "<int:process_id>/plan/version/<int:version_id>/plan.docx",
        views.version_docx,
        name="version_docx",
    ),
]
